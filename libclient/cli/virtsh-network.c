/* virtsh: network commands: defining, starting and listing virtual
 * networks, live updates, DHCP leases, ports and network events. Messages
 * and tables are virsh's, word for word. */
#include "virtsh.h"
#include "virtsh-table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
virtshNetworkFree(virtshNetwork *net)
{
    if (net)
        virNetworkFree(net);
}

void
virtshNetworkPortFree(virtshNetworkPort *port)
{
    if (port)
        virNetworkPortFree(port);
}


/* ---- lookup --------------------------------------------------------- */

/* The network the command's --network names: by UUID when it has a UUID's
 * length, then by name. Unlike a domain's, the failed lookup's own error
 * stays for the command's end: virsh prints both. */
static virNetworkPtr
virtshCommandOptNetworkBy(virtshControl *ctl, const virtshCmd *cmd, const char **name,
                          unsigned int flags)
{
    virNetworkPtr net = NULL;
    const char *n = NULL;

    if (virtshOptString(ctl, cmd, "network", &n) <= 0)
        return NULL;
    if (name)
        *name = n;

    if ((flags & VIRTSH_BYUUID) && strlen(n) == VIR_UUID_STRING_BUFLEN - 1) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <network> trying as network UUID\n",
                    cmd->def->name);
        net = virNetworkLookupByUUIDString(ctl->conn, n);
    }
    if (!net && (flags & VIRTSH_BYNAME)) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <network> trying as network NAME\n",
                    cmd->def->name);
        net = virNetworkLookupByName(ctl->conn, n);
    }
    if (!net)
        virtshError(ctl, "failed to get network '%s'", n);
    return net;
}

#define virtshCommandOptNetwork(ctl, cmd, name) \
    virtshCommandOptNetworkBy(ctl, cmd, name, VIRTSH_BYUUID | VIRTSH_BYNAME)

static virNetworkPortPtr
virtshCommandOptNetworkPort(virtshControl *ctl, const virtshCmd *cmd, virNetworkPtr net)
{
    virNetworkPortPtr port;
    const char *n = NULL;

    if (virtshOptString(ctl, cmd, "port", &n) <= 0)
        return NULL;
    virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <port> trying as network UUID\n",
                cmd->def->name);
    if (!(port = virNetworkPortLookupByUUIDString(net, n)))
        virtshError(ctl, "failed to get network port '%s'", n);
    return port;
}


/* ---- define, create, undefine, XML ---------------------------------- */

/* net-define and net-create: read the file, one call, one message. The
 * flag-less calls when no flag is given, as virsh makes them, reach
 * daemons that predate the flags. */
static bool
virtshNetworkFromFile(virtshControl *ctl, const virtshCmd *cmd, bool define)
{
    g_autoptr(virtshNetwork) net = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;
    bool validate = virtshOptBool(cmd, "validate");

    if (virtshOptString(ctl, cmd, "file", &from) <= 0)
        return false;
    if (!(xml = virtshReadFile(ctl, from)))
        return false;

    if (define)
        net = validate ? virNetworkDefineXMLFlags(ctl->conn, xml, VIR_NETWORK_DEFINE_VALIDATE) :
                         virNetworkDefineXML(ctl->conn, xml);
    else
        net = validate ? virNetworkCreateXMLFlags(ctl->conn, xml, VIR_NETWORK_CREATE_VALIDATE) :
                         virNetworkCreateXML(ctl->conn, xml);
    if (!net) {
        virtshError(ctl, "Failed to %s network from %s", define ? "define" : "create", from);
        return false;
    }
    virtshPrintExtra(ctl, "Network %s %s from %s\n", virNetworkGetName(net),
                     define ? "defined" : "created", from);
    return true;
}

static bool
cmdNetworkDefine(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshNetworkFromFile(ctl, cmd, true);
}

static bool
cmdNetworkCreate(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshNetworkFromFile(ctl, cmd, false);
}


/* net-start, net-destroy, net-undefine: one call on the network, named
 * in the messages as the user typed it. done is what the success message
 * says happened ("started"), verb what the failure says failed ("start"). */
static bool
virtshNetworkAction(virtshControl *ctl, const virtshCmd *cmd, int (*call)(virNetworkPtr),
                    const char *done, const char *verb)
{
    g_autoptr(virtshNetwork) net = NULL;
    const char *name = NULL;

    if (!(net = virtshCommandOptNetwork(ctl, cmd, &name)))
        return false;
    if (call(net) < 0) {
        virtshError(ctl, "Failed to %s network %s", verb, name);
        return false;
    }
    virtshPrintExtra(ctl, "Network %s %s\n", name, done);
    return true;
}

