/* Domain and secret event callbacks: registration per client, and
 * delivery of the drivers' events as MESSAGE packets tagged with the
 * callback id. */
#include "remote_dispatch.h"
#include "remote_client.h"

#include <string.h>

#include "domain_event.h"
#include "secret_event.h"
#include "remote_protocol.h"
#include "remote_dispatch_gen.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.remote_events");

static virNetServer *eventServer;

int
remoteDispatchConnectDomainEventCallbackRegisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_domain_event_callback_register_any_args *args,
    remote_connect_domain_event_callback_register_any_ret *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    virDaemonEventCallback cb = { 0 };

    g_mutex_lock(&priv->lock);
    if (!priv->conn) {
        g_mutex_unlock(&priv->lock);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s",
                           "hypervisor connection not open");
        return -1;
    }
    if (!priv->conn->driver) {
        g_mutex_unlock(&priv->lock);
        return remoteUnsupported("connectDomainEventRegisterAny");
    }
    if (args->eventID < 0 || args->eventID >= VIR_DOMAIN_EVENT_ID_LAST) {
        g_mutex_unlock(&priv->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "unsupported event ID %d", args->eventID);
        return -1;
    }
    /* A client cannot pile up callbacks without bound. */
    if (priv->domainCallbacks->len >= 1024) {
        g_mutex_unlock(&priv->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "too many event callbacks registered");
        return -1;
    }
    cb.callbackID = priv->nextCallbackID++;
    cb.eventID = args->eventID;
    if (args->dom) {
        cb.filtered = true;
        memcpy(cb.uuid, args->dom->uuid, VIR_UUID_BUFLEN);
    }
    g_array_append_val(priv->domainCallbacks, cb);
    g_mutex_unlock(&priv->lock);

    ret->callbackID = cb.callbackID;
    return 0;
}

int
remoteDispatchConnectDomainEventCallbackDeregisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_domain_event_callback_deregister_any_args *args, void *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    size_t i;

    g_mutex_lock(&priv->lock);
    for (i = 0; i < priv->domainCallbacks->len; i++) {
        virDaemonEventCallback *cb = &g_array_index(priv->domainCallbacks,
                                                    virDaemonEventCallback, i);

        if (cb->callbackID == args->callbackID) {
            g_array_remove_index(priv->domainCallbacks, i);
            g_mutex_unlock(&priv->lock);
            return 0;
        }
    }
    g_mutex_unlock(&priv->lock);
    virReportError(VIR_ERR_INTERNAL_ERROR, "domain event callback %d not registered",
                   args->callbackID);
    return -1;
}

int
remoteDispatchConnectSecretEventRegisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_secret_event_register_any_args *args,
    remote_connect_secret_event_register_any_ret *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    virDaemonEventCallback cb = { 0 };

    g_mutex_lock(&priv->lock);
    if (!priv->conn) {
        g_mutex_unlock(&priv->lock);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s",
                           "hypervisor connection not open");
        return -1;
    }
    if (!priv->conn->secretDriver) {
        g_mutex_unlock(&priv->lock);
        return remoteUnsupported("connectSecretEventRegisterAny");
    }
    if (args->eventID < 0 || args->eventID >= VIR_SECRET_EVENT_ID_LAST) {
        g_mutex_unlock(&priv->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "unsupported secret event ID %d",
                       args->eventID);
        return -1;
    }
    if (priv->secretCallbacks->len >= 1024) {
        g_mutex_unlock(&priv->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "too many event callbacks registered");
        return -1;
    }
    cb.callbackID = priv->nextCallbackID++;
    cb.eventID = args->eventID;
    if (args->secret) {
        cb.filtered = true;
        memcpy(cb.uuid, args->secret->uuid, VIR_UUID_BUFLEN);
    }
    g_array_append_val(priv->secretCallbacks, cb);
    g_mutex_unlock(&priv->lock);

    ret->callbackID = cb.callbackID;
    return 0;
}

