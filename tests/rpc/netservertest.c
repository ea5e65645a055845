/* The RPC server against hostile input: each case connects raw, sends a
 * bad message and checks the server answers with libvirt's error or drops
 * that client, while a well-behaved client on the same server keeps
 * being served. */
#include "internal.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "testutils.h"
#include "virnetserver.h"
#include "remote_protocol.h"
#include "keepalive_protocol.h"

#define VIR_FROM_THIS VIR_FROM_RPC

#define TEST_PROG 0x11223344

static int
testEcho(virNetServer *srv, virNetServerClient *client, virNetMessage *msg,
         void *args, void *ret)
{
    *(char **)ret = g_strdup(*(char **)args);
    return 0;
}

static int
testSlow(virNetServer *srv, virNetServerClient *client, virNetMessage *msg,
         void *args, void *ret)
{
    g_usleep(300 * 1000);
    return 0;
}

/* Streams: what the upload handler received. */
static gint64 uploadBytes;
static gint64 uploadHoles;
static int uploadResult;

static int
testUpload(virNetServer *srv, virNetServerClient *client, virNetMessage *msg,
           void *args, void *ret)
{
    virNetServerStream *st = virNetServerStreamOpen(client, msg, VIR_NET_SERVER_STREAM_SPARSE);
    char buf[1000];
    int rc = 0;

    uploadBytes = uploadHoles = 0;
    virNetServerStreamAccept(st);
    for (;;) {
        long long hole = 0;
        ssize_t n = virNetServerStreamRecv(st, buf, sizeof(buf), &hole);

        if (n < 0) {
            rc = -1;
            break;
        }
        if (n == 0 && hole == 0)
            break;
        uploadBytes += n;
        uploadHoles += hole;
    }
    g_atomic_int_set(&uploadResult, rc == 0 ? 1 : 2);
    return virNetServerStreamComplete(st, rc);
}

/* Sends 300000 bytes of 'x', a hole of 4096, 10 bytes of 'y' (or, with
 * endless, data until the client aborts). */
static int
testDownloadCommon(virNetServerClient *client, virNetMessage *msg, bool endless)
{
    virNetServerStream *st = virNetServerStreamOpen(client, msg,
                                                    VIR_NET_SERVER_STREAM_SOURCE |
                                                    VIR_NET_SERVER_STREAM_SPARSE);
    g_autofree char *data = g_malloc(300000);
    int rc = 0;

    memset(data, 'x', 300000);
    if (endless) {
        while (virNetServerStreamSend(st, data, 300000) == 0)
            ;
        rc = -1;
    } else if (virNetServerStreamSend(st, data, 300000) < 0 ||
               virNetServerStreamSendHole(st, 4096) < 0 ||
               virNetServerStreamSend(st, "yyyyyyyyyy", 10) < 0) {
        rc = -1;
    }
    return virNetServerStreamComplete(st, rc);
}

static int
testDownload(virNetServer *srv, virNetServerClient *client, virNetMessage *msg,
             void *args, void *ret)
{
    return testDownloadCommon(client, msg, false);
}

static int
testDownloadEndless(virNetServer *srv, virNetServerClient *client, virNetMessage *msg,
                    void *args, void *ret)
{
    return testDownloadCommon(client, msg, true);
}

/* Fails before the accept (the call fails) or after it (the stream does). */
static int
testStreamFail(virNetServer *srv, virNetServerClient *client, virNetMessage *msg,
               void *args, void *ret)
{
    virNetServerStream *st = virNetServerStreamOpen(client, msg, 0);

    if (msg->header.proc == 8)
        virNetServerStreamAccept(st);
    virReportError(VIR_ERR_OPERATION_FAILED, "%s", "the volume went away");
    return virNetServerStreamComplete(st, -1);
}

