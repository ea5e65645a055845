/* Domain, secret, network and storage pool event callbacks: registration per client, and
 * delivery of the drivers' events as MESSAGE packets tagged with the
 * callback id. */
#include "remote_dispatch.h"
#include "remote_client.h"

#include <string.h>

#include "domain_event.h"
#include "secret_event.h"
#include "network_event.h"
#include "storage_event.h"
#include "remote_protocol.h"
#include "remote_dispatch_gen.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.remote_events");

static virNetServer *eventServer;

/* ------------------------------------------------------------------ */
/* One path for every object family: a callback list per client, found
 * by its offset in virDaemonClient.                                   */

#define CALLBACKS(priv, offset) (*(GArray **)((char *)(priv) + (offset)))

/* Registers a callback; its id, or -1 with an error reported. served says
 * whether this connection's driver has the family at all. */
static int
remoteEventAdd(virNetServerClient *client, size_t offset, bool served, const char *api,
               int eventID, int lastID, const unsigned char *uuid)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    virDaemonEventCallback cb = { .eventID = eventID };
    GArray *list;

    g_mutex_lock(&priv->lock);
    if (!priv->conn) {
        g_mutex_unlock(&priv->lock);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s",
                           "hypervisor connection not open");
        return -1;
    }
    if (!served) {
        g_mutex_unlock(&priv->lock);
        return remoteUnsupported(api);
    }
    if (eventID < 0 || eventID >= lastID) {
        g_mutex_unlock(&priv->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "unsupported event ID %d", eventID);
        return -1;
    }
    list = CALLBACKS(priv, offset);
    /* A client cannot pile up callbacks without bound. */
    if (list->len >= 1024) {
        g_mutex_unlock(&priv->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "too many event callbacks registered");
        return -1;
    }
    cb.callbackID = priv->nextCallbackID++;
    if (uuid) {
        cb.filtered = true;
        memcpy(cb.uuid, uuid, VIR_UUID_BUFLEN);
    }
    g_array_append_val(list, cb);
    g_mutex_unlock(&priv->lock);
    return cb.callbackID;
}

static int
remoteEventRemove(virNetServerClient *client, size_t offset, int callbackID, const char *what)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    GArray *list;
    size_t i;

    g_mutex_lock(&priv->lock);
    list = CALLBACKS(priv, offset);
    for (i = 0; i < list->len; i++) {
        if (g_array_index(list, virDaemonEventCallback, i).callbackID == callbackID) {
            g_array_remove_index(list, i);
            g_mutex_unlock(&priv->lock);
            return 0;
        }
    }
    g_mutex_unlock(&priv->lock);
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s event callback %d not registered",
                   what, callbackID);
    return -1;
}

static virNetMessage *
remoteEventMessage(int proc, xdrproc_t filter, void *data)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();

    msg->header.prog = REMOTE_PROGRAM;
    msg->header.vers = REMOTE_PROTOCOL_VERSION;
    msg->header.proc = proc;
    msg->header.type = VIR_NET_MESSAGE;
    msg->header.serial = 1;     /* what libvirt sends; clients ignore it */
    msg->header.status = VIR_NET_OK;
    if (virNetMessageEncodeHeader(msg) < 0 ||
        virNetMessageEncodePayload(msg, filter, data) < 0)
        return NULL;
    return g_steal_pointer(&msg);
}

/* One event to deliver: which list, which id and object, and how a
 * family encodes it for one callback id. */
typedef struct {
    size_t offset;
    int eventID;
    const unsigned char *uuid;
    virNetMessage *(*encode)(int callbackID, const void *ev);
    const void *ev;
} remoteEventDelivery;

static void
remoteEventDeliver(virNetServerClient *client, void *opaque)
{
    const remoteEventDelivery *d = opaque;
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    GArray *list;
    size_t i;

    if (!priv)
        return;
    g_mutex_lock(&priv->lock);
    list = CALLBACKS(priv, d->offset);
    for (i = 0; i < list->len; i++) {
        virDaemonEventCallback *cb = &g_array_index(list, virDaemonEventCallback, i);
        virNetMessage *msg;

        if (cb->eventID != d->eventID ||
            (cb->filtered && memcmp(cb->uuid, d->uuid, VIR_UUID_BUFLEN) != 0))
            continue;
        if ((msg = d->encode(cb->callbackID, d->ev)))
            virNetServerClientSendMessage(client, msg);
    }
    g_mutex_unlock(&priv->lock);
}

