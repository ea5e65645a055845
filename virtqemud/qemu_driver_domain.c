/* virtqemud: domain lifecycle and information calls. Each follows one
 * shape: check flags, find the object (locked), check its state, act,
 * persist, emit the event, release. */
#include "qemu_driver.h"
#include "qemu_interface.h"

#include <string.h>
#include <unistd.h>

#include "domain_event.h"
#include "qemu_domain.h"
#include "qemu_process.h"
#include "qemu_snapshot.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.driver_domain");

virDomainObj *
qemuDomObjFromRef(const virDrvDomain *dom)
{
    virDomainObj *obj = virDomainObjListFindByUUID(qemu_driver->domains, dom->uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj)
        virReportError(VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s' (%s)",
                       virUUIDFormat(dom->uuid, uuidstr), dom->name);
    return obj;
}

int
qemuDomObjImpact(virDomainObj *obj, unsigned int flags, const char *transientMsg,
                 bool *live, bool *config)
{
    bool active = virDomainObjIsActive(obj);

    *live = flags & VIR_DOMAIN_AFFECT_LIVE;
    *config = flags & VIR_DOMAIN_AFFECT_CONFIG;
    if (!*live && !*config) {
        *live = active;
        *config = !active;
    }
    if (*live && !active) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    if (*config && !obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", transientMsg);
        return -1;
    }
    return 0;
}

