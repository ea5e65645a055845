#include "qemu_monitor.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_monitor");


/* A line longer than this is not QMP any more: drop it instead of growing
 * without bound. The largest real replies (query-qmp-schema) are far smaller. */
#define QEMU_MONITOR_MAX_LINE (64 * 1024 * 1024)

/* Used when the caller's connect timeout is shorter: QEMU sends the greeting
 * as soon as it accepts, but a loaded host may be slow to schedule it. */
#define QEMU_MONITOR_GREETING_MIN_MS 5000

struct _qemuMonitor {
    int fd;
    int wakeup[2];              /* Close writes to [1] to end the reader's poll */
    GThread *thread;
    const qemuMonitorCallbacks *cb;
    void *opaque;
    GString *rbuf;              /* bytes read but not yet a whole line */

    GMutex cmdLock;             /* held by the one command in flight */

    GMutex lock;                /* protects everything below */
    GCond cond;
    bool eof;                   /* the socket reached EOF or failed */
    bool closing;               /* qemuMonitorClose has started */
    bool freeOnExit;            /* closed from a callback: the reader frees */
    unsigned long long serial;
    char *waitId;               /* id of the command waiting for a reply */
    struct json_object *reply;  /* that command's reply message, once read */
};

static void
qemuMonitorFree(qemuMonitor *mon)
{
    if (mon->fd >= 0)
        close(mon->fd);
    if (mon->wakeup[0] >= 0)
        close(mon->wakeup[0]);
    if (mon->wakeup[1] >= 0)
        close(mon->wakeup[1]);
    if (mon->rbuf)
        g_string_free(mon->rbuf, TRUE);
    if (mon->reply)
        json_object_put(mon->reply);
    g_free(mon->waitId);
    g_mutex_clear(&mon->cmdLock);
    g_mutex_clear(&mon->lock);
    g_cond_clear(&mon->cond);
    g_free(mon);
}

static bool
qemuMonitorIsClosing(qemuMonitor *mon)
{
    bool ret;

    g_mutex_lock(&mon->lock);
    ret = mon->closing;
    g_mutex_unlock(&mon->lock);
    return ret;
}

static void
qemuMonitorDispatchEvent(qemuMonitor *mon, struct json_object *msg)
{
    struct json_object *name = NULL;
    struct json_object *data = NULL;
    struct json_object *stamp = NULL;
    struct json_object *val = NULL;
    long long seconds = 0;
    unsigned int micros = 0;

    if (!json_object_object_get_ex(msg, "event", &name) ||
        !json_object_is_type(name, json_type_string)) {
        VIR_DEBUG("event without a name, ignored");
        return;
    }
    json_object_object_get_ex(msg, "data", &data);
    if (json_object_object_get_ex(msg, "timestamp", &stamp)) {
        if (json_object_object_get_ex(stamp, "seconds", &val))
            seconds = json_object_get_int64(val);
        if (json_object_object_get_ex(stamp, "microseconds", &val))
            micros = json_object_get_int(val);
    }

    VIR_DEBUG("event %s", json_object_get_string(name));
    if (qemuMonitorIsClosing(mon) || !mon->cb || !mon->cb->event)
        return;
    mon->cb->event(mon, json_object_get_string(name), data, seconds, micros,
                   mon->opaque);
}

/* Hands a reply to the command waiting for it. QEMU leaves "id" out of an
 * error only when it could not parse the command at all: that is still the
 * waiting command's answer. Every command we send has an id, so a "return"
 * without one answers nothing of ours. */
static void
qemuMonitorDispatchReply(qemuMonitor *mon, struct json_object *msg)
{
    struct json_object *id = NULL;
    const char *idstr = NULL;
    bool isError = json_object_object_get_ex(msg, "error", NULL);

    if (json_object_object_get_ex(msg, "id", &id))
        idstr = json_object_get_string(id);

    g_mutex_lock(&mon->lock);
    if (mon->waitId && !mon->reply &&
        (idstr ? strcmp(idstr, mon->waitId) == 0 : isError)) {
        mon->reply = json_object_get(msg);
        g_cond_broadcast(&mon->cond);
    } else {
        VIR_DEBUG("reply with id '%s' matches no waiting command, ignored",
                  idstr ? idstr : "(none)");
    }
    g_mutex_unlock(&mon->lock);
}

