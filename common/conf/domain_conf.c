#include "domain_priv.h"

#include <errno.h>
#include <string.h>

#include <libxml/tree.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_conf");

VIR_ENUM_IMPL(virDomainVirt, VIR_DOMAIN_VIRT_LAST,
              "qemu", "kvm");

VIR_ENUM_IMPL(virDomainLifecycleAction, VIR_DOMAIN_LIFECYCLE_ACTION_LAST,
              "destroy", "restart", "rename-restart", "preserve",
              "coredump-destroy", "coredump-restart");

VIR_ENUM_IMPL(virDomainVcpuPlacement, VIR_DOMAIN_VCPU_PLACEMENT_LAST,
              "static", "auto");

VIR_ENUM_IMPL(virDomainDevice, VIR_DOMAIN_DEVICE_LAST,
              "disk", "controller", "interface", "serial", "parallel", "console",
              "channel", "input", "tpm", "graphics", "sound", "video", "hostdev",
              "watchdog", "memballoon", "rng", "panic");

/* How one device family is parsed, formatted and stored: the <devices>
 * loop, the formatter, free and single-device parsing all walk this table
 * instead of knowing each family. */
typedef struct {
    virDomainDeviceType type;
    void *(*parse)(xmlNodePtr node, unsigned int flags);
    void (*format)(GString *buf, const void *dev, const virDomainDef *def,
                   unsigned int flags, int indent);
    void (*free)(void *dev);
    size_t listOffset;      /* the T ** array in virDomainDef (or the T * of a single device) */
    size_t countOffset;     /* its size_t count; 0 for a single device */
} virDomainDeviceFamily;

/* Typed callbacks wrapped to the table's generic signatures. */
#define VIR_DOMAIN_FAMILY_WRAP(name, type, parseFn, formatFn, freeFn) \
    static void *name ## Parse(xmlNodePtr node, unsigned int flags) \
    { \
        return parseFn(node, flags); \
    } \
    static void name ## Format(GString *buf, const void *dev, const virDomainDef *def, \
                               unsigned int flags, int indent) \
    { \
        formatFn(buf, (const type *)dev, def, flags, indent); \
    } \
    static void name ## Free(void *dev) \
    { \
        freeFn((type *)dev); \
    }

VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyDisk, virDomainDiskDef, virDomainDiskDefParseXML,
                       virDomainDiskDefFormat, virDomainDiskDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyController, virDomainControllerDef,
                       virDomainControllerDefParseXML, virDomainControllerDefFormat,
                       virDomainControllerDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyNet, virDomainNetDef, virDomainNetDefParseXML,
                       virDomainNetDefFormat, virDomainNetDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyChr, virDomainChrDef, virDomainChrDefParseXML,
                       virDomainChrDefFormat, virDomainChrDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyInput, virDomainInputDef, virDomainInputDefParseXML,
                       virDomainInputDefFormat, virDomainInputDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyGraphics, virDomainGraphicsDef,
                       virDomainGraphicsDefParseXML, virDomainGraphicsDefFormat,
                       virDomainGraphicsDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyVideo, virDomainVideoDef, virDomainVideoDefParseXML,
                       virDomainVideoDefFormat, virDomainVideoDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyMemballoon, virDomainMemballoonDef,
                       virDomainMemballoonDefParseXML, virDomainMemballoonDefFormat,
                       virDomainMemballoonDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyRNG, virDomainRNGDef, virDomainRNGDefParseXML,
                       virDomainRNGDefFormat, virDomainRNGDefFree)

VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyTPM, virDomainTPMDef, virDomainTPMDefParseXML,
                       virDomainTPMDefFormat, virDomainTPMDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilySound, virDomainSoundDef, virDomainSoundDefParseXML,
                       virDomainSoundDefFormat, virDomainSoundDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyHostdev, virDomainHostdevDef,
                       virDomainHostdevDefParseXML, virDomainHostdevDefFormat,
                       virDomainHostdevDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyWatchdog, virDomainWatchdogDef,
                       virDomainWatchdogDefParseXML, virDomainWatchdogDefFormat,
                       virDomainWatchdogDefFree)
