/* The config file syntax: values of each type, comments, lists spanning
 * lines, and the errors a mistyped file gets. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "testutils.h"
#include "virconf.h"
#include "virerror.h"

static int
testGood(const void *opaque)
{
    const char *text =
        "# a comment\n"
        "max_workers = 20   # trailing comment\n"
        "negative = -5\n"
        "name = \"virtqemud\"\n"
        "single = 'quoted'\n"
        "list = [ \"a\",\n"
        "         \"b\", ]\n"
        "empty = []\n"
        "flag = 1\n"
        "name = \"last wins\"\n";
    g_autoptr(virConf) conf = virConfReadString(text, "test.conf");
    g_autofree char *name = NULL;
    g_autofree char *single = NULL;
    g_auto(GStrv) list = NULL;
    g_auto(GStrv) empty = NULL;
    g_auto(GStrv) unused = NULL;
    unsigned int workers = 0;
    int negative = 0;
    bool flag = false;
    int missing = 42;

    if (!conf ||
        virConfGetUInt(conf, "max_workers", &workers) != 1 || workers != 20 ||
        virConfGetInt(conf, "negative", &negative) != 1 || negative != -5 ||
        virConfGetString(conf, "name", &name) != 1 || strcmp(name, "last wins") != 0 ||
        virConfGetString(conf, "single", &single) != 1 || strcmp(single, "quoted") != 0 ||
        virConfGetStringList(conf, "list", &list) != 1 || g_strv_length(list) != 2 ||
        strcmp(list[1], "b") != 0 ||
        virConfGetStringList(conf, "empty", &empty) != 1 || g_strv_length(empty) != 0 ||
        virConfGetBool(conf, "flag", &flag) != 1 || !flag ||
        virConfGetInt(conf, "absent", &missing) != 0 || missing != 42)
        return -1;
    unused = virConfUnusedKeys(conf);
    return g_strv_length(unused) == 0 ? 0 : -1;
}

static int
testUnused(const void *opaque)
{
    g_autoptr(virConf) conf = virConfReadString("a = 1\nb = 2\n", "t");
    g_auto(GStrv) unused = NULL;
    int a;

    if (!conf || virConfGetInt(conf, "a", &a) != 1)
        return -1;
    unused = virConfUnusedKeys(conf);
    return g_strv_length(unused) == 1 && strcmp(unused[0], "b") == 0 ? 0 : -1;
}

typedef struct {
    const char *text;
    const char *error;
} testBad;

static int
testSyntaxError(const void *opaque)
{
    const testBad *t = opaque;
    g_autoptr(virConf) conf = virConfReadString(t->text, "bad.conf");
    const virErrorInfo *err = virErrorGetLast();

    if (conf || !err || err->code != VIR_ERR_CONF_SYNTAX || !strstr(err->message, t->error)) {
        fprintf(stderr, "got: %s\n", err ? err->message : "(no error)");
        return -1;
    }
    virErrorReset();
    return 0;
}

static int
testWrongType(const void *opaque)
{
    g_autoptr(virConf) conf = virConfReadString("n = \"text\"\ns = 5\nbig = 4294967296\n", "t");
    g_autofree char *s = NULL;
    unsigned int u;
    int n;

    if (virConfGetInt(conf, "n", &n) != -1 ||
        virConfGetString(conf, "s", &s) != -1 ||
        virConfGetUInt(conf, "big", &u) != -1)
        return -1;
    virErrorReset();
    return 0;
}

static int
mymain(void)
{
    static const testBad bad[] = {
        { "= 5\n", "expecting a name" },
        { "key 5\n", "expecting an assignment" },
        { "key = \"open\n", "unterminated string" },
        { "key = [ \"a\" \"b\" ]\n", "expecting a separator" },
        { "key = nope\n", "expecting a value" },
        { "key = 1 2\n", "expecting a new line" },
        { "a = 1\nb = 99999999999999999999999\n", "bad.conf:2: invalid number" },
    };
    int ret = 0;
    size_t i;

    ret |= virTestRun("values of every type", testGood, NULL);
    ret |= virTestRun("unused keys are listed", testUnused, NULL);
    ret |= virTestRun("wrong types and ranges", testWrongType, NULL);
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *title = g_strdup_printf("syntax error: %s", bad[i].error);

        ret |= virTestRun(title, testSyntaxError, &bad[i]);
    }
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