static void
qemuMonitorHandleLine(qemuMonitor *mon, const char *line)
{
    g_autoptr(json_object) msg = NULL;
    enum json_tokener_error err = json_tokener_success;

    VIR_DEBUG("recv: %.1024s", line);
    msg = json_tokener_parse_verbose(line, &err);
    if (!msg || !json_object_is_type(msg, json_type_object)) {
        /* Not ours to judge further: a broken line must not take the
         * connection down. */
        VIR_WARN("ignoring malformed line from QEMU monitor: %.200s", line);
        return;
    }

    if (json_object_object_get_ex(msg, "event", NULL))
        qemuMonitorDispatchEvent(mon, msg);
    else if (json_object_object_get_ex(msg, "return", NULL) ||
             json_object_object_get_ex(msg, "error", NULL))
        qemuMonitorDispatchReply(mon, msg);
    else
        VIR_DEBUG("ignoring unknown message from QEMU monitor");
}

/* Splits the buffer into lines and handles each. Returns false once the
 * monitor was closed from a callback, so the reader stops at once. */
static bool
qemuMonitorProcessBuffer(qemuMonitor *mon)
{
    char *nl;

    while ((nl = memchr(mon->rbuf->str, '\n', mon->rbuf->len))) {
        g_autofree char *line = g_strndup(mon->rbuf->str, nl - mon->rbuf->str);

        g_string_erase(mon->rbuf, 0, nl - mon->rbuf->str + 1);
        g_strstrip(line);
        if (*line)
            qemuMonitorHandleLine(mon, line);
        if (qemuMonitorIsClosing(mon))
            return false;
    }
    if (mon->rbuf->len > QEMU_MONITOR_MAX_LINE) {
        VIR_WARN("dropping %zu bytes from QEMU monitor without a line end",
                 mon->rbuf->len);
        g_string_truncate(mon->rbuf, 0);
    }
    return true;
}

static gpointer
qemuMonitorReader(gpointer opaque)
{
    qemuMonitor *mon = opaque;
    bool wasClosing;
    bool freeIt;

    g_mutex_lock(&mon->lock);
    g_mutex_unlock(&mon->lock);
    if (!qemuMonitorProcessBuffer(mon))
        goto done;

    for (;;) {
        struct pollfd fds[2] = {
            { .fd = mon->fd, .events = POLLIN },
            { .fd = mon->wakeup[0], .events = POLLIN },
        };
        char chunk[65536];
        ssize_t n;

        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            VIR_WARN("poll on QEMU monitor failed: %s", g_strerror(errno));
            break;
        }
        if (fds[1].revents)
            break;
        if (!fds[0].revents)
            continue;

        n = read(mon->fd, chunk, sizeof(chunk));
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0) {
            VIR_DEBUG("QEMU monitor %s", n == 0 ? "reached EOF" : g_strerror(errno));
            break;
        }
        g_string_append_len(mon->rbuf, chunk, n);
        if (!qemuMonitorProcessBuffer(mon))
            break;
    }

 done:
    g_mutex_lock(&mon->lock);
    mon->eof = true;
    wasClosing = mon->closing;
    g_cond_broadcast(&mon->cond);
    g_mutex_unlock(&mon->lock);

    if (!wasClosing && mon->cb && mon->cb->eof)
        mon->cb->eof(mon, mon->opaque);

    g_mutex_lock(&mon->lock);
    freeIt = mon->freeOnExit;
    g_mutex_unlock(&mon->lock);
    if (freeIt) {
        /* Let a command that was just woken up leave before the memory goes. */
        g_mutex_lock(&mon->cmdLock);
        g_mutex_unlock(&mon->cmdLock);
        qemuMonitorFree(mon);
    }
    return NULL;
}

static int
qemuMonitorConnect(const char *path, gint64 deadline, pid_t pid)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "monitor socket path '%s' too long", path);
        return -1;
    }
    strcpy(addr.sun_path, path);

    for (;;) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int err;

        if (fd < 0) {
            virReportSystemError(errno, "%s", "failed to create socket");
            return -1;
        }
        if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
            return fd;
        err = errno;
        close(fd);

        /* QEMU creates and starts listening on the socket a little after
         * it was spawned: a missing or refusing socket is worth retrying. */
        /* A QEMU that already exited will never listen: no use waiting
         * for the deadline. */
        if ((err != ENOENT && err != ECONNREFUSED && err != EAGAIN) ||
            g_get_monotonic_time() >= deadline || (pid > 0 && kill(pid, 0) < 0 && errno == ESRCH)) {
            virReportSystemError(err, "failed to connect to monitor socket '%s'", path);
            return -1;
        }
        g_usleep(10 * 1000);
    }
}

