#include "virnetserver.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <netdb.h>
#include <netinet/in.h>
#include <unistd.h>
#include <glib-unix.h>

#include "keepalive_protocol.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

VIR_LOG_INIT("rpc.netserver");

typedef struct {
    virNetServer *srv;
    int fd;
    guint watch;
    bool readonly;
    bool authenticated;
    virNetTLSServer *tls;       /* TLS listener (not owned) */
    const virNetServerProgram *const *progs;
    size_t nprogs;
} virNetServerService;

struct _virNetServer {
    char *name;
    GMutex lock;
    virNetServerConfig cfg;
    GPtrArray *services;
    GHashTable *clients;            /* virNetServerClient * (set) */
    GThreadPool *workers;
    GThreadPool *prioWorkers;
    unsigned long long nextClientID;
    virNetServerClientHook added;
    virNetServerClientHook closed;
    void *hookOpaque;
    bool closing;
};

typedef enum {
    VIR_NET_CLIENT_RX_LENGTH,       /* reading the 4-byte length */
    VIR_NET_CLIENT_RX_BODY,         /* reading the rest of the message */
    VIR_NET_CLIENT_RX_FDS,          /* receiving passed descriptors */
} virNetServerClientRxState;

typedef struct {
    GSource source;
    virNetServerClient *client;
} virNetServerClientSource;

struct _virNetServerClient {
    gint refs;
    GMutex lock;
    virNetServer *srv;
    virNetServerService *svc;
    unsigned long long id;
    int fd;
    bool readonly;
    bool authenticated;
    bool isUNIX;                /* peer credentials available */
    gnutls_session_t tls;
    char *x509dn;

    /* main-context state */
    GSource *source;
    gpointer fdtag;
    GIOCondition events;
    virNetMessage *rx;
    virNetServerClientRxState rxState;
    guint keepaliveTimer;
    gint64 lastActivity;
    unsigned int keepaliveMissed;

    /* shared state, under lock */
    GQueue *tx;                 /* virNetMessage * */
    GMutex writeLock;           /* one writer at a time: the loop or a worker's direct send */
    unsigned int nrequests;
    bool closing;               /* no more reading; close when flushed */
    bool closed;                /* fd gone */
    bool watchUpdatePending;
    bool keepaliveWanted;
    GList *streams;             /* virNetServerStream * (not referenced) */
    GCond streamCond;           /* stream data queued or sent, abort, close */

    void *privateData;
    GDestroyNotify privateFree;
};

typedef struct {
    virNetServerClient *client;
    virNetMessage *msg;
    const virNetServerProgram *prog;
} virNetServerJob;

/* Stream flow control: reading from a client pauses while one of its
 * streams holds this much unread data; a sending handler waits while the
 * client's output queue is this long. */
#define VIR_NET_SERVER_STREAM_RX_MAX (4 * 1024 * 1024)
#define VIR_NET_SERVER_STREAM_TX_MAX 32
/* The largest data packet we send (what libvirt sends: 256 KiB in all). */
#define VIR_NET_SERVER_STREAM_CHUNK (262144 - VIR_NET_MESSAGE_LEN_MAX - VIR_NET_MESSAGE_HEADER_MAX)

struct _virNetServerStream {
    virNetServerClient *client;         /* referenced */
    virNetMessageHeader hdr;            /* the call's */
    unsigned int flags;                 /* virNetServerStreamFlags */
    /* under client->lock: */
    GQueue *rx;                         /* the client's packets, unread */
    size_t rxBytes;
    size_t rxOffset;                    /* bytes of rx's head already read */
    bool accepted;
    bool finished;                      /* the client sent its finish (OK) */
    bool aborted;                       /* the client sent an abort (ERROR) */
    char *interrupted;                  /* why the server ended it, or NULL */
};

static void virNetServerClientUpdateWatch(virNetServerClient *client);
static bool virNetServerClientStreamsFull(virNetServerClient *client);
static int virNetServerStreamQueue(virNetServerStream *st, virNetMessage *msg);
static virNetMessage *virNetServerStreamMessage(virNetServerStream *st, int type, int status,
                                               const char *data, size_t len);
static void virNetServerClientStreamPacket(virNetServerClient *client, virNetMessage *msg);
static void virNetServerClientDoClose(virNetServerClient *client);
static void virNetServerWorker(gpointer data, gpointer opaque);

/* ------------------------------------------------------------------ */

int
virNetSocketListenUnix(const char *path, mode_t mode, gid_t gid)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    mode_t oldmask;
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "UNIX socket path '%s' too long", path);
        return -1;
    }
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));

    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) < 0) {
        virReportSystemError(errno, "%s", "Failed to create socket");
        return -1;
    }
    unlink(path);
    /* Bind under a restrictive umask, then widen: no window where the
     * socket is more open than configured. */
    oldmask = umask(0077);
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        umask(oldmask);
        virReportSystemError(errno, "Failed to bind socket to '%s'", path);
        close(fd);
        return -1;
    }
    umask(oldmask);
    if (gid != (gid_t)-1 && chown(path, -1, gid) < 0) {
        virReportSystemError(errno, "Failed to change group of '%s'", path);
        close(fd);
        return -1;
    }
    if (chmod(path, mode) < 0) {
        virReportSystemError(errno, "Failed to change mode of '%s'", path);
        close(fd);
        return -1;
    }
    if (listen(fd, 64) < 0) {
        virReportSystemError(errno, "Failed to listen on '%s'", path);
        close(fd);
        return -1;
    }
    return fd;
}

int
virNetSocketListenTCP(const char *addr, const char *port, int *fds)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE | AI_ADDRCONFIG };
    struct addrinfo *res = NULL;
    struct addrinfo *ai;
    int n = 0;
    int rc;

    if ((rc = getaddrinfo(addr, port, &hints, &res)) != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to resolve address '%s' service '%s': %s",
                       addr ? addr : "*", port, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai && n < 2; ai = ai->ai_next) {
        int one = 1;
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);

        if (fd < 0)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (ai->ai_family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 64) < 0) {
            int err = errno;

            close(fd);
            if (err == EADDRINUSE) {
                freeaddrinfo(res);
                while (n > 0)
                    close(fds[--n]);
                virReportSystemError(err, "Unable to listen on port %s", port);
                return -1;
            }
            continue;
        }
        fds[n++] = fd;
    }
    freeaddrinfo(res);
    if (n == 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Unable to listen on %s port %s",
                       addr ? addr : "any address", port);
        return -1;
    }
    return n;
}

/* ------------------------------------------------------------------ */

