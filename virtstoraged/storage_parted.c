/* parted command lines and the parsing of `parted -m` output. */
#include "storage_parted.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "virstorageprobe.h"
#include "vircommand.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

VIR_LOG_INIT("storage.storage_parted");

#define STORAGE_PARTED "parted"
#define STORAGE_PARTED_ALIGN (1024ULL * 1024)

/* MBR: four 16-byte entries at 446, the type byte fifth in each. */
#define MBR_ENTRIES_OFFSET 446
#define MBR_ENTRY_LEN 16
#define MBR_SIGNATURE_OFFSET 510

static void
storagePartedPartitionClear(storagePartedPartition *part)
{
    g_free(part->type);
    g_free(part->fs);
    g_free(part->name);
    g_free(part->flags);
}

void
storagePartedTableFree(storagePartedTable *table)
{
    size_t i;

    if (!table)
        return;
    for (i = 0; i < table->nparts; i++)
        storagePartedPartitionClear(&table->parts[i]);
    g_free(table->parts);
    g_free(table->free);
    g_free(table->path);
    g_free(table->label);
    g_free(table->model);
    g_free(table);
}

static int
storagePartedCheckDevice(const char *device)
{
    if (!device || *device != '/') {
        virReportError(VIR_ERR_INVALID_ARG, "invalid device path '%s'", device ? device : "");
        return -1;
    }
    return 0;
}

static virCommand *
storagePartedPrintBuild(const char *binary, const char *device)
{
    if (storagePartedCheckDevice(device) < 0)
        return NULL;
    return virCommandNewArgList(binary, "-s", "-m", device, "unit", "B", "print", "free", NULL);
}

static virCommand *
storagePartedMklabelBuild(const char *binary, const char *device, const char *label)
{
    if (storagePartedCheckDevice(device) < 0)
        return NULL;
    if (g_strcmp0(label, "msdos") != 0 && g_strcmp0(label, "gpt") != 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unsupported partition table format '%s'",
                       label ? label : "");
        return NULL;
    }
    return virCommandNewArgList(binary, "-s", device, "mklabel", label, NULL);
}

static virCommand *
storagePartedMkpartBuild(const char *binary, const char *device, const char *fs,
                         unsigned long long start, unsigned long long end)
{
    virCommand *cmd;

    if (storagePartedCheckDevice(device) < 0)
        return NULL;
    if (fs && (!*fs || strspn(fs, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(fs))) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unsupported partition filesystem type '%s'", fs);
        return NULL;
    }
    if (end <= start) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid partition extent %llu-%llu", start, end);
        return NULL;
    }
    cmd = virCommandNewArgList(binary, "-s", device, "mkpart", "primary", NULL);
    if (fs)
        virCommandAddArg(cmd, fs);
    virCommandAddArgFormat(cmd, "%lluB", start);
    virCommandAddArgFormat(cmd, "%lluB", end);
    return cmd;
}

static virCommand *
storagePartedRmBuild(const char *binary, const char *device, unsigned int n)
{
    virCommand *cmd;

    if (storagePartedCheckDevice(device) < 0)
        return NULL;
    if (n == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "invalid partition number 0 on '%s'", device);
        return NULL;
    }
    cmd = virCommandNewArgList(binary, "-s", device, "rm", NULL);
    virCommandAddArgFormat(cmd, "%u", n);
    return cmd;
}

static char *
storagePartedRender(virCommand *cmd)
{
    g_autoptr(virCommand) owned = cmd;

    if (!owned)
        return NULL;
    return virCommandToString(owned);
}

char *
storagePartedPrintArgv(const char *device)
{
    return storagePartedRender(storagePartedPrintBuild(STORAGE_PARTED, device));
}

char *
storagePartedMklabelArgv(const char *device, const char *label)
{
    return storagePartedRender(storagePartedMklabelBuild(STORAGE_PARTED, device, label));
}

