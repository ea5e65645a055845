#include "virstring.h"

void
virBufferEscapeXML(GString *buf, const char *str)
{
    const unsigned char *p;

    for (p = (const unsigned char *)str; p && *p; p++) {
        switch (*p) {
        case '<': g_string_append(buf, "&lt;"); break;
        case '>': g_string_append(buf, "&gt;"); break;
        case '&': g_string_append(buf, "&amp;"); break;
        case '\'': g_string_append(buf, "&apos;"); break;
        case '"': g_string_append(buf, "&quot;"); break;
        default:
            /* Other control characters cannot appear in XML 1.0. */
            if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
                break;
            g_string_append_c(buf, *p);
        }
    }
}
