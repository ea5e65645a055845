/* After parsing: the defaults libvirt fills in (so that the XML users read
 * back is complete) and the checks that need the whole definition. */
#include "domain_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_postparse");

#define VIR_DOMAIN_DEFAULT_ARCH "x86_64"

/* Units per controller, as libvirt lays drives out. */
#define VIR_DOMAIN_IDE_UNITS_PER_BUS 2
#define VIR_DOMAIN_IDE_BUSES 2
#define VIR_DOMAIN_SATA_UNITS 6
#define VIR_DOMAIN_SCSI_UNITS 7
#define VIR_DOMAIN_FDC_UNITS 2

static bool
virDomainDefIsX86(const virDomainDef *def)
{
    return g_strcmp0(def->os.arch, "x86_64") == 0 || g_strcmp0(def->os.arch, "i686") == 0;
}

static bool
virDomainDefIsHVM(const virDomainDef *def)
{
    return g_strcmp0(def->os.type, "hvm") == 0;
}

/* Buses whose disks are placed through a drive address on a controller. */
static int
virDomainDiskBusControllerType(virDomainDiskBus bus)
{
    switch (bus) {
    case VIR_DOMAIN_DISK_BUS_IDE:
        return VIR_DOMAIN_CONTROLLER_TYPE_IDE;
    case VIR_DOMAIN_DISK_BUS_SATA:
        return VIR_DOMAIN_CONTROLLER_TYPE_SATA;
    case VIR_DOMAIN_DISK_BUS_SCSI:
        return VIR_DOMAIN_CONTROLLER_TYPE_SCSI;
    case VIR_DOMAIN_DISK_BUS_FDC:
        return VIR_DOMAIN_CONTROLLER_TYPE_FDC;
    default:
        return -1;
    }
}

/* The drive address a target name implies: hda is controller 0, bus 0,
 * unit 0; hdc is bus 1; sdh is the first disk of the second SCSI
 * controller... */
static void
virDomainDiskAssignAddress(virDomainDiskDef *disk)
{
    int idx = virDiskNameToIndex(disk->dst);
    virDomainDeviceDriveAddress *drive = &disk->info.drive;

    if (idx < 0 || disk->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE ||
        virDomainDiskBusControllerType(disk->bus) < 0)
        return;

    memset(drive, 0, sizeof(*drive));
    switch (disk->bus) {
    case VIR_DOMAIN_DISK_BUS_IDE:
        drive->controller = idx / (VIR_DOMAIN_IDE_UNITS_PER_BUS * VIR_DOMAIN_IDE_BUSES);
        drive->bus = (idx % (VIR_DOMAIN_IDE_UNITS_PER_BUS * VIR_DOMAIN_IDE_BUSES)) /
                     VIR_DOMAIN_IDE_UNITS_PER_BUS;
        drive->unit = idx % VIR_DOMAIN_IDE_UNITS_PER_BUS;
        break;
    case VIR_DOMAIN_DISK_BUS_SATA:
        drive->controller = idx / VIR_DOMAIN_SATA_UNITS;
        drive->unit = idx % VIR_DOMAIN_SATA_UNITS;
        break;
    case VIR_DOMAIN_DISK_BUS_SCSI:
        drive->controller = idx / VIR_DOMAIN_SCSI_UNITS;
        drive->unit = idx % VIR_DOMAIN_SCSI_UNITS;
        break;
    case VIR_DOMAIN_DISK_BUS_FDC:
        drive->controller = idx / VIR_DOMAIN_FDC_UNITS;
        drive->unit = idx % VIR_DOMAIN_FDC_UNITS;
        break;
    default:
        return;
    }
    disk->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE;
}

static void
virDomainChrSetDefaultPort(virDomainChrDef *chr, virDomainChrDef **list, size_t n)
{
    int maxport = -1;
    size_t i;

    if (chr->targetPort >= 0)
        return;
    for (i = 0; i < n; i++) {
        if (list[i] != chr && list[i]->targetPort > maxport)
            maxport = list[i]->targetPort;
    }
    chr->targetPort = maxport + 1;
}

