#include "viruri.h"

#include <arpa/inet.h>
#include <string.h>

#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_URI

VIR_ENUM_IMPL(virURITransport, VIR_URI_TRANSPORT_LAST,
              "unix", "tls", "tcp", "ssh", "ext", "libssh", "libssh2");

/* Character classes of RFC 3986, section 2. */
#define VIR_URI_SUB_DELIMS "!$&'()*+,;="

static bool
virURIIsUnreserved(char c)
{
    return g_ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static bool
virURIIsIn(char c, const char *set)
{
    return c != '\0' && strchr(set, c) != NULL;
}

/* One parse: the text for messages and the reason of the first failure. */
typedef struct {
    const char *text;
    char *why;
} virURIParser;

static int
virURIFail(virURIParser *ps, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static int
virURIFail(virURIParser *ps, const char *fmt, ...)
{
    va_list ap;

    if (ps->why)
        return -1;
    va_start(ap, fmt);
    ps->why = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return -1;
}

/* "character ' '" for a printable character, "byte 0x07" otherwise. */
static char *
virURIDescribeChar(char c)
{
    if (g_ascii_isgraph(c) || c == ' ')
        return g_strdup_printf("character '%c'", c);
    return g_strdup_printf("byte 0x%02x", (unsigned char)c);
}

/* Checks that [start, start+len) holds only unreserved characters,
 * sub-delims, the characters of extra and well-formed %XX escapes. */
static int
virURICheckPart(virURIParser *ps, const char *start, size_t len,
                const char *extra, const char *what)
{
    size_t i;

    for (i = 0; i < len; i++) {
        char c = start[i];

        if (c == '%') {
            if (i + 2 >= len)
                return virURIFail(ps, "incomplete %%-escape in %s", what);
            if (!g_ascii_isxdigit(start[i + 1]) || !g_ascii_isxdigit(start[i + 2]))
                return virURIFail(ps, "invalid %%-escape '%%%c%c' in %s",
                                  start[i + 1], start[i + 2], what);
            i += 2;
            continue;
        }
        if (!virURIIsUnreserved(c) && !virURIIsIn(c, VIR_URI_SUB_DELIMS) &&
            !virURIIsIn(c, extra)) {
            g_autofree char *desc = virURIDescribeChar(c);

            return virURIFail(ps, "invalid %s in %s", desc, what);
        }
    }
    return 0;
}

/* Decodes %XX escapes (and '+' as a space when asked) of a part already
 * checked by virURICheckPart. NULL, with the reason set, for %00. */
static char *
virURIUnescape(virURIParser *ps, const char *start, size_t len,
               bool plusIsSpace, const char *what)
{
    g_autofree char *out = g_new0(char, len + 1);
    size_t i, j = 0;

    for (i = 0; i < len; i++) {
        if (start[i] == '%' && i + 2 < len) {
            int hi = g_ascii_xdigit_value(start[i + 1]);
            int lo = g_ascii_xdigit_value(start[i + 2]);

            if (hi < 0 || lo < 0) {
                virURIFail(ps, "invalid %%-escape in %s", what);
                return NULL;
            }
            if (hi == 0 && lo == 0) {
                virURIFail(ps, "%%00 (a NUL byte) is not allowed in %s", what);
                return NULL;
            }
            out[j++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (plusIsSpace && start[i] == '+') {
            out[j++] = ' ';
        } else {
            out[j++] = start[i];
        }
    }
    out[j] = '\0';
    return g_steal_pointer(&out);
}

static int
virURIParseScheme(virURIParser *ps, virURI *uri, const char **p)
{
    const char *s = *p;
    size_t len = strcspn(s, ":/?#");
    size_t i;

    if (s[len] != ':') {
        return virURIFail(ps, "no scheme (a connection URI starts with 'driver:' or 'driver+transport:')");
    }
    if (len == 0)
        return virURIFail(ps, "empty scheme before ':'");
    if (!g_ascii_isalpha(s[0]))
        return virURIFail(ps, "the scheme does not start with a letter");
    for (i = 1; i < len; i++) {
        if (!g_ascii_isalnum(s[i]) && !virURIIsIn(s[i], "+-.")) {
            g_autofree char *desc = virURIDescribeChar(s[i]);

            return virURIFail(ps, "invalid %s in scheme", desc);
        }
    }
    uri->scheme = g_strndup(s, len);
    *p = s + len + 1;
    return 0;
}

/* The bracketed form: an IPv6 address, optionally with a zone ("%25eth0"). */
static int
virURIParseIPv6(virURIParser *ps, virURI *uri, const char *start, size_t len)
{
    g_autofree char *addr = NULL;
    const char *zone = NULL;
    struct in6_addr in6;
    size_t addrlen = len;
    const char *pct = memchr(start, '%', len);

    if (pct) {
        addrlen = pct - start;
        zone = pct;
        if (len - addrlen < 4 || strncmp(zone, "%25", 3) != 0)
            return virURIFail(ps, "invalid zone in IPv6 address '%.*s' (write the '%%' before the zone as %%25)",
                              (int)len, start);
        if (virURICheckPart(ps, zone + 3, len - addrlen - 3, "", "IPv6 zone") < 0)
            return -1;
    }
    addr = g_strndup(start, addrlen);
    if (inet_pton(AF_INET6, addr, &in6) != 1)
        return virURIFail(ps, "invalid IPv6 address '%s'", addr);
    if (zone) {
        g_autofree char *z = virURIUnescape(ps, zone + 3, len - addrlen - 3, false, "IPv6 zone");

        if (!z)
            return -1;
        uri->server = g_strdup_printf("%s%%%s", addr, z);
    } else {
        uri->server = g_steal_pointer(&addr);
    }
    return 0;
}

static int
virURIParsePort(virURIParser *ps, virURI *uri, const char *start, size_t len)
{
    guint64 val = 0;
    size_t i;

    if (len == 0)
        return 0;   /* "host:" is allowed and means no port */
    for (i = 0; i < len; i++) {
        if (!g_ascii_isdigit(start[i]))
            return virURIFail(ps, "invalid port '%.*s'", (int)len, start);
        if (val <= 65535)
            val = val * 10 + (start[i] - '0');
    }
    if (val == 0 || val > 65535)
        return virURIFail(ps, "port %.*s is out of range 1-65535", (int)len, start);
    uri->port = (int)val;
    return 0;
}

/* authority = [ userinfo "@" ] host [ ":" port ] */
static int
virURIParseAuthority(virURIParser *ps, virURI *uri, const char *start, size_t len)
{
    const char *end = start + len;
    const char *at = memchr(start, '@', len);
    const char *host = start;
    const char *hostEnd;
    const char *colon;

    if (at) {
        if (virURICheckPart(ps, start, at - start, ":", "user name") < 0)
            return -1;
        if (at > start &&
            !(uri->user = virURIUnescape(ps, start, at - start, false, "user name")))
            return -1;
        host = at + 1;
    }

    if (host < end && *host == '[') {
        const char *close = memchr(host, ']', end - host);

        if (!close)
            return virURIFail(ps, "missing ']' after the IPv6 address");
        if (virURIParseIPv6(ps, uri, host + 1, close - host - 1) < 0)
            return -1;
        hostEnd = close + 1;
        if (hostEnd < end && *hostEnd != ':') {
            g_autofree char *desc = virURIDescribeChar(*hostEnd);

            return virURIFail(ps, "unexpected %s after the IPv6 address", desc);
        }
    } else {
        colon = memchr(host, ':', end - host);
        hostEnd = colon ? colon : end;
        if (virURICheckPart(ps, host, hostEnd - host, "", "host name") < 0)
            return -1;
        if (hostEnd > host &&
            !(uri->server = virURIUnescape(ps, host, hostEnd - host, false, "host name")))
            return -1;
    }

    if (hostEnd < end) {
        if (!uri->server)
            return virURIFail(ps, "a port is given without a host");
        if (virURIParsePort(ps, uri, hostEnd + 1, end - hostEnd - 1) < 0)
            return -1;
    }
    return 0;
}

static int
virURIParseParams(virURIParser *ps, virURI *uri)
{
    const char *p = uri->query;
    g_autoptr(GArray) params = g_array_new(FALSE, TRUE, sizeof(virURIParam));

    while (p && *p) {
        size_t len = strcspn(p, "&;");
        const char *eq = memchr(p, '=', len);
        virURIParam param = { 0 };

        /* Empty sections ("a=1&&b=2") and "=value" (no name) are skipped. */
        if (len > 0 && eq != p) {
            size_t nlen = eq ? (size_t)(eq - p) : len;

            param.name = virURIUnescape(ps, p, nlen, true, "query parameter name");
            if (param.name && eq)
                param.value = virURIUnescape(ps, eq + 1, len - nlen - 1, true,
                                             "query parameter value");
            else if (param.name)
                param.value = g_strdup("");
            if (!param.name || !param.value) {
                g_free(param.name);
                g_free(param.value);
                uri->params = (virURIParam *)g_array_steal(params, &uri->nparams);
                return -1;
            }
            g_array_append_val(params, param);
        }
        p += len;
        if (*p)
            p++;
    }
    uri->params = (virURIParam *)g_array_steal(params, &uri->nparams);
    return 0;
}

static int
virURIParseInto(virURIParser *ps, virURI *uri)
{
    const char *p = ps->text;
    size_t len;

    if (!*p)
        return virURIFail(ps, "the URI is empty");
    if (virURIParseScheme(ps, uri, &p) < 0)
        return -1;

    if (p[0] == '/' && p[1] == '/') {
        p += 2;
        len = strcspn(p, "/?#");
        if (virURIParseAuthority(ps, uri, p, len) < 0)
            return -1;
        p += len;
    }

    len = strcspn(p, "?#");
    if (virURICheckPart(ps, p, len, ":@/", "path") < 0)
        return -1;
    if (len > 0 && !(uri->path = virURIUnescape(ps, p, len, false, "path")))
        return -1;
    p += len;

    if (*p == '?') {
        p++;
        len = strcspn(p, "#");
        if (virURICheckPart(ps, p, len, ":@/?", "query") < 0)
            return -1;
        uri->query = g_strndup(p, len);
        p += len;
        if (virURIParseParams(ps, uri) < 0)
            return -1;
    }

    if (*p == '#') {
        p++;
        len = strlen(p);
        if (virURICheckPart(ps, p, len, ":@/?", "fragment") < 0)
            return -1;
        if (!(uri->fragment = virURIUnescape(ps, p, len, false, "fragment")))
            return -1;
    }
    return 0;
}

virURI *
virURIParse(const char *str)
{
    g_autoptr(virURI) uri = g_new0(virURI, 1);
    virURIParser ps = { .text = str ? str : "" };

    if (virURIParseInto(&ps, uri) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "Unable to parse URI '%s': %s",
                       ps.text, ps.why);
        g_free(ps.why);
        return NULL;
    }
    return g_steal_pointer(&uri);
}

/* Appends s with every byte that is neither unreserved nor in safe
 * written as %XX. */
static void
virURIAppendEscaped(GString *buf, const char *s, const char *safe)
{
    for (; *s; s++) {
        if (virURIIsUnreserved(*s) || virURIIsIn(*s, safe))
            g_string_append_c(buf, *s);
        else
            g_string_append_printf(buf, "%%%02X", (unsigned char)*s);
    }
}

char *
virURIFormat(const virURI *uri)
{
    GString *buf = g_string_new(NULL);
    bool rootless = uri->path && uri->path[0] && uri->path[0] != '/';

    if (uri->scheme)
        g_string_append_printf(buf, "%s:", uri->scheme);

    /* "//" also without a host, so that qemu:///system keeps its form;
     * only a rootless path (tcp:host:1234) is written right after ':'. */
    if (uri->server || uri->user || uri->port || !rootless) {
        g_string_append(buf, "//");
        if (uri->user) {
            virURIAppendEscaped(buf, uri->user, VIR_URI_SUB_DELIMS ":");
            g_string_append_c(buf, '@');
        }
        if (uri->server && strchr(uri->server, ':')) {
            g_string_append_c(buf, '[');
            virURIAppendEscaped(buf, uri->server, ":");
            g_string_append_c(buf, ']');
        } else if (uri->server) {
            virURIAppendEscaped(buf, uri->server, VIR_URI_SUB_DELIMS);
        }
        if (uri->port > 0)
            g_string_append_printf(buf, ":%d", uri->port);
        if (rootless)
            g_string_append_c(buf, '/');
    }
    if (uri->path)
        virURIAppendEscaped(buf, uri->path, VIR_URI_SUB_DELIMS ":@/");
    if (uri->query)
        g_string_append_printf(buf, "?%s", uri->query);
    if (uri->fragment) {
        g_string_append_c(buf, '#');
        virURIAppendEscaped(buf, uri->fragment, VIR_URI_SUB_DELIMS ":@/?");
    }
    return g_string_free(buf, FALSE);
}

/* In parameters '&', ';', '=' and '+' have a meaning of their own. */
#define VIR_URI_PARAM_SAFE "/:@,!$'()*"

char *
virURIFormatParams(const virURI *uri)
{
    GString *buf = g_string_new(NULL);
    size_t i;

    for (i = 0; i < uri->nparams; i++) {
        if (uri->params[i].ignore)
            continue;
        if (buf->len > 0)
            g_string_append_c(buf, '&');
        virURIAppendEscaped(buf, uri->params[i].name, VIR_URI_PARAM_SAFE);
        g_string_append_c(buf, '=');
        virURIAppendEscaped(buf, uri->params[i].value, VIR_URI_PARAM_SAFE);
    }
    return g_string_free(buf, FALSE);
}

void
virURIFree(virURI *uri)
{
    size_t i;

    if (!uri)
        return;
    g_free(uri->scheme);
    g_free(uri->server);
    g_free(uri->user);
    g_free(uri->path);
    g_free(uri->query);
    g_free(uri->fragment);
    for (i = 0; i < uri->nparams; i++) {
        g_free(uri->params[i].name);
        g_free(uri->params[i].value);
    }
    g_free(uri->params);
    g_free(uri);
}

const char *
virURIGetParam(const virURI *uri, const char *name)
{
    const char *value = NULL;
    size_t i;

    for (i = 0; i < uri->nparams; i++) {
        if (g_ascii_strcasecmp(uri->params[i].name, name) == 0)
            value = uri->params[i].value;
    }
    return value;
}

int
virURISplitScheme(const char *scheme, char **driver, char **transport)
{
    const char *plus = scheme ? strchr(scheme, '+') : NULL;
    g_autofree char *drv = NULL;
    g_autofree char *trans = NULL;

    if (!scheme || scheme == plus || !*scheme) {
        virReportError(VIR_ERR_INVALID_ARG, "URI scheme '%s' names no driver",
                       scheme ? scheme : "");
        return -1;
    }
    if (!plus) {
        *driver = g_strdup(scheme);
        *transport = NULL;
        return 0;
    }

    drv = g_strndup(scheme, plus - scheme);
    trans = g_ascii_strdown(plus + 1, -1);
    if (virURITransportTypeFromString(trans) < 0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "unknown transport '%s' in URI scheme '%s' (expected unix, tls, tcp, ssh, ext, libssh or libssh2)",
                       plus + 1, scheme);
        return -1;
    }
    *driver = g_steal_pointer(&drv);
    *transport = g_steal_pointer(&trans);
    return 0;
}