virNetServer *
virNetServerNew(const char *name, const virNetServerConfig *cfg)
{
    virNetServer *srv = g_new0(virNetServer, 1);
    GError *err = NULL;

    srv->name = g_strdup(name);
    g_mutex_init(&srv->lock);
    srv->cfg = *cfg;
    srv->services = g_ptr_array_new();
    srv->clients = g_hash_table_new(NULL, NULL);
    srv->workers = g_thread_pool_new(virNetServerWorker, srv,
                                     MAX(cfg->maxWorkers, 1), FALSE, &err);
    if (!err && cfg->prioWorkers)
        srv->prioWorkers = g_thread_pool_new(virNetServerWorker, srv,
                                             cfg->prioWorkers, FALSE, &err);
    if (err) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot create worker pool: %s", err->message);
        g_error_free(err);
        virNetServerFree(srv);
        return NULL;
    }
    return srv;
}

const char *
virNetServerGetName(virNetServer *srv)
{
    return srv->name;
}

void
virNetServerSetClientHooks(virNetServer *srv, virNetServerClientHook added,
                           virNetServerClientHook closed, void *opaque)
{
    srv->added = added;
    srv->closed = closed;
    srv->hookOpaque = opaque;
}

void
virNetServerUpdateConfig(virNetServer *srv, const virNetServerConfig *cfg)
{
    g_mutex_lock(&srv->lock);
    srv->cfg = *cfg;
    g_mutex_unlock(&srv->lock);
    g_thread_pool_set_max_threads(srv->workers, MAX(cfg->maxWorkers, 1), NULL);
    if (srv->prioWorkers && cfg->prioWorkers)
        g_thread_pool_set_max_threads(srv->prioWorkers, cfg->prioWorkers, NULL);
}

void
virNetServerClose(virNetServer *srv)
{
    g_autoptr(GPtrArray) clients = g_ptr_array_new();
    GHashTableIter iter;
    gpointer key;
    size_t i;

    for (i = 0; i < srv->services->len; i++) {
        virNetServerService *svc = g_ptr_array_index(srv->services, i);

        if (svc->watch)
            g_source_remove(svc->watch);
        svc->watch = 0;
        if (svc->fd >= 0)
            close(svc->fd);
        svc->fd = -1;
    }

    g_mutex_lock(&srv->lock);
    srv->closing = true;
    g_hash_table_iter_init(&iter, srv->clients);
    while (g_hash_table_iter_next(&iter, &key, NULL))
        g_ptr_array_add(clients, virNetServerClientRef(key));
    g_mutex_unlock(&srv->lock);

    for (i = 0; i < clients->len; i++) {
        virNetServerClient *client = g_ptr_array_index(clients, i);

        virNetServerClientDoClose(client);
        virNetServerClientUnref(client);
    }
}

void
virNetServerFree(virNetServer *srv)
{
    size_t i;

    if (!srv)
        return;
    virNetServerClose(srv);
    /* Let running calls finish: they hold client references. */
    g_thread_pool_free(srv->workers, FALSE, TRUE);
    if (srv->prioWorkers)
        g_thread_pool_free(srv->prioWorkers, FALSE, TRUE);
    for (i = 0; i < srv->services->len; i++)
        g_free(g_ptr_array_index(srv->services, i));
    g_ptr_array_unref(srv->services);
    g_hash_table_unref(srv->clients);
    g_mutex_clear(&srv->lock);
    g_free(srv->name);
    g_free(srv);
}

size_t
virNetServerClientCount(virNetServer *srv)
{
    size_t n;

    g_mutex_lock(&srv->lock);
    n = g_hash_table_size(srv->clients);
    g_mutex_unlock(&srv->lock);
    return n;
}

void
virNetServerForEachClient(virNetServer *srv,
                          void (*func)(virNetServerClient *client, void *opaque),
                          void *opaque)
{
    GHashTableIter iter;
    gpointer key;

    g_mutex_lock(&srv->lock);
    g_hash_table_iter_init(&iter, srv->clients);
    while (g_hash_table_iter_next(&iter, &key, NULL))
        func(key, opaque);
    g_mutex_unlock(&srv->lock);
}

/* ------------------------------------------------------------------ */
/* Clients: reference counting and shared state                        */

virNetServerClient *
virNetServerClientRef(virNetServerClient *client)
{
    g_atomic_int_inc(&client->refs);
    return client;
}

void
virNetServerClientUnref(virNetServerClient *client)
{
    if (!client || !g_atomic_int_dec_and_test(&client->refs))
        return;
    if (client->privateFree)
        client->privateFree(client->privateData);
    g_queue_free_full(client->tx, (GDestroyNotify)virNetMessageFree);
    virNetMessageFree(client->rx);
    g_cond_clear(&client->streamCond);
    if (client->tls)
        gnutls_deinit(client->tls);
    g_free(client->x509dn);
    if (client->fd >= 0)
        close(client->fd);
    g_mutex_clear(&client->lock);
    g_mutex_clear(&client->writeLock);
    g_free(client);
}

void *
virNetServerClientGetPrivateData(virNetServerClient *client)
{
    return client->privateData;
}

void
virNetServerClientSetPrivateData(virNetServerClient *client, void *data,
                                 GDestroyNotify freefn)
{
    client->privateData = data;
    client->privateFree = freefn;
}

bool
virNetServerClientIsReadonly(virNetServerClient *client)
{
    return client->readonly;
}

void
virNetServerClientSetAuthenticated(virNetServerClient *client)
{
    g_mutex_lock(&client->lock);
    client->authenticated = true;
    g_mutex_unlock(&client->lock);
}

unsigned long long
virNetServerClientGetID(virNetServerClient *client)
{
    return client->id;
}

const char *
virNetServerClientGetX509DN(virNetServerClient *client)
{
    return client->x509dn;
}

bool
virNetServerClientIsUNIX(virNetServerClient *client)
{
    return client->isUNIX;
}

/* Socket I/O, through TLS when the client has a session. Both return
 * bytes moved, or -1 with errno (EAGAIN when nothing can move now). */
static ssize_t
virNetServerClientRecv(virNetServerClient *client, void *buf, size_t len)
{
    ssize_t n;

    if (!client->tls)
        return read(client->fd, buf, len);
    n = gnutls_record_recv(client->tls, buf, len);
    if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) {
        errno = EAGAIN;
        return -1;
    }
    if (n < 0) {
        errno = ECONNRESET;
        return -1;
    }
    return n;
}

static ssize_t
virNetServerClientSend(virNetServerClient *client, const void *buf, size_t len)
{
    ssize_t n;

    if (!client->tls)
        return send(client->fd, buf, len, MSG_NOSIGNAL);
    n = gnutls_record_send(client->tls, buf, len);
    if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) {
        errno = EAGAIN;
        return -1;
    }
    if (n < 0) {
        errno = ECONNRESET;
        return -1;
    }
    return n;
}

