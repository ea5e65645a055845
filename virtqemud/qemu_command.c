/* The QEMU command line for a domain definition, in QEMU 7.2 syntax:
 * -blockdev for storage, key=value -device options, one chardev per
 * character device. Device ids are the aliases libvirt would use, so that
 * monitor commands and the live XML agree. */
#include "qemu_command.h"

#include <stdio.h>
#include <string.h>

#include "virerror.h"
#include "virlog.h"


#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_command");

/* VNC displays are numbered from this TCP port. */
#define QEMU_VNC_PORT_MIN 5900
#define QEMU_VNC_PORT_MAX 65535
/* With automatic ports QEMU searches displays 0..QEMU_VNC_AUTO_DISPLAYS. */
#define QEMU_VNC_AUTO_DISPLAYS 100
#define QEMU_DEFAULT_LISTEN "127.0.0.1"
/* First port number libvirt gives PCIe root ports (slot 2, function 0). */
#define QEMU_PCIE_ROOT_PORT_FIRST 0x10

/* What the builder needs to know while walking the definition. */
typedef struct {
    const virDomainDef *def;
    const qemuCommandParams *params;
    virCommand *cmd;
    const char *machine;
    bool q35;
    bool hasUSB;            /* a USB controller exists or was added */
    int *bootIndex;         /* per disk, then per net: 0 none */
} qemuBuildCtx;

/* Appends ",key=value" with QEMU's escaping of commas in values. */
static void
qemuOptAdd(GString *buf, const char *key, const char *value)
{
    const char *p;

    if (!value)
        return;
    if (buf->len)
        g_string_append_c(buf, ',');
    g_string_append_printf(buf, "%s=", key);
    for (p = value; *p; p++) {
        if (*p == ',')
            g_string_append_c(buf, ',');
        g_string_append_c(buf, *p);
    }
}

static void G_GNUC_PRINTF(3, 4)
qemuOptAddFormat(GString *buf, const char *key, const char *fmt, ...)
{
    g_autofree char *value = NULL;
    va_list ap;

    va_start(ap, fmt);
    value = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    qemuOptAdd(buf, key, value);
}

/* A bare word (driver name, "none"...) at the start of an option list. */
static void
qemuOptAddWord(GString *buf, const char *word)
{
    if (buf->len)
        g_string_append_c(buf, ',');
    g_string_append(buf, word);
}

/* Adds the NULL-terminated arguments. */
static void G_GNUC_NULL_TERMINATED
qemuAddArgs(virCommand *cmd, ...)
{
    const char *arg;
    va_list ap;

    va_start(ap, cmd);
    while ((arg = va_arg(ap, const char *)))
        virCommandAddArg(cmd, arg);
    va_end(ap);
}

static void
qemuAddArgBuf(virCommand *cmd, const char *option, GString *buf)
{
    virCommandAddArg(cmd, option);
    virCommandAddArg(cmd, buf->str);
}

/* ---- aliases ---------------------------------------------------------- */

static char *
qemuDiskAlias(const virDomainDiskDef *disk, size_t idx)
{
    const virDomainDeviceDriveAddress *drive = &disk->info.drive;
    int nameIdx = virDiskNameToIndex(disk->dst);

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
        return g_strdup_printf("virtio-disk%d", nameIdx);
    case VIR_DOMAIN_DISK_BUS_IDE:
        return g_strdup_printf("ide%u-%u-%u", drive->controller, drive->bus, drive->unit);
    case VIR_DOMAIN_DISK_BUS_SATA:
        return g_strdup_printf("sata%u-%u-%u", drive->controller, drive->bus, drive->unit);
    case VIR_DOMAIN_DISK_BUS_SCSI:
        return g_strdup_printf("scsi%u-%u-%u-%u", drive->controller, drive->bus,
                               drive->target, drive->unit);
    case VIR_DOMAIN_DISK_BUS_FDC:
        return g_strdup_printf("fdc%u-%u-%u", drive->controller, drive->bus, drive->unit);
    case VIR_DOMAIN_DISK_BUS_USB:
        return g_strdup_printf("usb-disk%d", nameIdx);
    default:
        return g_strdup_printf("disk%zu", idx);
    }
}

static char *
qemuControllerAlias(const virDomainControllerDef *ctrl, bool q35)
{
    switch (ctrl->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        if (ctrl->idx == 0)
            return g_strdup(q35 ? "pcie.0" : "pci.0");
        return g_strdup_printf("pci.%d", ctrl->idx);
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return ctrl->idx == 0 ? g_strdup("usb") : g_strdup_printf("usb%d", ctrl->idx);
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        return ctrl->idx == 0 ? g_strdup("ide") : g_strdup_printf("ide%d", ctrl->idx);
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        /* The Q35 board's own AHCI controller is called "ide" by QEMU. */
        if (ctrl->idx == 0 && q35)
            return g_strdup("ide");
        return g_strdup_printf("sata%d", ctrl->idx);
    default:
        return g_strdup_printf("%s%d", virDomainControllerTypeToString(ctrl->type), ctrl->idx);
    }
}

static bool
qemuMachineIsQ35(const char *machine)
{
    return machine && strstr(machine, "q35") != NULL;
}

static void
qemuSetAlias(virDomainDeviceInfo *info, char *alias)
{
    /* User aliases ("ua-...") are ids the user chose: keep them. */
    if (info->alias && g_str_has_prefix(info->alias, "ua-")) {
        g_free(alias);
        return;
    }
    g_free(info->alias);
    info->alias = alias;
}

void
qemuAssignDeviceAliases(virDomainDef *def)
{
    bool q35 = qemuMachineIsQ35(def->os.machine);
    size_t i;

    for (i = 0; i < def->ndisks; i++)
        qemuSetAlias(&def->disks[i]->info, qemuDiskAlias(def->disks[i], i));
    for (i = 0; i < def->ncontrollers; i++)
        qemuSetAlias(&def->controllers[i]->info, qemuControllerAlias(def->controllers[i], q35));
    for (i = 0; i < def->nnets; i++)
        qemuSetAlias(&def->nets[i]->info, g_strdup_printf("net%zu", i));
    for (i = 0; i < def->nserials; i++)
        qemuSetAlias(&def->serials[i]->info, g_strdup_printf("serial%zu", i));
    for (i = 0; i < def->nparallels; i++)
        qemuSetAlias(&def->parallels[i]->info, g_strdup_printf("parallel%zu", i));
    for (i = 0; i < def->nconsoles; i++) {
        /* A serial console is its serial port; it has no id of its own. */
        if (!virDomainConsoleGetSerial(def, def->consoles[i]))
            qemuSetAlias(&def->consoles[i]->info, g_strdup_printf("console%zu", i));
    }
    for (i = 0; i < def->nchannels; i++)
        qemuSetAlias(&def->channels[i]->info, g_strdup_printf("channel%zu", i));
    for (i = 0; i < def->ninputs; i++)
        qemuSetAlias(&def->inputs[i]->info, g_strdup_printf("input%zu", i));
    for (i = 0; i < def->nvideos; i++)
        qemuSetAlias(&def->videos[i]->info, g_strdup_printf("video%zu", i));
    if (def->memballoon)
        qemuSetAlias(&def->memballoon->info, g_strdup("balloon0"));
    for (i = 0; i < def->nrngs; i++)
        qemuSetAlias(&def->rngs[i]->info, g_strdup_printf("rng%zu", i));
}

/* The id a device gets: its alias, or the one qemuAssignDeviceAliases
 * would give (computed by the caller). */
static char *
qemuInfoId(const virDomainDeviceInfo *info, char *computed)
{
    if (info->alias) {
        g_free(computed);
        return g_strdup(info->alias);
    }
    return computed;
}

bool
qemuHostNeedsArchCapabilitiesOff(void)
{
    g_autofree char *cpuinfo = NULL;

    /* KVM offers the MSR even where the host CPU lacks it (nested
     * setups), and then fails to set it when the guest starts. */
    if (!g_file_get_contents("/proc/cpuinfo", &cpuinfo, NULL, NULL))
        return false;
    return strstr(cpuinfo, " hypervisor") && !strstr(cpuinfo, " arch_capabilities");
}

char *
qemuDiskNodeName(size_t idx, const char *layer)
{
    return g_strdup_printf("libvirt-%zu-%s", idx + 1, layer);
}

