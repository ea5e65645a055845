#include "virstorageobj.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("conf.virstorageobj");

/* Largest pool XML file we read back. */
#define VIR_STORAGE_POOL_FILE_MAX (10 * 1024 * 1024)

struct _virStoragePoolObjList {
    GMutex lock;
    GHashTable *byUUID;     /* uuid string -> virStoragePoolObj (one ref) */
    GHashTable *byName;     /* name -> virStoragePoolObj (no ref) */
    /* Serializes additions, so the conflict checks and the insertion are
     * one step; taken before any pool lock, never while holding one. */
    GMutex addLock;
};

/* The virConnectListAllStoragePoolsFlags bit of each pool type. */
static const unsigned int virStoragePoolTypeFlags[VIR_STORAGE_POOL_LAST] = {
    [VIR_STORAGE_POOL_DIR] = VIR_CONNECT_LIST_STORAGE_POOLS_DIR,
    [VIR_STORAGE_POOL_FS] = VIR_CONNECT_LIST_STORAGE_POOLS_FS,
    [VIR_STORAGE_POOL_NETFS] = VIR_CONNECT_LIST_STORAGE_POOLS_NETFS,
    [VIR_STORAGE_POOL_LOGICAL] = VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL,
    [VIR_STORAGE_POOL_DISK] = VIR_CONNECT_LIST_STORAGE_POOLS_DISK,
    [VIR_STORAGE_POOL_ISCSI] = VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI,
    [VIR_STORAGE_POOL_ISCSI_DIRECT] = VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT,
    [VIR_STORAGE_POOL_SCSI] = VIR_CONNECT_LIST_STORAGE_POOLS_SCSI,
    [VIR_STORAGE_POOL_MPATH] = VIR_CONNECT_LIST_STORAGE_POOLS_MPATH,
    [VIR_STORAGE_POOL_RBD] = VIR_CONNECT_LIST_STORAGE_POOLS_RBD,
    [VIR_STORAGE_POOL_SHEEPDOG] = VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG,
    [VIR_STORAGE_POOL_GLUSTER] = VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER,
    [VIR_STORAGE_POOL_ZFS] = VIR_CONNECT_LIST_STORAGE_POOLS_ZFS,
    [VIR_STORAGE_POOL_VSTORAGE] = VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE,
};

#define VIR_STORAGE_POOL_TYPE_FILTERS \
    (VIR_CONNECT_LIST_STORAGE_POOLS_DIR | VIR_CONNECT_LIST_STORAGE_POOLS_FS | \
     VIR_CONNECT_LIST_STORAGE_POOLS_NETFS | VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL | \
     VIR_CONNECT_LIST_STORAGE_POOLS_DISK | VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI | \
     VIR_CONNECT_LIST_STORAGE_POOLS_SCSI | VIR_CONNECT_LIST_STORAGE_POOLS_MPATH | \
     VIR_CONNECT_LIST_STORAGE_POOLS_RBD | VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG | \
     VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER | VIR_CONNECT_LIST_STORAGE_POOLS_ZFS | \
     VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE | VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT)


/* ---- objects ---- */

static virStoragePoolObj *
virStoragePoolObjNew(void)
{
    virStoragePoolObj *obj = g_new0(virStoragePoolObj, 1);

    g_mutex_init(&obj->lock);
    obj->refs = 1;
    obj->volumes = g_ptr_array_new_with_free_func((GDestroyNotify)virStorageVolDefFree);
    obj->volByName = g_hash_table_new(g_str_hash, g_str_equal);
    obj->volByKey = g_hash_table_new(g_str_hash, g_str_equal);
    obj->volByPath = g_hash_table_new(g_str_hash, g_str_equal);
    return obj;
}

static void
virStoragePoolObjFree(virStoragePoolObj *obj)
{
    if (obj->privateFree)
        obj->privateFree(obj->privateData);
    g_hash_table_unref(obj->volByName);
    g_hash_table_unref(obj->volByKey);
    g_hash_table_unref(obj->volByPath);
    g_ptr_array_unref(obj->volumes);
    virStoragePoolDefFree(obj->def);
    virStoragePoolDefFree(obj->newDef);
    g_mutex_clear(&obj->lock);
    g_free(obj);
}

virStoragePoolObj *
virStoragePoolObjRef(virStoragePoolObj *obj)
{
    g_atomic_int_inc(&obj->refs);
    return obj;
}

