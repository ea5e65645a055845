/* Handlers of the REMOTE program: decode-side helpers, connection calls,
 * and the domain listing calls, each a thin step from the wire to a driver
 * slot. The other object calls are in remote_dispatch_<object>.c. */
#include "remote_dispatch.h"
#include "remote_client.h"

#include <string.h>
#include <unistd.h>

#include "remote_protocol.h"
#include "keepalive_protocol.h"
#include "remote_dispatch_gen.h"
#include "virlog.h"
#include "virsystoken.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.remote");

static const virStateDriver *stateDriver;
static char *defaultURI;

/* Feature numbers clients probe with CONNECT_SUPPORTS_FEATURE. */
enum {
    VIR_DRV_FEATURE_FD_PASSING = 8,
    VIR_DRV_FEATURE_TYPED_PARAM_STRING = 9,
    VIR_DRV_FEATURE_PROGRAM_KEEPALIVE = 10,
    VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK = 14,
    VIR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK = 15,
    VIR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16,
};

void
remoteDispatchInit(const virStateDriver *driver, const char *uri)
{
    stateDriver = driver;
    g_free(defaultURI);
    defaultURI = g_strdup(uri);
}

static void
remoteClientFree(gpointer opaque)
{
    virDaemonClient *priv = opaque;

    if (priv->conn) {
        if (priv->conn->driver && priv->conn->driver->connectClose)
            priv->conn->driver->connectClose(priv->conn);
        if (priv->conn->secretDriver && priv->conn->secretDriver->connectClose)
            priv->conn->secretDriver->connectClose(priv->conn);
        if (priv->conn->networkDriver && priv->conn->networkDriver->connectClose)
            priv->conn->networkDriver->connectClose(priv->conn);
        if (priv->conn->storageDriver && priv->conn->storageDriver->connectClose)
            priv->conn->storageDriver->connectClose(priv->conn);
        g_free(priv->conn->uri);
        g_free(priv->conn);
    }
    g_array_unref(priv->domainCallbacks);
    g_array_unref(priv->secretCallbacks);
    g_array_unref(priv->networkCallbacks);
    g_array_unref(priv->storageCallbacks);
    g_mutex_clear(&priv->lock);
    g_free(priv);
}

void
remoteClientAdded(virNetServer *srv, virNetServerClient *client, void *opaque)
{
    virDaemonClient *priv = g_new0(virDaemonClient, 1);

    g_mutex_init(&priv->lock);
    priv->client = client;
    priv->domainCallbacks = g_array_new(FALSE, FALSE, sizeof(virDaemonEventCallback));
    priv->secretCallbacks = g_array_new(FALSE, FALSE, sizeof(virDaemonEventCallback));
    priv->networkCallbacks = g_array_new(FALSE, FALSE, sizeof(virDaemonEventCallback));
    priv->storageCallbacks = g_array_new(FALSE, FALSE, sizeof(virDaemonEventCallback));
    virNetServerClientSetPrivateData(client, priv, remoteClientFree);
}

void
remoteClientClosed(virNetServer *srv, virNetServerClient *client, void *opaque)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);

    /* No more events for a client that is gone. */
    g_mutex_lock(&priv->lock);
    g_array_set_size(priv->domainCallbacks, 0);
    g_array_set_size(priv->secretCallbacks, 0);
    g_array_set_size(priv->networkCallbacks, 0);
    g_array_set_size(priv->storageCallbacks, 0);
    g_mutex_unlock(&priv->lock);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

virDrvConnect *
remoteClientGetConn(virNetServerClient *client)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    virDrvConnect *conn;

    g_mutex_lock(&priv->lock);
    conn = priv->conn;
    g_mutex_unlock(&priv->lock);
    if (!conn)
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s",
                           "hypervisor connection not open");
    return conn;
}

int
remoteUnsupported(const char *api)
{
    virErrorReportFull(VIR_FROM_NONE, VIR_ERR_NO_SUPPORT, "%s", api);
    return -1;
}

virDrvConnect *
remoteClientConnWith(virNetServerClient *client, size_t table, size_t offset,
                     const char *slot)
{
    virDrvConnect *conn = remoteClientGetConn(client);
    void *driver;

    if (!conn)
        return NULL;
    /* A daemon without the family's table (virtsecretd has no domains)
     * answers as for a missing slot. */
    driver = *(void **)((char *)conn + table);
    if (!driver || !*(void **)((char *)driver + offset)) {
        remoteUnsupported(slot);
        return NULL;
    }
    return conn;
}

