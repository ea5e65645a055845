/* The secret object list: lookups by UUID and by usage, and the rules for
 * defining over an existing secret. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "virerror.h"
#include "virsecretobj.h"

#define UUID_A "8c4a1b2e-1111-4d2a-9c3e-00000000a001"
#define UUID_B "8c4a1b2e-1111-4d2a-9c3e-00000000a002"

static virSecretDef *
testDef(const char *uuid, const char *usage, const char *id, bool isPrivate)
{
    g_autofree char *xml = NULL;
    g_autofree char *usageXML = NULL;
    virSecretDef *def;

    if (usage)
        usageXML = g_strdup_printf("<usage type='%s'><%s>%s</%s></usage>", usage,
                                   strcmp(usage, "volume") == 0 ? "volume" : "name", id,
                                   strcmp(usage, "volume") == 0 ? "volume" : "name");
    xml = g_strdup_printf("<secret private='%s'><uuid>%s</uuid>%s</secret>",
                          isPrivate ? "yes" : "no", uuid, usageXML ? usageXML : "");
    if (!(def = virSecretDefParseString(xml, 0)))
        fprintf(stderr, "cannot parse %s: %s\n", xml, virErrorGetLast()->message);
    return def;
}

/* Adds a definition and releases the object; -1 when refused. */
static int
testAdd(virSecretObjList *list, const char *uuid, const char *usage, const char *id,
        bool isPrivate)
{
    g_autoptr(virSecretDef) def = testDef(uuid, usage, id, isPrivate);
    g_autoptr(virSecretDef) oldDef = NULL;
    virSecretObj *obj;

    if (!def || !(obj = virSecretObjListAdd(list, &def, &oldDef)))
        return -1;
    virSecretObjEndAPI(&obj);
    return 0;
}

static int
testExpectError(const char *what, const char *needle)
{
    const virErrorInfo *err = virErrorGetLast();

    if (!err || !err->message || !strstr(err->message, needle)) {
        fprintf(stderr, "%s: expected an error containing '%s', got '%s'\n", what, needle,
                err && err->message ? err->message : "none");
        return -1;
    }
    virErrorReset();
    return 0;
}

static int
testLookups(const void *opaque)
{
    g_autoptr(virSecretObjList) list = virSecretObjListNew();
    unsigned char uuid[VIR_UUID_BUFLEN];
    virSecretObj *obj;

    if (testAdd(list, UUID_A, "volume", "/var/lib/a.img", false) < 0 ||
        testAdd(list, UUID_B, NULL, NULL, false) < 0)
        return -1;

    virUUIDParse(UUID_A, uuid);
    if (!(obj = virSecretObjListFindByUUID(list, uuid)))
        return -1;
    virSecretObjEndAPI(&obj);
    if (!(obj = virSecretObjListFindByUsage(list, VIR_SECRET_USAGE_TYPE_VOLUME,
                                            "/var/lib/a.img")))
        return -1;
    virSecretObjEndAPI(&obj);
    /* Same id, other type; and secrets without usage are never found. */
    if ((obj = virSecretObjListFindByUsage(list, VIR_SECRET_USAGE_TYPE_CEPH,
                                           "/var/lib/a.img")) ||
        (obj = virSecretObjListFindByUsage(list, VIR_SECRET_USAGE_TYPE_NONE, "")))
        return -1;
    if (virSecretObjListCount(list) != 2)
        return -1;

    /* Removed objects are gone from both indexes. */
    virUUIDParse(UUID_A, uuid);
    obj = virSecretObjListFindByUUID(list, uuid);
    virSecretObjListRemove(list, obj);
    virSecretObjEndAPI(&obj);
    if ((obj = virSecretObjListFindByUUID(list, uuid)) ||
        (obj = virSecretObjListFindByUsage(list, VIR_SECRET_USAGE_TYPE_VOLUME,
                                           "/var/lib/a.img")) ||
        virSecretObjListCount(list) != 1)
        return -1;
    /* ... so the usage is free again. */
    return testAdd(list, UUID_A, "volume", "/var/lib/a.img", false);
}

