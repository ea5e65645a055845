/* Network handlers of the REMOTE program: wire <-> network driver slot.
 * The old counting and name-listing calls are answered from
 * connectListAllNetworks, so drivers implement one listing. */
#include "remote_dispatch.h"
#include "remote_client.h"

#include <string.h>

#include "remote_protocol.h"
#include "remote_dispatch_gen.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.remote_network");

static void
remoteNetworkRefsFree(virDrvNetwork **refs, int n)
{
    int i;

    for (i = 0; i < n; i++)
        virDrvNetworkFree(refs[i]);
    g_free(refs);
}

/* The networks matching flags (virConnectListAllNetworksFlags), as refs. */
static int
remoteNetworkList(virNetServerClient *client, unsigned int flags, virDrvNetwork ***refs)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, connectListAllNetworks);

    if (!conn)
        return -1;
    return conn->networkDriver->connectListAllNetworks(conn, refs, flags);
}

static int
remoteNetworkCount(virNetServerClient *client, unsigned int flags, int *num)
{
    virDrvNetwork **refs = NULL;
    int n = remoteNetworkList(client, flags, &refs);

    if (n < 0)
        return -1;
    remoteNetworkRefsFree(refs, n);
    *num = n;
    return 0;
}

static int
remoteNetworkNames(virNetServerClient *client, unsigned int flags, int maxnames,
                   char ***names, u_int *len)
{
    virDrvNetwork **refs = NULL;
    int n;
    int i;

    if (maxnames < 0 || maxnames > REMOTE_NETWORK_LIST_MAX) {
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC, "%s", "maxnames > REMOTE_NETWORK_LIST_MAX");
        return -1;
    }
    if ((n = remoteNetworkList(client, flags, &refs)) < 0)
        return -1;
    *len = MIN(n, maxnames);
    *names = g_new0(char *, MAX(*len, 1));
    for (i = 0; i < (int)*len; i++)
        (*names)[i] = g_strdup(refs[i]->name);
    remoteNetworkRefsFree(refs, n);
    return 0;
}

int
remoteDispatchConnectNumOfNetworks(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg, void *args,
                                   remote_connect_num_of_networks_ret *ret)
{
    return remoteNetworkCount(client, VIR_CONNECT_LIST_NETWORKS_ACTIVE, &ret->num);
}

int
remoteDispatchConnectNumOfDefinedNetworks(virNetServer *server, virNetServerClient *client,
                                          virNetMessage *msg, void *args,
                                          remote_connect_num_of_defined_networks_ret *ret)
{
    return remoteNetworkCount(client, VIR_CONNECT_LIST_NETWORKS_INACTIVE, &ret->num);
}

int
remoteDispatchConnectListNetworks(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_connect_list_networks_args *args,
                                  remote_connect_list_networks_ret *ret)
{
    return remoteNetworkNames(client, VIR_CONNECT_LIST_NETWORKS_ACTIVE, args->maxnames,
                              &ret->names.names_val, &ret->names.names_len);
}

int
remoteDispatchConnectListDefinedNetworks(virNetServer *server, virNetServerClient *client,
                                         virNetMessage *msg,
                                         remote_connect_list_defined_networks_args *args,
                                         remote_connect_list_defined_networks_ret *ret)
{
    return remoteNetworkNames(client, VIR_CONNECT_LIST_NETWORKS_INACTIVE, args->maxnames,
                              &ret->names.names_val, &ret->names.names_len);
}

int
remoteDispatchConnectListAllNetworks(virNetServer *server, virNetServerClient *client,
                                     virNetMessage *msg,
                                     remote_connect_list_all_networks_args *args,
                                     remote_connect_list_all_networks_ret *ret)
{
    virDrvNetwork **refs = NULL;
    int n;
    int i;

    if ((n = remoteNetworkList(client, args->flags, &refs)) < 0)
        return -1;
    if (n > REMOTE_NETWORK_LIST_MAX) {
        remoteNetworkRefsFree(refs, n);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC,
                           "Too many networks '%d' for limit '%d'", n, REMOTE_NETWORK_LIST_MAX);
        return -1;
    }
    if (args->need_results) {
        ret->nets.nets_len = n;
        ret->nets.nets_val = g_new0(remote_nonnull_network, MAX(n, 1));
        for (i = 0; i < n; i++)
            remoteNetworkToWire(&ret->nets.nets_val[i], refs[i]);
    }
    ret->ret = n;
    remoteNetworkRefsFree(refs, n);
    return 0;
}

/* ---- lookup ---- */

int
remoteDispatchNetworkLookupByName(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_network_lookup_by_name_args *args,
                                  remote_network_lookup_by_name_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkLookupByName);
    g_autoptr(virDrvNetwork) net = NULL;

    if (!conn || !(net = conn->networkDriver->networkLookupByName(conn, args->name)))
        return -1;
    remoteNetworkToWire(&ret->net, net);
    return 0;
}

