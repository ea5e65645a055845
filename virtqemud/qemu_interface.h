/* Guest interfaces' host side: the port a virtual network gives each
 * <interface type='network'>, and the tap devices plugged into bridges. */
#pragma once

#include "internal.h"

#include "virdomainobj.h"

/* Before QEMU starts: a port per network interface (virtnetworkd), a tap
 * per network or bridge interface, recorded in the live definition
 * (bridge, portid, target dev). -1 with an error reported; what was made
 * is undone by qemuInterfacesRelease(). */
int qemuInterfacesPrepare(virDomainDef *def);
/* The same for one interface of def (live attach). */
int qemuInterfacePrepare(const virDomainDef *def, virDomainNetDef *net);

/* After QEMU stopped: the taps we made and the ports go. Never fails: a
 * guest that stopped stays stopped. */
void qemuInterfacesRelease(virDomainDef *def);
/* The same for one interface of def (its detach, a failed attach). */
void qemuInterfaceRelease(const virDomainDef *def, virDomainNetDef *net);

/* The addresses of the running guest's interfaces from source
 * (virDomainInterfaceAddressesSource: the virtual networks' DHCP leases
 * or the host's ARP table). Returns the count, -1 reported. */
int qemuInterfaceAddresses(const virDomainDef *def, unsigned int source,
                           virDomainInterface ***ifaces);