virDrvDomain *
remoteDomainFromWire(const remote_nonnull_domain *dom)
{
    return virDrvDomainNew(dom->name, (const unsigned char *)dom->uuid, dom->id);
}

void
remoteDomainToWire(remote_nonnull_domain *wire, const virDrvDomain *dom)
{
    wire->name = g_strdup(dom->name);
    memcpy(wire->uuid, dom->uuid, VIR_UUID_BUFLEN);
    wire->id = dom->id;
}

virDrvSecret *
remoteSecretFromWire(const remote_nonnull_secret *secret)
{
    return virDrvSecretNew((const unsigned char *)secret->uuid, secret->usageType,
                           secret->usageID);
}

void
remoteSecretToWire(remote_nonnull_secret *wire, const virDrvSecret *secret)
{
    memcpy(wire->uuid, secret->uuid, VIR_UUID_BUFLEN);
    wire->usageType = secret->usageType;
    wire->usageID = g_strdup(secret->usageID);
}

virDrvNetwork *
remoteNetworkFromWire(const remote_nonnull_network *net)
{
    return virDrvNetworkNew(net->name, (const unsigned char *)net->uuid);
}

void
remoteNetworkToWire(remote_nonnull_network *wire, const virDrvNetwork *net)
{
    wire->name = g_strdup(net->name);
    memcpy(wire->uuid, net->uuid, VIR_UUID_BUFLEN);
}

virDrvNetworkPort *
remoteNetworkPortFromWire(const remote_nonnull_network_port *port)
{
    return virDrvNetworkPortNew(port->net.name, (const unsigned char *)port->net.uuid,
                                (const unsigned char *)port->uuid);
}

void
remoteNetworkPortToWire(remote_nonnull_network_port *wire, const virDrvNetworkPort *port)
{
    remoteNetworkToWire(&wire->net, port->net);
    memcpy(wire->uuid, port->uuid, VIR_UUID_BUFLEN);
}

virDrvStoragePool *
remoteStoragePoolFromWire(const remote_nonnull_storage_pool *pool)
{
    return virDrvStoragePoolNew(pool->name, (const unsigned char *)pool->uuid);
}

void
remoteStoragePoolToWire(remote_nonnull_storage_pool *wire, const virDrvStoragePool *pool)
{
    wire->name = g_strdup(pool->name);
    memcpy(wire->uuid, pool->uuid, VIR_UUID_BUFLEN);
}

virDrvStorageVol *
remoteStorageVolFromWire(const remote_nonnull_storage_vol *vol)
{
    return virDrvStorageVolNew(vol->pool, vol->name, vol->key);
}

void
remoteStorageVolToWire(remote_nonnull_storage_vol *wire, const virDrvStorageVol *vol)
{
    wire->pool = g_strdup(vol->pool);
    wire->name = g_strdup(vol->name);
    wire->key = g_strdup(vol->key);
}

/* XDR char arrays: the text with its NUL, as libvirt sends it. */
static void
remoteCharArray(const char *str, u_int *len, char **val)
{
    *len = strlen(str) + 1;
    *val = g_strdup(str);
}

/* ------------------------------------------------------------------ */
/* Connection                                                          */

int
remoteDispatchAuthList(virNetServer *server, virNetServerClient *client,
                       virNetMessage *msg, void *args, remote_auth_list_ret *ret)
{
    /* UNIX sockets use auth "none": the socket's permissions decide who
     * gets in, so asking for the list is the whole handshake. */
    virNetServerClientSetAuthenticated(client);
    ret->types.types_len = 1;
    ret->types.types_val = g_new0(int, 1);
    ret->types.types_val[0] = 0;
    return 0;
}

/* Splits "qemu+unix://host/system?x" into scheme "qemu" and path "/system". */
static int
remoteParseURI(const char *uri, char **scheme, char **path)
{
    const char *sep = strstr(uri, "://");
    const char *p;
    size_t plus;

    if (!sep || sep == uri) {
        virErrorReportFull(VIR_FROM_URI, VIR_ERR_INTERNAL_ERROR,
                           "Unable to parse URI %s", uri);
        return -1;
    }
    plus = strcspn(uri, "+");
    *scheme = g_strndup(uri, MIN(plus, (size_t)(sep - uri)));
    p = strchr(sep + 3, '/');
    *path = g_strndup(p ? p : "/", p ? strcspn(p, "?#") : 1);
    return 0;
}