char *
qemuBuildChannelPath(const virDomainChrDef *chr, const qemuCommandParams *params)
{
    g_autofree char *dir = g_path_get_dirname(params->monitorPath ? params->monitorPath : "/tmp/x");

    if (chr->targetName)
        return g_strdup_printf("%s/%s", dir, chr->targetName);
    return g_strdup_printf("%s/%s.sock", dir, chr->info.alias ? chr->info.alias : "channel");
}

/* ---- guest addresses -------------------------------------------------- */

static const virDomainControllerDef *
qemuFindController(const virDomainDef *def, virDomainControllerType type, int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type && def->controllers[i]->idx == idx)
            return def->controllers[i];
    }
    return NULL;
}

/* bus=/addr=/multifunction= for a device with a PCI address. */
static int
qemuBuildPCIAddress(qemuBuildCtx *ctx, GString *buf, const virDomainDeviceInfo *info)
{
    const virPCIDeviceAddress *pci = &info->pci;
    const virDomainControllerDef *ctrl;
    g_autofree char *bus = NULL;

    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
        return 0;
    if (pci->domain != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "PCI domain 0x%04x is not supported, only 0",
                       pci->domain);
        return -1;
    }
    ctrl = qemuFindController(ctx->def, VIR_DOMAIN_CONTROLLER_TYPE_PCI, pci->bus);
    if (ctrl)
        bus = qemuInfoId(&ctrl->info, qemuControllerAlias(ctrl, ctx->q35));
    else if (pci->bus == 0)
        bus = g_strdup(ctx->q35 ? "pcie.0" : "pci.0");
    else {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "PCI bus 0x%02x used by a device address has no controller", pci->bus);
        return -1;
    }
    qemuOptAdd(buf, "bus", bus);
    if (pci->function)
        qemuOptAddFormat(buf, "addr", "0x%x.0x%x", pci->slot, pci->function);
    else
        qemuOptAddFormat(buf, "addr", "0x%x", pci->slot);
    if (pci->multi == VIR_TRISTATE_SWITCH_ON)
        qemuOptAdd(buf, "multifunction", "on");
    return 0;
}

static char *
qemuUSBBusId(qemuBuildCtx *ctx, const virDomainDeviceInfo *info)
{
    unsigned int bus = info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB ? info->usb.bus : 0;
    const virDomainControllerDef *ctrl = qemuFindController(ctx->def, VIR_DOMAIN_CONTROLLER_TYPE_USB,
                                                            bus);
    g_autofree char *id = ctrl ? qemuInfoId(&ctrl->info, qemuControllerAlias(ctrl, ctx->q35)) :
                                 g_strdup("usb");

    return g_strdup_printf("%s.0", id);
}

/* bus=usb.0[,port=N] for a USB device. */
static int
qemuBuildUSBAddress(qemuBuildCtx *ctx, GString *buf, const virDomainDeviceInfo *info)
{
    g_autofree char *bus = NULL;

    if (!ctx->hasUSB) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "a USB device needs a USB controller, and the controller model is 'none'");
        return -1;
    }
    bus = qemuUSBBusId(ctx, info);
    qemuOptAdd(buf, "bus", bus);
    if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB && info->usb.port)
        qemuOptAdd(buf, "port", info->usb.port);
    return 0;
}

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

static int
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

static int
qemuBuildCpu(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    const virDomainCPUDef *cpu = def->cpu;
    g_autoptr(GString) buf = g_string_new(NULL);
    bool kvm = def->virtType == VIR_DOMAIN_VIRT_KVM;
    bool hostLike = false;
    size_t i;

    if (!cpu)
        return 0;
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
    if (def->features[VIR_DOMAIN_FEATURE_PMU])
        qemuOptAdd(buf, "pmu", virTristateSwitchTypeToString(def->features[VIR_DOMAIN_FEATURE_PMU]));
    if (hostLike && kvm && ctx->params->disableArchCapabilities)
        qemuOptAdd(buf, "arch-capabilities", "off");
    qemuAddArgBuf(ctx->cmd, "-cpu", buf);
    return 0;
}

static void
qemuBuildMemoryAndSmp(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    const virDomainCPUDef *cpu = def->cpu;
    g_autoptr(GString) smp = g_string_new(NULL);
    unsigned int sockets = def->vcpus, dies = 1, cores = 1, threads = 1;

    virCommandAddArg(ctx->cmd, "-m");
    virCommandAddArgFormat(ctx->cmd, "size=%lluk", def->memory);

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
}

static void
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

static void
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

static void
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
static void
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

static void
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

/* ---- controllers ------------------------------------------------------ */

static const char *
qemuUSBControllerDevice(int model, bool q35)
{
    switch (model) {
    case -1:
        /* The USB controller each board would have had. */
        return q35 ? "qemu-xhci" : "piix3-usb-uhci";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI: return "piix3-usb-uhci";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX4_UHCI: return "piix4-usb-uhci";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_EHCI: return "usb-ehci";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1: return "ich9-usb-ehci1";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1: return "ich9-usb-uhci1";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2: return "ich9-usb-uhci2";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3: return "ich9-usb-uhci3";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_VT82C686B_UHCI: return "vt82c686b-usb-uhci";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_PCI_OHCI: return "pci-ohci";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_NEC_XHCI: return "nec-usb-xhci";
    case VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI: return "qemu-xhci";
    default: return NULL;
    }
}

static const char *
qemuSCSIControllerDevice(int model)
{
    switch (model) {
    case -1:
    case VIR_DOMAIN_CONTROLLER_MODEL_SCSI_AUTO:
    case VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC:
        return "lsi53c895a";
    case VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI:
        return "virtio-scsi-pci";
    case VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL:
        return "virtio-scsi-pci-transitional";
    case VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL:
        return "virtio-scsi-pci-non-transitional";
    case VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1068:
        return "mptsas1068";
    case VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1078:
        return "megasas-gen2";
    case VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VMPVSCSI:
        return "pvscsi";
    case VIR_DOMAIN_CONTROLLER_MODEL_SCSI_AM53C974:
        return "am53c974";
    case VIR_DOMAIN_CONTROLLER_MODEL_SCSI_DC390:
        return "dc390";
    default:
        return NULL;
    }
}

static bool
qemuSCSIControllerIsVirtio(const virDomainControllerDef *ctrl)
{
    return ctrl && (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI ||
                    ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL ||
                    ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL);
}

static int
qemuBuildPCIController(qemuBuildCtx *ctx, const virDomainControllerDef *ctrl, GString *buf)
{
    int chassis = ctrl->chassis >= 0 ? ctrl->chassis : ctrl->idx;

    switch (ctrl->model) {
    case -1:
    case VIR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT:
    case VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT:
        if (ctrl->idx != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "a PCI root controller must have index 0, not %d", ctrl->idx);
            return -1;
        }
        if ((ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT) != ctx->q35 && ctrl->model != -1) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "PCI root controller model '%s' does not match machine type '%s'",
                           virDomainControllerModelToString(ctrl), ctx->machine);
            return -1;
        }
        return 1;   /* built into the board */
    case VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT:
        qemuOptAddWord(buf, "pcie-root-port");
        qemuOptAddFormat(buf, "port", "0x%x", ctrl->port >= 0 ? ctrl->port :
                         QEMU_PCIE_ROOT_PORT_FIRST + ctrl->idx - 1);
        qemuOptAddFormat(buf, "chassis", "%d", chassis);
        break;
    case VIR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT:
        qemuOptAddWord(buf, "xio3130-downstream");
        qemuOptAddFormat(buf, "port", "0x%x", ctrl->port >= 0 ? ctrl->port : 0);
        qemuOptAddFormat(buf, "chassis", "%d", chassis);
        break;
    case VIR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE:
        qemuOptAddWord(buf, "pci-bridge");
        qemuOptAddFormat(buf, "chassis_nr", "%d", chassis);
        break;
    case VIR_DOMAIN_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE:
        qemuOptAddWord(buf, "i82801b11-bridge");
        break;
    case VIR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE:
        qemuOptAddWord(buf, "pcie-pci-bridge");
        break;
    case VIR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT:
        qemuOptAddWord(buf, "x3130-upstream");
        break;
    case VIR_DOMAIN_CONTROLLER_MODEL_PCI_EXPANDER_BUS:
    case VIR_DOMAIN_CONTROLLER_MODEL_PCIE_EXPANDER_BUS:
        qemuOptAddWord(buf, ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCI_EXPANDER_BUS ?
                       "pxb" : "pxb-pcie");
        qemuOptAddFormat(buf, "bus_nr", "%d", ctrl->busNr >= 0 ? ctrl->busNr : 254);
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "PCI controller model '%s' is not supported",
                       virDomainControllerModelToString(ctrl));
        return -1;
    }
    return 0;
}

