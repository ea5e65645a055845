#include "virnetclient.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "keepalive_protocol.h"
#include "virnettls.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

VIR_LOG_INIT("rpc.netclient");

typedef struct {
    unsigned int serial;
    GCond cond;
    bool done;
    virNetMessage *reply;
    virErrorInfo *err;
} virNetClientCallState;

/* A hole received after pos bytes of rx. */
typedef struct {
    size_t pos;
    long long length;
} virNetClientStreamHole;

struct _virNetClientStream {
    virNetClient *client;
    unsigned int prog;
    unsigned int vers;
    int proc;
    unsigned int serial;
    bool bound;
    GByteArray *rx;         /* data received, not yet read */
    bool sparse;            /* holes may arrive (STREAM_HOLE) */
    GArray *holes;          /* virNetClientStreamHole, by position in rx */
    bool eof;
    bool finished;          /* the server confirmed finish/abort */
    virErrorInfo *err;
    GCond cond;
    void (*notify)(void *opaque);
    void *notifyOpaque;
};

struct _virNetClient {
    gint refs;
    int fd;
    gnutls_session_t tls;   /* NULL on plain transports */
    gnutls_certificate_credentials_t tlsCreds;
    GPid child;             /* command transport */
    GMutex lock;            /* everything below but fd and writeLock */
    GMutex writeLock;       /* one message on the wire at a time */
    GThread *reader;
    int wakeup[2];
    unsigned int nextSerial;
    GHashTable *calls;      /* serial -> virNetClientCallState */
    GPtrArray *streams;     /* virNetClientStream (not owned) */
    bool closed;
    virErrorInfo *closeErr;
    int closeReason;        /* of the first failure */
    bool closeNotified;     /* closeFunc called (at most once) */
    int kaInterval;
    unsigned int kaCount;
    unsigned int kaMissed;
    gint64 lastRx;
    virNetClientEventFunc eventFunc;
    void *eventOpaque;
    virNetClientCloseFunc closeFunc;
    void *closeOpaque;
    virNetClientRawFunc rawFunc;
    void *rawOpaque;
};

static gpointer virNetClientReader(gpointer opaque);

/* ------------------------------------------------------------------ */
/* Connecting                                                          */

static virNetClient *
virNetClientNewFull(int fd, GPid child, gnutls_session_t tls,
                    gnutls_certificate_credentials_t tlsCreds)
{
    virNetClient *client = g_new0(virNetClient, 1);

    client->refs = 1;
    client->fd = fd;
    client->child = child;
    client->tls = tls;
    client->tlsCreds = tlsCreds;
    g_mutex_init(&client->lock);
    g_mutex_init(&client->writeLock);
    client->calls = g_hash_table_new(NULL, NULL);
    client->streams = g_ptr_array_new();
    client->lastRx = g_get_monotonic_time();
    if (pipe2(client->wakeup, O_CLOEXEC | O_NONBLOCK) < 0) {
        virReportSystemError(errno, "%s", "cannot create a wakeup pipe");
        close(fd);
        g_hash_table_unref(client->calls);
        g_ptr_array_unref(client->streams);
        g_free(client);
        return NULL;
    }
    /* The reader holds a reference until it ends. */
    client->reader = g_thread_new("rpc-client", virNetClientReader, virNetClientRef(client));
    return client;
}

static virNetClient *
virNetClientNew(int fd, GPid child)
{
    return virNetClientNewFull(fd, child, NULL, NULL);
}

virNetClient *
virNetClientNewUNIX(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "UNIX socket path '%s' too long", path);
        return NULL;
    }
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        virReportSystemError(errno, "%s", "Failed to create socket");
        return NULL;
    }
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        int err = errno;

        close(fd);
        virErrorReportSystemFull(VIR_FROM_RPC, err, "Failed to connect socket to '%s'", path);
        return NULL;
    }
    return virNetClientNew(fd, 0);
}

static int
virNetClientConnectTCP(const char *host, const char *port)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_ADDRCONFIG };
    struct addrinfo *res = NULL;
    struct addrinfo *ai;
    int err = 0;
    int rc;

    if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to resolve address '%s' service '%s': %s",
                       host, port, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);

        if (fd < 0) {
            err = errno;
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            freeaddrinfo(res);
            return fd;
        }
        err = errno;
        close(fd);
    }
    freeaddrinfo(res);
    virErrorReportSystemFull(VIR_FROM_RPC, err ? err : ECONNREFUSED,
                             "unable to connect to server at '%s:%s'", host, port);
    return -1;
}

