/* virtsh: domain commands, both the ones that change a domain and the
 * ones that only look at it, and the lookup and state helpers they share. */
#include "virtsh.h"
#include "virtsh-table.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
virtshDomainFree(virtshDomain *dom)
{
    if (dom)
        virDomainFree(dom);
}


/* ---- lookup --------------------------------------------------------- */

/* A domain id as virsh accepts it: a whole decimal int, not negative. */
static bool
virtshParseDomainID(const char *str, int *id)
{
    char *end = NULL;
    long v;

    errno = 0;
    v = strtol(str, &end, 10);
    if (end == str || *end || errno || v < 0 || v > INT_MAX)
        return false;
    *id = v;
    return true;
}


virDomainPtr
virtshCommandOptDomainBy(virtshControl *ctl, const virtshCmd *cmd,
                         const char **name, unsigned int flags)
{
    virDomainPtr dom = NULL;
    const char *n = NULL;
    int id;

    if (virtshOptString(ctl, cmd, "domain", &n) <= 0)
        return NULL;
    if (name)
        *name = n;

    if ((flags & VIRTSH_BYID) && virtshParseDomainID(n, &id)) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <domain> trying as domain ID\n", cmd->def->name);
        dom = virDomainLookupByID(ctl->conn, id);
    }
    if (!dom && (flags & VIRTSH_BYUUID) && strlen(n) == VIR_UUID_STRING_BUFLEN - 1) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <domain> trying as domain UUID\n", cmd->def->name);
        dom = virDomainLookupByUUIDString(ctl->conn, n);
    }
    if (!dom && (flags & VIRTSH_BYNAME)) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <domain> trying as domain NAME\n", cmd->def->name);
        dom = virDomainLookupByName(ctl->conn, n);
    }

    /* The failed attempts' "not found" would only repeat this. */
    virtshResetLibvirtError(ctl);
    if (!dom)
        virtshError(ctl, "failed to get domain '%s'", n);
    return dom;
}


/* ---- states --------------------------------------------------------- */

static const char *const virtshStateNames[] = {
    "no state", "running", "idle", "paused", "in shutdown", "shut off", "crashed",
    "pmsuspended",
};

static const char *const virtshReasonNostate[] = { "unknown" };
static const char *const virtshReasonRunning[] = {
    "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
    "migration canceled", "save canceled", "event wakeup", "crashed", "post-copy",
    "post-copy failed",
};
static const char *const virtshReasonBlocked[] = { "unknown" };
static const char *const virtshReasonPaused[] = {
    "unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog",
    "from snapshot", "shutting down", "creating snapshot", "crashed", "starting up",
    "post-copy", "post-copy failed", "api error",
};
static const char *const virtshReasonShutdown[] = { "unknown", "user" };
static const char *const virtshReasonShutoff[] = {
    "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
    "from snapshot", "daemon",
};
static const char *const virtshReasonCrashed[] = { "unknown", "panicked" };
static const char *const virtshReasonPMSuspended[] = { "unknown" };

/* Indexed by state. */
static const struct {
    const char *const *names;
    size_t n;
} virtshStateReasons[] = {
    { virtshReasonNostate, G_N_ELEMENTS(virtshReasonNostate) },
    { virtshReasonRunning, G_N_ELEMENTS(virtshReasonRunning) },
    { virtshReasonBlocked, G_N_ELEMENTS(virtshReasonBlocked) },
    { virtshReasonPaused, G_N_ELEMENTS(virtshReasonPaused) },
    { virtshReasonShutdown, G_N_ELEMENTS(virtshReasonShutdown) },
    { virtshReasonShutoff, G_N_ELEMENTS(virtshReasonShutoff) },
    { virtshReasonCrashed, G_N_ELEMENTS(virtshReasonCrashed) },
    { virtshReasonPMSuspended, G_N_ELEMENTS(virtshReasonPMSuspended) },
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshStateReasons) == G_N_ELEMENTS(virtshStateNames));


const char *
virtshDomainStateToString(int state)
{
    if (state < 0 || state >= (int)G_N_ELEMENTS(virtshStateNames))
        return "no state";
    return virtshStateNames[state];
}


const char *
virtshDomainStateReasonToString(int state, int reason)
{
    if (state < 0 || state >= (int)G_N_ELEMENTS(virtshStateReasons) ||
        reason < 0 || reason >= (int)virtshStateReasons[state].n)
        return "unknown";
    return virtshStateReasons[state].names[reason];
}


int
virtshDomainState(virtshControl *ctl, virDomainPtr dom, int *reason)
{
    virDomainInfo info;
    int state;

    if (virDomainGetState(dom, &state, reason, 0) == 0)
        return state;
    if (virtshLastErrorCode(ctl) != VIR_ERR_NO_SUPPORT)
        return -1;

    /* Older servers only know the state through the info call. */
    virtshResetLibvirtError(ctl);
    if (reason)
        *reason = 0;
    if (virDomainGetInfo(dom, &info) < 0)
        return -1;
    return info.state;
}


/* ---- lifecycle ------------------------------------------------------ */

