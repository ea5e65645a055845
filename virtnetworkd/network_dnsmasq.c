#include "network_dnsmasq.h"

#include <stdlib.h>
#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("network.network_dnsmasq");

void
networkDnsmasqConfigClear(networkDnsmasqConfig *cfg)
{
    g_clear_pointer(&cfg->conf, g_free);
    g_clear_pointer(&cfg->hosts, g_free);
    g_clear_pointer(&cfg->addnhosts, g_free);
}

static bool
networkDnsmasqWantDNS(const virNetworkDef *def)
{
    return def->dns.enable != VIR_TRISTATE_BOOL_NO;
}

bool
networkDnsmasqNeeded(const virNetworkDef *def)
{
    size_t i;

    if (!virNetworkDefForwardIsL3(def->forward.type))
        return false;
    if (networkDnsmasqWantDNS(def))
        return true;
    for (i = 0; i < def->nips; i++) {
        if (def->ips[i].nranges || def->ips[i].nhosts)
            return true;
    }
    return false;
}

/* dnsmasq's lease time syntax: "infinite", or a number and s/m/h. */
static char *
networkDnsmasqLeaseTime(const virNetworkDHCPLeaseTime *lease)
{
    if (!lease)
        return NULL;
    if (lease->expiry == 0)
        return g_strdup("infinite");
    return g_strdup_printf("%llu%c", lease->expiry,
                           virNetworkDHCPLeaseTimeUnitTypeToString(lease->unit)[0]);
}

/* One dhcp-hostsfile line: dnsmasq wants "mac,ip,name" for IPv4 and
 * "id:duid,name,[ip]" for IPv6, each part optional but the address. */
static void
networkDnsmasqHostLine(GString *hosts, const virNetworkDHCPHost *host, bool ipv6)
{
    g_autofree char *ip = virSocketAddrFormat(&host->ip);
    g_autofree char *lease = networkDnsmasqLeaseTime(host->lease);

    if (!ip)
        return;
    if (ipv6) {
        if (host->id && host->name)
            g_string_append_printf(hosts, "id:%s,%s", host->id, host->name);
        else if (host->id)
            g_string_append_printf(hosts, "id:%s", host->id);
        else if (host->name)
            g_string_append(hosts, host->name);
        g_string_append_printf(hosts, ",[%s]", ip);
    } else if (host->mac && host->name) {
        g_string_append_printf(hosts, "%s,%s,%s", host->mac, ip, host->name);
    } else if (host->name) {
        g_string_append_printf(hosts, "%s,%s", host->name, ip);
    } else {
        g_string_append_printf(hosts, "%s,%s", host->mac ? host->mac : "", ip);
    }
    if (lease)
        g_string_append_printf(hosts, ",%s", lease);
    g_string_append_c(hosts, '\n');
}

/* The addn-hosts file: one line per address, names tab separated; entries
 * of the same address are merged as dnsmasq would otherwise see two. */
static char *
networkDnsmasqAddnHosts(const virNetworkDNSDef *dns)
{
    g_autoptr(GPtrArray) ips = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    GString *buf = g_string_new(NULL);
    size_t i, j;

    for (i = 0; i < dns->nhosts; i++) {
        g_autofree char *ip = virSocketAddrFormat(&dns->hosts[i].ip);
        GPtrArray *list = NULL;

        if (!ip)
            continue;
        for (j = 0; j < ips->len; j++) {
            if (strcmp(g_ptr_array_index(ips, j), ip) == 0) {
                list = g_ptr_array_index(names, j);
                break;
            }
        }
        if (!list) {
            list = g_ptr_array_new();
            g_ptr_array_add(ips, g_steal_pointer(&ip));
            g_ptr_array_add(names, list);
        }
        for (j = 0; j < dns->hosts[i].nhostnames; j++)
            g_ptr_array_add(list, dns->hosts[i].hostnames[j]);
    }

    for (i = 0; i < ips->len; i++) {
        GPtrArray *list = g_ptr_array_index(names, i);

        g_string_append_printf(buf, "%s\t", (const char *)g_ptr_array_index(ips, i));
        for (j = 0; j < list->len; j++)
            g_string_append_printf(buf, "%s\t", (const char *)g_ptr_array_index(list, j));
        g_string_append_c(buf, '\n');
    }
    return g_string_free(buf, FALSE);
}

