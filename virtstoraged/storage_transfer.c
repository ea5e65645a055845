/* vol-upload and vol-download: a volume's bytes through an RPC stream,
 * in chunks (never the whole volume in memory), with holes sent as holes
 * on sparse streams and written as holes into files. */
#include "storage_transfer.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("storage.transfer");

#define STORAGE_TRANSFER_CHUNK (256 * 1024)

/* write() until all of buf is written. */
static ssize_t
storageTransferWrite(int fd, const char *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = write(fd, buf + done, len - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        done += n;
    }
    return done;
}

static int
storageTransferOpen(const char *path, int flags, unsigned long long offset)
{
    int fd = open(path, flags | O_CLOEXEC);

    if (fd < 0) {
        virReportSystemError(errno, "cannot open volume '%s'", path);
        return -1;
    }
    if (lseek(fd, offset, SEEK_SET) < 0) {
        virReportSystemError(errno, "cannot seek to %llu in volume '%s'", offset, path);
        close(fd);
        return -1;
    }
    return fd;
}

int
storageTransferUpload(virNetServerStream *st, const char *path, unsigned long long offset,
                      unsigned long long length, bool sparse)
{
    g_autofree char *buf = g_malloc(STORAGE_TRANSFER_CHUNK);
    unsigned long long done = 0;
    struct stat sb;
    int fd;
    int rc = -1;

    if ((fd = storageTransferOpen(path, O_WRONLY, offset)) < 0)
        return -1;
    virNetServerStreamAccept(st);
    for (;;) {
        long long hole = 0;
        ssize_t n = virNetServerStreamRecv(st, buf, STORAGE_TRANSFER_CHUNK, &hole);

        if (n < 0)
            goto cleanup;
        if (n == 0 && hole == 0)
            break;
        if (length && done + (n ? n : hole) > length) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           "the upload to '%s' is longer than the %llu bytes announced",
                           path, length);
            goto cleanup;
        }
        if (n == 0) {
            /* A hole: skip it; in a file it stays unallocated. */
            if (lseek(fd, hole, SEEK_CUR) < 0) {
                virReportSystemError(errno, "cannot seek in volume '%s'", path);
                goto cleanup;
            }
            done += hole;
            continue;
        }
        if (storageTransferWrite(fd, buf, n) != n) {
            virReportSystemError(errno, "cannot write to volume '%s'", path);
            goto cleanup;
        }
        done += n;
    }
    /* A file whose data ends in a hole still has that length. */
    if (sparse && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
        (unsigned long long)sb.st_size < offset + done &&
        ftruncate(fd, offset + done) < 0) {
        virReportSystemError(errno, "cannot extend volume '%s'", path);
        goto cleanup;
    }
    if (fdatasync(fd) < 0 && errno != EINVAL) {
        virReportSystemError(errno, "cannot flush volume '%s'", path);
        goto cleanup;
    }
    rc = 0;

 cleanup:
    if (close(fd) < 0 && rc == 0) {
        virReportSystemError(errno, "cannot close volume '%s'", path);
        rc = -1;
    }
    return rc;
}

/* Where the data at pos ends (the next hole), or the file's end; for a
 * device or a filesystem without SEEK_HOLE, the end. */
static off_t
storageTransferDataEnd(int fd, off_t pos, off_t end)
{
    off_t hole = lseek(fd, pos, SEEK_HOLE);

    return hole < 0 || hole > end ? end : hole;
}

int
storageTransferDownload(virNetServerStream *st, const char *path, unsigned long long offset,
                        unsigned long long length, bool sparse)
{
    g_autofree char *buf = g_malloc(STORAGE_TRANSFER_CHUNK);
    struct stat sb;
    off_t pos = offset;
    off_t end;
    int fd;
    int rc = -1;

    if ((fd = storageTransferOpen(path, O_RDONLY, offset)) < 0)
        return -1;
    if (fstat(fd, &sb) < 0) {
        virReportSystemError(errno, "cannot stat volume '%s'", path);
        close(fd);
        return -1;
    }
    end = S_ISBLK(sb.st_mode) ? lseek(fd, 0, SEEK_END) : sb.st_size;
    if (length && offset + length < (unsigned long long)end)
        end = offset + length;
    sparse = sparse && S_ISREG(sb.st_mode);
    virNetServerStreamAccept(st);
    while (pos < end) {
        off_t dataEnd = end;
        ssize_t n;

        if (sparse) {
            off_t data = lseek(fd, pos, SEEK_DATA);

            if (data < 0 || data > end)
                data = end;     /* a hole up to the end */
            if (data > pos) {
                if (virNetServerStreamSendHole(st, data - pos) < 0)
                    goto cleanup;
                pos = data;
                continue;
            }
            dataEnd = storageTransferDataEnd(fd, pos, end);
        }
        if (lseek(fd, pos, SEEK_SET) < 0 ||
            (n = read(fd, buf, MIN((off_t)STORAGE_TRANSFER_CHUNK, dataEnd - pos))) < 0) {
            virReportSystemError(errno, "cannot read volume '%s'", path);
            goto cleanup;
        }
        if (n == 0)
            break;
        if (virNetServerStreamSend(st, buf, n) < 0)
            goto cleanup;
        pos += n;
    }
    rc = 0;

 cleanup:
    close(fd);
    return rc;
}
