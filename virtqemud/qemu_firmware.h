/* UEFI firmware: the per-domain NVRAM (variable store) of a pflash
 * loader, as libvirt keeps it. */
#pragma once

#include "internal.h"
#include "domain_conf.h"
#include "qemu_conf.h"

/* At define time: a read-only pflash loader without <nvram> gets
 * R/var/lib/libvirt/qemu/nvram/NAME_VARS.fd, and a missing template is
 * guessed from the loader (Debian's OVMF_CODE*.fd -> OVMF_VARS*.fd). */
void qemuFirmwareFillNvram(virQEMUDriver *driver, virDomainDef *def);

/* At start: creates the domain's NVRAM from its template when it does
 * not exist yet. -1 with an error reported. */
int qemuFirmwarePrepareNvram(const virDomainDef *def);
