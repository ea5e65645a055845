/* The storage API: pools, their volumes, volume transfers through
 * streams. Every entry point: reset the error, check arguments (and write
 * access), one REMOTE call, convert the answer; on failure
 * virDispatchError. Event delivery is in remote_events.c. */
#include "remote_call.h"
#include "virhandle.h"

#include <string.h>

#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("libclient.storage");

/* ------------------------------------------------------------------ */
/* Objects, checks and wire conversions                                */

virStoragePoolPtr
virStoragePoolNewObject(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virStoragePoolPtr pool = g_new0(virStoragePool, 1);

    pool->refs = 1;
    g_atomic_int_inc(&conn->refs);
    pool->conn = conn;
    pool->name = g_strdup(name);
    memcpy(pool->uuid, uuid, VIR_UUID_BUFLEN);
    return pool;
}

virStorageVolPtr
virStorageVolNewObject(virConnectPtr conn, const char *pool, const char *name,
                       const char *key)
{
    virStorageVolPtr vol = g_new0(virStorageVol, 1);

    vol->refs = 1;
    g_atomic_int_inc(&conn->refs);
    vol->conn = conn;
    vol->pool = g_strdup(pool);
    vol->name = g_strdup(name);
    vol->key = g_strdup(key);
    return vol;
}

bool
virCheckStoragePool(virStoragePoolPtr pool, const char *func)
{
    if (pool && g_atomic_int_get(&pool->refs) > 0 && virCheckConnect(pool->conn, func))
        return true;
    virErrorReportFull(VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_POOL, "%s", func);
    return false;
}

bool
virCheckStorageVol(virStorageVolPtr vol, const char *func)
{
    if (vol && g_atomic_int_get(&vol->refs) > 0 && virCheckConnect(vol->conn, func))
        return true;
    virErrorReportFull(VIR_FROM_STORAGE, VIR_ERR_INVALID_STORAGE_VOL, "%s", func);
    return false;
}

void
remoteStoragePoolToWire(remote_nonnull_storage_pool *wire, virStoragePoolPtr pool)
{
    wire->name = pool->name;
    memcpy(wire->uuid, pool->uuid, VIR_UUID_BUFLEN);
}

virStoragePoolPtr
remoteStoragePoolFromWire(virConnectPtr conn, const remote_nonnull_storage_pool *wire)
{
    return virStoragePoolNewObject(conn, wire->name, (const unsigned char *)wire->uuid);
}

void
remoteStorageVolToWire(remote_nonnull_storage_vol *wire, virStorageVolPtr vol)
{
    wire->pool = vol->pool;
    wire->name = vol->name;
    wire->key = vol->key;
}

virStorageVolPtr
remoteStorageVolFromWire(virConnectPtr conn, const remote_nonnull_storage_vol *wire)
{
    return virStorageVolNewObject(conn, wire->pool, wire->name, wire->key);
}

static virConnectPtr
poolConn(virStoragePoolPtr pool)
{
    return pool ? pool->conn : NULL;
}

static virConnectPtr
volConn(virStorageVolPtr vol)
{
    return vol ? vol->conn : NULL;
}

/* ------------------------------------------------------------------ */
/* Handles                                                             */

static virConnectPtr
poolHandleConn(virStoragePoolPtr pool)
{
    return pool->conn;
}

static void
poolDispose(virStoragePoolPtr pool)
{
    virConnectClose(pool->conn);
    g_free(pool->name);
    g_free(pool);
}

static const virHandleClass poolClass =
    VIR_HANDLE_CLASS(virStoragePool, virCheckStoragePool, poolHandleConn, poolDispose,
                     offsetof(virStoragePool, name));

int
virStoragePoolRef(virStoragePoolPtr pool)
{
    return virHandleRef(&poolClass, pool, __func__);
}

int
virStoragePoolFree(virStoragePoolPtr pool)
{
    return virHandleFree(&poolClass, pool, __func__);
}

virConnectPtr
virStoragePoolGetConnect(virStoragePoolPtr pool)
{
    return virHandleGetConnect(&poolClass, pool, __func__);
}

const char *
virStoragePoolGetName(virStoragePoolPtr pool)
{
    return virHandleGetName(&poolClass, pool, __func__);
}

int
virStoragePoolGetUUID(virStoragePoolPtr pool, unsigned char *uuid)
{
    return virHandleGetUUID(&poolClass, pool, uuid, __func__);
}

