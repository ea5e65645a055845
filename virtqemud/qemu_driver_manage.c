/* Saving and restoring guests (virsh save/restore, managedsave) and the
 * job calls that watch them (domjobinfo, domjobabort). A save is QEMU's
 * migration stream written after a header of ours (qemu_saveimage.c); it
 * runs as the domain's job, polling QEMU with the domain lock released so
 * that domjobinfo, domjobabort and destroy answer meanwhile. */
#include "qemu_driver.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain_event.h"
#include "qemu_domain.h"
#include "qemu_process.h"
#include "qemu_saveimage.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.driver_manage");

#define QEMU_SAVE_JOB "domain save"
#define QEMU_RESTORE_JOB "domain restore"
/* How often a running save asks QEMU for its progress. */
#define QEMU_SAVE_POLL_US (20 * G_TIME_SPAN_MILLISECOND)

static void
qemuManageEmit(virDomainObj *obj, int event, int detail)
{
    g_autoptr(virDrvDomain) ref = qemuDomainMakeRef(obj);

    virDomainEventEmitLifecycle(ref, event, detail);
}

char *
qemuDomainManagedSavePath(virDomainObj *obj)
{
    return g_strdup_printf("%s/save/%s.save", qemu_driver->libDir, obj->def->name);
}

bool
qemuDomainHasManagedSave(virDomainObj *obj)
{
    g_autofree char *path = qemuDomainManagedSavePath(obj);

    return obj->persistent && access(path, F_OK) == 0;
}

/* Only a regular file is ours to remove after a failed save (not a pipe
 * the client streams the image through). */
static bool
qemuManageIsRegular(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The statistics of the domain's job, finished or running. */
static virTypedParameter *
qemuManageJobStats(qemuDomainJob *job, int operation, gint64 elapsedUs, int *nparams)
{
    g_autoptr(virTypedParamList) list = virTypedParamListNew();

    virTypedParamListAddInt(list, operation, VIR_DOMAIN_JOB_OPERATION);
    virTypedParamListAddULLong(list, elapsedUs / 1000, VIR_DOMAIN_JOB_TIME_ELAPSED);
    virTypedParamListAddULLong(list, job->dataTotal, VIR_DOMAIN_JOB_DATA_TOTAL);
    virTypedParamListAddULLong(list, job->dataProcessed, VIR_DOMAIN_JOB_DATA_PROCESSED);
    virTypedParamListAddULLong(list, job->dataRemaining, VIR_DOMAIN_JOB_DATA_REMAINING);
    virTypedParamListAddULLong(list, job->dataTotal, VIR_DOMAIN_JOB_MEMORY_TOTAL);
    virTypedParamListAddULLong(list, job->dataProcessed, VIR_DOMAIN_JOB_MEMORY_PROCESSED);
    virTypedParamListAddULLong(list, job->dataRemaining, VIR_DOMAIN_JOB_MEMORY_REMAINING);
    return virTypedParamListSteal(list, nparams);
}

static void
qemuManageKeepCompleted(qemuDomainObjPrivate *priv, int type, virTypedParameter *params,
                        int nparams)
{
    virTypedParamsFreeArray(priv->jobCompleted, priv->njobCompleted);
    priv->jobCompleted = params;
    priv->njobCompleted = nparams;
    priv->jobCompletedType = type;
}

/* Waits for QEMU's outgoing migration to end, keeping the job's progress. */
static int
qemuManageWaitMigration(virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);

    for (;;) {
        g_autoptr(json_object) reply = NULL;
        json_object *val = NULL;
        json_object *ram = NULL;
        const char *status = "";

        if (!virDomainObjIsActive(obj) || !priv->mon) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           "domain stopped while it was being saved");
            return -1;
        }
        if (qemuMonitorCommand(priv->mon, "query-migrate", NULL, &reply) < 0)
            return -1;
        if (json_object_object_get_ex(reply, "status", &val))
            status = json_object_get_string(val);
        if (json_object_object_get_ex(reply, "ram", &ram)) {
            if (json_object_object_get_ex(ram, "total", &val))
                priv->job.dataTotal = json_object_get_uint64(val);
            if (json_object_object_get_ex(ram, "transferred", &val))
                priv->job.dataProcessed = json_object_get_uint64(val);
            if (json_object_object_get_ex(ram, "remaining", &val))
                priv->job.dataRemaining = json_object_get_uint64(val);
        }
        if (g_str_equal(status, "completed")) {
            priv->job.dataProcessed = priv->job.dataTotal;
            priv->job.dataRemaining = 0;
            return 0;
        }
        if (g_str_equal(status, "cancelled") || priv->job.abortRequested) {
            virReportError(VIR_ERR_OPERATION_ABORTED, "%s",
                           "operation aborted: job 'domain save' canceled by client");
            return -1;
        }
        if (g_str_equal(status, "failed")) {
            const char *desc = "unknown error";

            if (json_object_object_get_ex(reply, "error-desc", &val))
                desc = json_object_get_string(val);
            virReportError(VIR_ERR_OPERATION_FAILED, "domain save job: %s", desc);
            return -1;
        }
        qemuDomainObjWait(obj, g_get_monotonic_time() + QEMU_SAVE_POLL_US);
    }
}

