/* The guest platform: <os>, <features>, <cpu> and <clock>. */
#include "domain_priv.h"

#include <errno.h>
#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_platform");

VIR_ENUM_IMPL(virDomainOS, VIR_DOMAIN_OSTYPE_LAST,
              "hvm", "xen", "linux", "exe", "uml", "xenpvh");

VIR_ENUM_IMPL(virDomainBoot, VIR_DOMAIN_BOOT_LAST,
              "fd", "cdrom", "hd", "network");

VIR_ENUM_IMPL(virDomainLoader, VIR_DOMAIN_LOADER_TYPE_LAST,
              "none", "rom", "pflash");

VIR_ENUM_IMPL(virDomainOsFirmware, VIR_DOMAIN_OS_FIRMWARE_LAST,
              "none", "bios", "efi");

VIR_ENUM_IMPL(virDomainFeature, VIR_DOMAIN_FEATURE_LAST,
              "acpi", "apic", "pae", "hap", "hyperv", "pmu", "vmport", "smm", "vmcoreinfo");

VIR_ENUM_IMPL(virDomainHyperv, VIR_DOMAIN_HYPERV_LAST,
              "relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer",
              "reset", "vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi",
              "evmcs", "avic");

VIR_ENUM_IMPL(virDomainHypervMode, VIR_DOMAIN_HYPERV_MODE_LAST,
              "none", "custom", "passthrough");

VIR_ENUM_IMPL(virCPUMode, VIR_CPU_MODE_LAST,
              "custom", "host-model", "host-passthrough", "maximum");

VIR_ENUM_IMPL(virCPUMatch, VIR_CPU_MATCH_LAST,
              "default", "minimum", "exact", "strict");

VIR_ENUM_IMPL(virCPUCheck, VIR_CPU_CHECK_LAST,
              "default", "none", "partial", "full");

VIR_ENUM_IMPL(virCPUFallback, VIR_CPU_FALLBACK_LAST,
              "default", "allow", "forbid");

VIR_ENUM_IMPL(virCPUFeaturePolicy, VIR_CPU_FEATURE_LAST,
              "force", "require", "optional", "disable", "forbid");

VIR_ENUM_IMPL(virDomainClockOffset, VIR_DOMAIN_CLOCK_OFFSET_LAST,
              "utc", "localtime", "variable", "timezone");

VIR_ENUM_IMPL(virDomainClockBasis, VIR_DOMAIN_CLOCK_BASIS_LAST,
              "utc", "localtime");

VIR_ENUM_IMPL(virDomainTimerName, VIR_DOMAIN_TIMER_NAME_LAST,
              "platform", "pit", "rtc", "hpet", "tsc", "kvmclock", "hypervclock",
              "armvtimer");

VIR_ENUM_IMPL(virDomainTimerTickpolicy, VIR_DOMAIN_TIMER_TICKPOLICY_LAST,
              "default", "delay", "catchup", "merge", "discard");

/* Architectures libvirt knows by these names. */
static const char *const virDomainArchNames[] = {
    "x86_64", "i686", "aarch64", "armv6l", "armv7l", "armv7b", "ppc", "ppc64",
    "ppc64le", "ppcle", "ppcemb", "riscv32", "riscv64", "s390", "s390x", "mips",
    "mipsel", "mips64", "mips64el", "sparc", "sparc64", "alpha", "cris", "lm32",
    "m68k", "microblaze", "microblazeel", "or32", "parisc", "parisc64", "sh4",
    "sh4eb", "unicore32", "xtensa", "xtensaeb", "loongarch64",
};

/* Boot menu timeouts are milliseconds in a 16 bit firmware field. */
#define VIR_DOMAIN_BOOTMENU_TIMEOUT_MAX 65535

static bool
virDomainArchIsKnown(const char *arch)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virDomainArchNames); i++) {
        if (strcmp(virDomainArchNames[i], arch) == 0)
            return true;
    }
    return false;
}

