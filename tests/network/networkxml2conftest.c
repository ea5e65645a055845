/* dnsmasq configuration: tests/data/networkxml2conf/NAME.xml must give
 * NAME.conf, plus NAME.hostsfile and NAME.addnhosts when those are not
 * empty (an empty one must have no file). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "network_dnsmasq.h"
#include "virerror.h"

#define SUITE "networkxml2conf"
#define DNSMASQ_DIR "/var/lib/libvirt/dnsmasq"

typedef struct {
    const char *name;
    bool pidfile;
} testInfo;

/* An extra output is compared when non-empty; when empty, no file may
 * claim otherwise. */
static int
testCompareExtra(const char *name, const char *suffix, const char *actual)
{
    g_autofree char *fileName = g_strdup_printf("%s.%s", name, suffix);
    g_autofree char *path = virTestDataPath(SUITE, fileName);

    if (!*actual) {
        if (g_file_test(path, G_FILE_TEST_EXISTS)) {
            fprintf(stderr, "%s exists but the %s output is empty\n", fileName, suffix);
            return -1;
        }
        return 0;
    }
    return virTestCompareToFile(actual, path);
}

static int
testCompareXMLToConf(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inName = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *confName = g_strdup_printf("%s.conf", info->name);
    g_autofree char *confPath = virTestDataPath(SUITE, confName);
    g_autofree char *xml = NULL;
    g_autofree char *pidfile = NULL;
    g_autofree char *leasefile = NULL;
    g_autofree char *hostsfile = NULL;
    g_autofree char *addnhostsfile = NULL;
    g_autoptr(virNetworkDef) def = NULL;
    networkDnsmasqPaths paths = { 0 };
    networkDnsmasqConfig cfg = { 0 };
    int ret = -1;

    if (virTestLoadFile(in, &xml) < 0 ||
        !(def = virNetworkDefParseString(xml, 0)))
        return -1;

    if (info->pidfile)
        pidfile = g_strdup_printf("/run/libvirt/network/%s.pid", def->name);
    leasefile = g_strdup_printf(DNSMASQ_DIR "/%s.leases", def->name);
    hostsfile = g_strdup_printf(DNSMASQ_DIR "/%s.hostsfile", def->name);
    addnhostsfile = g_strdup_printf(DNSMASQ_DIR "/%s.addnhosts", def->name);
    paths.pidfile = pidfile;
    paths.leasefile = leasefile;
    paths.hostsfile = hostsfile;
    paths.addnhostsfile = addnhostsfile;

    if (!networkDnsmasqNeeded(def)) {
        fprintf(stderr, "%s: dnsmasq reported as not needed\n", info->name);
        return -1;
    }
    if (networkDnsmasqBuildConfig(def, &paths, &cfg) < 0)
        return -1;

    if (virTestCompareToFile(cfg.conf, confPath) < 0 ||
        testCompareExtra(info->name, "hostsfile", cfg.hosts) < 0 ||
        testCompareExtra(info->name, "addnhosts", cfg.addnhosts) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    networkDnsmasqConfigClear(&cfg);
    return ret;
}

/* Networks that need no dnsmasq, and definitions dnsmasq cannot serve. */
static int
testNeededAndErrors(const void *opaque)
{
    g_autoptr(virNetworkDef) bridged = virNetworkDefParseString(
        "<network><name>b</name><forward mode='bridge'/><bridge name='br0'/></network>", 0);
    g_autoptr(virNetworkDef) quiet = virNetworkDefParseString(
        "<network><name>q</name><bridge name='virbr9'/><dns enable='no'/>"
        "<ip address='10.0.0.1' prefix='24'/></network>", 0);
    g_autoptr(virNetworkDef) nobridge = virNetworkDefParseString(
        "<network><name>n</name><ip address='10.0.0.1' prefix='24'/></network>", 0);
    networkDnsmasqPaths paths = { 0 };
    networkDnsmasqConfig cfg = { 0 };
    const virErrorInfo *err;

    if (!bridged || !quiet || !nobridge)
        return -1;
    if (networkDnsmasqNeeded(bridged) || networkDnsmasqNeeded(quiet) ||
        !networkDnsmasqNeeded(nobridge)) {
        fprintf(stderr, "networkDnsmasqNeeded got it wrong\n");
        return -1;
    }
    if (networkDnsmasqBuildConfig(nobridge, &paths, &cfg) == 0 ||
        !(err = virErrorGetLast()) || err->domain != VIR_FROM_NETWORK || cfg.conf) {
        fprintf(stderr, "a network without bridge name was accepted\n");
        networkDnsmasqConfigClear(&cfg);
        return -1;
    }
    virErrorReset();
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

#define DO_TEST_FULL(name, pidfile) \
    do { \
        static const testInfo info = { name, pidfile }; \
        if (virTestRun("xml2conf " name, testCompareXMLToConf, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST(name) DO_TEST_FULL(name, false)

    DO_TEST("nat-default");
    DO_TEST("isolated");
    DO_TEST("route");
    DO_TEST("open");
    DO_TEST("dual-stack");
    DO_TEST("static-hosts");
    DO_TEST("static-only");
    DO_TEST("dns-full");
    DO_TEST("forwarders-only-domains");
    DO_TEST("domain-localonly");
    DO_TEST("mtu");
    DO_TEST("tftp-bootp");
    DO_TEST("bootp-server");
    DO_TEST("no-dhcp");
    DO_TEST("several-ranges");
    DO_TEST("leasetime");
    DO_TEST("dns-disabled");
    DO_TEST("localptr");
    DO_TEST_FULL("pidfile", true);

    if (virTestRun("networks dnsmasq cannot or need not serve", testNeededAndErrors, NULL) < 0)
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
