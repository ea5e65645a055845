#include "qemu_disk_chain.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"
#include "virstorageprobe.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("qemu.qemu_disk_chain");

/* Formats whose header can name a backing image. A disk declared raw is
 * never probed: its guest could write any header into it. */
static bool
qemuDiskChainFormatHasBacking(virStorageFileFormat format)
{
    return format == VIR_STORAGE_FILE_QCOW2 || format == VIR_STORAGE_FILE_QCOW ||
           format == VIR_STORAGE_FILE_QED;
}

/* Names that are not local files (nbd:, json:, URIs) end the chain: QEMU
 * opens them itself and the live XML does not describe them. */
static bool
qemuDiskChainIsLocal(const char *name)
{
    return !strstr(name, "://") && !g_str_has_prefix(name, "json:") &&
           !g_str_has_prefix(name, "nbd:");
}

/* The format of a backing image that the header above does not record:
 * probing is only safe when the answer is raw (a raw image cannot make
 * QEMU open anything else). */
static int
qemuDiskChainUnrecordedFormat(const char *path, const char *name, const char *parent,
                              virStorageFileFormat *format)
{
    g_autoptr(virStorageProbeImageInfo) info = virStorageProbeImage(path);

    if (!info)
        return -1;
    if (g_strcmp0(info->format, "raw") != 0) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       "format of backing image '%s' of image '%s' was not specified in the image metadata (See https://libvirt.org/kbase/backing_chains.html for troubleshooting)",
                       name, parent);
        return -1;
    }
    *format = VIR_STORAGE_FILE_RAW;
    return 0;
}

int
qemuDiskChainDetect(virDomainDiskDef *disk)
{
    g_autoptr(virDomainDiskBacking) chain = NULL;
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    virDomainDiskBacking **tail = &chain;
    const char *path = disk->src;
    virStorageFileFormat format = disk->format;
    size_t depth;

    if (!path || (disk->type != VIR_DOMAIN_DISK_TYPE_FILE &&
                  disk->type != VIR_DOMAIN_DISK_TYPE_BLOCK &&
                  disk->type != VIR_DOMAIN_DISK_TYPE_VOLUME))
        return 0;
    if (access(path, F_OK) < 0) {
        virReportSystemError(errno, "Cannot access storage file '%s'", path);
        return -1;
    }
    g_hash_table_add(seen, g_strdup(path));

    for (depth = 0; qemuDiskChainFormatHasBacking(format); depth++) {
        g_autoptr(virStorageProbeImageInfo) info = virStorageProbeImage(path);
        g_autofree char *dir = NULL;
        virDomainDiskBacking *below;
        struct stat sb;
        int fmt;

        if (!info)
            return -1;
        /* The header is not the declared format's: QEMU will say so. */
        if (g_strcmp0(info->format, virStorageFileFormatTypeToString(format)) != 0 ||
            !info->backingStore || !qemuDiskChainIsLocal(info->backingStore))
            break;

        below = g_new0(virDomainDiskBacking, 1);
        *tail = below;
        tail = &below->next;
        /* A relative name is relative to the image that holds it. */
        dir = g_path_get_dirname(path);
        below->path = g_path_is_absolute(info->backingStore) ?
                      g_strdup(info->backingStore) :
                      g_build_filename(dir, info->backingStore, NULL);
        if (stat(below->path, &sb) < 0) {
            virReportSystemError(errno,
                                 "Cannot access backing file '%s' of storage file '%s' (as uid:%u, gid:%u)",
                                 below->path, path, (unsigned int)geteuid(),
                                 (unsigned int)getegid());
            return -1;
        }
        below->type = S_ISBLK(sb.st_mode) ? VIR_DOMAIN_DISK_TYPE_BLOCK :
                                            VIR_DOMAIN_DISK_TYPE_FILE;
        if (!g_hash_table_add(seen, g_strdup(below->path)) ||
            depth + 1 >= VIR_DOMAIN_DISK_BACKING_MAX) {
            virReportError(VIR_ERR_INVALID_ARG,
                           "backing store for %s (%s) is self-referential or too deep",
                           path, below->path);
            return -1;
        }
        if (info->backingFormat) {
            if ((fmt = virStorageFileFormatTypeFromString(info->backingFormat)) <= 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "unknown format '%s' of backing image '%s' of image '%s'",
                               info->backingFormat, info->backingStore, path);
                return -1;
            }
            below->format = fmt;
        } else if (qemuDiskChainUnrecordedFormat(below->path, info->backingStore, path,
                                                 &below->format) < 0) {
            return -1;
        }
        path = below->path;
        format = below->format;
    }

    virDomainDiskBackingFree(disk->backing);
    disk->backing = g_steal_pointer(&chain);
    return 0;
}

int
qemuDiskChainDetectAll(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (qemuDiskChainDetect(def->disks[i]) < 0)
            return -1;
    }
    return 0;
}
