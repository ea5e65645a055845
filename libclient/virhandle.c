/* The handle operations every object family shares (see virhandle.h). */
#include "virhandle.h"

#include <string.h>

#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* The connection an error on obj is dispatched to (NULL for a bad obj). */
static virConnectPtr
virHandleErrorConn(const virHandleClass *cls, void *obj)
{
    return obj ? cls->conn(obj) : NULL;
}

int
virHandleRef(const virHandleClass *cls, void *obj, const char *func)
{
    virResetLastError();
    if (!cls->check(obj, func)) {
        virDispatchError(NULL);
        return -1;
    }
    g_atomic_int_inc((gint *)obj);
    return 0;
}

int
virHandleFree(const virHandleClass *cls, void *obj, const char *func)
{
    virResetLastError();
    if (!cls->check(obj, func)) {
        virDispatchError(NULL);
        return -1;
    }
    if (g_atomic_int_dec_and_test((gint *)obj))
        cls->dispose(obj);
    return 0;
}

virConnectPtr
virHandleGetConnect(const virHandleClass *cls, void *obj, const char *func)
{
    virResetLastError();
    if (!cls->check(obj, func)) {
        virDispatchError(NULL);
        return NULL;
    }
    return cls->conn(obj);
}

const char *
virHandleGetName(const virHandleClass *cls, void *obj, const char *func)
{
    virResetLastError();
    if (!cls->check(obj, func)) {
        virDispatchError(NULL);
        return NULL;
    }
    return *(char **)((char *)obj + cls->nameOffset);
}

int
virHandleGetUUID(const virHandleClass *cls, void *obj, unsigned char *uuid, const char *func)
{
    virResetLastError();
    if (!cls->check(obj, func))
        goto error;
    if (!uuid) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "uuid must not be NULL");
        goto error;
    }
    memcpy(uuid, (char *)obj + cls->uuidOffset, VIR_UUID_BUFLEN);
    return 0;

 error:
    virDispatchError(virHandleErrorConn(cls, obj));
    return -1;
}

int
virHandleGetUUIDString(const virHandleClass *cls, void *obj, char *buf, const char *func)
{
    virResetLastError();
    if (!cls->check(obj, func))
        goto error;
    if (!buf) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "buf must not be NULL");
        goto error;
    }
    virUUIDFormat((const unsigned char *)obj + cls->uuidOffset, buf);
    return 0;

 error:
    virDispatchError(virHandleErrorConn(cls, obj));
    return -1;
}
