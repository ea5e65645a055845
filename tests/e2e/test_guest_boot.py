#!/usr/bin/python3
"""Real guests: the tiny guest boots under TCG and shuts down cleanly on
`virsh shutdown` (ACPI power button); a type='kvm' domain runs QEMU with KVM."""

import os
import time
import xml.etree.ElementTree as ET

import harness

BOOT_TIMEOUT = 60
SHUTDOWN_TIMEOUT = 60


class GuestBootTest(harness.DaemonTestCase):

    @classmethod
    def setUpClass(cls):
        cls.kernel, cls.initrd = harness.guest_images()  # may skip
        super().setUpClass()

    def wait_serial(self, path, marker, timeout):
        if not harness.wait_for(lambda: marker in harness.read_text(path), timeout, 0.2):
            self.fail("no %s in %s within %ss\n--- serial ---\n%s\n--- guest log ---\n%s\n%s"
                      % (marker, path, timeout, harness.read_text(path)[-2000:],
                         harness.read_text(self.daemon.guest_log_path(self.current))[-2000:],
                         self.daemon.log_tail()))

    def define_guest(self, name, **kw):
        d = self.daemon
        serial = d.serial_log(name)
        os.makedirs(os.path.dirname(serial), exist_ok=True)
        self.current = name
        self.define(name, kernel=self.kernel, initrd=self.initrd, serial_log=serial, **kw)
        return serial

    def test_boot_and_shutdown(self):
        name = "boot-tcg"
        d = self.daemon
        serial = self.define_guest(name)
        self.assertEqual(self.out("start", name), "Domain '%s' started\n\n" % name)
        pid = d.status_pid(name)
        self.assertIsNotNone(pid, "no pid in the status file")
        argv = harness.proc_cmdline(pid)
        self.assertTrue(any("accel=tcg" in a for a in argv) or
                        any(a == "tcg" and p == "-accel" for p, a in zip(argv, argv[1:])),
                        "QEMU not started with TCG: %r" % argv)

        t0 = time.monotonic()
        self.wait_serial(serial, harness.MARK_UP, BOOT_TIMEOUT)
        harness.log("guest marker %.1fs after start" % (time.monotonic() - t0))
        self.wait_serial(serial, harness.MARK_READY, 10)
        self.assertEqual(self.domstate(name), "running (booted)")
        self.assertTrue(os.path.exists(d.guest_log_path(name)))

        self.assertEqual(self.out("shutdown", name),
                         "Domain '%s' is being shutdown\n\n" % name)
        t1 = time.monotonic()
        self.wait_state(name, "shut off (shutdown)", SHUTDOWN_TIMEOUT)
        harness.log("shut off %.1fs after virsh shutdown" % (time.monotonic() - t1))
        self.assertIn(harness.MARK_OFF, harness.read_text(serial))
        self.assertPidGone(pid)
        self.assertFalse(os.path.exists(d.status_path(name)))
        self.assertEqual(harness.parse_kv(self.out("dominfo", name))["State"], "shut off")
        self.assertEqual(self.out("domid", name), "-\n\n")

    def test_boot_transient_then_shutdown_removes_it(self):
        name = self.track("boot-transient")
        d = self.daemon
        serial = d.serial_log(name)
        os.makedirs(os.path.dirname(serial), exist_ok=True)
        self.current = name
        path = d.write_domain(name, kernel=self.kernel, initrd=self.initrd, serial_log=serial)
        self.virsh("create", path)
        self.wait_serial(serial, harness.MARK_READY, BOOT_TIMEOUT)
        self.virsh("shutdown", name)
        gone = harness.wait_for(
            lambda: self.virsh("domstate", name, check=False)[0] != 0, SHUTDOWN_TIMEOUT, 0.25)
        self.assertTrue(gone, "transient domain still present after guest poweroff")
        self.assertNotIn(name, self.out("list", "--all", "--name"))

    def test_live_xml_has_kernel(self):
        name = "boot-xml"
        serial = self.define_guest(name)
        self.virsh("start", name)
        root = ET.fromstring(self.out("dumpxml", name))
        self.assertEqual(root.findtext("os/kernel"), self.kernel)
        self.assertEqual(root.findtext("os/initrd"), self.initrd)
        self.assertEqual(root.findtext("os/cmdline"), harness.GUEST_CMDLINE)
        ser = root.find("devices/serial")
        self.assertIsNotNone(ser)
        self.assertEqual(ser.get("type"), "file")
        self.assertEqual(ser.find("source").get("path"), serial)
        self.virsh("destroy", name)


class KvmTest(harness.DaemonTestCase):

    @classmethod
    def setUpClass(cls):
        if not harness.kvm_usable():
            raise harness.unittest.SkipTest("/dev/kvm not available")
        super().setUpClass()

    def test_kvm_domain(self):
        name = "kvm-dom"
        d = self.daemon
        self.define(name, dtype="kvm")
        self.assertEqual(self.out("start", name), "Domain '%s' started\n\n" % name)
        pid = d.status_pid(name)
        self.assertIsNotNone(pid, "no pid in the status file")
        argv = harness.proc_cmdline(pid)
        joined = " ".join(argv)
        self.assertTrue("accel=kvm" in joined or
                        any(a == "kvm" and p == "-accel" for p, a in zip(argv, argv[1:])),
                        "QEMU not started with KVM: %r" % argv)
        self.assertEqual(self.domstate(name), "running (booted)")
        self.assertEqual(ET.fromstring(self.out("dumpxml", name)).get("type"), "kvm")
        self.virsh("destroy", name)
        self.assertPidGone(pid)
        self.assertEqual(self.domstate(name), "shut off (destroyed)")


if __name__ == "__main__":
    harness.main()