VIR_DOMAIN_FAMILY_WRAP(virDomainFamilyPanic, virDomainPanicDef, virDomainPanicDefParseXML,
                       virDomainPanicDefFormat, virDomainPanicDefFree)

#define VIR_DOMAIN_FAMILY(devtype, prefix, list, count) \
    { devtype, prefix ## Parse, prefix ## Format, prefix ## Free, \
      G_STRUCT_OFFSET(virDomainDef, list), G_STRUCT_OFFSET(virDomainDef, count) }

/* In libvirt's output order; indexed by virDomainDeviceType. */
static const virDomainDeviceFamily virDomainDeviceFamilies[] = {
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_DISK, virDomainFamilyDisk, disks, ndisks),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_CONTROLLER, virDomainFamilyController,
                      controllers, ncontrollers),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_NET, virDomainFamilyNet, nets, nnets),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_SERIAL, virDomainFamilyChr, serials, nserials),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_PARALLEL, virDomainFamilyChr, parallels, nparallels),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_CONSOLE, virDomainFamilyChr, consoles, nconsoles),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_CHANNEL, virDomainFamilyChr, channels, nchannels),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_INPUT, virDomainFamilyInput, inputs, ninputs),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_TPM, virDomainFamilyTPM, tpms, ntpms),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_GRAPHICS, virDomainFamilyGraphics, graphics, ngraphics),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_SOUND, virDomainFamilySound, sounds, nsounds),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_VIDEO, virDomainFamilyVideo, videos, nvideos),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_HOSTDEV, virDomainFamilyHostdev, hostdevs, nhostdevs),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_WATCHDOG, virDomainFamilyWatchdog,
                      watchdogs, nwatchdogs),
    { VIR_DOMAIN_DEVICE_MEMBALLOON, virDomainFamilyMemballoonParse,
      virDomainFamilyMemballoonFormat, virDomainFamilyMemballoonFree,
      G_STRUCT_OFFSET(virDomainDef, memballoon), 0 },
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_RNG, virDomainFamilyRNG, rngs, nrngs),
    VIR_DOMAIN_FAMILY(VIR_DOMAIN_DEVICE_PANIC, virDomainFamilyPanic, panics, npanics),
};
G_STATIC_ASSERT(G_N_ELEMENTS(virDomainDeviceFamilies) == VIR_DOMAIN_DEVICE_LAST);

static const virDomainDeviceFamily *
virDomainDeviceFamilyByElement(const char *element)
{
    int type = virDomainDeviceTypeFromString(element);

    return type < 0 ? NULL : &virDomainDeviceFamilies[type];
}

static void ***
virDomainFamilyList(const virDomainDeviceFamily *fam, const virDomainDef *def)
{
    return (void ***)((char *)def + fam->listOffset);
}

static size_t *
virDomainFamilyCount(const virDomainDeviceFamily *fam, const virDomainDef *def)
{
    return (size_t *)((char *)def + fam->countOffset);
}

static void
virDomainFamilyAppend(const virDomainDeviceFamily *fam, virDomainDef *def, void *dev)
{
    void ***list = virDomainFamilyList(fam, def);
    size_t *count = virDomainFamilyCount(fam, def);

    *list = g_renew(void *, *list, *count + 1);
    (*list)[(*count)++] = dev;
}

void
virDomainDefAppendChr(virDomainChrDef ***list, size_t *n, virDomainChrDef *chr)
{
    *list = g_renew(virDomainChrDef *, *list, *n + 1);
    (*list)[(*n)++] = chr;
}

virDomainDef *
virDomainDefNew(void)
{
    virDomainDef *def = g_new0(virDomainDef, 1);

    def->id = -1;
    def->onPoweroff = VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    def->onReboot = VIR_DOMAIN_LIFECYCLE_ACTION_RESTART;
    def->onCrash = VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    return def;
}

