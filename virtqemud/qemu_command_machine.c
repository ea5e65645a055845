/* The machine, firmware, CPU, memory, clock, power management and boot
 * order options of the QEMU command line. */
#include "qemu_command_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_command_machine");

/* Where hugepage-backed guest RAM lives (hugetlbfs), and file-backed RAM
 * without hugepages. */
#define QEMU_HUGEPAGES_PATH "/dev/hugepages"
#define QEMU_MEMORY_FILE_PATH "/dev/shm"

/* ---- machine, CPU, memory -------------------------------------------- */

static int
qemuBuildPflash(qemuBuildCtx *ctx, GString *machine)
{
    const virDomainDef *def = ctx->def;
    const char *files[2] = { def->os.loader, def->os.nvram };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autoptr(GString) storage = g_string_new(NULL);
        g_autoptr(GString) format = g_string_new(NULL);
        g_autofree char *storageName = g_strdup_printf("libvirt-pflash%zu-storage", i);
        g_autofree char *formatName = g_strdup_printf("libvirt-pflash%zu-format", i);
        bool readonly = i == 0 && def->os.loaderReadonly != VIR_TRISTATE_BOOL_NO;

        if (!files[i])
            continue;
        qemuOptAdd(storage, "driver", "file");
        qemuOptAdd(storage, "filename", files[i]);
        qemuOptAdd(storage, "node-name", storageName);
        qemuOptAdd(storage, "auto-read-only", "on");
        qemuOptAdd(storage, "discard", "unmap");
        qemuAddArgBuf(ctx->cmd, "-blockdev", storage);

        qemuOptAdd(format, "node-name", formatName);
        qemuOptAdd(format, "read-only", readonly ? "on" : "off");
        qemuOptAdd(format, "driver", "raw");
        qemuOptAdd(format, "file", storageName);
        qemuAddArgBuf(ctx->cmd, "-blockdev", format);

        qemuOptAddFormat(machine, i == 0 ? "pflash0" : "pflash1", "%s", formatName);
    }
    return 0;
}

/* Guest RAM comes from an explicit memory backend (rather than QEMU's
 * default anonymous memory) for hugepages, memfd/file sources and shared
 * access; with NUMA cells every cell has its own. */
static bool
qemuDefNeedsMemoryBackend(const virDomainDef *def)
{
    return def->mem.hugepages || def->mem.source == VIR_DOMAIN_MEMORY_SOURCE_FILE ||
           def->mem.source == VIR_DOMAIN_MEMORY_SOURCE_MEMFD ||
           def->mem.access == VIR_DOMAIN_MEMORY_ACCESS_SHARED;
}

static bool
qemuDefHasNuma(const virDomainDef *def)
{
    return def->cpu && def->cpu->ncells > 0;
}

int
qemuBuildMachine(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    g_autoptr(GString) buf = g_string_new(NULL);
    size_t i;

    if (strchr(ctx->machine, ',')) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "invalid machine type '%s'", ctx->machine);
        return -1;
    }
    qemuOptAddWord(buf, ctx->machine);
    qemuOptAdd(buf, "accel", def->virtType == VIR_DOMAIN_VIRT_KVM ? "kvm" : "tcg");
    qemuOptAdd(buf, "usb", "off");
    if (def->features[VIR_DOMAIN_FEATURE_VMPORT])
        qemuOptAdd(buf, "vmport", virTristateSwitchTypeToString(def->features[VIR_DOMAIN_FEATURE_VMPORT]));
    if (def->features[VIR_DOMAIN_FEATURE_SMM])
        qemuOptAdd(buf, "smm", virTristateSwitchTypeToString(def->features[VIR_DOMAIN_FEATURE_SMM]));
    qemuOptAdd(buf, "dump-guest-core", "off");
    if (def->mem.nosharepages)
        qemuOptAdd(buf, "mem-merge", "off");
    if (qemuDefNeedsMemoryBackend(def) && !qemuDefHasNuma(def))
        qemuOptAdd(buf, "memory-backend", "pc.ram");

    if (def->os.loader) {
        if (def->os.loaderType == VIR_DOMAIN_LOADER_TYPE_ROM) {
            qemuAddArgs(ctx->cmd, "-bios", def->os.loader, NULL);
        } else if (qemuBuildPflash(ctx, buf) < 0) {
            return -1;
        }
    } else if (def->os.firmware == VIR_DOMAIN_OS_FIRMWARE_EFI) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "firmware autoselection is not supported: give the UEFI code file in <os><loader>");
        return -1;
    }
    for (i = 0; i < def->clock.ntimers; i++) {
        if (def->clock.timers[i].name == VIR_DOMAIN_TIMER_NAME_HPET &&
            def->clock.timers[i].present != VIR_TRISTATE_BOOL_ABSENT)
            qemuOptAdd(buf, "hpet",
                       def->clock.timers[i].present == VIR_TRISTATE_BOOL_YES ? "on" : "off");
    }
    qemuAddArgBuf(ctx->cmd, "-machine", buf);
    return 0;
}

