#include "virhostcpu.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NONE

VIR_LOG_INIT("util.hostcpu");

#define SYSFS_CPU "/sys/devices/system/cpu"
#define SYSFS_NODE "/sys/devices/system/node"
#define SYSFS_HUGEPAGES "/sys/kernel/mm/hugepages"

static char *hostRoot;

void
virHostCPUSetRoot(const char *root)
{
    g_clear_pointer(&hostRoot, g_free);
    if (root && *root)
        hostRoot = g_strdup(root);
}

static char *
virHostCPUPath(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static char *
virHostCPUPath(const char *fmt, ...)
{
    g_autofree char *path = NULL;
    va_list ap;

    va_start(ap, fmt);
    path = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (!hostRoot)
        return g_steal_pointer(&path);
    return g_build_filename(hostRoot, path, NULL);
}

/* Optional files: NULL, silently, when missing or unreadable. */
static char *
virHostCPURead(const char *path)
{
    char *buf = NULL;

    if (!g_file_get_contents(path, &buf, NULL, NULL))
        return NULL;
    return buf;
}

static int
virHostCPUReadULL(const char *path, unsigned long long *val)
{
    g_autofree char *buf = virHostCPURead(path);
    char *end;

    if (!buf)
        return -1;
    errno = 0;
    *val = strtoull(buf, &end, 10);
    if (errno || end == buf)
        return -1;
    return 0;
}

static int
virHostCPUReadInt(const char *path, int *val)
{
    g_autofree char *buf = virHostCPURead(path);
    char *end;
    long v;

    if (!buf)
        return -1;
    errno = 0;
    v = strtol(buf, &end, 10);
    if (errno || end == buf)
        return -1;
    *val = v;
    return 0;
}

int
virHostCPUParseList(const char *str, GArray **cpus)
{
    g_autoptr(GArray) list = g_array_new(FALSE, FALSE, sizeof(unsigned int));
    g_auto(GStrv) parts = NULL;
    g_autofree char *copy = g_strstrip(g_strdup(str));
    size_t i;

    if (*copy) {
        parts = g_strsplit(copy, ",", -1);
        for (i = 0; parts[i]; i++) {
            unsigned long long first;
            unsigned long long last;
            char *end;

            errno = 0;
            first = strtoull(parts[i], &end, 10);
            if (errno || end == parts[i])
                return -1;
            last = first;
            if (*end == '-') {
                char *start = end + 1;

                last = strtoull(start, &end, 10);
                if (errno || end == start || last < first)
                    return -1;
            }
            if (*end || last > 65535)
                return -1;
            for (; first <= last; first++) {
                unsigned int cpu = first;
                g_array_append_val(list, cpu);
            }
        }
    }
    *cpus = g_steal_pointer(&list);
    return 0;
}

/* The value of "key : value" lines of a /proc file (cpuinfo, meminfo). */
static const char *
virHostCPUField(char **lines, const char *key)
{
    size_t len = strlen(key);
    size_t i;

    for (i = 0; lines[i]; i++) {
        const char *p;

        if (strncmp(lines[i], key, len) != 0)
            continue;
        p = lines[i] + len;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != ':')
            continue;
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        return p;
    }
    return NULL;
}

/* The first processor's block of /proc/cpuinfo, split into lines. */
static char **
virHostCPUReadCpuinfo(void)
{
    g_autofree char *path = virHostCPUPath("/proc/cpuinfo");
    g_autofree char *buf = virHostCPURead(path);
    char *end;

    if (!buf)
        return NULL;
    if ((end = strstr(buf, "\n\n")))
        *end = '\0';
    return g_strsplit(buf, "\n", -1);
}

/* A "Key: 123 kB" value of a meminfo file, in KiB. */
static int
virHostCPUMeminfo(const char *path, const char *key, unsigned long long *kib)
{
    g_autofree char *buf = virHostCPURead(path);
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!buf)
        return -1;
    lines = g_strsplit(buf, "\n", -1);
    for (i = 0; lines[i]; i++) {
        /* Per-node files prefix each line with "Node N ". */
        const char *p = lines[i];
        const char *val;

        if (g_str_has_prefix(p, "Node ")) {
            p += strlen("Node ");
            while (g_ascii_isdigit(*p))
                p++;
            while (*p == ' ')
                p++;
        }
        if (!g_str_has_prefix(p, key) || p[strlen(key)] != ':')
            continue;
        val = p + strlen(key) + 1;
        *kib = g_ascii_strtoull(val, NULL, 10);
        return 0;
    }
    return -1;
}

