/* Disks on the QEMU command line: two -blockdev layers (storage and
 * format) and a -device frontend per disk. */
#include "qemu_command_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_command_disk");

/* ---- disks ------------------------------------------------------------ */

static void
qemuBuildCacheOpts(GString *buf, virDomainDiskCache cache)
{
    bool direct = cache == VIR_DOMAIN_DISK_CACHE_NONE || cache == VIR_DOMAIN_DISK_CACHE_DIRECTSYNC;
    bool noflush = cache == VIR_DOMAIN_DISK_CACHE_UNSAFE;

    if (cache == VIR_DOMAIN_DISK_CACHE_DEFAULT)
        return;
    qemuOptAdd(buf, "cache.direct", direct ? "on" : "off");
    qemuOptAdd(buf, "cache.no-flush", noflush ? "on" : "off");
}

int
qemuBuildDiskBlockdev(qemuBuildCtx *ctx, const virDomainDiskDef *disk, size_t idx)
{
    g_autoptr(GString) storage = g_string_new(NULL);
    g_autoptr(GString) format = g_string_new(NULL);
    g_autofree char *storageName = qemuDiskNodeName(disk, idx, "storage");
    g_autofree char *formatName = qemuDiskNodeName(disk, idx, "format");
    virStorageFileFormat fmt = disk->format ? disk->format : VIR_STORAGE_FILE_RAW;

    switch (disk->type) {
    case VIR_DOMAIN_DISK_TYPE_FILE:
    case VIR_DOMAIN_DISK_TYPE_VOLUME:
        /* A volume is usable once the driver resolved it to a path. */
        if (!disk->src) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "storage volume '%s' in pool '%s' of disk '%s' was not resolved to a path",
                           disk->srcVolume, disk->srcPool, disk->dst);
            return -1;
        }
        qemuOptAdd(storage, "driver", disk->srcVolumeBlock ? "host_device" : "file");
        qemuOptAdd(storage, "filename", disk->src);
        break;
    case VIR_DOMAIN_DISK_TYPE_BLOCK:
        qemuOptAdd(storage, "driver",
                   disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM ? "host_cdrom" : "host_device");
        qemuOptAdd(storage, "filename", disk->src);
        break;
    case VIR_DOMAIN_DISK_TYPE_DIR:
        qemuOptAdd(storage, "driver", "vvfat");
        qemuOptAdd(storage, "dir", disk->src);
        qemuOptAdd(storage, "floppy", disk->device == VIR_DOMAIN_DISK_DEVICE_FLOPPY ? "on" : "off");
        qemuOptAdd(storage, "rw", "off");
        fmt = VIR_STORAGE_FILE_RAW;
        if (!disk->readonly) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "directory disk '%s' must be read-only", disk->dst);
            return -1;
        }
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk type '%s' is not supported",
                       virDomainDiskTypeToString(disk->type));
        return -1;
    }
    qemuOptAdd(storage, "node-name", storageName);
    qemuOptAdd(storage, "auto-read-only", "on");
    qemuOptAdd(storage, "discard", "unmap");
    if (disk->io == VIR_DOMAIN_DISK_IO_NATIVE)
        qemuOptAdd(storage, "aio", "native");
    else if (disk->io == VIR_DOMAIN_DISK_IO_THREADS)
        qemuOptAdd(storage, "aio", "threads");
    else if (disk->io == VIR_DOMAIN_DISK_IO_URING)
        qemuOptAdd(storage, "aio", "io_uring");
    qemuBuildCacheOpts(storage, disk->cache);
    qemuAddArgBuf(ctx->cmd, "-blockdev", storage);

    if (fmt != VIR_STORAGE_FILE_RAW && fmt != VIR_STORAGE_FILE_QCOW2 &&
        fmt != VIR_STORAGE_FILE_QCOW && fmt != VIR_STORAGE_FILE_QED &&
        fmt != VIR_STORAGE_FILE_VMDK && fmt != VIR_STORAGE_FILE_VDI &&
        fmt != VIR_STORAGE_FILE_VPC && fmt != VIR_STORAGE_FILE_VHD &&
        fmt != VIR_STORAGE_FILE_LUKS) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk format '%s' of disk '%s' is not supported",
                       virStorageFileFormatTypeToString(fmt), disk->dst);
        return -1;
    }
    qemuOptAdd(format, "node-name", formatName);
    qemuOptAdd(format, "read-only", disk->readonly ? "on" : "off");
    if (disk->discard == VIR_DOMAIN_DISK_DISCARD_UNMAP)
        qemuOptAdd(format, "discard", "unmap");
    else if (disk->discard == VIR_DOMAIN_DISK_DISCARD_IGNORE)
        qemuOptAdd(format, "discard", "ignore");
    if (disk->detectZeroes)
        qemuOptAdd(format, "detect-zeroes",
                   virDomainDiskDetectZeroesTypeToString(disk->detectZeroes));
    qemuBuildCacheOpts(format, disk->cache);
    qemuOptAdd(format, "driver", fmt == VIR_STORAGE_FILE_VHD ? "vpc" :
               virStorageFileFormatTypeToString(fmt));
    qemuOptAdd(format, "file", storageName);
    qemuAddArgBuf(ctx->cmd, "-blockdev", format);
    return 0;
}

