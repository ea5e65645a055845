#include "domain_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_disk");

VIR_ENUM_IMPL(virDomainDisk, VIR_DOMAIN_DISK_TYPE_LAST,
              "file", "block", "dir", "network", "volume", "nvme", "vhostuser");

VIR_ENUM_IMPL(virDomainDiskDevice, VIR_DOMAIN_DISK_DEVICE_LAST,
              "disk", "cdrom", "floppy", "lun");

VIR_ENUM_IMPL(virDomainDiskBus, VIR_DOMAIN_DISK_BUS_LAST,
              "none", "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd");

VIR_ENUM_IMPL(virDomainDiskCache, VIR_DOMAIN_DISK_CACHE_LAST,
              "default", "none", "writethrough", "writeback", "directsync", "unsafe");

VIR_ENUM_IMPL(virDomainDiskIo, VIR_DOMAIN_DISK_IO_LAST,
              "default", "native", "threads", "io_uring");

VIR_ENUM_IMPL(virDomainDiskDiscard, VIR_DOMAIN_DISK_DISCARD_LAST,
              "default", "unmap", "ignore");

VIR_ENUM_IMPL(virDomainDiskDetectZeroes, VIR_DOMAIN_DISK_DETECT_ZEROES_LAST,
              "default", "off", "on", "unmap");

VIR_ENUM_IMPL(virDomainDiskTray, VIR_DOMAIN_DISK_TRAY_LAST,
              "closed", "open");

/* Target name prefixes and the bus each implies when <target bus> is
 * absent. Longer prefixes first: "ubd" must win over "ub"... */
static const struct {
    const char *prefix;
    virDomainDiskBus bus;
} virDomainDiskPrefixes[] = {
    { "xvd", VIR_DOMAIN_DISK_BUS_XEN },
    { "ubd", VIR_DOMAIN_DISK_BUS_UML },
    { "hd", VIR_DOMAIN_DISK_BUS_IDE },
    { "sd", VIR_DOMAIN_DISK_BUS_SCSI },
    { "vd", VIR_DOMAIN_DISK_BUS_VIRTIO },
    { "fd", VIR_DOMAIN_DISK_BUS_FDC },
    { "ub", VIR_DOMAIN_DISK_BUS_USB },
};

int
virDiskNameToIndex(const char *name)
{
    const char *p = NULL;
    int idx = 0;
    size_t i;

    if (!name)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(virDomainDiskPrefixes); i++) {
        if (g_str_has_prefix(name, virDomainDiskPrefixes[i].prefix)) {
            p = name + strlen(virDomainDiskPrefixes[i].prefix);
            break;
        }
    }
    /* Letters count like spreadsheet columns: a..z, aa..zz, ...; a short
     * cap keeps the arithmetic far from overflow. */
    if (!p || !*p || strlen(p) > 4)
        return -1;
    for (; *p; p++) {
        if (*p < 'a' || *p > 'z')
            return -1;
        idx = idx * 26 + (*p - 'a' + 1);
    }
    return idx - 1;
}

void
virDomainDiskBackingFree(virDomainDiskBacking *chain)
{
    while (chain) {
        virDomainDiskBacking *next = chain->next;

        g_free(chain->path);
        g_free(chain);
        chain = next;
    }
}

