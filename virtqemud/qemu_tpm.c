/* swtpm for <tpm><backend type='emulator'>: see qemu_tpm.h. */
#include "qemu_tpm.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "qemu_command.h"
#include "vircommand.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

VIR_LOG_INIT("qemu.qemu_tpm");

#define QEMU_TPM_BINARY "swtpm"
#define QEMU_TPM_BINARY_PATH "/usr/bin/swtpm"
/* How long swtpm may take to create its socket. */
#define QEMU_TPM_START_WAIT_MS 10000

static char *
qemuTPMStateDir(virQEMUDriver *driver, const virDomainDef *def, const virDomainTPMDef *tpm)
{
    g_autofree char *varLib = g_path_get_dirname(driver->libDir);
    char uuid[VIR_UUID_STRING_BUFLEN];

    return g_strdup_printf("%s/swtpm/%s/%s", varLib, virUUIDFormat(def->uuid, uuid),
                           tpm->version == VIR_DOMAIN_TPM_VERSION_1_2 ? "tpm1.2" : "tpm2");
}

static char *
qemuTPMPidFile(const char *libDir, size_t idx)
{
    return g_strdup_printf("%s/tpm%zu-swtpm.pid", libDir, idx);
}

static int
qemuTPMWaitSocket(const char *path, pid_t pid)
{
    int waited;

    for (waited = 0; waited < QEMU_TPM_START_WAIT_MS; waited += 10) {
        if (virFileExists(path))
            return 0;
        g_usleep(10 * 1000);
    }
    virReportError(VIR_ERR_OPERATION_FAILED,
                   "swtpm (pid %lld) did not create its socket %s", (long long)pid, path);
    return -1;
}

static int
qemuTPMStartOne(virQEMUDriver *driver, virDomainObj *obj, size_t idx, const char *monitorPath)
{
    const virDomainTPMDef *tpm = obj->def->tpms[idx];
    qemuCommandParams params = { .monitorPath = monitorPath };
    g_autofree char *libDir = g_path_get_dirname(monitorPath);
    g_autofree char *stateDir = qemuTPMStateDir(driver, obj->def, tpm);
    g_autofree char *sock = qemuBuildTPMSocketPath(tpm, idx, &params);
    g_autofree char *pidFile = qemuTPMPidFile(libDir, idx);
    g_autofree char *logFile = g_strdup_printf("%s/%s-swtpm.log", driver->logDir, obj->def->name);
    g_autofree char *binary = g_find_program_in_path(QEMU_TPM_BINARY);
    g_autoptr(virCommand) cmd = virCommandNew(binary ? binary : QEMU_TPM_BINARY_PATH);
    g_autofree char *errbuf = NULL;
    pid_t pid = 0;
    int status = 0;

    if (virFileMakePath(stateDir, 0700) < 0)
        return -1;
    unlink(sock);
    unlink(pidFile);
    virCommandAddArg(cmd, "socket");
    if (tpm->version != VIR_DOMAIN_TPM_VERSION_1_2)
        virCommandAddArg(cmd, "--tpm2");
    virCommandAddArg(cmd, "--tpmstate");
    virCommandAddArgFormat(cmd, "dir=%s,mode=0600", stateDir);
    virCommandAddArg(cmd, "--ctrl");
    virCommandAddArgFormat(cmd, "type=unixio,path=%s,mode=0600", sock);
    virCommandAddArg(cmd, "--log");
    virCommandAddArgFormat(cmd, "file=%s", logFile);
    virCommandAddArg(cmd, "--pid");
    virCommandAddArgFormat(cmd, "file=%s", pidFile);
    /* It ends when QEMU closes the connection, i.e. with the guest. */
    virCommandAddArg(cmd, "--terminate");
    virCommandAddArg(cmd, "--daemon");
    virCommandSetErrorBuffer(cmd, &errbuf);

    VIR_DEBUG("starting swtpm for domain %s: state in %s", obj->def->name, stateDir);
    if (virCommandRun(cmd, &status) < 0)
        return -1;
    if (status != 0) {
        virReportError(VIR_ERR_OPERATION_FAILED, "swtpm failed to start (exit status %d): %s",
                       status, errbuf ? g_strstrip(errbuf) : "");
        return -1;
    }
    if (virPidFileRead(pidFile, &pid) < 0)
        return -1;
    return qemuTPMWaitSocket(sock, pid);
}

int
qemuTPMStart(virQEMUDriver *driver, virDomainObj *obj, const char *monitorPath)
{
    size_t i;

    for (i = 0; i < obj->def->ntpms; i++) {
        if (obj->def->tpms[i]->type != VIR_DOMAIN_TPM_TYPE_EMULATOR)
            continue;
        if (qemuTPMStartOne(driver, obj, i, monitorPath) < 0) {
            g_autofree char *libDir = g_path_get_dirname(monitorPath);
            g_autoptr(virErrorInfo) saved = virErrorPreserve();

            qemuTPMStop(obj, libDir);
            virErrorRestore(&saved);
            return -1;
        }
    }
    return 0;
}

void
qemuTPMStop(virDomainObj *obj, const char *libDir)
{
    size_t i;

    if (!libDir)
        return;
    for (i = 0; i < obj->def->ntpms; i++) {
        g_autofree char *pidFile = qemuTPMPidFile(libDir, i);
        g_autofree char *sock = g_strdup_printf("%s/tpm%zu-swtpm.sock", libDir, i);
        pid_t pid = 0;

        if (virFileExists(pidFile) && virPidFileRead(pidFile, &pid) == 0 && pid > 1 &&
            kill(pid, SIGTERM) == 0)
            VIR_DEBUG("stopped swtpm %lld of domain %s", (long long)pid, obj->def->name);
        unlink(pidFile);
        unlink(sock);
    }
}
