/* virtsh: storage pool and volume commands: defining, starting and
 * listing pools; creating, inspecting, resizing, wiping and transferring
 * volumes. Messages and tables are virsh's, word for word. */
#include "virtsh.h"
#include "virtsh-table.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef virStoragePool virtshPool;
static void
virtshPoolFree(virtshPool *pool)
{
    if (pool)
        virStoragePoolFree(pool);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshPool, virtshPoolFree);

typedef virStorageVol virtshVol;
static void
virtshVolFree(virtshVol *vol)
{
    if (vol)
        virStorageVolFree(vol);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshVol, virtshVolFree);

typedef virStream virtshStream;
static void
virtshStreamFree(virtshStream *st)
{
    if (st)
        virStreamFree(st);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshStream, virtshStreamFree);


/* ---- helpers --------------------------------------------------------- */

/* A size the way virsh prints it: the value in the largest binary unit
 * that keeps it at least 1. */
static double
virtshPrettyCapacity(unsigned long long val, const char **unit)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double d = val;
    size_t i = 0;

    while (d >= 1024 && i < G_N_ELEMENTS(units) - 1) {
        d /= 1024;
        i++;
    }
    *unit = units[i];
    return d;
}

static char *
virtshPrettyCapacityStr(unsigned long long val)
{
    const char *unit;
    double d = virtshPrettyCapacity(val, &unit);

    return g_strdup_printf("%.2lf %s", d, unit);
}

/* A scaled integer as virsh takes them; -2 for an unknown unit. */
static int virtshParseScaled(const char *str, unsigned long long *value);

/* A volume size option: false with virsh's two messages when malformed. */
static bool
virtshVolSize(virtshControl *ctl, const char *str, unsigned long long *value)
{
    int rc = virtshParseScaled(str, value);

    if (rc == 0)
        return true;
    virtshError(ctl, "Malformed size %s", str);
    if (rc == -2)
        virtshError(ctl, "invalid argument: unknown suffix '%s'", str + strspn(str, "0123456789"));
    return false;
}

/* A scaled integer as virsh takes them: a number with an optional unit
 * (b, k/KiB, KB, M/MiB, MB, ..., E), bytes by default. -1 if malformed. */
static int
virtshParseScaled(const char *str, unsigned long long *value)
{
    static const char units[] = "bkmgtpe";
    unsigned long long scale = 1;
    unsigned long long base = 1024;
    unsigned long long n;
    const char *unit;
    char *end;
    size_t i;

    if (!str || !*str || *str == '-')
        return -1;
    errno = 0;
    n = strtoull(str, &end, 10);
    if (errno || end == str)
        return -1;
    if (*end) {
        if (!(unit = strchr(units, g_ascii_tolower(*end))))
            return -2;
        if (*unit == 'b') {
            if (end[1])
                return -1;
        } else if (end[1] == 'i') {
            if (end[2] != 'B' || end[3])
                return -1;
        } else if (end[1] == 'B') {
            if (end[2])
                return -1;
            base = 1000;
        } else if (end[1]) {
            return -2;
        }
        for (i = 0; i < (size_t)(unit - units); i++)
            scale *= base;
    }
    if (n && scale > ULLONG_MAX / n)
        return -1;
    *value = n * scale;
    return 0;
}

static const char *
virtshPoolStateToString(int state)
{
    switch (state) {
    case VIR_STORAGE_POOL_INACTIVE:
        return "inactive";
    case VIR_STORAGE_POOL_BUILDING:
        return "building";
    case VIR_STORAGE_POOL_RUNNING:
        return "running";
    case VIR_STORAGE_POOL_DEGRADED:
        return "degraded";
    case VIR_STORAGE_POOL_INACCESSIBLE:
        return "inaccessible";
    }
    return "unknown";
}

static const char *
virtshVolTypeToString(int type)
{
    switch (type) {
    case VIR_STORAGE_VOL_FILE:
        return "file";
    case VIR_STORAGE_VOL_BLOCK:
        return "block";
    case VIR_STORAGE_VOL_DIR:
        return "dir";
    case VIR_STORAGE_VOL_NETWORK:
        return "network";
    case VIR_STORAGE_VOL_NETDIR:
        return "netdir";
    case VIR_STORAGE_VOL_PLOOP:
        return "ploop";
    }
    return "unknown";
}


/* ---- lookup ---------------------------------------------------------- */

/* The pool option optname names: by UUID when it has a UUID's length,
 * then by name. */
static virStoragePoolPtr
virtshCommandOptPoolBy(virtshControl *ctl, const virtshCmd *cmd, const char *optname,
                       const char **name, unsigned int flags)
{
    virStoragePoolPtr pool = NULL;
    const char *n = NULL;

    if (virtshOptString(ctl, cmd, optname, &n) <= 0)
        return NULL;
    virtshDebug(ctl, VIRTSH_DEBUG_INFO, "%s: found option <%s>: %s\n", cmd->def->name,
                optname, n);
    if (name)
        *name = n;
    if ((flags & VIRTSH_BYUUID) && strlen(n) == VIR_UUID_STRING_BUFLEN - 1) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <%s> trying as pool UUID\n",
                    cmd->def->name, optname);
        pool = virStoragePoolLookupByUUIDString(ctl->conn, n);
    }
    if (!pool && (flags & VIRTSH_BYNAME)) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <%s> trying as pool NAME\n",
                    cmd->def->name, optname);
        pool = virStoragePoolLookupByName(ctl->conn, n);
    }
    if (!pool)
        virtshError(ctl, "failed to get pool '%s'", n);
    return pool;
}

#define virtshCommandOptPool(ctl, cmd, name) \
    virtshCommandOptPoolBy(ctl, cmd, "pool", name, VIRTSH_BYUUID | VIRTSH_BYNAME)

/* The volume --vol names: by name in --pool (when the command has and got
 * one), else by key, then by path (BYUUID stands for key and path). */
static virStorageVolPtr
virtshCommandOptVolBy(virtshControl *ctl, const virtshCmd *cmd, const char *optname,
                      const char *pooloptname, const char **name, unsigned int flags)
{
    g_autoptr(virtshPool) pool = NULL;
    g_autoptr(virtshPool) volpool = NULL;
    virStorageVolPtr vol = NULL;
    const char *n = NULL;
    const char *p = NULL;

    if (virtshOptString(ctl, cmd, optname, &n) <= 0)
        return NULL;
    if (pooloptname && virtshOptString(ctl, cmd, pooloptname, &p) < 0)
        return NULL;
    if (p) {
        if (!(pool = virtshCommandOptPoolBy(ctl, cmd, pooloptname, NULL, flags)))
            return NULL;
        if (virStoragePoolIsActive(pool) != 1) {
            virtshError(ctl, "pool '%s' is not active", p);
            return NULL;
        }
    }
    if (name)
        *name = n;

    if (pool && (flags & VIRTSH_BYNAME)) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <%s> trying as vol name\n",
                    cmd->def->name, optname);
        vol = virStorageVolLookupByName(pool, n);
    }
    if (!vol && (flags & VIRTSH_BYUUID)) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <%s> trying as vol key\n",
                    cmd->def->name, optname);
        vol = virStorageVolLookupByKey(ctl->conn, n);
    }
    if (!vol && (flags & VIRTSH_BYUUID)) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: <%s> trying as vol path\n",
                    cmd->def->name, optname);
        vol = virStorageVolLookupByPath(ctl->conn, n);
    }
    if (!vol) {
        if (pool || !pooloptname)
            virtshError(ctl, "failed to get vol '%s'", n);
        else
            virtshError(ctl, "failed to get vol '%s', specifying --%s might help", n,
                        pooloptname);
        return NULL;
    }
    virtshResetLibvirtError(ctl);

    /* A volume found by key or path must still be in the pool asked for. */
    if (pool) {
        if (!(volpool = virStoragePoolLookupByVolume(vol))) {
            virtshError(ctl, "%s", "failed to get parent pool");
            virStorageVolFree(vol);
            return NULL;
        }
        if (strcmp(virStoragePoolGetName(volpool), virStoragePoolGetName(pool)) != 0) {
            virtshResetLibvirtError(ctl);
            virtshError(ctl, "Requested volume '%s' is not in pool '%s'", n,
                        virStoragePoolGetName(pool));
            virStorageVolFree(vol);
            return NULL;
        }
    }
    return vol;
}

#define virtshCommandOptVol(ctl, cmd, name) \
    virtshCommandOptVolBy(ctl, cmd, "vol", "pool", name, VIRTSH_BYUUID | VIRTSH_BYNAME)


/* ---- pools: definition and life cycle ------------------------------- */

