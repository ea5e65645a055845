/* What a QEMU binary can do, learned by running it once with
 * "-machine none" and asking over QMP, and the two XML documents built
 * from that: `virsh capabilities` and `virsh domcapabilities`.
 *
 * Probe results are cached per binary, in memory and as JSON files in a
 * cache directory, and reused while the binary's mtime/ctime and the
 * usability of /dev/kvm stay the same. */
#pragma once

#include "internal.h"

/* Immutable once built and reference-counted: a holder of a reference may
 * use it from any thread without locking. */
typedef struct _qemuCaps qemuCaps;

/* Thread-safe. A probe runs with the cache locked: other lookups wait
 * for it (a probe takes well under a second per binary). */
typedef struct _qemuCapsCache qemuCapsCache;

/* cacheDir (created when first written; NULL: memory only) holds one JSON
 * file per binary and the fallback host UUID. */
qemuCapsCache *qemuCapsCacheNew(const char *cacheDir);
void qemuCapsCacheFree(qemuCapsCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuCapsCache, qemuCapsCacheFree);

/* A new reference to the capabilities of binary, probing it on first use
 * (or when it changed). NULL with an error reported. */
qemuCaps *qemuCapsCacheLookup(qemuCapsCache *cache, const char *binary);

qemuCaps *qemuCapsRef(qemuCaps *caps);
void qemuCapsUnref(qemuCaps *caps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(qemuCaps, qemuCapsUnref);

const char *qemuCapsGetBinary(qemuCaps *caps);
/* libvirt's name of the target architecture: "x86_64", "i686", ... */
const char *qemuCapsGetArch(qemuCaps *caps);
/* major * 1000000 + minor * 1000 + micro, e.g. 7002022 */
unsigned long long qemuCapsGetVersion(qemuCaps *caps);
/* The distribution's package string ("Debian 1:7.2+dfsg-7"), maybe "". */
const char *qemuCapsGetPackage(qemuCaps *caps);
/* Canonical name of QEMU's default machine (pc-i440fx-7.2), or NULL. */
const char *qemuCapsGetDefaultMachine(qemuCaps *caps);
/* "pc" -> "pc-i440fx-7.2"; a canonical name -> itself; NULL if unknown. */
const char *qemuCapsCanonicalMachine(qemuCaps *caps, const char *name);
/* Whether this binary can run guests with KVM on this host. */
bool qemuCapsHasKVM(qemuCaps *caps);
/* Maximum vCPUs of a machine (alias or canonical name); 0 if unknown. */
unsigned int qemuCapsGetMachineMaxCpus(qemuCaps *caps, const char *machine);
/* Whether QMP offers a command ("blockdev-add"). */
bool qemuCapsHasCommand(qemuCaps *caps, const char *command);
/* Whether the binary has a QOM type, i.e. a device or object
 * ("virtio-blk-pci", "memory-backend-memfd"). */
bool qemuCapsHasType(qemuCaps *caps, const char *typeName);

/* The whole <capabilities> document: the host, then one guest per
 * emulator: binary and, when it sits next to it, qemu-system-i386.
 * Caller frees; NULL with an error reported. */
char *qemuCapsFormatCapabilities(qemuCapsCache *cache, const char *binary);

/* The <domainCapabilities> document for one emulator/arch/machine/virttype.
 * NULL arguments mean: caps' binary and arch, the default machine, and kvm
 * when usable else qemu. Reports VIR_ERR_INVALID_ARG for an unknown
 * virttype or a machine or arch the binary lacks, and
 * VIR_ERR_CONFIG_UNSUPPORTED for kvm without KVM. Caller frees. */
char *qemuCapsFormatDomainCapabilities(qemuCaps *caps, const char *binary,
                                       const char *arch, const char *machine,
                                       const char *virttype);

/* ---- tests only ---- */

/* Capabilities from a cache file (the probe's JSON), without checking that
 * it still matches the binary. NULL with an error reported. */
qemuCaps *qemuCapsNewFromFile(const char *path);
/* The JSON a cache file holds (caller frees). */
char *qemuCapsToJSON(qemuCaps *caps);
/* Makes later lookups of caps' binary return caps (a reference is taken)
 * without looking at the binary. */
void qemuCapsCacheInsert(qemuCapsCache *cache, qemuCaps *caps);
