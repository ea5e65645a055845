/* Streams: bound to the call that opens them (a console, a volume
 * transfer). Data moves through the RPC client's stream; callbacks are
 * delivered from the application's event loop. */
#include "remote_call.h"

#include <string.h>

#include "event_impl.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

static bool
virCheckStream(virStreamPtr st, const char *func)
{
    if (st && g_atomic_int_get(&st->refs) > 0 && virCheckConnect(st->conn, func))
        return true;
    virErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM, "%s", func);
    return false;
}

virStreamPtr
virStreamNew(virConnectPtr conn, unsigned int flags)
{
    virStreamPtr st;

    virResetLastError();
    if (!virCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    st = g_new0(virStream, 1);
    st->refs = 1;
    g_atomic_int_inc(&conn->refs);
    st->conn = conn;
    st->flags = flags;
    st->cbTimer = -1;
    st->st = virNetClientStreamNew(conn->client);
    return st;
}

int
virStreamRef(virStreamPtr st)
{
    virResetLastError();
    if (!virCheckStream(st, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    g_atomic_int_inc(&st->refs);
    return 0;
}

/* The stream's callback, run in the application's loop when something
 * happened (or every iteration while the caller waits to write). */
static void
virStreamDispatch(int timer, void *opaque)
{
    virStreamPtr st = opaque;
    int events = 0;

    if (!st->cb)
        return;
    if (virNetClientStreamHasPending(st->st))
        events |= VIR_STREAM_EVENT_READABLE;
    if (st->cbEvents & VIR_STREAM_EVENT_WRITABLE)
        events |= VIR_STREAM_EVENT_WRITABLE;
    events &= st->cbEvents | VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP;
    virEventUpdateTimeout(timer, (st->cbEvents & VIR_STREAM_EVENT_WRITABLE) ? 0 : -1);
    if (events)
        st->cb(st, events, st->cbOpaque);
}

/* From the RPC reader thread: data, the end or an error arrived. */
static void
virStreamNotify(void *opaque)
{
    virStreamPtr st = opaque;

    if (st->cbTimer >= 0)
        virEventUpdateTimeout(st->cbTimer, 0);
}

int
virStreamEventAddCallback(virStreamPtr st, int events, virStreamEventCallback cb,
                          void *opaque, virFreeCallback ff)
{
    virResetLastError();
    if (!virCheckStream(st, __func__))
        goto error;
    if (st->cb) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "multiple stream callbacks not supported");
        goto error;
    }
    if (!virEventHaveImpl()) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "an event loop must be registered first (virEventRegisterDefaultImpl)");
        goto error;
    }
    st->cb = cb;
    st->cbOpaque = opaque;
    st->cbFree = ff;
    st->cbEvents = events;
    st->cbTimer = virEventAddTimeout(virNetClientStreamHasPending(st->st) ||
                                     (events & VIR_STREAM_EVENT_WRITABLE) ? 0 : -1,
                                     virStreamDispatch, st, NULL);
    virNetClientStreamSetNotify(st->st, virStreamNotify, st);
    return 0;

 error:
    virDispatchError(st ? st->conn : NULL);
    return -1;
}

int
virStreamEventUpdateCallback(virStreamPtr st, int events)
{
    virResetLastError();
    if (!virCheckStream(st, __func__) || !st->cb) {
        if (st && !st->cb)
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "no stream callback registered");
        virDispatchError(st ? st->conn : NULL);
        return -1;
    }
    st->cbEvents = events;
    virEventUpdateTimeout(st->cbTimer, 0);
    return 0;
}

int
virStreamEventRemoveCallback(virStreamPtr st)
{
    virResetLastError();
    if (!virCheckStream(st, __func__) || !st->cb) {
        if (st && !st->cb)
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "no stream callback registered");
        virDispatchError(st ? st->conn : NULL);
        return -1;
    }
    virNetClientStreamSetNotify(st->st, NULL, NULL);
    virEventRemoveTimeout(st->cbTimer);
    st->cbTimer = -1;
    if (st->cbFree)
        st->cbFree(st->cbOpaque);
    st->cb = NULL;
    st->cbFree = NULL;
    return 0;
}

int
virStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    virResetLastError();
    if (!virCheckStream(st, __func__) || !data ||
        virNetClientStreamSend(st->st, data, nbytes) < 0) {
        virDispatchError(st ? st->conn : NULL);
        return -1;
    }
    return nbytes;
}

int
virStreamRecv(virStreamPtr st, char *data, size_t nbytes)
{
    ssize_t n;

    virResetLastError();
    if (!virCheckStream(st, __func__) || !data) {
        virDispatchError(st ? st->conn : NULL);
        return -1;
    }
    n = virNetClientStreamRecv(st->st, data, nbytes, st->flags & VIR_STREAM_NONBLOCK);
    if (n == -1)
        virDispatchError(st->conn);
    return n;
}

