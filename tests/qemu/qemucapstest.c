/* QEMU capabilities: XML formatted from recorded probes
 * (tests/data/qemucaps/qemu-*.json) with the host part read from the fake
 * trees of tests/data/hostcpu/, then one live probe of the installed QEMU.
 *
 * QEMUCAPS_RECORD=1 makes the live probe also rewrite the recorded JSON
 * (review the diff: it is the input of every other case). */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "qemu_capabilities.h"
#include "testutils.h"
#include "virerror.h"
#include "virfile.h"
#include "virhostcpu.h"
#include "virsysinfo.h"

#define RECORDED_X86_64 "qemu-7.2.0-x86_64.json"
#define RECORDED_I386 "qemu-7.2.0-i386.json"

static qemuCaps *
testLoadRecorded(const char *name)
{
    g_autofree char *path = virTestDataPath("qemucaps", name);

    return qemuCapsNewFromFile(path);
}

static int
testRecordedAPI(const void *opaque)
{
    g_autoptr(qemuCaps) caps = testLoadRecorded(RECORDED_X86_64);

    if (!caps)
        return -1;
    if (qemuCapsGetVersion(caps) / 1000 != 7002 ||
        g_strcmp0(qemuCapsGetArch(caps), "x86_64") != 0 ||
        g_strcmp0(qemuCapsGetDefaultMachine(caps), "pc-i440fx-7.2") != 0 ||
        g_strcmp0(qemuCapsCanonicalMachine(caps, "pc"), "pc-i440fx-7.2") != 0 ||
        g_strcmp0(qemuCapsCanonicalMachine(caps, "q35"), "pc-q35-7.2") != 0 ||
        g_strcmp0(qemuCapsCanonicalMachine(caps, "pc-q35-6.2"), "pc-q35-6.2") != 0 ||
        qemuCapsCanonicalMachine(caps, "no-such-machine") != NULL ||
        qemuCapsGetMachineMaxCpus(caps, "pc") != 255 ||
        qemuCapsGetMachineMaxCpus(caps, "pc-q35-7.2") != 288 ||
        qemuCapsGetMachineMaxCpus(caps, "bogus") != 0 ||
        !qemuCapsHasKVM(caps) ||
        !qemuCapsHasCommand(caps, "blockdev-add") ||
        qemuCapsHasCommand(caps, "no-such-command") ||
        !qemuCapsHasType(caps, "virtio-blk-pci")) {
        fprintf(stderr, "unexpected values from the recorded probe\n");
        return -1;
    }
    return 0;
}

/* What is loaded is saved back unchanged. */
static int
testRoundTrip(const void *opaque)
{
    const char *name = opaque;
    g_autofree char *path = virTestDataPath("qemucaps", name);
    g_autoptr(qemuCaps) caps = qemuCapsNewFromFile(path);
    g_autofree char *json = NULL;

    if (!caps)
        return -1;
    json = qemuCapsToJSON(caps);
    return virTestCompareToFile(json, path);
}

static void
testSetHost(const char *tree)
{
    g_autofree char *root = tree ? virTestDataPath("hostcpu", tree) : NULL;

    virHostCPUSetRoot(root);
    virSysinfoSetRoot(root);
}

/* A cache that knows the recorded probes and never runs QEMU. */
static qemuCapsCache *
testRecordedCache(void)
{
    g_autoptr(qemuCapsCache) cache = qemuCapsCacheNew(NULL);
    g_autoptr(qemuCaps) x86 = testLoadRecorded(RECORDED_X86_64);
    g_autoptr(qemuCaps) i386 = testLoadRecorded(RECORDED_I386);

    if (!x86 || !i386)
        return NULL;
    qemuCapsCacheInsert(cache, x86);
    qemuCapsCacheInsert(cache, i386);
    return g_steal_pointer(&cache);
}

static int
testCapabilities(const void *opaque)
{
    const char *tree = opaque;
    g_autofree char *file = g_strdup_printf("caps-%s.xml", tree);
    g_autofree char *expected = virTestDataPath("qemucaps", file);
    g_autoptr(qemuCapsCache) cache = testRecordedCache();
    g_autofree char *xml = NULL;
    int ret = -1;

    if (!cache)
        return -1;
    testSetHost(tree);
    if ((xml = qemuCapsFormatCapabilities(cache, "/usr/bin/qemu-system-x86_64")))
        ret = virTestCompareToFile(xml, expected);
    testSetHost(NULL);
    return ret;
}

typedef struct {
    const char *name;           /* output: domcaps-NAME.xml or .err */
    const char *arch;
    const char *machine;
    const char *virttype;
} testDomCapsCase;