int
virNetServerClientGetUnixIdentity(virNetServerClient *client,
                                  uid_t *uid, gid_t *gid, pid_t *pid)
{
    struct ucred cr;
    socklen_t len = sizeof(cr);

    if (getsockopt(client->fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0) {
        virReportSystemError(errno, "%s", "Failed to get client socket identity");
        return -1;
    }
    *uid = cr.uid;
    *gid = cr.gid;
    *pid = cr.pid;
    return 0;
}

/* Ask the main context to recompute the client's poll events. */
static gboolean
virNetServerClientUpdateWatchIdle(gpointer opaque)
{
    virNetServerClient *client = opaque;

    g_mutex_lock(&client->lock);
    client->watchUpdatePending = false;
    g_mutex_unlock(&client->lock);
    virNetServerClientUpdateWatch(client);
    return G_SOURCE_REMOVE;
}

static void
virNetServerClientKick(virNetServerClient *client)
{
    bool schedule;

    g_mutex_lock(&client->lock);
    schedule = !client->watchUpdatePending && !client->closed;
    client->watchUpdatePending |= schedule;
    g_mutex_unlock(&client->lock);
    if (schedule)
        g_main_context_invoke_full(NULL, G_PRIORITY_DEFAULT,
                                   virNetServerClientUpdateWatchIdle,
                                   virNetServerClientRef(client),
                                   (GDestroyNotify)virNetServerClientUnref);
}

static int virNetServerClientWriteLocked(virNetServerClient *client);

void
virNetServerClientSendMessage(virNetServerClient *client, virNetMessage *msg)
{
    bool direct;
    bool pending = true;

    g_mutex_lock(&client->lock);
    if (client->closed) {
        g_mutex_unlock(&client->lock);
        virNetMessageFree(msg);
        return;
    }
    /* A reply to an idle plain socket is sent right here, by the worker:
     * waking the main loop to send it costs more than the call itself.
     * TLS sessions and fd passing keep to the loop. */
    direct = !client->tls && msg->nfds == 0 && g_queue_is_empty(client->tx);
    g_queue_push_tail(client->tx, msg);
    g_mutex_unlock(&client->lock);

    if (direct && g_mutex_trylock(&client->writeLock)) {
        if (virNetServerClientWriteLocked(client) == 0) {
            g_mutex_lock(&client->lock);
            pending = !g_queue_is_empty(client->tx);
            g_mutex_unlock(&client->lock);
        }
        g_mutex_unlock(&client->writeLock);
    }
    /* What is left (or a failed send, which the loop turns into a close). */
    if (pending)
        virNetServerClientKick(client);
}

void
virNetServerClientSendError(virNetServerClient *client,
                            const virNetMessageHeader *hdr,
                            const virErrorInfo *err)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();
    virNetMessageError rerr;

    virNetMessageErrorFromInfo(&rerr, err);
    msg->header = *hdr;
    msg->header.type = VIR_NET_REPLY;
    msg->header.status = VIR_NET_ERROR;
    if (virNetMessageEncodeHeader(msg) < 0 ||
        virNetMessageEncodePayload(msg, (xdrproc_t)xdr_virNetMessageError, &rerr) < 0) {
        xdr_free((xdrproc_t)xdr_virNetMessageError, (char *)&rerr);
        VIR_WARN("cannot encode an error reply; dropping client %llu", client->id);
        virNetServerClientCloseAfterFlush(client);
        return;
    }
    xdr_free((xdrproc_t)xdr_virNetMessageError, (char *)&rerr);
    virNetServerClientSendMessage(client, g_steal_pointer(&msg));
}

void
virNetServerClientCloseAfterFlush(virNetServerClient *client)
{
    g_mutex_lock(&client->lock);
    client->closing = true;
    g_mutex_unlock(&client->lock);
    virNetServerClientKick(client);
}

static gboolean virNetServerClientKeepAliveTimer(gpointer opaque);

static gboolean
virNetServerClientStartKeepAliveIdle(gpointer opaque)
{
    virNetServerClient *client = opaque;
    virNetServer *srv = client->srv;

    if (client->keepaliveTimer || client->closed || srv->cfg.keepaliveInterval <= 0)
        return G_SOURCE_REMOVE;
    client->keepaliveMissed = 0;
    client->keepaliveTimer = g_timeout_add_seconds_full(G_PRIORITY_DEFAULT,
                                                        srv->cfg.keepaliveInterval,
                                                        virNetServerClientKeepAliveTimer,
                                                        virNetServerClientRef(client),
                                                        (GDestroyNotify)virNetServerClientUnref);
    return G_SOURCE_REMOVE;
}

void
virNetServerClientStartKeepAlive(virNetServerClient *client)
{
    g_main_context_invoke_full(NULL, G_PRIORITY_DEFAULT,
                               virNetServerClientStartKeepAliveIdle,
                               virNetServerClientRef(client),
                               (GDestroyNotify)virNetServerClientUnref);
}

/* ------------------------------------------------------------------ */
/* Main-context side of a client                                       */

static virNetMessage *
virNetServerKeepAliveMessage(int proc)
{
    virNetMessage *msg = virNetMessageNew();

    msg->header.prog = KEEPALIVE_PROGRAM;
    msg->header.vers = KEEPALIVE_PROTOCOL_VERSION;
    msg->header.proc = proc;
    msg->header.type = VIR_NET_MESSAGE;
    msg->header.serial = 0;
    msg->header.status = VIR_NET_OK;
    virNetMessageEncodeHeader(msg);
    virNetMessageEncodePayloadEmpty(msg);
    return msg;
}

static gboolean
virNetServerClientKeepAliveTimer(gpointer opaque)
{
    virNetServerClient *client = opaque;
    virNetServer *srv = client->srv;
    gint64 idle = (g_get_monotonic_time() - client->lastActivity) / G_USEC_PER_SEC;

    if (client->closed) {
        client->keepaliveTimer = 0;
        return G_SOURCE_REMOVE;
    }
    if (idle < srv->cfg.keepaliveInterval)
        return G_SOURCE_CONTINUE;
    if (client->keepaliveMissed >= srv->cfg.keepaliveCount) {
        VIR_WARN("client %llu did not answer keepalive for %lld s; closing",
                 client->id, (long long)idle);
        client->keepaliveTimer = 0;
        virNetServerClientDoClose(client);
        return G_SOURCE_REMOVE;
    }
    client->keepaliveMissed++;
    virNetServerClientSendMessage(client, virNetServerKeepAliveMessage(KEEPALIVE_PROC_PING));
    return G_SOURCE_CONTINUE;
}

static void
virNetServerClientDoClose(virNetServerClient *client)
{
    virNetServer *srv = client->srv;
    bool wasOpen;

    g_mutex_lock(&client->lock);
    wasOpen = !client->closed;
    client->closed = true;
    client->closing = true;
    g_cond_broadcast(&client->streamCond);     /* streams end with the client */
    g_mutex_unlock(&client->lock);
    if (!wasOpen)
        return;

    VIR_DEBUG("closing client %llu", client->id);
    if (client->source) {
        g_source_destroy(client->source);
        g_source_unref(client->source);
        client->source = NULL;
    }
    if (client->keepaliveTimer) {
        g_source_remove(client->keepaliveTimer);
        client->keepaliveTimer = 0;
    }
    shutdown(client->fd, SHUT_RDWR);

    g_mutex_lock(&srv->lock);
    g_hash_table_remove(srv->clients, client);
    g_mutex_unlock(&srv->lock);

    if (srv->closed)
        srv->closed(srv, client, srv->hookOpaque);
    /* The set's reference. */
    virNetServerClientUnref(client);
}