/* ------------------------------------------------------------------ */
/* Domains                                                             */

int
remoteDispatchConnectDomainEventCallbackRegisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_domain_event_callback_register_any_args *args,
    remote_connect_domain_event_callback_register_any_ret *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    bool served;

    g_mutex_lock(&priv->lock);
    served = priv->conn && priv->conn->driver;
    g_mutex_unlock(&priv->lock);
    ret->callbackID = remoteEventAdd(client, offsetof(virDaemonClient, domainCallbacks), served,
                                     "connectDomainEventRegisterAny", args->eventID,
                                     VIR_DOMAIN_EVENT_ID_LAST,
                                     args->dom ? (unsigned char *)args->dom->uuid : NULL);
    return ret->callbackID < 0 ? -1 : 0;
}

int
remoteDispatchConnectDomainEventCallbackDeregisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_domain_event_callback_deregister_any_args *args, void *ret)
{
    return remoteEventRemove(client, offsetof(virDaemonClient, domainCallbacks),
                             args->callbackID, "domain");
}

static virNetMessage *
remoteDomainEventEncode(int callbackID, const void *opaque)
{
    const virDomainEvent *ev = opaque;
    remote_nonnull_domain dom = { .name = ev->dom->name, .id = ev->dom->id };

    memcpy(dom.uuid, ev->dom->uuid, VIR_UUID_BUFLEN);
    if (ev->eventID == VIR_DOMAIN_EVENT_ID_LIFECYCLE) {
        remote_domain_event_callback_lifecycle_msg data = {
            .callbackID = callbackID, .dom = dom, .event = ev->event, .detail = ev->detail,
        };
        return remoteEventMessage(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                                  (xdrproc_t)xdr_remote_domain_event_callback_lifecycle_msg,
                                  &data);
    }
    if (ev->eventID == VIR_DOMAIN_EVENT_ID_REBOOT) {
        remote_domain_event_callback_reboot_msg data = { .callbackID = callbackID, .dom = dom };

        return remoteEventMessage(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT,
                                  (xdrproc_t)xdr_remote_domain_event_callback_reboot_msg,
                                  &data);
    }
    if (ev->eventID == VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED) {
        remote_domain_event_callback_device_removed_msg data = {
            .callbackID = callbackID, .dom = dom, .devAlias = (char *)ev->devAlias,
        };

        return remoteEventMessage(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED,
                                  (xdrproc_t)xdr_remote_domain_event_callback_device_removed_msg,
                                  &data);
    }
    if (ev->eventID == VIR_DOMAIN_EVENT_ID_JOB_COMPLETED) {
        remote_domain_event_callback_job_completed_msg data = {
            .callbackID = callbackID, .dom = dom,
        };
        virNetMessage *msg;

        if (remoteTypedParamsToWire(ev->params, ev->nparams, REMOTE_DOMAIN_JOB_STATS_MAX,
                                    VIR_TYPED_PARAM_STRING_OKAY, &data.params.params_val,
                                    &data.params.params_len) < 0)
            return NULL;
        msg = remoteEventMessage(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_JOB_COMPLETED,
                                 (xdrproc_t)xdr_remote_domain_event_callback_job_completed_msg,
                                 &data);
        data.dom = (remote_nonnull_domain){ 0 };
        xdr_free((xdrproc_t)xdr_remote_domain_event_callback_job_completed_msg, (char *)&data);
        return msg;
    }
    return NULL;
}

static void
remoteEventListener(const virDomainEvent *ev, void *opaque)
{
    remoteEventDelivery d = {
        .offset = offsetof(virDaemonClient, domainCallbacks), .eventID = ev->eventID,
        .uuid = ev->dom->uuid, .encode = remoteDomainEventEncode, .ev = ev,
    };

    VIR_DEBUG("event %d for domain %s: %d/%d", ev->eventID, ev->dom->name,
              ev->event, ev->detail);
    if (eventServer)
        virNetServerForEachClient(eventServer, remoteEventDeliver, &d);
}

