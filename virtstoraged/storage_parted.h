/* Partition tables for the disk pool, through parted in script mode.
 * Renderers return the command line with argv[0] "parted" for golden
 * files; runners find parted and run it. Every function reports its own
 * errors and returns -1 (or NULL). */
#pragma once

#include "internal.h"

typedef struct {
    unsigned int number;
    unsigned long long start;   /* bytes; end is inclusive, as parted prints it */
    unsigned long long end;
    unsigned long long size;
    char *type;                 /* "primary", "extended", "logical" */
    char *fs;                   /* the filesystem parted sees, NULL if none */
    char *name;                 /* gpt's partition name, NULL if none */
    char *flags;                /* parted's flags ("boot, esp"), NULL if none */
} storagePartedPartition;

typedef struct {
    unsigned long long start;
    unsigned long long end;     /* inclusive */
    unsigned long long size;
} storagePartedExtent;

typedef struct {
    char *path;
    unsigned long long size;
    unsigned int logicalSectorSize;
    unsigned int physicalSectorSize;
    char *label;                /* "msdos", "gpt", ...; "unknown" without a table */
    char *model;
    storagePartedPartition *parts;
    size_t nparts;
    storagePartedExtent *free;  /* as `print free` lists them */
    size_t nfree;
} storagePartedTable;

void storagePartedTableFree(storagePartedTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(storagePartedTable, storagePartedTableFree);

/* parted -s -m DEV unit B print free */
char *storagePartedPrintArgv(const char *device);
/* Parses that machine-readable output. For msdos tables partitions 5 and
 * up are logical and a primary slot holding them is extended. */
storagePartedTable *storagePartedParse(const char *output);
/* Runs print; a device without a table gives label "unknown" and no
 * partitions. For msdos the partition types are then read from the MBR. */
storagePartedTable *storagePartedRead(const char *device);

/* parted -s DEV mklabel LABEL (msdos or gpt) */
char *storagePartedMklabelArgv(const char *device, const char *label);
int storagePartedMakeLabel(const char *device, const char *label);

/* The first free extent (start aligned up to 1 MiB) that holds size
 * bytes: start and end (inclusive) of the new partition. */
int storagePartedFindFree(const storagePartedTable *table, unsigned long long size,
                          unsigned long long *start, unsigned long long *end);
/* parted -s DEV mkpart primary [FS] STARTB ENDB */
char *storagePartedMkpartArgv(const char *device, const char *fs,
                              unsigned long long start, unsigned long long end);
/* Creates a partition of size bytes at the first free extent that holds
 * it; its number and device path (either may be NULL) are returned. */
int storagePartedCreate(const char *device, unsigned long long size, const char *fs,
                        unsigned int *number, char **partPath);

/* The device path of partition n: "p" separates the number when the
 * device's name ends in a digit (/dev/loop0p1, /dev/nvme0n1p2, /dev/sda1),
 * "-part" for /dev/disk/by-* links. */
char *storagePartedPartitionPath(const char *device, unsigned int n);
/* The number of a partition from its path; the path must be the one
 * storagePartedPartitionPath gives for device. */
int storagePartedPartitionNumber(const char *device, const char *partPath, unsigned int *n);

/* parted -s DEV rm N */
char *storagePartedRmArgv(const char *device, unsigned int n);
/* Deletes the partition at partPath (by its number, not its name). */
int storagePartedDelete(const char *device, const char *partPath);
