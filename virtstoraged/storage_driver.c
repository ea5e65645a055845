/* virtstoraged: the storage driver table, its state, and every entry
 * point. A pool's object lock covers its definition and volume list; work
 * on the host goes through the pool type's backend (storage_backend.h).
 * Transfers (upload, download, wipe) run without the pool lock, with the
 * volume marked in use so that it cannot be deleted meanwhile. */
#include "storage_driver.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage_backend.h"
#include "storage_conf.h"
#include "storage_event.h"
#include "storage_fs.h"
#include "storage_transfer.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virstorageobj.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("storage.storage_driver");

typedef struct {
    bool privileged;
    char *configDir;            /* /etc/libvirt/storage */
    char *autostartDir;         /* .../autostart */
    char *stateDir;             /* /run/libvirt/storage */
    virStoragePoolObjList *pools;
} storageDriverState;

static storageDriverState *storage_driver;

static const char *const storageURISchemes[] = { "storage", NULL };

static void
storageDriverStateFree(storageDriverState *driver)
{
    if (!driver)
        return;
    virStoragePoolObjListFree(driver->pools);
    g_free(driver->configDir);
    g_free(driver->autostartDir);
    g_free(driver->stateDir);
    g_free(driver);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(storageDriverState, storageDriverStateFree);

static virDrvStoragePool *
storagePoolMakeRef(const virStoragePoolDef *def)
{
    return virDrvStoragePoolNew(def->name, def->uuid);
}

static virDrvStorageVol *
storageVolMakeRef(const virStoragePoolDef *pool, const virStorageVolDef *vol)
{
    return virDrvStorageVolNew(pool->name, vol->name, vol->key);
}

static void
storagePoolEmit(const virStoragePoolDef *def, int event)
{
    virStoragePoolEventEmitLifecycle(def->name, def->uuid, event, 0);
}

/* The pool a wire reference names (by uuid), locked and referenced. */
static virStoragePoolObj *
storagePoolObjFromRef(const virDrvStoragePool *ref)
{
    virStoragePoolObj *obj = virStoragePoolObjListFindByUUID(storage_driver->pools, ref->uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj)
        virReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s' (%s)",
                       virUUIDFormat(ref->uuid, uuidstr), ref->name);
    return obj;
}

static int
storagePoolObjCheckActive(virStoragePoolObj *obj)
{
    if (!obj->active) {
        virReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active",
                       obj->def->name);
        return -1;
    }
    return 0;
}

/* A volume of a volume reference: its pool locked and referenced in
 * *objp, the volume in it. NULL reported (libvirt's "no storage vol with
 * matching ..."). */
static virStorageVolDef *
storageVolFromRef(const virDrvStorageVol *ref, virStoragePoolObj **objp)
{
    virStoragePoolObj *obj = virStoragePoolObjListFindByName(storage_driver->pools, ref->pool);
    virStorageVolDef *vol = NULL;

    *objp = NULL;
    if (!obj) {
        virReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                       ref->pool);
        return NULL;
    }
    if (!obj->active)
        virReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active", ref->pool);
    else if (!(vol = virStoragePoolObjFindVolByName(obj, ref->name)))
        virReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                       ref->name);
    if (!vol) {
        virStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    *objp = obj;
    return vol;
}

/* Whether a transfer or clone is using one of obj's volumes. */
static bool
storagePoolVolsInUse(virStoragePoolObj *obj)
{
    size_t i;

    for (i = 0; i < obj->volumes->len; i++) {
        if (((virStorageVolDef *)g_ptr_array_index(obj->volumes, i))->inUse)
            return true;
    }
    return false;
}

/* Replaces obj's volumes with what the backend finds on the host. */
static int
storagePoolRefreshObj(virStoragePoolObj *obj)
{
    const storageBackend *backend = storageBackendForType(obj->def->type);
    g_autoptr(GPtrArray) vols = g_ptr_array_new_with_free_func(
        (GDestroyNotify)virStorageVolDefFree);

    if (!backend || backend->refreshPool(obj->def, vols) < 0)
        return -1;
    virStoragePoolObjClearVols(obj);
    while (vols->len) {
        virStorageVolDef *vol = g_ptr_array_steal_index(vols, 0);

        if (virStoragePoolObjAddVol(obj, vol) < 0) {
            virStorageVolDefFree(vol);
            return -1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Connection                                                          */

static virDrvOpenStatus
storageConnectOpen(virDrvConnect *conn, const char *scheme, const char *path,
                   unsigned int flags)
{
    const char *mode;

    if (strcmp(scheme, "storage") != 0)
        return VIR_DRV_OPEN_DECLINED;
    if (!storage_driver) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "storage state driver is not active");
        return VIR_DRV_OPEN_ERROR;
    }
    mode = storage_driver->privileged ? "system" : "session";
    if (path[0] != '/' || strcmp(path + 1, mode) != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "unexpected storage URI path '%s', try storage:///%s", path, mode);
        return VIR_DRV_OPEN_ERROR;
    }
    return VIR_DRV_OPEN_SUCCESS;
}

static int
storageConnectClose(virDrvConnect *conn)
{
    return 0;
}

/* ------------------------------------------------------------------ */
/* Pools: listing and lookup                                           */

