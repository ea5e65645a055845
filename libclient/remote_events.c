/* Domain and secret events on the client: registration with the daemon,
 * decoding on the RPC reader thread, and delivery from the application's
 * event loop through a timer that fires when something is queued. */
#include "remote_call.h"

#include <string.h>

#include "event_impl.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_EVENT

VIR_LOG_INIT("libclient.events");

typedef struct {
    bool isSecret;              /* a secret event, else a domain one */
    int callbackID;
    int eventID;
    remote_nonnull_domain dom;  /* owned copy (domain events) */
    remote_nonnull_secret secret;   /* owned copy (secret events) */
    int event;
    int detail;
} remotePendingEvent;

static void
remotePendingEventFree(remotePendingEvent *ev)
{
    xdr_free((xdrproc_t)xdr_remote_nonnull_domain, (char *)&ev->dom);
    xdr_free((xdrproc_t)xdr_remote_nonnull_secret, (char *)&ev->secret);
    g_free(ev);
}

/* The application's callback for a domain event, called without locks. */
static void
remoteEventsDispatchDomain(virConnectPtr conn, remotePendingEvent *ev)
{
    virConnectDomainCallback cb = { 0 };
    virDomainPtr dom;
    bool found = false;
    size_t i;

    g_mutex_lock(&conn->lock);
    for (i = 0; i < conn->domainCallbacks->len; i++) {
        virConnectDomainCallback *c = &g_array_index(conn->domainCallbacks,
                                                     virConnectDomainCallback, i);

        if (c->callbackID == ev->callbackID) {
            cb = *c;
            found = true;
        }
    }
    g_mutex_unlock(&conn->lock);
    if (!found)
        return;
    dom = remoteDomainFromWire(conn, &ev->dom);
    if (ev->eventID == VIR_DOMAIN_EVENT_ID_LIFECYCLE)
        ((virConnectDomainEventCallback)cb.cb)(conn, dom, ev->event, ev->detail, cb.opaque);
    else if (ev->eventID == VIR_DOMAIN_EVENT_ID_REBOOT)
        ((virConnectDomainEventGenericCallback)cb.cb)(conn, dom, cb.opaque);
    virDomainFree(dom);
}

/* The same for a secret event. */
static void
remoteEventsDispatchSecret(virConnectPtr conn, remotePendingEvent *ev)
{
    virConnectSecretCallback cb = { 0 };
    virSecretPtr secret;
    bool found = false;
    size_t i;

    g_mutex_lock(&conn->lock);
    for (i = 0; i < conn->secretCallbacks->len; i++) {
        virConnectSecretCallback *c = &g_array_index(conn->secretCallbacks,
                                                     virConnectSecretCallback, i);

        if (c->callbackID == ev->callbackID) {
            cb = *c;
            found = true;
        }
    }
    g_mutex_unlock(&conn->lock);
    if (!found)
        return;
    secret = remoteSecretFromWire(conn, &ev->secret);
    if (ev->eventID == VIR_SECRET_EVENT_ID_LIFECYCLE)
        ((virConnectSecretEventLifecycleCallback)cb.cb)(conn, secret, ev->event, ev->detail,
                                                        cb.opaque);
    else if (ev->eventID == VIR_SECRET_EVENT_ID_VALUE_CHANGED)
        cb.cb(conn, secret, cb.opaque);
    virSecretFree(secret);
}

static void
remoteEventsFlush(int timer, void *opaque)
{
    virConnectPtr conn = opaque;
    remotePendingEvent *ev;

    virEventUpdateTimeout(timer, -1);
    for (;;) {
        g_mutex_lock(&conn->lock);
        ev = g_queue_pop_head(conn->pendingEvents);
        g_mutex_unlock(&conn->lock);
        if (!ev)
            break;
        if (ev->isSecret)
            remoteEventsDispatchSecret(conn, ev);
        else
            remoteEventsDispatchDomain(conn, ev);
        remotePendingEventFree(ev);
    }
}