int
qemuDomObjCheckActive(virDomainObj *obj)
{
    if (!virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    return 0;
}

static void
qemuDomainEmit(virDomainObj *obj, int event, int detail)
{
    g_autoptr(virDrvDomain) ref = qemuDomainMakeRef(obj);

    virDomainEventEmitLifecycle(ref, event, detail);
}

/* ---- listing and lookup ---- */

bool
qemuDomainMatchesFlags(virDomainObj *obj, unsigned int flags)
{
    bool active = virDomainObjIsActive(obj);

#define WANT(yes, no, cond) \
    (!(flags & ((yes) | (no))) || ((flags & (yes)) && (cond)) || ((flags & (no)) && !(cond)))
    return WANT(VIR_CONNECT_LIST_DOMAINS_ACTIVE, VIR_CONNECT_LIST_DOMAINS_INACTIVE, active) &&
           WANT(VIR_CONNECT_LIST_DOMAINS_PERSISTENT, VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
                obj->persistent) &&
           WANT(VIR_CONNECT_LIST_DOMAINS_AUTOSTART, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART,
                obj->autostart) &&
           WANT(VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE,
                qemuDomainHasManagedSave(obj)) &&
           WANT(VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT,
                qemuSnapshotCount(obj, 0) > 0) &&
           WANT(VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT,
                false) &&
           (!(flags & (VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                       VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)) ||
            ((flags & VIR_CONNECT_LIST_DOMAINS_RUNNING) && obj->state == VIR_DOMAIN_RUNNING) ||
            ((flags & VIR_CONNECT_LIST_DOMAINS_PAUSED) && obj->state == VIR_DOMAIN_PAUSED) ||
            ((flags & VIR_CONNECT_LIST_DOMAINS_SHUTOFF) && obj->state == VIR_DOMAIN_SHUTOFF) ||
            ((flags & VIR_CONNECT_LIST_DOMAINS_OTHER) &&
             obj->state != VIR_DOMAIN_RUNNING && obj->state != VIR_DOMAIN_PAUSED &&
             obj->state != VIR_DOMAIN_SHUTOFF));
#undef WANT
}

/* Active domains first, by id; then the others by name, as virsh lists. */
static gint
qemuDomainRefCompare(gconstpointer a, gconstpointer b)
{
    const virDrvDomain *x = *(virDrvDomain *const *)a;
    const virDrvDomain *y = *(virDrvDomain *const *)b;

    if (x->id >= 0 && y->id >= 0)
        return x->id - y->id;
    if (x->id >= 0 || y->id >= 0)
        return x->id >= 0 ? -1 : 1;
    return strcmp(x->name, y->name);
}

int
qemuConnectListAllDomains(virDrvConnect *conn, virDrvDomain ***refs, unsigned int flags)
{
    g_autoptr(GPtrArray) all = virDomainObjListCollect(qemu_driver->domains);
    GPtrArray *out = g_ptr_array_new();
    size_t i;
    int n;

    virCheckFlags(0xffff, -1);
    for (i = 0; i < all->len; i++) {
        virDomainObj *obj = g_ptr_array_index(all, i);

        virDomainObjLock(obj);
        if (!obj->removed && qemuDomainMatchesFlags(obj, flags))
            g_ptr_array_add(out, qemuDomainMakeRef(obj));
        virDomainObjUnlock(obj);
    }
    g_ptr_array_sort(out, qemuDomainRefCompare);
    n = out->len;
    *refs = (virDrvDomain **)g_ptr_array_free(out, FALSE);
    return n;
}

virDrvDomain *
qemuDomainLookupByName(virDrvConnect *conn, const char *name)
{
    virDomainObj *obj = virDomainObjListFindByName(qemu_driver->domains, name);
    virDrvDomain *ref;

    if (!obj) {
        virReportError(VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'", name);
        return NULL;
    }
    ref = qemuDomainMakeRef(obj);
    virDomainObjEndAPI(&obj);
    return ref;
}

virDrvDomain *
qemuDomainLookupByUUID(virDrvConnect *conn, const unsigned char *uuid)
{
    virDomainObj *obj = virDomainObjListFindByUUID(qemu_driver->domains, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDrvDomain *ref;

    if (!obj) {
        virReportError(VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s'",
                       virUUIDFormat(uuid, uuidstr));
        return NULL;
    }
    ref = qemuDomainMakeRef(obj);
    virDomainObjEndAPI(&obj);
    return ref;
}

virDrvDomain *
qemuDomainLookupByID(virDrvConnect *conn, int id)
{
    virDomainObj *obj = id > 0 ? virDomainObjListFindByID(qemu_driver->domains, id) : NULL;
    virDrvDomain *ref;

    if (!obj) {
        virReportError(VIR_ERR_NO_DOMAIN, "no domain with matching id %d", id);
        return NULL;
    }
    ref = qemuDomainMakeRef(obj);
    virDomainObjEndAPI(&obj);
    return ref;
}

/* ---- definition ---- */

virDomainDef *
qemuDomainParse(const char *xml)
{
    g_autoptr(virDomainDef) def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE);

    if (!def || qemuDomainDefPostParse(qemu_driver, def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

virDrvDomain *
qemuDomainDefineXML(virDrvConnect *conn, const char *xml, unsigned int flags)
{
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) oldDef = NULL;
    virDomainObj *obj;
    virDrvDomain *ref;
    bool wasPersistent;

    virCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);
    if (!(def = qemuDomainParse(xml)))
        return NULL;
    /* Written first: nothing is defined unless it is on disk. */
    if (qemuDomainSaveConfig(qemu_driver, def) < 0)
        return NULL;
    {
        g_autofree char *name = g_strdup(def->name);

        if (!(obj = virDomainObjListAdd(qemu_driver->domains, &def, false, &oldDef))) {
            g_autoptr(virErrorInfo) saved = virErrorPreserve();
            virDomainObj *existing = virDomainObjListFindByName(qemu_driver->domains, name);

            /* Our file may have replaced another domain's of the same name. */
            if (existing) {
                if (existing->persistent &&
                    qemuDomainSaveConfig(qemu_driver, virDomainObjGetPersistentDef(existing)) < 0)
                    VIR_ERROR("cannot restore the definition of '%s'", name);
                virDomainObjEndAPI(&existing);
            } else {
                qemuDomainDeleteConfig(qemu_driver, name);
            }
            virErrorRestore(&saved);
            return NULL;
        }
    }
    wasPersistent = obj->persistent;
    obj->persistent = true;
    qemuDomainEmit(obj, VIR_DOMAIN_EVENT_DEFINED,
                   oldDef || wasPersistent ? VIR_DOMAIN_EVENT_DEFINED_UPDATED :
                                             VIR_DOMAIN_EVENT_DEFINED_ADDED);
    ref = qemuDomainMakeRef(obj);
    virDomainObjEndAPI(&obj);
    return ref;
}

int
qemuDomainUndefineFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virDomainObj *obj;

    virCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_NVRAM |
                  VIR_DOMAIN_UNDEFINE_KEEP_NVRAM |
                  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_TPM |
                  VIR_DOMAIN_UNDEFINE_KEEP_TPM, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot undefine transient domain");
        virDomainObjEndAPI(&obj);
        return -1;
    }
    if (qemuDomainHasManagedSave(obj) && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "Refusing to undefine while domain managed save image exists");
        virDomainObjEndAPI(&obj);
        return -1;
    }
    if (qemuSnapshotUndefineCheck(obj, flags) < 0 ||
        qemuDomainDeleteConfig(qemu_driver, obj->def->name) < 0) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    if (flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
        qemuSnapshotUndefine(obj);
    if (flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE) {
        g_autofree char *image = qemuDomainManagedSavePath(obj);

        unlink(image);
    }
    obj->persistent = false;
    obj->autostart = false;
    qemuDomainEmit(obj, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    /* A running guest goes on as a transient one. */
    if (virDomainObjIsActive(obj))
        g_clear_pointer(&obj->newDef, virDomainDefFree);
    else
        virDomainObjListRemove(qemu_driver->domains, obj);
    virDomainObjEndAPI(&obj);
    return 0;
}

/* ---- lifecycle ---- */

virDrvDomain *
qemuDomainCreateXML(virDrvConnect *conn, const char *xml, unsigned int flags)
{
    g_autoptr(virDomainDef) def = NULL;
    virDomainObj *obj;
    virDrvDomain *ref;

    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_AUTODESTROY |
                  VIR_DOMAIN_START_VALIDATE, NULL);
    if (!(def = qemuDomainParse(xml)))
        return NULL;
    if (!(obj = virDomainObjListAdd(qemu_driver->domains, &def, true, NULL)))
        return NULL;
    if (qemuProcessStart(qemu_driver, obj, flags) < 0) {
        qemuProcessRemoveIfTransient(qemu_driver, obj);
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    ref = qemuDomainMakeRef(obj);
    virDomainObjEndAPI(&obj);
    return ref;
}

int
qemuDomainCreateWithFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virDomainObj *obj;
    int ret;

    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_AUTODESTROY |
                  VIR_DOMAIN_START_BYPASS_CACHE | VIR_DOMAIN_START_FORCE_BOOT |
                  VIR_DOMAIN_START_RESET_NVRAM, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    /* A managed save image is resumed from, unless a fresh boot is asked. */
    if (qemuDomainHasManagedSave(obj) && !virDomainObjIsActive(obj)) {
        if (flags & VIR_DOMAIN_START_FORCE_BOOT) {
            g_autofree char *image = qemuDomainManagedSavePath(obj);

            unlink(image);
            ret = qemuProcessStart(qemu_driver, obj, flags & ~VIR_DOMAIN_START_FORCE_BOOT);
        } else {
            ret = qemuDomainStartManagedSave(obj, flags);
        }
    } else {
        ret = qemuProcessStart(qemu_driver, obj, flags);
    }
    if (ret == 0)
        dom->id = obj->def->id;
    virDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainDestroyFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virDomainObj *obj;

    virCheckFlags(VIR_DOMAIN_DESTROY_GRACEFUL, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomObjCheckActive(obj) < 0) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    qemuDomainEmit(obj, VIR_DOMAIN_EVENT_SHUTDOWN, VIR_DOMAIN_EVENT_SHUTDOWN_HOST);
    qemuProcessStop(qemu_driver, obj, VIR_DOMAIN_SHUTOFF_DESTROYED);
    qemuDomainEmit(obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
    qemuProcessRemoveIfTransient(qemu_driver, obj);
    virDomainObjEndAPI(&obj);
    return 0;
}

/* Runs a lifecycle monitor command on the running guest of dom, inside
 * a job so that it never runs in the middle of another one. */
static int
qemuDomainLifecycleCall(virDrvDomain *dom, const char *job, int (*cmd)(virDomainObj *obj))
{
    virDomainObj *obj;
    int ret = -1;

    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomainJobBegin(obj, job, true) == 0) {
        if (!qemuDomainObjPrivateGet(obj)->mon)
            virReportError(VIR_ERR_OPERATION_INVALID, "%s", "QEMU monitor is not connected");
        else
            ret = cmd(obj);
        qemuDomainJobEnd(obj);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

static int
qemuDomainShutdownObj(virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);

    /* A shutdown asked after a reboot the guest ignored is a shutdown. */
    priv->fakeReboot = false;
    return qemuMonitorSystemPowerdown(priv->mon);
}

int
qemuDomainShutdownFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    /* 0 or ACPI_POWER_BTN (1): the only mode without a guest agent. */
    virCheckFlags(1, -1);
    return qemuDomainLifecycleCall(dom, "shutdown", qemuDomainShutdownObj);
}

/* Without a guest agent libvirt reboots through ACPI: the guest shuts
 * down cleanly, and its shutdown becomes a reset in the same QEMU
 * (qemu_process.c). */
static int
qemuDomainRebootObj(virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);

    if (qemuMonitorSystemPowerdown(priv->mon) < 0)
        return -1;
    priv->fakeReboot = true;
    return 0;
}