/* Without sysfs: number the processors /proc/cpuinfo lists. */
static GArray *
virHostCPUCountCpuinfo(void)
{
    g_autofree char *path = virHostCPUPath("/proc/cpuinfo");
    g_autofree char *buf = virHostCPURead(path);
    g_autoptr(GArray) cpus = g_array_new(FALSE, FALSE, sizeof(unsigned int));
    g_auto(GStrv) lines = NULL;
    unsigned int n = 0;
    size_t i;

    if (!buf)
        return NULL;
    lines = g_strsplit(buf, "\n", -1);
    for (i = 0; lines[i]; i++) {
        if (g_str_has_prefix(lines[i], "processor")) {
            g_array_append_val(cpus, n);
            n++;
        }
    }
    if (cpus->len == 0)
        return NULL;
    return g_steal_pointer(&cpus);
}

static GArray *
virHostCPUGetOnline(void)
{
    g_autofree char *path = virHostCPUPath(SYSFS_CPU "/online");
    g_autofree char *buf = virHostCPURead(path);
    g_autoptr(GArray) cpus = NULL;

    if (buf && virHostCPUParseList(buf, &cpus) == 0 && cpus->len > 0)
        return g_steal_pointer(&cpus);
    return virHostCPUCountCpuinfo();
}

int
virHostCPUGetMap(unsigned char **cpumap, unsigned int *online)
{
    g_autofree char *path = virHostCPUPath(SYSFS_CPU "/present");
    g_autofree char *buf = virHostCPURead(path);
    g_autoptr(GArray) present = NULL;
    g_autoptr(GArray) up = virHostCPUGetOnline();
    unsigned int ncpus;
    size_t i;

    if (!buf || virHostCPUParseList(buf, &present) < 0 || present->len == 0 || !up) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot read the host's CPU list");
        return -1;
    }
    /* CPUs are numbered from 0: the map is as long as the highest present. */
    ncpus = g_array_index(present, unsigned int, present->len - 1) + 1;
    if (cpumap) {
        *cpumap = g_new0(unsigned char, (ncpus + 7) / 8);
        for (i = 0; i < up->len; i++) {
            unsigned int cpu = g_array_index(up, unsigned int, i);

            if (cpu < ncpus)
                (*cpumap)[cpu / 8] |= 1 << (cpu % 8);
        }
    }
    if (online)
        *online = up->len;
    return ncpus;
}

/* Online NUMA nodes, or NULL when the host shows no NUMA in sysfs. */
static GArray *
virHostCPUGetNodes(void)
{
    g_autofree char *path = virHostCPUPath(SYSFS_NODE "/online");
    g_autofree char *buf = virHostCPURead(path);
    GArray *nodes = NULL;

    if (!buf || virHostCPUParseList(buf, &nodes) < 0)
        return NULL;
    if (nodes->len == 0)
        g_clear_pointer(&nodes, g_array_unref);
    return nodes;
}

static bool
virHostCPUListHas(GArray *list, unsigned int val)
{
    size_t i;

    for (i = 0; i < list->len; i++) {
        if (g_array_index(list, unsigned int, i) == val)
            return true;
    }
    return false;
}

/* The online CPUs of one node (all online CPUs when node is -1). */
static GArray *
virHostCPUNodeCPUs(int node, GArray *online)
{
    g_autoptr(GArray) listed = NULL;
    GArray *cpus = g_array_new(FALSE, FALSE, sizeof(unsigned int));
    size_t i;

    if (node >= 0) {
        g_autofree char *path = virHostCPUPath(SYSFS_NODE "/node%d/cpulist", node);
        g_autofree char *buf = virHostCPURead(path);

        if (!buf || virHostCPUParseList(buf, &listed) < 0)
            return cpus;
    }
    for (i = 0; i < online->len; i++) {
        unsigned int cpu = g_array_index(online, unsigned int, i);

        if (!listed || virHostCPUListHas(listed, cpu))
            g_array_append_val(cpus, cpu);
    }
    return cpus;
}

