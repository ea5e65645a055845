#include "qemu_snapshot.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>

#include "domain_event.h"
#include "qemu_domain.h"
#include "qemu_driver.h"
#include "qemu_process.h"
#include "virdomainsnapshotobj.h"
#include "vircommand.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.snapshot");


#define QEMU_IMG "qemu-img"
/* The longest a snapshot job of QEMU may take. */
#define QEMU_SNAPSHOT_JOB_WAIT_US (30 * 60 * G_USEC_PER_SEC)

/* ------------------------------------------------------------------ */
/* Per-domain lists and their files                                    */

/* uuid string -> virDomainSnapshotObjList, loaded from disk on first use.
 * The map is guarded by its mutex, a list by its domain's lock. */
static GMutex qemuSnapshotMapLock;
static GHashTable *qemuSnapshotMap;

static char *
qemuSnapshotDir(const char *domname)
{
    return g_strdup_printf("%s/snapshot/%s", qemu_driver->libDir, domname);
}

static char *
qemuSnapshotPath(const char *domname, const char *snapname)
{
    g_autofree char *dir = qemuSnapshotDir(domname);

    return g_strdup_printf("%s/%s.xml", dir, snapname);
}

static void
qemuSnapshotLoadDir(virDomainSnapshotObjList *list, const char *domname)
{
    g_autofree char *dir = qemuSnapshotDir(domname);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;

    if (!d)
        return;
    while ((entry = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, entry, NULL);
        g_autofree char *xml = NULL;
        g_autoptr(virDomainSnapshotDef) def = NULL;
        bool current = false;
        virDomainSnapshotObj *snap;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        if (virFileReadAll(path, 16 * 1024 * 1024, &xml) < 0 ||
            !(def = virDomainSnapshotDefParseString(xml, VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE |
                                                    VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL,
                                                    &current))) {
            VIR_WARN("ignoring snapshot file %s: %s", path,
                     virErrorGetLast() ? virErrorGetLast()->message : "unreadable");
            virErrorReset();
            continue;
        }
        if (virDomainSnapshotFindByName(list, def->name)) {
            VIR_WARN("ignoring snapshot file %s: duplicate name", path);
            continue;
        }
        snap = virDomainSnapshotAssign(list, &def);
        if (current)
            virDomainSnapshotSetCurrent(list, snap);
    }
}

/* obj's list (obj locked). */
static virDomainSnapshotObjList *
qemuSnapshotGetList(virDomainObj *obj)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainSnapshotObjList *list;

    virUUIDFormat(obj->def->uuid, uuid);
    g_mutex_lock(&qemuSnapshotMapLock);
    if (!qemuSnapshotMap)
        qemuSnapshotMap = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify)virDomainSnapshotObjListFree);
    if (!(list = g_hash_table_lookup(qemuSnapshotMap, uuid))) {
        list = virDomainSnapshotObjListNew();
        qemuSnapshotLoadDir(list, obj->def->name);
        g_hash_table_insert(qemuSnapshotMap, g_strdup(uuid), list);
    }
    g_mutex_unlock(&qemuSnapshotMapLock);
    return list;
}

/* Rewrites every snapshot file of obj (parents and the current one change
 * together). */
static int
qemuSnapshotWriteAll(virDomainObj *obj, virDomainSnapshotObjList *list)
{
    g_autofree char *dir = qemuSnapshotDir(obj->def->name);
    g_autoptr(GPtrArray) all = virDomainSnapshotListFiltered(list, NULL, 0);
    virDomainSnapshotObj *current = virDomainSnapshotGetCurrent(list);
    size_t i;

    if (virFileMakePath(dir, 0700) < 0)
        return -1;
    for (i = 0; i < all->len; i++) {
        virDomainSnapshotObj *snap = g_ptr_array_index(all, i);
        unsigned int flags = VIR_DOMAIN_SNAPSHOT_FORMAT_INTERNAL |
                             VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE;
        g_autofree char *xml = NULL;
        g_autofree char *path = qemuSnapshotPath(obj->def->name, snap->def->name);

        if (snap == current)
            flags |= VIR_DOMAIN_SNAPSHOT_FORMAT_CURRENT;
        xml = virDomainSnapshotDefFormat(snap->def, flags);
        if (virFileWriteStrAtomic(path, xml, 0600) < 0)
            return -1;
    }
    return 0;
}

static void
qemuSnapshotRemoveFile(virDomainObj *obj, const char *name)
{
    g_autofree char *path = qemuSnapshotPath(obj->def->name, name);

    if (unlink(path) < 0 && errno != ENOENT)
        VIR_WARN("cannot remove %s: %s", path, g_strerror(errno));
}

int
qemuSnapshotCount(virDomainObj *obj, unsigned int flags)
{
    g_autoptr(GPtrArray) found = virDomainSnapshotListFiltered(qemuSnapshotGetList(obj), NULL,
                                                               flags);

    return found->len;
}

int
qemuSnapshotUndefineCheck(virDomainObj *obj, unsigned int flags)
{
    int n;

    if (virDomainObjIsActive(obj) || (flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA))
        return 0;
    if ((n = qemuSnapshotCount(obj, 0)) > 0) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "cannot delete inactive domain with %d snapshots", n);
        return -1;
    }
    return 0;
}

