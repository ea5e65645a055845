/* Network objects: a definition plus whether it runs, is persistent and
 * starts on boot, lockable and reference counted, and the list of them a
 * network driver keeps, with the files that store them:
 *
 *   CONFIGDIR/NAME.xml         persistent definition (inactive XML)
 *   AUTOSTARTDIR/NAME.xml      symlink to the above when autostarted
 *   STATEDIR/NAME.xml          live definition of a running network
 *
 * Locking: the list has one mutex guarding its indexes; each object has its
 * own. Lookups take the object's lock after dropping the list's, so a slow
 * operation on one network never blocks the others. */
#pragma once

#include "internal.h"

#include "network_conf.h"

typedef struct _virNetworkObj virNetworkObj;
struct _virNetworkObj {
    GMutex lock;
    gint refs;

    virNetworkDef *def;         /* the live definition while active */
    virNetworkDef *newDef;      /* the persistent one while active (NULL if unchanged) */
    bool active;
    bool persistent;
    bool autostart;
    bool removed;               /* dropped from the list; stale references see it */

    unsigned long long floorSum;    /* inbound floor handed out to ports (status) */

    void *privateData;          /* the driver's (dnsmasq pid, ports...) */
    GDestroyNotify privateFree;
};

typedef struct _virNetworkObjList virNetworkObjList;

virNetworkObjList *virNetworkObjListNew(void);
void virNetworkObjListFree(virNetworkObjList *nets);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetworkObjList, virNetworkObjListFree);

/* Lookups return the object locked and referenced (or NULL, nothing
 * reported); release it with virNetworkObjEndAPI(). */
virNetworkObj *virNetworkObjListFindByUUID(virNetworkObjList *nets, const unsigned char *uuid);
virNetworkObj *virNetworkObjListFindByName(virNetworkObjList *nets, const char *name);

typedef enum {
    /* def is the live definition of a network being started (create, or
     * start of a transient one); without it def is a persistent one. */
    VIR_NETWORK_OBJ_LIST_ADD_LIVE = 1 << 0,
    /* Refuse an existing network that is active. */
    VIR_NETWORK_OBJ_LIST_ADD_CHECK_LIVE = 1 << 1,
} virNetworkObjListAddFlags;

/* Adds def, or replaces the matching definition of the network with the
 * same name and uuid. Refused (reported, NULL): the name of another uuid
 * ("network 'X' already exists with uuid Y"), the uuid of another name,
 * and with CHECK_LIVE an active network. A new object is persistent unless
 * LIVE is given. On success the object is returned locked and referenced;
 * def is taken over only then, and *oldDef (if asked) gets the replaced
 * definition. */
virNetworkObj *virNetworkObjListAdd(virNetworkObjList *nets, virNetworkDef **def,
                                    unsigned int flags, virNetworkDef **oldDef);
/* Drops a locked object from the list (it stays valid for its holders). */
void virNetworkObjListRemove(virNetworkObjList *nets, virNetworkObj *obj);

/* The objects passing the virConnectListAllNetworksFlags filters, sorted by
 * name, each referenced but not locked. */
GPtrArray *virNetworkObjListCollect(virNetworkObjList *nets, unsigned int flags);
size_t virNetworkObjListCount(virNetworkObjList *nets, unsigned int flags);
/* Names of the objects passing flags (NULL terminated, sorted). */
char **virNetworkObjListGetNames(virNetworkObjList *nets, unsigned int flags);

void virNetworkObjLock(virNetworkObj *obj);
void virNetworkObjUnlock(virNetworkObj *obj);
virNetworkObj *virNetworkObjRef(virNetworkObj *obj);
void virNetworkObjUnref(virNetworkObj *obj);
/* Unlock and unref, then clear the pointer. */
void virNetworkObjEndAPI(virNetworkObj **obj);

/* True when the locked object passes virConnectListAllNetworksFlags. */
bool virNetworkObjMatchFlags(virNetworkObj *obj, unsigned int flags);

/* The persistent definition (newDef while running, else def). */
virNetworkDef *virNetworkObjGetPersistentDef(virNetworkObj *obj);
/* On start: keep a copy of a persistent network's definition as newDef,
 * so live changes do not touch it. */
void virNetworkObjSetDefTransient(virNetworkObj *obj);
/* On stop: the persistent definition becomes the current one again. */
void virNetworkObjUnsetDefTransient(virNetworkObj *obj);

/* Persistent configuration. Save writes DIR/NAME.xml atomically. */
int virNetworkSaveConfig(const char *configDir, const virNetworkDef *def);
/* Removes the config file and the autostart link (missing files are fine). */
int virNetworkDeleteConfig(const char *configDir, const char *autostartDir,
                           const char *name);
/* Loads every DIR/NAME.xml as an inactive persistent network, with autostart
 * from AUTOSTARTDIR. A broken file is logged and skipped: one bad network
 * must not hide the others. Returns the number of networks loaded, or -1
 * when the directory itself cannot be read (a missing one is empty). */
int virNetworkObjListLoadAllConfigs(virNetworkObjList *nets, const char *configDir,
                                    const char *autostartDir);

/* Autostart: AUTOSTARTDIR/NAME.xml -> CONFIGDIR/NAME.xml. Refused for a
 * transient network. Updates obj->autostart. */
int virNetworkObjSetAutostart(virNetworkObj *obj, const char *configDir,
                              const char *autostartDir, bool autostart);

/* Status of running networks: STATEDIR/NAME.xml holds
 * <networkstatus><floor sum='N'/><network>(live)</network></networkstatus>. */
int virNetworkObjSaveStatus(const char *stateDir, virNetworkObj *obj);
int virNetworkObjDeleteStatus(const char *stateDir, const char *name);
/* Loads every status file: the network becomes active with that live
 * definition (a persistent one keeps its config as newDef; an unknown one
 * is added as transient). Broken files are logged and skipped. Returns the
 * number loaded or -1. */
int virNetworkObjListLoadAllState(virNetworkObjList *nets, const char *stateDir);
