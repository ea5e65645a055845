#include "qemu_process.h"

#include "qemu_driver.h"
#include "qemu_hotplug.h"
#include "qemu_interface.h"
#include "qemu_volume.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>

#include "domain_event.h"
#include "qemu_command.h"
#include "qemu_disk_chain.h"
#include "qemu_domain_address.h"
#include "qemu_firmware.h"
#include "qemu_hostdev.h"
#include "qemu_tpm.h"
#include "qemu_snapshot.h"
#include "vircommand.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.process");

/* A monitor callback's payload, handled later on the event pool where
 * taking the domain's lock is safe. */
typedef struct {
    virDomainObj *obj;
    qemuMonitor *mon;       /* compared, never dereferenced: stale events are dropped */
    char *name;             /* NULL for end-of-file */
    json_object *data;
} qemuProcessEvent;

static void
qemuProcessEventFree(qemuProcessEvent *ev)
{
    virDomainObjUnref(ev->obj);
    g_free(ev->name);
    if (ev->data)
        json_object_put(ev->data);
    g_free(ev);
}

static virQEMUDriver *eventDriver;

static void
qemuProcessQueueEvent(qemuMonitor *mon, const char *name, json_object *data, void *opaque)
{
    qemuProcessEvent *ev = g_new0(qemuProcessEvent, 1);

    ev->obj = virDomainObjRef(opaque);
    ev->mon = mon;
    ev->name = g_strdup(name);
    ev->data = data ? json_object_get(data) : NULL;
    g_thread_pool_push(eventDriver->eventPool, ev, NULL);
}

static void
qemuProcessMonitorEOF(qemuMonitor *mon, void *opaque)
{
    qemuProcessQueueEvent(mon, NULL, NULL, opaque);
}

static void
qemuProcessMonitorEvent(qemuMonitor *mon, const char *name, json_object *data,
                        long long seconds, unsigned int micros, void *opaque)
{
    qemuProcessQueueEvent(mon, name, data, opaque);
}

static const qemuMonitorCallbacks monitorCallbacks = {
    .eof = qemuProcessMonitorEOF,
    .event = qemuProcessMonitorEvent,
};

static void
qemuProcessEmit(virDomainObj *obj, int event, int detail)
{
    g_autoptr(virDrvDomain) ref = qemuDomainMakeRef(obj);

    virDomainEventEmitLifecycle(ref, event, detail);
}

/* ------------------------------------------------------------------ */
/* Processes                                                           */

/* A zombie counts as gone: QEMU is reparented to init, which reaps it. */
static bool
qemuProcessAlive(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    g_autofree char *stat = NULL;
    const char *end;

    if (pid <= 0 || !g_file_get_contents(path, &stat, NULL, NULL))
        return false;
    if (!(end = strrchr(stat, ')')))
        return false;
    return end[1] == ' ' && end[2] != 'Z' && end[2] != 'X';
}

static void
qemuProcessKill(pid_t pid)
{
    int i;

    if (!qemuProcessAlive(pid))
        return;
    /* SIGTERM lets QEMU flush its disks; SIGKILL after 10 s. */
    kill(pid, SIGTERM);
    for (i = 0; i < 500 && qemuProcessAlive(pid); i++)
        g_usleep(20 * 1000);
    if (!qemuProcessAlive(pid))
        return;
    VIR_WARN("QEMU %lld ignored SIGTERM; killing it", (long long)pid);
    kill(pid, SIGKILL);
    for (i = 0; i < 250 && qemuProcessAlive(pid); i++)
        g_usleep(20 * 1000);
}

/* The guest's QEMU is the one whose command line names it: a reused pid
 * after a reboot must not be mistaken for (or killed as) our guest. */
static bool
qemuProcessIsOurs(pid_t pid, const virDomainDef *def)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
    g_autofree char *cmdline = NULL;
    g_autofree char *want = g_strdup_printf("guest=%s", def->name);
    char uuid[VIR_UUID_STRING_BUFLEN];
    gsize len;
    gsize i;

    if (!g_file_get_contents(path, &cmdline, &len, NULL))
        return false;
    for (i = 0; i + 1 < len; i++) {
        if (cmdline[i] == '\0')
            cmdline[i] = ' ';
    }
    virUUIDFormat(def->uuid, uuid);
    return strstr(cmdline, want) && strstr(cmdline, uuid);
}

