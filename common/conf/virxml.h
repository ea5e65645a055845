/* Small libxml2 helpers shared by every XML format of the project:
 * parsing with errors captured per document, typed attribute access, and
 * formatting with libvirt's escaping and two-space indentation.
 *
 * Attribute getters return 1 when the attribute was set and parsed, 0 when
 * it is absent (the result is left untouched), -1 after reporting an error
 * that names the attribute, the element and the value. */
#pragma once

#include "internal.h"
#include "virenum.h"
#include "virstring.h"

#include <libxml/tree.h>

typedef enum {
    VIR_TRISTATE_BOOL_ABSENT = 0,
    VIR_TRISTATE_BOOL_YES,
    VIR_TRISTATE_BOOL_NO,
    VIR_TRISTATE_BOOL_LAST
} virTristateBool;
VIR_ENUM_DECL(virTristateBool);

typedef enum {
    VIR_TRISTATE_SWITCH_ABSENT = 0,
    VIR_TRISTATE_SWITCH_ON,
    VIR_TRISTATE_SWITCH_OFF,
    VIR_TRISTATE_SWITCH_LAST
} virTristateSwitch;
VIR_ENUM_DECL(virTristateSwitch);

/* Parses xml into a document whose root must be named rootName (NULL: any).
 * url names the document in messages, e.g. "(domain_definition)".
 * Syntax errors are reported as VIR_ERR_XML_DETAIL in domain domcode with
 * the line, libxml2's message, the offending line and a caret. */
xmlDocPtr virXMLParseString(const char *xml, const char *url,
                            const char *rootName, int domcode);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc);

/* The attribute's value (caller frees), or NULL. */
char *virXMLPropString(xmlNodePtr node, const char *name);

/* Enum attribute through a TypeFromString function. With allowZero false,
 * the enum's first value (its "absent"/"default" slot) is refused. */
int virXMLPropEnum(xmlNodePtr node, const char *name,
                   int (*fromString)(const char *), bool allowZero,
                   int *result);
int virXMLPropTristateBool(xmlNodePtr node, const char *name,
                           virTristateBool *result);
int virXMLPropTristateSwitch(xmlNodePtr node, const char *name,
                             virTristateSwitch *result);
/* base 0 accepts "0x1f" as well as "31". */
int virXMLPropUInt(xmlNodePtr node, const char *name, int base,
                   unsigned int *result);
int virXMLPropInt(xmlNodePtr node, const char *name, int *result);
int virXMLPropULongLong(xmlNodePtr node, const char *name,
                        unsigned long long *result);

/* Parses text as an unsigned decimal number: -1 (nothing reported) if it
 * is not one, is negative, or overflows. */
int virXMLStrToULL(const char *text, int base, unsigned long long *result);

/* First element child of node with that name, or NULL. */
xmlNodePtr virXMLChild(xmlNodePtr node, const char *name);
/* Text content of a node / of its first child called name (caller frees);
 * NULL when the child is absent. */
char *virXMLNodeText(xmlNodePtr node);
char *virXMLChildText(xmlNodePtr node, const char *name);

/* Multiplies *value by the unit ("b", "bytes", "KiB", "k", "KB", "M", ...;
 * NULL or "" means defaultScale). Fails (reporting, naming element) on an
 * unknown unit or when the result exceeds limit bytes. */
int virXMLScaleInteger(unsigned long long *value, const char *unit,
                       unsigned long long defaultScale,
                       unsigned long long limit, const char *element);

/* <element unit='...'>N</element> below parent, converted to KiB (rounded
 * up). 0 when absent, 1 when set, -1 reported. */
int virXMLParseScaledMemory(xmlNodePtr parent, const char *element,
                            unsigned long long limitBytes,
                            unsigned long long *kib);

/* Formatting. indent is a column count (two spaces per level). */
/* " name='value'" escaped; nothing when value is NULL. */
void virXMLFormatAttr(GString *buf, const char *name, const char *value);
void virXMLFormatAttrFormat(GString *buf, const char *name, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
/* <name>text</name> on its own line; nothing when text is NULL. */
void virXMLFormatTextElement(GString *buf, int indent, const char *name,
                             const char *text);
/* <name attrs/> when children is empty, otherwise
 * <name attrs>\n children </name>. attrs/children may be NULL; children
 * must already be indented to indent + 2. */
void virXMLFormatElement(GString *buf, int indent, const char *name,
                         const GString *attrs, const GString *children);
