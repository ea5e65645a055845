/* Guest PCI address assignment: see qemu_domain_address.h. */
#include "qemu_domain_address.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_domain_address");

#define QEMU_PCI_SLOTS 32
#define QEMU_PCI_FUNCTIONS 8
#define QEMU_PCI_BUSES 256

/* Which bus/slot/function triples are taken. */
typedef struct {
    bool used[QEMU_PCI_BUSES][QEMU_PCI_SLOTS][QEMU_PCI_FUNCTIONS];
    bool q35;
} qemuPCIAddressSet;

static bool
qemuPCISlotIsFree(const qemuPCIAddressSet *set, unsigned int bus, unsigned int slot)
{
    size_t fn;

    for (fn = 0; fn < QEMU_PCI_FUNCTIONS; fn++) {
        if (set->used[bus][slot][fn])
            return false;
    }
    return true;
}

static void
qemuPCIAddressTake(qemuPCIAddressSet *set, virDomainDeviceInfo *info, unsigned int bus,
                   unsigned int slot, unsigned int function)
{
    info->type = VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI;
    info->pci.domain = 0;
    info->pci.bus = bus;
    info->pci.slot = slot;
    info->pci.function = function;
    set->used[bus][slot][function] = true;
}

/* The first free slot of a bus, from slot first on. */
static int
qemuPCIAddressNextSlot(qemuPCIAddressSet *set, virDomainDeviceInfo *info, unsigned int bus,
                       unsigned int first)
{
    unsigned int slot;

    for (slot = first; slot < QEMU_PCI_SLOTS; slot++) {
        if (qemuPCISlotIsFree(set, bus, slot)) {
            qemuPCIAddressTake(set, info, bus, slot, 0);
            return 0;
        }
    }
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   "No more available PCI slots on bus 0x%02x for the devices of the domain", bus);
    return -1;
}

static bool
qemuIsPCIeRootPort(const virDomainControllerDef *ctrl)
{
    return ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI &&
           ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT;
}

/* A device QEMU can plug into a PCIe root port (and libvirt does). */
static bool
qemuDeviceIsPCIe(const virDomainDef *def, const virDomainDeviceInfo *info)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        if (&def->nets[i]->info == info)
            return def->nets[i]->model && (g_str_has_prefix(def->nets[i]->model, "virtio") ||
                                           strcmp(def->nets[i]->model, "e1000e") == 0);
    }
    for (i = 0; i < def->nsounds; i++) {
        if (&def->sounds[i]->info == info)
            return false;
    }
    for (i = 0; i < def->nwatchdogs; i++) {
        if (&def->watchdogs[i]->info == info)
            return false;
    }
    for (i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *ctrl = def->controllers[i];

        if (&ctrl->info != info)
            continue;
        if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB)
            return ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI ||
                   ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_NEC_XHCI || ctrl->model == -1;
        if (ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_SCSI)
            return ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI;
        return ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL;
    }
    /* virtio disks, inputs, balloon, rng; VFIO host devices. */
    return true;
}

/* A PCIe device goes to the first root port with nothing behind it. */
static bool
qemuPCIAddressRootPort(const virDomainDef *def, qemuPCIAddressSet *set,
                       virDomainDeviceInfo *info)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *ctrl = def->controllers[i];

        if (qemuIsPCIeRootPort(ctrl) && ctrl->idx > 0 && ctrl->idx < QEMU_PCI_BUSES &&
            qemuPCISlotIsFree(set, ctrl->idx, 0)) {
            qemuPCIAddressTake(set, info, ctrl->idx, 0, 0);
            return true;
        }
    }
    return false;
}

static bool
qemuIsICH9EHCI(const virDomainDef *def, const virDomainDeviceInfo *info)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (&def->controllers[i]->info == info)
            return def->controllers[i]->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
                   def->controllers[i]->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1;
    }
    return false;
}

static int
qemuPCIAddressAssignOne(virDomainDef *def, qemuPCIAddressSet *set, virDomainDeviceInfo *info)
{
    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
        return 0;
    if (qemuIsICH9EHCI(def, info)) {
        /* A whole slot, the EHCI at function 7 (see below). */
        if (qemuPCIAddressNextSlot(set, info, 0, set->q35 ? 2 : 3) < 0)
            return -1;
        set->used[0][info->pci.slot][0] = false;
        set->used[0][info->pci.slot][7] = true;
        info->pci.function = 7;
        return 0;
    }
    if (set->q35 && qemuDeviceIsPCIe(def, info) && qemuPCIAddressRootPort(def, set, info))
        return 0;
    return qemuPCIAddressNextSlot(set, info, 0, set->q35 ? 2 : 3);
}

static void
qemuPCIAddressMarkUsed(qemuPCIAddressSet *set, const virDomainDeviceInfo *info)
{
    if (info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI || info->pci.domain != 0 ||
        info->pci.bus >= QEMU_PCI_BUSES)
        return;
    set->used[info->pci.bus][info->pci.slot][info->pci.function] = true;
}

