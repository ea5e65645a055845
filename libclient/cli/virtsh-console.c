/* virtsh: the interactive console, a terminal joined to a domain's
 * character device through a libvirt stream.
 *
 * Three threads take part:
 *  - the event thread receives the guest's output (stream callback) and
 *    sends what was typed (a timer), so that all stream calls after the
 *    stream is opened happen on one thread;
 *  - a reader thread blocks on the terminal, spots the escape character
 *    and queues the rest for the event thread;
 *  - the command's thread sets the terminal up, waits, and puts
 *    everything back, whatever ended the session (escape character, the
 *    guest closing the stream, a signal). */
#include "virtsh.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

typedef struct {
    virtshControl *ctl;
    virStreamPtr st;
    int escape;

    GMutex lock;
    GCond cond;
    GByteArray *typed;      /* read from the terminal, not yet sent */
    int send_timer;         /* -1 when no send is scheduled */
    bool stopping;          /* no more stream traffic */
    bool failed;            /* the stream broke, not the user */
    bool eof;               /* the guest side closed */
    bool torn_down;

    int wake[2];            /* tells the reader thread to finish */
} virtshConsole;


/* From any thread: end the session. */
static void
virtshConsoleStop(virtshConsole *con, bool failed)
{
    g_mutex_lock(&con->lock);
    if (!con->stopping) {
        con->stopping = true;
        con->failed = failed;
    }
    g_mutex_unlock(&con->lock);
    virtshEventDone(con->ctl);
}


static bool
virtshConsoleStopping(virtshConsole *con)
{
    bool ret;

    g_mutex_lock(&con->lock);
    ret = con->stopping;
    g_mutex_unlock(&con->lock);
    return ret;
}


static bool
virtshWriteAll(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) {
                struct pollfd pfd = { fd, POLLOUT, 0 };

                poll(&pfd, 1, -1);
                continue;
            }
            return false;
        }
        buf += n;
        len -= n;
    }
    return true;
}


/* Event thread: the guest wrote something, or the stream ended. */
static void
virtshConsoleOnStream(virStreamPtr st, int events, void *opaque)
{
    virtshConsole *con = opaque;

    if (virtshConsoleStopping(con))
        return;

    if (events & VIR_STREAM_EVENT_READABLE) {
        char buf[4096];
        int got = virStreamRecv(st, buf, sizeof(buf));

        if (got == 0) {
            g_mutex_lock(&con->lock);
            con->eof = true;
            g_mutex_unlock(&con->lock);
            virtshConsoleStop(con, false);
            return;
        }
        if (got == -1) {
            virtshConsoleStop(con, true);
            return;
        }
        if (got > 0 && !virtshWriteAll(STDOUT_FILENO, buf, got)) {
            virtshConsoleStop(con, false);
            return;
        }
    }
    if (events & (VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP))
        virtshConsoleStop(con, (events & VIR_STREAM_EVENT_ERROR) != 0);
}


/* Event thread: send what was typed. The stream is non-blocking, so a
 * full stream leaves the rest for a later try. */
static void
virtshConsoleSend(int timer, void *opaque)
{
    virtshConsole *con = opaque;
    int sent = 0;

    g_mutex_lock(&con->lock);
    if (!con->stopping && con->typed->len > 0)
        sent = virStreamSend(con->st, (const char *)con->typed->data, con->typed->len);
    if (sent > 0)
        g_byte_array_remove_range(con->typed, 0, sent);
    if (sent == -1 || con->stopping || con->typed->len == 0) {
        virEventRemoveTimeout(timer);
        con->send_timer = -1;
    } else if (sent == -2) {
        /* Try again shortly rather than on every loop iteration. */
        virEventRemoveTimeout(timer);
        con->send_timer = virEventAddTimeout(10, virtshConsoleSend, con, NULL);
    }
    g_mutex_unlock(&con->lock);

    if (sent == -1)
        virtshConsoleStop(con, true);
}


/* Reader thread: the terminal, until the escape character or a wake-up. */
static gpointer
virtshConsoleReader(gpointer opaque)
{
    virtshConsole *con = opaque;
    struct pollfd fds[2] = {
        { STDIN_FILENO, POLLIN, 0 },
        { con->wake[0], POLLIN, 0 },
    };

    for (;;) {
        char buf[1024];
        char *esc;
        ssize_t got;

        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            virtshConsoleStop(con, false);
            break;
        }
        if (fds[1].revents)
            break;
        if (!fds[0].revents)
            continue;

        got = read(STDIN_FILENO, buf, sizeof(buf));
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got <= 0) {
            virtshConsoleStop(con, false);
            break;
        }

        esc = memchr(buf, con->escape, got);
        g_mutex_lock(&con->lock);
        if (!con->stopping) {
            g_byte_array_append(con->typed, (guint8 *)buf, esc ? esc - buf : got);
            if (con->send_timer < 0 && con->typed->len > 0)
                con->send_timer = virEventAddTimeout(0, virtshConsoleSend, con, NULL);
        }
        g_mutex_unlock(&con->lock);

        if (esc) {
            virtshConsoleStop(con, false);
            break;
        }
    }
    return NULL;
}


