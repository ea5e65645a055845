/* The storage pool object list: lookups, libvirt's duplicate and source
 * conflict errors, the virConnectListAllStoragePools filters, live and
 * persistent definitions, the volumes of a pool, and configs, autostart
 * links and status files in a scratch directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "testutils.h"
#include "virstorageobj.h"
#include "virerror.h"

#define UUID_A "a0000000-0000-4000-8000-00000000000a"
#define UUID_B "b0000000-0000-4000-8000-00000000000b"
#define UUID_C "c0000000-0000-4000-8000-00000000000c"
#define UUID_D "d0000000-0000-4000-8000-00000000000d"
#define UUID_E "e0000000-0000-4000-8000-00000000000e"

static virStoragePoolDef *
testDirDef(const char *name, const char *uuid, const char *path)
{
    g_autofree char *xml = g_strdup_printf(
        "<pool type='dir'><name>%s</name><uuid>%s</uuid>"
        "<target><path>%s</path><permissions><mode>0711</mode></permissions></target></pool>",
        name, uuid, path);

    return virStoragePoolDefParseString(xml, 0);
}

static virStoragePoolDef *
testParse(const char *xml)
{
    virStoragePoolDef *def = virStoragePoolDefParseString(xml, 0);

    if (!def)
        fprintf(stderr, "cannot parse: %s\n", virErrorGetLast()->message);
    return def;
}

/* Adds a pool and sets its state; the list keeps it. */
static int
testAddDef(virStoragePoolObjList *pools, virStoragePoolDef *def, bool live, bool active,
           bool autostart)
{
    g_autoptr(virStoragePoolDef) owned = def;
    virStoragePoolObj *obj;

    if (!owned ||
        !(obj = virStoragePoolObjListAdd(pools, &owned,
                                         live ? VIR_STORAGE_POOL_OBJ_LIST_ADD_LIVE : 0, NULL)))
        return -1;
    obj->active = active;
    obj->autostart = autostart;
    virStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testCheckError(int code, const char *message)
{
    const virErrorInfo *err = virErrorGetLast();

    if (!err || err->code != code || err->domain != VIR_FROM_STORAGE ||
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
    g_autoptr(virStoragePoolObjList) pools = virStoragePoolObjListNew();
    g_autoptr(virStoragePoolDef) sameName = testDirDef("alpha", UUID_B, "/srv/b");
    g_autoptr(virStoragePoolDef) sameUUID = testDirDef("other", UUID_A, "/srv/b");
    g_autoptr(virStoragePoolDef) redefine = testDirDef("alpha", UUID_A, "/srv/a2");
    g_autoptr(virStoragePoolDef) live = testDirDef("alpha", UUID_A, "/srv/a3");
    virStoragePoolDef *old = NULL;
    unsigned char uuid[VIR_UUID_BUFLEN];
    virStoragePoolObj *obj;

    if (testAddDef(pools, testDirDef("alpha", UUID_A, "/srv/a"), false, false, false) < 0)
        return -1;
    if (!(obj = virStoragePoolObjListFindByName(pools, "alpha")))
        return -1;
    virStoragePoolObjEndAPI(&obj);
    virUUIDParse(UUID_A, uuid);
    if (!(obj = virStoragePoolObjListFindByUUID(pools, uuid)) || !obj->persistent) {
        virStoragePoolObjEndAPI(&obj);
        return -1;
    }
    virStoragePoolObjEndAPI(&obj);
    if (virStoragePoolObjListFindByName(pools, "nope"))
        return -1;
    if (!(obj = virStoragePoolObjListFindByTargetPath(pools, "/srv//a/")))
        return -1;
    virStoragePoolObjEndAPI(&obj);

    if (virStoragePoolObjListAdd(pools, &sameName, 0, NULL) || !sameName ||
        testCheckError(VIR_ERR_OPERATION_FAILED,
                       "pool 'alpha' already exists with uuid " UUID_A) < 0)
        return -1;
    if (virStoragePoolObjListAdd(pools, &sameUUID, 0, NULL) || !sameUUID ||
        testCheckError(VIR_ERR_OPERATION_FAILED,
                       "pool 'alpha' is already defined with uuid " UUID_A) < 0)
        return -1;

    /* Redefining an inactive pool replaces its definition. */
    if (!(obj = virStoragePoolObjListAdd(pools, &redefine, 0, &old)) || redefine || !old ||
        g_strcmp0(obj->def->target.path, "/srv/a2") != 0) {
        virStoragePoolObjEndAPI(&obj);
        return -1;
    }
    virStoragePoolDefFree(old);
    obj->active = true;
    virStoragePoolObjEndAPI(&obj);

    if (virStoragePoolObjListAdd(pools, &live, VIR_STORAGE_POOL_OBJ_LIST_ADD_LIVE |
                                 VIR_STORAGE_POOL_OBJ_LIST_ADD_CHECK_LIVE, NULL) ||
        testCheckError(VIR_ERR_OPERATION_INVALID, "pool is already active as 'alpha'") < 0)
        return -1;

    if (!(obj = virStoragePoolObjListFindByName(pools, "alpha")))
        return -1;
    virStoragePoolObjListRemove(pools, obj);
    virStoragePoolObjEndAPI(&obj);
    if (virStoragePoolObjListFindByName(pools, "alpha") ||
        virStoragePoolObjListCount(pools, 0) != 0)
        return -1;
    return 0;
}

/* Two pools on the same storage are refused, as libvirt refuses them. */
static int
testSourceConflicts(const void *opaque)
{
    g_autoptr(virStoragePoolObjList) pools = virStoragePoolObjListNew();
    static const struct {
        const char *xml;
        const char *conflict;   /* NULL: accepted */
    } cases[] = {
        { "<pool type='dir'><name>d2</name><target><path>/srv/d1/</path></target></pool>", "d1" },
        { "<pool type='dir'><name>d3</name><target><path>/srv/d3</path></target></pool>", NULL },
        /* an fs pool mounted on a dir pool's path: libvirt does not mind */
        { "<pool type='fs'><name>f2</name><source><device path='/dev/sdq1'/></source>"
          "<target><path>/srv/d1</path></target></pool>", NULL },
        { "<pool type='fs'><name>f3</name><source><device path='/dev/sdb1'/></source>"
          "<target><path>/mnt/f3</path></target></pool>", "f1" },
        { "<pool type='logical'><name>vg2</name><source><device path='/dev/sdb1'/>"
          "</source></pool>", "f1" },
        { "<pool type='disk'><name>disk2</name><source><device path='/dev/sdz'/></source>"
          "<target><path>/dev</path></target></pool>", NULL },
        { "<pool type='netfs'><name>n2</name><source><host name='filer'/>"
          "<dir path='/export//'/></source><target><path>/mnt/n2</path></target></pool>", "n1" },
        { "<pool type='netfs'><name>n3</name><source><host name='other'/>"
          "<dir path='/export'/></source><target><path>/mnt/n3</path></target></pool>", NULL },
        { "<pool type='iscsi'><name>i2</name><source><host name='san'/>"
          "<device path='iqn.2023-01.org.example:t1'/></source>"
          "<target><path>/dev/disk/by-path</path></target></pool>", "i1" },
        /* the same target with another initiator */
        { "<pool type='iscsi'><name>i3</name><source><host name='san'/>"
          "<device path='iqn.2023-01.org.example:t1'/><initiator><iqn name='iqn.x:other'/>"
          "</initiator></source><target><path>/dev/disk/by-path</path></target></pool>", NULL },
        { "<pool type='scsi'><name>s2</name><source><adapter type='scsi_host' name='host5'/>"
          "</source><target><path>/dev/disk/by-path</path></target></pool>", "s1" },
        { "<pool type='mpath'><name>m2</name><target><path>/dev/mapper</path></target></pool>",
          "m1" },
        { "<pool type='rbd'><name>r2</name><source><host name='mon'/><name>rbd</name>"
          "</source></pool>", NULL },
    };
    static const char *const existing[] = {
        "<pool type='dir'><name>d1</name><uuid>" UUID_D "</uuid>"
        "<target><path>/srv/d1</path></target></pool>",
        "<pool type='fs'><name>f1</name><source><device path='/dev/sdb1'/></source>"
        "<target><path>/mnt/f1</path></target></pool>",
        "<pool type='netfs'><name>n1</name><source><host name='filer'/><dir path='/export'/>"
        "</source><target><path>/mnt/n1</path></target></pool>",
        "<pool type='iscsi'><name>i1</name><source><host name='san' port='3260'/>"
        "<device path='iqn.2023-01.org.example:t1'/></source>"
        "<target><path>/dev/disk/by-path</path></target></pool>",
        "<pool type='scsi'><name>s1</name><source><adapter type='scsi_host' name='host5'/>"
        "</source><target><path>/dev/disk/by-path</path></target></pool>",
        "<pool type='mpath'><name>m1</name><target><path>/dev/mapper</path></target></pool>",
        "<pool type='rbd'><name>r1</name><source><host name='mon'/><name>rbd</name>"
        "</source></pool>",
    };
    virStoragePoolObj *obj;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(existing); i++) {
        if (testAddDef(pools, testParse(existing[i]), false, false, false) < 0)
            return -1;
    }
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(virStoragePoolDef) def = testParse(cases[i].xml);

        if (!def)
            return -1;
        obj = virStoragePoolObjListAdd(pools, &def, 0, NULL);
        if (!cases[i].conflict) {
            if (!obj) {
                fprintf(stderr, "case %zu refused: %s\n", i, virErrorGetLast()->message);
                return -1;
            }
            virStoragePoolObjEndAPI(&obj);
            continue;
        }
        if (obj) {
            fprintf(stderr, "case %zu accepted, expected a conflict with %s\n", i,
                    cases[i].conflict);
            virStoragePoolObjEndAPI(&obj);
            return -1;
        }
        {
            g_autofree char *msg = g_strdup_printf("Storage source conflict with pool: '%s'",
                                                   cases[i].conflict);

            if (testCheckError(VIR_ERR_OPERATION_FAILED, msg) < 0)
                return -1;
        }
    }

    /* Redefining a pool (same name and uuid) does not conflict with its
     * own storage. */
    {
        virStoragePoolDef *again = testParse(existing[0]);

        if (!again || !(obj = virStoragePoolObjListFindByName(pools, "d1"))) {
            virStoragePoolDefFree(again);
            return -1;
        }
        memcpy(again->uuid, obj->def->uuid, VIR_UUID_BUFLEN);
        virStoragePoolObjEndAPI(&obj);
        if (testAddDef(pools, again, false, false, false) < 0)
            return -1;
    }

    if (!(obj = virStoragePoolObjListFindBySourceDevice(pools, VIR_STORAGE_POOL_FS, "/dev/sdb1")) ||
        strcmp(obj->def->name, "f1") != 0) {
        virStoragePoolObjEndAPI(&obj);
        return -1;
    }
    virStoragePoolObjEndAPI(&obj);
    if (virStoragePoolObjListFindBySourceDevice(pools, VIR_STORAGE_POOL_DISK, "/dev/sdb1"))
        return -1;
    return 0;
}