void
virDomainOSDefClear(virDomainDef *def)
{
    g_free(def->os.type);
    g_free(def->os.arch);
    g_free(def->os.machine);
    g_free(def->os.kernel);
    g_free(def->os.initrd);
    g_free(def->os.cmdline);
    g_free(def->os.dtb);
    g_free(def->os.loader);
    g_free(def->os.nvram);
    g_free(def->os.nvramTemplate);
    memset(&def->os, 0, sizeof(def->os));
}

static int
virDomainOSTypeParseXML(xmlNodePtr node, virDomainDef *def)
{
    g_autofree char *type = g_strstrip(virXMLNodeText(node));

    if (virDomainOSTypeFromString(type) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "invalid OS type '%s' in element 'os/type'", type);
        return -1;
    }
    def->os.type = g_steal_pointer(&type);
    def->os.arch = virXMLPropString(node, "arch");
    def->os.machine = virXMLPropString(node, "machine");
    if (def->os.arch && !virDomainArchIsKnown(def->os.arch)) {
        virReportError(VIR_ERR_XML_ERROR, "unknown architecture '%s' in element 'os/type'",
                       def->os.arch);
        return -1;
    }
    return 0;
}

static int
virDomainOSBootParseXML(xmlNodePtr node, virDomainDef *def)
{
    g_autofree char *dev = virXMLPropString(node, "dev");
    int v;

    if (!dev) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'dev' attribute in element 'os/boot'");
        return -1;
    }
    if ((v = virDomainBootTypeFromString(dev)) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "invalid boot device '%s' in element 'os/boot'", dev);
        return -1;
    }
    /* Firmware only honours the first few; extra entries are dropped. */
    if (def->os.nbootDevs < VIR_DOMAIN_BOOT_DEVS_MAX)
        def->os.bootDevs[def->os.nbootDevs++] = v;
    return 0;
}

static int
virDomainOSBootmenuParseXML(xmlNodePtr node, virDomainDef *def)
{
    virTristateBool enable = VIR_TRISTATE_BOOL_ABSENT;
    unsigned int timeout = 0;
    int rc;

    if (virXMLPropTristateBool(node, "enable", &enable) < 0)
        return -1;
    def->os.bootmenuSpecified = true;
    def->os.bootmenu = enable == VIR_TRISTATE_BOOL_YES;
    if ((rc = virXMLPropUInt(node, "timeout", 10, &timeout)) < 0)
        return -1;
    if (rc == 1 && timeout > VIR_DOMAIN_BOOTMENU_TIMEOUT_MAX) {
        virReportError(VIR_ERR_XML_ERROR,
                       "boot menu timeout %u is too large (the maximum is %d ms)",
                       timeout, VIR_DOMAIN_BOOTMENU_TIMEOUT_MAX);
        return -1;
    }
    def->os.bootmenuTimeout = timeout;
    return 0;
}

static int
virDomainOSLoaderParseXML(xmlNodePtr node, virDomainDef *def)
{
    int v = 0;

    if (virXMLPropTristateBool(node, "readonly", &def->os.loaderReadonly) < 0 ||
        virXMLPropTristateBool(node, "secure", &def->os.loaderSecure) < 0 ||
        virXMLPropEnum(node, "type", virDomainLoaderTypeFromString, false, &v) < 0)
        return -1;
    def->os.loaderType = v;
    def->os.loader = g_strstrip(virXMLNodeText(node));
    if (!*def->os.loader)
        g_clear_pointer(&def->os.loader, g_free);
    return 0;
}

