/* The disk pool backend: a partition table on the source device (parted);
 * volumes are its partitions, named as the kernel names them (loop0p1,
 * sda1). Partitions are deleted by number, which libvirt 9.0 gets wrong
 * for devices whose partitions carry a 'p' separator. */
#include "storage_backend.h"

#include <string.h>
#include <sys/stat.h>

#include "storage_parted.h"
#include "virstorageprobe.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("storage.backend_disk");

static const char *
storageDiskDevice(const virStoragePoolDef *def)
{
    return def->source.ndevice ? def->source.devices[0].path : NULL;
}

/* parted's name for the pool's format ("dos" is parted's "msdos"). */
static const char *
storageDiskLabel(const virStoragePoolDef *def)
{
    const char *fmt = virStoragePoolSourceFormatToString(def->type, def->source.format);

    if (!fmt || strcmp(fmt, "unknown") == 0 || strcmp(fmt, "dos") == 0)
        return "msdos";
    return fmt;
}

static int
storageDiskCheckSource(const virStoragePoolDef *def)
{
    if (!storageDiskDevice(def)) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing source device");
        return -1;
    }
    return 0;
}

static bool
storageDiskIsActive(const virStoragePoolDef *def)
{
    struct stat sb;

    return storageDiskDevice(def) && stat(storageDiskDevice(def), &sb) == 0 &&
           S_ISBLK(sb.st_mode);
}

static int
storageDiskBuild(const virStoragePoolDef *def, unsigned int flags)
{
    g_autoptr(storagePartedTable) table = NULL;

    if (storageDiskCheckSource(def) < 0)
        return -1;
    if ((flags & VIR_STORAGE_POOL_BUILD_OVERWRITE) &&
        (flags & VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "Overwrite and no overwrite flags are mutually exclusive");
        return -1;
    }
    /* An existing table is replaced only when asked to. */
    if (!(flags & VIR_STORAGE_POOL_BUILD_OVERWRITE)) {
        if (!(table = storagePartedRead(storageDiskDevice(def))))
            return -1;
        if (table->label && strcmp(table->label, "unknown") != 0) {
            virReportError(VIR_ERR_STORAGE_POOL_BUILT,
                           "Storage pool already built: Format of device '%s' does not match the expected format '%s', forced overwrite is necessary",
                           storageDiskDevice(def), storageDiskLabel(def));
            return -1;
        }
    }
    return storagePartedMakeLabel(storageDiskDevice(def), storageDiskLabel(def));
}

static int
storageDiskStart(const virStoragePoolDef *def)
{
    if (storageDiskCheckSource(def) < 0)
        return -1;
    if (!storageDiskIsActive(def)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "device '%s' is not a block device",
                       storageDiskDevice(def));
        return -1;
    }
    return 0;
}

static int
storageDiskStop(const virStoragePoolDef *def)
{
    return 0;
}

/* Deleting a disk pool removes its partition table's use by us only:
 * the data stays, as in libvirt. */
static int
storageDiskDelete(const virStoragePoolDef *def, unsigned int flags)
{
    virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   "deleting a disk pool is not supported: delete its volumes instead");
    return -1;
}

static void
storageDiskFillVol(virStorageVolDef *vol, const char *device, const storagePartedPartition *part)
{
    g_autofree char *path = storagePartedPartitionPath(device, part->number);

    g_free(vol->name);
    vol->name = g_path_get_basename(path);
    vol->type = VIR_STORAGE_VOL_BLOCK;
    g_free(vol->key);
    vol->key = g_strdup(path);
    g_free(vol->target.path);
    vol->target.path = g_steal_pointer(&path);
    vol->capacity = part->size;
    vol->allocation = part->size;
    vol->nextents = 1;
    if (!vol->extents)
        vol->extents = g_new0(virStorageVolSourceExtent, 1);
    g_free(vol->extents[0].path);
    vol->extents[0].path = g_strdup(device);
    vol->extents[0].start = part->start;
    vol->extents[0].end = part->end + 1;
}

