/* The daemon's own settings (R/etc/libvirt/<daemon>.conf), with libvirt's
 * key names. Driver settings (qemu.conf...) belong to the drivers. */
#pragma once

#include "internal.h"
#include <sys/types.h>

typedef struct {
    char *unixSockGroup;
    mode_t unixSockRoPerms;
    mode_t unixSockRwPerms;
    mode_t unixSockAdminPerms;
    char *unixSockDir;          /* NULL: ROOT/run/libvirt */

    unsigned int maxClients;
    unsigned int maxQueuedClients;
    unsigned int maxAnonymousClients;
    unsigned int minWorkers;
    unsigned int maxWorkers;
    unsigned int prioWorkers;
    unsigned int maxClientRequests;

    unsigned int adminMinWorkers;
    unsigned int adminMaxWorkers;
    unsigned int adminMaxClients;
    unsigned int adminMaxQueuedClients;
    unsigned int adminMaxClientRequests;
    int adminKeepaliveInterval;
    unsigned int adminKeepaliveCount;

    int logLevel;
    char *logFilters;
    char *logOutputs;

    int keepaliveInterval;
    unsigned int keepaliveCount;

    /* TCP and TLS listeners (virtproxyd only). */
    bool listenTcp;
    bool listenTls;
    char *tcpPort;
    char *tlsPort;
    char *listenAddr;
    char *authTcp;
    char *authTls;
    char *keyFile;
    char *certFile;
    char *caFile;
    char *crlFile;
    bool tlsNoVerifyCertificate;
    char **tlsAllowedDNList;
    char *tlsPriority;

    /* A hypervisor daemon starts a secondary driver's daemon that is not
     * running when a client first needs it (our key; libvirt leaves that
     * to systemd socket activation). */
    bool autostartSecondary;

    /* Exit after this many idle seconds; 0: never. The config key is ours
     * (libvirt only has --timeout); the command line wins. */
    unsigned int idleTimeout;
} virDaemonConfig;

virDaemonConfig *virDaemonConfigNew(void);
void virDaemonConfigFree(virDaemonConfig *cfg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDaemonConfig, virDaemonConfigFree);

/* Loads path over the defaults; a missing file is fine. Unknown keys are
 * warned about by name; the TCP/TLS keys are read when ipListen is set and
 * otherwise get a warning saying only virtproxyd honours them. -1 with an error reported on bad syntax or values. */
int virDaemonConfigLoadFile(virDaemonConfig *cfg, const char *path,
                            const char *daemonName, bool ipListen);
