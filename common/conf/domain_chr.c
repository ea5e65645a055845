#include "domain_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_chr");

VIR_ENUM_IMPL(virDomainChrDevice, VIR_DOMAIN_CHR_DEVICE_TYPE_LAST,
              "parallel", "serial", "console", "channel");

VIR_ENUM_IMPL(virDomainChr, VIR_DOMAIN_CHR_TYPE_LAST,
              "null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp",
              "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus");

VIR_ENUM_IMPL(virDomainChrTcpProtocol, VIR_DOMAIN_CHR_TCP_PROTOCOL_LAST,
              "raw", "telnet", "telnets", "tls");

VIR_ENUM_IMPL(virDomainChrSerialTarget, VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST,
              "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vio-serial",
              "system-serial", "sclp-serial", "isa-debug");

VIR_ENUM_IMPL(virDomainChrSerialTargetModel, VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_LAST,
              "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vty", "pl011",
              "sclpconsole", "sclplmconsole", "16550a", "debugcon");

VIR_ENUM_IMPL(virDomainChrConsoleTarget, VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LAST,
              "none", "serial", "xen", "uml", "virtio", "lxc", "openvz", "sclp", "sclplm");

VIR_ENUM_IMPL(virDomainChrChannelTarget, VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_LAST,
              "none", "guestfwd", "virtio", "xen");

VIR_ENUM_IMPL(virDomainChrDeviceState, VIR_DOMAIN_CHR_DEVICE_STATE_LAST,
              "default", "connected", "disconnected");

void
virDomainChrSourceDefClear(virDomainChrSourceDef *src)
{
    g_free(src->path);
    g_free(src->ptyPath);
    g_free(src->host);
    g_free(src->service);
    g_free(src->bindHost);
    g_free(src->bindService);
    g_free(src->logfile);
    memset(src, 0, sizeof(*src));
}

void
virDomainChrSourceDefCopy(virDomainChrSourceDef *dst, const virDomainChrSourceDef *src)
{
    virDomainChrSourceDefClear(dst);
    *dst = *src;
    dst->path = g_strdup(src->path);
    dst->ptyPath = g_strdup(src->ptyPath);
    dst->host = g_strdup(src->host);
    dst->service = g_strdup(src->service);
    dst->bindHost = g_strdup(src->bindHost);
    dst->bindService = g_strdup(src->bindService);
    dst->logfile = g_strdup(src->logfile);
}

void
virDomainChrDefFree(virDomainChrDef *def)
{
    if (!def)
        return;
    virDomainChrSourceDefClear(&def->source);
    g_free(def->targetName);
    g_free(def->targetAddress);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

/* Types whose <source> carries a path. */
static bool
virDomainChrTypeHasPath(virDomainChrType type)
{
    return type == VIR_DOMAIN_CHR_TYPE_DEV || type == VIR_DOMAIN_CHR_TYPE_FILE ||
           type == VIR_DOMAIN_CHR_TYPE_PIPE || type == VIR_DOMAIN_CHR_TYPE_UNIX;
}

static int
virDomainChrSourceParseMode(xmlNodePtr node, bool *listen)
{
    g_autofree char *mode = virXMLPropString(node, "mode");

    if (!mode || strcmp(mode, "connect") == 0) {
        *listen = false;
    } else if (strcmp(mode, "bind") == 0) {
        *listen = true;
    } else {
        virReportError(VIR_ERR_XML_ERROR,
                       "invalid value for attribute 'mode' in element 'source': '%s'", mode);
        return -1;
    }
    return 0;
}

static int
virDomainChrSourceElementParseXML(xmlNodePtr node, virDomainChrSourceDef *src,
                                  unsigned int flags)
{
    bool listen = false;

    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_PTY:
        /* The pty is allocated by QEMU: only a running guest has one. */
        if (VIR_DOMAIN_PARSE_LIVE(flags) && !src->ptyPath)
            src->ptyPath = virXMLPropString(node, "path");
        break;
    case VIR_DOMAIN_CHR_TYPE_FILE:
        if (virXMLPropTristateSwitch(node, "append", &src->append) < 0)
            return -1;
        G_GNUC_FALLTHROUGH;
    case VIR_DOMAIN_CHR_TYPE_DEV:
    case VIR_DOMAIN_CHR_TYPE_PIPE:
        if (!src->path)
            src->path = virXMLPropString(node, "path");
        break;
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        if (virDomainChrSourceParseMode(node, &src->listen) < 0)
            return -1;
        if (!src->path)
            src->path = virXMLPropString(node, "path");
        break;
    case VIR_DOMAIN_CHR_TYPE_TCP:
        if (virDomainChrSourceParseMode(node, &src->listen) < 0)
            return -1;
        if (!src->host)
            src->host = virXMLPropString(node, "host");
        if (!src->service)
            src->service = virXMLPropString(node, "service");
        break;
    case VIR_DOMAIN_CHR_TYPE_UDP:
        /* Two <source> elements: the local end binds, the remote connects. */
        if (virDomainChrSourceParseMode(node, &listen) < 0)
            return -1;
        if (listen && !src->bindHost && !src->bindService) {
            src->bindHost = virXMLPropString(node, "host");
            src->bindService = virXMLPropString(node, "service");
        } else if (!listen && !src->host && !src->service) {
            src->host = virXMLPropString(node, "host");
            src->service = virXMLPropString(node, "service");
        }
        break;
    default:
        break;
    }
    return 0;
}

