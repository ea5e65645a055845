#include "qemu_conf.h"

#include "virconf.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.conf");

virQEMUDriver *
qemuDriverNew(bool privileged)
{
    virQEMUDriver *driver = g_new0(virQEMUDriver, 1);

    driver->privileged = privileged;
    driver->configFile = virFileRootPath("/etc/libvirt/qemu.conf");
    driver->configDir = virFileRootPath("/etc/libvirt/qemu");
    driver->autostartDir = virFileRootPath("/etc/libvirt/qemu/autostart");
    driver->stateDir = virFileRootPath("/run/libvirt/qemu");
    driver->libDir = virFileRootPath("/var/lib/libvirt/qemu");
    driver->logDir = virFileRootPath("/var/log/libvirt/qemu");
    driver->cacheDir = virFileRootPath("/var/cache/libvirt/qemu");
    driver->autoDumpPath = virFileRootPath("/var/lib/libvirt/qemu/dump");
    driver->defaultEmulator = g_strdup(QEMU_DEFAULT_EMULATOR);
    driver->domains = virDomainObjListNew();
    return driver;
}

void
qemuDriverFree(virQEMUDriver *driver)
{
    if (!driver)
        return;
    if (driver->eventPool)
        g_thread_pool_free(driver->eventPool, FALSE, TRUE);
    virDomainObjListFree(driver->domains);
    if (driver->caps)
        qemuCapsCacheFree(driver->caps);
    g_free(driver->configFile);
    g_free(driver->configDir);
    g_free(driver->autostartDir);
    g_free(driver->stateDir);
    g_free(driver->libDir);
    g_free(driver->logDir);
    g_free(driver->cacheDir);
    g_free(driver->autoDumpPath);
    g_free(driver->defaultEmulator);
    g_free(driver);
}

int
qemuDriverLoadConfig(virQEMUDriver *driver)
{
    g_autoptr(virConf) conf = NULL;
    g_auto(GStrv) unused = NULL;
    g_autofree char *dumpPath = NULL;
    size_t i;

    if (!(conf = virConfReadFile(driver->configFile, true)))
        return -1;

    /* A path from qemu.conf is a host path: --root does not move it. */
    if (virConfGetString(conf, "auto_dump_path", &dumpPath) < 0)
        return -1;
    if (dumpPath) {
        g_free(driver->autoDumpPath);
        driver->autoDumpPath = g_steal_pointer(&dumpPath);
    }

    /* Settings not acted on are named rather than let an administrator
     * believe they took effect. */
    unused = virConfUnusedKeys(conf);
    for (i = 0; unused[i]; i++)
        VIR_WARN("%s: setting '%s' is not supported yet and is ignored",
                 driver->configFile, unused[i]);
    return 0;
}