void
virStoragePoolObjUnref(virStoragePoolObj *obj)
{
    if (obj && g_atomic_int_dec_and_test(&obj->refs))
        virStoragePoolObjFree(obj);
}

void
virStoragePoolObjLock(virStoragePoolObj *obj)
{
    g_mutex_lock(&obj->lock);
}

void
virStoragePoolObjUnlock(virStoragePoolObj *obj)
{
    g_mutex_unlock(&obj->lock);
}

void
virStoragePoolObjEndAPI(virStoragePoolObj **obj)
{
    if (!*obj)
        return;
    virStoragePoolObjUnlock(*obj);
    virStoragePoolObjUnref(*obj);
    *obj = NULL;
}

virStoragePoolDef *
virStoragePoolObjGetPersistentDef(virStoragePoolObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

void
virStoragePoolObjSetDefTransient(virStoragePoolObj *obj)
{
    if (obj->persistent && !obj->newDef)
        obj->newDef = virStoragePoolDefCopy(obj->def);
}

void
virStoragePoolObjUnsetDefTransient(virStoragePoolObj *obj)
{
    if (obj->newDef) {
        virStoragePoolDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
}


/* ---- volumes ---- */

int
virStoragePoolObjAddVol(virStoragePoolObj *obj, virStorageVolDef *voldef)
{
    if (g_hash_table_contains(obj->volByName, voldef->name)) {
        virReportError(VIR_ERR_STORAGE_VOL_EXIST, "'%s'", voldef->name);
        return -1;
    }
    if (voldef->key && g_hash_table_contains(obj->volByKey, voldef->key)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "volume key '%s' already in pool '%s'",
                       voldef->key, obj->def->name);
        return -1;
    }
    if (voldef->target.path && g_hash_table_contains(obj->volByPath, voldef->target.path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "volume path '%s' already in pool '%s'",
                       voldef->target.path, obj->def->name);
        return -1;
    }
    g_hash_table_insert(obj->volByName, voldef->name, voldef);
    if (voldef->key)
        g_hash_table_insert(obj->volByKey, voldef->key, voldef);
    if (voldef->target.path)
        g_hash_table_insert(obj->volByPath, voldef->target.path, voldef);
    g_ptr_array_add(obj->volumes, voldef);
    return 0;
}

void
virStoragePoolObjRemoveVol(virStoragePoolObj *obj, virStorageVolDef *voldef)
{
    if (!g_ptr_array_find(obj->volumes, voldef, NULL))
        return;
    if (g_hash_table_lookup(obj->volByName, voldef->name) == voldef)
        g_hash_table_remove(obj->volByName, voldef->name);
    if (voldef->key && g_hash_table_lookup(obj->volByKey, voldef->key) == voldef)
        g_hash_table_remove(obj->volByKey, voldef->key);
    if (voldef->target.path && g_hash_table_lookup(obj->volByPath, voldef->target.path) == voldef)
        g_hash_table_remove(obj->volByPath, voldef->target.path);
    g_ptr_array_remove(obj->volumes, voldef);
}

void
virStoragePoolObjClearVols(virStoragePoolObj *obj)
{
    g_hash_table_remove_all(obj->volByName);
    g_hash_table_remove_all(obj->volByKey);
    g_hash_table_remove_all(obj->volByPath);
    g_ptr_array_set_size(obj->volumes, 0);
}

size_t
virStoragePoolObjGetVolumesCount(virStoragePoolObj *obj)
{
    return obj->volumes->len;
}

virStorageVolDef *
virStoragePoolObjFindVolByName(virStoragePoolObj *obj, const char *name)
{
    return name ? g_hash_table_lookup(obj->volByName, name) : NULL;
}

virStorageVolDef *
virStoragePoolObjFindVolByKey(virStoragePoolObj *obj, const char *key)
{
    return key ? g_hash_table_lookup(obj->volByKey, key) : NULL;
}

virStorageVolDef *
virStoragePoolObjFindVolByPath(virStoragePoolObj *obj, const char *path)
{
    return path ? g_hash_table_lookup(obj->volByPath, path) : NULL;
}

GPtrArray *
virStoragePoolObjListVolumes(virStoragePoolObj *obj)
{
    GPtrArray *vols = g_ptr_array_sized_new(obj->volumes->len);
    size_t i;

    for (i = 0; i < obj->volumes->len; i++)
        g_ptr_array_add(vols, g_ptr_array_index(obj->volumes, i));
    return vols;
}

char **
virStoragePoolObjGetVolNames(virStoragePoolObj *obj)
{
    char **names = g_new0(char *, obj->volumes->len + 1);
    size_t i;

    for (i = 0; i < obj->volumes->len; i++)
        names[i] = g_strdup(((virStorageVolDef *)g_ptr_array_index(obj->volumes, i))->name);
    return names;
}


/* ---- the list ---- */

virStoragePoolObjList *
virStoragePoolObjListNew(void)
{
    virStoragePoolObjList *pools = g_new0(virStoragePoolObjList, 1);

    g_mutex_init(&pools->lock);
    g_mutex_init(&pools->addLock);
    pools->byUUID = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)virStoragePoolObjUnref);
    pools->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return pools;
}