int
virDomainOSDefParseXML(xmlNodePtr node, virDomainDef *def)
{
    xmlNodePtr cur;
    xmlNodePtr type = virXMLChild(node, "type");
    int v = 0;

    if (!type) {
        virReportError(VIR_ERR_XML_ERROR, "an <os> element needs a <type> child");
        return -1;
    }
    if (virDomainOSTypeParseXML(type, def) < 0)
        return -1;
    if (virXMLPropEnum(node, "firmware", virDomainOsFirmwareTypeFromString, false, &v) < 0)
        return -1;
    def->os.firmware = v;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "boot")) {
            if (virDomainOSBootParseXML(cur, def) < 0)
                return -1;
        } else if (xmlStrEqual(cur->name, BAD_CAST "bootmenu")) {
            if (virDomainOSBootmenuParseXML(cur, def) < 0)
                return -1;
        } else if (xmlStrEqual(cur->name, BAD_CAST "loader") && !def->os.loader) {
            if (virDomainOSLoaderParseXML(cur, def) < 0)
                return -1;
        } else if (xmlStrEqual(cur->name, BAD_CAST "smbios")) {
            v = 0;
            if (virXMLPropEnum(cur, "mode", virDomainSmbiosModeTypeFromString, false, &v) < 0)
                return -1;
            def->os.smbiosMode = v;
        } else if (xmlStrEqual(cur->name, BAD_CAST "bios")) {
            if (virXMLPropTristateBool(cur, "useserial", &def->os.biosUseserial) < 0)
                return -1;
        } else if (xmlStrEqual(cur->name, BAD_CAST "nvram") && !def->os.nvram) {
            def->os.nvramTemplate = virXMLPropString(cur, "template");
            def->os.nvram = g_strstrip(virXMLNodeText(cur));
            if (!*def->os.nvram)
                g_clear_pointer(&def->os.nvram, g_free);
        }
    }
    def->os.kernel = virXMLChildText(node, "kernel");
    def->os.initrd = virXMLChildText(node, "initrd");
    def->os.cmdline = virXMLChildText(node, "cmdline");
    def->os.dtb = virXMLChildText(node, "dtb");
    return 0;
}

void
virDomainOSDefFormat(GString *buf, const virDomainDef *def, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    int in = indent + 2;
    size_t i;

    g_string_append_printf(buf, "%*s<os", indent, "");
    if (def->os.firmware)
        virXMLFormatAttr(buf, "firmware", virDomainOsFirmwareTypeToString(def->os.firmware));
    g_string_append(buf, ">\n");

    g_string_append_printf(buf, "%*s<type", in, "");
    virXMLFormatAttr(buf, "arch", def->os.arch);
    virXMLFormatAttr(buf, "machine", def->os.machine);
    g_string_append_c(buf, '>');
    virBufferEscapeXML(buf, def->os.type);
    g_string_append(buf, "</type>\n");

    if (def->os.loader || def->os.loaderReadonly || def->os.loaderType) {
        if (def->os.loaderReadonly)
            virXMLFormatAttr(attrs, "readonly", virTristateBoolTypeToString(def->os.loaderReadonly));
        if (def->os.loaderSecure)
            virXMLFormatAttr(attrs, "secure", virTristateBoolTypeToString(def->os.loaderSecure));
        if (def->os.loaderType)
            virXMLFormatAttr(attrs, "type", virDomainLoaderTypeToString(def->os.loaderType));
        g_string_append_printf(buf, "%*s<loader%s", in, "", attrs->str);
        if (def->os.loader) {
            g_string_append_c(buf, '>');
            virBufferEscapeXML(buf, def->os.loader);
            g_string_append(buf, "</loader>\n");
        } else {
            g_string_append(buf, "/>\n");
        }
    }
    if (def->os.nvram || def->os.nvramTemplate) {
        g_string_append_printf(buf, "%*s<nvram", in, "");
        virXMLFormatAttr(buf, "template", def->os.nvramTemplate);
        if (def->os.nvram) {
            g_string_append_c(buf, '>');
            virBufferEscapeXML(buf, def->os.nvram);
            g_string_append(buf, "</nvram>\n");
        } else {
            g_string_append(buf, "/>\n");
        }
    }
    virXMLFormatTextElement(buf, in, "kernel", def->os.kernel);
    virXMLFormatTextElement(buf, in, "initrd", def->os.initrd);
    virXMLFormatTextElement(buf, in, "cmdline", def->os.cmdline);
    virXMLFormatTextElement(buf, in, "dtb", def->os.dtb);
    for (i = 0; i < def->os.nbootDevs; i++)
        g_string_append_printf(buf, "%*s<boot dev='%s'/>\n", in, "",
                               virDomainBootTypeToString(def->os.bootDevs[i]));
    if (def->os.bootmenuSpecified) {
        g_string_append_printf(buf, "%*s<bootmenu enable='%s'", in, "",
                               def->os.bootmenu ? "yes" : "no");
        if (def->os.bootmenuTimeout)
            g_string_append_printf(buf, " timeout='%u'", def->os.bootmenuTimeout);
        g_string_append(buf, "/>\n");
    }
    if (def->os.smbiosMode)
        g_string_append_printf(buf, "%*s<smbios mode='%s'/>\n", in, "",
                               virDomainSmbiosModeTypeToString(def->os.smbiosMode));
    if (def->os.biosUseserial)
        g_string_append_printf(buf, "%*s<bios useserial='%s'/>\n", in, "",
                               virTristateBoolTypeToString(def->os.biosUseserial));
    g_string_append_printf(buf, "%*s</os>\n", indent, "");
}

