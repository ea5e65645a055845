/* virtnetworkd: the network driver table, its state, and every entry
 * point. Each one: flags, look the network up, the work, then the event
 * once the object is unlocked. Starting and stopping networks is
 * serialised by one lock (bridges, subnets and firewall rules of one
 * network must be checked against the others'). */
#include "network_driver.h"

#include <string.h>

#include "network_conf.h"
#include "network_dnsmasq.h"
#include "network_event.h"
#include "network_port_conf.h"
#include "network_start.h"
#include "virconf.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virnetdev.h"
#include "virnetworkobj.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

VIR_LOG_INIT("network.network_driver");

typedef struct {
    bool privileged;
    char *configDir;            /* /etc/libvirt/qemu/networks */
    char *autostartDir;         /* .../autostart */
    networkRuntime rt;
    virNetworkObjList *networks;
    GMutex startLock;           /* start/stop/define against the others */
} networkDriverState;

static networkDriverState *network_driver;

static const char *const networkURISchemes[] = { "network", NULL };

static void networkPortsDeleteAll(virNetworkObj *obj);

static void
networkDriverStateFree(networkDriverState *driver)
{
    if (!driver)
        return;
    virNetworkObjListFree(driver->networks);
    g_free(driver->configDir);
    g_free(driver->autostartDir);
    g_free(driver->rt.stateDir);
    g_free(driver->rt.dnsmasqDir);
    g_mutex_clear(&driver->startLock);
    g_free(driver);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(networkDriverState, networkDriverStateFree);

static virDrvNetwork *
networkMakeRef(const virNetworkDef *def)
{
    return virDrvNetworkNew(def->name, def->uuid);
}

static void
networkEmit(const virNetworkDef *def, int event)
{
    virNetworkEventEmitLifecycle(def->name, def->uuid, event);
}

/* The network a wire reference names (by uuid), locked and referenced. */
static virNetworkObj *
networkObjFromRef(const virDrvNetwork *ref)
{
    virNetworkObj *obj = virNetworkObjListFindByUUID(network_driver->networks, ref->uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj)
        virReportError(VIR_ERR_NO_NETWORK, "no network with matching uuid '%s' (%s)",
                       virUUIDFormat(ref->uuid, uuidstr), ref->name);
    return obj;
}

static int
networkObjCheckActive(virNetworkObj *obj)
{
    if (!obj->active) {
        virReportError(VIR_ERR_OPERATION_INVALID, "network '%s' is not active",
                       obj->def->name);
        return -1;
    }
    return 0;
}

/* The live definitions of every active network but self (which the
 * caller holds locked); with the start lock held. */
static GPtrArray *
networkActiveDefs(virNetworkObj *self)
{
    g_autoptr(GPtrArray) all = virNetworkObjListCollect(network_driver->networks, 0);
    GPtrArray *defs = g_ptr_array_new_with_free_func((GDestroyNotify)virNetworkDefFree);
    size_t i;

    for (i = 0; i < all->len; i++) {
        virNetworkObj *obj = g_ptr_array_index(all, i);

        if (obj == self)
            continue;
        virNetworkObjLock(obj);
        if (obj->active && !obj->removed)
            g_ptr_array_add(defs, virNetworkDefCopy(obj->def));
        virNetworkObjUnlock(obj);
    }
    return defs;
}

/* The lowest virbrN no other network and no interface uses. */
static char *
networkAllocateBridgeName(const virNetworkDef *def)
{
    g_autoptr(GPtrArray) all = virNetworkObjListCollect(network_driver->networks, 0);
    int n;

    for (n = 0; n < 256; n++) {
        g_autofree char *name = g_strdup_printf("virbr%d", n);
        bool used = virNetDevExists(name) == 1;
        size_t i;

        for (i = 0; i < all->len && !used; i++) {
            virNetworkObj *obj = g_ptr_array_index(all, i);

            if (obj->def == def)
                continue;
            virNetworkObjLock(obj);
            used = (obj->def->bridge && strcmp(obj->def->bridge, name) == 0) ||
                   (obj->newDef && obj->newDef->bridge &&
                    strcmp(obj->newDef->bridge, name) == 0);
            virNetworkObjUnlock(obj);
        }
        if (!used)
            return g_steal_pointer(&name);
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "Bridge generation exceeded max id 256");
    return NULL;
}

/* What a new definition gets filled in: a bridge name and a MAC for the
 * networks that have their own bridge (kept in the config so that they
 * stay the same across restarts). */
static int
networkFillDefaults(virNetworkDef *def)
{
    if (!virNetworkDefForwardIsL3(def->forward.type))
        return 0;
    if (!def->bridge && !(def->bridge = networkAllocateBridgeName(def)))
        return -1;
    if (!def->macSpecified) {
        virMacAddrGenerate(def->mac);
        def->macSpecified = true;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Connection                                                          */

static virDrvOpenStatus
networkConnectOpen(virDrvConnect *conn, const char *scheme, const char *path,
                   unsigned int flags)
{
    const char *mode;

    if (strcmp(scheme, "network") != 0)
        return VIR_DRV_OPEN_DECLINED;
    if (!network_driver) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "network state driver is not active");
        return VIR_DRV_OPEN_ERROR;
    }
    mode = network_driver->privileged ? "system" : "session";
    if (path[0] != '/' || strcmp(path + 1, mode) != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "unexpected network URI path '%s', try network:///%s", path, mode);
        return VIR_DRV_OPEN_ERROR;
    }
    return VIR_DRV_OPEN_SUCCESS;
}

