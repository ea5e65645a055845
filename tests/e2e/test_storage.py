"""virtstoraged end to end with Debian's virsh: dir pools in the scratch
root, fs, disk and logical pools on loop devices this test attaches (and
always detaches), volume transfers through RPC streams, and a daemon
restart that keeps active pools as they are.
"""

import os
import re
import subprocess
import sys
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402

MiB = 1024 * 1024


def run(*cmd, check=True):
    res = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=120)
    if check and res.returncode != 0:
        raise AssertionError("%s failed: %s%s" % (" ".join(map(str, cmd)), res.stdout, res.stderr))
    return res


class StorageTestBase(unittest.TestCase):
    """One virtstoraged per class; loop devices made by the tests."""

    @classmethod
    def setUpClass(cls):
        cls.daemon = harness.Daemon(name="virtstoraged")
        cls.daemon.start()

    @classmethod
    def tearDownClass(cls):
        cls.daemon.cleanup()

    def virsh(self, *args, check=True):
        rc, out, err = self.daemon.virsh(*args, check=check)
        return types.SimpleNamespace(returncode=rc, stdout=out, stderr=err)

    def kv(self, *args):
        return harness.parse_kv(self.virsh(*args).stdout)

    def loop(self, size_mib=64, partitions=False):
        """A loop device over a sparse file in the root; detached at the end."""
        backing = self.daemon.path("loop-%d.img" % len(os.listdir(self.daemon.root)))
        with open(backing, "wb") as f:
            f.truncate(size_mib * MiB)
        argv = ["losetup", "-f", "--show"] + (["-P"] if partitions else []) + [backing]
        dev = run(*argv).stdout.strip()
        self.addCleanup(run, "losetup", "-d", dev, check=False)
        return dev

    def drop_pool(self, name):
        self.virsh("pool-destroy", name, check=False)
        self.virsh("pool-undefine", name, check=False)


def sparse_file(path, size, chunks):
    """A file of size bytes with data only at the given (offset, bytes)."""
    with open(path, "wb") as f:
        f.truncate(size)
        for off, data in chunks:
            f.seek(off)
            f.write(data)


def allocated(path):
    return os.stat(path).st_blocks * 512


