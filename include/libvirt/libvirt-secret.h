/*
 * libvirt-secret.h: secrets (passphrases, keys) in the libvirt-compatible
 * client API: definition, values, lookup and events
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_SECRET_H
#define VIRTD_PUBLIC_SECRET_H

#include <libvirt/libvirt-host.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- handle ---------------------------------------------------------- */

/* A secret known to a connection: a definition and maybe a value. */
typedef struct _virSecret virSecret;
typedef virSecret *virSecretPtr;

/* What kind of object a secret belongs to; the usage id names that object
 * (a volume path, a Ceph or TLS name, an iSCSI target...). */
typedef enum {
    VIR_SECRET_USAGE_TYPE_NONE   = 0, /* belongs to nothing in particular */
    VIR_SECRET_USAGE_TYPE_VOLUME = 1, /* an encrypted volume, by path */
    VIR_SECRET_USAGE_TYPE_CEPH   = 2, /* a Ceph client key */
    VIR_SECRET_USAGE_TYPE_ISCSI  = 3, /* CHAP credentials of an iSCSI target */
    VIR_SECRET_USAGE_TYPE_TLS    = 4, /* a TLS key passphrase */
    VIR_SECRET_USAGE_TYPE_VTPM   = 5  /* the state encryption of a vTPM */
#ifdef VIR_ENUM_SENTINELS
    , VIR_SECRET_USAGE_TYPE_LAST
#endif
} virSecretUsageType;

/* ---- listing and lookup ---------------------------------------------- */

/* The connection the secret came from; no reference is taken. */
virConnectPtr virSecretGetConnect(virSecretPtr secret);

int virConnectNumOfSecrets(virConnectPtr conn);
/* Fills uuids with at most maxuuids UUID strings (each the caller's to
 * free()); returns how many. */
int virConnectListSecrets(virConnectPtr conn, char **uuids, int maxuuids);

/* Filters of virConnectListAllSecrets(), in two groups; within a group the
 * bits are alternatives, none means no filtering by that property. */
typedef enum {
    VIR_CONNECT_LIST_SECRETS_EPHEMERAL    = 1 << 0, /* held in memory only */
    VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL = 1 << 1, /* stored on disk */
    VIR_CONNECT_LIST_SECRETS_PRIVATE      = 1 << 2, /* value never handed out */
    VIR_CONNECT_LIST_SECRETS_NO_PRIVATE   = 1 << 3  /* value readable */
} virConnectListAllSecretsFlags;

/* Allocates *secrets (NULL-terminated): virSecretFree() each element, then
 * free() the array.  Returns the count, or -1. */
int virConnectListAllSecrets(virConnectPtr conn, virSecretPtr **secrets,
                             unsigned int flags);

/* Each returns a new reference to release with virSecretFree(). */
virSecretPtr virSecretLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
virSecretPtr virSecretLookupByUUIDString(virConnectPtr conn,
                                         const char *uuid);
/* usageType is a virSecretUsageType. */
virSecretPtr virSecretLookupByUsage(virConnectPtr conn, int usageType,
                                    const char *usageID);

/* ---- definition and value -------------------------------------------- */

/* Flags of virSecretDefineXML(). */
typedef enum {
    VIR_SECRET_DEFINE_VALIDATE = 1 << 0  /* check the XML against the schema */
} virSecretDefineFlags;

/* Defines a new secret, or replaces the definition of the one with the
 * same UUID. */
virSecretPtr virSecretDefineXML(virConnectPtr conn, const char *xml,
                                unsigned int flags);
int virSecretUndefine(virSecretPtr secret);

/* buf needs VIR_UUID_BUFLEN bytes for GetUUID, VIR_UUID_STRING_BUFLEN for
 * GetUUIDString. */
int virSecretGetUUID(virSecretPtr secret, unsigned char *buf);
int virSecretGetUUIDString(virSecretPtr secret, char *buf);
/* A virSecretUsageType, or -1. */
int virSecretGetUsageType(virSecretPtr secret);
/* Stays owned by the secret object. */
const char *virSecretGetUsageID(virSecretPtr secret);
/* The caller free()s the XML. */
char *virSecretGetXMLDesc(virSecretPtr secret, unsigned int flags);

int virSecretSetValue(virSecretPtr secret, const unsigned char *value,
                      size_t value_size, unsigned int flags);
/* The caller free()s the value; its length goes to *value_size. */
unsigned char *virSecretGetValue(virSecretPtr secret, size_t *value_size,
                                 unsigned int flags);

/* ---- references ------------------------------------------------------ */

int virSecretRef(virSecretPtr secret);
int virSecretFree(virSecretPtr secret);

/* ---- events ---------------------------------------------------------- */

/* Casts an event-specific callback to the type registration takes. */
#define VIR_SECRET_EVENT_CALLBACK(cb) \
    ((virConnectSecretEventGenericCallback)(cb))

/* Event kinds for virConnectSecretEventRegisterAny(). */
typedef enum {
    VIR_SECRET_EVENT_ID_LIFECYCLE     = 0, /* virConnectSecretEventLifecycleCallback */
    VIR_SECRET_EVENT_ID_VALUE_CHANGED = 1  /* virConnectSecretEventGenericCallback */
#ifdef VIR_ENUM_SENTINELS
    , VIR_SECRET_EVENT_ID_LAST
#endif
} virSecretEventID;

/* The type registration takes for any event; it is also the exact shape
 * of the VIR_SECRET_EVENT_ID_VALUE_CHANGED callback. */
typedef void (*virConnectSecretEventGenericCallback)(virConnectPtr conn,
                                                     virSecretPtr secret,
                                                     void *opaque);

/* Returns a callback id for virConnectSecretEventDeregisterAny(), or -1.
 * secret NULL means every secret of the connection. */
int virConnectSecretEventRegisterAny(virConnectPtr conn,
                                     virSecretPtr secret,
                                     int eventID,
                                     virConnectSecretEventGenericCallback cb,
                                     void *opaque,
                                     virFreeCallback freecb);
int virConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID);

/* The `event` argument of a life-cycle callback (its `detail` is 0). */
typedef enum {
    VIR_SECRET_EVENT_DEFINED   = 0,
    VIR_SECRET_EVENT_UNDEFINED = 1
#ifdef VIR_ENUM_SENTINELS
    , VIR_SECRET_EVENT_LAST
#endif
} virSecretEventLifecycleType;

/* Life-cycle callback (VIR_SECRET_EVENT_ID_LIFECYCLE). */
typedef void (*virConnectSecretEventLifecycleCallback)(virConnectPtr conn,
                                                       virSecretPtr secret,
                                                       int event,
                                                       int detail,
                                                       void *opaque);

#ifdef __cplusplus
}
#endif

#endif /* VIRTD_PUBLIC_SECRET_H */