void
qemuSnapshotUndefine(virDomainObj *obj)
{
    virDomainSnapshotObjList *list = qemuSnapshotGetList(obj);
    g_autoptr(GPtrArray) all = virDomainSnapshotListFiltered(list, NULL, 0);
    g_autofree char *dir = qemuSnapshotDir(obj->def->name);
    char uuid[VIR_UUID_STRING_BUFLEN];
    size_t i;

    for (i = 0; i < all->len; i++)
        qemuSnapshotRemoveFile(obj, ((virDomainSnapshotObj *)g_ptr_array_index(all, i))->def->name);
    rmdir(dir);
    virUUIDFormat(obj->def->uuid, uuid);
    g_mutex_lock(&qemuSnapshotMapLock);
    g_hash_table_remove(qemuSnapshotMap, uuid);
    g_mutex_unlock(&qemuSnapshotMapLock);
}

/* ------------------------------------------------------------------ */
/* Lookups                                                             */

static virDomainSnapshotObj *
qemuSnapshotFind(virDomainSnapshotObjList *list, const char *name)
{
    virDomainSnapshotObj *snap = virDomainSnapshotFindByName(list, name);

    if (!snap)
        virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                       "no domain snapshot with matching name '%s'", name);
    return snap;
}

static void
qemuSnapshotEmit(virDomainObj *obj, int event, int detail)
{
    g_autoptr(virDrvDomain) ref = qemuDomainMakeRef(obj);

    virDomainEventEmitLifecycle(ref, event, detail);
}

/* ------------------------------------------------------------------ */
/* QEMU and qemu-img                                                   */

/* qemu-img from PATH (the daemon's own PATH, as libvirt finds it). */
static virCommand *
qemuSnapshotImgCommand(void)
{
    g_autofree char *path = g_find_program_in_path(QEMU_IMG);

    return virCommandNew(path ? path : "/usr/bin/" QEMU_IMG);
}

static int
qemuSnapshotImg(const char *op, const char *name, const char *path)
{
    g_autoptr(virCommand) cmd = qemuSnapshotImgCommand();

    virCommandAddArg(cmd, "snapshot");
    virCommandAddArg(cmd, op);
    virCommandAddArg(cmd, name);
    virCommandAddArg(cmd, path);

    return virCommandRun(cmd, NULL);
}

/* The entry of query-block for disk (matched by its device alias). */
static json_object *
qemuSnapshotBlockEntry(json_object *blocks, const virDomainDiskDef *disk)
{
    g_autofree char *inPath = g_strdup_printf("/%s/", disk->info.alias ? disk->info.alias : "");
    size_t i;

    for (i = 0; disk->info.alias && i < json_object_array_length(blocks); i++) {
        json_object *entry = json_object_array_get_idx(blocks, i);
        json_object *qdev = NULL;
        const char *q;

        if (!json_object_object_get_ex(entry, "qdev", &qdev) ||
            !(q = json_object_get_string(qdev)))
            continue;
        if (strcmp(q, disk->info.alias) == 0 || strstr(q, inPath))
            return entry;
    }
    return NULL;
}

/* The name of the top node of disk's image chain, and optionally its
 * virtual size. */
static char *
qemuSnapshotDiskNode(qemuMonitor *mon, const virDomainDiskDef *disk, unsigned long long *size)
{
    g_autoptr(json_object) blocks = NULL;
    json_object *entry;
    json_object *inserted = NULL;
    json_object *val = NULL;

    if (qemuMonitorCommand(mon, "query-block", NULL, &blocks) < 0)
        return NULL;
    if (!(entry = qemuSnapshotBlockEntry(blocks, disk)) ||
        !json_object_object_get_ex(entry, "inserted", &inserted) ||
        !json_object_object_get_ex(inserted, "node-name", &val)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot find the block node of disk '%s'",
                       disk->dst);
        return NULL;
    }
    if (size) {
        json_object *image = NULL;
        json_object *vsize = NULL;

        *size = 0;
        if (json_object_object_get_ex(inserted, "image", &image) &&
            json_object_object_get_ex(image, "virtual-size", &vsize))
            *size = json_object_get_int64(vsize);
    }
    return g_strdup(json_object_get_string(val));
}

/* Job id -> the last status the event handler saw for it. A job is over
 * for us only once the handler has seen it conclude: the events before it
 * (the STOP of the paused guest...) have been handled by then, and cannot
 * be mistaken for later changes. Guarded by its mutex. */
static GMutex qemuSnapshotJobLock;
static GHashTable *qemuSnapshotJobs;

void
qemuSnapshotHandleJobStatus(virDomainObj *obj, json_object *data)
{
    json_object *id = NULL;
    json_object *status = NULL;

    if (!data || !json_object_object_get_ex(data, "id", &id) ||
        !json_object_object_get_ex(data, "status", &status) ||
        !g_str_has_prefix(json_object_get_string(id), "snapshot-"))
        return;
    g_mutex_lock(&qemuSnapshotJobLock);
    if (qemuSnapshotJobs &&
        g_hash_table_contains(qemuSnapshotJobs, json_object_get_string(id)))
        g_hash_table_insert(qemuSnapshotJobs, g_strdup(json_object_get_string(id)),
                            g_strdup(json_object_get_string(status)));
    g_mutex_unlock(&qemuSnapshotJobLock);
}

static void
qemuSnapshotJobTrack(const char *id, bool track)
{
    g_mutex_lock(&qemuSnapshotJobLock);
    if (!qemuSnapshotJobs)
        qemuSnapshotJobs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (track)
        g_hash_table_insert(qemuSnapshotJobs, g_strdup(id), g_strdup("created"));
    else
        g_hash_table_remove(qemuSnapshotJobs, id);
    g_mutex_unlock(&qemuSnapshotJobLock);
}

