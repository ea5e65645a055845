#include "virdomainsnapshotobj.h"

#include <string.h>

#include "virlog.h"

VIR_LOG_INIT("conf.virdomainsnapshotobj");

struct _virDomainSnapshotObjList {
    GPtrArray *all;                     /* virDomainSnapshotObj, owned, creation order */
    virDomainSnapshotObj *current;
};

static void
virDomainSnapshotObjFree(virDomainSnapshotObj *snap)
{
    if (!snap)
        return;
    virDomainSnapshotDefFree(snap->def);
    g_ptr_array_unref(snap->children);
    g_free(snap);
}

virDomainSnapshotObjList *
virDomainSnapshotObjListNew(void)
{
    virDomainSnapshotObjList *list = g_new0(virDomainSnapshotObjList, 1);

    list->all = g_ptr_array_new_with_free_func((GDestroyNotify)virDomainSnapshotObjFree);
    return list;
}

void
virDomainSnapshotObjListFree(virDomainSnapshotObjList *list)
{
    if (!list)
        return;
    g_ptr_array_unref(list->all);
    g_free(list);
}

virDomainSnapshotObj *
virDomainSnapshotFindByName(virDomainSnapshotObjList *list, const char *name)
{
    size_t i;

    for (i = 0; name && i < list->all->len; i++) {
        virDomainSnapshotObj *snap = g_ptr_array_index(list->all, i);

        if (strcmp(snap->def->name, name) == 0)
            return snap;
    }
    return NULL;
}

virDomainSnapshotObj *
virDomainSnapshotAssign(virDomainSnapshotObjList *list, virDomainSnapshotDef **def)
{
    virDomainSnapshotObj *snap = g_new0(virDomainSnapshotObj, 1);
    size_t i;

    snap->def = g_steal_pointer(def);
    snap->children = g_ptr_array_new();
    if ((snap->parent = virDomainSnapshotFindByName(list, snap->def->parentName)))
        g_ptr_array_add(snap->parent->children, snap);
    for (i = 0; i < list->all->len; i++) {
        virDomainSnapshotObj *other = g_ptr_array_index(list->all, i);

        if (!other->parent && g_strcmp0(other->def->parentName, snap->def->name) == 0) {
            other->parent = snap;
            g_ptr_array_add(snap->children, other);
        }
    }
    g_ptr_array_add(list->all, snap);
    return snap;
}

void
virDomainSnapshotRemove(virDomainSnapshotObjList *list, virDomainSnapshotObj *snap)
{
    size_t i;

    for (i = 0; i < snap->children->len; i++) {
        virDomainSnapshotObj *child = g_ptr_array_index(snap->children, i);

        child->parent = snap->parent;
        g_free(child->def->parentName);
        child->def->parentName = g_strdup(snap->def->parentName);
        if (snap->parent)
            g_ptr_array_add(snap->parent->children, child);
    }
    if (snap->parent)
        g_ptr_array_remove(snap->parent->children, snap);
    if (list->current == snap)
        list->current = NULL;
    g_ptr_array_remove(list->all, snap);
}

virDomainSnapshotObj *
virDomainSnapshotGetCurrent(virDomainSnapshotObjList *list)
{
    return list->current;
}

void
virDomainSnapshotSetCurrent(virDomainSnapshotObjList *list, virDomainSnapshotObj *snap)
{
    list->current = snap;
}

size_t
virDomainSnapshotCount(virDomainSnapshotObjList *list)
{
    return list->all->len;
}

static void
virDomainSnapshotCollect(virDomainSnapshotObj *snap, GPtrArray *out, bool recurse)
{
    size_t i;

    for (i = 0; i < snap->children->len; i++) {
        virDomainSnapshotObj *child = g_ptr_array_index(snap->children, i);

        g_ptr_array_add(out, child);
        if (recurse)
            virDomainSnapshotCollect(child, out, true);
    }
}

static bool
virDomainSnapshotMatches(virDomainSnapshotObj *snap, unsigned int flags)
{
    virDomainSnapshotState state = snap->def->state;
    unsigned int kinds = VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
                         VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY;
    unsigned int where = VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL;
    bool external = virDomainSnapshotDefIsExternal(snap->def);

    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_LEAVES) && snap->children->len)
        return false;
    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES) && !snap->children->len)
        return false;
    /* Every snapshot we know has metadata. */
    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA) &&
        !(flags & VIR_DOMAIN_SNAPSHOT_LIST_METADATA))
        return false;
    if (flags & kinds) {
        bool ok = false;

        if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) &&
            state == VIR_DOMAIN_SNAPSHOT_STATE_SHUTOFF)
            ok = true;
        if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY) &&
            state == VIR_DOMAIN_SNAPSHOT_STATE_DISK_SNAPSHOT)
            ok = true;
        if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE) &&
            state != VIR_DOMAIN_SNAPSHOT_STATE_SHUTOFF &&
            state != VIR_DOMAIN_SNAPSHOT_STATE_DISK_SNAPSHOT)
            ok = true;
        if (!ok)
            return false;
    }
    /* One of internal/external asked for: the snapshot must be that one. */
    if ((flags & where) && (flags & where) != where &&
        !!(flags & VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL) != external)
        return false;
    return true;
}

GPtrArray *
virDomainSnapshotListFiltered(virDomainSnapshotObjList *list, virDomainSnapshotObj *from,
                              unsigned int flags)
{
    g_autoptr(GPtrArray) candidates = g_ptr_array_new();
    GPtrArray *out = g_ptr_array_new();
    size_t i;

    if (from) {
        virDomainSnapshotCollect(from, candidates,
                                 !!(flags & VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS));
    } else if (flags & VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL) {
        for (i = 0; i < list->all->len; i++) {
            virDomainSnapshotObj *snap = g_ptr_array_index(list->all, i);

            if (snap->parent)
                continue;
            g_ptr_array_add(candidates, snap);
            if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_ROOTS))
                virDomainSnapshotCollect(snap, candidates, true);
        }
    } else {
        for (i = 0; i < list->all->len; i++) {
            virDomainSnapshotObj *snap = g_ptr_array_index(list->all, i);

            if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_ROOTS) || !snap->parent)
                g_ptr_array_add(candidates, snap);
        }
    }
    for (i = 0; i < candidates->len; i++) {
        virDomainSnapshotObj *snap = g_ptr_array_index(candidates, i);

        if (virDomainSnapshotMatches(snap, flags))
            g_ptr_array_add(out, snap);
    }
    return out;
}

static void
virDomainSnapshotCollectPostOrder(virDomainSnapshotObj *snap, GPtrArray *out)
{
    size_t i;

    for (i = 0; i < snap->children->len; i++)
        virDomainSnapshotCollectPostOrder(g_ptr_array_index(snap->children, i), out);
    g_ptr_array_add(out, snap);
}

GPtrArray *
virDomainSnapshotDescendants(virDomainSnapshotObj *snap, bool includeSelf)
{
    GPtrArray *out = g_ptr_array_new();

    virDomainSnapshotCollectPostOrder(snap, out);
    if (!includeSelf)
        g_ptr_array_remove_index(out, out->len - 1);
    return out;
}
