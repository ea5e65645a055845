/* virtqemud's own calls to virtstoraged: the path of a <disk
 * type='volume'> when a guest starts. Elevated and opened per call, as for
 * network ports (remote_backend_network.c). */
#include "remote_backend.h"

#include <string.h>

#include "remote_protocol.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("daemon.backend_storage");

int
remoteStorageVolGetPathElevated(const char *pool, const char *volume, char **path,
                                bool *block)
{
    g_autofree char *sockdir = virFileRootPath("/run/libvirt");
    g_autofree char *sock = g_build_filename(sockdir, "virtstoraged-sock", NULL);
    remote_storage_pool_lookup_by_name_args poolArgs = { .name = (char *)pool };
    remote_storage_pool_lookup_by_name_ret poolRet = { 0 };
    remote_storage_vol_lookup_by_name_args volArgs = { 0 };
    remote_storage_vol_lookup_by_name_ret volRet = { 0 };
    remote_storage_vol_get_info_args infoArgs = { 0 };
    remote_storage_vol_get_info_ret infoRet = { 0 };
    remote_storage_vol_get_path_args pathArgs = { 0 };
    remote_storage_vol_get_path_ret pathRet = { 0 };
    virNetClient *backend;
    int ret = -1;

    if (!(backend = remoteBackendOpenElevated(sock, "virtstoraged", "storage:///system")))
        return -1;
    if (remoteBackendCall(backend, REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_NAME,
                          (xdrproc_t)xdr_remote_storage_pool_lookup_by_name_args, &poolArgs,
                          (xdrproc_t)xdr_remote_storage_pool_lookup_by_name_ret, &poolRet) < 0)
        goto cleanup;
    volArgs.pool = poolRet.pool;
    volArgs.name = (char *)volume;
    if (remoteBackendCall(backend, REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_NAME,
                          (xdrproc_t)xdr_remote_storage_vol_lookup_by_name_args, &volArgs,
                          (xdrproc_t)xdr_remote_storage_vol_lookup_by_name_ret, &volRet) < 0)
        goto cleanup;
    infoArgs.vol = volRet.vol;
    pathArgs.vol = volRet.vol;
    if (remoteBackendCall(backend, REMOTE_PROC_STORAGE_VOL_GET_INFO,
                          (xdrproc_t)xdr_remote_storage_vol_get_info_args, &infoArgs,
                          (xdrproc_t)xdr_remote_storage_vol_get_info_ret, &infoRet) < 0 ||
        remoteBackendCall(backend, REMOTE_PROC_STORAGE_VOL_GET_PATH,
                          (xdrproc_t)xdr_remote_storage_vol_get_path_args, &pathArgs,
                          (xdrproc_t)xdr_remote_storage_vol_get_path_ret, &pathRet) < 0)
        goto cleanup;
    *path = g_strdup(pathRet.name);
    *block = infoRet.type == VIR_STORAGE_VOL_BLOCK;
    ret = 0;

 cleanup:
    xdr_free((xdrproc_t)xdr_remote_storage_pool_lookup_by_name_ret, (char *)&poolRet);
    xdr_free((xdrproc_t)xdr_remote_storage_vol_lookup_by_name_ret, (char *)&volRet);
    xdr_free((xdrproc_t)xdr_remote_storage_vol_get_path_ret, (char *)&pathRet);
    remoteBackendClose(backend);
    return ret;
}