/* ------------------------------------------------------------------ */
/* Secrets                                                             */

int
remoteDispatchConnectSecretEventRegisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_secret_event_register_any_args *args,
    remote_connect_secret_event_register_any_ret *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    bool served;

    g_mutex_lock(&priv->lock);
    served = priv->conn && priv->conn->secretDriver;
    g_mutex_unlock(&priv->lock);
    ret->callbackID = remoteEventAdd(client, offsetof(virDaemonClient, secretCallbacks), served,
                                     "connectSecretEventRegisterAny", args->eventID,
                                     VIR_SECRET_EVENT_ID_LAST,
                                     args->secret ? (unsigned char *)args->secret->uuid : NULL);
    return ret->callbackID < 0 ? -1 : 0;
}

int
remoteDispatchConnectSecretEventDeregisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_secret_event_deregister_any_args *args, void *ret)
{
    return remoteEventRemove(client, offsetof(virDaemonClient, secretCallbacks),
                             args->callbackID, "secret");
}

static virNetMessage *
remoteSecretEventEncode(int callbackID, const void *opaque)
{
    const virSecretEvent *ev = opaque;
    remote_nonnull_secret secret = {
        .usageType = ev->secret->usageType, .usageID = ev->secret->usageID,
    };

    memcpy(secret.uuid, ev->secret->uuid, VIR_UUID_BUFLEN);
    if (ev->eventID == VIR_SECRET_EVENT_ID_LIFECYCLE) {
        remote_secret_event_lifecycle_msg data = {
            .callbackID = callbackID, .secret = secret, .event = ev->event,
            .detail = ev->detail,
        };
        return remoteEventMessage(REMOTE_PROC_SECRET_EVENT_LIFECYCLE,
                                  (xdrproc_t)xdr_remote_secret_event_lifecycle_msg, &data);
    }
    if (ev->eventID == VIR_SECRET_EVENT_ID_VALUE_CHANGED) {
        remote_secret_event_value_changed_msg data = {
            .callbackID = callbackID, .secret = secret,
        };
        return remoteEventMessage(REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED,
                                  (xdrproc_t)xdr_remote_secret_event_value_changed_msg, &data);
    }
    return NULL;
}

static void
remoteSecretEventListener(const virSecretEvent *ev, void *opaque)
{
    remoteEventDelivery d = {
        .offset = offsetof(virDaemonClient, secretCallbacks), .eventID = ev->eventID,
        .uuid = ev->secret->uuid, .encode = remoteSecretEventEncode, .ev = ev,
    };

    VIR_DEBUG("event %d for secret %s: %d/%d", ev->eventID, ev->secret->usageID,
              ev->event, ev->detail);
    if (eventServer)
        virNetServerForEachClient(eventServer, remoteEventDeliver, &d);
}

/* ------------------------------------------------------------------ */
/* Networks                                                            */

int
remoteDispatchConnectNetworkEventRegisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_network_event_register_any_args *args,
    remote_connect_network_event_register_any_ret *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    bool served;

    g_mutex_lock(&priv->lock);
    served = priv->conn && priv->conn->networkDriver;
    g_mutex_unlock(&priv->lock);
    ret->callbackID = remoteEventAdd(client, offsetof(virDaemonClient, networkCallbacks), served,
                                     "connectNetworkEventRegisterAny", args->eventID,
                                     VIR_NETWORK_EVENT_ID_LAST,
                                     args->net ? (unsigned char *)args->net->uuid : NULL);
    return ret->callbackID < 0 ? -1 : 0;
}

int
remoteDispatchConnectNetworkEventDeregisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_network_event_deregister_any_args *args, void *ret)
{
    return remoteEventRemove(client, offsetof(virDaemonClient, networkCallbacks),
                             args->callbackID, "network");
}

