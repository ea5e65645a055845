/* The nftables backend: one table per network, "inet virtd_BRIDGE", with
 * its own base chains. Adding replaces the whole table in one transaction,
 * removing deletes it, so neither can leave half a rule set behind. */
#include "network_firewall.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vircommand.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("network.network_firewall_nftables");

#define NFT_TABLE_FAMILY "inet"
#define NFT_TABLE_PREFIX "virtd_"

/* Interface names are checked by the caller; anything nft would not take
 * in an identifier becomes '_'. */
static char *
networkNftTableName(const networkFirewallDef *def)
{
    g_autofree char *name = g_strdup_printf(NFT_TABLE_PREFIX "%s", def->bridge);
    char *p;

    for (p = name; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-' && *p != '.')
            *p = '_';
    }
    return g_steal_pointer(&name);
}

static void
networkNftChain(GString *out, const char *name, const char *type, const char *hook,
                const char *priority, GString *rules)
{
    if (rules->len == 0)
        return;
    g_string_append_printf(out, "\tchain %s {\n", name);
    g_string_append_printf(out, "\t\ttype %s hook %s priority %s; policy accept;\n", type, hook, priority);
    g_string_append(out, rules->str);
    g_string_append(out, "\t}\n");
}

/* DNS and DHCP from the guests to the host's dnsmasq, its DHCP replies. */
static void
networkNftServices(const networkFirewallDef *def, GString *input, GString *output)
{
    const char *br = def->bridge;

    if (def->dns) {
        g_string_append_printf(input, "\t\tiifname \"%s\" udp dport 53 accept\n", br);
        g_string_append_printf(input, "\t\tiifname \"%s\" tcp dport 53 accept\n", br);
    }
    if (networkFirewallHasFamily(def, AF_INET, true)) {
        g_string_append_printf(input, "\t\tiifname \"%s\" meta nfproto ipv4 udp dport 67 accept\n", br);
        g_string_append_printf(output, "\t\toifname \"%s\" meta nfproto ipv4 udp dport 68 accept\n", br);
    }
    if (networkFirewallHasFamily(def, AF_INET6, true)) {
        g_string_append_printf(input, "\t\tiifname \"%s\" meta nfproto ipv6 udp dport 547 accept\n", br);
        g_string_append_printf(output, "\t\toifname \"%s\" meta nfproto ipv6 udp dport 546 accept\n", br);
    }
}

/* Traffic between the subnet and the outside, for nat and route modes.
 * NAT (IPv4 only, as libvirt) lets in only replies to guests' connections. */
static void
networkNftForwardSubnet(const networkFirewallDef *def, const networkFirewallSubnet *subnet, GString *fwd)
{
    g_autofree char *net = networkFirewallSubnetFormat(subnet);
    g_autofree char *outdev = def->forwardDev ? g_strdup_printf(" oifname \"%s\"", def->forwardDev) : g_strdup("");
    g_autofree char *indev = def->forwardDev ? g_strdup_printf("iifname \"%s\" ", def->forwardDev) : g_strdup("");
    const char *ip = subnet->family == AF_INET ? "ip" : "ip6";
    bool nat = def->mode == NETWORK_FIREWALL_MODE_NAT && subnet->family == AF_INET;

    g_string_append_printf(fwd, "\t\tiifname \"%s\"%s %s saddr %s accept\n", def->bridge, outdev, ip, net);
    g_string_append_printf(fwd, "\t\t%soifname \"%s\" %s daddr %s%s accept\n", indev, def->bridge, ip, net,
                           nat ? " ct state established,related" : "");
}

static void
networkNftMasquerade(const networkFirewallDef *def, const networkFirewallSubnet *subnet, GString *nat)
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
    g_string_append_printf(nat, "\t\tip saddr %s ip daddr 224.0.0.0/24 return\n", net);
    g_string_append_printf(nat, "\t\tip saddr %s ip daddr 255.255.255.255 return\n", net);

    match = g_strdup_printf("ip saddr %s ip daddr != %s%s%s%s", net, net,
                            def->forwardDev ? " oifname \"" : "",
                            def->forwardDev ? def->forwardDev : "",
                            def->forwardDev ? "\"" : "");
    if (addrs) {
        ports = g_strdup_printf("snat ip to %s:%u-%u", addrs, start, end);
        action = g_strdup_printf("snat ip to %s", addrs);
    } else {
        ports = g_strdup_printf("masquerade to :%u-%u", start, end);
        action = g_strdup("masquerade");
    }
    g_string_append_printf(nat, "\t\t%s meta l4proto tcp %s\n", match, ports);
    g_string_append_printf(nat, "\t\t%s meta l4proto udp %s\n", match, ports);
    g_string_append_printf(nat, "\t\t%s %s\n", match, action);
}

