/*
 * libvirt-domain.h: domains (guests) in the libvirt-compatible client API:
 * lookup, definition, life cycle, state and life-cycle events
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef VIRTD_PUBLIC_DOMAIN_H
#define VIRTD_PUBLIC_DOMAIN_H

#include <libvirt/libvirt-host.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- handle and summary ---------------------------------------------- */

/* A domain known to a connection, running or only defined. */
typedef struct _virDomain virDomain;
typedef virDomain *virDomainPtr;

/* Snapshot of a domain's resources, filled in by virDomainGetInfo(). */
typedef struct _virDomainInfo virDomainInfo;
typedef virDomainInfo *virDomainInfoPtr;

struct _virDomainInfo {
    unsigned char state;            /* virDomainState */
    unsigned long maxMem;           /* KiB */
    unsigned long memory;           /* KiB in use */
    unsigned short nrVirtCpu;
    unsigned long long cpuTime;     /* nanoseconds */
};

/* ---- states and the reasons behind them ------------------------------ */

/* The state returned by virDomainGetState() and virDomainGetInfo(). */
typedef enum {
    VIR_DOMAIN_NOSTATE     = 0, /* unknown */
    VIR_DOMAIN_RUNNING     = 1, /* executing */
    VIR_DOMAIN_BLOCKED     = 2, /* waiting on a resource */
    VIR_DOMAIN_PAUSED      = 3, /* stopped by request, resumable */
    VIR_DOMAIN_SHUTDOWN    = 4, /* being shut down */
    VIR_DOMAIN_SHUTOFF     = 5, /* not running */
    VIR_DOMAIN_CRASHED     = 6, /* guest crashed */
    VIR_DOMAIN_PMSUSPENDED = 7  /* guest suspended itself */
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_LAST
#endif
} virDomainState;

/* The reason paired with each state by virDomainGetState(). */
typedef enum {
    VIR_DOMAIN_NOSTATE_UNKNOWN = 0
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_NOSTATE_LAST
#endif
} virDomainNostateReason;

typedef enum {
    VIR_DOMAIN_RUNNING_UNKNOWN            = 0,
    VIR_DOMAIN_RUNNING_BOOTED             = 1,  /* normal start */
    VIR_DOMAIN_RUNNING_MIGRATED           = 2,  /* arrived by migration */
    VIR_DOMAIN_RUNNING_RESTORED           = 3,  /* restored from a saved image */
    VIR_DOMAIN_RUNNING_FROM_SNAPSHOT      = 4,  /* reverted to a snapshot */
    VIR_DOMAIN_RUNNING_UNPAUSED           = 5,  /* resumed */
    VIR_DOMAIN_RUNNING_MIGRATION_CANCELED = 6,  /* outgoing migration gave up */
    VIR_DOMAIN_RUNNING_SAVE_CANCELED      = 7,  /* save gave up */
    VIR_DOMAIN_RUNNING_WAKEUP             = 8,  /* woken from PM suspend */
    VIR_DOMAIN_RUNNING_CRASHED            = 9,  /* kept running after a crash */
    VIR_DOMAIN_RUNNING_POSTCOPY           = 10, /* post-copy migration in progress */
    VIR_DOMAIN_RUNNING_POSTCOPY_FAILED    = 11  /* post-copy migration broke */
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_RUNNING_LAST
#endif
} virDomainRunningReason;

typedef enum {
    VIR_DOMAIN_BLOCKED_UNKNOWN = 0
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_BLOCKED_LAST
#endif
} virDomainBlockedReason;

typedef enum {
    VIR_DOMAIN_PAUSED_UNKNOWN         = 0,
    VIR_DOMAIN_PAUSED_USER            = 1,  /* virDomainSuspend() */
    VIR_DOMAIN_PAUSED_MIGRATION       = 2,  /* during migration */
    VIR_DOMAIN_PAUSED_SAVE            = 3,  /* during save */
    VIR_DOMAIN_PAUSED_DUMP            = 4,  /* during core dump */
    VIR_DOMAIN_PAUSED_IOERROR         = 5,  /* disk I/O error */
    VIR_DOMAIN_PAUSED_WATCHDOG        = 6,  /* watchdog fired */
    VIR_DOMAIN_PAUSED_FROM_SNAPSHOT   = 7,  /* reverted to a paused snapshot */
    VIR_DOMAIN_PAUSED_SHUTTING_DOWN   = 8,  /* on the way to shut off */
    VIR_DOMAIN_PAUSED_SNAPSHOT        = 9,  /* while a snapshot is taken */
    VIR_DOMAIN_PAUSED_CRASHED         = 10, /* guest crashed */
    VIR_DOMAIN_PAUSED_STARTING_UP     = 11, /* not yet started */
    VIR_DOMAIN_PAUSED_POSTCOPY        = 12, /* post-copy migration in progress */
    VIR_DOMAIN_PAUSED_POSTCOPY_FAILED = 13  /* post-copy migration broke */
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_PAUSED_LAST
#endif
} virDomainPausedReason;

