/* The domain API. Every entry point: reset the error, check arguments
 * (and write access), one REMOTE call, convert the answer; on failure
 * virDispatchError. Shared shapes go through the helpers at the top. */
#include "remote_call.h"
#include "virhandle.h"

#include <string.h>

#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("libclient.domain");

virDomainPtr
virDomainNewObject(virConnectPtr conn, const char *name, const unsigned char *uuid, int id)
{
    virDomainPtr dom = g_new0(virDomain, 1);

    dom->refs = 1;
    g_atomic_int_inc(&conn->refs);
    dom->conn = conn;
    dom->name = g_strdup(name);
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    dom->id = id;
    return dom;
}

bool
virCheckDomain(virDomainPtr dom, const char *func)
{
    if (dom && g_atomic_int_get(&dom->refs) > 0 && virCheckConnect(dom->conn, func))
        return true;
    virErrorReportFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_DOMAIN, "%s", func);
    return false;
}

static virConnectPtr
domainConn(virDomainPtr dom)
{
    return dom->conn;
}

static void
domainDispose(virDomainPtr dom)
{
    virConnectClose(dom->conn);
    g_free(dom->name);
    g_free(dom);
}

static const virHandleClass domainClass =
    VIR_HANDLE_CLASS(virDomain, virCheckDomain, domainConn, domainDispose,
                     offsetof(virDomain, name));

int
virDomainRef(virDomainPtr dom)
{
    return virHandleRef(&domainClass, dom, __func__);
}

int
virDomainFree(virDomainPtr dom)
{
    return virHandleFree(&domainClass, dom, __func__);
}

virConnectPtr
virDomainGetConnect(virDomainPtr dom)
{
    return virHandleGetConnect(&domainClass, dom, __func__);
}

const char *
virDomainGetName(virDomainPtr dom)
{
    return virHandleGetName(&domainClass, dom, __func__);
}

int
virDomainGetUUID(virDomainPtr dom, unsigned char *uuid)
{
    return virHandleGetUUID(&domainClass, dom, uuid, __func__);
}

int
virDomainGetUUIDString(virDomainPtr dom, char *buf)
{
    return virHandleGetUUIDString(&domainClass, dom, buf, __func__);
}

unsigned int
virDomainGetID(virDomainPtr dom)
{
    virResetLastError();
    if (!virCheckDomain(dom, __func__)) {
        virDispatchError(NULL);
        return (unsigned int)-1;
    }
    return dom->id;
}

/* ------------------------------------------------------------------ */
/* Shared shapes                                                       */

/* A call that answers with a domain. */
static virDomainPtr
domainFromCall(virConnectPtr conn, const char *func, bool write, int proc,
               xdrproc_t argsFilter, void *args, xdrproc_t retFilter)
{
    remote_nonnull_domain ret = { 0 };  /* every such ret struct is just the domain */
    virDomainPtr dom;

    virResetLastError();
    if (!virCheckConnect(conn, func) ||
        (write && !virCheckReadWrite(conn, VIR_FROM_DOMAIN, func)) ||
        remoteCall(conn, proc, argsFilter, args, retFilter, &ret) < 0) {
        virDispatchError(conn);
        return NULL;
    }
    dom = remoteDomainFromWire(conn, &ret);
    xdr_free((xdrproc_t)xdr_remote_nonnull_domain, (char *)&ret);
    return dom;
}

/* A call on a domain whose args are the domain and maybe flags, and whose
 * answer is void or one int (stored in *result when given). */
