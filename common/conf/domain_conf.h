/* The domain definition: libvirt's <domain> XML as plain data, parsed and
 * formatted here. Device families live in their own files (domain_disk.c,
 * domain_chr.c, ...); this header gathers their types so that users need
 * only one include. */
#pragma once

#include "internal.h"
#include "virenum.h"
#include "viruuid.h"
#include "virxml.h"

#include "domain_device.h"
#include "domain_disk.h"
#include "domain_chr.h"
#include "domain_net.h"
#include "domain_graphics.h"
#include "domain_devices_misc.h"
#include "domain_devices_platform.h"

/* Largest guest memory we accept, in bytes (8 PiB). */
#define VIR_DOMAIN_MEMORY_MAX_BYTES (1ULL << 53)
#define VIR_DOMAIN_VCPUS_MAX 4096
#define VIR_DOMAIN_BOOT_DEVS_MAX 4

typedef enum {
    VIR_DOMAIN_DEF_PARSE_INACTIVE = 1 << 0, /* drop live-only data (pty paths, id, aliases) */
    VIR_DOMAIN_DEF_PARSE_STATUS = 1 << 1,   /* the driver's own status file: keep everything */
} virDomainDefParseFlags;

typedef enum {
    VIR_DOMAIN_DEF_FORMAT_INACTIVE = 1 << 0,    /* omit id and live-only data */
    VIR_DOMAIN_DEF_FORMAT_SECURE = 1 << 1,      /* include passwords */
    VIR_DOMAIN_DEF_FORMAT_STATUS = 1 << 2,      /* everything, for the status file */
} virDomainDefFormatFlags;

typedef enum {
    VIR_DOMAIN_VIRT_QEMU,
    VIR_DOMAIN_VIRT_KVM,
    VIR_DOMAIN_VIRT_LAST
} virDomainVirtType;
VIR_ENUM_DECL(virDomainVirt);

typedef enum {
    VIR_DOMAIN_OSTYPE_HVM,
    VIR_DOMAIN_OSTYPE_XEN,
    VIR_DOMAIN_OSTYPE_LINUX,
    VIR_DOMAIN_OSTYPE_EXE,
    VIR_DOMAIN_OSTYPE_UML,
    VIR_DOMAIN_OSTYPE_XENPVH,
    VIR_DOMAIN_OSTYPE_LAST
} virDomainOSType;
VIR_ENUM_DECL(virDomainOS);

typedef enum {
    VIR_DOMAIN_BOOT_FLOPPY,
    VIR_DOMAIN_BOOT_CDROM,
    VIR_DOMAIN_BOOT_DISK,
    VIR_DOMAIN_BOOT_NET,
    VIR_DOMAIN_BOOT_LAST
} virDomainBootOrder;
VIR_ENUM_DECL(virDomainBoot);

typedef enum {
    VIR_DOMAIN_LOADER_TYPE_NONE = 0,
    VIR_DOMAIN_LOADER_TYPE_ROM,
    VIR_DOMAIN_LOADER_TYPE_PFLASH,
    VIR_DOMAIN_LOADER_TYPE_LAST
} virDomainLoaderType;
VIR_ENUM_DECL(virDomainLoader);

typedef enum {
    VIR_DOMAIN_OS_FIRMWARE_NONE = 0,
    VIR_DOMAIN_OS_FIRMWARE_BIOS,
    VIR_DOMAIN_OS_FIRMWARE_EFI,
    VIR_DOMAIN_OS_FIRMWARE_LAST
} virDomainOsFirmware;
VIR_ENUM_DECL(virDomainOsFirmware);

typedef enum {
    VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY,
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART,
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME,
    VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE,
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY,
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART,
    VIR_DOMAIN_LIFECYCLE_ACTION_LAST
} virDomainLifecycleAction;
VIR_ENUM_DECL(virDomainLifecycleAction);

/* <features> children we model, in libvirt's output order. */
typedef enum {
    VIR_DOMAIN_FEATURE_ACPI,
    VIR_DOMAIN_FEATURE_APIC,
    VIR_DOMAIN_FEATURE_PAE,
    VIR_DOMAIN_FEATURE_HAP,
    VIR_DOMAIN_FEATURE_HYPERV,      /* details in virDomainDef.hyperv */
    VIR_DOMAIN_FEATURE_PMU,
    VIR_DOMAIN_FEATURE_VMPORT,
    VIR_DOMAIN_FEATURE_SMM,
    VIR_DOMAIN_FEATURE_VMCOREINFO,
    VIR_DOMAIN_FEATURE_LAST
} virDomainFeature;
VIR_ENUM_DECL(virDomainFeature);

