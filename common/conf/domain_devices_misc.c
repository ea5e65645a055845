#include "domain_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_devices_misc");

VIR_ENUM_IMPL(virDomainController, VIR_DOMAIN_CONTROLLER_TYPE_LAST,
              "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci",
              "xenbus", "isa");

VIR_ENUM_IMPL(virDomainControllerModelPCI, VIR_DOMAIN_CONTROLLER_MODEL_PCI_LAST,
              "pci-root", "pcie-root", "pci-bridge", "dmi-to-pci-bridge", "pcie-root-port",
              "pcie-switch-upstream-port", "pcie-switch-downstream-port",
              "pci-expander-bus", "pcie-expander-bus", "pcie-to-pci-bridge");

VIR_ENUM_IMPL(virDomainControllerModelSCSI, VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LAST,
              "auto", "buslogic", "lsilogic", "lsisas1068", "vmpvscsi", "ibmvscsi",
              "virtio-scsi", "lsisas1078", "virtio-transitional", "virtio-non-transitional",
              "ncr53c90", "am53c974", "dc390");

VIR_ENUM_IMPL(virDomainControllerModelUSB, VIR_DOMAIN_CONTROLLER_MODEL_USB_LAST,
              "piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1", "ich9-uhci1", "ich9-uhci2",
              "ich9-uhci3", "vt82c686b-uhci", "pci-ohci", "nec-xhci", "qusb1", "qusb2",
              "qemu-xhci", "none");

VIR_ENUM_IMPL(virDomainControllerModelVirtioSerial, VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_LAST,
              "virtio", "virtio-transitional", "virtio-non-transitional");

VIR_ENUM_IMPL(virDomainInput, VIR_DOMAIN_INPUT_TYPE_LAST,
              "mouse", "tablet", "keyboard", "passthrough", "evdev");

VIR_ENUM_IMPL(virDomainInputBus, VIR_DOMAIN_INPUT_BUS_LAST,
              "default", "ps2", "usb", "xen", "parallels", "virtio", "none");

VIR_ENUM_IMPL(virDomainVideo, VIR_DOMAIN_VIDEO_TYPE_LAST,
              "default", "vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels",
              "virtio", "gop", "none", "bochs", "ramfb");

VIR_ENUM_IMPL(virDomainMemballoonModel, VIR_DOMAIN_MEMBALLOON_MODEL_LAST,
              "virtio", "xen", "none", "virtio-transitional", "virtio-non-transitional");

VIR_ENUM_IMPL(virDomainRNGModel, VIR_DOMAIN_RNG_MODEL_LAST,
              "virtio", "virtio-transitional", "virtio-non-transitional");

VIR_ENUM_IMPL(virDomainRNGBackend, VIR_DOMAIN_RNG_BACKEND_LAST,
              "random", "egd", "builtin");

/* Which model table applies to a controller type (NULL: no models). */
static int
(*virDomainControllerModelFromStringFunc(virDomainControllerType type))(const char *)
{
    switch (type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        return virDomainControllerModelPCITypeFromString;
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        return virDomainControllerModelSCSITypeFromString;
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return virDomainControllerModelUSBTypeFromString;
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return virDomainControllerModelVirtioSerialTypeFromString;
    default:
        return NULL;
    }
}

const char *
virDomainControllerModelToString(const virDomainControllerDef *def)
{
    if (def->model < 0)
        return NULL;
    switch (def->type) {
    case VIR_DOMAIN_CONTROLLER_TYPE_PCI:
        return virDomainControllerModelPCITypeToString(def->model);
    case VIR_DOMAIN_CONTROLLER_TYPE_SCSI:
        return virDomainControllerModelSCSITypeToString(def->model);
    case VIR_DOMAIN_CONTROLLER_TYPE_USB:
        return virDomainControllerModelUSBTypeToString(def->model);
    case VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return virDomainControllerModelVirtioSerialTypeToString(def->model);
    default:
        return NULL;
    }
}