/* Reads until the first line end (the greeting); bytes after it stay in
 * rbuf for the reader thread. */
static char *
qemuMonitorReadGreeting(qemuMonitor *mon, int timeoutMs)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeoutMs * 1000;
    g_autofree char *line = NULL;
    char *nl;

    while (!(nl = memchr(mon->rbuf->str, '\n', mon->rbuf->len))) {
        struct pollfd pfd = { .fd = mon->fd, .events = POLLIN };
        gint64 left = (deadline - g_get_monotonic_time()) / 1000;
        char chunk[4096];
        ssize_t n;
        int rc;

        if (left <= 0) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT, "%s",
                           "no greeting from QEMU monitor");
            return NULL;
        }
        if ((rc = poll(&pfd, 1, left)) < 0 && errno != EINTR) {
            virReportSystemError(errno, "%s", "poll on QEMU monitor failed");
            return NULL;
        }
        if (rc <= 0)
            continue;
        if ((n = read(mon->fd, chunk, sizeof(chunk))) < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            virReportSystemError(errno, "%s", "cannot read QEMU monitor greeting");
            return NULL;
        }
        if (n == 0) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           "QEMU monitor closed before its greeting");
            return NULL;
        }
        g_string_append_len(mon->rbuf, chunk, n);
        if (mon->rbuf->len > QEMU_MONITOR_MAX_LINE) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "QEMU monitor greeting is too long");
            return NULL;
        }
    }

    line = g_strndup(mon->rbuf->str, nl - mon->rbuf->str);
    g_string_erase(mon->rbuf, 0, nl - mon->rbuf->str + 1);
    VIR_DEBUG("greeting: %s", line);
    return g_steal_pointer(&line);
}

qemuMonitor *
qemuMonitorOpen(const char *path, int timeoutMs, pid_t pid,
                const qemuMonitorCallbacks *cb, void *opaque)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)MAX(timeoutMs, 0) * 1000;
    g_autoptr(json_object) greeting = NULL;
    g_autofree char *line = NULL;
    g_autoptr(GError) gerr = NULL;
    qemuMonitor *mon;
    int fd;

    if ((fd = qemuMonitorConnect(path, deadline, pid)) < 0)
        return NULL;

    mon = g_new0(qemuMonitor, 1);
    mon->fd = fd;
    mon->wakeup[0] = mon->wakeup[1] = -1;
    mon->cb = cb;
    mon->opaque = opaque;
    mon->rbuf = g_string_new(NULL);
    g_mutex_init(&mon->cmdLock);
    g_mutex_init(&mon->lock);
    g_cond_init(&mon->cond);

    if (pipe2(mon->wakeup, O_CLOEXEC) < 0) {
        virReportSystemError(errno, "%s", "cannot create pipe");
        goto error;
    }

    line = qemuMonitorReadGreeting(mon, MAX((deadline - g_get_monotonic_time()) / 1000,
                                            QEMU_MONITOR_GREETING_MIN_MS));
    if (!line)
        goto error;
    if (!(greeting = json_tokener_parse(line)) ||
        !json_object_is_type(greeting, json_type_object) ||
        !json_object_object_get_ex(greeting, "QMP", NULL)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "QEMU monitor greeting is not QMP");
        goto error;
    }

    /* Held until mon->thread is set: the reader waits for it before it
     * can run a callback that compares threads. */
    g_mutex_lock(&mon->lock);
    mon->thread = g_thread_try_new("qemu-monitor", qemuMonitorReader, mon, &gerr);
    g_mutex_unlock(&mon->lock);
    if (!mon->thread) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "cannot start QEMU monitor thread: %s", gerr->message);
        goto error;
    }

    if (qemuMonitorCommand(mon, "qmp_capabilities", NULL, NULL) < 0) {
        qemuMonitorClose(mon);
        return NULL;
    }
    return mon;

 error:
    qemuMonitorFree(mon);
    return NULL;
}

static int
qemuMonitorSend(qemuMonitor *mon, const char *data, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = send(mon->fd, data + done, len - done, MSG_NOSIGNAL);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        done += n;
    }
    return 0;
}

static void
qemuMonitorReportError(const char *cmd, struct json_object *err)
{
    struct json_object *desc = NULL;
    struct json_object *klass = NULL;
    const char *text = "unknown error";

    if (json_object_object_get_ex(err, "desc", &desc))
        text = json_object_get_string(desc);
    else if (json_object_object_get_ex(err, "class", &klass))
        text = json_object_get_string(klass);
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   "unable to execute QEMU command '%s': %s", cmd, text);
}

