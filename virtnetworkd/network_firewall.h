/* Firewall rules of a virtual network, through one of several backends
 * (nftables by default, iptables). The input is plain data the daemon fills
 * from the network definition, so this code does not depend on the XML model.
 *
 * Every network's rules live in objects of its own (an nftables table, or
 * iptables chains named after its bridge), so adding and removing one network
 * never touches another's rules or the host's. */
#pragma once

#include "internal.h"
#include "virenum.h"

typedef enum {
    NETWORK_FIREWALL_MODE_ISOLATED,  /* guests talk to each other and the host's DNS/DHCP only */
    NETWORK_FIREWALL_MODE_NAT,
    NETWORK_FIREWALL_MODE_ROUTE,
    NETWORK_FIREWALL_MODE_OPEN,      /* no rules at all */
    NETWORK_FIREWALL_MODE_LAST
} networkFirewallMode;
VIR_ENUM_DECL(networkFirewallMode);

typedef struct {
    int family;             /* AF_INET / AF_INET6 */
    char *address;          /* the network's address, e.g. "192.168.122.0" (host bits are ignored) */
    unsigned int prefix;
    bool dhcp;              /* DHCP served on this subnet */
} networkFirewallSubnet;

typedef struct {
    const char *name;       /* network name */
    const char *bridge;
    int mode;               /* networkFirewallMode */
    const char *forwardDev; /* NULL: any */
    networkFirewallSubnet *subnets;
    size_t nsubnets;
    unsigned int natPortStart, natPortEnd;   /* 0: the default 1024-65535 */
    const char *natAddrStart, *natAddrEnd;   /* optional IPv4 SNAT range (End may be NULL) */
    bool dns;               /* DNS served on the bridge */
} networkFirewallDef;

typedef struct {
    const char *name;
    /* The exact text add applies (nft script, iptables command list). */
    char *(*render)(const networkFirewallDef *def);
    /* Replaces any rules of this bridge with def's; 0 or -1 reported. */
    int (*add)(const networkFirewallDef *def);
    /* Removes whatever this bridge's rules are (none is fine); 0 or -1. */
    int (*remove)(const networkFirewallDef *def);
    /* 1 when the rules def needs are in place (always for open networks),
     * 0 when not, -1 on error. */
    int (*exists)(const networkFirewallDef *def);
} networkFirewallBackend;

typedef enum {
    NETWORK_FIREWALL_BACKEND_NFTABLES,
    NETWORK_FIREWALL_BACKEND_IPTABLES,
    NETWORK_FIREWALL_BACKEND_LAST
} networkFirewallBackendType;
VIR_ENUM_DECL(networkFirewallBackend);

extern const networkFirewallBackend networkFirewallBackendNftables;
extern const networkFirewallBackend networkFirewallBackendIptables;

/* network.conf's firewall_backend: NULL means the default (nftables);
 * an unknown name is NULL with an error reported. */
const networkFirewallBackend *networkFirewallBackendByName(const char *name);

/* Each checks def first (names, addresses), then calls the backend. */
char *networkFirewallRender(const networkFirewallBackend *backend, const networkFirewallDef *def);
int networkFirewallAdd(const networkFirewallBackend *backend, const networkFirewallDef *def);
int networkFirewallRemove(const networkFirewallBackend *backend, const networkFirewallDef *def);
int networkFirewallExists(const networkFirewallBackend *backend, const networkFirewallDef *def);

/* For the backends. */

/* "192.168.122.0/24", host bits cleared. */
char *networkFirewallSubnetFormat(const networkFirewallSubnet *subnet);
/* The NAT port range, defaults applied. */
void networkFirewallNatPorts(const networkFirewallDef *def, unsigned int *start, unsigned int *end);
/* The SNAT address range "A" or "A-B", NULL when masquerading. */
char *networkFirewallNatAddrRange(const networkFirewallDef *def);
/* Whether def has a subnet of this family (with DHCP when dhcp is set). */
bool networkFirewallHasFamily(const networkFirewallDef *def, int family, bool dhcp);
/* The full path of a firewall tool, NULL with an error reported. */
char *networkFirewallFindTool(const char *name);

/* firewalld (network_firewalld.c): when org.fedoraproject.FirewallD1 runs
 * on the system bus, its own rules would block our guests unless their
 * bridge is in a zone of ours, "libvirt" (as libvirt does). Without
 * firewalld each returns 0 and does nothing. */
#define NETWORK_FIREWALLD_ZONE "libvirt"
bool networkFirewalldIsRunning(void);
int networkFirewalldAddInterface(const char *bridge);
int networkFirewalldRemoveInterface(const char *bridge);
