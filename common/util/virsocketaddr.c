#include "virsocketaddr.h"

#include <arpa/inet.h>
#include <string.h>

/* The address bytes in network order, and how many there are. */
static const unsigned char *
virSocketAddrBytes(const virSocketAddr *addr, size_t *len)
{
    switch (addr->family) {
    case AF_INET:
        *len = 4;
        return (const unsigned char *)&addr->data.inet4;
    case AF_INET6:
        *len = 16;
        return (const unsigned char *)&addr->data.inet6;
    default:
        *len = 0;
        return NULL;
    }
}

static unsigned char *
virSocketAddrBytesMut(virSocketAddr *addr, size_t *len)
{
    return (unsigned char *)virSocketAddrBytes(addr, len);
}

int
virSocketAddrParse(virSocketAddr *addr, const char *str, int family)
{
    virSocketAddr tmp = { 0 };

    if (!str)
        return -1;
    if ((family == AF_UNSPEC || family == AF_INET) &&
        inet_pton(AF_INET, str, &tmp.data.inet4) == 1) {
        tmp.family = AF_INET;
    } else if ((family == AF_UNSPEC || family == AF_INET6) &&
               inet_pton(AF_INET6, str, &tmp.data.inet6) == 1) {
        tmp.family = AF_INET6;
    } else {
        return -1;
    }
    *addr = tmp;
    return 0;
}

char *
virSocketAddrFormat(const virSocketAddr *addr)
{
    char buf[INET6_ADDRSTRLEN];

    if (!VIR_SOCKET_ADDR_VALID(addr) ||
        !inet_ntop(addr->family, &addr->data, buf, sizeof(buf)))
        return NULL;
    return g_strdup(buf);
}

int
virSocketAddrCompare(const virSocketAddr *a, const virSocketAddr *b)
{
    const unsigned char *ab;
    const unsigned char *bb;
    size_t alen, blen;

    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    ab = virSocketAddrBytes(a, &alen);
    bb = virSocketAddrBytes(b, &blen);
    if (!ab)
        return 0;
    return memcmp(ab, bb, alen);
}

bool
virSocketAddrEqual(const virSocketAddr *a, const virSocketAddr *b)
{
    return virSocketAddrCompare(a, b) == 0;
}

unsigned int
virSocketAddrMaxPrefix(int family)
{
    switch (family) {
    case AF_INET:
        return 32;
    case AF_INET6:
        return 128;
    default:
        return 0;
    }
}

int
virSocketAddrPrefixToNetmask(unsigned int prefix, int family, virSocketAddr *netmask)
{
    virSocketAddr tmp = { .family = family };
    unsigned char *bytes;
    size_t len, i;

    if (!(bytes = virSocketAddrBytesMut(&tmp, &len)) || prefix > len * 8)
        return -1;
    for (i = 0; i < len; i++) {
        if (prefix >= 8) {
            bytes[i] = 0xff;
            prefix -= 8;
        } else {
            bytes[i] = (unsigned char)(0xff << (8 - prefix));
            prefix = 0;
        }
    }
    *netmask = tmp;
    return 0;
}

int
virSocketAddrGetNumNetmaskBits(const virSocketAddr *netmask)
{
    const unsigned char *bytes;
    size_t len, i;
    int bits = 0;
    bool ended = false;

    if (!(bytes = virSocketAddrBytes(netmask, &len)))
        return -1;
    for (i = 0; i < len; i++) {
        unsigned char b = bytes[i];
        int j;

        for (j = 7; j >= 0; j--) {
            if (b & (1 << j)) {
                if (ended)
                    return -1;
                bits++;
            } else {
                ended = true;
            }
        }
    }
    return bits;
}

/* Applies prefix to addr: keeps the network bits, then sets the host bits
 * to hostBits (0x00 or 0xff). */
