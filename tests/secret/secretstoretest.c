/* virtsecretd's store: values encrypted with AES-256-GCM under the host
 * key (authenticated together with the secret's UUID), the key file, and
 * loading everything back into a list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "testutils.h"
#include "secret_store.h"
#include "virerror.h"
#include "virfile.h"

#define UUID_A "8c4a1b2e-1111-4d2a-9c3e-00000000a001"
#define UUID_B "8c4a1b2e-1111-4d2a-9c3e-00000000a002"

static const unsigned char testKey[SECRET_STORE_KEY_LEN] = "0123456789abcdef0123456789abcde";

static int
testRoundTrip(const void *opaque)
{
    static const unsigned char value[] = { 0, 1, 2, 's', 'e', 'c', 'r', 'e', 't', 0xff };
    unsigned char uuid[VIR_UUID_BUFLEN];
    g_autofree char *text = NULL;
    g_autofree char *again = NULL;
    g_autofree char *empty = NULL;
    g_autofree unsigned char *blob = NULL;
    unsigned char *plain = NULL;
    size_t size = 0;
    size_t len = 0;

    virUUIDParse(UUID_A, uuid);
    if (!(text = secretStoreEncrypt(testKey, uuid, value, sizeof(value))) ||
        !(again = secretStoreEncrypt(testKey, uuid, value, sizeof(value))))
        return -1;
    /* nonce + ciphertext + tag, and a fresh nonce each time */
    blob = g_base64_decode(text, &len);
    if (len != SECRET_STORE_NONCE_LEN + sizeof(value) + SECRET_STORE_TAG_LEN ||
        strcmp(text, again) == 0 || memmem(blob, len, "secret", 6)) {
        fprintf(stderr, "unexpected value file '%s'\n", text);
        return -1;
    }
    if (secretStoreDecrypt(testKey, uuid, text, &plain, &size) < 0 ||
        size != sizeof(value) || memcmp(plain, value, size) != 0)
        return -1;
    g_clear_pointer(&plain, g_free);

    if (!(empty = secretStoreEncrypt(testKey, uuid, (const unsigned char *)"", 0)) ||
        secretStoreDecrypt(testKey, uuid, empty, &plain, &size) < 0 || !plain || size != 0)
        return -1;
    g_free(plain);
    return 0;
}

/* Anything but the right key, UUID and bytes is refused. */
static int
testTampering(const void *opaque)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned char other[VIR_UUID_BUFLEN];
    unsigned char key[SECRET_STORE_KEY_LEN];
    g_autofree char *text = NULL;
    g_autofree char *flipped = NULL;
    g_autofree char *truncated = NULL;
    g_autofree unsigned char *blob = NULL;
    unsigned char *plain = NULL;
    size_t size = 0;
    size_t len = 0;
    size_t i;

    virUUIDParse(UUID_A, uuid);
    virUUIDParse(UUID_B, other);
    memcpy(key, testKey, sizeof(key));
    key[0] ^= 1;
    if (!(text = secretStoreEncrypt(testKey, uuid, (const unsigned char *)"value", 5)))
        return -1;
    blob = g_base64_decode(text, &len);
    truncated = g_base64_encode(blob, SECRET_STORE_NONCE_LEN + 4);

    if (secretStoreDecrypt(testKey, other, text, &plain, &size) == 0 ||
        secretStoreDecrypt(key, uuid, text, &plain, &size) == 0 ||
        secretStoreDecrypt(testKey, uuid, truncated, &plain, &size) == 0)
        return -1;
    for (i = 0; i < len; i++) {
        blob[i] ^= 0x40;
        flipped = g_base64_encode(blob, len);
        blob[i] ^= 0x40;
        if (secretStoreDecrypt(testKey, uuid, flipped, &plain, &size) == 0) {
            fprintf(stderr, "a change at byte %zu went unnoticed\n", i);
            return -1;
        }
        g_clear_pointer(&flipped, g_free);
    }
    virErrorReset();
    return 0;
}

static char *
testTempDir(void)
{
    g_autoptr(GError) gerr = NULL;
    char *dir = g_dir_make_tmp("secretstoretest-XXXXXX", &gerr);

    if (!dir)
        fprintf(stderr, "cannot make a temporary directory: %s\n", gerr->message);
    return dir;
}

static int
testRemoveTree(const char *path)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", path);

    return system(cmd) == 0 ? 0 : -1;
}

