/* virtsh: a virsh work-alike written only against libvirt's public API.
 *
 * This file holds the program's frame: global options, output and error
 * reporting, the connection, the event thread, the shell's own commands
 * and the interactive loop. Commands live in virtsh-host.c,
 * virtsh-domain.c and virtsh-event.c; parsing and help in
 * virtsh-command.c. */
#include "virtsh.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The client library is still growing: referenced weakly, a library that
 * does not define the default authentication callback yet still links,
 * and connections then simply go without interactive credentials. */
#pragma weak virConnectAuthPtrDefault

/* ---- output --------------------------------------------------------- */

void
virtshPrint(virtshControl *ctl, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}


void
virtshPrintExtra(virtshControl *ctl, const char *fmt, ...)
{
    va_list ap;

    if (ctl && ctl->quiet)
        return;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}


void
virtshError(virtshControl *ctl, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    fflush(stdout);
    fprintf(stderr, "error: %s\n", msg);
    fflush(stderr);
}


void
virtshDebug(virtshControl *ctl, int level, const char *fmt, ...)
{
    va_list ap;

    if (!ctl || ctl->debug < 0 || level < ctl->debug)
        return;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}


/* ---- libvirt errors ------------------------------------------------- */

/* Installed with virSetErrorFunc: keeps libvirt from printing errors
 * itself and keeps the latest one for the command that failed. */
static void
virtshErrorHandler(void *opaque, virErrorPtr err G_GNUC_UNUSED)
{
    virtshControl *ctl = opaque;
    virErrorPtr saved = virSaveLastError();

    g_mutex_lock(&ctl->error_lock);
    virFreeError(ctl->last_error);
    ctl->last_error = saved;
    g_mutex_unlock(&ctl->error_lock);
}


void
virtshResetLibvirtError(virtshControl *ctl)
{
    g_mutex_lock(&ctl->error_lock);
    g_clear_pointer(&ctl->last_error, virFreeError);
    g_mutex_unlock(&ctl->error_lock);
    virResetLastError();
}


int
virtshLastErrorCode(virtshControl *ctl)
{
    int code = VIR_ERR_OK;

    g_mutex_lock(&ctl->error_lock);
    if (ctl->last_error)
        code = ctl->last_error->code;
    g_mutex_unlock(&ctl->error_lock);
    if (code == VIR_ERR_OK) {
        virErrorPtr err = virGetLastError();

        if (err)
            code = err->code;
    }
    return code;
}


void
virtshReportError(virtshControl *ctl)
{
    virErrorPtr err;

    g_mutex_lock(&ctl->error_lock);
    err = g_steal_pointer(&ctl->last_error);
    g_mutex_unlock(&ctl->error_lock);

    /* An error the handler did not see (or none at all). */
    if (!err)
        err = virSaveLastError();
    if (err && err->code != VIR_ERR_OK)
        virtshError(ctl, "%s", err->message ? err->message : "unknown error");
    virFreeError(err);
    virResetLastError();
}


/* Errors meaning the connection itself is gone. */
static bool
virtshErrorIsDisconnect(virtshControl *ctl)
{
    bool ret = false;

    g_mutex_lock(&ctl->error_lock);
    if (ctl->last_error) {
        virErrorPtr e = ctl->last_error;

        ret = (e->code == VIR_ERR_SYSTEM_ERROR && e->domain == VIR_FROM_REMOTE) ||
              e->code == VIR_ERR_RPC || e->code == VIR_ERR_NO_CONNECT ||
              e->code == VIR_ERR_INVALID_CONN;
    }
    g_mutex_unlock(&ctl->error_lock);
    return ret;
}


/* ---- the connection ------------------------------------------------- */

/* Reasons of virConnectCloseFunc, in libvirt's order. */
static const char *const virtshCloseReasons[] = {
    "Disconnected from %s due to I/O error",
    "Disconnected from %s due to end of file",
    "Disconnected from %s due to keepalive timeout",
};
#define VIRTSH_CLOSE_REASON_CLIENT 3

