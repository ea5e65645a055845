#!/usr/bin/python3
"""Backing chains of qcow2 images made outside libvirt (qemu-img), as users
bring them: the live XML of a started guest nests one <backingStore> per
image below the disk's source, relative names resolved, each with its
recorded format, down to an empty <backingStore/>; the inactive XML shows
none; the chain survives a daemon restart; a disk attached live gets its
chain too. Chains libvirt refuses are refused with its errors and the
guest stays off: a missing backing file, a backing format the image does
not record (unless the backing image is raw), and a loop."""

import os
import subprocess
import xml.etree.ElementTree as ET

import harness

QEMU_IMG = "/usr/bin/qemu-img"


def qemu_img(*args):
    subprocess.run([QEMU_IMG] + list(args), check=True, capture_output=True, text=True)


def drop_backing_format(path):
    """Makes path's qcow2 header forget its backing format, as images made
    by old qemu-img versions (today's refuses to). The backing format
    header extension gets a type nobody knows, which readers skip."""
    with open(path, "r+b") as f:
        head = bytearray(f.read(4096))
        at = head.find(bytes.fromhex("e2792aca"))
        assert at > 0, "no backing format extension in %s" % path
        head[at:at + 4] = bytes.fromhex("7e57f00d")
        f.seek(0)
        f.write(head)


def disk_xml(path, dev, fmt="qcow2"):
    return ("<disk type='file' device='disk'>\n"
            "  <driver name='qemu' type='%s'/>\n"
            "  <source file='%s'/>\n"
            "  <target dev='%s' bus='virtio'/>\n"
            "</disk>" % (fmt, path, dev))


def chain_of(xml, dev):
    """[(type, format, path), ...] below the disk with target dev, and
    whether the chain ends with an empty <backingStore/>."""
    root = ET.fromstring(xml)
    for disk in root.findall("./devices/disk"):
        if disk.find("target").get("dev") != dev:
            continue
        chain = []
        node = disk.find("backingStore")
        while node is not None and node.find("source") is not None:
            src = node.find("source")
            fmt = node.find("format")
            chain.append((node.get("type"), fmt.get("type") if fmt is not None else None,
                          src.get("file") or src.get("dev")))
            node = node.find("backingStore")
        return chain, node is not None and len(node) == 0 and not node.attrib
    raise AssertionError("no disk %s in\n%s" % (dev, xml))


class BackingChainTest(harness.DaemonTestCase):

    def setUp(self):
        super().setUp()
        if not os.access(QEMU_IMG, os.X_OK):
            self.skipTest("qemu-img not installed")
        self.dir = self.daemon.path("images")
        os.makedirs(self.dir, exist_ok=True)

    def img(self, name):
        return os.path.join(self.dir, name)

    def make_chain(self, prefix):
        """base.raw <- mid.qcow2 (absolute name) <- top.qcow2 (relative name)."""
        base, mid, top = (self.img(prefix + n) for n in ("-base.raw", "-mid.qcow2", "-top.qcow2"))
        qemu_img("create", "-q", "-f", "raw", base, "16M")
        qemu_img("create", "-q", "-f", "qcow2", "-F", "raw", "-b", base, mid)
        qemu_img("create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", os.path.basename(mid), top)
        return base, mid, top

    def define_with(self, name, path, fmt="qcow2"):
        self.define(name, extra_devices=disk_xml(path, "vda", fmt))
        return name

    def test_chain_in_live_xml(self):
        d = self.daemon
        base, mid, top = self.make_chain("c1")
        name = self.define_with("chain-live", top)
        self.virsh("start", name)
        chain, terminated = chain_of(self.out("dumpxml", name), "vda")
        self.assertEqual(chain, [("file", "qcow2", mid), ("file", "raw", base)])
        self.assertTrue(terminated)
        # The definition itself is untouched.
        self.assertNotIn("backingStore", self.out("dumpxml", "--inactive", name))
        # The running guest keeps its chain over a daemon restart.
        d.restart()
        self.assertEqual(chain_of(self.out("dumpxml", name), "vda"), (chain, True))
        self.virsh("destroy", name)
        self.assertNotIn("backingStore", self.out("dumpxml", name))

    def test_disk_attached_live_gets_its_chain(self):
        base, mid, top = self.make_chain("c2")
        name = "chain-hotplug"
        self.define(name)
        self.virsh("start", name)
        xml = self.daemon.write_xml("c2-disk", disk_xml(top, "vdb"))
        self.virsh("attach-device", name, xml, "--live")
        self.assertEqual(chain_of(self.out("dumpxml", name), "vdb"),
                         ([("file", "qcow2", mid), ("file", "raw", base)], True))
        self.virsh("destroy", name)

    def test_unrecorded_raw_backing_is_accepted(self):
        base = self.img("c3-base.raw")
        top = self.img("c3-top.qcow2")
        qemu_img("create", "-q", "-f", "raw", base, "16M")
        qemu_img("create", "-q", "-f", "qcow2", "-F", "raw", "-b", base, top)
        drop_backing_format(top)
        name = self.define_with("chain-noformat-raw", top)
        self.virsh("start", name)
        self.assertEqual(chain_of(self.out("dumpxml", name), "vda"),
                         ([("file", "raw", base)], True))
        self.virsh("destroy", name)

    def assertRefused(self, name, *needles):
        res = self.virsh("start", name, check=False)
        self.assertVirshError(res, *needles)
        self.assertEqual(self.domstate(name, reason=False), "shut off")

    def test_unrecorded_qcow2_backing_is_refused(self):
        base = self.img("c4-base.qcow2")
        top = self.img("c4-top.qcow2")
        qemu_img("create", "-q", "-f", "qcow2", base, "16M")
        qemu_img("create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", base, top)
        drop_backing_format(top)
        name = self.define_with("chain-noformat", top)
        self.assertRefused(name, "Requested operation is not valid: format of backing image '%s' "
                           "of image '%s' was not specified in the image metadata" % (base, top),
                           "backing_chains.html")

    def test_missing_backing_file(self):
        base, mid, top = self.make_chain("c5")
        os.unlink(mid)
        name = self.define_with("chain-missing", top)
        self.assertRefused(name, "Cannot access backing file '%s' of storage file '%s'" % (mid, top),
                           "No such file or directory")

    def test_loop(self):
        a = self.img("c6-a.qcow2")
        b = self.img("c6-b.qcow2")
        qemu_img("create", "-q", "-f", "qcow2", a, "16M")
        qemu_img("create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", a, b)
        qemu_img("rebase", "-q", "-u", "-F", "qcow2", "-b", b, a)
        name = self.define_with("chain-loop", b)
        self.assertRefused(name, "self-referential")

    def test_raw_disk_is_not_probed(self):
        # A raw disk whose content looks like a qcow2 with a backing file:
        # declared raw, it is raw, and no chain is read from it.
        base, mid, top = self.make_chain("c7")
        name = self.define_with("chain-raw", top, fmt="raw")
        self.virsh("start", name)
        self.assertEqual(chain_of(self.out("dumpxml", name), "vda"), ([], False))
        self.virsh("destroy", name)


if __name__ == "__main__":
    harness.main()
