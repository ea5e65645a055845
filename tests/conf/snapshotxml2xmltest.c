/* Snapshot XML round trips: tests/data/snapshotxml2xml/NAME.xml parsed and
 * formatted must give NAME.out.xml; inputs that must be refused give
 * NAME.err. Cases parse as a new snapshot's XML (what a client sends),
 * as a redefinition, or as the driver's own file (with <active>). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "snapshot_conf.h"
#include "virdomainsnapshotobj.h"
#include "virerror.h"

#define SUITE "snapshotxml2xml"

typedef enum {
    TEST_NEW = 0,       /* a client's XML */
    TEST_OFFLINE,       /* a client's XML for a shut-off domain */
    TEST_REDEFINE,      /* VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE */
    TEST_INTERNAL,      /* the driver's file: REDEFINE | INTERNAL, <active> kept */
} testMode;

typedef struct {
    const char *name;
    testMode mode;
} testInfo;

static unsigned int
testParseFlags(testMode mode)
{
    switch (mode) {
    case TEST_OFFLINE:
        return VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE;
    case TEST_REDEFINE:
        return VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE;
    case TEST_INTERNAL:
        return VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE | VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL;
    case TEST_NEW:
    default:
        return 0;
    }
}

static int
testCompareXMLToXML(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inName = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *outName = g_strdup_printf("%s.out.xml", info->name);
    g_autofree char *outPath = virTestDataPath(SUITE, outName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *again = NULL;
    g_autoptr(virDomainSnapshotDef) def = NULL;
    g_autoptr(virDomainSnapshotDef) reparsed = NULL;
    unsigned int formatFlags = VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE;
    bool current = false;

    if (virTestLoadFile(in, &xml) < 0 ||
        !(def = virDomainSnapshotDefParseString(xml, testParseFlags(info->mode), &current))) {
        fprintf(stderr, "%s: %s\n", info->name,
                virErrorGetLast() ? virErrorGetLast()->message : "?");
        return -1;
    }
    if (info->mode == TEST_INTERNAL) {
        formatFlags |= VIR_DOMAIN_SNAPSHOT_FORMAT_INTERNAL;
        if (current)
            formatFlags |= VIR_DOMAIN_SNAPSHOT_FORMAT_CURRENT;
    }
    actual = virDomainSnapshotDefFormat(def, formatFlags);

    /* A redefinition reads back what was written, unchanged. */
    if (info->mode >= TEST_REDEFINE) {
        if (!(reparsed = virDomainSnapshotDefParseString(actual, testParseFlags(info->mode),
                                                         &current))) {
            fprintf(stderr, "re-parsing the output failed: %s\n",
                    virErrorGetLast() ? virErrorGetLast()->message : "?");
            return -1;
        }
        again = virDomainSnapshotDefFormat(reparsed, formatFlags);
        if (strcmp(again, actual) != 0) {
            fprintf(stderr, "output is not stable across a round trip:\n%s", again);
            return -1;
        }
    }
    return virTestCompareToFile(actual, outPath);
}

static int
testCompareXMLToError(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inName = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *errName = g_strdup_printf("%s.err", info->name);
    g_autofree char *errPath = virTestDataPath(SUITE, errName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virDomainSnapshotDef) def = NULL;
    const virErrorInfo *err;

    if (virTestLoadFile(in, &xml) < 0)
        return -1;
    if ((def = virDomainSnapshotDefParseString(xml, testParseFlags(info->mode), NULL))) {
        fprintf(stderr, "%s: parsing succeeded, an error was expected\n", info->name);
        return -1;
    }
    if (!(err = virErrorGetLast()) || !err->message) {
        fprintf(stderr, "%s: parsing failed without reporting an error\n", info->name);
        return -1;
    }
    actual = g_strdup_printf("code=%d\n%s\n", err->code, err->message);
    return virTestCompareToFile(actual, errPath);
}

/* A domain of three disks for the alignment cases. */
static virDomainDef *
testDomain(void)
{
    static const char *xml =
        "<domain type='qemu'><name>d</name>"
        "<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
        "<memory unit='KiB'>65536</memory><os><type arch='x86_64'>hvm</type></os>"
        "<devices>"
        "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
        "<source file='/img/a.qcow2'/><target dev='vda' bus='virtio'/></disk>"
        "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
        "<source file='/img/b'/><target dev='vdb' bus='virtio'/></disk>"
        "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>"
        "</devices></domain>";

    return virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE);
}

