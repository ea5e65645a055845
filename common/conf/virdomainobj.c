#include "virdomainobj.h"

#include <string.h>

#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virDomainObjState, VIR_DOMAIN_LAST,
              "nostate", "running", "blocked", "paused", "shutdown",
              "shutoff", "crashed", "pmsuspended");

VIR_ENUM_IMPL(virDomainRunningReason, VIR_DOMAIN_RUNNING_LAST,
              "unknown", "booted", "migrated", "restored", "from snapshot",
              "unpaused", "migration canceled", "save canceled", "event wakeup",
              "crashed", "post-copy", "post-copy failed");

VIR_ENUM_IMPL(virDomainPausedReason, VIR_DOMAIN_PAUSED_LAST,
              "unknown", "user", "migration", "save", "dump", "ioerror",
              "watchdog", "from snapshot", "shutdown", "snapshot", "panicked",
              "starting up", "post-copy", "post-copy failed");

VIR_ENUM_IMPL(virDomainShutdownReason, VIR_DOMAIN_SHUTDOWN_LAST,
              "unknown", "user");

VIR_ENUM_IMPL(virDomainShutoffReason, VIR_DOMAIN_SHUTOFF_LAST,
              "unknown", "shutdown", "destroyed", "crashed", "migrated",
              "saved", "failed", "from snapshot", "daemon");

VIR_ENUM_IMPL(virDomainCrashedReason, VIR_DOMAIN_CRASHED_LAST,
              "unknown", "panicked");

const char *
virDomainObjReasonToString(int state, int reason)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING: return virDomainRunningReasonTypeToString(reason);
    case VIR_DOMAIN_PAUSED: return virDomainPausedReasonTypeToString(reason);
    case VIR_DOMAIN_SHUTDOWN: return virDomainShutdownReasonTypeToString(reason);
    case VIR_DOMAIN_SHUTOFF: return virDomainShutoffReasonTypeToString(reason);
    case VIR_DOMAIN_CRASHED: return virDomainCrashedReasonTypeToString(reason);
    default: return "unknown";
    }
}

int
virDomainObjReasonFromString(int state, const char *reason)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING: return virDomainRunningReasonTypeFromString(reason);
    case VIR_DOMAIN_PAUSED: return virDomainPausedReasonTypeFromString(reason);
    case VIR_DOMAIN_SHUTDOWN: return virDomainShutdownReasonTypeFromString(reason);
    case VIR_DOMAIN_SHUTOFF: return virDomainShutoffReasonTypeFromString(reason);
    case VIR_DOMAIN_CRASHED: return virDomainCrashedReasonTypeFromString(reason);
    default: return 0;
    }
}

struct _virDomainObjList {
    GMutex lock;
    GHashTable *byUUID;     /* uuid string -> virDomainObj (one ref) */
    GHashTable *byName;     /* name -> virDomainObj (no ref) */
    int nextID;
};

static void
virDomainObjFree(virDomainObj *obj)
{
    if (obj->privateFree)
        obj->privateFree(obj->privateData);
    virDomainDefFree(obj->def);
    virDomainDefFree(obj->newDef);
    g_mutex_clear(&obj->lock);
    g_free(obj);
}

virDomainObj *
virDomainObjRef(virDomainObj *obj)
{
    g_atomic_int_inc(&obj->refs);
    return obj;
}

void
virDomainObjUnref(virDomainObj *obj)
{
    if (obj && g_atomic_int_dec_and_test(&obj->refs))
        virDomainObjFree(obj);
}

void
virDomainObjLock(virDomainObj *obj)
{
    g_mutex_lock(&obj->lock);
}

void
virDomainObjUnlock(virDomainObj *obj)
{
    g_mutex_unlock(&obj->lock);
}

void
virDomainObjEndAPI(virDomainObj **obj)
{
    if (!*obj)
        return;
    virDomainObjUnlock(*obj);
    virDomainObjUnref(*obj);
    *obj = NULL;
}

bool
virDomainObjIsActive(const virDomainObj *obj)
{
    return obj->def->id >= 0;
}

void
virDomainObjSetState(virDomainObj *obj, int state, int reason)
{
    obj->state = state;
    obj->reason = reason;
}

virDomainDef *
virDomainObjGetPersistentDef(virDomainObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

virDomainObjList *
virDomainObjListNew(void)
{
    virDomainObjList *doms = g_new0(virDomainObjList, 1);

    g_mutex_init(&doms->lock);
    doms->byUUID = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)virDomainObjUnref);
    doms->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    doms->nextID = 1;
    return doms;
}

void
virDomainObjListFree(virDomainObjList *doms)
{
    if (!doms)
        return;
    g_hash_table_unref(doms->byName);
    g_hash_table_unref(doms->byUUID);
    g_mutex_clear(&doms->lock);
    g_free(doms);
}

/* Takes the object's lock after dropping the list's, so a slow holder of
 * one domain never blocks lookups of the others. */
