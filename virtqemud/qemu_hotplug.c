/* Device hotplug: attach-device/detach-device (and virsh attach-disk,
 * detach-disk, attach-interface...) on the persistent definition and on
 * the running guest.
 *
 * The QEMU arguments of a new device come from the command line builder
 * itself: the whole command line of the live definition with the device
 * added is built, and the new device's own -blockdev/-netdev/-device
 * arguments are picked out of it. Backends go in through QMP
 * (blockdev-add) or HMP (netdev_add), the device through HMP device_add,
 * which takes exactly the -device syntax. A detach asks the guest to
 * release the device (device_del) and finishes when QEMU reports
 * DEVICE_DELETED: the backend goes, the live XML drops the device and the
 * device-removed event is emitted. */
#include "qemu_hotplug.h"
#include "qemu_disk_chain.h"
#include "qemu_domain_address.h"
#include "qemu_interface.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "domain_event.h"
#include "qemu_command.h"
#include "qemu_domain.h"
#include "qemu_driver.h"
#include "qemu_interface.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* libvirt's text for a config change asked of a transient guest. */
#define QEMU_HOTPLUG_TRANSIENT "cannot modify device on transient domain"

VIR_LOG_INIT("qemu.hotplug");

/* How long a detach waits for the guest (libvirt waits 5 s too). */
#define QEMU_UNPLUG_WAIT_US (5 * G_USEC_PER_SEC)

/* ---- arguments of one device ---- */

/* The value of key in a -device/-blockdev style "k=v,k=v" argument. */
static char *
qemuHotplugOpt(const char *arg, const char *key)
{
    g_auto(GStrv) parts = g_strsplit(arg, ",", -1);
    size_t len = strlen(key);
    size_t i;

    for (i = 0; parts[i]; i++) {
        if (strncmp(parts[i], key, len) == 0 && parts[i][len] == '=')
            return g_strdup(parts[i] + len + 1);
    }
    return NULL;
}

/* The argument following option opt whose key has value val. */
static const char *
qemuHotplugFindArg(const char *const *argv, const char *opt, const char *key, const char *val)
{
    size_t i;

    for (i = 0; argv[i] && argv[i + 1]; i++) {
        g_autofree char *v = NULL;

        if (!g_str_equal(argv[i], opt))
            continue;
        if ((v = qemuHotplugOpt(argv[i + 1], key)) && g_str_equal(v, val))
            return argv[i + 1];
    }
    return NULL;
}

/* A -blockdev argument as blockdev-add's JSON: dotted keys nest, on/off
 * are booleans, everything else a string (what our builder writes). */
static json_object *
qemuHotplugBlockdevJSON(const char *arg)
{
    g_auto(GStrv) parts = g_strsplit(arg, ",", -1);
    json_object *obj = json_object_new_object();
    size_t i;

    for (i = 0; parts[i]; i++) {
        g_auto(GStrv) kv = g_strsplit(parts[i], "=", 2);
        g_auto(GStrv) path = NULL;
        json_object *at = obj;
        json_object *val;
        size_t j;

        if (!kv[0] || !kv[1])
            continue;
        path = g_strsplit(kv[0], ".", -1);
        for (j = 0; path[j + 1]; j++) {
            json_object *next = NULL;

            if (!json_object_object_get_ex(at, path[j], &next)) {
                next = json_object_new_object();
                json_object_object_add(at, path[j], next);
            }
            at = next;
        }
        if (g_str_equal(kv[1], "on") || g_str_equal(kv[1], "off"))
            val = json_object_new_boolean(g_str_equal(kv[1], "on"));
        else
            val = json_object_new_string(kv[1]);
        json_object_object_add(at, path[j], val);
    }
    return obj;
}

/* HMP answers nothing on success and an error text otherwise. */
static int
qemuHotplugHMP(qemuMonitor *mon, const char *cmd)
{
    g_autofree char *out = qemuMonitorHumanCommand(mon, cmd);

    if (!out)
        return -1;
    g_strstrip(out);
    if (*out) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", out);
        return -1;
    }
    return 0;
}

