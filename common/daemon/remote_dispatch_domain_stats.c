/* Domain handlers of the REMOTE program for memory, vCPU counts and
 * statistics. */
#include "remote_dispatch.h"
#include "remote_client.h"

#include <string.h>

#include "remote_protocol.h"
#include "remote_dispatch_gen.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

static int
remoteSetMemory(virNetServerClient *client, const remote_nonnull_domain *wire,
                unsigned long long memory, unsigned int flags)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSetMemoryFlags);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);

    return conn ? conn->driver->domainSetMemoryFlags(conn, dom, memory, flags) : -1;
}

int
remoteDispatchDomainSetMemory(virNetServer *server, virNetServerClient *client,
                              virNetMessage *msg, remote_domain_set_memory_args *args,
                              void *ret)
{
    return remoteSetMemory(client, &args->dom, args->memory, VIR_DOMAIN_MEM_LIVE);
}

int
remoteDispatchDomainSetMemoryFlags(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg, remote_domain_set_memory_flags_args *args,
                                   void *ret)
{
    return remoteSetMemory(client, &args->dom, args->memory, args->flags);
}

int
remoteDispatchDomainSetMaxMemory(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_set_max_memory_args *args,
                                 void *ret)
{
    return remoteSetMemory(client, &args->dom, args->memory,
                           VIR_DOMAIN_MEM_CONFIG | VIR_DOMAIN_MEM_MAXIMUM);
}

static int
remoteSetVcpus(virNetServerClient *client, const remote_nonnull_domain *wire,
               unsigned int nvcpus, unsigned int flags)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSetVcpusFlags);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);

    return conn ? conn->driver->domainSetVcpusFlags(conn, dom, nvcpus, flags) : -1;
}

int
remoteDispatchDomainSetVcpus(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_domain_set_vcpus_args *args, void *ret)
{
    return remoteSetVcpus(client, &args->dom, args->nvcpus, VIR_DOMAIN_VCPU_LIVE);
}

int
remoteDispatchDomainSetVcpusFlags(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_domain_set_vcpus_flags_args *args,
                                  void *ret)
{
    return remoteSetVcpus(client, &args->dom, args->nvcpus, args->flags);
}

int
remoteDispatchDomainGetVcpusFlags(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_domain_get_vcpus_flags_args *args,
                                  remote_domain_get_vcpus_flags_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetVcpusFlags);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    return (ret->num = conn->driver->domainGetVcpusFlags(conn, dom, args->flags)) < 0 ? -1 : 0;
}

int
remoteDispatchDomainMemoryStats(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_domain_memory_stats_args *args,
                                remote_domain_memory_stats_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainMemoryStats);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    g_autofree virDrvMemoryStat *stats = NULL;
    int n;
    int i;

    if (!conn)
        return -1;
    if (args->maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX) {
        virReportError(VIR_ERR_RPC, "%s", "maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX");
        return -1;
    }
    stats = g_new0(virDrvMemoryStat, MAX(args->maxStats, 1));
    if ((n = conn->driver->domainMemoryStats(conn, dom, stats, args->maxStats,
                                             args->flags)) < 0)
        return -1;
    ret->stats.stats_val = g_new0(remote_domain_memory_stat, MAX(n, 1));
    ret->stats.stats_len = n;
    for (i = 0; i < n; i++) {
        ret->stats.stats_val[i].tag = stats[i].tag;
        ret->stats.stats_val[i].val = stats[i].val;
    }
    return 0;
}

int
remoteDispatchDomainSetMemoryStatsPeriod(virNetServer *server, virNetServerClient *client,
                                         virNetMessage *msg,
                                         remote_domain_set_memory_stats_period_args *args,
                                         void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSetMemoryStatsPeriod);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    return conn ? conn->driver->domainSetMemoryStatsPeriod(conn, dom, args->period,
                                                           args->flags) : -1;
}

static int
remoteBlockStats(virNetServerClient *client, const remote_nonnull_domain *wire,
                 const char *path, virTypedParameter **params, int *nparams, unsigned int flags)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainBlockStats);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);

    return conn ? conn->driver->domainBlockStats(conn, dom, path, params, nparams, flags) : -1;
}