unsigned long long
qemuProcessGetCPUTime(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    g_autofree char *stat = NULL;
    unsigned long long utime = 0, stime = 0;
    const char *p;
    long ticks = sysconf(_SC_CLK_TCK);

    if (pid <= 0 || !g_file_get_contents(path, &stat, NULL, NULL) ||
        !(p = strrchr(stat, ')')))
        return 0;
    /* Fields after the command: state is 3rd, utime 14th, stime 15th. */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
               &utime, &stime) != 2 || ticks <= 0)
        return 0;
    return (utime + stime) * (1000000000ULL / ticks);
}

/* The last lines QEMU wrote to the guest's log, to explain a failure. */
static char *
qemuProcessLogTail(const char *logPath, off_t from)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    g_auto(GStrv) lines = NULL;
    GString *out = g_string_new(NULL);
    size_t i;

    if (!g_file_get_contents(logPath, &text, &len, NULL) || (gsize)from >= len)
        return g_string_free(out, FALSE);
    lines = g_strsplit(text + from, "\n", -1);
    for (i = 0; lines[i]; i++) {
        /* Our own header lines are not QEMU's words. */
        if (!*lines[i] || g_str_has_prefix(lines[i], "LC_ALL=") ||
            strstr(lines[i], ": starting up"))
            continue;
        if (out->len)
            g_string_append_c(out, '\n');
        g_string_append(out, lines[i]);
    }
    return g_string_free(out, FALSE);
}

static void
qemuProcessCleanupFiles(virQEMUDriver *driver, virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);

    qemuDomainDeleteStatus(driver, obj->def->name);
    if (priv->monPath)
        unlink(priv->monPath);
    if (priv->libDir)
        rmdir(priv->libDir);
    g_clear_pointer(&priv->monPath, g_free);
    g_clear_pointer(&priv->libDir, g_free);
}

void
qemuProcessStop(virQEMUDriver *driver, virDomainObj *obj, int reason)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    qemuMonitor *mon = g_steal_pointer(&priv->mon);

    VIR_DEBUG("stopping domain %s (pid %lld)", obj->def->name, (long long)obj->pid);
    if (mon) {
        qemuMonitorClose(mon);
        virDomainObjUnref(obj);     /* the monitor callbacks' reference */
    }
    qemuProcessKill(obj->pid);
    qemuInterfacesRelease(obj->def);
    qemuTPMStop(obj, priv->libDir);
    qemuProcessCleanupFiles(driver, obj);

    obj->pid = 0;
    priv->gotShutdown = false;
    priv->stopIsOurs = false;
    priv->fakeReboot = false;
    priv->beingDestroyed = false;
    virDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, reason);
    /* Back to the persistent definition: live details (ptys, id) go. */
    if (obj->newDef) {
        virDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
    obj->def->id = -1;
    qemuDomainObjBroadcast(obj);
}

void
qemuProcessRemoveIfTransient(virQEMUDriver *driver, virDomainObj *obj)
{
    if (!obj->persistent && !virDomainObjIsActive(obj))
        virDomainObjListRemove(driver->domains, obj);
}

/* Fills the live pty paths of serial devices (and of consoles that stand
 * for them) from QEMU's answer. */
static int
qemuProcessUpdatePtys(virDomainObj *obj, qemuMonitor *mon)
{
    g_autoptr(GHashTable) ptys = NULL;
    virDomainDef *def = obj->def;
    size_t i;

    if (qemuMonitorGetChardevPtys(mon, &ptys) < 0)
        return -1;
    for (i = 0; i < def->nserials; i++) {
        virDomainChrDef *chr = def->serials[i];
        g_autofree char *alias = g_strdup_printf("char%s", chr->info.alias ? chr->info.alias : "");
        const char *pty = g_hash_table_lookup(ptys, alias);

        if (chr->source.type != VIR_DOMAIN_CHR_TYPE_PTY || !pty)
            continue;
        g_free(chr->source.ptyPath);
        chr->source.ptyPath = g_strdup(pty);
    }
    return 0;
}