static bool
virtshPoolFromFile(virtshControl *ctl, const virtshCmd *cmd, bool define)
{
    g_autoptr(virtshPool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;

    if (virtshOptString(ctl, cmd, "file", &from) <= 0)
        return false;
    if (!(xml = virtshReadFile(ctl, from)))
        return false;
    pool = define ? virStoragePoolDefineXML(ctl->conn, xml, 0)
                  : virStoragePoolCreateXML(ctl->conn, xml, 0);
    if (!pool) {
        virtshError(ctl, "Failed to %s pool from %s", define ? "define" : "create", from);
        return false;
    }
    virtshPrintExtra(ctl, "Pool %s %s from %s\n", virStoragePoolGetName(pool),
                     define ? "defined" : "created", from);
    return true;
}

static bool
cmdPoolDefine(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshPoolFromFile(ctl, cmd, true);
}

static bool
cmdPoolCreate(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshPoolFromFile(ctl, cmd, false);
}

/* The XML pool-define-as and pool-create-as build from their options. */
static char *
virtshBuildPoolXML(virtshControl *ctl, const virtshCmd *cmd, const char **retname)
{
    const char *name = NULL, *type = NULL, *srcHost = NULL, *srcPath = NULL;
    const char *srcDev = NULL, *srcName = NULL, *srcFormat = NULL, *target = NULL;
    GString *buf;

    if (virtshOptString(ctl, cmd, "name", &name) <= 0 ||
        virtshOptString(ctl, cmd, "type", &type) <= 0 ||
        virtshOptString(ctl, cmd, "source-host", &srcHost) < 0 ||
        virtshOptString(ctl, cmd, "source-path", &srcPath) < 0 ||
        virtshOptString(ctl, cmd, "source-dev", &srcDev) < 0 ||
        virtshOptString(ctl, cmd, "source-name", &srcName) < 0 ||
        virtshOptString(ctl, cmd, "source-format", &srcFormat) < 0 ||
        virtshOptString(ctl, cmd, "target", &target) < 0)
        return NULL;

    buf = g_string_new(NULL);
    g_string_append_printf(buf, "<pool type='%s'>\n", type);
    g_string_append_printf(buf, "  <name>%s</name>\n", name);
    if (srcHost || srcPath || srcDev || srcFormat || srcName) {
        g_string_append(buf, "  <source>\n");
        if (srcHost)
            g_string_append_printf(buf, "    <host name='%s'/>\n", srcHost);
        if (srcPath)
            g_string_append_printf(buf, "    <dir path='%s'/>\n", srcPath);
        if (srcDev)
            g_string_append_printf(buf, "    <device path='%s'/>\n", srcDev);
        if (srcFormat)
            g_string_append_printf(buf, "    <format type='%s'/>\n", srcFormat);
        if (srcName)
            g_string_append_printf(buf, "    <name>%s</name>\n", srcName);
        g_string_append(buf, "  </source>\n");
    }
    if (target) {
        g_string_append(buf, "  <target>\n");
        g_string_append_printf(buf, "    <path>%s</path>\n", target);
        g_string_append(buf, "  </target>\n");
    }
    g_string_append(buf, "</pool>\n");
    *retname = name;
    return g_string_free(buf, FALSE);
}

static bool
virtshPoolFromArgs(virtshControl *ctl, const virtshCmd *cmd, bool define)
{
    g_autoptr(virtshPool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!define) {
        if (virtshOptBool(cmd, "build"))
            flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD;
        if (virtshOptBool(cmd, "overwrite"))
            flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE;
        if (virtshOptBool(cmd, "no-overwrite"))
            flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;
    }
    if (!(xml = virtshBuildPoolXML(ctl, cmd, &name)))
        return false;
    if (virtshOptBool(cmd, "print-xml")) {
        virtshPrint(ctl, "%s", xml);
        return true;
    }
    pool = define ? virStoragePoolDefineXML(ctl->conn, xml, 0)
                  : virStoragePoolCreateXML(ctl->conn, xml, flags);
    if (!pool) {
        virtshError(ctl, "Failed to %s pool %s", define ? "define" : "create", name);
        return false;
    }
    virtshPrintExtra(ctl, "Pool %s %s\n", name, define ? "defined" : "created");
    return true;
}

static bool
cmdPoolDefineAs(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshPoolFromArgs(ctl, cmd, true);
}

static bool
cmdPoolCreateAs(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshPoolFromArgs(ctl, cmd, false);
}

/* The commands doing one call on a pool: done is what the success
 * message says happened, verb what the failure says failed. */
static bool
virtshPoolAction(virtshControl *ctl, const virtshCmd *cmd, int (*call)(virStoragePoolPtr,
                                                                       unsigned int),
                 unsigned int flags, const char *done, const char *verb)
{
    g_autoptr(virtshPool) pool = NULL;
    const char *name = NULL;

    if (!(pool = virtshCommandOptPool(ctl, cmd, &name)))
        return false;
    if (call(pool, flags) < 0) {
        virtshError(ctl, "Failed to %s pool %s", verb, name);
        return false;
    }
    virtshPrintExtra(ctl, "Pool %s %s\n", name, done);
    return true;
}

static int
virtshPoolDestroyCall(virStoragePoolPtr pool, unsigned int flags)
{
    return virStoragePoolDestroy(pool);
}

static int
virtshPoolUndefineCall(virStoragePoolPtr pool, unsigned int flags)
{
    return virStoragePoolUndefine(pool);
}

static bool
cmdPoolBuild(virtshControl *ctl, const virtshCmd *cmd)
{
    unsigned int flags = 0;

    if (virtshOptBool(cmd, "no-overwrite"))
        flags |= VIR_STORAGE_POOL_BUILD_NO_OVERWRITE;
    if (virtshOptBool(cmd, "overwrite"))
        flags |= VIR_STORAGE_POOL_BUILD_OVERWRITE;
    return virtshPoolAction(ctl, cmd, virStoragePoolBuild, flags, "built", "build");
}

static bool
cmdPoolStart(virtshControl *ctl, const virtshCmd *cmd)
{
    unsigned int flags = 0;

    if (virtshOptBool(cmd, "build"))
        flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD;
    if (virtshOptBool(cmd, "overwrite"))
        flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE;
    if (virtshOptBool(cmd, "no-overwrite"))
        flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;
    return virtshPoolAction(ctl, cmd, virStoragePoolCreate, flags, "started", "start");
}

static bool
cmdPoolDestroy(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshPoolAction(ctl, cmd, virtshPoolDestroyCall, 0, "destroyed", "destroy");
}

static bool
cmdPoolDelete(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshPoolAction(ctl, cmd, virStoragePoolDelete, 0, "deleted", "delete");
}

static bool
cmdPoolRefresh(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshPoolAction(ctl, cmd, virStoragePoolRefresh, 0, "refreshed", "refresh");
}

static bool
cmdPoolUndefine(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshPoolAction(ctl, cmd, virtshPoolUndefineCall, 0, "has been undefined",
                            "undefine");
}

static bool
cmdPoolAutostart(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshPool) pool = NULL;
    const char *name = NULL;
    int autostart = !virtshOptBool(cmd, "disable");

    if (!(pool = virtshCommandOptPool(ctl, cmd, &name)))
        return false;
    if (virStoragePoolSetAutostart(pool, autostart) < 0) {
        virtshError(ctl, autostart ? "failed to mark pool %s as autostarted"
                                   : "failed to unmark pool %s as autostarted", name);
        return false;
    }
    virtshPrintExtra(ctl, autostart ? "Pool %s marked as autostarted\n"
                                    : "Pool %s unmarked as autostarted\n", name);
    return true;
}


/* ---- pools: properties ----------------------------------------------- */

static bool
cmdPoolDumpxml(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshPool) pool = NULL;
    g_autofree char *xml = NULL;

    if (!(pool = virtshCommandOptPool(ctl, cmd, NULL)))
        return false;
    if (!(xml = virStoragePoolGetXMLDesc(pool, virtshOptBool(cmd, "inactive") ?
                                         VIR_STORAGE_XML_INACTIVE : 0)))
        return false;
    virtshPrint(ctl, "%s", xml);
    return true;
}

