/* Emulated platform devices: <tpm>, <sound>, <watchdog>, <panic>, and
 * host devices given to the guest (<hostdev>). */
#pragma once

#include "internal.h"
#include "domain_device.h"

typedef enum {
    VIR_DOMAIN_TPM_MODEL_DEFAULT = 0,
    VIR_DOMAIN_TPM_MODEL_TIS,
    VIR_DOMAIN_TPM_MODEL_CRB,
    VIR_DOMAIN_TPM_MODEL_SPAPR,
    VIR_DOMAIN_TPM_MODEL_SPAPR_PROXY,
    VIR_DOMAIN_TPM_MODEL_LAST
} virDomainTPMModel;
VIR_ENUM_DECL(virDomainTPMModel);

typedef enum {
    VIR_DOMAIN_TPM_TYPE_PASSTHROUGH = 0,
    VIR_DOMAIN_TPM_TYPE_EMULATOR,
    VIR_DOMAIN_TPM_TYPE_LAST
} virDomainTPMBackend;
VIR_ENUM_DECL(virDomainTPMBackend);

typedef enum {
    VIR_DOMAIN_TPM_VERSION_DEFAULT = 0,
    VIR_DOMAIN_TPM_VERSION_1_2,
    VIR_DOMAIN_TPM_VERSION_2_0,
    VIR_DOMAIN_TPM_VERSION_LAST
} virDomainTPMVersion;
VIR_ENUM_DECL(virDomainTPMVersion);

typedef struct _virDomainTPMDef virDomainTPMDef;
struct _virDomainTPMDef {
    virDomainTPMModel model;
    virDomainTPMBackend type;
    virDomainTPMVersion version;    /* emulator */
    char *devicePath;               /* passthrough: <device path=> */
    virTristateBool persistentState; /* emulator: <backend persistent_state=> */
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_SOUND_MODEL_SB16 = 0,
    VIR_DOMAIN_SOUND_MODEL_ES1370,
    VIR_DOMAIN_SOUND_MODEL_PCSPK,
    VIR_DOMAIN_SOUND_MODEL_AC97,
    VIR_DOMAIN_SOUND_MODEL_ICH6,
    VIR_DOMAIN_SOUND_MODEL_ICH9,
    VIR_DOMAIN_SOUND_MODEL_USB,
    VIR_DOMAIN_SOUND_MODEL_ICH7,
    VIR_DOMAIN_SOUND_MODEL_LAST
} virDomainSoundModel;
VIR_ENUM_DECL(virDomainSoundModel);

typedef enum {
    VIR_DOMAIN_SOUND_CODEC_TYPE_DUPLEX = 0,
    VIR_DOMAIN_SOUND_CODEC_TYPE_MICRO,
    VIR_DOMAIN_SOUND_CODEC_TYPE_OUTPUT,
    VIR_DOMAIN_SOUND_CODEC_TYPE_LAST
} virDomainSoundCodecType;
VIR_ENUM_DECL(virDomainSoundCodec);

typedef struct _virDomainSoundDef virDomainSoundDef;
struct _virDomainSoundDef {
    virDomainSoundModel model;
    virDomainSoundCodecType *codecs;
    size_t ncodecs;
    unsigned int audioId;           /* <audio id=>, 0 unset */
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB = 0,
    VIR_DOMAIN_WATCHDOG_MODEL_IB700,
    VIR_DOMAIN_WATCHDOG_MODEL_DIAG288,
    VIR_DOMAIN_WATCHDOG_MODEL_ITCO,
    VIR_DOMAIN_WATCHDOG_MODEL_LAST
} virDomainWatchdogModel;
VIR_ENUM_DECL(virDomainWatchdogModel);

typedef enum {
    VIR_DOMAIN_WATCHDOG_ACTION_RESET = 0,
    VIR_DOMAIN_WATCHDOG_ACTION_SHUTDOWN,
    VIR_DOMAIN_WATCHDOG_ACTION_POWEROFF,
    VIR_DOMAIN_WATCHDOG_ACTION_PAUSE,
    VIR_DOMAIN_WATCHDOG_ACTION_DUMP,
    VIR_DOMAIN_WATCHDOG_ACTION_NONE,
    VIR_DOMAIN_WATCHDOG_ACTION_INJECTNMI,
    VIR_DOMAIN_WATCHDOG_ACTION_LAST
} virDomainWatchdogAction;
VIR_ENUM_DECL(virDomainWatchdogAction);

typedef struct _virDomainWatchdogDef virDomainWatchdogDef;
struct _virDomainWatchdogDef {
    virDomainWatchdogModel model;
    virDomainWatchdogAction action;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_PANIC_MODEL_DEFAULT = 0,
    VIR_DOMAIN_PANIC_MODEL_ISA,
    VIR_DOMAIN_PANIC_MODEL_PSERIES,
    VIR_DOMAIN_PANIC_MODEL_HYPERV,
    VIR_DOMAIN_PANIC_MODEL_S390,
    VIR_DOMAIN_PANIC_MODEL_PVPANIC,
    VIR_DOMAIN_PANIC_MODEL_LAST
} virDomainPanicModel;
VIR_ENUM_DECL(virDomainPanicModel);

typedef struct _virDomainPanicDef virDomainPanicDef;
struct _virDomainPanicDef {
    virDomainPanicModel model;
    virDomainDeviceInfo info;
};

typedef enum {
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB = 0,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV,
    VIR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST
} virDomainHostdevSubsysType;
VIR_ENUM_DECL(virDomainHostdevSubsys);

/* <hostdev mode='subsystem' type='pci'>: a host PCI function given to the
 * guest through VFIO. Other modes and types are refused when parsed. */
typedef struct _virDomainHostdevDef virDomainHostdevDef;
struct _virDomainHostdevDef {
    virDomainHostdevSubsysType type;
    bool managed;
    virPCIDeviceAddress source;     /* <source><address domain bus slot function/> */
    virDomainDeviceInfo info;       /* the guest side; boot order allowed */
};

void virDomainTPMDefFree(virDomainTPMDef *def);
void virDomainSoundDefFree(virDomainSoundDef *def);
void virDomainWatchdogDefFree(virDomainWatchdogDef *def);
void virDomainPanicDefFree(virDomainPanicDef *def);
void virDomainHostdevDefFree(virDomainHostdevDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainTPMDef, virDomainTPMDefFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainSoundDef, virDomainSoundDefFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainWatchdogDef, virDomainWatchdogDefFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainPanicDef, virDomainPanicDefFree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainHostdevDef, virDomainHostdevDefFree);
