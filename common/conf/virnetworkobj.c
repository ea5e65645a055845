#include "virnetworkobj.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("conf.virnetworkobj");

/* Largest network XML file we read back. */
#define VIR_NETWORK_FILE_MAX (10 * 1024 * 1024)

struct _virNetworkObjList {
    GMutex lock;
    GHashTable *byUUID;     /* uuid string -> virNetworkObj (one ref) */
    GHashTable *byName;     /* name -> virNetworkObj (no ref) */
};

static void
virNetworkObjFree(virNetworkObj *obj)
{
    if (obj->privateFree)
        obj->privateFree(obj->privateData);
    virNetworkDefFree(obj->def);
    virNetworkDefFree(obj->newDef);
    g_mutex_clear(&obj->lock);
    g_free(obj);
}

virNetworkObj *
virNetworkObjRef(virNetworkObj *obj)
{
    g_atomic_int_inc(&obj->refs);
    return obj;
}

void
virNetworkObjUnref(virNetworkObj *obj)
{
    if (obj && g_atomic_int_dec_and_test(&obj->refs))
        virNetworkObjFree(obj);
}

void
virNetworkObjLock(virNetworkObj *obj)
{
    g_mutex_lock(&obj->lock);
}

void
virNetworkObjUnlock(virNetworkObj *obj)
{
    g_mutex_unlock(&obj->lock);
}

void
virNetworkObjEndAPI(virNetworkObj **obj)
{
    if (!*obj)
        return;
    virNetworkObjUnlock(*obj);
    virNetworkObjUnref(*obj);
    *obj = NULL;
}

virNetworkObjList *
virNetworkObjListNew(void)
{
    virNetworkObjList *nets = g_new0(virNetworkObjList, 1);

    g_mutex_init(&nets->lock);
    nets->byUUID = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)virNetworkObjUnref);
    nets->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return nets;
}

void
virNetworkObjListFree(virNetworkObjList *nets)
{
    if (!nets)
        return;
    g_hash_table_unref(nets->byName);
    g_hash_table_unref(nets->byUUID);
    g_mutex_clear(&nets->lock);
    g_free(nets);
}

static virNetworkObj *
virNetworkObjListLockFound(virNetworkObjList *nets, virNetworkObj *obj)
{
    if (!obj) {
        g_mutex_unlock(&nets->lock);
        return NULL;
    }
    virNetworkObjRef(obj);
    g_mutex_unlock(&nets->lock);
    virNetworkObjLock(obj);
    if (obj->removed) {
        virNetworkObjUnlock(obj);
        virNetworkObjUnref(obj);
        return NULL;
    }
    return obj;
}

