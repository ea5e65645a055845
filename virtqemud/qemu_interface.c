/* Guest interfaces' host side. Taps are persistent devices we create in
 * the bridge and QEMU opens by name, so that a daemon restart needs no
 * file descriptors handed over and stopping the guest is one delete. */
#include "qemu_interface.h"

#include <string.h>

#include "driver.h"
#include "remote_backend.h"
#include "virlog.h"
#include "virnetdev.h"
#include "virnetdevtap.h"
#include "viruuid.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.interface");

/* The <networkport> virtnetworkd is asked for. */
static char *
qemuInterfacePortXML(const virDomainDef *def, const virDomainNetDef *net)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    unsigned char uuid[VIR_UUID_BUFLEN];
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    char macstr[VIR_MAC_STRING_BUFLEN];

    if (net->portid) {
        /* Reclaiming the port of an earlier run keeps its identity. */
        if (virUUIDParse(net->portid, uuid) < 0) {
            virReportError(VIR_ERR_XML_ERROR, "malformed portid '%s'", net->portid);
            return NULL;
        }
    } else {
        virUUIDGenerate(uuid);
    }
    g_string_append_printf(buf, "<networkport>\n  <uuid>%s</uuid>\n  <owner>\n    <name>",
                           virUUIDFormat(uuid, uuidstr));
    virBufferEscapeXML(buf, def->name);
    g_string_append_printf(buf, "</name>\n    <uuid>%s</uuid>\n  </owner>\n",
                           virUUIDFormat(def->uuid, uuidstr));
    if (net->portgroup) {
        g_string_append(buf, "  <group>");
        virBufferEscapeXML(buf, net->portgroup);
        g_string_append(buf, "</group>\n");
    }
    g_string_append_printf(buf, "  <mac address='%s'/>\n</networkport>\n",
                           virMacAddrFormat(net->mac, macstr));
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

static int
qemuInterfaceAllocatePort(const virDomainDef *def, virDomainNetDef *net)
{
    g_autofree char *xml = qemuInterfacePortXML(def, net);
    g_autofree char *portid = NULL;
    g_autofree char *bridge = NULL;

    if (!xml ||
        remoteNetworkPortCreateElevated(net->network, xml, false, &portid, &bridge) < 0)
        return -1;
    g_free(net->portid);
    net->portid = g_steal_pointer(&portid);
    g_free(net->bridge);
    net->bridge = g_steal_pointer(&bridge);
    return 0;
}

static int
qemuInterfaceCreateTap(virDomainNetDef *net)
{
    /* A name the user gave is kept; otherwise the lowest free vnetN. */
    g_autofree char *ifname = g_strdup(net->ifname ? net->ifname : "vnet%d");

    if (virNetDevTapCreateInBridgePort(net->bridge, &ifname, net->mac, NULL, 0, net->mtu,
                                       VIR_NETDEV_TAP_CREATE_VNET_HDR |
                                       VIR_NETDEV_TAP_CREATE_PERSIST) < 0)
        return -1;
    g_free(net->ifname);
    net->ifname = g_steal_pointer(&ifname);
    return 0;
}

static const char *
qemuInterfaceLastError(void)
{
    const virErrorInfo *err = virErrorGetLast();

    return err && err->message ? err->message : "unknown error";
}

int
qemuInterfacePrepare(const virDomainDef *def, virDomainNetDef *net)
{
    if (net->type == VIR_DOMAIN_NET_TYPE_NETWORK) {
        g_clear_pointer(&net->portid, g_free);
        if (qemuInterfaceAllocatePort(def, net) < 0)
            return -1;
    }
    if (net->type == VIR_DOMAIN_NET_TYPE_NETWORK || net->type == VIR_DOMAIN_NET_TYPE_BRIDGE) {
        if (!net->bridge) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "interface of type 'bridge' has no source bridge");
            goto error;
        }
        if (qemuInterfaceCreateTap(net) < 0)
            goto error;
    }
    return 0;

 error:
    /* The port goes again; a tap that could not be made is not ours. */
    if (net->portid) {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        if (remoteNetworkPortDeleteElevated(net->network, net->portid) < 0)
            VIR_WARN("cannot release port %s of network %s", net->portid, net->network);
        g_clear_pointer(&net->portid, g_free);
        virErrorRestore(&saved);
    }
    return -1;
}

int
qemuInterfacesPrepare(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        if (qemuInterfacePrepare(def, def->nets[i]) < 0)
            return -1;
    }
    return 0;
}

