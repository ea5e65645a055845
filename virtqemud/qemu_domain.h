/* What virtqemud keeps per domain beyond the generic object (monitor,
 * paths), and how domains are persisted: definitions in configDir,
 * autostart links, and the status file of a running guest. */
#pragma once

#include "internal.h"

#include "qemu_conf.h"
#include "qemu_monitor.h"
#include "qemu_domain_job.h"
#include "driver.h"

typedef struct {
    qemuMonitor *mon;
    char *monPath;
    char *libDir;           /* per-run directory (monitor socket) */
    bool gotShutdown;       /* the guest powered itself off */
    bool restartAfterShutdown; /* on_poweroff='restart': start again once QEMU is gone */
    /* QEMU paused itself (guest panic, guest shutdown turned into a
     * reboot) and its coming STOP event is no pause of the user's. */
    bool stopIsOurs;
    bool fakeReboot;        /* virsh reboot: the next guest shutdown resets instead */
    struct _qemuConsole *console; /* the open console session, if any (qemu_console.c) */
    /* Statistics of the last job that ended, for domjobinfo --completed. */
    virTypedParameter *jobCompleted;
    int njobCompleted;
    int jobCompletedType;   /* virDomainJobType */
    bool beingDestroyed;
    qemuDomainJob job;      /* see qemu_domain_job.h */
    GCond jobCond;          /* signalled when the job ends */
    GCond eventCond;        /* signalled after each monitor event, and at stop */
} qemuDomainObjPrivate;

qemuDomainObjPrivate *qemuDomainObjPrivateGet(virDomainObj *obj);

/* Fills defaults that need the driver: emulator, canonical machine type.
 * -1 with an error reported (unknown machine, missing emulator). */
int qemuDomainDefPostParse(virQEMUDriver *driver, virDomainDef *def);

int qemuDomainSaveConfig(virQEMUDriver *driver, const virDomainDef *def);
int qemuDomainDeleteConfig(virQEMUDriver *driver, const char *name);
int qemuDomainSetAutostartLink(virQEMUDriver *driver, const char *name, bool autostart);
bool qemuDomainHasAutostartLink(virQEMUDriver *driver, const char *name);

/* The status file of a running guest: state, pid, monitor, live XML. */
int qemuDomainSaveStatus(virQEMUDriver *driver, virDomainObj *obj);
void qemuDomainDeleteStatus(virQEMUDriver *driver, const char *name);

/* Reads every persistent definition, then every status file, into the
 * list. Status objects come back with pid and monitor path set, not yet
 * reconnected. Bad files are logged and skipped, never fatal. */
int qemuDomainLoadAll(virQEMUDriver *driver, GPtrArray *running);

virDrvDomain *qemuDomainMakeRef(virDomainObj *obj);
