/*
 * libvirt-network.h: virtual networks in the libvirt-compatible client API:
 * definition, life cycle, live updates, DHCP leases, the ports hypervisor
 * daemons plug guests into, and events
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_NETWORK_H
#define VIRTD_PUBLIC_NETWORK_H

#include <libvirt/libvirt-host.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- handles --------------------------------------------------------- */

/* A virtual network known to a connection. */
typedef struct _virNetwork virNetwork;
typedef virNetwork *virNetworkPtr;

/* A port of a network: where one guest interface is plugged in. */
typedef struct _virNetworkPort virNetworkPort;
typedef virNetworkPort *virNetworkPortPtr;

/* virNetworkGetXMLDesc(): the persistent definition instead of the live one. */
typedef enum {
    VIR_NETWORK_XML_INACTIVE = (1 << 0)
} virNetworkXMLFlags;

/* The connection the network came from; no reference is taken. */
virConnectPtr virNetworkGetConnect(virNetworkPtr network);

/* ---- listing and lookup ---------------------------------------------- */

int virConnectNumOfNetworks(virConnectPtr conn);
/* Active networks' names: at most maxnames, each the caller's to free(). */
int virConnectListNetworks(virConnectPtr conn, char **const names, int maxnames);
int virConnectNumOfDefinedNetworks(virConnectPtr conn);
/* Inactive persistent networks' names, as above. */
int virConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames);

/* Filters of virConnectListAllNetworks(), in pairs; within a pair the bits
 * are alternatives, none means no filtering by that property. */
typedef enum {
    VIR_CONNECT_LIST_NETWORKS_INACTIVE     = 1 << 0,
    VIR_CONNECT_LIST_NETWORKS_ACTIVE       = 1 << 1,
    VIR_CONNECT_LIST_NETWORKS_PERSISTENT   = 1 << 2,
    VIR_CONNECT_LIST_NETWORKS_TRANSIENT    = 1 << 3,
    VIR_CONNECT_LIST_NETWORKS_AUTOSTART    = 1 << 4,
    VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART = 1 << 5
} virConnectListAllNetworksFlags;

/* Allocates *nets (NULL-terminated) when nets is not NULL: virNetworkFree()
 * each element, then free() the array.  Returns the count, or -1. */
int virConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets,
                              unsigned int flags);

virNetworkPtr virNetworkLookupByName(virConnectPtr conn, const char *name);
virNetworkPtr virNetworkLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virNetworkPtr virNetworkLookupByUUIDString(virConnectPtr conn, const char *uuid);

/* ---- definition and life cycle --------------------------------------- */

/* Strict checking of the XML against the schema. */
typedef enum {
    VIR_NETWORK_CREATE_VALIDATE = 1 << 0
} virNetworkCreateFlags;

/* Starts a transient network. */
virNetworkPtr virNetworkCreateXML(virConnectPtr conn, const char *xmlDesc);
virNetworkPtr virNetworkCreateXMLFlags(virConnectPtr conn, const char *xmlDesc,
                                       unsigned int flags);

typedef enum {
    VIR_NETWORK_DEFINE_VALIDATE = 1 << 0
} virNetworkDefineFlags;

/* Defines (or redefines) a persistent network without starting it. */
virNetworkPtr virNetworkDefineXML(virConnectPtr conn, const char *xmlDesc);
virNetworkPtr virNetworkDefineXMLFlags(virConnectPtr conn, const char *xmlDesc,
                                       unsigned int flags);
int virNetworkUndefine(virNetworkPtr network);

/* What virNetworkUpdate() does with its XML snippet. */
typedef enum {
    VIR_NETWORK_UPDATE_COMMAND_NONE      = 0, /* invalid */
    VIR_NETWORK_UPDATE_COMMAND_MODIFY    = 1, /* replace the matching item */
    VIR_NETWORK_UPDATE_COMMAND_DELETE    = 2, /* remove the matching item */
    VIR_NETWORK_UPDATE_COMMAND_ADD_LAST  = 3, /* append */
    VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST = 4  /* prepend */
#ifdef VIR_ENUM_SENTINELS
    , VIR_NETWORK_UPDATE_COMMAND_LAST
#endif
} virNetworkUpdateCommand;

