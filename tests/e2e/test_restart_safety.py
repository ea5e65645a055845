#!/usr/bin/python3
"""Restart safety with real booted guests: virqemud killed with SIGKILL (and
stopped with SIGTERM) while guests run, started again: every guest is still
running, reconnected over QMP (qemu-monitor-command, suspend/resume and an
ACPI shutdown all work), with the same id, state and live XML; definitions
are intact. A guest that powered off while the daemon was down is found
shut off. Also qemu-monitor-command's QMP and HMP forms and its errors."""

import json
import os
import signal
import socket

import harness


class RestartSafetyTest(harness.GuestTestCase):

    # helpers -------------------------------------------------------------
    def snapshot_of(self, name):
        return {"id": self.out("domid", name).strip(),
                "state": self.domstate(name),
                "xml": self.out("dumpxml", name),
                "pid": self.daemon.status_pid(name)}

    def kill_daemon(self, sig):
        d = self.daemon
        os.kill(d.proc.pid, sig)
        d.proc.wait(30)

    def qmp(self, name, command):
        rc, out, err = self.virsh("qemu-monitor-command", name, json.dumps(command))
        return json.loads(out)

    # tests ---------------------------------------------------------------
    def test_sigkill_and_sigterm_keep_running_guests(self):
        d = self.daemon
        guests = ["safe-a", "safe-b"]
        serials = {g: self.boot(g) for g in guests}
        for g in guests:
            self.wait_serial(serials[g], harness.MARK_READY)
        self.define("safe-off")
        before = {g: self.snapshot_of(g) for g in guests}
        off_xml = self.out("dumpxml", "safe-off")

        for sig in (signal.SIGKILL, signal.SIGTERM):
            with self.subTest(signal=sig.name):
                self.kill_daemon(sig)
                for g in guests:
                    self.assertTrue(harness.pid_alive(before[g]["pid"]),
                                    "%s's QEMU died with the daemon (%s)" % (g, sig.name))
                d.start()
                for g in guests:
                    self.assertEqual(self.snapshot_of(g), before[g])
                self.assertEqual(self.out("dumpxml", "safe-off"), off_xml)
                self.assertEqual(self.domstate("safe-off", reason=False), "shut off")
                # The monitor is ours again.
                for g in guests:
                    self.assertEqual(self.qmp(g, {"execute": "query-status"})["return"]["status"],
                                     "running")

        # Reconnected guests still obey: pause/resume, then an ACPI shutdown
        # that the guest itself carries out.
        self.virsh("suspend", "safe-a")
        self.assertEqual(self.domstate("safe-a"), "paused (user)")
        self.virsh("resume", "safe-a")
        self.assertEqual(self.domstate("safe-a"), "running (unpaused)")
        self.virsh("shutdown", "safe-b")
        self.wait_state("safe-b", "shut off (shutdown)", 60)
        self.assertIn(harness.MARK_OFF, harness.read_text(serials["safe-b"]))
        self.assertFalse(harness.pid_alive(before["safe-b"]["pid"]))

    def test_guest_powered_off_while_daemon_down(self):
        d = self.daemon
        name = "safe-poweroff"
        serial = self.boot(name)
        self.wait_serial(serial, harness.MARK_READY)
        did = self.out("domid", name).strip()
        pid = d.status_pid(name)
        self.kill_daemon(signal.SIGKILL)

        # With the daemon gone, press the power button through QEMU's own
        # monitor socket: the guest powers off and QEMU waits (-no-shutdown).
        mon = d.path("var", "lib", "libvirt", "qemu", "domain-%s-%s" % (did, name[:20]),
                     "monitor.sock")
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(30)
        s.connect(mon)
        f = s.makefile("rwb", buffering=0)
        f.readline()
        for cmd in ("qmp_capabilities", "system_powerdown"):
            f.write(json.dumps({"execute": cmd}).encode() + b"\n")
            while "return" not in json.loads(f.readline()):
                pass
        self.wait_serial(serial, harness.MARK_OFF, 60)
        f.close()
        s.close()
        self.assertTrue(harness.pid_alive(pid), "QEMU should wait with -no-shutdown")

        d.start()
        self.wait_state(name, "shut off (shutdown)", 30)
        self.assertTrue(harness.wait_for(lambda: not harness.pid_alive(pid), 15))
        self.assertFalse(os.path.exists(d.status_path(name)))

    def test_monitor_command(self):
        name = "safe-monitor"
        self.define(name)
        rc, out, err = self.virsh("qemu-monitor-command", name, '{"execute":"query-status"}',
                                  check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("domain is not running", err)
        self.virsh("start", name)

        reply = self.qmp(name, {"execute": "query-status"})
        self.assertEqual(reply["return"]["status"], "running")
        self.assertTrue(reply["id"].startswith("libvirt-"))
        pretty = self.out("qemu-monitor-command", name, "--pretty",
                          '{"execute":"query-status"}')
        self.assertIn('\n  "return": {', pretty)
        # A QMP error is QEMU's answer, not a failed call.
        reply = self.qmp(name, {"execute": "no-such-command"})
        self.assertEqual(reply["error"]["class"], "CommandNotFound")
        self.assertIn("VM status: running", self.out("qemu-monitor-command", name, "--hmp",
                                                      "info status"))
        # Bad text and read-only connections change nothing.
        # (virsh turns words into a QMP command itself; the library does not.)
        import sys
        sys.path.insert(0, "/usr/lib/python3/dist-packages")
        import libvirt
        import libvirt_qemu
        conn = libvirt.open(self.daemon.uri)
        try:
            dom = conn.lookupByName(name)
            with self.assertRaises(libvirt.libvirtError) as cm:
                libvirt_qemu.qemuMonitorCommand(dom, "not json", 0)
            self.assertIn("cannot parse json", str(cm.exception))
            self.assertIn("VM status: running", libvirt_qemu.qemuMonitorCommand(
                dom, "info status", libvirt_qemu.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP))
        finally:
            conn.close()
        rc, out, err = self.virsh("qemu-monitor-command", name, '{"execute":"stop"}',
                                  check=False, ro=True)
        self.assertNotEqual(rc, 0)
        self.assertEqual(self.domstate(name), "running (booted)")


if __name__ == "__main__":
    harness.main()
