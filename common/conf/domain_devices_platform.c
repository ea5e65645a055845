/* <tpm>, <sound>, <watchdog>, <panic> and <hostdev>: parse, format, free. */
#include "domain_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_devices_platform");

VIR_ENUM_IMPL(virDomainTPMModel, VIR_DOMAIN_TPM_MODEL_LAST,
              "default", "tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy");

VIR_ENUM_IMPL(virDomainTPMBackend, VIR_DOMAIN_TPM_TYPE_LAST,
              "passthrough", "emulator");

VIR_ENUM_IMPL(virDomainTPMVersion, VIR_DOMAIN_TPM_VERSION_LAST,
              "default", "1.2", "2.0");

VIR_ENUM_IMPL(virDomainSoundModel, VIR_DOMAIN_SOUND_MODEL_LAST,
              "sb16", "es1370", "pcspk", "ac97", "ich6", "ich9", "usb", "ich7");

VIR_ENUM_IMPL(virDomainSoundCodec, VIR_DOMAIN_SOUND_CODEC_TYPE_LAST,
              "duplex", "micro", "output");

VIR_ENUM_IMPL(virDomainWatchdogModel, VIR_DOMAIN_WATCHDOG_MODEL_LAST,
              "i6300esb", "ib700", "diag288", "itco");

VIR_ENUM_IMPL(virDomainWatchdogAction, VIR_DOMAIN_WATCHDOG_ACTION_LAST,
              "reset", "shutdown", "poweroff", "pause", "dump", "none", "inject-nmi");

VIR_ENUM_IMPL(virDomainPanicModel, VIR_DOMAIN_PANIC_MODEL_LAST,
              "default", "isa", "pseries", "hyperv", "s390", "pvpanic");

VIR_ENUM_IMPL(virDomainHostdevSubsys, VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST,
              "usb", "pci", "scsi", "scsi_host", "mdev");

/* A required enum attribute: 1 set, -1 reported (absent or invalid). */
static int
virDomainPropEnumRequired(xmlNodePtr node, const char *name, const char *element,
                          int (*fromString)(const char *), int *result)
{
    int rc = virXMLPropEnum(node, name, fromString, true, result);

    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing '%s' attribute in element '%s'",
                       name, element);
        return -1;
    }
    return rc;
}

/* ---- tpm ---- */

void
virDomainTPMDefFree(virDomainTPMDef *def)
{
    if (!def)
        return;
    g_free(def->devicePath);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

virDomainTPMDef *
virDomainTPMDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainTPMDef) tpm = g_new0(virDomainTPMDef, 1);
    xmlNodePtr backend;
    xmlNodePtr device;
    int v = 0;

    if (virXMLPropEnum(node, "model", virDomainTPMModelTypeFromString, false, &v) < 0)
        return NULL;
    tpm->model = v;
    if (!(backend = virXMLChild(node, "backend"))) {
        virReportError(VIR_ERR_XML_ERROR, "missing TPM device backend");
        return NULL;
    }
    v = 0;
    if (virDomainPropEnumRequired(backend, "type", "backend",
                                  virDomainTPMBackendTypeFromString, &v) < 0)
        return NULL;
    tpm->type = v;
    v = 0;
    if (virXMLPropEnum(backend, "version", virDomainTPMVersionTypeFromString, false, &v) < 0)
        return NULL;
    tpm->version = v;

    switch (tpm->type) {
    case VIR_DOMAIN_TPM_TYPE_PASSTHROUGH:
        if ((device = virXMLChild(backend, "device")))
            tpm->devicePath = virXMLPropString(device, "path");
        if (!tpm->devicePath)
            tpm->devicePath = g_strdup("/dev/tpm0");
        break;
    case VIR_DOMAIN_TPM_TYPE_EMULATOR:
        if (virXMLPropTristateBool(backend, "persistent_state", &tpm->persistentState) < 0)
            return NULL;
        break;
    case VIR_DOMAIN_TPM_TYPE_LAST:
        break;
    }

    if (virDomainDeviceInfoParseXML(node, &tpm->info, flags, false) < 0)
        return NULL;
    return g_steal_pointer(&tpm);
}

