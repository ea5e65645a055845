/* The QEMU command line for a domain definition, in QEMU 7.2 syntax:
 * -blockdev for storage, key=value -device options, one chardev per
 * character device. Device ids are the aliases libvirt would use, so that
 * monitor commands and the live XML agree. */
#include "qemu_command_priv.h"

#include <stdio.h>
#include <string.h>

#include "virerror.h"
#include "virlog.h"


#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_command");

/* Appends ",key=value" with QEMU's escaping of commas in values. */
void
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

void
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
void
qemuOptAddWord(GString *buf, const char *word)
{
    if (buf->len)
        g_string_append_c(buf, ',');
    g_string_append(buf, word);
}

/* Adds the NULL-terminated arguments. */
void
qemuAddArgs(virCommand *cmd, ...)
{
    const char *arg;
    va_list ap;

    va_start(ap, cmd);
    while ((arg = va_arg(ap, const char *)))
        virCommandAddArg(cmd, arg);
    va_end(ap);
}

void
qemuAddArgBuf(virCommand *cmd, const char *option, GString *buf)
{
    virCommandAddArg(cmd, option);
    virCommandAddArg(cmd, buf->str);
}

/* ---- aliases ---------------------------------------------------------- */

char *
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

char *
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

bool
qemuMachineIsQ35(const char *machine)
{
    return machine && strstr(machine, "q35") != NULL;
}

static void
qemuSetAlias(virDomainDeviceInfo *info, char *alias)
{
    /* A device keeps the alias it has: one the user chose ("ua-..."), or
     * the id QEMU knows it by in a running guest (devices plugged in and
     * out must not rename the others). */
    if (info->alias) {
        g_free(alias);
        return;
    }
    info->alias = alias;
}

/* The lowest netN no interface of def is called. */
static char *
qemuNetFreeAlias(const virDomainDef *def)
{
    size_t n, i;

    for (n = 0;; n++) {
        g_autofree char *alias = g_strdup_printf("net%zu", n);

        for (i = 0; i < def->nnets; i++) {
            if (g_strcmp0(def->nets[i]->info.alias, alias) == 0)
                break;
        }
        if (i == def->nnets)
            return g_steal_pointer(&alias);
    }
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
    for (i = 0; i < def->nnets; i++) {
        if (!def->nets[i]->info.alias)
            def->nets[i]->info.alias = qemuNetFreeAlias(def);
    }
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
    for (i = 0; i < def->ntpms; i++)
        qemuSetAlias(&def->tpms[i]->info, g_strdup_printf("tpm%zu", i));
    for (i = 0; i < def->nsounds; i++)
        qemuSetAlias(&def->sounds[i]->info, g_strdup_printf("sound%zu", i));
    for (i = 0; i < def->nwatchdogs; i++)
        qemuSetAlias(&def->watchdogs[i]->info, g_strdup_printf("watchdog%zu", i));
    for (i = 0; i < def->nhostdevs; i++)
        qemuSetAlias(&def->hostdevs[i]->info, g_strdup_printf("hostdev%zu", i));
}

/* The id a device gets: its alias, or the one qemuAssignDeviceAliases
 * would give (computed by the caller). */
char *
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
qemuDiskNodeName(const virDomainDiskDef *disk, size_t idx, const char *layer)
{
    /* Outside a run (domxml-to-native) the position stands in. */
    return g_strdup_printf("libvirt-%zu-%s", disk->srcIndex ? (size_t)disk->srcIndex : idx + 1,
                           layer);
}

void
qemuDiskAssignNodeIndex(virDomainDef *def, virDomainDiskDef *disk)
{
    unsigned int top = 0;
    size_t i;

    for (i = 0; i < def->ndisks; i++)
        top = MAX(top, def->disks[i]->srcIndex);
    disk->srcIndex = top + 1;
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

const virDomainControllerDef *
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
int
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

char *
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
int
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
    if (qemuBuildMemoryAndSmp(&ctx) < 0)
        return NULL;
    qemuAddArgs(cmd, "-uuid", virUUIDFormat(def->uuid, uuid), NULL);
    qemuBuildSmbios(&ctx);
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
        qemuBuildTPMs(&ctx) < 0 ||
        qemuBuildInputs(&ctx) < 0)
        return NULL;
    qemuBuildAudio(&ctx);
    if (qemuBuildGraphics(&ctx) < 0 ||
        qemuBuildVideos(&ctx) < 0 ||
        qemuBuildSounds(&ctx) < 0 ||
        qemuBuildWatchdogs(&ctx) < 0 ||
        qemuBuildHostdevs(&ctx) < 0 ||
        qemuBuildMemballoon(&ctx) < 0 ||
        qemuBuildRNGs(&ctx) < 0)
        return NULL;
    if (def->features[VIR_DOMAIN_FEATURE_VMCOREINFO] == VIR_TRISTATE_SWITCH_ON)
        qemuAddArgs(cmd, "-device", "vmcoreinfo", NULL);
    if (qemuBuildPanics(&ctx) < 0)
        return NULL;

    if (params->incoming)
        qemuAddArgs(cmd, "-incoming", params->incoming, NULL);
    qemuAddArgs(cmd, "-msg", "timestamp=on", NULL);
    VIR_DEBUG("built the command line of domain '%s'", def->name);
    return g_steal_pointer(&cmd);
}
