/* virtstoraged's host commands: every command line as a golden file
 * (NAME.argv, or NAME.err when it is refused), and the parsers of the
 * tools' outputs on fixed texts. Nothing here runs a tool. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "storage_fs.h"
#include "storage_lvm.h"
#include "storage_parted.h"
#include "storage_qemuimg.h"
#include "testutils.h"
#include "virerror.h"

#define SUITE "storageargv"

#define GiB (1024ULL * 1024 * 1024)
#define MiB (1024ULL * 1024)

typedef struct {
    const char *name;
    char *(*render)(const void *data);
    const void *data;
} testCase;

/* The rendered command line, or the error that refused it. */
static int
testArgv(const void *opaque)
{
    const testCase *tc = opaque;
    g_autofree char *actual = NULL;
    g_autofree char *file = NULL;
    g_autofree char *path = NULL;

    virErrorReset();
    if ((actual = tc->render(tc->data))) {
        g_autofree char *line = g_strdup_printf("%s\n", actual);

        file = g_strdup_printf("%s.argv", tc->name);
        path = virTestDataPath(SUITE, file);
        return virTestCompareToFile(line, path);
    }
    if (!virErrorGetLast()) {
        fprintf(stderr, "%s: refused without an error\n", tc->name);
        return -1;
    }
    if (virErrorGetLast()->domain != VIR_FROM_STORAGE) {
        fprintf(stderr, "%s: error from domain %d\n", tc->name, virErrorGetLast()->domain);
        return -1;
    }
    file = g_strdup_printf("%s.err", tc->name);
    path = virTestDataPath(SUITE, file);
    actual = g_strdup_printf("%s\n", virErrorGetLast()->message);
    virErrorReset();
    return virTestCompareToFile(actual, path);
}

/* qemu-img */

typedef struct {
    const char *src;
    const char *srcFormat;
    storageQemuImgCreateParams dst;
} testConvert;

typedef struct {
    const char *path;
    const char *format;
    unsigned long long capacity;
    bool shrink;
    storageQemuImgPrealloc prealloc;
} testResize;

typedef struct {
    const char *path;
    const char *format;
    bool chain;
} testInfo;

static char *
renderCreate(const void *data)
{
    return storageQemuImgCreateArgv(data);
}

static char *
renderConvert(const void *data)
{
    const testConvert *t = data;

    return storageQemuImgConvertArgv(t->src, t->srcFormat, &t->dst);
}

static char *
renderResize(const void *data)
{
    const testResize *t = data;

    return storageQemuImgResizeArgv(t->path, t->format, t->capacity, t->shrink, t->prealloc);
}

static char *
renderInfo(const void *data)
{
    const testInfo *t = data;

    return storageQemuImgInfoArgv(t->path, t->format, t->chain);
}

#define IMG "/var/lib/libvirt/images/"
#define RAW STORAGE_QEMU_IMG_FORMAT_RAW
#define QCOW2 STORAGE_QEMU_IMG_FORMAT_QCOW2

