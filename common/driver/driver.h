/* What a daemon's driver provides to the RPC dispatcher: a table of entry
 * points. A NULL slot means "not supported" and is reported in one place
 * (the dispatcher), with the code clients fall back on. */
#pragma once

#include "internal.h"

#include "virerror.h"
#include "viruuid.h"

typedef struct _virDrvConnect virDrvConnect;
typedef struct _virHypervisorDriver virHypervisorDriver;
typedef struct _virSecretDriver virSecretDriver;
typedef struct _virNetworkDriver virNetworkDriver;
typedef struct _virStorageDriver virStorageDriver;
/* A volume transfer's data channel (common/rpc/virnetserver.h). */
typedef struct _virNetServerStream virNetServerStream;

/* An object reference as it travels on the wire: the driver looks the
 * object up by uuid (a client's stale id or name does not matter). */
typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
} virDrvDomain;

virDrvDomain *virDrvDomainNew(const char *name, const unsigned char *uuid, int id);
void virDrvDomainFree(virDrvDomain *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDrvDomain, virDrvDomainFree);

/* A secret as it travels on the wire; the driver looks it up by uuid. */
typedef struct {
    unsigned char uuid[VIR_UUID_BUFLEN];
    int usageType;          /* virSecretUsageType */
    char *usageID;          /* "" for a secret without usage */
} virDrvSecret;

virDrvSecret *virDrvSecretNew(const unsigned char *uuid, int usageType, const char *usageID);
void virDrvSecretFree(virDrvSecret *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDrvSecret, virDrvSecretFree);

/* A network as it travels on the wire; the driver looks it up by uuid. */
typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
} virDrvNetwork;

virDrvNetwork *virDrvNetworkNew(const char *name, const unsigned char *uuid);
void virDrvNetworkFree(virDrvNetwork *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDrvNetwork, virDrvNetworkFree);

/* A network port: its network and its own uuid. */
typedef struct {
    virDrvNetwork *net;
    unsigned char uuid[VIR_UUID_BUFLEN];
} virDrvNetworkPort;

virDrvNetworkPort *virDrvNetworkPortNew(const char *netname, const unsigned char *netuuid,
                                        const unsigned char *uuid);
void virDrvNetworkPortFree(virDrvNetworkPort *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDrvNetworkPort, virDrvNetworkPortFree);

/* A storage pool as it travels on the wire; the driver looks it up by
 * uuid. */
typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
} virDrvStoragePool;

virDrvStoragePool *virDrvStoragePoolNew(const char *name, const unsigned char *uuid);
void virDrvStoragePoolFree(virDrvStoragePool *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDrvStoragePool, virDrvStoragePoolFree);

/* A storage volume: its pool's name, its own name, and its key (the
 * host-wide identifier the driver looks it up by). */
typedef struct {
    char *pool;
    char *name;
    char *key;
} virDrvStorageVol;

virDrvStorageVol *virDrvStorageVolNew(const char *pool, const char *name, const char *key);
void virDrvStorageVolFree(virDrvStorageVol *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDrvStorageVol, virDrvStorageVolFree);

/* A DHCP lease as the API hands it out (libvirt's public struct). */
void virDrvNetworkDHCPLeaseFree(virNetworkDHCPLease *lease);

/* One client's connection to the driver, opened by CONNECT_OPEN. Each
 * table is NULL when the daemon does not serve that kind of object (its
 * calls are then answered VIR_ERR_NO_SUPPORT). */
struct _virDrvConnect {
    const virHypervisorDriver *driver;      /* domains, host */
    const virSecretDriver *secretDriver;    /* secrets */
    const virNetworkDriver *networkDriver;  /* virtual networks */
    const virStorageDriver *storageDriver;  /* storage pools and volumes */
    char *uri;              /* canonical URI, e.g. qemu:///system */
    unsigned int flags;     /* VIR_CONNECT_RO ... */
    /* Another daemon of this host acting for itself (it proved so with the
     * system token, see virsystoken.h), never a client it relays. */
    bool elevated;
    void *privateData;      /* the driver's */
};

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

