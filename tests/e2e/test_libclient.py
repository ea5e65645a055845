#!/usr/bin/python3
"""libclient end to end: a program written for libvirt's API compiles
against our headers (flags from our pkg-config file) and against Debian's
libvirt-dev, and both builds drive our daemon the same way; events reach
the default loop; a frozen daemon ends in an error, not a hang; and an
unreachable daemon is named in the error."""

import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import harness

PROGRAM = os.path.join(harness.HERE, "programs", "apiprog.c")


def pkgconfig_flags():
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(harness.BUILD_DIR, "meson-uninstalled"))
    out = subprocess.run(["pkg-config", "--cflags", "--libs", "virtclient"], env=env,
                         check=True, capture_output=True, text=True).stdout
    return out.split()


def debian_headers(workdir):
    """Debian's libvirt 9.0 headers, unpacked (never installed)."""
    if os.path.exists("/usr/include/libvirt/libvirt.h"):
        return "/usr/include"
    res = subprocess.run(["apt-get", "download", "libvirt-dev"], cwd=workdir,
                         capture_output=True, text=True)
    debs = glob.glob(os.path.join(workdir, "libvirt-dev_*.deb"))
    if res.returncode != 0 or not debs:
        return None
    subprocess.run(["dpkg-deb", "-x", debs[0], os.path.join(workdir, "root")], check=True)
    return os.path.join(workdir, "root", "usr", "include")


class LibclientTest(harness.DaemonTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = tempfile.mkdtemp(prefix="virtd-libclient-")
        cls.ours = os.path.join(cls.work, "apiprog-ours")
        subprocess.run(["gcc", "-Wall", "-Werror", "-o", cls.ours, PROGRAM] + pkgconfig_flags(),
                       check=True)
        cls.env = dict(os.environ,
                       LD_LIBRARY_PATH=os.path.join(harness.BUILD_DIR, "libclient"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)
        super().tearDownClass()

    def run_prog(self, binary, *args, env=None, timeout=60):
        return subprocess.run([binary, self.daemon.uri] + list(args), env=env or self.env,
                              capture_output=True, text=True, timeout=timeout)

    def test_same_program_both_libraries(self):
        a, b = self.unique("lc-a"), self.unique("lc-b")
        self.define(a)
        self.define(b, memory_mib=64)
        self.virsh("start", a)
        ours = self.run_prog(self.ours, "list")
        self.assertEqual(ours.returncode, 0, ours.stderr)
        lines = sorted(ours.stdout.splitlines())
        uuid_a = self.out("domuuid", a).strip()
        self.assertIn("%s %s state=1 mem=131072 vcpus=1 active=1" % (a, uuid_a), lines)
        self.assertTrue(any(l.startswith(b + " ") and "state=5 mem=65536" in l for l in lines),
                        lines)
        self.assertIn("lookup error: 42 10 Domain not found: no domain with matching name "
                      "'no-such-domain'", lines)

        include = debian_headers(self.work)
        if include is None:
            self.skipTest("Debian's libvirt-dev could not be downloaded")
        debian = os.path.join(self.work, "apiprog-debian")
        subprocess.run(["gcc", "-Wall", "-Werror", "-o", debian, PROGRAM, "-I" + include,
                        "/usr/lib/x86_64-linux-gnu/libvirt.so.0"], check=True)
        theirs = self.run_prog(debian, "list", env=dict(os.environ))
        self.assertEqual(theirs.returncode, 0, theirs.stderr)
        self.assertEqual(sorted(theirs.stdout.splitlines()), lines)

    def test_events_reach_default_loop(self):
        name = self.unique("lc-ev")
        self.define(name)
        res = self.run_prog(self.ours, "events", name)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        events = [l for l in res.stdout.splitlines() if l.startswith("event ")]
        # started/booted, then stopped/destroyed (with what comes around them)
        self.assertIn("event %s 2 0" % name, events)
        self.assertIn("event %s 5 1" % name, events)

    def test_frozen_daemon_gives_error_not_hang(self):
        proc = subprocess.Popen([self.ours, self.daemon.uri, "stall"], env=self.env,
                                stdout=subprocess.PIPE, text=True)
        try:
            self.assertEqual(proc.stdout.readline().strip(), "ready")
            os.kill(self.daemon.proc.pid, signal.SIGSTOP)
            start = time.monotonic()
            out, _ = proc.communicate(timeout=30)
            elapsed = time.monotonic() - start
        finally:
            os.kill(self.daemon.proc.pid, signal.SIGCONT)
            if proc.poll() is None:
                proc.kill()
        self.assertIn("keepalive", out)
        self.assertIn("alive: 0", out)
        self.assertIn("closed reason=2", out)     # VIR_CONNECT_CLOSE_REASON_KEEPALIVE
        self.assertLess(elapsed, 15)

    def test_unreachable_daemon_is_named(self):
        root = tempfile.mkdtemp(prefix="virtd-empty-")
        try:
            sock = os.path.join(root, "run", "libvirt", "virtqemud-sock")
            res = subprocess.run([self.ours, "qemu+unix:///system?socket=" + sock, "list"],
                                 env=self.env, capture_output=True, text=True, timeout=30)
        finally:
            shutil.rmtree(root)
        self.assertEqual(res.returncode, 1)
        self.assertIn(sock, res.stdout)
        self.assertIn("virtqemud", res.stdout)

    def test_malformed_uri_rejected(self):
        res = subprocess.run([self.ours, "qemu+unix://[::1/system", "list"], env=self.env,
                             capture_output=True, text=True, timeout=30)
        self.assertEqual(res.returncode, 1)
        self.assertIn("open failed", res.stdout)
        self.assertIn("[::1", res.stdout)


if __name__ == "__main__":
    harness.main()
