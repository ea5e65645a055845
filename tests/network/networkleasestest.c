/* dnsmasq lease files: tests/data/networkleases/NAME.leases parsed for the
 * network of network.xml (bridge virbr0) must list as NAME.out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "network_dnsmasq.h"
#include "virerror.h"

#define SUITE "networkleases"

static virNetworkDef *testNetwork;

static char *
testFormatLeases(const networkDnsmasqLease *leases, size_t n)
{
    GString *buf = g_string_new(NULL);
    size_t i;

    for (i = 0; i < n; i++) {
        const networkDnsmasqLease *l = &leases[i];

        g_string_append_printf(buf,
                               "iface=%s expiry=%lld type=%s mac=%s iaid=%s ip=%s/%u hostname=%s clientid=%s\n",
                               l->iface, l->expirytime,
                               l->type == NETWORK_DNSMASQ_LEASE_IPV6 ? "ipv6" : "ipv4",
                               l->mac ? l->mac : "-", l->iaid ? l->iaid : "-",
                               l->ipaddr, l->prefix,
                               l->hostname ? l->hostname : "-",
                               l->clientid ? l->clientid : "-");
    }
    return g_string_free(buf, FALSE);
}

static int
testParseLeases(const void *opaque)
{
    const char *name = opaque;
    g_autofree char *inName = g_strdup_printf("%s.leases", name);
    g_autofree char *inPath = virTestDataPath(SUITE, inName);
    g_autofree char *outName = g_strdup_printf("%s.out", name);
    g_autofree char *outPath = virTestDataPath(SUITE, outName);
    g_autofree char *text = NULL;
    g_autofree char *actual = NULL;
    networkDnsmasqLease *leases = NULL;
    size_t n = 0;

    if (virTestLoadFile(inPath, &text) < 0 ||
        networkDnsmasqParseLeases(text, testNetwork->bridge, &leases, &n) < 0)
        return -1;
    networkDnsmasqLeasesSetPrefix(testNetwork, leases, n);
    actual = testFormatLeases(leases, n);
    networkDnsmasqLeasesFree(leases, n);
    return virTestCompareToFile(actual, outPath);
}

/* No file at all (dnsmasq has not written one yet) means no leases. */
static int
testNoText(const void *opaque)
{
    networkDnsmasqLease *leases = NULL;
    size_t n = 1;

    if (networkDnsmasqParseLeases(NULL, "virbr0", &leases, &n) < 0 || n != 0)
        return -1;
    networkDnsmasqLeasesFree(leases, n);
    return 0;
}

static int
mymain(void)
{
    g_autofree char *netPath = virTestDataPath(SUITE, "network.xml");
    g_autofree char *netXML = NULL;
    int ret = 0;

    if (virTestLoadFile(netPath, &netXML) < 0 ||
        !(testNetwork = virNetworkDefParseString(netXML, 0)))
        return -1;

#define DO_TEST(name) \
    do { \
        if (virTestRun("leases " name, testParseLeases, name) < 0) \
            ret = -1; \
    } while (0)

    DO_TEST("ipv4");
    DO_TEST("dual-stack");
    DO_TEST("malformed");
    DO_TEST("empty");

    if (virTestRun("no lease file text", testNoText, NULL) < 0)
        ret = -1;
    if (virTestCheckUnusedFiles(SUITE) < 0)
        ret = -1;
    g_clear_pointer(&testNetwork, virNetworkDefFree);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