static bool
qemuSnapshotJobSeenConcluded(const char *id)
{
    bool seen;

    g_mutex_lock(&qemuSnapshotJobLock);
    seen = g_strcmp0(g_hash_table_lookup(qemuSnapshotJobs, id), "concluded") == 0 ||
           g_strcmp0(g_hash_table_lookup(qemuSnapshotJobs, id), "null") == 0;
    g_mutex_unlock(&qemuSnapshotJobLock);
    return seen;
}

/* 1 when job id has concluded (*error set to its error, if any), 0 while it
 * runs, -1 (reported) when QEMU does not know it. */
static int
qemuSnapshotJobState(json_object *jobs, const char *id, char **error)
{
    size_t i;

    for (i = 0; i < json_object_array_length(jobs); i++) {
        json_object *job = json_object_array_get_idx(jobs, i);
        json_object *val = NULL;
        const char *status;

        if (!json_object_object_get_ex(job, "id", &val) ||
            g_strcmp0(json_object_get_string(val), id) != 0)
            continue;
        if (!json_object_object_get_ex(job, "status", &val) ||
            !(status = json_object_get_string(val)))
            return 0;
        if (strcmp(status, "concluded") != 0 && strcmp(status, "null") != 0)
            return 0;
        if (json_object_object_get_ex(job, "error", &val))
            *error = g_strdup(json_object_get_string(val));
        return 1;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "QEMU job '%s' vanished", id);
    return -1;
}

static bool
qemuSnapshotStillRunning(virDomainObj *obj)
{
    if (!virDomainObjIsActive(obj) || !qemuDomainObjPrivateGet(obj)->mon) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", "domain is not running");
        return false;
    }
    return true;
}

/* Runs one of QEMU's snapshot-save/load/delete jobs to its end: the
 * command starts it, every monitor event wakes us to look at query-jobs,
 * and the concluded job is dismissed. obj locked (released while waiting). */
static int qemuSnapshotWaitJob(virDomainObj *obj, const char *command, const char *tag,
                               const char *id, gint64 deadline);

static int
qemuSnapshotRunJob(virDomainObj *obj, const char *command, const char *tag,
                   GPtrArray *nodes, bool vmstate)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    static gint counter;
    g_autofree char *id = g_strdup_printf("snapshot-%d", g_atomic_int_add(&counter, 1));
    gint64 deadline = g_get_monotonic_time() + QEMU_SNAPSHOT_JOB_WAIT_US;
    json_object *args = json_object_new_object();
    json_object *devices = json_object_new_array();
    size_t i;
    int ret;

    for (i = 0; i < nodes->len; i++)
        json_object_array_add(devices, json_object_new_string(g_ptr_array_index(nodes, i)));
    json_object_object_add(args, "job-id", json_object_new_string(id));
    json_object_object_add(args, "tag", json_object_new_string(tag));
    if (vmstate)
        json_object_object_add(args, "vmstate",
                               json_object_new_string(g_ptr_array_index(nodes, 0)));
    json_object_object_add(args, "devices", devices);
    qemuSnapshotJobTrack(id, true);
    if (qemuMonitorCommand(priv->mon, command, args, NULL) < 0) {
        qemuSnapshotJobTrack(id, false);
        return -1;
    }
    ret = qemuSnapshotWaitJob(obj, command, tag, id, deadline);
    qemuSnapshotJobTrack(id, false);
    return ret;
}

static int
qemuSnapshotWaitJob(virDomainObj *obj, const char *command, const char *tag, const char *id,
                    gint64 deadline)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);

    for (;;) {
        g_autoptr(json_object) jobs = NULL;
        g_autofree char *error = NULL;
        int rc = 0;

        if (!qemuSnapshotStillRunning(obj))
            return -1;
        if (qemuSnapshotJobSeenConcluded(id) &&
            (qemuMonitorCommand(priv->mon, "query-jobs", NULL, &jobs) < 0 ||
             (rc = qemuSnapshotJobState(jobs, id, &error)) < 0))
            return -1;
        if (rc == 1) {
            json_object *dismiss = json_object_new_object();

            json_object_object_add(dismiss, "id", json_object_new_string(id));
            if (qemuMonitorCommand(priv->mon, "job-dismiss", dismiss, NULL) < 0)
                virErrorReset();
            if (error) {
                virReportError(VIR_ERR_OPERATION_FAILED, "%s of snapshot '%s' failed: %s",
                               command, tag, error);
                return -1;
            }
            return 0;
        }
        if (qemuDomainObjWait(obj, deadline) == 1) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT, "QEMU job %s of snapshot '%s' timed out",
                           command, tag);
            return -1;
        }
    }
}

/* The QEMU nodes of snapshot def's internal disks in the running obj. */
static GPtrArray *
qemuSnapshotInternalNodes(virDomainObj *obj, const virDomainSnapshotDef *def)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk;
        char *node;

        if (def->disks[i].snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL ||
            !(disk = virDomainDiskByTarget(obj->def, def->disks[i].name)))
            continue;
        if (!(node = qemuSnapshotDiskNode(priv->mon, disk, NULL)))
            return NULL;
        g_ptr_array_add(nodes, node);
    }
    if (!nodes->len) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "the snapshot has no internal disk in the running domain");
        return NULL;
    }
    return g_steal_pointer(&nodes);
}

/* Runs qemu-img snapshot op on each internal disk of def, found by target
 * in dom. With undo, a failure undoes the disks done so far with undo. */
