/* LVM command lines and the parsing of vgs, pvs and lvs reports. */
#include "storage_lvm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "virstorageprobe.h"
#include "vircommand.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("storage.storage_lvm");

#define STORAGE_LVM_REPORT_OPTS "--noheadings", "--units", "b", "--nosuffix", "--separator"
#define STORAGE_LVM_VGS_FIELDS "vg_name,vg_size,vg_free,vg_extent_size"
#define STORAGE_LVM_PVS_FIELDS "pv_name,vg_name,pv_size,pv_free"
#define STORAGE_LVM_LVS_FIELDS "lv_name,origin,uuid,devices,seg_size,vg_extent_size,size,lv_attr"

void
storageLvmVGFree(storageLvmVG *vg)
{
    if (!vg)
        return;
    g_free(vg->name);
    g_free(vg);
}

void
storageLvmVGListFree(storageLvmVG *vgs, size_t n)
{
    size_t i;

    for (i = 0; vgs && i < n; i++)
        g_free(vgs[i].name);
    g_free(vgs);
}

void
storageLvmPVListFree(storageLvmPV *pvs, size_t n)
{
    size_t i;

    for (i = 0; pvs && i < n; i++) {
        g_free(pvs[i].name);
        g_free(pvs[i].vgname);
    }
    g_free(pvs);
}

static void
storageLvmLVClear(storageLvmLV *lv)
{
    size_t i;

    g_free(lv->name);
    g_free(lv->origin);
    g_free(lv->uuid);
    g_free(lv->attr);
    for (i = 0; i < lv->nextents; i++)
        g_free(lv->extents[i].path);
    g_free(lv->extents);
}

void
storageLvmLVListFree(storageLvmLV *lvs, size_t n)
{
    size_t i;

    for (i = 0; lvs && i < n; i++)
        storageLvmLVClear(&lvs[i]);
    g_free(lvs);
}

/* VG and LV names as LVM allows them (and never an option). */
static int
storageLvmCheckName(const char *what, const char *name)
{
    if (!name || !*name || *name == '-' || strlen(name) > 127 ||
        strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+_.-") != strlen(name) ||
        strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid %s name '%s'", what, name ? name : "");
        return -1;
    }
    return 0;
}

static int
storageLvmCheckDevice(const char *device)
{
    if (!device || *device != '/') {
        virReportError(VIR_ERR_INVALID_ARG, "invalid device path '%s'", device ? device : "");
        return -1;
    }
    return 0;
}

/* Builders: binary is the bare tool name for renderings, its path for runs. */

static virCommand *
storageLvmPvcreateBuild(const char *binary, const char *device)
{
    if (storageLvmCheckDevice(device) < 0)
        return NULL;
    return virCommandNewArgList(binary, device, NULL);
}

static virCommand *
storageLvmVgcreateBuild(const char *binary, const char *vgname,
                        const char *const *devices, size_t ndevices)
{
    virCommand *cmd;
    size_t i;

    if (storageLvmCheckName("volume group", vgname) < 0)
        return NULL;
    if (ndevices == 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "volume group '%s' needs at least one device", vgname);
        return NULL;
    }
    for (i = 0; i < ndevices; i++) {
        if (storageLvmCheckDevice(devices[i]) < 0)
            return NULL;
    }
    cmd = virCommandNewArgList(binary, vgname, NULL);
    for (i = 0; i < ndevices; i++)
        virCommandAddArg(cmd, devices[i]);
    return cmd;
}

static virCommand *
storageLvmVgchangeBuild(const char *binary, const char *vgname, bool active)
{
    if (storageLvmCheckName("volume group", vgname) < 0)
        return NULL;
    return virCommandNewArgList(binary, active ? "-aly" : "-aln", vgname, NULL);
}

static virCommand *
storageLvmVgremoveBuild(const char *binary, const char *vgname)
{
    if (storageLvmCheckName("volume group", vgname) < 0)
        return NULL;
    return virCommandNewArgList(binary, "-f", vgname, NULL);
}

static virCommand *
storageLvmVgsBuild(const char *binary, const char *vgname)
{
    virCommand *cmd;

    if (vgname && storageLvmCheckName("volume group", vgname) < 0)
        return NULL;
    cmd = virCommandNewArgList(binary, STORAGE_LVM_REPORT_OPTS, ":",
                               "-o", STORAGE_LVM_VGS_FIELDS, NULL);
    if (vgname)
        virCommandAddArg(cmd, vgname);
    return cmd;
}

