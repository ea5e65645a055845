/* Per-client state of the REMOTE program (private to common/daemon). */
#pragma once

#include "internal.h"

#include "driver.h"
#include "remote_protocol.h"
#include "virnetserver.h"

/* A client's event registration (domain or secret ones). */
typedef struct {
    int callbackID;
    int eventID;
    bool filtered;                      /* only events of one object */
    unsigned char uuid[VIR_UUID_BUFLEN];
} virDaemonEventCallback;

struct _virDaemonClient {
    GMutex lock;
    virNetServerClient *client;         /* not referenced: it owns us */
    virDrvConnect *conn;                   /* NULL until CONNECT_OPEN */
    bool elevated;                      /* CONNECT_SET_IDENTITY with the system token */
    bool closeCallback;
    GArray *domainCallbacks;            /* virDaemonEventCallback */
    GArray *secretCallbacks;            /* virDaemonEventCallback */
    GArray *networkCallbacks;           /* virDaemonEventCallback */
    GArray *storageCallbacks;           /* virDaemonEventCallback */
    int nextCallbackID;
};

/* The client's open connection, or NULL with "hypervisor connection not
 * open" reported. */
virDrvConnect *remoteClientGetConn(virNetServerClient *client);
/* The same, and the connection's driver table at table (an offset in
 * virDrvConnect) must have the slot at offset (reported as
 * VIR_ERR_NO_SUPPORT otherwise, which clients fall back on). */
virDrvConnect *remoteClientConnWith(virNetServerClient *client, size_t table,
                                    size_t offset, const char *slot);
#define REMOTE_CONN_WITH(client, slot) \
    remoteClientConnWith(client, offsetof(virDrvConnect, driver), \
                         offsetof(virHypervisorDriver, slot), #slot)
#define REMOTE_SECRET_CONN_WITH(client, slot) \
    remoteClientConnWith(client, offsetof(virDrvConnect, secretDriver), \
                         offsetof(virSecretDriver, slot), #slot)

#define REMOTE_NETWORK_CONN_WITH(client, slot) \
    remoteClientConnWith(client, offsetof(virDrvConnect, networkDriver), \
                         offsetof(virNetworkDriver, slot), #slot)

#define REMOTE_STORAGE_CONN_WITH(client, slot) \
    remoteClientConnWith(client, offsetof(virDrvConnect, storageDriver), \
                         offsetof(virStorageDriver, slot), #slot)

/* VIR_ERR_NO_SUPPORT for api; returns -1. */
int remoteUnsupported(const char *api);

virDrvDomain *remoteDomainFromWire(const remote_nonnull_domain *dom);
void remoteDomainToWire(remote_nonnull_domain *wire, const virDrvDomain *dom);
virDrvSecret *remoteSecretFromWire(const remote_nonnull_secret *secret);
void remoteSecretToWire(remote_nonnull_secret *wire, const virDrvSecret *secret);
virDrvNetwork *remoteNetworkFromWire(const remote_nonnull_network *net);
void remoteNetworkToWire(remote_nonnull_network *wire, const virDrvNetwork *net);
virDrvNetworkPort *remoteNetworkPortFromWire(const remote_nonnull_network_port *port);
void remoteNetworkPortToWire(remote_nonnull_network_port *wire, const virDrvNetworkPort *port);
virDrvStoragePool *remoteStoragePoolFromWire(const remote_nonnull_storage_pool *pool);
void remoteStoragePoolToWire(remote_nonnull_storage_pool *wire, const virDrvStoragePool *pool);
virDrvStorageVol *remoteStorageVolFromWire(const remote_nonnull_storage_vol *vol);
void remoteStorageVolToWire(remote_nonnull_storage_vol *wire, const virDrvStorageVol *vol);

/* Typed parameters to the wire: copies params into a new array for a
 * reply (freed with the reply). String parameters are left out unless
 * flags has VIR_TYPED_PARAM_STRING_OKAY, as clients that did not ask for
 * them cannot decode them. More than max: VIR_ERR_RPC reported, -1. */
int remoteTypedParamsToWire(const virTypedParameter *params, int nparams, unsigned int max,
                            unsigned int flags, remote_typed_param **out, u_int *outlen);
/* And back: a new array (virTypedParamsFreeArray). Unknown types or more
 * than max: VIR_ERR_RPC reported, -1. */
int remoteTypedParamsFromWire(const remote_typed_param *wire, u_int len, unsigned int max,
                              virTypedParameter **out, int *nout);