static int
networkConnectClose(virDrvConnect *conn)
{
    return 0;
}

/* ------------------------------------------------------------------ */
/* Listing and lookup                                                  */

static int
networkConnectListAllNetworks(virDrvConnect *conn, virDrvNetwork ***refs, unsigned int flags)
{
    g_autoptr(GPtrArray) all = NULL;
    g_autoptr(GPtrArray) out = g_ptr_array_new();
    int n;
    size_t i;

    virCheckFlags(VIR_CONNECT_LIST_NETWORKS_INACTIVE | VIR_CONNECT_LIST_NETWORKS_ACTIVE |
                  VIR_CONNECT_LIST_NETWORKS_PERSISTENT | VIR_CONNECT_LIST_NETWORKS_TRANSIENT |
                  VIR_CONNECT_LIST_NETWORKS_AUTOSTART | VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART,
                  -1);
    all = virNetworkObjListCollect(network_driver->networks, flags);
    for (i = 0; i < all->len; i++) {
        virNetworkObj *obj = g_ptr_array_index(all, i);

        virNetworkObjLock(obj);
        if (!obj->removed && virNetworkObjMatchFlags(obj, flags))
            g_ptr_array_add(out, networkMakeRef(obj->def));
        virNetworkObjUnlock(obj);
    }
    n = out->len;
    *refs = (virDrvNetwork **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
    return n;
}

static virDrvNetwork *
networkLookupByName(virDrvConnect *conn, const char *name)
{
    virNetworkObj *obj = virNetworkObjListFindByName(network_driver->networks, name);
    virDrvNetwork *ref;

    if (!obj) {
        virReportError(VIR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
        return NULL;
    }
    ref = networkMakeRef(obj->def);
    virNetworkObjEndAPI(&obj);
    return ref;
}

static virDrvNetwork *
networkLookupByUUID(virDrvConnect *conn, const unsigned char *uuid)
{
    virNetworkObj *obj = virNetworkObjListFindByUUID(network_driver->networks, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDrvNetwork *ref;

    if (!obj) {
        virReportError(VIR_ERR_NO_NETWORK, "no network with matching uuid '%s'",
                       virUUIDFormat(uuid, uuidstr));
        return NULL;
    }
    ref = networkMakeRef(obj->def);
    virNetworkObjEndAPI(&obj);
    return ref;
}

/* ------------------------------------------------------------------ */
/* Starting and stopping                                               */

/* Brings obj's network up; with the start lock and obj locked. */
static int
networkStartObj(virNetworkObj *obj)
{
    g_autoptr(GPtrArray) others = NULL;

    if (obj->active) {
        virReportError(VIR_ERR_OPERATION_INVALID, "network is already active");
        return -1;
    }
    /* The live definition is a copy: live updates do not touch the config. */
    virNetworkObjSetDefTransient(obj);
    others = networkActiveDefs(obj);
    if (networkCheckConflicts(obj->def, (virNetworkDef *const *)others->pdata, others->len) < 0 ||
        networkStart(&network_driver->rt, obj->def) < 0)
        goto error;
    obj->active = true;
    if (virNetworkObjSaveStatus(network_driver->rt.stateDir, obj) < 0) {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        networkStop(&network_driver->rt, obj->def);
        obj->active = false;
        virErrorRestore(&saved);
        goto error;
    }
    VIR_INFO("network %s started", obj->def->name);
    return 0;

 error:
    virNetworkObjUnsetDefTransient(obj);
    return -1;
}

/* Takes obj's network down; with the start lock and obj locked. */
static void
networkStopObj(virNetworkObj *obj)
{
    networkStop(&network_driver->rt, obj->def);
    virNetworkObjDeleteStatus(network_driver->rt.stateDir, obj->def->name);
    networkPortsDeleteAll(obj);
    obj->active = false;
    virNetworkObjUnsetDefTransient(obj);
    VIR_INFO("network %s stopped", obj->def->name);
}

/* ------------------------------------------------------------------ */
/* Definition                                                          */

static virDrvNetwork *
networkDefineOrCreate(const char *xml, unsigned int flags, bool define)
{
    g_autoptr(virNetworkDef) def = NULL;
    g_autoptr(virNetworkDef) oldDef = NULL;
    g_autoptr(virNetworkDef) copy = NULL;
    virNetworkObj *obj = NULL;
    virDrvNetwork *ref = NULL;
    int event;

    if (!(def = virNetworkDefParseString(xml, 0)))
        return NULL;
    g_mutex_lock(&network_driver->startLock);
    if (networkFillDefaults(def) < 0)
        goto cleanup;
    if (define) {
        bool wasPersistent;

        if (!(obj = virNetworkObjListAdd(network_driver->networks, &def, 0, &oldDef)))
            goto cleanup;
        wasPersistent = obj->persistent || oldDef;
        obj->persistent = true;
        if (virNetworkSaveConfig(network_driver->configDir,
                                 virNetworkObjGetPersistentDef(obj)) < 0) {
            /* A new network that cannot be stored is not defined. */
            if (!wasPersistent && !obj->active)
                virNetworkObjListRemove(network_driver->networks, obj);
            goto cleanup;
        }
        event = VIR_NETWORK_EVENT_DEFINED;
        copy = virNetworkDefCopy(virNetworkObjGetPersistentDef(obj));
    } else {
        if (!(obj = virNetworkObjListAdd(network_driver->networks, &def,
                                         VIR_NETWORK_OBJ_LIST_ADD_LIVE |
                                         VIR_NETWORK_OBJ_LIST_ADD_CHECK_LIVE, &oldDef)))
            goto cleanup;
        if (networkStartObj(obj) < 0) {
            if (!obj->persistent)
                virNetworkObjListRemove(network_driver->networks, obj);
            goto cleanup;
        }
        event = VIR_NETWORK_EVENT_STARTED;
        copy = virNetworkDefCopy(obj->def);
    }
    ref = networkMakeRef(obj->def);
    g_mutex_unlock(&network_driver->startLock);
    virNetworkObjEndAPI(&obj);
    networkEmit(copy, event);
    return ref;

 cleanup:
    g_mutex_unlock(&network_driver->startLock);
    virNetworkObjEndAPI(&obj);
    return NULL;
}

static virDrvNetwork *
networkDefineXML(virDrvConnect *conn, const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_NETWORK_DEFINE_VALIDATE, NULL);
    return networkDefineOrCreate(xml, flags, true);
}

static virDrvNetwork *
networkCreateXML(virDrvConnect *conn, const char *xml, unsigned int flags)
{
    virCheckFlags(VIR_NETWORK_CREATE_VALIDATE, NULL);
    return networkDefineOrCreate(xml, flags, false);
}

static int
networkUndefine(virDrvConnect *conn, virDrvNetwork *net)
{
    virNetworkObj *obj;
    g_autoptr(virNetworkDef) copy = NULL;
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&network_driver->startLock);

    if (!(obj = networkObjFromRef(net)))
        return -1;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", "network is not persistent");
        virNetworkObjEndAPI(&obj);
        return -1;
    }
    if (virNetworkDeleteConfig(network_driver->configDir, network_driver->autostartDir,
                               obj->def->name) < 0) {
        virNetworkObjEndAPI(&obj);
        return -1;
    }
    copy = virNetworkDefCopy(obj->def);
    obj->persistent = false;
    obj->autostart = false;
    /* A running network keeps its live definition as it is. */
    g_clear_pointer(&obj->newDef, virNetworkDefFree);
    /* A running network stays, transient, until it is destroyed. */
    if (!obj->active)
        virNetworkObjListRemove(network_driver->networks, obj);
    virNetworkObjEndAPI(&obj);
    networkEmit(copy, VIR_NETWORK_EVENT_UNDEFINED);
    return 0;
}

