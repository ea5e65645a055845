/* Host facts from fake /proc and /sys trees (tests/data/hostcpu/CASE/):
 * `virsh nodeinfo` text and free memory in CASE.nodeinfo, `virsh sysinfo`
 * in CASE.sysinfo (or the error it reports). */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "testutils.h"
#include "virerror.h"
#include "virhostcpu.h"
#include "virsysinfo.h"
#include "viruuid.h"

static void
testSetRoot(const char *name)
{
    g_autofree char *root = virTestDataPath("hostcpu", name);

    virHostCPUSetRoot(root);
    virSysinfoSetRoot(root);
}

static void
testResetRoot(void)
{
    virHostCPUSetRoot(NULL);
    virSysinfoSetRoot(NULL);
}

/* The layout virsh prints, so the golden files read like the real thing. */
static char *
testFormatNodeInfo(const virHostCPUNodeInfo *info, unsigned long long freeMem)
{
    return g_strdup_printf("CPU model:           %s\n"
                           "CPU(s):              %u\n"
                           "CPU frequency:       %u MHz\n"
                           "CPU socket(s):       %u\n"
                           "Core(s) per socket:  %u\n"
                           "Thread(s) per core:  %u\n"
                           "NUMA cell(s):        %u\n"
                           "Memory size:         %llu KiB\n"
                           "Free memory:         %llu bytes\n",
                           info->model, info->cpus, info->mhz, info->sockets,
                           info->cores, info->threads, info->nodes, info->memory,
                           freeMem);
}

static int
testNodeInfo(const void *opaque)
{
    const char *name = opaque;
    g_autofree char *file = g_strdup_printf("%s.nodeinfo", name);
    g_autofree char *expected = virTestDataPath("hostcpu", file);
    g_autofree char *actual = NULL;
    virHostCPUNodeInfo info;
    unsigned long long freeMem;
    int ret = -1;

    testSetRoot(name);
    if (virHostCPUGetNodeInfo(&info) < 0)
        goto cleanup;
    freeMem = virHostMemGetFree();
    actual = testFormatNodeInfo(&info, freeMem);
    ret = virTestCompareToFile(actual, expected);
 cleanup:
    testResetRoot();
    return ret;
}

static int
testSysinfo(const void *opaque)
{
    const char *name = opaque;
    g_autofree char *file = g_strdup_printf("%s.sysinfo", name);
    g_autofree char *expected = virTestDataPath("hostcpu", file);
    g_autoptr(GString) actual = g_string_new(NULL);
    unsigned char uuid[VIR_UUID_BUFLEN];
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    g_autofree char *xml = NULL;

    testSetRoot(name);
    xml = virSysinfoFormat();
    if (xml) {
        g_string_append(actual, xml);
    } else {
        const virErrorInfo *err = virErrorGetLast();

        g_string_append_printf(actual, "error %d/%d: %s\n", err ? err->domain : -1,
                               err ? err->code : -1,
                               err && err->message ? err->message : "(none)");
    }
    if (virSysinfoGetHostUUID(uuid) == 0)
        g_string_append_printf(actual, "host uuid: %s\n", virUUIDFormat(uuid, uuidstr));
    else
        g_string_append(actual, "host uuid: none\n");
    testResetRoot();
    virErrorReset();
    return virTestCompareToFile(actual->str, expected);
}