/* Fills buf with the -device for a controller; 1 when the board already
 * has it (nothing to add). */
static int
qemuBuildControllerDevice(qemuBuildCtx *ctx, const virDomainControllerDef *ctrl, GString *buf)
{
    const char *dev;
    int rc;

    switch (ctrl->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        if ((rc = qemuBuildPCIController(ctx, ctrl, buf)) != 0)
            return rc;
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        if (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE)
            return 1;
        if (!(dev = qemuUSBControllerDevice(ctrl->model, ctx->q35))) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "USB controller model '%s' is not supported",
                           virDomainControllerModelToString(ctrl));
            return -1;
        }
        qemuOptAddWord(buf, dev);
        if (ctrl->ports > 0 && strstr(dev, "xhci")) {
            qemuOptAddFormat(buf, "p2", "%d", ctrl->ports);
            qemuOptAddFormat(buf, "p3", "%d", ctrl->ports);
        }
        /* The ICH9 UHCI companions share the EHCI controller's bus. */
        if (g_str_has_prefix(dev, "ich9-usb-uhci")) {
            g_autofree char *master = ctrl->idx == 0 ? g_strdup("usb.0") :
                                      g_strdup_printf("usb%d.0", ctrl->idx);
            int which = ctrl->model - VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1;

            qemuOptAdd(buf, "masterbus", master);
            qemuOptAddFormat(buf, "firstport", "%d", which * 2);
            /* Companions are not separate buses: they take no id. */
            if (qemuBuildPCIAddress(ctx, buf, &ctrl->info) < 0)
                return -1;
            return 0;
        }
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_IDE:
        if (ctx->q35) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "IDE controllers are not supported by machine type '%s'", ctx->machine);
            return -1;
        }
        if (ctrl->idx != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "only one IDE controller is supported by machine type '%s'", ctx->machine);
            return -1;
        }
        return 1;
    case VIR_DOMAIN_CONTROLLER_TYPE_FDC:
        if (ctx->q35 || ctrl->idx != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "floppy controller %d is not supported by machine type '%s'",
                           ctrl->idx, ctx->machine);
            return -1;
        }
        return 1;
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        if (ctx->q35 && ctrl->idx == 0)
            return 1;
        qemuOptAddWord(buf, "ich9-ahci");
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        if (!(dev = qemuSCSIControllerDevice(ctrl->model))) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "SCSI controller model '%s' is not supported",
                           virDomainControllerModelToString(ctrl));
            return -1;
        }
        qemuOptAddWord(buf, dev);
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        switch (ctrl->model) {
        case VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_TRANSITIONAL:
            qemuOptAddWord(buf, "virtio-serial-pci-transitional");
            break;
        case VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_NON_TRANSITIONAL:
            qemuOptAddWord(buf, "virtio-serial-pci-non-transitional");
            break;
        default:
            qemuOptAddWord(buf, "virtio-serial-pci");
        }
        if (ctrl->ports >= 0)
            qemuOptAddFormat(buf, "max_ports", "%d", ctrl->ports);
        if (ctrl->vectors >= 0)
            qemuOptAddFormat(buf, "vectors", "%d", ctrl->vectors);
        break;
    case VIR_DOMAIN_CONTROLLER_TYPE_ISA:
        return 1;
    case VIR_DOMAIN_CONTROLLER_TYPE_CCID:
    case VIR_DOMAIN_CONTROLLER_TYPE_XENBUS:
    case VIR_DOMAIN_CONTROLLER_TYPE_LAST:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "controller type '%s' is not supported",
                       virDomainControllerTypeToString(ctrl->type));
        return -1;
    }

    {
        g_autofree char *id = qemuInfoId(&ctrl->info, qemuControllerAlias(ctrl, ctx->q35));
        qemuOptAdd(buf, "id", id);
    }
    return qemuBuildPCIAddress(ctx, buf, &ctrl->info);
}

static bool
qemuDefNeedsUSB(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->bus == VIR_DOMAIN_INPUT_BUS_USB)
            return true;
    }
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->bus == VIR_DOMAIN_DISK_BUS_USB)
            return true;
    }
    for (i = 0; i < def->nserials; i++) {
        if (def->serials[i]->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB)
            return true;
    }
    return false;
}

static int
qemuBuildControllers(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    const virDomainControllerDef *usb0 = qemuFindController(def, VIR_DOMAIN_CONTROLLER_TYPE_USB, 0);
    size_t i;
    int pass;

    /* Controllers before the devices that plug into them; PCI first, as
     * other controllers may sit behind a PCI bridge. */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < def->ncontrollers; i++) {
            const virDomainControllerDef *ctrl = def->controllers[i];
            g_autoptr(GString) buf = g_string_new(NULL);
            int rc;

            if ((ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI) != (pass == 0))
                continue;
            if ((rc = qemuBuildControllerDevice(ctx, ctrl, buf)) < 0)
                return -1;
            if (rc == 0)
                qemuAddArgBuf(ctx->cmd, "-device", buf);
        }
    }

    ctx->hasUSB = usb0 ? usb0->model != VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE : false;
    /* USB devices without a controller in the XML get the board's usual one. */
    if (!usb0 && qemuDefNeedsUSB(def)) {
        g_autoptr(GString) buf = g_string_new(NULL);

        qemuOptAddWord(buf, qemuUSBControllerDevice(-1, ctx->q35));
        qemuOptAdd(buf, "id", "usb");
        qemuAddArgBuf(ctx->cmd, "-device", buf);
        ctx->hasUSB = true;
    }
    return 0;
}

/* ---- disks ------------------------------------------------------------ */

static void
qemuBuildCacheOpts(GString *buf, virDomainDiskCache cache)
{
    bool direct = cache == VIR_DOMAIN_DISK_CACHE_NONE || cache == VIR_DOMAIN_DISK_CACHE_DIRECTSYNC;
    bool noflush = cache == VIR_DOMAIN_DISK_CACHE_UNSAFE;

    if (cache == VIR_DOMAIN_DISK_CACHE_DEFAULT)
        return;
    qemuOptAdd(buf, "cache.direct", direct ? "on" : "off");
    qemuOptAdd(buf, "cache.no-flush", noflush ? "on" : "off");
}