/* Features written as a bare element (<acpi/>) rather than with state=. */
static bool
virDomainFeatureIsPresence(virDomainFeature feature)
{
    return feature == VIR_DOMAIN_FEATURE_ACPI ||
           feature == VIR_DOMAIN_FEATURE_APIC ||
           feature == VIR_DOMAIN_FEATURE_PAE;
}

static int
virDomainHypervParseXML(xmlNodePtr node, virDomainDef *def)
{
    virDomainHypervDef *hv = &def->hyperv;
    xmlNodePtr cur;
    int v = 0;

    if (virXMLPropEnum(node, "mode", virDomainHypervModeTypeFromString, false, &v) < 0)
        return -1;
    hv->mode = v ? v : VIR_DOMAIN_HYPERV_MODE_CUSTOM;
    for (cur = node->children; cur; cur = cur->next) {
        int feature;

        if (cur->type != XML_ELEMENT_NODE ||
            (feature = virDomainHypervTypeFromString((const char *)cur->name)) < 0)
            continue;
        if (virXMLPropTristateSwitch(cur, "state", &hv->features[feature]) < 0)
            return -1;
        if (!hv->features[feature]) {
            virReportError(VIR_ERR_XML_ERROR, "missing 'state' attribute in HyperV feature '%s'",
                           (const char *)cur->name);
            return -1;
        }
        if (hv->features[feature] != VIR_TRISTATE_SWITCH_ON)
            continue;
        if (feature == VIR_DOMAIN_HYPERV_SPINLOCKS) {
            if (virXMLPropUInt(cur, "retries", 0, &hv->spinlockRetries) < 0)
                return -1;
            if (hv->spinlockRetries < 0xFFF) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               "HyperV spinlock retry count must be at least 4095");
                return -1;
            }
        } else if (feature == VIR_DOMAIN_HYPERV_VENDOR_ID) {
            g_free(hv->vendorId);
            hv->vendorId = virXMLPropString(cur, "value");
            if (!hv->vendorId || !*hv->vendorId || strlen(hv->vendorId) > 12 ||
                strchr(hv->vendorId, ',')) {
                virReportError(VIR_ERR_XML_ERROR, "%s",
                               "HyperV vendor_id value must be 1 to 12 characters, without commas");
                return -1;
            }
        }
    }
    return 0;
}

static void
virDomainHypervFormat(GString *buf, const virDomainDef *def, int indent)
{
    const virDomainHypervDef *hv = &def->hyperv;
    size_t i;

    g_string_append_printf(buf, "%*s<hyperv mode='%s'>\n", indent, "",
                           virDomainHypervModeTypeToString(hv->mode ? hv->mode :
                                                           VIR_DOMAIN_HYPERV_MODE_CUSTOM));
    for (i = 0; i < VIR_DOMAIN_HYPERV_LAST; i++) {
        bool on = hv->features[i] == VIR_TRISTATE_SWITCH_ON;

        if (!hv->features[i])
            continue;
        g_string_append_printf(buf, "%*s<%s state='%s'", indent + 2, "",
                               virDomainHypervTypeToString(i),
                               virTristateSwitchTypeToString(hv->features[i]));
        if (on && i == VIR_DOMAIN_HYPERV_SPINLOCKS)
            g_string_append_printf(buf, " retries='%u'", hv->spinlockRetries);
        if (on && i == VIR_DOMAIN_HYPERV_VENDOR_ID)
            virXMLFormatAttr(buf, "value", hv->vendorId);
        g_string_append(buf, "/>\n");
    }
    g_string_append_printf(buf, "%*s</hyperv>\n", indent, "");
}

