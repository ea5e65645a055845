/* The QMP client against a scripted fake QEMU (a thread on a UNIX socket),
 * then once against the real qemu-system-x86_64. */
#include "internal.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu_monitor.h"
#include "testutils.h"
#include "vircommand.h"
#include "virerror.h"
#include "virfile.h"


#define GREETING "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, " \
    "\"major\": 7}, \"package\": \"\"}, \"capabilities\": [\"oob\"]}}\r\n"

typedef struct _fakeServer fakeServer;
/* One scenario: what the fake QEMU does after qmp_capabilities. */
typedef void (*fakeScript)(fakeServer *srv);

struct _fakeServer {
    char *dir;
    char *path;
    int listenfd;
    int fd;                 /* the accepted connection */
    GString *in;
    GThread *thread;
    fakeScript script;
    int delayMs;            /* wait before listening: tests connect retries */
    const char *greeting;
};

/* What the callbacks saw. */
typedef struct {
    GMutex lock;
    GCond cond;
    int eofs;
    GPtrArray *events;      /* "NAME seconds.micros data" strings */
    qemuMonitor *closeInEvent;
} testRecorder;

static void
srvSend(fakeServer *srv, const char *text)
{
    size_t len = strlen(text);
    size_t done = 0;

    while (done < len) {
        ssize_t n = send(srv->fd, text + done, len - done, MSG_NOSIGNAL);

        if (n <= 0)
            return;
        done += n;
    }
}

/* The next command the client sent, or NULL at EOF. */
static struct json_object *
srvRecv(fakeServer *srv)
{
    for (;;) {
        char *nl = memchr(srv->in->str, '\n', srv->in->len);
        char chunk[4096];
        ssize_t n;

        if (nl) {
            g_autofree char *line = g_strndup(srv->in->str, nl - srv->in->str);

            g_string_erase(srv->in, 0, nl - srv->in->str + 1);
            return json_tokener_parse(line);
        }
        if ((n = read(srv->fd, chunk, sizeof(chunk))) <= 0)
            return NULL;
        g_string_append_len(srv->in, chunk, n);
    }
}

static const char *
srvId(struct json_object *cmd)
{
    struct json_object *id = NULL;

    json_object_object_get_ex(cmd, "id", &id);
    return id ? json_object_get_string(id) : "";
}

static const char *
srvExecute(struct json_object *cmd)
{
    struct json_object *ex = NULL;

    json_object_object_get_ex(cmd, "execute", &ex);
    return ex ? json_object_get_string(ex) : "";
}

/* Reads one command and answers it with the given "return" JSON text. */
static void
srvReplyNext(fakeServer *srv, const char *ret)
{
    g_autoptr(json_object) cmd = srvRecv(srv);
    g_autofree char *reply = NULL;

    if (!cmd)
        return;
    reply = g_strdup_printf("{\"return\": %s, \"id\": \"%s\"}\r\n", ret, srvId(cmd));
    srvSend(srv, reply);
}