static int
qemuBuildDiskBlockdev(qemuBuildCtx *ctx, const virDomainDiskDef *disk, size_t idx)
{
    g_autoptr(GString) storage = g_string_new(NULL);
    g_autoptr(GString) format = g_string_new(NULL);
    g_autofree char *storageName = qemuDiskNodeName(idx, "storage");
    g_autofree char *formatName = qemuDiskNodeName(idx, "format");
    virStorageFileFormat fmt = disk->format ? disk->format : VIR_STORAGE_FILE_RAW;

    switch (disk->type) {
    case VIR_DOMAIN_DISK_TYPE_FILE:
    case VIR_DOMAIN_DISK_TYPE_VOLUME:
        /* A volume is usable once the driver resolved it to a path. */
        if (!disk->src) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "storage volume '%s' in pool '%s' of disk '%s' was not resolved to a path",
                           disk->srcVolume, disk->srcPool, disk->dst);
            return -1;
        }
        qemuOptAdd(storage, "driver", disk->srcVolumeBlock ? "host_device" : "file");
        qemuOptAdd(storage, "filename", disk->src);
        break;
    case VIR_DOMAIN_DISK_TYPE_BLOCK:
        qemuOptAdd(storage, "driver",
                   disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM ? "host_cdrom" : "host_device");
        qemuOptAdd(storage, "filename", disk->src);
        break;
    case VIR_DOMAIN_DISK_TYPE_DIR:
        qemuOptAdd(storage, "driver", "vvfat");
        qemuOptAdd(storage, "dir", disk->src);
        qemuOptAdd(storage, "floppy", disk->device == VIR_DOMAIN_DISK_DEVICE_FLOPPY ? "on" : "off");
        qemuOptAdd(storage, "rw", "off");
        fmt = VIR_STORAGE_FILE_RAW;
        if (!disk->readonly) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "directory disk '%s' must be read-only", disk->dst);
            return -1;
        }
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk type '%s' is not supported",
                       virDomainDiskTypeToString(disk->type));
        return -1;
    }
    qemuOptAdd(storage, "node-name", storageName);
    qemuOptAdd(storage, "auto-read-only", "on");
    qemuOptAdd(storage, "discard", "unmap");
    if (disk->io == VIR_DOMAIN_DISK_IO_NATIVE)
        qemuOptAdd(storage, "aio", "native");
    else if (disk->io == VIR_DOMAIN_DISK_IO_THREADS)
        qemuOptAdd(storage, "aio", "threads");
    else if (disk->io == VIR_DOMAIN_DISK_IO_URING)
        qemuOptAdd(storage, "aio", "io_uring");
    qemuBuildCacheOpts(storage, disk->cache);
    qemuAddArgBuf(ctx->cmd, "-blockdev", storage);

    if (fmt != VIR_STORAGE_FILE_RAW && fmt != VIR_STORAGE_FILE_QCOW2 &&
        fmt != VIR_STORAGE_FILE_QCOW && fmt != VIR_STORAGE_FILE_QED &&
        fmt != VIR_STORAGE_FILE_VMDK && fmt != VIR_STORAGE_FILE_VDI &&
        fmt != VIR_STORAGE_FILE_VPC && fmt != VIR_STORAGE_FILE_VHD &&
        fmt != VIR_STORAGE_FILE_LUKS) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk format '%s' of disk '%s' is not supported",
                       virStorageFileFormatTypeToString(fmt), disk->dst);
        return -1;
    }
    qemuOptAdd(format, "node-name", formatName);
    qemuOptAdd(format, "read-only", disk->readonly ? "on" : "off");
    if (disk->discard == VIR_DOMAIN_DISK_DISCARD_UNMAP)
        qemuOptAdd(format, "discard", "unmap");
    else if (disk->discard == VIR_DOMAIN_DISK_DISCARD_IGNORE)
        qemuOptAdd(format, "discard", "ignore");
    if (disk->detectZeroes)
        qemuOptAdd(format, "detect-zeroes",
                   virDomainDiskDetectZeroesTypeToString(disk->detectZeroes));
    qemuBuildCacheOpts(format, disk->cache);
    qemuOptAdd(format, "driver", fmt == VIR_STORAGE_FILE_VHD ? "vpc" :
               virStorageFileFormatTypeToString(fmt));
    qemuOptAdd(format, "file", storageName);
    qemuAddArgBuf(ctx->cmd, "-blockdev", format);
    return 0;
}

/* The -device driver and bus options of a disk. */
static int
qemuBuildDiskFrontend(qemuBuildCtx *ctx, const virDomainDiskDef *disk, GString *buf)
{
    const virDomainDeviceDriveAddress *drive = &disk->info.drive;
    bool cdrom = disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM;
    const virDomainControllerDef *ctrl;
    g_autofree char *bus = NULL;

    /* QEMU's IDE/AHCI hard disks cannot be read-only. */
    if (disk->readonly && !cdrom && (disk->bus == VIR_DOMAIN_DISK_BUS_IDE ||
                                     disk->bus == VIR_DOMAIN_DISK_BUS_SATA)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "read-only disk '%s' cannot use bus '%s'", disk->dst,
                       virDomainDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->device == VIR_DOMAIN_DISK_DEVICE_LUN) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk device 'lun' (disk '%s') is not supported",
                       disk->dst);
        return -1;
    }
    if (disk->bus != VIR_DOMAIN_DISK_BUS_VIRTIO && disk->bus != VIR_DOMAIN_DISK_BUS_USB &&
        disk->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' needs a drive address", disk->dst);
        return -1;
    }

    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_VIRTIO:
        if (cdrom) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "cdrom '%s' cannot use bus 'virtio'", disk->dst);
            return -1;
        }
        qemuOptAddWord(buf, "virtio-blk-pci");
        return qemuBuildPCIAddress(ctx, buf, &disk->info);
    case VIR_DOMAIN_DISK_BUS_IDE:
        if (ctx->q35) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "IDE disk '%s' is not supported by machine type '%s' (use bus 'sata')",
                           disk->dst, ctx->machine);
            return -1;
        }
        if (drive->controller != 0 || drive->bus > 1 || drive->unit > 1 || drive->target != 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "IDE disk '%s' is beyond the board's two IDE buses", disk->dst);
            return -1;
        }
        qemuOptAddWord(buf, cdrom ? "ide-cd" : "ide-hd");
        qemuOptAddFormat(buf, "bus", "ide.%u", drive->bus);
        qemuOptAddFormat(buf, "unit", "%u", drive->unit);
        return 0;
    case VIR_DOMAIN_DISK_BUS_SATA:
        if (drive->bus != 0 || drive->target != 0 || drive->unit > 5) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "SATA disk '%s' has an invalid drive address", disk->dst);
            return -1;
        }
        ctrl = qemuFindController(ctx->def, VIR_DOMAIN_CONTROLLER_TYPE_SATA, drive->controller);
        bus = ctrl ? qemuInfoId(&ctrl->info, qemuControllerAlias(ctrl, ctx->q35)) :
                     g_strdup_printf("sata%u", drive->controller);
        qemuOptAddWord(buf, cdrom ? "ide-cd" : "ide-hd");
        qemuOptAddFormat(buf, "bus", "%s.%u", bus, drive->unit);
        return 0;
    case VIR_DOMAIN_DISK_BUS_SCSI:
        ctrl = qemuFindController(ctx->def, VIR_DOMAIN_CONTROLLER_TYPE_SCSI, drive->controller);
        bus = ctrl ? qemuInfoId(&ctrl->info, qemuControllerAlias(ctrl, ctx->q35)) :
                     g_strdup_printf("scsi%u", drive->controller);
        qemuOptAddWord(buf, cdrom ? "scsi-cd" : "scsi-hd");
        qemuOptAddFormat(buf, "bus", "%s.0", bus);
        if (qemuSCSIControllerIsVirtio(ctrl)) {
            qemuOptAddFormat(buf, "channel", "%u", drive->bus);
            qemuOptAddFormat(buf, "scsi-id", "%u", drive->target);
            qemuOptAddFormat(buf, "lun", "%u", drive->unit);
        } else {
            if (drive->bus != 0 || drive->target != 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "SCSI disk '%s' has an invalid drive address for its controller",
                               disk->dst);
                return -1;
            }
            qemuOptAddFormat(buf, "scsi-id", "%u", drive->unit);
        }
        return 0;
    case VIR_DOMAIN_DISK_BUS_FDC:
        if (ctx->q35 || drive->controller != 0 || drive->unit > 1) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "floppy disk '%s' is not supported here", disk->dst);
            return -1;
        }
        qemuOptAddWord(buf, "floppy");
        qemuOptAddFormat(buf, "unit", "%u", drive->unit);
        return 0;
    case VIR_DOMAIN_DISK_BUS_USB:
        qemuOptAddWord(buf, "usb-storage");
        if (qemuBuildUSBAddress(ctx, buf, &disk->info) < 0)
            return -1;
        if (cdrom)
            qemuOptAdd(buf, "removable", "on");
        return 0;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk bus '%s' (disk '%s') is not supported",
                       virDomainDiskBusTypeToString(disk->bus), disk->dst);
        return -1;
    }
}