void
qemuInterfaceRelease(const virDomainDef *def, virDomainNetDef *net)
{
    if (net->type != VIR_DOMAIN_NET_TYPE_NETWORK && net->type != VIR_DOMAIN_NET_TYPE_BRIDGE)
        return;
    /* Every tap of these types is one qemuInterfacePrepare() made. */
    if (net->ifname && virNetDevExists(net->ifname) == 1 &&
        virNetDevTapDelete(net->ifname) < 0) {
        VIR_WARN("cannot delete tap %s of domain %s: %s", net->ifname, def->name,
                 qemuInterfaceLastError());
        virErrorReset();
    }
    if (net->type == VIR_DOMAIN_NET_TYPE_NETWORK && net->portid) {
        if (remoteNetworkPortDeleteElevated(net->network, net->portid) < 0) {
            VIR_WARN("cannot release port %s of network %s: %s", net->portid, net->network,
                     qemuInterfaceLastError());
            virErrorReset();
        }
        g_clear_pointer(&net->portid, g_free);
    }
}

void
qemuInterfacesRelease(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nnets; i++)
        qemuInterfaceRelease(def, def->nets[i]);
}

/* ---- addresses -------------------------------------------------------- */

static void
qemuInterfaceAddAddr(virDomainInterface *iface, int type, const char *addr,
                     unsigned int prefix)
{
    iface->addrs = g_renew(virDomainIPAddress, iface->addrs, iface->naddrs + 1);
    iface->addrs[iface->naddrs].type = type;
    iface->addrs[iface->naddrs].addr = g_strdup(addr);
    iface->addrs[iface->naddrs].prefix = prefix;
    iface->naddrs++;
}

static int
qemuInterfaceFromLeases(const virDomainNetDef *net, virDomainInterface *iface)
{
    virNetworkDHCPLease **leases = NULL;
    int n;
    int i;

    if (net->type != VIR_DOMAIN_NET_TYPE_NETWORK)
        return 0;
    if ((n = remoteNetworkGetDHCPLeasesElevated(net->network, iface->hwaddr, &leases)) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        qemuInterfaceAddAddr(iface, leases[i]->type, leases[i]->ipaddr, leases[i]->prefix);
        virDrvNetworkDHCPLeaseFree(leases[i]);
    }
    g_free(leases);
    return 0;
}

/* /proc/net/arp: "IP  HWtype  Flags  HWaddress  Mask  Device". */
static int
qemuInterfaceFromARP(const char *arp, virDomainInterface *iface)
{
    g_auto(GStrv) lines = g_strsplit(arp ? arp : "", "\n", -1);
    size_t i;

    for (i = 1; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit_set(lines[i], " \t", -1);
        const char *cols[6] = { NULL };
        size_t n = 0;
        size_t j;

        for (j = 0; f[j] && n < 6; j++) {
            if (*f[j])
                cols[n++] = f[j];
        }
        if (n == 6 && g_ascii_strcasecmp(cols[3], iface->hwaddr) == 0)
            qemuInterfaceAddAddr(iface, VIR_IP_ADDR_TYPE_IPV4, cols[0], 0);
    }
    return 0;
}

int
qemuInterfaceAddresses(const virDomainDef *def, unsigned int source,
                       virDomainInterface ***ifaces)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(
        (GDestroyNotify)virDrvDomainInterfaceFree);
    g_autofree char *arp = NULL;
    size_t i;

    switch (source) {
    case VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE:
        break;
    case VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP:
        if (!g_file_get_contents("/proc/net/arp", &arp, NULL, NULL)) {
            virReportError(VIR_ERR_OPERATION_FAILED, "%s", "cannot read /proc/net/arp");
            return -1;
        }
        break;
    case VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT:
        virReportError(VIR_ERR_AGENT_UNRESPONSIVE, "%s",
                       "QEMU guest agent is not configured");
        return -1;
    default:
        virReportError(VIR_ERR_INVALID_ARG, "Unknown IP address data source %u", source);
        return -1;
    }
    for (i = 0; i < def->nnets; i++) {
        const virDomainNetDef *net = def->nets[i];
        virDomainInterface *iface;
        char macstr[VIR_MAC_STRING_BUFLEN];

        if (!net->ifname)
            continue;
        iface = g_new0(virDomainInterface, 1);
        iface->name = g_strdup(net->ifname);
        iface->hwaddr = g_strdup(virMacAddrFormat(net->mac, macstr));
        g_ptr_array_add(out, iface);
        if ((source == VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE ?
             qemuInterfaceFromLeases(net, iface) : qemuInterfaceFromARP(arp, iface)) < 0)
            return -1;
        /* virsh lists only interfaces with an address. */
        if (iface->naddrs == 0)
            g_ptr_array_remove_index(out, out->len - 1);
    }
    *ifaces = g_new0(virDomainInterface *, out->len + 1);
    for (i = 0; i < out->len; i++)
        (*ifaces)[i] = g_ptr_array_index(out, i);
    g_ptr_array_set_free_func(out, NULL);
    return out->len;
}
