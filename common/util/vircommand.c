#include "vircommand.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.command");

struct _virCommand {
    GPtrArray *args;        /* NULL-terminated once run */
    GPtrArray *env;
    GArray *passfds;
    int outfd;
    char **outbuf;
    char **errbuf;
    bool daemonize;
};

virCommand *
virCommandNew(const char *binary)
{
    virCommand *cmd = g_new0(virCommand, 1);

    cmd->args = g_ptr_array_new_with_free_func(g_free);
    cmd->env = g_ptr_array_new_with_free_func(g_free);
    cmd->passfds = g_array_new(FALSE, FALSE, sizeof(int));
    cmd->outfd = -1;
    g_ptr_array_add(cmd->args, g_strdup(binary));
    return cmd;
}

virCommand *
virCommandNewArgList(const char *binary, ...)
{
    virCommand *cmd = virCommandNew(binary);
    const char *arg;
    va_list ap;

    va_start(ap, binary);
    while ((arg = va_arg(ap, const char *)))
        virCommandAddArg(cmd, arg);
    va_end(ap);
    return cmd;
}

void
virCommandFree(virCommand *cmd)
{
    if (!cmd)
        return;
    g_ptr_array_unref(cmd->args);
    g_ptr_array_unref(cmd->env);
    g_array_unref(cmd->passfds);
    g_free(cmd);
}

static void
virCommandDropTerminator(virCommand *cmd)
{
    if (cmd->args->len && !g_ptr_array_index(cmd->args, cmd->args->len - 1))
        g_ptr_array_remove_index(cmd->args, cmd->args->len - 1);
}

void
virCommandAddArg(virCommand *cmd, const char *arg)
{
    virCommandDropTerminator(cmd);
    g_ptr_array_add(cmd->args, g_strdup(arg));
}

