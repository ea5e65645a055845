/* Image headers, allocation and device sizes, read directly. */
#include "virstorageprobe.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("util.storageprobe");

/* What is read of an image at first; a qcow2 with bigger clusters has
 * its first cluster read whole, up to the largest cluster qcow2 allows. */
#define VIR_STORAGE_PROBE_HEADER_LEN (64 * 1024)
#define VIR_STORAGE_PROBE_MAX_CLUSTER (2 * 1024 * 1024)

#define QCOW_MAGIC "QFI\xfb"
#define QCOW2_HDR_V2_LEN 72
#define QCOW2_HDR_V3_LEN 104
#define QCOW2_EXT_END 0x00000000
#define QCOW2_EXT_BACKING_FORMAT 0xE2792ACA
#define QCOW2_INCOMPAT_DIRTY 0x1
#define QCOW2_BACKING_NAME_MAX 1023

#define QED_MAGIC "QED\0"
#define QED_HDR_LEN 64
#define QED_F_BACKING_FILE 0x1
#define QED_F_NEED_CHECK 0x2
#define QED_F_BACKING_FORMAT_NO_PROBE 0x4

#define VMDK_MAGIC "KDMV"
#define LUKS_MAGIC "LUKS\xba\xbe"
#define ISO_MAGIC_OFFSET 0x8001
#define ISO_MAGIC "CD001"

static uint32_t
virStorageProbeBE32(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    return ((uint32_t)u[0] << 24) | ((uint32_t)u[1] << 16) | ((uint32_t)u[2] << 8) | u[3];
}

static uint64_t
virStorageProbeBE64(const char *p)
{
    return ((uint64_t)virStorageProbeBE32(p) << 32) | virStorageProbeBE32(p + 4);
}

static uint32_t
virStorageProbeLE32(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    return ((uint32_t)u[3] << 24) | ((uint32_t)u[2] << 16) | ((uint32_t)u[1] << 8) | u[0];
}

static uint64_t
virStorageProbeLE64(const char *p)
{
    return ((uint64_t)virStorageProbeLE32(p + 4) << 32) | virStorageProbeLE32(p);
}

void
virStorageProbeImageInfoFree(virStorageProbeImageInfo *info)
{
    if (!info)
        return;
    g_free(info->format);
    g_free(info->backingStore);
    g_free(info->backingFormat);
    g_free(info->compat);
    g_free(info);
}

static int
virStorageProbeBroken(const char *format, const char *what)
{
    virReportError(VIR_ERR_INTERNAL_ERROR, "corrupt %s image header: %s", format, what);
    return -1;
}

/* The backing file name a header points at, which must lie in buf. */
static int
virStorageProbeBackingName(const char *buf, size_t len, const char *format,
                        uint64_t offset, uint32_t size, char **ret)
{
    if (offset == 0)
        return 0;
    if (size == 0 || size > QCOW2_BACKING_NAME_MAX)
        return virStorageProbeBroken(format, "backing file name length");
    if (offset > len || size > len - offset)
        return virStorageProbeBroken(format, "backing file name beyond the first cluster");
    *ret = g_strndup(buf + offset, size);
    return 0;
}

