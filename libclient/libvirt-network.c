/* The network API: networks, their DHCP leases and ports. Every entry
 * point: reset the error, check arguments (and write access), one REMOTE
 * call, convert the answer; on failure virDispatchError. Event delivery is
 * in remote_events.c. */
#include "remote_call.h"
#include "virhandle.h"

#include <string.h>

#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("libclient.network");

/* CONNECT_SUPPORTS_FEATURE: the daemon takes NETWORK_UPDATE's command and
 * section in the documented order (older ones had them swapped). */
#define NETWORK_FEATURE_UPDATE_HAS_CORRECT_ORDER 16

/* ------------------------------------------------------------------ */
/* Objects, checks and wire conversions                                */

virNetworkPtr
virNetworkNewObject(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virNetworkPtr net = g_new0(virNetwork, 1);

    net->refs = 1;
    g_atomic_int_inc(&conn->refs);
    net->conn = conn;
    net->name = g_strdup(name);
    memcpy(net->uuid, uuid, VIR_UUID_BUFLEN);
    return net;
}

virNetworkPortPtr
virNetworkPortNewObject(virNetworkPtr net, const unsigned char *uuid)
{
    virNetworkPortPtr port = g_new0(virNetworkPort, 1);

    port->refs = 1;
    g_atomic_int_inc(&net->refs);
    port->net = net;
    memcpy(port->uuid, uuid, VIR_UUID_BUFLEN);
    return port;
}

bool
virCheckNetwork(virNetworkPtr net, const char *func)
{
    if (net && g_atomic_int_get(&net->refs) > 0 && virCheckConnect(net->conn, func))
        return true;
    virErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK, "%s", func);
    return false;
}

bool
virCheckNetworkPort(virNetworkPortPtr port, const char *func)
{
    if (port && g_atomic_int_get(&port->refs) > 0 && port->net &&
        g_atomic_int_get(&port->net->refs) > 0 && virCheckConnect(port->net->conn, func))
        return true;
    virErrorReportFull(VIR_FROM_NETWORK, VIR_ERR_INVALID_NETWORK_PORT, "%s", func);
    return false;
}

void
remoteNetworkToWire(remote_nonnull_network *wire, virNetworkPtr net)
{
    wire->name = net->name;
    memcpy(wire->uuid, net->uuid, VIR_UUID_BUFLEN);
}

virNetworkPtr
remoteNetworkFromWire(virConnectPtr conn, const remote_nonnull_network *wire)
{
    return virNetworkNewObject(conn, wire->name, (const unsigned char *)wire->uuid);
}

void
remoteNetworkPortToWire(remote_nonnull_network_port *wire, virNetworkPortPtr port)
{
    remoteNetworkToWire(&wire->net, port->net);
    memcpy(wire->uuid, port->uuid, VIR_UUID_BUFLEN);
}

virNetworkPortPtr
remoteNetworkPortFromWire(virConnectPtr conn, const remote_nonnull_network_port *wire)
{
    virNetworkPtr net = remoteNetworkFromWire(conn, &wire->net);
    virNetworkPortPtr port = virNetworkPortNewObject(net, (const unsigned char *)wire->uuid);

    virNetworkFree(net);    /* the port holds its own reference */
    return port;
}

/* The connection to dispatch an error on, for a network that may be bad. */
static virConnectPtr
networkConn(virNetworkPtr net)
{
    return net ? net->conn : NULL;
}

static virConnectPtr
networkPortConn(virNetworkPortPtr port)
{
    return port && port->net ? port->net->conn : NULL;
}

/* ------------------------------------------------------------------ */
/* Handles                                                             */

static virConnectPtr
networkHandleConn(virNetworkPtr net)
{
    return net->conn;
}

static void
networkDispose(virNetworkPtr net)
{
    virConnectClose(net->conn);
    g_free(net->name);
    g_free(net);
}

static const virHandleClass networkClass =
    VIR_HANDLE_CLASS(virNetwork, virCheckNetwork, networkHandleConn, networkDispose,
                     offsetof(virNetwork, name));

int
virNetworkRef(virNetworkPtr net)
{
    return virHandleRef(&networkClass, net, __func__);
}

