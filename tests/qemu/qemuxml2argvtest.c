/* QEMU command lines: tests/data/qemuxml2argv/NAME.xml must give
 * NAME.args (or fail with NAME.err).
 *
 * With VIR_TEST_QEMU_SMOKE=1 every successful command line is also
 * started with the real emulator (stopped at -S), its monitor is reached
 * and QEMU is told to quit: the golden files then prove more than
 * themselves. Missing disk images are created under /tmp. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <gio/gio.h>

#include "testutils.h"
#include "qemu_command.h"
#include "qemu_domain_address.h"
#include "virerror.h"

#define SUITE "qemuxml2argv"

typedef enum {
    TEST_NO_SMOKE = 1 << 0,     /* needs host setup (bridges, taps...) to start */
    TEST_NO_KVM = 1 << 1,       /* pretend /dev/kvm is unusable */
    TEST_NO_ARCH_CAPS = 1 << 2, /* host CPU models need arch-capabilities=off */
} testFlags;

typedef struct {
    const char *name;
    unsigned int flags;
} testInfo;

static bool testSmoke;

static char *
testMonitorPath(const char *name)
{
    return g_strdup_printf("/tmp/lib/domain-%s/monitor.sock", name);
}

/* libvirt's .args layout: environment first, then one option (with its
 * value) per line, lines joined by " \". */
static char *
testFormatArgs(virCommand *cmd)
{
    g_autofree char *str = virCommandToString(cmd);
    g_auto(GStrv) tokens = NULL;
    const char *binary = virCommandGetArgv(cmd)[0];
    GString *out = g_string_new(NULL);
    bool inArgs = false;
    size_t i;

    if (!g_shell_parse_argv(str, NULL, &tokens, NULL))
        return g_string_free(out, FALSE);
    for (i = 0; tokens[i]; i++) {
        g_autofree char *quoted = NULL;
        bool plain = *tokens[i] &&
                     strspn(tokens[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                            "0123456789-_=.,:/+@%[]") == strlen(tokens[i]);

        quoted = plain ? g_strdup(tokens[i]) : g_shell_quote(tokens[i]);
        if (!inArgs && strcmp(tokens[i], binary) == 0)
            inArgs = true;
        if (i > 0) {
            if (!inArgs || tokens[i][0] == '-' || strcmp(tokens[i], binary) == 0)
                g_string_append(out, " \\\n");
            else
                g_string_append_c(out, ' ');
        }
        g_string_append(out, quoted);
    }
    g_string_append_c(out, '\n');
    return g_string_free(out, FALSE);
}

static virCommand *
testBuild(const testInfo *info, virDomainDef **defOut)
{
    g_autofree char *inName = g_strdup_printf("%s.xml", info->name);
    g_autofree char *in = virTestDataPath(SUITE, inName);
    g_autofree char *monitor = testMonitorPath(info->name);
    g_autofree char *xml = NULL;
    qemuCommandParams params = {
        .monitorPath = monitor,
        .kvmAvailable = !(info->flags & TEST_NO_KVM),
        .disableArchCapabilities = !!(info->flags & TEST_NO_ARCH_CAPS),
    };
    g_autoptr(virDomainDef) def = NULL;
    virCommand *cmd;

    if (virTestLoadFile(in, &xml) < 0)
        return NULL;
    if (!(def = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    /* As the driver does when the domain is defined. */
    if (qemuDomainAssignPCIAddresses(def) < 0)
        return NULL;
    qemuAssignDeviceAliases(def);
    if (!(cmd = qemuBuildCommandLine(def, &params)))
        return NULL;
    if (defOut)
        *defOut = g_steal_pointer(&def);
    return cmd;
}

/* ---- optional start with the real emulator --------------------------- */

static int
testSmokeCreateImages(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *disk = def->disks[i];
        g_autofree char *dir = NULL;
        g_autofree char *out = NULL;
        g_autoptr(GError) gerr = NULL;
        int status = 0;

        if (disk->type != VIR_DOMAIN_DISK_TYPE_FILE || !disk->src ||
            !g_str_has_prefix(disk->src, "/tmp/") || g_file_test(disk->src, G_FILE_TEST_EXISTS))
            continue;
        dir = g_path_get_dirname(disk->src);
        g_mkdir_with_parents(dir, 0755);
        {
            const char *argv[] = { "qemu-img", "create", "-q", "-f",
                                   disk->format == VIR_STORAGE_FILE_QCOW2 ? "qcow2" : "raw",
                                   disk->src, "16M", NULL };
            if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                              NULL, &out, &status, &gerr) || status != 0) {
                fprintf(stderr, "cannot create %s: %s\n", disk->src,
                        gerr ? gerr->message : out);
                return -1;
            }
        }
    }
    return 0;
}

