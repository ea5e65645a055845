/* Host network devices through rtnetlink: existence, state, MTU, MAC and
 * addresses. Every function reports its own error, naming the device, and
 * returns -1; a netlink socket is opened per call, so any thread may call. */
#pragma once

#include "internal.h"
#include <sys/types.h>

#ifndef VIR_MAC_BUFLEN
# define VIR_MAC_BUFLEN 6   /* as common/conf/domain_net.h */
#endif

/* 1 when the interface exists, 0 when not, -1 on error. */
int virNetDevExists(const char *ifname);
/* The interface's index into *ifindex. */
int virNetDevGetIndex(const char *ifname, int *ifindex);

int virNetDevSetOnline(const char *ifname, bool online);
int virNetDevGetOnline(const char *ifname, bool *online);

int virNetDevSetMTU(const char *ifname, int mtu);
int virNetDevGetMTU(const char *ifname, int *mtu);

int virNetDevSetMAC(const char *ifname, const unsigned char *mac);
int virNetDevGetMAC(const char *ifname, unsigned char *mac);

/* addr is an IPv4 or IPv6 address in text form ("192.168.122.1",
 * "2001:db8::1"); IPv4 addresses get the subnet's broadcast address. */
int virNetDevAddAddress(const char *ifname, const char *addr, unsigned int prefix);
int virNetDevDelAddress(const char *ifname, const char *addr, unsigned int prefix);
/* The interface's addresses as "ADDR/PREFIX" (NULL-terminated, caller
 * frees with g_strfreev); family is AF_INET, AF_INET6 or AF_UNSPEC for
 * both. Returns the count, -1 on error. */
int virNetDevGetAddresses(const char *ifname, int family, char ***addrs);

/* Moves the interface into the network namespace of process pid. */
int virNetDevSetNamespace(const char *ifname, pid_t pid);

/* Removes any kind of link (bridge, veth, tap...). */
int virNetDevDelete(const char *ifname);

/* -1 with an error reported when ifname cannot name an interface. */
int virNetDevValidateName(const char *ifname);