/* Disks named by target or path, defaults for the others, an empty cdrom
 * never snapshotted, and the errors of libvirt's alignment. */
static int
testAlignDisks(const void *opaque)
{
    g_autoptr(virDomainDef) dom = testDomain();
    g_autoptr(virDomainSnapshotDef) def = NULL;
    static const char *ext =
        "<domainsnapshot><name>s</name><disks>"
        "<disk name='/img/b' snapshot='external'><source file='/x/b.s'/></disk>"
        "<disk name='vda' snapshot='no'/>"
        "</disks></domainsnapshot>";

    if (!dom || !(def = virDomainSnapshotDefParseString(ext, 0, NULL)) ||
        virDomainSnapshotAlignDisks(def, dom, VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL, false) < 0)
        return -1;
    if (def->ndisks != 3 ||
        g_strcmp0(def->disks[0].name, "vda") ||
        def->disks[0].snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_NO ||
        g_strcmp0(def->disks[1].name, "vdb") || g_strcmp0(def->disks[1].src, "/x/b.s") ||
        g_strcmp0(def->disks[2].name, "hdc") || def->disks[2].snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_NO) {
        fprintf(stderr, "unexpected alignment:\n%s", virDomainSnapshotDefFormat(def, 0));
        return -1;
    }
    g_clear_pointer(&def, virDomainSnapshotDefFree);

    /* Uniform internal snapshots: an external disk among them is refused. */
    def = virDomainSnapshotDefParseString("<domainsnapshot><disks><disk name='vdb' "
                                          "snapshot='external'/></disks></domainsnapshot>",
                                          0, NULL);
    virDomainSnapshotDefAssignName(def);
    if (virDomainSnapshotAlignDisks(def, dom, VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL, true) == 0 ||
        !strstr(virErrorGetLast()->message, "disk 'vdb' must use snapshot mode 'internal'"))
        return -1;
    g_clear_pointer(&def, virDomainSnapshotDefFree);

    def = virDomainSnapshotDefParseString("<domainsnapshot><disks><disk name='vdz'/>"
                                          "</disks></domainsnapshot>", 0, NULL);
    if (virDomainSnapshotAlignDisks(def, dom, VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL, true) == 0 ||
        !strstr(virErrorGetLast()->message, "no disk named 'vdz'"))
        return -1;
    g_clear_pointer(&def, virDomainSnapshotDefFree);

    def = virDomainSnapshotDefParseString("<domainsnapshot><disks><disk name='vda'/>"
                                          "<disk name='/img/a.qcow2'/></disks></domainsnapshot>",
                                          0, NULL);
    if (virDomainSnapshotAlignDisks(def, dom, VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL, true) == 0 ||
        !strstr(virErrorGetLast()->message, "disk '/img/a.qcow2' specified twice"))
        return -1;
    virErrorReset();
    return 0;
}

/* Unnamed snapshots are named after their creation time. */
static int
testAssignName(const void *opaque)
{
    g_autoptr(virDomainSnapshotDef) def = virDomainSnapshotDefParseString(
        "<domainsnapshot><description>x</description></domainsnapshot>", 0, NULL);
    g_autofree char *want = NULL;

    if (!def || def->name)
        return -1;
    virDomainSnapshotDefAssignName(def);
    want = g_strdup_printf("%lld", def->creationTime);
    return def->creationTime > 1600000000 && g_strcmp0(def->name, want) == 0 ? 0 : -1;
}

static virDomainSnapshotDef *
testSnapDef(const char *name, const char *parent)
{
    virDomainSnapshotDef *def = virDomainSnapshotDefNew();

    def->name = g_strdup(name);
    def->parentName = g_strdup(parent);
    def->state = VIR_DOMAIN_SNAPSHOT_STATE_SHUTOFF;
    return def;
}

static char *
testNames(GPtrArray *snaps)
{
    GString *out = g_string_new(NULL);
    size_t i;

    for (i = 0; i < snaps->len; i++)
        g_string_append_printf(out, "%s%s", i ? " " : "",
                               ((virDomainSnapshotObj *)g_ptr_array_index(snaps, i))->def->name);
    return g_string_free(out, FALSE);
}

#define CHECK_LIST(list, from, flags, want) \
    do { \
        g_autoptr(GPtrArray) found = virDomainSnapshotListFiltered(list, from, flags); \
        g_autofree char *got = testNames(found); \
        if (strcmp(got, want) != 0) { \
            fprintf(stderr, "line %d: got '%s', want '%s'\n", __LINE__, got, want); \
            return -1; \
        } \
    } while (0)

