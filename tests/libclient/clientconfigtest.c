/* The client's libvirt.conf: where it is, what a good file gives, the
 * order in which a URI is chosen (name, LIBVIRT_DEFAULT_URI, uri_default,
 * then aliases) and the entries a load refuses. Each case writes its file
 * into a scratch directory. */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "client_config.h"
#include "testutils.h"
#include "virerror.h"

static char *scratch;

/* Writes text (NULL: no file) to a scratch libvirt.conf and loads it. */
static virClientConfig *
testLoad(const char *text)
{
    g_autofree char *path = g_build_filename(scratch, "libvirt.conf", NULL);

    unlink(path);
    if (text && !g_file_set_contents(path, text, -1, NULL)) {
        fprintf(stderr, "cannot write %s\n", path);
        return NULL;
    }
    return virClientConfigLoad(path);
}

static void
testSetEnv(const char *name, const char *value)
{
    if (value)
        g_setenv(name, value, TRUE);
    else
        g_unsetenv(name);
}

static int
testMissingFile(const void *opaque)
{
    g_autoptr(virClientConfig) cfg = testLoad(NULL);
    g_autofree char *chosen = NULL;

    testSetEnv("LIBVIRT_DEFAULT_URI", NULL);
    if (!cfg ||
        virClientConfigGetDefaultURI(cfg) ||
        virClientConfigResolveAlias(cfg, "anything") ||
        virClientConfigGetMode(cfg) != VIR_REMOTE_MODE_AUTO ||
        virClientConfigHasMode(cfg) ||
        virClientConfigGetProxy(cfg) != VIR_REMOTE_PROXY_AUTO)
        return -1;
    chosen = virClientConfigChooseURI(cfg, NULL, false);
    return chosen ? -1 : 0;
}

static const char *goodConfig =
    "# a client configuration\n"
    "uri_default = \"qemu:///system\"\n"
    "uri_aliases = [\n"
    "  \"hv1=qemu+ssh://root@hv1.example.com/system\",\n"
    "  \"local_RO-2=qemu:///system?mode=direct&socket=/x\",\n"
    "  \"hv1=qemu:///shadowed\",\n"
    "  \"dflt=test:///default\",\n"
    "]\n"
    "remote_mode = \"direct\"\n"
    "remote_proxy = \"native\"\n";

static int
testGoodFile(const void *opaque)
{
    g_autoptr(virClientConfig) cfg = testLoad(goodConfig);

    if (!cfg ||
        g_strcmp0(virClientConfigGetDefaultURI(cfg), "qemu:///system") != 0 ||
        g_strcmp0(virClientConfigResolveAlias(cfg, "hv1"),
                  "qemu+ssh://root@hv1.example.com/system") != 0 ||
        g_strcmp0(virClientConfigResolveAlias(cfg, "local_RO-2"),
                  "qemu:///system?mode=direct&socket=/x") != 0 ||
        virClientConfigResolveAlias(cfg, "HV1") ||
        virClientConfigResolveAlias(cfg, "hv") ||
        virClientConfigResolveAlias(cfg, "qemu:///system") ||
        virClientConfigResolveAlias(cfg, NULL) ||
        virClientConfigGetMode(cfg) != VIR_REMOTE_MODE_DIRECT ||
        !virClientConfigHasMode(cfg) ||
        virClientConfigGetProxy(cfg) != VIR_REMOTE_PROXY_NATIVE)
        return -1;
    return 0;
}

/* One string stands for a one-entry list; "" is no default. */
static int
testSingleAlias(const void *opaque)
{
    g_autoptr(virClientConfig) cfg =
        testLoad("uri_aliases = \"x=lxc:///system\"\nuri_default = \"\"\nremote_mode = \"legacy\"\n");

    if (!cfg ||
        g_strcmp0(virClientConfigResolveAlias(cfg, "x"), "lxc:///system") != 0 ||
        virClientConfigGetDefaultURI(cfg) ||
        virClientConfigGetMode(cfg) != VIR_REMOTE_MODE_LEGACY)
        return -1;
    return 0;
}

typedef struct {
    const char *title;
    const char *config;         /* NULL: no file */
    const char *env;            /* LIBVIRT_DEFAULT_URI; NULL: unset */
    const char *name;
    bool noAliases;
    const char *expected;       /* NULL: probe */
} testChooseCase;