static void
networkDnsmasqForwarders(GString *conf, const virNetworkDNSDef *dns)
{
    bool noResolv = false;
    size_t i;

    for (i = 0; i < dns->nfwds; i++) {
        const virNetworkDNSForwarder *fwd = &dns->forwarders[i];
        g_autofree char *addr = virSocketAddrFormat(&fwd->addr);

        g_string_append(conf, "server=");
        if (fwd->domain)
            g_string_append_printf(conf, "/%s/", fwd->domain);
        if (addr) {
            g_string_append_printf(conf, "%s\n", addr);
            /* An address for every domain replaces resolv.conf. */
            if (!fwd->domain)
                noResolv = true;
        } else {
            /* A domain with no address: answered locally only. */
            g_string_append(conf, "#\n");
        }
    }
    if (noResolv)
        g_string_append(conf, "no-resolv\n");
}

static void
networkDnsmasqSrv(GString *conf, const virNetworkDNSSrv *srv)
{
    if (!srv->service || !srv->protocol)
        return;
    g_string_append_printf(conf, "srv-host=_%s._%s", srv->service, srv->protocol);
    if (srv->domain)
        g_string_append_printf(conf, ".%s", srv->domain);
    /* A target of "." means "no such service" (RFC 2782): nothing else
     * matters then. The rest is positional, so an unset field before a set
     * one gets its default (port 1, priority 0). */
    if (srv->target && strcmp(srv->target, ".") != 0) {
        g_string_append_printf(conf, ",%s", srv->target);
        if (srv->port || srv->priority || srv->weight)
            g_string_append_printf(conf, ",%u", srv->port ? srv->port : 1);
        if (srv->priority || srv->weight)
            g_string_append_printf(conf, ",%u", srv->priority);
        if (srv->weight)
            g_string_append_printf(conf, ",%u", srv->weight);
    }
    g_string_append_c(conf, '\n');
}

/* The dhcp-range, static host and boot lines of one <ip>; adds the number
 * of dynamic addresses to *nleases. */
static int
networkDnsmasqIPDHCP(GString *conf, GString *hosts, const virNetworkDef *def,
                     const virNetworkIPDef *ip, long long *nleases)
{
    bool ipv6 = VIR_SOCKET_ADDR_IS_FAMILY(&ip->address, AF_INET6);
    int prefix = virNetworkIPDefPrefix(ip);
    size_t i;

    if (prefix < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "bridge '%s' has an invalid prefix",
                       def->bridge);
        return -1;
    }

    for (i = 0; i < ip->nranges; i++) {
        const virNetworkDHCPRange *range = &ip->ranges[i];
        g_autofree char *start = virSocketAddrFormat(&range->start);
        g_autofree char *end = virSocketAddrFormat(&range->end);
        g_autofree char *lease = networkDnsmasqLeaseTime(range->lease);
        long long size = virSocketAddrRangeSize(&range->start, &range->end);

        if (size < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "range %s - %s is reversed", start, end);
            return -1;
        }
        if (ipv6) {
            g_string_append_printf(conf, "dhcp-range=%s,%s,%d", start, end, prefix);
        } else {
            virSocketAddr netmask;
            g_autofree char *mask = NULL;

            virSocketAddrPrefixToNetmask(prefix, AF_INET, &netmask);
            mask = virSocketAddrFormat(&netmask);
            g_string_append_printf(conf, "dhcp-range=%s,%s,%s", start, end, mask);
        }
        if (lease)
            g_string_append_printf(conf, ",%s", lease);
        g_string_append_c(conf, '\n');
        *nleases += size;
    }

    /* Static hosts only: dnsmasq still needs a range to serve DHCP. */
    if (!ip->nranges && ip->nhosts) {
        g_autofree char *addr = virSocketAddrFormat(&ip->address);

        g_string_append_printf(conf, "dhcp-range=%s,static", addr);
        if (ipv6)
            g_string_append_printf(conf, ",%d", prefix);
        g_string_append_c(conf, '\n');
    }

    for (i = 0; i < ip->nhosts; i++)
        networkDnsmasqHostLine(hosts, &ip->hosts[i], ipv6);

    if (ipv6)
        return 0;
    if (ip->nranges || ip->nhosts)
        g_string_append(conf, "dhcp-no-override\ndhcp-authoritative\n");
    if (ip->tftproot)
        g_string_append_printf(conf, "enable-tftp\ntftp-root=%s\n", ip->tftproot);
    if (ip->bootfile) {
        g_autofree char *server = virSocketAddrFormat(&ip->bootserver);

        if (server)
            g_string_append_printf(conf, "dhcp-boot=%s,,%s\n", ip->bootfile, server);
        else
            g_string_append_printf(conf, "dhcp-boot=%s\n", ip->bootfile);
    }
    return 0;
}

