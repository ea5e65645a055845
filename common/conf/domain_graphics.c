#include "domain_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_graphics");

VIR_ENUM_IMPL(virDomainGraphics, VIR_DOMAIN_GRAPHICS_TYPE_LAST,
              "sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus");

VIR_ENUM_IMPL(virDomainGraphicsListen, VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_LAST,
              "none", "address", "network", "socket");

void
virDomainGraphicsDefFree(virDomainGraphicsDef *def)
{
    if (!def)
        return;
    g_free(def->listenAddress);
    g_free(def->listenNetwork);
    g_free(def->listenSocket);
    g_free(def->keymap);
    g_free(def->passwd);
    g_free(def->display);
    g_free(def->xauth);
    g_free(def);
}

static bool
virDomainGraphicsIsRemote(const virDomainGraphicsDef *def)
{
    return def->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC ||
           def->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE;
}

/* The first <listen> child wins; the legacy listen= attribute must agree
 * with it. */
static int
virDomainGraphicsListenParseXML(xmlNodePtr node, virDomainGraphicsDef *def)
{
    xmlNodePtr listen = virXMLChild(node, "listen");
    g_autofree char *attr = virXMLPropString(node, "listen");
    int v = 0;

    if (listen) {
        if (virXMLPropEnum(listen, "type", virDomainGraphicsListenTypeFromString,
                           false, &v) < 0)
            return -1;
        if (v == 0) {
            virReportError(VIR_ERR_XML_ERROR, "missing 'type' attribute in element 'listen'");
            return -1;
        }
        def->listenType = v;
        switch (def->listenType) {
        case VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS:
            def->listenAddress = virXMLPropString(listen, "address");
            break;
        case VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK:
            def->listenNetwork = virXMLPropString(listen, "network");
            def->listenAddress = virXMLPropString(listen, "address");
            break;
        case VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET:
            def->listenSocket = virXMLPropString(listen, "socket");
            break;
        default:
            break;
        }
    }

    if (attr && *attr) {
        if (def->listenAddress && strcmp(def->listenAddress, attr) != 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "graphics listen='%s' does not match the address of its first <listen> element ('%s')",
                           attr, def->listenAddress);
            return -1;
        }
        if (!listen) {
            def->listenType = VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS;
            def->listenAddress = g_steal_pointer(&attr);
        }
    }

    if (!def->listenType && virDomainGraphicsIsRemote(def))
        def->listenType = VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS;
    return 0;
}

static int
virDomainGraphicsPortsParseXML(xmlNodePtr node, virDomainGraphicsDef *def,
                               unsigned int flags)
{
    virTristateBool autoport = VIR_TRISTATE_BOOL_ABSENT;
    int port = -1;

    def->tlsPort = -1;
    if (virXMLPropInt(node, "port", &port) < 0 ||
        virXMLPropTristateBool(node, "autoport", &autoport) < 0)
        return -1;
    if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE &&
        virXMLPropInt(node, "tlsPort", &def->tlsPort) < 0)
        return -1;
    if (def->type == VIR_DOMAIN_GRAPHICS_TYPE_VNC &&
        virXMLPropInt(node, "websocket", &def->websocket) < 0)
        return -1;
    if (port < -1 || port > 65535 || def->tlsPort < -1 || def->tlsPort > 65535) {
        virReportError(VIR_ERR_XML_ERROR, "invalid port number in element 'graphics'");
        return -1;
    }

    if (autoport == VIR_TRISTATE_BOOL_ABSENT)
        def->autoport = port <= 0 && def->tlsPort <= 0;
    else
        def->autoport = autoport == VIR_TRISTATE_BOOL_YES;

    /* An automatic port is only meaningful while the guest runs. */
    if (def->autoport && !VIR_DOMAIN_PARSE_LIVE(flags)) {
        port = -1;
        def->tlsPort = -1;
    }
    def->port = port;
    return 0;
}