char *
storagePartedMkpartArgv(const char *device, const char *fs,
                        unsigned long long start, unsigned long long end)
{
    return storagePartedRender(storagePartedMkpartBuild(STORAGE_PARTED, device, fs, start, end));
}

char *
storagePartedRmArgv(const char *device, unsigned int n)
{
    return storagePartedRender(storagePartedRmBuild(STORAGE_PARTED, device, n));
}

/* Runs a built command; output (if wanted) is stdout; exitstatus as for
 * virCommandRun. parted talks to udev when it has one: settle afterwards
 * so partition nodes have come and gone when we return. */
static int
storagePartedRun(virCommand *cmd, char **out, char **err, int *exitstatus)
{
    g_autoptr(virCommand) owned = cmd;

    if (!owned)
        return -1;
    virCommandAddEnvPair(owned, "LC_ALL", "C");
    virCommandAddEnvPassCommon(owned);
    if (out)
        virCommandSetOutputBuffer(owned, out);
    if (err)
        virCommandSetErrorBuffer(owned, err);
    return virCommandRun(owned, exitstatus);
}

static void
storagePartedSettle(void)
{
    g_autofree char *udevadm = NULL;
    g_autoptr(virCommand) cmd = NULL;
    int status;

    if (!virStorageProbeHasTool("udevadm") || !(udevadm = virStorageProbeFindTool("udevadm")))
        return;
    cmd = virCommandNewArgList(udevadm, "settle", NULL);
    /* Best effort, as libvirt's wait for devices. */
    if (virCommandRun(cmd, &status) < 0)
        virErrorReset();
}

/* Parsing. */

/* The fields of one `parted -m` line: ':'-separated, ';'-terminated, with
 * '\' escaping ':' and '\' inside fields. */
static GPtrArray *
storagePartedSplit(const char *line)
{
    GPtrArray *fields = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    const char *p;

    for (p = line; *p; p++) {
        if (*p == '\\' && p[1]) {
            g_string_append_c(cur, *++p);
        } else if (*p == ':' || (*p == ';' && !p[1])) {
            g_ptr_array_add(fields, g_string_free(cur, FALSE));
            cur = g_string_new(NULL);
        } else {
            g_string_append_c(cur, *p);
        }
    }
    if (cur->len)
        g_ptr_array_add(fields, g_string_free(cur, FALSE));
    else
        g_string_free(cur, TRUE);
    return fields;
}

/* "1048576B" */
static int
storagePartedParseBytes(const char *str, unsigned long long *ret)
{
    char *end = NULL;

    errno = 0;
    if (!g_ascii_isdigit(*str) || (*ret = strtoull(str, &end, 10), errno != 0) ||
        g_strcmp0(end, "B") != 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "parted: cannot parse size '%s'", str);
        return -1;
    }
    return 0;
}

static int
storagePartedParseUInt(const char *str, unsigned int *ret)
{
    char *end = NULL;
    unsigned long val;

    errno = 0;
    if (!g_ascii_isdigit(*str) || (val = strtoul(str, &end, 10), errno != 0) || *end ||
        val > G_MAXUINT) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "parted: cannot parse number '%s'", str);
        return -1;
    }
    *ret = val;
    return 0;
}

static char *
storagePartedFieldDup(const char *field)
{
    return *field ? g_strdup(field) : NULL;
}

static int
storagePartedParseDisk(GPtrArray *f, storagePartedTable *table)
{
    if (f->len < 7) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "parted: short device line");
        return -1;
    }
    table->path = g_strdup(g_ptr_array_index(f, 0));
    table->label = g_strdup(g_ptr_array_index(f, 5));
    table->model = storagePartedFieldDup(g_ptr_array_index(f, 6));
    if (storagePartedParseBytes(g_ptr_array_index(f, 1), &table->size) < 0 ||
        storagePartedParseUInt(g_ptr_array_index(f, 3), &table->logicalSectorSize) < 0 ||
        storagePartedParseUInt(g_ptr_array_index(f, 4), &table->physicalSectorSize) < 0)
        return -1;
    return 0;
}