static bool
cmdNetworkStart(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshNetworkAction(ctl, cmd, virNetworkCreate, "started", "start");
}

static bool
cmdNetworkDestroy(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshNetworkAction(ctl, cmd, virNetworkDestroy, "destroyed", "destroy");
}

static bool
cmdNetworkUndefine(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshNetworkAction(ctl, cmd, virNetworkUndefine, "has been undefined", "undefine");
}


static bool
cmdNetworkAutostart(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshNetwork) net = NULL;
    const char *name = NULL;
    bool enable = !virtshOptBool(cmd, "disable");

    if (!(net = virtshCommandOptNetwork(ctl, cmd, &name)))
        return false;
    if (virNetworkSetAutostart(net, enable) < 0) {
        virtshError(ctl, "failed to %s network %s as autostarted", enable ? "mark" : "unmark",
                    name);
        return false;
    }
    virtshPrintExtra(ctl, "Network %s %s as autostarted\n", name,
                     enable ? "marked" : "unmarked");
    return true;
}


static bool
cmdNetworkDumpxml(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshNetwork) net = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (!(net = virtshCommandOptNetwork(ctl, cmd, NULL)))
        return false;
    if (virtshOptBool(cmd, "inactive"))
        flags |= VIR_NETWORK_XML_INACTIVE;
    if (!(xml = virNetworkGetXMLDesc(net, flags)))
        return false;
    virtshPrint(ctl, "%s", xml);
    return true;
}


/* ---- info, name, uuid ----------------------------------------------- */

static bool
cmdNetworkInfo(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshNetwork) net = NULL;
    g_autofree char *bridge = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    int autostart = 0;
    int persistent;
    int active;

    if (!(net = virtshCommandOptNetwork(ctl, cmd, NULL)))
        return false;

    virtshPrint(ctl, "%-15s %s\n", "Name:", virNetworkGetName(net));
    if (virNetworkGetUUIDString(net, uuid) == 0)
        virtshPrint(ctl, "%-15s %s\n", "UUID:", uuid);
    if ((active = virNetworkIsActive(net)) >= 0)
        virtshPrint(ctl, "%-15s %s\n", "Active:", active ? "yes" : "no");
    persistent = virNetworkIsPersistent(net);
    virtshPrint(ctl, "%-15s %s\n", "Persistent:",
                persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    if (virNetworkGetAutostart(net, &autostart) < 0)
        virtshPrint(ctl, "%-15s %s\n", "Autostart:", "no autostart");
    else
        virtshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "yes" : "no");
    if ((bridge = virNetworkGetBridgeName(net)))
        virtshPrint(ctl, "%-15s %s\n", "Bridge:", bridge);

    /* What could not be read is shown as such; the command still succeeds. */
    virtshResetLibvirtError(ctl);
    return true;
}


static bool
cmdNetworkName(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshNetwork) net = NULL;

    if (!(net = virtshCommandOptNetworkBy(ctl, cmd, NULL, VIRTSH_BYUUID)))
        return false;
    virtshPrint(ctl, "%s\n", virNetworkGetName(net));
    return true;
}


static bool
cmdNetworkUuid(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshNetwork) net = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(net = virtshCommandOptNetworkBy(ctl, cmd, NULL, VIRTSH_BYNAME)))
        return false;
    /* virsh says so but still succeeds. */
    if (virNetworkGetUUIDString(net, uuid) < 0)
        virtshError(ctl, "%s", "failed to get network UUID");
    else
        virtshPrint(ctl, "%s\n", uuid);
    return true;
}


/* ---- list ----------------------------------------------------------- */

static int
virtshNetworkSorter(const void *a, const void *b)
{
    virNetworkPtr na = *(virNetworkPtr const *)a;
    virNetworkPtr nb = *(virNetworkPtr const *)b;

    return g_ascii_strcasecmp(virNetworkGetName(na), virNetworkGetName(nb));
}

static void
virtshNetworkListFree(virNetworkPtr *nets, int n)
{
    int i;

    for (i = 0; i < n; i++)
        virNetworkFree(nets[i]);
    free(nets);
}

static const struct {
    const char *opt;
    unsigned int flag;
} virtshNetworkListFilters[] = {
    { "persistent", VIR_CONNECT_LIST_NETWORKS_PERSISTENT },
    { "transient", VIR_CONNECT_LIST_NETWORKS_TRANSIENT },
    { "autostart", VIR_CONNECT_LIST_NETWORKS_AUTOSTART },
    { "no-autostart", VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART },
};