static int
qemuProcessOpenLog(virQEMUDriver *driver, virDomainObj *obj, char **logPath, off_t *start)
{
    int fd;

    if (virFileMakePath(driver->logDir, 0700) < 0)
        return -1;
    *logPath = g_strdup_printf("%s/%s.log", driver->logDir, obj->def->name);
    if ((fd = open(*logPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, "failed to create logfile %s", *logPath);
        return -1;
    }
    *start = lseek(fd, 0, SEEK_END);
    return fd;
}

static void
qemuProcessLogHeader(int fd, virCommand *cmd)
{
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S.%f");
    g_autofree char *line = virCommandToString(cmd);
    g_autofree char *text = g_strdup_printf("%.23s+0000: starting up\n%s\n", stamp, line);

    if (write(fd, text, strlen(text)) < 0)
        VIR_WARN("cannot write to the guest log: %s", g_strerror(errno));
}

static int qemuProcessLaunch(virQEMUDriver *driver, virDomainObj *obj, unsigned int flags,
                             const char *incoming);

int
qemuProcessStart(virQEMUDriver *driver, virDomainObj *obj, unsigned int flags)
{
    return qemuProcessLaunch(driver, obj, flags, NULL);
}

int
qemuProcessStartIncoming(virQEMUDriver *driver, virDomainObj *obj, unsigned int flags,
                         const char *uri)
{
    return qemuProcessLaunch(driver, obj, flags, uri);
}

/* Waits (lock released between polls) until QEMU has taken in the whole
 * incoming stream. */
static int
qemuProcessWaitIncoming(virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);

    for (;;) {
        g_autoptr(json_object) reply = NULL;
        json_object *val = NULL;
        const char *status = "";

        if (!priv->mon) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           "QEMU went away while loading the saved state");
            return -1;
        }
        if (qemuMonitorCommand(priv->mon, "query-migrate", NULL, &reply) < 0)
            return -1;
        if (json_object_object_get_ex(reply, "status", &val))
            status = json_object_get_string(val);
        if (g_str_equal(status, "completed"))
            return 0;
        if (g_str_equal(status, "failed") || g_str_equal(status, "cancelled")) {
            const char *desc = "unknown error";

            if (json_object_object_get_ex(reply, "error-desc", &val))
                desc = json_object_get_string(val);
            virReportError(VIR_ERR_OPERATION_FAILED, "cannot load the saved state: %s", desc);
            return -1;
        }
        qemuDomainObjWait(obj, g_get_monotonic_time() + 20 * G_TIME_SPAN_MILLISECOND);
    }
}

