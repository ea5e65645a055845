/* The RPC client: one connection to a daemon, shared by any number of
 * threads. A reader thread owns receiving: it hands each reply to the
 * thread waiting for that serial, passes events and stream data on, and
 * answers and sends keepalive pings. When the connection dies every waiter
 * gets an error at once, so no caller hangs on a dead daemon. */
#pragma once

#include "internal.h"

#include "virnetmessage.h"
#include "virnettls.h"

typedef struct _virNetClient virNetClient;
typedef struct _virNetClientStream virNetClientStream;

/* Why a connection closed (libvirt's virConnectCloseReason values). */
typedef enum {
    VIR_NET_CLIENT_CLOSE_ERROR = 0,
    VIR_NET_CLIENT_CLOSE_EOF = 1,
    VIR_NET_CLIENT_CLOSE_KEEPALIVE = 2,
    VIR_NET_CLIENT_CLOSE_CLIENT = 3,
} virNetClientCloseReason;

/* An asynchronous MESSAGE (an event) of a program; called on the reader
 * thread with the message still encoded: decode, hand over, return. */
typedef void (*virNetClientEventFunc)(virNetClient *client, virNetMessage *msg,
                                      void *opaque);
typedef void (*virNetClientCloseFunc)(virNetClient *client, int reason, void *opaque);

/* Connects; NULL with an error reported (the path or host:port tried is
 * named in it). */
virNetClient *virNetClientNewUNIX(const char *path);
virNetClient *virNetClientNewTCP(const char *host, const char *port);
/* TCP with TLS; the handshake and the server's certificate check are done
 * before this returns. */
virNetClient *virNetClientNewTLS(const char *host, const char *port,
                                 const virNetTLSConfig *cfg);
/* Talks to a command's stdin/stdout (ssh to a remote proxy socket). */
virNetClient *virNetClientNewCommand(const char *const *argv);

virNetClient *virNetClientRef(virNetClient *client);
/* The last reference closes the connection. */
void virNetClientUnref(virNetClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetClient, virNetClientUnref);

void virNetClientSetEventHandler(virNetClient *client, virNetClientEventFunc func,
                                 void *opaque);
void virNetClientSetCloseHandler(virNetClient *client, virNetClientCloseFunc func,
                                 void *opaque);

/* Sends a PING after interval seconds of silence and gives up after count
 * unanswered ones (interval <= 0: off). */
void virNetClientSetKeepAlive(virNetClient *client, int interval, unsigned int count);

bool virNetClientIsOpen(virNetClient *client);
/* Closes now; waiters get errors. Safe from any thread but the reader. */
void virNetClientClose(virNetClient *client);

/* One call: encodes args, waits for the reply and decodes it into ret.
 * On an error reply the daemon's error becomes this thread's last error.
 * -1 with an error reported on failure. */
int virNetClientCall(virNetClient *client, unsigned int prog, unsigned int vers,
                     int proc, xdrproc_t argsFilter, void *args,
                     xdrproc_t retFilter, void *ret);

/* ---- relaying ---- */

/* Every message but keepalive goes to func (reader thread, message owned by
 * func) instead of being matched to calls: for a proxy that passes traffic
 * through unchanged. */
typedef void (*virNetClientRawFunc)(virNetClient *client, virNetMessage *msg, void *opaque);
void virNetClientSetRawHandler(virNetClient *client, virNetClientRawFunc func, void *opaque);
/* Sends an already encoded message as it is. -1 with an error reported. */
int virNetClientSendRaw(virNetClient *client, virNetMessage *msg);

/* ---- streams ---- */

/* A stream bound to the call that opens it: create it, then make the call
 * with virNetClientCallStream so that data arriving right after the reply
 * is never lost. */
virNetClientStream *virNetClientStreamNew(virNetClient *client);
void virNetClientStreamFree(virNetClientStream *st);
int virNetClientCallStream(virNetClient *client, virNetClientStream *st,
                           unsigned int prog, unsigned int vers, int proc,
                           xdrproc_t argsFilter, void *args,
                           xdrproc_t retFilter, void *ret);
/* Data out; blocks only on the socket. */
int virNetClientStreamSend(virNetClientStream *st, const char *data, size_t len);
/* Data in: bytes read, 0 at the end of the stream, -2 when nonblock and
 * nothing is there yet, -1 with an error reported. */
ssize_t virNetClientStreamRecv(virNetClientStream *st, char *data, size_t len,
                               bool nonblock);
/* The same; with stopAtHole, -3 when the next thing is a hole (sparse
 * streams), which is otherwise read as zeros. */
ssize_t virNetClientStreamRecvFlags(virNetClientStream *st, char *data, size_t len,
                                    bool nonblock, bool stopAtHole);
/* Sparse streams (volume transfers with the SPARSE_STREAM flag): holes
 * are accepted only after this, before the call. */
void virNetClientStreamSetSparse(virNetClientStream *st, bool sparse);
/* The hole at the current position (*length 0 when there is none). */
int virNetClientStreamRecvHole(virNetClientStream *st, long long *length);
int virNetClientStreamSendHole(virNetClientStream *st, long long length);
/* Tells when data, the end or an error arrived (reader thread). */
void virNetClientStreamSetNotify(virNetClientStream *st, void (*func)(void *opaque),
                                 void *opaque);
bool virNetClientStreamHasPending(virNetClientStream *st);
/* Finish (OK) or abort (ERROR) handshakes, each waiting for the server. */
int virNetClientStreamFinish(virNetClientStream *st);
int virNetClientStreamAbort(virNetClientStream *st);
