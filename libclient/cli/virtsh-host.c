/* virtsh: commands about the connection and the host behind it. */
#include "virtsh.h"

#include <stdio.h>

/* "major.minor.micro" of libvirt's packed version numbers. */
#define VIRTSH_VERSION_ARGS(v) \
    (int)((v) / 1000000), (int)(((v) / 1000) % 1000), (int)((v) % 1000)


static bool
cmdCapabilities(virtshControl *ctl, const virtshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *caps = NULL;

    if (!(caps = virConnectGetCapabilities(ctl->conn))) {
        virtshError(ctl, "%s", "failed to get capabilities");
        return false;
    }
    virtshPrint(ctl, "%s\n", caps);
    return true;
}


static bool
cmdDomCapabilities(virtshControl *ctl, const virtshCmd *cmd)
{
    g_autofree char *caps = NULL;
    const char *virttype = NULL;
    const char *emulator = NULL;
    const char *arch = NULL;
    const char *machine = NULL;

    if (virtshOptString(ctl, cmd, "virttype", &virttype) < 0 ||
        virtshOptString(ctl, cmd, "emulatorbin", &emulator) < 0 ||
        virtshOptString(ctl, cmd, "arch", &arch) < 0 ||
        virtshOptString(ctl, cmd, "machine", &machine) < 0)
        return false;

    caps = virConnectGetDomainCapabilities(ctl->conn, emulator, arch, machine, virttype, 0);
    if (!caps) {
        virtshError(ctl, "%s", "failed to get emulator capabilities");
        return false;
    }
    virtshPrint(ctl, "%s\n", caps);
    return true;
}


static bool
cmdHostname(virtshControl *ctl, const virtshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *hostname = NULL;

    if (!(hostname = virConnectGetHostname(ctl->conn))) {
        virtshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    virtshPrint(ctl, "%s\n", hostname);
    return true;
}


static bool
cmdNodeinfo(virtshControl *ctl, const virtshCmd *cmd G_GNUC_UNUSED)
{
    virNodeInfo info;

    if (virNodeGetInfo(ctl->conn, &info) < 0) {
        virtshError(ctl, "%s", "failed to get node information");
        return false;
    }
    virtshPrint(ctl, "%-20s %s\n", "CPU model:", info.model);
    virtshPrint(ctl, "%-20s %d\n", "CPU(s):", info.cpus);
    virtshPrint(ctl, "%-20s %d MHz\n", "CPU frequency:", info.mhz);
    virtshPrint(ctl, "%-20s %d\n", "CPU socket(s):", info.sockets);
    virtshPrint(ctl, "%-20s %d\n", "Core(s) per socket:", info.cores);
    virtshPrint(ctl, "%-20s %d\n", "Thread(s) per core:", info.threads);
    virtshPrint(ctl, "%-20s %d\n", "NUMA cell(s):", info.nodes);
    virtshPrint(ctl, "%-20s %lu KiB\n", "Memory size:", info.memory);
    return true;
}


static bool
cmdSysinfo(virtshControl *ctl, const virtshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *sysinfo = NULL;

    if (!(sysinfo = virConnectGetSysinfo(ctl->conn, 0))) {
        virtshError(ctl, "%s", "failed to get sysinfo");
        return false;
    }
    virtshPrint(ctl, "%s", sysinfo);
    return true;
}


static bool
cmdURI(virtshControl *ctl, const virtshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *uri = NULL;

    if (!(uri = virConnectGetURI(ctl->conn))) {
        virtshError(ctl, "%s", "failed to get URI");
        return false;
    }
    virtshPrint(ctl, "%s\n", uri);
    return true;
}


static bool
cmdVersion(virtshControl *ctl, const virtshCmd *cmd)
{
    const char *hvType;
    unsigned long libVersion;
    unsigned long apiVersion;
    unsigned long hvVersion;
    unsigned long daemonVersion;

    if (!(hvType = virConnectGetType(ctl->conn))) {
        virtshError(ctl, "%s", "failed to get hypervisor type");
        return false;
    }

    virtshPrint(ctl, "Compiled against library: libvirt %d.%d.%d\n",
                VIRTSH_VERSION_ARGS(LIBVIR_VERSION_NUMBER));

    if (virGetVersion(&libVersion, hvType, &apiVersion) < 0) {
        virtshError(ctl, "%s", "failed to get the library version");
        return false;
    }
    virtshPrint(ctl, "Using library: libvirt %d.%d.%d\n", VIRTSH_VERSION_ARGS(libVersion));
    virtshPrint(ctl, "Using API: %s %d.%d.%d\n", hvType, VIRTSH_VERSION_ARGS(apiVersion));

    if (virConnectGetVersion(ctl->conn, &hvVersion) < 0) {
        virtshError(ctl, "%s", "failed to get the hypervisor version");
        return false;
    }
    if (hvVersion == 0)
        virtshPrint(ctl, "Cannot extract running %s hypervisor version\n", hvType);
    else
        virtshPrint(ctl, "Running hypervisor: %s %d.%d.%d\n", hvType,
                    VIRTSH_VERSION_ARGS(hvVersion));

    /* A daemon too old to say is not a failure of the command. */
    if (virtshOptBool(cmd, "daemon")) {
        if (virConnectGetLibVersion(ctl->conn, &daemonVersion) < 0)
            virtshError(ctl, "%s", "failed to get the daemon version");
        else
            virtshPrint(ctl, "Running against daemon: %d.%d.%d\n",
                        VIRTSH_VERSION_ARGS(daemonVersion));
    }
    return true;
}


static const virtshOptDef virtshOptsDomCapabilities[] = {
    { "virttype", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NONE,
      "the domain type to ask about, such as kvm or qemu" },
    { "emulatorbin", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_FILE,
      "the emulator binary to ask about" },
    { "arch", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NONE,
      "the guest architecture, such as x86_64" },
    { "machine", VIRTSH_OT_STRING, 0, VIRTSH_COMPLETE_NONE,
      "the machine type, such as pc or q35" },
    { NULL }
};

static const virtshOptDef virtshOptsVersion[] = {
    { "daemon", VIRTSH_OT_BOOL, 0, VIRTSH_COMPLETE_NONE,
      "also print the version of the daemon" },
    { NULL }
};

const virtshCmdDef virtshHostCmds[] = {
    { "capabilities", cmdCapabilities, NULL,
      "print the host's capabilities XML",
      "Prints what the hypervisor can run on this host, as capabilities XML.", 0 },
    { "domcapabilities", cmdDomCapabilities, virtshOptsDomCapabilities,
      "print what a domain can be given",
      "Prints, as XML, the devices and features a domain of the given type, emulator, "
      "architecture and machine may use. Options left out take the hypervisor's defaults.",
      0 },
    { "hostname", cmdHostname, NULL,
      "print the host's name",
      "Prints the name of the host the hypervisor runs on.", 0 },
    { "nodeinfo", cmdNodeinfo, NULL,
      "print the host's CPU and memory",
      "Prints the host's CPU model, CPU topology and memory size.", 0 },
    { "sysinfo", cmdSysinfo, NULL,
      "print the host's system information",
      "Prints the host's firmware and hardware description (SMBIOS) as XML.", 0 },
    { "uri", cmdURI, NULL,
      "print the connection's URI",
      "Prints the URI the connection is open to, in the hypervisor's canonical form.", 0 },
    { "version", cmdVersion, virtshOptsVersion,
      "print library and hypervisor versions",
      "Prints the libvirt versions this program was built with and runs with, and the "
      "version of the hypervisor behind the connection.", 0 },
    { NULL }
};
