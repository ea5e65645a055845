/* Network events: the network driver emits them, the daemon delivers them
 * to every client that registered a matching callback (as secret_event.h). */
#pragma once

#include "internal.h"

#include "driver.h"

typedef struct {
    int eventID;            /* virNetworkEventID */
    virDrvNetwork *net;
    int event;              /* virNetworkEventLifecycleType */
    int detail;
} virNetworkEvent;

typedef void (*virNetworkEventListener)(const virNetworkEvent *ev, void *opaque);

void virNetworkEventSetListener(virNetworkEventListener func, void *opaque);
/* Delivers the event to the listener before returning. Any thread; call
 * it without holding an object lock. */
void virNetworkEventEmitLifecycle(const char *name, const unsigned char *uuid, int event);
