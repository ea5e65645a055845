#!/usr/bin/python3
"""virtproxyd: legacy-socket clients (Debian's virsh, python3-libvirt, our
library with no URI at all) reach virtqemud through it; read-only stays
read-only; events pass through; TLS clients are checked against the CA and
the DN allow-list; a backend that dies ends the client's calls cleanly."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest

import harness
import test_tls

PROGRAM = os.path.join(harness.HERE, "programs", "apiprog.c")


def proxy_binary():
    return os.environ.get("VIRTPROXYD") or os.path.join(harness.BUILD_DIR, "daemons", "virtproxyd")


class ProxyTest(harness.DaemonTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        d = cls.daemon
        cls.secretd = harness.Daemon(name="virtsecretd", root=d.root)
        cls.secretd.start()
        cls.work = tempfile.mkdtemp(prefix="virtd-proxy-")
        cls.pki = test_tls.make_pki(os.path.join(cls.work, "pki"), "Proxy CA", "client1")
        cls.otherpki = test_tls.make_pki(os.path.join(cls.work, "other"), "Other CA", "client1")
        cls.strangerpki = os.path.join(cls.work, "stranger")
        shutil.copytree(cls.pki, cls.strangerpki)
        # A second client certificate from the right CA, with a name not on the list.
        p = lambda n: os.path.join(cls.strangerpki, n)
        with open(p("client.info"), "w") as f:
            f.write("organization = Test\ncn = stranger\ntls_www_client\nencryption_key\n"
                    "signing_key\nexpiration_days = 7\n")
        test_tls.certtool("--generate-certificate", "--load-privkey", p("clientkey.pem"),
                          "--load-ca-certificate", p("cacert.pem"), "--load-ca-privkey",
                          p("cakey.pem"), "--template", p("client.info"),
                          "--outfile", p("clientcert.pem"))
        cls.tlsport = test_tls.free_port()
        cls.tcpport = test_tls.free_port()
        conf = os.path.join(d.root, "etc", "libvirt", "virtproxyd.conf")
        os.makedirs(os.path.dirname(conf), exist_ok=True)
        with open(conf, "w") as f:
            f.write('listen_tcp = 1\nauth_tcp = "none"\ntcp_port = "%d"\n' % cls.tcpport)
            f.write('listen_tls = 1\ntls_port = "%d"\nlisten_addr = "127.0.0.1"\n'
                    'ca_file = "%s/cacert.pem"\ncert_file = "%s/servercert.pem"\n'
                    'key_file = "%s/serverkey.pem"\n'
                    'tls_allowed_dn_list = ["C=*,O=Test,CN=client1", "O=Test,CN=client1"]\n'
                    % (cls.tlsport, cls.pki, cls.pki, cls.pki))
        cls.proxylog = os.path.join(d.root, "virtproxyd.log")
        cls.proxy = subprocess.Popen([proxy_binary(), "--root", d.root, "--verbose"],
                                     stdout=open(cls.proxylog, "ab"), stderr=subprocess.STDOUT,
                                     start_new_session=True)
        cls.sock = os.path.join(d.root, "run", "libvirt", "libvirt-sock")
        cls.rosock = cls.sock + "-ro"
        ok = harness.wait_for(lambda: cls.proxy.poll() is not None or
                              (os.path.exists(cls.rosock) and cls.tls_ready()), 10)
        if cls.proxy.poll() is not None or not ok:
            raise RuntimeError("virtproxyd did not start:\n" + harness.read_text(cls.proxylog))
        cls.prog = os.path.join(cls.work, "apiprog")
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "virtclient"],
                               env=dict(os.environ, PKG_CONFIG_PATH=os.path.join(
                                   harness.BUILD_DIR, "meson-uninstalled")),
                               check=True, capture_output=True, text=True).stdout.split()
        subprocess.run(["gcc", "-o", cls.prog, PROGRAM] + flags, check=True)
        cls.env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(harness.BUILD_DIR, "libclient"),
                       LIBVIRT_CLIENT_ROOT=d.root)

    @classmethod
    def tls_ready(cls):
        s = socket.socket()
        try:
            s.connect(("127.0.0.1", cls.tlsport))
            return True
        except OSError:
            return False
        finally:
            s.close()

    @classmethod
    def tearDownClass(cls):
        if cls.proxy.poll() is None:
            cls.proxy.send_signal(signal.SIGTERM)
            try:
                cls.proxy.wait(15)
            except subprocess.TimeoutExpired:
                cls.proxy.kill()
                cls.proxy.wait()
        shutil.rmtree(cls.work, ignore_errors=True)
        cls.secretd.cleanup()
        super().tearDownClass()

    def tearDown(self):
        super().tearDown()
        self.assertIsNone(self.proxy.poll(), "virtproxyd died:\n" + harness.read_text(self.proxylog))

    def via_proxy(self, *args, ro=False, check=True):
        uri = "qemu+unix:///system?socket=" + (self.rosock if ro else self.sock)
        return self.virsh(*args, uri=uri, check=check)

    def test_virsh_through_legacy_socket(self):
        name = self.unique("px-dom")
        self.define(name)
        direct = self.out("list", "--all")
        rc, out, err = self.via_proxy("list", "--all")
        self.assertEqual(out, direct)
        rc, out, err = self.via_proxy("start", name)
        self.assertEqual(self.domstate(name), "running (booted)")
        rc, out, err = self.via_proxy("dominfo", name)
        self.assertIn("State:          running", out)
        self.via_proxy("destroy", name)
        rc, out, err = self.via_proxy("dominfo", "px-no-such", check=False)
        self.assertEqual(rc, 1)
        self.assertIn("failed to get domain 'px-no-such'", err)

    def test_read_only_socket_stays_read_only(self):
        name = self.unique("px-ro")
        path = self.daemon.write_domain(name)
        rc, out, err = self.via_proxy("define", path, ro=True, check=False)
        self.assertEqual(rc, 1)
        self.assertIn("read only access prevents virDomainDefineXML", err)
        rc, out, err = self.via_proxy("list", "--all", ro=True)
        self.assertEqual(rc, 0)

    def test_every_mutating_command_refused_read_only(self):
        """On the read-only sockets (virtqemud's own, and the proxy's that
        leads to it), every command that changes something is refused with
        the read-only error, and nothing changes."""
        run, stopped = self.unique("px-ro-run"), self.unique("px-ro-off")
        self.define(run)
        self.define(stopped)
        self.virsh("start", run)
        xml = self.daemon.write_domain(self.unique("px-ro-new"))
        secret = os.path.join(self.daemon.root, "ro-secret.xml")
        with open(secret, "w") as f:
            f.write("<secret ephemeral='no' private='no'>"
                    "<uuid>3c0ffee0-0000-4000-8000-000000000001</uuid></secret>\n")
        existing = "3c0ffee0-0000-4000-8000-000000000002"
        with open(secret + ".2", "w") as f:
            f.write("<secret ephemeral='no' private='no'><uuid>%s</uuid></secret>\n" % existing)
        self.virsh("secret-define", secret + ".2")
        self.addCleanup(self.virsh, "secret-undefine", existing, check=False)
        self.virsh("secret-set-value", existing, "--base64", "b2xk")
        commands = [
            ("define", xml), ("create", xml), ("undefine", stopped), ("start", stopped),
            ("destroy", run), ("shutdown", run), ("reboot", run), ("reset", run),
            ("suspend", run), ("resume", run), ("autostart", stopped),
            ("autostart", "--disable", stopped), ("secret-define", secret),
            ("secret-set-value", existing, "--base64", "bmV3"), ("secret-undefine", existing),
        ]
        before = (self.out("list", "--all"), self.out("dumpxml", run),
                  self.out("dominfo", stopped), self.out("secret-list"),
                  self.out("secret-get-value", existing))
        for sock in (self.daemon.ro_sock, self.rosock):
            for cmd in commands:
                rc, out, err = self.virsh(*cmd, uri="qemu+unix:///system?socket=" + sock,
                                          check=False)
                self.assertEqual(rc, 1, "%s succeeded on %s" % (cmd, sock))
                self.assertIn("read only access", err, "%s on %s: %s" % (cmd, sock, err))
        after = (self.out("list", "--all"), self.out("dumpxml", run),
                 self.out("dominfo", stopped), self.out("secret-list"),
                 self.out("secret-get-value", existing))
        self.assertEqual(after, before)

    def test_python_through_proxy(self):
        code = ("import libvirt\n"
                "c = libvirt.open('qemu+unix:///system?socket=%s')\n"
                "print(c.getType(), c.getHostname() == __import__('socket').gethostname())\n"
                "c.close()\n" % self.sock)
        res = subprocess.run(["/usr/bin/python3", "-c", code], capture_output=True, text=True,
                             timeout=60)
        self.assertEqual(res.stdout.strip(), "QEMU True", res.stderr)

    def test_no_uri_probes_the_hypervisor(self):
        # Our library with no URI goes to the legacy socket and sends ""; the
        # proxy finds virtqemud and the daemon reports its URI.
        res = subprocess.run([self.prog, "", "list"], env=self.env, capture_output=True,
                             text=True, timeout=60)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        self.assertIn("lookup error: 42", res.stdout)

    def test_events_through_proxy(self):
        name = self.unique("px-ev")
        self.define(name)
        res = subprocess.run([self.prog, "qemu+unix:///system?socket=" + self.sock, "events",
                              name], env=self.env, capture_output=True, text=True, timeout=60)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        self.assertIn("event %s 2 0" % name, res.stdout)
        self.assertIn("event %s 5 1" % name, res.stdout)

    def tls(self, pki, *args):
        return subprocess.run([harness.VIRSH, "-c", "qemu+tls://localhost:%d/system?pkipath=%s"
                               % (self.tlsport, pki)] + list(args),
                              capture_output=True, text=True, timeout=60)

    def test_tls_virsh_and_library(self):
        res = self.tls(self.pki, "hostname")
        self.assertEqual(res.returncode, 0, res.stderr + harness.read_text(self.proxylog)[-2000:])
        self.assertEqual(res.stdout.strip(), socket.gethostname())
        res = subprocess.run([self.prog, "qemu+tls://localhost:%d/system?pkipath=%s"
                              % (self.tlsport, self.pki), "list"], env=self.env,
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(res.returncode, 0, res.stdout)

    def test_plain_tcp(self):
        res = subprocess.run([harness.VIRSH, "-c", "qemu+tcp://127.0.0.1:%d/system" % self.tcpport,
                              "hostname"], capture_output=True, text=True, timeout=60)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stdout.strip(), socket.gethostname())
        # Nothing authenticates plain TCP: the proxy says so in its log.
        self.assertIn("unauthenticated TCP clients", harness.read_text(self.proxylog))

    def test_tls_client_without_certificate_refused(self):
        nocert = os.path.join(self.work, "nocert")
        os.makedirs(nocert, exist_ok=True)
        shutil.copy(os.path.join(self.pki, "cacert.pem"), nocert)
        res = self.tls(nocert, "hostname")
        self.assertEqual(res.returncode, 1)

    def test_tls_other_ca_refused(self):
        res = self.tls(self.otherpki, "hostname")
        self.assertEqual(res.returncode, 1)

    def test_tls_dn_not_on_list_refused(self):
        res = self.tls(self.strangerpki, "hostname")
        self.assertEqual(res.returncode, 1)
        self.assertIn("server verification", res.stderr)
        self.assertIn("not on the list of allowed clients", harness.read_text(self.proxylog))

    def test_backend_death_ends_calls_cleanly(self):
        code = ("import libvirt, os, signal, time\n"
                "c = libvirt.open('qemu+unix:///system?socket=%s')\n"
                "c.getHostname()\n"
                "os.kill(%d, signal.SIGKILL)\n"
                "time.sleep(0.5)\n"
                "try:\n"
                "    c.getHostname(); print('no error')\n"
                "except libvirt.libvirtError as e:\n"
                "    print('error', e.get_error_code())\n" % (self.sock, self.daemon.proc.pid))
        res = subprocess.run(["/usr/bin/python3", "-c", code], capture_output=True, text=True,
                             timeout=60)
        self.assertTrue(res.stdout.startswith("error"), res.stdout + res.stderr)
        self.daemon.proc.wait()
        self.daemon.start()
        # The proxy itself is fine and reaches the restarted daemon.
        rc, out, err = self.via_proxy("hostname")
        self.assertEqual(rc, 0)


if __name__ == "__main__":
    harness.main()
