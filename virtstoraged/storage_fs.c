/* Filesystem build, mount state and volume wiping. */
#include "storage_fs.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "virstorageprobe.h"
#include "vircommand.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("storage.storage_fs");

#define STORAGE_WIPE_CHUNK (1024 * 1024)

/* The superblocks the fallback probe knows. */
#define EXT_SB_OFFSET 1024
#define EXT_MAGIC_OFFSET (EXT_SB_OFFSET + 0x38)
#define EXT_COMPAT_OFFSET (EXT_SB_OFFSET + 0x5C)
#define EXT_INCOMPAT_OFFSET (EXT_SB_OFFSET + 0x60)
#define EXT_COMPAT_HAS_JOURNAL 0x4
#define EXT_INCOMPAT_EXT4 (0x40 | 0x80 | 0x200) /* extents, 64bit, flex_bg */
#define BTRFS_MAGIC_OFFSET (65536 + 0x40)
#define GPT_HEADER_OFFSET 512
#define STORAGE_FS_PROBE_LEN (BTRFS_MAGIC_OFFSET + 8)

VIR_ENUM_IMPL(storageWipeAlgorithm, VIR_STORAGE_VOL_WIPE_ALG_LAST,
              "zero", "nnsa", "dod", "bsi", "gutmann", "schneier",
              "pfitzner7", "pfitzner33", "random", "trim");

static bool
storageFsIsWord(const char *str)
{
    return str && *str &&
           strspn(str, "abcdefghijklmnopqrstuvwxyz0123456789_.-") == strlen(str) && *str != '-';
}

static int
storageFsCheckPath(const char *what, const char *path)
{
    if (!path || *path != '/') {
        virReportError(VIR_ERR_INVALID_ARG, "invalid %s '%s'", what, path ? path : "");
        return -1;
    }
    return 0;
}

static int
storageFsCheckType(const char *fstype)
{
    if (!storageFsIsWord(fstype)) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unsupported filesystem type '%s'",
                       fstype ? fstype : "");
        return -1;
    }
    return 0;
}

static char *
storageFsRender(virCommand *cmd)
{
    g_autoptr(virCommand) owned = cmd;

    if (!owned)
        return NULL;
    return virCommandToString(owned);
}

static int
storageFsRun(virCommand *cmd, char **out, int *exitstatus)
{
    g_autoptr(virCommand) owned = cmd;

    if (!owned)
        return -1;
    virCommandAddEnvPair(owned, "LC_ALL", "C");
    virCommandAddEnvPassCommon(owned);
    if (out)
        virCommandSetOutputBuffer(owned, out);
    return virCommandRun(owned, exitstatus);
}

/* Probing. */

static virCommand *
storageFsBlkidBuild(const char *binary, const char *device)
{
    if (storageFsCheckPath("device path", device) < 0)
        return NULL;
    return virCommandNewArgList(binary, "-p", "-o", "export", device, NULL);
}

char *
storageFsBlkidArgv(const char *device)
{
    return storageFsRender(storageFsBlkidBuild("blkid", device));
}

void
storageFsParseBlkid(const char *output, char **fstype, char **pttype)
{
    g_auto(GStrv) lines = g_strsplit(output ? output : "", "\n", -1);
    size_t i;

    *fstype = NULL;
    *pttype = NULL;
    for (i = 0; lines[i]; i++) {
        g_strstrip(lines[i]);
        if (g_str_has_prefix(lines[i], "TYPE=") && !*fstype && lines[i][5])
            *fstype = g_strdup(lines[i] + 5);
        else if (g_str_has_prefix(lines[i], "PTTYPE=") && !*pttype && lines[i][7])
            *pttype = g_strdup(lines[i] + 7);
    }
}

