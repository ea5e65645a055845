/* Files: the --root prefix, atomic replacement, bounded reads, pid files. */
#include "internal.h"

#include <errno.h>
#include <ftw.h>
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

/* Autostart links: made (with their directory), replaced, removed. */
static int
testSymlink(const void *opaque)
{
    g_autofree char *link = g_build_filename(dir, "autostart", "x.xml", NULL);
    g_autofree char *got = NULL;

    if (virFileSetSymlink(link, "/etc/a.xml", true) < 0 ||
        virFileSetSymlink(link, "/etc/b.xml", true) < 0 ||
        !(got = g_file_read_link(link, NULL)) || strcmp(got, "/etc/b.xml") != 0)
        return -1;
    if (virFileSetSymlink(link, NULL, false) < 0 || g_file_test(link, G_FILE_TEST_IS_SYMLINK) ||
        virFileSetSymlink(link, NULL, false) < 0)
        return -1;
    return 0;
}

/* Definition stores: DIR/NAME.xml names, sorted, nothing else. */
static int
testListXMLNames(const void *opaque)
{
    g_autofree char *sub = g_build_filename(dir, "defs", NULL);
    g_autofree char *missing = g_build_filename(dir, "nosuch", NULL);
    static const char *const files[] = { "b.xml", "a.xml", ".hidden.xml", "notes.txt", ".xml" };
    g_autoptr(GPtrArray) names = NULL;
    g_autoptr(GPtrArray) none = NULL;
    size_t i;

    if (g_mkdir_with_parents(sub, 0700) < 0)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(files); i++) {
        g_autofree char *path = g_build_filename(sub, files[i], NULL);

        if (!g_file_set_contents(path, "", 0, NULL))
            return -1;
    }
    if (!(names = virFileListXMLNames(sub)) || names->len != 2 ||
        strcmp(g_ptr_array_index(names, 0), "a") != 0 ||
        strcmp(g_ptr_array_index(names, 1), "b") != 0)
        return -1;
    if (!(none = virFileListXMLNames(missing)) || none->len != 0)
        return -1;
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
testRemoveEntry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    return remove(path);
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
    ret |= virTestRun("symlinks made, replaced and removed", testSymlink, NULL);
    ret |= virTestRun("XML definition names of a directory", testListXMLNames, NULL);
    nftw(dir, testRemoveEntry, 16, FTW_DEPTH | FTW_PHYS);
    g_free(dir);
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