int
virNetworkFree(virNetworkPtr net)
{
    return virHandleFree(&networkClass, net, __func__);
}

virConnectPtr
virNetworkGetConnect(virNetworkPtr net)
{
    return virHandleGetConnect(&networkClass, net, __func__);
}

const char *
virNetworkGetName(virNetworkPtr net)
{
    return virHandleGetName(&networkClass, net, __func__);
}

int
virNetworkGetUUID(virNetworkPtr net, unsigned char *uuid)
{
    return virHandleGetUUID(&networkClass, net, uuid, __func__);
}

int
virNetworkGetUUIDString(virNetworkPtr net, char *buf)
{
    return virHandleGetUUIDString(&networkClass, net, buf, __func__);
}

/* ------------------------------------------------------------------ */
/* Shared shapes                                                       */

/* A call on the connection that answers with a network. */
static virNetworkPtr
networkFromCall(virConnectPtr conn, const char *func, bool write, int proc,
                xdrproc_t argsFilter, void *args, xdrproc_t retFilter)
{
    remote_nonnull_network ret = { 0 };     /* every such ret struct is just the network */
    virNetworkPtr net;

    virResetLastError();
    if (!virCheckConnect(conn, func) ||
        (write && !virCheckReadWrite(conn, VIR_FROM_NETWORK, func)) ||
        remoteCall(conn, proc, argsFilter, args, retFilter, &ret) < 0) {
        virDispatchError(conn);
        return NULL;
    }
    net = remoteNetworkFromWire(conn, &ret);
    xdr_free((xdrproc_t)xdr_remote_nonnull_network, (char *)&ret);
    return net;
}

/* A call whose only argument is the network, answering void or one int
 * (stored in *result when given). */
static int
networkCall(virNetworkPtr net, const char *func, bool write, int proc, int *result)
{
    remote_network_create_args args;    /* every such args struct is just the network */
    int value = 0;

    virResetLastError();
    if (!virCheckNetwork(net, func) ||
        (write && !virCheckReadWrite(net->conn, VIR_FROM_NETWORK, func)))
        goto error;
    remoteNetworkToWire(&args.net, net);
    if (remoteCall(net->conn, proc, (xdrproc_t)xdr_remote_network_create_args, &args,
                   result ? (xdrproc_t)xdr_int : (xdrproc_t)xdr_void,
                   result ? (void *)&value : NULL) < 0)
        goto error;
    if (result)
        *result = value;
    return 0;

 error:
    virDispatchError(networkConn(net));
    return -1;
}

/* ------------------------------------------------------------------ */
/* Listing and lookup                                                  */

static int
networkCount(virConnectPtr conn, const char *func, int proc)
{
    int num = 0;    /* both ret structs hold one int */

    virResetLastError();
    if (!virCheckConnect(conn, func) ||
        remoteCall(conn, proc, (xdrproc_t)xdr_void, NULL, (xdrproc_t)xdr_int, &num) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return num;
}

int
virConnectNumOfNetworks(virConnectPtr conn)
{
    return networkCount(conn, __func__, REMOTE_PROC_CONNECT_NUM_OF_NETWORKS);
}

int
virConnectNumOfDefinedNetworks(virConnectPtr conn)
{
    return networkCount(conn, __func__, REMOTE_PROC_CONNECT_NUM_OF_DEFINED_NETWORKS);
}

/* Both name lists: their args are { int maxnames; }, their ret { names<>; }. */
static int
networkListNames(virConnectPtr conn, const char *func, int proc, char **const names,
                 int maxnames)
{
    remote_connect_list_networks_args args = { .maxnames = maxnames };
    remote_connect_list_networks_ret ret = { 0 };
    int n;
    int i;

    virResetLastError();
    if (!virCheckConnect(conn, func))
        goto error;
    if (maxnames < 0 || (maxnames && !names)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "invalid names or maxnames");
        goto error;
    }
    if (remoteCall(conn, proc, (xdrproc_t)xdr_remote_connect_list_networks_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_networks_ret, &ret) < 0)
        goto error;
    n = MIN((int)ret.names.names_len, maxnames);
    for (i = 0; i < n; i++)
        names[i] = g_strdup(ret.names.names_val[i]);
    xdr_free((xdrproc_t)xdr_remote_connect_list_networks_ret, (char *)&ret);
    return n;

 error:
    virDispatchError(conn);
    return -1;
}