/* The -device driver and bus options of a disk. */
int
qemuBuildDiskFrontend(qemuBuildCtx *ctx, const virDomainDiskDef *disk, GString *buf)
{
    const virDomainDeviceDriveAddress *drive = &disk->info.drive;
    bool cdrom = disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM;
    const virDomainControllerDef *ctrl;
    g_autofree char *bus = NULL;

    /* QEMU's IDE/AHCI hard disks cannot be read-only. */
    if (disk->readonly && !cdrom && (disk->bus == VIR_DOMAIN_DISK_BUS_IDE ||
                                     disk->bus == VIR_DOMAIN_DISK_BUS_SATA)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "read-only disk '%s' cannot use bus '%s'", disk->dst,
                       virDomainDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->device == VIR_DOMAIN_DISK_DEVICE_LUN) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk device 'lun' (disk '%s') is not supported",
                       disk->dst);
        return -1;
    }
    if (disk->bus != VIR_DOMAIN_DISK_BUS_VIRTIO && disk->bus != VIR_DOMAIN_DISK_BUS_USB &&
        disk->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' needs a drive address", disk->dst);
        return -1;
    }

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
        if (cdrom) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "cdrom '%s' cannot use bus 'virtio'", disk->dst);
            return -1;
        }
        qemuOptAddWord(buf, "virtio-blk-pci");
        return qemuBuildPCIAddress(ctx, buf, &disk->info);
    case VIR_DOMAIN_DISK_BUS_IDE:
        if (ctx->q35) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "IDE disk '%s' is not supported by machine type '%s' (use bus 'sata')",
                           disk->dst, ctx->machine);
            return -1;
        }
        if (drive->controller != 0 || drive->bus > 1 || drive->unit > 1 || drive->target != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "IDE disk '%s' is beyond the board's two IDE buses", disk->dst);
            return -1;
        }
        qemuOptAddWord(buf, cdrom ? "ide-cd" : "ide-hd");
        qemuOptAddFormat(buf, "bus", "ide.%u", drive->bus);
        qemuOptAddFormat(buf, "unit", "%u", drive->unit);
        return 0;
    case VIR_DOMAIN_DISK_BUS_SATA:
        if (drive->bus != 0 || drive->target != 0 || drive->unit > 5) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "SATA disk '%s' has an invalid drive address", disk->dst);
            return -1;
        }
        ctrl = qemuFindController(ctx->def, VIR_DOMAIN_CONTROLLER_TYPE_SATA, drive->controller);
        bus = ctrl ? qemuInfoId(&ctrl->info, qemuControllerAlias(ctrl, ctx->q35)) :
                     g_strdup_printf("sata%u", drive->controller);
        qemuOptAddWord(buf, cdrom ? "ide-cd" : "ide-hd");
        qemuOptAddFormat(buf, "bus", "%s.%u", bus, drive->unit);
        return 0;
    case VIR_DOMAIN_DISK_BUS_SCSI:
        ctrl = qemuFindController(ctx->def, VIR_DOMAIN_CONTROLLER_TYPE_SCSI, drive->controller);
        bus = ctrl ? qemuInfoId(&ctrl->info, qemuControllerAlias(ctrl, ctx->q35)) :
                     g_strdup_printf("scsi%u", drive->controller);
        qemuOptAddWord(buf, cdrom ? "scsi-cd" : "scsi-hd");
        qemuOptAddFormat(buf, "bus", "%s.0", bus);
        if (qemuSCSIControllerIsVirtio(ctrl)) {
            qemuOptAddFormat(buf, "channel", "%u", drive->bus);
            qemuOptAddFormat(buf, "scsi-id", "%u", drive->target);
            qemuOptAddFormat(buf, "lun", "%u", drive->unit);
        } else {
            if (drive->bus != 0 || drive->target != 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "SCSI disk '%s' has an invalid drive address for its controller",
                               disk->dst);
                return -1;
            }
            qemuOptAddFormat(buf, "scsi-id", "%u", drive->unit);
        }
        return 0;
    case VIR_DOMAIN_DISK_BUS_FDC:
        if (ctx->q35 || drive->controller != 0 || drive->unit > 1) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "floppy disk '%s' is not supported here", disk->dst);
            return -1;
        }
        qemuOptAddWord(buf, "floppy");
        qemuOptAddFormat(buf, "unit", "%u", drive->unit);
        return 0;
    case VIR_DOMAIN_DISK_BUS_USB:
        qemuOptAddWord(buf, "usb-storage");
        if (qemuBuildUSBAddress(ctx, buf, &disk->info) < 0)
            return -1;
        if (cdrom)
            qemuOptAdd(buf, "removable", "on");
        return 0;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk bus '%s' (disk '%s') is not supported",
                       virDomainDiskBusTypeToString(disk->bus), disk->dst);
        return -1;
    }
}