static void
virtshCatchDisconnect(virConnectPtr conn G_GNUC_UNUSED, int reason, void *opaque)
{
    virtshControl *ctl = opaque;

    /* Our own virConnectClose() is no news. */
    if (reason == VIRTSH_CLOSE_REASON_CLIENT)
        return;
    if (reason >= 0 && reason < (int)G_N_ELEMENTS(virtshCloseReasons))
        virtshError(ctl, virtshCloseReasons[reason],
                    ctl->conn_uri ? ctl->conn_uri : "<null>");
    else
        virtshError(ctl, "Disconnected from %s for an unknown reason",
                    ctl->conn_uri ? ctl->conn_uri : "<null>");
    g_atomic_int_set(&ctl->disconnected, 1);
    virtshEventDone(ctl);
}


static virConnectPtr
virtshConnect(virtshControl *ctl, const char *uri, bool readonly)
{
    virConnectPtr conn;
    int interval = VIRTSH_KEEPALIVE_INTERVAL;
    int count = VIRTSH_KEEPALIVE_COUNT;
    bool forced = false;

    if (ctl->keepalive_interval >= 0) {
        interval = ctl->keepalive_interval;
        forced = true;
    }
    if (ctl->keepalive_count >= 0) {
        count = ctl->keepalive_count;
        forced = true;
    }

    conn = virConnectOpenAuth(uri, &virConnectAuthPtrDefault ? virConnectAuthPtrDefault : NULL,
                              readonly ? VIR_CONNECT_RO : 0);
    if (!conn)
        return NULL;

    if (virConnectSetKeepAlive(conn, interval, count) != 0) {
        /* Asked for explicitly, a connection without keepalive is not
         * what the user wanted; otherwise it is only worth a note. */
        if (forced) {
            virtshError(ctl, "%s",
                        "Cannot setup keepalive on connection as requested, disconnecting");
            virConnectClose(conn);
            return NULL;
        }
        virtshDebug(ctl, VIRTSH_DEBUG_INFO, "%s", "Failed to setup keepalive on connection\n");
        virtshResetLibvirtError(ctl);
    }
    return conn;
}


static void
virtshDisconnect(virtshControl *ctl)
{
    int rc;

    if (!ctl->conn)
        return;
    virConnectUnregisterCloseCallback(ctl->conn, virtshCatchDisconnect);
    rc = virConnectClose(ctl->conn);
    if (rc < 0)
        virtshError(ctl, "%s", "Failed to disconnect from the hypervisor");
    else if (rc > 0)
        virtshError(ctl, "%s",
                    "One or more references were leaked after disconnect from the hypervisor");
    ctl->conn = NULL;
    g_clear_pointer(&ctl->conn_uri, g_free);
}


int
virtshReconnect(virtshControl *ctl, const char *name, bool readonly, bool force)
{
    bool connected = ctl->conn != NULL;

    virtshDisconnect(ctl);

    ctl->conn = virtshConnect(ctl, name ? name : ctl->connname, readonly);
    if (!ctl->conn) {
        if (g_atomic_int_get(&ctl->disconnected))
            virtshError(ctl, "%s", "Failed to reconnect to the hypervisor");
        else
            virtshError(ctl, "%s", "failed to connect to the hypervisor");
        return -1;
    }

    if (name) {
        g_free(ctl->connname);
        ctl->connname = g_strdup(name);
    }
    ctl->readonly = readonly;
    /* Kept for the close callback, which must not call into a dying
     * connection to learn its name. */
    ctl->conn_uri = virConnectGetURI(ctl->conn);
    if (!ctl->conn_uri)
        virtshResetLibvirtError(ctl);
    if (virConnectRegisterCloseCallback(ctl->conn, virtshCatchDisconnect, ctl, NULL) < 0)
        virtshError(ctl, "%s", "Unable to register disconnect callback");
    if (connected && !force)
        virtshError(ctl, "%s", "Reconnected to the hypervisor");
    g_atomic_int_set(&ctl->disconnected, 0);
    return 0;
}