static int
domainCall(virDomainPtr dom, const char *func, bool write, int proc,
           bool withFlags, unsigned int flags, xdrproc_t retFilter, int *result)
{
    /* The args of these calls are "dom" or "dom, flags": the larger layout
     * serves both, the filter picks what goes on the wire. */
    remote_domain_destroy_flags_args args;
    int value = 0;

    virResetLastError();
    if (!virCheckDomain(dom, func) ||
        (write && !virCheckReadWrite(dom->conn, VIR_FROM_DOMAIN, func)))
        goto error;
    remoteDomainToWire(&args.dom, dom);
    args.flags = flags;
    if (remoteCall(dom->conn, proc,
                   withFlags ? (xdrproc_t)xdr_remote_domain_destroy_flags_args :
                               (xdrproc_t)xdr_remote_domain_destroy_args,
                   &args, retFilter, result ? (void *)&value : NULL) < 0)
        goto error;
    if (result)
        *result = value;
    return 0;

 error:
    virDispatchError(dom ? dom->conn : NULL);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Listing and lookup                                                  */

int
virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    remote_connect_list_all_domains_args args = { .need_results = !!domains, .flags = flags };
    remote_connect_list_all_domains_ret ret = { 0 };
    size_t i;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                   (xdrproc_t)xdr_remote_connect_list_all_domains_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_all_domains_ret, &ret) < 0) {
        virDispatchError(conn);
        return -1;
    }
    if (domains) {
        *domains = g_new0(virDomainPtr, ret.domains.domains_len + 1);
        for (i = 0; i < ret.domains.domains_len; i++)
            (*domains)[i] = remoteDomainFromWire(conn, &ret.domains.domains_val[i]);
    }
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_domains_ret, (char *)&ret);
    return ret.ret;
}

static int
domainCount(virConnectPtr conn, const char *func, int proc)
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
virConnectNumOfDomains(virConnectPtr conn)
{
    return domainCount(conn, __func__, REMOTE_PROC_CONNECT_NUM_OF_DOMAINS);
}

int
virConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return domainCount(conn, __func__, REMOTE_PROC_CONNECT_NUM_OF_DEFINED_DOMAINS);
}

int
virConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    remote_connect_list_domains_args args = { .maxids = maxids };
    remote_connect_list_domains_ret ret = { 0 };
    int n;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) || maxids < 0 || (maxids && !ids) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_LIST_DOMAINS,
                   (xdrproc_t)xdr_remote_connect_list_domains_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_domains_ret, &ret) < 0) {
        if (conn && (maxids < 0 || (maxids && !ids)))
            virReportError(VIR_ERR_INVALID_ARG, "%s", "invalid ids or maxids");
        virDispatchError(conn);
        return -1;
    }
    n = MIN((int)ret.ids.ids_len, maxids);
    if (n > 0)
        memcpy(ids, ret.ids.ids_val, n * sizeof(int));
    xdr_free((xdrproc_t)xdr_remote_connect_list_domains_ret, (char *)&ret);
    return n;
}

int
virConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    remote_connect_list_defined_domains_args args = { .maxnames = maxnames };
    remote_connect_list_defined_domains_ret ret = { 0 };
    int n;
    int i;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) || maxnames < 0 || (maxnames && !names) ||
        remoteCall(conn, REMOTE_PROC_CONNECT_LIST_DEFINED_DOMAINS,
                   (xdrproc_t)xdr_remote_connect_list_defined_domains_args, &args,
                   (xdrproc_t)xdr_remote_connect_list_defined_domains_ret, &ret) < 0) {
        if (conn && (maxnames < 0 || (maxnames && !names)))
            virReportError(VIR_ERR_INVALID_ARG, "%s", "invalid names or maxnames");
        virDispatchError(conn);
        return -1;
    }
    n = MIN((int)ret.names.names_len, maxnames);
    for (i = 0; i < n; i++)
        names[i] = g_strdup(ret.names.names_val[i]);
    xdr_free((xdrproc_t)xdr_remote_connect_list_defined_domains_ret, (char *)&ret);
    return n;
}

virDomainPtr
virDomainLookupByName(virConnectPtr conn, const char *name)
{
    remote_domain_lookup_by_name_args args = { .name = (char *)name };

    if (!name) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "name must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    return domainFromCall(conn, __func__, false, REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME,
                          (xdrproc_t)xdr_remote_domain_lookup_by_name_args, &args,
                          (xdrproc_t)xdr_remote_domain_lookup_by_name_ret);
}

