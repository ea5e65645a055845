#include "qemu_domain_job.h"

#include "qemu_domain.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.domain_job");

/* How long a second operation waits for the first (libvirt's is 30 s). */
#define QEMU_JOB_WAIT_US (30 * G_USEC_PER_SEC)

int
qemuDomainJobBegin(virDomainObj *obj, const char *name, bool mustBeActive)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    gint64 deadline = g_get_monotonic_time() + QEMU_JOB_WAIT_US;

    while (priv->job.name) {
        if (!g_cond_wait_until(&priv->jobCond, &obj->lock, deadline) && priv->job.name) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           "cannot acquire state change lock (held by %s)", priv->job.name);
            return -1;
        }
    }
    if (obj->removed || (mustBeActive && !virDomainObjIsActive(obj))) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    priv->job = (qemuDomainJob){ .name = g_strdup(name), .started = g_get_monotonic_time() };
    VIR_DEBUG("domain %s: job %s started", obj->def->name, name);
    return 0;
}

void
qemuDomainJobEnd(virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);

    VIR_DEBUG("domain %s: job %s ended", obj->def->name, priv->job.name ? priv->job.name : "none");
    g_free(priv->job.name);
    priv->job = (qemuDomainJob){ 0 };
    g_cond_broadcast(&priv->jobCond);
}

const char *
qemuDomainJobActive(virDomainObj *obj)
{
    return qemuDomainObjPrivateGet(obj)->job.name;
}

int
qemuDomainObjWait(virDomainObj *obj, gint64 deadline)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);

    return g_cond_wait_until(&priv->eventCond, &obj->lock, deadline) ? 0 : 1;
}

void
qemuDomainObjBroadcast(virDomainObj *obj)
{
    g_cond_broadcast(&qemuDomainObjPrivateGet(obj)->eventCond);
}
