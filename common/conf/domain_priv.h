/* Internal to common/conf: the per-family parse/format functions that
 * domain_conf.c drives through its device table, and the pieces of the
 * top-level definition kept in their own files. */
#pragma once

#include "internal.h"
#include "domain_conf.h"

/* Live data is formatted unless the inactive view is asked for. */
#define VIR_DOMAIN_FORMAT_LIVE(flags) (!((flags) & VIR_DOMAIN_DEF_FORMAT_INACTIVE))
#define VIR_DOMAIN_PARSE_LIVE(flags) (!((flags) & VIR_DOMAIN_DEF_PARSE_INACTIVE))

/* domain_device.c: <boot>, <alias> and <address> children of a device. */
int virDomainDeviceInfoParseXML(xmlNodePtr node, virDomainDeviceInfo *info,
                                unsigned int flags, bool allowBoot);
void virDomainDeviceInfoFormat(GString *buf, const virDomainDeviceInfo *info,
                               unsigned int flags, int indent);
bool virDomainDeviceInfoHasChildren(const virDomainDeviceInfo *info, unsigned int flags);

/* Each family: parse one element (NULL, reported, on error), format one
 * device (def gives context such as a console's serial), free. */
virDomainDiskDef *virDomainDiskDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainDiskDefFormat(GString *buf, const virDomainDiskDef *disk,
                            const virDomainDef *def, unsigned int flags, int indent);

virDomainChrDef *virDomainChrDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainChrDefFormat(GString *buf, const virDomainChrDef *chr,
                           const virDomainDef *def, unsigned int flags, int indent);

virDomainNetDef *virDomainNetDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainNetDefFormat(GString *buf, const virDomainNetDef *net,
                           const virDomainDef *def, unsigned int flags, int indent);

virDomainGraphicsDef *virDomainGraphicsDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainGraphicsDefFormat(GString *buf, const virDomainGraphicsDef *graphics,
                                const virDomainDef *def, unsigned int flags, int indent);

virDomainControllerDef *virDomainControllerDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainControllerDefFormat(GString *buf, const virDomainControllerDef *ctrl,
                                  const virDomainDef *def, unsigned int flags, int indent);
virDomainInputDef *virDomainInputDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainInputDefFormat(GString *buf, const virDomainInputDef *input,
                             const virDomainDef *def, unsigned int flags, int indent);
virDomainVideoDef *virDomainVideoDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainVideoDefFormat(GString *buf, const virDomainVideoDef *video,
                             const virDomainDef *def, unsigned int flags, int indent);
virDomainMemballoonDef *virDomainMemballoonDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainMemballoonDefFormat(GString *buf, const virDomainMemballoonDef *balloon,
                                  const virDomainDef *def, unsigned int flags, int indent);
virDomainRNGDef *virDomainRNGDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainRNGDefFormat(GString *buf, const virDomainRNGDef *rng,
                           const virDomainDef *def, unsigned int flags, int indent);

/* domain_devices_platform.c */
virDomainTPMDef *virDomainTPMDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainTPMDefFormat(GString *buf, const virDomainTPMDef *tpm,
                           const virDomainDef *def, unsigned int flags, int indent);
virDomainSoundDef *virDomainSoundDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainSoundDefFormat(GString *buf, const virDomainSoundDef *sound,
                             const virDomainDef *def, unsigned int flags, int indent);
virDomainWatchdogDef *virDomainWatchdogDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainWatchdogDefFormat(GString *buf, const virDomainWatchdogDef *wd,
                                const virDomainDef *def, unsigned int flags, int indent);
virDomainPanicDef *virDomainPanicDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainPanicDefFormat(GString *buf, const virDomainPanicDef *panic,
                             const virDomainDef *def, unsigned int flags, int indent);
virDomainHostdevDef *virDomainHostdevDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainHostdevDefFormat(GString *buf, const virDomainHostdevDef *hostdev,
                               const virDomainDef *def, unsigned int flags, int indent);

/* domain_memory.c */
int virDomainMaxMemoryParseXML(xmlNodePtr root, virDomainDef *def);
int virDomainMemoryBackingParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainMaxMemoryFormat(GString *buf, const virDomainDef *def, int indent);
void virDomainMemoryBackingFormat(GString *buf, const virDomainDef *def, int indent);
int virDomainNumaParseXML(xmlNodePtr node, virDomainCPUDef *cpu);
void virDomainNumaFormat(GString *buf, const virDomainCPUDef *cpu, int indent);
void virDomainNumaClear(virDomainCPUDef *cpu);
/* The sum of the NUMA cells' memory in KiB (0 without cells). */
unsigned long long virDomainNumaTotalMemory(const virDomainDef *def);

/* domain_sysinfo.c */
int virDomainSysinfoParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainSysinfoFormat(GString *buf, const virDomainDef *def, int indent);
void virDomainSysinfoClear(virDomainDef *def);

/* domain_platform.c: <os>, <features>, <cpu>, <clock>. */
int virDomainOSDefParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainOSDefFormat(GString *buf, const virDomainDef *def, int indent);
void virDomainOSDefClear(virDomainDef *def);
int virDomainFeaturesParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainFeaturesFormat(GString *buf, const virDomainDef *def, int indent);
virDomainCPUDef *virDomainCPUDefParseXML(xmlNodePtr node);
void virDomainCPUDefFormat(GString *buf, const virDomainCPUDef *cpu, int indent);
void virDomainCPUDefFree(virDomainCPUDef *cpu);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainCPUDef, virDomainCPUDefFree);
int virDomainClockDefParseXML(xmlNodePtr node, virDomainClockDef *clock);
void virDomainClockDefFormat(GString *buf, const virDomainClockDef *clock, int indent);
void virDomainClockDefClear(virDomainClockDef *clock);

/* domain_postparse.c: defaults, then checks that need the whole definition. */
int virDomainDefPostParse(virDomainDef *def, unsigned int flags);
int virDomainDeviceDefPostParse(virDomainDeviceDef *dev, const virDomainDef *def,
                                unsigned int flags);
int virDomainDefValidate(const virDomainDef *def);

/* Appends ptr to a device array of def (used by post-parse for implicit
 * devices). */
void virDomainDefAppendController(virDomainDef *def, virDomainControllerDef *ctrl);
void virDomainDefAppendChr(virDomainChrDef ***list, size_t *n, virDomainChrDef *chr);
