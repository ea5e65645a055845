/*
 * libvirt-common.h: version, attribute macros and the types that every
 * part of the libvirt-compatible client API shares
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_COMMON_H
#define VIRTD_PUBLIC_COMMON_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- version --------------------------------------------------------- */

/* API level of these headers: major * 1000000 + minor * 1000 + micro. */
#define LIBVIR_VERSION_NUMBER 9000000

/* Nonzero when the headers provide at least version major.minor.micro. */
#define LIBVIR_CHECK_VERSION(major, minor, micro) \
    ((major) * 1000000 + (minor) * 1000 + (micro) <= LIBVIR_VERSION_NUMBER)

/* ---- attributes ------------------------------------------------------ */

/* Tags declarations kept only for old callers; predefine it to override. */
#ifndef VIR_DEPRECATED
# ifdef __GNUC__
#  define VIR_DEPRECATED __attribute__((__deprecated__))
# else
#  define VIR_DEPRECATED
# endif
#endif

/* Declares a variable that the library exports. */
#define VIR_EXPORT_VAR extern

/*
 * Enum types end with a *_LAST member only when the caller defines
 * VIR_ENUM_SENTINELS; its value grows with new releases.
 */

/* ---- callbacks and connections --------------------------------------- */

/* Releases the opaque pointer given along with a callback. */
typedef void (*virFreeCallback)(void *opaque);

/* Why a connection went away (reason argument of virConnectCloseFunc). */
typedef enum {
    VIR_CONNECT_CLOSE_REASON_ERROR     = 0, /* I/O failure */
    VIR_CONNECT_CLOSE_REASON_EOF       = 1, /* the server hung up */
    VIR_CONNECT_CLOSE_REASON_KEEPALIVE = 2, /* keepalive timed out */
    VIR_CONNECT_CLOSE_REASON_CLIENT    = 3  /* closed on request */
#ifdef VIR_ENUM_SENTINELS
    , VIR_CONNECT_CLOSE_REASON_LAST
#endif
} virConnectCloseReason;

/* ---- typed parameters ------------------------------------------------ */

/* Which member of virTypedParameter.value is valid. */
typedef enum {
    VIR_TYPED_PARAM_INT     = 1,
    VIR_TYPED_PARAM_UINT    = 2,
    VIR_TYPED_PARAM_LLONG   = 3,
    VIR_TYPED_PARAM_ULLONG  = 4,
    VIR_TYPED_PARAM_DOUBLE  = 5,
    VIR_TYPED_PARAM_BOOLEAN = 6, /* value.b, 0 or 1 */
    VIR_TYPED_PARAM_STRING  = 7
#ifdef VIR_ENUM_SENTINELS
    , VIR_TYPED_PARAM_LAST
#endif
} virTypedParameterType;

/* Flags understood by the calls that take typed parameters. */
typedef enum {
    VIR_TYPED_PARAM_STRING_OKAY = 4  /* caller can receive strings */
} virTypedParameterFlags;

/* Room for a parameter name, terminating NUL included. */
#define VIR_TYPED_PARAM_FIELD_LENGTH 80

typedef struct _virTypedParameter virTypedParameter;
typedef virTypedParameter *virTypedParameterPtr;

/* One named value; type tells which union member holds it. */
struct _virTypedParameter {
    char field[VIR_TYPED_PARAM_FIELD_LENGTH];
    int type;                           /* virTypedParameterType */
    union {
        int i;
        unsigned int ui;
        long long int l;
        unsigned long long int ul;
        double d;
        char b;
        char *s;                        /* never NULL */
    } value;
};

#ifdef __cplusplus
}
#endif

#endif /* VIRTD_PUBLIC_COMMON_H */