static virCommand *
storageLvmLvsBuild(const char *binary, const char *vgname)
{
    if (storageLvmCheckName("volume group", vgname) < 0)
        return NULL;
    return virCommandNewArgList(binary, STORAGE_LVM_REPORT_OPTS, "#",
                                "-o", STORAGE_LVM_LVS_FIELDS, vgname, NULL);
}

static virCommand *
storageLvmPvsBuild(const char *binary)
{
    return virCommandNewArgList(binary, STORAGE_LVM_REPORT_OPTS, ":",
                                "-o", STORAGE_LVM_PVS_FIELDS, NULL);
}

static virCommand *
storageLvmLvcreateBuild(const char *binary, const storageLvmCreateParams *p)
{
    virCommand *cmd;
    bool sparse;

    if (storageLvmCheckName("volume group", p->vgname) < 0 ||
        storageLvmCheckName("logical volume", p->name) < 0 ||
        (p->backingPath && storageLvmCheckDevice(p->backingPath) < 0))
        return NULL;
    if (p->capacity == 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "volume '%s' needs a capacity", p->name);
        return NULL;
    }
    if (p->allocation > p->capacity) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "allocation %llu of volume '%s' exceeds its capacity %llu",
                       p->allocation, p->name, p->capacity);
        return NULL;
    }
    sparse = p->allocation < p->capacity;

    cmd = virCommandNewArgList(binary, "--name", p->name, "-L", NULL);
    if (p->backingPath) {
        /* A snapshot has its origin's size: -L is its COW space. */
        virCommandAddArgFormat(cmd, "%llub", p->allocation ? p->allocation : p->capacity);
    } else if (sparse) {
        /* A thin snapshot of a zero device: the allocation is its COW
         * space (at least one extent, lvcreate rounds up). */
        virCommandAddArgFormat(cmd, "%llub", MAX(p->allocation, 1));
        virCommandAddArg(cmd, "--virtualsize");
        virCommandAddArgFormat(cmd, "%llub", p->capacity);
    } else {
        virCommandAddArgFormat(cmd, "%llub", p->capacity);
    }
    if (p->backingPath)
        virCommandAddArgPair(cmd, "-s", p->backingPath);
    else
        virCommandAddArg(cmd, p->vgname);
    return cmd;
}

static virCommand *
storageLvmLvremoveBuild(const char *binary, const char *vgname, const char *name)
{
    virCommand *cmd;

    if (storageLvmCheckName("volume group", vgname) < 0 ||
        storageLvmCheckName("logical volume", name) < 0)
        return NULL;
    cmd = virCommandNewArgList(binary, "-f", NULL);
    virCommandAddArgFormat(cmd, "%s/%s", vgname, name);
    return cmd;
}

static char *
storageLvmRender(virCommand *cmd)
{
    g_autoptr(virCommand) owned = cmd;

    if (!owned)
        return NULL;
    return virCommandToString(owned);
}

char *
storageLvmPvcreateArgv(const char *device)
{
    return storageLvmRender(storageLvmPvcreateBuild("pvcreate", device));
}

char *
storageLvmVgcreateArgv(const char *vgname, const char *const *devices, size_t ndevices)
{
    return storageLvmRender(storageLvmVgcreateBuild("vgcreate", vgname, devices, ndevices));
}

char *
storageLvmVgchangeArgv(const char *vgname, bool active)
{
    return storageLvmRender(storageLvmVgchangeBuild("vgchange", vgname, active));
}

char *
storageLvmVgremoveArgv(const char *vgname)
{
    return storageLvmRender(storageLvmVgremoveBuild("vgremove", vgname));
}

char *
storageLvmPvremoveArgv(const char *device)
{
    return storageLvmRender(storageLvmPvcreateBuild("pvremove", device));
}

char *
storageLvmVgsArgv(const char *vgname)
{
    return storageLvmRender(storageLvmVgsBuild("vgs", vgname));
}

char *
storageLvmLvsArgv(const char *vgname)
{
    return storageLvmRender(storageLvmLvsBuild("lvs", vgname));
}

char *
storageLvmPvsArgv(void)
{
    return storageLvmRender(storageLvmPvsBuild("pvs"));
}

