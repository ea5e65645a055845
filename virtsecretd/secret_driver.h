/* virtsecretd: the secret driver table and its state. */
#pragma once

#include "internal.h"

#include "driver.h"
#include "secret_store.h"
#include "virsecretobj.h"

/* The daemon's one driver state, created by the state driver. */
typedef struct {
    bool privileged;
    char *configDir;        /* R/etc/libvirt/secrets: UUID.xml, UUID.base64 */
    char *keyFile;          /* R/var/lib/libvirt/secrets/secrets-encryption-key */
    virSecretObjList *secrets;
    secretStore *store;
} virSecretDriverState;

const virStateDriver *secretRegister(void);