static int
storageConnectListAllStoragePools(virDrvConnect *conn, virDrvStoragePool ***refs,
                                  unsigned int flags)
{
    g_autoptr(GPtrArray) all = virStoragePoolObjListCollect(storage_driver->pools, flags);
    g_autoptr(GPtrArray) out = g_ptr_array_new();
    size_t i;
    int n;

    for (i = 0; i < all->len; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(all, i);

        virStoragePoolObjLock(obj);
        if (!obj->removed)
            g_ptr_array_add(out, storagePoolMakeRef(obj->def));
        virStoragePoolObjUnlock(obj);
    }
    n = out->len;
    *refs = (virDrvStoragePool **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
    return n;
}

static virDrvStoragePool *
storagePoolLookupByName(virDrvConnect *conn, const char *name)
{
    virStoragePoolObj *obj = virStoragePoolObjListFindByName(storage_driver->pools, name);
    virDrvStoragePool *ref;

    if (!obj) {
        virReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                       name);
        return NULL;
    }
    ref = storagePoolMakeRef(obj->def);
    virStoragePoolObjEndAPI(&obj);
    return ref;
}

static virDrvStoragePool *
storagePoolLookupByUUID(virDrvConnect *conn, const unsigned char *uuid)
{
    virStoragePoolObj *obj = virStoragePoolObjListFindByUUID(storage_driver->pools, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDrvStoragePool *ref;

    if (!obj) {
        virReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'",
                       virUUIDFormat(uuid, uuidstr));
        return NULL;
    }
    ref = storagePoolMakeRef(obj->def);
    virStoragePoolObjEndAPI(&obj);
    return ref;
}

static virDrvStoragePool *
storagePoolLookupByVolume(virDrvConnect *conn, virDrvStorageVol *vol)
{
    return storagePoolLookupByName(conn, vol->pool);
}

static virDrvStoragePool *
storagePoolLookupByTargetPath(virDrvConnect *conn, const char *path)
{
    g_autofree char *clean = virStoragePathSanitize(path);
    g_autoptr(GPtrArray) all = virStoragePoolObjListCollect(storage_driver->pools, 0);
    virDrvStoragePool *ref = NULL;
    size_t i;

    for (i = 0; i < all->len && !ref; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(all, i);

        virStoragePoolObjLock(obj);
        if (obj->active && !obj->removed && obj->def->target.path &&
            strcmp(obj->def->target.path, clean) == 0)
            ref = storagePoolMakeRef(obj->def);
        virStoragePoolObjUnlock(obj);
    }
    if (!ref)
        virReportError(VIR_ERR_NO_STORAGE_POOL,
                       "no storage pool with matching target path '%s'", path);
    return ref;
}

/* ------------------------------------------------------------------ */
/* Pools: life cycle                                                   */

/* Starts obj's pool (and builds it first when asked); obj locked. */
static int
storagePoolStartObj(virStoragePoolObj *obj, unsigned int flags)
{
    const storageBackend *backend = storageBackendForType(obj->def->type);
    unsigned int buildFlags = 0;

    if (!backend)
        return -1;
    if (obj->active) {
        virReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is already active",
                       obj->def->name);
        return -1;
    }
    if (flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE)
        buildFlags = VIR_STORAGE_POOL_BUILD_OVERWRITE;
    else if (flags & VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)
        buildFlags = VIR_STORAGE_POOL_BUILD_NO_OVERWRITE;
    if ((flags & (VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)) &&
        backend->buildPool(obj->def, buildFlags) < 0)
        return -1;
    virStoragePoolObjSetDefTransient(obj);
    if (backend->startPool(obj->def) < 0)
        goto error;
    if (storagePoolRefreshObj(obj) < 0) {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        backend->stopPool(obj->def);
        virErrorRestore(&saved);
        goto error;
    }
    obj->active = true;
    if (virStoragePoolObjSaveStatus(storage_driver->stateDir, obj) < 0) {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        backend->stopPool(obj->def);
        obj->active = false;
        virErrorRestore(&saved);
        goto error;
    }
    VIR_INFO("storage pool %s started", obj->def->name);
    return 0;

 error:
    virStoragePoolObjClearVols(obj);
    virStoragePoolObjUnsetDefTransient(obj);
    return -1;
}

static int
storagePoolStopObj(virStoragePoolObj *obj)
{
    const storageBackend *backend = storageBackendForType(obj->def->type);

    if (!backend)
        return -1;
    if (storagePoolVolsInUse(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "storage pool '%s' has volumes being transferred", obj->def->name);
        return -1;
    }
    if (backend->stopPool(obj->def) < 0)
        return -1;
    virStoragePoolObjDeleteStatus(storage_driver->stateDir, obj->def->name);
    virStoragePoolObjClearVols(obj);
    obj->active = false;
    obj->def->capacity = obj->def->allocation = obj->def->available = 0;
    virStoragePoolObjUnsetDefTransient(obj);
    VIR_INFO("storage pool %s stopped", obj->def->name);
    return 0;
}

