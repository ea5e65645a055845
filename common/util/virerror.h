/* Errors as libvirt clients see them: a code, a domain and a message, kept
 * per thread until the RPC layer sends them back to the caller.
 *
 * Rule: the function where a failure happens reports it once and returns -1
 * (or NULL); callers only pass the -1 up. */
#pragma once

#include "internal.h"

/* Codes, domains and levels are libvirt's public virErrorNumber,
 * virErrorDomain and virErrorLevel (internal.h brings them in). */

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

/* An error whose message is exactly the text given, with no prefix for
 * its code: libvirt reports bad API arguments this way. */
void virErrorReportRaw(int domain, int code, const char *fmt, ...)
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