virDomainPtr
virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    remote_domain_lookup_by_uuid_args args;

    if (!uuid) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "uuid must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    memcpy(args.uuid, uuid, VIR_UUID_BUFLEN);
    return domainFromCall(conn, __func__, false, REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID,
                          (xdrproc_t)xdr_remote_domain_lookup_by_uuid_args, &args,
                          (xdrproc_t)xdr_remote_domain_lookup_by_uuid_ret);
}

virDomainPtr
virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (!uuidstr || virUUIDParse(uuidstr, uuid) < 0) {
        virResetLastError();
        virErrorReportRaw(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "uuidstr in %s must be a valid UUID",
                          __func__);
        virDispatchError(conn);
        return NULL;
    }
    return virDomainLookupByUUID(conn, uuid);
}

virDomainPtr
virDomainLookupByID(virConnectPtr conn, int id)
{
    remote_domain_lookup_by_id_args args = { .id = id };

    return domainFromCall(conn, __func__, false, REMOTE_PROC_DOMAIN_LOOKUP_BY_ID,
                          (xdrproc_t)xdr_remote_domain_lookup_by_id_args, &args,
                          (xdrproc_t)xdr_remote_domain_lookup_by_id_ret);
}

/* ------------------------------------------------------------------ */
/* Definition and lifecycle                                            */

virDomainPtr
virDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    remote_domain_define_xml_flags_args args = { .xml = (char *)xml, .flags = flags };

    if (!xml) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "xml must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    return domainFromCall(conn, __func__, true, REMOTE_PROC_DOMAIN_DEFINE_XML_FLAGS,
                          (xdrproc_t)xdr_remote_domain_define_xml_flags_args, &args,
                          (xdrproc_t)xdr_remote_domain_define_xml_flags_ret);
}

virDomainPtr
virDomainDefineXML(virConnectPtr conn, const char *xml)
{
    remote_domain_define_xml_args args = { .xml = (char *)xml };

    if (!xml) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "xml must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    return domainFromCall(conn, __func__, true, REMOTE_PROC_DOMAIN_DEFINE_XML,
                          (xdrproc_t)xdr_remote_domain_define_xml_args, &args,
                          (xdrproc_t)xdr_remote_domain_define_xml_ret);
}

virDomainPtr
virDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    remote_domain_create_xml_args args = { .xml_desc = (char *)xml, .flags = flags };

    if (!xml) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "xml must not be NULL");
        virDispatchError(conn);
        return NULL;
    }
    return domainFromCall(conn, __func__, true, REMOTE_PROC_DOMAIN_CREATE_XML,
                          (xdrproc_t)xdr_remote_domain_create_xml_args, &args,
                          (xdrproc_t)xdr_remote_domain_create_xml_ret);
}

/* Both starting calls; func names the public one in errors. */
static int
domainCreate(virDomainPtr dom, unsigned int flags, const char *func)
{
    remote_domain_create_with_flags_args args;
    remote_domain_create_with_flags_ret ret = { 0 };

    virResetLastError();
    if (!virCheckDomain(dom, func) ||
        !virCheckReadWrite(dom->conn, VIR_FROM_DOMAIN, func))
        goto error;
    remoteDomainToWire(&args.dom, dom);
    args.flags = flags;
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_CREATE_WITH_FLAGS,
                   (xdrproc_t)xdr_remote_domain_create_with_flags_args, &args,
                   (xdrproc_t)xdr_remote_domain_create_with_flags_ret, &ret) < 0)
        goto error;
    dom->id = ret.dom.id;   /* the handle learns its new id */
    xdr_free((xdrproc_t)xdr_remote_domain_create_with_flags_ret, (char *)&ret);
    return 0;

 error:
    virDispatchError(dom ? dom->conn : NULL);
    return -1;
}

int
virDomainCreateWithFlags(virDomainPtr dom, unsigned int flags)
{
    return domainCreate(dom, flags, __func__);
}

int
virDomainCreate(virDomainPtr dom)
{
    return domainCreate(dom, 0, __func__);
}

