/* Backing chains of local disk images: read from the image headers when
 * a guest starts or gets a disk, so that the live XML shows them as
 * libvirt does, and refused as libvirt refuses them (a missing image, an
 * unrecorded backing format, a loop). */
#pragma once

#include "internal.h"

#include "domain_conf.h"

/* Checks that the disk's image exists and replaces disk->backing with the
 * chain below it. Disks without a local image (cdrom without media,
 * directories) are left alone. -1 with an error reported. */
int qemuDiskChainDetect(virDomainDiskDef *disk);

/* The same for every disk of def. */
int qemuDiskChainDetectAll(virDomainDef *def);