static virDomainObj *
virDomainObjListLockFound(virDomainObjList *doms, virDomainObj *obj)
{
    if (!obj) {
        g_mutex_unlock(&doms->lock);
        return NULL;
    }
    virDomainObjRef(obj);
    g_mutex_unlock(&doms->lock);
    virDomainObjLock(obj);
    if (obj->removed) {
        virDomainObjUnlock(obj);
        virDomainObjUnref(obj);
        return NULL;
    }
    return obj;
}

virDomainObj *
virDomainObjListFindByUUID(virDomainObjList *doms, const unsigned char *uuid)
{
    char key[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(uuid, key);
    g_mutex_lock(&doms->lock);
    return virDomainObjListLockFound(doms, g_hash_table_lookup(doms->byUUID, key));
}

virDomainObj *
virDomainObjListFindByName(virDomainObjList *doms, const char *name)
{
    g_mutex_lock(&doms->lock);
    return virDomainObjListLockFound(doms, g_hash_table_lookup(doms->byName, name));
}

static gboolean
virDomainObjHasID(gpointer key, gpointer value, gpointer opaque)
{
    virDomainObj *obj = value;

    /* id lives in the def, which is only replaced under both locks. */
    return obj->def->id == *(int *)opaque;
}

virDomainObj *
virDomainObjListFindByID(virDomainObjList *doms, int id)
{
    g_mutex_lock(&doms->lock);
    return virDomainObjListLockFound(doms,
        g_hash_table_find(doms->byUUID, virDomainObjHasID, &id));
}

virDomainObj *
virDomainObjListAdd(virDomainObjList *doms, virDomainDef **def, bool live,
                    virDomainDef **oldDef)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDomainObj *obj;
    virDomainObj *byName;

    virUUIDFormat((*def)->uuid, uuidstr);
    if (oldDef)
        *oldDef = NULL;

    g_mutex_lock(&doms->lock);
    obj = g_hash_table_lookup(doms->byUUID, uuidstr);
    byName = g_hash_table_lookup(doms->byName, (*def)->name);

    if (obj) {
        virDomainObjRef(obj);
        g_mutex_unlock(&doms->lock);
        virDomainObjLock(obj);
        if (strcmp(obj->def->name, (*def)->name) != 0) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           "domain '%s' is already defined with uuid %s",
                           obj->def->name, uuidstr);
            goto error;
        }
        if (live && virDomainObjIsActive(obj)) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "domain '%s' is already active", obj->def->name);
            goto error;
        }
        if (virDomainObjIsActive(obj)) {
            /* The new definition takes effect at the next start. */
            if (oldDef)
                *oldDef = obj->newDef;
            else
                virDomainDefFree(obj->newDef);
            obj->newDef = g_steal_pointer(def);
        } else {
            if (oldDef)
                *oldDef = obj->def;
            else
                virDomainDefFree(obj->def);
            obj->def = g_steal_pointer(def);
            obj->def->id = -1;
        }
        return obj;
    }

    if (byName) {
        char other[VIR_UUID_STRING_BUFLEN];

        g_mutex_unlock(&doms->lock);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       "domain '%s' already exists with uuid %s",
                       (*def)->name, virUUIDFormat(byName->def->uuid, other));
        return NULL;
    }

    obj = g_new0(virDomainObj, 1);
    g_mutex_init(&obj->lock);
    obj->refs = 2;          /* the list's and the caller's */
    obj->def = g_steal_pointer(def);
    obj->def->id = -1;
    virDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    g_hash_table_insert(doms->byUUID, g_strdup(uuidstr), obj);
    g_hash_table_insert(doms->byName, g_strdup(obj->def->name), obj);
    virDomainObjLock(obj);
    g_mutex_unlock(&doms->lock);
    return obj;

 error:
    virDomainObjUnlock(obj);
    virDomainObjUnref(obj);
    return NULL;
}

void
virDomainObjListRemove(virDomainObjList *doms, virDomainObj *obj)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(obj->def->uuid, uuidstr);
    obj->removed = true;
    g_mutex_lock(&doms->lock);
    g_hash_table_remove(doms->byName, obj->def->name);
    g_hash_table_remove(doms->byUUID, uuidstr);
    g_mutex_unlock(&doms->lock);
}

GPtrArray *
virDomainObjListCollect(virDomainObjList *doms)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)virDomainObjUnref);
    GHashTableIter iter;
    gpointer value;

    g_mutex_lock(&doms->lock);
    g_hash_table_iter_init(&iter, doms->byUUID);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_ptr_array_add(all, virDomainObjRef(value));
    g_mutex_unlock(&doms->lock);
    return all;
}

int
virDomainObjListNextID(virDomainObjList *doms)
{
    int id;

    g_mutex_lock(&doms->lock);
    id = doms->nextID++;
    g_mutex_unlock(&doms->lock);
    return id;
}

void
virDomainObjListBumpID(virDomainObjList *doms, int used)
{
    g_mutex_lock(&doms->lock);
    if (used >= doms->nextID)
        doms->nextID = used + 1;
    g_mutex_unlock(&doms->lock);
}