static const virNetServerProcedure testProcs[] = {
    { .proc = 1, .name = "ECHO", .api = "testEcho",
      .argsFilter = (xdrproc_t)xdr_remote_nonnull_string, .argsSize = sizeof(char *),
      .retFilter = (xdrproc_t)xdr_remote_nonnull_string, .retSize = sizeof(char *),
      .func = testEcho, .readonly = true, .needAuth = false },
    { .proc = 2, .name = "SLOW", .api = "testSlow",
      .argsFilter = (xdrproc_t)xdr_void, .retFilter = (xdrproc_t)xdr_void,
      .func = testSlow, .readonly = true, .needAuth = false },
    { .proc = 3, .name = "WRITE", .api = "testWrite",
      .argsFilter = (xdrproc_t)xdr_void, .retFilter = (xdrproc_t)xdr_void,
      .func = testSlow, .readonly = false, .needAuth = false },
    { .proc = 4, .name = "UPLOAD", .api = "testUpload",
      .argsFilter = (xdrproc_t)xdr_void, .retFilter = (xdrproc_t)xdr_void,
      .func = testUpload, .readonly = true, .needAuth = false },
    { .proc = 5, .name = "DOWNLOAD", .api = "testDownload",
      .argsFilter = (xdrproc_t)xdr_void, .retFilter = (xdrproc_t)xdr_void,
      .func = testDownload, .readonly = true, .needAuth = false },
    { .proc = 6, .name = "DOWNLOAD_ENDLESS", .api = "testDownloadEndless",
      .argsFilter = (xdrproc_t)xdr_void, .retFilter = (xdrproc_t)xdr_void,
      .func = testDownloadEndless, .readonly = true, .needAuth = false },
    { .proc = 8, .name = "STREAM_FAIL_LATE", .api = "testStreamFail",
      .argsFilter = (xdrproc_t)xdr_void, .retFilter = (xdrproc_t)xdr_void,
      .func = testStreamFail, .readonly = true, .needAuth = false },
    { .proc = 9, .name = "STREAM_FAIL_EARLY", .api = "testStreamFail",
      .argsFilter = (xdrproc_t)xdr_void, .retFilter = (xdrproc_t)xdr_void,
      .func = testStreamFail, .readonly = true, .needAuth = false },
};
static const virNetServerProcedureName testNames[] = { { 1, "ECHO" }, { 7, "KNOWN_BUT_MISSING" } };
static const virNetServerProgram testProgram = {
    .prog = TEST_PROG, .vers = 1,
    .procs = testProcs, .nprocs = G_N_ELEMENTS(testProcs),
    .names = testNames, .nnames = G_N_ELEMENTS(testNames),
};
static const virNetServerProgram keepalive = { .prog = KEEPALIVE_PROGRAM, .vers = 1 };
static const virNetServerProgram *const progs[] = { &testProgram, &keepalive };

static char *sockPath;
static char *roSockPath;
static virNetServer *server;

static gpointer
testLoopThread(gpointer opaque)
{
    g_main_loop_run(opaque);
    return NULL;
}

static int
testConnect(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct timeval tv = { .tv_sec = 5 };

    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    return fd;
}

static void
testPut32(GByteArray *buf, uint32_t v)
{
    v = htonl(v);
    g_byte_array_append(buf, (guint8 *)&v, 4);
}

/* A message: length word, header, payload bytes. */
static GByteArray *
testMessage(uint32_t prog, int proc, int type, uint32_t serial, int status,
            const guint8 *payload, size_t len)
{
    GByteArray *buf = g_byte_array_new();

    testPut32(buf, 28 + len);
    testPut32(buf, prog);
    testPut32(buf, 1);
    testPut32(buf, proc);
    testPut32(buf, type);
    testPut32(buf, serial);
    testPut32(buf, status);
    if (len)
        g_byte_array_append(buf, payload, len);
    return buf;
}

