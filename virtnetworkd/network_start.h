/* What an active virtual network is on the host: its bridge with
 * addresses, its firewall rules and its dnsmasq. Made in order on start,
 * undone in reverse on stop or when a step fails, and checked (and
 * repaired) after a daemon restart. */
#pragma once

#include "internal.h"

#include "network_conf.h"
#include "network_firewall.h"

typedef struct {
    char *stateDir;         /* /run/libvirt/network: status XML, dnsmasq pid files */
    char *dnsmasqDir;       /* /var/lib/libvirt/dnsmasq: config, hosts, leases */
    const networkFirewallBackend *firewall;
} networkRuntime;

/* Paths of a network's files (caller frees). */
char *networkDnsmasqPidPath(const networkRuntime *rt, const char *name);
char *networkDnsmasqLeasePath(const networkRuntime *rt, const char *name);

/* Refuses def when another interface already owns its bridge name or one
 * of its subnets (a route of this host, or another active network: the
 * others, given as their live definitions). -1 with an error reported. */
int networkCheckConflicts(const virNetworkDef *def, virNetworkDef *const *others,
                          size_t nothers);

/* Brings def up; on failure nothing of it is left. */
int networkStart(const networkRuntime *rt, const virNetworkDef *def);
/* Takes def down; what is already gone is fine. */
void networkStop(const networkRuntime *rt, const virNetworkDef *def);
/* After a restart: puts back whatever of an active network went missing
 * (the bridge gone means the network is gone: -1, the caller marks it
 * inactive). Running dnsmasq and rules are left as they are. */
int networkReconnect(const networkRuntime *rt, const virNetworkDef *def);
/* After a live update: new hosts files and a SIGHUP, or a new dnsmasq
 * when restart is set (ranges changed). */
int networkRefreshDnsmasq(const networkRuntime *rt, const virNetworkDef *def, bool restart);