static void
domainMarkInactive(virDomainPtr dom, int rc)
{
    if (rc == 0)
        dom->id = -1;
}

int
virDomainDestroyFlags(virDomainPtr dom, unsigned int flags)
{
    int rc = domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_DESTROY_FLAGS, true, flags,
                        (xdrproc_t)xdr_void, NULL);

    domainMarkInactive(dom, rc);
    return rc;
}

int
virDomainDestroy(virDomainPtr dom)
{
    int rc = domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_DESTROY, false, 0,
                        (xdrproc_t)xdr_void, NULL);

    domainMarkInactive(dom, rc);
    return rc;
}

int
virDomainShutdown(virDomainPtr dom)
{
    return domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_SHUTDOWN, false, 0,
                      (xdrproc_t)xdr_void, NULL);
}

int
virDomainShutdownFlags(virDomainPtr dom, unsigned int flags)
{
    return domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_SHUTDOWN_FLAGS, true, flags,
                      (xdrproc_t)xdr_void, NULL);
}

int
virDomainReboot(virDomainPtr dom, unsigned int flags)
{
    return domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_REBOOT, true, flags,
                      (xdrproc_t)xdr_void, NULL);
}

int
virDomainReset(virDomainPtr dom, unsigned int flags)
{
    return domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_RESET, true, flags,
                      (xdrproc_t)xdr_void, NULL);
}

int
virDomainSuspend(virDomainPtr dom)
{
    return domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_SUSPEND, false, 0,
                      (xdrproc_t)xdr_void, NULL);
}

int
virDomainResume(virDomainPtr dom)
{
    return domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_RESUME, false, 0,
                      (xdrproc_t)xdr_void, NULL);
}

int
virDomainUndefine(virDomainPtr dom)
{
    return domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_UNDEFINE, false, 0,
                      (xdrproc_t)xdr_void, NULL);
}

int
virDomainUndefineFlags(virDomainPtr dom, unsigned int flags)
{
    return domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_UNDEFINE_FLAGS, true, flags,
                      (xdrproc_t)xdr_void, NULL);
}

/* ------------------------------------------------------------------ */
/* Information                                                         */

char *
virDomainGetXMLDesc(virDomainPtr dom, unsigned int flags)
{
    remote_domain_get_xml_desc_args args;
    char *xml = NULL;   /* the ret struct is just the string */

    virResetLastError();
    if (!virCheckDomain(dom, __func__) ||
        ((flags & VIR_DOMAIN_XML_SECURE) &&
         !virCheckReadWrite(dom->conn, VIR_FROM_DOMAIN, "virDomainGetXMLDesc with secure flag")))
        goto error;
    remoteDomainToWire(&args.dom, dom);
    args.flags = flags;
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_XML_DESC,
                   (xdrproc_t)xdr_remote_domain_get_xml_desc_args, &args,
                   (xdrproc_t)xdr_remote_domain_get_xml_desc_ret, &xml) < 0)
        goto error;
    return xml;

 error:
    virDispatchError(dom ? dom->conn : NULL);
    return NULL;
}

int
virDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    remote_domain_get_info_args args;
    remote_domain_get_info_ret ret = { 0 };

    virResetLastError();
    if (!virCheckDomain(dom, __func__))
        goto error;
    if (!info) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "info must not be NULL");
        goto error;
    }
    remoteDomainToWire(&args.dom, dom);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_INFO,
                   (xdrproc_t)xdr_remote_domain_get_info_args, &args,
                   (xdrproc_t)xdr_remote_domain_get_info_ret, &ret) < 0)
        goto error;
    info->state = ret.state;
    info->maxMem = ret.maxMem;
    info->memory = ret.memory;
    info->nrVirtCpu = ret.nrVirtCpu;
    info->cpuTime = ret.cpuTime;
    return 0;

 error:
    virDispatchError(dom ? dom->conn : NULL);
    return -1;
}