/* Saves the locked, running obj to path and stops it. dxml replaces the
 * definition the image restores with (same name and uuid). */
static int
qemuManageSave(virDomainObj *obj, const char *path, const char *dxml, unsigned int flags)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autofree char *xml = NULL;
    g_autofree char *uri = NULL;
    g_autoptr(json_object) params = NULL;
    g_autoptr(json_object) args = NULL;
    virTypedParameter *stats;
    int nstats;
    gint64 started;
    bool wasRunning;    /* what the image restores to, unless told otherwise */
    off_t offset;

    if (qemuDomainJobBegin(obj, QEMU_SAVE_JOB, true) < 0)
        return -1;
    started = g_get_monotonic_time();
    wasRunning = obj->state == VIR_DOMAIN_RUNNING;
    if (flags & VIR_DOMAIN_SAVE_RUNNING)
        wasRunning = true;
    else if (flags & VIR_DOMAIN_SAVE_PAUSED)
        wasRunning = false;

    if (dxml) {
        g_autoptr(virDomainDef) def = qemuDomainParse(dxml);

        if (!def)
            goto error;
        if (!g_str_equal(def->name, obj->def->name) ||
            memcmp(def->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           "the replacement XML must keep the domain's name and uuid");
            goto error;
        }
        xml = virDomainDefFormat(def, 0);
    } else {
        xml = virDomainDefFormat(obj->def, 0);
    }
    if (!xml)
        goto error;

    if (obj->state == VIR_DOMAIN_RUNNING) {
        if (qemuMonitorStop(priv->mon) < 0)
            goto error;
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_SAVE);
    }
    if (qemuSaveImageCreate(path, xml, wasRunning, &offset) < 0)
        goto resume;

    /* As fast as the disk takes it: libvirt lifts QEMU's default limit too. */
    params = json_object_new_object();
    json_object_object_add(params, "max-bandwidth", json_object_new_int64(1LL << 40));
    uri = qemuSaveImageOutgoingURI(path);
    args = json_object_new_object();
    json_object_object_add(args, "uri", json_object_new_string(uri));
    if (qemuMonitorCommand(priv->mon, "migrate-set-parameters", g_steal_pointer(&params),
                           NULL) < 0 ||
        qemuMonitorCommand(priv->mon, "migrate", g_steal_pointer(&args), NULL) < 0 ||
        qemuManageWaitMigration(obj) < 0) {
        if (priv->mon && virDomainObjIsActive(obj)) {
            g_autoptr(virErrorInfo) saved = virErrorPreserve();

            qemuMonitorCommand(priv->mon, "migrate_cancel", NULL, NULL);
            virErrorRestore(&saved);
        }
        if (qemuManageIsRegular(path))
            unlink(path);
        goto resume;
    }

    stats = qemuManageJobStats(&priv->job, VIR_DOMAIN_JOB_OPERATION_SAVE,
                               g_get_monotonic_time() - started, &nstats);
    qemuProcessStop(qemu_driver, obj, VIR_DOMAIN_SHUTOFF_SAVED);
    qemuManageEmit(obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    {
        g_autoptr(virDrvDomain) ref = qemuDomainMakeRef(obj);

        virDomainEventEmitJobCompleted(ref, stats, nstats);
    }
    qemuManageKeepCompleted(priv, VIR_DOMAIN_JOB_COMPLETED, stats, nstats);
    qemuDomainJobEnd(obj);
    qemuProcessRemoveIfTransient(qemu_driver, obj);
    return 0;

 resume:
    if (virDomainObjIsActive(obj) && priv->mon && obj->state == VIR_DOMAIN_PAUSED &&
        obj->reason == VIR_DOMAIN_PAUSED_SAVE) {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        if (qemuMonitorCont(priv->mon) == 0)
            virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_SAVE_CANCELED);
        virErrorRestore(&saved);
    }
 error:
    stats = qemuManageJobStats(&priv->job, VIR_DOMAIN_JOB_OPERATION_SAVE,
                               g_get_monotonic_time() - started, &nstats);
    qemuManageKeepCompleted(priv, priv->job.abortRequested ? VIR_DOMAIN_JOB_CANCELLED :
                                  VIR_DOMAIN_JOB_FAILED, stats, nstats);
    qemuDomainJobEnd(obj);
    return -1;
}

