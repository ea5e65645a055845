/* virtnetworkd's firewall backends: golden rule sets per case and backend,
 * then (as root, in a network namespace of our own) the rules applied,
 * checked and removed without a trace. */
#include "internal.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "network_firewall.h"
#include "testutils.h"
#include "vircommand.h"
#include "virerror.h"
#include "virnetdev.h"
#include "virnetdevbridge.h"

#define SUITE "networkfirewall"

static networkFirewallSubnet v4Default[] = {
    { AF_INET, (char *)"192.168.122.0", 24, true },
};
static networkFirewallSubnet v4Forward[] = {
    { AF_INET, (char *)"192.168.123.0", 24, true },
};
static networkFirewallSubnet v4Route[] = {
    { AF_INET, (char *)"10.20.0.0", 16, true },
};
static networkFirewallSubnet v4Isolated[] = {
    { AF_INET, (char *)"192.168.200.0", 24, true },
};
static networkFirewallSubnet dualStack[] = {
    { AF_INET, (char *)"192.168.124.0", 24, true },
    { AF_INET6, (char *)"2001:db8:ca2:2::", 64, true },
};
/* The bridge's own address: the rules use the network. */
static networkFirewallSubnet v4NoDhcp[] = {
    { AF_INET, (char *)"192.168.125.1", 24, false },
};
static networkFirewallSubnet v6Route[] = {
    { AF_INET6, (char *)"fd00:1:2:3::", 64, false },
};

typedef struct {
    const char *name;
    networkFirewallDef def;
} testCase;

static const testCase cases[] = {
    { "nat-default", {
        .name = "default", .bridge = "virbr0", .mode = NETWORK_FIREWALL_MODE_NAT,
        .subnets = v4Default, .nsubnets = G_N_ELEMENTS(v4Default), .dns = true } },
    { "nat-forward-dev-ports-addrs", {
        .name = "outside", .bridge = "virbr1", .mode = NETWORK_FIREWALL_MODE_NAT, .forwardDev = "eth0",
        .subnets = v4Forward, .nsubnets = G_N_ELEMENTS(v4Forward),
        .natPortStart = 2000, .natPortEnd = 3000,
        .natAddrStart = "10.0.0.10", .natAddrEnd = "10.0.0.20", .dns = true } },
    { "route", {
        .name = "routed", .bridge = "virbr2", .mode = NETWORK_FIREWALL_MODE_ROUTE,
        .subnets = v4Route, .nsubnets = G_N_ELEMENTS(v4Route), .dns = true } },
    { "open", {
        .name = "open", .bridge = "virbr3", .mode = NETWORK_FIREWALL_MODE_OPEN,
        .subnets = v4Default, .nsubnets = G_N_ELEMENTS(v4Default), .dns = true } },
    { "isolated", {
        .name = "private", .bridge = "virbr4", .mode = NETWORK_FIREWALL_MODE_ISOLATED,
        .subnets = v4Isolated, .nsubnets = G_N_ELEMENTS(v4Isolated), .dns = true } },
    { "nat-dualstack", {
        .name = "dual", .bridge = "virbr5", .mode = NETWORK_FIREWALL_MODE_NAT,
        .subnets = dualStack, .nsubnets = G_N_ELEMENTS(dualStack), .dns = true } },
    { "nat-nodhcp", {
        .name = "static", .bridge = "virbr6", .mode = NETWORK_FIREWALL_MODE_NAT,
        .subnets = v4NoDhcp, .nsubnets = G_N_ELEMENTS(v4NoDhcp), .dns = false } },
    { "route-ipv6-forward-dev", {
        .name = "v6only", .bridge = "br-v6", .mode = NETWORK_FIREWALL_MODE_ROUTE, .forwardDev = "eth1",
        .subnets = v6Route, .nsubnets = G_N_ELEMENTS(v6Route), .dns = true } },
};

typedef struct {
    const testCase *tc;
    const networkFirewallBackend *backend;
} testData;

static int
testRender(const void *opaque)
{
    const testData *data = opaque;
    g_autofree char *name = g_strdup_printf("%s.%s", data->tc->name, data->backend->name);
    g_autofree char *path = virTestDataPath(SUITE, name);
    g_autofree char *actual = networkFirewallRender(data->backend, &data->tc->def);

    if (!actual)
        return -1;
    return virTestCompareToFile(actual, path);
}

static int
testBackendByName(const void *opaque)
{
    const networkFirewallBackend *b;

    if (networkFirewallBackendByName(NULL) != &networkFirewallBackendNftables ||
        networkFirewallBackendByName("nftables") != &networkFirewallBackendNftables ||
        networkFirewallBackendByName("iptables") != &networkFirewallBackendIptables)
        return -1;
    if ((b = networkFirewallBackendByName("ebtables")) ||
        !virErrorGetLast() || !strstr(virErrorGetLast()->message, "unknown firewall backend 'ebtables'"))
        return -1;
    if (networkFirewallModeTypeFromString("nat") != NETWORK_FIREWALL_MODE_NAT ||
        g_strcmp0(networkFirewallModeTypeToString(NETWORK_FIREWALL_MODE_OPEN), "open") != 0)
        return -1;
    return 0;
}