typedef enum {
    VIR_DOMAIN_SHUTDOWN_UNKNOWN = 0,
    VIR_DOMAIN_SHUTDOWN_USER    = 1  /* requested by a caller */
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_SHUTDOWN_LAST
#endif
} virDomainShutdownReason;

typedef enum {
    VIR_DOMAIN_SHUTOFF_UNKNOWN       = 0,
    VIR_DOMAIN_SHUTOFF_SHUTDOWN      = 1, /* guest powered off */
    VIR_DOMAIN_SHUTOFF_DESTROYED     = 2, /* killed by virDomainDestroy() */
    VIR_DOMAIN_SHUTOFF_CRASHED       = 3, /* guest crashed */
    VIR_DOMAIN_SHUTOFF_MIGRATED      = 4, /* left by migration */
    VIR_DOMAIN_SHUTOFF_SAVED         = 5, /* saved to a file */
    VIR_DOMAIN_SHUTOFF_FAILED        = 6, /* could not start */
    VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT = 7, /* reverted to a shut-off snapshot */
    VIR_DOMAIN_SHUTOFF_DAEMON        = 8  /* stopped by the daemon itself */
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_SHUTOFF_LAST
#endif
} virDomainShutoffReason;

typedef enum {
    VIR_DOMAIN_CRASHED_UNKNOWN  = 0,
    VIR_DOMAIN_CRASHED_PANICKED = 1  /* guest kernel panic */
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_CRASHED_LAST
#endif
} virDomainCrashedReason;

typedef enum {
    VIR_DOMAIN_PMSUSPENDED_UNKNOWN = 0
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_PMSUSPENDED_LAST
#endif
} virDomainPMSuspendedReason;

typedef enum {
    VIR_DOMAIN_PMSUSPENDED_DISK_UNKNOWN = 0
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_PMSUSPENDED_DISK_LAST
#endif
} virDomainPMSuspendedDiskReason;

/* ---- flags ----------------------------------------------------------- */

/* Filters of virConnectListAllDomains(); none means every domain. */
typedef enum {
    VIR_CONNECT_LIST_DOMAINS_ACTIVE         = 1 << 0,  /* running or paused */
    VIR_CONNECT_LIST_DOMAINS_INACTIVE       = 1 << 1,  /* not running */
    VIR_CONNECT_LIST_DOMAINS_PERSISTENT     = 1 << 2,  /* defined */
    VIR_CONNECT_LIST_DOMAINS_TRANSIENT      = 1 << 3,  /* exists only while running */
    VIR_CONNECT_LIST_DOMAINS_RUNNING        = 1 << 4,
    VIR_CONNECT_LIST_DOMAINS_PAUSED         = 1 << 5,
    VIR_CONNECT_LIST_DOMAINS_SHUTOFF        = 1 << 6,
    VIR_CONNECT_LIST_DOMAINS_OTHER          = 1 << 7,  /* any other state */
    VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE    = 1 << 8,  /* has a managed save image */
    VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 1 << 9,
    VIR_CONNECT_LIST_DOMAINS_AUTOSTART      = 1 << 10, /* starts with the host */
    VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART   = 1 << 11,
    VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT   = 1 << 12,
    VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT    = 1 << 13,
    VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT = 1 << 14,
    VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT  = 1 << 15
} virConnectListAllDomainsFlags;

/* Flags of virDomainCreateXML() and virDomainCreateWithFlags(). */
typedef enum {
    VIR_DOMAIN_NONE               = 0,      /* default */
    VIR_DOMAIN_START_PAUSED       = 1 << 0, /* leave the CPUs stopped */
    VIR_DOMAIN_START_AUTODESTROY  = 1 << 1, /* destroy when the connection closes */
    VIR_DOMAIN_START_BYPASS_CACHE = 1 << 2, /* no host cache for a restored image */
    VIR_DOMAIN_START_FORCE_BOOT   = 1 << 3, /* ignore a managed save image */
    VIR_DOMAIN_START_VALIDATE     = 1 << 4, /* check the XML against the schema */
    VIR_DOMAIN_START_RESET_NVRAM  = 1 << 5  /* start from pristine firmware vars */
} virDomainCreateFlags;

/* Flags of virDomainGetXMLDesc(). */
typedef enum {
    VIR_DOMAIN_XML_SECURE     = 1 << 0, /* include secrets */
    VIR_DOMAIN_XML_INACTIVE   = 1 << 1, /* persistent definition, not live */
    VIR_DOMAIN_XML_UPDATE_CPU = 1 << 2, /* expand the guest CPU model */
    VIR_DOMAIN_XML_MIGRATABLE = 1 << 3  /* suitable for migration */
} virDomainXMLFlags;

/* Flags of virDomainSaveImageGetXMLDesc(). */
typedef enum {
    VIR_DOMAIN_SAVE_IMAGE_XML_SECURE = VIR_DOMAIN_XML_SECURE /* include secrets */
} virDomainSaveImageXMLFlags;

