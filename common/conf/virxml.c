#include "virxml.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_XML

VIR_LOG_INIT("conf.xml");

VIR_ENUM_IMPL(virTristateBool, VIR_TRISTATE_BOOL_LAST,
              "absent", "yes", "no");

VIR_ENUM_IMPL(virTristateSwitch, VIR_TRISTATE_SWITCH_LAST,
              "absent", "on", "off");

/* Longest source line quoted back in a syntax error. */
#define VIR_XML_CONTEXT_MAX 80

/* Per-parse state, reached from libxml2's callback through the parser
 * context: nothing global, so concurrent parses do not interfere. */
typedef struct {
    const char *url;
    int domcode;
    bool reported;
} virXMLParseState;

/* Builds the quoted source line and a caret line pointing at where the
 * parser stopped. */
static void
virXMLErrorContext(xmlParserCtxtPtr pctxt, GString *line, GString *caret)
{
    const xmlChar *base;
    const xmlChar *cur;
    const xmlChar *start;
    size_t n = 0;

    if (!pctxt->input || !pctxt->input->base || !pctxt->input->cur)
        return;
    base = pctxt->input->base;
    cur = pctxt->input->cur;

    /* An error reported at a line end belongs to the line before it. */
    while (cur > base && (*cur == '\n' || *cur == '\r' || *cur == '\0'))
        cur--;
    start = cur;
    while (start > base && n++ < VIR_XML_CONTEXT_MAX &&
           start[-1] != '\n' && start[-1] != '\r')
        start--;

    for (n = 0; start[n] && start[n] != '\n' && start[n] != '\r' &&
         n < VIR_XML_CONTEXT_MAX; n++)
        g_string_append_c(line, start[n]);
    for (n = 0; start + n < pctxt->input->cur && n < line->len; n++)
        g_string_append_c(caret, '-');
    g_string_append_c(caret, '^');
}

static void
virXMLCatchError(void *opaque, xmlErrorPtr err)
{
    xmlParserCtxtPtr pctxt = opaque;
    virXMLParseState *state;
    g_autoptr(GString) line = g_string_new(NULL);
    g_autoptr(GString) caret = g_string_new(NULL);
    g_autofree char *msg = NULL;

    if (!pctxt || !(state = pctxt->_private))
        return;
    /* Keep the first error: later ones are usually its consequences. */
    if (state->reported || !err || err->level < XML_ERR_ERROR)
        return;
    state->reported = true;

    msg = g_strdup(err->message ? err->message : "unknown error");
    g_strchomp(msg);
    virXMLErrorContext(pctxt, line, caret);
    virErrorReportFull(state->domcode, VIR_ERR_XML_DETAIL, "%s:%d: %s\n%s\n%s",
                       state->url, err->line, msg, line->str, caret->str);
}

static gsize virXMLInitialized;