static bool
cmdAutostart(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *name;
    bool enable = !virtshOptBool(cmd, "disable");

    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;

    if (virDomainSetAutostart(dom, enable) < 0) {
        virtshError(ctl, enable ? "Failed to mark domain '%s' as autostarted"
                                : "Failed to unmark domain '%s' as autostarted", name);
        return false;
    }
    virtshPrintExtra(ctl, enable ? "Domain '%s' marked as autostarted\n"
                                 : "Domain '%s' unmarked as autostarted\n", name);
    return true;
}


/* The console of a domain that was just started or created, or of one
 * named by the console command: refused for shut-off domains and without
 * a terminal, as the session would be useless. */
static bool
virtshAttachConsole(virtshControl *ctl, virDomainPtr dom, const char *devname,
                    unsigned int flags)
{
    int state;

    if ((state = virtshDomainState(ctl, dom, NULL)) < 0) {
        virtshError(ctl, "%s", "Unable to get domain status");
        return false;
    }
    if (state == VIR_DOMAIN_SHUTOFF) {
        virtshError(ctl, "%s", "The domain is not running");
        return false;
    }
    if (!ctl->istty) {
        virtshError(ctl, "%s", "Cannot run interactive console without a controlling TTY");
        return false;
    }

    virtshPrintExtra(ctl, "Connected to domain '%s'\n", virDomainGetName(dom));
    virtshPrintExtra(ctl, "Escape character is %s", ctl->escape);
    if (ctl->escape[0] == '^')
        virtshPrintExtra(ctl, " (Ctrl + %c)", ctl->escape[1]);
    virtshPrintExtra(ctl, "\n");
    fflush(stdout);
    return virtshRunConsole(ctl, dom, devname, flags);
}


static bool
cmdConsole(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *devname = NULL;
    unsigned int flags = 0;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (virtshOptString(ctl, cmd, "devname", &devname) < 0)
        return false;
    if (virtshOptBool(cmd, "force"))
        flags |= VIR_DOMAIN_CONSOLE_FORCE;
    if (virtshOptBool(cmd, "safe"))
        flags |= VIR_DOMAIN_CONSOLE_SAFE;
    return virtshAttachConsole(ctl, dom, devname, flags);
}


/* Boolean options that map one to one onto API flags. */
typedef struct {
    const char *opt;
    unsigned int flag;
} virtshFlagOpt;

static unsigned int
virtshFlagsFromOpts(const virtshCmd *cmd, const virtshFlagOpt *map)
{
    unsigned int flags = 0;

    for (; map->opt; map++) {
        if (virtshOptBool(cmd, map->opt))
            flags |= map->flag;
    }
    return flags;
}


static const virtshFlagOpt virtshCreateFlags[] = {
    { "paused", VIR_DOMAIN_START_PAUSED },
    { "autodestroy", VIR_DOMAIN_START_AUTODESTROY },
    { "validate", VIR_DOMAIN_START_VALIDATE },
    { "reset-nvram", VIR_DOMAIN_START_RESET_NVRAM },
    { NULL, 0 }
};

static bool
cmdCreate(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;

    if (virtshOptString(ctl, cmd, "file", &from) <= 0)
        return false;
    if (!(xml = virtshReadFile(ctl, from)))
        return false;

    dom = virDomainCreateXML(ctl->conn, xml, virtshFlagsFromOpts(cmd, virtshCreateFlags));
    if (!dom) {
        virtshError(ctl, "Failed to create domain from %s", from);
        return false;
    }
    virtshPrintExtra(ctl, "Domain '%s' created from %s\n", virDomainGetName(dom), from);
    if (virtshOptBool(cmd, "console"))
        return virtshAttachConsole(ctl, dom, NULL, 0);
    return true;
}


static bool
cmdDefine(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;

    if (virtshOptString(ctl, cmd, "file", &from) <= 0)
        return false;
    if (!(xml = virtshReadFile(ctl, from)))
        return false;

    if (virtshOptBool(cmd, "validate"))
        dom = virDomainDefineXMLFlags(ctl->conn, xml, VIR_DOMAIN_DEFINE_VALIDATE);
    else
        dom = virDomainDefineXML(ctl->conn, xml);
    if (!dom) {
        virtshError(ctl, "Failed to define domain from %s", from);
        return false;
    }
    virtshPrintExtra(ctl, "Domain '%s' defined from %s\n", virDomainGetName(dom), from);
    return true;
}


static const virtshFlagOpt virtshDestroyFlags[] = {
    { "graceful", VIR_DOMAIN_DESTROY_GRACEFUL },
    { "remove-logs", VIR_DOMAIN_DESTROY_REMOVE_LOGS },
    { NULL, 0 }
};

static bool
cmdDestroy(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    unsigned int flags = virtshFlagsFromOpts(cmd, virtshDestroyFlags);
    const char *name;
    int rc;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;

    /* The flag-less call reaches servers that predate the flags. */
    rc = flags ? virDomainDestroyFlags(dom, flags) : virDomainDestroy(dom);
    if (rc < 0) {
        virtshError(ctl, "Failed to destroy domain '%s'", name);
        return false;
    }
    virtshPrintExtra(ctl, "Domain '%s' destroyed\n", name);
    return true;
}


/* --mode of shutdown and reboot: a comma separated list. The two APIs
 * number their modes alike. */
