/*
 * libvirt-network.h: virtual networks in the libvirt-compatible client API
 *
 * Only the handle type for now: virError still carries a (deprecated)
 * network pointer.  The network calls are not implemented yet.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_NETWORK_H
#define VIRTD_PUBLIC_NETWORK_H

#include <libvirt/libvirt-common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A virtual network known to a connection. */
typedef struct _virNetwork virNetwork;
typedef virNetwork *virNetworkPtr;

#ifdef __cplusplus
}
#endif

#endif /* VIRTD_PUBLIC_NETWORK_H */