static int
networkCreate(virDrvConnect *conn, virDrvNetwork *net)
{
    g_autoptr(virNetworkDef) copy = NULL;
    virNetworkObj *obj;
    int ret = -1;

    /* Lock order everywhere: the start lock, then the object. */
    g_mutex_lock(&network_driver->startLock);
    if ((obj = networkObjFromRef(net)) && (ret = networkStartObj(obj)) == 0)
        copy = virNetworkDefCopy(obj->def);
    virNetworkObjEndAPI(&obj);
    g_mutex_unlock(&network_driver->startLock);
    if (copy)
        networkEmit(copy, VIR_NETWORK_EVENT_STARTED);
    return ret;
}

static int
networkDestroy(virDrvConnect *conn, virDrvNetwork *net)
{
    g_autoptr(virNetworkDef) copy = NULL;
    virNetworkObj *obj;

    g_mutex_lock(&network_driver->startLock);
    if (!(obj = networkObjFromRef(net)) || networkObjCheckActive(obj) < 0) {
        virNetworkObjEndAPI(&obj);
        g_mutex_unlock(&network_driver->startLock);
        return -1;
    }
    copy = virNetworkDefCopy(obj->def);
    networkStopObj(obj);
    if (!obj->persistent)
        virNetworkObjListRemove(network_driver->networks, obj);
    virNetworkObjEndAPI(&obj);
    g_mutex_unlock(&network_driver->startLock);
    networkEmit(copy, VIR_NETWORK_EVENT_STOPPED);
    return 0;
}

