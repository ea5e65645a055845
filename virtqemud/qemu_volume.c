#include "qemu_volume.h"

#include "remote_backend.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.volume");

int
qemuVolumesResolve(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];
        g_autofree char *path = NULL;
        bool block = false;

        if (disk->type != VIR_DOMAIN_DISK_TYPE_VOLUME)
            continue;
        if (remoteStorageVolGetPathElevated(disk->srcPool, disk->srcVolume, &path, &block) < 0)
            return -1;
        VIR_DEBUG("disk %s: volume %s/%s is %s", disk->dst, disk->srcPool, disk->srcVolume, path);
        g_free(disk->src);
        disk->src = g_steal_pointer(&path);
        disk->srcVolumeBlock = block;
    }
    return 0;
}