void
virDomainDiskDefFree(virDomainDiskDef *def)
{
    if (!def)
        return;
    g_free(def->src);
    g_free(def->srcPool);
    g_free(def->srcVolume);
    virDomainDiskBackingFree(def->backing);
    g_free(def->driverName);
    g_free(def->dst);
    g_free(def->serial);
    g_free(def->wwn);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

static int
virDomainDiskSourceParseXML(xmlNodePtr node, virDomainDiskDef *disk, unsigned int flags)
{
    if ((flags & VIR_DOMAIN_DEF_PARSE_STATUS) &&
        virXMLPropUInt(node, "index", 10, &disk->srcIndex) < 0)
        return -1;
    switch (disk->type) {
    case VIR_DOMAIN_DISK_TYPE_FILE:
        disk->src = virXMLPropString(node, "file");
        break;
    case VIR_DOMAIN_DISK_TYPE_BLOCK:
        disk->src = virXMLPropString(node, "dev");
        break;
    case VIR_DOMAIN_DISK_TYPE_DIR:
        disk->src = virXMLPropString(node, "dir");
        break;
    case VIR_DOMAIN_DISK_TYPE_VOLUME:
        disk->srcPool = virXMLPropString(node, "pool");
        disk->srcVolume = virXMLPropString(node, "volume");
        if (!disk->srcPool || !disk->srcVolume) {
            virReportError(VIR_ERR_XML_ERROR,
                           "a disk of type 'volume' needs both 'pool' and 'volume' in its <source>");
            return -1;
        }
        break;
    case VIR_DOMAIN_DISK_TYPE_NETWORK:
    case VIR_DOMAIN_DISK_TYPE_NVME:
    case VIR_DOMAIN_DISK_TYPE_VHOSTUSER:
    case VIR_DOMAIN_DISK_TYPE_LAST:
        break;
    }
    if (disk->src && !*disk->src)
        g_clear_pointer(&disk->src, g_free);
    return 0;
}

static int
virDomainDiskDriverParseXML(xmlNodePtr node, virDomainDiskDef *disk)
{
    int v;

    disk->driverName = virXMLPropString(node, "name");
#define DISK_ENUM(attr, conv, field) \
    do { \
        v = 0; \
        if (virXMLPropEnum(node, attr, conv, false, &v) < 0) \
            return -1; \
        disk->field = v; \
    } while (0)
    DISK_ENUM("type", virStorageFileFormatTypeFromString, format);
    DISK_ENUM("cache", virDomainDiskCacheTypeFromString, cache);
    DISK_ENUM("io", virDomainDiskIoTypeFromString, io);
    DISK_ENUM("discard", virDomainDiskDiscardTypeFromString, discard);
    DISK_ENUM("detect_zeroes", virDomainDiskDetectZeroesTypeFromString, detectZeroes);
#undef DISK_ENUM
    return 0;
}

static int
virDomainDiskTargetParseXML(xmlNodePtr node, virDomainDiskDef *disk)
{
    int v = 0;

    disk->dst = virXMLPropString(node, "dev");
    if (virXMLPropEnum(node, "bus", virDomainDiskBusTypeFromString, false, &v) < 0)
        return -1;
    disk->bus = v;
    v = 0;
    if (virXMLPropEnum(node, "tray", virDomainDiskTrayTypeFromString, true, &v) < 0)
        return -1;
    disk->tray = v;
    return 0;
}

/* The bus a target name implies, as libvirt does when <target bus> is
 * omitted. */
static virDomainDiskBus
virDomainDiskBusFromTarget(const virDomainDiskDef *disk)
{
    size_t i;

    if (disk->device == VIR_DOMAIN_DISK_DEVICE_FLOPPY)
        return VIR_DOMAIN_DISK_BUS_FDC;
    for (i = 0; i < G_N_ELEMENTS(virDomainDiskPrefixes); i++) {
        if (g_str_has_prefix(disk->dst, virDomainDiskPrefixes[i].prefix))
            return virDomainDiskPrefixes[i].bus;
    }
    return VIR_DOMAIN_DISK_BUS_IDE;
}

/* The nested <backingStore type=><format type=/><source file=|dev=/>
 * of a live definition, down to the empty terminator; an element that
 * does not describe a local image ends the chain. */
static virDomainDiskBacking *
virDomainDiskBackingParseXML(xmlNodePtr node)
{
    g_autoptr(virDomainDiskBacking) chain = NULL;
    virDomainDiskBacking **tail = &chain;
    size_t depth;

    for (depth = 0; node && depth < VIR_DOMAIN_DISK_BACKING_MAX; depth++) {
        xmlNodePtr source = virXMLChild(node, "source");
        xmlNodePtr format = virXMLChild(node, "format");
        g_autofree char *type = virXMLPropString(node, "type");
        g_autofree char *fmt = format ? virXMLPropString(format, "type") : NULL;
        virDomainDiskBacking *b;
        int v;

        if (!source || !type)
            break;
        b = g_new0(virDomainDiskBacking, 1);
        *tail = b;
        tail = &b->next;
        b->type = virDomainDiskTypeFromString(type) == VIR_DOMAIN_DISK_TYPE_BLOCK ?
                  VIR_DOMAIN_DISK_TYPE_BLOCK : VIR_DOMAIN_DISK_TYPE_FILE;
        b->path = virXMLPropString(source, b->type == VIR_DOMAIN_DISK_TYPE_BLOCK ? "dev" : "file");
        if (fmt && (v = virStorageFileFormatTypeFromString(fmt)) > 0)
            b->format = v;
        if (!b->path)
            break;
        node = virXMLChild(node, "backingStore");
    }
    return g_steal_pointer(&chain);
}

/* Each image nested in the one above, as libvirt shows a chain; the
 * innermost ends with an empty <backingStore/>. */
static void
virDomainDiskBackingFormat(GString *buf, int in, const virDomainDiskBacking *chain)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    const virDomainDiskBacking *b;
    int depth = 0;

    for (b = chain; b; b = b->next, depth++) {
        int ind = in + 2 * depth;
        bool block = b->type == VIR_DOMAIN_DISK_TYPE_BLOCK;

        g_string_append_printf(buf, "%*s<backingStore type='%s'>\n", ind, "",
                               block ? "block" : "file");
        if (b->format)
            g_string_append_printf(buf, "%*s<format type='%s'/>\n", ind + 2, "",
                                   virStorageFileFormatTypeToString(b->format));
        g_string_set_size(attrs, 0);
        virXMLFormatAttr(attrs, block ? "dev" : "file", b->path);
        virXMLFormatElement(buf, ind + 2, "source", attrs, NULL);
    }
    g_string_append_printf(buf, "%*s<backingStore/>\n", in + 2 * depth, "");
    for (depth--; depth >= 0; depth--)
        g_string_append_printf(buf, "%*s</backingStore>\n", in + 2 * depth, "");
}