static virDrvStoragePool *
storagePoolDefineOrCreate(const char *xml, unsigned int flags, bool define)
{
    g_autoptr(virStoragePoolDef) def = NULL;
    g_autoptr(virStoragePoolDef) oldDef = NULL;
    g_autoptr(virStoragePoolDef) copy = NULL;
    virStoragePoolObj *obj = NULL;
    virDrvStoragePool *ref = NULL;

    if (!(def = virStoragePoolDefParseString(xml, 0)) || !storageBackendForType(def->type))
        return NULL;
    if (define) {
        bool wasPersistent;

        if (!(obj = virStoragePoolObjListAdd(storage_driver->pools, &def, 0, &oldDef)))
            return NULL;
        wasPersistent = obj->persistent || oldDef;
        obj->persistent = true;
        if (virStoragePoolSaveConfig(storage_driver->configDir,
                                     virStoragePoolObjGetPersistentDef(obj)) < 0) {
            if (!wasPersistent && !obj->active)
                virStoragePoolObjListRemove(storage_driver->pools, obj);
            goto cleanup;
        }
        copy = virStoragePoolDefCopy(virStoragePoolObjGetPersistentDef(obj));
    } else {
        if (!(obj = virStoragePoolObjListAdd(storage_driver->pools, &def,
                                             VIR_STORAGE_POOL_OBJ_LIST_ADD_LIVE |
                                             VIR_STORAGE_POOL_OBJ_LIST_ADD_CHECK_LIVE,
                                             &oldDef)))
            return NULL;
        if (storagePoolStartObj(obj, flags) < 0) {
            if (!obj->persistent)
                virStoragePoolObjListRemove(storage_driver->pools, obj);
            goto cleanup;
        }
        copy = virStoragePoolDefCopy(obj->def);
    }
    ref = storagePoolMakeRef(obj->def);

 cleanup:
    virStoragePoolObjEndAPI(&obj);
    if (copy)
        storagePoolEmit(copy, define ? VIR_STORAGE_POOL_EVENT_DEFINED
                                     : VIR_STORAGE_POOL_EVENT_STARTED);
    return ref;
}

static virDrvStoragePool *
storagePoolDefineXML(virDrvConnect *conn, const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_POOL_DEFINE_VALIDATE, NULL);
    return storagePoolDefineOrCreate(xml, flags, true);
}

static virDrvStoragePool *
storagePoolCreateXML(virDrvConnect *conn, const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, NULL);
    return storagePoolDefineOrCreate(xml, flags, false);
}

static int
storagePoolUndefine(virDrvConnect *conn, virDrvStoragePool *pool)
{
    g_autoptr(virStoragePoolDef) copy = NULL;
    virStoragePoolObj *obj;

    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "storage pool is not persistent");
        virStoragePoolObjEndAPI(&obj);
        return -1;
    }
    if (obj->active) {
        virReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is still active",
                       obj->def->name);
        virStoragePoolObjEndAPI(&obj);
        return -1;
    }
    if (virStoragePoolDeleteConfig(storage_driver->configDir, storage_driver->autostartDir,
                                   obj->def->name) < 0) {
        virStoragePoolObjEndAPI(&obj);
        return -1;
    }
    copy = virStoragePoolDefCopy(obj->def);
    virStoragePoolObjListRemove(storage_driver->pools, obj);
    virStoragePoolObjEndAPI(&obj);
    storagePoolEmit(copy, VIR_STORAGE_POOL_EVENT_UNDEFINED);
    return 0;
}

static int
storagePoolCreate(virDrvConnect *conn, virDrvStoragePool *pool, unsigned int flags)
{
    g_autoptr(virStoragePoolDef) copy = NULL;
    virStoragePoolObj *obj;
    int ret;

    virCheckFlags(VIR_STORAGE_POOL_CREATE_WITH_BUILD |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                  VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, -1);
    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    if ((ret = storagePoolStartObj(obj, flags)) == 0)
        copy = virStoragePoolDefCopy(obj->def);
    virStoragePoolObjEndAPI(&obj);
    if (copy)
        storagePoolEmit(copy, VIR_STORAGE_POOL_EVENT_STARTED);
    return ret;
}

static int
storagePoolBuild(virDrvConnect *conn, virDrvStoragePool *pool, unsigned int flags)
{
    const storageBackend *backend;
    g_autoptr(virStoragePoolDef) copy = NULL;
    virStoragePoolObj *obj;
    int ret = -1;

    virCheckFlags(VIR_STORAGE_POOL_BUILD_OVERWRITE | VIR_STORAGE_POOL_BUILD_NO_OVERWRITE, -1);
    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    if (obj->active)
        virReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is already active",
                       obj->def->name);
    else if ((backend = storageBackendForType(obj->def->type)) &&
             (ret = backend->buildPool(obj->def, flags)) == 0)
        copy = virStoragePoolDefCopy(obj->def);
    virStoragePoolObjEndAPI(&obj);
    if (copy)
        storagePoolEmit(copy, VIR_STORAGE_POOL_EVENT_CREATED);
    return ret;
}

static int
storagePoolDestroy(virDrvConnect *conn, virDrvStoragePool *pool)
{
    g_autoptr(virStoragePoolDef) copy = NULL;
    virStoragePoolObj *obj;
    int ret = -1;

    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    if (storagePoolObjCheckActive(obj) == 0) {
        copy = virStoragePoolDefCopy(obj->def);
        if ((ret = storagePoolStopObj(obj)) == 0 && !obj->persistent)
            virStoragePoolObjListRemove(storage_driver->pools, obj);
    }
    virStoragePoolObjEndAPI(&obj);
    if (ret == 0)
        storagePoolEmit(copy, VIR_STORAGE_POOL_EVENT_STOPPED);
    return ret;
}

static int
storagePoolDelete(virDrvConnect *conn, virDrvStoragePool *pool, unsigned int flags)
{
    const storageBackend *backend;
    g_autoptr(virStoragePoolDef) copy = NULL;
    virStoragePoolObj *obj;
    int ret = -1;

    virCheckFlags(VIR_STORAGE_POOL_DELETE_ZEROED, -1);
    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    if (obj->active)
        virReportError(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is still active",
                       obj->def->name);
    else if ((backend = storageBackendForType(obj->def->type)) &&
             (ret = backend->deletePool(obj->def, flags)) == 0)
        copy = virStoragePoolDefCopy(obj->def);
    virStoragePoolObjEndAPI(&obj);
    if (copy)
        storagePoolEmit(copy, VIR_STORAGE_POOL_EVENT_DELETED);
    return ret;
}