/* Sends msg (an object with "execute", stolen) with an id of ours added,
 * and waits for QEMU's whole answer. cmd names the command in errors.
 * *closed is set when the monitor went away before the reply (which
 * "quit" expects). */
static int
qemuMonitorExchange(qemuMonitor *mon, const char *cmd, struct json_object *msg,
                    struct json_object **answer, bool *closed)
{
    g_autoptr(json_object) owned = msg;
    g_autofree char *text = NULL;
    char *id;

    *closed = false;
    *answer = NULL;
    if (g_thread_self() == mon->thread) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "QEMU command '%s' sent from a monitor callback", cmd);
        return -1;
    }

    g_mutex_lock(&mon->cmdLock);
    g_mutex_lock(&mon->lock);
    if (mon->eof || mon->closing) {
        g_mutex_unlock(&mon->lock);
        g_mutex_unlock(&mon->cmdLock);
        *closed = true;
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", "QEMU monitor closed");
        return -1;
    }
    id = g_strdup_printf("libvirt-%llu", ++mon->serial);
    mon->waitId = id;
    g_mutex_unlock(&mon->lock);

    json_object_object_add(msg, "id", json_object_new_string(id));
    text = g_strdup_printf("%s\r\n", json_object_to_json_string_ext(msg, JSON_C_TO_STRING_PLAIN));
    VIR_DEBUG("send: %s", text);

    if (qemuMonitorSend(mon, text, strlen(text)) < 0) {
        int err = errno;

        g_mutex_lock(&mon->lock);
        g_clear_pointer(&mon->waitId, g_free);
        g_mutex_unlock(&mon->lock);
        g_mutex_unlock(&mon->cmdLock);
        *closed = err == EPIPE || err == ECONNRESET;
        virReportSystemError(err, "cannot send QEMU command '%s'", cmd);
        return -1;
    }

    g_mutex_lock(&mon->lock);
    while (!mon->reply && !mon->eof && !mon->closing)
        g_cond_wait(&mon->cond, &mon->lock);
    *answer = g_steal_pointer(&mon->reply);
    g_clear_pointer(&mon->waitId, g_free);
    g_mutex_unlock(&mon->lock);
    g_mutex_unlock(&mon->cmdLock);

    if (!*answer) {
        *closed = true;
        virReportError(VIR_ERR_OPERATION_FAILED,
                       "QEMU monitor closed while waiting for '%s'", cmd);
        return -1;
    }
    return 0;
}

static int
qemuMonitorCommandInternal(qemuMonitor *mon, const char *cmd,
                           struct json_object *args, struct json_object **reply,
                           bool *closed)
{
    json_object *msg = json_object_new_object();
    g_autoptr(json_object) answer = NULL;
    struct json_object *val = NULL;

    if (reply)
        *reply = NULL;
    json_object_object_add(msg, "execute", json_object_new_string(cmd));
    if (args)
        json_object_object_add(msg, "arguments", args);
    if (qemuMonitorExchange(mon, cmd, msg, &answer, closed) < 0)
        return -1;
    if (json_object_object_get_ex(answer, "error", &val)) {
        qemuMonitorReportError(cmd, val);
        return -1;
    }
    if (reply && json_object_object_get_ex(answer, "return", &val))
        *reply = json_object_get(val);
    return 0;
}

char *
qemuMonitorCommandPassthrough(qemuMonitor *mon, const char *json)
{
    g_autoptr(json_object) answer = NULL;
    struct json_object *msg = json_tokener_parse(json);
    struct json_object *exec = NULL;
    bool closed;

    if (!msg || !json_object_is_type(msg, json_type_object) ||
        !json_object_object_get_ex(msg, "execute", &exec) ||
        !json_object_is_type(exec, json_type_string)) {
        if (msg)
            json_object_put(msg);
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "cannot parse json %s: not a QMP command object", json);
        return NULL;
    }
    /* The reply carries our id; the caller's own id, if any, is replaced. */
    json_object_object_del(msg, "id");
    if (qemuMonitorExchange(mon, json_object_get_string(exec), msg, &answer, &closed) < 0)
        return NULL;
    return g_strdup(json_object_to_json_string_ext(answer, JSON_C_TO_STRING_PLAIN));
}

int
qemuMonitorCommand(qemuMonitor *mon, const char *cmd,
                   struct json_object *args, struct json_object **reply)
{
    bool closed;

    return qemuMonitorCommandInternal(mon, cmd, args, reply, &closed);
}

int
qemuMonitorCont(qemuMonitor *mon)
{
    return qemuMonitorCommand(mon, "cont", NULL, NULL);
}