static int
storagePartedParsePartition(GPtrArray *f, GArray *parts, GArray *freeExt)
{
    storagePartedPartition part = { 0 };
    unsigned long long start;
    unsigned long long end;
    unsigned long long size;

    if (f->len < 5) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "parted: short partition line");
        return -1;
    }
    if (storagePartedParseBytes(g_ptr_array_index(f, 1), &start) < 0 ||
        storagePartedParseBytes(g_ptr_array_index(f, 2), &end) < 0 ||
        storagePartedParseBytes(g_ptr_array_index(f, 3), &size) < 0)
        return -1;
    if (f->len == 5 && strcmp(g_ptr_array_index(f, 4), "free") == 0) {
        storagePartedExtent ext = { start, end, size };

        g_array_append_val(freeExt, ext);
        return 0;
    }
    if (storagePartedParseUInt(g_ptr_array_index(f, 0), &part.number) < 0)
        return -1;
    part.start = start;
    part.end = end;
    part.size = size;
    part.fs = storagePartedFieldDup(g_ptr_array_index(f, 4));
    if (f->len > 5)
        part.name = storagePartedFieldDup(g_ptr_array_index(f, 5));
    if (f->len > 6)
        part.flags = storagePartedFieldDup(g_ptr_array_index(f, 6));
    g_array_append_val(parts, part);
    return 0;
}

/* msdos: 5 and up are logical; a primary slot around a logical one is the
 * extended partition. gpt has no types: all are primary. */
static void
storagePartedGuessTypes(storagePartedTable *table)
{
    bool msdos = g_strcmp0(table->label, "msdos") == 0;
    size_t i;
    size_t j;

    for (i = 0; i < table->nparts; i++) {
        storagePartedPartition *part = &table->parts[i];
        const char *type = "primary";

        if (msdos && part->number >= 5) {
            type = "logical";
        } else if (msdos) {
            for (j = 0; j < table->nparts; j++) {
                if (table->parts[j].number >= 5 && table->parts[j].start >= part->start &&
                    table->parts[j].end <= part->end)
                    type = "extended";
            }
        }
        g_free(part->type);
        part->type = g_strdup(type);
    }
}

storagePartedTable *
storagePartedParse(const char *output)
{
    g_autoptr(storagePartedTable) table = g_new0(storagePartedTable, 1);
    g_auto(GStrv) lines = NULL;
    g_autoptr(GArray) parts = g_array_new(FALSE, TRUE, sizeof(storagePartedPartition));
    g_autoptr(GArray) freeExt = g_array_new(FALSE, TRUE, sizeof(storagePartedExtent));
    size_t n = 0;
    size_t i;

    lines = g_strsplit(output ? output : "", "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_autoptr(GPtrArray) fields = NULL;
        int rc;

        g_strstrip(lines[i]);
        if (!*lines[i])
            continue;
        if (n++ == 0) {
            if (strcmp(lines[i], "BYT;") != 0) {
                virReportError(VIR_ERR_INTERNAL_ERROR, "parted: unexpected unit line '%s'", lines[i]);
                goto error;
            }
            continue;
        }
        fields = storagePartedSplit(lines[i]);
        if (n == 2)
            rc = storagePartedParseDisk(fields, table);
        else
            rc = storagePartedParsePartition(fields, parts, freeExt);
        if (rc < 0)
            goto error;
    }
    if (!table->path) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", "parted: no device in the output");
        goto error;
    }
    table->nparts = parts->len;
    table->parts = (storagePartedPartition *)(void *)g_array_free(g_steal_pointer(&parts), FALSE);
    table->nfree = freeExt->len;
    table->free = (storagePartedExtent *)(void *)g_array_free(g_steal_pointer(&freeExt), FALSE);
    storagePartedGuessTypes(table);
    return g_steal_pointer(&table);

 error:
    for (i = 0; i < parts->len; i++)
        storagePartedPartitionClear(&g_array_index(parts, storagePartedPartition, i));
    return NULL;
}

