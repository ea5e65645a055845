/* Storage volume XML round trips: tests/data/storagevolxml2xml/vol-NAME.xml
 * parsed within the pool of pool-TYPE.xml and formatted must give
 * vol-NAME.out.xml; inputs that must be refused give vol-NAME.err. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "storage_conf.h"
#include "virerror.h"

#define SUITE "storagevolxml2xml"

typedef struct {
    const char *pool;       /* pool-POOL.xml */
    const char *name;       /* vol-NAME.xml */
    unsigned int flags;     /* parse flags */
} testInfo;

static virStoragePoolDef *
testLoadPool(const char *pool)
{
    g_autofree char *name = g_strdup_printf("pool-%s.xml", pool);
    g_autofree char *path = virTestDataPath(SUITE, name);
    g_autofree char *xml = NULL;

    if (virTestLoadFile(path, &xml) < 0)
        return NULL;
    return virStoragePoolDefParseString(xml, 0);
}

/* What we write we read back unchanged, and a copy formats the same. */
static int
testCheckStable(const virStoragePoolDef *pool, const virStorageVolDef *vol,
                const char *actual)
{
    g_autoptr(virStorageVolDef) reparsed = NULL;
    g_autoptr(virStorageVolDef) copy = NULL;
    g_autofree char *again = NULL;
    g_autofree char *copied = NULL;

    if (!(reparsed = virStorageVolDefParseString(pool, actual, 0))) {
        fprintf(stderr, "re-parsing the output failed: %s\n",
                virErrorGetLast() ? virErrorGetLast()->message : "?");
        return -1;
    }
    again = virStorageVolDefFormat(pool, reparsed);
    copy = virStorageVolDefCopy(vol);
    copied = virStorageVolDefFormat(pool, copy);
    if (g_strcmp0(again, actual) != 0 || g_strcmp0(copied, actual) != 0) {
        fprintf(stderr, "output is not stable across a round trip or a copy:\n%s%s",
                again, copied);
        return -1;
    }
    return 0;
}