static bool
cmdPoolInfo(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshPool) pool = NULL;
    virStoragePoolInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool bytes = virtshOptBool(cmd, "bytes");
    int autostart = 0;
    int persistent;

    if (!(pool = virtshCommandOptPool(ctl, cmd, NULL)))
        return false;

    virtshPrint(ctl, "%-15s %s\n", "Name:", virStoragePoolGetName(pool));
    if (virStoragePoolGetUUIDString(pool, uuid) == 0)
        virtshPrint(ctl, "%-15s %s\n", "UUID:", uuid);
    if (virStoragePoolGetInfo(pool, &info) < 0)
        return false;

    virtshPrint(ctl, "%-15s %s\n", "State:", virtshPoolStateToString(info.state));
    persistent = virStoragePoolIsPersistent(pool);
    virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "Pool persistent flag value: %d\n", persistent);
    virtshPrint(ctl, "%-15s %s\n", "Persistent:",
                persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    if (virStoragePoolGetAutostart(pool, &autostart) < 0)
        virtshPrint(ctl, "%-15s %s\n", "Autostart:", "no autostart");
    else
        virtshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "yes" : "no");

    if (info.state == VIR_STORAGE_POOL_RUNNING || info.state == VIR_STORAGE_POOL_DEGRADED) {
        const char *const labels[] = { "Capacity:", "Allocation:", "Available:" };
        const unsigned long long values[] = { info.capacity, info.allocation, info.available };
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(labels); i++) {
            if (bytes) {
                virtshPrint(ctl, "%-15s %llu\n", labels[i], values[i]);
            } else {
                const char *unit;
                double val = virtshPrettyCapacity(values[i], &unit);

                virtshPrint(ctl, "%-15s %2.2lf %s\n", labels[i], val, unit);
            }
        }
    }
    virtshResetLibvirtError(ctl);
    return true;
}

static bool
cmdPoolName(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshPool) pool = NULL;

    if (!(pool = virtshCommandOptPoolBy(ctl, cmd, "pool", NULL, VIRTSH_BYUUID)))
        return false;
    virtshPrint(ctl, "%s\n", virStoragePoolGetName(pool));
    return true;
}

static bool
cmdPoolUuid(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshPool) pool = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(pool = virtshCommandOptPoolBy(ctl, cmd, "pool", NULL, VIRTSH_BYNAME)))
        return false;
    if (virStoragePoolGetUUIDString(pool, uuid) < 0) {
        virtshError(ctl, "%s", "failed to get pool UUID");
        return false;
    }
    virtshPrint(ctl, "%s\n", uuid);
    return true;
}

static bool
cmdPoolCapabilities(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autofree char *caps = NULL;

    if (!(caps = virConnectGetStoragePoolCapabilities(ctl->conn, 0))) {
        virtshError(ctl, "%s", "failed to get storage pool capabilities");
        return false;
    }
    virtshPrint(ctl, "%s\n", caps);
    return true;
}

static bool
cmdPoolDiscoverSources(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autofree char *srcSpec = NULL;
    g_autofree char *sources = NULL;
    const char *type = NULL;
    const char *srcSpecFile = NULL;

    if (virtshOptString(ctl, cmd, "type", &type) <= 0 ||
        virtshOptString(ctl, cmd, "srcSpec", &srcSpecFile) < 0)
        return false;
    if (srcSpecFile && !(srcSpec = virtshReadFile(ctl, srcSpecFile)))
        return false;
    if (!(sources = virConnectFindStoragePoolSources(ctl->conn, type, srcSpec, 0))) {
        virtshError(ctl, "Failed to find any %s pool sources", type);
        return false;
    }
    virtshPrint(ctl, "%s", sources);
    return true;
}


/* ---- pool-list ------------------------------------------------------- */

/* --type values, in libvirt's pool type order (VIR_CONNECT_LIST_STORAGE_POOLS_DIR
 * and on). */
static const char *const virtshPoolTypes[] = {
    "dir", "fs", "netfs", "logical", "disk", "iscsi", "scsi", "mpath", "rbd",
    "sheepdog", "gluster", "zfs", "vstorage", "iscsi-direct",
};

static int
virtshPoolSorter(const void *a, const void *b)
{
    virStoragePoolPtr pa = *(virStoragePoolPtr *)a;
    virStoragePoolPtr pb = *(virStoragePoolPtr *)b;

    if (pa && !pb)
        return -1;
    if (!pa)
        return pb != NULL;
    return g_ascii_strcasecmp(virStoragePoolGetName(pa), virStoragePoolGetName(pb));
}

static void
virtshPoolListFree(virStoragePoolPtr *pools, int n)
{
    int i;

    for (i = 0; i < n; i++)
        virStoragePoolFree(pools[i]);
    g_free(pools);
}

/* --type's comma list as list flags; false with an error printed. */
static bool
virtshPoolTypeFlags(virtshControl *ctl, const char *types, unsigned int *flags)
{
    g_auto(GStrv) list = g_strsplit(types, ",", -1);
    size_t i, j;

    for (i = 0; list[i]; i++) {
        for (j = 0; j < G_N_ELEMENTS(virtshPoolTypes); j++) {
            if (strcmp(list[i], virtshPoolTypes[j]) == 0)
                break;
        }
        if (j == G_N_ELEMENTS(virtshPoolTypes)) {
            virtshError(ctl, "Invalid pool type '%s'", list[i]);
            return false;
        }
        *flags |= VIR_CONNECT_LIST_STORAGE_POOLS_DIR << j;
    }
    return true;
}