/* The one IPv4 and the one IPv6 <ip> with DHCP, if any. */
static int
networkDnsmasqFindDHCP(const virNetworkDef *def, const virNetworkIPDef **ipv4,
                       const virNetworkIPDef **ipv6)
{
    size_t i;

    *ipv4 = *ipv6 = NULL;
    for (i = 0; i < def->nips; i++) {
        const virNetworkIPDef *ip = &def->ips[i];
        bool v6 = VIR_SOCKET_ADDR_IS_FAMILY(&ip->address, AF_INET6);
        const virNetworkIPDef **slot = v6 ? ipv6 : ipv4;

        if (!ip->nranges && !ip->nhosts)
            continue;
        if (*slot) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "For %s, multiple DHCP definitions cannot be specified.",
                           v6 ? "IPv6" : "IPv4");
            return -1;
        }
        *slot = ip;
    }
    return 0;
}

int
networkDnsmasqBuildConfig(const virNetworkDef *def, const networkDnsmasqPaths *paths,
                          networkDnsmasqConfig *cfg)
{
    g_autoptr(GString) conf = g_string_new(NULL);
    g_autoptr(GString) hosts = g_string_new(NULL);
    const virNetworkIPDef *ipv4 = NULL;
    const virNetworkIPDef *ipv6 = NULL;
    const virNetworkIPDef *ip;
    bool wantDNS = networkDnsmasqWantDNS(def);
    long long nleases = 0;
    size_t i;

    memset(cfg, 0, sizeof(*cfg));
    if (!def->bridge) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "network '%s' has no bridge name",
                       def->name);
        return -1;
    }
    if (networkDnsmasqFindDHCP(def, &ipv4, &ipv6) < 0)
        return -1;

    g_string_append_printf(conf,
                           "##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
                           "##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:\n"
                           "##    virsh net-edit %s\n"
                           "## or other application using the libvirt API.\n"
                           "##\n## dnsmasq conf file created by libvirt\n"
                           "strict-order\n",
                           def->name);

    /* Port 0: dnsmasq serves DHCP only. */
    if (!wantDNS)
        g_string_append(conf, "port=0\n");
    if (wantDNS)
        networkDnsmasqForwarders(conf, &def->dns);

    if (def->domain) {
        if (def->domainLocalOnly == VIR_TRISTATE_BOOL_YES)
            g_string_append_printf(conf, "local=/%s/\n", def->domain);
        g_string_append_printf(conf, "domain=%s\nexpand-hosts\n", def->domain);
    }

    if (wantDNS) {
        for (i = 0; i < def->nips; i++) {
            g_autofree char *zone = NULL;

            ip = &def->ips[i];
            if (ip->localPTR != VIR_TRISTATE_BOOL_YES)
                continue;
            if (!(zone = virSocketAddrPTRDomain(&ip->address, virNetworkIPDefPrefix(ip)))) {
                g_autofree char *addr = virSocketAddrFormat(&ip->address);

                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "localPtr='yes' needs a prefix on a DNS label boundary for address '%s' in network '%s'",
                               addr, def->name);
                return -1;
            }
            g_string_append_printf(conf, "local=/%s/\n", zone);
        }
    }

    /* Unqualified names stay on the network unless asked otherwise. */
    if (wantDNS && def->dns.forwardPlainNames == VIR_TRISTATE_BOOL_NO)
        g_string_append(conf, "domain-needed\nlocal=//\n");

    if (paths->pidfile)
        g_string_append_printf(conf, "pid-file=%s\n", paths->pidfile);

    /* Only the guests' side: never the host's loopback, and bind-dynamic
     * so queries arriving on other interfaces are not answered. */
    g_string_append_printf(conf, "except-interface=lo\nbind-dynamic\ninterface=%s\n",
                           def->bridge);

    /* An isolated network has no way out: no default route for the guests
     * (dhcp-option 3 empty, IPv6 router lifetime 0) and no forwarding of
     * queries to the host's resolvers. */
    if (def->forward.type == VIR_NETWORK_FORWARD_NONE)
        g_string_append(conf, "dhcp-option=3\nno-resolv\nra-param=*,0,0\n");

    if (wantDNS) {
        for (i = 0; i < def->dns.ntxts; i++)
            g_string_append_printf(conf, "txt-record=%s,%s\n",
                                   def->dns.txts[i].name, def->dns.txts[i].value);
        for (i = 0; i < def->dns.nsrvs; i++)
            networkDnsmasqSrv(conf, &def->dns.srvs[i]);
    }

    if (ipv4 && networkDnsmasqIPDHCP(conf, hosts, def, ipv4, &nleases) < 0)
        return -1;
    if (ipv6 && networkDnsmasqIPDHCP(conf, hosts, def, ipv6, &nleases) < 0)
        return -1;

    if ((ipv4 || ipv6) && paths->leasefile)
        g_string_append_printf(conf, "dhcp-leasefile=%s\n", paths->leasefile);
    if (nleases > 0)
        g_string_append_printf(conf, "dhcp-lease-max=%lld\n", MIN(nleases, (long long)G_MAXINT));
    /* Written even when empty, so hosts added at run time get picked up. */
    if ((ipv4 || ipv6) && paths->hostsfile)
        g_string_append_printf(conf, "dhcp-hostsfile=%s\n", paths->hostsfile);
    if (wantDNS && paths->addnhostsfile)
        g_string_append_printf(conf, "addn-hosts=%s\n", paths->addnhostsfile);

    if (def->mtu > 0)
        g_string_append_printf(conf, "dhcp-option=option:mtu,%u\n", def->mtu);

    /* Router advertisements: with DHCPv6 dnsmasq announces it, otherwise
     * each IPv6 address gets SLAAC only. */
    if (ipv6) {
        g_string_append(conf, "enable-ra\n");
    } else {
        for (i = 0; (ip = virNetworkDefGetIPByIndex(def, AF_INET6, i)); i++) {
            g_autofree char *addr = virSocketAddrFormat(&ip->address);

            g_string_append_printf(conf, "dhcp-range=%s,ra-only\n", addr);
        }
    }

    cfg->conf = g_string_free(g_steal_pointer(&conf), FALSE);
    cfg->hosts = g_string_free(g_steal_pointer(&hosts), FALSE);
    cfg->addnhosts = wantDNS ? networkDnsmasqAddnHosts(&def->dns) : g_strdup("");
    return 0;
}