virNetClient *
virNetClientNewTCP(const char *host, const char *port)
{
    int fd = virNetClientConnectTCP(host, port);

    return fd < 0 ? NULL : virNetClientNew(fd, 0);
}

virNetClient *
virNetClientNewTLS(const char *host, const char *port, const virNetTLSConfig *cfg)
{
    gnutls_session_t session;
    gnutls_certificate_credentials_t creds;
    virNetClient *client;
    int fd;

    if ((fd = virNetClientConnectTCP(host, port)) < 0)
        return NULL;
    /* The handshake happens before the reader thread exists: it owns the
     * socket once it runs. */
    if (virNetTLSClientHandshake(fd, host, cfg, &session, &creds) < 0) {
        close(fd);
        return NULL;
    }
    if (!(client = virNetClientNewFull(fd, 0, session, creds))) {
        gnutls_deinit(session);
        gnutls_certificate_free_credentials(creds);
    }
    return client;
}

virNetClient *
virNetClientNewCommand(const char *const *argv)
{
    int sv[2];
    GPid pid = 0;
    GError *gerr = NULL;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        virReportSystemError(errno, "%s", "cannot create socket pair");
        return NULL;
    }
    if (!g_spawn_async_with_fds(NULL, (char **)argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, sv[1], sv[1], -1, &gerr)) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "cannot run '%s': %s", argv[0], gerr->message);
        g_error_free(gerr);
        close(sv[0]);
        close(sv[1]);
        return NULL;
    }
    close(sv[1]);
    return virNetClientNew(sv[0], pid);
}

virNetClient *
virNetClientRef(virNetClient *client)
{
    g_atomic_int_inc(&client->refs);
    return client;
}

void
virNetClientUnref(virNetClient *client)
{
    if (!client)
        return;
    /* The caller's last reference: the reader's own one keeps the object
     * alive until the thread is joined. */
    if (g_atomic_int_get(&client->refs) == 2 && client->reader)
        virNetClientClose(client);
    if (!g_atomic_int_dec_and_test(&client->refs))
        return;
    close(client->wakeup[0]);
    close(client->wakeup[1]);
    if (client->tls)
        gnutls_deinit(client->tls);
    if (client->tlsCreds)
        gnutls_certificate_free_credentials(client->tlsCreds);
    if (client->fd >= 0)
        close(client->fd);
    if (client->child) {
        kill(client->child, SIGTERM);
        waitpid(client->child, NULL, 0);
        g_spawn_close_pid(client->child);
    }
    virErrorInfoFree(client->closeErr);
    g_hash_table_unref(client->calls);
    g_ptr_array_unref(client->streams);
    g_mutex_clear(&client->lock);
    g_mutex_clear(&client->writeLock);
    g_free(client);
}

void
virNetClientSetEventHandler(virNetClient *client, virNetClientEventFunc func, void *opaque)
{
    g_mutex_lock(&client->lock);
    client->eventFunc = func;
    client->eventOpaque = opaque;
    g_mutex_unlock(&client->lock);
}

void
virNetClientSetCloseHandler(virNetClient *client, virNetClientCloseFunc func, void *opaque)
{
    g_mutex_lock(&client->lock);
    client->closeFunc = func;
    client->closeOpaque = opaque;
    g_mutex_unlock(&client->lock);
}

void
virNetClientSetKeepAlive(virNetClient *client, int interval, unsigned int count)
{
    char byte = 0;

    g_mutex_lock(&client->lock);
    client->kaInterval = interval;
    client->kaCount = count;
    client->kaMissed = 0;
    g_mutex_unlock(&client->lock);
    /* Let the reader pick up the new poll timeout. */
    if (write(client->wakeup[1], &byte, 1) < 0 && errno != EAGAIN)
        VIR_WARN("cannot wake the RPC reader: %s", g_strerror(errno));
}

bool
virNetClientIsOpen(virNetClient *client)
{
    bool open;

    g_mutex_lock(&client->lock);
    open = !client->closed;
    g_mutex_unlock(&client->lock);
    return open;
}

/* ------------------------------------------------------------------ */
/* Failure: everybody waiting learns about it                          */

/* Wakes every call and stream waiting on the connection; with the lock. */
static void
virNetClientWakeAllLocked(virNetClient *client)
{
    GHashTableIter iter;
    gpointer value;
    size_t i;

    g_hash_table_iter_init(&iter, client->calls);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        virNetClientCallState *call = value;

        call->done = true;
        g_cond_signal(&call->cond);
    }
    for (i = 0; i < client->streams->len; i++) {
        virNetClientStream *st = g_ptr_array_index(client->streams, i);

        g_cond_broadcast(&st->cond);
    }
}

