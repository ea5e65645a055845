/* vol-wipe on files in a temporary directory of our own: zeros written
 * into an allocated file, a hole punched into a sparse one, random bytes,
 * part of a file, an fd; the scrub patterns (unsupported without scrub)
 * and trim. */
#include "internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "storage_fs.h"
#include "virstorageprobe.h"
#include "storagetestutils.h"
#include "testutils.h"
#include "virerror.h"

#define MiB (1024ULL * 1024)

static char *dir;

/* A file of size bytes, all 'x' (or only the middle MiB when sparse). */
static char *
testFile(const char *name, unsigned long long size, bool sparse)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *buf = g_malloc(size);
    int fd;

    memset(buf, 'x', size);
    if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
        return NULL;
    if ((sparse && (ftruncate(fd, size) < 0 || pwrite(fd, buf, MiB, size / 2) != (ssize_t)MiB)) ||
        (!sparse && write(fd, buf, size) != (ssize_t)size) || fsync(fd) < 0) {
        close(fd);
        return NULL;
    }
    close(fd);
    return g_steal_pointer(&path);
}

static bool
testAllBytes(const char *buf, size_t len, char c)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (buf[i] != c)
            return false;
    }
    return true;
}

static int
testZeroAllocated(const void *opaque)
{
    g_autofree char *path = testFile("allocated.img", 4 * MiB, false);
    g_autofree char *data = NULL;
    unsigned long long cap;
    unsigned long long alloc;
    gsize len;

    if (!path || storageWipe(path, -1, VIR_STORAGE_VOL_WIPE_ALG_ZERO, 0) < 0 ||
        !g_file_get_contents(path, &data, &len, NULL) || len != 4 * MiB || !testAllBytes(data, len, 0))
        return -1;
    /* Written zeros: the volume stays allocated. */
    if (virStorageProbeAllocation(path, &cap, &alloc) < 0 || alloc < 4 * MiB)
        return -1;
    return 0;
}

static int
testZeroSparse(const void *opaque)
{
    g_autofree char *path = testFile("sparse.img", 8 * MiB, true);
    g_autofree char *data = NULL;
    unsigned long long cap;
    unsigned long long alloc;
    gsize len;

    if (!path || storageWipe(path, -1, VIR_STORAGE_VOL_WIPE_ALG_ZERO, 0) < 0 ||
        !g_file_get_contents(path, &data, &len, NULL) || len != 8 * MiB || !testAllBytes(data, len, 0))
        return -1;
    /* A hole: same size, nothing allocated. */
    if (virStorageProbeAllocation(path, &cap, &alloc) < 0 || cap != 8 * MiB || alloc != 0) {
        fprintf(stderr, "after the punch: %llu of %llu\n", alloc, cap);
        return -1;
    }
    return 0;
}

static int
testRandomPartFd(const void *opaque)
{
    g_autofree char *path = testFile("random.img", 3 * MiB, false);
    g_autofree char *data = NULL;
    gsize len;
    int fd;
    int rc;

    if (!path || (fd = open(path, O_WRONLY)) < 0)
        return -1;
    /* The first MiB and a half, through the caller's fd. */
    rc = storageWipe(NULL, fd, VIR_STORAGE_VOL_WIPE_ALG_RANDOM, 3 * MiB / 2);
    close(fd);
    if (rc < 0 || !g_file_get_contents(path, &data, &len, NULL) || len != 3 * MiB)
        return -1;
    if (testAllBytes(data, 3 * MiB / 2, 'x') || testAllBytes(data, 3 * MiB / 2, 0) ||
        !testAllBytes(data + 3 * MiB / 2, 3 * MiB / 2, 'x'))
        return -1;
    /* Zeros on part of the file only. */
    g_clear_pointer(&data, g_free);
    if (storageWipe(path, -1, VIR_STORAGE_VOL_WIPE_ALG_ZERO, MiB) < 0 ||
        !g_file_get_contents(path, &data, &len, NULL) || !testAllBytes(data, MiB, 0) ||
        testAllBytes(data + MiB, MiB / 2, 0))
        return -1;
    return 0;
}

static int
testPatterns(const void *opaque)
{
    g_autofree char *path = testFile("pattern.img", MiB, false);
    int alg;

    if (!path)
        return -1;
    for (alg = VIR_STORAGE_VOL_WIPE_ALG_NNSA; alg <= VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33; alg++) {
        int rc = storageWipe(path, -1, alg, 0);

        if (virStorageProbeHasTool("scrub")) {
            if (rc < 0)
                return -1;
            continue;
        }
        if (rc == 0 || virErrorGetLast()->code != VIR_ERR_OPERATION_UNSUPPORTED ||
            !strstr(virErrorGetLast()->message, storageWipeAlgorithmTypeToString(alg))) {
            fprintf(stderr, "%s: %s\n", storageWipeAlgorithmTypeToString(alg),
                    rc == 0 ? "accepted" : virErrorGetLast()->message);
            return -1;
        }
        virErrorReset();
    }
    return 0;
}

static int
testRefused(const void *opaque)
{
    g_autofree char *path = testFile("refused.img", MiB, false);
    g_autofree char *missing = g_build_filename(dir, "missing.img", NULL);

    if (!path || storageWipe(path, -1, VIR_STORAGE_VOL_WIPE_ALG_TRIM, 0) == 0 ||
        virErrorGetLast()->code != VIR_ERR_ARGUMENT_UNSUPPORTED)
        return -1;
    virErrorReset();
    if (storageWipe(path, -1, VIR_STORAGE_VOL_WIPE_ALG_LAST, 0) == 0 ||
        storageWipe(missing, -1, VIR_STORAGE_VOL_WIPE_ALG_ZERO, 0) == 0 ||
        storageWipe(dir, -1, VIR_STORAGE_VOL_WIPE_ALG_ZERO, 0) == 0 ||
        virErrorGetLast()->domain != VIR_FROM_STORAGE)
        return -1;
    virErrorReset();
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

    if (!(dir = storageTestMakeTempDir()))
        return -1;
    ret |= virTestRun("zero: an allocated file gets zeros", testZeroAllocated, NULL);
    ret |= virTestRun("zero: a sparse file gets a hole", testZeroSparse, NULL);
    ret |= virTestRun("random, part of a file, through an fd", testRandomPartFd, NULL);
    ret |= virTestRun("scrub patterns", testPatterns, NULL);
    ret |= virTestRun("trim, unknown algorithms, bad paths", testRefused, NULL);
    storageTestRemoveTempDir(dir);
    g_free(dir);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
