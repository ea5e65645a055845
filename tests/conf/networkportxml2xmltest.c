/* Network port XML round trips: tests/data/networkportxml2xml/NAME.xml
 * parsed and formatted must give NAME.out.xml, refused inputs NAME.err;
 * and a port saved to a status file reads back the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "testutils.h"
#include "network_port_conf.h"
#include "virerror.h"

#define SUITE "networkportxml2xml"

static int
testCompareXMLToXML(const void *opaque)
{
    const char *name = opaque;
    g_autofree char *inName = g_strdup_printf("%s.xml", name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *outName = g_strdup_printf("%s.out.xml", name);
    g_autofree char *outPath = virTestDataPath(SUITE, outName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autofree char *again = NULL;
    g_autoptr(virNetworkPortDef) def = NULL;
    g_autoptr(virNetworkPortDef) reparsed = NULL;

    if (virTestLoadFile(in, &xml) < 0 ||
        !(def = virNetworkPortDefParseString(xml, 0)))
        return -1;
    actual = virNetworkPortDefFormat(def);
    if (!(reparsed = virNetworkPortDefParseString(actual, 0)))
        return -1;
    again = virNetworkPortDefFormat(reparsed);
    if (strcmp(again, actual) != 0) {
        fprintf(stderr, "output is not stable across a round trip:\n%s", again);
        return -1;
    }
    return virTestCompareToFile(actual, outPath);
}

static int
testCompareXMLToError(const void *opaque)
{
    const char *name = opaque;
    g_autofree char *inName = g_strdup_printf("%s.xml", name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *errName = g_strdup_printf("%s.err", name);
    g_autofree char *errPath = virTestDataPath(SUITE, errName);
    g_autofree char *xml = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virNetworkPortDef) def = NULL;
    const virErrorInfo *err;

    if (virTestLoadFile(in, &xml) < 0)
        return -1;
    if ((def = virNetworkPortDefParseString(xml, 0))) {
        fprintf(stderr, "%s: parsing succeeded, an error was expected\n", name);
        return -1;
    }
    if (!(err = virErrorGetLast()) || err->domain != VIR_FROM_NETWORK) {
        fprintf(stderr, "%s: no error reported in VIR_FROM_NETWORK\n", name);
        return -1;
    }
    actual = g_strdup_printf("code=%d\n%s\n", err->code, err->message);
    return virTestCompareToFile(actual, errPath);
}

/* Save, load back, delete: the status file holds the formatted port. */
static int
testSaveLoad(const void *opaque)
{
    g_autofree char *in = virTestDataPath(SUITE, "bandwidth.xml");
    g_autofree char *xml = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *stateDir = NULL;
    g_autofree char *path = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autoptr(virNetworkPortDef) def = NULL;
    g_autoptr(virNetworkPortDef) loaded = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    int ret = -1;

    if (virTestLoadFile(in, &xml) < 0 || !(def = virNetworkPortDefParseString(xml, 0)))
        return -1;
    if (!(dir = g_dir_make_tmp("networkporttest-XXXXXX", NULL)))
        return -1;
    stateDir = g_build_filename(dir, "ports", NULL);
    path = g_strdup_printf("%s/%s.xml", stateDir, virUUIDFormat(def->uuid, uuid));

    if (virNetworkPortDefSaveStatus(def, stateDir) < 0 ||
        !(loaded = virNetworkPortDefParseFile(path, 0)))
        goto cleanup;
    before = virNetworkPortDefFormat(def);
    after = virNetworkPortDefFormat(loaded);
    if (strcmp(before, after) != 0) {
        fprintf(stderr, "the saved port reads back differently:\n%s", after);
        goto cleanup;
    }
    if (virNetworkPortDefDeleteStatus(def, stateDir) < 0 ||
        g_file_test(path, G_FILE_TEST_EXISTS) ||
        virNetworkPortDefDeleteStatus(def, stateDir) < 0)
        goto cleanup;
    ret = 0;

 cleanup:
    g_rmdir(stateDir);
    g_rmdir(dir);
    return ret;
}

static int
mymain(void)
{
    int ret = 0;

#define DO_TEST(name) \
    do { \
        if (virTestRun("xml2xml " name, testCompareXMLToXML, name) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST_ERR(name) \
    do { \
        if (virTestRun("xml2err " name, testCompareXMLToError, name) < 0) \
            ret = -1; \
    } while (0)

    DO_TEST("plug-network");
    DO_TEST("plug-bridge");
    DO_TEST("plug-direct");
    DO_TEST("plug-hostdev-pci");
    DO_TEST("bandwidth");
    DO_TEST("unplugged");

    DO_TEST_ERR("err-no-uuid");
    DO_TEST_ERR("err-no-owner");
    DO_TEST_ERR("err-owner-uuid");
    DO_TEST_ERR("err-mac");
    DO_TEST_ERR("err-plug-type");
    DO_TEST_ERR("err-direct-mode");
    DO_TEST_ERR("err-outbound-floor");

    if (virTestRun("save and load a status file", testSaveLoad, NULL) < 0)
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
