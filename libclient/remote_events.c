/* Events on the client, for every object family: registration with the
 * daemon, decoding on the RPC reader thread, and delivery from the
 * application's event loop through a timer poked when something is queued.
 *
 * The queue and the callback list live in a reference-counted state that
 * the loop's timer shares with the connection, so a connection closed on
 * one thread while the loop delivers on another is never used after it is
 * freed: a delivery holds a connection reference for the length of the
 * callback, and deregistering waits for a callback that is running on
 * another thread, so that its opaque data may be freed right after. */
#include "remote_call.h"

#include <string.h>

#include "event_impl.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_EVENT

VIR_LOG_INIT("libclient.events");

/* Every family's *_register_any_args is { int eventID; remote_X *obj; }
 * and its ret { int callbackID; }: one layout to fill them all. */
typedef struct {
    int eventID;
    void *obj;
} remoteEventRegisterArgs;

G_STATIC_ASSERT(offsetof(remote_connect_domain_event_callback_register_any_args, dom) ==
                offsetof(remoteEventRegisterArgs, obj));
G_STATIC_ASSERT(offsetof(remote_connect_secret_event_register_any_args, secret) ==
                offsetof(remoteEventRegisterArgs, obj));
G_STATIC_ASSERT(offsetof(remote_connect_network_event_register_any_args, net) ==
                offsetof(remoteEventRegisterArgs, obj));
G_STATIC_ASSERT(offsetof(remote_connect_storage_pool_event_register_any_args, pool) ==
                offsetof(remoteEventRegisterArgs, obj));

/* What differs between families when registering. */
typedef struct {
    const char *name;
    int registerProc;
    int deregisterProc;
    int nEventIDs;
    xdrproc_t registerArgs;     /* the family's own: the object types differ */
    size_t wireSize;            /* sizeof(remote_nonnull_X) */
    void (*toWire)(void *wire, void *obj);
    void (*ref)(void *obj);
    void (*unref)(void *obj);
} remoteEventFamilyDef;

static void remoteEventDomainToWire(void *wire, void *obj) { remoteDomainToWire(wire, obj); }
static void remoteEventDomainRef(void *obj) { virDomainRef(obj); }
static void remoteEventDomainUnref(void *obj) { virDomainFree(obj); }
static void remoteEventSecretToWire(void *wire, void *obj) { remoteSecretToWire(wire, obj); }
static void remoteEventSecretRef(void *obj) { virSecretRef(obj); }
static void remoteEventSecretUnref(void *obj) { virSecretFree(obj); }
static void remoteEventNetworkToWire(void *wire, void *obj) { remoteNetworkToWire(wire, obj); }
static void remoteEventNetworkRef(void *obj) { virNetworkRef(obj); }
static void remoteEventNetworkUnref(void *obj) { virNetworkFree(obj); }
static void remoteEventPoolToWire(void *wire, void *obj) { remoteStoragePoolToWire(wire, obj); }
static void remoteEventPoolRef(void *obj) { virStoragePoolRef(obj); }
static void remoteEventPoolUnref(void *obj) { virStoragePoolFree(obj); }

static const remoteEventFamilyDef remoteEventFamilies[] = {
    [REMOTE_EVENT_DOMAIN] = {
        "domain", REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
        REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, VIR_DOMAIN_EVENT_ID_LAST,
        (xdrproc_t)xdr_remote_connect_domain_event_callback_register_any_args,
        sizeof(remote_nonnull_domain), remoteEventDomainToWire, remoteEventDomainRef,
        remoteEventDomainUnref,
    },
    [REMOTE_EVENT_SECRET] = {
        "secret", REMOTE_PROC_CONNECT_SECRET_EVENT_REGISTER_ANY,
        REMOTE_PROC_CONNECT_SECRET_EVENT_DEREGISTER_ANY, VIR_SECRET_EVENT_ID_LAST,
        (xdrproc_t)xdr_remote_connect_secret_event_register_any_args,
        sizeof(remote_nonnull_secret), remoteEventSecretToWire, remoteEventSecretRef,
        remoteEventSecretUnref,
    },
    [REMOTE_EVENT_NETWORK] = {
        "network", REMOTE_PROC_CONNECT_NETWORK_EVENT_REGISTER_ANY,
        REMOTE_PROC_CONNECT_NETWORK_EVENT_DEREGISTER_ANY, VIR_NETWORK_EVENT_ID_LAST,
        (xdrproc_t)xdr_remote_connect_network_event_register_any_args,
        sizeof(remote_nonnull_network), remoteEventNetworkToWire, remoteEventNetworkRef,
        remoteEventNetworkUnref,
    },
    [REMOTE_EVENT_STORAGE_POOL] = {
        "storage pool", REMOTE_PROC_CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
        REMOTE_PROC_CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY, VIR_STORAGE_POOL_EVENT_ID_LAST,
        (xdrproc_t)xdr_remote_connect_storage_pool_event_register_any_args,
        sizeof(remote_nonnull_storage_pool), remoteEventPoolToWire, remoteEventPoolRef,
        remoteEventPoolUnref,
    },
};
G_STATIC_ASSERT(G_N_ELEMENTS(remoteEventFamilies) == REMOTE_EVENT_LAST);