void
virDomainControllerDefFree(virDomainControllerDef *def)
{
    if (!def)
        return;
    g_free(def->modelName);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

/* An optional integer attribute kept as -1 when absent. */
static int
virDomainPropOptionalUInt(xmlNodePtr node, const char *name, int base, int *result)
{
    unsigned int v;
    int rc = virXMLPropUInt(node, name, base, &v);

    if (rc < 0)
        return -1;
    if (rc == 1 && v > G_MAXINT) {
        virReportError(VIR_ERR_XML_ERROR, "value of attribute '%s' in element '%s' is too large",
                       name, (const char *)node->name);
        return -1;
    }
    *result = rc == 1 ? (int)v : -1;
    return 0;
}

virDomainControllerDef *
virDomainControllerDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainControllerDef) ctrl = g_new0(virDomainControllerDef, 1);
    g_autofree char *model = NULL;
    int (*modelFromString)(const char *);
    xmlNodePtr cur;
    int v = 0;
    int rc;

    rc = virXMLPropEnum(node, "type", virDomainControllerTypeFromString, true, &v);
    if (rc < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'type' attribute in element 'controller'");
        return NULL;
    }
    ctrl->type = v;
    ctrl->model = -1;

    if (virDomainPropOptionalUInt(node, "index", 10, &ctrl->idx) < 0 ||
        virDomainPropOptionalUInt(node, "ports", 10, &ctrl->ports) < 0 ||
        virDomainPropOptionalUInt(node, "vectors", 10, &ctrl->vectors) < 0)
        return NULL;

    if ((model = virXMLPropString(node, "model"))) {
        modelFromString = virDomainControllerModelFromStringFunc(ctrl->type);
        if (!modelFromString || (ctrl->model = modelFromString(model)) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "invalid model '%s' for controller of type '%s'",
                           model, virDomainControllerTypeToString(ctrl->type));
            return NULL;
        }
    }

    ctrl->chassis = ctrl->port = ctrl->busNr = -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && xmlStrEqual(cur->name, BAD_CAST "driver") &&
            virXMLPropUInt(cur, "queues", 10, &ctrl->queues) < 0)
            return NULL;
        if (cur->type != XML_ELEMENT_NODE || ctrl->type != VIR_DOMAIN_CONTROLLER_TYPE_PCI)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "model") && !ctrl->modelName) {
            ctrl->modelName = virXMLPropString(cur, "name");
        } else if (xmlStrEqual(cur->name, BAD_CAST "target")) {
            if (virDomainPropOptionalUInt(cur, "chassis", 10, &ctrl->chassis) < 0 ||
                virDomainPropOptionalUInt(cur, "port", 0, &ctrl->port) < 0 ||
                virDomainPropOptionalUInt(cur, "busNr", 10, &ctrl->busNr) < 0)
                return NULL;
        }
    }

    if (virDomainDeviceInfoParseXML(node, &ctrl->info, flags, false) < 0)
        return NULL;
    return g_steal_pointer(&ctrl);
}

void
virDomainControllerDefFormat(GString *buf, const virDomainControllerDef *ctrl,
                             const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);
    int in = indent + 2;

    virXMLFormatAttr(attrs, "type", virDomainControllerTypeToString(ctrl->type));
    virXMLFormatAttrFormat(attrs, "index", "%d", ctrl->idx);
    virXMLFormatAttr(attrs, "model", virDomainControllerModelToString(ctrl));
    if (ctrl->ports >= 0)
        virXMLFormatAttrFormat(attrs, "ports", "%d", ctrl->ports);
    if (ctrl->vectors >= 0)
        virXMLFormatAttrFormat(attrs, "vectors", "%d", ctrl->vectors);

    if (ctrl->queues)
        g_string_append_printf(children, "%*s<driver queues='%u'/>\n", in, "", ctrl->queues);
    if (ctrl->modelName)
        g_string_append_printf(children, "%*s<model name='%s'/>\n", in, "", ctrl->modelName);
    if (ctrl->chassis >= 0 || ctrl->port >= 0 || ctrl->busNr >= 0) {
        g_autoptr(GString) target = g_string_new(NULL);

        if (ctrl->chassis >= 0)
            virXMLFormatAttrFormat(target, "chassis", "%d", ctrl->chassis);
        if (ctrl->port >= 0)
            virXMLFormatAttrFormat(target, "port", "0x%x", ctrl->port);
        if (ctrl->busNr >= 0)
            virXMLFormatAttrFormat(target, "busNr", "%d", ctrl->busNr);
        virXMLFormatElement(children, in, "target", target, NULL);
    }
    virDomainDeviceInfoFormat(children, &ctrl->info, flags, in);
    virXMLFormatElement(buf, indent, "controller", attrs, children);
}

