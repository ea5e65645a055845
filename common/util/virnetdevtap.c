#include "virnetdevtap.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"
#include "virnetdev.h"
#include "virnetdevbridge.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.netdevtap");

#define TUN_DEVICE "/dev/net/tun"

/* Far more than any host has; stops the search on a template whose
 * indexes all fail for some other reason. */
#define VIR_NETDEV_TAP_MAX_INDEX 65536

static void
virNetDevTapCloseFds(int *tapfds, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (tapfds[i] >= 0)
            close(tapfds[i]);
        tapfds[i] = -1;
    }
}

/* Opens /dev/net/tun and attaches it to tap name. Returns the fd, or -1
 * with errno set and nothing reported. */
static int
virNetDevTapOpen(const char *name, unsigned int flags, bool exclusive)
{
    struct ifreq ifr = { 0 };
    int fd;

    if ((fd = open(TUN_DEVICE, O_RDWR | O_CLOEXEC)) < 0)
        return -1;
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    if (flags & VIR_NETDEV_TAP_CREATE_VNET_HDR)
        ifr.ifr_flags |= IFF_VNET_HDR;
    if (flags & VIR_NETDEV_TAP_CREATE_MULTI_QUEUE)
        ifr.ifr_flags |= IFF_MULTI_QUEUE;
    /* A name we chose must be new: never attach to somebody else's tap. */
    if (exclusive)
        ifr.ifr_flags |= IFF_TUN_EXCL;
    g_strlcpy(ifr.ifr_name, name, sizeof(ifr.ifr_name));

    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        int err = errno;

        close(fd);
        errno = err;
        return -1;
    }
    return fd;
}

/* The name for index i of a template; NULL with an error reported when it
 * is too long for an interface. */
static char *
virNetDevTapFormatName(const char *tmpl, unsigned int i)
{
    g_autofree char *name = NULL;
    const char *pos = strstr(tmpl, "%d");

    name = g_strdup_printf("%.*s%u%s", (int)(pos - tmpl), tmpl, i, pos + 2);
    if (virNetDevValidateName(name) < 0)
        return NULL;
    return g_steal_pointer(&name);
}

/* Opens the first fd of a templated tap at the lowest free index. */
static int
virNetDevTapOpenTemplate(const char *tmpl, unsigned int flags, char **name)
{
    unsigned int i;

    if (strstr(strstr(tmpl, "%d") + 2, "%") || strchr(tmpl, '%') != strstr(tmpl, "%d")) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid tap name template '%s'", tmpl);
        return -1;
    }
    for (i = 0; i < VIR_NETDEV_TAP_MAX_INDEX; i++) {
        g_autofree char *candidate = virNetDevTapFormatName(tmpl, i);
        int rc;
        int fd;

        if (!candidate)
            return -1;
        if ((rc = virNetDevExists(candidate)) < 0)
            return -1;
        if (rc == 1)
            continue;
        if ((fd = virNetDevTapOpen(candidate, flags, true)) >= 0) {
            *name = g_steal_pointer(&candidate);
            return fd;
        }
        /* Somebody took the name since we looked: try the next one. */
        if (errno == EBUSY || errno == EEXIST)
            continue;
        virReportSystemError(errno, "Unable to create tap device %s", candidate);
        return -1;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "no free tap device name for template '%s'", tmpl);
    return -1;
}