static const testCase qemuimgCases[] = {
    { "qemuimg-create-raw", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "raw.img", .format = RAW, .capacity = 10 * GiB } },
    { "qemuimg-create-raw-falloc", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "raw.img", .format = RAW, .capacity = 10 * GiB,
                                     .prealloc = STORAGE_QEMU_IMG_PREALLOC_FALLOC } },
    { "qemuimg-create-raw-full", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "raw.img", .format = RAW, .capacity = 1000,
                                     .prealloc = STORAGE_QEMU_IMG_PREALLOC_FULL } },
    { "qemuimg-create-qcow2", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "disk.qcow2", .format = QCOW2, .capacity = 5 * GiB } },
    { "qemuimg-create-qcow2-off", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "disk.qcow2", .format = QCOW2, .capacity = 5 * GiB,
                                     .prealloc = STORAGE_QEMU_IMG_PREALLOC_OFF } },
    { "qemuimg-create-qcow2-features", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "disk.qcow2", .format = QCOW2, .capacity = 5 * GiB,
                                     .compat = "1.1", .lazyRefcounts = true, .clusterSize = 2 * MiB,
                                     .prealloc = STORAGE_QEMU_IMG_PREALLOC_METADATA } },
    { "qemuimg-create-qcow2-compat010", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "old.qcow2", .format = QCOW2, .capacity = 1 * GiB,
                                     .compat = "0.10" } },
    { "qemuimg-create-qcow2-backing", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "overlay.qcow2", .format = QCOW2,
                                     .backingPath = IMG "base.qcow2", .backingFormat = "qcow2" } },
    { "qemuimg-create-qcow2-backing-raw-grow", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "overlay.qcow2", .format = QCOW2, .capacity = 20 * GiB,
                                     .backingPath = IMG "base.img", .backingFormat = "raw",
                                     .lazyRefcounts = true } },
    { "qemuimg-create-path-quoted", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "my disk's.qcow2", .format = QCOW2, .capacity = 1 * MiB } },
    { "qemuimg-create-raw-metadata", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "raw.img", .format = RAW, .capacity = 1 * GiB,
                                     .prealloc = STORAGE_QEMU_IMG_PREALLOC_METADATA } },
    { "qemuimg-create-raw-backing", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "raw.img", .format = RAW, .capacity = 1 * GiB,
                                     .backingPath = IMG "base.img", .backingFormat = "raw" } },
    { "qemuimg-create-raw-compat", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "raw.img", .format = RAW, .capacity = 1 * GiB,
                                     .compat = "1.1" } },
    { "qemuimg-create-lazy-compat010", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "disk.qcow2", .format = QCOW2, .capacity = 1 * GiB,
                                     .compat = "0.10", .lazyRefcounts = true } },
    { "qemuimg-create-compat-unknown", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "disk.qcow2", .format = QCOW2, .capacity = 1 * GiB,
                                     .compat = "2.0" } },
    { "qemuimg-create-cluster-bad", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "disk.qcow2", .format = QCOW2, .capacity = 1 * GiB,
                                     .clusterSize = 65535 } },
    { "qemuimg-create-no-capacity", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "disk.qcow2", .format = QCOW2 } },
    { "qemuimg-create-backing-no-format", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "overlay.qcow2", .format = QCOW2,
                                     .backingPath = IMG "base.qcow2" } },
    { "qemuimg-create-backing-bad-format", renderCreate,
      &(storageQemuImgCreateParams){ .path = IMG "overlay.qcow2", .format = QCOW2,
                                     .backingPath = IMG "base.qcow2", .backingFormat = "qcow2,x=y" } },
    { "qemuimg-create-option-path", renderCreate,
      &(storageQemuImgCreateParams){ .path = "-o", .format = QCOW2, .capacity = 1 * GiB } },

    { "qemuimg-convert-raw-to-qcow2", renderConvert,
      &(testConvert){ IMG "src.img", "raw",
                      { .path = IMG "clone.qcow2", .format = QCOW2, .compat = "1.1" } } },
    { "qemuimg-convert-qcow2-to-raw-falloc", renderConvert,
      &(testConvert){ IMG "src.qcow2", "qcow2",
                      { .path = IMG "clone.img", .format = RAW,
                        .prealloc = STORAGE_QEMU_IMG_PREALLOC_FALLOC } } },
    { "qemuimg-convert-vmdk-to-qcow2", renderConvert,
      &(testConvert){ IMG "appliance.vmdk", "vmdk",
                      { .path = IMG "appliance.qcow2", .format = QCOW2,
                        .prealloc = STORAGE_QEMU_IMG_PREALLOC_METADATA } } },
    { "qemuimg-convert-capacity", renderConvert,
      &(testConvert){ IMG "src.img", "raw",
                      { .path = IMG "clone.img", .format = RAW, .capacity = 2 * GiB } } },

    { "qemuimg-resize-grow", renderResize,
      &(testResize){ IMG "disk.qcow2", "qcow2", 20 * GiB, false, STORAGE_QEMU_IMG_PREALLOC_DEFAULT } },
    { "qemuimg-resize-grow-falloc", renderResize,
      &(testResize){ IMG "raw.img", "raw", 20 * GiB, false, STORAGE_QEMU_IMG_PREALLOC_FALLOC } },
    { "qemuimg-resize-shrink", renderResize,
      &(testResize){ IMG "raw.img", "raw", 1 * GiB, true, STORAGE_QEMU_IMG_PREALLOC_DEFAULT } },
    { "qemuimg-resize-shrink-prealloc", renderResize,
      &(testResize){ IMG "raw.img", "raw", 1 * GiB, true, STORAGE_QEMU_IMG_PREALLOC_FULL } },
    { "qemuimg-resize-zero", renderResize,
      &(testResize){ IMG "raw.img", "raw", 0, false, STORAGE_QEMU_IMG_PREALLOC_DEFAULT } },

    { "qemuimg-info", renderInfo, &(testInfo){ IMG "disk.qcow2", "qcow2", false } },
    { "qemuimg-info-chain", renderInfo, &(testInfo){ IMG "overlay.qcow2", "qcow2", true } },
    { "qemuimg-info-probe", renderInfo, &(testInfo){ IMG "unknown.img", NULL, false } },
};

