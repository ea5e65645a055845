/* virtsh: the 'event' command, waiting for domain events and printing
 * them one a line as virsh does.
 *
 * Callbacks run on the event thread; the command's thread waits in
 * virtshEventWait() until the first event (or, with --loop, a timeout or
 * Ctrl-C). */
#include "virtsh.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* libvirt hands these to some callbacks; declared here as the public ABI
 * lays them out, for headers that leave them out. */
typedef struct {
    int family;
    char *node;
    char *service;
} virtshGraphicsAddress;

typedef struct {
    char *type;
    char *name;
} virtshGraphicsIdentity;

typedef struct {
    int nidentity;
    virtshGraphicsIdentity *identities;
} virtshGraphicsSubject;

typedef struct {
    char field[80];
    int type;
    union {
        int i;
        unsigned int ui;
        long long l;
        unsigned long long ul;
        double d;
        char b;
        char *s;
    } value;
} virtshTypedParam;

typedef struct _virtshEventType virtshEventType;

/* One registration. */
typedef struct {
    virtshControl *ctl;
    const virtshEventType *type;
    bool loop;
    bool timestamp;
    int *count;
    int id;                 /* callback id, -1 until registered */
} virtshEventData;

struct _virtshEventType {
    const char *name;
    virConnectDomainEventGenericCallback cb;
};


/* Prints one event, unless a one-shot wait already got its event. */
static void
virtshEventPrint(virtshEventData *data, GString *msg)
{
    if (!data->loop && *data->count)
        return;

    if (data->timestamp) {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");

        virtshPrint(data->ctl, "%s.%03d+0000: ", stamp,
                    g_date_time_get_microsecond(now) / 1000);
    }
    virtshPrint(data->ctl, "%s", msg->str);
    fflush(stdout);

    (*data->count)++;
    if (!data->loop)
        virtshEventDone(data->ctl);
}


/* "event 'NAME' for domain 'DOM'" then the rest, as a GString. */
static GString *
virtshEventHead(virtshEventData *data, virDomainPtr dom)
{
    GString *msg = g_string_new(NULL);

    g_string_printf(msg, "event '%s' for domain '%s'", data->type->name, virDomainGetName(dom));
    return msg;
}


static void
virtshEventDone1(virtshEventData *data, GString *msg)
{
    virtshEventPrint(data, msg);
    g_string_free(msg, TRUE);
}


/* Names of small enums; "unknown" past the end, as virsh prints. */
static const char *
virtshEnumName(const char *const *names, size_t n, int value, const char *fallback)
{
    if (value < 0 || (size_t)value >= n)
        return fallback;
    return names[value];
}
#define VIRTSH_ENUM(names, v) virtshEnumName(names, G_N_ELEMENTS(names), v, "unknown")
#define VIRTSH_ENUM_OR(names, v, fb) virtshEnumName(names, G_N_ELEMENTS(names), v, fb)


/* ---- lifecycle ------------------------------------------------------ */

static const char *const virtshLifecycleEvents[] = {
    "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped", "Shutdown",
    "PMSuspended", "Crashed",
};
static const char *const virtshLifecycleDefined[] = { "Added", "Updated", "Renamed", "Snapshot" };
static const char *const virtshLifecycleUndefined[] = { "Removed", "Renamed" };
static const char *const virtshLifecycleStarted[] = {
    "Booted", "Migrated", "Restored", "Snapshot", "Event wakeup",
};
static const char *const virtshLifecycleSuspended[] = {
    "Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot", "API error",
    "Post-copy", "Post-copy Error",
};
static const char *const virtshLifecycleResumed[] = {
    "Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error",
};
static const char *const virtshLifecycleStopped[] = {
    "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot",
};
static const char *const virtshLifecycleShutdown[] = {
    "Finished", "Finished after guest request", "Finished after host request",
};
static const char *const virtshLifecyclePMSuspended[] = { "Memory", "Disk" };
static const char *const virtshLifecycleCrashed[] = { "Panicked", "Crashloaded" };

