/* The small device families: <controller>, <input>, <video>,
 * <memballoon>, <rng>. */
#pragma once

#include "internal.h"
#include "domain_device.h"

typedef enum {
    VIR_DOMAIN_CONTROLLER_TYPE_IDE = 0,
    VIR_DOMAIN_CONTROLLER_TYPE_FDC,
    VIR_DOMAIN_CONTROLLER_TYPE_SCSI,
    VIR_DOMAIN_CONTROLLER_TYPE_SATA,
    VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
    VIR_DOMAIN_CONTROLLER_TYPE_CCID,
    VIR_DOMAIN_CONTROLLER_TYPE_USB,
    VIR_DOMAIN_CONTROLLER_TYPE_PCI,
    VIR_DOMAIN_CONTROLLER_TYPE_XENBUS,
    VIR_DOMAIN_CONTROLLER_TYPE_ISA,
    VIR_DOMAIN_CONTROLLER_TYPE_LAST
} virDomainControllerType;
VIR_ENUM_DECL(virDomainController);

/* Models, one table per controller type; -1 means unset. */
typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT = 0,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT,
    VIR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE,
    VIR_DOMAIN_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT,
    VIR_DOMAIN_CONTROLLER_MODEL_PCI_EXPANDER_BUS,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_EXPANDER_BUS,
    VIR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE,
    VIR_DOMAIN_CONTROLLER_MODEL_PCI_LAST
} virDomainControllerModelPCI;
VIR_ENUM_DECL(virDomainControllerModelPCI);

typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_AUTO = 0,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_BUSLOGIC,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1068,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VMPVSCSI,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_IBMVSCSI,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1078,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_NCR53C90,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_AM53C974,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_DC390,
    VIR_DOMAIN_CONTROLLER_MODEL_SCSI_LAST
} virDomainControllerModelSCSI;
VIR_ENUM_DECL(virDomainControllerModelSCSI);

typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI = 0,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_PIIX4_UHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_EHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_VT82C686B_UHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_PCI_OHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_NEC_XHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_QUSB1,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_QUSB2,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_NONE,
    VIR_DOMAIN_CONTROLLER_MODEL_USB_LAST
} virDomainControllerModelUSB;
VIR_ENUM_DECL(virDomainControllerModelUSB);

typedef enum {
    VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO = 0,
    VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_TRANSITIONAL,
    VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_NON_TRANSITIONAL,
    VIR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_LAST
} virDomainControllerModelVirtioSerial;
VIR_ENUM_DECL(virDomainControllerModelVirtioSerial);

typedef struct _virDomainControllerDef virDomainControllerDef;
struct _virDomainControllerDef {
    virDomainControllerType type;
    int idx;                /* index= */
    int model;              /* one of the model enums above, -1 unset */
    int ports;              /* usb, virtio-serial; -1 unset */
    int vectors;            /* virtio-serial; -1 unset */
    unsigned int queues;    /* <driver queues=> (virtio-scsi), 0 unset */
    /* pci */
    char *modelName;        /* <model name=> */
    int chassis;            /* <target chassis=>, -1 unset */
    int port;               /* <target port=>, -1 unset */
    int busNr;              /* <target busNr=>, -1 unset */
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_INPUT_TYPE_MOUSE = 0,
    VIR_DOMAIN_INPUT_TYPE_TABLET,
    VIR_DOMAIN_INPUT_TYPE_KBD,
    VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH,
    VIR_DOMAIN_INPUT_TYPE_EVDEV,
    VIR_DOMAIN_INPUT_TYPE_LAST
} virDomainInputType;
VIR_ENUM_DECL(virDomainInput);

typedef enum {
    VIR_DOMAIN_INPUT_BUS_DEFAULT = 0,
    VIR_DOMAIN_INPUT_BUS_PS2,
    VIR_DOMAIN_INPUT_BUS_USB,
    VIR_DOMAIN_INPUT_BUS_XEN,
    VIR_DOMAIN_INPUT_BUS_PARALLELS,
    VIR_DOMAIN_INPUT_BUS_VIRTIO,
    VIR_DOMAIN_INPUT_BUS_NONE,
    VIR_DOMAIN_INPUT_BUS_LAST
} virDomainInputBus;
VIR_ENUM_DECL(virDomainInputBus);

