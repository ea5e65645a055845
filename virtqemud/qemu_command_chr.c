/* Character devices on the QEMU command line: serial and parallel
 * ports, consoles and channels, each a -chardev plus its -device. */
#include "qemu_command_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_command_chr");

/* ---- character devices ------------------------------------------------ */

/* -chardev for a host side; path overrides a missing socket path. */
int
qemuBuildChrBackend(qemuBuildCtx *ctx, const virDomainChrSourceDef *src,
                    const char *charId, const char *path)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    switch (src->type) {
    case VIR_DOMAIN_CHR_TYPE_NULL:
        qemuOptAddWord(buf, "null");
        qemuOptAdd(buf, "id", charId);
        break;
    case VIR_DOMAIN_CHR_TYPE_VC:
        qemuOptAddWord(buf, "vc");
        qemuOptAdd(buf, "id", charId);
        break;
    case VIR_DOMAIN_CHR_TYPE_PTY:
        qemuOptAddWord(buf, "pty");
        qemuOptAdd(buf, "id", charId);
        break;
    case VIR_DOMAIN_CHR_TYPE_STDIO:
        qemuOptAddWord(buf, "stdio");
        qemuOptAdd(buf, "id", charId);
        break;
    case VIR_DOMAIN_CHR_TYPE_DEV:
        qemuOptAddWord(buf, "tty");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "path", src->path);
        break;
    case VIR_DOMAIN_CHR_TYPE_FILE:
        qemuOptAddWord(buf, "file");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "path", src->path);
        if (src->append)
            qemuOptAdd(buf, "append", virTristateSwitchTypeToString(src->append));
        break;
    case VIR_DOMAIN_CHR_TYPE_PIPE:
        qemuOptAddWord(buf, "pipe");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "path", src->path);
        break;
    case VIR_DOMAIN_CHR_TYPE_UNIX:
        qemuOptAddWord(buf, "socket");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "path", src->path ? src->path : path);
        if (src->listen) {
            qemuOptAdd(buf, "server", "on");
            qemuOptAdd(buf, "wait", "off");
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_TCP:
        qemuOptAddWord(buf, "socket");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "host", src->host);
        qemuOptAdd(buf, "port", src->service);
        if (src->protocol == VIR_DOMAIN_CHR_TCP_PROTOCOL_TELNET)
            qemuOptAdd(buf, "telnet", "on");
        else if (src->protocol != VIR_DOMAIN_CHR_TCP_PROTOCOL_RAW) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "chardev protocol '%s' is not supported",
                           virDomainChrTcpProtocolTypeToString(src->protocol));
            return -1;
        }
        if (src->listen) {
            qemuOptAdd(buf, "server", "on");
            qemuOptAdd(buf, "wait", "off");
        }
        break;
    case VIR_DOMAIN_CHR_TYPE_UDP:
        qemuOptAddWord(buf, "udp");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "host", src->host ? src->host : "127.0.0.1");
        qemuOptAdd(buf, "port", src->service);
        qemuOptAdd(buf, "localaddr", src->bindHost);
        qemuOptAdd(buf, "localport", src->bindService);
        break;
    case VIR_DOMAIN_CHR_TYPE_SPICEVMC:
        qemuOptAddWord(buf, "spicevmc");
        qemuOptAdd(buf, "id", charId);
        qemuOptAdd(buf, "name", "vdagent");
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "character device type '%s' is not supported",
                       virDomainChrTypeToString(src->type));
        return -1;
    }
    if (src->logfile) {
        qemuOptAdd(buf, "logfile", src->logfile);
        if (src->logappend)
            qemuOptAdd(buf, "logappend", virTristateSwitchTypeToString(src->logappend));
    }
    qemuAddArgBuf(ctx->cmd, "-chardev", buf);
    return 0;
}