static int
testFilters(const void *opaque)
{
    g_autoptr(virStoragePoolObjList) pools = virStoragePoolObjListNew();
    static const struct {
        unsigned int flags;
        const char *names;
    } cases[] = {
        { 0, "a b c d e" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, "a c e" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, "b d" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE | VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE,
          "a b c d e" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT, "a b d e" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT, "c" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART, "a d" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART, "b c e" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE | VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART, "d" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_DIR, "a b" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL, "c" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_DISK | VIR_CONNECT_LIST_STORAGE_POOLS_NETFS, "d e" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_FS | VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT, "" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_DIR | VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, "a" },
        { VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE | VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT |
          VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART, "e" },
    };
    virStoragePoolObj *held;
    size_t i;

    /* Added out of order: listings come sorted by name. */
    if (testAddDef(pools, testParse("<pool type='disk'><name>d</name><uuid>" UUID_D "</uuid>"
                                    "<source><device path='/dev/sdx'/></source>"
                                    "<target><path>/dev</path></target></pool>"),
                   false, false, true) < 0 ||
        testAddDef(pools, testDirDef("b", UUID_B, "/srv/b"), false, false, false) < 0 ||
        testAddDef(pools, testParse("<pool type='logical'><name>c</name><uuid>" UUID_C "</uuid>"
                                    "</pool>"), true, true, false) < 0 ||
        testAddDef(pools, testDirDef("a", UUID_A, "/srv/a"), false, true, true) < 0 ||
        testAddDef(pools, testParse("<pool type='netfs'><name>e</name><uuid>" UUID_E "</uuid>"
                                    "<source><host name='h'/><dir path='/x'/></source>"
                                    "<target><path>/mnt/e</path></target></pool>"),
                   false, true, false) < 0)
        return -1;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_auto(GStrv) names = virStoragePoolObjListGetNames(pools, cases[i].flags);
        g_autofree char *joined = g_strjoinv(" ", names);

        if (strcmp(joined, cases[i].names) != 0 ||
            virStoragePoolObjListCount(pools, cases[i].flags) != g_strv_length(names)) {
            fprintf(stderr, "flags 0x%x: got '%s', expected '%s'\n",
                    cases[i].flags, joined, cases[i].names);
            return -1;
        }
    }

    /* Holding one pool, the unfiltered list is still available. */
    if (!(held = virStoragePoolObjListFindByName(pools, "c")))
        return -1;
    {
        g_autoptr(GPtrArray) all = virStoragePoolObjListCollect(pools, 0);
        g_auto(GStrv) names = virStoragePoolObjListGetNames(pools, 0);

        if (all->len != 5 || g_strv_length(names) != 5 || g_ptr_array_index(all, 2) != held) {
            virStoragePoolObjEndAPI(&held);
            return -1;
        }
    }
    if (!virStoragePoolObjMatchFlags(held, VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT) ||
        virStoragePoolObjMatchFlags(held, VIR_CONNECT_LIST_STORAGE_POOLS_DIR)) {
        virStoragePoolObjEndAPI(&held);
        return -1;
    }
    virStoragePoolObjEndAPI(&held);
    return 0;
}

