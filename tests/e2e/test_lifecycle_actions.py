#!/usr/bin/python3
"""What happens when a guest stops on its own, seen through `virsh event
--all --loop` as it happens: on_poweroff='restart' starts the guest again,
a QEMU killed from outside leaves the guest "shut off (crashed)" with a
"Stopped Failed" event and its log kept, and pause/resume events arrive
while the loop runs."""

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


if __name__ == "__main__":
    harness.main()
