/* virsh console: the guest's serial pty over an RPC stream. */
#pragma once

#include "internal.h"
#include "driver.h"

typedef struct _qemuConsole qemuConsole;

/* The domainOpenConsole slot. */
int qemuDomainOpenConsole(virDrvConnect *conn, virDrvDomain *dom, const char *devname,
                          virNetServerStream *st, unsigned int flags);
