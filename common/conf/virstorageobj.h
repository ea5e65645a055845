/* Storage pool objects: a pool definition plus whether it runs, is
 * persistent and starts on boot, with the volumes found in it; lockable and
 * reference counted, and the list of them the storage driver keeps, with
 * the files that store them:
 *
 *   CONFIGDIR/NAME.xml         persistent definition
 *   AUTOSTARTDIR/NAME.xml      symlink to the above when autostarted
 *   STATEDIR/NAME.xml          <poolstate><pool>(live)</pool></poolstate>
 *                              of a running pool
 *
 * Locking: the list has one mutex guarding its indexes; each pool has its
 * own, which also guards its volumes. Lookups take the pool's lock after
 * dropping the list's, so a slow operation (a build, a wipe) on one pool
 * never blocks lookups of the others. */
#pragma once

#include "internal.h"

#include "storage_conf.h"

typedef struct _virStoragePoolObj virStoragePoolObj;
struct _virStoragePoolObj {
    GMutex lock;
    gint refs;

    virStoragePoolDef *def;     /* the live definition while active */
    virStoragePoolDef *newDef;  /* the persistent one while active (NULL if unchanged) */
    bool active;
    bool starting;              /* being started: not yet active */
    bool persistent;
    bool autostart;
    bool removed;               /* dropped from the list; stale references see it */
    unsigned int asyncjobs;     /* volume builds and uploads under way */

    /* the volumes found by the last refresh (virStorageVolDef *, owned);
     * indexed by name, key and path */
    GPtrArray *volumes;
    GHashTable *volByName;
    GHashTable *volByKey;
    GHashTable *volByPath;

    void *privateData;          /* the backend's */
    GDestroyNotify privateFree;
};

typedef struct _virStoragePoolObjList virStoragePoolObjList;

virStoragePoolObjList *virStoragePoolObjListNew(void);
void virStoragePoolObjListFree(virStoragePoolObjList *pools);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePoolObjList, virStoragePoolObjListFree);

/* Lookups return the pool locked and referenced (or NULL, nothing
 * reported); release it with virStoragePoolObjEndAPI(). */
virStoragePoolObj *virStoragePoolObjListFindByUUID(virStoragePoolObjList *pools,
                                                   const unsigned char *uuid);
virStoragePoolObj *virStoragePoolObjListFindByName(virStoragePoolObjList *pools,
                                                   const char *name);
/* The pool whose (live) target path is path, compared sanitized. The caller
 * must not hold any pool's lock: each pool is locked in turn. */
virStoragePoolObj *virStoragePoolObjListFindByTargetPath(virStoragePoolObjList *pools,
                                                         const char *path);
/* The pool of type whose source has a device of that path (same rule:
 * no pool lock held by the caller). */
virStoragePoolObj *virStoragePoolObjListFindBySourceDevice(virStoragePoolObjList *pools,
                                                           int type, const char *path);
/* The first active pool for which searcher (called with the pool locked)
 * returns true; no pool lock may be held by the caller. */
virStoragePoolObj *virStoragePoolObjListSearch(virStoragePoolObjList *pools,
                                               bool (*searcher)(virStoragePoolObj *obj,
                                                                const void *opaque),
                                               const void *opaque);

typedef enum {
    /* def is the live definition of a pool being started (create, or the
     * start of a transient one); without it def is a persistent one. */
    VIR_STORAGE_POOL_OBJ_LIST_ADD_LIVE = 1 << 0,
    /* Refuse an existing pool that is active. */
    VIR_STORAGE_POOL_OBJ_LIST_ADD_CHECK_LIVE = 1 << 1,
} virStoragePoolObjListAddFlags;

/* Adds def, or replaces the matching definition of the pool with the same
 * name and uuid. Refused (reported, NULL) as libvirt refuses them: the name
 * of another uuid ("pool 'X' already exists with uuid Y"), the uuid of
 * another name ("pool 'X' is already defined with uuid Y"), with CHECK_LIVE
 * an active pool ("pool is already active as 'X'"), and another pool on the
 * same storage ("Storage source conflict with pool: 'X'": two dir pools on
 * one target path, netfs/gluster on one export, fs/logical/disk/zfs/iscsi
 * sharing a source device, one scsi adapter, a second mpath pool...).
 * The caller must not hold any pool's lock. A new pool is persistent unless
 * LIVE is given. On success the pool is returned locked and referenced;
 * def is taken over only then, and *oldDef (if asked) gets the replaced
 * definition. */
virStoragePoolObj *virStoragePoolObjListAdd(virStoragePoolObjList *pools,
                                            virStoragePoolDef **def, unsigned int flags,
                                            virStoragePoolDef **oldDef);
/* Drops a locked pool from the list (it stays valid for its holders). */
void virStoragePoolObjListRemove(virStoragePoolObjList *pools, virStoragePoolObj *obj);