/* Indexed by the event. */
static const struct {
    const char *const *names;
    size_t n;
} virtshLifecycleDetails[] = {
    { virtshLifecycleDefined, G_N_ELEMENTS(virtshLifecycleDefined) },
    { virtshLifecycleUndefined, G_N_ELEMENTS(virtshLifecycleUndefined) },
    { virtshLifecycleStarted, G_N_ELEMENTS(virtshLifecycleStarted) },
    { virtshLifecycleSuspended, G_N_ELEMENTS(virtshLifecycleSuspended) },
    { virtshLifecycleResumed, G_N_ELEMENTS(virtshLifecycleResumed) },
    { virtshLifecycleStopped, G_N_ELEMENTS(virtshLifecycleStopped) },
    { virtshLifecycleShutdown, G_N_ELEMENTS(virtshLifecycleShutdown) },
    { virtshLifecyclePMSuspended, G_N_ELEMENTS(virtshLifecyclePMSuspended) },
    { virtshLifecycleCrashed, G_N_ELEMENTS(virtshLifecycleCrashed) },
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshLifecycleDetails) == G_N_ELEMENTS(virtshLifecycleEvents));

static int
virtshEventLifecycle(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int event,
                     int detail, void *opaque)
{
    virtshEventData *data = opaque;
    GString *msg = virtshEventHead(data, dom);
    const char *detail_str = "unknown";

    if (event >= 0 && event < (int)G_N_ELEMENTS(virtshLifecycleDetails))
        detail_str = virtshEnumName(virtshLifecycleDetails[event].names,
                                    virtshLifecycleDetails[event].n, detail, "unknown");
    g_string_append_printf(msg, ": %s %s\n", VIRTSH_ENUM(virtshLifecycleEvents, event),
                           detail_str);
    virtshEventDone1(data, msg);
    return 0;
}


/* ---- the other event types ------------------------------------------ */

/* reboot, control-error and the power management ones: no details. */
static void
virtshEventGeneric(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_c(msg, '\n');
    virtshEventDone1(opaque, msg);
}

static void
virtshEventPM(virConnectPtr conn, virDomainPtr dom, int reason G_GNUC_UNUSED, void *opaque)
{
    virtshEventGeneric(conn, dom, opaque);
}

static void
virtshEventRTCChange(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, long long offset,
                     void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ": %lld\n", offset);
    virtshEventDone1(opaque, msg);
}

static const char *const virtshWatchdogActions[] = {
    "none", "pause", "reset", "poweroff", "shutdown", "debug", "inject-nmi",
};

static void
virtshEventWatchdog(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int action,
                    void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ": %s\n", VIRTSH_ENUM(virtshWatchdogActions, action));
    virtshEventDone1(opaque, msg);
}

static const char *const virtshIOErrorActions[] = { "none", "pause", "report" };

/* io-error-reason prints under the name io-error, as virsh does. */
static void
virtshEventIOErrorPrint(virtshEventData *data, virDomainPtr dom, const char *path,
                        const char *alias, int action, const char *reason)
{
    GString *msg = g_string_new(NULL);

    g_string_printf(msg, "event 'io-error' for domain '%s': %s (%s) %s",
                    virDomainGetName(dom), path, alias,
                    VIRTSH_ENUM(virtshIOErrorActions, action));
    if (reason)
        g_string_append_printf(msg, " due to %s", reason);
    g_string_append_c(msg, '\n');
    virtshEventDone1(data, msg);
}

static void
virtshEventIOError(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *path,
                   const char *alias, int action, void *opaque)
{
    virtshEventIOErrorPrint(opaque, dom, path, alias, action, NULL);
}

static void
virtshEventIOErrorReason(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                         const char *path, const char *alias, int action,
                         const char *reason, void *opaque)
{
    virtshEventIOErrorPrint(opaque, dom, path, alias, action, reason);
}

static const char *const virtshGraphicsPhases[] = { "connect", "initialize", "disconnect" };
static const char *const virtshGraphicsFamilies[] = { "IPv4", "IPv6", "unix" };

static void
virtshEventGraphics(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int phase,
                    const virtshGraphicsAddress *local, const virtshGraphicsAddress *remote,
                    const char *scheme, const virtshGraphicsSubject *subject, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);
    int i;

    g_string_append_printf(msg, ": %s local[%s %s %s] remote[%s %s %s] %s\n",
                           VIRTSH_ENUM(virtshGraphicsPhases, phase),
                           VIRTSH_ENUM(virtshGraphicsFamilies, local->family),
                           local->node, local->service,
                           VIRTSH_ENUM(virtshGraphicsFamilies, remote->family),
                           remote->node, remote->service, scheme);
    for (i = 0; i < subject->nidentity; i++)
        g_string_append_printf(msg, "\t%s=%s\n", subject->identities[i].type,
                               subject->identities[i].name);
    virtshEventDone1(opaque, msg);
}

