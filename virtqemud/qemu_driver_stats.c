/* Memory and vCPU counts (setmem, setmaxmem, vcpucount, setvcpus) and the
 * statistics calls (dommemstat, domblkstat, domifstat, domstats). */
#include "qemu_driver.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qemu_domain.h"
#include "qemu_process.h"
#include "virerror.h"
#include "virstorageprobe.h"
#include "virfile.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* libvirt's text for a config change asked of a transient guest. */
#define QEMU_STATS_TRANSIENT "cannot change persistent config of a transient domain"

VIR_LOG_INIT("qemu.driver_stats");

#define QEMU_BALLOON_PATH "/machine/peripheral/balloon0"

static bool
qemuStatsHasBalloon(const virDomainDef *def)
{
    return def->memballoon && def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_NONE &&
           def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_XEN;
}

static qemuMonitor *
qemuStatsMonitor(virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);

    if (qemuDomObjCheckActive(obj) < 0)
        return NULL;
    if (!priv->mon)
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "QEMU monitor is not connected");
    return priv->mon;
}

/* ---- memory ---- */

static int
qemuStatsSetMemory(virDomainObj *obj, unsigned long long memory, unsigned int flags)
{
    virDomainDef *persistent = virDomainObjGetPersistentDef(obj);
    bool live, config;

    if (qemuDomObjImpact(obj, flags, QEMU_STATS_TRANSIENT, &live, &config) < 0)
        return -1;
    if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           "cannot resize the maximum memory on an active domain");
            return -1;
        }
        persistent->memory = memory;
        persistent->currentMemory = MIN(persistent->currentMemory, memory);
        return qemuDomainSaveConfig(qemu_driver, persistent);
    }
    if ((live && memory > obj->def->memory) || (config && memory > persistent->memory)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "cannot set memory higher than max memory");
        return -1;
    }
    if (live) {
        g_autoptr(json_object) args = json_object_new_object();
        qemuMonitor *mon;

        if (!qemuStatsHasBalloon(obj->def)) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           "Unable to change memory of active domain without the balloon device and guest OS balloon driver");
            return -1;
        }
        if (!(mon = qemuStatsMonitor(obj)))
            return -1;
        json_object_object_add(args, "value", json_object_new_int64(memory * 1024));
        if (qemuMonitorCommand(mon, "balloon", g_steal_pointer(&args), NULL) < 0)
            return -1;
        obj->def->currentMemory = memory;
        qemuDomainSaveStatus(qemu_driver, obj);
    }
    if (config) {
        persistent->currentMemory = memory;
        return qemuDomainSaveConfig(qemu_driver, persistent);
    }
    return 0;
}