static virNetMessage *
remoteNetworkEventEncode(int callbackID, const void *opaque)
{
    const virNetworkEvent *ev = opaque;
    remote_network_event_lifecycle_msg data = {
        .callbackID = callbackID, .net = { .name = ev->net->name },
        .event = ev->event, .detail = ev->detail,
    };

    if (ev->eventID != VIR_NETWORK_EVENT_ID_LIFECYCLE)
        return NULL;
    memcpy(data.net.uuid, ev->net->uuid, VIR_UUID_BUFLEN);
    return remoteEventMessage(REMOTE_PROC_NETWORK_EVENT_LIFECYCLE,
                              (xdrproc_t)xdr_remote_network_event_lifecycle_msg, &data);
}

static void
remoteNetworkEventListener(const virNetworkEvent *ev, void *opaque)
{
    remoteEventDelivery d = {
        .offset = offsetof(virDaemonClient, networkCallbacks), .eventID = ev->eventID,
        .uuid = ev->net->uuid, .encode = remoteNetworkEventEncode, .ev = ev,
    };

    VIR_DEBUG("event %d for network %s: %d/%d", ev->eventID, ev->net->name,
              ev->event, ev->detail);
    if (eventServer)
        virNetServerForEachClient(eventServer, remoteEventDeliver, &d);
}

/* ------------------------------------------------------------------ */
/* Storage pools                                                       */

int
remoteDispatchConnectStoragePoolEventRegisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_storage_pool_event_register_any_args *args,
    remote_connect_storage_pool_event_register_any_ret *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    bool served;

    g_mutex_lock(&priv->lock);
    served = priv->conn && priv->conn->storageDriver;
    g_mutex_unlock(&priv->lock);
    ret->callbackID = remoteEventAdd(client, offsetof(virDaemonClient, storageCallbacks), served,
                                     "connectStoragePoolEventRegisterAny", args->eventID,
                                     VIR_STORAGE_POOL_EVENT_ID_LAST,
                                     args->pool ? (unsigned char *)args->pool->uuid : NULL);
    return ret->callbackID < 0 ? -1 : 0;
}

int
remoteDispatchConnectStoragePoolEventDeregisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_storage_pool_event_deregister_any_args *args, void *ret)
{
    return remoteEventRemove(client, offsetof(virDaemonClient, storageCallbacks),
                             args->callbackID, "storage pool");
}

static virNetMessage *
remoteStoragePoolEventEncode(int callbackID, const void *opaque)
{
    const virStoragePoolEvent *ev = opaque;
    remote_nonnull_storage_pool pool = { .name = ev->pool->name };

    memcpy(pool.uuid, ev->pool->uuid, VIR_UUID_BUFLEN);
    if (ev->eventID == VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE) {
        remote_storage_pool_event_lifecycle_msg data = {
            .callbackID = callbackID, .pool = pool, .event = ev->event, .detail = ev->detail,
        };
        return remoteEventMessage(REMOTE_PROC_STORAGE_POOL_EVENT_LIFECYCLE,
                                  (xdrproc_t)xdr_remote_storage_pool_event_lifecycle_msg,
                                  &data);
    }
    if (ev->eventID == VIR_STORAGE_POOL_EVENT_ID_REFRESH) {
        remote_storage_pool_event_refresh_msg data = { .callbackID = callbackID, .pool = pool };

        return remoteEventMessage(REMOTE_PROC_STORAGE_POOL_EVENT_REFRESH,
                                  (xdrproc_t)xdr_remote_storage_pool_event_refresh_msg, &data);
    }
    return NULL;
}

static void
remoteStoragePoolEventListener(const virStoragePoolEvent *ev, void *opaque)
{
    remoteEventDelivery d = {
        .offset = offsetof(virDaemonClient, storageCallbacks), .eventID = ev->eventID,
        .uuid = ev->pool->uuid, .encode = remoteStoragePoolEventEncode, .ev = ev,
    };

    VIR_DEBUG("event %d for storage pool %s: %d/%d", ev->eventID, ev->pool->name,
              ev->event, ev->detail);
    if (eventServer)
        virNetServerForEachClient(eventServer, remoteEventDeliver, &d);
}

void
remoteEventsInit(virNetServer *srv)
{
    eventServer = srv;
    virDomainEventSetListener(remoteEventListener, NULL);
    virSecretEventSetListener(remoteSecretEventListener, NULL);
    virNetworkEventSetListener(remoteNetworkEventListener, NULL);
    virStoragePoolEventSetListener(remoteStoragePoolEventListener, NULL);
}