/* QEMU's names of the Hyper-V enlightenments (-cpu hv-...). */
static const char *const qemuHypervProps[VIR_DOMAIN_HYPERV_LAST] = {
    "hv-relaxed", "hv-vapic", "hv-spinlocks", "hv-vpindex", "hv-runtime", "hv-synic",
    "hv-stimer", "hv-reset", "hv-vendor-id", "hv-frequencies", "hv-reenlightenment",
    "hv-tlbflush", "hv-ipi", "hv-evmcs", "hv-avic",
};

static const virDomainTimerDef *
qemuFindTimer(const virDomainDef *def, virDomainTimerName name)
{
    size_t i;

    for (i = 0; i < def->clock.ntimers; i++) {
        if (def->clock.timers[i].name == name)
            return &def->clock.timers[i];
    }
    return NULL;
}

/* The -cpu options that come from <features><hyperv> and <clock><timer>. */
static void
qemuBuildCpuEnlightenments(qemuBuildCtx *ctx, GString *buf)
{
    const virDomainDef *def = ctx->def;
    const virDomainHypervDef *hv = &def->hyperv;
    const virDomainTimerDef *timer;
    size_t i;

    if ((timer = qemuFindTimer(def, VIR_DOMAIN_TIMER_NAME_KVMCLOCK)) && timer->present)
        qemuOptAdd(buf, "kvmclock", timer->present == VIR_TRISTATE_BOOL_YES ? "on" : "off");
    if (def->features[VIR_DOMAIN_FEATURE_HYPERV] != VIR_TRISTATE_SWITCH_ON)
        return;
    if ((timer = qemuFindTimer(def, VIR_DOMAIN_TIMER_NAME_HYPERVCLOCK)) &&
        timer->present == VIR_TRISTATE_BOOL_YES)
        qemuOptAdd(buf, "hv-time", "on");
    if (hv->mode == VIR_DOMAIN_HYPERV_MODE_PASSTHROUGH) {
        qemuOptAdd(buf, "hv-passthrough", "on");
        return;
    }
    for (i = 0; i < VIR_DOMAIN_HYPERV_LAST; i++) {
        if (hv->features[i] != VIR_TRISTATE_SWITCH_ON)
            continue;
        if (i == VIR_DOMAIN_HYPERV_SPINLOCKS)
            qemuOptAddFormat(buf, qemuHypervProps[i], "0x%x", hv->spinlockRetries);
        else if (i == VIR_DOMAIN_HYPERV_VENDOR_ID)
            qemuOptAdd(buf, qemuHypervProps[i], hv->vendorId);
        else
            qemuOptAdd(buf, qemuHypervProps[i], "on");
    }
}

static bool
qemuDefHasCpuEnlightenments(const virDomainDef *def)
{
    const virDomainTimerDef *timer = qemuFindTimer(def, VIR_DOMAIN_TIMER_NAME_KVMCLOCK);

    return def->features[VIR_DOMAIN_FEATURE_HYPERV] == VIR_TRISTATE_SWITCH_ON ||
           (timer && timer->present);
}