/* Flags of virDomainDefineXMLFlags(). */
typedef enum {
    VIR_DOMAIN_DEFINE_VALIDATE = 1 << 0  /* check the XML against the schema */
} virDomainDefineFlags;

/* Flags of virDomainUndefineFlags(). */
typedef enum {
    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE         = 1 << 0, /* also delete the managed save image */
    VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA   = 1 << 1, /* also drop snapshot metadata */
    VIR_DOMAIN_UNDEFINE_NVRAM                = 1 << 2, /* also delete the NVRAM file */
    VIR_DOMAIN_UNDEFINE_KEEP_NVRAM           = 1 << 3, /* keep the NVRAM file */
    VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = 1 << 4, /* also drop checkpoint metadata */
    VIR_DOMAIN_UNDEFINE_TPM                  = 1 << 5, /* also delete TPM state */
    VIR_DOMAIN_UNDEFINE_KEEP_TPM             = 1 << 6  /* keep TPM state */
} virDomainUndefineFlagsValues;

/* Flags of virDomainDestroyFlags(). */
typedef enum {
    VIR_DOMAIN_DESTROY_DEFAULT     = 0,      /* graceful first, then forced */
    VIR_DOMAIN_DESTROY_GRACEFUL    = 1 << 0, /* never force */
    VIR_DOMAIN_DESTROY_REMOVE_LOGS = 1 << 1  /* delete the domain logs too */
} virDomainDestroyFlagsValues;

/* Methods virDomainShutdownFlags() may use; none lets the driver pick. */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_DEFAULT        = 0,
    VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN = 1 << 0,
    VIR_DOMAIN_SHUTDOWN_GUEST_AGENT    = 1 << 1,
    VIR_DOMAIN_SHUTDOWN_INITCTL        = 1 << 2,
    VIR_DOMAIN_SHUTDOWN_SIGNAL         = 1 << 3,
    VIR_DOMAIN_SHUTDOWN_PARAVIRT       = 1 << 4
} virDomainShutdownFlagValues;

/* Methods virDomainReboot() may use; none lets the driver pick. */
typedef enum {
    VIR_DOMAIN_REBOOT_DEFAULT        = 0,
    VIR_DOMAIN_REBOOT_ACPI_POWER_BTN = 1 << 0,
    VIR_DOMAIN_REBOOT_GUEST_AGENT    = 1 << 1,
    VIR_DOMAIN_REBOOT_INITCTL        = 1 << 2,
    VIR_DOMAIN_REBOOT_SIGNAL         = 1 << 3,
    VIR_DOMAIN_REBOOT_PARAVIRT       = 1 << 4
} virDomainRebootFlagValues;

/* Flags of virDomainOpenConsole(). */
typedef enum {
    VIR_DOMAIN_CONSOLE_FORCE = 1 << 0, /* take over an open console */
    VIR_DOMAIN_CONSOLE_SAFE  = 1 << 1  /* require safe console handling */
} virDomainConsoleFlags;

/* Which definition a change applies to: the running guest, the persistent
 * configuration, or (CURRENT) whichever the guest's state implies. */
typedef enum {
    VIR_DOMAIN_AFFECT_CURRENT = 0,
    VIR_DOMAIN_AFFECT_LIVE    = 1 << 0,
    VIR_DOMAIN_AFFECT_CONFIG  = 1 << 1
} virDomainModificationImpact;

/* Flags of virDomainAttachDeviceFlags() and friends. */
typedef enum {
    VIR_DOMAIN_DEVICE_MODIFY_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_DEVICE_MODIFY_LIVE    = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_DEVICE_MODIFY_CONFIG  = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_DEVICE_MODIFY_FORCE   = 1 << 2  /* forcibly modify (update only) */
} virDomainDeviceModifyFlags;

/* ---- management: memory, vcpus, save/restore, jobs, statistics ---- */

/* Flags of virDomainSetMemoryFlags(). */
typedef enum {
    VIR_DOMAIN_MEM_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_MEM_LIVE    = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_MEM_CONFIG  = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_MEM_MAXIMUM = (1 << 2)  /* the maximum, not the current size */
} virDomainMemoryModFlags;

/* Flags of virDomainSetVcpusFlags()/virDomainGetVcpusFlags(). */
typedef enum {
    VIR_DOMAIN_VCPU_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_VCPU_LIVE    = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_VCPU_CONFIG  = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_VCPU_MAXIMUM = (1 << 2),
    VIR_DOMAIN_VCPU_GUEST   = (1 << 3),   /* as the guest agent sees them */
    VIR_DOMAIN_VCPU_HOTPLUGGABLE = (1 << 4)
} virDomainVcpuFlags;