int
virNetDevTapCreate(char **ifname, int *tapfds, size_t ntapfds, unsigned int flags)
{
    g_autofree char *name = NULL;
    int fds[64];
    size_t nfds = MAX(ntapfds, 1);
    size_t i;

    if (nfds > G_N_ELEMENTS(fds) || (nfds > 1 && !(flags & VIR_NETDEV_TAP_CREATE_MULTI_QUEUE)) ||
        (ntapfds == 0 && !(flags & VIR_NETDEV_TAP_CREATE_PERSIST))) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid queue count %zu for tap device %s",
                       ntapfds, *ifname);
        return -1;
    }
    for (i = 0; i < nfds; i++)
        fds[i] = -1;

    if (strstr(*ifname, "%d")) {
        if ((fds[0] = virNetDevTapOpenTemplate(*ifname, flags, &name)) < 0)
            return -1;
    } else {
        if (virNetDevValidateName(*ifname) < 0)
            return -1;
        name = g_strdup(*ifname);
        if ((fds[0] = virNetDevTapOpen(name, flags, false)) < 0) {
            virReportSystemError(errno, "Unable to create tap device %s", name);
            return -1;
        }
    }
    /* Further queues of a multi-queue tap attach to the same name. */
    for (i = 1; i < nfds; i++) {
        if ((fds[i] = virNetDevTapOpen(name, flags, false)) < 0) {
            virReportSystemError(errno, "Unable to open queue %zu of tap device %s", i, name);
            virNetDevTapCloseFds(fds, nfds);
            return -1;
        }
    }
    if ((flags & VIR_NETDEV_TAP_CREATE_PERSIST) && ioctl(fds[0], TUNSETPERSIST, 1) < 0) {
        virReportSystemError(errno, "Unable to make tap device %s persistent", name);
        virNetDevTapCloseFds(fds, nfds);
        return -1;
    }

    VIR_DEBUG("created tap %s with %zu fds", name, ntapfds);
    if (ntapfds == 0)
        virNetDevTapCloseFds(fds, nfds);
    else
        memcpy(tapfds, fds, ntapfds * sizeof(int));
    g_free(*ifname);
    *ifname = g_steal_pointer(&name);
    return 0;
}

int
virNetDevTapDelete(const char *ifname)
{
    int rc;
    int fd;

    /* Attaching to a missing name would create it: check first. */
    if ((rc = virNetDevExists(ifname)) < 0)
        return -1;
    if (rc == 0) {
        virReportSystemError(ENODEV, "Unable to delete tap device %s", ifname);
        return -1;
    }
    fd = virNetDevTapOpen(ifname, VIR_NETDEV_TAP_CREATE_NONE, false);
    /* A multi-queue tap only accepts multi-queue attachments. */
    if (fd < 0 && errno == EINVAL)
        fd = virNetDevTapOpen(ifname, VIR_NETDEV_TAP_CREATE_MULTI_QUEUE, false);
    if (fd < 0 || ioctl(fd, TUNSETPERSIST, 0) < 0) {
        int err = errno;

        if (fd >= 0)
            close(fd);
        virReportSystemError(err, "Unable to delete tap device %s", ifname);
        return -1;
    }
    close(fd);
    return 0;
}

/* Everything after creating the tap; -1 with the error reported. */
static int
virNetDevTapPlugIntoBridge(const char *bridge, const char *ifname, const unsigned char *mac, int mtu)
{
    if (mac) {
        unsigned char hostmac[VIR_MAC_BUFLEN];

        /* The bridge takes the lowest port MAC as its own when it has none
         * set; 0xFE keeps the guests' addresses out of that choice. */
        memcpy(hostmac, mac, VIR_MAC_BUFLEN);
        hostmac[0] = 0xFE;
        if (virNetDevSetMAC(ifname, hostmac) < 0)
            return -1;
    }
    if (mtu <= 0 && virNetDevGetMTU(bridge, &mtu) < 0)
        return -1;
    if (virNetDevSetMTU(ifname, mtu) < 0 ||
        virNetDevBridgeAddPort(bridge, ifname) < 0 ||
        virNetDevSetOnline(ifname, true) < 0)
        return -1;
    return 0;
}

int
virNetDevTapCreateInBridgePort(const char *bridge, char **ifname, const unsigned char *mac,
                               int *tapfds, size_t ntapfds, int mtu, unsigned int flags)
{
    g_autoptr(virErrorInfo) saved = NULL;

    if (virNetDevValidateName(bridge) < 0 || virNetDevTapCreate(ifname, tapfds, ntapfds, flags) < 0)
        return -1;
    if (virNetDevTapPlugIntoBridge(bridge, *ifname, mac, mtu) == 0)
        return 0;

    saved = virErrorPreserve();
    /* Closing the last fd removes a non-persistent tap. */
    virNetDevTapCloseFds(tapfds, ntapfds);
    if (flags & VIR_NETDEV_TAP_CREATE_PERSIST)
        virNetDevTapDelete(*ifname);
    virErrorRestore(&saved);
    return -1;
}