int
qemuBuildCpu(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    const virDomainCPUDef *cpu = def->cpu;
    g_autoptr(GString) buf = g_string_new(NULL);
    bool kvm = def->virtType == VIR_DOMAIN_VIRT_KVM;
    bool hostLike = false;
    size_t i;

    /* No model asked for: QEMU's default one, unless enlightenments
     * must be added to it. */
    if (!cpu || (cpu->mode == VIR_CPU_MODE_CUSTOM && !cpu->model)) {
        if (!qemuDefHasCpuEnlightenments(def))
            return 0;
        qemuOptAddWord(buf, "qemu64");
        qemuBuildCpuEnlightenments(ctx, buf);
        qemuAddArgBuf(ctx->cmd, "-cpu", buf);
        return 0;
    }
    switch (cpu->mode) {
    case VIR_CPU_MODE_HOST_PASSTHROUGH:
        if (!kvm) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "CPU mode 'host-passthrough' needs a domain of type 'kvm'");
            return -1;
        }
        qemuOptAddWord(buf, "host");
        if (cpu->migratable)
            qemuOptAdd(buf, "migratable", virTristateSwitchTypeToString(cpu->migratable));
        hostLike = true;
        break;
    case VIR_CPU_MODE_HOST_MODEL:
        /* Without a CPU model database, the closest match is the host CPU
         * under KVM and QEMU's most capable model under TCG. */
        qemuOptAddWord(buf, kvm ? "host" : "max");
        hostLike = true;
        break;
    case VIR_CPU_MODE_MAXIMUM:
        qemuOptAddWord(buf, "max");
        hostLike = true;
        break;
    case VIR_CPU_MODE_CUSTOM:
        if (!cpu->model)
            return 0;
        if (strchr(cpu->model, ',')) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "invalid CPU model '%s'", cpu->model);
            return -1;
        }
        qemuOptAddWord(buf, cpu->model);
        break;
    case VIR_CPU_MODE_LAST:
        return 0;
    }

    for (i = 0; i < cpu->nfeatures; i++) {
        switch (cpu->features[i].policy) {
        case VIR_CPU_FEATURE_FORCE:
        case VIR_CPU_FEATURE_REQUIRE:
            qemuOptAdd(buf, cpu->features[i].name, "on");
            break;
        case VIR_CPU_FEATURE_DISABLE:
        case VIR_CPU_FEATURE_FORBID:
            qemuOptAdd(buf, cpu->features[i].name, "off");
            break;
        case VIR_CPU_FEATURE_OPTIONAL:
        case VIR_CPU_FEATURE_LAST:
            break;
        }
    }
    qemuBuildCpuEnlightenments(ctx, buf);
    if (def->features[VIR_DOMAIN_FEATURE_PMU])
        qemuOptAdd(buf, "pmu", virTristateSwitchTypeToString(def->features[VIR_DOMAIN_FEATURE_PMU]));
    if (hostLike && kvm && ctx->params->disableArchCapabilities)
        qemuOptAdd(buf, "arch-capabilities", "off");
    qemuAddArgBuf(ctx->cmd, "-cpu", buf);
    return 0;
}

/* -object memory-backend-* for size KiB of guest RAM. */
static void
qemuBuildMemoryBackend(qemuBuildCtx *ctx, const char *id, unsigned long long kib,
                       virDomainMemoryAccess access)
{
    const virDomainMemoryBackingDef *mem = &ctx->def->mem;
    g_autoptr(GString) buf = g_string_new(NULL);

    if (!access)
        access = mem->access;
    if (mem->source == VIR_DOMAIN_MEMORY_SOURCE_MEMFD) {
        qemuOptAddWord(buf, "memory-backend-memfd");
        qemuOptAdd(buf, "id", id);
        if (mem->hugepages) {
            qemuOptAdd(buf, "hugetlb", "on");
            if (mem->hugepageSize)
                qemuOptAddFormat(buf, "hugetlbsize", "%llu", mem->hugepageSize * 1024);
        }
    } else if (mem->hugepages || mem->source == VIR_DOMAIN_MEMORY_SOURCE_FILE) {
        qemuOptAddWord(buf, "memory-backend-file");
        qemuOptAdd(buf, "id", id);
        qemuOptAdd(buf, "mem-path", mem->hugepages ? QEMU_HUGEPAGES_PATH : QEMU_MEMORY_FILE_PATH);
        if (mem->hugepages)
            qemuOptAdd(buf, "prealloc", "on");
        if (mem->discard)
            qemuOptAdd(buf, "discard-data", "on");
    } else {
        qemuOptAddWord(buf, "memory-backend-ram");
        qemuOptAdd(buf, "id", id);
    }
    if (access == VIR_DOMAIN_MEMORY_ACCESS_SHARED)
        qemuOptAdd(buf, "share", "on");
    else if (access == VIR_DOMAIN_MEMORY_ACCESS_PRIVATE)
        qemuOptAdd(buf, "share", "off");
    qemuOptAddFormat(buf, "size", "%llu", kib * 1024);
    qemuAddArgBuf(ctx->cmd, "-object", buf);
}