virDomainDiskDef *
virDomainDiskDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainDiskDef) disk = g_new0(virDomainDiskDef, 1);
    xmlNodePtr cur;
    int v = 0;

    if (virXMLPropEnum(node, "type", virDomainDiskTypeFromString, true, &v) < 0)
        return NULL;
    disk->type = v;
    v = 0;
    if (virXMLPropEnum(node, "device", virDomainDiskDeviceTypeFromString, true, &v) < 0)
        return NULL;
    disk->device = v;

    if (disk->type == VIR_DOMAIN_DISK_TYPE_NETWORK ||
        disk->type == VIR_DOMAIN_DISK_TYPE_NVME ||
        disk->type == VIR_DOMAIN_DISK_TYPE_VHOSTUSER) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk type '%s' is not supported",
                       virDomainDiskTypeToString(disk->type));
        return NULL;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "source") && !disk->src && !disk->srcPool) {
            if (virDomainDiskSourceParseXML(cur, disk, flags) < 0)
                return NULL;
        } else if (xmlStrEqual(cur->name, BAD_CAST "driver") && !disk->driverName) {
            if (virDomainDiskDriverParseXML(cur, disk) < 0)
                return NULL;
        } else if (xmlStrEqual(cur->name, BAD_CAST "target") && !disk->dst) {
            if (virDomainDiskTargetParseXML(cur, disk) < 0)
                return NULL;
        } else if (xmlStrEqual(cur->name, BAD_CAST "readonly")) {
            disk->readonly = true;
        } else if (xmlStrEqual(cur->name, BAD_CAST "shareable")) {
            disk->shareable = true;
        } else if (xmlStrEqual(cur->name, BAD_CAST "serial") && !disk->serial) {
            disk->serial = virXMLNodeText(cur);
        } else if (xmlStrEqual(cur->name, BAD_CAST "wwn") && !disk->wwn) {
            const char *digits;

            disk->wwn = g_strstrip(virXMLNodeText(cur));
            digits = g_str_has_prefix(disk->wwn, "0x") ? disk->wwn + 2 : disk->wwn;
            if (strlen(digits) != 16 || strspn(digits, "0123456789abcdefABCDEF") != 16) {
                virReportError(VIR_ERR_XML_ERROR, "Malformed wwn: %s", disk->wwn);
                return NULL;
            }
        } else if (xmlStrEqual(cur->name, BAD_CAST "backingStore") && !disk->backing &&
                   (flags & VIR_DOMAIN_DEF_PARSE_STATUS)) {
            disk->backing = virDomainDiskBackingParseXML(cur);
        }
    }

    if (!disk->dst || !*disk->dst) {
        virReportError(VIR_ERR_XML_ERROR, "missing target device name (<target dev=...>) in element 'disk'");
        return NULL;
    }
    if (virDiskNameToIndex(disk->dst) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "invalid disk target name '%s'", disk->dst);
        return NULL;
    }
    if (disk->bus == VIR_DOMAIN_DISK_BUS_NONE)
        disk->bus = virDomainDiskBusFromTarget(disk);
    if (disk->device == VIR_DOMAIN_DISK_DEVICE_FLOPPY &&
        disk->bus != VIR_DOMAIN_DISK_BUS_FDC) {
        virReportError(VIR_ERR_XML_ERROR, "floppy disk '%s' must use bus 'fdc', not '%s'",
                       disk->dst, virDomainDiskBusTypeToString(disk->bus));
        return NULL;
    }
    if (!disk->src && !disk->srcPool &&
        disk->device != VIR_DOMAIN_DISK_DEVICE_CDROM &&
        disk->device != VIR_DOMAIN_DISK_DEVICE_FLOPPY) {
        virReportError(VIR_ERR_XML_ERROR, "disk '%s' has no source; only cdrom and floppy devices may be empty",
                       disk->dst);
        return NULL;
    }
    /* CD-ROMs are read-only media whatever the XML says. */
    if (disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM)
        disk->readonly = true;

    if (virDomainDeviceInfoParseXML(node, &disk->info, flags, true) < 0)
        return NULL;
    return g_steal_pointer(&disk);
}