/* On the reader thread: decode, queue, poke the application's loop. */
static void
remoteEventReceived(virNetClient *client, virNetMessage *msg, void *opaque)
{
    virConnectPtr conn = opaque;
    remotePendingEvent *ev = g_new0(remotePendingEvent, 1);
    int timer;

    if (msg->header.prog != REMOTE_PROGRAM)
        goto drop;
    if (msg->header.proc == REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE) {
        remote_domain_event_callback_lifecycle_msg data = { 0 };

        if (virNetMessageDecodePayload(msg,
                (xdrproc_t)xdr_remote_domain_event_callback_lifecycle_msg, &data) < 0)
            goto drop;
        ev->eventID = VIR_DOMAIN_EVENT_ID_LIFECYCLE;
        ev->callbackID = data.callbackID;
        ev->dom = data.dom;     /* taken over */
        ev->event = data.event;
        ev->detail = data.detail;
    } else if (msg->header.proc == REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT) {
        remote_domain_event_callback_reboot_msg data = { 0 };

        if (virNetMessageDecodePayload(msg,
                (xdrproc_t)xdr_remote_domain_event_callback_reboot_msg, &data) < 0)
            goto drop;
        ev->eventID = VIR_DOMAIN_EVENT_ID_REBOOT;
        ev->callbackID = data.callbackID;
        ev->dom = data.dom;
    } else if (msg->header.proc == REMOTE_PROC_SECRET_EVENT_LIFECYCLE) {
        remote_secret_event_lifecycle_msg data = { 0 };

        if (virNetMessageDecodePayload(msg,
                (xdrproc_t)xdr_remote_secret_event_lifecycle_msg, &data) < 0)
            goto drop;
        ev->isSecret = true;
        ev->eventID = VIR_SECRET_EVENT_ID_LIFECYCLE;
        ev->callbackID = data.callbackID;
        ev->secret = data.secret;   /* taken over */
        ev->event = data.event;
        ev->detail = data.detail;
    } else if (msg->header.proc == REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED) {
        remote_secret_event_value_changed_msg data = { 0 };

        if (virNetMessageDecodePayload(msg,
                (xdrproc_t)xdr_remote_secret_event_value_changed_msg, &data) < 0)
            goto drop;
        ev->isSecret = true;
        ev->eventID = VIR_SECRET_EVENT_ID_VALUE_CHANGED;
        ev->callbackID = data.callbackID;
        ev->secret = data.secret;
    } else {
        VIR_DEBUG("ignoring event procedure %d", msg->header.proc);
        goto drop;
    }

    g_mutex_lock(&conn->lock);
    g_queue_push_tail(conn->pendingEvents, ev);
    timer = conn->eventTimer;
    g_mutex_unlock(&conn->lock);
    if (timer >= 0)
        virEventUpdateTimeout(timer, 0);
    return;

 drop:
    virErrorReset();
    g_free(ev);
}

void
remoteEventsAttach(virConnectPtr conn)
{
    virNetClientSetEventHandler(conn->client, remoteEventReceived, conn);
}

void
remoteEventsDetach(virConnectPtr conn)
{
    size_t i;

    if (conn->eventTimer >= 0)
        virEventRemoveTimeout(conn->eventTimer);
    conn->eventTimer = -1;
    for (i = 0; i < conn->domainCallbacks->len; i++) {
        virConnectDomainCallback *c = &g_array_index(conn->domainCallbacks,
                                                     virConnectDomainCallback, i);

        if (c->freecb)
            c->freecb(c->opaque);
        if (c->dom)
            virDomainFree(c->dom);
    }
    g_array_unref(conn->domainCallbacks);
    for (i = 0; i < conn->secretCallbacks->len; i++) {
        virConnectSecretCallback *c = &g_array_index(conn->secretCallbacks,
                                                     virConnectSecretCallback, i);

        if (c->freecb)
            c->freecb(c->opaque);
        if (c->secret)
            virSecretFree(c->secret);
    }
    g_array_unref(conn->secretCallbacks);
    g_queue_free_full(conn->pendingEvents, (GDestroyNotify)remotePendingEventFree);
}