static GByteArray *
testEchoCall(uint32_t serial, const char *text)
{
    g_autoptr(GByteArray) payload = g_byte_array_new();
    size_t len = strlen(text);
    static const guint8 zero[4];

    testPut32(payload, len);
    g_byte_array_append(payload, (const guint8 *)text, len);
    g_byte_array_append(payload, zero, (4 - len % 4) % 4);
    return testMessage(TEST_PROG, 1, VIR_NET_CALL, serial, VIR_NET_OK,
                       payload->data, payload->len);
}

static int
testSend(int fd, GByteArray *buf)
{
    g_autoptr(GByteArray) owned = buf;

    return send(fd, buf->data, buf->len, MSG_NOSIGNAL) == (ssize_t)buf->len ? 0 : -1;
}

static int
testReadAll(int fd, guint8 *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);

        if (n <= 0)
            return -1;
        got += n;
    }
    return 0;
}

typedef struct {
    uint32_t prog, vers;
    int proc, type;
    uint32_t serial;
    int status;
    GByteArray *payload;
} testReply;

/* Reads one message; -1 at end of stream (the server dropped us). */
static int
testRecv(int fd, testReply *r)
{
    guint8 hdr[28];
    uint32_t *w = (uint32_t *)hdr;
    uint32_t len;

    if (testReadAll(fd, hdr, sizeof(hdr)) < 0)
        return -1;
    len = ntohl(w[0]);
    r->prog = ntohl(w[1]);
    r->vers = ntohl(w[2]);
    r->proc = ntohl(w[3]);
    r->type = ntohl(w[4]);
    r->serial = ntohl(w[5]);
    r->status = ntohl(w[6]);
    if (len < 28 || len > 1 << 20)
        return -1;
    r->payload = g_byte_array_sized_new(len - 28);
    g_byte_array_set_size(r->payload, len - 28);
    return testReadAll(fd, r->payload->data, len - 28);
}

/* An error reply's code, domain and message. */
static int
testErrorFields(const testReply *r, int *code, int *domain, char **message)
{
    const uint32_t *w = (const uint32_t *)r->payload->data;
    uint32_t mlen;

    if (r->payload->len < 16 || ntohl(w[2]) != 1)
        return -1;
    *code = ntohl(w[0]);
    *domain = ntohl(w[1]);
    mlen = ntohl(w[3]);
    if (16 + mlen > r->payload->len)
        return -1;
    *message = g_strndup((const char *)r->payload->data + 16, mlen);
    return 0;
}

/* The good client: after every bad one, it must still get its echo. */
static int
testGoodClientWorks(void)
{
    int fd = testConnect(sockPath);
    testReply r = { 0 };
    int ret = -1;

    if (fd < 0 || testSend(fd, testEchoCall(42, "still here")) < 0 ||
        testRecv(fd, &r) < 0)
        goto cleanup;
    if (r.type != VIR_NET_REPLY || r.status != VIR_NET_OK || r.serial != 42 ||
        r.payload->len < 14 || memcmp(r.payload->data + 4, "still here", 10) != 0) {
        fprintf(stderr, "good client got type %d status %d serial %u\n", r.type, r.status, r.serial);
        goto cleanup;
    }
    ret = 0;
 cleanup:
    if (r.payload)
        g_byte_array_unref(r.payload);
    if (fd >= 0)
        close(fd);
    return ret;
}

/* The server must drop the client: reading gives end of stream. */
static int
testExpectDropped(int fd)
{
    testReply r = { 0 };
    int rc = testRecv(fd, &r);

    if (r.payload)
        g_byte_array_unref(r.payload);
    close(fd);
    if (rc == 0) {
        fprintf(stderr, "expected the connection to be dropped\n");
        return -1;
    }
    return testGoodClientWorks();
}

