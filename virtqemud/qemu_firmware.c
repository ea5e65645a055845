/* UEFI variable stores: see qemu_firmware.h. */
#include "qemu_firmware.h"

#include <string.h>

#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_firmware");

/* The variable store shipped next to a code file: CODE -> VARS in the
 * name; Secure Boot code (".secboot") pairs with the store that has
 * Microsoft's keys enrolled (".ms"). NULL when no such file exists. */
static char *
qemuFirmwareGuessTemplate(const char *loader)
{
    g_autofree char *dir = g_path_get_dirname(loader);
    g_autofree char *base = g_path_get_basename(loader);
    g_autofree char *vars = NULL;
    g_autofree char *path = NULL;
    char *code = strstr(base, "CODE");
    char *secboot;

    if (!code)
        return NULL;
    memcpy(code, "VARS", 4);
    if ((secboot = strstr(base, ".secboot."))) {
        *secboot = '\0';
        vars = g_strdup_printf("%s.ms.%s", base, secboot + strlen(".secboot."));
    } else {
        vars = g_strdup(base);
    }
    path = g_strdup_printf("%s/%s", dir, vars);
    return virFileExists(path) ? g_steal_pointer(&path) : NULL;
}

void
qemuFirmwareFillNvram(virQEMUDriver *driver, virDomainDef *def)
{
    if (!def->os.loader || def->os.loaderType != VIR_DOMAIN_LOADER_TYPE_PFLASH ||
        def->os.loaderReadonly != VIR_TRISTATE_BOOL_YES)
        return;
    if (!def->os.nvram)
        def->os.nvram = g_strdup_printf("%s/nvram/%s_VARS.fd", driver->libDir, def->name);
    if (!def->os.nvramTemplate)
        def->os.nvramTemplate = qemuFirmwareGuessTemplate(def->os.loader);
}

int
qemuFirmwarePrepareNvram(const virDomainDef *def)
{
    g_autofree char *dir = NULL;
    g_autofree char *data = NULL;
    g_autoptr(GError) gerr = NULL;
    gsize len = 0;

    if (!def->os.nvram || virFileExists(def->os.nvram))
        return 0;
    if (!def->os.nvramTemplate) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       "unable to find any master var store for loader: %s",
                       def->os.loader ? def->os.loader : "");
        return -1;
    }
    dir = g_path_get_dirname(def->os.nvram);
    if (virFileMakePath(dir, 0755) < 0)
        return -1;
    if (!g_file_get_contents(def->os.nvramTemplate, &data, &len, &gerr) ||
        !g_file_set_contents_full(def->os.nvram, data, len, G_FILE_SET_CONTENTS_CONSISTENT,
                                  0600, &gerr)) {
        virReportError(VIR_ERR_OPERATION_FAILED, "cannot create NVRAM file %s from %s: %s",
                       def->os.nvram, def->os.nvramTemplate, gerr->message);
        return -1;
    }
    VIR_DEBUG("created %s from %s", def->os.nvram, def->os.nvramTemplate);
    return 0;
}
