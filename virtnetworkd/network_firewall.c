#include "network_firewall.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "virerror.h"
#include "virlog.h"
#include "virnetdev.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("network.network_firewall");

VIR_ENUM_IMPL(networkFirewallMode, NETWORK_FIREWALL_MODE_LAST,
              "isolated", "nat", "route", "open");

VIR_ENUM_IMPL(networkFirewallBackend, NETWORK_FIREWALL_BACKEND_LAST,
              "nftables", "iptables");

static const networkFirewallBackend *const networkFirewallBackends[] = {
    [NETWORK_FIREWALL_BACKEND_NFTABLES] = &networkFirewallBackendNftables,
    [NETWORK_FIREWALL_BACKEND_IPTABLES] = &networkFirewallBackendIptables,
};
G_STATIC_ASSERT(G_N_ELEMENTS(networkFirewallBackends) == NETWORK_FIREWALL_BACKEND_LAST);

const networkFirewallBackend *
networkFirewallBackendByName(const char *name)
{
    int type = NETWORK_FIREWALL_BACKEND_NFTABLES;

    if (name && (type = networkFirewallBackendTypeFromString(name)) < 0) {
        virReportError(VIR_ERR_CONF_SYNTAX, "unknown firewall backend '%s'", name);
        return NULL;
    }
    return networkFirewallBackends[type];
}

/* Interface names end up inside quoted nft strings and iptables arguments. */
static int
networkFirewallCheckIfname(const networkFirewallDef *def, const char *ifname)
{
    if (virNetDevValidateName(ifname) < 0)
        return -1;
    if (strpbrk(ifname, "\"\\'`$;!*?")) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "interface name '%s' of network %s cannot be used in firewall rules",
                       ifname, def->name);
        return -1;
    }
    return 0;
}

static int
networkFirewallCheckAddr(const networkFirewallDef *def, int family, const char *addr)
{
    unsigned char bin[16];

    if (!addr || inet_pton(family, addr, bin) != 1) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "invalid address '%s' in the firewall rules of network %s",
                       addr ? addr : "", def->name);
        return -1;
    }
    return 0;
}

static int
networkFirewallCheck(const networkFirewallDef *def)
{
    size_t i;

    if (!def->name || def->mode < 0 || def->mode >= NETWORK_FIREWALL_MODE_LAST) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "invalid firewall mode %d of network %s",
                       def->mode, def->name ? def->name : "");
        return -1;
    }
    if (networkFirewallCheckIfname(def, def->bridge) < 0 ||
        (def->forwardDev && networkFirewallCheckIfname(def, def->forwardDev) < 0))
        return -1;
    for (i = 0; i < def->nsubnets; i++) {
        const networkFirewallSubnet *s = &def->subnets[i];

        if ((s->family != AF_INET && s->family != AF_INET6) ||
            s->prefix > (s->family == AF_INET ? 32 : 128)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "invalid subnet %s/%u of network %s",
                           s->address ? s->address : "", s->prefix, def->name);
            return -1;
        }
        if (networkFirewallCheckAddr(def, s->family, s->address) < 0)
            return -1;
    }
    if ((def->natAddrStart && networkFirewallCheckAddr(def, AF_INET, def->natAddrStart) < 0) ||
        (def->natAddrEnd && networkFirewallCheckAddr(def, AF_INET, def->natAddrEnd) < 0))
        return -1;
    if (def->natAddrEnd && !def->natAddrStart) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "NAT address range of network %s has an end but no start",
                       def->name);
        return -1;
    }
    if (def->natPortEnd > 65535 || (def->natPortEnd && def->natPortStart > def->natPortEnd)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "invalid NAT port range %u-%u of network %s",
                       def->natPortStart, def->natPortEnd, def->name);
        return -1;
    }
    return 0;
}

char *
networkFirewallSubnetFormat(const networkFirewallSubnet *subnet)
{
    unsigned char bin[16] = { 0 };
    char buf[INET6_ADDRSTRLEN];
    size_t len = subnet->family == AF_INET ? 4 : 16;
    size_t i;

    if (inet_pton(subnet->family, subnet->address, bin) != 1)
        return g_strdup_printf("%s/%u", subnet->address, subnet->prefix);
    /* nft refuses a prefix with host bits set. */
    for (i = 0; i < len; i++) {
        unsigned int bits = subnet->prefix > i * 8 ? subnet->prefix - i * 8 : 0;

        if (bits < 8)
            bin[i] &= (unsigned char)(0xff00 >> bits);
    }
    inet_ntop(subnet->family, bin, buf, sizeof(buf));
    return g_strdup_printf("%s/%u", buf, subnet->prefix);
}

void
networkFirewallNatPorts(const networkFirewallDef *def, unsigned int *start, unsigned int *end)
{
    if (def->natPortStart == 0 && def->natPortEnd == 0) {
        *start = 1024;
        *end = 65535;
        return;
    }
    *start = def->natPortStart ? def->natPortStart : 1024;
    *end = def->natPortEnd ? def->natPortEnd : 65535;
}

char *
networkFirewallNatAddrRange(const networkFirewallDef *def)
{
    if (!def->natAddrStart)
        return NULL;
    if (!def->natAddrEnd || strcmp(def->natAddrStart, def->natAddrEnd) == 0)
        return g_strdup(def->natAddrStart);
    return g_strdup_printf("%s-%s", def->natAddrStart, def->natAddrEnd);
}

bool
networkFirewallHasFamily(const networkFirewallDef *def, int family, bool dhcp)
{
    size_t i;

    for (i = 0; i < def->nsubnets; i++) {
        if (def->subnets[i].family == family && (!dhcp || def->subnets[i].dhcp))
            return true;
    }
    return false;
}

char *
networkFirewallFindTool(const char *name)
{
    static const char *const dirs[] = { "/usr/sbin", "/sbin", "/usr/bin", "/bin" };
    char *path;
    size_t i;

    /* The daemon's PATH may lack the sbin directories. */
    if ((path = g_find_program_in_path(name)))
        return path;
    for (i = 0; i < G_N_ELEMENTS(dirs); i++) {
        path = g_build_filename(dirs[i], name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_EXECUTABLE))
            return path;
        g_free(path);
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "cannot find the firewall tool '%s'", name);
    return NULL;
}

char *
networkFirewallRender(const networkFirewallBackend *backend, const networkFirewallDef *def)
{
    if (networkFirewallCheck(def) < 0)
        return NULL;
    return backend->render(def);
}

int
networkFirewallAdd(const networkFirewallBackend *backend, const networkFirewallDef *def)
{
    if (networkFirewallCheck(def) < 0)
        return -1;
    VIR_DEBUG("adding %s firewall rules of network %s (bridge %s)", backend->name, def->name, def->bridge);
    return backend->add(def);
}

int
networkFirewallRemove(const networkFirewallBackend *backend, const networkFirewallDef *def)
{
    if (networkFirewallCheck(def) < 0)
        return -1;
    VIR_DEBUG("removing %s firewall rules of network %s (bridge %s)", backend->name, def->name, def->bridge);
    return backend->remove(def);
}

int
networkFirewallExists(const networkFirewallBackend *backend, const networkFirewallDef *def)
{
    if (networkFirewallCheck(def) < 0)
        return -1;
    return backend->exists(def);
}
