/* Storage pool and volume definitions: libvirt's <pool> and <volume> XML
 * as plain data.
 *
 *   <pool type='dir|fs|netfs|logical|disk|iscsi|iscsi-direct|scsi|mpath|rbd|
 *              sheepdog|gluster|zfs|vstorage'>
 *     <name/> <uuid/> <capacity/> <allocation/> <available/>   (live sizes)
 *     <features><cow state/></features>
 *     <source>
 *       <host name port/>... <device path part_separator/>... <dir path/>
 *       <adapter type='scsi_host|fc_host' .../> <name/> <initiator><iqn name/></initiator>
 *       <format type/> <auth type username><secret uuid|usage/></auth>
 *       <protocol ver/> <vendor name/> <product name/>
 *     </source>
 *     <target><path/><permissions><mode/><owner/><group/><label/></permissions></target>
 *     <refresh><volume allocation/></refresh>
 *   </pool>
 *
 *   <volume type='file|block|dir|network|netdir|ploop'>
 *     <name/> <key/> <source><device path><extent start end/></device></source>
 *     <capacity unit/> <allocation unit/> <physical/>
 *     <target><path/><format type/><permissions/><timestamps/><encryption/>
 *             <compat/><nocow/><clusterSize/><features><lazy_refcounts/></features></target>
 *     <backingStore><path/><format/><permissions/></backingStore>
 *   </volume>
 *
 * What a pool type uses of <source> and which formats its pools and volumes
 * take is libvirt's per-type table (virStoragePoolTypeInfo in the .c file).
 * Errors are reported in VIR_FROM_STORAGE with libvirt's codes and texts.
 * Objects, state and files are in virstorageobj.h. */
#pragma once

#include "internal.h"

#include <sys/types.h>

#include "virenum.h"
#include "viruuid.h"
#include "virxml.h"
#include "storage_file_format.h"

/* VIR_STORAGE_VOL_FILE..VIR_STORAGE_VOL_PLOOP (virStorageVolType) and the
 * VIR_CONNECT_LIST_STORAGE_POOLS_* filters are libvirt's public values
 * (libvirt-storage.h). */
VIR_ENUM_DECL(virStorageVol);

typedef enum {
    VIR_STORAGE_POOL_DIR = 0,       /* a local directory */
    VIR_STORAGE_POOL_FS,            /* a local filesystem, mounted */
    VIR_STORAGE_POOL_NETFS,         /* a network filesystem, mounted */
    VIR_STORAGE_POOL_LOGICAL,       /* an LVM volume group */
    VIR_STORAGE_POOL_DISK,          /* the partitions of a disk */
    VIR_STORAGE_POOL_ISCSI,
    VIR_STORAGE_POOL_ISCSI_DIRECT,  /* iSCSI through libiscsi */
    VIR_STORAGE_POOL_SCSI,
    VIR_STORAGE_POOL_MPATH,
    VIR_STORAGE_POOL_RBD,
    VIR_STORAGE_POOL_SHEEPDOG,
    VIR_STORAGE_POOL_GLUSTER,
    VIR_STORAGE_POOL_ZFS,
    VIR_STORAGE_POOL_VSTORAGE,
    VIR_STORAGE_POOL_LAST
} virStoragePoolType;
VIR_ENUM_DECL(virStoragePool);

typedef enum {
    VIR_STORAGE_POOL_FS_AUTO = 0,
    VIR_STORAGE_POOL_FS_EXT2,
    VIR_STORAGE_POOL_FS_EXT3,
    VIR_STORAGE_POOL_FS_EXT4,
    VIR_STORAGE_POOL_FS_UFS,
    VIR_STORAGE_POOL_FS_ISO,
    VIR_STORAGE_POOL_FS_UDF,
    VIR_STORAGE_POOL_FS_GFS,
    VIR_STORAGE_POOL_FS_GFS2,
    VIR_STORAGE_POOL_FS_VFAT,
    VIR_STORAGE_POOL_FS_HFSPLUS,
    VIR_STORAGE_POOL_FS_XFS,
    VIR_STORAGE_POOL_FS_OCFS2,
    VIR_STORAGE_POOL_FS_VMFS,
    VIR_STORAGE_POOL_FS_LAST
} virStoragePoolFormatFileSystem;
VIR_ENUM_DECL(virStoragePoolFormatFileSystem);

