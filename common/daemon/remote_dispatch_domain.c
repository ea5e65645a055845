/* Domain handlers of the REMOTE program: wire <-> driver slot. */
#include "remote_dispatch.h"
#include "remote_client.h"

#include <string.h>

#include "remote_protocol.h"
#include "remote_dispatch_gen.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("daemon.remote_domain");

/* ---- definition ---- */

static int
domainDefine(virNetServerClient *client, const char *xml, unsigned int flags,
             remote_nonnull_domain *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainDefineXML);
    g_autoptr(virDrvDomain) dom = NULL;

    if (!conn || !(dom = conn->driver->domainDefineXML(conn, xml, flags)))
        return -1;
    remoteDomainToWire(ret, dom);
    return 0;
}

int
remoteDispatchDomainDefineXML(virNetServer *server, virNetServerClient *client,
                              virNetMessage *msg, remote_domain_define_xml_args *args,
                              remote_domain_define_xml_ret *ret)
{
    return domainDefine(client, args->xml, 0, &ret->dom);
}

int
remoteDispatchDomainDefineXMLFlags(virNetServer *server, virNetServerClient *client,
                                   virNetMessage *msg, remote_domain_define_xml_flags_args *args,
                                   remote_domain_define_xml_flags_ret *ret)
{
    return domainDefine(client, args->xml, args->flags, &ret->dom);
}

static int
domainUndefine(virNetServerClient *client, const remote_nonnull_domain *wire,
               unsigned int flags)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainUndefineFlags);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);

    return conn ? conn->driver->domainUndefineFlags(conn, dom, flags) : -1;
}

int
remoteDispatchDomainUndefine(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_domain_undefine_args *args,
                             void *ret)
{
    return domainUndefine(client, &args->dom, 0);
}

int
remoteDispatchDomainUndefineFlags(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_domain_undefine_flags_args *args,
                                  void *ret)
{
    return domainUndefine(client, &args->dom, args->flags);
}

/* ---- lifecycle ---- */

int
remoteDispatchDomainCreateXML(virNetServer *server, virNetServerClient *client,
                              virNetMessage *msg, remote_domain_create_xml_args *args,
                              remote_domain_create_xml_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainCreateXML);
    g_autoptr(virDrvDomain) dom = NULL;

    if (!conn || !(dom = conn->driver->domainCreateXML(conn, args->xml_desc, args->flags)))
        return -1;
    remoteDomainToWire(&ret->dom, dom);
    return 0;
}

static int
domainCreate(virNetServerClient *client, const remote_nonnull_domain *wire,
             unsigned int flags, remote_nonnull_domain *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainCreateWithFlags);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);

    if (!conn || conn->driver->domainCreateWithFlags(conn, dom, flags) < 0)
        return -1;
    if (ret)
        remoteDomainToWire(ret, dom);
    return 0;
}

int
remoteDispatchDomainCreate(virNetServer *server, virNetServerClient *client,
                           virNetMessage *msg, remote_domain_create_args *args, void *ret)
{
    return domainCreate(client, &args->dom, 0, NULL);
}

int
remoteDispatchDomainCreateWithFlags(virNetServer *server, virNetServerClient *client,
                                    virNetMessage *msg,
                                    remote_domain_create_with_flags_args *args,
                                    remote_domain_create_with_flags_ret *ret)
{
    return domainCreate(client, &args->dom, args->flags, &ret->dom);
}

/* The many calls shaped "domain + flags -> 0/-1" share one path. */
typedef int (*domainFlagsFunc)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);

static int
domainCallFlags(virNetServerClient *client, size_t offset, const char *slot,
                const remote_nonnull_domain *wire, unsigned int flags)
{
    virDrvConnect *conn = remoteClientConnWith(client, offsetof(virDrvConnect, driver),
                                               offset, slot);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);
    domainFlagsFunc func;

    if (!conn)
        return -1;
    func = *(domainFlagsFunc *)((char *)conn->driver + offset);
    return func(conn, dom, flags);
}