static virErrorInfo *
virNetClientMakeError(int code, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static virErrorInfo *
virNetClientMakeError(int code, const char *fmt, ...)
{
    g_autoptr(virErrorInfo) saved = virErrorPreserve();
    virErrorInfo *err;
    va_list ap;
    g_autofree char *text = NULL;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    virErrorReportFull(VIR_FROM_RPC, code, "%s", text);
    err = virErrorCopyLast();
    virErrorReset();
    virErrorRestore(&saved);
    return err;
}

static void
virNetClientNotifyStreams(virNetClient *client)
{
    g_autoptr(GPtrArray) notify = g_ptr_array_new();
    size_t i;

    g_mutex_lock(&client->lock);
    for (i = 0; i < client->streams->len; i++) {
        virNetClientStream *st = g_ptr_array_index(client->streams, i);

        if (st->notify)
            g_ptr_array_add(notify, st);
    }
    g_mutex_unlock(&client->lock);
    for (i = 0; i < notify->len; i++) {
        virNetClientStream *st = g_ptr_array_index(notify, i);

        st->notify(st->notifyOpaque);
    }
}


/* Runs the close callback once, with the first failure's reason. */
static void
virNetClientNotifyClose(virNetClient *client)
{
    virNetClientCloseFunc func = NULL;
    void *opaque = NULL;
    int reason;

    g_mutex_lock(&client->lock);
    if (client->closed && !client->closeNotified) {
        client->closeNotified = true;
        func = client->closeFunc;
        opaque = client->closeOpaque;
    }
    reason = client->closeReason;
    g_mutex_unlock(&client->lock);
    if (func)
        func(client, reason, opaque);
}

/* Ends the connection. The close callback runs now only when notify is
 * set (the reader thread, or the application closing): a thread that
 * merely failed to send may hold locks of its own that the callback
 * takes, so the reader reports for it when it sees the socket shut. */
static void
virNetClientFail(virNetClient *client, int reason, virErrorInfo *err, bool notify)
{
    bool first;

    g_mutex_lock(&client->lock);
    first = !client->closed;
    if (first) {
        client->closed = true;
        client->closeErr = err;
        client->closeReason = reason;
    } else {
        virErrorInfoFree(err);
    }
    if (!notify)
        virNetClientWakeAllLocked(client);
    g_mutex_unlock(&client->lock);

    if (first)
        shutdown(client->fd, SHUT_RDWR);
    /* The callback runs before waiting calls return their error, so an
     * application that closes the connection on that error has already
     * heard why. */
    if (notify)
        virNetClientNotifyClose(client);
    g_mutex_lock(&client->lock);
    virNetClientWakeAllLocked(client);
    g_mutex_unlock(&client->lock);
    if (first)
        virNetClientNotifyStreams(client);
}

void
virNetClientClose(virNetClient *client)
{
    char byte = 0;
    GThread *reader;

    virNetClientFail(client, VIR_NET_CLIENT_CLOSE_CLIENT,
                     virNetClientMakeError(VIR_ERR_INTERNAL_ERROR, "%s",
                                           "client socket is closed"), true);
    if (write(client->wakeup[1], &byte, 1) < 0 && errno != EAGAIN)
        VIR_WARN("cannot wake the RPC reader: %s", g_strerror(errno));

    g_mutex_lock(&client->lock);
    reader = g_steal_pointer(&client->reader);
    g_mutex_unlock(&client->lock);
    if (reader && reader != g_thread_self())
        g_thread_join(reader);
    else if (reader)
        g_thread_unref(reader);
}

/* ------------------------------------------------------------------ */
/* Wire I/O                                                            */

static int
virNetClientWriteAll(virNetClient *client, const char *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n;

        if (client->tls) {
            n = gnutls_record_send(client->tls, buf + done, len - done);
            if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
                continue;
            if (n < 0)
                return -EIO;
        } else {
            n = send(client->fd, buf + done, len - done, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return -errno;
        }
        done += n;
    }
    return 0;
}

/* Sends msg; a failed write ends the connection. */
static int
virNetClientSendMessage(virNetClient *client, virNetMessage *msg)
{
    int rc;

    g_mutex_lock(&client->writeLock);
    rc = virNetClientWriteAll(client, msg->buffer, msg->bufferLength);
    g_mutex_unlock(&client->writeLock);
    if (rc < 0) {
        virNetClientFail(client, VIR_NET_CLIENT_CLOSE_ERROR,
                         virNetClientMakeError(VIR_ERR_SYSTEM_ERROR,
                                               "Cannot write data: %s", g_strerror(-rc)),
                         false);
        return -1;
    }
    return 0;
}

static int
virNetClientReadAll(virNetClient *client, char *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n;

        if (client->tls) {
            n = gnutls_record_recv(client->tls, buf + done, len - done);
            if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
                continue;
            if (n < 0)
                return -ECONNRESET;
        } else {
            n = read(client->fd, buf + done, len - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return -errno;
        }
        if (n == 0)
            return -EIO;    /* end of file */
        done += n;
    }
    return 0;
}

static virNetMessage *
virNetClientReadMessage(virNetClient *client, virErrorInfo **err)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();
    int rc;

    msg->buffer = g_malloc(VIR_NET_MESSAGE_LEN_MAX);
    msg->bufferLength = VIR_NET_MESSAGE_LEN_MAX;
    if ((rc = virNetClientReadAll(client, msg->buffer, VIR_NET_MESSAGE_LEN_MAX)) < 0)
        goto ioerror;
    if (virNetMessageDecodeLength(msg) < 0)
        goto protoerror;
    if ((rc = virNetClientReadAll(client, msg->buffer + VIR_NET_MESSAGE_LEN_MAX,
                                  msg->bufferLength - VIR_NET_MESSAGE_LEN_MAX)) < 0)
        goto ioerror;
    if (virNetMessageDecodeHeader(msg) < 0)
        goto protoerror;
    return g_steal_pointer(&msg);

 ioerror:
    *err = rc == -EIO ?
        virNetClientMakeError(VIR_ERR_SYSTEM_ERROR, "%s",
                              "End of file while reading data: Input/output error") :
        virNetClientMakeError(VIR_ERR_SYSTEM_ERROR, "Cannot recv data: %s", g_strerror(-rc));
    return NULL;

 protoerror:
    *err = virErrorCopyLast();
    virErrorReset();
    return NULL;
}

