/* Character devices: <serial>, <console>, <channel>, <parallel>.
 * A console whose target type is 'serial' is a second view of the serial
 * port with the same number: it is formatted from that serial's source. */
#pragma once

#include "internal.h"
#include "domain_device.h"

typedef enum {
    VIR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL = 0,
    VIR_DOMAIN_CHR_DEVICE_TYPE_SERIAL,
    VIR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE,
    VIR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL,
    VIR_DOMAIN_CHR_DEVICE_TYPE_LAST
} virDomainChrDeviceType;
VIR_ENUM_DECL(virDomainChrDevice);

/* The host side of a character device. */
typedef enum {
    VIR_DOMAIN_CHR_TYPE_NULL = 0,
    VIR_DOMAIN_CHR_TYPE_VC,
    VIR_DOMAIN_CHR_TYPE_PTY,
    VIR_DOMAIN_CHR_TYPE_DEV,
    VIR_DOMAIN_CHR_TYPE_FILE,
    VIR_DOMAIN_CHR_TYPE_PIPE,
    VIR_DOMAIN_CHR_TYPE_STDIO,
    VIR_DOMAIN_CHR_TYPE_UDP,
    VIR_DOMAIN_CHR_TYPE_TCP,
    VIR_DOMAIN_CHR_TYPE_UNIX,
    VIR_DOMAIN_CHR_TYPE_SPICEVMC,
    VIR_DOMAIN_CHR_TYPE_SPICEPORT,
    VIR_DOMAIN_CHR_TYPE_NMDM,
    VIR_DOMAIN_CHR_TYPE_QEMU_VDAGENT,
    VIR_DOMAIN_CHR_TYPE_DBUS,
    VIR_DOMAIN_CHR_TYPE_LAST
} virDomainChrType;
VIR_ENUM_DECL(virDomainChr);

typedef enum {
    VIR_DOMAIN_CHR_TCP_PROTOCOL_RAW = 0,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNET,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNETS,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_TLS,
    VIR_DOMAIN_CHR_TCP_PROTOCOL_LAST
} virDomainChrTcpProtocol;
VIR_ENUM_DECL(virDomainChrTcpProtocol);

typedef enum {
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE = 0,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SPAPR_VIO,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SYSTEM,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_SCLP,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA_DEBUG,
    VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_LAST
} virDomainChrSerialTargetType;
VIR_ENUM_DECL(virDomainChrSerialTarget);

typedef enum {
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_NONE = 0,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_ISA_SERIAL,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_USB_SERIAL,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_PCI_SERIAL,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_SPAPR_VTY,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_PL011,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_SCLPCONSOLE,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_SCLPLMCONSOLE,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_16550A,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_DEBUGCON,
    VIR_DOMAIN_CHR_SERIAL_TARGET_MODEL_LAST
} virDomainChrSerialTargetModel;
VIR_ENUM_DECL(virDomainChrSerialTargetModel);

typedef enum {
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_NONE = 0,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SERIAL,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_XEN,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_UML,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LXC,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_OPENVZ,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SCLP,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_SCLPLM,
    VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_LAST
} virDomainChrConsoleTargetType;
VIR_ENUM_DECL(virDomainChrConsoleTarget);

typedef enum {
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_NONE = 0,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_XEN,
    VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_LAST
} virDomainChrChannelTargetType;
VIR_ENUM_DECL(virDomainChrChannelTarget);

typedef enum {
    VIR_DOMAIN_CHR_DEVICE_STATE_DEFAULT = 0,
    VIR_DOMAIN_CHR_DEVICE_STATE_CONNECTED,
    VIR_DOMAIN_CHR_DEVICE_STATE_DISCONNECTED,
    VIR_DOMAIN_CHR_DEVICE_STATE_LAST
} virDomainChrDeviceState;
VIR_ENUM_DECL(virDomainChrDeviceState);

typedef struct {
    virDomainChrType type;
    char *path;             /* file, dev, pipe, unix; for pty see ptyPath */
    char *ptyPath;          /* live: the pty QEMU allocated, set by the driver */
    virTristateSwitch append;   /* file */
    bool listen;            /* unix/tcp: mode='bind' (server) */
    char *host;             /* tcp; udp remote end */
    char *service;
    char *bindHost;         /* udp local end */
    char *bindService;
    virDomainChrTcpProtocol protocol;
    char *logfile;          /* <log file=>: copy of the output */
    virTristateSwitch logappend;
} virDomainChrSourceDef;

typedef struct _virDomainChrDef virDomainChrDef;
struct _virDomainChrDef {
    virDomainChrDeviceType deviceType;
    virDomainChrSourceDef source;   /* unused for a console aliasing a serial */

    /* <target>: the meaning of targetType depends on deviceType. */
    int targetType;
    virDomainChrSerialTargetModel targetModel;  /* serial only */
    int targetPort;             /* -1 when unset */
    char *targetName;           /* channel (virtio) */
    char *targetAddress;        /* channel (guestfwd) */
    unsigned int targetAddressPort;
    virDomainChrDeviceState targetState;        /* live, virtio channels */

    virDomainDeviceInfo info;
};

void virDomainChrDefFree(virDomainChrDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainChrDef, virDomainChrDefFree);

void virDomainChrSourceDefClear(virDomainChrSourceDef *src);
void virDomainChrSourceDefCopy(virDomainChrSourceDef *dst, const virDomainChrSourceDef *src);