int
qemuBuildDisks(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&disk->info, qemuDiskAlias(disk, i));
        bool empty = !disk->src && !disk->srcPool;

        if (empty && disk->bus == VIR_DOMAIN_DISK_BUS_USB) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "USB disk '%s' cannot be empty", disk->dst);
            return -1;
        }
        if (!empty && qemuBuildDiskBlockdev(ctx, disk, i) < 0)
            return -1;
        if (qemuBuildDiskFrontend(ctx, disk, buf) < 0)
            return -1;
        if (!empty) {
            g_autofree char *node = qemuDiskNodeName(disk, i, "format");
            qemuOptAdd(buf, "drive", node);
        }
        qemuOptAdd(buf, "id", id);
        /* Floppy drives take their boot order from the controller. */
        if (ctx->bootIndex[i] && disk->bus == VIR_DOMAIN_DISK_BUS_FDC) {
            virCommandAddArg(ctx->cmd, "-global");
            virCommandAddArgFormat(ctx->cmd, "isa-fdc.bootindex%c=%d",
                                   disk->info.drive.unit ? 'B' : 'A', ctx->bootIndex[i]);
        } else if (ctx->bootIndex[i]) {
            qemuOptAddFormat(buf, "bootindex", "%d", ctx->bootIndex[i]);
        }
        if (disk->serial)
            qemuOptAdd(buf, "serial", disk->serial);
        if (disk->wwn) {
            if (disk->bus != VIR_DOMAIN_DISK_BUS_SCSI && disk->bus != VIR_DOMAIN_DISK_BUS_IDE &&
                disk->bus != VIR_DOMAIN_DISK_BUS_SATA) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "Only ide and scsi disk support wwn");
                return -1;
            }
            qemuOptAddFormat(buf, "wwn", "%s%s",
                             g_str_has_prefix(disk->wwn, "0x") ? "" : "0x", disk->wwn);
        }
        if (disk->shareable)
            qemuOptAdd(buf, "share-rw", "on");
        if (disk->cache && disk->device != VIR_DOMAIN_DISK_DEVICE_CDROM &&
            disk->bus != VIR_DOMAIN_DISK_BUS_USB && disk->bus != VIR_DOMAIN_DISK_BUS_FDC) {
            bool wc = disk->cache == VIR_DOMAIN_DISK_CACHE_NONE ||
                      disk->cache == VIR_DOMAIN_DISK_CACHE_WRITEBACK ||
                      disk->cache == VIR_DOMAIN_DISK_CACHE_UNSAFE;
            qemuOptAdd(buf, "write-cache", wc ? "on" : "off");
        }
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }
    return 0;
}
