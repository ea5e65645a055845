/* Connection URIs: each valid case is dumped field by field and compared
 * with tests/data/viruri/<name>.out (which also holds the re-formatted URI
 * and the driver/transport split); each invalid one is compared with
 * <name>.err, the reported error. The formatted URI must parse back to the
 * same fields. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "testutils.h"
#include "virerror.h"
#include "viruri.h"

#define SUITE "viruri"

typedef struct {
    const char *name;
    const char *uri;
} testURI;

static void
testAppendField(GString *buf, const char *key, const char *value)
{
    if (value)
        g_string_append_printf(buf, "%s: \"%s\"\n", key, value);
    else
        g_string_append_printf(buf, "%s: NULL\n", key);
}

/* Every field of uri, then the parameters. */
static char *
testDumpFields(const virURI *uri)
{
    GString *buf = g_string_new(NULL);
    g_autofree char *params = virURIFormatParams(uri);
    size_t i;

    testAppendField(buf, "scheme", uri->scheme);
    testAppendField(buf, "user", uri->user);
    testAppendField(buf, "server", uri->server);
    g_string_append_printf(buf, "port: %d\n", uri->port);
    testAppendField(buf, "path", uri->path);
    testAppendField(buf, "query", uri->query);
    testAppendField(buf, "fragment", uri->fragment);
    g_string_append_printf(buf, "params: %zu\n", uri->nparams);
    for (i = 0; i < uri->nparams; i++)
        g_string_append_printf(buf, "  \"%s\" = \"%s\"\n",
                               uri->params[i].name, uri->params[i].value);
    testAppendField(buf, "params formatted", params);
    return g_string_free(buf, FALSE);
}

static int
testParseValid(const void *opaque)
{
    const testURI *t = opaque;
    g_autofree char *outName = g_strdup_printf("%s.out", t->name);
    g_autofree char *outPath = virTestDataPath(SUITE, outName);
    g_autoptr(virURI) uri = NULL;
    g_autoptr(virURI) again = NULL;
    g_autofree char *fields = NULL;
    g_autofree char *fieldsAgain = NULL;
    g_autofree char *formatted = NULL;
    g_autofree char *formattedAgain = NULL;
    g_autofree char *driver = NULL;
    g_autofree char *transport = NULL;
    g_autofree char *actual = NULL;
    GString *split = g_string_new(NULL);

    if (!(uri = virURIParse(t->uri))) {
        g_string_free(split, TRUE);
        return -1;
    }
    fields = testDumpFields(uri);
    formatted = virURIFormat(uri);

    if (virURISplitScheme(uri->scheme, &driver, &transport) == 0) {
        testAppendField(split, "driver", driver);
        testAppendField(split, "transport", transport);
    } else {
        g_string_append_printf(split, "split error: %s\n", virErrorGetLast()->message);
        virErrorReset();
    }
    actual = g_strdup_printf("uri: %s\n%s%sformatted: %s\n",
                             t->uri, fields, split->str, formatted);
    g_string_free(split, TRUE);
    if (virTestCompareToFile(actual, outPath) < 0)
        return -1;

    /* The formatted text is a fixed point: same fields, same text. */
    if (!(again = virURIParse(formatted)))
        return -1;
    fieldsAgain = testDumpFields(again);
    formattedAgain = virURIFormat(again);
    if (strcmp(fields, fieldsAgain) != 0 || strcmp(formatted, formattedAgain) != 0) {
        fprintf(stderr, "'%s' re-parsed differently:\n%s\nformatted again: %s\n",
                formatted, fieldsAgain, formattedAgain);
        return -1;
    }
    return 0;
}

static int
testParseInvalid(const void *opaque)
{
    const testURI *t = opaque;
    g_autofree char *errName = g_strdup_printf("%s.err", t->name);
    g_autofree char *errPath = virTestDataPath(SUITE, errName);
    g_autoptr(virURI) uri = virURIParse(t->uri);
    const virErrorInfo *err = virErrorGetLast();
    g_autofree char *actual = NULL;

    if (uri) {
        fprintf(stderr, "'%s' was accepted\n", t->uri);
        return -1;
    }
    if (!err || err->code != VIR_ERR_INTERNAL_ERROR || err->domain != VIR_FROM_URI) {
        fprintf(stderr, "'%s': no error, or the wrong code/domain\n", t->uri);
        return -1;
    }
    actual = g_strdup_printf("%s\n", err->message);
    virErrorReset();
    return virTestCompareToFile(actual, errPath);
}

typedef struct {
    const char *scheme;
    const char *driver;         /* NULL: rejected */
    const char *transport;
    const char *error;          /* part of the message when rejected */
} testSplit;