/* parted */

typedef struct {
    const char *device;
    const char *label;
    const char *fs;
    unsigned long long start;
    unsigned long long end;
    const char *part;
} testParted;

static char *
renderPartedPrint(const void *data)
{
    return storagePartedPrintArgv(((const testParted *)data)->device);
}

static char *
renderPartedMklabel(const void *data)
{
    const testParted *t = data;

    return storagePartedMklabelArgv(t->device, t->label);
}

static char *
renderPartedMkpart(const void *data)
{
    const testParted *t = data;

    return storagePartedMkpartArgv(t->device, t->fs, t->start, t->end);
}

/* As the delete path does it: the number from the partition's path. */
static char *
renderPartedRm(const void *data)
{
    const testParted *t = data;
    unsigned int n;

    if (storagePartedPartitionNumber(t->device, t->part, &n) < 0)
        return NULL;
    return storagePartedRmArgv(t->device, n);
}

static const testCase partedCases[] = {
    { "parted-print", renderPartedPrint, &(testParted){ .device = "/dev/sdb" } },
    { "parted-print-relative", renderPartedPrint, &(testParted){ .device = "sdb" } },
    { "parted-mklabel-gpt", renderPartedMklabel, &(testParted){ .device = "/dev/sdb", .label = "gpt" } },
    { "parted-mklabel-msdos", renderPartedMklabel,
      &(testParted){ .device = "/dev/nvme0n1", .label = "msdos" } },
    { "parted-mklabel-sun", renderPartedMklabel, &(testParted){ .device = "/dev/sdb", .label = "sun" } },
    { "parted-mkpart", renderPartedMkpart,
      &(testParted){ .device = "/dev/sdb", .start = 1 * MiB, .end = 1 * GiB + 1 * MiB - 1 } },
    { "parted-mkpart-fs", renderPartedMkpart,
      &(testParted){ .device = "/dev/loop3", .fs = "ext4", .start = 2 * MiB, .end = 10 * MiB - 1 } },
    { "parted-mkpart-empty", renderPartedMkpart,
      &(testParted){ .device = "/dev/sdb", .start = 2 * MiB, .end = 2 * MiB } },
    { "parted-rm-sda1", renderPartedRm, &(testParted){ .device = "/dev/sda", .part = "/dev/sda1" } },
    { "parted-rm-sdb12", renderPartedRm, &(testParted){ .device = "/dev/sdb", .part = "/dev/sdb12" } },
    { "parted-rm-loop0p1", renderPartedRm, &(testParted){ .device = "/dev/loop0", .part = "/dev/loop0p1" } },
    { "parted-rm-nvme0n1p2", renderPartedRm,
      &(testParted){ .device = "/dev/nvme0n1", .part = "/dev/nvme0n1p2" } },
    { "parted-rm-by-path", renderPartedRm,
      &(testParted){ .device = "/dev/disk/by-path/pci-0000:00:1f.2-ata-1",
                     .part = "/dev/disk/by-path/pci-0000:00:1f.2-ata-1-part3" } },
    { "parted-rm-other-disk", renderPartedRm, &(testParted){ .device = "/dev/sda", .part = "/dev/sdb1" } },
    { "parted-rm-missing-p", renderPartedRm, &(testParted){ .device = "/dev/loop0", .part = "/dev/loop01" } },
    { "parted-rm-name", renderPartedRm, &(testParted){ .device = "/dev/loop0", .part = "p1" } },
};

/* LVM */

typedef struct {
    const char *vg;
    const char *device;
    const char *devices[3];
    size_t ndevices;
    bool active;
    storageLvmCreateParams lv;
} testLvm;

static char *
renderPvcreate(const void *data)
{
    return storageLvmPvcreateArgv(((const testLvm *)data)->device);
}

static char *
renderPvremove(const void *data)
{
    return storageLvmPvremoveArgv(((const testLvm *)data)->device);
}

static char *
renderVgcreate(const void *data)
{
    const testLvm *t = data;

    return storageLvmVgcreateArgv(t->vg, t->devices, t->ndevices);
}

static char *
renderVgchange(const void *data)
{
    const testLvm *t = data;

    return storageLvmVgchangeArgv(t->vg, t->active);
}

static char *
renderVgremove(const void *data)
{
    return storageLvmVgremoveArgv(((const testLvm *)data)->vg);
}

