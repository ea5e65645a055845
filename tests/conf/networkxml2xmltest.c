/* Network XML round trips: tests/data/networkxml2xml/NAME.xml parsed and
 * formatted must give NAME.out.xml (NAME-inactive.out.xml for the inactive
 * format); inputs that must be refused give NAME.err. The update cases apply
 * update-NAME.xml to update-base.xml through virNetworkDefUpdateSection and
 * compare the result (or the error) the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "network_conf.h"
#include "virerror.h"

#define SUITE "networkxml2xml"

typedef enum {
    TEST_MASK_UUID = 1 << 0,    /* no <uuid> in the input: check it, then hide it */
    TEST_INACTIVE = 1 << 1,     /* also compare the inactive format */
} testFlags;

typedef struct {
    const char *name;
    unsigned int flags;
} testInfo;

typedef struct {
    const char *name;
    unsigned int command;
    unsigned int section;
    int parentIndex;
    bool fail;
} testUpdateInfo;

/* Replaces a generated (non-zero, valid) UUID by a fixed word. */
static int
testMaskUUID(char **xml)
{
    const char *open = strstr(*xml, "<uuid>");
    const char *close = open ? strstr(open, "</uuid>") : NULL;
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned char zero[VIR_UUID_BUFLEN] = { 0 };
    g_autofree char *value = NULL;
    char *masked;

    if (!open || !close) {
        fprintf(stderr, "no <uuid> in the output\n");
        return -1;
    }
    value = g_strndup(open + 6, close - open - 6);
    if (virUUIDParse(value, uuid) < 0 || memcmp(uuid, zero, sizeof(zero)) == 0) {
        fprintf(stderr, "unexpected generated uuid '%s'\n", value);
        return -1;
    }
    masked = g_strdup_printf("%.*sGENERATED%s", (int)(open + 6 - *xml), *xml, close);
    g_free(*xml);
    *xml = masked;
    return 0;
}

/* What we write we read back unchanged, and a copy formats the same. */
static int
testCheckStable(const virNetworkDef *def, const char *actual, unsigned int flags)
{
    g_autoptr(virNetworkDef) reparsed = NULL;
    g_autoptr(virNetworkDef) copy = NULL;
    g_autofree char *again = NULL;
    g_autofree char *copied = NULL;

    if (!(reparsed = virNetworkDefParseString(actual, 0))) {
        fprintf(stderr, "re-parsing the output failed: %s\n",
                virErrorGetLast() ? virErrorGetLast()->message : "?");
        return -1;
    }
    again = virNetworkDefFormat(reparsed, flags);
    copy = virNetworkDefCopy(def);
    copied = virNetworkDefFormat(copy, flags);
    if (strcmp(again, actual) != 0 || strcmp(copied, actual) != 0) {
        fprintf(stderr, "output is not stable across a round trip or a copy:\n%s%s",
                again, copied);
        return -1;
    }
    return 0;
}

static int
testCompareOne(const testInfo *info, const virNetworkDef *def, unsigned int flags,
               const char *suffix)
{
    g_autofree char *outName = g_strdup_printf("%s%s.out.xml", info->name, suffix);
    g_autofree char *outPath = virTestDataPath(SUITE, outName);
    g_autofree char *actual = virNetworkDefFormat(def, flags);

    if (testCheckStable(def, actual, flags) < 0)
        return -1;
    if ((info->flags & TEST_MASK_UUID) && testMaskUUID(&actual) < 0)
        return -1;
    return virTestCompareToFile(actual, outPath);
}

static int
testCompareXMLToXML(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inName = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *xml = NULL;
    g_autoptr(virNetworkDef) def = NULL;

    if (virTestLoadFile(in, &xml) < 0 ||
        !(def = virNetworkDefParseString(xml, 0)))
        return -1;
    if (testCompareOne(info, def, 0, "") < 0)
        return -1;
    if ((info->flags & TEST_INACTIVE) &&
        testCompareOne(info, def, VIR_NETWORK_XML_INACTIVE, "-inactive") < 0)
        return -1;
    return 0;
}

static int
testCompareError(const char *name)
{
    g_autofree char *errName = g_strdup_printf("%s.err", name);
    g_autofree char *errPath = virTestDataPath(SUITE, errName);
    g_autofree char *actual = NULL;
    const virErrorInfo *err;

    if (!(err = virErrorGetLast()) || !err->message) {
        fprintf(stderr, "%s: failed without reporting an error\n", name);
        return -1;
    }
    if (err->domain != VIR_FROM_NETWORK) {
        fprintf(stderr, "%s: error reported in domain %d: %s\n", name, err->domain,
                err->message);
        return -1;
    }
    actual = g_strdup_printf("code=%d\n%s\n", err->code, err->message);
    return virTestCompareToFile(actual, errPath);
}