static void
virtshNetworkListRow(virtshTable *table, virNetworkPtr net)
{
    const char *cells[4];
    int autostart = 0;
    int persistent;

    /* The order virsh asks in: autostart, persistence, state. */
    if (virNetworkGetAutostart(net, &autostart) < 0)
        cells[2] = "no autostart";
    else
        cells[2] = autostart ? "yes" : "no";
    persistent = virNetworkIsPersistent(net);
    /* As in virsh, a failed call (-1) reads as true. */
    cells[1] = virNetworkIsActive(net) ? "active" : "inactive";
    cells[3] = persistent ? "yes" : "no";
    cells[0] = virNetworkGetName(net);
    virtshTableAppend(table, cells);
}

static bool
cmdNetworkList(virtshControl *ctl, const virtshCmd *cmd)
{
    static const char *const header[] = { "Name", "State", "Autostart", "Persistent", NULL };
    g_autoptr(virtshTable) table = NULL;
    virNetworkPtr *nets = NULL;
    bool opt_table = virtshOptBool(cmd, "table");
    bool opt_name = virtshOptBool(cmd, "name");
    bool opt_uuid = virtshOptBool(cmd, "uuid");
    unsigned int flags = VIR_CONNECT_LIST_NETWORKS_ACTIVE;
    bool ret = false;
    int nnets;
    int i;

    if (virtshOptBool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    if (virtshOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    for (i = 0; i < (int)G_N_ELEMENTS(virtshNetworkListFilters); i++) {
        if (virtshOptBool(cmd, virtshNetworkListFilters[i].opt))
            flags |= virtshNetworkListFilters[i].flag;
    }

    if (opt_table + opt_name + opt_uuid > 1) {
        virtshError(ctl, "%s",
                    "Only one argument from --table, --name and --uuid may be specified.");
        return false;
    }
    if (!opt_name && !opt_uuid)
        opt_table = true;

    if ((nnets = virConnectListAllNetworks(ctl->conn, &nets, flags)) < 0) {
        virtshError(ctl, "%s", "Failed to list networks");
        return false;
    }
    if (nnets > 0)
        qsort(nets, nnets, sizeof(*nets), virtshNetworkSorter);

    if (opt_table)
        table = virtshTableNew(header);
    for (i = 0; i < nnets; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];

        if (opt_table) {
            virtshNetworkListRow(table, nets[i]);
        } else if (opt_uuid) {
            if (virNetworkGetUUIDString(nets[i], uuid) < 0) {
                virtshError(ctl, "%s", "Failed to get network's UUID");
                goto cleanup;
            }
            virtshPrint(ctl, "%s\n", uuid);
        } else {
            virtshPrint(ctl, "%s\n", virNetworkGetName(nets[i]));
        }
    }
    if (opt_table) {
        virtshTablePrint(ctl, table);
        /* Cells that could not be read say so; nothing is left to report. */
        virtshResetLibvirtError(ctl);
    }
    ret = true;

 cleanup:
    virtshNetworkListFree(nets, nnets);
    return ret;
}


/* ---- update --------------------------------------------------------- */

/* In libvirt's enum order: the index is the value. */
static const char *const virtshNetworkUpdateCommands[] = {
    "none", "modify", "delete", "add-last", "add-first",
};
static const char *const virtshNetworkSections[] = {
    "none", "bridge", "domain", "ip", "ip-dhcp-host", "ip-dhcp-range", "forward",
    "forward-interface", "forward-pf", "portgroup", "dns-host", "dns-txt", "dns-srv",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshNetworkUpdateCommands) ==
                VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(virtshNetworkSections) == VIR_NETWORK_SECTION_DNS_SRV + 1);

/* The index of str in names, 0 ("none", never valid) if absent. */
static int
virtshNameIndex(const char *const *names, size_t n, const char *str)
{
    size_t i;

    for (i = 1; i < n; i++) {
        if (strcmp(names[i], str) == 0)
            return i;
    }
    return 0;
}

