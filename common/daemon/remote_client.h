/* Per-client state of the REMOTE program (private to common/daemon). */
#pragma once

#include "internal.h"

#include "driver.h"
#include "remote_protocol.h"
#include "virnetserver.h"

typedef struct {
    int callbackID;
    int eventID;
    bool filtered;                      /* only events of one domain */
    unsigned char uuid[VIR_UUID_BUFLEN];
} virDaemonEventCallback;

struct _virDaemonClient {
    GMutex lock;
    virNetServerClient *client;         /* not referenced: it owns us */
    virDrvConnect *conn;                   /* NULL until CONNECT_OPEN */
    bool closeCallback;
    GArray *domainCallbacks;            /* virDaemonEventCallback */
    int nextCallbackID;
};

/* The client's open connection, or NULL with "hypervisor connection not
 * open" reported. */
virDrvConnect *remoteClientGetConn(virNetServerClient *client);
/* The same, and the driver must have the slot at offset (reported as
 * VIR_ERR_NO_SUPPORT otherwise, which clients fall back on). */
virDrvConnect *remoteClientConnWith(virNetServerClient *client, size_t offset,
                                 const char *slot);
#define REMOTE_CONN_WITH(client, slot) \
    remoteClientConnWith(client, offsetof(virHypervisorDriver, slot), #slot)

virDrvDomain *remoteDomainFromWire(const remote_nonnull_domain *dom);
void remoteDomainToWire(remote_nonnull_domain *wire, const virDrvDomain *dom);
