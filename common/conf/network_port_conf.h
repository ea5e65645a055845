/* A network port: libvirt's <networkport> XML as plain data, the record a
 * network keeps of one guest interface plugged into it.
 *
 *   <networkport>
 *     <uuid/>
 *     <owner><name/><uuid/></owner>
 *     <group/> <mac address/> <bandwidth/> <vlan/> <rxfilters trustGuest/>
 *     <plug type='network|bridge' bridge macTableManager/>
 *     <plug type='direct' dev mode/>
 *     <plug type='hostdev-pci' managed><driver name/><address .../></plug>
 *   </networkport>
 *
 * Ports are stored one file per port, DIR/UUID.xml. */
#pragma once

#include "internal.h"

#include "network_conf.h"

typedef enum {
    VIR_NETWORK_PORT_PLUG_TYPE_NONE = 0,
    VIR_NETWORK_PORT_PLUG_TYPE_NETWORK,
    VIR_NETWORK_PORT_PLUG_TYPE_BRIDGE,
    VIR_NETWORK_PORT_PLUG_TYPE_DIRECT,
    VIR_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI,
    VIR_NETWORK_PORT_PLUG_TYPE_LAST
} virNetworkPortPlugType;
VIR_ENUM_DECL(virNetworkPortPlug);

/* macvtap modes of a direct plug (libvirt's virNetDevMacVLanMode). */
typedef enum {
    VIR_NETWORK_PORT_DIRECT_MODE_VEPA = 0,
    VIR_NETWORK_PORT_DIRECT_MODE_PRIVATE,
    VIR_NETWORK_PORT_DIRECT_MODE_BRIDGE,
    VIR_NETWORK_PORT_DIRECT_MODE_PASSTHROUGH,
    VIR_NETWORK_PORT_DIRECT_MODE_LAST
} virNetworkPortDirectMode;
VIR_ENUM_DECL(virNetworkPortDirectMode);

typedef struct {
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *ownername;
    unsigned char owneruuid[VIR_UUID_BUFLEN];
    char *group;                    /* the portgroup, or NULL */
    unsigned char mac[VIR_MAC_BUFLEN];
    virNetworkBandwidth *bandwidth;
    unsigned int classID;           /* QoS class handed out by the network */
    virNetworkVlan vlan;
    virTristateBool trustGuestRxFilters;

    int plugtype;                   /* virNetworkPortPlugType */
    /* network, bridge */
    char *bridge;
    int macTableManager;            /* virNetworkBridgeMACTableManagerType */
    /* direct */
    char *linkdev;
    int directMode;                 /* virNetworkPortDirectMode */
    /* hostdev-pci */
    virTristateBool managed;
    int driverName;                 /* virNetworkForwardDriverNameType */
    virNetworkPCIAddress addr;
} virNetworkPortDef;

void virNetworkPortDefFree(virNetworkPortDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetworkPortDef, virNetworkPortDefFree);

/* NULL with an error reported in VIR_FROM_NETWORK. No flags yet. */
virNetworkPortDef *virNetworkPortDefParseString(const char *xml, unsigned int flags);
virNetworkPortDef *virNetworkPortDefParseNode(xmlNodePtr root, unsigned int flags);
virNetworkPortDef *virNetworkPortDefParseFile(const char *path, unsigned int flags);

char *virNetworkPortDefFormat(const virNetworkPortDef *def);

/* DIR/UUID.xml, written atomically / removed (a missing file is fine). */
int virNetworkPortDefSaveStatus(const virNetworkPortDef *def, const char *dir);
int virNetworkPortDefDeleteStatus(const virNetworkPortDef *def, const char *dir);
