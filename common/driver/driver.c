#include <string.h>

#include "driver.h"

#include "virtypedparam.h"
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

void
virDrvDomainStatsRecordFree(virDrvDomainStatsRecord *rec)
{
    if (!rec)
        return;
    virDrvDomainFree(rec->dom);
    virTypedParamsFreeArray(rec->params, rec->nparams);
    g_free(rec);
}

void
virDrvDomainInterfaceFree(virDomainInterface *iface)
{
    unsigned int i;

    if (!iface)
        return;
    for (i = 0; i < iface->naddrs; i++)
        g_free(iface->addrs[i].addr);
    g_free(iface->addrs);
    g_free(iface->name);
    g_free(iface->hwaddr);
    g_free(iface);
}

virDrvNetwork *
virDrvNetworkNew(const char *name, const unsigned char *uuid)
{
    virDrvNetwork *ref = g_new0(virDrvNetwork, 1);

    ref->name = g_strdup(name);
    memcpy(ref->uuid, uuid, VIR_UUID_BUFLEN);
    return ref;
}

void
virDrvNetworkFree(virDrvNetwork *ref)
{
    if (!ref)
        return;
    g_free(ref->name);
    g_free(ref);
}

virDrvNetworkPort *
virDrvNetworkPortNew(const char *netname, const unsigned char *netuuid,
                     const unsigned char *uuid)
{
    virDrvNetworkPort *ref = g_new0(virDrvNetworkPort, 1);

    ref->net = virDrvNetworkNew(netname, netuuid);
    memcpy(ref->uuid, uuid, VIR_UUID_BUFLEN);
    return ref;
}

void
virDrvNetworkPortFree(virDrvNetworkPort *ref)
{
    if (!ref)
        return;
    virDrvNetworkFree(ref->net);
    g_free(ref);
}

void
virDrvNetworkDHCPLeaseFree(virNetworkDHCPLease *lease)
{
    if (!lease)
        return;
    g_free(lease->iface);
    g_free(lease->mac);
    g_free(lease->iaid);
    g_free(lease->ipaddr);
    g_free(lease->hostname);
    g_free(lease->clientid);
    g_free(lease);
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

void
virDomainEventEmitDeviceRemoved(const virDrvDomain *dom, const char *devAlias)
{
    virDomainEvent ev = {
        .eventID = VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
        .dom = (virDrvDomain *)dom,
        .devAlias = devAlias,
    };

    virDomainEventEmit(&ev);
}

void
virDomainEventEmitJobCompleted(const virDrvDomain *dom, virTypedParameter *params, int nparams)
{
    virDomainEvent ev = {
        .eventID = VIR_DOMAIN_EVENT_ID_JOB_COMPLETED,
        .dom = (virDrvDomain *)dom,
        .params = params,
        .nparams = nparams,
    };

    virDomainEventEmit(&ev);
}

virDrvStoragePool *
virDrvStoragePoolNew(const char *name, const unsigned char *uuid)
{
    virDrvStoragePool *ref = g_new0(virDrvStoragePool, 1);

    ref->name = g_strdup(name);
    memcpy(ref->uuid, uuid, VIR_UUID_BUFLEN);
    return ref;
}

void
virDrvStoragePoolFree(virDrvStoragePool *ref)
{
    if (!ref)
        return;
    g_free(ref->name);
    g_free(ref);
}

virDrvStorageVol *
virDrvStorageVolNew(const char *pool, const char *name, const char *key)
{
    virDrvStorageVol *ref = g_new0(virDrvStorageVol, 1);

    ref->pool = g_strdup(pool);
    ref->name = g_strdup(name);
    ref->key = g_strdup(key);
    return ref;
}

void
virDrvStorageVolFree(virDrvStorageVol *ref)
{
    if (!ref)
        return;
    g_free(ref->pool);
    g_free(ref->name);
    g_free(ref->key);
    g_free(ref);
}
