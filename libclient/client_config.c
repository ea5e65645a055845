#include "client_config.h"

#include <string.h>

#include "virconf.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_CONF

VIR_LOG_INIT("libclient.client_config");

typedef struct {
    char *name;
    char *uri;
} virClientConfigAlias;

struct _virClientConfig {
    char *path;
    char *uriDefault;
    GArray *aliases;        /* virClientConfigAlias, in file order */
    bool hasMode;
    virRemoteMode mode;
    virRemoteProxy proxy;
};

static void
virClientConfigAliasClear(gpointer opaque)
{
    virClientConfigAlias *alias = opaque;

    g_free(alias->name);
    g_free(alias->uri);
}

void
virClientConfigFree(virClientConfig *cfg)
{
    if (!cfg)
        return;
    g_free(cfg->path);
    g_free(cfg->uriDefault);
    g_array_unref(cfg->aliases);
    g_free(cfg);
}

char *
virClientConfigGetPath(bool privileged, const char *root)
{
    const char *dir;

    if (privileged) {
        if (root && *root)
            return g_build_filename(root, "etc", "libvirt", "libvirt.conf", NULL);
        return g_strdup("/etc/libvirt/libvirt.conf");
    }
    /* Read at each call: GLib's own lookup caches the first answer. */
    dir = g_getenv("XDG_CONFIG_HOME");
    if (dir && g_path_is_absolute(dir))
        return g_build_filename(dir, "libvirt", "libvirt.conf", NULL);
    dir = g_getenv("HOME");
    if (!dir || !*dir)
        dir = g_get_home_dir();
    return g_build_filename(dir, ".config", "libvirt", "libvirt.conf", NULL);
}

static bool
virClientConfigAliasNameIsValid(const char *name, size_t len)
{
    size_t i;

    if (len == 0)
        return false;
    for (i = 0; i < len; i++) {
        if (!g_ascii_isalnum(name[i]) && name[i] != '_' && name[i] != '-')
            return false;
    }
    return true;
}

static int
virClientConfigLoadAliases(virClientConfig *cfg, virConf *conf)
{
    g_auto(GStrv) entries = NULL;
    size_t i;

    if (virConfGetStringList(conf, "uri_aliases", &entries) < 0)
        return -1;
    for (i = 0; entries && entries[i]; i++) {
        const char *eq = strchr(entries[i], '=');
        virClientConfigAlias alias;

        if (!eq) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           "%s: uri_aliases entry '%s' is not of the form 'name=uri'",
                           cfg->path, entries[i]);
            return -1;
        }
        if (!virClientConfigAliasNameIsValid(entries[i], eq - entries[i])) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           "%s: uri_aliases entry '%s' has a bad alias name: use only a-z, A-Z, 0-9, '_' and '-'",
                           cfg->path, entries[i]);
            return -1;
        }
        if (!eq[1]) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           "%s: uri_aliases entry '%s' gives no URI",
                           cfg->path, entries[i]);
            return -1;
        }
        alias.name = g_strndup(entries[i], eq - entries[i]);
        alias.uri = g_strdup(eq + 1);
        g_array_append_val(cfg->aliases, alias);
    }
    return 0;
}

/* Reads key into *value through fromString; 0 when unset. */
static int
virClientConfigLoadEnum(virClientConfig *cfg, virConf *conf, const char *key,
                        int (*fromString)(const char *), const char *expected,
                        int *value)
{
    g_autofree char *str = NULL;
    int rc;
    int val;

    if ((rc = virConfGetString(conf, key, &str)) <= 0)
        return rc;
    if ((val = fromString(str)) < 0) {
        virReportError(VIR_ERR_CONF_SYNTAX, "%s: unknown %s '%s' (expected %s)",
                       cfg->path, key, str, expected);
        return -1;
    }
    *value = val;
    return 1;
}

