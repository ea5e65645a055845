/* Secret handlers of the REMOTE program: wire <-> secret driver slot. */
#include "remote_dispatch.h"
#include "remote_client.h"

#include <string.h>

#include "remote_protocol.h"
#include "remote_dispatch_gen.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.remote_secret");

static void
remoteSecretRefsFree(virDrvSecret **refs, int n)
{
    int i;

    for (i = 0; i < n; i++)
        virDrvSecretFree(refs[i]);
    g_free(refs);
}

/* ---- listing and lookup ---- */

int
remoteDispatchConnectNumOfSecrets(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, void *args,
                                  remote_connect_num_of_secrets_ret *ret)
{
    virDrvConnect *conn = REMOTE_SECRET_CONN_WITH(client, connectNumOfSecrets);

    if (!conn)
        return -1;
    return (ret->num = conn->secretDriver->connectNumOfSecrets(conn)) < 0 ? -1 : 0;
}

int
remoteDispatchConnectListSecrets(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_connect_list_secrets_args *args,
                                 remote_connect_list_secrets_ret *ret)
{
    virDrvConnect *conn = REMOTE_SECRET_CONN_WITH(client, connectListSecrets);
    int n;

    if (!conn)
        return -1;
    if (args->maxuuids < 0 || args->maxuuids > REMOTE_SECRET_LIST_MAX) {
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC, "%s",
                           "maxuuids > REMOTE_SECRET_LIST_MAX");
        return -1;
    }
    ret->uuids.uuids_val = g_new0(char *, MAX(args->maxuuids, 1));
    if ((n = conn->secretDriver->connectListSecrets(conn, ret->uuids.uuids_val,
                                                    args->maxuuids)) < 0)
        return -1;
    ret->uuids.uuids_len = n;
    return 0;
}

int
remoteDispatchConnectListAllSecrets(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_connect_list_all_secrets_args *args,
                                    remote_connect_list_all_secrets_ret *ret)
{
    virDrvConnect *conn = REMOTE_SECRET_CONN_WITH(client, connectListAllSecrets);
    virDrvSecret **refs = NULL;
    int n;
    int i;

    if (!conn || (n = conn->secretDriver->connectListAllSecrets(conn, &refs, args->flags)) < 0)
        return -1;
    if (n > REMOTE_SECRET_LIST_MAX) {
        remoteSecretRefsFree(refs, n);
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC,
                           "Too many secrets '%d' for limit '%d'", n, REMOTE_SECRET_LIST_MAX);
        return -1;
    }
    if (args->need_results) {
        ret->secrets.secrets_len = n;
        ret->secrets.secrets_val = g_new0(remote_nonnull_secret, MAX(n, 1));
        for (i = 0; i < n; i++)
            remoteSecretToWire(&ret->secrets.secrets_val[i], refs[i]);
    }
    ret->ret = n;
    remoteSecretRefsFree(refs, n);
    return 0;
}

int
remoteDispatchSecretLookupByUUID(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_secret_lookup_by_uuid_args *args,
                                 remote_secret_lookup_by_uuid_ret *ret)
{
    virDrvConnect *conn = REMOTE_SECRET_CONN_WITH(client, secretLookupByUUID);
    g_autoptr(virDrvSecret) secret = NULL;

    if (!conn ||
        !(secret = conn->secretDriver->secretLookupByUUID(conn, (unsigned char *)args->uuid)))
        return -1;
    remoteSecretToWire(&ret->secret, secret);
    return 0;
}

int
remoteDispatchSecretLookupByUsage(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_secret_lookup_by_usage_args *args,
                                  remote_secret_lookup_by_usage_ret *ret)
{
    virDrvConnect *conn = REMOTE_SECRET_CONN_WITH(client, secretLookupByUsage);
    g_autoptr(virDrvSecret) secret = NULL;

    if (!conn ||
        !(secret = conn->secretDriver->secretLookupByUsage(conn, args->usageType,
                                                           args->usageID)))
        return -1;
    remoteSecretToWire(&ret->secret, secret);
    return 0;
}

/* ---- definition ---- */

int
remoteDispatchSecretDefineXML(virNetServer *server, virNetServerClient *client,
                              virNetMessage *msg, remote_secret_define_xml_args *args,
                              remote_secret_define_xml_ret *ret)
{
    virDrvConnect *conn = REMOTE_SECRET_CONN_WITH(client, secretDefineXML);
    g_autoptr(virDrvSecret) secret = NULL;

    if (!conn || !(secret = conn->secretDriver->secretDefineXML(conn, args->xml, args->flags)))
        return -1;
    remoteSecretToWire(&ret->secret, secret);
    return 0;
}

int
remoteDispatchSecretUndefine(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_secret_undefine_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_SECRET_CONN_WITH(client, secretUndefine);
    g_autoptr(virDrvSecret) secret = remoteSecretFromWire(&args->secret);

    return conn ? conn->secretDriver->secretUndefine(conn, secret) : -1;
}

int
remoteDispatchSecretGetXMLDesc(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_secret_get_xml_desc_args *args,
                               remote_secret_get_xml_desc_ret *ret)
{
    virDrvConnect *conn = REMOTE_SECRET_CONN_WITH(client, secretGetXMLDesc);
    g_autoptr(virDrvSecret) secret = remoteSecretFromWire(&args->secret);

    if (!conn)
        return -1;
    return (ret->xml = conn->secretDriver->secretGetXMLDesc(conn, secret, args->flags)) ? 0 : -1;
}

/* ---- value ---- */

int
remoteDispatchSecretSetValue(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_secret_set_value_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_SECRET_CONN_WITH(client, secretSetValue);
    g_autoptr(virDrvSecret) secret = remoteSecretFromWire(&args->secret);
    int rc;

    if (!conn)
        return -1;
    rc = conn->secretDriver->secretSetValue(conn, secret,
                                            (const unsigned char *)args->value.value_val,
                                            args->value.value_len, args->flags);
    /* The decoded call is freed by the RPC layer: wipe the value first. */
    if (args->value.value_val)
        memset(args->value.value_val, 0, args->value.value_len);
    return rc;
}

int
remoteDispatchSecretGetValue(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_secret_get_value_args *args,
                             remote_secret_get_value_ret *ret)
{
    virDrvConnect *conn = REMOTE_SECRET_CONN_WITH(client, secretGetValue);
    g_autoptr(virDrvSecret) secret = remoteSecretFromWire(&args->secret);
    unsigned char *value = NULL;
    size_t size = 0;

    if (!conn || conn->secretDriver->secretGetValue(conn, secret, &value, &size,
                                                    args->flags) < 0)
        return -1;
    /* The RPC layer frees the reply with xdr_free once it is encoded. */
    ret->value.value_val = (char *)value;
    ret->value.value_len = size;
    return 0;
}
