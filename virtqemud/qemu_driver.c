/* virtqemud: the driver table, driver state, and connection/host calls. */
#include "qemu_driver.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "qemu_capabilities.h"
#include "qemu_console.h"
#include "qemu_hotplug.h"
#include "qemu_domain.h"
#include "qemu_process.h"
#include "qemu_snapshot.h"
#include "virerror.h"
#include "virfile.h"
#include "virhostcpu.h"
#include "virlog.h"
#include "virsysinfo.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.driver");

virQEMUDriver *qemu_driver;

static const char *const qemuURISchemes[] = { "qemu", NULL };

static virDrvOpenStatus
qemuConnectOpen(virDrvConnect *conn, const char *scheme, const char *path,
                unsigned int flags)
{
    if (strcmp(scheme, "qemu") != 0)
        return VIR_DRV_OPEN_DECLINED;
    if (!qemu_driver) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "qemu state driver is not active");
        return VIR_DRV_OPEN_ERROR;
    }
    /* A root daemon serves /system; /session belongs to per-user daemons. */
    if (strcmp(path, qemu_driver->privileged ? "/system" : "/session") != 0 &&
        !(qemu_driver->privileged && strcmp(path, "/session") == 0)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "unexpected QEMU URI path '%s', try qemu:///%s",
                       path, qemu_driver->privileged ? "system" : "session");
        return VIR_DRV_OPEN_ERROR;
    }
    return VIR_DRV_OPEN_SUCCESS;
}

static int
qemuConnectClose(virDrvConnect *conn)
{
    return 0;
}

static int
qemuConnectGetVersion(virDrvConnect *conn, unsigned long long *version)
{
    qemuCaps *caps = qemuCapsCacheLookup(qemu_driver->caps, qemu_driver->defaultEmulator);

    if (!caps)
        return -1;
    *version = qemuCapsGetVersion(caps);
    qemuCapsUnref(caps);
    return 0;
}

static int
qemuConnectGetMaxVcpus(virDrvConnect *conn, const char *type)
{
    int fd;
    int max;

    if (!type || g_ascii_strcasecmp(type, "qemu") == 0)
        return 16;
    if (g_ascii_strcasecmp(type, "kvm") != 0) {
        virReportError(VIR_ERR_INVALID_ARG, "unknown type '%s'", type);
        return -1;
    }
    /* KVM says how many vCPUs it supports. */
    if ((fd = open("/dev/kvm", O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "%s", "Unable to open /dev/kvm");
        return -1;
    }
    max = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPUS);
    if (max <= 0)
        max = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_NR_VCPUS);
    close(fd);
    return max > 0 ? max : 4;
}

static char *
qemuConnectGetCapabilities(virDrvConnect *conn)
{
    return qemuCapsFormatCapabilities(qemu_driver->caps, qemu_driver->defaultEmulator);
}

static char *
qemuConnectGetDomainCapabilities(virDrvConnect *conn, const char *emulator,
                                 const char *arch, const char *machine,
                                 const char *virttype, unsigned int flags)
{
    const char *binary = emulator ? emulator : qemu_driver->defaultEmulator;
    qemuCaps *caps;
    char *xml;

    virCheckFlags(0, NULL);
    if (!(caps = qemuCapsCacheLookup(qemu_driver->caps, binary)))
        return NULL;
    xml = qemuCapsFormatDomainCapabilities(caps, binary, arch, machine, virttype);
    qemuCapsUnref(caps);
    return xml;
}

static char *
qemuConnectGetSysinfo(virDrvConnect *conn, unsigned int flags)
{
    virCheckFlags(0, NULL);
    return virSysinfoFormat();
}

static int
qemuNodeGetCPUMap(virDrvConnect *conn, unsigned char **cpumap, unsigned int *online,
                  unsigned int flags)
{
    virCheckFlags(0, -1);
    return virHostCPUGetMap(cpumap, online);
}