G_STATIC_ASSERT(sizeof(remote_connect_list_networks_args) ==
                sizeof(remote_connect_list_defined_networks_args));
G_STATIC_ASSERT(sizeof(remote_connect_list_networks_ret) ==
                sizeof(remote_connect_list_defined_networks_ret));

int
virConnectListNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return networkListNames(conn, __func__, REMOTE_PROC_CONNECT_LIST_NETWORKS, names,
                            maxnames);
}

int
virConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    return networkListNames(conn, __func__, REMOTE_PROC_CONNECT_LIST_DEFINED_NETWORKS, names,
                            maxnames);
}

int
virConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
{
    remote_connect_list_all_networks_args args = { .need_results = !!nets, .flags = flags };
    remote_connect_list_all_networks_ret ret = { 0 };
    size_t i;

    virResetLastError();
    if (nets)
        *nets = NULL;
    if (!virCheckConnect(conn, __func__) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_LIST_ALL_NETWORKS,
                   (xdrproc_t)xdr_remote_connect_list_all_networks_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_all_networks_ret, &ret) < 0) {
        virDispatchError(conn);
        return -1;
    }
    if (nets) {
        *nets = g_new0(virNetworkPtr, ret.nets.nets_len + 1);
        for (i = 0; i < ret.nets.nets_len; i++)
            (*nets)[i] = remoteNetworkFromWire(conn, &ret.nets.nets_val[i]);
    }
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_networks_ret, (char *)&ret);
    return ret.ret;
}

virNetworkPtr
virNetworkLookupByName(virConnectPtr conn, const char *name)
{
    remote_network_lookup_by_name_args args = { .name = (char *)name };

    if (!name) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "name must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    return networkFromCall(conn, __func__, false, REMOTE_PROC_NETWORK_LOOKUP_BY_NAME,
                           (xdrproc_t)xdr_remote_network_lookup_by_name_args, &args,
                           (xdrproc_t)xdr_remote_network_lookup_by_name_ret);
}

virNetworkPtr
virNetworkLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    remote_network_lookup_by_uuid_args args;

    if (!uuid) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "uuid must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    memcpy(args.uuid, uuid, VIR_UUID_BUFLEN);
    return networkFromCall(conn, __func__, false, REMOTE_PROC_NETWORK_LOOKUP_BY_UUID,
                           (xdrproc_t)xdr_remote_network_lookup_by_uuid_args, &args,
                           (xdrproc_t)xdr_remote_network_lookup_by_uuid_ret);
}

virNetworkPtr
virNetworkLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (!uuidstr || virUUIDParse(uuidstr, uuid) < 0) {
        virResetLastError();
        virErrorReportRaw(VIR_FROM_NETWORK, VIR_ERR_INVALID_ARG,
                          "uuidstr in %s must be a valid UUID", __func__);
        virDispatchError(conn);
        return NULL;
    }
    return virNetworkLookupByUUID(conn, uuid);
}

/* ------------------------------------------------------------------ */
/* Definition and life cycle                                           */

/* The four XML calls take { str xml } or { str xml, uint flags } and
 * answer { NET net }. */
static virNetworkPtr
networkFromXML(virConnectPtr conn, const char *func, int proc, bool withFlags,
               const char *xml, unsigned int flags)
{
    remote_network_define_xml_flags_args args = { .xml = (char *)xml, .flags = flags };

    if (!xml) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "xmlDesc must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    return networkFromCall(conn, func, true, proc,
                           withFlags ? (xdrproc_t)xdr_remote_network_define_xml_flags_args :
                                       (xdrproc_t)xdr_remote_network_define_xml_args,
                           &args, (xdrproc_t)xdr_remote_network_define_xml_ret);
}

G_STATIC_ASSERT(offsetof(remote_network_define_xml_flags_args, xml) ==
                offsetof(remote_network_define_xml_args, xml));