int
qemuDomainSaveParams(virDrvConnect *conn, virDrvDomain *dom, virTypedParameter *params,
                     int nparams, unsigned int flags)
{
    const char *path = NULL;
    const char *dxml = NULL;
    virDomainObj *obj;
    int ret;

    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    if (virTypedParamsGetStr(params, nparams, VIR_DOMAIN_SAVE_PARAM_FILE, &path) < 0 ||
        virTypedParamsGetStr(params, nparams, VIR_DOMAIN_SAVE_PARAM_DXML, &dxml) < 0)
        return -1;
    if (!path) {
        /* Without a file the image is the managed one. */
        return qemuDomainManagedSave(conn, dom, flags);
    }
    if (!g_path_is_absolute(path)) {
        virReportError(VIR_ERR_INVALID_ARG, "save file '%s' must be an absolute path", path);
        return -1;
    }
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    ret = qemuManageSave(obj, path, dxml, flags);
    virDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainManagedSave(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    g_autofree char *path = NULL;
    g_autofree char *dir = NULL;
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot do managed save for transient domain");
        goto cleanup;
    }
    path = qemuDomainManagedSavePath(obj);
    dir = g_path_get_dirname(path);
    if (virFileMakePath(dir, 0700) < 0)
        goto cleanup;
    ret = qemuManageSave(obj, path, NULL, flags);

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainManagedSaveRemove(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    g_autofree char *path = NULL;
    virDomainObj *obj;
    int ret = 0;

    virCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    path = qemuDomainManagedSavePath(obj);
    if (unlink(path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, "Failed to remove managed save file '%s'", path);
        ret = -1;
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainHasManagedSaveImage(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virDomainObj *obj;
    int ret;

    virCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    ret = qemuDomainHasManagedSave(obj) ? 1 : 0;
    virDomainObjEndAPI(&obj);
    return ret;
}

/* Starts the locked, inactive obj from the image at path. */
static int
qemuManageRestoreObj(virDomainObj *obj, const char *path, off_t offset, bool paused)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autofree char *uri = qemuSaveImageIncomingURI(path, offset);
    struct stat sb;
    int ret;

    if (qemuDomainJobBegin(obj, QEMU_RESTORE_JOB, false) < 0)
        return -1;
    /* domjobinfo shows the restore meanwhile: QEMU's incoming side counts
     * nothing, so the image's size is the only figure. */
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > offset)
        priv->job.dataTotal = sb.st_size - offset;
    ret = qemuProcessStartIncoming(qemu_driver, obj, paused ? VIR_DOMAIN_START_PAUSED : 0, uri);
    if (ret == 0) {
        virTypedParameter *stats;
        int nstats;

        priv->job.dataProcessed = priv->job.dataTotal;
        stats = qemuManageJobStats(&priv->job, VIR_DOMAIN_JOB_OPERATION_RESTORE,
                                   g_get_monotonic_time() - priv->job.started, &nstats);
        qemuManageKeepCompleted(priv, VIR_DOMAIN_JOB_COMPLETED, stats, nstats);
    }
    qemuDomainJobEnd(obj);
    return ret;
}

static bool
qemuManageRestorePaused(bool running, unsigned int flags)
{
    if (flags & VIR_DOMAIN_SAVE_PAUSED)
        return true;
    if (flags & VIR_DOMAIN_SAVE_RUNNING)
        return false;
    return !running;
}

int
qemuDomainRestoreParams(virDrvConnect *conn, virTypedParameter *params, int nparams,
                        unsigned int flags)
{
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) saved = NULL;
    virDomainDef *oldDef = NULL;
    g_autofree char *xml = NULL;
    const char *path = NULL;
    const char *dxml = NULL;
    virDomainObj *obj;
    bool running;
    off_t offset;
    int ret;

    virCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    if (virTypedParamsGetStr(params, nparams, VIR_DOMAIN_SAVE_PARAM_FILE, &path) < 0 ||
        virTypedParamsGetStr(params, nparams, VIR_DOMAIN_SAVE_PARAM_DXML, &dxml) < 0)
        return -1;
    if (!path) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "missing the image file parameter");
        return -1;
    }
    if (qemuSaveImageRead(path, &xml, &running, &offset) < 0 ||
        !(saved = qemuDomainParse(xml)))
        return -1;
    if (dxml) {
        if (!(def = qemuDomainParse(dxml)))
            return -1;
        if (!g_str_equal(def->name, saved->name) ||
            memcmp(def->uuid, saved->uuid, VIR_UUID_BUFLEN) != 0) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           "the replacement XML must keep the domain's name and uuid");
            return -1;
        }
    } else {
        def = g_steal_pointer(&saved);
    }
    if (!(obj = virDomainObjListAdd(qemu_driver->domains, &def, true, &oldDef)))
        return -1;
    /* A defined guest keeps its persistent definition; the image's is the
     * live one for this run. */
    if (obj->persistent && oldDef)
        obj->newDef = oldDef;
    else
        virDomainDefFree(oldDef);
    ret = qemuManageRestoreObj(obj, path, offset, qemuManageRestorePaused(running, flags));
    if (ret < 0)
        qemuProcessRemoveIfTransient(qemu_driver, obj);
    virDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainStartManagedSave(virDomainObj *obj, unsigned int flags)
{
    g_autofree char *path = qemuDomainManagedSavePath(obj);
    g_autofree char *xml = NULL;
    bool running;
    off_t offset;
    int ret;

    if (qemuSaveImageRead(path, &xml, &running, &offset) < 0)
        return -1;
    ret = qemuManageRestoreObj(obj, path, offset,
                               (flags & VIR_DOMAIN_START_PAUSED) || !running);
    /* Resumed from: the image is used up (libvirt deletes it too). */
    if (ret == 0 && unlink(path) < 0)
        VIR_WARN("cannot remove managed save image %s: %s", path, g_strerror(errno));
    return ret;
}