/* Without blkid: the superblocks we can name. */
static int
storageFsProbeSuperblock(const char *device, char **fstype, char **pttype)
{
    g_autofree char *buf = g_new0(char, STORAGE_FS_PROBE_LEN);
    ssize_t len;
    int fd;

    if ((fd = open(device, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "cannot open device '%s'", device);
        return -1;
    }
    len = pread(fd, buf, STORAGE_FS_PROBE_LEN, 0);
    close(fd);
    if (len < 0) {
        virReportSystemError(errno, "cannot read device '%s'", device);
        return -1;
    }
    if (len >= 4 && memcmp(buf, "XFSB", 4) == 0) {
        *fstype = g_strdup("xfs");
    } else if (len >= EXT_INCOMPAT_OFFSET + 4 &&
               (unsigned char)buf[EXT_MAGIC_OFFSET] == 0x53 &&
               (unsigned char)buf[EXT_MAGIC_OFFSET + 1] == 0xEF) {
        uint32_t compat;
        uint32_t incompat;

        memcpy(&compat, buf + EXT_COMPAT_OFFSET, 4);
        memcpy(&incompat, buf + EXT_INCOMPAT_OFFSET, 4);
        compat = GUINT32_FROM_LE(compat);
        incompat = GUINT32_FROM_LE(incompat);
        if (incompat & EXT_INCOMPAT_EXT4)
            *fstype = g_strdup("ext4");
        else
            *fstype = g_strdup(compat & EXT_COMPAT_HAS_JOURNAL ? "ext3" : "ext2");
    } else if (len >= BTRFS_MAGIC_OFFSET + 8 && memcmp(buf + BTRFS_MAGIC_OFFSET, "_BHRfS_M", 8) == 0) {
        *fstype = g_strdup("btrfs");
    }
    if (len >= GPT_HEADER_OFFSET + 8 && memcmp(buf + GPT_HEADER_OFFSET, "EFI PART", 8) == 0)
        *pttype = g_strdup("gpt");
    return *fstype || *pttype ? 1 : 0;
}

int
storageFsProbe(const char *device, char **fstype, char **pttype)
{
    g_autofree char *binary = NULL;
    g_autofree char *out = NULL;
    int status;

    *fstype = NULL;
    *pttype = NULL;
    if (storageFsCheckPath("device path", device) < 0)
        return -1;
    if (!virStorageProbeHasTool("blkid"))
        return storageFsProbeSuperblock(device, fstype, pttype);
    if (!(binary = virStorageProbeFindTool("blkid")) ||
        storageFsRun(storageFsBlkidBuild(binary, device), &out, &status) < 0)
        return -1;
    /* 2: nothing was found. */
    if (status == 2)
        return 0;
    if (status != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot probe device '%s': blkid exit status %d",
                       device, status);
        return -1;
    }
    storageFsParseBlkid(out, fstype, pttype);
    return *fstype || *pttype ? 1 : 0;
}

/* mkfs. */

static virCommand *
storageFsMkfsBuild(const char *device, const char *fstype, bool overwrite, const char *binary)
{
    virCommand *cmd;

    if (storageFsCheckPath("device path", device) < 0 || storageFsCheckType(fstype) < 0)
        return NULL;
    cmd = virCommandNew(binary);
    if (overwrite) {
        /* Each mkfs has its own way to be told to overwrite. */
        if (g_str_has_prefix(fstype, "ext"))
            virCommandAddArg(cmd, "-F");
        else if (strcmp(fstype, "xfs") == 0 || strcmp(fstype, "btrfs") == 0)
            virCommandAddArg(cmd, "-f");
        else if (strcmp(fstype, "vfat") == 0)
            virCommandAddArg(cmd, "-I");
    }
    virCommandAddArg(cmd, device);
    return cmd;
}

char *
storageFsMkfsArgv(const char *device, const char *fstype, bool overwrite)
{
    g_autofree char *name = g_strdup_printf("mkfs.%s", fstype ? fstype : "");

    return storageFsRender(storageFsMkfsBuild(device, fstype, overwrite, name));
}

int
storageFsBuild(const char *device, const char *fstype, bool overwrite)
{
    g_autofree char *name = NULL;
    g_autofree char *binary = NULL;

    if (storageFsCheckPath("device path", device) < 0 || storageFsCheckType(fstype) < 0)
        return -1;
    if (!overwrite) {
        g_autofree char *found = NULL;
        g_autofree char *table = NULL;
        int rc = storageFsProbe(device, &found, &table);

        if (rc < 0)
            return -1;
        if (found) {
            virReportError(VIR_ERR_STORAGE_POOL_BUILT, "Device '%s' already formatted using '%s'",
                           device, found);
            return -1;
        }
        if (table) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "Device '%s' holds a '%s' partition table, forced overwrite is necessary",
                           device, table);
            return -1;
        }
    }
    name = g_strdup_printf("mkfs.%s", fstype);
    if (!(binary = virStorageProbeFindTool(name)))
        return -1;
    return storageFsRun(storageFsMkfsBuild(device, fstype, overwrite, binary), NULL, NULL);
}

/* mount and umount. */

static virCommand *
storageFsMountBuild(const char *binary, const char *source, const char *dir,
                    const char *fstype, const char *options)
{
    virCommand *cmd;

    if (!source || !*source || *source == '-') {
        virReportError(VIR_ERR_INVALID_ARG, "invalid mount source '%s'", source ? source : "");
        return NULL;
    }
    if (storageFsCheckPath("mount point", dir) < 0 || storageFsCheckType(fstype) < 0)
        return NULL;
    if (options && (!*options || strpbrk(options, " \t\n"))) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid mount options '%s'", options);
        return NULL;
    }
    cmd = virCommandNewArgList(binary, "-t", fstype, NULL);
    if (options)
        virCommandAddArgPair(cmd, "-o", options);
    virCommandAddArg(cmd, source);
    virCommandAddArg(cmd, dir);
    return cmd;
}

