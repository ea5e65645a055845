/* The dir and fs pool backends: volumes are image files in the target
 * directory (raw or qcow2 through qemu-img), the fs pool additionally
 * builds a filesystem on its device and mounts it on the target. */
#include "storage_backend.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "storage_fs.h"
#include "virstorageprobe.h"
#include "storage_qemuimg.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("storage.backend_fs");

/* ---- the pool ------------------------------------------------------------ */

static bool
storageDirIsActive(const virStoragePoolDef *def)
{
    return g_file_test(def->target.path, G_FILE_TEST_IS_DIR);
}

static int
storageDirBuild(const virStoragePoolDef *def, unsigned int flags)
{
    mode_t mode = def->target.perms.mode != (mode_t)-1 && def->target.perms.mode ?
                  def->target.perms.mode : 0711;

    if (virFileMakePath(def->target.path, mode) < 0)
        return -1;
    if (chmod(def->target.path, mode) < 0) {
        virReportSystemError(errno, "cannot set the mode of '%s'", def->target.path);
        return -1;
    }
    return 0;
}

static int
storageDirStart(const virStoragePoolDef *def)
{
    if (!storageDirIsActive(def)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "cannot open directory '%s': No such file or directory",
                       def->target.path);
        return -1;
    }
    return 0;
}

static int
storageDirStop(const virStoragePoolDef *def)
{
    return 0;
}

static int
storageDirDelete(const virStoragePoolDef *def, unsigned int flags)
{
    if (rmdir(def->target.path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, "failed to remove pool '%s'", def->target.path);
        return -1;
    }
    return 0;
}

/* Probes one file of the pool into a volume; NULL when it is not one
 * (a directory, a socket...). */
static virStorageVolDef *
storageFileVolFromPath(const char *dir, const char *name)
{
    g_autoptr(virStorageVolDef) vol = g_new0(virStorageVolDef, 1);
    struct stat sb;

    vol->name = g_strdup(name);
    vol->target.path = g_build_filename(dir, name, NULL);
    if (lstat(vol->target.path, &sb) < 0 || !(S_ISREG(sb.st_mode) || S_ISBLK(sb.st_mode)))
        return NULL;
    vol->type = S_ISBLK(sb.st_mode) ? VIR_STORAGE_VOL_BLOCK : VIR_STORAGE_VOL_FILE;
    vol->key = g_strdup(vol->target.path);
    vol->target.perms.mode = sb.st_mode & 07777;
    vol->target.perms.uid = sb.st_uid;
    vol->target.perms.gid = sb.st_gid;
    if (storageBackendFileRefreshVol(vol) < 0) {
        /* One unreadable file does not hide the others. */
        VIR_WARN("ignoring %s in the pool: %s", vol->target.path,
                 virErrorGetLast() ? virErrorGetLast()->message : "");
        virErrorReset();
        return NULL;
    }
    return g_steal_pointer(&vol);
}

int
storageBackendFileRefreshVol(virStorageVolDef *vol)
{
    g_autoptr(virStorageProbeImageInfo) info = NULL;
    int fmt;

    if (!(info = virStorageProbeImage(vol->target.path)) ||
        virStorageProbeAllocation(vol->target.path, &vol->physical, &vol->allocation) < 0)
        return -1;
    vol->capacity = info->capacity;
    fmt = virStorageFileFormatTypeFromString(info->format);
    vol->target.format = fmt > 0 ? fmt : VIR_STORAGE_FILE_RAW;
    g_clear_pointer(&vol->target.compat, g_free);
    vol->target.compat = g_strdup(info->compat);
    if (vol->backingStore) {
        g_free(vol->backingStore->path);
        g_free(vol->backingStore);
        vol->backingStore = NULL;
    }
    if (info->backingStore) {
        vol->backingStore = g_new0(virStorageVolTarget, 1);
        vol->backingStore->path = g_strdup(info->backingStore);
        fmt = info->backingFormat ? virStorageFileFormatTypeFromString(info->backingFormat) : -1;
        vol->backingStore->format = fmt > 0 ? fmt : VIR_STORAGE_FILE_RAW;
    }
    return 0;
}