static int
qemuNodeGetInfo(virDrvConnect *conn, virDriverNodeInfo *out)
{
    virHostCPUNodeInfo info;

    if (virHostCPUGetNodeInfo(&info) < 0)
        return -1;
    G_STATIC_ASSERT(sizeof(out->model) == sizeof(info.model));
    memcpy(out->model, info.model, sizeof(out->model));
    out->memory = info.memory;
    out->cpus = info.cpus;
    out->mhz = info.mhz;
    out->nodes = info.nodes;
    out->sockets = info.sockets;
    out->cores = info.cores;
    out->threads = info.threads;
    return 0;
}

static unsigned long long
qemuNodeGetFreeMemory(virDrvConnect *conn)
{
    unsigned long long mem = virHostMemGetFree();

    if (mem == 0)
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot determine free memory");
    return mem;
}

static int
qemuNodeGetSecurityModel(virDrvConnect *conn, char **model, char **doi)
{
    /* No security driver (SELinux/AppArmor labels) is in use. */
    *model = g_strdup("none");
    *doi = g_strdup("0");
    return 0;
}

static const virHypervisorDriver qemuHypervisorDriver = {
    .name = "QEMU",
    .uriSchemes = qemuURISchemes,
    .connectOpen = qemuConnectOpen,
    .connectClose = qemuConnectClose,
    .connectGetVersion = qemuConnectGetVersion,
    .connectGetMaxVcpus = qemuConnectGetMaxVcpus,
    .connectGetCapabilities = qemuConnectGetCapabilities,
    .connectGetDomainCapabilities = qemuConnectGetDomainCapabilities,
    .connectGetSysinfo = qemuConnectGetSysinfo,
    .nodeGetInfo = qemuNodeGetInfo,
    .nodeGetCPUMap = qemuNodeGetCPUMap,
    .nodeGetFreeMemory = qemuNodeGetFreeMemory,
    .nodeGetSecurityModel = qemuNodeGetSecurityModel,
    .connectListAllDomains = qemuConnectListAllDomains,
    .domainLookupByName = qemuDomainLookupByName,
    .domainLookupByUUID = qemuDomainLookupByUUID,
    .domainLookupByID = qemuDomainLookupByID,
    .domainDefineXML = qemuDomainDefineXML,
    .domainCreateXML = qemuDomainCreateXML,
    .domainCreateWithFlags = qemuDomainCreateWithFlags,
    .domainDestroyFlags = qemuDomainDestroyFlags,
    .domainShutdownFlags = qemuDomainShutdownFlags,
    .domainReboot = qemuDomainReboot,
    .domainReset = qemuDomainReset,
    .domainSuspend = qemuDomainSuspend,
    .domainResume = qemuDomainResume,
    .domainUndefineFlags = qemuDomainUndefineFlags,
    .domainGetXMLDesc = qemuDomainGetXMLDesc,
    .domainGetInfo = qemuDomainGetInfo,
    .domainGetState = qemuDomainGetState,
    .domainGetOSType = qemuDomainGetOSType,
    .domainGetMaxMemory = qemuDomainGetMaxMemory,
    .domainGetMaxVcpus = qemuDomainGetMaxVcpus,
    .domainGetAutostart = qemuDomainGetAutostart,
    .domainSetAutostart = qemuDomainSetAutostart,
    .domainIsActive = qemuDomainIsActive,
    .domainIsPersistent = qemuDomainIsPersistent,
    .domainIsUpdated = qemuDomainIsUpdated,
    .domainHasManagedSaveImage = qemuDomainHasManagedSaveImage,
    .domainSnapshotNum = qemuDomainSnapshotNum,
    .domainGetSecurityLabel = qemuDomainGetSecurityLabel,
    .domainGetMessages = qemuDomainGetMessages,
    .domainInterfaceAddresses = qemuDomainInterfaceAddresses,
    /* management: qemu_driver_manage.c */
    .domainSaveParams = qemuDomainSaveParams,
    .domainRestoreParams = qemuDomainRestoreParams,
    .domainManagedSave = qemuDomainManagedSave,
    .domainSaveImageGetXMLDesc = qemuDomainSaveImageGetXMLDesc,
    .domainSaveImageDefineXML = qemuDomainSaveImageDefineXML,
    .domainManagedSaveRemove = qemuDomainManagedSaveRemove,
    .domainGetJobStats = qemuDomainGetJobStats,
    .domainAbortJobFlags = qemuDomainAbortJobFlags,
    .domainSetMemoryFlags = qemuDomainSetMemoryFlags,
    .domainGetVcpusFlags = qemuDomainGetVcpusFlags,
    .domainSetVcpusFlags = qemuDomainSetVcpusFlags,
    .domainMemoryStats = qemuDomainMemoryStats,
    .domainSetMemoryStatsPeriod = qemuDomainSetMemoryStatsPeriod,
    .domainBlockStats = qemuDomainBlockStats,
    .domainInterfaceStats = qemuDomainInterfaceStats,
    .connectGetAllDomainStats = qemuConnectGetAllDomainStats,
    .domainGetVcpus = qemuDomainGetVcpus,
    .domainGetVcpuPinInfo = qemuDomainGetVcpuPinInfo,
    .domainGetControlInfo = qemuDomainGetControlInfo,
    .domainGetBlockInfo = qemuDomainGetBlockInfo,
    /* devices: qemu_hotplug.c */
    .domainAttachDeviceFlags = qemuDomainAttachDeviceFlags,
    .domainDetachDeviceFlags = qemuDomainDetachDeviceFlags,
    .domainDetachDeviceAlias = qemuDomainDetachDeviceAlias,
    .domainUpdateDeviceFlags = qemuDomainUpdateDeviceFlags,
    /* NMI and keys: qemu_driver_send.c */
    .domainInjectNMI = qemuDomainInjectNMI,
    .domainSendKey = qemuDomainSendKey,
    /* snapshots: qemu_snapshot.c */
    .domainSnapshotCreateXML = qemuSnapshotCreateXML,
    .domainSnapshotGetXMLDesc = qemuSnapshotGetXMLDesc,
    .domainSnapshotListNames = qemuSnapshotListNames,
    .domainSnapshotLookupByName = qemuSnapshotLookupByName,
    .domainHasCurrentSnapshot = qemuSnapshotHasCurrent,
    .domainSnapshotCurrent = qemuSnapshotCurrent,
    .domainSnapshotGetParent = qemuSnapshotGetParent,
    .domainSnapshotIsCurrent = qemuSnapshotIsCurrent,
    .domainSnapshotHasMetadata = qemuSnapshotHasMetadata,
    .domainRevertToSnapshot = qemuSnapshotRevert,
    .domainSnapshotDelete = qemuSnapshotDelete,
    .connectDomainXMLToNative = qemuConnectDomainXMLToNative,
    .domainQemuMonitorCommand = qemuDomainQemuMonitorCommand,
    .domainOpenConsole = qemuDomainOpenConsole,
    /* console, native config, monitor: qemu_driver_console.c */
};

