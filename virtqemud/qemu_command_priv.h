/* Internals of the QEMU command line builder, shared by its files
 * (qemu_command.c and qemu_command_<family>.c, one per device family).
 * Not for use outside them: the driver uses qemu_command.h. */
#pragma once

#include "qemu_command.h"

/* What the builder needs to know while walking the definition. */
typedef struct {
    const virDomainDef *def;
    const qemuCommandParams *params;
    virCommand *cmd;
    const char *machine;
    bool q35;
    bool hasUSB;            /* a USB controller exists or was added */
    int *bootIndex;         /* per disk, then per net: 0 none */
} qemuBuildCtx;

/* ---- option lists (qemu_command.c) ---- */

/* Appends ",key=value" (no comma first in an empty list), doubling commas
 * in value as QEMU's option parser wants; nothing when value is NULL. */
void qemuOptAdd(GString *buf, const char *key, const char *value);
void qemuOptAddFormat(GString *buf, const char *key, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* A bare word (driver name, "none"...) at the start of an option list. */
void qemuOptAddWord(GString *buf, const char *word);
/* Adds the NULL-terminated arguments. */
void qemuAddArgs(virCommand *cmd, ...) G_GNUC_NULL_TERMINATED;
/* Adds "option" then buf's text. */
void qemuAddArgBuf(virCommand *cmd, const char *option, GString *buf);

/* ---- ids and addresses (qemu_command.c) ---- */

char *qemuDiskAlias(const virDomainDiskDef *disk, size_t idx);
char *qemuControllerAlias(const virDomainControllerDef *ctrl, bool q35);
bool qemuMachineIsQ35(const char *machine);
/* The id a device gets: its alias, or computed (which it takes). */
char *qemuInfoId(const virDomainDeviceInfo *info, char *computed);
const virDomainControllerDef *qemuFindController(const virDomainDef *def,
                                                 virDomainControllerType type, int idx);
/* bus=/addr=/multifunction= for a device with a PCI address (nothing
 * for other addresses). */
int qemuBuildPCIAddress(qemuBuildCtx *ctx, GString *buf, const virDomainDeviceInfo *info);
char *qemuUSBBusId(qemuBuildCtx *ctx, const virDomainDeviceInfo *info);
/* bus=usb.0[,port=N] for a USB device; an error without a USB bus. */
int qemuBuildUSBAddress(qemuBuildCtx *ctx, GString *buf, const virDomainDeviceInfo *info);

/* ---- machine, CPU, memory, clock, boot (qemu_command_machine.c) ---- */

int qemuBuildMachine(qemuBuildCtx *ctx);
int qemuBuildCpu(qemuBuildCtx *ctx);
int qemuBuildMemoryAndSmp(qemuBuildCtx *ctx);
void qemuBuildSmbios(qemuBuildCtx *ctx);
void qemuBuildMonitor(qemuBuildCtx *ctx);
void qemuBuildClock(qemuBuildCtx *ctx);
void qemuBuildPM(qemuBuildCtx *ctx);
/* Fills ctx->bootIndex from <boot order> and <os><boot dev>. */
void qemuAssignBootIndexes(qemuBuildCtx *ctx);
void qemuBuildBoot(qemuBuildCtx *ctx);

/* ---- controllers (qemu_command_controller.c) ---- */

int qemuBuildControllers(qemuBuildCtx *ctx);
bool qemuSCSIControllerIsVirtio(const virDomainControllerDef *ctrl);

/* ---- disks (qemu_command_disk.c) ---- */

/* The two -blockdev layers of the disk at index idx of ctx->def. */
int qemuBuildDiskBlockdev(qemuBuildCtx *ctx, const virDomainDiskDef *disk, size_t idx);
/* The -device driver and bus options of a disk (no id/drive yet). */
int qemuBuildDiskFrontend(qemuBuildCtx *ctx, const virDomainDiskDef *disk, GString *buf);
int qemuBuildDisks(qemuBuildCtx *ctx);

/* ---- network (qemu_command_net.c) ---- */

int qemuBuildNetBackend(qemuBuildCtx *ctx, const virDomainNetDef *net, const char *hostId);
int qemuBuildNets(qemuBuildCtx *ctx);

/* ---- character devices (qemu_command_chr.c) ---- */

/* -chardev for a host side; path stands in for a missing socket path. */
int qemuBuildChrBackend(qemuBuildCtx *ctx, const virDomainChrSourceDef *src,
                        const char *charId, const char *path);
int qemuBuildChrDevices(qemuBuildCtx *ctx);

/* ---- input, graphics, video (qemu_command_graphics.c) ---- */

int qemuBuildInputs(qemuBuildCtx *ctx);
int qemuBuildGraphics(qemuBuildCtx *ctx);
int qemuBuildVideos(qemuBuildCtx *ctx);

/* ---- other devices (qemu_command_misc.c) ---- */

int qemuBuildMemballoon(qemuBuildCtx *ctx);
int qemuBuildRNGs(qemuBuildCtx *ctx);
int qemuBuildTPMs(qemuBuildCtx *ctx);
/* -audiodev for the sound cards (nothing without any). */
void qemuBuildAudio(qemuBuildCtx *ctx);
int qemuBuildSounds(qemuBuildCtx *ctx);
int qemuBuildWatchdogs(qemuBuildCtx *ctx);
int qemuBuildHostdevs(qemuBuildCtx *ctx);
int qemuBuildPanics(qemuBuildCtx *ctx);