typedef struct _virDomainInputDef virDomainInputDef;
struct _virDomainInputDef {
    virDomainInputType type;
    virDomainInputBus bus;
    char *evdev;            /* passthrough/evdev: <source evdev=|dev=> */
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_VIDEO_TYPE_DEFAULT = 0,
    VIR_DOMAIN_VIDEO_TYPE_VGA,
    VIR_DOMAIN_VIDEO_TYPE_CIRRUS,
    VIR_DOMAIN_VIDEO_TYPE_VMVGA,
    VIR_DOMAIN_VIDEO_TYPE_XEN,
    VIR_DOMAIN_VIDEO_TYPE_VBOX,
    VIR_DOMAIN_VIDEO_TYPE_QXL,
    VIR_DOMAIN_VIDEO_TYPE_PARALLELS,
    VIR_DOMAIN_VIDEO_TYPE_VIRTIO,
    VIR_DOMAIN_VIDEO_TYPE_GOP,
    VIR_DOMAIN_VIDEO_TYPE_NONE,
    VIR_DOMAIN_VIDEO_TYPE_BOCHS,
    VIR_DOMAIN_VIDEO_TYPE_RAMFB,
    VIR_DOMAIN_VIDEO_TYPE_LAST
} virDomainVideoType;
VIR_ENUM_DECL(virDomainVideo);

typedef struct _virDomainVideoDef virDomainVideoDef;
struct _virDomainVideoDef {
    virDomainVideoType type;
    unsigned int ram;       /* KiB, qxl */
    unsigned int vram;      /* KiB */
    unsigned int vgamem;    /* KiB, qxl */
    unsigned int heads;
    bool primary;
    virTristateBool accel3d;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO = 0,
    VIR_DOMAIN_MEMBALLOON_MODEL_XEN,
    VIR_DOMAIN_MEMBALLOON_MODEL_NONE,
    VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL,
    VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL,
    VIR_DOMAIN_MEMBALLOON_MODEL_LAST
} virDomainMemballoonModel;
VIR_ENUM_DECL(virDomainMemballoonModel);

typedef struct _virDomainMemballoonDef virDomainMemballoonDef;
struct _virDomainMemballoonDef {
    virDomainMemballoonModel model;
    virTristateSwitch autodeflate;
    virTristateSwitch freePageReporting;
    unsigned int period;    /* <stats period=> seconds, 0 unset */
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_RNG_MODEL_VIRTIO = 0,
    VIR_DOMAIN_RNG_MODEL_VIRTIO_TRANSITIONAL,
    VIR_DOMAIN_RNG_MODEL_VIRTIO_NON_TRANSITIONAL,
    VIR_DOMAIN_RNG_MODEL_LAST
} virDomainRNGModel;
VIR_ENUM_DECL(virDomainRNGModel);

typedef enum {
    VIR_DOMAIN_RNG_BACKEND_RANDOM = 0,
    VIR_DOMAIN_RNG_BACKEND_EGD,
    VIR_DOMAIN_RNG_BACKEND_BUILTIN,
    VIR_DOMAIN_RNG_BACKEND_LAST
} virDomainRNGBackend;
VIR_ENUM_DECL(virDomainRNGBackend);

typedef struct _virDomainRNGDef virDomainRNGDef;
struct _virDomainRNGDef {
    virDomainRNGModel model;
    virDomainRNGBackend backend;
    char *device;           /* random: /dev/urandom ... */
    unsigned int rateBytes; /* <rate bytes= period=>, 0 unset */
    unsigned int ratePeriod;
    virDomainDeviceInfo info;
};

void virDomainControllerDefFree(virDomainControllerDef *def);
void virDomainInputDefFree(virDomainInputDef *def);
void virDomainVideoDefFree(virDomainVideoDef *def);
void virDomainMemballoonDefFree(virDomainMemballoonDef *def);
void virDomainRNGDefFree(virDomainRNGDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainControllerDef, virDomainControllerDefFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainInputDef, virDomainInputDefFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainVideoDef, virDomainVideoDefFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainMemballoonDef, virDomainMemballoonDefFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainRNGDef, virDomainRNGDefFree);

/* The model of a controller as text ("pci-root", "qemu-xhci"...), or NULL. */
const char *virDomainControllerModelToString(const virDomainControllerDef *def);
