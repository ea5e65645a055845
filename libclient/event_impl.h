/* What the rest of libclient needs from the event loop API. */
#pragma once

#include "internal.h"

/* True once an application registered a loop (default or its own);
 * events are only delivered then, as in libvirt. */
bool virEventHaveImpl(void);