static virNetMessage *
virNetClientNewMessage(unsigned int prog, unsigned int vers, int proc, int type,
                       unsigned int serial, int status)
{
    virNetMessage *msg = virNetMessageNew();

    msg->header.prog = prog;
    msg->header.vers = vers;
    msg->header.proc = proc;
    msg->header.type = type;
    msg->header.serial = serial;
    msg->header.status = status;
    virNetMessageEncodeHeader(msg);
    return msg;
}

static void
virNetClientSendKeepAlive(virNetClient *client, int proc)
{
    g_autoptr(virNetMessage) msg = virNetClientNewMessage(KEEPALIVE_PROGRAM,
                                                          KEEPALIVE_PROTOCOL_VERSION,
                                                          proc, VIR_NET_MESSAGE, 0,
                                                          VIR_NET_OK);

    virNetMessageEncodePayloadEmpty(msg);
    virNetClientSendMessage(client, msg);
}

/* Decodes an error payload into an error info. */
static virErrorInfo *
virNetClientErrorFromMessage(virNetMessage *msg)
{
    virNetMessageError rerr = { 0 };
    virErrorInfo *err;

    if (virNetMessageDecodePayload(msg, (xdrproc_t)xdr_virNetMessageError, &rerr) < 0) {
        err = virErrorCopyLast();
        virErrorReset();
        return err;
    }
    err = g_new0(virErrorInfo, 1);
    err->code = rerr.code;
    err->domain = rerr.domain;
    err->level = rerr.level;
    err->message = g_strdup(rerr.message ? *rerr.message : "unknown error");
    err->str1 = rerr.str1 ? g_strdup(*rerr.str1) : NULL;
    err->str2 = rerr.str2 ? g_strdup(*rerr.str2) : NULL;
    err->str3 = rerr.str3 ? g_strdup(*rerr.str3) : NULL;
    err->int1 = rerr.int1;
    err->int2 = rerr.int2;
    xdr_free((xdrproc_t)xdr_virNetMessageError, (char *)&rerr);
    return err;
}

static virNetClientStream *
virNetClientFindStreamLocked(virNetClient *client, const virNetMessageHeader *hdr)
{
    size_t i;

    for (i = 0; i < client->streams->len; i++) {
        virNetClientStream *st = g_ptr_array_index(client->streams, i);

        if (st->bound && st->serial == hdr->serial && st->proc == hdr->proc &&
            st->prog == hdr->prog)
            return st;
    }
    return NULL;
}

