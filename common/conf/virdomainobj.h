/* Domain objects: a definition plus what it is doing right now (state,
 * id, process), lockable and reference counted, and the list of them a
 * hypervisor driver keeps. Definitions themselves stay plain data
 * (domain_conf.h). */
#pragma once

#include "internal.h"
#include <sys/types.h>

#include "domain_conf.h"
#include "virenum.h"

/* States and reasons are libvirt's public virDomainState and
 * virDomain*Reason enums; these tables give their names in status files. */
VIR_ENUM_DECL(virDomainObjState);
VIR_ENUM_DECL(virDomainRunningReason);
VIR_ENUM_DECL(virDomainPausedReason);
VIR_ENUM_DECL(virDomainShutdownReason);
VIR_ENUM_DECL(virDomainShutoffReason);
VIR_ENUM_DECL(virDomainCrashedReason);

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