void
virDomainDefFree(virDomainDef *def)
{
    size_t i, j;

    if (!def)
        return;

    for (i = 0; i < G_N_ELEMENTS(virDomainDeviceFamilies); i++) {
        const virDomainDeviceFamily *fam = &virDomainDeviceFamilies[i];

        if (fam->countOffset) {
            void ***list = virDomainFamilyList(fam, def);
            size_t *count = virDomainFamilyCount(fam, def);

            for (j = 0; j < *count; j++)
                fam->free((*list)[j]);
            g_clear_pointer(list, g_free);
            *count = 0;
        } else {
            void **single = (void **)((char *)def + fam->listOffset);
            fam->free(*single);
            *single = NULL;
        }
    }

    g_free(def->name);
    g_free(def->title);
    g_free(def->description);
    if (def->metadata)
        xmlFreeDoc(def->metadata->doc);
    g_free(def->cpuset);
    g_free(def->resourcePartition);
    g_free(def->hyperv.vendorId);
    g_free(def->seclabelType);
    g_free(def->seclabelModel);
    g_free(def->seclabelRelabel);
    virDomainSysinfoClear(def);
    virDomainOSDefClear(def);
    virDomainCPUDefFree(def->cpu);
    virDomainClockDefClear(&def->clock);
    g_free(def->emulator);
    g_free(def);
}

/* Whitespace between elements would defeat re-indentation on output. */
static void
virDomainMetadataStripBlanks(xmlNodePtr node)
{
    xmlNodePtr cur = node->children;

    while (cur) {
        xmlNodePtr next = cur->next;

        if (cur->type == XML_TEXT_NODE && xmlIsBlankNode(cur)) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        } else if (cur->type == XML_ELEMENT_NODE) {
            virDomainMetadataStripBlanks(cur);
        }
        cur = next;
    }
}

static void
virDomainMetadataParseXML(xmlNodePtr node, virDomainDef *def)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr copy = xmlDocCopyNode(node, doc, 1);

    xmlDocSetRootElement(doc, copy);
    virDomainMetadataStripBlanks(copy);
    def->metadata = copy;
}

static int
virDomainDefParseName(xmlNodePtr root, virDomainDef *def)
{
    def->name = virXMLChildText(root, "name");
    if (def->name)
        g_strstrip(def->name);
    if (!def->name || !*def->name) {
        virReportError(VIR_ERR_NO_NAME, "domain definition (a <name> element is required)");
        return -1;
    }
    if (strchr(def->name, '/')) {
        virReportError(VIR_ERR_XML_ERROR, "domain name '%s' must not contain '/'", def->name);
        return -1;
    }
    return 0;
}

static int
virDomainDefParseIdentity(xmlNodePtr root, virDomainDef *def, unsigned int flags)
{
    g_autofree char *uuid = virXMLChildText(root, "uuid");
    int id = -1;

    if (virDomainDefParseName(root, def) < 0)
        return -1;

    if (uuid) {
        if (virUUIDParse(uuid, def->uuid) < 0) {
            virReportError(VIR_ERR_XML_ERROR, "malformed uuid '%s' in element 'uuid'", uuid);
            return -1;
        }
    } else {
        virUUIDGenerate(def->uuid);
    }

    if (VIR_DOMAIN_PARSE_LIVE(flags)) {
        if (virXMLPropInt(root, "id", &id) < 0)
            return -1;
        def->id = id >= 0 ? id : -1;
    }

    def->title = virXMLChildText(root, "title");
    if (def->title && strpbrk(def->title, "\r\n")) {
        virReportError(VIR_ERR_XML_ERROR, "the domain title must not contain newlines");
        return -1;
    }
    def->description = virXMLChildText(root, "description");
    if (virXMLChild(root, "metadata"))
        virDomainMetadataParseXML(virXMLChild(root, "metadata"), def);
    return 0;
}

