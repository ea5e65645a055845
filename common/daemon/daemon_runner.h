/* The daemon runner: everything a daemon does around what it serves. */
#pragma once

#include "internal.h"

#include "virnetserver.h"

typedef struct {
    const char *name;           /* virtqemud: config, pid file and log names */
    const char *sockPrefix;     /* socket names: <prefix>-sock, -sock-ro, -admin-sock */
    /* What the main server (rw, ro, TCP, TLS sockets) speaks. */
    const virNetServerProgram *const *programs;
    size_t nprograms;
    virNetServerClientHook clientAdded;
    virNetServerClientHook clientClosed;
    /* Only the proxy honours listen_tcp / listen_tls; others warn. */
    bool ipListen;

    /* Loaded before any socket accepts a client. */
    int (*stateInitialize)(virNetServer *srv, bool privileged);
    void (*stateCleanup)(void);
    int (*stateReload)(void);
    /* True while work must keep the daemon alive (--timeout). */
    bool (*stateInhibitsExit)(void);
} virDaemonDesc;

/* Runs the daemon to its end; the process's exit status. */
int virDaemonRun(const virDaemonDesc *desc, int argc, char **argv);