static bool
qemuControllerIsPCI(const virDomainControllerDef *ctrl, bool q35)
{
    switch (ctrl->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        return ctrl->idx > 0;
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return ctrl->model != VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE;
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return true;
    case VIR_DOMAIN_CONTROLLER_TYPE_SATA:
        return !(q35 && ctrl->idx == 0);
    default:
        return false;
    }
}

/* The board's fixed functions and the places libvirt reserves. */
static void
qemuPCIAddressReserveBoard(virDomainDef *def, qemuPCIAddressSet *set)
{
    virDomainVideoDef *primary = def->nvideos ? def->videos[0] : NULL;
    unsigned int videoSlot = set->q35 ? 1 : 2;
    size_t i;

    set->used[0][0][0] = true;                  /* host bridge */
    if (set->q35) {
        for (i = 0; i < QEMU_PCI_FUNCTIONS; i++)
            set->used[0][0x1f][i] = true;       /* LPC, SATA, SMBus */
    } else {
        for (i = 0; i < QEMU_PCI_FUNCTIONS; i++)
            set->used[0][1][i] = true;          /* PIIX3: ISA, IDE, USB, PM */
    }
    if (primary && primary->type != VIR_DOMAIN_VIDEO_TYPE_NONE &&
        primary->type != VIR_DOMAIN_VIDEO_TYPE_RAMFB &&
        primary->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
        qemuPCISlotIsFree(set, 0, videoSlot))
        qemuPCIAddressTake(set, &primary->info, 0, videoSlot, 0);

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *ctrl = def->controllers[i];

        /* The PIIX3's own UHCI function serves the first USB bus. */
        if (!set->q35 && ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB && ctrl->idx == 0 &&
            (ctrl->model == -1 || ctrl->model == VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI) &&
            ctrl->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
            qemuPCIAddressTake(set, &ctrl->info, 0, 1, 2);
    }
    for (i = 0; set->q35 && i < def->nsounds; i++) {
        virDomainSoundDef *sound = def->sounds[i];

        if (sound->model == VIR_DOMAIN_SOUND_MODEL_ICH9 &&
            sound->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE &&
            qemuPCISlotIsFree(set, 0, 0x1b))
            qemuPCIAddressTake(set, &sound->info, 0, 0x1b, 0);
    }
}

static bool
qemuIsUSBCompanion(const virDomainControllerDef *ctrl)
{
    return ctrl->type == VIR_DOMAIN_CONTROLLER_TYPE_USB &&
           ctrl->model >= VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1 &&
           ctrl->model <= VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3;
}

/* An ICH9 EHCI controller is function 7 of its slot, its UHCI
 * companions functions 0-2 (the first one multifunction), as on real
 * ICH9 chipsets. Called once the EHCI controllers have a slot. */
static void
qemuPCIAddressAssignUSBCompanions(virDomainDef *def, qemuPCIAddressSet *set)
{
    size_t i, j;

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *ehci = def->controllers[i];

        if (ehci->type != VIR_DOMAIN_CONTROLLER_TYPE_USB ||
            ehci->model != VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1 ||
            ehci->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI)
            continue;
        for (j = 0; j < def->ncontrollers; j++) {
            virDomainControllerDef *uhci = def->controllers[j];
            unsigned int fn;

            if (!qemuIsUSBCompanion(uhci) || uhci->idx != ehci->idx ||
                uhci->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
                continue;
            fn = uhci->model - VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1;
            if (set->used[ehci->info.pci.bus][ehci->info.pci.slot][fn])
                continue;
            qemuPCIAddressTake(set, &uhci->info, ehci->info.pci.bus, ehci->info.pci.slot, fn);
            if (fn == 0)
                uhci->info.pci.multi = VIR_TRISTATE_SWITCH_ON;
        }
    }
}

/* Root ports (and other PCIe ports) without an address: eight functions
 * of a pcie.0 slot each, the first one multifunction. */
static int
qemuPCIAddressAssignPorts(virDomainDef *def, qemuPCIAddressSet *set)
{
    unsigned int slot = 0, fn = QEMU_PCI_FUNCTIONS;
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *ctrl = def->controllers[i];

        if (!qemuIsPCIeRootPort(ctrl) || ctrl->info.type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
            continue;
        if (fn == QEMU_PCI_FUNCTIONS) {
            virDomainDeviceInfo probe = { 0 };

            if (qemuPCIAddressNextSlot(set, &probe, 0, MAX(slot + 1, 2)) < 0)
                return -1;
            slot = probe.pci.slot;
            fn = 0;
        }
        qemuPCIAddressTake(set, &ctrl->info, 0, slot, fn);
        if (fn == 0)
            ctrl->info.pci.multi = VIR_TRISTATE_SWITCH_ON;
        fn++;
    }
    return 0;
}

