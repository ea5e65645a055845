/* virtqemud's entry points, split by API group: connection and host calls
 * (qemu_driver.c), domain lifecycle and information (qemu_driver_domain.c). */
#pragma once

#include "internal.h"

#include "driver.h"
#include "qemu_conf.h"
#include "virtypedparam.h"

/* The daemon's one driver state, created by the state driver. */
extern virQEMUDriver *qemu_driver;

const virStateDriver *qemuRegister(void);

/* The object a wire reference names (by uuid), locked and referenced
 * (release with virDomainObjEndAPI); NULL with libvirt's "Domain not
 * found" reported. */
virDomainObj *qemuDomObjFromRef(const virDrvDomain *dom);
/* -1 with "domain is not running" (VIR_ERR_OPERATION_INVALID) if it is not. */
int qemuDomObjCheckActive(virDomainObj *obj);
/* Which definitions a change with virDomainModificationImpact flags
 * applies to (CURRENT: the live one if running, else the persistent one);
 * -1 with libvirt's errors for a stopped guest's live definition or a
 * transient guest's persistent one (transientMsg). */
int qemuDomObjImpact(virDomainObj *obj, unsigned int flags, const char *transientMsg,
                     bool *live, bool *config);

/* A definition from XML as define takes it (parsed inactive, defaults
 * filled); NULL with an error reported. */
virDomainDef *qemuDomainParse(const char *xml);

/* qemu_driver_manage.c: save, restore, managed save, jobs */
int qemuDomainSaveParams(virDrvConnect *conn, virDrvDomain *dom, virTypedParameter *params,
                         int nparams, unsigned int flags);
int qemuDomainRestoreParams(virDrvConnect *conn, virTypedParameter *params, int nparams,
                            unsigned int flags);
