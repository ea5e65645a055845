/* Per-client state of the REMOTE program (private to common/daemon). */
#pragma once

#include "internal.h"

#include "driver.h"
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
    virConnect *conn;                   /* NULL until CONNECT_OPEN */
    bool closeCallback;
    GArray *domainCallbacks;            /* virDaemonEventCallback */
    int nextCallbackID;
};
