/* Bridges into firewalld's "libvirt" zone over the system D-Bus. */
#include "network_firewall.h"

#include <gio/gio.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("network.network_firewalld");

#define FIREWALLD_NAME "org.fedoraproject.FirewallD1"
#define FIREWALLD_PATH "/org/fedoraproject/FirewallD1"
#define FIREWALLD_ZONE_IFACE "org.fedoraproject.FirewallD1.zone"

/* The system bus when firewalld is on it, else NULL (nothing reported:
 * no bus or no firewalld is the common case). */
static GDBusConnection *
networkFirewalldConnection(void)
{
    g_autoptr(GDBusConnection) bus = NULL;
    g_autoptr(GVariant) reply = NULL;
    g_autoptr(GError) gerr = NULL;
    gboolean owned = FALSE;

    if (!(bus = g_bus_get_sync(G_BUS_TYPE_SYSTEM, NULL, &gerr))) {
        VIR_DEBUG("no system bus: %s", gerr->message);
        return NULL;
    }
    reply = g_dbus_connection_call_sync(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                        "org.freedesktop.DBus", "NameHasOwner",
                                        g_variant_new("(s)", FIREWALLD_NAME), G_VARIANT_TYPE("(b)"),
                                        G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &gerr);
    if (!reply) {
        VIR_DEBUG("cannot ask the bus about firewalld: %s", gerr->message);
        return NULL;
    }
    g_variant_get(reply, "(b)", &owned);
    return owned ? g_steal_pointer(&bus) : NULL;
}

bool
networkFirewalldIsRunning(void)
{
    g_autoptr(GDBusConnection) bus = networkFirewalldConnection();

    return bus != NULL;
}

static int
networkFirewalldZoneCall(const char *method, const char *zone, const char *bridge)
{
    g_autoptr(GDBusConnection) bus = networkFirewalldConnection();
    g_autoptr(GVariant) reply = NULL;
    g_autoptr(GError) gerr = NULL;

    if (!bus)
        return 0;
    reply = g_dbus_connection_call_sync(bus, FIREWALLD_NAME, FIREWALLD_PATH, FIREWALLD_ZONE_IFACE, method,
                                        g_variant_new("(ss)", zone, bridge), NULL,
                                        G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &gerr);
    if (!reply) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "firewalld refused %s of interface %s in zone '%s': %s",
                       method, bridge, zone, gerr->message);
        return -1;
    }
    return 0;
}

int
networkFirewalldAddInterface(const char *bridge)
{
    /* changeZoneOfInterface also moves it from any zone it was in. */
    return networkFirewalldZoneCall("changeZoneOfInterface", NETWORK_FIREWALLD_ZONE, bridge);
}

int
networkFirewalldRemoveInterface(const char *bridge)
{
    /* An empty zone: whichever zone holds the interface. */
    return networkFirewalldZoneCall("removeInterface", "", bridge);
}