/* Where one CPU sits; without topology files each CPU is its own core of
 * socket 0. */
static void
virHostCPUGetTopology(unsigned int cpu, virHostCellCPU *out)
{
    g_autofree char *sock = virHostCPUPath(SYSFS_CPU "/cpu%u/topology/physical_package_id", cpu);
    g_autofree char *die = virHostCPUPath(SYSFS_CPU "/cpu%u/topology/die_id", cpu);
    g_autofree char *core = virHostCPUPath(SYSFS_CPU "/cpu%u/topology/core_id", cpu);
    g_autofree char *sibl = virHostCPUPath(SYSFS_CPU "/cpu%u/topology/thread_siblings_list", cpu);

    out->id = cpu;
    if (virHostCPUReadInt(sock, &out->socketId) < 0)
        out->socketId = 0;
    if (virHostCPUReadInt(die, &out->dieId) < 0)
        out->dieId = 0;
    if (virHostCPUReadInt(core, &out->coreId) < 0)
        out->coreId = cpu;
    if (!(out->siblings = virHostCPURead(sibl)))
        out->siblings = g_strdup_printf("%u", cpu);
    g_strstrip(out->siblings);
}

typedef struct {
    unsigned int nodes;
    unsigned int sockets;   /* per node */
    unsigned int dies;      /* per socket */
    unsigned int cores;     /* per die */
    unsigned int threads;   /* per core */
    unsigned int cpus;
} virHostCPULayout;

/* Counts the distinct ids at each level of each node and keeps the largest
 * count seen. */
static int
virHostCPUGetLayout(virHostCPULayout *layout)
{
    g_autoptr(GArray) online = virHostCPUGetOnline();
    g_autoptr(GArray) nodes = virHostCPUGetNodes();
    size_t n;

    memset(layout, 0, sizeof(*layout));
    if (!online) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot find the host's online CPUs");
        return -1;
    }
    layout->cpus = online->len;
    layout->nodes = nodes ? nodes->len : 1;

    for (n = 0; n < layout->nodes; n++) {
        int node = nodes ? (int)g_array_index(nodes, unsigned int, n) : -1;
        g_autoptr(GArray) cpus = virHostCPUNodeCPUs(node, online);
        /* "socket", "socket:die" and "socket:die:core" -> CPUs seen there */
        g_autoptr(GHashTable) sockets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GHashTable) dies = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GHashTable) cores = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        GHashTableIter iter;
        gpointer val;
        size_t i;

        for (i = 0; i < cpus->len; i++) {
            virHostCellCPU cpu = { 0 };
            char *key;

            virHostCPUGetTopology(g_array_index(cpus, unsigned int, i), &cpu);
            g_free(cpu.siblings);
            g_hash_table_add(sockets, g_strdup_printf("%d", cpu.socketId));
            g_hash_table_add(dies, g_strdup_printf("%d:%d", cpu.socketId, cpu.dieId));
            key = g_strdup_printf("%d:%d:%d", cpu.socketId, cpu.dieId, cpu.coreId);
            val = g_hash_table_lookup(cores, key);
            g_hash_table_insert(cores, key, GUINT_TO_POINTER(GPOINTER_TO_UINT(val) + 1));
        }
        if (cpus->len == 0)
            continue;

        layout->sockets = MAX(layout->sockets, g_hash_table_size(sockets));
        layout->dies = MAX(layout->dies, g_hash_table_size(dies) / g_hash_table_size(sockets));
        layout->cores = MAX(layout->cores, g_hash_table_size(cores) / g_hash_table_size(dies));
        g_hash_table_iter_init(&iter, cores);
        while (g_hash_table_iter_next(&iter, NULL, &val))
            layout->threads = MAX(layout->threads, GPOINTER_TO_UINT(val));
    }

    if (layout->nodes * layout->sockets * layout->dies * layout->cores * layout->threads !=
        layout->cpus) {
        VIR_DEBUG("CPU layout %u*%u*%u*%u*%u does not add up to %u CPUs, reporting it flat",
                  layout->nodes, layout->sockets, layout->dies, layout->cores,
                  layout->threads, layout->cpus);
        layout->nodes = 1;
        layout->sockets = 1;
        layout->dies = 1;
        layout->cores = layout->cpus;
        layout->threads = 1;
    }
    return 0;
}

