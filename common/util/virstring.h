/* Text helpers shared by every layer. */
#pragma once

#include "internal.h"

/* Appends str to buf with the five XML specials escaped; control
 * characters XML 1.0 cannot carry are dropped. NULL appends nothing. */
void virBufferEscapeXML(GString *buf, const char *str);