static int
qemuHotplugBlockdevDel(qemuMonitor *mon, const char *node)
{
    g_autoptr(json_object) args = json_object_new_object();

    json_object_object_add(args, "node-name", json_object_new_string(node));
    return qemuMonitorCommand(mon, "blockdev-del", g_steal_pointer(&args), NULL);
}

/* ---- attach ---- */

/* The QEMU arguments of the device with alias in the live definition,
 * as the command line builder writes them: its -device, and the -blockdev
 * nodes or -netdev backend it uses. */
typedef struct {
    virCommand *cmd;        /* owns the strings below */
    const char *device;
    const char *storage;    /* -blockdev of the storage node, if any */
    const char *format;     /* -blockdev of the format node, if any */
    char *drive;            /* the format node's name */
    char *file;             /* the storage node's name */
    char *netdev;           /* the backend's id */
    const char *backend;    /* its -netdev, if any */
} qemuHotplugArgs;

static void
qemuHotplugArgsClear(qemuHotplugArgs *args)
{
    g_clear_pointer(&args->cmd, virCommandFree);
    g_clear_pointer(&args->drive, g_free);
    g_clear_pointer(&args->file, g_free);
    g_clear_pointer(&args->netdev, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(qemuHotplugArgs, qemuHotplugArgsClear);

static int
qemuHotplugArgsGet(virDomainObj *obj, const char *alias, qemuHotplugArgs *args)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    qemuCommandParams params = { .monitorPath = priv->monPath, .kvmAvailable = true };
    const char *const *argv;

    if (!(args->cmd = qemuBuildCommandLine(obj->def, &params)))
        return -1;
    argv = virCommandGetArgv(args->cmd);
    if (!(args->device = qemuHotplugFindArg(argv, "-device", "id", alias))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "no QEMU device for '%s'", alias);
        return -1;
    }
    if ((args->drive = qemuHotplugOpt(args->device, "drive"))) {
        args->format = qemuHotplugFindArg(argv, "-blockdev", "node-name", args->drive);
        if (args->format && (args->file = qemuHotplugOpt(args->format, "file")))
            args->storage = qemuHotplugFindArg(argv, "-blockdev", "node-name", args->file);
        if (!args->format || !args->storage) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "no block nodes for '%s'", alias);
            return -1;
        }
    }
    if ((args->netdev = qemuHotplugOpt(args->device, "netdev")) &&
        !(args->backend = qemuHotplugFindArg(argv, "-netdev", "id", args->netdev))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "no network backend for '%s'", alias);
        return -1;
    }
    return 0;
}

/* Adds a disk's storage and format nodes; on failure neither stays. */
static int
qemuHotplugBlockdevAdd(qemuMonitor *mon, const qemuHotplugArgs *args)
{
    if (qemuMonitorCommand(mon, "blockdev-add", qemuHotplugBlockdevJSON(args->storage), NULL) < 0)
        return -1;
    if (qemuMonitorCommand(mon, "blockdev-add", qemuHotplugBlockdevJSON(args->format), NULL) < 0) {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        qemuHotplugBlockdevDel(mon, args->file);
        virErrorRestore(&saved);
        return -1;
    }
    return 0;
}

/* Plugs the device with alias (already in the live definition) into the
 * running QEMU; on failure whatever was added is removed again. */
