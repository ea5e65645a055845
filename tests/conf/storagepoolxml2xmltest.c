/* Storage pool XML round trips: tests/data/storagepoolxml2xml/NAME.xml
 * parsed and formatted must give NAME.out.xml; inputs that must be refused
 * give NAME.err. The find-storage-pool-sources output and the <source>
 * hint parser are checked from code against sources-*.out.xml. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "storage_conf.h"
#include "virerror.h"

#define SUITE "storagepoolxml2xml"

typedef enum {
    TEST_MASK_UUID = 1 << 0,    /* no <uuid> in the input: check it, then hide it */
} testFlags;

typedef struct {
    const char *name;
    unsigned int flags;
} testInfo;

/* Replaces a generated (non-zero, valid) UUID by a fixed word. */
static int
testMaskUUID(char **xml)
{
    const char *open = strstr(*xml, "<uuid>");
    const char *close = open ? strstr(open, "</uuid>") : NULL;
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned char zero[VIR_UUID_BUFLEN] = { 0 };
    g_autofree char *value = NULL;
    char *masked;

    if (!open || !close) {
        fprintf(stderr, "no <uuid> in the output\n");
        return -1;
    }
    value = g_strndup(open + 6, close - open - 6);
    if (virUUIDParse(value, uuid) < 0 || memcmp(uuid, zero, sizeof(zero)) == 0) {
        fprintf(stderr, "unexpected generated uuid '%s'\n", value);
        return -1;
    }
    masked = g_strdup_printf("%.*sGENERATED%s", (int)(open + 6 - *xml), *xml, close);
    g_free(*xml);
    *xml = masked;
    return 0;
}

