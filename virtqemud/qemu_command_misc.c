/* Smaller devices on the QEMU command line: memory balloon, random
 * number generators, watchdogs, sound, TPM, panic notifiers, host
 * devices. */
#include "qemu_command_priv.h"

#include <string.h>

#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_command_misc");

/* ---- memballoon, rng -------------------------------------------------- */

int
qemuBuildMemballoon(qemuBuildCtx *ctx)
{
    const virDomainMemballoonDef *balloon = ctx->def->memballoon;
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autofree char *id = NULL;

    if (!balloon || balloon->model == VIR_DOMAIN_MEMBALLOON_MODEL_NONE)
        return 0;
    switch (balloon->model) {
    case VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO:
        qemuOptAddWord(buf, "virtio-balloon-pci");
        break;
    case VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL:
        qemuOptAddWord(buf, "virtio-balloon-pci-transitional");
        break;
    case VIR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL:
        qemuOptAddWord(buf, "virtio-balloon-pci-non-transitional");
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "memory balloon model '%s' is not supported",
                       virDomainMemballoonModelTypeToString(balloon->model));
        return -1;
    }
    id = qemuInfoId(&balloon->info, g_strdup("balloon0"));
    qemuOptAdd(buf, "id", id);
    if (balloon->autodeflate)
        qemuOptAdd(buf, "deflate-on-oom", virTristateSwitchTypeToString(balloon->autodeflate));
    if (balloon->freePageReporting)
        qemuOptAdd(buf, "free-page-reporting",
                   virTristateSwitchTypeToString(balloon->freePageReporting));
    if (qemuBuildPCIAddress(ctx, buf, &balloon->info) < 0)
        return -1;
    qemuAddArgBuf(ctx->cmd, "-device", buf);
    return 0;
}

int
qemuBuildRNGs(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->nrngs; i++) {
        const virDomainRNGDef *rng = def->rngs[i];
        g_autoptr(GString) obj = g_string_new(NULL);
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&rng->info, g_strdup_printf("rng%zu", i));
        g_autofree char *objId = g_strdup_printf("obj%s", id);
        static const char *const devs[] = { "virtio-rng-pci", "virtio-rng-pci-transitional",
                                            "virtio-rng-pci-non-transitional" };

        if (rng->backend == VIR_DOMAIN_RNG_BACKEND_RANDOM) {
            qemuOptAddWord(obj, "rng-random");
            qemuOptAdd(obj, "id", objId);
            qemuOptAdd(obj, "filename", rng->device);
        } else if (rng->backend == VIR_DOMAIN_RNG_BACKEND_BUILTIN) {
            qemuOptAddWord(obj, "rng-builtin");
            qemuOptAdd(obj, "id", objId);
        } else {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "rng backend '%s' is not supported",
                           virDomainRNGBackendTypeToString(rng->backend));
            return -1;
        }
        qemuAddArgBuf(ctx->cmd, "-object", obj);

        qemuOptAddWord(buf, devs[rng->model]);
        qemuOptAdd(buf, "rng", objId);
        qemuOptAdd(buf, "id", id);
        if (rng->rateBytes) {
            qemuOptAddFormat(buf, "max-bytes", "%u", rng->rateBytes);
            qemuOptAddFormat(buf, "period", "%u", rng->ratePeriod ? rng->ratePeriod : 1000);
        }
        if (qemuBuildPCIAddress(ctx, buf, &rng->info) < 0)
            return -1;
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }
    return 0;
}

/* ---- TPM ---------------------------------------------------------------- */

char *
qemuBuildTPMSocketPath(const virDomainTPMDef *tpm, size_t idx, const qemuCommandParams *params)
{
    g_autofree char *dir = g_path_get_dirname(params->monitorPath ? params->monitorPath : "/tmp/x");

    return g_strdup_printf("%s/tpm%zu-swtpm.sock", dir, idx);
}

