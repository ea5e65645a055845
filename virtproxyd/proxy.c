/* How virtproxyd serves a client: until CONNECT_OPEN it answers the
 * handshake calls itself; CONNECT_OPEN picks the daemon for the URI (or
 * probes for a hypervisor daemon when there is none), connects to its
 * socket (read-only for read-only clients), opens it on the client's
 * behalf and tells it who the client is. From then on every message is
 * passed through unchanged in both directions: calls, replies, events and
 * stream data, so the proxy needs no knowledge of individual procedures. */
#include "proxy.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "remote_backend.h"
#include "remote_dispatch.h"
#include "remote_protocol.h"
#include "remote_dispatch_gen.h"
#include "remote_sockets.h"
#include "virfile.h"
#include "virlog.h"
#include "virnetclient.h"
#include "viruri.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("proxy");

typedef struct {
    GMutex lock;
    virNetServerClient *client;     /* referenced while a backend may call back */
    virNetClient *backend;          /* set once relaying */
} proxyClient;

static proxyClient *
proxyClientGet(virNetServerClient *client)
{
    return virNetServerClientGetPrivateData(client);
}

static void
proxyClientFree(gpointer opaque)
{
    proxyClient *pc = opaque;

    if (pc->backend) {
        virNetClientSetRawHandler(pc->backend, NULL, NULL);
        virNetClientSetCloseHandler(pc->backend, NULL, NULL);
        virNetClientClose(pc->backend);
        virNetClientUnref(pc->backend);
    }
    g_mutex_clear(&pc->lock);
    g_free(pc);
}

void
proxyClientAdded(virNetServer *srv, virNetServerClient *client, void *opaque)
{
    proxyClient *pc = g_new0(proxyClient, 1);

    g_mutex_init(&pc->lock);
    pc->client = client;
    virNetServerClientSetPrivateData(client, pc, proxyClientFree);
}

void
proxyClientClosed(virNetServer *srv, virNetServerClient *client, void *opaque)
{
    proxyClient *pc = proxyClientGet(client);
    virNetClient *backend;

    /* The client left: so does its backend connection. */
    g_mutex_lock(&pc->lock);
    backend = pc->backend;
    g_mutex_unlock(&pc->lock);
    if (backend) {
        virNetClientSetRawHandler(backend, NULL, NULL);
        virNetClientSetCloseHandler(backend, NULL, NULL);
        virNetClientClose(backend);
    }
}

/* ------------------------------------------------------------------ */
/* Relaying                                                            */

static bool
proxyClientIsRoot(virNetServerClient *client)
{
    uid_t uid;
    gid_t gid;
    pid_t pid;

    return virNetServerClientIsUNIX(client) &&
        virNetServerClientGetUnixIdentity(client, &uid, &gid, &pid) == 0 && uid == 0;
}

/* Client -> daemon, on the event loop. */
static bool
proxyRelay(virNetServer *srv, virNetServerClient *client, virNetMessage *msg)
{
    proxyClient *pc = proxyClientGet(client);
    virNetClient *backend;

    g_mutex_lock(&pc->lock);
    backend = pc->backend ? virNetClientRef(pc->backend) : NULL;
    g_mutex_unlock(&pc->lock);
    if (!backend)
        return false;   /* not open yet: the calls below answer */

    /* The daemon behind us takes our word for who the client is: only a
     * local root client may change it (and so present the system token). */
    if (msg->header.prog == REMOTE_PROGRAM && msg->header.type == VIR_NET_CALL &&
        msg->header.proc == REMOTE_PROC_CONNECT_SET_IDENTITY && !proxyClientIsRoot(client)) {
        g_autoptr(virErrorInfo) err = NULL;

        virErrorReportFull(VIR_FROM_ACCESS, VIR_ERR_ACCESS_DENIED, "%s",
                           "only a privileged client may set the identity");
        err = virErrorCopyLast();
        virErrorReset();
        virNetServerClientSendError(client, &msg->header, err);
        virNetMessageFree(msg);
        virNetClientUnref(backend);
        return true;
    }

    /* The message goes out exactly as it came in. */
    msg->bufferOffset = 0;
    if (virNetClientSendRaw(backend, msg) < 0) {
        virErrorReset();
        virNetServerClientCloseAfterFlush(client);
    }
    virNetMessageFree(msg);
    virNetClientUnref(backend);
    return true;
}