static const struct {
    const char *name;
    unsigned int flag;
} virtshShutdownModes[] = {
    { "acpi", VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN },
    { "agent", VIR_DOMAIN_SHUTDOWN_GUEST_AGENT },
    { "initctl", VIR_DOMAIN_SHUTDOWN_INITCTL },
    { "signal", VIR_DOMAIN_SHUTDOWN_SIGNAL },
    { "paravirt", VIR_DOMAIN_SHUTDOWN_PARAVIRT },
};

static bool
virtshShutdownModeFlags(virtshControl *ctl, const virtshCmd *cmd, unsigned int *flags)
{
    /* virsh words the two commands' complaint a little differently. */
    const char *expecting = strcmp(cmd->def->name, "shutdown") == 0 ?
        "'acpi', 'agent', 'initctl', 'signal', or 'paravirt'" :
        "'acpi', 'agent', 'initctl', 'signal' or 'paravirt'";
    g_auto(GStrv) modes = NULL;
    const char *mode = NULL;
    size_t i;
    size_t j;

    *flags = 0;
    if (virtshOptString(ctl, cmd, "mode", &mode) < 0)
        return false;
    if (!mode)
        return true;

    modes = g_strsplit(mode, ",", 0);
    for (i = 0; modes[i]; i++) {
        for (j = 0; j < G_N_ELEMENTS(virtshShutdownModes); j++) {
            if (strcmp(modes[i], virtshShutdownModes[j].name) == 0)
                break;
        }
        if (j == G_N_ELEMENTS(virtshShutdownModes)) {
            virtshError(ctl, "Unknown mode %s value, expecting %s", modes[i], expecting);
            return false;
        }
        *flags |= virtshShutdownModes[j].flag;
    }
    return true;
}


static bool
cmdShutdown(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *name;
    unsigned int flags;
    int rc;

    if (!virtshShutdownModeFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;

    rc = flags ? virDomainShutdownFlags(dom, flags) : virDomainShutdown(dom);
    if (rc < 0) {
        virtshError(ctl, "Failed to shutdown domain '%s'", name);
        return false;
    }
    virtshPrintExtra(ctl, "Domain '%s' is being shutdown\n", name);
    return true;
}


static bool
cmdReboot(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *name;
    unsigned int flags;

    if (!virtshShutdownModeFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;

    if (virDomainReboot(dom, flags) < 0) {
        virtshError(ctl, "Failed to reboot domain '%s'", name);
        return false;
    }
    virtshPrintExtra(ctl, "Domain '%s' is being rebooted\n", name);
    return true;
}


/* reset, suspend and resume: one call, one message each way. */
typedef struct {
    const char *name;
    int (*call)(virDomainPtr dom);
    const char *done;
    const char *failed;
} virtshSimpleAction;

static int
virtshDomainResetNoFlags(virDomainPtr dom)
{
    return virDomainReset(dom, 0);
}

static const virtshSimpleAction virtshSimpleActions[] = {
    { "reset", virtshDomainResetNoFlags, "Domain '%s' was reset\n", "Failed to reset domain '%s'" },
    { "resume", virDomainResume, "Domain '%s' resumed\n", "Failed to resume domain '%s'" },
    { "suspend", virDomainSuspend, "Domain '%s' suspended\n", "Failed to suspend domain '%s'" },
};

static bool
cmdSimpleAction(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const virtshSimpleAction *action = NULL;
    const char *name;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virtshSimpleActions); i++) {
        if (strcmp(virtshSimpleActions[i].name, cmd->def->name) == 0)
            action = &virtshSimpleActions[i];
    }
    g_assert(action);

    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (action->call(dom) < 0) {
        virtshError(ctl, action->failed, name);
        return false;
    }
    virtshPrintExtra(ctl, action->done, name);
    return true;
}


static const virtshFlagOpt virtshStartFlags[] = {
    { "paused", VIR_DOMAIN_START_PAUSED },
    { "autodestroy", VIR_DOMAIN_START_AUTODESTROY },
    { "bypass-cache", VIR_DOMAIN_START_BYPASS_CACHE },
    { "force-boot", VIR_DOMAIN_START_FORCE_BOOT },
    { "reset-nvram", VIR_DOMAIN_START_RESET_NVRAM },
    { NULL, 0 }
};

static bool
cmdStart(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    unsigned int flags = virtshFlagsFromOpts(cmd, virtshStartFlags);
    int rc;

    /* Only an inactive domain can start, and those have no id. */
    if (!(dom = virtshCommandOptDomainBy(ctl, cmd, NULL, VIRTSH_BYNAME | VIRTSH_BYUUID)))
        return false;
    if (virDomainGetID(dom) != (unsigned int)-1) {
        virtshError(ctl, "%s", "Domain is already active");
        return false;
    }

    /* The flag-less call reaches servers that predate the flags. */
    rc = flags ? virDomainCreateWithFlags(dom, flags) : virDomainCreate(dom);
    if (rc < 0) {
        virtshError(ctl, "Failed to start domain '%s'", virDomainGetName(dom));
        return false;
    }
    virtshPrintExtra(ctl, "Domain '%s' started\n", virDomainGetName(dom));
    if (virtshOptBool(cmd, "console"))
        return virtshAttachConsole(ctl, dom, NULL, 0);
    return true;
}