/* The fixed five of the oldest call; -1 for what is not counted. */
int
remoteDispatchDomainBlockStats(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_domain_block_stats_args *args,
                               remote_domain_block_stats_ret *ret)
{
    virTypedParameter *params = NULL;
    virTypedParameter *p;
    int nparams = 0;

    if (remoteBlockStats(client, &args->dom, args->path, &params, &nparams, 0) < 0)
        return -1;
    ret->rd_req = (p = virTypedParamsFind(params, nparams, VIR_DOMAIN_BLOCK_STATS_READ_REQ)) ?
                  p->value.l : -1;
    ret->rd_bytes = (p = virTypedParamsFind(params, nparams, VIR_DOMAIN_BLOCK_STATS_READ_BYTES)) ?
                    p->value.l : -1;
    ret->wr_req = (p = virTypedParamsFind(params, nparams, VIR_DOMAIN_BLOCK_STATS_WRITE_REQ)) ?
                  p->value.l : -1;
    ret->wr_bytes = (p = virTypedParamsFind(params, nparams, VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES)) ?
                    p->value.l : -1;
    ret->errs = -1;
    virTypedParamsFreeArray(params, nparams);
    return 0;
}

/* The two-step convention: nparams 0 asks how many there are. */
int
remoteDispatchDomainBlockStatsFlags(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_domain_block_stats_flags_args *args,
                                    remote_domain_block_stats_flags_ret *ret)
{
    virTypedParameter *params = NULL;
    int nparams = 0;
    int rc = 0;

    if (args->nparams < 0 || args->nparams > REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX) {
        virReportError(VIR_ERR_RPC, "%s", "nparams too large");
        return -1;
    }
    if (remoteBlockStats(client, &args->dom, args->path, &params, &nparams, args->flags) < 0)
        return -1;
    if (args->nparams == 0) {
        ret->nparams = nparams;
    } else {
        ret->nparams = MIN(nparams, args->nparams);
        rc = remoteTypedParamsToWire(params, ret->nparams, REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX,
                                     args->flags, &ret->params.params_val,
                                     &ret->params.params_len);
    }
    virTypedParamsFreeArray(params, nparams);
    return rc;
}

int
remoteDispatchDomainInterfaceStats(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg, remote_domain_interface_stats_args *args,
                                   remote_domain_interface_stats_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainInterfaceStats);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    virDrvInterfaceStats st;

    if (!conn || conn->driver->domainInterfaceStats(conn, dom, args->device, &st) < 0)
        return -1;
    ret->rx_bytes = st.rx_bytes;
    ret->rx_packets = st.rx_packets;
    ret->rx_errs = st.rx_errs;
    ret->rx_drop = st.rx_drop;
    ret->tx_bytes = st.tx_bytes;
    ret->tx_packets = st.tx_packets;
    ret->tx_errs = st.tx_errs;
    ret->tx_drop = st.tx_drop;
    return 0;
}

int
remoteDispatchConnectGetAllDomainStats(virNetServer *server, virNetServerClient *client,
                                       virNetMessage *msg,
                                       remote_connect_get_all_domain_stats_args *args,
                                       remote_connect_get_all_domain_stats_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, connectGetAllDomainStats);
    g_autofree virDrvDomain **doms = NULL;
    virDrvDomainStatsRecord **records = NULL;
    u_int ndoms = args->doms.doms_len;
    int n;
    int i;
    int rc = 0;

    if (!conn)
        return -1;
    doms = g_new0(virDrvDomain *, ndoms + 1);
    for (i = 0; (u_int)i < ndoms; i++)
        doms[i] = remoteDomainFromWire(&args->doms.doms_val[i]);
    n = conn->driver->connectGetAllDomainStats(conn, doms, ndoms, args->stats, &records,
                                               args->flags);
    for (i = 0; (u_int)i < ndoms; i++)
        virDrvDomainFree(doms[i]);
    if (n < 0)
        return -1;
    ret->retStats.retStats_val = g_new0(remote_domain_stats_record, MAX(n, 1));
    ret->retStats.retStats_len = n;
    for (i = 0; i < n; i++) {
        remote_domain_stats_record *r = &ret->retStats.retStats_val[i];

        r->dom.name = g_strdup(records[i]->dom->name);
        memcpy(r->dom.uuid, records[i]->dom->uuid, VIR_UUID_BUFLEN);
        r->dom.id = records[i]->dom->id;
        if (rc == 0 &&
            remoteTypedParamsToWire(records[i]->params, records[i]->nparams,
                                    REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX,
                                    VIR_TYPED_PARAM_STRING_OKAY, &r->params.params_val,
                                    &r->params.params_len) < 0)
            rc = -1;
        virDrvDomainStatsRecordFree(records[i]);
    }
    g_free(records);
    return rc;
}