static int
qemuProcessLaunch(virQEMUDriver *driver, virDomainObj *obj, unsigned int flags,
                  const char *incoming)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autoptr(virCommand) cmd = NULL;
    g_autofree char *logPath = NULL;
    g_autofree char *shortName = NULL;
    qemuCommandParams params = { 0 };
    qemuCaps *caps = NULL;
    off_t logStart = 0;
    int logfd = -1;
    pid_t pid = 0;
    size_t i;
    int id;

    if (virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is already running");
        return -1;
    }
    if (!(caps = qemuCapsCacheLookup(driver->caps, obj->def->emulator)))
        return -1;
    if (obj->def->virtType == VIR_DOMAIN_VIRT_KVM && !qemuCapsHasKVM(caps)) {
        qemuCapsUnref(caps);
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "Domain requires KVM, but it is not available. Check that virtualization is enabled in the host BIOS, and host configuration is setup to load the kvm modules.");
        return -1;
    }
    params.kvmAvailable = qemuCapsHasKVM(caps);
    qemuCapsUnref(caps);

    /* The persistent definition stays as it was; the run gets a copy that
     * collects live details (id, aliases, ptys). */
    if (obj->persistent && !obj->newDef)
        obj->newDef = virDomainDefCopy(obj->def);
    id = virDomainObjListNextID(driver->domains);
    obj->def->id = id;
    qemuAssignDeviceAliases(obj->def);
    for (i = 0; i < obj->def->ndisks; i++)
        obj->def->disks[i]->srcIndex = i + 1;
    priv->gotShutdown = false;
    /* Devices added to the definition since it was defined get theirs. */
    if (qemuDomainAssignPCIAddresses(obj->def) < 0)
        goto error;

    /* UNIX socket paths are short: the run directory uses a prefix of the name. */
    shortName = g_strndup(obj->def->name, 20);
    priv->libDir = g_strdup_printf("%s/domain-%d-%s", driver->libDir, id, shortName);
    priv->monPath = g_strdup_printf("%s/monitor.sock", priv->libDir);
    if (virFileMakePath(priv->libDir, 0700) < 0)
        goto error;

    if ((logfd = qemuProcessOpenLog(driver, obj, &logPath, &logStart)) < 0 ||
        qemuVolumesResolve(obj->def) < 0 ||
        qemuDiskChainDetectAll(obj->def) < 0 ||
        qemuHostdevPrepare(obj->def) < 0 ||
        qemuFirmwarePrepareNvram(obj->def) < 0 ||
        qemuInterfacesPrepare(obj->def) < 0 ||
        qemuTPMStart(driver, obj, priv->monPath) < 0)
        goto error;

    params.monitorPath = priv->monPath;
    params.disableArchCapabilities = qemuHostNeedsArchCapabilitiesOff();
    if (incoming)
        params.incoming = "defer";
    if (!(cmd = qemuBuildCommandLine(obj->def, &params)))
        goto error;
    virCommandAddEnvPair(cmd, "LC_ALL", "C");
    virCommandAddEnvPassCommon(cmd);
    virCommandSetOutputFd(cmd, logfd);
    virCommandDaemonize(cmd);
    qemuProcessLogHeader(logfd, cmd);

    if (virCommandRunAsync(cmd, &pid) < 0)
        goto error;
    obj->pid = pid;
    close(logfd);
    logfd = -1;

    if (!(priv->mon = qemuMonitorOpen(priv->monPath, 30000, pid, &monitorCallbacks,
                                      virDomainObjRef(obj)))) {
        g_autofree char *tail = NULL;

        virDomainObjUnref(obj);
        /* Give QEMU a moment to finish writing why it stopped. */
        g_usleep(100 * 1000);
        tail = qemuProcessLogTail(logPath, logStart);
        if (!qemuProcessAlive(pid) || *tail)
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           "process exited while connecting to monitor: %s", tail);
        goto error;
    }
    if (qemuProcessUpdatePtys(obj, priv->mon) < 0)
        goto error;
    if (incoming) {
        g_autoptr(json_object) args = json_object_new_object();

        json_object_object_add(args, "uri", json_object_new_string(incoming));
        if (qemuMonitorCommand(priv->mon, "migrate-incoming", g_steal_pointer(&args), NULL) < 0 ||
            qemuProcessWaitIncoming(obj) < 0)
            goto error;
    }

    if (!(flags & VIR_DOMAIN_START_PAUSED)) {
        if (qemuMonitorCont(priv->mon) < 0)
            goto error;
        virDomainObjSetState(obj, VIR_DOMAIN_RUNNING,
                             incoming ? VIR_DOMAIN_RUNNING_RESTORED : VIR_DOMAIN_RUNNING_BOOTED);
    } else {
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    }
    /* <memballoon><stats period>: the guest reports its memory figures. */
    if (obj->def->memballoon && obj->def->memballoon->period &&
        obj->def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_NONE &&
        qemuStatsSetBalloonPeriod(obj, obj->def->memballoon->period) < 0) {
        VIR_WARN("domain %s: cannot set the balloon statistics period", obj->def->name);
        virErrorReset();
    }
    if (qemuDomainSaveStatus(driver, obj) < 0)
        goto error;

    VIR_INFO("started domain %s (id %d, pid %lld)", obj->def->name, id, (long long)pid);
    if (incoming) {
        qemuProcessEmit(obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_RESTORED);
        if (flags & VIR_DOMAIN_START_PAUSED)
            qemuProcessEmit(obj, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_RESTORED);
    } else if (flags & VIR_DOMAIN_START_PAUSED) {
        qemuProcessEmit(obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
        qemuProcessEmit(obj, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    } else {
        qemuProcessEmit(obj, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
        qemuProcessEmit(obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_BOOTED);
    }
    return 0;

 error:
    {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        if (logfd >= 0)
            close(logfd);
        qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_FAILED);
        virDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
        virErrorRestore(&saved);
    }
    return -1;
}

void
qemuProcessReconnect(virQEMUDriver *driver, virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autofree char *status = NULL;
    bool running = false;

    if (!qemuProcessIsOurs(obj->pid, obj->def) || !qemuProcessAlive(obj->pid)) {
        VIR_WARN("domain %s: its QEMU (pid %lld) is gone", obj->def->name, (long long)obj->pid);
        obj->pid = 0;   /* never kill a process that is not ours */
        goto gone;
    }
    if (!(priv->mon = qemuMonitorOpen(priv->monPath, 5000, obj->pid, &monitorCallbacks,
                                      virDomainObjRef(obj)))) {
        virDomainObjUnref(obj);
        VIR_WARN("domain %s: cannot reconnect to its monitor: %s", obj->def->name,
                 virErrorGetLast() ? virErrorGetLast()->message : "unknown error");
        virErrorReset();
        goto gone;
    }
    if (qemuMonitorGetStatus(priv->mon, &running, &status) == 0) {
        if (status && g_str_equal(status, "shutdown")) {
            /* The guest powered off while we were away; QEMU waits (it runs
             * with -no-shutdown). Finish as if the SHUTDOWN event had come. */
            VIR_INFO("domain %s: guest powered off while the daemon was down",
                     obj->def->name);
            priv->gotShutdown = true;
            priv->restartAfterShutdown =
                obj->def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART;
            virDomainObjSetState(obj, VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_USER);
            if (qemuMonitorQuit(priv->mon) < 0) {
                virErrorReset();
                kill(obj->pid, SIGTERM);
            }
            return;
        }
        if (running && obj->state != VIR_DOMAIN_RUNNING)
            virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
        else if (!running && obj->state == VIR_DOMAIN_RUNNING)
            virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN);
    }
    virErrorReset();
    qemuDomainSaveStatus(driver, obj);
    VIR_INFO("reconnected to domain %s (id %d)", obj->def->name, obj->def->id);
    return;

 gone:
    qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    qemuProcessEmit(obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FAILED);
    qemuProcessRemoveIfTransient(driver, obj);
}

