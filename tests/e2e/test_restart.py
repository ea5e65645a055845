#!/usr/bin/python3
"""Daemon restarts: SIGTERM leaves guests running, a new daemon on the same
root reconnects to them, and persistent definitions survive."""

import os
import signal

import harness


class RestartTest(harness.DaemonTestCase):

    def test_pid_file(self):
        d = self.daemon
        pidfile = d.path("run", "virtqemud.pid")
        self.assertTrue(harness.wait_for(lambda: os.path.exists(pidfile), 5), pidfile)
        self.assertEqual(harness.read_text(pidfile).strip(), str(d.proc.pid))

    def test_sigterm_exits_cleanly(self):
        d = self.daemon
        self.assertEqual(d.stop(), 0, "virtqemud did not exit 0 on SIGTERM\n" + d.log_tail())
        self.assertFalse(os.path.exists(d.path("run", "virtqemud.pid")),
                         "pid file left behind after a clean exit")
        d.start()
        self.assertEqual(self.out("list").splitlines()[0].split(), ["Id", "Name", "State"])

    def test_persistent_definition_survives(self):
        name = "rs-persist"
        self.define(name)
        uid = self.out("domuuid", name).strip()
        self.virsh("autostart", name)
        self.daemon.restart()
        self.assertEqual(self.out("domuuid", name).strip(), uid)
        self.assertEqual(self.domstate(name, reason=False), "shut off")
        self.assertEqual(harness.parse_kv(self.out("dominfo", name))["Autostart"], "enable")
        self.virsh("autostart", "--disable", name)

    def test_running_guest_survives_restart(self):
        name = "rs-running"
        d = self.daemon
        self.define(name)
        self.virsh("start", name)
        did = self.out("domid", name).strip()
        pid = d.status_pid(name)
        self.assertIsNotNone(pid)

        self.assertEqual(d.stop(), 0, d.log_tail())
        self.assertTrue(harness.pid_alive(pid), "QEMU died with the daemon")
        self.assertTrue(os.path.exists(d.status_path(name)), "status file removed on SIGTERM")

        d.start()
        self.assertEqual(self.out("list"), harness.virsh_table([(did, name, "running")]))
        self.assertEqual(self.out("domid", name).strip(), did)
        self.assertEqual(self.domstate(name, reason=False), "running")
        self.assertEqual(d.status_pid(name), pid)

        # the reconnected monitor works
        self.virsh("suspend", name)
        self.assertEqual(self.domstate(name), "paused (user)")
        self.virsh("resume", name)
        self.assertEqual(self.domstate(name, reason=False), "running")

        # a new domain does not reuse the id
        other = "rs-other"
        self.define(other)
        self.virsh("start", other)
        self.assertNotEqual(self.out("domid", other).strip(), did)

        self.assertEqual(self.out("destroy", name), "Domain '%s' destroyed\n\n" % name)
        self.assertPidGone(pid)
        self.assertEqual(self.domstate(name), "shut off (destroyed)")

    def test_transient_guest_survives_restart(self):
        name = self.track("rs-transient")
        d = self.daemon
        self.virsh("create", d.write_domain(name))
        pid = d.status_pid(name)
        d.restart()
        self.assertEqual(harness.parse_kv(self.out("dominfo", name))["Persistent"], "no")
        self.assertEqual(self.domstate(name, reason=False), "running")
        self.virsh("destroy", name)
        if pid:
            self.assertPidGone(pid)
        self.assertNotIn(name, self.out("list", "--all", "--name"))

    def test_guest_killed_while_daemon_down(self):
        name = "rs-killed"
        d = self.daemon
        self.define(name)
        self.virsh("start", name)
        pid = d.status_pid(name)
        self.assertIsNotNone(pid)
        d.stop()
        os.kill(pid, signal.SIGKILL)
        self.assertPidGone(pid)
        d.start()
        state = self.domstate(name, reason=False)
        self.assertEqual(state, "shut off")
        self.assertFalse(os.path.exists(d.status_path(name)))
        self.virsh("start", name)
        self.assertEqual(self.domstate(name, reason=False), "running")

    def test_guest_shutdown_after_restart(self):
        # After a restart the ACPI shutdown path still works end to end.
        kernel, initrd = harness.guest_images()
        name = "rs-boot"
        d = self.daemon
        serial = d.serial_log(name)
        os.makedirs(os.path.dirname(serial), exist_ok=True)
        self.define(name, kernel=kernel, initrd=initrd, serial_log=serial)
        self.virsh("start", name)
        pid = d.status_pid(name)
        d.restart()
        if not harness.wait_for(lambda: harness.MARK_READY in harness.read_text(serial), 60, 0.2):
            self.fail("guest did not boot:\n" + harness.read_text(serial))
        self.virsh("shutdown", name)
        self.wait_state(name, "shut off (shutdown)", 60)
        if pid:
            self.assertPidGone(pid)


if __name__ == "__main__":
    harness.main()
