/* Secondary drivers reached through a hypervisor daemon: a client of
 * virtqemud may call the secret, network, storage, node device, nwfilter
 * and interface APIs; each family goes to its own daemon over a
 * connection opened for that client on first use, and its messages pass
 * through unchanged both ways (events included). */
#pragma once

#include "internal.h"

#include "virnetserver.h"

typedef enum {
    REMOTE_FAMILY_NONE = 0,         /* served by this daemon's own driver */
    REMOTE_FAMILY_SECRET,
    REMOTE_FAMILY_NETWORK,
    REMOTE_FAMILY_STORAGE,
    REMOTE_FAMILY_NODEDEV,
    REMOTE_FAMILY_NWFILTER,
    REMOTE_FAMILY_INTERFACE,
    REMOTE_FAMILY_LAST
} remoteFamily;

/* The family of a REMOTE procedure, from its name. */
remoteFamily remoteProcedureFamily(int proc);
const char *remoteFamilyName(remoteFamily family);

/* served: bit (1 << family) for each family this daemon answers itself. */
void remoteRelayInit(unsigned int served, bool privileged);

/* Whether a secondary daemon that is not running is started on demand. */
void remoteRelaySetAutostart(bool autostart);

/* The REMOTE program's relay hook. */
bool remoteRelaySecondary(virNetServer *srv, virNetServerClient *client, virNetMessage *msg);
/* Drops the client's secondary connections. */
void remoteRelayClientClosed(virNetServerClient *client);