static int
storagePoolRefresh(virDrvConnect *conn, virDrvStoragePool *pool, unsigned int flags)
{
    g_autoptr(virStoragePoolDef) copy = NULL;
    virStoragePoolObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    if (storagePoolObjCheckActive(obj) < 0) {
        virStoragePoolObjEndAPI(&obj);
        return -1;
    }
    if (storagePoolVolsInUse(obj))
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "storage pool '%s' has asynchronous jobs running.", obj->def->name);
    else if ((ret = storagePoolRefreshObj(obj)) == 0)
        copy = virStoragePoolDefCopy(obj->def);
    virStoragePoolObjEndAPI(&obj);
    if (copy)
        virStoragePoolEventEmitRefresh(copy->name, copy->uuid);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Pools: properties                                                   */

static int
storagePoolGetInfo(virDrvConnect *conn, virDrvStoragePool *pool, virStoragePoolInfo *info)
{
    virStoragePoolObj *obj;

    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    memset(info, 0, sizeof(*info));
    info->state = obj->active ? VIR_STORAGE_POOL_RUNNING : VIR_STORAGE_POOL_INACTIVE;
    info->capacity = obj->def->capacity;
    info->allocation = obj->def->allocation;
    info->available = obj->def->available;
    virStoragePoolObjEndAPI(&obj);
    return 0;
}

static char *
storagePoolGetXMLDesc(virDrvConnect *conn, virDrvStoragePool *pool, unsigned int flags)
{
    virStoragePoolObj *obj;
    char *xml;

    virCheckFlags(VIR_STORAGE_XML_INACTIVE, NULL);
    if (!(obj = storagePoolObjFromRef(pool)))
        return NULL;
    if ((flags & VIR_STORAGE_XML_INACTIVE) && obj->newDef)
        xml = virStoragePoolDefFormat(obj->newDef);
    else
        xml = virStoragePoolDefFormat(obj->def);
    virStoragePoolObjEndAPI(&obj);
    return xml;
}

static int
storagePoolGetAutostart(virDrvConnect *conn, virDrvStoragePool *pool, int *autostart)
{
    virStoragePoolObj *obj;

    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    *autostart = obj->autostart;
    virStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
storagePoolSetAutostart(virDrvConnect *conn, virDrvStoragePool *pool, int autostart)
{
    virStoragePoolObj *obj;
    int ret = -1;

    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    if (!obj->persistent)
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot set autostart for transient pool");
    else
        ret = virStoragePoolObjSetAutostart(obj, storage_driver->configDir,
                                            storage_driver->autostartDir, autostart != 0);
    virStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolIsActive(virDrvConnect *conn, virDrvStoragePool *pool)
{
    virStoragePoolObj *obj;
    int ret;

    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    ret = obj->active;
    virStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storagePoolIsPersistent(virDrvConnect *conn, virDrvStoragePool *pool)
{
    virStoragePoolObj *obj;
    int ret;

    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    ret = obj->persistent;
    virStoragePoolObjEndAPI(&obj);
    return ret;
}

static char *
storageConnectFindStoragePoolSources(virDrvConnect *conn, const char *type,
                                     const char *srcSpec, unsigned int flags)
{
    int t = virStoragePoolTypeFromString(type);
    const storageBackend *backend;

    virCheckFlags(0, NULL);
    if (t < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "unknown storage pool type %s", type);
        return NULL;
    }
    if (!(backend = storageBackendForType(t)))
        return NULL;
    if (!backend->findPoolSources) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       "pool type '%s' does not support source discovery", type);
        return NULL;
    }
    return backend->findPoolSources(srcSpec, flags);
}

/* ------------------------------------------------------------------ */
/* Volumes                                                             */

static int
storagePoolListAllVolumes(virDrvConnect *conn, virDrvStoragePool *pool,
                          virDrvStorageVol ***refs, unsigned int flags)
{
    virStoragePoolObj *obj;
    g_autoptr(GPtrArray) out = g_ptr_array_new();
    size_t i;
    int n;

    virCheckFlags(0, -1);
    if (!(obj = storagePoolObjFromRef(pool)))
        return -1;
    if (storagePoolObjCheckActive(obj) < 0) {
        virStoragePoolObjEndAPI(&obj);
        return -1;
    }
    for (i = 0; i < obj->volumes->len; i++)
        g_ptr_array_add(out, storageVolMakeRef(obj->def, (virStorageVolDef *)g_ptr_array_index(obj->volumes, i)));
    virStoragePoolObjEndAPI(&obj);
    n = out->len;
    *refs = (virDrvStorageVol **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
    return n;
}

static virDrvStorageVol *
storageVolLookupByName(virDrvConnect *conn, virDrvStoragePool *pool, const char *name)
{
    virStoragePoolObj *obj;
    virStorageVolDef *vol;
    virDrvStorageVol *ref = NULL;

    if (!(obj = storagePoolObjFromRef(pool)))
        return NULL;
    if (storagePoolObjCheckActive(obj) == 0) {
        if ((vol = virStoragePoolObjFindVolByName(obj, name)))
            ref = storageVolMakeRef(obj->def, vol);
        else
            virReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                           name);
    }
    virStoragePoolObjEndAPI(&obj);
    return ref;
}

