/* Building the QEMU command line (QEMU 7.2 syntax) from a domain
 * definition. */
#pragma once

#include "internal.h"
#include "domain_conf.h"
#include "vircommand.h"

typedef struct {
    const char *monitorPath;    /* QMP socket (UNIX); QEMU listens on it */
    const char *pidfile;        /* -pidfile, optional */
    bool kvmAvailable;          /* /dev/kvm usable: type='qemu' may still use TCG only */
    const char *machineCanonical;   /* def->os.machine resolved (e.g. "pc" -> "pc-i440fx-7.2"), optional */
    bool disableArchCapabilities;   /* see qemuHostNeedsArchCapabilitiesOff() */
    const char *incoming;       /* -incoming VALUE ("defer": a restore), optional */
} qemuCommandParams;

/* The emulator command for def (def->emulator, or the configured default).
 * NULL with an error reported (VIR_FROM_QEMU) for configurations QEMU
 * cannot run. Device ids are def's aliases where set; otherwise the names
 * qemuAssignDeviceAliases would give. */
virCommand *qemuBuildCommandLine(const virDomainDef *def, const qemuCommandParams *params);

/* Gives every device the alias (QEMU id) it gets on the command line:
 * virtio-disk0, sata0-0-0, net0, serial0, input0, video0, balloon0...
 * Call before starting so that the live XML shows them. */
void qemuAssignDeviceAliases(virDomainDef *def);

/* Node names of a disk's two -blockdev layers ("storage": the file or
 * device; "format": raw/qcow2 on top, what the guest device uses), for
 * the disk at index idx of def->disks: "libvirt-<idx+1>-<layer>". */
/* libvirt-N-LAYER, N being the disk's source index (or its position + 1
 * outside a run). */
char *qemuDiskNodeName(const virDomainDiskDef *disk, size_t idx, const char *layer);
/* Gives disk the next source index no disk of def has had in this run. */
void qemuDiskAssignNodeIndex(virDomainDef *def, virDomainDiskDef *disk);

/* Where a listening channel socket without a path goes: next to the
 * monitor socket, named after the channel. Set chr->source.path to it
 * before starting so that the live XML shows it. */
char *qemuBuildChannelPath(const virDomainChrDef *chr, const qemuCommandParams *params);

/* The UNIX socket of the swtpm process emulating def->tpms[idx]: next
 * to the monitor socket. QEMU connects to it; the driver starts swtpm
 * listening there first (qemu_tpm.h). */
char *qemuBuildTPMSocketPath(const virDomainTPMDef *tpm, size_t idx,
                             const qemuCommandParams *params);

/* True on hosts where KVM cannot give guests the host CPU's
 * IA32_ARCH_CAPABILITIES (typically nested virtualization): QEMU then
 * aborts with "failed to set MSR 0x10a" for -cpu host/max unless the
 * feature is turned off. Reads /proc/cpuinfo; set
 * params.disableArchCapabilities from it. */
bool qemuHostNeedsArchCapabilitiesOff(void);
