/* virtsecretd: the secret driver table, its state, and every entry point.
 * Each one: flags, look the secret up, the work, then the event once the
 * object is unlocked. */
#include "secret_driver.h"

#include <string.h>

#include "secret_event.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

VIR_LOG_INIT("secret.secret_driver");

static virSecretDriverState *secret_driver;

static const char *const secretURISchemes[] = { "secret", NULL };

static void
secretDriverStateFree(virSecretDriverState *driver)
{
    if (!driver)
        return;
    virSecretObjListFree(driver->secrets);
    secretStoreFree(driver->store);
    g_free(driver->configDir);
    g_free(driver->keyFile);
    g_free(driver);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virSecretDriverState, secretDriverStateFree);

static virDrvSecret *
secretMakeRef(const virSecretDef *def)
{
    return virDrvSecretNew(def->uuid, def->usageType, def->usageID);
}

/* The secret with that UUID, locked and referenced; NULL reported. */
static virSecretObj *
secretObjFromUUID(const unsigned char *uuid)
{
    virSecretObj *obj = virSecretObjListFindByUUID(secret_driver->secrets, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj)
        virReportError(VIR_ERR_NO_SECRET, "no secret with matching uuid '%s'",
                       virUUIDFormat(uuid, uuidstr));
    return obj;
}

/* The object behind a wire reference (only its UUID counts). */
static virSecretObj *
secretObjFromRef(const virDrvSecret *ref)
{
    return secretObjFromUUID(ref->uuid);
}

/* ------------------------------------------------------------------ */
/* Connection                                                          */

static virDrvOpenStatus
secretConnectOpen(virDrvConnect *conn, const char *scheme, const char *path,
                  unsigned int flags)
{
    const char *mode;

    if (strcmp(scheme, "secret") != 0)
        return VIR_DRV_OPEN_DECLINED;
    if (!secret_driver) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "secret state driver is not active");
        return VIR_DRV_OPEN_ERROR;
    }
    /* A root daemon serves /system, a per-user one /session. */
    mode = secret_driver->privileged ? "system" : "session";
    if (path[0] != '/' || strcmp(path + 1, mode) != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "unexpected secret URI path '%s', try secret:///%s", path, mode);
        return VIR_DRV_OPEN_ERROR;
    }
    return VIR_DRV_OPEN_SUCCESS;
}

static int
secretConnectClose(virDrvConnect *conn)
{
    return 0;
}

/* ------------------------------------------------------------------ */
/* Listing and lookup                                                  */

static int
secretConnectNumOfSecrets(virDrvConnect *conn)
{
    return virSecretObjListCount(secret_driver->secrets);
}

static int
secretConnectListSecrets(virDrvConnect *conn, char **uuids, int maxuuids)
{
    g_autoptr(GPtrArray) all = virSecretObjListCollect(secret_driver->secrets);
    int n = 0;
    size_t i;

    for (i = 0; i < all->len && n < maxuuids; i++) {
        virSecretObj *obj = g_ptr_array_index(all, i);

        virSecretObjLock(obj);
        if (!obj->removed) {
            uuids[n] = g_new0(char, VIR_UUID_STRING_BUFLEN);
            virUUIDFormat(obj->def->uuid, uuids[n++]);
        }
        virSecretObjUnlock(obj);
    }
    return n;
}

static int
secretConnectListAllSecrets(virDrvConnect *conn, virDrvSecret ***refs, unsigned int flags)
{
    g_autoptr(GPtrArray) all = NULL;
    GPtrArray *out;
    size_t i;
    int n;

    virCheckFlags(VIR_CONNECT_LIST_SECRETS_EPHEMERAL |
                  VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL |
                  VIR_CONNECT_LIST_SECRETS_PRIVATE |
                  VIR_CONNECT_LIST_SECRETS_NO_PRIVATE, -1);

    all = virSecretObjListCollect(secret_driver->secrets);
    out = g_ptr_array_new();
    for (i = 0; i < all->len; i++) {
        virSecretObj *obj = g_ptr_array_index(all, i);

        virSecretObjLock(obj);
        if (!obj->removed && virSecretObjMatchFlags(obj, flags))
            g_ptr_array_add(out, secretMakeRef(obj->def));
        virSecretObjUnlock(obj);
    }
    n = out->len;
    *refs = (virDrvSecret **)g_ptr_array_free(out, FALSE);
    return n;
}

static virDrvSecret *
secretLookupByUUID(virDrvConnect *conn, const unsigned char *uuid)
{
    virSecretObj *obj = secretObjFromUUID(uuid);
    virDrvSecret *ref;

    if (!obj)
        return NULL;
    ref = secretMakeRef(obj->def);
    virSecretObjEndAPI(&obj);
    return ref;
}