virNetworkObj *
virNetworkObjListFindByUUID(virNetworkObjList *nets, const unsigned char *uuid)
{
    char key[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(uuid, key);
    g_mutex_lock(&nets->lock);
    return virNetworkObjListLockFound(nets, g_hash_table_lookup(nets->byUUID, key));
}

virNetworkObj *
virNetworkObjListFindByName(virNetworkObjList *nets, const char *name)
{
    g_mutex_lock(&nets->lock);
    return virNetworkObjListLockFound(nets, g_hash_table_lookup(nets->byName, name));
}

virNetworkDef *
virNetworkObjGetPersistentDef(virNetworkObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

void
virNetworkObjSetDefTransient(virNetworkObj *obj)
{
    if (obj->persistent && !obj->newDef)
        obj->newDef = virNetworkDefCopy(obj->def);
}

void
virNetworkObjUnsetDefTransient(virNetworkObj *obj)
{
    if (obj->newDef) {
        virNetworkDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
}

/* Puts def into an existing locked object. */
static void
virNetworkObjAssignDef(virNetworkObj *obj, virNetworkDef *def, unsigned int flags,
                       virNetworkDef **oldDef)
{
    virNetworkDef *replaced;

    if (flags & VIR_NETWORK_OBJ_LIST_ADD_LIVE) {
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
        virNetworkDefFree(replaced);
}

virNetworkObj *
virNetworkObjListAdd(virNetworkObjList *nets, virNetworkDef **def, unsigned int flags,
                     virNetworkDef **oldDef)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virNetworkObj *obj;
    virNetworkObj *byName;

    virUUIDFormat((*def)->uuid, uuidstr);
    if (oldDef)
        *oldDef = NULL;

    g_mutex_lock(&nets->lock);
    obj = g_hash_table_lookup(nets->byUUID, uuidstr);
    byName = g_hash_table_lookup(nets->byName, (*def)->name);

    if (obj) {
        virNetworkObjRef(obj);
        g_mutex_unlock(&nets->lock);
        virNetworkObjLock(obj);
        /* A name never changes while listed, as Add refuses it here. */
        if (strcmp(obj->def->name, (*def)->name) != 0) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           "network '%s' is already defined with uuid %s",
                           obj->def->name, uuidstr);
            goto error;
        }
        if ((flags & VIR_NETWORK_OBJ_LIST_ADD_CHECK_LIVE) && obj->active) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "network is already active as '%s'", obj->def->name);
            goto error;
        }
        virNetworkObjAssignDef(obj, g_steal_pointer(def), flags, oldDef);
        return obj;
    }

    if (byName) {
        char other[VIR_UUID_STRING_BUFLEN];

        /* The other's uuid never changes while listed: no lock needed. */
        virUUIDFormat(byName->def->uuid, other);
        g_mutex_unlock(&nets->lock);
        virReportError(VIR_ERR_OPERATION_FAILED,
                       "network '%s' already exists with uuid %s", (*def)->name, other);
        return NULL;
    }

    obj = g_new0(virNetworkObj, 1);
    g_mutex_init(&obj->lock);
    obj->refs = 2;          /* the list's and the caller's */
    obj->def = g_steal_pointer(def);
    obj->persistent = !(flags & VIR_NETWORK_OBJ_LIST_ADD_LIVE);
    g_hash_table_insert(nets->byUUID, g_strdup(uuidstr), obj);
    g_hash_table_insert(nets->byName, g_strdup(obj->def->name), obj);
    virNetworkObjLock(obj);
    g_mutex_unlock(&nets->lock);
    return obj;

 error:
    virNetworkObjUnlock(obj);
    virNetworkObjUnref(obj);
    return NULL;
}

void
virNetworkObjListRemove(virNetworkObjList *nets, virNetworkObj *obj)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virUUIDFormat(obj->def->uuid, uuidstr);
    obj->removed = true;
    g_mutex_lock(&nets->lock);
    if (g_hash_table_lookup(nets->byName, obj->def->name) == obj)
        g_hash_table_remove(nets->byName, obj->def->name);
    if (g_hash_table_lookup(nets->byUUID, uuidstr) == obj)
        g_hash_table_remove(nets->byUUID, uuidstr);
    g_mutex_unlock(&nets->lock);
}

/* Each pair of flags is a set of alternatives; an empty pair passes. */
static bool
virNetworkObjMatchPair(unsigned int flags, unsigned int yes, unsigned int no, bool value)
{
    if (!(flags & (yes | no)))
        return true;
    return ((flags & yes) && value) || ((flags & no) && !value);
}

bool
virNetworkObjMatchFlags(virNetworkObj *obj, unsigned int flags)
{
    return virNetworkObjMatchPair(flags, VIR_CONNECT_LIST_NETWORKS_ACTIVE,
                                  VIR_CONNECT_LIST_NETWORKS_INACTIVE, obj->active) &&
           virNetworkObjMatchPair(flags, VIR_CONNECT_LIST_NETWORKS_PERSISTENT,
                                  VIR_CONNECT_LIST_NETWORKS_TRANSIENT, obj->persistent) &&
           virNetworkObjMatchPair(flags, VIR_CONNECT_LIST_NETWORKS_AUTOSTART,
                                  VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, obj->autostart);
}