typedef enum {
    VIR_DRV_OPEN_DECLINED = 0,
    VIR_DRV_OPEN_SUCCESS = 1,
    VIR_DRV_OPEN_ERROR = -1,
} virDrvOpenStatus;

/* The entry points, one typedef-free slot each; every one reports its own
 * errors and returns -1 / NULL on failure. */
/* What the statistics slots hand out. */
typedef struct {
    int tag;                    /* virDomainMemoryStatTags */
    unsigned long long val;
} virDrvMemoryStat;

typedef struct {
    long long rx_bytes, rx_packets, rx_errs, rx_drop;
    long long tx_bytes, tx_packets, tx_errs, tx_drop;
} virDrvInterfaceStats;

typedef struct {
    virDrvDomain *dom;
    virTypedParameter *params;
    int nparams;
} virDrvDomainStatsRecord;

void virDrvDomainStatsRecordFree(virDrvDomainStatsRecord *rec);

struct _virHypervisorDriver {
    const char *name;       /* GET_TYPE answer, e.g. "QEMU" */
    const char *const *uriSchemes;

    /* Accepts or declines the URI (already parsed to scheme + path). */
    virDrvOpenStatus (*connectOpen)(virDrvConnect *conn, const char *scheme,
                                    const char *path, unsigned int flags);
    int (*connectClose)(virDrvConnect *conn);
    int (*connectGetVersion)(virDrvConnect *conn, unsigned long long *version);
    int (*connectGetMaxVcpus)(virDrvConnect *conn, const char *type);
    char *(*connectGetCapabilities)(virDrvConnect *conn);
    char *(*connectGetDomainCapabilities)(virDrvConnect *conn, const char *emulator,
                                          const char *arch, const char *machine,
                                          const char *virttype, unsigned int flags);
    char *(*connectGetSysinfo)(virDrvConnect *conn, unsigned int flags);
    int (*nodeGetInfo)(virDrvConnect *conn, virDriverNodeInfo *info);
    unsigned long long (*nodeGetFreeMemory)(virDrvConnect *conn);
    int (*nodeGetSecurityModel)(virDrvConnect *conn, char **model, char **doi);
    /* The host's present CPUs as a bitmap (*cpumap, caller frees, when
     * cpumap is not NULL) and how many are online (*online, when not
     * NULL); returns the number of present CPUs. */
    int (*nodeGetCPUMap)(virDrvConnect *conn, unsigned char **cpumap, unsigned int *online,
                         unsigned int flags);
    int (*connectSupportsFeature)(virDrvConnect *conn, int feature);

    /* Listing returns the number of refs stored in *refs (caller frees). */
    int (*connectListAllDomains)(virDrvConnect *conn, virDrvDomain ***refs,
                                 unsigned int flags);

    virDrvDomain *(*domainLookupByName)(virDrvConnect *conn, const char *name);
    virDrvDomain *(*domainLookupByUUID)(virDrvConnect *conn, const unsigned char *uuid);
    virDrvDomain *(*domainLookupByID)(virDrvConnect *conn, int id);