static virCommand *
storageFsUnmountBuild(const char *binary, const char *dir)
{
    if (storageFsCheckPath("mount point", dir) < 0)
        return NULL;
    return virCommandNewArgList(binary, dir, NULL);
}

char *
storageFsMountArgv(const char *source, const char *dir, const char *fstype, const char *options)
{
    return storageFsRender(storageFsMountBuild("mount", source, dir, fstype, options));
}

int
storageFsMount(const char *source, const char *dir, const char *fstype, const char *options)
{
    g_autofree char *binary = virStorageProbeFindTool("mount");

    if (!binary)
        return -1;
    return storageFsRun(storageFsMountBuild(binary, source, dir, fstype, options), NULL, NULL);
}

char *
storageFsUnmountArgv(const char *dir)
{
    return storageFsRender(storageFsUnmountBuild("umount", dir));
}

int
storageFsUnmount(const char *dir)
{
    g_autofree char *binary = virStorageProbeFindTool("umount");

    if (!binary)
        return -1;
    return storageFsRun(storageFsUnmountBuild(binary, dir), NULL, NULL);
}

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static char *
storageFsUnescape(const char *str)
{
    GString *out = g_string_new(NULL);
    const char *p;

    for (p = str; *p; p++) {
        if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' &&
            p[3] >= '0' && p[3] <= '7') {
            g_string_append_c(out, (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0')));
            p += 3;
        } else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

int
storageFsMountinfoFind(const char *mountinfo, const char *dir, char **source, char **fstype)
{
    g_auto(GStrv) lines = g_strsplit(mountinfo ? mountinfo : "", "\n", -1);
    g_autofree char *want = g_canonicalize_filename(dir, "/");
    g_autofree char *foundSource = NULL;
    g_autofree char *foundType = NULL;
    bool found = false;
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) fields = g_strsplit(lines[i], " ", -1);
        g_autofree char *mnt = NULL;
        guint n = g_strv_length(fields);
        guint sep;

        /* id parent major:minor root mount-point options [optional...] - type source super */
        if (n < 10)
            continue;
        for (sep = 6; sep < n && strcmp(fields[sep], "-") != 0; sep++)
            ;
        if (sep + 2 >= n)
            continue;
        mnt = storageFsUnescape(fields[4]);
        if (strcmp(mnt, want) != 0)
            continue;
        /* Later lines are mounted on top of earlier ones. */
        found = true;
        g_free(foundType);
        g_free(foundSource);
        foundType = storageFsUnescape(fields[sep + 1]);
        foundSource = storageFsUnescape(fields[sep + 2]);
    }
    if (source)
        *source = found ? g_steal_pointer(&foundSource) : NULL;
    if (fstype)
        *fstype = found ? g_steal_pointer(&foundType) : NULL;
    return found ? 1 : 0;
}

int
storageFsIsMounted(const char *dir, const char *source)
{
    g_autofree char *mountinfo = NULL;
    g_autofree char *real = NULL;
    g_autofree char *found = NULL;
    int rc;

    if (storageFsCheckPath("mount point", dir) < 0)
        return -1;
    /* mountinfo names the resolved path. */
    if (!(real = realpath(dir, NULL)))
        real = g_strdup(dir);
    if (virFileReadAll("/proc/self/mountinfo", 16 * 1024 * 1024, &mountinfo) < 0)
        return -1;
    if ((rc = storageFsMountinfoFind(mountinfo, real, &found, NULL)) <= 0 || !source)
        return rc;
    if (strcmp(found, source) == 0)
        return 1;
    /* A device source may be named through a link. */
    {
        g_autofree char *realSource = realpath(source, NULL);
        g_autofree char *realFound = realpath(found, NULL);

        return realSource && realFound && strcmp(realSource, realFound) == 0 ? 1 : 0;
    }
}

/* Wiping. */

static virCommand *
storageWipeScrubBuild(const char *binary, const char *path, int algorithm)
{
    const char *name = storageWipeAlgorithmTypeToString(algorithm);

    if (storageFsCheckPath("volume path", path) < 0)
        return NULL;
    if (!name || algorithm == VIR_STORAGE_VOL_WIPE_ALG_ZERO ||
        algorithm == VIR_STORAGE_VOL_WIPE_ALG_RANDOM || algorithm == VIR_STORAGE_VOL_WIPE_ALG_TRIM) {
        virReportError(VIR_ERR_INVALID_ARG, "wipe algorithm %d is not a scrub pattern", algorithm);
        return NULL;
    }
    return virCommandNewArgList(binary, "-f", "-p", name, path, NULL);
}

char *
storageWipeScrubArgv(const char *path, int algorithm)
{
    return storageFsRender(storageWipeScrubBuild("scrub", path, algorithm));
}

static int
storageWipeWrite(int fd, const char *path, unsigned long long length, bool random)
{
    g_autofree char *buf = g_new0(char, STORAGE_WIPE_CHUNK);
    unsigned long long done = 0;
    int rnd = -1;

    if (random && (rnd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "%s", "cannot open /dev/urandom");
        return -1;
    }
    while (done < length) {
        size_t chunk = MIN(length - done, STORAGE_WIPE_CHUNK);
        size_t off = 0;

        if (random && read(rnd, buf, chunk) != (ssize_t)chunk) {
            virReportSystemError(errno, "%s", "cannot read /dev/urandom");
            close(rnd);
            return -1;
        }
        while (off < chunk) {
            ssize_t n = pwrite(fd, buf + off, chunk - off, done + off);

            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                virReportSystemError(n < 0 ? errno : ENOSPC, "cannot wipe volume '%s'", path);
                if (rnd >= 0)
                    close(rnd);
                return -1;
            }
            off += n;
        }
        done += chunk;
    }
    if (rnd >= 0)
        close(rnd);
    if (fdatasync(fd) < 0) {
        virReportSystemError(errno, "cannot sync data to volume '%s'", path);
        return -1;
    }
    return 0;
}