static void
virNetServerClientUpdateWatch(virNetServerClient *client)
{
    GIOCondition want = 0;
    bool closeNow;

    g_mutex_lock(&client->lock);
    if (client->closed) {
        g_mutex_unlock(&client->lock);
        return;
    }
    if (!client->closing && client->nrequests < client->srv->cfg.maxClientRequests &&
        !virNetServerClientStreamsFull(client))
        want |= G_IO_IN;
    if (!g_queue_is_empty(client->tx))
        want |= G_IO_OUT;
    closeNow = client->closing && g_queue_is_empty(client->tx);
    g_mutex_unlock(&client->lock);

    if (closeNow) {
        virNetServerClientDoClose(client);
        return;
    }
    if (want != client->events) {
        client->events = want;
        g_source_modify_unix_fd(client->source, client->fdtag, want);
    }
}

static void
virNetServerClientDispatchCall(virNetServerClient *client, virNetMessage *msg)
{
    virNetServerService *svc = client->svc;
    const virNetServerProgram *prog = NULL;
    virNetServerJob *job;
    GThreadPool *pool = client->srv->workers;
    size_t i;

    for (i = 0; i < svc->nprogs; i++) {
        if (svc->progs[i]->prog == msg->header.prog &&
            svc->progs[i]->vers == msg->header.vers)
            prog = svc->progs[i];
    }
    if (!prog) {
        g_autoptr(virNetMessage) owned = msg;

        virReportError(VIR_ERR_RPC, "Cannot find program %u version %u",
                       msg->header.prog, msg->header.vers);
        virNetServerClientSendError(client, &msg->header, NULL);
        return;
    }

    job = g_new0(virNetServerJob, 1);
    job->client = virNetServerClientRef(client);
    job->msg = msg;
    job->prog = prog;

    g_mutex_lock(&client->lock);
    client->nrequests++;
    msg->tracked = true;
    g_mutex_unlock(&client->lock);

    /* A priority call (destroy, lookups...) goes to the reserve workers
     * when every normal worker is busy, so it is not stuck behind slow calls. */
    if (client->srv->prioWorkers &&
        g_thread_pool_unprocessed(pool) > 0) {
        for (i = 0; i < prog->nprocs; i++) {
            if (prog->procs[i].proc == msg->header.proc && prog->procs[i].priority) {
                pool = client->srv->prioWorkers;
                break;
            }
        }
    }
    g_thread_pool_push(pool, job, NULL);
}

/* A complete message arrived: decide what to do with it. */
static int
virNetServerClientHandleMessage(virNetServerClient *client, virNetMessage *msg)
{
    if (virNetMessageDecodeHeader(msg) < 0) {
        virNetMessageFree(msg);
        return -1;
    }

    if (msg->header.prog == KEEPALIVE_PROGRAM) {
        if (msg->header.type == VIR_NET_MESSAGE &&
            msg->header.proc == KEEPALIVE_PROC_PING)
            virNetServerClientSendMessage(client,
                                          virNetServerKeepAliveMessage(KEEPALIVE_PROC_PONG));
        virNetMessageFree(msg);
        return 0;
    }

    {
        size_t i;

        for (i = 0; i < client->svc->nprogs; i++) {
            const virNetServerProgram *prog = client->svc->progs[i];

            if (prog->relay && prog->prog == msg->header.prog &&
                prog->relay(client->srv, client, msg))
                return 0;
        }
    }

    switch ((virNetMessageType)msg->header.type) {
    case VIR_NET_CALL:
    case VIR_NET_CALL_WITH_FDS:
        virNetServerClientDispatchCall(client, msg);
        return 0;
    case VIR_NET_STREAM:
    case VIR_NET_STREAM_HOLE:
        virNetServerClientStreamPacket(client, msg);
        return 0;
    case VIR_NET_REPLY:
    case VIR_NET_MESSAGE:
    case VIR_NET_REPLY_WITH_FDS:
    default:
        VIR_DEBUG("client %llu: dropping unexpected message type %d",
                  client->id, msg->header.type);
        virNetMessageFree(msg);
        return 0;
    }
}

/* Reads what is available; returns -1 when the client must go. */
static int
virNetServerClientRead(virNetServerClient *client)
{
    for (;;) {
        virNetMessage *msg;
        ssize_t n;

        if (!client->rx) {
            client->rx = virNetMessageNew();
            client->rx->bufferLength = VIR_NET_MESSAGE_LEN_MAX;
            client->rx->buffer = g_malloc(VIR_NET_MESSAGE_LEN_MAX);
            client->rxState = VIR_NET_CLIENT_RX_LENGTH;
        }
        msg = client->rx;

        if (client->rxState == VIR_NET_CLIENT_RX_FDS) {
            char dummy;
            struct iovec iov = { .iov_base = &dummy, .iov_len = 1 };
            union {
                struct cmsghdr hdr;
                char buf[CMSG_SPACE(sizeof(int))];
            } control;
            struct msghdr mh = {
                .msg_iov = &iov, .msg_iovlen = 1,
                .msg_control = control.buf, .msg_controllen = sizeof(control.buf),
            };
            struct cmsghdr *cm;

            n = recvmsg(client->fd, &mh, MSG_CMSG_CLOEXEC);
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                return 0;
            if (n <= 0)
                return -1;
            cm = CMSG_FIRSTHDR(&mh);
            if (!cm || cm->cmsg_type != SCM_RIGHTS ||
                cm->cmsg_len != CMSG_LEN(sizeof(int)))
                return -1;
            memcpy(&msg->fds[msg->donefds++], CMSG_DATA(cm), sizeof(int));
            if (msg->donefds < msg->nfds)
                continue;
            msg->donefds = 0;
        } else {
            n = virNetServerClientRecv(client, msg->buffer + msg->bufferOffset,
                                       msg->bufferLength - msg->bufferOffset);
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                return 0;
            if (n <= 0)
                return -1;
            client->lastActivity = g_get_monotonic_time();
            client->keepaliveMissed = 0;
            msg->bufferOffset += n;
            if (msg->bufferOffset < msg->bufferLength)
                continue;

            if (client->rxState == VIR_NET_CLIENT_RX_LENGTH) {
                if (virNetMessageDecodeLength(msg) < 0)
                    return -1;
                client->rxState = VIR_NET_CLIENT_RX_BODY;
                continue;
            }
            /* Body complete. */
            if (virNetMessageDecodeHeader(msg) < 0)
                return -1;
            if (msg->header.type == VIR_NET_CALL_WITH_FDS) {
                if (virNetMessageDecodeNumFDs(msg) < 0)
                    return -1;
                if (msg->nfds > 0) {
                    client->rxState = VIR_NET_CLIENT_RX_FDS;
                    continue;
                }
            }
        }

        client->rx = NULL;
        if (virNetServerClientHandleMessage(client, msg) < 0)
            return -1;

        /* Stop reading at the request limit; the worker that finishes a
         * call turns reading back on. */
        g_mutex_lock(&client->lock);
        if (client->nrequests >= client->srv->cfg.maxClientRequests || client->closing ||
            virNetServerClientStreamsFull(client)) {
            g_mutex_unlock(&client->lock);
            return 0;
        }
        g_mutex_unlock(&client->lock);
    }
}