static int
testSplitScheme(const void *opaque)
{
    const testSplit *t = opaque;
    g_autofree char *driver = NULL;
    g_autofree char *transport = NULL;
    int rc = virURISplitScheme(t->scheme, &driver, &transport);
    const virErrorInfo *err = virErrorGetLast();

    if (!t->driver) {
        if (rc != -1 || driver || transport || !err ||
            err->code != VIR_ERR_INVALID_ARG || !strstr(err->message, t->error)) {
            fprintf(stderr, "'%s': rc %d, error '%s'\n", t->scheme, rc,
                    err ? err->message : "(none)");
            return -1;
        }
        virErrorReset();
        return 0;
    }
    if (rc != 0 || g_strcmp0(driver, t->driver) != 0 ||
        g_strcmp0(transport, t->transport) != 0) {
        fprintf(stderr, "'%s': rc %d, driver '%s', transport '%s'\n", t->scheme, rc,
                driver ? driver : "NULL", transport ? transport : "NULL");
        return -1;
    }
    return 0;
}

/* Params marked ignore are left out; lookups ignore case, the last wins. */
static int
testParams(const void *opaque)
{
    g_autoptr(virURI) uri =
        virURIParse("qemu:///system?socket=/a&Mode=legacy&name=x+y&mode=direct&k=a%26b%3Dc");
    g_autofree char *params = NULL;
    g_autofree char *formatted = NULL;
    size_t i;

    if (!uri ||
        g_strcmp0(virURIGetParam(uri, "MODE"), "direct") != 0 ||
        g_strcmp0(virURIGetParam(uri, "name"), "x y") != 0 ||
        g_strcmp0(virURIGetParam(uri, "k"), "a&b=c") != 0 ||
        virURIGetParam(uri, "absent") != NULL)
        return -1;

    for (i = 0; i < uri->nparams; i++) {
        if (g_ascii_strcasecmp(uri->params[i].name, "mode") == 0)
            uri->params[i].ignore = true;
    }
    params = virURIFormatParams(uri);
    if (strcmp(params, "socket=/a&name=x%20y&k=a%26b%3Dc") != 0) {
        fprintf(stderr, "params: %s\n", params);
        return -1;
    }

    /* The query is what virURIFormat writes: a caller rebuilding it from
     * params gets a URI without the ignored ones. */
    g_free(uri->query);
    uri->query = g_steal_pointer(&params);
    formatted = virURIFormat(uri);
    if (strcmp(formatted, "qemu:///system?socket=/a&name=x%20y&k=a%26b%3Dc") != 0) {
        fprintf(stderr, "formatted: %s\n", formatted);
        return -1;
    }
    return 0;
}

/* A URI put together by hand: brackets for IPv6, '/' before a rootless
 * path, escapes where a part needs them. */
static int
testFormatBuilt(const void *opaque)
{
    virURI uri = {
        .scheme = (char *)"qemu+tls",
        .server = (char *)"fe80::1%eth0",
        .user = (char *)"a@b",
        .port = 16514,
        .path = (char *)"system",
        .fragment = (char *)"x y",
    };
    virURI none = { .scheme = (char *)"test" };
    g_autofree char *formatted = virURIFormat(&uri);
    g_autofree char *formattedNone = virURIFormat(&none);
    g_autofree char *params = virURIFormatParams(&none);

    if (strcmp(formatted, "qemu+tls://a%40b@[fe80::1%25eth0]:16514/system#x%20y") != 0 ||
        strcmp(formattedNone, "test://") != 0 ||
        strcmp(params, "") != 0) {
        fprintf(stderr, "formatted: %s / %s / '%s'\n", formatted, formattedNone, params);
        return -1;
    }
    return 0;
}

/* Every transport name maps back to its value. */
static int
testTransportTable(const void *opaque)
{
    int i;

    for (i = 0; i < VIR_URI_TRANSPORT_LAST; i++) {
        if (virURITransportTypeFromString(virURITransportTypeToString(i)) != i)
            return -1;
    }
    if (virURITransportTypeToString(VIR_URI_TRANSPORT_LAST) ||
        virURITransportTypeFromString("SSH") != -1 ||
        strcmp(virURITransportTypeToString(VIR_URI_TRANSPORT_LIBSSH2), "libssh2") != 0)
        return -1;
    return 0;
}