/* A volume of any active pool whose key (byPath: target path) matches. */
static virDrvStorageVol *
storageVolLookupBy(const char *what, bool byPath)
{
    g_autoptr(GPtrArray) all = virStoragePoolObjListCollect(storage_driver->pools, 0);
    g_autofree char *clean = byPath ? virStoragePathSanitize(what) : g_strdup(what);
    virDrvStorageVol *ref = NULL;
    size_t i;
    size_t j;

    for (i = 0; i < all->len && !ref; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(all, i);

        virStoragePoolObjLock(obj);
        for (j = 0; obj->active && j < obj->volumes->len && !ref; j++) {
            virStorageVolDef *vol = g_ptr_array_index(obj->volumes, j);

            if (g_strcmp0(byPath ? vol->target.path : vol->key, clean) == 0)
                ref = storageVolMakeRef(obj->def, vol);
        }
        virStoragePoolObjUnlock(obj);
    }
    if (!ref)
        virReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching %s '%s'",
                       byPath ? "path" : "key", what);
    return ref;
}

static virDrvStorageVol *
storageVolLookupByKey(virDrvConnect *conn, const char *key)
{
    return storageVolLookupBy(key, false);
}

static virDrvStorageVol *
storageVolLookupByPath(virDrvConnect *conn, const char *path)
{
    return storageVolLookupBy(path, true);
}

/* The pool's sizes after a volume of allocation bytes came or went; the
 * next refresh reads the real numbers, no need to rescan the pool now. */
static void
storagePoolAccountVol(virStoragePoolDef *def, unsigned long long allocation, bool added)
{
    if (added) {
        def->allocation += allocation;
        def->available -= MIN(def->available, allocation);
    } else {
        def->allocation -= MIN(def->allocation, allocation);
        def->available = MIN(def->available + allocation, def->capacity);
    }
}

/* vol-create and vol-create-from: parse, check the name is free, let the
 * backend make it, add it to the pool. from (locked by the caller when in
 * another pool) is the volume whose content the new one gets. */
static virDrvStorageVol *
storageVolCreateIn(virStoragePoolObj *obj, const char *xml, const virStorageVolDef *from,
                   unsigned int flags)
{
    const storageBackend *backend = storageBackendForType(obj->def->type);
    g_autoptr(virStorageVolDef) vol = NULL;
    virDrvStorageVol *ref;

    if (!backend || storagePoolObjCheckActive(obj) < 0)
        return NULL;
    if (!(vol = virStorageVolDefParseString(obj->def, xml,
                                            from ? VIR_VOL_XML_PARSE_NO_CAPACITY : 0)))
        return NULL;
    if (from && !vol->capacity)
        vol->capacity = from->capacity;
    if (virStoragePoolObjFindVolByName(obj, vol->name)) {
        virReportError(VIR_ERR_STORAGE_VOL_EXIST, "'%s'", vol->name);
        return NULL;
    }
    if (obj->def->available && vol->capacity > obj->def->available &&
        (!vol->hasAllocation || vol->allocation > obj->def->available) &&
        vol->target.format != VIR_STORAGE_FILE_QCOW2) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "Not enough space in storage pool '%s' for volume '%s': %llu bytes needed, %llu available",
                       obj->def->name, vol->name,
                       vol->hasAllocation ? vol->allocation : vol->capacity,
                       obj->def->available);
        return NULL;
    }
    if (backend->createVol(obj->def, vol) < 0 ||
        backend->buildVol(obj->def, vol, from, flags) < 0)
        return NULL;
    ref = storageVolMakeRef(obj->def, vol);
    storagePoolAccountVol(obj->def, vol->allocation, true);
    if (virStoragePoolObjAddVol(obj, vol) < 0) {
        virDrvStorageVolFree(ref);
        return NULL;
    }
    vol = NULL;     /* the pool's now */
    return ref;
}

static virDrvStorageVol *
storageVolCreateXML(virDrvConnect *conn, virDrvStoragePool *pool, const char *xml,
                    unsigned int flags)
{
    virStoragePoolObj *obj;
    virDrvStorageVol *ref;

    virCheckFlags(VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA | VIR_STORAGE_VOL_CREATE_VALIDATE,
                  NULL);
    if (!(obj = storagePoolObjFromRef(pool)))
        return NULL;
    ref = storageVolCreateIn(obj, xml, NULL, flags);
    virStoragePoolObjEndAPI(&obj);
    return ref;
}