int
virDomainFeaturesParseXML(xmlNodePtr node, virDomainDef *def)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        virTristateSwitch state = VIR_TRISTATE_SWITCH_ON;
        int feature;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        /* Features we do not model are ignored, like unknown elements. */
        if ((feature = virDomainFeatureTypeFromString((const char *)cur->name)) < 0)
            continue;
        if (feature == VIR_DOMAIN_FEATURE_HYPERV) {
            if (virDomainHypervParseXML(cur, def) < 0)
                return -1;
            def->features[feature] = VIR_TRISTATE_SWITCH_ON;
            continue;
        }
        if (!virDomainFeatureIsPresence(feature) &&
            virXMLPropTristateSwitch(cur, "state", &state) < 0)
            return -1;
        def->features[feature] = state;
    }
    return 0;
}

void
virDomainFeaturesFormat(GString *buf, const virDomainDef *def, int indent)
{
    g_autoptr(GString) children = g_string_new(NULL);
    size_t i;

    for (i = 0; i < VIR_DOMAIN_FEATURE_LAST; i++) {
        const char *name = virDomainFeatureTypeToString(i);

        if (!def->features[i])
            continue;
        if (i == VIR_DOMAIN_FEATURE_HYPERV) {
            virDomainHypervFormat(children, def, indent + 2);
        } else if (virDomainFeatureIsPresence(i)) {
            if (def->features[i] == VIR_TRISTATE_SWITCH_ON)
                g_string_append_printf(children, "%*s<%s/>\n", indent + 2, "", name);
        } else {
            g_string_append_printf(children, "%*s<%s state='%s'/>\n", indent + 2, "", name,
                                   virTristateSwitchTypeToString(def->features[i]));
        }
    }
    if (children->len)
        virXMLFormatElement(buf, indent, "features", NULL, children);
}

void
virDomainCPUDefFree(virDomainCPUDef *cpu)
{
    size_t i;

    if (!cpu)
        return;
    g_free(cpu->model);
    g_free(cpu->vendor);
    for (i = 0; i < cpu->nfeatures; i++)
        g_free(cpu->features[i].name);
    g_free(cpu->features);
    virDomainNumaClear(cpu);
    g_free(cpu);
}

static int
virDomainCPUTopologyParseXML(xmlNodePtr node, virDomainCPUDef *cpu)
{
    const char *names[] = { "sockets", "cores", "threads" };
    unsigned int *fields[] = { &cpu->sockets, &cpu->cores, &cpu->threads };
    size_t i;
    int rc;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if ((rc = virXMLPropUInt(node, names[i], 10, fields[i])) < 0)
            return -1;
        if (rc == 0 || *fields[i] == 0) {
            virReportError(VIR_ERR_XML_ERROR,
                           "attribute '%s' of element 'cpu/topology' must be a positive number",
                           names[i]);
            return -1;
        }
    }
    cpu->dies = 1;
    if ((rc = virXMLPropUInt(node, "dies", 10, &cpu->dies)) < 0)
        return -1;
    if (cpu->dies == 0) {
        virReportError(VIR_ERR_XML_ERROR,
                       "attribute 'dies' of element 'cpu/topology' must be a positive number");
        return -1;
    }
    return 0;
}

static int
virDomainCPUFeatureParseXML(xmlNodePtr node, virDomainCPUDef *cpu)
{
    virCPUFeatureDef feature = { .policy = VIR_CPU_FEATURE_REQUIRE };
    int v = VIR_CPU_FEATURE_REQUIRE;

    if (virXMLPropEnum(node, "policy", virCPUFeaturePolicyTypeFromString, true, &v) < 0)
        return -1;
    feature.policy = v;
    if (!(feature.name = virXMLPropString(node, "name"))) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'name' attribute in element 'cpu/feature'");
        return -1;
    }
    cpu->features = g_renew(virCPUFeatureDef, cpu->features, cpu->nfeatures + 1);
    cpu->features[cpu->nfeatures++] = feature;
    return 0;
}