static virDrvSecret *
secretLookupByUsage(virDrvConnect *conn, int usageType, const char *usageID)
{
    virSecretObj *obj = virSecretObjListFindByUsage(secret_driver->secrets, usageType,
                                                    usageID);
    virDrvSecret *ref;

    if (!obj) {
        virReportError(VIR_ERR_NO_SECRET, "no secret with matching usage '%s'", usageID);
        return NULL;
    }
    ref = secretMakeRef(obj->def);
    virSecretObjEndAPI(&obj);
    return ref;
}

/* ------------------------------------------------------------------ */
/* Definition                                                          */

/* Brings the disk in line with a (re)defined, locked object: a persistent
 * secret has its definition stored (and its value too, when it was
 * ephemeral until now); one that became ephemeral leaves the disk. */
static int
secretDefineStore(virSecretObj *obj, const virSecretDef *oldDef)
{
    secretStore *store = secret_driver->store;
    const virSecretDef *def = obj->def;
    bool wasEphemeral = oldDef && oldDef->isEphemeral;

    if (def->isEphemeral) {
        if (!oldDef || oldDef->isEphemeral)
            return 0;
        if (secretStoreDeleteDef(store, def->uuid) < 0)
            return -1;
        if (secretStoreDeleteValue(store, def->uuid) < 0) {
            /* The definition is gone, so the value is never loaded again. */
            VIR_WARN("%s", virErrorGetLast()->message);
            virErrorReset();
        }
        return 0;
    }

    if (wasEphemeral && obj->value &&
        secretStoreSaveValue(store, def->uuid, obj->value, obj->valueSize) < 0)
        return -1;
    if (secretStoreSaveDef(store, def) < 0) {
        if (wasEphemeral) {
            g_autoptr(virErrorInfo) saved = virErrorPreserve();

            secretStoreDeleteValue(store, def->uuid);
            virErrorRestore(&saved);
        }
        return -1;
    }
    return 0;
}

