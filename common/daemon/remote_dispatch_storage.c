/* Storage handlers of the REMOTE program: wire <-> storage driver slot.
 * The old counting and name-listing calls are answered from
 * connectListAllStoragePools and poolListAllVolumes, so drivers implement
 * one listing of each; volume upload and download carry a stream. */
#include "remote_dispatch.h"
#include "remote_client.h"

#include <string.h>

#include "remote_protocol.h"
#include "remote_dispatch_gen.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.remote_storage");

/* ---- pool listing ---- */

static void
remotePoolRefsFree(virDrvStoragePool **refs, int n)
{
    int i;

    for (i = 0; i < n; i++)
        virDrvStoragePoolFree(refs[i]);
    g_free(refs);
}

static void
remoteVolRefsFree(virDrvStorageVol **refs, int n)
{
    int i;

    for (i = 0; i < n; i++)
        virDrvStorageVolFree(refs[i]);
    g_free(refs);
}

/* The pools matching flags (virConnectListAllStoragePoolsFlags), as refs. */
static int
remotePoolList(virNetServerClient *client, unsigned int flags, virDrvStoragePool ***refs)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, connectListAllStoragePools);

    if (!conn)
        return -1;
    return conn->storageDriver->connectListAllStoragePools(conn, refs, flags);
}

static int
remotePoolCount(virNetServerClient *client, unsigned int flags, int *num)
{
    virDrvStoragePool **refs = NULL;
    int n = remotePoolList(client, flags, &refs);

    if (n < 0)
        return -1;
    remotePoolRefsFree(refs, n);
    *num = n;
    return 0;
}

static int
remotePoolNames(virNetServerClient *client, unsigned int flags, int maxnames,
                char ***names, u_int *len)
{
    virDrvStoragePool **refs = NULL;
    int n;
    int i;

    if (maxnames < 0 || maxnames > REMOTE_STORAGE_POOL_LIST_MAX) {
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC, "%s",
                           "maxnames > REMOTE_STORAGE_POOL_LIST_MAX");
        return -1;
    }
    if ((n = remotePoolList(client, flags, &refs)) < 0)
        return -1;
    *len = MIN(n, maxnames);
    *names = g_new0(char *, MAX(*len, 1));
    for (i = 0; i < (int)*len; i++)
        (*names)[i] = g_strdup(refs[i]->name);
    remotePoolRefsFree(refs, n);
    return 0;
}

int
remoteDispatchConnectNumOfStoragePools(virNetServer *server, virNetServerClient *client,
                                       virNetMessage *msg, void *args,
                                       remote_connect_num_of_storage_pools_ret *ret)
{
    return remotePoolCount(client, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, &ret->num);
}

int
remoteDispatchConnectNumOfDefinedStoragePools(virNetServer *server, virNetServerClient *client,
                                              virNetMessage *msg, void *args,
                                              remote_connect_num_of_defined_storage_pools_ret *ret)
{
    return remotePoolCount(client, VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, &ret->num);
}

int
remoteDispatchConnectListStoragePools(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_connect_list_storage_pools_args *args,
                                      remote_connect_list_storage_pools_ret *ret)
{
    return remotePoolNames(client, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, args->maxnames,
                           &ret->names.names_val, &ret->names.names_len);
}

int
remoteDispatchConnectListDefinedStoragePools(virNetServer *server, virNetServerClient *client,
                                             virNetMessage *msg,
                                             remote_connect_list_defined_storage_pools_args *args,
                                             remote_connect_list_defined_storage_pools_ret *ret)
{
    return remotePoolNames(client, VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, args->maxnames,
                           &ret->names.names_val, &ret->names.names_len);
}

int
remoteDispatchConnectListAllStoragePools(virNetServer *server, virNetServerClient *client,
                                         virNetMessage *msg,
                                         remote_connect_list_all_storage_pools_args *args,
                                         remote_connect_list_all_storage_pools_ret *ret)
{
    virDrvStoragePool **refs = NULL;
    int n;
    int i;

    if ((n = remotePoolList(client, args->flags, &refs)) < 0)
        return -1;
    if (n > REMOTE_STORAGE_POOL_LIST_MAX) {
        remotePoolRefsFree(refs, n);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC,
                           "Too many storage pools '%d' for limit '%d'",
                           n, REMOTE_STORAGE_POOL_LIST_MAX);
        return -1;
    }
    if (args->need_results) {
        ret->pools.pools_len = n;
        ret->pools.pools_val = g_new0(remote_nonnull_storage_pool, MAX(n, 1));
        for (i = 0; i < n; i++)
            remoteStoragePoolToWire(&ret->pools.pools_val[i], refs[i]);
    }
    ret->ret = n;
    remotePoolRefsFree(refs, n);
    return 0;
}

