#include "virnettls.h"

#include <fnmatch.h>
#include <string.h>
#include <unistd.h>
#include <gnutls/x509.h>

#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_RPC

VIR_LOG_INIT("rpc.nettls");

void
virNetTLSConfigClear(virNetTLSConfig *cfg)
{
    g_clear_pointer(&cfg->caCert, g_free);
    g_clear_pointer(&cfg->cert, g_free);
    g_clear_pointer(&cfg->key, g_free);
    g_clear_pointer(&cfg->crl, g_free);
    g_clear_pointer(&cfg->priority, g_free);
}

static char *
virNetTLSPath(const char *root, const char *path)
{
    return root ? g_build_filename(root, path, NULL) : g_strdup(path);
}

void
virNetTLSConfigClientDefaults(virNetTLSConfig *cfg, const char *pkipath, const char *root)
{
    if (pkipath) {
        cfg->caCert = g_build_filename(pkipath, "cacert.pem", NULL);
        cfg->cert = g_build_filename(pkipath, "clientcert.pem", NULL);
        cfg->key = g_build_filename(pkipath, "clientkey.pem", NULL);
    } else if (geteuid() == 0) {
        cfg->caCert = virNetTLSPath(root, "/etc/pki/CA/cacert.pem");
        cfg->cert = virNetTLSPath(root, "/etc/pki/libvirt/clientcert.pem");
        cfg->key = virNetTLSPath(root, "/etc/pki/libvirt/private/clientkey.pem");
    } else {
        g_autofree char *dir = g_build_filename(g_get_home_dir(), ".pki", "libvirt", NULL);

        cfg->caCert = g_build_filename(dir, "cacert.pem", NULL);
        cfg->cert = g_build_filename(dir, "clientcert.pem", NULL);
        cfg->key = g_build_filename(dir, "clientkey.pem", NULL);
    }
    if (!cfg->priority)
        cfg->priority = g_strdup("NORMAL");
}

static int
virNetTLSCheck(int rc, const char *what)
{
    if (rc >= 0)
        return 0;
    virReportError(VIR_ERR_SYSTEM_ERROR, "%s: %s", what, gnutls_strerror(rc));
    return -1;
}

/* Names why a certificate was refused, in words an administrator can act on. */
static int
virNetTLSVerifyPeer(gnutls_session_t session, const char *hostname)
{
    unsigned int status = 0;
    gnutls_datum_t text = { 0 };
    int rc;

    rc = gnutls_certificate_verify_peers3(session, hostname, &status);
    if (rc < 0)
        return virNetTLSCheck(rc, "Unable to verify TLS peer");
    if (status == 0)
        return 0;
    gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &text, 0);
    virReportError(VIR_ERR_AUTH_FAILED,
                   "server certificate for '%s' failed verification: %s", hostname,
                   text.data ? (const char *)text.data : "unknown reason");
    gnutls_free(text.data);
    return -1;
}

