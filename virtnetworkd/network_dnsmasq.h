/* dnsmasq for a virtual network: the configuration file, the static DHCP
 * hosts file and the extra DNS hosts file built from a definition, and
 * dnsmasq's own lease file read back.
 *
 * Unlike libvirt, leases are kept by dnsmasq itself (dhcp-leasefile=), not
 * by a helper script, so the lease file is the one source of DHCP leases. */
#pragma once

#include "internal.h"

#include "network_conf.h"

/* Where dnsmasq finds and puts its files. Any may be NULL: the matching
 * line is then left out. */
typedef struct {
    const char *pidfile;        /* pid-file= */
    const char *leasefile;      /* dhcp-leasefile= */
    const char *hostsfile;      /* dhcp-hostsfile= (static DHCP hosts) */
    const char *addnhostsfile;  /* addn-hosts= (the <dns> <host> entries) */
} networkDnsmasqPaths;

typedef struct {
    char *conf;         /* the .conf text */
    char *hosts;        /* the dhcp-hostsfile text ("" when no host) */
    char *addnhosts;    /* the addn-hosts text ("" when no host) */
} networkDnsmasqConfig;

void networkDnsmasqConfigClear(networkDnsmasqConfig *cfg);

/* Whether the network needs dnsmasq at all: it has its own bridge and
 * either serves DNS or has DHCP on some <ip>. */
bool networkDnsmasqNeeded(const virNetworkDef *def);

/* Builds the three texts. -1 with an error reported (VIR_FROM_NETWORK),
 * e.g. a network without a bridge name yet, or several DHCP <ip>s of
 * one family. */
int networkDnsmasqBuildConfig(const virNetworkDef *def, const networkDnsmasqPaths *paths,
                              networkDnsmasqConfig *cfg);

/* One lease, shaped like libvirt's public virNetworkDHCPLease. */
typedef enum {
    NETWORK_DNSMASQ_LEASE_IPV4 = 0,   /* VIR_IP_ADDR_TYPE_IPV4 */
    NETWORK_DNSMASQ_LEASE_IPV6 = 1,   /* VIR_IP_ADDR_TYPE_IPV6 */
} networkDnsmasqLeaseType;

typedef struct {
    char *iface;            /* the bridge */
    long long expirytime;   /* seconds since the epoch, 0 = never */
    int type;               /* networkDnsmasqLeaseType */
    char *mac;              /* IPv6: from an Ethernet DUID, else NULL */
    char *iaid;             /* IPv6 only */
    char *ipaddr;
    unsigned int prefix;    /* from the network's <ip>; 0 until filled */
    char *hostname;         /* NULL for dnsmasq's "*" */
    char *clientid;         /* IPv4 client id or IPv6 DUID; NULL for "*" */
} networkDnsmasqLease;

/* Parses dnsmasq's lease file: IPv4 lines "EXPIRY MAC IP HOSTNAME CLIENTID",
 * a "duid SERVERDUID" line, then IPv6 lines "EXPIRY IAID IP HOSTNAME DUID".
 * Malformed lines are skipped (a file being rewritten is no reason to fail
 * the whole query). Returns 0, with *leases (free with
 * networkDnsmasqLeasesFree) holding *n entries. */
int networkDnsmasqParseLeases(const char *text, const char *bridge,
                              networkDnsmasqLease **leases, size_t *n);
/* Fills each lease's prefix from the <ip> of def whose subnet holds it. */
void networkDnsmasqLeasesSetPrefix(const virNetworkDef *def,
                                   networkDnsmasqLease *leases, size_t n);
void networkDnsmasqLeaseClear(networkDnsmasqLease *lease);
void networkDnsmasqLeasesFree(networkDnsmasqLease *leases, size_t n);