void
virDomainInputDefFree(virDomainInputDef *def)
{
    if (!def)
        return;
    g_free(def->evdev);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

virDomainInputDef *
virDomainInputDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainInputDef) input = g_new0(virDomainInputDef, 1);
    xmlNodePtr source;
    int v = 0;
    int rc;

    rc = virXMLPropEnum(node, "type", virDomainInputTypeFromString, true, &v);
    if (rc < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'type' attribute in element 'input'");
        return NULL;
    }
    input->type = v;
    v = 0;
    if (virXMLPropEnum(node, "bus", virDomainInputBusTypeFromString, false, &v) < 0)
        return NULL;
    input->bus = v;

    if ((source = virXMLChild(node, "source"))) {
        input->evdev = virXMLPropString(source,
                                        input->type == VIR_DOMAIN_INPUT_TYPE_EVDEV ? "dev" : "evdev");
    }
    if ((input->type == VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH ||
         input->type == VIR_DOMAIN_INPUT_TYPE_EVDEV) && !input->evdev) {
        virReportError(VIR_ERR_XML_ERROR, "missing source device of input type '%s'",
                       virDomainInputTypeToString(input->type));
        return NULL;
    }

    if (virDomainDeviceInfoParseXML(node, &input->info, flags, false) < 0)
        return NULL;
    return g_steal_pointer(&input);
}

void
virDomainInputDefFormat(GString *buf, const virDomainInputDef *input,
                        const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);

    virXMLFormatAttr(attrs, "type", virDomainInputTypeToString(input->type));
    if (input->bus)
        virXMLFormatAttr(attrs, "bus", virDomainInputBusTypeToString(input->bus));
    if (input->evdev) {
        g_string_append_printf(children, "%*s<source", indent + 2, "");
        virXMLFormatAttr(children,
                         input->type == VIR_DOMAIN_INPUT_TYPE_EVDEV ? "dev" : "evdev",
                         input->evdev);
        g_string_append(children, "/>\n");
    }
    virDomainDeviceInfoFormat(children, &input->info, flags, indent + 2);
    virXMLFormatElement(buf, indent, "input", attrs, children);
}

void
virDomainVideoDefFree(virDomainVideoDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

virDomainVideoDef *
virDomainVideoDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainVideoDef) video = g_new0(virDomainVideoDef, 1);
    xmlNodePtr model = virXMLChild(node, "model");
    xmlNodePtr accel;
    virTristateBool primary = VIR_TRISTATE_BOOL_ABSENT;
    int v = 0;

    if (model) {
        if (virXMLPropEnum(model, "type", virDomainVideoTypeFromString, false, &v) < 0 ||
            virXMLPropUInt(model, "ram", 10, &video->ram) < 0 ||
            virXMLPropUInt(model, "vram", 10, &video->vram) < 0 ||
            virXMLPropUInt(model, "vgamem", 10, &video->vgamem) < 0 ||
            virXMLPropUInt(model, "heads", 10, &video->heads) < 0 ||
            virXMLPropTristateBool(model, "primary", &primary) < 0)
            return NULL;
        video->type = v;
        video->primary = primary == VIR_TRISTATE_BOOL_YES;
        if ((accel = virXMLChild(model, "acceleration")) &&
            virXMLPropTristateBool(accel, "accel3d", &video->accel3d) < 0)
            return NULL;
    }

    if (virDomainDeviceInfoParseXML(node, &video->info, flags, false) < 0)
        return NULL;
    return g_steal_pointer(&video);
}

void
virDomainVideoDefFormat(GString *buf, const virDomainVideoDef *video,
                        const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) accel = g_string_new(NULL);
    int in = indent + 2;

    g_string_append_printf(buf, "%*s<video>\n", indent, "");
    virXMLFormatAttr(attrs, "type", virDomainVideoTypeToString(video->type));
    if (video->ram)
        virXMLFormatAttrFormat(attrs, "ram", "%u", video->ram);
    if (video->vram)
        virXMLFormatAttrFormat(attrs, "vram", "%u", video->vram);
    if (video->vgamem)
        virXMLFormatAttrFormat(attrs, "vgamem", "%u", video->vgamem);
    if (video->heads)
        virXMLFormatAttrFormat(attrs, "heads", "%u", video->heads);
    if (video->primary)
        virXMLFormatAttr(attrs, "primary", "yes");
    if (video->accel3d)
        g_string_append_printf(accel, "%*s<acceleration accel3d='%s'/>\n", in + 2, "",
                               virTristateBoolTypeToString(video->accel3d));
    virXMLFormatElement(buf, in, "model", attrs, accel);
    virDomainDeviceInfoFormat(buf, &video->info, flags, in);
    g_string_append_printf(buf, "%*s</video>\n", indent, "");
}

