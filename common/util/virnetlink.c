#include "virnetlink.h"

#include <errno.h>
#include <linux/netlink.h>
#include <netlink/route/rtnl.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.netlink");

/* libnl maps the kernel's errno to its own codes and loses detail on the
 * way (ENODEV and ENOENT both become NLE_OBJ_NOTFOUND): keep the original. */
static int
virNetlinkErrorCallback(struct sockaddr_nl *nla, struct nlmsgerr *err, void *opaque)
{
    virNetlinkHandle *h = opaque;

    h->kernelErrno = -err->error;
    return NL_STOP;
}

virNetlinkHandle *
virNetlinkHandleNew(void)
{
    g_autoptr(virNetlinkHandle) h = g_new0(virNetlinkHandle, 1);
    int rc;

    if (!(h->sk = nl_socket_alloc())) {
        virReportSystemError(ENOMEM, "%s", "Unable to allocate netlink socket");
        return NULL;
    }
    if ((rc = nl_connect(h->sk, NETLINK_ROUTE)) < 0) {
        virReportSystemError(virNetlinkErrno(h, rc), "%s", "Unable to connect netlink socket");
        return NULL;
    }
    if (nl_socket_modify_err_cb(h->sk, NL_CB_CUSTOM, virNetlinkErrorCallback, h) < 0) {
        virReportSystemError(ENOMEM, "%s", "Unable to set up netlink socket");
        return NULL;
    }
    return g_steal_pointer(&h);
}

void
virNetlinkHandleFree(virNetlinkHandle *h)
{
    if (!h)
        return;
    if (h->sk)
        nl_socket_free(h->sk);
    g_free(h);
}

static const struct {
    int nlerr;
    int err;
} virNetlinkErrnoMap[] = {
    { NLE_NOMEM, ENOMEM },
    { NLE_INVAL, EINVAL },
    { NLE_RANGE, ERANGE },
    { NLE_EXIST, EEXIST },
    { NLE_OBJ_NOTFOUND, ENODEV },
    { NLE_NODEV, ENODEV },
    { NLE_PERM, EPERM },
    { NLE_NOACCESS, EACCES },
    { NLE_BUSY, EBUSY },
    { NLE_AGAIN, EAGAIN },
    { NLE_INTR, EINTR },
    { NLE_OPNOTSUPP, EOPNOTSUPP },
    { NLE_AF_NOSUPPORT, EAFNOSUPPORT },
    { NLE_BAD_SOCK, EBADF },
    { NLE_MSGSIZE, EMSGSIZE },
    { NLE_MSG_TOOSHORT, EMSGSIZE },
    { NLE_PROTO_MISMATCH, EPROTONOSUPPORT },
    { NLE_NOADDR, EADDRNOTAVAIL },
};

int
virNetlinkErrno(virNetlinkHandle *h, int nlerr)
{
    size_t i;

    if (h && h->kernelErrno > 0) {
        int err = h->kernelErrno;

        h->kernelErrno = 0;
        return err;
    }
    if (nlerr < 0)
        nlerr = -nlerr;
    for (i = 0; i < G_N_ELEMENTS(virNetlinkErrnoMap); i++) {
        if (virNetlinkErrnoMap[i].nlerr == nlerr)
            return virNetlinkErrnoMap[i].err;
    }
    return EIO;
}

int
virNetlinkLinkGet(virNetlinkHandle *h, const char *ifname, struct rtnl_link **link)
{
    int rc;

    h->kernelErrno = 0;
    rc = rtnl_link_get_kernel(h->sk, 0, ifname, link);
    if (rc >= 0)
        return 1;
    if (rc == -NLE_OBJ_NOTFOUND || rc == -NLE_NODEV) {
        h->kernelErrno = 0;
        return 0;
    }
    virReportSystemError(virNetlinkErrno(h, rc), "Unable to get interface %s", ifname);
    return -1;
}
