#include "virfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static char *fileRoot;

void
virFileSetRoot(const char *root)
{
    g_free(fileRoot);
    fileRoot = NULL;
    if (root && *root) {
        fileRoot = g_canonicalize_filename(root, NULL);
        if (strcmp(fileRoot, "/") == 0)
            g_clear_pointer(&fileRoot, g_free);
    }
}

const char *
virFileGetRoot(void)
{
    return fileRoot;
}

char *
virFileRootPath(const char *path)
{
    if (!fileRoot)
        return g_strdup(path);
    return g_build_filename(fileRoot, path, NULL);
}

int
virFileReadAll(const char *path, size_t maxlen, char **buf)
{
    g_autofree char *data = NULL;
    size_t got = 0;
    size_t alloc = 0;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        int saved = errno;
        virReportSystemError(errno, "Failed to open file '%s'", path);
        errno = saved;
        return -1;
    }

    for (;;) {
        ssize_t n;

        if (alloc - got < 4096) {
            alloc = alloc ? alloc * 2 : 8192;
            data = g_realloc(data, alloc + 1);
        }
        n = read(fd, data + got, alloc - got);
        if (n < 0) {
            int saved = errno;
            if (errno == EINTR)
                continue;
            close(fd);
            virReportSystemError(saved, "Failed to read file '%s'", path);
            errno = saved;
            return -1;
        }
        if (n == 0)
            break;
        got += n;
        if (got > maxlen) {
            close(fd);
            virReportError(VIR_ERR_INTERNAL_ERROR, "file '%s' is larger than %zu bytes",
                           path, maxlen);
            errno = EFBIG;
            return -1;
        }
    }
    close(fd);
    if (!data)
        data = g_malloc(1);
    data[got] = '\0';
    *buf = g_steal_pointer(&data);
    return 0;
}

static int
virFileSyncDir(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    fsync(fd);
    close(fd);
    return 0;
}

int
virFileWriteAtomic(const char *path, const char *data, size_t len, mode_t mode)
{
    g_autofree char *tmp = g_strdup_printf("%s.new-XXXXXX", path);
    size_t done = 0;
    int fd;

    if ((fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode)) < 0) {
        virReportSystemError(errno, "cannot create file '%s'", tmp);
        return -1;
    }
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virReportSystemError(errno, "cannot write file '%s'", tmp);
            goto error;
        }
        done += n;
    }
    if (fchmod(fd, mode) < 0 || fsync(fd) < 0) {
        virReportSystemError(errno, "cannot sync file '%s'", tmp);
        goto error;
    }
    if (close(fd) < 0) {
        fd = -1;
        virReportSystemError(errno, "cannot close file '%s'", tmp);
        goto error;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        virReportSystemError(errno, "cannot rename '%s' to '%s'", tmp, path);
        goto error;
    }
    virFileSyncDir(path);
    return 0;

 error:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    return -1;
}

int
virFileWriteStrAtomic(const char *path, const char *str, mode_t mode)
{
    return virFileWriteAtomic(path, str, strlen(str), mode);
}

int
virFileMakePath(const char *path, mode_t mode)
{
    if (g_mkdir_with_parents(path, mode) < 0) {
        virReportSystemError(errno, "cannot create directory '%s'", path);
        return -1;
    }
    return 0;
}

int
virFileRemove(const char *path)
{
    if (unlink(path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, "cannot remove '%s'", path);
        return -1;
    }
    return 0;
}

int
virFileSetSymlink(const char *link, const char *target, bool present)
{
    g_autofree char *dir = NULL;

    if (!present)
        return virFileRemove(link);
    dir = g_path_get_dirname(link);
    if (virFileMakePath(dir, 0755) < 0 || virFileRemove(link) < 0)
        return -1;
    if (symlink(target, link) < 0) {
        virReportSystemError(errno, "Failed to create symlink '%s' to '%s'", link, target);
        return -1;
    }
    return 0;
}

static gint
virFileCompareNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *
virFileListXMLNames(const char *dir)
{
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GDir) d = NULL;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *entry;

    if (!g_file_test(dir, G_FILE_TEST_IS_DIR))
        return names;
    if (!(d = g_dir_open(dir, 0, &gerr))) {
        virErrorReportFull(VIR_FROM_NONE, VIR_ERR_OPERATION_FAILED,
                           "cannot read directory '%s': %s", dir, gerr->message);
        g_ptr_array_unref(names);
        return NULL;
    }
    while ((entry = g_dir_read_name(d))) {
        if (entry[0] == '.' || !g_str_has_suffix(entry, ".xml") || strlen(entry) == 4)
            continue;
        g_ptr_array_add(names, g_strndup(entry, strlen(entry) - 4));
    }
    g_ptr_array_sort(names, virFileCompareNames);
    return names;
}

bool
virFileExists(const char *path)
{
    return access(path, F_OK) == 0;
}

bool
virProcessIsAlive(pid_t pid)
{
    return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

int
virPidFileAcquire(const char *path, pid_t pid)
{
    g_autofree char *text = g_strdup_printf("%lld\n", (long long)pid);
    struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    int fd;

    if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
        virReportSystemError(errno, "Failed to open pid file '%s'", path);
        return -1;
    }
    /* An open-file-description lock: unlike a POSIX record lock it is not
     * dropped when some other fd of ours on the same file is closed. */
    if (fcntl(fd, F_OFD_SETLK, &lk) < 0) {
        virReportSystemError(errno, "Failed to acquire pid file '%s' (is another instance running?)",
                             path);
        close(fd);
        return -1;
    }
    if (ftruncate(fd, 0) < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
        virReportSystemError(errno, "Failed to write pid file '%s'", path);
        close(fd);
        return -1;
    }
    return fd;
}

int
virPidFileRead(const char *path, pid_t *pid)
{
    g_autofree char *text = NULL;
    char *end;
    long long val;

    if (virFileReadAll(path, 64, &text) < 0)
        return -1;
    val = g_ascii_strtoll(text, &end, 10);
    if (end == text || val <= 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "invalid pid file '%s'", path);
        return -1;
    }
    *pid = (pid_t)val;
    return 0;
}