int
qemuDomainSetMemoryFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned long long memory,
                         unsigned int flags)
{
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_MEM_LIVE | VIR_DOMAIN_MEM_CONFIG | VIR_DOMAIN_MEM_MAXIMUM, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomainJobBegin(obj, "set memory", false) == 0) {
        ret = qemuStatsSetMemory(obj, memory, flags);
        qemuDomainJobEnd(obj);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- vcpus ---- */

static unsigned int
qemuStatsVcpusCurrent(const virDomainDef *def)
{
    return def->vcpusCurrent ? def->vcpusCurrent : def->vcpus;
}

int
qemuDomainGetVcpusFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags)
{
    virDomainObj *obj;
    virDomainDef *def;
    bool live, config;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_VCPU_LIVE | VIR_DOMAIN_VCPU_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM |
                  VIR_DOMAIN_VCPU_GUEST, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "counting vCPUs through the guest agent is not supported");
        goto cleanup;
    }
    /* Reading the config of a transient domain reads its live one. */
    if (!obj->persistent && (flags & VIR_DOMAIN_VCPU_CONFIG))
        flags = (flags & ~VIR_DOMAIN_VCPU_CONFIG) | VIR_DOMAIN_VCPU_LIVE;
    if (qemuDomObjImpact(obj, flags, QEMU_STATS_TRANSIENT, &live, &config) < 0)
        goto cleanup;
    if (live && config) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "flags 'affect live' and 'affect config' are mutually exclusive");
        goto cleanup;
    }
    def = live ? obj->def : virDomainObjGetPersistentDef(obj);
    ret = (flags & VIR_DOMAIN_VCPU_MAXIMUM) ? def->vcpus : qemuStatsVcpusCurrent(def);

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainSetVcpusFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int nvcpus,
                        unsigned int flags)
{
    virDomainObj *obj;
    virDomainDef *def;
    bool live, config;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_VCPU_LIVE | VIR_DOMAIN_VCPU_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM |
                  VIR_DOMAIN_VCPU_GUEST | VIR_DOMAIN_VCPU_HOTPLUGGABLE, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomObjImpact(obj, flags, QEMU_STATS_TRANSIENT, &live, &config) < 0)
        goto cleanup;
    if (nvcpus == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "argument unsupported: vcpus count must be > 0");
        goto cleanup;
    }
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "changing vCPUs through the guest agent is not supported");
        goto cleanup;
    }
    if (live && (flags & VIR_DOMAIN_VCPU_MAXIMUM)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "changing the maximum vcpu count of a running domain is not supported");
        goto cleanup;
    }
    def = virDomainObjGetPersistentDef(obj);
    if (config && !(flags & VIR_DOMAIN_VCPU_MAXIMUM) && nvcpus > def->vcpus) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "requested vcpus is greater than max allowable vcpus for the persistent domain: %u > %u",
                       nvcpus, def->vcpus);
        goto cleanup;
    }
    if (qemuDomainJobBegin(obj, "set vcpus", false) < 0)
        goto cleanup;
    if (live && (qemuDomObjCheckActive(obj) < 0 || qemuVcpuSetLive(obj, nvcpus) < 0)) {
        qemuDomainJobEnd(obj);
        goto cleanup;
    }
    ret = 0;
    if (config) {
        /* The running guest's hot-plugging may have swapped definitions. */
        def = virDomainObjGetPersistentDef(obj);
        if (flags & VIR_DOMAIN_VCPU_MAXIMUM) {
            if (def->vcpusCurrent > nvcpus)
                def->vcpusCurrent = nvcpus;
            def->vcpus = nvcpus;
        } else {
            def->vcpusCurrent = nvcpus == def->vcpus ? 0 : nvcpus;
        }
        ret = qemuDomainSaveConfig(qemu_driver, def);
    }
    qemuDomainJobEnd(obj);

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- memory statistics ---- */

static long long
qemuStatsProcRSS(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/status", (long long)pid);
    g_autofree char *text = NULL;
    const char *line;

    if (!g_file_get_contents(path, &text, NULL, NULL) || !(line = strstr(text, "VmRSS:")))
        return -1;
    return g_ascii_strtoll(line + strlen("VmRSS:"), NULL, 10);
}

/* The balloon driver's view: actual size (KiB), and, once a polling
 * period is set and the guest has reported, its own figures. */
static void
qemuStatsBalloon(virDomainObj *obj, qemuMonitor *mon, virDrvMemoryStat *stats,
                 unsigned int max, unsigned int *n)
{
    static const struct {
        const char *name;
        int tag;
        bool bytes;
    } guestStats[] = {
        { "stat-swap-in", VIR_DOMAIN_MEMORY_STAT_SWAP_IN, true },
        { "stat-swap-out", VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, true },
        { "stat-major-faults", VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, false },
        { "stat-minor-faults", VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, false },
        { "stat-free-memory", VIR_DOMAIN_MEMORY_STAT_UNUSED, true },
        { "stat-total-memory", VIR_DOMAIN_MEMORY_STAT_AVAILABLE, true },
        { "stat-available-memory", VIR_DOMAIN_MEMORY_STAT_USABLE, true },
        { "stat-disk-caches", VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, true },
        { "stat-htlb-pgalloc", VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, false },
        { "stat-htlb-pgfail", VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, false },
    };
    g_autoptr(json_object) reply = NULL;
    g_autoptr(json_object) args = NULL;
    json_object *val = NULL;
    json_object *values = NULL;
    size_t i;

    if (qemuMonitorCommand(mon, "query-balloon", NULL, &reply) == 0 &&
        json_object_object_get_ex(reply, "actual", &val) && *n < max)
        stats[(*n)++] = (virDrvMemoryStat){ VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON,
                                            json_object_get_uint64(val) / 1024 };
    virErrorReset();
    g_clear_pointer(&reply, json_object_put);

    args = json_object_new_object();
    json_object_object_add(args, "path", json_object_new_string(QEMU_BALLOON_PATH));
    json_object_object_add(args, "property", json_object_new_string("guest-stats"));
    if (qemuMonitorCommand(mon, "qom-get", g_steal_pointer(&args), &reply) < 0) {
        virErrorReset();
        return;
    }
    if (!json_object_object_get_ex(reply, "stats", &values))
        return;
    for (i = 0; i < G_N_ELEMENTS(guestStats) && *n < max; i++) {
        long long v;

        if (!json_object_object_get_ex(values, guestStats[i].name, &val))
            continue;
        /* -1: the guest does not report it. */
        if ((v = json_object_get_int64(val)) < 0)
            continue;
        stats[(*n)++] = (virDrvMemoryStat){ guestStats[i].tag,
                                            guestStats[i].bytes ? v / 1024 : v };
    }
    if (json_object_object_get_ex(reply, "last-update", &val) && *n < max &&
        json_object_get_int64(val) > 0)
        stats[(*n)++] = (virDrvMemoryStat){ VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE,
                                            json_object_get_int64(val) };
}