char *
storageLvmLvcreateArgv(const storageLvmCreateParams *params)
{
    return storageLvmRender(storageLvmLvcreateBuild("lvcreate", params));
}

char *
storageLvmLvremoveArgv(const char *vgname, const char *name)
{
    return storageLvmRender(storageLvmLvremoveBuild("lvremove", vgname, name));
}

/* Runs a built command (NULL: building failed, already reported). LVM
 * warns about inherited fds; ours are all closed, and the locale is C. */
static int
storageLvmRun(virCommand *cmd, char **out)
{
    g_autoptr(virCommand) owned = cmd;

    if (!owned)
        return -1;
    virCommandAddEnvPair(owned, "LC_ALL", "C");
    virCommandAddEnvPassCommon(owned);
    if (out)
        virCommandSetOutputBuffer(owned, out);
    return virCommandRun(owned, NULL);
}

static int
storageLvmRunTool(const char *tool, virCommand *(*build)(const char *binary, void *opaque),
                  void *opaque, char **out)
{
    g_autofree char *binary = virStorageProbeFindTool(tool);

    if (!binary)
        return -1;
    return storageLvmRun(build(binary, opaque), out);
}

static virCommand *
storageLvmBuildForDevice(const char *binary, void *opaque)
{
    return storageLvmPvcreateBuild(binary, opaque);
}

static virCommand *
storageLvmBuildForVG(const char *binary, void *opaque)
{
    return storageLvmVgremoveBuild(binary, opaque);
}

/* pvremove of the given devices, keeping the first error. */
static int
storageLvmRemovePVs(const char *const *devices, size_t ndevices)
{
    int ret = 0;
    size_t i;

    for (i = 0; i < ndevices; i++) {
        g_autoptr(virErrorInfo) saved = ret < 0 ? virErrorPreserve() : NULL;

        if (storageLvmRunTool("pvremove", storageLvmBuildForDevice, (void *)devices[i], NULL) < 0)
            ret = -1;
        if (saved)
            virErrorRestore(&saved);
    }
    return ret;
}

int
storageLvmBuild(const char *vgname, const char *const *devices, size_t ndevices)
{
    g_autofree char *vgcreate = NULL;
    size_t i;

    /* Check everything before touching any device. */
    {
        g_autoptr(virCommand) check = storageLvmVgcreateBuild("vgcreate", vgname, devices, ndevices);

        if (!check)
            return -1;
    }
    for (i = 0; i < ndevices; i++) {
        if (storageLvmRunTool("pvcreate", storageLvmBuildForDevice, (void *)devices[i], NULL) < 0)
            goto rollback;
    }
    if (!(vgcreate = virStorageProbeFindTool("vgcreate")) ||
        storageLvmRun(storageLvmVgcreateBuild(vgcreate, vgname, devices, ndevices), NULL) < 0)
        goto rollback;
    return 0;

 rollback:
    {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        storageLvmRemovePVs(devices, i);
        virErrorRestore(&saved);
    }
    return -1;
}

int
storageLvmSetActive(const char *vgname, bool active)
{
    g_autofree char *binary = virStorageProbeFindTool("vgchange");

    if (!binary)
        return -1;
    return storageLvmRun(storageLvmVgchangeBuild(binary, vgname, active), NULL);
}

int
storageLvmDelete(const char *vgname, const char *const *devices, size_t ndevices)
{
    if (storageLvmRunTool("vgremove", storageLvmBuildForVG, (void *)vgname, NULL) < 0)
        return -1;
    return storageLvmRemovePVs(devices, ndevices);
}

/* Parsing. */

static int
storageLvmParseSize(const char *str, unsigned long long *ret)
{
    char *end = NULL;

    errno = 0;
    if (!g_ascii_isdigit(*str) || (*ret = strtoull(str, &end, 10), errno != 0) || *end) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "LVM reported an invalid size '%s'", str);
        return -1;
    }
    return 0;
}

/* The non-empty lines of a report, each split at sep and stripped; lines
 * without exactly nfields fields are an error. */
static GPtrArray *
storageLvmSplitReport(const char *output, const char *sep, guint nfields)
{
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    g_auto(GStrv) lines = g_strsplit(output ? output : "", "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        char **fields;
        size_t j;

        g_strstrip(lines[i]);
        if (!*lines[i])
            continue;
        fields = g_strsplit(lines[i], sep, -1);
        if (g_strv_length(fields) != nfields) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "unexpected LVM report line '%s'", lines[i]);
            g_strfreev(fields);
            return NULL;
        }
        for (j = 0; fields[j]; j++)
            g_strstrip(fields[j]);
        g_ptr_array_add(rows, fields);
    }
    return g_steal_pointer(&rows);
}

