#include "virsystoken.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "virerror.h"
#include "virfile.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define VIR_SYSTEM_TOKEN_BYTES (VIR_SYSTEM_TOKEN_HEXLEN / 2)

char *
virSystemTokenPath(void)
{
    return virFileRootPath("/run/libvirt/common/system.token");
}

static bool
virSystemTokenIsValid(const char *token)
{
    size_t i;

    if (strlen(token) != VIR_SYSTEM_TOKEN_HEXLEN)
        return false;
    for (i = 0; i < VIR_SYSTEM_TOKEN_HEXLEN; i++) {
        if (!g_ascii_isxdigit(token[i]))
            return false;
    }
    return true;
}

/* Reads an existing token file: 1 and *token on success, 0 when there is
 * no file, -1 with an error reported. */
static int
virSystemTokenRead(const char *path, char **token)
{
    char buf[VIR_SYSTEM_TOKEN_HEXLEN + 2];
    ssize_t got;
    struct stat sb;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
        if (errno == ENOENT)
            return 0;
        virReportSystemError(errno, "cannot open system token '%s'", path);
        return -1;
    }
    if (fstat(fd, &sb) < 0) {
        virReportSystemError(errno, "cannot stat system token '%s'", path);
        close(fd);
        return -1;
    }
    /* Anyone else able to read or plant it could pass for a daemon. */
    if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid() || (sb.st_mode & 0077) != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "system token '%s' is not a regular file private to uid %u", path,
                       (unsigned int)geteuid());
        close(fd);
        return -1;
    }
    while ((got = read(fd, buf, sizeof(buf) - 1)) < 0 && errno == EINTR)
        ;
    if (got < 0) {
        virReportSystemError(errno, "cannot read system token '%s'", path);
        close(fd);
        return -1;
    }
    close(fd);
    buf[got] = '\0';
    if (got > 0 && buf[got - 1] == '\n')
        buf[got - 1] = '\0';
    if (!virSystemTokenIsValid(buf)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "system token '%s' is malformed", path);
        return -1;
    }
    *token = g_strdup(buf);
    return 1;
}

/* Writes a fresh token to a temporary file next to path, then links it
 * into place: the link fails if the file exists (the exclusive create of
 * O_EXCL), and readers never see a half-written token. 1 when ours is in
 * place, 0 when another daemon's was there first, -1 reported. */
static int
virSystemTokenCreate(const char *path)
{
    unsigned char raw[VIR_SYSTEM_TOKEN_BYTES];
    char hex[VIR_SYSTEM_TOKEN_HEXLEN + 1];
    g_autofree char *tmp = g_strdup_printf("%s.new-XXXXXX", path);
    size_t done = 0;
    size_t i;
    int ret = -1;
    int fd;

    while (done < sizeof(raw)) {
        ssize_t n = getrandom(raw + done, sizeof(raw) - done, 0);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            virReportSystemError(errno, "%s", "cannot generate the system token");
            return -1;
        }
        done += n;
    }
    for (i = 0; i < sizeof(raw); i++)
        g_snprintf(hex + 2 * i, 3, "%02x", raw[i]);
    memset(raw, 0, sizeof(raw));

    if ((fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0600)) < 0) {
        virReportSystemError(errno, "cannot create file '%s'", tmp);
        return -1;
    }
    if (fchmod(fd, 0600) < 0 ||
        write(fd, hex, VIR_SYSTEM_TOKEN_HEXLEN) != VIR_SYSTEM_TOKEN_HEXLEN ||
        fsync(fd) < 0) {
        virReportSystemError(errno, "cannot write file '%s'", tmp);
    } else if (link(tmp, path) == 0) {
        ret = 1;
    } else if (errno == EEXIST) {
        ret = 0;
    } else {
        virReportSystemError(errno, "cannot create system token '%s'", path);
    }
    memset(hex, 0, sizeof(hex));
    close(fd);
    unlink(tmp);
    return ret;
}

int
virSystemTokenGet(char **token)
{
    g_autofree char *path = virSystemTokenPath();
    g_autofree char *dir = g_path_get_dirname(path);
    int rc;

    if ((rc = virSystemTokenRead(path, token)) != 0)
        return rc < 0 ? -1 : 0;
    if (virFileMakePath(dir, 0755) < 0 || virSystemTokenCreate(path) < 0)
        return -1;
    /* Ours or the one that won the race: the same file for everyone. */
    if ((rc = virSystemTokenRead(path, token)) == 0)
        virReportError(VIR_ERR_INTERNAL_ERROR, "system token '%s' vanished", path);
    return rc > 0 ? 0 : -1;
}

bool
virSystemTokenEqual(const char *presented, const char *token)
{
    volatile unsigned char diff = 0;
    size_t i;

    /* The length is no secret: every token has the same. */
    if (!presented || !token || strlen(presented) != VIR_SYSTEM_TOKEN_HEXLEN ||
        strlen(token) != VIR_SYSTEM_TOKEN_HEXLEN)
        return false;
    for (i = 0; i < VIR_SYSTEM_TOKEN_HEXLEN; i++)
        diff |= (unsigned char)presented[i] ^ (unsigned char)token[i];
    return diff == 0;
}
