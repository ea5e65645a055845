/* Secrets through libvirt's public API only; the tests build it against
 * our headers and library and against Debian's libvirt-dev, and compare.
 *
 *   secretprog URI      define, value, lookups, listing, events, undefine:
 *                       one line per step, nothing that differs between runs
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static int events;

static void
lifecycle(virConnectPtr conn, virSecretPtr secret, int event, int detail, void *opaque)
{
    printf("event lifecycle %s %d %d\n", virSecretGetUsageID(secret), event, detail);
    events++;
}

static void
valueChanged(virConnectPtr conn, virSecretPtr secret, void *opaque)
{
    printf("event value-changed %s\n", virSecretGetUsageID(secret));
    events++;
}

static void
quiet(void *opaque, virErrorPtr err)
{
}

static void
lastError(const char *what)
{
    printf("%s: %d %d %s\n", what, virGetLastErrorCode(), virGetLastErrorDomain(),
           virGetLastErrorMessage());
}

int
main(int argc, char **argv)
{
    static const unsigned char value[] = { 's', 'e', 0, 'c', 'r', 'e', 't' };
    virConnectPtr conn;
    virSecretPtr secret;
    virSecretPtr found;
    virSecretPtr *all = NULL;
    unsigned char *got;
    size_t size = 0;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *uuids[16];
    char *xml;
    int lifeID;
    int valueID;
    int n;
    int i;
    time_t end;

    if (argc < 2)
        return 2;
    virSetErrorFunc(NULL, quiet);
    virEventRegisterDefaultImpl();
    if (!(conn = virConnectOpen(argv[1]))) {
        lastError("open failed");
        return 1;
    }
    printf("type %s\n", virConnectGetType(conn));

    lifeID = virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_LIFECYCLE,
                                              VIR_SECRET_EVENT_CALLBACK(lifecycle), NULL, NULL);
    valueID = virConnectSecretEventRegisterAny(conn, NULL, VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                                               valueChanged, NULL, NULL);
    printf("registered %d\n", lifeID >= 0 && valueID >= 0 && lifeID != valueID);

    secret = virSecretDefineXML(conn,
                                "<secret ephemeral='no' private='no'>"
                                "<uuid>7e57ab1e-0000-4000-8000-00000000c0de</uuid>"
                                "<usage type='iscsi'><target>iqn.libclient</target></usage>"
                                "</secret>", 0);
    if (!secret) {
        lastError("define failed");
        return 1;
    }
    virSecretGetUUIDString(secret, uuid);
    printf("defined %s usage %d %s\n", uuid, virSecretGetUsageType(secret),
           virSecretGetUsageID(secret));

    if (virSecretGetValue(secret, &size, 0) == NULL)
        lastError("no value yet");
    if (virSecretSetValue(secret, value, sizeof(value), 0) < 0)
        lastError("set failed");
    got = virSecretGetValue(secret, &size, 0);
    printf("value %s\n", got && size == sizeof(value) && memcmp(got, value, size) == 0 ?
           "round trip" : "differs");
    free(got);

    found = virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_ISCSI, "iqn.libclient");
    if (found) {
        virSecretGetUUIDString(found, uuid);
        printf("by usage %s\n", uuid);
        virSecretFree(found);
    }
    if (!virSecretLookupByUsage(conn, VIR_SECRET_USAGE_TYPE_CEPH, "iqn.libclient"))
        lastError("by other usage");
    if (!virSecretLookupByUUIDString(conn, "7e57ab1e-0000-4000-8000-00000000dead"))
        lastError("by unknown uuid");
    if (!virSecretLookupByUUIDString(conn, "not-a-uuid"))
        lastError("by bad uuid");

    xml = virSecretGetXMLDesc(secret, 0);
    printf("xml has target %d\n", xml && strstr(xml, "<target>iqn.libclient</target>") != NULL);
    free(xml);

    n = virConnectListAllSecrets(conn, &all, VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL);
    printf("listed %d\n", n);
    for (i = 0; i < n; i++)
        virSecretFree(all[i]);
    free(all);
    printf("counted %d\n", virConnectNumOfSecrets(conn));
    n = virConnectListSecrets(conn, uuids, 16);
    for (i = 0; i < n; i++) {
        printf("uuid %s\n", uuids[i]);
        free(uuids[i]);
    }

    if (virSecretUndefine(secret) < 0)
        lastError("undefine failed");
    if (virSecretGetXMLDesc(secret, 0) == NULL)
        lastError("after undefine");
    virSecretFree(secret);

    /* Defined, value changed, undefined. */
    end = time(NULL) + 10;
    while (events < 3 && time(NULL) < end)
        virEventRunDefaultImpl();
    printf("events %d\n", events);
    virConnectSecretEventDeregisterAny(conn, lifeID);
    virConnectSecretEventDeregisterAny(conn, valueID);
    if (virConnectSecretEventDeregisterAny(conn, valueID) < 0)
        printf("deregistered twice fails\n");
    virConnectClose(conn);
    return 0;
}
