/* Domain handlers of the REMOTE program for saving, restoring and jobs:
 * every save/restore form is the driver's params call. */
#include "remote_dispatch.h"
#include "remote_client.h"

#include "remote_protocol.h"
#include "remote_dispatch_gen.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

static int
remoteSave(virNetServerClient *client, const remote_nonnull_domain *wire, const char *to,
           const char *dxml, unsigned int flags)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSaveParams);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);
    g_autoptr(virTypedParamList) params = virTypedParamListNew();

    if (!conn)
        return -1;
    virTypedParamListAddString(params, to, VIR_DOMAIN_SAVE_PARAM_FILE);
    if (dxml)
        virTypedParamListAddString(params, dxml, VIR_DOMAIN_SAVE_PARAM_DXML);
    return conn->driver->domainSaveParams(conn, dom, params->par, params->npar, flags);
}

int
remoteDispatchDomainSave(virNetServer *server, virNetServerClient *client,
                         virNetMessage *msg, remote_domain_save_args *args, void *ret)
{
    return remoteSave(client, &args->dom, args->to, NULL, 0);
}

int
remoteDispatchDomainSaveFlags(virNetServer *server, virNetServerClient *client,
                              virNetMessage *msg, remote_domain_save_flags_args *args,
                              void *ret)
{
    return remoteSave(client, &args->dom, args->to, args->dxml ? *args->dxml : NULL,
                      args->flags);
}

int
remoteDispatchDomainSaveParams(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_domain_save_params_args *args,
                               void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSaveParams);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    virTypedParameter *params = NULL;
    int nparams = 0;
    int rc;

    if (!conn ||
        remoteTypedParamsFromWire(args->params.params_val, args->params.params_len,
                                  REMOTE_DOMAIN_SAVE_PARAMS_MAX, &params, &nparams) < 0)
        return -1;
    rc = conn->driver->domainSaveParams(conn, dom, params, nparams, args->flags);
    virTypedParamsFreeArray(params, nparams);
    return rc;
}

static int
remoteRestore(virNetServerClient *client, const char *from, const char *dxml,
              unsigned int flags)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainRestoreParams);
    g_autoptr(virTypedParamList) params = virTypedParamListNew();

    if (!conn)
        return -1;
    virTypedParamListAddString(params, from, VIR_DOMAIN_SAVE_PARAM_FILE);
    if (dxml)
        virTypedParamListAddString(params, dxml, VIR_DOMAIN_SAVE_PARAM_DXML);
    return conn->driver->domainRestoreParams(conn, params->par, params->npar, flags);
}

int
remoteDispatchDomainRestore(virNetServer *server, virNetServerClient *client,
                            virNetMessage *msg, remote_domain_restore_args *args, void *ret)
{
    return remoteRestore(client, args->from, NULL, 0);
}

int
remoteDispatchDomainRestoreFlags(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_restore_flags_args *args,
                                 void *ret)
{
    return remoteRestore(client, args->from, args->dxml ? *args->dxml : NULL, args->flags);
}

int
remoteDispatchDomainRestoreParams(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_domain_restore_params_args *args,
                                  void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainRestoreParams);
    virTypedParameter *params = NULL;
    int nparams = 0;
    int rc;

    if (!conn ||
        remoteTypedParamsFromWire(args->params.params_val, args->params.params_len,
                                  REMOTE_DOMAIN_RESTORE_PARAMS_MAX, &params, &nparams) < 0)
        return -1;
    rc = conn->driver->domainRestoreParams(conn, params, nparams, args->flags);
    virTypedParamsFreeArray(params, nparams);
    return rc;
}

int
remoteDispatchDomainManagedSave(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_domain_managed_save_args *args,
                                void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainManagedSave);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    return conn ? conn->driver->domainManagedSave(conn, dom, args->flags) : -1;
}

int
remoteDispatchDomainManagedSaveRemove(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_domain_managed_save_remove_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainManagedSaveRemove);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    return conn ? conn->driver->domainManagedSaveRemove(conn, dom, args->flags) : -1;
}

/* ---- jobs ---- */

