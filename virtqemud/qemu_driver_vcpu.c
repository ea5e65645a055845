/* What the vCPUs of a guest are doing (vcpuinfo: GET_VCPUS and
 * GET_VCPU_PIN_INFO), and changing how many a running guest has
 * (setvcpus --live): QEMU adds each vCPU as a device of its own, on a
 * machine started with -smp N,maxcpus=M. */
#include "qemu_driver.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "qemu_domain.h"
#include "qemu_process.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.driver_vcpu");

/* The ids of the vCPUs we add, which are the only ones QEMU can remove. */
#define QEMU_VCPU_ALIAS "vcpu"
/* How long a guest gets to release a vCPU (ACPI eject). */
#define QEMU_VCPU_UNPLUG_TIMEOUT (10 * G_TIME_SPAN_SECOND)

typedef struct {
    int index;          /* QEMU's cpu-index */
    pid_t tid;          /* its thread */
} qemuVcpuThread;

static int
qemuVcpuThreadCompare(const void *a, const void *b)
{
    return ((const qemuVcpuThread *)a)->index - ((const qemuVcpuThread *)b)->index;
}

static unsigned int
qemuVcpuCurrent(const virDomainDef *def)
{
    return def->vcpusCurrent ? def->vcpusCurrent : def->vcpus;
}

/* The running vCPUs' threads, by cpu-index, from query-cpus-fast; -1 with
 * an error reported. */
static int
qemuVcpuThreads(virDomainObj *obj, qemuVcpuThread **threads)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autoptr(json_object) reply = NULL;
    g_autofree qemuVcpuThread *out = NULL;
    size_t n;
    size_t i;

    if (!priv->mon) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "QEMU monitor is not connected");
        return -1;
    }
    if (qemuMonitorCommand(priv->mon, "query-cpus-fast", NULL, &reply) < 0)
        return -1;
    n = json_object_is_type(reply, json_type_array) ? json_object_array_length(reply) : 0;
    out = g_new0(qemuVcpuThread, MAX(n, 1));
    for (i = 0; i < n; i++) {
        json_object *cpu = json_object_array_get_idx(reply, i);
        json_object *val = NULL;

        out[i].index = json_object_object_get_ex(cpu, "cpu-index", &val) ?
                       json_object_get_int(val) : (int)i;
        out[i].tid = json_object_object_get_ex(cpu, "thread-id", &val) ?
                     json_object_get_int(val) : 0;
    }
    qsort(out, n, sizeof(*out), qemuVcpuThreadCompare);
    *threads = g_steal_pointer(&out);
    return n;
}

/* CPU time (ns) and the host CPU it last ran on, from the thread's
 * /proc/PID/task/TID/stat; false if it cannot be read. */
static bool
qemuVcpuThreadStat(pid_t pid, pid_t tid, unsigned long long *cpuTime, int *cpu)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/task/%lld/stat", (long long)pid,
                                            (long long)tid);
    g_autofree char *text = NULL;
    g_auto(GStrv) fields = NULL;
    long ticks = sysconf(_SC_CLK_TCK);
    const char *p;

    if (!g_file_get_contents(path, &text, NULL, NULL) || !(p = strrchr(text, ')')) ||
        ticks <= 0)
        return false;
    /* After "pid (comm) ": state is field 3, utime 14, stime 15, processor 39. */
    fields = g_strsplit(p + 2, " ", 0);
    if (g_strv_length(fields) < 37)
        return false;
    *cpuTime = (g_ascii_strtoull(fields[11], NULL, 10) +
                g_ascii_strtoull(fields[12], NULL, 10)) * (1000000000ULL / ticks);
    *cpu = (int)g_ascii_strtoll(fields[36], NULL, 10);
    return true;
}

static int
qemuVcpuHostCpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_CONF);

    return n > 0 ? (int)n : 1;
}

/* Every host CPU the map has room for. */
static void
qemuVcpuMapAll(unsigned char *map, int maplen)
{
    int ncpus = MIN(qemuVcpuHostCpus(), maplen * 8);
    int c;

    memset(map, 0, maplen);
    for (c = 0; c < ncpus; c++)
        VIR_USE_CPU(map, c);
}

