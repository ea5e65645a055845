/* A storage pool backend: what one pool type (dir, fs, logical, disk)
 * does on the host. The driver holds the pool's lock around every call;
 * backends work on plain definitions and report their own errors. */
#pragma once

#include "internal.h"

#include "storage_conf.h"

typedef struct {
    int type;                   /* virStoragePoolType */

    /* After a daemon restart: whether the pool is still usable as it was
     * left (mounted, volume group present). */
    bool (*isActive)(const virStoragePoolDef *def);
    /* flags: VIR_STORAGE_POOL_BUILD_OVERWRITE / _NO_OVERWRITE. */
    int (*buildPool)(const virStoragePoolDef *def, unsigned int flags);
    int (*startPool)(const virStoragePoolDef *def);
    /* Sets def's capacity/allocation/available and adds a
     * virStorageVolDef per volume to vols. */
    int (*refreshPool)(virStoragePoolDef *def, GPtrArray *vols);
    int (*stopPool)(const virStoragePoolDef *def);
    int (*deletePool)(const virStoragePoolDef *def, unsigned int flags);

    /* Fills vol's key, target path and type before it is built. */
    int (*createVol)(const virStoragePoolDef *def, virStorageVolDef *vol);
    /* Makes the volume on the host, empty or (from) a copy of another
     * volume's content; nothing is left behind on failure. */
    int (*buildVol)(const virStoragePoolDef *def, virStorageVolDef *vol,
                    const virStorageVolDef *from, unsigned int flags);
    int (*deleteVol)(const virStoragePoolDef *def, const virStorageVolDef *vol,
                     unsigned int flags);
    /* flags: virStorageVolResizeFlags, capacity already absolute. */
    int (*resizeVol)(const virStoragePoolDef *def, virStorageVolDef *vol,
                     unsigned long long capacity, unsigned int flags);
    /* Re-reads capacity, allocation and format from the host. */
    int (*refreshVol)(const virStoragePoolDef *def, virStorageVolDef *vol);

    /* find-storage-pool-sources; NULL (reported) or <sources> XML. */
    char *(*findPoolSources)(const char *srcSpec, unsigned int flags);
} storageBackend;

extern const storageBackend storageBackendDir;
extern const storageBackend storageBackendFs;
extern const storageBackend storageBackendLogical;
extern const storageBackend storageBackendDisk;

/* The backend of a pool type, or NULL with VIR_ERR_NO_SUPPORT reported. */
const storageBackend *storageBackendForType(int type);

/* Shared by the file-based backends (storage_backend_fs.c). */
int storageBackendFileRefreshVol(virStorageVolDef *vol);
