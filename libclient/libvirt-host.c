/* Opening connections and the host-level API. A connection is one RPC
 * client to the daemon the URI names; opening follows libvirt's order:
 * the caller's name (through aliases), LIBVIRT_DEFAULT_URI, uri_default,
 * and otherwise whichever hypervisor daemon answers. */
#include "datatypes.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "client_config.h"
#include "event_impl.h"
#include "remote_call.h"
#include "remote_sockets.h"
#include "virfile.h"
#include "virlog.h"
#include "viruri.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("libclient.host");

/* ------------------------------------------------------------------ */
/* Objects and checks                                                  */

virConnectPtr
virConnectNewObject(void)
{
    virConnectPtr conn = g_new0(virConnect, 1);

    conn->refs = 1;
    g_mutex_init(&conn->lock);
    return conn;
}

bool
virCheckConnect(virConnectPtr conn, const char *func)
{
    if (conn && g_atomic_int_get(&conn->refs) > 0 && conn->client)
        return true;
    virErrorReportFull(VIR_FROM_NONE, VIR_ERR_INVALID_CONN, "%s", func);
    return false;
}

bool
virCheckReadWrite(virConnectPtr conn, int domain, const char *func)
{
    if (!(conn->flags & VIR_CONNECT_RO))
        return true;
    virErrorReportFull(domain, VIR_ERR_OPERATION_DENIED,
                       "read only access prevents %s", func);
    return false;
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

int
virInitialize(void)
{
    return 0;
}

int
virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    virResetLastError();
    if (libVer)
        *libVer = LIBVIR_VERSION_NUMBER;
    if (typeVer)
        *typeVer = LIBVIR_VERSION_NUMBER;
    return 0;
}

/* The user's config file: the system one for root, else per user; under
 * LIBVIRT_CLIENT_ROOT when set (tests run clients against a scratch root). */
static char *
virConnectConfigPath(void)
{
    return virClientConfigGetPath(geteuid() == 0, g_getenv("LIBVIRT_CLIENT_ROOT"));
}

static int
virConnectHandshake(virConnectPtr conn, const char *name, unsigned int flags)
{
    remote_auth_list_ret auth = { 0 };
    remote_connect_supports_feature_args feat = { 0 };
    remote_connect_supports_feature_ret supported = { 0 };
    remote_connect_open_args open = { 0 };
    remote_connect_get_uri_ret uri = { 0 };
    char *nameArg = (char *)name;
    size_t i;

    if (remoteCall(conn, REMOTE_PROC_AUTH_LIST, (xdrproc_t)xdr_void, NULL,
                   (xdrproc_t)xdr_remote_auth_list_ret, &auth) < 0)
        return -1;
    for (i = 0; i < auth.types.types_len; i++) {
        if (auth.types.types_val[i] != 0) {
            xdr_free((xdrproc_t)xdr_remote_auth_list_ret, (char *)&auth);
            virReportError(VIR_ERR_AUTH_UNAVAILABLE, "%s",
                           "the daemon asks for SASL or polkit authentication, which this client does not implement");
            return -1;
        }
    }
    xdr_free((xdrproc_t)xdr_remote_auth_list_ret, (char *)&auth);

    /* Keepalive before the open, as virsh does: a daemon that dies is noticed. */
    feat.feature = 10;
    if (remoteCall(conn, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                   (xdrproc_t)xdr_remote_connect_supports_feature_args, &feat,
                   (xdrproc_t)xdr_remote_connect_supports_feature_ret, &supported) == 0 &&
        supported.supported)
        virNetClientSetKeepAlive(conn->client, 5, 5);
    virErrorReset();

    open.name = &nameArg;
    open.flags = flags & (VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES);
    if (remoteCall(conn, REMOTE_PROC_CONNECT_OPEN,
                   (xdrproc_t)xdr_remote_connect_open_args, &open,
                   (xdrproc_t)xdr_void, NULL) < 0)
        return -1;

    /* The daemon's canonical URI (it picked one when we sent none). */
    if (remoteCall(conn, REMOTE_PROC_CONNECT_GET_URI, (xdrproc_t)xdr_void, NULL,
                   (xdrproc_t)xdr_remote_connect_get_uri_ret, &uri) == 0) {
        if (!conn->uri || !*name)
            conn->uri = g_strdup(uri.uri);
        xdr_free((xdrproc_t)xdr_remote_connect_get_uri_ret, (char *)&uri);
    }
    virErrorReset();
    return 0;
}

