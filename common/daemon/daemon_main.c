/* The main of every driver daemon, compiled once per daemon with
 * DAEMON_NAME and DAEMON_REGISTER (the function returning its state
 * driver): it serves the REMOTE program through that driver's tables. */
#include "internal.h"

#include <unistd.h>

#include "daemon_runner.h"
#include "driver.h"
#include "remote_dispatch.h"

const virStateDriver *DAEMON_REGISTER(void);

static const virStateDriver *stateDriver;

static const virNetServerProgram *const driverPrograms[] = {
    &remoteProgram,
    &keepaliveProgram,
};

static int
driverStateInitialize(virNetServer *srv, bool privileged)
{
    g_autofree char *uri = g_strdup_printf("%s:///%s", stateDriver->hypervisor->uriSchemes[0],
                                           privileged ? "system" : "session");

    remoteDispatchInit(stateDriver, uri);
    remoteEventsInit(srv);
    return stateDriver->stateInitialize(privileged);
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
        .clientClosed = remoteClientClosed,
        .stateInitialize = driverStateInitialize,
        .stateCleanup = driverStateCleanup,
    };

    stateDriver = DAEMON_REGISTER();
    desc.stateReload = stateDriver->stateReload;
    desc.stateInhibitsExit = stateDriver->stateInhibitsExit;
    return virDaemonRun(&desc, argc, argv);
}
