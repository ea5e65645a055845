/* The host's SMBIOS data (`virsh sysinfo`) and its identity (the host
 * UUID of `virsh capabilities`). */
#pragma once

#include "internal.h"

/* Tests only: read /sys and /etc below root instead ("" or NULL: the real
 * ones). Not thread-safe; set it before anything reads. */
void virSysinfoSetRoot(const char *root);

/* <sysinfo type='smbios'> with bios, system, baseBoard and chassis from
 * /sys/class/dmi/id, plus processor and memory_device entries when the raw
 * SMBIOS table (/sys/firmware/dmi/tables/DMI) is readable. Caller frees.
 * NULL with a VIR_FROM_SYSINFO error reported when nothing is readable. */
char *virSysinfoFormat(void);

/* The SMBIOS system UUID, or else /etc/machine-id read as a UUID. -1
 * (nothing reported: the caller decides on a fallback) when neither gives
 * a usable value. */
int virSysinfoGetHostUUID(unsigned char *uuid);
