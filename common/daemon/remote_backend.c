#include "remote_backend.h"

#include <errno.h>
#include <string.h>

#include "remote_protocol.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.backend");

static int
remoteBackendCall(virNetClient *backend, int proc, xdrproc_t af, void *args,
                  xdrproc_t rf, void *ret)
{
    return virNetClientCall(backend, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, proc,
                            af, args, rf, ret);
}

/* Who the client is, for the other daemon's access decisions. */
static int
remoteBackendSetIdentity(virNetClient *backend, virNetServerClient *client)
{
    remote_typed_param params[4];
    remote_connect_set_identity_args args = { .params = { 0, params } };
    uid_t uid;
    gid_t gid;
    pid_t pid;
    u_int n = 0;

    memset(params, 0, sizeof(params));
    if (virNetServerClientIsUNIX(client) &&
        virNetServerClientGetUnixIdentity(client, &uid, &gid, &pid) == 0) {
        params[n].field = (char *)"unix-user-id";
        params[n].value.type = VIR_TYPED_PARAM_ULLONG;
        params[n++].value.remote_typed_param_value_u.ul = uid;
        params[n].field = (char *)"unix-group-id";
        params[n].value.type = VIR_TYPED_PARAM_ULLONG;
        params[n++].value.remote_typed_param_value_u.ul = gid;
        params[n].field = (char *)"process-id";
        params[n].value.type = VIR_TYPED_PARAM_LLONG;
        params[n++].value.remote_typed_param_value_u.l = pid;
    }
    if (virNetServerClientGetX509DN(client)) {
        params[n].field = (char *)"x509-distinguished-name";
        params[n].value.type = VIR_TYPED_PARAM_STRING;
        params[n++].value.remote_typed_param_value_u.s =
            (char *)virNetServerClientGetX509DN(client);
    }
    args.params.params_len = n;
    return remoteBackendCall(backend, REMOTE_PROC_CONNECT_SET_IDENTITY,
                             (xdrproc_t)xdr_remote_connect_set_identity_args, &args,
                             (xdrproc_t)xdr_void, NULL);
}

virNetClient *
remoteBackendOpen(virNetServerClient *client, const char *path, const char *daemonName,
                  const char *uri, bool readonly)
{
    remote_auth_list_ret auth = { 0 };
    remote_connect_supports_feature_args feat = { .feature = 10 };
    remote_connect_supports_feature_ret supported = { 0 };
    remote_connect_open_args open = { 0 };
    char *openName = (char *)uri;
    virNetClient *backend;

    if (!(backend = virNetClientNewUNIX(path))) {
        int err = errno;

        virErrorReportFull(VIR_FROM_REMOTE, VIR_ERR_OPERATION_FAILED,
                           "cannot reach %s at '%s': %s (is %s running? start it with 'systemctl start %s.socket' or '%s --daemon')",
                           daemonName, path, g_strerror(err), daemonName, daemonName,
                           daemonName);
        return NULL;
    }

    open.name = &openName;
    open.flags = readonly ? VIR_CONNECT_RO : 0;
    if (remoteBackendCall(backend, REMOTE_PROC_AUTH_LIST, (xdrproc_t)xdr_void, NULL,
                          (xdrproc_t)xdr_remote_auth_list_ret, &auth) < 0)
        goto error;
    xdr_free((xdrproc_t)xdr_remote_auth_list_ret, (char *)&auth);
    /* A backend that hangs must not hang our client's calls forever. */
    if (remoteBackendCall(backend, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                          (xdrproc_t)xdr_remote_connect_supports_feature_args, &feat,
                          (xdrproc_t)xdr_remote_connect_supports_feature_ret, &supported) == 0 &&
        supported.supported)
        virNetClientSetKeepAlive(backend, 5, 5);
    virErrorReset();
    /* The identity matters for what a client may change; a read-only
     * connection (the daemon's read-only socket) changes nothing, and the
     * daemon refuses the call there. */
    if (remoteBackendCall(backend, REMOTE_PROC_CONNECT_OPEN,
                          (xdrproc_t)xdr_remote_connect_open_args, &open,
                          (xdrproc_t)xdr_void, NULL) < 0 ||
        (!readonly && remoteBackendSetIdentity(backend, client) < 0))
        goto error;
    VIR_DEBUG("opened %s for client %llu at %s", uri, virNetServerClientGetID(client), path);
    return backend;

 error:
    virNetClientClose(backend);
    virNetClientUnref(backend);
    return NULL;
}