int
virNetTLSClientHandshake(int fd, const char *hostname, const virNetTLSConfig *cfg,
                         gnutls_session_t *session, gnutls_certificate_credentials_t *creds)
{
    gnutls_session_t s = NULL;
    gnutls_certificate_credentials_t c = NULL;
    const char *errpos = NULL;
    int rc;

    *session = NULL;
    *creds = NULL;
    if (virNetTLSCheck(gnutls_certificate_allocate_credentials(&c),
                       "Unable to allocate TLS credentials") < 0)
        return -1;
    if (!virFileExists(cfg->caCert)) {
        virReportError(VIR_ERR_SYSTEM_ERROR,
                       "Cannot read CA certificate '%s': No such file or directory", cfg->caCert);
        goto error;
    }
    if (virNetTLSCheck(gnutls_certificate_set_x509_trust_file(c, cfg->caCert,
                                                              GNUTLS_X509_FMT_PEM),
                       "Unable to set x509 CA certificate") < 0)
        goto error;
    if (cfg->crl && virFileExists(cfg->crl) &&
        virNetTLSCheck(gnutls_certificate_set_x509_crl_file(c, cfg->crl, GNUTLS_X509_FMT_PEM),
                       "Unable to set x509 certificate revocation list") < 0)
        goto error;
    /* Our own certificate is optional: a server may not ask for one. */
    if (cfg->cert && cfg->key && virFileExists(cfg->cert) && virFileExists(cfg->key) &&
        virNetTLSCheck(gnutls_certificate_set_x509_key_file(c, cfg->cert, cfg->key,
                                                            GNUTLS_X509_FMT_PEM),
                       "Unable to set x509 key and certificate") < 0)
        goto error;

    if (virNetTLSCheck(gnutls_init(&s, GNUTLS_CLIENT), "Failed to initialize TLS session") < 0)
        goto error;
    rc = gnutls_priority_set_direct(s, cfg->priority ? cfg->priority : "NORMAL", &errpos);
    if (rc < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Failed to set TLS session priority to %s: %s",
                       cfg->priority, gnutls_strerror(rc));
        goto error;
    }
    if (virNetTLSCheck(gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE, c),
                       "Failed to set TLS session credentials") < 0)
        goto error;
    if (hostname && *hostname)
        gnutls_server_name_set(s, GNUTLS_NAME_DNS, hostname, strlen(hostname));
    gnutls_transport_set_int(s, fd);

    do {
        rc = gnutls_handshake(s);
    } while (rc < 0 && !gnutls_error_is_fatal(rc));
    if (rc < 0) {
        virReportError(VIR_ERR_AUTH_FAILED, "TLS handshake failed: %s", gnutls_strerror(rc));
        goto error;
    }
    if (!cfg->noVerify && virNetTLSVerifyPeer(s, hostname) < 0)
        goto error;

    /* A libvirt TLS server sends one byte once it has checked our
     * certificate: 1 means accepted. */
    {
        char confirm = 0;

        do {
            rc = gnutls_record_recv(s, &confirm, 1);
        } while (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED);
        if (rc != 1) {
            virReportError(VIR_ERR_RPC, "Unable to read TLS confirmation: %s",
                           rc < 0 ? gnutls_strerror(rc) : "the server closed the connection");
            goto error;
        }
        if (confirm != 1) {
            virReportError(VIR_ERR_RPC, "%s",
                           "server verification (of our certificate or IP address) failed");
            goto error;
        }
    }

    *session = s;
    *creds = c;
    return 0;

 error:
    if (s)
        gnutls_deinit(s);
    gnutls_certificate_free_credentials(c);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Server side                                                         */

struct _virNetTLSServer {
    gnutls_certificate_credentials_t creds;
    gnutls_priority_t priority;
    char **allowedDNs;
    bool noVerify;
};

void
virNetTLSServerFree(virNetTLSServer *srv)
{
    if (!srv)
        return;
    if (srv->creds)
        gnutls_certificate_free_credentials(srv->creds);
    if (srv->priority)
        gnutls_priority_deinit(srv->priority);
    g_strfreev(srv->allowedDNs);
    g_free(srv);
}

static int
virNetTLSRequireFile(const char *what, const char *path)
{
    if (path && virFileExists(path))
        return 0;
    virReportError(VIR_ERR_SYSTEM_ERROR, "Cannot read %s '%s': No such file or directory",
                   what, path ? path : "(unset)");
    return -1;
}

virNetTLSServer *
virNetTLSServerNew(const virNetTLSConfig *cfg, char **allowedDNs)
{
    virNetTLSServer *srv = g_new0(virNetTLSServer, 1);
    const char *errpos = NULL;
    int rc;

    srv->allowedDNs = g_strdupv(allowedDNs);
    srv->noVerify = cfg->noVerify;
    if (virNetTLSRequireFile("CA certificate", cfg->caCert) < 0 ||
        virNetTLSRequireFile("server certificate", cfg->cert) < 0 ||
        virNetTLSRequireFile("server key", cfg->key) < 0 ||
        virNetTLSCheck(gnutls_certificate_allocate_credentials(&srv->creds),
                       "Unable to allocate TLS credentials") < 0 ||
        virNetTLSCheck(gnutls_certificate_set_x509_trust_file(srv->creds, cfg->caCert,
                                                              GNUTLS_X509_FMT_PEM),
                       "Unable to set x509 CA certificate") < 0 ||
        virNetTLSCheck(gnutls_certificate_set_x509_key_file(srv->creds, cfg->cert, cfg->key,
                                                            GNUTLS_X509_FMT_PEM),
                       "Unable to set x509 key and certificate") < 0)
        goto error;
    if (cfg->crl && virFileExists(cfg->crl) &&
        virNetTLSCheck(gnutls_certificate_set_x509_crl_file(srv->creds, cfg->crl,
                                                            GNUTLS_X509_FMT_PEM),
                       "Unable to set x509 certificate revocation list") < 0)
        goto error;
    rc = gnutls_priority_init(&srv->priority, cfg->priority ? cfg->priority : "NORMAL", &errpos);
    if (rc < 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, "Failed to set TLS priority to %s: %s",
                       cfg->priority, gnutls_strerror(rc));
        goto error;
    }
    return srv;

 error:
    virNetTLSServerFree(srv);
    return NULL;
}

