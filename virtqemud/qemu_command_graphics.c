/* Input devices, displays (VNC, SPICE, SDL...) and video cards on the
 * QEMU command line. */
#include "qemu_command_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_command_graphics");

/* VNC displays are numbered from this TCP port. */
#define QEMU_VNC_PORT_MIN 5900
#define QEMU_VNC_PORT_MAX 65535
/* With automatic ports QEMU searches displays 0..QEMU_VNC_AUTO_DISPLAYS. */
#define QEMU_VNC_AUTO_DISPLAYS 100
#define QEMU_DEFAULT_LISTEN "127.0.0.1"

/* ---- input, display, video ------------------------------------------- */

int
qemuBuildInputs(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        const virDomainInputDef *input = def->inputs[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&input->info, g_strdup_printf("input%zu", i));
        static const char *const usbDevs[] = { "usb-mouse", "usb-tablet", "usb-kbd" };
        static const char *const virtioDevs[] = { "virtio-mouse-pci", "virtio-tablet-pci",
                                                  "virtio-keyboard-pci" };

        if (input->type == VIR_DOMAIN_INPUT_TYPE_EVDEV) {
            qemuOptAddWord(buf, "input-linux");
            qemuOptAdd(buf, "id", id);
            qemuOptAdd(buf, "evdev", input->evdev);
            qemuAddArgBuf(ctx->cmd, "-object", buf);
            continue;
        }
        switch (input->bus) {
        case VIR_DOMAIN_INPUT_BUS_PS2:
            if (input->type == VIR_DOMAIN_INPUT_TYPE_TABLET) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "a tablet cannot use bus 'ps2'");
                return -1;
            }
            /* The PC's i8042 already provides both. */
            continue;
        case VIR_DOMAIN_INPUT_BUS_USB:
            if (input->type > VIR_DOMAIN_INPUT_TYPE_KBD)
                goto unsupported;
            qemuOptAddWord(buf, usbDevs[input->type]);
            qemuOptAdd(buf, "id", id);
            if (qemuBuildUSBAddress(ctx, buf, &input->info) < 0)
                return -1;
            break;
        case VIR_DOMAIN_INPUT_BUS_VIRTIO:
            if (input->type == VIR_DOMAIN_INPUT_TYPE_PASSTHROUGH) {
                qemuOptAddWord(buf, "virtio-input-host-pci");
                qemuOptAdd(buf, "id", id);
                qemuOptAdd(buf, "evdev", input->evdev);
            } else {
                qemuOptAddWord(buf, virtioDevs[input->type]);
                qemuOptAdd(buf, "id", id);
            }
            if (qemuBuildPCIAddress(ctx, buf, &input->info) < 0)
                return -1;
            break;
        default:
            goto unsupported;
        }
        qemuAddArgBuf(ctx->cmd, "-device", buf);
        continue;

     unsupported:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "input device '%s' on bus '%s' is not supported",
                       virDomainInputTypeToString(input->type),
                       virDomainInputBusTypeToString(input->bus));
        return -1;
    }
    return 0;
}

static void
qemuBuildListenAddress(GString *buf, const char *addr)
{
    if (strchr(addr, ':'))
        g_string_append_printf(buf, "[%s]", addr);
    else
        g_string_append(buf, addr);
}

static int
qemuBuildVNC(qemuBuildCtx *ctx, const virDomainGraphicsDef *gfx)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    if (gfx->listenType == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET) {
        g_string_append(buf, "unix:");
        g_string_append(buf, gfx->listenSocket);
    } else {
        const char *addr = gfx->listenAddress ? gfx->listenAddress : QEMU_DEFAULT_LISTEN;

        if (gfx->port > 0 && (gfx->port < QEMU_VNC_PORT_MIN || gfx->port > QEMU_VNC_PORT_MAX)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "VNC port %d is outside %d-%d",
                           gfx->port, QEMU_VNC_PORT_MIN, QEMU_VNC_PORT_MAX);
            return -1;
        }
        if (gfx->listenType == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK && !gfx->listenAddress) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "VNC listen network '%s' was not resolved to an address",
                           gfx->listenNetwork);
            return -1;
        }
        qemuBuildListenAddress(buf, addr);
        if (gfx->port > 0) {
            g_string_append_printf(buf, ":%d", gfx->port - QEMU_VNC_PORT_MIN);
        } else {
            /* QEMU takes the first free display; the driver asks which. */
            g_string_append(buf, ":0");
            qemuOptAddFormat(buf, "to", "%d", QEMU_VNC_AUTO_DISPLAYS);
        }
        if (gfx->websocket > 0)
            qemuOptAddFormat(buf, "websocket", "%d", gfx->websocket);
        else if (gfx->websocket == -1)
            qemuOptAdd(buf, "websocket", "on");
    }
    /* The password itself goes through the monitor, never argv. */
    if (gfx->passwd)
        qemuOptAdd(buf, "password", "on");
    qemuAddArgBuf(ctx->cmd, "-vnc", buf);
    if (gfx->keymap)
        qemuAddArgs(ctx->cmd, "-k", gfx->keymap, NULL);
    return 0;
}