static unsigned int
virHostCPUGetMHz(char **cpuinfo)
{
    const char *mhz = cpuinfo ? virHostCPUField(cpuinfo, "cpu MHz") : NULL;
    g_autofree char *path = NULL;
    unsigned long long khz;

    if (mhz)
        return g_ascii_strtoull(mhz, NULL, 10);
    path = virHostCPUPath(SYSFS_CPU "/cpu0/cpufreq/cpuinfo_max_freq");
    if (virHostCPUReadULL(path, &khz) == 0)
        return khz / 1000;
    return 0;
}

static void
virHostCPUGetArch(char *buf, size_t len)
{
    struct utsname uts;

    if (uname(&uts) < 0)
        g_strlcpy(buf, "unknown", len);
    else
        g_strlcpy(buf, uts.machine, len);
}

int
virHostCPUGetNodeInfo(virHostCPUNodeInfo *info)
{
    g_autofree char *meminfo = virHostCPUPath("/proc/meminfo");
    g_auto(GStrv) cpuinfo = virHostCPUReadCpuinfo();
    virHostCPULayout layout;

    memset(info, 0, sizeof(*info));
    virHostCPUGetArch(info->model, sizeof(info->model));
    if (virHostCPUMeminfo(meminfo, "MemTotal", &info->memory) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot read MemTotal from '%s'", meminfo);
        return -1;
    }
    if (virHostCPUGetLayout(&layout) < 0)
        return -1;

    info->cpus = layout.cpus;
    info->mhz = virHostCPUGetMHz(cpuinfo);
    info->nodes = layout.nodes;
    info->sockets = layout.sockets;
    info->cores = layout.dies * layout.cores;
    info->threads = layout.threads;
    return 0;
}

/* Sum of MemFree over the nodes, in KiB; -1 if a node lacks it. */
static int
virHostMemGetNodesFree(GArray *nodes, unsigned long long *kib)
{
    size_t i;

    *kib = 0;
    for (i = 0; i < nodes->len; i++) {
        g_autofree char *path = virHostCPUPath(SYSFS_NODE "/node%u/meminfo",
                                               g_array_index(nodes, unsigned int, i));
        unsigned long long val;

        if (virHostCPUMeminfo(path, "MemFree", &val) < 0)
            return -1;
        *kib += val;
    }
    return 0;
}

unsigned long long
virHostMemGetFree(void)
{
    g_autoptr(GArray) nodes = virHostCPUGetNodes();
    g_autofree char *path = NULL;
    unsigned long long kib;

    if (nodes && virHostMemGetNodesFree(nodes, &kib) == 0)
        return kib * 1024;

    path = virHostCPUPath("/proc/meminfo");
    if (virHostCPUMeminfo(path, "MemFree", &kib) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot read MemFree from '%s'", path);
        return 0;
    }
    return kib * 1024;
}

void
virHostCPUDescFree(virHostCPUDesc *desc)
{
    if (!desc)
        return;
    g_free(desc->arch);
    g_free(desc->vendor);
    g_free(desc->modelName);
    g_strfreev(desc->flags);
    g_free(desc);
}

/* Splitting on runs of blanks leaves empty strings: drop them. */
static char **
virHostCPUSplitFlags(const char *text)
{
    g_auto(GStrv) parts = g_strsplit_set(text ? text : "", " \t", -1);
    GPtrArray *flags = g_ptr_array_new();
    size_t i;

    for (i = 0; parts[i]; i++) {
        if (*parts[i])
            g_ptr_array_add(flags, g_strdup(parts[i]));
    }
    g_ptr_array_add(flags, NULL);
    return (char **)g_ptr_array_free(flags, FALSE);
}