/* Zeros: a sparse file gets a hole (reads give zeros, the space is
 * freed); a fully allocated file or a device gets written zeros. */
static int
storageWipeZero(int fd, const char *path, const struct stat *st, unsigned long long length)
{
    if (S_ISREG(st->st_mode) && (unsigned long long)st->st_blocks * 512 < (unsigned long long)st->st_size) {
        if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, length) == 0)
            return 0;
        if (errno != EOPNOTSUPP && errno != ENOSYS) {
            virReportSystemError(errno, "cannot punch a hole into volume '%s'", path);
            return -1;
        }
    }
    return storageWipeWrite(fd, path, length, false);
}

/* zero or random on an open volume. */
static int
storageWipeFd(int fd, const char *what, int algorithm, unsigned long long length)
{
    struct stat st;
    unsigned long long size;

    if (fstat(fd, &st) < 0) {
        virReportSystemError(errno, "cannot stat volume '%s'", what);
        return -1;
    }
    if (S_ISBLK(st.st_mode)) {
        uint64_t bytes;

        if (ioctl(fd, BLKGETSIZE64, &bytes) < 0) {
            virReportSystemError(errno, "cannot get the size of block device '%s'", what);
            return -1;
        }
        size = bytes;
    } else if (S_ISREG(st.st_mode)) {
        size = st.st_size;
    } else {
        virReportError(VIR_ERR_INVALID_ARG, "'%s' is neither a file nor a block device", what);
        return -1;
    }
    if (length == 0 || length > size)
        length = size;
    VIR_DEBUG("wiping %llu bytes of '%s' with '%s'", length, what,
              storageWipeAlgorithmTypeToString(algorithm));
    if (algorithm == VIR_STORAGE_VOL_WIPE_ALG_ZERO)
        return storageWipeZero(fd, what, &st, length);
    return storageWipeWrite(fd, what, length, true);
}

int
storageWipe(const char *path, int fd, int algorithm, unsigned long long length)
{
    const char *name = storageWipeAlgorithmTypeToString(algorithm);
    int rc;

    if (!name) {
        virReportError(VIR_ERR_INVALID_ARG, "unsupported wipe algorithm %d", algorithm);
        return -1;
    }
    if (algorithm == VIR_STORAGE_VOL_WIPE_ALG_TRIM) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "'trim' algorithm not supported");
        return -1;
    }
    if (algorithm != VIR_STORAGE_VOL_WIPE_ALG_ZERO && algorithm != VIR_STORAGE_VOL_WIPE_ALG_RANDOM) {
        g_autofree char *scrub = NULL;

        if (!virStorageProbeHasTool("scrub")) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                           "wipe algorithm '%s' needs the scrub tool, which is not installed", name);
            return -1;
        }
        if (!path) {
            virReportError(VIR_ERR_INVALID_ARG, "wipe algorithm '%s' needs the volume's path", name);
            return -1;
        }
        if (!(scrub = virStorageProbeFindTool("scrub")))
            return -1;
        return storageFsRun(storageWipeScrubBuild(scrub, path, algorithm), NULL, NULL);
    }

    if (fd >= 0)
        return storageWipeFd(fd, path ? path : "(fd)", algorithm, length);
    if (storageFsCheckPath("volume path", path) < 0)
        return -1;
    if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "cannot open volume '%s'", path);
        return -1;
    }
    rc = storageWipeFd(fd, path, algorithm, length);
    close(fd);
    return rc;
}