static int
remoteJobStats(virNetServerClient *client, const remote_nonnull_domain *wire, int *type,
               virTypedParameter **params, int *nparams, unsigned int flags)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetJobStats);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);

    return conn ? conn->driver->domainGetJobStats(conn, dom, type, params, nparams, flags) : -1;
}

int
remoteDispatchDomainGetJobStats(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_domain_get_job_stats_args *args,
                                remote_domain_get_job_stats_ret *ret)
{
    virTypedParameter *params = NULL;
    int nparams = 0;
    int rc;

    if (remoteJobStats(client, &args->dom, &ret->type, &params, &nparams, args->flags) < 0)
        return -1;
    rc = remoteTypedParamsToWire(params, nparams, REMOTE_DOMAIN_JOB_STATS_MAX,
                                 VIR_TYPED_PARAM_STRING_OKAY, &ret->params.params_val,
                                 &ret->params.params_len);
    virTypedParamsFreeArray(params, nparams);
    return rc;
}

/* The old fixed-field form, filled from the same statistics. */
int
remoteDispatchDomainGetJobInfo(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_domain_get_job_info_args *args,
                               remote_domain_get_job_info_ret *ret)
{
    static const struct {
        const char *name;
        size_t offset;
    } fields[] = {
        { VIR_DOMAIN_JOB_TIME_ELAPSED, offsetof(remote_domain_get_job_info_ret, timeElapsed) },
        { VIR_DOMAIN_JOB_DATA_TOTAL, offsetof(remote_domain_get_job_info_ret, dataTotal) },
        { VIR_DOMAIN_JOB_DATA_PROCESSED,
          offsetof(remote_domain_get_job_info_ret, dataProcessed) },
        { VIR_DOMAIN_JOB_DATA_REMAINING,
          offsetof(remote_domain_get_job_info_ret, dataRemaining) },
        { VIR_DOMAIN_JOB_MEMORY_TOTAL, offsetof(remote_domain_get_job_info_ret, memTotal) },
        { VIR_DOMAIN_JOB_MEMORY_PROCESSED,
          offsetof(remote_domain_get_job_info_ret, memProcessed) },
        { VIR_DOMAIN_JOB_MEMORY_REMAINING,
          offsetof(remote_domain_get_job_info_ret, memRemaining) },
    };
    virTypedParameter *params = NULL;
    int nparams = 0;
    size_t i;

    if (remoteJobStats(client, &args->dom, &ret->type, &params, &nparams, 0) < 0)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        virTypedParameter *p = virTypedParamsFind(params, nparams, fields[i].name);

        if (p && p->type == VIR_TYPED_PARAM_ULLONG)
            *(uint64_t *)((char *)ret + fields[i].offset) = p->value.ul;
    }
    virTypedParamsFreeArray(params, nparams);
    return 0;
}

int
remoteDispatchDomainAbortJob(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_domain_abort_job_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainAbortJobFlags);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    return conn ? conn->driver->domainAbortJobFlags(conn, dom, 0) : -1;
}

int
remoteDispatchDomainAbortJobFlags(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_domain_abort_job_flags_args *args,
                                  void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainAbortJobFlags);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    return conn ? conn->driver->domainAbortJobFlags(conn, dom, args->flags) : -1;
}

/* ---- vCPUs, control channel, block devices ---- */

/* The bounds libvirt's server puts on the vCPU map calls. */
static int
remoteCheckCpuMaps(int count, int maplen)
{
    if (count < 0 || count > REMOTE_DOMAIN_VCPUINFO_MAX) {
        virReportError(VIR_ERR_RPC, "%s", "vCPU count out of range");
        return -1;
    }
    if (maplen < 0 || (maplen > 0 && count > REMOTE_CPUMAPS_MAX / maplen)) {
        virReportError(VIR_ERR_RPC, "%s", "cpumaps length out of range");
        return -1;
    }
    return 0;
}

