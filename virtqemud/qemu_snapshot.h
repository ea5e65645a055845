/* virtqemud's domain snapshots: internal ones (qemu-img on a shut-off
 * guest, the snapshot-save/load/delete jobs of a running one) and
 * external disk-only ones (a new qcow2 overlay per disk), with their
 * metadata kept in R/var/lib/libvirt/qemu/snapshot/DOMAIN/NAME.xml. */
#pragma once

#include "internal.h"
#include <json-c/json.h>

#include "driver.h"
#include "virdomainobj.h"

char *qemuSnapshotCreateXML(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                            unsigned int flags);
char *qemuSnapshotGetXMLDesc(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                             unsigned int flags);
int qemuSnapshotListNames(virDrvConnect *conn, virDrvDomain *dom, const char *from,
                          char ***names, unsigned int flags);
int qemuSnapshotLookupByName(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                             unsigned int flags);
int qemuSnapshotHasCurrent(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
char *qemuSnapshotCurrent(virDrvConnect *conn, virDrvDomain *dom, unsigned int flags);
char *qemuSnapshotGetParent(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                            unsigned int flags);
int qemuSnapshotIsCurrent(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                          unsigned int flags);
int qemuSnapshotHasMetadata(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                            unsigned int flags);
int qemuSnapshotRevert(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                       unsigned int flags);
int qemuSnapshotDelete(virDrvConnect *conn, virDrvDomain *dom, const char *name,
                       unsigned int flags);

/* For the domain calls (obj locked): how many snapshots obj has
 * (VIR_DOMAIN_SNAPSHOT_LIST_* filters), and what undefine does with them:
 * refuses a shut-off domain that has some unless flags has
 * VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA, in which case the metadata goes
 * (qemuSnapshotUndefine, after the definition is gone). */
int qemuSnapshotCount(virDomainObj *obj, unsigned int flags);
int qemuSnapshotUndefineCheck(virDomainObj *obj, unsigned int flags);
void qemuSnapshotUndefine(virDomainObj *obj);

/* JOB_STATUS_CHANGE from the monitor (event handler, obj locked): how the
 * snapshot jobs learn that QEMU finished. */
void qemuSnapshotHandleJobStatus(virDomainObj *obj, json_object *data);