#define DOMAIN_CALL_FLAGS(client, slot, wire, flags) \
    domainCallFlags(client, offsetof(virHypervisorDriver, slot), #slot, wire, flags)

int
remoteDispatchDomainDestroy(virNetServer *server, virNetServerClient *client,
                            virNetMessage *msg, remote_domain_destroy_args *args, void *ret)
{
    return DOMAIN_CALL_FLAGS(client, domainDestroyFlags, &args->dom, 0);
}

int
remoteDispatchDomainDestroyFlags(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_destroy_flags_args *args,
                                 void *ret)
{
    return DOMAIN_CALL_FLAGS(client, domainDestroyFlags, &args->dom, args->flags);
}

int
remoteDispatchDomainShutdown(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_domain_shutdown_args *args, void *ret)
{
    return DOMAIN_CALL_FLAGS(client, domainShutdownFlags, &args->dom, 0);
}

int
remoteDispatchDomainShutdownFlags(virNetServer *server, virNetServerClient *client,
                                  virNetMessage *msg, remote_domain_shutdown_flags_args *args,
                                  void *ret)
{
    return DOMAIN_CALL_FLAGS(client, domainShutdownFlags, &args->dom, args->flags);
}

int
remoteDispatchDomainReboot(virNetServer *server, virNetServerClient *client,
                           virNetMessage *msg, remote_domain_reboot_args *args, void *ret)
{
    return DOMAIN_CALL_FLAGS(client, domainReboot, &args->dom, args->flags);
}

int
remoteDispatchDomainReset(virNetServer *server, virNetServerClient *client,
                          virNetMessage *msg, remote_domain_reset_args *args, void *ret)
{
    return DOMAIN_CALL_FLAGS(client, domainReset, &args->dom, args->flags);
}

int
remoteDispatchDomainSuspend(virNetServer *server, virNetServerClient *client,
                            virNetMessage *msg, remote_domain_suspend_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSuspend);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    return conn ? conn->driver->domainSuspend(conn, dom) : -1;
}

int
remoteDispatchDomainResume(virNetServer *server, virNetServerClient *client,
                           virNetMessage *msg, remote_domain_resume_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainResume);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    return conn ? conn->driver->domainResume(conn, dom) : -1;
}

/* ---- information ---- */

int
remoteDispatchDomainGetXMLDesc(virNetServer *server, virNetServerClient *client,
                               virNetMessage *msg, remote_domain_get_xml_desc_args *args,
                               remote_domain_get_xml_desc_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetXMLDesc);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    /* Secrets in the XML are for read-write clients only. */
    if ((args->flags & VIR_DOMAIN_XML_SECURE) && (conn->flags & VIR_CONNECT_RO)) {
        virErrorReportFull(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_DENIED, "%s",
                           "virDomainGetXMLDesc with secure flag");
        return -1;
    }
    return (ret->xml = conn->driver->domainGetXMLDesc(conn, dom, args->flags)) ? 0 : -1;
}

int
remoteDispatchDomainGetInfo(virNetServer *server, virNetServerClient *client,
                            virNetMessage *msg, remote_domain_get_info_args *args,
                            remote_domain_get_info_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetInfo);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    virDomainInfo info = { 0 };

    if (!conn || conn->driver->domainGetInfo(conn, dom, &info) < 0)
        return -1;
    ret->state = info.state;
    ret->maxMem = info.maxMem;
    ret->memory = info.memory;
    ret->nrVirtCpu = info.nrVirtCpu;
    ret->cpuTime = info.cpuTime;
    return 0;
}

int
remoteDispatchDomainGetState(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_domain_get_state_args *args,
                             remote_domain_get_state_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetState);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    return conn->driver->domainGetState(conn, dom, &ret->state, &ret->reason, args->flags);
}

int
remoteDispatchDomainGetOSType(virNetServer *server, virNetServerClient *client,
                              virNetMessage *msg, remote_domain_get_os_type_args *args,
                              remote_domain_get_os_type_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetOSType);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    return (ret->type = conn->driver->domainGetOSType(conn, dom)) ? 0 : -1;
}