/* ---- jobs ---- */

int
qemuDomainGetJobStats(virDrvConnect *conn, virDrvDomain *dom, int *type,
                      virTypedParameter **params, int *nparams, unsigned int flags)
{
    qemuDomainObjPrivate *priv;
    virDomainObj *obj;
    const char *job;

    virCheckFlags(VIR_DOMAIN_JOB_STATS_COMPLETED | VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    priv = qemuDomainObjPrivateGet(obj);
    *params = NULL;
    *nparams = 0;
    *type = VIR_DOMAIN_JOB_NONE;
    if (flags & VIR_DOMAIN_JOB_STATS_COMPLETED) {
        if (priv->jobCompleted) {
            /* A plain copy: job statistics hold no strings. */
            *params = g_memdup2(priv->jobCompleted,
                                sizeof(virTypedParameter) * priv->njobCompleted);
            *nparams = priv->njobCompleted;
            *type = priv->jobCompletedType;
            if (!(flags & VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED))
                qemuManageKeepCompleted(priv, VIR_DOMAIN_JOB_NONE, NULL, 0);
        }
    } else if ((job = qemuDomainJobActive(obj)) &&
               (g_str_equal(job, QEMU_SAVE_JOB) || g_str_equal(job, QEMU_RESTORE_JOB))) {
        *type = VIR_DOMAIN_JOB_UNBOUNDED;
        *params = qemuManageJobStats(&priv->job, g_str_equal(job, QEMU_SAVE_JOB) ?
                                     VIR_DOMAIN_JOB_OPERATION_SAVE :
                                     VIR_DOMAIN_JOB_OPERATION_RESTORE,
                                     g_get_monotonic_time() - priv->job.started, nparams);
    }
    virDomainObjEndAPI(&obj);
    return 0;
}

int
qemuDomainAbortJobFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    qemuDomainObjPrivate *priv;
    virDomainObj *obj;
    const char *job;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    priv = qemuDomainObjPrivateGet(obj);
    if (!(job = qemuDomainJobActive(obj))) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "no job is active on the domain");
    } else if (!g_str_equal(job, QEMU_SAVE_JOB)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "cannot abort %s job", job);
    } else if (priv->mon) {
        priv->job.abortRequested = true;
        ret = qemuMonitorCommand(priv->mon, "migrate_cancel", NULL, NULL);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- save images: what they hold ---- */

char *
qemuDomainSaveImageGetXMLDesc(virDrvConnect *conn, const char *file, unsigned int flags)
{
    g_autoptr(virDomainDef) def = NULL;
    g_autofree char *xml = NULL;
    bool running;
    off_t offset;

    virCheckFlags(VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, NULL);
    if (qemuSaveImageRead(file, &xml, &running, &offset) < 0 || !(def = qemuDomainParse(xml)))
        return NULL;
    return virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                   ((flags & VIR_DOMAIN_SAVE_IMAGE_XML_SECURE) ?
                                    VIR_DOMAIN_DEF_FORMAT_SECURE : 0));
}