/* The name the daemon is opened with: the URI without transport and
 * without the parameters only the client acts on. */
static char *
virConnectDaemonName(const virURI *uri, const char *driver)
{
    g_autofree char *text = virURIFormat(uri);
    g_autoptr(virURI) copy = virURIParse(text);
    size_t i;

    if (!copy)
        return NULL;
    g_free(copy->scheme);
    copy->scheme = g_strdup(driver);
    g_clear_pointer(&copy->server, g_free);
    g_clear_pointer(&copy->user, g_free);
    copy->port = 0;
    for (i = 0; i < copy->nparams; i++) {
        static const char *const local[] = {
            "socket", "mode", "proxy", "name", "command", "netcat", "keyfile",
            "no_verify", "no_tty", "pkipath", "known_hosts", "sshauth", NULL,
        };

        if (g_strv_contains(local, copy->params[i].name))
            copy->params[i].ignore = true;
    }
    g_free(copy->query);
    copy->query = virURIFormatParams(copy);
    if (copy->query && !*copy->query)
        g_clear_pointer(&copy->query, g_free);
    return virURIFormat(copy);
}

static virNetClient *
virConnectDialUNIX(const virURI *uri, const char *driver, unsigned int flags,
                   virRemoteMode mode)
{
    g_autofree char *runDir = NULL;
    g_autofree char *userRunDir = virRemoteSocketGetUserRunDir();
    const char *root = g_getenv("LIBVIRT_CLIENT_ROOT");
    virRemoteSocketEnv env = { 0 };

    runDir = root ? g_build_filename(root, "run", "libvirt", NULL) :
                    g_strdup("/var/run/libvirt");
    env = (virRemoteSocketEnv) {
        .runDir = runDir,
        .userRunDir = userRunDir,
        .privileged = geteuid() == 0,
    };
    g_autofree char *path = NULL;
    g_autofree char *daemon = NULL;
    virNetClient *client;

    if (virRemoteSocketChoose(&env, driver, uri ? uri->path : NULL,
                              flags & VIR_CONNECT_RO, mode,
                              uri ? virURIGetParam(uri, "socket") : NULL,
                              &path, &daemon) < 0)
        return NULL;
    if (!(client = virNetClientNewUNIX(path))) {
        int err = errno;

        virRemoteSocketReportConnectError(path, daemon,
                                          virRemoteSocketIsSession(&env, driver, uri ? uri->path : NULL),
                                          err);
    }
    return client;
}

static virNetClient *
virConnectDial(const virURI *uri, const char *driver, const char *transport,
               unsigned int flags, virRemoteMode mode)
{
    if (!transport || strcmp(transport, "unix") == 0) {
        if (uri && uri->server && !transport) {
            /* qemu://host/system means TLS to that host. */
            transport = "tls";
        } else {
            return virConnectDialUNIX(uri, driver, flags, mode);
        }
    }
    if (strcmp(transport, "tls") == 0) {
        g_autofree char *port = g_strdup_printf("%d", uri->port ? uri->port : 16514);
        const char *noVerify = virURIGetParam(uri, "no_verify");
        virNetTLSConfig tls = { .noVerify = noVerify && strcmp(noVerify, "0") != 0 };
        virNetClient *client;

        virNetTLSConfigClientDefaults(&tls, virURIGetParam(uri, "pkipath"),
                                      g_getenv("LIBVIRT_CLIENT_ROOT"));
        client = virNetClientNewTLS(uri->server ? uri->server : "localhost", port, &tls);
        virNetTLSConfigClear(&tls);
        return client;
    }
    if (strcmp(transport, "tcp") == 0) {
        g_autofree char *port = g_strdup_printf("%d", uri->port ? uri->port : 16509);

        return virNetClientNewTCP(uri->server ? uri->server : "localhost", port);
    }
    if (strcmp(transport, "ssh") == 0) {
        g_autofree char *port = uri->port ? g_strdup_printf("%d", uri->port) : NULL;
        const char *socket = virURIGetParam(uri, "socket");
        g_autofree char *remote = g_strdup_printf("nc -U %s", socket ? socket :
                                                  "/var/run/libvirt/libvirt-sock");
        g_autoptr(GPtrArray) argv = g_ptr_array_new();

        /* Through the remote side's proxy socket, as netcat mode does. */
        g_ptr_array_add(argv, (char *)"ssh");
        g_ptr_array_add(argv, (char *)"-T");
        g_ptr_array_add(argv, (char *)"-e");
        g_ptr_array_add(argv, (char *)"none");
        if (port) {
            g_ptr_array_add(argv, (char *)"-p");
            g_ptr_array_add(argv, port);
        }
        if (uri->user) {
            g_ptr_array_add(argv, (char *)"-l");
            g_ptr_array_add(argv, uri->user);
        }
        g_ptr_array_add(argv, uri->server ? uri->server : (char *)"localhost");
        g_ptr_array_add(argv, (char *)"--");
        g_ptr_array_add(argv, remote);
        g_ptr_array_add(argv, NULL);
        return virNetClientNewCommand((const char *const *)argv->pdata);
    }
    virReportError(VIR_ERR_INVALID_ARG,
                   "transport '%s' is not supported by this client (unix, tls, tcp and ssh are)",
                   transport);
    return NULL;
}

