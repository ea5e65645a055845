/* Real block devices, as root: loop devices over sparse files in a
 * temporary directory of our own, each detached on every path (and
 * autocleared by the kernel if we die). Partition tables through parted,
 * mkfs with and without overwrite, mount and umount (in a mount namespace
 * of our own), device sizes, headers and wipes on devices. */
#include "internal.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "storage_fs.h"
#include "storage_parted.h"
#include "virstorageprobe.h"
#include "storage_qemuimg.h"
#include "storagetestutils.h"
#include "testutils.h"
#include "virerror.h"
#include "virfile.h"

#define MiB (1024ULL * 1024)

static char *dir;

static int
testError(const char *what, int code, const char *needle)
{
    const virErrorInfo *err = virErrorGetLast();

    if (!err || (code && err->code != code) || (needle && !strstr(err->message, needle))) {
        fprintf(stderr, "%s: wrong error: %s\n", what, err ? err->message : "none");
        return -1;
    }
    virErrorReset();
    return 0;
}

/* parted's own view: the lines of `print` in bytes. */
static char *
testPartedPrint(const char *device)
{
    const char *argv[] = { "parted", "-s", "-m", device, "unit", "B", "print", NULL };
    char *out = NULL;

    if (storageTestRun(argv, &out) != 0) {
        g_free(out);
        return NULL;
    }
    return out;
}

static int
testPartedGpt(const void *opaque)
{
    g_autoptr(storageTestLoop) loop = storageTestLoopNew(dir, "gpt.img", 64 * MiB);
    g_autoptr(storagePartedTable) empty = NULL;
    g_autoptr(storagePartedTable) table = NULL;
    g_autofree char *p1 = NULL;
    g_autofree char *p2 = NULL;
    g_autofree char *expect1 = NULL;
    g_autofree char *print = NULL;
    unsigned int n1 = 0;
    unsigned int n2 = 0;
    unsigned long long size;

    if (!loop)
        return -1;
    expect1 = g_strdup_printf("%sp1", loop->device);

    /* No label yet: nothing to read, nowhere to create. */
    if (!(empty = storagePartedRead(loop->device)) || strcmp(empty->label, "unknown") != 0 ||
        empty->nparts != 0 || empty->size != 64 * MiB)
        return -1;
    if (storagePartedCreate(loop->device, 8 * MiB, NULL, NULL, NULL) == 0 ||
        testError("create without a label", VIR_ERR_OPERATION_INVALID, "no partition table") < 0)
        return -1;

    if (storagePartedMakeLabel(loop->device, "gpt") < 0 ||
        storagePartedCreate(loop->device, 8 * MiB, NULL, &n1, &p1) < 0 ||
        storagePartedCreate(loop->device, 16 * MiB, "ext4", &n2, &p2) < 0)
        return -1;
    if (n1 != 1 || n2 != 2 || strcmp(p1, expect1) != 0 || !virFileExists(p1) || !virFileExists(p2))
        return -1;
    if (!(table = storagePartedRead(loop->device)) || strcmp(table->label, "gpt") != 0 ||
        table->nparts != 2 ||
        table->parts[0].start != 1 * MiB || table->parts[0].size != 8 * MiB ||
        table->parts[1].start != 9 * MiB || table->parts[1].size != 16 * MiB)
        return -1;
    if (virStorageProbeBlockDeviceSize(p2, &size) < 0 || size != 16 * MiB)
        return -1;

    /* Not a partition of this disk, or a bare name: refused. */
    if (storagePartedDelete(loop->device, "p1") == 0 ||
        testError("delete p1", VIR_ERR_INVALID_ARG, "is not a partition") < 0)
        return -1;
    /* Deleted by number: parted's own listing has 2 only; the node is gone. */
    if (storagePartedDelete(loop->device, p1) < 0 || !(print = testPartedPrint(loop->device)))
        return -1;
    if (strstr(print, "\n1:") || !strstr(print, "\n2:9437184B:26214399B:16777216B:")) {
        fprintf(stderr, "after rm 1:\n%s", print);
        return -1;
    }
    if (virFileExists(p1) || !virFileExists(p2)) {
        fprintf(stderr, "%s still there or %s gone\n", p1, p2);
        return -1;
    }
    /* The freed space is found again first. */
    g_clear_pointer(&p1, g_free);
    if (storagePartedCreate(loop->device, 4 * MiB, NULL, &n1, &p1) < 0 || n1 != 1 || !virFileExists(p1))
        return -1;
    return 0;
}

static int
testPartedMsdos(const void *opaque)
{
    g_autoptr(storageTestLoop) loop = storageTestLoopNew(dir, "msdos.img", 32 * MiB);
    g_autoptr(storagePartedTable) table = NULL;
    g_autofree char *p1 = NULL;
    unsigned int n = 0;

    if (!loop || storagePartedMakeLabel(loop->device, "msdos") < 0 ||
        storagePartedCreate(loop->device, 10 * MiB, NULL, &n, &p1) < 0 || n != 1)
        return -1;
    if (!(table = storagePartedRead(loop->device)) || strcmp(table->label, "msdos") != 0 ||
        table->nparts != 1 || g_strcmp0(table->parts[0].type, "primary") != 0)
        return -1;
    if (storagePartedCreate(loop->device, 64 * MiB, NULL, NULL, NULL) == 0 ||
        testError("too big", VIR_ERR_OPERATION_FAILED, "no free extent") < 0)
        return -1;
    if (storagePartedDelete(loop->device, p1) < 0)
        return -1;
    /* No such device: parted's complaint is in the error. */
    if (storagePartedRead("/dev/virtd-test-no-such-disk") ||
        testError("missing disk", VIR_ERR_INTERNAL_ERROR, "cannot read the partition table") < 0)
        return -1;
    return 0;
}

