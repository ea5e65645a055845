/* Secret events: the secret driver emits them, the daemon delivers them to
 * every client that registered a matching callback. One bus per process;
 * the daemon subscribes once at start-up (as for domain events). */
#pragma once

#include "internal.h"

#include "driver.h"

/* Event ids and life-cycle events are libvirt's public enums. */

typedef struct {
    int eventID;            /* virSecretEventID */
    virDrvSecret *secret;
    int event;              /* lifecycle only */
    int detail;
} virSecretEvent;

typedef void (*virSecretEventListener)(const virSecretEvent *ev, void *opaque);

void virSecretEventSetListener(virSecretEventListener func, void *opaque);
/* Each delivers the event to the listener before returning. Any thread;
 * call them without holding an object lock. */
void virSecretEventEmitLifecycle(const virDrvSecret *secret, int event, int detail);
void virSecretEventEmitValueChanged(const virDrvSecret *secret);
