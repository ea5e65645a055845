#include <string.h>

#include "driver.h"
#include "domain_event.h"

virDrvDomain *
virDrvDomainNew(const char *name, const unsigned char *uuid, int id)
{
    virDrvDomain *ref = g_new0(virDrvDomain, 1);

    ref->name = g_strdup(name);
    memcpy(ref->uuid, uuid, VIR_UUID_BUFLEN);
    ref->id = id;
    return ref;
}

void
virDrvDomainFree(virDrvDomain *ref)
{
    if (!ref)
        return;
    g_free(ref->name);
    g_free(ref);
}

virDrvSecret *
virDrvSecretNew(const unsigned char *uuid, int usageType, const char *usageID)
{
    virDrvSecret *ref = g_new0(virDrvSecret, 1);

    memcpy(ref->uuid, uuid, VIR_UUID_BUFLEN);
    ref->usageType = usageType;
    ref->usageID = g_strdup(usageID ? usageID : "");
    return ref;
}

void
virDrvSecretFree(virDrvSecret *ref)
{
    if (!ref)
        return;
    g_free(ref->usageID);
    g_free(ref);
}

static GMutex listenerLock;
static virDomainEventListener listener;
static void *listenerOpaque;

void
virDomainEventSetListener(virDomainEventListener func, void *opaque)
{
    g_mutex_lock(&listenerLock);
    listener = func;
    listenerOpaque = opaque;
    g_mutex_unlock(&listenerLock);
}

static void
virDomainEventEmit(const virDomainEvent *ev)
{
    g_mutex_lock(&listenerLock);
    if (listener)
        listener(ev, listenerOpaque);
    g_mutex_unlock(&listenerLock);
}

void
virDomainEventEmitLifecycle(const virDrvDomain *dom, int event, int detail)
{
    virDomainEvent ev = {
        .eventID = VIR_DOMAIN_EVENT_ID_LIFECYCLE,
        .dom = (virDrvDomain *)dom,
        .event = event,
        .detail = detail,
    };

    virDomainEventEmit(&ev);
}

void
virDomainEventEmitReboot(const virDrvDomain *dom)
{
    virDomainEvent ev = {
        .eventID = VIR_DOMAIN_EVENT_ID_REBOOT,
        .dom = (virDrvDomain *)dom,
    };

    virDomainEventEmit(&ev);
}