static int
qemuHotplugLive(virDomainObj *obj, const char *alias)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_auto(qemuHotplugArgs) args = { 0 };
    g_autofree char *hmp = NULL;
    bool blockAdded = false;
    bool netdevAdded = false;

    if (qemuHotplugArgsGet(obj, alias, &args) < 0)
        return -1;
    if (args.storage) {
        if (qemuHotplugBlockdevAdd(priv->mon, &args) < 0)
            return -1;
        blockAdded = true;
    }
    if (args.backend) {
        hmp = g_strdup_printf("netdev_add %s", args.backend);
        if (qemuHotplugHMP(priv->mon, hmp) < 0)
            goto rollback;
        netdevAdded = true;
        g_clear_pointer(&hmp, g_free);
    }
    hmp = g_strdup_printf("device_add %s", args.device);
    if (qemuHotplugHMP(priv->mon, hmp) < 0)
        goto rollback;
    return 0;

 rollback:
    {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        if (netdevAdded) {
            g_autofree char *del = g_strdup_printf("netdev_del %s", args.netdev);

            qemuHotplugHMP(priv->mon, del);
        }
        if (blockAdded) {
            qemuHotplugBlockdevDel(priv->mon, args.drive);
            qemuHotplugBlockdevDel(priv->mon, args.file);
        }
        virErrorRestore(&saved);
    }
    return -1;
}

/* Interfaces whose host side virtqemud can make for a running guest:
 * QEMU's user stack, and taps (in a bridge, a virtual network's bridge,
 * or plain). */
static bool
qemuHotplugNetTypeSupported(virDomainNetType type)
{
    return type == VIR_DOMAIN_NET_TYPE_USER || type == VIR_DOMAIN_NET_TYPE_ETHERNET ||
           type == VIR_DOMAIN_NET_TYPE_BRIDGE || type == VIR_DOMAIN_NET_TYPE_NETWORK;
}

/* Refuses a device that clashes with def's; libvirt's texts. */
static int
qemuHotplugCheckNew(const virDomainDef *def, const virDomainDeviceDef *dev)
{
    size_t i;

    if (dev->type == VIR_DOMAIN_DEVICE_DISK) {
        if (virDomainDiskByTarget(def, dev->data.disk->dst)) {
            virReportError(VIR_ERR_OPERATION_FAILED, "target %s already exists",
                           dev->data.disk->dst);
            return -1;
        }
        return 0;
    }
    if (dev->type == VIR_DOMAIN_DEVICE_NET) {
        for (i = 0; i < def->nnets; i++) {
            if (memcmp(def->nets[i]->mac, dev->data.net->mac, VIR_MAC_BUFLEN) == 0) {
                char mac[VIR_MAC_STRING_BUFLEN];

                virReportError(VIR_ERR_OPERATION_FAILED, "domain already has interface %s",
                               virMacAddrFormat(dev->data.net->mac, mac));
                return -1;
            }
        }
        return 0;
    }
    virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                   "attach of device '%s' is not supported",
                   virDomainDeviceTypeToString(dev->type));
    return -1;
}

static void
qemuHotplugAppend(virDomainDef *def, virDomainDeviceDef *dev)
{
    if (dev->type == VIR_DOMAIN_DEVICE_DISK) {
        def->disks = g_renew(virDomainDiskDef *, def->disks, def->ndisks + 1);
        def->disks[def->ndisks++] = g_steal_pointer(&dev->data.disk);
    } else {
        def->nets = g_renew(virDomainNetDef *, def->nets, def->nnets + 1);
        def->nets[def->nnets++] = g_steal_pointer(&dev->data.net);
    }
}

/* Takes the last disk or net off def again (a failed live attach). */
static void
qemuHotplugDropLast(virDomainDef *def, virDomainDeviceType type)
{
    if (type == VIR_DOMAIN_DEVICE_DISK)
        virDomainDiskDefFree(def->disks[--def->ndisks]);
    else
        virDomainNetDefFree(def->nets[--def->nnets]);
}