/* qcow (version 1) and qcow2 share the first fields. */
static int
virStorageProbeQcow(const char *buf, size_t len, virStorageProbeImageInfo *info)
{
    uint32_t version = virStorageProbeBE32(buf + 4);
    uint64_t incompat = 0;
    uint32_t hdrlen = QCOW2_HDR_V2_LEN;
    uint32_t clusterBits;
    size_t pos;

    if (len < QCOW2_HDR_V2_LEN)
        return virStorageProbeBroken("qcow2", "short header");
    info->version = version;
    info->capacity = virStorageProbeBE64(buf + 24);
    if (version == 1) {
        info->format = g_strdup("qcow");
        info->clusterSize = 1ULL << MIN((unsigned int)(unsigned char)buf[32], 31U);
        info->encrypted = virStorageProbeBE32(buf + 36) != 0;
        return virStorageProbeBackingName(buf, len, "qcow", virStorageProbeBE64(buf + 8),
                                       virStorageProbeBE32(buf + 16), &info->backingStore);
    }
    if (version != 2 && version != 3)
        return virStorageProbeBroken("qcow2", "unknown version");

    info->format = g_strdup("qcow2");
    info->compat = g_strdup(version == 2 ? "0.10" : "1.1");
    clusterBits = virStorageProbeBE32(buf + 20);
    if (clusterBits < 9 || clusterBits > 21)
        return virStorageProbeBroken("qcow2", "cluster size");
    info->clusterSize = 1ULL << clusterBits;
    info->encrypted = virStorageProbeBE32(buf + 32) != 0;
    if (version == 3) {
        if (len < QCOW2_HDR_V3_LEN)
            return virStorageProbeBroken("qcow2", "short header");
        incompat = virStorageProbeBE64(buf + 72);
        hdrlen = virStorageProbeBE32(buf + 100);
        if (hdrlen < QCOW2_HDR_V3_LEN || hdrlen > len)
            return virStorageProbeBroken("qcow2", "header length");
    }
    info->dirty = incompat & QCOW2_INCOMPAT_DIRTY;
    if (virStorageProbeBackingName(buf, len, "qcow2", virStorageProbeBE64(buf + 8),
                                virStorageProbeBE32(buf + 16), &info->backingStore) < 0)
        return -1;

    /* Header extensions: type, length, data padded to 8 bytes. */
    pos = hdrlen;
    while (pos + 8 <= len) {
        uint32_t type = virStorageProbeBE32(buf + pos);
        uint32_t extlen = virStorageProbeBE32(buf + pos + 4);

        pos += 8;
        if (type == QCOW2_EXT_END)
            break;
        if (extlen > len - pos)
            return virStorageProbeBroken("qcow2", "header extension beyond the first cluster");
        if (type == QCOW2_EXT_BACKING_FORMAT && extlen > 0 && !info->backingFormat)
            info->backingFormat = g_strndup(buf + pos, extlen);
        pos += ((uint64_t)extlen + 7) & ~7ULL;
    }
    return 0;
}

static int
virStorageProbeQed(const char *buf, size_t len, virStorageProbeImageInfo *info)
{
    uint64_t features;

    if (len < QED_HDR_LEN)
        return virStorageProbeBroken("qed", "short header");
    info->format = g_strdup("qed");
    info->clusterSize = virStorageProbeLE32(buf + 4);
    features = virStorageProbeLE64(buf + 16);
    info->capacity = virStorageProbeLE64(buf + 48);
    info->dirty = features & QED_F_NEED_CHECK;
    if (!(features & QED_F_BACKING_FILE))
        return 0;
    if (virStorageProbeBackingName(buf, len, "qed", virStorageProbeLE32(buf + 56),
                                virStorageProbeLE32(buf + 60), &info->backingStore) < 0)
        return -1;
    if (features & QED_F_BACKING_FORMAT_NO_PROBE)
        info->backingFormat = g_strdup("raw");
    return 0;
}

virStorageProbeImageInfo *
virStorageProbeImageBuffer(const char *buf, size_t len, unsigned long long size)
{
    g_autoptr(virStorageProbeImageInfo) info = g_new0(virStorageProbeImageInfo, 1);
    int rc = 0;

    if (len >= 8 && memcmp(buf, QCOW_MAGIC, 4) == 0) {
        rc = virStorageProbeQcow(buf, len, info);
    } else if (len >= 8 && memcmp(buf, QED_MAGIC, 4) == 0) {
        rc = virStorageProbeQed(buf, len, info);
    } else if (len >= 20 && memcmp(buf, VMDK_MAGIC, 4) == 0) {
        info->format = g_strdup("vmdk");
        info->version = virStorageProbeLE32(buf + 4);
        info->capacity = virStorageProbeLE64(buf + 12) * 512;
    } else if (len >= 6 && memcmp(buf, LUKS_MAGIC, 6) == 0) {
        info->format = g_strdup("luks");
        info->encrypted = true;
        info->capacity = size;
    } else {
        bool iso = len >= ISO_MAGIC_OFFSET + strlen(ISO_MAGIC) &&
                   memcmp(buf + ISO_MAGIC_OFFSET, ISO_MAGIC, strlen(ISO_MAGIC)) == 0;

        info->format = g_strdup(iso ? "iso" : "raw");
        info->capacity = size;
    }
    if (rc < 0)
        return NULL;
    return g_steal_pointer(&info);
}

