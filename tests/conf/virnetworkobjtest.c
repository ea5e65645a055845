/* The network object list: lookups, libvirt's duplicate errors, the
 * virConnectListAllNetworks filters, live/persistent definitions, and
 * configs, autostart links and status files in a scratch directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "testutils.h"
#include "virnetworkobj.h"
#include "virerror.h"

#define UUID_A "a0000000-0000-4000-8000-00000000000a"
#define UUID_B "b0000000-0000-4000-8000-00000000000b"
#define UUID_C "c0000000-0000-4000-8000-00000000000c"
#define UUID_D "d0000000-0000-4000-8000-00000000000d"

static virNetworkDef *
testDef(const char *name, const char *uuid, const char *bridge)
{
    g_autofree char *xml = g_strdup_printf(
        "<network><name>%s</name><uuid>%s</uuid><forward mode='nat'/>"
        "<bridge name='%s'/><ip address='192.168.99.1' prefix='24'>"
        "<dhcp><range start='192.168.99.2' end='192.168.99.9'/></dhcp></ip></network>",
        name, uuid, bridge);

    return virNetworkDefParseString(xml, 0);
}

/* Adds a network and sets its state; the list keeps it. */
static int
testAdd(virNetworkObjList *nets, const char *name, const char *uuid, bool live,
        bool active, bool autostart)
{
    g_autoptr(virNetworkDef) def = testDef(name, uuid, "virbr99");
    virNetworkObj *obj;

    if (!def ||
        !(obj = virNetworkObjListAdd(nets, &def, live ? VIR_NETWORK_OBJ_LIST_ADD_LIVE : 0, NULL)))
        return -1;
    obj->active = active;
    obj->autostart = autostart;
    virNetworkObjEndAPI(&obj);
    return 0;
}

static int
testCheckError(int code, const char *message)
{
    const virErrorInfo *err = virErrorGetLast();

    if (!err || err->code != code || err->domain != VIR_FROM_NETWORK ||
        !strstr(err->message, message)) {
        fprintf(stderr, "expected error %d '%s', got %d '%s'\n", code, message,
                err ? err->code : -1, err ? err->message : "none");
        return -1;
    }
    virErrorReset();
    return 0;
}

static int
testLookupAndDuplicates(const void *opaque)
{
    g_autoptr(virNetworkObjList) nets = virNetworkObjListNew();
    g_autoptr(virNetworkDef) sameName = testDef("alpha", UUID_B, "virbr1");
    g_autoptr(virNetworkDef) sameUUID = testDef("other", UUID_A, "virbr1");
    g_autoptr(virNetworkDef) redefine = testDef("alpha", UUID_A, "virbr7");
    g_autoptr(virNetworkDef) live = testDef("alpha", UUID_A, "virbr8");
    virNetworkDef *old = NULL;
    unsigned char uuid[VIR_UUID_BUFLEN];
    virNetworkObj *obj;

    if (testAdd(nets, "alpha", UUID_A, false, false, false) < 0)
        return -1;
    if (!(obj = virNetworkObjListFindByName(nets, "alpha")))
        return -1;
    virNetworkObjEndAPI(&obj);
    virUUIDParse(UUID_A, uuid);
    if (!(obj = virNetworkObjListFindByUUID(nets, uuid)) || !obj->persistent) {
        virNetworkObjEndAPI(&obj);
        return -1;
    }
    virNetworkObjEndAPI(&obj);
    if (virNetworkObjListFindByName(nets, "nope"))
        return -1;

    if (virNetworkObjListAdd(nets, &sameName, 0, NULL) || !sameName ||
        testCheckError(VIR_ERR_OPERATION_FAILED,
                       "network 'alpha' already exists with uuid " UUID_A) < 0)
        return -1;
    if (virNetworkObjListAdd(nets, &sameUUID, 0, NULL) || !sameUUID ||
        testCheckError(VIR_ERR_OPERATION_FAILED,
                       "network 'alpha' is already defined with uuid " UUID_A) < 0)
        return -1;

    /* Redefining an inactive network replaces its definition. */
    if (!(obj = virNetworkObjListAdd(nets, &redefine, 0, &old)) || redefine || !old ||
        g_strcmp0(obj->def->bridge, "virbr7") != 0) {
        virNetworkObjEndAPI(&obj);
        return -1;
    }
    virNetworkDefFree(old);
    obj->active = true;
    virNetworkObjEndAPI(&obj);

    if (virNetworkObjListAdd(nets, &live, VIR_NETWORK_OBJ_LIST_ADD_LIVE |
                             VIR_NETWORK_OBJ_LIST_ADD_CHECK_LIVE, NULL) ||
        testCheckError(VIR_ERR_OPERATION_INVALID, "network is already active as 'alpha'") < 0)
        return -1;

    if (!(obj = virNetworkObjListFindByName(nets, "alpha")))
        return -1;
    virNetworkObjListRemove(nets, obj);
    virNetworkObjEndAPI(&obj);
    if (virNetworkObjListFindByName(nets, "alpha") || virNetworkObjListCount(nets, 0) != 0)
        return -1;
    return 0;
}