static int
qemuHotplugAttach(virDomainObj *obj, const char *xml, unsigned int flags)
{
    virDomainDef *persistent = virDomainObjGetPersistentDef(obj);
    g_autoptr(virDomainDeviceDef) devConfig = NULL;
    g_autoptr(virDomainDeviceDef) devLive = NULL;
    bool live, config;

    if (qemuDomObjImpact(obj, flags, QEMU_HOTPLUG_TRANSIENT, &live, &config) < 0)
        return -1;
    /* Both checked before either is changed. */
    if (config && (!(devConfig = virDomainDeviceDefParse(xml, persistent, 0)) ||
                   qemuHotplugCheckNew(persistent, devConfig) < 0))
        return -1;
    if (live && (!(devLive = virDomainDeviceDefParse(xml, obj->def, 0)) ||
                 qemuHotplugCheckNew(obj->def, devLive) < 0))
        return -1;

    if (live) {
        virDomainDeviceType type = devLive->type;
        const char *alias;

        virDomainNetDef *net = type == VIR_DOMAIN_DEVICE_NET ? devLive->data.net : NULL;

        if (net && !qemuHotplugNetTypeSupported(net->type)) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                           "live attach of interface type '%s' is not supported",
                           virDomainNetTypeToString(net->type));
            return -1;
        }
        if (type == VIR_DOMAIN_DEVICE_DISK) {
            if (qemuDiskChainDetect(devLive->data.disk) < 0)
                return -1;
            qemuDiskAssignNodeIndex(obj->def, devLive->data.disk);
        }
        /* The host side first: a network port and a tap in its bridge. */
        if (net && qemuInterfacePrepare(obj->def, net) < 0)
            return -1;
        qemuHotplugAppend(obj->def, devLive);
        qemuAssignDeviceAliases(obj->def);
        alias = type == VIR_DOMAIN_DEVICE_DISK ?
                obj->def->disks[obj->def->ndisks - 1]->info.alias :
                obj->def->nets[obj->def->nnets - 1]->info.alias;
        /* A PCI slot of its own, in the live XML and on device_add. */
        if (qemuDomainAssignPCIAddresses(obj->def) < 0 || qemuHotplugLive(obj, alias) < 0) {
            g_autoptr(virErrorInfo) saved = virErrorPreserve();

            if (net)
                qemuInterfaceRelease(obj->def, net);
            qemuHotplugDropLast(obj->def, type);
            virErrorRestore(&saved);
            return -1;
        }
        qemuDomainSaveStatus(qemu_driver, obj);
    }
    if (config) {
        qemuHotplugAppend(persistent, devConfig);
        /* Its address is chosen now and kept, as at define time. */
        if (qemuDomainAssignPCIAddresses(persistent) < 0) {
            qemuHotplugDropLast(persistent, devConfig->type);
            return -1;
        }
        if (qemuDomainSaveConfig(qemu_driver, persistent) < 0)
            return -1;
    }
    return 0;
}

int
qemuDomainAttachDeviceFlags(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                            unsigned int flags)
{
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomainJobBegin(obj, "attach device", false) == 0) {
        ret = qemuHotplugAttach(obj, xml, flags);
        qemuDomainJobEnd(obj);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- detach ---- */

/* The index of the disk or net in def that dev (as parsed from a detach
 * request) names: a disk by target, an interface by MAC. */
static ssize_t
qemuHotplugFind(const virDomainDef *def, const virDomainDeviceDef *dev)
{
    size_t i;

    if (dev->type == VIR_DOMAIN_DEVICE_DISK) {
        for (i = 0; i < def->ndisks; i++) {
            if (g_str_equal(def->disks[i]->dst, dev->data.disk->dst))
                return i;
        }
        virReportError(VIR_ERR_DEVICE_MISSING, "disk %s not found", dev->data.disk->dst);
        return -1;
    }
    if (dev->type == VIR_DOMAIN_DEVICE_NET) {
        char mac[VIR_MAC_STRING_BUFLEN];

        for (i = 0; i < def->nnets; i++) {
            if (memcmp(def->nets[i]->mac, dev->data.net->mac, VIR_MAC_BUFLEN) == 0)
                return i;
        }
        virReportError(VIR_ERR_DEVICE_MISSING, "no device matching MAC address %s found",
                       virMacAddrFormat(dev->data.net->mac, mac));
        return -1;
    }
    virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "detach of device '%s' is not supported",
                   virDomainDeviceTypeToString(dev->type));
    return -1;
}

