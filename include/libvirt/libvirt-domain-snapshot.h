/*
 * libvirt-domain-snapshot.h: flags of the domain snapshot calls
 * (virDomainSnapshotCreateXML, listing, revert, delete). The calls
 * themselves are not part of our client library yet; these constants are
 * libvirt's, for daemons and programs built against our headers.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_DOMAIN_SNAPSHOT_H
#define VIRTD_PUBLIC_DOMAIN_SNAPSHOT_H

#include <libvirt/libvirt-domain.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How virDomainSnapshotCreateXML() takes the snapshot. */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE    = (1 << 0), /* restore or change metadata only */
    VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT     = (1 << 1), /* with REDEFINE: make it current */
    VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA = (1 << 2), /* keep no metadata afterwards */
    VIR_DOMAIN_SNAPSHOT_CREATE_HALT        = (1 << 3), /* stop the guest once taken */
    VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY   = (1 << 4), /* disks only, no memory state */
    VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT   = (1 << 5), /* use existing external files */
    VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE     = (1 << 6), /* freeze guest filesystems first */
    VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC      = (1 << 7), /* all or nothing */
    VIR_DOMAIN_SNAPSHOT_CREATE_LIVE        = (1 << 8), /* keep the guest running meanwhile */
    VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE    = (1 << 9), /* check the XML against the schema */
} virDomainSnapshotCreateFlags;

/* Flags of virDomainSnapshotGetXMLDesc(). */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_XML_SECURE = VIR_DOMAIN_XML_SECURE, /* include secrets */
} virDomainSnapshotXMLFlags;

/* Filters of the snapshot listing calls. ROOTS (listing a domain) and
 * DESCENDANTS (listing a snapshot's children) share a bit. */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_LIST_ROOTS       = (1 << 0),  /* only snapshots without parent */
    VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS = (1 << 0),  /* every descendant, not only children */
    VIR_DOMAIN_SNAPSHOT_LIST_LEAVES      = (1 << 2),  /* only snapshots without children */
    VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES   = (1 << 3),  /* only snapshots with children */
    VIR_DOMAIN_SNAPSHOT_LIST_METADATA    = (1 << 1),  /* only those with metadata */
    VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA = (1 << 4),  /* only those without metadata */
    VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE    = (1 << 5),  /* taken of a shut-off guest */
    VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE      = (1 << 6),  /* of a running guest, with memory */
    VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY   = (1 << 7),  /* of a running guest, disks only */
    VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL    = (1 << 8),  /* stored inside the disk images */
    VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL    = (1 << 9),  /* stored in files of their own */
    VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL = (1 << 10), /* parents before their children */
} virDomainSnapshotListFlags;

/* Flags of virDomainRevertToSnapshot(). */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING     = 1 << 0, /* run afterwards */
    VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED      = 1 << 1, /* stay paused afterwards */
    VIR_DOMAIN_SNAPSHOT_REVERT_FORCE       = 1 << 2, /* allow risky reverts */
    VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM = 1 << 3, /* fresh NVRAM from its template */
} virDomainSnapshotRevertFlags;

/* Flags of virDomainSnapshotDelete(). */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN      = (1 << 0), /* with its descendants */
    VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY = (1 << 1), /* forget it, keep the data */
    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY = (1 << 2), /* only its descendants */
} virDomainSnapshotDeleteFlags;

#ifdef __cplusplus
}
#endif

#endif /* VIRTD_PUBLIC_DOMAIN_SNAPSHOT_H */
