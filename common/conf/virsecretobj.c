#include "virsecretobj.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

VIR_LOG_INIT("conf.virsecretobj");

struct _virSecretObjList {
    GMutex lock;
    GHashTable *byUUID;     /* uuid string -> virSecretObj (one ref) */
    GHashTable *byUsage;    /* usage key -> virSecretObj (no ref) */
};

/* "type:id", the key of the usage index; NULL for a secret without usage.
 * An object's usage never changes (virSecretObjListAdd refuses that), so
 * the index needs no object lock. */
static char *
virSecretUsageKey(int usageType, const char *usageID)
{
    if (usageType == VIR_SECRET_USAGE_TYPE_NONE || !usageID)
        return NULL;
    return g_strdup_printf("%d:%s", usageType, usageID);
}

void
virSecretValueFree(unsigned char *value, size_t size)
{
    if (!value)
        return;
    /* A freed value must not linger on the heap. */
    memset(value, 0, size);
    g_free(value);
}

static void
virSecretObjFree(virSecretObj *obj)
{
    virSecretDefFree(obj->def);
    virSecretValueFree(obj->value, obj->valueSize);
    g_mutex_clear(&obj->lock);
    g_free(obj);
}

virSecretObj *
virSecretObjRef(virSecretObj *obj)
{
    g_atomic_int_inc(&obj->refs);
    return obj;
}

void
virSecretObjUnref(virSecretObj *obj)
{
    if (obj && g_atomic_int_dec_and_test(&obj->refs))
        virSecretObjFree(obj);
}

void
virSecretObjLock(virSecretObj *obj)
{
    g_mutex_lock(&obj->lock);
}

void
virSecretObjUnlock(virSecretObj *obj)
{
    g_mutex_unlock(&obj->lock);
}

void
virSecretObjEndAPI(virSecretObj **obj)
{
    if (!*obj)
        return;
    virSecretObjUnlock(*obj);
    virSecretObjUnref(*obj);
    *obj = NULL;
}

virSecretObjList *
virSecretObjListNew(void)
{
    virSecretObjList *secrets = g_new0(virSecretObjList, 1);

    g_mutex_init(&secrets->lock);
    secrets->byUUID = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)virSecretObjUnref);
    secrets->byUsage = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return secrets;
}

void
virSecretObjListFree(virSecretObjList *secrets)
{
    if (!secrets)
        return;
    g_hash_table_unref(secrets->byUsage);
    g_hash_table_unref(secrets->byUUID);
    g_mutex_clear(&secrets->lock);
    g_free(secrets);
}

/* Takes the object's lock after dropping the list's, so a slow holder of
 * one secret never blocks lookups of the others. */
static virSecretObj *
virSecretObjListLockFound(virSecretObjList *secrets, virSecretObj *obj)
{
    if (!obj) {
        g_mutex_unlock(&secrets->lock);
        return NULL;
    }
    virSecretObjRef(obj);
    g_mutex_unlock(&secrets->lock);
    virSecretObjLock(obj);
    if (obj->removed) {
        virSecretObjUnlock(obj);
        virSecretObjUnref(obj);
        return NULL;
    }
    return obj;
}

virSecretObj *
virSecretObjListFindByUUID(virSecretObjList *secrets, const unsigned char *uuid)
{
    char key[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(uuid, key);
    g_mutex_lock(&secrets->lock);
    return virSecretObjListLockFound(secrets, g_hash_table_lookup(secrets->byUUID, key));
}

virSecretObj *
virSecretObjListFindByUsage(virSecretObjList *secrets, int usageType, const char *usageID)
{
    g_autofree char *key = virSecretUsageKey(usageType, usageID);

    if (!key)
        return NULL;
    g_mutex_lock(&secrets->lock);
    return virSecretObjListLockFound(secrets, g_hash_table_lookup(secrets->byUsage, key));
}

/* Redefinition of a locked, listed object: the usage stays, privacy too. */
static int
virSecretObjCheckRedefine(virSecretObj *obj, const virSecretDef *def)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (obj->def->usageType != def->usageType ||
        g_strcmp0(obj->def->usageID, def->usageID) != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "a secret with UUID %s is already defined for use with %s",
                       virUUIDFormat(obj->def->uuid, uuidstr),
                       obj->def->usageID ? obj->def->usageID : "nothing");
        return -1;
    }
    if (obj->def->isPrivate && !def->isPrivate) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "cannot change private flag on existing secret");
        return -1;
    }
    return 0;
}

