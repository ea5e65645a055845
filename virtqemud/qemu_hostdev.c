/* Host PCI devices for VFIO: see qemu_hostdev.h. Devices are not
 * detached from their host drivers here: managed='yes' devices must
 * already be bound to vfio-pci. */
#include "qemu_hostdev.h"

#include <string.h>

#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_hostdev");

#define QEMU_HOSTDEV_SYSFS "/sys/bus/pci/devices"

int
qemuHostdevPrepare(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nhostdevs; i++) {
        const virPCIDeviceAddress *src = &def->hostdevs[i]->source;
        g_autofree char *name = g_strdup_printf("%04x:%02x:%02x.%x", src->domain, src->bus,
                                                src->slot, src->function);
        g_autofree char *dir = g_strdup_printf("%s/%s", QEMU_HOSTDEV_SYSFS, name);
        g_autofree char *driverLink = g_strdup_printf("%s/driver", dir);
        g_autofree char *driver = NULL;

        if (!virFileExists(dir)) {
            virReportError(VIR_ERR_NO_NODE_DEVICE,
                           "host PCI device %s does not exist on this host", name);
            return -1;
        }
        driver = g_file_read_link(driverLink, NULL);
        if (!driver || !g_str_has_suffix(driver, "/vfio-pci")) {
            g_autofree char *base = driver ? g_path_get_basename(driver) : g_strdup("none");

            virReportError(VIR_ERR_OPERATION_INVALID,
                           "host PCI device %s is bound to driver '%s', not 'vfio-pci'",
                           name, base);
            return -1;
        }
    }
    return 0;
}
