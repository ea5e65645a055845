/* Socket choice of the client library (PROTOCOL.md 12.2): for each mode,
 * driver, read-only flag, session/system and ?socket= override, on a
 * scratch directory where the case creates the sockets it wants present,
 * the path chosen and the daemon expected there. The first cases replay
 * the decisions recorded in captures/70-socket-selection.txt and
 * captures/71-session-socket-selection.txt. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "remote_sockets.h"
#include "testutils.h"
#include "virerror.h"

/* The scratch tree: RUN = <tmp>/run/libvirt, USER = <tmp>/user/libvirt. */
static char *scratchRun;
static char *scratchUser;

typedef struct {
    const char *title;
    const char *present[4];     /* sockets to create: "RUN/x" or "USER/x" */
    bool privileged;
    const char *driver;
    const char *uriPath;
    bool readonly;
    virRemoteMode mode;
    const char *override;
    const char *path;           /* expected; NULL: rejected */
    const char *daemon;         /* expected; NULL: none known */
} testSocketCase;

/* "RUN/x" -> <tmp>/run/libvirt/x; anything else unchanged. */
static char *
testExpand(const char *name)
{
    if (g_str_has_prefix(name, "RUN/"))
        return g_build_filename(scratchRun, name + 4, NULL);
    if (g_str_has_prefix(name, "USER/"))
        return g_build_filename(scratchUser, name + 5, NULL);
    return g_strdup(name);
}

/* A listening-capable socket file, as a daemon leaves it. */
static int
testMakeSocket(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;
    int rc;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        fprintf(stderr, "socket path too long: %s\n", path);
        return -1;
    }
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
        return -1;
    rc = bind(fd, (struct sockaddr *)&addr, sizeof(addr));
    if (rc < 0)
        fprintf(stderr, "bind %s: %s\n", path, g_strerror(errno));
    close(fd);
    return rc;
}

static void
testClearDir(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);

        unlink(path);
    }
}

static int
testSocketChoice(const void *opaque)
{
    const testSocketCase *t = opaque;
    virRemoteSocketEnv env = {
        .runDir = scratchRun,
        .userRunDir = scratchUser,
        .privileged = t->privileged,
    };
    g_autofree char *path = NULL;
    g_autofree char *daemon = NULL;
    g_autofree char *expected = t->path ? testExpand(t->path) : NULL;
    g_autofree char *override = t->override ? testExpand(t->override) : NULL;
    const virErrorInfo *err;
    size_t i;
    int rc;

    testClearDir(scratchRun);
    testClearDir(scratchUser);
    for (i = 0; i < G_N_ELEMENTS(t->present) && t->present[i]; i++) {
        g_autofree char *sock = testExpand(t->present[i]);

        if (testMakeSocket(sock) < 0)
            return -1;
    }

    rc = virRemoteSocketChoose(&env, t->driver, t->uriPath, t->readonly, t->mode,
                               override, &path, &daemon);
    err = virErrorGetLast();

    if (!t->path) {
        if (rc != -1 || path || daemon || !err || err->code != VIR_ERR_INVALID_ARG ||
            err->domain != VIR_FROM_REMOTE) {
            fprintf(stderr, "expected a rejection, got rc %d path %s\n", rc,
                    path ? path : "NULL");
            return -1;
        }
        if (virTestGetDebug())
            fprintf(stderr, "rejected: %s\n", err->message);
        virErrorReset();
        return 0;
    }
    if (rc != 0) {
        fprintf(stderr, "failed: %s\n", err ? err->message : "(no error)");
        return -1;
    }
    if (g_strcmp0(path, expected) != 0 || g_strcmp0(daemon, t->daemon) != 0) {
        fprintf(stderr, "chose %s (%s), expected %s (%s)\n",
                path, daemon ? daemon : "NULL", expected, t->daemon ? t->daemon : "NULL");
        return -1;
    }
    return 0;
}

typedef struct {
    const char *path;
    const char *daemon;
    bool session;
    int errnum;
    const char *message;
} testMessageCase;