virSecretObj *
virSecretObjListAdd(virSecretObjList *secrets, virSecretDef **def,
                    virSecretDef **oldDef)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    g_autofree char *usageKey = virSecretUsageKey((*def)->usageType, (*def)->usageID);
    virSecretObj *obj;
    virSecretObj *other;

    virUUIDFormat((*def)->uuid, uuidstr);
    if (oldDef)
        *oldDef = NULL;

    for (;;) {
        g_mutex_lock(&secrets->lock);
        if (!(obj = g_hash_table_lookup(secrets->byUUID, uuidstr)))
            break;

        virSecretObjRef(obj);
        g_mutex_unlock(&secrets->lock);
        virSecretObjLock(obj);
        if (obj->removed) {
            /* Undefined meanwhile: this is a new secret after all. */
            virSecretObjUnlock(obj);
            virSecretObjUnref(obj);
            continue;
        }
        if (virSecretObjCheckRedefine(obj, *def) < 0) {
            virSecretObjUnlock(obj);
            virSecretObjUnref(obj);
            return NULL;
        }
        if (oldDef)
            *oldDef = obj->def;
        else
            virSecretDefFree(obj->def);
        obj->def = g_steal_pointer(def);
        return obj;
    }

    /* Still under the list lock: a new UUID. */
    if (usageKey && (other = g_hash_table_lookup(secrets->byUsage, usageKey))) {
        char otherstr[VIR_UUID_STRING_BUFLEN];

        /* The other's UUID never changes: no need for its lock. */
        g_mutex_unlock(&secrets->lock);
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "a secret with UUID %s already defined for use with %s",
                       virUUIDFormat(other->def->uuid, otherstr), (*def)->usageID);
        return NULL;
    }

    obj = g_new0(virSecretObj, 1);
    g_mutex_init(&obj->lock);
    obj->refs = 2;          /* the list's and the caller's */
    obj->def = g_steal_pointer(def);
    g_hash_table_insert(secrets->byUUID, g_strdup(uuidstr), obj);
    if (usageKey)
        g_hash_table_insert(secrets->byUsage, g_steal_pointer(&usageKey), obj);
    virSecretObjLock(obj);
    g_mutex_unlock(&secrets->lock);
    return obj;
}

void
virSecretObjListRemove(virSecretObjList *secrets, virSecretObj *obj)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    g_autofree char *usageKey = virSecretUsageKey(obj->def->usageType, obj->def->usageID);

    virUUIDFormat(obj->def->uuid, uuidstr);
    obj->removed = true;
    g_mutex_lock(&secrets->lock);
    if (usageKey && g_hash_table_lookup(secrets->byUsage, usageKey) == obj)
        g_hash_table_remove(secrets->byUsage, usageKey);
    if (g_hash_table_lookup(secrets->byUUID, uuidstr) == obj)
        g_hash_table_remove(secrets->byUUID, uuidstr);
    g_mutex_unlock(&secrets->lock);
}

GPtrArray *
virSecretObjListCollect(virSecretObjList *secrets)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)virSecretObjUnref);
    GHashTableIter iter;
    gpointer value;

    g_mutex_lock(&secrets->lock);
    g_hash_table_iter_init(&iter, secrets->byUUID);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_ptr_array_add(all, virSecretObjRef(value));
    g_mutex_unlock(&secrets->lock);
    return all;
}

size_t
virSecretObjListCount(virSecretObjList *secrets)
{
    size_t n;

    g_mutex_lock(&secrets->lock);
    n = g_hash_table_size(secrets->byUUID);
    g_mutex_unlock(&secrets->lock);
    return n;
}

/* Each group of flags is a set of alternatives; an empty group passes. */
static bool
virSecretObjMatchGroup(unsigned int flags, unsigned int yes, unsigned int no, bool value)
{
    if (!(flags & (yes | no)))
        return true;
    return ((flags & yes) && value) || ((flags & no) && !value);
}

bool
virSecretObjMatchFlags(virSecretObj *obj, unsigned int flags)
{
    return virSecretObjMatchGroup(flags, VIR_CONNECT_LIST_SECRETS_EPHEMERAL,
                                  VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL,
                                  obj->def->isEphemeral) &&
           virSecretObjMatchGroup(flags, VIR_CONNECT_LIST_SECRETS_PRIVATE,
                                  VIR_CONNECT_LIST_SECRETS_NO_PRIVATE,
                                  obj->def->isPrivate);
}

int
virSecretObjGetValue(virSecretObj *obj, unsigned char **value, size_t *size)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj->value) {
        virReportError(VIR_ERR_NO_SECRET, "secret '%s' does not have a value",
                       virUUIDFormat(obj->def->uuid, uuidstr));
        return -1;
    }
    /* One byte more, so that an empty value is not a NULL pointer. */
    *value = g_malloc0(obj->valueSize + 1);
    memcpy(*value, obj->value, obj->valueSize);
    *size = obj->valueSize;
    return 0;
}

void
virSecretObjSetValue(virSecretObj *obj, const unsigned char *value, size_t size,
                     unsigned char **old, size_t *oldSize)
{
    unsigned char *copy = g_malloc0(size + 1);

    if (size)
        memcpy(copy, value, size);
    if (old) {
        *old = obj->value;
        *oldSize = obj->valueSize;
    } else {
        virSecretValueFree(obj->value, obj->valueSize);
    }
    obj->value = copy;
    obj->valueSize = size;
}
