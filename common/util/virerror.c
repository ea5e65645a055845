#include "virerror.h"

#include <errno.h>
#include <string.h>

#include "virlog.h"

VIR_LOG_INIT("util.error");

static GPrivate lastError = G_PRIVATE_INIT((GDestroyNotify)virErrorInfoFree);

void
virErrorInfoFree(virErrorInfo *err)
{
    if (!err)
        return;
    g_free(err->message);
    g_free(err->str1);
    g_free(err->str2);
    g_free(err->str3);
    g_free(err);
}

/* Prefixes: with and without detail text. */
typedef struct {
    int code;
    const char *withInfo;
    const char *noInfo;
} virErrorFormat;

static const virErrorFormat errorFormats[] = {
    { VIR_ERR_INTERNAL_ERROR, "internal error: %s", "internal error" },
    { VIR_ERR_NO_SUPPORT, "this function is not supported by the connection driver: %s",
      "this function is not supported by the connection driver" },
    { VIR_ERR_NO_CONNECT, "no connection driver available for %s", "no connection driver available" },
    { VIR_ERR_INVALID_CONN, "invalid connection pointer in %s", "invalid connection pointer in" },
    { VIR_ERR_INVALID_DOMAIN, "invalid domain pointer in %s", "invalid domain pointer in" },
    { VIR_ERR_INVALID_ARG, "invalid argument: %s", "invalid argument" },
    { VIR_ERR_OPERATION_FAILED, "operation failed: %s", "operation failed" },
    { VIR_ERR_NO_KERNEL, "missing kernel information: %s", "missing kernel information" },
    { VIR_ERR_NO_NAME, "missing name information in %s", "missing name information" },
    { VIR_ERR_NO_OS, "missing operating system information for %s", "missing operating system information" },
    { VIR_ERR_NO_DEVICE, "missing devices information for %s", "missing devices information" },
    { VIR_ERR_XML_ERROR, "XML error: %s", "XML description is invalid or not well formed" },
    { VIR_ERR_DOM_EXIST, "domain %s exists already", "this domain exists already" },
    { VIR_ERR_OPERATION_DENIED, "operation forbidden: %s", "operation forbidden" },
    { VIR_ERR_OPEN_FAILED, "failed to open configuration file %s", "failed to open configuration file" },
    { VIR_ERR_READ_FAILED, "failed to read configuration file %s", "failed to read configuration file" },
    { VIR_ERR_PARSE_FAILED, "failed to parse configuration file %s", "failed to parse configuration file" },
    { VIR_ERR_CONF_SYNTAX, "configuration file syntax error: %s", "configuration file syntax error" },
    { VIR_ERR_WRITE_FAILED, "failed to write configuration file: %s", "failed to write configuration file" },
    { VIR_ERR_XML_DETAIL, "%s", "parser error" },
    { VIR_ERR_SYSTEM_ERROR, "%s", "system error" },
    { VIR_ERR_RPC, "%s", "RPC error" },
    { VIR_ERR_NO_DOMAIN, "Domain not found: %s", "Domain not found" },
    { VIR_ERR_NO_DOMAIN_SNAPSHOT, "Domain snapshot not found: %s", "Domain snapshot not found" },
    { VIR_ERR_SNAPSHOT_REVERT_RISKY, "revert requires force: %s", "revert requires force" },
    { VIR_ERR_AUTH_FAILED, "authentication failed: %s", "authentication failed" },
    { VIR_ERR_NO_SECURITY_MODEL, "Security model not found: %s", "Security model not found" },
    { VIR_ERR_OPERATION_INVALID, "Requested operation is not valid: %s", "Requested operation is not valid" },
    { VIR_ERR_INVALID_SECRET, "Invalid secret: %s", "Invalid secret" },
    { VIR_ERR_NO_SECRET, "Secret not found: %s", "Secret not found" },
    { VIR_ERR_NO_NETWORK, "Network not found: %s", "Network not found" },
    { VIR_ERR_NETWORK_EXIST, "network %s exists already", "this network exists already" },
    { VIR_ERR_INVALID_NETWORK, "invalid network pointer in %s", "invalid network pointer in" },
    { VIR_ERR_NO_NETWORK_PORT, "network port not found: %s", "network port not found" },
    { VIR_ERR_NETWORK_PORT_EXIST, "network port %s exists already",
      "this network port exists already" },
    { VIR_ERR_INVALID_NETWORK_PORT, "invalid network port pointer in %s",
      "invalid network port pointer in" },
    { VIR_ERR_AGENT_UNRESPONSIVE, "Guest agent is not responding: %s",
      "Guest agent is not responding" },
    { VIR_ERR_NO_STORAGE_POOL, "Storage pool not found: %s", "Storage pool not found" },
    { VIR_ERR_NO_STORAGE_VOL, "Storage volume not found: %s", "Storage volume not found" },
    { VIR_ERR_INVALID_STORAGE_POOL, "invalid storage pool pointer in %s",
      "invalid storage pool pointer in" },
    { VIR_ERR_INVALID_STORAGE_VOL, "invalid storage volume pointer in %s",
      "invalid storage volume pointer in" },
    { VIR_ERR_STORAGE_POOL_BUILT, "storage pool already built: %s", "storage pool already built" },
    { VIR_ERR_STORAGE_VOL_EXIST, "storage volume %s exists already",
      "this storage volume exists already" },
    { VIR_ERR_STORAGE_PROBE_FAILED, "Storage pool probe failed: %s",
      "Storage pool probe failed" },
    { VIR_ERR_CONFIG_UNSUPPORTED, "unsupported configuration: %s", "unsupported configuration" },
    { VIR_ERR_OPERATION_TIMEOUT, "Timed out during operation: %s", "Timed out during operation" },
    { VIR_ERR_ARGUMENT_UNSUPPORTED, "argument unsupported: %s", "argument unsupported" },
    { VIR_ERR_NO_DOMAIN_METADATA, "metadata not found: %s", "metadata not found" },
    { VIR_ERR_OVERFLOW, "value too large: %s", "value too large" },
    { VIR_ERR_OPERATION_UNSUPPORTED, "Operation not supported: %s", "Operation not supported" },
    { VIR_ERR_DEVICE_MISSING, "device not found: %s", "device not found" },
    { VIR_ERR_RESOURCE_BUSY, "resource busy: %s", "resource busy" },
    { VIR_ERR_ACCESS_DENIED, "access denied: %s", "access denied" },
    { VIR_ERR_AUTH_UNAVAILABLE, "authentication unavailable: %s", "authentication unavailable" },
    { VIR_ERR_XML_INVALID_SCHEMA, "XML document failed to validate against schema: %s",
      "XML document failed to validate against schema" },
};