/* net-update: the live definition, the persistent one, or both; dnsmasq
 * learns about live changes of its sections. */
static int
networkUpdate(virDrvConnect *conn, virDrvNetwork *net, unsigned int command,
              unsigned int section, int parentIndex, const char *xml, unsigned int flags)
{
    virNetworkObj *obj;
    g_autoptr(virNetworkDef) live = NULL;
    g_autoptr(virNetworkDef) config = NULL;
    bool doLive;
    bool doConfig;
    int ret = -1;

    virCheckFlags(VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG, -1);
    if (!(obj = networkObjFromRef(net)))
        return -1;
    doLive = flags & VIR_NETWORK_UPDATE_AFFECT_LIVE;
    doConfig = flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (!doLive && !doConfig) {
        /* CURRENT: the state the network is in. */
        doLive = obj->active;
        doConfig = !obj->active;
    }
    if (doLive && !obj->active) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "network is not running: cannot update its live state");
        goto cleanup;
    }
    if (doConfig && !obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot change persistent config of a transient network");
        goto cleanup;
    }
    /* Work on copies: either both changes apply or neither does. */
    if (doLive) {
        live = virNetworkDefCopy(obj->def);
        if (virNetworkDefUpdateSection(live, command, section, parentIndex, xml, flags) < 0)
            goto cleanup;
    }
    if (doConfig) {
        config = virNetworkDefCopy(obj->newDef ? obj->newDef : obj->def);
        if (virNetworkDefUpdateSection(config, command, section, parentIndex, xml, flags) < 0 ||
            virNetworkSaveConfig(network_driver->configDir, config) < 0)
            goto cleanup;
    }
    if (doLive) {
        bool restart = section == VIR_NETWORK_SECTION_IP_DHCP_RANGE;

        if (networkRefreshDnsmasq(&network_driver->rt, live, restart) < 0)
            goto cleanup;
        virNetworkDefFree(obj->def);
        obj->def = g_steal_pointer(&live);
        virNetworkObjSaveStatus(network_driver->rt.stateDir, obj);
    }
    if (doConfig) {
        if (obj->active) {
            virNetworkDefFree(obj->newDef);
            obj->newDef = g_steal_pointer(&config);
        } else {
            virNetworkDefFree(obj->def);
            obj->def = g_steal_pointer(&config);
        }
    }
    ret = 0;

 cleanup:
    virNetworkObjEndAPI(&obj);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Properties                                                          */

static char *
networkGetXMLDesc(virDrvConnect *conn, virDrvNetwork *net, unsigned int flags)
{
    virNetworkObj *obj;
    char *xml;

    virCheckFlags(VIR_NETWORK_XML_INACTIVE, NULL);
    if (!(obj = networkObjFromRef(net)))
        return NULL;
    if ((flags & VIR_NETWORK_XML_INACTIVE) && obj->newDef)
        xml = virNetworkDefFormat(obj->newDef, flags);
    else
        xml = virNetworkDefFormat(obj->def, flags);
    virNetworkObjEndAPI(&obj);
    return xml;
}

static char *
networkGetBridgeName(virDrvConnect *conn, virDrvNetwork *net)
{
    virNetworkObj *obj;
    char *bridge = NULL;

    if (!(obj = networkObjFromRef(net)))
        return NULL;
    if (!obj->def->bridge)
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "network '%s' does not have a bridge name.", obj->def->name);
    else
        bridge = g_strdup(obj->def->bridge);
    virNetworkObjEndAPI(&obj);
    return bridge;
}

