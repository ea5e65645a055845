/* Domain events: drivers emit them, the daemon delivers them to every
 * client that registered a matching callback. One bus per process; the
 * daemon subscribes once at start-up. */
#pragma once

#include "internal.h"

#include "driver.h"

/* Event ids, types and details are libvirt's public enums. */

typedef struct {
    int eventID;
    virDrvDomain *dom;
    int event;      /* lifecycle only */
    int detail;
    const char *devAlias;           /* device-removed only */
    virTypedParameter *params;      /* job-completed only */
    int nparams;
} virDomainEvent;

typedef void (*virDomainEventListener)(const virDomainEvent *ev, void *opaque);

void virDomainEventSetListener(virDomainEventListener func, void *opaque);
/* Emits a lifecycle event for dom (copied). Any thread. */
void virDomainEventEmitLifecycle(const virDrvDomain *dom, int event, int detail);
void virDomainEventEmitReboot(const virDrvDomain *dom);
/* The guest let go of the device with this alias (QEMU's DEVICE_DELETED). */
void virDomainEventEmitDeviceRemoved(const virDrvDomain *dom, const char *devAlias);
/* A job (save, dump, snapshot...) ended; params are its final statistics
 * as virDomainGetJobStats reports them (borrowed). */
void virDomainEventEmitJobCompleted(const virDrvDomain *dom, virTypedParameter *params,
                                    int nparams);
