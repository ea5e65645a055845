/* A domain's snapshots: a tree (each snapshot knows its parent and its
 * children) plus which one is current. Not locked: the owner serializes
 * access (virtqemud holds the domain's lock). */
#pragma once

#include "internal.h"
#include "snapshot_conf.h"

typedef struct _virDomainSnapshotObj virDomainSnapshotObj;
struct _virDomainSnapshotObj {
    virDomainSnapshotDef *def;
    virDomainSnapshotObj *parent;       /* NULL for a root */
    GPtrArray *children;                /* virDomainSnapshotObj, not owned */
};

typedef struct _virDomainSnapshotObjList virDomainSnapshotObjList;

virDomainSnapshotObjList *virDomainSnapshotObjListNew(void);
void virDomainSnapshotObjListFree(virDomainSnapshotObjList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainSnapshotObjList, virDomainSnapshotObjListFree);

virDomainSnapshotObj *virDomainSnapshotFindByName(virDomainSnapshotObjList *list,
                                                  const char *name);
/* Takes def (its name must be new) and links it under def->parentName
 * when that snapshot exists. Children added earlier whose parentName is
 * this name are linked too (loading in any order). */
virDomainSnapshotObj *virDomainSnapshotAssign(virDomainSnapshotObjList *list,
                                              virDomainSnapshotDef **def);
/* Unlinks and frees snap; its children move to snap's parent (their
 * parentName is updated). */
void virDomainSnapshotRemove(virDomainSnapshotObjList *list, virDomainSnapshotObj *snap);

virDomainSnapshotObj *virDomainSnapshotGetCurrent(virDomainSnapshotObjList *list);
void virDomainSnapshotSetCurrent(virDomainSnapshotObjList *list, virDomainSnapshotObj *snap);
size_t virDomainSnapshotCount(virDomainSnapshotObjList *list);

/* The snapshots matching VIR_DOMAIN_SNAPSHOT_LIST_* filter flags, in
 * creation order (parents first with TOPOLOGICAL). With from, its
 * children (or all descendants with LIST_DESCENDANTS); otherwise all, or
 * only roots with LIST_ROOTS. A new array of borrowed pointers. */
GPtrArray *virDomainSnapshotListFiltered(virDomainSnapshotObjList *list,
                                         virDomainSnapshotObj *from, unsigned int flags);

/* snap and every descendant, children before parents (for deletion). */
GPtrArray *virDomainSnapshotDescendants(virDomainSnapshotObj *snap, bool includeSelf);
