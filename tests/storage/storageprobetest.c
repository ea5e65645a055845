/* Image headers probed without qemu-img: images made by qemu-img in a
 * temporary directory of our own (qcow2 v2 and v3, big clusters, backing
 * files and formats, qed, vmdk, raw), a dirty bit set by hand, broken
 * headers; and the allocation of sparse files. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "virstorageprobe.h"
#include "storage_qemuimg.h"
#include "storagetestutils.h"
#include "testutils.h"
#include "virerror.h"

#define MiB (1024ULL * 1024)

static char *dir;

static char *
testPath(const char *name)
{
    return g_build_filename(dir, name, NULL);
}

/* qemu-img create -f FMT [-b BACK -F BACKFMT] [-o OPTS] PATH SIZE */
static int
testMake(const char *fmt, const char *name, const char *back, const char *backFmt,
         const char *opts, const char *size)
{
    g_autofree char *path = testPath(name);
    g_autofree char *backPath = back ? testPath(back) : NULL;
    const char *argv[16] = { "qemu-img", "create", "-q", "-f", fmt };
    size_t n = 5;

    if (back) {
        argv[n++] = "-b";
        argv[n++] = backPath;
        argv[n++] = "-F";
        argv[n++] = backFmt;
    }
    if (opts) {
        argv[n++] = "-o";
        argv[n++] = opts;
    }
    argv[n++] = path;
    argv[n++] = size;
    argv[n] = NULL;
    return storageTestRun(argv, NULL) == 0 ? 0 : -1;
}

typedef struct {
    const char *name;
    const char *format;
    unsigned int version;
    unsigned long long capacity;
    unsigned long long clusterSize;
    const char *backing;        /* relative to dir */
    const char *backingFormat;
    const char *compat;
    bool dirty;
} testExpect;

static int
testCheck(const testExpect *e)
{
    g_autofree char *path = testPath(e->name);
    g_autofree char *backing = e->backing ? testPath(e->backing) : NULL;
    g_autoptr(virStorageProbeImageInfo) info = virStorageProbeImage(path);

    if (!info)
        return -1;
    if (strcmp(info->format, e->format) != 0 || info->version != e->version ||
        info->capacity != e->capacity || info->clusterSize != e->clusterSize ||
        g_strcmp0(info->backingStore, backing) != 0 ||
        g_strcmp0(info->backingFormat, e->backingFormat) != 0 ||
        g_strcmp0(info->compat, e->compat) != 0 || info->dirty != e->dirty || info->encrypted) {
        fprintf(stderr, "%s: %s v%u %llu cluster %llu backing %s (%s) compat %s dirty %d\n",
                e->name, info->format, info->version, info->capacity, info->clusterSize,
                info->backingStore, info->backingFormat, info->compat, info->dirty);
        return -1;
    }
    return 0;
}

static int
testImages(const void *opaque)
{
    const testExpect expect[] = {
        { "base.img", "raw", 0, 3 * MiB + 512, 0, NULL, NULL, NULL, false },
        { "v3.qcow2", "qcow2", 3, 16 * MiB, 65536, NULL, NULL, "1.1", false },
        { "v3-backing.qcow2", "qcow2", 3, 32 * MiB, 65536, "base.img", "raw", "1.1", false },
        { "v2-backing.qcow2", "qcow2", 2, 3 * MiB + 512, 65536, "v3.qcow2", "qcow2", "0.10", false },
        { "big-cluster.qcow2", "qcow2", 3, 8 * MiB, 2 * MiB, "base.img", "raw", "1.1", false },
        { "small-cluster.qcow2", "qcow2", 3, 8 * MiB, 512, "v3.qcow2", "qcow2", "1.1", false },
        { "disk.qed", "qed", 0, 4 * MiB, 65536, "base.img", "raw", NULL, false },
        { "disk.vmdk", "vmdk", 1, 5 * MiB, 0, NULL, NULL, NULL, false },
    };
    size_t i;

    if (testMake("raw", "base.img", NULL, NULL, NULL, "3146240") < 0 ||
        testMake("qcow2", "v3.qcow2", NULL, NULL, NULL, "16M") < 0 ||
        testMake("qcow2", "v3-backing.qcow2", "base.img", "raw", NULL, "32M") < 0 ||
        testMake("qcow2", "v2-backing.qcow2", "v3.qcow2", "qcow2", "compat=0.10", "3146240") < 0 ||
        testMake("qcow2", "big-cluster.qcow2", "base.img", "raw", "cluster_size=2M", "8M") < 0 ||
        testMake("qcow2", "small-cluster.qcow2", "v3.qcow2", "qcow2", "cluster_size=512", "8M") < 0 ||
        testMake("qed", "disk.qed", "base.img", "raw", NULL, "4M") < 0 ||
        testMake("vmdk", "disk.vmdk", NULL, NULL, NULL, "5M") < 0)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(expect); i++) {
        if (testCheck(&expect[i]) < 0)
            return -1;
    }
    return 0;
}

