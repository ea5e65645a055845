/* The secret API. Every entry point: reset the error, check arguments
 * (and write access), one REMOTE call, convert the answer; on failure
 * virDispatchError. Event delivery is in remote_events.c. */
#include "remote_call.h"
#include "virhandle.h"

#include <string.h>

#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

VIR_LOG_INIT("libclient.secret");

virSecretPtr
virSecretNewObject(virConnectPtr conn, const unsigned char *uuid, int usageType,
                   const char *usageID)
{
    virSecretPtr secret = g_new0(virSecret, 1);

    secret->refs = 1;
    g_atomic_int_inc(&conn->refs);
    secret->conn = conn;
    memcpy(secret->uuid, uuid, VIR_UUID_BUFLEN);
    secret->usageType = usageType;
    secret->usageID = g_strdup(usageID ? usageID : "");
    return secret;
}

bool
virCheckSecret(virSecretPtr secret, const char *func)
{
    if (secret && g_atomic_int_get(&secret->refs) > 0 && virCheckConnect(secret->conn, func))
        return true;
    virErrorReportFull(VIR_FROM_SECRET, VIR_ERR_INVALID_SECRET, "%s", func);
    return false;
}

static virConnectPtr
secretConn(virSecretPtr secret)
{
    return secret->conn;
}

static void
secretDispose(virSecretPtr secret)
{
    virConnectClose(secret->conn);
    g_free(secret->usageID);
    g_free(secret);
}

static const virHandleClass secretClass =
    VIR_HANDLE_CLASS(virSecret, virCheckSecret, secretConn, secretDispose, -1);

int
virSecretRef(virSecretPtr secret)
{
    return virHandleRef(&secretClass, secret, __func__);
}

int
virSecretFree(virSecretPtr secret)
{
    return virHandleFree(&secretClass, secret, __func__);
}

virConnectPtr
virSecretGetConnect(virSecretPtr secret)
{
    return virHandleGetConnect(&secretClass, secret, __func__);
}

int
virSecretGetUUID(virSecretPtr secret, unsigned char *uuid)
{
    return virHandleGetUUID(&secretClass, secret, uuid, __func__);
}

int
virSecretGetUUIDString(virSecretPtr secret, char *buf)
{
    return virHandleGetUUIDString(&secretClass, secret, buf, __func__);
}