int
qemuBuildTPMs(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->ntpms; i++) {
        const virDomainTPMDef *tpm = def->tpms[i];
        g_autoptr(GString) backend = g_string_new(NULL);
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&tpm->info, g_strdup_printf("tpm%zu", i));
        g_autofree char *tpmdevId = g_strdup_printf("tpm-%s", id);

        if (tpm->model != VIR_DOMAIN_TPM_MODEL_TIS && tpm->model != VIR_DOMAIN_TPM_MODEL_CRB) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "TPM model '%s' is not supported",
                           virDomainTPMModelTypeToString(tpm->model));
            return -1;
        }
        if (tpm->type == VIR_DOMAIN_TPM_TYPE_EMULATOR) {
            g_autoptr(GString) chr = g_string_new(NULL);
            g_autofree char *charId = g_strdup_printf("chr%s", tpmdevId);
            g_autofree char *path = qemuBuildTPMSocketPath(tpm, i, ctx->params);

            if (tpm->version == VIR_DOMAIN_TPM_VERSION_1_2 &&
                tpm->model == VIR_DOMAIN_TPM_MODEL_CRB) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "TPM version '1.2' is not supported with the 'tpm-crb' model");
                return -1;
            }
            qemuOptAddWord(chr, "socket");
            qemuOptAdd(chr, "id", charId);
            qemuOptAdd(chr, "path", path);
            qemuAddArgBuf(ctx->cmd, "-chardev", chr);
            qemuOptAddWord(backend, "emulator");
            qemuOptAdd(backend, "id", tpmdevId);
            qemuOptAdd(backend, "chardev", charId);
        } else {
            g_autofree char *base = g_path_get_basename(tpm->devicePath);
            g_autofree char *cancel = g_strdup_printf("/sys/class/misc/%s/device/cancel", base);

            qemuOptAddWord(backend, "passthrough");
            qemuOptAdd(backend, "id", tpmdevId);
            qemuOptAdd(backend, "path", tpm->devicePath);
            qemuOptAdd(backend, "cancel-path", cancel);
        }
        qemuAddArgBuf(ctx->cmd, "-tpmdev", backend);

        qemuOptAddWord(buf, virDomainTPMModelTypeToString(tpm->model));
        qemuOptAdd(buf, "tpmdev", tpmdevId);
        qemuOptAdd(buf, "id", id);
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }
    return 0;
}

/* ---- sound -------------------------------------------------------------- */

/* The audio backend sound cards play into: the SPICE client's when there
 * is one, otherwise nothing audible (a server has no one listening). */
void
qemuBuildAudio(qemuBuildCtx *ctx)
{
    const char *driver = "none";
    size_t i;

    if (ctx->def->nsounds == 0)
        return;
    for (i = 0; i < ctx->def->ngraphics; i++) {
        if (ctx->def->graphics[i]->type == VIR_DOMAIN_GRAPHICS_TYPE_SPICE)
            driver = "spice";
    }
    virCommandAddArg(ctx->cmd, "-audiodev");
    virCommandAddArgFormat(ctx->cmd, "id=audio1,driver=%s", driver);
}

static const char *
qemuSoundDevice(virDomainSoundModel model)
{
    switch (model) {
    case VIR_DOMAIN_SOUND_MODEL_SB16: return "sb16";
    case VIR_DOMAIN_SOUND_MODEL_ES1370: return "ES1370";
    case VIR_DOMAIN_SOUND_MODEL_AC97: return "AC97";
    case VIR_DOMAIN_SOUND_MODEL_ICH6: return "intel-hda";
    case VIR_DOMAIN_SOUND_MODEL_ICH9: return "ich9-intel-hda";
    case VIR_DOMAIN_SOUND_MODEL_USB: return "usb-audio";
    case VIR_DOMAIN_SOUND_MODEL_PCSPK:
    case VIR_DOMAIN_SOUND_MODEL_ICH7:
    case VIR_DOMAIN_SOUND_MODEL_LAST:
        break;
    }
    return NULL;
}

