/* Handlers of the QEMU program (libvirt-qemu's calls). */
#include "remote_dispatch.h"
#include "remote_client.h"

#include "remote_protocol.h"
#include "qemu_protocol.h"
#include "qemu_dispatch_gen.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

int
qemuDispatchDomainMonitorCommand(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, qemu_domain_monitor_command_args *args,
                                 qemu_domain_monitor_command_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainQemuMonitorCommand);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    ret->result = conn->driver->domainQemuMonitorCommand(conn, dom, args->cmd, args->flags);
    return ret->result ? 0 : -1;
}