/* ------------------------------------------------------------------ */
/* Monitor events (on the event pool)                                  */

static void
qemuProcessHandleEOF(virQEMUDriver *driver, virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    bool shutdown = priv->gotShutdown;

    bool restart = shutdown && priv->restartAfterShutdown;

    VIR_DEBUG("domain %s: QEMU went away%s", obj->def->name,
              shutdown ? " after the guest shut down" : "");
    /* Without a SHUTDOWN first, QEMU died under the guest: libvirt calls
     * that a crash (state) and a failure (event). */
    qemuProcessStop(driver, obj, shutdown ? VIR_DOMAIN_SHUTOFF_SHUTDOWN :
                                            VIR_DOMAIN_SHUTOFF_CRASHED);
    priv->restartAfterShutdown = false;
    qemuProcessEmit(obj, VIR_DOMAIN_EVENT_STOPPED,
                    shutdown ? VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN :
                               VIR_DOMAIN_EVENT_STOPPED_FAILED);
    if (restart) {
        if (qemuProcessStart(driver, obj, 0) == 0)
            return;     /* it emits "started" itself */
        VIR_WARN("domain %s: cannot start it again after power-off: %s", obj->def->name,
                 virErrorGetLast() ? virErrorGetLast()->message : "unknown error");
    }
    qemuProcessRemoveIfTransient(driver, obj);
}

/* Resets the guest in the same QEMU and lets it run again, as libvirt
 * does for a reboot and for on_crash='restart': it comes back "running"
 * with reason. */
static int
qemuProcessResetAndResume(virQEMUDriver *driver, virDomainObj *obj, int reason)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    int tries;

    if (qemuMonitorSystemReset(priv->mon) < 0)
        return -1;
    /* QEMU acts on a reset request in its main loop; until then "cont"
     * says a reset is still needed. */
    for (tries = 0; qemuMonitorCont(priv->mon) < 0; tries++) {
        if (tries == 50 || !priv->mon)
            return -1;
        virErrorReset();
        g_usleep(20 * 1000);
    }
    virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, reason);
    qemuProcessEmit(obj, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    qemuDomainSaveStatus(driver, obj);
    return 0;
}