static bool
cmdPoolList(virtshControl *ctl, const virtshCmd *cmd)
{
    static const char *const header[] = { "Name", "State", "Autostart", NULL };
    static const char *const headerDetails[] = {
        "Name", "State", "Autostart", "Persistent", "Capacity", "Allocation", "Available", NULL,
    };
    g_autoptr(virtshTable) table = NULL;
    virStoragePoolPtr *pools = NULL;
    bool details = virtshOptBool(cmd, "details");
    bool optName = virtshOptBool(cmd, "name");
    bool optUUID = virtshOptBool(cmd, "uuid");
    const char *type = NULL;
    unsigned int flags = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE;
    int npools;
    int i;

    if (virtshOptBool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (virtshOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE | VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (virtshOptBool(cmd, "persistent"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT;
    if (virtshOptBool(cmd, "transient"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT;
    if (virtshOptBool(cmd, "autostart"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART;
    if (virtshOptBool(cmd, "no-autostart"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART;
    if (virtshOptString(ctl, cmd, "type", &type) < 0 ||
        (type && !virtshPoolTypeFlags(ctl, type, &flags)))
        return false;
    if (!virtshOptExclusive(ctl, cmd, "details", "uuid") ||
        !virtshOptExclusive(ctl, cmd, "details", "name"))
        return false;

    if ((npools = virConnectListAllStoragePools(ctl->conn, &pools, flags)) < 0) {
        virtshError(ctl, "%s", "Failed to list pools");
        return false;
    }
    if (npools > 0)
        qsort(pools, npools, sizeof(*pools), virtshPoolSorter);

    if (optName || optUUID) {
        for (i = 0; i < npools; i++) {
            char uuid[VIR_UUID_STRING_BUFLEN] = "";

            if (optUUID) {
                virStoragePoolGetUUIDString(pools[i], uuid);
                virtshPrint(ctl, "%-36s%c", uuid, optName ? ' ' : '\n');
            }
            if (optName)
                virtshPrint(ctl, "%-20s\n", virStoragePoolGetName(pools[i]));
        }
        virtshPoolListFree(pools, npools);
        return true;
    }

    table = virtshTableNew(details ? headerDetails : header);
    for (i = 0; i < npools; i++) {
        g_autofree char *cap = NULL;
        g_autofree char *alloc = NULL;
        g_autofree char *avail = NULL;
        virStoragePoolInfo info;
        const char *state;
        const char *autostartStr;
        const char *persistentStr = "unknown";
        int autostart = 0;
        int persistent;

        if (virStoragePoolGetAutostart(pools[i], &autostart) < 0)
            autostartStr = "no autostart";
        else
            autostartStr = autostart ? "yes" : "no";
        if (details) {
            persistent = virStoragePoolIsPersistent(pools[i]);
            virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "Persistent flag value: %d\n", persistent);
            if (persistent >= 0)
                persistentStr = persistent ? "yes" : "no";
        }
        if (virStoragePoolGetInfo(pools[i], &info) < 0) {
            virtshError(ctl, "%s", "Could not retrieve pool information");
            state = "unknown";
            cap = g_strdup("unknown");
            alloc = g_strdup("unknown");
            avail = g_strdup("unknown");
        } else if (details) {
            state = virtshPoolStateToString(info.state);
            if (info.state == VIR_STORAGE_POOL_INACTIVE) {
                cap = g_strdup("-");
                alloc = g_strdup("-");
                avail = g_strdup("-");
            } else {
                cap = virtshPrettyCapacityStr(info.capacity);
                alloc = virtshPrettyCapacityStr(info.allocation);
                avail = virtshPrettyCapacityStr(info.available);
            }
        } else {
            state = virStoragePoolIsActive(pools[i]) > 0 ? "active" : "inactive";
        }

        if (details) {
            const char *const row[] = {
                virStoragePoolGetName(pools[i]), state, autostartStr, persistentStr,
                cap, alloc, avail,
            };
            virtshTableAppend(table, row);
        } else {
            const char *const row[] = { virStoragePoolGetName(pools[i]), state, autostartStr };

            virtshTableAppend(table, row);
        }
    }
    virtshTablePrint(ctl, table);
    virtshResetLibvirtError(ctl);
    virtshPoolListFree(pools, npools);
    return true;
}


/* ---- volumes: creation and removal ---------------------------------- */

static bool
cmdVolCreate(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshPool) pool = NULL;
    g_autoptr(virtshVol) vol = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;
    unsigned int flags = 0;

    if (virtshOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (virtshOptBool(cmd, "validate"))
        flags |= VIR_STORAGE_VOL_CREATE_VALIDATE;
    if (!(pool = virtshCommandOptPool(ctl, cmd, NULL)))
        return false;
    if (virtshOptString(ctl, cmd, "file", &from) <= 0)
        return false;
    if (!(xml = virtshReadFile(ctl, from)))
        return false;
    if (!(vol = virStorageVolCreateXML(pool, xml, flags))) {
        virtshError(ctl, "Failed to create vol from %s", from);
        return false;
    }
    virtshPrintExtra(ctl, "Vol %s created from %s\n", virStorageVolGetName(vol), from);
    return true;
}

/* vol-create-as: finds the backing volume by name in the pool, then by
 * key, then by path, and uses its path. */
static char *
virtshBackingVolPath(virtshControl *ctl, const virtshCmd *cmd, virStoragePoolPtr pool,
                     const char *snapshotStr)
{
    g_autoptr(virtshVol) snapVol = NULL;

    virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: Look up backing store volume '%s' as name\n",
                cmd->def->name, snapshotStr);
    if ((snapVol = virStorageVolLookupByName(pool, snapshotStr))) {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG,
                    "%s: Backing store volume found using '%s' as name\n",
                    cmd->def->name, snapshotStr);
    } else {
        virtshDebug(ctl, VIRTSH_DEBUG_DEBUG,
                    "%s: Look up backing store volume '%s' as key\n",
                    cmd->def->name, snapshotStr);
        if ((snapVol = virStorageVolLookupByKey(ctl->conn, snapshotStr))) {
            virtshDebug(ctl, VIRTSH_DEBUG_DEBUG,
                        "%s: Backing store volume found using '%s' as key\n",
                        cmd->def->name, snapshotStr);
        } else {
            virtshDebug(ctl, VIRTSH_DEBUG_DEBUG,
                        "%s: Look up backing store volume '%s' as path\n",
                        cmd->def->name, snapshotStr);
            if ((snapVol = virStorageVolLookupByPath(ctl->conn, snapshotStr)))
                virtshDebug(ctl, VIRTSH_DEBUG_DEBUG,
                            "%s: Backing store volume found using '%s' as path\n",
                            cmd->def->name, snapshotStr);
        }
    }
    if (!snapVol) {
        virtshError(ctl, "failed to get vol '%s'", snapshotStr);
        return NULL;
    }
    return virStorageVolGetPath(snapVol);
}

static bool
cmdVolCreateAs(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshPool) pool = NULL;
    g_autoptr(virtshVol) vol = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *snapshotPath = NULL;
    const char *name = NULL, *capacityStr = NULL, *allocationStr = NULL, *format = NULL;
    const char *snapshotStr = NULL, *snapshotFormat = NULL;
    unsigned long long capacity, allocation = 0;
    unsigned int flags = 0;
    GString *buf;

    if (virtshOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (!(pool = virtshCommandOptPool(ctl, cmd, NULL)))
        return false;
    if (virtshOptString(ctl, cmd, "name", &name) <= 0 ||
        virtshOptString(ctl, cmd, "capacity", &capacityStr) <= 0)
        return false;
    if (!virtshVolSize(ctl, capacityStr, &capacity))
        return false;
    if (virtshOptString(ctl, cmd, "allocation", &allocationStr) < 0)
        return false;
    if (allocationStr && !virtshVolSize(ctl, allocationStr, &allocation))
        return false;
    if (virtshOptString(ctl, cmd, "format", &format) < 0 ||
        virtshOptString(ctl, cmd, "backing-vol", &snapshotStr) < 0 ||
        virtshOptString(ctl, cmd, "backing-vol-format", &snapshotFormat) < 0)
        return false;
    if (snapshotStr && !(snapshotPath = virtshBackingVolPath(ctl, cmd, pool, snapshotStr)))
        return false;

    buf = g_string_new("<volume>\n");
    g_string_append_printf(buf, "  <name>%s</name>\n", name);
    g_string_append_printf(buf, "  <capacity>%llu</capacity>\n", capacity);
    if (allocationStr)
        g_string_append_printf(buf, "  <allocation>%llu</allocation>\n", allocation);
    if (format) {
        g_string_append(buf, "  <target>\n");
        g_string_append_printf(buf, "    <format type='%s'/>\n", format);
        g_string_append(buf, "  </target>\n");
    }
    if (snapshotPath) {
        g_string_append(buf, "  <backingStore>\n");
        g_string_append_printf(buf, "    <path>%s</path>\n", snapshotPath);
        if (snapshotFormat)
            g_string_append_printf(buf, "    <format type='%s'/>\n", snapshotFormat);
        g_string_append(buf, "  </backingStore>\n");
    }
    g_string_append(buf, "</volume>\n");
    xml = g_string_free(buf, FALSE);

    if (virtshOptBool(cmd, "print-xml")) {
        virtshPrint(ctl, "%s", xml);
        return true;
    }
    if (!(vol = virStorageVolCreateXML(pool, xml, flags))) {
        virtshError(ctl, "Failed to create vol %s", name);
        return false;
    }
    virtshPrintExtra(ctl, "Vol %s created\n", name);
    return true;
}

static bool
cmdVolCreateFrom(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshPool) pool = NULL;
    g_autoptr(virtshVol) inputvol = NULL;
    g_autoptr(virtshVol) newvol = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;
    unsigned int flags = 0;

    if (virtshOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (virtshOptBool(cmd, "reflink"))
        flags |= VIR_STORAGE_VOL_CREATE_REFLINK;
    if (virtshOptBool(cmd, "validate"))
        flags |= VIR_STORAGE_VOL_CREATE_VALIDATE;
    if (!(pool = virtshCommandOptPool(ctl, cmd, NULL)))
        return false;
    if (virtshOptString(ctl, cmd, "file", &from) <= 0)
        return false;
    if (!(inputvol = virtshCommandOptVolBy(ctl, cmd, "vol", "inputpool", NULL,
                                           VIRTSH_BYUUID | VIRTSH_BYNAME)))
        return false;
    if (!(xml = virtshReadFile(ctl, from)))
        return false;
    if (!(newvol = virStorageVolCreateXMLFrom(pool, xml, inputvol, flags))) {
        virtshError(ctl, "Failed to create vol from %s", from);
        return false;
    }
    virtshPrintExtra(ctl, "Vol %s created from input vol %s\n",
                     virStorageVolGetName(newvol), virStorageVolGetName(inputvol));
    return true;
}

/* The volume's XML with its <name> replaced. */
static char *
virtshVolRename(const char *xml, const char *name)
{
    const char *open = strstr(xml, "<name>");
    const char *close = open ? strstr(open, "</name>") : NULL;

    if (!open || !close)
        return NULL;
    return g_strdup_printf("%.*s<name>%s%s", (int)(open - xml), xml, name, close);
}

static bool
cmdVolClone(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshVol) origvol = NULL;
    g_autoptr(virtshVol) newvol = NULL;
    g_autoptr(virtshPool) origpool = NULL;
    g_autofree char *origxml = NULL;
    g_autofree char *newxml = NULL;
    const char *name = NULL;
    const char *newname = NULL;
    unsigned int flags = 0;

    if (!(origvol = virtshCommandOptVol(ctl, cmd, &name)))
        return false;
    if (virtshOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (virtshOptBool(cmd, "reflink"))
        flags |= VIR_STORAGE_VOL_CREATE_REFLINK;
    if (!(origpool = virStoragePoolLookupByVolume(origvol))) {
        virtshError(ctl, "%s", "failed to get parent pool");
        return false;
    }
    if (virtshOptString(ctl, cmd, "newname", &newname) <= 0)
        return false;
    if (!(origxml = virStorageVolGetXMLDesc(origvol, 0)))
        return false;
    if (!(newxml = virtshVolRename(origxml, newname))) {
        virtshError(ctl, "%s", "Failed to allocate XML buffer");
        return false;
    }
    if (virtshOptBool(cmd, "print-xml")) {
        virtshPrint(ctl, "%s", newxml);
        return true;
    }
    if (!(newvol = virStorageVolCreateXMLFrom(origpool, newxml, origvol, flags))) {
        virtshError(ctl, "Failed to clone vol from %s", virStorageVolGetName(origvol));
        return false;
    }
    virtshPrintExtra(ctl, "Vol %s cloned from %s\n", virStorageVolGetName(newvol),
                     virStorageVolGetName(origvol));
    return true;
}

static bool
cmdVolDelete(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshVol) vol = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!(vol = virtshCommandOptVol(ctl, cmd, &name)))
        return false;
    if (virtshOptBool(cmd, "delete-snapshots"))
        flags |= VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS;
    if (virStorageVolDelete(vol, flags) < 0) {
        virtshError(ctl, "Failed to delete vol %s", name);
        return false;
    }
    virtshPrintExtra(ctl, "Vol %s deleted\n", name);
    return true;
}

/* In libvirt's enum order: the index is the value. */
static const char *const virtshWipeAlgorithms[] = {
    "zero", "nnsa", "dod", "bsi", "gutmann", "schneier", "pfitzner7", "pfitzner33",
    "random", "trim",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshWipeAlgorithms) == VIR_STORAGE_VOL_WIPE_ALG_TRIM + 1);

static bool
cmdVolWipe(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshVol) vol = NULL;
    const char *name = NULL;
    const char *algorithmStr = NULL;
    int algorithm = VIR_STORAGE_VOL_WIPE_ALG_ZERO;
    int rc;

    if (!(vol = virtshCommandOptVol(ctl, cmd, &name)))
        return false;
    if (virtshOptString(ctl, cmd, "algorithm", &algorithmStr) < 0)
        return false;
    if (algorithmStr) {
        for (algorithm = 0; algorithm < (int)G_N_ELEMENTS(virtshWipeAlgorithms); algorithm++) {
            if (strcmp(algorithmStr, virtshWipeAlgorithms[algorithm]) == 0)
                break;
        }
        if (algorithm == (int)G_N_ELEMENTS(virtshWipeAlgorithms)) {
            virtshError(ctl, "Unsupported algorithm '%s'", algorithmStr);
            return false;
        }
    }
    if (algorithm == VIR_STORAGE_VOL_WIPE_ALG_ZERO)
        rc = virStorageVolWipe(vol, 0);
    else
        rc = virStorageVolWipePattern(vol, algorithm, 0);
    if (rc < 0) {
        virtshError(ctl, "Failed to wipe vol %s", name);
        return false;
    }
    virtshPrintExtra(ctl, "Vol %s wiped\n", name);
    return true;
}

static bool
cmdVolResize(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshVol) vol = NULL;
    const char *capacityStr = NULL;
    unsigned long long capacity = 0;
    unsigned int flags = 0;
    bool delta = virtshOptBool(cmd, "delta");

    if (virtshOptBool(cmd, "allocate"))
        flags |= VIR_STORAGE_VOL_RESIZE_ALLOCATE;
    if (delta)
        flags |= VIR_STORAGE_VOL_RESIZE_DELTA;
    if (virtshOptBool(cmd, "shrink"))
        flags |= VIR_STORAGE_VOL_RESIZE_SHRINK;
    if (!(vol = virtshCommandOptVol(ctl, cmd, NULL)))
        return false;
    if (virtshOptString(ctl, cmd, "capacity", &capacityStr) <= 0)
        return false;
    virtshDebug(ctl, VIRTSH_DEBUG_DEBUG, "%s: capacity: %s\n", cmd->def->name, capacityStr);
    if (*capacityStr == '-') {
        /* A negative size is a shrink by that much. */
        if (!(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
            virtshError(ctl, "%s", "negative size requires --shrink");
            return false;
        }
        flags |= VIR_STORAGE_VOL_RESIZE_DELTA;
        delta = true;
        capacityStr++;
    }
    if (!virtshVolSize(ctl, capacityStr, &capacity))
        return false;
    if (virStorageVolResize(vol, capacity, flags) < 0) {
        virtshError(ctl, delta ? "Failed to change size of volume '%s' by %s"
                               : "Failed to change size of volume '%s' to %s",
                    virStorageVolGetName(vol), capacityStr);
        return false;
    }
    virtshPrintExtra(ctl, delta ? "Size of volume '%s' successfully changed by %s\n"
                                : "Size of volume '%s' successfully changed to %s\n",
                     virStorageVolGetName(vol), capacityStr);
    return true;
}


/* ---- volumes: properties --------------------------------------------- */

static bool
cmdVolDumpxml(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshVol) vol = NULL;
    g_autofree char *xml = NULL;

    if (!(vol = virtshCommandOptVol(ctl, cmd, NULL)))
        return false;
    if (!(xml = virStorageVolGetXMLDesc(vol, 0)))
        return false;
    virtshPrint(ctl, "%s", xml);
    return true;
}

static bool
cmdVolInfo(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshVol) vol = NULL;
    virStorageVolInfo info;
    bool bytes = virtshOptBool(cmd, "bytes");
    bool physical = virtshOptBool(cmd, "physical");
    unsigned int flags = physical ? VIR_STORAGE_VOL_GET_PHYSICAL : 0;
    int rc;

    if (!(vol = virtshCommandOptVol(ctl, cmd, NULL)))
        return false;
    virtshPrint(ctl, "%-15s %s\n", "Name:", virStorageVolGetName(vol));
    rc = flags ? virStorageVolGetInfoFlags(vol, &info, flags) : virStorageVolGetInfo(vol, &info);
    if (rc < 0)
        return false;
    virtshPrint(ctl, "%-15s %s\n", "Type:", virtshVolTypeToString(info.type));
    if (bytes) {
        virtshPrint(ctl, "%-15s %llu %s\n", "Capacity:", info.capacity, "bytes");
        virtshPrint(ctl, "%-15s %llu %s\n", physical ? "Physical:" : "Allocation:",
                    info.allocation, "bytes");
    } else {
        const char *unit;
        double val = virtshPrettyCapacity(info.capacity, &unit);

        virtshPrint(ctl, "%-15s %2.2lf %s\n", "Capacity:", val, unit);
        val = virtshPrettyCapacity(info.allocation, &unit);
        virtshPrint(ctl, "%-15s %2.2lf %s\n", physical ? "Physical:" : "Allocation:", val,
                    unit);
    }
    return true;
}

static bool
cmdVolPath(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshVol) vol = NULL;
    g_autofree char *path = NULL;

    if (!(vol = virtshCommandOptVol(ctl, cmd, NULL)))
        return false;
    if (!(path = virStorageVolGetPath(vol)))
        return false;
    virtshPrint(ctl, "%s\n", path);
    return true;
}

