/* Which local UNIX socket a connection URI leads to (PROTOCOL.md 12.2).
 *
 * A URI with a driver ("qemu", "network", "storage", ...) can be served by
 * that driver's own daemon, virt<driver>d, on <dir>/virt<driver>d-sock
 * ("direct"), or by the proxy on <dir>/libvirt-sock ("legacy"; virtproxyd
 * here, libvirtd in a monolithic install). Read-only connections use the
 * "-sock-ro" variant. <dir> is the system run directory, or the user's own
 * one for session connections of unprivileged users, where there is never
 * a read-only socket.
 *
 * This only decides paths for the unix transport; tls/tcp/ssh/... always
 * reach the proxy on the remote host. */
#pragma once

#include "internal.h"

#include "virenum.h"

/* ?mode= in the URI or remote_mode in libvirt.conf. */
typedef enum {
    VIR_REMOTE_MODE_AUTO,       /* direct if the daemon's socket exists, else legacy */
    VIR_REMOTE_MODE_DIRECT,
    VIR_REMOTE_MODE_LEGACY,

    VIR_REMOTE_MODE_LAST
} virRemoteMode;
VIR_ENUM_DECL(virRemoteMode);

/* ?proxy= in the URI or remote_proxy in libvirt.conf: what runs on the far
 * side of an ssh connection. */
typedef enum {
    VIR_REMOTE_PROXY_AUTO,      /* virt-ssh-helper if installed there, else netcat */
    VIR_REMOTE_PROXY_NETCAT,
    VIR_REMOTE_PROXY_NATIVE,    /* virt-ssh-helper */

    VIR_REMOTE_PROXY_LAST
} virRemoteProxy;
VIR_ENUM_DECL(virRemoteProxy);

typedef struct {
    const char *runDir;      /* system sockets: ROOT/run/libvirt (libvirt's own clients say /var/run/libvirt) */
    const char *userRunDir;  /* session sockets: $XDG_RUNTIME_DIR/libvirt, or ~/.cache/libvirt */
    bool privileged;         /* euid == 0 */
} virRemoteSocketEnv;

/* The user run directory as libvirt computes it: $XDG_RUNTIME_DIR/libvirt,
 * else $XDG_CACHE_HOME/libvirt, else $HOME/.cache/libvirt (read from the
 * environment at each call). */
char *virRemoteSocketGetUserRunDir(void);

/* True when the connection goes to the user's own daemons (userRunDir):
 * an unprivileged caller with URI path "/session", with the "test" driver
 * (only reached remotely, as test+unix://), or with no URI at all
 * (driver NULL). Root always uses the system sockets. */
bool virRemoteSocketIsSession(const virRemoteSocketEnv *env, const char *driver,
                              const char *uriPath);

/* Decides the socket for driver (the scheme before '+', NULL when there is
 * no URI) and uriPath ("/system", "/session", NULL):
 *   - socketOverride (?socket=) wins;
 *   - no driver: the proxy's socket in every mode;
 *   - direct: <dir>/virt<driver>d-sock[-ro];
 *   - legacy: <dir>/libvirt-sock[-ro];
 *   - auto: direct when that file exists, else legacy (what Debian's
 *     clients do when neither exists).
 * *daemonName is the daemon expected to listen there ("virtqemud",
 * "virtproxyd"); with an override it is taken from the socket's file name
 * when that follows the naming above, else NULL. Outputs are written only
 * on success; -1 with VIR_ERR_INVALID_ARG reported for a bad driver name,
 * mode or override. */
int virRemoteSocketChoose(const virRemoteSocketEnv *env, const char *driver,
                          const char *uriPath, bool readonly, virRemoteMode mode,
                          const char *socketOverride, char **path, char **daemonName);

/* The message for a failed connect(2) to path, naming the daemon expected
 * there and how to start it, e.g.
 *   Failed to connect socket to '/run/libvirt/virtqemud-sock': No such file
 *   or directory (is virtqemud running? Start it with 'systemctl start
 *   virtqemud.socket' or 'virtqemud --daemon')
 * daemonName may be NULL (unknown). session: a per-user daemon, which has
 * no systemd unit (the client starts it unless LIBVIRT_AUTOSTART=0). */
char *virRemoteSocketConnectErrorMessage(const char *path, const char *daemonName,
                                         bool session, int errnum);

/* Reports that message as VIR_ERR_SYSTEM_ERROR (VIR_FROM_REMOTE); returns -1. */
int virRemoteSocketReportConnectError(const char *path, const char *daemonName,
                                      bool session, int errnum);
