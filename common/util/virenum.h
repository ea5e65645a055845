/* Enum <-> string tables: one list of names per enum, checked against the
 * enum's _LAST sentinel at compile time. */
#pragma once

#include "internal.h"

int virEnumFromString(const char * const *types, unsigned int ntypes,
                      const char *type);
const char *virEnumToString(const char * const *types, unsigned int ntypes,
                            int type);

#define VIR_ENUM_IMPL(name, lastVal, ...) \
    static const char *const name ## TypeList[] = { __VA_ARGS__ }; \
    G_STATIC_ASSERT(G_N_ELEMENTS(name ## TypeList) == lastVal); \
    const char *name ## TypeToString(int type) { \
        return virEnumToString(name ## TypeList, G_N_ELEMENTS(name ## TypeList), type); \
    } \
    int name ## TypeFromString(const char *type) { \
        return virEnumFromString(name ## TypeList, G_N_ELEMENTS(name ## TypeList), type); \
    }

#define VIR_ENUM_DECL(name) \
    const char *name ## TypeToString(int type); \
    int name ## TypeFromString(const char *type)
