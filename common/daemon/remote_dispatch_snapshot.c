/* Domain snapshot handlers of the REMOTE program: wire <-> driver slot.
 * A snapshot travels as its domain plus its name; the driver slots take
 * them separately and return snapshot names. */
#include "remote_dispatch.h"
#include "remote_client.h"

#include <string.h>

#include "remote_protocol.h"
#include "remote_dispatch_gen.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.remote_snapshot");

static void
remoteSnapshotToWire(remote_nonnull_domain_snapshot *wire, const virDrvDomain *dom,
                     const char *name)
{
    wire->name = g_strdup(name);
    remoteDomainToWire(&wire->dom, dom);
}

/* The names to a reply's list, checked against the protocol's limit. */
static int
remoteSnapshotNamesCheck(int n)
{
    if (n > REMOTE_DOMAIN_SNAPSHOT_LIST_MAX) {
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC, "Too many snapshots '%d' for limit '%d'",
                           n, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX);
        return -1;
    }
    return 0;
}

int
remoteDispatchDomainSnapshotCreateXML(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_domain_snapshot_create_xml_args *args,
                                      remote_domain_snapshot_create_xml_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSnapshotCreateXML);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    g_autofree char *name = NULL;

    if (!conn ||
        !(name = conn->driver->domainSnapshotCreateXML(conn, dom, args->xml_desc, args->flags)))
        return -1;
    remoteSnapshotToWire(&ret->snap, dom, name);
    return 0;
}

int
remoteDispatchDomainSnapshotGetXMLDesc(virNetServer *server, virNetServerClient *client,
                                       virNetMessage *msg,
                                       remote_domain_snapshot_get_xml_desc_args *args,
                                       remote_domain_snapshot_get_xml_desc_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSnapshotGetXMLDesc);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->snap.dom);

    if (!conn || !(ret->xml = conn->driver->domainSnapshotGetXMLDesc(conn, dom, args->snap.name,
                                                                     args->flags)))
        return -1;
    return 0;
}

/* Names of a domain's snapshots (from NULL) or of a snapshot's children:
 * at most max of them (max < 0: count only). */
static int
snapshotNames(virNetServerClient *client, const remote_nonnull_domain *wire, const char *from,
              unsigned int flags, char ***names)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSnapshotListNames);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);

    if (!conn)
        return -1;
    return conn->driver->domainSnapshotListNames(conn, dom, from, names, flags);
}

static int
snapshotCount(virNetServerClient *client, const remote_nonnull_domain *wire, const char *from,
              unsigned int flags)
{
    return snapshotNames(client, wire, from, flags, NULL);
}

static int
snapshotListNames(virNetServerClient *client, const remote_nonnull_domain *wire,
                  const char *from, int maxnames, unsigned int flags,
                  char ***outNames, u_int *outLen)
{
    g_auto(GStrv) names = NULL;
    int n;

    if (maxnames > REMOTE_DOMAIN_SNAPSHOT_LIST_MAX) {
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC, "%s",
                           "maxnames > REMOTE_DOMAIN_SNAPSHOT_LIST_MAX");
        return -1;
    }
    if ((n = snapshotNames(client, wire, from, flags, &names)) < 0)
        return -1;
    if (maxnames >= 0 && n > maxnames)
        n = maxnames;
    *outNames = g_new0(char *, MAX(n, 1));
    memcpy(*outNames, names, n * sizeof(char *));
    /* The ones handed over are not freed with the rest. */
    memmove(names, names + n, (g_strv_length(names) - n + 1) * sizeof(char *));
    *outLen = n;
    return 0;
}

static int
snapshotListAll(virNetServerClient *client, const remote_nonnull_domain *wire, const char *from,
                int needResults, unsigned int flags,
                remote_nonnull_domain_snapshot **out, u_int *outLen, int *ret)
{
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);
    g_auto(GStrv) names = NULL;
    int n;
    int i;

    if ((n = snapshotNames(client, wire, from, flags, &names)) < 0 ||
        remoteSnapshotNamesCheck(n) < 0)
        return -1;
    if (needResults) {
        *out = g_new0(remote_nonnull_domain_snapshot, MAX(n, 1));
        for (i = 0; i < n; i++)
            remoteSnapshotToWire(&(*out)[i], dom, names[i]);
        *outLen = n;
    }
    *ret = n;
    return 0;
}

int
remoteDispatchDomainSnapshotListNames(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_domain_snapshot_list_names_args *args,
                                      remote_domain_snapshot_list_names_ret *ret)
{
    return snapshotListNames(client, &args->dom, NULL, args->maxnames, args->flags,
                             &ret->names.names_val, &ret->names.names_len);
}

int
remoteDispatchDomainSnapshotListChildrenNames(virNetServer *server, virNetServerClient *client,
                                              virNetMessage *msg,
                                              remote_domain_snapshot_list_children_names_args *args,
                                              remote_domain_snapshot_list_children_names_ret *ret)
{
    return snapshotListNames(client, &args->snap.dom, args->snap.name, args->maxnames,
                             args->flags, &ret->names.names_val, &ret->names.names_len);
}

