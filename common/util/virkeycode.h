/* Key codes of virDomainSendKey() in QEMU's numbering ("qnum": PC scancode
 * set 1, extended keys as 0x80 | code), the one send-key takes. */
#pragma once

#include "internal.h"
#include "virenum.h"

VIR_ENUM_DECL(virKeycodeSet);

/* The qnum of code in codeset (a virKeycodeSet), or -1 with an error
 * reported when there is none. */
int virKeycodeToQnum(unsigned int codeset, unsigned int code);