static int
storageDirRefresh(virStoragePoolDef *def, GPtrArray *vols)
{
    g_autoptr(GDir) dir = NULL;
    g_autoptr(GError) gerr = NULL;
    struct statvfs sb;
    const char *ent;

    if (!(dir = g_dir_open(def->target.path, 0, &gerr))) {
        virReportError(VIR_ERR_OPERATION_FAILED, "cannot open path '%s': %s",
                       def->target.path, gerr->message);
        return -1;
    }
    while ((ent = g_dir_read_name(dir))) {
        virStorageVolDef *vol = storageFileVolFromPath(def->target.path, ent);

        if (vol)
            g_ptr_array_add(vols, vol);
    }
    if (statvfs(def->target.path, &sb) < 0) {
        virReportSystemError(errno, "cannot statvfs path '%s'", def->target.path);
        return -1;
    }
    def->capacity = (unsigned long long)sb.f_frsize * sb.f_blocks;
    def->available = (unsigned long long)sb.f_bavail * sb.f_frsize;
    def->allocation = (unsigned long long)(sb.f_blocks - sb.f_bfree) * sb.f_frsize;
    return 0;
}

/* ---- volumes --------------------------------------------------------------- */

static int
storageFileCreateVol(const virStoragePoolDef *def, virStorageVolDef *vol)
{
    if (strchr(vol->name, '/')) {
        virReportError(VIR_ERR_INVALID_ARG, "volume name '%s' cannot contain '/'", vol->name);
        return -1;
    }
    vol->type = VIR_STORAGE_VOL_FILE;
    g_free(vol->target.path);
    vol->target.path = g_build_filename(def->target.path, vol->name, NULL);
    g_free(vol->key);
    vol->key = g_strdup(vol->target.path);
    return 0;
}

static const char *
storageFileFormatName(int format)
{
    return virStorageFileFormatTypeToString(format ? format : VIR_STORAGE_FILE_RAW);
}

/* A raw file of the volume's capacity; allocated up front unless the
 * definition asked for less (sparse). */
static int
storageFileBuildRaw(virStorageVolDef *vol)
{
    unsigned long long alloc = vol->hasAllocation ? vol->allocation : vol->capacity;
    mode_t mode = vol->target.perms.mode && vol->target.perms.mode != (mode_t)-1 ?
                  vol->target.perms.mode : 0600;
    int fd;
    int rc;

    if ((fd = open(vol->target.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)) < 0) {
        virReportSystemError(errno, "cannot create path '%s'", vol->target.path);
        return -1;
    }
    if (ftruncate(fd, vol->capacity) < 0) {
        virReportSystemError(errno, "cannot extend file '%s'", vol->target.path);
        goto error;
    }
    if (alloc && (rc = posix_fallocate(fd, 0, MIN(alloc, vol->capacity))) != 0) {
        virReportSystemError(rc, "cannot allocate %llu bytes in file '%s'",
                             MIN(alloc, vol->capacity), vol->target.path);
        goto error;
    }
    if (fchmod(fd, mode) < 0 || close(fd) < 0) {
        fd = -1;
        virReportSystemError(errno, "cannot finish file '%s'", vol->target.path);
        goto error;
    }
    return 0;

 error:
    if (fd >= 0)
        close(fd);
    unlink(vol->target.path);
    return -1;
}

