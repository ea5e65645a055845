/* The RPC client: calls from many threads over one connection, error
 * replies becoming the caller's error, events, and a peer that dies or
 * goes silent mid-call giving an error instead of a hang. */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <fcntl.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "testutils.h"
#include "virnetclient.h"
#include "virnetserver.h"
#include "remote_protocol.h"
#include "keepalive_protocol.h"

#define TEST_PROG 0x11223344

static int
testEcho(virNetServer *srv, virNetServerClient *client, virNetMessage *msg,
         void *args, void *ret)
{
    *(char **)ret = g_strdup(*(char **)args);
    return 0;
}

static const virNetServerProcedure testProcs[] = {
    { .proc = 1, .name = "ECHO", .api = "testEcho",
      .argsFilter = (xdrproc_t)xdr_remote_nonnull_string, .argsSize = sizeof(char *),
      .retFilter = (xdrproc_t)xdr_remote_nonnull_string, .retSize = sizeof(char *),
      .func = testEcho, .readonly = true, .needAuth = false },
};
static const virNetServerProgram testProgram = {
    .prog = TEST_PROG, .vers = 1, .procs = testProcs, .nprocs = 1,
};
static const virNetServerProgram keepalive = { .prog = KEEPALIVE_PROGRAM, .vers = 1 };
static const virNetServerProgram *const progs[] = { &testProgram, &keepalive };

static char *dir;
static char *sockPath;

static gpointer
testLoopThread(gpointer opaque)
{
    g_main_loop_run(opaque);
    return NULL;
}

static int
testEchoCall(virNetClient *client, const char *text)
{
    char *in = (char *)text;
    char *out = NULL;
    int ret;

    if (virNetClientCall(client, TEST_PROG, 1, 1,
                         (xdrproc_t)xdr_remote_nonnull_string, &in,
                         (xdrproc_t)xdr_remote_nonnull_string, &out) < 0)
        return -1;
    ret = strcmp(out, text) == 0 ? 0 : -1;
    xdr_free((xdrproc_t)xdr_remote_nonnull_string, (char *)&out);
    return ret;
}

static int
testSimpleCall(const void *opaque)
{
    g_autoptr(virNetClient) client = virNetClientNewUNIX(sockPath);

    return client ? testEchoCall(client, "hello") : -1;
}

static gpointer
testCallerThread(gpointer opaque)
{
    virNetClient *client = opaque;
    int i;

    for (i = 0; i < 50; i++) {
        g_autofree char *text = g_strdup_printf("thread %p call %d", (void *)g_thread_self(), i);

        if (testEchoCall(client, text) < 0)
            return GINT_TO_POINTER(1);
    }
    return NULL;
}

static int
testConcurrentCalls(const void *opaque)
{
    g_autoptr(virNetClient) client = virNetClientNewUNIX(sockPath);
    GThread *threads[8];
    int failed = 0;
    size_t i;

    if (!client)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(threads); i++)
        threads[i] = g_thread_new("caller", testCallerThread, client);
    for (i = 0; i < G_N_ELEMENTS(threads); i++)
        failed |= GPOINTER_TO_INT(g_thread_join(threads[i]));
    return failed ? -1 : 0;
}

static int
testErrorReply(const void *opaque)
{
    g_autoptr(virNetClient) client = virNetClientNewUNIX(sockPath);
    const virErrorInfo *err;

    if (!client ||
        virNetClientCall(client, TEST_PROG, 1, 77, (xdrproc_t)xdr_void, NULL,
                         (xdrproc_t)xdr_void, NULL) == 0)
        return -1;
    err = virErrorGetLast();
    if (!err || err->code != VIR_ERR_RPC || !strstr(err->message, "unknown procedure: 77"))
        return -1;
    virErrorReset();
    /* The connection is still usable. */
    return testEchoCall(client, "after error");
}

static int
testConnectRefused(const void *opaque)
{
    g_autofree char *path = g_build_filename(dir, "nobody-listens", NULL);
    const virErrorInfo *err;

    if (virNetClientNewUNIX(path))
        return -1;
    err = virErrorGetLast();
    if (!err || !strstr(err->message, path))
        return -1;
    virErrorReset();
    return 0;
}

/* A fake peer: accepts one client, reads one message, then does what the
 * case says. */
typedef enum { PEER_CLOSE, PEER_SILENT, PEER_EVENT } testPeerAction;

typedef struct {
    int listenfd;
    testPeerAction action;
    gint go;            /* PEER_EVENT: the client's handler is set, send */
} testPeer;

static void
testPut32(GByteArray *buf, uint32_t v)
{
    v = htonl(v);
    g_byte_array_append(buf, (guint8 *)&v, 4);
}

static gpointer
testPeerThread(gpointer opaque)
{
    testPeer *peer = opaque;
    int fd = accept(peer->listenfd, NULL, NULL);
    char buf[4096];

    if (fd < 0)
        return NULL;
    if (peer->action == PEER_EVENT) {
        g_autoptr(GByteArray) msg = g_byte_array_new();
        int i;

        /* An event sent before the handler is set would be dropped. */
        for (i = 0; i < 5000 && !g_atomic_int_get(&peer->go); i++)
            g_usleep(1000);

        testPut32(msg, 28);
        testPut32(msg, TEST_PROG);
        testPut32(msg, 1);
        testPut32(msg, 99);
        testPut32(msg, 2);      /* MESSAGE */
        testPut32(msg, 1);
        testPut32(msg, 0);
        if (write(fd, msg->data, msg->len) != (ssize_t)msg->len)
            return NULL;
    }
    if (read(fd, buf, sizeof(buf)) < 0)
        return NULL;
    if (peer->action == PEER_SILENT) {
        /* Never answer anything: the client's keepalive must give up. */
        while (read(fd, buf, sizeof(buf)) > 0)
            ;
    }
    close(fd);
    return NULL;
}