int
qemuMonitorStop(qemuMonitor *mon)
{
    return qemuMonitorCommand(mon, "stop", NULL, NULL);
}

int
qemuMonitorSystemPowerdown(qemuMonitor *mon)
{
    return qemuMonitorCommand(mon, "system_powerdown", NULL, NULL);
}

int
qemuMonitorSystemReset(qemuMonitor *mon)
{
    return qemuMonitorCommand(mon, "system_reset", NULL, NULL);
}

int
qemuMonitorQuit(qemuMonitor *mon)
{
    bool closed;

    if (qemuMonitorCommandInternal(mon, "quit", NULL, NULL, &closed) < 0) {
        if (!closed)
            return -1;
        /* QEMU exited before it could answer: exactly what was asked. */
        virErrorReset();
    }
    return 0;
}

int
qemuMonitorDumpGuestMemory(qemuMonitor *mon, const char *path)
{
    struct json_object *args = json_object_new_object();
    g_autofree char *protocol = g_strdup_printf("file:%s", path);

    json_object_object_add(args, "paging", json_object_new_boolean(false));
    json_object_object_add(args, "protocol", json_object_new_string(protocol));
    return qemuMonitorCommand(mon, "dump-guest-memory", args, NULL);
}

int
qemuMonitorGetStatus(qemuMonitor *mon, bool *running, char **status)
{
    g_autoptr(json_object) reply = NULL;
    struct json_object *val = NULL;

    if (qemuMonitorCommand(mon, "query-status", NULL, &reply) < 0)
        return -1;

    if (!json_object_object_get_ex(reply, "running", &val) ||
        !json_object_is_type(val, json_type_boolean)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "query-status reply lacks 'running'");
        return -1;
    }
    *running = json_object_get_boolean(val);
    if (status) {
        *status = NULL;
        if (json_object_object_get_ex(reply, "status", &val))
            *status = g_strdup(json_object_get_string(val));
    }
    return 0;
}

int
qemuMonitorGetChardevPtys(qemuMonitor *mon, GHashTable **ptys)
{
    g_autoptr(json_object) reply = NULL;
    g_autoptr(GHashTable) table = NULL;
    size_t i;

    if (qemuMonitorCommand(mon, "query-chardev", NULL, &reply) < 0)
        return -1;
    if (!json_object_is_type(reply, json_type_array)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "query-chardev reply is not an array");
        return -1;
    }

    table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (i = 0; i < json_object_array_length(reply); i++) {
        struct json_object *dev = json_object_array_get_idx(reply, i);
        struct json_object *label = NULL;
        struct json_object *filename = NULL;
        const char *fn;

        if (!json_object_object_get_ex(dev, "label", &label) ||
            !json_object_object_get_ex(dev, "filename", &filename))
            continue;
        fn = json_object_get_string(filename);
        if (!g_str_has_prefix(fn, "pty:"))
            continue;
        g_hash_table_insert(table, g_strdup(json_object_get_string(label)),
                            g_strdup(fn + strlen("pty:")));
    }
    *ptys = g_steal_pointer(&table);
    return 0;
}

char *
qemuMonitorHumanCommand(qemuMonitor *mon, const char *hmp)
{
    g_autoptr(json_object) reply = NULL;
    struct json_object *args = json_object_new_object();

    json_object_object_add(args, "command-line", json_object_new_string(hmp));
    if (qemuMonitorCommand(mon, "human-monitor-command", args, &reply) < 0)
        return NULL;
    return g_strdup(reply ? json_object_get_string(reply) : "");
}

void
qemuMonitorClose(qemuMonitor *mon)
{
    if (!mon)
        return;

    g_mutex_lock(&mon->lock);
    mon->closing = true;
    g_cond_broadcast(&mon->cond);
    if (mon->thread && g_thread_self() == mon->thread) {
        /* Inside a callback: the reader thread finishes the job. */
        mon->freeOnExit = true;
        g_thread_unref(mon->thread);
        g_mutex_unlock(&mon->lock);
        return;
    }
    g_mutex_unlock(&mon->lock);

    if (mon->thread) {
        char c = 0;
        ssize_t G_GNUC_UNUSED ignored = write(mon->wakeup[1], &c, 1);

        g_thread_join(mon->thread);
    }
    /* A command woken by "closing" may still be on its way out. */
    g_mutex_lock(&mon->cmdLock);
    g_mutex_unlock(&mon->cmdLock);
    qemuMonitorFree(mon);
}