    virDrvDomain *(*domainDefineXML)(virDrvConnect *conn, const char *xml, unsigned int flags);
    virDrvDomain *(*domainCreateXML)(virDrvConnect *conn, const char *xml, unsigned int flags);
    /* Updates dom->id on success. */
    int (*domainCreateWithFlags)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    int (*domainDestroyFlags)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    int (*domainShutdownFlags)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    int (*domainReboot)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    int (*domainReset)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    int (*domainSuspend)(virDrvConnect *conn, virDrvDomain *dom);
    int (*domainResume)(virDrvConnect *conn, virDrvDomain *dom);
    int (*domainUndefineFlags)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);

    char *(*domainGetXMLDesc)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    int (*domainGetInfo)(virDrvConnect *conn, virDrvDomain *dom, virDomainInfo *info);
    int (*domainGetState)(virDrvConnect *conn, virDrvDomain *dom, int *state,
                          int *reason, unsigned int flags);
    char *(*domainGetOSType)(virDrvConnect *conn, virDrvDomain *dom);
    unsigned long long (*domainGetMaxMemory)(virDrvConnect *conn, virDrvDomain *dom);
    int (*domainGetMaxVcpus)(virDrvConnect *conn, virDrvDomain *dom);
    int (*domainGetAutostart)(virDrvConnect *conn, virDrvDomain *dom, int *autostart);
    int (*domainSetAutostart)(virDrvConnect *conn, virDrvDomain *dom, int autostart);
    int (*domainIsActive)(virDrvConnect *conn, virDrvDomain *dom);
    int (*domainIsPersistent)(virDrvConnect *conn, virDrvDomain *dom);
    int (*domainIsUpdated)(virDrvConnect *conn, virDrvDomain *dom);
    int (*domainHasManagedSaveImage)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    int (*domainSnapshotNum)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    int (*domainGetSecurityLabel)(virDrvConnect *conn, virDrvDomain *dom,
                                  char **label, int *enforcing);
    int (*domainGetMessages)(virDrvConnect *conn, virDrvDomain *dom, char ***msgs,
                             unsigned int flags);
    /* Returns the number of interfaces stored in *ifaces (caller frees each
     * with virDrvDomainInterfaceFree, then the array). */
    int (*domainInterfaceAddresses)(virDrvConnect *conn, virDrvDomain *dom,
                                    virDomainInterface ***ifaces, unsigned int source,
                                    unsigned int flags);

    /* -- management: memory, vcpus, save/restore, jobs, statistics -- */
    /* Save to params' "file" (none: the managed image), with "dxml" as the
     * definition to restore; restore likewise. */
    int (*domainSaveParams)(virDrvConnect *conn, virDrvDomain *dom, virTypedParameter *params,
                            int nparams, unsigned int flags);
    int (*domainRestoreParams)(virDrvConnect *conn, virTypedParameter *params, int nparams,
                               unsigned int flags);
    int (*domainManagedSave)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    /* The definition a save image holds, and its replacement. */
    char *(*domainSaveImageGetXMLDesc)(virDrvConnect *conn, const char *file, unsigned int flags);
    int (*domainSaveImageDefineXML)(virDrvConnect *conn, const char *file, const char *dxml,
                                    unsigned int flags);
    int (*domainManagedSaveRemove)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    /* *type is a virDomainJobType; *params (caller frees) its statistics. */
    int (*domainGetJobStats)(virDrvConnect *conn, virDrvDomain *dom, int *type,
                             virTypedParameter **params, int *nparams, unsigned int flags);
    int (*domainAbortJobFlags)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    /* memory in KiB; flags: virDomainMemoryModFlags. */
    int (*domainSetMemoryFlags)(virDrvConnect *conn, virDrvDomain *dom,
                                unsigned long long memory, unsigned int flags);
    int (*domainGetVcpusFlags)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    int (*domainSetVcpusFlags)(virDrvConnect *conn, virDrvDomain *dom, unsigned int nvcpus,
                               unsigned int flags);
    /* Fills up to nr stats; returns how many. */
    int (*domainMemoryStats)(virDrvConnect *conn, virDrvDomain *dom, virDrvMemoryStat *stats,
                             unsigned int nr, unsigned int flags);
    int (*domainSetMemoryStatsPeriod)(virDrvConnect *conn, virDrvDomain *dom, int period,
                                      unsigned int flags);
    /* path: a disk's target or source; every figure, in
     * virDomainBlockStatsFlags' names (caller frees *params). */
    int (*domainBlockStats)(virDrvConnect *conn, virDrvDomain *dom, const char *path,
                            virTypedParameter **params, int *nparams, unsigned int flags);
    int (*domainInterfaceStats)(virDrvConnect *conn, virDrvDomain *dom, const char *device,
                                virDrvInterfaceStats *stats);
    /* ndoms 0: every domain passing flags' filters. Returns the number of
     * records (free each with virDrvDomainStatsRecordFree, then the array). */
    int (*connectGetAllDomainStats)(virDrvConnect *conn, virDrvDomain **doms, int ndoms,
                                    unsigned int stats, virDrvDomainStatsRecord ***records,
                                    unsigned int flags);
    /* Up to maxinfo running vCPUs into info and, cpumaps non-NULL, maplen
     * bytes of host CPU affinity each (zeroed first); returns how many. */
    int (*domainGetVcpus)(virDrvConnect *conn, virDrvDomain *dom, virVcpuInfo *info, int maxinfo,
                          unsigned char *cpumaps, int maplen);
    /* The affinity of up to ncpumaps vCPUs, maplen bytes each; returns how
     * many. flags: virDomainModificationImpact. */
    int (*domainGetVcpuPinInfo)(virDrvConnect *conn, virDrvDomain *dom, int ncpumaps,
                                unsigned char *cpumaps, int maplen, unsigned int flags);
    int (*domainGetControlInfo)(virDrvConnect *conn, virDrvDomain *dom,
                                virDomainControlInfo *info, unsigned int flags);
    /* path: a disk's target or source. */
    int (*domainGetBlockInfo)(virDrvConnect *conn, virDrvDomain *dom, const char *path,
                              virDomainBlockInfo *info, unsigned int flags);

    /* -- devices: hotplug, keys -- */
    /* flags: virDomainModificationImpact. */
    int (*domainAttachDeviceFlags)(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                                   unsigned int flags);
    int (*domainDetachDeviceFlags)(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                                   unsigned int flags);
    int (*domainUpdateDeviceFlags)(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                                   unsigned int flags);
    int (*domainDetachDeviceAlias)(virDrvConnect *conn, virDrvDomain *dom, const char *alias,
                                   unsigned int flags);
    int (*domainInjectNMI)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    /* codeset: virKeycodeSet; holdtime in ms (0: the default). */
    int (*domainSendKey)(virDrvConnect *conn, virDrvDomain *dom, unsigned int codeset,
                         unsigned int holdtime, const unsigned int *keycodes, int nkeycodes,
                         unsigned int flags);

    /* -- snapshots -- */
    /* A snapshot travels as its domain plus its name. Creation returns the
     * new snapshot's name; listing returns the number of names stored in
     * *names (NULL-terminated, caller frees; names may be NULL to count).
     * from: list its children instead of the domain's snapshots. */
    char *(*domainSnapshotCreateXML)(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                                     unsigned int flags);
    char *(*domainSnapshotGetXMLDesc)(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                                      unsigned int flags);
    int (*domainSnapshotListNames)(virDrvConnect *conn, virDrvDomain *dom, const char *from,
                                   char ***names, unsigned int flags);
    int (*domainSnapshotLookupByName)(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                                      unsigned int flags);
    int (*domainHasCurrentSnapshot)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    char *(*domainSnapshotCurrent)(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
    char *(*domainSnapshotGetParent)(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                                     unsigned int flags);
    int (*domainSnapshotIsCurrent)(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                                   unsigned int flags);
    int (*domainSnapshotHasMetadata)(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                                     unsigned int flags);
    int (*domainRevertToSnapshot)(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                                  unsigned int flags);
    int (*domainSnapshotDelete)(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                                unsigned int flags);

    /* -- console, native config, monitor passthrough -- */
    /* The QEMU command line a definition would run with (format
     * "qemu-argv"), as one shell-quoted line with its environment. */
    char *(*connectDomainXMLToNative)(virDrvConnect *conn, const char *format,
                                      const char *xml, unsigned int flags);
    /* qemu-monitor-command: the answer to a QMP command (JSON text) or,
     * with flags & 1, to an HMP one. */
    char *(*domainQemuMonitorCommand)(virDrvConnect *conn, virDrvDomain *dom,
                                      const char *cmd, unsigned int flags);
    /* virsh console: joins st to the guest's console or serial devname
     * (NULL: the first one) until either side ends; runs on a worker
     * thread like the storage transfers. */
    int (*domainOpenConsole)(virDrvConnect *conn, virDrvDomain *dom, const char *devname,
                             virNetServerStream *st, unsigned int flags);
};

