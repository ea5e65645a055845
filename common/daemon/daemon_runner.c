/* What every daemon does around its driver: options, configuration,
 * logging, pid file, sockets (UNIX, systemd's, TCP/TLS for the proxy),
 * signals, idle exit and the event loop. A daemon describes itself with a
 * virDaemonDesc (see daemon_runner.h). */
#include "daemon_runner.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib-unix.h>
#include <systemd/sd-daemon.h>

#include "daemon_config.h"
#include "remote_dispatch.h"
#include "remote_relay.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virnetserver.h"
#include "keepalive_protocol.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("daemon.runner");

typedef struct {
    const char *root;
    const char *configFile;
    const char *pidFile;
    int timeout;            /* -1: not given */
    bool daemonize;
    bool verbose;
} virDaemonArgs;

typedef struct {
    const virDaemonDesc *desc;
    virDaemonArgs args;
    char *configPath;
    virDaemonConfig *cfg;
    virNetServer *srv;
    virNetServer *adminSrv;
    GMainLoop *loop;
    char *sockPaths[3];
    virNetTLSServer *tls;
    bool activated[3];      /* rw, ro, admin passed by systemd */
    unsigned int idleTimeout;
    gint64 idleSince;
    int quitSignal;
} virDaemon;

static const virNetServerProgram *const adminProgs[] = { &adminProgram, &keepaliveProgram };

/* The running daemon's name, for messages printed before logging is set up. */
static const char *daemonName = "virtd";

static const char *sockPrefix = "virtd";

static void
virDaemonUsage(FILE *out)
{
    fprintf(out,
            "Usage: %s [OPTIONS]\n\n"
            "Options:\n"
            "  -h | --help            Display program help\n"
            "  -v | --verbose         Verbose messages\n"
            "  -d | --daemon          Run as a daemon & write PID file\n"
            "  -t | --timeout SECS    Exit after SECS with no clients and no running guests\n"
            "  -f | --config FILE     Configuration file\n"
            "  -p | --pid-file FILE   Change name of PID file\n"
            "  -V | --version         Display version information\n"
            "       --root DIR        Relocate every default path P to DIR/P\n\n"
            "Default paths (each under --root DIR when given):\n"
            "  Configuration file:  /etc/libvirt/%s.conf\n"
            "  Sockets:             /run/libvirt/%s-sock, %s-sock-ro, %s-admin-sock\n"
            "  PID file:            /run/%s.pid\n",
            daemonName, daemonName, sockPrefix, sockPrefix, sockPrefix, daemonName);
}

