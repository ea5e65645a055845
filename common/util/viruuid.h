/* UUIDs: 16 raw bytes on the wire, 36 characters in XML (VIR_UUID_BUFLEN
 * and VIR_UUID_STRING_BUFLEN come from the public header). */
#pragma once

#include "internal.h"


void virUUIDGenerate(unsigned char *uuid);
/* Accepts the dashed form and the 32-hex-digit form; -1 when invalid
 * (nothing reported: the caller knows what the text was for). */
int virUUIDParse(const char *str, unsigned char *uuid);
/* Writes into buf (VIR_UUID_STRING_BUFLEN bytes) and returns it. */
const char *virUUIDFormat(const unsigned char *uuid, char *buf);