static virDrvSecret *
secretDefineXML(virDrvConnect *conn, const char *xml, unsigned int flags)
{
    g_autoptr(virSecretDef) def = NULL;
    g_autoptr(virSecretDef) oldDef = NULL;
    virSecretObj *obj;
    virDrvSecret *ref;

    virCheckFlags(VIR_SECRET_DEFINE_VALIDATE, NULL);

    if (!(def = virSecretDefParseString(xml, (flags & VIR_SECRET_DEFINE_VALIDATE) ?
                                             VIR_SECRET_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (!(obj = virSecretObjListAdd(secret_driver->secrets, &def, &oldDef)))
        return NULL;

    if (secretDefineStore(obj, oldDef) < 0) {
        /* Back to what it was: the old definition, or no secret at all. */
        if (oldDef) {
            virSecretDefFree(obj->def);
            obj->def = g_steal_pointer(&oldDef);
        } else {
            virSecretObjListRemove(secret_driver->secrets, obj);
        }
        virSecretObjEndAPI(&obj);
        return NULL;
    }

    ref = secretMakeRef(obj->def);
    virSecretObjEndAPI(&obj);
    virSecretEventEmitLifecycle(ref, VIR_SECRET_EVENT_DEFINED, 0);
    return ref;
}

static int
secretUndefine(virDrvConnect *conn, virDrvSecret *secret)
{
    virSecretObj *obj = secretObjFromRef(secret);
    g_autoptr(virDrvSecret) ref = NULL;

    if (!obj)
        return -1;
    if (!obj->def->isEphemeral) {
        if (secretStoreDeleteDef(secret_driver->store, obj->def->uuid) < 0) {
            virSecretObjEndAPI(&obj);
            return -1;
        }
        if (secretStoreDeleteValue(secret_driver->store, obj->def->uuid) < 0) {
            /* The definition is gone, so the value is never loaded again. */
            VIR_WARN("%s", virErrorGetLast()->message);
            virErrorReset();
        }
    }
    ref = secretMakeRef(obj->def);
    virSecretObjListRemove(secret_driver->secrets, obj);
    virSecretObjEndAPI(&obj);
    virSecretEventEmitLifecycle(ref, VIR_SECRET_EVENT_UNDEFINED, 0);
    return 0;
}

static char *
secretGetXMLDesc(virDrvConnect *conn, virDrvSecret *secret, unsigned int flags)
{
    virSecretObj *obj;
    char *xml;

    virCheckFlags(0, NULL);
    if (!(obj = secretObjFromRef(secret)))
        return NULL;
    xml = virSecretDefFormat(obj->def);
    virSecretObjEndAPI(&obj);
    return xml;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

static int
secretSetValue(virDrvConnect *conn, virDrvSecret *secret, const unsigned char *value,
               size_t size, unsigned int flags)
{
    virSecretObj *obj;
    unsigned char *old = NULL;
    size_t oldSize = 0;
    g_autoptr(virDrvSecret) ref = NULL;

    virCheckFlags(0, -1);
    if (!(obj = secretObjFromRef(secret)))
        return -1;

    virSecretObjSetValue(obj, value, size, &old, &oldSize);
    if (!obj->def->isEphemeral &&
        secretStoreSaveValue(secret_driver->store, obj->def->uuid, value, size) < 0) {
        /* The stored value did not change: neither does the one in memory. */
        virSecretValueFree(obj->value, obj->valueSize);
        obj->value = old;
        obj->valueSize = oldSize;
        virSecretObjEndAPI(&obj);
        return -1;
    }
    virSecretValueFree(old, oldSize);
    ref = secretMakeRef(obj->def);
    virSecretObjEndAPI(&obj);
    virSecretEventEmitValueChanged(ref);
    return 0;
}

static int
secretGetValue(virDrvConnect *conn, virDrvSecret *secret, unsigned char **value,
               size_t *size, unsigned int flags)
{
    virSecretObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(obj = secretObjFromRef(secret)))
        return -1;
    /* Private values stay among the daemons: only one that proved to be a
     * daemon of this host acting for itself may read them, no client. */
    if (obj->def->isPrivate && !conn->elevated)
        virReportError(VIR_ERR_INVALID_SECRET, "%s", "secret is private");
    else
        ret = virSecretObjGetValue(obj, value, size);
    virSecretObjEndAPI(&obj);
    return ret;
}

static const virSecretDriver secretDriverTable = {
    .name = "secret",
    .uriSchemes = secretURISchemes,
    .connectOpen = secretConnectOpen,
    .connectClose = secretConnectClose,
    .connectNumOfSecrets = secretConnectNumOfSecrets,
    .connectListSecrets = secretConnectListSecrets,
    .connectListAllSecrets = secretConnectListAllSecrets,
    .secretLookupByUUID = secretLookupByUUID,
    .secretLookupByUsage = secretLookupByUsage,
    .secretDefineXML = secretDefineXML,
    .secretUndefine = secretUndefine,
    .secretGetXMLDesc = secretGetXMLDesc,
    .secretSetValue = secretSetValue,
    .secretGetValue = secretGetValue,
};

/* ------------------------------------------------------------------ */
/* State                                                               */

static int
secretStateInitialize(bool privileged)
{
    g_autoptr(virSecretDriverState) driver = g_new0(virSecretDriverState, 1);

    driver->privileged = privileged;
    driver->configDir = virFileRootPath("/etc/libvirt/secrets");
    driver->keyFile = virFileRootPath("/var/lib/libvirt/secrets/secrets-encryption-key");
    driver->secrets = virSecretObjListNew();
    if (!(driver->store = secretStoreOpen(driver->configDir, driver->keyFile)) ||
        secretStoreLoadAll(driver->store, driver->secrets) < 0)
        return -1;
    VIR_INFO("loaded %zu secret(s) from %s", virSecretObjListCount(driver->secrets),
             driver->configDir);
    secret_driver = g_steal_pointer(&driver);
    return 0;
}

static int
secretStateCleanup(void)
{
    g_clear_pointer(&secret_driver, secretDriverStateFree);
    return 0;
}

/* SIGHUP: secrets stored meanwhile (by hand) are picked up. */
static int
secretStateReload(void)
{
    if (!secret_driver)
        return 0;
    return secretStoreLoadAll(secret_driver->store, secret_driver->secrets);
}

/* Ephemeral secrets live only in this process: keep it running. */
static bool
secretStateInhibitsExit(void)
{
    g_autoptr(GPtrArray) all = NULL;
    bool ephemeral = false;
    size_t i;

    if (!secret_driver)
        return false;
    all = virSecretObjListCollect(secret_driver->secrets);
    for (i = 0; i < all->len && !ephemeral; i++) {
        virSecretObj *obj = g_ptr_array_index(all, i);

        virSecretObjLock(obj);
        ephemeral = !obj->removed && obj->def->isEphemeral;
        virSecretObjUnlock(obj);
    }
    return ephemeral;
}

static const virStateDriver secretStateDriver = {
    .name = "secret",
    .secret = &secretDriverTable,
    .stateInitialize = secretStateInitialize,
    .stateCleanup = secretStateCleanup,
    .stateReload = secretStateReload,
    .stateInhibitsExit = secretStateInhibitsExit,
};

const virStateDriver *
secretRegister(void)
{
    return &secretStateDriver;
}