int
qemuDomainReboot(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virCheckFlags(1, -1);
    return qemuDomainLifecycleCall(dom, "reboot", qemuDomainRebootObj);
}

static int
qemuDomainResetObj(virDomainObj *obj)
{
    return qemuMonitorSystemReset(qemuDomainObjPrivateGet(obj)->mon);
}

int
qemuDomainReset(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virCheckFlags(0, -1);
    return qemuDomainLifecycleCall(dom, "reset", qemuDomainResetObj);
}

static int
qemuDomainSuspendObj(virDomainObj *obj)
{
    if (obj->state == VIR_DOMAIN_PAUSED)
        return 0;   /* already paused: libvirt treats this as done */
    if (qemuMonitorStop(qemuDomainObjPrivateGet(obj)->mon) < 0)
        return -1;
    virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    qemuDomainSaveStatus(qemu_driver, obj);
    qemuDomainEmit(obj, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    return 0;
}

int
qemuDomainSuspend(virDrvConnect *conn, virDrvDomain *dom)
{
    return qemuDomainLifecycleCall(dom, "suspend", qemuDomainSuspendObj);
}

static int
qemuDomainResumeObj(virDomainObj *obj)
{
    if (obj->state == VIR_DOMAIN_SHUTDOWN) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is shutting down");
        return -1;
    }
    if (qemuMonitorCont(qemuDomainObjPrivateGet(obj)->mon) < 0)
        return -1;
    virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    qemuDomainSaveStatus(qemu_driver, obj);
    qemuDomainEmit(obj, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    return 0;
}

int
qemuDomainResume(virDrvConnect *conn, virDrvDomain *dom)
{
    return qemuDomainLifecycleCall(dom, "resume", qemuDomainResumeObj);
}

/* ---- information ---- */

char *
qemuDomainGetXMLDesc(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virDomainObj *obj;
    unsigned int fmt = 0;
    char *xml;

    virCheckFlags(VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                  VIR_DOMAIN_XML_UPDATE_CPU | VIR_DOMAIN_XML_MIGRATABLE, NULL);
    if (!(obj = qemuDomObjFromRef(dom)))
        return NULL;
    if (flags & VIR_DOMAIN_XML_SECURE)
        fmt |= VIR_DOMAIN_DEF_FORMAT_SECURE;
    if ((flags & (VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_MIGRATABLE)) ||
        !virDomainObjIsActive(obj)) {
        fmt |= VIR_DOMAIN_DEF_FORMAT_INACTIVE;
        xml = virDomainDefFormat((flags & VIR_DOMAIN_XML_INACTIVE) ?
                                 virDomainObjGetPersistentDef(obj) : obj->def, fmt);
    } else {
        xml = virDomainDefFormat(obj->def, fmt);
    }
    virDomainObjEndAPI(&obj);
    return xml;
}

int
qemuDomainGetInfo(virDrvConnect *conn, virDrvDomain *dom, virDomainInfo *info)
{
    virDomainObj *obj;

    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    info->state = obj->state;
    info->maxMem = obj->def->memory;
    info->memory = obj->def->currentMemory;
    info->nrVirtCpu = obj->def->vcpusCurrent ? obj->def->vcpusCurrent : obj->def->vcpus;
    info->cpuTime = virDomainObjIsActive(obj) ? qemuProcessGetCPUTime(obj->pid) : 0;
    virDomainObjEndAPI(&obj);
    return 0;
}

int
qemuDomainGetState(virDrvConnect *conn, virDrvDomain *dom, int *state, int *reason,
                   unsigned int flags)
{
    virDomainObj *obj;

    virCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    *state = obj->state;
    *reason = obj->reason;
    virDomainObjEndAPI(&obj);
    return 0;
}

char *
qemuDomainGetOSType(virDrvConnect *conn, virDrvDomain *dom)
{
    virDomainObj *obj;
    char *type;

    if (!(obj = qemuDomObjFromRef(dom)))
        return NULL;
    type = g_strdup(obj->def->os.type ? obj->def->os.type : "hvm");
    virDomainObjEndAPI(&obj);
    return type;
}

unsigned long long
qemuDomainGetMaxMemory(virDrvConnect *conn, virDrvDomain *dom)
{
    virDomainObj *obj;
    unsigned long long mem;

    if (!(obj = qemuDomObjFromRef(dom)))
        return 0;
    mem = obj->def->memory;
    virDomainObjEndAPI(&obj);
    return mem;
}

int
qemuDomainGetMaxVcpus(virDrvConnect *conn, virDrvDomain *dom)
{
    virDomainObj *obj;
    int n;

    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (!virDomainObjIsActive(obj)) {
        virDomainObjEndAPI(&obj);
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    n = obj->def->vcpus;
    virDomainObjEndAPI(&obj);
    return n;
}

int
qemuDomainGetAutostart(virDrvConnect *conn, virDrvDomain *dom, int *autostart)
{
    virDomainObj *obj;

    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    *autostart = obj->autostart;
    virDomainObjEndAPI(&obj);
    return 0;
}

int
qemuDomainSetAutostart(virDrvConnect *conn, virDrvDomain *dom, int autostart)
{
    virDomainObj *obj;
    int ret = -1;

    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot set autostart for transient domain");
    } else if (qemuDomainSetAutostartLink(qemu_driver, obj->def->name, autostart != 0) == 0) {
        obj->autostart = autostart != 0;
        ret = 0;
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

/* The calls that only read something of the object share one path. */
static int
qemuDomainRead(virDrvDomain *dom, int (*read)(virDomainObj *obj))
{
    virDomainObj *obj = qemuDomObjFromRef(dom);
    int ret;

    if (!obj)
        return -1;
    ret = read(obj);
    virDomainObjEndAPI(&obj);
    return ret;
}

static int
qemuObjIsActive(virDomainObj *obj)
{
    return virDomainObjIsActive(obj);
}

static int
qemuObjIsPersistent(virDomainObj *obj)
{
    return obj->persistent;
}

/* Live changes, managed save and snapshots do not exist yet: the answer
 * for an existing domain is 0. */
static int
qemuObjNone(virDomainObj *obj)
{
    return 0;
}

int
qemuDomainIsActive(virDrvConnect *conn, virDrvDomain *dom)
{
    return qemuDomainRead(dom, qemuObjIsActive);
}

int
qemuDomainIsPersistent(virDrvConnect *conn, virDrvDomain *dom)
{
    return qemuDomainRead(dom, qemuObjIsPersistent);
}

int
qemuDomainIsUpdated(virDrvConnect *conn, virDrvDomain *dom)
{
    return qemuDomainRead(dom, qemuObjNone);
}

int
qemuDomainSnapshotNum(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virDomainObj *obj;
    int n;

    virCheckFlags(0x7ff, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    n = qemuSnapshotCount(obj, flags);
    virDomainObjEndAPI(&obj);
    return n;
}

int
qemuDomainGetSecurityLabel(virDrvConnect *conn, virDrvDomain *dom, char **label, int *enforcing)
{
    if (qemuDomainRead(dom, qemuObjNone) < 0)
        return -1;
    /* Security model "none": an empty label. */
    *label = g_strdup("");
    *enforcing = 0;
    return 0;
}

int
qemuDomainGetMessages(virDrvConnect *conn, virDrvDomain *dom, char ***msgs, unsigned int flags)
{
    virCheckFlags(3, -1);
    if (qemuDomainRead(dom, qemuObjNone) < 0)
        return -1;
    *msgs = g_new0(char *, 1);
    return 0;
}

int
qemuDomainInterfaceAddresses(virDrvConnect *conn, virDrvDomain *dom,
                             virDomainInterface ***ifaces, unsigned int source,
                             unsigned int flags)
{
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomObjCheckActive(obj) == 0)
        ret = qemuInterfaceAddresses(obj->def, source, ifaces);
    virDomainObjEndAPI(&obj);
    return ret;
}