static int
storageFileBuildVol(const virStoragePoolDef *def, virStorageVolDef *vol,
                    const virStorageVolDef *from, unsigned int flags)
{
    storageQemuImgCreateParams params = {
        .path = vol->target.path,
        .capacity = vol->capacity,
        .compat = vol->target.compat,
        .lazyRefcounts = vol->target.features & (1 << VIR_STORAGE_FILE_FEATURE_LAZY_REFCOUNTS),
        .clusterSize = vol->target.clusterSize,
    };
    int fmt = vol->target.format ? vol->target.format : VIR_STORAGE_FILE_RAW;

    if (virFileExists(vol->target.path)) {
        virReportError(VIR_ERR_STORAGE_VOL_EXIST, "'%s'", vol->name);
        return -1;
    }
    if (fmt != VIR_STORAGE_FILE_RAW && fmt != VIR_STORAGE_FILE_QCOW2) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       "creating volumes of format '%s' is not supported",
                       storageFileFormatName(fmt));
        return -1;
    }
    params.format = fmt == VIR_STORAGE_FILE_QCOW2 ? STORAGE_QEMU_IMG_FORMAT_QCOW2
                                                  : STORAGE_QEMU_IMG_FORMAT_RAW;
    if (flags & VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA) {
        if (fmt != VIR_STORAGE_FILE_QCOW2) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "metadata preallocation only available with qcow2");
            return -1;
        }
        params.prealloc = STORAGE_QEMU_IMG_PREALLOC_METADATA;
    }
    if (from) {
        /* A copy keeps the source's content (flattened, without its
         * backing chain) in the new format; a larger capacity follows. */
        params.capacity = 0;
        if (storageQemuImgConvert(from->target.path, storageFileFormatName(from->target.format),
                                  &params) < 0) {
            unlink(vol->target.path);
            return -1;
        }
        if (vol->capacity > from->capacity &&
            storageQemuImgResize(vol->target.path, storageFileFormatName(fmt), vol->capacity,
                                 false, STORAGE_QEMU_IMG_PREALLOC_DEFAULT) < 0) {
            unlink(vol->target.path);
            return -1;
        }
    } else if (fmt == VIR_STORAGE_FILE_RAW && !vol->backingStore) {
        if (storageFileBuildRaw(vol) < 0)
            return -1;
    } else {
        if (vol->backingStore) {
            if (fmt != VIR_STORAGE_FILE_QCOW2) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "backing storage not supported for raw volumes");
                return -1;
            }
            params.backingPath = vol->backingStore->path;
            params.backingFormat = storageFileFormatName(vol->backingStore->format);
        }
        if (storageQemuImgCreate(&params) < 0) {
            unlink(vol->target.path);
            return -1;
        }
    }
    if (vol->target.perms.mode && vol->target.perms.mode != (mode_t)-1 &&
        chmod(vol->target.path, vol->target.perms.mode) < 0)
        VIR_WARN("cannot set the mode of %s: %s", vol->target.path, g_strerror(errno));
    return storageBackendFileRefreshVol(vol);
}

static int
storageFileDeleteVol(const virStoragePoolDef *def, const virStorageVolDef *vol,
                     unsigned int flags)
{
    if (unlink(vol->target.path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, "cannot unlink file '%s'", vol->target.path);
        return -1;
    }
    return 0;
}

static int
storageFileResizeVol(const virStoragePoolDef *def, virStorageVolDef *vol,
                     unsigned long long capacity, unsigned int flags)
{
    bool shrink = capacity < vol->capacity;
    int rc;

    if (vol->target.format == VIR_STORAGE_FILE_QCOW2) {
        if (storageQemuImgResize(vol->target.path, "qcow2", capacity, shrink,
                                 (flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE) ?
                                 STORAGE_QEMU_IMG_PREALLOC_FALLOC :
                                 STORAGE_QEMU_IMG_PREALLOC_DEFAULT) < 0)
            return -1;
    } else {
        int fd = open(vol->target.path, O_WRONLY | O_CLOEXEC);

        if (fd < 0) {
            virReportSystemError(errno, "cannot open '%s'", vol->target.path);
            return -1;
        }
        if (ftruncate(fd, capacity) < 0) {
            virReportSystemError(errno, "cannot resize '%s'", vol->target.path);
            close(fd);
            return -1;
        }
        if (!shrink && (flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE) &&
            (rc = posix_fallocate(fd, vol->capacity, capacity - vol->capacity)) != 0) {
            virReportSystemError(rc, "cannot allocate the new space of '%s'", vol->target.path);
            /* The size is what was asked; the space is not. */
            if (ftruncate(fd, vol->capacity) < 0)
                VIR_WARN("cannot shrink %s back: %s", vol->target.path, g_strerror(errno));
            close(fd);
            return -1;
        }
        close(fd);
    }
    return storageBackendFileRefreshVol(vol);
}

static int
storageFileRefreshVol(const virStoragePoolDef *def, virStorageVolDef *vol)
{
    return storageBackendFileRefreshVol(vol);
}