static const char *const virtshBlockJobTypes[] = {
    "Unknown job", "Block Pull", "Block Copy", "Block Commit", "Active Block Commit", "Backup",
};
static const char *const virtshBlockJobStatuses[] = { "completed", "failed", "canceled", "ready" };

static void
virtshEventBlockJob(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *disk,
                    int type, int status, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ": %s for %s %s\n",
                           VIRTSH_ENUM_OR(virtshBlockJobTypes, type, "Unknown job"), disk,
                           VIRTSH_ENUM(virtshBlockJobStatuses, status));
    virtshEventDone1(opaque, msg);
}

static const char *const virtshDiskChangeReasons[] = { "changed", "dropped" };

static void
virtshEventDiskChange(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *old_src,
                      const char *new_src, const char *alias, int reason, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, " disk %s: %s -> %s: %s\n", alias,
                           old_src ? old_src : "<null>", new_src ? new_src : "<null>",
                           VIRTSH_ENUM(virtshDiskChangeReasons, reason));
    virtshEventDone1(opaque, msg);
}

static const char *const virtshTrayChangeReasons[] = { "opened", "closed" };

static void
virtshEventTrayChange(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *alias,
                      int reason, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, " disk %s: %s\n", alias,
                           VIRTSH_ENUM(virtshTrayChangeReasons, reason));
    virtshEventDone1(opaque, msg);
}

static void
virtshEventBalloonChange(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                         unsigned long long actual, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ": %lluKiB\n", actual);
    virtshEventDone1(opaque, msg);
}

/* device-added, device-removed, device-removal-failed. */
static void
virtshEventDevice(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *alias,
                  void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ": %s\n", alias);
    virtshEventDone1(opaque, msg);
}

/* Typed parameters as "\tfield: value" lines (tunable, job-completed). */
enum {
    VIRTSH_PARAM_INT = 1,
    VIRTSH_PARAM_UINT,
    VIRTSH_PARAM_LLONG,
    VIRTSH_PARAM_ULLONG,
    VIRTSH_PARAM_DOUBLE,
    VIRTSH_PARAM_BOOLEAN,
    VIRTSH_PARAM_STRING,
};

static void
virtshEventParams(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                  virtshTypedParam *params, int nparams, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);
    int i;

    g_string_append(msg, ":\n");
    for (i = 0; i < nparams; i++) {
        const virtshTypedParam *p = &params[i];

        switch (p->type) {
        case VIRTSH_PARAM_INT:
            g_string_append_printf(msg, "\t%s: %d\n", p->field, p->value.i);
            break;
        case VIRTSH_PARAM_UINT:
            g_string_append_printf(msg, "\t%s: %u\n", p->field, p->value.ui);
            break;
        case VIRTSH_PARAM_LLONG:
            g_string_append_printf(msg, "\t%s: %lld\n", p->field, p->value.l);
            break;
        case VIRTSH_PARAM_ULLONG:
            g_string_append_printf(msg, "\t%s: %llu\n", p->field, p->value.ul);
            break;
        case VIRTSH_PARAM_DOUBLE:
            g_string_append_printf(msg, "\t%s: %g\n", p->field, p->value.d);
            break;
        case VIRTSH_PARAM_BOOLEAN:
            g_string_append_printf(msg, "\t%s: %s\n", p->field, p->value.b ? "yes" : "no");
            break;
        case VIRTSH_PARAM_STRING:
            g_string_append_printf(msg, "\t%s: %s\n", p->field, p->value.s);
            break;
        default:
            break;
        }
    }
    virtshEventDone1(opaque, msg);
}

static const char *const virtshAgentStates[] = { "unknown", "connected", "disconnected" };
static const char *const virtshAgentReasons[] = { "unknown", "domain started", "channel event" };

static void
virtshEventAgentLifecycle(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int state,
                          int reason, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ": state: '%s' reason: '%s'\n",
                           VIRTSH_ENUM_OR(virtshAgentStates, state, "unsupported value"),
                           VIRTSH_ENUM_OR(virtshAgentReasons, reason, "unsupported value"));
    virtshEventDone1(opaque, msg);
}

static void
virtshEventMigrationIteration(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                              int iteration, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ": iteration: '%d'\n", iteration);
    virtshEventDone1(opaque, msg);
}

static const char *const virtshMetadataTypes[] = { "description", "title", "element" };