void
virStoragePoolObjListFree(virStoragePoolObjList *pools)
{
    if (!pools)
        return;
    g_hash_table_unref(pools->byName);
    g_hash_table_unref(pools->byUUID);
    g_mutex_clear(&pools->addLock);
    g_mutex_clear(&pools->lock);
    g_free(pools);
}

/* Called with the list locked; drops that lock. */
static virStoragePoolObj *
virStoragePoolObjListLockFound(virStoragePoolObjList *pools, virStoragePoolObj *obj)
{
    if (!obj) {
        g_mutex_unlock(&pools->lock);
        return NULL;
    }
    virStoragePoolObjRef(obj);
    g_mutex_unlock(&pools->lock);
    virStoragePoolObjLock(obj);
    if (obj->removed) {
        virStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    return obj;
}

virStoragePoolObj *
virStoragePoolObjListFindByUUID(virStoragePoolObjList *pools, const unsigned char *uuid)
{
    char key[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(uuid, key);
    g_mutex_lock(&pools->lock);
    return virStoragePoolObjListLockFound(pools, g_hash_table_lookup(pools->byUUID, key));
}

virStoragePoolObj *
virStoragePoolObjListFindByName(virStoragePoolObjList *pools, const char *name)
{
    g_mutex_lock(&pools->lock);
    return virStoragePoolObjListLockFound(pools, g_hash_table_lookup(pools->byName, name));
}

/* Every listed pool, referenced, none locked. */
static GPtrArray *
virStoragePoolObjListSnapshot(virStoragePoolObjList *pools)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)virStoragePoolObjUnref);
    GHashTableIter iter;
    gpointer value;

    g_mutex_lock(&pools->lock);
    g_hash_table_iter_init(&iter, pools->byUUID);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_ptr_array_add(all, virStoragePoolObjRef(value));
    g_mutex_unlock(&pools->lock);
    return all;
}

typedef bool (*virStoragePoolObjMatcher)(virStoragePoolObj *obj, const void *opaque);

/* The first pool (locked, referenced) matcher accepts, trying each in
 * turn under its own lock. */
static virStoragePoolObj *
virStoragePoolObjListFind(virStoragePoolObjList *pools, virStoragePoolObjMatcher matcher,
                          const void *opaque)
{
    g_autoptr(GPtrArray) all = virStoragePoolObjListSnapshot(pools);
    size_t i;

    for (i = 0; i < all->len; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(all, i);

        virStoragePoolObjLock(obj);
        if (!obj->removed && matcher(obj, opaque))
            return virStoragePoolObjRef(obj);
        virStoragePoolObjUnlock(obj);
    }
    return NULL;
}

static bool
virStoragePoolObjMatchTargetPath(virStoragePoolObj *obj, const void *opaque)
{
    return g_strcmp0(obj->def->target.path, opaque) == 0;
}

virStoragePoolObj *
virStoragePoolObjListFindByTargetPath(virStoragePoolObjList *pools, const char *path)
{
    g_autofree char *clean = virStoragePathSanitize(path);

    return virStoragePoolObjListFind(pools, virStoragePoolObjMatchTargetPath, clean);
}

typedef struct {
    int type;
    const char *path;
} virStoragePoolObjDeviceQuery;

static bool
virStoragePoolObjMatchSourceDevice(virStoragePoolObj *obj, const void *opaque)
{
    const virStoragePoolObjDeviceQuery *query = opaque;
    size_t i;

    if (obj->def->type != query->type)
        return false;
    for (i = 0; i < obj->def->source.ndevice; i++) {
        if (g_strcmp0(obj->def->source.devices[i].path, query->path) == 0)
            return true;
    }
    return false;
}