static int
qemuSnapshotImgAll(const virDomainDef *dom, const virDomainSnapshotDef *def, const char *op,
                   const char *undo)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk;

        if (def->disks[i].snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL ||
            !(disk = virDomainDiskByTarget(dom, def->disks[i].name)) || !disk->src)
            continue;
        if (qemuSnapshotImg(op, def->name, disk->src) < 0) {
            g_autoptr(virErrorInfo) saved = virErrorPreserve();

            while (undo && i-- > 0) {
                if (def->disks[i].snapshot == VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL &&
                    (disk = virDomainDiskByTarget(dom, def->disks[i].name)) && disk->src &&
                    qemuSnapshotImg(undo, def->name, disk->src) < 0)
                    virErrorReset();
            }
            virErrorRestore(&saved);
            return -1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Creation                                                            */

static int
qemuSnapshotCheckDisks(virDomainObj *obj, virDomainSnapshotDef *def, unsigned int flags,
                       bool *external)
{
    size_t nInternal = 0;
    size_t nExternal = 0;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainSnapshotDiskDef *sd = &def->disks[i];
        virDomainDiskDef *disk = obj->def->disks[i];

        switch (sd->snapshot) {
        case VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL:
            if (disk->format != VIR_STORAGE_FILE_QCOW2) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "internal snapshot for disk %s unsupported for storage type %s",
                               sd->name, virStorageFileFormatTypeToString(
                                   disk->format ? disk->format : VIR_STORAGE_FILE_RAW));
                return -1;
            }
            nInternal++;
            break;
        case VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL:
            if (disk->type != VIR_DOMAIN_DISK_TYPE_FILE || sd->type != VIR_DOMAIN_DISK_TYPE_FILE) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "external snapshot of disk '%s' is only supported on files",
                               sd->name);
                return -1;
            }
            if (!sd->format) {
                sd->format = VIR_STORAGE_FILE_QCOW2;
            } else if (sd->format != VIR_STORAGE_FILE_QCOW2) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "external snapshot format for disk %s is unsupported: %s",
                               sd->name, virStorageFileFormatTypeToString(sd->format));
                return -1;
            }
            if (!(flags & VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT) && virFileExists(sd->src)) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "external snapshot file for disk %s already exists and is not a block device: %s",
                               sd->name, sd->src);
                return -1;
            }
            if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT) && !virFileExists(sd->src)) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "missing existing file for disk %s: %s", sd->name, sd->src);
                return -1;
            }
            nExternal++;
            break;
        case VIR_DOMAIN_SNAPSHOT_LOCATION_MANUAL:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "'manual' disk snapshot mode is not supported");
            return -1;
        default:
            break;
        }
    }
    if (nExternal && (nInternal || def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "mixing internal and external targets for a snapshot is not yet supported");
        return -1;
    }
    if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY) && !nExternal) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "disk-only snapshots require external disk snapshot targets");
        return -1;
    }
    if (!nInternal && !nExternal) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "nothing selected for snapshot");
        return -1;
    }
    *external = nExternal > 0;
    return 0;
}

static int
qemuSnapshotCreateActiveInternal(virDomainObj *obj, virDomainSnapshotDef *def)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autoptr(GPtrArray) nodes = NULL;
    bool wasRunning = obj->state == VIR_DOMAIN_RUNNING;
    int ret;

    if (!(nodes = qemuSnapshotInternalNodes(obj, def)))
        return -1;
    /* The guest is paused while its state is written, as libvirt does. */
    if (wasRunning) {
        if (qemuMonitorStop(priv->mon) < 0)
            return -1;
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_SNAPSHOT);
    }
    ret = qemuSnapshotRunJob(obj, "snapshot-save", def->name, nodes, true);
    if (wasRunning && virDomainObjIsActive(obj) && priv->mon) {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        if (qemuMonitorCont(priv->mon) == 0)
            virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
        else
            ret = -1;
        if (saved)
            virErrorRestore(&saved);
    }
    if (virDomainObjIsActive(obj))
        qemuDomainSaveStatus(qemu_driver, obj);
    return ret;
}

static int
qemuSnapshotCreateImage(const char *path, const char *backing, virStorageFileFormat backingFmt,
                        unsigned long long size)
{
    g_autoptr(virCommand) cmd = qemuSnapshotImgCommand();

    virCommandAddArg(cmd, "create");
    virCommandAddArg(cmd, "-f");
    virCommandAddArg(cmd, "qcow2");

    /* A running guest holds the backing image: qemu-img must not open it. */
    if (size)
        virCommandAddArg(cmd, "-u");
    virCommandAddArg(cmd, "-b");
    virCommandAddArg(cmd, backing);
    virCommandAddArg(cmd, "-F");
    virCommandAddArg(cmd, virStorageFileFormatTypeToString(backingFmt ? backingFmt :
                                                           VIR_STORAGE_FILE_RAW));
    virCommandAddArg(cmd, path);
    if (size)
        virCommandAddArgFormat(cmd, "%llu", size);
    return virCommandRun(cmd, NULL);
}

/* Points the disk with target dst of def at the new overlay; a live
 * definition shows the image below as its backing store. */
