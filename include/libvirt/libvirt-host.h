/*
 * libvirt-host.h: connections and host-wide queries of the
 * libvirt-compatible client API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_HOST_H
#define VIRTD_PUBLIC_HOST_H

#include <libvirt/libvirt-common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- handles --------------------------------------------------------- */

/* A connection to one hypervisor driver. */
typedef struct _virConnect virConnect;
typedef virConnect *virConnectPtr;

/* A data channel (console, upload, download) tied to a connection. */
typedef struct _virStream virStream;
typedef virStream *virStreamPtr;

/* ---- UUIDs ----------------------------------------------------------- */

/* Size of a raw UUID and of its text form with the trailing NUL. */
#define VIR_UUID_BUFLEN (16)
#define VIR_UUID_STRING_BUFLEN (36 + 1)

/* ---- host description ------------------------------------------------ */

/* Hardware summary filled in by virNodeGetInfo(). */
typedef struct _virNodeInfo virNodeInfo;
typedef virNodeInfo *virNodeInfoPtr;

struct _virNodeInfo {
    char model[32];             /* CPU model, NUL-terminated */
    unsigned long memory;       /* KiB */
    unsigned int cpus;          /* CPUs online */
    unsigned int mhz;           /* 0 when unknown */
    unsigned int nodes;         /* NUMA cells */
    unsigned int sockets;       /* per cell */
    unsigned int cores;         /* per socket */
    unsigned int threads;       /* per core */
};

/* CPU count implied by the topology fields of a virNodeInfo. */
#define VIR_NODEINFO_MAXCPUS(nodeinfo) \
    ((nodeinfo).nodes * (nodeinfo).sockets * (nodeinfo).cores * \
     (nodeinfo).threads)

/* Buffer sizes of the security structures, NUL included. */
#define VIR_SECURITY_LABEL_BUFLEN (4096 + 1)
#define VIR_SECURITY_MODEL_BUFLEN (256 + 1)
#define VIR_SECURITY_DOI_BUFLEN (256 + 1)

/* A domain's security label. */
typedef struct _virSecurityLabel virSecurityLabel;
typedef virSecurityLabel *virSecurityLabelPtr;

struct _virSecurityLabel {
    char label[VIR_SECURITY_LABEL_BUFLEN];
    int enforcing;              /* 1 when the policy is enforced */
};

/* The host's security driver, filled in by virNodeGetSecurityModel(). */
typedef struct _virSecurityModel virSecurityModel;
typedef virSecurityModel *virSecurityModelPtr;

struct _virSecurityModel {
    char model[VIR_SECURITY_MODEL_BUFLEN];  /* e.g. "selinux", "" if none */
    char doi[VIR_SECURITY_DOI_BUFLEN];      /* domain of interpretation */
};

/* ---- opening a connection -------------------------------------------- */

/* Flags of virConnectOpenAuth(). */
typedef enum {
    VIR_CONNECT_RO         = 1 << 0, /* no changes allowed */
    VIR_CONNECT_NO_ALIASES = 1 << 1  /* take the URI literally */
} virConnectFlags;

/* Kinds of credential an authentication callback may be asked for. */
typedef enum {
    VIR_CRED_USERNAME     = 1, /* user to act as */
    VIR_CRED_AUTHNAME     = 2, /* user to authenticate as */
    VIR_CRED_LANGUAGE     = 3, /* RFC 1766 language list */
    VIR_CRED_CNONCE       = 4, /* client nonce */
    VIR_CRED_PASSPHRASE   = 5, /* secret */
    VIR_CRED_ECHOPROMPT   = 6, /* answer shown while typed */
    VIR_CRED_NOECHOPROMPT = 7, /* answer hidden while typed */
    VIR_CRED_REALM        = 8, /* realm */
    VIR_CRED_EXTERNAL     = 9  /* handled outside the library */
#ifdef VIR_ENUM_SENTINELS
    , VIR_CRED_LAST
#endif
} virConnectCredentialType;

/* One question put to the authentication callback, and its answer. */
typedef struct _virConnectCredential virConnectCredential;
typedef virConnectCredential *virConnectCredentialPtr;

struct _virConnectCredential {
    int type;                   /* virConnectCredentialType */
    const char *prompt;
    const char *challenge;      /* may be NULL */
    const char *defresult;      /* suggested answer, may be NULL */
    char *result;               /* malloc()ed answer set by the callback */
    unsigned int resultlen;     /* length of result */
};

/* Fills in ncred credentials; returns 0, or -1 to give up. */
typedef int (*virConnectAuthCallbackPtr)(virConnectCredentialPtr cred,
                                         unsigned int ncred,
                                         void *cbdata);

/* What the caller can answer, and the callback that answers. */
typedef struct _virConnectAuth virConnectAuth;
typedef virConnectAuth *virConnectAuthPtr;

struct _virConnectAuth {
    int *credtype;              /* virConnectCredentialType values */
    unsigned int ncredtype;
    virConnectAuthCallbackPtr cb;
    void *cbdata;
};

/* Ready-made authenticator that prompts on the terminal. */
VIR_EXPORT_VAR virConnectAuthPtr virConnectAuthPtrDefault;

/* Optional one-time setup; every entry point also does it on demand. */
int virInitialize(void);
/* Library version, and the version of driver `type` when both are given. */
int virGetVersion(unsigned long *libVer, const char *type,
                  unsigned long *typeVer);

virConnectPtr virConnectOpen(const char *name);
virConnectPtr virConnectOpenReadOnly(const char *name);
virConnectPtr virConnectOpenAuth(const char *name, virConnectAuthPtr auth,
                                 unsigned int flags);
/* Take one more reference; each needs a matching virConnectClose(). */
int virConnectRef(virConnectPtr conn);
/* Drop a reference: returns the references left, or -1 on error. */
int virConnectClose(virConnectPtr conn);

/* ---- connection properties ------------------------------------------- */

const char *virConnectGetType(virConnectPtr conn);
int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer);
/* The strings below are the caller's to free(). */
char *virConnectGetHostname(virConnectPtr conn);
char *virConnectGetURI(virConnectPtr conn);
char *virConnectGetSysinfo(virConnectPtr conn, unsigned int flags);
char *virConnectGetCapabilities(virConnectPtr conn);
int virConnectGetMaxVcpus(virConnectPtr conn, const char *type);

/* Each returns 1 for yes, 0 for no, -1 on error. */
int virConnectIsAlive(virConnectPtr conn);
int virConnectIsSecure(virConnectPtr conn);
int virConnectIsEncrypted(virConnectPtr conn);

/* ---- liveness and close notification --------------------------------- */

/* Probe every `interval` seconds, drop after `count` missed answers. */
int virConnectSetKeepAlive(virConnectPtr conn, int interval,
                           unsigned int count);

/* Told when the connection closes; reason is a virConnectCloseReason. */
typedef void (*virConnectCloseFunc)(virConnectPtr conn, int reason,
                                    void *opaque);

int virConnectRegisterCloseCallback(virConnectPtr conn,
                                    virConnectCloseFunc cb,
                                    void *opaque,
                                    virFreeCallback freecb);
int virConnectUnregisterCloseCallback(virConnectPtr conn,
                                      virConnectCloseFunc cb);

/* ---- host queries ---------------------------------------------------- */

int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
/* Free memory in bytes, 0 on error. */
unsigned long long virNodeGetFreeMemory(virConnectPtr conn);
int virNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel);

#ifdef __cplusplus
}
#endif

#endif /* VIRTD_PUBLIC_HOST_H */