typedef enum {
    VIR_STORAGE_POOL_NETFS_AUTO = 0,
    VIR_STORAGE_POOL_NETFS_NFS,
    VIR_STORAGE_POOL_NETFS_GLUSTERFS,
    VIR_STORAGE_POOL_NETFS_CIFS,
    VIR_STORAGE_POOL_NETFS_LAST
} virStoragePoolFormatFileSystemNet;
VIR_ENUM_DECL(virStoragePoolFormatFileSystemNet);

typedef enum {
    VIR_STORAGE_POOL_DISK_UNKNOWN = 0,
    VIR_STORAGE_POOL_DISK_DOS,
    VIR_STORAGE_POOL_DISK_DVH,
    VIR_STORAGE_POOL_DISK_GPT,
    VIR_STORAGE_POOL_DISK_MAC,
    VIR_STORAGE_POOL_DISK_BSD,
    VIR_STORAGE_POOL_DISK_PC98,
    VIR_STORAGE_POOL_DISK_SUN,
    VIR_STORAGE_POOL_DISK_LVM2,
    VIR_STORAGE_POOL_DISK_LAST
} virStoragePoolFormatDisk;
VIR_ENUM_DECL(virStoragePoolFormatDisk);

typedef enum {
    VIR_STORAGE_POOL_LOGICAL_UNKNOWN = 0,
    VIR_STORAGE_POOL_LOGICAL_LVM2,
    VIR_STORAGE_POOL_LOGICAL_LAST
} virStoragePoolFormatLogical;
VIR_ENUM_DECL(virStoragePoolFormatLogical);

/* Partition types: the volume formats of a disk pool. */
typedef enum {
    VIR_STORAGE_VOL_DISK_NONE = 0,
    VIR_STORAGE_VOL_DISK_LINUX,
    VIR_STORAGE_VOL_DISK_FAT16,
    VIR_STORAGE_VOL_DISK_FAT32,
    VIR_STORAGE_VOL_DISK_LINUX_SWAP,
    VIR_STORAGE_VOL_DISK_LINUX_LVM,
    VIR_STORAGE_VOL_DISK_LINUX_RAID,
    VIR_STORAGE_VOL_DISK_EXTENDED,
    VIR_STORAGE_VOL_DISK_LAST
} virStorageVolFormatDisk;
VIR_ENUM_DECL(virStorageVolFormatDisk);

/* Image formats (virStorageFileFormat, storage_file_format.h, shared with
 * the domain's disks) are the volume formats of file-based pools; the ones
 * from COW on can have a backing file. "none" and "luks" are refused as
 * volume formats, as libvirt 9.0 refuses them. */
#define VIR_STORAGE_FILE_BACKING VIR_STORAGE_FILE_COW

typedef enum {
    VIR_STORAGE_FILE_FEATURE_LAZY_REFCOUNTS = 0,
    VIR_STORAGE_FILE_FEATURE_LAST
} virStorageFileFeature;
VIR_ENUM_DECL(virStorageFileFeature);

typedef enum {
    VIR_STORAGE_ADAPTER_TYPE_DEFAULT = 0,   /* no <adapter> */
    VIR_STORAGE_ADAPTER_TYPE_SCSI_HOST,
    VIR_STORAGE_ADAPTER_TYPE_FC_HOST,
    VIR_STORAGE_ADAPTER_TYPE_LAST
} virStorageAdapterType;
VIR_ENUM_DECL(virStorageAdapter);

typedef enum {
    VIR_STORAGE_AUTH_TYPE_NONE = 0,
    VIR_STORAGE_AUTH_TYPE_CHAP,
    VIR_STORAGE_AUTH_TYPE_CEPH,
    VIR_STORAGE_AUTH_TYPE_LAST
} virStorageAuthType;
VIR_ENUM_DECL(virStorageAuth);

typedef enum {
    VIR_STORAGE_ENCRYPTION_FORMAT_DEFAULT = 0,
    VIR_STORAGE_ENCRYPTION_FORMAT_QCOW,
    VIR_STORAGE_ENCRYPTION_FORMAT_LUKS,
    VIR_STORAGE_ENCRYPTION_FORMAT_LAST
} virStorageEncryptionFormatType;
VIR_ENUM_DECL(virStorageEncryptionFormat);