static int
qemuBuildDisks(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&disk->info, qemuDiskAlias(disk, i));
        bool empty = !disk->src && !disk->srcPool;

        if (empty && disk->bus == VIR_DOMAIN_DISK_BUS_USB) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "USB disk '%s' cannot be empty", disk->dst);
            return -1;
        }
        if (!empty && qemuBuildDiskBlockdev(ctx, disk, i) < 0)
            return -1;
        if (qemuBuildDiskFrontend(ctx, disk, buf) < 0)
            return -1;
        if (!empty) {
            g_autofree char *node = qemuDiskNodeName(i, "format");
            qemuOptAdd(buf, "drive", node);
        }
        qemuOptAdd(buf, "id", id);
        /* Floppy drives take their boot order from the controller. */
        if (ctx->bootIndex[i] && disk->bus == VIR_DOMAIN_DISK_BUS_FDC) {
            virCommandAddArg(ctx->cmd, "-global");
            virCommandAddArgFormat(ctx->cmd, "isa-fdc.bootindex%c=%d",
                                   disk->info.drive.unit ? 'B' : 'A', ctx->bootIndex[i]);
        } else if (ctx->bootIndex[i]) {
            qemuOptAddFormat(buf, "bootindex", "%d", ctx->bootIndex[i]);
        }
        if (disk->serial)
            qemuOptAdd(buf, "serial", disk->serial);
        if (disk->shareable)
            qemuOptAdd(buf, "share-rw", "on");
        if (disk->cache && disk->device != VIR_DOMAIN_DISK_DEVICE_CDROM &&
            disk->bus != VIR_DOMAIN_DISK_BUS_USB && disk->bus != VIR_DOMAIN_DISK_BUS_FDC) {
            bool wc = disk->cache == VIR_DOMAIN_DISK_CACHE_NONE ||
                      disk->cache == VIR_DOMAIN_DISK_CACHE_WRITEBACK ||
                      disk->cache == VIR_DOMAIN_DISK_CACHE_UNSAFE;
            qemuOptAdd(buf, "write-cache", wc ? "on" : "off");
        }
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }
    return 0;
}

/* ---- network ---------------------------------------------------------- */

static const char *
qemuNetModelDevice(const virDomainNetDef *net)
{
    const char *model = net->model ? net->model : "rtl8139";

    if (strcmp(model, "virtio") == 0)
        return "virtio-net-pci";
    if (strcmp(model, "virtio-transitional") == 0)
        return "virtio-net-pci-transitional";
    if (strcmp(model, "virtio-non-transitional") == 0)
        return "virtio-net-pci-non-transitional";
    return model;
}

static int
qemuBuildNetBackend(qemuBuildCtx *ctx, const virDomainNetDef *net, const char *hostId)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    char macstr[VIR_MAC_STRING_BUFLEN];

    virMacAddrFormat(net->mac, macstr);
    switch (net->type) {
    case VIR_DOMAIN_NET_TYPE_USER:
        qemuOptAddWord(buf, "user");
        break;
    case VIR_DOMAIN_NET_TYPE_ETHERNET:
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
    case VIR_DOMAIN_NET_TYPE_NETWORK:
        if (net->ifname || net->type == VIR_DOMAIN_NET_TYPE_ETHERNET) {
            /* A tap the driver prepared (or, for 'ethernet' without a name,
             * one QEMU creates). */
            qemuOptAddWord(buf, "tap");
            qemuOptAdd(buf, "ifname", net->ifname);
            qemuOptAdd(buf, "script", "no");
            qemuOptAdd(buf, "downscript", "no");
        } else if (net->bridge) {
            /* QEMU's bridge helper creates and attaches the tap. */
            qemuOptAddWord(buf, "bridge");
            qemuOptAdd(buf, "br", net->bridge);
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "interface %s has no tap device or bridge to use (is network '%s' active?)",
                           macstr, net->network ? net->network : "");
            return -1;
        }
        if (net->driverName == VIR_DOMAIN_NET_BACKEND_VHOST)
            qemuOptAdd(buf, "vhost", "on");
        else if (net->driverName == VIR_DOMAIN_NET_BACKEND_QEMU)
            qemuOptAdd(buf, "vhost", "off");
        if (net->queues > 1)
            qemuOptAddFormat(buf, "queues", "%u", net->queues);
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "interface type '%s' is not supported",
                       virDomainNetTypeToString(net->type));
        return -1;
    }
    qemuOptAdd(buf, "id", hostId);
    qemuAddArgBuf(ctx->cmd, "-netdev", buf);
    return 0;
}

static int
qemuBuildNets(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        const virDomainNetDef *net = def->nets[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&net->info, g_strdup_printf("net%zu", i));
        g_autofree char *hostId = g_strdup_printf("host%s", id);
        const char *model = qemuNetModelDevice(net);
        bool virtio = g_str_has_prefix(model, "virtio-net");
        char mac[VIR_MAC_STRING_BUFLEN];

        if (qemuBuildNetBackend(ctx, net, hostId) < 0)
            return -1;
        qemuOptAddWord(buf, model);
        if (virtio && net->queues > 1) {
            qemuOptAdd(buf, "mq", "on");
            qemuOptAddFormat(buf, "vectors", "%u", 2 * net->queues + 2);
        }
        qemuOptAdd(buf, "netdev", hostId);
        qemuOptAdd(buf, "id", id);
        qemuOptAdd(buf, "mac", virMacAddrFormat(net->mac, mac));
        if (virtio && net->mtu)
            qemuOptAddFormat(buf, "host_mtu", "%u", net->mtu);
        if (ctx->bootIndex[def->ndisks + i])
            qemuOptAddFormat(buf, "bootindex", "%d", ctx->bootIndex[def->ndisks + i]);
        if (g_str_has_prefix(model, "usb-")) {
            if (qemuBuildUSBAddress(ctx, buf, &net->info) < 0)
                return -1;
        } else if (qemuBuildPCIAddress(ctx, buf, &net->info) < 0) {
            return -1;
        }
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }
    return 0;
}

/* ---- character devices ------------------------------------------------ */

/* -chardev for a host side; path overrides a missing socket path. */
static int
qemuBuildChrBackend(qemuBuildCtx *ctx, const virDomainChrSourceDef *src,
                    const char *charId, const char *path)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_NULL:
        qemuOptAddWord(buf, "null");
        qemuOptAdd(buf, "id", charId);
        break;
    case VIR_DOMAIN_CHR_TYPE_VC:
        qemuOptAddWord(buf, "vc");
        qemuOptAdd(buf, "id", charId);
        break;
    case VIR_DOMAIN_CHR_TYPE_PTY:
        qemuOptAddWord(buf, "pty");
        qemuOptAdd(buf, "id", charId);
        break;
    case VIR_DOMAIN_CHR_TYPE_STDIO:
        qemuOptAddWord(buf, "stdio");
        qemuOptAdd(buf, "id", charId);
        break;
    case VIR_DOMAIN_CHR_TYPE_DEV:
        qemuOptAddWord(buf, "tty");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "path", src->path);
        break;
    case VIR_DOMAIN_CHR_TYPE_FILE:
        qemuOptAddWord(buf, "file");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "path", src->path);
        if (src->append)
            qemuOptAdd(buf, "append", virTristateSwitchTypeToString(src->append));
        break;
    case VIR_DOMAIN_CHR_TYPE_PIPE:
        qemuOptAddWord(buf, "pipe");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "path", src->path);
        break;
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        qemuOptAddWord(buf, "socket");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "path", src->path ? src->path : path);
        if (src->listen) {
            qemuOptAdd(buf, "server", "on");
            qemuOptAdd(buf, "wait", "off");
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_TCP:
        qemuOptAddWord(buf, "socket");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "host", src->host);
        qemuOptAdd(buf, "port", src->service);
        if (src->protocol == VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNET)
            qemuOptAdd(buf, "telnet", "on");
        else if (src->protocol != VIR_DOMAIN_CHR_TCP_PROTOCOL_RAW) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "chardev protocol '%s' is not supported",
                           virDomainChrTcpProtocolTypeToString(src->protocol));
            return -1;
        }
        if (src->listen) {
            qemuOptAdd(buf, "server", "on");
            qemuOptAdd(buf, "wait", "off");
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_UDP:
        qemuOptAddWord(buf, "udp");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "host", src->host ? src->host : "127.0.0.1");
        qemuOptAdd(buf, "port", src->service);
        qemuOptAdd(buf, "localaddr", src->bindHost);
        qemuOptAdd(buf, "localport", src->bindService);
        break;
    case VIR_DOMAIN_CHR_TYPE_SPICEVMC:
        qemuOptAddWord(buf, "spicevmc");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "name", "vdagent");
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "character device type '%s' is not supported",
                       virDomainChrTypeToString(src->type));
        return -1;
    }
    if (src->logfile) {
        qemuOptAdd(buf, "logfile", src->logfile);
        if (src->logappend)
            qemuOptAdd(buf, "logappend", virTristateSwitchTypeToString(src->logappend));
    }
    qemuAddArgBuf(ctx->cmd, "-chardev", buf);
    return 0;
}