virStoragePoolObj *
virStoragePoolObjListFindBySourceDevice(virStoragePoolObjList *pools, int type,
                                        const char *path)
{
    virStoragePoolObjDeviceQuery query = { type, path };

    return virStoragePoolObjListFind(pools, virStoragePoolObjMatchSourceDevice, &query);
}

typedef struct {
    bool (*searcher)(virStoragePoolObj *obj, const void *opaque);
    const void *opaque;
} virStoragePoolObjSearchData;

static bool
virStoragePoolObjMatchSearch(virStoragePoolObj *obj, const void *opaque)
{
    const virStoragePoolObjSearchData *data = opaque;

    return obj->active && data->searcher(obj, data->opaque);
}

virStoragePoolObj *
virStoragePoolObjListSearch(virStoragePoolObjList *pools,
                            bool (*searcher)(virStoragePoolObj *obj, const void *opaque),
                            const void *opaque)
{
    virStoragePoolObjSearchData data = { searcher, opaque };

    return virStoragePoolObjListFind(pools, virStoragePoolObjMatchSearch, &data);
}


/* ---- conflicts between pools: libvirt's rules ---- */

static bool
virStoragePoolSourceMatchSingleHost(const virStoragePoolSource *a, const virStoragePoolSource *b)
{
    if (!a->nhost || !b->nhost)
        return false;
    if (b->hosts[0].port && a->hosts[0].port != b->hosts[0].port)
        return false;
    return g_strcmp0(a->hosts[0].name, b->hosts[0].name) == 0;
}

static bool
virStoragePoolSourceSharesDevice(const virStoragePoolSource *a, const virStoragePoolSource *b)
{
    size_t i, j;

    for (i = 0; i < a->ndevice; i++) {
        for (j = 0; j < b->ndevice; j++) {
            if (g_strcmp0(a->devices[i].path, b->devices[j].path) == 0)
                return true;
        }
    }
    return false;
}

static bool
virStoragePoolAdapterMatch(const virStorageAdapter *a, const virStorageAdapter *b)
{
    if (a->type != b->type)
        return false;
    if (a->type == VIR_STORAGE_ADAPTER_TYPE_FC_HOST)
        return g_strcmp0(a->wwnn, b->wwnn) == 0 && g_strcmp0(a->wwpn, b->wwpn) == 0;
    if (a->name || b->name)
        return g_strcmp0(a->name, b->name) == 0;
    return a->hasParentAddr && b->hasParentAddr && a->uniqueId == b->uniqueId &&
           memcmp(&a->parentAddr, &b->parentAddr, sizeof(a->parentAddr)) == 0;
}

static bool
virStoragePoolTypeIsDeviceBased(int type)
{
    return type == VIR_STORAGE_POOL_ISCSI || type == VIR_STORAGE_POOL_ISCSI_DIRECT ||
           type == VIR_STORAGE_POOL_FS || type == VIR_STORAGE_POOL_LOGICAL ||
           type == VIR_STORAGE_POOL_DISK || type == VIR_STORAGE_POOL_ZFS;
}