static void
virConnectCloseHandler(virNetClient *client, int reason, void *opaque);

static virConnectPtr
virConnectOpenInternal(const char *name, unsigned int flags)
{
    g_autoptr(virClientConfig) cfg = NULL;
    g_autofree char *cfgPath = virConnectConfigPath();
    g_autofree char *chosen = NULL;
    g_autoptr(virURI) uri = NULL;
    g_autofree char *driver = NULL;
    g_autofree char *transport = NULL;
    g_autofree char *daemonName = NULL;
    virRemoteMode mode = VIR_REMOTE_MODE_AUTO;
    virConnectPtr conn = NULL;
    const char *modeParam;

    virResetLastError();
    if (!(cfg = virClientConfigLoad(cfgPath)))
        goto error;
    chosen = virClientConfigChooseURI(cfg, name, flags & VIR_CONNECT_NO_ALIASES);
    if (chosen && *chosen) {
        if (!(uri = virURIParse(chosen)) ||
            virURISplitScheme(uri->scheme, &driver, &transport) < 0)
            goto error;
    }
    mode = virClientConfigGetMode(cfg);
    if (uri && (modeParam = virURIGetParam(uri, "mode"))) {
        if ((int)(mode = virRemoteModeTypeFromString(modeParam)) < 0) {
            virReportError(VIR_ERR_INVALID_ARG, "Unknown remote mode '%s'", modeParam);
            goto error;
        }
    }

    conn = virConnectNewObject();
    conn->flags = flags;
    if (!(conn->client = virConnectDial(uri, driver, transport, flags, mode)))
        goto error;
    virNetClientSetCloseHandler(conn->client, virConnectCloseHandler, conn);
    conn->secure = !transport || strcmp(transport, "tcp") != 0;
    conn->encrypted = transport && strcmp(transport, "tls") == 0;
    conn->uri = uri ? g_strdup(chosen) : NULL;
    remoteEventsAttach(conn);

    if (!(daemonName = uri ? virConnectDaemonName(uri, driver) : g_strdup("")) ||
        virConnectHandshake(conn, daemonName, flags) < 0)
        goto error;
    return conn;

 error:
    virDispatchError(NULL);
    if (conn)
        virConnectClose(conn);
    return NULL;
}

virConnectPtr
virConnectOpen(const char *name)
{
    return virConnectOpenInternal(name, 0);
}

virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    return virConnectOpenInternal(name, VIR_CONNECT_RO);
}

/* The default credential callback: asks on the terminal, as libvirt's
 * does. Nothing in our transports asks for credentials yet, but programs
 * pass this pointer and must link. */
