/* Filesystems for the fs and netfs pools: probing a device for what is on
 * it, mkfs, mount and umount, "what is mounted at DIR"; and vol-wipe.
 * Renderers give the command line with the bare tool name (golden files);
 * runners find the tool and run it. Every function reports its own errors
 * and returns -1 (or NULL). */
#pragma once

#include "internal.h"
#include "virenum.h"

/* blkid -p -o export DEV */
char *storageFsBlkidArgv(const char *device);
/* blkid's export output: the filesystem type (TYPE=) and the partition
 * table type (PTTYPE=); each NULL when absent. */
void storageFsParseBlkid(const char *output, char **fstype, char **pttype);
/* What is on a device: 1 with *fstype or *pttype set, 0 when neither
 * (both stay NULL). Uses blkid, else reads ext/xfs/btrfs superblocks and
 * the GPT header. */
int storageFsProbe(const char *device, char **fstype, char **pttype);

/* mkfs.TYPE [-F|-f|-I] DEV: the force option only with overwrite. */
char *storageFsMkfsArgv(const char *device, const char *fstype, bool overwrite);
/* Without overwrite a device holding a filesystem or partition table is
 * refused (VIR_ERR_STORAGE_POOL_BUILT / VIR_ERR_OPERATION_INVALID). */
int storageFsBuild(const char *device, const char *fstype, bool overwrite);

/* mount -t TYPE [-o OPTS] SRC DIR */
char *storageFsMountArgv(const char *source, const char *dir, const char *fstype,
                         const char *options);
int storageFsMount(const char *source, const char *dir, const char *fstype,
                   const char *options);
/* umount DIR */
char *storageFsUnmountArgv(const char *dir);
int storageFsUnmount(const char *dir);

/* In mountinfo text: 1 when something is mounted at dir (the topmost
 * mount's source and type returned; either may be NULL), 0 otherwise. */
int storageFsMountinfoFind(const char *mountinfo, const char *dir,
                           char **source, char **fstype);
/* From /proc/self/mountinfo: 1 when dir is a mount point (of source, when
 * source is given), 0 when not, -1 on error. */
int storageFsIsMounted(const char *dir, const char *source);

/* libvirt's virStorageVolWipeAlgorithm, by name. */
VIR_ENUM_DECL(storageWipeAlgorithm);

/* scrub -f -p ALG PATH, for the pattern algorithms. */
char *storageWipeScrubArgv(const char *path, int algorithm);
/* Wipes length bytes (0: all) of the volume at fd, or of path opened when
 * fd < 0. zero writes zeros, or punches a hole into a sparse file; random
 * writes /dev/urandom's bytes; the pattern algorithms run scrub on path
 * (VIR_ERR_OPERATION_UNSUPPORTED when it is not installed); trim is not
 * supported. */
int storageWipe(const char *path, int fd, int algorithm, unsigned long long length);