int
remoteDispatchConnectFindStoragePoolSources(virNetServer *server, virNetServerClient *client,
                                            virNetMessage *msg,
                                            remote_connect_find_storage_pool_sources_args *args,
                                            remote_connect_find_storage_pool_sources_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, connectFindStoragePoolSources);

    if (!conn)
        return -1;
    ret->xml = conn->storageDriver->connectFindStoragePoolSources(
        conn, args->type, args->srcSpec ? *args->srcSpec : NULL, args->flags);
    return ret->xml ? 0 : -1;
}

int
remoteDispatchConnectGetStoragePoolCapabilities(virNetServer *server,
    virNetServerClient *client, virNetMessage *msg,
    remote_connect_get_storage_pool_capabilities_args *args,
    remote_connect_get_storage_pool_capabilities_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, connectGetStoragePoolCapabilities);

    if (!conn)
        return -1;
    ret->capabilities = conn->storageDriver->connectGetStoragePoolCapabilities(conn,
                                                                               args->flags);
    return ret->capabilities ? 0 : -1;
}

/* ---- pool lookup ---- */

/* Stores pool (taken) on the wire; -1 for a failed lookup (NULL). */
static int
remotePoolReply(virDrvStoragePool *pool, remote_nonnull_storage_pool *wire)
{
    if (!pool)
        return -1;
    remoteStoragePoolToWire(wire, pool);
    virDrvStoragePoolFree(pool);
    return 0;
}

static int
remoteVolReply(virDrvStorageVol *vol, remote_nonnull_storage_vol *wire)
{
    if (!vol)
        return -1;
    remoteStorageVolToWire(wire, vol);
    virDrvStorageVolFree(vol);
    return 0;
}

int
remoteDispatchStoragePoolLookupByName(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_storage_pool_lookup_by_name_args *args,
                                      remote_storage_pool_lookup_by_name_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolLookupByName);

    if (!conn)
        return -1;
    return remotePoolReply(conn->storageDriver->poolLookupByName(conn, args->name),
                           &ret->pool);
}

int
remoteDispatchStoragePoolLookupByUUID(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_storage_pool_lookup_by_uuid_args *args,
                                      remote_storage_pool_lookup_by_uuid_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolLookupByUUID);

    if (!conn)
        return -1;
    return remotePoolReply(conn->storageDriver->poolLookupByUUID(conn,
                                                                 (unsigned char *)args->uuid),
                           &ret->pool);
}

int
remoteDispatchStoragePoolLookupByVolume(virNetServer *server, virNetServerClient *client,
                                        virNetMessage *msg,
                                        remote_storage_pool_lookup_by_volume_args *args,
                                        remote_storage_pool_lookup_by_volume_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolLookupByVolume);
    g_autoptr(virDrvStorageVol) vol = remoteStorageVolFromWire(&args->vol);

    if (!conn)
        return -1;
    return remotePoolReply(conn->storageDriver->poolLookupByVolume(conn, vol), &ret->pool);
}

int
remoteDispatchStoragePoolLookupByTargetPath(virNetServer *server, virNetServerClient *client,
                                            virNetMessage *msg,
                                            remote_storage_pool_lookup_by_target_path_args *args,
                                            remote_storage_pool_lookup_by_target_path_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolLookupByTargetPath);

    if (!conn)
        return -1;
    return remotePoolReply(conn->storageDriver->poolLookupByTargetPath(conn, args->path),
                           &ret->pool);
}

/* ---- pool definition and life cycle ---- */

int
remoteDispatchStoragePoolCreateXML(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg,
                                   remote_storage_pool_create_xml_args *args,
                                   remote_storage_pool_create_xml_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolCreateXML);

    if (!conn)
        return -1;
    return remotePoolReply(conn->storageDriver->poolCreateXML(conn, args->xml, args->flags),
                           &ret->pool);
}

int
remoteDispatchStoragePoolDefineXML(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg,
                                   remote_storage_pool_define_xml_args *args,
                                   remote_storage_pool_define_xml_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolDefineXML);

    if (!conn)
        return -1;
    return remotePoolReply(conn->storageDriver->poolDefineXML(conn, args->xml, args->flags),
                           &ret->pool);
}

/* The calls taking a pool (and flags) and answering nothing. */
#define REMOTE_POOL_SIMPLE(Name, slot) \
    int \
    remoteDispatchStoragePool##Name(virNetServer *server, virNetServerClient *client, \
                                    virNetMessage *msg, \
                                    remote_storage_pool_##slot##_args *args, void *ret) \
    { \
        virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, pool##Name); \
        g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool); \
        return conn ? conn->storageDriver->pool##Name(conn, pool) : -1; \
    }