static void
virDomainChrPostParse(virDomainChrDef *chr, const virDomainDef *def)
{
    switch (chr->deviceType) {
    case VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
        /* The PC's serial ports are 16550 UARTs on the ISA bus. */
        if (def && virDomainDefIsX86(def)) {
            if (chr->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE)
                chr->targetType = VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA;
            if (chr->targetModel == VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_NONE) {
                if (chr->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA)
                    chr->targetModel = VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_ISA_SERIAL;
                else if (chr->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB)
                    chr->targetModel = VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_USB_SERIAL;
                else if (chr->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI)
                    chr->targetModel = VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_PCI_SERIAL;
            }
        }
        if (def)
            virDomainChrSetDefaultPort(chr, def->serials, def->nserials);
        else if (chr->targetPort < 0)
            chr->targetPort = 0;
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL:
        if (def)
            virDomainChrSetDefaultPort(chr, def->parallels, def->nparallels);
        else if (chr->targetPort < 0)
            chr->targetPort = 0;
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
        if (chr->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_NONE &&
            (!def || virDomainDefIsHVM(def)))
            chr->targetType = VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL;
        if (chr->targetPort < 0)
            chr->targetPort = 0;
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
    case VIR_DOMAIN_CHR_DEVICE_TYPE_LAST:
        break;
    }
}

static void
virDomainInputPostParse(virDomainInputDef *input)
{
    if (input->bus != VIR_DOMAIN_INPUT_BUS_DEFAULT)
        return;
    switch (input->type) {
    case VIR_DOMAIN_INPUT_TYPE_MOUSE:
    case VIR_DOMAIN_INPUT_TYPE_KBD:
        input->bus = VIR_DOMAIN_INPUT_BUS_PS2;
        break;
    case VIR_DOMAIN_INPUT_TYPE_TABLET:
        input->bus = VIR_DOMAIN_INPUT_BUS_USB;
        break;
    case VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH:
        input->bus = VIR_DOMAIN_INPUT_BUS_VIRTIO;
        break;
    case VIR_DOMAIN_INPUT_TYPE_EVDEV:
    case VIR_DOMAIN_INPUT_TYPE_LAST:
        break;
    }
}

static void
virDomainVideoPostParse(virDomainVideoDef *video)
{
    if (video->type == VIR_DOMAIN_VIDEO_TYPE_DEFAULT)
        video->type = VIR_DOMAIN_VIDEO_TYPE_VGA;

    switch (video->type) {
    case VIR_DOMAIN_VIDEO_TYPE_VGA:
    case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
    case VIR_DOMAIN_VIDEO_TYPE_VMVGA:
    case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
        if (!video->vram)
            video->vram = 16 * 1024;
        break;
    case VIR_DOMAIN_VIDEO_TYPE_QXL:
        if (!video->ram)
            video->ram = 64 * 1024;
        if (!video->vram)
            video->vram = 64 * 1024;
        if (!video->vgamem)
            video->vgamem = 16 * 1024;
        break;
    default:
        break;
    }
    if (!video->heads && video->type != VIR_DOMAIN_VIDEO_TYPE_NONE)
        video->heads = 1;
}

static void
virDomainControllerPostParse(virDomainControllerDef *ctrl, const virDomainDef *def)
{
    size_t i;
    int next = 0;

    if (ctrl->idx >= 0)
        return;
    for (i = 0; def && i < def->ncontrollers; i++) {
        if (def->controllers[i] != ctrl && def->controllers[i]->type == ctrl->type &&
            def->controllers[i]->idx >= next)
            next = def->controllers[i]->idx + 1;
    }
    ctrl->idx = next;
}

/* A TPM's model and version as libvirt's QEMU driver fills them in. */
static void
virDomainTPMPostParse(virDomainTPMDef *tpm)
{
    if (!tpm->model)
        tpm->model = VIR_DOMAIN_TPM_MODEL_TIS;
    if (tpm->type == VIR_DOMAIN_TPM_TYPE_EMULATOR && !tpm->version)
        tpm->version = VIR_DOMAIN_TPM_VERSION_2_0;
}

/* A PC's panic device is the ISA pvpanic at its usual port. */
static void
virDomainPanicPostParse(virDomainPanicDef *panic)
{
    if (!panic->model)
        panic->model = VIR_DOMAIN_PANIC_MODEL_ISA;
    if (panic->model == VIR_DOMAIN_PANIC_MODEL_ISA &&
        panic->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE) {
        panic->info.type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA;
        panic->info.isa.iobase = 0x505;
    }
}