/* Reads up to len bytes at offset 0; returns the count read. */
static ssize_t
virStorageProbeRead(int fd, const char *path, char *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = pread(fd, buf + done, len - done, done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virReportSystemError(errno, "cannot read header of '%s'", path);
            return -1;
        }
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

static int
virStorageProbeFdSize(int fd, const char *path, unsigned long long *size)
{
    struct stat st;
    uint64_t bytes;

    if (fstat(fd, &st) < 0) {
        virReportSystemError(errno, "cannot stat file '%s'", path);
        return -1;
    }
    if (S_ISBLK(st.st_mode)) {
        if (ioctl(fd, BLKGETSIZE64, &bytes) < 0) {
            virReportSystemError(errno, "cannot get the size of block device '%s'", path);
            return -1;
        }
        *size = bytes;
        return 0;
    }
    if (!S_ISREG(st.st_mode)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "'%s' is neither a file nor a block device", path);
        return -1;
    }
    *size = st.st_size;
    return 0;
}

virStorageProbeImageInfo *
virStorageProbeImageFd(int fd, const char *path)
{
    g_autofree char *buf = g_new0(char, VIR_STORAGE_PROBE_HEADER_LEN);
    unsigned long long size;
    ssize_t len;

    if (virStorageProbeFdSize(fd, path, &size) < 0 ||
        (len = virStorageProbeRead(fd, path, buf, VIR_STORAGE_PROBE_HEADER_LEN)) < 0)
        return NULL;

    /* A qcow2 with clusters beyond what was read: read its first cluster. */
    if (len >= 24 && memcmp(buf, QCOW_MAGIC, 4) == 0 && virStorageProbeBE32(buf + 4) >= 2) {
        uint32_t bits = virStorageProbeBE32(buf + 20);

        if (bits <= 21 && (1U << bits) > VIR_STORAGE_PROBE_HEADER_LEN) {
            g_free(buf);
            buf = g_new0(char, 1U << bits);
            if ((len = virStorageProbeRead(fd, path, buf, 1U << bits)) < 0)
                return NULL;
        }
    }
    VIR_DEBUG("probing %zd bytes of '%s' (%llu bytes)", len, path, size);
    return virStorageProbeImageBuffer(buf, len, size);
}

virStorageProbeImageInfo *
virStorageProbeImage(const char *path)
{
    virStorageProbeImageInfo *info;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "cannot open volume '%s'", path);
        return NULL;
    }
    info = virStorageProbeImageFd(fd, path);
    close(fd);
    return info;
}

int
virStorageProbeAllocation(const char *path, unsigned long long *capacity,
                       unsigned long long *allocation)
{
    struct stat st;

    if (stat(path, &st) < 0) {
        virReportSystemError(errno, "cannot stat file '%s'", path);
        return -1;
    }
    if (S_ISBLK(st.st_mode)) {
        if (virStorageProbeBlockDeviceSize(path, capacity) < 0)
            return -1;
        *allocation = *capacity;
        return 0;
    }
    if (!S_ISREG(st.st_mode)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "'%s' is neither a file nor a block device", path);
        return -1;
    }
    *capacity = st.st_size;
    *allocation = (unsigned long long)st.st_blocks * 512;
    return 0;
}

int
virStorageProbeBlockDeviceSize(const char *path, unsigned long long *size)
{
    struct stat st;
    uint64_t bytes;
    int fd;
    int rc;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "cannot open device '%s'", path);
        return -1;
    }
    if (fstat(fd, &st) < 0 || !S_ISBLK(st.st_mode)) {
        virReportError(VIR_ERR_INVALID_ARG, "'%s' is not a block device", path);
        close(fd);
        return -1;
    }
    if ((rc = ioctl(fd, BLKGETSIZE64, &bytes)) < 0)
        virReportSystemError(errno, "cannot get the size of block device '%s'", path);
    else
        *size = bytes;
    close(fd);
    return rc < 0 ? -1 : 0;
}

static char *
virStorageProbeLookupTool(const char *name)
{
    static const char *const dirs[] = { "/usr/sbin", "/sbin", "/usr/bin", "/bin" };
    char *path;
    size_t i;

    if ((path = g_find_program_in_path(name)))
        return path;
    for (i = 0; i < G_N_ELEMENTS(dirs); i++) {
        path = g_build_filename(dirs[i], name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_EXECUTABLE))
            return path;
        g_free(path);
    }
    return NULL;
}

char *
virStorageProbeFindTool(const char *name)
{
    char *path = virStorageProbeLookupTool(name);

    if (!path)
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "cannot find the storage tool '%s'", name);
    return path;
}

bool
virStorageProbeHasTool(const char *name)
{
    g_autofree char *path = virStorageProbeLookupTool(name);

    return path != NULL;
}
