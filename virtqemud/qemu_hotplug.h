/* Attaching and detaching devices of persistent and running guests. */
#pragma once

#include "internal.h"
#include "driver.h"
#include "virdomainobj.h"

int qemuDomainAttachDeviceFlags(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                                unsigned int flags);
int qemuDomainDetachDeviceFlags(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                                unsigned int flags);
int qemuDomainDetachDeviceAlias(virDrvConnect *conn, virDrvDomain *dom, const char *alias,
                                unsigned int flags);
/* Changing the media of cdrom and floppy drives (virsh change-media). */
int qemuDomainUpdateDeviceFlags(virDrvConnect *conn, virDrvDomain *dom, const char *xml,
                                unsigned int flags);
/* QEMU's DEVICE_DELETED for alias (event pool, obj locked). */
void qemuHotplugDeviceDeleted(virDomainObj *obj, const char *alias);