static int
testCompareXMLToXML(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inName = g_strdup_printf("vol-%s.xml", info->name);
    g_autofree char *outName = g_strdup_printf("vol-%s.out.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *out = virTestDataPath(SUITE, outName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virStoragePoolDef) pool = testLoadPool(info->pool);
    g_autoptr(virStorageVolDef) vol = NULL;

    if (!pool || virTestLoadFile(in, &xml) < 0 ||
        !(vol = virStorageVolDefParseString(pool, xml, info->flags)) ||
        !(actual = virStorageVolDefFormat(pool, vol)))
        return -1;
    if (testCheckStable(pool, vol, actual) < 0)
        return -1;
    return virTestCompareToFile(actual, out);
}

static int
testCompareXMLToError(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inName = g_strdup_printf("vol-%s.xml", info->name);
    g_autofree char *errName = g_strdup_printf("vol-%s.err", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *errPath = virTestDataPath(SUITE, errName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virStoragePoolDef) pool = testLoadPool(info->pool);
    g_autoptr(virStorageVolDef) vol = NULL;
    const virErrorInfo *err;

    if (!pool || virTestLoadFile(in, &xml) < 0)
        return -1;
    if ((vol = virStorageVolDefParseString(pool, xml, info->flags))) {
        fprintf(stderr, "%s: parsing succeeded, an error was expected\n", info->name);
        return -1;
    }
    if (!(err = virErrorGetLast()) || !err->message || err->domain != VIR_FROM_STORAGE) {
        fprintf(stderr, "%s: no storage error reported (%s)\n", info->name,
                err && err->message ? err->message : "none");
        return -1;
    }
    actual = g_strdup_printf("code=%d\n%s\n", err->code, err->message);
    virErrorReset();
    return virTestCompareToFile(actual, errPath);
}

/* Live values only the backends fill in: physical size and timestamps. */
static int
testLiveValues(const void *opaque)
{
    g_autofree char *out = virTestDataPath(SUITE, "vol-live-values.out.xml");
    g_autoptr(virStoragePoolDef) pool = testLoadPool("dir");
    g_autoptr(virStorageVolDef) vol = NULL;
    g_autofree char *actual = NULL;

    if (!pool ||
        !(vol = virStorageVolDefParseString(pool,
                                            "<volume><name>live.qcow2</name>"
                                            "<key>/srv/images/live.qcow2</key>"
                                            "<capacity>1073741824</capacity>"
                                            "<allocation>200704</allocation>"
                                            "<target><path>/srv/images/live.qcow2</path>"
                                            "<format type='qcow2'/><nocow/>"
                                            "<timestamps><atime>1</atime></timestamps>"
                                            "</target></volume>", 0)))
        return -1;
    if (!vol->target.nocow || vol->target.timestamps) {
        fprintf(stderr, "nocow not parsed, or timestamps parsed\n");
        return -1;
    }
    vol->physical = 262144;
    vol->target.timestamps = g_new0(virStorageTimestamps, 1);
    vol->target.timestamps->atime = (virStorageTimestamp){ 1700000000, 123456789 };
    vol->target.timestamps->mtime = (virStorageTimestamp){ 1690000000, 0 };
    vol->target.timestamps->ctime = (virStorageTimestamp){ 1690000001, 5 };
    vol->target.timestamps->btime = (virStorageTimestamp){ 0, -1 };
    if (!(actual = virStorageVolDefFormat(pool, vol)))
        return -1;
    return virTestCompareToFile(actual, out);
}

/* Units as libvirt scales them. */
static int
testUnits(const void *opaque)
{
    static const struct {
        const char *unit;
        unsigned long long value;
        unsigned long long bytes;
    } cases[] = {
        { NULL, 7, 7 }, { "", 7, 7 }, { "b", 7, 7 }, { "bytes", 7, 7 }, { "B", 7, 7 },
        { "KB", 2, 2000 }, { "K", 2, 2048 }, { "KiB", 2, 2048 }, { "k", 2, 2048 },
        { "kb", 2, 2000 }, { "MB", 3, 3000000 }, { "M", 3, 3145728 }, { "MiB", 3, 3145728 },
        { "GB", 1, 1000000000ULL }, { "G", 1, 1073741824ULL }, { "GiB", 1, 1073741824ULL },
        { "TB", 1, 1000000000000ULL }, { "T", 1, 1099511627776ULL },
        { "TiB", 1, 1099511627776ULL }, { "PB", 1, 1000000000000000ULL },
        { "P", 1, 1125899906842624ULL }, { "PiB", 1, 1125899906842624ULL },
        { "EB", 1, 1000000000000000000ULL }, { "E", 1, 1152921504606846976ULL },
        { "EiB", 7, 8070450532247928832ULL },
    };
    static const char *const bad[] = { "x", "KiBB", "Kb2", "bit", "iB" };
    unsigned long long v;
    const virErrorInfo *err;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        v = cases[i].value;
        if (virStorageUnitParse(cases[i].unit, &v) < 0 || v != cases[i].bytes) {
            fprintf(stderr, "%llu %s gave %llu\n", cases[i].value, cases[i].unit ? cases[i].unit : "(null)", v);
            return -1;
        }
    }
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        v = 1;
        if (virStorageUnitParse(bad[i], &v) == 0 ||
            !(err = virErrorGetLast()) || err->code != VIR_ERR_INVALID_ARG) {
            fprintf(stderr, "unit '%s' was accepted\n", bad[i]);
            return -1;
        }
    }
    v = 8;
    if (virStorageUnitParse("EiB", &v) == 0 ||
        !(err = virErrorGetLast()) || err->code != VIR_ERR_OVERFLOW)
        return -1;
    virErrorReset();
    return 0;
}