/* <features><hyperv> enlightenments, in libvirt's order. */
typedef enum {
    VIR_DOMAIN_HYPERV_RELAXED = 0,
    VIR_DOMAIN_HYPERV_VAPIC,
    VIR_DOMAIN_HYPERV_SPINLOCKS,
    VIR_DOMAIN_HYPERV_VPINDEX,
    VIR_DOMAIN_HYPERV_RUNTIME,
    VIR_DOMAIN_HYPERV_SYNIC,
    VIR_DOMAIN_HYPERV_STIMER,
    VIR_DOMAIN_HYPERV_RESET,
    VIR_DOMAIN_HYPERV_VENDOR_ID,
    VIR_DOMAIN_HYPERV_FREQUENCIES,
    VIR_DOMAIN_HYPERV_REENLIGHTENMENT,
    VIR_DOMAIN_HYPERV_TLBFLUSH,
    VIR_DOMAIN_HYPERV_IPI,
    VIR_DOMAIN_HYPERV_EVMCS,
    VIR_DOMAIN_HYPERV_AVIC,
    VIR_DOMAIN_HYPERV_LAST
} virDomainHyperv;
VIR_ENUM_DECL(virDomainHyperv);

typedef enum {
    VIR_DOMAIN_HYPERV_MODE_NONE = 0,
    VIR_DOMAIN_HYPERV_MODE_CUSTOM,
    VIR_DOMAIN_HYPERV_MODE_PASSTHROUGH,
    VIR_DOMAIN_HYPERV_MODE_LAST
} virDomainHypervMode;
VIR_ENUM_DECL(virDomainHypervMode);

typedef struct {
    virDomainHypervMode mode;
    virTristateSwitch features[VIR_DOMAIN_HYPERV_LAST];
    unsigned int spinlockRetries;   /* <spinlocks retries=> */
    char *vendorId;                 /* <vendor_id value=> */
} virDomainHypervDef;

typedef enum {
    VIR_DOMAIN_VCPU_PLACEMENT_STATIC,
    VIR_DOMAIN_VCPU_PLACEMENT_AUTO,
    VIR_DOMAIN_VCPU_PLACEMENT_LAST
} virDomainVcpuPlacement;
VIR_ENUM_DECL(virDomainVcpuPlacement);

typedef enum {
    VIR_CPU_MODE_CUSTOM,
    VIR_CPU_MODE_HOST_MODEL,
    VIR_CPU_MODE_HOST_PASSTHROUGH,
    VIR_CPU_MODE_MAXIMUM,
    VIR_CPU_MODE_LAST
} virCPUMode;
VIR_ENUM_DECL(virCPUMode);

typedef enum {
    VIR_CPU_MATCH_DEFAULT = 0,
    VIR_CPU_MATCH_MINIMUM,
    VIR_CPU_MATCH_EXACT,
    VIR_CPU_MATCH_STRICT,
    VIR_CPU_MATCH_LAST
} virCPUMatch;
VIR_ENUM_DECL(virCPUMatch);

typedef enum {
    VIR_CPU_CHECK_DEFAULT = 0,
    VIR_CPU_CHECK_NONE,
    VIR_CPU_CHECK_PARTIAL,
    VIR_CPU_CHECK_FULL,
    VIR_CPU_CHECK_LAST
} virCPUCheck;
VIR_ENUM_DECL(virCPUCheck);

typedef enum {
    VIR_CPU_FALLBACK_DEFAULT = 0,
    VIR_CPU_FALLBACK_ALLOW,
    VIR_CPU_FALLBACK_FORBID,
    VIR_CPU_FALLBACK_LAST
} virCPUFallback;
VIR_ENUM_DECL(virCPUFallback);

typedef enum {
    VIR_CPU_FEATURE_FORCE,
    VIR_CPU_FEATURE_REQUIRE,
    VIR_CPU_FEATURE_OPTIONAL,
    VIR_CPU_FEATURE_DISABLE,
    VIR_CPU_FEATURE_FORBID,
    VIR_CPU_FEATURE_LAST
} virCPUFeaturePolicy;
VIR_ENUM_DECL(virCPUFeaturePolicy);

typedef struct {
    char *name;
    virCPUFeaturePolicy policy;
} virCPUFeatureDef;

/* <memoryBacking><source type=> and <access mode=> (also a NUMA cell's
 * memAccess). */