int
remoteDispatchDomainGetVcpus(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_domain_get_vcpus_args *args,
                             remote_domain_get_vcpus_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetVcpus);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    g_autofree virVcpuInfo *info = NULL;
    g_autofree unsigned char *maps = NULL;
    int n;
    int i;

    if (!conn || remoteCheckCpuMaps(args->maxinfo, args->maplen) < 0)
        return -1;
    info = g_new0(virVcpuInfo, MAX(args->maxinfo, 1));
    if (args->maplen > 0)
        maps = g_new0(unsigned char, (size_t)MAX(args->maxinfo, 1) * args->maplen);
    if ((n = conn->driver->domainGetVcpus(conn, dom, info, args->maxinfo, maps,
                                          args->maplen)) < 0)
        return -1;
    ret->info.info_val = g_new0(remote_vcpu_info, MAX(n, 1));
    ret->info.info_len = n;
    for (i = 0; i < n; i++) {
        ret->info.info_val[i].number = info[i].number;
        ret->info.info_val[i].state = info[i].state;
        ret->info.info_val[i].cpu_time = info[i].cpuTime;
        ret->info.info_val[i].cpu = info[i].cpu;
    }
    if (maps) {
        ret->cpumaps.cpumaps_len = args->maxinfo * args->maplen;
        ret->cpumaps.cpumaps_val = (char *)g_steal_pointer(&maps);
    }
    return 0;
}

int
remoteDispatchDomainGetVcpuPinInfo(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg,
                                   remote_domain_get_vcpu_pin_info_args *args,
                                   remote_domain_get_vcpu_pin_info_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetVcpuPinInfo);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    g_autofree unsigned char *maps = NULL;
    int n;

    if (!conn || remoteCheckCpuMaps(args->ncpumaps, args->maplen) < 0)
        return -1;
    if (args->ncpumaps < 1 || args->maplen < 1) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "ncpumaps and maplen must be positive");
        return -1;
    }
    maps = g_new0(unsigned char, (size_t)args->ncpumaps * args->maplen);
    if ((n = conn->driver->domainGetVcpuPinInfo(conn, dom, args->ncpumaps, maps,
                                                args->maplen, args->flags)) < 0)
        return -1;
    ret->num = n;
    ret->cpumaps.cpumaps_len = args->ncpumaps * args->maplen;
    ret->cpumaps.cpumaps_val = (char *)g_steal_pointer(&maps);
    return 0;
}

int
remoteDispatchDomainGetControlInfo(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg,
                                   remote_domain_get_control_info_args *args,
                                   remote_domain_get_control_info_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetControlInfo);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    virDomainControlInfo info = { 0 };

    if (!conn || conn->driver->domainGetControlInfo(conn, dom, &info, args->flags) < 0)
        return -1;
    ret->state = info.state;
    ret->details = info.details;
    ret->stateTime = info.stateTime;
    return 0;
}

int
remoteDispatchDomainGetBlockInfo(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_get_block_info_args *args,
                                 remote_domain_get_block_info_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetBlockInfo);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    virDomainBlockInfo info = { 0 };

    if (!conn || conn->driver->domainGetBlockInfo(conn, dom, args->path, &info, args->flags) < 0)
        return -1;
    ret->allocation = info.allocation;
    ret->capacity = info.capacity;
    ret->physical = info.physical;
    return 0;
}

int
remoteDispatchDomainSaveImageGetXMLDesc(virNetServer *server, virNetServerClient *client,
                                        virNetMessage *msg,
                                        remote_domain_save_image_get_xml_desc_args *args,
                                        remote_domain_save_image_get_xml_desc_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSaveImageGetXMLDesc);

    if (!conn)
        return -1;
    /* Secrets in the XML are for read-write clients only. */
    if ((args->flags & VIR_DOMAIN_SAVE_IMAGE_XML_SECURE) && (conn->flags & VIR_CONNECT_RO)) {
        virErrorReportFull(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_DENIED, "%s",
                           "virDomainSaveImageGetXMLDesc with secure flag");
        return -1;
    }
    return (ret->xml = conn->driver->domainSaveImageGetXMLDesc(conn, args->file, args->flags)) ?
           0 : -1;
}

int
remoteDispatchDomainSaveImageDefineXML(virNetServer *server, virNetServerClient *client,
                                       virNetMessage *msg,
                                       remote_domain_save_image_define_xml_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSaveImageDefineXML);

    if (!conn)
        return -1;
    return conn->driver->domainSaveImageDefineXML(conn, args->file, args->dxml, args->flags);
}