G_STATIC_ASSERT(sizeof(remote_network_create_xml_flags_args) ==
                sizeof(remote_network_define_xml_flags_args));

virNetworkPtr
virNetworkCreateXML(virConnectPtr conn, const char *xmlDesc)
{
    return networkFromXML(conn, __func__, REMOTE_PROC_NETWORK_CREATE_XML, false, xmlDesc, 0);
}

virNetworkPtr
virNetworkCreateXMLFlags(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    return networkFromXML(conn, __func__, REMOTE_PROC_NETWORK_CREATE_XML_FLAGS, true,
                          xmlDesc, flags);
}

virNetworkPtr
virNetworkDefineXML(virConnectPtr conn, const char *xmlDesc)
{
    return networkFromXML(conn, __func__, REMOTE_PROC_NETWORK_DEFINE_XML, false, xmlDesc, 0);
}

virNetworkPtr
virNetworkDefineXMLFlags(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    return networkFromXML(conn, __func__, REMOTE_PROC_NETWORK_DEFINE_XML_FLAGS, true,
                          xmlDesc, flags);
}

int
virNetworkUndefine(virNetworkPtr net)
{
    return networkCall(net, __func__, true, REMOTE_PROC_NETWORK_UNDEFINE, NULL);
}

int
virNetworkCreate(virNetworkPtr net)
{
    return networkCall(net, __func__, true, REMOTE_PROC_NETWORK_CREATE, NULL);
}

int
virNetworkDestroy(virNetworkPtr net)
{
    return networkCall(net, __func__, true, REMOTE_PROC_NETWORK_DESTROY, NULL);
}

int
virNetworkUpdate(virNetworkPtr net, unsigned int command, unsigned int section,
                 int parentIndex, const char *xml, unsigned int flags)
{
    remote_connect_supports_feature_args feat = {
        .feature = NETWORK_FEATURE_UPDATE_HAS_CORRECT_ORDER,
    };
    remote_connect_supports_feature_ret supported = { 0 };
    remote_network_update_args args = { 0 };

    virResetLastError();
    if (!virCheckNetwork(net, __func__) ||
        !virCheckReadWrite(net->conn, VIR_FROM_NETWORK, __func__))
        goto error;
    if (!xml) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "xml must not be NULL");
        goto error;
    }
    /* libvirt asks every time, and so do we: the answer decides the order. */
    if (remoteCall(net->conn, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                   (xdrproc_t)xdr_remote_connect_supports_feature_args, &feat,
                   (xdrproc_t)xdr_remote_connect_supports_feature_ret, &supported) < 0)
        goto error;
    remoteNetworkToWire(&args.net, net);
    args.command = supported.supported ? command : section;
    args.section = supported.supported ? section : command;
    args.parentIndex = parentIndex;
    args.xml = (char *)xml;
    args.flags = flags;
    if (remoteCall(net->conn, REMOTE_PROC_NETWORK_UPDATE,
                   (xdrproc_t)xdr_remote_network_update_args, &args,
                   (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(networkConn(net));
    return -1;
}

/* ------------------------------------------------------------------ */
/* Properties                                                          */

char *
virNetworkGetXMLDesc(virNetworkPtr net, unsigned int flags)
{
    remote_network_get_xml_desc_args args;
    char *xml = NULL;   /* the ret struct is just the string */

    virResetLastError();
    if (!virCheckNetwork(net, __func__))
        goto error;
    remoteNetworkToWire(&args.net, net);
    args.flags = flags;
    if (remoteCall(net->conn, REMOTE_PROC_NETWORK_GET_XML_DESC,
                   (xdrproc_t)xdr_remote_network_get_xml_desc_args, &args,
                   (xdrproc_t)xdr_remote_network_get_xml_desc_ret, &xml) < 0)
        goto error;
    return xml;

 error:
    virDispatchError(networkConn(net));
    return NULL;
}

char *
virNetworkGetBridgeName(virNetworkPtr net)
{
    remote_network_get_bridge_name_args args;
    char *name = NULL;  /* the ret struct is just the string */

    virResetLastError();
    if (!virCheckNetwork(net, __func__))
        goto error;
    remoteNetworkToWire(&args.net, net);
    if (remoteCall(net->conn, REMOTE_PROC_NETWORK_GET_BRIDGE_NAME,
                   (xdrproc_t)xdr_remote_network_get_bridge_name_args, &args,
                   (xdrproc_t)xdr_remote_network_get_bridge_name_ret, &name) < 0)
        goto error;
    return name;

 error:
    virDispatchError(networkConn(net));
    return NULL;
}

int
virNetworkGetAutostart(virNetworkPtr net, int *autostart)
{
    if (!autostart) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "autostart must not be NULL");
        virDispatchError(networkConn(net));
        return -1;
    }
    return networkCall(net, __func__, false, REMOTE_PROC_NETWORK_GET_AUTOSTART, autostart);
}