static int
mymain(void)
{
    static const testURI valid[] = {
        { "qemu-system", "qemu:///system" },
        { "qemu-session", "qemu:///session" },
        { "test-default", "test:///default" },
        { "network-system", "network:///system" },
        { "ipv6-tls", "qemu+tls://[::1]:16514/system" },
        { "ipv6-zone", "qemu+tcp://[fe80::1%25eth0]:16509/system" },
        { "ipv4-tcp", "qemu+tcp://192.168.122.1:16509/system" },
        { "ssh-user", "qemu+ssh://root@example.com/system" },
        { "ssh-user-port-params", "qemu+ssh://admin@host.example:2222/system?keyfile=/home/a/.ssh/id_ed25519&no_verify=1" },
        { "user-escaped", "qemu+ssh://us%40er:pw@host/system" },
        { "transport-uppercase", "qemu+SSH://host/system" },
        { "unix-socket-param", "qemu+unix:///system?socket=/run/x/virtqemud-sock" },
        { "ext-command", "qemu+ext:///system?command=/opt/bin/tunnel" },
        { "query-escaped", "qemu:///system?socket=/tmp/a%20b&mode=direct" },
        { "query-plus", "qemu:///system?command=/usr/bin/ssh+-v&plus=%2B" },
        { "query-no-value", "qemu+ssh://h/system?no_tty&no_verify=1&&=ignored&empty=" },
        { "query-semicolon", "qemu:///system?a=1;b=2" },
        { "query-only-question", "qemu:///system?" },
        { "empty-path", "qemu://host" },
        { "empty-path-port", "qemu+tcp://host:16509" },
        { "empty-path-query", "qemu+tls://host?pkipath=/etc/pki/libvirt" },
        { "empty-port", "qemu+tcp://host:/system" },
        { "empty-authority", "qemu://" },
        { "scheme-only", "qemu:" },
        { "no-authority", "qemu:/system" },
        { "rootless-path", "tcp:host:49152" },
        { "path-escaped", "test:///tmp/my%20node.xml" },
        { "escape-normalised", "test:///a%7eb%2fc" },
        { "fragment", "qemu:///system#frag%20x" },
    };
    static const testURI invalid[] = {
        { "empty", "" },
        { "no-scheme", "qemu" },
        { "no-scheme-path", "/system" },
        { "empty-scheme", ":///" },
        { "scheme-digit", "1qemu:///system" },
        { "scheme-bad-char", "qe_mu:///system" },
        { "ipv6-unterminated", "qemu://[::1/system" },
        { "ipv6-bad-address", "qemu://[1.2.3.4]/system" },
        { "ipv6-trailing", "qemu://[::1]x/system" },
        { "ipv6-zone-unescaped", "qemu://[fe80::1%eth0]/system" },
        { "port-too-big", "qemu+tcp://h:99999/" },
        { "port-zero", "qemu+tcp://h:0/" },
        { "port-not-number", "qemu+tcp://h:16509x/system" },
        { "port-without-host", "qemu://:16509/system" },
        { "space-in-path", "qemu:///sys tem" },
        { "space-in-query", "qemu:///system?socket=/tmp/a b" },
        { "space-in-host", "qemu://my host/system" },
        { "second-at", "qemu+ssh://a@b@host/system" },
        { "bracket-in-query", "qemu:///system?a=[1]" },
        { "second-hash", "qemu:///system#a#b" },
        { "bad-escape", "qemu:///system?socket=%zz" },
        { "incomplete-escape", "qemu:///sys%2" },
        { "nul-escape", "qemu:///system%00" },
        { "nul-escape-param", "qemu:///system?socket=%00" },
        { "control-char", "qemu:///sys\ttem" },
    };
    static const testSplit splits[] = {
        { "qemu", "qemu", NULL, NULL },
        { "qemu+ssh", "qemu", "ssh", NULL },
        { "qemu+SSH", "qemu", "ssh", NULL },
        { "network+unix", "network", "unix", NULL },
        { "xen+libssh2", "xen", "libssh2", NULL },
        { "lxc+libssh", "lxc", "libssh", NULL },
        { "qemu+ext", "qemu", "ext", NULL },
        { "qemu+tcp", "qemu", "tcp", NULL },
        { "qemu+tls", "qemu", "tls", NULL },
        { "qemu+foo", NULL, NULL, "unknown transport 'foo' in URI scheme 'qemu+foo'" },
        { "qemu+", NULL, NULL, "unknown transport ''" },
        { "qemu+ssh+x", NULL, NULL, "unknown transport 'ssh+x'" },
        { "+ssh", NULL, NULL, "names no driver" },
        { "", NULL, NULL, "names no driver" },
    };
    int ret = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(valid); i++) {
        g_autofree char *title = g_strdup_printf("parse %s", valid[i].uri);

        ret |= virTestRun(title, testParseValid, &valid[i]);
    }
    for (i = 0; i < G_N_ELEMENTS(invalid); i++) {
        g_autofree char *title = g_strdup_printf("reject %s", invalid[i].name);

        ret |= virTestRun(title, testParseInvalid, &invalid[i]);
    }
    for (i = 0; i < G_N_ELEMENTS(splits); i++) {
        g_autofree char *title = g_strdup_printf("split scheme '%s'", splits[i].scheme);

        ret |= virTestRun(title, testSplitScheme, &splits[i]);
    }
    ret |= virTestRun("params: lookup, ignore, re-escape", testParams, NULL);
    ret |= virTestRun("format a URI built by hand", testFormatBuilt, NULL);
    ret |= virTestRun("transport table", testTransportTable, NULL);
    ret |= virTestCheckUnusedFiles(SUITE);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
