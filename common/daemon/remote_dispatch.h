/* The REMOTE program as served by a daemon: per-client connection state
 * and the handlers behind the generated dispatch table. */
#pragma once

#include "internal.h"

#include "virnetserver.h"
#include "driver.h"

/* Per-client state kept as the RPC client's private data. */
typedef struct _virDaemonClient virDaemonClient;

/* Sets up what the handlers need: the driver to open connections on and
 * the URI a client gets when it sends none. */
void remoteDispatchInit(const virStateDriver *driver, const char *defaultURI);

/* Client hooks for virNetServerSetClientHooks(). */
void remoteClientAdded(virNetServer *srv, virNetServerClient *client, void *opaque);
void remoteClientClosed(virNetServer *srv, virNetServerClient *client, void *opaque);

/* Starts delivering driver events to the clients of srv. */
void remoteEventsInit(virNetServer *srv);

extern const virNetServerProgram remoteProgram;
extern const virNetServerProgram keepaliveProgram;
extern const virNetServerProgram qemuProgram;

extern const virNetServerProgram adminProgram;
void adminDispatchInit(const char *daemonName);