int
virDomainDeviceDefPostParse(virDomainDeviceDef *dev, const virDomainDef *def,
                            unsigned int flags)
{
    switch (dev->type) {
    case VIR_DOMAIN_DEVICE_DISK:
        virDomainDiskAssignAddress(dev->data.disk);
        break;
    case VIR_DOMAIN_DEVICE_SERIAL:
    case VIR_DOMAIN_DEVICE_PARALLEL:
    case VIR_DOMAIN_DEVICE_CONSOLE:
    case VIR_DOMAIN_DEVICE_CHANNEL:
        virDomainChrPostParse(dev->data.chr, def);
        break;
    case VIR_DOMAIN_DEVICE_INPUT:
        virDomainInputPostParse(dev->data.input);
        break;
    case VIR_DOMAIN_DEVICE_VIDEO:
        virDomainVideoPostParse(dev->data.video);
        break;
    case VIR_DOMAIN_DEVICE_CONTROLLER:
        virDomainControllerPostParse(dev->data.controller, def);
        break;
    case VIR_DOMAIN_DEVICE_TPM:
        virDomainTPMPostParse(dev->data.tpm);
        break;
    case VIR_DOMAIN_DEVICE_PANIC:
        virDomainPanicPostParse(dev->data.panic);
        break;
    case VIR_DOMAIN_DEVICE_NET:
    case VIR_DOMAIN_DEVICE_GRAPHICS:
    case VIR_DOMAIN_DEVICE_SOUND:
    case VIR_DOMAIN_DEVICE_HOSTDEV:
    case VIR_DOMAIN_DEVICE_WATCHDOG:
    case VIR_DOMAIN_DEVICE_MEMBALLOON:
    case VIR_DOMAIN_DEVICE_RNG:
    case VIR_DOMAIN_DEVICE_LAST:
        break;
    }
    return 0;
}

static bool
virDomainDefHasController(const virDomainDef *def, int type, int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if ((int)def->controllers[i]->type == type && def->controllers[i]->idx == idx)
            return true;
    }
    return false;
}

static void
virDomainDefMaybeAddController(virDomainDef *def, int type, int idx)
{
    virDomainControllerDef *ctrl;

    if (virDomainDefHasController(def, type, idx))
        return;
    ctrl = g_new0(virDomainControllerDef, 1);
    ctrl->type = type;
    ctrl->idx = idx;
    ctrl->model = ctrl->ports = ctrl->vectors = -1;
    ctrl->chassis = ctrl->port = ctrl->busNr = -1;
    virDomainDefAppendController(def, ctrl);
}

/* Controllers the devices rely on without the XML naming them. */
bool
virDomainDefHasUSBDevice(const virDomainDef *def)
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
    for (i = 0; i < def->nsounds; i++) {
        if (def->sounds[i]->model == VIR_DOMAIN_SOUND_MODEL_USB)
            return true;
    }
    for (i = 0; i < def->nnets; i++) {
        if (def->nets[i]->model && g_str_has_prefix(def->nets[i]->model, "usb"))
            return true;
    }
    return false;
}

static void
virDomainDefAddImplicitControllers(virDomainDef *def)
{
    size_t i;

    int maxIdx[VIR_DOMAIN_CONTROLLER_TYPE_LAST];
    int type;
    int idx;

    /* Every controller up to the highest one a disk uses. */
    for (type = 0; type < VIR_DOMAIN_CONTROLLER_TYPE_LAST; type++)
        maxIdx[type] = -1;
    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];

        type = virDomainDiskBusControllerType(disk->bus);
        if (type >= 0 && disk->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE)
            maxIdx[type] = MAX(maxIdx[type], (int)disk->info.drive.controller);
    }
    for (type = 0; type < VIR_DOMAIN_CONTROLLER_TYPE_LAST; type++) {
        for (idx = 0; idx <= maxIdx[type]; idx++)
            virDomainDefMaybeAddController(def, type, idx);
    }
    for (i = 0; i < def->nchannels; i++) {
        if (def->channels[i]->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO)
            virDomainDefMaybeAddController(def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL, 0);
    }
    for (i = 0; i < def->nconsoles; i++) {
        if (def->consoles[i]->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO)
            virDomainDefMaybeAddController(def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL, 0);
    }
    /* USB devices plug into the board's usual USB controller. */
    if (virDomainDefHasUSBDevice(def))
        virDomainDefMaybeAddController(def, VIR_DOMAIN_CONTROLLER_TYPE_USB, 0);
}