static bool
cmdVolKey(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshVol) vol = NULL;

    if (!(vol = virtshCommandOptVol(ctl, cmd, NULL)))
        return false;
    virtshPrint(ctl, "%s\n", virStorageVolGetKey(vol));
    return true;
}

static bool
cmdVolName(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshVol) vol = NULL;

    if (!(vol = virtshCommandOptVolBy(ctl, cmd, "vol", NULL, NULL, VIRTSH_BYUUID)))
        return false;
    virtshPrint(ctl, "%s\n", virStorageVolGetName(vol));
    return true;
}

static bool
cmdVolPool(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autoptr(virtshVol) vol = NULL;
    g_autoptr(virtshPool) pool = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(vol = virtshCommandOptVolBy(ctl, cmd, "vol", NULL, NULL, VIRTSH_BYUUID)))
        return false;
    if (!(pool = virStoragePoolLookupByVolume(vol))) {
        virtshError(ctl, "%s", "failed to get parent pool");
        return false;
    }
    if (virtshOptBool(cmd, "uuid")) {
        if (virStoragePoolGetUUIDString(pool, uuid) == 0)
            virtshPrint(ctl, "%s\n", uuid);
    } else {
        virtshPrint(ctl, "%s\n", virStoragePoolGetName(pool));
    }
    return true;
}

static int
virtshVolSorter(const void *a, const void *b)
{
    virStorageVolPtr va = *(virStorageVolPtr *)a;
    virStorageVolPtr vb = *(virStorageVolPtr *)b;

    if (va && !vb)
        return -1;
    if (!va)
        return vb != NULL;
    return g_ascii_strcasecmp(virStorageVolGetName(va), virStorageVolGetName(vb));
}

