#include "network_port_conf.h"

#include <string.h>

#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("conf.network_port_conf");

/* Largest port file we read back. */
#define VIR_NETWORK_PORT_FILE_MAX (1024 * 1024)

VIR_ENUM_IMPL(virNetworkPortPlug, VIR_NETWORK_PORT_PLUG_TYPE_LAST,
              "none", "network", "bridge", "direct", "hostdev-pci");

VIR_ENUM_IMPL(virNetworkPortDirectMode, VIR_NETWORK_PORT_DIRECT_MODE_LAST,
              "vepa", "private", "bridge", "passthrough");

void
virNetworkPortDefFree(virNetworkPortDef *def)
{
    if (!def)
        return;
    g_free(def->ownername);
    g_free(def->group);
    virNetworkBandwidthFree(def->bandwidth);
    virNetworkVlanClear(&def->vlan);
    g_free(def->bridge);
    g_free(def->linkdev);
    g_free(def);
}

static int
virNetworkPortParseUUID(xmlNodePtr parent, unsigned char *uuid, const char *missing)
{
    g_autofree char *text = virXMLChildText(parent, "uuid");

    if (!text || !*g_strstrip(text)) {
        virReportError(VIR_ERR_XML_ERROR, "%s", missing);
        return -1;
    }
    if (virUUIDParse(text, uuid) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "Unable to parse UUID '%s'", text);
        return -1;
    }
    return 0;
}

static int
virNetworkPortParseTristate(xmlNodePtr node, const char *name, virTristateBool *result)
{
    g_autofree char *val = virXMLPropString(node, name);
    int v;

    if (!val)
        return 0;
    if ((v = virTristateBoolTypeFromString(val)) <= 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "invalid value for attribute '%s' in element '%s': '%s'",
                       name, (const char *)node->name, val);
        return -1;
    }
    *result = v;
    return 1;
}

static int
virNetworkPortParsePCI(xmlNodePtr node, virNetworkPCIAddress *addr)
{
    static const struct {
        const char *name;
        unsigned int max;
    } fields[] = {
        { "domain", 0xffff }, { "bus", 0xff }, { "slot", 0x1f }, { "function", 0x7 },
    };
    unsigned int *values[] = { &addr->domain, &addr->bus, &addr->slot, &addr->function };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        g_autofree char *val = virXMLPropString(node, fields[i].name);
        unsigned long long v;

        if (!val || virXMLStrToULL(val, 0, &v) < 0 || v > fields[i].max) {
            virReportError(VIR_ERR_XML_ERROR,
                           "invalid or missing PCI address attribute '%s' in network port",
                           fields[i].name);
            return -1;
        }
        *values[i] = v;
    }
    return 0;
}

static int
virNetworkPortParsePlug(xmlNodePtr node, virNetworkPortDef *def)
{
    g_autofree char *type = virXMLPropString(node, "type");

    if (!type) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing network port plug type");
        return -1;
    }
    if ((def->plugtype = virNetworkPortPlugTypeFromString(type)) <= 0) {
        virReportError(VIR_ERR_XML_ERROR, "Unknown network port plug type '%s'", type);
        return -1;
    }

    switch ((virNetworkPortPlugType)def->plugtype) {
    case VIR_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VIR_NETWORK_PORT_PLUG_TYPE_BRIDGE: {
        g_autofree char *mtm = virXMLPropString(node, "macTableManager");

        if (!(def->bridge = virXMLPropString(node, "bridge"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "Missing network port bridge name");
            return -1;
        }
        if (mtm && (def->macTableManager = virNetworkBridgeMACTableManagerTypeFromString(mtm)) <= 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "Invalid macTableManager setting '%s' in network port", mtm);
            return -1;
        }
        break;
    }

    case VIR_NETWORK_PORT_PLUG_TYPE_DIRECT: {
        g_autofree char *mode = virXMLPropString(node, "mode");

        if (!(def->linkdev = virXMLPropString(node, "dev"))) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "Missing network port link device name");
            return -1;
        }
        if (!mode || (def->directMode = virNetworkPortDirectModeTypeFromString(mode)) < 0) {
            virReportError(VIR_ERR_XML_ERROR, "Invalid network port link device mode '%s'",
                           mode ? mode : "");
            return -1;
        }
        break;
    }

    case VIR_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI: {
        xmlNodePtr driver = virXMLChild(node, "driver");
        xmlNodePtr address = virXMLChild(node, "address");

        if (virNetworkPortParseTristate(node, "managed", &def->managed) < 0)
            return -1;
        if (driver) {
            g_autofree char *name = virXMLPropString(driver, "name");

            if (name && (def->driverName = virNetworkForwardDriverNameTypeFromString(name)) <= 0) {
                virReportError(VIR_ERR_XML_ERROR, "Unknown network port driver '%s'", name);
                return -1;
            }
        }
        if (!address) {
            virReportError(VIR_ERR_XML_ERROR, "%s", "Missing network port PCI address");
            return -1;
        }
        if (virNetworkPortParsePCI(address, &def->addr) < 0)
            return -1;
        break;
    }

    case VIR_NETWORK_PORT_PLUG_TYPE_NONE:
    case VIR_NETWORK_PORT_PLUG_TYPE_LAST:
        break;
    }
    return 0;
}