typedef struct {
    remoteEventFamily family;
    int callbackID;             /* the daemon's id, what the register API returns */
    int eventID;
    void *obj;                  /* filter (a reference), or NULL */
    void (*cb)(void);           /* the family's callback type, cast back on delivery */
    void *opaque;
    virFreeCallback freecb;
    bool legacy;                /* virConnectDomainEventRegister */
} remoteEventCallback;

/* ---- delivery: one function per event message ----------------------- */

typedef void (*remoteEventDeliverFunc)(virConnectPtr conn, const remoteEventCallback *cb,
                                       void *msg);

static void
remoteEventDeliverDomainLifecycle(virConnectPtr conn, const remoteEventCallback *cb, void *m)
{
    remote_domain_event_callback_lifecycle_msg *msg = m;
    virDomainPtr dom = remoteDomainFromWire(conn, &msg->dom);

    ((virConnectDomainEventCallback)cb->cb)(conn, dom, msg->event, msg->detail, cb->opaque);
    virDomainFree(dom);
}

static void
remoteEventDeliverDomainReboot(virConnectPtr conn, const remoteEventCallback *cb, void *m)
{
    remote_domain_event_callback_reboot_msg *msg = m;
    virDomainPtr dom = remoteDomainFromWire(conn, &msg->dom);

    ((virConnectDomainEventGenericCallback)cb->cb)(conn, dom, cb->opaque);
    virDomainFree(dom);
}

static void
remoteEventDeliverSecretLifecycle(virConnectPtr conn, const remoteEventCallback *cb, void *m)
{
    remote_secret_event_lifecycle_msg *msg = m;
    virSecretPtr secret = remoteSecretFromWire(conn, &msg->secret);

    ((virConnectSecretEventLifecycleCallback)cb->cb)(conn, secret, msg->event, msg->detail,
                                                     cb->opaque);
    virSecretFree(secret);
}

static void
remoteEventDeliverSecretValueChanged(virConnectPtr conn, const remoteEventCallback *cb,
                                     void *m)
{
    remote_secret_event_value_changed_msg *msg = m;
    virSecretPtr secret = remoteSecretFromWire(conn, &msg->secret);

    ((virConnectSecretEventGenericCallback)cb->cb)(conn, secret, cb->opaque);
    virSecretFree(secret);
}

static void
remoteEventDeliverNetworkLifecycle(virConnectPtr conn, const remoteEventCallback *cb, void *m)
{
    remote_network_event_lifecycle_msg *msg = m;
    virNetworkPtr net = remoteNetworkFromWire(conn, &msg->net);

    ((virConnectNetworkEventLifecycleCallback)cb->cb)(conn, net, msg->event, msg->detail,
                                                      cb->opaque);
    virNetworkFree(net);
}

static void
remoteEventDeliverPoolLifecycle(virConnectPtr conn, const remoteEventCallback *cb, void *m)
{
    remote_storage_pool_event_lifecycle_msg *msg = m;
    virStoragePoolPtr pool = remoteStoragePoolFromWire(conn, &msg->pool);

    ((virConnectStoragePoolEventLifecycleCallback)cb->cb)(conn, pool, msg->event, msg->detail,
                                                          cb->opaque);
    virStoragePoolFree(pool);
}

static void
remoteEventDeliverPoolRefresh(virConnectPtr conn, const remoteEventCallback *cb, void *m)
{
    remote_storage_pool_event_refresh_msg *msg = m;
    virStoragePoolPtr pool = remoteStoragePoolFromWire(conn, &msg->pool);

    ((virConnectStoragePoolEventGenericCallback)cb->cb)(conn, pool, cb->opaque);
    virStoragePoolFree(pool);
}