/* Re-inserts the parsed controllers so that each type's are grouped and
 * ordered by index, whatever order the XML used. */
static void
virDomainDefSortControllers(virDomainDef *def)
{
    g_autofree virDomainControllerDef **list = g_steal_pointer(&def->controllers);
    size_t n = def->ncontrollers;
    size_t i;

    def->ncontrollers = 0;
    for (i = 0; i < n; i++)
        virDomainDefAppendController(def, list[i]);
}

static virDomainChrDef *
virDomainChrCopyAs(const virDomainChrDef *src, virDomainChrDeviceType deviceType)
{
    virDomainChrDef *chr = g_new0(virDomainChrDef, 1);

    chr->deviceType = deviceType;
    virDomainChrSourceDefCopy(&chr->source, &src->source);
    chr->targetPort = src->targetPort;
    return chr;
}

/* The first serial console and the first serial port are one device seen
 * twice: create whichever of the two the XML left out. */
static void
virDomainDefAddConsoleCompat(virDomainDef *def)
{
    virDomainChrDef *chr;
    virDomainChrDef *serial;
    size_t i;

    if (!virDomainDefIsHVM(def))
        return;

    if (def->nconsoles > 0 &&
        def->consoles[0]->targetType == VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL &&
        def->nserials == 0) {
        chr = virDomainChrCopyAs(def->consoles[0], VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL);
        chr->targetPort = -1;
        virDomainDefAppendChr(&def->serials, &def->nserials, chr);
        virDomainChrPostParse(chr, def);
    }

    if (def->nconsoles == 0 && def->nserials > 0) {
        chr = g_new0(virDomainChrDef, 1);
        chr->deviceType = VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE;
        chr->targetType = VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL;
        chr->targetPort = 0;
        virDomainDefAppendChr(&def->consoles, &def->nconsoles, chr);
    }

    /* A serial console's own source is unused: its serial's counts. */
    for (i = 0; i < def->nconsoles; i++) {
        chr = def->consoles[i];
        if ((serial = virDomainConsoleGetSerial(def, chr))) {
            virDomainChrSourceDefClear(&chr->source);
            chr->source.type = serial->source.type;
            virDomainDeviceInfoClear(&chr->info);
        }
    }
}

static bool
virDomainDefHasInput(const virDomainDef *def, virDomainInputType type, virDomainInputBus bus)
{
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->type == type && def->inputs[i]->bus == bus)
            return true;
    }
    return false;
}

/* A display on a PC comes with the PS/2 mouse and keyboard. */
static void
virDomainDefAddImplicitInputs(virDomainDef *def)
{
    const virDomainInputType types[] = { VIR_DOMAIN_INPUT_TYPE_MOUSE, VIR_DOMAIN_INPUT_TYPE_KBD };
    size_t i;

    if (def->ngraphics == 0 || !virDomainDefIsX86(def) || !virDomainDefIsHVM(def))
        return;
    for (i = 0; i < G_N_ELEMENTS(types); i++) {
        virDomainInputDef *input;

        if (virDomainDefHasInput(def, types[i], VIR_DOMAIN_INPUT_BUS_PS2))
            continue;
        input = g_new0(virDomainInputDef, 1);
        input->type = types[i];
        input->bus = VIR_DOMAIN_INPUT_BUS_PS2;
        def->inputs = g_renew(virDomainInputDef *, def->inputs, def->ninputs + 1);
        def->inputs[def->ninputs++] = input;
    }
}

static bool
virDomainDefHasDisplay(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ngraphics; i++) {
        if (def->graphics[i]->type != VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS &&
            def->graphics[i]->type != VIR_DOMAIN_GRAPHICS_TYPE_DBUS)
            return true;
    }
    return false;
}

static void
virDomainDefAddImplicitVideo(virDomainDef *def)
{
    virDomainVideoDef *video;
    size_t i;

    if (def->nvideos == 0 && virDomainDefHasDisplay(def)) {
        video = g_new0(virDomainVideoDef, 1);
        def->videos = g_new0(virDomainVideoDef *, 1);
        def->videos[def->nvideos++] = video;
    }
    for (i = 0; i < def->nvideos; i++)
        virDomainVideoPostParse(def->videos[i]);
    /* Exactly one card drives the first screen. */
    for (i = 0; i < def->nvideos; i++) {
        if (def->videos[i]->primary)
            return;
    }
    if (def->nvideos > 0)
        def->videos[0]->primary = true;
}

