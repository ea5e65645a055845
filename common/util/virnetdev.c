#include "virnetdev.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include "virerror.h"
#include "virlog.h"
#include "virnetlink.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.netdev");

int
virNetDevValidateName(const char *ifname)
{
    if (!ifname || !*ifname || strlen(ifname) >= IFNAMSIZ ||
        strpbrk(ifname, "/: \t\n") || strcmp(ifname, ".") == 0 || strcmp(ifname, "..") == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid interface name '%s'", ifname ? ifname : "(null)");
        return -1;
    }
    return 0;
}

int
virNetDevExists(const char *ifname)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()))
        return -1;
    return virNetlinkLinkGet(h, ifname, &link);
}

/* The link called ifname; a missing one is an error (ENODEV). */
static int
virNetDevGetLink(virNetlinkHandle *h, const char *ifname, struct rtnl_link **link)
{
    int rc;

    if ((rc = virNetlinkLinkGet(h, ifname, link)) < 0)
        return -1;
    if (rc == 0) {
        virReportSystemError(ENODEV, "Unable to get interface %s", ifname);
        return -1;
    }
    return 0;
}

/* Applies changes to ifname. 0, or a positive errno with nothing reported
 * (the caller words the message). */
static int
virNetDevChange(const char *ifname, struct rtnl_link *changes)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;
    int rc;

    if (!(h = virNetlinkHandleNew()))
        return EIO;
    if ((rc = virNetlinkLinkGet(h, ifname, &link)) < 0) {
        virErrorReset();
        return EIO;
    }
    if (rc == 0)
        return ENODEV;
    if ((rc = rtnl_link_change(h->sk, link, changes, 0)) < 0)
        return virNetlinkErrno(h, rc);
    return 0;
}

int
virNetDevGetIndex(const char *ifname, int *ifindex)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()) ||
        virNetDevGetLink(h, ifname, &link) < 0)
        return -1;
    *ifindex = rtnl_link_get_ifindex(link);
    return 0;
}

int
virNetDevSetOnline(const char *ifname, bool online)
{
    g_autoptr(virNetlinkLink) changes = rtnl_link_alloc();
    int err;

    if (virNetDevValidateName(ifname) < 0)
        return -1;
    if (online)
        rtnl_link_set_flags(changes, IFF_UP);
    else
        rtnl_link_unset_flags(changes, IFF_UP);
    if ((err = virNetDevChange(ifname, changes)) != 0) {
        virReportSystemError(err, "Unable to set interface %s %s", ifname, online ? "up" : "down");
        return -1;
    }
    return 0;
}

int
virNetDevGetOnline(const char *ifname, bool *online)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()) ||
        virNetDevGetLink(h, ifname, &link) < 0)
        return -1;
    *online = (rtnl_link_get_flags(link) & IFF_UP) != 0;
    return 0;
}

int
virNetDevSetMTU(const char *ifname, int mtu)
{
    g_autoptr(virNetlinkLink) changes = rtnl_link_alloc();
    int err;

    if (virNetDevValidateName(ifname) < 0)
        return -1;
    if (mtu <= 0) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid MTU %d for interface %s", mtu, ifname);
        return -1;
    }
    rtnl_link_set_mtu(changes, mtu);
    if ((err = virNetDevChange(ifname, changes)) != 0) {
        virReportSystemError(err, "Unable to set MTU %d on interface %s", mtu, ifname);
        return -1;
    }
    return 0;
}

int
virNetDevGetMTU(const char *ifname, int *mtu)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()) ||
        virNetDevGetLink(h, ifname, &link) < 0)
        return -1;
    *mtu = rtnl_link_get_mtu(link);
    return 0;
}

int
virNetDevSetMAC(const char *ifname, const unsigned char *mac)
{
    g_autoptr(virNetlinkLink) changes = rtnl_link_alloc();
    g_autoptr(virNetlinkAddress) addr = NULL;
    int err;

    if (virNetDevValidateName(ifname) < 0)
        return -1;
    addr = nl_addr_build(AF_LLC, mac, VIR_MAC_BUFLEN);
    rtnl_link_set_addr(changes, addr);
    if ((err = virNetDevChange(ifname, changes)) != 0) {
        virReportSystemError(err, "Unable to set MAC address %02x:%02x:%02x:%02x:%02x:%02x on interface %s",
                             mac[0], mac[1], mac[2], mac[3], mac[4], mac[5], ifname);
        return -1;
    }
    return 0;
}

int
virNetDevGetMAC(const char *ifname, unsigned char *mac)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;
    struct nl_addr *addr;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()) ||
        virNetDevGetLink(h, ifname, &link) < 0)
        return -1;
    addr = rtnl_link_get_addr(link);
    if (!addr || nl_addr_get_len(addr) != VIR_MAC_BUFLEN) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "interface %s has no MAC address", ifname);
        return -1;
    }
    memcpy(mac, nl_addr_get_binary_addr(addr), VIR_MAC_BUFLEN);
    return 0;
}

