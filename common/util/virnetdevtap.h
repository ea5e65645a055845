/* TAP devices from /dev/net/tun, and the usual guest NIC plumbing: a tap
 * with the guest's MAC (host side), the bridge's MTU, attached and up. */
#pragma once

#include "internal.h"

typedef enum {
    VIR_NETDEV_TAP_CREATE_NONE = 0,
    VIR_NETDEV_TAP_CREATE_VNET_HDR = 1 << 0,     /* IFF_VNET_HDR, for vhost/virtio offloads */
    VIR_NETDEV_TAP_CREATE_PERSIST = 1 << 1,      /* outlives its fds; remove with virNetDevTapDelete */
    VIR_NETDEV_TAP_CREATE_MULTI_QUEUE = 1 << 2,  /* one fd per queue */
} virNetDevTapCreateFlags;

/* Creates (or, for a fixed name, attaches to an existing persistent) tap.
 * *ifname is a fixed name or a template with one "%d" ("vnet%d"): then the
 * lowest free index is used and *ifname replaced by the real name.
 * tapfds receives ntapfds open fds (CLOEXEC); more than one needs
 * MULTI_QUEUE. With ntapfds 0 the tap must be PERSIST and no fd is kept. */
int virNetDevTapCreate(char **ifname, int *tapfds, size_t ntapfds, unsigned int flags);

/* Removes a persistent tap (it goes once its last fd is closed). */
int virNetDevTapDelete(const char *ifname);

/* The tap for a guest NIC on a bridge: creates it as virNetDevTapCreate,
 * gives it mac with the first byte set to 0xFE (so the bridge never takes
 * the guest's own address as its own), the MTU mtu (0: the bridge's),
 * attaches it to bridge and brings it up. Everything is undone on failure. */
int virNetDevTapCreateInBridgePort(const char *bridge, char **ifname, const unsigned char *mac,
                                   int *tapfds, size_t ntapfds, int mtu, unsigned int flags);