static int
networkGetAutostart(virDrvConnect *conn, virDrvNetwork *net, int *autostart)
{
    virNetworkObj *obj;

    if (!(obj = networkObjFromRef(net)))
        return -1;
    *autostart = obj->autostart;
    virNetworkObjEndAPI(&obj);
    return 0;
}

static int
networkSetAutostart(virDrvConnect *conn, virDrvNetwork *net, int autostart)
{
    virNetworkObj *obj;
    int ret = -1;

    if (!(obj = networkObjFromRef(net)))
        return -1;
    if (!obj->persistent)
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot set autostart for transient network");
    else
        ret = virNetworkObjSetAutostart(obj, network_driver->configDir,
                                        network_driver->autostartDir, autostart != 0);
    virNetworkObjEndAPI(&obj);
    return ret;
}

static int
networkIsActive(virDrvConnect *conn, virDrvNetwork *net)
{
    virNetworkObj *obj;
    int ret;

    if (!(obj = networkObjFromRef(net)))
        return -1;
    ret = obj->active;
    virNetworkObjEndAPI(&obj);
    return ret;
}

static int
networkIsPersistent(virDrvConnect *conn, virDrvNetwork *net)
{
    virNetworkObj *obj;
    int ret;

    if (!(obj = networkObjFromRef(net)))
        return -1;
    ret = obj->persistent;
    virNetworkObjEndAPI(&obj);
    return ret;
}

/* ------------------------------------------------------------------ */
/* DHCP leases                                                         */

static int
networkGetDHCPLeases(virDrvConnect *conn, virDrvNetwork *net, const char *mac,
                     virNetworkDHCPLease ***leases, unsigned int flags)
{
    virNetworkObj *obj;
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;
    networkDnsmasqLease *parsed = NULL;
    size_t nparsed = 0;
    g_autoptr(GPtrArray) out = g_ptr_array_new();
    gint64 now = g_get_real_time() / G_USEC_PER_SEC;
    size_t i;

    virCheckFlags(0, -1);
    if (!(obj = networkObjFromRef(net)))
        return -1;
    path = networkDnsmasqLeasePath(&network_driver->rt, obj->def->name);
    /* No lease file: dnsmasq has handed out nothing yet. */
    if (obj->active && g_file_get_contents(path, &text, NULL, NULL) &&
        networkDnsmasqParseLeases(text, obj->def->bridge, &parsed, &nparsed) < 0) {
        virNetworkObjEndAPI(&obj);
        return -1;
    }
    networkDnsmasqLeasesSetPrefix(obj->def, parsed, nparsed);
    for (i = 0; i < nparsed; i++) {
        networkDnsmasqLease *p = &parsed[i];
        virNetworkDHCPLease *l;

        /* Expired leases stay in the file until dnsmasq rewrites it. */
        if (p->expirytime && p->expirytime < now)
            continue;
        if (mac && (!p->mac || g_ascii_strcasecmp(mac, p->mac) != 0))
            continue;
        l = g_new0(virNetworkDHCPLease, 1);
        l->iface = g_strdup(obj->def->bridge);
        l->expirytime = p->expirytime;
        l->type = p->type;
        l->mac = g_strdup(p->mac);
        l->iaid = g_strdup(p->iaid);
        l->ipaddr = g_strdup(p->ipaddr);
        l->prefix = p->prefix;
        l->hostname = g_strdup(p->hostname);
        l->clientid = g_strdup(p->clientid);
        g_ptr_array_add(out, l);
    }
    networkDnsmasqLeasesFree(parsed, nparsed);
    virNetworkObjEndAPI(&obj);
    i = out->len;
    *leases = (virNetworkDHCPLease **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
    return i;
}

/* ------------------------------------------------------------------ */
/* Ports                                                               */

/* A network's ports, in the object's private data: uuid string ->
 * virNetworkPortDef. Each is also a file STATEDIR/ports/NETWORK/UUID.xml,
 * so that a restart of virtnetworkd keeps them. */
typedef struct {
    GHashTable *ports;
} networkObjPrivate;

static void
networkObjPrivateFree(void *opaque)
{
    networkObjPrivate *priv = opaque;

    if (!priv)
        return;
    g_hash_table_unref(priv->ports);
    g_free(priv);
}

static networkObjPrivate *
networkObjGetPrivate(virNetworkObj *obj)
{
    if (!obj->privateData) {
        networkObjPrivate *priv = g_new0(networkObjPrivate, 1);

        priv->ports = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)virNetworkPortDefFree);
        obj->privateData = priv;
        obj->privateFree = networkObjPrivateFree;
    }
    return obj->privateData;
}

static char *
networkPortDir(const char *network)
{
    return g_strdup_printf("%s/ports/%s", network_driver->rt.stateDir, network);
}