static virDrvStorageVol *
storageVolCreateXMLFrom(virDrvConnect *conn, virDrvStoragePool *pool, const char *xml,
                        virDrvStorageVol *clone, unsigned int flags)
{
    virStoragePoolObj *obj;
    virStoragePoolObj *srcObj = NULL;
    g_autoptr(virStorageVolDef) from = NULL;
    virStorageVolDef *src;
    virDrvStorageVol *ref = NULL;

    virCheckFlags(VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA | VIR_STORAGE_VOL_CREATE_REFLINK |
                  VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    /* A copy of the source's definition: the two pools are never locked
     * at once, and the source is marked in use while it is read. */
    if (!(src = storageVolFromRef(clone, &srcObj)))
        return NULL;
    from = virStorageVolDefCopy(src);
    src->inUse++;
    virStoragePoolObjUnlock(srcObj);

    if ((obj = storagePoolObjFromRef(pool))) {
        ref = storageVolCreateIn(obj, xml, from, flags);
        virStoragePoolObjEndAPI(&obj);
    }
    virStoragePoolObjLock(srcObj);
    if ((src = virStoragePoolObjFindVolByName(srcObj, clone->name)) && src->inUse)
        src->inUse--;
    virStoragePoolObjEndAPI(&srcObj);
    return ref;
}

/* A process (a running guest's QEMU) with path open, or 0. Deleting a
 * disk under a running guest is refused rather than leaving it writing to
 * an unlinked file. */
static pid_t
storageVolOpenBy(const char *path)
{
    g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
    const char *pidname;

    while (proc && (pidname = g_dir_read_name(proc))) {
        g_autofree char *fddir = g_strdup_printf("/proc/%s/fd", pidname);
        g_autoptr(GDir) fds = NULL;
        const char *fd;

        if (!g_ascii_isdigit(*pidname) || !(fds = g_dir_open(fddir, 0, NULL)))
            continue;
        while ((fd = g_dir_read_name(fds))) {
            g_autofree char *link = g_strdup_printf("%s/%s", fddir, fd);
            g_autofree char *target = g_file_read_link(link, NULL);

            if (target && strcmp(target, path) == 0)
                return (pid_t)g_ascii_strtoll(pidname, NULL, 10);
        }
    }
    return 0;
}

static int
storageVolDelete(virDrvConnect *conn, virDrvStorageVol *ref, unsigned int flags)
{
    const storageBackend *backend;
    virStoragePoolObj *obj;
    virStorageVolDef *vol;
    pid_t pid;
    int ret = -1;

    virCheckFlags(VIR_STORAGE_VOL_DELETE_ZEROED | VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS, -1);
    if (!(vol = storageVolFromRef(ref, &obj)))
        return -1;
    if (vol->inUse) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "volume '%s' is still in use by a transfer or clone", vol->name);
    } else if ((pid = storageVolOpenBy(vol->target.path)) > 0) {
        g_autofree char *comm = NULL;
        g_autofree char *commPath = g_strdup_printf("/proc/%lld/comm", (long long)pid);

        if (g_file_get_contents(commPath, &comm, NULL, NULL))
            g_strstrip(comm);
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "volume '%s' is in use by process %lld (%s)", vol->name,
                       (long long)pid, comm ? comm : "?");
    } else if ((backend = storageBackendForType(obj->def->type)) &&
             (!(flags & VIR_STORAGE_VOL_DELETE_ZEROED) ||
              storageWipe(vol->target.path, -1, VIR_STORAGE_VOL_WIPE_ALG_ZERO,
                          vol->capacity) == 0) &&
             backend->deleteVol(obj->def, vol, flags) == 0) {
        storagePoolAccountVol(obj->def, vol->allocation, false);
        virStoragePoolObjRemoveVol(obj, vol);
        ret = 0;
    }
    virStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storageVolResize(virDrvConnect *conn, virDrvStorageVol *ref, unsigned long long capacity,
                 unsigned int flags)
{
    const storageBackend *backend;
    virStoragePoolObj *obj;
    virStorageVolDef *vol;
    int ret = -1;

    virCheckFlags(VIR_STORAGE_VOL_RESIZE_ALLOCATE | VIR_STORAGE_VOL_RESIZE_DELTA |
                  VIR_STORAGE_VOL_RESIZE_SHRINK, -1);
    if (!(vol = storageVolFromRef(ref, &obj)))
        return -1;
    if (flags & VIR_STORAGE_VOL_RESIZE_DELTA) {
        if (flags & VIR_STORAGE_VOL_RESIZE_SHRINK)
            capacity = capacity > vol->capacity ? 0 : vol->capacity - capacity;
        else
            capacity += vol->capacity;
    }
    if (capacity < vol->capacity && !(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "Can't shrink capacity below current capacity unless shrink flag explicitly specified");
    } else if (capacity == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "Can't shrink capacity below zero");
    } else if (!(flags & VIR_STORAGE_VOL_RESIZE_SHRINK) && capacity > vol->capacity &&
               obj->def->available && capacity - vol->capacity > obj->def->available &&
               (flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE)) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       "Not enough space left in storage pool");
    } else if (vol->inUse) {
        virReportError(VIR_ERR_OPERATION_INVALID, "volume '%s' is in use", vol->name);
    } else if ((backend = storageBackendForType(obj->def->type))) {
        ret = backend->resizeVol(obj->def, vol, capacity, flags);
    }
    virStoragePoolObjEndAPI(&obj);
    return ret;
}

static int
storageVolGetInfo(virDrvConnect *conn, virDrvStorageVol *ref, virStorageVolInfo *info,
                  unsigned int flags)
{
    const storageBackend *backend;
    virStoragePoolObj *obj;
    virStorageVolDef *vol;
    int ret = -1;

    virCheckFlags(VIR_STORAGE_VOL_GET_PHYSICAL, -1);
    if (!(vol = storageVolFromRef(ref, &obj)))
        return -1;
    if ((backend = storageBackendForType(obj->def->type)) &&
        backend->refreshVol(obj->def, vol) == 0) {
        info->type = vol->type;
        info->capacity = vol->capacity;
        info->allocation = (flags & VIR_STORAGE_VOL_GET_PHYSICAL) && vol->physical ?
                           vol->physical : vol->allocation;
        ret = 0;
    }
    virStoragePoolObjEndAPI(&obj);
    return ret;
}

static char *
storageVolGetXMLDesc(virDrvConnect *conn, virDrvStorageVol *ref, unsigned int flags)
{
    const storageBackend *backend;
    virStoragePoolObj *obj;
    virStorageVolDef *vol;
    char *xml = NULL;

    virCheckFlags(0, NULL);
    if (!(vol = storageVolFromRef(ref, &obj)))
        return NULL;
    if ((backend = storageBackendForType(obj->def->type)) &&
        backend->refreshVol(obj->def, vol) == 0)
        xml = virStorageVolDefFormat(obj->def, vol);
    virStoragePoolObjEndAPI(&obj);
    return xml;
}