#define REMOTE_POOL_SIMPLE_FLAGS(Name, slot) \
    int \
    remoteDispatchStoragePool##Name(virNetServer *server, virNetServerClient *client, \
                                    virNetMessage *msg, \
                                    remote_storage_pool_##slot##_args *args, void *ret) \
    { \
        virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, pool##Name); \
        g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool); \
        return conn ? conn->storageDriver->pool##Name(conn, pool, args->flags) : -1; \
    }

REMOTE_POOL_SIMPLE_FLAGS(Build, build)
REMOTE_POOL_SIMPLE(Undefine, undefine)
REMOTE_POOL_SIMPLE_FLAGS(Create, create)
REMOTE_POOL_SIMPLE(Destroy, destroy)
REMOTE_POOL_SIMPLE_FLAGS(Delete, delete)
REMOTE_POOL_SIMPLE_FLAGS(Refresh, refresh)

/* ---- pool properties ---- */

int
remoteDispatchStoragePoolGetInfo(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_storage_pool_get_info_args *args,
                                 remote_storage_pool_get_info_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolGetInfo);
    g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool);
    virStoragePoolInfo info = { 0 };

    if (!conn || conn->storageDriver->poolGetInfo(conn, pool, &info) < 0)
        return -1;
    ret->state = info.state;
    ret->capacity = info.capacity;
    ret->allocation = info.allocation;
    ret->available = info.available;
    return 0;
}

int
remoteDispatchStoragePoolGetXMLDesc(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_storage_pool_get_xml_desc_args *args,
                                    remote_storage_pool_get_xml_desc_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolGetXMLDesc);
    g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool);

    if (!conn)
        return -1;
    return (ret->xml = conn->storageDriver->poolGetXMLDesc(conn, pool, args->flags)) ? 0 : -1;
}

int
remoteDispatchStoragePoolGetAutostart(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_storage_pool_get_autostart_args *args,
                                      remote_storage_pool_get_autostart_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolGetAutostart);
    g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool);

    return conn ? conn->storageDriver->poolGetAutostart(conn, pool, &ret->autostart) : -1;
}

int
remoteDispatchStoragePoolSetAutostart(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_storage_pool_set_autostart_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolSetAutostart);
    g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool);

    return conn ? conn->storageDriver->poolSetAutostart(conn, pool, args->autostart) : -1;
}

int
remoteDispatchStoragePoolIsActive(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_storage_pool_is_active_args *args,
                                  remote_storage_pool_is_active_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolIsActive);
    g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool);

    if (!conn)
        return -1;
    return (ret->active = conn->storageDriver->poolIsActive(conn, pool)) < 0 ? -1 : 0;
}

int
remoteDispatchStoragePoolIsPersistent(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_storage_pool_is_persistent_args *args,
                                      remote_storage_pool_is_persistent_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolIsPersistent);
    g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool);

    if (!conn)
        return -1;
    return (ret->persistent = conn->storageDriver->poolIsPersistent(conn, pool)) < 0 ? -1 : 0;
}

/* ---- a pool's volumes ---- */

static int
remoteVolList(virNetServerClient *client, const remote_nonnull_storage_pool *wire,
              unsigned int flags, virDrvStorageVol ***refs)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, poolListAllVolumes);
    g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(wire);

    if (!conn)
        return -1;
    return conn->storageDriver->poolListAllVolumes(conn, pool, refs, flags);
}

int
remoteDispatchStoragePoolNumOfVolumes(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_storage_pool_num_of_volumes_args *args,
                                      remote_storage_pool_num_of_volumes_ret *ret)
{
    virDrvStorageVol **refs = NULL;
    int n = remoteVolList(client, &args->pool, 0, &refs);

    if (n < 0)
        return -1;
    remoteVolRefsFree(refs, n);
    ret->num = n;
    return 0;
}

int
remoteDispatchStoragePoolListVolumes(virNetServer *server, virNetServerClient *client,
                                     virNetMessage *msg,
                                     remote_storage_pool_list_volumes_args *args,
                                     remote_storage_pool_list_volumes_ret *ret)
{
    virDrvStorageVol **refs = NULL;
    int n;
    int i;

    if (args->maxnames < 0 || args->maxnames > REMOTE_STORAGE_VOL_LIST_MAX) {
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC, "%s",
                           "maxnames > REMOTE_STORAGE_VOL_LIST_MAX");
        return -1;
    }
    if ((n = remoteVolList(client, &args->pool, 0, &refs)) < 0)
        return -1;
    ret->names.names_len = MIN(n, args->maxnames);
    ret->names.names_val = g_new0(char *, MAX(ret->names.names_len, 1));
    for (i = 0; i < (int)ret->names.names_len; i++)
        ret->names.names_val[i] = g_strdup(refs[i]->name);
    remoteVolRefsFree(refs, n);
    return 0;
}