int
qemuDomainMemoryStats(virDrvConnect *conn, virDrvDomain *dom, virDrvMemoryStat *stats,
                      unsigned int nr, unsigned int flags)
{
    virDomainObj *obj;
    qemuMonitor *mon;
    unsigned int n = 0;
    long long rss;

    virCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (!(mon = qemuStatsMonitor(obj))) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    if (qemuStatsHasBalloon(obj->def))
        qemuStatsBalloon(obj, mon, stats, nr, &n);
    else if (n < nr)
        stats[n++] = (virDrvMemoryStat){ VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON,
                                         obj->def->memory };
    if ((rss = qemuStatsProcRSS(obj->pid)) >= 0 && n < nr)
        stats[n++] = (virDrvMemoryStat){ VIR_DOMAIN_MEMORY_STAT_RSS, rss };
    virDomainObjEndAPI(&obj);
    return n;
}

int
qemuStatsSetBalloonPeriod(virDomainObj *obj, int period)
{
    g_autoptr(json_object) args = json_object_new_object();
    qemuMonitor *mon;

    if (!(mon = qemuStatsMonitor(obj)))
        return -1;
    json_object_object_add(args, "path", json_object_new_string(QEMU_BALLOON_PATH));
    json_object_object_add(args, "property",
                           json_object_new_string("guest-stats-polling-interval"));
    json_object_object_add(args, "value", json_object_new_int(period));
    return qemuMonitorCommand(mon, "qom-set", g_steal_pointer(&args), NULL);
}

int
qemuDomainSetMemoryStatsPeriod(virDrvConnect *conn, virDrvDomain *dom, int period,
                               unsigned int flags)
{
    virDomainObj *obj;
    bool live, config;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (period < 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "invalid statistics period");
        goto cleanup;
    }
    if (qemuDomObjImpact(obj, flags, QEMU_STATS_TRANSIENT, &live, &config) < 0)
        goto cleanup;
    if (live) {
        if (!qemuStatsHasBalloon(obj->def)) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           "No memory balloon device configured, can not set the collection period");
            goto cleanup;
        }
        if (qemuStatsSetBalloonPeriod(obj, period) < 0)
            goto cleanup;
        obj->def->memballoon->period = period;
        qemuDomainSaveStatus(qemu_driver, obj);
    }
    if (config) {
        virDomainDef *def = virDomainObjGetPersistentDef(obj);

        if (!qemuStatsHasBalloon(def)) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           "No memory balloon device configured, can not set the collection period");
            goto cleanup;
        }
        def->memballoon->period = period;
        if (qemuDomainSaveConfig(qemu_driver, def) < 0)
            goto cleanup;
    }
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- block statistics ---- */

/* The disk path names: its target ("vda") or its source file. */
static ssize_t
qemuStatsFindDisk(const virDomainDef *def, const char *path)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];

        if (g_str_equal(disk->dst, path) || (disk->src && g_str_equal(disk->src, path)))
            return i;
    }
    return -1;
}