static int
testExpectError(int fd, uint32_t serial, int wantCode, int wantDomain, const char *wantMsg)
{
    testReply r = { 0 };
    g_autofree char *msg = NULL;
    int code = 0, domain = 0;
    int ret = -1;

    if (testRecv(fd, &r) < 0) {
        fprintf(stderr, "no reply\n");
        goto cleanup;
    }
    if (r.type != VIR_NET_REPLY || r.status != VIR_NET_ERROR || r.serial != serial ||
        testErrorFields(&r, &code, &domain, &msg) < 0) {
        fprintf(stderr, "not an error reply: type %d status %d serial %u\n",
                r.type, r.status, r.serial);
        goto cleanup;
    }
    if (code != wantCode || domain != wantDomain || !strstr(msg, wantMsg)) {
        fprintf(stderr, "got error %d/%d '%s', want %d/%d '%s'\n",
                code, domain, msg, wantCode, wantDomain, wantMsg);
        goto cleanup;
    }
    /* The same connection still works after an error reply. */
    if (testSend(fd, testEchoCall(serial + 1, "again")) < 0) {
        fprintf(stderr, "cannot send after the error\n");
        goto cleanup;
    }
    g_byte_array_unref(r.payload);
    r.payload = NULL;
    if (testRecv(fd, &r) < 0 || r.status != VIR_NET_OK || r.serial != serial + 1) {
        fprintf(stderr, "connection unusable after the error\n");
        goto cleanup;
    }
    ret = testGoodClientWorks();
 cleanup:
    if (r.payload)
        g_byte_array_unref(r.payload);
    close(fd);
    return ret;
}

/* ---- streams ---- */

static GByteArray *
testHolePacket(int proc, uint32_t serial, long long length)
{
    g_autoptr(GByteArray) payload = g_byte_array_new();

    testPut32(payload, (uint64_t)length >> 32);
    testPut32(payload, length & 0xffffffff);
    testPut32(payload, 0);
    return testMessage(TEST_PROG, proc, VIR_NET_STREAM_HOLE, serial, VIR_NET_CONTINUE,
                       payload->data, payload->len);
}

/* Expects one message of that type and status for serial. */
static int
testExpect(int fd, uint32_t serial, int type, int status, testReply *r)
{
    if (testRecv(fd, r) < 0) {
        fprintf(stderr, "no message\n");
        return -1;
    }
    if (r->serial != serial || r->type != type || r->status != status) {
        fprintf(stderr, "got type %d status %d serial %u, want %d/%d/%u\n",
                r->type, r->status, r->serial, type, status, serial);
        return -1;
    }
    return 0;
}

static int
testStreamUpload(const void *opaque)
{
    int fd = testConnect(sockPath);
    guint8 data[700];
    testReply r = { 0 };
    int ret = -1;
    int i;

    memset(data, 'a', sizeof(data));
    g_atomic_int_set(&uploadResult, 0);
    if (fd < 0 ||
        testSend(fd, testMessage(TEST_PROG, 4, VIR_NET_CALL, 10, VIR_NET_OK, NULL, 0)) < 0 ||
        testExpect(fd, 10, VIR_NET_REPLY, VIR_NET_OK, &r) < 0)
        goto cleanup;
    for (i = 0; i < 3; i++) {
        if (testSend(fd, testMessage(TEST_PROG, 4, VIR_NET_STREAM, 10, VIR_NET_CONTINUE,
                                     data, sizeof(data))) < 0)
            goto cleanup;
    }
    /* Packets of other calls are not the stream's. */
    if (testSend(fd, testMessage(TEST_PROG, 4, VIR_NET_STREAM, 99, VIR_NET_CONTINUE,
                                 data, 10)) < 0 ||
        testSend(fd, testHolePacket(4, 10, 5000)) < 0 ||
        testSend(fd, testMessage(TEST_PROG, 4, VIR_NET_STREAM, 10, VIR_NET_OK, NULL, 0)) < 0)
        goto cleanup;
    g_byte_array_unref(r.payload);
    r.payload = NULL;
    if (testExpect(fd, 10, VIR_NET_STREAM, VIR_NET_OK, &r) < 0)
        goto cleanup;
    if (g_atomic_int_get(&uploadResult) != 1 || uploadBytes != 2100 || uploadHoles != 5000) {
        fprintf(stderr, "upload got result %d, %lld bytes, %lld hole bytes\n",
                uploadResult, (long long)uploadBytes, (long long)uploadHoles);
        goto cleanup;
    }
    ret = testGoodClientWorks();
 cleanup:
    if (r.payload)
        g_byte_array_unref(r.payload);
    if (fd >= 0)
        close(fd);
    return ret;
}

