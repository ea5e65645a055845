/* virDomainGetInfo calls per second, from C: the client cost of python
 * would otherwise be most of what is measured.
 *
 *   bench-getinfo URI DOMAIN SECONDS CLIENTS
 *
 * Loads Debian's libvirt.so.0 at run time (or LIBVIRT_SO), so both daemons
 * are measured through the same, real client library. CLIENTS processes,
 * one connection each; prints the total calls per second. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "libvirt/libvirt.h"

typedef virConnectPtr (*OpenFn)(const char *);
typedef virDomainPtr (*LookupFn)(virConnectPtr, const char *);
typedef int (*InfoFn)(virDomainPtr, virDomainInfoPtr);

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
run(const char *so, const char *uri, const char *name, double seconds)
{
    void *lib = dlopen(so, RTLD_NOW);
    OpenFn open_;
    LookupFn lookup;
    InfoFn info;
    virConnectPtr conn;
    virDomainPtr dom;
    virDomainInfo di;
    long n = 0;
    double end;
    int i;

    if (!lib) {
        fprintf(stderr, "bench-getinfo: %s\n", dlerror());
        return -1;
    }
    open_ = (OpenFn)dlsym(lib, "virConnectOpen");
    lookup = (LookupFn)dlsym(lib, "virDomainLookupByName");
    info = (InfoFn)dlsym(lib, "virDomainGetInfo");
    if (!open_ || !lookup || !info || !(conn = open_(uri)) || !(dom = lookup(conn, name)))
        return -1;
    end = now() + seconds;
    while (now() < end) {
        for (i = 0; i < 100; i++) {
            if (info(dom, &di) < 0)
                return -1;
        }
        n += 100;
    }
    return n;
}

int
main(int argc, char **argv)
{
    const char *so = getenv("LIBVIRT_SO") ? getenv("LIBVIRT_SO") : "libvirt.so.0";
    int pipes[2];
    double seconds;
    int clients;
    long total = 0;
    int i;

    if (argc != 5) {
        fprintf(stderr, "usage: %s URI DOMAIN SECONDS CLIENTS\n", argv[0]);
        return 2;
    }
    seconds = atof(argv[3]);
    clients = atoi(argv[4]);
    if (pipe(pipes) < 0)
        return 1;
    for (i = 0; i < clients; i++) {
        if (fork() == 0) {
            long n = run(so, argv[1], argv[2], seconds);

            if (write(pipes[1], &n, sizeof(n)) != sizeof(n))
                _exit(1);
            _exit(n < 0);
        }
    }
    close(pipes[1]);
    for (i = 0; i < clients; i++) {
        long n;

        if (read(pipes[0], &n, sizeof(n)) != sizeof(n) || n < 0) {
            fprintf(stderr, "bench-getinfo: a client failed\n");
            return 1;
        }
        total += n;
    }
    while (wait(NULL) > 0)
        ;
    printf("%.0f\n", total / seconds);
    return 0;
}
