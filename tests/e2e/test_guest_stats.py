#!/usr/bin/python3
"""vCPUs, disks and interfaces of real booted guests: vcpuinfo/vcpupin
(threads, CPU time, affinity; the configured affinity of a shut-off
guest), setvcpus --live adding and removing vCPUs of a guest started with
<vcpu current>, domcontrol, domblkinfo of a qcow2 disk (running and shut
off), and domifstat/domstats of a tap on a bridge in a namespace."""

import os
import re
import subprocess

import harness


def vcpuinfo(text):
    """[{'VCPU': '0', 'CPU': '1', ...}, ...] from virsh vcpuinfo."""
    blocks = [b for b in text.strip().split("\n\n") if b.strip()]
    return [harness.parse_kv(b) for b in blocks]


class VcpuTest(harness.GuestTestCase):

    def serial(self, name):
        path = self.daemon.serial_log(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def boot_vcpus(self, name, current, maximum, extra_devices=""):
        """The tiny guest with <vcpu current='current'>maximum</vcpu>."""
        serial = self.serial(name)
        xml = harness.domain_xml(name, kernel=self.kernel, initrd=self.initrd,
                                 serial_log=serial, vcpus=maximum,
                                 extra_devices=extra_devices)
        xml = xml.replace("<vcpu>%d</vcpu>" % maximum,
                          "<vcpu placement='static' current='%d'>%d</vcpu>" % (current, maximum))
        self.track(name)
        self.virsh("define", self.daemon.write_xml(name, xml))
        self.virsh("start", name)
        self.wait_serial(serial, harness.MARK_READY)
        return serial

    def test_vcpuinfo_and_hotplug(self):
        name = "vc-hot"
        self.boot_vcpus(name, 2, 3)
        pid = self.daemon.status_pid(name)
        info = vcpuinfo(self.out("vcpuinfo", name))
        self.assertEqual([i["VCPU"] for i in info], ["0", "1"])
        for i in info:
            self.assertEqual(i["State"], "running")
            self.assertRegex(i["CPU"], r"^\d+$")
            self.assertRegex(i["CPU time"], r"^\d+\.\d+s$")
            self.assertRegex(i["CPU Affinity"], r"^[y-]+$")
        self.assertGreater(float(info[0]["CPU time"][:-1]), 0)
        counts = self.out("vcpucount", name)
        self.assertRegex(counts, r"maximum\s+live\s+3")
        self.assertRegex(counts, r"current\s+live\s+2")
        # The affinity of each vCPU thread, and of the one not plugged yet.
        pins = self.out("vcpupin", name)
        self.assertRegex(pins, r"\n\s*0\s+\S+\n\s*1\s+\S+\n\s*2\s+\S+\n")

        self.virsh("setvcpus", name, "3", "--live")
        counts = self.out("vcpucount", name)
        self.assertRegex(counts, r"current\s+live\s+3")
        self.assertRegex(counts, r"current\s+config\s+2")
        info = vcpuinfo(self.out("vcpuinfo", name))
        self.assertEqual([i["VCPU"] for i in info], ["0", "1", "2"])
        self.assertIn("<vcpu placement='static'>3</vcpu>", self.out("dumpxml", name))
        self.assertIn("<vcpu placement='static' current='2'>3</vcpu>",
                      self.out("dumpxml", "--inactive", name))
        stats = self.out("domstats", "--vcpu", "--cpu-total", name)
        for want in ("vcpu.current=3", "vcpu.maximum=3", "vcpu.0.state=1", "vcpu.2.state=1"):
            self.assertIn("  %s\n" % want, stats)
        self.assertRegex(stats, r"vcpu\.0\.time=[1-9]")
        self.assertRegex(stats, r"cpu\.user=\d+")
        self.assertRegex(stats, r"cpu\.system=\d+")
        self.assertEqual(pid, self.daemon.status_pid(name))

        # More than the maximum is refused and changes nothing.
        self.assertVirshError(self.virsh("setvcpus", name, "4", "--live", check=False),
                              "greater than max allowable vcpus")
        self.assertRegex(self.out("vcpucount", name), r"current\s+live\s+3")

        # The vCPU added goes away again (the guest ejects it through ACPI)...
        self.virsh("setvcpus", name, "2", "--live")
        self.assertRegex(self.out("vcpucount", name), r"current\s+live\s+2")
        self.assertEqual(len(vcpuinfo(self.out("vcpuinfo", name))), 2)
        # ... but not one the guest booted with.
        self.assertVirshError(self.virsh("setvcpus", name, "1", "--live", check=False),
                              "can't be hotunplugged")
        self.assertRegex(self.out("vcpucount", name), r"current\s+live\s+2")

        self.virsh("setvcpus", name, "3", "--config")
        self.assertRegex(self.out("vcpucount", name), r"current\s+config\s+3")
        self.assertEqual(self.out("domcontrol", name).strip(), "ok")
        # (Adding a vCPU again after removing one makes QEMU 7.2 crash
        # under TCG, so this guest stops here.)

    def test_save_with_added_vcpu(self):
        """A guest saved with a vCPU added comes back with it."""
        name = "vc-save"
        serial = self.boot_vcpus(name, 1, 2)
        self.virsh("setvcpus", name, "2", "--live")
        image = self.daemon.path(name + ".save")
        self.virsh("save", name, image)
        self.virsh("restore", image)
        self.assertEqual([i["VCPU"] for i in vcpuinfo(self.out("vcpuinfo", name))], ["0", "1"])
        self.assertRegex(self.out("vcpucount", name), r"current\s+live\s+2")
        self.assertEqual(self.domstate(name, reason=False), "running")
        # The restored guest still obeys the power button.
        self.virsh("shutdown", name)
        self.wait_serial(serial, harness.MARK_OFF, 60)
        self.wait_state(name, "shut off (shutdown)", 60)

    def test_vcpuinfo_shutoff(self):
        name = "vc-off"
        xml = harness.domain_xml(name, vcpus=2).replace(
            "<vcpu>2</vcpu>", "<vcpu placement='static' cpuset='0'>2</vcpu>")
        self.track(name)
        self.virsh("define", self.daemon.write_xml(name, xml))
        info = vcpuinfo(self.out("vcpuinfo", name))
        self.assertEqual([i["VCPU"] for i in info], ["0", "1"])
        for i in info:
            self.assertEqual(i["CPU"], "N/A")
            self.assertTrue(i["CPU Affinity"].startswith("y"), i)
            self.assertNotIn("y", i["CPU Affinity"][1:])
        self.assertRegex(self.out("vcpupin", name), r"\n\s*0\s+0\n\s*1\s+0\n")
        self.assertVirshError(self.virsh("domcontrol", name, check=False),
                              "domain is not running")

    def test_domblkinfo(self):
        name = "vc-blk"
        disk = self.daemon.path(name + ".qcow2")
        subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", disk, "16M"], check=True)
        devices = ("<disk type='file' device='disk'>\n"
                   "  <driver name='qemu' type='qcow2'/>\n"
                   "  <source file='%s'/>\n"
                   "  <target dev='vda' bus='virtio'/>\n"
                   "</disk>\n" % disk)
        serial = self.serial(name)
        self.define(name, kernel=self.kernel, initrd=self.initrd, serial_log=serial,
                    extra_devices=devices)
        off = harness.parse_kv(self.out("domblkinfo", name, "vda"))
        self.assertEqual(off["Capacity"], str(16 * 1024 * 1024))
        self.assertGreater(int(off["Allocation"]), 0)
        self.assertLess(int(off["Physical"]), 16 * 1024 * 1024)
        self.virsh("start", name)
        self.wait_serial(serial, harness.MARK_READY)
        live = harness.parse_kv(self.out("domblkinfo", name, disk))
        self.assertEqual(live["Capacity"], str(16 * 1024 * 1024))
        human = self.out("domblkinfo", name, "vda", "--human")
        self.assertRegex(human, r"Capacity:\s+16\.000 MiB")
        stats = self.out("domstats", "--block", name)
        self.assertIn("  block.0.capacity=16777216\n", stats)
        self.assertRegex(stats, r"block\.0\.allocation=[1-9]")
        self.assertRegex(stats, r"block\.0\.physical=[1-9]")
        table = self.out("domblkinfo", name, "--all")
        self.assertRegex(table, r"vda\s+16777216\s+\d+\s+\d+")
        self.assertVirshError(self.virsh("domblkinfo", name, "vdz", check=False),
                              "invalid path vdz not assigned to domain")


class InterfaceStatsTest(harness.GuestTestCase):
    """A guest on a bridge of a namespace of its own (virtqemud runs in it)."""

    @classmethod
    def setUpClass(cls):
        cls.kernel, cls.initrd = harness.guest_images()  # may skip
        cls.ns = harness.NetNS("vts")
        try:
            cls.ns.run("ip", "link", "add", "vtsbr0", "type", "bridge")
            cls.ns.run("ip", "addr", "add", "10.98.0.1/24", "dev", "vtsbr0")
            cls.ns.run("ip", "link", "set", "vtsbr0", "up")
            cls.daemon = harness.Daemon(netns=cls.ns)
            cls.daemon.start()
        except Exception:
            if cls.daemon:
                cls.daemon.cleanup()
            cls.ns.delete()
            raise

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.ns.delete()

    def ifstat(self, name, dev):
        rows = [l.split() for l in self.out("domifstat", name, dev).splitlines() if l.strip()]
        return {r[1]: int(r[2]) for r in rows}

    def test_domifstat(self):
        name = "vc-net"
        mac = "52:54:00:5e:00:42"
        self.boot(name, extra_devices=("<interface type='bridge'>\n"
                                       "  <mac address='%s'/>\n"
                                       "  <source bridge='vtsbr0'/>\n"
                                       "  <model type='virtio'/>\n"
                                       "</interface>\n" % mac))
        tap = re.search(r"<target dev='([^']+)'/>", self.out("dumpxml", name)).group(1)
        # What the host sends on the bridge, the guest receives: ARP
        # requests for an address nobody has.
        self.ns.run("ping", "-c", "3", "-i", "0.2", "-W", "1", "10.98.0.2", check=False)
        st = self.ifstat(name, tap)
        self.assertGreater(st["rx_bytes"], 0, st)
        self.assertGreater(st["rx_packets"], 0, st)
        # The counters are the tap's, turned round: its tx is the guest's rx.
        sysfs = "/sys/class/net/%s/statistics/" % tap
        host_tx = int(self.ns.run("cat", sysfs + "tx_packets").stdout)
        self.assertGreaterEqual(host_tx, st["rx_packets"])
        self.assertGreater(self.ifstat(name, mac)["rx_bytes"], 0)

        stats = self.out("domstats", "--interface", name)
        self.assertIn("  net.count=1\n", stats)
        self.assertIn("  net.0.name=%s\n" % tap, stats)
        self.assertRegex(stats, r"net\.0\.rx\.bytes=[1-9]")
        self.assertRegex(stats, r"net\.0\.tx\.pkts=\d+")
        self.assertVirshError(self.virsh("domifstat", name, "vnet999", check=False),
                              "is not a known interface")


if __name__ == "__main__":
    harness.main()
