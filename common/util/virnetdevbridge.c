#include "virnetdevbridge.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virnetdev.h"
#include "virnetlink.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.netdevbridge");

#define SYSFS_NET_DIR "/sys/class/net"

int
virNetDevBridgeCreate(const char *ifname, const unsigned char *mac)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = rtnl_link_alloc();
    int rc;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()))
        return -1;
    rtnl_link_set_name(link, ifname);
    if (rtnl_link_set_type(link, "bridge") < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "Unable to create bridge %s: no bridge support in libnl", ifname);
        return -1;
    }
    if (mac) {
        g_autoptr(virNetlinkAddress) addr = nl_addr_build(AF_LLC, mac, VIR_MAC_BUFLEN);

        rtnl_link_set_addr(link, addr);
    }
    if ((rc = rtnl_link_add(h->sk, link, NLM_F_CREATE | NLM_F_EXCL)) < 0) {
        virReportSystemError(virNetlinkErrno(h, rc), "Unable to create bridge %s", ifname);
        return -1;
    }
    return 0;
}

int
virNetDevBridgeDelete(const char *ifname)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;
    const char *type;
    int rc;

    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()))
        return -1;
    if ((rc = virNetlinkLinkGet(h, ifname, &link)) < 0)
        return -1;
    if (rc == 0) {
        virReportSystemError(ENODEV, "Unable to delete bridge %s", ifname);
        return -1;
    }
    /* Never delete some other kind of device because of a wrong name. */
    if (!(type = rtnl_link_get_type(link)) || strcmp(type, "bridge") != 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "interface %s is not a bridge", ifname);
        return -1;
    }
    if (virNetDevSetOnline(ifname, false) < 0)
        return -1;
    if ((rc = rtnl_link_delete(h->sk, link)) < 0) {
        virReportSystemError(virNetlinkErrno(h, rc), "Unable to delete bridge %s", ifname);
        return -1;
    }
    return 0;
}

int
virNetDevBridgeAddPort(const char *bridge, const char *ifname)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    int brindex;
    int portindex;
    int rc;

    if (virNetDevGetIndex(bridge, &brindex) < 0 || virNetDevGetIndex(ifname, &portindex) < 0 ||
        !(h = virNetlinkHandleNew()))
        return -1;
    if ((rc = rtnl_link_enslave_ifindex(h->sk, brindex, portindex)) < 0) {
        virReportSystemError(virNetlinkErrno(h, rc), "Unable to add bridge %s port %s", bridge, ifname);
        return -1;
    }
    return 0;
}

int
virNetDevBridgeGetMaster(const char *ifname, char **bridge)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autoptr(virNetlinkLink) link = NULL;
    g_autoptr(virNetlinkLink) master = NULL;
    int masterIndex;
    int rc;

    *bridge = NULL;
    if (virNetDevValidateName(ifname) < 0 || !(h = virNetlinkHandleNew()))
        return -1;
    if ((rc = virNetlinkLinkGet(h, ifname, &link)) < 0)
        return -1;
    if (rc == 0) {
        virReportSystemError(ENODEV, "Unable to get interface %s", ifname);
        return -1;
    }
    if ((masterIndex = rtnl_link_get_master(link)) <= 0)
        return 0;
    if ((rc = rtnl_link_get_kernel(h->sk, masterIndex, NULL, &master)) < 0) {
        virReportSystemError(virNetlinkErrno(h, rc), "Unable to get the master of interface %s", ifname);
        return -1;
    }
    *bridge = g_strdup(rtnl_link_get_name(master));
    return 0;
}

int
virNetDevBridgeRemovePort(const char *bridge, const char *ifname)
{
    g_autoptr(virNetlinkHandle) h = NULL;
    g_autofree char *master = NULL;
    int portindex;
    int rc;

    if (virNetDevValidateName(bridge) < 0 || virNetDevBridgeGetMaster(ifname, &master) < 0 ||
        virNetDevGetIndex(ifname, &portindex) < 0)
        return -1;
    if (!master || strcmp(master, bridge) != 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "interface %s is not a port of bridge %s", ifname, bridge);
        return -1;
    }
    if (!(h = virNetlinkHandleNew()))
        return -1;
    if ((rc = rtnl_link_release_ifindex(h->sk, portindex)) < 0) {
        virReportSystemError(virNetlinkErrno(h, rc), "Unable to remove bridge %s port %s", bridge, ifname);
        return -1;
    }
    return 0;
}

/* /sys/class/net/BRIDGE/bridge/NAME, checking the name first so a bad one
 * cannot point elsewhere in sysfs. */
static char *
virNetDevBridgeSysfsPath(const char *bridge, const char *name)
{
    if (virNetDevValidateName(bridge) < 0)
        return NULL;
    return g_strdup_printf(SYSFS_NET_DIR "/%s/bridge/%s", bridge, name);
}

static int
virNetDevBridgeSet(const char *bridge, const char *name, unsigned long value)
{
    g_autofree char *path = virNetDevBridgeSysfsPath(bridge, name);
    g_autofree char *text = NULL;
    ssize_t len;
    int fd;

    if (!path)
        return -1;
    text = g_strdup_printf("%lu\n", value);
    len = strlen(text);
    if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0 || write(fd, text, len) != len) {
        int err = errno;

        if (fd >= 0)
            close(fd);
        virReportSystemError(err, "Unable to set %s of bridge %s to %lu", name, bridge, value);
        return -1;
    }
    if (close(fd) < 0) {
        virReportSystemError(errno, "Unable to set %s of bridge %s to %lu", name, bridge, value);
        return -1;
    }
    return 0;
}

static int
virNetDevBridgeGet(const char *bridge, const char *name, unsigned long *value)
{
    g_autofree char *path = virNetDevBridgeSysfsPath(bridge, name);
    g_autofree char *text = NULL;
    char *end;

    if (!path || virFileReadAll(path, 64, &text) < 0)
        return -1;
    errno = 0;
    *value = strtoul(text, &end, 10);
    if (errno != 0 || end == text) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "unexpected %s of bridge %s: '%s'", name, bridge, text);
        return -1;
    }
    return 0;
}

int
virNetDevBridgeSetSTP(const char *bridge, bool enable)
{
    return virNetDevBridgeSet(bridge, "stp_state", enable ? 1 : 0);
}

int
virNetDevBridgeGetSTP(const char *bridge, bool *enable)
{
    unsigned long value;

    if (virNetDevBridgeGet(bridge, "stp_state", &value) < 0)
        return -1;
    *enable = value != 0;
    return 0;
}

int
virNetDevBridgeSetSTPDelay(const char *bridge, int delay)
{
    if (delay < 0) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid STP delay %d for bridge %s", delay, bridge);
        return -1;
    }
    /* sysfs counts in USER_HZ (centiseconds). */
    return virNetDevBridgeSet(bridge, "forward_delay", delay / 10);
}

int
virNetDevBridgeGetSTPDelay(const char *bridge, int *delay)
{
    unsigned long value;

    if (virNetDevBridgeGet(bridge, "forward_delay", &value) < 0)
        return -1;
    *delay = value * 10;
    return 0;
}
