/*
 * libvirt-storage.h: storage pools and the volumes in them in the
 * libvirt-compatible client API: listing, definition, life cycle, volume
 * creation, transfer through streams, and events
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_STORAGE_H
#define VIRTD_PUBLIC_STORAGE_H

#include <libvirt/libvirt-host.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- handles and plain data ------------------------------------------ */

/* A pool of storage (a directory, a volume group, a disk...). */
typedef struct _virStoragePool virStoragePool;
typedef virStoragePool *virStoragePoolPtr;

/* One volume of a pool. */
typedef struct _virStorageVol virStorageVol;
typedef virStorageVol *virStorageVolPtr;

/* The state virStoragePoolGetInfo() reports. */
typedef enum {
    VIR_STORAGE_POOL_INACTIVE     = 0, /* not started */
    VIR_STORAGE_POOL_BUILDING     = 1, /* being set up, not usable yet */
    VIR_STORAGE_POOL_RUNNING      = 2,
    VIR_STORAGE_POOL_DEGRADED     = 3, /* running with reduced redundancy */
    VIR_STORAGE_POOL_INACCESSIBLE = 4  /* running, but its storage is unreachable */
#ifdef VIR_ENUM_SENTINELS
    , VIR_STORAGE_POOL_STATE_LAST
#endif
} virStoragePoolState;

/* virStoragePoolBuild(): how to treat what is already there. */
typedef enum {
    VIR_STORAGE_POOL_BUILD_NEW          = 0,      /* from scratch */
    VIR_STORAGE_POOL_BUILD_REPAIR       = 1 << 0,
    VIR_STORAGE_POOL_BUILD_RESIZE       = 1 << 1, /* grow an existing pool */
    VIR_STORAGE_POOL_BUILD_NO_OVERWRITE = 1 << 2, /* refuse to touch existing data */
    VIR_STORAGE_POOL_BUILD_OVERWRITE    = 1 << 3  /* format over existing data */
} virStoragePoolBuildFlags;

/* virStoragePoolDelete(). */
typedef enum {
    VIR_STORAGE_POOL_DELETE_NORMAL = 0,     /* remove the metadata only */
    VIR_STORAGE_POOL_DELETE_ZEROED = 1 << 0 /* overwrite the data with zeros first */
} virStoragePoolDeleteFlags;

/* virStoragePoolCreate() and virStoragePoolCreateXML(): build first? */
typedef enum {
    VIR_STORAGE_POOL_CREATE_NORMAL                  = 0,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD              = 1 << 0,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE    = 1 << 1,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE = 1 << 2
} virStoragePoolCreateFlags;

/* Sizes are bytes. */
typedef struct _virStoragePoolInfo virStoragePoolInfo;
struct _virStoragePoolInfo {
    int state;                      /* virStoragePoolState */
    unsigned long long capacity;    /* total size */
    unsigned long long allocation;  /* in use */
    unsigned long long available;   /* still free */
};
typedef virStoragePoolInfo *virStoragePoolInfoPtr;

/* What kind of object backs a volume. */
typedef enum {
    VIR_STORAGE_VOL_FILE    = 0, /* a regular file */
    VIR_STORAGE_VOL_BLOCK   = 1, /* a block device */
    VIR_STORAGE_VOL_DIR     = 2, /* a directory handed through */
    VIR_STORAGE_VOL_NETWORK = 3, /* reached over the network (RBD...) */
    VIR_STORAGE_VOL_NETDIR  = 4, /* a network directory holding files */
    VIR_STORAGE_VOL_PLOOP   = 5  /* a ploop image */
#ifdef VIR_ENUM_SENTINELS
    , VIR_STORAGE_VOL_LAST
#endif
} virStorageVolType;

/* virStorageVolDelete(). */
typedef enum {
    VIR_STORAGE_VOL_DELETE_NORMAL         = 0,      /* remove the metadata only */
    VIR_STORAGE_VOL_DELETE_ZEROED         = 1 << 0, /* zero the data first */
    VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS = 1 << 1  /* with its snapshots, if any */
} virStorageVolDeleteFlags;