/* Which part of the definition virNetworkUpdate() changes. */
typedef enum {
    VIR_NETWORK_SECTION_NONE              = 0,  /* invalid */
    VIR_NETWORK_SECTION_BRIDGE            = 1,  /* <bridge> */
    VIR_NETWORK_SECTION_DOMAIN            = 2,  /* <domain> */
    VIR_NETWORK_SECTION_IP                = 3,  /* <ip> */
    VIR_NETWORK_SECTION_IP_DHCP_HOST      = 4,  /* <ip>/<dhcp>/<host> */
    VIR_NETWORK_SECTION_IP_DHCP_RANGE     = 5,  /* <ip>/<dhcp>/<range> */
    VIR_NETWORK_SECTION_FORWARD           = 6,  /* <forward> */
    VIR_NETWORK_SECTION_FORWARD_INTERFACE = 7,  /* <forward>/<interface> */
    VIR_NETWORK_SECTION_FORWARD_PF        = 8,  /* <forward>/<pf> */
    VIR_NETWORK_SECTION_PORTGROUP         = 9,  /* <portgroup> */
    VIR_NETWORK_SECTION_DNS_HOST          = 10, /* <dns>/<host> */
    VIR_NETWORK_SECTION_DNS_TXT           = 11, /* <dns>/<txt> */
    VIR_NETWORK_SECTION_DNS_SRV           = 12  /* <dns>/<srv> */
#ifdef VIR_ENUM_SENTINELS
    , VIR_NETWORK_SECTION_LAST
#endif
} virNetworkUpdateSection;

/* Where virNetworkUpdate() applies: the running network, the persistent
 * definition, or (CURRENT) whichever the network's state implies. */
typedef enum {
    VIR_NETWORK_UPDATE_AFFECT_CURRENT = 0,
    VIR_NETWORK_UPDATE_AFFECT_LIVE    = 1 << 0,
    VIR_NETWORK_UPDATE_AFFECT_CONFIG  = 1 << 1
} virNetworkUpdateFlags;

/* command and section are the enums above; parentIndex picks the <ip>
 * (-1: the one the snippet fits). */
int virNetworkUpdate(virNetworkPtr network, unsigned int command,
                     unsigned int section, int parentIndex,
                     const char *xml, unsigned int flags);

int virNetworkCreate(virNetworkPtr network);
int virNetworkDestroy(virNetworkPtr network);

int virNetworkRef(virNetworkPtr network);
int virNetworkFree(virNetworkPtr network);

/* ---- properties ------------------------------------------------------ */

const char *virNetworkGetName(virNetworkPtr network);
int virNetworkGetUUID(virNetworkPtr network, unsigned char *uuid);
int virNetworkGetUUIDString(virNetworkPtr network, char *buf);
char *virNetworkGetXMLDesc(virNetworkPtr network, unsigned int flags);
char *virNetworkGetBridgeName(virNetworkPtr network);
int virNetworkGetAutostart(virNetworkPtr network, int *autostart);
int virNetworkSetAutostart(virNetworkPtr network, int autostart);
int virNetworkIsActive(virNetworkPtr net);
int virNetworkIsPersistent(virNetworkPtr net);

/* ---- events ---------------------------------------------------------- */

/* What happened to a network (VIR_NETWORK_EVENT_ID_LIFECYCLE). */
typedef enum {
    VIR_NETWORK_EVENT_DEFINED   = 0,
    VIR_NETWORK_EVENT_UNDEFINED = 1,
    VIR_NETWORK_EVENT_STARTED   = 2,
    VIR_NETWORK_EVENT_STOPPED   = 3
#ifdef VIR_ENUM_SENTINELS
    , VIR_NETWORK_EVENT_LAST
#endif
} virNetworkEventLifecycleType;

