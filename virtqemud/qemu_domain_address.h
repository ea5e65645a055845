/* Guest PCI addresses: given to every device that lacks one when a
 * domain is defined (and again at start for devices added since), so
 * that dumpxml shows where each device sits and it stays there across
 * restarts, as with libvirt. */
#pragma once

#include "internal.h"
#include "domain_conf.h"

/* Fills in the PCI address of every PCI device of def without one. The
 * PC board's own slots (host bridge, PIIX3 or the Q35 LPC/SATA/SMBus
 * function block) are never given out; the primary video card gets the
 * slot libvirt gives it; on Q35, PCIe devices go to free pcie-root-ports,
 * and root ports without an address are packed eight to a slot. -1 with
 * an error reported when a bus is full. */
int qemuDomainAssignPCIAddresses(virDomainDef *def);