static int
qemuBuildSerial(qemuBuildCtx *ctx, const virDomainChrDef *chr, size_t idx)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autofree char *id = qemuInfoId(&chr->info, g_strdup_printf("serial%zu", idx));
    g_autofree char *charId = g_strdup_printf("char%s", id);

    if (qemuBuildChrBackend(ctx, &chr->source, charId, NULL) < 0)
        return -1;
    switch (chr->targetType) {
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE:
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA:
        qemuOptAddWord(buf, "isa-serial");
        qemuOptAdd(buf, "chardev", charId);
        qemuOptAdd(buf, "id", id);
        if (chr->targetPort >= 0)
            qemuOptAddFormat(buf, "index", "%d", chr->targetPort);
        break;
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB:
        qemuOptAddWord(buf, "usb-serial");
        qemuOptAdd(buf, "chardev", charId);
        qemuOptAdd(buf, "id", id);
        if (qemuBuildUSBAddress(ctx, buf, &chr->info) < 0)
            return -1;
        break;
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI:
        qemuOptAddWord(buf, "pci-serial");
        qemuOptAdd(buf, "chardev", charId);
        qemuOptAdd(buf, "id", id);
        if (qemuBuildPCIAddress(ctx, buf, &chr->info) < 0)
            return -1;
        break;
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA_DEBUG:
        qemuOptAddWord(buf, "isa-debugcon");
        qemuOptAdd(buf, "chardev", charId);
        qemuOptAdd(buf, "id", id);
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "serial target type '%s' is not supported",
                       virDomainChrSerialTargetTypeToString(chr->targetType));
        return -1;
    }
    qemuAddArgBuf(ctx->cmd, "-device", buf);
    return 0;
}

static const char *
qemuVirtioSerialBus(qemuBuildCtx *ctx, const virDomainDeviceInfo *info, char **tofree)
{
    unsigned int ctrlIdx = 0, bus = 0;
    const virDomainControllerDef *ctrl;

    if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL) {
        ctrlIdx = info->vioserial.controller;
        bus = info->vioserial.bus;
    }
    ctrl = qemuFindController(ctx->def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL, ctrlIdx);
    if (ctrl && ctrl->info.alias)
        *tofree = g_strdup_printf("%s.%u", ctrl->info.alias, bus);
    else
        *tofree = g_strdup_printf("virtio-serial%u.%u", ctrlIdx, bus);
    return *tofree;
}

/* Ports in use on the virtio-serial buses, so that devices without an
 * address get free ones: port 0 is where a guest looks for its console,
 * other devices count up from 1. */
static char *
qemuVirtioSerialPortKey(const virDomainDeviceInfo *info, unsigned int port)
{
    if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL)
        return g_strdup_printf("%u.%u.%u", info->vioserial.controller, info->vioserial.bus, port);
    return g_strdup_printf("0.0.%u", port);
}

/* The set of "controller.bus.port" keys taken by explicit addresses. */
static GHashTable *
qemuVirtioSerialPortsNew(const virDomainDef *def)
{
    GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    size_t i;

    for (i = 0; i < def->nchannels + def->nconsoles; i++) {
        const virDomainChrDef *chr = i < def->nchannels ? def->channels[i] :
                                     def->consoles[i - def->nchannels];

        if (chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL &&
            chr->info.vioserial.port)
            g_hash_table_add(used, qemuVirtioSerialPortKey(&chr->info, chr->info.vioserial.port));
    }
    return used;
}

static unsigned int
qemuVirtioSerialPortTake(GHashTable *used, const virDomainChrDef *chr, bool console)
{
    unsigned int port;

    if (chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL && chr->info.vioserial.port)
        return chr->info.vioserial.port;
    for (port = console ? 0 : 1; ; port++) {
        g_autofree char *key = qemuVirtioSerialPortKey(&chr->info, port);

        if (!g_hash_table_contains(used, key)) {
            g_hash_table_add(used, g_steal_pointer(&key));
            return port;
        }
    }
}

static int
qemuBuildVirtioSerialPort(qemuBuildCtx *ctx, const virDomainChrDef *chr, const char *device,
                          const char *charId, const char *id, GHashTable *usedPorts)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autofree char *bus = NULL;
    bool console = strcmp(device, "virtconsole") == 0;

    if (!qemuFindController(ctx->def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
                            chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL ?
                            chr->info.vioserial.controller : 0)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "%s device '%s' needs a virtio-serial controller", device, id);
        return -1;
    }

    qemuOptAddWord(buf, device);
    qemuOptAdd(buf, "bus", qemuVirtioSerialBus(ctx, &chr->info, &bus));
    qemuOptAddFormat(buf, "nr", "%u", qemuVirtioSerialPortTake(usedPorts, chr, console));
    qemuOptAdd(buf, "chardev", charId);
    qemuOptAdd(buf, "id", id);
    if (chr->targetName && !console)
        qemuOptAdd(buf, "name", chr->targetName);
    qemuAddArgBuf(ctx->cmd, "-device", buf);
    return 0;
}

static int
qemuBuildChrDevices(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    g_autoptr(GHashTable) usedPorts = qemuVirtioSerialPortsNew(def);
    size_t i;

    for (i = 0; i < def->nserials; i++) {
        if (qemuBuildSerial(ctx, def->serials[i], i) < 0)
            return -1;
    }

    for (i = 0; i < def->nparallels; i++) {
        const virDomainChrDef *chr = def->parallels[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&chr->info, g_strdup_printf("parallel%zu", i));
        g_autofree char *charId = g_strdup_printf("char%s", id);

        if (qemuBuildChrBackend(ctx, &chr->source, charId, NULL) < 0)
            return -1;
        qemuOptAddWord(buf, "isa-parallel");
        qemuOptAdd(buf, "chardev", charId);
        qemuOptAdd(buf, "id", id);
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }

    for (i = 0; i < def->nconsoles; i++) {
        const virDomainChrDef *chr = def->consoles[i];
        g_autofree char *id = NULL;
        g_autofree char *charId = NULL;

        /* Serial consoles are their serial ports, already built. */
        if (virDomainConsoleGetSerial(def, chr))
            continue;
        if (chr->targetType != VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "console target type '%s' is not supported",
                           virDomainChrConsoleTargetTypeToString(chr->targetType));
            return -1;
        }
        id = qemuInfoId(&chr->info, g_strdup_printf("console%zu", i));
        charId = g_strdup_printf("char%s", id);
        if (qemuBuildChrBackend(ctx, &chr->source, charId, NULL) < 0 ||
            qemuBuildVirtioSerialPort(ctx, chr, "virtconsole", charId, id, usedPorts) < 0)
            return -1;
    }

    for (i = 0; i < def->nchannels; i++) {
        const virDomainChrDef *chr = def->channels[i];
        g_autofree char *id = qemuInfoId(&chr->info, g_strdup_printf("channel%zu", i));
        g_autofree char *charId = g_strdup_printf("char%s", id);
        g_autofree char *path = qemuBuildChannelPath(chr, ctx->params);

        if (qemuBuildChrBackend(ctx, &chr->source, charId, path) < 0)
            return -1;
        if (chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO) {
            if (qemuBuildVirtioSerialPort(ctx, chr, "virtserialport", charId, id, usedPorts) < 0)
                return -1;
        } else if (chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD) {
            g_autoptr(GString) buf = g_string_new(NULL);
            g_autofree char *fwd = g_strdup_printf("tcp:%s:%u-chardev:%s", chr->targetAddress,
                                                   chr->targetAddressPort, charId);

            qemuOptAddWord(buf, "user");
            qemuOptAdd(buf, "guestfwd", fwd);
            qemuOptAdd(buf, "id", id);
            qemuAddArgBuf(ctx->cmd, "-netdev", buf);
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "channel target type '%s' is not supported",
                           virDomainChrChannelTargetTypeToString(chr->targetType));
            return -1;
        }
    }
    return 0;
}

/* ---- input, display, video ------------------------------------------- */