static void
virNetClientHandleStream(virNetClient *client, virNetMessage *msg)
{
    size_t off = virNetMessagePayloadOffset(msg);
    virNetClientStream *st;
    void (*notify)(void *) = NULL;
    void *opaque = NULL;

    g_mutex_lock(&client->lock);
    if (!(st = virNetClientFindStreamLocked(client, &msg->header))) {
        g_mutex_unlock(&client->lock);
        return;     /* a stream we no longer track: dropped */
    }
    switch (msg->header.status) {
    case VIR_NET_CONTINUE:
        if (msg->header.type == VIR_NET_STREAM_HOLE) {
            virNetStreamHole data = { 0 };
            virNetClientStreamHole hole = { .pos = st->rx->len };

            if (!st->sparse) {
                if (!st->err) {
                    virErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_RPC, "%s",
                                       "Unexpected stream hole");
                    st->err = virErrorCopyLast();
                    virErrorReset();
                }
                st->eof = true;
                break;
            }
            if (virNetMessageDecodePayload(msg, (xdrproc_t)xdr_virNetStreamHole, &data) < 0) {
                virErrorReset();
                break;
            }
            hole.length = data.length;
            if (st->holes->len > 0 &&
                g_array_index(st->holes, virNetClientStreamHole, st->holes->len - 1).pos ==
                hole.pos)
                g_array_index(st->holes, virNetClientStreamHole,
                              st->holes->len - 1).length += hole.length;
            else if (hole.length > 0)
                g_array_append_val(st->holes, hole);
            break;
        }
        if (msg->bufferLength == off)
            st->eof = true;
        else
            g_byte_array_append(st->rx, (guint8 *)msg->buffer + off, msg->bufferLength - off);
        break;
    case VIR_NET_OK:
        st->finished = true;
        st->eof = true;
        break;
    case VIR_NET_ERROR:
    default:
        if (!st->err)
            st->err = virNetClientErrorFromMessage(msg);
        st->eof = true;
        break;
    }
    g_cond_broadcast(&st->cond);
    notify = st->notify;
    opaque = st->notifyOpaque;
    g_mutex_unlock(&client->lock);
    if (notify)
        notify(opaque);
}

static void
virNetClientDispatch(virNetClient *client, virNetMessage *msg)
{
    virNetClientCallState *call;

    virNetClientRawFunc raw;
    void *rawOpaque;

    if (msg->header.prog == KEEPALIVE_PROGRAM) {
        if (msg->header.proc == KEEPALIVE_PROC_PING)
            virNetClientSendKeepAlive(client, KEEPALIVE_PROC_PONG);
        virNetMessageFree(msg);
        return;
    }

    g_mutex_lock(&client->lock);
    raw = client->rawFunc;
    rawOpaque = client->rawOpaque;
    g_mutex_unlock(&client->lock);
    if (raw) {
        raw(client, msg, rawOpaque);
        return;
    }

    switch (msg->header.type) {
    case VIR_NET_REPLY:
    case VIR_NET_REPLY_WITH_FDS:
        g_mutex_lock(&client->lock);
        call = g_hash_table_lookup(client->calls, GUINT_TO_POINTER(msg->header.serial));
        if (call && !call->done) {
            call->reply = msg;
            call->done = true;
            g_cond_signal(&call->cond);
            msg = NULL;
        }
        g_mutex_unlock(&client->lock);
        break;
    case VIR_NET_MESSAGE: {
        virNetClientEventFunc func;
        void *opaque;

        g_mutex_lock(&client->lock);
        func = client->eventFunc;
        opaque = client->eventOpaque;
        g_mutex_unlock(&client->lock);
        if (func)
            func(client, msg, opaque);
        break;
    }
    case VIR_NET_STREAM:
    case VIR_NET_STREAM_HOLE:
        virNetClientHandleStream(client, msg);
        break;
    default:
        VIR_DEBUG("dropping unexpected message type %d", msg->header.type);
        break;
    }
    virNetMessageFree(msg);
}

/* Keepalive bookkeeping when poll timed out; false when the server is
 * considered dead. */
static bool
virNetClientKeepAliveTick(virNetClient *client)
{
    gint64 idle;
    int interval;
    bool dead = false;
    bool ping = false;

    g_mutex_lock(&client->lock);
    interval = client->kaInterval;
    idle = (g_get_monotonic_time() - client->lastRx) / G_USEC_PER_SEC;
    if (interval > 0 && idle >= interval) {
        if (client->kaMissed >= client->kaCount) {
            dead = true;
        } else {
            client->kaMissed++;
            ping = true;
        }
    }
    g_mutex_unlock(&client->lock);
    if (ping)
        virNetClientSendKeepAlive(client, KEEPALIVE_PROC_PING);
    return !dead;
}

