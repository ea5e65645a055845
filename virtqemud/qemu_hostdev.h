/* Host devices given to a guest (<hostdev>): what must hold on the host
 * before QEMU can start with them. */
#pragma once

#include "internal.h"
#include "domain_conf.h"

/* Every PCI host device of def exists on this host and is bound to
 * vfio-pci. -1 with an error naming the first one that is not. */
int qemuHostdevPrepare(const virDomainDef *def);