int
remoteDispatchNetworkLookupByUUID(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_network_lookup_by_uuid_args *args,
                                  remote_network_lookup_by_uuid_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkLookupByUUID);
    g_autoptr(virDrvNetwork) net = NULL;

    if (!conn ||
        !(net = conn->networkDriver->networkLookupByUUID(conn, (unsigned char *)args->uuid)))
        return -1;
    remoteNetworkToWire(&ret->net, net);
    return 0;
}

/* ---- definition and life cycle ---- */

static int
remoteNetworkCreateOrDefine(virNetServerClient *client, bool define, const char *xml,
                            unsigned int flags, remote_nonnull_network *wire)
{
    virDrvConnect *conn = define ? REMOTE_NETWORK_CONN_WITH(client, networkDefineXML)
                                 : REMOTE_NETWORK_CONN_WITH(client, networkCreateXML);
    g_autoptr(virDrvNetwork) net = NULL;

    if (!conn)
        return -1;
    net = define ? conn->networkDriver->networkDefineXML(conn, xml, flags)
                 : conn->networkDriver->networkCreateXML(conn, xml, flags);
    if (!net)
        return -1;
    remoteNetworkToWire(wire, net);
    return 0;
}

int
remoteDispatchNetworkCreateXML(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_network_create_xml_args *args,
                               remote_network_create_xml_ret *ret)
{
    return remoteNetworkCreateOrDefine(client, false, args->xml, 0, &ret->net);
}

int
remoteDispatchNetworkCreateXMLFlags(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_network_create_xml_flags_args *args,
                                    remote_network_create_xml_flags_ret *ret)
{
    return remoteNetworkCreateOrDefine(client, false, args->xml, args->flags, &ret->net);
}

int
remoteDispatchNetworkDefineXML(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_network_define_xml_args *args,
                               remote_network_define_xml_ret *ret)
{
    return remoteNetworkCreateOrDefine(client, true, args->xml, 0, &ret->net);
}

int
remoteDispatchNetworkDefineXMLFlags(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_network_define_xml_flags_args *args,
                                    remote_network_define_xml_flags_ret *ret)
{
    return remoteNetworkCreateOrDefine(client, true, args->xml, args->flags, &ret->net);
}

/* The calls taking only a network and answering nothing. */
#define REMOTE_NETWORK_SIMPLE(Name, slot) \
    int \
    remoteDispatchNetwork##Name(virNetServer *server, virNetServerClient *client, \
                                virNetMessage *msg, remote_network_##slot##_args *args, \
                                void *ret) \
    { \
        virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, network##Name); \
        g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->net); \
        return conn ? conn->networkDriver->network##Name(conn, net) : -1; \
    }

REMOTE_NETWORK_SIMPLE(Undefine, undefine)
REMOTE_NETWORK_SIMPLE(Create, create)
REMOTE_NETWORK_SIMPLE(Destroy, destroy)

int
remoteDispatchNetworkUpdate(virNetServer *server, virNetServerClient *client,
                            virNetMessage *msg, remote_network_update_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkUpdate);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->net);

    if (!conn)
        return -1;
    return conn->networkDriver->networkUpdate(conn, net, args->command, args->section,
                                              args->parentIndex, args->xml, args->flags);
}

/* ---- properties ---- */

int
remoteDispatchNetworkGetXMLDesc(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_network_get_xml_desc_args *args,
                                remote_network_get_xml_desc_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkGetXMLDesc);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->net);

    if (!conn)
        return -1;
    return (ret->xml = conn->networkDriver->networkGetXMLDesc(conn, net, args->flags)) ? 0 : -1;
}

int
remoteDispatchNetworkGetBridgeName(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg,
                                   remote_network_get_bridge_name_args *args,
                                   remote_network_get_bridge_name_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkGetBridgeName);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->net);

    if (!conn)
        return -1;
    return (ret->name = conn->networkDriver->networkGetBridgeName(conn, net)) ? 0 : -1;
}

int
remoteDispatchNetworkGetAutostart(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_network_get_autostart_args *args,
                                  remote_network_get_autostart_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkGetAutostart);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->net);

    return conn ? conn->networkDriver->networkGetAutostart(conn, net, &ret->autostart) : -1;
}

int
remoteDispatchNetworkSetAutostart(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_network_set_autostart_args *args,
                                  void *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkSetAutostart);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->net);

    return conn ? conn->networkDriver->networkSetAutostart(conn, net, args->autostart) : -1;
}

int
remoteDispatchNetworkIsActive(virNetServer *server, virNetServerClient *client,
                              virNetMessage *msg, remote_network_is_active_args *args,
                              remote_network_is_active_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkIsActive);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->net);

    if (!conn)
        return -1;
    return (ret->active = conn->networkDriver->networkIsActive(conn, net)) < 0 ? -1 : 0;
}

int
remoteDispatchNetworkIsPersistent(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_network_is_persistent_args *args,
                                  remote_network_is_persistent_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkIsPersistent);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->net);

    if (!conn)
        return -1;
    return (ret->persistent = conn->networkDriver->networkIsPersistent(conn, net)) < 0 ? -1 : 0;
}

/* ---- DHCP leases ---- */

