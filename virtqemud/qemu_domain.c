#include "qemu_domain.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "qemu_domain_address.h"
#include "qemu_firmware.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virxml.h"
#include "driver.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.domain");

static void
qemuDomainObjPrivateFree(gpointer opaque)
{
    qemuDomainObjPrivate *priv = opaque;

    if (priv->mon)
        qemuMonitorClose(priv->mon);
    g_free(priv->monPath);
    g_free(priv->libDir);
    g_free(priv->job.name);
    g_free(priv->jobCompleted);     /* no strings in job statistics */
    g_cond_clear(&priv->jobCond);
    g_cond_clear(&priv->eventCond);
    g_free(priv);
}

qemuDomainObjPrivate *
qemuDomainObjPrivateGet(virDomainObj *obj)
{
    if (!obj->privateData) {
        qemuDomainObjPrivate *priv = g_new0(qemuDomainObjPrivate, 1);

        g_cond_init(&priv->jobCond);
        g_cond_init(&priv->eventCond);
        obj->privateData = priv;
        obj->privateFree = qemuDomainObjPrivateFree;
    }
    return obj->privateData;
}

virDrvDomain *
qemuDomainMakeRef(virDomainObj *obj)
{
    return virDrvDomainNew(obj->def->name, obj->def->uuid, obj->def->id);
}

int
qemuDomainDefPostParse(virQEMUDriver *driver, virDomainDef *def)
{
    qemuCaps *caps;
    const char *canonical;

    if (!def->emulator)
        def->emulator = g_strdup(driver->defaultEmulator);
    if (!def->os.arch)
        def->os.arch = g_strdup("x86_64");
    if (strcmp(def->os.arch, "x86_64") != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "No guest options available for arch '%s'", def->os.arch);
        return -1;
    }
    if (!(caps = qemuCapsCacheLookup(driver->caps, def->emulator)))
        return -1;

    if (!def->os.machine) {
        def->os.machine = g_strdup(qemuCapsGetDefaultMachine(caps));
    } else if (!(canonical = qemuCapsCanonicalMachine(caps, def->os.machine))) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "Emulator '%s' does not support machine type '%s'",
                       def->emulator, def->os.machine);
        qemuCapsUnref(caps);
        return -1;
    } else if (strcmp(canonical, def->os.machine) != 0) {
        g_free(def->os.machine);
        def->os.machine = g_strdup(canonical);
    }
    qemuCapsUnref(caps);
    qemuFirmwareFillNvram(driver, def);
    return qemuDomainAssignPCIAddresses(def);
}

static char *
qemuDomainConfigPath(virQEMUDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.xml", driver->configDir, name);
}

int
qemuDomainSaveConfig(virQEMUDriver *driver, const virDomainDef *def)
{
    g_autofree char *path = qemuDomainConfigPath(driver, def->name);
    g_autofree char *xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                                   VIR_DOMAIN_DEF_FORMAT_SECURE);

    if (!xml || virFileMakePath(driver->configDir, 0755) < 0)
        return -1;
    return virFileWriteStrAtomic(path, xml, 0600);
}

int
qemuDomainDeleteConfig(virQEMUDriver *driver, const char *name)
{
    g_autofree char *path = qemuDomainConfigPath(driver, name);

    if (qemuDomainSetAutostartLink(driver, name, false) < 0)
        return -1;
    return virFileRemove(path);
}

static char *
qemuDomainAutostartPath(virQEMUDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.xml", driver->autostartDir, name);
}

int
qemuDomainSetAutostartLink(virQEMUDriver *driver, const char *name, bool autostart)
{
    g_autofree char *link = qemuDomainAutostartPath(driver, name);
    g_autofree char *target = qemuDomainConfigPath(driver, name);

    return virFileSetSymlink(link, target, autostart);
}

bool
qemuDomainHasAutostartLink(virQEMUDriver *driver, const char *name)
{
    g_autofree char *link = qemuDomainAutostartPath(driver, name);

    return g_file_test(link, G_FILE_TEST_IS_SYMLINK);
}

static char *
qemuDomainStatusPath(virQEMUDriver *driver, const char *name)
{
    return g_strdup_printf("%s/%s.xml", driver->stateDir, name);
}

int
qemuDomainSaveStatus(virQEMUDriver *driver, virDomainObj *obj)
{
    qemuDomainObjPrivate *priv = qemuDomainObjPrivateGet(obj);
    g_autofree char *path = qemuDomainStatusPath(driver, obj->def->name);
    g_autoptr(GString) buf = g_string_new(NULL);

    g_string_append_printf(buf, "<domstatus state='%s' reason='%s' pid='%lld'>\n",
                           virDomainObjStateTypeToString(obj->state),
                           virDomainObjReasonToString(obj->state, obj->reason),
                           (long long)obj->pid);
    g_string_append(buf, "  <monitor");
    virXMLFormatAttr(buf, "path", priv->monPath);
    virXMLFormatAttr(buf, "dir", priv->libDir);
    g_string_append(buf, "/>\n");
    virDomainDefFormatBuf(buf, obj->def, VIR_DOMAIN_DEF_FORMAT_STATUS |
                                         VIR_DOMAIN_DEF_FORMAT_SECURE, 2);
    g_string_append(buf, "</domstatus>\n");

    if (virFileMakePath(driver->stateDir, 0755) < 0)
        return -1;
    return virFileWriteAtomic(path, buf->str, buf->len, 0600);
}