static int
virDomainDefParseMemory(xmlNodePtr root, virDomainDef *def)
{
    unsigned long long cur = 0;
    int rc;

    if ((rc = virXMLParseScaledMemory(root, "memory", VIR_DOMAIN_MEMORY_MAX_BYTES,
                                      &def->memory)) < 0)
        return -1;
    if (rc == 0 || def->memory == 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "the domain memory size must be given as a non-zero value in element 'memory'");
        return -1;
    }
    if (virXMLParseScaledMemory(root, "currentMemory", VIR_DOMAIN_MEMORY_MAX_BYTES,
                                &cur) < 0)
        return -1;
    /* The balloon cannot inflate past the maximum: clamp, as libvirt does. */
    def->currentMemory = (cur == 0 || cur > def->memory) ? def->memory : cur;
    return virDomainMaxMemoryParseXML(root, def);
}

static int
virDomainDefParseVcpus(xmlNodePtr root, virDomainDef *def)
{
    xmlNodePtr node = virXMLChild(root, "vcpu");
    g_autofree char *text = NULL;
    unsigned long long count = 1;
    unsigned int current = 0;
    int v = 0;
    int rc;

    def->vcpus = 1;
    if (!node) {
        def->vcpusCurrent = 1;
        return 0;
    }

    text = virXMLNodeText(node);
    if (virXMLStrToULL(text, 10, &count) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "invalid vcpu count '%s' in element 'vcpu'", text);
        return -1;
    }
    if (count == 0 || count > VIR_DOMAIN_VCPUS_MAX) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "vcpu count %llu in element 'vcpu' is out of range (1 to %d)",
                       count, VIR_DOMAIN_VCPUS_MAX);
        return -1;
    }
    def->vcpus = count;

    if ((rc = virXMLPropUInt(node, "current", 10, &current)) < 0)
        return -1;
    if (rc == 1 && (current == 0 || current > def->vcpus)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "current vcpu count %u must be between 1 and the maximum of %u",
                       current, def->vcpus);
        return -1;
    }
    def->vcpusCurrent = rc == 1 ? current : def->vcpus;

    if (virXMLPropEnum(node, "placement", virDomainVcpuPlacementTypeFromString, true, &v) < 0)
        return -1;
    def->placement = v;
    def->cpuset = virXMLPropString(node, "cpuset");
    return 0;
}

static int
virDomainDefParseLifecycle(xmlNodePtr root, const char *element, bool allowCoredump,
                           virDomainLifecycleAction *action)
{
    g_autofree char *text = virXMLChildText(root, element);
    int v;

    if (!text)
        return 0;
    g_strstrip(text);
    v = virDomainLifecycleActionTypeFromString(text);
    if (v < 0 || (!allowCoredump &&
                  (v == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
                   v == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART))) {
        virReportError(VIR_ERR_XML_ERROR, "invalid value '%s' in element '%s'", text, element);
        return -1;
    }
    *action = v;
    return 0;
}

static int
virDomainDefParsePM(xmlNodePtr node, virDomainDef *def)
{
    xmlNodePtr mem = virXMLChild(node, "suspend-to-mem");
    xmlNodePtr disk = virXMLChild(node, "suspend-to-disk");

    if (mem && virXMLPropTristateBool(mem, "enabled", &def->pmSuspendToMem) < 0)
        return -1;
    if (disk && virXMLPropTristateBool(disk, "enabled", &def->pmSuspendToDisk) < 0)
        return -1;
    return 0;
}

