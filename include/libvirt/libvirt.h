/*
 * libvirt.h: entry point of virtd's libvirt-compatible client API
 *
 * Source compatible with the libvirt 9.0 calls we implement: a client
 * includes this one file (virterror.h comes with it) and links -lvirt.
 * The libvirt-*.h parts can also be included on their own.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_LIBVIRT_H
#define VIRTD_PUBLIC_LIBVIRT_H

#include <sys/types.h>

#include <libvirt/libvirt-common.h>
#include <libvirt/libvirt-host.h>
#include <libvirt/libvirt-domain.h>
#include <libvirt/libvirt-domain-snapshot.h>
#include <libvirt/libvirt-event.h>
#include <libvirt/libvirt-network.h>
#include <libvirt/libvirt-secret.h>
#include <libvirt/libvirt-storage.h>
#include <libvirt/libvirt-stream.h>

/* Last: it needs the handle types above. */
#include <libvirt/virterror.h>

#endif /* VIRTD_PUBLIC_LIBVIRT_H */
