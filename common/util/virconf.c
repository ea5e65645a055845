#include "virconf.h"

#include <errno.h>
#include <string.h>

#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_CONF

typedef enum {
    VIR_CONF_LLONG,
    VIR_CONF_STRING,
    VIR_CONF_LIST,
} virConfType;

typedef struct {
    char *key;
    virConfType type;
    long long num;
    char *str;
    char **list;
    bool used;
} virConfEntry;

struct _virConf {
    char *name;
    GPtrArray *entries;
};

static void
virConfEntryFree(gpointer opaque)
{
    virConfEntry *e = opaque;

    g_free(e->key);
    g_free(e->str);
    g_strfreev(e->list);
    g_free(e);
}

void
virConfFree(virConf *conf)
{
    if (!conf)
        return;
    g_free(conf->name);
    g_ptr_array_unref(conf->entries);
    g_free(conf);
}

typedef struct {
    const char *name;
    const char *p;
    int line;
} virConfParser;

static void
virConfSkipBlank(virConfParser *ps, bool newlines)
{
    for (;;) {
        if (*ps->p == '#') {
            while (*ps->p && *ps->p != '\n')
                ps->p++;
        } else if (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r') {
            ps->p++;
        } else if (newlines && *ps->p == '\n') {
            ps->line++;
            ps->p++;
        } else {
            return;
        }
    }
}

static int
virConfSyntax(virConfParser *ps, const char *what)
{
    virReportError(VIR_ERR_CONF_SYNTAX, "%s:%d: %s", ps->name, ps->line, what);
    return -1;
}

static char *
virConfParseString(virConfParser *ps)
{
    char quote = *ps->p;
    const char *start;

    if (quote != '"' && quote != '\'') {
        virConfSyntax(ps, "expecting a string");
        return NULL;
    }
    start = ++ps->p;
    while (*ps->p && *ps->p != quote && *ps->p != '\n')
        ps->p++;
    if (*ps->p != quote) {
        virConfSyntax(ps, "unterminated string");
        return NULL;
    }
    ps->p++;
    return g_strndup(start, ps->p - 1 - start);
}

static int
virConfParseValue(virConfParser *ps, virConfEntry *e)
{
    if (*ps->p == '"' || *ps->p == '\'') {
        e->type = VIR_CONF_STRING;
        return (e->str = virConfParseString(ps)) ? 0 : -1;
    }

    if (*ps->p == '[') {
        g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func(g_free);

        ps->p++;
        virConfSkipBlank(ps, true);
        while (*ps->p != ']') {
            char *item = virConfParseString(ps);

            if (!item)
                return -1;
            g_ptr_array_add(items, item);
            virConfSkipBlank(ps, true);
            if (*ps->p == ',') {
                ps->p++;
                virConfSkipBlank(ps, true);
            } else if (*ps->p != ']') {
                return virConfSyntax(ps, "expecting a separator in list");
            }
        }
        ps->p++;
        g_ptr_array_add(items, NULL);
        e->type = VIR_CONF_LIST;
        e->list = (char **)g_ptr_array_free(g_steal_pointer(&items), FALSE);
        return 0;
    }

    if (*ps->p == '-' || g_ascii_isdigit(*ps->p)) {
        char *end;

        errno = 0;
        e->num = g_ascii_strtoll(ps->p, &end, 10);
        if (errno != 0 || end == ps->p)
            return virConfSyntax(ps, "invalid number");
        ps->p = end;
        e->type = VIR_CONF_LLONG;
        return 0;
    }
    return virConfSyntax(ps, "expecting a value");
}

virConf *
virConfReadString(const char *text, const char *name)
{
    g_autoptr(virConf) conf = g_new0(virConf, 1);
    virConfParser ps = { .name = name, .p = text, .line = 1 };

    conf->name = g_strdup(name);
    conf->entries = g_ptr_array_new_with_free_func(virConfEntryFree);

    for (;;) {
        const char *start;
        virConfEntry *e;

        virConfSkipBlank(&ps, true);
        if (!*ps.p)
            break;
        start = ps.p;
        while (g_ascii_isalnum(*ps.p) || *ps.p == '_' || *ps.p == '.')
            ps.p++;
        if (ps.p == start) {
            virConfSyntax(&ps, "expecting a name");
            return NULL;
        }
        e = g_new0(virConfEntry, 1);
        e->key = g_strndup(start, ps.p - start);
        g_ptr_array_add(conf->entries, e);

        virConfSkipBlank(&ps, false);
        if (*ps.p != '=') {
            virConfSyntax(&ps, "expecting an assignment");
            return NULL;
        }
        ps.p++;
        virConfSkipBlank(&ps, false);
        if (virConfParseValue(&ps, e) < 0)
            return NULL;
        virConfSkipBlank(&ps, false);
        if (*ps.p == ';')
            ps.p++;
        virConfSkipBlank(&ps, false);
        if (*ps.p && *ps.p != '\n') {
            virConfSyntax(&ps, "expecting a new line");
            return NULL;
        }
    }
    return g_steal_pointer(&conf);
}

