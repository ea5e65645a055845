/* <interface>: guest network cards and how they reach the host. */
#pragma once

#include "internal.h"
#include "domain_device.h"

#define VIR_MAC_BUFLEN 6
#define VIR_MAC_STRING_BUFLEN (VIR_MAC_BUFLEN * 3)

typedef enum {
    VIR_DOMAIN_NET_TYPE_USER = 0,
    VIR_DOMAIN_NET_TYPE_ETHERNET,
    VIR_DOMAIN_NET_TYPE_VHOSTUSER,
    VIR_DOMAIN_NET_TYPE_SERVER,
    VIR_DOMAIN_NET_TYPE_CLIENT,
    VIR_DOMAIN_NET_TYPE_MCAST,
    VIR_DOMAIN_NET_TYPE_NETWORK,
    VIR_DOMAIN_NET_TYPE_BRIDGE,
    VIR_DOMAIN_NET_TYPE_INTERNAL,
    VIR_DOMAIN_NET_TYPE_DIRECT,
    VIR_DOMAIN_NET_TYPE_HOSTDEV,
    VIR_DOMAIN_NET_TYPE_UDP,
    VIR_DOMAIN_NET_TYPE_VDPA,
    VIR_DOMAIN_NET_TYPE_NULL,
    VIR_DOMAIN_NET_TYPE_VDS,
    VIR_DOMAIN_NET_TYPE_LAST
} virDomainNetType;
VIR_ENUM_DECL(virDomainNet);

typedef enum {
    VIR_DOMAIN_NET_BACKEND_DEFAULT = 0,
    VIR_DOMAIN_NET_BACKEND_QEMU,
    VIR_DOMAIN_NET_BACKEND_VHOST,
    VIR_DOMAIN_NET_BACKEND_LAST
} virDomainNetBackendType;
VIR_ENUM_DECL(virDomainNetBackend);

typedef enum {
    VIR_DOMAIN_NET_LINK_STATE_DEFAULT = 0,
    VIR_DOMAIN_NET_LINK_STATE_UP,
    VIR_DOMAIN_NET_LINK_STATE_DOWN,
    VIR_DOMAIN_NET_LINK_STATE_LAST
} virDomainNetLinkState;
VIR_ENUM_DECL(virDomainNetLinkState);

typedef struct _virDomainNetDef virDomainNetDef;
struct _virDomainNetDef {
    virDomainNetType type;
    unsigned char mac[VIR_MAC_BUFLEN];
    bool macGenerated;      /* no <mac> was given */

    /* <source>, by type */
    char *network;          /* network: network= */
    char *portgroup;        /* network: portgroup= */
    char *bridge;           /* bridge: bridge=; network: live, the bridge in use */
    char *portid;           /* network: live, the port's UUID */
    char *sourceDev;        /* direct: dev= */
    char *sourceMode;       /* direct: mode= */

    char *ifname;           /* <target dev=> */
    virTristateBool managedTap; /* <target managed=> */
    char *model;            /* <model type=>, e.g. "virtio", "e1000" */
    virDomainNetBackendType driverName;   /* <driver name=> */
    unsigned int queues;    /* <driver queues=> */
    virDomainNetLinkState linkState;
    unsigned int mtu;       /* <mtu size=>, 0 when unset */

    virDomainDeviceInfo info;
};

void virDomainNetDefFree(virDomainNetDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainNetDef, virDomainNetDefFree);

/* "52:54:00:12:34:56" <-> 6 bytes. Parse returns -1 (nothing reported). */
int virMacAddrParse(const char *str, unsigned char *mac);
const char *virMacAddrFormat(const unsigned char *mac, char *buf);
/* A random address under QEMU's 52:54:00 prefix. */
void virMacAddrGenerate(unsigned char *mac);