class DirPoolTest(StorageTestBase):

    def setUp(self):
        self.target = self.daemon.path("pools", self.id().rsplit(".", 1)[1])
        self.virsh("pool-define-as", "dirpool", "dir", "--target", self.target)
        self.addCleanup(self.drop_pool, "dirpool")
        self.virsh("pool-build", "dirpool")
        self.virsh("pool-start", "dirpool")

    def test_volumes(self):
        info = self.kv("pool-info", "dirpool")
        self.assertEqual(info["State"], "running")
        self.virsh("vol-create-as", "dirpool", "a.raw", "16M", "--format", "raw")
        self.virsh("vol-create-as", "dirpool", "b.qcow2", "32M", "--format", "qcow2")
        self.virsh("vol-create-as", "dirpool", "c.qcow2", "32M", "--format", "qcow2",
                   "--backing-vol", "b.qcow2", "--backing-vol-format", "qcow2")
        self.virsh("vol-create-as", "dirpool", "m.qcow2", "8M", "--format", "qcow2",
                   "--prealloc-metadata")
        vi = self.kv("vol-info", "--pool", "dirpool", "a.raw")
        self.assertEqual(vi["Capacity"], "16.00 MiB")
        xml = self.virsh("vol-dumpxml", "--pool", "dirpool", "c.qcow2").stdout
        self.assertIn("<format type='qcow2'/>", xml)
        self.assertIn("<backingStore>", xml)
        self.assertIn(os.path.join(self.target, "b.qcow2"), xml)
        self.assertEqual(self.virsh("vol-path", "--pool", "dirpool", "a.raw").stdout.strip(),
                         os.path.join(self.target, "a.raw"))
        listing = self.virsh("vol-list", "dirpool", "--details").stdout
        for name in ("a.raw", "b.qcow2", "c.qcow2", "m.qcow2"):
            self.assertIn(name, listing)

        # The same name twice: an error, the first volume untouched.
        res = self.virsh("vol-create-as", "dirpool", "a.raw", "1M", check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("exists", res.stderr)
        self.assertEqual(os.path.getsize(os.path.join(self.target, "a.raw")), 16 * MiB)

        # Resize: growing is fine, shrinking needs --shrink.
        self.virsh("vol-resize", "--pool", "dirpool", "a.raw", "32M")
        self.assertEqual(self.kv("vol-info", "--pool", "dirpool", "a.raw")["Capacity"],
                         "32.00 MiB")
        res = self.virsh("vol-resize", "--pool", "dirpool", "a.raw", "8M", check=False)
        self.assertNotEqual(res.returncode, 0)
        self.virsh("vol-resize", "--pool", "dirpool", "a.raw", "8M", "--shrink")
        self.assertEqual(os.path.getsize(os.path.join(self.target, "a.raw")), 8 * MiB)

        # A file made behind the daemon's back shows up on refresh.
        open(os.path.join(self.target, "outside.img"), "wb").close()
        self.virsh("pool-refresh", "dirpool")
        self.assertIn("outside.img", self.virsh("vol-list", "dirpool").stdout)

        # Two clients creating the same name at once: one wins, the other
        # gets an error.
        procs = [subprocess.Popen([harness.VIRSH, "-c", self.daemon.uri, "vol-create-as",
                                   "dirpool", "race.raw", "4M"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = sorted(p.wait(60) for p in procs)
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        self.assertEqual(results, [0, 1])

        # Clones and deletion.
        self.virsh("vol-clone", "--pool", "dirpool", "c.qcow2", "d.qcow2")
        self.assertIn("d.qcow2", self.virsh("vol-list", "dirpool").stdout)
        self.virsh("vol-delete", "--pool", "dirpool", "d.qcow2")
        self.assertFalse(os.path.exists(os.path.join(self.target, "d.qcow2")))

    def test_upload_download_sparse(self):
        size = 24 * MiB
        src = self.daemon.path("upload.img")
        head, tail = os.urandom(MiB + 123), os.urandom(4096)
        sparse_file(src, size, [(0, head), (size - len(tail), tail)])
        self.virsh("vol-create-as", "dirpool", "v.raw", str(size) + "b", "--allocation", "0")
        self.virsh("vol-upload", "--pool", "dirpool", "v.raw", src, "--sparse")
        vol = os.path.join(self.target, "v.raw")
        with open(src, "rb") as a, open(vol, "rb") as b:
            self.assertEqual(a.read(), b.read())
        # Holes stayed holes on the way in...
        self.assertLess(allocated(vol), 4 * MiB)
        out = self.daemon.path("download.img")
        self.virsh("vol-download", "--pool", "dirpool", "v.raw", out, "--sparse")
        with open(src, "rb") as a, open(out, "rb") as b:
            self.assertEqual(a.read(), b.read())
        # ...and on the way out.
        self.assertLess(allocated(out), 4 * MiB)
        # A part of the volume, not sparse.
        part = self.daemon.path("part.img")
        self.virsh("vol-download", "--pool", "dirpool", "v.raw", part,
                   "--offset", "1000", "--length", "5000")
        with open(part, "rb") as f:
            self.assertEqual(f.read(), head[1000:6000])
        # Wipe: zeros everywhere.
        self.virsh("vol-wipe", "--pool", "dirpool", "v.raw")
        with open(vol, "rb") as f:
            self.assertEqual(f.read(MiB), bytes(MiB))

    def test_restart_keeps_pool(self):
        self.virsh("vol-create-as", "dirpool", "keep.raw", "4M")
        self.virsh("pool-autostart", "dirpool")
        self.daemon.restart()
        self.assertEqual(self.kv("pool-info", "dirpool")["State"], "running")
        self.assertIn("keep.raw", self.virsh("vol-list", "dirpool").stdout)
        self.assertEqual(self.kv("pool-info", "dirpool")["Autostart"], "yes")

    def test_pool_events(self):
        evs = [subprocess.Popen([harness.VIRSH, "-c", self.daemon.uri, "pool-event", "--event",
                                 kind, "--loop", "--timeout", "4"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
               for kind in ("lifecycle", "refresh")]
        harness.wait_for(lambda: False, 1)      # registered
        other = self.daemon.path("pools", "evpool")
        self.virsh("pool-define-as", "evpool", "dir", "--target", other)
        self.virsh("pool-build", "evpool")
        self.virsh("pool-start", "evpool")
        self.virsh("pool-refresh", "evpool")
        self.virsh("pool-destroy", "evpool")
        self.virsh("pool-undefine", "evpool")
        out = "".join(ev.communicate(timeout=20)[0] for ev in evs)
        for what in ("Defined", "Created", "Started", "Stopped", "Undefined"):
            self.assertIn("event 'lifecycle' for storage pool evpool: %s" % what, out)
        self.assertIn("event 'refresh' for storage pool evpool", out)

    def test_errors(self):
        res = self.virsh("vol-info", "--pool", "dirpool", "nosuch", check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("Storage volume not found", res.stderr)
        res = self.virsh("pool-info", "nosuchpool", check=False)
        self.assertIn("Storage pool not found", res.stderr)
        res = self.virsh("vol-create-as", "dirpool", "bad/name", "1M", check=False)
        self.assertNotEqual(res.returncode, 0)
        bad = self.daemon.write_xml("badpool", "<pool type='dir'><name>x</name></pool>")
        res = self.virsh("pool-define", bad, check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertNotIn(" x ", self.virsh("pool-list", "--all").stdout)


class FsPoolTest(StorageTestBase):

    def test_fs_pool(self):
        dev = self.loop(64)
        target = self.daemon.path("mnt", "fspool")
        self.virsh("pool-define-as", "fspool", "fs", "--source-dev", dev,
                   "--source-format", "ext4", "--target", target)
        self.addCleanup(self.drop_pool, "fspool")
        # A device without a filesystem: --no-overwrite builds one...
        self.virsh("pool-build", "fspool", "--no-overwrite")
        # ...and refuses the second time.
        res = self.virsh("pool-build", "fspool", "--no-overwrite", check=False)
        self.assertNotEqual(res.returncode, 0)
        self.virsh("pool-start", "fspool")
        mounts = run("findmnt", "-n", "-o", "SOURCE", target).stdout.split()
        self.assertEqual(mounts, [dev])
        self.virsh("vol-create-as", "fspool", "f.raw", "8M")
        # No room: a clear error and no half-made file.
        res = self.virsh("vol-create-as", "fspool", "big.raw", "200M", check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertFalse(os.path.exists(os.path.join(target, "big.raw")))
        # A restart neither unmounts nor mounts again.
        self.daemon.restart()
        self.assertEqual(run("findmnt", "-n", "-o", "SOURCE", target).stdout.split(), [dev])
        self.assertIn("f.raw", self.virsh("vol-list", "fspool").stdout)
        self.virsh("pool-destroy", "fspool")
        self.assertEqual(run("findmnt", "-n", target, check=False).stdout, "")


class DiskPoolTest(StorageTestBase):

    def test_partitions(self):
        dev = self.loop(64, partitions=True)
        base = os.path.basename(dev)
        self.virsh("pool-define-as", "diskpool", "disk", "--source-dev", dev,
                   "--source-format", "gpt", "--target", "/dev")
        self.addCleanup(self.drop_pool, "diskpool")
        self.virsh("pool-build", "diskpool", "--overwrite")
        self.virsh("pool-start", "diskpool")
        self.virsh("vol-create-as", "diskpool", base + "p1", "10M")
        self.virsh("vol-create-as", "diskpool", base + "p2", "10M")
        listing = self.virsh("vol-list", "diskpool").stdout
        self.assertIn(base + "p1", listing)
        self.assertIn(base + "p2", listing)
        # A name that is not the next partition's: refused.
        res = self.virsh("vol-create-as", "diskpool", "whatever", "10M", check=False)
        self.assertIn("expected '%sp3'" % base, res.stderr)
        # Deleting partition 1 works (libvirt 9.0 asks parted to remove 'p1').
        self.virsh("vol-delete", "--pool", "diskpool", base + "p1")
        self.assertNotIn(base + "p1", self.virsh("vol-list", "diskpool").stdout)
        parts = run("parted", "-s", "-m", dev, "print").stdout
        self.assertIsNone(re.search(r"^1:", parts, re.M), parts)
        self.assertIsNotNone(re.search(r"^2:", parts, re.M), parts)


class LogicalPoolTest(StorageTestBase):

    def test_volume_group(self):
        if not os.path.exists("/sbin/vgcreate") and not os.path.exists("/usr/sbin/vgcreate"):
            self.skipTest("lvm2 is not installed")
        a, b = self.loop(32), self.loop(32)
        vg = "virtdtest%d" % os.getpid()
        xml = ("<pool type='logical'><name>lvpool</name><source>"
               "<device path='%s'/><device path='%s'/><name>%s</name>"
               "<format type='lvm2'/></source><target><path>/dev/%s</path></target></pool>"
               % (a, b, vg, vg))
        self.virsh("pool-define", self.daemon.write_xml("lvpool", xml))
        self.addCleanup(self.drop_pool, "lvpool")
        self.addCleanup(run, "vgremove", "-f", vg, check=False)
        self.virsh("pool-build", "lvpool")
        self.virsh("pool-start", "lvpool")
        info = self.kv("pool-info", "lvpool")
        self.assertEqual(info["State"], "running")
        self.assertTrue(info["Capacity"].endswith("MiB"), info)
        sources = self.virsh("find-storage-pool-sources", "logical").stdout
        self.assertIn("<name>%s</name>" % vg, sources)
        # No device-mapper here: creating a volume fails with LVM's reason.
        res = self.virsh("vol-create-as", "lvpool", "lv1", "4M", check=False)
        self.assertNotEqual(res.returncode, 0)
        self.virsh("pool-refresh", "lvpool")
        self.virsh("pool-destroy", "lvpool")
        self.virsh("pool-delete", "lvpool")
        self.assertNotEqual(run("vgs", vg, check=False).returncode, 0)


class GuestVolumeTest(StorageTestBase):
    """virtqemud resolves <disk type='volume'> through virtstoraged; the
    guest's initramfs itself is a volume filled with vol-upload."""

    def test_guest_on_volumes(self):
        kernel, initrd = harness.guest_images()     # may skip
        target = self.daemon.path("pools", "guestpool")
        self.virsh("pool-define-as", "guestpool", "dir", "--target", target)
        self.addCleanup(self.drop_pool, "guestpool")
        self.virsh("pool-build", "guestpool")
        self.virsh("pool-start", "guestpool")
        size = os.path.getsize(initrd)
        self.virsh("vol-create-as", "guestpool", "initrd.img", "%db" % size)
        self.virsh("vol-upload", "--pool", "guestpool", "initrd.img", initrd)
        initrd_vol = self.virsh("vol-path", "--pool", "guestpool", "initrd.img").stdout.strip()
        self.virsh("vol-create-as", "guestpool", "data.qcow2", "16M", "--format", "qcow2")

        qemud = harness.Daemon(name="virtqemud", root=self.daemon.root)
        self.addCleanup(qemud.cleanup)
        qemud.start()
        name = "volguest"
        serial = qemud.serial_log(name)
        os.makedirs(os.path.dirname(serial), exist_ok=True)
        path = qemud.write_domain(name, kernel=kernel, initrd=initrd_vol, serial_log=serial,
                                  extra_devices=(
                                      "<disk type='volume' device='disk'>\n"
                                      "  <driver name='qemu' type='qcow2'/>\n"
                                      "  <source pool='guestpool' volume='data.qcow2'/>\n"
                                      "  <target dev='vda' bus='virtio'/>\n"
                                      "</disk>\n"))
        qemud.virsh("define", path)
        qemud.virsh("start", name)
        self.addCleanup(lambda: qemud.virsh("destroy", name, check=False))
        pid = qemud.status_pid(name)
        cmdline = " ".join(harness.proc_cmdline(pid))
        self.assertIn(os.path.join(target, "data.qcow2"), cmdline)
        ok = harness.wait_for(lambda: harness.MARK_UP in (harness.read_text(serial) or ""), 90, 0.5)
        self.assertTrue(ok, harness.read_text(serial))
        # The running guest's disk cannot be deleted under it.
        res = self.virsh("vol-delete", "--pool", "guestpool", "data.qcow2", check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("in use by process", res.stderr)
        self.assertTrue(os.path.exists(os.path.join(target, "data.qcow2")))
        # A volume that does not exist: a clear error, nothing started.
        bad = qemud.write_domain("volbad", extra_devices=(
            "<disk type='volume' device='disk'>\n"
            "  <source pool='guestpool' volume='nosuch'/>\n"
            "  <target dev='vda' bus='virtio'/>\n"
            "</disk>\n"))
        qemud.virsh("define", bad)
        rc, out, err = qemud.virsh("start", "volbad", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("nosuch", err)


if __name__ == "__main__":
    harness.main()