static gpointer
virNetClientReader(gpointer opaque)
{
    virNetClient *client = opaque;

    for (;;) {
        struct pollfd fds[2] = {
            { .fd = client->fd, .events = POLLIN },
            { .fd = client->wakeup[0], .events = POLLIN },
        };
        int timeout;
        int rc;

        g_mutex_lock(&client->lock);
        if (client->closed) {
            g_mutex_unlock(&client->lock);
            break;
        }
        timeout = client->kaInterval > 0 ? client->kaInterval * 1000 : -1;
        g_mutex_unlock(&client->lock);

        /* TLS may hold decrypted bytes the socket no longer signals. */
        if (client->tls && gnutls_record_check_pending(client->tls) > 0) {
            rc = 1;
            fds[0].revents = POLLIN;
            fds[1].revents = 0;
        } else {
            rc = poll(fds, 2, timeout);
        }
        if (rc < 0 && errno == EINTR)
            continue;
        if (fds[1].revents) {
            char buf[16];

            while (read(client->wakeup[0], buf, sizeof(buf)) > 0)
                ;
        }
        if (rc == 0 || !(fds[0].revents)) {
            if (!virNetClientKeepAliveTick(client)) {
                virNetClientFail(client, VIR_NET_CLIENT_CLOSE_KEEPALIVE,
                                 virNetClientMakeError(VIR_ERR_INTERNAL_ERROR, "%s",
                                                       "connection closed due to keepalive timeout"),
                                 true);
                break;
            }
            continue;
        }

        {
            virErrorInfo *err = NULL;
            virNetMessage *msg = virNetClientReadMessage(client, &err);

            if (!msg) {
                virNetClientFail(client, VIR_NET_CLIENT_CLOSE_EOF, err, true);
                break;
            }
            g_mutex_lock(&client->lock);
            client->lastRx = g_get_monotonic_time();
            client->kaMissed = 0;
            g_mutex_unlock(&client->lock);
            virNetClientDispatch(client, msg);
        }
    }
    /* Closed by another thread (a failed send): report it from here. */
    virNetClientNotifyClose(client);
    virNetClientUnref(client);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Calls                                                               */

static int
virNetClientCallFull(virNetClient *client, virNetClientStream *st,
                     unsigned int prog, unsigned int vers, int proc,
                     xdrproc_t argsFilter, void *args,
                     xdrproc_t retFilter, void *ret)
{
    virNetClientCallState call = { 0 };
    g_autoptr(virNetMessage) msg = NULL;
    g_autoptr(virNetMessage) reply = NULL;
    g_autoptr(virErrorInfo) err = NULL;

    g_cond_init(&call.cond);
    g_mutex_lock(&client->lock);
    if (client->closed) {
        virErrorSetLast(client->closeErr);
        g_mutex_unlock(&client->lock);
        g_cond_clear(&call.cond);
        return -1;
    }
    call.serial = client->nextSerial++;
    g_hash_table_insert(client->calls, GUINT_TO_POINTER(call.serial), &call);
    if (st) {
        /* Bound before the call goes out: data may follow the reply at once. */
        st->prog = prog;
        st->vers = vers;
        st->proc = proc;
        st->serial = call.serial;
        st->bound = true;
    }
    g_mutex_unlock(&client->lock);

    msg = virNetClientNewMessage(prog, vers, proc, VIR_NET_CALL, call.serial, VIR_NET_OK);
    if (virNetMessageEncodePayload(msg, argsFilter, args) < 0) {
        err = virErrorCopyLast();
    } else {
        virNetClientSendMessage(client, msg);
    }

    g_mutex_lock(&client->lock);
    while (!err && !call.done)
        g_cond_wait(&call.cond, &client->lock);
    g_hash_table_remove(client->calls, GUINT_TO_POINTER(call.serial));
    reply = g_steal_pointer(&call.reply);
    if (!err && !reply && client->closeErr) {
        err = g_new0(virErrorInfo, 1);
        *err = *client->closeErr;
        err->message = g_strdup(client->closeErr->message);
        err->str1 = g_strdup(client->closeErr->str1);
        err->str2 = g_strdup(client->closeErr->str2);
        err->str3 = g_strdup(client->closeErr->str3);
    }
    if (st && (err || !reply || reply->header.status != VIR_NET_OK))
        st->bound = false;
    g_mutex_unlock(&client->lock);
    g_cond_clear(&call.cond);

    if (err) {
        virErrorSetLast(err);
        return -1;
    }
    if (reply->header.status != VIR_NET_OK) {
        g_autoptr(virErrorInfo) remote = virNetClientErrorFromMessage(reply);

        virErrorSetLast(remote);
        return -1;
    }
    return virNetMessageDecodePayload(reply, retFilter, ret);
}

int
virNetClientCall(virNetClient *client, unsigned int prog, unsigned int vers,
                 int proc, xdrproc_t argsFilter, void *args,
                 xdrproc_t retFilter, void *ret)
{
    return virNetClientCallFull(client, NULL, prog, vers, proc,
                                argsFilter, args, retFilter, ret);
}

/* ------------------------------------------------------------------ */
/* Relaying                                                            */

void
virNetClientSetRawHandler(virNetClient *client, virNetClientRawFunc func, void *opaque)
{
    g_mutex_lock(&client->lock);
    client->rawFunc = func;
    client->rawOpaque = opaque;
    g_mutex_unlock(&client->lock);
}

int
virNetClientSendRaw(virNetClient *client, virNetMessage *msg)
{
    if (!virNetClientIsOpen(client)) {
        g_mutex_lock(&client->lock);
        virErrorSetLast(client->closeErr);
        g_mutex_unlock(&client->lock);
        return -1;
    }
    return virNetClientSendMessage(client, msg);
}

/* ------------------------------------------------------------------ */
/* Streams                                                             */

virNetClientStream *
virNetClientStreamNew(virNetClient *client)
{
    virNetClientStream *st = g_new0(virNetClientStream, 1);

    st->client = virNetClientRef(client);
    st->rx = g_byte_array_new();
    st->holes = g_array_new(FALSE, FALSE, sizeof(virNetClientStreamHole));
    g_cond_init(&st->cond);
    g_mutex_lock(&client->lock);
    g_ptr_array_add(client->streams, st);
    g_mutex_unlock(&client->lock);
    return st;
}

void
virNetClientStreamFree(virNetClientStream *st)
{
    virNetClient *client;

    if (!st)
        return;
    client = st->client;
    g_mutex_lock(&client->lock);
    g_ptr_array_remove(client->streams, st);
    g_mutex_unlock(&client->lock);
    g_byte_array_unref(st->rx);
    g_array_unref(st->holes);
    virErrorInfoFree(st->err);
    g_cond_clear(&st->cond);
    g_free(st);
    virNetClientUnref(client);
}

int
virNetClientCallStream(virNetClient *client, virNetClientStream *st,
                       unsigned int prog, unsigned int vers, int proc,
                       xdrproc_t argsFilter, void *args,
                       xdrproc_t retFilter, void *ret)
{
    return virNetClientCallFull(client, st, prog, vers, proc,
                                argsFilter, args, retFilter, ret);
}

void
virNetClientStreamSetNotify(virNetClientStream *st, void (*func)(void *opaque), void *opaque)
{
    g_mutex_lock(&st->client->lock);
    st->notify = func;
    st->notifyOpaque = opaque;
    g_mutex_unlock(&st->client->lock);
}

/* Reports the stream's error (or the connection's) as the last error. */
static int
virNetClientStreamRaiseLocked(virNetClientStream *st)
{
    if (st->err)
        virErrorSetLast(st->err);
    else if (st->client->closeErr)
        virErrorSetLast(st->client->closeErr);
    else
        virErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_RPC, "%s", "stream is not open");
    return -1;
}