static char *
storageVolGetPath(virDrvConnect *conn, virDrvStorageVol *ref)
{
    virStoragePoolObj *obj;
    virStorageVolDef *vol;
    char *path;

    if (!(vol = storageVolFromRef(ref, &obj)))
        return NULL;
    path = g_strdup(vol->target.path);
    virStoragePoolObjEndAPI(&obj);
    return path;
}

/* ---- transfers: without the pool lock, the volume marked in use ---- */

typedef enum {
    STORAGE_TRANSFER_UPLOAD,
    STORAGE_TRANSFER_DOWNLOAD,
    STORAGE_TRANSFER_WIPE,
} storageTransferKind;

/* Marks ref's volume in use and returns its path (and capacity); the pool
 * is left unlocked but referenced in *objp. */
static char *
storageVolBeginTransfer(const virDrvStorageVol *ref, virStoragePoolObj **objp,
                        unsigned long long *capacity)
{
    virStorageVolDef *vol = storageVolFromRef(ref, objp);
    char *path;

    if (!vol)
        return NULL;
    if (vol->type != VIR_STORAGE_VOL_FILE && vol->type != VIR_STORAGE_VOL_BLOCK) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       "volume '%s' cannot be transferred", vol->name);
        virStoragePoolObjEndAPI(objp);
        return NULL;
    }
    vol->inUse++;
    path = g_strdup(vol->target.path);
    *capacity = vol->capacity;
    virStoragePoolObjUnlock(*objp);
    return path;
}

static void
storageVolEndTransfer(const virDrvStorageVol *ref, virStoragePoolObj **objp)
{
    virStorageVolDef *vol;
    const storageBackend *backend;

    virStoragePoolObjLock(*objp);
    if ((vol = virStoragePoolObjFindVolByName(*objp, ref->name))) {
        if (vol->inUse)
            vol->inUse--;
        /* Sizes changed with the data. */
        if ((backend = storageBackendForType((*objp)->def->type)) &&
            backend->refreshVol((*objp)->def, vol) < 0)
            virErrorReset();
    }
    virStoragePoolObjEndAPI(objp);
}

static int
storageVolUpload(virDrvConnect *conn, virDrvStorageVol *ref, virNetServerStream *st,
                 unsigned long long offset, unsigned long long length, unsigned int flags)
{
    virStoragePoolObj *obj = NULL;
    unsigned long long capacity = 0;
    g_autofree char *path = NULL;
    int rc;

    virCheckFlags(VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, -1);
    if (!(path = storageVolBeginTransfer(ref, &obj, &capacity)))
        return -1;
    if (offset > capacity) {
        virReportError(VIR_ERR_INVALID_ARG, "offset %llu is past the end of volume '%s'",
                       offset, ref->name);
        rc = -1;
    } else {
        rc = storageTransferUpload(st, path, offset, length,
                                   flags & VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM);
    }
    storageVolEndTransfer(ref, &obj);
    return rc;
}

static int
storageVolDownload(virDrvConnect *conn, virDrvStorageVol *ref, virNetServerStream *st,
                   unsigned long long offset, unsigned long long length, unsigned int flags)
{
    virStoragePoolObj *obj = NULL;
    unsigned long long capacity = 0;
    g_autofree char *path = NULL;
    int rc;

    virCheckFlags(VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, -1);
    if (!(path = storageVolBeginTransfer(ref, &obj, &capacity)))
        return -1;
    rc = storageTransferDownload(st, path, offset, length,
                                 flags & VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM);
    storageVolEndTransfer(ref, &obj);
    return rc;
}

static int
storageVolWipe(virDrvConnect *conn, virDrvStorageVol *ref, unsigned int algorithm,
               unsigned int flags)
{
    virStoragePoolObj *obj = NULL;
    unsigned long long capacity = 0;
    g_autofree char *path = NULL;
    int rc;

    virCheckFlags(0, -1);
    if (algorithm >= VIR_STORAGE_VOL_WIPE_ALG_LAST) {
        virReportError(VIR_ERR_INVALID_ARG, "wiping algorithm %d not supported", algorithm);
        return -1;
    }
    if (!(path = storageVolBeginTransfer(ref, &obj, &capacity)))
        return -1;
    rc = storageWipe(path, -1, algorithm, capacity);
    storageVolEndTransfer(ref, &obj);
    return rc;
}

static const virStorageDriver storageDriverTable = {
    .name = "storage",
    .uriSchemes = storageURISchemes,
    .connectOpen = storageConnectOpen,
    .connectClose = storageConnectClose,
    .connectListAllStoragePools = storageConnectListAllStoragePools,
    .connectFindStoragePoolSources = storageConnectFindStoragePoolSources,
    .poolLookupByName = storagePoolLookupByName,
    .poolLookupByUUID = storagePoolLookupByUUID,
    .poolLookupByVolume = storagePoolLookupByVolume,
    .poolLookupByTargetPath = storagePoolLookupByTargetPath,
    .poolCreateXML = storagePoolCreateXML,
    .poolDefineXML = storagePoolDefineXML,
    .poolBuild = storagePoolBuild,
    .poolUndefine = storagePoolUndefine,
    .poolCreate = storagePoolCreate,
    .poolDestroy = storagePoolDestroy,
    .poolDelete = storagePoolDelete,
    .poolRefresh = storagePoolRefresh,
    .poolGetInfo = storagePoolGetInfo,
    .poolGetXMLDesc = storagePoolGetXMLDesc,
    .poolGetAutostart = storagePoolGetAutostart,
    .poolSetAutostart = storagePoolSetAutostart,
    .poolIsActive = storagePoolIsActive,
    .poolIsPersistent = storagePoolIsPersistent,
    .poolListAllVolumes = storagePoolListAllVolumes,
    .volLookupByName = storageVolLookupByName,
    .volLookupByKey = storageVolLookupByKey,
    .volLookupByPath = storageVolLookupByPath,
    .volCreateXML = storageVolCreateXML,
    .volCreateXMLFrom = storageVolCreateXMLFrom,
    .volDelete = storageVolDelete,
    .volWipe = storageVolWipe,
    .volResize = storageVolResize,
    .volGetInfo = storageVolGetInfo,
    .volGetXMLDesc = storageVolGetXMLDesc,
    .volGetPath = storageVolGetPath,
    .volUpload = storageVolUpload,
    .volDownload = storageVolDownload,
};