static int
storageDiskRefresh(virStoragePoolDef *def, GPtrArray *vols)
{
    g_autoptr(storagePartedTable) table = NULL;
    unsigned long long freeBytes = 0;
    size_t i;

    if (!(table = storagePartedRead(storageDiskDevice(def))))
        return -1;
    for (i = 0; i < table->nparts; i++) {
        virStorageVolDef *vol = g_new0(virStorageVolDef, 1);

        storageDiskFillVol(vol, storageDiskDevice(def), &table->parts[i]);
        g_ptr_array_add(vols, vol);
    }
    for (i = 0; i < table->nfree; i++)
        freeBytes += table->free[i].size;
    def->capacity = table->size;
    def->available = freeBytes;
    def->allocation = table->size > freeBytes ? table->size - freeBytes : 0;
    return 0;
}

/* The name the next partition will get (parted takes the lowest free
 * number). */
static char *
storageDiskNextName(const char *device, const storagePartedTable *table)
{
    g_autofree char *path = NULL;
    unsigned int n;
    size_t i;
    bool used;

    for (n = 1;; n++) {
        used = false;
        for (i = 0; i < table->nparts; i++)
            used |= table->parts[i].number == n;
        if (!used)
            break;
    }
    path = storagePartedPartitionPath(device, n);
    return g_path_get_basename(path);
}

static int
storageDiskCreateVol(const virStoragePoolDef *def, virStorageVolDef *vol)
{
    g_autoptr(storagePartedTable) table = NULL;
    g_autofree char *expected = NULL;

    if (!(table = storagePartedRead(storageDiskDevice(def))))
        return -1;
    expected = storageDiskNextName(storageDiskDevice(def), table);
    if (strcmp(vol->name, expected) != 0) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid partition name '%s', expected '%s'",
                       vol->name, expected);
        return -1;
    }
    vol->type = VIR_STORAGE_VOL_BLOCK;
    return 0;
}

static int
storageDiskBuildVol(const virStoragePoolDef *def, virStorageVolDef *vol,
                    const virStorageVolDef *from, unsigned int flags)
{
    g_autoptr(storagePartedTable) table = NULL;
    g_autofree char *partPath = NULL;
    unsigned int number = 0;
    size_t i;

    if (from) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "cloning into a partition is not supported");
        return -1;
    }
    if (storagePartedCreate(storageDiskDevice(def), vol->capacity, NULL, &number,
                            &partPath) < 0 ||
        !(table = storagePartedRead(storageDiskDevice(def))))
        return -1;
    for (i = 0; i < table->nparts; i++) {
        if (table->parts[i].number == number)
            storageDiskFillVol(vol, storageDiskDevice(def), &table->parts[i]);
    }
    return 0;
}

static int
storageDiskDeleteVol(const virStoragePoolDef *def, const virStorageVolDef *vol,
                     unsigned int flags)
{
    return storagePartedDelete(storageDiskDevice(def), vol->target.path);
}

static int
storageDiskResizeVol(const virStoragePoolDef *def, virStorageVolDef *vol,
                     unsigned long long capacity, unsigned int flags)
{
    virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   "resizing a partition is not supported");
    return -1;
}

static int
storageDiskRefreshVol(const virStoragePoolDef *def, virStorageVolDef *vol)
{
    return 0;
}

const storageBackend storageBackendDisk = {
    .type = VIR_STORAGE_POOL_DISK,
    .isActive = storageDiskIsActive,
    .buildPool = storageDiskBuild,
    .startPool = storageDiskStart,
    .refreshPool = storageDiskRefresh,
    .stopPool = storageDiskStop,
    .deletePool = storageDiskDelete,
    .createVol = storageDiskCreateVol,
    .buildVol = storageDiskBuildVol,
    .deleteVol = storageDiskDeleteVol,
    .resizeVol = storageDiskResizeVol,
    .refreshVol = storageDiskRefreshVol,
};