int
remoteDispatchNetworkGetDHCPLeases(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg,
                                   remote_network_get_dhcp_leases_args *args,
                                   remote_network_get_dhcp_leases_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkGetDHCPLeases);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->net);
    virNetworkDHCPLease **leases = NULL;
    int n;
    int i;

    if (!conn || (n = conn->networkDriver->networkGetDHCPLeases(conn, net,
                                                                 args->mac ? *args->mac : NULL,
                                                                 &leases, args->flags)) < 0)
        return -1;
    if (n > REMOTE_NETWORK_DHCP_LEASES_MAX) {
        for (i = 0; i < n; i++)
            virDrvNetworkDHCPLeaseFree(leases[i]);
        g_free(leases);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC, "Number of leases is %d, which exceeds max limit: %d",
                           n, REMOTE_NETWORK_DHCP_LEASES_MAX);
        return -1;
    }
    if (args->need_results) {
        ret->leases.leases_len = n;
        ret->leases.leases_val = g_new0(remote_network_dhcp_lease, MAX(n, 1));
    }
    for (i = 0; i < n; i++) {
        virNetworkDHCPLease *l = leases[i];

        if (args->need_results) {
            remote_network_dhcp_lease *w = &ret->leases.leases_val[i];

            /* Strings move to the reply; optional ones become pointers. */
            w->iface = g_steal_pointer(&l->iface);
            w->expirytime = l->expirytime;
            w->type = l->type;
            if (l->mac)
                *(w->mac = g_new0(char *, 1)) = g_steal_pointer(&l->mac);
            if (l->iaid)
                *(w->iaid = g_new0(char *, 1)) = g_steal_pointer(&l->iaid);
            w->ipaddr = g_steal_pointer(&l->ipaddr);
            w->prefix = l->prefix;
            if (l->hostname)
                *(w->hostname = g_new0(char *, 1)) = g_steal_pointer(&l->hostname);
            if (l->clientid)
                *(w->clientid = g_new0(char *, 1)) = g_steal_pointer(&l->clientid);
        }
        virDrvNetworkDHCPLeaseFree(l);
    }
    g_free(leases);
    ret->ret = n;
    return 0;
}

/* ---- ports ---- */

int
remoteDispatchNetworkListAllPorts(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_network_list_all_ports_args *args,
                                  remote_network_list_all_ports_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkListAllPorts);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->network);
    virDrvNetworkPort **refs = NULL;
    int n;
    int i;

    if (!conn ||
        (n = conn->networkDriver->networkListAllPorts(conn, net, &refs, args->flags)) < 0)
        return -1;
    if (n <= REMOTE_NETWORK_PORT_LIST_MAX && args->need_results) {
        ret->ports.ports_len = n;
        ret->ports.ports_val = g_new0(remote_nonnull_network_port, MAX(n, 1));
        for (i = 0; i < n; i++)
            remoteNetworkPortToWire(&ret->ports.ports_val[i], refs[i]);
    }
    for (i = 0; i < n; i++)
        virDrvNetworkPortFree(refs[i]);
    g_free(refs);
    if (n > REMOTE_NETWORK_PORT_LIST_MAX) {
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC,
                           "Too many network ports '%d' for limit '%d'",
                           n, REMOTE_NETWORK_PORT_LIST_MAX);
        return -1;
    }
    ret->ret = n;
    return 0;
}

int
remoteDispatchNetworkPortLookupByUUID(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_network_port_lookup_by_uuid_args *args,
                                      remote_network_port_lookup_by_uuid_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkPortLookupByUUID);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->network);
    g_autoptr(virDrvNetworkPort) port = NULL;

    if (!conn || !(port = conn->networkDriver->networkPortLookupByUUID(
                       conn, net, (unsigned char *)args->uuid)))
        return -1;
    remoteNetworkPortToWire(&ret->port, port);
    return 0;
}

int
remoteDispatchNetworkPortCreateXML(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg,
                                   remote_network_port_create_xml_args *args,
                                   remote_network_port_create_xml_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkPortCreateXML);
    g_autoptr(virDrvNetwork) net = remoteNetworkFromWire(&args->network);
    g_autoptr(virDrvNetworkPort) port = NULL;

    if (!conn || !(port = conn->networkDriver->networkPortCreateXML(conn, net, args->xml,
                                                                    args->flags)))
        return -1;
    remoteNetworkPortToWire(&ret->port, port);
    return 0;
}

int
remoteDispatchNetworkPortGetXMLDesc(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_network_port_get_xml_desc_args *args,
                                    remote_network_port_get_xml_desc_ret *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkPortGetXMLDesc);
    g_autoptr(virDrvNetworkPort) port = remoteNetworkPortFromWire(&args->port);

    if (!conn)
        return -1;
    return (ret->xml = conn->networkDriver->networkPortGetXMLDesc(conn, port,
                                                                   args->flags)) ? 0 : -1;
}

int
remoteDispatchNetworkPortDelete(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_network_port_delete_args *args,
                                void *ret)
{
    virDrvConnect *conn = REMOTE_NETWORK_CONN_WITH(client, networkPortDelete);
    g_autoptr(virDrvNetworkPort) port = remoteNetworkPortFromWire(&args->port);

    return conn ? conn->networkDriver->networkPortDelete(conn, port, args->flags) : -1;
}
