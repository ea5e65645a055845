#!/usr/bin/python3
"""What happens when a guest stops on its own, seen through `virsh event
--all --loop` as it happens: on_poweroff='restart' starts the guest again,
a QEMU killed from outside leaves the guest "shut off (crashed)" with a
"Stopped Failed" event and its log kept, and pause/resume events arrive
while the loop runs. A guest panic (the tiny guest writes to its pvpanic
port when its command line says virtd.panic) follows on_crash: preserve,
restart in the same QEMU, coredump-destroy; a guest reboot follows
on_reboot='destroy'."""

import glob
import os
import signal
import subprocess
import threading

import harness


class EventLoop:
    """`virsh event --all --loop` in the background, its lines collected."""

    def __init__(self, uri):
        env = dict(os.environ, LC_ALL="C")
        self.proc = subprocess.Popen([harness.VIRSH, "-c", uri, "event", "--all", "--loop"],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, env=env, start_new_session=True)
        self.lines = []
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def seen(self, text):
        with self.lock:
            return [l for l in self.lines if text in l]

    def wait(self, text, timeout=60):
        return harness.wait_for(lambda: self.seen(text), timeout, 0.1)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(10)
        self.reader.join(5)


class LifecycleActionsTest(harness.GuestTestCase):

    def setUp(self):
        super().setUp()
        self.events = EventLoop(self.daemon.uri)
        # virsh prints nothing once registered: (re)defining a throwaway
        # domain until its event shows up proves the loop is listening.
        probe = self.track("probe")
        path = self.daemon.write_domain(probe)
        self.assertTrue(harness.wait_for(
            lambda: self.virsh("define", path) and
            self.events.seen("for domain '%s': Defined" % probe), 20, 0.5),
            "virsh event --loop never reported anything")

    def tearDown(self):
        self.events.stop()
        super().tearDown()

    def expect(self, name, what, timeout=60):
        text = "event 'lifecycle' for domain '%s': %s" % (name, what)
        self.assertTrue(self.events.wait(text, timeout),
                        "no '%s' event; saw:\n%s" % (text, "\n".join(self.events.lines)))

    def test_poweroff_restart(self):
        d = self.daemon
        name = "act-restart"
        self.boot(name, on_poweroff="restart")
        self.expect(name, "Started Booted")
        pid = d.status_pid(name)
        self.virsh("shutdown", name)
        self.expect(name, "Shutdown Finished")
        self.expect(name, "Stopped Shutdown")
        # ...and it comes back by itself, as a new QEMU.
        self.assertTrue(harness.wait_for(
            lambda: len(self.events.seen("for domain '%s': Started Booted" % name)) == 2, 60),
            "\n".join(self.events.lines))
        self.assertEqual(self.domstate(name), "running (booted)")
        self.assertNotEqual(d.status_pid(name), pid)
        self.assertFalse(harness.pid_alive(pid))

    def test_killed_qemu_is_a_crash(self):
        d = self.daemon
        name = "act-crash"
        self.boot(name)
        pid = d.status_pid(name)
        self.virsh("suspend", name)
        self.expect(name, "Suspended Paused")
        self.virsh("resume", name)
        self.expect(name, "Resumed Unpaused")
        os.kill(pid, signal.SIGKILL)
        self.expect(name, "Stopped Failed")
        self.wait_state(name, "shut off (crashed)", 30)
        # The guest's log is kept for the post-mortem.
        log = harness.read_text(d.guest_log_path(name))
        self.assertIn("qemu-system-x86_64", log)
        # It starts again normally.
        self.virsh("start", name)
        self.expect(name, "Started Booted")
        self.assertEqual(self.domstate(name), "running (booted)")

    def test_reboot_is_clean(self):
        # virsh reboot asks the guest to shut down (ACPI), and its shutdown
        # becomes a reset in the same QEMU: the guest powers off cleanly and
        # boots again, as with libvirt.
        d = self.daemon
        name = "act-reboot"
        serial = self.boot(name)
        pid = d.status_pid(name)
        self.virsh("reboot", name)
        self.wait_serial(serial, harness.MARK_OFF)
        self.assertTrue(harness.wait_for(
            lambda: harness.read_text(serial).count(harness.MARK_READY) == 2, 90, 0.2),
            harness.read_text(serial)[-1500:])
        self.expect(name, "Shutdown Finished")
        self.expect(name, "Resumed Unpaused")
        self.assertTrue(self.events.wait("event 'reboot' for domain '%s'" % name, 10),
                        "\n".join(self.events.lines))
        self.assertEqual(d.status_pid(name), pid)
        self.assertEqual(self.domstate(name), "running (booted)")
        self.assertFalse(self.events.seen("for domain '%s': Stopped" % name))
        # A shutdown afterwards is a shutdown.
        self.virsh("shutdown", name)
        self.expect(name, "Stopped Shutdown")

    PANIC = "<panic model='isa'/>"

    def boot_crashing(self, name, on_crash):
        return self.boot(name, on_crash=on_crash, extra_devices=self.PANIC,
                         cmdline=harness.GUEST_CMDLINE + " virtd.panic")

    def test_crash_preserve(self):
        d = self.daemon
        name = "act-preserve"
        self.boot_crashing(name, "preserve")
        pid = d.status_pid(name)
        self.expect(name, "Crashed Panicked")
        self.wait_state(name, "crashed (panicked)", 30)
        # QEMU is kept, paused, for inspection; the pause is no "Suspended".
        self.assertTrue(harness.pid_alive(pid))
        self.assertFalse(self.events.seen("for domain '%s': Suspended" % name))
        self.assertIn("State:          crashed", self.out("dominfo", name))
        # ...and survives a daemon restart as it is.
        d.restart()
        self.assertEqual(self.domstate(name), "crashed (panicked)")
        self.virsh("destroy", name)
        self.assertEqual(self.domstate(name), "shut off (destroyed)")
        self.assertPidGone(pid)

    def test_crash_restart(self):
        d = self.daemon
        name = "act-crash-restart"
        serial = self.boot_crashing(name, "restart")
        pid = d.status_pid(name)
        self.expect(name, "Crashed Panicked")
        self.expect(name, "Resumed Unpaused")
        # Reset in the same QEMU: the guest boots again, and panics again.
        self.assertTrue(harness.wait_for(
            lambda: read_count(serial, "VIRTD-GUEST-PANIC") >= 2, 90, 0.2),
            harness.read_text(serial)[-1500:])
        self.assertTrue(harness.wait_for(
            lambda: len(self.events.seen("for domain '%s': Crashed Panicked" % name)) >= 2,
            30), "\n".join(self.events.lines))
        self.assertEqual(d.status_pid(name), pid)
        self.assertIn(self.domstate(name), ("running (crashed)", "crashed (panicked)"))
        self.assertFalse(self.events.seen("for domain '%s': Stopped" % name))
        self.virsh("destroy", name)

    def test_crash_coredump_destroy(self):
        d = self.daemon
        name = "act-coredump"
        self.boot_crashing(name, "coredump-destroy")
        self.expect(name, "Crashed Panicked")
        self.expect(name, "Stopped Crashed")
        self.assertEqual(self.domstate(name), "shut off (crashed)")
        # Its QEMU is gone (it may have been so before its pid could be read).
        mine = lambda: [p for p in d.qemu_pids_by_scan()  # noqa: E731
                        if "guest=%s," % name in " ".join(harness.proc_cmdline(p) or [])]
        self.assertTrue(harness.wait_for(lambda: not mine(), 15), mine())
        # The memory went to auto_dump_path as NAME-TIME, an ELF core file.
        dumps = glob.glob(d.path("var/lib/libvirt/qemu/dump", name + "-*"))
        self.assertEqual(len(dumps), 1, dumps)
        with open(dumps[0], "rb") as f:
            self.assertEqual(f.read(4), b"\x7fELF")
        self.assertGreater(os.path.getsize(dumps[0]), 64 << 20)
        os.unlink(dumps[0])

    def test_reboot_destroy(self):
        d = self.daemon
        name = "act-reboot-destroy"
        serial = self.daemon.serial_log(name)
        os.makedirs(os.path.dirname(serial), exist_ok=True)
        self.define(name, kernel=self.kernel, initrd=self.initrd, serial_log=serial,
                    on_reboot="destroy", cmdline=harness.GUEST_CMDLINE + " virtd.reboot")
        self.virsh("start", name)
        pid = d.status_pid(name)
        self.wait_serial(serial, "VIRTD-GUEST-REBOOT")
        self.expect(name, "Stopped Shutdown")
        self.assertEqual(self.domstate(name), "shut off (shutdown)")
        self.assertPidGone(pid)
        self.assertEqual(len(self.events.seen("for domain '%s': Started" % name)), 1)


def read_count(path, text):
    return harness.read_text(path).count(text)


if __name__ == "__main__":
    harness.main()