static int
virConnectAuthCallbackDefault(virConnectCredentialPtr cred, unsigned int ncred, void *cbdata)
{
    unsigned int i;

    for (i = 0; i < ncred; i++) {
        char buf[1024] = "";
        size_t len;

        if (cred[i].type != VIR_CRED_ECHOPROMPT && cred[i].type != VIR_CRED_USERNAME &&
            cred[i].type != VIR_CRED_AUTHNAME && cred[i].type != VIR_CRED_NOECHOPROMPT &&
            cred[i].type != VIR_CRED_PASSPHRASE && cred[i].type != VIR_CRED_REALM)
            return -1;
        fprintf(stdout, "%s: ", cred[i].prompt ? cred[i].prompt : "");
        fflush(stdout);
        if (!fgets(buf, sizeof(buf), stdin))
            return -1;
        len = strlen(buf);
        if (len && buf[len - 1] == '\n')
            buf[--len] = '\0';
        cred[i].result = len ? g_strdup(buf) : g_strdup(cred[i].defresult);
        cred[i].resultlen = cred[i].result ? strlen(cred[i].result) : 0;
    }
    return 0;
}

static int virConnectCredTypesDefault[] = {
    VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_REALM, VIR_CRED_PASSPHRASE,
    VIR_CRED_NOECHOPROMPT,
};

static virConnectAuth virConnectAuthDefault = {
    .credtype = virConnectCredTypesDefault,
    .ncredtype = G_N_ELEMENTS(virConnectCredTypesDefault),
    .cb = virConnectAuthCallbackDefault,
};

virConnectAuthPtr virConnectAuthPtrDefault = &virConnectAuthDefault;

virConnectPtr
virConnectOpenAuth(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    /* No mechanism here needs credentials: UNIX sockets authenticate by
     * peer identity. */
    return virConnectOpenInternal(name, flags);
}

int
virConnectRef(virConnectPtr conn)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    g_atomic_int_inc(&conn->refs);
    return 0;
}

static void
virConnectDispose(virConnectPtr conn)
{
    if (conn->client) {
        if (virNetClientIsOpen(conn->client))
            remoteCall(conn, REMOTE_PROC_CONNECT_CLOSE, (xdrproc_t)xdr_void, NULL,
                       (xdrproc_t)xdr_void, NULL);
        virNetClientSetCloseHandler(conn->client, NULL, NULL);
        virNetClientSetEventHandler(conn->client, NULL, NULL);
        virNetClientClose(conn->client);
        virNetClientUnref(conn->client);
    }
    remoteEventsDetach(conn);
    if (conn->closeFree)
        conn->closeFree(conn->closeOpaque);
    virResetError(&conn->err);
    g_free(conn->uri);
    g_mutex_clear(&conn->lock);
    g_free(conn);
}

int
virConnectClose(virConnectPtr conn)
{
    int left;

    if (!conn)
        return 0;
    if (!g_atomic_int_dec_and_test(&conn->refs)) {
        left = g_atomic_int_get(&conn->refs);
        return left;
    }
    virConnectDispose(conn);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Close callbacks                                                     */

static void
virConnectCloseHandler(virNetClient *client, int reason, void *opaque)
{
    virConnectPtr conn = opaque;
    virConnectCloseFunc cb;
    void *cbOpaque;

    g_mutex_lock(&conn->lock);
    cb = conn->closeCb;
    cbOpaque = conn->closeOpaque;
    g_mutex_unlock(&conn->lock);
    if (cb && reason != VIR_CONNECT_CLOSE_REASON_CLIENT)
        cb(conn, reason, cbOpaque);
}

int
virConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb,
                                void *opaque, virFreeCallback freecb)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__))
        goto error;
    if (!cb) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "cb must not be NULL");
        goto error;
    }
    g_mutex_lock(&conn->lock);
    if (conn->closeCb) {
        g_mutex_unlock(&conn->lock);
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "A close callback is already registered");
        goto error;
    }
    conn->closeCb = cb;
    conn->closeOpaque = opaque;
    conn->closeFree = freecb;
    g_mutex_unlock(&conn->lock);
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

int
virConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb)
{
    virFreeCallback freecb;
    void *opaque;

    virResetLastError();
    if (!virCheckConnect(conn, __func__))
        goto error;
    g_mutex_lock(&conn->lock);
    if (conn->closeCb != cb) {
        g_mutex_unlock(&conn->lock);
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "A different callback was requested");
        goto error;
    }
    freecb = conn->closeFree;
    opaque = conn->closeOpaque;
    conn->closeCb = NULL;
    conn->closeFree = NULL;
    conn->closeOpaque = NULL;
    g_mutex_unlock(&conn->lock);
    if (freecb)
        freecb(opaque);
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