/* Event thread: let go of the stream, then tell the command's thread. */
static void
virtshConsoleTeardown(int timer, void *opaque)
{
    virtshConsole *con = opaque;

    virEventRemoveTimeout(timer);

    g_mutex_lock(&con->lock);
    if (con->send_timer >= 0) {
        virEventRemoveTimeout(con->send_timer);
        con->send_timer = -1;
    }
    g_mutex_unlock(&con->lock);

    virStreamEventRemoveCallback(con->st);
    /* A stream the guest closed ends cleanly; one we walk away from is
     * aborted so that the server drops it at once. */
    if (con->eof)
        virStreamFinish(con->st);
    else
        virStreamAbort(con->st);

    g_mutex_lock(&con->lock);
    con->torn_down = true;
    g_cond_signal(&con->cond);
    g_mutex_unlock(&con->lock);
}


/* Signals that would kill us with the terminal left raw end the session
 * instead, through the same pipe Ctrl-C uses for 'event'. */
static const int virtshConsoleSignals[] = { SIGTERM, SIGQUIT, SIGHUP, SIGPIPE };


static void
virtshConsoleSignal(int signum G_GNUC_UNUSED)
{
    raise(SIGINT);
}


bool
virtshRunConsole(virtshControl *ctl, virDomainPtr dom, const char *devname,
                 unsigned int flags)
{
    struct sigaction old[G_N_ELEMENTS(virtshConsoleSignals)];
    struct sigaction sa = { 0 };
    virtshConsole con = {
        .ctl = ctl,
        .escape = virtshEscapeChar(ctl->escape),
        .send_timer = -1,
        .wake = { -1, -1 },
    };
    struct termios saved;
    struct termios raw;
    GThread *reader = NULL;
    bool ret = false;
    size_t i;

    if (tcgetattr(STDIN_FILENO, &saved) < 0) {
        virtshError(ctl, "%s", "unable to make terminal raw: console isn't a tty");
        return false;
    }
    /* Keystrokes go to the guest as they are: no echo (the guest echoes),
     * no line editing, Ctrl-C and friends are plain bytes. */
    raw = saved;
    cfmakeraw(&raw);
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0) {
        virtshError(ctl, "unable to make terminal raw: %s", g_strerror(errno));
        return false;
    }

    g_mutex_init(&con.lock);
    g_cond_init(&con.cond);
    con.typed = g_byte_array_new();

    if (virtshEventStart(ctl, 0) < 0)
        goto restore;
    sa.sa_handler = virtshConsoleSignal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < G_N_ELEMENTS(virtshConsoleSignals); i++)
        sigaction(virtshConsoleSignals[i], &sa, &old[i]);

    if (pipe2(con.wake, O_CLOEXEC) < 0) {
        virtshError(ctl, "cannot create a pipe: %s", g_strerror(errno));
        goto signals;
    }
    if (!(con.st = virStreamNew(ctl->conn, VIR_STREAM_NONBLOCK)))
        goto signals;
    if (virDomainOpenConsole(dom, devname, con.st, flags) < 0)
        goto signals;
    if (virStreamEventAddCallback(con.st, VIR_STREAM_EVENT_READABLE, virtshConsoleOnStream,
                                  &con, NULL) < 0)
        goto signals;

    reader = g_thread_new("virtsh-console", virtshConsoleReader, &con);
    virtshEventWait(ctl);
    virtshConsoleStop(&con, false);

    /* The reader may sit in poll(): wake it, then it is gone. */
    (void) !write(con.wake[1], "q", 1);
    g_thread_join(reader);

    virEventAddTimeout(0, virtshConsoleTeardown, &con, NULL);
    g_mutex_lock(&con.lock);
    while (!con.torn_down)
        g_cond_wait(&con.cond, &con.lock);
    ret = !con.failed;
    g_mutex_unlock(&con.lock);

 signals:
    /* Opened but never handed to the event thread: drop it here. */
    if (con.st && !con.torn_down)
        virStreamAbort(con.st);
    for (i = 0; i < G_N_ELEMENTS(virtshConsoleSignals); i++)
        sigaction(virtshConsoleSignals[i], &old[i], NULL);
    virtshEventCleanup(ctl);
 restore:
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (con.st)
        virStreamFree(con.st);
    if (con.wake[0] >= 0) {
        close(con.wake[0]);
        close(con.wake[1]);
    }
    g_byte_array_unref(con.typed);
    g_mutex_clear(&con.lock);
    g_cond_clear(&con.cond);
    return ret;
}