static int
virSocketAddrApplyPrefix(const virSocketAddr *addr, unsigned int prefix,
                         unsigned char hostBits, virSocketAddr *result)
{
    virSocketAddr tmp = *addr;
    unsigned char *bytes;
    size_t len, i;

    if (!(bytes = virSocketAddrBytesMut(&tmp, &len)) || prefix > len * 8)
        return -1;
    for (i = 0; i < len; i++) {
        unsigned int keep = prefix >= 8 ? 8 : prefix;
        unsigned char mask = keep ? (unsigned char)(0xff << (8 - keep)) : 0;

        bytes[i] = (bytes[i] & mask) | (hostBits & ~mask);
        prefix -= keep;
    }
    *result = tmp;
    return 0;
}

int
virSocketAddrMaskByPrefix(const virSocketAddr *addr, unsigned int prefix,
                          virSocketAddr *network)
{
    return virSocketAddrApplyPrefix(addr, prefix, 0x00, network);
}

int
virSocketAddrBroadcastByPrefix(const virSocketAddr *addr, unsigned int prefix,
                               virSocketAddr *broadcast)
{
    if (!VIR_SOCKET_ADDR_IS_FAMILY(addr, AF_INET))
        return -1;
    return virSocketAddrApplyPrefix(addr, prefix, 0xff, broadcast);
}

bool
virSocketAddrInSubnet(const virSocketAddr *addr, const virSocketAddr *net,
                      unsigned int prefix)
{
    virSocketAddr a, n;

    if (addr->family != net->family ||
        virSocketAddrMaskByPrefix(addr, prefix, &a) < 0 ||
        virSocketAddrMaskByPrefix(net, prefix, &n) < 0)
        return false;
    return virSocketAddrEqual(&a, &n);
}

long long
virSocketAddrRangeSize(const virSocketAddr *start, const virSocketAddr *end)
{
    const unsigned char *sb;
    const unsigned char *eb;
    size_t len, i, first;
    unsigned long long s = 0, e = 0;

    if (start->family != end->family || !(sb = virSocketAddrBytes(start, &len)))
        return -1;
    eb = virSocketAddrBytes(end, &len);
    if (virSocketAddrCompare(start, end) > 0)
        return -1;

    /* Only the low 64 bits of an IPv6 range may differ. */
    first = len > 8 ? len - 8 : 0;
    if (first && memcmp(sb, eb, first) != 0)
        return -1;
    for (i = first; i < len; i++) {
        s = (s << 8) | sb[i];
        e = (e << 8) | eb[i];
    }
    if (e - s >= (unsigned long long)G_MAXINT)
        return G_MAXINT;
    return (long long)(e - s) + 1;
}

int
virSocketAddrDefaultPrefix(const virSocketAddr *addr)
{
    unsigned char octet;

    if (VIR_SOCKET_ADDR_IS_FAMILY(addr, AF_INET6))
        return 64;
    if (!VIR_SOCKET_ADDR_IS_FAMILY(addr, AF_INET))
        return -1;
    octet = ((const unsigned char *)&addr->data.inet4)[0];
    if ((octet & 0x80) == 0)
        return 8;
    if ((octet & 0xc0) == 0x80)
        return 16;
    if ((octet & 0xe0) == 0xc0)
        return 24;
    return -1;
}

char *
virSocketAddrPTRDomain(const virSocketAddr *addr, unsigned int prefix)
{
    const unsigned char *bytes;
    GString *buf;
    size_t len;
    int i;

    if (!(bytes = virSocketAddrBytes(addr, &len)) || prefix == 0 || prefix > len * 8)
        return NULL;

    buf = g_string_new(NULL);
    if (addr->family == AF_INET) {
        if (prefix % 8) {
            g_string_free(buf, TRUE);
            return NULL;
        }
        for (i = prefix / 8 - 1; i >= 0; i--)
            g_string_append_printf(buf, "%u.", bytes[i]);
        g_string_append(buf, "in-addr.arpa");
    } else {
        if (prefix % 4) {
            g_string_free(buf, TRUE);
            return NULL;
        }
        /* One label per nibble, least significant first. */
        for (i = prefix / 4 - 1; i >= 0; i--) {
            unsigned char b = bytes[i / 2];
            g_string_append_printf(buf, "%x.", (i % 2) ? (b & 0x0f) : (b >> 4));
        }
        g_string_append(buf, "ip6.arpa");
    }
    return g_string_free(buf, FALSE);
}