static char *
networkPortPath(const char *network, const unsigned char *uuid)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    return g_strdup_printf("%s/ports/%s/%s.xml", network_driver->rt.stateDir, network,
                           virUUIDFormat(uuid, uuidstr));
}

static void
networkPortsDeleteAll(virNetworkObj *obj)
{
    g_autofree char *dir = networkPortDir(obj->def->name);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    if (obj->privateData)
        g_hash_table_remove_all(networkObjGetPrivate(obj)->ports);
    while (d && (ent = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, ent, NULL);

        unlink(path);
    }
    rmdir(dir);
}

/* After a restart: the ports of the active networks, from their files. */
static void
networkPortsLoad(virNetworkObj *obj)
{
    g_autofree char *dir = networkPortDir(obj->def->name);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    while (d && (ent = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, ent, NULL);
        virNetworkPortDef *port;
        char uuidstr[VIR_UUID_STRING_BUFLEN];

        if (!g_str_has_suffix(ent, ".xml") || !(port = virNetworkPortDefParseFile(path, 0))) {
            VIR_WARN("ignoring the network port file %s", path);
            virErrorReset();
            continue;
        }
        g_hash_table_insert(networkObjGetPrivate(obj)->ports,
                            g_strdup(virUUIDFormat(port->uuid, uuidstr)), port);
    }
}

static virDrvNetworkPort *
networkPortMakeRef(const virNetworkDef *net, const virNetworkPortDef *port)
{
    return virDrvNetworkPortNew(net->name, net->uuid, port->uuid);
}

/* The port of a locked object; NULL reported. */
static virNetworkPortDef *
networkPortFind(virNetworkObj *obj, const unsigned char *uuid)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virNetworkPortDef *port;

    virUUIDFormat(uuid, uuidstr);
    if (!(port = g_hash_table_lookup(networkObjGetPrivate(obj)->ports, uuidstr)))
        virReportError(VIR_ERR_NO_NETWORK_PORT, "no network port with matching uuid '%s'",
                       uuidstr);
    return port;
}

static int
networkListAllPorts(virDrvConnect *conn, virDrvNetwork *net, virDrvNetworkPort ***refs,
                    unsigned int flags)
{
    virNetworkObj *obj;
    GHashTableIter iter;
    gpointer value;
    g_autoptr(GPtrArray) out = g_ptr_array_new();
    int n;

    virCheckFlags(0, -1);
    if (!(obj = networkObjFromRef(net)))
        return -1;
    g_hash_table_iter_init(&iter, networkObjGetPrivate(obj)->ports);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_ptr_array_add(out, networkPortMakeRef(obj->def, value));
    virNetworkObjEndAPI(&obj);
    n = out->len;
    *refs = (virDrvNetworkPort **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
    return n;
}

static virDrvNetworkPort *
networkPortLookupByUUID(virDrvConnect *conn, virDrvNetwork *net, const unsigned char *uuid)
{
    virNetworkObj *obj;
    virNetworkPortDef *port;
    virDrvNetworkPort *ref = NULL;

    if (!(obj = networkObjFromRef(net)))
        return NULL;
    if ((port = networkPortFind(obj, uuid)))
        ref = networkPortMakeRef(obj->def, port);
    virNetworkObjEndAPI(&obj);
    return ref;
}

/* How a guest interface plugs into this network: its bridge. */
static int
networkPortPlug(virNetworkObj *obj, virNetworkPortDef *port)
{
    if (!obj->def->bridge) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "network '%s' has no bridge to plug a port into", obj->def->name);
        return -1;
    }
    port->plugtype = VIR_NETWORK_PORT_PLUG_TYPE_NETWORK;
    if (obj->def->forward.type == VIR_NETWORK_FORWARD_BRIDGE)
        port->plugtype = VIR_NETWORK_PORT_PLUG_TYPE_BRIDGE;
    g_free(port->bridge);
    port->bridge = g_strdup(obj->def->bridge);
    port->macTableManager = obj->def->macTableManager;
    return 0;
}

