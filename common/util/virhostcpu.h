/* Host CPUs, memory and NUMA layout, read from /proc and /sys: what
 * `virsh nodeinfo`, `virsh freecell` and the <host> part of
 * `virsh capabilities` report. */
#pragma once

#include "internal.h"

/* Tests only: read /proc and /sys below root instead ("" or NULL: the
 * real ones). Not thread-safe; set it before anything reads. */
void virHostCPUSetRoot(const char *root);

typedef struct {
    char model[32];                 /* the architecture, e.g. "x86_64" */
    unsigned long long memory;      /* KiB */
    unsigned int cpus;              /* online CPUs */
    unsigned int mhz;
    unsigned int nodes;
    unsigned int sockets;           /* per node */
    unsigned int cores;             /* per socket */
    unsigned int threads;           /* per core */
} virHostCPUNodeInfo;

/* What `virsh nodeinfo` shows. When the counts per level do not multiply
 * up to the online CPUs (offline CPUs, odd firmware), the layout is
 * reported flat: one node, one socket, one thread per core. -1 with an
 * error reported when /proc/meminfo or the CPU list cannot be read. */
int virHostCPUGetNodeInfo(virHostCPUNodeInfo *info);

/* Free memory in bytes (summed over NUMA nodes when sysfs has them);
 * 0 with an error reported when unknown. */
unsigned long long virHostMemGetFree(void);

/* One entry of /proc/cpuinfo's first processor plus the package layout:
 * the host <cpu> of the capabilities XML. */
typedef struct {
    char *arch;                     /* "x86_64" */
    char *vendor;                   /* CPUID vendor id, "AuthenticAMD"; NULL if unknown */
    char *modelName;                /* "AMD EPYC 7763 64-Core Processor" */
    bool hasSignature;
    unsigned int family;
    unsigned int model;
    unsigned int stepping;
    bool hasMicrocode;
    unsigned long long microcode;
    unsigned int physBits;          /* 0 if unknown */
    unsigned int mhz;
    char **flags;                   /* kernel flag names, NULL-terminated */
    unsigned int sockets;           /* per node, as libvirt's host topology */
    unsigned int dies;              /* per socket */
    unsigned int cores;             /* per die */
    unsigned int threads;           /* per core */
} virHostCPUDesc;

virHostCPUDesc *virHostCPUGetDesc(void);
void virHostCPUDescFree(virHostCPUDesc *desc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virHostCPUDesc, virHostCPUDescFree);

typedef struct {
    unsigned int size;              /* KiB */
    unsigned long long count;
} virHostPages;

typedef struct {
    unsigned int id;
    int socketId;
    int dieId;
    int coreId;
    char *siblings;                 /* thread siblings, "0,4" or "0-1" */
} virHostCellCPU;

typedef struct {
    unsigned int id;
    unsigned long long memory;      /* KiB */
    virHostPages *pages;            /* base pages first, then huge pages by size */
    size_t npages;
    unsigned int *distanceIds;
    unsigned int *distances;
    size_t ndistances;
    virHostCellCPU *cpus;
    size_t ncpus;
} virHostCell;

typedef struct {
    virHostCell *cells;
    size_t ncells;
} virHostNUMA;

/* The NUMA cells with their memory, page pools, distances and online CPUs.
 * A host without /sys/devices/system/node is one cell 0 holding all
 * memory and CPUs. NULL with an error reported. */
virHostNUMA *virHostNUMAGetTopology(void);
void virHostNUMAFree(virHostNUMA *numa);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virHostNUMA, virHostNUMAFree);

/* Page sizes the host supports, KiB, base page first then huge pages in
 * ascending order. Never empty. Caller frees. */
unsigned int *virHostMemGetPageSizes(size_t *nsizes);

typedef struct {
    unsigned int id;
    unsigned int level;
    char *type;                     /* "both", "data", "instruction" */
    unsigned long long size;        /* KiB */
    char *cpus;                     /* "0-1" */
} virHostCacheBank;

/* Level 3 and higher caches, one bank per cache id; *banks is NULL when
 * sysfs shows none. Caller frees with virHostCacheBanksFree. */
int virHostCPUGetCaches(virHostCacheBank **banks, size_t *nbanks);
void virHostCacheBanksFree(virHostCacheBank *banks, size_t nbanks);

/* The online CPUs as a bitmap (caller frees) of as many bits as CPUs are
 * present, and their count; returns the present count, -1 reported. */
int virHostCPUGetMap(unsigned char **cpumap, unsigned int *online);

/* Whether the kernel put devices in IOMMU groups. */
bool virHostIOMMUEnabled(void);

/* Parses a kernel CPU list ("0-3,8,10-11") into sorted numbers. -1 (nothing
 * reported) when malformed. */
int virHostCPUParseList(const char *str, GArray **cpus);