static int
virNetServerClientWrite(virNetServerClient *client)
{
    int ret;

    g_mutex_lock(&client->writeLock);
    ret = virNetServerClientWriteLocked(client);
    g_mutex_unlock(&client->writeLock);
    return ret;
}

/* Sends queued messages until the socket would block: 0, or -1 when the
 * connection broke. The caller holds writeLock. */
static int
virNetServerClientWriteLocked(virNetServerClient *client)
{
    for (;;) {
        virNetMessage *msg;
        ssize_t n;

        g_mutex_lock(&client->lock);
        msg = g_queue_peek_head(client->tx);
        g_mutex_unlock(&client->lock);
        if (!msg)
            return 0;

        if (msg->bufferOffset < msg->bufferLength) {
            n = virNetServerClientSend(client, msg->buffer + msg->bufferOffset,
                                       msg->bufferLength - msg->bufferOffset);
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                return 0;
            if (n < 0)
                return -1;
            msg->bufferOffset += n;
            if (msg->bufferOffset < msg->bufferLength)
                continue;
        }
        while (msg->donefds < msg->nfds) {
            char dummy = 0;
            struct iovec iov = { .iov_base = &dummy, .iov_len = 1 };
            union {
                struct cmsghdr hdr;
                char buf[CMSG_SPACE(sizeof(int))];
            } control;
            struct msghdr mh = {
                .msg_iov = &iov, .msg_iovlen = 1,
                .msg_control = control.buf, .msg_controllen = sizeof(control.buf),
            };
            struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);

            cm->cmsg_level = SOL_SOCKET;
            cm->cmsg_type = SCM_RIGHTS;
            cm->cmsg_len = CMSG_LEN(sizeof(int));
            memcpy(CMSG_DATA(cm), &msg->fds[msg->donefds], sizeof(int));
            n = sendmsg(client->fd, &mh, MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                return 0;
            if (n < 0)
                return -1;
            close(msg->fds[msg->donefds]);
            msg->fds[msg->donefds++] = -1;
        }

        g_mutex_lock(&client->lock);
        g_queue_pop_head(client->tx);
        if (client->streams)
            g_cond_broadcast(&client->streamCond);
        g_mutex_unlock(&client->lock);
        virNetMessageFree(msg);
    }
}