/* The probe agrees with qemu-img's own reading. */
static int
testAgreesWithQemuImg(const void *opaque)
{
    const char *names[] = { "v3-backing.qcow2", "v2-backing.qcow2", "big-cluster.qcow2" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *path = testPath(names[i]);
        g_autoptr(virStorageProbeImageInfo) probe = virStorageProbeImage(path);
        g_autoptr(storageQemuImgChain) info = storageQemuImgGetInfo(path, NULL, false);

        if (!probe || !info)
            return -1;
        if (strcmp(probe->format, info->images[0].format) != 0 ||
            probe->capacity != info->images[0].virtualSize ||
            probe->clusterSize != info->images[0].clusterSize ||
            g_strcmp0(probe->backingStore, info->images[0].backingFilename) != 0 ||
            g_strcmp0(probe->backingFormat, info->images[0].backingFormat) != 0 ||
            g_strcmp0(probe->compat, info->images[0].compat) != 0)
            return -1;
    }
    return 0;
}

/* Bit 0 of the incompatible features (offset 72, big-endian: byte 79). */
static int
testDirty(const void *opaque)
{
    g_autofree char *path = testPath("dirty.qcow2");
    g_autoptr(virStorageProbeImageInfo) info = NULL;
    g_autoptr(storageQemuImgChain) qinfo = NULL;
    char bit = 1;
    int fd;

    if (testMake("qcow2", "dirty.qcow2", NULL, NULL, "lazy_refcounts=on", "1M") < 0 ||
        (fd = open(path, O_WRONLY)) < 0)
        return -1;
    if (pwrite(fd, &bit, 1, 79) != 1) {
        close(fd);
        return -1;
    }
    close(fd);
    if (!(info = virStorageProbeImage(path)) || !info->dirty)
        return -1;
    if (!(qinfo = storageQemuImgGetInfo(path, "qcow2", false)) || !qinfo->images[0].dirty)
        return -1;
    return 0;
}

static int
testBroken(const void *opaque)
{
    /* Magic and version 3, nothing else. */
    char shortHdr[] = { 'Q', 'F', 'I', (char)0xfb, 0, 0, 0, 3, 0, 0 };
    char hdr[512] = { 'Q', 'F', 'I', (char)0xfb, 0, 0, 0, 2 };
    g_autofree char *path = testPath("short.qcow2");
    virStorageProbeImageInfo *info;

    if (!g_file_set_contents(path, shortHdr, sizeof(shortHdr), NULL))
        return -1;
    if ((info = virStorageProbeImage(path)) || !strstr(virErrorGetLast()->message, "corrupt qcow2")) {
        virStorageProbeImageInfoFree(info);
        return -1;
    }
    virErrorReset();

    /* v2, 64k clusters, a backing name past the end of what is there. */
    hdr[23] = 16;
    hdr[15] = (char)200;    /* backing_file_offset 200 */
    hdr[19] = 100;          /* backing_file_size 100 */
    if ((info = virStorageProbeImageBuffer(hdr, 256, sizeof(hdr))) ||
        !strstr(virErrorGetLast()->message, "beyond")) {
        virStorageProbeImageInfoFree(info);
        return -1;
    }
    virErrorReset();
    /* Unknown version. */
    hdr[7] = 7;
    if ((info = virStorageProbeImageBuffer(hdr, sizeof(hdr), sizeof(hdr)))) {
        virStorageProbeImageInfoFree(info);
        return -1;
    }
    virErrorReset();
    /* Anything else is raw. */
    if (!(info = virStorageProbeImageBuffer("hello", 5, 5)) || strcmp(info->format, "raw") != 0 ||
        info->capacity != 5) {
        virStorageProbeImageInfoFree(info);
        return -1;
    }
    virStorageProbeImageInfoFree(info);
    return 0;
}

static int
testAllocation(const void *opaque)
{
    g_autofree char *path = testPath("sparse.img");
    g_autofree char *block = g_malloc0(MiB);
    unsigned long long cap;
    unsigned long long alloc;
    int fd;

    memset(block, 'x', MiB);
    if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
        return -1;
    if (ftruncate(fd, 10 * MiB) < 0 || pwrite(fd, block, MiB, 4 * MiB) != (ssize_t)MiB || fsync(fd) < 0) {
        close(fd);
        return -1;
    }
    close(fd);
    if (virStorageProbeAllocation(path, &cap, &alloc) < 0 || cap != 10 * MiB ||
        alloc < MiB || alloc >= 2 * MiB)
        return -1;
    if (virStorageProbeAllocation(dir, &cap, &alloc) == 0 || virStorageProbeBlockDeviceSize(path, &cap) == 0)
        return -1;
    virErrorReset();
    return 0;
}

static int
testTools(const void *opaque)
{
    g_autofree char *sh = virStorageProbeFindTool("sh");
    char *none = virStorageProbeFindTool("no-such-storage-tool");

    if (!sh || !g_path_is_absolute(sh) || none || virStorageProbeHasTool("no-such-storage-tool") ||
        virErrorGetLast()->code != VIR_ERR_OPERATION_UNSUPPORTED) {
        g_free(none);
        return -1;
    }
    virErrorReset();
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

    if (!(dir = storageTestMakeTempDir()))
        return -1;
    ret |= virTestRun("broken headers", testBroken, NULL);
    ret |= virTestRun("allocation of a sparse file", testAllocation, NULL);
    ret |= virTestRun("finding tools", testTools, NULL);
    if (virStorageProbeHasTool("qemu-img")) {
        ret |= virTestRun("headers written by qemu-img", testImages, NULL);
        ret |= virTestRun("the probe agrees with qemu-img info", testAgreesWithQemuImg, NULL);
        ret |= virTestRun("the dirty bit", testDirty, NULL);
    } else {
        fprintf(stderr, "no qemu-img: images skipped\n");
    }
    storageTestRemoveTempDir(dir);
    g_free(dir);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