static int
testCompareXMLToError(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inName = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *xml = NULL;
    g_autoptr(virNetworkDef) def = NULL;

    if (virTestLoadFile(in, &xml) < 0)
        return -1;
    if ((def = virNetworkDefParseString(xml, 0))) {
        fprintf(stderr, "%s: parsing succeeded, an error was expected\n", info->name);
        return -1;
    }
    return testCompareError(info->name);
}

/* Applies update-NAME.xml to update-base.xml. A failure must leave the
 * definition untouched, with the error of update-NAME.err. */
static int
testUpdate(const void *opaque)
{
    const testUpdateInfo *info = opaque;
    g_autofree char *basePath = virTestDataPath(SUITE, "update-base.xml");
    g_autofree char *inName = g_strdup_printf("update-%s.xml", info->name);
    g_autofree char *inPath = virTestDataPath(SUITE, inName);
    g_autofree char *outName = g_strdup_printf("update-%s.out.xml", info->name);
    g_autofree char *errShort = g_strdup_printf("update-%s", info->name);
    g_autofree char *baseXML = NULL;
    g_autofree char *snippet = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *outPath = NULL;
    g_autoptr(virNetworkDef) def = NULL;
    int rc;

    if (virTestLoadFile(basePath, &baseXML) < 0 ||
        virTestLoadFile(inPath, &snippet) < 0 ||
        !(def = virNetworkDefParseString(baseXML, 0)))
        return -1;
    before = virNetworkDefFormat(def, 0);

    rc = virNetworkDefUpdateSection(def, info->command, info->section, info->parentIndex,
                                    snippet, 0);
    after = virNetworkDefFormat(def, 0);
    if (info->fail) {
        if (rc == 0) {
            fprintf(stderr, "update succeeded, an error was expected\n");
            return -1;
        }
        if (strcmp(after, before) != 0) {
            fprintf(stderr, "a failed update changed the definition:\n%s", after);
            return -1;
        }
        return testCompareError(errShort);
    }
    if (rc < 0) {
        fprintf(stderr, "update failed: %s\n", virErrorGetLast()->message);
        return -1;
    }
    outPath = virTestDataPath(SUITE, outName);
    return virTestCompareToFile(after, outPath);
}

/* Each enum table against libvirt's names. */
static int
testTables(const void *opaque)
{
    static const char *const forward[] = {
        "none", "nat", "route", "open", "bridge", "private", "vepa", "passthrough", "hostdev",
    };
    size_t i;

    G_STATIC_ASSERT(G_N_ELEMENTS(forward) == VIR_NETWORK_FORWARD_LAST);
    for (i = 0; i < G_N_ELEMENTS(forward); i++) {
        if (g_strcmp0(virNetworkForwardTypeToString(i), forward[i]) != 0 ||
            virNetworkForwardTypeFromString(forward[i]) != (int)i)
            return -1;
    }
    if (virNetworkBridgeMACTableManagerTypeFromString("libvirt") !=
        VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LIBVIRT ||
        virNetworkDHCPLeaseTimeUnitTypeFromString("hours") != VIR_NETWORK_DHCP_LEASETIME_UNIT_HOURS ||
        virNetworkForwardTypeToString(VIR_NETWORK_FORWARD_LAST) ||
        virNetworkForwardTypeFromString("NAT") >= 0)
        return -1;
    return 0;
}

/* Definitions made in code go through the same checks as parsed ones. */
static int
testValidate(const void *opaque)
{
    g_autoptr(virNetworkDef) def = g_new0(virNetworkDef, 1);
    virNetworkIPDef *ip;

    def->name = g_strdup("code");
    def->ips = ip = g_new0(virNetworkIPDef, 2);
    def->nips = 1;
    if (virSocketAddrParse(&ip->address, "10.0.0.1", AF_INET) < 0)
        return -1;
    ip->prefix = 24;
    if (virNetworkDefValidate(def) < 0)
        return -1;

    ip->ranges = g_new0(virNetworkDHCPRange, 1);
    ip->nranges = 1;
    virSocketAddrParse(&ip->ranges[0].start, "10.0.0.20", AF_INET);
    virSocketAddrParse(&ip->ranges[0].end, "10.0.0.10", AF_INET);
    if (virNetworkDefValidate(def) == 0) {
        fprintf(stderr, "a reversed range passed\n");
        return -1;
    }
    virSocketAddrParse(&ip->ranges[0].end, "10.0.0.30", AF_INET);
    if (virNetworkDefValidate(def) < 0)
        return -1;
    ip->prefix = 40;
    if (virNetworkDefValidate(def) == 0) {
        fprintf(stderr, "prefix 40 passed\n");
        return -1;
    }
    ip->prefix = 24;
    def->macSpecified = true;
    def->mac[0] = 0x01;
    if (virNetworkDefValidate(def) == 0) {
        fprintf(stderr, "a multicast MAC passed\n");
        return -1;
    }
    def->mac[0] = 0x52;
    def->forward.type = VIR_NETWORK_FORWARD_NAT;
    def->forward.portStart = 2000;
    def->forward.portEnd = 1000;
    if (virNetworkDefValidate(def) == 0) {
        fprintf(stderr, "a reversed NAT port range passed\n");
        return -1;
    }
    virErrorReset();
    return 0;
}