static void
qemuProcessHandleShutdown(virQEMUDriver *driver, virDomainObj *obj, json_object *data)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    json_object *guest = NULL;
    json_object *why = NULL;
    bool byGuest = data && json_object_object_get_ex(data, "guest", &guest) &&
                   json_object_get_boolean(guest);
    /* With on_reboot other than restart QEMU runs with -no-reboot: a guest
     * reboot arrives here as a shutdown for "guest-reset". */
    bool reset = data && json_object_object_get_ex(data, "reason", &why) &&
                 g_str_equal(json_object_get_string(why), "guest-reset");
    int action = reset ? obj->def->onReboot : obj->def->onPoweroff;

    /* Asking QEMU to quit makes it report a second SHUTDOWN (host-qmp-quit). */
    if (priv->gotShutdown)
        return;
    virDomainObjSetState(obj, VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_USER);
    qemuProcessEmit(obj, VIR_DOMAIN_EVENT_SHUTDOWN,
                    byGuest ? VIR_DOMAIN_EVENT_SHUTDOWN_GUEST : VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED);

    /* virsh reboot: the guest shut down cleanly and starts again in the
     * same QEMU. */
    if (priv->fakeReboot) {
        priv->fakeReboot = false;
        /* With -no-shutdown QEMU follows SHUTDOWN with a STOP. */
        priv->stopIsOurs = true;
        if (qemuProcessResetAndResume(driver, obj, VIR_DOMAIN_RUNNING_BOOTED) == 0)
            return;
        priv->stopIsOurs = false;
        VIR_WARN("domain %s: cannot reboot it: %s", obj->def->name,
                 virErrorGetLast() ? virErrorGetLast()->message : "unknown error");
        virErrorReset();
    }
    priv->gotShutdown = true;
    priv->restartAfterShutdown = action == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART;
    qemuDomainSaveStatus(driver, obj);

    /* QEMU runs with -no-shutdown and waits: on_poweroff decides. QEMU is
     * asked to quit; the monitor's end-of-file then records "shut off
     * (shutdown)" and, for "restart", starts the guest again. */
    if (priv->mon && qemuMonitorQuit(priv->mon) < 0) {
        virErrorReset();
        kill(obj->pid, SIGTERM);
    }
}

static void
qemuProcessHandleStop(virQEMUDriver *driver, virDomainObj *obj,
                      json_object *data G_GNUC_UNUSED)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);

    if (priv->stopIsOurs) {
        priv->stopIsOurs = false;
        return;
    }
    if (obj->state == VIR_DOMAIN_RUNNING) {
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN);
        qemuProcessEmit(obj, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
        qemuDomainSaveStatus(driver, obj);
    }
}

