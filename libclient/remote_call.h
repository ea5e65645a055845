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

/* Events arrive on the RPC reader thread and are delivered from the
 * application's event loop. */
void remoteEventsAttach(virConnectPtr conn);
void remoteEventsDetach(virConnectPtr conn);