/* Tags of virDomainMemoryStats() values (KiB unless said). */
typedef enum {
    VIR_DOMAIN_MEMORY_STAT_SWAP_IN         = 0,
    VIR_DOMAIN_MEMORY_STAT_SWAP_OUT        = 1,
    VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT     = 2,
    VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT     = 3,
    VIR_DOMAIN_MEMORY_STAT_UNUSED          = 4,
    VIR_DOMAIN_MEMORY_STAT_AVAILABLE       = 5,
    VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON  = 6,
    VIR_DOMAIN_MEMORY_STAT_RSS             = 7,
    VIR_DOMAIN_MEMORY_STAT_USABLE          = 8,
    VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE     = 9,   /* seconds since the epoch */
    VIR_DOMAIN_MEMORY_STAT_DISK_CACHES     = 10,
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC = 11,
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL  = 12,
    VIR_DOMAIN_MEMORY_STAT_NR              = 13
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_MEMORY_STAT_LAST = VIR_DOMAIN_MEMORY_STAT_NR
#endif
} virDomainMemoryStatTags;

/* Groups of virConnectGetAllDomainStats(). */
typedef enum {
    VIR_DOMAIN_STATS_STATE = (1 << 0),
    VIR_DOMAIN_STATS_CPU_TOTAL = (1 << 1),
    VIR_DOMAIN_STATS_BALLOON = (1 << 2),
    VIR_DOMAIN_STATS_VCPU = (1 << 3),
    VIR_DOMAIN_STATS_INTERFACE = (1 << 4),
    VIR_DOMAIN_STATS_BLOCK = (1 << 5),
    VIR_DOMAIN_STATS_PERF = (1 << 6),
    VIR_DOMAIN_STATS_IOTHREAD = (1 << 7),
    VIR_DOMAIN_STATS_MEMORY = (1 << 8),
    VIR_DOMAIN_STATS_DIRTYRATE = (1 << 9),
    VIR_DOMAIN_STATS_VM = (1 << 10)
} virDomainStatsTypes;

/* Typed parameter names of virDomainBlockStatsFlags(). */
#define VIR_DOMAIN_BLOCK_STATS_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH
#define VIR_DOMAIN_BLOCK_STATS_READ_BYTES "rd_bytes"
#define VIR_DOMAIN_BLOCK_STATS_READ_REQ "rd_operations"
#define VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES "rd_total_times"
#define VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES "wr_bytes"
#define VIR_DOMAIN_BLOCK_STATS_WRITE_REQ "wr_operations"
#define VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES "wr_total_times"
#define VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ "flush_operations"
#define VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES "flush_total_times"
#define VIR_DOMAIN_BLOCK_STATS_ERRS "errs"

/* Flags of virDomainSaveFlags(), virDomainRestoreFlags() and friends. */
typedef enum {
    VIR_DOMAIN_SAVE_BYPASS_CACHE = 1 << 0, /* do not pollute the page cache */
    VIR_DOMAIN_SAVE_RUNNING      = 1 << 1, /* restore running, whatever was saved */
    VIR_DOMAIN_SAVE_PAUSED       = 1 << 2, /* restore paused, whatever was saved */
    VIR_DOMAIN_SAVE_RESET_NVRAM  = 1 << 3  /* fresh NVRAM from its template */
} virDomainSaveRestoreFlags;

/* Typed parameter names of virDomainSaveParams()/virDomainRestoreParams(). */
#define VIR_DOMAIN_SAVE_PARAM_FILE "file"   /* string: the image */
#define VIR_DOMAIN_SAVE_PARAM_DXML "dxml"   /* string: a replacement definition */

/* What virDomainGetJobInfo()/virDomainGetJobStats() say a job is. */
typedef enum {
    VIR_DOMAIN_JOB_NONE      = 0,
    VIR_DOMAIN_JOB_BOUNDED   = 1,   /* its end can be predicted */
    VIR_DOMAIN_JOB_UNBOUNDED = 2,   /* it cannot */
    VIR_DOMAIN_JOB_COMPLETED = 3,   /* statistics of one that finished */
    VIR_DOMAIN_JOB_FAILED    = 4,
    VIR_DOMAIN_JOB_CANCELLED = 5
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_JOB_LAST
#endif
} virDomainJobType;

/* Flags of virDomainGetJobStats(). */
typedef enum {
    VIR_DOMAIN_JOB_STATS_COMPLETED      = 1 << 0, /* the last finished job's */
    VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED = 1 << 1  /* and keep them */
} virDomainGetJobStatsFlags;

/* Flags of virDomainAbortJobFlags(). */
typedef enum {
    VIR_DOMAIN_ABORT_JOB_POSTCOPY = 1 << 0
} virDomainAbortJobFlagsValues;

/* The "operation" a job statistic belongs to. */
typedef enum {
    VIR_DOMAIN_JOB_OPERATION_UNKNOWN = 0,
    VIR_DOMAIN_JOB_OPERATION_START = 1,
    VIR_DOMAIN_JOB_OPERATION_SAVE = 2,
    VIR_DOMAIN_JOB_OPERATION_RESTORE = 3,
    VIR_DOMAIN_JOB_OPERATION_MIGRATION_IN = 4,
    VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT = 5,
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT = 6,
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_REVERT = 7,
    VIR_DOMAIN_JOB_OPERATION_DUMP = 8,
    VIR_DOMAIN_JOB_OPERATION_BACKUP = 9,
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_DELETE = 10
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_JOB_OPERATION_LAST
#endif
} virDomainJobOperation;