/* virStorageVolWipePattern(): what is written over the data. */
typedef enum {
    VIR_STORAGE_VOL_WIPE_ALG_ZERO       = 0, /* one pass of zeros */
    VIR_STORAGE_VOL_WIPE_ALG_NNSA       = 1, /* 4 passes (NNSA NAP-14.1-C) */
    VIR_STORAGE_VOL_WIPE_ALG_DOD        = 2, /* 4 passes (DoD 5220.22-M) */
    VIR_STORAGE_VOL_WIPE_ALG_BSI        = 3, /* 9 passes (German BSI) */
    VIR_STORAGE_VOL_WIPE_ALG_GUTMANN    = 4, /* Gutmann's 35 passes */
    VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER   = 5, /* Schneier's 7 passes */
    VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7  = 6, /* 7 passes of random data */
    VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33 = 7, /* 33 passes of random data */
    VIR_STORAGE_VOL_WIPE_ALG_RANDOM     = 8, /* one pass of random data */
    VIR_STORAGE_VOL_WIPE_ALG_TRIM       = 9  /* discard everything (TRIM) */
#ifdef VIR_ENUM_SENTINELS
    , VIR_STORAGE_VOL_WIPE_ALG_LAST
#endif
} virStorageVolWipeAlgorithm;

/* virStorageVolGetInfoFlags(): what allocation means. */
typedef enum {
    VIR_STORAGE_VOL_USE_ALLOCATION = 0,
    VIR_STORAGE_VOL_GET_PHYSICAL   = 1 << 0  /* the size on the host instead */
} virStorageVolInfoFlags;

/* Sizes are bytes. */
typedef struct _virStorageVolInfo virStorageVolInfo;
struct _virStorageVolInfo {
    int type;                       /* virStorageVolType */
    unsigned long long capacity;    /* as the guest sees it */
    unsigned long long allocation;  /* used on the host */
};
typedef virStorageVolInfo *virStorageVolInfoPtr;

/* Pool and volume XML: the persistent definition instead of the live one. */
typedef enum {
    VIR_STORAGE_XML_INACTIVE = (1 << 0)
} virStorageXMLFlags;

/* ---- the connection's pools ------------------------------------------- */

/* The connection the pool came from; no reference is taken. */
virConnectPtr virStoragePoolGetConnect(virStoragePoolPtr pool);

/* The pool types the driver supports and their options, as XML. */
char *virConnectGetStoragePoolCapabilities(virConnectPtr conn, unsigned int flags);

int virConnectNumOfStoragePools(virConnectPtr conn);
/* Active pools' names: at most maxnames, each the caller's to free(). */
int virConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames);
int virConnectNumOfDefinedStoragePools(virConnectPtr conn);
/* Inactive persistent pools' names, as above. */
int virConnectListDefinedStoragePools(virConnectPtr conn, char **const names,
                                      int maxnames);

/* Filters of virConnectListAllStoragePools(): in pairs for the states
 * (within a pair the bits are alternatives), then one bit per pool type
 * (any of those set). */
typedef enum {
    VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE     = 1 << 0,
    VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE       = 1 << 1,
    VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT   = 1 << 2,
    VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT    = 1 << 3,
    VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART    = 1 << 4,
    VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART = 1 << 5,
    VIR_CONNECT_LIST_STORAGE_POOLS_DIR          = 1 << 6,
    VIR_CONNECT_LIST_STORAGE_POOLS_FS           = 1 << 7,
    VIR_CONNECT_LIST_STORAGE_POOLS_NETFS        = 1 << 8,
    VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL      = 1 << 9,
    VIR_CONNECT_LIST_STORAGE_POOLS_DISK         = 1 << 10,
    VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI        = 1 << 11,
    VIR_CONNECT_LIST_STORAGE_POOLS_SCSI         = 1 << 12,
    VIR_CONNECT_LIST_STORAGE_POOLS_MPATH        = 1 << 13,
    VIR_CONNECT_LIST_STORAGE_POOLS_RBD          = 1 << 14,
    VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG     = 1 << 15,
    VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER      = 1 << 16,
    VIR_CONNECT_LIST_STORAGE_POOLS_ZFS          = 1 << 17,
    VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE     = 1 << 18,
    VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT = 1 << 19
} virConnectListAllStoragePoolsFlags;

/* Allocates *pools (NULL-terminated) when pools is not NULL:
 * virStoragePoolFree() each element, then free() the array.  Returns the
 * count, or -1. */
int virConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
                                  unsigned int flags);

/* Probes the host for pools of type (srcSpec: an optional <source> hint);
 * returns <sources> XML. */