static int
testClashes(const void *opaque)
{
    g_autoptr(virSecretObjList) list = virSecretObjListNew();

    if (testAdd(list, UUID_A, "volume", "/var/lib/a.img", true) < 0)
        return -1;

    /* Another UUID for a usage already taken. */
    if (testAdd(list, UUID_B, "volume", "/var/lib/a.img", false) == 0 ||
        testExpectError("usage taken",
                        "a secret with UUID " UUID_A " already defined for use with "
                        "/var/lib/a.img") < 0)
        return -1;
    /* The same usage id for another type is another usage. */
    if (testAdd(list, UUID_B, "ceph", "/var/lib/a.img", false) < 0)
        return -1;
    /* A new usage for an existing UUID. */
    if (testAdd(list, UUID_A, "volume", "/var/lib/b.img", true) == 0 ||
        testExpectError("usage changed",
                        "a secret with UUID " UUID_A " is already defined for use with "
                        "/var/lib/a.img") < 0)
        return -1;
    /* A private secret stays private. */
    if (testAdd(list, UUID_A, "volume", "/var/lib/a.img", false) == 0 ||
        testExpectError("made public", "cannot change private flag on existing secret") < 0)
        return -1;
    /* Redefining with the same usage is fine. */
    return testAdd(list, UUID_A, "volume", "/var/lib/a.img", true);
}

static int
testValues(const void *opaque)
{
    g_autoptr(virSecretObjList) list = virSecretObjListNew();
    g_autoptr(virSecretDef) def = testDef(UUID_A, NULL, NULL, false);
    virSecretObj *obj;
    unsigned char *value = NULL;
    unsigned char *old = NULL;
    size_t size = 0;
    size_t oldSize = 0;
    int ret = -1;

    if (!def || !(obj = virSecretObjListAdd(list, &def, NULL)))
        return -1;
    if (virSecretObjGetValue(obj, &value, &size) == 0 ||
        testExpectError("no value", "secret '" UUID_A "' does not have a value") < 0)
        goto cleanup;

    virSecretObjSetValue(obj, (const unsigned char *)"", 0, NULL, NULL);
    if (virSecretObjGetValue(obj, &value, &size) < 0 || !value || size != 0)
        goto cleanup;
    g_clear_pointer(&value, g_free);

    virSecretObjSetValue(obj, (const unsigned char *)"s3cr3t", 6, &old, &oldSize);
    if (!old || oldSize != 0 ||
        virSecretObjGetValue(obj, &value, &size) < 0 ||
        size != 6 || memcmp(value, "s3cr3t", 6) != 0)
        goto cleanup;
    ret = 0;

 cleanup:
    virSecretValueFree(old, oldSize);
    virSecretValueFree(value, size);
    virSecretObjEndAPI(&obj);
    return ret;
}

static int
testMatchFlags(const void *opaque)
{
    g_autoptr(virSecretObjList) list = virSecretObjListNew();
    g_autoptr(virSecretDef) def = testDef(UUID_A, NULL, NULL, true);
    virSecretObj *obj;
    int ret = -1;

    if (!def || !(obj = virSecretObjListAdd(list, &def, NULL)))
        return -1;
    /* Private, not ephemeral. */
    if (virSecretObjMatchFlags(obj, 0) &&
        virSecretObjMatchFlags(obj, VIR_CONNECT_LIST_SECRETS_PRIVATE) &&
        !virSecretObjMatchFlags(obj, VIR_CONNECT_LIST_SECRETS_NO_PRIVATE) &&
        virSecretObjMatchFlags(obj, VIR_CONNECT_LIST_SECRETS_PRIVATE |
                                    VIR_CONNECT_LIST_SECRETS_NO_PRIVATE) &&
        !virSecretObjMatchFlags(obj, VIR_CONNECT_LIST_SECRETS_EPHEMERAL) &&
        virSecretObjMatchFlags(obj, VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL |
                                    VIR_CONNECT_LIST_SECRETS_PRIVATE) &&
        !virSecretObjMatchFlags(obj, VIR_CONNECT_LIST_SECRETS_EPHEMERAL |
                                     VIR_CONNECT_LIST_SECRETS_PRIVATE))
        ret = 0;
    virSecretObjEndAPI(&obj);
    return ret;
}

static int
mymain(void)
{
    int ret = 0;

    if (virTestRun("lookups", testLookups, NULL) < 0)
        ret = -1;
    if (virTestRun("clashes", testClashes, NULL) < 0)
        ret = -1;
    if (virTestRun("values", testValues, NULL) < 0)
        ret = -1;
    if (virTestRun("list filters", testMatchFlags, NULL) < 0)
        ret = -1;
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