static char *
networkNftRender(const networkFirewallDef *def)
{
    g_autofree char *table = networkNftTableName(def);
    g_autoptr(GString) input = g_string_new(NULL);
    g_autoptr(GString) output = g_string_new(NULL);
    g_autoptr(GString) fwd = g_string_new(NULL);
    g_autoptr(GString) nat = g_string_new(NULL);
    GString *out = g_string_new(NULL);
    const char *br = def->bridge;
    size_t i;

    g_string_append_printf(out, "# network %s, bridge %s, mode %s\n", def->name, br,
                           networkFirewallModeTypeToString(def->mode));
    /* Declaring then deleting the table makes the replacement idempotent:
     * a stale table from an earlier run goes in the same transaction. */
    g_string_append_printf(out, "table %s %s\n", NFT_TABLE_FAMILY, table);
    g_string_append_printf(out, "delete table %s %s\n", NFT_TABLE_FAMILY, table);
    if (def->mode == NETWORK_FIREWALL_MODE_OPEN)
        return g_string_free(out, FALSE);

    networkNftServices(def, input, output);
    g_string_append_printf(fwd, "\t\tiifname \"%s\" oifname \"%s\" accept\n", br, br);
    for (i = 0; i < def->nsubnets; i++) {
        const networkFirewallSubnet *subnet = &def->subnets[i];

        if (def->mode == NETWORK_FIREWALL_MODE_ISOLATED)
            continue;
        networkNftForwardSubnet(def, subnet, fwd);
        if (def->mode == NETWORK_FIREWALL_MODE_NAT && subnet->family == AF_INET)
            networkNftMasquerade(def, subnet, nat);
    }
    g_string_append_printf(fwd, "\t\tiifname \"%s\" reject\n", br);
    g_string_append_printf(fwd, "\t\toifname \"%s\" reject\n", br);

    g_string_append_printf(out, "table %s %s {\n", NFT_TABLE_FAMILY, table);
    networkNftChain(out, "input", "filter", "input", "filter", input);
    networkNftChain(out, "output", "filter", "output", "filter", output);
    networkNftChain(out, "forward", "filter", "forward", "filter", fwd);
    networkNftChain(out, "postrouting", "nat", "postrouting", "srcnat", nat);
    g_string_append(out, "}\n");
    return g_string_free(out, FALSE);
}

/* Runs nft with args; *status gets its exit status. */
static int
networkNftRun(const char *const *args, int fd, char **errbuf, int *status)
{
    g_autofree char *nft = networkFirewallFindTool("nft");
    g_autoptr(virCommand) cmd = NULL;
    size_t i;

    if (!nft)
        return -1;
    cmd = virCommandNew(nft);
    for (i = 0; args[i]; i++)
        virCommandAddArg(cmd, args[i]);
    if (fd >= 0) {
        virCommandPassFD(cmd, fd);
        virCommandAddArgFormat(cmd, "/dev/fd/%d", fd);
    }
    virCommandSetErrorBuffer(cmd, errbuf);
    return virCommandRun(cmd, status);
}

/* nft -f with script. Our command runner gives children /dev/null as
 * stdin, so the script goes through a memfd instead of "-f -". */
static int
networkNftApply(const networkFirewallDef *def, const char *script, const char *what)
{
    static const char *const args[] = { "-f", NULL };
    g_autofree char *errbuf = NULL;
    size_t len = strlen(script);
    int status = 0;
    int ret = -1;
    int fd;

    if ((fd = memfd_create("virtd-nft", MFD_CLOEXEC)) < 0) {
        virReportSystemError(errno, "Unable to %s the nftables rules of network %s", what, def->name);
        return -1;
    }
    if (write(fd, script, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) < 0) {
        virReportSystemError(errno, "Unable to %s the nftables rules of network %s", what, def->name);
        goto cleanup;
    }
    if (networkNftRun(args, fd, &errbuf, &status) < 0)
        goto cleanup;
    if (status != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "Unable to %s the nftables rules of network %s: %s",
                       what, def->name, g_strstrip(errbuf));
        goto cleanup;
    }
    ret = 0;
 cleanup:
    close(fd);
    return ret;
}

static int
networkNftAdd(const networkFirewallDef *def)
{
    g_autofree char *script = networkNftRender(def);

    return networkNftApply(def, script, "add");
}

static int
networkNftRemove(const networkFirewallDef *def)
{
    g_autofree char *table = networkNftTableName(def);
    g_autofree char *script = NULL;

    /* Idempotent, as in render: no table is not an error. */
    script = g_strdup_printf("table %s %s\ndelete table %s %s\n",
                             NFT_TABLE_FAMILY, table, NFT_TABLE_FAMILY, table);
    return networkNftApply(def, script, "remove");
}

static int
networkNftExists(const networkFirewallDef *def)
{
    g_autofree char *table = networkNftTableName(def);
    g_autofree char *errbuf = NULL;
    const char *args[] = { "list", "table", NFT_TABLE_FAMILY, table, NULL };
    int status = 0;

    if (def->mode == NETWORK_FIREWALL_MODE_OPEN)
        return 1;
    if (networkNftRun(args, -1, &errbuf, &status) < 0)
        return -1;
    return status == 0 ? 1 : 0;
}

const networkFirewallBackend networkFirewallBackendNftables = {
    .name = "nftables",
    .render = networkNftRender,
    .add = networkNftAdd,
    .remove = networkNftRemove,
    .exists = networkNftExists,
};