int
qemuDomainSaveImageDefineXML(virDrvConnect *conn, const char *file, const char *dxml,
                             unsigned int flags)
{
    g_autoptr(virDomainDef) saved = NULL;
    g_autoptr(virDomainDef) def = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *newXml = NULL;
    bool running;
    off_t offset;

    virCheckFlags(VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, -1);
    if ((flags & VIR_DOMAIN_SAVE_RUNNING) && (flags & VIR_DOMAIN_SAVE_PAUSED)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "VIR_DOMAIN_SAVE_RUNNING and VIR_DOMAIN_SAVE_PAUSED are mutually exclusive");
        return -1;
    }
    if (qemuSaveImageRead(file, &xml, &running, &offset) < 0 ||
        !(saved = qemuDomainParse(xml)) || !(def = qemuDomainParse(dxml)))
        return -1;
    if (!g_str_equal(def->name, saved->name) ||
        memcmp(def->uuid, saved->uuid, VIR_UUID_BUFLEN) != 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "the replacement XML must keep the domain's name and uuid");
        return -1;
    }
    if (!(newXml = virDomainDefFormat(def, 0)))
        return -1;
    return qemuSaveImageRewrite(file, newXml,
                                (flags & VIR_DOMAIN_SAVE_RUNNING) ? 1 :
                                (flags & VIR_DOMAIN_SAVE_PAUSED) ? 0 : -1);
}