static gpointer
srvThread(gpointer opaque)
{
    fakeServer *srv = opaque;
    struct sockaddr_un addr = { .sun_family = AF_UNIX };

    if (srv->delayMs)
        g_usleep(srv->delayMs * 1000);
    strcpy(addr.sun_path, srv->path);
    srv->listenfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (bind(srv->listenfd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        listen(srv->listenfd, 1) < 0 ||
        (srv->fd = accept(srv->listenfd, NULL, NULL)) < 0) {
        fprintf(stderr, "fake server: %s\n", g_strerror(errno));
        return NULL;
    }

    srvSend(srv, srv->greeting ? srv->greeting : GREETING);
    if (!srv->greeting)
        srvReplyNext(srv, "{}");    /* qmp_capabilities */
    if (srv->script)
        srv->script(srv);
    close(srv->fd);
    srv->fd = -1;
    return NULL;
}

static fakeServer *
srvStart(fakeScript script, int delayMs)
{
    fakeServer *srv = g_new0(fakeServer, 1);

    srv->dir = g_dir_make_tmp("qemumonitortest-XXXXXX", NULL);
    srv->path = g_build_filename(srv->dir, "qmp.sock", NULL);
    srv->listenfd = srv->fd = -1;
    srv->in = g_string_new(NULL);
    srv->script = script;
    srv->delayMs = delayMs;
    return srv;
}

static void
srvRun(fakeServer *srv)
{
    srv->thread = g_thread_new("fake-qmp", srvThread, srv);
}

static void
srvFree(fakeServer *srv)
{
    if (!srv)
        return;
    if (srv->thread)
        g_thread_join(srv->thread);
    if (srv->listenfd >= 0)
        close(srv->listenfd);
    unlink(srv->path);
    rmdir(srv->dir);
    g_string_free(srv->in, TRUE);
    g_free(srv->path);
    g_free(srv->dir);
    g_free(srv);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(fakeServer, srvFree);

static void
recEof(qemuMonitor *mon, void *opaque)
{
    testRecorder *rec = opaque;

    g_mutex_lock(&rec->lock);
    rec->eofs++;
    g_cond_broadcast(&rec->cond);
    g_mutex_unlock(&rec->lock);
}

static void
recEvent(qemuMonitor *mon, const char *name, struct json_object *data,
         long long seconds, unsigned int micros, void *opaque)
{
    testRecorder *rec = opaque;
    const char *text = data ? json_object_to_json_string_ext(data, JSON_C_TO_STRING_PLAIN) : "-";
    bool closeNow;

    g_mutex_lock(&rec->lock);
    g_ptr_array_add(rec->events, g_strdup_printf("%s %lld.%06u %s", name, seconds, micros, text));
    closeNow = rec->closeInEvent == mon;
    g_cond_broadcast(&rec->cond);
    g_mutex_unlock(&rec->lock);

    if (closeNow)
        qemuMonitorClose(mon);
}

static const qemuMonitorCallbacks recCallbacks = {
    .eof = recEof,
    .event = recEvent,
};

static void
recInit(testRecorder *rec)
{
    g_mutex_init(&rec->lock);
    g_cond_init(&rec->cond);
    rec->eofs = 0;
    rec->events = g_ptr_array_new_with_free_func(g_free);
    rec->closeInEvent = NULL;
}

static void
recClear(testRecorder *rec)
{
    g_ptr_array_unref(rec->events);
    g_mutex_clear(&rec->lock);
    g_cond_clear(&rec->cond);
}

/* Waits up to 5s for the callbacks to have seen this many events/EOFs. */
static bool
recWait(testRecorder *rec, guint events, int eofs)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    bool ok = true;

    g_mutex_lock(&rec->lock);
    while (rec->events->len < events || rec->eofs < eofs) {
        if (!g_cond_wait_until(&rec->cond, &rec->lock, deadline)) {
            ok = false;
            break;
        }
    }
    g_mutex_unlock(&rec->lock);
    return ok;
}

static int
checkError(int code, const char *expect)
{
    const virErrorInfo *err = virErrorGetLast();

    if (!err || err->code != code || !err->message || !strstr(err->message, expect)) {
        fprintf(stderr, "expected error %d containing '%s', got %d '%s'\n",
                code, expect, err ? err->code : -1,
                err && err->message ? err->message : "(none)");
        return -1;
    }
    return 0;
}

/* ---- scenarios ---- */

static void
scriptStatus(fakeServer *srv)
{
    srvReplyNext(srv, "{\"running\": false, \"singlestep\": false, \"status\": \"paused\"}");
    srvReplyNext(srv, "{\"running\": true, \"singlestep\": false, \"status\": \"running\"}");
}

static int
testStatus(const void *opaque)
{
    g_autoptr(fakeServer) srv = srvStart(scriptStatus, 0);
    g_autofree char *status = NULL;
    qemuMonitor *mon;
    bool running = true;
    int ret = -1;

    srvRun(srv);
    if (!(mon = qemuMonitorOpen(srv->path, 5000, 0, NULL, NULL)))
        return -1;
    if (qemuMonitorGetStatus(mon, &running, &status) < 0 ||
        running || g_strcmp0(status, "paused") != 0)
        goto cleanup;
    if (qemuMonitorGetStatus(mon, &running, NULL) < 0 || !running)
        goto cleanup;
    ret = 0;
 cleanup:
    qemuMonitorClose(mon);
    return ret;
}

static void
scriptError(fakeServer *srv)
{
    g_autoptr(json_object) cmd = srvRecv(srv);
    g_autofree char *reply = NULL;

    if (!cmd)
        return;
    reply = g_strdup_printf("{\"id\": \"%s\", \"error\": {\"class\": \"GenericError\", "
                            "\"desc\": \"the guest said no\"}}\r\n", srvId(cmd));
    srvSend(srv, reply);
    srvReplyNext(srv, "{}");
    /* QEMU answers input it cannot parse with an error lacking the id. */
    g_clear_pointer(&cmd, json_object_put);
    if (!(cmd = srvRecv(srv)))
        return;
    srvSend(srv, "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error\"}}\r\n");
}

static int
testErrorReply(const void *opaque)
{
    g_autoptr(fakeServer) srv = srvStart(scriptError, 0);
    qemuMonitor *mon;
    int ret = -1;

    srvRun(srv);
    if (!(mon = qemuMonitorOpen(srv->path, 5000, 0, NULL, NULL)))
        return -1;
    if (qemuMonitorStop(mon) != -1 ||
        checkError(VIR_ERR_INTERNAL_ERROR,
                   "unable to execute QEMU command 'stop': the guest said no") < 0)
        goto cleanup;
    /* The monitor stays usable after an error reply. */
    if (qemuMonitorCont(mon) < 0)
        goto cleanup;
    if (qemuMonitorSystemReset(mon) != -1 ||
        checkError(VIR_ERR_INTERNAL_ERROR,
                   "unable to execute QEMU command 'system_reset': JSON parse error") < 0)
        goto cleanup;
    ret = 0;
 cleanup:
    qemuMonitorClose(mon);
    return ret;
}

/* Events arrive before and after the reply; garbage and a reply meant for
 * some other command are skipped. */
static void
scriptEvents(fakeServer *srv)
{
    g_autoptr(json_object) cmd = srvRecv(srv);
    g_autofree char *reply = NULL;

    if (!cmd || strcmp(srvExecute(cmd), "system_powerdown") != 0)
        return;
    srvSend(srv, "{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 42}, "
            "\"event\": \"POWERDOWN\"}\r\n");
    srvSend(srv, "this is not json\r\n");
    srvSend(srv, "[1, 2, 3]\r\n");
    srvSend(srv, "{\"unexpected\": true}\r\n");
    srvSend(srv, "{\"return\": {}, \"id\": \"somebody-else\"}\r\n");
    srvSend(srv, "{\"return\": {\"stray\": true}}\r\n");
    srvSend(srv, "{\"timestamp\": {\"seconds\": 1700000001, \"microseconds\": 7}, "
            "\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}}\r\n");
    reply = g_strdup_printf("{\"return\": {}, \"id\": \"%s\"}\r\n", srvId(cmd));
    /* Split across writes: the client must reassemble the line. */
    srvSend(srv, "{\"return\"");
    g_usleep(20 * 1000);
    srvSend(srv, reply + strlen("{\"return\""));
    srvSend(srv, "{\"timestamp\": {\"seconds\": 1700000002, \"microseconds\": 0}, "
            "\"event\": \"STOP\"}\r\n");
    srvReplyNext(srv, "{}");
    /* Stay connected until the client closes, so it sees no EOF. */
    g_clear_pointer(&cmd, json_object_put);
    cmd = srvRecv(srv);
}

static int
testEvents(const void *opaque)
{
    g_autoptr(fakeServer) srv = srvStart(scriptEvents, 0);
    testRecorder rec;
    qemuMonitor *mon;
    int ret = -1;

    recInit(&rec);
    srvRun(srv);
    if (!(mon = qemuMonitorOpen(srv->path, 5000, 0, &recCallbacks, &rec)))
        goto cleanup;
    if (qemuMonitorSystemPowerdown(mon) < 0 ||
        qemuMonitorSystemReset(mon) < 0)
        goto cleanup;
    if (!recWait(&rec, 3, 0)) {
        fprintf(stderr, "only %u events\n", rec.events->len);
        goto cleanup;
    }
    if (g_strcmp0(g_ptr_array_index(rec.events, 0), "POWERDOWN 1700000000.000042 -") != 0 ||
        g_strcmp0(g_ptr_array_index(rec.events, 1),
                  "SHUTDOWN 1700000001.000007 {\"guest\":true,\"reason\":\"guest-shutdown\"}") != 0 ||
        g_strcmp0(g_ptr_array_index(rec.events, 2), "STOP 1700000002.000000 -") != 0) {
        guint i;

        for (i = 0; i < rec.events->len; i++)
            fprintf(stderr, "event: %s\n", (char *)g_ptr_array_index(rec.events, i));
        goto cleanup;
    }
    ret = 0;
 cleanup:
    qemuMonitorClose(mon);
    /* Close does not report EOF to the owner. */
    if (rec.eofs != 0)
        ret = -1;
    recClear(&rec);
    return ret;
}

static void
scriptEofWhileWaiting(fakeServer *srv)
{
    g_autoptr(json_object) cmd = srvRecv(srv);
}

static int
testEof(const void *opaque)
{
    g_autoptr(fakeServer) srv = srvStart(scriptEofWhileWaiting, 0);
    testRecorder rec;
    qemuMonitor *mon;
    int ret = -1;

    recInit(&rec);
    srvRun(srv);
    if (!(mon = qemuMonitorOpen(srv->path, 5000, 0, &recCallbacks, &rec)))
        goto cleanup;
    if (qemuMonitorCont(mon) != -1 ||
        checkError(VIR_ERR_OPERATION_FAILED, "QEMU monitor closed") < 0)
        goto cleanup;
    if (!recWait(&rec, 0, 1))
        goto cleanup;
    /* Later commands fail at once instead of hanging. */
    if (qemuMonitorStop(mon) != -1 ||
        checkError(VIR_ERR_OPERATION_FAILED, "QEMU monitor closed") < 0)
        goto cleanup;
    ret = 0;
 cleanup:
    qemuMonitorClose(mon);
    if (rec.eofs != 1) {
        fprintf(stderr, "eof callback ran %d times\n", rec.eofs);
        ret = -1;
    }
    recClear(&rec);
    return ret;
}

static void
scriptQuit(fakeServer *srv)
{
    g_autoptr(json_object) cmd = srvRecv(srv);

    /* Like QEMU, exit without answering "quit". */
}

static int
testQuitWithoutReply(const void *opaque)
{
    g_autoptr(fakeServer) srv = srvStart(scriptQuit, 0);
    qemuMonitor *mon;
    int ret;

    srvRun(srv);
    if (!(mon = qemuMonitorOpen(srv->path, 5000, 0, NULL, NULL)))
        return -1;
    ret = qemuMonitorQuit(mon);
    qemuMonitorClose(mon);
    return ret;
}

static void
scriptChardev(fakeServer *srv)
{
    srvReplyNext(srv, "[{\"frontend-open\": false, \"filename\": \"unix:/run/x.sock,server=on\", "
                 "\"label\": \"charmonitor\"}, {\"frontend-open\": true, "
                 "\"filename\": \"pty:/dev/pts/7\", \"label\": \"charserial0\"}, "
                 "{\"frontend-open\": false, \"filename\": \"pty:/dev/pts/9\", "
                 "\"label\": \"charconsole1\"}]");
    srvReplyNext(srv, "\"QEMU 7.2.0 monitor\\r\\n\"");
}

static int
testChardevAndHuman(const void *opaque)
{
    g_autoptr(fakeServer) srv = srvStart(scriptChardev, 0);
    g_autoptr(GHashTable) ptys = NULL;
    g_autofree char *hmp = NULL;
    qemuMonitor *mon;
    int ret = -1;

    srvRun(srv);
    if (!(mon = qemuMonitorOpen(srv->path, 5000, 0, NULL, NULL)))
        return -1;
    if (qemuMonitorGetChardevPtys(mon, &ptys) < 0)
        goto cleanup;
    if (g_hash_table_size(ptys) != 2 ||
        g_strcmp0(g_hash_table_lookup(ptys, "charserial0"), "/dev/pts/7") != 0 ||
        g_strcmp0(g_hash_table_lookup(ptys, "charconsole1"), "/dev/pts/9") != 0)
        goto cleanup;
    if (!(hmp = qemuMonitorHumanCommand(mon, "info version")) ||
        strcmp(hmp, "QEMU 7.2.0 monitor\r\n") != 0)
        goto cleanup;
    ret = 0;
 cleanup:
    qemuMonitorClose(mon);
    return ret;
}

/* The socket appears only after the client started connecting. */
static int
testConnectRetry(const void *opaque)
{
    g_autoptr(fakeServer) srv = srvStart(scriptStatus, 300);
    qemuMonitor *mon;
    bool running;
    int ret = -1;

    srvRun(srv);
    if (!(mon = qemuMonitorOpen(srv->path, 5000, 0, NULL, NULL)))
        return -1;
    if (qemuMonitorGetStatus(mon, &running, NULL) == 0 && !running)
        ret = 0;
    qemuMonitorClose(mon);
    return ret;
}

static int
testConnectTimeout(const void *opaque)
{
    g_autofree char *dir = g_dir_make_tmp("qemumonitortest-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "missing.sock", NULL);
    gint64 start = g_get_monotonic_time();
    qemuMonitor *mon = qemuMonitorOpen(path, 200, 0, NULL, NULL);

    rmdir(dir);
    if (mon) {
        qemuMonitorClose(mon);
        return -1;
    }
    if ((g_get_monotonic_time() - start) < 150 * 1000)
        return -1;
    return checkError(VIR_ERR_SYSTEM_ERROR, "missing.sock");
}

static int
testBadGreeting(const void *opaque)
{
    g_autoptr(fakeServer) srv = srvStart(NULL, 0);
    qemuMonitor *mon;

    srv->greeting = "{\"hello\": \"world\"}\r\n";
    srvRun(srv);
    if ((mon = qemuMonitorOpen(srv->path, 5000, 0, NULL, NULL))) {
        qemuMonitorClose(mon);
        return -1;
    }
    return checkError(VIR_ERR_INTERNAL_ERROR, "not QMP");
}

/* The owner closes the monitor from its event callback; the reader thread
 * then frees it and nothing else is delivered. */
static void
scriptCloseInEvent(fakeServer *srv)
{
    g_autoptr(json_object) none = NULL;

    srvSend(srv, "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"RESET\"}\r\n");
    srvSend(srv, "{\"timestamp\": {\"seconds\": 3, \"microseconds\": 4}, \"event\": \"STOP\"}\r\n");
    /* Wait for the client to go away. */
    none = srvRecv(srv);
}

static int
testCloseInCallback(const void *opaque)
{
    g_autoptr(fakeServer) srv = srvStart(scriptCloseInEvent, 0);
    testRecorder rec;
    qemuMonitor *mon;
    int ret = -1;

    recInit(&rec);
    srvRun(srv);
    g_mutex_lock(&rec.lock);
    if (!(mon = qemuMonitorOpen(srv->path, 5000, 0, &recCallbacks, &rec))) {
        g_mutex_unlock(&rec.lock);
        goto cleanup;
    }
    rec.closeInEvent = mon;
    g_mutex_unlock(&rec.lock);

    if (!recWait(&rec, 1, 0))
        goto cleanup;
    /* The server sees EOF once the reader thread freed the monitor. */
    srvFree(g_steal_pointer(&srv));
    g_usleep(50 * 1000);
    if (rec.events->len != 1 || rec.eofs != 0)
        goto cleanup;
    ret = 0;
 cleanup:
    recClear(&rec);
    return ret;
}

static void
recCommandInEvent(qemuMonitor *mon, const char *name, struct json_object *data,
                  long long seconds, unsigned int micros, void *opaque)
{
    int *result = opaque;

    /* Must fail immediately instead of deadlocking the reader thread. */
    *result = qemuMonitorCont(mon) == -1 ? 1 : 2;
}

static void
scriptOneEvent(fakeServer *srv)
{
    srvSend(srv, "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"RESUME\"}\r\n");
    srvReplyNext(srv, "{}");
}

static int
testCommandFromCallback(const void *opaque)
{
    static const qemuMonitorCallbacks cbs = { .event = recCommandInEvent };
    g_autoptr(fakeServer) srv = srvStart(scriptOneEvent, 0);
    int result = 0;
    qemuMonitor *mon;
    int ret = -1;

    srvRun(srv);
    if (!(mon = qemuMonitorOpen(srv->path, 5000, 0, &cbs, &result)))
        return -1;
    /* The reply comes after the event, so the event has run by now. */
    if (qemuMonitorStop(mon) == 0 && result == 1)
        ret = 0;
    qemuMonitorClose(mon);
    return ret;
}

/* Several threads share one monitor; each gets its own reply. */
static void
scriptEcho(fakeServer *srv)
{
    g_autoptr(json_object) cmd = NULL;

    while ((cmd = srvRecv(srv))) {
        g_autofree char *reply = NULL;
        struct json_object *args = NULL;
        struct json_object *cl = NULL;

        json_object_object_get_ex(cmd, "arguments", &args);
        json_object_object_get_ex(args, "command-line", &cl);
        reply = g_strdup_printf("{\"return\": \"%s\", \"id\": \"%s\"}\r\n",
                                cl ? json_object_get_string(cl) : "", srvId(cmd));
        srvSend(srv, reply);
        g_clear_pointer(&cmd, json_object_put);
    }
}

static gpointer
echoWorker(gpointer opaque)
{
    qemuMonitor *mon = opaque;
    size_t i;

    for (i = 0; i < 50; i++) {
        g_autofree char *want = g_strdup_printf("%p-%zu", (void *)g_thread_self(), i);
        g_autofree char *got = qemuMonitorHumanCommand(mon, want);

        if (g_strcmp0(want, got) != 0)
            return GINT_TO_POINTER(1);
    }
    return NULL;
}

static int
testConcurrent(const void *opaque)
{
    g_autoptr(fakeServer) srv = srvStart(scriptEcho, 0);
    GThread *workers[4];
    qemuMonitor *mon;
    int ret = 0;
    size_t i;

    srvRun(srv);
    if (!(mon = qemuMonitorOpen(srv->path, 5000, 0, NULL, NULL)))
        return -1;
    for (i = 0; i < G_N_ELEMENTS(workers); i++)
        workers[i] = g_thread_new("echo", echoWorker, mon);
    for (i = 0; i < G_N_ELEMENTS(workers); i++) {
        if (g_thread_join(workers[i]))
            ret = -1;
    }
    qemuMonitorClose(mon);
    return ret;
}

/* ---- the real thing ---- */

static int
testRealQemu(const void *opaque)
{
    const char *binary = QEMU_DEFAULT_EMULATOR;
    g_autofree char *dir = g_dir_make_tmp("qemumonitortest-XXXXXX", NULL);
    g_autofree char *sock = g_build_filename(dir, "qmp.sock", NULL);
    g_autoptr(virCommand) cmd = NULL;
    g_autoptr(json_object) reply = NULL;
    struct json_object *qemu = NULL;
    struct json_object *major = NULL;
    qemuMonitor *mon = NULL;
    pid_t pid = -1;
    int ret = -1;
    int status;

    if (access(binary, X_OK) < 0) {
        fprintf(stderr, "%s not installed, nothing to check\n", binary);
        return 0;
    }
    cmd = virCommandNewArgList(binary, "-S", "-no-user-config", "-nodefaults",
                               "-nographic", "-machine", "none", NULL);
    virCommandAddArg(cmd, "-qmp");
    virCommandAddArgFormat(cmd, "unix:%s,server=on,wait=off", sock);
    virCommandAddEnvPassCommon(cmd);
    if (virCommandRunAsync(cmd, &pid) < 0)
        goto cleanup;
    if (!(mon = qemuMonitorOpen(sock, 10000, 0, NULL, NULL)))
        goto cleanup;
    if (qemuMonitorCommand(mon, "query-version", NULL, &reply) < 0)
        goto cleanup;
    if (!json_object_object_get_ex(reply, "qemu", &qemu) ||
        !json_object_object_get_ex(qemu, "major", &major) ||
        json_object_get_int(major) < 2) {
        fprintf(stderr, "odd query-version reply: %s\n", json_object_to_json_string(reply));
        goto cleanup;
    }
    if (qemuMonitorQuit(mon) < 0)
        goto cleanup;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        goto cleanup;
    pid = -1;
    ret = 0;
 cleanup:
    qemuMonitorClose(mon);
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    unlink(sock);
    rmdir(dir);
    return ret;
}

static int
mymain(void)
{
    int ret = 0;

    if (virTestRun("query-status", testStatus, NULL) < 0)
        ret = -1;
    if (virTestRun("error reply", testErrorReply, NULL) < 0)
        ret = -1;
    if (virTestRun("events, garbage and stray replies", testEvents, NULL) < 0)
        ret = -1;
    if (virTestRun("EOF while waiting", testEof, NULL) < 0)
        ret = -1;
    if (virTestRun("quit without reply", testQuitWithoutReply, NULL) < 0)
        ret = -1;
    if (virTestRun("query-chardev and HMP", testChardevAndHuman, NULL) < 0)
        ret = -1;
    if (virTestRun("connect retry", testConnectRetry, NULL) < 0)
        ret = -1;
    if (virTestRun("connect timeout", testConnectTimeout, NULL) < 0)
        ret = -1;
    if (virTestRun("bad greeting", testBadGreeting, NULL) < 0)
        ret = -1;
    if (virTestRun("close from a callback", testCloseInCallback, NULL) < 0)
        ret = -1;
    if (virTestRun("command from a callback", testCommandFromCallback, NULL) < 0)
        ret = -1;
    if (virTestRun("concurrent commands", testConcurrent, NULL) < 0)
        ret = -1;

    if (virTestRun("real QEMU: query-version and quit", testRealQemu, NULL) < 0)
        ret = -1;
    return ret;
}

int
main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    return virTestMain(argc, argv, mymain);
}