/* Typed parameter names of virDomainGetJobStats() (and the job-completed
 * event). Times in ms, sizes in bytes, all ULLONG except "operation" (INT)
 * and "success" (BOOLEAN) / "errmsg" (STRING). */
#define VIR_DOMAIN_JOB_OPERATION        "operation"
#define VIR_DOMAIN_JOB_TIME_ELAPSED     "time_elapsed"
#define VIR_DOMAIN_JOB_DATA_TOTAL       "data_total"
#define VIR_DOMAIN_JOB_DATA_PROCESSED   "data_processed"
#define VIR_DOMAIN_JOB_DATA_REMAINING   "data_remaining"
#define VIR_DOMAIN_JOB_MEMORY_TOTAL     "memory_total"
#define VIR_DOMAIN_JOB_MEMORY_PROCESSED "memory_processed"
#define VIR_DOMAIN_JOB_MEMORY_REMAINING "memory_remaining"
#define VIR_DOMAIN_JOB_SUCCESS          "success"
#define VIR_DOMAIN_JOB_ERRMSG           "errmsg"

/* What virDomainGetJobInfo() fills (times in ms, sizes in bytes). */
typedef struct _virDomainJobInfo virDomainJobInfo;
typedef virDomainJobInfo *virDomainJobInfoPtr;
struct _virDomainJobInfo {
    int type;                           /* virDomainJobType */
    unsigned long long timeElapsed;
    unsigned long long timeRemaining;   /* bounded jobs only */
    unsigned long long dataTotal;
    unsigned long long dataProcessed;
    unsigned long long dataRemaining;
    unsigned long long memTotal;
    unsigned long long memProcessed;
    unsigned long long memRemaining;
    unsigned long long fileTotal;
    unsigned long long fileProcessed;
    unsigned long long fileRemaining;
};

/* The state of the channel used to control a guest (QEMU's monitor). */
typedef enum {
    VIR_DOMAIN_CONTROL_OK = 0,          /* ready for commands */
    VIR_DOMAIN_CONTROL_JOB = 1,         /* a background job runs */
    VIR_DOMAIN_CONTROL_OCCUPIED = 2,    /* busy with a command */
    VIR_DOMAIN_CONTROL_ERROR = 3        /* unusable; details says why */
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_CONTROL_LAST
#endif
} virDomainControlState;

typedef enum {
    VIR_DOMAIN_CONTROL_ERROR_REASON_NONE = 0,
    VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN = 1,
    VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR = 2,   /* monitor connection broken */
    VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL = 3
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_CONTROL_ERROR_REASON_LAST
#endif
} virDomainControlErrorReason;

typedef struct _virDomainControlInfo virDomainControlInfo;
struct _virDomainControlInfo {
    unsigned int state;             /* virDomainControlState */
    unsigned int details;           /* virDomainControlErrorReason when ERROR */
    unsigned long long stateTime;   /* ms spent in a JOB/OCCUPIED state */
};

/* One virtual CPU as virDomainGetVcpus() describes it. */
typedef enum {
    VIR_VCPU_OFFLINE = 0,
    VIR_VCPU_RUNNING = 1,
    VIR_VCPU_BLOCKED = 2
#ifdef VIR_ENUM_SENTINELS
    , VIR_VCPU_LAST
#endif
} virVcpuState;

typedef enum {
    VIR_VCPU_INFO_CPU_OFFLINE = -1,
    VIR_VCPU_INFO_CPU_UNAVAILABLE = -2
} virVcpuHostCpuState;

typedef struct _virVcpuInfo virVcpuInfo;
struct _virVcpuInfo {
    unsigned int number;
    int state;                      /* virVcpuState */
    unsigned long long cpuTime;     /* ns */
    int cpu;                        /* host CPU, or a virVcpuHostCpuState */
};

/* CPU bitmaps: one bit per host CPU, maplen bytes per vCPU. */
#define VIR_USE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] |= (1 << ((cpu) % 8)))
#define VIR_UNUSE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] &= ~(1 << ((cpu) % 8)))
#define VIR_CPU_USED(cpumap, cpu) ((cpumap)[(cpu) / 8] & (1 << ((cpu) % 8)))
#define VIR_CPU_MAPLEN(cpu) (((cpu) + 7) / 8)
#define VIR_GET_CPUMAP(cpumaps, maplen, vcpu) (&((cpumaps)[(vcpu) * (maplen)]))
#define VIR_CPU_USABLE(cpumaps, maplen, vcpu, cpu) \
    VIR_CPU_USED(VIR_GET_CPUMAP(cpumaps, maplen, vcpu), cpu)