/* ---- leases ---- */

void
networkDnsmasqLeaseClear(networkDnsmasqLease *lease)
{
    g_free(lease->iface);
    g_free(lease->mac);
    g_free(lease->iaid);
    g_free(lease->ipaddr);
    g_free(lease->hostname);
    g_free(lease->clientid);
    memset(lease, 0, sizeof(*lease));
}

void
networkDnsmasqLeasesFree(networkDnsmasqLease *leases, size_t n)
{
    size_t i;

    if (!leases)
        return;
    for (i = 0; i < n; i++)
        networkDnsmasqLeaseClear(&leases[i]);
    g_free(leases);
}

static char *
networkDnsmasqLeaseField(const char *field)
{
    return strcmp(field, "*") == 0 ? NULL : g_strdup(field);
}

/* The MAC inside an Ethernet DUID-LLT (type 1) or DUID-LL (type 3), the
 * only place an IPv6 lease records one. */
static char *
networkDnsmasqMacFromDUID(const char *duid)
{
    g_auto(GStrv) bytes = NULL;
    unsigned int vals[32];
    size_t n, i, off;

    if (!duid)
        return NULL;
    bytes = g_strsplit(duid, ":", -1);
    n = g_strv_length(bytes);
    if (n > G_N_ELEMENTS(vals))
        return NULL;
    for (i = 0; i < n; i++) {
        char *end = NULL;
        unsigned long v = strtoul(bytes[i], &end, 16);

        if (!*bytes[i] || *end || v > 0xff)
            return NULL;
        vals[i] = v;
    }
    if (n < 4 || vals[0] != 0 || vals[2] != 0 || vals[3] != 1)
        return NULL;
    if (vals[1] == 1)
        off = 8;        /* type, hardware type, 4 bytes of time */
    else if (vals[1] == 3)
        off = 4;
    else
        return NULL;
    if (n != off + 6)
        return NULL;
    return g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", vals[off], vals[off + 1],
                           vals[off + 2], vals[off + 3], vals[off + 4], vals[off + 5]);
}