virNetworkPortDef *
virNetworkPortDefParseNode(xmlNodePtr root, unsigned int flags)
{
    g_autoptr(virNetworkPortDef) def = g_new0(virNetworkPortDef, 1);
    g_autofree char *mac = NULL;
    xmlNodePtr owner;
    xmlNodePtr node;

    if (!root || !xmlStrEqual(root->name, BAD_CAST "networkport")) {
        virReportError(VIR_ERR_XML_ERROR, "expected root element 'networkport', found '%s'",
                       root ? (const char *)root->name : "");
        return NULL;
    }
    if (virNetworkPortParseUUID(root, def->uuid, "network port has no uuid") < 0)
        return NULL;

    if (!(owner = virXMLChild(root, "owner"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing owner for network port");
        return NULL;
    }
    def->ownername = virXMLChildText(owner, "name");
    if (!def->ownername || !*def->ownername) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing owner name for network port");
        return NULL;
    }
    if (virNetworkPortParseUUID(owner, def->owneruuid, "missing owner UUID for network port") < 0)
        return NULL;

    def->group = virXMLChildText(root, "group");

    if (!(node = virXMLChild(root, "mac")) || !(mac = virXMLPropString(node, "address"))) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing mac for network port");
        return NULL;
    }
    if (virMacAddrParse(mac, def->mac) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "Unable to parse MAC '%s'", mac);
        return NULL;
    }

    if (virNetworkBandwidthParse(virXMLChild(root, "bandwidth"), true,
                                 &def->bandwidth, &def->classID) < 0 ||
        virNetworkVlanParse(virXMLChild(root, "vlan"), &def->vlan) < 0)
        return NULL;
    if ((node = virXMLChild(root, "rxfilters")) &&
        virNetworkPortParseTristate(node, "trustGuest", &def->trustGuestRxFilters) < 0)
        return NULL;
    if ((node = virXMLChild(root, "plug")) && virNetworkPortParsePlug(node, def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

virNetworkPortDef *
virNetworkPortDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = virXMLParseString(xml, "(networkport_definition)", "networkport",
                                              VIR_FROM_NETWORK);

    if (!doc)
        return NULL;
    return virNetworkPortDefParseNode(xmlDocGetRootElement(doc), flags);
}

virNetworkPortDef *
virNetworkPortDefParseFile(const char *path, unsigned int flags)
{
    g_autofree char *xml = NULL;

    if (virFileReadAll(path, VIR_NETWORK_PORT_FILE_MAX, &xml) < 0)
        return NULL;
    return virNetworkPortDefParseString(xml, flags);
}

static void
virNetworkPortFormatPlug(GString *buf, const virNetworkPortDef *def)
{
    if (def->plugtype <= VIR_NETWORK_PORT_PLUG_TYPE_NONE ||
        def->plugtype >= VIR_NETWORK_PORT_PLUG_TYPE_LAST)
        return;

    g_string_append_printf(buf, "  <plug type='%s'", virNetworkPortPlugTypeToString(def->plugtype));
    switch ((virNetworkPortPlugType)def->plugtype) {
    case VIR_NETWORK_PORT_PLUG_TYPE_NETWORK:
    case VIR_NETWORK_PORT_PLUG_TYPE_BRIDGE:
        virXMLFormatAttr(buf, "bridge", def->bridge);
        if (def->macTableManager)
            g_string_append_printf(buf, " macTableManager='%s'",
                                   virNetworkBridgeMACTableManagerTypeToString(def->macTableManager));
        g_string_append(buf, "/>\n");
        break;

    case VIR_NETWORK_PORT_PLUG_TYPE_DIRECT:
        virXMLFormatAttr(buf, "dev", def->linkdev);
        g_string_append_printf(buf, " mode='%s'/>\n",
                               virNetworkPortDirectModeTypeToString(def->directMode));
        break;

    case VIR_NETWORK_PORT_PLUG_TYPE_HOSTDEV_PCI:
        g_string_append_printf(buf, " managed='%s'>\n",
                               def->managed == VIR_TRISTATE_BOOL_YES ? "yes" : "no");
        if (def->driverName)
            g_string_append_printf(buf, "    <driver name='%s'/>\n",
                                   virNetworkForwardDriverNameTypeToString(def->driverName));
        g_string_append_printf(buf,
                               "    <address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
                               def->addr.domain, def->addr.bus, def->addr.slot,
                               def->addr.function);
        g_string_append(buf, "  </plug>\n");
        break;

    case VIR_NETWORK_PORT_PLUG_TYPE_NONE:
    case VIR_NETWORK_PORT_PLUG_TYPE_LAST:
        break;
    }
}

char *
virNetworkPortDefFormat(const virNetworkPortDef *def)
{
    GString *buf = g_string_new("<networkport>\n");
    char uuid[VIR_UUID_STRING_BUFLEN];
    char mac[VIR_MAC_STRING_BUFLEN];

    virXMLFormatTextElement(buf, 2, "uuid", virUUIDFormat(def->uuid, uuid));
    g_string_append(buf, "  <owner>\n");
    virXMLFormatTextElement(buf, 4, "name", def->ownername);
    virXMLFormatTextElement(buf, 4, "uuid", virUUIDFormat(def->owneruuid, uuid));
    g_string_append(buf, "  </owner>\n");
    virXMLFormatTextElement(buf, 2, "group", def->group);
    g_string_append_printf(buf, "  <mac address='%s'/>\n", virMacAddrFormat(def->mac, mac));
    virNetworkBandwidthFormat(buf, 2, def->bandwidth, def->classID);
    virNetworkVlanFormat(buf, 2, &def->vlan);
    if (def->trustGuestRxFilters)
        g_string_append_printf(buf, "  <rxfilters trustGuest='%s'/>\n",
                               virTristateBoolTypeToString(def->trustGuestRxFilters));
    virNetworkPortFormatPlug(buf, def);
    g_string_append(buf, "</networkport>\n");
    return g_string_free(buf, FALSE);
}

static char *
virNetworkPortDefStatusPath(const virNetworkPortDef *def, const char *dir)
{
    char uuid[VIR_UUID_STRING_BUFLEN];

    return g_strdup_printf("%s/%s.xml", dir, virUUIDFormat(def->uuid, uuid));
}

int
virNetworkPortDefSaveStatus(const virNetworkPortDef *def, const char *dir)
{
    g_autofree char *path = virNetworkPortDefStatusPath(def, dir);
    g_autofree char *xml = virNetworkPortDefFormat(def);

    if (virFileMakePath(dir, 0700) < 0)
        return -1;
    return virFileWriteStrAtomic(path, xml, 0600);
}

int
virNetworkPortDefDeleteStatus(const virNetworkPortDef *def, const char *dir)
{
    g_autofree char *path = virNetworkPortDefStatusPath(def, dir);

    return virFileRemove(path);
}
