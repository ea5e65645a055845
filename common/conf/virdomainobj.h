/* Domain objects: a definition plus what it is doing right now (state,
 * id, process), lockable and reference counted, and the list of them a
 * hypervisor driver keeps. Definitions themselves stay plain data
 * (domain_conf.h). */
#pragma once

#include "internal.h"
#include <sys/types.h>

#include "domain_conf.h"
#include "virenum.h"

/* States and reasons: libvirt's public numbering (virDomainState...). */
typedef enum {
    VIR_DOMAIN_OBJ_NOSTATE = 0,
    VIR_DOMAIN_OBJ_RUNNING,
    VIR_DOMAIN_OBJ_BLOCKED,
    VIR_DOMAIN_OBJ_PAUSED,
    VIR_DOMAIN_OBJ_SHUTDOWN,
    VIR_DOMAIN_OBJ_SHUTOFF,
    VIR_DOMAIN_OBJ_CRASHED,
    VIR_DOMAIN_OBJ_PMSUSPENDED,
    VIR_DOMAIN_OBJ_STATE_LAST
} virDomainObjState;
VIR_ENUM_DECL(virDomainObjState);

typedef enum {
    VIR_DOMAIN_RUNNING_UNKNOWN = 0,
    VIR_DOMAIN_RUNNING_BOOTED,
    VIR_DOMAIN_RUNNING_MIGRATED,
    VIR_DOMAIN_RUNNING_RESTORED,
    VIR_DOMAIN_RUNNING_FROM_SNAPSHOT,
    VIR_DOMAIN_RUNNING_UNPAUSED,
    VIR_DOMAIN_RUNNING_MIGRATION_CANCELED,
    VIR_DOMAIN_RUNNING_SAVE_CANCELED,
    VIR_DOMAIN_RUNNING_WAKEUP,
    VIR_DOMAIN_RUNNING_CRASHED,
    VIR_DOMAIN_RUNNING_POSTCOPY,
    VIR_DOMAIN_RUNNING_POSTCOPY_FAILED,
    VIR_DOMAIN_RUNNING_LAST
} virDomainRunningReason;
VIR_ENUM_DECL(virDomainRunningReason);

typedef enum {
    VIR_DOMAIN_PAUSED_UNKNOWN = 0,
    VIR_DOMAIN_PAUSED_USER,
    VIR_DOMAIN_PAUSED_MIGRATION,
    VIR_DOMAIN_PAUSED_SAVE,
    VIR_DOMAIN_PAUSED_DUMP,
    VIR_DOMAIN_PAUSED_IOERROR,
    VIR_DOMAIN_PAUSED_WATCHDOG,
    VIR_DOMAIN_PAUSED_FROM_SNAPSHOT,
    VIR_DOMAIN_PAUSED_SHUTTING_DOWN,
    VIR_DOMAIN_PAUSED_SNAPSHOT,
    VIR_DOMAIN_PAUSED_CRASHED,
    VIR_DOMAIN_PAUSED_STARTING_UP,
    VIR_DOMAIN_PAUSED_POSTCOPY,
    VIR_DOMAIN_PAUSED_POSTCOPY_FAILED,
    VIR_DOMAIN_PAUSED_API_ERROR,
    VIR_DOMAIN_PAUSED_LAST
} virDomainPausedReason;
VIR_ENUM_DECL(virDomainPausedReason);

typedef enum {
    VIR_DOMAIN_SHUTDOWN_UNKNOWN = 0,
    VIR_DOMAIN_SHUTDOWN_USER,
    VIR_DOMAIN_SHUTDOWN_LAST
} virDomainShutdownReason;
VIR_ENUM_DECL(virDomainShutdownReason);

typedef enum {
    VIR_DOMAIN_SHUTOFF_UNKNOWN = 0,
    VIR_DOMAIN_SHUTOFF_SHUTDOWN,
    VIR_DOMAIN_SHUTOFF_DESTROYED,
    VIR_DOMAIN_SHUTOFF_CRASHED,
    VIR_DOMAIN_SHUTOFF_MIGRATED,
    VIR_DOMAIN_SHUTOFF_SAVED,
    VIR_DOMAIN_SHUTOFF_FAILED,
    VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT,
    VIR_DOMAIN_SHUTOFF_DAEMON,
    VIR_DOMAIN_SHUTOFF_LAST
} virDomainShutoffReason;
VIR_ENUM_DECL(virDomainShutoffReason);

/* The reason's name for a state, for status files ("booted"...). */
const char *virDomainObjReasonToString(int state, int reason);
int virDomainObjReasonFromString(int state, const char *reason);

typedef struct _virDomainObj virDomainObj;
struct _virDomainObj {
    GMutex lock;
    gint refs;

    virDomainDef *def;      /* the live definition while active */
    virDomainDef *newDef;   /* the persistent one while active (NULL if unchanged) */
    int state;
    int reason;
    pid_t pid;
    bool persistent;
    bool autostart;
    bool removed;           /* dropped from the list; stale references see it */

    void *privateData;      /* the driver's (monitor, paths...) */
    GDestroyNotify privateFree;
};

typedef struct _virDomainObjList virDomainObjList;

virDomainObjList *virDomainObjListNew(void);
void virDomainObjListFree(virDomainObjList *doms);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainObjList, virDomainObjListFree);

/* Lookups return the object locked and referenced (or NULL, nothing
 * reported); release it with virDomainObjEndAPI(). */
virDomainObj *virDomainObjListFindByUUID(virDomainObjList *doms, const unsigned char *uuid);
virDomainObj *virDomainObjListFindByName(virDomainObjList *doms, const char *name);
virDomainObj *virDomainObjListFindByID(virDomainObjList *doms, int id);

/* Adds def, or replaces the definition of the object with the same uuid.
 * A name clash with a different uuid, or the reverse, is an error. With
 * live set, an active object is refused ("already active"). On success the
 * object is returned locked and referenced, *oldDef (if asked) holds the
 * replaced persistent definition. def is taken over only on success. */
virDomainObj *virDomainObjListAdd(virDomainObjList *doms, virDomainDef **def,
                                  bool live, virDomainDef **oldDef);
/* Drops a locked object from the list (it stays valid for its holders). */
void virDomainObjListRemove(virDomainObjList *doms, virDomainObj *obj);

/* Snapshot of all objects, each referenced but not locked. */
GPtrArray *virDomainObjListCollect(virDomainObjList *doms);

/* The next domain id for a starting guest. */
int virDomainObjListNextID(virDomainObjList *doms);
void virDomainObjListBumpID(virDomainObjList *doms, int used);

void virDomainObjLock(virDomainObj *obj);
void virDomainObjUnlock(virDomainObj *obj);
virDomainObj *virDomainObjRef(virDomainObj *obj);
void virDomainObjUnref(virDomainObj *obj);
/* Unlock and unref, then clear the pointer. */
void virDomainObjEndAPI(virDomainObj **obj);

bool virDomainObjIsActive(const virDomainObj *obj);
void virDomainObjSetState(virDomainObj *obj, int state, int reason);
/* The persistent definition (newDef while running, else def). */
virDomainDef *virDomainObjGetPersistentDef(virDomainObj *obj);
