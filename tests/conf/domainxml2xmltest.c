/* Domain XML round trips: tests/data/domainxml2xml/NAME.xml parsed and
 * formatted must give NAME.out.xml (inactive view) and, for live cases,
 * NAME.live.xml; inputs that must be refused give NAME.err. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "domain_conf.h"
#include "virerror.h"

#define SUITE "domainxml2xml"

typedef enum {
    TEST_MASK_UUID = 1 << 0,    /* no <uuid> in the input: check it, then hide it */
    TEST_MASK_MAC = 1 << 1,     /* generated MACs: check the prefix, then hide them */
    TEST_LIVE = 1 << 2,         /* parse as status; NAME.live.xml is the live view */
} testFlags;

typedef struct {
    const char *name;
    unsigned int flags;
} testInfo;

/* Replaces the content between each occurrence of open and the next close
 * by mask, after checking it with check (when given). */
static int
testMask(char **xml, const char *open, const char *close, const char *mask,
         bool (*check)(const char *value))
{
    GString *out = g_string_new(NULL);
    const char *p = *xml;
    const char *start;

    while ((start = strstr(p, open))) {
        const char *value = start + strlen(open);
        const char *end = strstr(value, close);
        g_autofree char *v = NULL;

        if (!end)
            break;
        v = g_strndup(value, end - value);
        if (check && !check(v)) {
            fprintf(stderr, "unexpected generated value '%s'\n", v);
            g_string_free(out, TRUE);
            return -1;
        }
        g_string_append_len(out, p, value - p);
        g_string_append(out, mask);
        p = end;
    }
    g_string_append(out, p);
    g_free(*xml);
    *xml = g_string_free(out, FALSE);
    return 0;
}

static bool
testCheckUUID(const char *value)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned char zero[VIR_UUID_BUFLEN] = { 0 };

    return virUUIDParse(value, uuid) == 0 && memcmp(uuid, zero, sizeof(zero)) != 0;
}

static int
testMaskGenerated(char **xml, unsigned int flags)
{
    if ((flags & TEST_MASK_UUID) &&
        testMask(xml, "<uuid>", "</uuid>", "GENERATED", testCheckUUID) < 0)
        return -1;
    if ((flags & TEST_MASK_MAC) &&
        testMask(xml, "<mac address='52:54:00:", "'/>", "GENERATED", NULL) < 0)
        return -1;
    return 0;
}

/* Formatting what we formatted must change nothing. */
static int
testReparse(const char *xml, unsigned int parseFlags, unsigned int formatFlags)
{
    g_autoptr(virDomainDef) def = virDomainDefParseString(xml, parseFlags);
    g_autofree char *again = NULL;

    if (!def) {
        fprintf(stderr, "re-parsing the output failed: %s\n",
                virErrorGetLast() ? virErrorGetLast()->message : "?");
        return -1;
    }
    again = virDomainDefFormat(def, formatFlags);
    if (strcmp(again, xml) != 0) {
        fprintf(stderr, "output is not stable across a second round trip:\n%s", again);
        return -1;
    }
    return 0;
}

static int
testCompareXMLToXML(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inPath = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inPath);
    g_autofree char *outName = g_strdup_printf("%s.out.xml", info->name);
    g_autofree char *outPath = virTestDataPath(SUITE, outName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virDomainDef) def = NULL;
    unsigned int parseFlags = (info->flags & TEST_LIVE) ? VIR_DOMAIN_DEF_PARSE_STATUS
                                                        : VIR_DOMAIN_DEF_PARSE_INACTIVE;

    if (virTestLoadFile(in, &xml) < 0)
        return -1;
    if (!(def = virDomainDefParseString(xml, parseFlags)))
        return -1;

    actual = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    if (testReparse(actual, VIR_DOMAIN_DEF_PARSE_INACTIVE, VIR_DOMAIN_DEF_FORMAT_INACTIVE) < 0 ||
        testMaskGenerated(&actual, info->flags) < 0 ||
        virTestCompareToFile(actual, outPath) < 0)
        return -1;

    if (info->flags & TEST_LIVE) {
        g_autofree char *liveName = g_strdup_printf("%s.live.xml", info->name);
        g_autofree char *livePath = virTestDataPath(SUITE, liveName);
        g_autofree char *live = virDomainDefFormat(def, 0);
        g_autoptr(virDomainDef) copy = virDomainDefCopy(def);
        g_autofree char *copied = NULL;

        if (testReparse(live, VIR_DOMAIN_DEF_PARSE_STATUS, 0) < 0)
            return -1;
        /* A copy keeps the live data too. */
        if (!copy)
            return -1;
        copied = virDomainDefFormat(copy, 0);
        if (strcmp(copied, live) != 0) {
            fprintf(stderr, "virDomainDefCopy lost data:\n%s", copied);
            return -1;
        }
        if (testMaskGenerated(&live, info->flags) < 0 ||
            virTestCompareToFile(live, livePath) < 0)
            return -1;
    }
    return 0;
}

