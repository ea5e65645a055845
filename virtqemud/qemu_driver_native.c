/* virsh domxml-to-native: the QEMU command line a definition would start
 * with, without starting anything. */
#include "qemu_driver.h"

#include "qemu_capabilities.h"
#include "qemu_command.h"
#include "qemu_domain.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* The only native format of the QEMU driver. */
#define QEMU_NATIVE_ARGV "qemu-argv"

char *
qemuConnectDomainXMLToNative(virDrvConnect *conn, const char *format, const char *xml,
                             unsigned int flags)
{
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virCommand) cmd = NULL;
    g_autofree char *shortName = NULL;
    g_autofree char *monPath = NULL;
    qemuCommandParams params = { 0 };
    qemuCaps *caps;

    virCheckFlags(0, NULL);
    if (!g_str_equal(format, QEMU_NATIVE_ARGV)) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported config type %s", format);
        return NULL;
    }
    if (!(def = qemuDomainParse(xml)))
        return NULL;
    if (!(caps = qemuCapsCacheLookup(qemu_driver->caps, def->emulator)))
        return NULL;
    params.kvmAvailable = qemuCapsHasKVM(caps);
    qemuCapsUnref(caps);

    /* The paths a start would use, for a guest without an id yet (-1). */
    shortName = g_strndup(def->name, 20);
    monPath = g_strdup_printf("%s/domain--1-%s/monitor.sock", qemu_driver->libDir, shortName);
    params.monitorPath = monPath;
    params.disableArchCapabilities = qemuHostNeedsArchCapabilitiesOff();
    qemuAssignDeviceAliases(def);
    if (!(cmd = qemuBuildCommandLine(def, &params)))
        return NULL;
    virCommandAddEnvPair(cmd, "LC_ALL", "C");
    virCommandAddEnvPassCommon(cmd);
    return virCommandToString(cmd);
}