int
virConnectIsAlive(virConnectPtr conn)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    return virNetClientIsOpen(conn->client) ? 1 : 0;
}

int
virConnectIsSecure(virConnectPtr conn)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    return conn->secure ? 1 : 0;
}

int
virConnectIsEncrypted(virConnectPtr conn)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    return conn->encrypted ? 1 : 0;
}

int
virConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    virNetClientSetKeepAlive(conn->client, interval, count);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Strings and numbers about the host                                  */

const char *
virConnectGetType(virConnectPtr conn)
{
    remote_connect_get_type_ret ret = { 0 };
    static GMutex typeLock;
    static GHashTable *types;   /* interned: the API returns a static string */
    const char *type;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_GET_TYPE, (xdrproc_t)xdr_void, NULL,
                   (xdrproc_t)xdr_remote_connect_get_type_ret, &ret) < 0) {
        virDispatchError(conn);
        return NULL;
    }
    g_mutex_lock(&typeLock);
    if (!types)
        types = g_hash_table_new(g_str_hash, g_str_equal);
    if (!(type = g_hash_table_lookup(types, ret.type))) {
        type = g_strdup(ret.type);
        g_hash_table_add(types, (char *)type);
    }
    g_mutex_unlock(&typeLock);
    xdr_free((xdrproc_t)xdr_remote_connect_get_type_ret, (char *)&ret);
    return type;
}

int
virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    remote_connect_get_version_ret ret = { 0 };

    virResetLastError();
    if (!virCheckConnect(conn, __func__) || !hvVer ||
        remoteCall(conn, REMOTE_PROC_CONNECT_GET_VERSION, (xdrproc_t)xdr_void, NULL,
                   (xdrproc_t)xdr_remote_connect_get_version_ret, &ret) < 0) {
        if (conn && !hvVer)
            virReportError(VIR_ERR_INVALID_ARG, "%s", "hvVer must not be NULL");
        virDispatchError(conn);
        return -1;
    }
    *hvVer = ret.hv_ver;
    return 0;
}

int
virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
{
    remote_connect_get_lib_version_ret ret = { 0 };

    virResetLastError();
    if (!virCheckConnect(conn, __func__) || !libVer ||
        remoteCall(conn, REMOTE_PROC_CONNECT_GET_LIB_VERSION, (xdrproc_t)xdr_void, NULL,
                   (xdrproc_t)xdr_remote_connect_get_lib_version_ret, &ret) < 0) {
        if (conn && !libVer)
            virReportError(VIR_ERR_INVALID_ARG, "%s", "libVer must not be NULL");
        virDispatchError(conn);
        return -1;
    }
    *libVer = ret.lib_ver;
    return 0;
}

/* The calls returning one string the caller frees: each of their return
 * structs holds just that string, so it is decoded straight into value. */
static char *
virConnectGetString(virConnectPtr conn, const char *func, int proc,
                    xdrproc_t argsFilter, void *args, xdrproc_t retFilter)
{
    char *value = NULL;

    virResetLastError();
    if (!virCheckConnect(conn, func) ||
        remoteCall(conn, proc, argsFilter, args, retFilter, &value) < 0) {
        virDispatchError(conn);
        return NULL;
    }
    return value;
}

char *
virConnectGetHostname(virConnectPtr conn)
{
    return virConnectGetString(conn, __func__, REMOTE_PROC_CONNECT_GET_HOSTNAME,
                               (xdrproc_t)xdr_void, NULL,
                               (xdrproc_t)xdr_remote_connect_get_hostname_ret);
}

char *
virConnectGetURI(virConnectPtr conn)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return g_strdup(conn->uri);
}

char *
virConnectGetSysinfo(virConnectPtr conn, unsigned int flags)
{
    remote_connect_get_sysinfo_args args = { .flags = flags };

    return virConnectGetString(conn, __func__, REMOTE_PROC_CONNECT_GET_SYSINFO,
                               (xdrproc_t)xdr_remote_connect_get_sysinfo_args, &args,
                               (xdrproc_t)xdr_remote_connect_get_sysinfo_ret);
}

