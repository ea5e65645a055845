/* The iptables backend: per network chains named after the bridge,
 * VIRTD_{INP,OUT,FWD}_BRIDGE in filter and VIRTD_PRT_BRIDGE in nat, each
 * reached by one unconditional jump from the built-in chain. Removal takes
 * out exactly those jumps and chains. IPv6 rules (ip6tables) exist only for
 * networks with an IPv6 subnet, as in libvirt. */
#include "network_firewall.h"

#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>

#include "vircommand.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("network.network_firewall_iptables");

typedef enum {
    NETWORK_IPT_CHAIN_INPUT,
    NETWORK_IPT_CHAIN_OUTPUT,
    NETWORK_IPT_CHAIN_FORWARD,
    NETWORK_IPT_CHAIN_POSTROUTING,
    NETWORK_IPT_CHAIN_LAST
} networkIptChain;

static const struct {
    const char *table;
    const char *builtin;
    const char *prefix;
} networkIptChains[] = {
    [NETWORK_IPT_CHAIN_INPUT] = { "filter", "INPUT", "VIRTD_INP_" },
    [NETWORK_IPT_CHAIN_OUTPUT] = { "filter", "OUTPUT", "VIRTD_OUT_" },
    [NETWORK_IPT_CHAIN_FORWARD] = { "filter", "FORWARD", "VIRTD_FWD_" },
    [NETWORK_IPT_CHAIN_POSTROUTING] = { "nat", "POSTROUTING", "VIRTD_PRT_" },
};
G_STATIC_ASSERT(G_N_ELEMENTS(networkIptChains) == NETWORK_IPT_CHAIN_LAST);

static const int networkIptFamilies[] = { AF_INET, AF_INET6 };

static const char *
networkIptTool(int family)
{
    return family == AF_INET ? "iptables" : "ip6tables";
}

static char *
networkIptChainName(const networkFirewallDef *def, networkIptChain chain)
{
    return g_strdup_printf("%s%s", networkIptChains[chain].prefix, def->bridge);
}

static bool
networkIptWantFamily(const networkFirewallDef *def, int family)
{
    if (def->mode == NETWORK_FIREWALL_MODE_OPEN)
        return false;
    return family == AF_INET || networkFirewallHasFamily(def, AF_INET6, false);
}

/* One rule: its arguments after "-A CHAIN", space separated (interface
 * names and addresses never contain spaces). */