/* A file QEMU's x86 loader accepts as a bzImage: the setup header's
 * magic and protocol version are all it checks before -S. */
static int
testSmokeFakeKernel(const char *path)
{
    g_autofree char *buf = g_new0(char, 1 << 20);
    g_autoptr(GError) gerr = NULL;

    buf[0x1f1] = 4;                 /* setup sectors */
    memcpy(buf + 0x202, "HdrS", 4);
    buf[0x206] = 0x0f;              /* boot protocol 2.15 */
    buf[0x207] = 0x02;
    buf[0x211] = 1;                 /* loaded high */
    buf[0x22c] = 0xff;              /* initrd_addr_max */
    buf[0x22d] = 0xff;
    buf[0x22e] = 0xff;
    buf[0x22f] = 0x7f;
    if (!g_file_set_contents(path, buf, 1 << 20, &gerr)) {
        fprintf(stderr, "cannot write %s: %s\n", path, gerr->message);
        return -1;
    }
    return 0;
}

static int
testSmokeCreateBootFiles(const virDomainDef *def)
{
    g_autoptr(GError) gerr = NULL;
    g_autofree char *vars = NULL;
    gsize len;

    if (def->os.kernel && g_str_has_prefix(def->os.kernel, "/tmp/") &&
        testSmokeFakeKernel(def->os.kernel) < 0)
        return -1;
    if (def->os.initrd && g_str_has_prefix(def->os.initrd, "/tmp/") &&
        testSmokeFakeKernel(def->os.initrd) < 0)
        return -1;
    /* The driver copies the variable store from its template. */
    if (def->os.nvram && def->os.nvramTemplate && !g_file_test(def->os.nvram, G_FILE_TEST_EXISTS)) {
        if (!g_file_get_contents(def->os.nvramTemplate, &vars, &len, &gerr) ||
            !g_file_set_contents(def->os.nvram, vars, len, &gerr)) {
            fprintf(stderr, "cannot prepare %s: %s\n", def->os.nvram, gerr->message);
            return -1;
        }
    }
    return 0;
}

static int
testSmokeQMP(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    const char *cmds = "{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n";
    char reply[4096];
    int fd = -1;
    int tries;
    ssize_t n;

    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    for (tries = 0; tries < 100; tries++) {
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
            break;
        close(fd);
        fd = -1;
        g_usleep(50 * 1000);
    }
    if (fd < 0) {
        fprintf(stderr, "the monitor at %s never came up\n", path);
        return -1;
    }
    if (write(fd, cmds, strlen(cmds)) < 0) {
        close(fd);
        return -1;
    }
    /* Read until QEMU closes the socket on quit. */
    while ((n = read(fd, reply, sizeof(reply))) > 0)
        ;
    close(fd);
    return 0;
}

static int
testSmokeRun(const testInfo *info, virCommand *cmd, const virDomainDef *def)
{
    g_autofree char *monitor = testMonitorPath(info->name);
    g_autofree char *dir = g_path_get_dirname(monitor);
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GSubprocess) proc = NULL;
    g_autofree char *errText = NULL;
    const char * const *argv = virCommandGetArgv(cmd);

    g_mkdir_with_parents("/tmp/virtd-qemuargv", 0755);
    if (testSmokeCreateImages(def) < 0 || testSmokeCreateBootFiles(def) < 0)
        return -1;
    g_mkdir_with_parents(dir, 0700);
    unlink(monitor);
    if (!(proc = g_subprocess_newv(argv, G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                   G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                   G_SUBPROCESS_FLAGS_STDIN_PIPE, &gerr))) {
        fprintf(stderr, "cannot start %s: %s\n", argv[0], gerr->message);
        return -1;
    }
    if (testSmokeQMP(monitor) < 0) {
        g_subprocess_force_exit(proc);
    }
    g_subprocess_communicate_utf8(proc, NULL, NULL, NULL, &errText, NULL);
    if (!g_subprocess_get_if_exited(proc) || g_subprocess_get_exit_status(proc) != 0) {
        fprintf(stderr, "%s: QEMU failed: %s\n", info->name, errText ? errText : "");
        return -1;
    }
    return 0;
}