static bool
qemuSoundIsHDA(virDomainSoundModel model)
{
    return model == VIR_DOMAIN_SOUND_MODEL_ICH6 || model == VIR_DOMAIN_SOUND_MODEL_ICH9;
}

static void
qemuBuildSoundCodecs(qemuBuildCtx *ctx, const virDomainSoundDef *sound, const char *id)
{
    static const char *const codecDevs[] = { "hda-duplex", "hda-micro", "hda-output" };
    size_t ncodecs = sound->ncodecs ? sound->ncodecs : 1;
    size_t c;

    for (c = 0; c < ncodecs; c++) {
        g_autoptr(GString) codec = g_string_new(NULL);
        virDomainSoundCodecType type = sound->ncodecs ? sound->codecs[c] :
                                       VIR_DOMAIN_SOUND_CODEC_TYPE_DUPLEX;

        qemuOptAddWord(codec, codecDevs[type]);
        qemuOptAddFormat(codec, "id", "%s-codec%zu", id, c);
        qemuOptAddFormat(codec, "bus", "%s.0", id);
        qemuOptAddFormat(codec, "cad", "%zu", c);
        qemuOptAdd(codec, "audiodev", "audio1");
        qemuAddArgBuf(ctx->cmd, "-device", codec);
    }
}

int
qemuBuildSounds(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->nsounds; i++) {
        const virDomainSoundDef *sound = def->sounds[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&sound->info, g_strdup_printf("sound%zu", i));
        const char *dev = qemuSoundDevice(sound->model);

        if (!dev) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "sound card model '%s' is not supported",
                           virDomainSoundModelTypeToString(sound->model));
            return -1;
        }
        qemuOptAddWord(buf, dev);
        qemuOptAdd(buf, "id", id);
        if (!qemuSoundIsHDA(sound->model))
            qemuOptAdd(buf, "audiodev", "audio1");
        if (sound->model == VIR_DOMAIN_SOUND_MODEL_USB) {
            if (qemuBuildUSBAddress(ctx, buf, &sound->info) < 0)
                return -1;
        } else if (qemuBuildPCIAddress(ctx, buf, &sound->info) < 0) {
            return -1;
        }
        qemuAddArgBuf(ctx->cmd, "-device", buf);
        if (qemuSoundIsHDA(sound->model))
            qemuBuildSoundCodecs(ctx, sound, id);
    }
    return 0;
}

/* ---- watchdog ----------------------------------------------------------- */

int
qemuBuildWatchdogs(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    virDomainWatchdogAction action;
    size_t i;

    if (def->nwatchdogs > 1) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "more than one watchdog device is not supported");
        return -1;
    }
    for (i = 0; i < def->nwatchdogs; i++) {
        const virDomainWatchdogDef *wd = def->watchdogs[i];
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&wd->info, g_strdup_printf("watchdog%zu", i));

        switch (wd->model) {
        case VIR_DOMAIN_WATCHDOG_MODEL_I6300ESB:
            qemuOptAddWord(buf, "i6300esb");
            qemuOptAdd(buf, "id", id);
            if (qemuBuildPCIAddress(ctx, buf, &wd->info) < 0)
                return -1;
            qemuAddArgBuf(ctx->cmd, "-device", buf);
            break;
        case VIR_DOMAIN_WATCHDOG_MODEL_IB700:
            if (ctx->q35) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "watchdog model 'ib700' is not supported by machine type '%s'",
                               ctx->machine);
                return -1;
            }
            qemuOptAddWord(buf, "ib700");
            qemuOptAdd(buf, "id", id);
            qemuAddArgBuf(ctx->cmd, "-device", buf);
            break;
        case VIR_DOMAIN_WATCHDOG_MODEL_ITCO:
            /* Part of the Q35 board's LPC bridge: only its reboot
             * strap needs changing for it to act. */
            if (!ctx->q35) {
                virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "watchdog model 'itco' needs a Q35 machine type, not '%s'",
                               ctx->machine);
                return -1;
            }
            qemuAddArgs(ctx->cmd, "-global", "ICH9-LPC.noreboot=off", NULL);
            break;
        case VIR_DOMAIN_WATCHDOG_MODEL_DIAG288:
        case VIR_DOMAIN_WATCHDOG_MODEL_LAST:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "watchdog model '%s' is not supported",
                           virDomainWatchdogModelTypeToString(wd->model));
            return -1;
        }

        /* QEMU has no dump action: it pauses, the driver dumps. */
        action = wd->action == VIR_DOMAIN_WATCHDOG_ACTION_DUMP ?
                 VIR_DOMAIN_WATCHDOG_ACTION_PAUSE : wd->action;
        qemuAddArgs(ctx->cmd, "-watchdog-action",
                    virDomainWatchdogActionTypeToString(action), NULL);
    }
    return 0;
}