int
virStoragePoolGetUUIDString(virStoragePoolPtr pool, char *buf)
{
    return virHandleGetUUIDString(&poolClass, pool, buf, __func__);
}

/* Volumes have no UUID, so their handle functions are written out. */
int
virStorageVolRef(virStorageVolPtr vol)
{
    virResetLastError();
    if (!virCheckStorageVol(vol, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    g_atomic_int_inc(&vol->refs);
    return 0;
}

int
virStorageVolFree(virStorageVolPtr vol)
{
    virResetLastError();
    if (!virCheckStorageVol(vol, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    if (g_atomic_int_dec_and_test(&vol->refs)) {
        virConnectClose(vol->conn);
        g_free(vol->pool);
        g_free(vol->name);
        g_free(vol->key);
        g_free(vol);
    }
    return 0;
}

virConnectPtr
virStorageVolGetConnect(virStorageVolPtr vol)
{
    virResetLastError();
    if (!virCheckStorageVol(vol, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return vol->conn;
}

const char *
virStorageVolGetName(virStorageVolPtr vol)
{
    virResetLastError();
    if (!virCheckStorageVol(vol, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return vol->name;
}

const char *
virStorageVolGetKey(virStorageVolPtr vol)
{
    virResetLastError();
    if (!virCheckStorageVol(vol, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return vol->key;
}

/* ------------------------------------------------------------------ */
/* Shared shapes                                                       */

/* A call on the connection answering { POOL pool }. */
static virStoragePoolPtr
poolFromCall(virConnectPtr conn, const char *func, bool write, int proc,
             xdrproc_t argsFilter, void *args)
{
    remote_nonnull_storage_pool ret = { 0 };
    virStoragePoolPtr pool;

    virResetLastError();
    if (!virCheckConnect(conn, func) ||
        (write && !virCheckReadWrite(conn, VIR_FROM_STORAGE, func)) ||
        remoteCall(conn, proc, argsFilter, args,
                   (xdrproc_t)xdr_remote_nonnull_storage_pool, &ret) < 0) {
        virDispatchError(conn);
        return NULL;
    }
    pool = remoteStoragePoolFromWire(conn, &ret);
    xdr_free((xdrproc_t)xdr_remote_nonnull_storage_pool, (char *)&ret);
    return pool;
}

/* A call on the connection answering { VOL vol }. */
static virStorageVolPtr
volFromCall(virConnectPtr conn, const char *func, bool write, int proc,
            xdrproc_t argsFilter, void *args)
{
    remote_nonnull_storage_vol ret = { 0 };
    virStorageVolPtr vol;

    virResetLastError();
    if (!virCheckConnect(conn, func) ||
        (write && !virCheckReadWrite(conn, VIR_FROM_STORAGE, func)) ||
        remoteCall(conn, proc, argsFilter, args,
                   (xdrproc_t)xdr_remote_nonnull_storage_vol, &ret) < 0) {
        virDispatchError(conn);
        return NULL;
    }
    vol = remoteStorageVolFromWire(conn, &ret);
    xdr_free((xdrproc_t)xdr_remote_nonnull_storage_vol, (char *)&ret);
    return vol;
}

/* A call taking { POOL pool } (withFlags: { POOL pool, uint flags }) and
 * answering void or one int (stored in *result when given). */
static int
poolCall(virStoragePoolPtr pool, const char *func, bool write, int proc, bool withFlags,
         unsigned int flags, int *result)
{
    remote_storage_pool_create_args args;   /* { pool, flags } */
    int value = 0;

    virResetLastError();
    if (!virCheckStoragePool(pool, func) ||
        (write && !virCheckReadWrite(pool->conn, VIR_FROM_STORAGE, func)))
        goto error;
    remoteStoragePoolToWire(&args.pool, pool);
    args.flags = flags;
    if (remoteCall(pool->conn, proc,
                   withFlags ? (xdrproc_t)xdr_remote_storage_pool_create_args
                             : (xdrproc_t)xdr_remote_storage_pool_destroy_args, &args,
                   result ? (xdrproc_t)xdr_int : (xdrproc_t)xdr_void,
                   result ? (void *)&value : NULL) < 0)
        goto error;
    if (result)
        *result = value;
    return 0;
 error:
    virDispatchError(poolConn(pool));
    return -1;
}

G_STATIC_ASSERT(offsetof(remote_storage_pool_create_args, pool) == 0);
G_STATIC_ASSERT(offsetof(remote_storage_pool_destroy_args, pool) == 0);

/* The same for { VOL vol, uint flags } calls answering void. */
static int
volCall(virStorageVolPtr vol, const char *func, int proc, unsigned int flags)
{
    remote_storage_vol_delete_args args;    /* { vol, flags } */

    virResetLastError();
    if (!virCheckStorageVol(vol, func) ||
        !virCheckReadWrite(vol->conn, VIR_FROM_STORAGE, func))
        goto error;
    remoteStorageVolToWire(&args.vol, vol);
    args.flags = flags;
    if (remoteCall(vol->conn, proc, (xdrproc_t)xdr_remote_storage_vol_delete_args, &args,
                   (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return 0;
 error:
    virDispatchError(volConn(vol));
    return -1;
}

static bool
storageCheckString(virConnectPtr conn, const char *value, const char *what)
{
    if (value)
        return true;
    virResetLastError();
    virReportError(VIR_ERR_INVALID_ARG, "%s must not be NULL", what);
    virDispatchError(conn);
    return false;
}

/* ------------------------------------------------------------------ */
/* The connection's pools                                              */

char *
virConnectGetStoragePoolCapabilities(virConnectPtr conn, unsigned int flags)
{
    remote_connect_get_storage_pool_capabilities_args args = { .flags = flags };
    char *caps = NULL;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_GET_STORAGE_POOL_CAPABILITIES,
                   (xdrproc_t)xdr_remote_connect_get_storage_pool_capabilities_args, &args,
                   (xdrproc_t)xdr_remote_connect_get_storage_pool_capabilities_ret,
                   &caps) < 0) {
        virDispatchError(conn);
        return NULL;
    }
    return caps;
}

static int
poolCount(virConnectPtr conn, const char *func, int proc)
{
    int num = 0;

    virResetLastError();
    if (!virCheckConnect(conn, func) ||
        remoteCall(conn, proc, (xdrproc_t)xdr_void, NULL, (xdrproc_t)xdr_int, &num) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return num;
}

int
virConnectNumOfStoragePools(virConnectPtr conn)
{
    return poolCount(conn, __func__, REMOTE_PROC_CONNECT_NUM_OF_STORAGE_POOLS);
}

int
virConnectNumOfDefinedStoragePools(virConnectPtr conn)
{
    return poolCount(conn, __func__, REMOTE_PROC_CONNECT_NUM_OF_DEFINED_STORAGE_POOLS);
}

/* Name lists: argsFilter encodes args (ending in { int maxnames }), the
 * ret is { names<> }. */
static int
storageListNames(virConnectPtr conn, const char *func, int proc, xdrproc_t argsFilter,
                 void *args, char **const names, int maxnames)
{
    remote_connect_list_storage_pools_ret ret = { 0 };
    int n;
    int i;

    if (maxnames < 0 || (maxnames && !names)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "invalid names or maxnames");
        goto error;
    }
    if (remoteCall(conn, proc, argsFilter, args,
                   (xdrproc_t)xdr_remote_connect_list_storage_pools_ret, &ret) < 0)
        goto error;
    n = MIN((int)ret.names.names_len, maxnames);
    for (i = 0; i < n; i++)
        names[i] = g_strdup(ret.names.names_val[i]);
    xdr_free((xdrproc_t)xdr_remote_connect_list_storage_pools_ret, (char *)&ret);
    return n;
 error:
    virDispatchError(conn);
    return -1;
}

G_STATIC_ASSERT(sizeof(remote_connect_list_storage_pools_ret) ==
                sizeof(remote_storage_pool_list_volumes_ret));

static int
poolListNames(virConnectPtr conn, const char *func, int proc, char **const names,
              int maxnames)
{
    remote_connect_list_storage_pools_args args = { .maxnames = maxnames };

    virResetLastError();
    if (!virCheckConnect(conn, func)) {
        virDispatchError(conn);
        return -1;
    }
    return storageListNames(conn, func, proc,
                            (xdrproc_t)xdr_remote_connect_list_storage_pools_args, &args,
                            names, maxnames);
}

int
virConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return poolListNames(conn, __func__, REMOTE_PROC_CONNECT_LIST_STORAGE_POOLS, names,
                         maxnames);
}

int
virConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    return poolListNames(conn, __func__, REMOTE_PROC_CONNECT_LIST_DEFINED_STORAGE_POOLS,
                         names, maxnames);
}

int
virConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
                              unsigned int flags)
{
    remote_connect_list_all_storage_pools_args args = {
        .need_results = !!pools, .flags = flags,
    };
    remote_connect_list_all_storage_pools_ret ret = { 0 };
    size_t i;

    virResetLastError();
    if (pools)
        *pools = NULL;
    if (!virCheckConnect(conn, __func__) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_LIST_ALL_STORAGE_POOLS,
                   (xdrproc_t)xdr_remote_connect_list_all_storage_pools_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_all_storage_pools_ret, &ret) < 0) {
        virDispatchError(conn);
        return -1;
    }
    if (pools) {
        *pools = g_new0(virStoragePoolPtr, ret.pools.pools_len + 1);
        for (i = 0; i < ret.pools.pools_len; i++)
            (*pools)[i] = remoteStoragePoolFromWire(conn, &ret.pools.pools_val[i]);
    }
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_storage_pools_ret, (char *)&ret);
    return ret.ret;
}

char *
virConnectFindStoragePoolSources(virConnectPtr conn, const char *type, const char *srcSpec,
                                 unsigned int flags)
{
    char *spec = (char *)srcSpec;
    remote_connect_find_storage_pool_sources_args args = {
        .type = (char *)type, .srcSpec = srcSpec ? &spec : NULL, .flags = flags,
    };
    char *xml = NULL;

    if (!storageCheckString(conn, type, "type"))
        return NULL;
    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        !virCheckReadWrite(conn, VIR_FROM_STORAGE, __func__) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_FIND_STORAGE_POOL_SOURCES,
                   (xdrproc_t)xdr_remote_connect_find_storage_pool_sources_args, &args,
                   (xdrproc_t)xdr_remote_connect_find_storage_pool_sources_ret, &xml) < 0) {
        virDispatchError(conn);
        return NULL;
    }
    return xml;
}

virStoragePoolPtr
virStoragePoolLookupByName(virConnectPtr conn, const char *name)
{
    remote_storage_pool_lookup_by_name_args args = { .name = (char *)name };

    if (!storageCheckString(conn, name, "name"))
        return NULL;
    return poolFromCall(conn, __func__, false, REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_NAME,
                        (xdrproc_t)xdr_remote_storage_pool_lookup_by_name_args, &args);
}

virStoragePoolPtr
virStoragePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    remote_storage_pool_lookup_by_uuid_args args;

    if (!storageCheckString(conn, (const char *)uuid, "uuid"))
        return NULL;
    memcpy(args.uuid, uuid, VIR_UUID_BUFLEN);
    return poolFromCall(conn, __func__, false, REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_UUID,
                        (xdrproc_t)xdr_remote_storage_pool_lookup_by_uuid_args, &args);
}

virStoragePoolPtr
virStoragePoolLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (!uuidstr || virUUIDParse(uuidstr, uuid) < 0) {
        virResetLastError();
        virErrorReportRaw(VIR_FROM_STORAGE, VIR_ERR_INVALID_ARG,
                          "uuidstr in %s must be a valid UUID", __func__);
        virDispatchError(conn);
        return NULL;
    }
    return virStoragePoolLookupByUUID(conn, uuid);
}

virStoragePoolPtr
virStoragePoolLookupByVolume(virStorageVolPtr vol)
{
    remote_storage_pool_lookup_by_volume_args args;

    virResetLastError();
    if (!virCheckStorageVol(vol, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    remoteStorageVolToWire(&args.vol, vol);
    return poolFromCall(vol->conn, __func__, false, REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_VOLUME,
                        (xdrproc_t)xdr_remote_storage_pool_lookup_by_volume_args, &args);
}

virStoragePoolPtr
virStoragePoolLookupByTargetPath(virConnectPtr conn, const char *path)
{
    remote_storage_pool_lookup_by_target_path_args args = { .path = (char *)path };

    if (!storageCheckString(conn, path, "path"))
        return NULL;
    return poolFromCall(conn, __func__, false, REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_TARGET_PATH,
                        (xdrproc_t)xdr_remote_storage_pool_lookup_by_target_path_args, &args);
}

/* ------------------------------------------------------------------ */
/* Definition and life cycle                                           */

virStoragePoolPtr
virStoragePoolCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    remote_storage_pool_create_xml_args args = { .xml = (char *)xmlDesc, .flags = flags };

    if (!storageCheckString(conn, xmlDesc, "xmlDesc"))
        return NULL;
    return poolFromCall(conn, __func__, true, REMOTE_PROC_STORAGE_POOL_CREATE_XML,
                        (xdrproc_t)xdr_remote_storage_pool_create_xml_args, &args);
}

virStoragePoolPtr
virStoragePoolDefineXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    remote_storage_pool_define_xml_args args = { .xml = (char *)xmlDesc, .flags = flags };

    if (!storageCheckString(conn, xmlDesc, "xmlDesc"))
        return NULL;
    return poolFromCall(conn, __func__, true, REMOTE_PROC_STORAGE_POOL_DEFINE_XML,
                        (xdrproc_t)xdr_remote_storage_pool_define_xml_args, &args);
}

int
virStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags)
{
    return poolCall(pool, __func__, true, REMOTE_PROC_STORAGE_POOL_BUILD, true, flags, NULL);
}

int
virStoragePoolUndefine(virStoragePoolPtr pool)
{
    return poolCall(pool, __func__, true, REMOTE_PROC_STORAGE_POOL_UNDEFINE, false, 0, NULL);
}

int
virStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags)
{
    return poolCall(pool, __func__, true, REMOTE_PROC_STORAGE_POOL_CREATE, true, flags, NULL);
}