/* The client's certificate: present, valid for our CA, on the list. */
static int
virNetTLSServerCheckClient(virNetTLSServer *srv, gnutls_session_t s, char **dn)
{
    const gnutls_datum_t *certs;
    unsigned int ncerts = 0;
    unsigned int status = 0;
    gnutls_x509_crt_t crt = NULL;
    gnutls_datum_t name = { 0 };
    size_t i;
    int rc;

    if ((rc = gnutls_certificate_verify_peers2(s, &status)) < 0)
        return virNetTLSCheck(rc, "Unable to verify TLS peer");
    if (!(certs = gnutls_certificate_get_peers(s, &ncerts)) || ncerts == 0) {
        virReportError(VIR_ERR_AUTH_FAILED, "%s", "The client provided no certificate");
        return -1;
    }
    if (status != 0) {
        virReportError(VIR_ERR_AUTH_FAILED, "%s",
                       "The client certificate is not trusted (wrong CA, expired or revoked)");
        return -1;
    }
    if (gnutls_x509_crt_init(&crt) < 0 ||
        gnutls_x509_crt_import(crt, &certs[0], GNUTLS_X509_FMT_DER) < 0 ||
        gnutls_x509_crt_get_dn3(crt, &name, GNUTLS_X509_DN_FLAG_COMPAT) < 0) {
        if (crt)
            gnutls_x509_crt_deinit(crt);
        virReportError(VIR_ERR_AUTH_FAILED, "%s", "Unable to read the client certificate");
        return -1;
    }
    *dn = g_strndup((const char *)name.data, name.size);
    gnutls_free(name.data);
    gnutls_x509_crt_deinit(crt);

    if (!srv->allowedDNs)
        return 0;
    for (i = 0; srv->allowedDNs[i]; i++) {
        if (fnmatch(srv->allowedDNs[i], *dn, 0) == 0)
            return 0;
    }
    virReportError(VIR_ERR_AUTH_FAILED,
                   "Client's Distinguished Name is not on the list of allowed clients (tls_allowed_dn_list): %s",
                   *dn);
    return -1;
}

int
virNetTLSServerHandshake(virNetTLSServer *srv, int fd, gnutls_session_t *session, char **dn)
{
    gnutls_session_t s = NULL;
    char confirm = 1;
    int rc;

    *session = NULL;
    *dn = NULL;
    if (virNetTLSCheck(gnutls_init(&s, GNUTLS_SERVER), "Failed to initialize TLS session") < 0)
        return -1;
    if (virNetTLSCheck(gnutls_priority_set(s, srv->priority), "Failed to set TLS priority") < 0 ||
        virNetTLSCheck(gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE, srv->creds),
                       "Failed to set TLS credentials") < 0)
        goto error;
    gnutls_certificate_server_set_request(s, srv->noVerify ? GNUTLS_CERT_REQUEST :
                                                             GNUTLS_CERT_REQUIRE);
    gnutls_transport_set_int(s, fd);
    do {
        rc = gnutls_handshake(s);
    } while (rc < 0 && !gnutls_error_is_fatal(rc));
    if (rc < 0) {
        virReportError(VIR_ERR_AUTH_FAILED, "TLS handshake failed: %s", gnutls_strerror(rc));
        goto error;
    }
    if (!srv->noVerify && virNetTLSServerCheckClient(srv, s, dn) < 0) {
        confirm = 0;
        gnutls_record_send(s, &confirm, 1);
        goto error;
    }
    if (gnutls_record_send(s, &confirm, 1) != 1) {
        virReportError(VIR_ERR_AUTH_FAILED, "%s", "Unable to send TLS confirmation");
        goto error;
    }
    *session = s;
    return 0;

 error:
    g_clear_pointer(dn, g_free);
    gnutls_deinit(s);
    return -1;
}
