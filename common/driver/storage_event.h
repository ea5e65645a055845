/* Storage pool events: the storage driver emits them, the daemon delivers
 * them to every client that registered a matching callback (as
 * network_event.h). */
#pragma once

#include "internal.h"

#include "driver.h"

typedef struct {
    int eventID;            /* virStoragePoolEventID */
    virDrvStoragePool *pool;
    int event;              /* virStoragePoolEventLifecycleType (lifecycle only) */
    int detail;
} virStoragePoolEvent;

typedef void (*virStoragePoolEventListener)(const virStoragePoolEvent *ev, void *opaque);

void virStoragePoolEventSetListener(virStoragePoolEventListener func, void *opaque);
/* Each delivers the event to the listener before returning. Any thread;
 * call them without holding an object lock. */
void virStoragePoolEventEmitLifecycle(const char *name, const unsigned char *uuid,
                                      int event, int detail);
void virStoragePoolEventEmitRefresh(const char *name, const unsigned char *uuid);