static void G_GNUC_PRINTF(2, 3)
networkIptRule(GPtrArray *rules, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_ptr_array_add(rules, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

static void
networkIptForwardSubnet(const networkFirewallDef *def, const networkFirewallSubnet *subnet, GPtrArray *fwd)
{
    g_autofree char *net = networkFirewallSubnetFormat(subnet);
    g_autofree char *outdev = def->forwardDev ? g_strdup_printf(" -o %s", def->forwardDev) : g_strdup("");
    g_autofree char *indev = def->forwardDev ? g_strdup_printf("-i %s ", def->forwardDev) : g_strdup("");
    bool nat = def->mode == NETWORK_FIREWALL_MODE_NAT && subnet->family == AF_INET;

    networkIptRule(fwd, "-i %s%s -s %s -j ACCEPT", def->bridge, outdev, net);
    networkIptRule(fwd, "%s-o %s -d %s%s -j ACCEPT", indev, def->bridge, net,
                   nat ? " -m conntrack --ctstate ESTABLISHED,RELATED" : "");
}

static void
networkIptMasquerade(const networkFirewallDef *def, const networkFirewallSubnet *subnet, GPtrArray *nat)
{
    g_autofree char *net = networkFirewallSubnetFormat(subnet);
    g_autofree char *addrs = networkFirewallNatAddrRange(def);
    g_autofree char *match = NULL;
    g_autofree char *ports = NULL;
    g_autofree char *action = NULL;
    unsigned int start;
    unsigned int end;

    networkFirewallNatPorts(def, &start, &end);
    /* Multicast and broadcast must keep their source address. */
    networkIptRule(nat, "-s %s -d 224.0.0.0/24 -j RETURN", net);
    networkIptRule(nat, "-s %s -d 255.255.255.255/32 -j RETURN", net);

    match = g_strdup_printf("-s %s ! -d %s%s%s", net, net,
                            def->forwardDev ? " -o " : "", def->forwardDev ? def->forwardDev : "");
    if (addrs) {
        ports = g_strdup_printf("-j SNAT --to-source %s:%u-%u", addrs, start, end);
        action = g_strdup_printf("-j SNAT --to-source %s", addrs);
    } else {
        ports = g_strdup_printf("-j MASQUERADE --to-ports %u-%u", start, end);
        action = g_strdup("-j MASQUERADE");
    }
    networkIptRule(nat, "%s -p tcp %s", match, ports);
    networkIptRule(nat, "%s -p udp %s", match, ports);
    networkIptRule(nat, "%s %s", match, action);
}

/* The rules of each chain for one family. */
static void
networkIptBuildRules(const networkFirewallDef *def, int family, GPtrArray **rules)
{
    const char *br = def->bridge;
    bool v4 = family == AF_INET;
    size_t i;

    if (def->dns) {
        networkIptRule(rules[NETWORK_IPT_CHAIN_INPUT], "-i %s -p udp --dport 53 -j ACCEPT", br);
        networkIptRule(rules[NETWORK_IPT_CHAIN_INPUT], "-i %s -p tcp --dport 53 -j ACCEPT", br);
    }
    if (networkFirewallHasFamily(def, family, true)) {
        networkIptRule(rules[NETWORK_IPT_CHAIN_INPUT], "-i %s -p udp --dport %d -j ACCEPT", br, v4 ? 67 : 547);
        networkIptRule(rules[NETWORK_IPT_CHAIN_OUTPUT], "-o %s -p udp --dport %d -j ACCEPT", br, v4 ? 68 : 546);
    }

    networkIptRule(rules[NETWORK_IPT_CHAIN_FORWARD], "-i %s -o %s -j ACCEPT", br, br);
    for (i = 0; i < def->nsubnets; i++) {
        const networkFirewallSubnet *subnet = &def->subnets[i];

        if (subnet->family != family || def->mode == NETWORK_FIREWALL_MODE_ISOLATED)
            continue;
        networkIptForwardSubnet(def, subnet, rules[NETWORK_IPT_CHAIN_FORWARD]);
        if (def->mode == NETWORK_FIREWALL_MODE_NAT && v4)
            networkIptMasquerade(def, subnet, rules[NETWORK_IPT_CHAIN_POSTROUTING]);
    }
    networkIptRule(rules[NETWORK_IPT_CHAIN_FORWARD], "-i %s -j REJECT", br);
    networkIptRule(rules[NETWORK_IPT_CHAIN_FORWARD], "-o %s -j REJECT", br);
}

/* argv (tool name first) for a command on table. */
static char **
networkIptCommand(int family, const char *table, const char *args)
{
    g_autofree char *line = g_strdup_printf("%s -w -t %s %s", networkIptTool(family), table, args);

    return g_strsplit(line, " ", -1);
}

/* Every command add runs, in order: chains filled before being jumped to. */
static GPtrArray *
networkIptBuild(const networkFirewallDef *def)
{
    GPtrArray *cmds = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    size_t f;
    size_t c;
    size_t i;

    for (f = 0; f < G_N_ELEMENTS(networkIptFamilies); f++) {
        int family = networkIptFamilies[f];
        GPtrArray *rules[NETWORK_IPT_CHAIN_LAST];

        if (!networkIptWantFamily(def, family))
            continue;
        for (c = 0; c < NETWORK_IPT_CHAIN_LAST; c++)
            rules[c] = g_ptr_array_new_with_free_func(g_free);
        networkIptBuildRules(def, family, rules);

        for (c = 0; c < NETWORK_IPT_CHAIN_LAST; c++) {
            g_autofree char *chain = networkIptChainName(def, c);
            g_autofree char *create = g_strdup_printf("-N %s", chain);
            const char *table = networkIptChains[c].table;

            if (rules[c]->len == 0)
                continue;
            g_ptr_array_add(cmds, networkIptCommand(family, table, create));
            for (i = 0; i < rules[c]->len; i++) {
                g_autofree char *rule = g_strdup_printf("-A %s %s", chain,
                                                        (char *)g_ptr_array_index(rules[c], i));

                g_ptr_array_add(cmds, networkIptCommand(family, table, rule));
            }
        }
        for (c = 0; c < NETWORK_IPT_CHAIN_LAST; c++) {
            g_autofree char *chain = networkIptChainName(def, c);
            g_autofree char *jump = g_strdup_printf("-I %s -j %s", networkIptChains[c].builtin, chain);

            if (rules[c]->len > 0)
                g_ptr_array_add(cmds, networkIptCommand(family, networkIptChains[c].table, jump));
        }
        for (c = 0; c < NETWORK_IPT_CHAIN_LAST; c++)
            g_ptr_array_unref(rules[c]);
    }
    return cmds;
}

static char *
networkIptRender(const networkFirewallDef *def)
{
    g_autoptr(GPtrArray) cmds = networkIptBuild(def);
    GString *out = g_string_new(NULL);
    size_t i;

    g_string_append_printf(out, "# network %s, bridge %s, mode %s\n", def->name, def->bridge,
                           networkFirewallModeTypeToString(def->mode));
    for (i = 0; i < cmds->len; i++) {
        g_autofree char *line = g_strjoinv(" ", g_ptr_array_index(cmds, i));

        g_string_append_printf(out, "%s\n", line);
    }
    return g_string_free(out, FALSE);
}

/* Runs argv (its tool looked up). With status NULL a failure is reported;
 * otherwise the exit status is stored and nothing reported. */
static int
networkIptRun(char **argv, int *status)
{
    g_autofree char *tool = networkFirewallFindTool(argv[0]);
    g_autoptr(virCommand) cmd = NULL;
    g_autofree char *errbuf = NULL;
    int st = 0;
    size_t i;

    if (!tool)
        return -1;
    cmd = virCommandNew(tool);
    for (i = 1; argv[i]; i++)
        virCommandAddArg(cmd, argv[i]);
    virCommandSetErrorBuffer(cmd, &errbuf);
    if (virCommandRun(cmd, &st) < 0)
        return -1;
    if (status) {
        *status = st;
        return 0;
    }
    if (st != 0) {
        g_autofree char *line = g_strjoinv(" ", argv);

        virReportError(VIR_ERR_INTERNAL_ERROR, "Unable to run '%s': %s", line, g_strstrip(errbuf));
        return -1;
    }
    return 0;
}

/* Runs "TOOL -w -t TABLE ARGS"; 1 when it succeeded, 0 when it failed,
 * -1 when it could not run. */
static int
networkIptTry(int family, const char *table, const char *args)
{
    g_auto(GStrv) argv = networkIptCommand(family, table, args);
    int status;

    if (networkIptRun(argv, &status) < 0)
        return -1;
    return status == 0 ? 1 : 0;
}

/* Removes one family's jumps and chains of this bridge, whatever mode
 * created them. */
static int
networkIptRemoveFamily(const networkFirewallDef *def, int family)
{
    size_t c;

    for (c = 0; c < NETWORK_IPT_CHAIN_LAST; c++) {
        g_autofree char *chain = networkIptChainName(def, c);
        g_autofree char *list = g_strdup_printf("-S %s", chain);
        g_autofree char *jump = g_strdup_printf("-D %s -j %s", networkIptChains[c].builtin, chain);
        g_autofree char *flush = g_strdup_printf("-F %s", chain);
        g_autofree char *del = g_strdup_printf("-X %s", chain);
        const char *table = networkIptChains[c].table;
        g_auto(GStrv) flushArgv = networkIptCommand(family, table, flush);
        g_auto(GStrv) delArgv = networkIptCommand(family, table, del);
        int rc;
        int n;

        if ((rc = networkIptTry(family, table, list)) < 0)
            return -1;
        if (rc == 0)
            continue;
        /* A jump added twice (say, by hand) must go too before -X works. */
        for (n = 0; n < 16; n++) {
            if ((rc = networkIptTry(family, table, jump)) < 0)
                return -1;
            if (rc == 0)
                break;
        }
        if (networkIptRun(flushArgv, NULL) < 0 || networkIptRun(delArgv, NULL) < 0)
            return -1;
    }
    return 0;
}

static int
networkIptRemove(const networkFirewallDef *def)
{
    size_t f;

    for (f = 0; f < G_N_ELEMENTS(networkIptFamilies); f++) {
        int family = networkIptFamilies[f];
        g_autofree char *tool = networkFirewallFindTool(networkIptTool(family));

        /* No ip6tables on a host without IPv6: nothing of ours to remove,
         * unless def needs it (then the error stands). */
        if (!tool && family == AF_INET6 && !networkIptWantFamily(def, family)) {
            virErrorReset();
            continue;
        }
        if (!tool || networkIptRemoveFamily(def, family) < 0)
            return -1;
    }
    return 0;
}

static int
networkIptAdd(const networkFirewallDef *def)
{
    g_autoptr(GPtrArray) cmds = networkIptBuild(def);
    g_autoptr(virErrorInfo) saved = NULL;
    size_t i;

    /* Replace, never duplicate: whatever an earlier run left goes first. */
    if (networkIptRemove(def) < 0)
        return -1;
    for (i = 0; i < cmds->len; i++) {
        if (networkIptRun(g_ptr_array_index(cmds, i), NULL) < 0)
            goto error;
    }
    return 0;

 error:
    saved = virErrorPreserve();
    networkIptRemove(def);
    virErrorRestore(&saved);
    return -1;
}

static int
networkIptExists(const networkFirewallDef *def)
{
    g_autoptr(GPtrArray) cmds = networkIptBuild(def);
    size_t i;

    /* Every jump add would insert is there (a jump needs its chain). */
    for (i = 0; i < cmds->len; i++) {
        char **argv = g_ptr_array_index(cmds, i);
        g_autofree char *check = NULL;
        int rc;

        if (g_strv_length(argv) != 8 || strcmp(argv[4], "-I") != 0)
            continue;
        check = g_strdup_printf("-C %s -j %s", argv[5], argv[7]);
        if ((rc = networkIptTry(strcmp(argv[0], "iptables") == 0 ? AF_INET : AF_INET6, argv[3], check)) <= 0)
            return rc;
    }
    return 1;
}

const networkFirewallBackend networkFirewallBackendIptables = {
    .name = "iptables",
    .render = networkIptRender,
    .add = networkIptAdd,
    .remove = networkIptRemove,
    .exists = networkIptExists,
};