static char *
renderVgs(const void *data)
{
    return storageLvmVgsArgv(((const testLvm *)data)->vg);
}

static char *
renderLvs(const void *data)
{
    return storageLvmLvsArgv(((const testLvm *)data)->vg);
}

static char *
renderPvs(const void *data G_GNUC_UNUSED)
{
    return storageLvmPvsArgv();
}

static char *
renderLvcreate(const void *data)
{
    return storageLvmLvcreateArgv(&((const testLvm *)data)->lv);
}

static char *
renderLvremove(const void *data)
{
    const testLvm *t = data;

    return storageLvmLvremoveArgv(t->lv.vgname, t->lv.name);
}

static const testCase lvmCases[] = {
    { "lvm-pvcreate", renderPvcreate, &(testLvm){ .device = "/dev/sdc" } },
    { "lvm-vgcreate", renderVgcreate,
      &(testLvm){ .vg = "vg_guests", .devices = { "/dev/sdc", "/dev/sdd1" }, .ndevices = 2 } },
    { "lvm-vgcreate-no-devices", renderVgcreate, &(testLvm){ .vg = "vg_guests" } },
    { "lvm-vgcreate-bad-name", renderVgcreate,
      &(testLvm){ .vg = "-vg", .devices = { "/dev/sdc" }, .ndevices = 1 } },
    { "lvm-vgcreate-bad-device", renderVgcreate,
      &(testLvm){ .vg = "vg_guests", .devices = { "sdc" }, .ndevices = 1 } },
    { "lvm-vgchange-start", renderVgchange, &(testLvm){ .vg = "vg_guests", .active = true } },
    { "lvm-vgchange-stop", renderVgchange, &(testLvm){ .vg = "vg_guests", .active = false } },
    { "lvm-vgremove", renderVgremove, &(testLvm){ .vg = "vg_guests" } },
    { "lvm-pvremove", renderPvremove, &(testLvm){ .device = "/dev/sdd1" } },
    { "lvm-vgs", renderVgs, &(testLvm){ .vg = "vg_guests" } },
    { "lvm-vgs-all", renderVgs, &(testLvm){ .vg = NULL } },
    { "lvm-lvs", renderLvs, &(testLvm){ .vg = "vg_guests" } },
    { "lvm-pvs", renderPvs, &(testLvm){ 0 } },
    { "lvm-lvcreate-thick", renderLvcreate,
      &(testLvm){ .lv = { .vgname = "vg_guests", .name = "web01", .capacity = 10 * GiB,
                          .allocation = 10 * GiB } } },
    { "lvm-lvcreate-sparse", renderLvcreate,
      &(testLvm){ .lv = { .vgname = "vg_guests", .name = "thin01", .capacity = 100 * GiB,
                          .allocation = 1 * GiB } } },
    { "lvm-lvcreate-sparse-empty", renderLvcreate,
      &(testLvm){ .lv = { .vgname = "vg_guests", .name = "thin02", .capacity = 100 * GiB } } },
    { "lvm-lvcreate-snapshot", renderLvcreate,
      &(testLvm){ .lv = { .vgname = "vg_guests", .name = "web01-snap", .capacity = 10 * GiB,
                          .allocation = 2 * GiB, .backingPath = "/dev/vg_guests/web01" } } },
    { "lvm-lvcreate-overallocated", renderLvcreate,
      &(testLvm){ .lv = { .vgname = "vg_guests", .name = "big", .capacity = 1 * GiB,
                          .allocation = 2 * GiB } } },
    { "lvm-lvcreate-bad-name", renderLvcreate,
      &(testLvm){ .lv = { .vgname = "vg_guests", .name = "a/b", .capacity = 1 * GiB,
                          .allocation = 1 * GiB } } },
    { "lvm-lvremove", renderLvremove, &(testLvm){ .lv = { .vgname = "vg_guests", .name = "web01" } } },
};

/* Filesystems and wiping */

typedef struct {
    const char *device;
    const char *fstype;
    bool overwrite;
    const char *dir;
    const char *options;
    int algorithm;
} testFs;

static char *
renderBlkid(const void *data)
{
    return storageFsBlkidArgv(((const testFs *)data)->device);
}

static char *
renderMkfs(const void *data)
{
    const testFs *t = data;

    return storageFsMkfsArgv(t->device, t->fstype, t->overwrite);
}

static char *
renderMount(const void *data)
{
    const testFs *t = data;

    return storageFsMountArgv(t->device, t->dir, t->fstype, t->options);
}

static char *
renderUmount(const void *data)
{
    return storageFsUnmountArgv(((const testFs *)data)->dir);
}

