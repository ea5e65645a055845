#include "remote_call.h"

#include <string.h>

int
remoteCall(virConnectPtr conn, int proc, xdrproc_t argsFilter, void *args,
           xdrproc_t retFilter, void *ret)
{
    return virNetClientCall(conn->client, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, proc,
                            argsFilter, args, retFilter, ret);
}

void
remoteDomainToWire(remote_nonnull_domain *wire, virDomainPtr dom)
{
    wire->name = dom->name;
    memcpy(wire->uuid, dom->uuid, VIR_UUID_BUFLEN);
    wire->id = dom->id;
}

virDomainPtr
remoteDomainFromWire(virConnectPtr conn, const remote_nonnull_domain *wire)
{
    return virDomainNewObject(conn, wire->name, (const unsigned char *)wire->uuid, wire->id);
}

void
remoteSecretToWire(remote_nonnull_secret *wire, virSecretPtr secret)
{
    memcpy(wire->uuid, secret->uuid, VIR_UUID_BUFLEN);
    wire->usageType = secret->usageType;
    wire->usageID = secret->usageID;
}

virSecretPtr
remoteSecretFromWire(virConnectPtr conn, const remote_nonnull_secret *wire)
{
    return virSecretNewObject(conn, (const unsigned char *)wire->uuid, wire->usageType,
                              wire->usageID);
}