void
virDomainTPMDefFormat(GString *buf, const virDomainTPMDef *tpm,
                      const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);
    g_autoptr(GString) backendAttrs = g_string_new(NULL);
    g_autoptr(GString) backendChildren = g_string_new(NULL);
    int in = indent + 2;

    if (tpm->model)
        virXMLFormatAttr(attrs, "model", virDomainTPMModelTypeToString(tpm->model));
    virXMLFormatAttr(backendAttrs, "type", virDomainTPMBackendTypeToString(tpm->type));
    if (tpm->version)
        virXMLFormatAttr(backendAttrs, "version", virDomainTPMVersionTypeToString(tpm->version));
    if (tpm->persistentState)
        virXMLFormatAttr(backendAttrs, "persistent_state",
                         virTristateBoolTypeToString(tpm->persistentState));
    if (tpm->type == VIR_DOMAIN_TPM_TYPE_PASSTHROUGH && tpm->devicePath) {
        g_string_append_printf(backendChildren, "%*s<device", in + 2, "");
        virXMLFormatAttr(backendChildren, "path", tpm->devicePath);
        g_string_append(backendChildren, "/>\n");
    }
    virXMLFormatElement(children, in, "backend", backendAttrs, backendChildren);
    virDomainDeviceInfoFormat(children, &tpm->info, flags, in);
    virXMLFormatElement(buf, indent, "tpm", attrs, children);
}

/* ---- sound ---- */

void
virDomainSoundDefFree(virDomainSoundDef *def)
{
    if (!def)
        return;
    g_free(def->codecs);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

virDomainSoundDef *
virDomainSoundDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainSoundDef) sound = g_new0(virDomainSoundDef, 1);
    xmlNodePtr cur;
    int v = 0;

    if (virDomainPropEnumRequired(node, "model", "sound",
                                  virDomainSoundModelTypeFromString, &v) < 0)
        return NULL;
    sound->model = v;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "codec")) {
            v = 0;
            if (virDomainPropEnumRequired(cur, "type", "codec",
                                          virDomainSoundCodecTypeFromString, &v) < 0)
                return NULL;
            sound->codecs = g_renew(virDomainSoundCodecType, sound->codecs, sound->ncodecs + 1);
            sound->codecs[sound->ncodecs++] = v;
        } else if (xmlStrEqual(cur->name, BAD_CAST "audio")) {
            if (virXMLPropUInt(cur, "id", 10, &sound->audioId) < 0)
                return NULL;
        }
    }
    if (sound->ncodecs && sound->model != VIR_DOMAIN_SOUND_MODEL_ICH6 &&
        sound->model != VIR_DOMAIN_SOUND_MODEL_ICH7 && sound->model != VIR_DOMAIN_SOUND_MODEL_ICH9) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "sound model '%s' has no codecs",
                       virDomainSoundModelTypeToString(sound->model));
        return NULL;
    }

    if (virDomainDeviceInfoParseXML(node, &sound->info, flags, false) < 0)
        return NULL;
    return g_steal_pointer(&sound);
}

void
virDomainSoundDefFormat(GString *buf, const virDomainSoundDef *sound,
                        const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);
    size_t i;

    virXMLFormatAttr(attrs, "model", virDomainSoundModelTypeToString(sound->model));
    for (i = 0; i < sound->ncodecs; i++)
        g_string_append_printf(children, "%*s<codec type='%s'/>\n", indent + 2, "",
                               virDomainSoundCodecTypeToString(sound->codecs[i]));
    if (sound->audioId)
        g_string_append_printf(children, "%*s<audio id='%u'/>\n", indent + 2, "",
                               sound->audioId);
    virDomainDeviceInfoFormat(children, &sound->info, flags, indent + 2);
    virXMLFormatElement(buf, indent, "sound", attrs, children);
}

/* ---- watchdog ---- */

void
virDomainWatchdogDefFree(virDomainWatchdogDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

virDomainWatchdogDef *
virDomainWatchdogDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainWatchdogDef) wd = g_new0(virDomainWatchdogDef, 1);
    int v = 0;

    if (virDomainPropEnumRequired(node, "model", "watchdog",
                                  virDomainWatchdogModelTypeFromString, &v) < 0)
        return NULL;
    wd->model = v;
    v = 0;
    if (virXMLPropEnum(node, "action", virDomainWatchdogActionTypeFromString, true, &v) < 0)
        return NULL;
    wd->action = v;
    if (virDomainDeviceInfoParseXML(node, &wd->info, flags, false) < 0)
        return NULL;
    return g_steal_pointer(&wd);
}

void
virDomainWatchdogDefFormat(GString *buf, const virDomainWatchdogDef *wd,
                           const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);

    virXMLFormatAttr(attrs, "model", virDomainWatchdogModelTypeToString(wd->model));
    virXMLFormatAttr(attrs, "action", virDomainWatchdogActionTypeToString(wd->action));
    virDomainDeviceInfoFormat(children, &wd->info, flags, indent + 2);
    virXMLFormatElement(buf, indent, "watchdog", attrs, children);
}

