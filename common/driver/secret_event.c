#include "secret_event.h"

static GMutex listenerLock;
static virSecretEventListener listener;
static void *listenerOpaque;

void
virSecretEventSetListener(virSecretEventListener func, void *opaque)
{
    g_mutex_lock(&listenerLock);
    listener = func;
    listenerOpaque = opaque;
    g_mutex_unlock(&listenerLock);
}

static void
virSecretEventEmit(const virSecretEvent *ev)
{
    g_mutex_lock(&listenerLock);
    if (listener)
        listener(ev, listenerOpaque);
    g_mutex_unlock(&listenerLock);
}

void
virSecretEventEmitLifecycle(const virDrvSecret *secret, int event, int detail)
{
    virSecretEvent ev = {
        .eventID = VIR_SECRET_EVENT_ID_LIFECYCLE,
        .secret = (virDrvSecret *)secret,
        .event = event,
        .detail = detail,
    };

    virSecretEventEmit(&ev);
}

void
virSecretEventEmitValueChanged(const virDrvSecret *secret)
{
    virSecretEvent ev = {
        .eventID = VIR_SECRET_EVENT_ID_VALUE_CHANGED,
        .secret = (virDrvSecret *)secret,
    };

    virSecretEventEmit(&ev);
}