static int
testFilters(const void *opaque)
{
    g_autoptr(virNetworkObjList) nets = virNetworkObjListNew();
    static const struct {
        unsigned int flags;
        const char *names;
    } cases[] = {
        { 0, "a b c d" },
        { VIR_CONNECT_LIST_NETWORKS_ACTIVE, "a c" },
        { VIR_CONNECT_LIST_NETWORKS_INACTIVE, "b d" },
        { VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE, "a b c d" },
        { VIR_CONNECT_LIST_NETWORKS_PERSISTENT, "a b d" },
        { VIR_CONNECT_LIST_NETWORKS_TRANSIENT, "c" },
        { VIR_CONNECT_LIST_NETWORKS_AUTOSTART, "a d" },
        { VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, "b c" },
        { VIR_CONNECT_LIST_NETWORKS_INACTIVE | VIR_CONNECT_LIST_NETWORKS_AUTOSTART, "d" },
        { VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_PERSISTENT |
          VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, "" },
    };
    size_t i;

    /* Added out of order: listings come sorted by name. */
    if (testAdd(nets, "d", UUID_D, false, false, true) < 0 ||
        testAdd(nets, "b", UUID_B, false, false, false) < 0 ||
        testAdd(nets, "c", UUID_C, true, true, false) < 0 ||
        testAdd(nets, "a", UUID_A, false, true, true) < 0)
        return -1;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_auto(GStrv) names = virNetworkObjListGetNames(nets, cases[i].flags);
        g_autofree char *joined = g_strjoinv(" ", names);

        if (strcmp(joined, cases[i].names) != 0 ||
            virNetworkObjListCount(nets, cases[i].flags) != g_strv_length(names)) {
            fprintf(stderr, "flags 0x%x: got '%s', expected '%s'\n",
                    cases[i].flags, joined, cases[i].names);
            return -1;
        }
    }
    return 0;
}

/* While running, a redefinition waits in newDef; stopping applies it. */
static int
testLiveAndPersistent(const void *opaque)
{
    g_autoptr(virNetworkObjList) nets = virNetworkObjListNew();
    g_autoptr(virNetworkDef) def = testDef("net", UUID_A, "virbr1");
    g_autoptr(virNetworkDef) redefined = testDef("net", UUID_A, "virbr2");
    virNetworkObj *obj = virNetworkObjListAdd(nets, &def, 0, NULL);
    int ret = -1;

    if (!obj)
        return -1;
    obj->active = true;
    virNetworkObjSetDefTransient(obj);
    if (!obj->newDef || obj->newDef == obj->def)
        goto cleanup;
    virNetworkObjEndAPI(&obj);

    if (!(obj = virNetworkObjListAdd(nets, &redefined, 0, NULL)))
        goto cleanup;
    if (g_strcmp0(obj->def->bridge, "virbr1") != 0 ||
        g_strcmp0(virNetworkObjGetPersistentDef(obj)->bridge, "virbr2") != 0)
        goto cleanup;

    obj->active = false;
    virNetworkObjUnsetDefTransient(obj);
    if (obj->newDef || g_strcmp0(obj->def->bridge, "virbr2") != 0)
        goto cleanup;
    ret = 0;

 cleanup:
    virNetworkObjEndAPI(&obj);
    return ret;
}

static void
testRemoveTree(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);

        if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK))
            testRemoveTree(path);
        else
            g_unlink(path);
    }
    g_rmdir(dir);
}