void
virDomainDiskDefFormat(GString *buf, const virDomainDiskDef *disk,
                       const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    int in = indent + 2;

    g_string_append_printf(buf, "%*s<disk type='%s' device='%s'>\n", indent, "",
                           virDomainDiskTypeToString(disk->type),
                           virDomainDiskDeviceTypeToString(disk->device));

    virXMLFormatAttr(attrs, "name", disk->driverName);
    if (disk->format)
        virXMLFormatAttr(attrs, "type", virStorageFileFormatTypeToString(disk->format));
    if (disk->cache)
        virXMLFormatAttr(attrs, "cache", virDomainDiskCacheTypeToString(disk->cache));
    if (disk->io)
        virXMLFormatAttr(attrs, "io", virDomainDiskIoTypeToString(disk->io));
    if (disk->discard)
        virXMLFormatAttr(attrs, "discard", virDomainDiskDiscardTypeToString(disk->discard));
    if (disk->detectZeroes)
        virXMLFormatAttr(attrs, "detect_zeroes",
                         virDomainDiskDetectZeroesTypeToString(disk->detectZeroes));
    if (attrs->len)
        virXMLFormatElement(buf, in, "driver", attrs, NULL);

    if (disk->src || disk->srcPool) {
        g_string_set_size(attrs, 0);
        switch (disk->type) {
        case VIR_DOMAIN_DISK_TYPE_FILE:
            virXMLFormatAttr(attrs, "file", disk->src);
            break;
        case VIR_DOMAIN_DISK_TYPE_BLOCK:
            virXMLFormatAttr(attrs, "dev", disk->src);
            break;
        case VIR_DOMAIN_DISK_TYPE_DIR:
            virXMLFormatAttr(attrs, "dir", disk->src);
            break;
        case VIR_DOMAIN_DISK_TYPE_VOLUME:
            virXMLFormatAttr(attrs, "pool", disk->srcPool);
            virXMLFormatAttr(attrs, "volume", disk->srcVolume);
            break;
        default:
            break;
        }
        if (disk->srcIndex && VIR_DOMAIN_FORMAT_LIVE(flags))
            virXMLFormatAttrFormat(attrs, "index", "%u", disk->srcIndex);
        virXMLFormatElement(buf, in, "source", attrs, NULL);
    }
    if (disk->backing && VIR_DOMAIN_FORMAT_LIVE(flags))
        virDomainDiskBackingFormat(buf, in, disk->backing);

    g_string_set_size(attrs, 0);
    virXMLFormatAttr(attrs, "dev", disk->dst);
    virXMLFormatAttr(attrs, "bus", virDomainDiskBusTypeToString(disk->bus));
    if (disk->tray == VIR_DOMAIN_DISK_TRAY_OPEN)
        virXMLFormatAttr(attrs, "tray", virDomainDiskTrayTypeToString(disk->tray));
    virXMLFormatElement(buf, in, "target", attrs, NULL);

    if (disk->readonly)
        g_string_append_printf(buf, "%*s<readonly/>\n", in, "");
    if (disk->shareable)
        g_string_append_printf(buf, "%*s<shareable/>\n", in, "");
    virXMLFormatTextElement(buf, in, "serial", disk->serial);
    virXMLFormatTextElement(buf, in, "wwn", disk->wwn);
    virDomainDeviceInfoFormat(buf, &disk->info, flags, in);
    g_string_append_printf(buf, "%*s</disk>\n", indent, "");
}