static void
virtshEventMetadataChange(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int type,
                          const char *nsuri, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ": type %s, uri %s\n",
                           VIRTSH_ENUM_OR(virtshMetadataTypes, type, "unsupported value"),
                           nsuri ? nsuri : "<null>");
    virtshEventDone1(opaque, msg);
}

static void
virtshEventBlockThreshold(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *dev,
                          const char *path, unsigned long long threshold,
                          unsigned long long excess, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ": dev: %s(%s) %llu %llu\n", dev, path ? path : "<null>",
                           threshold, excess);
    virtshEventDone1(opaque, msg);
}

static const char *const virtshMemoryFailureRecipients[] = { "hypervisor", "guest" };
static const char *const virtshMemoryFailureActions[] = { "ignore", "inject", "fatal", "reset" };

static void
virtshEventMemoryFailure(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int recipient,
                         int action, unsigned int flags, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ":\nrecipient: %s\naction: %s\n",
                           VIRTSH_ENUM_OR(virtshMemoryFailureRecipients, recipient,
                                          "unsupported value"),
                           VIRTSH_ENUM_OR(virtshMemoryFailureActions, action,
                                          "unsupported value"));
    /* Bit 0: the guest must act; bit 1: a failure while handling one. */
    g_string_append_printf(msg, "flags:\n\taction required: %d\n\trecursive: %d\n",
                           !!(flags & 1), !!(flags & 2));
    virtshEventDone1(opaque, msg);
}

static void
virtshEventMemoryDeviceSizeChange(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                                  const char *alias, unsigned long long size, void *opaque)
{
    GString *msg = virtshEventHead(opaque, dom);

    g_string_append_printf(msg, ":\nalias: %s\nsize: %llu\n", alias, size);
    virtshEventDone1(opaque, msg);
}


#define VIRTSH_CB(fn) VIR_DOMAIN_EVENT_CALLBACK(fn)

/* In libvirt's event ID order: the index is the ID. */
static const virtshEventType virtshEventTypes[] = {
    { "lifecycle", VIRTSH_CB(virtshEventLifecycle) },
    { "reboot", virtshEventGeneric },
    { "rtc-change", VIRTSH_CB(virtshEventRTCChange) },
    { "watchdog", VIRTSH_CB(virtshEventWatchdog) },
    { "io-error", VIRTSH_CB(virtshEventIOError) },
    { "graphics", VIRTSH_CB(virtshEventGraphics) },
    { "io-error-reason", VIRTSH_CB(virtshEventIOErrorReason) },
    { "control-error", virtshEventGeneric },
    { "block-job", VIRTSH_CB(virtshEventBlockJob) },
    { "disk-change", VIRTSH_CB(virtshEventDiskChange) },
    { "tray-change", VIRTSH_CB(virtshEventTrayChange) },
    { "pm-wakeup", VIRTSH_CB(virtshEventPM) },
    { "pm-suspend", VIRTSH_CB(virtshEventPM) },
    { "balloon-change", VIRTSH_CB(virtshEventBalloonChange) },
    { "pm-suspend-disk", VIRTSH_CB(virtshEventPM) },
    { "device-removed", VIRTSH_CB(virtshEventDevice) },
    { "block-job-2", VIRTSH_CB(virtshEventBlockJob) },
    { "tunable", VIRTSH_CB(virtshEventParams) },
    { "agent-lifecycle", VIRTSH_CB(virtshEventAgentLifecycle) },
    { "device-added", VIRTSH_CB(virtshEventDevice) },
    { "migration-iteration", VIRTSH_CB(virtshEventMigrationIteration) },
    { "job-completed", VIRTSH_CB(virtshEventParams) },
    { "device-removal-failed", VIRTSH_CB(virtshEventDevice) },
    { "metadata-change", VIRTSH_CB(virtshEventMetadataChange) },
    { "block-threshold", VIRTSH_CB(virtshEventBlockThreshold) },
    { "memory-failure", VIRTSH_CB(virtshEventMemoryFailure) },
    { "memory-device-size-change", VIRTSH_CB(virtshEventMemoryDeviceSizeChange) },
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventTypes) == VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1);


const char *
virtshEventTypeName(size_t i)
{
    return i < G_N_ELEMENTS(virtshEventTypes) ? virtshEventTypes[i].name : NULL;
}