/* Definitions the backends refuse before doing anything. */
static int
testBadInput(const void *opaque)
{
    networkFirewallSubnet badNet[] = { { AF_INET, (char *)"192.168.1.300", 24, true } };
    networkFirewallSubnet badPrefix[] = { { AF_INET6, (char *)"fd00::", 129, true } };
    networkFirewallDef bad[] = {
        { .name = "q", .bridge = "br\"0", .mode = NETWORK_FIREWALL_MODE_NAT },
        { .name = "long", .bridge = "averyveryverylongbridge", .mode = NETWORK_FIREWALL_MODE_NAT },
        { .name = "dev", .bridge = "virbr9", .forwardDev = "eth0;", .mode = NETWORK_FIREWALL_MODE_NAT },
        { .name = "net", .bridge = "virbr9", .mode = NETWORK_FIREWALL_MODE_NAT, .subnets = badNet, .nsubnets = 1 },
        { .name = "prefix", .bridge = "virbr9", .mode = NETWORK_FIREWALL_MODE_ROUTE, .subnets = badPrefix, .nsubnets = 1 },
        { .name = "ports", .bridge = "virbr9", .mode = NETWORK_FIREWALL_MODE_NAT, .natPortStart = 3000, .natPortEnd = 2000 },
        { .name = "snat", .bridge = "virbr9", .mode = NETWORK_FIREWALL_MODE_NAT, .natAddrStart = "fd00::1" },
        { .name = "mode", .bridge = "virbr9", .mode = NETWORK_FIREWALL_MODE_LAST },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *nft = networkFirewallRender(&networkFirewallBackendNftables, &bad[i]);
        g_autofree char *ipt = networkFirewallRender(&networkFirewallBackendIptables, &bad[i]);

        if (nft || ipt || !virErrorGetLast()) {
            fprintf(stderr, "case %s was accepted\n", bad[i].name);
            return -1;
        }
        virErrorReset();
    }
    return 0;
}

/* Applying, in the namespace. */

static char *
testRunTool(const char *tool, const char *a1, const char *a2)
{
    g_autofree char *path = networkFirewallFindTool(tool);
    g_autoptr(virCommand) cmd = NULL;
    char *out = NULL;

    if (!path)
        return NULL;
    cmd = virCommandNewArgList(path, a1, a2, NULL);
    virCommandSetOutputBuffer(cmd, &out);
    if (virCommandRun(cmd, NULL) < 0) {
        g_free(out);
        return NULL;
    }
    return out;
}

/* What a backend may leave: nft's whole rule set; for iptables the rules
 * and our chains (iptables-nft keeps empty built-in tables once used). */
static char *
testSnapshot(const networkFirewallBackend *backend)
{
    g_autofree char *v4 = NULL;
    g_autofree char *v6 = NULL;
    g_auto(GStrv) lines = NULL;
    GString *out;
    size_t i;

    if (backend == &networkFirewallBackendNftables)
        return testRunTool("nft", "list", "ruleset");

    if (!(v4 = testRunTool("iptables-save", NULL, NULL)) || !(v6 = testRunTool("ip6tables-save", NULL, NULL)))
        return NULL;
    out = g_string_new(NULL);
    for (i = 0; i < 2; i++) {
        size_t j;

        g_clear_pointer(&lines, g_strfreev);
        lines = g_strsplit(i == 0 ? v4 : v6, "\n", -1);
        for (j = 0; lines[j]; j++) {
            if (g_str_has_prefix(lines[j], "-A") || g_str_has_prefix(lines[j], ":VIRTD"))
                g_string_append_printf(out, "%s\n", lines[j]);
        }
    }
    return g_string_free(out, FALSE);
}

static size_t
testCount(const char *haystack, const char *needle)
{
    size_t n = 0;
    const char *p = haystack;

    while ((p = strstr(p, needle))) {
        n++;
        p += strlen(needle);
    }
    return n;
}

/* The objects a case's rules live in, as the listing shows them; NULL for
 * open networks (no rules at all). */
static char *
testMarker(const networkFirewallBackend *backend, const networkFirewallDef *def)
{
    if (def->mode == NETWORK_FIREWALL_MODE_OPEN)
        return NULL;
    if (backend == &networkFirewallBackendNftables)
        return g_strdup_printf("table inet virtd_%s {", def->bridge);
    return g_strdup_printf("-A FORWARD -j VIRTD_FWD_%s\n", def->bridge);
}