static int
testConnectMessage(const void *opaque)
{
    const testMessageCase *t = opaque;
    g_autofree char *msg = virRemoteSocketConnectErrorMessage(t->path, t->daemon,
                                                              t->session, t->errnum);
    const virErrorInfo *err;

    if (strcmp(msg, t->message) != 0) {
        fprintf(stderr, "got:      %s\nexpected: %s\n", msg, t->message);
        return -1;
    }
    if (virRemoteSocketReportConnectError(t->path, t->daemon, t->session, t->errnum) != -1 ||
        !(err = virErrorGetLast()) || err->code != VIR_ERR_SYSTEM_ERROR ||
        err->domain != VIR_FROM_REMOTE || strcmp(err->message, t->message) != 0) {
        fprintf(stderr, "reported wrongly\n");
        return -1;
    }
    virErrorReset();
    return 0;
}

/* Every name of the mode and proxy tables maps back to its value. */
static int
testEnumTables(const void *opaque)
{
    int i;

    for (i = 0; i < VIR_REMOTE_MODE_LAST; i++) {
        if (virRemoteModeTypeFromString(virRemoteModeTypeToString(i)) != i)
            return -1;
    }
    for (i = 0; i < VIR_REMOTE_PROXY_LAST; i++) {
        if (virRemoteProxyTypeFromString(virRemoteProxyTypeToString(i)) != i)
            return -1;
    }
    if (virRemoteModeTypeToString(VIR_REMOTE_MODE_LAST) ||
        virRemoteModeTypeFromString("Direct") != -1 ||
        virRemoteProxyTypeFromString("ssh") != -1 ||
        strcmp(virRemoteModeTypeToString(VIR_REMOTE_MODE_LEGACY), "legacy") != 0 ||
        strcmp(virRemoteProxyTypeToString(VIR_REMOTE_PROXY_NATIVE), "native") != 0)
        return -1;
    return 0;
}

typedef struct {
    const char *xdgRuntime;
    const char *xdgCache;
    const char *home;
    const char *expected;
} testUserDirCase;

static void
testSetEnv(const char *name, const char *value)
{
    if (value)
        g_setenv(name, value, TRUE);
    else
        g_unsetenv(name);
}

static int
testUserRunDir(const void *opaque)
{
    const testUserDirCase *t = opaque;
    g_autofree char *dir = NULL;

    testSetEnv("XDG_RUNTIME_DIR", t->xdgRuntime);
    testSetEnv("XDG_CACHE_HOME", t->xdgCache);
    testSetEnv("HOME", t->home);
    dir = virRemoteSocketGetUserRunDir();
    if (strcmp(dir, t->expected) != 0) {
        fprintf(stderr, "got %s, expected %s\n", dir, t->expected);
        return -1;
    }
    return 0;
}

#define AUTO VIR_REMOTE_MODE_AUTO
#define DIRECT VIR_REMOTE_MODE_DIRECT
#define LEGACY VIR_REMOTE_MODE_LEGACY

