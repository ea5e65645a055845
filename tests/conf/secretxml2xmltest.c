/* Secret XML round trips: tests/data/secretxml2xml/NAME.xml parsed and
 * formatted must give NAME.out.xml; inputs that must be refused give
 * NAME.err. Cases marked VALIDATE are parsed with the strict checks of
 * VIR_SECRET_DEFINE_VALIDATE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "secret_conf.h"
#include "virerror.h"

#define SUITE "secretxml2xml"

typedef enum {
    TEST_MASK_UUID = 1 << 0,    /* no <uuid> in the input: check it, then hide it */
    TEST_VALIDATE = 1 << 1,     /* parse with VIR_SECRET_DEF_PARSE_VALIDATE */
} testFlags;

typedef struct {
    const char *name;
    unsigned int flags;
} testInfo;

static unsigned int
testParseFlags(const testInfo *info)
{
    return (info->flags & TEST_VALIDATE) ? VIR_SECRET_DEF_PARSE_VALIDATE : 0;
}

/* Replaces a generated (non-zero, valid) UUID by a fixed word. */
static int
testMaskUUID(char **xml)
{
    const char *open = strstr(*xml, "<uuid>");
    const char *close = open ? strstr(open, "</uuid>") : NULL;
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned char zero[VIR_UUID_BUFLEN] = { 0 };
    g_autofree char *value = NULL;
    char *masked;

    if (!open || !close) {
        fprintf(stderr, "no <uuid> in the output\n");
        return -1;
    }
    value = g_strndup(open + 6, close - open - 6);
    if (virUUIDParse(value, uuid) < 0 || memcmp(uuid, zero, sizeof(zero)) == 0) {
        fprintf(stderr, "unexpected generated uuid '%s'\n", value);
        return -1;
    }
    masked = g_strdup_printf("%.*sGENERATED%s", (int)(open + 6 - *xml), *xml, close);
    g_free(*xml);
    *xml = masked;
    return 0;
}

