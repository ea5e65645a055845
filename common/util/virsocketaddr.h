/* IPv4/IPv6 addresses as plain values: parsing, formatting, prefixes and
 * netmasks, subnet membership and range sizes.
 *
 * Nothing here reports errors: functions return -1 (or false) and the
 * caller, which knows what the address was for, reports. */
#pragma once

#include "internal.h"

#include <netinet/in.h>
#include <sys/socket.h>

typedef struct {
    int family;             /* AF_UNSPEC (unset), AF_INET or AF_INET6 */
    union {
        struct in_addr inet4;
        struct in6_addr inet6;
    } data;
} virSocketAddr;

#define VIR_SOCKET_ADDR_VALID(addr) ((addr)->family != AF_UNSPEC)
#define VIR_SOCKET_ADDR_IS_FAMILY(addr, fam) ((addr)->family == (fam))

/* family AF_UNSPEC accepts either; -1 when str is not a numeric address
 * of the family asked for. */
int virSocketAddrParse(virSocketAddr *addr, const char *str, int family);
/* The canonical text (inet_ntop) of a valid address; NULL when unset. */
char *virSocketAddrFormat(const virSocketAddr *addr);

bool virSocketAddrEqual(const virSocketAddr *a, const virSocketAddr *b);
/* <0, 0, >0 like memcmp; addresses of different families compare by family. */
int virSocketAddrCompare(const virSocketAddr *a, const virSocketAddr *b);

/* The largest prefix a family allows (32 or 128), 0 for other families. */
unsigned int virSocketAddrMaxPrefix(int family);
/* -1 when prefix is too large for family. */
int virSocketAddrPrefixToNetmask(unsigned int prefix, int family,
                                 virSocketAddr *netmask);
/* Number of leading one bits, -1 when the mask is not contiguous. */
int virSocketAddrGetNumNetmaskBits(const virSocketAddr *netmask);

/* addr with all host bits cleared / set (the latter only for IPv4). */
int virSocketAddrMaskByPrefix(const virSocketAddr *addr, unsigned int prefix,
                              virSocketAddr *network);
int virSocketAddrBroadcastByPrefix(const virSocketAddr *addr, unsigned int prefix,
                                   virSocketAddr *broadcast);

/* True when addr has the family of net and the same first prefix bits. */
bool virSocketAddrInSubnet(const virSocketAddr *addr, const virSocketAddr *net,
                           unsigned int prefix);

/* Number of addresses from start to end inclusive; -1 when the families
 * differ or start > end. For IPv6 only the low 64 bits may differ (-1
 * otherwise), and sizes are capped at G_MAXINT. */
long long virSocketAddrRangeSize(const virSocketAddr *start, const virSocketAddr *end);

/* The natural (classful) prefix of an IPv4 address, 64 for IPv6, -1 when
 * there is none (class D/E). */
int virSocketAddrDefaultPrefix(const virSocketAddr *addr);

/* The reverse DNS zone of addr/prefix ("122.168.192.in-addr.arpa"), or
 * NULL when prefix does not fall on a label boundary (8 bits for IPv4,
 * 4 for IPv6). */
char *virSocketAddrPTRDomain(const virSocketAddr *addr, unsigned int prefix);