static int
qemuBuildSerial(qemuBuildCtx *ctx, const virDomainChrDef *chr, size_t idx)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autofree char *id = qemuInfoId(&chr->info, g_strdup_printf("serial%zu", idx));
    g_autofree char *charId = g_strdup_printf("char%s", id);

    if (qemuBuildChrBackend(ctx, &chr->source, charId, NULL) < 0)
        return -1;
    switch (chr->targetType) {
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_NONE:
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA:
        qemuOptAddWord(buf, "isa-serial");
        qemuOptAdd(buf, "chardev", charId);
        qemuOptAdd(buf, "id", id);
        if (chr->targetPort >= 0)
            qemuOptAddFormat(buf, "index", "%d", chr->targetPort);
        break;
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_USB:
        qemuOptAddWord(buf, "usb-serial");
        qemuOptAdd(buf, "chardev", charId);
        qemuOptAdd(buf, "id", id);
        if (qemuBuildUSBAddress(ctx, buf, &chr->info) < 0)
            return -1;
        break;
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_PCI:
        qemuOptAddWord(buf, "pci-serial");
        qemuOptAdd(buf, "chardev", charId);
        qemuOptAdd(buf, "id", id);
        if (qemuBuildPCIAddress(ctx, buf, &chr->info) < 0)
            return -1;
        break;
    case VIR_DOMAIN_CHR_SERIAL_TARGET_TYPE_ISA_DEBUG:
        qemuOptAddWord(buf, "isa-debugcon");
        qemuOptAdd(buf, "chardev", charId);
        qemuOptAdd(buf, "id", id);
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "serial target type '%s' is not supported",
                       virDomainChrSerialTargetTypeToString(chr->targetType));
        return -1;
    }
    qemuAddArgBuf(ctx->cmd, "-device", buf);
    return 0;
}

static const char *
qemuVirtioSerialBus(qemuBuildCtx *ctx, const virDomainDeviceInfo *info, char **tofree)
{
    unsigned int ctrlIdx = 0, bus = 0;
    const virDomainControllerDef *ctrl;

    if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL) {
        ctrlIdx = info->vioserial.controller;
        bus = info->vioserial.bus;
    }
    ctrl = qemuFindController(ctx->def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL, ctrlIdx);
    if (ctrl && ctrl->info.alias)
        *tofree = g_strdup_printf("%s.%u", ctrl->info.alias, bus);
    else
        *tofree = g_strdup_printf("virtio-serial%u.%u", ctrlIdx, bus);
    return *tofree;
}

/* Ports in use on the virtio-serial buses, so that devices without an
 * address get free ones: port 0 is where a guest looks for its console,
 * other devices count up from 1. */
static char *
qemuVirtioSerialPortKey(const virDomainDeviceInfo *info, unsigned int port)
{
    if (info->type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL)
        return g_strdup_printf("%u.%u.%u", info->vioserial.controller, info->vioserial.bus, port);
    return g_strdup_printf("0.0.%u", port);
}

/* The set of "controller.bus.port" keys taken by explicit addresses. */
static GHashTable *
qemuVirtioSerialPortsNew(const virDomainDef *def)
{
    GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    size_t i;

    for (i = 0; i < def->nchannels + def->nconsoles; i++) {
        const virDomainChrDef *chr = i < def->nchannels ? def->channels[i] :
                                     def->consoles[i - def->nchannels];

        if (chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL &&
            chr->info.vioserial.port)
            g_hash_table_add(used, qemuVirtioSerialPortKey(&chr->info, chr->info.vioserial.port));
    }
    return used;
}

static unsigned int
qemuVirtioSerialPortTake(GHashTable *used, const virDomainChrDef *chr, bool console)
{
    unsigned int port;

    if (chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL && chr->info.vioserial.port)
        return chr->info.vioserial.port;
    for (port = console ? 0 : 1; ; port++) {
        g_autofree char *key = qemuVirtioSerialPortKey(&chr->info, port);

        if (!g_hash_table_contains(used, key)) {
            g_hash_table_add(used, g_steal_pointer(&key));
            return port;
        }
    }
}

