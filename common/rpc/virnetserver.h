/* The RPC server: listening sockets (services), connected clients, and a
 * bounded pool of workers that run calls off the event loop.
 *
 * Threads: socket I/O, keepalive and accounting run on the GLib main
 * context; procedure handlers run on worker threads and hand their replies
 * back through virNetServerClientSendMessage(), which any thread may call. */
#pragma once

#include "internal.h"
#include <sys/types.h>

#include "virnetmessage.h"
#include "virnettls.h"

typedef struct _virNetServer virNetServer;
typedef struct _virNetServerClient virNetServerClient;

/* A handler returns 0 with *ret filled, or -1 with an error reported. */
typedef int (*virNetServerDispatchFunc)(virNetServer *server,
                                        virNetServerClient *client,
                                        virNetMessage *msg,
                                        void *args, void *ret);

typedef struct {
    int proc;
    const char *name;       /* REMOTE_PROC_ suffix, e.g. DOMAIN_CREATE */
    const char *api;        /* public API name, for read-only denials */
    int errDomain;
    xdrproc_t argsFilter;
    size_t argsSize;
    xdrproc_t retFilter;
    size_t retSize;
    virNetServerDispatchFunc func;
    bool readonly;          /* allowed on read-only connections */
    bool needAuth;
    bool priority;
} virNetServerProcedure;

typedef struct {
    int proc;
    const char *name;
} virNetServerProcedureName;

/* A program may take messages before they are dispatched: returning true
 * means it took the message (and owns it), e.g. to pass it on unchanged.
 * Called on the event loop for every message of the program. */
typedef bool (*virNetServerRelayFunc)(virNetServer *srv, virNetServerClient *client,
                                      virNetMessage *msg);

typedef struct {
    unsigned int prog;
    unsigned int vers;
    virNetServerRelayFunc relay;            /* optional */
    const virNetServerProcedure *procs;     /* sorted by number */
    size_t nprocs;
    const virNetServerProcedureName *names; /* all libvirt defines, sorted */
    size_t nnames;
} virNetServerProgram;

typedef struct {
    unsigned int maxWorkers;
    unsigned int prioWorkers;
    unsigned int maxClients;
    unsigned int maxClientRequests;
    int keepaliveInterval;      /* seconds; -1 disables our pings */
    unsigned int keepaliveCount;
} virNetServerConfig;

typedef void (*virNetServerClientHook)(virNetServer *server,
                                       virNetServerClient *client,
                                       void *opaque);

virNetServer *virNetServerNew(const char *name, const virNetServerConfig *cfg);
void virNetServerFree(virNetServer *srv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetServer, virNetServerFree);
const char *virNetServerGetName(virNetServer *srv);

/* Hooks: a new client was accepted / a client was closed. */
void virNetServerSetClientHooks(virNetServer *srv,
                                virNetServerClientHook added,
                                virNetServerClientHook closed,
                                void *opaque);

/* Serves programs on an already listening socket (taken over by the
 * server). Clients of a read-only service get read-only connections. */
int virNetServerAddService(virNetServer *srv, int listenfd, bool readonly,
                           bool authenticated,
                           const virNetServerProgram *const *progs, size_t nprogs);

/* Clients of this listener start with a TLS handshake (done off the event
 * loop); they are served once their certificate is accepted. */
int virNetServerAddTLSService(virNetServer *srv, int listenfd, virNetTLSServer *tls,
                              const virNetServerProgram *const *progs, size_t nprogs);

/* Listening TCP sockets for addr (NULL: all) and port; returns how many
 * fds were stored in fds (at most 2), -1 with an error reported. */
int virNetSocketListenTCP(const char *addr, const char *port, int *fds);

/* Creates a listening UNIX socket with the given mode and group
 * (gid -1: unchanged). Returns the fd, or -1 with an error reported. */
int virNetSocketListenUnix(const char *path, mode_t mode, gid_t gid);

size_t virNetServerClientCount(virNetServer *srv);
/* Calls func for every connected client, under the server lock: func may
 * only queue messages. */
void virNetServerForEachClient(virNetServer *srv,
                               void (*func)(virNetServerClient *client, void *opaque),
                               void *opaque);
/* Stops accepting and closes every client (daemon shutdown). */
void virNetServerClose(virNetServer *srv);
/* Changes limits at run time (SIGHUP reload). */
void virNetServerUpdateConfig(virNetServer *srv, const virNetServerConfig *cfg);

