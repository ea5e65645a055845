#include "remote_backend.h"

#include <errno.h>
#include <string.h>

#include "remote_protocol.h"
#include "virfile.h"
#include "virlog.h"
#include "virsystoken.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.backend");

int
remoteBackendCall(virNetClient *backend, int proc, xdrproc_t af, void *args,
                  xdrproc_t rf, void *ret)
{
    return virNetClientCall(backend, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, proc,
                            af, args, rf, ret);
}

/* Who the client is, for the other daemon's access decisions. Only what
 * the socket says about the client: never the system token, which would
 * let the client act as this daemon. */
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

/* That the caller is a daemon of this host acting for itself: the system
 * token, and nothing else (no client identity rides along). */
static int
remoteBackendSetIdentityElevated(virNetClient *backend)
{
    g_autofree char *token = NULL;
    remote_typed_param param = { 0 };
    remote_connect_set_identity_args args = { .params = { 1, &param } };
    int ret;

    if (virSystemTokenGet(&token) < 0)
        return -1;
    param.field = (char *)"system.token";
    param.value.type = VIR_TYPED_PARAM_STRING;
    param.value.remote_typed_param_value_u.s = token;
    ret = remoteBackendCall(backend, REMOTE_PROC_CONNECT_SET_IDENTITY,
                            (xdrproc_t)xdr_remote_connect_set_identity_args, &args,
                            (xdrproc_t)xdr_void, NULL);
    memset(token, 0, strlen(token));
    return ret;
}

/* Connects to path and does virsh's handshake up to opening uri. NULL
 * with an error reported. */
static virNetClient *
remoteBackendConnect(const char *path, const char *daemonName, const char *uri,
                     bool readonly)
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
    if (remoteBackendCall(backend, REMOTE_PROC_CONNECT_OPEN,
                          (xdrproc_t)xdr_remote_connect_open_args, &open,
                          (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return backend;

 error:
    remoteBackendClose(backend);
    return NULL;
}

void
remoteBackendClose(virNetClient *backend)
{
    if (!backend)
        return;
    virNetClientClose(backend);
    virNetClientUnref(backend);
}

virNetClient *
remoteBackendOpen(virNetServerClient *client, const char *path, const char *daemonName,
                  const char *uri, bool readonly)
{
    virNetClient *backend;

    if (!(backend = remoteBackendConnect(path, daemonName, uri, readonly)))
        return NULL;
    /* The identity matters for what a client may change; a read-only
     * connection (the daemon's read-only socket) changes nothing, and the
     * daemon refuses the call there. */
    if (!readonly && remoteBackendSetIdentity(backend, client) < 0) {
        remoteBackendClose(backend);
        return NULL;
    }
    VIR_DEBUG("opened %s for client %llu at %s", uri, virNetServerClientGetID(client), path);
    return backend;
}

virNetClient *
remoteBackendOpenElevated(const char *path, const char *daemonName, const char *uri)
{
    virNetClient *backend;

    if (!(backend = remoteBackendConnect(path, daemonName, uri, false)))
        return NULL;
    if (remoteBackendSetIdentityElevated(backend) < 0) {
        remoteBackendClose(backend);
        return NULL;
    }
    VIR_DEBUG("opened %s for this daemon at %s", uri, path);
    return backend;
}

int
remoteSecretGetValueElevated(const char *uuidstr, unsigned char **value, size_t *len)
{
    g_autofree char *sockdir = virFileRootPath("/run/libvirt");
    g_autofree char *path = g_build_filename(sockdir, "virtsecretd-sock", NULL);
    remote_secret_lookup_by_uuid_args lookup = { 0 };
    remote_secret_lookup_by_uuid_ret found = { 0 };
    remote_secret_get_value_args get = { 0 };
    remote_secret_get_value_ret got = { 0 };
    unsigned char uuid[VIR_UUID_BUFLEN];
    virNetClient *backend;
    int ret = -1;

    if (virUUIDParse(uuidstr, uuid) < 0) {
        virErrorReportFull(VIR_FROM_SECRET, VIR_ERR_INVALID_ARG,
                           "malformed secret uuid '%s'", uuidstr);
        return -1;
    }
    if (!(backend = remoteBackendOpenElevated(path, "virtsecretd", "secret:///system")))
        return -1;
    memcpy(lookup.uuid, uuid, VIR_UUID_BUFLEN);
    if (remoteBackendCall(backend, REMOTE_PROC_SECRET_LOOKUP_BY_UUID,
                          (xdrproc_t)xdr_remote_secret_lookup_by_uuid_args, &lookup,
                          (xdrproc_t)xdr_remote_secret_lookup_by_uuid_ret, &found) < 0)
        goto cleanup;
    get.secret = found.secret;
    if (remoteBackendCall(backend, REMOTE_PROC_SECRET_GET_VALUE,
                          (xdrproc_t)xdr_remote_secret_get_value_args, &get,
                          (xdrproc_t)xdr_remote_secret_get_value_ret, &got) < 0)
        goto cleanup;
    *len = got.value.value_len;
    *value = g_malloc(MAX(*len, 1));
    memcpy(*value, got.value.value_val, *len);
    memset(got.value.value_val, 0, got.value.value_len);
    ret = 0;

 cleanup:
    xdr_free((xdrproc_t)xdr_remote_secret_lookup_by_uuid_ret, (char *)&found);
    xdr_free((xdrproc_t)xdr_remote_secret_get_value_ret, (char *)&got);
    remoteBackendClose(backend);
    return ret;
}