const char *
virErrorCodeFormat(int code, bool withInfo)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(errorFormats); i++) {
        if (errorFormats[i].code == code)
            return withInfo ? errorFormats[i].withInfo : errorFormats[i].noInfo;
    }
    return withInfo ? "%s" : "unknown error";
}

static void
virErrorStore(int domain, int code, char *detail)
{
    virErrorInfo *err = g_new0(virErrorInfo, 1);
    const char *fmt = virErrorCodeFormat(code, detail != NULL);

    err->code = code;
    err->domain = domain;
    err->level = VIR_ERR_ERROR;
    err->str1 = g_strdup(fmt);
    err->str2 = detail;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    err->message = detail ? g_strdup_printf(fmt, detail) : g_strdup(fmt);
#pragma GCC diagnostic pop
    err->int1 = -1;
    err->int2 = -1;

    VIR_INFO("error %d (domain %d): %s", code, domain, err->message);
    g_private_replace(&lastError, err);
}

void
virErrorReportFull(int domain, int code, const char *fmt, ...)
{
    va_list ap;
    char *detail = NULL;

    if (fmt) {
        va_start(ap, fmt);
        detail = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }
    virErrorStore(domain, code, detail);
}

void
virErrorReportRaw(int domain, int code, const char *fmt, ...)
{
    virErrorInfo *err = g_new0(virErrorInfo, 1);
    va_list ap;

    va_start(ap, fmt);
    err->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    err->code = code;
    err->domain = domain;
    err->level = VIR_ERR_ERROR;
    err->str1 = g_strdup("%s");
    err->str2 = g_strdup(err->message);
    err->int1 = -1;
    err->int2 = -1;
    VIR_INFO("error %d (domain %d): %s", code, domain, err->message);
    g_private_replace(&lastError, err);
}

void
virErrorReportSystemFull(int domain, int errnum, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *what = NULL;

    va_start(ap, fmt);
    what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    virErrorStore(domain, VIR_ERR_SYSTEM_ERROR,
                  g_strdup_printf("%s: %s", what, g_strerror(errnum)));
}

const virErrorInfo *
virErrorGetLast(void)
{
    return g_private_get(&lastError);
}

static virErrorInfo *
virErrorCopy(const virErrorInfo *src)
{
    virErrorInfo *err = g_new0(virErrorInfo, 1);

    *err = *src;
    err->message = g_strdup(src->message);
    err->str1 = g_strdup(src->str1);
    err->str2 = g_strdup(src->str2);
    err->str3 = g_strdup(src->str3);
    return err;
}

virErrorInfo *
virErrorCopyLast(void)
{
    const virErrorInfo *last = virErrorGetLast();
    virErrorInfo *err;

    if (last)
        return virErrorCopy(last);

    err = g_new0(virErrorInfo, 1);
    err->code = VIR_ERR_INTERNAL_ERROR;
    err->domain = VIR_FROM_NONE;
    err->level = VIR_ERR_ERROR;
    err->message = g_strdup("An error occurred, but the cause is unknown");
    err->int1 = err->int2 = -1;
    return err;
}

void
virErrorSetLast(const virErrorInfo *err)
{
    g_private_replace(&lastError, err ? virErrorCopy(err) : NULL);
}

void
virErrorReset(void)
{
    g_private_replace(&lastError, NULL);
}

virErrorInfo *
virErrorPreserve(void)
{
    const virErrorInfo *last = virErrorGetLast();

    return last ? virErrorCopy(last) : NULL;
}

void
virErrorRestore(virErrorInfo **saved)
{
    if (!*saved)
        return;
    g_private_replace(&lastError, *saved);
    *saved = NULL;
}
