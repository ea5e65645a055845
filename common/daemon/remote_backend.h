/* Connections a daemon opens to another daemon on a client's behalf (the
 * proxy to any daemon, a hypervisor daemon to its secondary drivers):
 * the handshake virsh would do, then the client's identity. And the ones
 * it opens for its own needs ("elevated"), proven with the system token. */
#pragma once

#include "internal.h"

#include "virnetclient.h"
#include "virnetserver.h"

/* Connects to path, opens uri (read-only when asked) and forwards who
 * client is. daemonName names the daemon expected at path in errors.
 * NULL with an error reported. */
virNetClient *remoteBackendOpen(virNetServerClient *client, const char *path,
                                const char *daemonName, const char *uri, bool readonly);

/* Connects to path and opens uri (read-write) as this daemon itself:
 * the identity is the host's system token, which the other daemon checks
 * before trusting us with what no client may have (private secret
 * values). Never for a client's calls. NULL with an error reported. */
virNetClient *remoteBackendOpenElevated(const char *path, const char *daemonName,
                                        const char *uri);

/* One REMOTE call on a backend connection; -1 with the error reported. */
int remoteBackendCall(virNetClient *backend, int proc, xdrproc_t af, void *args,
                      xdrproc_t rf, void *ret);

/* Closes and releases a backend connection; NULL is fine. */
void remoteBackendClose(virNetClient *backend);

/* The value of the secret with that UUID, even a private one, fetched
 * from virtsecretd (secret:///system in our --root) over an elevated
 * connection, for this daemon's own use (LUKS disks, TLS keys). *value
 * (caller wipes and frees) is never NULL on success. -1 with an error
 * reported. */
int remoteSecretGetValueElevated(const char *uuidstr, unsigned char **value, size_t *len);

/* A port on network (by name) in virtnetworkd of our --root, for a guest
 * interface this daemon starts: portXML is a <networkport>; on success
 * *portUUID gets the port's UUID string and *bridge the bridge to plug the
 * tap into. With reclaim, an existing port of that UUID is taken back
 * (after a restart). -1 with an error reported. */
int remoteNetworkPortCreateElevated(const char *network, const char *portXML, bool reclaim,
                                    char **portUUID, char **bridge);
/* Deletes that port; a port or network already gone is not an error. */
int remoteNetworkPortDeleteElevated(const char *network, const char *portUUID);
/* The DHCP leases of network (only mac's when not NULL): the count, with
 * *leases a NULL-terminated array (virDrvNetworkDHCPLeaseFree each). */
int remoteNetworkGetDHCPLeasesElevated(const char *network, const char *mac,
                                       virNetworkDHCPLease ***leases);

/* The path of volume in pool (virtstoraged of our --root), and whether it
 * is a block device, for a guest disk of type 'volume'. -1 reported. */
int remoteStorageVolGetPathElevated(const char *pool, const char *volume, char **path,
                                    bool *block);