static char *
renderScrub(const void *data)
{
    const testFs *t = data;

    return storageWipeScrubArgv(t->device, t->algorithm);
}

static const testCase fsCases[] = {
    { "fs-blkid", renderBlkid, &(testFs){ .device = "/dev/sdb1" } },
    { "fs-mkfs-ext4", renderMkfs, &(testFs){ .device = "/dev/sdb1", .fstype = "ext4" } },
    { "fs-mkfs-ext4-overwrite", renderMkfs,
      &(testFs){ .device = "/dev/sdb1", .fstype = "ext4", .overwrite = true } },
    { "fs-mkfs-xfs-overwrite", renderMkfs,
      &(testFs){ .device = "/dev/sdb1", .fstype = "xfs", .overwrite = true } },
    { "fs-mkfs-vfat-overwrite", renderMkfs,
      &(testFs){ .device = "/dev/sdb1", .fstype = "vfat", .overwrite = true } },
    { "fs-mkfs-bad-type", renderMkfs, &(testFs){ .device = "/dev/sdb1", .fstype = "ext4;rm" } },
    { "fs-mount", renderMount,
      &(testFs){ .device = "/dev/sdb1", .fstype = "ext4", .dir = "/var/lib/libvirt/pool" } },
    { "fs-mount-netfs", renderMount,
      &(testFs){ .device = "nfs.example.com:/export/images", .fstype = "nfs",
                 .dir = "/var/lib/libvirt/nfs", .options = "nodev,nosuid,noexec" } },
    { "fs-mount-relative", renderMount,
      &(testFs){ .device = "/dev/sdb1", .fstype = "ext4", .dir = "pool" } },
    { "fs-umount", renderUmount, &(testFs){ .dir = "/var/lib/libvirt/pool" } },
    { "wipe-scrub-nnsa", renderScrub,
      &(testFs){ .device = IMG "a.img", .algorithm = VIR_STORAGE_VOL_WIPE_ALG_NNSA } },
    { "wipe-scrub-dod", renderScrub,
      &(testFs){ .device = IMG "a.img", .algorithm = VIR_STORAGE_VOL_WIPE_ALG_DOD } },
    { "wipe-scrub-bsi", renderScrub,
      &(testFs){ .device = IMG "a.img", .algorithm = VIR_STORAGE_VOL_WIPE_ALG_BSI } },
    { "wipe-scrub-gutmann", renderScrub,
      &(testFs){ .device = IMG "a.img", .algorithm = VIR_STORAGE_VOL_WIPE_ALG_GUTMANN } },
    { "wipe-scrub-schneier", renderScrub,
      &(testFs){ .device = IMG "a.img", .algorithm = VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER } },
    { "wipe-scrub-pfitzner7", renderScrub,
      &(testFs){ .device = IMG "a.img", .algorithm = VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7 } },
    { "wipe-scrub-pfitzner33", renderScrub,
      &(testFs){ .device = "/dev/vg_guests/web01", .algorithm = VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33 } },
    { "wipe-scrub-zero", renderScrub,
      &(testFs){ .device = IMG "a.img", .algorithm = VIR_STORAGE_VOL_WIPE_ALG_ZERO } },
};

/* Parsers */

static const char partedGpt[] =
    "BYT;\n"
    "/dev/loop0:67108864B:loopback:512:512:gpt:Loopback device:;\n"
    "1:17408B:1048575B:1031168B:free;\n"
    "1:1048576B:9437183B:8388608B::primary:;\n"
    "2:9437184B:17825791B:8388608B:ext4:data:boot, esp;\n"
    "1:17825792B:67091967B:49266176B:free;\n";

static const char partedMsdos[] =
    "BYT;\n"
    "/dev/sdb:67108864B:scsi:512:4096:msdos:ATA Disk\\:Model:;\n"
    "1:1024B:1048575B:1047552B:free;\n"
    "1:1048576B:2097151B:1048576B:::;\n"
    "2:2097152B:20971519B:18874368B:::lba;\n"
    "1:2098176B:3133439B:1035264B:free;\n"
    "5:3145728B:4194303B:1048576B:linux-swap(v1)::;\n"
    "1:4194304B:20971519B:16777216B:free;\n"
    "1:20971520B:67108863B:46137344B:free;\n";

static const char partedNoLabel[] =
    "BYT;\n"
    "/dev/loop0:67108864B:loopback:512:512:unknown:Loopback device:;\n";

