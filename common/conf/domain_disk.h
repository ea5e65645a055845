/* <disk>: storage attached to the guest. */
#pragma once

#include "internal.h"
#include "domain_device.h"
#include "storage_file_format.h"

typedef enum {
    VIR_DOMAIN_DISK_TYPE_FILE = 0,
    VIR_DOMAIN_DISK_TYPE_BLOCK,
    VIR_DOMAIN_DISK_TYPE_DIR,
    VIR_DOMAIN_DISK_TYPE_NETWORK,
    VIR_DOMAIN_DISK_TYPE_VOLUME,
    VIR_DOMAIN_DISK_TYPE_NVME,
    VIR_DOMAIN_DISK_TYPE_VHOSTUSER,
    VIR_DOMAIN_DISK_TYPE_LAST
} virDomainDiskType;
VIR_ENUM_DECL(virDomainDisk);

typedef enum {
    VIR_DOMAIN_DISK_DEVICE_DISK = 0,
    VIR_DOMAIN_DISK_DEVICE_CDROM,
    VIR_DOMAIN_DISK_DEVICE_FLOPPY,
    VIR_DOMAIN_DISK_DEVICE_LUN,
    VIR_DOMAIN_DISK_DEVICE_LAST
} virDomainDiskDevice;
VIR_ENUM_DECL(virDomainDiskDevice);

typedef enum {
    VIR_DOMAIN_DISK_BUS_NONE = 0,   /* unset: derived from the target name */
    VIR_DOMAIN_DISK_BUS_IDE,
    VIR_DOMAIN_DISK_BUS_FDC,
    VIR_DOMAIN_DISK_BUS_SCSI,
    VIR_DOMAIN_DISK_BUS_VIRTIO,
    VIR_DOMAIN_DISK_BUS_XEN,
    VIR_DOMAIN_DISK_BUS_USB,
    VIR_DOMAIN_DISK_BUS_UML,
    VIR_DOMAIN_DISK_BUS_SATA,
    VIR_DOMAIN_DISK_BUS_SD,
    VIR_DOMAIN_DISK_BUS_LAST
} virDomainDiskBus;
VIR_ENUM_DECL(virDomainDiskBus);

typedef enum {
    VIR_DOMAIN_DISK_CACHE_DEFAULT = 0,
    VIR_DOMAIN_DISK_CACHE_NONE,
    VIR_DOMAIN_DISK_CACHE_WRITETHRU,
    VIR_DOMAIN_DISK_CACHE_WRITEBACK,
    VIR_DOMAIN_DISK_CACHE_DIRECTSYNC,
    VIR_DOMAIN_DISK_CACHE_UNSAFE,
    VIR_DOMAIN_DISK_CACHE_LAST
} virDomainDiskCache;
VIR_ENUM_DECL(virDomainDiskCache);

typedef enum {
    VIR_DOMAIN_DISK_IO_DEFAULT = 0,
    VIR_DOMAIN_DISK_IO_NATIVE,
    VIR_DOMAIN_DISK_IO_THREADS,
    VIR_DOMAIN_DISK_IO_URING,
    VIR_DOMAIN_DISK_IO_LAST
} virDomainDiskIo;
VIR_ENUM_DECL(virDomainDiskIo);

typedef enum {
    VIR_DOMAIN_DISK_DISCARD_DEFAULT = 0,
    VIR_DOMAIN_DISK_DISCARD_UNMAP,
    VIR_DOMAIN_DISK_DISCARD_IGNORE,
    VIR_DOMAIN_DISK_DISCARD_LAST
} virDomainDiskDiscard;
VIR_ENUM_DECL(virDomainDiskDiscard);

typedef enum {
    VIR_DOMAIN_DISK_DETECT_ZEROES_DEFAULT = 0,
    VIR_DOMAIN_DISK_DETECT_ZEROES_OFF,
    VIR_DOMAIN_DISK_DETECT_ZEROES_ON,
    VIR_DOMAIN_DISK_DETECT_ZEROES_UNMAP,
    VIR_DOMAIN_DISK_DETECT_ZEROES_LAST
} virDomainDiskDetectZeroes;
VIR_ENUM_DECL(virDomainDiskDetectZeroes);

typedef enum {
    VIR_DOMAIN_DISK_TRAY_CLOSED = 0,
    VIR_DOMAIN_DISK_TRAY_OPEN,
    VIR_DOMAIN_DISK_TRAY_LAST
} virDomainDiskTray;
VIR_ENUM_DECL(virDomainDiskTray);

/* One image below a disk's source in its backing chain (live XML only:
 * detected when the guest starts, or made by an external snapshot). */
typedef struct _virDomainDiskBacking virDomainDiskBacking;
struct _virDomainDiskBacking {
    virDomainDiskType type;         /* file or block */
    virStorageFileFormat format;
    char *path;
    virDomainDiskBacking *next;     /* the image below this one, if any */
};

/* Deeper chains are refused: a loop or a hostile image. */
#define VIR_DOMAIN_DISK_BACKING_MAX 200

void virDomainDiskBackingFree(virDomainDiskBacking *chain);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDiskBacking, virDomainDiskBackingFree);

typedef struct _virDomainDiskDef virDomainDiskDef;
struct _virDomainDiskDef {
    virDomainDiskType type;
    virDomainDiskDevice device;

    char *src;              /* file=, dev= or dir=; NULL: empty (cdrom/floppy) */
    char *srcPool;          /* type='volume' */
    char *srcVolume;
    bool srcVolumeBlock;    /* live, type='volume': src is a block device */
    /* Live: N of the disk's libvirt-N-storage/-format block nodes in QEMU
     * (<source index=>), fixed for the run so that node names of disks
     * plugged and unplugged never clash; 0 when not running. */
    unsigned int srcIndex;
    /* Live: the images under src, top first (nested <backingStore>). */
    virDomainDiskBacking *backing;

    char *driverName;       /* <driver name=>, usually "qemu" */
    virStorageFileFormat format;
    virDomainDiskCache cache;
    virDomainDiskIo io;
    virDomainDiskDiscard discard;
    virDomainDiskDetectZeroes detectZeroes;

    char *dst;              /* <target dev=>, e.g. "vda" */
    virDomainDiskBus bus;
    virDomainDiskTray tray; /* cdrom/floppy only */

    bool readonly;
    bool shareable;
    char *serial;
    char *wwn;              /* <wwn>, 16 hex digits ("0x" optional) */

    virDomainDeviceInfo info;
};

void virDomainDiskDefFree(virDomainDiskDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDiskDef, virDomainDiskDefFree);

/* "vda" -> 0, "sdb" -> 1, "hdaa" -> 26; -1 if the name has no index. */
int virDiskNameToIndex(const char *name);