virConnectPtr
virtshConnection(virtshControl *ctl)
{
    if ((!ctl->conn || g_atomic_int_get(&ctl->disconnected)) &&
        virtshReconnect(ctl, NULL, ctl->readonly, false) < 0)
        return NULL;
    if (ctl->conn)
        return ctl->conn;
    virtshError(ctl, "%s", "no valid connection");
    return NULL;
}


/* ---- the event thread and waiting on it ----------------------------- */

static gpointer
virtshEventLoop(gpointer opaque)
{
    virtshControl *ctl = opaque;

    while (!g_atomic_int_get(&ctl->event_quit)) {
        if (virEventRunDefaultImpl() < 0)
            virtshReportError(ctl);
    }
    return NULL;
}


static void
virtshEventLoopWake(int timer, void *opaque G_GNUC_UNUSED)
{
    virEventRemoveTimeout(timer);
}


/* A signal handler can only reach the wait pipe through a global. */
static volatile sig_atomic_t virtshSignalFd = -1;

static void
virtshEventSignal(int signum G_GNUC_UNUSED)
{
    int fd = virtshSignalFd;
    int saved = errno;

    if (fd >= 0)
        (void) !write(fd, "i", 1);
    errno = saved;
}


static struct sigaction virtshOldSigint;

int
virtshEventStart(virtshControl *ctl, int timeout_ms)
{
    struct sigaction sa = { 0 };

    if (pipe2(ctl->wait_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        virtshError(ctl, "cannot create a pipe: %s", g_strerror(errno));
        ctl->wait_pipe[0] = ctl->wait_pipe[1] = -1;
        return -1;
    }
    ctl->wait_deadline_ms = timeout_ms > 0 ? timeout_ms : -1;
    virtshSignalFd = ctl->wait_pipe[1];

    sa.sa_handler = virtshEventSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &virtshOldSigint);
    return 0;
}


/* Safe from any thread; a no-op outside a wait. */
void
virtshEventDone(virtshControl *ctl)
{
    int fd = g_atomic_int_get(&ctl->wait_pipe[1]);

    if (fd >= 0)
        (void) !write(fd, "d", 1);
}


virtshEventResult
virtshEventWait(virtshControl *ctl)
{
    gint64 deadline = -1;

    if (ctl->wait_deadline_ms > 0)
        deadline = g_get_monotonic_time() + (gint64)ctl->wait_deadline_ms * 1000;

    for (;;) {
        struct pollfd pfd = { ctl->wait_pipe[0], POLLIN, 0 };
        int timeout = -1;
        char c;
        int rc;

        if (deadline >= 0) {
            gint64 left = deadline - g_get_monotonic_time();

            if (left <= 0)
                return VIRTSH_EVENT_TIMEOUT;
            timeout = (int)((left + 999) / 1000);
        }
        rc = poll(&pfd, 1, timeout);
        if (rc < 0) {
            if (errno == EINTR)
                continue;
            virtshError(ctl, "failed to wait for events: %s", g_strerror(errno));
            return VIRTSH_EVENT_ERROR;
        }
        if (rc == 0)
            continue;   /* the deadline check above decides */
        if (read(ctl->wait_pipe[0], &c, 1) != 1)
            continue;
        return c == 'i' ? VIRTSH_EVENT_INTERRUPT : VIRTSH_EVENT_DONE;
    }
}


void
virtshEventCleanup(virtshControl *ctl)
{
    int wfd;

    if (ctl->wait_pipe[0] < 0)
        return;
    sigaction(SIGINT, &virtshOldSigint, NULL);
    virtshSignalFd = -1;
    wfd = g_atomic_int_get(&ctl->wait_pipe[1]);
    g_atomic_int_set(&ctl->wait_pipe[1], -1);
    close(ctl->wait_pipe[0]);
    close(wfd);
    ctl->wait_pipe[0] = -1;
}


