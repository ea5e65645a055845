/* Domain jobs: one state-changing operation at a time per guest, and
 * waiting for QEMU without holding the domain's lock.
 *
 * Rules every virtqemud entry point follows:
 *  - Monitor commands are sent only with the domain object locked (the
 *    monitor may be closed by a destroy as soon as the lock is dropped).
 *  - An operation that changes the guest (suspend, save, snapshot,
 *    hotplug, setmem...) runs inside qemuDomainJobBegin/End. Queries do
 *    not, and destroy does not either: it must always be able to stop a
 *    guest, and jobs recheck virDomainObjIsActive after every wait.
 *  - Waiting for QEMU (a MIGRATION or JOB_STATUS_CHANGE event, a
 *    DEVICE_DELETED...) uses qemuDomainObjWait, which releases the lock so
 *    that the monitor event handler, queries and destroy can run. */
#pragma once

#include "internal.h"
#include "virdomainobj.h"

typedef struct {
    char *name;                 /* operation holding the job ("save"...), NULL if none */
    gint64 started;             /* g_get_monotonic_time() at begin */
    bool abortRequested;        /* virDomainAbortJob was called */
    /* Progress, kept by the job's owner for domjobinfo (bytes). */
    unsigned long long dataTotal;
    unsigned long long dataProcessed;
    unsigned long long dataRemaining;
} qemuDomainJob;

/* Takes the job for operation name on the locked obj, waiting (with the
 * lock released) up to 30 s for the current one to end. Fails with
 * VIR_ERR_OPERATION_TIMEOUT "cannot acquire state change lock (held by
 * X)". Also fails (VIR_ERR_OPERATION_INVALID) if mustBeActive and the
 * guest is not running once the job is ours. */
int qemuDomainJobBegin(virDomainObj *obj, const char *name, bool mustBeActive);
/* Releases the job and wakes whoever waits for it. obj locked. */
void qemuDomainJobEnd(virDomainObj *obj);
/* Whether a job runs, and its name (borrowed) if so. obj locked. */
const char *qemuDomainJobActive(virDomainObj *obj);

/* Waits, with obj's lock released, until qemuDomainObjBroadcast is called
 * for obj or the monotonic deadline (g_get_monotonic_time() units) passes.
 * Returns 0 when woken, 1 on timeout; nothing reported. The caller
 * rechecks whatever it waits for (and whether the guest still runs). */
int qemuDomainObjWait(virDomainObj *obj, gint64 deadline);
/* Wakes every qemuDomainObjWait on obj (called by the monitor event
 * handler after each event and when the guest stops). obj locked. */
void qemuDomainObjBroadcast(virDomainObj *obj);