static int
virNetClientStreamSendPacket(virNetClientStream *st, int status, const char *data, size_t len)
{
    g_autoptr(virNetMessage) msg = NULL;

    g_mutex_lock(&st->client->lock);
    if (!st->bound || st->client->closed || st->err) {
        int rc = virNetClientStreamRaiseLocked(st);

        g_mutex_unlock(&st->client->lock);
        return rc;
    }
    msg = virNetClientNewMessage(st->prog, st->vers, st->proc, VIR_NET_STREAM,
                                 st->serial, status);
    g_mutex_unlock(&st->client->lock);
    if (virNetMessageEncodePayloadRaw(msg, data, len) < 0)
        return -1;
    return virNetClientSendMessage(st->client, msg);
}

int
virNetClientStreamSend(virNetClientStream *st, const char *data, size_t len)
{
    /* Packets stay within what every libvirt peer accepts. */
    const size_t chunk = VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX - VIR_NET_MESSAGE_HEADER_MAX;
    size_t done = 0;

    while (done < len) {
        size_t n = MIN(chunk, len - done);

        if (virNetClientStreamSendPacket(st, VIR_NET_CONTINUE, data + done, n) < 0)
            return -1;
        done += n;
    }
    return 0;
}

void
virNetClientStreamSetSparse(virNetClientStream *st, bool sparse)
{
    g_mutex_lock(&st->client->lock);
    st->sparse = sparse;
    g_mutex_unlock(&st->client->lock);
}

