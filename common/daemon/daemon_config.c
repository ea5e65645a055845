#include "daemon_config.h"

#include <string.h>

#include "virconf.h"
#include "virfile.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_CONF

VIR_LOG_INIT("daemon.config");

virDaemonConfig *
virDaemonConfigNew(void)
{
    virDaemonConfig *cfg = g_new0(virDaemonConfig, 1);

    /* Without polkit the read-write socket is root-only, as libvirt does. */
    cfg->unixSockRoPerms = 0777;
    cfg->unixSockRwPerms = 0700;
    cfg->unixSockAdminPerms = 0700;

    cfg->maxClients = 5000;
    cfg->maxQueuedClients = 1000;
    cfg->maxAnonymousClients = 20;
    cfg->minWorkers = 5;
    cfg->maxWorkers = 20;
    cfg->prioWorkers = 5;
    cfg->maxClientRequests = 5;

    cfg->adminMinWorkers = 1;
    cfg->adminMaxWorkers = 5;
    cfg->adminMaxClients = 5;
    cfg->adminMaxQueuedClients = 5;
    cfg->adminMaxClientRequests = 5;
    cfg->adminKeepaliveInterval = 5;
    cfg->adminKeepaliveCount = 5;

    cfg->logLevel = 0;
    cfg->keepaliveInterval = 5;
    cfg->keepaliveCount = 5;

    cfg->tcpPort = g_strdup("16509");
    cfg->tlsPort = g_strdup("16514");
    cfg->authTcp = g_strdup("sasl");
    cfg->authTls = g_strdup("none");
    cfg->keyFile = virFileRootPath("/etc/pki/libvirt/private/serverkey.pem");
    cfg->certFile = virFileRootPath("/etc/pki/libvirt/servercert.pem");
    cfg->caFile = virFileRootPath("/etc/pki/CA/cacert.pem");
    cfg->crlFile = virFileRootPath("/etc/pki/CA/cacrl.pem");
    cfg->tlsPriority = g_strdup("NORMAL");
    return cfg;
}

void
virDaemonConfigFree(virDaemonConfig *cfg)
{
    if (!cfg)
        return;
    g_free(cfg->unixSockGroup);
    g_free(cfg->unixSockDir);
    g_free(cfg->logFilters);
    g_free(cfg->logOutputs);
    g_free(cfg->tcpPort);
    g_free(cfg->tlsPort);
    g_free(cfg->listenAddr);
    g_free(cfg->authTcp);
    g_free(cfg->authTls);
    g_free(cfg->keyFile);
    g_free(cfg->certFile);
    g_free(cfg->caFile);
    g_free(cfg->crlFile);
    g_strfreev(cfg->tlsAllowedDNList);
    g_free(cfg->tlsPriority);
    g_free(cfg);
}

static int
virDaemonConfigGetPerms(virConf *conf, const char *key, mode_t *perms)
{
    g_autofree char *str = NULL;
    char *end;
    unsigned long val;
    int rc;

    if ((rc = virConfGetString(conf, key, &str)) <= 0)
        return rc;
    val = strtoul(str, &end, 8);
    if (end == str || *end || val > 07777) {
        virReportError(VIR_ERR_CONF_SYNTAX, "Failed to parse mode '%s' of '%s'", str, key);
        return -1;
    }
    *perms = val;
    return 1;
}

/* Keys libvirt's daemons accept that we read but do not act on yet, or
 * that only mean something to another daemon. */
static const char *const ipOnlyKeys[] = {
    "listen_tls", "listen_tcp", "tls_port", "tcp_port", "listen_addr",
    "auth_tcp", "auth_tls", "tcp_min_ssf", "key_file", "cert_file", "ca_file",
    "crl_file", "tls_no_sanity_certificate", "tls_no_verify_certificate",
    "tls_allowed_dn_list", "tls_priority", "sasl_allowed_username_list",
    NULL,
};

static int
virDaemonConfigLoadIP(virDaemonConfig *cfg, virConf *conf, const char *path)
{
    if (virConfGetBool(conf, "listen_tcp", &cfg->listenTcp) < 0 ||
        virConfGetBool(conf, "listen_tls", &cfg->listenTls) < 0 ||
        virConfGetString(conf, "tcp_port", &cfg->tcpPort) < 0 ||
        virConfGetString(conf, "tls_port", &cfg->tlsPort) < 0 ||
        virConfGetString(conf, "listen_addr", &cfg->listenAddr) < 0 ||
        virConfGetString(conf, "auth_tcp", &cfg->authTcp) < 0 ||
        virConfGetString(conf, "auth_tls", &cfg->authTls) < 0 ||
        virConfGetString(conf, "key_file", &cfg->keyFile) < 0 ||
        virConfGetString(conf, "cert_file", &cfg->certFile) < 0 ||
        virConfGetString(conf, "ca_file", &cfg->caFile) < 0 ||
        virConfGetString(conf, "crl_file", &cfg->crlFile) < 0 ||
        virConfGetBool(conf, "tls_no_verify_certificate", &cfg->tlsNoVerifyCertificate) < 0 ||
        virConfGetStringList(conf, "tls_allowed_dn_list", &cfg->tlsAllowedDNList) < 0 ||
        virConfGetString(conf, "tls_priority", &cfg->tlsPriority) < 0)
        return -1;
    /* Only certificates authenticate here: SASL is not implemented, so a
     * plain TCP listener must be declared open on purpose. */
    if (cfg->listenTcp && strcmp(cfg->authTcp, "none") != 0) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       "%s: listen_tcp needs auth_tcp = \"none\" (SASL is not supported); plain TCP has no authentication, prefer listen_tls",
                       path);
        return -1;
    }
    if (strcmp(cfg->authTls, "none") != 0) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       "%s: only auth_tls = \"none\" is supported (x509 client certificates are the authentication)",
                       path);
        return -1;
    }
    return 0;
}