virHostCPUDesc *
virHostCPUGetDesc(void)
{
    g_autoptr(virHostCPUDesc) desc = g_new0(virHostCPUDesc, 1);
    g_auto(GStrv) cpuinfo = virHostCPUReadCpuinfo();
    char arch[32];
    virHostCPULayout layout;
    const char *val;

    virHostCPUGetArch(arch, sizeof(arch));
    desc->arch = g_strdup(arch);
    if (virHostCPUGetLayout(&layout) < 0)
        return NULL;
    desc->sockets = layout.sockets;
    desc->dies = layout.dies;
    desc->cores = layout.cores;
    desc->threads = layout.threads;
    desc->mhz = virHostCPUGetMHz(cpuinfo);

    if (!cpuinfo) {
        desc->flags = virHostCPUSplitFlags(NULL);
        return g_steal_pointer(&desc);
    }

    if ((val = virHostCPUField(cpuinfo, "vendor_id")))
        desc->vendor = g_strdup(val);
    if ((val = virHostCPUField(cpuinfo, "model name")))
        desc->modelName = g_strdup(val);
    if (virHostCPUField(cpuinfo, "cpu family") && virHostCPUField(cpuinfo, "model") &&
        virHostCPUField(cpuinfo, "stepping")) {
        desc->hasSignature = true;
        desc->family = g_ascii_strtoull(virHostCPUField(cpuinfo, "cpu family"), NULL, 10);
        desc->model = g_ascii_strtoull(virHostCPUField(cpuinfo, "model"), NULL, 10);
        desc->stepping = g_ascii_strtoull(virHostCPUField(cpuinfo, "stepping"), NULL, 10);
    }
    if ((val = virHostCPUField(cpuinfo, "microcode"))) {
        desc->hasMicrocode = true;
        desc->microcode = g_ascii_strtoull(val, NULL, 0);
    }
    if ((val = virHostCPUField(cpuinfo, "address sizes")))
        desc->physBits = g_ascii_strtoull(val, NULL, 10);
    desc->flags = virHostCPUSplitFlags(virHostCPUField(cpuinfo, "flags"));

    return g_steal_pointer(&desc);
}

static gint
virHostCPUCompareUInt(gconstpointer a, gconstpointer b)
{
    unsigned int x = *(const unsigned int *)a;
    unsigned int y = *(const unsigned int *)b;

    return x < y ? -1 : x > y;
}

/* Huge page sizes in KiB, ascending, from the names of the pool dirs. */
static GArray *
virHostCPUHugePageSizes(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    GArray *sizes = g_array_new(FALSE, FALSE, sizeof(unsigned int));
    const char *name;

    if (!d)
        return sizes;
    while ((name = g_dir_read_name(d))) {
        unsigned int size;

        if (sscanf(name, "hugepages-%ukB", &size) == 1)
            g_array_append_val(sizes, size);
    }
    g_array_sort(sizes, virHostCPUCompareUInt);
    return sizes;
}

unsigned int *
virHostMemGetPageSizes(size_t *nsizes)
{
    g_autofree char *dir = virHostCPUPath(SYSFS_HUGEPAGES);
    g_autoptr(GArray) huge = virHostCPUHugePageSizes(dir);
    unsigned int *sizes = g_new0(unsigned int, huge->len + 1);
    size_t i;

    sizes[0] = sysconf(_SC_PAGESIZE) / 1024;
    for (i = 0; i < huge->len; i++)
        sizes[i + 1] = g_array_index(huge, unsigned int, i);
    *nsizes = huge->len + 1;
    return sizes;
}

static void
virHostCellClear(virHostCell *cell)
{
    size_t i;

    g_free(cell->pages);
    g_free(cell->distanceIds);
    g_free(cell->distances);
    for (i = 0; i < cell->ncpus; i++)
        g_free(cell->cpus[i].siblings);
    g_free(cell->cpus);
}

void
virHostNUMAFree(virHostNUMA *numa)
{
    size_t i;

    if (!numa)
        return;
    for (i = 0; i < numa->ncells; i++)
        virHostCellClear(&numa->cells[i]);
    g_free(numa->cells);
    g_free(numa);
}