/* <vcpu cpuset='0-3,^2'> as a map; false if the text is not one. */
static bool
qemuVcpuMapFromCpuset(const char *cpuset, unsigned char *map, int maplen)
{
    g_auto(GStrv) parts = g_strsplit(cpuset, ",", 0);
    size_t i;

    memset(map, 0, maplen);
    for (i = 0; parts[i]; i++) {
        const char *item = g_strstrip(parts[i]);
        bool exclude = item[0] == '^';
        unsigned long long first;
        unsigned long long last;
        char *end = NULL;
        unsigned long long c;

        if (exclude)
            item++;
        first = g_ascii_strtoull(item, &end, 10);
        if (end == item)
            return false;
        last = first;
        if (*end == '-') {
            const char *from = end + 1;

            last = g_ascii_strtoull(from, &end, 10);
            if (end == from || last < first)
                return false;
        }
        if (*end)
            return false;
        for (c = first; c <= last && c < (unsigned long long)maplen * 8; c++) {
            if (exclude)
                VIR_UNUSE_CPU(map, c);
            else
                VIR_USE_CPU(map, c);
        }
    }
    return true;
}

/* The affinity a definition gives its vCPUs. */
static void
qemuVcpuMapFromDef(const virDomainDef *def, unsigned char *map, int maplen)
{
    if (!def->cpuset || !qemuVcpuMapFromCpuset(def->cpuset, map, maplen))
        qemuVcpuMapAll(map, maplen);
}

static void
qemuVcpuMapFromThread(pid_t tid, unsigned char *map, int maplen)
{
    cpu_set_t set;
    int c;

    CPU_ZERO(&set);
    if (sched_getaffinity(tid, sizeof(set), &set) < 0) {
        qemuVcpuMapAll(map, maplen);
        return;
    }
    memset(map, 0, maplen);
    for (c = 0; c < maplen * 8 && c < CPU_SETSIZE; c++) {
        if (CPU_ISSET(c, &set))
            VIR_USE_CPU(map, c);
    }
}

int
qemuDomainGetVcpus(virDrvConnect *conn, virDrvDomain *dom, virVcpuInfo *info, int maxinfo,
                   unsigned char *cpumaps, int maplen)
{
    g_autofree qemuVcpuThread *threads = NULL;
    virDomainObj *obj;
    int n;
    int i;
    int ret = -1;

    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (!virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot retrieve vcpu information for inactive domain");
        goto cleanup;
    }
    if ((n = qemuVcpuThreads(obj, &threads)) < 0)
        goto cleanup;
    n = MIN(n, maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * maplen);
    for (i = 0; i < n; i++) {
        info[i] = (virVcpuInfo){ .number = threads[i].index, .state = VIR_VCPU_RUNNING,
                                 .cpu = VIR_VCPU_INFO_CPU_UNAVAILABLE };
        if (!qemuVcpuThreadStat(obj->pid, threads[i].tid, &info[i].cpuTime, &info[i].cpu))
            info[i].cpu = VIR_VCPU_INFO_CPU_UNAVAILABLE;
        if (cpumaps)
            qemuVcpuMapFromThread(threads[i].tid, VIR_GET_CPUMAP(cpumaps, maplen, i), maplen);
    }
    ret = n;

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainGetVcpuPinInfo(virDrvConnect *conn, virDrvDomain *dom, int ncpumaps,
                         unsigned char *cpumaps, int maplen, unsigned int flags)
{
    g_autofree qemuVcpuThread *threads = NULL;
    virDomainObj *obj;
    const virDomainDef *def;
    bool live;
    int nthreads = 0;
    int n;
    int i;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "flags 'affect live' and 'affect config' are mutually exclusive");
        goto cleanup;
    }
    live = (flags & VIR_DOMAIN_AFFECT_LIVE) ||
           (!(flags & VIR_DOMAIN_AFFECT_CONFIG) && virDomainObjIsActive(obj));
    if (live && qemuDomObjCheckActive(obj) < 0)
        goto cleanup;
    if (!live && !obj->persistent && virDomainObjIsActive(obj))
        live = true;
    def = live ? obj->def : virDomainObjGetPersistentDef(obj);
    if (live && (nthreads = qemuVcpuThreads(obj, &threads)) < 0)
        goto cleanup;
    n = MIN(ncpumaps, (int)def->vcpus);
    memset(cpumaps, 0, (size_t)ncpumaps * maplen);
    for (i = 0; i < n; i++) {
        unsigned char *map = VIR_GET_CPUMAP(cpumaps, maplen, i);
        int t;

        for (t = 0; t < nthreads && threads[t].index != i; t++)
            ;
        if (t < nthreads)
            qemuVcpuMapFromThread(threads[t].tid, map, maplen);
        else
            qemuVcpuMapFromDef(def, map, maplen);
    }
    ret = n;

 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

