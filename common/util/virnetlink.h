/* Small helpers around libnl3's route sockets: one socket per call (no
 * shared state between threads), and the kernel's errno kept so errors
 * read "File exists" rather than libnl's own wording. */
#pragma once

#include "internal.h"

#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/addr.h>

/* A connected NETLINK_ROUTE socket. */
typedef struct {
    struct nl_sock *sk;
    int kernelErrno;    /* errno of the last NLMSG_ERROR the kernel sent */
} virNetlinkHandle;

/* NULL with an error reported. */
virNetlinkHandle *virNetlinkHandleNew(void);
void virNetlinkHandleFree(virNetlinkHandle *h);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetlinkHandle, virNetlinkHandleFree);

/* The errno behind a negative libnl return value: the kernel's own when it
 * sent one, otherwise the closest match of the libnl code. */
int virNetlinkErrno(virNetlinkHandle *h, int nlerr);

/* Looks a link up by name. 1 and *link set (caller puts it), 0 when there
 * is no such link, -1 with an error reported. */
int virNetlinkLinkGet(virNetlinkHandle *h, const char *ifname, struct rtnl_link **link);

/* Owning names for libnl objects, for g_autoptr. */
typedef struct rtnl_link virNetlinkLink;
typedef struct rtnl_addr virNetlinkAddr;
typedef struct nl_addr virNetlinkAddress;
typedef struct nl_cache virNetlinkCache;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetlinkLink, rtnl_link_put);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetlinkAddr, rtnl_addr_put);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetlinkAddress, nl_addr_put);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetlinkCache, nl_cache_free);