static const virtshFlagOpt virtshUndefineFlags[] = {
    { "managed-save", VIR_DOMAIN_UNDEFINE_MANAGED_SAVE },
    { "snapshots-metadata", VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA },
    { "checkpoints-metadata", VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA },
    { "nvram", VIR_DOMAIN_UNDEFINE_NVRAM },
    { "keep-nvram", VIR_DOMAIN_UNDEFINE_KEEP_NVRAM },
    { "tpm", VIR_DOMAIN_UNDEFINE_TPM },
    { "keep-tpm", VIR_DOMAIN_UNDEFINE_KEEP_TPM },
    { NULL, 0 }
};

static bool
cmdUndefine(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    unsigned int flags = virtshFlagsFromOpts(cmd, virtshUndefineFlags);
    const char *name;
    int rc;

    if (!virtshOptExclusive(ctl, cmd, "nvram", "keep-nvram") ||
        !virtshOptExclusive(ctl, cmd, "tpm", "keep-tpm"))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;

    /* A managed save image would be orphaned: only with --managed-save. */
    if (!(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        rc = virDomainHasManagedSaveImage(dom, 0);
        if (rc < 0) {
            if (virtshLastErrorCode(ctl) != VIR_ERR_NO_SUPPORT) {
                virtshError(ctl, "Failed to undefine domain '%s'", name);
                return false;
            }
            virtshResetLibvirtError(ctl);
        } else if (rc > 0) {
            virtshError(ctl, "%s", "Refusing to undefine while domain managed save image exists");
            return false;
        }
    }

    /* The flags call even without flags, as virsh makes it; the old call
     * only for servers that lack it. */
    rc = virDomainUndefineFlags(dom, flags);
    if (rc < 0 && flags == 0 && virtshLastErrorCode(ctl) == VIR_ERR_NO_SUPPORT) {
        virtshResetLibvirtError(ctl);
        rc = virDomainUndefine(dom);
    }
    if (rc < 0) {
        virtshError(ctl, "Failed to undefine domain '%s'", name);
        return false;
    }
    virtshPrintExtra(ctl, "Domain '%s' has been undefined\n", name);
    return true;
}


/* ---- looking at a domain -------------------------------------------- */

static bool
cmdDomid(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    unsigned int id;

    if (!(dom = virtshCommandOptDomainBy(ctl, cmd, NULL, VIRTSH_BYNAME | VIRTSH_BYUUID)))
        return false;
    id = virDomainGetID(dom);
    if (id == (unsigned int)-1)
        virtshPrint(ctl, "%s\n", "-");
    else
        virtshPrint(ctl, "%u\n", id);
    return true;
}


static bool
cmdDomname(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;

    if (!(dom = virtshCommandOptDomainBy(ctl, cmd, NULL, VIRTSH_BYID | VIRTSH_BYUUID)))
        return false;
    virtshPrint(ctl, "%s\n", virDomainGetName(dom));
    return true;
}


static bool
cmdDomuuid(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(dom = virtshCommandOptDomainBy(ctl, cmd, NULL, VIRTSH_BYID | VIRTSH_BYNAME)))
        return false;
    if (virDomainGetUUIDString(dom, uuid) < 0) {
        virtshError(ctl, "%s", "failed to get domain UUID");
        return false;
    }
    virtshPrint(ctl, "%s\n", uuid);
    return true;
}


static const virtshFlagOpt virtshDumpxmlFlags[] = {
    { "inactive", VIR_DOMAIN_XML_INACTIVE },
    { "security-info", VIR_DOMAIN_XML_SECURE },
    { "update-cpu", VIR_DOMAIN_XML_UPDATE_CPU },
    { "migratable", VIR_DOMAIN_XML_MIGRATABLE },
    { NULL, 0 }
};

static bool
cmdDumpxml(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *xml = NULL;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, virtshFlagsFromOpts(cmd, virtshDumpxmlFlags))))
        return false;
    virtshPrint(ctl, "%s", xml);
    return true;
}


static bool
cmdDominfo(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *ostype = NULL;
    virSecurityModel secmodel;
    virDomainInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int id;
    int persistent;
    int autostart;
    int managed;
    bool ret = true;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    id = virDomainGetID(dom);
    if (id == (unsigned int)-1)
        virtshPrint(ctl, "%-15s %s\n", "Id:", "-");
    else
        virtshPrint(ctl, "%-15s %d\n", "Id:", (int)id);
    virtshPrint(ctl, "%-15s %s\n", "Name:", virDomainGetName(dom));
    if (virDomainGetUUIDString(dom, uuid) == 0)
        virtshPrint(ctl, "%-15s %s\n", "UUID:", uuid);
    if ((ostype = virDomainGetOSType(dom)))
        virtshPrint(ctl, "%-15s %s\n", "OS Type:", ostype);

    if (virDomainGetInfo(dom, &info) == 0) {
        virtshPrint(ctl, "%-15s %s\n", "State:", virtshDomainStateToString(info.state));
        virtshPrint(ctl, "%-15s %d\n", "CPU(s):", info.nrVirtCpu);
        if (info.cpuTime != 0)
            virtshPrint(ctl, "%-15s %.1lfs\n", "CPU time:", info.cpuTime / 1000000000.0);
        if (info.maxMem != UINT_MAX)
            virtshPrint(ctl, "%-15s %lu KiB\n", "Max memory:", info.maxMem);
        else
            virtshPrint(ctl, "%-15s %s\n", "Max memory:", "no limit");
        virtshPrint(ctl, "%-15s %lu KiB\n", "Used memory:", info.memory);
    } else {
        ret = false;
    }

    persistent = virDomainIsPersistent(dom);
    virtshPrint(ctl, "%-15s %s\n", "Persistent:",
                persistent < 0 ? "unknown" : persistent ? "yes" : "no");

    if (virDomainGetAutostart(dom, &autostart) == 0)
        virtshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "enable" : "disable");

    managed = virDomainHasManagedSaveImage(dom, 0);
    virtshPrint(ctl, "%-15s %s\n", "Managed save:",
                managed < 0 ? "unknown" : managed ? "yes" : "no");

    memset(&secmodel, 0, sizeof(secmodel));
    if (virNodeGetSecurityModel(ctl->conn, &secmodel) < 0) {
        if (virtshLastErrorCode(ctl) != VIR_ERR_NO_SUPPORT)
            return false;
        virtshResetLibvirtError(ctl);
    } else if (secmodel.model[0]) {
        /* The domain's own label needs an API virtsh does not use yet,
         * so only the host's model is shown. */
        virtshPrint(ctl, "%-15s %s\n", "Security model:", secmodel.model);
        virtshPrint(ctl, "%-15s %s\n", "Security DOI:", secmodel.doi);
    }
    return ret;
}