static int
testDomainCapabilities(const void *opaque)
{
    const testDomCapsCase *tc = opaque;
    g_autoptr(qemuCaps) caps = testLoadRecorded(RECORDED_X86_64);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *file = NULL;
    g_autofree char *expected = NULL;

    if (!caps)
        return -1;
    xml = qemuCapsFormatDomainCapabilities(caps, NULL, tc->arch, tc->machine, tc->virttype);
    if (xml) {
        file = g_strdup_printf("domcaps-%s.xml", tc->name);
        actual = g_steal_pointer(&xml);
    } else {
        const virErrorInfo *err = virErrorGetLast();

        file = g_strdup_printf("domcaps-%s.err", tc->name);
        actual = g_strdup_printf("%d: %s\n", err ? err->code : -1,
                                 err && err->message ? err->message : "(none)");
        virErrorReset();
    }
    expected = virTestDataPath("qemucaps", file);
    return virTestCompareToFile(actual, expected);
}

/* The host UUID falls back to one kept in the cache dir. */
static int
testHostUUIDFallback(const void *opaque)
{
    g_autofree char *dir = g_dir_make_tmp("qemucapstest-XXXXXX", NULL);
    g_autofree char *uuidFile = g_build_filename(dir, "host-uuid", NULL);
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;
    g_autofree char *saved = NULL;
    int ret = -1;

    testSetHost("proc-only");
    {
        g_autoptr(qemuCapsCache) cache = qemuCapsCacheNew(dir);
        g_autoptr(qemuCaps) x86 = testLoadRecorded(RECORDED_X86_64);

        qemuCapsCacheInsert(cache, x86);
        first = qemuCapsFormatCapabilities(cache, "/usr/bin/qemu-system-x86_64");
    }
    {
        g_autoptr(qemuCapsCache) cache = qemuCapsCacheNew(dir);
        g_autoptr(qemuCaps) x86 = testLoadRecorded(RECORDED_X86_64);

        qemuCapsCacheInsert(cache, x86);
        second = qemuCapsFormatCapabilities(cache, "/usr/bin/qemu-system-x86_64");
    }
    testSetHost(NULL);

    if (!first || !second || !g_file_get_contents(uuidFile, &saved, NULL, NULL))
        goto cleanup;
    g_strstrip(saved);
    if (strlen(saved) != 36 || !strstr(first, saved) || strcmp(first, second) != 0) {
        fprintf(stderr, "host UUID '%s' not kept across caches\n", saved);
        goto cleanup;
    }
    ret = 0;
 cleanup:
    unlink(uuidFile);
    rmdir(dir);
    return ret;
}

/* ---- live ---- */

static int
testRemoveTree(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);

        unlink(path);
    }
    return rmdir(dir);
}

static void
testRecord(qemuCaps *caps, const char *name)
{
    g_autofree char *path = virTestDataPath("qemucaps", name);
    g_autofree char *json = qemuCapsToJSON(caps);

    if (g_getenv("QEMUCAPS_RECORD") && virFileWriteStrAtomic(path, json, 0644) == 0)
        fprintf(stderr, "recorded %s\n", path);
}

