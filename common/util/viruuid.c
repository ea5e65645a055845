#include "viruuid.h"

#include <stdio.h>
#include <string.h>

void
virUUIDGenerate(unsigned char *uuid)
{
    g_autofree char *str = g_uuid_string_random();

    virUUIDParse(str, uuid);
}

int
virUUIDParse(const char *str, unsigned char *uuid)
{
    size_t i = 0;
    const char *p = str;

    while (g_ascii_isspace(*p))
        p++;
    while (i < VIR_UUID_BUFLEN) {
        int hi, lo;

        if (*p == '-')
            p++;
        hi = g_ascii_xdigit_value(p[0]);
        lo = hi >= 0 ? g_ascii_xdigit_value(p[1]) : -1;
        if (hi < 0 || lo < 0)
            return -1;
        uuid[i++] = (hi << 4) | lo;
        p += 2;
    }
    while (g_ascii_isspace(*p))
        p++;
    return *p ? -1 : 0;
}

const char *
virUUIDFormat(const unsigned char *uuid, char *buf)
{
    snprintf(buf, VIR_UUID_STRING_BUFLEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6], uuid[7],
             uuid[8], uuid[9], uuid[10], uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]);
    return buf;
}