static gboolean
virNetServerClientSourceDispatch(GSource *source, GSourceFunc callback, gpointer data)
{
    virNetServerClient *client = ((virNetServerClientSource *)source)->client;
    GIOCondition cond = g_source_query_unix_fd(source, client->fdtag);

    virNetServerClientRef(client);
    if (cond & (G_IO_ERR | G_IO_HUP | G_IO_NVAL) && !(cond & G_IO_IN)) {
        virNetServerClientDoClose(client);
    } else {
        if ((cond & G_IO_OUT) && virNetServerClientWrite(client) < 0) {
            virNetServerClientDoClose(client);
        } else if ((cond & G_IO_IN) && virNetServerClientRead(client) < 0) {
            /* Read what we have processed; a broken stream ends the client. */
            virNetServerClientDoClose(client);
        } else {
            virNetServerClientUpdateWatch(client);
        }
    }
    virNetServerClientUnref(client);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs virNetServerClientSourceFuncs = {
    .dispatch = virNetServerClientSourceDispatch,
};

static bool
virNetServerIsFull(virNetServer *srv)
{
    bool full;

    g_mutex_lock(&srv->lock);
    full = srv->closing || g_hash_table_size(srv->clients) >= srv->cfg.maxClients;
    g_mutex_unlock(&srv->lock);
    if (full)
        VIR_WARN("Too many active clients (%u), dropping connection", srv->cfg.maxClients);
    return full;
}

/* Makes an accepted (and, for TLS, handshaken) socket a served client. */
static void
virNetServerAddClient(virNetServerService *svc, int cfd, gnutls_session_t tls, char *dn)
{
    virNetServer *srv = svc->srv;
    virNetServerClient *client;
    struct sockaddr_storage ss;
    socklen_t sslen = sizeof(ss);

    client = g_new0(virNetServerClient, 1);
    client->refs = 1;               /* held by the server's client set */
    g_mutex_init(&client->lock);
    g_mutex_init(&client->writeLock);
    g_cond_init(&client->streamCond);
    client->srv = srv;
    client->svc = svc;
    client->fd = cfd;
    client->tls = tls;
    client->x509dn = dn;
    client->isUNIX = getsockname(cfd, (struct sockaddr *)&ss, &sslen) == 0 &&
                   ss.ss_family == AF_UNIX;
    client->readonly = svc->readonly;
    client->authenticated = svc->authenticated;
    client->tx = g_queue_new();
    client->lastActivity = g_get_monotonic_time();

    g_mutex_lock(&srv->lock);
    client->id = ++srv->nextClientID;
    g_hash_table_add(srv->clients, client);
    g_mutex_unlock(&srv->lock);

    client->source = g_source_new(&virNetServerClientSourceFuncs,
                                  sizeof(virNetServerClientSource));
    ((virNetServerClientSource *)client->source)->client = client;
    client->events = G_IO_IN;
    client->fdtag = g_source_add_unix_fd(client->source, cfd, G_IO_IN);
    g_source_attach(client->source, NULL);

    VIR_DEBUG("new client %llu%s%s", client->id, svc->readonly ? " (read-only)" : "",
              tls ? " over TLS" : "");
    if (srv->added)
        srv->added(srv, client, srv->hookOpaque);
}

typedef struct {
    virNetServerService *svc;
    int fd;
    gnutls_session_t session;
    char *dn;
} virNetServerTLSAccept;

static gboolean
virNetServerTLSAccepted(gpointer opaque)
{
    virNetServerTLSAccept *acc = opaque;

    if (virNetServerIsFull(acc->svc->srv)) {
        gnutls_deinit(acc->session);
        close(acc->fd);
        g_free(acc->dn);
    } else {
        virNetServerAddClient(acc->svc, acc->fd, acc->session, acc->dn);
    }
    g_free(acc);
    return G_SOURCE_REMOVE;
}

/* The handshake runs on a thread of its own, bounded by socket timeouts,
 * so a slow or hostile peer never stalls the event loop. */
static gpointer
virNetServerTLSHandshakeThread(gpointer opaque)
{
    virNetServerTLSAccept *acc = opaque;
    struct timeval tv = { .tv_sec = 15 };
    int flags = fcntl(acc->fd, F_GETFL);

    fcntl(acc->fd, F_SETFL, flags & ~O_NONBLOCK);
    setsockopt(acc->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(acc->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    if (virNetTLSServerHandshake(acc->svc->tls, acc->fd, &acc->session, &acc->dn) < 0) {
        const virErrorInfo *err = virErrorGetLast();

        VIR_WARN("refused TLS client: %s", err ? err->message : "unknown reason");
        virErrorReset();
        close(acc->fd);
        g_free(acc);
        return NULL;
    }
    fcntl(acc->fd, F_SETFL, flags | O_NONBLOCK);
    g_main_context_invoke(NULL, virNetServerTLSAccepted, acc);
    return NULL;
}

static gboolean
virNetServerServiceAccept(gint fd, GIOCondition cond, gpointer opaque)
{
    virNetServerService *svc = opaque;
    virNetServer *srv = svc->srv;
    int cfd;

    if ((cfd = accept4(fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK)) < 0)
        return G_SOURCE_CONTINUE;
    if (virNetServerIsFull(srv)) {
        close(cfd);
        return G_SOURCE_CONTINUE;
    }
    if (svc->tls) {
        virNetServerTLSAccept *acc = g_new0(virNetServerTLSAccept, 1);

        acc->svc = svc;
        acc->fd = cfd;
        g_thread_unref(g_thread_new("tls-handshake", virNetServerTLSHandshakeThread, acc));
        return G_SOURCE_CONTINUE;
    }
    virNetServerAddClient(svc, cfd, NULL, NULL);
    return G_SOURCE_CONTINUE;
}

static virNetServerService *
virNetServerServiceNew(virNetServer *srv, int listenfd, bool readonly, bool authenticated,
                       virNetTLSServer *tls,
                       const virNetServerProgram *const *progs, size_t nprogs)
{
    virNetServerService *svc = g_new0(virNetServerService, 1);

    svc->srv = srv;
    svc->fd = listenfd;
    svc->readonly = readonly;
    svc->authenticated = authenticated;
    svc->tls = tls;
    svc->progs = progs;
    svc->nprogs = nprogs;
    if (!g_unix_set_fd_nonblocking(listenfd, TRUE, NULL)) {
        virReportSystemError(errno, "%s", "cannot make listening socket non-blocking");
        g_free(svc);
        return NULL;
    }
    svc->watch = g_unix_fd_add(listenfd, G_IO_IN, virNetServerServiceAccept, svc);
    g_ptr_array_add(srv->services, svc);
    return svc;
}

int
virNetServerAddTLSService(virNetServer *srv, int listenfd, virNetTLSServer *tls,
                          const virNetServerProgram *const *progs, size_t nprogs)
{
    return virNetServerServiceNew(srv, listenfd, false, true, tls, progs, nprogs) ? 0 : -1;
}

int
virNetServerAddService(virNetServer *srv, int listenfd, bool readonly,
                       bool authenticated,
                       const virNetServerProgram *const *progs, size_t nprogs)
{
    return virNetServerServiceNew(srv, listenfd, readonly, authenticated, NULL,
                                  progs, nprogs) ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Workers                                                             */

static const virNetServerProcedure *
virNetServerProgramLookup(const virNetServerProgram *prog, int proc)
{
    size_t lo = 0, hi = prog->nprocs;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;

        if (prog->procs[mid].proc == proc)
            return &prog->procs[mid];
        if (prog->procs[mid].proc < proc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static const char *
virNetServerProgramProcName(const virNetServerProgram *prog, int proc)
{
    size_t i;

    for (i = 0; i < prog->nnames; i++) {
        if (prog->names[i].proc == proc)
            return prog->names[i].name;
    }
    return NULL;
}

/* Runs one call and sends its reply (or error). */
static void
virNetServerProcessCall(virNetServer *srv, virNetServerClient *client,
                        const virNetServerProgram *prog, virNetMessage *msg)
{
    const virNetServerProcedure *proc;
    g_autoptr(virNetMessage) reply = NULL;
    g_autofree void *args = NULL;
    g_autofree void *ret = NULL;
    bool authenticated;
    int rv;

    virErrorReset();
    if (msg->header.status != VIR_NET_OK) {
        virReportError(VIR_ERR_RPC, "Unexpected message status %u", msg->header.status);
        goto error;
    }

    if (!(proc = virNetServerProgramLookup(prog, msg->header.proc))) {
        const char *name = virNetServerProgramProcName(prog, msg->header.proc);

        /* A procedure libvirt has but we lack: "not supported", which
         * clients recognise and fall back from. */
        if (name)
            virErrorReportFull(VIR_FROM_NONE, VIR_ERR_NO_SUPPORT, "%s", name);
        else
            virReportError(VIR_ERR_RPC, "unknown procedure: %d", msg->header.proc);
        goto error;
    }

    g_mutex_lock(&client->lock);
    authenticated = client->authenticated;
    g_mutex_unlock(&client->lock);
    if (proc->needAuth && !authenticated) {
        virReportError(VIR_ERR_RPC, "%s", "authentication required");
        goto error;
    }
    if (client->readonly && !proc->readonly) {
        virErrorReportFull(proc->errDomain, VIR_ERR_OPERATION_DENIED,
                           "read only access prevents %s", proc->api);
        goto error;
    }

    args = g_malloc0(MAX(proc->argsSize, 1));
    ret = g_malloc0(MAX(proc->retSize, 1));
    if (virNetMessageDecodePayload(msg, proc->argsFilter, args) < 0) {
        xdr_free(proc->argsFilter, args);
        goto error;
    }

    rv = proc->func(srv, client, msg, args, ret);
    xdr_free(proc->argsFilter, args);
    if (rv < 0)
        goto error;
    if (rv > 0) {
        /* A stream's handler, which answered the call itself. */
        xdr_free(proc->retFilter, ret);
        return;
    }

    reply = virNetMessageNew();
    reply->header = msg->header;
    reply->header.type = VIR_NET_REPLY;
    reply->header.status = VIR_NET_OK;
    if (virNetMessageEncodeHeader(reply) < 0 ||
        virNetMessageEncodePayload(reply, proc->retFilter, ret) < 0) {
        xdr_free(proc->retFilter, ret);
        goto error;
    }
    xdr_free(proc->retFilter, ret);
    virNetServerClientSendMessage(client, g_steal_pointer(&reply));
    return;

 error:
    virNetServerClientSendError(client, &msg->header, NULL);
}

static void
virNetServerWorker(gpointer data, gpointer opaque)
{
    virNetServerJob *job = data;
    virNetServerClient *client = job->client;
    bool closed;
    bool wasFull;

    g_mutex_lock(&client->lock);
    closed = client->closed;
    g_mutex_unlock(&client->lock);

    /* A call of a client that already left still runs (it may have started
     * a guest); its reply goes nowhere. */
    VIR_DEBUG("client %llu: proc %d serial %u%s", client->id, job->msg->header.proc,
              job->msg->header.serial, closed ? " (client gone)" : "");
    virNetServerProcessCall(opaque, client, job->prog, job->msg);

    /* Reading was paused only if this client had reached its limit. */
    g_mutex_lock(&client->lock);
    wasFull = client->nrequests >= client->srv->cfg.maxClientRequests;
    client->nrequests--;
    g_mutex_unlock(&client->lock);
    if (wasFull)
        virNetServerClientKick(client);

    virNetMessageFree(job->msg);
    virNetServerClientUnref(client);
    g_free(job);
    virErrorReset();
}

/* ------------------------------------------------------------------ */
/* Streams                                                             */

static size_t
virNetServerStreamPayloadLen(const virNetMessage *msg)
{
    size_t off = virNetMessagePayloadOffset(msg);

    return msg->bufferLength > off ? msg->bufferLength - off : 0;
}

/* With the client lock held. */
static bool
virNetServerClientStreamsFull(virNetServerClient *client)
{
    GList *l;

    for (l = client->streams; l; l = l->next) {
        if (((virNetServerStream *)l->data)->rxBytes >= VIR_NET_SERVER_STREAM_RX_MAX)
            return true;
    }
    return false;
}

/* A STREAM or STREAM_HOLE packet from the client (event loop): queued to
 * its stream, or dropped when no stream has that call (libvirt does the
 * same with packets of streams that ended). */
static void
virNetServerClientStreamPacket(virNetServerClient *client, virNetMessage *msg)
{
    virNetServerStream *st = NULL;
    GList *l;

    g_mutex_lock(&client->lock);
    for (l = client->streams; l; l = l->next) {
        virNetServerStream *cand = l->data;

        if (cand->hdr.prog == msg->header.prog && cand->hdr.proc == msg->header.proc &&
            cand->hdr.serial == msg->header.serial) {
            st = cand;
            break;
        }
    }
    if (!st) {
        g_mutex_unlock(&client->lock);
        VIR_DEBUG("client %llu: dropping a packet of no open stream (proc %d serial %u)",
                  client->id, msg->header.proc, msg->header.serial);
        virNetMessageFree(msg);
        return;
    }
    if (msg->header.status == VIR_NET_ERROR)
        st->aborted = true;
    st->rxBytes += virNetServerStreamPayloadLen(msg);
    g_queue_push_tail(st->rx, msg);
    g_cond_broadcast(&client->streamCond);
    g_mutex_unlock(&client->lock);
}

virNetServerStream *
virNetServerStreamOpen(virNetServerClient *client, virNetMessage *call, unsigned int flags)
{
    virNetServerStream *st = g_new0(virNetServerStream, 1);

    st->client = virNetServerClientRef(client);
    st->hdr = call->header;
    st->flags = flags;
    st->rx = g_queue_new();
    g_mutex_lock(&client->lock);
    client->streams = g_list_prepend(client->streams, st);
    g_mutex_unlock(&client->lock);
    return st;
}

/* A packet of the stream with that type, status and payload. */
static virNetMessage *
virNetServerStreamMessage(virNetServerStream *st, int type, int status,
                          const char *data, size_t len)
{
    g_autoptr(virNetMessage) msg = virNetMessageNew();

    msg->header = st->hdr;
    msg->header.type = type;
    msg->header.status = status;
    if (virNetMessageEncodeHeader(msg) < 0 ||
        virNetMessageEncodePayloadRaw(msg, data, len) < 0)
        return NULL;
    return g_steal_pointer(&msg);
}

void
virNetServerStreamAccept(virNetServerStream *st)
{
    virNetMessage *reply;

    if (st->accepted)
        return;
    st->accepted = true;
    reply = virNetServerStreamMessage(st, VIR_NET_REPLY, VIR_NET_OK, NULL, 0);
    if (reply)
        virNetServerClientSendMessage(st->client, reply);
}

/* Whether the stream can go on (with the client lock held); reports why
 * not. */
static bool
virNetServerStreamUsable(virNetServerStream *st)
{
    if (st->aborted) {
        virReportError(VIR_ERR_OPERATION_ABORTED, "%s", "stream aborted by the client");
        return false;
    }
    if (st->client->closed) {
        virReportError(VIR_ERR_RPC, "%s", "the client of the stream is gone");
        return false;
    }
    if (st->interrupted) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", st->interrupted);
        return false;
    }
    return true;
}

void
virNetServerStreamInterrupt(virNetServerStream *st, const char *why)
{
    virNetServerClient *client = st->client;

    g_mutex_lock(&client->lock);
    if (!st->interrupted)
        st->interrupted = g_strdup(why);
    g_cond_broadcast(&client->streamCond);
    g_mutex_unlock(&client->lock);
}

int
virNetServerStreamSendEOF(virNetServerStream *st)
{
    virNetServerStreamAccept(st);
    return virNetServerStreamQueue(st, virNetServerStreamMessage(st, VIR_NET_STREAM,
                                                                 VIR_NET_CONTINUE, NULL, 0));
}

/* Drops the head packet (client lock held); true when reading from the
 * client must resume. */
static bool
virNetServerStreamDropHead(virNetServerStream *st)
{
    virNetMessage *msg = g_queue_pop_head(st->rx);
    bool wasFull = st->rxBytes >= VIR_NET_SERVER_STREAM_RX_MAX;

    st->rxBytes -= virNetServerStreamPayloadLen(msg);
    st->rxOffset = 0;
    virNetMessageFree(msg);
    return wasFull && st->rxBytes < VIR_NET_SERVER_STREAM_RX_MAX;
}

ssize_t
virNetServerStreamRecv(virNetServerStream *st, char *buf, size_t len, long long *hole)
{
    virNetServerClient *client = st->client;
    ssize_t ret = -1;
    bool kick = false;

    virNetServerStreamAccept(st);
    *hole = 0;
    g_mutex_lock(&client->lock);
    for (;;) {
        virNetMessage *msg;
        size_t avail;

        while (g_queue_is_empty(st->rx) && !st->finished && !st->aborted && !client->closed &&
               !st->interrupted)
            g_cond_wait(&client->streamCond, &client->lock);
        if (st->finished) {
            ret = 0;
            break;
        }
        if (!virNetServerStreamUsable(st))
            break;
        msg = g_queue_peek_head(st->rx);
        if (msg->header.status == VIR_NET_OK) {
            st->finished = true;
            kick |= virNetServerStreamDropHead(st);
            ret = 0;
            break;
        }
        if (msg->header.type == VIR_NET_STREAM_HOLE) {
            virNetStreamHole data = { 0 };

            /* A protocol error fails the transfer (the client gets it as
             * the stream's error). */
            if (!(st->flags & VIR_NET_SERVER_STREAM_SPARSE)) {
                virReportError(VIR_ERR_RPC, "%s", "Unexpected stream hole");
                break;
            }
            if (virNetMessageDecodePayload(msg, (xdrproc_t)xdr_virNetStreamHole, &data) < 0)
                break;
            if (data.length < 0) {
                virReportError(VIR_ERR_RPC, "%s", "Invalid stream hole length");
                break;
            }
            kick |= virNetServerStreamDropHead(st);
            if (data.length == 0)
                continue;
            *hole = data.length;
            ret = 0;
            break;
        }
        avail = virNetServerStreamPayloadLen(msg) - st->rxOffset;
        if (avail == 0) {
            kick |= virNetServerStreamDropHead(st);
            continue;
        }
        ret = MIN(avail, len);
        memcpy(buf, msg->buffer + virNetMessagePayloadOffset(msg) + st->rxOffset, ret);
        st->rxOffset += ret;
        if (st->rxOffset == virNetServerStreamPayloadLen(msg))
            kick |= virNetServerStreamDropHead(st);
        break;
    }
    g_mutex_unlock(&client->lock);
    if (kick)
        virNetServerClientKick(client);
    return ret;
}

/* Queues a packet, waiting while the client's output queue is full. */
static int
virNetServerStreamQueue(virNetServerStream *st, virNetMessage *msg)
{
    virNetServerClient *client = st->client;

    if (!msg)
        return -1;
    g_mutex_lock(&client->lock);
    while (!st->aborted && !client->closed && !st->interrupted &&
           g_queue_get_length(client->tx) >= VIR_NET_SERVER_STREAM_TX_MAX)
        g_cond_wait(&client->streamCond, &client->lock);
    if (!virNetServerStreamUsable(st)) {
        g_mutex_unlock(&client->lock);
        virNetMessageFree(msg);
        return -1;
    }
    g_mutex_unlock(&client->lock);
    virNetServerClientSendMessage(client, msg);
    return 0;
}

int
virNetServerStreamSend(virNetServerStream *st, const char *buf, size_t len)
{
    virNetServerStreamAccept(st);
    while (len > 0) {
        size_t n = MIN(len, VIR_NET_SERVER_STREAM_CHUNK);

        if (virNetServerStreamQueue(st, virNetServerStreamMessage(st, VIR_NET_STREAM,
                                                                  VIR_NET_CONTINUE,
                                                                  buf, n)) < 0)
            return -1;
        buf += n;
        len -= n;
    }
    return 0;
}

int
virNetServerStreamSendHole(virNetServerStream *st, long long length)
{
    virNetStreamHole data = { .length = length, .flags = 0 };
    g_autoptr(virNetMessage) msg = virNetMessageNew();

    virNetServerStreamAccept(st);
    if (!(st->flags & VIR_NET_SERVER_STREAM_SPARSE)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "a hole on a stream that is not sparse");
        return -1;
    }
    msg->header = st->hdr;
    msg->header.type = VIR_NET_STREAM_HOLE;
    msg->header.status = VIR_NET_CONTINUE;
    if (virNetMessageEncodeHeader(msg) < 0 ||
        virNetMessageEncodePayload(msg, (xdrproc_t)xdr_virNetStreamHole, &data) < 0)
        return -1;
    return virNetServerStreamQueue(st, g_steal_pointer(&msg));
}

/* Waits for the client's finish or abort, dropping any data it still
 * sends; true for a finish. */
static bool
virNetServerStreamAwaitEnd(virNetServerStream *st)
{
    virNetServerClient *client = st->client;
    bool finished = false;
    bool kick = false;

    g_mutex_lock(&client->lock);
    for (;;) {
        virNetMessage *msg;

        while (g_queue_is_empty(st->rx) && !st->finished && !st->aborted && !client->closed &&
               !st->interrupted)
            g_cond_wait(&client->streamCond, &client->lock);
        if (st->finished || st->aborted || client->closed || st->interrupted) {
            finished = st->finished && !st->aborted;
            break;
        }
        msg = g_queue_peek_head(st->rx);
        if (msg->header.status == VIR_NET_OK)
            st->finished = true;
        kick |= virNetServerStreamDropHead(st);
    }
    g_mutex_unlock(&client->lock);
    if (kick)
        virNetServerClientKick(client);
    return finished;
}

static void
virNetServerStreamFree(virNetServerStream *st)
{
    virNetServerClient *client = st->client;
    bool kick;

    g_mutex_lock(&client->lock);
    client->streams = g_list_remove(client->streams, st);
    kick = st->rxBytes >= VIR_NET_SERVER_STREAM_RX_MAX;
    g_mutex_unlock(&client->lock);
    if (kick)
        virNetServerClientKick(client);
    g_queue_free_full(st->rx, (GDestroyNotify)virNetMessageFree);
    virNetServerClientUnref(client);
    g_free(st->interrupted);
    g_free(st);
}

int
virNetServerStreamComplete(virNetServerStream *st, int rc)
{
    virNetServerClient *client = st->client;
    virNetMessage *msg = NULL;
    bool aborted;

    if (!st->accepted) {
        if (rc < 0) {
            virNetServerStreamFree(st);
            return -1;
        }
        virNetServerStreamAccept(st);
    }

    if (rc == 0) {
        /* A source's data ends with an empty packet; then (either way) the
         * client finishes or aborts, and the server confirms. */
        if (st->flags & VIR_NET_SERVER_STREAM_SOURCE)
            virNetServerStreamQueue(st, virNetServerStreamMessage(st, VIR_NET_STREAM,
                                                                  VIR_NET_CONTINUE, NULL, 0));
        virErrorReset();
        if (!virNetServerStreamAwaitEnd(st))
            VIR_DEBUG("client %llu aborted stream of proc %d", client->id, st->hdr.proc);
        msg = virNetServerStreamMessage(st, VIR_NET_STREAM, VIR_NET_OK, NULL, 0);
    } else {
        g_mutex_lock(&client->lock);
        aborted = st->aborted;
        g_mutex_unlock(&client->lock);
        if (aborted) {
            /* The client's abort is confirmed, not answered with its echo. */
            msg = virNetServerStreamMessage(st, VIR_NET_STREAM, VIR_NET_OK, NULL, 0);
        } else {
            virNetMessageError rerr;

            virNetMessageErrorFromInfo(&rerr, NULL);
            msg = virNetMessageNew();
            msg->header = st->hdr;
            msg->header.type = VIR_NET_STREAM;
            msg->header.status = VIR_NET_ERROR;
            if (virNetMessageEncodeHeader(msg) < 0 ||
                virNetMessageEncodePayload(msg, (xdrproc_t)xdr_virNetMessageError, &rerr) < 0)
                g_clear_pointer(&msg, virNetMessageFree);
            xdr_free((xdrproc_t)xdr_virNetMessageError, (char *)&rerr);
        }
    }
    if (msg)
        virNetServerClientSendMessage(client, msg);
    virErrorReset();
    virNetServerStreamFree(st);
    return 1;
}