static void
qemuSnapshotRepointDisk(virDomainDef *def, const char *dst, const virDomainSnapshotDiskDef *sd,
                        bool live)
{
    virDomainDiskDef *disk;

    if (!def || !(disk = virDomainDiskByTarget(def, dst)))
        return;
    if (live) {
        virDomainDiskBacking *below = g_new0(virDomainDiskBacking, 1);

        below->type = disk->type == VIR_DOMAIN_DISK_TYPE_BLOCK ? VIR_DOMAIN_DISK_TYPE_BLOCK :
                                                                  VIR_DOMAIN_DISK_TYPE_FILE;
        below->format = disk->format;
        below->path = g_steal_pointer(&disk->src);
        below->next = g_steal_pointer(&disk->backing);
        disk->backing = below;
    } else {
        g_clear_pointer(&disk->backing, virDomainDiskBackingFree);
    }
    g_free(disk->src);
    disk->src = g_strdup(sd->src);
    disk->format = sd->format;
    disk->type = VIR_DOMAIN_DISK_TYPE_FILE;
}

static int
qemuSnapshotCreateExternal(virDomainObj *obj, virDomainSnapshotDef *def, unsigned int flags)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    bool active = virDomainObjIsActive(obj);
    bool reuse = !!(flags & VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT);
    static gint counter;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainSnapshotDiskDef *sd = &def->disks[i];
        virDomainDiskDef *disk = obj->def->disks[i];
        g_autofree char *node = NULL;
        g_autofree char *overlay = NULL;
        unsigned long long size = 0;
        json_object *args;
        json_object *file;

        if (sd->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        if (active && !(node = qemuSnapshotDiskNode(priv->mon, disk, &size)))
            return -1;
        if (!reuse && qemuSnapshotCreateImage(sd->src, disk->src, disk->format,
                                              active ? MAX(size, 1) : 0) < 0)
            return -1;
        if (active) {
            overlay = g_strdup_printf("snap%d-%s", g_atomic_int_add(&counter, 1), disk->dst);
            args = json_object_new_object();
            file = json_object_new_object();
            json_object_object_add(file, "driver", json_object_new_string("file"));
            json_object_object_add(file, "filename", json_object_new_string(sd->src));
            json_object_object_add(args, "driver", json_object_new_string("qcow2"));
            json_object_object_add(args, "node-name", json_object_new_string(overlay));
            json_object_object_add(args, "file", file);
            json_object_object_add(args, "backing", NULL);
            if (qemuMonitorCommand(priv->mon, "blockdev-add", args, NULL) < 0) {
                if (!reuse)
                    unlink(sd->src);
                return -1;
            }
            args = json_object_new_object();
            json_object_object_add(args, "node", json_object_new_string(node));
            json_object_object_add(args, "overlay", json_object_new_string(overlay));
            if (qemuMonitorCommand(priv->mon, "blockdev-snapshot", args, NULL) < 0) {
                g_autoptr(virErrorInfo) saved = virErrorPreserve();

                args = json_object_new_object();
                json_object_object_add(args, "node-name", json_object_new_string(overlay));
                if (qemuMonitorCommand(priv->mon, "blockdev-del", args, NULL) < 0)
                    virErrorReset();
                if (!reuse)
                    unlink(sd->src);
                virErrorRestore(&saved);
                return -1;
            }
        }
        qemuSnapshotRepointDisk(obj->def, sd->name, sd, active);
        qemuSnapshotRepointDisk(obj->newDef, sd->name, sd, false);
    }
    if (obj->persistent &&
        qemuDomainSaveConfig(qemu_driver, virDomainObjGetPersistentDef(obj)) < 0)
        return -1;
    if (active)
        qemuDomainSaveStatus(qemu_driver, obj);
    return 0;
}

/* Fills what a new snapshot takes from the domain and checks it. */
static int
qemuSnapshotPrepare(virDomainObj *obj, virDomainSnapshotObjList *list,
                    virDomainSnapshotDef *def, unsigned int flags, bool *external)
{
    bool active = virDomainObjIsActive(obj);
    bool diskOnly = !!(flags & VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY);
    virDomainSnapshotObj *current = virDomainSnapshotGetCurrent(list);
    virDomainSnapshotLocation loc;

    virDomainSnapshotDefAssignName(def);
    if (virDomainSnapshotFindByName(list, def->name)) {
        virReportError(VIR_ERR_OPERATION_FAILED, "domain moment %s already exists", def->name);
        return -1;
    }
    if (diskOnly)
        def->state = active ? VIR_DOMAIN_SNAPSHOT_STATE_DISK_SNAPSHOT :
                              VIR_DOMAIN_SNAPSHOT_STATE_SHUTOFF;
    else
        def->state = (virDomainSnapshotState)obj->state;
    if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT)
        def->memory = active && !diskOnly ? VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL :
                                            VIR_DOMAIN_SNAPSHOT_LOCATION_NO;
    if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "external memory snapshots are not supported");
        return -1;
    }
    if (active && !diskOnly && def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_NO &&
        !virDomainSnapshotDefIsExternal(def)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "internal snapshot of a running VM must include the memory state");
        return -1;
    }
    loc = diskOnly ? VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL : VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL;
    if (virDomainSnapshotDefIsExternal(def))
        loc = VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL;
    if (virDomainSnapshotAlignDisks(def, obj->def, loc, true) < 0 ||
        qemuSnapshotCheckDisks(obj, def, flags, external) < 0)
        return -1;
    g_clear_pointer(&def->parentName, g_free);
    if (current)
        def->parentName = g_strdup(current->def->name);
    def->dom = virDomainDefCopy(obj->def);
    if (active && obj->newDef)
        def->inactiveDom = virDomainDefCopy(obj->newDef);
    return 0;
}

