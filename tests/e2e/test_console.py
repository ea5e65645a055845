#!/usr/bin/python3
"""virsh console on a real guest, through a pty as a user would run it: the
guest's boot output arrives, a typed line comes back from the guest, Ctrl-]
ends the session; one console at a time unless --force takes over; the
session ends when the guest stops; and the errors for a guest that is not
running or a serial that is not a pty."""

import os
import pty
import select
import signal
import time

import harness

BOOT_TIMEOUT = 90
PTY_DEVICES = """<serial type='pty'>
  <target port='0'/>
</serial>
<console type='pty'>
  <target type='serial' port='0'/>
</console>
"""


class Console:
    """`virsh console NAME [args]` on a pty of its own."""

    def __init__(self, uri, name, *args):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execv(harness.VIRSH, [harness.VIRSH, "-c", uri, "console", name] + list(args))
        self.out = b""
        self.status = None

    def read_until(self, text, timeout):
        end = time.monotonic() + timeout
        want = text.encode()
        while want not in self.out and time.monotonic() < end:
            r, _, _ = select.select([self.fd], [], [], 0.2)
            if r:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                self.out += data
        return want in self.out

    def send(self, text):
        os.write(self.fd, text.encode())

    def type_line(self, line, timeout=30):
        """Types line until the guest echoes it: virsh discards what is
        typed before it switched the terminal to raw mode."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.send(line + "\r")
            if self.read_until("VIRTD-GUEST-ECHO " + line, 2):
                return True
        return False

    def wait_exit(self, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read_until("\0never\0", 0.2)   # keep draining
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        return None

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        os.close(self.fd)


class ConsoleTest(harness.GuestTestCase):

    def setUp(self):
        super().setUp()
        self.consoles = []

    def tearDown(self):
        for c in self.consoles:
            c.close()
        super().tearDown()

    def console(self, name, *args):
        c = Console(self.daemon.uri, name, *args)
        self.consoles.append(c)
        return c

    def define_pty_guest(self, name):
        self.define(name, kernel=self.kernel, initrd=self.initrd,
                    extra_devices=PTY_DEVICES)

    def test_interactive_session(self):
        name = "con-a"
        self.define_pty_guest(name)
        self.virsh("start", name)
        c = self.console(name)
        self.assertTrue(c.read_until("Escape character is ^]", 20), c.out)
        self.assertTrue(c.read_until(harness.MARK_READY, BOOT_TIMEOUT), c.out[-2000:])
        self.assertTrue(c.type_line("hello console"), c.out[-2000:])

        # One console at a time...
        other = self.console(name)
        self.assertIsNotNone(other.wait_exit(20))
        self.assertNotEqual(other.status, 0)
        self.assertIn(b"Active console session exists for this domain", other.out)

        # ...Ctrl-] ends it, and a new one works.
        c.send("\x1d")
        self.assertEqual(c.wait_exit(20), 0, c.out[-2000:])
        c2 = self.console(name)
        self.assertTrue(c2.read_until("Escape character is ^]", 20), c2.out)
        self.assertTrue(c2.type_line("again"), c2.out[-2000:])

        # --force takes the console over: the old session ends.
        c3 = self.console(name, "--force")
        self.assertTrue(c3.read_until("Escape character is ^]", 20), c3.out)
        self.assertIsNotNone(c2.wait_exit(20), "the forced-out console kept running")
        self.assertTrue(c3.type_line("third"), c3.out[-2000:])

        # The session ends when the guest stops.
        self.virsh("destroy", name)
        self.assertIsNotNone(c3.wait_exit(20), "console still open after destroy")
        self.assertTrue(self.daemon.alive())

    def test_errors(self):
        name = "con-err"
        self.define_pty_guest(name)
        c = self.console(name)
        self.assertIsNotNone(c.wait_exit(20))
        self.assertNotEqual(c.status, 0)
        self.assertIn(b"domain is not running", c.out)

        # A serial port that writes to a file has no console to join.
        fname = "con-file"
        d = self.daemon
        serial = d.serial_log(fname)
        os.makedirs(os.path.dirname(serial), exist_ok=True)
        self.define(fname, serial_log=serial)
        self.virsh("start", fname)
        c = self.console(fname)
        self.assertIsNotNone(c.wait_exit(20))
        self.assertNotEqual(c.status, 0)
        self.assertIn(b"is not using a PTY", c.out)
        self.assertEqual(self.domstate(fname), "running (booted)")


if __name__ == "__main__":
    harness.main()
