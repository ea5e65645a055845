#include "snapshot_conf.h"

#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN_SNAPSHOT

VIR_LOG_INIT("conf.snapshot_conf");

VIR_ENUM_IMPL(virDomainSnapshotLocation, VIR_DOMAIN_SNAPSHOT_LOCATION_LAST,
              "default", "no", "internal", "external", "manual");

VIR_ENUM_IMPL(virDomainSnapshotState, VIR_DOMAIN_SNAPSHOT_STATE_LAST,
              "nostate", "running", "blocked", "paused", "shutdown", "shutoff",
              "crashed", "pmsuspended", "disk-snapshot");

virDomainSnapshotDef *
virDomainSnapshotDefNew(void)
{
    return g_new0(virDomainSnapshotDef, 1);
}

static void
virDomainSnapshotDiskDefClear(virDomainSnapshotDiskDef *disk)
{
    g_clear_pointer(&disk->name, g_free);
    g_clear_pointer(&disk->src, g_free);
}

void
virDomainSnapshotDefFree(virDomainSnapshotDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->description);
    g_free(def->parentName);
    g_free(def->memoryFile);
    for (i = 0; i < def->ndisks; i++)
        virDomainSnapshotDiskDefClear(&def->disks[i]);
    g_free(def->disks);
    virDomainDefFree(def->dom);
    virDomainDefFree(def->inactiveDom);
    g_free(def);
}

/* ---- parsing ---- */

static int
virDomainSnapshotDiskDefParse(xmlNodePtr node, virDomainSnapshotDiskDef *disk)
{
    g_autofree char *name = virXMLPropString(node, "name");
    xmlNodePtr cur;
    int v = 0;
    int rc;

    if (!name) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "missing name from disk snapshot element");
        return -1;
    }
    if ((rc = virXMLPropEnum(node, "snapshot", virDomainSnapshotLocationTypeFromString,
                             false, &v)) < 0)
        return -1;
    disk->snapshot = v;
    disk->type = VIR_DOMAIN_DISK_TYPE_FILE;
    v = 0;
    if ((rc = virXMLPropEnum(node, "type", virDomainDiskTypeFromString, true, &v)) < 0)
        return -1;
    if (rc > 0) {
        if (v != VIR_DOMAIN_DISK_TYPE_FILE && v != VIR_DOMAIN_DISK_TYPE_BLOCK &&
            v != VIR_DOMAIN_DISK_TYPE_NETWORK) {
            virReportError(VIR_ERR_XML_ERROR, "unsupported disk snapshot type '%s'",
                           virDomainDiskTypeToString(v));
            return -1;
        }
        disk->type = v;
    }

    if ((cur = virXMLChild(node, "source"))) {
        disk->src = virXMLPropString(cur, disk->type == VIR_DOMAIN_DISK_TYPE_BLOCK ? "dev" :
                                                                                  "file");
        if (disk->src && !*disk->src)
            g_clear_pointer(&disk->src, g_free);
    }
    if ((cur = virXMLChild(node, "driver"))) {
        g_autofree char *driver = virXMLPropString(cur, "type");

        if (driver && (v = virStorageFileFormatTypeFromString(driver)) <= 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown disk snapshot driver '%s'",
                           driver);
            return -1;
        }
        if (driver)
            disk->format = v;
    }
    if (disk->src && !g_path_is_absolute(disk->src)) {
        virReportError(VIR_ERR_XML_ERROR, "disk snapshot image path '%s' must be absolute",
                       disk->src);
        return -1;
    }
    if (disk->snapshot == VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT && (disk->src || disk->format))
        disk->snapshot = VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL;
    disk->name = g_steal_pointer(&name);
    return 0;
}

/* <domain> or <inactiveDomain>: the latter is parsed as a renamed copy. */
static virDomainDef *
virDomainSnapshotParseDomain(xmlDocPtr doc, xmlNodePtr node)
{
    g_autoptr(xmlDoc) copyDoc = NULL;
    xmlNodePtr copy;
    virDomainDef *def;

    if (xmlStrEqual(node->name, BAD_CAST "domain"))
        return virDomainDefParseNode(doc, node, VIR_DOMAIN_DEF_PARSE_INACTIVE);
    copyDoc = xmlNewDoc(BAD_CAST "1.0");
    copy = xmlDocCopyNode(node, copyDoc, 1);
    xmlDocSetRootElement(copyDoc, copy);
    xmlNodeSetName(copy, BAD_CAST "domain");
    def = virDomainDefParseNode(copyDoc, copy, VIR_DOMAIN_DEF_PARSE_INACTIVE);
    return def;
}

static char *
virDomainSnapshotChildText(xmlNodePtr node, const char *name)
{
    char *text = virXMLChildText(node, name);

    if (text && !*text)
        g_clear_pointer(&text, g_free);
    return text;
}