int
storageLvmParseVgs(const char *output, storageLvmVG **vgs)
{
    g_autoptr(GPtrArray) rows = storageLvmSplitReport(output, ":", 4);
    storageLvmVG *ret;
    size_t i;

    *vgs = NULL;
    if (!rows)
        return -1;
    ret = g_new0(storageLvmVG, rows->len);
    for (i = 0; i < rows->len; i++) {
        char **f = g_ptr_array_index(rows, i);

        ret[i].name = g_strdup(f[0]);
        if (storageLvmParseSize(f[1], &ret[i].size) < 0 ||
            storageLvmParseSize(f[2], &ret[i].free) < 0 ||
            storageLvmParseSize(f[3], &ret[i].extentSize) < 0) {
            storageLvmVGListFree(ret, rows->len);
            return -1;
        }
    }
    *vgs = ret;
    return rows->len;
}

int
storageLvmParsePvs(const char *output, storageLvmPV **pvs)
{
    g_autoptr(GPtrArray) rows = storageLvmSplitReport(output, ":", 4);
    storageLvmPV *ret;
    size_t i;

    *pvs = NULL;
    if (!rows)
        return -1;
    ret = g_new0(storageLvmPV, rows->len);
    for (i = 0; i < rows->len; i++) {
        char **f = g_ptr_array_index(rows, i);

        ret[i].name = g_strdup(f[0]);
        ret[i].vgname = *f[1] ? g_strdup(f[1]) : NULL;
        if (storageLvmParseSize(f[2], &ret[i].size) < 0 ||
            storageLvmParseSize(f[3], &ret[i].free) < 0) {
            storageLvmPVListFree(ret, rows->len);
            return -1;
        }
    }
    *pvs = ret;
    return rows->len;
}

/* "/dev/sdb(0),/dev/sdc(12)": each device with its first extent. */
static int
storageLvmParseDevices(const char *devices, GArray *extents)
{
    g_auto(GStrv) parts = g_strsplit(devices, ",", -1);
    size_t i;

    for (i = 0; parts[i]; i++) {
        storageLvmExtent ext = { 0 };
        char *open = strrchr(parts[i], '(');
        size_t len = strlen(parts[i]);

        if (!*parts[i])
            continue;
        if (!open || open == parts[i] || parts[i][len - 1] != ')') {
            virReportError(VIR_ERR_INTERNAL_ERROR, "LVM reported an invalid device '%s'", parts[i]);
            return -1;
        }
        parts[i][len - 1] = '\0';
        *open = '\0';
        if (storageLvmParseSize(open + 1, &ext.startExtent) < 0)
            return -1;
        ext.path = g_strdup(parts[i]);
        g_array_append_val(extents, ext);
    }
    return 0;
}

static storageLvmLV *
storageLvmFindLV(GArray *lvs, const char *uuid)
{
    size_t i;

    for (i = 0; i < lvs->len; i++) {
        storageLvmLV *lv = &g_array_index(lvs, storageLvmLV, i);

        if (strcmp(lv->uuid, uuid) == 0)
            return lv;
    }
    return NULL;
}

static void
storageLvmLVArrayFree(GArray *lvs)
{
    size_t i;

    for (i = 0; i < lvs->len; i++)
        storageLvmLVClear(&g_array_index(lvs, storageLvmLV, i));
    g_array_free(lvs, TRUE);
}