/* Whether the new definition def uses the storage of the existing pool. */
static bool
virStoragePoolDefConflicts(const virStoragePoolDef *existing, const virStoragePoolDef *def)
{
    const virStoragePoolSource *es = &existing->source;
    const virStoragePoolSource *ds = &def->source;

    /* Redefining a pool is no conflict with itself. */
    if (strcmp(existing->name, def->name) == 0)
        return false;

    switch ((virStoragePoolType)existing->type) {
    case VIR_STORAGE_POOL_DIR:
        return def->type == existing->type &&
               g_strcmp0(existing->target.path, def->target.path) == 0;
    case VIR_STORAGE_POOL_GLUSTER:
        return def->type == existing->type && g_strcmp0(es->name, ds->name) == 0 &&
               g_strcmp0(es->dir, ds->dir) == 0 && virStoragePoolSourceMatchSingleHost(es, ds);
    case VIR_STORAGE_POOL_NETFS:
        return def->type == existing->type && g_strcmp0(es->dir, ds->dir) == 0 &&
               virStoragePoolSourceMatchSingleHost(es, ds);
    case VIR_STORAGE_POOL_SCSI:
        return def->type == existing->type && virStoragePoolAdapterMatch(&es->adapter, &ds->adapter);
    case VIR_STORAGE_POOL_ISCSI:
    case VIR_STORAGE_POOL_ISCSI_DIRECT:
    case VIR_STORAGE_POOL_FS:
    case VIR_STORAGE_POOL_LOGICAL:
    case VIR_STORAGE_POOL_DISK:
    case VIR_STORAGE_POOL_ZFS:
        if (!virStoragePoolTypeIsDeviceBased(def->type))
            return false;
        /* One iSCSI target may be used by several initiators. */
        if (existing->type == VIR_STORAGE_POOL_ISCSI)
            return def->type == VIR_STORAGE_POOL_ISCSI &&
                   virStoragePoolSourceSharesDevice(es, ds) &&
                   g_strcmp0(es->initiatorIqn, ds->initiatorIqn) == 0;
        if (def->type == VIR_STORAGE_POOL_ISCSI)
            return false;
        return virStoragePoolSourceSharesDevice(es, ds);
    case VIR_STORAGE_POOL_SHEEPDOG:
        return def->type == existing->type && virStoragePoolSourceMatchSingleHost(es, ds);
    case VIR_STORAGE_POOL_MPATH:
        /* One multipath pool per host. */
        return def->type == existing->type;
    case VIR_STORAGE_POOL_VSTORAGE:
        return def->type == existing->type && g_strcmp0(es->name, ds->name) == 0;
    case VIR_STORAGE_POOL_RBD:
    case VIR_STORAGE_POOL_LAST:
        break;
    }
    return false;
}

/* Reports the first pool whose storage def would share. Each pool is
 * locked in turn; the caller holds no pool lock. */
static int
virStoragePoolObjListCheckSources(virStoragePoolObjList *pools, const virStoragePoolDef *def)
{
    g_autoptr(GPtrArray) all = virStoragePoolObjListSnapshot(pools);
    size_t i;

    for (i = 0; i < all->len; i++) {
        virStoragePoolObj *obj = g_ptr_array_index(all, i);
        g_autofree char *conflict = NULL;

        virStoragePoolObjLock(obj);
        if (!obj->removed && virStoragePoolDefConflicts(obj->def, def))
            conflict = g_strdup(obj->def->name);
        virStoragePoolObjUnlock(obj);
        if (conflict) {
            virReportError(VIR_ERR_OPERATION_FAILED, "Storage source conflict with pool: '%s'",
                           conflict);
            return -1;
        }
    }
    return 0;
}

/* Puts def into an existing locked pool. */
static void
virStoragePoolObjAssignDef(virStoragePoolObj *obj, virStoragePoolDef *def, unsigned int flags,
                           virStoragePoolDef **oldDef)
{
    virStoragePoolDef *replaced;

    if (flags & VIR_STORAGE_POOL_OBJ_LIST_ADD_LIVE) {
        /* The persistent definition survives as newDef while running. */
        if (obj->persistent && !obj->newDef) {
            obj->newDef = obj->def;
            replaced = NULL;
        } else {
            replaced = obj->def;
        }
        obj->def = def;
    } else if (obj->active) {
        replaced = obj->newDef;
        obj->newDef = def;
        obj->persistent = true;
    } else {
        replaced = obj->def;
        obj->def = def;
        obj->persistent = true;
    }
    if (oldDef)
        *oldDef = replaced;
    else
        virStoragePoolDefFree(replaced);
}