/* ---- files ---------------------------------------------------------- */

char *
virtshReadFile(virtshControl *ctl, const char *path)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    int fd;

    /* Worded as libvirt's own file helpers word it, which is what virsh
     * prints. */
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virtshError(ctl, "Failed to open file '%s': %s", path, g_strerror(errno));
        return NULL;
    }
    for (;;) {
        char chunk[8192];
        ssize_t n = read(fd, chunk, sizeof(chunk));

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virtshError(ctl, "Failed to read file '%s': %s", path, g_strerror(errno));
            close(fd);
            return NULL;
        }
        if (n == 0)
            break;
        g_string_append_len(buf, chunk, n);
        if (buf->len > VIRTSH_MAX_XML_FILE) {
            virtshError(ctl, "file '%s' is larger than %d bytes", path, VIRTSH_MAX_XML_FILE);
            close(fd);
            return NULL;
        }
    }
    close(fd);
    return g_string_free(g_steal_pointer(&buf), FALSE);
}


/* ---- the shell's own commands --------------------------------------- */

static bool
cmdHelp(virtshControl *ctl, const virtshCmd *cmd)
{
    const char *name = NULL;

    if (virtshOptString(ctl, cmd, "command", &name) < 0)
        return false;
    if (!name) {
        virtshHelpAll();
        return true;
    }
    if (virtshCmdDefLookup(name))
        return virtshHelpCommand(ctl, name);
    if (virtshCmdGroupLookup(name))
        return virtshHelpGroup(ctl, name);
    virtshError(ctl, "command or command group '%s' doesn't exist", name);
    return false;
}


static bool
cmdQuit(virtshControl *ctl, const virtshCmd *cmd G_GNUC_UNUSED)
{
    ctl->imode = false;
    return true;
}


static bool
cmdConnect(virtshControl *ctl, const virtshCmd *cmd)
{
    const char *name = NULL;

    if (virtshOptString(ctl, cmd, "name", &name) < 0)
        return false;
    /* Once read-only, a session stays so: virsh scripts rely on -r
     * surviving a reconnection. */
    return virtshReconnect(ctl, name, ctl->readonly || virtshOptBool(cmd, "readonly"),
                           true) == 0;
}


/* What bash completion scripts call: the candidates for a partial line. */
static bool
cmdComplete(virtshControl *ctl, const virtshCmd *cmd)
{
    g_auto(GStrv) words = NULL;
    g_autofree char *line = NULL;
    GString *buf = g_string_new(NULL);
    size_t i;

    for (i = 0; i < cmd->opts->len; i++) {
        const virtshCmdOpt *opt = &g_array_index(cmd->opts, virtshCmdOpt, i);

        if (buf->len)
            g_string_append_c(buf, ' ');
        g_string_append(buf, opt->value);
    }
    line = g_string_free(buf, FALSE);
    words = virtshComplete(ctl, line, strlen(line));
    for (i = 0; words && words[i]; i++)
        virtshPrint(ctl, "%s\n", words[i]);
    return true;
}


static const virtshOptDef virtshOptsHelp[] = {
    { "command", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_COMMAND,
      "the command or group keyword to describe" },
    { NULL }
};

static const virtshOptDef virtshOptsConnect[] = {
    { "name", VIRTSH_OT_STRING, VIRTSH_OFLAG_EMPTY_OK, VIRTSH_COMPLETE_NONE,
      "the URI to connect to (default: the current one; \"\" for the library's default)" },
    { "readonly", VIRTSH_OT_BOOL, 0, VIRTSH_COMPLETE_NONE,
      "open the connection read-only" },
    { NULL }
};

static const virtshOptDef virtshOptsComplete[] = {
    { "words", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NONE, "the partial command line" },
    { NULL }
};