void virDrvDomainInterfaceFree(virDomainInterface *iface);

/* The secret entry points (virtsecretd). A daemon whose only table this
 * is opens the secret:/// URIs with it, and answers GET_TYPE with its
 * name. */
struct _virSecretDriver {
    const char *name;       /* "secret" */
    const char *const *uriSchemes;

    /* Accepts or declines the URI, as the hypervisor driver's does. */
    virDrvOpenStatus (*connectOpen)(virDrvConnect *conn, const char *scheme,
                                    const char *path, unsigned int flags);
    int (*connectClose)(virDrvConnect *conn);

    int (*connectNumOfSecrets)(virDrvConnect *conn);
    /* Stores at most maxuuids UUID strings in uuids; returns how many. */
    int (*connectListSecrets)(virDrvConnect *conn, char **uuids, int maxuuids);
    /* Returns the number of refs stored in *refs (caller frees). */
    int (*connectListAllSecrets)(virDrvConnect *conn, virDrvSecret ***refs,
                                 unsigned int flags);

    virDrvSecret *(*secretLookupByUUID)(virDrvConnect *conn, const unsigned char *uuid);
    virDrvSecret *(*secretLookupByUsage)(virDrvConnect *conn, int usageType,
                                         const char *usageID);
    virDrvSecret *(*secretDefineXML)(virDrvConnect *conn, const char *xml, unsigned int flags);
    int (*secretUndefine)(virDrvConnect *conn, virDrvSecret *secret);
    char *(*secretGetXMLDesc)(virDrvConnect *conn, virDrvSecret *secret, unsigned int flags);
    int (*secretSetValue)(virDrvConnect *conn, virDrvSecret *secret,
                          const unsigned char *value, size_t size, unsigned int flags);
    /* *value (caller wipes and frees) is never NULL on success, even for an
     * empty value. */
    int (*secretGetValue)(virDrvConnect *conn, virDrvSecret *secret,
                          unsigned char **value, size_t *size, unsigned int flags);
};

