/* Included first by every header of the project: the basics every file
 * may assume (bool, GLib with its g_auto* ownership macros, config.h). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "config.h"

/* libvirt's public enums and types are the one definition of states,
 * flags and error codes for every layer (with their _LAST sentinels). */
#define VIR_ENUM_SENTINELS
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