int qemuDomainManagedSave(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainManagedSaveRemove(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
char *qemuDomainSaveImageGetXMLDesc(virDrvConnect *conn, const char *file, unsigned int flags);
int qemuDomainSaveImageDefineXML(virDrvConnect *conn, const char *file, const char *dxml,
                                 unsigned int flags);
int qemuDomainGetJobStats(virDrvConnect *conn, virDrvDomain *dom, int *type,
                          virTypedParameter **params, int *nparams, unsigned int flags);
int qemuDomainAbortJobFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
/* Where the managed save image of obj lives, and whether it has one. */
char *qemuDomainManagedSavePath(virDomainObj *obj);
bool qemuDomainHasManagedSave(virDomainObj *obj);
/* Starts the locked, inactive obj from its managed save image, which is
 * then removed. flags: VIR_DOMAIN_START_PAUSED. */
int qemuDomainStartManagedSave(virDomainObj *obj, unsigned int flags);

/* Whether the locked obj passes virConnectListAllDomains' filter flags. */
bool qemuDomainMatchesFlags(virDomainObj *obj, unsigned int flags);

/* qemu_driver_send.c: NMI and keys */
int qemuDomainInjectNMI(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainSendKey(virDrvConnect *conn, virDrvDomain *dom, unsigned int codeset,
                      unsigned int holdtime, const unsigned int *keycodes, int nkeycodes,
                      unsigned int flags);

/* qemu_driver_stats.c: memory, vcpus, statistics */
int qemuDomainSetMemoryFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned long long memory,
                             unsigned int flags);
int qemuDomainGetVcpusFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainSetVcpusFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int nvcpus,
                            unsigned int flags);
int qemuDomainMemoryStats(virDrvConnect *conn, virDrvDomain *dom, virDrvMemoryStat *stats,
                          unsigned int nr, unsigned int flags);
int qemuDomainSetMemoryStatsPeriod(virDrvConnect *conn, virDrvDomain *dom, int period,
                                   unsigned int flags);
int qemuDomainBlockStats(virDrvConnect *conn, virDrvDomain *dom, const char *path,
                         virTypedParameter **params, int *nparams, unsigned int flags);
int qemuDomainInterfaceStats(virDrvConnect *conn, virDrvDomain *dom, const char *device,
                             virDrvInterfaceStats *stats);
int qemuConnectGetAllDomainStats(virDrvConnect *conn, virDrvDomain **doms, int ndoms,
                                 unsigned int stats, virDrvDomainStatsRecord ***records,
                                 unsigned int flags);
/* Starts the balloon's guest statistics every period seconds (0: stop). */
int qemuStatsSetBalloonPeriod(virDomainObj *obj, int period);
int qemuDomainGetControlInfo(virDrvConnect *conn, virDrvDomain *dom, virDomainControlInfo *info,
                             unsigned int flags);
int qemuDomainGetBlockInfo(virDrvConnect *conn, virDrvDomain *dom, const char *path,
                           virDomainBlockInfo *info, unsigned int flags);

/* qemu_driver_vcpu.c: vCPU threads and affinity, vCPU hot-plug */
int qemuDomainGetVcpus(virDrvConnect *conn, virDrvDomain *dom, virVcpuInfo *info, int maxinfo,
                       unsigned char *cpumaps, int maplen);
int qemuDomainGetVcpuPinInfo(virDrvConnect *conn, virDrvDomain *dom, int ncpumaps,
                             unsigned char *cpumaps, int maplen, unsigned int flags);
/* Brings the running guest's vCPU count to nvcpus (device_add/device_del
 * of QEMU's hot-pluggable vCPUs); obj locked, inside a job. */
int qemuVcpuSetLive(virDomainObj *obj, unsigned int nvcpus);
/* domstats' vcpu.N.state and vcpu.N.time of the running, locked obj. */
void qemuVcpuStatsAdd(virDomainObj *obj, virTypedParamList *list);

/* qemu_driver_monitor.c */
char *qemuDomainQemuMonitorCommand(virDrvConnect *conn, virDrvDomain *dom, const char *cmd,
                                   unsigned int flags);

/* qemu_driver_native.c */
char *qemuConnectDomainXMLToNative(virDrvConnect *conn, const char *format, const char *xml,
                                   unsigned int flags);

/* Domain group slots, wired into the table in qemu_driver.c. */
int qemuConnectListAllDomains(virDrvConnect *conn, virDrvDomain ***refs, unsigned int flags);
virDrvDomain *qemuDomainLookupByName(virDrvConnect *conn, const char *name);
virDrvDomain *qemuDomainLookupByUUID(virDrvConnect *conn, const unsigned char *uuid);
virDrvDomain *qemuDomainLookupByID(virDrvConnect *conn, int id);
virDrvDomain *qemuDomainDefineXML(virDrvConnect *conn, const char *xml, unsigned int flags);
virDrvDomain *qemuDomainCreateXML(virDrvConnect *conn, const char *xml, unsigned int flags);
int qemuDomainCreateWithFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainDestroyFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainShutdownFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainReboot(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainReset(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainSuspend(virDrvConnect *conn, virDrvDomain *dom);
int qemuDomainResume(virDrvConnect *conn, virDrvDomain *dom);
int qemuDomainUndefineFlags(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
char *qemuDomainGetXMLDesc(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainGetInfo(virDrvConnect *conn, virDrvDomain *dom, virDomainInfo *info);
int qemuDomainGetState(virDrvConnect *conn, virDrvDomain *dom, int *state, int *reason,
                       unsigned int flags);
char *qemuDomainGetOSType(virDrvConnect *conn, virDrvDomain *dom);
unsigned long long qemuDomainGetMaxMemory(virDrvConnect *conn, virDrvDomain *dom);
int qemuDomainGetMaxVcpus(virDrvConnect *conn, virDrvDomain *dom);
int qemuDomainGetAutostart(virDrvConnect *conn, virDrvDomain *dom, int *autostart);
int qemuDomainSetAutostart(virDrvConnect *conn, virDrvDomain *dom, int autostart);
int qemuDomainIsActive(virDrvConnect *conn, virDrvDomain *dom);
int qemuDomainIsPersistent(virDrvConnect *conn, virDrvDomain *dom);
int qemuDomainIsUpdated(virDrvConnect *conn, virDrvDomain *dom);
int qemuDomainHasManagedSaveImage(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainSnapshotNum(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
int qemuDomainGetSecurityLabel(virDrvConnect *conn, virDrvDomain *dom, char **label,
                               int *enforcing);
int qemuDomainInterfaceAddresses(virDrvConnect *conn, virDrvDomain *dom,
                                 virDomainInterface ***ifaces, unsigned int source,
                                 unsigned int flags);
int qemuDomainGetMessages(virDrvConnect *conn, virDrvDomain *dom, char ***msgs,
                          unsigned int flags);