static virDrvNetworkPort *
networkPortCreateXML(virDrvConnect *conn, virDrvNetwork *net, const char *xml,
                     unsigned int flags)
{
    virNetworkObj *obj;
    g_autoptr(virNetworkPortDef) port = NULL;
    g_autofree char *dir = NULL;
    virDrvNetworkPort *ref = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virCheckFlags(VIR_NETWORK_PORT_CREATE_RECLAIM | VIR_NETWORK_PORT_CREATE_VALIDATE, NULL);
    if (!(port = virNetworkPortDefParseString(xml, 0)))
        return NULL;
    if (!(obj = networkObjFromRef(net)))
        return NULL;
    if (networkObjCheckActive(obj) < 0)
        goto cleanup;
    virUUIDFormat(port->uuid, uuidstr);
    if (g_hash_table_contains(networkObjGetPrivate(obj)->ports, uuidstr)) {
        if (flags & VIR_NETWORK_PORT_CREATE_RECLAIM) {
            ref = networkPortMakeRef(obj->def, port);
            goto cleanup;
        }
        virReportError(VIR_ERR_OPERATION_INVALID, "network port %s already exists", uuidstr);
        goto cleanup;
    }
    dir = networkPortDir(obj->def->name);
    if (networkPortPlug(obj, port) < 0 || virFileMakePath(dir, 0700) < 0 ||
        virNetworkPortDefSaveStatus(port, dir) < 0)
        goto cleanup;
    ref = networkPortMakeRef(obj->def, port);
    g_hash_table_insert(networkObjGetPrivate(obj)->ports, g_strdup(uuidstr),
                        g_steal_pointer(&port));
    obj->def->connections++;
    virNetworkObjSaveStatus(network_driver->rt.stateDir, obj);

 cleanup:
    virNetworkObjEndAPI(&obj);
    return ref;
}

static char *
networkPortGetXMLDesc(virDrvConnect *conn, virDrvNetworkPort *ref, unsigned int flags)
{
    virNetworkObj *obj;
    virNetworkPortDef *port;
    char *xml = NULL;

    virCheckFlags(0, NULL);
    if (!(obj = networkObjFromRef(ref->net)))
        return NULL;
    if ((port = networkPortFind(obj, ref->uuid)))
        xml = virNetworkPortDefFormat(port);
    virNetworkObjEndAPI(&obj);
    return xml;
}

static int
networkPortDelete(virDrvConnect *conn, virDrvNetworkPort *ref, unsigned int flags)
{
    virNetworkObj *obj;
    g_autofree char *path = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(obj = networkObjFromRef(ref->net)))
        return -1;
    if (networkPortFind(obj, ref->uuid)) {
        path = networkPortPath(obj->def->name, ref->uuid);
        unlink(path);
        g_hash_table_remove(networkObjGetPrivate(obj)->ports, virUUIDFormat(ref->uuid, uuidstr));
        if (obj->def->connections)
            obj->def->connections--;
        virNetworkObjSaveStatus(network_driver->rt.stateDir, obj);
        ret = 0;
    }
    virNetworkObjEndAPI(&obj);
    return ret;
}

static const virNetworkDriver networkDriverTable = {
    .name = "network",
    .uriSchemes = networkURISchemes,
    .connectOpen = networkConnectOpen,
    .connectClose = networkConnectClose,
    .connectListAllNetworks = networkConnectListAllNetworks,
    .networkLookupByName = networkLookupByName,
    .networkLookupByUUID = networkLookupByUUID,
    .networkCreateXML = networkCreateXML,
    .networkDefineXML = networkDefineXML,
    .networkUndefine = networkUndefine,
    .networkCreate = networkCreate,
    .networkDestroy = networkDestroy,
    .networkUpdate = networkUpdate,
    .networkGetXMLDesc = networkGetXMLDesc,
    .networkGetBridgeName = networkGetBridgeName,
    .networkGetAutostart = networkGetAutostart,
    .networkSetAutostart = networkSetAutostart,
    .networkIsActive = networkIsActive,
    .networkIsPersistent = networkIsPersistent,
    .networkGetDHCPLeases = networkGetDHCPLeases,
    .networkListAllPorts = networkListAllPorts,
    .networkPortLookupByUUID = networkPortLookupByUUID,
    .networkPortCreateXML = networkPortCreateXML,
    .networkPortGetXMLDesc = networkPortGetXMLDesc,
    .networkPortDelete = networkPortDelete,
};

/* ------------------------------------------------------------------ */
/* State                                                               */

/* network.conf: which firewall backend makes the rules. */
static int
networkLoadConfig(networkDriverState *driver)
{
    g_autofree char *path = virFileRootPath("/etc/libvirt/network.conf");
    g_autofree char *backend = NULL;
    virConf *conf;
    int ret = -1;

    if (!(conf = virConfReadFile(path, true)))
        return -1;
    if (virConfGetString(conf, "firewall_backend", &backend) < 0)
        goto cleanup;
    if (!(driver->rt.firewall = networkFirewallBackendByName(backend)))
        goto cleanup;
    VIR_INFO("firewall backend: %s", driver->rt.firewall->name);
    ret = 0;

 cleanup:
    virConfFree(conf);
    return ret;
}