typedef enum {
    VIR_DOMAIN_MEMORY_SOURCE_NONE = 0,
    VIR_DOMAIN_MEMORY_SOURCE_FILE,
    VIR_DOMAIN_MEMORY_SOURCE_ANONYMOUS,
    VIR_DOMAIN_MEMORY_SOURCE_MEMFD,
    VIR_DOMAIN_MEMORY_SOURCE_LAST
} virDomainMemorySource;
VIR_ENUM_DECL(virDomainMemorySource);

typedef enum {
    VIR_DOMAIN_MEMORY_ACCESS_DEFAULT = 0,
    VIR_DOMAIN_MEMORY_ACCESS_SHARED,
    VIR_DOMAIN_MEMORY_ACCESS_PRIVATE,
    VIR_DOMAIN_MEMORY_ACCESS_LAST
} virDomainMemoryAccess;
VIR_ENUM_DECL(virDomainMemoryAccess);

/* <cpu><numa><cell id cpus memory memAccess/>. */
typedef struct {
    unsigned int id;
    char *cpus;                     /* "0-1,4" */
    unsigned long long memory;      /* KiB */
    virDomainMemoryAccess memAccess;
} virDomainNumaCell;

typedef struct {
    bool hugepages;                 /* <hugepages> */
    unsigned long long hugepageSize; /* KiB of <hugepages><page size>, 0 default */
    bool nosharepages;
    bool locked;
    virDomainMemorySource source;
    virDomainMemoryAccess access;
    bool discard;
} virDomainMemoryBackingDef;

/* <os><smbios mode=>. */
typedef enum {
    VIR_DOMAIN_SMBIOS_NONE = 0,
    VIR_DOMAIN_SMBIOS_EMULATE,
    VIR_DOMAIN_SMBIOS_HOST,
    VIR_DOMAIN_SMBIOS_SYSINFO,
    VIR_DOMAIN_SMBIOS_LAST
} virDomainSmbiosMode;
VIR_ENUM_DECL(virDomainSmbiosMode);

/* The sections of <sysinfo type='smbios'>, in libvirt's output order. */
typedef enum {
    VIR_DOMAIN_SYSINFO_BIOS = 0,
    VIR_DOMAIN_SYSINFO_SYSTEM,
    VIR_DOMAIN_SYSINFO_BASEBOARD,
    VIR_DOMAIN_SYSINFO_CHASSIS,
    VIR_DOMAIN_SYSINFO_OEMSTRINGS,
    VIR_DOMAIN_SYSINFO_LAST
} virDomainSysinfoSection;
VIR_ENUM_DECL(virDomainSysinfoSection);

typedef struct {
    virDomainSysinfoSection section;
    char *name;                     /* <entry name=>; NULL in oemStrings */
    char *value;
} virDomainSysinfoEntry;

typedef struct {
    virCPUMode mode;
    virCPUMatch match;
    virCPUCheck check;
    virTristateSwitch migratable;
    char *model;
    virCPUFallback fallback;
    char *vendor;
    /* <topology>: all zero when absent */
    unsigned int sockets;
    unsigned int dies;
    unsigned int cores;
    unsigned int threads;
    virCPUFeatureDef *features;
    size_t nfeatures;
    virDomainNumaCell *cells;       /* <numa> */
    size_t ncells;
} virDomainCPUDef;

typedef enum {
    VIR_DOMAIN_CLOCK_OFFSET_UTC,
    VIR_DOMAIN_CLOCK_OFFSET_LOCALTIME,
    VIR_DOMAIN_CLOCK_OFFSET_VARIABLE,
    VIR_DOMAIN_CLOCK_OFFSET_TIMEZONE,
    VIR_DOMAIN_CLOCK_OFFSET_LAST
} virDomainClockOffset;
VIR_ENUM_DECL(virDomainClockOffset);

typedef enum {
    VIR_DOMAIN_CLOCK_BASIS_UTC,
    VIR_DOMAIN_CLOCK_BASIS_LOCALTIME,
    VIR_DOMAIN_CLOCK_BASIS_LAST
} virDomainClockBasis;
VIR_ENUM_DECL(virDomainClockBasis);

typedef enum {
    VIR_DOMAIN_TIMER_NAME_PLATFORM,
    VIR_DOMAIN_TIMER_NAME_PIT,
    VIR_DOMAIN_TIMER_NAME_RTC,
    VIR_DOMAIN_TIMER_NAME_HPET,
    VIR_DOMAIN_TIMER_NAME_TSC,
    VIR_DOMAIN_TIMER_NAME_KVMCLOCK,
    VIR_DOMAIN_TIMER_NAME_HYPERVCLOCK,
    VIR_DOMAIN_TIMER_NAME_ARMVTIMER,
    VIR_DOMAIN_TIMER_NAME_LAST
} virDomainTimerName;
VIR_ENUM_DECL(virDomainTimerName);