void
virDomainMemballoonDefFree(virDomainMemballoonDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

virDomainMemballoonDef *
virDomainMemballoonDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainMemballoonDef) balloon = g_new0(virDomainMemballoonDef, 1);
    xmlNodePtr stats;
    int v = 0;
    int rc;

    rc = virXMLPropEnum(node, "model", virDomainMemballoonModelTypeFromString, true, &v);
    if (rc < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'model' attribute in element 'memballoon'");
        return NULL;
    }
    balloon->model = v;
    if (virXMLPropTristateSwitch(node, "autodeflate", &balloon->autodeflate) < 0 ||
        virXMLPropTristateSwitch(node, "freePageReporting", &balloon->freePageReporting) < 0)
        return NULL;
    if ((stats = virXMLChild(node, "stats")) &&
        virXMLPropUInt(stats, "period", 10, &balloon->period) < 0)
        return NULL;

    if (virDomainDeviceInfoParseXML(node, &balloon->info, flags, false) < 0)
        return NULL;
    return g_steal_pointer(&balloon);
}

void
virDomainMemballoonDefFormat(GString *buf, const virDomainMemballoonDef *balloon,
                             const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);

    virXMLFormatAttr(attrs, "model", virDomainMemballoonModelTypeToString(balloon->model));
    if (balloon->autodeflate)
        virXMLFormatAttr(attrs, "autodeflate", virTristateSwitchTypeToString(balloon->autodeflate));
    if (balloon->freePageReporting)
        virXMLFormatAttr(attrs, "freePageReporting",
                         virTristateSwitchTypeToString(balloon->freePageReporting));
    if (balloon->period)
        g_string_append_printf(children, "%*s<stats period='%u'/>\n", indent + 2, "",
                               balloon->period);
    virDomainDeviceInfoFormat(children, &balloon->info, flags, indent + 2);
    virXMLFormatElement(buf, indent, "memballoon", attrs, children);
}

void
virDomainRNGDefFree(virDomainRNGDef *def)
{
    if (!def)
        return;
    g_free(def->device);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

virDomainRNGDef *
virDomainRNGDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainRNGDef) rng = g_new0(virDomainRNGDef, 1);
    xmlNodePtr backend;
    xmlNodePtr rate;
    int v = 0;
    int rc;

    rc = virXMLPropEnum(node, "model", virDomainRNGModelTypeFromString, true, &v);
    if (rc < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'model' attribute in element 'rng'");
        return NULL;
    }
    rng->model = v;

    if (!(backend = virXMLChild(node, "backend"))) {
        virReportError(VIR_ERR_XML_ERROR, "missing <backend> in element 'rng'");
        return NULL;
    }
    v = 0;
    rc = virXMLPropEnum(backend, "model", virDomainRNGBackendTypeFromString, true, &v);
    if (rc < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'model' attribute in element 'backend'");
        return NULL;
    }
    rng->backend = v;
    if (rng->backend == VIR_DOMAIN_RNG_BACKEND_EGD) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "rng backend 'egd' is not supported");
        return NULL;
    }
    if (rng->backend == VIR_DOMAIN_RNG_BACKEND_RANDOM) {
        rng->device = g_strstrip(virXMLNodeText(backend));
        if (!*rng->device) {
            g_free(rng->device);
            rng->device = g_strdup("/dev/urandom");
        }
    }

    if ((rate = virXMLChild(node, "rate")) &&
        (virXMLPropUInt(rate, "bytes", 10, &rng->rateBytes) < 0 ||
         virXMLPropUInt(rate, "period", 10, &rng->ratePeriod) < 0))
        return NULL;

    if (virDomainDeviceInfoParseXML(node, &rng->info, flags, false) < 0)
        return NULL;
    return g_steal_pointer(&rng);
}

void
virDomainRNGDefFormat(GString *buf, const virDomainRNGDef *rng,
                      const virDomainDef *def, unsigned int flags, int indent)
{
    int in = indent + 2;

    g_string_append_printf(buf, "%*s<rng model='%s'>\n", indent, "",
                           virDomainRNGModelTypeToString(rng->model));
    if (rng->rateBytes) {
        g_string_append_printf(buf, "%*s<rate bytes='%u'", in, "", rng->rateBytes);
        if (rng->ratePeriod)
            g_string_append_printf(buf, " period='%u'", rng->ratePeriod);
        g_string_append(buf, "/>\n");
    }
    if (rng->device) {
        g_string_append_printf(buf, "%*s<backend model='%s'>", in, "",
                               virDomainRNGBackendTypeToString(rng->backend));
        virBufferEscapeXML(buf, rng->device);
        g_string_append(buf, "</backend>\n");
    } else {
        g_string_append_printf(buf, "%*s<backend model='%s'/>\n", in, "",
                               virDomainRNGBackendTypeToString(rng->backend));
    }
    virDomainDeviceInfoFormat(buf, &rng->info, flags, in);
    g_string_append_printf(buf, "%*s</rng>\n", indent, "");
}