/* Pool counts of one cell: huge pages from their pools, base pages for
 * whatever memory the huge pools do not hold. */
static void
virHostCellGetPages(virHostCell *cell, int node)
{
    g_autofree char *dir = node >= 0 ?
        virHostCPUPath(SYSFS_NODE "/node%d/hugepages", node) :
        virHostCPUPath(SYSFS_HUGEPAGES);
    g_autoptr(GArray) huge = virHostCPUHugePageSizes(dir);
    unsigned long long hugeKiB = 0;
    size_t i;

    cell->npages = huge->len + 1;
    cell->pages = g_new0(virHostPages, cell->npages);
    cell->pages[0].size = sysconf(_SC_PAGESIZE) / 1024;
    for (i = 0; i < huge->len; i++) {
        g_autofree char *path = NULL;
        unsigned long long count = 0;

        cell->pages[i + 1].size = g_array_index(huge, unsigned int, i);
        path = g_strdup_printf("%s/hugepages-%ukB/nr_hugepages", dir, cell->pages[i + 1].size);
        virHostCPUReadULL(path, &count);
        cell->pages[i + 1].count = count;
        hugeKiB += count * cell->pages[i + 1].size;
    }
    if (cell->memory > hugeKiB)
        cell->pages[0].count = (cell->memory - hugeKiB) / cell->pages[0].size;
}

static void
virHostCellGetDistances(virHostCell *cell, GArray *nodes)
{
    g_autofree char *path = virHostCPUPath(SYSFS_NODE "/node%u/distance", cell->id);
    g_autofree char *buf = virHostCPURead(path);
    g_auto(GStrv) vals = NULL;
    size_t i;
    size_t n = 0;

    if (!buf)
        return;
    vals = g_strsplit_set(g_strstrip(buf), " \t", -1);
    cell->distanceIds = g_new0(unsigned int, nodes->len);
    cell->distances = g_new0(unsigned int, nodes->len);
    for (i = 0; vals[i] && n < nodes->len; i++) {
        if (!*vals[i])
            continue;
        cell->distanceIds[n] = g_array_index(nodes, unsigned int, n);
        cell->distances[n] = g_ascii_strtoull(vals[i], NULL, 10);
        n++;
    }
    cell->ndistances = n;
}

virHostNUMA *
virHostNUMAGetTopology(void)
{
    g_autoptr(virHostNUMA) numa = g_new0(virHostNUMA, 1);
    g_autoptr(GArray) online = virHostCPUGetOnline();
    g_autoptr(GArray) nodes = virHostCPUGetNodes();
    size_t n;

    if (!online) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot find the host's online CPUs");
        return NULL;
    }

    numa->ncells = nodes ? nodes->len : 1;
    numa->cells = g_new0(virHostCell, numa->ncells);
    for (n = 0; n < numa->ncells; n++) {
        virHostCell *cell = &numa->cells[n];
        int node = nodes ? (int)g_array_index(nodes, unsigned int, n) : -1;
        g_autoptr(GArray) cpus = virHostCPUNodeCPUs(node, online);
        g_autofree char *meminfo = node >= 0 ?
            virHostCPUPath(SYSFS_NODE "/node%d/meminfo", node) :
            virHostCPUPath("/proc/meminfo");
        size_t i;

        cell->id = node >= 0 ? node : 0;
        if (virHostCPUMeminfo(meminfo, "MemTotal", &cell->memory) < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "cannot read MemTotal from '%s'", meminfo);
            return NULL;
        }
        virHostCellGetPages(cell, node);
        if (nodes)
            virHostCellGetDistances(cell, nodes);
        cell->ncpus = cpus->len;
        cell->cpus = g_new0(virHostCellCPU, cpus->len);
        for (i = 0; i < cpus->len; i++)
            virHostCPUGetTopology(g_array_index(cpus, unsigned int, i), &cell->cpus[i]);
    }
    return g_steal_pointer(&numa);
}

