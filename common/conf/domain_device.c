#include "domain_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_device");

VIR_ENUM_IMPL(virDomainDeviceAddress, VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST,
              "none", "pci", "drive", "virtio-serial", "usb", "isa");

/* Aliases chosen by the user survive in the inactive XML; libvirt marks
 * them with this prefix. */
#define VIR_DOMAIN_USER_ALIAS_PREFIX "ua-"

void
virDomainDeviceInfoClear(virDomainDeviceInfo *info)
{
    g_clear_pointer(&info->alias, g_free);
    g_clear_pointer(&info->usb.port, g_free);
    memset(info, 0, sizeof(*info));
}

void
virDomainDeviceInfoCopy(virDomainDeviceInfo *dst, const virDomainDeviceInfo *src)
{
    virDomainDeviceInfoClear(dst);
    *dst = *src;
    dst->alias = g_strdup(src->alias);
    dst->usb.port = g_strdup(src->usb.port);
}

static bool
virDomainIsUserAlias(const char *alias)
{
    return alias && g_str_has_prefix(alias, VIR_DOMAIN_USER_ALIAS_PREFIX);
}

/* Reads a numeric address attribute that must not exceed max. */
static int
virDomainAddressPropUInt(xmlNodePtr node, const char *name, int base,
                         unsigned int max, unsigned int *result)
{
    unsigned int v = 0;
    int rc = virXMLPropUInt(node, name, base, &v);

    if (rc < 0)
        return -1;
    if (rc == 1 && v > max) {
        virReportError(VIR_ERR_XML_ERROR,
                       "address attribute '%s' out of range: %u (the maximum is %u)",
                       name, v, max);
        return -1;
    }
    if (rc == 1)
        *result = v;
    return 0;
}

static int
virDomainDeviceAddressParseXML(xmlNodePtr node, virDomainDeviceInfo *info)
{
    int type = 0;
    int rc = virXMLPropEnum(node, "type", virDomainDeviceAddressTypeFromString,
                            true, &type);

    if (rc < 0)
        return -1;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'type' attribute in element 'address'");
        return -1;
    }
    info->type = type;

    switch (info->type) {
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI:
        if (virDomainAddressPropUInt(node, "domain", 0, 0xFFFF, &info->pci.domain) < 0 ||
            virDomainAddressPropUInt(node, "bus", 0, 0xFF, &info->pci.bus) < 0 ||
            virDomainAddressPropUInt(node, "slot", 0, 0x1F, &info->pci.slot) < 0 ||
            virDomainAddressPropUInt(node, "function", 0, 7, &info->pci.function) < 0 ||
            virXMLPropTristateSwitch(node, "multifunction", &info->pci.multi) < 0)
            return -1;
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE:
        if (virDomainAddressPropUInt(node, "controller", 10, G_MAXUINT, &info->drive.controller) < 0 ||
            virDomainAddressPropUInt(node, "bus", 10, G_MAXUINT, &info->drive.bus) < 0 ||
            virDomainAddressPropUInt(node, "target", 10, G_MAXUINT, &info->drive.target) < 0 ||
            virDomainAddressPropUInt(node, "unit", 10, G_MAXUINT, &info->drive.unit) < 0)
            return -1;
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL:
        if (virDomainAddressPropUInt(node, "controller", 10, G_MAXUINT, &info->vioserial.controller) < 0 ||
            virDomainAddressPropUInt(node, "bus", 10, G_MAXUINT, &info->vioserial.bus) < 0 ||
            virDomainAddressPropUInt(node, "port", 10, G_MAXUINT, &info->vioserial.port) < 0)
            return -1;
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB:
        if (virDomainAddressPropUInt(node, "bus", 10, G_MAXUINT, &info->usb.bus) < 0)
            return -1;
        info->usb.port = virXMLPropString(node, "port");
        if (info->usb.port &&
            (!*info->usb.port || strspn(info->usb.port, "0123456789.") != strlen(info->usb.port))) {
            virReportError(VIR_ERR_XML_ERROR, "invalid USB port '%s'", info->usb.port);
            return -1;
        }
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA:
        if (virDomainAddressPropUInt(node, "iobase", 0, 0xFFFF, &info->isa.iobase) < 0 ||
            virDomainAddressPropUInt(node, "irq", 0, 0xFF, &info->isa.irq) < 0)
            return -1;
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST:
        break;
    }
    return 0;
}