int
qemuDomainAssignPCIAddresses(virDomainDef *def)
{
    g_autofree qemuPCIAddressSet *set = g_new0(qemuPCIAddressSet, 1);
    g_autoptr(GPtrArray) order = g_ptr_array_new();
    size_t i;

    set->q35 = def->os.machine && strstr(def->os.machine, "q35");

    /* Everything the user placed stays where it is. */
    for (i = 0; i < def->ncontrollers; i++)
        qemuPCIAddressMarkUsed(set, &def->controllers[i]->info);
#define MARK(list, n) \
    for (i = 0; i < def->n; i++) \
        qemuPCIAddressMarkUsed(set, &def->list[i]->info)
    MARK(disks, ndisks);
    MARK(nets, nnets);
    MARK(serials, nserials);
    MARK(inputs, ninputs);
    MARK(videos, nvideos);
    MARK(rngs, nrngs);
    MARK(sounds, nsounds);
    MARK(hostdevs, nhostdevs);
    MARK(watchdogs, nwatchdogs);
    MARK(panics, npanics);
#undef MARK
    if (def->memballoon)
        qemuPCIAddressMarkUsed(set, &def->memballoon->info);

    qemuPCIAddressReserveBoard(def, set);
    if (set->q35 && qemuPCIAddressAssignPorts(def, set) < 0)
        return -1;

    /* libvirt's order: PCI controllers, interfaces, sound, other
     * controllers, disks, host devices, balloon, RNGs, watchdog, further
     * video cards, inputs, serial ports, panic. */
    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == VIR_DOMAIN_CONTROLLER_TYPE_PCI &&
            qemuControllerIsPCI(def->controllers[i], set->q35))
            g_ptr_array_add(order, &def->controllers[i]->info);
    }
    for (i = 0; i < def->nnets; i++) {
        const char *model = def->nets[i]->model;

        if (!model || !g_str_has_prefix(model, "usb-"))
            g_ptr_array_add(order, &def->nets[i]->info);
    }
    for (i = 0; i < def->nsounds; i++) {
        virDomainSoundModel model = def->sounds[i]->model;

        if (model != VIR_DOMAIN_SOUND_MODEL_USB && model != VIR_DOMAIN_SOUND_MODEL_SB16 &&
            model != VIR_DOMAIN_SOUND_MODEL_PCSPK)
            g_ptr_array_add(order, &def->sounds[i]->info);
    }
    for (i = 0; i < def->ncontrollers; i++) {
        virDomainControllerDef *ctrl = def->controllers[i];

        /* The ICH9 UHCI companions share their EHCI's slot. */
        if (ctrl->type != VIR_DOMAIN_CONTROLLER_TYPE_PCI && qemuControllerIsPCI(ctrl, set->q35) &&
            !qemuIsUSBCompanion(ctrl))
            g_ptr_array_add(order, &ctrl->info);
    }
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->bus == VIR_DOMAIN_DISK_BUS_VIRTIO)
            g_ptr_array_add(order, &def->disks[i]->info);
    }
    for (i = 0; i < def->nhostdevs; i++)
        g_ptr_array_add(order, &def->hostdevs[i]->info);
    if (def->memballoon && def->memballoon->model != VIR_DOMAIN_MEMBALLOON_MODEL_NONE)
        g_ptr_array_add(order, &def->memballoon->info);
    for (i = 0; i < def->nrngs; i++)
        g_ptr_array_add(order, &def->rngs[i]->info);
    for (i = 0; i < def->nwatchdogs; i++) {
        if (def->watchdogs[i]->model == VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB)
            g_ptr_array_add(order, &def->watchdogs[i]->info);
    }
    for (i = 0; i < def->nvideos; i++) {
        if (def->videos[i]->type != VIR_DOMAIN_VIDEO_TYPE_NONE &&
            def->videos[i]->type != VIR_DOMAIN_VIDEO_TYPE_RAMFB)
            g_ptr_array_add(order, &def->videos[i]->info);
    }
    for (i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->bus == VIR_DOMAIN_INPUT_BUS_VIRTIO)
            g_ptr_array_add(order, &def->inputs[i]->info);
    }
    for (i = 0; i < def->nserials; i++) {
        if (def->serials[i]->targetType == VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI)
            g_ptr_array_add(order, &def->serials[i]->info);
    }
    for (i = 0; i < def->npanics; i++) {
        if (def->panics[i]->model == VIR_DOMAIN_PANIC_MODEL_PVPANIC)
            g_ptr_array_add(order, &def->panics[i]->info);
    }

    for (i = 0; i < order->len; i++) {
        if (qemuPCIAddressAssignOne(def, set, g_ptr_array_index(order, i)) < 0)
            return -1;
    }
    qemuPCIAddressAssignUSBCompanions(def, set);
    return 0;
}
