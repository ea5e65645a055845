#include "qemu_saveimage.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* 16 bytes of magic, then little-endian 32-bit fields. The XML follows,
 * NUL included, then QEMU's stream. */
#define QEMU_SAVE_MAGIC "VirtdQemuSave01\n"
#define QEMU_SAVE_VERSION 1
#define QEMU_SAVE_XML_MAX (16 * 1024 * 1024)
/* Room left after the XML so that save-image-define can put a longer
 * definition in place without moving QEMU's stream. */
#define QEMU_SAVE_XML_ROOM (64 * 1024)

typedef struct {
    char magic[16];
    guint32 version;
    guint32 xmlLen;         /* with its NUL */
    guint32 running;
    guint32 unused[5];
} qemuSaveHeader;

G_STATIC_ASSERT(sizeof(qemuSaveHeader) == 48);

static int
qemuSaveImageWriteAll(int fd, const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t n = write(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

int
qemuSaveImageCreate(const char *path, const char *xml, bool running, off_t *offset)
{
    qemuSaveHeader hdr = { 0 };
    size_t textLen = strlen(xml) + 1;
    size_t xmlLen = textLen + QEMU_SAVE_XML_ROOM;
    g_autofree char *area = g_malloc0(xmlLen);
    struct stat sb;
    bool regular;
    int fd;

    memcpy(hdr.magic, QEMU_SAVE_MAGIC, sizeof(hdr.magic));
    hdr.version = GUINT32_TO_LE(QEMU_SAVE_VERSION);
    hdr.xmlLen = GUINT32_TO_LE(xmlLen);
    hdr.running = GUINT32_TO_LE(running ? 1 : 0);

    if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, "Failed to create file '%s'", path);
        return -1;
    }
    /* A pipe (someone streaming the image elsewhere) is neither synced
     * nor removed. */
    regular = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
    memcpy(area, xml, textLen);
    if (qemuSaveImageWriteAll(fd, &hdr, sizeof(hdr)) < 0 ||
        qemuSaveImageWriteAll(fd, area, xmlLen) < 0 ||
        (regular && fsync(fd) < 0)) {
        virReportSystemError(errno, "failed to write header to domain save file '%s'", path);
        close(fd);
        if (regular)
            unlink(path);
        return -1;
    }
    close(fd);
    *offset = sizeof(hdr) + xmlLen;
    return 0;
}

int
qemuSaveImageRead(const char *path, char **xml, bool *running, off_t *offset)
{
    qemuSaveHeader hdr;
    g_autofree char *buf = NULL;
    guint32 xmlLen;
    ssize_t n;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "cannot open domain image '%s'", path);
        return -1;
    }
    n = read(fd, &hdr, sizeof(hdr));
    if (n != sizeof(hdr) || memcmp(hdr.magic, QEMU_SAVE_MAGIC, sizeof(hdr.magic)) != 0) {
        close(fd);
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", "image magic is incorrect");
        return -1;
    }
    xmlLen = GUINT32_FROM_LE(hdr.xmlLen);
    if (GUINT32_FROM_LE(hdr.version) != QEMU_SAVE_VERSION || xmlLen < 2 ||
        xmlLen > QEMU_SAVE_XML_MAX) {
        close(fd);
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", "image version or XML length is invalid");
        return -1;
    }
    buf = g_malloc(xmlLen);
    n = read(fd, buf, xmlLen);
    close(fd);
    if (n != (ssize_t)xmlLen || buf[xmlLen - 1] != '\0') {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", "failed to read domain XML from image");
        return -1;
    }
    *xml = g_steal_pointer(&buf);
    *running = GUINT32_FROM_LE(hdr.running) != 0;
    *offset = sizeof(hdr) + xmlLen;
    return 0;
}

/* path in single quotes for /bin/sh (QEMU runs exec: URIs through it). */
static char *
qemuSaveImageQuote(const char *path)
{
    g_autofree char *inner = NULL;
    g_auto(GStrv) parts = g_strsplit(path, "'", -1);

    inner = g_strjoinv("'\\''", parts);
    return g_strdup_printf("'%s'", inner);
}

char *
qemuSaveImageOutgoingURI(const char *path)
{
    g_autofree char *quoted = qemuSaveImageQuote(path);

    return g_strdup_printf("exec:cat >> %s", quoted);
}

char *
qemuSaveImageIncomingURI(const char *path, off_t offset)
{
    g_autofree char *quoted = qemuSaveImageQuote(path);

    return g_strdup_printf("exec:tail -c +%lld %s", (long long)offset + 1, quoted);
}

int
qemuSaveImageRewrite(const char *path, const char *xml, int running)
{
    qemuSaveHeader hdr;
    g_autofree char *oldXml = NULL;
    g_autofree char *area = NULL;
    size_t textLen = strlen(xml) + 1;
    bool wasRunning;
    off_t offset;
    size_t xmlLen;
    int fd;

    if (qemuSaveImageRead(path, &oldXml, &wasRunning, &offset) < 0)
        return -1;
    xmlLen = offset - sizeof(hdr);
    if (textLen > xmlLen) {
        virReportError(VIR_ERR_OPERATION_FAILED, "%s", "new xml too large to fit in file");
        return -1;
    }
    if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "cannot open domain image '%s'", path);
        return -1;
    }
    if (pread(fd, &hdr, sizeof(hdr), 0) != sizeof(hdr)) {
        virReportSystemError(errno, "cannot read domain image '%s'", path);
        close(fd);
        return -1;
    }
    if (running >= 0)
        hdr.running = GUINT32_TO_LE(running ? 1 : 0);
    area = g_malloc0(xmlLen);
    memcpy(area, xml, textLen);
    if (pwrite(fd, &hdr, sizeof(hdr), 0) != sizeof(hdr) ||
        pwrite(fd, area, xmlLen, sizeof(hdr)) != (ssize_t)xmlLen || fsync(fd) < 0) {
        virReportSystemError(errno, "failed to write header to domain save file '%s'", path);
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}