static void
qemuHotplugRemoveAt(virDomainDef *def, virDomainDeviceType type, size_t idx)
{
    if (type == VIR_DOMAIN_DEVICE_DISK) {
        virDomainDiskDefFree(def->disks[idx]);
        memmove(def->disks + idx, def->disks + idx + 1,
                (def->ndisks - idx - 1) * sizeof(*def->disks));
        def->ndisks--;
    } else {
        virDomainNetDefFree(def->nets[idx]);
        memmove(def->nets + idx, def->nets + idx + 1,
                (def->nnets - idx - 1) * sizeof(*def->nets));
        def->nnets--;
    }
}

/* The device with alias is gone from the guest (QEMU's DEVICE_DELETED):
 * its backend goes, then the device from the live XML. obj locked. */
void
qemuHotplugDeviceDeleted(virDomainObj *obj, const char *alias)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    virDomainDef *def = obj->def;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        virDomainDiskDef *disk = def->disks[i];

        if (!disk->info.alias || !g_str_equal(disk->info.alias, alias))
            continue;
        if (priv->mon && disk->src) {
            g_autofree char *format = qemuDiskNodeName(disk, i, "format");
            g_autofree char *storage = qemuDiskNodeName(disk, i, "storage");

            if (qemuHotplugBlockdevDel(priv->mon, format) < 0 ||
                qemuHotplugBlockdevDel(priv->mon, storage) < 0) {
                VIR_WARN("domain %s: cannot remove the block nodes of %s", def->name, alias);
                virErrorReset();
            }
        }
        qemuHotplugRemoveAt(def, VIR_DOMAIN_DEVICE_DISK, i);
        goto removed;
    }
    for (i = 0; i < def->nnets; i++) {
        virDomainNetDef *net = def->nets[i];

        if (!net->info.alias || !g_str_equal(net->info.alias, alias))
            continue;
        if (priv->mon) {
            g_autofree char *del = g_strdup_printf("netdev_del host%s", alias);

            if (qemuHotplugHMP(priv->mon, del) < 0) {
                VIR_WARN("domain %s: cannot remove the backend of %s", def->name, alias);
                virErrorReset();
            }
        }
        qemuInterfaceRelease(def, net);
        qemuHotplugRemoveAt(def, VIR_DOMAIN_DEVICE_NET, i);
        goto removed;
    }
    VIR_DEBUG("domain %s: deleted device %s is not one we track", def->name, alias);
    return;

 removed:
    qemuDomainSaveStatus(qemu_driver, obj);
    {
        g_autoptr(virDrvDomain) ref = qemuDomainMakeRef(obj);

        virDomainEventEmitDeviceRemoved(ref, alias);
    }
}

static bool
qemuHotplugHasAlias(const virDomainDef *def, const char *alias)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->info.alias && g_str_equal(def->disks[i]->info.alias, alias))
            return true;
    }
    for (i = 0; i < def->nnets; i++) {
        if (def->nets[i]->info.alias && g_str_equal(def->nets[i]->info.alias, alias))
            return true;
    }
    return false;
}

/* Asks the guest to release the device with alias and waits a while for
 * QEMU's DEVICE_DELETED; the event handler finishes the removal, also
 * when the guest takes longer (as with libvirt). */
static int
qemuHotplugUnplugLive(virDomainObj *obj, const char *alias)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autoptr(json_object) args = json_object_new_object();
    g_autofree char *id = g_strdup(alias);
    gint64 deadline = g_get_monotonic_time() + QEMU_UNPLUG_WAIT_US;

    json_object_object_add(args, "id", json_object_new_string(id));
    if (qemuMonitorCommand(priv->mon, "device_del", g_steal_pointer(&args), NULL) < 0)
        return -1;
    while (virDomainObjIsActive(obj) && qemuHotplugHasAlias(obj->def, id) &&
           qemuDomainObjWait(obj, deadline) == 0)
        ;
    if (qemuHotplugHasAlias(obj->def, id))
        VIR_INFO("domain %s: %s not released by the guest yet", obj->def->name, id);
    return 0;
}

