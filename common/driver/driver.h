/* What a daemon's driver provides to the RPC dispatcher: a table of entry
 * points. A NULL slot means "not supported" and is reported in one place
 * (the dispatcher), with the code clients fall back on. */
#pragma once

#include "internal.h"

#include "virerror.h"
#include "viruuid.h"

typedef struct _virConnect virConnect;
typedef struct _virHypervisorDriver virHypervisorDriver;

/* An object reference as it travels on the wire: the driver looks the
 * object up by uuid (a client's stale id or name does not matter). */
typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
} virDomainRef;

virDomainRef *virDomainRefNew(const char *name, const unsigned char *uuid, int id);
void virDomainRefFree(virDomainRef *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainRef, virDomainRefFree);

/* One client's connection to the driver, opened by CONNECT_OPEN. */
struct _virConnect {
    const virHypervisorDriver *driver;
    char *uri;              /* canonical URI, e.g. qemu:///system */
    unsigned int flags;     /* VIR_CONNECT_RO ... */
    void *privateData;      /* the driver's */
};

typedef enum {
    VIR_CONNECT_RO = 1 << 0,
    VIR_CONNECT_NO_ALIASES = 1 << 1,
} virConnectFlags;

/* Public enums, values from libvirt's API. */
typedef enum {
    VIR_DOMAIN_NOSTATE = 0,
    VIR_DOMAIN_RUNNING = 1,
    VIR_DOMAIN_BLOCKED = 2,
    VIR_DOMAIN_PAUSED = 3,
    VIR_DOMAIN_SHUTDOWN = 4,
    VIR_DOMAIN_SHUTOFF = 5,
    VIR_DOMAIN_CRASHED = 6,
    VIR_DOMAIN_PMSUSPENDED = 7,
    VIR_DOMAIN_LAST
} virDomainState;

typedef struct {
    int state;
    unsigned long long maxMem;      /* KiB */
    unsigned long long memory;      /* KiB */
    unsigned int nrVirtCpu;
    unsigned long long cpuTime;     /* ns */
} virDomainInfo;

typedef struct {
    char model[32];
    unsigned long long memory;      /* KiB */
    unsigned int cpus;
    unsigned int mhz;
    unsigned int nodes;
    unsigned int sockets;
    unsigned int cores;
    unsigned int threads;
} virDriverNodeInfo;

/* CONNECT_LIST_ALL_DOMAINS flags. */
typedef enum {
    VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1 << 0,
    VIR_CONNECT_LIST_DOMAINS_INACTIVE = 1 << 1,
    VIR_CONNECT_LIST_DOMAINS_PERSISTENT = 1 << 2,
    VIR_CONNECT_LIST_DOMAINS_TRANSIENT = 1 << 3,
    VIR_CONNECT_LIST_DOMAINS_RUNNING = 1 << 4,
    VIR_CONNECT_LIST_DOMAINS_PAUSED = 1 << 5,
    VIR_CONNECT_LIST_DOMAINS_SHUTOFF = 1 << 6,
    VIR_CONNECT_LIST_DOMAINS_OTHER = 1 << 7,
    VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE = 1 << 8,
    VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 1 << 9,
    VIR_CONNECT_LIST_DOMAINS_AUTOSTART = 1 << 10,
    VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART = 1 << 11,
    VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT = 1 << 12,
    VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT = 1 << 13,
    VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT = 1 << 14,
    VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT = 1 << 15,
} virConnectListAllDomainsFlags;

typedef enum {
    VIR_DOMAIN_START_PAUSED = 1 << 0,
    VIR_DOMAIN_START_AUTODESTROY = 1 << 1,
    VIR_DOMAIN_START_BYPASS_CACHE = 1 << 2,
    VIR_DOMAIN_START_FORCE_BOOT = 1 << 3,
    VIR_DOMAIN_START_VALIDATE = 1 << 4,
    VIR_DOMAIN_START_RESET_NVRAM = 1 << 5,
} virDomainCreateFlags;

typedef enum {
    VIR_DOMAIN_XML_SECURE = 1 << 0,
    VIR_DOMAIN_XML_INACTIVE = 1 << 1,
    VIR_DOMAIN_XML_UPDATE_CPU = 1 << 2,
    VIR_DOMAIN_XML_MIGRATABLE = 1 << 3,
} virDomainXMLFlags;

typedef enum {
    VIR_DOMAIN_DEFINE_VALIDATE = 1 << 0,
} virDomainDefineFlags;

typedef enum {
    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE = 1 << 0,
    VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA = 1 << 1,
    VIR_DOMAIN_UNDEFINE_NVRAM = 1 << 2,
    VIR_DOMAIN_UNDEFINE_KEEP_NVRAM = 1 << 3,
    VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = 1 << 4,
    VIR_DOMAIN_UNDEFINE_TPM = 1 << 5,
    VIR_DOMAIN_UNDEFINE_KEEP_TPM = 1 << 6,
} virDomainUndefineFlags;

typedef enum {
    VIR_DOMAIN_DESTROY_DEFAULT = 0,
    VIR_DOMAIN_DESTROY_GRACEFUL = 1 << 0,
} virDomainDestroyFlags;

typedef enum {
    VIR_DRV_OPEN_DECLINED = 0,
    VIR_DRV_OPEN_SUCCESS = 1,
    VIR_DRV_OPEN_ERROR = -1,
} virDrvOpenStatus;