virClientConfig *
virClientConfigLoad(const char *path)
{
    g_autoptr(virClientConfig) cfg = g_new0(virClientConfig, 1);
    g_autoptr(virConf) conf = NULL;
    int mode = VIR_REMOTE_MODE_AUTO;
    int proxy = VIR_REMOTE_PROXY_AUTO;
    int rc;

    cfg->path = g_strdup(path);
    cfg->aliases = g_array_new(FALSE, TRUE, sizeof(virClientConfigAlias));
    g_array_set_clear_func(cfg->aliases, virClientConfigAliasClear);

    if (!(conf = virConfReadFile(path, true)))
        return NULL;
    if (virConfGetString(conf, "uri_default", &cfg->uriDefault) < 0)
        return NULL;
    if (cfg->uriDefault && !*cfg->uriDefault)
        g_clear_pointer(&cfg->uriDefault, g_free);
    if (virClientConfigLoadAliases(cfg, conf) < 0)
        return NULL;
    if ((rc = virClientConfigLoadEnum(cfg, conf, "remote_mode", virRemoteModeTypeFromString,
                                      "auto, direct or legacy", &mode)) < 0)
        return NULL;
    cfg->hasMode = rc == 1;
    cfg->mode = mode;
    if (virClientConfigLoadEnum(cfg, conf, "remote_proxy", virRemoteProxyTypeFromString,
                                "auto, netcat or native", &proxy) < 0)
        return NULL;
    cfg->proxy = proxy;

    VIR_DEBUG("%s: uri_default=%s, %u aliases, remote_mode=%s, remote_proxy=%s",
              path, cfg->uriDefault ? cfg->uriDefault : "(none)", cfg->aliases->len,
              virRemoteModeTypeToString(cfg->mode), virRemoteProxyTypeToString(cfg->proxy));
    return g_steal_pointer(&cfg);
}

const char *
virClientConfigResolveAlias(virClientConfig *cfg, const char *name)
{
    size_t i;

    if (!cfg || !name)
        return NULL;
    for (i = 0; i < cfg->aliases->len; i++) {
        virClientConfigAlias *alias = &g_array_index(cfg->aliases, virClientConfigAlias, i);

        if (strcmp(alias->name, name) == 0)
            return alias->uri;
    }
    return NULL;
}

char *
virClientConfigChooseURI(virClientConfig *cfg, const char *name, bool noAliases)
{
    const char *chosen = NULL;
    const char *alias;

    if (name && *name) {
        chosen = name;
        /* Old spellings of the Xen URI. */
        if (g_ascii_strcasecmp(name, "xen") == 0 || strcmp(name, "xen://") == 0)
            chosen = "xen:///system";
    } else if ((chosen = g_getenv("LIBVIRT_DEFAULT_URI")) && *chosen) {
        VIR_DEBUG("using LIBVIRT_DEFAULT_URI '%s'", chosen);
    } else if ((chosen = virClientConfigGetDefaultURI(cfg))) {
        VIR_DEBUG("using uri_default '%s'", chosen);
    } else {
        return NULL;
    }

    if (!noAliases && (alias = virClientConfigResolveAlias(cfg, chosen))) {
        VIR_DEBUG("alias '%s' stands for '%s'", chosen, alias);
        chosen = alias;
    }
    return g_strdup(chosen);
}

const char *
virClientConfigGetDefaultURI(virClientConfig *cfg)
{
    return cfg ? cfg->uriDefault : NULL;
}

virRemoteMode
virClientConfigGetMode(virClientConfig *cfg)
{
    return cfg ? cfg->mode : VIR_REMOTE_MODE_AUTO;
}

bool
virClientConfigHasMode(virClientConfig *cfg)
{
    return cfg && cfg->hasMode;
}

virRemoteProxy
virClientConfigGetProxy(virClientConfig *cfg)
{
    return cfg ? cfg->proxy : VIR_REMOTE_PROXY_AUTO;
}