/* ---- cases ------------------------------------------------------------ */

static int
testCompareXMLToArgv(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *outName = g_strdup_printf("%s.args", info->name);
    g_autofree char *outPath = virTestDataPath(SUITE, outName);
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virCommand) cmd = testBuild(info, &def);
    g_autofree char *args = NULL;

    if (!cmd)
        return -1;
    args = testFormatArgs(cmd);
    if (virTestCompareToFile(args, outPath) < 0)
        return -1;

    /* Ids come from the aliases; without them the builder must pick the
     * same names. */
    {
        g_autofree char *monitor = testMonitorPath(info->name);
        qemuCommandParams params = {
            .monitorPath = monitor,
            .kvmAvailable = true,
            .disableArchCapabilities = !!(info->flags & TEST_NO_ARCH_CAPS),
        };
        g_autofree char *xml = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                                         VIR_DOMAIN_DEF_FORMAT_SECURE);
        g_autoptr(virDomainDef) bare = virDomainDefParseString(xml, VIR_DOMAIN_DEF_PARSE_INACTIVE);
        g_autoptr(virCommand) cmd2 = bare ? qemuBuildCommandLine(bare, &params) : NULL;
        g_autofree char *args2 = cmd2 ? testFormatArgs(cmd2) : NULL;

        if (!args2 || strcmp(args, args2) != 0) {
            fprintf(stderr, "%s: ids differ without assigned aliases:\n%s", info->name,
                    args2 ? args2 : "(failed)\n");
            return -1;
        }
    }

    if (testSmoke && !(info->flags & TEST_NO_SMOKE))
        return testSmokeRun(info, cmd, def);
    return 0;
}

static int
testCompareXMLToError(const void *opaque)
{
    const testInfo *info = opaque;
    g_autofree char *errName = g_strdup_printf("%s.err", info->name);
    g_autofree char *errPath = virTestDataPath(SUITE, errName);
    g_autoptr(virCommand) cmd = testBuild(info, NULL);
    const virErrorInfo *err = virErrorGetLast();
    g_autofree char *actual = NULL;

    if (cmd) {
        fprintf(stderr, "%s: a command line was built, an error was expected\n", info->name);
        return -1;
    }
    if (!err || !err->message) {
        fprintf(stderr, "%s: failed without reporting an error\n", info->name);
        return -1;
    }
    actual = g_strdup_printf("code=%d\n%s\n", err->code, err->message);
    return virTestCompareToFile(actual, errPath);
}