/* ---- clients ---- */
virNetServerClient *virNetServerClientRef(virNetServerClient *client);
void virNetServerClientUnref(virNetServerClient *client);
void *virNetServerClientGetPrivateData(virNetServerClient *client);
void virNetServerClientSetPrivateData(virNetServerClient *client, void *data,
                                      GDestroyNotify freefn);
bool virNetServerClientIsReadonly(virNetServerClient *client);
void virNetServerClientSetAuthenticated(virNetServerClient *client);
int virNetServerClientGetUnixIdentity(virNetServerClient *client,
                                      uid_t *uid, gid_t *gid, pid_t *pid);
unsigned long long virNetServerClientGetID(virNetServerClient *client);
/* The x509 distinguished name of a TLS client, else NULL. */
const char *virNetServerClientGetX509DN(virNetServerClient *client);
bool virNetServerClientIsUNIX(virNetServerClient *client);

/* Queues a message for sending (takes ownership). Thread-safe. */
void virNetServerClientSendMessage(virNetServerClient *client, virNetMessage *msg);
/* Queues an error reply to the call hdr (the thread's last error when err
 * is NULL). Thread-safe. */
void virNetServerClientSendError(virNetServerClient *client,
                                 const virNetMessageHeader *hdr,
                                 const virErrorInfo *err);
/* Closes once everything queued so far has been sent. Thread-safe. */
void virNetServerClientCloseAfterFlush(virNetServerClient *client);
/* Starts server->client keepalive pings (after the client asked for the
 * keepalive feature). Thread-safe. */
void virNetServerClientStartKeepAlive(virNetServerClient *client);

/* ---- streams ----
 *
 * A procedure that transfers data after its reply (volume upload and
 * download) opens a stream on its call from the handler, on the worker
 * thread, and moves the data from there: the client's STREAM /
 * STREAM_HOLE packets with the call's (prog, proc, serial) are queued to
 * the stream (reading from the client pauses while too much is queued),
 * and what the handler sends is queued to the client (the handler waits
 * while too much is). Shape of a handler:
 *
 *     st = virNetServerStreamOpen(client, msg, flags);
 *     ... check the arguments, open the source or sink ...
 *     virNetServerStreamAccept(st);        the call's (void) reply
 *     ... virNetServerStreamRecv() or virNetServerStreamSend(Hole)() ...
 *     return virNetServerStreamComplete(st, rc);
 *
 * Complete ends the stream as PROTOCOL.md section 9 says (a source sends
 * its EOF and waits for the client's finish; either side answers the
 * client's finish or abort; a failure after the accept goes to the client
 * as a stream error) and frees it. A failure before the accept fails the
 * call itself. */
typedef struct _virNetServerStream virNetServerStream;

typedef enum {
    VIR_NET_SERVER_STREAM_SOURCE = 1 << 0,  /* the server sends the data */
    VIR_NET_SERVER_STREAM_SPARSE = 1 << 1,  /* holes may travel (STREAM_HOLE) */
} virNetServerStreamFlags;

virNetServerStream *virNetServerStreamOpen(virNetServerClient *client, virNetMessage *call,
                                           unsigned int flags);
/* Sends the call's successful reply; data may flow from now on. Done by
 * the first Recv/Send when not called before. */
void virNetServerStreamAccept(virNetServerStream *st);
/* The client's next data: bytes stored in buf (> 0); 0 with *hole > 0 for
 * a hole of that many bytes (sparse streams); 0 with *hole == 0 when the
 * client finished; -1 with an error reported when it aborted or left. */
ssize_t virNetServerStreamRecv(virNetServerStream *st, char *buf, size_t len,
                               long long *hole);
/* 0, or -1 with an error reported when the client aborted or left. */
int virNetServerStreamSend(virNetServerStream *st, const char *buf, size_t len);
int virNetServerStreamSendHole(virNetServerStream *st, long long length);
/* The end of the data (an empty packet) for a stream whose source ends on
 * its own, sent while the handler still receives (a console whose guest
 * stopped); the client then finishes. 0 or -1 as Send. */
int virNetServerStreamSendEOF(virNetServerStream *st);
/* Ends the stream from another thread of the server: the handler's Recv,
 * Send and Complete's wait return, with why as the error (the client gets
 * it as the stream's error). The caller must know st is still open. */
void virNetServerStreamInterrupt(virNetServerStream *st, const char *why);
/* rc: the transfer's result (-1 with the error reported). Returns what
 * the handler returns: -1 when the call itself must fail (not accepted),
 * else 1, which tells the server the call is answered. */
int virNetServerStreamComplete(virNetServerStream *st, int rc);
