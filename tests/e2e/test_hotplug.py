#!/usr/bin/python3
"""Device hotplug on a real booted guest through virsh: attach-disk and
attach-device of an interface, live and --config, the guest seeing the new disk,
detach-disk ending with the device-removed event once the guest released
it, and the errors for duplicate targets, unknown devices and devices
that cannot be plugged live. In a network namespace of its own, virsh
attach-interface puts a bridged NIC into a running guest (a tap in the
bridge, seen by the guest) and detach-interface takes it out again, tap
and all."""

import json
import os
import re
import signal
import subprocess
import xml.etree.ElementTree as ET

import harness


def disk_pci_slot(xml, dev):
    """The PCI slot attribute of the disk with target dev, None if none."""
    for disk in ET.fromstring(xml).findall("./devices/disk"):
        if disk.find("target").get("dev") == dev:
            addr = disk.find("address")
            return addr.get("slot") if addr is not None and addr.get("type") == "pci" else None
    return None


class HotplugTest(harness.GuestTestCase):

    def boot(self, name, **kw):
        # Kernel messages on the serial log show what the guest sees.
        return super().boot(name, cmdline="console=ttyS0 loglevel=6", **kw)

    def image(self, name):
        path = self.daemon.path(name + ".qcow2")
        subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", path, "8M"], check=True)
        return path

    def test_disk_live_and_config(self):
        name = "hp-disk"
        serial = self.boot(name)
        img = self.image("hp-vdb")

        # virsh event runs meanwhile to see the device-removed event.
        ev = subprocess.Popen([harness.VIRSH, "-c", self.daemon.uri, "event", name,
                               "--event", "device-removed", "--timeout", "120"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
        try:
            out = self.out("attach-disk", name, img, "vdb", "--driver", "qemu",
                           "--subdriver", "qcow2", "--targetbus", "virtio", "--persistent")
            self.assertIn("Disk attached successfully", out)
            live = self.out("dumpxml", name)
            self.assertIn("<target dev='vdb' bus='virtio'/>", live)
            self.assertIn("<alias name='virtio-disk1'/>", live)
            self.assertIn("dev='vdb'", self.out("dumpxml", "--inactive", name))
            # Live and persistent definitions both give it a PCI slot, the
            # same one, kept in the XML as at define time.
            slot = disk_pci_slot(live, "vdb")
            self.assertIsNotNone(slot, live)
            self.assertEqual(disk_pci_slot(self.out("dumpxml", "--inactive", name), "vdb"), slot)
            # The guest's virtio-blk driver found it (8 MiB = 16384 sectors;
            # the guest names it by its own count).
            self.assertTrue(harness.wait_for(
                lambda: "16384 512-byte logical blocks" in harness.read_text(serial), 30, 0.2),
                harness.read_text(serial)[-2000:])
            self.assertIn("vdb", self.out("domblklist", name))

            rc, out, err = self.virsh("attach-disk", name, img, "vdb", "--subdriver", "qcow2",
                                      check=False)
            self.assertNotEqual(rc, 0)
            self.assertIn("target vdb already exists", err)

            out = self.out("detach-disk", name, "vdb", "--persistent")
            self.assertIn("Disk detached successfully", out)
            self.assertTrue(harness.wait_for(
                lambda: "<target dev='vdb'" not in self.out("dumpxml", name), 30, 0.2))
            self.assertNotIn("dev='vdb'", self.out("dumpxml", "--inactive", name))
            out, _ = ev.communicate(timeout=30)
        finally:
            if ev.poll() is None:
                os.killpg(ev.pid, signal.SIGTERM)
                ev.wait()
        self.assertIn("event 'device-removed' for domain '%s': virtio-disk1" % name, out)

        # The same target can be plugged again once it is gone.
        self.virsh("attach-disk", name, img, "vdb", "--subdriver", "qcow2",
                   "--targetbus", "virtio", "--live")
        self.assertIn("<target dev='vdb' bus='virtio'/>", self.out("dumpxml", name))
        self.assertNotIn("dev='vdb'", self.out("dumpxml", "--inactive", name))
        # The guest still runs and obeys.
        self.virsh("shutdown", name)
        self.wait_state(name, "shut off (shutdown)", 60)

    def test_disks_unplugged_out_of_order(self):
        # Each disk keeps its block nodes' number for the run (the live
        # XML's <source index=>): unplugging a middle one and plugging
        # another must not clash with the disks still there.
        name = "hp-order"
        self.boot(name)
        for dev in ("vdb", "vdc"):
            self.virsh("attach-disk", name, self.image("hp-" + dev), dev, "--subdriver", "qcow2",
                       "--targetbus", "virtio", "--live")
        live = self.out("dumpxml", name)
        self.assertIn("hp-vdc.qcow2' index='2'/>", live)
        self.virsh("detach-disk", name, "vdb", "--live")
        self.assertTrue(harness.wait_for(
            lambda: "<target dev='vdb'" not in self.out("dumpxml", name), 30, 0.2))
        self.virsh("attach-disk", name, self.image("hp-vdd"), "vdd", "--subdriver", "qcow2",
                   "--targetbus", "virtio", "--live")
        live = self.out("dumpxml", name)
        self.assertIn("hp-vdd.qcow2' index='3'/>", live)
        self.assertIn("hp-vdc.qcow2' index='2'/>", live)
        # Both still unplug cleanly: their nodes are the ones QEMU has.
        for dev in ("vdc", "vdd"):
            self.virsh("detach-disk", name, dev, "--live")
            self.assertTrue(harness.wait_for(
                lambda: "<target dev='%s'" % dev not in self.out("dumpxml", name), 30, 0.2))
        self.assertNotIn("cannot remove the block nodes", self.daemon.log_tail(200))
        self.virsh("attach-disk", name, self.image("hp-vdb2"), "vdb", "--subdriver", "qcow2",
                   "--targetbus", "virtio", "--live")
        self.assertEqual(self.domstate(name), "running (booted)")

    def query_block(self, name, alias):
        """The file QEMU has in the drive with qdev id alias (None: empty)."""
        out = self.out("qemu-monitor-command", name, '{"execute":"query-block"}')
        for dev in json.loads(out)["return"]:
            if dev.get("qdev", "").endswith("/" + alias) or dev.get("qdev") == alias:
                ins = dev.get("inserted")
                return ins["file"] if ins else None
        self.fail("no drive %s in %s" % (alias, out))

    def test_change_media_and_detach_alias(self):
        name = "hp-media"
        d = self.daemon
        self.boot(name, extra_devices=(
            "<disk type='file' device='cdrom'>\n"
            "  <driver name='qemu' type='raw'/>\n"
            "  <target dev='hdc' bus='ide'/>\n"
            "  <readonly/>\n"
            "</disk>\n"))
        iso1, iso2 = (d.path("media%d.iso" % i) for i in (1, 2))
        for iso in (iso1, iso2):
            subprocess.run(["qemu-img", "create", "-q", "-f", "raw", iso, "1M"], check=True)
        alias = "ide0-1-0"

        self.assertIsNone(self.query_block(name, alias))
        self.assertIn("Successfully inserted media",
                      self.out("change-media", name, "hdc", iso1, "--insert"))
        self.assertEqual(self.query_block(name, alias), iso1)
        self.assertIn("<source file='%s' index=" % iso1, self.out("dumpxml", name))
        self.assertNotIn(iso1, self.out("dumpxml", "--inactive", name))

        self.assertIn("Successfully updated media",
                      self.out("change-media", name, "hdc", iso2, "--update", "--live", "--config"))
        self.assertEqual(self.query_block(name, alias), iso2)
        self.assertIn(iso2, self.out("dumpxml", "--inactive", name))
        # The first medium's nodes went with it.
        nodes = self.out("qemu-monitor-command", name, '{"execute":"query-named-block-nodes"}')
        self.assertNotIn(iso1, nodes)

        self.assertIn("Successfully ejected media", self.out("change-media", name, "hdc", "--eject"))
        self.assertIsNone(self.query_block(name, alias))
        live = self.out("dumpxml", name)
        self.assertIn("<target dev='hdc' bus='ide' tray='open'/>", live)
        self.assertNotIn(iso2, live)

        # Only removable media change; a missing image changes nothing.
        res = self.virsh("change-media", name, "hdc", d.path("nothere.iso"), "--insert",
                         check=False)
        self.assertVirshError(res, "Cannot access storage file")
        self.assertIsNone(self.query_block(name, alias))

        # detach-device-alias: a disk the user named, live and in the
        # definition, and a name nobody has.
        img = self.image("hp-ua")
        disk = d.write_xml("hp-ua", "<disk type='file' device='disk'>"
                           "<driver name='qemu' type='qcow2'/><source file='%s'/>"
                           "<target dev='vdb' bus='virtio'/><alias name='ua-data'/></disk>" % img)
        self.virsh("attach-device", name, disk, "--live", "--config")
        self.assertIn("<alias name='ua-data'/>", self.out("dumpxml", "--inactive", name))
        res = self.virsh("detach-device-alias", name, "ua-nothere", check=False)
        self.assertVirshError(res, "device not found: no device found with alias ua-nothere")
        self.assertIn("Device detach request sent successfully",
                      self.out("detach-device-alias", name, "ua-data", "--live", "--config"))
        self.assertTrue(harness.wait_for(
            lambda: "ua-data" not in self.out("dumpxml", name), 30, 0.2))
        self.assertNotIn("ua-data", self.out("dumpxml", "--inactive", name))
        self.assertEqual(self.domstate(name), "running (booted)")

    def test_interface_and_errors(self):
        name = "hp-net"
        self.boot(name)
        # virsh attach-interface wants a source even for user networking:
        # attach-device takes the element itself.
        nic = self.daemon.write_xml("hp-nic1", "<interface type='user'>"
                                    "<mac address='52:54:00:aa:bb:01'/>"
                                    "<model type='virtio'/></interface>")
        out = self.out("attach-device", name, nic, "--live")
        self.assertIn("Device attached successfully", out)
        self.assertIn("<mac address='52:54:00:aa:bb:01'/>", self.out("dumpxml", name))
        self.assertIn("52:54:00:aa:bb:01", self.out("domiflist", name))
        rc, out, err = self.virsh("attach-device", name, nic, "--live", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("already has interface", err)
        self.out("detach-device", name, nic, "--live")
        self.assertTrue(harness.wait_for(
            lambda: "52:54:00:aa:bb:01" not in self.out("dumpxml", name), 30, 0.2))
        # Plugging cards in and out never renames the ones left: each
        # keeps the id QEMU knows it by.
        for mac in ("52:54:00:aa:bb:03", "52:54:00:aa:bb:04"):
            x = self.daemon.write_xml("hp-" + mac[-2:], "<interface type='user'>"
                                      "<mac address='%s'/><model type='virtio'/></interface>" % mac)
            self.out("attach-device", name, x, "--live")
        self.out("detach-interface", name, "user", "--mac", "52:54:00:aa:bb:03", "--live")
        self.assertTrue(harness.wait_for(
            lambda: "52:54:00:aa:bb:03" not in self.out("dumpxml", name), 30, 0.2))
        self.out("attach-device", name, nic, "--live")
        aliases = re.findall(r"<alias name='(net\d+)'/>", self.out("dumpxml", name))
        self.assertEqual(sorted(aliases), ["net0", "net1"], aliases)

        # --config only: the running guest is untouched.
        nic2 = self.daemon.write_xml("hp-nic2", "<interface type='user'>"
                                     "<mac address='52:54:00:aa:bb:02'/></interface>")
        self.virsh("attach-device", name, nic2, "--config")
        self.assertIn("52:54:00:aa:bb:02", self.out("dumpxml", "--inactive", name))
        self.assertNotIn("52:54:00:aa:bb:02", self.out("dumpxml", name))

        rc, out, err = self.virsh("detach-disk", name, "vdz", check=False)
        self.assertNotEqual(rc, 0)
        xml = self.daemon.write_xml("hp-rng", "<rng model='virtio'><backend model='random'>"
                                    "/dev/urandom</backend></rng>")
        rc, out, err = self.virsh("attach-device", name, xml, "--live", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("not supported", err)
        self.assertEqual(self.domstate(name), "running (booted)")


class BridgeHotplugTest(harness.GuestTestCase):
    """virtqemud in a namespace with a bridge, so its taps stay there."""

    BRIDGE = "vthbr0"

    @classmethod
    def setUpClass(cls):
        cls.kernel, cls.initrd = harness.guest_images()  # may skip
        cls.ns = harness.NetNS("vth")
        cls.daemon = None
        try:
            cls.ns.run("ip", "link", "add", cls.BRIDGE, "type", "bridge")
            cls.ns.run("ip", "link", "set", cls.BRIDGE, "up")
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

    def bridge_ports(self):
        out = self.ns.run("ip", "-o", "link", "show", "master", self.BRIDGE).stdout
        return re.findall(r"^\d+: ([^:@]+)", out, re.M)

    def test_attach_detach_interface(self):
        name = "hp-bridge"
        mac = "52:54:00:aa:bb:10"
        serial = self.boot(name)
        out = self.out("attach-interface", name, "bridge", self.BRIDGE, "--model", "virtio",
                       "--mac", mac, "--live")
        self.assertIn("Interface attached successfully", out)
        live = self.out("dumpxml", name)
        tap = re.search(r"<target dev='([^']+)'/>", live).group(1)
        self.assertIn("<source bridge='%s'/>" % self.BRIDGE, live)
        self.assertEqual(self.bridge_ports(), [tap])
        # The guest finds the card and brings it up.
        self.wait_serial(serial, "VIRTD-GUEST-MAC eth0 %s" % mac)
        self.assertIn(mac, self.out("domiflist", name))
        self.assertNotIn(mac, self.out("dumpxml", "--inactive", name))

        # A second card with the same MAC is refused, nothing is made.
        res = self.virsh("attach-interface", name, "bridge", self.BRIDGE, "--mac", mac,
                         "--live", check=False)
        self.assertVirshError(res, "already has interface")
        self.assertEqual(self.bridge_ports(), [tap])
        # A bridge that does not exist: refused, no tap left behind.
        res = self.virsh("attach-interface", name, "bridge", "vthnobr", "--live", check=False)
        self.assertVirshError(res, "vthnobr", "No such device")
        self.assertEqual(self.bridge_ports(), [tap])
        self.assertEqual(self.out("domiflist", name).count("bridge"), 1)

        self.out("detach-interface", name, "bridge", "--mac", mac, "--live")
        self.assertTrue(harness.wait_for(lambda: mac not in self.out("dumpxml", name), 30, 0.2))
        self.assertTrue(harness.wait_for(lambda: not self.bridge_ports(), 10, 0.2),
                        self.bridge_ports())
        self.assertNotEqual(self.ns.run("ip", "link", "show", tap, check=False).returncode, 0)
        self.assertEqual(self.domstate(name), "running (booted)")


if __name__ == "__main__":
    harness.main()