static int
testChoose(const void *opaque)
{
    const testChooseCase *t = opaque;
    g_autoptr(virClientConfig) cfg = testLoad(t->config);
    g_autofree char *chosen = NULL;

    if (!cfg)
        return -1;
    testSetEnv("LIBVIRT_DEFAULT_URI", t->env);
    chosen = virClientConfigChooseURI(cfg, t->name, t->noAliases);
    testSetEnv("LIBVIRT_DEFAULT_URI", NULL);
    if (g_strcmp0(chosen, t->expected) != 0) {
        fprintf(stderr, "chose %s, expected %s\n",
                chosen ? chosen : "NULL", t->expected ? t->expected : "NULL");
        return -1;
    }
    return 0;
}

typedef struct {
    const char *title;
    const char *config;
    int code;
    const char *error;          /* part of the message */
} testBadCase;

static int
testBad(const void *opaque)
{
    const testBadCase *t = opaque;
    g_autoptr(virClientConfig) cfg = testLoad(t->config);
    const virErrorInfo *err = virErrorGetLast();

    if (cfg || !err || err->code != t->code || !strstr(err->message, t->error)) {
        fprintf(stderr, "loaded: %d, error: %s\n", cfg != NULL,
                err ? err->message : "(none)");
        return -1;
    }
    if (virTestGetDebug())
        fprintf(stderr, "%s\n", err->message);
    virErrorReset();
    return 0;
}

static int
testUnreadable(const void *opaque)
{
    /* A directory where the file should be. */
    g_autoptr(virClientConfig) cfg = virClientConfigLoad(scratch);

    if (cfg || !virErrorGetLast())
        return -1;
    virErrorReset();
    return 0;
}

typedef struct {
    bool privileged;
    const char *root;
    const char *xdgConfig;
    const char *home;
    const char *expected;
} testPathCase;

static int
testPath(const void *opaque)
{
    const testPathCase *t = opaque;
    g_autofree char *path = NULL;

    testSetEnv("XDG_CONFIG_HOME", t->xdgConfig);
    testSetEnv("HOME", t->home);
    path = virClientConfigGetPath(t->privileged, t->root);
    if (strcmp(path, t->expected) != 0) {
        fprintf(stderr, "got %s, expected %s\n", path, t->expected);
        return -1;
    }
    return 0;
}

#define CHOOSE_CONFIG \
    "uri_default = \"dflt\"\n" \
    "uri_aliases = [ \"hv1=qemu+ssh://root@hv1/system\", \"dflt=qemu:///session\",\n" \
    "                \"envalias=network:///system\", \"xen=xen+ssh://dom0/system\" ]\n"

static const testChooseCase chooseCases[] = {
    { "name beats the environment and uri_default", CHOOSE_CONFIG,
      "lxc:///system", "qemu:///system", false, "qemu:///system" },
    { "name goes through aliases", CHOOSE_CONFIG, NULL, "hv1", false, "qemu+ssh://root@hv1/system" },
    { "no aliases: the name literally", CHOOSE_CONFIG, NULL, "hv1", true, "hv1" },
    { "not an alias: the name literally", CHOOSE_CONFIG, NULL, "hv2", false, "hv2" },
    { "LIBVIRT_DEFAULT_URI when no name", CHOOSE_CONFIG, "lxc:///system", NULL, false, "lxc:///system" },
    { "an empty name is no name", CHOOSE_CONFIG, "lxc:///system", "", false, "lxc:///system" },
    { "LIBVIRT_DEFAULT_URI goes through aliases", CHOOSE_CONFIG, "envalias", NULL, false, "network:///system" },
    { "LIBVIRT_DEFAULT_URI with no aliases", CHOOSE_CONFIG, "envalias", NULL, true, "envalias" },
    { "an empty LIBVIRT_DEFAULT_URI is unset", CHOOSE_CONFIG, "", NULL, false, "qemu:///session" },
    { "uri_default goes through aliases", CHOOSE_CONFIG, NULL, NULL, false, "qemu:///session" },
    { "uri_default with no aliases", CHOOSE_CONFIG, NULL, NULL, true, "dflt" },
    { "plain uri_default", "uri_default = \"qemu:///system\"\n", NULL, NULL, false, "qemu:///system" },
    { "nothing: probe", "uri_aliases = [ \"a=qemu:///system\" ]\n", NULL, NULL, false, NULL },
    { "no file, environment", NULL, "qemu:///session", NULL, false, "qemu:///session" },
    { "no file, nothing: probe", NULL, NULL, NULL, false, NULL },
    { "xen means xen:///system, before aliases", CHOOSE_CONFIG, NULL, "xen", false, "xen:///system" },
    { "XEN too", NULL, NULL, "XEN", false, "xen:///system" },
    { "xen:// too", NULL, NULL, "xen://", false, "xen:///system" },
};

