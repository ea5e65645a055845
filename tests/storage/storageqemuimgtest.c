/* qemu-img for real, on files in a temporary directory of our own:
 * create, info (with and without the backing chain), resize, convert;
 * and the info parser on fixed JSON. */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

static int
testParseFixed(const void *opaque)
{
    const char *single =
        "{\"virtual-size\": 10737418240, \"filename\": \"/x/enc.qcow2\", \"cluster-size\": 65536,"
        " \"format\": \"qcow2\", \"actual-size\": 200704, \"encrypted\": true, \"dirty-flag\": true,"
        " \"format-specific\": {\"type\": \"qcow2\", \"data\": {\"compat\": \"0.10\"}}}";
    const char *chain =
        "[{\"backing-filename-format\": \"raw\", \"virtual-size\": 2097152, \"filename\": \"top.qcow2\","
        "  \"format\": \"qcow2\", \"actual-size\": 4096, \"full-backing-filename\": \"/d/base.img\","
        "  \"backing-filename\": \"base.img\", \"dirty-flag\": false},"
        " {\"virtual-size\": 1048576, \"filename\": \"/d/base.img\", \"format\": \"raw\", \"actual-size\": 0}]";
    g_autoptr(storageQemuImgChain) one = storageQemuImgInfoParse(single);
    g_autoptr(storageQemuImgChain) two = storageQemuImgInfoParse(chain);
    const storageQemuImgInfo *i;

    if (!one || !two || one->nimages != 1 || two->nimages != 2)
        return -1;
    i = &one->images[0];
    if (strcmp(i->format, "qcow2") != 0 || i->virtualSize != 10240 * MiB || i->actualSize != 200704 ||
        i->clusterSize != 65536 || !i->encrypted || !i->dirty || g_strcmp0(i->compat, "0.10") != 0 ||
        i->backingFilename || i->backingFormat)
        return -1;
    i = &two->images[0];
    if (g_strcmp0(i->backingFilename, "base.img") != 0 || g_strcmp0(i->backingFormat, "raw") != 0 ||
        g_strcmp0(i->fullBackingFilename, "/d/base.img") != 0 || i->dirty || i->encrypted)
        return -1;
    i = &two->images[1];
    if (strcmp(i->format, "raw") != 0 || i->virtualSize != 1 * MiB || i->clusterSize != 0)
        return -1;
    return 0;
}

static int
testParseBad(const void *opaque)
{
    const char *bad[] = {
        "", "{", "[]", "42", "{\"virtual-size\": 1}",
        "{\"format\": \"raw\", \"virtual-size\": \"big\"}",
        "{\"format\": \"raw\", \"virtual-size\": -1}",
        "[{\"format\": \"raw\"}, 7]",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        storageQemuImgChain *c = storageQemuImgInfoParse(bad[i]);

        if (c || !virErrorGetLast() || virErrorGetLast()->domain != VIR_FROM_STORAGE) {
            fprintf(stderr, "accepted: %s\n", bad[i]);
            storageQemuImgChainFree(c);
            return -1;
        }
        virErrorReset();
    }
    return 0;
}

static int
testCreateInfo(const void *opaque)
{
    g_autofree char *raw = testPath("base.img");
    g_autofree char *qcow2 = testPath("disk.qcow2");
    storageQemuImgCreateParams rawp = { .path = raw, .format = STORAGE_QEMU_IMG_FORMAT_RAW,
                                        .capacity = 4 * MiB, .prealloc = STORAGE_QEMU_IMG_PREALLOC_FULL };
    storageQemuImgCreateParams qp = { .path = qcow2, .format = STORAGE_QEMU_IMG_FORMAT_QCOW2,
                                      .capacity = 8 * MiB, .compat = "1.1", .lazyRefcounts = true,
                                      .clusterSize = 128 * 1024,
                                      .prealloc = STORAGE_QEMU_IMG_PREALLOC_METADATA };
    g_autoptr(storageQemuImgChain) ri = NULL;
    g_autoptr(storageQemuImgChain) qi = NULL;

    if (storageQemuImgCreate(&rawp) < 0 || storageQemuImgCreate(&qp) < 0 ||
        !(ri = storageQemuImgGetInfo(raw, "raw", false)) || !(qi = storageQemuImgGetInfo(qcow2, NULL, false)))
        return -1;
    /* Full preallocation: every byte is on disk. */
    if (ri->nimages != 1 || strcmp(ri->images[0].format, "raw") != 0 ||
        ri->images[0].virtualSize != 4 * MiB || ri->images[0].actualSize < 4 * MiB)
        return -1;
    if (qi->nimages != 1 || strcmp(qi->images[0].format, "qcow2") != 0 ||
        qi->images[0].virtualSize != 8 * MiB || qi->images[0].clusterSize != 128 * 1024 ||
        g_strcmp0(qi->images[0].compat, "1.1") != 0 || qi->images[0].dirty)
        return -1;
    return 0;
}