const virtshCmdDef virtshShellCmds[] = {
    { "complete", cmdComplete, virtshOptsComplete,
      "list completions of a partial command line",
      "Prints what tab completion would offer for the given words, one per line.",
      VIRTSH_CMD_NOCONNECT | VIRTSH_CMD_HIDDEN },
    { "connect", cmdConnect, virtshOptsConnect,
      "open a new connection",
      "Closes the current connection, if any, and opens one to the given URI, "
      "or again to the current one.",
      VIRTSH_CMD_NOCONNECT },
    { "exit", cmdQuit, NULL, "leave the interactive shell",
      "Ends the session; same as quit.", VIRTSH_CMD_NOCONNECT },
    { "help", cmdHelp, virtshOptsHelp, "describe commands",
      "Without an argument, lists every command by group. With a command name, "
      "describes that command; with a group keyword, lists that group.",
      VIRTSH_CMD_NOCONNECT },
    { "quit", cmdQuit, NULL, "leave the interactive shell",
      "Ends the session; same as exit.", VIRTSH_CMD_NOCONNECT },
    { NULL }
};


/* ---- running commands ----------------------------------------------- */

/* Runs a parsed list; the result is the last command's. */
static bool
virtshRunCommands(virtshControl *ctl, const virtshCmd *cmd)
{
    bool ret = true;

    for (; cmd; cmd = cmd->next) {
        gint64 before = g_get_monotonic_time();

        if ((cmd->def->flags & VIRTSH_CMD_NOCONNECT) || virtshConnection(ctl))
            ret = cmd->def->handler(ctl, cmd);
        else
            ret = false;

        if (!ret && virtshErrorIsDisconnect(ctl))
            g_atomic_int_set(&ctl->disconnected, 1);
        if (!ret)
            virtshReportError(ctl);

        if (strcmp(cmd->def->name, "quit") == 0 || strcmp(cmd->def->name, "exit") == 0)
            return ret;

        if (ctl->timing)
            virtshPrint(ctl, "\n(Time: %.3f ms)\n\n",
                        (g_get_monotonic_time() - before) / 1000.0);
        else
            virtshPrintExtra(ctl, "\n");
        fflush(stdout);
    }
    return ret;
}


/* ---- global options ------------------------------------------------- */

enum {
    VIRTSH_LONGOPT_VERSION = 256,
    VIRTSH_LONGOPT_MAN,
};

static const virtshGlobalOpt virtshGlobalOpts[] = {
    { 'c', "connect", "URI", false, "connect to URI instead of the default hypervisor" },
    { 'd', "debug", "LEVEL", false, "print debug messages from LEVEL (0-4) up" },
    { 'e', "escape", "CHAR", false,
      "console escape character: one character, or ^ and a letter (default ^])" },
    { 'h', "help", NULL, false, "print this help and exit" },
    { 'k', "keepalive-interval", "SECS", false,
      "seconds between keepalive probes, 0 turns them off" },
    { 'K', "keepalive-count", "N", false,
      "unanswered probes after which the connection is dropped" },
    { 'q', "quiet", NULL, false, "leave out informational messages" },
    { 'r', "readonly", NULL, false, "open the connection read-only" },
    { 't', "timing", NULL, false, "print how long each command took" },
    { 'v', NULL, NULL, false, "print the version and exit" },
    { 'V', NULL, NULL, false, "print version details and exit" },
    { 0, "version", "TYPE", true, "print the version (TYPE short or long) and exit" },
    { 0, "man", NULL, false, "print this program's manual page in roff and exit" },
    { 0, NULL, NULL, false, NULL }
};


static void
virtshVersionString(char *buf, size_t len)
{
    g_snprintf(buf, len, "%d.%d.%d", LIBVIR_VERSION_NUMBER / 1000000,
               (LIBVIR_VERSION_NUMBER / 1000) % 1000, LIBVIR_VERSION_NUMBER % 1000);
}


