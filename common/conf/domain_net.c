#include "domain_priv.h"

#include <stdio.h>
#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_net");

VIR_ENUM_IMPL(virDomainNet, VIR_DOMAIN_NET_TYPE_LAST,
              "user", "ethernet", "vhostuser", "server", "client", "mcast", "network",
              "bridge", "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds");

VIR_ENUM_IMPL(virDomainNetBackend, VIR_DOMAIN_NET_BACKEND_LAST,
              "default", "qemu", "vhost");

VIR_ENUM_IMPL(virDomainNetLinkState, VIR_DOMAIN_NET_LINK_STATE_LAST,
              "default", "up", "down");

/* Tap device names the host picks by itself: not part of the persistent
 * configuration, so the inactive XML drops them. */
static const char *const virDomainNetGeneratedPrefixes[] = {
    "vnet", "macvtap", "macvlan",
};

int
virMacAddrParse(const char *str, unsigned char *mac)
{
    const char *p = str;
    size_t i;

    for (i = 0; i < VIR_MAC_BUFLEN; i++) {
        int hi, lo;

        if (i > 0) {
            if (*p != ':')
                return -1;
            p++;
        }
        if ((hi = g_ascii_xdigit_value(p[0])) < 0)
            return -1;
        if ((lo = g_ascii_xdigit_value(p[1])) < 0) {
            mac[i] = hi;        /* a single digit: "0" for "00" */
            p += 1;
        } else {
            mac[i] = (hi << 4) | lo;
            p += 2;
        }
    }
    return *p ? -1 : 0;
}

const char *
virMacAddrFormat(const unsigned char *mac, char *buf)
{
    snprintf(buf, VIR_MAC_STRING_BUFLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
             mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
    return buf;
}

void
virMacAddrGenerate(unsigned char *mac)
{
    mac[0] = 0x52;
    mac[1] = 0x54;
    mac[2] = 0x00;
    mac[3] = g_random_int_range(0, 256);
    mac[4] = g_random_int_range(0, 256);
    mac[5] = g_random_int_range(0, 256);
}

void
virDomainNetDefFree(virDomainNetDef *def)
{
    if (!def)
        return;
    g_free(def->network);
    g_free(def->portgroup);
    g_free(def->bridge);
    g_free(def->portid);
    g_free(def->sourceDev);
    g_free(def->sourceMode);
    g_free(def->ifname);
    g_free(def->model);
    virDomainDeviceInfoClear(&def->info);
    g_free(def);
}

static bool
virDomainNetIfnameIsGenerated(const char *ifname)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virDomainNetGeneratedPrefixes); i++) {
        if (ifname && g_str_has_prefix(ifname, virDomainNetGeneratedPrefixes[i]))
            return true;
    }
    return false;
}

static int
virDomainNetMacParseXML(xmlNodePtr node, virDomainNetDef *net)
{
    g_autofree char *addr = virXMLPropString(node, "address");

    if (!addr)
        return 0;
    if (virMacAddrParse(addr, net->mac) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "unable to parse MAC address '%s'", addr);
        return -1;
    }
    if (net->mac[0] & 0x01) {
        virReportError(VIR_ERR_XML_ERROR,
                       "MAC address '%s' is a multicast address; interfaces need a unicast one",
                       addr);
        return -1;
    }
    net->macGenerated = false;
    return 1;
}

static int
virDomainNetSourceParseXML(xmlNodePtr node, virDomainNetDef *net, unsigned int flags)
{
    switch (net->type) {
    case VIR_DOMAIN_NET_TYPE_NETWORK:
        net->network = virXMLPropString(node, "network");
        net->portgroup = virXMLPropString(node, "portgroup");
        /* Filled in from the network when the guest starts. */
        if (VIR_DOMAIN_PARSE_LIVE(flags)) {
            net->portid = virXMLPropString(node, "portid");
            net->bridge = virXMLPropString(node, "bridge");
        }
        break;
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
        net->bridge = virXMLPropString(node, "bridge");
        break;
    case VIR_DOMAIN_NET_TYPE_DIRECT:
        net->sourceDev = virXMLPropString(node, "dev");
        net->sourceMode = virXMLPropString(node, "mode");
        break;
    default:
        break;
    }
    return 0;
}

