#!/usr/bin/python3
"""The daemon runner itself: idle exit with --timeout (never while a guest
runs), --daemon with --pid-file, SIGHUP reloading the configuration,
systemd socket activation, configuration errors and a second instance on
the same root."""

import os
import signal
import subprocess
import time
import unittest

import harness


class DaemonRunnerTest(unittest.TestCase):

    def setUp(self):
        self.daemons = []

    def tearDown(self):
        for d in self.daemons:
            d.cleanup()

    def new_daemon(self, *args):
        d = harness.Daemon(args=args)
        self.daemons.append(d)
        return d

    def write_conf(self, d, text):
        path = d.path("etc", "libvirt", "virtqemud.conf")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_timeout_exits_when_idle(self):
        d = self.new_daemon("--timeout", "1").start()
        self.assertTrue(harness.wait_for(lambda: not d.alive(), 10),
                        "virtqemud --timeout 1 did not exit when idle\n" + d.log_tail())
        self.assertEqual(d.proc.returncode, 0)
        self.assertFalse(os.path.exists(d.sock), "socket left behind after idle exit")

    def test_timeout_waits_for_running_guest(self):
        d = self.new_daemon("--timeout", "1").start()
        path = d.write_domain("idle-guest")
        d.virsh("create", path)
        pid = d.status_pid("idle-guest")
        time.sleep(3.5)
        self.assertTrue(d.alive(), "virtqemud exited while a guest was running\n" + d.log_tail())
        d.virsh("destroy", "idle-guest")
        self.assertTrue(harness.wait_for(lambda: not d.alive(), 10),
                        "virtqemud did not exit once the guest was gone\n" + d.log_tail())
        self.assertFalse(harness.pid_alive(pid))

    def test_daemonize_with_pid_file(self):
        d = self.new_daemon()
        pidfile = d.path("custom.pid")
        rc = subprocess.run([d.binary, "--root", d.root, "--daemon", "--pid-file", pidfile],
                            timeout=30).returncode
        self.assertEqual(rc, 0)
        self.assertTrue(harness.wait_for(lambda: os.path.exists(pidfile), 5))
        pid = int(harness.read_text(pidfile))
        try:
            self.assertTrue(harness.pid_alive(pid))
            self.assertEqual(d.virsh("hostname")[0], 0)
        finally:
            os.kill(pid, signal.SIGTERM)
        self.assertTrue(harness.wait_for(lambda: not harness.pid_alive(pid), 10))
        self.assertFalse(os.path.exists(pidfile), "pid file left behind")

    def test_sighup_reloads_logging(self):
        d = self.new_daemon()
        debug = d.path("debug.log")
        self.write_conf(d, "log_level = 3\n")
        d.start()
        d.virsh("hostname")
        self.assertFalse(os.path.exists(debug))
        self.write_conf(d, 'log_level = 1\nlog_outputs = "1:file:%s"\n' % debug)
        d.proc.send_signal(signal.SIGHUP)
        self.assertTrue(harness.wait_for(lambda: os.path.exists(debug), 5))
        d.virsh("hostname")
        self.assertTrue(harness.wait_for(lambda: "debug" in harness.read_text(debug), 5),
                        "no debug output after the reload")

        # A broken file on reload: the daemon keeps its old settings.
        self.write_conf(d, "log_level = [\n")
        d.proc.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        self.assertTrue(d.alive())
        self.assertEqual(d.virsh("hostname")[0], 0)

    def test_unknown_and_remote_keys_warn(self):
        d = self.new_daemon()
        self.write_conf(d, "no_such_key = 1\nlisten_tcp = 1\n")
        d.start()
        log = harness.read_text(d.logpath)
        self.assertIn("unknown setting 'no_such_key' is ignored", log)
        self.assertIn("'listen_tcp' is ignored", log)
        self.assertIn("virtproxyd", log)

    def test_socket_permissions_and_group(self):
        import grp
        import stat
        d = self.new_daemon()
        self.write_conf(d, 'unix_sock_group = "nogroup"\n'
                           'unix_sock_rw_perms = "0770"\n'
                           'unix_sock_ro_perms = "0775"\n'
                           'unix_sock_admin_perms = "0700"\n')
        d.start()
        gid = grp.getgrnam("nogroup").gr_gid
        for path, mode in ((d.sock, 0o770), (d.ro_sock, 0o775), (d.admin_sock, 0o700)):
            st = os.stat(path)
            self.assertTrue(stat.S_ISSOCK(st.st_mode), path)
            self.assertEqual(stat.S_IMODE(st.st_mode), mode, path)
            self.assertEqual(st.st_gid, gid, path)

    def test_explicit_config_file(self):
        d = self.new_daemon()
        other = d.path("elsewhere.conf")
        with open(other, "w") as f:
            f.write("only_in_explicit_file = 1\n")
        self.write_conf(d, "only_in_default_file = 1\n")
        d.args = ["--config", other]
        d.start()
        log = harness.read_text(d.logpath)
        self.assertIn("%s: unknown setting 'only_in_explicit_file'" % other, log)
        self.assertNotIn("only_in_default_file", log)

    def test_bad_config_refuses_to_start(self):
        d = self.new_daemon()
        conf = self.write_conf(d, "max_workers = 0\n")
        res = subprocess.run([d.binary, "--root", d.root], capture_output=True, text=True,
                             timeout=30)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("max_workers", res.stderr)
        self.write_conf(d, 'unix_sock_rw_perms = "0700"\nauth_unix_rw = "polkit"\n')
        res = subprocess.run([d.binary, "--root", d.root], capture_output=True, text=True,
                             timeout=30)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn(conf, res.stderr)

    def test_second_instance_refused(self):
        d = self.new_daemon().start()
        res = subprocess.run([d.binary, "--root", d.root], capture_output=True, text=True,
                             timeout=30)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("pid file", res.stderr)
        self.assertTrue(d.alive())
        self.assertEqual(d.virsh("hostname")[0], 0)

    @unittest.skipUnless(os.path.exists("/usr/bin/systemd-socket-activate"),
                         "systemd-socket-activate is not installed")
    def test_socket_activation(self):
        d = self.new_daemon()
        os.makedirs(os.path.dirname(d.sock), exist_ok=True)
        proc = subprocess.Popen(["/usr/bin/systemd-socket-activate", "-l", d.sock,
                                 "--fdname=virtqemud.socket",
                                 d.binary, "--root", d.root],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            self.assertTrue(harness.wait_for(lambda: os.path.exists(d.sock), 5))
            # The first client starts the daemon; what systemd did not pass
            # (the read-only socket) the daemon binds itself.
            self.assertEqual(d.virsh("hostname")[0], 0)
            self.assertTrue(harness.wait_for(lambda: os.path.exists(d.ro_sock), 5))
            rc, out, err = d.virsh("list", "--all", ro=True)
            self.assertEqual(rc, 0, err)
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    harness.main()