int
virStoragePoolDestroy(virStoragePoolPtr pool)
{
    return poolCall(pool, __func__, true, REMOTE_PROC_STORAGE_POOL_DESTROY, false, 0, NULL);
}

int
virStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags)
{
    return poolCall(pool, __func__, true, REMOTE_PROC_STORAGE_POOL_DELETE, true, flags, NULL);
}

int
virStoragePoolRefresh(virStoragePoolPtr pool, unsigned int flags)
{
    return poolCall(pool, __func__, true, REMOTE_PROC_STORAGE_POOL_REFRESH, true, flags, NULL);
}

/* ------------------------------------------------------------------ */
/* Pool properties                                                     */

int
virStoragePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
{
    remote_storage_pool_get_info_args args;
    remote_storage_pool_get_info_ret ret = { 0 };

    virResetLastError();
    if (!virCheckStoragePool(pool, __func__))
        goto error;
    if (!info) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "info must not be NULL");
        goto error;
    }
    remoteStoragePoolToWire(&args.pool, pool);
    if (remoteCall(pool->conn, REMOTE_PROC_STORAGE_POOL_GET_INFO,
                   (xdrproc_t)xdr_remote_storage_pool_get_info_args, &args,
                   (xdrproc_t)xdr_remote_storage_pool_get_info_ret, &ret) < 0)
        goto error;
    info->state = ret.state;
    info->capacity = ret.capacity;
    info->allocation = ret.allocation;
    info->available = ret.available;
    return 0;
 error:
    virDispatchError(poolConn(pool));
    return -1;
}

