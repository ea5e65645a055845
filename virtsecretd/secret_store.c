#include "secret_store.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

VIR_LOG_INIT("secret.secret_store");

/* Definitions are small; anything larger is not ours. */
#define SECRET_STORE_XML_MAX (1024 * 1024)
/* Base64 of nonce, the largest value the protocol carries, and tag. */
#define SECRET_STORE_VALUE_FILE_MAX (128 * 1024)

struct _secretStore {
    char *configDir;
    unsigned char key[SECRET_STORE_KEY_LEN];
};

void
secretStoreFree(secretStore *store)
{
    if (!store)
        return;
    gnutls_memset(store->key, 0, sizeof(store->key));
    g_free(store->configDir);
    g_free(store);
}

/* The directory itself is private; its parents are ordinary ones. */
static int
secretStoreMakeDir(const char *dir)
{
    g_autofree char *parent = g_path_get_dirname(dir);

    if (virFileMakePath(parent, 0755) < 0 || virFileMakePath(dir, 0700) < 0)
        return -1;
    if (chmod(dir, 0700) < 0) {
        virReportSystemError(errno, "cannot set the mode of directory '%s'", dir);
        return -1;
    }
    return 0;
}

static int
secretStoreLoadKey(secretStore *store, const char *keyFile)
{
    g_autofree char *dir = g_path_get_dirname(keyFile);
    g_autofree char *data = NULL;
    struct stat sb;
    int rc;

    if (secretStoreMakeDir(dir) < 0)
        return -1;

    if (!virFileExists(keyFile)) {
        if ((rc = gnutls_rnd(GNUTLS_RND_KEY, store->key, sizeof(store->key))) < 0) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "cannot generate the secrets key: %s",
                           gnutls_strerror(rc));
            return -1;
        }
        if (virFileWriteAtomic(keyFile, (const char *)store->key, sizeof(store->key),
                               0600) < 0)
            return -1;
        VIR_INFO("created the secrets encryption key %s", keyFile);
        return 0;
    }

    if (stat(keyFile, &sb) < 0) {
        virReportSystemError(errno, "cannot stat the secrets key file '%s'", keyFile);
        return -1;
    }
    if (sb.st_size != SECRET_STORE_KEY_LEN) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "the secrets key file '%s' must hold exactly %d bytes",
                       keyFile, SECRET_STORE_KEY_LEN);
        return -1;
    }
    if (virFileReadAll(keyFile, SECRET_STORE_KEY_LEN, &data) < 0)
        return -1;
    memcpy(store->key, data, sizeof(store->key));
    gnutls_memset(data, 0, SECRET_STORE_KEY_LEN);
    if (sb.st_mode & (S_IRWXG | S_IRWXO))
        VIR_WARN("the secrets key file %s is accessible to other users (mode %04o)",
                 keyFile, (unsigned int)(sb.st_mode & 07777));
    return 0;
}

secretStore *
secretStoreOpen(const char *configDir, const char *keyFile)
{
    g_autoptr(secretStore) store = g_new0(secretStore, 1);

    store->configDir = g_strdup(configDir);
    if (secretStoreMakeDir(configDir) < 0 ||
        secretStoreLoadKey(store, keyFile) < 0)
        return NULL;
    return g_steal_pointer(&store);
}

static char *
secretStorePath(secretStore *store, const unsigned char *uuid, const char *suffix)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    return g_strdup_printf("%s/%s%s", store->configDir, virUUIDFormat(uuid, uuidstr), suffix);
}

/* ------------------------------------------------------------------ */
/* Encryption of values                                                */

static int
secretStoreCipherInit(const unsigned char *key, gnutls_aead_cipher_hd_t *handle)
{
    gnutls_datum_t datum = { .data = (unsigned char *)key, .size = SECRET_STORE_KEY_LEN };
    int rc;

    if ((rc = gnutls_aead_cipher_init(handle, GNUTLS_CIPHER_AES_256_GCM, &datum)) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot set up AES-256-GCM: %s",
                       gnutls_strerror(rc));
        return -1;
    }
    return 0;
}

char *
secretStoreEncrypt(const unsigned char *key, const unsigned char *uuid,
                   const unsigned char *value, size_t size)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    gnutls_aead_cipher_hd_t handle;
    size_t total = SECRET_STORE_NONCE_LEN + size + SECRET_STORE_TAG_LEN;
    g_autofree unsigned char *blob = g_malloc0(total);
    size_t outlen = size + SECRET_STORE_TAG_LEN;
    int rc;

    virUUIDFormat(uuid, uuidstr);
    /* A fresh nonce for every write: GCM must never reuse one under a key. */
    if ((rc = gnutls_rnd(GNUTLS_RND_NONCE, blob, SECRET_STORE_NONCE_LEN)) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot generate a nonce: %s",
                       gnutls_strerror(rc));
        return NULL;
    }
    if (secretStoreCipherInit(key, &handle) < 0)
        return NULL;
    rc = gnutls_aead_cipher_encrypt(handle, blob, SECRET_STORE_NONCE_LEN,
                                    uuidstr, strlen(uuidstr), SECRET_STORE_TAG_LEN,
                                    value, size, blob + SECRET_STORE_NONCE_LEN, &outlen);
    gnutls_aead_cipher_deinit(handle);
    if (rc < 0 || outlen != size + SECRET_STORE_TAG_LEN) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot encrypt the value of secret %s: %s",
                       uuidstr, rc < 0 ? gnutls_strerror(rc) : "unexpected length");
        return NULL;
    }
    return g_base64_encode(blob, total);
}