/* Events are delivered from the application's loop: there must be one,
 * and the connection's timer is created on the first registration. */
static int
remoteEventsPrepare(virConnectPtr conn)
{
    if (!virEventHaveImpl()) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "an event loop must be registered first (virEventRegisterDefaultImpl)");
        return -1;
    }
    g_mutex_lock(&conn->lock);
    if (conn->eventTimer < 0)
        conn->eventTimer = virEventAddTimeout(-1, remoteEventsFlush, conn, NULL);
    g_mutex_unlock(&conn->lock);
    return 0;
}

static int
remoteEventsRegister(virConnectPtr conn, virDomainPtr dom, int eventID,
                     virConnectDomainEventGenericCallback cb, void *opaque,
                     virFreeCallback freecb, bool legacy)
{
    remote_connect_domain_event_callback_register_any_args args = { .eventID = eventID };
    remote_connect_domain_event_callback_register_any_ret ret = { 0 };
    remote_nonnull_domain wire;
    virConnectDomainCallback c = { 0 };

    if (!cb || eventID < 0 || eventID >= VIR_DOMAIN_EVENT_ID_LAST) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported event ID %d or no callback", eventID);
        return -1;
    }
    if (remoteEventsPrepare(conn) < 0)
        return -1;

    if (dom) {
        remoteDomainToWire(&wire, dom);
        args.dom = &wire;
    }
    if (remoteCall(conn, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                   (xdrproc_t)xdr_remote_connect_domain_event_callback_register_any_args, &args,
                   (xdrproc_t)xdr_remote_connect_domain_event_callback_register_any_ret, &ret) < 0)
        return -1;

    c.callbackID = ret.callbackID;
    c.eventID = eventID;
    c.cb = cb;
    c.opaque = opaque;
    c.freecb = freecb;
    c.legacy = legacy;
    if (dom) {
        virDomainRef(dom);
        c.dom = dom;
    }
    g_mutex_lock(&conn->lock);
    g_array_append_val(conn->domainCallbacks, c);
    g_mutex_unlock(&conn->lock);
    return ret.callbackID;
}

static int
remoteEventsDeregister(virConnectPtr conn, int callbackID)
{
    remote_connect_domain_event_callback_deregister_any_args args = { .callbackID = callbackID };
    virConnectDomainCallback c = { 0 };
    bool found = false;
    size_t i;

    g_mutex_lock(&conn->lock);
    for (i = 0; i < conn->domainCallbacks->len; i++) {
        if (g_array_index(conn->domainCallbacks, virConnectDomainCallback, i).callbackID ==
            callbackID) {
            c = g_array_index(conn->domainCallbacks, virConnectDomainCallback, i);
            g_array_remove_index(conn->domainCallbacks, i);
            found = true;
            break;
        }
    }
    g_mutex_unlock(&conn->lock);
    if (!found) {
        virReportError(VIR_ERR_INVALID_ARG, "domain event callback %d not registered",
                       callbackID);
        return -1;
    }
    if (c.freecb)
        c.freecb(c.opaque);
    if (c.dom)
        virDomainFree(c.dom);
    return remoteCall(conn, REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
                      (xdrproc_t)xdr_remote_connect_domain_event_callback_deregister_any_args,
                      &args, (xdrproc_t)xdr_void, NULL);
}

int
virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                 virConnectDomainEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb)
{
    int id;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        (dom && !virCheckDomain(dom, __func__)) ||
        (id = remoteEventsRegister(conn, dom, eventID, cb, opaque, freecb, false)) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return id;
}

int
virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__) || remoteEventsDeregister(conn, callbackID) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return 0;
}

int
virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                              void *opaque, virFreeCallback freecb)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteEventsRegister(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                             VIR_DOMAIN_EVENT_CALLBACK(cb), opaque, freecb, true) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return 0;
}

