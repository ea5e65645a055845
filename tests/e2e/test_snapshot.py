#!/usr/bin/python3
"""Domain snapshots through Debian's virsh: internal snapshots of shut-off
guests (qemu-img) and of running ones (QEMU's snapshot-save/load/delete
jobs), the snapshot tree and the current snapshot, external disk-only
snapshots, the metadata kept across a daemon restart, and bad input."""

import json
import os
import subprocess
import xml.etree.ElementTree as ET

import harness

try:
    import libvirt
except ImportError:  # pragma: no cover - only when run with the wrong python
    libvirt = None

BOOT_TIMEOUT = 60
SHUTDOWN_TIMEOUT = 60
QEMU_IMG = "/usr/bin/qemu-img"


def disk_xml(path, fmt="qcow2", dev="vda"):
    return ("<disk type='file' device='disk'>\n"
            "  <driver name='qemu' type='%s'/>\n"
            "  <source file='%s'/>\n"
            "  <target dev='%s' bus='virtio'/>\n"
            "</disk>\n" % (fmt, path, dev))


def img_info(path):
    res = subprocess.run([QEMU_IMG, "info", "-U", "--output=json", path],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def img_snapshots(path):
    return [s["name"] for s in img_info(path).get("snapshots", [])]


class SnapshotTest(harness.DaemonTestCase):

    @classmethod
    def setUpClass(cls):
        cls.kernel, cls.initrd = harness.guest_images()  # may skip
        super().setUpClass()

    # helpers -------------------------------------------------------------
    def make_disk(self, name, fmt="qcow2"):
        d = self.daemon.path("images")
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, "%s.%s" % (name, fmt))
        subprocess.run([QEMU_IMG, "create", "-q", "-f", fmt, path, "16M"], check=True)
        return path

    def define_guest(self, name, fmt="qcow2", boot=True):
        serial = self.daemon.serial_log(name)
        os.makedirs(os.path.dirname(serial), exist_ok=True)
        disk = self.make_disk(name, fmt)
        kw = dict(extra_devices=disk_xml(disk, fmt))
        if boot:
            kw.update(kernel=self.kernel, initrd=self.initrd, serial_log=serial)
        self.define(name, **kw)
        return disk, serial

    def wait_serial(self, name, serial, marker, timeout=BOOT_TIMEOUT):
        if not harness.wait_for(lambda: marker in harness.read_text(serial), timeout, 0.2):
            self.fail("no %s in %s within %ss\n--- serial ---\n%s\n--- guest log ---\n%s\n%s"
                      % (marker, serial, timeout, harness.read_text(serial)[-2000:],
                         harness.read_text(self.daemon.guest_log_path(name))[-2000:],
                         self.daemon.log_tail()))

    def boot(self, name, serial):
        self.virsh("start", name)
        self.wait_serial(name, serial, harness.MARK_READY)

    def snap_names(self, name, *flags):
        return self.out("snapshot-list", name, "--name", *flags).split()

    def snap_xml(self, name, snap):
        return ET.fromstring(self.out("snapshot-dumpxml", name, snap))

    def current(self, name):
        return self.out("snapshot-current", name, "--name").strip()

    # tests ---------------------------------------------------------------
    def test_inactive_internal_tree(self):
        name = self.unique("snap-off")
        disk, _ = self.define_guest(name, boot=False)

        self.assertEqual(self.out("snapshot-create-as", name, "s1", "first one"),
                         "Domain snapshot s1 created\n")
        self.assertEqual(self.out("snapshot-create-as", name, "s2"),
                         "Domain snapshot s2 created\n")
        self.assertEqual(sorted(img_snapshots(disk)), ["s1", "s2"])

        x = self.snap_xml(name, "s1")
        self.assertEqual(x.findtext("name"), "s1")
        self.assertEqual(x.findtext("description"), "first one")
        self.assertEqual(x.findtext("state"), "shutoff")
        self.assertIsNone(x.find("parent"))
        self.assertEqual(x.find("memory").get("snapshot"), "no")
        self.assertEqual([(d.get("name"), d.get("snapshot")) for d in x.find("disks")],
                         [("vda", "internal")])
        self.assertEqual(x.find("domain").findtext("name"), name)
        self.assertGreater(int(x.findtext("creationTime")), 0)
        self.assertEqual(self.snap_xml(name, "s2").find("parent").findtext("name"), "s1")

        self.assertEqual(self.current(name), "s2")
        self.assertEqual(self.snap_names(name), ["s1", "s2"])
        self.assertEqual(self.snap_names(name, "--roots"), ["s1"])
        self.assertEqual(self.snap_names(name, "--leaves"), ["s2"])
        self.assertEqual(self.out("snapshot-parent", name, "s2").strip(), "s1")
        tree = self.out("snapshot-list", name, "--tree")
        self.assertEqual([l.strip() for l in tree.splitlines() if l.strip()],
                         ["s1", "|", "+- s2"])
        table = self.out("snapshot-list", name, "--parent")
        self.assertEqual(table.splitlines()[0].split(),
                         ["Name", "Creation", "Time", "State", "Parent"])
        rows = {l.split()[0]: l.split() for l in table.splitlines()[2:] if l.strip()}
        self.assertEqual(rows["s1"][-1], "shutoff")
        self.assertEqual(rows["s2"][-2:], ["shutoff", "s1"])

        # Reverting to s1 makes it current; the next one branches from it.
        self.virsh("snapshot-revert", name, "s1")
        self.assertEqual(self.current(name), "s1")
        self.assertEqual(self.domstate(name), "shut off (from snapshot)")
        self.virsh("snapshot-create-as", name, "s3")
        self.assertEqual(self.out("snapshot-parent", name, "s3").strip(), "s1")
        self.assertEqual(sorted(self.out("snapshot-list", name, "--from", "s1",
                                         "--name").split()), ["s2", "s3"])
        self.assertIn(name, self.out("list", "--all", "--with-snapshot", "--name").split())

        # Undefine refuses while snapshots exist.
        self.assertVirshError(self.virsh("undefine", name, check=False),
                              "cannot delete inactive domain with 3 snapshots")

        # Deleting s1 with its children removes all three, data and metadata.
        self.virsh("snapshot-delete", name, "s1", "--children")
        self.assertEqual(self.snap_names(name), [])
        self.assertEqual(img_snapshots(disk), [])
        self.assertVirshError(self.virsh("snapshot-current", name, check=False),
                              "has no current snapshot")
        self.assertIn(name, self.out("list", "--all", "--without-snapshot", "--name").split())

    def test_running_revert_restores_guest(self):
        name = self.unique("snap-run")
        disk, serial = self.define_guest(name)
        self.boot(name, serial)

        self.virsh("snapshot-create-as", name, "ready")
        self.assertEqual(self.domstate(name), "running (unpaused)")
        x = self.snap_xml(name, "ready")
        self.assertEqual(x.findtext("state"), "running")
        self.assertEqual(x.find("memory").get("snapshot"), "internal")
        self.assertIsNotNone(x.find("inactiveDomain"))
        self.assertIn("ready", img_snapshots(disk))

        # In place: the running guest is loaded back and goes on running.
        self.virsh("snapshot-revert", name, "ready")
        self.assertEqual(self.domstate(name), "running (from snapshot)")

        # The guest powers off; reverting brings back the running guest,
        # not a new boot: QEMU starts afresh (the serial file is new) and
        # the guest answers the power button without printing its boot
        # markers again.
        self.virsh("shutdown", name)
        self.wait_state(name, "shut off (shutdown)", SHUTDOWN_TIMEOUT)
        self.virsh("snapshot-revert", name, "ready")
        self.assertEqual(self.domstate(name), "running (from snapshot)")
        self.virsh("shutdown", name)
        self.wait_serial(name, serial, harness.MARK_OFF, SHUTDOWN_TIMEOUT)
        self.wait_state(name, "shut off (shutdown)", SHUTDOWN_TIMEOUT)
        self.assertNotIn(harness.MARK_UP, harness.read_text(serial))

        # --paused leaves the restored guest paused.
        self.virsh("snapshot-revert", name, "ready", "--paused")
        self.assertEqual(self.domstate(name), "paused (from snapshot)")

        # Deleting from a running guest goes through QEMU.
        self.virsh("snapshot-delete", name, "ready")
        self.assertEqual(self.snap_names(name), [])
        self.assertEqual(img_snapshots(disk), [])

        # --halt: the paused guest is recorded, then stopped.
        self.virsh("snapshot-create-as", name, "halted", "--halt")
        self.assertEqual(self.domstate(name), "shut off (from snapshot)")
        self.assertEqual(self.snap_xml(name, "halted").findtext("state"), "paused")
        self.virsh("snapshot-delete", name, "halted")
        self.assertEqual(img_snapshots(disk), [])

    def test_disk_only_external(self):
        name = self.unique("snap-ext")
        disk, serial = self.define_guest(name)

        # Shut off: qemu-img makes the overlay, the definition follows it.
        self.assertEqual(self.out("snapshot-create-as", name, "e1", "--disk-only"),
                         "Domain snapshot e1 created\n")
        overlay1 = os.path.splitext(disk)[0] + ".e1"
        self.assertTrue(os.path.exists(overlay1))
        self.assertEqual(img_info(overlay1)["backing-filename"], disk)
        dom = ET.fromstring(self.out("dumpxml", name))
        self.assertEqual(dom.find("devices/disk/source").get("file"), overlay1)
        x = self.snap_xml(name, "e1")
        self.assertEqual(x.findtext("state"), "shutoff")
        d = x.find("disks/disk")
        self.assertEqual((d.get("name"), d.get("snapshot"), d.get("type")),
                         ("vda", "external", "file"))
        self.assertEqual(d.find("source").get("file"), overlay1)
        self.assertEqual(d.find("driver").get("type"), "qcow2")

        # Running: a new overlay is added under the guest with blockdev-snapshot.
        self.boot(name, serial)
        overlay2 = self.daemon.path("images", "live-overlay.qcow2")
        self.virsh("snapshot-create-as", name, "e2", "--disk-only",
                   "--diskspec", "vda,file=%s" % overlay2)
        self.assertEqual(img_info(overlay2)["backing-filename"], overlay1)
        self.assertEqual(self.snap_xml(name, "e2").findtext("state"), "disk-snapshot")
        for flags in ((), ("--inactive",)):
            dom = ET.fromstring(self.out("dumpxml", name, *flags))
            self.assertEqual(dom.find("devices/disk/source").get("file"), overlay2, flags)
        # The live disk shows the image it now stands on.
        live = ET.fromstring(self.out("dumpxml", name)).find("devices/disk/backingStore")
        self.assertEqual(live.get("type"), "file")
        self.assertEqual(live.find("source").get("file"), overlay1)
        self.assertEqual(live.find("format").get("type"), "qcow2")
        self.assertIsNone(ET.fromstring(self.out("dumpxml", name, "--inactive"))
                          .find("devices/disk/backingStore"))
        self.assertEqual(self.domstate(name), "running (booted)")
        self.assertEqual(self.out("snapshot-parent", name, "e2").strip(), "e1")

        # libvirt 9.0 neither reverts nor deletes external snapshots.
        self.assertVirshError(self.virsh("snapshot-revert", name, "e1", check=False),
                              "revert to external snapshot not supported yet")
        self.assertVirshError(self.virsh("snapshot-delete", name, "e2", check=False),
                              "deletion of 1 external disk snapshots not supported yet")
        self.virsh("destroy", name)
        self.virsh("snapshot-delete", name, "e2", "--metadata")
        self.virsh("snapshot-delete", name, "e1", "--metadata")
        self.assertEqual(self.snap_names(name), [])

    def test_bad_input(self):
        name = self.unique("snap-bad")
        raw, _ = self.define_guest(name, fmt="raw", boot=False)
        self.assertVirshError(self.virsh("snapshot-create-as", name, "r1", check=False),
                              "internal snapshot for disk vda unsupported for storage type raw")
        self.assertEqual(self.snap_names(name), [])

        good = self.unique("snap-dup")
        disk, _ = self.define_guest(good, boot=False)
        self.virsh("snapshot-create-as", good, "d1")
        self.assertVirshError(self.virsh("snapshot-create-as", good, "d1", check=False),
                              "domain moment d1 already exists")
        self.assertEqual(img_snapshots(disk), ["d1"])
        err = self.assertVirshError(self.virsh("snapshot-dumpxml", good, "nosuch", check=False),
                                    "no domain snapshot with matching name 'nosuch'")
        self.assertIn("Domain snapshot not found", err)
        self.assertVirshError(self.virsh("snapshot-revert", good, "nosuch", check=False),
                              "Domain snapshot not found")
        path = self.daemon.write_xml("bad-snap", "<domainsnapshot><name>x</name>")
        self.assertVirshError(self.virsh("snapshot-create", good, path, check=False),
                              "(domain_snapshot)")
        self.assertEqual(self.snap_names(good), ["d1"])

        # Restarting the daemon keeps the metadata, the current snapshot too.
        self.virsh("snapshot-create-as", good, "d2", "--description", "after restart")
        self.daemon.restart()
        self.assertEqual(self.snap_names(good), ["d1", "d2"])
        self.assertEqual(self.current(good), "d2")
        self.assertEqual(self.out("snapshot-parent", good, "d2").strip(), "d1")
        self.assertEqual(self.snap_xml(good, "d2").findtext("description"), "after restart")

        # Undefine with --snapshots-metadata drops the metadata, keeps the data.
        self.virsh("undefine", good, "--snapshots-metadata")
        self.assertFalse(os.path.exists(self.daemon.path("var", "lib", "libvirt", "qemu",
                                                         "snapshot", good)))
        self.assertEqual(img_snapshots(disk), ["d1", "d2"])

    def test_python_api(self):
        """The listing and query calls virsh does not all make."""
        if libvirt is None:
            self.fail("python3-libvirt not importable; run with /usr/bin/python3")
        libvirt.registerErrorHandler(lambda ctx, err: None, None)
        name = self.unique("snap-py")
        self.define_guest(name, boot=False)
        conn = libvirt.open(self.daemon.uri)
        try:
            dom = conn.lookupByName(name)
            self.assertEqual(dom.snapshotNum(), 0)
            self.assertEqual(dom.hasCurrentSnapshot(), 0)
            root = dom.snapshotCreateXML("<domainsnapshot><name>root</name></domainsnapshot>")
            self.assertEqual(root.getName(), "root")
            for child in ("c1", "c2"):
                dom.revertToSnapshot(root)
                dom.snapshotCreateXML("<domainsnapshot><name>%s</name></domainsnapshot>" % child)
            gc = dom.snapshotCreateXML("<domainsnapshot/>")      # named after the time
            self.assertTrue(gc.getName().isdigit(), gc.getName())

            self.assertEqual(dom.snapshotNum(), 4)
            self.assertEqual(sorted(dom.snapshotListNames()), sorted(["root", "c1", "c2",
                                                                      gc.getName()]))
            self.assertEqual(dom.snapshotNum(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS), 1)
            self.assertEqual(sorted(s.getName() for s in dom.listAllSnapshots(
                libvirt.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES)), sorted(["c1", gc.getName()]))
            self.assertEqual(root.numChildren(), 2)
            self.assertEqual(root.numChildren(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS), 3)
            self.assertEqual(sorted(root.listChildrenNames()), ["c1", "c2"])
            self.assertEqual(sorted(s.getName() for s in root.listAllChildren(
                libvirt.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)), sorted(["c1", "c2", gc.getName()]))
            self.assertEqual(gc.getParent().getName(), "c2")
            self.assertEqual(dom.snapshotCurrent().getName(), gc.getName())
            self.assertEqual(gc.isCurrent(), 1)
            self.assertEqual(root.isCurrent(), 0)
            self.assertEqual(root.hasMetadata(), 1)
            self.assertEqual(dom.snapshotLookupByName("c1").getName(), "c1")
            with self.assertRaises(libvirt.libvirtError) as cm:
                dom.snapshotLookupByName("nope")
            self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT)
            with self.assertRaises(libvirt.libvirtError) as cm:
                root.getParent()
            self.assertEqual(cm.exception.get_error_code(), libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT)

            # Redefinition: the metadata comes back from its own XML.
            xml = gc.getXMLDesc()
            gc.delete(libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY)
            self.assertEqual(dom.snapshotCurrent().getName(), "c2")
            again = dom.snapshotCreateXML(xml, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                          libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)
            self.assertEqual(again.getParent().getName(), "c2")
            self.assertEqual(again.isCurrent(), 1)

            # --children-only keeps the root, which becomes current.
            root.delete(libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)
            self.assertEqual(dom.snapshotListNames(), ["root"])
            self.assertEqual(dom.snapshotCurrent().getName(), "root")
            root.delete()
            self.assertEqual(dom.snapshotNum(), 0)
        finally:
            conn.close()


if __name__ == "__main__":
    harness.main()