/* Daemon -> client, on the backend's reader thread. */
static void
proxyBackendMessage(virNetClient *backend, virNetMessage *msg, void *opaque)
{
    virNetServerClient *client = opaque;

    msg->bufferOffset = 0;
    virNetServerClientSendMessage(client, msg);
}

static void
proxyBackendClosed(virNetClient *backend, int reason, void *opaque)
{
    virNetServerClient *client = opaque;

    VIR_DEBUG("backend of client %llu closed (reason %d)",
              virNetServerClientGetID(client), reason);
    virNetServerClientCloseAfterFlush(client);
}

/* ------------------------------------------------------------------ */
/* Opening the backend                                                 */

/* With no URI, the first hypervisor daemon that has a socket, in the
 * order libvirt probes. */
static char *
proxyProbeURI(const char *runDir, bool readonly)
{
    static const char *const drivers[] = { "xen", "qemu", "lxc" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(drivers); i++) {
        g_autofree char *path = g_strdup_printf("%s/virt%sd-sock%s", runDir, drivers[i],
                                                readonly ? "-ro" : "");

        if (virFileExists(path))
            return g_strdup_printf("%s:///system", drivers[i]);
    }
    virReportError(VIR_ERR_NO_CONNECT, "%s",
                   "no hypervisor daemon is running (looked for virtxend, virtqemud and virtlxcd sockets)");
    return NULL;
}

static virNetClient *
proxyOpenBackend(virNetServerClient *client, const char *name, unsigned int flags)
{
    bool readonly = virNetServerClientIsReadonly(client) || (flags & VIR_CONNECT_RO);
    g_autofree char *runDir = virFileRootPath("/run/libvirt");
    g_autofree char *chosen = NULL;
    g_autofree char *driver = NULL;
    g_autofree char *transport = NULL;
    g_autofree char *path = NULL;
    g_autofree char *daemon = NULL;
    g_autoptr(virURI) uri = NULL;
    virRemoteSocketEnv env = { .runDir = runDir, .privileged = true };

    if (!name || !*name) {
        if (!(chosen = proxyProbeURI(runDir, readonly)))
            return NULL;
        name = chosen;
    }
    if (!(uri = virURIParse(name)) ||
        virURISplitScheme(uri->scheme, &driver, &transport) < 0)
        return NULL;
    if (transport || uri->server) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "virtproxyd only forwards to local daemons, not to '%s'", name);
        return NULL;
    }
    /* Straight to the driver's own daemon, never back to ourselves. */
    if (virRemoteSocketChoose(&env, driver, uri->path, readonly, VIR_REMOTE_MODE_DIRECT,
                              NULL, &path, &daemon) < 0)
        return NULL;
    return remoteBackendOpen(client, path, daemon, name, readonly);
}

/* ------------------------------------------------------------------ */
/* The calls answered here                                             */

static int
proxyDispatchConnectOpen(virNetServer *srv, virNetServerClient *client,
                         virNetMessage *msg, void *opaque, void *ret)
{
    remote_connect_open_args *args = opaque;
    proxyClient *pc = proxyClientGet(client);
    virNetClient *backend;

    g_mutex_lock(&pc->lock);
    if (pc->backend) {
        g_mutex_unlock(&pc->lock);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s", "connection already open");
        return -1;
    }
    g_mutex_unlock(&pc->lock);

    if (!(backend = proxyOpenBackend(client, args->name ? *args->name : NULL, args->flags)))
        return -1;
    /* From the next message on, both directions are passed through; the
     * callbacks hold the client until the backend is closed. */
    virNetClientSetCloseHandler(backend, proxyBackendClosed, client);
    virNetClientSetRawHandler(backend, proxyBackendMessage, client);
    g_mutex_lock(&pc->lock);
    pc->backend = backend;
    g_mutex_unlock(&pc->lock);
    return 0;
}

