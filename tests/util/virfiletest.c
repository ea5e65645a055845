/* Files: the --root prefix, atomic replacement, bounded reads, pid files. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "testutils.h"
#include "virerror.h"
#include "virfile.h"

static char *dir;

static int
testRootPath(const void *opaque)
{
    g_autofree char *plain = NULL;
    g_autofree char *rooted = NULL;

    virFileSetRoot(NULL);
    plain = virFileRootPath("/run/libvirt");
    virFileSetRoot("/tmp/x/");
    rooted = virFileRootPath("/run/libvirt");
    virFileSetRoot("/");
    if (strcmp(plain, "/run/libvirt") != 0 || strcmp(rooted, "/tmp/x/run/libvirt") != 0 ||
        virFileGetRoot() != NULL)
        return -1;
    virFileSetRoot(NULL);
    return 0;
}

static int
testAtomicWrite(const void *opaque)
{
    g_autofree char *path = g_build_filename(dir, "atomic.xml", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GDir) d = NULL;
    struct stat sb;
    int entries = 0;

    if (virFileWriteStrAtomic(path, "first", 0600) < 0 ||
        virFileWriteStrAtomic(path, "second, longer", 0644) < 0 ||
        virFileReadAll(path, 100, &text) < 0 || strcmp(text, "second, longer") != 0 ||
        stat(path, &sb) < 0 || (sb.st_mode & 0777) != 0644)
        return -1;
    /* No temporary file is left next to it. */
    d = g_dir_open(dir, 0, NULL);
    while (g_dir_read_name(d))
        entries++;
    return entries == 1 ? 0 : -1;
}

static int
testAtomicWriteFails(const void *opaque)
{
    g_autofree char *path = g_build_filename(dir, "missing-dir", "x.xml", NULL);

    if (virFileWriteStrAtomic(path, "x", 0600) == 0)
        return -1;
    if (!virErrorGetLast() || virErrorGetLast()->code != VIR_ERR_SYSTEM_ERROR)
        return -1;
    virErrorReset();
    return 0;
}

static int
testReadTooLarge(const void *opaque)
{
    g_autofree char *path = g_build_filename(dir, "big", NULL);
    g_autofree char *text = NULL;

    if (virFileWriteStrAtomic(path, "0123456789", 0600) < 0)
        return -1;
    if (virFileReadAll(path, 5, &text) == 0)
        return -1;
    virErrorReset();
    unlink(path);
    return 0;
}

static int
testPidFile(const void *opaque)
{
    g_autofree char *path = g_build_filename(dir, "d.pid", NULL);
    pid_t pid = 0;
    int fd = virPidFileAcquire(path, getpid());
    int ret = -1;

    if (fd < 0 || virPidFileRead(path, &pid) < 0 || pid != getpid())
        goto cleanup;
    /* Reading the file (open + close) above must not have dropped the
     * lock: another process is still refused. */
    {
        pid_t child = fork();
        int status;

        if (child == 0)
            _exit(virPidFileAcquire(path, getpid()) < 0 ? 0 : 1);
        if (waitpid(child, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            goto cleanup;
    }
    ret = 0;
 cleanup:
    if (fd >= 0)
        close(fd);
    unlink(path);
    return ret;
}

static int
mymain(void)
{
    int ret = 0;

    dir = g_dir_make_tmp("virfiletest-XXXXXX", NULL);
    ret |= virTestRun("--root prefix", testRootPath, NULL);
    ret |= virTestRun("atomic write replaces whole files", testAtomicWrite, NULL);
    ret |= virTestRun("atomic write reports failure", testAtomicWriteFails, NULL);
    ret |= virTestRun("bounded read refuses a larger file", testReadTooLarge, NULL);
    ret |= virTestRun("pid file lock", testPidFile, NULL);
    unlink(g_build_filename(dir, "atomic.xml", NULL));
    rmdir(dir);
    g_free(dir);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