/* QEMU's query-blockstats entry of the device with this alias. */
static json_object *
qemuStatsBlockEntry(json_object *all, const char *alias)
{
    g_autofree char *inside = g_strdup_printf("/machine/peripheral/%s/", alias);
    size_t i;

    for (i = 0; all && i < json_object_array_length(all); i++) {
        json_object *entry = json_object_array_get_idx(all, i);
        json_object *qdev = NULL;
        const char *q;

        if (!json_object_object_get_ex(entry, "qdev", &qdev) ||
            !(q = json_object_get_string(qdev)))
            continue;
        if (g_str_equal(q, alias) || g_str_has_prefix(q, inside))
            return entry;
    }
    return NULL;
}

static unsigned long long
qemuStatsGet(json_object *stats, const char *name)
{
    json_object *val = NULL;

    return json_object_object_get_ex(stats, name, &val) ? json_object_get_uint64(val) : 0;
}

/* The figures of one disk under prefix ("" for domblkstat's names,
 * "block.N." for domstats'). */
static void
qemuStatsAddBlock(virTypedParamList *list, json_object *stats, bool domstats,
                  const char *prefix)
{
    static const struct {
        const char *qemu;
        const char *blkstat;    /* virDomainBlockStatsFlags */
        const char *domstat;    /* virConnectGetAllDomainStats */
    } fields[] = {
        { "rd_bytes", VIR_DOMAIN_BLOCK_STATS_READ_BYTES, "rd.bytes" },
        { "rd_operations", VIR_DOMAIN_BLOCK_STATS_READ_REQ, "rd.reqs" },
        { "rd_total_time_ns", VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES, "rd.times" },
        { "wr_bytes", VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES, "wr.bytes" },
        { "wr_operations", VIR_DOMAIN_BLOCK_STATS_WRITE_REQ, "wr.reqs" },
        { "wr_total_time_ns", VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES, "wr.times" },
        { "flush_operations", VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ, "fl.reqs" },
        { "flush_total_time_ns", VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES, "fl.times" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        unsigned long long v = qemuStatsGet(stats, fields[i].qemu);

        if (domstats)
            virTypedParamListAddULLong(list, v, "%s%s", prefix, fields[i].domstat);
        else
            virTypedParamListAddLLong(list, v, "%s", fields[i].blkstat);
    }
}

static json_object *
qemuStatsQueryBlock(qemuMonitor *mon)
{
    json_object *reply = NULL;

    if (qemuMonitorCommand(mon, "query-blockstats", NULL, &reply) < 0)
        return NULL;
    return reply;
}

int
qemuDomainBlockStats(virDrvConnect *conn, virDrvDomain *dom, const char *path,
                     virTypedParameter **params, int *nparams, unsigned int flags)
{
    g_autoptr(virTypedParamList) list = virTypedParamListNew();
    g_autoptr(json_object) all = NULL;
    json_object *entry = NULL;
    json_object *stats = NULL;
    virDomainObj *obj;
    qemuMonitor *mon;
    ssize_t idx;
    int ret = -1;

    virCheckFlags(VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (!(mon = qemuStatsMonitor(obj)))
        goto cleanup;
    if ((idx = qemuStatsFindDisk(obj->def, path)) < 0) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid path: %s", path);
        goto cleanup;
    }
    if (!(all = qemuStatsQueryBlock(mon)))
        goto cleanup;
    if (!obj->def->disks[idx]->info.alias ||
        !(entry = qemuStatsBlockEntry(all, obj->def->disks[idx]->info.alias)) ||
        !json_object_object_get_ex(entry, "stats", &stats)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot find statistics for device '%s'", path);
        goto cleanup;
    }
    qemuStatsAddBlock(list, stats, false, "");
    *params = virTypedParamListSteal(list, nparams);
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- interface statistics ---- */

static const virDomainNetDef *
qemuStatsFindNet(const virDomainDef *def, const char *device)
{
    unsigned char mac[VIR_MAC_BUFLEN];
    bool isMac = virMacAddrParse(device, mac) == 0;
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        const virDomainNetDef *net = def->nets[i];

        if ((net->ifname && g_str_equal(net->ifname, device)) ||
            (isMac && memcmp(net->mac, mac, VIR_MAC_BUFLEN) == 0))
            return net;
    }
    return NULL;
}

static long long
qemuStatsReadCounter(const char *ifname, const char *name)
{
    g_autofree char *path = g_strdup_printf("/sys/class/net/%s/statistics/%s", ifname, name);
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return -1;
    return g_ascii_strtoll(text, NULL, 10);
}

/* The host side of a tap counts the other way round: what the guest
 * receives, the tap transmits. */
static int
qemuStatsReadNet(const char *ifname, virDrvInterfaceStats *st)
{
    if ((st->rx_bytes = qemuStatsReadCounter(ifname, "tx_bytes")) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot read the statistics of '%s'", ifname);
        return -1;
    }
    st->rx_packets = qemuStatsReadCounter(ifname, "tx_packets");
    st->rx_errs = qemuStatsReadCounter(ifname, "tx_errors");
    st->rx_drop = qemuStatsReadCounter(ifname, "tx_dropped");
    st->tx_bytes = qemuStatsReadCounter(ifname, "rx_bytes");
    st->tx_packets = qemuStatsReadCounter(ifname, "rx_packets");
    st->tx_errs = qemuStatsReadCounter(ifname, "rx_errors");
    st->tx_drop = qemuStatsReadCounter(ifname, "rx_dropped");
    return 0;
}

int
qemuDomainInterfaceStats(virDrvConnect *conn, virDrvDomain *dom, const char *device,
                         virDrvInterfaceStats *stats)
{
    const virDomainNetDef *net;
    virDomainObj *obj;
    int ret = -1;

    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomObjCheckActive(obj) < 0)
        goto cleanup;
    if (!(net = qemuStatsFindNet(obj->def, device))) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid path, '%s' is not a known interface",
                       device);
        goto cleanup;
    }
    if (!net->ifname) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       "interface '%s' has no host device to count its traffic", device);
        goto cleanup;
    }
    ret = qemuStatsReadNet(net->ifname, stats);

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- domstats ---- */