virDomainGraphicsDef *
virDomainGraphicsDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainGraphicsDef) def = g_new0(virDomainGraphicsDef, 1);
    int v = 0;
    int rc;

    rc = virXMLPropEnum(node, "type", virDomainGraphicsTypeFromString, true, &v);
    if (rc < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'type' attribute in element 'graphics'");
        return NULL;
    }
    def->type = v;
    def->port = -1;
    def->tlsPort = -1;

    switch (def->type) {
    case VIR_DOMAIN_GRAPHICS_TYPE_VNC:
    case VIR_DOMAIN_GRAPHICS_TYPE_SPICE:
        if (virDomainGraphicsPortsParseXML(node, def, flags) < 0 ||
            virDomainGraphicsListenParseXML(node, def) < 0)
            return NULL;
        def->keymap = virXMLPropString(node, "keymap");
        def->passwd = virXMLPropString(node, "passwd");
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_SDL:
        def->display = virXMLPropString(node, "display");
        def->xauth = virXMLPropString(node, "xauth");
        if (virXMLPropTristateBool(node, "fullscreen", &def->fullscreen) < 0)
            return NULL;
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS:
    case VIR_DOMAIN_GRAPHICS_TYPE_DBUS:
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_RDP:
    case VIR_DOMAIN_GRAPHICS_TYPE_DESKTOP:
    case VIR_DOMAIN_GRAPHICS_TYPE_LAST:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "graphics type '%s' is not supported",
                       virDomainGraphicsTypeToString(def->type));
        return NULL;
    }
    return g_steal_pointer(&def);
}

static void
virDomainGraphicsListenFormat(GString *buf, const virDomainGraphicsDef *def, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);

    if (!def->listenType)
        return;
    virXMLFormatAttr(attrs, "type", virDomainGraphicsListenTypeToString(def->listenType));
    switch (def->listenType) {
    case VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS:
        virXMLFormatAttr(attrs, "address", def->listenAddress);
        break;
    case VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK:
        virXMLFormatAttr(attrs, "address", def->listenAddress);
        virXMLFormatAttr(attrs, "network", def->listenNetwork);
        break;
    case VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET:
        virXMLFormatAttr(attrs, "socket", def->listenSocket);
        break;
    default:
        break;
    }
    virXMLFormatElement(buf, indent, "listen", attrs, NULL);
}

void
virDomainGraphicsDefFormat(GString *buf, const virDomainGraphicsDef *graphics,
                           const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);
    bool live = VIR_DOMAIN_FORMAT_LIVE(flags);
    bool secure = flags & (VIR_DOMAIN_DEF_FORMAT_SECURE | VIR_DOMAIN_DEF_FORMAT_STATUS);

    virXMLFormatAttr(attrs, "type", virDomainGraphicsTypeToString(graphics->type));
    switch (graphics->type) {
    case VIR_DOMAIN_GRAPHICS_TYPE_VNC:
        if (graphics->listenType == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET) {
            virXMLFormatAttr(attrs, "socket", graphics->listenSocket);
        } else {
            if (graphics->port > 0 && (live || !graphics->autoport))
                virXMLFormatAttrFormat(attrs, "port", "%d", graphics->port);
            else if (graphics->autoport)
                virXMLFormatAttr(attrs, "port", "-1");
            virXMLFormatAttr(attrs, "autoport", graphics->autoport ? "yes" : "no");
            if (graphics->websocket)
                virXMLFormatAttrFormat(attrs, "websocket", "%d", graphics->websocket);
        }
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_SPICE:
        if (graphics->port > 0 && (live || !graphics->autoport))
            virXMLFormatAttrFormat(attrs, "port", "%d", graphics->port);
        if (graphics->tlsPort > 0 && (live || !graphics->autoport))
            virXMLFormatAttrFormat(attrs, "tlsPort", "%d", graphics->tlsPort);
        virXMLFormatAttr(attrs, "autoport", graphics->autoport ? "yes" : "no");
        break;
    case VIR_DOMAIN_GRAPHICS_TYPE_SDL:
        virXMLFormatAttr(attrs, "display", graphics->display);
        virXMLFormatAttr(attrs, "xauth", graphics->xauth);
        if (graphics->fullscreen)
            virXMLFormatAttr(attrs, "fullscreen", virTristateBoolTypeToString(graphics->fullscreen));
        break;
    default:
        break;
    }

    if (virDomainGraphicsIsRemote(graphics)) {
        if (graphics->listenAddress)
            virXMLFormatAttr(attrs, "listen", graphics->listenAddress);
        virXMLFormatAttr(attrs, "keymap", graphics->keymap);
        if (secure)
            virXMLFormatAttr(attrs, "passwd", graphics->passwd);
        virDomainGraphicsListenFormat(children, graphics, indent + 2);
    }
    virXMLFormatElement(buf, indent, "graphics", attrs, children);
}