GPtrArray *
virNetworkObjListCollect(virNetworkObjList *nets, unsigned int flags)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)virNetworkObjUnref);
    GPtrArray *result = g_ptr_array_new_with_free_func((GDestroyNotify)virNetworkObjUnref);
    GList *names;
    GList *l;
    size_t i;

    /* Sorted by the index's own copies of the names: an object's
     * definition is not ours to read without its lock. */
    g_mutex_lock(&nets->lock);
    names = g_list_sort(g_hash_table_get_keys(nets->byName), (GCompareFunc)strcmp);
    for (l = names; l; l = l->next)
        g_ptr_array_add(all, virNetworkObjRef(g_hash_table_lookup(nets->byName, l->data)));
    g_list_free(names);
    g_mutex_unlock(&nets->lock);

    /* Filtering reads the state, under each object's own lock; without
     * filters nothing is read, so a caller holding one of the objects
     * locked may collect them all. */
    if (flags == 0) {
        g_ptr_array_unref(result);
        return all;
    }
    for (i = 0; i < all->len; i++) {
        virNetworkObj *obj = g_ptr_array_index(all, i);
        bool match;

        virNetworkObjLock(obj);
        match = !obj->removed && virNetworkObjMatchFlags(obj, flags);
        virNetworkObjUnlock(obj);
        if (match)
            g_ptr_array_add(result, virNetworkObjRef(obj));
    }
    g_ptr_array_unref(all);
    return result;
}

size_t
virNetworkObjListCount(virNetworkObjList *nets, unsigned int flags)
{
    g_autoptr(GPtrArray) all = virNetworkObjListCollect(nets, flags);

    return all->len;
}

char **
virNetworkObjListGetNames(virNetworkObjList *nets, unsigned int flags)
{
    g_autoptr(GPtrArray) all = virNetworkObjListCollect(nets, flags);
    char **names = g_new0(char *, all->len + 1);
    size_t i;

    for (i = 0; i < all->len; i++) {
        virNetworkObj *obj = g_ptr_array_index(all, i);

        virNetworkObjLock(obj);
        names[i] = g_strdup(obj->def->name);
        virNetworkObjUnlock(obj);
    }
    return names;
}


/* ---- files ---- */

static char *
virNetworkFilePath(const char *dir, const char *name)
{
    return g_strdup_printf("%s/%s.xml", dir, name);
}

int
virNetworkSaveConfig(const char *configDir, const virNetworkDef *def)
{
    g_autofree char *path = virNetworkFilePath(configDir, def->name);
    g_autofree char *xml = virNetworkDefFormat(def, VIR_NETWORK_XML_INACTIVE);

    if (virFileMakePath(configDir, 0700) < 0)
        return -1;
    return virFileWriteStrAtomic(path, xml, 0600);
}

int
virNetworkDeleteConfig(const char *configDir, const char *autostartDir, const char *name)
{
    g_autofree char *path = virNetworkFilePath(configDir, name);
    g_autofree char *link = virNetworkFilePath(autostartDir, name);

    if (virFileRemove(link) < 0)
        return -1;
    return virFileRemove(path);
}

int
virNetworkObjSetAutostart(virNetworkObj *obj, const char *configDir,
                          const char *autostartDir, bool autostart)
{
    g_autofree char *link = virNetworkFilePath(autostartDir, obj->def->name);
    g_autofree char *target = virNetworkFilePath(configDir, obj->def->name);

    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot set autostart for transient network");
        return -1;
    }
    if (virFileSetSymlink(link, target, autostart) < 0)
        return -1;
    obj->autostart = autostart;
    return 0;
}

/* NULL when the file is broken; the reason is logged, not reported, since
 * loading goes on with the other files. */
static virNetworkDef *
virNetworkLoadDefFile(const char *path)
{
    g_autofree char *xml = NULL;
    virNetworkDef *def;

    if (virFileReadAll(path, VIR_NETWORK_FILE_MAX, &xml) < 0 ||
        !(def = virNetworkDefParseString(xml, 0))) {
        const virErrorInfo *err = virErrorGetLast();

        VIR_WARN("skipping network file '%s': %s", path,
                 err && err->message ? err->message : "unknown error");
        virErrorReset();
        return NULL;
    }
    return def;
}

