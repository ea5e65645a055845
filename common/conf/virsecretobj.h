/* Secret objects: a definition plus its value, lockable and reference
 * counted, and the list of them a secret driver keeps, indexed by UUID and
 * by usage. Where and how they are stored is the driver's business. */
#pragma once

#include "internal.h"

#include "secret_conf.h"

typedef struct _virSecretObj virSecretObj;
struct _virSecretObj {
    GMutex lock;
    gint refs;

    virSecretDef *def;
    unsigned char *value;   /* NULL until a value is set */
    size_t valueSize;
    bool removed;           /* dropped from the list; stale references see it */
};

typedef struct _virSecretObjList virSecretObjList;

virSecretObjList *virSecretObjListNew(void);
void virSecretObjListFree(virSecretObjList *secrets);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSecretObjList, virSecretObjListFree);

/* Lookups return the object locked and referenced (or NULL, nothing
 * reported); release it with virSecretObjEndAPI(). A usage lookup never
 * finds a secret without usage. */
virSecretObj *virSecretObjListFindByUUID(virSecretObjList *secrets,
                                         const unsigned char *uuid);
virSecretObj *virSecretObjListFindByUsage(virSecretObjList *secrets,
                                          int usageType, const char *usageID);

/* Adds def, or replaces the definition of the secret with the same UUID.
 * Refused (reported, NULL): a usage another secret already has, a new usage
 * for an existing UUID, and making a private secret public. On success the
 * object is returned locked and referenced, and *oldDef holds the replaced
 * definition (NULL for a new secret). def is taken over only on success. */
virSecretObj *virSecretObjListAdd(virSecretObjList *secrets, virSecretDef **def,
                                  virSecretDef **oldDef);
/* Drops a locked object from the list (it stays valid for its holders). */
void virSecretObjListRemove(virSecretObjList *secrets, virSecretObj *obj);

/* Snapshot of all objects, each referenced but not locked. */
GPtrArray *virSecretObjListCollect(virSecretObjList *secrets);
size_t virSecretObjListCount(virSecretObjList *secrets);

void virSecretObjLock(virSecretObj *obj);
void virSecretObjUnlock(virSecretObj *obj);
virSecretObj *virSecretObjRef(virSecretObj *obj);
void virSecretObjUnref(virSecretObj *obj);
/* Unlock and unref, then clear the pointer. */
void virSecretObjEndAPI(virSecretObj **obj);

/* True when the object passes the virConnectListAllSecretsFlags filters. */
bool virSecretObjMatchFlags(virSecretObj *obj, unsigned int flags);

/* A copy of the value (caller frees), or -1 with VIR_ERR_NO_SECRET when
 * none was set. */
int virSecretObjGetValue(virSecretObj *obj, unsigned char **value, size_t *size);
/* Replaces the value; the previous one is wiped, or returned through *old
 * (with its size) when old is given, so a caller can put it back. */
void virSecretObjSetValue(virSecretObj *obj, const unsigned char *value, size_t size,
                          unsigned char **old, size_t *oldSize);
/* Wipes and frees a value. */
void virSecretValueFree(unsigned char *value, size_t size);