int
virNetworkSetAutostart(virNetworkPtr net, int autostart)
{
    remote_network_set_autostart_args args;

    virResetLastError();
    if (!virCheckNetwork(net, __func__) ||
        !virCheckReadWrite(net->conn, VIR_FROM_NETWORK, __func__))
        goto error;
    remoteNetworkToWire(&args.net, net);
    args.autostart = autostart;
    if (remoteCall(net->conn, REMOTE_PROC_NETWORK_SET_AUTOSTART,
                   (xdrproc_t)xdr_remote_network_set_autostart_args, &args,
                   (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(networkConn(net));
    return -1;
}

int
virNetworkIsActive(virNetworkPtr net)
{
    int active = 0;

    if (networkCall(net, __func__, false, REMOTE_PROC_NETWORK_IS_ACTIVE, &active) < 0)
        return -1;
    return active;
}

int
virNetworkIsPersistent(virNetworkPtr net)
{
    int persistent = 0;

    if (networkCall(net, __func__, false, REMOTE_PROC_NETWORK_IS_PERSISTENT, &persistent) < 0)
        return -1;
    return persistent;
}

/* ------------------------------------------------------------------ */
/* DHCP leases                                                         */

static virNetworkDHCPLeasePtr
networkLeaseFromWire(const remote_network_dhcp_lease *wire)
{
    virNetworkDHCPLeasePtr lease = g_new0(virNetworkDHCPLease, 1);

    lease->iface = g_strdup(wire->iface);
    lease->expirytime = wire->expirytime;
    lease->type = wire->type;
    lease->mac = wire->mac ? g_strdup(*wire->mac) : NULL;
    lease->iaid = wire->iaid ? g_strdup(*wire->iaid) : NULL;
    lease->ipaddr = g_strdup(wire->ipaddr);
    lease->prefix = wire->prefix;
    lease->hostname = wire->hostname ? g_strdup(*wire->hostname) : NULL;
    lease->clientid = wire->clientid ? g_strdup(*wire->clientid) : NULL;
    return lease;
}

int
virNetworkGetDHCPLeases(virNetworkPtr net, const char *mac, virNetworkDHCPLeasePtr **leases,
                        unsigned int flags)
{
    remote_network_get_dhcp_leases_args args = { 0 };
    remote_network_get_dhcp_leases_ret ret = { 0 };
    char *macArg = (char *)mac;
    size_t i;

    virResetLastError();
    if (leases)
        *leases = NULL;
    if (!virCheckNetwork(net, __func__))
        goto error;
    remoteNetworkToWire(&args.net, net);
    args.mac = mac ? &macArg : NULL;
    args.need_results = !!leases;
    args.flags = flags;
    if (remoteCall(net->conn, REMOTE_PROC_NETWORK_GET_DHCP_LEASES,
                   (xdrproc_t)xdr_remote_network_get_dhcp_leases_args, &args,
                   (xdrproc_t)xdr_remote_network_get_dhcp_leases_ret, &ret) < 0)
        goto error;
    if (leases) {
        *leases = g_new0(virNetworkDHCPLeasePtr, ret.leases.leases_len + 1);
        for (i = 0; i < ret.leases.leases_len; i++)
            (*leases)[i] = networkLeaseFromWire(&ret.leases.leases_val[i]);
    }
    xdr_free((xdrproc_t)xdr_remote_network_get_dhcp_leases_ret, (char *)&ret);
    return ret.ret;

 error:
    virDispatchError(networkConn(net));
    return -1;
}

void
virNetworkDHCPLeaseFree(virNetworkDHCPLeasePtr lease)
{
    if (!lease)
        return;
    g_free(lease->iface);
    g_free(lease->mac);
    g_free(lease->iaid);
    g_free(lease->ipaddr);
    g_free(lease->hostname);
    g_free(lease->clientid);
    g_free(lease);
}

/* ------------------------------------------------------------------ */
/* Ports                                                               */

static virConnectPtr
networkPortHandleConn(virNetworkPortPtr port)
{
    return port->net->conn;
}

static void
networkPortDispose(virNetworkPortPtr port)
{
    virNetworkFree(port->net);
    g_free(port);
}

static const virHandleClass networkPortClass =
    VIR_HANDLE_CLASS(virNetworkPort, virCheckNetworkPort, networkPortHandleConn,
                     networkPortDispose, -1);

int
virNetworkPortRef(virNetworkPortPtr port)
{
    return virHandleRef(&networkPortClass, port, __func__);
}

int
virNetworkPortFree(virNetworkPortPtr port)
{
    return virHandleFree(&networkPortClass, port, __func__);
}

int
virNetworkPortGetUUID(virNetworkPortPtr port, unsigned char *uuid)
{
    return virHandleGetUUID(&networkPortClass, port, uuid, __func__);
}

int
virNetworkPortGetUUIDString(virNetworkPortPtr port, char *buf)
{
    return virHandleGetUUIDString(&networkPortClass, port, buf, __func__);
}

virNetworkPtr
virNetworkPortGetNetwork(virNetworkPortPtr port)
{
    virResetLastError();
    if (!virCheckNetworkPort(port, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return port->net;
}

/* The call of a network (checked by the caller) that answers with a port. */
static virNetworkPortPtr
networkPortFromCall(virNetworkPtr net, int proc, xdrproc_t argsFilter, void *args,
                    xdrproc_t retFilter)
{
    remote_nonnull_network_port ret = { 0 };   /* every such ret struct is just the port */
    virNetworkPortPtr port;

    if (remoteCall(net->conn, proc, argsFilter, args, retFilter, &ret) < 0) {
        virDispatchError(net->conn);
        return NULL;
    }
    port = remoteNetworkPortFromWire(net->conn, &ret);
    xdr_free((xdrproc_t)xdr_remote_nonnull_network_port, (char *)&ret);
    return port;
}

virNetworkPortPtr
virNetworkPortLookupByUUID(virNetworkPtr net, const unsigned char *uuid)
{
    remote_network_port_lookup_by_uuid_args args;

    virResetLastError();
    if (!virCheckNetwork(net, __func__))
        goto error;
    if (!uuid) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "uuid must not be NULL");
        goto error;
    }
    remoteNetworkToWire(&args.network, net);
    memcpy(args.uuid, uuid, VIR_UUID_BUFLEN);
    return networkPortFromCall(net, REMOTE_PROC_NETWORK_PORT_LOOKUP_BY_UUID,
                               (xdrproc_t)xdr_remote_network_port_lookup_by_uuid_args, &args,
                               (xdrproc_t)xdr_remote_network_port_lookup_by_uuid_ret);

 error:
    virDispatchError(networkConn(net));
    return NULL;
}

virNetworkPortPtr
virNetworkPortLookupByUUIDString(virNetworkPtr net, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (!uuidstr || virUUIDParse(uuidstr, uuid) < 0) {
        virResetLastError();
        virErrorReportRaw(VIR_FROM_NETWORK, VIR_ERR_INVALID_ARG,
                          "uuidstr in %s must be a valid UUID", __func__);
        virDispatchError(networkConn(net));
        return NULL;
    }
    return virNetworkPortLookupByUUID(net, uuid);
}

virNetworkPortPtr
virNetworkPortCreateXML(virNetworkPtr net, const char *xmldesc, unsigned int flags)
{
    remote_network_port_create_xml_args args = { .xml = (char *)xmldesc, .flags = flags };

    virResetLastError();
    if (!virCheckNetwork(net, __func__) ||
        !virCheckReadWrite(net->conn, VIR_FROM_NETWORK, __func__))
        goto error;
    if (!xmldesc) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "xmldesc must not be NULL");
        goto error;
    }
    remoteNetworkToWire(&args.network, net);
    return networkPortFromCall(net, REMOTE_PROC_NETWORK_PORT_CREATE_XML,
                               (xdrproc_t)xdr_remote_network_port_create_xml_args, &args,
                               (xdrproc_t)xdr_remote_network_port_create_xml_ret);

 error:
    virDispatchError(networkConn(net));
    return NULL;
}

int
virNetworkListAllPorts(virNetworkPtr net, virNetworkPortPtr **ports, unsigned int flags)
{
    remote_network_list_all_ports_args args = { .need_results = !!ports, .flags = flags };
    remote_network_list_all_ports_ret ret = { 0 };
    size_t i;

    virResetLastError();
    if (ports)
        *ports = NULL;
    if (!virCheckNetwork(net, __func__))
        goto error;
    remoteNetworkToWire(&args.network, net);
    if (remoteCall(net->conn, REMOTE_PROC_NETWORK_LIST_ALL_PORTS,
                   (xdrproc_t)xdr_remote_network_list_all_ports_args, &args,
                   (xdrproc_t)xdr_remote_network_list_all_ports_ret, &ret) < 0)
        goto error;
    if (ports) {
        *ports = g_new0(virNetworkPortPtr, ret.ports.ports_len + 1);
        for (i = 0; i < ret.ports.ports_len; i++)
            (*ports)[i] = remoteNetworkPortFromWire(net->conn, &ret.ports.ports_val[i]);
    }
    xdr_free((xdrproc_t)xdr_remote_network_list_all_ports_ret, (char *)&ret);
    return ret.ret;

 error:
    virDispatchError(networkConn(net));
    return -1;
}

char *
virNetworkPortGetXMLDesc(virNetworkPortPtr port, unsigned int flags)
{
    remote_network_port_get_xml_desc_args args;
    char *xml = NULL;   /* the ret struct is just the string */

    virResetLastError();
    if (!virCheckNetworkPort(port, __func__))
        goto error;
    remoteNetworkPortToWire(&args.port, port);
    args.flags = flags;
    if (remoteCall(port->net->conn, REMOTE_PROC_NETWORK_PORT_GET_XML_DESC,
                   (xdrproc_t)xdr_remote_network_port_get_xml_desc_args, &args,
                   (xdrproc_t)xdr_remote_network_port_get_xml_desc_ret, &xml) < 0)
        goto error;
    return xml;

 error:
    virDispatchError(networkPortConn(port));
    return NULL;
}

int
virNetworkPortDelete(virNetworkPortPtr port, unsigned int flags)
{
    remote_network_port_delete_args args;

    virResetLastError();
    if (!virCheckNetworkPort(port, __func__) ||
        !virCheckReadWrite(port->net->conn, VIR_FROM_NETWORK, __func__))
        goto error;
    remoteNetworkPortToWire(&args.port, port);
    args.flags = flags;
    if (remoteCall(port->net->conn, REMOTE_PROC_NETWORK_PORT_DELETE,
                   (xdrproc_t)xdr_remote_network_port_delete_args, &args,
                   (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(networkPortConn(port));
    return -1;
}

/* ------------------------------------------------------------------ */
/* Events (the delivery is in remote_events.c)                         */

int
virConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                  virConnectNetworkEventGenericCallback cb, void *opaque,
                                  virFreeCallback freecb)
{
    int id;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        (net && !virCheckNetwork(net, __func__)) ||
        (id = remoteEventsRegister(conn, REMOTE_EVENT_NETWORK, net, eventID,
                                   (void (*)(void))cb, opaque, freecb, false)) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return id;
}

int
virConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteEventsDeregister(conn, REMOTE_EVENT_NETWORK, callbackID) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return 0;
}