static int
testStreamDownload(const void *opaque)
{
    int fd = testConnect(sockPath);
    testReply r = { 0 };
    size_t xs = 0;
    long long hole = 0;
    bool ys = false;
    int ret = -1;

    if (fd < 0 ||
        testSend(fd, testMessage(TEST_PROG, 5, VIR_NET_CALL, 11, VIR_NET_OK, NULL, 0)) < 0 ||
        testExpect(fd, 11, VIR_NET_REPLY, VIR_NET_OK, &r) < 0)
        goto cleanup;
    for (;;) {
        g_byte_array_unref(r.payload);
        r.payload = NULL;
        if (testRecv(fd, &r) < 0 || r.serial != 11 || r.status != VIR_NET_CONTINUE) {
            fprintf(stderr, "bad stream packet\n");
            goto cleanup;
        }
        if (r.type == VIR_NET_STREAM_HOLE && r.payload->len == 12) {
            const uint32_t *w = (const uint32_t *)r.payload->data;

            hole += ((long long)ntohl(w[0]) << 32) | ntohl(w[1]);
        } else if (r.payload->len == 0) {
            break;      /* EOF */
        } else if (r.payload->data[0] == 'x' && r.payload->len <= 262120) {
            xs += r.payload->len;
        } else if (r.payload->len == 10 && memcmp(r.payload->data, "yyyyyyyyyy", 10) == 0) {
            ys = true;
        }
    }
    if (xs != 300000 || hole != 4096 || !ys) {
        fprintf(stderr, "download got %zu bytes, a hole of %lld, tail %d\n", xs, hole, ys);
        goto cleanup;
    }
    g_byte_array_unref(r.payload);
    r.payload = NULL;
    if (testSend(fd, testMessage(TEST_PROG, 5, VIR_NET_STREAM, 11, VIR_NET_OK, NULL, 0)) < 0 ||
        testExpect(fd, 11, VIR_NET_STREAM, VIR_NET_OK, &r) < 0)
        goto cleanup;
    ret = testGoodClientWorks();
 cleanup:
    if (r.payload)
        g_byte_array_unref(r.payload);
    if (fd >= 0)
        close(fd);
    return ret;
}

static int
testStreamAbort(const void *opaque)
{
    int fd = testConnect(sockPath);
    testReply r = { 0 };
    int ret = -1;
    int i;

    if (fd < 0 ||
        testSend(fd, testMessage(TEST_PROG, 6, VIR_NET_CALL, 12, VIR_NET_OK, NULL, 0)) < 0 ||
        testExpect(fd, 12, VIR_NET_REPLY, VIR_NET_OK, &r) < 0)
        goto cleanup;
    /* Read a little, then abort while the server is still sending. */
    for (i = 0; i < 3; i++) {
        g_byte_array_unref(r.payload);
        r.payload = NULL;
        if (testExpect(fd, 12, VIR_NET_STREAM, VIR_NET_CONTINUE, &r) < 0)
            goto cleanup;
    }
    if (testSend(fd, testMessage(TEST_PROG, 6, VIR_NET_STREAM, 12, VIR_NET_ERROR, NULL, 0)) < 0)
        goto cleanup;
    /* Queued data may still come; then the abort is confirmed. */
    do {
        g_byte_array_unref(r.payload);
        r.payload = NULL;
        if (testRecv(fd, &r) < 0 || r.serial != 12 || r.type != VIR_NET_STREAM) {
            fprintf(stderr, "no confirmation of the abort\n");
            goto cleanup;
        }
    } while (r.status == VIR_NET_CONTINUE);
    if (r.status != VIR_NET_OK) {
        fprintf(stderr, "abort answered with status %d\n", r.status);
        goto cleanup;
    }
    ret = testGoodClientWorks();
 cleanup:
    if (r.payload)
        g_byte_array_unref(r.payload);
    if (fd >= 0)
        close(fd);
    return ret;
}