static int
virDomainChrSourceCheck(const virDomainChrSourceDef *src, const char *element)
{
    const char *type = virDomainChrTypeToString(src->type);

    /* A listening channel socket may be left for the driver to place. */
    if (src->type == VIR_DOMAIN_CHR_TYPE_UNIX && src->listen && !src->path &&
        strcmp(element, "channel") == 0)
        return 0;
    if (virDomainChrTypeHasPath(src->type) && !src->path) {
        virReportError(VIR_ERR_XML_ERROR,
                       "missing source path for %s device of type '%s'", element, type);
        return -1;
    }
    if (src->type == VIR_DOMAIN_CHR_TYPE_TCP && (!src->host || !src->service)) {
        virReportError(VIR_ERR_XML_ERROR,
                       "missing source host or service for %s device of type 'tcp'", element);
        return -1;
    }
    if (src->type == VIR_DOMAIN_CHR_TYPE_UDP && !src->service) {
        virReportError(VIR_ERR_XML_ERROR,
                       "missing source service for %s device of type 'udp'", element);
        return -1;
    }
    return 0;
}

static int
virDomainChrTargetParseXML(xmlNodePtr node, virDomainChrDef *chr, unsigned int flags)
{
    int (*typeFromString)(const char *) = NULL;
    xmlNodePtr model;
    int port = -1;
    int v = 0;

    switch (chr->deviceType) {
    case VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
        typeFromString = virDomainChrSerialTargetTypeFromString;
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
        typeFromString = virDomainChrConsoleTargetTypeFromString;
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
        typeFromString = virDomainChrChannelTargetTypeFromString;
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL:
    case VIR_DOMAIN_CHR_DEVICE_TYPE_LAST:
        break;
    }
    if (typeFromString) {
        if (virXMLPropEnum(node, "type", typeFromString, false, &v) < 0)
            return -1;
        chr->targetType = v;
    }

    if (chr->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL) {
        chr->targetName = virXMLPropString(node, "name");
        chr->targetAddress = virXMLPropString(node, "address");
        if (chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD &&
            virXMLPropUInt(node, "port", 10, &chr->targetAddressPort) < 0)
            return -1;
        if (VIR_DOMAIN_PARSE_LIVE(flags)) {
            v = 0;
            if (virXMLPropEnum(node, "state", virDomainChrDeviceStateTypeFromString,
                               false, &v) < 0)
                return -1;
            chr->targetState = v;
        }
        return 0;
    }

    if (virXMLPropInt(node, "port", &port) < 0)
        return -1;
    if (port < -1) {
        virReportError(VIR_ERR_XML_ERROR, "invalid target port %d of %s device", port,
                       virDomainChrDeviceTypeToString(chr->deviceType));
        return -1;
    }
    chr->targetPort = port;

    if (chr->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL &&
        (model = virXMLChild(node, "model"))) {
        v = 0;
        if (virXMLPropEnum(model, "name", virDomainChrSerialTargetModelTypeFromString,
                           false, &v) < 0)
            return -1;
        chr->targetModel = v;
    }
    return 0;
}