/* Networks that were running when the daemon stopped: still there? Kept
 * as they are (bridge, dnsmasq, rules), what went missing is put back; a
 * network whose bridge vanished is marked inactive. */
static void
networkReconnectAll(void)
{
    g_autoptr(GPtrArray) all = virNetworkObjListCollect(network_driver->networks, 0);
    size_t i;

    for (i = 0; i < all->len; i++) {
        virNetworkObj *obj = g_ptr_array_index(all, i);

        virNetworkObjLock(obj);
        if (obj->active) {
            if (networkReconnect(&network_driver->rt, obj->def) < 0) {
                VIR_WARN("network %s could not be taken over: %s", obj->def->name,
                         virErrorGetLast() ? virErrorGetLast()->message : "");
                virErrorReset();
                networkStopObj(obj);
                if (!obj->persistent)
                    virNetworkObjListRemove(network_driver->networks, obj);
            } else {
                networkPortsLoad(obj);
            }
        }
        virNetworkObjUnlock(obj);
    }
}

/* Autostart networks start once per boot: a marker in /run says this
 * boot's daemon already did it (a restart must not restart them). */
static void
networkAutostartAll(void)
{
    g_autofree char *marker = g_strdup_printf("%s/autostarted", network_driver->rt.stateDir);
    g_autoptr(GPtrArray) all = NULL;
    size_t i;

    if (virFileExists(marker))
        return;
    all = virNetworkObjListCollect(network_driver->networks, 0);
    for (i = 0; i < all->len; i++) {
        virNetworkObj *obj = g_ptr_array_index(all, i);
        g_autoptr(virNetworkDef) copy = NULL;

        g_mutex_lock(&network_driver->startLock);
        virNetworkObjLock(obj);
        if (obj->autostart && !obj->active) {
            if (networkStartObj(obj) < 0) {
                VIR_WARN("cannot autostart network %s: %s", obj->def->name,
                         virErrorGetLast() ? virErrorGetLast()->message : "");
                virErrorReset();
            } else {
                copy = virNetworkDefCopy(obj->def);
            }
        }
        virNetworkObjUnlock(obj);
        g_mutex_unlock(&network_driver->startLock);
        if (copy)
            networkEmit(copy, VIR_NETWORK_EVENT_STARTED);
    }
    if (virFileMakePath(network_driver->rt.stateDir, 0755) == 0)
        virFileWriteStrAtomic(marker, "", 0644);
    virErrorReset();
}

static int
networkStateInitialize(bool privileged)
{
    g_autoptr(networkDriverState) driver = g_new0(networkDriverState, 1);
    int n;

    driver->privileged = privileged;
    g_mutex_init(&driver->startLock);
    driver->configDir = virFileRootPath("/etc/libvirt/qemu/networks");
    driver->autostartDir = virFileRootPath("/etc/libvirt/qemu/networks/autostart");
    driver->rt.stateDir = virFileRootPath("/run/libvirt/network");
    driver->rt.dnsmasqDir = virFileRootPath("/var/lib/libvirt/dnsmasq");
    driver->networks = virNetworkObjListNew();
    if (networkLoadConfig(driver) < 0 ||
        virFileMakePath(driver->configDir, 0755) < 0 ||
        virFileMakePath(driver->rt.stateDir, 0755) < 0 ||
        (n = virNetworkObjListLoadAllConfigs(driver->networks, driver->configDir,
                                             driver->autostartDir)) < 0 ||
        virNetworkObjListLoadAllState(driver->networks, driver->rt.stateDir) < 0)
        return -1;
    VIR_INFO("loaded %d network(s) from %s", n, driver->configDir);
    network_driver = g_steal_pointer(&driver);
    networkReconnectAll();
    networkAutostartAll();
    return 0;
}

/* Running networks keep running: stopping the daemon is not stopping them. */
static int
networkStateCleanup(void)
{
    g_clear_pointer(&network_driver, networkDriverStateFree);
    return 0;
}

/* SIGHUP: definitions stored meanwhile (by hand) are picked up. */
static int
networkStateReload(void)
{
    if (!network_driver)
        return 0;
    if (virNetworkObjListLoadAllConfigs(network_driver->networks, network_driver->configDir,
                                        network_driver->autostartDir) < 0)
        return -1;
    return 0;
}

static const virStateDriver networkStateDriver = {
    .name = "network",
    .network = &networkDriverTable,
    .stateInitialize = networkStateInitialize,
    .stateCleanup = networkStateCleanup,
    .stateReload = networkStateReload,
};

const virStateDriver *
networkRegister(void)
{
    return &networkStateDriver;
}