/* ---- host devices ------------------------------------------------------- */

int
qemuBuildHostdevs(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->nhostdevs; i++) {
        const virDomainHostdevDef *hostdev = def->hostdevs[i];
        const virPCIDeviceAddress *src = &hostdev->source;
        g_autoptr(GString) buf = g_string_new(NULL);
        g_autofree char *id = qemuInfoId(&hostdev->info, g_strdup_printf("hostdev%zu", i));

        qemuOptAddWord(buf, "vfio-pci");
        qemuOptAddFormat(buf, "host", "%04x:%02x:%02x.%x", src->domain, src->bus, src->slot,
                         src->function);
        qemuOptAdd(buf, "id", id);
        if (hostdev->info.bootIndex)
            qemuOptAddFormat(buf, "bootindex", "%u", hostdev->info.bootIndex);
        if (qemuBuildPCIAddress(ctx, buf, &hostdev->info) < 0)
            return -1;
        qemuAddArgBuf(ctx->cmd, "-device", buf);
    }
    return 0;
}

/* ---- panic -------------------------------------------------------------- */

int
qemuBuildPanics(qemuBuildCtx *ctx)
{
    const virDomainDef *def = ctx->def;
    size_t i;

    for (i = 0; i < def->npanics; i++) {
        const virDomainPanicDef *panic = def->panics[i];
        g_autoptr(GString) buf = g_string_new(NULL);

        switch (panic->model) {
        case VIR_DOMAIN_PANIC_MODEL_ISA:
        case VIR_DOMAIN_PANIC_MODEL_DEFAULT:
            qemuOptAddWord(buf, "pvpanic");
            if (panic->info.type == VIR_DOMAIN_DEVICE_ADDRESS_TYPE_ISA && panic->info.isa.iobase)
                qemuOptAddFormat(buf, "ioport", "%u", panic->info.isa.iobase);
            qemuAddArgBuf(ctx->cmd, "-device", buf);
            break;
        case VIR_DOMAIN_PANIC_MODEL_PVPANIC:
            qemuOptAddWord(buf, "pvpanic-pci");
            qemuOptAddFormat(buf, "id", "panic%zu", i);
            if (qemuBuildPCIAddress(ctx, buf, &panic->info) < 0)
                return -1;
            qemuAddArgBuf(ctx->cmd, "-device", buf);
            break;
        case VIR_DOMAIN_PANIC_MODEL_HYPERV:
            /* A CPU feature (hv-crash), set with the other Hyper-V ones. */
            break;
        case VIR_DOMAIN_PANIC_MODEL_PSERIES:
        case VIR_DOMAIN_PANIC_MODEL_S390:
        case VIR_DOMAIN_PANIC_MODEL_LAST:
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "panic model '%s' is not supported",
                           virDomainPanicModelTypeToString(panic->model));
            return -1;
        }
    }
    return 0;
}