static bool
virDomainDefHasDeviceBoot(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->info.bootIndex)
            return true;
    }
    for (i = 0; i < def->nnets; i++) {
        if (def->nets[i]->info.bootIndex)
            return true;
    }
    for (i = 0; i < def->nhostdevs; i++) {
        if (def->hostdevs[i]->info.bootIndex)
            return true;
    }
    return false;
}

static int
virDomainDefPostParseBoot(virDomainDef *def)
{
    bool deviceBoot = virDomainDefHasDeviceBoot(def);

    if (deviceBoot && def->os.nbootDevs > 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "per-device <boot order=...> cannot be combined with <os><boot dev=...>");
        return -1;
    }
    /* Without any boot configuration a PC boots from its first disk. */
    if (!deviceBoot && def->os.nbootDevs == 0 && virDomainDefIsHVM(def)) {
        def->os.bootDevs[0] = VIR_DOMAIN_BOOT_DISK;
        def->os.nbootDevs = 1;
    }
    return 0;
}

int
virDomainDefPostParse(virDomainDef *def, unsigned int flags)
{
    size_t i;

    if (!def->os.arch)
        def->os.arch = g_strdup(VIR_DOMAIN_DEFAULT_ARCH);
    /* With NUMA cells the guest's memory is theirs, as in libvirt. */
    if (virDomainNumaTotalMemory(def))
        def->memory = virDomainNumaTotalMemory(def);
    if (!def->currentMemory || def->currentMemory > def->memory)
        def->currentMemory = def->memory;
    if (!def->vcpusCurrent)
        def->vcpusCurrent = def->vcpus;

    if (virDomainDefPostParseBoot(def) < 0)
        return -1;

    for (i = 0; i < def->ndisks; i++)
        virDomainDiskAssignAddress(def->disks[i]);
    for (i = 0; i < def->nserials; i++)
        virDomainChrPostParse(def->serials[i], def);
    for (i = 0; i < def->nparallels; i++)
        virDomainChrPostParse(def->parallels[i], def);
    for (i = 0; i < def->nconsoles; i++)
        virDomainChrPostParse(def->consoles[i], def);
    virDomainDefAddConsoleCompat(def);
    for (i = 0; i < def->ninputs; i++)
        virDomainInputPostParse(def->inputs[i]);
    virDomainDefAddImplicitInputs(def);
    virDomainDefAddImplicitVideo(def);
    for (i = 0; i < def->ntpms; i++)
        virDomainTPMPostParse(def->tpms[i]);
    for (i = 0; i < def->npanics; i++)
        virDomainPanicPostParse(def->panics[i]);

    for (i = 0; i < def->ncontrollers; i++)
        virDomainControllerPostParse(def->controllers[i], def);
    virDomainDefSortControllers(def);
    virDomainDefAddImplicitControllers(def);
    return 0;
}

static int
virDomainDefValidateDisks(const virDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->ndisks; i++) {
        for (j = i + 1; j < def->ndisks; j++) {
            if (strcmp(def->disks[i]->dst, def->disks[j]->dst) == 0) {
                virReportError(VIR_ERR_XML_ERROR, "disk target '%s' is used more than once",
                               def->disks[i]->dst);
                return -1;
            }
        }
    }
    return 0;
}

static int
virDomainDefValidateBootOrder(const virDomainDef *def)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    size_t i;

    for (i = 0; i < def->ndisks + def->nnets + def->nhostdevs; i++) {
        const virDomainDeviceInfo *info = i < def->ndisks ? &def->disks[i]->info :
            i < def->ndisks + def->nnets ? &def->nets[i - def->ndisks]->info :
            &def->hostdevs[i - def->ndisks - def->nnets]->info;

        if (!info->bootIndex)
            continue;
        if (g_hash_table_contains(seen, GUINT_TO_POINTER(info->bootIndex))) {
            virReportError(VIR_ERR_XML_ERROR, "boot order %u is used by more than one device",
                           info->bootIndex);
            return -1;
        }
        g_hash_table_add(seen, GUINT_TO_POINTER(info->bootIndex));
    }
    return 0;
}