typedef enum {
    VIR_STORAGE_ENCRYPTION_ENGINE_DEFAULT = 0,
    VIR_STORAGE_ENCRYPTION_ENGINE_QEMU,
    VIR_STORAGE_ENCRYPTION_ENGINE_LIBRBD,
    VIR_STORAGE_ENCRYPTION_ENGINE_LAST
} virStorageEncryptionEngine;
VIR_ENUM_DECL(virStorageEncryptionEngine);

typedef enum {
    VIR_STORAGE_ENCRYPTION_SECRET_TYPE_PASSPHRASE = 0,
    VIR_STORAGE_ENCRYPTION_SECRET_TYPE_LAST
} virStorageEncryptionSecretType;
VIR_ENUM_DECL(virStorageEncryptionSecret);

typedef enum {
    VIR_STORAGE_VOL_DEF_REFRESH_ALLOCATION_DEFAULT = 0,
    VIR_STORAGE_VOL_DEF_REFRESH_ALLOCATION_CAPACITY,
    VIR_STORAGE_VOL_DEF_REFRESH_ALLOCATION_LAST
} virStorageVolDefRefreshAllocation;
VIR_ENUM_DECL(virStorageVolDefRefreshAllocation);

/* Ownership and mode of a pool's directory or a volume; -1 means unset
 * (the daemon's defaults apply). mode never has bits outside 0777. */
typedef struct {
    mode_t mode;
    uid_t uid;
    gid_t gid;
    char *label;
} virStoragePerms;

/* <secret uuid='...'/> or <secret usage='...'/>. */
typedef enum {
    VIR_STORAGE_SECRET_LOOKUP_NONE = 0,
    VIR_STORAGE_SECRET_LOOKUP_UUID,
    VIR_STORAGE_SECRET_LOOKUP_USAGE,
} virStorageSecretLookupType;

typedef struct {
    virStorageSecretLookupType type;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *usage;
} virStorageSecretLookup;

/* <auth type='chap|ceph' username='...'><secret type? uuid|usage/></auth> */
typedef struct {
    int authType;               /* virStorageAuthType; never NONE in a pool */
    char *username;
    char *secrettype;           /* <secret type=...>, as written */
    virStorageSecretLookup secret;
} virStorageAuthDef;

typedef struct {
    unsigned int domain;
    unsigned int bus;
    unsigned int slot;
    unsigned int function;
} virStoragePCIAddress;

typedef struct {
    int type;                   /* virStorageAdapterType */
    /* scsi_host: a name, or the PCI address of its parent with unique_id */
    char *name;
    bool hasParentAddr;
    virStoragePCIAddress parentAddr;
    int uniqueId;               /* -1: unset */
    /* fc_host (vHBA) */
    char *parent;
    char *parentWwnn;
    char *parentWwpn;
    char *parentFabricWwn;
    char *wwnn;
    char *wwpn;
    virTristateBool managed;
} virStorageAdapter;

typedef struct {
    char *name;
    int port;                   /* 0: the protocol's default */
} virStoragePoolSourceHost;

typedef struct {
    unsigned long long start;   /* bytes */
    unsigned long long end;
} virStoragePoolSourceDeviceExtent;

typedef struct {
    char *path;
    virTristateBool partSeparator;
    /* live only, filled by a disk pool's refresh; never parsed */
    size_t nfreeExtent;
    virStoragePoolSourceDeviceExtent *freeExtents;
} virStoragePoolSourceDevice;

typedef struct {
    size_t nhost;
    virStoragePoolSourceHost *hosts;
    size_t ndevice;
    virStoragePoolSourceDevice *devices;
    char *dir;                  /* sanitized */
    virStorageAdapter adapter;
    char *name;                 /* VG name, RBD pool, gluster volume... */
    char *initiatorIqn;
    int format;                 /* the type's format enum (see the .c table) */
    virStorageAuthDef *auth;
    unsigned int protocolVer;   /* netfs: NFS version, 0 unset */
    char *vendor;
    char *product;
} virStoragePoolSource;

typedef struct {
    char *path;                 /* sanitized, absolute */
    virStoragePerms perms;
} virStoragePoolTarget;