static int
qemuBuildInputs(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        const virDomainInputDef *input = def->inputs[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&input->info, g_strdup_printf("input%zu", i));
        static const char *const usbDevs[] = { "usb-mouse", "usb-tablet", "usb-kbd" };
        static const char *const virtioDevs[] = { "virtio-mouse-pci", "virtio-tablet-pci",
                                                  "virtio-keyboard-pci" };

        if (input->type == VIR_DOMAIN_INPUT_TYPE_EVDEV) {
            qemuOptAddWord(buf, "input-linux");
            qemuOptAdd(buf, "id", id);
            qemuOptAdd(buf, "evdev", input->evdev);
            qemuAddArgBuf(ctx->cmd, "-object", buf);
            continue;
        }
        switch (input->bus) {
        case VIR_DOMAIN_INPUT_BUS_PS2:
            if (input->type == VIR_DOMAIN_INPUT_TYPE_TABLET) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "a tablet cannot use bus 'ps2'");
                return -1;
            }
            /* The PC's i8042 already provides both. */
            continue;
        case VIR_DOMAIN_INPUT_BUS_USB:
            if (input->type > VIR_DOMAIN_INPUT_TYPE_KBD)
                goto unsupported;
            qemuOptAddWord(buf, usbDevs[input->type]);
            qemuOptAdd(buf, "id", id);
            if (qemuBuildUSBAddress(ctx, buf, &input->info) < 0)
                return -1;
            break;
        case VIR_DOMAIN_INPUT_BUS_VIRTIO:
            if (input->type == VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH) {
                qemuOptAddWord(buf, "virtio-input-host-pci");
                qemuOptAdd(buf, "id", id);
                qemuOptAdd(buf, "evdev", input->evdev);
            } else {
                qemuOptAddWord(buf, virtioDevs[input->type]);
                qemuOptAdd(buf, "id", id);
            }
            if (qemuBuildPCIAddress(ctx, buf, &input->info) < 0)
                return -1;
            break;
        default:
            goto unsupported;
        }
        qemuAddArgBuf(ctx->cmd, "-device", buf);
        continue;

     unsupported:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "input device '%s' on bus '%s' is not supported",
                       virDomainInputTypeToString(input->type),
                       virDomainInputBusTypeToString(input->bus));
        return -1;
    }
    return 0;
}

static void
qemuBuildListenAddress(GString *buf, const char *addr)
{
    if (strchr(addr, ':'))
        g_string_append_printf(buf, "[%s]", addr);
    else
        g_string_append(buf, addr);
}

static int
qemuBuildVNC(qemuBuildCtx *ctx, const virDomainGraphicsDef *gfx)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    if (gfx->listenType == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET) {
        g_string_append(buf, "unix:");
        g_string_append(buf, gfx->listenSocket);
    } else {
        const char *addr = gfx->listenAddress ? gfx->listenAddress : QEMU_DEFAULT_LISTEN;

        if (gfx->port > 0 && (gfx->port < QEMU_VNC_PORT_MIN || gfx->port > QEMU_VNC_PORT_MAX)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "VNC port %d is outside %d-%d",
                           gfx->port, QEMU_VNC_PORT_MIN, QEMU_VNC_PORT_MAX);
            return -1;
        }
        if (gfx->listenType == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK && !gfx->listenAddress) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "VNC listen network '%s' was not resolved to an address",
                           gfx->listenNetwork);
            return -1;
        }
        qemuBuildListenAddress(buf, addr);
        if (gfx->port > 0) {
            g_string_append_printf(buf, ":%d", gfx->port - QEMU_VNC_PORT_MIN);
        } else {
            /* QEMU takes the first free display; the driver asks which. */
            g_string_append(buf, ":0");
            qemuOptAddFormat(buf, "to", "%d", QEMU_VNC_AUTO_DISPLAYS);
        }
        if (gfx->websocket > 0)
            qemuOptAddFormat(buf, "websocket", "%d", gfx->websocket);
        else if (gfx->websocket == -1)
            qemuOptAdd(buf, "websocket", "on");
    }
    /* The password itself goes through the monitor, never argv. */
    if (gfx->passwd)
        qemuOptAdd(buf, "password", "on");
    qemuAddArgBuf(ctx->cmd, "-vnc", buf);
    if (gfx->keymap)
        qemuAddArgs(ctx->cmd, "-k", gfx->keymap, NULL);
    return 0;
}

static int
qemuBuildSpice(qemuBuildCtx *ctx, const virDomainGraphicsDef *gfx)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    if (gfx->listenType == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET) {
        qemuOptAdd(buf, "unix", "on");
        qemuOptAdd(buf, "addr", gfx->listenSocket);
    } else {
        if (gfx->port > 0)
            qemuOptAddFormat(buf, "port", "%d", gfx->port);
        else if (gfx->tlsPort <= 0)
            /* SPICE has no automatic port search: the driver must pick one. */
            qemuOptAddFormat(buf, "port", "%d", QEMU_VNC_PORT_MIN);
        if (gfx->tlsPort > 0)
            qemuOptAddFormat(buf, "tls-port", "%d", gfx->tlsPort);
        qemuOptAdd(buf, "addr", gfx->listenAddress ? gfx->listenAddress : QEMU_DEFAULT_LISTEN);
    }
    if (!gfx->passwd)
        qemuOptAdd(buf, "disable-ticketing", "on");
    qemuOptAdd(buf, "seamless-migration", "on");
    qemuAddArgBuf(ctx->cmd, "-spice", buf);
    if (gfx->keymap)
        qemuAddArgs(ctx->cmd, "-k", gfx->keymap, NULL);
    return 0;
}

static int
qemuBuildGraphics(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->ngraphics; i++) {
        const virDomainGraphicsDef *gfx = def->graphics[i];

        switch (gfx->type) {
        case VIR_DOMAIN_GRAPHICS_TYPE_VNC:
            if (qemuBuildVNC(ctx, gfx) < 0)
                return -1;
            break;
        case VIR_DOMAIN_GRAPHICS_TYPE_SPICE:
            if (qemuBuildSpice(ctx, gfx) < 0)
                return -1;
            break;
        case VIR_DOMAIN_GRAPHICS_TYPE_SDL:
            if (gfx->display)
                virCommandAddEnvPair(ctx->cmd, "DISPLAY", gfx->display);
            if (gfx->xauth)
                virCommandAddEnvPair(ctx->cmd, "XAUTHORITY", gfx->xauth);
            qemuAddArgs(ctx->cmd, "-display",
                                 gfx->fullscreen == VIR_TRISTATE_BOOL_YES ? "sdl,full-screen=on" : "sdl",
                                 NULL);
            break;
        case VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS:
            qemuAddArgs(ctx->cmd, "-display", "egl-headless", NULL);
            break;
        case VIR_DOMAIN_GRAPHICS_TYPE_DBUS:
            qemuAddArgs(ctx->cmd, "-display", "dbus", NULL);
            break;
        default:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "graphics type '%s' is not supported",
                           virDomainGraphicsTypeToString(gfx->type));
            return -1;
        }
    }
    return 0;
}

static const char *
qemuVideoDevice(const virDomainVideoDef *video)
{
    switch (video->type) {
    case VIR_DOMAIN_VIDEO_TYPE_VGA:
        return video->primary ? "VGA" : "secondary-vga";
    case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
        return "cirrus-vga";
    case VIR_DOMAIN_VIDEO_TYPE_VMVGA:
        return "vmware-svga";
    case VIR_DOMAIN_VIDEO_TYPE_QXL:
        return video->primary ? "qxl-vga" : "qxl";
    case VIR_DOMAIN_VIDEO_TYPE_VIRTIO:
        return video->primary ? "virtio-vga" : "virtio-gpu-pci";
    case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
        return "bochs-display";
    case VIR_DOMAIN_VIDEO_TYPE_RAMFB:
        return "ramfb";
    default:
        return NULL;
    }
}

static int
qemuBuildVideos(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->nvideos; i++) {
        const virDomainVideoDef *video = def->videos[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&video->info, g_strdup_printf("video%zu", i));
        const char *dev;

        if (video->type == VIR_DOMAIN_VIDEO_TYPE_NONE)
            continue;
        if (!(dev = qemuVideoDevice(video))) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "video model '%s' is not supported",
                           virDomainVideoTypeToString(video->type));
            return -1;
        }
        if (video->accel3d == VIR_TRISTATE_BOOL_YES) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "3D acceleration of video devices is not supported");
            return -1;
        }
        qemuOptAddWord(buf, dev);
        qemuOptAdd(buf, "id", id);
        switch (video->type) {
        case VIR_DOMAIN_VIDEO_TYPE_VGA:
        case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
        case VIR_DOMAIN_VIDEO_TYPE_VMVGA:
            if (video->vram)
                qemuOptAddFormat(buf, "vgamem_mb", "%u", MAX(video->vram / 1024, 1));
            break;
        case VIR_DOMAIN_VIDEO_TYPE_QXL:
            if (video->ram)
                qemuOptAddFormat(buf, "ram_size", "%llu", video->ram * 1024ULL);
            if (video->vram)
                qemuOptAddFormat(buf, "vram_size", "%llu", video->vram * 1024ULL);
            if (video->vgamem)
                qemuOptAddFormat(buf, "vgamem_mb", "%u", MAX(video->vgamem / 1024, 1));
            if (video->heads)
                qemuOptAddFormat(buf, "max_outputs", "%u", video->heads);
            break;
        case VIR_DOMAIN_VIDEO_TYPE_VIRTIO:
            if (video->heads)
                qemuOptAddFormat(buf, "max_outputs", "%u", video->heads);
            break;
        case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
            if (video->vram)
                qemuOptAddFormat(buf, "vgamem", "%uk", video->vram);
            break;
        default:
            break;
        }
        if (video->type != VIR_DOMAIN_VIDEO_TYPE_RAMFB &&
            qemuBuildPCIAddress(ctx, buf, &video->info) < 0)
            return -1;
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }
    return 0;
}

