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
} virDomainEvent;

typedef void (*virDomainEventListener)(const virDomainEvent *ev, void *opaque);

void virDomainEventSetListener(virDomainEventListener func, void *opaque);
/* Emits a lifecycle event for dom (copied). Any thread. */
void virDomainEventEmitLifecycle(const virDrvDomain *dom, int event, int detail);
void virDomainEventEmitReboot(const virDrvDomain *dom);