void
qemuDomainDeleteStatus(virQEMUDriver *driver, const char *name)
{
    g_autofree char *path = qemuDomainStatusPath(driver, name);

    if (virFileRemove(path) < 0)
        virErrorReset();
}

/* Runs fn on every *.xml file of dir. */
static void
qemuDomainForEachXML(const char *dir, void (*fn)(virQEMUDriver *, const char *, void *),
                     virQEMUDriver *driver, void *opaque)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;

    if (!d)
        return;
    while ((entry = g_dir_read_name(d))) {
        g_autofree char *path = NULL;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        path = g_build_filename(dir, entry, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
            fn(driver, path, opaque);
    }
}

static void
qemuDomainLoadConfigFile(virQEMUDriver *driver, const char *path, void *opaque)
{
    g_autofree char *xml = NULL;
    g_autoptr(virDomainDef) def = NULL;
    g_autofree char *base = g_path_get_basename(path);
    virDomainObj *obj;

    if (virFileReadAll(path, 10 * 1024 * 1024, &xml) < 0 ||
        !(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        goto skip;
    if (strlen(base) != strlen(def->name) + 4 || strncmp(base, def->name, strlen(def->name))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "name '%s' does not match the file name", def->name);
        goto skip;
    }
    if (!(obj = virDomainObjListAdd(driver->domains, &def, false, NULL)))
        goto skip;
    obj->persistent = true;
    obj->autostart = qemuDomainHasAutostartLink(driver, obj->def->name);
    virDomainObjEndAPI(&obj);
    return;

 skip:
    VIR_ERROR("skipping domain configuration '%s': %s", path,
              virErrorGetLast() ? virErrorGetLast()->message : "unknown error");
    virErrorReset();
}

static int
qemuDomainParseStatus(const char *path, virDomainDef **def, int *state, int *reason,
                      pid_t *pid, char **monPath, char **libDir)
{
    g_autofree char *xml = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;
    xmlNodePtr mon;
    xmlNodePtr dom;
    g_autofree char *st = NULL;
    g_autofree char *rs = NULL;
    int p = 0;

    if (virFileReadAll(path, 10 * 1024 * 1024, &xml) < 0 ||
        !(doc = virXMLParseString(xml, path, "domstatus", VIR_FROM_QEMU)))
        return -1;
    root = xmlDocGetRootElement(doc);
    st = virXMLPropString(root, "state");
    rs = virXMLPropString(root, "reason");
    if ((*state = virDomainObjStateTypeFromString(st)) < 0 ||
        virXMLPropInt(root, "pid", &p) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "invalid status file header");
        return -1;
    }
    *pid = p;
    *reason = MAX(virDomainObjReasonFromString(*state, rs), 0);
    if (!(mon = virXMLChild(root, "monitor")) || !(dom = virXMLChild(root, "domain"))) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "status file lacks monitor or domain");
        return -1;
    }
    *monPath = virXMLPropString(mon, "path");
    *libDir = virXMLPropString(mon, "dir");
    if (!*monPath) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "status file lacks the monitor path");
        return -1;
    }
    return (*def = virDomainDefParseNode(doc, dom, VIR_DOMAIN_DEF_PARSE_STATUS)) ? 0 : -1;
}

static void
qemuDomainLoadStatusFile(virQEMUDriver *driver, const char *path, void *opaque)
{
    GPtrArray *running = opaque;
    g_autoptr(virDomainDef) def = NULL;
    g_autofree char *monPath = NULL;
    g_autofree char *libDir = NULL;
    virDomainObj *obj = NULL;
    qemuDomainObjPrivate *priv;
    int state, reason, id;
    pid_t pid;

    if (qemuDomainParseStatus(path, &def, &state, &reason, &pid, &monPath, &libDir) < 0)
        goto skip;
    id = def->id;
    if (id <= 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "status file has no domain id");
        goto skip;
    }

    if ((obj = virDomainObjListFindByUUID(driver->domains, def->uuid))) {
        /* Persistent: the file's definition is the live one. */
        obj->newDef = obj->def;
        obj->def = g_steal_pointer(&def);
    } else if (!(obj = virDomainObjListAdd(driver->domains, &def, false, NULL))) {
        goto skip;
    }
    obj->def->id = id;
    virDomainObjListBumpID(driver->domains, id);
    virDomainObjSetState(obj, state, reason);
    obj->pid = pid;
    priv = qemuDomainObjPrivateGet(obj);
    priv->monPath = g_steal_pointer(&monPath);
    priv->libDir = g_steal_pointer(&libDir);
    g_ptr_array_add(running, virDomainObjRef(obj));
    virDomainObjEndAPI(&obj);
    return;

 skip:
    VIR_ERROR("skipping domain status '%s': %s", path,
              virErrorGetLast() ? virErrorGetLast()->message : "unknown error");
    virErrorReset();
}

int
qemuDomainLoadAll(virQEMUDriver *driver, GPtrArray *running)
{
    qemuDomainForEachXML(driver->configDir, qemuDomainLoadConfigFile, driver, NULL);
    qemuDomainForEachXML(driver->stateDir, qemuDomainLoadStatusFile, driver, running);
    return 0;
}