char *
virStoragePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags)
{
    remote_storage_pool_get_xml_desc_args args;
    char *xml = NULL;   /* the ret struct is just the string */

    virResetLastError();
    if (!virCheckStoragePool(pool, __func__))
        goto error;
    remoteStoragePoolToWire(&args.pool, pool);
    args.flags = flags;
    if (remoteCall(pool->conn, REMOTE_PROC_STORAGE_POOL_GET_XML_DESC,
                   (xdrproc_t)xdr_remote_storage_pool_get_xml_desc_args, &args,
                   (xdrproc_t)xdr_remote_storage_pool_get_xml_desc_ret, &xml) < 0)
        goto error;
    return xml;
 error:
    virDispatchError(poolConn(pool));
    return NULL;
}

int
virStoragePoolGetAutostart(virStoragePoolPtr pool, int *autostart)
{
    if (!autostart) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "autostart must not be NULL");
        virDispatchError(poolConn(pool));
        return -1;
    }
    return poolCall(pool, __func__, false, REMOTE_PROC_STORAGE_POOL_GET_AUTOSTART, false, 0,
                    autostart);
}

int
virStoragePoolSetAutostart(virStoragePoolPtr pool, int autostart)
{
    /* { pool, int autostart } has the layout of { pool, uint flags }. */
    G_STATIC_ASSERT(sizeof(remote_storage_pool_set_autostart_args) ==
                    sizeof(remote_storage_pool_create_args));
    return poolCall(pool, __func__, true, REMOTE_PROC_STORAGE_POOL_SET_AUTOSTART, true,
                    autostart, NULL);
}

