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

#include <string.h>

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

/* Plugs the device that is the last disk or net of the live def into the
 * running QEMU; on failure whatever was added is removed again. */
static int
qemuHotplugLive(virDomainObj *obj, const char *alias)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    qemuCommandParams params = { .monitorPath = priv->monPath, .kvmAvailable = true };
    g_autoptr(virCommand) cmd = NULL;
    g_autofree char *drive = NULL;
    g_autofree char *netdev = NULL;
    g_autofree char *file = NULL;
    g_autofree char *hmp = NULL;
    const char *const *argv;
    const char *device;
    const char *storage = NULL;
    const char *format = NULL;
    const char *backend = NULL;
    bool storageAdded = false;
    bool formatAdded = false;
    bool netdevAdded = false;

    if (!(cmd = qemuBuildCommandLine(obj->def, &params)))
        return -1;
    argv = virCommandGetArgv(cmd);
    if (!(device = qemuHotplugFindArg(argv, "-device", "id", alias))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "no QEMU device for '%s'", alias);
        return -1;
    }
    if ((drive = qemuHotplugOpt(device, "drive"))) {
        format = qemuHotplugFindArg(argv, "-blockdev", "node-name", drive);
        if (format && (file = qemuHotplugOpt(format, "file")))
            storage = qemuHotplugFindArg(argv, "-blockdev", "node-name", file);
        if (!format || !storage) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "no block nodes for '%s'", alias);
            return -1;
        }
    }
    if ((netdev = qemuHotplugOpt(device, "netdev")) &&
        !(backend = qemuHotplugFindArg(argv, "-netdev", "id", netdev))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "no network backend for '%s'", alias);
        return -1;
    }

    if (storage) {
        if (qemuMonitorCommand(priv->mon, "blockdev-add", qemuHotplugBlockdevJSON(storage),
                               NULL) < 0)
            goto rollback;
        storageAdded = true;
        if (qemuMonitorCommand(priv->mon, "blockdev-add", qemuHotplugBlockdevJSON(format),
                               NULL) < 0)
            goto rollback;
        formatAdded = true;
    }
    if (backend) {
        hmp = g_strdup_printf("netdev_add %s", backend);
        if (qemuHotplugHMP(priv->mon, hmp) < 0)
            goto rollback;
        netdevAdded = true;
        g_clear_pointer(&hmp, g_free);
    }
    hmp = g_strdup_printf("device_add %s", device);
    if (qemuHotplugHMP(priv->mon, hmp) < 0)
        goto rollback;
    return 0;

 rollback:
    {
        g_autoptr(virErrorInfo) saved = virErrorPreserve();

        if (netdevAdded) {
            g_autofree char *del = g_strdup_printf("netdev_del %s", netdev);

            qemuHotplugHMP(priv->mon, del);
        }
        if (formatAdded)
            qemuHotplugBlockdevDel(priv->mon, drive);
        if (storageAdded)
            qemuHotplugBlockdevDel(priv->mon, file);
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

static int
qemuHotplugDetach(virDomainObj *obj, const char *xml, unsigned int flags)
{
    virDomainDef *persistent = virDomainObjGetPersistentDef(obj);
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
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
        g_autoptr(json_object) args = json_object_new_object();
        g_autofree char *alias = NULL;
        gint64 deadline = g_get_monotonic_time() + QEMU_UNPLUG_WAIT_US;

        alias = g_strdup(devLive->type == VIR_DOMAIN_DEVICE_DISK ?
                         obj->def->disks[idxLive]->info.alias :
                         obj->def->nets[idxLive]->info.alias);
        if (!alias) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "the device has no alias");
            return -1;
        }
        json_object_object_add(args, "id", json_object_new_string(alias));
        if (qemuMonitorCommand(priv->mon, "device_del", g_steal_pointer(&args), NULL) < 0)
            return -1;
        /* The event handler finishes the removal; a guest that takes longer
         * gets it done whenever DEVICE_DELETED comes, as with libvirt. */
        while (virDomainObjIsActive(obj) && qemuHotplugHasAlias(obj->def, alias) &&
               qemuDomainObjWait(obj, deadline) == 0)
            ;
        if (qemuHotplugHasAlias(obj->def, alias))
            VIR_INFO("domain %s: %s not released by the guest yet", obj->def->name, alias);
    }
    if (config) {
        qemuHotplugRemoveAt(persistent, devConfig->type, idxConfig);
        if (qemuDomainSaveConfig(qemu_driver, persistent) < 0)
            return -1;
    }
    return 0;
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