static void
qemuBuildNuma(qemuBuildCtx *ctx)
{
    const virDomainCPUDef *cpu = ctx->def->cpu;
    size_t i;

    for (i = 0; qemuDefHasNuma(ctx->def) && i < cpu->ncells; i++) {
        const virDomainNumaCell *cell = &cpu->cells[i];
        g_autoptr(GString) node = g_string_new(NULL);
        g_autofree char *memdev = g_strdup_printf("ram-node%u", cell->id);
        g_auto(GStrv) ranges = g_strsplit(cell->cpus, ",", 0);
        char **r;

        qemuBuildMemoryBackend(ctx, memdev, cell->memory, cell->memAccess);
        qemuOptAddWord(node, "node");
        qemuOptAddFormat(node, "nodeid", "%u", cell->id);
        /* QEMU takes one cpus= per range. */
        for (r = ranges; *r; r++) {
            if (**r)
                g_string_append_printf(node, ",cpus=%s", *r);
        }
        qemuOptAdd(node, "memdev", memdev);
        qemuAddArgBuf(ctx->cmd, "-numa", node);
    }
}

int
qemuBuildMemoryAndSmp(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    const virDomainCPUDef *cpu = def->cpu;
    g_autoptr(GString) smp = g_string_new(NULL);
    g_autoptr(GString) mem = g_string_new(NULL);
    unsigned int sockets = def->vcpus, dies = 1, cores = 1, threads = 1;

    if (def->maxMemory && !qemuDefHasNuma(def)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "At least one numa node has to be configured when enabling memory hotplug");
        return -1;
    }
    if (def->os.smbiosMode == VIR_DOMAIN_SMBIOS_HOST) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "SMBIOS mode 'host' is not supported: describe the tables with <sysinfo>");
        return -1;
    }
    qemuOptAddFormat(mem, "size", "%lluk", def->memory);
    if (def->maxMemory) {
        qemuOptAddFormat(mem, "slots", "%u", def->maxMemorySlots);
        qemuOptAddFormat(mem, "maxmem", "%lluk", def->maxMemory);
    }
    qemuAddArgBuf(ctx->cmd, "-m", mem);
    if (qemuDefNeedsMemoryBackend(def) && !qemuDefHasNuma(def))
        qemuBuildMemoryBackend(ctx, "pc.ram", def->memory, VIR_DOMAIN_MEMORY_ACCESS_DEFAULT);
    if (def->mem.locked)
        qemuAddArgs(ctx->cmd, "-overcommit", "mem-lock=on", NULL);

    if (cpu && cpu->sockets) {
        sockets = cpu->sockets;
        dies = cpu->dies;
        cores = cpu->cores;
        threads = cpu->threads;
    }
    g_string_append_printf(smp, "%u", def->vcpusCurrent ? def->vcpusCurrent : def->vcpus);
    if (def->vcpusCurrent && def->vcpusCurrent != def->vcpus)
        qemuOptAddFormat(smp, "maxcpus", "%u", def->vcpus);
    qemuOptAddFormat(smp, "sockets", "%u", sockets);
    if (dies > 1)
        qemuOptAddFormat(smp, "dies", "%u", dies);
    qemuOptAddFormat(smp, "cores", "%u", cores);
    qemuOptAddFormat(smp, "threads", "%u", threads);
    qemuAddArgBuf(ctx->cmd, "-smp", smp);
    qemuBuildNuma(ctx);
    return 0;
}