static const testSocketCase socketCases[] = {
    /* captures/70: root, fake /run/libvirt */
    { "70A: no sockets, qemu:///system -> legacy", { NULL },
      true, "qemu", "/system", false, AUTO, NULL, "RUN/libvirt-sock", "virtproxyd" },
    { "70B: virtqemud-sock only -> direct", { "RUN/virtqemud-sock" },
      true, "qemu", "/system", false, AUTO, NULL, "RUN/virtqemud-sock", "virtqemud" },
    { "70C: both sockets -> direct wins", { "RUN/virtqemud-sock", "RUN/libvirt-sock" },
      true, "qemu", "/system", false, AUTO, NULL, "RUN/virtqemud-sock", "virtqemud" },
    { "70D: both sockets, mode=legacy", { "RUN/virtqemud-sock", "RUN/libvirt-sock" },
      true, "qemu", "/system", false, LEGACY, NULL, "RUN/libvirt-sock", "virtproxyd" },
    { "70E: network:///system without virtnetworkd-sock -> legacy",
      { "RUN/virtqemud-sock", "RUN/libvirt-sock" },
      true, "network", "/system", false, AUTO, NULL, "RUN/libvirt-sock", "virtproxyd" },
    { "70F: read-only, no sockets -> libvirt-sock-ro", { NULL },
      true, "qemu", "/system", true, AUTO, NULL, "RUN/libvirt-sock-ro", "virtproxyd" },
    { "70G: no URI -> libvirt-sock", { "RUN/libvirt-sock" },
      true, NULL, NULL, false, AUTO, NULL, "RUN/libvirt-sock", "virtproxyd" },
    /* captures/71: unprivileged, XDG_RUNTIME_DIR */
    { "71: qemu:///session, nothing -> user libvirt-sock", { NULL },
      false, "qemu", "/session", false, AUTO, NULL, "USER/libvirt-sock", "virtproxyd" },
    { "71: network:///session, nothing -> user libvirt-sock", { NULL },
      false, "network", "/session", false, AUTO, NULL, "USER/libvirt-sock", "virtproxyd" },
    { "71: qemu:///session?mode=legacy -> user libvirt-sock", { "USER/virtqemud-sock" },
      false, "qemu", "/session", false, LEGACY, NULL, "USER/libvirt-sock", "virtproxyd" },
    { "71: qemu:///session with virtqemud-sock -> direct", { "USER/virtqemud-sock" },
      false, "qemu", "/session", false, AUTO, NULL, "USER/virtqemud-sock", "virtqemud" },

    /* read-only: the -ro variants, checked for existence themselves */
    { "ro: virtqemud-sock-ro present -> direct", { "RUN/virtqemud-sock-ro" },
      true, "qemu", "/system", true, AUTO, NULL, "RUN/virtqemud-sock-ro", "virtqemud" },
    { "ro: only the rw virtqemud-sock -> legacy ro", { "RUN/virtqemud-sock" },
      true, "qemu", "/system", true, AUTO, NULL, "RUN/libvirt-sock-ro", "virtproxyd" },
    { "ro: direct without the socket", { NULL },
      true, "qemu", "/system", true, DIRECT, NULL, "RUN/virtqemud-sock-ro", "virtqemud" },
    { "ro: legacy", { "RUN/virtqemud-sock-ro" },
      true, "qemu", "/system", true, LEGACY, NULL, "RUN/libvirt-sock-ro", "virtproxyd" },
    { "ro: session has no -ro socket", { "USER/virtqemud-sock" },
      false, "qemu", "/session", true, AUTO, NULL, "USER/virtqemud-sock", "virtqemud" },
    { "ro: session legacy has no -ro socket", { NULL },
      false, "qemu", "/session", true, LEGACY, NULL, "USER/libvirt-sock", "virtproxyd" },

    /* direct mode does not look: the error names the socket tried */
    { "direct: qemu, nothing present", { "RUN/libvirt-sock" },
      true, "qemu", "/system", false, DIRECT, NULL, "RUN/virtqemud-sock", "virtqemud" },
    { "direct: network", { NULL },
      true, "network", "/system", false, DIRECT, NULL, "RUN/virtnetworkd-sock", "virtnetworkd" },
    { "direct: storage", { NULL },
      true, "storage", "/system", false, DIRECT, NULL, "RUN/virtstoraged-sock", "virtstoraged" },
    { "direct: secret", { NULL },
      true, "secret", "/system", false, DIRECT, NULL, "RUN/virtsecretd-sock", "virtsecretd" },
    { "direct: nwfilter", { NULL },
      true, "nwfilter", "/system", false, DIRECT, NULL, "RUN/virtnwfilterd-sock", "virtnwfilterd" },
    { "direct: nodedev", { NULL },
      true, "nodedev", "/system", false, DIRECT, NULL, "RUN/virtnodedevd-sock", "virtnodedevd" },
    { "direct: interface", { NULL },
      true, "interface", "/system", false, DIRECT, NULL, "RUN/virtinterfaced-sock", "virtinterfaced" },
    { "direct: xen", { NULL },
      true, "xen", "/system", false, DIRECT, NULL, "RUN/virtxend-sock", "virtxend" },
    { "direct: lxc with a bare path", { NULL },
      true, "lxc", "/", false, DIRECT, NULL, "RUN/virtlxcd-sock", "virtlxcd" },
    { "direct: session secret", { NULL },
      false, "secret", "/session", false, DIRECT, NULL, "USER/virtsecretd-sock", "virtsecretd" },

    /* auto for secondary drivers */
    { "auto: virtstoraged-sock present", { "RUN/virtstoraged-sock", "RUN/libvirt-sock" },
      true, "storage", "/system", false, AUTO, NULL, "RUN/virtstoraged-sock", "virtstoraged" },
    { "auto: virtnetworkd-sock present", { "RUN/virtnetworkd-sock" },
      true, "network", "/system", false, AUTO, NULL, "RUN/virtnetworkd-sock", "virtnetworkd" },
    { "auto: another daemon's socket does not count", { "RUN/virtnetworkd-sock" },
      true, "qemu", "/system", false, AUTO, NULL, "RUN/libvirt-sock", "virtproxyd" },
    { "auto: a user socket does not count for /system", { "USER/virtqemud-sock" },
      true, "qemu", "/system", false, AUTO, NULL, "RUN/libvirt-sock", "virtproxyd" },

    /* no URI: the proxy in every mode */
    { "no URI, direct -> proxy socket", { NULL },
      true, NULL, NULL, false, DIRECT, NULL, "RUN/libvirt-sock", "virtproxyd" },
    { "no URI, read-only", { NULL },
      true, NULL, NULL, true, AUTO, NULL, "RUN/libvirt-sock-ro", "virtproxyd" },
    { "no URI, unprivileged -> user dir", { "RUN/libvirt-sock" },
      false, NULL, NULL, false, AUTO, NULL, "USER/libvirt-sock", "virtproxyd" },

    /* who gets the user directory */
    { "unprivileged qemu:///system uses the system dir", { "RUN/virtqemud-sock" },
      false, "qemu", "/system", false, AUTO, NULL, "RUN/virtqemud-sock", "virtqemud" },
    { "unprivileged read-only qemu:///system", { NULL },
      false, "qemu", "/system", true, AUTO, NULL, "RUN/libvirt-sock-ro", "virtproxyd" },
    { "root qemu:///session uses the system dir", { "RUN/virtqemud-sock", "USER/virtqemud-sock" },
      true, "qemu", "/session", false, AUTO, NULL, "RUN/virtqemud-sock", "virtqemud" },
    { "unprivileged test driver uses the user dir", { NULL },
      false, "test", "/default", false, AUTO, NULL, "USER/libvirt-sock", "virtproxyd" },
    { "/session/ is not /session", { NULL },
      false, "qemu", "/session/", false, AUTO, NULL, "RUN/libvirt-sock", "virtproxyd" },

    /* ?socket= wins over everything */
    { "override: named after a daemon", { "RUN/virtqemud-sock" },
      true, "qemu", "/system", false, AUTO, "/srv/x/virtqemud-sock", "/srv/x/virtqemud-sock", "virtqemud" },
    { "override: beats direct and read-only", { NULL },
      true, "qemu", "/system", true, DIRECT, "RUN/libvirt-sock", "RUN/libvirt-sock", "virtproxyd" },
    { "override: proxy read-only socket", { NULL },
      false, "qemu", "/session", false, AUTO, "/x/libvirt-sock-ro", "/x/libvirt-sock-ro", "virtproxyd" },
    { "override: another daemon", { NULL },
      true, "qemu", "/system", false, AUTO, "/x/virtnetworkd-sock-ro", "/x/virtnetworkd-sock-ro", "virtnetworkd" },
    { "override: unknown daemon", { NULL },
      true, "qemu", "/system", false, AUTO, "/tmp/recorder.sock", "/tmp/recorder.sock", NULL },
    { "override: not quite a daemon name", { NULL },
      true, "qemu", "/system", false, AUTO, "/tmp/virtd-sock", "/tmp/virtd-sock", NULL },
    { "override: admin socket is no API socket", { NULL },
      true, "qemu", "/system", false, AUTO, "/x/virtqemud-admin-sock", "/x/virtqemud-admin-sock", NULL },
    { "override: without a URI driver", { NULL },
      true, NULL, NULL, false, AUTO, "/x/virtqemud-sock", "/x/virtqemud-sock", "virtqemud" },

    /* rejected */
    { "reject: empty override", { NULL },
      true, "qemu", "/system", false, AUTO, "", NULL, NULL },
    { "reject: driver with a slash", { NULL },
      true, "../qemu", "/system", false, AUTO, NULL, NULL, NULL },
    { "reject: empty driver", { NULL },
      true, "", "/system", false, AUTO, NULL, NULL, NULL },
    { "reject: unknown mode", { NULL },
      true, "qemu", "/system", false, VIR_REMOTE_MODE_LAST, NULL, NULL, NULL },
};

