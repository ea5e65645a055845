/* TLS with x509 certificates (gnutls), as libvirt's TLS transport uses
 * them: a CA, our certificate and key, and the peer's certificate checked
 * against the CA and, on the client, the host name. */
#pragma once

#include "internal.h"
#include <gnutls/gnutls.h>

typedef struct {
    char *caCert;       /* cacert.pem */
    char *cert;         /* clientcert.pem / servercert.pem */
    char *key;          /* clientkey.pem / serverkey.pem */
    char *crl;          /* optional */
    char *priority;     /* gnutls priority string, "NORMAL" by default */
    bool noVerify;      /* skip checking the peer (libvirt's no_verify=1) */
} virNetTLSConfig;

void virNetTLSConfigClear(virNetTLSConfig *cfg);

/* Where a client finds its files: pkipath when given, else the system
 * locations for root (/etc/pki/CA/cacert.pem, /etc/pki/libvirt/...) or
 * ~/.pki/libvirt for others, all under root when set. */
void virNetTLSConfigClientDefaults(virNetTLSConfig *cfg, const char *pkipath,
                                   const char *root);

/* Handshakes over the connected fd, checks the server's certificate and
 * reads the server's one-byte confirmation that ours was accepted; on
 * success *session is ready for gnutls_record_send/recv. -1 with an error
 * reported (certificate problems are named). */
int virNetTLSClientHandshake(int fd, const char *hostname, const virNetTLSConfig *cfg,
                             gnutls_session_t *session,
                             gnutls_certificate_credentials_t *creds);

/* ---- server side ---- */

typedef struct _virNetTLSServer virNetTLSServer;

/* Credentials of a TLS listener. allowedDNs (NULL: any) are glob patterns
 * matched against the client certificate's distinguished name written
 * "C=..,O=..,CN=.." as libvirt writes it. -1 / NULL with an error reported
 * (a missing file is named). */
virNetTLSServer *virNetTLSServerNew(const virNetTLSConfig *cfg, char **allowedDNs);
void virNetTLSServerFree(virNetTLSServer *srv);

/* Blocking handshake on an accepted fd (the caller bounds it with a socket
 * timeout), client certificate check, then the one-byte confirmation
 * libvirt clients wait for. *dn gets the client's name. -1 with an error
 * reported when the client is refused. */
int virNetTLSServerHandshake(virNetTLSServer *srv, int fd, gnutls_session_t *session,
                             char **dn);
