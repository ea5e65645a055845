/* Connection URIs as libvirt users write them:
 *
 *   driver[+transport]://[user@][host][:port][/path][?query][#fragment]
 *
 * e.g. qemu:///system, qemu+ssh://root@host/system?keyfile=/k,
 * qemu+tls://[::1]:16514/system, test:///default.
 *
 * The parser follows RFC 3986 for a URI with a scheme (relative references
 * are refused: a connection URI always names its driver). user, server, path
 * and fragment are stored decoded (%XX undone); query is kept raw and also
 * split into params. virURIFormat escapes the decoded parts again, so a
 * parsed URI formats back to an equivalent one ("%7e" comes back as "~",
 * "qemu:/system" as "qemu:///system"). As with libvirt's parser, "%2F" in
 * a path is decoded to '/' and so formats back as a plain '/'. */
#pragma once

#include "internal.h"

#include "virenum.h"

typedef struct {
    char *name;
    char *value;    /* "" for a parameter written without '=' */
    bool ignore;    /* set by a consumer: virURIFormatParams skips it */
} virURIParam;

typedef struct {
    char *scheme;       /* as written, e.g. "qemu+ssh" */
    char *server;       /* decoded host; IPv6 without brackets; NULL when absent or empty */
    char *user;         /* decoded user info before '@'; NULL when absent */
    int port;           /* 0 when absent */
    char *path;         /* decoded; NULL when the URI has no path ("qemu://host"),
                         * never "" after parsing; "/system" for qemu:///system */
    char *query;        /* raw text after '?', NULL when there is no '?' */
    char *fragment;     /* decoded text after '#', NULL when there is no '#' */
    virURIParam *params;    /* query split on '&' and ';', decoded (%XX, '+' is a space) */
    size_t nparams;
} virURI;

/* NULL with VIR_ERR_INTERNAL_ERROR "Unable to parse URI '...': <why>"
 * reported when uri is not a valid absolute URI. */
virURI *virURIParse(const char *uri);

/* The URI text; "//" is always written for an absolute or empty path, so
 * qemu:///system stays qemu:///system. An IPv6 server is put in brackets. */
char *virURIFormat(const virURI *uri);

/* name=value&... from the params that are not ignored, escaped so that
 * parsing the result gives the same params back ("" when there are none). */
char *virURIFormatParams(const virURI *uri);

void virURIFree(virURI *uri);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virURI, virURIFree);

/* The value of the last parameter called name (compared without regard to
 * ASCII case, as the remote driver does), or NULL. */
const char *virURIGetParam(const virURI *uri, const char *name);

/* How the client reaches the daemon; the part after '+' in the scheme. */
typedef enum {
    VIR_URI_TRANSPORT_UNIX,
    VIR_URI_TRANSPORT_TLS,
    VIR_URI_TRANSPORT_TCP,
    VIR_URI_TRANSPORT_SSH,
    VIR_URI_TRANSPORT_EXT,
    VIR_URI_TRANSPORT_LIBSSH,
    VIR_URI_TRANSPORT_LIBSSH2,

    VIR_URI_TRANSPORT_LAST
} virURITransport;
VIR_ENUM_DECL(virURITransport);

/* Splits "qemu+ssh" into driver "qemu" and transport "ssh" (lowercased and
 * checked against the known transports). *transport is NULL when the scheme
 * has no '+'; the remote driver then uses "unix" without a host and "tls"
 * with one. Outputs are written only on success; -1 with
 * VIR_ERR_INVALID_ARG reported for an empty driver or an unknown transport. */
int virURISplitScheme(const char *scheme, char **driver, char **transport);