static int
mymain(void)
{
    int ret = 0;

    testSmoke = g_strcmp0(g_getenv("VIR_TEST_QEMU_SMOKE"), "1") == 0;

#define DO_TEST_FULL(name, flags) \
    do { \
        static const testInfo info = { name, flags }; \
        if (virTestRun("xml2argv " name, testCompareXMLToArgv, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST(name) DO_TEST_FULL(name, 0)
#define DO_TEST_ERR_FULL(name, flags) \
    do { \
        static const testInfo info = { name, flags }; \
        if (virTestRun("xml2argv-err " name, testCompareXMLToError, &info) < 0) \
            ret = -1; \
    } while (0)
#define DO_TEST_ERR(name) DO_TEST_ERR_FULL(name, 0)

    DO_TEST("minimal");
    DO_TEST("minimal-kvm");
    DO_TEST("kernel-boot");
    DO_TEST("disk-virtio");
    DO_TEST("disk-ide-cdrom");
    DO_TEST("disk-sata-q35");
    DO_TEST("disk-scsi");
    DO_TEST("disk-floppy-usb");
    DO_TEST("serial-file-log");
    DO_TEST("serial-sockets");
    DO_TEST("net-user");
    DO_TEST_FULL("net-tap", TEST_NO_SMOKE);
    DO_TEST("graphics-vnc");
    DO_TEST("graphics-vnc-socket");
    DO_TEST("graphics-spice");
    DO_TEST("video-models");
    DO_TEST("controllers-q35");
    DO_TEST("channel-guest-agent");
    DO_TEST("memballoon-rng");
    DO_TEST("cpu-topology");
    DO_TEST_FULL("cpu-host-passthrough", TEST_NO_ARCH_CAPS);
    /* Starts only where KVM can set IA32_ARCH_CAPABILITIES. */
    DO_TEST_FULL("cpu-host-passthrough-plain", TEST_NO_SMOKE);
    DO_TEST_FULL("clock-features-pm", TEST_NO_ARCH_CAPS);
    DO_TEST("uefi");
    DO_TEST("pci-addresses");
    DO_TEST("name-escaping");
    DO_TEST_FULL("virt-install-q35", TEST_NO_ARCH_CAPS);
    DO_TEST_FULL("tpm-emulator", TEST_NO_SMOKE);        /* swtpm: see the e2e test */
    DO_TEST_FULL("tpm-passthrough", TEST_NO_SMOKE);     /* needs /dev/tpm0 */
    DO_TEST("sound-ich9-codecs");
    DO_TEST("sound-models");
    DO_TEST("watchdog-i6300esb");
    DO_TEST("watchdog-ib700-dump");
    DO_TEST("watchdog-itco");
    DO_TEST("panic-isa");
    DO_TEST_FULL("hostdev-pci-vfio", TEST_NO_SMOKE);    /* needs the host device */
    DO_TEST("machine-i440fx-versioned");
    DO_TEST("machine-q35-versioned");
    DO_TEST("boot-order-devices");
    DO_TEST("boot-dev-menu");
    DO_TEST("uefi-secure-boot");
    DO_TEST("disk-cache-io-discard");
    DO_TEST("disk-shareable-serial");
    DO_TEST_FULL("disk-block-lvm", TEST_NO_SMOKE);      /* needs the logical volume */
    DO_TEST("usb-ich9-companions");
    DO_TEST("usb-none");
    DO_TEST("net-models");
    DO_TEST_FULL("serial-tcp-telnet", TEST_NO_SMOKE);   /* connects to a listener */
    DO_TEST("console-pty-virtio");
    DO_TEST("graphics-vnc-websocket");
    DO_TEST("video-qxl-heads");
    DO_TEST("input-virtio");
    DO_TEST("cpu-custom-features");
    DO_TEST("cpu-host-model-tcg");
    DO_TEST("vcpu-hotplug-maxcpus");
    DO_TEST("clock-localtime-timers");
    DO_TEST("features-vmport-pmu");
    DO_TEST("numa-memdev");
    DO_TEST("memory-hotplug");
    DO_TEST_FULL("memory-hugepages", TEST_NO_SMOKE);    /* needs reserved hugepages */
    DO_TEST("memory-memfd-shared");
    DO_TEST("smbios-sysinfo");
    DO_TEST_FULL("hyperv-windows", TEST_NO_SMOKE);      /* KVM must offer VP_INDEX (not nested) */
    DO_TEST("hyperv-no-cpu-model");
    DO_TEST("disk-scsi-wwn-queues");

    DO_TEST_ERR("err-ide-q35");
    DO_TEST_ERR("err-host-passthrough-tcg");
    DO_TEST_ERR_FULL("err-kvm-unavailable", TEST_NO_KVM);
    DO_TEST_ERR("err-volume-unresolved");
    DO_TEST_ERR("err-efi-autoselect");
    DO_TEST_ERR("err-network-unresolved");
    DO_TEST_ERR("err-virtio-cdrom");
    DO_TEST_ERR("err-readonly-ide");
    DO_TEST_ERR("err-watchdog-ib700-q35");
    DO_TEST_ERR("err-watchdog-itco-pc");
    DO_TEST_ERR("err-tpm-crb-1.2");
    DO_TEST_ERR("err-sound-pcspk");
    DO_TEST_ERR("err-pci-bus-no-controller");
    DO_TEST_ERR("err-usb-device-no-controller");
    DO_TEST_ERR("err-maxmemory-no-numa");
    DO_TEST_ERR("err-smbios-host");
    DO_TEST_ERR("err-wwn-virtio");
    DO_TEST_ERR("err-pci-slot-clash");
    DO_TEST_ERR("err-pci-slot-range");
    DO_TEST_ERR("err-pci-function-range");
    DO_TEST_ERR("err-disk-target-dup");
    DO_TEST_ERR("err-video-model");

    if (virTestCheckUnusedFiles(SUITE) < 0)
        ret = -1;
    return ret;
}

int
main(int argc, char **argv)
{
    return virTestMain(argc, argv, mymain);
}