static int
virDomainSnapshotParseRedefine(xmlDocPtr doc, xmlNodePtr root, virDomainSnapshotDef *def)
{
    g_autofree char *creation = virDomainSnapshotChildText(root, "creationTime");
    g_autofree char *state = virDomainSnapshotChildText(root, "state");
    xmlNodePtr node;
    gint64 t;
    char *end = NULL;

    if (!creation || (t = g_ascii_strtoll(creation, &end, 10), !end || *end)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "missing creationTime from existing snapshot");
        return -1;
    }
    def->creationTime = t;
    if ((node = virXMLChild(root, "parent")))
        def->parentName = virDomainSnapshotChildText(node, "name");
    if (!state) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing state from existing snapshot");
        return -1;
    }
    if ((int)(def->state = virDomainSnapshotStateTypeFromString(state)) <= 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "Invalid state '%s' in domain snapshot XML",
                       state);
        return -1;
    }
    if ((node = virXMLChild(root, "domain"))) {
        g_autofree char *type = virXMLPropString(node, "type");

        if (type && !(def->dom = virDomainSnapshotParseDomain(doc, node)))
            return -1;
    }
    if ((node = virXMLChild(root, "inactiveDomain")) &&
        !(def->inactiveDom = virDomainSnapshotParseDomain(doc, node)))
        return -1;
    return 0;
}

static int
virDomainSnapshotParseMemory(xmlNodePtr root, virDomainSnapshotDef *def, bool offline,
                             unsigned int flags)
{
    xmlNodePtr node;
    int v = 0;

    if ((node = virXMLChild(root, "memory"))) {
        def->memoryFile = virXMLPropString(node, "file");
        if (virXMLPropEnum(node, "snapshot", virDomainSnapshotLocationTypeFromString,
                           false, &v) < 0)
            return -1;
        def->memory = v;
        if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_MANUAL) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           "'manual' memory snapshot mode not supported");
            return -1;
        }
    }
    if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT) {
        if (def->memoryFile)
            def->memory = VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL;
        else if (flags & VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE)
            def->memory = offline ? VIR_DOMAIN_SNAPSHOT_LOCATION_NO :
                                    VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL;
    }
    if (def->memoryFile && def->memory != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL) {
        virReportError(VIR_ERR_XML_ERROR, "memory filename '%s' requires external snapshot",
                       def->memoryFile);
        return -1;
    }
    if (!def->memoryFile && def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "external memory snapshots require a filename");
        return -1;
    }
    if (offline && def->memory != VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT &&
        def->memory != VIR_DOMAIN_SNAPSHOT_LOCATION_NO) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "memory state cannot be saved with offline or disk-only snapshot");
        return -1;
    }
    if (def->memoryFile && !g_path_is_absolute(def->memoryFile)) {
        virReportError(VIR_ERR_XML_ERROR, "memory snapshot file path (%s) must be absolute",
                       def->memoryFile);
        return -1;
    }
    return 0;
}

virDomainSnapshotDef *
virDomainSnapshotDefParseString(const char *xml, unsigned int flags, bool *current)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(virDomainSnapshotDef) def = virDomainSnapshotDefNew();
    xmlNodePtr root;
    xmlNodePtr node;
    xmlNodePtr cur;
    bool offline = !!(flags & VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE);
    size_t n = 0;

    if (!(doc = virXMLParseString(xml, "(domain_snapshot)", "domainsnapshot",
                                  VIR_FROM_DOMAIN_SNAPSHOT)))
        return NULL;
    root = xmlDocGetRootElement(doc);

    def->name = virDomainSnapshotChildText(root, "name");
    if (!def->name && (flags & VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE)) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "a redefined snapshot must have a name");
        return NULL;
    }
    def->description = virDomainSnapshotChildText(root, "description");

    if (flags & VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE) {
        if (virDomainSnapshotParseRedefine(doc, root, def) < 0)
            return NULL;
        offline = def->state == VIR_DOMAIN_SNAPSHOT_STATE_SHUTOFF ||
                  def->state == VIR_DOMAIN_SNAPSHOT_STATE_DISK_SNAPSHOT;
    }
    if (virDomainSnapshotParseMemory(root, def, offline, flags) < 0)
        return NULL;

    if ((node = virXMLChild(root, "disks"))) {
        for (cur = node->children; cur; cur = cur->next)
            n += cur->type == XML_ELEMENT_NODE;
        def->disks = g_new0(virDomainSnapshotDiskDef, MAX(n, 1));
        for (cur = node->children; cur; cur = cur->next) {
            if (cur->type != XML_ELEMENT_NODE)
                continue;
            if (virDomainSnapshotDiskDefParse(cur, &def->disks[def->ndisks++]) < 0)
                return NULL;
        }
    }

    if (flags & VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL) {
        g_autofree char *active = virDomainSnapshotChildText(root, "active");

        if (!active) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "Could not find 'active' element");
            return NULL;
        }
        if (current)
            *current = strcmp(active, "0") != 0;
    }
    return g_steal_pointer(&def);
}