int
virNetworkObjListLoadAllConfigs(virNetworkObjList *nets, const char *configDir,
                                const char *autostartDir)
{
    g_autoptr(GPtrArray) names = virFileListXMLNames(configDir);
    int count = 0;
    size_t i;

    if (!names)
        return -1;
    for (i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *path = virNetworkFilePath(configDir, name);
        g_autofree char *link = virNetworkFilePath(autostartDir, name);
        g_autoptr(virNetworkDef) def = virNetworkLoadDefFile(path);
        virNetworkObj *obj;

        if (!def)
            continue;
        if (strcmp(def->name, name) != 0) {
            VIR_WARN("skipping network file '%s': it defines network '%s'", path, def->name);
            continue;
        }
        if (!(obj = virNetworkObjListAdd(nets, &def, 0, NULL))) {
            VIR_WARN("skipping network file '%s': %s", path, virErrorGetLast()->message);
            virErrorReset();
            continue;
        }
        obj->autostart = g_file_test(link, G_FILE_TEST_IS_SYMLINK);
        virNetworkObjEndAPI(&obj);
        count++;
    }
    return count;
}

int
virNetworkObjSaveStatus(const char *stateDir, virNetworkObj *obj)
{
    g_autofree char *path = virNetworkFilePath(stateDir, obj->def->name);
    g_autoptr(GString) buf = g_string_new("<networkstatus>\n");

    g_string_append_printf(buf, "  <floor sum='%llu'/>\n", obj->floorSum);
    virNetworkDefFormatBuf(buf, 2, obj->def, 0);
    g_string_append(buf, "</networkstatus>\n");

    if (virFileMakePath(stateDir, 0700) < 0)
        return -1;
    return virFileWriteStrAtomic(path, buf->str, 0600);
}

int
virNetworkObjDeleteStatus(const char *stateDir, const char *name)
{
    g_autofree char *path = virNetworkFilePath(stateDir, name);

    return virFileRemove(path);
}

/* Parses one status file; NULL (logged) when broken. */
static virNetworkDef *
virNetworkLoadStatusFile(const char *path, unsigned long long *floorSum)
{
    g_autofree char *xml = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;
    xmlNodePtr floor;
    virNetworkDef *def = NULL;

    *floorSum = 0;
    if (virFileReadAll(path, VIR_NETWORK_FILE_MAX, &xml) == 0 &&
        (doc = virXMLParseString(xml, "(network_status)", "networkstatus",
                                 VIR_FROM_NETWORK))) {
        root = xmlDocGetRootElement(doc);
        if ((floor = virXMLChild(root, "floor"))) {
            g_autofree char *sum = virXMLPropString(floor, "sum");

            if (sum && virXMLStrToULL(sum, 10, floorSum) < 0)
                *floorSum = 0;
        }
        if (!virXMLChild(root, "network"))
            virReportError(VIR_ERR_XML_ERROR, "%s", "missing <network> in network status");
        else
            def = virNetworkDefParseNode(virXMLChild(root, "network"), 0);
    }
    if (!def) {
        const virErrorInfo *err = virErrorGetLast();

        VIR_WARN("skipping network status file '%s': %s", path,
                 err && err->message ? err->message : "unknown error");
        virErrorReset();
    }
    return def;
}

int
virNetworkObjListLoadAllState(virNetworkObjList *nets, const char *stateDir)
{
    g_autoptr(GPtrArray) names = virFileListXMLNames(stateDir);
    int count = 0;
    size_t i;

    if (!names)
        return -1;
    for (i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *path = virNetworkFilePath(stateDir, name);
        unsigned long long floorSum;
        g_autoptr(virNetworkDef) def = virNetworkLoadStatusFile(path, &floorSum);
        virNetworkObj *obj;

        if (!def)
            continue;
        if (strcmp(def->name, name) != 0) {
            VIR_WARN("skipping network status file '%s': it is for network '%s'",
                     path, def->name);
            continue;
        }
        if (!(obj = virNetworkObjListAdd(nets, &def, VIR_NETWORK_OBJ_LIST_ADD_LIVE, NULL))) {
            VIR_WARN("skipping network status file '%s': %s", path,
                     virErrorGetLast()->message);
            virErrorReset();
            continue;
        }
        obj->active = true;
        obj->floorSum = floorSum;
        virNetworkObjEndAPI(&obj);
        count++;
    }
    return count;
}