virDomainCPUDef *
virDomainCPUDefParseXML(xmlNodePtr node)
{
    g_autoptr(virDomainCPUDef) cpu = g_new0(virDomainCPUDef, 1);
    xmlNodePtr cur;
    int v = 0;

    if (virXMLPropEnum(node, "mode", virCPUModeTypeFromString, true, &v) < 0)
        return NULL;
    cpu->mode = v;
    v = 0;
    if (virXMLPropEnum(node, "match", virCPUMatchTypeFromString, false, &v) < 0)
        return NULL;
    cpu->match = v;
    v = 0;
    if (virXMLPropEnum(node, "check", virCPUCheckTypeFromString, false, &v) < 0)
        return NULL;
    cpu->check = v;
    if (virXMLPropTristateSwitch(node, "migratable", &cpu->migratable) < 0)
        return NULL;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(cur->name, BAD_CAST "model") && !cpu->model) {
            v = 0;
            if (virXMLPropEnum(cur, "fallback", virCPUFallbackTypeFromString, false, &v) < 0)
                return NULL;
            cpu->fallback = v;
            cpu->model = g_strstrip(virXMLNodeText(cur));
            if (!*cpu->model)
                g_clear_pointer(&cpu->model, g_free);
        } else if (xmlStrEqual(cur->name, BAD_CAST "vendor") && !cpu->vendor) {
            cpu->vendor = g_strstrip(virXMLNodeText(cur));
        } else if (xmlStrEqual(cur->name, BAD_CAST "topology")) {
            if (virDomainCPUTopologyParseXML(cur, cpu) < 0)
                return NULL;
        } else if (xmlStrEqual(cur->name, BAD_CAST "feature")) {
            if (virDomainCPUFeatureParseXML(cur, cpu) < 0)
                return NULL;
        } else if (xmlStrEqual(cur->name, BAD_CAST "numa") && !cpu->ncells) {
            if (virDomainNumaParseXML(cur, cpu) < 0)
                return NULL;
        }
    }

    if (cpu->mode == VIR_CPU_MODE_CUSTOM && cpu->model && !cpu->match)
        cpu->match = VIR_CPU_MATCH_EXACT;
    return g_steal_pointer(&cpu);
}

void
virDomainCPUDefFormat(GString *buf, const virDomainCPUDef *cpu, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);
    int in = indent + 2;
    size_t i;

    if (cpu->mode != VIR_CPU_MODE_CUSTOM || cpu->model)
        virXMLFormatAttr(attrs, "mode", virCPUModeTypeToString(cpu->mode));
    if (cpu->mode == VIR_CPU_MODE_CUSTOM && cpu->match)
        virXMLFormatAttr(attrs, "match", virCPUMatchTypeToString(cpu->match));
    if (cpu->check)
        virXMLFormatAttr(attrs, "check", virCPUCheckTypeToString(cpu->check));
    if (cpu->migratable)
        virXMLFormatAttr(attrs, "migratable", virTristateSwitchTypeToString(cpu->migratable));

    if (cpu->model) {
        g_string_append_printf(children, "%*s<model", in, "");
        if (cpu->fallback)
            virXMLFormatAttr(children, "fallback", virCPUFallbackTypeToString(cpu->fallback));
        g_string_append_c(children, '>');
        virBufferEscapeXML(children, cpu->model);
        g_string_append(children, "</model>\n");
    }
    virXMLFormatTextElement(children, in, "vendor", cpu->vendor);
    if (cpu->sockets)
        g_string_append_printf(children,
                               "%*s<topology sockets='%u' dies='%u' cores='%u' threads='%u'/>\n",
                               in, "", cpu->sockets, cpu->dies, cpu->cores, cpu->threads);
    for (i = 0; i < cpu->nfeatures; i++) {
        g_string_append_printf(children, "%*s<feature policy='%s'", in, "",
                               virCPUFeaturePolicyTypeToString(cpu->features[i].policy));
        virXMLFormatAttr(children, "name", cpu->features[i].name);
        g_string_append(children, "/>\n");
    }
    virDomainNumaFormat(children, cpu, in);
    virXMLFormatElement(buf, indent, "cpu", attrs, children);
}