/* The tree: loading children before parents, filters, removal. */
static int
testTree(const void *opaque)
{
    g_autoptr(virDomainSnapshotObjList) list = virDomainSnapshotObjListNew();
    virDomainSnapshotDef *def;
    virDomainSnapshotObj *a;
    virDomainSnapshotObj *b;

    def = testSnapDef("c", "b");
    virDomainSnapshotAssign(list, &def);
    def = testSnapDef("a", NULL);
    a = virDomainSnapshotAssign(list, &def);
    def = testSnapDef("b", "a");
    b = virDomainSnapshotAssign(list, &def);
    def = testSnapDef("d", "a");
    virDomainSnapshotAssign(list, &def);

    CHECK_LIST(list, NULL, 0, "c a b d");
    CHECK_LIST(list, NULL, VIR_DOMAIN_SNAPSHOT_LIST_ROOTS, "a");
    CHECK_LIST(list, NULL, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES, "c d");
    CHECK_LIST(list, NULL, VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES, "a b");
    CHECK_LIST(list, NULL, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL, "a b c d");
    CHECK_LIST(list, NULL, VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA, "");
    CHECK_LIST(list, NULL, VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE, "");
    CHECK_LIST(list, NULL, VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL,
               "c a b d");
    CHECK_LIST(list, a, 0, "b d");
    CHECK_LIST(list, a, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS, "b c d");

    /* b goes: c moves up to a. */
    virDomainSnapshotSetCurrent(list, b);
    virDomainSnapshotRemove(list, b);
    if (virDomainSnapshotGetCurrent(list) || virDomainSnapshotCount(list) != 3)
        return -1;
    CHECK_LIST(list, a, 0, "d c");
    if (g_strcmp0(virDomainSnapshotFindByName(list, "c")->def->parentName, "a") != 0)
        return -1;
    {
        g_autoptr(GPtrArray) all = virDomainSnapshotDescendants(a, true);
        g_autofree char *got = testNames(all);

        if (strcmp(got, "d c a") != 0) {
            fprintf(stderr, "descendants: %s\n", got);
            return -1;
        }
    }
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

#define DO_TEST_FULL(name, mode) \
    do { \
        static const testInfo info = { name, mode }; \
        if (virTestRun("xml2xml " name, testCompareXMLToXML, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST_ERR(name, mode) \
    do { \
        static const testInfo info = { name, mode }; \
        if (virTestRun("xml2err " name, testCompareXMLToError, &info) < 0) \
            ret = -1; \
    } while (0)

    DO_TEST_FULL("name-only", TEST_NEW);
    DO_TEST_FULL("description-disks", TEST_NEW);
    DO_TEST_FULL("memory-external", TEST_NEW);
    DO_TEST_FULL("disk-only-offline", TEST_OFFLINE);
    DO_TEST_FULL("redefine-running", TEST_REDEFINE);
    DO_TEST_FULL("redefine-no-domain", TEST_REDEFINE);
    DO_TEST_FULL("internal-current", TEST_INTERNAL);
    DO_TEST_FULL("internal-disk-snapshot", TEST_INTERNAL);

    DO_TEST_ERR("err-malformed", TEST_NEW);
    DO_TEST_ERR("err-root", TEST_NEW);
    DO_TEST_ERR("err-disk-no-name", TEST_NEW);
    DO_TEST_ERR("err-disk-relative", TEST_NEW);
    DO_TEST_ERR("err-disk-type-dir", TEST_NEW);
    DO_TEST_ERR("err-disk-driver", TEST_NEW);
    DO_TEST_ERR("err-memory-file-internal", TEST_NEW);
    DO_TEST_ERR("err-memory-manual", TEST_NEW);
    DO_TEST_ERR("err-memory-offline", TEST_OFFLINE);
    DO_TEST_ERR("err-redefine-no-name", TEST_REDEFINE);
    DO_TEST_ERR("err-redefine-no-creation", TEST_REDEFINE);
    DO_TEST_ERR("err-redefine-no-state", TEST_REDEFINE);
    DO_TEST_ERR("err-redefine-bad-state", TEST_REDEFINE);
    DO_TEST_ERR("err-internal-no-active", TEST_INTERNAL);

    if (virTestRun("disk alignment", testAlignDisks, NULL) < 0)
        ret = -1;
    if (virTestRun("generated names", testAssignName, NULL) < 0)
        ret = -1;
    if (virTestRun("snapshot tree", testTree, NULL) < 0)
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