/* Offers the URI to the daemon's tables in turn; the first that takes it
 * serves the connection, with every other table the daemon has (a
 * hypervisor connection also reaches the daemon's own secrets, as in
 * libvirtd). */
static virDrvOpenStatus
remoteConnectOpenDrivers(virDrvConnect *conn, const char *scheme, const char *path)
{
    const virHypervisorDriver *hypervisor = stateDriver->hypervisor;
    const virSecretDriver *secret = stateDriver->secret;
    const virNetworkDriver *network = stateDriver->network;
    const virStorageDriver *storage = stateDriver->storage;
    virDrvOpenStatus rc = VIR_DRV_OPEN_DECLINED;

    if (hypervisor && hypervisor->connectOpen &&
        (rc = hypervisor->connectOpen(conn, scheme, path, conn->flags)) != VIR_DRV_OPEN_DECLINED) {
        conn->driver = hypervisor;
        conn->secretDriver = rc == VIR_DRV_OPEN_SUCCESS ? secret : NULL;
        return rc;
    }
    if (secret && secret->connectOpen &&
        (rc = secret->connectOpen(conn, scheme, path, conn->flags)) != VIR_DRV_OPEN_DECLINED) {
        conn->secretDriver = secret;
        return rc;
    }
    if (network && network->connectOpen &&
        (rc = network->connectOpen(conn, scheme, path, conn->flags)) != VIR_DRV_OPEN_DECLINED) {
        conn->networkDriver = network;
        return rc;
    }
    if (storage && storage->connectOpen &&
        (rc = storage->connectOpen(conn, scheme, path, conn->flags)) != VIR_DRV_OPEN_DECLINED) {
        conn->storageDriver = storage;
        /* Storage may use the daemon's own secrets (as libvirt's does). */
        conn->secretDriver = rc == VIR_DRV_OPEN_SUCCESS ? secret : NULL;
        return rc;
    }
    return rc;
}

int
remoteDispatchConnectOpen(virNetServer *server, virNetServerClient *client,
                          virNetMessage *msg, remote_connect_open_args *args,
                          void *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    const char *name = args->name && **args->name ? *args->name : defaultURI;
    g_autofree char *scheme = NULL;
    g_autofree char *path = NULL;
    g_autofree virDrvConnect *conn = NULL;
    virDrvOpenStatus rc;

    g_mutex_lock(&priv->lock);
    if (priv->conn) {
        g_mutex_unlock(&priv->lock);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s",
                           "connection already open");
        return -1;
    }
    g_mutex_unlock(&priv->lock);

    if (remoteParseURI(name, &scheme, &path) < 0)
        return -1;

    conn = g_new0(virDrvConnect, 1);
    conn->flags = args->flags;
    if (virNetServerClientIsReadonly(client))
        conn->flags |= VIR_CONNECT_RO;

    rc = remoteConnectOpenDrivers(conn, scheme, path);
    if (rc == VIR_DRV_OPEN_ERROR)
        return -1;
    if (rc == VIR_DRV_OPEN_DECLINED) {
        virErrorReportFull(VIR_FROM_NONE, VIR_ERR_NO_CONNECT, "%s", name);
        return -1;
    }
    conn->uri = g_strdup_printf("%s://%s", scheme, path);

    g_mutex_lock(&priv->lock);
    conn->elevated = priv->elevated;
    priv->conn = g_steal_pointer(&conn);
    g_mutex_unlock(&priv->lock);
    return 0;
}

int
remoteDispatchConnectClose(virNetServer *server, virNetServerClient *client,
                           virNetMessage *msg, void *args, void *ret)
{
    /* Reply first, then the socket goes (clients expect both). */
    virNetServerClientCloseAfterFlush(client);
    return 0;
}