/* <resource><partition>, <seclabel>: kept as given. */
static int
virDomainDefParseResource(xmlNodePtr root, virDomainDef *def)
{
    xmlNodePtr node;

    if ((node = virXMLChild(root, "resource"))) {
        def->resourcePartition = virXMLChildText(node, "partition");
        if (def->resourcePartition && def->resourcePartition[0] != '/') {
            virReportError(VIR_ERR_XML_ERROR, "resource partition '%s' must start with '/'",
                           def->resourcePartition);
            return -1;
        }
    }
    if ((node = virXMLChild(root, "seclabel"))) {
        def->seclabelType = virXMLPropString(node, "type");
        def->seclabelModel = virXMLPropString(node, "model");
        def->seclabelRelabel = virXMLPropString(node, "relabel");
        if (def->seclabelType && strcmp(def->seclabelType, "none") != 0 &&
            strcmp(def->seclabelType, "dynamic") != 0 && strcmp(def->seclabelType, "static") != 0) {
            virReportError(VIR_ERR_XML_ERROR, "invalid security type '%s'", def->seclabelType);
            return -1;
        }
    }
    return 0;
}

static void
virDomainDefFormatResource(GString *buf, const virDomainDef *def, int indent)
{
    if (!def->resourcePartition)
        return;
    g_string_append_printf(buf, "%*s<resource>\n", indent, "");
    virXMLFormatTextElement(buf, indent + 2, "partition", def->resourcePartition);
    g_string_append_printf(buf, "%*s</resource>\n", indent, "");
}

static void
virDomainDefFormatSeclabel(GString *buf, const virDomainDef *def, int indent)
{
    if (!def->seclabelType && !def->seclabelModel)
        return;
    g_string_append_printf(buf, "%*s<seclabel", indent, "");
    virXMLFormatAttr(buf, "type", def->seclabelType);
    virXMLFormatAttr(buf, "model", def->seclabelModel);
    virXMLFormatAttr(buf, "relabel", def->seclabelRelabel);
    g_string_append(buf, "/>\n");
}

static int
virDomainDefParseDevices(xmlNodePtr node, virDomainDef *def, unsigned int flags)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        const virDomainDeviceFamily *fam;
        void *dev;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "emulator")) {
            if (!def->emulator)
                def->emulator = g_strstrip(virXMLNodeText(cur));
            continue;
        }
        /* Devices we do not model are ignored, like unknown elements. */
        if (!(fam = virDomainDeviceFamilyByElement((const char *)cur->name)))
            continue;
        if (!(dev = fam->parse(cur, flags)))
            return -1;

        if (fam->countOffset) {
            virDomainFamilyAppend(fam, def, dev);
        } else if (!def->memballoon) {
            def->memballoon = dev;
        } else {
            fam->free(dev);
            virReportError(VIR_ERR_XML_ERROR, "only one <%s> device is supported",
                           (const char *)cur->name);
            return -1;
        }
    }
    return 0;
}