void
virHostCacheBanksFree(virHostCacheBank *banks, size_t nbanks)
{
    size_t i;

    for (i = 0; i < nbanks; i++) {
        g_free(banks[i].type);
        g_free(banks[i].cpus);
    }
    g_free(banks);
}

static gint
virHostCacheBankCompare(gconstpointer a, gconstpointer b)
{
    const virHostCacheBank *x = a;
    const virHostCacheBank *y = b;

    if (x->level != y->level)
        return x->level < y->level ? -1 : 1;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return g_strcmp0(x->type, y->type);
}

/* Reads one cache index dir; false when it is not a level 3+ cache. */
static bool
virHostCacheBankRead(const char *dir, virHostCacheBank *bank)
{
    g_autofree char *levelPath = g_build_filename(dir, "level", NULL);
    g_autofree char *idPath = g_build_filename(dir, "id", NULL);
    g_autofree char *typePath = g_build_filename(dir, "type", NULL);
    g_autofree char *sizePath = g_build_filename(dir, "size", NULL);
    g_autofree char *cpusPath = g_build_filename(dir, "shared_cpu_list", NULL);
    g_autofree char *type = NULL;
    g_autofree char *size = NULL;
    unsigned long long level;
    unsigned long long id;
    char *end;

    if (virHostCPUReadULL(levelPath, &level) < 0 || level < 3 ||
        virHostCPUReadULL(idPath, &id) < 0 ||
        !(type = virHostCPURead(typePath)) ||
        !(size = virHostCPURead(sizePath)) ||
        !(bank->cpus = virHostCPURead(cpusPath)))
        return false;

    bank->level = level;
    bank->id = id;
    g_strstrip(type);
    if (strcmp(type, "Unified") == 0)
        bank->type = g_strdup("both");
    else if (strcmp(type, "Data") == 0)
        bank->type = g_strdup("data");
    else
        bank->type = g_strdup("instruction");
    bank->size = g_ascii_strtoull(size, &end, 10);
    if (*end == 'M')
        bank->size *= 1024;
    else if (*end == 'G')
        bank->size *= 1024 * 1024;
    g_strstrip(bank->cpus);
    return true;
}

int
virHostCPUGetCaches(virHostCacheBank **banks, size_t *nbanks)
{
    g_autoptr(GArray) online = virHostCPUGetOnline();
    g_autoptr(GArray) list = g_array_new(FALSE, TRUE, sizeof(virHostCacheBank));
    size_t i;

    *banks = NULL;
    *nbanks = 0;
    if (!online)
        return 0;

    for (i = 0; i < online->len; i++) {
        unsigned int cpu = g_array_index(online, unsigned int, i);
        g_autofree char *dir = virHostCPUPath(SYSFS_CPU "/cpu%u/cache", cpu);
        g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
        const char *name;

        while (d && (name = g_dir_read_name(d))) {
            g_autofree char *sub = NULL;
            virHostCacheBank bank = { 0 };
            size_t j;
            bool seen = false;

            if (!g_str_has_prefix(name, "index"))
                continue;
            sub = g_build_filename(dir, name, NULL);
            if (!virHostCacheBankRead(sub, &bank)) {
                g_free(bank.cpus);
                continue;
            }
            for (j = 0; j < list->len && !seen; j++) {
                virHostCacheBank *b = &g_array_index(list, virHostCacheBank, j);

                seen = b->level == bank.level && b->id == bank.id &&
                    strcmp(b->type, bank.type) == 0;
            }
            if (seen) {
                g_free(bank.type);
                g_free(bank.cpus);
            } else {
                g_array_append_val(list, bank);
            }
        }
    }

    if (list->len == 0)
        return 0;
    g_array_sort(list, virHostCacheBankCompare);
    *nbanks = list->len;
    *banks = (virHostCacheBank *)(void *)g_array_free(g_steal_pointer(&list), FALSE);
    return 0;
}

bool
virHostIOMMUEnabled(void)
{
    g_autofree char *path = virHostCPUPath("/sys/kernel/iommu_groups");
    g_autoptr(GDir) d = g_dir_open(path, 0, NULL);

    return d && g_dir_read_name(d) != NULL;
}