static const testMessageCase messageCases[] = {
    { "/run/libvirt/virtqemud-sock", "virtqemud", false, ENOENT,
      "Failed to connect socket to '/run/libvirt/virtqemud-sock': No such file or directory (is virtqemud running? Start it with 'systemctl start virtqemud.socket' or 'virtqemud --daemon')" },
    { "/run/libvirt/virtqemud-sock-ro", "virtqemud", false, ENOENT,
      "Failed to connect socket to '/run/libvirt/virtqemud-sock-ro': No such file or directory (is virtqemud running? Start it with 'systemctl start virtqemud-ro.socket' or 'virtqemud --daemon')" },
    { "/var/run/libvirt/libvirt-sock", "virtproxyd", false, ENOENT,
      "Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory (is virtproxyd running? Start it with 'systemctl start virtproxyd.socket' or 'virtproxyd --daemon')" },
    { "/run/libvirt/virtnetworkd-sock", "virtnetworkd", false, ECONNREFUSED,
      "Failed to connect socket to '/run/libvirt/virtnetworkd-sock': Connection refused (is virtnetworkd running? Start it with 'systemctl start virtnetworkd.socket' or 'virtnetworkd --daemon')" },
    { "/run/user/1000/libvirt/virtqemud-sock", "virtqemud", true, ENOENT,
      "Failed to connect socket to '/run/user/1000/libvirt/virtqemud-sock': No such file or directory (is virtqemud running? Start it with 'virtqemud --daemon')" },
    { "/run/libvirt/virtqemud-sock", "virtqemud", false, EACCES,
      "Failed to connect socket to '/run/libvirt/virtqemud-sock': Permission denied (this user may not use the socket; check its permissions or connect read-only)" },
    { "/run/libvirt/libvirt-sock-ro", "virtproxyd", false, EACCES,
      "Failed to connect socket to '/run/libvirt/libvirt-sock-ro': Permission denied (this user may not use the socket; check its permissions)" },
    { "/tmp/recorder.sock", NULL, false, ENOENT,
      "Failed to connect socket to '/tmp/recorder.sock': No such file or directory (is the daemon that should listen there running?)" },
    { "/run/libvirt/virtqemud-sock", "virtqemud", false, EAGAIN,
      "Failed to connect socket to '/run/libvirt/virtqemud-sock': Resource temporarily unavailable" },
};