int
virConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    int callbackID = -1;
    size_t i;

    virResetLastError();
    if (!virCheckConnect(conn, __func__))
        goto error;
    g_mutex_lock(&conn->lock);
    for (i = 0; i < conn->domainCallbacks->len; i++) {
        virConnectDomainCallback *c = &g_array_index(conn->domainCallbacks,
                                                     virConnectDomainCallback, i);

        if (c->legacy && c->cb == VIR_DOMAIN_EVENT_CALLBACK(cb))
            callbackID = c->callbackID;
    }
    g_mutex_unlock(&conn->lock);
    if (callbackID < 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "callback not registered");
        goto error;
    }
    if (remoteEventsDeregister(conn, callbackID) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Secret events                                                       */

static int
remoteSecretEventsRegister(virConnectPtr conn, virSecretPtr secret, int eventID,
                           virConnectSecretEventGenericCallback cb, void *opaque,
                           virFreeCallback freecb)
{
    remote_connect_secret_event_register_any_args args = { .eventID = eventID };
    remote_connect_secret_event_register_any_ret ret = { 0 };
    remote_nonnull_secret wire;
    virConnectSecretCallback c = { 0 };

    if (!cb || eventID < 0 || eventID >= VIR_SECRET_EVENT_ID_LAST) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported secret event ID %d or no callback",
                       eventID);
        return -1;
    }
    if (remoteEventsPrepare(conn) < 0)
        return -1;

    if (secret) {
        remoteSecretToWire(&wire, secret);
        args.secret = &wire;
    }
    if (remoteCall(conn, REMOTE_PROC_CONNECT_SECRET_EVENT_REGISTER_ANY,
                   (xdrproc_t)xdr_remote_connect_secret_event_register_any_args, &args,
                   (xdrproc_t)xdr_remote_connect_secret_event_register_any_ret, &ret) < 0)
        return -1;

    c.callbackID = ret.callbackID;
    c.eventID = eventID;
    c.cb = cb;
    c.opaque = opaque;
    c.freecb = freecb;
    if (secret) {
        virSecretRef(secret);
        c.secret = secret;
    }
    g_mutex_lock(&conn->lock);
    g_array_append_val(conn->secretCallbacks, c);
    g_mutex_unlock(&conn->lock);
    return ret.callbackID;
}

static int
remoteSecretEventsDeregister(virConnectPtr conn, int callbackID)
{
    remote_connect_secret_event_deregister_any_args args = { .callbackID = callbackID };
    virConnectSecretCallback c = { 0 };
    bool found = false;
    size_t i;

    g_mutex_lock(&conn->lock);
    for (i = 0; i < conn->secretCallbacks->len; i++) {
        if (g_array_index(conn->secretCallbacks, virConnectSecretCallback, i).callbackID ==
            callbackID) {
            c = g_array_index(conn->secretCallbacks, virConnectSecretCallback, i);
            g_array_remove_index(conn->secretCallbacks, i);
            found = true;
            break;
        }
    }
    g_mutex_unlock(&conn->lock);
    if (!found) {
        virReportError(VIR_ERR_INVALID_ARG, "secret event callback %d not registered",
                       callbackID);
        return -1;
    }
    if (c.freecb)
        c.freecb(c.opaque);
    if (c.secret)
        virSecretFree(c.secret);
    return remoteCall(conn, REMOTE_PROC_CONNECT_SECRET_EVENT_DEREGISTER_ANY,
                      (xdrproc_t)xdr_remote_connect_secret_event_deregister_any_args,
                      &args, (xdrproc_t)xdr_void, NULL);
}

int
virConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret, int eventID,
                                 virConnectSecretEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb)
{
    int id;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        (secret && !virCheckSecret(secret, __func__)) ||
        (id = remoteSecretEventsRegister(conn, secret, eventID, cb, opaque, freecb)) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return id;
}

int
virConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__) || remoteSecretEventsDeregister(conn, callbackID) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return 0;
}