#define VIR_COPY_CPUMAP(cpumaps, maplen, vcpu, cpumap) \
    memcpy(cpumap, VIR_GET_CPUMAP(cpumaps, maplen, vcpu), maplen)

/* What virDomainGetBlockInfo() tells of a disk (bytes). */
typedef struct _virDomainBlockInfo virDomainBlockInfo;
typedef virDomainBlockInfo *virDomainBlockInfoPtr;
struct _virDomainBlockInfo {
    unsigned long long capacity;    /* what the guest sees */
    unsigned long long allocation;  /* host storage in use */
    unsigned long long physical;    /* the container's size */
};

/* Traffic of one interface, virDomainInterfaceStats() (-1: unknown). */
typedef struct _virDomainInterfaceStats virDomainInterfaceStatsStruct;
typedef virDomainInterfaceStatsStruct *virDomainInterfaceStatsPtr;
struct _virDomainInterfaceStats {
    long long rx_bytes;
    long long rx_packets;
    long long rx_errs;
    long long rx_drop;
    long long tx_bytes;
    long long tx_packets;
    long long tx_errs;
    long long tx_drop;
};

/* One virDomainMemoryStats() figure. */
typedef struct _virDomainMemoryStat virDomainMemoryStatStruct;
typedef virDomainMemoryStatStruct *virDomainMemoryStatPtr;
struct _virDomainMemoryStat {
    int tag;                        /* virDomainMemoryStatTags */
    unsigned long long val;
};

/* virConnectGetAllDomainStatsFlags is left out: its ENFORCE_STATS member
 * (1U << 31) is outside the range ISO C gives enumerators, and these
 * headers compile cleanly with -std=c99 -pedantic. Its other bits are the
 * VIR_CONNECT_LIST_DOMAINS_* filters, then 1 << 29 NOWAIT, 1 << 30 BACKING. */



/* ---- listing and lookup ---------------------------------------------- */

/* Allocates *domains: virDomainFree() each element, then free() the
 * array.  Returns the count, or -1. */
int virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                             unsigned int flags);
int virConnectNumOfDomains(virConnectPtr conn);
int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virConnectNumOfDefinedDomains(virConnectPtr conn);
int virConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                 int maxnames);

/* Each returns a new reference to release with virDomainFree(). */
virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr virDomainLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn,
                                         const char *uuid);
virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);

/* ---- definition and life cycle --------------------------------------- */

virDomainPtr virDomainDefineXML(virConnectPtr conn, const char *xml);
virDomainPtr virDomainDefineXMLFlags(virConnectPtr conn, const char *xml,
                                     unsigned int flags);
int virDomainUndefine(virDomainPtr domain);
int virDomainUndefineFlags(virDomainPtr domain, unsigned int flags);

/* Start a transient domain from XML. */
virDomainPtr virDomainCreateXML(virConnectPtr conn, const char *xmlDesc,
                                unsigned int flags);
/* Start a defined domain. */
int virDomainCreate(virDomainPtr domain);
int virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);

int virDomainDestroy(virDomainPtr domain);
int virDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int virDomainShutdown(virDomainPtr domain);
int virDomainShutdownFlags(virDomainPtr domain, unsigned int flags);
int virDomainReboot(virDomainPtr domain, unsigned int flags);
int virDomainReset(virDomainPtr domain, unsigned int flags);
int virDomainSuspend(virDomainPtr domain);
int virDomainResume(virDomainPtr domain);

/* ---- properties ------------------------------------------------------ */

/* Returned strings are the caller's to free(). */
char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
char *virDomainGetOSType(virDomainPtr domain);
int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
/* *state is a virDomainState, *reason one of the matching reason enum. */
int virDomainGetState(virDomainPtr domain, int *state, int *reason,
                      unsigned int flags);
unsigned long virDomainGetMaxMemory(virDomainPtr domain);
int virDomainGetMaxVcpus(virDomainPtr domain);
int virDomainGetAutostart(virDomainPtr domain, int *autostart);
int virDomainSetAutostart(virDomainPtr domain, int autostart);

/* Each returns 1 for yes, 0 for no, -1 on error. */
int virDomainIsActive(virDomainPtr dom);
int virDomainIsPersistent(virDomainPtr dom);
int virDomainIsUpdated(virDomainPtr dom);
int virDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags);

/* Identity; the name stays owned by the domain object. */
const char *virDomainGetName(virDomainPtr domain);
/* (unsigned int)-1 when the domain is not running. */
unsigned int virDomainGetID(virDomainPtr domain);
/* uuid needs VIR_UUID_BUFLEN bytes, buf VIR_UUID_STRING_BUFLEN. */
int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);
int virDomainGetUUIDString(virDomainPtr domain, char *buf);
/* The connection the domain came from; no reference is taken. */
virConnectPtr virDomainGetConnect(virDomainPtr domain);

/* ---- references ------------------------------------------------------ */

int virDomainRef(virDomainPtr domain);
int virDomainFree(virDomainPtr domain);