/* Drops n bytes of data read (with the lock). */
static void
virNetClientStreamConsumeLocked(virNetClientStream *st, size_t n)
{
    size_t i;

    g_byte_array_remove_range(st->rx, 0, n);
    for (i = 0; i < st->holes->len; i++)
        g_array_index(st->holes, virNetClientStreamHole, i).pos -= n;
}

ssize_t
virNetClientStreamRecv(virNetClientStream *st, char *data, size_t len, bool nonblock)
{
    return virNetClientStreamRecvFlags(st, data, len, nonblock, false);
}

ssize_t
virNetClientStreamRecvFlags(virNetClientStream *st, char *data, size_t len, bool nonblock,
                            bool stopAtHole)
{
    virNetClient *client = st->client;
    virNetClientStreamHole *hole;
    ssize_t n;

    g_mutex_lock(&client->lock);
    while (st->rx->len == 0 && st->holes->len == 0 && !st->eof && !st->err &&
           !client->closed) {
        if (nonblock) {
            g_mutex_unlock(&client->lock);
            return -2;
        }
        g_cond_wait(&st->cond, &client->lock);
    }
    hole = st->holes->len > 0 ? &g_array_index(st->holes, virNetClientStreamHole, 0) : NULL;
    if (hole && hole->pos == 0) {
        /* At a hole: stop there, or read it as zeros. */
        if (stopAtHole) {
            n = -3;
        } else {
            n = MIN((long long)len, hole->length);
            memset(data, 0, n);
            if ((hole->length -= n) == 0)
                g_array_remove_index(st->holes, 0);
        }
    } else if (st->rx->len > 0) {
        n = MIN(len, hole ? hole->pos : st->rx->len);
        memcpy(data, st->rx->data, n);
        virNetClientStreamConsumeLocked(st, n);
    } else if (st->err || (client->closed && !st->eof)) {
        n = virNetClientStreamRaiseLocked(st);
    } else {
        n = 0;
    }
    g_mutex_unlock(&client->lock);
    return n;
}

int
virNetClientStreamRecvHole(virNetClientStream *st, long long *length)
{
    virNetClient *client = st->client;

    *length = 0;
    g_mutex_lock(&client->lock);
    if (st->holes->len > 0 &&
        g_array_index(st->holes, virNetClientStreamHole, 0).pos == 0) {
        *length = g_array_index(st->holes, virNetClientStreamHole, 0).length;
        g_array_remove_index(st->holes, 0);
    }
    g_mutex_unlock(&client->lock);
    return 0;
}

int
virNetClientStreamSendHole(virNetClientStream *st, long long length)
{
    virNetStreamHole data = { .length = length, .flags = 0 };
    g_autoptr(virNetMessage) msg = NULL;

    g_mutex_lock(&st->client->lock);
    if (!st->bound || st->client->closed || st->err) {
        int rc = virNetClientStreamRaiseLocked(st);

        g_mutex_unlock(&st->client->lock);
        return rc;
    }
    if (!st->sparse) {
        g_mutex_unlock(&st->client->lock);
        virErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_INVALID_ARG, "%s",
                           "holes can only be sent on a sparse stream");
        return -1;
    }
    msg = virNetClientNewMessage(st->prog, st->vers, st->proc, VIR_NET_STREAM_HOLE,
                                 st->serial, VIR_NET_CONTINUE);
    g_mutex_unlock(&st->client->lock);
    if (virNetMessageEncodePayload(msg, (xdrproc_t)xdr_virNetStreamHole, &data) < 0)
        return -1;
    return virNetClientSendMessage(st->client, msg);
}

bool
virNetClientStreamHasPending(virNetClientStream *st)
{
    bool pending;

    g_mutex_lock(&st->client->lock);
    pending = st->rx->len > 0 || st->holes->len > 0 || st->eof || st->err || st->client->closed;
    g_mutex_unlock(&st->client->lock);
    return pending;
}

static int
virNetClientStreamClose(virNetClientStream *st, int status)
{
    virNetClient *client = st->client;
    int ret = 0;

    if (virNetClientStreamSendPacket(st, status, NULL, 0) < 0)
        return -1;
    g_mutex_lock(&client->lock);
    while (!st->finished && !st->err && !client->closed)
        g_cond_wait(&st->cond, &client->lock);
    if (!st->finished)
        ret = virNetClientStreamRaiseLocked(st);
    st->bound = false;
    g_mutex_unlock(&client->lock);
    return ret;
}

int
virNetClientStreamFinish(virNetClientStream *st)
{
    return virNetClientStreamClose(st, VIR_NET_OK);
}

int
virNetClientStreamAbort(virNetClientStream *st)
{
    return virNetClientStreamClose(st, VIR_NET_ERROR);
}