typedef enum {
    VIR_DOMAIN_TIMER_TICKPOLICY_DEFAULT = 0,
    VIR_DOMAIN_TIMER_TICKPOLICY_DELAY,
    VIR_DOMAIN_TIMER_TICKPOLICY_CATCHUP,
    VIR_DOMAIN_TIMER_TICKPOLICY_MERGE,
    VIR_DOMAIN_TIMER_TICKPOLICY_DISCARD,
    VIR_DOMAIN_TIMER_TICKPOLICY_LAST
} virDomainTimerTickpolicy;
VIR_ENUM_DECL(virDomainTimerTickpolicy);

typedef struct {
    virDomainTimerName name;
    virTristateBool present;
    virDomainTimerTickpolicy tickpolicy;
} virDomainTimerDef;

typedef struct {
    virDomainClockOffset offset;
    char *timezone;             /* offset='timezone' */
    long long adjustment;       /* offset='variable', seconds */
    virDomainClockBasis basis;  /* offset='variable' */
    virDomainTimerDef *timers;
    size_t ntimers;
} virDomainClockDef;

typedef struct _virDomainDef virDomainDef;
struct _virDomainDef {
    virDomainVirtType virtType;
    int id;                         /* -1 unless the live XML of a running guest is formatted: the driver sets it */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *title;
    char *description;
    xmlNodePtr metadata;            /* copy of <metadata>, in a document of its own */

    unsigned long long memory;      /* KiB (<memory>) */
    unsigned long long currentMemory; /* KiB */
    unsigned long long maxMemory;   /* KiB (<maxMemory>), 0 when absent */
    unsigned int maxMemorySlots;
    virDomainMemoryBackingDef mem;
    char *resourcePartition;        /* <resource><partition> */
    bool hasSysinfo;                /* <sysinfo type='smbios'> */
    virDomainSysinfoEntry *sysinfo;
    size_t nsysinfo;
    char *seclabelType;             /* <seclabel type= model= relabel=>, kept as given */
    char *seclabelModel;
    char *seclabelRelabel;
    unsigned int vcpus;             /* <vcpu> */
    unsigned int vcpusCurrent;      /* <vcpu current=> (defaults to vcpus) */
    virDomainVcpuPlacement placement;
    char *cpuset;

    struct {
        char *type;                 /* "hvm", checked against virDomainOS */
        char *arch;                 /* "x86_64" by default */
        char *machine;              /* as given; canonicalizing is the driver's job */
        virDomainOsFirmware firmware;
        int bootDevs[VIR_DOMAIN_BOOT_DEVS_MAX];     /* virDomainBootOrder */
        size_t nbootDevs;
        char *kernel;
        char *initrd;
        char *cmdline;
        char *dtb;
        char *loader;               /* <loader>path</loader> */
        virDomainLoaderType loaderType;
        virTristateBool loaderReadonly;
        virTristateBool loaderSecure;
        char *nvram;
        char *nvramTemplate;
        bool bootmenu;              /* <bootmenu enable='yes'/> */
        bool bootmenuSpecified;     /* the element was given (possibly 'no') */
        unsigned int bootmenuTimeout;   /* ms, 0 unset */
        virDomainSmbiosMode smbiosMode;
        virTristateBool biosUseserial;  /* <bios useserial=> */
    } os;

    virTristateSwitch features[VIR_DOMAIN_FEATURE_LAST];
    virDomainHypervDef hyperv;
    virDomainCPUDef *cpu;           /* NULL without <cpu> */
    virDomainClockDef clock;
    virDomainLifecycleAction onPoweroff;
    virDomainLifecycleAction onReboot;
    virDomainLifecycleAction onCrash;
    virTristateBool pmSuspendToMem;
    virTristateBool pmSuspendToDisk;

    char *emulator;
    virDomainDiskDef **disks;
    size_t ndisks;
    virDomainControllerDef **controllers;
    size_t ncontrollers;
    virDomainNetDef **nets;
    size_t nnets;
    virDomainChrDef **serials;
    size_t nserials;
    virDomainChrDef **parallels;
    size_t nparallels;
    virDomainChrDef **consoles;
    size_t nconsoles;
    virDomainChrDef **channels;
    size_t nchannels;
    virDomainInputDef **inputs;
    size_t ninputs;
    virDomainGraphicsDef **graphics;
    size_t ngraphics;
    virDomainVideoDef **videos;
    size_t nvideos;
    virDomainMemballoonDef *memballoon;     /* at most one; NULL when absent */
    virDomainRNGDef **rngs;
    size_t nrngs;
    virDomainTPMDef **tpms;
    size_t ntpms;
    virDomainSoundDef **sounds;
    size_t nsounds;
    virDomainHostdevDef **hostdevs;
    size_t nhostdevs;
    virDomainWatchdogDef **watchdogs;
    size_t nwatchdogs;
    virDomainPanicDef **panics;
    size_t npanics;
};