static int
virDaemonParseArgs(int argc, char **argv, virDaemonArgs *args)
{
    enum { OPT_ROOT = 256 };
    static const struct option opts[] = {
        { "verbose", no_argument, NULL, 'v' },
        { "daemon", no_argument, NULL, 'd' },
        { "config", required_argument, NULL, 'f' },
        { "timeout", required_argument, NULL, 't' },
        { "pid-file", required_argument, NULL, 'p' },
        { "version", no_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { "root", required_argument, NULL, OPT_ROOT },
        { NULL, 0, NULL, 0 },
    };
    int c;

    args->timeout = -1;
    while ((c = getopt_long(argc, argv, "vdf:t:p:Vh", opts, NULL)) != -1) {
        char *end;
        long val;

        switch (c) {
        case 'v':
            args->verbose = true;
            break;
        case 'd':
            args->daemonize = true;
            break;
        case 'f':
            args->configFile = optarg;
            break;
        case 'p':
            args->pidFile = optarg;
            break;
        case 't':
            errno = 0;
            val = strtol(optarg, &end, 10);
            if (errno || *end || val < 0 || val > G_MAXINT / 1000) {
                fprintf(stderr, "%s: invalid timeout '%s'\n", daemonName, optarg);
                return -1;
            }
            args->timeout = val;
            break;
        case 'V':
            printf("%s (virtd) %s\n", daemonName, PACKAGE_VERSION);
            exit(EXIT_SUCCESS);
        case 'h':
            virDaemonUsage(stdout);
            exit(EXIT_SUCCESS);
        case OPT_ROOT:
            args->root = optarg;
            break;
        default:
            virDaemonUsage(stderr);
            return -1;
        }
    }
    if (optind != argc) {
        fprintf(stderr, "%s: unexpected argument '%s'\n", daemonName, argv[optind]);
        return -1;
    }
    return 0;
}

/* Logging: config file first, then the environment (as libvirt does). */
static int
virDaemonSetupLogging(virDaemon *d)
{
    virDaemonConfig *cfg = d->cfg;
    const char *env;

    virLogReset();
    if (cfg->logLevel && virLogSetDefaultPriority(cfg->logLevel) < 0)
        goto bad;
    if (d->args.verbose && virLogGetDefaultPriority() > VIR_LOG_INFO)
        virLogSetDefaultPriority(VIR_LOG_INFO);
    if (cfg->logFilters && virLogSetFilters(cfg->logFilters) < 0)
        goto bad;
    if (cfg->logOutputs && virLogSetOutputs(cfg->logOutputs) < 0)
        goto bad;

    if ((env = g_getenv("LIBVIRT_DEBUG")) && virLogSetDefaultPriority(atoi(env)) < 0)
        goto bad;
    if ((env = g_getenv("LIBVIRT_LOG_FILTERS")) && virLogSetFilters(env) < 0)
        goto bad;
    if ((env = g_getenv("LIBVIRT_LOG_OUTPUTS")) && virLogSetOutputs(env) < 0)
        goto bad;
    return 0;

 bad:
    virReportError(VIR_ERR_CONF_SYNTAX, "%s", "invalid log_level, log_filters or log_outputs");
    return -1;
}

static int
virDaemonLoadConfig(virDaemon *d)
{
    g_autoptr(virDaemonConfig) cfg = virDaemonConfigNew();

    if (virDaemonConfigLoadFile(cfg, d->configPath, daemonName, d->desc->ipListen) < 0)
        return -1;
    virDaemonConfigFree(d->cfg);
    d->cfg = g_steal_pointer(&cfg);
    d->idleTimeout = d->args.timeout >= 0 ? (unsigned int)d->args.timeout : d->cfg->idleTimeout;
    remoteRelaySetAutostart(d->cfg->autostartSecondary);
    return virDaemonSetupLogging(d);
}

static void
virDaemonServerConfig(const virDaemonConfig *cfg, bool admin, virNetServerConfig *out)
{
    out->maxWorkers = admin ? cfg->adminMaxWorkers : cfg->maxWorkers;
    out->prioWorkers = admin ? 0 : cfg->prioWorkers;
    out->maxClients = admin ? cfg->adminMaxClients : cfg->maxClients;
    out->maxClientRequests = admin ? cfg->adminMaxClientRequests : cfg->maxClientRequests;
    out->keepaliveInterval = admin ? cfg->adminKeepaliveInterval : cfg->keepaliveInterval;
    out->keepaliveCount = admin ? cfg->adminKeepaliveCount : cfg->keepaliveCount;
}

enum { SOCK_RW, SOCK_RO, SOCK_ADMIN };

static int
virDaemonAddService(virDaemon *d, int kind, int fd)
{
    if (kind == SOCK_ADMIN)
        return virNetServerAddService(d->adminSrv, fd, false, true,
                                      adminProgs, G_N_ELEMENTS(adminProgs));
    return virNetServerAddService(d->srv, fd, kind == SOCK_RO, true,
                                  d->desc->programs, d->desc->nprograms);
}

/* Sockets passed by systemd are recognised by their unit names
 * (virtqemud.socket, virtqemud-ro.socket, virtqemud-admin.socket). */
static int
virDaemonTakeActivatedSockets(virDaemon *d)
{
    g_auto(GStrv) names = NULL;
    int n = sd_listen_fds_with_names(1, &names);
    int i;

    for (i = 0; i < n; i++) {
        const char *name = names && names[i] ? names[i] : "";
        int kind = strstr(name, "-admin") ? SOCK_ADMIN :
                   strstr(name, "-ro") ? SOCK_RO : SOCK_RW;

        if (d->activated[kind]) {
            VIR_WARN("ignoring a second socket for '%s' passed by systemd", name);
            continue;
        }
        if (virDaemonAddService(d, kind, SD_LISTEN_FDS_START + i) < 0)
            return -1;
        d->activated[kind] = true;
    }
    if (n > 0)
        VIR_INFO("using %d socket(s) passed by systemd", n);
    return 0;
}

static int
virDaemonBindSockets(virDaemon *d)
{
    g_autofree char *dir = d->cfg->unixSockDir ? g_strdup(d->cfg->unixSockDir) :
        virFileRootPath("/run/libvirt");
    gid_t gid = (gid_t)-1;
    static const char *const suffix[] = { "-sock", "-sock-ro", "-admin-sock" };
    size_t i;

    if (d->cfg->unixSockGroup) {
        struct group *gr = getgrnam(d->cfg->unixSockGroup);

        if (!gr) {
            virReportError(VIR_ERR_CONF_SYNTAX, "Failed to look up group '%s'",
                           d->cfg->unixSockGroup);
            return -1;
        }
        gid = gr->gr_gid;
    }
    if (virFileMakePath(dir, 0755) < 0)
        return -1;

    /* Whatever systemd did not pass, we bind ourselves. */
    for (i = 0; i < G_N_ELEMENTS(suffix); i++) {
        mode_t mode = i == SOCK_RW ? d->cfg->unixSockRwPerms :
                      i == SOCK_RO ? d->cfg->unixSockRoPerms : d->cfg->unixSockAdminPerms;
        int fd;

        if (d->activated[i])
            continue;
        d->sockPaths[i] = g_strdup_printf("%s/%s%s", dir, d->desc->sockPrefix, suffix[i]);
        if ((fd = virNetSocketListenUnix(d->sockPaths[i], mode, gid)) < 0 ||
            virDaemonAddService(d, i, fd) < 0)
            return -1;
    }
    return 0;
}

/* TCP and TLS listeners, for the daemon that serves remote clients. */
static int
virDaemonListenIP(virDaemon *d)
{
    virDaemonConfig *cfg = d->cfg;
    int fds[2];
    int n;
    int i;

    if (!d->desc->ipListen)
        return 0;
    if (cfg->listenTls) {
        virNetTLSConfig tls = {
            .caCert = cfg->caFile, .cert = cfg->certFile, .key = cfg->keyFile,
            .crl = cfg->crlFile, .priority = cfg->tlsPriority,
            .noVerify = cfg->tlsNoVerifyCertificate,
        };

        if (!(d->tls = virNetTLSServerNew(&tls, cfg->tlsAllowedDNList)) ||
            (n = virNetSocketListenTCP(cfg->listenAddr, cfg->tlsPort, fds)) < 0)
            return -1;
        for (i = 0; i < n; i++) {
            if (virNetServerAddTLSService(d->srv, fds[i], d->tls, d->desc->programs,
                                          d->desc->nprograms) < 0)
                return -1;
        }
        VIR_INFO("listening for TLS clients on port %s", cfg->tlsPort);
    }
    if (cfg->listenTcp) {
        if ((n = virNetSocketListenTCP(cfg->listenAddr, cfg->tcpPort, fds)) < 0)
            return -1;
        for (i = 0; i < n; i++) {
            if (virNetServerAddService(d->srv, fds[i], false, true, d->desc->programs,
                                       d->desc->nprograms) < 0)
                return -1;
        }
        VIR_WARN("listening for unauthenticated TCP clients on port %s", cfg->tcpPort);
    }
    return 0;
}

static gboolean
virDaemonOnQuit(gpointer opaque)
{
    virDaemon *d = opaque;

    VIR_INFO("shutting down on signal");
    g_main_loop_quit(d->loop);
    return G_SOURCE_CONTINUE;
}

static gboolean
virDaemonOnReload(gpointer opaque)
{
    virDaemon *d = opaque;
    virNetServerConfig scfg;

    VIR_INFO("reloading configuration");
    if (virDaemonLoadConfig(d) < 0) {
        VIR_ERROR("reload failed, keeping the old configuration: %s",
                  virErrorGetLast() ? virErrorGetLast()->message : "unknown error");
        virErrorReset();
        return G_SOURCE_CONTINUE;
    }
    virDaemonServerConfig(d->cfg, false, &scfg);
    virNetServerUpdateConfig(d->srv, &scfg);
    virDaemonServerConfig(d->cfg, true, &scfg);
    virNetServerUpdateConfig(d->adminSrv, &scfg);
    if (d->desc->stateReload && d->desc->stateReload() < 0) {
        VIR_ERROR("driver reload failed: %s",
                  virErrorGetLast() ? virErrorGetLast()->message : "unknown error");
        virErrorReset();
    }
    return G_SOURCE_CONTINUE;
}

/* --timeout: exit after that long with no clients and nothing running. */
static gboolean
virDaemonIdleCheck(gpointer opaque)
{
    virDaemon *d = opaque;
    bool busy;

    if (!d->idleTimeout)
        return G_SOURCE_CONTINUE;
    busy = virNetServerClientCount(d->srv) > 0 ||
        virNetServerClientCount(d->adminSrv) > 0 ||
        (d->desc->stateInhibitsExit && d->desc->stateInhibitsExit());
    if (busy) {
        d->idleSince = 0;
    } else if (!d->idleSince) {
        d->idleSince = g_get_monotonic_time();
    } else if (g_get_monotonic_time() - d->idleSince >=
               (gint64)d->idleTimeout * G_USEC_PER_SEC) {
        VIR_INFO("exiting after %u s idle", d->idleTimeout);
        g_main_loop_quit(d->loop);
    }
    return G_SOURCE_CONTINUE;
}

static gboolean
virDaemonNotifyReady(gpointer opaque)
{
    sd_notify(0, "READY=1");
    return G_SOURCE_REMOVE;
}

/* Forks into the background; the parent exits once the child reports that
 * start-up went well (or not), so `--daemon` fails visibly. Returns the
 * pipe to report on in the child. */
static int
virDaemonForkIntoBackground(void)
{
    int status[2];
    pid_t pid;

    if (pipe2(status, O_CLOEXEC) < 0)
        return -1;
    if ((pid = fork()) < 0)
        return -1;
    if (pid > 0) {
        char ok = 0;

        close(status[1]);
        if (read(status[0], &ok, 1) != 1)
            ok = 0;
        _exit(ok ? EXIT_SUCCESS : EXIT_FAILURE);
    }
    close(status[0]);
    setsid();
    if ((pid = fork()) < 0)
        _exit(EXIT_FAILURE);
    if (pid > 0)
        _exit(EXIT_SUCCESS);
    {
        int devnull = open("/dev/null", O_RDWR);

        dup2(devnull, STDIN_FILENO);
        dup2(devnull, STDOUT_FILENO);
        dup2(devnull, STDERR_FILENO);
        if (devnull > STDERR_FILENO)
            close(devnull);
    }
    return status[1];
}

static void
virDaemonReportStatus(int statusfd, bool ok)
{
    char byte = ok ? 1 : 0;

    if (statusfd < 0)
        return;
    if (write(statusfd, &byte, 1) != 1)
        VIR_WARN("cannot report start-up status to the parent process");
    close(statusfd);
}

static void
virDaemonFatal(int statusfd)
{
    const virErrorInfo *err = virErrorGetLast();

    fprintf(stderr, "%s: error: %s\n", daemonName,
            err && err->message ? err->message : "start-up failed");
    VIR_ERROR("start-up failed: %s", err && err->message ? err->message : "unknown error");
    virDaemonReportStatus(statusfd, false);
}

int
virDaemonRun(const virDaemonDesc *desc, int argc, char **argv)
{
    virDaemon d = { .desc = desc };
    virNetServerConfig scfg;
    g_autofree char *pidPath = NULL;
    int pidfd = -1;
    int statusfd = -1;
    int ret = EXIT_FAILURE;
    size_t i;

    daemonName = desc->name;
    sockPrefix = desc->sockPrefix;
    if (virDaemonParseArgs(argc, argv, &d.args) < 0)
        return EXIT_FAILURE;

    signal(SIGPIPE, SIG_IGN);
    virFileSetRoot(d.args.root);
    d.configPath = d.args.configFile ? g_strdup(d.args.configFile) :
        g_strdup_printf("%s/etc/libvirt/%s.conf", virFileGetRoot() ? virFileGetRoot() : "",
                        desc->name);
    if (virDaemonLoadConfig(&d) < 0) {
        virDaemonFatal(-1);
        return EXIT_FAILURE;
    }

    if (d.args.daemonize && (statusfd = virDaemonForkIntoBackground()) < 0) {
        fprintf(stderr, "%s: cannot fork into the background: %s\n", daemonName,
                g_strerror(errno));
        return EXIT_FAILURE;
    }

    pidPath = d.args.pidFile ? g_strdup(d.args.pidFile) :
        g_strdup_printf("%s/run/%s.pid", virFileGetRoot() ? virFileGetRoot() : "", desc->name);
    {
        g_autofree char *piddir = g_path_get_dirname(pidPath);

        if (virFileMakePath(piddir, 0755) < 0 ||
            (pidfd = virPidFileAcquire(pidPath, getpid())) < 0) {
            virDaemonFatal(statusfd);
            goto cleanup;
        }
    }

    adminDispatchInit(desc->name);

    virDaemonServerConfig(d.cfg, false, &scfg);
    if (!(d.srv = virNetServerNew(desc->name, &scfg))) {
        virDaemonFatal(statusfd);
        goto cleanup;
    }
    virDaemonServerConfig(d.cfg, true, &scfg);
    if (!(d.adminSrv = virNetServerNew("admin", &scfg))) {
        virDaemonFatal(statusfd);
        goto cleanup;
    }
    virNetServerSetClientHooks(d.srv, desc->clientAdded, desc->clientClosed, NULL);

    /* The driver's state (definitions, running guests) is loaded before any
     * socket accepts a client, so nobody sees a half-loaded daemon. */
    if (desc->stateInitialize(d.srv, geteuid() == 0) < 0) {
        virDaemonFatal(statusfd);
        goto cleanup;
    }

    if (virDaemonTakeActivatedSockets(&d) < 0 || virDaemonBindSockets(&d) < 0 ||
        virDaemonListenIP(&d) < 0) {
        virDaemonFatal(statusfd);
        goto cleanup_driver;
    }

    d.loop = g_main_loop_new(NULL, FALSE);
    g_unix_signal_add(SIGTERM, virDaemonOnQuit, &d);
    g_unix_signal_add(SIGINT, virDaemonOnQuit, &d);
    g_unix_signal_add(SIGHUP, virDaemonOnReload, &d);
    g_timeout_add_seconds(1, virDaemonIdleCheck, &d);
    g_idle_add(virDaemonNotifyReady, NULL);

    VIR_INFO("%s ready%s", desc->name, d.args.root ? " (relocated root)" : "");
    virDaemonReportStatus(statusfd, true);
    statusfd = -1;
    g_main_loop_run(d.loop);
    sd_notify(0, "STOPPING=1");
    ret = EXIT_SUCCESS;

 cleanup_driver:
    virNetServerClose(d.srv);
    virNetServerClose(d.adminSrv);
    /* Leaves running guests alone: a restart reconnects to them. */
    if (desc->stateCleanup)
        desc->stateCleanup();

 cleanup:
    virNetServerFree(d.srv);
    virNetServerFree(d.adminSrv);
    virNetTLSServerFree(d.tls);
    for (i = 0; i < G_N_ELEMENTS(d.sockPaths); i++) {
        if (d.sockPaths[i])
            unlink(d.sockPaths[i]);
        g_free(d.sockPaths[i]);
    }
    if (pidfd >= 0) {
        unlink(pidPath);
        close(pidfd);
    }
    if (d.loop)
        g_main_loop_unref(d.loop);
    virDaemonConfigFree(d.cfg);
    g_free(d.configPath);
    return ret;
}