static int
virDomainNetModelParseXML(xmlNodePtr node, virDomainNetDef *net)
{
    g_autofree char *model = virXMLPropString(node, "type");

    if (!model)
        return 0;
    if (!*model ||
        strspn(model, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
        strlen(model)) {
        virReportError(VIR_ERR_XML_ERROR, "invalid network model '%s'", model);
        return -1;
    }
    net->model = g_steal_pointer(&model);
    return 0;
}

static int
virDomainNetCheck(const virDomainNetDef *net)
{
    const char *missing = NULL;

    switch (net->type) {
    case VIR_DOMAIN_NET_TYPE_NETWORK:
        if (!net->network)
            missing = "network";
        break;
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
        if (!net->bridge)
            missing = "bridge";
        break;
    case VIR_DOMAIN_NET_TYPE_DIRECT:
        if (!net->sourceDev)
            missing = "dev";
        break;
    default:
        break;
    }
    if (missing) {
        virReportError(VIR_ERR_XML_ERROR,
                       "missing <source %s='...'> in <interface type='%s'>",
                       missing, virDomainNetTypeToString(net->type));
        return -1;
    }
    return 0;
}

virDomainNetDef *
virDomainNetDefParseXML(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(virDomainNetDef) net = g_new0(virDomainNetDef, 1);
    xmlNodePtr cur;
    bool haveMac = false;
    int v = 0;
    int rc;

    rc = virXMLPropEnum(node, "type", virDomainNetTypeFromString, true, &v);
    if (rc < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'type' attribute in element 'interface'");
        return NULL;
    }
    net->type = v;
    switch (net->type) {
    case VIR_DOMAIN_NET_TYPE_USER:
    case VIR_DOMAIN_NET_TYPE_ETHERNET:
    case VIR_DOMAIN_NET_TYPE_NETWORK:
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
    case VIR_DOMAIN_NET_TYPE_DIRECT:
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "interface type '%s' is not supported",
                       virDomainNetTypeToString(net->type));
        return NULL;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "mac") && !haveMac) {
            if ((rc = virDomainNetMacParseXML(cur, net)) < 0)
                return NULL;
            haveMac = rc == 1;
        } else if (xmlStrEqual(cur->name, BAD_CAST "source")) {
            if (virDomainNetSourceParseXML(cur, net, flags) < 0)
                return NULL;
        } else if (xmlStrEqual(cur->name, BAD_CAST "target") && !net->ifname) {
            net->ifname = virXMLPropString(cur, "dev");
            if (virXMLPropTristateBool(cur, "managed", &net->managedTap) < 0)
                return NULL;
        } else if (xmlStrEqual(cur->name, BAD_CAST "model") && !net->model) {
            if (virDomainNetModelParseXML(cur, net) < 0)
                return NULL;
        } else if (xmlStrEqual(cur->name, BAD_CAST "driver")) {
            v = 0;
            if (virXMLPropEnum(cur, "name", virDomainNetBackendTypeFromString, false, &v) < 0 ||
                virXMLPropUInt(cur, "queues", 10, &net->queues) < 0)
                return NULL;
            net->driverName = v;
        } else if (xmlStrEqual(cur->name, BAD_CAST "link")) {
            v = 0;
            if (virXMLPropEnum(cur, "state", virDomainNetLinkStateTypeFromString, false, &v) < 0)
                return NULL;
            net->linkState = v;
        } else if (xmlStrEqual(cur->name, BAD_CAST "mtu")) {
            if (virXMLPropUInt(cur, "size", 10, &net->mtu) < 0)
                return NULL;
        }
    }

    if (!haveMac) {
        virMacAddrGenerate(net->mac);
        net->macGenerated = true;
    }
    if (net->ifname && (!*net->ifname ||
                        (!VIR_DOMAIN_PARSE_LIVE(flags) &&
                         virDomainNetIfnameIsGenerated(net->ifname))))
        g_clear_pointer(&net->ifname, g_free);

    if (virDomainNetCheck(net) < 0)
        return NULL;
    if (virDomainDeviceInfoParseXML(node, &net->info, flags, true) < 0)
        return NULL;
    return g_steal_pointer(&net);
}

void
virDomainNetDefFormat(GString *buf, const virDomainNetDef *net,
                      const virDomainDef *def, unsigned int flags, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    char mac[VIR_MAC_STRING_BUFLEN];
    bool live = VIR_DOMAIN_FORMAT_LIVE(flags);
    int in = indent + 2;

    g_string_append_printf(buf, "%*s<interface type='%s'>\n", indent, "",
                           virDomainNetTypeToString(net->type));
    g_string_append_printf(buf, "%*s<mac address='%s'/>\n", in, "",
                           virMacAddrFormat(net->mac, mac));

    switch (net->type) {
    case VIR_DOMAIN_NET_TYPE_NETWORK:
        virXMLFormatAttr(attrs, "network", net->network);
        virXMLFormatAttr(attrs, "portgroup", net->portgroup);
        if (live) {
            virXMLFormatAttr(attrs, "portid", net->portid);
            virXMLFormatAttr(attrs, "bridge", net->bridge);
        }
        break;
    case VIR_DOMAIN_NET_TYPE_BRIDGE:
        virXMLFormatAttr(attrs, "bridge", net->bridge);
        break;
    case VIR_DOMAIN_NET_TYPE_DIRECT:
        virXMLFormatAttr(attrs, "dev", net->sourceDev);
        virXMLFormatAttr(attrs, "mode", net->sourceMode);
        break;
    default:
        break;
    }
    if (attrs->len)
        virXMLFormatElement(buf, in, "source", attrs, NULL);

    if (net->ifname && (live || !virDomainNetIfnameIsGenerated(net->ifname))) {
        g_string_set_size(attrs, 0);
        virXMLFormatAttr(attrs, "dev", net->ifname);
        if (net->managedTap)
            virXMLFormatAttr(attrs, "managed", virTristateBoolTypeToString(net->managedTap));
        virXMLFormatElement(buf, in, "target", attrs, NULL);
    }
    if (net->model)
        g_string_append_printf(buf, "%*s<model type='%s'/>\n", in, "", net->model);
    if (net->driverName || net->queues) {
        g_string_set_size(attrs, 0);
        if (net->driverName)
            virXMLFormatAttr(attrs, "name", virDomainNetBackendTypeToString(net->driverName));
        if (net->queues)
            virXMLFormatAttrFormat(attrs, "queues", "%u", net->queues);
        virXMLFormatElement(buf, in, "driver", attrs, NULL);
    }
    if (net->linkState)
        g_string_append_printf(buf, "%*s<link state='%s'/>\n", in, "",
                               virDomainNetLinkStateTypeToString(net->linkState));
    if (net->mtu)
        g_string_append_printf(buf, "%*s<mtu size='%u'/>\n", in, "", net->mtu);
    virDomainDeviceInfoFormat(buf, &net->info, flags, in);
    g_string_append_printf(buf, "%*s</interface>\n", indent, "");
}
