#include "remote_sockets.h"

#include <errno.h>
#include <string.h>

#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

VIR_LOG_INIT("libclient.remote_sockets");

VIR_ENUM_IMPL(virRemoteMode, VIR_REMOTE_MODE_LAST,
              "auto", "direct", "legacy");

VIR_ENUM_IMPL(virRemoteProxy, VIR_REMOTE_PROXY_LAST,
              "auto", "netcat", "native");

/* The proxy's sockets keep libvirtd's names so that old clients find it. */
#define VIR_REMOTE_PROXY_PREFIX "libvirt"
#define VIR_REMOTE_PROXY_DAEMON "virtproxyd"

static const char *
virRemoteSocketGetEnv(const char *name)
{
    const char *val = g_getenv(name);

    return val && *val ? val : NULL;
}

char *
virRemoteSocketGetUserRunDir(void)
{
    const char *dir = virRemoteSocketGetEnv("XDG_RUNTIME_DIR");
    const char *home;

    if (dir)
        return g_build_filename(dir, "libvirt", NULL);
    if ((dir = virRemoteSocketGetEnv("XDG_CACHE_HOME")))
        return g_build_filename(dir, "libvirt", NULL);
    if (!(home = virRemoteSocketGetEnv("HOME")))
        home = g_get_home_dir();
    return g_build_filename(home, ".cache", "libvirt", NULL);
}

bool
virRemoteSocketIsSession(const virRemoteSocketEnv *env, const char *driver,
                         const char *uriPath)
{
    if (env->privileged)
        return false;
    return !driver ||
           g_strcmp0(uriPath, "/session") == 0 ||
           strcmp(driver, "test") == 0;
}

static bool
virRemoteSocketDriverIsValid(const char *driver)
{
    const char *p;

    if (!*driver)
        return false;
    for (p = driver; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-' && *p != '.')
            return false;
    }
    return true;
}

/* <dir>/<prefix>-sock[-ro]; a session directory has no read-only socket. */
static char *
virRemoteSocketBuildPath(const char *dir, const char *prefix, bool readonly)
{
    g_autofree char *name = g_strdup_printf("%s-sock%s", prefix, readonly ? "-ro" : "");

    return g_build_filename(dir, name, NULL);
}

/* "virtqemud" for .../virtqemud-sock[-ro], "virtproxyd" for
 * .../libvirt-sock[-ro], NULL for a name that follows neither form. */
static char *
virRemoteSocketDaemonFromPath(const char *path)
{
    g_autofree char *base = g_path_get_basename(path);
    char *suffix = g_strrstr(base, "-sock");

    if (!suffix || (strcmp(suffix, "-sock") != 0 && strcmp(suffix, "-sock-ro") != 0))
        return NULL;
    *suffix = '\0';
    if (strcmp(base, VIR_REMOTE_PROXY_PREFIX) == 0)
        return g_strdup(VIR_REMOTE_PROXY_DAEMON);
    if (strlen(base) > strlen("virtd") && g_str_has_prefix(base, "virt") &&
        g_str_has_suffix(base, "d") && virRemoteSocketDriverIsValid(base))
        return g_strdup(base);
    return NULL;
}

int
virRemoteSocketChoose(const virRemoteSocketEnv *env, const char *driver,
                      const char *uriPath, bool readonly, virRemoteMode mode,
                      const char *socketOverride, char **path, char **daemonName)
{
    bool session = virRemoteSocketIsSession(env, driver, uriPath);
    const char *dir = session ? env->userRunDir : env->runDir;
    g_autofree char *directDaemon = NULL;
    g_autofree char *directPath = NULL;
    g_autofree char *chosenPath = NULL;
    g_autofree char *chosenDaemon = NULL;

    if ((int)mode < 0 || (int)mode >= VIR_REMOTE_MODE_LAST) {
        virReportError(VIR_ERR_INVALID_ARG, "unknown remote mode %d", (int)mode);
        return -1;
    }
    if (driver && !virRemoteSocketDriverIsValid(driver)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "driver name '%s' cannot name a daemon socket", driver);
        return -1;
    }

    if (socketOverride) {
        if (!*socketOverride) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           "the socket parameter of the URI is empty");
            return -1;
        }
        VIR_DEBUG("socket=%s given in the URI", socketOverride);
        *path = g_strdup(socketOverride);
        *daemonName = virRemoteSocketDaemonFromPath(socketOverride);
        return 0;
    }

    if (!dir) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "no %s run directory to look for sockets in",
                       session ? "user" : "system");
        return -1;
    }
    /* Only the system directory has read-only sockets. */
    if (session)
        readonly = false;

    if (driver) {
        directDaemon = g_strdup_printf("virt%sd", driver);
        directPath = virRemoteSocketBuildPath(dir, directDaemon, readonly);
    }

    if (mode == VIR_REMOTE_MODE_AUTO)
        mode = directPath && virFileExists(directPath) ? VIR_REMOTE_MODE_DIRECT
                                                       : VIR_REMOTE_MODE_LEGACY;

    if (mode == VIR_REMOTE_MODE_DIRECT && directPath) {
        chosenPath = g_steal_pointer(&directPath);
        chosenDaemon = g_steal_pointer(&directDaemon);
    } else {
        /* Legacy, or no URI: the proxy picks the driver itself. */
        chosenPath = virRemoteSocketBuildPath(dir, VIR_REMOTE_PROXY_PREFIX, readonly);
        chosenDaemon = g_strdup(VIR_REMOTE_PROXY_DAEMON);
    }

    VIR_DEBUG("driver=%s path=%s ro=%d session=%d: %s (%s) in mode %s",
              driver ? driver : "(none)", uriPath ? uriPath : "(none)", readonly,
              session, chosenPath, chosenDaemon, virRemoteModeTypeToString(mode));
    *path = g_steal_pointer(&chosenPath);
    *daemonName = g_steal_pointer(&chosenDaemon);
    return 0;
}

/* What to do about errnum, or NULL when there is nothing useful to add. */
static char *
virRemoteSocketHint(const char *path, const char *daemonName, bool session, int errnum)
{
    bool ro = g_str_has_suffix(path, "-sock-ro");

    if (errnum == EACCES || errnum == EPERM) {
        if (ro)
            return g_strdup("this user may not use the socket; check its permissions");
        return g_strdup("this user may not use the socket; check its permissions or connect read-only");
    }
    if (errnum != ENOENT && errnum != ECONNREFUSED)
        return NULL;
    if (!daemonName)
        return g_strdup("is the daemon that should listen there running?");
    if (session)
        return g_strdup_printf("is %s running? Start it with '%s --daemon'",
                               daemonName, daemonName);
    return g_strdup_printf("is %s running? Start it with 'systemctl start %s%s.socket' or '%s --daemon'",
                           daemonName, daemonName, ro ? "-ro" : "", daemonName);
}

char *
virRemoteSocketConnectErrorMessage(const char *path, const char *daemonName,
                                   bool session, int errnum)
{
    g_autofree char *hint = virRemoteSocketHint(path, daemonName, session, errnum);

    if (!hint)
        return g_strdup_printf("Failed to connect socket to '%s': %s",
                               path, g_strerror(errnum));
    return g_strdup_printf("Failed to connect socket to '%s': %s (%s)",
                           path, g_strerror(errnum), hint);
}

int
virRemoteSocketReportConnectError(const char *path, const char *daemonName,
                                  bool session, int errnum)
{
    g_autofree char *msg = virRemoteSocketConnectErrorMessage(path, daemonName,
                                                              session, errnum);

    virReportError(VIR_ERR_SYSTEM_ERROR, "%s", msg);
    return -1;
}
