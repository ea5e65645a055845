/* Guest disks of type 'volume': their paths come from virtstoraged when
 * the guest starts. */
#pragma once

#include "internal.h"

#include "domain_conf.h"

/* Sets src (and whether it is a block device) of every <disk
 * type='volume'>; -1 reported (the pool or volume is unknown, or
 * virtstoraged is not running). */
int qemuVolumesResolve(virDomainDef *def);
