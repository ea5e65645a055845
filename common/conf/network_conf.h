/* The virtual network definition: libvirt's <network> XML as plain data.
 *
 *   <network ipv6='yes' connections='N'>
 *     <name/> <uuid/>
 *     <forward mode='nat|route|open|bridge|private|vepa|passthrough|hostdev' dev=''>
 *       <nat><address start end/><port start end/></nat> | <interface dev/>...
 *     </forward>
 *     <bridge name stp delay macTableManager/> <mtu size/> <mac address/>
 *     <domain name localOnly/> <dns>...</dns> <vlan/> <bandwidth/>
 *     <ip address netmask|prefix family><tftp/><dhcp>...</dhcp></ip>...
 *     <portgroup name default>...</portgroup>...
 *   </network>
 *
 * Parsing checks what libvirt's parser checks; virNetworkDefValidate()
 * adds the cross-element checks (subnets, ranges, several DHCP sections).
 * Objects, state and storage are in virnetworkobj.h. */
#pragma once

#include "internal.h"
#include "virenum.h"
#include "virsocketaddr.h"
#include "viruuid.h"
#include "virxml.h"

#include "domain_net.h"     /* virMacAddrParse/Format, VIR_MAC_BUFLEN */

/* VIR_NETWORK_XML_INACTIVE, VIR_NETWORK_UPDATE_COMMAND_* and
 * VIR_NETWORK_SECTION_* are libvirt's public values (libvirt-network.h). */

typedef enum {
    VIR_NETWORK_FORWARD_NONE = 0,   /* isolated: no <forward> */
    VIR_NETWORK_FORWARD_NAT,
    VIR_NETWORK_FORWARD_ROUTE,
    VIR_NETWORK_FORWARD_OPEN,
    VIR_NETWORK_FORWARD_BRIDGE,
    VIR_NETWORK_FORWARD_PRIVATE,
    VIR_NETWORK_FORWARD_VEPA,
    VIR_NETWORK_FORWARD_PASSTHROUGH,
    VIR_NETWORK_FORWARD_HOSTDEV,
    VIR_NETWORK_FORWARD_LAST
} virNetworkForwardType;
VIR_ENUM_DECL(virNetworkForward);

typedef enum {
    VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_DEFAULT = 0,
    VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_KERNEL,
    VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LIBVIRT,
    VIR_NETWORK_BRIDGE_MAC_TABLE_MANAGER_LAST
} virNetworkBridgeMACTableManagerType;
VIR_ENUM_DECL(virNetworkBridgeMACTableManager);

typedef enum {
    VIR_NETWORK_FORWARD_DRIVER_NAME_DEFAULT = 0,
    VIR_NETWORK_FORWARD_DRIVER_NAME_KVM,
    VIR_NETWORK_FORWARD_DRIVER_NAME_VFIO,
    VIR_NETWORK_FORWARD_DRIVER_NAME_LAST
} virNetworkForwardDriverNameType;
VIR_ENUM_DECL(virNetworkForwardDriverName);

typedef enum {
    VIR_NETWORK_DHCP_LEASETIME_UNIT_SECONDS = 0,
    VIR_NETWORK_DHCP_LEASETIME_UNIT_MINUTES,
    VIR_NETWORK_DHCP_LEASETIME_UNIT_HOURS,
    VIR_NETWORK_DHCP_LEASETIME_UNIT_LAST
} virNetworkDHCPLeaseTimeUnitType;
VIR_ENUM_DECL(virNetworkDHCPLeaseTimeUnit);

typedef enum {
    VIR_NETWORK_VLAN_NATIVE_MODE_DEFAULT = 0,
    VIR_NETWORK_VLAN_NATIVE_MODE_TAGGED,
    VIR_NETWORK_VLAN_NATIVE_MODE_UNTAGGED,
    VIR_NETWORK_VLAN_NATIVE_MODE_LAST
} virNetworkVlanNativeMode;
VIR_ENUM_DECL(virNetworkVlanNativeMode);

/* <bandwidth>: rates in KiB/s, burst in KiB; 0 means unset. */
typedef struct {
    unsigned long long average;
    unsigned long long peak;
    unsigned long long floor;   /* inbound only */
    unsigned long long burst;
} virNetworkBandwidthRate;