/* ------------------------------------------------------------------ */
/* State                                                               */

/* Autostart runs once per host boot: the marker lives in the runtime
 * directory, which a reboot empties. */
static void
qemuStateAutostart(virQEMUDriver *driver)
{
    g_autofree char *marker = g_strdup_printf("%s/autostarted", driver->stateDir);
    g_autoptr(GPtrArray) all = NULL;
    size_t i;

    if (virFileExists(marker))
        return;
    all = virDomainObjListCollect(driver->domains);
    for (i = 0; i < all->len; i++) {
        virDomainObj *obj = g_ptr_array_index(all, i);

        virDomainObjLock(obj);
        if (obj->autostart && !virDomainObjIsActive(obj) && !obj->removed &&
            qemuProcessStart(driver, obj, 0) < 0) {
            VIR_ERROR("failed to autostart domain '%s': %s", obj->def->name,
                      virErrorGetLast() ? virErrorGetLast()->message : "unknown error");
            virErrorReset();
        }
        virDomainObjUnlock(obj);
    }
    if (virFileWriteStrAtomic(marker, "", 0600) < 0)
        virErrorReset();
}

static int
qemuStateInitialize(bool privileged)
{
    g_autoptr(virQEMUDriver) driver = qemuDriverNew(privileged);
    g_autoptr(GPtrArray) running = g_ptr_array_new_with_free_func((GDestroyNotify)virDomainObjUnref);
    GError *err = NULL;
    size_t i;

    if (qemuDriverLoadConfig(driver) < 0)
        return -1;
    if (virFileMakePath(driver->configDir, 0755) < 0 ||
        virFileMakePath(driver->stateDir, 0755) < 0 ||
        virFileMakePath(driver->libDir, 0755) < 0 ||
        virFileMakePath(driver->logDir, 0700) < 0 ||
        virFileMakePath(driver->cacheDir, 0755) < 0)
        return -1;

    driver->caps = qemuCapsCacheNew(driver->cacheDir);
    driver->eventPool = g_thread_pool_new(qemuProcessHandleEvent, driver, 1, FALSE, &err);
    if (err) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot create event thread: %s", err->message);
        g_error_free(err);
        return -1;
    }
    qemuProcessSetEventDriver(driver);

    if (qemuDomainLoadAll(driver, running) < 0)
        return -1;
    for (i = 0; i < running->len; i++) {
        virDomainObj *obj = g_ptr_array_index(running, i);

        virDomainObjLock(obj);
        qemuProcessReconnect(driver, obj);
        virDomainObjUnlock(obj);
    }
    qemu_driver = g_steal_pointer(&driver);
    qemuStateAutostart(qemu_driver);
    return 0;
}