/* Every event message starts with { int callbackID; ... }. */
typedef struct {
    int proc;
    remoteEventFamily family;
    int eventID;
    xdrproc_t filter;
    size_t size;
    remoteEventDeliverFunc deliver;
} remoteEventProcDef;

#define REMOTE_EVENT_PROC(proc, family, id, type, deliver) \
    { proc, family, id, (xdrproc_t)xdr_##type, sizeof(type), deliver }

static const remoteEventProcDef remoteEventProcs[] = {
    REMOTE_EVENT_PROC(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE, REMOTE_EVENT_DOMAIN,
                      VIR_DOMAIN_EVENT_ID_LIFECYCLE, remote_domain_event_callback_lifecycle_msg,
                      remoteEventDeliverDomainLifecycle),
    REMOTE_EVENT_PROC(REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT, REMOTE_EVENT_DOMAIN,
                      VIR_DOMAIN_EVENT_ID_REBOOT, remote_domain_event_callback_reboot_msg,
                      remoteEventDeliverDomainReboot),
    REMOTE_EVENT_PROC(REMOTE_PROC_SECRET_EVENT_LIFECYCLE, REMOTE_EVENT_SECRET,
                      VIR_SECRET_EVENT_ID_LIFECYCLE, remote_secret_event_lifecycle_msg,
                      remoteEventDeliverSecretLifecycle),
    REMOTE_EVENT_PROC(REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED, REMOTE_EVENT_SECRET,
                      VIR_SECRET_EVENT_ID_VALUE_CHANGED, remote_secret_event_value_changed_msg,
                      remoteEventDeliverSecretValueChanged),
    REMOTE_EVENT_PROC(REMOTE_PROC_NETWORK_EVENT_LIFECYCLE, REMOTE_EVENT_NETWORK,
                      VIR_NETWORK_EVENT_ID_LIFECYCLE, remote_network_event_lifecycle_msg,
                      remoteEventDeliverNetworkLifecycle),
    REMOTE_EVENT_PROC(REMOTE_PROC_STORAGE_POOL_EVENT_LIFECYCLE, REMOTE_EVENT_STORAGE_POOL,
                      VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                      remote_storage_pool_event_lifecycle_msg, remoteEventDeliverPoolLifecycle),
    REMOTE_EVENT_PROC(REMOTE_PROC_STORAGE_POOL_EVENT_REFRESH, REMOTE_EVENT_STORAGE_POOL,
                      VIR_STORAGE_POOL_EVENT_ID_REFRESH, remote_storage_pool_event_refresh_msg,
                      remoteEventDeliverPoolRefresh),
};

/* ---- the shared state ------------------------------------------------ */

typedef struct {
    const remoteEventProcDef *def;
    void *msg;                  /* decoded, def->size bytes */
} remotePendingEvent;

struct _remoteEventState {
    gint refs;
    GMutex lock;
    GCond cond;                 /* signalled when a callback returns */
    virConnectPtr conn;         /* NULL once the connection is gone */
    GArray *callbacks;          /* remoteEventCallback */
    GQueue *pending;            /* remotePendingEvent */
    int timer;                  /* -1 until the first registration */
    int dispatchingID;          /* callback running now, -1 when none */
    GThread *dispatchThread;
};

static void
remotePendingEventFree(remotePendingEvent *ev)
{
    xdr_free(ev->def->filter, ev->msg);
    g_free(ev->msg);
    g_free(ev);
}

static void
remoteEventStateUnref(void *opaque)
{
    remoteEventState *st = opaque;

    if (!g_atomic_int_dec_and_test(&st->refs))
        return;
    g_queue_free_full(st->pending, (GDestroyNotify)remotePendingEventFree);
    g_array_unref(st->callbacks);
    g_mutex_clear(&st->lock);
    g_cond_clear(&st->cond);
    g_free(st);
}

/* A new reference to conn unless it is already being disposed. */
static bool
remoteEventConnRef(virConnectPtr conn)
{
    for (;;) {
        int refs = g_atomic_int_get(&conn->refs);

        if (refs <= 0)
            return false;
        if (g_atomic_int_compare_and_exchange(&conn->refs, refs, refs + 1))
            return true;
    }
}

static remoteEventCallback *
remoteEventFindLocked(remoteEventState *st, remoteEventFamily family, int callbackID,
                      size_t *idx)
{
    size_t i;

    for (i = 0; i < st->callbacks->len; i++) {
        remoteEventCallback *c = &g_array_index(st->callbacks, remoteEventCallback, i);

        if (c->family == family && c->callbackID == callbackID) {
            if (idx)
                *idx = i;
            return c;
        }
    }
    return NULL;
}

static void
remoteEventCallbackRelease(remoteEventCallback *c)
{
    if (c->freecb)
        c->freecb(c->opaque);
    if (c->obj)
        remoteEventFamilies[c->family].unref(c->obj);
}

/* The timer: delivers everything queued, one callback at a time. */
static void
remoteEventsFlush(int timer, void *opaque)
{
    remoteEventState *st = opaque;

    virEventUpdateTimeout(timer, -1);
    for (;;) {
        remotePendingEvent *ev;
        remoteEventCallback *found;
        remoteEventCallback c;
        virConnectPtr conn;

        g_mutex_lock(&st->lock);
        ev = g_queue_pop_head(st->pending);
        if (!ev) {
            g_mutex_unlock(&st->lock);
            return;
        }
        conn = st->conn;
        found = conn ? remoteEventFindLocked(st, ev->def->family, *(int *)ev->msg, NULL) : NULL;
        /* Each registration is for one event ID; a daemon that sends
         * another under its id is not believed. */
        if (!found || found->eventID != ev->def->eventID || !remoteEventConnRef(conn)) {
            g_mutex_unlock(&st->lock);
            remotePendingEventFree(ev);
            continue;
        }
        c = *found;
        st->dispatchingID = c.callbackID;
        st->dispatchThread = g_thread_self();
        g_mutex_unlock(&st->lock);

        ev->def->deliver(conn, &c, ev->msg);
        remotePendingEventFree(ev);
        /* Our reference goes before anyone waiting for this callback
         * returns: they may close the connection next and expect it
         * to be the last. */
        virConnectClose(conn);

        g_mutex_lock(&st->lock);
        st->dispatchingID = -1;
        st->dispatchThread = NULL;
        g_cond_broadcast(&st->cond);
        g_mutex_unlock(&st->lock);
    }
}

/* On the reader thread: decode, queue, poke the application's loop. */
static void
remoteEventReceived(virNetClient *client G_GNUC_UNUSED, virNetMessage *msg, void *opaque)
{
    remoteEventState *st = opaque;
    const remoteEventProcDef *def = NULL;
    remotePendingEvent *ev;
    size_t i;
    int timer;

    for (i = 0; msg->header.prog == REMOTE_PROGRAM && i < G_N_ELEMENTS(remoteEventProcs); i++) {
        if (remoteEventProcs[i].proc == (int)msg->header.proc)
            def = &remoteEventProcs[i];
    }
    if (!def) {
        VIR_DEBUG("ignoring event procedure %d of program %x",
                  msg->header.proc, msg->header.prog);
        return;
    }
    ev = g_new0(remotePendingEvent, 1);
    ev->def = def;
    ev->msg = g_malloc0(def->size);
    if (virNetMessageDecodePayload(msg, def->filter, ev->msg) < 0) {
        virErrorReset();
        g_free(ev->msg);
        g_free(ev);
        return;
    }

    g_mutex_lock(&st->lock);
    g_queue_push_tail(st->pending, ev);
    timer = st->timer;
    g_mutex_unlock(&st->lock);
    if (timer >= 0)
        virEventUpdateTimeout(timer, 0);
}

void
remoteEventsAttach(virConnectPtr conn)
{
    remoteEventState *st = g_new0(remoteEventState, 1);

    st->refs = 1;
    g_mutex_init(&st->lock);
    g_cond_init(&st->cond);
    st->conn = conn;
    st->callbacks = g_array_new(FALSE, FALSE, sizeof(remoteEventCallback));
    st->pending = g_queue_new();
    st->timer = -1;
    st->dispatchingID = -1;
    conn->events = st;
    virNetClientSetEventHandler(conn->client, remoteEventReceived, st);
}

/* From the connection's dispose, after the RPC client stopped calling
 * remoteEventReceived. No delivery is running: it would hold a reference. */
void
remoteEventsDetach(virConnectPtr conn)
{
    remoteEventState *st = conn->events;
    g_autoptr(GArray) callbacks = NULL;
    int timer;
    size_t i;

    if (!st)
        return;
    g_mutex_lock(&st->lock);
    st->conn = NULL;
    callbacks = st->callbacks;
    st->callbacks = g_array_new(FALSE, FALSE, sizeof(remoteEventCallback));
    timer = st->timer;
    st->timer = -1;
    g_mutex_unlock(&st->lock);

    if (timer >= 0)
        virEventRemoveTimeout(timer);   /* its free function drops its reference */
    for (i = 0; i < callbacks->len; i++)
        remoteEventCallbackRelease(&g_array_index(callbacks, remoteEventCallback, i));
    conn->events = NULL;
    remoteEventStateUnref(st);
}

/* ---- registration ---------------------------------------------------- */

int
remoteEventsRegister(virConnectPtr conn, remoteEventFamily family, void *obj, int eventID,
                     void (*cb)(void), void *opaque, virFreeCallback freecb, bool legacy)
{
    const remoteEventFamilyDef *fam = &remoteEventFamilies[family];
    remoteEventState *st = conn->events;
    remoteEventRegisterArgs args = { .eventID = eventID };
    remote_connect_secret_event_register_any_ret ret = { 0 };   /* { int callbackID; } */
    g_autofree void *wire = NULL;
    remoteEventCallback c = { 0 };

    if (!cb || eventID < 0 || eventID >= fam->nEventIDs) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported %s event ID %d or no callback",
                       fam->name, eventID);
        return -1;
    }
    /* Events are delivered from the application's loop: there must be one. */
    if (!virEventHaveImpl()) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "an event loop must be registered first (virEventRegisterDefaultImpl)");
        return -1;
    }
    g_mutex_lock(&st->lock);
    if (st->timer < 0) {
        g_atomic_int_inc(&st->refs);
        st->timer = virEventAddTimeout(-1, remoteEventsFlush, st, remoteEventStateUnref);
        if (st->timer < 0) {
            g_mutex_unlock(&st->lock);
            remoteEventStateUnref(st);
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot add an event loop timer");
            return -1;
        }
    }
    g_mutex_unlock(&st->lock);

    if (obj) {
        wire = g_malloc0(fam->wireSize);
        fam->toWire(wire, obj);
        args.obj = wire;
    }
    if (remoteCall(conn, fam->registerProc, fam->registerArgs, &args,
                   (xdrproc_t)xdr_remote_connect_secret_event_register_any_ret, &ret) < 0)
        return -1;

    c.family = family;
    c.callbackID = ret.callbackID;
    c.eventID = eventID;
    c.cb = cb;
    c.opaque = opaque;
    c.freecb = freecb;
    c.legacy = legacy;
    if (obj) {
        fam->ref(obj);
        c.obj = obj;
    }
    g_mutex_lock(&st->lock);
    g_array_append_val(st->callbacks, c);
    g_mutex_unlock(&st->lock);
    return ret.callbackID;
}