typedef struct {
    virNetworkBandwidthRate *in;    /* NULL when absent */
    virNetworkBandwidthRate *out;
} virNetworkBandwidth;

/* <vlan trunk='yes'><tag id nativeMode/>...</vlan> */
typedef struct {
    bool trunk;
    size_t ntags;
    unsigned int *tags;
    unsigned int nativeTag;
    int nativeMode;             /* virNetworkVlanNativeMode */
} virNetworkVlan;

typedef struct {
    unsigned long long expiry;  /* in unit; 0 = infinite */
    int unit;                   /* virNetworkDHCPLeaseTimeUnitType */
} virNetworkDHCPLeaseTime;

typedef struct {
    virSocketAddr start;
    virSocketAddr end;
    virNetworkDHCPLeaseTime *lease;     /* NULL: dnsmasq's default */
} virNetworkDHCPRange;

typedef struct {
    char *mac;                  /* IPv4 only, as written (lower case) */
    char *id;                   /* IPv6 DUID */
    char *name;
    virSocketAddr ip;
    virNetworkDHCPLeaseTime *lease;
} virNetworkDHCPHost;

typedef struct {
    char *family;               /* as written: "ipv4", "ipv6" or NULL */
    virSocketAddr address;
    virSocketAddr netmask;      /* as written; unset when a prefix was given */
    unsigned int prefix;        /* as written; 0 when absent */
    virTristateBool localPTR;

    size_t nranges;
    virNetworkDHCPRange *ranges;
    size_t nhosts;
    virNetworkDHCPHost *hosts;

    char *tftproot;
    char *bootfile;
    virSocketAddr bootserver;
} virNetworkIPDef;

typedef struct {
    virSocketAddr addr;         /* unset: "don't forward this domain" */
    char *domain;
} virNetworkDNSForwarder;

typedef struct {
    virSocketAddr ip;
    size_t nhostnames;
    char **hostnames;
} virNetworkDNSHost;

typedef struct {
    char *domain;
    char *service;
    char *protocol;
    char *target;
    unsigned int port;
    unsigned int priority;
    unsigned int weight;
} virNetworkDNSSrv;

typedef struct {
    char *name;
    char *value;
} virNetworkDNSTxt;

typedef struct {
    virTristateBool enable;
    virTristateBool forwardPlainNames;
    size_t nfwds;
    virNetworkDNSForwarder *forwarders;
    size_t ntxts;
    virNetworkDNSTxt *txts;
    size_t nsrvs;
    virNetworkDNSSrv *srvs;
    size_t nhosts;
    virNetworkDNSHost *hosts;
} virNetworkDNSDef;

typedef struct {
    unsigned int domain;
    unsigned int bus;
    unsigned int slot;
    unsigned int function;
} virNetworkPCIAddress;

typedef enum {
    VIR_NETWORK_FORWARD_IF_NETDEV = 0,  /* <interface dev=> */
    VIR_NETWORK_FORWARD_IF_PCI,         /* <address type='pci'> (hostdev) */
} virNetworkForwardIfType;

typedef struct {
    virNetworkForwardIfType type;
    char *dev;
    virNetworkPCIAddress pci;
    unsigned int connections;   /* live only */
} virNetworkForwardIf;

typedef struct {
    int type;                   /* virNetworkForwardType */
    virTristateBool managed;    /* hostdev */
    int driverName;             /* virNetworkForwardDriverNameType */

    size_t npfs;                /* at most one <pf dev=> */
    char **pfs;
    size_t nifs;
    virNetworkForwardIf *ifs;

    /* <nat> */
    virSocketAddr addrStart;
    virSocketAddr addrEnd;
    unsigned int portStart;
    unsigned int portEnd;
    virTristateBool natIPv6;
} virNetworkForwardDef;

typedef struct {
    char *name;
    bool isDefault;
    virTristateBool trustGuestRxFilters;
    virNetworkVlan vlan;
    virNetworkBandwidth *bandwidth;
} virNetworkPortGroupDef;