int
virDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    remote_domain_get_state_args args;
    remote_domain_get_state_ret ret = { 0 };

    virResetLastError();
    if (!virCheckDomain(dom, __func__))
        goto error;
    if (!state) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "state must not be NULL");
        goto error;
    }
    remoteDomainToWire(&args.dom, dom);
    args.flags = flags;
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_STATE,
                   (xdrproc_t)xdr_remote_domain_get_state_args, &args,
                   (xdrproc_t)xdr_remote_domain_get_state_ret, &ret) < 0)
        goto error;
    *state = ret.state;
    if (reason)
        *reason = ret.reason;
    return 0;

 error:
    virDispatchError(dom ? dom->conn : NULL);
    return -1;
}

char *
virDomainGetOSType(virDomainPtr dom)
{
    remote_domain_get_os_type_args args;
    char *type = NULL;

    virResetLastError();
    if (!virCheckDomain(dom, __func__))
        goto error;
    remoteDomainToWire(&args.dom, dom);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_OS_TYPE,
                   (xdrproc_t)xdr_remote_domain_get_os_type_args, &args,
                   (xdrproc_t)xdr_remote_domain_get_os_type_ret, &type) < 0)
        goto error;
    return type;

 error:
    virDispatchError(dom ? dom->conn : NULL);
    return NULL;
}

unsigned long
virDomainGetMaxMemory(virDomainPtr dom)
{
    remote_domain_get_max_memory_args args;
    remote_domain_get_max_memory_ret ret = { 0 };

    virResetLastError();
    if (!virCheckDomain(dom, __func__))
        goto error;
    remoteDomainToWire(&args.dom, dom);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_GET_MAX_MEMORY,
                   (xdrproc_t)xdr_remote_domain_get_max_memory_args, &args,
                   (xdrproc_t)xdr_remote_domain_get_max_memory_ret, &ret) < 0)
        goto error;
    return ret.memory;

 error:
    virDispatchError(dom ? dom->conn : NULL);
    return 0;
}

int
virDomainGetMaxVcpus(virDomainPtr dom)
{
    int num;

    return domainCall(dom, __func__, false, REMOTE_PROC_DOMAIN_GET_MAX_VCPUS, false, 0,
                      (xdrproc_t)xdr_int, &num) < 0 ? -1 : num;
}

int
virDomainGetAutostart(virDomainPtr dom, int *autostart)
{
    if (!autostart) {
        virResetLastError();
        virReportError(VIR_ERR_INVALID_ARG, "%s", "autostart must not be NULL");
        virDispatchError(dom ? dom->conn : NULL);
        return -1;
    }
    return domainCall(dom, __func__, false, REMOTE_PROC_DOMAIN_GET_AUTOSTART, false, 0,
                      (xdrproc_t)xdr_int, autostart);
}

int
virDomainSetAutostart(virDomainPtr dom, int autostart)
{
    /* The args are "dom, int autostart": the same layout as "dom, flags". */
    return domainCall(dom, __func__, true, REMOTE_PROC_DOMAIN_SET_AUTOSTART, true,
                      autostart, (xdrproc_t)xdr_void, NULL);
}

int
virDomainIsActive(virDomainPtr dom)
{
    int active;

    return domainCall(dom, __func__, false, REMOTE_PROC_DOMAIN_IS_ACTIVE, false, 0,
                      (xdrproc_t)xdr_int, &active) < 0 ? -1 : active;
}

int
virDomainIsPersistent(virDomainPtr dom)
{
    int persistent;

    return domainCall(dom, __func__, false, REMOTE_PROC_DOMAIN_IS_PERSISTENT, false, 0,
                      (xdrproc_t)xdr_int, &persistent) < 0 ? -1 : persistent;
}

int
virDomainIsUpdated(virDomainPtr dom)
{
    int updated;

    return domainCall(dom, __func__, false, REMOTE_PROC_DOMAIN_IS_UPDATED, false, 0,
                      (xdrproc_t)xdr_int, &updated) < 0 ? -1 : updated;
}