/* Metadata only: a snapshot described by its own earlier XML. */
static char *
qemuSnapshotRedefine(virDomainObj *obj, virDomainSnapshotObjList *list,
                     virDomainSnapshotDef **def, unsigned int flags)
{
    virDomainSnapshotObj *snap = virDomainSnapshotFindByName(list, (*def)->name);
    g_autofree char *name = g_strdup((*def)->name);

    if ((*def)->dom && memcmp((*def)->dom->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0) {
        char uuid[VIR_UUID_STRING_BUFLEN];

        virReportError(VIR_ERR_INVALID_ARG, "definition for snapshot %s must use uuid %s",
                       name, virUUIDFormat(obj->def->uuid, uuid));
        return NULL;
    }
    if ((*def)->parentName && g_strcmp0((*def)->parentName, name) == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "cannot set snapshot %s as its own parent", name);
        return NULL;
    }
    if ((*def)->dom) {
        virDomainSnapshotLocation loc = (*def)->state == VIR_DOMAIN_SNAPSHOT_STATE_DISK_SNAPSHOT ||
                                        virDomainSnapshotDefIsExternal(*def) ?
                                        VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL :
                                        VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL;

        if (virDomainSnapshotAlignDisks(*def, (*def)->dom, loc, false) < 0)
            return NULL;
    }
    if (snap) {
        bool wasCurrent = virDomainSnapshotGetCurrent(list) == snap;
        virDomainSnapshotDef *old = snap->def;

        /* Keep the tree: only the metadata changes. */
        snap->def = g_steal_pointer(def);
        g_free(snap->def->parentName);
        snap->def->parentName = g_strdup(old->parentName);
        virDomainSnapshotDefFree(old);
        if (wasCurrent || (flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT))
            virDomainSnapshotSetCurrent(list, snap);
    } else {
        snap = virDomainSnapshotAssign(list, def);
        if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)
            virDomainSnapshotSetCurrent(list, snap);
    }
    if (qemuSnapshotWriteAll(obj, list) < 0)
        return NULL;
    return g_steal_pointer(&name);
}

static char *
qemuSnapshotTake(virDomainObj *obj, virDomainSnapshotObjList *list,
                 virDomainSnapshotDef **def, unsigned int flags)
{
    bool active = virDomainObjIsActive(obj);
    bool external = false;
    g_autofree char *name = NULL;
    virDomainSnapshotObj *snap;
    int rc;

    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT is only valid with VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE");
        return NULL;
    }
    if (qemuSnapshotPrepare(obj, list, *def, flags, &external) < 0)
        return NULL;
    name = g_strdup((*def)->name);

    if (external)
        rc = qemuSnapshotCreateExternal(obj, *def, flags);
    else if (active)
        rc = qemuSnapshotCreateActiveInternal(obj, *def);
    else
        rc = qemuSnapshotImgAll(obj->def, *def, "-c", "-d");
    if (rc < 0)
        return NULL;

    if (!(flags & VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA)) {
        snap = virDomainSnapshotAssign(list, def);
        virDomainSnapshotSetCurrent(list, snap);
        if (qemuSnapshotWriteAll(obj, list) < 0)
            return NULL;
    }

    if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT) && virDomainObjIsActive(obj)) {
        qemuProcessStop(qemu_driver, obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        qemuSnapshotEmit(obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
        qemuProcessRemoveIfTransient(qemu_driver, obj);
    }
    return g_steal_pointer(&name);
}

char *
qemuSnapshotCreateXML(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                      unsigned int flags)
{
    g_autoptr(virDomainSnapshotDef) def = NULL;
    virDomainSnapshotObjList *list;
    virDomainObj *obj;
    unsigned int parseFlags = 0;
    char *name = NULL;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA | VIR_DOMAIN_SNAPSHOT_CREATE_HALT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY | VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT |
                  VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC | VIR_DOMAIN_SNAPSHOT_CREATE_LIVE |
                  VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE, NULL);
    if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE) &&
        (flags & ~(VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT |
                   VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY | VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE))) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "redefine only accepts the current, disk-only and validate flags");
        return NULL;
    }
    if (!(obj = qemuDomObjFromRef(dom)))
        return NULL;
    if (!obj->persistent && (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot halt after transient domain snapshot");
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    if (qemuDomainJobBegin(obj, "snapshot", false) < 0) {
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)
        parseFlags |= VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE;
    else if (!virDomainObjIsActive(obj) || (flags & VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY))
        parseFlags |= VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE;
    list = qemuSnapshotGetList(obj);
    if ((def = virDomainSnapshotDefParseString(xml, parseFlags, NULL))) {
        if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)
            name = qemuSnapshotRedefine(obj, list, &def, flags);
        else
            name = qemuSnapshotTake(obj, list, &def, flags);
    }
    qemuDomainJobEnd(obj);
    virDomainObjEndAPI(&obj);
    return name;
}

/* ------------------------------------------------------------------ */
/* Queries                                                             */

/* The common start of the read-only calls: obj locked, its list, and the
 * named snapshot when name is given. */
static virDomainObj *
qemuSnapshotBegin(virDrvDomain *dom, const char *name, virDomainSnapshotObjList **list,
                  virDomainSnapshotObj **snap)
{
    virDomainObj *obj = qemuDomObjFromRef(dom);

    if (!obj)
        return NULL;
    *list = qemuSnapshotGetList(obj);
    if (name && !(*snap = qemuSnapshotFind(*list, name)))
        virDomainObjEndAPI(&obj);
    return obj;
}

char *
qemuSnapshotGetXMLDesc(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                       unsigned int flags)
{
    virDomainSnapshotObjList *list;
    virDomainSnapshotObj *snap = NULL;
    virDomainObj *obj;
    char *xml;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_XML_SECURE, NULL);
    if (!(obj = qemuSnapshotBegin(dom, name, &list, &snap)))
        return NULL;
    xml = virDomainSnapshotDefFormat(snap->def, (flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE) ?
                                     VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE : 0);
    virDomainObjEndAPI(&obj);
    return xml;
}