int
remoteDispatchDomainGetMaxMemory(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_get_max_memory_args *args,
                                 remote_domain_get_max_memory_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetMaxMemory);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    ret->memory = conn->driver->domainGetMaxMemory(conn, dom);
    return ret->memory == 0 ? -1 : 0;
}

int
remoteDispatchDomainGetMaxVcpus(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_domain_get_max_vcpus_args *args,
                                remote_domain_get_max_vcpus_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetMaxVcpus);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    ret->num = conn->driver->domainGetMaxVcpus(conn, dom);
    return ret->num < 0 ? -1 : 0;
}

/* The calls shaped "domain -> int" share one path. */
typedef int (*domainIntFunc)(virDrvConnect *conn, virDrvDomain *dom);

static int
domainCallInt(virNetServerClient *client, size_t offset, const char *slot,
              const remote_nonnull_domain *wire, int *result)
{
    virDrvConnect *conn = remoteClientConnWith(client, offsetof(virDrvConnect, driver),
                                               offset, slot);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);
    domainIntFunc func;

    if (!conn)
        return -1;
    func = *(domainIntFunc *)((char *)conn->driver + offset);
    return (*result = func(conn, dom)) < 0 ? -1 : 0;
}

#define DOMAIN_CALL_INT(client, slot, wire, result) \
    domainCallInt(client, offsetof(virHypervisorDriver, slot), #slot, wire, result)

int
remoteDispatchDomainIsActive(virNetServer *server, virNetServerClient *client,
                             virNetMessage *msg, remote_domain_is_active_args *args,
                             remote_domain_is_active_ret *ret)
{
    return DOMAIN_CALL_INT(client, domainIsActive, &args->dom, &ret->active);
}

int
remoteDispatchDomainIsPersistent(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_is_persistent_args *args,
                                 remote_domain_is_persistent_ret *ret)
{
    return DOMAIN_CALL_INT(client, domainIsPersistent, &args->dom, &ret->persistent);
}

int
remoteDispatchDomainIsUpdated(virNetServer *server, virNetServerClient *client,
                              virNetMessage *msg, remote_domain_is_updated_args *args,
                              remote_domain_is_updated_ret *ret)
{
    return DOMAIN_CALL_INT(client, domainIsUpdated, &args->dom, &ret->updated);
}

int
remoteDispatchDomainHasManagedSaveImage(virNetServer *server, virNetServerClient *client,
                                        virNetMessage *msg,
                                        remote_domain_has_managed_save_image_args *args,
                                        remote_domain_has_managed_save_image_ret *ret)
{
    int rc = DOMAIN_CALL_FLAGS(client, domainHasManagedSaveImage, &args->dom, args->flags);

    if (rc < 0)
        return -1;
    ret->result = rc;
    return 0;
}

int
remoteDispatchDomainSnapshotNum(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_domain_snapshot_num_args *args,
                                remote_domain_snapshot_num_ret *ret)
{
    int rc = DOMAIN_CALL_FLAGS(client, domainSnapshotNum, &args->dom, args->flags);

    if (rc < 0)
        return -1;
    ret->num = rc;
    return 0;
}

int
remoteDispatchDomainGetAutostart(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_get_autostart_args *args,
                                 remote_domain_get_autostart_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetAutostart);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    return conn->driver->domainGetAutostart(conn, dom, &ret->autostart);
}

int
remoteDispatchDomainSetAutostart(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_set_autostart_args *args,
                                 void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSetAutostart);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    return conn->driver->domainSetAutostart(conn, dom, args->autostart);
}