int
virDaemonConfigLoadFile(virDaemonConfig *cfg, const char *path,
                        const char *daemonName, bool ipListen)
{
    g_autoptr(virConf) conf = NULL;
    g_auto(GStrv) unused = NULL;
    g_autofree char *authRo = NULL;
    g_autofree char *authRw = NULL;
    size_t i;

    if (!(conf = virConfReadFile(path, true)))
        return -1;

    if (virConfGetString(conf, "unix_sock_group", &cfg->unixSockGroup) < 0 ||
        virDaemonConfigGetPerms(conf, "unix_sock_ro_perms", &cfg->unixSockRoPerms) < 0 ||
        virDaemonConfigGetPerms(conf, "unix_sock_rw_perms", &cfg->unixSockRwPerms) < 0 ||
        virDaemonConfigGetPerms(conf, "unix_sock_admin_perms", &cfg->unixSockAdminPerms) < 0 ||
        virConfGetString(conf, "unix_sock_dir", &cfg->unixSockDir) < 0 ||
        virConfGetString(conf, "auth_unix_ro", &authRo) < 0 ||
        virConfGetString(conf, "auth_unix_rw", &authRw) < 0 ||
        virConfGetUInt(conf, "max_clients", &cfg->maxClients) < 0 ||
        virConfGetUInt(conf, "max_queued_clients", &cfg->maxQueuedClients) < 0 ||
        virConfGetUInt(conf, "max_anonymous_clients", &cfg->maxAnonymousClients) < 0 ||
        virConfGetUInt(conf, "min_workers", &cfg->minWorkers) < 0 ||
        virConfGetUInt(conf, "max_workers", &cfg->maxWorkers) < 0 ||
        virConfGetUInt(conf, "prio_workers", &cfg->prioWorkers) < 0 ||
        virConfGetUInt(conf, "max_client_requests", &cfg->maxClientRequests) < 0 ||
        virConfGetUInt(conf, "admin_min_workers", &cfg->adminMinWorkers) < 0 ||
        virConfGetUInt(conf, "admin_max_workers", &cfg->adminMaxWorkers) < 0 ||
        virConfGetUInt(conf, "admin_max_clients", &cfg->adminMaxClients) < 0 ||
        virConfGetUInt(conf, "admin_max_queued_clients", &cfg->adminMaxQueuedClients) < 0 ||
        virConfGetUInt(conf, "admin_max_client_requests", &cfg->adminMaxClientRequests) < 0 ||
        virConfGetInt(conf, "admin_keepalive_interval", &cfg->adminKeepaliveInterval) < 0 ||
        virConfGetUInt(conf, "admin_keepalive_count", &cfg->adminKeepaliveCount) < 0 ||
        virConfGetInt(conf, "log_level", &cfg->logLevel) < 0 ||
        virConfGetString(conf, "log_filters", &cfg->logFilters) < 0 ||
        virConfGetString(conf, "log_outputs", &cfg->logOutputs) < 0 ||
        virConfGetInt(conf, "keepalive_interval", &cfg->keepaliveInterval) < 0 ||
        virConfGetUInt(conf, "keepalive_count", &cfg->keepaliveCount) < 0 ||
        virConfGetUInt(conf, "idle_timeout", &cfg->idleTimeout) < 0 ||
        virConfGetBool(conf, "autostart_secondary_daemons", &cfg->autostartSecondary) < 0)
        return -1;

    if (cfg->maxWorkers < 1) {
        virReportError(VIR_ERR_CONF_SYNTAX, "%s: max_workers must be at least 1", path);
        return -1;
    }
    if (cfg->maxClientRequests < 1) {
        virReportError(VIR_ERR_CONF_SYNTAX, "%s: max_client_requests must be at least 1", path);
        return -1;
    }
    /* Only "none" exists here: say so instead of quietly letting anyone in. */
    if ((authRo && strcmp(authRo, "none") != 0) ||
        (authRw && strcmp(authRw, "none") != 0)) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       "%s: only auth_unix_ro/auth_unix_rw = \"none\" is supported; access is controlled by the socket permissions",
                       path);
        return -1;
    }

    if (ipListen && virDaemonConfigLoadIP(cfg, conf, path) < 0)
        return -1;

    unused = virConfUnusedKeys(conf);
    for (i = 0; unused[i]; i++) {
        if (g_strv_contains(ipOnlyKeys, unused[i]))
            VIR_WARN("%s: '%s' is ignored: %s does not listen on TCP/TLS; use virtproxyd for remote access",
                     path, unused[i], daemonName);
        else
            VIR_WARN("%s: unknown setting '%s' is ignored", path, unused[i]);
    }
    return 0;
}
