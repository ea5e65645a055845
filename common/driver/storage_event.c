#include "storage_event.h"

static GMutex listenerLock;
static virStoragePoolEventListener listener;
static void *listenerOpaque;

void
virStoragePoolEventSetListener(virStoragePoolEventListener func, void *opaque)
{
    g_mutex_lock(&listenerLock);
    listener = func;
    listenerOpaque = opaque;
    g_mutex_unlock(&listenerLock);
}

static void
virStoragePoolEventEmit(int eventID, const char *name, const unsigned char *uuid,
                        int event, int detail)
{
    g_autoptr(virDrvStoragePool) pool = virDrvStoragePoolNew(name, uuid);
    virStoragePoolEvent ev = {
        .eventID = eventID,
        .pool = pool,
        .event = event,
        .detail = detail,
    };

    g_mutex_lock(&listenerLock);
    if (listener)
        listener(&ev, listenerOpaque);
    g_mutex_unlock(&listenerLock);
}

void
virStoragePoolEventEmitLifecycle(const char *name, const unsigned char *uuid,
                                 int event, int detail)
{
    virStoragePoolEventEmit(VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, name, uuid, event, detail);
}

void
virStoragePoolEventEmitRefresh(const char *name, const unsigned char *uuid)
{
    virStoragePoolEventEmit(VIR_STORAGE_POOL_EVENT_ID_REFRESH, name, uuid, 0, 0);
}