/* Topology details the nodeinfo summary does not show. */
static int
testTopology(const void *opaque)
{
    const char *name = opaque;
    g_autofree char *file = g_strdup_printf("%s.topology", name);
    g_autofree char *expected = virTestDataPath("hostcpu", file);
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(virHostNUMA) numa = NULL;
    g_autoptr(virHostCPUDesc) desc = NULL;
    virHostCacheBank *banks = NULL;
    size_t nbanks = 0;
    size_t i;
    size_t j;
    int ret = -1;

    testSetRoot(name);
    if (!(numa = virHostNUMAGetTopology()) || !(desc = virHostCPUGetDesc()) ||
        virHostCPUGetCaches(&banks, &nbanks) < 0)
        goto cleanup;

    g_string_append_printf(out, "cpu: vendor=%s model=%s sig=%d:%u/%u/%u microcode=%d:%llu "
                           "physbits=%u mhz=%u topology=%u/%u/%u/%u flags=%u\n",
                           desc->vendor ? desc->vendor : "-",
                           desc->modelName ? desc->modelName : "-",
                           desc->hasSignature, desc->family, desc->model, desc->stepping,
                           desc->hasMicrocode, desc->microcode, desc->physBits, desc->mhz,
                           desc->sockets, desc->dies, desc->cores, desc->threads,
                           g_strv_length(desc->flags));
    for (i = 0; i < numa->ncells; i++) {
        virHostCell *cell = &numa->cells[i];

        g_string_append_printf(out, "cell %u: memory=%llu", cell->id, cell->memory);
        for (j = 0; j < cell->npages; j++)
            g_string_append_printf(out, " pages[%u]=%llu", cell->pages[j].size, cell->pages[j].count);
        for (j = 0; j < cell->ndistances; j++)
            g_string_append_printf(out, " dist[%u]=%u", cell->distanceIds[j], cell->distances[j]);
        g_string_append_c(out, '\n');
        for (j = 0; j < cell->ncpus; j++)
            g_string_append_printf(out, "  cpu %u: socket=%d die=%d core=%d siblings=%s\n",
                                   cell->cpus[j].id, cell->cpus[j].socketId, cell->cpus[j].dieId,
                                   cell->cpus[j].coreId, cell->cpus[j].siblings);
    }
    for (i = 0; i < nbanks; i++)
        g_string_append_printf(out, "cache id=%u level=%u type=%s size=%llu cpus=%s\n",
                               banks[i].id, banks[i].level, banks[i].type, banks[i].size,
                               banks[i].cpus);
    g_string_append_printf(out, "iommu: %s\n", virHostIOMMUEnabled() ? "yes" : "no");
    ret = virTestCompareToFile(out->str, expected);
 cleanup:
    virHostCacheBanksFree(banks, nbanks);
    testResetRoot();
    return ret;
}

static int
testParseList(const void *opaque)
{
    static const struct {
        const char *in;
        const char *out;    /* NULL: must be rejected */
    } cases[] = {
        { "0", "0" },
        { "0-3\n", "0 1 2 3" },
        { "0-1,4-5,8", "0 1 4 5 8" },
        { "", "" },
        { "1-0", NULL },
        { "a", NULL },
        { "3,", NULL },
        { "0-99999", NULL },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GArray) cpus = NULL;
        g_autoptr(GString) got = g_string_new(NULL);
        size_t j;
        int rc = virHostCPUParseList(cases[i].in, &cpus);

        if (!cases[i].out) {
            if (rc == 0) {
                fprintf(stderr, "'%s' should be rejected\n", cases[i].in);
                return -1;
            }
            continue;
        }
        if (rc < 0) {
            fprintf(stderr, "'%s' rejected\n", cases[i].in);
            return -1;
        }
        for (j = 0; j < cpus->len; j++)
            g_string_append_printf(got, "%s%u", j ? " " : "", g_array_index(cpus, unsigned int, j));
        if (strcmp(got->str, cases[i].out) != 0) {
            fprintf(stderr, "'%s' gave '%s', expected '%s'\n", cases[i].in, got->str, cases[i].out);
            return -1;
        }
    }
    return 0;
}

static int
mymain(void)
{
    static const char *const hosts[] = {
        "amd-2core", "intel-2node-ht", "nonuma-offline", "proc-only",
    };
    int ret = 0;
    size_t i;

    if (virTestRun("CPU list parsing", testParseList, NULL) < 0)
        ret = -1;
    for (i = 0; i < G_N_ELEMENTS(hosts); i++) {
        g_autofree char *t1 = g_strdup_printf("nodeinfo %s", hosts[i]);
        g_autofree char *t2 = g_strdup_printf("topology %s", hosts[i]);
        g_autofree char *t3 = g_strdup_printf("sysinfo %s", hosts[i]);

        if (virTestRun(t1, testNodeInfo, hosts[i]) < 0)
            ret = -1;
        if (virTestRun(t2, testTopology, hosts[i]) < 0)
            ret = -1;
        if (virTestRun(t3, testSysinfo, hosts[i]) < 0)
            ret = -1;
    }
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
