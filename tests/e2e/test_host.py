#!/usr/bin/python3
"""Host-level commands: version, uri, hostname, sysinfo, nodeinfo,
capabilities, domcapabilities."""

import os
import platform
import re
import socket
import xml.etree.ElementTree as ET

import harness


def meminfo_kib(key="MemTotal"):
    for line in harness.read_text("/proc/meminfo").splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


def numa_mem_kib():
    """Sum of the NUMA nodes' MemTotal (libvirt's source when NUMA is there)."""
    base = "/sys/devices/system/node"
    total = 0
    try:
        nodes = [n for n in os.listdir(base) if re.match(r"^node\d+$", n)]
    except OSError:
        return None
    for n in nodes:
        m = re.search(r"MemTotal:\s+(\d+) kB", harness.read_text(os.path.join(base, n, "meminfo")))
        if not m:
            return None
        total += int(m.group(1))
    return total or None


def cpuinfo_mhz():
    for line in harness.read_text("/proc/cpuinfo").splitlines():
        if line.startswith("cpu MHz"):
            return float(line.split(":")[1])
    return None


def online_cpus():
    text = harness.read_text("/sys/devices/system/cpu/online").strip()
    if not text:
        return os.cpu_count()
    n = 0
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        n += int(hi or lo) - int(lo) + 1
    return n


class HostTest(harness.DaemonTestCase):

    def test_version(self):
        out = self.out("version")
        self.assertIn("Compiled against library: libvirt 9.0.0\n", out)
        self.assertIn("Using API: QEMU 9.0.0\n", out)
        self.assertIn("Running hypervisor: QEMU 7.2", out)
        ver = harness.qemu_version()
        if ver:
            self.assertIn("Running hypervisor: QEMU %s\n" % ver, out)

    def test_uri(self):
        self.assertEqual(self.out("uri"), self.daemon.uri + "\n\n")

    def test_uri_readonly(self):
        self.assertEqual(self.out("uri", ro=True), self.daemon.ro_uri + "\n\n")

    def test_hostname(self):
        self.assertEqual(self.out("hostname").strip(), socket.gethostname())

    def test_sysinfo(self):
        rc, out, err = self.virsh("sysinfo", check=False)
        if rc == 0:
            root = ET.fromstring(out)
            self.assertEqual(root.tag, "sysinfo")
        else:
            # a clean libvirt error: "error: ..." lines only, and the daemon lives on
            lines = [l for l in err.splitlines() if l.strip()]
            self.assertTrue(lines, "sysinfo failed without an error message")
            for l in lines:
                self.assertTrue(l.startswith("error: "), "unexpected stderr line %r" % l)
            self.assertTrue(self.daemon.alive())

    def test_nodeinfo(self):
        info = harness.parse_kv(self.out("nodeinfo"))
        self.assertEqual(info["CPU model"], platform.machine())
        self.assertEqual(int(info["CPU(s)"]), online_cpus())
        # /proc/meminfo, or the NUMA nodes' sum as libvirt reports it (they
        # differ on hosts with hot-plugged memory outside node0)
        self.assertIn(info["Memory size"],
                      {"%d KiB" % v for v in (meminfo_kib(), numa_mem_kib()) if v})
        topo = 1
        for k in ("CPU socket(s)", "Core(s) per socket", "Thread(s) per core", "NUMA cell(s)"):
            self.assertRegex(info[k], r"^\d+$", k)
            topo *= int(info[k])
        self.assertEqual(topo, int(info["CPU(s)"]), "topology does not multiply out: %r" % info)
        m = re.match(r"^(\d+) MHz$", info["CPU frequency"])
        self.assertTrue(m, info["CPU frequency"])
        mhz = cpuinfo_mhz()
        if mhz:
            self.assertLess(abs(int(m.group(1)) - mhz), max(50, mhz * 0.1),
                            "frequency %s vs /proc/cpuinfo %.0f" % (info["CPU frequency"], mhz))

    def test_nodecpumap(self):
        # virsh nodecpumap: present CPUs, online ones, and the map (y/-).
        info = harness.parse_kv(self.out("nodecpumap", ro=True))
        with open("/sys/devices/system/cpu/present") as f:
            last_present = max(int(r.split("-")[-1]) for r in f.read().strip().split(","))
        self.assertEqual(int(info["CPUs present"]), last_present + 1)
        self.assertEqual(int(info["CPUs online"]), online_cpus())
        self.assertEqual(info["CPU map"].count("y"), online_cpus())
        self.assertEqual(len(info["CPU map"]), last_present + 1)

    def test_nodeinfo_readonly(self):
        self.assertEqual(self.out("nodeinfo", ro=True), self.out("nodeinfo"))

    def test_capabilities(self):
        root = ET.fromstring(self.out("capabilities"))
        self.assertEqual(root.tag, "capabilities")
        self.assertEqual(root.findtext("host/cpu/arch"), "x86_64")
        guests = [g for g in root.findall("guest")
                  if g.findtext("os_type") == "hvm" and
                  g.find("arch") is not None and g.find("arch").get("name") == "x86_64"]
        self.assertTrue(guests, "no hvm x86_64 guest in capabilities")
        arch = guests[0].find("arch")
        self.assertEqual(arch.findtext("emulator"), harness.QEMU)
        machines = [m.text for m in arch.findall("machine")]
        for want in ("pc-i440fx-7.2", "pc-q35-7.2"):
            self.assertIn(want, machines)
        aliases = {m.text: m.get("canonical") for m in arch.findall("machine") if m.get("canonical")}
        if "pc" in aliases:
            self.assertEqual(aliases["pc"], "pc-i440fx-7.2")
        if "q35" in aliases:
            self.assertEqual(aliases["q35"], "pc-q35-7.2")
        dtypes = [d.get("type") for d in arch.findall("domain")]
        self.assertIn("qemu", dtypes)
        if harness.kvm_usable():
            self.assertIn("kvm", dtypes)

    def test_capabilities_raw_contains_emulator(self):
        out = self.out("capabilities")
        self.assertIn("<emulator>/usr/bin/qemu-system-x86_64</emulator>", out)
        self.assertIn(">pc-i440fx-7.2</machine>", out)
        self.assertIn(">pc-q35-7.2</machine>", out)

    def test_domcapabilities(self):
        args = ["domcapabilities"]
        if not harness.kvm_usable():
            args += ["--virttype", "qemu"]
        root = ET.fromstring(self.out(*args))
        self.assertEqual(root.tag, "domainCapabilities")
        self.assertEqual(root.findtext("path"), harness.QEMU)
        self.assertEqual(root.findtext("arch"), "x86_64")
        self.assertIn(root.findtext("domain"), ("qemu", "kvm"))
        self.assertTrue(root.findtext("machine"))

    def test_domcapabilities_explicit(self):
        root = ET.fromstring(self.out("domcapabilities", "--virttype", "qemu",
                                      "--arch", "x86_64", "--machine", "q35"))
        self.assertEqual(root.findtext("path"), harness.QEMU)
        self.assertEqual(root.findtext("domain"), "qemu")
        self.assertEqual(root.findtext("machine"), "pc-q35-7.2")


if __name__ == "__main__":
    harness.main()