virDomainDef *virDomainDefNew(void);
void virDomainDefFree(virDomainDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDef, virDomainDefFree);

/* Parse: NULL with an error reported (VIR_FROM_DOMAIN). Defaults are filled
 * in (uuid, currentMemory, boot device, console/serial pairing, drive
 * addresses...) and the definition is validated. */
virDomainDef *virDomainDefParseString(const char *xml, unsigned int flags);
/* root is the <domain> element; the driver embeds domain XML inside its own
 * status file. */
virDomainDef *virDomainDefParseNode(xmlDocPtr xml, xmlNodePtr root, unsigned int flags);

char *virDomainDefFormat(const virDomainDef *def, unsigned int flags);
/* Appends <domain>...</domain> indented by indent columns, for embedding. */
void virDomainDefFormatBuf(GString *buf, const virDomainDef *def,
                           unsigned int flags, int indent);

/* A deep copy, live data included. */
virDomainDef *virDomainDefCopy(const virDomainDef *def);

/* Lookups for the driver. */
virDomainDiskDef *virDomainDiskByTarget(const virDomainDef *def, const char *dst);
/* Whether a device of def sits on a USB bus (so a USB controller is due). */
bool virDomainDefHasUSBDevice(const virDomainDef *def);
virDomainNetDef *virDomainNetByMAC(const virDomainDef *def, const unsigned char *mac);
/* The serial a console with target type 'serial' stands for, or NULL. */
virDomainChrDef *virDomainConsoleGetSerial(const virDomainDef *def,
                                           const virDomainChrDef *console);
/* The host side a chr device really uses (a console's serial's source). */
const virDomainChrSourceDef *virDomainChrGetSource(const virDomainDef *def,
                                                   const virDomainChrDef *chr);

/* One device element (<disk>, <interface>...), e.g. for hotplug. */
typedef enum {
    VIR_DOMAIN_DEVICE_DISK,
    VIR_DOMAIN_DEVICE_CONTROLLER,
    VIR_DOMAIN_DEVICE_NET,
    VIR_DOMAIN_DEVICE_SERIAL,
    VIR_DOMAIN_DEVICE_PARALLEL,
    VIR_DOMAIN_DEVICE_CONSOLE,
    VIR_DOMAIN_DEVICE_CHANNEL,
    VIR_DOMAIN_DEVICE_INPUT,
    VIR_DOMAIN_DEVICE_TPM,
    VIR_DOMAIN_DEVICE_GRAPHICS,
    VIR_DOMAIN_DEVICE_SOUND,
    VIR_DOMAIN_DEVICE_VIDEO,
    VIR_DOMAIN_DEVICE_HOSTDEV,
    VIR_DOMAIN_DEVICE_WATCHDOG,
    VIR_DOMAIN_DEVICE_MEMBALLOON,
    VIR_DOMAIN_DEVICE_RNG,
    VIR_DOMAIN_DEVICE_PANIC,
    VIR_DOMAIN_DEVICE_LAST
} virDomainDeviceType;
VIR_ENUM_DECL(virDomainDevice);

typedef struct {
    virDomainDeviceType type;
    union {
        void *ptr;
        virDomainDiskDef *disk;
        virDomainControllerDef *controller;
        virDomainNetDef *net;
        virDomainChrDef *chr;       /* serial, parallel, console, channel */
        virDomainInputDef *input;
        virDomainGraphicsDef *graphics;
        virDomainVideoDef *video;
        virDomainMemballoonDef *memballoon;
        virDomainRNGDef *rng;
        virDomainTPMDef *tpm;
        virDomainSoundDef *sound;
        virDomainHostdevDef *hostdev;
        virDomainWatchdogDef *watchdog;
        virDomainPanicDef *panic;
    } data;
} virDomainDeviceDef;

/* Parses a single device element; defaults that depend on the domain (a
 * disk's bus, a serial's port...) come from def. */
virDomainDeviceDef *virDomainDeviceDefParse(const char *xml, const virDomainDef *def,
                                            unsigned int flags);
char *virDomainDeviceDefFormat(const virDomainDeviceDef *dev, const virDomainDef *def,
                               unsigned int flags);
void virDomainDeviceDefFree(virDomainDeviceDef *dev);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainDeviceDef, virDomainDeviceDefFree);