int
networkDnsmasqParseLeases(const char *text, const char *bridge,
                          networkDnsmasqLease **leases, size_t *n)
{
    g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
    GArray *result = g_array_new(FALSE, TRUE, sizeof(networkDnsmasqLease));
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) raw = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
        g_autofree char **fields = g_new0(char *, g_strv_length(raw) + 1);
        networkDnsmasqLease lease = { 0 };
        virSocketAddr addr;
        long long expiry;
        char *end = NULL;
        size_t nfields = 0;
        size_t j;

        /* Runs of blanks separate fields too. */
        for (j = 0; raw[j]; j++) {
            if (*raw[j])
                fields[nfields++] = raw[j];
        }

        if (nfields == 0 || strcmp(fields[0], "duid") == 0)
            continue;
        if (nfields < 5) {
            VIR_DEBUG("skipping malformed lease line '%s'", lines[i]);
            continue;
        }
        expiry = strtoll(fields[0], &end, 10);
        if (*end || expiry < 0 || virSocketAddrParse(&addr, fields[2], AF_UNSPEC) < 0) {
            VIR_DEBUG("skipping malformed lease line '%s'", lines[i]);
            continue;
        }

        lease.iface = g_strdup(bridge);
        lease.expirytime = expiry;
        lease.ipaddr = g_strdup(fields[2]);
        lease.hostname = networkDnsmasqLeaseField(fields[3]);
        lease.clientid = networkDnsmasqLeaseField(fields[4]);
        if (VIR_SOCKET_ADDR_IS_FAMILY(&addr, AF_INET6)) {
            lease.type = NETWORK_DNSMASQ_LEASE_IPV6;
            lease.iaid = g_strdup(fields[1]);
            lease.mac = networkDnsmasqMacFromDUID(lease.clientid);
        } else {
            lease.type = NETWORK_DNSMASQ_LEASE_IPV4;
            lease.mac = networkDnsmasqLeaseField(fields[1]);
        }
        g_array_append_val(result, lease);
    }

    *n = result->len;
    *leases = (networkDnsmasqLease *)(void *)g_array_free(result, FALSE);
    return 0;
}

void
networkDnsmasqLeasesSetPrefix(const virNetworkDef *def, networkDnsmasqLease *leases, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const virNetworkIPDef *ip;
        virSocketAddr addr;

        if (virSocketAddrParse(&addr, leases[i].ipaddr, AF_UNSPEC) < 0 ||
            !(ip = virNetworkDefFindIPForAddr(def, &addr)))
            continue;
        leases[i].prefix = virNetworkIPDefPrefix(ip);
    }
}
