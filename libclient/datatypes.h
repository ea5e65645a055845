/* The objects behind the public handles (virConnectPtr, virDomainPtr,
 * virSecretPtr, virNetworkPtr, virNetworkPortPtr, virStreamPtr): reference
 * counted, safe to share between threads. */
#pragma once

#include "internal.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "virerror.h"
#include "virnetclient.h"

typedef struct _remoteEventState remoteEventState;

struct _virConnect {
    gint refs;
    GMutex lock;
    virNetClient *client;
    char *uri;                  /* canonical, as the daemon answered */
    unsigned int flags;
    bool secure;
    bool encrypted;         /* TLS */

    /* the per-connection copy of the last error (virConnGetLastError) */
    virError err;
    virErrorFunc handler;
    void *userData;

    virConnectCloseFunc closeCb;
    void *closeOpaque;
    virFreeCallback closeFree;

    remoteEventState *events;   /* registrations and queued events (remote_events.c) */
};

struct _virDomain {
    gint refs;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
};

struct _virSecret {
    gint refs;
    virConnectPtr conn;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int usageType;
    char *usageID;              /* "" for a secret without usage */
};

struct _virNetwork {
    gint refs;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

/* A port holds its network (and so the connection) for as long as it lives. */
struct _virNetworkPort {
    gint refs;
    virNetworkPtr net;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virStoragePool {
    gint refs;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

/* A volume names its pool; its key identifies it on the host. */
struct _virStorageVol {
    gint refs;
    virConnectPtr conn;
    char *pool;
    char *name;
    char *key;
};

struct _virStream {
    gint refs;
    virConnectPtr conn;
    unsigned int flags;
    virNetClientStream *st;
    virStreamEventCallback cb;
    void *cbOpaque;
    virFreeCallback cbFree;
    int cbEvents;
    int cbTimer;                /* dispatch in the application's loop */
};

/* libclient/virhandle.c counts references of every handle at offset 0. */
G_STATIC_ASSERT(offsetof(struct _virDomain, refs) == 0);
G_STATIC_ASSERT(offsetof(struct _virSecret, refs) == 0);
G_STATIC_ASSERT(offsetof(struct _virNetwork, refs) == 0);
G_STATIC_ASSERT(offsetof(struct _virNetworkPort, refs) == 0);
G_STATIC_ASSERT(offsetof(struct _virStoragePool, refs) == 0);
G_STATIC_ASSERT(offsetof(struct _virStorageVol, refs) == 0);

virConnectPtr virConnectNewObject(void);
virDomainPtr virDomainNewObject(virConnectPtr conn, const char *name,
                                const unsigned char *uuid, int id);
virSecretPtr virSecretNewObject(virConnectPtr conn, const unsigned char *uuid,
                                int usageType, const char *usageID);
virNetworkPtr virNetworkNewObject(virConnectPtr conn, const char *name,
                                  const unsigned char *uuid);
virNetworkPortPtr virNetworkPortNewObject(virNetworkPtr net, const unsigned char *uuid);
virStoragePoolPtr virStoragePoolNewObject(virConnectPtr conn, const char *name,
                                          const unsigned char *uuid);
virStorageVolPtr virStorageVolNewObject(virConnectPtr conn, const char *pool,
                                        const char *name, const char *key);

/* Called by every public API on failure: remembers the error on the
 * connection and calls the error handler. */
void virDispatchError(virConnectPtr conn);

/* Argument checks shared by the APIs: report and return false. */
bool virCheckConnect(virConnectPtr conn, const char *func);
bool virCheckDomain(virDomainPtr dom, const char *func);
bool virCheckSecret(virSecretPtr secret, const char *func);
bool virCheckNetwork(virNetworkPtr net, const char *func);
bool virCheckNetworkPort(virNetworkPortPtr port, const char *func);
bool virCheckStoragePool(virStoragePoolPtr pool, const char *func);
bool virCheckStorageVol(virStorageVolPtr vol, const char *func);
bool virCheckReadWrite(virConnectPtr conn, int domain, const char *func);