static int
proxyDispatchConnectClose(virNetServer *srv, virNetServerClient *client,
                          virNetMessage *msg, void *args, void *ret)
{
    virNetServerClientCloseAfterFlush(client);
    return 0;
}

static int
proxyDispatchSupportsFeature(virNetServer *srv, virNetServerClient *client,
                             virNetMessage *msg, void *opaque, void *ret)
{
    remote_connect_supports_feature_args *args = opaque;

    /* Before the open only keepalive can be asked, as with any daemon. */
    if (args->feature != 10) {
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s",
                           "hypervisor connection not open");
        return -1;
    }
    virNetServerClientStartKeepAlive(client);
    ((remote_connect_supports_feature_ret *)ret)->supported = 1;
    return 0;
}

static int
proxyDispatchAuthList(virNetServer *srv, virNetServerClient *client,
                      virNetMessage *msg, void *args, void *ret)
{
    return remoteDispatchAuthList(srv, client, msg, args, ret);
}

/* The calls answered before the open, sorted by number; any other call
 * then gets what a daemon says without an open connection. */
static const virNetServerProcedure proxyProcedures[] = {
    { .proc = REMOTE_PROC_CONNECT_OPEN, .name = "CONNECT_OPEN", .api = "virConnectOpen",
      .argsFilter = (xdrproc_t)xdr_remote_connect_open_args,
      .argsSize = sizeof(remote_connect_open_args),
      .retFilter = (xdrproc_t)xdr_void, .func = proxyDispatchConnectOpen,
      .readonly = true, .needAuth = true },
    { .proc = REMOTE_PROC_CONNECT_CLOSE, .name = "CONNECT_CLOSE", .api = "virConnectClose",
      .argsFilter = (xdrproc_t)xdr_void, .retFilter = (xdrproc_t)xdr_void,
      .func = proxyDispatchConnectClose, .readonly = true, .needAuth = true },
    { .proc = REMOTE_PROC_CONNECT_SUPPORTS_FEATURE, .name = "CONNECT_SUPPORTS_FEATURE",
      .api = "virConnectSupportsFeature",
      .argsFilter = (xdrproc_t)xdr_remote_connect_supports_feature_args,
      .argsSize = sizeof(remote_connect_supports_feature_args),
      .retFilter = (xdrproc_t)xdr_remote_connect_supports_feature_ret,
      .retSize = sizeof(remote_connect_supports_feature_ret),
      .func = proxyDispatchSupportsFeature, .readonly = true, .needAuth = true },
    { .proc = REMOTE_PROC_AUTH_LIST, .name = "AUTH_LIST", .api = "virConnectOpen",
      .argsFilter = (xdrproc_t)xdr_void, .retFilter = (xdrproc_t)xdr_remote_auth_list_ret,
      .retSize = sizeof(remote_auth_list_ret), .func = proxyDispatchAuthList,
      .readonly = true, .needAuth = false },
};

static const virNetServerProgram proxyRemoteProgram = {
    .prog = REMOTE_PROGRAM,
    .vers = REMOTE_PROTOCOL_VERSION,
    .relay = proxyRelay,
    .procs = proxyProcedures,
    .nprocs = G_N_ELEMENTS(proxyProcedures),
};

/* The hypervisor-specific programs only ever pass through. */
static const virNetServerProgram proxyQemuProgram = {
    .prog = 0x20008087, .vers = 1, .relay = proxyRelay,
};
static const virNetServerProgram proxyLxcProgram = {
    .prog = 0x00068000, .vers = 1, .relay = proxyRelay,
};

const virNetServerProgram *const proxyPrograms[] = {
    &proxyRemoteProgram, &proxyQemuProgram, &proxyLxcProgram, &keepaliveProgram,
};
const size_t proxyNPrograms = G_N_ELEMENTS(proxyPrograms);