int
remoteDispatchConnectSupportsFeature(virNetServer *server, virNetServerClient *client,
                                     virNetMessage *msg,
                                     remote_connect_supports_feature_args *args,
                                     remote_connect_supports_feature_ret *ret)
{
    virDrvConnect *conn;

    /* Keepalive belongs to the RPC layer and may be asked before the open. */
    if (args->feature == VIR_DRV_FEATURE_PROGRAM_KEEPALIVE) {
        virNetServerClientStartKeepAlive(client);
        ret->supported = 1;
        return 0;
    }
    if (!(conn = remoteClientGetConn(client)))
        return -1;

    switch (args->feature) {
    case VIR_DRV_FEATURE_TYPED_PARAM_STRING:
    case VIR_DRV_FEATURE_REMOTE_EVENT_CALLBACK:
    case VIR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK:
    case VIR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER:
        ret->supported = 1;
        break;
    default:
        ret->supported = conn->driver && conn->driver->connectSupportsFeature ?
            conn->driver->connectSupportsFeature(conn, args->feature) : 0;
        if (ret->supported < 0)
            return -1;
        break;
    }
    return 0;
}

int
remoteDispatchConnectGetType(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, void *args,
                             remote_connect_get_type_ret *ret)
{
    virDrvConnect *conn = remoteClientGetConn(client);

    if (!conn)
        return -1;
    /* A secondary driver's daemon names its own table ("secret", "network",
     * "storage"). */
    if (conn->driver)
        ret->type = g_strdup(conn->driver->name);
    else if (conn->storageDriver)
        ret->type = g_strdup(conn->storageDriver->name);
    else if (conn->secretDriver)
        ret->type = g_strdup(conn->secretDriver->name);
    else
        ret->type = g_strdup(conn->networkDriver->name);
    return 0;
}

int
remoteDispatchConnectGetVersion(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, void *args,
                                remote_connect_get_version_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, connectGetVersion);
    unsigned long long ver;

    if (!conn || conn->driver->connectGetVersion(conn, &ver) < 0)
        return -1;
    ret->hv_ver = ver;
    return 0;
}

int
remoteDispatchConnectGetLibVersion(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg, void *args,
                                   remote_connect_get_lib_version_ret *ret)
{
    if (!remoteClientGetConn(client))
        return -1;
    ret->lib_ver = VIR_LIB_VERSION;
    return 0;
}

int
remoteDispatchConnectGetHostname(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, void *args,
                                 remote_connect_get_hostname_ret *ret)
{
    char name[256] = "";

    if (!remoteClientGetConn(client))
        return -1;
    if (gethostname(name, sizeof(name) - 1) < 0) {
        virErrorReportSystemFull(VIR_FROM_NONE, errno, "%s", "failed to determine host name");
        return -1;
    }
    ret->hostname = g_strdup(name);
    return 0;
}

int
remoteDispatchConnectGetURI(virNetServer *server, virNetServerClient *client,
                            virNetMessage *msg, void *args,
                            remote_connect_get_uri_ret *ret)
{
    virDrvConnect *conn = remoteClientGetConn(client);

    if (!conn)
        return -1;
    ret->uri = g_strdup(conn->uri);
    return 0;
}

int
remoteDispatchConnectIsSecure(virNetServer *server, virNetServerClient *client,
                              virNetMessage *msg, void *args,
                              remote_connect_is_secure_ret *ret)
{
    if (!remoteClientGetConn(client))
        return -1;
    ret->secure = 1;    /* UNIX sockets only, so far */
    return 0;
}

int
remoteDispatchConnectDomainXMLToNative(virNetServer *server, virNetServerClient *client,
                                       virNetMessage *msg,
                                       remote_connect_domain_xml_to_native_args *args,
                                       remote_connect_domain_xml_to_native_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, connectDomainXMLToNative);

    if (!conn)
        return -1;
    ret->nativeConfig = conn->driver->connectDomainXMLToNative(conn, args->nativeFormat,
                                                               args->domainXml, args->flags);
    return ret->nativeConfig ? 0 : -1;
}

int
remoteDispatchConnectGetSysinfo(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_connect_get_sysinfo_args *args,
                                remote_connect_get_sysinfo_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, connectGetSysinfo);

    if (!conn)
        return -1;
    return (ret->sysinfo = conn->driver->connectGetSysinfo(conn, args->flags)) ? 0 : -1;
}