/* ---- memballoon, rng -------------------------------------------------- */

static int
qemuBuildMemballoon(qemuBuildCtx *ctx)
{
    const virDomainMemballoonDef *balloon = ctx->def->memballoon;
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autofree char *id = NULL;

    if (!balloon || balloon->model == VIR_DOMAIN_MEMBALLOON_MODEL_NONE)
        return 0;
    switch (balloon->model) {
    case VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO:
        qemuOptAddWord(buf, "virtio-balloon-pci");
        break;
    case VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL:
        qemuOptAddWord(buf, "virtio-balloon-pci-transitional");
        break;
    case VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL:
        qemuOptAddWord(buf, "virtio-balloon-pci-non-transitional");
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "memory balloon model '%s' is not supported",
                       virDomainMemballoonModelTypeToString(balloon->model));
        return -1;
    }
    id = qemuInfoId(&balloon->info, g_strdup("balloon0"));
    qemuOptAdd(buf, "id", id);
    if (balloon->autodeflate)
        qemuOptAdd(buf, "deflate-on-oom", virTristateSwitchTypeToString(balloon->autodeflate));
    if (balloon->freePageReporting)
        qemuOptAdd(buf, "free-page-reporting",
                   virTristateSwitchTypeToString(balloon->freePageReporting));
    if (qemuBuildPCIAddress(ctx, buf, &balloon->info) < 0)
        return -1;
    qemuAddArgBuf(ctx->cmd, "-device", buf);
    return 0;
}

static int
qemuBuildRNGs(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->nrngs; i++) {
        const virDomainRNGDef *rng = def->rngs[i];
        g_autoptr(GString) obj = g_string_new(NULL);
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&rng->info, g_strdup_printf("rng%zu", i));
        g_autofree char *objId = g_strdup_printf("obj%s", id);
        static const char *const devs[] = { "virtio-rng-pci", "virtio-rng-pci-transitional",
                                            "virtio-rng-pci-non-transitional" };

        if (rng->backend == VIR_DOMAIN_RNG_BACKEND_RANDOM) {
            qemuOptAddWord(obj, "rng-random");
            qemuOptAdd(obj, "id", objId);
            qemuOptAdd(obj, "filename", rng->device);
        } else if (rng->backend == VIR_DOMAIN_RNG_BACKEND_BUILTIN) {
            qemuOptAddWord(obj, "rng-builtin");
            qemuOptAdd(obj, "id", objId);
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "rng backend '%s' is not supported",
                           virDomainRNGBackendTypeToString(rng->backend));
            return -1;
        }
        qemuAddArgBuf(ctx->cmd, "-object", obj);

        qemuOptAddWord(buf, devs[rng->model]);
        qemuOptAdd(buf, "rng", objId);
        qemuOptAdd(buf, "id", id);
        if (rng->rateBytes) {
            qemuOptAddFormat(buf, "max-bytes", "%u", rng->rateBytes);
            qemuOptAddFormat(buf, "period", "%u", rng->ratePeriod ? rng->ratePeriod : 1000);
        }
        if (qemuBuildPCIAddress(ctx, buf, &rng->info) < 0)
            return -1;
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }
    return 0;
}

/* ---- the whole command ------------------------------------------------ */

static int
qemuCheckDef(const virDomainDef *def, const qemuCommandParams *params)
{
    if (g_strcmp0(def->os.type, "hvm") != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "OS type '%s' is not supported by QEMU",
                       def->os.type);
        return -1;
    }
    if (g_strcmp0(def->os.arch, "x86_64") != 0 && g_strcmp0(def->os.arch, "i686") != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "architecture '%s' is not supported",
                       def->os.arch);
        return -1;
    }
    if (def->virtType == VIR_DOMAIN_VIRT_KVM && !params->kvmAvailable) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "the domain needs KVM (type 'kvm'), which is not available on this host");
        return -1;
    }
    if (!params->monitorPath) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "no monitor socket path was given");
        return -1;
    }
    return 0;
}

static void
qemuBuildName(qemuBuildCtx *ctx)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    qemuOptAdd(buf, "guest", ctx->def->name);
    qemuOptAdd(buf, "debug-threads", "on");
    qemuAddArgBuf(ctx->cmd, "-name", buf);
}

virCommand *
qemuBuildCommandLine(const virDomainDef *def, const qemuCommandParams *params)
{
    g_autoptr(virCommand) cmd = NULL;
    g_autofree int *bootIndex = NULL;
    qemuBuildCtx ctx = { .def = def, .params = params };
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (qemuCheckDef(def, params) < 0)
        return NULL;

    cmd = virCommandNew(def->emulator ? def->emulator : QEMU_DEFAULT_EMULATOR);
    bootIndex = g_new0(int, def->ndisks + def->nnets + 1);
    ctx.cmd = cmd;
    ctx.bootIndex = bootIndex;
    ctx.machine = params->machineCanonical ? params->machineCanonical :
                  def->os.machine ? def->os.machine : "pc";
    ctx.q35 = qemuMachineIsQ35(ctx.machine);

    qemuBuildName(&ctx);
    virCommandAddArg(cmd, "-S");
    if (params->pidfile)
        qemuAddArgs(cmd, "-pidfile", params->pidfile, NULL);
    if (qemuBuildMachine(&ctx) < 0 || qemuBuildCpu(&ctx) < 0)
        return NULL;
    qemuBuildMemoryAndSmp(&ctx);
    qemuAddArgs(cmd, "-uuid", virUUIDFormat(def->uuid, uuid), NULL);
    if (def->ngraphics == 0)
        qemuAddArgs(cmd, "-display", "none", NULL);
    qemuAddArgs(cmd, "-no-user-config", "-nodefaults", NULL);
    qemuBuildMonitor(&ctx);
    qemuBuildClock(&ctx);
    /* Guest shutdowns are reported, not acted on: the driver decides. */
    virCommandAddArg(cmd, "-no-shutdown");
    if (def->onReboot != VIR_DOMAIN_LIFECYCLE_ACTION_RESTART)
        virCommandAddArg(cmd, "-no-reboot");
    if (def->features[VIR_DOMAIN_FEATURE_ACPI] != VIR_TRISTATE_SWITCH_ON)
        virCommandAddArg(cmd, "-no-acpi");
    qemuBuildPM(&ctx);
    qemuAssignBootIndexes(&ctx);
    qemuBuildBoot(&ctx);

    if (qemuBuildControllers(&ctx) < 0 ||
        qemuBuildDisks(&ctx) < 0 ||
        qemuBuildNets(&ctx) < 0 ||
        qemuBuildChrDevices(&ctx) < 0 ||
        qemuBuildInputs(&ctx) < 0 ||
        qemuBuildGraphics(&ctx) < 0 ||
        qemuBuildVideos(&ctx) < 0 ||
        qemuBuildMemballoon(&ctx) < 0 ||
        qemuBuildRNGs(&ctx) < 0)
        return NULL;
    if (def->features[VIR_DOMAIN_FEATURE_VMCOREINFO] == VIR_TRISTATE_SWITCH_ON)
        qemuAddArgs(cmd, "-device", "vmcoreinfo", NULL);

    if (params->incoming)
        qemuAddArgs(cmd, "-incoming", params->incoming, NULL);
    qemuAddArgs(cmd, "-msg", "timestamp=on", NULL);
    VIR_DEBUG("built the command line of domain '%s'", def->name);
    return g_steal_pointer(&cmd);
}