/* ---- console --------------------------------------------------------- */

/* Attach stream st to the console dev_name (NULL: the first one). */
int virDomainOpenConsole(virDomainPtr dom, const char *dev_name,
                         virStreamPtr st, unsigned int flags);

/* ---- events ---------------------------------------------------------- */

/* Event kinds for virConnectDomainEventRegisterAny(). */
typedef enum {
    VIR_DOMAIN_EVENT_ID_LIFECYCLE                 = 0,
    VIR_DOMAIN_EVENT_ID_REBOOT                    = 1,
    VIR_DOMAIN_EVENT_ID_RTC_CHANGE                = 2,
    VIR_DOMAIN_EVENT_ID_WATCHDOG                  = 3,
    VIR_DOMAIN_EVENT_ID_IO_ERROR                  = 4,
    VIR_DOMAIN_EVENT_ID_GRAPHICS                  = 5,
    VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON           = 6,
    VIR_DOMAIN_EVENT_ID_CONTROL_ERROR             = 7,
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB                 = 8,
    VIR_DOMAIN_EVENT_ID_DISK_CHANGE               = 9,
    VIR_DOMAIN_EVENT_ID_TRAY_CHANGE               = 10,
    VIR_DOMAIN_EVENT_ID_PMWAKEUP                  = 11,
    VIR_DOMAIN_EVENT_ID_PMSUSPEND                 = 12,
    VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE            = 13,
    VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK            = 14,
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED            = 15,
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2               = 16,
    VIR_DOMAIN_EVENT_ID_TUNABLE                   = 17,
    VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE           = 18,
    VIR_DOMAIN_EVENT_ID_DEVICE_ADDED              = 19,
    VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION       = 20,
    VIR_DOMAIN_EVENT_ID_JOB_COMPLETED             = 21,
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED     = 22,
    VIR_DOMAIN_EVENT_ID_METADATA_CHANGE           = 23,
    VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD           = 24,
    VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE            = 25,
    VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE = 26
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_ID_LAST
#endif
} virDomainEventID;

/* The `event` argument of a life-cycle callback. */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED     = 0,
    VIR_DOMAIN_EVENT_UNDEFINED   = 1,
    VIR_DOMAIN_EVENT_STARTED     = 2,
    VIR_DOMAIN_EVENT_SUSPENDED   = 3,
    VIR_DOMAIN_EVENT_RESUMED     = 4,
    VIR_DOMAIN_EVENT_STOPPED     = 5,
    VIR_DOMAIN_EVENT_SHUTDOWN    = 6,
    VIR_DOMAIN_EVENT_PMSUSPENDED = 7,
    VIR_DOMAIN_EVENT_CRASHED     = 8
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_LAST
#endif
} virDomainEventType;

/* The `detail` argument, one enum per virDomainEventType. */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED_ADDED         = 0,
    VIR_DOMAIN_EVENT_DEFINED_UPDATED       = 1,
    VIR_DOMAIN_EVENT_DEFINED_RENAMED       = 2,
    VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT = 3
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_DEFINED_LAST
#endif
} virDomainEventDefinedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0,
    VIR_DOMAIN_EVENT_UNDEFINED_RENAMED = 1
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_UNDEFINED_LAST
#endif
} virDomainEventUndefinedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_STARTED_BOOTED        = 0,
    VIR_DOMAIN_EVENT_STARTED_MIGRATED      = 1,
    VIR_DOMAIN_EVENT_STARTED_RESTORED      = 2,
    VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT = 3,
    VIR_DOMAIN_EVENT_STARTED_WAKEUP        = 4
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_STARTED_LAST
#endif
} virDomainEventStartedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_SUSPENDED_PAUSED          = 0,
    VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED        = 1,
    VIR_DOMAIN_EVENT_SUSPENDED_IOERROR         = 2,
    VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG        = 3,
    VIR_DOMAIN_EVENT_SUSPENDED_RESTORED        = 4,
    VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT   = 5,
    VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR       = 6,
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY        = 7,
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED = 8
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_SUSPENDED_LAST
#endif
} virDomainEventSuspendedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED        = 0,
    VIR_DOMAIN_EVENT_RESUMED_MIGRATED        = 1,
    VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT   = 2,
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY        = 3,
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED = 4
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_RESUMED_LAST
#endif
} virDomainEventResumedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN      = 0,
    VIR_DOMAIN_EVENT_STOPPED_DESTROYED     = 1,
    VIR_DOMAIN_EVENT_STOPPED_CRASHED       = 2,
    VIR_DOMAIN_EVENT_STOPPED_MIGRATED      = 3,
    VIR_DOMAIN_EVENT_STOPPED_SAVED         = 4,
    VIR_DOMAIN_EVENT_STOPPED_FAILED        = 5,
    VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT = 6
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_STOPPED_LAST
#endif
} virDomainEventStoppedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED = 0,
    VIR_DOMAIN_EVENT_SHUTDOWN_GUEST    = 1,
    VIR_DOMAIN_EVENT_SHUTDOWN_HOST     = 2
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_SHUTDOWN_LAST
#endif
} virDomainEventShutdownDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY = 0,
    VIR_DOMAIN_EVENT_PMSUSPENDED_DISK   = 1
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_PMSUSPENDED_LAST
#endif
} virDomainEventPMSuspendedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_CRASHED_PANICKED    = 0,
    VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED = 1
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_EVENT_CRASHED_LAST
#endif
} virDomainEventCrashedDetailType;