int
remoteDispatchDomainSnapshotNumChildren(virNetServer *server, virNetServerClient *client,
                                        virNetMessage *msg,
                                        remote_domain_snapshot_num_children_args *args,
                                        remote_domain_snapshot_num_children_ret *ret)
{
    return (ret->num = snapshotCount(client, &args->snap.dom, args->snap.name,
                                     args->flags)) < 0 ? -1 : 0;
}

int
remoteDispatchDomainListAllSnapshots(virNetServer *server, virNetServerClient *client,
                                     virNetMessage *msg,
                                     remote_domain_list_all_snapshots_args *args,
                                     remote_domain_list_all_snapshots_ret *ret)
{
    return snapshotListAll(client, &args->dom, NULL, args->need_results, args->flags,
                           &ret->snapshots.snapshots_val, &ret->snapshots.snapshots_len,
                           &ret->ret);
}

int
remoteDispatchDomainSnapshotListAllChildren(virNetServer *server, virNetServerClient *client,
                                            virNetMessage *msg,
                                            remote_domain_snapshot_list_all_children_args *args,
                                            remote_domain_snapshot_list_all_children_ret *ret)
{
    return snapshotListAll(client, &args->snapshot.dom, args->snapshot.name, args->need_results,
                           args->flags, &ret->snapshots.snapshots_val,
                           &ret->snapshots.snapshots_len, &ret->ret);
}

int
remoteDispatchDomainSnapshotLookupByName(virNetServer *server, virNetServerClient *client,
                                         virNetMessage *msg,
                                         remote_domain_snapshot_lookup_by_name_args *args,
                                         remote_domain_snapshot_lookup_by_name_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSnapshotLookupByName);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn || conn->driver->domainSnapshotLookupByName(conn, dom, args->name, args->flags) < 0)
        return -1;
    remoteSnapshotToWire(&ret->snap, dom, args->name);
    return 0;
}

int
remoteDispatchDomainHasCurrentSnapshot(virNetServer *server, virNetServerClient *client,
                                       virNetMessage *msg,
                                       remote_domain_has_current_snapshot_args *args,
                                       remote_domain_has_current_snapshot_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainHasCurrentSnapshot);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn || (ret->result = conn->driver->domainHasCurrentSnapshot(conn, dom,
                                                                       args->flags)) < 0)
        return -1;
    return 0;
}

int
remoteDispatchDomainSnapshotCurrent(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_domain_snapshot_current_args *args,
                                    remote_domain_snapshot_current_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSnapshotCurrent);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    g_autofree char *name = NULL;

    if (!conn || !(name = conn->driver->domainSnapshotCurrent(conn, dom, args->flags)))
        return -1;
    remoteSnapshotToWire(&ret->snap, dom, name);
    return 0;
}

int
remoteDispatchDomainSnapshotGetParent(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_domain_snapshot_get_parent_args *args,
                                      remote_domain_snapshot_get_parent_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSnapshotGetParent);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->snap.dom);
    g_autofree char *name = NULL;

    if (!conn || !(name = conn->driver->domainSnapshotGetParent(conn, dom, args->snap.name,
                                                                args->flags)))
        return -1;
    remoteSnapshotToWire(&ret->snap, dom, name);
    return 0;
}

/* The calls shaped "snapshot + flags -> int". */
typedef int (*snapshotFlagsFunc)(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                                 unsigned int flags);

static int
snapshotCallFlags(virNetServerClient *client, size_t offset, const char *slot,
                  const remote_nonnull_domain_snapshot *wire, unsigned int flags)
{
    virDrvConnect *conn = remoteClientConnWith(client, offsetof(virDrvConnect, driver),
                                               offset, slot);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&wire->dom);
    snapshotFlagsFunc func;

    if (!conn)
        return -1;
    func = *(snapshotFlagsFunc *)((char *)conn->driver + offset);
    return func(conn, dom, wire->name, flags);
}

#define SNAPSHOT_CALL_FLAGS(client, slot, wire, flags) \
    snapshotCallFlags(client, offsetof(virHypervisorDriver, slot), #slot, wire, flags)

int
remoteDispatchDomainSnapshotIsCurrent(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_domain_snapshot_is_current_args *args,
                                      remote_domain_snapshot_is_current_ret *ret)
{
    return (ret->current = SNAPSHOT_CALL_FLAGS(client, domainSnapshotIsCurrent, &args->snap,
                                               args->flags)) < 0 ? -1 : 0;
}

int
remoteDispatchDomainSnapshotHasMetadata(virNetServer *server, virNetServerClient *client,
                                        virNetMessage *msg,
                                        remote_domain_snapshot_has_metadata_args *args,
                                        remote_domain_snapshot_has_metadata_ret *ret)
{
    return (ret->metadata = SNAPSHOT_CALL_FLAGS(client, domainSnapshotHasMetadata, &args->snap,
                                                args->flags)) < 0 ? -1 : 0;
}

int
remoteDispatchDomainRevertToSnapshot(virNetServer *server, virNetServerClient *client,
                                     virNetMessage *msg,
                                     remote_domain_revert_to_snapshot_args *args, void *ret)
{
    return SNAPSHOT_CALL_FLAGS(client, domainRevertToSnapshot, &args->snap, args->flags);
}

int
remoteDispatchDomainSnapshotDelete(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg,
                                   remote_domain_snapshot_delete_args *args, void *ret)
{
    return SNAPSHOT_CALL_FLAGS(client, domainSnapshotDelete, &args->snap, args->flags);
}