int
qemuSnapshotListNames(virDrvConnect *conn, virDrvDomain *dom, const char *from,
                      char ***names, unsigned int flags)
{
    virDomainSnapshotObjList *list;
    virDomainSnapshotObj *snap = NULL;
    g_autoptr(GPtrArray) found = NULL;
    virDomainObj *obj;
    size_t i;
    int n;

    virCheckFlags(0x7ff, -1);
    if (!(obj = qemuSnapshotBegin(dom, from, &list, &snap)))
        return -1;
    found = virDomainSnapshotListFiltered(list, snap, flags);
    n = found->len;
    if (names) {
        *names = g_new0(char *, n + 1);
        for (i = 0; i < found->len; i++) {
            virDomainSnapshotObj *one = g_ptr_array_index(found, i);

            (*names)[i] = g_strdup(one->def->name);
        }
    }
    virDomainObjEndAPI(&obj);
    return n;
}

int
qemuSnapshotLookupByName(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                         unsigned int flags)
{
    virDomainSnapshotObjList *list;
    virDomainSnapshotObj *snap = NULL;
    virDomainObj *obj;

    virCheckFlags(0, -1);
    if (!(obj = qemuSnapshotBegin(dom, name, &list, &snap)))
        return -1;
    virDomainObjEndAPI(&obj);
    return 0;
}

int
qemuSnapshotHasCurrent(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virDomainSnapshotObjList *list;
    virDomainObj *obj;
    int ret;

    virCheckFlags(0, -1);
    if (!(obj = qemuSnapshotBegin(dom, NULL, &list, NULL)))
        return -1;
    ret = virDomainSnapshotGetCurrent(list) != NULL;
    virDomainObjEndAPI(&obj);
    return ret;
}

char *
qemuSnapshotCurrent(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virDomainSnapshotObjList *list;
    virDomainSnapshotObj *current;
    virDomainObj *obj;
    char *name = NULL;

    virCheckFlags(0, NULL);
    if (!(obj = qemuSnapshotBegin(dom, NULL, &list, NULL)))
        return NULL;
    if ((current = virDomainSnapshotGetCurrent(list)))
        name = g_strdup(current->def->name);
    else
        virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT, "%s",
                       "the domain does not have a current snapshot");
    virDomainObjEndAPI(&obj);
    return name;
}

char *
qemuSnapshotGetParent(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                      unsigned int flags)
{
    virDomainSnapshotObjList *list;
    virDomainSnapshotObj *snap = NULL;
    virDomainObj *obj;
    char *parent = NULL;

    virCheckFlags(0, NULL);
    if (!(obj = qemuSnapshotBegin(dom, name, &list, &snap)))
        return NULL;
    if (snap->parent)
        parent = g_strdup(snap->parent->def->name);
    else
        virReportError(VIR_ERR_NO_DOMAIN_SNAPSHOT, "snapshot '%s' does not have a parent",
                       name);
    virDomainObjEndAPI(&obj);
    return parent;
}

int
qemuSnapshotIsCurrent(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                      unsigned int flags)
{
    virDomainSnapshotObjList *list;
    virDomainSnapshotObj *snap = NULL;
    virDomainObj *obj;
    int ret;

    virCheckFlags(0, -1);
    if (!(obj = qemuSnapshotBegin(dom, name, &list, &snap)))
        return -1;
    ret = virDomainSnapshotGetCurrent(list) == snap;
    virDomainObjEndAPI(&obj);
    return ret;
}

int
qemuSnapshotHasMetadata(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                        unsigned int flags)
{
    virDomainSnapshotObjList *list;
    virDomainSnapshotObj *snap = NULL;
    virDomainObj *obj;

    virCheckFlags(0, -1);
    if (!(obj = qemuSnapshotBegin(dom, name, &list, &snap)))
        return -1;
    virDomainObjEndAPI(&obj);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Revert                                                              */

/* A snapshot with memory: QEMU loads it (started paused first if the
 * guest is off), then runs or stays paused. */
static int
qemuSnapshotRevertActive(virDomainObj *obj, virDomainSnapshotObj *snap, unsigned int flags)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autoptr(GPtrArray) nodes = NULL;
    bool wasActive = virDomainObjIsActive(obj);
    bool run;

    if (!wasActive) {
        if (qemuProcessStart(qemu_driver, obj, VIR_DOMAIN_START_PAUSED) < 0)
            return -1;
    } else if (obj->state == VIR_DOMAIN_RUNNING) {
        if (qemuMonitorStop(priv->mon) < 0)
            return -1;
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);
    }
    if (!(nodes = qemuSnapshotInternalNodes(obj, snap->def)) ||
        qemuSnapshotRunJob(obj, "snapshot-load", snap->def->name, nodes, true) < 0)
        return -1;

    run = (flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING) ||
          (!(flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED) &&
           snap->def->state == VIR_DOMAIN_SNAPSHOT_STATE_RUNNING);
    if (!wasActive)
        qemuSnapshotEmit(obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
    if (run) {
        if (qemuMonitorCont(priv->mon) < 0)
            return -1;
        virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
        qemuSnapshotEmit(obj, VIR_DOMAIN_EVENT_RESUMED, VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT);
    } else {
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);
        qemuSnapshotEmit(obj, VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    }
    qemuDomainSaveStatus(qemu_driver, obj);
    return 0;
}