static bool
cmdEvent(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree virtshEventData *data = NULL;
    const char *event_name = NULL;
    bool all = virtshOptBool(cmd, "all");
    int timeout = 0;
    int count = 0;
    size_t ndata = 0;
    size_t i;
    bool ret = false;

    if (!virtshOptExclusive(ctl, cmd, "all", "event") ||
        !virtshOptExclusive(ctl, cmd, "list", "all") ||
        !virtshOptExclusive(ctl, cmd, "list", "event"))
        return false;

    if (virtshOptBool(cmd, "list")) {
        for (i = 0; i < G_N_ELEMENTS(virtshEventTypes); i++)
            virtshPrint(ctl, "%s\n", virtshEventTypes[i].name);
        return true;
    }

    if (virtshOptString(ctl, cmd, "event", &event_name) < 0)
        return false;
    if (!event_name && !all) {
        virtshError(ctl, "%s", "one of --list, --all, or --event <type> is required");
        return false;
    }

    data = g_new0(virtshEventData, G_N_ELEMENTS(virtshEventTypes));
    for (i = 0; i < G_N_ELEMENTS(virtshEventTypes); i++) {
        if (event_name && strcmp(event_name, virtshEventTypes[i].name) != 0)
            continue;
        data[ndata].ctl = ctl;
        data[ndata].type = &virtshEventTypes[i];
        data[ndata].loop = virtshOptBool(cmd, "loop");
        data[ndata].timestamp = virtshOptBool(cmd, "timestamp");
        data[ndata].count = &count;
        data[ndata].id = -1;
        ndata++;
    }
    if (ndata == 0) {
        virtshError(ctl, "unknown event type %s", event_name);
        return false;
    }

    if (virtshOptTimeoutMs(ctl, cmd, &timeout) < 0)
        return false;
    if (virtshOptBool(cmd, "domain") && !(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    if (virtshEventStart(ctl, timeout) < 0)
        goto cleanup;

    for (i = 0; i < ndata; i++) {
        int id = data[i].type - virtshEventTypes;

        data[i].id = virConnectDomainEventRegisterAny(ctl->conn, dom, id, data[i].type->cb,
                                                      &data[i], NULL);
        if (data[i].id < 0) {
            /* With --all, a server that knows fewer event types than we
             * do is fine as long as it took the first. */
            if (i == 0)
                goto cleanup;
            virtshResetLibvirtError(ctl);
        }
    }

    switch (virtshEventWait(ctl)) {
    case VIRTSH_EVENT_INTERRUPT:
        virtshPrint(ctl, "%s", "event loop interrupted\n");
        break;
    case VIRTSH_EVENT_TIMEOUT:
        virtshPrint(ctl, "%s", "event loop timed out\n");
        break;
    case VIRTSH_EVENT_DONE:
        break;
    case VIRTSH_EVENT_ERROR:
    default:
        goto cleanup;
    }
    virtshPrint(ctl, "events received: %d\n", count);
    ret = count > 0;

 cleanup:
    virtshEventCleanup(ctl);
    for (i = 0; i < ndata; i++) {
        if (data[i].id >= 0 && virConnectDomainEventDeregisterAny(ctl->conn, data[i].id) < 0)
            ret = false;
    }
    return ret;
}


static const virtshOptDef virtshOptsEvent[] = {
    { "domain", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_DOMAIN,
      "only events of this domain (name, id or UUID)" },
    { "event", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_EVENT,
      "the event type to wait for (see --list)" },
    { "all", VIRTSH_OT_BOOL, 0, VIRTSH_COMPLETE_NONE, "wait for events of every type" },
    { "loop", VIRTSH_OT_BOOL, 0, VIRTSH_COMPLETE_NONE,
      "keep printing events until the timeout or Ctrl-C" },
    { "timeout", VIRTSH_OT_INT, 0, VIRTSH_COMPLETE_NONE, "give up after this many seconds" },
    { "list", VIRTSH_OT_BOOL, 0, VIRTSH_COMPLETE_NONE, "print the event types and exit" },
    { "timestamp", VIRTSH_OT_BOOL, 0, VIRTSH_COMPLETE_NONE,
      "start each event line with the time it arrived" },
    { NULL }
};

const virtshCmdDef virtshDomainEventCmds[] = {
    { "event", cmdEvent, virtshOptsEvent,
      "wait for domain events",
      "Prints domain events as they arrive: the first one, or with --loop all until "
      "the timeout expires or Ctrl-C is pressed. Succeeds if any event arrived.", 0 },
    { NULL }
};
