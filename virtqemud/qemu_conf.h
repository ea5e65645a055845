/* virtqemud's driver state: its directories (all under --root), qemu.conf
 * settings, the domain list and the capabilities cache. */
#pragma once

#include "internal.h"

#include "virdomainobj.h"
#include "qemu_capabilities.h"

typedef struct {
    bool privileged;

    char *configFile;       /* R/etc/libvirt/qemu.conf */
    char *configDir;        /* R/etc/libvirt/qemu: persistent definitions */
    char *autostartDir;     /* R/etc/libvirt/qemu/autostart */
    char *stateDir;         /* R/run/libvirt/qemu: status of running guests */
    char *libDir;           /* R/var/lib/libvirt/qemu: monitor sockets */
    char *logDir;           /* R/var/log/libvirt/qemu */
    char *cacheDir;         /* R/var/cache/libvirt/qemu */
    char *autoDumpPath;     /* on_crash='coredump-*' dumps: auto_dump_path */

    char *defaultEmulator;

    virDomainObjList *domains;
    qemuCapsCache *caps;
    GThreadPool *eventPool; /* monitor events, one at a time, in order */
} virQEMUDriver;

virQEMUDriver *qemuDriverNew(bool privileged);
void qemuDriverFree(virQEMUDriver *driver);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virQEMUDriver, qemuDriverFree);

/* Reads qemu.conf (a missing file is fine); keys not acted on are warned
 * about. */
int qemuDriverLoadConfig(virQEMUDriver *driver);