char *
virConnectGetCapabilities(virConnectPtr conn)
{
    return virConnectGetString(conn, __func__, REMOTE_PROC_CONNECT_GET_CAPABILITIES,
                               (xdrproc_t)xdr_void, NULL,
                               (xdrproc_t)xdr_remote_connect_get_capabilities_ret);
}

char *
virConnectGetDomainCapabilities(virConnectPtr conn, const char *emulatorbin,
                                const char *arch, const char *machine,
                                const char *virttype, unsigned int flags)
{
    char *e = (char *)emulatorbin, *a = (char *)arch, *m = (char *)machine, *v = (char *)virttype;
    remote_connect_get_domain_capabilities_args args = {
        .emulatorbin = e ? &e : NULL,
        .arch = a ? &a : NULL,
        .machine = m ? &m : NULL,
        .virttype = v ? &v : NULL,
        .flags = flags,
    };

    return virConnectGetString(conn, __func__, REMOTE_PROC_CONNECT_GET_DOMAIN_CAPABILITIES,
                               (xdrproc_t)xdr_remote_connect_get_domain_capabilities_args, &args,
                               (xdrproc_t)xdr_remote_connect_get_domain_capabilities_ret);
}

int
virConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    char *t = (char *)type;
    remote_connect_get_max_vcpus_args args = { .type = t ? &t : NULL };
    remote_connect_get_max_vcpus_ret ret = { 0 };

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_GET_MAX_VCPUS,
                   (xdrproc_t)xdr_remote_connect_get_max_vcpus_args, &args,
                   (xdrproc_t)xdr_remote_connect_get_max_vcpus_ret, &ret) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return ret.max_vcpus;
}

int
virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    remote_node_get_info_ret ret = { 0 };
    size_t i;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) || !info ||
        remoteCall(conn, REMOTE_PROC_NODE_GET_INFO, (xdrproc_t)xdr_void, NULL,
                   (xdrproc_t)xdr_remote_node_get_info_ret, &ret) < 0) {
        if (conn && !info)
            virReportError(VIR_ERR_INVALID_ARG, "%s", "info must not be NULL");
        virDispatchError(conn);
        return -1;
    }
    memset(info, 0, sizeof(*info));
    for (i = 0; i < sizeof(info->model) - 1 && ret.model[i]; i++)
        info->model[i] = ret.model[i];
    info->memory = ret.memory;
    info->cpus = ret.cpus;
    info->mhz = ret.mhz;
    info->nodes = ret.nodes;
    info->sockets = ret.sockets;
    info->cores = ret.cores;
    info->threads = ret.threads;
    return 0;
}

unsigned long long
virNodeGetFreeMemory(virConnectPtr conn)
{
    remote_node_get_free_memory_ret ret = { 0 };

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteCall(conn, REMOTE_PROC_NODE_GET_FREE_MEMORY, (xdrproc_t)xdr_void, NULL,
                   (xdrproc_t)xdr_remote_node_get_free_memory_ret, &ret) < 0) {
        virDispatchError(conn);
        return 0;
    }
    return ret.freeMem;
}

int
virNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    remote_node_get_security_model_ret ret = { 0 };

    virResetLastError();
    if (!virCheckConnect(conn, __func__) || !secmodel ||
        remoteCall(conn, REMOTE_PROC_NODE_GET_SECURITY_MODEL, (xdrproc_t)xdr_void, NULL,
                   (xdrproc_t)xdr_remote_node_get_security_model_ret, &ret) < 0) {
        if (conn && !secmodel)
            virReportError(VIR_ERR_INVALID_ARG, "%s", "secmodel must not be NULL");
        virDispatchError(conn);
        return -1;
    }
    memset(secmodel, 0, sizeof(*secmodel));
    memcpy(secmodel->model, ret.model.model_val,
           MIN(ret.model.model_len, sizeof(secmodel->model) - 1));
    memcpy(secmodel->doi, ret.doi.doi_val, MIN(ret.doi.doi_len, sizeof(secmodel->doi) - 1));
    xdr_free((xdrproc_t)xdr_remote_node_get_security_model_ret, (char *)&ret);
    return 0;
}