/* An address object for ifname, with the broadcast address for IPv4. */
static struct rtnl_addr *
virNetDevBuildAddr(const char *ifname, int ifindex, const char *addr, unsigned int prefix)
{
    g_autoptr(virNetlinkAddr) a = NULL;
    g_autoptr(virNetlinkAddress) local = NULL;
    unsigned char bin[16];
    int family = strchr(addr, ':') ? AF_INET6 : AF_INET;
    size_t len = family == AF_INET ? 4 : 16;

    if (inet_pton(family, addr, bin) != 1 || prefix > len * 8) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid address %s/%u for interface %s",
                       addr, prefix, ifname);
        return NULL;
    }
    a = rtnl_addr_alloc();
    local = nl_addr_build(family, bin, len);
    nl_addr_set_prefixlen(local, prefix);
    rtnl_addr_set_ifindex(a, ifindex);
    rtnl_addr_set_family(a, family);
    if (rtnl_addr_set_local(a, local) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot use address %s for interface %s", addr, ifname);
        return NULL;
    }
    rtnl_addr_set_prefixlen(a, prefix);

    /* Point-to-point (/31, /32) subnets have no broadcast address. */
    if (family == AF_INET && prefix < 31) {
        g_autoptr(virNetlinkAddress) bcast = NULL;
        uint32_t host = ntohl(*(uint32_t *)bin);
        uint32_t mask = prefix ? ~0u << (32 - prefix) : 0;
        uint32_t b = htonl(host | ~mask);

        bcast = nl_addr_build(AF_INET, &b, 4);
        rtnl_addr_set_broadcast(a, bcast);
    }
    return g_steal_pointer(&a);
}

int
virNetDevAddAddress(const char *ifname, const char *addr, unsigned int prefix)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;
    g_autoptr(virNetlinkAddr) a = NULL;
    int rc;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()) ||
        virNetDevGetLink(h, ifname, &link) < 0 ||
        !(a = virNetDevBuildAddr(ifname, rtnl_link_get_ifindex(link), addr, prefix)))
        return -1;
    if ((rc = rtnl_addr_add(h->sk, a, NLM_F_EXCL)) < 0) {
        virReportSystemError(virNetlinkErrno(h, rc), "Unable to add address %s/%u to interface %s",
                             addr, prefix, ifname);
        return -1;
    }
    return 0;
}

int
virNetDevDelAddress(const char *ifname, const char *addr, unsigned int prefix)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;
    g_autoptr(virNetlinkAddr) a = NULL;
    int rc;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()) ||
        virNetDevGetLink(h, ifname, &link) < 0 ||
        !(a = virNetDevBuildAddr(ifname, rtnl_link_get_ifindex(link), addr, prefix)))
        return -1;
    if ((rc = rtnl_addr_delete(h->sk, a, 0)) < 0) {
        virReportSystemError(virNetlinkErrno(h, rc), "Unable to delete address %s/%u from interface %s",
                             addr, prefix, ifname);
        return -1;
    }
    return 0;
}

int
virNetDevGetAddresses(const char *ifname, int family, char ***addrs)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;
    g_autoptr(virNetlinkCache) cache = NULL;
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);
    struct nl_object *obj;
    int ifindex;
    int rc;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()) ||
        virNetDevGetLink(h, ifname, &link) < 0)
        return -1;
    ifindex = rtnl_link_get_ifindex(link);
    if ((rc = rtnl_addr_alloc_cache(h->sk, &cache)) < 0) {
        virReportSystemError(virNetlinkErrno(h, rc), "Unable to list addresses of interface %s", ifname);
        return -1;
    }
    for (obj = nl_cache_get_first(cache); obj; obj = nl_cache_get_next(obj)) {
        struct rtnl_addr *a = (struct rtnl_addr *)obj;
        struct nl_addr *local = rtnl_addr_get_local(a);
        int fam = rtnl_addr_get_family(a);
        char buf[INET6_ADDRSTRLEN];

        if (rtnl_addr_get_ifindex(a) != ifindex || !local ||
            (family != AF_UNSPEC && fam != family) ||
            !inet_ntop(fam, nl_addr_get_binary_addr(local), buf, sizeof(buf)))
            continue;
        g_ptr_array_add(list, g_strdup_printf("%s/%d", buf, rtnl_addr_get_prefixlen(a)));
    }
    rc = list->len;
    g_ptr_array_add(list, NULL);
    *addrs = (char **)g_ptr_array_free(g_steal_pointer(&list), FALSE);
    return rc;
}

int
virNetDevSetNamespace(const char *ifname, pid_t pid)
{
    g_autoptr(virNetlinkLink) changes = rtnl_link_alloc();
    int err;

    if (virNetDevValidateName(ifname) < 0)
        return -1;
    rtnl_link_set_ns_pid(changes, pid);
    if ((err = virNetDevChange(ifname, changes)) != 0) {
        virReportSystemError(err, "Unable to move interface %s to the namespace of process %lld",
                             ifname, (long long)pid);
        return -1;
    }
    return 0;
}

int
virNetDevDelete(const char *ifname)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = rtnl_link_alloc();
    int rc;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()))
        return -1;
    rtnl_link_set_name(link, ifname);
    if ((rc = rtnl_link_delete(h->sk, link)) < 0) {
        virReportSystemError(virNetlinkErrno(h, rc), "Unable to delete interface %s", ifname);
        return -1;
    }
    return 0;
}