char *virConnectFindStoragePoolSources(virConnectPtr conn, const char *type,
                                       const char *srcSpec, unsigned int flags);

virStoragePoolPtr virStoragePoolLookupByName(virConnectPtr conn, const char *name);
virStoragePoolPtr virStoragePoolLookupByUUID(virConnectPtr conn,
                                             const unsigned char *uuid);
virStoragePoolPtr virStoragePoolLookupByUUIDString(virConnectPtr conn, const char *uuid);
/* The pool holding vol. */
virStoragePoolPtr virStoragePoolLookupByVolume(virStorageVolPtr vol);
/* The pool whose target is path. */
virStoragePoolPtr virStoragePoolLookupByTargetPath(virConnectPtr conn, const char *path);

/* ---- definition and life cycle ----------------------------------------- */

typedef enum {
    VIR_STORAGE_POOL_DEFINE_VALIDATE = 1 << 0  /* strict checking of the XML */
} virStoragePoolDefineFlags;

/* Starts a transient pool (flags: virStoragePoolCreateFlags). */
virStoragePoolPtr virStoragePoolCreateXML(virConnectPtr conn, const char *xmlDesc,
                                          unsigned int flags);
/* Defines (or redefines) a persistent pool without starting it. */
virStoragePoolPtr virStoragePoolDefineXML(virConnectPtr conn, const char *xmlDesc,
                                          unsigned int flags);
/* Prepares the underlying storage (mkdir, mkfs, a label...). */
int virStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolUndefine(virStoragePoolPtr pool);
int virStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolDestroy(virStoragePoolPtr pool);
/* Removes the underlying storage of an inactive pool. */
int virStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolRef(virStoragePoolPtr pool);
int virStoragePoolFree(virStoragePoolPtr pool);
/* Rescans the pool's volumes. */
int virStoragePoolRefresh(virStoragePoolPtr pool, unsigned int flags);

/* ---- pool properties --------------------------------------------------- */

const char *virStoragePoolGetName(virStoragePoolPtr pool);
int virStoragePoolGetUUID(virStoragePoolPtr pool, unsigned char *uuid);
int virStoragePoolGetUUIDString(virStoragePoolPtr pool, char *buf);
int virStoragePoolGetInfo(virStoragePoolPtr vol, virStoragePoolInfoPtr info);
char *virStoragePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolGetAutostart(virStoragePoolPtr pool, int *autostart);
int virStoragePoolSetAutostart(virStoragePoolPtr pool, int autostart);
int virStoragePoolIsActive(virStoragePoolPtr pool);
int virStoragePoolIsPersistent(virStoragePoolPtr pool);

/* ---- volumes ----------------------------------------------------------- */

int virStoragePoolNumOfVolumes(virStoragePoolPtr pool);
/* Volume names: at most maxnames, each the caller's to free(). */
int virStoragePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames);
/* Allocates *vols as virConnectListAllStoragePools() does. */
int virStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
                                 unsigned int flags);

/* The connection the volume came from; no reference is taken. */
virConnectPtr virStorageVolGetConnect(virStorageVolPtr vol);

virStorageVolPtr virStorageVolLookupByName(virStoragePoolPtr pool, const char *name);
/* key: the volume's host-wide identifier (for files, the path). */
virStorageVolPtr virStorageVolLookupByKey(virConnectPtr conn, const char *key);
virStorageVolPtr virStorageVolLookupByPath(virConnectPtr conn, const char *path);

const char *virStorageVolGetName(virStorageVolPtr vol);
const char *virStorageVolGetKey(virStorageVolPtr vol);

/* virStorageVolCreateXML() and virStorageVolCreateXMLFrom(). */
typedef enum {
    VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA = 1 << 0, /* qcow2: allocate the metadata */
    VIR_STORAGE_VOL_CREATE_REFLINK           = 1 << 1, /* copy by reflink (btrfs...) */
    VIR_STORAGE_VOL_CREATE_VALIDATE          = 1 << 2  /* strict checking of the XML */
} virStorageVolCreateFlags;

virStorageVolPtr virStorageVolCreateXML(virStoragePoolPtr pool, const char *xmldesc,
                                        unsigned int flags);
/* A new volume with clonevol's content. */
virStorageVolPtr virStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xmldesc,
                                            virStorageVolPtr clonevol, unsigned int flags);