static int qemuStatsDiskSizes(virDomainObj *obj, const virDomainDiskDef *disk,
                              virDomainBlockInfo *info);

/* libvirt's domstats names of the balloon figures. */
static const char *
qemuStatsBalloonName(int tag)
{
    switch (tag) {
    case VIR_DOMAIN_MEMORY_STAT_SWAP_IN: return "swap_in";
    case VIR_DOMAIN_MEMORY_STAT_SWAP_OUT: return "swap_out";
    case VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT: return "major_fault";
    case VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT: return "minor_fault";
    case VIR_DOMAIN_MEMORY_STAT_UNUSED: return "unused";
    case VIR_DOMAIN_MEMORY_STAT_AVAILABLE: return "available";
    case VIR_DOMAIN_MEMORY_STAT_RSS: return "rss";
    case VIR_DOMAIN_MEMORY_STAT_USABLE: return "usable";
    case VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE: return "last-update";
    case VIR_DOMAIN_MEMORY_STAT_DISK_CACHES: return "disk_caches";
    case VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC: return "hugetlb_pgalloc";
    case VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL: return "hugetlb_pgfail";
    }
    return NULL;
}

/* User and system time of the guest's process (ns). */
static void
qemuStatsCpuSplit(pid_t pid, virTypedParamList *list)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    g_autofree char *text = NULL;
    unsigned long long utime;
    unsigned long long stime;
    long ticks = sysconf(_SC_CLK_TCK);
    const char *p;

    if (!g_file_get_contents(path, &text, NULL, NULL) || !(p = strrchr(text, ')')) ||
        ticks <= 0 ||
        sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
               &utime, &stime) != 2)
        return;
    virTypedParamListAddULLong(list, utime * (1000000000ULL / ticks), "cpu.user");
    virTypedParamListAddULLong(list, stime * (1000000000ULL / ticks), "cpu.system");
}