void
virDomainClockDefClear(virDomainClockDef *clock)
{
    g_free(clock->timezone);
    g_free(clock->timers);
    memset(clock, 0, sizeof(*clock));
}

static int
virDomainTimerParseXML(xmlNodePtr node, virDomainClockDef *clock)
{
    virDomainTimerDef timer = { 0 };
    int v = 0;
    int rc;

    rc = virXMLPropEnum(node, "name", virDomainTimerNameTypeFromString, true, &v);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        virReportError(VIR_ERR_XML_ERROR, "missing 'name' attribute in element 'clock/timer'");
        return -1;
    }
    timer.name = v;
    v = 0;
    if (virXMLPropTristateBool(node, "present", &timer.present) < 0 ||
        virXMLPropEnum(node, "tickpolicy", virDomainTimerTickpolicyTypeFromString, false, &v) < 0)
        return -1;
    timer.tickpolicy = v;
    clock->timers = g_renew(virDomainTimerDef, clock->timers, clock->ntimers + 1);
    clock->timers[clock->ntimers++] = timer;
    return 0;
}

int
virDomainClockDefParseXML(xmlNodePtr node, virDomainClockDef *clock)
{
    xmlNodePtr cur;
    int v = 0;

    if (virXMLPropEnum(node, "offset", virDomainClockOffsetTypeFromString, true, &v) < 0)
        return -1;
    clock->offset = v;

    switch (clock->offset) {
    case VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE:
        if (!(clock->timezone = virXMLPropString(node, "timezone"))) {
            virReportError(VIR_ERR_XML_ERROR,
                           "a clock with offset='timezone' needs a 'timezone' attribute");
            return -1;
        }
        break;
    case VIR_DOMAIN_CLOCK_OFFSET_VARIABLE: {
        g_autofree char *adj = virXMLPropString(node, "adjustment");
        char *end = NULL;

        if (adj) {
            errno = 0;
            clock->adjustment = g_ascii_strtoll(adj, &end, 10);
            if (errno || !end || *end || end == adj) {
                virReportError(VIR_ERR_XML_ERROR,
                               "invalid value for attribute 'adjustment' in element 'clock': '%s'",
                               adj);
                return -1;
            }
        }
        v = 0;
        if (virXMLPropEnum(node, "basis", virDomainClockBasisTypeFromString, true, &v) < 0)
            return -1;
        clock->basis = v;
        break;
    }
    default:
        break;
    }

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && xmlStrEqual(cur->name, BAD_CAST "timer") &&
            virDomainTimerParseXML(cur, clock) < 0)
            return -1;
    }
    return 0;
}

void
virDomainClockDefFormat(GString *buf, const virDomainClockDef *clock, int indent)
{
    g_autoptr(GString) attrs = g_string_new(NULL);
    g_autoptr(GString) children = g_string_new(NULL);
    size_t i;

    virXMLFormatAttr(attrs, "offset", virDomainClockOffsetTypeToString(clock->offset));
    if (clock->offset == VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE)
        virXMLFormatAttr(attrs, "timezone", clock->timezone);
    if (clock->offset == VIR_DOMAIN_CLOCK_OFFSET_VARIABLE) {
        virXMLFormatAttrFormat(attrs, "adjustment", "%lld", clock->adjustment);
        virXMLFormatAttr(attrs, "basis", virDomainClockBasisTypeToString(clock->basis));
    }

    for (i = 0; i < clock->ntimers; i++) {
        const virDomainTimerDef *timer = &clock->timers[i];

        g_string_append_printf(children, "%*s<timer name='%s'", indent + 2, "",
                               virDomainTimerNameTypeToString(timer->name));
        if (timer->present)
            virXMLFormatAttr(children, "present", virTristateBoolTypeToString(timer->present));
        if (timer->tickpolicy)
            virXMLFormatAttr(children, "tickpolicy",
                             virDomainTimerTickpolicyTypeToString(timer->tickpolicy));
        g_string_append(children, "/>\n");
    }
    virXMLFormatElement(buf, indent, "clock", attrs, children);
}