static int
testPartedParse(const void *opaque)
{
    g_autoptr(storagePartedTable) gpt = storagePartedParse(partedGpt);
    g_autoptr(storagePartedTable) msdos = storagePartedParse(partedMsdos);
    g_autoptr(storagePartedTable) none = storagePartedParse(partedNoLabel);

    if (!gpt || !msdos || !none)
        return -1;
    if (strcmp(gpt->path, "/dev/loop0") != 0 || gpt->size != 64 * MiB || strcmp(gpt->label, "gpt") != 0 ||
        strcmp(gpt->model, "Loopback device") != 0 || gpt->logicalSectorSize != 512 ||
        gpt->nparts != 2 || gpt->nfree != 2)
        return -1;
    if (gpt->parts[0].number != 1 || gpt->parts[0].start != 1 * MiB || gpt->parts[0].end != 9437183 ||
        gpt->parts[0].size != 8 * MiB || gpt->parts[0].fs || g_strcmp0(gpt->parts[0].name, "primary") != 0 ||
        g_strcmp0(gpt->parts[0].type, "primary") != 0)
        return -1;
    if (g_strcmp0(gpt->parts[1].fs, "ext4") != 0 || g_strcmp0(gpt->parts[1].name, "data") != 0 ||
        g_strcmp0(gpt->parts[1].flags, "boot, esp") != 0)
        return -1;
    if (gpt->free[1].start != 17825792 || gpt->free[1].end != 67091967 || gpt->free[1].size != 49266176)
        return -1;

    if (strcmp(msdos->model, "ATA Disk:Model") != 0 || msdos->physicalSectorSize != 4096 ||
        msdos->nparts != 3 || msdos->nfree != 4)
        return -1;
    if (g_strcmp0(msdos->parts[0].type, "primary") != 0 || g_strcmp0(msdos->parts[1].type, "extended") != 0 ||
        g_strcmp0(msdos->parts[1].flags, "lba") != 0 || g_strcmp0(msdos->parts[2].type, "logical") != 0 ||
        g_strcmp0(msdos->parts[2].fs, "linux-swap(v1)") != 0 || msdos->parts[2].number != 5)
        return -1;

    if (strcmp(none->label, "unknown") != 0 || none->nparts != 0 || none->nfree != 0)
        return -1;
    return 0;
}

static int
testPartedParseBad(const void *opaque)
{
    const char *bad[] = {
        "",
        "CHS;\n/dev/sda:1B:scsi:512:512:gpt:x:;\n",
        "BYT;\n/dev/sda:12:scsi:512:512:gpt:x:;\n",
        "BYT;\n/dev/sda:12B:scsi:512:512:gpt:x:;\n1:1B:2B;\n",
        "BYT;\n/dev/sda:12B:scsi:512:512:gpt:x:;\nx:1B:2B:2B:::;\n",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        storagePartedTable *t = storagePartedParse(bad[i]);

        if (t || !virErrorGetLast()) {
            fprintf(stderr, "accepted: %s\n", bad[i]);
            storagePartedTableFree(t);
            return -1;
        }
        virErrorReset();
    }
    return 0;
}

static int
testPartedFindFree(const void *opaque)
{
    g_autoptr(storagePartedTable) gpt = storagePartedParse(partedGpt);
    g_autoptr(storagePartedTable) msdos = storagePartedParse(partedMsdos);
    unsigned long long start;
    unsigned long long end;

    /* gpt: the gap before partition 1 is too small; after 2, aligned. */
    if (storagePartedFindFree(gpt, 8 * MiB, &start, &end) < 0 ||
        start != 17 * MiB || end != 25 * MiB - 1)
        return -1;
    /* A size that is not whole sectors is rounded up. */
    if (storagePartedFindFree(gpt, 1000, &start, &end) < 0 || start != 17 * MiB || end != 17 * MiB + 1023)
        return -1;
    if (storagePartedFindFree(gpt, 60 * MiB, &start, &end) == 0 ||
        !strstr(virErrorGetLast()->message, "no free extent"))
        return -1;
    virErrorReset();
    /* msdos: free space inside the extended partition is not for primaries. */
    if (storagePartedFindFree(msdos, 2 * MiB, &start, &end) < 0 || start != 20 * MiB)
        return -1;
    return 0;
}

