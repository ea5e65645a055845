#!/usr/bin/python3
"""Secondary drivers through a hypervisor daemon: a client of virtqemud
uses the secret API and virtqemud relays it to virtsecretd in the same
root (and so does virtproxyd's legacy socket); a missing daemon is named
with its socket; a daemon killed mid-session fails the call in progress
cleanly and the next call after its restart succeeds; and with
autostart_secondary_daemons virtqemud starts it on demand."""

import os
import signal
import subprocess
import tempfile
import time
import unittest

import harness

UUID = "0b6ee5ea-2bb6-4e6a-9b7a-c2d6d5a9c0%02d"
SECRET = ("<secret ephemeral='no' private='no'><uuid>%s</uuid>"
          "<usage type='volume'><volume>/var/lib/routing-%d.img</volume></usage></secret>\n")


class RoutingTest(harness.DaemonTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretd = harness.Daemon(name="virtsecretd", root=cls.daemon.root)
        cls.secretd.start()

    @classmethod
    def tearDownClass(cls):
        cls.secretd.cleanup()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        if not self.secretd.alive():
            self.secretd.start()

    def define_secret(self, n):
        path = os.path.join(self.daemon.root, "secret-%d.xml" % n)
        with open(path, "w") as f:
            f.write(SECRET % (UUID % n, n))
        rc, out, err = self.virsh("secret-define", path)
        self.addCleanup(self.virsh, "secret-undefine", UUID % n, check=False)
        return UUID % n

    def test_secret_api_through_virtqemud(self):
        uuid = self.define_secret(1)
        self.virsh("secret-set-value", uuid, "--base64", "c2VjcmV0")
        self.assertEqual(self.out("secret-get-value", uuid).strip(), "c2VjcmV0")
        self.assertIn(uuid, self.out("secret-list"))
        # The same secret, seen directly on virtsecretd's own socket.
        rc, out, err = self.secretd.virsh("secret-list",
                                          uri="secret:///system?socket=" + self.secretd.sock)
        self.assertIn(uuid, out)

    def test_read_only_client_stays_read_only(self):
        path = os.path.join(self.daemon.root, "ro-secret.xml")
        with open(path, "w") as f:
            f.write(SECRET % (UUID % 9, 9))
        rc, out, err = self.virsh("secret-define", path, ro=True, check=False)
        self.assertEqual(rc, 1)
        self.assertIn("read only access", err)

    def test_missing_daemon_named(self):
        self.secretd.stop()
        rc, out, err = self.virsh("secret-list", check=False)
        self.assertEqual(rc, 1)
        self.assertIn("virtsecretd", err)
        self.assertIn(self.secretd.sock, err)
        self.secretd.start()
        self.assertEqual(self.virsh("secret-list")[0], 0)

    def test_daemon_killed_then_back(self):
        uuid = self.define_secret(2)
        self.virsh("secret-set-value", uuid, "--base64", "dmFsdWU=")
        code = ("import libvirt, os, signal, sys\n"
                "c = libvirt.open(%r)\n"
                "s = c.secretLookupByUUIDString(%r)\n"
                "print(s.value().decode())\n"
                "os.kill(%d, signal.SIGKILL)\n"
                "try:\n"
                "    s.value(); print('no error')\n"
                "except libvirt.libvirtError as e:\n"
                "    print('error:', e)\n"
                "sys.stdout.flush(); input()\n"
                "print(c.secretLookupByUUIDString(%r).value().decode())\n"
                % (self.daemon.uri, uuid, self.secretd.proc.pid, uuid))
        proc = subprocess.Popen(["/usr/bin/python3", "-c", code], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        self.assertEqual(proc.stdout.readline().strip(), "value")
        line = proc.stdout.readline().strip()
        self.assertTrue(line.startswith("error:"), line)
        self.secretd.proc.wait()
        self.secretd.start()
        out, _ = proc.communicate("\n", timeout=60)
        self.assertEqual(out.strip(), "value")

    def test_through_proxy_legacy_socket(self):
        uuid = self.define_secret(3)
        sock = os.path.join(self.daemon.root, "run", "libvirt", "libvirt-sock")
        proxy = subprocess.Popen([harness.daemon_binary("virtproxyd"), "--root",
                                  self.daemon.root], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            self.assertTrue(harness.wait_for(lambda: os.path.exists(sock + "-ro"), 10))
            rc, out, err = self.virsh("secret-list", uri="qemu+unix:///system?socket=" + sock)
            self.assertIn(uuid, out)
        finally:
            proxy.terminate()
            proxy.wait(15)


class RoutingAutostartTest(unittest.TestCase):

    def test_starts_missing_daemon_on_demand(self):
        d = harness.Daemon()
        self.addCleanup(d.cleanup)
        conf = d.path("etc", "libvirt", "virtqemud.conf")
        os.makedirs(os.path.dirname(conf), exist_ok=True)
        with open(conf, "w") as f:
            f.write("autostart_secondary_daemons = 1\n")
        d.start()
        pidfile = d.path("run", "virtsecretd.pid")
        try:
            rc, out, err = d.virsh("secret-list")
            self.assertEqual(rc, 0, err)
            self.assertTrue(os.path.exists(pidfile), "virtsecretd was not started")
        finally:
            if os.path.exists(pidfile):
                pid = int(harness.read_text(pidfile))
                os.kill(pid, signal.SIGTERM)
                harness.wait_for(lambda: not harness.pid_alive(pid), 10)


if __name__ == "__main__":
    harness.main()