void
qemuVcpuStatsAdd(virDomainObj *obj, virTypedParamList *list)
{
    g_autofree qemuVcpuThread *threads = NULL;
    int n;
    int i;

    if ((n = qemuVcpuThreads(obj, &threads)) < 0) {
        virErrorReset();
        return;
    }
    for (i = 0; i < n; i++) {
        unsigned long long cpuTime = 0;
        int cpu;

        virTypedParamListAddInt(list, VIR_VCPU_RUNNING, "vcpu.%d.state", threads[i].index);
        if (qemuVcpuThreadStat(obj->pid, threads[i].tid, &cpuTime, &cpu))
            virTypedParamListAddULLong(list, cpuTime, "vcpu.%d.time", threads[i].index);
    }
}

/* ---- setvcpus --live ---- */

typedef struct {
    json_object *entry;     /* one query-hotpluggable-cpus element (borrowed) */
    long long order;        /* socket, die, core, thread packed */
    const char *qomPath;    /* borrowed; NULL if not plugged */
} qemuVcpuSlot;

static long long
qemuVcpuSlotProp(json_object *props, const char *name)
{
    json_object *val = NULL;

    return json_object_object_get_ex(props, name, &val) ? json_object_get_int64(val) : 0;
}

static int
qemuVcpuSlotCompare(const void *a, const void *b)
{
    long long x = ((const qemuVcpuSlot *)a)->order;
    long long y = ((const qemuVcpuSlot *)b)->order;

    return x < y ? -1 : x > y;
}

/* QEMU's vCPU slots in topology order; -1 with an error reported. */
static int
qemuVcpuSlots(qemuMonitor *mon, json_object **reply, qemuVcpuSlot **slots)
{
    g_autofree qemuVcpuSlot *out = NULL;
    size_t n;
    size_t i;

    if (qemuMonitorCommand(mon, "query-hotpluggable-cpus", NULL, reply) < 0)
        return -1;
    n = json_object_is_type(*reply, json_type_array) ? json_object_array_length(*reply) : 0;
    out = g_new0(qemuVcpuSlot, MAX(n, 1));
    for (i = 0; i < n; i++) {
        json_object *entry = json_object_array_get_idx(*reply, i);
        json_object *props = NULL;
        json_object *path = NULL;

        json_object_object_get_ex(entry, "props", &props);
        out[i].entry = entry;
        out[i].order = (((qemuVcpuSlotProp(props, "socket-id") << 12) +
                         qemuVcpuSlotProp(props, "die-id")) << 24) +
                       (qemuVcpuSlotProp(props, "core-id") << 12) +
                       qemuVcpuSlotProp(props, "thread-id");
        if (json_object_object_get_ex(entry, "qom-path", &path))
            out[i].qomPath = json_object_get_string(path);
    }
    qsort(out, n, sizeof(*out), qemuVcpuSlotCompare);
    *slots = g_steal_pointer(&out);
    return n;
}

/* device_add of the vCPU that fills slot, as "vcpuN". */
static int
qemuVcpuPlug(qemuMonitor *mon, const qemuVcpuSlot *slot, size_t n)
{
    g_autoptr(json_object) args = json_object_new_object();
    json_object *type = NULL;
    json_object *props = NULL;
    g_autofree char *id = g_strdup_printf(QEMU_VCPU_ALIAS "%zu", n);

    if (!json_object_object_get_ex(slot->entry, "type", &type)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "QEMU did not name its vCPU device type");
        return -1;
    }
    json_object_object_add(args, "driver", json_object_get(type));
    json_object_object_add(args, "id", json_object_new_string(id));
    if (json_object_object_get_ex(slot->entry, "props", &props)) {
        json_object_object_foreach(props, key, val) {
            if (!g_str_equal(key, "node-id"))
                json_object_object_add(args, key, json_object_get(val));
        }
    }
    return qemuMonitorCommand(mon, "device_add", g_steal_pointer(&args), NULL);
}