static bool
cmdVolList(virtshControl *ctl, const virtshCmd *cmd)
{
    static const char *const header[] = { "Name", "Path", NULL };
    static const char *const headerDetails[] = {
        "Name", "Path", "Type", "Capacity", "Allocation", NULL,
    };
    g_autoptr(virtshPool) pool = NULL;
    g_autoptr(virtshTable) table = NULL;
    virStorageVolPtr *vols = NULL;
    bool details = virtshOptBool(cmd, "details");
    int nvols;
    int i;

    if (!(pool = virtshCommandOptPool(ctl, cmd, NULL)))
        return false;
    if ((nvols = virStoragePoolListAllVolumes(pool, &vols, 0)) < 0) {
        virtshError(ctl, "%s", "Failed to list volumes");
        return false;
    }
    if (nvols > 0)
        qsort(vols, nvols, sizeof(*vols), virtshVolSorter);

    table = virtshTableNew(details ? headerDetails : header);
    for (i = 0; i < nvols; i++) {
        g_autofree char *path = virStorageVolGetPath(vols[i]);
        const char *name = virStorageVolGetName(vols[i]);

        if (details) {
            g_autofree char *cap = NULL;
            g_autofree char *alloc = NULL;
            virStorageVolInfo info;
            const char *type = "unknown";

            if (virStorageVolGetInfo(vols[i], &info) == 0) {
                type = virtshVolTypeToString(info.type);
                cap = virtshPrettyCapacityStr(info.capacity);
                alloc = virtshPrettyCapacityStr(info.allocation);
            } else {
                cap = g_strdup("unknown");
                alloc = g_strdup("unknown");
            }
            {
                const char *const row[] = { name, path ? path : "unknown", type, cap, alloc };

                virtshTableAppend(table, row);
            }
        } else {
            const char *const row[] = { name, path ? path : "unknown" };

            virtshTableAppend(table, row);
        }
    }
    virtshTablePrint(ctl, table);
    virtshResetLibvirtError(ctl);
    for (i = 0; i < nvols; i++)
        virStorageVolFree(vols[i]);
    g_free(vols);
    return true;
}


/* ---- volumes: transfers ---------------------------------------------- */

typedef struct {
    int fd;
    bool isBlock;
} virtshStreamData;

static int
virtshStreamSource(virStreamPtr st, char *bytes, size_t nbytes, void *opaque)
{
    virtshStreamData *data = opaque;
    ssize_t n;

    do {
        n = read(data->fd, bytes, nbytes);
    } while (n < 0 && errno == EINTR);
    return n;
}