int
remoteEventsDeregister(virConnectPtr conn, remoteEventFamily family, int callbackID)
{
    const remoteEventFamilyDef *fam = &remoteEventFamilies[family];
    remoteEventState *st = conn->events;
    remote_connect_secret_event_deregister_any_args args = { .callbackID = callbackID };
    remoteEventCallback c;
    size_t idx;

    g_mutex_lock(&st->lock);
    if (!remoteEventFindLocked(st, family, callbackID, &idx)) {
        g_mutex_unlock(&st->lock);
        virReportError(VIR_ERR_INVALID_ARG, "%s event callback %d not registered",
                       fam->name, callbackID);
        return -1;
    }
    c = g_array_index(st->callbacks, remoteEventCallback, idx);
    g_array_remove_index(st->callbacks, idx);
    /* A callback running on the loop's thread finishes first, so that
     * the caller may free its data (or close the connection) right after;
     * a callback deregistering from inside the loop does not wait. */
    while (st->dispatchingID >= 0 && st->dispatchThread != g_thread_self())
        g_cond_wait(&st->cond, &st->lock);
    g_mutex_unlock(&st->lock);

    remoteEventCallbackRelease(&c);
    return remoteCall(conn, fam->deregisterProc,
                      (xdrproc_t)xdr_remote_connect_secret_event_deregister_any_args, &args,
                      (xdrproc_t)xdr_void, NULL);
}

/* The callbackID of the legacy registration of cb, or -1. */
int
remoteEventsFindLegacy(virConnectPtr conn, void (*cb)(void))
{
    remoteEventState *st = conn->events;
    int callbackID = -1;
    size_t i;

    g_mutex_lock(&st->lock);
    for (i = 0; i < st->callbacks->len; i++) {
        remoteEventCallback *c = &g_array_index(st->callbacks, remoteEventCallback, i);

        if (c->legacy && c->cb == cb)
            callbackID = c->callbackID;
    }
    g_mutex_unlock(&st->lock);
    return callbackID;
}
