#include "storagetestutils.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/loop.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virstorageprobe.h"
#include "vircommand.h"
#include "virerror.h"

char *
storageTestMakeTempDir(void)
{
    g_autoptr(GError) err = NULL;
    char *dir = g_dir_make_tmp("virtd-storagetest-XXXXXX", &err);

    if (!dir)
        fprintf(stderr, "cannot make a temporary directory: %s\n", err->message);
    return dir;
}

static void
storageTestRemoveTree(const char *path)
{
    struct stat st;

    if (lstat(path, &st) < 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
        const char *name;

        while (d && (name = g_dir_read_name(d))) {
            g_autofree char *child = g_build_filename(path, name, NULL);

            storageTestRemoveTree(child);
        }
        if (rmdir(path) < 0)
            fprintf(stderr, "cannot remove %s: %s\n", path, g_strerror(errno));
    } else if (unlink(path) < 0) {
        fprintf(stderr, "cannot remove %s: %s\n", path, g_strerror(errno));
    }
}

void
storageTestRemoveTempDir(const char *dir)
{
    g_autofree char *base = dir ? g_path_get_basename(dir) : NULL;

    if (base && g_str_has_prefix(base, "virtd-storagetest-"))
        storageTestRemoveTree(dir);
}

int
storageTestRun(const char *const *argv, char **out)
{
    g_autofree char *binary = virStorageProbeFindTool(argv[0]);
    g_autoptr(virCommand) cmd = NULL;
    size_t i;
    int status;

    if (!binary) {
        fprintf(stderr, "no %s\n", argv[0]);
        virErrorReset();
        return -1;
    }
    cmd = virCommandNew(binary);
    for (i = 1; argv[i]; i++)
        virCommandAddArg(cmd, argv[i]);
    virCommandAddEnvPair(cmd, "LC_ALL", "C");
    virCommandAddEnvPassCommon(cmd);
    if (out)
        virCommandSetOutputBuffer(cmd, out);
    if (virCommandRun(cmd, &status) < 0) {
        fprintf(stderr, "%s: %s\n", argv[0], virErrorGetLast()->message);
        virErrorReset();
        return -1;
    }
    return status;
}

/* The kernel detaches the device once its last user closes it. */
static int
storageTestLoopSetAutoclear(int fd)
{
    struct loop_info64 info;

    if (ioctl(fd, LOOP_GET_STATUS64, &info) < 0)
        return -1;
    info.lo_flags |= LO_FLAGS_AUTOCLEAR;
    return ioctl(fd, LOOP_SET_STATUS64, &info);
}

storageTestLoop *
storageTestLoopNew(const char *dir, const char *name, unsigned long long size)
{
    g_autoptr(storageTestLoop) loop = g_new0(storageTestLoop, 1);
    g_autofree char *out = NULL;
    int fd;

    loop->fd = -1;
    loop->image = g_build_filename(dir, name, NULL);
    if ((fd = open(loop->image, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0 ||
        ftruncate(fd, size) < 0) {
        fprintf(stderr, "cannot create %s: %s\n", loop->image, g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    close(fd);
    {
        const char *argv[] = { "losetup", "-fP", "--show", loop->image, NULL };

        if (storageTestRun(argv, &out) != 0)
            return NULL;
    }
    loop->device = g_strdup(g_strstrip(out));
    if (!g_str_has_prefix(loop->device, "/dev/loop")) {
        fprintf(stderr, "losetup gave '%s'\n", loop->device);
        g_clear_pointer(&loop->device, g_free);
        return NULL;
    }
    if ((loop->fd = open(loop->device, O_RDONLY | O_CLOEXEC)) < 0 ||
        storageTestLoopSetAutoclear(loop->fd) < 0)
        fprintf(stderr, "%s: no autoclear: %s\n", loop->device, g_strerror(errno));
    return g_steal_pointer(&loop);
}

/* Whether /dev/loopN still has a backing file. */
static bool
storageTestLoopAttached(const char *device)
{
    g_autofree char *base = g_path_get_basename(device);
    g_autofree char *path = g_strdup_printf("/sys/block/%s/loop/backing_file", base);

    return access(path, F_OK) == 0;
}

void
storageTestLoopFree(storageTestLoop *loop)
{
    if (!loop)
        return;
    if (loop->fd >= 0)
        close(loop->fd);
    if (loop->device) {
        g_autofree char *backing = NULL;
        g_autofree char *base = g_path_get_basename(loop->device);
        g_autofree char *sysfile = g_strdup_printf("/sys/block/%s/loop/backing_file", base);

        /* Autoclear may have detached it, and the number reused since:
         * only detach the device that is still backed by our file. */
        if (storageTestLoopAttached(loop->device) &&
            g_file_get_contents(sysfile, &backing, NULL, NULL) &&
            strcmp(g_strstrip(backing), loop->image) == 0) {
            const char *argv[] = { "losetup", "-d", loop->device, NULL };

            if (storageTestRun(argv, NULL) != 0)
                fprintf(stderr, "cannot detach %s\n", loop->device);
        }
    }
    g_free(loop->device);
    g_free(loop->image);
    g_free(loop);
}