/* With addLock held. */
static virStoragePoolObj *
virStoragePoolObjListAddLocked(virStoragePoolObjList *pools, virStoragePoolDef **def,
                               unsigned int flags, virStoragePoolDef **oldDef)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virStoragePoolObj *obj;
    virStoragePoolObj *byName;

    virUUIDFormat((*def)->uuid, uuidstr);
    for (;;) {
        g_mutex_lock(&pools->lock);
        obj = g_hash_table_lookup(pools->byUUID, uuidstr);
        byName = g_hash_table_lookup(pools->byName, (*def)->name);
        if (!obj)
            break;
        virStoragePoolObjRef(obj);
        g_mutex_unlock(&pools->lock);
        virStoragePoolObjLock(obj);
        if (!obj->removed)
            goto existing;
        /* Undefined meanwhile: look again. */
        virStoragePoolObjEndAPI(&obj);
    }

    if (byName) {
        g_autofree char *other = NULL;
        GHashTableIter iter;
        gpointer key;
        gpointer value;

        /* Its uuid from the index: its definition is not ours to read. */
        g_hash_table_iter_init(&iter, pools->byUUID);
        while (!other && g_hash_table_iter_next(&iter, &key, &value)) {
            if (value == byName)
                other = g_strdup(key);
        }
        g_mutex_unlock(&pools->lock);
        virReportError(VIR_ERR_OPERATION_FAILED, "pool '%s' already exists with uuid %s",
                       (*def)->name, other);
        return NULL;
    }
    g_mutex_unlock(&pools->lock);

    if (virStoragePoolObjListCheckSources(pools, *def) < 0)
        return NULL;

    obj = virStoragePoolObjNew();
    obj->refs = 2;          /* the list's and the caller's */
    obj->def = g_steal_pointer(def);
    obj->persistent = !(flags & VIR_STORAGE_POOL_OBJ_LIST_ADD_LIVE);
    virStoragePoolObjLock(obj);
    g_mutex_lock(&pools->lock);
    g_hash_table_insert(pools->byUUID, g_strdup(uuidstr), obj);
    g_hash_table_insert(pools->byName, g_strdup(obj->def->name), obj);
    g_mutex_unlock(&pools->lock);
    return obj;

 existing:
    /* A name never changes while listed, as this refuses it. */
    if (strcmp(obj->def->name, (*def)->name) != 0) {
        virReportError(VIR_ERR_OPERATION_FAILED, "pool '%s' is already defined with uuid %s",
                       obj->def->name, uuidstr);
        virStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    if ((flags & VIR_STORAGE_POOL_OBJ_LIST_ADD_CHECK_LIVE) && obj->active) {
        virReportError(VIR_ERR_OPERATION_INVALID, "pool is already active as '%s'",
                       obj->def->name);
        virStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    /* The others are checked without holding this pool's lock. */
    virStoragePoolObjUnlock(obj);
    if (virStoragePoolObjListCheckSources(pools, *def) < 0) {
        virStoragePoolObjUnref(obj);
        return NULL;
    }
    virStoragePoolObjLock(obj);
    virStoragePoolObjAssignDef(obj, g_steal_pointer(def), flags, oldDef);
    return obj;
}

virStoragePoolObj *
virStoragePoolObjListAdd(virStoragePoolObjList *pools, virStoragePoolDef **def,
                         unsigned int flags, virStoragePoolDef **oldDef)
{
    virStoragePoolObj *obj;

    if (oldDef)
        *oldDef = NULL;
    g_mutex_lock(&pools->addLock);
    obj = virStoragePoolObjListAddLocked(pools, def, flags, oldDef);
    g_mutex_unlock(&pools->addLock);
    return obj;
}

void
virStoragePoolObjListRemove(virStoragePoolObjList *pools, virStoragePoolObj *obj)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(obj->def->uuid, uuidstr);
    obj->removed = true;
    g_mutex_lock(&pools->lock);
    if (g_hash_table_lookup(pools->byName, obj->def->name) == obj)
        g_hash_table_remove(pools->byName, obj->def->name);
    if (g_hash_table_lookup(pools->byUUID, uuidstr) == obj)
        g_hash_table_remove(pools->byUUID, uuidstr);
    g_mutex_unlock(&pools->lock);
}

/* Each pair of flags is a set of alternatives; an empty pair passes. */
static bool
virStoragePoolObjMatchPair(unsigned int flags, unsigned int yes, unsigned int no, bool value)
{
    if (!(flags & (yes | no)))
        return true;
    return ((flags & yes) && value) || ((flags & no) && !value);
}

bool
virStoragePoolObjMatchFlags(virStoragePoolObj *obj, unsigned int flags)
{
    int type = obj->def->type;

    if ((flags & VIR_STORAGE_POOL_TYPE_FILTERS) &&
        (type < 0 || type >= VIR_STORAGE_POOL_LAST || !(flags & virStoragePoolTypeFlags[type])))
        return false;
    return virStoragePoolObjMatchPair(flags, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE,
                                      VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, obj->active) &&
           virStoragePoolObjMatchPair(flags, VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT,
                                      VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT, obj->persistent) &&
           virStoragePoolObjMatchPair(flags, VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART,
                                      VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART, obj->autostart);
}

typedef struct {
    char *name;
    virStoragePoolObj *obj;
} virStoragePoolObjListEntry;

static gint
virStoragePoolObjListEntryCompare(gconstpointer a, gconstpointer b)
{
    const virStoragePoolObjListEntry *ea = a;
    const virStoragePoolObjListEntry *eb = b;

    return strcmp(ea->name, eb->name);
}