/* The entry points, one typedef-free slot each; every one reports its own
 * errors and returns -1 / NULL on failure. */
struct _virHypervisorDriver {
    const char *name;       /* GET_TYPE answer, e.g. "QEMU" */
    const char *const *uriSchemes;

    /* Accepts or declines the URI (already parsed to scheme + path). */
    virDrvOpenStatus (*connectOpen)(virConnect *conn, const char *scheme,
                                    const char *path, unsigned int flags);
    int (*connectClose)(virConnect *conn);
    int (*connectGetVersion)(virConnect *conn, unsigned long long *version);
    int (*connectGetMaxVcpus)(virConnect *conn, const char *type);
    char *(*connectGetCapabilities)(virConnect *conn);
    char *(*connectGetDomainCapabilities)(virConnect *conn, const char *emulator,
                                          const char *arch, const char *machine,
                                          const char *virttype, unsigned int flags);
    char *(*connectGetSysinfo)(virConnect *conn, unsigned int flags);
    int (*nodeGetInfo)(virConnect *conn, virDriverNodeInfo *info);
    unsigned long long (*nodeGetFreeMemory)(virConnect *conn);
    int (*nodeGetSecurityModel)(virConnect *conn, char **model, char **doi);
    int (*connectSupportsFeature)(virConnect *conn, int feature);

    /* Listing returns the number of refs stored in *refs (caller frees). */
    int (*connectListAllDomains)(virConnect *conn, virDomainRef ***refs,
                                 unsigned int flags);

    virDomainRef *(*domainLookupByName)(virConnect *conn, const char *name);
    virDomainRef *(*domainLookupByUUID)(virConnect *conn, const unsigned char *uuid);
    virDomainRef *(*domainLookupByID)(virConnect *conn, int id);

    virDomainRef *(*domainDefineXML)(virConnect *conn, const char *xml, unsigned int flags);
    virDomainRef *(*domainCreateXML)(virConnect *conn, const char *xml, unsigned int flags);
    /* Updates dom->id on success. */
    int (*domainCreateWithFlags)(virConnect *conn, virDomainRef *dom, unsigned int flags);
    int (*domainDestroyFlags)(virConnect *conn, virDomainRef *dom, unsigned int flags);
    int (*domainShutdownFlags)(virConnect *conn, virDomainRef *dom, unsigned int flags);
    int (*domainReboot)(virConnect *conn, virDomainRef *dom, unsigned int flags);
    int (*domainReset)(virConnect *conn, virDomainRef *dom, unsigned int flags);
    int (*domainSuspend)(virConnect *conn, virDomainRef *dom);
    int (*domainResume)(virConnect *conn, virDomainRef *dom);
    int (*domainUndefineFlags)(virConnect *conn, virDomainRef *dom, unsigned int flags);

    char *(*domainGetXMLDesc)(virConnect *conn, virDomainRef *dom, unsigned int flags);
    int (*domainGetInfo)(virConnect *conn, virDomainRef *dom, virDomainInfo *info);
    int (*domainGetState)(virConnect *conn, virDomainRef *dom, int *state,
                          int *reason, unsigned int flags);
    char *(*domainGetOSType)(virConnect *conn, virDomainRef *dom);
    unsigned long long (*domainGetMaxMemory)(virConnect *conn, virDomainRef *dom);
    int (*domainGetMaxVcpus)(virConnect *conn, virDomainRef *dom);
    int (*domainGetAutostart)(virConnect *conn, virDomainRef *dom, int *autostart);
    int (*domainSetAutostart)(virConnect *conn, virDomainRef *dom, int autostart);
    int (*domainIsActive)(virConnect *conn, virDomainRef *dom);
    int (*domainIsPersistent)(virConnect *conn, virDomainRef *dom);
    int (*domainIsUpdated)(virConnect *conn, virDomainRef *dom);
    int (*domainHasManagedSaveImage)(virConnect *conn, virDomainRef *dom, unsigned int flags);
    int (*domainSnapshotNum)(virConnect *conn, virDomainRef *dom, unsigned int flags);
    int (*domainGetSecurityLabel)(virConnect *conn, virDomainRef *dom,
                                  char **label, int *enforcing);
    int (*domainGetMessages)(virConnect *conn, virDomainRef *dom, char ***msgs,
                             unsigned int flags);
};

/* What a daemon registers at start-up (see common/daemon). */
typedef struct {
    const char *name;               /* "QEMU" */
    const virHypervisorDriver *hypervisor;
    /* Driver state: loaded before any socket accepts clients. */
    int (*stateInitialize)(bool privileged);
    int (*stateCleanup)(void);
    int (*stateReload)(void);
    /* True while the driver has work that must keep the daemon alive
     * (running guests), for --timeout. */
    bool (*stateInhibitsExit)(void);
} virStateDriver;

/* Rejects flags outside the allowed set (reported, -1). */
#define virCheckFlags(supported, retval) \
    do { \
        unsigned int unknown_ = flags & ~(unsigned int)(supported); \
        if (unknown_) { \
            virErrorReportFull(VIR_FROM_THIS, VIR_ERR_INVALID_ARG, \
                               "%s: unsupported flags (0x%x)", __func__, unknown_); \
            return retval; \
        } \
    } while (0)
