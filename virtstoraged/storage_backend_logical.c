/* The logical pool backend: an LVM volume group on the source devices;
 * volumes are its logical volumes. (These machines' kernels have no
 * device-mapper: the group works, creating a volume fails with LVM's own
 * error, reported as is.) */
#include "storage_backend.h"

#include <string.h>

#include "storage_lvm.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("storage.backend_logical");

/* The source devices as a string array (borrowed). */
static const char **
storageLogicalDevices(const virStoragePoolDef *def)
{
    const char **devs = g_new0(const char *, def->source.ndevice + 1);
    size_t i;

    for (i = 0; i < def->source.ndevice; i++)
        devs[i] = def->source.devices[i].path;
    return devs;
}

static const char *
storageLogicalVG(const virStoragePoolDef *def)
{
    return def->source.name ? def->source.name : def->name;
}

static bool
storageLogicalIsActive(const virStoragePoolDef *def)
{
    g_autoptr(storageLvmVG) vg = storageLvmGetVG(storageLogicalVG(def));

    virErrorReset();
    return vg != NULL;
}

static int
storageLogicalBuild(const virStoragePoolDef *def, unsigned int flags)
{
    g_autofree const char **devs = storageLogicalDevices(def);

    if (def->source.ndevice == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing source device");
        return -1;
    }
    return storageLvmBuild(storageLogicalVG(def), devs, def->source.ndevice);
}

static int
storageLogicalStart(const virStoragePoolDef *def)
{
    return storageLvmSetActive(storageLogicalVG(def), true);
}

static int
storageLogicalStop(const virStoragePoolDef *def)
{
    return storageLvmSetActive(storageLogicalVG(def), false);
}

static int
storageLogicalDelete(const virStoragePoolDef *def, unsigned int flags)
{
    g_autofree const char **devs = storageLogicalDevices(def);

    return storageLvmDelete(storageLogicalVG(def), devs, def->source.ndevice);
}

static int
storageLogicalRefresh(virStoragePoolDef *def, GPtrArray *vols)
{
    const char *vgname = storageLogicalVG(def);
    g_autoptr(storageLvmVG) vg = NULL;
    storageLvmLV *lvs = NULL;
    int n;
    int i;

    if (!(vg = storageLvmGetVG(vgname)) || (n = storageLvmListLVs(vgname, &lvs)) < 0)
        return -1;
    def->capacity = vg->size;
    def->available = vg->free;
    def->allocation = vg->size - vg->free;
    for (i = 0; i < n; i++) {
        virStorageVolDef *vol = g_new0(virStorageVolDef, 1);
        size_t j;

        vol->name = g_strdup(lvs[i].name);
        vol->type = VIR_STORAGE_VOL_BLOCK;
        vol->key = g_strdup(lvs[i].uuid);
        vol->target.path = g_strdup_printf("/dev/%s/%s", vgname, lvs[i].name);
        vol->capacity = lvs[i].capacity;
        vol->allocation = lvs[i].allocation;
        vol->nextents = lvs[i].nextents;
        vol->extents = g_new0(virStorageVolSourceExtent, MAX(lvs[i].nextents, 1));
        for (j = 0; j < lvs[i].nextents; j++) {
            vol->extents[j].path = g_strdup(lvs[i].extents[j].path);
            vol->extents[j].start = lvs[i].extents[j].startExtent * lvs[i].extentSize;
            vol->extents[j].end = vol->extents[j].start + lvs[i].capacity;
        }
        if (lvs[i].origin) {
            vol->backingStore = g_new0(virStorageVolTarget, 1);
            vol->backingStore->path = g_strdup_printf("/dev/%s/%s", vgname, lvs[i].origin);
        }
        g_ptr_array_add(vols, vol);
    }
    storageLvmLVListFree(lvs, n);
    return 0;
}

static int
storageLogicalCreateVol(const virStoragePoolDef *def, virStorageVolDef *vol)
{
    vol->type = VIR_STORAGE_VOL_BLOCK;
    g_free(vol->target.path);
    vol->target.path = g_strdup_printf("/dev/%s/%s", storageLogicalVG(def), vol->name);
    g_free(vol->key);
    vol->key = g_strdup(vol->target.path);     /* the LV's uuid once refreshed */
    return 0;
}

static int
storageLogicalBuildVol(const virStoragePoolDef *def, virStorageVolDef *vol,
                       const virStorageVolDef *from, unsigned int flags)
{
    storageLvmCreateParams params = {
        .vgname = storageLogicalVG(def),
        .name = vol->name,
        .capacity = vol->capacity,
        .allocation = vol->hasAllocation ? vol->allocation : vol->capacity,
        .backingPath = vol->backingStore ? vol->backingStore->path : NULL,
    };

    if (from) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "cloning into a logical volume is not supported");
        return -1;
    }
    return storageLvmCreateLV(&params);
}

static int
storageLogicalDeleteVol(const virStoragePoolDef *def, const virStorageVolDef *vol,
                        unsigned int flags)
{
    return storageLvmRemoveLV(storageLogicalVG(def), vol->name);
}

static int
storageLogicalResizeVol(const virStoragePoolDef *def, virStorageVolDef *vol,
                        unsigned long long capacity, unsigned int flags)
{
    virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   "resizing a logical volume is not supported");
    return -1;
}

static int
storageLogicalRefreshVol(const virStoragePoolDef *def, virStorageVolDef *vol)
{
    return 0;
}

/* The volume groups of this host and their physical volumes. */
static char *
storageLogicalFindSources(const char *srcSpec, unsigned int flags)
{
    g_autoptr(virStoragePoolSourceList) list = g_new0(virStoragePoolSourceList, 1);
    storageLvmPV *pvs = NULL;
    int n;
    int i;
    char *xml;

    if ((n = storageLvmListPVs(&pvs)) < 0)
        return NULL;
    list->type = VIR_STORAGE_POOL_LOGICAL;
    for (i = 0; i < n; i++) {
        virStoragePoolSource *src = NULL;
        size_t j;

        if (!pvs[i].vgname)
            continue;
        for (j = 0; j < list->nsources; j++) {
            if (g_strcmp0(list->sources[j].name, pvs[i].vgname) == 0)
                src = &list->sources[j];
        }
        if (!src) {
            src = virStoragePoolSourceListNewSource(list);
            src->name = g_strdup(pvs[i].vgname);
            src->format = VIR_STORAGE_POOL_LOGICAL_LVM2;
        }
        src->devices = g_renew(virStoragePoolSourceDevice, src->devices, src->ndevice + 1);
        memset(&src->devices[src->ndevice], 0, sizeof(src->devices[0]));
        src->devices[src->ndevice++].path = g_strdup(pvs[i].name);
    }
    storageLvmPVListFree(pvs, n);
    xml = virStoragePoolSourceListFormat(list);
    return xml;
}

const storageBackend storageBackendLogical = {
    .type = VIR_STORAGE_POOL_LOGICAL,
    .isActive = storageLogicalIsActive,
    .buildPool = storageLogicalBuild,
    .startPool = storageLogicalStart,
    .refreshPool = storageLogicalRefresh,
    .stopPool = storageLogicalStop,
    .deletePool = storageLogicalDelete,
    .createVol = storageLogicalCreateVol,
    .buildVol = storageLogicalBuildVol,
    .deleteVol = storageLogicalDeleteVol,
    .resizeVol = storageLogicalResizeVol,
    .refreshVol = storageLogicalRefreshVol,
    .findPoolSources = storageLogicalFindSources,
};