static int
testBackingChain(const void *opaque)
{
    g_autofree char *base = testPath("chain-base.img");
    g_autofree char *mid = testPath("chain-mid.qcow2");
    g_autofree char *top = testPath("chain-top.qcow2");
    storageQemuImgCreateParams bp = { .path = base, .format = STORAGE_QEMU_IMG_FORMAT_RAW, .capacity = 2 * MiB };
    storageQemuImgCreateParams mp = { .path = mid, .format = STORAGE_QEMU_IMG_FORMAT_QCOW2,
                                      .backingPath = base, .backingFormat = "raw" };
    storageQemuImgCreateParams tp = { .path = top, .format = STORAGE_QEMU_IMG_FORMAT_QCOW2,
                                      .capacity = 6 * MiB, .backingPath = mid, .backingFormat = "qcow2" };
    g_autoptr(storageQemuImgChain) chain = NULL;
    g_autoptr(storageQemuImgChain) alone = NULL;

    if (storageQemuImgCreate(&bp) < 0 || storageQemuImgCreate(&mp) < 0 || storageQemuImgCreate(&tp) < 0 ||
        !(chain = storageQemuImgGetInfo(top, "qcow2", true)) ||
        !(alone = storageQemuImgGetInfo(top, "qcow2", false)))
        return -1;
    if (alone->nimages != 1 || chain->nimages != 3)
        return -1;
    /* The overlay without a capacity took its backing file's. */
    if (chain->images[0].virtualSize != 6 * MiB || chain->images[1].virtualSize != 2 * MiB ||
        g_strcmp0(chain->images[0].backingFilename, mid) != 0 ||
        g_strcmp0(chain->images[0].backingFormat, "qcow2") != 0 ||
        g_strcmp0(chain->images[1].backingFilename, base) != 0 ||
        g_strcmp0(chain->images[1].backingFormat, "raw") != 0 ||
        strcmp(chain->images[2].format, "raw") != 0 || chain->images[2].backingFilename)
        return -1;
    return 0;
}

static int
testResize(const void *opaque)
{
    g_autofree char *raw = testPath("resize.img");
    g_autofree char *qcow2 = testPath("resize.qcow2");
    storageQemuImgCreateParams rp = { .path = raw, .format = STORAGE_QEMU_IMG_FORMAT_RAW, .capacity = 4 * MiB };
    storageQemuImgCreateParams qp = { .path = qcow2, .format = STORAGE_QEMU_IMG_FORMAT_QCOW2, .capacity = 4 * MiB };
    g_autoptr(storageQemuImgChain) info = NULL;
    g_autoptr(storageQemuImgChain) qinfo = NULL;
    unsigned long long cap;
    unsigned long long alloc;

    if (storageQemuImgCreate(&rp) < 0 || storageQemuImgCreate(&qp) < 0)
        return -1;
    /* Grow with allocation, then shrink: refused without --shrink. */
    if (storageQemuImgResize(raw, "raw", 8 * MiB, false, STORAGE_QEMU_IMG_PREALLOC_FALLOC) < 0 ||
        virStorageProbeAllocation(raw, &cap, &alloc) < 0 || cap != 8 * MiB || alloc < 4 * MiB)
        return -1;
    if (storageQemuImgResize(raw, "raw", 2 * MiB, false, STORAGE_QEMU_IMG_PREALLOC_DEFAULT) == 0 ||
        !strstr(virErrorGetLast()->message, "--shrink"))
        return -1;
    virErrorReset();
    if (storageQemuImgResize(raw, "raw", 2 * MiB, true, STORAGE_QEMU_IMG_PREALLOC_DEFAULT) < 0 ||
        !(info = storageQemuImgGetInfo(raw, "raw", false)) || info->images[0].virtualSize != 2 * MiB)
        return -1;
    if (storageQemuImgResize(qcow2, "qcow2", 16 * MiB, false, STORAGE_QEMU_IMG_PREALLOC_DEFAULT) < 0 ||
        !(qinfo = storageQemuImgGetInfo(qcow2, "qcow2", false)) || qinfo->images[0].virtualSize != 16 * MiB)
        return -1;
    return 0;
}