/* The virtual network entry points (virtnetworkd), opened by network:///
 * URIs. Counting and listing names is done by the dispatcher from
 * connectListAllNetworks. */
struct _virNetworkDriver {
    const char *name;       /* "network" */
    const char *const *uriSchemes;
    virDrvOpenStatus (*connectOpen)(virDrvConnect *conn, const char *scheme,
                                    const char *path, unsigned int flags);
    int (*connectClose)(virDrvConnect *conn);
    /* Returns the number of refs stored in *refs (caller frees). */
    int (*connectListAllNetworks)(virDrvConnect *conn, virDrvNetwork ***refs,
                                  unsigned int flags);
    virDrvNetwork *(*networkLookupByName)(virDrvConnect *conn, const char *name);
    virDrvNetwork *(*networkLookupByUUID)(virDrvConnect *conn, const unsigned char *uuid);
    virDrvNetwork *(*networkCreateXML)(virDrvConnect *conn, const char *xml,
                                       unsigned int flags);
    virDrvNetwork *(*networkDefineXML)(virDrvConnect *conn, const char *xml,
                                       unsigned int flags);
    int (*networkUndefine)(virDrvConnect *conn, virDrvNetwork *net);
    int (*networkCreate)(virDrvConnect *conn, virDrvNetwork *net);
    int (*networkDestroy)(virDrvConnect *conn, virDrvNetwork *net);
    int (*networkUpdate)(virDrvConnect *conn, virDrvNetwork *net, unsigned int command,
                         unsigned int section, int parentIndex, const char *xml,
                         unsigned int flags);
    char *(*networkGetXMLDesc)(virDrvConnect *conn, virDrvNetwork *net, unsigned int flags);
    char *(*networkGetBridgeName)(virDrvConnect *conn, virDrvNetwork *net);
    int (*networkGetAutostart)(virDrvConnect *conn, virDrvNetwork *net, int *autostart);
    int (*networkSetAutostart)(virDrvConnect *conn, virDrvNetwork *net, int autostart);
    int (*networkIsActive)(virDrvConnect *conn, virDrvNetwork *net);
    int (*networkIsPersistent)(virDrvConnect *conn, virDrvNetwork *net);
    /* Returns the number of leases stored in *leases (caller frees each
     * with virDrvNetworkDHCPLeaseFree, then the array). */
    int (*networkGetDHCPLeases)(virDrvConnect *conn, virDrvNetwork *net, const char *mac,
                                virNetworkDHCPLease ***leases, unsigned int flags);
    int (*networkListAllPorts)(virDrvConnect *conn, virDrvNetwork *net,
                               virDrvNetworkPort ***refs, unsigned int flags);
    virDrvNetworkPort *(*networkPortLookupByUUID)(virDrvConnect *conn, virDrvNetwork *net,
                                                  const unsigned char *uuid);
    virDrvNetworkPort *(*networkPortCreateXML)(virDrvConnect *conn, virDrvNetwork *net,
                                               const char *xml, unsigned int flags);
    char *(*networkPortGetXMLDesc)(virDrvConnect *conn, virDrvNetworkPort *port,
                                   unsigned int flags);
    int (*networkPortDelete)(virDrvConnect *conn, virDrvNetworkPort *port, unsigned int flags);
};