/* The MBR's type bytes name the extended partition exactly. */
static void
storagePartedReadMBRTypes(const char *device, storagePartedTable *table)
{
    unsigned char mbr[512];
    size_t i;
    int fd;

    if ((fd = open(device, O_RDONLY | O_CLOEXEC)) < 0)
        return;
    if (pread(fd, mbr, sizeof(mbr), 0) != sizeof(mbr) ||
        mbr[MBR_SIGNATURE_OFFSET] != 0x55 || mbr[MBR_SIGNATURE_OFFSET + 1] != 0xaa) {
        close(fd);
        return;
    }
    close(fd);
    for (i = 0; i < table->nparts; i++) {
        storagePartedPartition *part = &table->parts[i];
        unsigned char type;

        if (part->number < 1 || part->number > 4)
            continue;
        type = mbr[MBR_ENTRIES_OFFSET + (part->number - 1) * MBR_ENTRY_LEN + 4];
        g_free(part->type);
        part->type = g_strdup(type == 0x05 || type == 0x0f || type == 0x85 ? "extended" : "primary");
    }
}

storagePartedTable *
storagePartedRead(const char *device)
{
    g_autofree char *binary = virStorageProbeFindTool(STORAGE_PARTED);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    storagePartedTable *table = NULL;
    int status;

    if (!binary || storagePartedRun(storagePartedPrintBuild(binary, device), &out, &err, &status) < 0)
        return NULL;
    /* Without a label parted fails but still prints the device line. */
    if (status == 0) {
        if (!(table = storagePartedParse(out)))
            return NULL;
    } else if (!g_str_has_prefix(out, "BYT;") || !(table = storagePartedParse(out)) ||
               strcmp(table->label, "unknown") != 0) {
        storagePartedTableFree(table);
        virErrorReset();
        virReportError(VIR_ERR_INTERNAL_ERROR, "cannot read the partition table of '%s': %s",
                       device, g_strstrip(err));
        return NULL;
    }
    if (strcmp(table->label, "msdos") == 0)
        storagePartedReadMBRTypes(device, table);
    return table;
}

int
storagePartedMakeLabel(const char *device, const char *label)
{
    g_autofree char *binary = virStorageProbeFindTool(STORAGE_PARTED);
    int rc;

    if (!binary)
        return -1;
    rc = storagePartedRun(storagePartedMklabelBuild(binary, device, label), NULL, NULL, NULL);
    storagePartedSettle();
    return rc;
}

/* Whether [start, end] lies inside msdos's extended partition. */
static bool
storagePartedInExtended(const storagePartedTable *table, unsigned long long start,
                        unsigned long long end)
{
    size_t i;

    for (i = 0; i < table->nparts; i++) {
        const storagePartedPartition *part = &table->parts[i];

        if (g_strcmp0(part->type, "extended") == 0 && start >= part->start && end <= part->end)
            return true;
    }
    return false;
}