/* ------------------------------------------------------------------ */
/* State                                                               */

/* Pools that were active when the daemon stopped: if the host still has
 * them (mounted, volume group there), they stay active, not started
 * again; otherwise they are marked inactive. */
static void
storageReconnectAll(void)
{
    g_autoptr(GPtrArray) all = virStoragePoolObjListCollect(storage_driver->pools, 0);
    size_t i;

    for (i = 0; i < all->len; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(all, i);
        const storageBackend *backend;

        virStoragePoolObjLock(obj);
        if (obj->active) {
            backend = storageBackendForType(obj->def->type);
            if (!backend || !backend->isActive(obj->def) || storagePoolRefreshObj(obj) < 0) {
                VIR_WARN("storage pool %s is no longer usable, marking it inactive",
                         obj->def->name);
                virErrorReset();
                virStoragePoolObjDeleteStatus(storage_driver->stateDir, obj->def->name);
                virStoragePoolObjClearVols(obj);
                obj->active = false;
                virStoragePoolObjUnsetDefTransient(obj);
                if (!obj->persistent)
                    virStoragePoolObjListRemove(storage_driver->pools, obj);
            }
        }
        virStoragePoolObjUnlock(obj);
    }
}

/* Autostart pools start once per boot (a marker in /run says it was done
 * by this boot's daemon). */
static void
storageAutostartAll(void)
{
    g_autofree char *marker = g_strdup_printf("%s/autostarted", storage_driver->stateDir);
    g_autoptr(GPtrArray) all = NULL;
    size_t i;

    if (virFileExists(marker))
        return;
    all = virStoragePoolObjListCollect(storage_driver->pools, 0);
    for (i = 0; i < all->len; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(all, i);
        g_autoptr(virStoragePoolDef) copy = NULL;

        virStoragePoolObjLock(obj);
        if (obj->autostart && !obj->active) {
            if (storagePoolStartObj(obj, 0) < 0) {
                VIR_WARN("cannot autostart storage pool %s: %s", obj->def->name,
                         virErrorGetLast() ? virErrorGetLast()->message : "");
                virErrorReset();
            } else {
                copy = virStoragePoolDefCopy(obj->def);
            }
        }
        virStoragePoolObjUnlock(obj);
        if (copy)
            storagePoolEmit(copy, VIR_STORAGE_POOL_EVENT_STARTED);
    }
    if (virFileWriteStrAtomic(marker, "", 0644) < 0)
        virErrorReset();
}

static int
storageStateInitialize(bool privileged)
{
    g_autoptr(storageDriverState) driver = g_new0(storageDriverState, 1);
    int n;

    driver->privileged = privileged;
    driver->configDir = virFileRootPath("/etc/libvirt/storage");
    driver->autostartDir = virFileRootPath("/etc/libvirt/storage/autostart");
    driver->stateDir = virFileRootPath("/run/libvirt/storage");
    driver->pools = virStoragePoolObjListNew();
    if (virFileMakePath(driver->configDir, 0755) < 0 ||
        virFileMakePath(driver->stateDir, 0755) < 0 ||
        (n = virStoragePoolObjListLoadAllConfigs(driver->pools, driver->configDir,
                                                 driver->autostartDir)) < 0 ||
        virStoragePoolObjListLoadAllState(driver->pools, driver->stateDir) < 0)
        return -1;
    VIR_INFO("loaded %d storage pool(s) from %s", n, driver->configDir);
    storage_driver = g_steal_pointer(&driver);
    storageReconnectAll();
    storageAutostartAll();
    return 0;
}

/* Active pools stay as they are (mounted, groups active): stopping the
 * daemon is not stopping them. */
static int
storageStateCleanup(void)
{
    g_clear_pointer(&storage_driver, storageDriverStateFree);
    return 0;
}

static int
storageStateReload(void)
{
    if (!storage_driver)
        return 0;
    return virStoragePoolObjListLoadAllConfigs(storage_driver->pools, storage_driver->configDir,
                                               storage_driver->autostartDir) < 0 ? -1 : 0;
}

/* A transfer in progress keeps the daemon alive under --timeout. */
static bool
storageStateInhibitsExit(void)
{
    g_autoptr(GPtrArray) all = NULL;
    bool busy = false;
    size_t i;

    if (!storage_driver)
        return false;
    all = virStoragePoolObjListCollect(storage_driver->pools, 0);
    for (i = 0; i < all->len && !busy; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(all, i);

        virStoragePoolObjLock(obj);
        busy = storagePoolVolsInUse(obj);
        virStoragePoolObjUnlock(obj);
    }
    return busy;
}

static const virStateDriver storageStateDriver = {
    .name = "storage",
    .storage = &storageDriverTable,
    .stateInitialize = storageStateInitialize,
    .stateCleanup = storageStateCleanup,
    .stateReload = storageStateReload,
    .stateInhibitsExit = storageStateInhibitsExit,
};

const virStateDriver *
storageRegister(void)
{
    return &storageStateDriver;
}
