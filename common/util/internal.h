/* Included first by every header of the project: the basics every file
 * may assume (bool, GLib with its g_auto* ownership macros, config.h). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

#include "config.h"
