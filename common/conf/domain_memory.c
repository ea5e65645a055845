/* Guest memory beyond its size: <maxMemory slots>, <memoryBacking> and
 * the NUMA cells of <cpu><numa>. */
#include "domain_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_LOG_INIT("conf.domain_memory");

VIR_ENUM_IMPL(virDomainMemorySource, VIR_DOMAIN_MEMORY_SOURCE_LAST,
              "none", "file", "anonymous", "memfd");

VIR_ENUM_IMPL(virDomainMemoryAccess, VIR_DOMAIN_MEMORY_ACCESS_LAST,
              "default", "shared", "private");

/* A size attribute with its unit attribute (default KiB), in KiB. */
static int
virDomainParseScaledAttr(xmlNodePtr node, const char *name, const char *unitName,
                         const char *element, unsigned long long *kib)
{
    g_autofree char *unit = virXMLPropString(node, unitName);
    unsigned long long value = 0;
    int rc;

    if ((rc = virXMLPropULongLong(node, name, &value)) <= 0)
        return rc;
    if (virXMLScaleInteger(&value, unit, 1024, VIR_DOMAIN_MEMORY_MAX_BYTES, element) < 0)
        return -1;
    *kib = (value + 1023) / 1024;
    return 1;
}

int
virDomainMaxMemoryParseXML(xmlNodePtr root, virDomainDef *def)
{
    xmlNodePtr node = virXMLChild(root, "maxMemory");
    int rc;

    if (!node)
        return 0;
    if (virXMLParseScaledMemory(root, "maxMemory", VIR_DOMAIN_MEMORY_MAX_BYTES,
                                &def->maxMemory) < 0)
        return -1;
    if ((rc = virXMLPropUInt(node, "slots", 10, &def->maxMemorySlots)) < 0)
        return -1;
    if (rc == 0 || def->maxMemorySlots == 0 || def->maxMemory == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "both maximum memory size and memory slot count must be specified");
        return -1;
    }
    return 0;
}

int
virDomainMemoryBackingParseXML(xmlNodePtr node, virDomainDef *def)
{
    virDomainMemoryBackingDef *mem = &def->mem;
    xmlNodePtr child;
    int v = 0;

    if ((child = virXMLChild(node, "hugepages"))) {
        xmlNodePtr page = virXMLChild(child, "page");

        mem->hugepages = true;
        if (page && virDomainParseScaledAttr(page, "size", "unit", "page",
                                             &mem->hugepageSize) < 0)
            return -1;
    }
    mem->nosharepages = virXMLChild(node, "nosharepages") != NULL;
    mem->locked = virXMLChild(node, "locked") != NULL;
    mem->discard = virXMLChild(node, "discard") != NULL;
    if ((child = virXMLChild(node, "source"))) {
        if (virXMLPropEnum(child, "type", virDomainMemorySourceTypeFromString, false, &v) < 0)
            return -1;
        mem->source = v;
    }
    if ((child = virXMLChild(node, "access"))) {
        v = 0;
        if (virXMLPropEnum(child, "mode", virDomainMemoryAccessTypeFromString, false, &v) < 0)
            return -1;
        mem->access = v;
    }
    if (mem->hugepages && mem->source == VIR_DOMAIN_MEMORY_SOURCE_ANONYMOUS) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "hugepages are not allowed with anonymous memory source");
        return -1;
    }
    return 0;
}

void
virDomainMaxMemoryFormat(GString *buf, const virDomainDef *def, int indent)
{
    if (!def->maxMemory)
        return;
    g_string_append_printf(buf, "%*s<maxMemory slots='%u' unit='KiB'>%llu</maxMemory>\n",
                           indent, "", def->maxMemorySlots, def->maxMemory);
}