static int
testStreamFailLate(const void *opaque)
{
    int fd = testConnect(sockPath);
    testReply r = { 0 };
    g_autofree char *msg = NULL;
    int code = 0, domain = 0;
    int ret = -1;

    if (fd < 0 ||
        testSend(fd, testMessage(TEST_PROG, 8, VIR_NET_CALL, 13, VIR_NET_OK, NULL, 0)) < 0 ||
        testExpect(fd, 13, VIR_NET_REPLY, VIR_NET_OK, &r) < 0)
        goto cleanup;
    g_byte_array_unref(r.payload);
    r.payload = NULL;
    if (testExpect(fd, 13, VIR_NET_STREAM, VIR_NET_ERROR, &r) < 0 ||
        testErrorFields(&r, &code, &domain, &msg) < 0 ||
        code != VIR_ERR_OPERATION_FAILED || !strstr(msg, "the volume went away")) {
        fprintf(stderr, "bad stream error\n");
        goto cleanup;
    }
    ret = testGoodClientWorks();
 cleanup:
    if (r.payload)
        g_byte_array_unref(r.payload);
    if (fd >= 0)
        close(fd);
    return ret;
}

static int
testStreamFailEarly(const void *opaque)
{
    int fd = testConnect(sockPath);

    if (fd < 0 ||
        testSend(fd, testMessage(TEST_PROG, 9, VIR_NET_CALL, 14, VIR_NET_OK, NULL, 0)) < 0)
        return -1;
    return testExpectError(fd, 14, VIR_ERR_OPERATION_FAILED, VIR_FROM_RPC,
                           "the volume went away");
}

static int
testLengthZero(const void *opaque)
{
    int fd = testConnect(sockPath);
    g_autoptr(GByteArray) buf = g_byte_array_new();

    testPut32(buf, 0);
    if (send(fd, buf->data, buf->len, MSG_NOSIGNAL) != 4)
        return -1;
    return testExpectDropped(fd);
}

static int
testLengthTooSmall(const void *opaque)
{
    int fd = testConnect(sockPath);
    g_autoptr(GByteArray) buf = g_byte_array_new();

    testPut32(buf, 27);
    testPut32(buf, TEST_PROG);
    if (send(fd, buf->data, buf->len, MSG_NOSIGNAL) != 8)
        return -1;
    return testExpectDropped(fd);
}

static int
testLengthTooLarge(const void *opaque)
{
    int fd = testConnect(sockPath);
    g_autoptr(GByteArray) buf = g_byte_array_new();

    testPut32(buf, 32 * 1024 * 1024 + 5);
    testPut32(buf, TEST_PROG);
    if (send(fd, buf->data, buf->len, MSG_NOSIGNAL) != 8)
        return -1;
    return testExpectDropped(fd);
}

static int
testTruncatedThenClose(const void *opaque)
{
    int fd = testConnect(sockPath);
    g_autoptr(GByteArray) buf = testEchoCall(1, "truncated");

    if (send(fd, buf->data, buf->len - 5, MSG_NOSIGNAL) < 0)
        return -1;
    close(fd);
    return testGoodClientWorks();
}

static int
testVanishMidCall(const void *opaque)
{
    int fd = testConnect(sockPath);

    /* The slow call is still running when the client goes. */
    if (testSend(fd, testMessage(TEST_PROG, 2, VIR_NET_CALL, 9, VIR_NET_OK, NULL, 0)) < 0)
        return -1;
    close(fd);
    g_usleep(500 * 1000);
    return testGoodClientWorks();
}

