/* <domainsnapshot>: what a domain snapshot records (name, state, memory
 * and per-disk locations, the domain definition it was taken of), as
 * plain data parsed and formatted like libvirt 9.0. */
#pragma once

#include "internal.h"
#include "domain_conf.h"
#include "virenum.h"

/* Where a disk's or the memory's state goes (<disk snapshot=...>). */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT = 0,
    VIR_DOMAIN_SNAPSHOT_LOCATION_NO,
    VIR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL,
    VIR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL,
    VIR_DOMAIN_SNAPSHOT_LOCATION_MANUAL,
    VIR_DOMAIN_SNAPSHOT_LOCATION_LAST
} virDomainSnapshotLocation;
VIR_ENUM_DECL(virDomainSnapshotLocation);

/* The guest's state when taken: virDomainState plus disk-snapshot. */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_STATE_NOSTATE = 0,
    VIR_DOMAIN_SNAPSHOT_STATE_RUNNING,
    VIR_DOMAIN_SNAPSHOT_STATE_BLOCKED,
    VIR_DOMAIN_SNAPSHOT_STATE_PAUSED,
    VIR_DOMAIN_SNAPSHOT_STATE_SHUTDOWN,
    VIR_DOMAIN_SNAPSHOT_STATE_SHUTOFF,
    VIR_DOMAIN_SNAPSHOT_STATE_CRASHED,
    VIR_DOMAIN_SNAPSHOT_STATE_PMSUSPENDED,
    VIR_DOMAIN_SNAPSHOT_STATE_DISK_SNAPSHOT,
    VIR_DOMAIN_SNAPSHOT_STATE_LAST
} virDomainSnapshotState;
VIR_ENUM_DECL(virDomainSnapshotState);

typedef struct {
    char *name;                         /* the disk's target ("vda") or source path */
    virDomainSnapshotLocation snapshot;
    virDomainDiskType type;             /* file or block, for an external one */
    char *src;                          /* the external image */
    virStorageFileFormat format;        /* <driver type=> */
} virDomainSnapshotDiskDef;

typedef struct {
    char *name;
    char *description;
    char *parentName;
    long long creationTime;             /* seconds since the epoch, 0 unset */
    virDomainSnapshotState state;
    virDomainSnapshotLocation memory;
    char *memoryFile;
    virDomainSnapshotDiskDef *disks;
    size_t ndisks;
    virDomainDef *dom;                  /* the (live) definition it was taken of */
    virDomainDef *inactiveDom;          /* the persistent one, for a running guest */
} virDomainSnapshotDef;

typedef enum {
    /* Metadata of an existing snapshot: creationTime, state, parent and
     * the domain are read (libvirt's REDEFINE). */
    VIR_DOMAIN_SNAPSHOT_PARSE_REDEFINE = 1 << 0,
    /* The driver's own file: also <active> (whether it is current). */
    VIR_DOMAIN_SNAPSHOT_PARSE_INTERNAL = 1 << 1,
    /* The domain is shut off: no memory state may be asked for. */
    VIR_DOMAIN_SNAPSHOT_PARSE_OFFLINE = 1 << 2,
} virDomainSnapshotParseFlags;

typedef enum {
    VIR_DOMAIN_SNAPSHOT_FORMAT_SECURE = 1 << 0,     /* domain secrets too */
    VIR_DOMAIN_SNAPSHOT_FORMAT_INTERNAL = 1 << 1,   /* <active>, for the driver's file */
    VIR_DOMAIN_SNAPSHOT_FORMAT_CURRENT = 1 << 2,    /* with INTERNAL: <active>1</active> */
} virDomainSnapshotFormatFlags;

virDomainSnapshotDef *virDomainSnapshotDefNew(void);
void virDomainSnapshotDefFree(virDomainSnapshotDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainSnapshotDef, virDomainSnapshotDefFree);

/* NULL with an error reported (VIR_FROM_DOMAIN_SNAPSHOT). *current (may be
 * NULL) gets <active> with PARSE_INTERNAL. A missing name is left NULL:
 * virDomainSnapshotDefAssignName fills it. */
virDomainSnapshotDef *virDomainSnapshotDefParseString(const char *xml, unsigned int flags,
                                                      bool *current);
char *virDomainSnapshotDefFormat(const virDomainSnapshotDef *def, unsigned int flags);

/* creationTime from the clock when unset, and the name libvirt gives an
 * unnamed snapshot: the creation time in seconds. */
void virDomainSnapshotDefAssignName(virDomainSnapshotDef *def);

/* Makes def->disks list every disk of dom in dom's order: the ones named
 * (by target or source path) keep their settings, the others get
 * defaultLoc (NO for an empty cdrom). With requireUniform, a named disk
 * asking another location than defaultLoc (other than "no") is refused.
 * External disks without a file get SOURCE-without-suffix.SNAPNAME. */
int virDomainSnapshotAlignDisks(virDomainSnapshotDef *def, const virDomainDef *dom,
                                virDomainSnapshotLocation defaultLoc, bool requireUniform);

/* Whether memory or any disk is external. */
bool virDomainSnapshotDefIsExternal(const virDomainSnapshotDef *def);
