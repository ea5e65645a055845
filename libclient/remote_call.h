/* libclient's side of the REMOTE program: one call helper, and the event
 * plumbing between the RPC reader thread and the application's loop. */
#pragma once

#include "datatypes.h"

#include "remote_protocol.h"

/* A REMOTE call on the connection; -1 with the error reported. */
int remoteCall(virConnectPtr conn, int proc, xdrproc_t argsFilter, void *args,
               xdrproc_t retFilter, void *ret);

/* Wire <-> object conversions. The wire struct borrows dom's strings. */
void remoteDomainToWire(remote_nonnull_domain *wire, virDomainPtr dom);
virDomainPtr remoteDomainFromWire(virConnectPtr conn, const remote_nonnull_domain *wire);
void remoteSecretToWire(remote_nonnull_secret *wire, virSecretPtr secret);
virSecretPtr remoteSecretFromWire(virConnectPtr conn, const remote_nonnull_secret *wire);
/* The network ones live in libvirt-network.c, beside the objects. */
void remoteNetworkToWire(remote_nonnull_network *wire, virNetworkPtr net);
virNetworkPtr remoteNetworkFromWire(virConnectPtr conn, const remote_nonnull_network *wire);
void remoteNetworkPortToWire(remote_nonnull_network_port *wire, virNetworkPortPtr port);
virNetworkPortPtr remoteNetworkPortFromWire(virConnectPtr conn,
                                            const remote_nonnull_network_port *wire);

/* The storage ones live in libvirt-storage.c. */
void remoteStoragePoolToWire(remote_nonnull_storage_pool *wire, virStoragePoolPtr pool);
virStoragePoolPtr remoteStoragePoolFromWire(virConnectPtr conn,
                                            const remote_nonnull_storage_pool *wire);
void remoteStorageVolToWire(remote_nonnull_storage_vol *wire, virStorageVolPtr vol);
virStorageVolPtr remoteStorageVolFromWire(virConnectPtr conn,
                                          const remote_nonnull_storage_vol *wire);

/* Events arrive on the RPC reader thread and are delivered from the
 * application's event loop (remote_events.c). */
typedef enum {
    REMOTE_EVENT_DOMAIN,
    REMOTE_EVENT_SECRET,
    REMOTE_EVENT_NETWORK,
    REMOTE_EVENT_STORAGE_POOL,
    REMOTE_EVENT_LAST
} remoteEventFamily;

void remoteEventsAttach(virConnectPtr conn);
void remoteEventsDetach(virConnectPtr conn);
/* obj filters the events to one object (NULL: all); cb is the family's
 * callback type. Return the callback ID, or -1 with the error reported. */
int remoteEventsRegister(virConnectPtr conn, remoteEventFamily family, void *obj, int eventID,
                         void (*cb)(void), void *opaque, virFreeCallback freecb, bool legacy);
int remoteEventsDeregister(virConnectPtr conn, remoteEventFamily family, int callbackID);
int remoteEventsFindLegacy(virConnectPtr conn, void (*cb)(void));
