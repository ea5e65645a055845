/* Where virtsecretd keeps persistent secrets: each definition in
 * CONFIGDIR/UUID.xml, each value in CONFIGDIR/UUID.base64, encrypted with
 * AES-256-GCM under a host key (KEYFILE, 32 random bytes, created on first
 * use). Every file is written atomically with mode 0600. Ephemeral secrets
 * never come here. */
#pragma once

#include "internal.h"

#include "secret_conf.h"
#include "virsecretobj.h"

/* Bytes of the host key, the nonce and the tag of a value file. */
#define SECRET_STORE_KEY_LEN 32
#define SECRET_STORE_NONCE_LEN 12
#define SECRET_STORE_TAG_LEN 16

typedef struct _secretStore secretStore;

/* Creates the directories and the key when missing; NULL with an error
 * reported when the key cannot be read or made. */
secretStore *secretStoreOpen(const char *configDir, const char *keyFile);
void secretStoreFree(secretStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(secretStore, secretStoreFree);

int secretStoreSaveDef(secretStore *store, const virSecretDef *def);
/* A missing file is not an error. */
int secretStoreDeleteDef(secretStore *store, const unsigned char *uuid);
int secretStoreSaveValue(secretStore *store, const unsigned char *uuid,
                         const unsigned char *value, size_t size);
int secretStoreDeleteValue(secretStore *store, const unsigned char *uuid);

/* Adds every stored secret to secrets (or refreshes the definition of one
 * already there). A secret that cannot be read, or whose value does not
 * decrypt, is left out with an error in the log; only an unreadable
 * directory fails the whole load. */
int secretStoreLoadAll(secretStore *store, virSecretObjList *secrets);

/* The value file's content for value, and back; exposed for tests. The
 * uuid is authenticated with the value, so a file copied to another
 * secret's name does not decrypt. */
char *secretStoreEncrypt(const unsigned char *key, const unsigned char *uuid,
                         const unsigned char *value, size_t size);
int secretStoreDecrypt(const unsigned char *key, const unsigned char *uuid,
                       const char *text, unsigned char **value, size_t *size);