virDomainDef *
virDomainDefParseNode(xmlDocPtr xml, xmlNodePtr root, unsigned int flags)
{
    g_autoptr(virDomainDef) def = virDomainDefNew();
    xmlNodePtr node;
    int v = 0;
    int rc;

    if (!root || !xmlStrEqual(root->name, BAD_CAST "domain")) {
        virReportError(VIR_ERR_XML_ERROR, "expected root element 'domain', found '%s'",
                       root ? (const char *)root->name : "");
        return NULL;
    }

    rc = virXMLPropEnum(root, "type", virDomainVirtTypeFromString, true, &v);
    if (rc < 0)
        return NULL;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'type' attribute in element 'domain'");
        return NULL;
    }
    def->virtType = v;

    if (virDomainDefParseIdentity(root, def, flags) < 0 ||
        virDomainDefParseMemory(root, def) < 0 ||
        virDomainDefParseVcpus(root, def) < 0)
        return NULL;

    if ((node = virXMLChild(root, "memoryBacking")) &&
        virDomainMemoryBackingParseXML(node, def) < 0)
        return NULL;
    if ((node = virXMLChild(root, "sysinfo")) && virDomainSysinfoParseXML(node, def) < 0)
        return NULL;
    if (virDomainDefParseResource(root, def) < 0)
        return NULL;

    if (!(node = virXMLChild(root, "os"))) {
        virReportError(VIR_ERR_XML_ERROR, "missing <os> element in domain definition");
        return NULL;
    }
    if (virDomainOSDefParseXML(node, def) < 0)
        return NULL;

    if ((node = virXMLChild(root, "features")) && virDomainFeaturesParseXML(node, def) < 0)
        return NULL;
    if ((node = virXMLChild(root, "cpu")) && !(def->cpu = virDomainCPUDefParseXML(node)))
        return NULL;
    if ((node = virXMLChild(root, "clock")) && virDomainClockDefParseXML(node, &def->clock) < 0)
        return NULL;
    if (virDomainDefParseLifecycle(root, "on_poweroff", false, &def->onPoweroff) < 0 ||
        virDomainDefParseLifecycle(root, "on_reboot", false, &def->onReboot) < 0 ||
        virDomainDefParseLifecycle(root, "on_crash", true, &def->onCrash) < 0)
        return NULL;
    if ((node = virXMLChild(root, "pm")) && virDomainDefParsePM(node, def) < 0)
        return NULL;
    if ((node = virXMLChild(root, "devices")) && virDomainDefParseDevices(node, def, flags) < 0)
        return NULL;

    if (virDomainDefPostParse(def, flags) < 0 ||
        virDomainDefValidate(def) < 0)
        return NULL;

    VIR_DEBUG("parsed domain '%s' (%zu disks, %zu interfaces)", def->name,
              def->ndisks, def->nnets);
    return g_steal_pointer(&def);
}

virDomainDef *
virDomainDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = virXMLParseString(xml, "(domain_definition)", "domain",
                                              VIR_FROM_DOMAIN);

    if (!doc)
        return NULL;
    return virDomainDefParseNode(doc, xmlDocGetRootElement(doc), flags);
}

static void
virDomainMetadataFormat(GString *buf, xmlNodePtr metadata, int indent)
{
    xmlBufferPtr xmlbuf = xmlBufferCreate();

    /* libxml2 indents nested elements two spaces per level. */
    xmlNodeDump(xmlbuf, metadata->doc, metadata, indent / 2, 1);
    g_string_append_printf(buf, "%*s%s\n", indent, "", (const char *)xmlBufferContent(xmlbuf));
    xmlBufferFree(xmlbuf);
}

static void
virDomainDefFormatVcpu(GString *buf, const virDomainDef *def, int indent)
{
    g_string_append_printf(buf, "%*s<vcpu placement='%s'", indent, "",
                           virDomainVcpuPlacementTypeToString(def->placement));
    virXMLFormatAttr(buf, "cpuset", def->cpuset);
    if (def->vcpusCurrent && def->vcpusCurrent != def->vcpus)
        g_string_append_printf(buf, " current='%u'", def->vcpusCurrent);
    g_string_append_printf(buf, ">%u</vcpu>\n", def->vcpus);
}

static void
virDomainDefFormatPM(GString *buf, const virDomainDef *def, int indent)
{
    if (!def->pmSuspendToMem && !def->pmSuspendToDisk)
        return;
    g_string_append_printf(buf, "%*s<pm>\n", indent, "");
    if (def->pmSuspendToMem)
        g_string_append_printf(buf, "%*s<suspend-to-mem enabled='%s'/>\n", indent + 2, "",
                               virTristateBoolTypeToString(def->pmSuspendToMem));
    if (def->pmSuspendToDisk)
        g_string_append_printf(buf, "%*s<suspend-to-disk enabled='%s'/>\n", indent + 2, "",
                               virTristateBoolTypeToString(def->pmSuspendToDisk));
    g_string_append_printf(buf, "%*s</pm>\n", indent, "");
}