/* The pools passing flags sorted by name, referenced, with their names
 * (a copy of the list's own, so no definition is read unlocked). */
static GPtrArray *
virStoragePoolObjListCollectNames(virStoragePoolObjList *pools, unsigned int flags,
                                  char ***names)
{
    g_autoptr(GArray) entries = g_array_new(FALSE, FALSE, sizeof(virStoragePoolObjListEntry));
    GPtrArray *result = g_ptr_array_new_with_free_func((GDestroyNotify)virStoragePoolObjUnref);
    GHashTableIter iter;
    gpointer key;
    gpointer value;
    size_t n = 0;
    size_t i;

    g_mutex_lock(&pools->lock);
    g_hash_table_iter_init(&iter, pools->byName);
    while (g_hash_table_iter_next(&iter, &key, &value)) {
        virStoragePoolObjListEntry entry = { g_strdup(key), virStoragePoolObjRef(value) };

        g_array_append_val(entries, entry);
    }
    g_mutex_unlock(&pools->lock);
    g_array_sort(entries, virStoragePoolObjListEntryCompare);

    if (names)
        *names = g_new0(char *, entries->len + 1);
    for (i = 0; i < entries->len; i++) {
        virStoragePoolObjListEntry *entry = &g_array_index(entries, virStoragePoolObjListEntry, i);
        bool match = true;

        /* Filtering reads the state, under each pool's own lock; without
         * filters nothing is read, so a caller holding one of the pools
         * locked may collect them all. */
        if (flags) {
            virStoragePoolObjLock(entry->obj);
            match = !entry->obj->removed && virStoragePoolObjMatchFlags(entry->obj, flags);
            virStoragePoolObjUnlock(entry->obj);
        }
        if (match) {
            g_ptr_array_add(result, entry->obj);
            if (names)
                (*names)[n++] = g_steal_pointer(&entry->name);
        } else {
            virStoragePoolObjUnref(entry->obj);
        }
        g_free(entry->name);
    }
    return result;
}

GPtrArray *
virStoragePoolObjListCollect(virStoragePoolObjList *pools, unsigned int flags)
{
    return virStoragePoolObjListCollectNames(pools, flags, NULL);
}

size_t
virStoragePoolObjListCount(virStoragePoolObjList *pools, unsigned int flags)
{
    g_autoptr(GPtrArray) all = virStoragePoolObjListCollect(pools, flags);

    return all->len;
}

char **
virStoragePoolObjListGetNames(virStoragePoolObjList *pools, unsigned int flags)
{
    char **names = NULL;
    g_autoptr(GPtrArray) all = virStoragePoolObjListCollectNames(pools, flags, &names);

    return names;
}


/* ---- files ---- */

static char *
virStoragePoolFilePath(const char *dir, const char *name)
{
    return g_strdup_printf("%s/%s.xml", dir, name);
}

int
virStoragePoolSaveConfig(const char *configDir, const virStoragePoolDef *def)
{
    g_autofree char *path = virStoragePoolFilePath(configDir, def->name);
    g_autofree char *xml = virStoragePoolDefFormat(def);

    if (!xml)
        return -1;
    if (virFileMakePath(configDir, 0700) < 0)
        return -1;
    return virFileWriteStrAtomic(path, xml, 0600);
}

int
virStoragePoolDeleteConfig(const char *configDir, const char *autostartDir, const char *name)
{
    g_autofree char *path = virStoragePoolFilePath(configDir, name);
    g_autofree char *link = virStoragePoolFilePath(autostartDir, name);

    if (virFileRemove(link) < 0)
        return -1;
    return virFileRemove(path);
}

int
virStoragePoolObjSetAutostart(virStoragePoolObj *obj, const char *configDir,
                              const char *autostartDir, bool autostart)
{
    g_autofree char *link = virStoragePoolFilePath(autostartDir, obj->def->name);
    g_autofree char *target = virStoragePoolFilePath(configDir, obj->def->name);

    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot set autostart for transient pool");
        return -1;
    }
    if (virFileSetSymlink(link, target, autostart) < 0)
        return -1;
    obj->autostart = autostart;
    return 0;
}

static void
virStoragePoolWarnSkipped(const char *what, const char *path)
{
    const virErrorInfo *err = virErrorGetLast();

    VIR_WARN("skipping storage pool %s '%s': %s", what, path,
             err && err->message ? err->message : "unknown error");
    virErrorReset();
}