int
remoteDispatchConnectGetMaxVcpus(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_connect_get_max_vcpus_args *args,
                                 remote_connect_get_max_vcpus_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, connectGetMaxVcpus);

    if (!conn)
        return -1;
    ret->max_vcpus = conn->driver->connectGetMaxVcpus(conn, args->type ? *args->type : NULL);
    return ret->max_vcpus < 0 ? -1 : 0;
}

int
remoteDispatchConnectGetCapabilities(virNetServer *server, virNetServerClient *client,
                                     virNetMessage *msg, void *args,
                                     remote_connect_get_capabilities_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, connectGetCapabilities);

    if (!conn)
        return -1;
    return (ret->capabilities = conn->driver->connectGetCapabilities(conn)) ? 0 : -1;
}

int
remoteDispatchConnectGetDomainCapabilities(virNetServer *server, virNetServerClient *client,
                                           virNetMessage *msg,
                                           remote_connect_get_domain_capabilities_args *args,
                                           remote_connect_get_domain_capabilities_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, connectGetDomainCapabilities);

    if (!conn)
        return -1;
    ret->capabilities = conn->driver->connectGetDomainCapabilities(conn,
        args->emulatorbin ? *args->emulatorbin : NULL,
        args->arch ? *args->arch : NULL,
        args->machine ? *args->machine : NULL,
        args->virttype ? *args->virttype : NULL,
        args->flags);
    return ret->capabilities ? 0 : -1;
}

int
remoteDispatchNodeGetInfo(virNetServer *server, virNetServerClient *client,
                          virNetMessage *msg, void *args, remote_node_get_info_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, nodeGetInfo);
    virDriverNodeInfo info = { 0 };

    if (!conn || conn->driver->nodeGetInfo(conn, &info) < 0)
        return -1;
    memcpy(ret->model, info.model, sizeof(ret->model));
    ret->memory = info.memory;
    ret->cpus = info.cpus;
    ret->mhz = info.mhz;
    ret->nodes = info.nodes;
    ret->sockets = info.sockets;
    ret->cores = info.cores;
    ret->threads = info.threads;
    return 0;
}

int
remoteDispatchNodeGetCPUMap(virNetServer *server, virNetServerClient *client,
                            virNetMessage *msg, remote_node_get_cpu_map_args *args,
                            remote_node_get_cpu_map_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, nodeGetCPUMap);
    g_autofree unsigned char *map = NULL;
    unsigned int online = 0;
    int n;

    if (!conn ||
        (n = conn->driver->nodeGetCPUMap(conn, args->need_map ? &map : NULL,
                                         args->need_online ? &online : NULL, args->flags)) < 0)
        return -1;
    if (map) {
        ret->cpumap.cpumap_len = VIR_CPU_MAPLEN(n);
        ret->cpumap.cpumap_val = (char *)g_steal_pointer(&map);
    }
    ret->online = online;
    ret->ret = n;
    return 0;
}

int
remoteDispatchNodeGetFreeMemory(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, void *args,
                                remote_node_get_free_memory_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, nodeGetFreeMemory);

    if (!conn)
        return -1;
    ret->freeMem = conn->driver->nodeGetFreeMemory(conn);
    return ret->freeMem == 0 ? -1 : 0;
}

int
remoteDispatchNodeGetSecurityModel(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg, void *args,
                                   remote_node_get_security_model_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, nodeGetSecurityModel);
    g_autofree char *model = NULL;
    g_autofree char *doi = NULL;

    if (!conn || conn->driver->nodeGetSecurityModel(conn, &model, &doi) < 0)
        return -1;
    remoteCharArray(model, &ret->model.model_len, &ret->model.model_val);
    remoteCharArray(doi, &ret->doi.doi_len, &ret->doi.doi_val);
    return 0;
}

int
remoteDispatchConnectRegisterCloseCallback(virNetServer *server, virNetServerClient *client,
                                           virNetMessage *msg, void *args, void *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);

    if (!remoteClientGetConn(client))
        return -1;
    g_mutex_lock(&priv->lock);
    priv->closeCallback = true;
    g_mutex_unlock(&priv->lock);
    return 0;
}

int
remoteDispatchConnectUnregisterCloseCallback(virNetServer *server, virNetServerClient *client,
                                             virNetMessage *msg, void *args, void *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);

    if (!remoteClientGetConn(client))
        return -1;
    g_mutex_lock(&priv->lock);
    priv->closeCallback = false;
    g_mutex_unlock(&priv->lock);
    return 0;
}