int
storageLvmParseLvs(const char *output, storageLvmLV **lvs)
{
    g_autoptr(GPtrArray) rows = storageLvmSplitReport(output, "#", 8);
    GArray *ret;
    size_t i;
    int n;

    *lvs = NULL;
    if (!rows)
        return -1;
    ret = g_array_new(FALSE, TRUE, sizeof(storageLvmLV));
    for (i = 0; i < rows->len; i++) {
        char **f = g_ptr_array_index(rows, i);
        g_autoptr(GArray) extents = g_array_new(FALSE, TRUE, sizeof(storageLvmExtent));
        unsigned long long segSize;
        storageLvmLV *lv;
        size_t j;

        if (storageLvmParseSize(f[4], &segSize) < 0 || storageLvmParseDevices(f[3], extents) < 0) {
            for (j = 0; j < extents->len; j++)
                g_free(g_array_index(extents, storageLvmExtent, j).path);
            storageLvmLVArrayFree(ret);
            return -1;
        }
        if (!(lv = storageLvmFindLV(ret, f[2]))) {
            storageLvmLV fresh = { 0 };

            fresh.name = g_strdup(f[0]);
            fresh.origin = *f[1] ? g_strdup(f[1]) : NULL;
            fresh.uuid = g_strdup(f[2]);
            fresh.attr = g_strdup(f[7]);
            g_array_append_val(ret, fresh);
            lv = &g_array_index(ret, storageLvmLV, ret->len - 1);
            if (storageLvmParseSize(f[5], &lv->extentSize) < 0 ||
                storageLvmParseSize(f[6], &lv->capacity) < 0) {
                for (j = 0; j < extents->len; j++)
                    g_free(g_array_index(extents, storageLvmExtent, j).path);
                storageLvmLVArrayFree(ret);
                return -1;
            }
        }
        lv->allocation += segSize;
        lv->extents = g_renew(storageLvmExtent, lv->extents, lv->nextents + extents->len);
        for (j = 0; j < extents->len; j++)
            lv->extents[lv->nextents++] = g_array_index(extents, storageLvmExtent, j);
    }
    n = ret->len;
    *lvs = (storageLvmLV *)(void *)g_array_free(ret, FALSE);
    return n;
}

/* Runs a report tool and keeps its output. */
static char *
storageLvmReport(const char *tool, virCommand *(*build)(const char *binary, const char *vgname),
                 const char *vgname)
{
    g_autofree char *binary = virStorageProbeFindTool(tool);
    char *out = NULL;

    if (!binary)
        return NULL;
    if (storageLvmRun(build(binary, vgname), &out) < 0) {
        g_free(out);
        return NULL;
    }
    return out;
}

static virCommand *
storageLvmPvsBuildIgnoringVG(const char *binary, const char *vgname G_GNUC_UNUSED)
{
    return storageLvmPvsBuild(binary);
}

storageLvmVG *
storageLvmGetVG(const char *vgname)
{
    g_autofree char *out = NULL;
    storageLvmVG *vgs = NULL;
    storageLvmVG *ret = NULL;
    int n;
    int i;

    if (storageLvmCheckName("volume group", vgname) < 0)
        return NULL;
    /* All groups: vgs fails on a missing one, which is no error of ours. */
    if (!(out = storageLvmReport("vgs", storageLvmVgsBuild, NULL)) ||
        (n = storageLvmParseVgs(out, &vgs)) < 0)
        return NULL;
    for (i = 0; i < n && !ret; i++) {
        if (strcmp(vgs[i].name, vgname) == 0) {
            ret = g_new0(storageLvmVG, 1);
            *ret = vgs[i];
            vgs[i].name = NULL;
        }
    }
    storageLvmVGListFree(vgs, n);
    if (!ret)
        virReportError(VIR_ERR_NO_STORAGE_POOL, "no volume group '%s'", vgname);
    return ret;
}

int
storageLvmListPVs(storageLvmPV **pvs)
{
    g_autofree char *out = storageLvmReport("pvs", storageLvmPvsBuildIgnoringVG, NULL);

    *pvs = NULL;
    if (!out)
        return -1;
    return storageLvmParsePvs(out, pvs);
}

int
storageLvmListLVs(const char *vgname, storageLvmLV **lvs)
{
    g_autofree char *out = NULL;

    *lvs = NULL;
    if (storageLvmCheckName("volume group", vgname) < 0 ||
        !(out = storageLvmReport("lvs", storageLvmLvsBuild, vgname)))
        return -1;
    return storageLvmParseLvs(out, lvs);
}

int
storageLvmCreateLV(const storageLvmCreateParams *params)
{
    g_autofree char *binary = virStorageProbeFindTool("lvcreate");

    if (!binary)
        return -1;
    return storageLvmRun(storageLvmLvcreateBuild(binary, params), NULL);
}

int
storageLvmRemoveLV(const char *vgname, const char *name)
{
    g_autofree char *binary = virStorageProbeFindTool("lvremove");

    if (!binary)
        return -1;
    return storageLvmRun(storageLvmLvremoveBuild(binary, vgname, name), NULL);
}
