#include <string.h>

#include "driver.h"
#include "domain_event.h"

virDomainRef *
virDomainRefNew(const char *name, const unsigned char *uuid, int id)
{
    virDomainRef *ref = g_new0(virDomainRef, 1);

    ref->name = g_strdup(name);
    memcpy(ref->uuid, uuid, VIR_UUID_BUFLEN);
    ref->id = id;
    return ref;
}

void
virDomainRefFree(virDomainRef *ref)
{
    if (!ref)
        return;
    g_free(ref->name);
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
virDomainEventEmitLifecycle(const virDomainRef *dom, int event, int detail)
{
    virDomainEvent ev = {
        .eventID = VIR_DOMAIN_EVENT_ID_LIFECYCLE,
        .dom = (virDomainRef *)dom,
        .event = event,
        .detail = detail,
    };

    virDomainEventEmit(&ev);
}

void
virDomainEventEmitReboot(const virDomainRef *dom)
{
    virDomainEvent ev = {
        .eventID = VIR_DOMAIN_EVENT_ID_REBOOT,
        .dom = (virDomainRef *)dom,
    };

    virDomainEventEmit(&ev);
}
