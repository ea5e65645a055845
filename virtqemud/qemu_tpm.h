/* Emulated TPMs: one swtpm process per <tpm><backend type='emulator'>,
 * started before QEMU (which connects to its socket) and stopped with
 * the guest. The TPM state persists per domain UUID under
 * R/var/lib/libvirt/swtpm/UUID/tpm2 (tpm1.2 for version 1.2). */
#pragma once

#include "internal.h"
#include "qemu_conf.h"
#include "virdomainobj.h"

/* Starts swtpm for every emulated TPM of obj->def, listening where
 * qemuBuildTPMSocketPath puts it for monitorPath (the run directory).
 * -1 with an error reported; what was started is then stopped. */
int qemuTPMStart(virQEMUDriver *driver, virDomainObj *obj, const char *monitorPath);

/* Stops the swtpm processes of a run (their pid files sit in libDir) and
 * removes their sockets. Harmless when none runs. */
void qemuTPMStop(virDomainObj *obj, const char *libDir);
