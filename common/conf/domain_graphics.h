/* <graphics>: remote displays (VNC, SPICE) and local ones. */
#pragma once

#include "internal.h"
#include "domain_device.h"

typedef enum {
    VIR_DOMAIN_GRAPHICS_TYPE_SDL = 0,
    VIR_DOMAIN_GRAPHICS_TYPE_VNC,
    VIR_DOMAIN_GRAPHICS_TYPE_RDP,
    VIR_DOMAIN_GRAPHICS_TYPE_DESKTOP,
    VIR_DOMAIN_GRAPHICS_TYPE_SPICE,
    VIR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS,
    VIR_DOMAIN_GRAPHICS_TYPE_DBUS,
    VIR_DOMAIN_GRAPHICS_TYPE_LAST
} virDomainGraphicsType;
VIR_ENUM_DECL(virDomainGraphics);

typedef enum {
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NONE = 0,   /* no <listen> at all */
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_ADDRESS,
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_NETWORK,
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_SOCKET,
    VIR_DOMAIN_GRAPHICS_LISTEN_TYPE_LAST
} virDomainGraphicsListenType;
VIR_ENUM_DECL(virDomainGraphicsListen);

typedef struct _virDomainGraphicsDef virDomainGraphicsDef;
struct _virDomainGraphicsDef {
    virDomainGraphicsType type;
    /* vnc, spice */
    int port;               /* -1 with autoport; live: the port in use */
    int tlsPort;            /* spice; -1 unset/auto */
    bool autoport;
    int websocket;          /* vnc; 0 unset, -1 auto */
    virDomainGraphicsListenType listenType;
    char *listenAddress;    /* listen type address */
    char *listenNetwork;    /* listen type network */
    char *listenSocket;     /* listen type socket */
    char *keymap;
    char *passwd;           /* formatted only with VIR_DOMAIN_DEF_FORMAT_SECURE */
    /* sdl */
    char *display;
    char *xauth;
    virTristateBool fullscreen;
};

void virDomainGraphicsDefFree(virDomainGraphicsDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainGraphicsDef, virDomainGraphicsDefFree);
