/* qemu-img for the file-based pools: create, convert (clone), resize and
 * info. Each operation has a renderer returning the command line (argv[0]
 * is "qemu-img", so golden files do not depend on the host) and a runner
 * that finds the binary and runs it. Every function reports its own errors
 * and returns -1 (or NULL). */
#pragma once

#include "internal.h"
#include "virenum.h"

/* The formats we create; sources and backing files may be any format
 * qemu-img knows, named as a string. */
typedef enum {
    STORAGE_QEMU_IMG_FORMAT_RAW,
    STORAGE_QEMU_IMG_FORMAT_QCOW2,

    STORAGE_QEMU_IMG_FORMAT_LAST
} storageQemuImgFormat;
VIR_ENUM_DECL(storageQemuImgFormat);

typedef enum {
    STORAGE_QEMU_IMG_PREALLOC_DEFAULT,  /* no option: qemu-img's default (off) */
    STORAGE_QEMU_IMG_PREALLOC_OFF,
    STORAGE_QEMU_IMG_PREALLOC_METADATA, /* qcow2 only */
    STORAGE_QEMU_IMG_PREALLOC_FALLOC,
    STORAGE_QEMU_IMG_PREALLOC_FULL,

    STORAGE_QEMU_IMG_PREALLOC_LAST
} storageQemuImgPrealloc;
VIR_ENUM_DECL(storageQemuImgPrealloc);

typedef struct {
    const char *path;
    storageQemuImgFormat format;
    unsigned long long capacity;    /* bytes; 0 with a backing file: its size */
    storageQemuImgPrealloc prealloc;
    const char *backingPath;        /* qcow2 only */
    const char *backingFormat;      /* required with backingPath */
    const char *compat;             /* qcow2: "0.10" or "1.1"; NULL: qemu-img's default */
    bool lazyRefcounts;             /* qcow2 with compat 1.1 */
    unsigned long long clusterSize; /* qcow2, bytes, power of two; 0: default */
} storageQemuImgCreateParams;

/* qemu-img create -f FMT [-b BACKING -F BACKFMT] [-o OPTS] PATH [SIZE] */
char *storageQemuImgCreateArgv(const storageQemuImgCreateParams *params);
int storageQemuImgCreate(const storageQemuImgCreateParams *params);

/* qemu-img convert [-f SRCFMT] -O FMT [-o OPTS] SRC DST: a clone with an
 * optional format change. dst->path is the destination; its capacity and
 * backing file must be unset (grow the copy with resize afterwards). */
char *storageQemuImgConvertArgv(const char *srcPath, const char *srcFormat,
                                const storageQemuImgCreateParams *dst);
int storageQemuImgConvert(const char *srcPath, const char *srcFormat,
                          const storageQemuImgCreateParams *dst);

/* qemu-img resize [-f FMT] [--preallocation=P] [--shrink] PATH SIZE.
 * Without shrink, qemu-img refuses to make the image smaller. */
char *storageQemuImgResizeArgv(const char *path, const char *format,
                               unsigned long long capacity, bool shrink,
                               storageQemuImgPrealloc prealloc);
int storageQemuImgResize(const char *path, const char *format,
                         unsigned long long capacity, bool shrink,
                         storageQemuImgPrealloc prealloc);

/* One image of `qemu-img info --output=json`. */
typedef struct {
    char *filename;
    char *format;
    unsigned long long virtualSize;
    unsigned long long actualSize;      /* bytes allocated on the host */
    unsigned long long clusterSize;     /* 0 when the format has none */
    char *backingFilename;              /* as written in the image */
    char *fullBackingFilename;          /* resolved by qemu-img */
    char *backingFormat;
    char *compat;                       /* qcow2's compat level */
    bool dirty;
    bool encrypted;
} storageQemuImgInfo;

/* The top image first, then its backing files (one image without
 * --backing-chain). */
typedef struct {
    storageQemuImgInfo *images;
    size_t nimages;
} storageQemuImgChain;

void storageQemuImgChainFree(storageQemuImgChain *chain);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(storageQemuImgChain, storageQemuImgChainFree);

/* qemu-img info --output=json [--backing-chain] [-f FMT] PATH */
char *storageQemuImgInfoArgv(const char *path, const char *format, bool backingChain);
/* Parses qemu-img's output: one object, or the array --backing-chain gives. */
storageQemuImgChain *storageQemuImgInfoParse(const char *json);
storageQemuImgChain *storageQemuImgGetInfo(const char *path, const char *format,
                                           bool backingChain);