void
virCommandAddArgFormat(virCommand *cmd, const char *fmt, ...)
{
    va_list ap;

    virCommandDropTerminator(cmd);
    va_start(ap, fmt);
    g_ptr_array_add(cmd->args, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

void
virCommandAddArgPair(virCommand *cmd, const char *name, const char *val)
{
    virCommandAddArg(cmd, name);
    virCommandAddArg(cmd, val);
}

void
virCommandAddEnvPair(virCommand *cmd, const char *name, const char *value)
{
    g_ptr_array_add(cmd->env, g_strdup_printf("%s=%s", name, value));
}

void
virCommandAddEnvPassCommon(virCommand *cmd)
{
    static const char *const names[] = { "PATH", "HOME", "USER", "LOGNAME", "LANG", "TMPDIR" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        const char *val = g_getenv(names[i]);

        if (val)
            virCommandAddEnvPair(cmd, names[i], val);
        else if (i == 0)
            virCommandAddEnvPair(cmd, "PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    }
}

void
virCommandSetOutputFd(virCommand *cmd, int fd)
{
    cmd->outfd = fd;
}

void
virCommandPassFD(virCommand *cmd, int fd)
{
    g_array_append_val(cmd->passfds, fd);
}

void
virCommandSetOutputBuffer(virCommand *cmd, char **out)
{
    cmd->outbuf = out;
}

void
virCommandSetErrorBuffer(virCommand *cmd, char **err)
{
    cmd->errbuf = err;
}

void
virCommandDaemonize(virCommand *cmd)
{
    cmd->daemonize = true;
}

const char * const *
virCommandGetArgv(virCommand *cmd)
{
    virCommandDropTerminator(cmd);
    g_ptr_array_add(cmd->args, NULL);
    return (const char * const *)cmd->args->pdata;
}

char *
virCommandToString(virCommand *cmd)
{
    const char * const *argv = virCommandGetArgv(cmd);
    GString *str = g_string_new(NULL);
    size_t i;

    for (i = 0; i < cmd->env->len; i++) {
        g_string_append(str, g_ptr_array_index(cmd->env, i));
        g_string_append_c(str, ' ');
    }
    for (i = 0; argv[i]; i++) {
        bool plain = strspn(argv[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                            "0123456789-_=.,:/+@%") == strlen(argv[i]) && *argv[i];

        if (i)
            g_string_append_c(str, ' ');
        if (plain) {
            g_string_append(str, argv[i]);
        } else {
            g_autofree char *q = g_shell_quote(argv[i]);
            g_string_append(str, q);
        }
    }
    return g_string_free(str, FALSE);
}

/* In the child: only stdio and the passed fds survive exec. */
static void
virCommandChildSetupFds(virCommand *cmd, int outfd, int errfd)
{
    int devnull = open("/dev/null", O_RDWR);
    int maxfd = sysconf(_SC_OPEN_MAX);
    int fd;
    size_t i;

    dup2(devnull, STDIN_FILENO);
    dup2(outfd >= 0 ? outfd : devnull, STDOUT_FILENO);
    dup2(errfd >= 0 ? errfd : (outfd >= 0 ? outfd : devnull), STDERR_FILENO);

    if (maxfd < 0 || maxfd > 65536)
        maxfd = 65536;
    for (fd = 3; fd < maxfd; fd++) {
        bool keep = false;

        for (i = 0; i < cmd->passfds->len; i++)
            keep |= g_array_index(cmd->passfds, int, i) == fd;
        if (keep) {
            int flags = fcntl(fd, F_GETFD);
            fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC);
        } else {
            close(fd);
        }
    }
}

static G_GNUC_NORETURN void
virCommandChildExec(virCommand *cmd, const char * const *argv, int statusfd)
{
    char **envp;
    int err;

    g_ptr_array_add(cmd->env, NULL);
    envp = (char **)cmd->env->pdata;
    signal(SIGPIPE, SIG_DFL);
    execve(argv[0], (char **)argv, envp);
    err = errno;
    if (statusfd >= 0) {
        ssize_t G_GNUC_UNUSED ignored = write(statusfd, &err, sizeof(err));
    }
    _exit(127);
}

static int
virCommandReadPipe(int fd, char **buf)
{
    GString *str = g_string_new(NULL);
    char chunk[4096];
    ssize_t n;

    while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        g_string_append_len(str, chunk, n);
    }
    *buf = g_string_free(str, FALSE);
    return 0;
}

/* Forks; the child (or, daemonized, the grandchild) execs. The exec error,
 * if any, comes back through a CLOEXEC pipe, so "not found" is reported
 * synchronously. */
static int
virCommandSpawn(virCommand *cmd, pid_t *pid, int outfd, int errfd)
{
    const char * const *argv = virCommandGetArgv(cmd);
    int status[2];
    int pidpipe[2] = { -1, -1 };
    int execerr = 0;
    pid_t child;

    if (pipe2(status, O_CLOEXEC) < 0 ||
        (cmd->daemonize && pipe2(pidpipe, O_CLOEXEC) < 0)) {
        virReportSystemError(errno, "%s", "cannot create pipe");
        return -1;
    }

    if ((child = fork()) < 0) {
        virReportSystemError(errno, "cannot fork child process '%s'", argv[0]);
        close(status[0]);
        close(status[1]);
        return -1;
    }

    if (child == 0) {
        close(status[0]);
        if (pidpipe[0] >= 0)
            close(pidpipe[0]);
        if (cmd->daemonize) {
            pid_t grand;

            setsid();
            if ((grand = fork()) != 0) {
                ssize_t G_GNUC_UNUSED ignored = write(pidpipe[1], &grand, sizeof(grand));
                _exit(grand < 0 ? 1 : 0);
            }
        }
        {
            /* Keep the status pipe open across the fd sweep. */
            size_t n = cmd->passfds->len;
            g_array_append_val(cmd->passfds, status[1]);
            virCommandChildSetupFds(cmd, outfd, errfd);
            g_array_set_size(cmd->passfds, n);
            fcntl(status[1], F_SETFD, FD_CLOEXEC);
        }
        virCommandChildExec(cmd, argv, status[1]);
    }

    close(status[1]);
    if (cmd->daemonize) {
        int st;
        pid_t grand = -1;

        close(pidpipe[1]);
        if (read(pidpipe[0], &grand, sizeof(grand)) != sizeof(grand))
            grand = -1;
        close(pidpipe[0]);
        while (waitpid(child, &st, 0) < 0 && errno == EINTR)
            ;
        child = grand;
    }
    while (read(status[0], &execerr, sizeof(execerr)) < 0 && errno == EINTR)
        ;
    close(status[0]);

    if (execerr != 0 || child < 0) {
        virReportSystemError(execerr ? execerr : EAGAIN, "cannot execute binary %s", argv[0]);
        if (child > 0 && !cmd->daemonize)
            waitpid(child, NULL, 0);
        return -1;
    }
    *pid = child;
    return 0;
}

int
virCommandRunAsync(virCommand *cmd, pid_t *pid)
{
    g_autofree char *str = virCommandToString(cmd);

    VIR_DEBUG("running %s", str);
    return virCommandSpawn(cmd, pid, cmd->outfd, -1);
}

int
virCommandRun(virCommand *cmd, int *exitstatus)
{
    g_autofree char *str = virCommandToString(cmd);
    int outp[2] = { -1, -1 };
    int errp[2] = { -1, -1 };
    pid_t pid;
    int st;
    int rc;
    g_autofree char *errtext = NULL;

    VIR_DEBUG("running %s", str);
    if ((cmd->outbuf && pipe2(outp, O_CLOEXEC) < 0) ||
        pipe2(errp, O_CLOEXEC) < 0) {
        virReportSystemError(errno, "%s", "cannot create pipe");
        return -1;
    }

    rc = virCommandSpawn(cmd, &pid, cmd->outbuf ? outp[1] : cmd->outfd, errp[1]);
    if (outp[1] >= 0)
        close(outp[1]);
    close(errp[1]);
    if (rc < 0) {
        if (outp[0] >= 0)
            close(outp[0]);
        close(errp[0]);
        return -1;
    }

    /* stdout is drained first; children here write little to stderr. */
    if (cmd->outbuf) {
        virCommandReadPipe(outp[0], cmd->outbuf);
        close(outp[0]);
    }
    virCommandReadPipe(errp[0], &errtext);
    close(errp[0]);

    while ((rc = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
        ;
    if (rc < 0) {
        virReportSystemError(errno, "cannot wait for '%s'", str);
        return -1;
    }
    if (cmd->errbuf)
        *cmd->errbuf = g_strdup(errtext);

    if (exitstatus) {
        *exitstatus = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        return 0;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        g_strstrip(errtext);
        virReportError(VIR_ERR_INTERNAL_ERROR, "Child process (%s) unexpected %s %d: %s",
                       str, WIFEXITED(st) ? "exit status" : "fatal signal",
                       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st), errtext);
        return -1;
    }
    return 0;
}