/* What we write we read back unchanged, and a copy formats the same. */
static int
testCheckStable(const virStoragePoolDef *def, const char *actual)
{
    g_autoptr(virStoragePoolDef) reparsed = NULL;
    g_autoptr(virStoragePoolDef) copy = NULL;
    g_autofree char *again = NULL;
    g_autofree char *copied = NULL;

    if (!(reparsed = virStoragePoolDefParseString(actual, 0))) {
        fprintf(stderr, "re-parsing the output failed: %s\n",
                virErrorGetLast() ? virErrorGetLast()->message : "?");
        return -1;
    }
    again = virStoragePoolDefFormat(reparsed);
    copy = virStoragePoolDefCopy(def);
    copied = virStoragePoolDefFormat(copy);
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
    g_autofree char *inName = g_strdup_printf("%s.xml", info->name);
    g_autofree char *outName = g_strdup_printf("%s.out.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *out = virTestDataPath(SUITE, outName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virStoragePoolDef) def = NULL;

    if (virTestLoadFile(in, &xml) < 0 ||
        !(def = virStoragePoolDefParseString(xml, 0)) ||
        !(actual = virStoragePoolDefFormat(def)))
        return -1;
    if (testCheckStable(def, actual) < 0)
        return -1;
    if ((info->flags & TEST_MASK_UUID) && testMaskUUID(&actual) < 0)
        return -1;
    return virTestCompareToFile(actual, out);
}

static int
testCompareError(const char *name)
{
    g_autofree char *errName = g_strdup_printf("%s.err", name);
    g_autofree char *errPath = virTestDataPath(SUITE, errName);
    g_autofree char *actual = NULL;
    const virErrorInfo *err;

    if (!(err = virErrorGetLast()) || !err->message) {
        fprintf(stderr, "%s: failed without reporting an error\n", name);
        return -1;
    }
    if (err->domain != VIR_FROM_STORAGE) {
        fprintf(stderr, "%s: error reported in domain %d: %s\n", name, err->domain,
                err->message);
        return -1;
    }
    actual = g_strdup_printf("code=%d\n%s\n", err->code, err->message);
    virErrorReset();
    return virTestCompareToFile(actual, errPath);
}

static int
testCompareXMLToError(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inName = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *xml = NULL;
    g_autoptr(virStoragePoolDef) def = NULL;

    if (virTestLoadFile(in, &xml) < 0)
        return -1;
    if ((def = virStoragePoolDefParseString(xml, 0))) {
        fprintf(stderr, "%s: parsing succeeded, an error was expected\n", info->name);
        return -1;
    }
    return testCompareError(info->name);
}

/* find-storage-pool-sources: a netfs scan with two exports. */
static int
testSourceListNetfs(const void *opaque)
{
    g_autofree char *out = virTestDataPath(SUITE, "sources-netfs.out.xml");
    g_autoptr(virStoragePoolSourceList) list = g_new0(virStoragePoolSourceList, 1);
    g_autofree char *actual = NULL;
    size_t i;

    list->type = VIR_STORAGE_POOL_NETFS;
    for (i = 0; i < 2; i++) {
        virStoragePoolSource *src = virStoragePoolSourceListNewSource(list);

        src->hosts = g_new0(virStoragePoolSourceHost, 1);
        src->nhost = 1;
        src->hosts[0].name = g_strdup("nfs.example.org");
        src->dir = g_strdup_printf("/export/vm%zu", i);
        src->format = VIR_STORAGE_POOL_NETFS_NFS;
    }
    if (!(actual = virStoragePoolSourceListFormat(list)))
        return -1;
    return virTestCompareToFile(actual, out);
}

/* find-storage-pool-sources: logical volume groups (name, devices, format). */
static int
testSourceListLogical(const void *opaque)
{
    g_autofree char *out = virTestDataPath(SUITE, "sources-logical.out.xml");
    g_autoptr(virStoragePoolSourceList) list = g_new0(virStoragePoolSourceList, 1);
    virStoragePoolSource *src;
    g_autofree char *actual = NULL;
    g_autoptr(virStoragePoolSourceList) empty = g_new0(virStoragePoolSourceList, 1);
    g_autofree char *none = NULL;

    list->type = VIR_STORAGE_POOL_LOGICAL;
    src = virStoragePoolSourceListNewSource(list);
    src->name = g_strdup("vg_guests");
    src->devices = g_new0(virStoragePoolSourceDevice, 2);
    src->ndevice = 2;
    src->devices[0].path = g_strdup("/dev/sdb1");
    src->devices[1].path = g_strdup("/dev/sdc1");
    src->format = VIR_STORAGE_POOL_LOGICAL_LVM2;
    if (!(actual = virStoragePoolSourceListFormat(list)) ||
        virTestCompareToFile(actual, out) < 0)
        return -1;

    empty->type = VIR_STORAGE_POOL_DIR;
    if (!(none = virStoragePoolSourceListFormat(empty)) ||
        strcmp(none, "<sources>\n</sources>\n") != 0)
        return -1;
    return 0;
}

/* The <source> hint of find-storage-pool-sources. */
static int
testSourceHint(const void *opaque)
{
    g_autoptr(virStoragePoolSource) src = NULL;
    const virErrorInfo *err;

    src = virStoragePoolDefParseSourceString("<source><host name='10.0.0.5' port='2049'/>"
                                             "<format type='nfs'/></source>",
                                             VIR_STORAGE_POOL_NETFS);
    if (!src || src->nhost != 1 || src->hosts[0].port != 2049 ||
        src->format != VIR_STORAGE_POOL_NETFS_NFS || g_strcmp0(src->hosts[0].name, "10.0.0.5"))
        return -1;
    g_clear_pointer(&src, virStoragePoolSourceFree);

    /* Pool-level checks do not apply: an fs hint needs no device. */
    if (!(src = virStoragePoolDefParseSourceString("<source/>", VIR_STORAGE_POOL_FS)) ||
        src->format != VIR_STORAGE_POOL_FS_AUTO)
        return -1;
    g_clear_pointer(&src, virStoragePoolSourceFree);

    if ((src = virStoragePoolDefParseSourceString("<pool/>", VIR_STORAGE_POOL_FS)) ||
        !(err = virErrorGetLast()) || err->code != VIR_ERR_XML_ERROR)
        return -1;
    if ((src = virStoragePoolDefParseSourceString("<source><format type='zip'/></source>",
                                                  VIR_STORAGE_POOL_DISK)) ||
        !(err = virErrorGetLast()) || err->code != VIR_ERR_CONFIG_UNSUPPORTED)
        return -1;
    virErrorReset();
    return 0;
}

/* Each enum table against libvirt's names and order. */
static int
testTables(const void *opaque)
{
    static const char *const pools[] = {
        "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi",
        "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage",
    };
    static const char *const files[] = {
        "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat",
        "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk",
    };
    size_t i;

    G_STATIC_ASSERT(G_N_ELEMENTS(pools) == VIR_STORAGE_POOL_LAST);
    /* The image formats are a table shared with the domain's disks, which
     * may know more; these are the ones volumes take. */
    G_STATIC_ASSERT(G_N_ELEMENTS(files) <= VIR_STORAGE_FILE_LAST);
    for (i = 0; i < G_N_ELEMENTS(pools); i++) {
        if (g_strcmp0(virStoragePoolTypeToString(i), pools[i]) != 0 ||
            virStoragePoolTypeFromString(pools[i]) != (int)i)
            return -1;
    }
    for (i = 0; i < G_N_ELEMENTS(files); i++) {
        if (g_strcmp0(virStorageFileFormatTypeToString(i), files[i]) != 0 ||
            virStorageFileFormatTypeFromString(files[i]) != (int)i)
            return -1;
    }
    if (virStoragePoolFormatFileSystemTypeFromString("hfs+") != VIR_STORAGE_POOL_FS_HFSPLUS ||
        virStoragePoolFormatFileSystemNetTypeFromString("cifs") != VIR_STORAGE_POOL_NETFS_CIFS ||
        virStoragePoolFormatDiskTypeFromString("lvm2") != VIR_STORAGE_POOL_DISK_LVM2 ||
        virStoragePoolFormatLogicalTypeFromString("lvm2") != VIR_STORAGE_POOL_LOGICAL_LVM2 ||
        virStorageVolFormatDiskTypeFromString("extended") != VIR_STORAGE_VOL_DISK_EXTENDED ||
        virStorageVolTypeFromString("ploop") != VIR_STORAGE_VOL_PLOOP ||
        g_strcmp0(virStorageVolTypeToString(VIR_STORAGE_VOL_NETDIR), "netdir") != 0 ||
        virStoragePoolTypeToString(VIR_STORAGE_POOL_LAST) ||
        virStoragePoolTypeFromString("DIR") >= 0)
        return -1;
    return 0;
}

/* The per-type queries the driver uses. */
static int
testTypeQueries(const void *opaque)
{
    if (!virStoragePoolTypeHasTarget(VIR_STORAGE_POOL_DIR) ||
        virStoragePoolTypeHasTarget(VIR_STORAGE_POOL_RBD) ||
        virStoragePoolTypeDefaultVolType(VIR_STORAGE_POOL_LOGICAL) != VIR_STORAGE_VOL_BLOCK ||
        virStoragePoolTypeDefaultVolType(VIR_STORAGE_POOL_NETFS) != VIR_STORAGE_VOL_FILE ||
        virStorageVolDefaultFormat(VIR_STORAGE_POOL_DIR) != VIR_STORAGE_FILE_RAW ||
        virStorageVolDefaultFormat(VIR_STORAGE_POOL_LOGICAL) != -1 ||
        g_strcmp0(virStorageVolFormatToString(VIR_STORAGE_POOL_DISK, VIR_STORAGE_VOL_DISK_LINUX),
                  "linux") != 0 ||
        g_strcmp0(virStoragePoolSourceFormatToString(VIR_STORAGE_POOL_FS, VIR_STORAGE_POOL_FS_XFS),
                  "xfs") != 0 ||
        virStoragePoolSourceFormatToString(VIR_STORAGE_POOL_DIR, 0))
        return -1;
    return 0;
}

/* Paths are compared and stored sanitized. */
static int
testSanitize(const void *opaque)
{
    static const char *const cases[][2] = {
        { "/", "/" },
        { "///", "/" },
        { "/var//lib///images/", "/var/lib/images" },
        { "//host/share", "//host/share" },
        { "relative//dir/", "relative/dir" },
        { "", "" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *clean = virStoragePathSanitize(cases[i][0]);

        if (strcmp(clean, cases[i][1]) != 0) {
            fprintf(stderr, "'%s' gave '%s', expected '%s'\n", cases[i][0], clean, cases[i][1]);
            return -1;
        }
    }
    return 0;
}

/* A definition made in code with a bad format is refused by the formatter. */
static int
testFormatBadValues(const void *opaque)
{
    g_autoptr(virStoragePoolDef) def = virStoragePoolDefParseString(
        "<pool type='fs'><name>p</name><source><device path='/dev/sdz1'/></source>"
        "<target><path>/mnt/p</path></target></pool>", 0);
    g_autofree char *xml = NULL;
    const virErrorInfo *err;

    if (!def)
        return -1;
    def->source.format = VIR_STORAGE_POOL_FS_LAST;
    if ((xml = virStoragePoolDefFormat(def)) ||
        !(err = virErrorGetLast()) || err->code != VIR_ERR_INTERNAL_ERROR)
        return -1;
    def->source.format = 0;
    def->type = VIR_STORAGE_POOL_LAST;
    if ((xml = virStoragePoolDefFormat(def)))
        return -1;
    def->type = VIR_STORAGE_POOL_FS;
    if (virStoragePoolDefParseString("<pool type='dir'><name>x</name><target><path>/x</path>"
                                     "</target></pool>", 1U << 5) ||
        !(err = virErrorGetLast()) || err->code != VIR_ERR_INVALID_ARG)
        return -1;
    virErrorReset();
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

#define DO_TEST_FULL(name, flags) \
    do { \
        static const testInfo info = { name, flags }; \
        if (virTestRun("xml2xml " name, testCompareXMLToXML, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST(name) DO_TEST_FULL(name, 0)
#define DO_TEST_ERR(name) \
    do { \
        static const testInfo info = { name, 0 }; \
        if (virTestRun("xml2err " name, testCompareXMLToError, &info) < 0) \
            ret = -1; \
    } while (0)

    DO_TEST("dir");
    DO_TEST_FULL("dir-minimal", TEST_MASK_UUID);
    DO_TEST("dir-cow");
    DO_TEST("dir-sanitize");
    DO_TEST("fs");
    DO_TEST("fs-default-format");
    DO_TEST("netfs");
    DO_TEST("netfs-cifs");
    DO_TEST("netfs-mountopts");
    DO_TEST("logical");
    DO_TEST("logical-noname");
    DO_TEST("disk");
    DO_TEST("disk-default-format");
    DO_TEST("iscsi");
    DO_TEST("iscsi-direct");
    DO_TEST("scsi-fc-host");
    DO_TEST("scsi-host-parentaddr");
    DO_TEST("scsi-host-legacy");
    DO_TEST("mpath");
    DO_TEST("rbd");
    DO_TEST("gluster");
    DO_TEST("zfs");
    DO_TEST("vstorage");
    DO_TEST("escaping");
    DO_TEST("live-values");

    DO_TEST_ERR("err-malformed");
    DO_TEST_ERR("err-not-pool");
    DO_TEST_ERR("err-no-type");
    DO_TEST_ERR("err-unknown-type");
    DO_TEST_ERR("err-no-name");
    DO_TEST_ERR("err-name-slash");
    DO_TEST_ERR("err-uuid");
    DO_TEST_ERR("err-dir-no-target");
    DO_TEST_ERR("err-relative-target");
    DO_TEST_ERR("err-fs-no-device");
    DO_TEST_ERR("err-disk-no-device");
    DO_TEST_ERR("err-device-no-path");
    DO_TEST_ERR("err-part-separator");
    DO_TEST_ERR("err-netfs-no-host");
    DO_TEST_ERR("err-netfs-no-dir");
    DO_TEST_ERR("err-host-no-name");
    DO_TEST_ERR("err-port");
    DO_TEST_ERR("err-unknown-format");
    DO_TEST_ERR("err-protocol-ver");
    DO_TEST_ERR("err-protocol-ver-malformed");
    DO_TEST_ERR("err-mode");
    DO_TEST_ERR("err-owner");
    DO_TEST_ERR("err-auth-no-type");
    DO_TEST_ERR("err-auth-no-secret");
    DO_TEST_ERR("err-cow-logical");
    DO_TEST_ERR("err-rbd-no-name");
    DO_TEST_ERR("err-scsi-no-adapter");
    DO_TEST_ERR("err-fc-host-wwn");
    DO_TEST_ERR("err-adapter-type");
    DO_TEST_ERR("err-iscsi-direct-no-iqn");
    DO_TEST_ERR("err-refresh");

    if (virTestRun("find-storage-pool-sources netfs", testSourceListNetfs, NULL) < 0)
        ret = -1;
    if (virTestRun("find-storage-pool-sources logical", testSourceListLogical, NULL) < 0)
        ret = -1;
    if (virTestRun("source hint", testSourceHint, NULL) < 0)
        ret = -1;
    if (virTestRun("enum tables", testTables, NULL) < 0)
        ret = -1;
    if (virTestRun("pool type queries", testTypeQueries, NULL) < 0)
        ret = -1;
    if (virTestRun("path sanitizing", testSanitize, NULL) < 0)
        ret = -1;
    if (virTestRun("bad values made in code", testFormatBadValues, NULL) < 0)
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