static void
virtshUsage(void)
{
    const virtshGlobalOpt *g;

    printf("\n%s [OPTION]... [COMMAND_STRING]\n%s [OPTION]... COMMAND [ARG]...\n\n",
           VIRTSH_PROGRAM, VIRTSH_PROGRAM);
    printf("  Runs libvirt management commands, or an interactive shell when none is given.\n\n");
    printf("  options:\n");
    for (g = virtshGlobalOpts; g->help; g++) {
        g_autofree char *usage = NULL;

        if (g->shortopt && g->longopt)
            usage = g_strdup_printf("-%c | --%s%s%s", g->shortopt, g->longopt,
                                    g->arg ? "=" : "", g->arg ? g->arg : "");
        else if (g->shortopt)
            usage = g_strdup_printf("-%c", g->shortopt);
        else
            usage = g_strdup_printf("     --%s%s%s%s", g->longopt,
                                    g->arg ? (g->arg_optional ? "[=" : "=") : "",
                                    g->arg ? g->arg : "",
                                    g->arg && g->arg_optional ? "]" : "");
        if (strlen(usage) > 28)
            printf("    %s\n    %-28s%s\n", usage, "", g->help);
        else
            printf("    %-28s%s\n", usage, g->help);
    }
    printf("\n  commands (for a session without the shell):\n\n");
    virtshHelpCommandList();
}


static void
virtshVersionLong(void)
{
    char ver[32];

    virtshVersionString(ver, sizeof(ver));
    printf("virtsh, the command line shell of the virtd project, libvirt API %s\n", ver);
    printf("Built %s readline line editing.\n\n",
#ifdef WITH_READLINE
           "with"
#else
           "without"
#endif
           );
}


/* virsh's rule: one plain character, or '^' with a letter or one of
 * @ [ \ ] ^ _ for a control character. */
int
virtshEscapeChar(const char *str)
{
    size_t len = strlen(str);

    if (len == 1 && str[0] != '^')
        return (unsigned char)str[0];
    if (len == 2 && str[0] == '^' &&
        ((str[1] >= 'a' && str[1] <= 'z') || (str[1] >= '@' && str[1] <= '_')))
        return g_ascii_toupper(str[1]) ^ 0x40;
    return -1;
}


/* An int option: "Invalid value" when not a number, a separate message
 * when negative. */
static bool
virtshParseIntOpt(virtshControl *ctl, const char *optname, const char *arg, int *out)
{
    char *end = NULL;
    long v;

    errno = 0;
    v = strtol(arg, &end, 0);
    if (end == arg || *end || errno || v < INT_MIN || v > INT_MAX) {
        virtshError(ctl, "Invalid value for option %s", optname);
        return false;
    }
    if (v < 0) {
        virtshError(ctl, "option %s requires a positive integer argument", optname);
        return false;
    }
    *out = v;
    return true;
}


typedef enum {
    VIRTSH_ARGS_OK,
    VIRTSH_ARGS_EXIT_OK,    /* --help, --version: done, successfully */
    VIRTSH_ARGS_FAIL,
} virtshArgsResult;