static int
testApply(const void *opaque)
{
    const networkFirewallBackend *backend = opaque;
    g_autofree char *before = testSnapshot(backend);
    g_autofree char *after = NULL;
    size_t i;

    if (!before)
        return -1;
    /* All networks at once, each added twice: replaced, not duplicated. */
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        const networkFirewallDef *def = &cases[i].def;

        if (networkFirewallAdd(backend, def) < 0 || networkFirewallAdd(backend, def) < 0 ||
            networkFirewallExists(backend, def) != 1)
            return -1;
    }
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        const networkFirewallDef *def = &cases[i].def;
        g_autofree char *now = testSnapshot(backend);
        g_autofree char *marker = testMarker(backend, def);

        size_t want = 1;

        /* iptables: once per family (IPv6 only for networks with it). */
        if (backend == &networkFirewallBackendIptables && networkFirewallHasFamily(def, AF_INET6, false))
            want = 2;
        if (!now || (marker && testCount(now, marker) != want)) {
            fprintf(stderr, "%s: '%s' not exactly once in:\n%s\n", cases[i].name, marker, now);
            return -1;
        }
    }
    if (backend == &networkFirewallBackendIptables) {
        g_autofree char *now = testSnapshot(backend);

        /* IPv6 chains only for networks with IPv6. */
        if (!strstr(now, ":VIRTD_FWD_virbr5") || testCount(now, "-A FORWARD -j VIRTD_FWD_virbr5\n") != 2 ||
            testCount(now, "-A FORWARD -j VIRTD_FWD_virbr0\n") != 1 ||
            !strstr(now, "-A VIRTD_PRT_virbr1 -s 192.168.123.0/24 ! -d 192.168.123.0/24 -o eth0 -p tcp -j SNAT --to-source 10.0.0.10-10.0.0.20:2000-3000"))
            return -1;
    }

    /* Removing one network leaves the others alone. */
    if (networkFirewallRemove(backend, &cases[0].def) < 0 ||
        networkFirewallExists(backend, &cases[0].def) != 0 ||
        networkFirewallExists(backend, &cases[1].def) != 1)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        const networkFirewallDef *def = &cases[i].def;

        if (networkFirewallRemove(backend, def) < 0 || networkFirewallRemove(backend, def) < 0 ||
            (def->mode != NETWORK_FIREWALL_MODE_OPEN && networkFirewallExists(backend, def) != 0))
            return -1;
    }
    if (!(after = testSnapshot(backend)))
        return -1;
    if (strcmp(before, after) != 0) {
        fprintf(stderr, "left behind:\n--- before\n%s--- after\n%s", before, after);
        return -1;
    }
    return 0;
}

/* Only when firewalld is absent: then the zone calls must do nothing.
 * (The system bus is not per namespace: never touch a real firewalld.) */
static int
testFirewalldAbsent(const void *opaque)
{
    if (networkFirewalldIsRunning())
        return 0;
    if (networkFirewalldAddInterface("virbr0") < 0 || networkFirewalldRemoveInterface("virbr0") < 0)
        return -1;
    return 0;
}

static bool privileged;

static int
mymain(void)
{
    int ret = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        testData nft = { &cases[i], &networkFirewallBackendNftables };
        testData ipt = { &cases[i], &networkFirewallBackendIptables };
        g_autofree char *t1 = g_strdup_printf("%s (nftables)", cases[i].name);
        g_autofree char *t2 = g_strdup_printf("%s (iptables)", cases[i].name);

        ret |= virTestRun(t1, testRender, &nft);
        ret |= virTestRun(t2, testRender, &ipt);
    }
    ret |= virTestRun("backends by name", testBackendByName, NULL);
    ret |= virTestRun("bad definitions are refused", testBadInput, NULL);
    ret |= virTestRun("firewalld: nothing to do without it", testFirewalldAbsent, NULL);
    ret |= virTestCheckUnusedFiles(SUITE);

    if (!privileged)
        return ret;
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        if (virNetDevBridgeCreate(cases[i].def.bridge, NULL) < 0 ||
            virNetDevSetOnline(cases[i].def.bridge, true) < 0)
            return -1;
    }
    ret |= virTestRun("apply and remove (nftables)", testApply, &networkFirewallBackendNftables);
    ret |= virTestRun("apply and remove (iptables)", testApply, &networkFirewallBackendIptables);
    for (i = 0; i < G_N_ELEMENTS(cases); i++)
        ret |= virNetDevBridgeDelete(cases[i].def.bridge);
    return ret;
}

int
main(int argc, char **argv)
{
    /* Rules are only ever applied in a namespace of our own; without root
     * the golden cases still run. */
    if (geteuid() == 0) {
        if (unshare(CLONE_NEWNET) < 0) {
            fprintf(stderr, "unshare: %s\n", g_strerror(errno));
            return EXIT_FAILURE;
        }
        privileged = true;
    }
    return virTestMain(argc, argv, mymain);
}