/* -smbios tables from <sysinfo> with <os><smbios mode='sysinfo'/>. */
void
qemuBuildSmbios(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    static const int tableTypes[] = { 0, 1, 2, 3, 11 };
    int s;
    size_t i;

    if (def->os.smbiosMode != VIR_DOMAIN_SMBIOS_SYSINFO || !def->hasSysinfo)
        return;
    for (s = 0; s < VIR_DOMAIN_SYSINFO_LAST; s++) {
        g_autoptr(GString) buf = g_string_new(NULL);

        for (i = 0; i < def->nsysinfo; i++) {
            const virDomainSysinfoEntry *entry = &def->sysinfo[i];

            if (entry->section != (virDomainSysinfoSection)s)
                continue;
            if (s == VIR_DOMAIN_SYSINFO_OEMSTRINGS) {
                g_autoptr(GString) oem = g_string_new(NULL);

                qemuOptAddFormat(oem, "type", "%d", tableTypes[s]);
                qemuOptAdd(oem, "value", entry->value ? entry->value : "");
                qemuAddArgBuf(ctx->cmd, "-smbios", oem);
                continue;
            }
            if (!buf->len)
                qemuOptAddFormat(buf, "type", "%d", tableTypes[s]);
            qemuOptAdd(buf, entry->name, entry->value ? entry->value : "");
        }
        if (buf->len)
            qemuAddArgBuf(ctx->cmd, "-smbios", buf);
    }
}

void
qemuBuildMonitor(qemuBuildCtx *ctx)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    qemuOptAddWord(buf, "socket");
    qemuOptAdd(buf, "id", "charmonitor");
    qemuOptAdd(buf, "path", ctx->params->monitorPath);
    qemuOptAdd(buf, "server", "on");
    qemuOptAdd(buf, "wait", "off");
    qemuAddArgBuf(ctx->cmd, "-chardev", buf);
    qemuAddArgs(ctx->cmd, "-mon", "chardev=charmonitor,id=monitor,mode=control", NULL);
}

void
qemuBuildClock(qemuBuildCtx *ctx)
{
    const virDomainClockDef *clock = &ctx->def->clock;
    g_autoptr(GString) rtc = g_string_new(NULL);
    size_t i;

    switch (clock->offset) {
    case VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME:
        qemuOptAdd(rtc, "base", "localtime");
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE:
        /* The guest's local time in that zone: QEMU reads TZ. */
        virCommandAddEnvPair(ctx->cmd, "TZ", clock->timezone);
        qemuOptAdd(rtc, "base", "localtime");
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_VARIABLE: {
        g_autoptr(GDateTime) now = clock->basis == VIR_DOMAIN_CLOCK_BASIS_LOCALTIME ?
                                   g_date_time_new_now_local() : g_date_time_new_now_utc();
        g_autoptr(GDateTime) then = g_date_time_add_seconds(now, clock->adjustment);
        g_autofree char *stamp = g_date_time_format(then, "%Y-%m-%dT%H:%M:%S");

        qemuOptAdd(rtc, "base", stamp);
        break;
    }
    case VIR_DOMAIN_CLOCK_OFFSET_UTC:
    case VIR_DOMAIN_CLOCK_OFFSET_LAST:
        qemuOptAdd(rtc, "base", "utc");
        break;
    }

    for (i = 0; i < clock->ntimers; i++) {
        const virDomainTimerDef *timer = &clock->timers[i];

        if (timer->name == VIR_DOMAIN_TIMER_NAME_RTC &&
            timer->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_CATCHUP)
            qemuOptAdd(rtc, "driftfix", "slew");
    }
    qemuAddArgBuf(ctx->cmd, "-rtc", rtc);

    for (i = 0; i < clock->ntimers; i++) {
        const virDomainTimerDef *timer = &clock->timers[i];
        const char *policy = NULL;

        if (timer->name != VIR_DOMAIN_TIMER_NAME_PIT || !timer->tickpolicy ||
            ctx->def->virtType != VIR_DOMAIN_VIRT_KVM)
            continue;
        if (timer->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_DELAY)
            policy = "delay";
        else if (timer->tickpolicy == VIR_DOMAIN_TIMER_TICKPOLICY_DISCARD)
            policy = "discard";
        if (policy) {
            virCommandAddArg(ctx->cmd, "-global");
            virCommandAddArgFormat(ctx->cmd, "kvm-pit.lost_tick_policy=%s", policy);
        }
    }
}

