/* Errors as libvirt clients see them: a code, a domain and a message, kept
 * per thread until the RPC layer sends them back to the caller.
 *
 * Rule: the function where a failure happens reports it once and returns -1
 * (or NULL); callers only pass the -1 up. */
#pragma once

#include "internal.h"

/* Numbers are libvirt's wire values (virterror.h); only those we use. */
typedef enum {
    VIR_ERR_OK = 0,
    VIR_ERR_INTERNAL_ERROR = 1,
    VIR_ERR_NO_SUPPORT = 3,
    VIR_ERR_NO_CONNECT = 5,
    VIR_ERR_INVALID_CONN = 6,
    VIR_ERR_INVALID_DOMAIN = 7,
    VIR_ERR_INVALID_ARG = 8,
    VIR_ERR_OPERATION_FAILED = 9,
    VIR_ERR_NO_KERNEL = 17,
    VIR_ERR_NO_NAME = 21,
    VIR_ERR_NO_OS = 22,
    VIR_ERR_NO_DEVICE = 23,
    VIR_ERR_XML_ERROR = 27,
    VIR_ERR_DOM_EXIST = 28,
    VIR_ERR_OPERATION_DENIED = 29,
    VIR_ERR_OPEN_FAILED = 30,
    VIR_ERR_READ_FAILED = 31,
    VIR_ERR_PARSE_FAILED = 32,
    VIR_ERR_CONF_SYNTAX = 33,
    VIR_ERR_WRITE_FAILED = 34,
    VIR_ERR_XML_DETAIL = 35,
    VIR_ERR_SYSTEM_ERROR = 38,
    VIR_ERR_RPC = 39,
    VIR_ERR_NO_DOMAIN = 42,
    VIR_ERR_AUTH_FAILED = 45,
    VIR_ERR_NO_SECURITY_MODEL = 54,
    VIR_ERR_OPERATION_INVALID = 55,
    VIR_ERR_CONFIG_UNSUPPORTED = 67,
    VIR_ERR_OPERATION_TIMEOUT = 68,
    VIR_ERR_ARGUMENT_UNSUPPORTED = 74,
    VIR_ERR_NO_DOMAIN_METADATA = 80,
    VIR_ERR_OVERFLOW = 82,
    VIR_ERR_OPERATION_UNSUPPORTED = 84,
    VIR_ERR_RESOURCE_BUSY = 87,
    VIR_ERR_ACCESS_DENIED = 88,
    VIR_ERR_AUTH_UNAVAILABLE = 94,
} virErrorNumber;

typedef enum {
    VIR_FROM_NONE = 0,
    VIR_FROM_XML = 5,
    VIR_FROM_RPC = 7,
    VIR_FROM_CONF = 9,
    VIR_FROM_QEMU = 10,
    VIR_FROM_REMOTE = 13,
    VIR_FROM_LXC = 17,
    VIR_FROM_STORAGE = 18,
    VIR_FROM_NETWORK = 19,
    VIR_FROM_DOMAIN = 20,
    VIR_FROM_NODEDEV = 22,
    VIR_FROM_SECURITY = 24,
    VIR_FROM_SECRET = 30,
    VIR_FROM_CPU = 31,
    VIR_FROM_NWFILTER = 33,
    VIR_FROM_SYSINFO = 37,
    VIR_FROM_STREAMS = 38,
    VIR_FROM_EVENT = 40,
    VIR_FROM_CAPABILITIES = 44,
    VIR_FROM_URI = 45,
    VIR_FROM_AUTH = 46,
    VIR_FROM_IDENTITY = 53,
    VIR_FROM_ACCESS = 55,
    VIR_FROM_SYSTEMD = 56,
    VIR_FROM_ADMIN = 62,
    VIR_FROM_LOGGING = 63,
} virErrorDomain;

typedef enum {
    VIR_ERR_LEVEL_NONE = 0,
    VIR_ERR_LEVEL_WARNING = 1,
    VIR_ERR_LEVEL_ERROR = 2,
} virErrorLevel;

/* Mirrors the fields of the wire error struct. */
typedef struct {
    int code;
    int domain;
    char *message;
    int level;
    char *str1;     /* the message's format, as libvirt sends it */
    char *str2;     /* the detail text */
    char *str3;
    int int1;
    int int2;
} virErrorInfo;

void virErrorReportFull(int domain, int code, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void virErrorReportSystemFull(int domain, int errnum, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* Each reporting file defines VIR_FROM_THIS before using these. */
#define virReportError(code, ...) \
    virErrorReportFull(VIR_FROM_THIS, code, __VA_ARGS__)
#define virReportSystemError(errnum, ...) \
    virErrorReportSystemFull(VIR_FROM_THIS, errnum, __VA_ARGS__)

/* The last error of this thread, or NULL. */
const virErrorInfo *virErrorGetLast(void);
/* A copy the caller owns (an "unknown error" placeholder when none is set). */
virErrorInfo *virErrorCopyLast(void);
void virErrorSetLast(const virErrorInfo *err);
void virErrorReset(void);
void virErrorInfoFree(virErrorInfo *err);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virErrorInfo, virErrorInfoFree);

/* The message prefix libvirt uses for a code ("Domain not found: %s"). */
const char *virErrorCodeFormat(int code, bool withInfo);

/* Keep an error across cleanup code that may overwrite it. */
virErrorInfo *virErrorPreserve(void);
void virErrorRestore(virErrorInfo **saved);