void
virDomainMemoryBackingFormat(GString *buf, const virDomainDef *def, int indent)
{
    const virDomainMemoryBackingDef *mem = &def->mem;
    g_autoptr(GString) children = g_string_new(NULL);
    int in = indent + 2;

    if (mem->hugepages && mem->hugepageSize) {
        g_string_append_printf(children, "%*s<hugepages>\n", in, "");
        g_string_append_printf(children, "%*s<page size='%llu' unit='KiB'/>\n", in + 2, "",
                               mem->hugepageSize);
        g_string_append_printf(children, "%*s</hugepages>\n", in, "");
    } else if (mem->hugepages) {
        g_string_append_printf(children, "%*s<hugepages/>\n", in, "");
    }
    if (mem->nosharepages)
        g_string_append_printf(children, "%*s<nosharepages/>\n", in, "");
    if (mem->locked)
        g_string_append_printf(children, "%*s<locked/>\n", in, "");
    if (mem->source)
        g_string_append_printf(children, "%*s<source type='%s'/>\n", in, "",
                               virDomainMemorySourceTypeToString(mem->source));
    if (mem->access)
        g_string_append_printf(children, "%*s<access mode='%s'/>\n", in, "",
                               virDomainMemoryAccessTypeToString(mem->access));
    if (mem->discard)
        g_string_append_printf(children, "%*s<discard/>\n", in, "");
    if (children->len)
        virXMLFormatElement(buf, indent, "memoryBacking", NULL, children);
}

/* ---- NUMA cells ---- */

static int
virDomainNumaCellParseXML(xmlNodePtr node, virDomainNumaCell *cell)
{
    int v = 0;
    int rc;

    if ((rc = virXMLPropUInt(node, "id", 10, &cell->id)) < 0)
        return -1;
    if (!(cell->cpus = virXMLPropString(node, "cpus")) ||
        strspn(cell->cpus, "0123456789,-") != strlen(cell->cpus) || !*cell->cpus) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "missing or invalid 'cpus' attribute in NUMA cell");
        return -1;
    }
    if ((rc = virDomainParseScaledAttr(node, "memory", "unit", "cell", &cell->memory)) < 0)
        return -1;
    if (rc == 0 || cell->memory == 0) {
        virReportError(VIR_ERR_XML_ERROR, "%s", "missing 'memory' attribute in NUMA cell");
        return -1;
    }
    if (virXMLPropEnum(node, "memAccess", virDomainMemoryAccessTypeFromString, false, &v) < 0)
        return -1;
    cell->memAccess = v;
    return 0;
}

int
virDomainNumaParseXML(xmlNodePtr node, virDomainCPUDef *cpu)
{
    xmlNodePtr cur;
    size_t i;

    for (cur = node->children; cur; cur = cur->next) {
        virDomainNumaCell *cell;

        if (cur->type != XML_ELEMENT_NODE || !xmlStrEqual(cur->name, BAD_CAST "cell"))
            continue;
        cpu->cells = g_renew(virDomainNumaCell, cpu->cells, cpu->ncells + 1);
        cell = &cpu->cells[cpu->ncells++];
        memset(cell, 0, sizeof(*cell));
        cell->id = cpu->ncells - 1;
        if (virDomainNumaCellParseXML(cur, cell) < 0)
            return -1;
    }
    for (i = 0; i < cpu->ncells; i++) {
        if (cpu->cells[i].id != i) {
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           "NUMA cells must be numbered in order from 0");
            return -1;
        }
    }
    return 0;
}

void
virDomainNumaFormat(GString *buf, const virDomainCPUDef *cpu, int indent)
{
    size_t i;

    if (!cpu->ncells)
        return;
    g_string_append_printf(buf, "%*s<numa>\n", indent, "");
    for (i = 0; i < cpu->ncells; i++) {
        const virDomainNumaCell *cell = &cpu->cells[i];

        g_string_append_printf(buf, "%*s<cell id='%u' cpus='%s' memory='%llu' unit='KiB'",
                               indent + 2, "", cell->id, cell->cpus, cell->memory);
        if (cell->memAccess)
            g_string_append_printf(buf, " memAccess='%s'",
                                   virDomainMemoryAccessTypeToString(cell->memAccess));
        g_string_append(buf, "/>\n");
    }
    g_string_append_printf(buf, "%*s</numa>\n", indent, "");
}

void
virDomainNumaClear(virDomainCPUDef *cpu)
{
    size_t i;

    for (i = 0; i < cpu->ncells; i++)
        g_free(cpu->cells[i].cpus);
    g_clear_pointer(&cpu->cells, g_free);
    cpu->ncells = 0;
}

unsigned long long
virDomainNumaTotalMemory(const virDomainDef *def)
{
    unsigned long long total = 0;
    size_t i;

    for (i = 0; def->cpu && i < def->cpu->ncells; i++)
        total += def->cpu->cells[i].memory;
    return total;
}