static bool
cmdNetworkUpdate(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshNetwork) net = NULL;
    g_autofree char *fromFile = NULL;
    const char *commandStr = NULL;
    const char *sectionStr = NULL;
    const char *xml = NULL;
    bool config = virtshOptBool(cmd, "config");
    bool live = virtshOptBool(cmd, "live");
    unsigned int flags = VIR_NETWORK_UPDATE_AFFECT_CURRENT;
    int parentIndex = -1;
    int command;
    int section;
    const char *name;

    if (!virtshOptExclusive(ctl, cmd, "current", "live") ||
        !virtshOptExclusive(ctl, cmd, "current", "config"))
        return false;
    if (!(net = virtshCommandOptNetwork(ctl, cmd, NULL)))
        return false;
    name = virNetworkGetName(net);

    if (virtshOptString(ctl, cmd, "command", &commandStr) <= 0)
        return false;
    /* "add" is short for "add-last". */
    if (strcmp(commandStr, "add") == 0)
        command = VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;
    else
        command = virtshNameIndex(virtshNetworkUpdateCommands,
                                  G_N_ELEMENTS(virtshNetworkUpdateCommands), commandStr);
    if (command <= 0) {
        virtshError(ctl, "unrecognized command name '%s'", commandStr);
        return false;
    }

    if (virtshOptString(ctl, cmd, "section", &sectionStr) <= 0)
        return false;
    section = virtshNameIndex(virtshNetworkSections, G_N_ELEMENTS(virtshNetworkSections),
                              sectionStr);
    if (section <= 0) {
        virtshError(ctl, "unrecognized section name '%s'", sectionStr);
        return false;
    }

    if (virtshOptInt(ctl, cmd, "parent-index", &parentIndex) < 0)
        return false;

    /* The element itself when it starts with '<', else a file holding it. */
    if (virtshOptString(ctl, cmd, "xml", &xml) <= 0)
        return false;
    if (*xml != '<') {
        if (!(fromFile = virtshReadFile(ctl, xml)))
            return false;
        xml = fromFile;
    }

    if (config)
        flags |= VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (live)
        flags |= VIR_NETWORK_UPDATE_AFFECT_LIVE;

    if (virNetworkUpdate(net, command, section, parentIndex, xml, flags) < 0) {
        virtshError(ctl, "Failed to update network %s", name);
        return false;
    }

    /* virsh ends these without a newline. */
    if (config && live)
        virtshPrintExtra(ctl, "Updated network %s persistent config and live state", name);
    else if (config)
        virtshPrintExtra(ctl, "Updated network %s persistent config", name);
    else if (live || virNetworkIsActive(net))
        virtshPrintExtra(ctl, "Updated network %s live state", name);
    else
        virtshPrintExtra(ctl, "Updated network %s persistent config", name);
    return true;
}


/* ---- DHCP leases ---------------------------------------------------- */

static int
virtshLeaseSorter(const void *a, const void *b)
{
    virNetworkDHCPLeasePtr la = *(virNetworkDHCPLeasePtr const *)a;
    virNetworkDHCPLeasePtr lb = *(virNetworkDHCPLeasePtr const *)b;

    return g_ascii_strcasecmp(la->mac ? la->mac : "", lb->mac ? lb->mac : "");
}

#define VIRTSH_OR_MINUS(s) ((s) ? (s) : "-")

static bool
cmdNetworkDHCPLeases(virtshControl *ctl, const virtshCmd *cmd)
{
    static const char *const header[] = {
        "Expiry Time", "MAC address", "Protocol", "IP address", "Hostname",
        "Client ID or DUID", NULL
    };
    g_autoptr(virtshNetwork) net = NULL;
    g_autoptr(virtshTable) table = NULL;
    virNetworkDHCPLeasePtr *leases = NULL;
    const char *name = NULL;
    const char *mac = NULL;
    int nleases;
    int i;

    if (virtshOptString(ctl, cmd, "mac", &mac) < 0)
        return false;
    if (!(net = virtshCommandOptNetwork(ctl, cmd, &name)))
        return false;
    if ((nleases = virNetworkGetDHCPLeases(net, mac, &leases, 0)) < 0) {
        virtshError(ctl, "Failed to get leases info for %s", name);
        return false;
    }
    if (nleases > 0)
        qsort(leases, nleases, sizeof(*leases), virtshLeaseSorter);

    table = virtshTableNew(header);
    for (i = 0; i < nleases; i++) {
        virNetworkDHCPLeasePtr lease = leases[i];
        g_autoptr(GDateTime) then = g_date_time_new_from_unix_local(lease->expirytime);
        g_autofree char *expiry = then ? g_date_time_format(then, "%Y-%m-%d %H:%M:%S") : NULL;
        g_autofree char *cidr = g_strdup_printf("%s/%u", lease->ipaddr, lease->prefix);
        const char *type = NULL;
        const char *cells[6];

        if (lease->type == VIR_IP_ADDR_TYPE_IPV4)
            type = "ipv4";
        else if (lease->type == VIR_IP_ADDR_TYPE_IPV6)
            type = "ipv6";
        cells[0] = VIRTSH_OR_MINUS(expiry);
        cells[1] = VIRTSH_OR_MINUS(lease->mac);
        cells[2] = VIRTSH_OR_MINUS(type);
        cells[3] = cidr;
        cells[4] = VIRTSH_OR_MINUS(lease->hostname);
        cells[5] = VIRTSH_OR_MINUS(lease->clientid);
        virtshTableAppend(table, cells);
    }
    virtshTablePrint(ctl, table);

    for (i = 0; i < nleases; i++)
        virNetworkDHCPLeaseFree(leases[i]);
    free(leases);
    return true;
}


