/* Controllers (PCI buses and bridges, USB, SATA, SCSI, virtio-serial) on
 * the QEMU command line. */
#include "qemu_command_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_command_controller");

/* First port number libvirt gives PCIe root ports (slot 2, function 0). */
#define QEMU_PCIE_ROOT_PORT_FIRST 0x10

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

bool
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
        if (ctrl->queues && qemuSCSIControllerIsVirtio(ctrl))
            qemuOptAddFormat(buf, "num_queues", "%u", ctrl->queues);
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

int
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
    if (!usb0 && virDomainDefHasUSBDevice(def)) {
        g_autoptr(GString) buf = g_string_new(NULL);

        qemuOptAddWord(buf, qemuUSBControllerDevice(-1, ctx->q35));
        qemuOptAdd(buf, "id", "usb");
        qemuAddArgBuf(ctx->cmd, "-device", buf);
        ctx->hasUSB = true;
    }
    return 0;
}