static bool
cmdDomstate(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    int state;
    int reason;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((state = virtshDomainState(ctl, dom, &reason)) < 0)
        return false;

    if (virtshOptBool(cmd, "reason"))
        virtshPrint(ctl, "%s (%s)\n", virtshDomainStateToString(state),
                    virtshDomainStateReasonToString(state, reason));
    else
        virtshPrint(ctl, "%s\n", virtshDomainStateToString(state));
    return true;
}


/* ---- list ----------------------------------------------------------- */

/* Running domains by id, then the inactive ones by name. */
static int
virtshDomainSorter(const void *a, const void *b)
{
    virDomainPtr da = *(virDomainPtr const *)a;
    virDomainPtr db = *(virDomainPtr const *)b;
    unsigned int ida = virDomainGetID(da);
    unsigned int idb = virDomainGetID(db);
    unsigned int inactive = (unsigned int)-1;

    if (ida == inactive && idb == inactive)
        return g_ascii_strcasecmp(virDomainGetName(da), virDomainGetName(db));
    if (ida != inactive && idb != inactive)
        return ida < idb ? -1 : ida > idb;
    return ida != inactive ? -1 : 1;
}


/* The <title> of a domain's XML, "" if none. */
typedef struct {
    int depth;
    bool in_title;
    GString *title;
} virtshTitleParser;

static void
virtshTitleStart(GMarkupParseContext *context G_GNUC_UNUSED, const char *element,
                 const char **names G_GNUC_UNUSED, const char **values G_GNUC_UNUSED,
                 gpointer opaque, GError **error G_GNUC_UNUSED)
{
    virtshTitleParser *p = opaque;

    p->depth++;
    if (p->depth == 2 && strcmp(element, "title") == 0 && !p->title) {
        p->in_title = true;
        p->title = g_string_new(NULL);
    }
}

static void
virtshTitleEnd(GMarkupParseContext *context G_GNUC_UNUSED, const char *element G_GNUC_UNUSED,
               gpointer opaque, GError **error G_GNUC_UNUSED)
{
    virtshTitleParser *p = opaque;

    if (p->depth == 2)
        p->in_title = false;
    p->depth--;
}

static void
virtshTitleText(GMarkupParseContext *context G_GNUC_UNUSED, const char *text, gsize len,
                gpointer opaque, GError **error G_GNUC_UNUSED)
{
    virtshTitleParser *p = opaque;

    if (p->in_title)
        g_string_append_len(p->title, text, len);
}

static char *
virtshDomainTitle(virDomainPtr dom)
{
    static const GMarkupParser parser = {
        virtshTitleStart, virtshTitleEnd, virtshTitleText, NULL, NULL
    };
    virtshTitleParser p = { 0 };
    g_autoptr(GMarkupParseContext) context = NULL;
    g_autofree char *xml = NULL;

    if (!(xml = virDomainGetXMLDesc(dom, 0)))
        return NULL;
    context = g_markup_parse_context_new(&parser, 0, &p, NULL);
    g_markup_parse_context_parse(context, xml, -1, NULL);
    return p.title ? g_string_free(p.title, FALSE) : g_strdup("");
}


static const virtshFlagOpt virtshListFilters[] = {
    { "persistent", VIR_CONNECT_LIST_DOMAINS_PERSISTENT },
    { "transient", VIR_CONNECT_LIST_DOMAINS_TRANSIENT },
    { "with-managed-save", VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE },
    { "without-managed-save", VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE },
    { "autostart", VIR_CONNECT_LIST_DOMAINS_AUTOSTART },
    { "no-autostart", VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART },
    { "with-snapshot", VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT },
    { "without-snapshot", VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT },
    { "with-checkpoint", VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT },
    { "without-checkpoint", VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT },
    { "state-running", VIR_CONNECT_LIST_DOMAINS_RUNNING },
    { "state-paused", VIR_CONNECT_LIST_DOMAINS_PAUSED },
    { "state-shutoff", VIR_CONNECT_LIST_DOMAINS_SHUTOFF },
    { "state-other", VIR_CONNECT_LIST_DOMAINS_OTHER },
    { NULL, 0 }
};