static int
testCompareXMLToError(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inPath = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inPath);
    g_autofree char *errName = g_strdup_printf("%s.err", info->name);
    g_autofree char *errPath = virTestDataPath(SUITE, errName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virDomainDef) def = NULL;
    const virErrorInfo *err;

    if (virTestLoadFile(in, &xml) < 0)
        return -1;
    if ((def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE))) {
        fprintf(stderr, "%s: parsing succeeded, an error was expected\n", info->name);
        return -1;
    }
    if (!(err = virErrorGetLast()) || !err->message) {
        fprintf(stderr, "%s: parsing failed without reporting an error\n", info->name);
        return -1;
    }
    if (err->domain != VIR_FROM_DOMAIN && err->domain != VIR_FROM_XML) {
        fprintf(stderr, "%s: error reported in domain %d\n", info->name, err->domain);
        return -1;
    }
    actual = g_strdup_printf("code=%d\n%s\n", err->code, err->message);
    return virTestCompareToFile(actual, errPath);
}

/* Every unit the <memory unit=> attribute accepts, without one file each. */
typedef struct {
    const char *unit;
    unsigned long long value;
    unsigned long long kib;
} testMemoryUnit;

static const testMemoryUnit memoryUnits[] = {
    { NULL, 1048576, 1048576 },
    { "b", 1048576, 1024 },
    { "bytes", 1000, 1 },       /* a partial KiB rounds up */
    { "KB", 1024, 1000 },
    { "k", 4096, 4096 },
    { "KiB", 4096, 4096 },
    { "MB", 1, 977 },           /* 1000000 bytes = 976.5625 KiB, rounded up */
    { "M", 2, 2048 },
    { "MiB", 512, 524288 },
    { "GB", 1, 976563 },
    { "G", 1, 1048576 },
    { "GiB", 4, 4194304 },
    { "TB", 1, 976562500 },
    { "T", 1, 1073741824 },
    { "TiB", 2, 2147483648ULL },
    { "PB", 1, 976562500000ULL },
    { "P", 1, 1099511627776ULL },
    { "PiB", 8, 8796093022208ULL },
};

static int
testMemoryUnits(const void *opaque)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(memoryUnits); i++) {
        const testMemoryUnit *t = &memoryUnits[i];
        g_autofree char *unitAttr = t->unit ? g_strdup_printf(" unit='%s'", t->unit) : g_strdup("");
        g_autofree char *xml = g_strdup_printf("<domain type='qemu'><name>m</name>"
                                               "<memory%s>%llu</memory>"
                                               "<os><type>hvm</type></os></domain>",
                                               unitAttr, t->value);
        g_autoptr(virDomainDef) def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE);

        if (!def || def->memory != t->kib || def->currentMemory != t->kib) {
            fprintf(stderr, "unit %s: expected %llu KiB, got %llu\n", t->unit ? t->unit : "(none)",
                    t->kib, def ? def->memory : 0);
            return -1;
        }
    }
    return 0;
}