/* ---- panic ---- */

void
virDomainPanicDefFree(virDomainPanicDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

virDomainPanicDef *
virDomainPanicDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainPanicDef) panic = g_new0(virDomainPanicDef, 1);
    int v = 0;

    if (virXMLPropEnum(node, "model", virDomainPanicModelTypeFromString, false, &v) < 0)
        return NULL;
    panic->model = v;
    if (virDomainDeviceInfoParseXML(node, &panic->info, flags, false) < 0)
        return NULL;
    return g_steal_pointer(&panic);
}

void
virDomainPanicDefFormat(GString *buf, const virDomainPanicDef *panic,
                        const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);

    if (panic->model)
        virXMLFormatAttr(attrs, "model", virDomainPanicModelTypeToString(panic->model));
    virDomainDeviceInfoFormat(children, &panic->info, flags, indent + 2);
    virXMLFormatElement(buf, indent, "panic", attrs, children);
}

/* ---- hostdev ---- */

void
virDomainHostdevDefFree(virDomainHostdevDef *def)
{
    if (!def)
        return;
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

static int
virDomainHostdevSourceParseXML(xmlNodePtr source, virDomainHostdevDef *hostdev)
{
    xmlNodePtr addr = source ? virXMLChild(source, "address") : NULL;
    virPCIDeviceAddress *pci = &hostdev->source;

    if (!addr) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "PCI host devices must have a <source><address> element");
        return -1;
    }
    if (virXMLPropUInt(addr, "domain", 0, &pci->domain) < 0 ||
        virXMLPropUInt(addr, "bus", 0, &pci->bus) < 0 ||
        virXMLPropUInt(addr, "slot", 0, &pci->slot) < 0 ||
        virXMLPropUInt(addr, "function", 0, &pci->function) < 0)
        return -1;
    if (pci->domain > 0xFFFF || pci->bus > 0xFF || pci->slot > 0x1F || pci->function > 7) {
        virReportError(VIR_ERR_XML_ERROR,
                       "invalid PCI address %04x:%02x:%02x.%x of a host device",
                       pci->domain, pci->bus, pci->slot, pci->function);
        return -1;
    }
    return 0;
}

virDomainHostdevDef *
virDomainHostdevDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainHostdevDef) hostdev = g_new0(virDomainHostdevDef, 1);
    g_autofree char *mode = virXMLPropString(node, "mode");
    virTristateBool managed = VIR_TRISTATE_BOOL_ABSENT;
    int v = 0;

    if (mode && strcmp(mode, "subsystem") != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "host device mode '%s' is not supported",
                       mode);
        return NULL;
    }
    if (virDomainPropEnumRequired(node, "type", "hostdev",
                                  virDomainHostdevSubsysTypeFromString, &v) < 0)
        return NULL;
    hostdev->type = v;
    if (hostdev->type != VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "host device type '%s' is not supported",
                       virDomainHostdevSubsysTypeToString(hostdev->type));
        return NULL;
    }
    if (virXMLPropTristateBool(node, "managed", &managed) < 0)
        return NULL;
    hostdev->managed = managed == VIR_TRISTATE_BOOL_YES;
    if (virDomainHostdevSourceParseXML(virXMLChild(node, "source"), hostdev) < 0)
        return NULL;
    if (virDomainDeviceInfoParseXML(node, &hostdev->info, flags, true) < 0)
        return NULL;
    return g_steal_pointer(&hostdev);
}

void
virDomainHostdevDefFormat(GString *buf, const virDomainHostdevDef *hostdev,
                          const virDomainDef *def, unsigned int flags, int indent)
{
    const virPCIDeviceAddress *pci = &hostdev->source;
    int in = indent + 2;

    g_string_append_printf(buf, "%*s<hostdev mode='subsystem' type='%s' managed='%s'>\n",
                           indent, "", virDomainHostdevSubsysTypeToString(hostdev->type),
                           hostdev->managed ? "yes" : "no");
    g_string_append_printf(buf, "%*s<driver name='vfio'/>\n", in, "");
    g_string_append_printf(buf, "%*s<source>\n", in, "");
    g_string_append_printf(buf,
                           "%*s<address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
                           in + 2, "", pci->domain, pci->bus, pci->slot, pci->function);
    g_string_append_printf(buf, "%*s</source>\n", in, "");
    virDomainDeviceInfoFormat(buf, &hostdev->info, flags, in);
    g_string_append_printf(buf, "%*s</hostdev>\n", indent, "");
}
