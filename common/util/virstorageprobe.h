/* Probing images and devices without running qemu-img: the image format
 * and its header fields (qcow2 in full, with its backing file and backing
 * format), a file's size against its allocation, a block device's size;
 * and where the host's storage tools are. Every function reports its own
 * errors and returns -1 (or NULL). */
#pragma once

#include "internal.h"

typedef struct {
    char *format;                   /* "raw", "qcow2", "qcow", "qed", "vmdk", "luks", "iso" */
    unsigned int version;           /* header version (qcow, qcow2, vmdk) */
    unsigned long long capacity;    /* virtual size; for raw the file's size */
    unsigned long long clusterSize; /* 0 when the format has none */
    char *backingStore;             /* as the header names it */
    char *backingFormat;            /* qcow2's header extension, qed's raw flag */
    char *compat;                   /* qcow2: "0.10" (v2) or "1.1" (v3) */
    bool encrypted;
    bool dirty;                     /* qcow2 v3 dirty bit, qed's need-check */
} virStorageProbeImageInfo;

void virStorageProbeImageInfoFree(virStorageProbeImageInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virStorageProbeImageInfo, virStorageProbeImageInfoFree);

/* The first len bytes of an image of size bytes (at least the first
 * cluster for a qcow2 with a backing file). A header that is recognised
 * but broken is an error; anything unrecognised is raw. */
virStorageProbeImageInfo *virStorageProbeImageBuffer(const char *buf, size_t len,
                                               unsigned long long size);
/* Reads the header from fd (path names it in errors); files and block
 * devices alike. */
virStorageProbeImageInfo *virStorageProbeImageFd(int fd, const char *path);
virStorageProbeImageInfo *virStorageProbeImage(const char *path);

/* A regular file: capacity is its size, allocation st_blocks * 512.
 * A block device: both are its size. */
int virStorageProbeAllocation(const char *path, unsigned long long *capacity,
                           unsigned long long *allocation);

/* BLKGETSIZE64 of a block device. */
int virStorageProbeBlockDeviceSize(const char *path, unsigned long long *size);

/* The absolute path of a tool, looked up in PATH then the sbin and bin
 * directories (a daemon's PATH may lack sbin). NULL with an error. */
char *virStorageProbeFindTool(const char *name);
/* The same without reporting anything. */
bool virStorageProbeHasTool(const char *name);
