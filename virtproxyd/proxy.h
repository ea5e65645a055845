/* virtproxyd: serves libvirt's legacy sockets (libvirt-sock...) and
 * TCP/TLS, and relays each client to the daemon its URI names. */
#pragma once

#include "internal.h"

#include "virnetserver.h"

/* The programs the proxy's sockets speak: REMOTE (a few calls handled
 * here until the backend is open, then everything relayed), QEMU and
 * LXC (relayed), keepalive. */
extern const virNetServerProgram *const proxyPrograms[];
extern const size_t proxyNPrograms;

void proxyClientAdded(virNetServer *srv, virNetServerClient *client, void *opaque);
void proxyClientClosed(virNetServer *srv, virNetServerClient *client, void *opaque);