/* While running, a redefinition waits in newDef; stopping applies it. */
static int
testLiveAndPersistent(const void *opaque)
{
    g_autoptr(virStoragePoolObjList) pools = virStoragePoolObjListNew();
    g_autoptr(virStoragePoolDef) def = testDirDef("pool", UUID_A, "/srv/one");
    g_autoptr(virStoragePoolDef) redefined = testDirDef("pool", UUID_A, "/srv/two");
    virStoragePoolObj *obj = virStoragePoolObjListAdd(pools, &def, 0, NULL);
    int ret = -1;

    if (!obj)
        return -1;
    obj->active = true;
    virStoragePoolObjSetDefTransient(obj);
    if (!obj->newDef || obj->newDef == obj->def)
        goto cleanup;
    obj->def->capacity = 1000;
    virStoragePoolObjEndAPI(&obj);

    if (!(obj = virStoragePoolObjListAdd(pools, &redefined, 0, NULL)))
        goto cleanup;
    if (g_strcmp0(obj->def->target.path, "/srv/one") != 0 || obj->def->capacity != 1000 ||
        g_strcmp0(virStoragePoolObjGetPersistentDef(obj)->target.path, "/srv/two") != 0)
        goto cleanup;

    obj->active = false;
    virStoragePoolObjUnsetDefTransient(obj);
    if (obj->newDef || g_strcmp0(obj->def->target.path, "/srv/two") != 0)
        goto cleanup;
    ret = 0;

 cleanup:
    virStoragePoolObjEndAPI(&obj);
    return ret;
}