virDomainChrDef *
virDomainChrDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainChrDef) chr = g_new0(virDomainChrDef, 1);
    g_autofree char *type = virXMLPropString(node, "type");
    int v;
    xmlNodePtr cur;

    v = virDomainChrDeviceTypeFromString((const char *)node->name);
    if (v < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "unexpected character device element '%s'",
                       (const char *)node->name);
        return NULL;
    }
    chr->deviceType = v;
    chr->targetPort = -1;

    /* An absent type has always meant a pty. */
    chr->source.type = VIR_DOMAIN_CHR_TYPE_PTY;
    if (type) {
        if ((v = virDomainChrTypeFromString(type)) < 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "invalid value for attribute 'type' in element '%s': '%s'",
                           (const char *)node->name, type);
            return NULL;
        }
        chr->source.type = v;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "source")) {
            if (virDomainChrSourceElementParseXML(cur, &chr->source, flags) < 0)
                return NULL;
        } else if (xmlStrEqual(cur->name, BAD_CAST "protocol")) {
            v = 0;
            if (virXMLPropEnum(cur, "type", virDomainChrTcpProtocolTypeFromString,
                               true, &v) < 0)
                return NULL;
            chr->source.protocol = v;
        } else if (xmlStrEqual(cur->name, BAD_CAST "log") && !chr->source.logfile) {
            chr->source.logfile = virXMLPropString(cur, "file");
            if (!chr->source.logfile) {
                virReportError(VIR_ERR_XML_ERROR, "missing 'file' attribute in element 'log'");
                return NULL;
            }
            if (virXMLPropTristateSwitch(cur, "append", &chr->source.logappend) < 0)
                return NULL;
        } else if (xmlStrEqual(cur->name, BAD_CAST "target")) {
            if (virDomainChrTargetParseXML(cur, chr, flags) < 0)
                return NULL;
        }
    }

    /* A console also reports its pty in the tty attribute. */
    if (chr->source.type == VIR_DOMAIN_CHR_TYPE_PTY && !chr->source.ptyPath &&
        VIR_DOMAIN_PARSE_LIVE(flags))
        chr->source.ptyPath = virXMLPropString(node, "tty");

    if (virDomainChrSourceCheck(&chr->source, (const char *)node->name) < 0)
        return NULL;
    if (chr->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL &&
        chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_NONE) {
        virReportError(VIR_ERR_XML_ERROR, "missing target type of channel device");
        return NULL;
    }

    if (virDomainDeviceInfoParseXML(node, &chr->info, flags, false) < 0)
        return NULL;
    return g_steal_pointer(&chr);
}

static void
virDomainChrSourceFormat(GString *buf, const virDomainChrSourceDef *src,
                         unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);

    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_PTY:
        if (src->ptyPath && VIR_DOMAIN_FORMAT_LIVE(flags)) {
            virXMLFormatAttr(attrs, "path", src->ptyPath);
            virXMLFormatElement(buf, indent, "source", attrs, NULL);
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_FILE:
    case VIR_DOMAIN_CHR_TYPE_DEV:
    case VIR_DOMAIN_CHR_TYPE_PIPE:
        virXMLFormatAttr(attrs, "path", src->path);
        if (src->type == VIR_DOMAIN_CHR_TYPE_FILE && src->append)
            virXMLFormatAttr(attrs, "append", virTristateSwitchTypeToString(src->append));
        virXMLFormatElement(buf, indent, "source", attrs, NULL);
        break;
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        virXMLFormatAttr(attrs, "mode", src->listen ? "bind" : "connect");
        virXMLFormatAttr(attrs, "path", src->path);
        virXMLFormatElement(buf, indent, "source", attrs, NULL);
        break;
    case VIR_DOMAIN_CHR_TYPE_TCP:
        virXMLFormatAttr(attrs, "mode", src->listen ? "bind" : "connect");
        virXMLFormatAttr(attrs, "host", src->host);
        virXMLFormatAttr(attrs, "service", src->service);
        virXMLFormatElement(buf, indent, "source", attrs, NULL);
        g_string_append_printf(buf, "%*s<protocol type='%s'/>\n", indent, "",
                               virDomainChrTcpProtocolTypeToString(src->protocol));
        break;
    case VIR_DOMAIN_CHR_TYPE_UDP:
        if (src->bindHost || src->bindService) {
            virXMLFormatAttr(attrs, "mode", "bind");
            virXMLFormatAttr(attrs, "host", src->bindHost);
            virXMLFormatAttr(attrs, "service", src->bindService);
            virXMLFormatElement(buf, indent, "source", attrs, NULL);
            g_string_set_size(attrs, 0);
        }
        virXMLFormatAttr(attrs, "mode", "connect");
        virXMLFormatAttr(attrs, "host", src->host);
        virXMLFormatAttr(attrs, "service", src->service);
        virXMLFormatElement(buf, indent, "source", attrs, NULL);
        break;
    default:
        break;
    }

    if (src->logfile) {
        g_string_set_size(attrs, 0);
        virXMLFormatAttr(attrs, "file", src->logfile);
        if (src->logappend)
            virXMLFormatAttr(attrs, "append", virTristateSwitchTypeToString(src->logappend));
        virXMLFormatElement(buf, indent, "log", attrs, NULL);
    }
}