int
virDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags)
{
    int result;

    return domainCall(dom, __func__, false, REMOTE_PROC_DOMAIN_HAS_MANAGED_SAVE_IMAGE,
                      true, flags, (xdrproc_t)xdr_int, &result) < 0 ? -1 : result;
}

/* ------------------------------------------------------------------ */
/* Events (the delivery is in remote_events.c)                         */

int
virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                 virConnectDomainEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb)
{
    int id;

    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        (dom && !virCheckDomain(dom, __func__)) ||
        (id = remoteEventsRegister(conn, REMOTE_EVENT_DOMAIN, dom, eventID,
                                   (void (*)(void))cb, opaque, freecb, false)) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return id;
}

int
virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteEventsDeregister(conn, REMOTE_EVENT_DOMAIN, callbackID) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return 0;
}

int
virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                              void *opaque, virFreeCallback freecb)
{
    virResetLastError();
    if (!virCheckConnect(conn, __func__) ||
        remoteEventsRegister(conn, REMOTE_EVENT_DOMAIN, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                             (void (*)(void))cb, opaque, freecb, true) < 0) {
        virDispatchError(conn);
        return -1;
    }
    return 0;
}

int
virConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    int callbackID;

    virResetLastError();
    if (!virCheckConnect(conn, __func__))
        goto error;
    if ((callbackID = remoteEventsFindLegacy(conn, (void (*)(void))cb)) < 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "callback not registered");
        goto error;
    }
    if (remoteEventsDeregister(conn, REMOTE_EVENT_DOMAIN, callbackID) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Interface addresses                                                 */

void
virDomainInterfaceFree(virDomainInterfacePtr iface)
{
    unsigned int i;

    if (!iface)
        return;
    for (i = 0; i < iface->naddrs; i++)
        g_free(iface->addrs[i].addr);
    g_free(iface->addrs);
    g_free(iface->name);
    g_free(iface->hwaddr);
    g_free(iface);
}

int
virDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                            unsigned int source, unsigned int flags)
{
    remote_domain_interface_addresses_args args = { .source = source, .flags = flags };
    remote_domain_interface_addresses_ret ret = { 0 };
    u_int i;
    u_int j;

    virResetLastError();
    if (!virCheckDomain(dom, __func__))
        goto error;
    if (!ifaces) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "ifaces must not be NULL");
        goto error;
    }
    *ifaces = NULL;
    remoteDomainToWire(&args.dom, dom);
    if (remoteCall(dom->conn, REMOTE_PROC_DOMAIN_INTERFACE_ADDRESSES,
                   (xdrproc_t)xdr_remote_domain_interface_addresses_args, &args,
                   (xdrproc_t)xdr_remote_domain_interface_addresses_ret, &ret) < 0)
        goto error;
    *ifaces = g_new0(virDomainInterfacePtr, ret.ifaces.ifaces_len + 1);
    for (i = 0; i < ret.ifaces.ifaces_len; i++) {
        remote_domain_interface *w = &ret.ifaces.ifaces_val[i];
        virDomainInterfacePtr iface = g_new0(virDomainInterface, 1);

        iface->name = g_strdup(w->name);
        iface->hwaddr = w->hwaddr ? g_strdup(*w->hwaddr) : NULL;
        iface->naddrs = w->addrs.addrs_len;
        iface->addrs = g_new0(virDomainIPAddress, MAX(iface->naddrs, 1));
        for (j = 0; j < iface->naddrs; j++) {
            iface->addrs[j].type = w->addrs.addrs_val[j].type;
            iface->addrs[j].addr = g_strdup(w->addrs.addrs_val[j].addr);
            iface->addrs[j].prefix = w->addrs.addrs_val[j].prefix;
        }
        (*ifaces)[i] = iface;
    }
    i = ret.ifaces.ifaces_len;
    xdr_free((xdrproc_t)xdr_remote_domain_interface_addresses_ret, (char *)&ret);
    return i;

 error:
    virDispatchError(dom ? dom->conn : NULL);
    return -1;
}
