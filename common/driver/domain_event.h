/* Domain events: drivers emit them, the daemon delivers them to every
 * client that registered a matching callback. One bus per process; the
 * daemon subscribes once at start-up. */
#pragma once

#include "internal.h"

#include "driver.h"

typedef enum {
    VIR_DOMAIN_EVENT_ID_LIFECYCLE = 0,
    VIR_DOMAIN_EVENT_ID_REBOOT = 1,
    VIR_DOMAIN_EVENT_ID_LAST = 27,      /* the ids libvirt 9.0 knows */
} virDomainEventID;

typedef enum {
    VIR_DOMAIN_EVENT_DEFINED = 0,
    VIR_DOMAIN_EVENT_UNDEFINED = 1,
    VIR_DOMAIN_EVENT_STARTED = 2,
    VIR_DOMAIN_EVENT_SUSPENDED = 3,
    VIR_DOMAIN_EVENT_RESUMED = 4,
    VIR_DOMAIN_EVENT_STOPPED = 5,
    VIR_DOMAIN_EVENT_SHUTDOWN = 6,
    VIR_DOMAIN_EVENT_PMSUSPENDED = 7,
    VIR_DOMAIN_EVENT_CRASHED = 8,
} virDomainEventType;

/* Details (libvirt's numbering within each type). */
enum { VIR_DOMAIN_EVENT_DEFINED_ADDED = 0, VIR_DOMAIN_EVENT_DEFINED_UPDATED = 1 };
enum { VIR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0 };
enum { VIR_DOMAIN_EVENT_STARTED_BOOTED = 0 };
enum { VIR_DOMAIN_EVENT_SUSPENDED_PAUSED = 0 };
enum { VIR_DOMAIN_EVENT_RESUMED_UNPAUSED = 0 };
enum {
    VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN = 0,
    VIR_DOMAIN_EVENT_STOPPED_DESTROYED = 1,
    VIR_DOMAIN_EVENT_STOPPED_CRASHED = 2,
    VIR_DOMAIN_EVENT_STOPPED_FAILED = 5,
};
enum {
    VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED = 0,
    VIR_DOMAIN_EVENT_SHUTDOWN_GUEST = 1,
    VIR_DOMAIN_EVENT_SHUTDOWN_HOST = 2,
};

typedef struct {
    int eventID;
    virDomainRef *dom;
    int event;      /* lifecycle only */
    int detail;
} virDomainEvent;

typedef void (*virDomainEventListener)(const virDomainEvent *ev, void *opaque);

void virDomainEventSetListener(virDomainEventListener func, void *opaque);
/* Emits a lifecycle event for dom (copied). Any thread. */
void virDomainEventEmitLifecycle(const virDomainRef *dom, int event, int detail);
void virDomainEventEmitReboot(const virDomainRef *dom);