static int
testLiveProbe(const void *opaque)
{
    const char *binary = QEMU_DEFAULT_EMULATOR;
    g_autofree char *dir = g_dir_make_tmp("qemucapstest-XXXXXX", NULL);
    g_autoptr(qemuCapsCache) cache = NULL;
    g_autoptr(qemuCaps) caps = NULL;
    g_autoptr(qemuCaps) again = NULL;
    g_autoptr(qemuCaps) reloaded = NULL;
    g_autoptr(GDir) d = NULL;
    g_autofree char *cacheFile = NULL;
    g_autofree char *json = NULL;
    g_autofree char *domcaps = NULL;
    const char *pc;
    const char *q35;
    const char *name;
    int ret = -1;

    if (access(binary, X_OK) < 0) {
        fprintf(stderr, "%s not installed, nothing to probe\n", binary);
        testRemoveTree(dir);
        return 0;
    }

    cache = qemuCapsCacheNew(dir);
    if (!(caps = qemuCapsCacheLookup(cache, binary)))
        goto cleanup;
    pc = qemuCapsCanonicalMachine(caps, "pc");
    q35 = qemuCapsCanonicalMachine(caps, "q35");
    if (!pc || !g_str_has_prefix(pc, "pc-i440fx-") ||
        !q35 || !g_str_has_prefix(q35, "pc-q35-") ||
        g_strcmp0(qemuCapsCanonicalMachine(caps, pc), pc) != 0 ||
        qemuCapsGetMachineMaxCpus(caps, q35) == 0 ||
        qemuCapsGetVersion(caps) < 1000000) {
        fprintf(stderr, "odd probe: pc=%s q35=%s version=%llu\n",
                pc ? pc : "-", q35 ? q35 : "-", qemuCapsGetVersion(caps));
        goto cleanup;
    }
    if (!(domcaps = qemuCapsFormatDomainCapabilities(caps, NULL, NULL, "q35", "qemu")) ||
        !strstr(domcaps, q35))
        goto cleanup;

    /* The same cache hands out the same object. */
    if (!(again = qemuCapsCacheLookup(cache, binary)) || again != caps)
        goto cleanup;

    /* A new cache (a restarted daemon) reads the file instead of probing:
     * mark the file to tell the two apart. */
    d = g_dir_open(dir, 0, NULL);
    while (d && (name = g_dir_read_name(d))) {
        if (g_str_has_suffix(name, ".json"))
            cacheFile = g_build_filename(dir, name, NULL);
    }
    if (!cacheFile || !g_file_get_contents(cacheFile, &json, NULL, NULL))
        goto cleanup;
    {
        g_autofree char *pkg = g_strdup_printf("\"package\": \"%s\"", qemuCapsGetPackage(caps));
        char *at = strstr(json, pkg);
        g_autofree char *marked = NULL;

        if (!at)
            goto cleanup;
        *at = '\0';
        marked = g_strdup_printf("%s\"package\": \"from-the-cache-file\"%s", json, at + strlen(pkg));
        if (virFileWriteStrAtomic(cacheFile, marked, 0644) < 0)
            goto cleanup;
    }
    qemuCapsCacheFree(g_steal_pointer(&cache));
    cache = qemuCapsCacheNew(dir);
    if (!(reloaded = qemuCapsCacheLookup(cache, binary)) ||
        strcmp(qemuCapsGetPackage(reloaded), "from-the-cache-file") != 0) {
        fprintf(stderr, "the cache file was not used\n");
        goto cleanup;
    }

    testRecord(caps, RECORDED_X86_64);
    if (g_getenv("QEMUCAPS_RECORD")) {
        g_autoptr(qemuCaps) i386 = qemuCapsCacheLookup(cache, "/usr/bin/qemu-system-i386");

        if (i386)
            testRecord(i386, RECORDED_I386);
    }
    ret = 0;
 cleanup:
    testRemoveTree(dir);
    return ret;
}

static int
testMissingBinary(const void *opaque)
{
    g_autoptr(qemuCapsCache) cache = qemuCapsCacheNew(NULL);
    g_autoptr(qemuCaps) caps = qemuCapsCacheLookup(cache, "/nonexistent/qemu-system-x86_64");
    const virErrorInfo *err = virErrorGetLast();

    if (caps || !err || !strstr(err->message, "/nonexistent/qemu-system-x86_64"))
        return -1;
    return 0;
}

static int
mymain(void)
{
    static const char *const trees[] = { "amd-2core", "intel-2node-ht" };
    static const testDomCapsCase domcaps[] = {
        { "default", NULL, NULL, NULL },
        { "kvm-q35", "x86_64", "q35", "kvm" },
        { "qemu-pc", NULL, "pc", "qemu" },
        { "bad-machine", NULL, "no-such-machine", NULL },
        { "none-machine", NULL, "none", NULL },
        { "bad-virttype", NULL, NULL, "xen" },
        { "bad-arch", "sparc99", NULL, NULL },
        { "other-arch", "aarch64", NULL, NULL },
    };
    int ret = 0;
    size_t i;

    if (virTestRun("recorded probe: API", testRecordedAPI, NULL) < 0)
        ret = -1;
    if (virTestRun("round trip x86_64", testRoundTrip, RECORDED_X86_64) < 0)
        ret = -1;
    if (virTestRun("round trip i386", testRoundTrip, RECORDED_I386) < 0)
        ret = -1;
    for (i = 0; i < G_N_ELEMENTS(trees); i++) {
        g_autofree char *title = g_strdup_printf("capabilities on %s", trees[i]);

        if (virTestRun(title, testCapabilities, trees[i]) < 0)
            ret = -1;
    }
    for (i = 0; i < G_N_ELEMENTS(domcaps); i++) {
        g_autofree char *title = g_strdup_printf("domcapabilities %s", domcaps[i].name);

        if (virTestRun(title, testDomainCapabilities, &domcaps[i]) < 0)
            ret = -1;
    }
    if (virTestRun("host UUID fallback", testHostUUIDFallback, NULL) < 0)
        ret = -1;
    if (virTestRun("missing binary", testMissingBinary, NULL) < 0)
        ret = -1;
    if (virTestRun("live probe of " QEMU_DEFAULT_EMULATOR, testLiveProbe, NULL) < 0)
        ret = -1;
    if (virTestCheckUnusedFiles("qemucaps") < 0)
        ret = -1;
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
