/* virtqemud's own calls to virtnetworkd: a port per guest interface on a
 * virtual network, created when the guest starts and deleted when it
 * stops. The connection is elevated (this daemon acting for itself), opened
 * per call: guests start rarely, and a restarted virtnetworkd is picked up
 * without bookkeeping. */
#include "remote_backend.h"

#include <string.h>

#include "remote_protocol.h"
#include "virfile.h"
#include "virlog.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("daemon.backend_network");

static virNetClient *
remoteNetworkOpen(void)
{
    g_autofree char *sockdir = virFileRootPath("/run/libvirt");
    g_autofree char *path = g_build_filename(sockdir, "virtnetworkd-sock", NULL);

    return remoteBackendOpenElevated(path, "virtnetworkd", "network:///system");
}

static int
remoteNetworkLookup(virNetClient *backend, const char *network,
                    remote_network_lookup_by_name_ret *found)
{
    remote_network_lookup_by_name_args lookup = { .name = (char *)network };

    return remoteBackendCall(backend, REMOTE_PROC_NETWORK_LOOKUP_BY_NAME,
                             (xdrproc_t)xdr_remote_network_lookup_by_name_args, &lookup,
                             (xdrproc_t)xdr_remote_network_lookup_by_name_ret, found);
}

/* The bridge= of the port's <plug>. */
static char *
remoteNetworkPortBridge(const char *xml)
{
    g_autoptr(xmlDoc) doc = virXMLParseString(xml, "(network_port)", "networkport",
                                              VIR_FROM_NETWORK);
    xmlNodePtr node;
    char *bridge = NULL;

    if (!doc)
        return NULL;
    for (node = xmlDocGetRootElement(doc)->children; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, BAD_CAST "plug"))
            bridge = virXMLPropString(node, "bridge");
    }
    if (!bridge)
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "the network port has no bridge to plug the interface into");
    return bridge;
}

int
remoteNetworkPortCreateElevated(const char *network, const char *portXML, bool reclaim,
                                char **portUUID, char **bridge)
{
    remote_network_lookup_by_name_ret found = { 0 };
    remote_network_port_create_xml_args create = { 0 };
    remote_network_port_create_xml_ret created = { 0 };
    remote_network_port_get_xml_desc_args desc = { 0 };
    remote_network_port_get_xml_desc_ret described = { 0 };
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virNetClient *backend;
    int ret = -1;

    if (!(backend = remoteNetworkOpen()))
        return -1;
    if (remoteNetworkLookup(backend, network, &found) < 0)
        goto cleanup;
    create.network = found.net;
    create.xml = (char *)portXML;
    create.flags = reclaim ? VIR_NETWORK_PORT_CREATE_RECLAIM : 0;
    if (remoteBackendCall(backend, REMOTE_PROC_NETWORK_PORT_CREATE_XML,
                          (xdrproc_t)xdr_remote_network_port_create_xml_args, &create,
                          (xdrproc_t)xdr_remote_network_port_create_xml_ret, &created) < 0)
        goto cleanup;
    desc.port = created.port;
    if (remoteBackendCall(backend, REMOTE_PROC_NETWORK_PORT_GET_XML_DESC,
                          (xdrproc_t)xdr_remote_network_port_get_xml_desc_args, &desc,
                          (xdrproc_t)xdr_remote_network_port_get_xml_desc_ret, &described) < 0 ||
        !(*bridge = remoteNetworkPortBridge(described.xml)))
        goto cleanup;
    *portUUID = g_strdup(virUUIDFormat((unsigned char *)created.port.uuid, uuidstr));
    ret = 0;

 cleanup:
    xdr_free((xdrproc_t)xdr_remote_network_lookup_by_name_ret, (char *)&found);
    xdr_free((xdrproc_t)xdr_remote_network_port_create_xml_ret, (char *)&created);
    xdr_free((xdrproc_t)xdr_remote_network_port_get_xml_desc_ret, (char *)&described);
    remoteBackendClose(backend);
    return ret;
}

int
remoteNetworkPortDeleteElevated(const char *network, const char *portUUID)
{
    remote_network_lookup_by_name_ret found = { 0 };
    remote_network_port_delete_args del = { 0 };
    virNetClient *backend;
    int ret = -1;

    if (virUUIDParse(portUUID, (unsigned char *)del.port.uuid) < 0) {
        virReportError(VIR_ERR_INVALID_ARG, "malformed port uuid '%s'", portUUID);
        return -1;
    }
    if (!(backend = remoteNetworkOpen()))
        return -1;
    if (remoteNetworkLookup(backend, network, &found) < 0) {
        ret = 0;        /* the network is gone, and its ports with it */
        goto cleanup;
    }
    del.port.net = found.net;
    if (remoteBackendCall(backend, REMOTE_PROC_NETWORK_PORT_DELETE,
                          (xdrproc_t)xdr_remote_network_port_delete_args, &del,
                          (xdrproc_t)xdr_void, NULL) < 0) {
        const virErrorInfo *err = virErrorGetLast();

        if (!err || err->code != VIR_ERR_NO_NETWORK_PORT)
            goto cleanup;
    }
    ret = 0;

 cleanup:
    if (ret == 0)
        virErrorReset();
    xdr_free((xdrproc_t)xdr_remote_network_lookup_by_name_ret, (char *)&found);
    remoteBackendClose(backend);
    return ret;
}

int
remoteNetworkGetDHCPLeasesElevated(const char *network, const char *mac,
                                   virNetworkDHCPLease ***leases)
{
    remote_network_lookup_by_name_ret found = { 0 };
    remote_network_get_dhcp_leases_args args = { .need_results = 1 };
    remote_network_get_dhcp_leases_ret got = { 0 };
    char *macarg = (char *)mac;
    virNetClient *backend;
    int ret = -1;
    u_int i;

    if (!(backend = remoteNetworkOpen()))
        return -1;
    if (remoteNetworkLookup(backend, network, &found) < 0)
        goto cleanup;
    args.net = found.net;
    args.mac = mac ? &macarg : NULL;
    if (remoteBackendCall(backend, REMOTE_PROC_NETWORK_GET_DHCP_LEASES,
                          (xdrproc_t)xdr_remote_network_get_dhcp_leases_args, &args,
                          (xdrproc_t)xdr_remote_network_get_dhcp_leases_ret, &got) < 0)
        goto cleanup;
    *leases = g_new0(virNetworkDHCPLease *, got.leases.leases_len + 1);
    for (i = 0; i < got.leases.leases_len; i++) {
        remote_network_dhcp_lease *w = &got.leases.leases_val[i];
        virNetworkDHCPLease *l = g_new0(virNetworkDHCPLease, 1);

        l->iface = g_strdup(w->iface);
        l->expirytime = w->expirytime;
        l->type = w->type;
        l->mac = w->mac ? g_strdup(*w->mac) : NULL;
        l->iaid = w->iaid ? g_strdup(*w->iaid) : NULL;
        l->ipaddr = g_strdup(w->ipaddr);
        l->prefix = w->prefix;
        l->hostname = w->hostname ? g_strdup(*w->hostname) : NULL;
        l->clientid = w->clientid ? g_strdup(*w->clientid) : NULL;
        (*leases)[i] = l;
    }
    ret = got.leases.leases_len;

 cleanup:
    xdr_free((xdrproc_t)xdr_remote_network_lookup_by_name_ret, (char *)&found);
    xdr_free((xdrproc_t)xdr_remote_network_get_dhcp_leases_ret, (char *)&got);
    remoteBackendClose(backend);
    return ret;
}