static virtshArgsResult
virtshParseArgs(virtshControl *ctl, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "connect", required_argument, NULL, 'c' },
        { "debug", required_argument, NULL, 'd' },
        { "escape", required_argument, NULL, 'e' },
        { "help", no_argument, NULL, 'h' },
        { "keepalive-interval", required_argument, NULL, 'k' },
        { "keepalive-count", required_argument, NULL, 'K' },
        { "quiet", no_argument, NULL, 'q' },
        { "readonly", no_argument, NULL, 'r' },
        { "timing", no_argument, NULL, 't' },
        { "version", optional_argument, NULL, VIRTSH_LONGOPT_VERSION },
        { "man", no_argument, NULL, VIRTSH_LONGOPT_MAN },
        { NULL, 0, NULL, 0 }
    };
    char ver[32];
    int c;
    int longindex = -1;

    virtshVersionString(ver, sizeof(ver));
    opterr = 0;
    /* '+': options end at the first command word; ':': report missing
     * arguments ourselves. */
    while ((c = getopt_long(argc, argv, "+:c:d:e:hk:K:qrtvV", longopts, &longindex)) != -1) {
        const char *optname = NULL;

        switch (c) {
        case 'c':
            g_free(ctl->connname);
            ctl->connname = g_strdup(optarg);
            break;
        case 'd': {
            char *end = NULL;
            long level;

            errno = 0;
            level = strtol(optarg, &end, 10);
            if (end == optarg || *end || errno) {
                virtshError(ctl, "option %s takes a numeric argument",
                            longindex == -1 ? "-d" : "--debug");
                return VIRTSH_ARGS_FAIL;
            }
            if (level < VIRTSH_DEBUG_DEBUG || level > VIRTSH_DEBUG_ERROR)
                virtshError(ctl, "ignoring debug level %ld out of range [%d-%d]",
                            level, VIRTSH_DEBUG_DEBUG, VIRTSH_DEBUG_ERROR);
            else
                ctl->debug = level;
            break;
        }
        case 'e':
            if (virtshEscapeChar(optarg) < 0) {
                virtshError(ctl, "Invalid string '%s' for escape sequence", optarg);
                return VIRTSH_ARGS_FAIL;
            }
            g_free(ctl->escape);
            ctl->escape = g_strdup(optarg);
            break;
        case 'h':
            virtshUsage();
            return VIRTSH_ARGS_EXIT_OK;
        case 'k':
            optname = longindex == -1 ? "-k" : "--keepalive-interval";
            if (!virtshParseIntOpt(ctl, optname, optarg, &ctl->keepalive_interval))
                return VIRTSH_ARGS_FAIL;
            break;
        case 'K':
            optname = longindex == -1 ? "-K" : "--keepalive-count";
            if (!virtshParseIntOpt(ctl, optname, optarg, &ctl->keepalive_count))
                return VIRTSH_ARGS_FAIL;
            break;
        case 'q':
            ctl->quiet = true;
            break;
        case 'r':
            ctl->readonly = true;
            break;
        case 't':
            ctl->timing = true;
            break;
        case 'v':
            printf("%s\n", ver);
            return VIRTSH_ARGS_EXIT_OK;
        case 'V':
            virtshVersionLong();
            return VIRTSH_ARGS_EXIT_OK;
        case VIRTSH_LONGOPT_VERSION:
            if (optarg && strcmp(optarg, "long") == 0)
                virtshVersionLong();
            else
                printf("%s\n", ver);
            return VIRTSH_ARGS_EXIT_OK;
        case VIRTSH_LONGOPT_MAN:
            virtshPrintMan(virtshGlobalOpts, ver);
            return VIRTSH_ARGS_EXIT_OK;
        case ':': {
            const struct option *o;

            for (o = longopts; o->name; o++) {
                if (o->val == optopt) {
                    virtshError(ctl, "option '-%c'/'--%s' requires an argument",
                                optopt, o->name);
                    return VIRTSH_ARGS_FAIL;
                }
            }
            virtshError(ctl, "option '-%c' requires an argument", optopt);
            return VIRTSH_ARGS_FAIL;
        }
        case '?':
        default:
            if (optopt)
                virtshError(ctl, "unsupported option '-%c'. See --help.", optopt);
            else
                virtshError(ctl, "unsupported option '%s'. See --help.", argv[optind - 1]);
            return VIRTSH_ARGS_FAIL;
        }
        longindex = -1;
    }

    if (optind == argc) {
        ctl->imode = true;
        return VIRTSH_ARGS_OK;
    }

    /* One argument is a command string (';', quotes); several are the
     * words of one command, taken literally. */
    if (argc - optind == 1) {
        virtshDebug(ctl, VIRTSH_DEBUG_INFO, "commands: \"%s\"\n", argv[optind]);
        if (!*argv[optind])
            return VIRTSH_ARGS_FAIL;
        return virtshParseString(ctl, argv[optind], &ctl->cmds) ?
            VIRTSH_ARGS_OK : VIRTSH_ARGS_FAIL;
    }
    return virtshParseArgv(ctl, argc - optind, argv + optind, &ctl->cmds) ?
        VIRTSH_ARGS_OK : VIRTSH_ARGS_FAIL;
}