int
virStoragePoolIsActive(virStoragePoolPtr pool)
{
    int active = 0;

    if (poolCall(pool, __func__, false, REMOTE_PROC_STORAGE_POOL_IS_ACTIVE, false, 0,
                 &active) < 0)
        return -1;
    return active;
}

int
virStoragePoolIsPersistent(virStoragePoolPtr pool)
{
    int persistent = 0;

    if (poolCall(pool, __func__, false, REMOTE_PROC_STORAGE_POOL_IS_PERSISTENT, false, 0,
                 &persistent) < 0)
        return -1;
    return persistent;
}

/* ------------------------------------------------------------------ */
/* A pool's volumes                                                    */

int
virStoragePoolNumOfVolumes(virStoragePoolPtr pool)
{
    int num = 0;

    if (poolCall(pool, __func__, false, REMOTE_PROC_STORAGE_POOL_NUM_OF_VOLUMES, false, 0,
                 &num) < 0)
        return -1;
    return num;
}

int
virStoragePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames)
{
    remote_storage_pool_list_volumes_args args;

    virResetLastError();
    if (!virCheckStoragePool(pool, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    remoteStoragePoolToWire(&args.pool, pool);
    args.maxnames = maxnames;
    return storageListNames(pool->conn, __func__, REMOTE_PROC_STORAGE_POOL_LIST_VOLUMES,
                            (xdrproc_t)xdr_remote_storage_pool_list_volumes_args, &args,
                            names, maxnames);
}

int
virStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
                             unsigned int flags)
{
    remote_storage_pool_list_all_volumes_args args = { 0 };
    remote_storage_pool_list_all_volumes_ret ret = { 0 };
    size_t i;

    virResetLastError();
    if (vols)
        *vols = NULL;
    if (!virCheckStoragePool(pool, __func__))
        goto error;
    remoteStoragePoolToWire(&args.pool, pool);
    args.need_results = !!vols;
    args.flags = flags;
    if (remoteCall(pool->conn, REMOTE_PROC_STORAGE_POOL_LIST_ALL_VOLUMES,
                   (xdrproc_t)xdr_remote_storage_pool_list_all_volumes_args, &args,
                   (xdrproc_t)xdr_remote_storage_pool_list_all_volumes_ret, &ret) < 0)
        goto error;
    if (vols) {
        *vols = g_new0(virStorageVolPtr, ret.vols.vols_len + 1);
        for (i = 0; i < ret.vols.vols_len; i++)
            (*vols)[i] = remoteStorageVolFromWire(pool->conn, &ret.vols.vols_val[i]);
    }
    xdr_free((xdrproc_t)xdr_remote_storage_pool_list_all_volumes_ret, (char *)&ret);
    return ret.ret;
 error:
    virDispatchError(poolConn(pool));
    return -1;
}

/* ------------------------------------------------------------------ */
/* Volume lookup and creation                                          */

virStorageVolPtr
virStorageVolLookupByName(virStoragePoolPtr pool, const char *name)
{
    remote_storage_vol_lookup_by_name_args args = { .name = (char *)name };

    virResetLastError();
    if (!virCheckStoragePool(pool, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    if (!storageCheckString(pool->conn, name, "name"))
        return NULL;
    remoteStoragePoolToWire(&args.pool, pool);
    return volFromCall(pool->conn, __func__, false, REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_NAME,
                       (xdrproc_t)xdr_remote_storage_vol_lookup_by_name_args, &args);
}

virStorageVolPtr
virStorageVolLookupByKey(virConnectPtr conn, const char *key)
{
    remote_storage_vol_lookup_by_key_args args = { .key = (char *)key };

    if (!storageCheckString(conn, key, "key"))
        return NULL;
    return volFromCall(conn, __func__, false, REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_KEY,
                       (xdrproc_t)xdr_remote_storage_vol_lookup_by_key_args, &args);
}

virStorageVolPtr
virStorageVolLookupByPath(virConnectPtr conn, const char *path)
{
    remote_storage_vol_lookup_by_path_args args = { .path = (char *)path };

    if (!storageCheckString(conn, path, "path"))
        return NULL;
    return volFromCall(conn, __func__, false, REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_PATH,
                       (xdrproc_t)xdr_remote_storage_vol_lookup_by_path_args, &args);
}

virStorageVolPtr
virStorageVolCreateXML(virStoragePoolPtr pool, const char *xmldesc, unsigned int flags)
{
    remote_storage_vol_create_xml_args args = { .xml = (char *)xmldesc, .flags = flags };

    virResetLastError();
    if (!virCheckStoragePool(pool, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    if (!storageCheckString(pool->conn, xmldesc, "xmldesc"))
        return NULL;
    remoteStoragePoolToWire(&args.pool, pool);
    return volFromCall(pool->conn, __func__, true, REMOTE_PROC_STORAGE_VOL_CREATE_XML,
                       (xdrproc_t)xdr_remote_storage_vol_create_xml_args, &args);
}

virStorageVolPtr
virStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xmldesc,
                           virStorageVolPtr clonevol, unsigned int flags)
{
    remote_storage_vol_create_xml_from_args args = { .xml = (char *)xmldesc, .flags = flags };

    virResetLastError();
    if (!virCheckStoragePool(pool, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    if (!virCheckStorageVol(clonevol, __func__)) {
        virDispatchError(pool->conn);
        return NULL;
    }
    if (!storageCheckString(pool->conn, xmldesc, "xmldesc"))
        return NULL;
    remoteStoragePoolToWire(&args.pool, pool);
    remoteStorageVolToWire(&args.clonevol, clonevol);
    return volFromCall(pool->conn, __func__, true, REMOTE_PROC_STORAGE_VOL_CREATE_XML_FROM,
                       (xdrproc_t)xdr_remote_storage_vol_create_xml_from_args, &args);
}

/* ------------------------------------------------------------------ */
/* Volume operations and properties                                    */

int
virStorageVolDelete(virStorageVolPtr vol, unsigned int flags)
{
    return volCall(vol, __func__, REMOTE_PROC_STORAGE_VOL_DELETE, flags);
}

int
virStorageVolWipe(virStorageVolPtr vol, unsigned int flags)
{
    return volCall(vol, __func__, REMOTE_PROC_STORAGE_VOL_WIPE, flags);
}

int
virStorageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm, unsigned int flags)
{
    remote_storage_vol_wipe_pattern_args args;

    virResetLastError();
    if (!virCheckStorageVol(vol, __func__) ||
        !virCheckReadWrite(vol->conn, VIR_FROM_STORAGE, __func__))
        goto error;
    remoteStorageVolToWire(&args.vol, vol);
    args.algorithm = algorithm;
    args.flags = flags;
    if (remoteCall(vol->conn, REMOTE_PROC_STORAGE_VOL_WIPE_PATTERN,
                   (xdrproc_t)xdr_remote_storage_vol_wipe_pattern_args, &args,
                   (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return 0;
 error:
    virDispatchError(volConn(vol));
    return -1;
}

int
virStorageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags)
{
    remote_storage_vol_resize_args args;

    virResetLastError();
    if (!virCheckStorageVol(vol, __func__) ||
        !virCheckReadWrite(vol->conn, VIR_FROM_STORAGE, __func__))
        goto error;
    remoteStorageVolToWire(&args.vol, vol);
    args.capacity = capacity;
    args.flags = flags;
    if (remoteCall(vol->conn, REMOTE_PROC_STORAGE_VOL_RESIZE,
                   (xdrproc_t)xdr_remote_storage_vol_resize_args, &args,
                   (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return 0;
 error:
    virDispatchError(volConn(vol));
    return -1;
}

int
virStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags)
{
    remote_storage_vol_get_info_flags_args args;
    remote_storage_vol_get_info_flags_ret ret = { 0 };

    virResetLastError();
    if (!virCheckStorageVol(vol, __func__))
        goto error;
    if (!info) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "info must not be NULL");
        goto error;
    }
    remoteStorageVolToWire(&args.vol, vol);
    args.flags = flags;
    /* The old call without flags where there are none (as libvirt does). */
    if (flags == 0 ?
        remoteCall(vol->conn, REMOTE_PROC_STORAGE_VOL_GET_INFO,
                   (xdrproc_t)xdr_remote_storage_vol_get_info_args, &args,
                   (xdrproc_t)xdr_remote_storage_vol_get_info_ret, &ret) < 0 :
        remoteCall(vol->conn, REMOTE_PROC_STORAGE_VOL_GET_INFO_FLAGS,
                   (xdrproc_t)xdr_remote_storage_vol_get_info_flags_args, &args,
                   (xdrproc_t)xdr_remote_storage_vol_get_info_flags_ret, &ret) < 0)
        goto error;
    info->type = ret.type;
    info->capacity = ret.capacity;
    info->allocation = ret.allocation;
    return 0;
 error:
    virDispatchError(volConn(vol));
    return -1;
}

G_STATIC_ASSERT(sizeof(remote_storage_vol_get_info_ret) ==
                sizeof(remote_storage_vol_get_info_flags_ret));
G_STATIC_ASSERT(offsetof(remote_storage_vol_get_info_flags_args, vol) == 0);

int
virStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info)
{
    return virStorageVolGetInfoFlags(vol, info, 0);
}

char *
virStorageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags)
{
    remote_storage_vol_get_xml_desc_args args;
    char *xml = NULL;

    virResetLastError();
    if (!virCheckStorageVol(vol, __func__))
        goto error;
    remoteStorageVolToWire(&args.vol, vol);
    args.flags = flags;
    if (remoteCall(vol->conn, REMOTE_PROC_STORAGE_VOL_GET_XML_DESC,
                   (xdrproc_t)xdr_remote_storage_vol_get_xml_desc_args, &args,
                   (xdrproc_t)xdr_remote_storage_vol_get_xml_desc_ret, &xml) < 0)
        goto error;
    return xml;
 error:
    virDispatchError(volConn(vol));
    return NULL;
}

char *
virStorageVolGetPath(virStorageVolPtr vol)
{
    remote_storage_vol_get_path_args args;
    char *path = NULL;

    virResetLastError();
    if (!virCheckStorageVol(vol, __func__))
        goto error;
    remoteStorageVolToWire(&args.vol, vol);
    if (remoteCall(vol->conn, REMOTE_PROC_STORAGE_VOL_GET_PATH,
                   (xdrproc_t)xdr_remote_storage_vol_get_path_args, &args,
                   (xdrproc_t)xdr_remote_storage_vol_get_path_ret, &path) < 0)
        goto error;
    return path;
 error:
    virDispatchError(volConn(vol));
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Transfers                                                           */

/* Upload and download share their argument layout. */
static int
volTransfer(virStorageVolPtr vol, virStreamPtr st, int proc, const char *func,
            unsigned long long offset, unsigned long long length, unsigned int flags)
{
    remote_storage_vol_upload_args args;

    virResetLastError();
    if (!virCheckStorageVol(vol, func))
        goto error;
    if (!st || g_atomic_int_get(&st->refs) <= 0 || st->conn != vol->conn) {
        virErrorReportFull(VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM, "%s", func);
        goto error;
    }
    if (!virCheckReadWrite(vol->conn, VIR_FROM_STORAGE, func))
        goto error;
    remoteStorageVolToWire(&args.vol, vol);
    args.offset = offset;
    args.length = length;
    args.flags = flags;
    /* Both SPARSE_STREAM flags are bit 0: holes may then travel. */
    virNetClientStreamSetSparse(st->st, flags & VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM);
    if (virNetClientCallStream(vol->conn->client, st->st, REMOTE_PROGRAM,
                               REMOTE_PROTOCOL_VERSION, proc,
                               (xdrproc_t)xdr_remote_storage_vol_upload_args, &args,
                               (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return 0;
 error:
    virDispatchError(volConn(vol));
    return -1;
}

G_STATIC_ASSERT(sizeof(remote_storage_vol_upload_args) ==
                sizeof(remote_storage_vol_download_args));

int
virStorageVolUpload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                    unsigned long long length, unsigned int flags)
{
    return volTransfer(vol, stream, REMOTE_PROC_STORAGE_VOL_UPLOAD, __func__, offset, length,
                       flags);
}

int
virStorageVolDownload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                      unsigned long long length, unsigned int flags)
{
    return volTransfer(vol, stream, REMOTE_PROC_STORAGE_VOL_DOWNLOAD, __func__, offset, length,
                       flags);
}

/* ------------------------------------------------------------------ */
/* Events                                                              */

int
virConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool,
                                      int eventID,
                                      virConnectStoragePoolEventGenericCallback cb,
                                      void *opaque, virFreeCallback freecb)
{
    int id;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        (pool && !virCheckStoragePool(pool, __func__)) ||
        (id = remoteEventsRegister(conn, REMOTE_EVENT_STORAGE_POOL, pool, eventID,
                                   (void (*)(void))cb, opaque, freecb, false)) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return id;
}

int
virConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteEventsDeregister(conn, REMOTE_EVENT_STORAGE_POOL, callbackID) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return 0;
}