/* mkfs, mount, check, umount; the mount goes on every path. */
static int
testFsMounted(const char *device, const char *mnt)
{
    g_autofree char *file = g_build_filename(mnt, "hello", NULL);

    if (storageFsIsMounted(mnt, NULL) != 1 || storageFsIsMounted(mnt, device) != 1 ||
        storageFsIsMounted(mnt, "/dev/null") != 0)
        return -1;
    if (!g_file_set_contents(file, "virtstoraged", -1, NULL))
        return -1;
    /* Busy: the device cannot be formatted under the mount. */
    if (storageFsBuild(device, "ext4", true) == 0)
        return -1;
    virErrorReset();
    return 0;
}

static int
testFs(const void *opaque)
{
    g_autoptr(storageTestLoop) loop = storageTestLoopNew(dir, "fs.img", 64 * MiB);
    g_autoptr(storageTestLoop) labelled = storageTestLoopNew(dir, "labelled.img", 16 * MiB);
    g_autofree char *mnt = g_build_filename(dir, "mnt", NULL);
    g_autofree char *fstype = NULL;
    g_autofree char *pttype = NULL;
    g_autofree char *fstype2 = NULL;
    g_autofree char *pttype2 = NULL;
    int rc;

    if (!loop || !labelled || virFileMakePath(mnt, 0700) < 0)
        return -1;
    if (storageFsProbe(loop->device, &fstype, &pttype) != 0 || fstype || pttype)
        return -1;
    if (storageFsBuild(loop->device, "ext4", false) < 0 ||
        storageFsProbe(loop->device, &fstype2, &pttype2) != 1 || g_strcmp0(fstype2, "ext4") != 0)
        return -1;
    /* An existing filesystem is refused without overwrite. */
    if (storageFsBuild(loop->device, "ext4", false) == 0 ||
        testError("build twice", VIR_ERR_STORAGE_POOL_BUILT, "already formatted using 'ext4'") < 0)
        return -1;
    if (storageFsBuild(loop->device, "ext4", true) < 0)
        return -1;
    /* So is a partition table. */
    if (storagePartedMakeLabel(labelled->device, "gpt") < 0 ||
        storageFsBuild(labelled->device, "ext4", false) == 0 ||
        testError("build on a label", VIR_ERR_OPERATION_INVALID, "'gpt' partition table") < 0)
        return -1;

    if (storageFsIsMounted(mnt, NULL) != 0 || storageFsMount(loop->device, mnt, "ext4", "nodev,nosuid") < 0)
        return -1;
    rc = testFsMounted(loop->device, mnt);
    if (storageFsUnmount(mnt) < 0) {
        /* Never leave it behind. */
        umount2(mnt, MNT_DETACH);
        return -1;
    }
    if (rc < 0 || storageFsIsMounted(mnt, NULL) != 0)
        return -1;
    /* Unmounting what is not mounted is an error. */
    if (storageFsUnmount(mnt) == 0)
        return -1;
    virErrorReset();
    return 0;
}

static int
testDeviceProbe(const void *opaque)
{
    g_autoptr(storageTestLoop) loop = storageTestLoopNew(dir, "probe.img", 48 * MiB);
    storageQemuImgCreateParams p = { .format = STORAGE_QEMU_IMG_FORMAT_QCOW2, .capacity = 1024 * MiB };
    g_autoptr(virStorageProbeImageInfo) before = NULL;
    g_autoptr(virStorageProbeImageInfo) qcow2 = NULL;
    g_autoptr(virStorageProbeImageInfo) wiped = NULL;
    unsigned long long cap;
    unsigned long long alloc;

    if (!loop)
        return -1;
    p.path = loop->device;
    if (virStorageProbeAllocation(loop->device, &cap, &alloc) < 0 || cap != 48 * MiB || alloc != cap ||
        !(before = virStorageProbeImage(loop->device)) || strcmp(before->format, "raw") != 0 ||
        before->capacity != 48 * MiB)
        return -1;
    /* A qcow2 on a device: its virtual size is not the device's. */
    if (!virStorageProbeHasTool("qemu-img"))
        return 0;
    if (storageQemuImgCreate(&p) < 0 || !(qcow2 = virStorageProbeImage(loop->device)) ||
        strcmp(qcow2->format, "qcow2") != 0 || qcow2->capacity != 1024 * MiB)
        return -1;
    if (storageWipe(loop->device, -1, VIR_STORAGE_VOL_WIPE_ALG_ZERO, 1 * MiB) < 0 ||
        !(wiped = virStorageProbeImage(loop->device)) || strcmp(wiped->format, "raw") != 0)
        return -1;
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

    if (!(dir = storageTestMakeTempDir()))
        return -1;
    if (virStorageProbeHasTool("parted")) {
        ret |= virTestRun("parted: gpt label, create, delete by number", testPartedGpt, NULL);
        ret |= virTestRun("parted: msdos label", testPartedMsdos, NULL);
    }
    if (virStorageProbeHasTool("mkfs.ext4"))
        ret |= virTestRun("mkfs, refusing existing data, mount, umount", testFs, NULL);
    ret |= virTestRun("device sizes, headers and wipes", testDeviceProbe, NULL);
    storageTestRemoveTempDir(dir);
    g_free(dir);
    return ret;
}

int
main(int argc, char **argv)
{
    if (geteuid() != 0) {
        printf("1..0 # SKIP needs root for loop devices\n");
        return 77;
    }
    /* Mounts stay in a namespace of our own: they vanish with us. */
    if (unshare(CLONE_NEWNS) < 0 || mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0) {
        fprintf(stderr, "no private mount namespace: %s\n", g_strerror(errno));
        return EXIT_FAILURE;
    }
    return virTestMain(argc, argv, mymain);
}