const storageBackend storageBackendDir = {
    .type = VIR_STORAGE_POOL_DIR,
    .isActive = storageDirIsActive,
    .buildPool = storageDirBuild,
    .startPool = storageDirStart,
    .refreshPool = storageDirRefresh,
    .stopPool = storageDirStop,
    .deletePool = storageDirDelete,
    .createVol = storageFileCreateVol,
    .buildVol = storageFileBuildVol,
    .deleteVol = storageFileDeleteVol,
    .resizeVol = storageFileResizeVol,
    .refreshVol = storageFileRefreshVol,
};

/* ---- fs: a filesystem on a device, mounted on the target --------------------- */

static const char *
storageFsFormatName(const virStoragePoolDef *def)
{
    const char *fmt = virStoragePoolSourceFormatToString(def->type, def->source.format);

    return fmt && strcmp(fmt, "auto") != 0 ? fmt : NULL;
}

static int
storageFsCheckSource(const virStoragePoolDef *def)
{
    if (def->source.ndevice != 1 || !def->source.devices[0].path) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing source device");
        return -1;
    }
    return 0;
}

static bool
storageFsIsActive(const virStoragePoolDef *def)
{
    return def->source.ndevice == 1 &&
           storageFsIsMounted(def->target.path, def->source.devices[0].path) == 1;
}

static int
storageFsBuildPool(const virStoragePoolDef *def, unsigned int flags)
{
    const char *fmt = storageFsFormatName(def);

    if (storageFsCheckSource(def) < 0)
        return -1;
    if ((flags & VIR_STORAGE_POOL_BUILD_OVERWRITE) &&
        (flags & VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "Overwrite and no overwrite flags are mutually exclusive");
        return -1;
    }
    /* Without either flag only the target directory is made (as libvirt:
     * formatting wants to be asked for). */
    if ((flags & (VIR_STORAGE_POOL_BUILD_OVERWRITE | VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)) &&
        storageFsBuild(def->source.devices[0].path, fmt ? fmt : "ext4",
                       flags & VIR_STORAGE_POOL_BUILD_OVERWRITE) < 0)
        return -1;
    return storageDirBuild(def, 0);
}

static int
storageFsStart(const virStoragePoolDef *def)
{
    g_autofree char *opts = def->nmountOpts ? g_strjoinv(",", def->mountOpts) : NULL;

    if (storageFsCheckSource(def) < 0)
        return -1;
    if (storageFsIsActive(def))
        return 0;
    if (!g_file_test(def->target.path, G_FILE_TEST_IS_DIR) &&
        virFileMakePath(def->target.path, 0711) < 0)
        return -1;
    return storageFsMount(def->source.devices[0].path, def->target.path,
                          storageFsFormatName(def), opts);
}

static int
storageFsStop(const virStoragePoolDef *def)
{
    if (!storageFsIsActive(def))
        return 0;
    return storageFsUnmount(def->target.path);
}

static int
storageFsDelete(const virStoragePoolDef *def, unsigned int flags)
{
    return storageDirDelete(def, flags);
}

const storageBackend storageBackendFs = {
    .type = VIR_STORAGE_POOL_FS,
    .isActive = storageFsIsActive,
    .buildPool = storageFsBuildPool,
    .startPool = storageFsStart,
    .refreshPool = storageDirRefresh,
    .stopPool = storageFsStop,
    .deletePool = storageFsDelete,
    .createVol = storageFileCreateVol,
    .buildVol = storageFileBuildVol,
    .deleteVol = storageFileDeleteVol,
    .resizeVol = storageFileResizeVol,
    .refreshVol = storageFileRefreshVol,
};

const storageBackend *
storageBackendForType(int type)
{
    static const storageBackend *const backends[] = {
        &storageBackendDir, &storageBackendFs, &storageBackendLogical, &storageBackendDisk,
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(backends); i++) {
        if (backends[i]->type == type)
            return backends[i];
    }
    virReportError(VIR_ERR_NO_SUPPORT, "missing backend for pool type %d (%s)", type,
                   virStoragePoolTypeToString(type) ? virStoragePoolTypeToString(type) : "?");
    return NULL;
}