xmlDocPtr
virXMLParseString(const char *xml, const char *url,
                  const char *rootName, int domcode)
{
    virXMLParseState state = { .url = url, .domcode = domcode };
    xmlParserCtxtPtr pctxt;
    xmlDocPtr doc;
    xmlNodePtr root;

    if (g_once_init_enter(&virXMLInitialized)) {
        xmlInitParser();
        g_once_init_leave(&virXMLInitialized, 1);
    }

    if (!xml || !*xml) {
        virErrorReportFull(domcode, VIR_ERR_XML_ERROR, "empty document %s", url);
        return NULL;
    }

    pctxt = xmlNewParserCtxt();
    if (!pctxt || !pctxt->sax) {
        virErrorReportFull(domcode, VIR_ERR_INTERNAL_ERROR,
                           "cannot allocate an XML parser context");
        xmlFreeParserCtxt(pctxt);
        return NULL;
    }
    pctxt->_private = &state;
    pctxt->sax->serror = virXMLCatchError;

    /* No network, no entity substitution: documents come from clients. */
    doc = xmlCtxtReadMemory(pctxt, xml, strlen(xml), url, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (doc && !pctxt->wellFormed) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(pctxt);

    if (!doc) {
        if (!state.reported)
            virErrorReportFull(domcode, VIR_ERR_XML_ERROR,
                               "failed to parse document %s", url);
        return NULL;
    }

    root = xmlDocGetRootElement(doc);
    if (!root || (rootName && !xmlStrEqual(root->name, BAD_CAST rootName))) {
        virErrorReportFull(domcode, VIR_ERR_XML_ERROR,
                           "expected root element '%s', found '%s'", rootName,
                           root ? (const char *)root->name : "");
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

char *
virXMLPropString(xmlNodePtr node, const char *name)
{
    xmlChar *val = xmlGetNoNsProp(node, BAD_CAST name);
    char *ret;

    if (!val)
        return NULL;
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}

static void
virXMLReportInvalidProp(xmlNodePtr node, const char *name, const char *value)
{
    virReportError(VIR_ERR_XML_ERROR,
                   "invalid value for attribute '%s' in element '%s': '%s'",
                   name, (const char *)node->name, value);
}

int
virXMLPropEnum(xmlNodePtr node, const char *name,
               int (*fromString)(const char *), bool allowZero,
               int *result)
{
    g_autofree char *val = virXMLPropString(node, name);
    int v;

    if (!val)
        return 0;
    v = fromString(val);
    if (v < 0 || (v == 0 && !allowZero)) {
        virXMLReportInvalidProp(node, name, val);
        return -1;
    }
    *result = v;
    return 1;
}

int
virXMLPropTristateBool(xmlNodePtr node, const char *name,
                       virTristateBool *result)
{
    int v = 0;
    int rc = virXMLPropEnum(node, name, virTristateBoolTypeFromString, false, &v);

    if (rc == 1)
        *result = v;
    return rc;
}

int
virXMLPropTristateSwitch(xmlNodePtr node, const char *name,
                         virTristateSwitch *result)
{
    int v = 0;
    int rc = virXMLPropEnum(node, name, virTristateSwitchTypeFromString, false, &v);

    if (rc == 1)
        *result = v;
    return rc;
}

int
virXMLStrToULL(const char *text, int base, unsigned long long *result)
{
    g_autofree char *copy = NULL;
    char *end = NULL;
    unsigned long long v;

    if (!text)
        return -1;
    copy = g_strstrip(g_strdup(text));
    if (!*copy || *copy == '-' || *copy == '+')
        return -1;
    errno = 0;
    v = strtoull(copy, &end, base);
    if (errno || !end || *end)
        return -1;
    *result = v;
    return 0;
}

int
virXMLPropULongLong(xmlNodePtr node, const char *name,
                    unsigned long long *result)
{
    g_autofree char *val = virXMLPropString(node, name);

    if (!val)
        return 0;
    if (virXMLStrToULL(val, 10, result) < 0) {
        virXMLReportInvalidProp(node, name, val);
        return -1;
    }
    return 1;
}

int
virXMLPropUInt(xmlNodePtr node, const char *name, int base,
               unsigned int *result)
{
    g_autofree char *val = virXMLPropString(node, name);
    unsigned long long v;

    if (!val)
        return 0;
    if (virXMLStrToULL(val, base, &v) < 0 || v > G_MAXUINT) {
        virXMLReportInvalidProp(node, name, val);
        return -1;
    }
    *result = v;
    return 1;
}

int
virXMLPropInt(xmlNodePtr node, const char *name, int *result)
{
    g_autofree char *val = virXMLPropString(node, name);
    g_autofree char *copy = NULL;
    char *end = NULL;
    long v;

    if (!val)
        return 0;
    copy = g_strstrip(g_strdup(val));
    errno = 0;
    v = strtol(copy, &end, 10);
    if (!*copy || errno || !end || *end || v < G_MININT || v > G_MAXINT) {
        virXMLReportInvalidProp(node, name, val);
        return -1;
    }
    *result = v;
    return 1;
}

xmlNodePtr
virXMLChild(xmlNodePtr node, const char *name)
{
    xmlNodePtr cur;

    for (cur = node ? node->children : NULL; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && xmlStrEqual(cur->name, BAD_CAST name))
            return cur;
    }
    return NULL;
}

char *
virXMLNodeText(xmlNodePtr node)
{
    xmlChar *val;
    char *ret;

    if (!node)
        return NULL;
    val = xmlNodeGetContent(node);
    ret = g_strdup(val ? (const char *)val : "");
    xmlFree(val);
    return ret;
}

char *
virXMLChildText(xmlNodePtr node, const char *name)
{
    return virXMLNodeText(virXMLChild(node, name));
}

int
virXMLScaleInteger(unsigned long long *value, const char *unit,
                   unsigned long long defaultScale,
                   unsigned long long limit, const char *element)
{
    unsigned long long scale = defaultScale;

    if (unit && *unit) {
        const char *rest = unit + 1;
        unsigned long long base = 0;
        int power = 0;

        switch (g_ascii_tolower(unit[0])) {
        case 'b':
            if (*rest && g_ascii_strcasecmp(unit, "byte") != 0 &&
                g_ascii_strcasecmp(unit, "bytes") != 0)
                goto unknown;
            scale = 1;
            break;
        case 'k': power = 1; break;
        case 'm': power = 2; break;
        case 'g': power = 3; break;
        case 't': power = 4; break;
        case 'p': power = 5; break;
        case 'e': power = 6; break;
        default:
            goto unknown;
        }
        if (power) {
            /* "KiB" and a bare "k" are binary, "KB" is decimal. */
            if (!*rest || strcmp(rest, "iB") == 0)
                base = 1024;
            else if (strcmp(rest, "B") == 0)
                base = 1000;
            else
                goto unknown;
            for (scale = 1; power > 0; power--)
                scale *= base;
        }
    }

    if (*value && *value > limit / scale) {
        virReportError(VIR_ERR_XML_ERROR,
                       "value of element '%s' is too large (the limit is %llu bytes)",
                       element, limit);
        return -1;
    }
    *value *= scale;
    return 0;

 unknown:
    virReportError(VIR_ERR_XML_ERROR, "unknown unit '%s' in element '%s'",
                   unit, element);
    return -1;
}

int
virXMLParseScaledMemory(xmlNodePtr parent, const char *element,
                        unsigned long long limitBytes,
                        unsigned long long *kib)
{
    xmlNodePtr node = virXMLChild(parent, element);
    g_autofree char *text = NULL;
    g_autofree char *unit = NULL;
    unsigned long long bytes;

    if (!node)
        return 0;
    text = virXMLNodeText(node);
    if (virXMLStrToULL(text, 10, &bytes) < 0) {
        virReportError(VIR_ERR_XML_ERROR, "invalid value of element '%s': '%s'",
                       element, text);
        return -1;
    }
    unit = virXMLPropString(node, "unit");
    if (virXMLScaleInteger(&bytes, unit, 1024, limitBytes, element) < 0)
        return -1;
    /* Sizes are kept in KiB; a partial KiB still needs backing. */
    *kib = bytes / 1024 + (bytes % 1024 ? 1 : 0);
    return 1;
}


void
virXMLFormatAttr(GString *buf, const char *name, const char *value)
{
    if (!value)
        return;
    g_string_append_printf(buf, " %s='", name);
    virBufferEscapeXML(buf, value);
    g_string_append_c(buf, '\'');
}

void
virXMLFormatAttrFormat(GString *buf, const char *name, const char *fmt, ...)
{
    g_autofree char *value = NULL;
    va_list ap;

    va_start(ap, fmt);
    value = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    virXMLFormatAttr(buf, name, value);
}

void
virXMLFormatTextElement(GString *buf, int indent, const char *name,
                        const char *text)
{
    if (!text)
        return;
    g_string_append_printf(buf, "%*s<%s>", indent, "", name);
    virBufferEscapeXML(buf, text);
    g_string_append_printf(buf, "</%s>\n", name);
}

void
virXMLFormatElement(GString *buf, int indent, const char *name,
                    const GString *attrs, const GString *children)
{
    g_string_append_printf(buf, "%*s<%s%s", indent, "", name,
                           attrs ? attrs->str : "");
    if (!children || children->len == 0) {
        g_string_append(buf, "/>\n");
        return;
    }
    g_string_append(buf, ">\n");
    g_string_append(buf, children->str);
    g_string_append_printf(buf, "%*s</%s>\n", indent, "", name);
}