static bool
qemuVcpuIsOurs(const qemuVcpuSlot *slot)
{
    return slot->qomPath && g_str_has_prefix(slot->qomPath, "/machine/peripheral/" QEMU_VCPU_ALIAS);
}

/* Waits for the guest to give up the vCPU at qomPath. */
static int
qemuVcpuWaitUnplug(virDomainObj *obj, const char *qomPath)
{
    gint64 deadline = g_get_monotonic_time() + QEMU_VCPU_UNPLUG_TIMEOUT;
    g_autofree char *path = g_strdup(qomPath);

    for (;;) {
        qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
        g_autoptr(json_object) reply = NULL;
        g_autofree qemuVcpuSlot *slots = NULL;
        bool present = false;
        int n;
        int i;

        if (qemuDomObjCheckActive(obj) < 0 || !priv->mon)
            return -1;
        if ((n = qemuVcpuSlots(priv->mon, &reply, &slots)) < 0)
            return -1;
        for (i = 0; i < n; i++)
            present |= slots[i].qomPath && g_str_equal(slots[i].qomPath, path);
        if (!present)
            return 0;
        if (qemuDomainObjWait(obj, MIN(deadline, g_get_monotonic_time() +
                                                 G_TIME_SPAN_SECOND / 4)) != 0 &&
            g_get_monotonic_time() >= deadline) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s",
                           "vcpu unplug request timed out. Unplug result must be manually inspected in the domain");
            return -1;
        }
    }
}

/* Brings the running guest's vCPU count to nvcpus; obj locked, in a job. */
int
qemuVcpuSetLive(virDomainObj *obj, unsigned int nvcpus)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autoptr(json_object) reply = NULL;
    g_autofree qemuVcpuSlot *slots = NULL;
    unsigned int current = qemuVcpuCurrent(obj->def);
    int n;
    int i;

    if (nvcpus > obj->def->vcpus) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "requested vcpus is greater than max allowable vcpus for the live domain: %u > %u",
                       nvcpus, obj->def->vcpus);
        return -1;
    }
    if (nvcpus == current)
        return 0;
    if (!priv->mon) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "QEMU monitor is not connected");
        return -1;
    }
    if ((n = qemuVcpuSlots(priv->mon, &reply, &slots)) < 0)
        return -1;

    if (nvcpus > current) {
        bool failed = false;

        for (i = 0; i < n && current < nvcpus && !failed; i++) {
            if (slots[i].qomPath)
                continue;
            if (qemuVcpuPlug(priv->mon, &slots[i], i) < 0) {
                failed = true;
                continue;
            }
            current++;
            obj->def->vcpusCurrent = current == obj->def->vcpus ? 0 : current;
        }
        if (current < nvcpus && !failed)
            virReportError(VIR_ERR_OPERATION_FAILED, "%s", "QEMU has no free vCPU slot left");
    } else {
        /* Remove the last added first. */
        for (i = n - 1; i >= 0 && current > nvcpus; i--) {
            g_autoptr(json_object) args = NULL;
            const char *id;

            if (!slots[i].qomPath)
                continue;
            if (!qemuVcpuIsOurs(&slots[i])) {
                virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                               "vcpu '%d' can't be hotunplugged: it was present at boot", i);
                break;
            }
            id = slots[i].qomPath + strlen("/machine/peripheral/");
            args = json_object_new_object();
            json_object_object_add(args, "id", json_object_new_string(id));
            if (qemuMonitorCommand(priv->mon, "device_del", g_steal_pointer(&args), NULL) < 0 ||
                qemuVcpuWaitUnplug(obj, slots[i].qomPath) < 0)
                break;
            current--;
            obj->def->vcpusCurrent = current == obj->def->vcpus ? 0 : current;
        }
    }
    qemuDomainSaveStatus(qemu_driver, obj);
    return current == nvcpus ? 0 : -1;
}