static int
testConvert(const void *opaque)
{
    g_autofree char *src = testPath("convert-src.img");
    g_autofree char *dst = testPath("convert-dst.qcow2");
    g_autofree char *back = testPath("convert-back.img");
    storageQemuImgCreateParams sp = { .path = src, .format = STORAGE_QEMU_IMG_FORMAT_RAW, .capacity = 3 * MiB };
    storageQemuImgCreateParams dp = { .path = dst, .format = STORAGE_QEMU_IMG_FORMAT_QCOW2, .compat = "0.10" };
    storageQemuImgCreateParams bp = { .path = back, .format = STORAGE_QEMU_IMG_FORMAT_RAW };
    g_autoptr(storageQemuImgChain) di = NULL;
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;
    gsize alen;
    gsize blen;
    FILE *fp;

    if (storageQemuImgCreate(&sp) < 0)
        return -1;
    /* Some content to carry over. */
    if (!(fp = fopen(src, "r+")))
        return -1;
    fseek(fp, 1 * MiB + 17, SEEK_SET);
    fputs("virtstoraged was here", fp);
    fclose(fp);
    if (storageQemuImgConvert(src, "raw", &dp) < 0 || storageQemuImgConvert(dst, "qcow2", &bp) < 0 ||
        !(di = storageQemuImgGetInfo(dst, NULL, false)))
        return -1;
    if (strcmp(di->images[0].format, "qcow2") != 0 || g_strcmp0(di->images[0].compat, "0.10") != 0 ||
        di->images[0].virtualSize != 3 * MiB)
        return -1;
    if (!g_file_get_contents(src, &a, &alen, NULL) || !g_file_get_contents(back, &b, &blen, NULL) ||
        alen != blen || memcmp(a, b, alen) != 0)
        return -1;
    return 0;
}

static int
testFailures(const void *opaque)
{
    g_autofree char *missing = testPath("missing.qcow2");
    g_autofree char *nodir = testPath("no/such/dir.img");
    storageQemuImgCreateParams p = { .path = nodir, .format = STORAGE_QEMU_IMG_FORMAT_RAW, .capacity = MiB };
    storageQemuImgChain *c;

    if ((c = storageQemuImgGetInfo(missing, NULL, false)) || !virErrorGetLast()) {
        storageQemuImgChainFree(c);
        return -1;
    }
    virErrorReset();
    if (storageQemuImgCreate(&p) == 0 || !virErrorGetLast())
        return -1;
    virErrorReset();
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

    ret |= virTestRun("info JSON: one image and a chain", testParseFixed, NULL);
    ret |= virTestRun("info JSON: bad output is refused", testParseBad, NULL);
    if (!virStorageProbeHasTool("qemu-img")) {
        fprintf(stderr, "no qemu-img: real images skipped\n");
        return ret;
    }
    if (!(dir = storageTestMakeTempDir()))
        return -1;
    ret |= virTestRun("create raw and qcow2, info", testCreateInfo, NULL);
    ret |= virTestRun("backing chain of three", testBackingChain, NULL);
    ret |= virTestRun("resize: grow, shrink", testResize, NULL);
    ret |= virTestRun("convert raw -> qcow2 -> raw", testConvert, NULL);
    ret |= virTestRun("failures are reported", testFailures, NULL);
    storageTestRemoveTempDir(dir);
    g_free(dir);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