static int
testCompareXMLToXML(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inName = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *outName = g_strdup_printf("%s.out.xml", info->name);
    g_autofree char *outPath = virTestDataPath(SUITE, outName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *again = NULL;
    g_autofree char *copied = NULL;
    g_autoptr(virSecretDef) def = NULL;
    g_autoptr(virSecretDef) reparsed = NULL;
    g_autoptr(virSecretDef) copy = NULL;

    if (virTestLoadFile(in, &xml) < 0 ||
        !(def = virSecretDefParseString(xml, testParseFlags(info))))
        return -1;
    actual = virSecretDefFormat(def);

    /* What we write we read back unchanged, even strictly checked. */
    if (!(reparsed = virSecretDefParseString(actual, VIR_SECRET_DEF_PARSE_VALIDATE))) {
        fprintf(stderr, "re-parsing the output failed: %s\n",
                virErrorGetLast() ? virErrorGetLast()->message : "?");
        return -1;
    }
    again = virSecretDefFormat(reparsed);
    copy = virSecretDefCopy(def);
    copied = virSecretDefFormat(copy);
    if (strcmp(again, actual) != 0 || strcmp(copied, actual) != 0) {
        fprintf(stderr, "output is not stable across a round trip or a copy:\n%s%s",
                again, copied);
        return -1;
    }

    if ((info->flags & TEST_MASK_UUID) && testMaskUUID(&actual) < 0)
        return -1;
    return virTestCompareToFile(actual, outPath);
}

static int
testCompareXMLToError(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *inName = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *errName = g_strdup_printf("%s.err", info->name);
    g_autofree char *errPath = virTestDataPath(SUITE, errName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virSecretDef) def = NULL;
    const virErrorInfo *err;

    if (virTestLoadFile(in, &xml) < 0)
        return -1;
    if ((def = virSecretDefParseString(xml, testParseFlags(info)))) {
        fprintf(stderr, "%s: parsing succeeded, an error was expected\n", info->name);
        return -1;
    }
    if (!(err = virErrorGetLast()) || !err->message) {
        fprintf(stderr, "%s: parsing failed without reporting an error\n", info->name);
        return -1;
    }
    if (err->domain != VIR_FROM_SECRET && err->domain != VIR_FROM_XML) {
        fprintf(stderr, "%s: error reported in domain %d\n", info->name, err->domain);
        return -1;
    }
    actual = g_strdup_printf("code=%d\n%s\n", err->code, err->message);
    return virTestCompareToFile(actual, errPath);
}

/* Each usage type's name, and the element that carries its id. */
static int
testUsageTables(const void *opaque)
{
    static const struct {
        int type;
        const char *name;
        const char *element;
    } usages[] = {
        { VIR_SECRET_USAGE_TYPE_NONE, "none", NULL },
        { VIR_SECRET_USAGE_TYPE_VOLUME, "volume", "volume" },
        { VIR_SECRET_USAGE_TYPE_CEPH, "ceph", "name" },
        { VIR_SECRET_USAGE_TYPE_ISCSI, "iscsi", "target" },
        { VIR_SECRET_USAGE_TYPE_TLS, "tls", "name" },
        { VIR_SECRET_USAGE_TYPE_VTPM, "vtpm", "name" },
    };
    size_t i;

    G_STATIC_ASSERT(G_N_ELEMENTS(usages) == VIR_SECRET_USAGE_TYPE_LAST);
    for (i = 0; i < G_N_ELEMENTS(usages); i++) {
        if (g_strcmp0(virSecretUsageTypeToString(usages[i].type), usages[i].name) != 0 ||
            virSecretUsageTypeFromString(usages[i].name) != usages[i].type ||
            g_strcmp0(virSecretUsageIDElement(usages[i].type), usages[i].element) != 0) {
            fprintf(stderr, "usage table mismatch for '%s'\n", usages[i].name);
            return -1;
        }
    }
    if (virSecretUsageTypeToString(VIR_SECRET_USAGE_TYPE_LAST) ||
        virSecretUsageTypeFromString("VOLUME") >= 0 ||
        virSecretUsageIDElement(-1)) {
        fprintf(stderr, "usage tables accept values out of range\n");
        return -1;
    }
    return 0;
}

/* Definitions made in code go through the same checks. */
static int
testValidate(const void *opaque)
{
    virSecretDef def = { .usageType = VIR_SECRET_USAGE_TYPE_VOLUME };
    char path[] = "/var/lib/x.img";

    if (virSecretDefValidate(&def) == 0)
        return -1;
    def.usageID = path;
    if (virSecretDefValidate(&def) < 0)
        return -1;
    def.usageType = VIR_SECRET_USAGE_TYPE_NONE;
    if (virSecretDefValidate(&def) == 0)
        return -1;
    def.usageType = VIR_SECRET_USAGE_TYPE_LAST;
    if (virSecretDefValidate(&def) == 0)
        return -1;
    virErrorReset();
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

#define DO_TEST_FULL(name, flags) \
    do { \
        static const testInfo info = { name, flags }; \
        if (virTestRun("xml2xml " name, testCompareXMLToXML, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST(name) DO_TEST_FULL(name, 0)
#define DO_TEST_ERR_FULL(name, flags) \
    do { \
        static const testInfo info = { name, flags }; \
        if (virTestRun("xml2err " name, testCompareXMLToError, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST_ERR(name) DO_TEST_ERR_FULL(name, 0)

    DO_TEST("volume");
    DO_TEST("ceph");
    DO_TEST("iscsi");
    DO_TEST("tls");
    DO_TEST("vtpm");
    DO_TEST("usage-none");
    DO_TEST("no-usage");
    DO_TEST_FULL("no-uuid", TEST_MASK_UUID);
    DO_TEST("uuid-no-dashes");
    DO_TEST("escaping");
    DO_TEST("empty-description");
    DO_TEST("unknown-elements");
    DO_TEST_FULL("validate-ok", TEST_VALIDATE);

    DO_TEST_ERR("err-malformed");
    DO_TEST_ERR("err-not-secret");
    DO_TEST_ERR("err-uuid");
    DO_TEST_ERR("err-ephemeral");
    DO_TEST_ERR("err-private");
    DO_TEST_ERR("err-usage-no-type");
    DO_TEST_ERR("err-usage-type");
    DO_TEST_ERR("err-volume-missing");
    DO_TEST_ERR("err-ceph-missing");
    DO_TEST_ERR("err-iscsi-empty");
    DO_TEST_ERR("err-tls-missing");
    DO_TEST_ERR("err-vtpm-missing");
    DO_TEST_ERR_FULL("err-validate-element", TEST_VALIDATE);
    DO_TEST_ERR_FULL("err-validate-attribute", TEST_VALIDATE);
    DO_TEST_ERR_FULL("err-validate-usage", TEST_VALIDATE);

    if (virTestRun("usage tables", testUsageTables, NULL) < 0)
        ret = -1;
    if (virTestRun("validate definitions made in code", testValidate, NULL) < 0)
        ret = -1;
    if (virTestCheckUnusedFiles(SUITE) < 0)
        ret = -1;
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
