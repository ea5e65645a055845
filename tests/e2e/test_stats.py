#!/usr/bin/python3
"""Memory, vCPU counts and statistics of a real booted guest with a
balloon and a virtio disk: setmem (live through the balloon, and config),
setmaxmem, vcpucount/setvcpus --config, dommemstat (the guest's own
figures once its balloon driver reports), domblkstat, domstats, and the
errors for impossible requests."""

import subprocess

import harness


class StatsTest(harness.GuestTestCase):

    def boot(self, name):
        """The tiny guest with a virtio qcow2 disk and a reporting balloon;
        returns the disk's path."""
        disk = self.daemon.path(name + ".qcow2")
        subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", disk, "16M"], check=True)
        devices = ("<disk type='file' device='disk'>\n"
                   "  <driver name='qemu' type='qcow2'/>\n"
                   "  <source file='%s'/>\n"
                   "  <target dev='vda' bus='virtio'/>\n"
                   "</disk>\n"
                   "<memballoon model='virtio'>\n"
                   "  <stats period='1'/>\n"
                   "</memballoon>\n" % disk)
        super().boot(name, extra_devices=devices)
        return disk

    def memstat(self, name):
        return dict(l.split() for l in self.out("dommemstat", name).splitlines() if l.strip())

    def test_memory(self):
        name = "st-mem"
        self.boot(name)
        stats = self.memstat(name)
        self.assertEqual(stats["actual"], "131072")
        self.assertGreater(int(stats["rss"]), 0)
        # The guest's balloon driver reports every second (<stats period='1'/>).
        self.assertTrue(harness.wait_for(lambda: "available" in self.memstat(name), 30, 0.5),
                        self.memstat(name))

        self.virsh("setmem", name, "100M", "--live")
        self.assertEqual(harness.parse_kv(self.out("dominfo", name))["Used memory"],
                         "102400 KiB")
        self.assertTrue(harness.wait_for(lambda: self.memstat(name)["actual"] == "102400",
                                         30, 0.5), self.memstat(name))
        rc, out, err = self.virsh("setmem", name, "1G", "--live", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("cannot set memory higher than max memory", err)

        self.virsh("setmem", name, "64M", "--config")
        inactive = self.out("dumpxml", "--inactive", name)
        self.assertIn("<currentMemory unit='KiB'>65536</currentMemory>", inactive)
        rc, out, err = self.virsh("setmaxmem", name, "256M", "--live", check=False)
        self.assertNotEqual(rc, 0)
        self.virsh("setmaxmem", name, "256M", "--config")
        self.assertIn("<memory unit='KiB'>262144</memory>", self.out("dumpxml", "--inactive", name))
        # The running guest is untouched by config changes.
        self.assertIn("<memory unit='KiB'>131072</memory>", self.out("dumpxml", name))

    def test_vcpus(self):
        name = "st-cpu"
        self.define(name)
        counts = self.out("vcpucount", name)
        self.assertRegex(counts, r"maximum\s+config\s+1")
        self.assertRegex(counts, r"current\s+config\s+1")
        self.virsh("setvcpus", name, "2", "--maximum", "--config")
        self.virsh("setvcpus", name, "2", "--config")
        counts = self.out("vcpucount", name)
        self.assertRegex(counts, r"maximum\s+config\s+2")
        self.assertRegex(counts, r"current\s+config\s+2")
        rc, out, err = self.virsh("setvcpus", name, "3", "--config", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("greater than max allowable vcpus", err)
        self.virsh("start", name)
        self.assertRegex(self.out("vcpucount", name), r"current\s+live\s+2")
        # The guest booted with both: neither can be unplugged.
        rc, out, err = self.virsh("setvcpus", name, "1", "--live", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("can't be hotunplugged", err)

    def test_block_and_domstats(self):
        name = "st-blk"
        disk = self.boot(name)
        # The guest's virtio-blk driver read the disk while probing it.
        blk = dict(l.split()[1:] for l in self.out("domblkstat", name, "vda").splitlines()
                   if l.strip())
        self.assertGreater(int(blk["rd_req"]), 0)
        self.assertGreater(int(blk["rd_bytes"]), 0)
        self.assertIn("wr_req", blk)
        self.assertEqual(self.out("domblkstat", name, disk).split()[1:3],
                         self.out("domblkstat", name, "vda").split()[1:3])
        rc, out, err = self.virsh("domblkstat", name, "vdz", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("invalid path", err)

        stats = self.out("domstats", name)
        for want in ("state.state=1", "balloon.maximum=131072", "vcpu.current=1",
                     "vcpu.maximum=1", "block.count=1", "block.0.name=vda",
                     "block.0.path=%s" % disk, "net.count=0"):
            self.assertIn("  %s\n" % want, stats)
        self.assertRegex(stats, r"block\.0\.rd\.reqs=[1-9]")
        self.assertRegex(stats, r"cpu\.time=[1-9]")

        self.define("st-off")
        listed = self.out("domstats", "--list-active", "--state")
        self.assertIn("Domain: '%s'" % name, listed)
        self.assertNotIn("st-off", listed)
        self.assertIn("Domain: 'st-off'", self.out("domstats", "--list-inactive", "--state"))

        rc, out, err = self.virsh("domifstat", name, "nosuch0", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("is not a known interface", err)


if __name__ == "__main__":
    harness.main()
