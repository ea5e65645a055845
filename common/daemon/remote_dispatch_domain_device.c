/* Domain handlers of the REMOTE program for devices: hotplug, media
 * changes, and what is sent to them (NMI, keys). */
#include "remote_dispatch.h"
#include "remote_client.h"

#include "remote_protocol.h"
#include "remote_dispatch_gen.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

static int
remoteDevice(virNetServerClient *client, bool attach, const remote_nonnull_domain *wire,
             const char *xml, unsigned int flags)
{
    virDrvConnect *conn = attach ? REMOTE_CONN_WITH(client, domainAttachDeviceFlags)
                                 : REMOTE_CONN_WITH(client, domainDetachDeviceFlags);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(wire);

    if (!conn)
        return -1;
    return attach ? conn->driver->domainAttachDeviceFlags(conn, dom, xml, flags)
                  : conn->driver->domainDetachDeviceFlags(conn, dom, xml, flags);
}

/* The old calls act on the running guest only. */
int
remoteDispatchDomainAttachDevice(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_attach_device_args *args,
                                 void *ret)
{
    return remoteDevice(client, true, &args->dom, args->xml, VIR_DOMAIN_AFFECT_LIVE);
}

int
remoteDispatchDomainAttachDeviceFlags(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_domain_attach_device_flags_args *args, void *ret)
{
    return remoteDevice(client, true, &args->dom, args->xml, args->flags);
}

int
remoteDispatchDomainDetachDevice(virNetServer *server, virNetServerClient *client,
                                 virNetMessage *msg, remote_domain_detach_device_args *args,
                                 void *ret)
{
    return remoteDevice(client, false, &args->dom, args->xml, VIR_DOMAIN_AFFECT_LIVE);
}

int
remoteDispatchDomainDetachDeviceFlags(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_domain_detach_device_flags_args *args, void *ret)
{
    return remoteDevice(client, false, &args->dom, args->xml, args->flags);
}

int
remoteDispatchDomainUpdateDeviceFlags(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_domain_update_device_flags_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainUpdateDeviceFlags);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    return conn->driver->domainUpdateDeviceFlags(conn, dom, args->xml, args->flags);
}

int
remoteDispatchDomainDetachDeviceAlias(virNetServer *server, virNetServerClient *client,
                                      virNetMessage *msg,
                                      remote_domain_detach_device_alias_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainDetachDeviceAlias);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    return conn->driver->domainDetachDeviceAlias(conn, dom, args->alias, args->flags);
}

int
remoteDispatchDomainInjectNMI(virNetServer *server, virNetServerClient *client,
                              virNetMessage *msg, remote_domain_inject_nmi_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainInjectNMI);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    return conn->driver->domainInjectNMI(conn, dom, args->flags);
}

int
remoteDispatchDomainSendKey(virNetServer *server, virNetServerClient *client,
                            virNetMessage *msg, remote_domain_send_key_args *args, void *ret)
{
    virDrvConnect *conn = REMOTE_CONN_WITH(client, domainSendKey);
    g_autoptr(virDrvDomain) dom = remoteDomainFromWire(&args->dom);

    if (!conn)
        return -1;
    return conn->driver->domainSendKey(conn, dom, args->codeset, args->holdtime,
                                       args->keycodes.keycodes_val,
                                       args->keycodes.keycodes_len, args->flags);
}