/* Bad arguments of net-update itself. */
static int
testUpdateArgs(const void *opaque)
{
    g_autoptr(virNetworkDef) def = virNetworkDefParseString(
        "<network><name>n</name><ip address='10.0.0.1' prefix='24'/></network>", 0);
    const virErrorInfo *err;

    if (!def)
        return -1;
    if (virNetworkDefUpdateSection(def, 9, VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                                   "<host mac='52:54:00:00:00:01' ip='10.0.0.5'/>", 0) == 0 ||
        !(err = virErrorGetLast()) || err->code != VIR_ERR_NO_SUPPORT)
        return -1;
    if (virNetworkDefUpdateSection(def, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, 99, -1,
                                   "<host/>", 0) == 0 ||
        !(err = virErrorGetLast()) || err->code != VIR_ERR_NO_SUPPORT)
        return -1;
    if (virNetworkDefUpdateSection(def, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                                   VIR_NETWORK_SECTION_IP_DHCP_HOST, 3,
                                   "<host mac='52:54:00:00:00:01' ip='10.0.0.5'/>", 0) == 0 ||
        !(err = virErrorGetLast()) || err->code != VIR_ERR_OPERATION_INVALID)
        return -1;
    /* An <ip> without DHCP gets its first host. */
    if (virNetworkDefUpdateSection(def, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                                   VIR_NETWORK_SECTION_IP_DHCP_HOST, 0,
                                   "<host mac='52:54:00:00:00:01' ip='10.0.0.5'/>", 0) < 0 ||
        def->ips[0].nhosts != 1)
        return -1;
    virErrorReset();
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

#define DO_TEST_FULL(name, flags) \
    do { \
        static const testInfo info = { name, flags }; \
        if (virTestRun("xml2xml " name, testCompareXMLToXML, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST(name) DO_TEST_FULL(name, 0)
#define DO_TEST_ERR(name) \
    do { \
        static const testInfo info = { name, 0 }; \
        if (virTestRun("xml2err " name, testCompareXMLToError, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST_UPDATE_FULL(name, command, section, index, fail) \
    do { \
        static const testUpdateInfo info = { name, VIR_NETWORK_UPDATE_COMMAND_ ## command, \
                                             VIR_NETWORK_SECTION_ ## section, index, fail }; \
        if (virTestRun("update " name, testUpdate, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST_UPDATE(name, command, section, index) \
    DO_TEST_UPDATE_FULL(name, command, section, index, false)
#define DO_TEST_UPDATE_ERR(name, command, section, index) \
    DO_TEST_UPDATE_FULL(name, command, section, index, true)

    DO_TEST("nat-default");
    DO_TEST("nat-address");
    DO_TEST("nat-dev");
    DO_TEST("forward-default-mode");
    DO_TEST("isolated");
    DO_TEST("route");
    DO_TEST("open");
    DO_TEST("bridge-host");
    DO_TEST("bridge-interfaces");
    DO_TEST("private");
    DO_TEST("vepa");
    DO_TEST_FULL("passthrough-pf", TEST_INACTIVE);
    DO_TEST("hostdev");
    DO_TEST("dual-stack");
    DO_TEST("dhcp-hosts");
    DO_TEST("leasetime");
    DO_TEST("dns-full");
    DO_TEST("dns-disabled");
    DO_TEST("domain-localonly");
    DO_TEST("mtu");
    DO_TEST("tftp-bootp");
    DO_TEST("bandwidth");
    DO_TEST("portgroups");
    DO_TEST("bridge-vlan");
    DO_TEST_FULL("connections", TEST_INACTIVE);
    DO_TEST_FULL("no-uuid", TEST_MASK_UUID);
    DO_TEST("stp-off");
    DO_TEST("several-ranges");
    DO_TEST("prefix-forms");
    DO_TEST("localptr");
    DO_TEST("escaping");

    DO_TEST_ERR("err-malformed");
    DO_TEST_ERR("err-not-network");
    DO_TEST_ERR("err-no-name");
    DO_TEST_ERR("err-name-slash");
    DO_TEST_ERR("err-uuid");
    DO_TEST_ERR("err-forward-mode");
    DO_TEST_ERR("err-range-outside");
    DO_TEST_ERR("err-range-reversed");
    DO_TEST_ERR("err-range-network-address");
    DO_TEST_ERR("err-host-outside");
    DO_TEST_ERR("err-host-mac");
    DO_TEST_ERR("err-host-ipv6-mac");
    DO_TEST_ERR("err-two-dhcp-ipv4");
    DO_TEST_ERR("err-prefix");
    DO_TEST_ERR("err-prefix-ipv6");
    DO_TEST_ERR("err-netmask-and-prefix");
    DO_TEST_ERR("err-netmask");
    DO_TEST_ERR("err-family");
    DO_TEST_ERR("err-bridge-mac");
    DO_TEST_ERR("err-bridge-mac-multicast");
    DO_TEST_ERR("err-nat-ports");
    DO_TEST_ERR("err-nat-port-big");
    DO_TEST_ERR("err-nat-address");
    DO_TEST_ERR("err-nat-in-route");
    DO_TEST_ERR("err-lease-short");
    DO_TEST_ERR("err-bridge-mode-ip");
    DO_TEST_ERR("err-bridge-mode-stp");
    DO_TEST_ERR("err-route-no-ip");
    DO_TEST_ERR("err-dns-srv");
    DO_TEST_ERR("err-dns-txt");
    DO_TEST_ERR("err-dns-disabled-extra");
    DO_TEST_ERR("err-portgroup-defaults");
    DO_TEST_ERR("err-vlan-tag");
    DO_TEST_ERR("err-mtu");

    DO_TEST_UPDATE("host-add-last", ADD_LAST, IP_DHCP_HOST, -1);
    DO_TEST_UPDATE("host-add-first", ADD_FIRST, IP_DHCP_HOST, -1);
    DO_TEST_UPDATE("host-modify", MODIFY, IP_DHCP_HOST, -1);
    DO_TEST_UPDATE("host-delete", DELETE, IP_DHCP_HOST, -1);
    DO_TEST_UPDATE("host-ipv6-add", ADD_LAST, IP_DHCP_HOST, -1);
    DO_TEST_UPDATE_ERR("host-add-dup", ADD_LAST, IP_DHCP_HOST, -1);
    DO_TEST_UPDATE_ERR("host-add-outside", ADD_LAST, IP_DHCP_HOST, 0);
    DO_TEST_UPDATE_ERR("host-modify-missing", MODIFY, IP_DHCP_HOST, -1);
    DO_TEST_UPDATE_ERR("host-delete-missing", DELETE, IP_DHCP_HOST, -1);
    DO_TEST_UPDATE("range-add", ADD_LAST, IP_DHCP_RANGE, -1);
    DO_TEST_UPDATE("range-delete", DELETE, IP_DHCP_RANGE, -1);
    DO_TEST_UPDATE_ERR("range-modify", MODIFY, IP_DHCP_RANGE, -1);
    DO_TEST_UPDATE_ERR("range-add-dup", ADD_LAST, IP_DHCP_RANGE, -1);
    DO_TEST_UPDATE("dns-host-add", ADD_LAST, DNS_HOST, -1);
    DO_TEST_UPDATE("dns-host-delete", DELETE, DNS_HOST, -1);
    DO_TEST_UPDATE_ERR("dns-host-add-dup", ADD_FIRST, DNS_HOST, -1);
    DO_TEST_UPDATE("dns-txt-add", ADD_LAST, DNS_TXT, -1);
    DO_TEST_UPDATE("dns-txt-delete", DELETE, DNS_TXT, -1);
    DO_TEST_UPDATE("dns-srv-add", ADD_FIRST, DNS_SRV, -1);
    DO_TEST_UPDATE("dns-srv-delete", DELETE, DNS_SRV, -1);
    DO_TEST_UPDATE("portgroup-add", ADD_LAST, PORTGROUP, -1);
    DO_TEST_UPDATE("portgroup-modify", MODIFY, PORTGROUP, -1);
    DO_TEST_UPDATE("portgroup-delete", DELETE, PORTGROUP, -1);
    DO_TEST_UPDATE_ERR("portgroup-default", ADD_LAST, PORTGROUP, -1);
    DO_TEST_UPDATE_ERR("wrong-element", ADD_LAST, IP_DHCP_HOST, -1);
    DO_TEST_UPDATE_ERR("bridge-section", MODIFY, BRIDGE, -1);

    if (virTestRun("enum tables", testTables, NULL) < 0)
        ret = -1;
    if (virTestRun("validate definitions made in code", testValidate, NULL) < 0)
        ret = -1;
    if (virTestRun("update arguments", testUpdateArgs, NULL) < 0)
        ret = -1;
    if (virTestCheckUnusedFiles(SUITE) < 0)
        ret = -1;
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