int
remoteDispatchConnectSecretEventDeregisterAny(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_secret_event_deregister_any_args *args, void *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    size_t i;

    g_mutex_lock(&priv->lock);
    for (i = 0; i < priv->secretCallbacks->len; i++) {
        virDaemonEventCallback *cb = &g_array_index(priv->secretCallbacks,
                                                    virDaemonEventCallback, i);

        if (cb->callbackID == args->callbackID) {
            g_array_remove_index(priv->secretCallbacks, i);
            g_mutex_unlock(&priv->lock);
            return 0;
        }
    }
    g_mutex_unlock(&priv->lock);
    virReportError(VIR_ERR_INTERNAL_ERROR, "secret event callback %d not registered",
                   args->callbackID);
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

static void
remoteEventDeliver(virNetServerClient *client, void *opaque)
{
    const virDomainEvent *ev = opaque;
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    remote_nonnull_domain dom = {
        .name = ev->dom->name,
        .id = ev->dom->id,
    };
    size_t i;

    if (!priv)
        return;
    memcpy(dom.uuid, ev->dom->uuid, VIR_UUID_BUFLEN);

    g_mutex_lock(&priv->lock);
    for (i = 0; i < priv->domainCallbacks->len; i++) {
        virDaemonEventCallback *cb = &g_array_index(priv->domainCallbacks,
                                                    virDaemonEventCallback, i);
        virNetMessage *msg = NULL;

        if (cb->eventID != ev->eventID)
            continue;
        if (cb->filtered && memcmp(cb->uuid, ev->dom->uuid, VIR_UUID_BUFLEN) != 0)
            continue;

        if (ev->eventID == VIR_DOMAIN_EVENT_ID_LIFECYCLE) {
            remote_domain_event_callback_lifecycle_msg data = {
                .callbackID = cb->callbackID, .dom = dom,
                .event = ev->event, .detail = ev->detail,
            };
            msg = remoteEventMessage(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                                     (xdrproc_t)xdr_remote_domain_event_callback_lifecycle_msg,
                                     &data);
        } else if (ev->eventID == VIR_DOMAIN_EVENT_ID_REBOOT) {
            remote_domain_event_callback_reboot_msg data = {
                .callbackID = cb->callbackID, .dom = dom,
            };
            msg = remoteEventMessage(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT,
                                     (xdrproc_t)xdr_remote_domain_event_callback_reboot_msg,
                                     &data);
        }
        if (msg)
            virNetServerClientSendMessage(client, msg);
    }
    g_mutex_unlock(&priv->lock);
}

static void
remoteEventListener(const virDomainEvent *ev, void *opaque)
{
    VIR_DEBUG("event %d for domain %s: %d/%d", ev->eventID, ev->dom->name,
              ev->event, ev->detail);
    if (eventServer)
        virNetServerForEachClient(eventServer, remoteEventDeliver, (void *)ev);
}

static void
remoteSecretEventDeliver(virNetServerClient *client, void *opaque)
{
    const virSecretEvent *ev = opaque;
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    remote_nonnull_secret secret = {
        .usageType = ev->secret->usageType,
        .usageID = ev->secret->usageID,
    };
    size_t i;

    if (!priv)
        return;
    memcpy(secret.uuid, ev->secret->uuid, VIR_UUID_BUFLEN);

    g_mutex_lock(&priv->lock);
    for (i = 0; i < priv->secretCallbacks->len; i++) {
        virDaemonEventCallback *cb = &g_array_index(priv->secretCallbacks,
                                                    virDaemonEventCallback, i);
        virNetMessage *msg = NULL;

        if (cb->eventID != ev->eventID)
            continue;
        if (cb->filtered && memcmp(cb->uuid, ev->secret->uuid, VIR_UUID_BUFLEN) != 0)
            continue;

        if (ev->eventID == VIR_SECRET_EVENT_ID_LIFECYCLE) {
            remote_secret_event_lifecycle_msg data = {
                .callbackID = cb->callbackID, .secret = secret,
                .event = ev->event, .detail = ev->detail,
            };
            msg = remoteEventMessage(REMOTE_PROC_SECRET_EVENT_LIFECYCLE,
                                     (xdrproc_t)xdr_remote_secret_event_lifecycle_msg,
                                     &data);
        } else if (ev->eventID == VIR_SECRET_EVENT_ID_VALUE_CHANGED) {
            remote_secret_event_value_changed_msg data = {
                .callbackID = cb->callbackID, .secret = secret,
            };
            msg = remoteEventMessage(REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED,
                                     (xdrproc_t)xdr_remote_secret_event_value_changed_msg,
                                     &data);
        }
        if (msg)
            virNetServerClientSendMessage(client, msg);
    }
    g_mutex_unlock(&priv->lock);
}

static void
remoteSecretEventListener(const virSecretEvent *ev, void *opaque)
{
    VIR_DEBUG("event %d for secret %s: %d/%d", ev->eventID, ev->secret->usageID,
              ev->event, ev->detail);
    if (eventServer)
        virNetServerForEachClient(eventServer, remoteSecretEventDeliver, (void *)ev);
}

void
remoteEventsInit(virNetServer *srv)
{
    eventServer = srv;
    virDomainEventSetListener(remoteEventListener, NULL);
    virSecretEventSetListener(remoteSecretEventListener, NULL);
}