/* The system token among the identity params: 1 and *token when there,
 * 0 when not, -1 reported for one that is not a string. */
static int
remoteIdentityToken(remote_connect_set_identity_args *args, const char **token)
{
    u_int i;

    for (i = 0; i < args->params.params_len; i++) {
        remote_typed_param *param = &args->params.params_val[i];

        if (strcmp(param->field, "system.token") != 0)
            continue;
        if (param->value.type != VIR_TYPED_PARAM_STRING) {
            virErrorReportFull(VIR_FROM_ACCESS, VIR_ERR_ACCESS_DENIED, "%s",
                               "the system token must be a string");
            return -1;
        }
        *token = param->value.remote_typed_param_value_u.s;
        return 1;
    }
    return 0;
}

int
remoteDispatchConnectSetIdentity(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_connect_set_identity_args *args,
                                 void *ret)
{
    virDaemonClient *priv = virNetServerClientGetPrivateData(client);
    g_autofree char *real = NULL;
    const char *token = NULL;
    bool elevated;
    uid_t uid;
    gid_t gid;
    pid_t pid;
    int rc;

    /* Only another daemon of this host (root) may speak for its callers;
     * acting on the forwarded identity comes with access control. */
    if (virNetServerClientGetUnixIdentity(client, &uid, &gid, &pid) < 0)
        return -1;
    if (uid != 0) {
        virErrorReportFull(VIR_FROM_ACCESS, VIR_ERR_ACCESS_DENIED, "%s",
                           "only a privileged client may set the identity");
        return -1;
    }
    /* A daemon acting for itself proves it with the system token; a
     * forwarded client identity never carries one, and replaces any
     * earlier elevation. */
    if ((rc = remoteIdentityToken(args, &token)) < 0)
        return -1;
    elevated = rc > 0;
    if (elevated) {
        if (virSystemTokenGet(&real) < 0)
            return -1;
        if (!virSystemTokenEqual(token, real)) {
            VIR_WARN("client %llu presented a wrong system token",
                     virNetServerClientGetID(client));
            virErrorReportFull(VIR_FROM_ACCESS, VIR_ERR_ACCESS_DENIED, "%s",
                               "the system token does not match");
            return -1;
        }
    }
    g_mutex_lock(&priv->lock);
    priv->elevated = elevated;
    if (priv->conn)
        priv->conn->elevated = elevated;
    g_mutex_unlock(&priv->lock);
    VIR_DEBUG("client %llu identity set%s", virNetServerClientGetID(client),
              elevated ? " (elevated daemon)" : "");
    return 0;
}

/* ------------------------------------------------------------------ */
/* Domain listing and lookup                                           */

int
remoteDispatchConnectListAllDomains(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_connect_list_all_domains_args *args,
                                    remote_connect_list_all_domains_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, connectListAllDomains);
    virDrvDomain **refs = NULL;
    int n;
    int i;

    if (!conn || (n = conn->driver->connectListAllDomains(conn, &refs, args->flags)) < 0)
        return -1;
    if (n > REMOTE_DOMAIN_LIST_MAX) {
        for (i = 0; i < n; i++)
            virDrvDomainFree(refs[i]);
        g_free(refs);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC,
                           "Too many domains '%d' for limit '%d'", n, REMOTE_DOMAIN_LIST_MAX);
        return -1;
    }
    if (args->need_results) {
        ret->domains.domains_len = n;
        ret->domains.domains_val = g_new0(remote_nonnull_domain, MAX(n, 1));
        for (i = 0; i < n; i++)
            remoteDomainToWire(&ret->domains.domains_val[i], refs[i]);
    }
    ret->ret = n;
    for (i = 0; i < n; i++)
        virDrvDomainFree(refs[i]);
    g_free(refs);
    return 0;
}

/* The older listing calls, in terms of the one above: the domains
 * matching flags, at most max of them (max < 0: all). */
