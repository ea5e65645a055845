/* <sysinfo type='smbios'>: what the guest's SMBIOS tables say about its
 * BIOS, system, board and chassis, plus OEM strings. */
#include "domain_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_sysinfo");

VIR_ENUM_IMPL(virDomainSmbiosMode, VIR_DOMAIN_SMBIOS_LAST,
              "none", "emulate", "host", "sysinfo");

VIR_ENUM_IMPL(virDomainSysinfoSection, VIR_DOMAIN_SYSINFO_LAST,
              "bios", "system", "baseBoard", "chassis", "oemStrings");

void
virDomainSysinfoClear(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nsysinfo; i++) {
        g_free(def->sysinfo[i].name);
        g_free(def->sysinfo[i].value);
    }
    g_clear_pointer(&def->sysinfo, g_free);
    def->nsysinfo = 0;
    def->hasSysinfo = false;
}

/* The entry names each section knows (the SMBIOS fields). */
static const char *const virDomainSysinfoNames[VIR_DOMAIN_SYSINFO_LAST][8] = {
    [VIR_DOMAIN_SYSINFO_BIOS] = { "vendor", "version", "date", "release" },
    [VIR_DOMAIN_SYSINFO_SYSTEM] = { "manufacturer", "product", "version", "serial", "uuid",
                                    "sku", "family" },
    [VIR_DOMAIN_SYSINFO_BASEBOARD] = { "manufacturer", "product", "version", "serial",
                                       "asset", "location" },
    [VIR_DOMAIN_SYSINFO_CHASSIS] = { "manufacturer", "version", "serial", "asset", "sku" },
};

static bool
virDomainSysinfoNameIsKnown(virDomainSysinfoSection section, const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(virDomainSysinfoNames[section]); i++) {
        if (g_strcmp0(virDomainSysinfoNames[section][i], name) == 0)
            return true;
    }
    return false;
}

static int
virDomainSysinfoSectionParseXML(xmlNodePtr node, virDomainSysinfoSection section,
                                virDomainDef *def)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        virDomainSysinfoEntry *entry;
        g_autofree char *name = NULL;

        if (cur->type != XML_ELEMENT_NODE || !xmlStrEqual(cur->name, BAD_CAST "entry"))
            continue;
        name = virXMLPropString(cur, "name");
        if (!name && section != VIR_DOMAIN_SYSINFO_OEMSTRINGS) {
            virReportError(VIR_ERR_XML_ERROR, "missing 'name' attribute of an entry in <%s>",
                           virDomainSysinfoSectionTypeToString(section));
            return -1;
        }
        if (name && section != VIR_DOMAIN_SYSINFO_OEMSTRINGS &&
            !virDomainSysinfoNameIsKnown(section, name)) {
            virReportError(VIR_ERR_XML_ERROR, "unknown entry '%s' in sysinfo <%s>", name,
                           virDomainSysinfoSectionTypeToString(section));
            return -1;
        }
        def->sysinfo = g_renew(virDomainSysinfoEntry, def->sysinfo, def->nsysinfo + 1);
        entry = &def->sysinfo[def->nsysinfo++];
        entry->section = section;
        entry->name = section == VIR_DOMAIN_SYSINFO_OEMSTRINGS ? NULL : g_steal_pointer(&name);
        entry->value = virXMLNodeText(cur);
    }
    return 0;
}

int
virDomainSysinfoParseXML(xmlNodePtr node, virDomainDef *def)
{
    g_autofree char *type = virXMLPropString(node, "type");
    int s;

    if (g_strcmp0(type, "smbios") != 0) {
        virReportError(VIR_ERR_XML_ERROR, "unknown sysinfo type '%s'", type ? type : "");
        return -1;
    }
    def->hasSysinfo = true;
    /* Grouped by section, in libvirt's order, whatever the input's. */
    for (s = 0; s < VIR_DOMAIN_SYSINFO_LAST; s++) {
        xmlNodePtr child = virXMLChild(node, virDomainSysinfoSectionTypeToString(s));

        if (child && virDomainSysinfoSectionParseXML(child, s, def) < 0)
            return -1;
    }
    return 0;
}

void
virDomainSysinfoFormat(GString *buf, const virDomainDef *def, int indent)
{
    int s;
    size_t i;

    if (!def->hasSysinfo)
        return;
    g_string_append_printf(buf, "%*s<sysinfo type='smbios'>\n", indent, "");
    for (s = 0; s < VIR_DOMAIN_SYSINFO_LAST; s++) {
        bool open = false;

        for (i = 0; i < def->nsysinfo; i++) {
            const virDomainSysinfoEntry *entry = &def->sysinfo[i];

            if (entry->section != (virDomainSysinfoSection)s)
                continue;
            if (!open) {
                g_string_append_printf(buf, "%*s<%s>\n", indent + 2, "",
                                       virDomainSysinfoSectionTypeToString(s));
                open = true;
            }
            g_string_append_printf(buf, "%*s<entry", indent + 4, "");
            virXMLFormatAttr(buf, "name", entry->name);
            g_string_append_c(buf, '>');
            virBufferEscapeXML(buf, entry->value ? entry->value : "");
            g_string_append(buf, "</entry>\n");
        }
        if (open)
            g_string_append_printf(buf, "%*s</%s>\n", indent + 2, "",
                                   virDomainSysinfoSectionTypeToString(s));
    }
    g_string_append_printf(buf, "%*s</sysinfo>\n", indent, "");
}
