/* What every object handle of the API (domain, secret, network, network
 * port, and the storage ones) does the same way: reference counting, the
 * argument check, and the getters of its connection, name and UUID. A
 * family describes its struct once in a virHandleClass; its public
 * virXxxRef/Free/GetName/GetUUID... are then one line each. */
#pragma once

#include "datatypes.h"

/* Every handle struct starts with its reference count (datatypes.h checks). */
typedef struct {
    bool (*check)(void *obj, const char *func);   /* the family's virCheckXxx */
    virConnectPtr (*conn)(void *obj);             /* of a checked obj */
    void (*dispose)(void *obj);                   /* when the last reference goes */
    ptrdiff_t nameOffset;       /* of a char * member, -1 when the family has none */
    ptrdiff_t uuidOffset;       /* of an unsigned char[VIR_UUID_BUFLEN] member */
} virHandleClass;

int virHandleRef(const virHandleClass *cls, void *obj, const char *func);
int virHandleFree(const virHandleClass *cls, void *obj, const char *func);
virConnectPtr virHandleGetConnect(const virHandleClass *cls, void *obj, const char *func);
const char *virHandleGetName(const virHandleClass *cls, void *obj, const char *func);
int virHandleGetUUID(const virHandleClass *cls, void *obj, unsigned char *uuid,
                     const char *func);
int virHandleGetUUIDString(const virHandleClass *cls, void *obj, char *buf,
                           const char *func);

/* A class for struct type T whose members are refs, name (or none) and
 * uuid, checked by check and disposed by dispose. */
#define VIR_HANDLE_CLASS(T, check_, conn_, dispose_, nameOff) \
    { \
        .check = (bool (*)(void *, const char *))(check_), \
        .conn = (virConnectPtr (*)(void *))(conn_), \
        .dispose = (void (*)(void *))(dispose_), \
        .nameOffset = (nameOff), \
        .uuidOffset = offsetof(T, uuid), \
    }