static void
virtshDomainListFree(virDomainPtr *doms, int n)
{
    int i;

    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
}


/* One domain as a row of the table; false if it vanished meanwhile. */
static bool
virtshListRow(virtshControl *ctl, virtshTable *table, virDomainPtr dom,
              const char *id, bool managed, bool title)
{
    g_autofree char *text = NULL;
    const char *state_str;
    int state;

    if ((state = virtshDomainState(ctl, dom, NULL)) < 0) {
        virtshResetLibvirtError(ctl);
        return true;
    }
    state_str = virtshDomainStateToString(state);
    if (managed && state == VIR_DOMAIN_SHUTOFF && virDomainHasManagedSaveImage(dom, 0) > 0)
        state_str = "saved";

    if (title) {
        const char *cells[4] = { id, virDomainGetName(dom), state_str, NULL };

        if (!(text = virtshDomainTitle(dom)))
            return false;
        cells[3] = text;
        virtshTableAppend(table, cells);
    } else {
        const char *cells[3] = { id, virDomainGetName(dom), state_str };

        virtshTableAppend(table, cells);
    }
    return true;
}


static bool
cmdList(virtshControl *ctl, const virtshCmd *cmd)
{
    static const char *const header[] = { "Id", "Name", "State", NULL };
    static const char *const header_title[] = { "Id", "Name", "State", "Title", NULL };
    bool opt_table = virtshOptBool(cmd, "table");
    bool opt_uuid = virtshOptBool(cmd, "uuid");
    bool opt_name = virtshOptBool(cmd, "name");
    bool opt_id = virtshOptBool(cmd, "id");
    bool managed = virtshOptBool(cmd, "managed-save");
    bool title = virtshOptBool(cmd, "title");
    unsigned int flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    g_autoptr(virtshTable) table = NULL;
    virDomainPtr *doms = NULL;
    bool ret = false;
    int ndoms;
    int i;

    if (virtshOptBool(cmd, "inactive") || virtshOptBool(cmd, "state-shutoff"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (virtshOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    flags |= virtshFlagsFromOpts(cmd, virtshListFilters);

    if (!virtshOptExclusive(ctl, cmd, "table", "name") ||
        !virtshOptExclusive(ctl, cmd, "table", "uuid") ||
        !virtshOptExclusive(ctl, cmd, "table", "id"))
        return false;
    if (!opt_uuid && !opt_name && !opt_id)
        opt_table = true;

    if ((ndoms = virConnectListAllDomains(ctl->conn, &doms, flags)) < 0) {
        virtshError(ctl, "%s", "Failed to list domains");
        return false;
    }
    if (ndoms > 0)
        qsort(doms, ndoms, sizeof(*doms), virtshDomainSorter);

    if (opt_table)
        table = virtshTableNew(title ? header_title : header);

    for (i = 0; i < ndoms; i++) {
        unsigned int id = virDomainGetID(doms[i]);
        char id_buf[32];
        const char *sep = "";

        if (id == (unsigned int)-1)
            g_strlcpy(id_buf, "-", sizeof(id_buf));
        else
            g_snprintf(id_buf, sizeof(id_buf), "%d", (int)id);

        if (opt_table) {
            if (!virtshListRow(ctl, table, doms[i], id_buf, managed, title))
                goto cleanup;
            continue;
        }

        /* --id alone lists running domains only: others have none. */
        if (opt_id && id == (unsigned int)-1 && !opt_uuid && !opt_name)
            continue;
        if (opt_uuid) {
            char uuid[VIR_UUID_STRING_BUFLEN];

            if (virDomainGetUUIDString(doms[i], uuid) < 0) {
                virtshError(ctl, "%s", "Failed to get domain's UUID");
                goto cleanup;
            }
            virtshPrint(ctl, "%s", uuid);
            sep = " ";
        }
        if (opt_id) {
            virtshPrint(ctl, "%s%s", sep, id_buf);
            sep = " ";
        }
        if (opt_name)
            virtshPrint(ctl, "%s%s", sep, virDomainGetName(doms[i]));
        virtshPrint(ctl, "\n");
    }

    if (opt_table)
        virtshTablePrint(ctl, table);
    ret = true;

 cleanup:
    virtshDomainListFree(doms, ndoms);
    return ret;
}


/* ---- the tables ----------------------------------------------------- */

#define VIRTSH_OPT_DOMAIN(help) \
    { "domain", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_DOMAIN, help }
#define VIRTSH_OPT_FLAG(name, help) \
    { name, VIRTSH_OT_BOOL, 0, VIRTSH_COMPLETE_NONE, help }

static const virtshOptDef virtshOptsDomainOnly[] = {
    VIRTSH_OPT_DOMAIN("the domain, by name, id or UUID"),
    { NULL }
};

static const virtshOptDef virtshOptsAutostart[] = {
    VIRTSH_OPT_DOMAIN("the domain, by name, id or UUID"),
    VIRTSH_OPT_FLAG("disable", "stop starting the domain with the host"),
    { NULL }
};

static const virtshOptDef virtshOptsConsole[] = {
    VIRTSH_OPT_DOMAIN("the domain, by name, id or UUID"),
    { "devname", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NONE,
      "the console or serial device alias (default: the first console)" },
    VIRTSH_OPT_FLAG("force", "take the console over from another session holding it"),
    VIRTSH_OPT_FLAG("safe", "refuse unless the server guarantees exclusive access"),
    { NULL }
};

static const virtshOptDef virtshOptsCreate[] = {
    { "file", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_FILE,
      "the domain XML file" },
    VIRTSH_OPT_FLAG("console", "open the console once the domain runs"),
    VIRTSH_OPT_FLAG("paused", "keep the virtual CPUs stopped after creation"),
    VIRTSH_OPT_FLAG("autodestroy", "destroy the domain when this connection closes"),
    VIRTSH_OPT_FLAG("validate", "check the XML against the schema first"),
    VIRTSH_OPT_FLAG("reset-nvram", "start from a fresh copy of the firmware variables"),
    { NULL }
};

static const virtshOptDef virtshOptsDefine[] = {
    { "file", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_FILE,
      "the domain XML file" },
    VIRTSH_OPT_FLAG("validate", "check the XML against the schema first"),
    { NULL }
};

static const virtshOptDef virtshOptsDestroy[] = {
    VIRTSH_OPT_DOMAIN("the domain, by name, id or UUID"),
    VIRTSH_OPT_FLAG("graceful", "only ask the process to end, never kill it"),
    VIRTSH_OPT_FLAG("remove-logs", "delete the domain's log files as well"),
    { NULL }
};

static const virtshOptDef virtshOptsDumpxml[] = {
    VIRTSH_OPT_DOMAIN("the domain, by name, id or UUID"),
    VIRTSH_OPT_FLAG("inactive", "the persistent definition rather than the live one"),
    VIRTSH_OPT_FLAG("security-info", "include passwords and other secrets"),
    VIRTSH_OPT_FLAG("update-cpu", "spell out the guest CPU as the host provides it"),
    VIRTSH_OPT_FLAG("migratable", "XML another host could take in a migration"),
    { NULL }
};

static const virtshOptDef virtshOptsShutdown[] = {
    VIRTSH_OPT_DOMAIN("the domain, by name, id or UUID"),
    { "mode", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NONE,
      "how to ask the guest, comma separated: acpi, agent, initctl, signal, paravirt" },
    { NULL }
};

static const virtshOptDef virtshOptsStart[] = {
    { "domain", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_DOMAIN,
      "the inactive domain, by name or UUID" },
    VIRTSH_OPT_FLAG("console", "open the console once the domain runs"),
    VIRTSH_OPT_FLAG("paused", "keep the virtual CPUs stopped after start"),
    VIRTSH_OPT_FLAG("autodestroy", "destroy the domain when this connection closes"),
    VIRTSH_OPT_FLAG("bypass-cache", "read a saved image without the host's file cache"),
    VIRTSH_OPT_FLAG("force-boot", "boot afresh even if a managed save image exists"),
    VIRTSH_OPT_FLAG("reset-nvram", "start from a fresh copy of the firmware variables"),
    { NULL }
};

static const virtshOptDef virtshOptsUndefine[] = {
    VIRTSH_OPT_DOMAIN("the domain, by name, id or UUID"),
    VIRTSH_OPT_FLAG("managed-save", "delete the managed save image too"),
    VIRTSH_OPT_FLAG("snapshots-metadata", "drop the snapshot metadata too"),
    VIRTSH_OPT_FLAG("checkpoints-metadata", "drop the checkpoint metadata too"),
    VIRTSH_OPT_FLAG("nvram", "delete the firmware variables file too"),
    VIRTSH_OPT_FLAG("keep-nvram", "keep the firmware variables file"),
    VIRTSH_OPT_FLAG("tpm", "delete the emulated TPM's state too"),
    VIRTSH_OPT_FLAG("keep-tpm", "keep the emulated TPM's state"),
    { NULL }
};

static const virtshOptDef virtshOptsDomid[] = {
    VIRTSH_OPT_DOMAIN("the domain, by name or UUID"),
    { NULL }
};

static const virtshOptDef virtshOptsDomname[] = {
    VIRTSH_OPT_DOMAIN("the domain, by id or UUID"),
    { NULL }
};

static const virtshOptDef virtshOptsDomuuid[] = {
    VIRTSH_OPT_DOMAIN("the domain, by id or name"),
    { NULL }
};

static const virtshOptDef virtshOptsDomstate[] = {
    VIRTSH_OPT_DOMAIN("the domain, by name, id or UUID"),
    VIRTSH_OPT_FLAG("reason", "add why the domain is in that state"),
    { NULL }
};

static const virtshOptDef virtshOptsList[] = {
    VIRTSH_OPT_FLAG("inactive", "only domains that are not running"),
    VIRTSH_OPT_FLAG("all", "running and inactive domains"),
    VIRTSH_OPT_FLAG("transient", "only domains without a persistent definition"),
    VIRTSH_OPT_FLAG("persistent", "only domains with a persistent definition"),
    VIRTSH_OPT_FLAG("with-snapshot", "only domains having snapshots"),
    VIRTSH_OPT_FLAG("without-snapshot", "only domains having no snapshot"),
    VIRTSH_OPT_FLAG("with-checkpoint", "only domains having checkpoints"),
    VIRTSH_OPT_FLAG("without-checkpoint", "only domains having no checkpoint"),
    VIRTSH_OPT_FLAG("state-running", "only running domains"),
    VIRTSH_OPT_FLAG("state-paused", "only paused domains"),
    VIRTSH_OPT_FLAG("state-shutoff", "only shut off domains"),
    VIRTSH_OPT_FLAG("state-other", "only domains in any other state"),
    VIRTSH_OPT_FLAG("autostart", "only domains starting with the host"),
    VIRTSH_OPT_FLAG("no-autostart", "only domains not starting with the host"),
    VIRTSH_OPT_FLAG("with-managed-save", "only domains having a managed save image"),
    VIRTSH_OPT_FLAG("without-managed-save", "only domains having no managed save image"),
    VIRTSH_OPT_FLAG("uuid", "print UUIDs instead of a table"),
    VIRTSH_OPT_FLAG("name", "print names instead of a table"),
    VIRTSH_OPT_FLAG("id", "print ids instead of a table"),
    VIRTSH_OPT_FLAG("table", "print a table (what happens without --uuid, --name, --id)"),
    VIRTSH_OPT_FLAG("managed-save", "show inactive domains with a saved image as 'saved'"),
    VIRTSH_OPT_FLAG("title", "add a column with each domain's title"),
    { NULL }
};

const virtshCmdDef virtshDomainManagementCmds[] = {
    { "autostart", cmdAutostart, virtshOptsAutostart,
      "start a domain with the host",
      "Marks the domain to be started whenever its hypervisor starts, or, with "
      "--disable, no longer.", 0 },
    { "console", cmdConsole, virtshOptsConsole,
      "attach to a domain's console",
      "Connects the terminal to the domain's text console until the escape "
      "character (Ctrl+] unless -e says otherwise) is typed.", 0 },
    { "create", cmdCreate, virtshOptsCreate,
      "start a domain from an XML file, without defining it",
      "Starts a transient domain described by the XML file: it disappears once "
      "it stops.", 0 },
    { "define", cmdDefine, virtshOptsDefine,
      "define a domain from an XML file",
      "Makes the domain described by the XML file known persistently, without "
      "starting it, or updates the definition of an existing one.", 0 },
    { "destroy", cmdDestroy, virtshOptsDestroy,
      "stop a domain at once",
      "Stops the domain immediately, like pulling its power cord. A persistent "
      "domain stays defined.", 0 },
    { "domid", cmdDomid, virtshOptsDomid,
      "print a domain's id",
      "Prints the id of a running domain, or '-' for an inactive one.", 0 },
    { "domname", cmdDomname, virtshOptsDomname,
      "print a domain's name",
      "Prints the name of the domain with the given id or UUID.", 0 },
    { "domuuid", cmdDomuuid, virtshOptsDomuuid,
      "print a domain's UUID",
      "Prints the UUID of the domain with the given id or name.", 0 },
    { "dumpxml", cmdDumpxml, virtshOptsDumpxml,
      "print a domain's XML",
      "Prints the domain's XML description: the live one for a running domain "
      "unless --inactive is given.", 0 },
    { "reboot", cmdReboot, virtshOptsShutdown,
      "ask a domain to reboot",
      "Asks the guest to restart; the guest may take its time or ignore it.", 0 },
    { "reset", cmdSimpleAction, virtshOptsDomainOnly,
      "reset a domain at once",
      "Resets the domain's virtual hardware, like pressing a reset button: the "
      "guest gets no chance to shut down.", 0 },
    { "resume", cmdSimpleAction, virtshOptsDomainOnly,
      "resume a paused domain",
      "Lets the virtual CPUs of a paused domain run again.", 0 },
    { "shutdown", cmdShutdown, virtshOptsShutdown,
      "ask a domain to shut down",
      "Asks the guest to power off; the guest may take its time or ignore it.", 0 },
    { "start", cmdStart, virtshOptsStart,
      "start an inactive domain",
      "Starts a defined domain that is not running, from its managed save image "
      "when it has one.", 0 },
    { "suspend", cmdSimpleAction, virtshOptsDomainOnly,
      "pause a domain",
      "Stops the domain's virtual CPUs; its memory stays allocated until it is "
      "resumed or destroyed.", 0 },
    { "undefine", cmdUndefine, virtshOptsUndefine,
      "remove a domain's definition",
      "Removes the persistent definition of the domain. A running domain keeps "
      "running, as a transient one.", 0 },
    { NULL }
};

const virtshCmdDef virtshDomainMonitorCmds[] = {
    { "dominfo", cmdDominfo, virtshOptsDomainOnly,
      "print a domain's basic facts",
      "Prints the domain's id, name, UUID, state, CPUs, memory and settings.", 0 },
    { "domstate", cmdDomstate, virtshOptsDomstate,
      "print a domain's state",
      "Prints whether the domain runs, is paused, shut off and so on.", 0 },
    { "list", cmdList, virtshOptsList,
      "list domains",
      "Lists the running domains, or those the options select, as a table or as "
      "bare UUIDs, ids or names.", 0 },
    { NULL }
};