static int
qemuBuildVirtioSerialPort(qemuBuildCtx *ctx, const virDomainChrDef *chr, const char *device,
                          const char *charId, const char *id, GHashTable *usedPorts)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autofree char *bus = NULL;
    bool console = strcmp(device, "virtconsole") == 0;

    if (!qemuFindController(ctx->def, VIR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
                            chr->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_VIRTIO_SERIAL ?
                            chr->info.vioserial.controller : 0)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "%s device '%s' needs a virtio-serial controller", device, id);
        return -1;
    }

    qemuOptAddWord(buf, device);
    qemuOptAdd(buf, "bus", qemuVirtioSerialBus(ctx, &chr->info, &bus));
    qemuOptAddFormat(buf, "nr", "%u", qemuVirtioSerialPortTake(usedPorts, chr, console));
    qemuOptAdd(buf, "chardev", charId);
    qemuOptAdd(buf, "id", id);
    if (chr->targetName && !console)
        qemuOptAdd(buf, "name", chr->targetName);
    qemuAddArgBuf(ctx->cmd, "-device", buf);
    return 0;
}

int
qemuBuildChrDevices(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    g_autoptr(GHashTable) usedPorts = qemuVirtioSerialPortsNew(def);
    size_t i;

    for (i = 0; i < def->nserials; i++) {
        if (qemuBuildSerial(ctx, def->serials[i], i) < 0)
            return -1;
    }

    for (i = 0; i < def->nparallels; i++) {
        const virDomainChrDef *chr = def->parallels[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&chr->info, g_strdup_printf("parallel%zu", i));
        g_autofree char *charId = g_strdup_printf("char%s", id);

        if (qemuBuildChrBackend(ctx, &chr->source, charId, NULL) < 0)
            return -1;
        qemuOptAddWord(buf, "isa-parallel");
        qemuOptAdd(buf, "chardev", charId);
        qemuOptAdd(buf, "id", id);
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }

    for (i = 0; i < def->nconsoles; i++) {
        const virDomainChrDef *chr = def->consoles[i];
        g_autofree char *id = NULL;
        g_autofree char *charId = NULL;

        /* Serial consoles are their serial ports, already built. */
        if (virDomainConsoleGetSerial(def, chr))
            continue;
        if (chr->targetType != VIR_DOMAIN_CHR_CONSOLE_TARGET_TYPE_VIRTIO) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "console target type '%s' is not supported",
                           virDomainChrConsoleTargetTypeToString(chr->targetType));
            return -1;
        }
        id = qemuInfoId(&chr->info, g_strdup_printf("console%zu", i));
        charId = g_strdup_printf("char%s", id);
        if (qemuBuildChrBackend(ctx, &chr->source, charId, NULL) < 0 ||
            qemuBuildVirtioSerialPort(ctx, chr, "virtconsole", charId, id, usedPorts) < 0)
            return -1;
    }

    for (i = 0; i < def->nchannels; i++) {
        const virDomainChrDef *chr = def->channels[i];
        g_autofree char *id = qemuInfoId(&chr->info, g_strdup_printf("channel%zu", i));
        g_autofree char *charId = g_strdup_printf("char%s", id);
        g_autofree char *path = qemuBuildChannelPath(chr, ctx->params);

        if (qemuBuildChrBackend(ctx, &chr->source, charId, path) < 0)
            return -1;
        if (chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_VIRTIO) {
            if (qemuBuildVirtioSerialPort(ctx, chr, "virtserialport", charId, id, usedPorts) < 0)
                return -1;
        } else if (chr->targetType == VIR_DOMAIN_CHR_CHANNEL_TARGET_TYPE_GUESTFWD) {
            g_autoptr(GString) buf = g_string_new(NULL);
            g_autofree char *fwd = g_strdup_printf("tcp:%s:%u-chardev:%s", chr->targetAddress,
                                                   chr->targetAddressPort, charId);

            qemuOptAddWord(buf, "user");
            qemuOptAdd(buf, "guestfwd", fwd);
            qemuOptAdd(buf, "id", id);
            qemuAddArgBuf(ctx->cmd, "-netdev", buf);
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "channel target type '%s' is not supported",
                           virDomainChrChannelTargetTypeToString(chr->targetType));
            return -1;
        }
    }
    return 0;
}