typedef struct {
    int type;                   /* virStoragePoolType */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];

    /* live values, bytes; 0 in a definition */
    unsigned long long capacity;
    unsigned long long allocation;
    unsigned long long available;

    virTristateBool cow;        /* <features><cow state/></features> */
    virStoragePoolSource source;
    virStoragePoolTarget target;    /* unused by rbd, sheepdog, gluster, iscsi-direct */

    bool hasRefresh;
    int refreshAllocation;      /* virStorageVolDefRefreshAllocation */

    /* fs/netfs: <fs:mount_opts><fs:option name/>...</fs:mount_opts> */
    size_t nmountOpts;
    char **mountOpts;
    /* rbd: <rbd:config_opts><rbd:option name value/>...</rbd:config_opts> */
    size_t nconfigOpts;
    char **configOptNames;
    char **configOptValues;
} virStoragePoolDef;

void virStoragePoolDefFree(virStoragePoolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePoolDef, virStoragePoolDefFree);

/* Same value as libvirt's public VIR_STORAGE_POOL_DEFINE_VALIDATE: accepted
 * (there is no schema check; the parser's own checks always apply). */
#define VIR_STORAGE_POOL_DEF_PARSE_VALIDATE (1 << 0)

/* NULL with an error reported (VIR_ERR_XML_DETAIL for malformed XML,
 * VIR_ERR_XML_ERROR for missing or malformed elements,
 * VIR_ERR_CONFIG_UNSUPPORTED for unknown types and formats). Without
 * <uuid> a random one is generated; absent <source> parts get the type's
 * defaults (format, source name = pool name, a logical pool's target
 * /dev/VG). */
virStoragePoolDef *virStoragePoolDefParseString(const char *xml, unsigned int flags);
virStoragePoolDef *virStoragePoolDefParseNode(xmlNodePtr root, unsigned int flags);

/* As virsh pool-dumpxml prints it. NULL (reported) only for a definition
 * made in code with an out-of-range type or format. */
char *virStoragePoolDefFormat(const virStoragePoolDef *def);
int virStoragePoolDefFormatBuf(GString *buf, int indent, const virStoragePoolDef *def);

virStoragePoolDef *virStoragePoolDefCopy(const virStoragePoolDef *def);

/* Whether pools of this type have a <target> (rbd, sheepdog, gluster and
 * iscsi-direct have none). */
bool virStoragePoolTypeHasTarget(int type);
/* The default volume type of a pool type: block for device-based pools,
 * network for rbd/sheepdog/gluster/iscsi-direct, file otherwise. */
int virStoragePoolTypeDefaultVolType(int type);
/* Name of a source format of this pool type ("ext4", "gpt"...), or NULL
 * when the type has no formats or the value is out of range. */
const char *virStoragePoolSourceFormatToString(int poolType, int format);
/* Name of a volume format in a pool of this type ("qcow2", "linux"...),
 * or NULL. */
const char *virStorageVolFormatToString(int poolType, int format);
/* The default volume format of a pool type, or -1 when it has none. */
int virStorageVolDefaultFormat(int poolType);

/* <source> alone (find-storage-pool-sources' hint): parsed with the
 * type's rules but without the pool-level checks. */
void virStoragePoolSourceClear(virStoragePoolSource *source);
void virStoragePoolSourceFree(virStoragePoolSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePoolSource, virStoragePoolSourceFree);
virStoragePoolSource *virStoragePoolDefParseSourceString(const char *srcSpec, int poolType);

/* find-storage-pool-sources output: <sources><source>...</source>...</sources>. */
typedef struct {
    int type;                   /* virStoragePoolType */
    size_t nsources;
    virStoragePoolSource *sources;
} virStoragePoolSourceList;

/* A zeroed source appended to the list. */
virStoragePoolSource *virStoragePoolSourceListNewSource(virStoragePoolSourceList *list);
char *virStoragePoolSourceListFormat(const virStoragePoolSourceList *list);
void virStoragePoolSourceListFree(virStoragePoolSourceList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStoragePoolSourceList, virStoragePoolSourceListFree);


/* ---- volumes ---- */

