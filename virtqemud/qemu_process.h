/* Running QEMU: start (command line, monitor, resume), stop, reconnect
 * after a daemon restart, and reacting to what the monitor reports. */
#pragma once

#include "internal.h"

#include "qemu_conf.h"
#include "qemu_domain.h"

/* Starts the locked, inactive obj. flags: VIR_DOMAIN_START_PAUSED. On
 * failure nothing is left running and the object is inactive again. */
int qemuProcessStart(virQEMUDriver *driver, virDomainObj *obj, unsigned int flags);
/* The same, for a guest whose state comes from a saved image: QEMU waits
 * for its incoming stream (-incoming defer), takes it from uri
 * (migrate-incoming, e.g. "exec:..."), then runs unless
 * VIR_DOMAIN_START_PAUSED. Emits STARTED/RESTORED. */
int qemuProcessStartIncoming(virQEMUDriver *driver, virDomainObj *obj, unsigned int flags,
                             const char *uri);

/* Stops the locked, active obj: kills QEMU if still there, cleans up, and
 * leaves the object shut off with the given reason. */
void qemuProcessStop(virQEMUDriver *driver, virDomainObj *obj, int reason);

/* After a daemon restart: checks the guest's QEMU is still the one we
 * started, reconnects its monitor and refreshes its state. On failure the
 * object is cleaned up as shut off. */
void qemuProcessReconnect(virQEMUDriver *driver, virDomainObj *obj);

/* Removes a transient, inactive object from the list (obj stays locked). */
void qemuProcessRemoveIfTransient(virQEMUDriver *driver, virDomainObj *obj);

/* The event pool's function (see virQEMUDriver.eventPool). */
void qemuProcessHandleEvent(gpointer data, gpointer opaque);

/* CPU time used by the guest's process, in nanoseconds (0 if unknown). */
unsigned long long qemuProcessGetCPUTime(pid_t pid);

/* Where monitor callbacks queue their events (set once at start-up). */
void qemuProcessSetEventDriver(virQEMUDriver *driver);