/* The pools passing the virConnectListAllStoragePoolsFlags filters, sorted
 * by name, each referenced but not locked. With flags 0 no pool is locked,
 * so a caller holding one pool locked may collect them all; the state and
 * type filters lock each pool in turn. */
GPtrArray *virStoragePoolObjListCollect(virStoragePoolObjList *pools, unsigned int flags);
size_t virStoragePoolObjListCount(virStoragePoolObjList *pools, unsigned int flags);
/* Names of the pools passing flags (NULL terminated, sorted). */
char **virStoragePoolObjListGetNames(virStoragePoolObjList *pools, unsigned int flags);

void virStoragePoolObjLock(virStoragePoolObj *obj);
void virStoragePoolObjUnlock(virStoragePoolObj *obj);
virStoragePoolObj *virStoragePoolObjRef(virStoragePoolObj *obj);
void virStoragePoolObjUnref(virStoragePoolObj *obj);
/* Unlock and unref, then clear the pointer. */
void virStoragePoolObjEndAPI(virStoragePoolObj **obj);

/* True when the locked pool passes virConnectListAllStoragePoolsFlags. */
bool virStoragePoolObjMatchFlags(virStoragePoolObj *obj, unsigned int flags);

/* The persistent definition (newDef while running, else def). */
virStoragePoolDef *virStoragePoolObjGetPersistentDef(virStoragePoolObj *obj);
/* On start: keep a copy of a persistent pool's definition as newDef, so
 * live values (sizes, permissions found) do not touch it. */
void virStoragePoolObjSetDefTransient(virStoragePoolObj *obj);
/* On stop: the persistent definition becomes the current one again. */
void virStoragePoolObjUnsetDefTransient(virStoragePoolObj *obj);

/* ---- the volumes of a locked pool ---- */

/* Takes voldef over on success. Refused (reported): a name already there
 * (VIR_ERR_STORAGE_VOL_EXIST), or a key or path of another volume
 * (VIR_ERR_INTERNAL_ERROR). */
int virStoragePoolObjAddVol(virStoragePoolObj *obj, virStorageVolDef *voldef);
/* Removes and frees voldef (a pointer from this pool). */
void virStoragePoolObjRemoveVol(virStoragePoolObj *obj, virStorageVolDef *voldef);
/* Forgets every volume (before a refresh, on stop). */
void virStoragePoolObjClearVols(virStoragePoolObj *obj);
size_t virStoragePoolObjGetVolumesCount(virStoragePoolObj *obj);
/* Borrowed pointers, valid while the pool stays locked; NULL if absent. */
virStorageVolDef *virStoragePoolObjFindVolByName(virStoragePoolObj *obj, const char *name);
virStorageVolDef *virStoragePoolObjFindVolByKey(virStoragePoolObj *obj, const char *key);
virStorageVolDef *virStoragePoolObjFindVolByPath(virStoragePoolObj *obj, const char *path);
/* The volumes in the order they were added (borrowed pointers). */
GPtrArray *virStoragePoolObjListVolumes(virStoragePoolObj *obj);
/* Their names (NULL terminated, caller frees). */
char **virStoragePoolObjGetVolNames(virStoragePoolObj *obj);

/* ---- files ---- */

/* Persistent configuration. Save writes DIR/NAME.xml atomically. */
int virStoragePoolSaveConfig(const char *configDir, const virStoragePoolDef *def);
/* Removes the config file and the autostart link (missing files are fine). */
int virStoragePoolDeleteConfig(const char *configDir, const char *autostartDir,
                               const char *name);
/* Loads every DIR/NAME.xml as an inactive persistent pool, with autostart
 * from AUTOSTARTDIR. A broken file is logged and skipped: one bad pool must
 * not hide the others. Returns the number of pools loaded, or -1 when the
 * directory itself cannot be read (a missing one is empty). */
int virStoragePoolObjListLoadAllConfigs(virStoragePoolObjList *pools, const char *configDir,
                                        const char *autostartDir);

/* Autostart: AUTOSTARTDIR/NAME.xml -> CONFIGDIR/NAME.xml. Refused for a
 * transient pool. Updates obj->autostart. */
int virStoragePoolObjSetAutostart(virStoragePoolObj *obj, const char *configDir,
                                  const char *autostartDir, bool autostart);

/* Status of running pools: STATEDIR/NAME.xml. */
int virStoragePoolObjSaveStatus(const char *stateDir, virStoragePoolObj *obj);
int virStoragePoolObjDeleteStatus(const char *stateDir, const char *name);
/* Loads every status file: the pool becomes active with that live
 * definition (a persistent one keeps its config as newDef; an unknown one
 * is added as transient). Broken files are logged and skipped. Returns the
 * number loaded or -1. */
int virStoragePoolObjListLoadAllState(virStoragePoolObjList *pools, const char *stateDir);
