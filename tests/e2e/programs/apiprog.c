/* A program written against libvirt's public API only; the tests build it
 * against our headers and library and against Debian's libvirt-dev.
 *
 *   apiprog URI list            name, state, memory of every domain
 *   apiprog URI events NAME     start and destroy NAME, print lifecycle events
 *   apiprog URI stall           keepalive 1 s x 2, then call until one fails
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static int seen;

static int
lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    printf("event %s %d %d\n", virDomainGetName(dom), event, detail);
    fflush(stdout);
    seen++;
    return 0;
}

static void
closed(virConnectPtr conn, int reason, void *opaque)
{
    printf("closed reason=%d\n", reason);
    fflush(stdout);
}

static void
quiet(void *opaque, virErrorPtr err)
{
}

int
main(int argc, char **argv)
{
    virConnectPtr conn;

    if (argc < 3)
        return 2;
    virSetErrorFunc(NULL, quiet);
    if (strcmp(argv[2], "events") == 0)
        virEventRegisterDefaultImpl();

    if (!(conn = virConnectOpen(argv[1]))) {
        printf("open failed: %d %s\n", virGetLastErrorCode(), virGetLastErrorMessage());
        return 1;
    }

    if (strcmp(argv[2], "list") == 0) {
        virDomainPtr *doms = NULL;
        int n = virConnectListAllDomains(conn, &doms, 0);
        int i;

        for (i = 0; i < n; i++) {
            virDomainInfo info;
            char uuid[VIR_UUID_STRING_BUFLEN];

            if (virDomainGetInfo(doms[i], &info) < 0 ||
                virDomainGetUUIDString(doms[i], uuid) < 0)
                return 1;
            printf("%s %s state=%d mem=%lu vcpus=%d active=%d\n", virDomainGetName(doms[i]),
                   uuid, info.state, info.memory, info.nrVirtCpu, virDomainIsActive(doms[i]));
            virDomainFree(doms[i]);
        }
        free(doms);
        if (!virDomainLookupByName(conn, "no-such-domain"))
            printf("lookup error: %d %d %s\n", virGetLastErrorCode(), virGetLastErrorDomain(),
                   virGetLastErrorMessage());
    } else if (strcmp(argv[2], "events") == 0 && argc == 4) {
        virDomainPtr dom = virDomainLookupByName(conn, argv[3]);
        int id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                  VIR_DOMAIN_EVENT_CALLBACK(lifecycle),
                                                  NULL, NULL);
        int rounds = 0;

        if (!dom || id < 0 || virDomainCreate(dom) < 0 || virDomainDestroy(dom) < 0) {
            printf("failed: %s\n", virGetLastErrorMessage());
            return 1;
        }
        while (seen < 4 && rounds++ < 200)
            virEventRunDefaultImpl();
        virConnectDomainEventDeregisterAny(conn, id);
        virDomainFree(dom);
    } else if (strcmp(argv[2], "stall") == 0) {
        char *host;

        virConnectSetKeepAlive(conn, 1, 2);
        virConnectRegisterCloseCallback(conn, closed, NULL, NULL);
        printf("ready\n");
        fflush(stdout);
        /* The test freezes the daemon now; one of these calls must fail. */
        while ((host = virConnectGetHostname(conn))) {
            free(host);
            usleep(100 * 1000);
        }
        printf("call failed: %s\n", virGetLastErrorMessage());
        printf("alive: %d\n", virConnectIsAlive(conn));
    }
    virConnectClose(conn);
    return 0;
}