static virStorageVolDef *
testVol(const virStoragePoolDef *pool, const char *name)
{
    g_autofree char *xml = g_strdup_printf("<volume><name>%s</name><key>/srv/a/%s</key>"
                                           "<capacity>1024</capacity><target>"
                                           "<path>/srv/a/%s</path></target></volume>",
                                           name, name, name);

    return virStorageVolDefParseString(pool, xml, 0);
}

static bool
testSearchKey(virStoragePoolObj *obj, const void *opaque)
{
    return virStoragePoolObjFindVolByKey(obj, opaque) != NULL;
}

/* The volume list of a pool. */
static int
testVolumes(const void *opaque)
{
    g_autoptr(virStoragePoolObjList) pools = virStoragePoolObjListNew();
    g_autoptr(virStoragePoolDef) def = testDirDef("a", UUID_A, "/srv/a");
    virStoragePoolObj *obj = virStoragePoolObjListAdd(pools, &def, 0, NULL);
    g_autoptr(virStorageVolDef) dup = NULL;
    g_autoptr(GPtrArray) vols = NULL;
    g_auto(GStrv) names = NULL;
    virStorageVolDef *vol;
    virStoragePoolObj *found;
    int ret = -1;

    if (!obj)
        return -1;
    if (virStoragePoolObjAddVol(obj, testVol(obj->def, "one.img")) < 0 ||
        virStoragePoolObjAddVol(obj, testVol(obj->def, "two.img")) < 0 ||
        virStoragePoolObjAddVol(obj, testVol(obj->def, "three.img")) < 0)
        goto cleanup;

    dup = testVol(obj->def, "two.img");
    if (virStoragePoolObjAddVol(obj, dup) == 0 ||
        testCheckError(VIR_ERR_STORAGE_VOL_EXIST, "'two.img'") < 0)
        goto cleanup;
    g_free(dup->name);
    dup->name = g_strdup("other.img");
    if (virStoragePoolObjAddVol(obj, dup) == 0 ||
        testCheckError(VIR_ERR_INTERNAL_ERROR, "volume key '/srv/a/two.img' already in pool 'a'") < 0)
        goto cleanup;

    if (virStoragePoolObjGetVolumesCount(obj) != 3 ||
        !(vol = virStoragePoolObjFindVolByName(obj, "two.img")) ||
        virStoragePoolObjFindVolByKey(obj, "/srv/a/two.img") != vol ||
        virStoragePoolObjFindVolByPath(obj, "/srv/a/two.img") != vol ||
        virStoragePoolObjFindVolByName(obj, "nope") ||
        virStoragePoolObjFindVolByKey(obj, NULL))
        goto cleanup;

    virStoragePoolObjRemoveVol(obj, vol);
    names = virStoragePoolObjGetVolNames(obj);
    vols = virStoragePoolObjListVolumes(obj);
    if (virStoragePoolObjFindVolByKey(obj, "/srv/a/two.img") || vols->len != 2 ||
        g_strv_length(names) != 2 || strcmp(names[0], "one.img") != 0 ||
        strcmp(names[1], "three.img") != 0)
        goto cleanup;

    /* Searching needs the pool unlocked, and only active pools count. */
    virStoragePoolObjUnlock(obj);
    if (virStoragePoolObjListSearch(pools, testSearchKey, "/srv/a/one.img")) {
        virStoragePoolObjLock(obj);
        goto cleanup;
    }
    virStoragePoolObjLock(obj);
    obj->active = true;
    virStoragePoolObjUnlock(obj);
    /* The search returns the pool locked: that is obj, so no relocking. */
    found = virStoragePoolObjListSearch(pools, testSearchKey, "/srv/a/one.img");
    if (found != obj) {
        if (found) {
            virStoragePoolObjUnlock(found);
            virStoragePoolObjUnref(found);
        }
        virStoragePoolObjLock(obj);
        goto cleanup;
    }
    virStoragePoolObjUnref(found);

    virStoragePoolObjClearVols(obj);
    if (virStoragePoolObjGetVolumesCount(obj) != 0 ||
        virStoragePoolObjFindVolByName(obj, "one.img"))
        goto cleanup;
    ret = 0;

 cleanup:
    virStoragePoolObjEndAPI(&obj);
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
    g_autofree char *root = g_dir_make_tmp("virstorageobjtest-XXXXXX", NULL);
    g_autofree char *configDir = g_build_filename(root, "storage", NULL);
    g_autofree char *autostartDir = g_build_filename(root, "storage", "autostart", NULL);
    g_autofree char *stateDir = g_build_filename(root, "run", NULL);
    g_autofree char *broken = g_build_filename(configDir, "broken.xml", NULL);
    g_autofree char *misnamed = g_build_filename(configDir, "misnamed.xml", NULL);
    g_autofree char *statusA = g_build_filename(stateDir, "alpha.xml", NULL);
    g_autofree char *expectA = NULL;
    g_autofree char *status = NULL;
    g_autoptr(virStoragePoolObjList) pools = virStoragePoolObjListNew();
    g_autoptr(virStoragePoolObjList) loaded = virStoragePoolObjListNew();
    g_autoptr(virStoragePoolDef) defA = testDirDef("alpha", UUID_A, "/srv/alpha");
    g_autoptr(virStoragePoolDef) defB = testDirDef("beta", UUID_B, "/srv/beta");
    g_autoptr(virStoragePoolDef) transient = testDirDef("gamma", UUID_C, "/srv/gamma");
    virStoragePoolObj *obj = NULL;
    int ret = -1;

    if (!root)
        return -1;
    expectA = virStoragePoolDefFormat(defA);

    if (virStoragePoolSaveConfig(configDir, defA) < 0 ||
        virStoragePoolSaveConfig(configDir, defB) < 0 ||
        !g_file_set_contents(broken, "<pool type='dir'><name>broken", -1, NULL) ||
        !g_file_set_contents(misnamed, "<pool type='dir'><name>other</name><target>"
                             "<path>/srv/other</path></target></pool>", -1, NULL))
        goto cleanup;

    /* Autostart is a link, refused for a transient pool. */
    if (!(obj = virStoragePoolObjListAdd(pools, &defA, 0, NULL)) ||
        virStoragePoolObjSetAutostart(obj, configDir, autostartDir, true) < 0 || !obj->autostart)
        goto cleanup;
    virStoragePoolObjEndAPI(&obj);
    if (!(obj = virStoragePoolObjListAdd(pools, &transient, VIR_STORAGE_POOL_OBJ_LIST_ADD_LIVE,
                                         NULL)))
        goto cleanup;
    obj->active = true;
    if (virStoragePoolObjSetAutostart(obj, configDir, autostartDir, true) == 0 ||
        testCheckError(VIR_ERR_OPERATION_INVALID, "cannot set autostart for transient pool") < 0)
        goto cleanup;
    if (virStoragePoolObjSaveStatus(stateDir, obj) < 0)
        goto cleanup;
    virStoragePoolObjEndAPI(&obj);

    /* The persistent alpha runs too, with live values. */
    if (!(obj = virStoragePoolObjListFindByName(pools, "alpha")))
        goto cleanup;
    obj->active = true;
    virStoragePoolObjSetDefTransient(obj);
    obj->def->capacity = 4096;
    obj->def->target.perms.mode = 0755;
    if (virStoragePoolObjSaveStatus(stateDir, obj) < 0)
        goto cleanup;
    virStoragePoolObjEndAPI(&obj);

    if (!g_file_get_contents(statusA, &status, NULL, NULL) ||
        !g_str_has_prefix(status, "<poolstate>\n  <pool type='dir'>\n    <name>alpha</name>\n") ||
        !strstr(status, "    <capacity unit='bytes'>4096</capacity>\n") ||
        !g_str_has_suffix(status, "  </pool>\n</poolstate>\n")) {
        fprintf(stderr, "unexpected status file:\n%s", status);
        goto cleanup;
    }

    /* The broken and misnamed files are skipped, the others loaded. */
    if (virStoragePoolObjListLoadAllConfigs(loaded, configDir, autostartDir) != 2 ||
        virStoragePoolObjListLoadAllState(loaded, stateDir) != 2)
        goto cleanup;
    virErrorReset();

    if (!(obj = virStoragePoolObjListFindByName(loaded, "alpha")))
        goto cleanup;
    {
        g_autofree char *persistent = virStoragePoolDefFormat(virStoragePoolObjGetPersistentDef(obj));

        if (!obj->active || !obj->persistent || !obj->autostart ||
            obj->def->target.perms.mode != 0755 || strcmp(persistent, expectA) != 0) {
            fprintf(stderr, "alpha did not load back as saved:\n%s", persistent);
            goto cleanup;
        }
    }
    virStoragePoolObjEndAPI(&obj);

    if (!(obj = virStoragePoolObjListFindByName(loaded, "beta")) || obj->active ||
        obj->autostart || !obj->persistent)
        goto cleanup;
    virStoragePoolObjEndAPI(&obj);

    if (!(obj = virStoragePoolObjListFindByName(loaded, "gamma")) || !obj->active ||
        obj->persistent)
        goto cleanup;
    virStoragePoolObjEndAPI(&obj);

    /* Undefine and stop remove the files again. */
    if (virStoragePoolDeleteConfig(configDir, autostartDir, "alpha") < 0 ||
        virStoragePoolObjDeleteStatus(stateDir, "gamma") < 0 ||
        virStoragePoolObjDeleteStatus(stateDir, "gamma") < 0)
        goto cleanup;
    {
        g_autoptr(virStoragePoolObjList) again = virStoragePoolObjListNew();

        if (virStoragePoolObjListLoadAllConfigs(again, configDir, autostartDir) != 1 ||
            virStoragePoolObjListLoadAllState(again, stateDir) != 1)
            goto cleanup;
        virErrorReset();
    }
    ret = 0;

 cleanup:
    virStoragePoolObjEndAPI(&obj);
    testRemoveTree(root);
    return ret;
}

static int
mymain(void)
{
    int ret = 0;

    if (virTestRun("lookups and duplicates", testLookupAndDuplicates, NULL) < 0)
        ret = -1;
    if (virTestRun("source conflicts", testSourceConflicts, NULL) < 0)
        ret = -1;
    if (virTestRun("list filters", testFilters, NULL) < 0)
        ret = -1;
    if (virTestRun("live and persistent definitions", testLiveAndPersistent, NULL) < 0)
        ret = -1;
    if (virTestRun("volumes", testVolumes, NULL) < 0)
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