void
qemuBuildPM(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    const char *lpc = ctx->q35 ? "ICH9-LPC" : "PIIX4_PM";

    if (def->pmSuspendToMem) {
        virCommandAddArg(ctx->cmd, "-global");
        virCommandAddArgFormat(ctx->cmd, "%s.disable_s3=%d", lpc,
                               def->pmSuspendToMem == VIR_TRISTATE_BOOL_NO);
    }
    if (def->pmSuspendToDisk) {
        virCommandAddArg(ctx->cmd, "-global");
        virCommandAddArgFormat(ctx->cmd, "%s.disable_s4=%d", lpc,
                               def->pmSuspendToDisk == VIR_TRISTATE_BOOL_NO);
    }
}

/* <os><boot dev=...> becomes per-device bootindex: with -blockdev the
 * firmware only finds disks that way. */
void
qemuAssignBootIndexes(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    int next = 1;
    size_t i, b;

    for (i = 0; i < def->ndisks; i++)
        ctx->bootIndex[i] = def->disks[i]->info.bootIndex;
    for (i = 0; i < def->nnets; i++)
        ctx->bootIndex[def->ndisks + i] = def->nets[i]->info.bootIndex;

    for (b = 0; b < def->os.nbootDevs; b++) {
        int want = def->os.bootDevs[b];

        if (want == VIR_DOMAIN_BOOT_NET) {
            if (def->nnets > 0 && !ctx->bootIndex[def->ndisks])
                ctx->bootIndex[def->ndisks] = next++;
            continue;
        }
        for (i = 0; i < def->ndisks; i++) {
            virDomainDiskDevice dev = def->disks[i]->device;
            bool match = (want == VIR_DOMAIN_BOOT_DISK && (dev == VIR_DOMAIN_DISK_DEVICE_DISK ||
                                                          dev == VIR_DOMAIN_DISK_DEVICE_LUN)) ||
                         (want == VIR_DOMAIN_BOOT_CDROM && dev == VIR_DOMAIN_DISK_DEVICE_CDROM) ||
                         (want == VIR_DOMAIN_BOOT_FLOPPY && dev == VIR_DOMAIN_DISK_DEVICE_FLOPPY);

            if (match && !ctx->bootIndex[i]) {
                ctx->bootIndex[i] = next++;
                break;
            }
        }
    }
}

void
qemuBuildBoot(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    g_autoptr(GString) boot = g_string_new(NULL);

    if (def->os.bootmenuSpecified) {
        qemuOptAdd(boot, "menu", def->os.bootmenu ? "on" : "off");
        if (def->os.bootmenu && def->os.bootmenuTimeout)
            qemuOptAddFormat(boot, "splash-time", "%u", def->os.bootmenuTimeout);
    }
    qemuOptAdd(boot, "strict", "on");
    qemuAddArgBuf(ctx->cmd, "-boot", boot);

    if (def->os.kernel)
        qemuAddArgs(ctx->cmd, "-kernel", def->os.kernel, NULL);
    if (def->os.initrd)
        qemuAddArgs(ctx->cmd, "-initrd", def->os.initrd, NULL);
    if (def->os.cmdline)
        qemuAddArgs(ctx->cmd, "-append", def->os.cmdline, NULL);
    if (def->os.dtb)
        qemuAddArgs(ctx->cmd, "-dtb", def->os.dtb, NULL);
}
