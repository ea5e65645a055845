/* The system token: created once, read back, one winner among racing
 * creators, root-only permissions, and the comparison. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "testutils.h"
#include "virerror.h"
#include "virfile.h"
#include "virsystoken.h"

#define RACERS 8

static char *dir;

/* A fresh --root for each case. */
static char *
testNewRoot(const char *name)
{
    g_autofree char *root = g_build_filename(dir, name, NULL);

    virFileSetRoot(root);
    return virSystemTokenPath();
}

static int
testCreateAndReread(const void *opaque)
{
    g_autofree char *path = testNewRoot("create");
    g_autofree char *first = NULL;
    g_autofree char *again = NULL;
    g_autofree char *text = NULL;
    g_autofree char *want = g_build_filename(dir, "create", "run", "libvirt", "common",
                                             "system.token", NULL);
    struct stat sb;

    if (strcmp(path, want) != 0 || virFileExists(path))
        return -1;
    if (virSystemTokenGet(&first) < 0 || virSystemTokenGet(&again) < 0)
        return -1;
    if (strlen(first) != VIR_SYSTEM_TOKEN_HEXLEN || strcmp(first, again) != 0 ||
        strspn(first, "0123456789abcdef") != VIR_SYSTEM_TOKEN_HEXLEN)
        return -1;
    if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode) || (sb.st_mode & 0777) != 0600)
        return -1;
    if (virFileReadAll(path, 100, &text) < 0 || strcmp(text, first) != 0)
        return -1;
    return 0;
}

static int
testDistinctHosts(const void *opaque)
{
    g_autofree char *pathA = testNewRoot("hostA");
    g_autofree char *a = NULL;
    g_autofree char *pathB = NULL;
    g_autofree char *b = NULL;

    if (virSystemTokenGet(&a) < 0)
        return -1;
    pathB = testNewRoot("hostB");
    if (virSystemTokenGet(&b) < 0)
        return -1;
    return strcmp(a, b) != 0 ? 0 : -1;
}

/* Racing processes all end up with the one token in the file, and no
 * temporary file is left behind. */
static int
testRace(const void *opaque)
{
    g_autofree char *path = testNewRoot("race");
    g_autofree char *winner = NULL;
    g_autofree char *common = NULL;
    g_autoptr(GDir) d = NULL;
    int fds[2];
    pid_t kids[RACERS];
    size_t i;
    int ret = 0;

    if (pipe(fds) < 0)
        return -1;
    for (i = 0; i < RACERS; i++) {
        if ((kids[i] = fork()) == 0) {
            g_autofree char *token = NULL;

            if (virSystemTokenGet(&token) < 0 ||
                write(fds[1], token, VIR_SYSTEM_TOKEN_HEXLEN) != VIR_SYSTEM_TOKEN_HEXLEN)
                _exit(1);
            _exit(0);
        }
    }
    close(fds[1]);
    for (i = 0; i < RACERS; i++) {
        int status;

        if (waitpid(kids[i], &status, 0) < 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            ret = -1;
    }
    if (virSystemTokenGet(&winner) < 0)
        ret = -1;
    for (i = 0; ret == 0 && i < RACERS; i++) {
        char got[VIR_SYSTEM_TOKEN_HEXLEN + 1] = { 0 };

        if (read(fds[0], got, VIR_SYSTEM_TOKEN_HEXLEN) != VIR_SYSTEM_TOKEN_HEXLEN ||
            strcmp(got, winner) != 0)
            ret = -1;
    }
    close(fds[0]);
    common = g_path_get_dirname(path);
    d = g_dir_open(common, 0, NULL);
    for (i = 0; d && g_dir_read_name(d); i++)
        ;
    return ret == 0 && i == 1 ? 0 : -1;
}

typedef struct {
    char *token;
    int rc;
} testRacer;

static gpointer
testRaceThread(gpointer opaque)
{
    testRacer *r = opaque;

    r->rc = virSystemTokenGet(&r->token);
    return NULL;
}

static int
testRaceThreads(const void *opaque)
{
    g_autofree char *path = testNewRoot("race-threads");
    testRacer racers[RACERS] = { 0 };
    GThread *threads[RACERS];
    size_t i;
    int ret = 0;

    for (i = 0; i < RACERS; i++)
        threads[i] = g_thread_new("racer", testRaceThread, &racers[i]);
    for (i = 0; i < RACERS; i++) {
        g_thread_join(threads[i]);
        if (racers[i].rc < 0 || strcmp(racers[i].token, racers[0].token) != 0)
            ret = -1;
    }
    for (i = 0; i < RACERS; i++)
        g_free(racers[i].token);
    return ret;
}

/* A token others could read (or one planted as a link) is refused. */
static int
testLoosePermissionsRefused(const void *opaque)
{
    g_autofree char *path = testNewRoot("loose");
    g_autofree char *token = NULL;
    g_autofree char *other = NULL;

    if (virSystemTokenGet(&token) < 0 || chmod(path, 0644) < 0)
        return -1;
    g_clear_pointer(&token, g_free);
    if (virSystemTokenGet(&token) == 0)
        return -1;
    virErrorReset();
    if (unlink(path) < 0 || symlink("/etc/hostname", path) < 0)
        return -1;
    if (virSystemTokenGet(&other) == 0)
        return -1;
    virErrorReset();
    return 0;
}

static int
testMalformedRefused(const void *opaque)
{
    g_autofree char *path = testNewRoot("malformed");
    g_autofree char *token = NULL;
    g_autofree char *common = g_path_get_dirname(path);

    if (virFileMakePath(common, 0755) < 0 || virFileWriteStrAtomic(path, "short", 0600) < 0)
        return -1;
    if (virSystemTokenGet(&token) == 0)
        return -1;
    virErrorReset();
    return 0;
}

static int
testEqual(const void *opaque)
{
    const char *a = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    const char *b = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeef0";

    if (!virSystemTokenEqual(a, a) || virSystemTokenEqual(a, b) ||
        virSystemTokenEqual("", a) || virSystemTokenEqual("0011", a) ||
        virSystemTokenEqual(NULL, a) || virSystemTokenEqual(a, NULL))
        return -1;
    return 0;
}

static int
mymain(void)
{
    g_autofree char *cmd = NULL;
    int ret = 0;

    dir = g_dir_make_tmp("virsystokentest-XXXXXX", NULL);
    ret |= virTestRun("created 0600 on first use, read back after", testCreateAndReread, NULL);
    ret |= virTestRun("each root has its own token", testDistinctHosts, NULL);
    ret |= virTestRun("racing processes share one token", testRace, NULL);
    ret |= virTestRun("racing threads share one token", testRaceThreads, NULL);
    ret |= virTestRun("readable by others or a link: refused", testLoosePermissionsRefused,
                      NULL);
    ret |= virTestRun("malformed token refused", testMalformedRefused, NULL);
    ret |= virTestRun("constant-time comparison", testEqual, NULL);
    virFileSetRoot(NULL);
    cmd = g_strdup_printf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        ret = -1;
    g_free(dir);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