static int
qemuStateCleanup(void)
{
    g_autoptr(GPtrArray) all = NULL;
    size_t i;

    if (!qemu_driver)
        return 0;
    /* Guests keep running: only our monitors close. */
    all = virDomainObjListCollect(qemu_driver->domains);
    for (i = 0; i < all->len; i++) {
        virDomainObj *obj = g_ptr_array_index(all, i);
        qemuDomainObjPrivate *priv;

        virDomainObjLock(obj);
        priv = qemuDomainObjPrivateGet(obj);
        if (priv->mon) {
            qemuMonitorClose(g_steal_pointer(&priv->mon));
            virDomainObjUnref(obj);
        }
        virDomainObjUnlock(obj);
    }
    g_clear_pointer(&all, g_ptr_array_unref);
    g_clear_pointer(&qemu_driver, qemuDriverFree);
    return 0;
}

static int
qemuStateReload(void)
{
    return qemu_driver ? qemuDriverLoadConfig(qemu_driver) : 0;
}

static bool
qemuStateInhibitsExit(void)
{
    g_autoptr(GPtrArray) all = NULL;
    bool active = false;
    size_t i;

    if (!qemu_driver)
        return false;
    all = virDomainObjListCollect(qemu_driver->domains);
    for (i = 0; i < all->len && !active; i++) {
        virDomainObj *obj = g_ptr_array_index(all, i);

        virDomainObjLock(obj);
        active = virDomainObjIsActive(obj);
        virDomainObjUnlock(obj);
    }
    return active;
}

static const virStateDriver qemuStateDriver = {
    .name = "QEMU",
    .hypervisor = &qemuHypervisorDriver,
    .stateInitialize = qemuStateInitialize,
    .stateCleanup = qemuStateCleanup,
    .stateReload = qemuStateReload,
    .stateInhibitsExit = qemuStateInhibitsExit,
};

const virStateDriver *
qemuRegister(void)
{
    return &qemuStateDriver;
}