typedef enum {
    VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM = 1 << 0  /* holes travel as holes */
} virStorageVolDownloadFlags;

/* Attaches stream to length bytes of the volume from offset (length 0:
 * to the end): the volume's content is then read from the stream
 * (download) or written through it (upload); end with virStreamFinish(). */
int virStorageVolDownload(virStorageVolPtr vol, virStreamPtr stream,
                          unsigned long long offset, unsigned long long length,
                          unsigned int flags);

typedef enum {
    VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM = 1 << 0  /* holes travel as holes */
} virStorageVolUploadFlags;

int virStorageVolUpload(virStorageVolPtr vol, virStreamPtr stream,
                        unsigned long long offset, unsigned long long length,
                        unsigned int flags);

int virStorageVolDelete(virStorageVolPtr vol, unsigned int flags);
/* Overwrites the content with zeros (Wipe) or with algorithm's pattern. */
int virStorageVolWipe(virStorageVolPtr vol, unsigned int flags);
int virStorageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm,
                             unsigned int flags);
int virStorageVolRef(virStorageVolPtr vol);
int virStorageVolFree(virStorageVolPtr vol);

int virStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info);
int virStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info,
                              unsigned int flags);
char *virStorageVolGetXMLDesc(virStorageVolPtr pool, unsigned int flags);
/* The volume's path on the host, the caller's to free(). */
char *virStorageVolGetPath(virStorageVolPtr vol);

/* virStorageVolResize(). */
typedef enum {
    VIR_STORAGE_VOL_RESIZE_ALLOCATE = 1 << 0, /* allocate the new space too */
    VIR_STORAGE_VOL_RESIZE_DELTA    = 1 << 1, /* capacity is added to the current one */
    VIR_STORAGE_VOL_RESIZE_SHRINK   = 1 << 2  /* the volume may get smaller */
} virStorageVolResizeFlags;

int virStorageVolResize(virStorageVolPtr vol, unsigned long long capacity,
                        unsigned int flags);

/* ---- events ------------------------------------------------------------ */

/* Casts a specific callback to the generic type RegisterAny takes. */
#define VIR_STORAGE_POOL_EVENT_CALLBACK(cb) ((virConnectStoragePoolEventGenericCallback)(cb))

typedef enum {
    VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE = 0, /* virConnectStoragePoolEventLifecycleCallback */
    VIR_STORAGE_POOL_EVENT_ID_REFRESH   = 1  /* virConnectStoragePoolEventGenericCallback */
#ifdef VIR_ENUM_SENTINELS
    , VIR_STORAGE_POOL_EVENT_ID_LAST
#endif
} virStoragePoolEventID;

/* The shape every pool event callback is registered as (and the one of
 * the refresh event). */
typedef void (*virConnectStoragePoolEventGenericCallback)(virConnectPtr conn,
                                                          virStoragePoolPtr pool,
                                                          void *opaque);

/* pool NULL: events of every pool.  Returns a callback id, or -1. */
int virConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool,
                                          int eventID,
                                          virConnectStoragePoolEventGenericCallback cb,
                                          void *opaque, virFreeCallback freecb);
int virConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID);

/* What happened to a pool (VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE). */
typedef enum {
    VIR_STORAGE_POOL_EVENT_DEFINED   = 0,
    VIR_STORAGE_POOL_EVENT_UNDEFINED = 1,
    VIR_STORAGE_POOL_EVENT_STARTED   = 2,
    VIR_STORAGE_POOL_EVENT_STOPPED   = 3,
    VIR_STORAGE_POOL_EVENT_CREATED   = 4, /* built */
    VIR_STORAGE_POOL_EVENT_DELETED   = 5  /* its storage removed */
#ifdef VIR_ENUM_SENTINELS
    , VIR_STORAGE_POOL_EVENT_LAST
#endif
} virStoragePoolEventLifecycleType;

/* event is a virStoragePoolEventLifecycleType; detail is reserved (0). */
typedef void (*virConnectStoragePoolEventLifecycleCallback)(virConnectPtr conn,
                                                            virStoragePoolPtr pool,
                                                            int event,
                                                            int detail,
                                                            void *opaque);

#ifdef __cplusplus
}
#endif

#endif /* VIRTD_PUBLIC_STORAGE_H */
