#include "network_event.h"

static GMutex listenerLock;
static virNetworkEventListener listener;
static void *listenerOpaque;

void
virNetworkEventSetListener(virNetworkEventListener func, void *opaque)
{
    g_mutex_lock(&listenerLock);
    listener = func;
    listenerOpaque = opaque;
    g_mutex_unlock(&listenerLock);
}

void
virNetworkEventEmitLifecycle(const char *name, const unsigned char *uuid, int event)
{
    g_autoptr(virDrvNetwork) net = virDrvNetworkNew(name, uuid);
    virNetworkEvent ev = {
        .eventID = VIR_NETWORK_EVENT_ID_LIFECYCLE,
        .net = net,
        .event = event,
    };

    g_mutex_lock(&listenerLock);
    if (listener)
        listener(&ev, listenerOpaque);
    g_mutex_unlock(&listenerLock);
}