int
secretStoreDecrypt(const unsigned char *key, const unsigned char *uuid,
                   const char *text, unsigned char **value, size_t *size)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    gnutls_aead_cipher_hd_t handle;
    g_autofree unsigned char *blob = NULL;
    g_autofree unsigned char *plain = NULL;
    size_t len = 0;
    size_t plainLen;
    int rc;

    virUUIDFormat(uuid, uuidstr);
    blob = g_base64_decode(text, &len);
    if (len < SECRET_STORE_NONCE_LEN + SECRET_STORE_TAG_LEN) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "the stored value of secret %s is truncated", uuidstr);
        return -1;
    }
    plainLen = len - SECRET_STORE_NONCE_LEN - SECRET_STORE_TAG_LEN;
    plain = g_malloc0(plainLen + 1);
    if (secretStoreCipherInit(key, &handle) < 0)
        return -1;
    rc = gnutls_aead_cipher_decrypt(handle, blob, SECRET_STORE_NONCE_LEN,
                                    uuidstr, strlen(uuidstr), SECRET_STORE_TAG_LEN,
                                    blob + SECRET_STORE_NONCE_LEN,
                                    len - SECRET_STORE_NONCE_LEN, plain, &plainLen);
    gnutls_aead_cipher_deinit(handle);
    if (rc < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "the stored value of secret %s does not decrypt with this host's key: %s",
                       uuidstr, gnutls_strerror(rc));
        return -1;
    }
    *value = g_steal_pointer(&plain);
    *size = plainLen;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Files                                                               */

int
secretStoreSaveDef(secretStore *store, const virSecretDef *def)
{
    g_autofree char *path = secretStorePath(store, def->uuid, ".xml");
    g_autofree char *xml = virSecretDefFormat(def);

    return virFileWriteStrAtomic(path, xml, 0600);
}

int
secretStoreDeleteDef(secretStore *store, const unsigned char *uuid)
{
    g_autofree char *path = secretStorePath(store, uuid, ".xml");

    return virFileRemove(path);
}

int
secretStoreSaveValue(secretStore *store, const unsigned char *uuid,
                     const unsigned char *value, size_t size)
{
    g_autofree char *path = secretStorePath(store, uuid, ".base64");
    g_autofree char *text = NULL;

    if (!(text = secretStoreEncrypt(store->key, uuid, value, size)))
        return -1;
    return virFileWriteStrAtomic(path, text, 0600);
}

int
secretStoreDeleteValue(secretStore *store, const unsigned char *uuid)
{
    g_autofree char *path = secretStorePath(store, uuid, ".base64");

    return virFileRemove(path);
}

static int
secretStoreLoadValue(secretStore *store, virSecretObj *obj)
{
    g_autofree char *path = secretStorePath(store, obj->def->uuid, ".base64");
    g_autofree char *text = NULL;
    unsigned char *value = NULL;
    size_t size = 0;

    if (!virFileExists(path))
        return 0;
    if (virFileReadAll(path, SECRET_STORE_VALUE_FILE_MAX, &text) < 0 ||
        secretStoreDecrypt(store->key, obj->def->uuid, g_strstrip(text), &value, &size) < 0)
        return -1;
    virSecretValueFree(obj->value, obj->valueSize);
    obj->value = value;
    obj->valueSize = size;
    return 0;
}

static int
secretStoreLoadOne(secretStore *store, virSecretObjList *secrets, const char *name)
{
    g_autofree char *path = g_build_filename(store->configDir, name, NULL);
    g_autofree char *xml = NULL;
    g_autofree char *expected = NULL;
    g_autoptr(virSecretDef) def = NULL;
    g_autoptr(virSecretDef) oldDef = NULL;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virSecretObj *obj;

    if (virFileReadAll(path, SECRET_STORE_XML_MAX, &xml) < 0 ||
        !(def = virSecretDefParseString(xml, 0)))
        return -1;
    expected = g_strdup_printf("%s.xml", virUUIDFormat(def->uuid, uuidstr));
    if (strcmp(name, expected) != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "the <uuid> of '%s' does not match its file name", path);
        return -1;
    }
    if (def->isEphemeral) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "'%s' holds an ephemeral secret, which is never stored", path);
        return -1;
    }

    if (!(obj = virSecretObjListAdd(secrets, &def, &oldDef)))
        return -1;
    if (secretStoreLoadValue(store, obj) < 0) {
        /* A new secret whose value is unusable is left out, as a whole;
         * one already known (a reload) keeps the value it has. */
        if (!oldDef)
            virSecretObjListRemove(secrets, obj);
        virSecretObjEndAPI(&obj);
        return -1;
    }
    virSecretObjEndAPI(&obj);
    return 0;
}

int
secretStoreLoadAll(secretStore *store, virSecretObjList *secrets)
{
    g_autoptr(GError) gerr = NULL;
    GDir *dir = g_dir_open(store->configDir, 0, &gerr);
    const char *name;

    if (!dir) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot read directory '%s': %s",
                       store->configDir, gerr->message);
        return -1;
    }
    while ((name = g_dir_read_name(dir))) {
        if (!g_str_has_suffix(name, ".xml"))
            continue;
        if (secretStoreLoadOne(store, secrets, name) < 0) {
            const virErrorInfo *err = virErrorGetLast();

            VIR_ERROR("cannot load secret %s/%s: %s", store->configDir, name,
                      err && err->message ? err->message : "unknown error");
            virErrorReset();
        }
    }
    g_dir_close(dir);
    return 0;
}
