#include "secret_conf.h"

#include <string.h>

#include <libxml/tree.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

VIR_LOG_INIT("conf.secret_conf");

VIR_ENUM_IMPL(virSecretUsage, VIR_SECRET_USAGE_TYPE_LAST,
              "none", "volume", "ceph", "iscsi", "tls", "vtpm");

/* Indexed by virSecretUsageType. */
static const char *const virSecretUsageIDElements[] = {
    NULL, "volume", "name", "target", "name", "name",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virSecretUsageIDElements) == VIR_SECRET_USAGE_TYPE_LAST);

const char *
virSecretUsageIDElement(int usageType)
{
    if (usageType < 0 || usageType >= VIR_SECRET_USAGE_TYPE_LAST)
        return NULL;
    return virSecretUsageIDElements[usageType];
}

void
virSecretDefFree(virSecretDef *def)
{
    if (!def)
        return;
    g_free(def->description);
    g_free(def->usageID);
    g_free(def);
}

/* Text of a child element; an empty one counts as absent. */
static char *
virSecretChildText(xmlNodePtr node, const char *name)
{
    char *text = virXMLChildText(node, name);

    if (text && !*text)
        g_clear_pointer(&text, g_free);
    return text;
}

static bool
virSecretNameIn(const xmlChar *name, const char *const *allowed)
{
    for (; *allowed; allowed++) {
        if (xmlStrEqual(name, BAD_CAST *allowed))
            return true;
    }
    return false;
}

/* What VIR_SECRET_DEFINE_VALIDATE adds: no attribute or element the
 * format does not know. */
static int
virSecretCheckNode(xmlNodePtr node, const char *const *attrs,
                   const char *const *children)
{
    xmlAttrPtr attr;
    xmlNodePtr cur;

    for (attr = node->properties; attr; attr = attr->next) {
        if (!virSecretNameIn(attr->name, attrs)) {
            virReportError(VIR_ERR_XML_INVALID_SCHEMA,
                           "unexpected attribute '%s' in element '%s'",
                           (const char *)attr->name, (const char *)node->name);
            return -1;
        }
    }
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (!virSecretNameIn(cur->name, children)) {
            virReportError(VIR_ERR_XML_INVALID_SCHEMA,
                           "unexpected element '%s' in element '%s'",
                           (const char *)cur->name, (const char *)node->name);
            return -1;
        }
    }
    return 0;
}

static int
virSecretDefCheckSchema(xmlNodePtr root, const virSecretDef *def)
{
    static const char *const rootAttrs[] = { "ephemeral", "private", NULL };
    static const char *const rootChildren[] = { "uuid", "description", "usage", NULL };
    static const char *const usageAttrs[] = { "type", NULL };
    static const char *const noChildren[] = { NULL };
    const char *usageChildren[] = { virSecretUsageIDElement(def->usageType), NULL };
    xmlNodePtr usage = virXMLChild(root, "usage");

    if (virSecretCheckNode(root, rootAttrs, rootChildren) < 0)
        return -1;
    if (usage && virSecretCheckNode(usage, usageAttrs,
                                    usageChildren[0] ? usageChildren : noChildren) < 0)
        return -1;
    return 0;
}

static int
virSecretDefParseUsage(xmlNodePtr node, virSecretDef *def)
{
    g_autofree char *type = virXMLPropString(node, "type");
    const char *element;

    if (!type) {
        virReportError(VIR_ERR_XML_ERROR, "%s",
                       "missing 'type' attribute in element 'usage'");
        return -1;
    }
    if ((def->usageType = virSecretUsageTypeFromString(type)) < 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown secret usage type '%s'", type);
        return -1;
    }
    if ((element = virSecretUsageIDElement(def->usageType)))
        def->usageID = virSecretChildText(node, element);
    return 0;
}

virSecretDef *
virSecretDefParseNode(xmlNodePtr root, unsigned int flags)
{
    g_autoptr(virSecretDef) def = g_new0(virSecretDef, 1);
    g_autofree char *uuid = NULL;
    virTristateBool ephemeral = VIR_TRISTATE_BOOL_ABSENT;
    virTristateBool private = VIR_TRISTATE_BOOL_ABSENT;
    xmlNodePtr node;

    if (!root || !xmlStrEqual(root->name, BAD_CAST "secret")) {
        virReportError(VIR_ERR_XML_ERROR, "expected root element 'secret', found '%s'",
                       root ? (const char *)root->name : "");
        return NULL;
    }

    if (virXMLPropTristateBool(root, "ephemeral", &ephemeral) < 0 ||
        virXMLPropTristateBool(root, "private", &private) < 0)
        return NULL;
    def->isEphemeral = ephemeral == VIR_TRISTATE_BOOL_YES;
    def->isPrivate = private == VIR_TRISTATE_BOOL_YES;

    if ((uuid = virSecretChildText(root, "uuid"))) {
        if (virUUIDParse(uuid, def->uuid) < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "malformed uuid '%s' in element 'uuid'",
                           uuid);
            return NULL;
        }
    } else {
        virUUIDGenerate(def->uuid);
    }

    def->description = virSecretChildText(root, "description");
    def->usageType = VIR_SECRET_USAGE_TYPE_NONE;
    if ((node = virXMLChild(root, "usage")) && virSecretDefParseUsage(node, def) < 0)
        return NULL;

    if ((flags & VIR_SECRET_DEF_PARSE_VALIDATE) && virSecretDefCheckSchema(root, def) < 0)
        return NULL;
    if (virSecretDefValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

virSecretDef *
virSecretDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = virXMLParseString(xml, "(definition_of_secret)", "secret",
                                              VIR_FROM_SECRET);

    if (!doc)
        return NULL;
    return virSecretDefParseNode(xmlDocGetRootElement(doc), flags);
}

int
virSecretDefValidate(const virSecretDef *def)
{
    const char *element = virSecretUsageIDElement(def->usageType);

    if (def->usageType < 0 || def->usageType >= VIR_SECRET_USAGE_TYPE_LAST) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "unexpected secret usage type %d",
                       def->usageType);
        return -1;
    }
    if (element && (!def->usageID || !*def->usageID)) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "secret usage '%s' needs a non-empty <%s> element",
                       virSecretUsageTypeToString(def->usageType), element);
        return -1;
    }
    if (!element && def->usageID) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "a secret without usage cannot have a usage id");
        return -1;
    }
    return 0;
}

char *
virSecretDefFormat(const virSecretDef *def)
{
    GString *buf = g_string_new(NULL);
    char uuid[VIR_UUID_STRING_BUFLEN];
    const char *element = virSecretUsageIDElement(def->usageType);

    g_string_append_printf(buf, "<secret ephemeral='%s' private='%s'>\n",
                           def->isEphemeral ? "yes" : "no",
                           def->isPrivate ? "yes" : "no");
    virXMLFormatTextElement(buf, 2, "uuid", virUUIDFormat(def->uuid, uuid));
    virXMLFormatTextElement(buf, 2, "description", def->description);
    if (element) {
        g_string_append_printf(buf, "  <usage type='%s'>\n",
                               virSecretUsageTypeToString(def->usageType));
        virXMLFormatTextElement(buf, 4, element, def->usageID);
        g_string_append(buf, "  </usage>\n");
    }
    g_string_append(buf, "</secret>\n");
    return g_string_free(buf, FALSE);
}

virSecretDef *
virSecretDefCopy(const virSecretDef *def)
{
    virSecretDef *copy = g_new0(virSecretDef, 1);

    *copy = *def;
    copy->description = g_strdup(def->description);
    copy->usageID = g_strdup(def->usageID);
    return copy;
}