/* ---- names and disks ---- */

void
virDomainSnapshotDefAssignName(virDomainSnapshotDef *def)
{
    if (!def->creationTime)
        def->creationTime = g_get_real_time() / G_USEC_PER_SEC;
    if (!def->name)
        def->name = g_strdup_printf("%lld", def->creationTime);
}

static int
virDomainSnapshotFindDomainDisk(const virDomainDef *dom, const char *name)
{
    size_t i;

    for (i = 0; i < dom->ndisks; i++) {
        if (g_strcmp0(dom->disks[i]->dst, name) == 0)
            return i;
    }
    for (i = 0; i < dom->ndisks; i++) {
        if (dom->disks[i]->src && g_strcmp0(dom->disks[i]->src, name) == 0)
            return i;
    }
    return -1;
}

static int
virDomainSnapshotAssignExternalNames(virDomainSnapshotDef *def, const virDomainDef *dom)
{
    size_t i;
    size_t j;

    for (i = 0; i < def->ndisks; i++) {
        virDomainSnapshotDiskDef *disk = &def->disks[i];
        const char *orig = dom->disks[i]->src;
        g_autofree char *base = NULL;
        char *dot;
        struct stat sb;

        if (disk->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL || disk->src)
            continue;
        if (disk->type != VIR_DOMAIN_DISK_TYPE_FILE) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "cannot generate external snapshot name for disk '%s' on a '%s' device",
                           disk->name, virDomainDiskTypeToString(disk->type));
            return -1;
        }
        if (!orig) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "cannot generate external snapshot name for disk '%s' without source",
                           disk->name);
            return -1;
        }
        if (stat(orig, &sb) < 0 || !S_ISREG(sb.st_mode)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "source for disk '%s' is not a regular file; refusing to generate external snapshot name",
                           disk->name);
            return -1;
        }
        base = g_strdup(orig);
        if ((dot = strrchr(base, '.')) && !strchr(dot, '/'))
            *dot = '\0';
        disk->src = g_strdup_printf("%s.%s", base, def->name);
        for (j = 0; j < i; j++) {
            if (g_strcmp0(disk->src, def->disks[j].src) == 0) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "cannot generate external snapshot name for disk '%s': collision with disk '%s'",
                               disk->name, def->disks[j].name);
                return -1;
            }
        }
    }
    return 0;
}

int
virDomainSnapshotAlignDisks(virDomainSnapshotDef *def, const virDomainDef *dom,
                            virDomainSnapshotLocation defaultLoc, bool requireUniform)
{
    g_autofree virDomainSnapshotDiskDef *aligned = NULL;
    g_autofree bool *given = NULL;
    size_t i;

    if (def->ndisks > dom->ndisks) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "too many disk snapshot requests for domain");
        return -1;
    }
    aligned = g_new0(virDomainSnapshotDiskDef, MAX(dom->ndisks, 1));
    given = g_new0(bool, MAX(dom->ndisks, 1));

    for (i = 0; i < def->ndisks; i++) {
        virDomainSnapshotDiskDef *disk = &def->disks[i];
        int idx = virDomainSnapshotFindDomainDisk(dom, disk->name);

        if (idx < 0) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "no disk named '%s'", disk->name);
            goto error;
        }
        if (given[idx]) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' specified twice", disk->name);
            goto error;
        }
        if (disk->snapshot == VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT) {
            disk->snapshot = defaultLoc;
        } else if (requireUniform && disk->snapshot != defaultLoc &&
                   disk->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_NO) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' must use snapshot mode '%s'",
                           disk->name, virDomainSnapshotLocationTypeToString(defaultLoc));
            goto error;
        }
        if (disk->src && disk->snapshot != VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "file '%s' for disk '%s' requires use of external snapshot mode",
                           disk->src, disk->name);
            goto error;
        }
        g_free(disk->name);
        disk->name = g_strdup(dom->disks[idx]->dst);
        aligned[idx] = *disk;
        memset(disk, 0, sizeof(*disk));
        given[idx] = true;
    }
    for (i = 0; i < dom->ndisks; i++) {
        if (given[i])
            continue;
        aligned[i].name = g_strdup(dom->disks[i]->dst);
        aligned[i].type = VIR_DOMAIN_DISK_TYPE_FILE;
        aligned[i].snapshot = dom->disks[i]->src || dom->disks[i]->srcPool ?
                              defaultLoc : VIR_DOMAIN_SNAPSHOT_LOCATION_NO;
    }
    g_free(def->disks);
    def->disks = g_steal_pointer(&aligned);
    def->ndisks = dom->ndisks;
    return virDomainSnapshotAssignExternalNames(def, dom);

 error:
    for (i = 0; i < dom->ndisks; i++)
        virDomainSnapshotDiskDefClear(&aligned[i]);
    return -1;
}