/* event is a virNetworkEventLifecycleType; detail is reserved (0). */
typedef void (*virConnectNetworkEventLifecycleCallback)(virConnectPtr conn,
                                                        virNetworkPtr net,
                                                        int event,
                                                        int detail,
                                                        void *opaque);

/* Casts a specific callback to the generic type RegisterAny takes. */
#define VIR_NETWORK_EVENT_CALLBACK(cb) ((virConnectNetworkEventGenericCallback)(cb))

typedef enum {
    VIR_NETWORK_EVENT_ID_LIFECYCLE = 0  /* virConnectNetworkEventLifecycleCallback */
#ifdef VIR_ENUM_SENTINELS
    , VIR_NETWORK_EVENT_ID_LAST
#endif
} virNetworkEventID;

typedef enum {
    VIR_IP_ADDR_TYPE_IPV4,
    VIR_IP_ADDR_TYPE_IPV6
#ifdef VIR_ENUM_SENTINELS
    , VIR_IP_ADDR_TYPE_LAST
#endif
} virIPAddrType;

/* The shape every network event callback is registered as. */
typedef void (*virConnectNetworkEventGenericCallback)(virConnectPtr conn,
                                                      virNetworkPtr net,
                                                      void *opaque);

/* net NULL: events of every network.  Returns a callback id, or -1. */
int virConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net,
                                      int eventID,
                                      virConnectNetworkEventGenericCallback cb,
                                      void *opaque, virFreeCallback freecb);
int virConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID);

/* ---- DHCP leases ----------------------------------------------------- */

typedef struct _virNetworkDHCPLease virNetworkDHCPLease;
typedef virNetworkDHCPLease *virNetworkDHCPLeasePtr;
struct _virNetworkDHCPLease {
    char *iface;            /* the network's bridge */
    long long expirytime;   /* seconds since the epoch */
    int type;               /* virIPAddrType */
    char *mac;              /* NULL for IPv6 */
    char *iaid;             /* IPv6 only */
    char *ipaddr;
    unsigned int prefix;
    char *hostname;         /* may be NULL */
    char *clientid;         /* client id (v4) or DUID (v6), may be NULL */
};

/* Leases of the network, or only those of mac (NULL: all).  Allocates
 * *leases when leases is not NULL: virNetworkDHCPLeaseFree() each, then
 * free() the array.  Returns the count, or -1. */
int virNetworkGetDHCPLeases(virNetworkPtr network, const char *mac,
                            virNetworkDHCPLeasePtr **leases, unsigned int flags);
void virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease);

/* ---- ports ----------------------------------------------------------- */

typedef enum {
    VIR_NETWORK_PORT_CREATE_RECLAIM  = (1 << 0), /* the port exists already (daemon restart) */
    VIR_NETWORK_PORT_CREATE_VALIDATE = (1 << 1)  /* strict checking of the XML */
} virNetworkPortCreateFlags;

virNetworkPtr virNetworkPortGetNetwork(virNetworkPortPtr port);
char *virNetworkPortGetXMLDesc(virNetworkPortPtr port, unsigned int flags);
virNetworkPortPtr virNetworkPortLookupByUUID(virNetworkPtr net, const unsigned char *uuid);
virNetworkPortPtr virNetworkPortLookupByUUIDString(virNetworkPtr net, const char *uuidstr);
virNetworkPortPtr virNetworkPortCreateXML(virNetworkPtr net, const char *xmldesc,
                                          unsigned int flags);
/* Allocates *ports as virConnectListAllNetworks() does. */
int virNetworkListAllPorts(virNetworkPtr network, virNetworkPortPtr **ports,
                           unsigned int flags);
int virNetworkPortFree(virNetworkPortPtr port);
int virNetworkPortRef(virNetworkPortPtr port);
int virNetworkPortGetUUID(virNetworkPortPtr port, unsigned char *uuid);
int virNetworkPortGetUUIDString(virNetworkPortPtr port, char *buf);
int virNetworkPortDelete(virNetworkPortPtr port, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIRTD_PUBLIC_NETWORK_H */