static void
qemuStatsCollect(virDomainObj *obj, unsigned int groups, virTypedParamList *list)
{
    bool active = virDomainObjIsActive(obj);
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    const virDomainDef *def = obj->def;
    g_autoptr(json_object) blocks = NULL;
    size_t i;

    if (groups & VIR_DOMAIN_STATS_STATE) {
        virTypedParamListAddInt(list, obj->state, "state.state");
        virTypedParamListAddInt(list, obj->reason, "state.reason");
    }
    if ((groups & VIR_DOMAIN_STATS_CPU_TOTAL) && active) {
        virTypedParamListAddULLong(list, qemuProcessGetCPUTime(obj->pid), "cpu.time");
        qemuStatsCpuSplit(obj->pid, list);
    }
    if (groups & VIR_DOMAIN_STATS_BALLOON) {
        unsigned long long current = def->currentMemory ? def->currentMemory : def->memory;

        if (active && priv->mon && qemuStatsHasBalloon(def)) {
            g_autoptr(json_object) reply = NULL;
            json_object *val = NULL;

            if (qemuMonitorCommand(priv->mon, "query-balloon", NULL, &reply) == 0 &&
                json_object_object_get_ex(reply, "actual", &val))
                current = json_object_get_uint64(val) / 1024;
            virErrorReset();
        }
        virTypedParamListAddULLong(list, current, "balloon.current");
        virTypedParamListAddULLong(list, def->memory, "balloon.maximum");
        if (active && priv->mon && qemuStatsHasBalloon(def)) {
            virDrvMemoryStat mem[VIR_DOMAIN_MEMORY_STAT_NR];
            unsigned int n = 0;
            long long rss;

            qemuStatsBalloon(obj, priv->mon, mem, G_N_ELEMENTS(mem), &n);
            if ((rss = qemuStatsProcRSS(obj->pid)) >= 0 && n < G_N_ELEMENTS(mem))
                mem[n++] = (virDrvMemoryStat){ VIR_DOMAIN_MEMORY_STAT_RSS, rss };
            for (i = 0; i < n; i++) {
                const char *field = qemuStatsBalloonName(mem[i].tag);

                if (field)
                    virTypedParamListAddULLong(list, mem[i].val, "balloon.%s", field);
            }
        }
    }
    if (groups & VIR_DOMAIN_STATS_VCPU) {
        virTypedParamListAddUInt(list, qemuStatsVcpusCurrent(def), "vcpu.current");
        virTypedParamListAddUInt(list, def->vcpus, "vcpu.maximum");
        if (active)
            qemuVcpuStatsAdd(obj, list);
    }
    if (groups & VIR_DOMAIN_STATS_INTERFACE) {
        virTypedParamListAddUInt(list, def->nnets, "net.count");
        for (i = 0; i < def->nnets; i++) {
            virDrvInterfaceStats st;
            const char *ifname = def->nets[i]->ifname;

            if (!ifname)
                continue;
            virTypedParamListAddString(list, ifname, "net.%zu.name", i);
            if (!active || qemuStatsReadNet(ifname, &st) < 0) {
                virErrorReset();
                continue;
            }
            virTypedParamListAddULLong(list, st.rx_bytes, "net.%zu.rx.bytes", i);
            virTypedParamListAddULLong(list, st.rx_packets, "net.%zu.rx.pkts", i);
            virTypedParamListAddULLong(list, st.rx_errs, "net.%zu.rx.errs", i);
            virTypedParamListAddULLong(list, st.rx_drop, "net.%zu.rx.drop", i);
            virTypedParamListAddULLong(list, st.tx_bytes, "net.%zu.tx.bytes", i);
            virTypedParamListAddULLong(list, st.tx_packets, "net.%zu.tx.pkts", i);
            virTypedParamListAddULLong(list, st.tx_errs, "net.%zu.tx.errs", i);
            virTypedParamListAddULLong(list, st.tx_drop, "net.%zu.tx.drop", i);
        }
    }
    if (groups & VIR_DOMAIN_STATS_BLOCK) {
        if (active && priv->mon && !(blocks = qemuStatsQueryBlock(priv->mon)))
            virErrorReset();
        virTypedParamListAddUInt(list, def->ndisks, "block.count");
        for (i = 0; i < def->ndisks; i++) {
            const virDomainDiskDef *disk = def->disks[i];
            json_object *entry;
            json_object *stats = NULL;
            g_autofree char *prefix = g_strdup_printf("block.%zu.", i);

            virDomainBlockInfo sizes;

            virTypedParamListAddString(list, disk->dst, "%sname", prefix);
            if (disk->src)
                virTypedParamListAddString(list, disk->src, "%spath", prefix);
            if (blocks && disk->info.alias &&
                (entry = qemuStatsBlockEntry(blocks, disk->info.alias)) &&
                json_object_object_get_ex(entry, "stats", &stats))
                qemuStatsAddBlock(list, stats, true, prefix);
            if (!disk->src || qemuStatsDiskSizes(obj, disk, &sizes) < 0) {
                virErrorReset();
                continue;
            }
            virTypedParamListAddULLong(list, sizes.allocation, "%sallocation", prefix);
            virTypedParamListAddULLong(list, sizes.capacity, "%scapacity", prefix);
            virTypedParamListAddULLong(list, sizes.physical, "%sphysical", prefix);
        }
    }
}

