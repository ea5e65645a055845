/* virsh console: an RPC stream joined to a guest's serial pty.
 *
 * The call's worker thread carries keystrokes (stream -> pty) and a
 * thread of the console's own carries output (pty -> stream), so a console
 * holds one RPC worker for as long as it is open. One console per domain:
 * a second one fails unless forced, which ends the first. */
#include "qemu_console.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include "qemu_domain.h"
#include "qemu_driver.h"
#include "virerror.h"
#include "virlog.h"
#include "virnetserver.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.console");

struct _qemuConsole {
    virNetServerStream *st;
    int fd;             /* the pty */
    int wake[2];        /* tells the output thread to stop */
    GThread *output;
};

/* The chr device devname names (its alias, "serial0", "console0"...), or
 * for NULL the first console, else the first serial, as libvirt picks. */
static const virDomainChrDef *
qemuConsoleFindDevice(const virDomainDef *def, const char *devname)
{
    size_t i;

    if (!devname) {
        if (def->nconsoles)
            return def->consoles[0];
        return def->nserials ? def->serials[0] : NULL;
    }
    for (i = 0; i < def->nconsoles; i++) {
        if (def->consoles[i]->info.alias && g_str_equal(def->consoles[i]->info.alias, devname))
            return def->consoles[i];
    }
    for (i = 0; i < def->nserials; i++) {
        if (def->serials[i]->info.alias && g_str_equal(def->serials[i]->info.alias, devname))
            return def->serials[i];
    }
    return NULL;
}

/* pty -> stream, until the pty ends (the guest stopped), the stream fails
 * or the console is closing. */
static gpointer
qemuConsoleOutput(gpointer opaque)
{
    qemuConsole *con = opaque;
    char buf[4096];

    for (;;) {
        struct pollfd fds[2] = {
            { .fd = con->fd, .events = POLLIN },
            { .fd = con->wake[0], .events = POLLIN },
        };
        ssize_t n;

        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents)
            break;
        n = read(con->fd, buf, sizeof(buf));
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0) {
            /* EIO: QEMU closed its side, the guest is gone. The client is
             * told the output ended and finishes the stream. */
            VIR_DEBUG("console pty ended (%s)", n < 0 ? g_strerror(errno) : "EOF");
            if (virNetServerStreamSendEOF(con->st) < 0)
                virErrorReset();
            break;
        }
        if (virNetServerStreamSend(con->st, buf, n) < 0) {
            virErrorReset();
            break;
        }
    }
    return NULL;
}

static int
qemuConsoleOpenPty(const char *path)
{
    struct termios tio;
    int fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);

    if (fd < 0) {
        virReportSystemError(errno, "cannot open console device '%s'", path);
        return -1;
    }
    /* Bytes pass untouched both ways: the client's terminal does the rest. */
    if (tcgetattr(fd, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(fd, TCSANOW, &tio);
    }
    return fd;
}

/* stream -> pty until the client finishes (0) or the stream fails (-1). */
static int
qemuConsoleInput(qemuConsole *con)
{
    char buf[4096];

    for (;;) {
        long long hole;
        ssize_t n = virNetServerStreamRecv(con->st, buf, sizeof(buf), &hole);
        ssize_t done = 0;

        if (n <= 0)
            return n < 0 ? -1 : 0;
        while (done < n) {
            ssize_t w = write(con->fd, buf + done, n - done);

            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                break;  /* the guest went away: the output side ends it */
            done += w;
        }
    }
}

int
qemuDomainOpenConsole(virDrvConnect *conn, virDrvDomain *dom, const char *devname,
                      virNetServerStream *st, unsigned int flags)
{
    qemuConsole con = { .st = st, .fd = -1, .wake = { -1, -1 } };
    const virDomainChrDef *chr;
    const virDomainChrSourceDef *src;
    qemuDomainObjPrivate *priv;
    virDomainObj *obj;
    int rc = -1;

    virCheckFlags(VIR_DOMAIN_CONSOLE_FORCE | VIR_DOMAIN_CONSOLE_SAFE, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomObjCheckActive(obj) < 0)
        goto unlock;
    if (!(chr = qemuConsoleFindDevice(obj->def, devname))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot find character device %s",
                       devname ? devname : "");
        goto unlock;
    }
    src = virDomainChrGetSource(obj->def, chr);
    if (!src || src->type != VIR_DOMAIN_CHR_TYPE_PTY || !src->ptyPath) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "character device %s is not using a PTY",
                       devname ? devname : (chr->info.alias ? chr->info.alias : ""));
        goto unlock;
    }
    priv = qemuDomainObjPrivateGet(obj);
    if (priv->console) {
        if (!(flags & VIR_DOMAIN_CONSOLE_FORCE)) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           "Active console session exists for this domain");
            goto unlock;
        }
        virNetServerStreamInterrupt(priv->console->st,
                                    "console session taken over by another client");
        priv->console = NULL;
    }
    if ((con.fd = qemuConsoleOpenPty(src->ptyPath)) < 0)
        goto unlock;
    if (pipe2(con.wake, O_CLOEXEC) < 0) {
        virReportSystemError(errno, "%s", "cannot create a pipe");
        goto unlock;
    }
    priv->console = &con;
    virDomainObjUnlock(obj);

    virNetServerStreamAccept(st);
    con.output = g_thread_new("console", qemuConsoleOutput, &con);
    rc = qemuConsoleInput(&con);
    if (write(con.wake[1], "", 1) < 0)
        VIR_WARN("cannot wake the console output thread");
    g_thread_join(con.output);

    virDomainObjLock(obj);
    priv = qemuDomainObjPrivateGet(obj);
    if (priv->console == &con)
        priv->console = NULL;

 unlock:
    if (con.fd >= 0)
        close(con.fd);
    if (con.wake[0] >= 0)
        close(con.wake[0]);
    if (con.wake[1] >= 0)
        close(con.wake[1]);
    virDomainObjEndAPI(&obj);
    return rc;
}