static int
testPartitionPaths(const void *opaque)
{
    struct {
        const char *device;
        unsigned int n;
        const char *path;
    } cases[] = {
        { "/dev/sda", 1, "/dev/sda1" },
        { "/dev/vdb", 12, "/dev/vdb12" },
        { "/dev/loop0", 1, "/dev/loop0p1" },
        { "/dev/nvme0n1", 2, "/dev/nvme0n1p2" },
        { "/dev/mmcblk0", 3, "/dev/mmcblk0p3" },
        { "/dev/disk/by-id/wwn-0x5000c5", 4, "/dev/disk/by-id/wwn-0x5000c5-part4" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *path = storagePartedPartitionPath(cases[i].device, cases[i].n);
        unsigned int n = 0;

        if (g_strcmp0(path, cases[i].path) != 0 ||
            storagePartedPartitionNumber(cases[i].device, cases[i].path, &n) < 0 || n != cases[i].n) {
            fprintf(stderr, "%s %u: %s, %u\n", cases[i].device, cases[i].n, path, n);
            return -1;
        }
    }
    return 0;
}

static int
testLvmParse(const void *opaque)
{
    const char *vgsOut = "  vg_guests:125829120:41943040:4194304\n  other:8589934592:0:4194304\n";
    const char *pvsOut = "  /dev/sdc:vg_guests:62914560:20971520\n  /dev/sdd1::1073741824:1073741824\n";
    const char *lvsOut =
        "  web01##Q3zRlx-fk1a-q8Bd-1SAc-Gh1x-dpAu-Ye1aLk#/dev/sdc(0)#8388608#4194304#16777216#-wi-a-----\n"
        "  web01##Q3zRlx-fk1a-q8Bd-1SAc-Gh1x-dpAu-Ye1aLk#/dev/sdd1(10)#8388608#4194304#16777216#-wi-a-----\n"
        "  snap#web01#aB3dEf-0000-1111-2222-3333-4444-555555#/dev/sdc(2)#4194304#4194304#16777216#swi-a-s---\n"
        "  striped##Zz9-1#/dev/sdc(3),/dev/sdd1(12)#8388608#4194304#8388608#-wi-a-----\n";
    storageLvmVG *vgs = NULL;
    storageLvmPV *pvs = NULL;
    storageLvmLV *lvs = NULL;
    int nvgs = storageLvmParseVgs(vgsOut, &vgs);
    int npvs = storageLvmParsePvs(pvsOut, &pvs);
    int nlvs = storageLvmParseLvs(lvsOut, &lvs);
    int ret = -1;

    if (nvgs != 2 || strcmp(vgs[0].name, "vg_guests") != 0 || vgs[0].size != 120 * MiB ||
        vgs[0].free != 40 * MiB || vgs[0].extentSize != 4 * MiB || vgs[1].free != 0)
        goto cleanup;
    if (npvs != 2 || strcmp(pvs[0].name, "/dev/sdc") != 0 || g_strcmp0(pvs[0].vgname, "vg_guests") != 0 ||
        pvs[0].free != 20 * MiB || pvs[1].vgname || pvs[1].size != 1 * GiB)
        goto cleanup;
    if (nlvs != 3)
        goto cleanup;
    /* Two segments on two PVs: one volume. */
    if (strcmp(lvs[0].name, "web01") != 0 || lvs[0].origin || lvs[0].capacity != 16 * MiB ||
        lvs[0].allocation != 16 * MiB || lvs[0].nextents != 2 ||
        strcmp(lvs[0].extents[1].path, "/dev/sdd1") != 0 || lvs[0].extents[1].startExtent != 10 ||
        strcmp(lvs[0].attr, "-wi-a-----") != 0 || lvs[0].extentSize != 4 * MiB)
        goto cleanup;
    /* A sparse snapshot: allocation is its COW space. */
    if (g_strcmp0(lvs[1].origin, "web01") != 0 || lvs[1].capacity != 16 * MiB ||
        lvs[1].allocation != 4 * MiB || lvs[1].attr[0] != 's')
        goto cleanup;
    if (lvs[2].nextents != 2 || lvs[2].extents[0].startExtent != 3 || lvs[2].extents[1].startExtent != 12)
        goto cleanup;
    {
        storageLvmVG *badVgs = NULL;
        storageLvmLV *badLvs = NULL;

        if (storageLvmParseVgs("  vg:1:2\n", &badVgs) >= 0 ||
            storageLvmParseLvs("  a#b#c#/dev/sdc#1#2#3#x\n", &badLvs) >= 0 || badVgs || badLvs)
            goto cleanup;
    }
    virErrorReset();
    ret = 0;

 cleanup:
    storageLvmVGListFree(vgs, MAX(nvgs, 0));
    storageLvmPVListFree(pvs, MAX(npvs, 0));
    storageLvmLVListFree(lvs, MAX(nlvs, 0));
    return ret;
}

static int
testBlkidParse(const void *opaque)
{
    g_autofree char *fs = NULL;
    g_autofree char *pt = NULL;
    g_autofree char *fs2 = NULL;
    g_autofree char *pt2 = NULL;

    storageFsParseBlkid("DEVNAME=/dev/loop0\nUUID=f57a\nBLOCK_SIZE=1024\nTYPE=ext4\nUSAGE=filesystem\n", &fs, &pt);
    if (g_strcmp0(fs, "ext4") != 0 || pt)
        return -1;
    storageFsParseBlkid("DEVNAME=/dev/loop0\nPTUUID=a836\nPTTYPE=gpt\n", &fs2, &pt2);
    if (fs2 || g_strcmp0(pt2, "gpt") != 0)
        return -1;
    return 0;
}

static int
testMountinfo(const void *opaque)
{
    const char *mountinfo =
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        "40 22 7:0 / /var/lib/libvirt/pool rw,relatime shared:5 - ext4 /dev/loop0 rw\n"
        "41 22 0:50 / /mnt/with\\040space rw - nfs host:/export\\040dir rw,vers=4.2\n"
        "42 40 7:1 / /var/lib/libvirt/pool rw master:3 - xfs /dev/loop1 rw\n";
    g_autofree char *src = NULL;
    g_autofree char *type = NULL;
    g_autofree char *src2 = NULL;

    /* The topmost of two mounts on one directory. */
    if (storageFsMountinfoFind(mountinfo, "/var/lib/libvirt/pool/", &src, &type) != 1 ||
        g_strcmp0(src, "/dev/loop1") != 0 || g_strcmp0(type, "xfs") != 0)
        return -1;
    if (storageFsMountinfoFind(mountinfo, "/mnt/with space", &src2, NULL) != 1 ||
        g_strcmp0(src2, "host:/export dir") != 0)
        return -1;
    if (storageFsMountinfoFind(mountinfo, "/var/lib/libvirt", NULL, NULL) != 0 ||
        storageFsMountinfoFind(mountinfo, "/", NULL, NULL) != 1)
        return -1;
    return 0;
}

static int
testEnums(const void *opaque)
{
    int i;

    for (i = 0; i < STORAGE_QEMU_IMG_FORMAT_LAST; i++) {
        if (storageQemuImgFormatTypeFromString(storageQemuImgFormatTypeToString(i)) != i)
            return -1;
    }
    for (i = 0; i < STORAGE_QEMU_IMG_PREALLOC_LAST; i++) {
        if (storageQemuImgPreallocTypeFromString(storageQemuImgPreallocTypeToString(i)) != i)
            return -1;
    }
    for (i = 0; i < VIR_STORAGE_VOL_WIPE_ALG_LAST; i++) {
        if (storageWipeAlgorithmTypeFromString(storageWipeAlgorithmTypeToString(i)) != i)
            return -1;
    }
    if (g_strcmp0(storageWipeAlgorithmTypeToString(VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33), "pfitzner33") != 0 ||
        storageQemuImgFormatTypeToString(STORAGE_QEMU_IMG_FORMAT_LAST))
        return -1;
    return 0;
}

static int
runCases(const testCase *cases, size_t n)
{
    int ret = 0;
    size_t i;

    for (i = 0; i < n; i++)
        ret |= virTestRun(cases[i].name, testArgv, &cases[i]);
    return ret;
}

static int
mymain(void)
{
    int ret = 0;

    ret |= runCases(qemuimgCases, G_N_ELEMENTS(qemuimgCases));
    ret |= runCases(partedCases, G_N_ELEMENTS(partedCases));
    ret |= runCases(lvmCases, G_N_ELEMENTS(lvmCases));
    ret |= runCases(fsCases, G_N_ELEMENTS(fsCases));
    ret |= virTestCheckUnusedFiles(SUITE);

    ret |= virTestRun("parted: gpt, msdos and unlabelled tables", testPartedParse, NULL);
    ret |= virTestRun("parted: broken output is refused", testPartedParseBad, NULL);
    ret |= virTestRun("parted: first free extent, aligned", testPartedFindFree, NULL);
    ret |= virTestRun("partition paths and numbers", testPartitionPaths, NULL);
    ret |= virTestRun("lvm: vgs, pvs and lvs reports", testLvmParse, NULL);
    ret |= virTestRun("blkid export output", testBlkidParse, NULL);
    ret |= virTestRun("mountinfo lookups", testMountinfo, NULL);
    ret |= virTestRun("enum tables round-trip", testEnums, NULL);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