int
qemuConnectGetAllDomainStats(virDrvConnect *conn, virDrvDomain **doms, int ndoms,
                             unsigned int stats, virDrvDomainStatsRecord ***records,
                             unsigned int flags)
{
    const unsigned int known = VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL |
                               VIR_DOMAIN_STATS_BALLOON | VIR_DOMAIN_STATS_VCPU |
                               VIR_DOMAIN_STATS_INTERFACE | VIR_DOMAIN_STATS_BLOCK;
    /* The list filters (active, persistent, state) are virConnectListAllDomains'
     * own bits; NOWAIT, BACKING and ENFORCE_STATS sit at bits 29 to 31. */
    const unsigned int filters = 0xff;
    const unsigned int enforce = 1U << 31;
    GPtrArray *objs = g_ptr_array_new_with_free_func((GDestroyNotify)virDomainObjUnref);
    GPtrArray *out = g_ptr_array_new();
    int n;
    size_t i;

    virCheckFlags(filters | (1U << 29) | (1U << 30) | enforce, -1);
    if ((flags & enforce) && (stats & ~known)) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                       "Stats types bits 0x%x are not supported by this daemon", stats & ~known);
        goto error;
    }
    if (!stats)
        stats = known;
    if (ndoms > 0) {
        for (i = 0; i < (size_t)ndoms; i++) {
            virDomainObj *obj = qemuDomObjFromRef(doms[i]);

            if (!obj)
                goto error;
            g_ptr_array_add(objs, virDomainObjRef(obj));
            virDomainObjEndAPI(&obj);
        }
    } else {
        g_autoptr(GPtrArray) all = virDomainObjListCollect(qemu_driver->domains);

        for (i = 0; i < all->len; i++)
            g_ptr_array_add(objs, virDomainObjRef(all->pdata[i]));
    }

    for (i = 0; i < objs->len; i++) {
        virDomainObj *obj = objs->pdata[i];
        g_autoptr(virTypedParamList) list = virTypedParamListNew();
        virDrvDomainStatsRecord *rec;

        virDomainObjLock(obj);
        if (obj->removed || (ndoms == 0 && !qemuDomainMatchesFlags(obj, flags & filters))) {
            virDomainObjUnlock(obj);
            continue;
        }
        qemuStatsCollect(obj, stats, list);
        rec = g_new0(virDrvDomainStatsRecord, 1);
        rec->dom = qemuDomainMakeRef(obj);
        rec->params = virTypedParamListSteal(list, &rec->nparams);
        virDomainObjUnlock(obj);
        g_ptr_array_add(out, rec);
    }
    g_ptr_array_unref(objs);
    n = out->len;
    *records = (virDrvDomainStatsRecord **)g_ptr_array_free(out, FALSE);
    return n;

 error:
    g_ptr_array_unref(objs);
    g_ptr_array_free(out, TRUE);
    return -1;
}

/* ---- control channel and block device sizes ---- */

int
qemuDomainGetControlInfo(virDrvConnect *conn, virDrvDomain *dom, virDomainControlInfo *info,
                         unsigned int flags)
{
    qemuDomainObjPrivate *priv;
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomObjCheckActive(obj) < 0)
        goto cleanup;
    priv = qemuDomainObjPrivateGet(obj);
    *info = (virDomainControlInfo){ .state = VIR_DOMAIN_CONTROL_OK };
    if (!priv->mon) {
        info->state = VIR_DOMAIN_CONTROL_ERROR;
        info->details = VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR;
    } else if (priv->job.name) {
        info->state = VIR_DOMAIN_CONTROL_JOB;
        info->stateTime = (g_get_monotonic_time() - priv->job.started) / 1000;
    }
    ret = 0;

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