typedef struct {
    char *path;
    unsigned long long start;   /* bytes */
    unsigned long long end;
} virStorageVolSourceExtent;

/* Seconds and nanoseconds since the epoch; nsec < 0: unknown. */
typedef struct {
    long long sec;
    long nsec;
} virStorageTimestamp;

typedef struct {
    virStorageTimestamp atime;
    virStorageTimestamp mtime;
    virStorageTimestamp ctime;
    virStorageTimestamp btime;
} virStorageTimestamps;

typedef struct {
    int type;                   /* virStorageEncryptionSecretType */
    virStorageSecretLookup secret;
} virStorageEncryptionSecretDef;

typedef struct {
    int format;                 /* virStorageEncryptionFormatType */
    int engine;                 /* virStorageEncryptionEngine */
    size_t nsecrets;
    virStorageEncryptionSecretDef *secrets;
    /* luks: <cipher name size mode hash/> <ivgen name hash/> */
    char *cipherName;
    unsigned int cipherSize;
    char *cipherMode;
    char *cipherHash;
    char *ivgenName;
    char *ivgenHash;
} virStorageEncryption;

/* A volume's <target>, also used for its <backingStore> (path, format and
 * permissions only). */
typedef struct {
    char *path;
    int format;                 /* the pool type's volume format enum */
    virStoragePerms perms;
    virStorageTimestamps *timestamps;   /* live only, never parsed */
    virStorageEncryption *encryption;
    char *compat;               /* "0.10", "1.1" */
    bool nocow;                 /* parsed, never formatted (as libvirt) */
    unsigned long long clusterSize;     /* bytes, 0 unset */
    bool hasFeatures;           /* <features> given (maybe empty) */
    unsigned int features;      /* 1 << virStorageFileFeature */
} virStorageVolTarget;

typedef struct {
    char *name;
    char *key;
    int type;                   /* virStorageVolType */

    size_t nextents;            /* <source>: where a disk/logical volume lives */
    virStorageVolSourceExtent *extents;

    unsigned long long capacity;    /* bytes */
    unsigned long long allocation;
    bool hasAllocation;         /* given in the XML (else = capacity) */
    unsigned long long physical;    /* live only, 0 unset */

    virStorageVolTarget target;
    virStorageVolTarget *backingStore;  /* NULL: none */

    /* the driver's runtime state, not XML */
    bool building;
    unsigned int inUse;
} virStorageVolDef;

void virStorageVolDefFree(virStorageVolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageVolDef, virStorageVolDefFree);
virStorageVolDef *virStorageVolDefCopy(const virStorageVolDef *def);

typedef enum {
    /* <capacity> may be absent (vol-create-from: the source's size) */
    VIR_VOL_XML_PARSE_NO_CAPACITY = 1 << 0,
    /* <capacity> may be absent when there is a backing store */
    VIR_VOL_XML_PARSE_OPT_CAPACITY = 1 << 1,
} virStorageVolDefParseFlags;

/* The pool decides the formats and defaults: raw images of type file in
 * dir/fs/netfs pools (dir and ploop formats make dir and ploop volumes),
 * partitions of type block in a disk pool, block volumes without a format
 * in a logical pool. A name with '/' is refused. NULL with an error. */
virStorageVolDef *virStorageVolDefParseString(const virStoragePoolDef *pool,
                                              const char *xml, unsigned int flags);
virStorageVolDef *virStorageVolDefParseNode(const virStoragePoolDef *pool,
                                            xmlNodePtr root, unsigned int flags);
/* As virsh vol-dumpxml prints it; NULL (reported) for a format out of
 * range of the pool type. */
char *virStorageVolDefFormat(const virStoragePoolDef *pool, const virStorageVolDef *vol);

/* Multiplies *value by a libvirt size unit (b, bytes, KB, K, KiB, MB, M,
 * MiB ... EB, E, EiB; case-insensitive; NULL or "" is bytes). -1 reported:
 * VIR_ERR_INVALID_ARG for an unknown unit, VIR_ERR_OVERFLOW past 2^63-1. */
int virStorageUnitParse(const char *unit, unsigned long long *value);

/* Collapses repeated '/' and drops a trailing one ("/" stays "/"; a
 * leading "//" is kept). The caller frees. */
char *virStoragePathSanitize(const char *path);