static const char *
qemuHotplugAliasOf(const virDomainDef *def, virDomainDeviceType type, size_t idx)
{
    return type == VIR_DOMAIN_DEVICE_DISK ? def->disks[idx]->info.alias
                                          : def->nets[idx]->info.alias;
}

static int
qemuHotplugDetach(virDomainObj *obj, const char *xml, unsigned int flags)
{
    virDomainDef *persistent = virDomainObjGetPersistentDef(obj);
    g_autoptr(virDomainDeviceDef) devConfig = NULL;
    g_autoptr(virDomainDeviceDef) devLive = NULL;
    ssize_t idxConfig = -1;
    ssize_t idxLive = -1;
    bool live, config;

    if (qemuDomObjImpact(obj, flags, QEMU_HOTPLUG_TRANSIENT, &live, &config) < 0)
        return -1;
    if (config && (!(devConfig = virDomainDeviceDefParse(xml, persistent, 0)) ||
                   (idxConfig = qemuHotplugFind(persistent, devConfig)) < 0))
        return -1;
    if (live && (!(devLive = virDomainDeviceDefParse(xml, obj->def, 0)) ||
                 (idxLive = qemuHotplugFind(obj->def, devLive)) < 0))
        return -1;

    if (live) {
        const char *alias = qemuHotplugAliasOf(obj->def, devLive->type, idxLive);

        if (!alias) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "the device has no alias");
            return -1;
        }
        if (qemuHotplugUnplugLive(obj, alias) < 0)
            return -1;
    }
    if (config) {
        qemuHotplugRemoveAt(persistent, devConfig->type, idxConfig);
        if (qemuDomainSaveConfig(qemu_driver, persistent) < 0)
            return -1;
    }
    return 0;
}

/* The disk or interface of def whose alias is alias. */
static bool
qemuHotplugFindAlias(const virDomainDef *def, const char *alias, virDomainDeviceType *type,
                     size_t *idx)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (g_strcmp0(def->disks[i]->info.alias, alias) == 0) {
            *type = VIR_DOMAIN_DEVICE_DISK;
            *idx = i;
            return true;
        }
    }
    for (i = 0; i < def->nnets; i++) {
        if (g_strcmp0(def->nets[i]->info.alias, alias) == 0) {
            *type = VIR_DOMAIN_DEVICE_NET;
            *idx = i;
            return true;
        }
    }
    return false;
}

/* virsh detach-device-alias: the persistent definition knows only the
 * aliases users gave (ua-*), the running guest every device's. */
static int
qemuHotplugDetachAlias(virDomainObj *obj, const char *alias, unsigned int flags)
{
    virDomainDef *persistent = virDomainObjGetPersistentDef(obj);
    virDomainDeviceType typeLive, typeConfig;
    size_t idxLive, idxConfig;
    bool live, config;

    if (qemuDomObjImpact(obj, flags, QEMU_HOTPLUG_TRANSIENT, &live, &config) < 0)
        return -1;
    if ((live && !qemuHotplugFindAlias(obj->def, alias, &typeLive, &idxLive)) ||
        (config && !qemuHotplugFindAlias(persistent, alias, &typeConfig, &idxConfig))) {
        virReportError(VIR_ERR_DEVICE_MISSING, "no device found with alias %s", alias);
        return -1;
    }
    if (live && qemuHotplugUnplugLive(obj, alias) < 0)
        return -1;
    if (config) {
        qemuHotplugRemoveAt(persistent, typeConfig, idxConfig);
        if (qemuDomainSaveConfig(qemu_driver, persistent) < 0)
            return -1;
    }
    return 0;
}