/* The guest-visible size of an image file: its header's for a format
 * that has one (a disk declared raw is not probed), else the file's own. */
static unsigned long long
qemuStatsImageCapacity(const virDomainDiskDef *disk, unsigned long long fileSize)
{
    g_autoptr(virStorageProbeImageInfo) probe = NULL;

    if (disk->format == VIR_STORAGE_FILE_NONE || disk->format == VIR_STORAGE_FILE_RAW)
        return fileSize;
    if (!(probe = virStorageProbeImage(disk->src))) {
        virErrorReset();
        return fileSize;
    }
    return probe->capacity ? probe->capacity : fileSize;
}

/* What QEMU says the disk with this alias holds (virtual-size), 0 if it
 * does not say. */
static unsigned long long
qemuStatsLiveCapacity(qemuMonitor *mon, const char *alias)
{
    g_autoptr(json_object) reply = NULL;
    g_autofree char *inside = g_strdup_printf("/machine/peripheral/%s/", alias);
    size_t i;

    if (qemuMonitorCommand(mon, "query-block", NULL, &reply) < 0) {
        virErrorReset();
        return 0;
    }
    for (i = 0; json_object_is_type(reply, json_type_array) &&
                i < json_object_array_length(reply); i++) {
        json_object *entry = json_object_array_get_idx(reply, i);
        json_object *val = NULL;
        json_object *image = NULL;
        const char *qdev;

        if (!json_object_object_get_ex(entry, "qdev", &val) ||
            !(qdev = json_object_get_string(val)) ||
            !(g_str_equal(qdev, alias) || g_str_has_prefix(qdev, inside)))
            continue;
        if (json_object_object_get_ex(entry, "inserted", &val) &&
            json_object_object_get_ex(val, "image", &image) &&
            json_object_object_get_ex(image, "virtual-size", &val))
            return json_object_get_uint64(val);
        return 0;
    }
    return 0;
}

/* Capacity, allocation and physical size of the disk's source (which it
 * has); -1 with an error reported. */
static int
qemuStatsDiskSizes(virDomainObj *obj, const virDomainDiskDef *disk, virDomainBlockInfo *info)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    struct stat st;

    if (disk->type == VIR_DOMAIN_DISK_TYPE_NETWORK || stat(disk->src, &st) < 0) {
        virReportSystemError(disk->type == VIR_DOMAIN_DISK_TYPE_NETWORK ? ENOTSUP : errno,
                             "cannot stat file '%s'", disk->src);
        return -1;
    }
    *info = (virDomainBlockInfo){ .physical = st.st_size,
                                  .allocation = (unsigned long long)st.st_blocks * 512 };
    if (S_ISBLK(st.st_mode)) {
        int fd = open(disk->src, O_RDONLY | O_CLOEXEC);
        off_t end = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;

        if (fd >= 0)
            close(fd);
        info->physical = end > 0 ? end : 0;
        info->allocation = info->physical;
    }
    if (virDomainObjIsActive(obj) && priv->mon && disk->info.alias)
        info->capacity = qemuStatsLiveCapacity(priv->mon, disk->info.alias);
    if (!info->capacity)
        info->capacity = S_ISREG(st.st_mode) ? qemuStatsImageCapacity(disk, st.st_size)
                                             : info->physical;
    return 0;
}

int
qemuDomainGetBlockInfo(virDrvConnect *conn, virDrvDomain *dom, const char *path,
                       virDomainBlockInfo *info, unsigned int flags)
{
    const virDomainDiskDef *disk;
    virDomainObj *obj;
    ssize_t idx;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if ((idx = qemuStatsFindDisk(obj->def, path)) < 0) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid path %s not assigned to domain", path);
        goto cleanup;
    }
    disk = obj->def->disks[idx];
    if (!disk->src) {
        virReportError(VIR_ERR_INVALID_ARG, "disk '%s' does not currently have a source assigned",
                       path);
        goto cleanup;
    }
    ret = qemuStatsDiskSizes(obj, disk, info);

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}