int
remoteDispatchStoragePoolListAllVolumes(virNetServer *server, virNetServerClient *client,
                                        virNetMessage *msg,
                                        remote_storage_pool_list_all_volumes_args *args,
                                        remote_storage_pool_list_all_volumes_ret *ret)
{
    virDrvStorageVol **refs = NULL;
    int n;
    int i;

    if ((n = remoteVolList(client, &args->pool, args->flags, &refs)) < 0)
        return -1;
    if (n > REMOTE_STORAGE_VOL_LIST_MAX) {
        remoteVolRefsFree(refs, n);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC,
                           "Too many storage volumes '%d' for limit '%d'",
                           n, REMOTE_STORAGE_VOL_LIST_MAX);
        return -1;
    }
    if (args->need_results) {
        ret->vols.vols_len = n;
        ret->vols.vols_val = g_new0(remote_nonnull_storage_vol, MAX(n, 1));
        for (i = 0; i < n; i++)
            remoteStorageVolToWire(&ret->vols.vols_val[i], refs[i]);
    }
    ret->ret = n;
    remoteVolRefsFree(refs, n);
    return 0;
}

/* ---- volume lookup and creation ---- */

int
remoteDispatchStorageVolLookupByName(virNetServer *server, virNetServerClient *client,
                                     virNetMessage *msg,
                                     remote_storage_vol_lookup_by_name_args *args,
                                     remote_storage_vol_lookup_by_name_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volLookupByName);
    g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool);

    if (!conn)
        return -1;
    return remoteVolReply(conn->storageDriver->volLookupByName(conn, pool, args->name),
                          &ret->vol);
}

int
remoteDispatchStorageVolLookupByKey(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_storage_vol_lookup_by_key_args *args,
                                    remote_storage_vol_lookup_by_key_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volLookupByKey);

    if (!conn)
        return -1;
    return remoteVolReply(conn->storageDriver->volLookupByKey(conn, args->key), &ret->vol);
}

int
remoteDispatchStorageVolLookupByPath(virNetServer *server, virNetServerClient *client,
                                     virNetMessage *msg,
                                     remote_storage_vol_lookup_by_path_args *args,
                                     remote_storage_vol_lookup_by_path_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volLookupByPath);

    if (!conn)
        return -1;
    return remoteVolReply(conn->storageDriver->volLookupByPath(conn, args->path), &ret->vol);
}

int
remoteDispatchStorageVolCreateXML(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_storage_vol_create_xml_args *args,
                                  remote_storage_vol_create_xml_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volCreateXML);
    g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool);

    if (!conn)
        return -1;
    return remoteVolReply(conn->storageDriver->volCreateXML(conn, pool, args->xml,
                                                            args->flags),
                          &ret->vol);
}

int
remoteDispatchStorageVolCreateXMLFrom(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_storage_vol_create_xml_from_args *args,
                                      remote_storage_vol_create_xml_from_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volCreateXMLFrom);
    g_autoptr(virDrvStoragePool) pool = remoteStoragePoolFromWire(&args->pool);
    g_autoptr(virDrvStorageVol) clone = remoteStorageVolFromWire(&args->clonevol);

    if (!conn)
        return -1;
    return remoteVolReply(conn->storageDriver->volCreateXMLFrom(conn, pool, args->xml, clone,
                                                                args->flags),
                          &ret->vol);
}

/* ---- volume operations ---- */

int
remoteDispatchStorageVolDelete(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_storage_vol_delete_args *args,
                               void *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volDelete);
    g_autoptr(virDrvStorageVol) vol = remoteStorageVolFromWire(&args->vol);

    return conn ? conn->storageDriver->volDelete(conn, vol, args->flags) : -1;
}

int
remoteDispatchStorageVolWipe(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_storage_vol_wipe_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volWipe);
    g_autoptr(virDrvStorageVol) vol = remoteStorageVolFromWire(&args->vol);

    if (!conn)
        return -1;
    return conn->storageDriver->volWipe(conn, vol, VIR_STORAGE_VOL_WIPE_ALG_ZERO, args->flags);
}