/* ---- ports ---------------------------------------------------------- */

static bool
cmdNetworkPortCreate(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshNetwork) net = NULL;
    g_autoptr(virtshNetworkPort) port = NULL;
    g_autofree char *xml = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    const char *from = NULL;
    unsigned int flags = 0;

    if (!(net = virtshCommandOptNetwork(ctl, cmd, NULL)))
        return false;
    if (virtshOptString(ctl, cmd, "file", &from) <= 0)
        return false;
    if (virtshOptBool(cmd, "validate"))
        flags |= VIR_NETWORK_PORT_CREATE_VALIDATE;
    if (!(xml = virtshReadFile(ctl, from)))
        return false;

    if (!(port = virNetworkPortCreateXML(net, xml, flags))) {
        /* sic: virsh's words */
        virtshError(ctl, "Failed to create network from %s", from);
        return false;
    }
    virNetworkPortGetUUIDString(port, uuid);
    virtshPrintExtra(ctl, "Network port %s created from %s\n", uuid, from);
    return true;
}


/* net-port-dumpxml and net-port-delete succeed in virsh 9.0 whatever
 * fails: only their own message is printed, libvirt's stays unreported,
 * and the exit status is 0. Scripts may depend on it, so virtsh does the
 * same. */
static bool
cmdNetworkPortDumpxml(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshNetwork) net = NULL;
    g_autoptr(virtshNetworkPort) port = NULL;
    g_autofree char *xml = NULL;

    if (!(net = virtshCommandOptNetwork(ctl, cmd, NULL)) ||
        !(port = virtshCommandOptNetworkPort(ctl, cmd, net)) ||
        !(xml = virNetworkPortGetXMLDesc(port, 0)))
        return true;
    virtshPrint(ctl, "%s", xml);
    return true;
}


static bool
cmdNetworkPortDelete(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshNetwork) net = NULL;
    g_autoptr(virtshNetworkPort) port = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(net = virtshCommandOptNetwork(ctl, cmd, NULL)) ||
        !(port = virtshCommandOptNetworkPort(ctl, cmd, net)) ||
        virNetworkPortGetUUIDString(port, uuid) < 0)
        return true;
    if (virNetworkPortDelete(port, 0) < 0)
        virtshError(ctl, "Failed to delete network port %s", uuid);
    else
        virtshPrintExtra(ctl, "Network port %s deleted\n", uuid);
    return true;
}


/* By the UUID's bytes, as virsh sorts them. */
static int
virtshNetworkPortSorter(const void *a, const void *b)
{
    unsigned char ua[VIR_UUID_BUFLEN] = { 0 };
    unsigned char ub[VIR_UUID_BUFLEN] = { 0 };

    virNetworkPortGetUUID(*(virNetworkPortPtr const *)a, ua);
    virNetworkPortGetUUID(*(virNetworkPortPtr const *)b, ub);
    return memcmp(ua, ub, VIR_UUID_BUFLEN);
}