static const testUserDirCase userDirCases[] = {
    { "/run/user/1000", "/c", "/h", "/run/user/1000/libvirt" },
    { NULL, "/c", "/h", "/c/libvirt" },
    { "", "", "/h", "/h/.cache/libvirt" },
    { NULL, NULL, "/home/u", "/home/u/.cache/libvirt" },
};

static int
mymain(void)
{
    g_autofree char *scratch = NULL;
    g_autoptr(GError) gerr = NULL;
    static const char *const scratchDirs[] = { "run/libvirt", "user/libvirt", "run", "user", "" };
    int ret = 0;
    size_t i;

    /* Short, so the socket paths fit sun_path. */
    if (!(scratch = g_dir_make_tmp("rsock-XXXXXX", &gerr))) {
        fprintf(stderr, "scratch dir: %s\n", gerr->message);
        return -1;
    }
    scratchRun = g_build_filename(scratch, "run", "libvirt", NULL);
    scratchUser = g_build_filename(scratch, "user", "libvirt", NULL);
    if (g_mkdir_with_parents(scratchRun, 0755) < 0 ||
        g_mkdir_with_parents(scratchUser, 0700) < 0)
        return -1;

    for (i = 0; i < G_N_ELEMENTS(socketCases); i++)
        ret |= virTestRun(socketCases[i].title, testSocketChoice, &socketCases[i]);
    for (i = 0; i < G_N_ELEMENTS(messageCases); i++) {
        g_autofree char *title = g_strdup_printf("message for %s: %s", messageCases[i].path,
                                                 g_strerror(messageCases[i].errnum));

        ret |= virTestRun(title, testConnectMessage, &messageCases[i]);
    }
    ret |= virTestRun("mode and proxy tables", testEnumTables, NULL);
    for (i = 0; i < G_N_ELEMENTS(userDirCases); i++) {
        g_autofree char *title = g_strdup_printf("user run dir %s", userDirCases[i].expected);

        ret |= virTestRun(title, testUserRunDir, &userDirCases[i]);
    }

    testClearDir(scratchRun);
    testClearDir(scratchUser);
    for (i = 0; i < G_N_ELEMENTS(scratchDirs); i++) {
        g_autofree char *dir = g_build_filename(scratch, scratchDirs[i], NULL);

        rmdir(dir);
    }
    g_clear_pointer(&scratchRun, g_free);
    g_clear_pointer(&scratchUser, g_free);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