typedef struct {
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *name;
    unsigned int connections;   /* live only: attached interfaces */

    char *bridge;
    virTristateSwitch stp;      /* absent = on */
    unsigned long delay;
    int macTableManager;        /* virNetworkBridgeMACTableManagerType */
    bool stpOrDelayGiven;       /* for the "not in this mode" checks */

    bool macSpecified;
    unsigned char mac[VIR_MAC_BUFLEN];
    unsigned int mtu;

    char *domain;
    virTristateBool domainLocalOnly;
    bool ipv6nogw;              /* ipv6='yes' */
    virTristateBool trustGuestRxFilters;

    virNetworkForwardDef forward;

    size_t nips;
    virNetworkIPDef *ips;

    virNetworkDNSDef dns;
    virNetworkVlan vlan;
    virNetworkBandwidth *bandwidth;

    size_t nportgroups;
    virNetworkPortGroupDef *portgroups;
} virNetworkDef;

void virNetworkDefFree(virNetworkDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetworkDef, virNetworkDefFree);

/* NULL with an error reported in VIR_FROM_NETWORK (VIR_ERR_XML_DETAIL for
 * malformed XML, VIR_ERR_XML_ERROR for bad structure, VIR_ERR_CONFIG_UNSUPPORTED
 * for values that cannot work). A definition without <uuid> gets a random
 * one. No flags are defined yet. The result is validated. */
virNetworkDef *virNetworkDefParseString(const char *xml, unsigned int flags);
virNetworkDef *virNetworkDefParseNode(xmlNodePtr root, unsigned int flags);

/* flags: VIR_NETWORK_XML_INACTIVE leaves out live-only attributes. */
char *virNetworkDefFormat(const virNetworkDef *def, unsigned int flags);
/* The same, appended at indent columns (for status files). */
void virNetworkDefFormatBuf(GString *buf, int indent, const virNetworkDef *def,
                            unsigned int flags);

virNetworkDef *virNetworkDefCopy(const virNetworkDef *def);

/* Cross-element checks: DHCP ranges and hosts inside their <ip> subnet,
 * ordered ranges, one DHCP <ip> per family, prefixes, NAT ranges. */
int virNetworkDefValidate(const virNetworkDef *def);

/* net-update: applies command (VIR_NETWORK_UPDATE_COMMAND_*) to section
 * (VIR_NETWORK_SECTION_*) with xml, the element to add, modify or delete.
 * parentIndex selects the <ip> for the DHCP sections, -1 the one whose
 * subnet fits. flags (affect live/config) are the driver's business and
 * ignored here. On error def is unchanged. */
int virNetworkDefUpdateSection(virNetworkDef *def, unsigned int command,
                               unsigned int section, int parentIndex,
                               const char *xml, unsigned int flags);

/* The nth <ip> of family (AF_UNSPEC: any), or NULL. */
virNetworkIPDef *virNetworkDefGetIPByIndex(const virNetworkDef *def, int family,
                                           size_t n);
/* The prefix in effect for an <ip>: given, from the netmask, or natural;
 * -1 when there is none. */
int virNetworkIPDefPrefix(const virNetworkIPDef *def);
/* The <ip> whose subnet contains addr, or NULL. */
const virNetworkIPDef *virNetworkDefFindIPForAddr(const virNetworkDef *def,
                                                  const virSocketAddr *addr);
/* Whether this mode gives the network its own bridge and addresses. */
bool virNetworkDefForwardIsL3(int forwardType);
/* The forward device at index n ("dev" or first <interface>), or NULL. */
const char *virNetworkDefForwardIf(const virNetworkDef *def, size_t n);

/* <bandwidth> and <vlan>, shared with <networkport>. Parse returns 0 when
 * absent (*bw stays NULL), 1 when set, -1 reported. classID may be NULL
 * when the element cannot carry one; allowFloor: whether floor= is valid. */
int virNetworkBandwidthParse(xmlNodePtr node, bool allowFloor,
                             virNetworkBandwidth **bw, unsigned int *classID);
void virNetworkBandwidthFormat(GString *buf, int indent,
                               const virNetworkBandwidth *bw, unsigned int classID);
void virNetworkBandwidthFree(virNetworkBandwidth *bw);
virNetworkBandwidth *virNetworkBandwidthCopy(const virNetworkBandwidth *bw);
int virNetworkVlanParse(xmlNodePtr node, virNetworkVlan *vlan);
void virNetworkVlanFormat(GString *buf, int indent, const virNetworkVlan *vlan);
void virNetworkVlanClear(virNetworkVlan *vlan);
void virNetworkVlanCopy(virNetworkVlan *dst, const virNetworkVlan *src);