int
remoteDispatchStorageVolWipePattern(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_storage_vol_wipe_pattern_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volWipe);
    g_autoptr(virDrvStorageVol) vol = remoteStorageVolFromWire(&args->vol);

    return conn ? conn->storageDriver->volWipe(conn, vol, args->algorithm, args->flags) : -1;
}

int
remoteDispatchStorageVolResize(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_storage_vol_resize_args *args,
                               void *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volResize);
    g_autoptr(virDrvStorageVol) vol = remoteStorageVolFromWire(&args->vol);

    return conn ? conn->storageDriver->volResize(conn, vol, args->capacity, args->flags) : -1;
}

static int
remoteVolGetInfo(virNetServerClient *client, const remote_nonnull_storage_vol *wire,
                 unsigned int flags, char *type, uint64_t *capacity, uint64_t *allocation)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volGetInfo);
    g_autoptr(virDrvStorageVol) vol = remoteStorageVolFromWire(wire);
    virStorageVolInfo info = { 0 };

    if (!conn || conn->storageDriver->volGetInfo(conn, vol, &info, flags) < 0)
        return -1;
    *type = info.type;
    *capacity = info.capacity;
    *allocation = info.allocation;
    return 0;
}

int
remoteDispatchStorageVolGetInfo(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_storage_vol_get_info_args *args,
                                remote_storage_vol_get_info_ret *ret)
{
    return remoteVolGetInfo(client, &args->vol, 0, &ret->type, &ret->capacity,
                            &ret->allocation);
}

int
remoteDispatchStorageVolGetInfoFlags(virNetServer *server, virNetServerClient *client,
                                     virNetMessage *msg,
                                     remote_storage_vol_get_info_flags_args *args,
                                     remote_storage_vol_get_info_flags_ret *ret)
{
    return remoteVolGetInfo(client, &args->vol, args->flags, &ret->type, &ret->capacity,
                            &ret->allocation);
}

int
remoteDispatchStorageVolGetXMLDesc(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg,
                                   remote_storage_vol_get_xml_desc_args *args,
                                   remote_storage_vol_get_xml_desc_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volGetXMLDesc);
    g_autoptr(virDrvStorageVol) vol = remoteStorageVolFromWire(&args->vol);

    if (!conn)
        return -1;
    return (ret->xml = conn->storageDriver->volGetXMLDesc(conn, vol, args->flags)) ? 0 : -1;
}

int
remoteDispatchStorageVolGetPath(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_storage_vol_get_path_args *args,
                                remote_storage_vol_get_path_ret *ret)
{
    virDrvConnect *conn = REMOTE_STORAGE_CONN_WITH(client, volGetPath);
    g_autoptr(virDrvStorageVol) vol = remoteStorageVolFromWire(&args->vol);

    if (!conn)
        return -1;
    return (ret->name = conn->storageDriver->volGetPath(conn, vol)) ? 0 : -1;
}

/* ---- transfers ---- */

/* Opens the call's stream and lets the driver run the transfer on this
 * worker; the stream then answers the call (virNetServerStreamComplete). */
static int
remoteVolTransfer(virNetServerClient *client, virNetMessage *msg, bool upload,
                  const remote_nonnull_storage_vol *wire, unsigned long long offset,
                  unsigned long long length, unsigned int flags)
{
    virDrvConnect *conn = upload ? REMOTE_STORAGE_CONN_WITH(client, volUpload)
                                 : REMOTE_STORAGE_CONN_WITH(client, volDownload);
    g_autoptr(virDrvStorageVol) vol = remoteStorageVolFromWire(wire);
    unsigned int stflags = 0;
    virNetServerStream *st;
    int rc;

    if (!conn)
        return -1;
    /* Both SPARSE_STREAM flags are bit 0. */
    if (flags & VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
        stflags |= VIR_NET_SERVER_STREAM_SPARSE;
    if (!upload)
        stflags |= VIR_NET_SERVER_STREAM_SOURCE;
    st = virNetServerStreamOpen(client, msg, stflags);
    if (upload)
        rc = conn->storageDriver->volUpload(conn, vol, st, offset, length, flags);
    else
        rc = conn->storageDriver->volDownload(conn, vol, st, offset, length, flags);
    return virNetServerStreamComplete(st, rc);
}

int
remoteDispatchStorageVolUpload(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_storage_vol_upload_args *args,
                               void *ret)
{
    return remoteVolTransfer(client, msg, true, &args->vol, args->offset, args->length,
                             args->flags);
}

int
remoteDispatchStorageVolDownload(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_storage_vol_download_args *args,
                                 void *ret)
{
    return remoteVolTransfer(client, msg, false, &args->vol, args->offset, args->length,
                             args->flags);
}