/* Configs, autostart links and status files survive a "restart". */
static int
testFiles(const void *opaque)
{
    g_autofree char *root = g_dir_make_tmp("virnetworkobjtest-XXXXXX", NULL);
    g_autofree char *configDir = g_build_filename(root, "networks", NULL);
    g_autofree char *autostartDir = g_build_filename(root, "networks", "autostart", NULL);
    g_autofree char *stateDir = g_build_filename(root, "run", NULL);
    g_autofree char *broken = g_build_filename(configDir, "broken.xml", NULL);
    g_autofree char *misnamed = g_build_filename(configDir, "misnamed.xml", NULL);
    g_autofree char *expectA = NULL;
    g_autoptr(virNetworkObjList) nets = virNetworkObjListNew();
    g_autoptr(virNetworkObjList) loaded = virNetworkObjListNew();
    g_autoptr(virNetworkDef) defA = testDef("alpha", UUID_A, "virbr1");
    g_autoptr(virNetworkDef) defB = testDef("beta", UUID_B, "virbr2");
    g_autoptr(virNetworkDef) transient = testDef("gamma", UUID_C, "virbr3");
    virNetworkObj *obj = NULL;
    int ret = -1;

    if (!root)
        return -1;
    expectA = virNetworkDefFormat(defA, VIR_NETWORK_XML_INACTIVE);

    if (virNetworkSaveConfig(configDir, defA) < 0 ||
        virNetworkSaveConfig(configDir, defB) < 0 ||
        !g_file_set_contents(broken, "<network><name>broken", -1, NULL) ||
        !g_file_set_contents(misnamed, "<network><name>other</name></network>", -1, NULL))
        goto cleanup;

    /* Autostart is a link, refused for a transient network. */
    if (!(obj = virNetworkObjListAdd(nets, &defA, 0, NULL)) ||
        virNetworkObjSetAutostart(obj, configDir, autostartDir, true) < 0 || !obj->autostart)
        goto cleanup;
    virNetworkObjEndAPI(&obj);
    if (!(obj = virNetworkObjListAdd(nets, &transient, VIR_NETWORK_OBJ_LIST_ADD_LIVE, NULL)))
        goto cleanup;
    obj->active = true;
    if (virNetworkObjSetAutostart(obj, configDir, autostartDir, true) == 0 ||
        testCheckError(VIR_ERR_OPERATION_INVALID, "cannot set autostart for transient network") < 0)
        goto cleanup;
    obj->def->connections = 4;
    obj->floorSum = 250;
    if (virNetworkObjSaveStatus(stateDir, obj) < 0)
        goto cleanup;
    virNetworkObjEndAPI(&obj);

    /* The persistent alpha runs too, with a live change. */
    if (!(obj = virNetworkObjListFindByName(nets, "alpha")))
        goto cleanup;
    obj->active = true;
    virNetworkObjSetDefTransient(obj);
    g_free(obj->def->bridge);
    obj->def->bridge = g_strdup("virbr-live");
    if (virNetworkObjSaveStatus(stateDir, obj) < 0)
        goto cleanup;
    virNetworkObjEndAPI(&obj);

    /* The broken and misnamed files are skipped, the others loaded. */
    if (virNetworkObjListLoadAllConfigs(loaded, configDir, autostartDir) != 2 ||
        virNetworkObjListLoadAllState(loaded, stateDir) != 2)
        goto cleanup;
    virErrorReset();

    if (!(obj = virNetworkObjListFindByName(loaded, "alpha")))
        goto cleanup;
    {
        g_autofree char *persistent = virNetworkDefFormat(virNetworkObjGetPersistentDef(obj),
                                                          VIR_NETWORK_XML_INACTIVE);

        if (!obj->active || !obj->persistent || !obj->autostart ||
            g_strcmp0(obj->def->bridge, "virbr-live") != 0 ||
            strcmp(persistent, expectA) != 0) {
            fprintf(stderr, "alpha did not load back as saved:\n%s", persistent);
            goto cleanup;
        }
    }
    virNetworkObjEndAPI(&obj);

    if (!(obj = virNetworkObjListFindByName(loaded, "beta")) || obj->active ||
        obj->autostart || !obj->persistent)
        goto cleanup;
    virNetworkObjEndAPI(&obj);

    if (!(obj = virNetworkObjListFindByName(loaded, "gamma")) || !obj->active ||
        obj->persistent || obj->def->connections != 4 || obj->floorSum != 250)
        goto cleanup;
    virNetworkObjEndAPI(&obj);

    /* Undefine and stop remove the files again. */
    if (virNetworkDeleteConfig(configDir, autostartDir, "alpha") < 0 ||
        virNetworkObjDeleteStatus(stateDir, "gamma") < 0 ||
        virNetworkObjDeleteStatus(stateDir, "gamma") < 0)
        goto cleanup;
    {
        g_autoptr(virNetworkObjList) again = virNetworkObjListNew();

        if (virNetworkObjListLoadAllConfigs(again, configDir, autostartDir) != 1 ||
            virNetworkObjListLoadAllState(again, stateDir) != 1)
            goto cleanup;
        virErrorReset();
    }
    ret = 0;

 cleanup:
    virNetworkObjEndAPI(&obj);
    testRemoveTree(root);
    return ret;
}

static int
mymain(void)
{
    int ret = 0;

    if (virTestRun("lookups and duplicates", testLookupAndDuplicates, NULL) < 0)
        ret = -1;
    if (virTestRun("list filters", testFilters, NULL) < 0)
        ret = -1;
    if (virTestRun("live and persistent definitions", testLiveAndPersistent, NULL) < 0)
        ret = -1;
    if (virTestRun("configs, autostart and status files", testFiles, NULL) < 0)
        ret = -1;
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