static void
qemuProcessHandleResume(virQEMUDriver *driver, virDomainObj *obj,
                        json_object *data G_GNUC_UNUSED)
{
    if (obj->state == VIR_DOMAIN_PAUSED) {
        virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
        qemuProcessEmit(obj, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
        qemuDomainSaveStatus(driver, obj);
    }
}

static void
qemuProcessHandleJobStatus(virQEMUDriver *driver G_GNUC_UNUSED, virDomainObj *obj,
                           json_object *data)
{
    qemuSnapshotHandleJobStatus(obj, data);
}

static void
qemuProcessHandleDeviceDeleted(virQEMUDriver *driver G_GNUC_UNUSED, virDomainObj *obj,
                               json_object *data)
{
    json_object *dev = NULL;

    if (data && json_object_object_get_ex(data, "device", &dev))
        qemuHotplugDeviceDeleted(obj, json_object_get_string(dev));
}

static void
qemuProcessHandleReset(virQEMUDriver *driver G_GNUC_UNUSED, virDomainObj *obj,
                       json_object *data G_GNUC_UNUSED)
{
    g_autoptr(virDrvDomain) ref = qemuDomainMakeRef(obj);

    virDomainEventEmitReboot(ref);
}

/* on_crash='coredump-*': the memory goes to auto_dump_path as NAME-TIME,
 * the name libvirt gives it. A failed dump is logged; the action goes on. */
static void
qemuProcessCrashDump(virQEMUDriver *driver, virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autoptr(GDateTime) now = g_date_time_new_now_local();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d-%H:%M:%S");
    g_autofree char *path = g_strdup_printf("%s/%s-%s", driver->autoDumpPath,
                                            obj->def->name, stamp);

    if (virFileMakePath(driver->autoDumpPath, 0755) < 0 ||
        qemuMonitorDumpGuestMemory(priv->mon, path) < 0) {
        VIR_WARN("domain %s: no core dump after its crash: %s", obj->def->name,
                 virErrorGetLast() ? virErrorGetLast()->message : "unknown error");
        virErrorReset();
        return;
    }
    VIR_INFO("domain %s: crash dump written to %s", obj->def->name, path);
}

/* GUEST_PANICKED (a pvpanic device, Hyper-V crash MSRs): the guest is
 * "crashed (panicked)" and on_crash decides what follows. */
static void
qemuProcessHandlePanic(virQEMUDriver *driver, virDomainObj *obj, json_object *data)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    json_object *action = NULL;
    int onCrash = obj->def->onCrash;

    if (obj->state == VIR_DOMAIN_CRASHED)
        return;     /* still crashed from before (preserve) */
    /* With -no-shutdown QEMU pauses a panicked guest and says so. */
    priv->stopIsOurs = data && json_object_object_get_ex(data, "action", &action) &&
                             g_str_equal(json_object_get_string(action), "pause");
    virDomainObjSetState(obj, VIR_DOMAIN_CRASHED, VIR_DOMAIN_CRASHED_PANICKED);
    qemuProcessEmit(obj, VIR_DOMAIN_EVENT_CRASHED, VIR_DOMAIN_EVENT_CRASHED_PANICKED);
    qemuDomainSaveStatus(driver, obj);

    if (onCrash == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
        onCrash == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART)
        qemuProcessCrashDump(driver, obj);

    switch ((virDomainLifecycleAction) onCrash) {
    case VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE:
        return;
    case VIR_DOMAIN_LIFECYCLE_ACTION_RESTART:
    case VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME:
    case VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART:
        if (qemuProcessResetAndResume(driver, obj, VIR_DOMAIN_RUNNING_CRASHED) == 0)
            return;
        VIR_WARN("domain %s: cannot restart it after its crash: %s", obj->def->name,
                 virErrorGetLast() ? virErrorGetLast()->message : "unknown error");
        virErrorReset();
        break;
    case VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY:
    case VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY:
    case VIR_DOMAIN_LIFECYCLE_ACTION_LAST:
        break;
    }
    priv->stopIsOurs = false;
    qemuProcessStop(driver, obj, VIR_DOMAIN_SHUTOFF_CRASHED);
    qemuProcessEmit(obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_CRASHED);
    qemuProcessRemoveIfTransient(driver, obj);
}

typedef void (*qemuProcessEventHandler)(virQEMUDriver *driver, virDomainObj *obj,
                                        json_object *data);

/* The QMP events virtqemud acts on; the others are ignored. */
static const struct {
    const char *name;
    qemuProcessEventHandler handler;
} qemuProcessEventHandlers[] = {
    { "SHUTDOWN", qemuProcessHandleShutdown },
    { "STOP", qemuProcessHandleStop },
    { "RESUME", qemuProcessHandleResume },
    { "RESET", qemuProcessHandleReset },
    { "GUEST_PANICKED", qemuProcessHandlePanic },
    { "JOB_STATUS_CHANGE", qemuProcessHandleJobStatus },
    { "DEVICE_DELETED", qemuProcessHandleDeviceDeleted },
};

void
qemuProcessHandleEvent(gpointer data, gpointer opaque)
{
    qemuProcessEvent *ev = data;
    virQEMUDriver *driver = opaque;
    virDomainObj *obj = ev->obj;
    qemuDomainObjPrivate *priv;
    size_t i;

    virDomainObjLock(obj);
    priv = qemuDomainObjPrivateGet(obj);
    /* Events of a run that already ended (destroyed meanwhile) are stale. */
    if (obj->removed || !virDomainObjIsActive(obj) || priv->mon != ev->mon)
        goto done;

    if (!ev->name) {
        qemuProcessHandleEOF(driver, obj);
    } else {
        for (i = 0; i < G_N_ELEMENTS(qemuProcessEventHandlers); i++) {
            if (g_str_equal(ev->name, qemuProcessEventHandlers[i].name)) {
                qemuProcessEventHandlers[i].handler(driver, obj, ev->data);
                break;
            }
        }
    }
    virErrorReset();

 done:
    /* Jobs waiting for QEMU recheck what they wait for. */
    qemuDomainObjBroadcast(obj);
    virDomainObjUnlock(obj);
    qemuProcessEventFree(ev);
}

void
qemuProcessSetEventDriver(virQEMUDriver *driver)
{
    eventDriver = driver;
}
