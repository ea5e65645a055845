/* The main of every driver daemon, compiled once per daemon with
 * DAEMON_NAME and DAEMON_REGISTER (the function returning its state
 * driver): it serves the REMOTE program through that driver's tables. */
#include "internal.h"

#include <unistd.h>

#include "daemon_runner.h"
#include "driver.h"
#include "remote_dispatch.h"
#include "remote_relay.h"

const virStateDriver *DAEMON_REGISTER(void);

static const virStateDriver *stateDriver;

static const virNetServerProgram *const driverPrograms[] = {
    &remoteProgram,
    &qemuProgram,
    &keepaliveProgram,
};

/* The URI a client gets when it names none: the driver's own scheme. */
static const char *
driverDefaultScheme(void)
{
    if (stateDriver->hypervisor)
        return stateDriver->hypervisor->uriSchemes[0];
    if (stateDriver->storage)
        return stateDriver->storage->uriSchemes[0];
    if (stateDriver->secret)
        return stateDriver->secret->uriSchemes[0];
    return stateDriver->network->uriSchemes[0];
}

static int
driverStateInitialize(virNetServer *srv, bool privileged)
{
    g_autofree char *uri = g_strdup_printf("%s:///%s", driverDefaultScheme(),
                                           privileged ? "system" : "session");

    remoteDispatchInit(stateDriver, uri);
    remoteEventsInit(srv);
    /* A hypervisor daemon passes secondary-driver calls to their daemons;
     * a secondary daemon answers for itself. */
    remoteRelayInit(stateDriver->hypervisor ? 0 : ~0u, privileged);
    return stateDriver->stateInitialize(privileged);
}

static void
driverClientClosed(virNetServer *srv, virNetServerClient *client, void *opaque)
{
    remoteRelayClientClosed(client);
    remoteClientClosed(srv, client, opaque);
}

static void
driverStateCleanup(void)
{
    stateDriver->stateCleanup();
}

int
main(int argc, char **argv)
{
    virDaemonDesc desc = {
        .name = DAEMON_NAME,
        .sockPrefix = DAEMON_NAME,
        .programs = driverPrograms,
        .nprograms = G_N_ELEMENTS(driverPrograms),
        .clientAdded = remoteClientAdded,
        .clientClosed = driverClientClosed,
        .stateInitialize = driverStateInitialize,
        .stateCleanup = driverStateCleanup,
    };

    stateDriver = DAEMON_REGISTER();
    desc.stateReload = stateDriver->stateReload;
    desc.stateInhibitsExit = stateDriver->stateInhibitsExit;
    return virDaemonRun(&desc, argc, argv);
}