static int
testKeyFile(const void *opaque)
{
    g_autofree char *tmp = testTempDir();
    g_autofree char *configDir = NULL;
    g_autofree char *keyFile = NULL;
    g_autoptr(secretStore) first = NULL;
    g_autoptr(secretStore) second = NULL;
    g_autoptr(virSecretObjList) list = virSecretObjListNew();
    unsigned char uuid[VIR_UUID_BUFLEN];
    struct stat sb;
    virSecretObj *obj;
    int ret = -1;

    if (!tmp)
        return -1;
    configDir = g_build_filename(tmp, "etc", "libvirt", "secrets", NULL);
    keyFile = g_build_filename(tmp, "var", "lib", "libvirt", "secrets", "key", NULL);

    /* Created on first use, private, and used again after that. */
    if (!(first = secretStoreOpen(configDir, keyFile)) ||
        stat(keyFile, &sb) < 0 || sb.st_size != SECRET_STORE_KEY_LEN ||
        (sb.st_mode & 0777) != 0600 ||
        stat(configDir, &sb) < 0 || (sb.st_mode & 0777) != 0700)
        goto cleanup;
    virUUIDParse(UUID_A, uuid);
    {
        g_autoptr(virSecretDef) def = virSecretDefParseString(
            "<secret><uuid>" UUID_A "</uuid><usage type='tls'><name>k</name></usage></secret>", 0);

        if (!def || secretStoreSaveDef(first, def) < 0 ||
            secretStoreSaveValue(first, uuid, (const unsigned char *)"kept", 4) < 0)
            goto cleanup;
    }
    if (!(second = secretStoreOpen(configDir, keyFile)) ||
        secretStoreLoadAll(second, list) < 0 ||
        !(obj = virSecretObjListFindByUUID(list, uuid)))
        goto cleanup;
    if (obj->valueSize == 4 && memcmp(obj->value, "kept", 4) == 0)
        ret = 0;
    virSecretObjEndAPI(&obj);

    /* A key of the wrong size is refused. */
    if (ret == 0 && (virFileWriteStrAtomic(keyFile, "short", 0600) < 0 ||
                     secretStoreOpen(configDir, keyFile) != NULL))
        ret = -1;
    virErrorReset();

 cleanup:
    testRemoveTree(tmp);
    return ret;
}

/* Broken files are left out; the rest loads. */
static int
testLoadSkipsBroken(const void *opaque)
{
    g_autofree char *tmp = testTempDir();
    g_autofree char *configDir = NULL;
    g_autofree char *keyFile = NULL;
    g_autofree char *misnamed = NULL;
    g_autofree char *badValue = NULL;
    g_autoptr(secretStore) store = NULL;
    g_autoptr(virSecretObjList) list = virSecretObjListNew();
    unsigned char uuid[VIR_UUID_BUFLEN];
    virSecretObj *obj;
    int ret = -1;

    if (!tmp)
        return -1;
    configDir = g_build_filename(tmp, "secrets", NULL);
    keyFile = g_build_filename(tmp, "key", "k", NULL);
    if (!(store = secretStoreOpen(configDir, keyFile)))
        goto cleanup;

    /* A definition under another UUID's name, and a value that does not
     * decrypt, next to a good secret. */
    misnamed = g_build_filename(configDir, "8c4a1b2e-1111-4d2a-9c3e-00000000a0fe.xml", NULL);
    badValue = g_build_filename(configDir, UUID_B ".base64", NULL);
    {
        g_autoptr(virSecretDef) good = virSecretDefParseString(
            "<secret><uuid>" UUID_A "</uuid></secret>", 0);
        g_autoptr(virSecretDef) broken = virSecretDefParseString(
            "<secret><uuid>" UUID_B "</uuid></secret>", 0);

        if (!good || !broken ||
            secretStoreSaveDef(store, good) < 0 || secretStoreSaveDef(store, broken) < 0 ||
            virFileWriteStrAtomic(misnamed,
                                  "<secret><uuid>8c4a1b2e-1111-4d2a-9c3e-00000000a0ff</uuid>"
                                  "</secret>", 0600) < 0 ||
            virFileWriteStrAtomic(badValue, "AAAA", 0600) < 0)
            goto cleanup;
    }
    if (secretStoreLoadAll(store, list) < 0 || virSecretObjListCount(list) != 1)
        goto cleanup;
    virUUIDParse(UUID_A, uuid);
    if ((obj = virSecretObjListFindByUUID(list, uuid))) {
        ret = 0;
        virSecretObjEndAPI(&obj);
    }

 cleanup:
    virErrorReset();
    testRemoveTree(tmp);
    return ret;
}

static int
mymain(void)
{
    int ret = 0;

    if (virTestRun("encrypt and decrypt", testRoundTrip, NULL) < 0)
        ret = -1;
    if (virTestRun("tampering is detected", testTampering, NULL) < 0)
        ret = -1;
    if (virTestRun("key file", testKeyFile, NULL) < 0)
        ret = -1;
    if (virTestRun("broken files are skipped", testLoadSkipsBroken, NULL) < 0)
        ret = -1;
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
