/* virtqemud's entry points, split by API group: connection and host calls
 * (qemu_driver.c), domain lifecycle and information (qemu_driver_domain.c). */
#pragma once

#include "internal.h"

#include "driver.h"
#include "qemu_conf.h"

/* The daemon's one driver state, created by the state driver. */
extern virQEMUDriver *qemu_driver;

const virStateDriver *qemuRegister(void);

/* Domain group slots, wired into the table in qemu_driver.c. */
int qemuConnectListAllDomains(virConnect *conn, virDomainRef ***refs, unsigned int flags);
virDomainRef *qemuDomainLookupByName(virConnect *conn, const char *name);
virDomainRef *qemuDomainLookupByUUID(virConnect *conn, const unsigned char *uuid);
virDomainRef *qemuDomainLookupByID(virConnect *conn, int id);
virDomainRef *qemuDomainDefineXML(virConnect *conn, const char *xml, unsigned int flags);
virDomainRef *qemuDomainCreateXML(virConnect *conn, const char *xml, unsigned int flags);
int qemuDomainCreateWithFlags(virConnect *conn, virDomainRef *dom, unsigned int flags);
int qemuDomainDestroyFlags(virConnect *conn, virDomainRef *dom, unsigned int flags);
int qemuDomainShutdownFlags(virConnect *conn, virDomainRef *dom, unsigned int flags);
int qemuDomainReboot(virConnect *conn, virDomainRef *dom, unsigned int flags);
int qemuDomainReset(virConnect *conn, virDomainRef *dom, unsigned int flags);
int qemuDomainSuspend(virConnect *conn, virDomainRef *dom);
int qemuDomainResume(virConnect *conn, virDomainRef *dom);
int qemuDomainUndefineFlags(virConnect *conn, virDomainRef *dom, unsigned int flags);
char *qemuDomainGetXMLDesc(virConnect *conn, virDomainRef *dom, unsigned int flags);
int qemuDomainGetInfo(virConnect *conn, virDomainRef *dom, virDomainInfo *info);
int qemuDomainGetState(virConnect *conn, virDomainRef *dom, int *state, int *reason,
                       unsigned int flags);
char *qemuDomainGetOSType(virConnect *conn, virDomainRef *dom);
unsigned long long qemuDomainGetMaxMemory(virConnect *conn, virDomainRef *dom);
int qemuDomainGetMaxVcpus(virConnect *conn, virDomainRef *dom);
int qemuDomainGetAutostart(virConnect *conn, virDomainRef *dom, int *autostart);
int qemuDomainSetAutostart(virConnect *conn, virDomainRef *dom, int autostart);
int qemuDomainIsActive(virConnect *conn, virDomainRef *dom);
int qemuDomainIsPersistent(virConnect *conn, virDomainRef *dom);
int qemuDomainIsUpdated(virConnect *conn, virDomainRef *dom);
int qemuDomainHasManagedSaveImage(virConnect *conn, virDomainRef *dom, unsigned int flags);
int qemuDomainSnapshotNum(virConnect *conn, virDomainRef *dom, unsigned int flags);
int qemuDomainGetSecurityLabel(virConnect *conn, virDomainRef *dom, char **label,
                               int *enforcing);
int qemuDomainGetMessages(virConnect *conn, virDomainRef *dom, char ***msgs,
                          unsigned int flags);
