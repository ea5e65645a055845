/* The admin program on <daemon>-admin-sock: the basics virt-admin needs to
 * connect and look around. Socket permissions (0700) are the access check. */
#include "remote_dispatch.h"

#include "admin_protocol.h"
#define VIR_DISPATCH_TABLE
#include "admin_dispatch_gen.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_ADMIN

VIR_LOG_INIT("daemon.admin");

const virNetServerProgram adminProgram = {
    .prog = ADMIN_PROGRAM,
    .vers = ADMIN_PROTOCOL_VERSION,
    .procs = adminProcedures,
    .nprocs = G_N_ELEMENTS(adminProcedures),
    .names = adminProcedureNames,
    .nnames = G_N_ELEMENTS(adminProcedureNames),
};

static const char *adminServerNames[2];

void
adminDispatchInit(const char *daemonName)
{
    adminServerNames[0] = "admin";
    adminServerNames[1] = daemonName;
}

int
adminDispatchConnectOpen(virNetServer *server, virNetServerClient *client,
                         virNetMessage *msg, admin_connect_open_args *args, void *ret)
{
    if (args->flags != 0) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x)", args->flags);
        return -1;
    }
    virNetServerClientSetAuthenticated(client);
    return 0;
}

int
adminDispatchConnectClose(virNetServer *server, virNetServerClient *client,
                          virNetMessage *msg, void *args, void *ret)
{
    virNetServerClientCloseAfterFlush(client);
    return 0;
}

int
adminDispatchConnectGetLibVersion(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, void *args,
                                  admin_connect_get_lib_version_ret *ret)
{
    ret->libVer = VIR_LIB_VERSION;
    return 0;
}

int
adminDispatchConnectListServers(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, admin_connect_list_servers_args *args,
                                admin_connect_list_servers_ret *ret)
{
    size_t i;

    ret->ret = G_N_ELEMENTS(adminServerNames);
    if (!args->need_results)
        return 0;
    ret->servers.servers_len = G_N_ELEMENTS(adminServerNames);
    ret->servers.servers_val = g_new0(admin_nonnull_server, G_N_ELEMENTS(adminServerNames));
    for (i = 0; i < G_N_ELEMENTS(adminServerNames); i++)
        ret->servers.servers_val[i].name = g_strdup(adminServerNames[i]);
    return 0;
}