/* The storage entry points (virtstoraged), opened by storage:/// URIs.
 * Counting and listing names (pools, and a pool's volumes) is done by the
 * dispatcher from connectListAllStoragePools / poolListAllVolumes. */
struct _virStorageDriver {
    const char *name;       /* "storage" */
    const char *const *uriSchemes;
    virDrvOpenStatus (*connectOpen)(virDrvConnect *conn, const char *scheme,
                                    const char *path, unsigned int flags);
    int (*connectClose)(virDrvConnect *conn);
    /* Returns the number of refs stored in *refs (caller frees). */
    int (*connectListAllStoragePools)(virDrvConnect *conn, virDrvStoragePool ***refs,
                                      unsigned int flags);
    /* srcSpec may be NULL; returns <sources> XML. */
    char *(*connectFindStoragePoolSources)(virDrvConnect *conn, const char *type,
                                           const char *srcSpec, unsigned int flags);
    char *(*connectGetStoragePoolCapabilities)(virDrvConnect *conn, unsigned int flags);

    virDrvStoragePool *(*poolLookupByName)(virDrvConnect *conn, const char *name);
    virDrvStoragePool *(*poolLookupByUUID)(virDrvConnect *conn, const unsigned char *uuid);
    virDrvStoragePool *(*poolLookupByVolume)(virDrvConnect *conn, virDrvStorageVol *vol);
    virDrvStoragePool *(*poolLookupByTargetPath)(virDrvConnect *conn, const char *path);
    virDrvStoragePool *(*poolCreateXML)(virDrvConnect *conn, const char *xml,
                                        unsigned int flags);
    virDrvStoragePool *(*poolDefineXML)(virDrvConnect *conn, const char *xml,
                                        unsigned int flags);
    int (*poolBuild)(virDrvConnect *conn, virDrvStoragePool *pool, unsigned int flags);
    int (*poolUndefine)(virDrvConnect *conn, virDrvStoragePool *pool);
    int (*poolCreate)(virDrvConnect *conn, virDrvStoragePool *pool, unsigned int flags);
    int (*poolDestroy)(virDrvConnect *conn, virDrvStoragePool *pool);
    int (*poolDelete)(virDrvConnect *conn, virDrvStoragePool *pool, unsigned int flags);
    int (*poolRefresh)(virDrvConnect *conn, virDrvStoragePool *pool, unsigned int flags);
    /* info->state is a virStoragePoolState; sizes in bytes. */
    int (*poolGetInfo)(virDrvConnect *conn, virDrvStoragePool *pool,
                       virStoragePoolInfo *info);
    char *(*poolGetXMLDesc)(virDrvConnect *conn, virDrvStoragePool *pool, unsigned int flags);
    int (*poolGetAutostart)(virDrvConnect *conn, virDrvStoragePool *pool, int *autostart);
    int (*poolSetAutostart)(virDrvConnect *conn, virDrvStoragePool *pool, int autostart);
    /* 1 / 0, or -1 reported. */
    int (*poolIsActive)(virDrvConnect *conn, virDrvStoragePool *pool);
    int (*poolIsPersistent)(virDrvConnect *conn, virDrvStoragePool *pool);
    /* Returns the number of refs stored in *refs (caller frees); flags are
     * reserved (0). */
    int (*poolListAllVolumes)(virDrvConnect *conn, virDrvStoragePool *pool,
                              virDrvStorageVol ***refs, unsigned int flags);