/* NULL when the file is broken; the reason is logged, not reported, since
 * loading goes on with the other files. */
static virStoragePoolDef *
virStoragePoolLoadDefFile(const char *path)
{
    g_autofree char *xml = NULL;
    virStoragePoolDef *def;

    if (virFileReadAll(path, VIR_STORAGE_POOL_FILE_MAX, &xml) < 0 ||
        !(def = virStoragePoolDefParseString(xml, 0))) {
        virStoragePoolWarnSkipped("file", path);
        return NULL;
    }
    return def;
}

int
virStoragePoolObjListLoadAllConfigs(virStoragePoolObjList *pools, const char *configDir,
                                    const char *autostartDir)
{
    g_autoptr(GPtrArray) names = virFileListXMLNames(configDir);
    int count = 0;
    size_t i;

    if (!names)
        return -1;
    for (i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *path = virStoragePoolFilePath(configDir, name);
        g_autofree char *link = virStoragePoolFilePath(autostartDir, name);
        g_autoptr(virStoragePoolDef) def = virStoragePoolLoadDefFile(path);
        virStoragePoolObj *obj;

        if (!def)
            continue;
        if (strcmp(def->name, name) != 0) {
            VIR_WARN("skipping storage pool file '%s': it defines pool '%s'", path, def->name);
            continue;
        }
        if (!(obj = virStoragePoolObjListAdd(pools, &def, 0, NULL))) {
            virStoragePoolWarnSkipped("file", path);
            continue;
        }
        obj->autostart = g_file_test(link, G_FILE_TEST_IS_SYMLINK);
        virStoragePoolObjEndAPI(&obj);
        count++;
    }
    return count;
}

int
virStoragePoolObjSaveStatus(const char *stateDir, virStoragePoolObj *obj)
{
    g_autofree char *path = virStoragePoolFilePath(stateDir, obj->def->name);
    g_autoptr(GString) buf = g_string_new("<poolstate>\n");

    if (virStoragePoolDefFormatBuf(buf, 2, obj->def) < 0)
        return -1;
    g_string_append(buf, "</poolstate>\n");
    if (virFileMakePath(stateDir, 0700) < 0)
        return -1;
    return virFileWriteStrAtomic(path, buf->str, 0600);
}

int
virStoragePoolObjDeleteStatus(const char *stateDir, const char *name)
{
    g_autofree char *path = virStoragePoolFilePath(stateDir, name);

    return virFileRemove(path);
}

/* Parses one status file; NULL (logged) when broken. */
static virStoragePoolDef *
virStoragePoolLoadStatusFile(const char *path)
{
    g_autofree char *xml = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    virStoragePoolDef *def = NULL;

    if (virFileReadAll(path, VIR_STORAGE_POOL_FILE_MAX, &xml) == 0 &&
        (doc = virXMLParseString(xml, "(pool_state)", "poolstate", VIR_FROM_STORAGE))) {
        xmlNodePtr pool = virXMLChild(xmlDocGetRootElement(doc), "pool");

        if (!pool)
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "Could not find any 'pool' element in state file");
        else
            def = virStoragePoolDefParseNode(pool, 0);
    }
    if (!def)
        virStoragePoolWarnSkipped("state file", path);
    return def;
}

int
virStoragePoolObjListLoadAllState(virStoragePoolObjList *pools, const char *stateDir)
{
    g_autoptr(GPtrArray) names = virFileListXMLNames(stateDir);
    int count = 0;
    size_t i;

    if (!names)
        return -1;
    for (i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *path = virStoragePoolFilePath(stateDir, name);
        g_autoptr(virStoragePoolDef) def = virStoragePoolLoadStatusFile(path);
        virStoragePoolObj *obj;

        if (!def)
            continue;
        if (strcmp(def->name, name) != 0) {
            VIR_WARN("skipping storage pool state file '%s': it is for pool '%s'",
                     path, def->name);
            continue;
        }
        if (!(obj = virStoragePoolObjListAdd(pools, &def, VIR_STORAGE_POOL_OBJ_LIST_ADD_LIVE,
                                             NULL))) {
            virStoragePoolWarnSkipped("state file", path);
            continue;
        }
        obj->active = true;
        virStoragePoolObjEndAPI(&obj);
        count++;
    }
    return count;
}