/*
 * Life-cycle callback (VIR_DOMAIN_EVENT_ID_LIFECYCLE, and the older
 * virConnectDomainEventRegister()); the return value is ignored.
 */
typedef int (*virConnectDomainEventCallback)(virConnectPtr conn,
                                             virDomainPtr dom,
                                             int event,
                                             int detail,
                                             void *opaque);

/*
 * The type virConnectDomainEventRegisterAny() takes for any event; it is
 * also the exact shape of the VIR_DOMAIN_EVENT_ID_REBOOT callback.
 */
typedef void (*virConnectDomainEventGenericCallback)(virConnectPtr conn,
                                                     virDomainPtr dom,
                                                     void *opaque);

/* Casts an event-specific callback to the type registration takes. */
#define VIR_DOMAIN_EVENT_CALLBACK(cb) \
    ((virConnectDomainEventGenericCallback)(cb))

/* Returns a callback id for virConnectDomainEventDeregisterAny(), or -1.
 * dom NULL means every domain of the connection. */
int virConnectDomainEventRegisterAny(virConnectPtr conn,
                                     virDomainPtr dom,
                                     int eventID,
                                     virConnectDomainEventGenericCallback cb,
                                     void *opaque,
                                     virFreeCallback freecb);
int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);

/* Older life-cycle only registration, keyed by the callback itself. */
int virConnectDomainEventRegister(virConnectPtr conn,
                                  virConnectDomainEventCallback cb,
                                  void *opaque,
                                  virFreeCallback freecb);
int virConnectDomainEventDeregister(virConnectPtr conn,
                                    virConnectDomainEventCallback cb);

/* ---- capabilities ---------------------------------------------------- */

/* XML describing what a domain of the given kind may use; any argument
 * but conn may be NULL to take the default. */
char *virConnectGetDomainCapabilities(virConnectPtr conn,
                                      const char *emulatorbin,
                                      const char *arch,
                                      const char *machine,
                                      const char *virttype,
                                      unsigned int flags);

/* ---- interface addresses ------------------------------------------- */

/* Where virDomainInterfaceAddresses() learns the addresses from. */
typedef enum {
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE = 0, /* the virtual network's DHCP leases */
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT = 1, /* the guest agent */
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP   = 2  /* the host's ARP table */
#ifdef VIR_ENUM_SENTINELS
    , VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LAST
#endif
} virDomainInterfaceAddressesSource;

typedef struct _virDomainInterfaceIPAddress virDomainIPAddress;
typedef virDomainIPAddress *virDomainIPAddressPtr;
struct _virDomainInterfaceIPAddress {
    int type;               /* virIPAddrType */
    char *addr;
    unsigned int prefix;
};

typedef struct _virDomainInterface virDomainInterface;
typedef virDomainInterface *virDomainInterfacePtr;
struct _virDomainInterface {
    char *name;             /* the host side (tap) name */
    char *hwaddr;           /* the guest's MAC address */
    unsigned int naddrs;
    virDomainIPAddressPtr addrs;
};

/* How virDomainSendKey() names keys. */
typedef enum {
    VIR_KEYCODE_SET_LINUX  = 0, /* Linux input event codes (KEY_*) */
    VIR_KEYCODE_SET_XT     = 1,
    VIR_KEYCODE_SET_ATSET1 = 2, /* PC scancode set 1 */
    VIR_KEYCODE_SET_ATSET2 = 3,
    VIR_KEYCODE_SET_ATSET3 = 4,
    VIR_KEYCODE_SET_OSX    = 5,
    VIR_KEYCODE_SET_XT_KBD = 6, /* set 1 with extended keys as 0x80 | code */
    VIR_KEYCODE_SET_USB    = 7,
    VIR_KEYCODE_SET_WIN32  = 8,
    VIR_KEYCODE_SET_QNUM   = 9  /* QEMU's numbers: XT_KBD */
#ifdef VIR_ENUM_SENTINELS
    , VIR_KEYCODE_SET_LAST
#endif
} virKeycodeSet;

#define VIR_DOMAIN_SEND_KEY_MAX_KEYS 16

/* Allocates *ifaces: virDomainInterfaceFree() each, then free() the array.
 * Returns the count, or -1. */
int virDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                unsigned int source, unsigned int flags);
void virDomainInterfaceFree(virDomainInterfacePtr iface);

#ifdef __cplusplus
}
#endif

#endif /* VIRTD_PUBLIC_DOMAIN_H */