static int
qemuBuildSpice(qemuBuildCtx *ctx, const virDomainGraphicsDef *gfx)
{
    g_autoptr(GString) buf = g_string_new(NULL);

    if (gfx->listenType == VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET) {
        qemuOptAdd(buf, "unix", "on");
        qemuOptAdd(buf, "addr", gfx->listenSocket);
    } else {
        if (gfx->port > 0)
            qemuOptAddFormat(buf, "port", "%d", gfx->port);
        else if (gfx->tlsPort <= 0)
            /* SPICE has no automatic port search: the driver must pick one. */
            qemuOptAddFormat(buf, "port", "%d", QEMU_VNC_PORT_MIN);
        if (gfx->tlsPort > 0)
            qemuOptAddFormat(buf, "tls-port", "%d", gfx->tlsPort);
        qemuOptAdd(buf, "addr", gfx->listenAddress ? gfx->listenAddress : QEMU_DEFAULT_LISTEN);
    }
    if (!gfx->passwd)
        qemuOptAdd(buf, "disable-ticketing", "on");
    qemuOptAdd(buf, "seamless-migration", "on");
    qemuAddArgBuf(ctx->cmd, "-spice", buf);
    if (gfx->keymap)
        qemuAddArgs(ctx->cmd, "-k", gfx->keymap, NULL);
    return 0;
}

int
qemuBuildGraphics(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->ngraphics; i++) {
        const virDomainGraphicsDef *gfx = def->graphics[i];

        switch (gfx->type) {
        case VIR_DOMAIN_GRAPHICS_TYPE_VNC:
            if (qemuBuildVNC(ctx, gfx) < 0)
                return -1;
            break;
        case VIR_DOMAIN_GRAPHICS_TYPE_SPICE:
            if (qemuBuildSpice(ctx, gfx) < 0)
                return -1;
            break;
        case VIR_DOMAIN_GRAPHICS_TYPE_SDL:
            if (gfx->display)
                virCommandAddEnvPair(ctx->cmd, "DISPLAY", gfx->display);
            if (gfx->xauth)
                virCommandAddEnvPair(ctx->cmd, "XAUTHORITY", gfx->xauth);
            qemuAddArgs(ctx->cmd, "-display",
                                 gfx->fullscreen == VIR_TRISTATE_BOOL_YES ? "sdl,full-screen=on" : "sdl",
                                 NULL);
            break;
        case VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS:
            qemuAddArgs(ctx->cmd, "-display", "egl-headless", NULL);
            break;
        case VIR_DOMAIN_GRAPHICS_TYPE_DBUS:
            qemuAddArgs(ctx->cmd, "-display", "dbus", NULL);
            break;
        default:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "graphics type '%s' is not supported",
                           virDomainGraphicsTypeToString(gfx->type));
            return -1;
        }
    }
    return 0;
}

static const char *
qemuVideoDevice(const virDomainVideoDef *video)
{
    switch (video->type) {
    case VIR_DOMAIN_VIDEO_TYPE_VGA:
        return video->primary ? "VGA" : "secondary-vga";
    case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
        return "cirrus-vga";
    case VIR_DOMAIN_VIDEO_TYPE_VMVGA:
        return "vmware-svga";
    case VIR_DOMAIN_VIDEO_TYPE_QXL:
        return video->primary ? "qxl-vga" : "qxl";
    case VIR_DOMAIN_VIDEO_TYPE_VIRTIO:
        return video->primary ? "virtio-vga" : "virtio-gpu-pci";
    case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
        return "bochs-display";
    case VIR_DOMAIN_VIDEO_TYPE_RAMFB:
        return "ramfb";
    default:
        return NULL;
    }
}

int
qemuBuildVideos(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->nvideos; i++) {
        const virDomainVideoDef *video = def->videos[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&video->info, g_strdup_printf("video%zu", i));
        const char *dev;

        if (video->type == VIR_DOMAIN_VIDEO_TYPE_NONE)
            continue;
        if (!(dev = qemuVideoDevice(video))) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "video model '%s' is not supported",
                           virDomainVideoTypeToString(video->type));
            return -1;
        }
        if (video->accel3d == VIR_TRISTATE_BOOL_YES) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "3D acceleration of video devices is not supported");
            return -1;
        }
        qemuOptAddWord(buf, dev);
        qemuOptAdd(buf, "id", id);
        switch (video->type) {
        case VIR_DOMAIN_VIDEO_TYPE_VGA:
        case VIR_DOMAIN_VIDEO_TYPE_CIRRUS:
        case VIR_DOMAIN_VIDEO_TYPE_VMVGA:
            if (video->vram)
                qemuOptAddFormat(buf, "vgamem_mb", "%u", MAX(video->vram / 1024, 1));
            break;
        case VIR_DOMAIN_VIDEO_TYPE_QXL:
            if (video->ram)
                qemuOptAddFormat(buf, "ram_size", "%llu", video->ram * 1024ULL);
            if (video->vram)
                qemuOptAddFormat(buf, "vram_size", "%llu", video->vram * 1024ULL);
            if (video->vgamem)
                qemuOptAddFormat(buf, "vgamem_mb", "%u", MAX(video->vgamem / 1024, 1));
            if (video->heads)
                qemuOptAddFormat(buf, "max_outputs", "%u", video->heads);
            break;
        case VIR_DOMAIN_VIDEO_TYPE_VIRTIO:
            if (video->heads)
                qemuOptAddFormat(buf, "max_outputs", "%u", video->heads);
            break;
        case VIR_DOMAIN_VIDEO_TYPE_BOCHS:
            if (video->vram)
                qemuOptAddFormat(buf, "vgamem", "%uk", video->vram);
            break;
        default:
            break;
        }
        if (video->type != VIR_DOMAIN_VIDEO_TYPE_RAMFB &&
            qemuBuildPCIAddress(ctx, buf, &video->info) < 0)
            return -1;
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }
    return 0;
}
