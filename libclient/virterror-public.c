/* The public error API over the library's per-thread error: the last
 * error of the calling thread, per-connection copies, and handlers. */
#include "datatypes.h"

#include <stdio.h>
#include <string.h>

#include "virenum.h"

/* What virGetLastError hands out: refreshed from the internal error. */
static GPrivate publicError = G_PRIVATE_INIT((GDestroyNotify)virFreeError);

static int virErrorCopyPublic(virErrorPtr from, virErrorPtr to);

static GMutex handlerLock;
static virErrorFunc globalHandler;
static void *globalUserData;

static void
virErrorFillPublic(virErrorPtr to, const virErrorInfo *from)
{
    virResetError(to);
    to->code = from->code;
    to->domain = from->domain;
    to->level = from->level;
    to->message = g_strdup(from->message);
    to->str1 = g_strdup(from->str1);
    to->str2 = g_strdup(from->str2);
    to->str3 = g_strdup(from->str3);
    to->int1 = from->int1;
    to->int2 = from->int2;
}

virErrorPtr
virGetLastError(void)
{
    const virErrorInfo *last = virErrorGetLast();
    virErrorPtr err;

    if (!last || last->code == VIR_ERR_OK)
        return NULL;
    if (!(err = g_private_get(&publicError))) {
        err = g_new0(virError, 1);
        g_private_set(&publicError, err);
    }
    virErrorFillPublic(err, last);
    return err;
}

int
virGetLastErrorCode(void)
{
    const virErrorInfo *last = virErrorGetLast();

    return last ? last->code : VIR_ERR_OK;
}

int
virGetLastErrorDomain(void)
{
    const virErrorInfo *last = virErrorGetLast();

    return last ? last->domain : VIR_FROM_NONE;
}

const char *
virGetLastErrorMessage(void)
{
    virErrorPtr err = virGetLastError();

    if (!err)
        return "no error";
    return err->message ? err->message : "unknown error";
}

void
virResetLastError(void)
{
    virErrorReset();
}

int
virCopyLastError(virErrorPtr to)
{
    virErrorPtr err = virGetLastError();

    if (!to)
        return -1;
    if (!err) {
        virResetError(to);
        return 0;
    }
    virErrorCopyPublic(err, to);
    return to->code;
}

virErrorPtr
virSaveLastError(void)
{
    virErrorPtr copy = g_new0(virError, 1);

    virCopyLastError(copy);
    return copy;
}

void
virResetError(virErrorPtr err)
{
    if (!err)
        return;
    g_free(err->message);
    g_free(err->str1);
    g_free(err->str2);
    g_free(err->str3);
    memset(err, 0, sizeof(*err));
}

void
virFreeError(virErrorPtr err)
{
    virResetError(err);
    g_free(err);
}

/* libvirt has no public virCopyError: this one stays inside. */
static int
virErrorCopyPublic(virErrorPtr from, virErrorPtr to)
{
    if (!to)
        return -1;
    virResetError(to);
    if (!from)
        return 0;
    to->code = from->code;
    to->domain = from->domain;
    to->level = from->level;
    to->message = g_strdup(from->message);
    to->str1 = g_strdup(from->str1);
    to->str2 = g_strdup(from->str2);
    to->str3 = g_strdup(from->str3);
    to->int1 = from->int1;
    to->int2 = from->int2;
    return to->code;
}

/* The names libvirt prints for error domains in its default handler. */
static const char *
virErrorDomainName(int domain)
{
    switch (domain) {
    case VIR_FROM_NONE: return "";
    case VIR_FROM_RPC: return "RPC";
    case VIR_FROM_CONF: return "Config File";
    case VIR_FROM_QEMU: return "QEMU Driver";
    case VIR_FROM_REMOTE: return "Remote";
    case VIR_FROM_LXC: return "Linux Container Driver";
    case VIR_FROM_STORAGE: return "Storage Driver";
    case VIR_FROM_NETWORK: return "Network Driver";
    case VIR_FROM_DOMAIN: return "Domain Config";
    case VIR_FROM_NODEDEV: return "Node Device Driver";
    case VIR_FROM_SECRET: return "Secrets Driver";
    case VIR_FROM_NWFILTER: return "Network Filter Driver";
    case VIR_FROM_STREAMS: return "Streams";
    case VIR_FROM_URI: return "URI Utils";
    case VIR_FROM_AUTH: return "Auth Utils";
    case VIR_FROM_ACCESS: return "Access Manager";
    default: return "";
    }
}

void
virDefaultErrorFunc(virErrorPtr err)
{
    const char *dom;

    if (!err || err->code == VIR_ERR_OK)
        return;
    dom = virErrorDomainName(err->domain);
    fprintf(stderr, "libvirt: %s%s%s : %s\n", dom, *dom ? " " : "",
            err->level == VIR_ERR_WARNING ? "warning" : "error",
            err->message ? err->message : "unknown error");
}

void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    g_mutex_lock(&handlerLock);
    globalHandler = handler;
    globalUserData = userData;
    g_mutex_unlock(&handlerLock);
}

void
virConnSetErrorFunc(virConnectPtr conn, void *userData, virErrorFunc handler)
{
    if (!conn)
        return;
    g_mutex_lock(&conn->lock);
    conn->handler = handler;
    conn->userData = userData;
    g_mutex_unlock(&conn->lock);
}

virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    return conn ? &conn->err : NULL;
}

int
virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
{
    int code;

    if (!conn || !to)
        return -1;
    g_mutex_lock(&conn->lock);
    code = conn->err.code ? virErrorCopyPublic(&conn->err, to) : 0;
    g_mutex_unlock(&conn->lock);
    return code;
}

void
virConnResetLastError(virConnectPtr conn)
{
    if (!conn)
        return;
    g_mutex_lock(&conn->lock);
    virResetError(&conn->err);
    g_mutex_unlock(&conn->lock);
}

void
virDispatchError(virConnectPtr conn)
{
    virErrorPtr err = virGetLastError();
    virErrorFunc handler;
    void *userData;

    /* Every failing API leaves an error, even when a lower layer forgot. */
    if (!err) {
        virErrorReportFull(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, "%s",
                           "unexpected failure without an error");
        err = virGetLastError();
    }

    g_mutex_lock(&handlerLock);
    handler = globalHandler;
    userData = globalUserData;
    g_mutex_unlock(&handlerLock);

    if (conn) {
        g_mutex_lock(&conn->lock);
        virErrorCopyPublic(err, &conn->err);
        if (conn->handler) {
            handler = conn->handler;
            userData = conn->userData;
        }
        g_mutex_unlock(&conn->lock);
    }
    if (handler)
        handler(userData, err);
    else
        virDefaultErrorFunc(err);
}