/* A snapshot of a shut-off guest: the guest stops, its definition and
 * disks go back, and it starts again only if asked. */
static int
qemuSnapshotRevertInactive(virDomainObj *obj, virDomainSnapshotObj *snap, unsigned int flags)
{
    const virDomainDef *saved = snap->def->inactiveDom ? snap->def->inactiveDom : snap->def->dom;

    if (virDomainObjIsActive(obj)) {
        qemuProcessStop(qemu_driver, obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        qemuSnapshotEmit(obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
        if (!obj->persistent) {
            qemuProcessRemoveIfTransient(qemu_driver, obj);
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           "transient domain needs to remain running");
            return -1;
        }
    }
    if (saved && obj->persistent) {
        virDomainDef *def = virDomainDefCopy(saved);

        def->id = -1;
        virDomainDefFree(obj->def);
        obj->def = def;
        if (qemuDomainSaveConfig(qemu_driver, obj->def) < 0)
            return -1;
        qemuSnapshotEmit(obj, VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT);
    }
    if (qemuSnapshotImgAll(obj->def, snap->def, "-a", NULL) < 0)
        return -1;
    virDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    if (flags & (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)) {
        if (qemuProcessStart(qemu_driver, obj, (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED) ?
                             VIR_DOMAIN_START_PAUSED : 0) < 0)
            return -1;
    }
    return 0;
}

int
qemuSnapshotRevert(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                   unsigned int flags)
{
    virDomainSnapshotObjList *list;
    virDomainSnapshotObj *snap = NULL;
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED |
                  VIR_DOMAIN_SNAPSHOT_REVERT_FORCE | VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM, -1);
    if ((flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING) &&
        (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "Flags '%s' and '%s' are mutually exclusive",
                       "VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING", "VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED");
        return -1;
    }
    if (!(obj = qemuSnapshotBegin(dom, name, &list, &snap)))
        return -1;
    if (qemuDomainJobBegin(obj, "snapshot revert", false) < 0)
        goto cleanup;
    /* Looked up again: the job may have waited for another one. */
    if (!(snap = qemuSnapshotFind(list, name)))
        goto endjob;
    if (virDomainSnapshotDefIsExternal(snap->def)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "revert to external snapshot not supported yet");
        goto endjob;
    }
    if (snap->def->state == VIR_DOMAIN_SNAPSHOT_STATE_RUNNING ||
        snap->def->state == VIR_DOMAIN_SNAPSHOT_STATE_PAUSED)
        ret = qemuSnapshotRevertActive(obj, snap, flags);
    else
        ret = qemuSnapshotRevertInactive(obj, snap, flags);
    if (ret == 0) {
        virDomainSnapshotSetCurrent(list, snap);
        ret = qemuSnapshotWriteAll(obj, list);
    }

 endjob:
    qemuDomainJobEnd(obj);
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Delete                                                              */

static int
qemuSnapshotDiscardData(virDomainObj *obj, virDomainSnapshotObj *snap)
{
    g_autoptr(GPtrArray) nodes = NULL;

    if (!virDomainObjIsActive(obj))
        return qemuSnapshotImgAll(obj->def, snap->def, "-d", NULL);
    if (!(nodes = qemuSnapshotInternalNodes(obj, snap->def)))
        return -1;
    return qemuSnapshotRunJob(obj, "snapshot-delete", snap->def->name, nodes, false);
}

int
qemuSnapshotDelete(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                   unsigned int flags)
{
    virDomainSnapshotObjList *list;
    virDomainSnapshotObj *snap = NULL;
    g_autoptr(GPtrArray) targets = NULL;
    virDomainObj *obj;
    size_t nExternal = 0;
    size_t i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN |
                  VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY |
                  VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, -1);
    if (!(obj = qemuSnapshotBegin(dom, name, &list, &snap)))
        return -1;
    if (qemuDomainJobBegin(obj, "snapshot delete", false) < 0)
        goto cleanup;
    if (!(snap = qemuSnapshotFind(list, name)))
        goto endjob;

    if (flags & (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY))
        targets = virDomainSnapshotDescendants(snap,
                                               !(flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY));
    else
        targets = g_ptr_array_new();
    if (!(flags & (VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)))
        g_ptr_array_add(targets, snap);

    if (!(flags & VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY)) {
        for (i = 0; i < targets->len; i++)
            nExternal += virDomainSnapshotDefIsExternal(
                ((virDomainSnapshotObj *)g_ptr_array_index(targets, i))->def);
        if (nExternal) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "deletion of %zu external disk snapshots not supported yet",
                           nExternal);
            goto endjob;
        }
    }

    for (i = 0; i < targets->len; i++) {
        virDomainSnapshotObj *t = g_ptr_array_index(targets, i);

        if (!(flags & VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY) &&
            qemuSnapshotDiscardData(obj, t) < 0) {
            /* What was deleted so far is gone for good: keep the files right. */
            g_autoptr(virErrorInfo) saved = virErrorPreserve();

            qemuSnapshotWriteAll(obj, list);
            virErrorRestore(&saved);
            goto endjob;
        }
        if (virDomainSnapshotGetCurrent(list) == t)
            virDomainSnapshotSetCurrent(list, t->parent);
        qemuSnapshotRemoveFile(obj, t->def->name);
        virDomainSnapshotRemove(list, t);
    }
    ret = qemuSnapshotWriteAll(obj, list);

 endjob:
    qemuDomainJobEnd(obj);
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}