static const testBadCase badCases[] = {
    { "alias without '='", "uri_aliases = [ \"ok=qemu:///system\", \"hv1\" ]\n",
      VIR_ERR_CONF_SYNTAX, "uri_aliases entry 'hv1' is not of the form 'name=uri'" },
    { "alias name with a dot", "uri_aliases = [ \"hv.1=qemu:///system\" ]\n",
      VIR_ERR_CONF_SYNTAX, "uri_aliases entry 'hv.1=qemu:///system' has a bad alias name" },
    { "alias name with a space", "uri_aliases = [ \"hv 1=qemu:///system\" ]\n",
      VIR_ERR_CONF_SYNTAX, "has a bad alias name: use only a-z, A-Z, 0-9, '_' and '-'" },
    { "alias name that is a URI", "uri_aliases = [ \"qemu:///system=qemu:///session\" ]\n",
      VIR_ERR_CONF_SYNTAX, "has a bad alias name" },
    { "empty alias name", "uri_aliases = [ \"=qemu:///system\" ]\n",
      VIR_ERR_CONF_SYNTAX, "has a bad alias name" },
    { "alias without a URI", "uri_aliases = [ \"hv1=\" ]\n",
      VIR_ERR_CONF_SYNTAX, "uri_aliases entry 'hv1=' gives no URI" },
    { "a bad entry after the one asked for", "uri_aliases = [ \"a=qemu:///system\", \"b c=x:///\" ]\n",
      VIR_ERR_CONF_SYNTAX, "'b c=x:///' has a bad alias name" },
    { "aliases of the wrong type", "uri_aliases = 5\n",
      VIR_ERR_CONF_SYNTAX, "expected a string list for 'uri_aliases'" },
    { "unknown remote_mode", "remote_mode = \"fast\"\n",
      VIR_ERR_CONF_SYNTAX, "unknown remote_mode 'fast' (expected auto, direct or legacy)" },
    { "remote_mode of the wrong type", "remote_mode = 1\n",
      VIR_ERR_CONF_SYNTAX, "expected a string for 'remote_mode'" },
    { "unknown remote_proxy", "remote_proxy = \"ssh\"\n",
      VIR_ERR_CONF_SYNTAX, "unknown remote_proxy 'ssh' (expected auto, netcat or native)" },
    { "uri_default of the wrong type", "uri_default = [ \"qemu:///system\" ]\n",
      VIR_ERR_CONF_SYNTAX, "expected a string for 'uri_default'" },
    { "syntax error", "uri_default = qemu:///system\n",
      VIR_ERR_CONF_SYNTAX, "libvirt.conf:1: expecting a value" },
};

static const testPathCase pathCases[] = {
    { true, NULL, "/cfg", "/h", "/etc/libvirt/libvirt.conf" },
    { true, "", "/cfg", "/h", "/etc/libvirt/libvirt.conf" },
    { true, "/srv/root", "/cfg", "/h", "/srv/root/etc/libvirt/libvirt.conf" },
    { false, "/srv/root", "/cfg", "/h", "/cfg/libvirt/libvirt.conf" },
    { false, NULL, NULL, "/home/u", "/home/u/.config/libvirt/libvirt.conf" },
    { false, NULL, "", "/home/u", "/home/u/.config/libvirt/libvirt.conf" },
    { false, NULL, "relative", "/home/u", "/home/u/.config/libvirt/libvirt.conf" },
};

static int
mymain(void)
{
    g_autoptr(GError) gerr = NULL;
    g_autofree char *conf = NULL;
    int ret = 0;
    size_t i;

    if (!(scratch = g_dir_make_tmp("clientconfig-XXXXXX", &gerr))) {
        fprintf(stderr, "scratch dir: %s\n", gerr->message);
        return -1;
    }

    ret |= virTestRun("missing file gives the defaults", testMissingFile, NULL);
    ret |= virTestRun("good file", testGoodFile, NULL);
    ret |= virTestRun("single-string alias list, empty uri_default", testSingleAlias, NULL);
    for (i = 0; i < G_N_ELEMENTS(chooseCases); i++)
        ret |= virTestRun(chooseCases[i].title, testChoose, &chooseCases[i]);
    for (i = 0; i < G_N_ELEMENTS(badCases); i++) {
        g_autofree char *title = g_strdup_printf("reject %s", badCases[i].title);

        ret |= virTestRun(title, testBad, &badCases[i]);
    }
    ret |= virTestRun("unreadable file", testUnreadable, NULL);
    for (i = 0; i < G_N_ELEMENTS(pathCases); i++) {
        g_autofree char *title = g_strdup_printf("path %s", pathCases[i].expected);

        ret |= virTestRun(title, testPath, &pathCases[i]);
    }

    conf = g_build_filename(scratch, "libvirt.conf", NULL);
    unlink(conf);
    rmdir(scratch);
    g_clear_pointer(&scratch, g_free);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