static bool
cmdNetworkPortList(virtshControl *ctl, const virtshCmd *cmd)
{
    static const char *const header[] = { "UUID", NULL };
    g_autoptr(virtshNetwork) net = NULL;
    g_autoptr(virtshTable) table = NULL;
    virNetworkPortPtr *ports = NULL;
    bool opt_table = virtshOptBool(cmd, "table");
    bool opt_uuid = virtshOptBool(cmd, "uuid");
    bool ret = false;
    int nports;
    int i;

    if (opt_table && opt_uuid) {
        virtshError(ctl, "%s", "Only one argument from --table and --uuid may be specified.");
        return false;
    }
    if (!opt_uuid)
        opt_table = true;

    if (!(net = virtshCommandOptNetwork(ctl, cmd, NULL)))
        return false;
    if ((nports = virNetworkListAllPorts(net, &ports, 0)) < 0)
        return false;
    if (nports > 0)
        qsort(ports, nports, sizeof(*ports), virtshNetworkPortSorter);

    if (opt_table)
        table = virtshTableNew(header);
    for (i = 0; i < nports; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];

        if (virNetworkPortGetUUIDString(ports[i], uuid) < 0) {
            virtshError(ctl, "%s", "Failed to get network's UUID");
            goto cleanup;
        }
        if (opt_table) {
            const char *cells[] = { uuid };

            virtshTableAppend(table, cells);
        } else {
            virtshPrint(ctl, "%s\n", uuid);
        }
    }
    if (opt_table)
        virtshTablePrint(ctl, table);
    ret = true;

 cleanup:
    for (i = 0; i < nports; i++)
        virNetworkPortFree(ports[i]);
    free(ports);
    return ret;
}


/* ---- events --------------------------------------------------------- */

typedef struct {
    virtshControl *ctl;
    bool loop;
    bool timestamp;
    int count;
} virtshNetworkEventData;

static const char *const virtshNetworkLifecycleEvents[] = {
    "Defined", "Undefined", "Started", "Stopped",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshNetworkLifecycleEvents) == VIR_NETWORK_EVENT_STOPPED + 1);

static void
virtshNetworkEventLifecycle(virConnectPtr conn G_GNUC_UNUSED, virNetworkPtr net, int event,
                            int detail G_GNUC_UNUSED, void *opaque)
{
    virtshNetworkEventData *data = opaque;
    const char *what = "unknown";

    /* A one-shot wait prints only its first event. */
    if (!data->loop && data->count)
        return;
    if (event >= 0 && event < (int)G_N_ELEMENTS(virtshNetworkLifecycleEvents))
        what = virtshNetworkLifecycleEvents[event];
    if (data->timestamp) {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");

        virtshPrint(data->ctl, "%s.%03d+0000: ", stamp,
                    g_date_time_get_microsecond(now) / 1000);
    }
    virtshPrint(data->ctl, "event 'lifecycle' for network %s: %s\n",
                virNetworkGetName(net), what);
    fflush(stdout);

    data->count++;
    if (!data->loop)
        virtshEventDone(data->ctl);
}

/* In libvirt's event ID order: the index is the ID. */
static const struct {
    const char *name;
    virConnectNetworkEventGenericCallback cb;
} virtshNetworkEventTypes[] = {
    { "lifecycle", VIR_NETWORK_EVENT_CALLBACK(virtshNetworkEventLifecycle) },
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshNetworkEventTypes) == VIR_NETWORK_EVENT_ID_LIFECYCLE + 1);

static bool
cmdNetworkEvent(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshNetwork) net = NULL;
    virtshNetworkEventData data = { 0 };
    const char *event_name = NULL;
    int timeout = 0;
    int id = -1;
    size_t i;
    bool ret = false;

    if (virtshOptBool(cmd, "list")) {
        for (i = 0; i < G_N_ELEMENTS(virtshNetworkEventTypes); i++)
            virtshPrint(ctl, "%s\n", virtshNetworkEventTypes[i].name);
        return true;
    }

    if (virtshOptString(ctl, cmd, "event", &event_name) < 0)
        return false;
    if (!event_name) {
        virtshError(ctl, "%s", "either --list or --event <type> is required");
        return false;
    }
    for (i = 0; i < G_N_ELEMENTS(virtshNetworkEventTypes); i++) {
        if (strcmp(event_name, virtshNetworkEventTypes[i].name) == 0)
            break;
    }
    if (i == G_N_ELEMENTS(virtshNetworkEventTypes)) {
        virtshError(ctl, "unknown event type %s", event_name);
        return false;
    }

    data.ctl = ctl;
    data.loop = virtshOptBool(cmd, "loop");
    data.timestamp = virtshOptBool(cmd, "timestamp");

    if (virtshOptTimeoutMs(ctl, cmd, &timeout) < 0)
        return false;
    /* As virsh: a network that is not found is reported, and the wait
     * then covers every network (the command fails in the end). */
    if (virtshOptBool(cmd, "network"))
        net = virtshCommandOptNetwork(ctl, cmd, NULL);

    if (virtshEventStart(ctl, timeout) < 0)
        goto cleanup;

    if ((id = virConnectNetworkEventRegisterAny(ctl->conn, net, i, virtshNetworkEventTypes[i].cb,
                                                &data, NULL)) < 0)
        goto cleanup;

    switch (virtshEventWait(ctl)) {
    case VIRTSH_EVENT_INTERRUPT:
        virtshPrint(ctl, "%s", "event loop interrupted\n");
        break;
    case VIRTSH_EVENT_TIMEOUT:
        virtshPrint(ctl, "%s", "event loop timed out\n");
        break;
    case VIRTSH_EVENT_DONE:
        break;
    case VIRTSH_EVENT_ERROR:
    default:
        goto cleanup;
    }
    virtshPrint(ctl, "events received: %d\n", data.count);
    ret = data.count > 0;

 cleanup:
    virtshEventCleanup(ctl);
    if (id >= 0 && virConnectNetworkEventDeregisterAny(ctl->conn, id) < 0)
        ret = false;
    return ret;
}


