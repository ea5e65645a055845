/* Connections a daemon opens to another daemon on a client's behalf (the
 * proxy to any daemon, a hypervisor daemon to its secondary drivers):
 * the handshake virsh would do, then the client's identity. */
#pragma once

#include "internal.h"

#include "virnetclient.h"
#include "virnetserver.h"

/* Connects to path, opens uri (read-only when asked) and forwards who
 * client is. daemonName names the daemon expected at path in errors.
 * NULL with an error reported. */
virNetClient *remoteBackendOpen(virNetServerClient *client, const char *path,
                                const char *daemonName, const char *uri, bool readonly);
