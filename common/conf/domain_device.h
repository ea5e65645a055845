/* What every device of a domain has: a guest address, an alias (the QEMU
 * id, live data) and an optional boot order. */
#pragma once

#include "internal.h"
#include "virenum.h"
#include "virxml.h"

typedef enum {
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_NONE = 0,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_PCI,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_DRIVE,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_USB,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA,
    VIR_DOMAIN_DEVICE_ADDRESS_TYPE_LAST
} virDomainDeviceAddressType;
VIR_ENUM_DECL(virDomainDeviceAddress);

typedef struct {
    unsigned int domain;
    unsigned int bus;
    unsigned int slot;
    unsigned int function;
    virTristateSwitch multi;
} virPCIDeviceAddress;

typedef struct {
    unsigned int controller;
    unsigned int bus;
    unsigned int target;
    unsigned int unit;
} virDomainDeviceDriveAddress;

typedef struct {
    unsigned int controller;
    unsigned int bus;
    unsigned int port;
} virDomainDeviceVirtioSerialAddress;

typedef struct {
    unsigned int bus;
    char *port;             /* "1" or a hub path such as "1.2"; may be NULL */
} virDomainDeviceUSBAddress;

typedef struct {
    unsigned int iobase;    /* 0 when unset */
    unsigned int irq;       /* 0 when unset */
} virDomainDeviceISAAddress;

typedef struct {
    char *alias;            /* live, except user aliases ("ua-...") */
    virDomainDeviceAddressType type;
    /* Only the member matching type is meaningful. */
    virPCIDeviceAddress pci;
    virDomainDeviceDriveAddress drive;
    virDomainDeviceVirtioSerialAddress vioserial;
    virDomainDeviceUSBAddress usb;
    virDomainDeviceISAAddress isa;
    unsigned int bootIndex; /* <boot order='N'/>, 0 when unset */
} virDomainDeviceInfo;

void virDomainDeviceInfoClear(virDomainDeviceInfo *info);
void virDomainDeviceInfoCopy(virDomainDeviceInfo *dst, const virDomainDeviceInfo *src);