static void
virDomainDefFormatDevices(GString *buf, const virDomainDef *def,
                          unsigned int flags, int indent)
{
    size_t i, j;

    g_string_append_printf(buf, "%*s<devices>\n", indent, "");
    virXMLFormatTextElement(buf, indent + 2, "emulator", def->emulator);
    for (i = 0; i < G_N_ELEMENTS(virDomainDeviceFamilies); i++) {
        const virDomainDeviceFamily *fam = &virDomainDeviceFamilies[i];

        if (fam->countOffset) {
            void **list = *virDomainFamilyList(fam, def);
            size_t count = *virDomainFamilyCount(fam, def);

            for (j = 0; j < count; j++)
                fam->format(buf, list[j], def, flags, indent + 2);
        } else {
            void *single = *(void **)((char *)def + fam->listOffset);

            if (single)
                fam->format(buf, single, def, flags, indent + 2);
        }
    }
    g_string_append_printf(buf, "%*s</devices>\n", indent, "");
}

void
virDomainDefFormatBuf(GString *buf, const virDomainDef *def,
                      unsigned int flags, int indent)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    int in = indent + 2;

    /* The status file records everything, live data included. */
    if (flags & VIR_DOMAIN_DEF_FORMAT_STATUS)
        flags &= ~VIR_DOMAIN_DEF_FORMAT_INACTIVE;

    g_string_append_printf(buf, "%*s<domain type='%s'", indent, "",
                           virDomainVirtTypeToString(def->virtType));
    if (def->id >= 0 && VIR_DOMAIN_FORMAT_LIVE(flags))
        g_string_append_printf(buf, " id='%d'", def->id);
    g_string_append(buf, ">\n");

    virXMLFormatTextElement(buf, in, "name", def->name);
    virXMLFormatTextElement(buf, in, "uuid", virUUIDFormat(def->uuid, uuid));
    virXMLFormatTextElement(buf, in, "title", def->title);
    virXMLFormatTextElement(buf, in, "description", def->description);
    if (def->metadata)
        virDomainMetadataFormat(buf, def->metadata, in);
    virDomainMaxMemoryFormat(buf, def, in);
    g_string_append_printf(buf, "%*s<memory unit='KiB'>%llu</memory>\n", in, "", def->memory);
    g_string_append_printf(buf, "%*s<currentMemory unit='KiB'>%llu</currentMemory>\n", in, "",
                           def->currentMemory ? def->currentMemory : def->memory);
    virDomainMemoryBackingFormat(buf, def, in);
    virDomainDefFormatVcpu(buf, def, in);
    virDomainDefFormatResource(buf, def, in);
    virDomainSysinfoFormat(buf, def, in);
    virDomainOSDefFormat(buf, def, in);
    virDomainFeaturesFormat(buf, def, in);
    if (def->cpu)
        virDomainCPUDefFormat(buf, def->cpu, in);
    virDomainClockDefFormat(buf, &def->clock, in);
    virXMLFormatTextElement(buf, in, "on_poweroff",
                            virDomainLifecycleActionTypeToString(def->onPoweroff));
    virXMLFormatTextElement(buf, in, "on_reboot",
                            virDomainLifecycleActionTypeToString(def->onReboot));
    virXMLFormatTextElement(buf, in, "on_crash",
                            virDomainLifecycleActionTypeToString(def->onCrash));
    virDomainDefFormatPM(buf, def, in);
    virDomainDefFormatDevices(buf, def, flags, in);
    virDomainDefFormatSeclabel(buf, def, in);
    g_string_append_printf(buf, "%*s</domain>\n", indent, "");
}

char *
virDomainDefFormat(const virDomainDef *def, unsigned int flags)
{
    GString *buf = g_string_new(NULL);

    virDomainDefFormatBuf(buf, def, flags, 0);
    return g_string_free(buf, FALSE);
}

virDomainDef *
virDomainDefCopy(const virDomainDef *def)
{
    g_autofree char *xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_STATUS |
                                                   VIR_DOMAIN_DEF_FORMAT_SECURE);

    return virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_STATUS);
}