static int
remoteDomainRefsCollect(virNetServerClient *client, unsigned int flags, int max,
                        virDrvDomain ***refs)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, connectListAllDomains);
    int n;

    if (!conn)
        return -1;
    if (max > REMOTE_DOMAIN_LIST_MAX) {
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC, "%s",
                           "maximum > REMOTE_DOMAIN_LIST_MAX");
        return -1;
    }
    if ((n = conn->driver->connectListAllDomains(conn, refs, flags)) < 0)
        return -1;
    if (max >= 0 && n > max) {
        int i;

        for (i = max; i < n; i++)
            virDrvDomainFree((*refs)[i]);
        n = max;
    }
    return n;
}

static void
remoteRefsFree(virDrvDomain **refs, int n)
{
    int i;

    for (i = 0; i < n; i++)
        virDrvDomainFree(refs[i]);
    g_free(refs);
}

static int
remoteDomainCount(virNetServerClient *client, unsigned int flags, int *num)
{
    virDrvDomain **refs = NULL;
    int n = remoteDomainRefsCollect(client, flags, -1, &refs);

    if (n < 0)
        return -1;
    remoteRefsFree(refs, n);
    *num = n;
    return 0;
}

int
remoteDispatchConnectNumOfDomains(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, void *args,
                                  remote_connect_num_of_domains_ret *ret)
{
    return remoteDomainCount(client, VIR_CONNECT_LIST_DOMAINS_ACTIVE, &ret->num);
}

int
remoteDispatchConnectNumOfDefinedDomains(virNetServer *server, virNetServerClient *client,
                                         virNetMessage *msg, void *args,
                                         remote_connect_num_of_defined_domains_ret *ret)
{
    return remoteDomainCount(client, VIR_CONNECT_LIST_DOMAINS_INACTIVE, &ret->num);
}

int
remoteDispatchConnectListDomains(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_connect_list_domains_args *args,
                                 remote_connect_list_domains_ret *ret)
{
    virDrvDomain **refs = NULL;
    int n = remoteDomainRefsCollect(client, VIR_CONNECT_LIST_DOMAINS_ACTIVE,
                                    MAX(args->maxids, 0), &refs);
    int i;

    if (n < 0)
        return -1;
    ret->ids.ids_len = n;
    ret->ids.ids_val = g_new0(int, MAX(n, 1));
    for (i = 0; i < n; i++)
        ret->ids.ids_val[i] = refs[i]->id;
    remoteRefsFree(refs, n);
    return 0;
}

int
remoteDispatchConnectListDefinedDomains(virNetServer *server, virNetServerClient *client,
                                        virNetMessage *msg,
                                        remote_connect_list_defined_domains_args *args,
                                        remote_connect_list_defined_domains_ret *ret)
{
    virDrvDomain **refs = NULL;
    int n = remoteDomainRefsCollect(client, VIR_CONNECT_LIST_DOMAINS_INACTIVE,
                                    MAX(args->maxnames, 0), &refs);
    int i;

    if (n < 0)
        return -1;
    ret->names.names_len = n;
    ret->names.names_val = g_new0(char *, MAX(n, 1));
    for (i = 0; i < n; i++)
        ret->names.names_val[i] = g_strdup(refs[i]->name);
    remoteRefsFree(refs, n);
    return 0;
}

int
remoteDispatchDomainLookupByName(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_lookup_by_name_args *args,
                                 remote_domain_lookup_by_name_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainLookupByName);
    g_autoptr(virDrvDomain) dom = NULL;

    if (!conn || !(dom = conn->driver->domainLookupByName(conn, args->name)))
        return -1;
    remoteDomainToWire(&ret->dom, dom);
    return 0;
}

int
remoteDispatchDomainLookupByUUID(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_lookup_by_uuid_args *args,
                                 remote_domain_lookup_by_uuid_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainLookupByUUID);
    g_autoptr(virDrvDomain) dom = NULL;

    if (!conn || !(dom = conn->driver->domainLookupByUUID(conn, (unsigned char *)args->uuid)))
        return -1;
    remoteDomainToWire(&ret->dom, dom);
    return 0;
}

int
remoteDispatchDomainLookupByID(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_domain_lookup_by_id_args *args,
                               remote_domain_lookup_by_id_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainLookupByID);
    g_autoptr(virDrvDomain) dom = NULL;

    if (!conn || !(dom = conn->driver->domainLookupByID(conn, args->id)))
        return -1;
    remoteDomainToWire(&ret->dom, dom);
    return 0;
}