static int
testUnknownProgram(const void *opaque)
{
    int fd = testConnect(sockPath);

    if (testSend(fd, testMessage(0x12345, 1, VIR_NET_CALL, 5, VIR_NET_OK, NULL, 0)) < 0)
        return -1;
    return testExpectError(fd, 5, 39, 7, "Cannot find program 74565 version 1");
}

static int
testUnknownProcedure(const void *opaque)
{
    int fd = testConnect(sockPath);

    if (testSend(fd, testMessage(TEST_PROG, 999, VIR_NET_CALL, 6, VIR_NET_OK, NULL, 0)) < 0)
        return -1;
    return testExpectError(fd, 6, 39, 7, "unknown procedure: 999");
}

static int
testNegativeProcedure(const void *opaque)
{
    int fd = testConnect(sockPath);

    if (testSend(fd, testMessage(TEST_PROG, -3, VIR_NET_CALL, 6, VIR_NET_OK, NULL, 0)) < 0)
        return -1;
    return testExpectError(fd, 6, 39, 7, "unknown procedure: -3");
}

static int
testKnownButMissing(const void *opaque)
{
    int fd = testConnect(sockPath);

    if (testSend(fd, testMessage(TEST_PROG, 7, VIR_NET_CALL, 8, VIR_NET_OK, NULL, 0)) < 0)
        return -1;
    /* VIR_ERR_NO_SUPPORT: what clients take their fallbacks on. */
    return testExpectError(fd, 8, 3, 0, "not supported");
}

static int
testUndecodable(const void *opaque)
{
    int fd = testConnect(sockPath);
    static const guint8 garbage[] = { 0xff, 0xff, 0xff, 0xf0, 'x' };

    if (testSend(fd, testMessage(TEST_PROG, 1, VIR_NET_CALL, 10, VIR_NET_OK,
                                 garbage, sizeof(garbage))) < 0)
        return -1;
    return testExpectError(fd, 10, 39, 7, "Unable to decode message payload");
}

static int
testBadStatus(const void *opaque)
{
    int fd = testConnect(sockPath);

    if (testSend(fd, testMessage(TEST_PROG, 2, VIR_NET_CALL, 11, VIR_NET_ERROR, NULL, 0)) < 0)
        return -1;
    return testExpectError(fd, 11, 39, 7, "Unexpected message status");
}

static int
testReadOnlyDenied(const void *opaque)
{
    int fd = testConnect(roSockPath);

    if (testSend(fd, testMessage(TEST_PROG, 3, VIR_NET_CALL, 12, VIR_NET_OK, NULL, 0)) < 0)
        return -1;
    return testExpectError(fd, 12, 29, 0, "read only access prevents testWrite");
}

static int
testStrayMessagesIgnored(const void *opaque)
{
    int fd = testConnect(sockPath);
    static const guint8 data[] = { 1, 2, 3 };

    /* Replies, events and streams nobody opened are dropped silently. */
    if (testSend(fd, testMessage(TEST_PROG, 1, VIR_NET_REPLY, 1, VIR_NET_OK, NULL, 0)) < 0 ||
        testSend(fd, testMessage(TEST_PROG, 1, VIR_NET_STREAM, 2, VIR_NET_CONTINUE,
                                 data, sizeof(data))) < 0 ||
        testSend(fd, testEchoCall(13, "after stray")) < 0)
        return -1;
    {
        testReply r = { 0 };
        int rc = testRecv(fd, &r);
        bool ok = rc == 0 && r.serial == 13 && r.status == VIR_NET_OK;

        if (r.payload)
            g_byte_array_unref(r.payload);
        close(fd);
        return ok ? testGoodClientWorks() : -1;
    }
}