int
virStreamSendAll(virStreamPtr st, virStreamSourceFunc handler, void *opaque)
{
    g_autofree char *buf = g_malloc(64 * 1024);

    virResetLastError();
    if (!virCheckStream(st, __func__) || !handler)
        goto error;
    for (;;) {
        int got = handler(st, buf, 64 * 1024, opaque);

        if (got < 0) {
            virStreamAbort(st);
            goto error;
        }
        if (got == 0)
            return 0;
        if (virNetClientStreamSend(st->st, buf, got) < 0)
            goto error;
    }

 error:
    virDispatchError(st ? st->conn : NULL);
    return -1;
}

int
virStreamRecvAll(virStreamPtr st, virStreamSinkFunc handler, void *opaque)
{
    g_autofree char *buf = g_malloc(64 * 1024);

    virResetLastError();
    if (!virCheckStream(st, __func__) || !handler)
        goto error;
    for (;;) {
        ssize_t got = virNetClientStreamRecv(st->st, buf, 64 * 1024, false);
        size_t off = 0;

        if (got < 0)
            goto error;
        if (got == 0)
            return 0;
        while (off < (size_t)got) {
            int done = handler(st, buf + off, got - off, opaque);

            if (done < 0) {
                virStreamAbort(st);
                goto error;
            }
            off += done;
        }
    }

 error:
    virDispatchError(st ? st->conn : NULL);
    return -1;
}

int
virStreamFinish(virStreamPtr st)
{
    virResetLastError();
    if (!virCheckStream(st, __func__) || virNetClientStreamFinish(st->st) < 0) {
        virDispatchError(st ? st->conn : NULL);
        return -1;
    }
    return 0;
}

int
virStreamAbort(virStreamPtr st)
{
    virResetLastError();
    if (!virCheckStream(st, __func__) || virNetClientStreamAbort(st->st) < 0) {
        virDispatchError(st ? st->conn : NULL);
        return -1;
    }
    return 0;
}

int
virStreamFree(virStreamPtr st)
{
    virResetLastError();
    if (!virCheckStream(st, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    if (!g_atomic_int_dec_and_test(&st->refs))
        return 0;
    if (st->cb)
        virStreamEventRemoveCallback(st);
    virNetClientStreamFree(st->st);
    virConnectClose(st->conn);
    g_free(st);
    return 0;
}

int
virDomainOpenConsole(virDomainPtr dom, const char *dev_name, virStreamPtr st,
                     unsigned int flags)
{
    remote_domain_open_console_args args = { 0 };
    char *dev = (char *)dev_name;

    virResetLastError();
    if (!virCheckDomain(dom, __func__) || !virCheckStream(st, __func__) ||
        !virCheckReadWrite(dom->conn, VIR_FROM_DOMAIN, __func__))
        goto error;
    remoteDomainToWire(&args.dom, dom);
    args.dev_name = dev ? &dev : NULL;
    args.flags = flags;
    if (virNetClientCallStream(dom->conn->client, st->st, REMOTE_PROGRAM,
                               REMOTE_PROTOCOL_VERSION, REMOTE_PROC_DOMAIN_OPEN_CONSOLE,
                               (xdrproc_t)xdr_remote_domain_open_console_args, &args,
                               (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(dom ? dom->conn : NULL);
    return -1;
}

int
virStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    ssize_t n;

    virResetLastError();
    if (flags & ~VIR_STREAM_RECV_STOP_AT_HOLE) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x)",
                       flags & ~VIR_STREAM_RECV_STOP_AT_HOLE);
        virDispatchError(st ? st->conn : NULL);
        return -1;
    }
    if (!virCheckStream(st, __func__) || !data) {
        virDispatchError(st ? st->conn : NULL);
        return -1;
    }
    /* Holes only come on sparse streams (volume transfers asked so). */
    n = virNetClientStreamRecvFlags(st->st, data, nbytes, st->flags & VIR_STREAM_NONBLOCK,
                                    flags & VIR_STREAM_RECV_STOP_AT_HOLE);
    if (n == -1)
        virDispatchError(st->conn);
    return n;
}

int
virStreamSendHole(virStreamPtr st, long long length, unsigned int flags)
{
    virResetLastError();
    if (!virCheckStream(st, __func__))
        goto error;
    if (flags || length < 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "invalid hole length or flags");
        goto error;
    }
    if (virNetClientStreamSendHole(st->st, length) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(st ? st->conn : NULL);
    return -1;
}

int
virStreamRecvHole(virStreamPtr st, long long *length, unsigned int flags)
{
    virResetLastError();
    if (!virCheckStream(st, __func__))
        goto error;
    if (flags || !length) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "invalid length or flags");
        goto error;
    }
    return virNetClientStreamRecvHole(st->st, length);

 error:
    virDispatchError(st ? st->conn : NULL);
    return -1;
}