virDomainDiskDef *
virDomainDiskByTarget(const virDomainDef *def, const char *dst)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (g_strcmp0(def->disks[i]->dst, dst) == 0)
            return def->disks[i];
    }
    return NULL;
}

virDomainNetDef *
virDomainNetByMAC(const virDomainDef *def, const unsigned char *mac)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        if (memcmp(def->nets[i]->mac, mac, VIR_MAC_BUFLEN) == 0)
            return def->nets[i];
    }
    return NULL;
}

virDomainChrDef *
virDomainConsoleGetSerial(const virDomainDef *def, const virDomainChrDef *console)
{
    size_t i;

    if (!def || console->deviceType != VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE ||
        console->targetType != VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL)
        return NULL;
    /* The n-th serial console is the n-th serial port. */
    for (i = 0; i < def->nconsoles; i++) {
        if (def->consoles[i] == console)
            return i < def->nserials ? def->serials[i] : NULL;
    }
    /* A console not (yet) in def: match the port number. */
    for (i = 0; i < def->nserials; i++) {
        if (def->serials[i]->targetPort == MAX(console->targetPort, 0))
            return def->serials[i];
    }
    return NULL;
}

const virDomainChrSourceDef *
virDomainChrGetSource(const virDomainDef *def, const virDomainChrDef *chr)
{
    const virDomainChrDef *serial = virDomainConsoleGetSerial(def, chr);

    return serial ? &serial->source : &chr->source;
}

void
virDomainDeviceDefFree(virDomainDeviceDef *dev)
{
    if (!dev)
        return;
    if (dev->data.ptr && dev->type < VIR_DOMAIN_DEVICE_LAST)
        virDomainDeviceFamilies[dev->type].free(dev->data.ptr);
    g_free(dev);
}

virDomainDeviceDef *
virDomainDeviceDefParse(const char *xml, const virDomainDef *def, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = virXMLParseString(xml, "(device_definition)", NULL,
                                              VIR_FROM_DOMAIN);
    g_autoptr(virDomainDeviceDef) dev = NULL;
    const virDomainDeviceFamily *fam;
    xmlNodePtr root;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (!(fam = virDomainDeviceFamilyByElement((const char *)root->name))) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unsupported device type '%s'",
                       (const char *)root->name);
        return NULL;
    }
    dev = g_new0(virDomainDeviceDef, 1);
    dev->type = fam->type;
    if (!(dev->data.ptr = fam->parse(root, flags)))
        return NULL;
    if (virDomainDeviceDefPostParse(dev, def, flags) < 0)
        return NULL;
    return g_steal_pointer(&dev);
}

char *
virDomainDeviceDefFormat(const virDomainDeviceDef *dev, const virDomainDef *def,
                         unsigned int flags)
{
    GString *buf = g_string_new(NULL);

    if (dev->type < VIR_DOMAIN_DEVICE_LAST)
        virDomainDeviceFamilies[dev->type].format(buf, dev->data.ptr, def, flags, 0);
    return g_string_free(buf, FALSE);
}

void
virDomainDefAppendController(virDomainDef *def, virDomainControllerDef *ctrl)
{
    size_t pos = def->ncontrollers;
    size_t i;

    /* Keep controllers of one type together, ordered by index. */
    for (i = 0; i < def->ncontrollers; i++) {
        const virDomainControllerDef *cur = def->controllers[i];

        if (cur->type != ctrl->type)
            continue;
        if (cur->idx <= ctrl->idx)
            pos = i + 1;
        else if (pos == def->ncontrollers)
            pos = i;
    }
    def->controllers = g_renew(virDomainControllerDef *, def->controllers,
                               def->ncontrollers + 1);
    memmove(def->controllers + pos + 1, def->controllers + pos,
            (def->ncontrollers - pos) * sizeof(*def->controllers));
    def->controllers[pos] = ctrl;
    def->ncontrollers++;
}