int
virSecretGetUsageType(virSecretPtr secret)
{
    virResetLastError();
    if (!virCheckSecret(secret, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    return secret->usageType;
}

const char *
virSecretGetUsageID(virSecretPtr secret)
{
    virResetLastError();
    if (!virCheckSecret(secret, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    return secret->usageID;
}

/* ------------------------------------------------------------------ */
/* Listing and lookup                                                  */

/* A call on the connection that answers with a secret. */
static virSecretPtr
secretFromCall(virConnectPtr conn, const char *func, bool write, int proc,
               xdrproc_t argsFilter, void *args, xdrproc_t retFilter)
{
    remote_nonnull_secret ret = { 0 };  /* every such ret struct is just the secret */
    virSecretPtr secret;

    virResetLastError();
    if (!virCheckConnect(conn, func) ||
        (write && !virCheckReadWrite(conn, VIR_FROM_SECRET, func)) ||
        remoteCall(conn, proc, argsFilter, args, retFilter, &ret) < 0) {
        virDispatchError(conn);
        return NULL;
    }
    secret = remoteSecretFromWire(conn, &ret);
    xdr_free((xdrproc_t)xdr_remote_nonnull_secret, (char *)&ret);
    return secret;
}

int
virConnectNumOfSecrets(virConnectPtr conn)
{
    int num = 0;    /* the ret struct holds one int */

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_NUM_OF_SECRETS, (xdrproc_t)xdr_void, NULL,
                   (xdrproc_t)xdr_int, &num) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return num;
}

int
virConnectListSecrets(virConnectPtr conn, char **uuids, int maxuuids)
{
    remote_connect_list_secrets_args args = { .maxuuids = maxuuids };
    remote_connect_list_secrets_ret ret = { 0 };
    int n;
    int i;

    virResetLastError();
    if (!virCheckConnect(conn, __func__))
        goto error;
    if (maxuuids < 0 || (maxuuids && !uuids)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "invalid uuids or maxuuids");
        goto error;
    }
    if (remoteCall(conn, REMOTE_PROC_CONNECT_LIST_SECRETS,
                   (xdrproc_t)xdr_remote_connect_list_secrets_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_secrets_ret, &ret) < 0)
        goto error;
    n = MIN((int)ret.uuids.uuids_len, maxuuids);
    for (i = 0; i < n; i++)
        uuids[i] = g_strdup(ret.uuids.uuids_val[i]);
    xdr_free((xdrproc_t)xdr_remote_connect_list_secrets_ret, (char *)&ret);
    return n;

 error:
    virDispatchError(conn);
    return -1;
}

int
virConnectListAllSecrets(virConnectPtr conn, virSecretPtr **secrets, unsigned int flags)
{
    remote_connect_list_all_secrets_args args = { .need_results = !!secrets, .flags = flags };
    remote_connect_list_all_secrets_ret ret = { 0 };
    size_t i;

    virResetLastError();
    if (secrets)
        *secrets = NULL;
    if (!virCheckConnect(conn, __func__) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_LIST_ALL_SECRETS,
                   (xdrproc_t)xdr_remote_connect_list_all_secrets_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_all_secrets_ret, &ret) < 0) {
        virDispatchError(conn);
        return -1;
    }
    if (secrets) {
        *secrets = g_new0(virSecretPtr, ret.secrets.secrets_len + 1);
        for (i = 0; i < ret.secrets.secrets_len; i++)
            (*secrets)[i] = remoteSecretFromWire(conn, &ret.secrets.secrets_val[i]);
    }
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_secrets_ret, (char *)&ret);
    return ret.ret;
}

virSecretPtr
virSecretLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    remote_secret_lookup_by_uuid_args args;

    if (!uuid) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "uuid must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    memcpy(args.uuid, uuid, VIR_UUID_BUFLEN);
    return secretFromCall(conn, __func__, false, REMOTE_PROC_SECRET_LOOKUP_BY_UUID,
                          (xdrproc_t)xdr_remote_secret_lookup_by_uuid_args, &args,
                          (xdrproc_t)xdr_remote_secret_lookup_by_uuid_ret);
}

virSecretPtr
virSecretLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (!uuidstr || virUUIDParse(uuidstr, uuid) < 0) {
        virResetLastError();
        virErrorReportRaw(VIR_FROM_SECRET, VIR_ERR_INVALID_ARG, "uuidstr in %s must be a valid UUID",
                          __func__);
        virDispatchError(conn);
        return NULL;
    }
    return virSecretLookupByUUID(conn, uuid);
}

virSecretPtr
virSecretLookupByUsage(virConnectPtr conn, int usageType, const char *usageID)
{
    remote_secret_lookup_by_usage_args args = { .usageType = usageType,
                                                .usageID = (char *)usageID };

    if (!usageID) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "usageID must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    return secretFromCall(conn, __func__, false, REMOTE_PROC_SECRET_LOOKUP_BY_USAGE,
                          (xdrproc_t)xdr_remote_secret_lookup_by_usage_args, &args,
                          (xdrproc_t)xdr_remote_secret_lookup_by_usage_ret);
}

/* ------------------------------------------------------------------ */
/* Definition and value                                                */

virSecretPtr
virSecretDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    remote_secret_define_xml_args args = { .xml = (char *)xml, .flags = flags };

    if (!xml) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "xml must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    return secretFromCall(conn, __func__, true, REMOTE_PROC_SECRET_DEFINE_XML,
                          (xdrproc_t)xdr_remote_secret_define_xml_args, &args,
                          (xdrproc_t)xdr_remote_secret_define_xml_ret);
}