/* The ICH9 UHCI controllers serve the EHCI controller's bus: they share
 * its index. */
static bool
virDomainControllerIsUSBCompanion(const virDomainControllerDef *ctrl)
{
    return ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
           (ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1 ||
            ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2 ||
            ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3);
}

static int
virDomainDefValidateControllers(const virDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->ncontrollers; i++) {
        for (j = i + 1; j < def->ncontrollers; j++) {
            if (def->controllers[i]->type == def->controllers[j]->type &&
                def->controllers[i]->idx == def->controllers[j]->idx &&
                !virDomainControllerIsUSBCompanion(def->controllers[i]) &&
                !virDomainControllerIsUSBCompanion(def->controllers[j])) {
                virReportError(VIR_ERR_XML_ERROR,
                               "more than one '%s' controller with index %d",
                               virDomainControllerTypeToString(def->controllers[i]->type),
                               def->controllers[i]->idx);
                return -1;
            }
        }
    }
    return 0;
}

static int
virDomainDefValidateCPU(const virDomainDef *def)
{
    const virDomainCPUDef *cpu = def->cpu;
    unsigned long long total;

    if (!cpu || !cpu->sockets)
        return 0;
    total = (unsigned long long)cpu->sockets * cpu->dies * cpu->cores * cpu->threads;
    if (total != def->vcpus) {
        virReportError(VIR_ERR_XML_ERROR,
                       "CPU topology (%u sockets, %u dies, %u cores, %u threads: %llu CPUs) does not match the vcpu count %u",
                       cpu->sockets, cpu->dies, cpu->cores, cpu->threads, total, def->vcpus);
        return -1;
    }
    return 0;
}

/* Every device's guest address info, for checks across families. */
static GPtrArray *
virDomainDefCollectInfos(const virDomainDef *def)
{
    GPtrArray *infos = g_ptr_array_new();
    size_t i;

#define COLLECT(list, n) \
    for (i = 0; i < def->n; i++) \
        g_ptr_array_add(infos, &def->list[i]->info)
    COLLECT(disks, ndisks);
    COLLECT(controllers, ncontrollers);
    COLLECT(nets, nnets);
    COLLECT(serials, nserials);
    COLLECT(channels, nchannels);
    COLLECT(inputs, ninputs);
    COLLECT(videos, nvideos);
    COLLECT(rngs, nrngs);
    COLLECT(tpms, ntpms);
    COLLECT(sounds, nsounds);
    COLLECT(hostdevs, nhostdevs);
    COLLECT(watchdogs, nwatchdogs);
    COLLECT(panics, npanics);
#undef COLLECT
    if (def->memballoon)
        g_ptr_array_add(infos, &def->memballoon->info);
    return infos;
}

/* Two devices cannot sit at one PCI address. */
static int
virDomainDefValidatePCIAddresses(const virDomainDef *def)
{
    g_autoptr(GPtrArray) infos = virDomainDefCollectInfos(def);
    g_autoptr(GHashTable) used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    size_t i;

    for (i = 0; i < infos->len; i++) {
        const virDomainDeviceInfo *info = g_ptr_array_index(infos, i);
        const virPCIDeviceAddress *pci = &info->pci;
        g_autofree char *addr = NULL;

        if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
            continue;
        addr = g_strdup_printf("%04x:%02x:%02x.%x", pci->domain, pci->bus, pci->slot,
                               pci->function);
        if (g_hash_table_contains(used, addr)) {
            virReportError(VIR_ERR_XML_ERROR, "Attempted double use of PCI Address %s", addr);
            return -1;
        }
        g_hash_table_add(used, g_steal_pointer(&addr));
    }
    return 0;
}

static int
virDomainDefValidateMemory(const virDomainDef *def)
{
    if (def->maxMemory && def->maxMemory < def->memory) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "maximum memory size must be equal or greater than the actual memory size");
        return -1;
    }
    return 0;
}

int
virDomainDefValidate(const virDomainDef *def)
{
    if (virDomainDefValidateDisks(def) < 0 ||
        virDomainDefValidateBootOrder(def) < 0 ||
        virDomainDefValidateControllers(def) < 0 ||
        virDomainDefValidatePCIAddresses(def) < 0 ||
        virDomainDefValidateMemory(def) < 0 ||
        virDomainDefValidateCPU(def) < 0)
        return -1;
    return 0;
}