int
remoteDispatchDomainGetSecurityLabel(virNetServer *server, virNetServerClient *client,
                                     virNetMessage *msg,
                                     remote_domain_get_security_label_args *args,
                                     remote_domain_get_security_label_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetSecurityLabel);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    g_autofree char *label = NULL;

    if (!conn || conn->driver->domainGetSecurityLabel(conn, dom, &label, &ret->enforcing) < 0)
        return -1;
    /* A char array with its NUL, as libvirt sends it. */
    ret->label.label_len = strlen(label) + 1;
    ret->label.label_val = g_steal_pointer(&label);
    return 0;
}

int
remoteDispatchDomainGetMessages(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_domain_get_messages_args *args,
                                remote_domain_get_messages_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainGetMessages);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    char **msgs = NULL;
    int n;

    if (!conn || (n = conn->driver->domainGetMessages(conn, dom, &msgs, args->flags)) < 0)
        return -1;
    ret->msgs.msgs_len = MIN(n, REMOTE_DOMAIN_MESSAGES_MAX);
    ret->msgs.msgs_val = msgs;
    return 0;
}

int
remoteDispatchDomainInterfaceAddresses(virNetServer *server, virNetServerClient *client,
                                       virNetMessage *msg,
                                       remote_domain_interface_addresses_args *args,
                                       remote_domain_interface_addresses_ret *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainInterfaceAddresses);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    virDomainInterface **ifaces = NULL;
    int n;
    int i;
    unsigned int j;
    int rc = 0;

    if (!conn)
        return -1;
    /* Asking the guest agent is an action on the guest. */
    if (args->source == VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT &&
        (conn->flags & VIR_CONNECT_RO)) {
        virErrorReportFull(VIR_FROM_NONE, VIR_ERR_OPERATION_DENIED, "%s",
                           "operation forbidden: read only access prevents virDomainInterfaceAddresses");
        return -1;
    }
    if ((n = conn->driver->domainInterfaceAddresses(conn, dom, &ifaces, args->source,
                                                    args->flags)) < 0)
        return -1;
    if (n > REMOTE_DOMAIN_INTERFACE_MAX) {
        virErrorReportFull(VIR_FROM_RPC, VIR_ERR_RPC,
                           "Number of interfaces, %d exceeds the max limit: %d",
                           n, REMOTE_DOMAIN_INTERFACE_MAX);
        rc = -1;
        goto cleanup;
    }
    ret->ifaces.ifaces_len = n;
    ret->ifaces.ifaces_val = g_new0(remote_domain_interface, MAX(n, 1));
    for (i = 0; i < n; i++) {
        remote_domain_interface *w = &ret->ifaces.ifaces_val[i];

        w->name = g_strdup(ifaces[i]->name);
        if (ifaces[i]->hwaddr)
            *(w->hwaddr = g_new0(char *, 1)) = g_strdup(ifaces[i]->hwaddr);
        w->addrs.addrs_len = MIN(ifaces[i]->naddrs, REMOTE_DOMAIN_IP_ADDR_MAX);
        w->addrs.addrs_val = g_new0(remote_domain_ip_addr, MAX(w->addrs.addrs_len, 1));
        for (j = 0; j < w->addrs.addrs_len; j++) {
            w->addrs.addrs_val[j].type = ifaces[i]->addrs[j].type;
            w->addrs.addrs_val[j].addr = g_strdup(ifaces[i]->addrs[j].addr);
            w->addrs.addrs_val[j].prefix = ifaces[i]->addrs[j].prefix;
        }
    }

 cleanup:
    for (i = 0; i < n; i++)
        virDrvDomainInterfaceFree(ifaces[i]);
    g_free(ifaces);
    return rc;
}

/* ---- console ---- */

int
remoteDispatchDomainOpenConsole(virNetServer *server, virNetServerClient *client,
                                virNetMessage *msg, remote_domain_open_console_args *args,
                                void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainOpenConsole);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);
    virNetServerStream *st;
    int rc;

    if (!conn)
        return -1;
    st = virNetServerStreamOpen(client, msg, 0);
    rc = conn->driver->domainOpenConsole(conn, dom, args->dev_name ? *args->dev_name : NULL,
                                         st, args->flags);
    return virNetServerStreamComplete(st, rc);
}