/* ---- the table ------------------------------------------------------ */

#define VIRTSH_OPT_NETWORK(help) \
    { "network", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NETWORK, help }
#define VIRTSH_OPT_PORT \
    { "port", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE, "the port's UUID" }
#define VIRTSH_OPT_FLAG(name, help) \
    { name, VIRTSH_OT_BOOL, 0, VIRTSH_COMPLETE_NONE, help }
#define VIRTSH_OPT_FILE(help) \
    { "file", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_FILE, help }

static const virtshOptDef virtshOptsNetworkOnly[] = {
    VIRTSH_OPT_NETWORK("the network, by name or UUID"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkFile[] = {
    VIRTSH_OPT_FILE("the network XML file"),
    VIRTSH_OPT_FLAG("validate", "check the XML against the schema first"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkAutostart[] = {
    VIRTSH_OPT_NETWORK("the network, by name or UUID"),
    VIRTSH_OPT_FLAG("disable", "do not start it when the daemon starts"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkDumpxml[] = {
    VIRTSH_OPT_NETWORK("the network, by name or UUID"),
    VIRTSH_OPT_FLAG("inactive", "the persistent definition rather than the live one"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkName[] = {
    VIRTSH_OPT_NETWORK("the network's UUID"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkUuid[] = {
    VIRTSH_OPT_NETWORK("the network's name"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkList[] = {
    VIRTSH_OPT_FLAG("inactive", "only inactive networks"),
    VIRTSH_OPT_FLAG("all", "active and inactive networks"),
    VIRTSH_OPT_FLAG("persistent", "only persistent networks"),
    VIRTSH_OPT_FLAG("transient", "only transient networks"),
    VIRTSH_OPT_FLAG("autostart", "only networks started with the daemon"),
    VIRTSH_OPT_FLAG("no-autostart", "only networks not started with the daemon"),
    VIRTSH_OPT_FLAG("uuid", "print only the UUIDs"),
    VIRTSH_OPT_FLAG("name", "print only the names"),
    VIRTSH_OPT_FLAG("table", "print a table (the default)"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkUpdate[] = {
    VIRTSH_OPT_NETWORK("the network, by name or UUID"),
    { "command", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE,
      "what to do: add-first, add-last (or add), delete or modify" },
    { "section", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE,
      "the part of the definition: bridge, domain, ip, ip-dhcp-host, ip-dhcp-range, "
      "forward, forward-interface, forward-pf, portgroup, dns-host, dns-txt or dns-srv" },
    { "xml", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_FILE,
      "the XML element (if it starts with '<') or a file holding it" },
    { "parent-index", VIRTSH_OT_INT, 0, VIRTSH_COMPLETE_NONE,
      "which parent element (e.g. which <ip>) to search" },
    VIRTSH_OPT_FLAG("config", "change the persistent definition"),
    VIRTSH_OPT_FLAG("live", "change the running network"),
    VIRTSH_OPT_FLAG("current", "change the running network if active, else the definition"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkDHCPLeases[] = {
    VIRTSH_OPT_NETWORK("the network, by name or UUID"),
    { "mac", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NONE, "only the leases of this MAC address" },
    { NULL }
};

static const virtshOptDef virtshOptsNetworkEvent[] = {
    { "network", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NETWORK,
      "only events of this network (name or UUID)" },
    { "event", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NONE,
      "the event type to wait for (see --list)" },
    VIRTSH_OPT_FLAG("loop", "keep printing events until the timeout or Ctrl-C"),
    { "timeout", VIRTSH_OT_INT, 0, VIRTSH_COMPLETE_NONE, "give up after this many seconds" },
    VIRTSH_OPT_FLAG("list", "print the event types and exit"),
    VIRTSH_OPT_FLAG("timestamp", "start each event line with the time it arrived"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkPortList[] = {
    VIRTSH_OPT_NETWORK("the network, by name or UUID"),
    VIRTSH_OPT_FLAG("uuid", "print only the UUIDs"),
    VIRTSH_OPT_FLAG("table", "print a table (the default)"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkPortCreate[] = {
    VIRTSH_OPT_NETWORK("the network, by name or UUID"),
    VIRTSH_OPT_FILE("the network port XML file"),
    VIRTSH_OPT_FLAG("validate", "check the XML against the schema first"),
    { NULL }
};

static const virtshOptDef virtshOptsNetworkPort[] = {
    VIRTSH_OPT_NETWORK("the network, by name or UUID"),
    VIRTSH_OPT_PORT,
    { NULL }
};

/* In the order virsh's 'help network' lists them. */
const virtshCmdDef virtshNetworkCmds[] = {
    { "net-autostart", cmdNetworkAutostart, virtshOptsNetworkAutostart,
      "autostart a network",
      "Marks the network to be started whenever the daemon starts, or with "
      "--disable no longer.", 0 },
    { "net-create", cmdNetworkCreate, virtshOptsNetworkFile,
      "create a network from an XML file",
      "Starts a transient network described by the XML file; it is gone once "
      "destroyed.", 0 },
    { "net-define", cmdNetworkDefine, virtshOptsNetworkFile,
      "define a persistent network from an XML file",
      "Defines an inactive persistent network from the XML file, or replaces the "
      "definition of the one with the same name and UUID.", 0 },
    { "net-destroy", cmdNetworkDestroy, virtshOptsNetworkOnly,
      "destroy (stop) a network",
      "Stops the network at once; a transient network is then gone.", 0 },
    { "net-dhcp-leases", cmdNetworkDHCPLeases, virtshOptsNetworkDHCPLeases,
      "print a network's DHCP leases",
      "Prints the leases the network's DHCP server handed out, or those of one "
      "MAC address.", 0 },
    { "net-dumpxml", cmdNetworkDumpxml, virtshOptsNetworkDumpxml,
      "print a network's XML",
      "Prints the network's XML description: the live one for an active network "
      "unless --inactive is given.", 0 },
    { "net-event", cmdNetworkEvent, virtshOptsNetworkEvent,
      "wait for network events",
      "Prints network events of one type as they arrive: the first one, or with "
      "--loop all until the timeout expires or Ctrl-C is pressed. Succeeds if "
      "any event arrived.", 0 },
    { "net-info", cmdNetworkInfo, virtshOptsNetworkOnly,
      "network information",
      "Prints the network's name, UUID, state, persistence, autostart and bridge.", 0 },
    { "net-list", cmdNetworkList, virtshOptsNetworkList,
      "list networks",
      "Lists the active networks, or those the options select, as a table or as "
      "bare names or UUIDs.", 0 },
    { "net-name", cmdNetworkName, virtshOptsNetworkName,
      "convert a network UUID to its name",
      "Prints the name of the network with that UUID.", 0 },
    { "net-start", cmdNetworkStart, virtshOptsNetworkOnly,
      "start an inactive network",
      "Starts a defined network that is not running.", 0 },
    { "net-undefine", cmdNetworkUndefine, virtshOptsNetworkOnly,
      "undefine a persistent network",
      "Removes the network's persistent definition; an active network keeps "
      "running as a transient one.", 0 },
    { "net-update", cmdNetworkUpdate, virtshOptsNetworkUpdate,
      "update part of a network's configuration",
      "Adds, deletes or modifies one element of the network's definition, in "
      "the running network, the persistent definition or both.", 0 },
    { "net-uuid", cmdNetworkUuid, virtshOptsNetworkUuid,
      "convert a network name to its UUID",
      "Prints the UUID of the network with that name.", 0 },
    { "net-port-list", cmdNetworkPortList, virtshOptsNetworkPortList,
      "list a network's ports",
      "Lists the UUIDs of the ports guests are plugged into on the network.", 0 },
    { "net-port-create", cmdNetworkPortCreate, virtshOptsNetworkPortCreate,
      "create a network port from an XML file",
      "Creates a port on the network as described by the XML file.", 0 },
    { "net-port-dumpxml", cmdNetworkPortDumpxml, virtshOptsNetworkPort,
      "print a network port's XML",
      "Prints the XML description of the network's port.", 0 },
    { "net-port-delete", cmdNetworkPortDelete, virtshOptsNetworkPort,
      "delete a network port",
      "Removes the port from the network.", 0 },
    { NULL }
};