int
virDomainDeviceInfoParseXML(xmlNodePtr node, virDomainDeviceInfo *info,
                            unsigned int flags, bool allowBoot)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;

        if (xmlStrEqual(cur->name, BAD_CAST "address") &&
            info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE) {
            if (virDomainDeviceAddressParseXML(cur, info) < 0)
                return -1;
        } else if (xmlStrEqual(cur->name, BAD_CAST "alias") && !info->alias) {
            g_autofree char *name = virXMLPropString(cur, "name");

            if (name && (virDomainIsUserAlias(name) || VIR_DOMAIN_PARSE_LIVE(flags)))
                info->alias = g_steal_pointer(&name);
        } else if (xmlStrEqual(cur->name, BAD_CAST "boot") && allowBoot &&
                   info->bootIndex == 0) {
            g_autofree char *order = virXMLPropString(cur, "order");
            unsigned long long v;

            if (!order) {
                virReportError(VIR_ERR_XML_ERROR, "missing 'order' attribute in element 'boot'");
                return -1;
            }
            if (virXMLStrToULL(order, 10, &v) < 0 || v == 0 || v > G_MAXINT) {
                virReportError(VIR_ERR_XML_ERROR,
                               "invalid boot order '%s', expecting a positive integer", order);
                return -1;
            }
            info->bootIndex = v;
        }
    }
    return 0;
}

static bool
virDomainDeviceInfoShowAlias(const virDomainDeviceInfo *info, unsigned int flags)
{
    return info->alias &&
           (VIR_DOMAIN_FORMAT_LIVE(flags) || virDomainIsUserAlias(info->alias));
}

bool
virDomainDeviceInfoHasChildren(const virDomainDeviceInfo *info, unsigned int flags)
{
    return info->bootIndex ||
           virDomainDeviceInfoShowAlias(info, flags) ||
           info->type != VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE;
}

void
virDomainDeviceInfoFormat(GString *buf, const virDomainDeviceInfo *info,
                          unsigned int flags, int indent)
{
    if (info->bootIndex)
        g_string_append_printf(buf, "%*s<boot order='%u'/>\n", indent, "", info->bootIndex);
    if (virDomainDeviceInfoShowAlias(info, flags)) {
        g_string_append_printf(buf, "%*s<alias", indent, "");
        virXMLFormatAttr(buf, "name", info->alias);
        g_string_append(buf, "/>\n");
    }

    if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE)
        return;
    g_string_append_printf(buf, "%*s<address type='%s'", indent, "",
                           virDomainDeviceAddressTypeToString(info->type));
    switch (info->type) {
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI:
        g_string_append_printf(buf, " domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'",
                               info->pci.domain, info->pci.bus, info->pci.slot,
                               info->pci.function);
        if (info->pci.multi)
            g_string_append_printf(buf, " multifunction='%s'",
                                   virTristateSwitchTypeToString(info->pci.multi));
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE:
        g_string_append_printf(buf, " controller='%u' bus='%u' target='%u' unit='%u'",
                               info->drive.controller, info->drive.bus,
                               info->drive.target, info->drive.unit);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL:
        g_string_append_printf(buf, " controller='%u' bus='%u' port='%u'",
                               info->vioserial.controller, info->vioserial.bus,
                               info->vioserial.port);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB:
        g_string_append_printf(buf, " bus='%u'", info->usb.bus);
        virXMLFormatAttr(buf, "port", info->usb.port);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA:
        if (info->isa.iobase)
            g_string_append_printf(buf, " iobase='0x%x'", info->isa.iobase);
        if (info->isa.irq)
            g_string_append_printf(buf, " irq='0x%x'", info->isa.irq);
        break;
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE:
    case VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST:
        break;
    }
    g_string_append(buf, "/>\n");
}