/* ---- start and end -------------------------------------------------- */

static bool
virtshInit(virtshControl *ctl)
{
    if (virEventRegisterDefaultImpl() < 0) {
        virtshReportError(ctl);
        return false;
    }
    ctl->event_thread = g_thread_new("virtsh-events", virtshEventLoop, ctl);

    /* A URI given explicitly must work before anything runs; the default
     * one waits for the first command that needs it ('help' does not). */
    if (ctl->connname && virtshReconnect(ctl, NULL, ctl->readonly, false) < 0) {
        virtshReportError(ctl);
        return false;
    }
    return true;
}


static void
virtshDeinit(virtshControl *ctl)
{
    virtshReadlineDeinit(ctl);
    virtshDisconnect(ctl);
    if (ctl->event_thread) {
        g_atomic_int_set(&ctl->event_quit, 1);
        /* Wake the loop so that it sees the flag. */
        virEventAddTimeout(0, virtshEventLoopWake, NULL, NULL);
        g_thread_join(ctl->event_thread);
        ctl->event_thread = NULL;
    }
    virtshCmdFree(ctl->cmds);
    g_free(ctl->connname);
    g_free(ctl->escape);
    virFreeError(ctl->last_error);
    fflush(stdout);
}


static void
virtshInteractive(virtshControl *ctl)
{
    g_autofree char *line = NULL;

    virtshReadlineInit(ctl);
    if (!ctl->quiet) {
        virtshPrint(ctl, "Welcome to %s, the interactive shell for libvirt hypervisors.\n\n",
                    VIRTSH_PROGRAM);
        virtshPrint(ctl, "Type:  'help' to list the commands\n"
                    "       'quit' to leave\n\n");
    }

    do {
        const char *prompt = ctl->readonly ? VIRTSH_PROGRAM " > " : VIRTSH_PROGRAM " # ";
        g_autoptr(virtshCmd) cmds = NULL;

        fflush(stdout);
        g_free(line);
        if (!(line = virtshReadline(ctl, prompt)))
            break;  /* end of input */
        if (*line) {
            virtshReadlineHistoryAdd(line);
            if (virtshParseString(ctl, line, &cmds))
                virtshRunCommands(ctl, cmds);
        }
    } while (ctl->imode);

    /* The prompt left alone on its line (end of input), or after quit. */
    fputc('\n', stdout);
}


int
main(int argc, char **argv)
{
    virtshControl ctl = {
        .debug = -1,
        .keepalive_interval = -1,
        .keepalive_count = -1,
        .wait_pipe = { -1, -1 },
    };
    const char *env;
    bool ret = true;
    virtshArgsResult args;

    setlocale(LC_ALL, "");
    g_mutex_init(&ctl.error_lock);
    ctl.escape = g_strdup("^]");
    ctl.istty = isatty(STDIN_FILENO);
    if ((env = g_getenv("VIRTSH_DEFAULT_CONNECT_URI")) ||
        (env = g_getenv("VIRSH_DEFAULT_CONNECT_URI")))
        ctl.connname = g_strdup(env);

    virSetErrorFunc(&ctl, virtshErrorHandler);

    args = virtshParseArgs(&ctl, argc, argv);
    if (args != VIRTSH_ARGS_OK) {
        virtshDeinit(&ctl);
        return args == VIRTSH_ARGS_EXIT_OK ? EXIT_SUCCESS : EXIT_FAILURE;
    }
    if (!virtshInit(&ctl)) {
        virtshDeinit(&ctl);
        return EXIT_FAILURE;
    }

    if (ctl.imode)
        virtshInteractive(&ctl);
    else
        ret = virtshRunCommands(&ctl, ctl.cmds);

    virtshDeinit(&ctl);
    return ret ? EXIT_SUCCESS : EXIT_FAILURE;
}