int
storagePartedFindFree(const storagePartedTable *table, unsigned long long size,
                      unsigned long long *start, unsigned long long *end)
{
    unsigned long long sector = table->logicalSectorSize ? table->logicalSectorSize : 512;
    size_t i;

    if (size == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "a partition needs a size");
        return -1;
    }
    if (strcmp(table->label, "msdos") == 0) {
        size_t primaries = 0;

        for (i = 0; i < table->nparts; i++)
            primaries += table->parts[i].number <= 4;
        if (primaries >= 4) {
            virReportError(VIR_ERR_OPERATION_FAILED, "no primary partition slot left on '%s'",
                           table->path);
            return -1;
        }
    }
    size = (size + sector - 1) / sector * sector;
    for (i = 0; i < table->nfree; i++) {
        const storagePartedExtent *ext = &table->free[i];
        unsigned long long s = MAX(ext->start, STORAGE_PARTED_ALIGN);

        s = (s + STORAGE_PARTED_ALIGN - 1) / STORAGE_PARTED_ALIGN * STORAGE_PARTED_ALIGN;
        if (s > ext->end || ext->end - s + 1 < size ||
            storagePartedInExtended(table, ext->start, ext->end))
            continue;
        *start = s;
        *end = s + size - 1;
        return 0;
    }
    virReportError(VIR_ERR_OPERATION_FAILED, "no free extent of %llu bytes on '%s'",
                   size, table->path);
    return -1;
}

int
storagePartedCreate(const char *device, unsigned long long size, const char *fs,
                    unsigned int *number, char **partPath)
{
    g_autofree char *binary = virStorageProbeFindTool(STORAGE_PARTED);
    g_autoptr(storagePartedTable) before = NULL;
    g_autoptr(storagePartedTable) after = NULL;
    unsigned long long start;
    unsigned long long end;
    size_t i;
    int rc;

    if (!binary || !(before = storagePartedRead(device)))
        return -1;
    if (strcmp(before->label, "unknown") == 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "device '%s' has no partition table", device);
        return -1;
    }
    if (storagePartedFindFree(before, size, &start, &end) < 0)
        return -1;
    rc = storagePartedRun(storagePartedMkpartBuild(binary, device, fs, start, end), NULL, NULL, NULL);
    storagePartedSettle();
    if (rc < 0 || !(after = storagePartedRead(device)))
        return -1;
    for (i = 0; i < after->nparts; i++) {
        if (after->parts[i].start != start)
            continue;
        if (number)
            *number = after->parts[i].number;
        if (partPath)
            *partPath = storagePartedPartitionPath(device, after->parts[i].number);
        return 0;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "the new partition at %llu is missing on '%s'",
                   start, device);
    return -1;
}

char *
storagePartedPartitionPath(const char *device, unsigned int n)
{
    size_t len;

    if (storagePartedCheckDevice(device) < 0)
        return NULL;
    len = strlen(device);
    if (g_str_has_prefix(device, "/dev/disk/by-"))
        return g_strdup_printf("%s-part%u", device, n);
    if (g_ascii_isdigit(device[len - 1]))
        return g_strdup_printf("%sp%u", device, n);
    return g_strdup_printf("%s%u", device, n);
}

int
storagePartedPartitionNumber(const char *device, const char *partPath, unsigned int *n)
{
    g_autofree char *expected = NULL;
    const char *digits;
    unsigned int num;

    if (storagePartedCheckDevice(device) < 0)
        return -1;
    if (!partPath) {
        virReportError(VIR_ERR_INVALID_ARG, "no partition of '%s' given", device);
        return -1;
    }
    digits = partPath + strlen(partPath);
    while (digits > partPath && g_ascii_isdigit(digits[-1]))
        digits--;
    if (!*digits || *digits == '0' || storagePartedParseUInt(digits, &num) < 0 ||
        !(expected = storagePartedPartitionPath(device, num)) || strcmp(expected, partPath) != 0) {
        virErrorReset();
        virReportError(VIR_ERR_INVALID_ARG, "'%s' is not a partition of '%s'", partPath, device);
        return -1;
    }
    *n = num;
    return 0;
}

int
storagePartedDelete(const char *device, const char *partPath)
{
    g_autofree char *binary = virStorageProbeFindTool(STORAGE_PARTED);
    unsigned int n;
    int rc;

    if (!binary || storagePartedPartitionNumber(device, partPath, &n) < 0)
        return -1;
    rc = storagePartedRun(storagePartedRmBuild(binary, device, n), NULL, NULL, NULL);
    storagePartedSettle();
    return rc;
}