static int
testWithPeer(testPeerAction action, virNetClient **client, GThread **thread, testPeer *peer)
{
    g_autofree char *path = g_build_filename(dir, "peer", NULL);

    unlink(path);
    peer->action = action;
    peer->go = 0;
    if ((peer->listenfd = virNetSocketListenUnix(path, 0700, -1)) < 0)
        return -1;
    /* The listening socket is non-blocking; accept in the peer must wait. */
    fcntl(peer->listenfd, F_SETFL, 0);
    *thread = g_thread_new("peer", testPeerThread, peer);
    *client = virNetClientNewUNIX(path);
    return *client ? 0 : -1;
}

static int
testPeerDiesMidCall(const void *opaque)
{
    testPeer peer;
    GThread *thread = NULL;
    virNetClient *client = NULL;
    const virErrorInfo *err;
    gint64 start = g_get_monotonic_time();
    int ret = -1;

    if (testWithPeer(PEER_CLOSE, &client, &thread, &peer) < 0)
        goto cleanup;
    if (testEchoCall(client, "nobody answers") == 0)
        goto cleanup;
    err = virErrorGetLast();
    if (!err || !strstr(err->message, "End of file while reading data"))
        goto cleanup;
    /* Later calls fail at once. */
    if (testEchoCall(client, "again") == 0 || virNetClientIsOpen(client))
        goto cleanup;
    ret = g_get_monotonic_time() - start < 5 * G_USEC_PER_SEC ? 0 : -1;
 cleanup:
    virErrorReset();
    virNetClientUnref(client);
    if (thread)
        g_thread_join(thread);
    close(peer.listenfd);
    return ret;
}

static int
testKeepAliveTimeout(const void *opaque)
{
    testPeer peer;
    GThread *thread = NULL;
    virNetClient *client = NULL;
    const virErrorInfo *err;
    int ret = -1;

    if (testWithPeer(PEER_SILENT, &client, &thread, &peer) < 0)
        goto cleanup;
    virNetClientSetKeepAlive(client, 1, 1);
    if (testEchoCall(client, "into the void") == 0)
        goto cleanup;
    err = virErrorGetLast();
    ret = err && strstr(err->message, "keepalive timeout") ? 0 : -1;
 cleanup:
    virErrorReset();
    virNetClientUnref(client);
    if (thread)
        g_thread_join(thread);
    close(peer.listenfd);
    return ret;
}

static void
testEventSeen(virNetClient *client, virNetMessage *msg, void *opaque)
{
    if (msg->header.proc == 99)
        g_atomic_int_set((gint *)opaque, 1);
}

static int
testEventDelivered(const void *opaque)
{
    testPeer peer;
    GThread *thread = NULL;
    virNetClient *client = NULL;
    gint seen = 0;
    int i;
    int ret = -1;

    if (testWithPeer(PEER_EVENT, &client, &thread, &peer) < 0)
        goto cleanup;
    virNetClientSetEventHandler(client, testEventSeen, &seen);
    g_atomic_int_set(&peer.go, 1);
    for (i = 0; i < 100 && !g_atomic_int_get(&seen); i++)
        g_usleep(20 * 1000);
    ret = g_atomic_int_get(&seen) ? 0 : -1;
 cleanup:
    virNetClientUnref(client);
    if (thread)
        g_thread_join(thread);
    close(peer.listenfd);
    return ret;
}

static int
mymain(void)
{
    virNetServerConfig cfg = {
        .maxWorkers = 4, .maxClients = 50, .maxClientRequests = 5,
        .keepaliveInterval = 5, .keepaliveCount = 5,
    };
    GMainLoop *loop = g_main_loop_new(NULL, FALSE);
    virNetServer *server;
    GThread *thread;
    int ret = 0;
    int fd;

    dir = g_dir_make_tmp("netclienttest-XXXXXX", NULL);
    sockPath = g_build_filename(dir, "sock", NULL);
    server = virNetServerNew("test", &cfg);
    if ((fd = virNetSocketListenUnix(sockPath, 0700, -1)) < 0 ||
        virNetServerAddService(server, fd, false, true, progs, G_N_ELEMENTS(progs)) < 0)
        return -1;
    thread = g_thread_new("loop", testLoopThread, loop);

    ret |= virTestRun("one call", testSimpleCall, NULL);
    ret |= virTestRun("8 threads x 50 calls on one connection", testConcurrentCalls, NULL);
    ret |= virTestRun("error reply becomes the caller's error", testErrorReply, NULL);
    ret |= virTestRun("connect failure names the socket", testConnectRefused, NULL);
    ret |= virTestRun("peer dies mid-call: error, no hang", testPeerDiesMidCall, NULL);
    ret |= virTestRun("silent peer: keepalive gives up", testKeepAliveTimeout, NULL);
    ret |= virTestRun("events reach the handler", testEventDelivered, NULL);

    g_main_loop_quit(loop);
    g_thread_join(thread);
    virNetServerFree(server);
    g_main_loop_unref(loop);
    unlink(sockPath);
    {
        g_autofree char *peer = g_build_filename(dir, "peer", NULL);

        unlink(peer);
    }
    rmdir(dir);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