int
qemuDomainDetachDeviceAlias(virDrvConnect *conn, virDrvDomain *dom, const char *alias,
                            unsigned int flags)
{
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomainJobBegin(obj, "detach device", false) == 0) {
        ret = qemuHotplugDetachAlias(obj, alias, flags);
        qemuDomainJobEnd(obj);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainDetachDeviceFlags(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                            unsigned int flags)
{
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomainJobBegin(obj, "detach device", false) == 0) {
        ret = qemuHotplugDetach(obj, xml, flags);
        qemuDomainJobEnd(obj);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- update: cdrom and floppy media ---- */

static int
qemuHotplugTray(qemuMonitor *mon, const char *cmd, const char *alias, bool force)
{
    g_autoptr(json_object) args = json_object_new_object();

    json_object_object_add(args, "id", json_object_new_string(alias));
    if (force)
        json_object_object_add(args, "force", json_object_new_boolean(true));
    return qemuMonitorCommand(mon, cmd, g_steal_pointer(&args), NULL);
}

/* The new medium's nodes are added under a fresh number, the tray is
 * opened (by force: a guest that locked it is overruled, as virsh
 * change-media --force would), the old medium taken out and the new one
 * put in; the old nodes then go. Ejecting leaves the tray open. */
static int
qemuHotplugChangeMediaLive(virDomainObj *obj, virDomainDiskDef *disk,
                           const virDomainDiskDef *media)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_auto(qemuHotplugArgs) args = { 0 };
    g_autofree char *oldFormat = disk->src ? qemuDiskNodeName(disk, 0, "format") : NULL;
    g_autofree char *oldStorage = disk->src ? qemuDiskNodeName(disk, 0, "storage") : NULL;
    g_autofree char *src = g_strdup(media->src);
    g_autoptr(virDomainDiskBacking) backing = NULL;
    const char *alias = disk->info.alias;
    unsigned int oldIndex = disk->srcIndex;
    virStorageFileFormat format = media->format;

    if (!alias) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "the disk has no alias");
        return -1;
    }
    if (src) {
        /* The builder writes the new medium's nodes: the disk is shown it
         * for as long as that takes. */
        g_autofree char *keepSrc = g_steal_pointer(&disk->src);
        virStorageFileFormat keepFormat = disk->format;
        g_autoptr(virDomainDiskBacking) keepBacking = g_steal_pointer(&disk->backing);
        int rc;

        disk->src = g_strdup(src);
        disk->format = format;
        qemuDiskAssignNodeIndex(obj->def, disk);
        rc = qemuDiskChainDetect(disk) < 0 ? -1 : qemuHotplugArgsGet(obj, alias, &args);
        backing = g_steal_pointer(&disk->backing);
        g_free(disk->src);
        disk->src = g_steal_pointer(&keepSrc);
        disk->format = keepFormat;
        disk->backing = g_steal_pointer(&keepBacking);
        if (rc < 0 || qemuHotplugBlockdevAdd(priv->mon, &args) < 0) {
            disk->srcIndex = oldIndex;
            return -1;
        }
    }

    if (qemuHotplugTray(priv->mon, "blockdev-open-tray", alias, true) < 0 ||
        qemuHotplugTray(priv->mon, "blockdev-remove-medium", alias, false) < 0)
        goto error;
    /* The old medium is out: the live XML says so from here on. */
    g_clear_pointer(&disk->src, g_free);
    g_clear_pointer(&disk->backing, virDomainDiskBackingFree);
    disk->tray = VIR_DOMAIN_DISK_TRAY_OPEN;
    if (oldFormat &&
        (qemuHotplugBlockdevDel(priv->mon, oldFormat) < 0 ||
         qemuHotplugBlockdevDel(priv->mon, oldStorage) < 0)) {
        VIR_WARN("domain %s: cannot remove the old medium's nodes of %s", obj->def->name, alias);
        virErrorReset();
    }
    if (src) {
        g_autoptr(json_object) insert = json_object_new_object();

        json_object_object_add(insert, "id", json_object_new_string(alias));
        json_object_object_add(insert, "node-name", json_object_new_string(args.drive));
        if (qemuMonitorCommand(priv->mon, "blockdev-insert-medium",
                               g_steal_pointer(&insert), NULL) < 0 ||
            qemuHotplugTray(priv->mon, "blockdev-close-tray", alias, false) < 0)
            goto error;
        disk->src = g_steal_pointer(&src);
        disk->format = format;
        disk->backing = g_steal_pointer(&backing);
        disk->tray = VIR_DOMAIN_DISK_TRAY_CLOSED;
    }
    return 0;

 error:
    if (src) {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        qemuHotplugBlockdevDel(priv->mon, args.drive);
        qemuHotplugBlockdevDel(priv->mon, args.file);
        virErrorRestore(&saved);
    }
    return -1;
}

