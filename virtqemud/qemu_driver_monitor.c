/* qemu-monitor-command: a user's QMP or HMP command passed to the guest's
 * monitor as it is (libvirt-qemu's virDomainQemuMonitorCommand). */
#include "qemu_driver.h"

#include "qemu_domain.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.driver_monitor");

/* libvirt-qemu's VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP. */
#define QEMU_MONITOR_COMMAND_HMP (1 << 0)

char *
qemuDomainQemuMonitorCommand(virDrvConnect *conn, virDrvDomain *dom, const char *cmd,
                             unsigned int flags)
{
    virDomainObj *obj;
    qemuDomainObjPrivate *priv;
    char *result = NULL;

    virCheckFlags(QEMU_MONITOR_COMMAND_HMP, NULL);
    if (!(obj = qemuDomObjFromRef(dom)))
        return NULL;
    if (qemuDomObjCheckActive(obj) < 0)
        goto cleanup;
    priv = qemuDomainObjPrivateGet(obj);
    if (!priv->mon) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "QEMU monitor is not connected");
        goto cleanup;
    }
    /* Like libvirt: the guest is marked as touched behind our back. */
    VIR_WARN("domain %s: monitor command from a client: %s", obj->def->name, cmd);
    if (flags & QEMU_MONITOR_COMMAND_HMP)
        result = qemuMonitorHumanCommand(priv->mon, cmd);
    else
        result = qemuMonitorCommandPassthrough(priv->mon, cmd);

 cleanup:
    virDomainObjEndAPI(&obj);
    return result;
}
