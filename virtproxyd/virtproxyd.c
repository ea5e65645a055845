/* virtproxyd's main: the shared runner with the proxy's programs, the
 * legacy socket names and TCP/TLS listeners. It has no driver state. */
#include "internal.h"

#include "daemon_runner.h"
#include "proxy.h"

static int
proxyStateInitialize(virNetServer *srv, bool privileged)
{
    return 0;
}

int
main(int argc, char **argv)
{
    virDaemonDesc desc = {
        .name = "virtproxyd",
        .sockPrefix = "libvirt",
        .programs = proxyPrograms,
        .nprograms = proxyNPrograms,
        .clientAdded = proxyClientAdded,
        .clientClosed = proxyClientClosed,
        .ipListen = true,
        .stateInitialize = proxyStateInitialize,
    };

    return virDaemonRun(&desc, argc, argv);
}