static void
virDomainChrTargetFormat(GString *buf, const virDomainChrDef *chr,
                         unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);

    switch (chr->deviceType) {
    case VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
        if (chr->targetType)
            virXMLFormatAttr(attrs, "type", virDomainChrSerialTargetTypeToString(chr->targetType));
        if (chr->targetPort >= 0)
            virXMLFormatAttrFormat(attrs, "port", "%d", chr->targetPort);
        if (chr->targetModel)
            g_string_append_printf(children, "%*s<model name='%s'/>\n", indent + 2, "",
                                   virDomainChrSerialTargetModelTypeToString(chr->targetModel));
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
        if (chr->targetType)
            virXMLFormatAttr(attrs, "type", virDomainChrConsoleTargetTypeToString(chr->targetType));
        if (chr->targetPort >= 0)
            virXMLFormatAttrFormat(attrs, "port", "%d", chr->targetPort);
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
        virXMLFormatAttr(attrs, "type", virDomainChrChannelTargetTypeToString(chr->targetType));
        virXMLFormatAttr(attrs, "name", chr->targetName);
        if (chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD) {
            virXMLFormatAttr(attrs, "address", chr->targetAddress);
            virXMLFormatAttrFormat(attrs, "port", "%u", chr->targetAddressPort);
        }
        if (chr->targetState && VIR_DOMAIN_FORMAT_LIVE(flags))
            virXMLFormatAttr(attrs, "state",
                             virDomainChrDeviceStateTypeToString(chr->targetState));
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL:
        if (chr->targetPort >= 0)
            virXMLFormatAttrFormat(attrs, "port", "%d", chr->targetPort);
        break;
    case VIR_DOMAIN_CHR_DEVICE_TYPE_LAST:
        break;
    }
    virXMLFormatElement(buf, indent, "target", attrs, children);
}

void
virDomainChrDefFormat(GString *buf, const virDomainChrDef *chr,
                      const virDomainDef *def, unsigned int flags, int indent)
{
    const char *element = virDomainChrDeviceTypeToString(chr->deviceType);
    const virDomainChrDef *serial = NULL;
    const virDomainChrSourceDef *src = &chr->source;
    const virDomainDeviceInfo *info = &chr->info;
    int in = indent + 2;

    /* A serial console is formatted from the serial it stands for. */
    if (chr->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE &&
        (serial = virDomainConsoleGetSerial(def, chr))) {
        src = &serial->source;
        info = &serial->info;
    }

    g_string_append_printf(buf, "%*s<%s type='%s'", indent, "", element,
                           virDomainChrTypeToString(src->type));
    if (chr->deviceType == VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE &&
        src->type == VIR_DOMAIN_CHR_TYPE_PTY && src->ptyPath &&
        VIR_DOMAIN_FORMAT_LIVE(flags))
        virXMLFormatAttr(buf, "tty", src->ptyPath);
    g_string_append(buf, ">\n");

    virDomainChrSourceFormat(buf, src, flags, in);

    if (serial) {
        g_string_append_printf(buf, "%*s<target type='serial' port='%d'/>\n", in, "",
                               serial->targetPort >= 0 ? serial->targetPort : 0);
        /* Only the alias: the address belongs to the serial device. */
        if (info->alias && VIR_DOMAIN_FORMAT_LIVE(flags)) {
            g_string_append_printf(buf, "%*s<alias", in, "");
            virXMLFormatAttr(buf, "name", info->alias);
            g_string_append(buf, "/>\n");
        }
    } else {
        virDomainChrTargetFormat(buf, chr, flags, in);
        virDomainDeviceInfoFormat(buf, info, flags, in);
    }
    g_string_append_printf(buf, "%*s</%s>\n", indent, "", element);
}