static int
testKeepalivePing(const void *opaque)
{
    int fd = testConnect(sockPath);
    testReply r = { 0 };
    bool ok;

    if (testSend(fd, testMessage(KEEPALIVE_PROGRAM, KEEPALIVE_PROC_PING, VIR_NET_MESSAGE,
                                 0, VIR_NET_OK, NULL, 0)) < 0 ||
        testRecv(fd, &r) < 0)
        return -1;
    ok = r.prog == KEEPALIVE_PROGRAM && r.proc == KEEPALIVE_PROC_PONG && r.type == VIR_NET_MESSAGE;
    g_byte_array_unref(r.payload);
    close(fd);
    return ok ? 0 : -1;
}

static int
testPipelined(const void *opaque)
{
    int fd = testConnect(sockPath);
    bool seen[20] = { false };
    int i;

    /* More calls than a client may have in flight: all get answered. */
    for (i = 0; i < 20; i++) {
        g_autofree char *text = g_strdup_printf("call %d", i);

        if (testSend(fd, testEchoCall(100 + i, text)) < 0)
            return -1;
    }
    for (i = 0; i < 20; i++) {
        testReply r = { 0 };

        if (testRecv(fd, &r) < 0 || r.serial < 100 || r.serial >= 120)
            return -1;
        seen[r.serial - 100] = true;
        g_byte_array_unref(r.payload);
    }
    close(fd);
    for (i = 0; i < 20; i++) {
        if (!seen[i])
            return -1;
    }
    return 0;
}

static int
mymain(void)
{
    g_autofree char *dir = g_dir_make_tmp("netservertest-XXXXXX", NULL);
    virNetServerConfig cfg = {
        .maxWorkers = 4, .prioWorkers = 1, .maxClients = 50,
        .maxClientRequests = 5, .keepaliveInterval = 5, .keepaliveCount = 5,
    };
    GMainLoop *loop = g_main_loop_new(NULL, FALSE);
    GThread *thread;
    int ret = 0;
    int fd;

    sockPath = g_build_filename(dir, "sock", NULL);
    roSockPath = g_build_filename(dir, "sock-ro", NULL);
    server = virNetServerNew("test", &cfg);
    if ((fd = virNetSocketListenUnix(sockPath, 0700, -1)) < 0 ||
        virNetServerAddService(server, fd, false, true, progs, G_N_ELEMENTS(progs)) < 0 ||
        (fd = virNetSocketListenUnix(roSockPath, 0777, -1)) < 0 ||
        virNetServerAddService(server, fd, true, true, progs, G_N_ELEMENTS(progs)) < 0)
        return -1;
    thread = g_thread_new("loop", testLoopThread, loop);

#define CASE(title, fn) ret |= virTestRun(title, fn, NULL)
    CASE("stream upload with data, a hole and finish", testStreamUpload);
    CASE("stream download with data, a hole, EOF and finish", testStreamDownload);
    CASE("stream download aborted by the client", testStreamAbort);
    CASE("stream failing after its reply", testStreamFailLate);
    CASE("stream failing before its reply", testStreamFailEarly);
    CASE("length 0 drops the client", testLengthZero);
    CASE("length below a header drops the client", testLengthTooSmall);
    CASE("length past 32 MiB drops the client", testLengthTooLarge);
    CASE("truncated message then close", testTruncatedThenClose);
    CASE("client vanishing mid-call", testVanishMidCall);
    CASE("unknown program", testUnknownProgram);
    CASE("unknown procedure", testUnknownProcedure);
    CASE("negative procedure", testNegativeProcedure);
    CASE("known procedure without handler is NO_SUPPORT", testKnownButMissing);
    CASE("undecodable arguments", testUndecodable);
    CASE("call with error status", testBadStatus);
    CASE("read-only socket refuses a write call", testReadOnlyDenied);
    CASE("stray replies and streams are ignored", testStrayMessagesIgnored);
    CASE("keepalive ping gets a pong", testKeepalivePing);
    CASE("pipelined calls past the request limit", testPipelined);
#undef CASE

    g_main_loop_quit(loop);
    g_thread_join(thread);
    virNetServerFree(server);
    g_main_loop_unref(loop);
    unlink(sockPath);
    unlink(roSockPath);
    rmdir(dir);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