virConf *
virConfReadFile(const char *path, bool allowMissing)
{
    g_autofree char *text = NULL;

    if (allowMissing && !virFileExists(path))
        return virConfReadString("", path);
    if (virFileReadAll(path, 1024 * 1024, &text) < 0)
        return NULL;
    return virConfReadString(text, path);
}

/* The last assignment of a key wins, as in libvirt. */
static virConfEntry *
virConfLookup(virConf *conf, const char *key)
{
    virConfEntry *found = NULL;
    size_t i;

    for (i = 0; i < conf->entries->len; i++) {
        virConfEntry *e = g_ptr_array_index(conf->entries, i);

        if (strcmp(e->key, key) == 0) {
            e->used = true;
            found = e;
        }
    }
    return found;
}

static int
virConfWrongType(virConf *conf, const char *key, const char *want)
{
    virReportError(VIR_ERR_CONF_SYNTAX,
                   "%s: expected %s for '%s' parameter", conf->name, want, key);
    return -1;
}

int
virConfGetString(virConf *conf, const char *key, char **value)
{
    virConfEntry *e = virConfLookup(conf, key);

    if (!e)
        return 0;
    if (e->type != VIR_CONF_STRING)
        return virConfWrongType(conf, key, "a string");
    g_free(*value);
    *value = g_strdup(e->str);
    return 1;
}

static int
virConfGetNumber(virConf *conf, const char *key, long long min, long long max,
                 long long *value)
{
    virConfEntry *e = virConfLookup(conf, key);

    if (!e)
        return 0;
    if (e->type != VIR_CONF_LLONG)
        return virConfWrongType(conf, key, "an integer");
    if (e->num < min || e->num > max) {
        virReportError(VIR_ERR_OVERFLOW, "%s: value for '%s' parameter must be in range %lld:%lld",
                       conf->name, key, min, max);
        return -1;
    }
    *value = e->num;
    return 1;
}

int
virConfGetInt(virConf *conf, const char *key, int *value)
{
    long long v;
    int rc = virConfGetNumber(conf, key, G_MININT, G_MAXINT, &v);

    if (rc == 1)
        *value = v;
    return rc;
}

int
virConfGetUInt(virConf *conf, const char *key, unsigned int *value)
{
    long long v;
    int rc = virConfGetNumber(conf, key, 0, G_MAXUINT, &v);

    if (rc == 1)
        *value = v;
    return rc;
}

int
virConfGetBool(virConf *conf, const char *key, bool *value)
{
    long long v;
    int rc = virConfGetNumber(conf, key, 0, 1, &v);

    if (rc == 1)
        *value = v != 0;
    return rc;
}

int
virConfGetStringList(virConf *conf, const char *key, char ***value)
{
    virConfEntry *e = virConfLookup(conf, key);

    if (!e)
        return 0;
    g_strfreev(*value);
    if (e->type == VIR_CONF_STRING) {
        *value = g_new0(char *, 2);
        (*value)[0] = g_strdup(e->str);
        return 1;
    }
    if (e->type != VIR_CONF_LIST)
        return virConfWrongType(conf, key, "a string list");
    *value = g_strdupv(e->list);
    return 1;
}

char **
virConfUnusedKeys(virConf *conf)
{
    g_autoptr(GPtrArray) keys = g_ptr_array_new();
    size_t i;

    for (i = 0; i < conf->entries->len; i++) {
        virConfEntry *e = g_ptr_array_index(conf->entries, i);

        if (!e->used)
            g_ptr_array_add(keys, g_strdup(e->key));
    }
    g_ptr_array_add(keys, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&keys), FALSE);
}