bool
virDomainSnapshotDefIsExternal(const virDomainSnapshotDef *def)
{
    size_t i;

    if (def->memory == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
        return true;
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i].snapshot == VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL)
            return true;
    }
    return false;
}

/* ---- formatting ---- */

static void
virDomainSnapshotDiskDefFormat(GString *buf, const virDomainSnapshotDiskDef *disk, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);
    g_autoptr(GString) sub = g_string_new(NULL);

    if (!disk->name)
        return;
    virXMLFormatAttr(attrs, "name", disk->name);
    if (disk->snapshot > 0)
        virXMLFormatAttr(attrs, "snapshot", virDomainSnapshotLocationTypeToString(disk->snapshot));
    if (disk->src || disk->format) {
        virXMLFormatAttr(attrs, "type", virDomainDiskTypeToString(disk->type));
        if (disk->format) {
            virXMLFormatAttr(sub, "type", virStorageFileFormatTypeToString(disk->format));
            virXMLFormatElement(children, indent + 2, "driver", sub, NULL);
        }
        if (disk->src) {
            g_string_set_size(sub, 0);
            virXMLFormatAttr(sub, disk->type == VIR_DOMAIN_DISK_TYPE_BLOCK ? "dev" : "file",
                             disk->src);
            virXMLFormatElement(children, indent + 2, "source", sub, NULL);
        }
    }
    virXMLFormatElement(buf, indent, "disk", attrs, children);
}

/* The domain under another root name (<inactiveDomain>). */
static void
virDomainSnapshotFormatDomain(GString *buf, const virDomainDef *dom, const char *root,
                              unsigned int flags)
{
    g_autoptr(GString) tmp = g_string_new(NULL);
    const char *body;
    const char *close;

    virDomainDefFormatBuf(tmp, dom, flags, 2);
    if (strcmp(root, "domain") == 0) {
        g_string_append_len(buf, tmp->str, tmp->len);
        return;
    }
    /* "  <domain" ... "  </domain>\n" */
    body = tmp->str + strlen("  <domain");
    close = g_strrstr(tmp->str, "</domain>");
    g_string_append_printf(buf, "  <%s", root);
    g_string_append_len(buf, body, close - body);
    g_string_append_printf(buf, "</%s>\n", root);
}

char *
virDomainSnapshotDefFormat(const virDomainSnapshotDef *def, unsigned int flags)
{
    GString *buf = g_string_new("<domainsnapshot>\n");
    unsigned int domFlags = VIR_DOMAIN_DEF_FORMAT_INACTIVE;
    size_t i;

    if (flags & VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE)
        domFlags |= VIR_DOMAIN_DEF_FORMAT_SECURE;

    virXMLFormatTextElement(buf, 2, "name", def->name);
    virXMLFormatTextElement(buf, 2, "description", def->description);
    if (def->state)
        virXMLFormatTextElement(buf, 2, "state", virDomainSnapshotStateTypeToString(def->state));
    if (def->parentName) {
        g_string_append(buf, "  <parent>\n");
        virXMLFormatTextElement(buf, 4, "name", def->parentName);
        g_string_append(buf, "  </parent>\n");
    }
    if (def->creationTime)
        g_string_append_printf(buf, "  <creationTime>%lld</creationTime>\n", def->creationTime);
    if (def->memory) {
        g_autoptr(GString) attrs = g_string_new(NULL);

        virXMLFormatAttr(attrs, "snapshot", virDomainSnapshotLocationTypeToString(def->memory));
        virXMLFormatAttr(attrs, "file", def->memoryFile);
        virXMLFormatElement(buf, 2, "memory", attrs, NULL);
    }
    if (def->ndisks) {
        g_string_append(buf, "  <disks>\n");
        for (i = 0; i < def->ndisks; i++)
            virDomainSnapshotDiskDefFormat(buf, &def->disks[i], 4);
        g_string_append(buf, "  </disks>\n");
    }
    if (def->dom)
        virDomainSnapshotFormatDomain(buf, def->dom, "domain", domFlags);
    if (def->inactiveDom)
        virDomainSnapshotFormatDomain(buf, def->inactiveDom, "inactiveDomain", domFlags);
    if (flags & VIR_DOMAIN_SNAPSHOT_FORMAT_INTERNAL)
        g_string_append_printf(buf, "  <active>%d</active>\n",
                               !!(flags & VIR_DOMAIN_SNAPSHOT_FORMAT_CURRENT));
    g_string_append(buf, "</domainsnapshot>\n");
    return g_string_free(buf, FALSE);
}
