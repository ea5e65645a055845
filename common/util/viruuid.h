/* UUIDs: 16 raw bytes on the wire, 36 characters in XML. */
#pragma once

#include "internal.h"

#define VIR_UUID_BUFLEN 16
#define VIR_UUID_STRING_BUFLEN 37

void virUUIDGenerate(unsigned char *uuid);
/* Accepts the dashed form and the 32-hex-digit form; -1 when invalid
 * (nothing reported: the caller knows what the text was for). */
int virUUIDParse(const char *str, unsigned char *uuid);
/* Writes into buf (VIR_UUID_STRING_BUFLEN bytes) and returns it. */
const char *virUUIDFormat(const unsigned char *uuid, char *buf);