/* Capacity may be left out when the caller says so. */
static int
testCapacityFlags(const void *opaque)
{
    g_autoptr(virStoragePoolDef) pool = testLoadPool("dir");
    const char *noCapacity = "<volume><name>clone.img</name></volume>";
    const char *backed = "<volume><name>overlay.qcow2</name><target><format type='qcow2'/>"
                         "</target><backingStore><path>/srv/images/base.img</path>"
                         "</backingStore></volume>";
    g_autoptr(virStorageVolDef) vol = NULL;
    const virErrorInfo *err;

    if (!pool)
        return -1;
    if ((vol = virStorageVolDefParseString(pool, noCapacity, 0)) ||
        (vol = virStorageVolDefParseString(pool, noCapacity, VIR_VOL_XML_PARSE_OPT_CAPACITY)))
        return -1;
    if (!(vol = virStorageVolDefParseString(pool, noCapacity, VIR_VOL_XML_PARSE_NO_CAPACITY)) ||
        vol->capacity != 0)
        return -1;
    g_clear_pointer(&vol, virStorageVolDefFree);
    if (!(vol = virStorageVolDefParseString(pool, backed, VIR_VOL_XML_PARSE_OPT_CAPACITY)) ||
        !vol->backingStore || vol->backingStore->format != VIR_STORAGE_FILE_RAW)
        return -1;
    g_clear_pointer(&vol, virStorageVolDefFree);
    if ((vol = virStorageVolDefParseString(pool, backed, 1U << 7)) ||
        !(err = virErrorGetLast()) || err->code != VIR_ERR_INVALID_ARG)
        return -1;
    virErrorReset();
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

#define DO_TEST_FULL(pool, name, flags) \
    do { \
        static const testInfo info = { pool, name, flags }; \
        if (virTestRun("xml2xml " pool " " name, testCompareXMLToXML, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST(pool, name) DO_TEST_FULL(pool, name, 0)
#define DO_TEST_ERR(pool, name) \
    do { \
        static const testInfo info = { pool, name, 0 }; \
        if (virTestRun("xml2err " pool " " name, testCompareXMLToError, &info) < 0) \
            ret = -1; \
    } while (0)

    DO_TEST("dir", "file-raw");
    DO_TEST("dir", "file-default");
    DO_TEST("dir", "qcow2-backing");
    DO_TEST("dir", "qcow2-lazy");
    DO_TEST("dir", "qcow2-empty-features");
    DO_TEST("dir", "qcow2-cluster-size");
    DO_TEST("dir", "luks");
    DO_TEST("dir", "encryption-usage");
    DO_TEST("dir", "dir-format");
    DO_TEST("dir", "ploop-format");
    DO_TEST("dir", "explicit-type");
    DO_TEST("dir", "units-decimal");
    DO_TEST("dir", "units-binary");
    DO_TEST("dir", "units-bytes");
    DO_TEST("dir", "escaping");
    DO_TEST("netfs", "netfs-vmdk");
    DO_TEST("fs", "fs-iso");
    DO_TEST("logical", "logical-block");
    DO_TEST("logical", "logical-snapshot");
    DO_TEST("disk", "disk-partition");
    DO_TEST("disk", "disk-extended");
    DO_TEST("rbd", "rbd-image");

    DO_TEST_ERR("dir", "err-malformed");
    DO_TEST_ERR("dir", "err-not-volume");
    DO_TEST_ERR("dir", "err-no-name");
    DO_TEST_ERR("dir", "err-name-slash");
    DO_TEST_ERR("dir", "err-no-capacity");
    DO_TEST_ERR("dir", "err-capacity-malformed");
    DO_TEST_ERR("dir", "err-capacity-negative");
    DO_TEST_ERR("dir", "err-unit");
    DO_TEST_ERR("dir", "err-overflow");
    DO_TEST_ERR("dir", "err-allocation-malformed");
    DO_TEST_ERR("dir", "err-format");
    DO_TEST_ERR("dir", "err-format-none");
    DO_TEST_ERR("dir", "err-format-luks");
    DO_TEST_ERR("dir", "err-backing-format");
    DO_TEST_ERR("dir", "err-type");
    DO_TEST_ERR("dir", "err-compat");
    DO_TEST_ERR("dir", "err-feature");
    DO_TEST_ERR("dir", "err-encryption-format");
    DO_TEST_ERR("dir", "err-encryption-secret");
    DO_TEST_ERR("dir", "err-cipher-size");
    DO_TEST_ERR("dir", "err-mode");
    DO_TEST_ERR("dir", "err-cluster-size");
    DO_TEST_ERR("disk", "err-disk-format");

    if (virTestRun("live values", testLiveValues, NULL) < 0)
        ret = -1;
    if (virTestRun("units", testUnits, NULL) < 0)
        ret = -1;
    if (virTestRun("capacity flags", testCapacityFlags, NULL) < 0)
        ret = -1;
    if (virTestCheckUnusedFiles(SUITE) < 0)
        ret = -1;
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