    virDrvStorageVol *(*volLookupByName)(virDrvConnect *conn, virDrvStoragePool *pool,
                                         const char *name);
    virDrvStorageVol *(*volLookupByKey)(virDrvConnect *conn, const char *key);
    virDrvStorageVol *(*volLookupByPath)(virDrvConnect *conn, const char *path);
    virDrvStorageVol *(*volCreateXML)(virDrvConnect *conn, virDrvStoragePool *pool,
                                      const char *xml, unsigned int flags);
    /* A new volume in pool with the content of clone (any pool). */
    virDrvStorageVol *(*volCreateXMLFrom)(virDrvConnect *conn, virDrvStoragePool *pool,
                                          const char *xml, virDrvStorageVol *clone,
                                          unsigned int flags);
    int (*volDelete)(virDrvConnect *conn, virDrvStorageVol *vol, unsigned int flags);
    /* algorithm is a virStorageVolWipeAlgorithm (virStorageVolWipe passes
     * VIR_STORAGE_VOL_WIPE_ALG_ZERO). */
    int (*volWipe)(virDrvConnect *conn, virDrvStorageVol *vol, unsigned int algorithm,
                   unsigned int flags);
    /* flags: virStorageVolResizeFlags. */
    int (*volResize)(virDrvConnect *conn, virDrvStorageVol *vol,
                     unsigned long long capacity, unsigned int flags);
    /* flags: virStorageVolInfoFlags (0 for the old GET_INFO call). */
    int (*volGetInfo)(virDrvConnect *conn, virDrvStorageVol *vol, virStorageVolInfo *info,
                      unsigned int flags);
    char *(*volGetXMLDesc)(virDrvConnect *conn, virDrvStorageVol *vol, unsigned int flags);
    char *(*volGetPath)(virDrvConnect *conn, virDrvStorageVol *vol);
    /* Transfers length bytes (0: up to the end) from offset: the client's
     * data into the volume (upload) or the volume to the client
     * (download), through st (see virnetserver.h, "Streams"). Called on a
     * worker thread: check, open the volume, virNetServerStreamAccept(st)
     * (the call's reply), then move the data with
     * virNetServerStreamRecv / virNetServerStreamSend(Hole) and return 0
     * at the end (the dispatcher then completes the stream) or -1 with an
     * error reported (before the accept: the call fails; after it: the
     * stream does). flags: VIR_STORAGE_VOL_UPLOAD/DOWNLOAD_SPARSE_STREAM,
     * in which case holes travel as holes. */
    int (*volUpload)(virDrvConnect *conn, virDrvStorageVol *vol, virNetServerStream *st,
                     unsigned long long offset, unsigned long long length,
                     unsigned int flags);
    int (*volDownload)(virDrvConnect *conn, virDrvStorageVol *vol, virNetServerStream *st,
                       unsigned long long offset, unsigned long long length,
                       unsigned int flags);
};

/* What a daemon registers at start-up (see common/daemon). */
typedef struct {
    const char *name;               /* "QEMU" */
    const virHypervisorDriver *hypervisor;  /* NULL for a secondary driver's daemon */
    const virSecretDriver *secret;
    const virNetworkDriver *network;
    const virStorageDriver *storage;
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