int
virSecretUndefine(virSecretPtr secret)
{
    remote_secret_undefine_args args;

    virResetLastError();
    if (!virCheckSecret(secret, __func__) ||
        !virCheckReadWrite(secret->conn, VIR_FROM_SECRET, __func__))
        goto error;
    remoteSecretToWire(&args.secret, secret);
    if (remoteCall(secret->conn, REMOTE_PROC_SECRET_UNDEFINE,
                   (xdrproc_t)xdr_remote_secret_undefine_args, &args,
                   (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(secret ? secret->conn : NULL);
    return -1;
}

char *
virSecretGetXMLDesc(virSecretPtr secret, unsigned int flags)
{
    remote_secret_get_xml_desc_args args;
    char *xml = NULL;   /* the ret struct is just the string */

    virResetLastError();
    if (!virCheckSecret(secret, __func__))
        goto error;
    remoteSecretToWire(&args.secret, secret);
    args.flags = flags;
    if (remoteCall(secret->conn, REMOTE_PROC_SECRET_GET_XML_DESC,
                   (xdrproc_t)xdr_remote_secret_get_xml_desc_args, &args,
                   (xdrproc_t)xdr_remote_secret_get_xml_desc_ret, &xml) < 0)
        goto error;
    return xml;

 error:
    virDispatchError(secret ? secret->conn : NULL);
    return NULL;
}

int
virSecretSetValue(virSecretPtr secret, const unsigned char *value, size_t value_size,
                  unsigned int flags)
{
    remote_secret_set_value_args args;

    virResetLastError();
    if (!virCheckSecret(secret, __func__) ||
        !virCheckReadWrite(secret->conn, VIR_FROM_SECRET, __func__))
        goto error;
    if (!value) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "value must not be NULL");
        goto error;
    }
    if (value_size > REMOTE_SECRET_VALUE_MAX) {
        virReportError(VIR_ERR_INVALID_ARG, "secret value of %zu bytes exceeds the limit of %d",
                       value_size, REMOTE_SECRET_VALUE_MAX);
        goto error;
    }
    remoteSecretToWire(&args.secret, secret);
    args.value.value_len = value_size;
    args.value.value_val = (char *)value;
    args.flags = flags;
    if (remoteCall(secret->conn, REMOTE_PROC_SECRET_SET_VALUE,
                   (xdrproc_t)xdr_remote_secret_set_value_args, &args,
                   (xdrproc_t)xdr_void, NULL) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(secret ? secret->conn : NULL);
    return -1;
}

unsigned char *
virSecretGetValue(virSecretPtr secret, size_t *value_size, unsigned int flags)
{
    remote_secret_get_value_args args;
    remote_secret_get_value_ret ret = { 0 };
    unsigned char *value;

    virResetLastError();
    if (!virCheckSecret(secret, __func__) ||
        !virCheckReadWrite(secret->conn, VIR_FROM_SECRET, __func__))
        goto error;
    if (!value_size) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "value_size must not be NULL");
        goto error;
    }
    remoteSecretToWire(&args.secret, secret);
    args.flags = flags;
    if (remoteCall(secret->conn, REMOTE_PROC_SECRET_GET_VALUE,
                   (xdrproc_t)xdr_remote_secret_get_value_args, &args,
                   (xdrproc_t)xdr_remote_secret_get_value_ret, &ret) < 0)
        goto error;
    /* An empty value is still a value: never hand back NULL for it. */
    value = g_malloc0(ret.value.value_len + 1);
    if (ret.value.value_len) {
        memcpy(value, ret.value.value_val, ret.value.value_len);
        memset(ret.value.value_val, 0, ret.value.value_len);
    }
    *value_size = ret.value.value_len;
    xdr_free((xdrproc_t)xdr_remote_secret_get_value_ret, (char *)&ret);
    return value;

 error:
    virDispatchError(secret ? secret->conn : NULL);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Events (the delivery is in remote_events.c)                         */

int
virConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret, int eventID,
                                 virConnectSecretEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb)
{
    int id;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        (secret && !virCheckSecret(secret, __func__)) ||
        (id = remoteEventsRegister(conn, REMOTE_EVENT_SECRET, secret, eventID,
                                   (void (*)(void))cb, opaque, freecb, false)) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return id;
}

int
virConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteEventsDeregister(conn, REMOTE_EVENT_SECRET, callbackID) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return 0;
}