/* Hotplug parses single devices; defaults come from the domain. */
static int
testDeviceParse(const void *opaque)
{
    g_autofree char *path = virTestDataPath(SUITE, "serial-pty.xml");
    g_autofree char *xml = NULL;
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDeviceDef) disk = NULL;
    g_autoptr(virDomainDeviceDef) serial = NULL;
    g_autofree char *diskXML = NULL;
    g_autofree char *serialXML = NULL;

    if (virTestLoadFile(path, &xml) < 0 ||
        !(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return -1;
    if (!(disk = virDomainDeviceDefParse("<disk type='file' device='disk'>"
                                         "<source file='/var/lib/a.img'/>"
                                         "<target dev='sdb'/></disk>", def, 0)) ||
        !(serial = virDomainDeviceDefParse("<serial type='pty'/>", def, 0)))
        return -1;
    diskXML = virDomainDeviceDefFormat(disk, def, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    serialXML = virDomainDeviceDefFormat(serial, def, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    if (strcmp(diskXML,
               "<disk type='file' device='disk'>\n"
               "  <source file='/var/lib/a.img'/>\n"
               "  <target dev='sdb' bus='scsi'/>\n"
               "  <address type='drive' controller='0' bus='0' target='0' unit='1'/>\n"
               "</disk>\n") != 0 ||
        strcmp(serialXML,
               "<serial type='pty'>\n"
               "  <target type='isa-serial' port='1'>\n"
               "    <model name='isa-serial'/>\n"
               "  </target>\n"
               "</serial>\n") != 0) {
        fprintf(stderr, "unexpected device XML:\n%s%s", diskXML, serialXML);
        return -1;
    }
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

    DO_TEST("minimal");
    DO_TEST_FULL("minimal-no-uuid", TEST_MASK_UUID);
    DO_TEST("kernel-boot");
    DO_TEST("disk-boot");
    DO_TEST("disk-cdrom");
    DO_TEST("disk-bus-default");
    DO_TEST("disk-volume");
    DO_TEST("serial-file");
    DO_TEST("serial-pty");
    DO_TEST("serial-log");
    DO_TEST("serial-sockets");
    DO_TEST("console-only");
    DO_TEST("console-virtio");
    DO_TEST_FULL("serial-live", TEST_LIVE);
    DO_TEST_FULL("disk-chain-live", TEST_LIVE);
    DO_TEST("memory-mib");
    DO_TEST("memory-gb");
    DO_TEST("memory-bytes-roundup");
    DO_TEST("current-memory-clamp");
    DO_TEST("vcpu-current");
    DO_TEST("features-clock-lifecycle");
    DO_TEST("cpu-custom-topology");
    DO_TEST("cpu-host-passthrough");
    DO_TEST("net-types");
    DO_TEST_FULL("net-generated-mac", TEST_MASK_MAC);
    DO_TEST_FULL("net-live", TEST_LIVE);
    DO_TEST("graphics-vnc");
    DO_TEST_FULL("graphics-vnc-live", TEST_LIVE);
    DO_TEST("graphics-spice-sdl");
    DO_TEST("controllers");
    DO_TEST("pci-addresses");
    DO_TEST("escaping");
    DO_TEST("metadata");
    DO_TEST("unknown-elements");
    DO_TEST("virt-install-q35");
    DO_TEST("channels-rng");
    DO_TEST("devices-platform");
    DO_TEST("openstack-memory-sysinfo");
    DO_TEST("hyperv-windows");
    DO_TEST("disk-scsi-wwn-queues");

    DO_TEST_ERR("err-malformed");
    DO_TEST_ERR("err-malformed-attr");
    DO_TEST_ERR("err-not-domain");
    DO_TEST_ERR("err-missing-name");
    DO_TEST_ERR("err-name-slash");
    DO_TEST_ERR("err-domain-type");
    DO_TEST_ERR("err-domain-type-missing");
    DO_TEST_ERR("err-memory-zero");
    DO_TEST_ERR("err-memory-missing");
    DO_TEST_ERR("err-memory-too-large");
    DO_TEST_ERR("err-memory-unit");
    DO_TEST_ERR("err-memory-negative");
    DO_TEST_ERR("err-vcpus-zero");
    DO_TEST_ERR("err-vcpus-too-many");
    DO_TEST_ERR("err-vcpus-current");
    DO_TEST_ERR("err-uuid");
    DO_TEST_ERR("err-no-os");
    DO_TEST_ERR("err-os-type");
    DO_TEST_ERR("err-arch");
    DO_TEST_ERR("err-disk-bus");
    DO_TEST_ERR("err-disk-no-target");
    DO_TEST_ERR("err-disk-dup-target");
    DO_TEST_ERR("err-chr-type");
    DO_TEST_ERR("err-serial-file-no-path");
    DO_TEST_ERR("err-boot-mixed");
    DO_TEST_ERR("err-boot-order-dup");
    DO_TEST_ERR("err-mac-multicast");
    DO_TEST_ERR("err-net-no-network");
    DO_TEST_ERR("err-topology");
    DO_TEST_ERR("err-pci-slot");
    DO_TEST_ERR("err-lifecycle");
    DO_TEST_ERR("err-pci-double-use");
    DO_TEST_ERR("err-pci-function");
    DO_TEST_ERR("err-tpm-no-backend");
    DO_TEST_ERR("err-hostdev-usb");
    DO_TEST_ERR("err-watchdog-action");
    DO_TEST_ERR("err-sound-codec-ac97");
    DO_TEST_ERR("err-maxmemory-slots");
    DO_TEST_ERR("err-maxmemory-smaller");
    DO_TEST_ERR("err-sysinfo-entry");
    DO_TEST_ERR("err-numa-cell-memory");
    DO_TEST_ERR("err-hugepages-anonymous");
    DO_TEST_ERR("err-disk-wwn");

    if (virTestRun("memory units", testMemoryUnits, NULL) < 0)
        ret = -1;
    if (virTestRun("single device parse", testDeviceParse, NULL) < 0)
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