static int
virtshStreamSink(virStreamPtr st, const char *bytes, size_t nbytes, void *opaque)
{
    virtshStreamData *data = opaque;
    size_t done = 0;

    while (done < nbytes) {
        ssize_t n = write(data->fd, bytes + done, nbytes - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        done += n;
    }
    return nbytes;
}

/* Sparse upload: the file's data and holes in turn (SEEK_DATA/SEEK_HOLE),
 * holes sent as holes. */
static int
virtshSparseUpload(virStreamPtr st, virtshStreamData *data)
{
    g_autofree char *buf = g_malloc(256 * 1024);
    off_t cur = lseek(data->fd, 0, SEEK_CUR);
    off_t end = lseek(data->fd, 0, SEEK_END);

    if (cur < 0 || end < 0)
        return -1;
    while (cur < end) {
        off_t dataStart = lseek(data->fd, cur, SEEK_DATA);
        off_t dataEnd;

        if (dataStart < 0 && errno == ENXIO)
            dataStart = end;     /* a hole up to the end */
        else if (dataStart < 0)
            return -1;
        if (dataStart > cur) {
            if (virStreamSendHole(st, dataStart - cur, 0) < 0)
                return -1;
            cur = dataStart;
            continue;
        }
        if ((dataEnd = lseek(data->fd, cur, SEEK_HOLE)) < 0)
            return -1;
        if (lseek(data->fd, cur, SEEK_SET) < 0)
            return -1;
        while (cur < dataEnd) {
            ssize_t n = read(data->fd, buf, MIN((off_t)(256 * 1024), dataEnd - cur));

            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return -1;
            if (virStreamSend(st, buf, n) < 0)
                return -1;
            cur += n;
        }
    }
    return 0;
}

/* Sparse download: data is written, holes become seeks (and a final
 * ftruncate keeps a trailing hole). */
static int
virtshSparseDownload(virStreamPtr st, virtshStreamData *data)
{
    g_autofree char *buf = g_malloc(256 * 1024);

    for (;;) {
        int n = virStreamRecvFlags(st, buf, 256 * 1024, VIR_STREAM_RECV_STOP_AT_HOLE);

        if (n == -3) {
            long long length = 0;
            off_t pos;

            if (virStreamRecvHole(st, &length, 0) < 0)
                return -1;
            if (data->isBlock) {
                /* A block device keeps what it had: write zeros. */
                memset(buf, 0, 256 * 1024);
                while (length > 0) {
                    int chunk = MIN(length, 256 * 1024);

                    if (virtshStreamSink(st, buf, chunk, data) < 0)
                        return -1;
                    length -= chunk;
                }
                continue;
            }
            if ((pos = lseek(data->fd, length, SEEK_CUR)) < 0 ||
                ftruncate(data->fd, pos) < 0)
                return -1;
            continue;
        }
        if (n < 0)
            return -1;
        if (n == 0)
            return 0;
        if (virtshStreamSink(st, buf, n, data) < 0)
            return -1;
    }
}

static bool
virtshVolTransfer(virtshControl *ctl, const virtshCmd *cmd, bool upload)
{
    g_autoptr(virtshVol) vol = NULL;
    g_autoptr(virtshStream) st = NULL;
    virtshStreamData data = { .fd = -1 };
    const char *file = NULL;
    const char *name = NULL;
    unsigned long long offset = 0, length = 0;
    const char *offsetStr = NULL, *lengthStr = NULL;
    bool sparse = virtshOptBool(cmd, "sparse");
    unsigned int flags = 0;
    bool created = false;
    bool ret = false;
    struct stat sb;
    int rc;

    if (virtshOptString(ctl, cmd, "offset", &offsetStr) < 0 ||
        virtshOptString(ctl, cmd, "length", &lengthStr) < 0)
        return false;
    if (offsetStr && virtshParseScaled(offsetStr, &offset) < 0) {
        virtshError(ctl, "Scaled numeric value '%s' for <--offset> option is malformed or out of range",
                    offsetStr);
        return false;
    }
    if (lengthStr && virtshParseScaled(lengthStr, &length) < 0) {
        virtshError(ctl, "Scaled numeric value '%s' for <--length> option is malformed or out of range",
                    lengthStr);
        return false;
    }
    if (!(vol = virtshCommandOptVol(ctl, cmd, &name)))
        return false;
    if (virtshOptString(ctl, cmd, "file", &file) <= 0)
        return false;

    if (upload) {
        if ((data.fd = open(file, O_RDONLY | O_CLOEXEC)) < 0) {
            virtshError(ctl, "cannot read %s", file);
            return false;
        }
    } else {
        if ((data.fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0) {
            if (errno != EEXIST ||
                (data.fd = open(file, O_WRONLY | O_TRUNC | O_CLOEXEC, 0666)) < 0) {
                virtshError(ctl, "cannot create %s", file);
                return false;
            }
        } else {
            created = true;
        }
    }
    if (fstat(data.fd, &sb) < 0) {
        virtshError(ctl, "unable to stat %s", file);
        goto cleanup;
    }
    data.isBlock = S_ISBLK(sb.st_mode);
    if (sparse)
        flags |= upload ? VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM
                        : VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM;

    if (!(st = virStreamNew(ctl->conn, 0))) {
        virtshError(ctl, "%s", "cannot create a new stream");
        goto cleanup;
    }
    if (upload) {
        if (virStorageVolUpload(vol, st, offset, length, flags) < 0) {
            virtshError(ctl, "cannot upload to volume %s", name);
            goto cleanup;
        }
        rc = sparse ? virtshSparseUpload(st, &data)
                    : virStreamSendAll(st, virtshStreamSource, &data);
        if (rc < 0) {
            virtshError(ctl, "cannot send data to volume %s", name);
            virStreamAbort(st);
            goto cleanup;
        }
    } else {
        if (virStorageVolDownload(vol, st, offset, length, flags) < 0) {
            virtshError(ctl, "cannot download from volume %s", name);
            goto cleanup;
        }
        rc = sparse ? virtshSparseDownload(st, &data)
                    : virStreamRecvAll(st, virtshStreamSink, &data);
        if (rc < 0) {
            virtshError(ctl, "cannot receive data from volume %s", name);
            virStreamAbort(st);
            goto cleanup;
        }
    }
    if (close(data.fd) < 0) {
        data.fd = -1;
        virtshError(ctl, "cannot close file %s", file);
        virStreamAbort(st);
        goto cleanup;
    }
    data.fd = -1;
    if (virStreamFinish(st) < 0) {
        virtshError(ctl, "cannot close volume %s", name);
        goto cleanup;
    }
    ret = true;

 cleanup:
    if (data.fd >= 0)
        close(data.fd);
    if (!ret && created)
        unlink(file);
    return ret;
}

static bool
cmdVolUpload(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshVolTransfer(ctl, cmd, true);
}

static bool
cmdVolDownload(virtshControl *ctl, const virtshCmd *cmd)
{
    return virtshVolTransfer(ctl, cmd, false);
}


/* ---- command tables -------------------------------------------------- */

#define VIRTSH_OPT_POOL(help) \
    { "pool", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE, help }
#define VIRTSH_OPT_POOL_NAMED \
    { "pool", VIRTSH_OT_STRING, VIRTSH_OFLAG_NAMED, VIRTSH_COMPLETE_NONE, "pool name or uuid" }
#define VIRTSH_OPT_VOL(help) \
    { "vol", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE, help }
#define VIRTSH_OPT_FLAG(name, help) \
    { name, VIRTSH_OT_BOOL, 0, VIRTSH_COMPLETE_NONE, help }
#define VIRTSH_OPT_STR(name, help) \
    { name, VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NONE, help }
#define VIRTSH_OPT_NAMED(name, help) \
    { name, VIRTSH_OT_STRING, VIRTSH_OFLAG_NAMED, VIRTSH_COMPLETE_NONE, help }
#define VIRTSH_OPT_FILE(help) \
    { "file", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_FILE, help }

static const virtshOptDef virtshOptsPoolOnly[] = {
    VIRTSH_OPT_POOL("pool name or uuid"),
    { NULL }
};

static const virtshOptDef virtshOptsPoolFile[] = {
    VIRTSH_OPT_FILE("file containing an XML pool description"),
    { NULL }
};

static const virtshOptDef virtshOptsPoolAutostart[] = {
    VIRTSH_OPT_POOL("pool name or uuid"),
    VIRTSH_OPT_FLAG("disable", "disable autostarting"),
    { NULL }
};

static const virtshOptDef virtshOptsPoolBuild[] = {
    VIRTSH_OPT_POOL("pool name or uuid"),
    VIRTSH_OPT_FLAG("no-overwrite", "do not overwrite any existing data"),
    VIRTSH_OPT_FLAG("overwrite", "overwrite any existing data"),
    { NULL }
};

static const virtshOptDef virtshOptsPoolStart[] = {
    VIRTSH_OPT_POOL("name or uuid of the inactive pool"),
    VIRTSH_OPT_FLAG("build", "build the pool as normal"),
    VIRTSH_OPT_FLAG("overwrite", "build the pool without overwriting existing data"),
    VIRTSH_OPT_FLAG("no-overwrite", "build the pool, overwriting any existing data"),
    { NULL }
};

#define VIRTSH_OPTS_POOL_X_AS \
    { "name", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE, "name of the pool" }, \
    VIRTSH_OPT_FLAG("print-xml", "print XML document, but don't define/create"), \
    { "type", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE, "type of the pool" }, \
    VIRTSH_OPT_STR("source-host", "source-host for underlying storage"), \
    VIRTSH_OPT_STR("source-path", "source path for underlying storage"), \
    VIRTSH_OPT_STR("source-dev", "source device for underlying storage"), \
    VIRTSH_OPT_STR("source-name", "source name for underlying storage"), \
    VIRTSH_OPT_STR("target", "target for underlying storage"), \
    VIRTSH_OPT_NAMED("source-format", "format for underlying storage")

static const virtshOptDef virtshOptsPoolDefineAs[] = {
    VIRTSH_OPTS_POOL_X_AS,
    { NULL }
};

static const virtshOptDef virtshOptsPoolCreateAs[] = {
    VIRTSH_OPTS_POOL_X_AS,
    VIRTSH_OPT_FLAG("build", "build the pool as normal"),
    VIRTSH_OPT_FLAG("overwrite", "build the pool without overwriting existing data"),
    VIRTSH_OPT_FLAG("no-overwrite", "build the pool, overwriting any existing data"),
    { NULL }
};

static const virtshOptDef virtshOptsPoolDumpxml[] = {
    VIRTSH_OPT_POOL("pool name or uuid"),
    VIRTSH_OPT_FLAG("inactive", "show inactive defined XML"),
    { NULL }
};

static const virtshOptDef virtshOptsPoolInfo[] = {
    VIRTSH_OPT_POOL("pool name or uuid"),
    VIRTSH_OPT_FLAG("bytes", "Return pool info in bytes"),
    { NULL }
};

static const virtshOptDef virtshOptsPoolList[] = {
    VIRTSH_OPT_FLAG("inactive", "list inactive pools"),
    VIRTSH_OPT_FLAG("all", "list inactive & active pools"),
    VIRTSH_OPT_FLAG("transient", "list transient pools"),
    VIRTSH_OPT_FLAG("persistent", "list persistent pools"),
    VIRTSH_OPT_FLAG("autostart", "list pools with autostart enabled"),
    VIRTSH_OPT_FLAG("no-autostart", "list pools with autostart disabled"),
    VIRTSH_OPT_NAMED("type", "only list pool of specified type(s) (if supported)"),
    VIRTSH_OPT_FLAG("details", "display extended details for pools"),
    VIRTSH_OPT_FLAG("uuid", "list UUID of active pools only"),
    VIRTSH_OPT_FLAG("name", "list name of active pools only"),
    { NULL }
};

static const virtshOptDef virtshOptsPoolSources[] = {
    { "type", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE,
      "type of storage pool sources to find" },
    { "srcSpec", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_FILE,
      "optional file of source xml to query for pools" },
    { NULL }
};

static const virtshOptDef virtshOptsPoolCapabilities[] = {
    { NULL }
};

static const virtshOptDef virtshOptsVolCreate[] = {
    VIRTSH_OPT_POOL("pool name"),
    VIRTSH_OPT_FILE("file containing an XML vol description"),
    VIRTSH_OPT_FLAG("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
    VIRTSH_OPT_FLAG("validate", "validate the XML against the schema"),
    { NULL }
};

static const virtshOptDef virtshOptsVolCreateAs[] = {
    VIRTSH_OPT_POOL("pool name"),
    { "name", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE, "name of the volume" },
    { "capacity", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE,
      "size of the vol, as scaled integer (default bytes)" },
    VIRTSH_OPT_NAMED("allocation", "initial allocation size, as scaled integer (default bytes)"),
    VIRTSH_OPT_NAMED("format", "file format type raw,bochs,qcow,qcow2,qed,vmdk"),
    VIRTSH_OPT_NAMED("backing-vol", "the backing volume if taking a snapshot"),
    VIRTSH_OPT_NAMED("backing-vol-format", "format of backing volume if taking a snapshot"),
    VIRTSH_OPT_FLAG("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
    VIRTSH_OPT_FLAG("print-xml", "print XML document, but don't define/create"),
    { NULL }
};

static const virtshOptDef virtshOptsVolCreateFrom[] = {
    VIRTSH_OPT_POOL("pool name or uuid"),
    VIRTSH_OPT_FILE("file containing an XML vol description"),
    VIRTSH_OPT_VOL("input vol name or key"),
    VIRTSH_OPT_NAMED("inputpool", "pool name or uuid of the input volume's pool"),
    VIRTSH_OPT_FLAG("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
    VIRTSH_OPT_FLAG("reflink", "use btrfs COW lightweight copy"),
    VIRTSH_OPT_FLAG("validate", "validate the XML against the schema"),
    { NULL }
};

static const virtshOptDef virtshOptsVolClone[] = {
    VIRTSH_OPT_VOL("vol name, key or path"),
    { "newname", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE, "clone name" },
    VIRTSH_OPT_POOL_NAMED,
    VIRTSH_OPT_FLAG("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
    VIRTSH_OPT_FLAG("reflink", "use btrfs COW lightweight copy"),
    VIRTSH_OPT_FLAG("print-xml", "print XML document rather than clone the volume"),
    { NULL }
};

static const virtshOptDef virtshOptsVolDelete[] = {
    VIRTSH_OPT_VOL("vol name, key or path"),
    VIRTSH_OPT_POOL_NAMED,
    VIRTSH_OPT_FLAG("delete-snapshots",
                    "delete snapshots associated with volume (must be supported by storage driver)"),
    { NULL }
};

static const virtshOptDef virtshOptsVolOnly[] = {
    VIRTSH_OPT_VOL("vol name, key or path"),
    VIRTSH_OPT_POOL_NAMED,
    { NULL }
};

static const virtshOptDef virtshOptsVolWipe[] = {
    VIRTSH_OPT_VOL("vol name, key or path"),
    VIRTSH_OPT_POOL_NAMED,
    VIRTSH_OPT_NAMED("algorithm", "perform selected wiping algorithm"),
    { NULL }
};

static const virtshOptDef virtshOptsVolResize[] = {
    VIRTSH_OPT_VOL("vol name, key or path"),
    { "capacity", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_NONE,
      "new capacity for the vol, as scaled integer (default bytes)" },
    VIRTSH_OPT_POOL_NAMED,
    VIRTSH_OPT_FLAG("allocate", "allocate the new capacity, rather than leaving it sparse"),
    VIRTSH_OPT_FLAG("delta", "use capacity as a delta to current size, rather than the new size"),
    VIRTSH_OPT_FLAG("shrink", "allow the resize to shrink the volume"),
    { NULL }
};

static const virtshOptDef virtshOptsVolInfo[] = {
    VIRTSH_OPT_VOL("vol name, key or path"),
    VIRTSH_OPT_POOL_NAMED,
    VIRTSH_OPT_FLAG("bytes", "sizes are represented in bytes rather than pretty units"),
    VIRTSH_OPT_FLAG("physical", "return the physical size of the volume in allocation field"),
    { NULL }
};

static const virtshOptDef virtshOptsVolList[] = {
    VIRTSH_OPT_POOL("pool name or uuid"),
    VIRTSH_OPT_FLAG("details", "display extended details for volumes"),
    { NULL }
};

static const virtshOptDef virtshOptsVolKeyOrPath[] = {
    VIRTSH_OPT_VOL("volume key or path"),
    { NULL }
};

static const virtshOptDef virtshOptsVolPool[] = {
    VIRTSH_OPT_VOL("volume key or path"),
    VIRTSH_OPT_FLAG("uuid", "return the pool uuid rather than pool name"),
    { NULL }
};

static const virtshOptDef virtshOptsVolUpload[] = {
    VIRTSH_OPT_VOL("vol name, key or path"),
    { "file", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_FILE, "file" },
    VIRTSH_OPT_POOL_NAMED,
    VIRTSH_OPT_NAMED("offset", "volume offset to upload to"),
    VIRTSH_OPT_NAMED("length", "amount of data to upload"),
    VIRTSH_OPT_FLAG("sparse", "preserve sparseness of volume"),
    { NULL }
};

static const virtshOptDef virtshOptsVolDownload[] = {
    VIRTSH_OPT_VOL("vol name, key or path"),
    { "file", VIRTSH_OT_STRING, VIRTSH_OFLAG_REQ, VIRTSH_COMPLETE_FILE, "file" },
    VIRTSH_OPT_POOL_NAMED,
    VIRTSH_OPT_NAMED("offset", "volume offset to download from"),
    VIRTSH_OPT_NAMED("length", "amount of data to download"),
    VIRTSH_OPT_FLAG("sparse", "preserve sparseness of volume"),
    { NULL }
};

/* In virsh's order. */
const virtshCmdDef virtshStoragePoolCmds[] = {
    { "find-storage-pool-sources", cmdPoolDiscoverSources, virtshOptsPoolSources,
      "discover potential storage pool sources",
      "Returns XML <sources> document.", 0 },
    { "pool-autostart", cmdPoolAutostart, virtshOptsPoolAutostart,
      "autostart a pool",
      "Configure a pool to be automatically started at boot.", 0 },
    { "pool-build", cmdPoolBuild, virtshOptsPoolBuild,
      "build a pool", "Build a given pool.", 0 },
    { "pool-create-as", cmdPoolCreateAs, virtshOptsPoolCreateAs,
      "create a pool from a set of args", "Create a pool.", 0 },
    { "pool-create", cmdPoolCreate, virtshOptsPoolFile,
      "create a pool from an XML file", "Create a pool.", 0 },
    { "pool-define-as", cmdPoolDefineAs, virtshOptsPoolDefineAs,
      "define a pool from a set of args", "Define a pool.", 0 },
    { "pool-define", cmdPoolDefine, virtshOptsPoolFile,
      "define an inactive persistent storage pool or modify an existing persistent one "
      "from an XML file",
      "Define or modify a persistent storage pool.", 0 },
    { "pool-delete", cmdPoolDelete, virtshOptsPoolOnly,
      "delete a pool", "Delete a given pool.", 0 },
    { "pool-destroy", cmdPoolDestroy, virtshOptsPoolOnly,
      "destroy (stop) a pool",
      "Forcefully stop a given pool. Raw data in the pool is untouched", 0 },
    { "pool-dumpxml", cmdPoolDumpxml, virtshOptsPoolDumpxml,
      "pool information in XML",
      "Output the pool information as an XML dump to stdout.", 0 },
    { "pool-info", cmdPoolInfo, virtshOptsPoolInfo,
      "storage pool information",
      "Returns basic information about the storage pool.", 0 },
    { "pool-list", cmdPoolList, virtshOptsPoolList,
      "list pools", "Returns list of pools.", 0 },
    { "pool-name", cmdPoolName, virtshOptsPoolOnly,
      "convert a pool UUID to pool name",
      "Prints the name of the pool with that UUID.", 0 },
    { "pool-refresh", cmdPoolRefresh, virtshOptsPoolOnly,
      "refresh a pool", "Refresh a given pool.", 0 },
    { "pool-start", cmdPoolStart, virtshOptsPoolStart,
      "start a (previously defined) inactive pool", "Start a pool.", 0 },
    { "pool-undefine", cmdPoolUndefine, virtshOptsPoolOnly,
      "undefine an inactive pool",
      "Undefine the configuration for an inactive pool.", 0 },
    { "pool-uuid", cmdPoolUuid, virtshOptsPoolOnly,
      "convert a pool name to pool UUID",
      "Prints the UUID of the pool with that name.", 0 },
    { "pool-capabilities", cmdPoolCapabilities, virtshOptsPoolCapabilities,
      "storage pool capabilities",
      "Returns capabilities of storage pool support.", 0 },
    { NULL }
};

const virtshCmdDef virtshStorageVolCmds[] = {
    { "vol-clone", cmdVolClone, virtshOptsVolClone,
      "clone a volume.",
      "Clone an existing volume within the parent pool.", 0 },
    { "vol-create-as", cmdVolCreateAs, virtshOptsVolCreateAs,
      "create a volume from a set of args", "Create a vol.", 0 },
    { "vol-create", cmdVolCreate, virtshOptsVolCreate,
      "create a vol from an XML file", "Create a vol.", 0 },
    { "vol-create-from", cmdVolCreateFrom, virtshOptsVolCreateFrom,
      "create a vol, using another volume as input",
      "Create a vol from an existing volume.", 0 },
    { "vol-delete", cmdVolDelete, virtshOptsVolDelete,
      "delete a vol", "Delete a given vol.", 0 },
    { "vol-download", cmdVolDownload, virtshOptsVolDownload,
      "download volume contents to a file",
      "Download volume contents to a file", 0 },
    { "vol-dumpxml", cmdVolDumpxml, virtshOptsVolOnly,
      "vol information in XML",
      "Output the vol information as an XML dump to stdout.", 0 },
    { "vol-info", cmdVolInfo, virtshOptsVolInfo,
      "storage vol information",
      "Returns basic information about the storage vol.", 0 },
    { "vol-key", cmdVolKey, virtshOptsVolOnly,
      "returns the volume key for a given volume name or path",
      "Prints the key of the volume.", 0 },
    { "vol-list", cmdVolList, virtshOptsVolList,
      "list vols", "Returns list of vols by pool.", 0 },
    { "vol-name", cmdVolName, virtshOptsVolKeyOrPath,
      "returns the volume name for a given volume key or path",
      "Prints the name of the volume.", 0 },
    { "vol-path", cmdVolPath, virtshOptsVolOnly,
      "returns the volume path for a given volume name or key",
      "Prints the path of the volume.", 0 },
    { "vol-pool", cmdVolPool, virtshOptsVolPool,
      "returns the storage pool for a given volume key or path",
      "Prints the name (or UUID) of the volume's pool.", 0 },
    { "vol-resize", cmdVolResize, virtshOptsVolResize,
      "resize a vol",
      "Resizes a storage volume. This is safe only for storage volumes not in use by an "
      "active guest. See blockresize for live resizing.", 0 },
    { "vol-upload", cmdVolUpload, virtshOptsVolUpload,
      "upload file contents to a volume",
      "Upload file contents to a volume", 0 },
    { "vol-wipe", cmdVolWipe, virtshOptsVolWipe,
      "wipe a vol",
      "Ensure data previously on a volume is not accessible to future reads", 0 },
    { NULL }
};