/* The disk of def that media (a parsed update request) names, checked to
 * differ from it only in its medium. */
static virDomainDiskDef *
qemuHotplugMediaTarget(virDomainDef *def, const virDomainDiskDef *media)
{
    virDomainDiskDef *disk = virDomainDiskByTarget(def, media->dst);

    if (!disk) {
        virReportError(VIR_ERR_DEVICE_MISSING, "disk '%s' not found in domain", media->dst);
        return NULL;
    }
    if (disk->device != VIR_DOMAIN_DISK_DEVICE_CDROM &&
        disk->device != VIR_DOMAIN_DISK_DEVICE_FLOPPY) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       "disk '%s': only the media of cdrom and floppy drives can be changed",
                       disk->dst);
        return NULL;
    }
    if (media->device != disk->device || media->bus != disk->bus) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       "cannot modify field '%s' of the disk",
                       media->device != disk->device ? "device" : "bus");
        return NULL;
    }
    if (media->type != VIR_DOMAIN_DISK_TYPE_FILE && media->type != VIR_DOMAIN_DISK_TYPE_BLOCK) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "a medium of type '%s' is not supported",
                       virDomainDiskTypeToString(media->type));
        return NULL;
    }
    return disk;
}

static int
qemuHotplugUpdate(virDomainObj *obj, const char *xml, unsigned int flags)
{
    virDomainDef *persistent = virDomainObjGetPersistentDef(obj);
    g_autoptr(virDomainDeviceDef) dev = NULL;
    virDomainDiskDef *diskLive = NULL;
    virDomainDiskDef *diskConfig = NULL;
    virDomainDiskDef *media;
    bool live, config;

    if (qemuDomObjImpact(obj, flags, QEMU_HOTPLUG_TRANSIENT, &live, &config) < 0 ||
        !(dev = virDomainDeviceDefParse(xml, live ? obj->def : persistent, 0)))
        return -1;
    if (dev->type != VIR_DOMAIN_DEVICE_DISK) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "device type '%s' cannot be updated",
                       virDomainDeviceTypeToString(dev->type));
        return -1;
    }
    media = dev->data.disk;
    /* Both checked before either is changed. */
    if ((live && !(diskLive = qemuHotplugMediaTarget(obj->def, media))) ||
        (config && !(diskConfig = qemuHotplugMediaTarget(persistent, media))))
        return -1;
    if (media->src && access(media->src, F_OK) < 0) {
        virReportSystemError(errno, "Cannot access storage file '%s'", media->src);
        return -1;
    }

    if (live) {
        if (qemuHotplugChangeMediaLive(obj, diskLive, media) < 0) {
            qemuDomainSaveStatus(qemu_driver, obj);
            return -1;
        }
        qemuDomainSaveStatus(qemu_driver, obj);
    }
    if (config) {
        g_free(diskConfig->src);
        diskConfig->src = g_strdup(media->src);
        diskConfig->type = media->type;
        diskConfig->format = media->format;
        if (qemuDomainSaveConfig(qemu_driver, persistent) < 0)
            return -1;
    }
    return 0;
}

int
qemuDomainUpdateDeviceFlags(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                            unsigned int flags)
{
    virDomainObj *obj;
    int ret = -1;

    /* FORCE (eject a locked tray) is what every change does here. */
    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_DOMAIN_DEVICE_MODIFY_FORCE, -1);
    if (!(obj = qemuDomObjFromRef(dom)))
        return -1;
    if (qemuDomainJobBegin(obj, "update device", false) == 0) {
        ret = qemuHotplugUpdate(obj, xml, flags & ~VIR_DOMAIN_DEVICE_MODIFY_FORCE);
        qemuDomainJobEnd(obj);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}
