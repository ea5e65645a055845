#!/usr/bin/python3
"""The +tls transport: certificates made by certtool at test time, a TLS
front (tlsproxy.py) that follows libvirt's TLS rules in front of the
daemon's socket; our library and Debian's virsh connect through it, and
certificates that should be refused are."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

import harness

PROXY = os.path.join(harness.HERE, "tlsproxy.py")
PROGRAM = os.path.join(harness.HERE, "programs", "apiprog.c")


def certtool(*args):
    subprocess.run(["certtool"] + list(args), check=True, capture_output=True)


def make_pki(dirname, ca_name, client_cn, server_dns="localhost", server_ip="127.0.0.1"):
    """A CA with a server and a client certificate, in libvirt's file names."""
    os.makedirs(dirname)

    def tmpl(name, text):
        path = os.path.join(dirname, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    p = lambda n: os.path.join(dirname, n)
    certtool("--generate-privkey", "--outfile", p("cakey.pem"))
    certtool("--generate-self-signed", "--load-privkey", p("cakey.pem"), "--template",
             tmpl("ca.info", "cn = %s\nca\ncert_signing_key\nexpiration_days = 7\n" % ca_name),
             "--outfile", p("cacert.pem"))
    server = "organization = Test\ncn = %s\ndns_name = %s\n" % (server_dns, server_dns)
    if server_ip:
        server += "ip_address = %s\n" % server_ip
    server += "tls_www_server\nencryption_key\nsigning_key\nexpiration_days = 7\n"
    certtool("--generate-privkey", "--outfile", p("serverkey.pem"))
    certtool("--generate-certificate", "--load-privkey", p("serverkey.pem"),
             "--load-ca-certificate", p("cacert.pem"), "--load-ca-privkey", p("cakey.pem"),
             "--template", tmpl("server.info", server), "--outfile", p("servercert.pem"))
    certtool("--generate-privkey", "--outfile", p("clientkey.pem"))
    certtool("--generate-certificate", "--load-privkey", p("clientkey.pem"),
             "--load-ca-certificate", p("cacert.pem"), "--load-ca-privkey", p("cakey.pem"),
             "--template", tmpl("client.info", "organization = Test\ncn = %s\ntls_www_client\n"
                                "encryption_key\nsigning_key\nexpiration_days = 7\n" % client_cn),
             "--outfile", p("clientcert.pem"))
    return dirname


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@unittest.skipUnless(shutil.which("certtool"), "certtool (gnutls-bin) is not installed")
class TLSTest(harness.DaemonTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = tempfile.mkdtemp(prefix="virtd-tls-")
        cls.pki = make_pki(os.path.join(cls.work, "pki"), "Test CA", "client1")
        cls.otherpki = make_pki(os.path.join(cls.work, "other"), "Other CA", "client1")
        cls.nameonly = make_pki(os.path.join(cls.work, "nameonly"), "Name CA", "client1",
                                server_ip=None)
        cls.procs = []
        cls.port = cls.start_proxy(cls.pki)
        cls.nameport = cls.start_proxy(cls.nameonly)
        cls.prog = os.path.join(cls.work, "apiprog")
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "virtclient"],
                               env=dict(os.environ, PKG_CONFIG_PATH=os.path.join(
                                   harness.BUILD_DIR, "meson-uninstalled")),
                               check=True, capture_output=True, text=True).stdout.split()
        subprocess.run(["gcc", "-o", cls.prog, PROGRAM] + flags, check=True)
        cls.env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(harness.BUILD_DIR, "libclient"))

    @classmethod
    def start_proxy(cls, pki):
        port = free_port()
        proc = subprocess.Popen(["/usr/bin/python3", PROXY, str(port), cls.daemon.sock, pki],
                                stdout=subprocess.PIPE, text=True)
        cls.procs.append(proc)
        assert proc.stdout.readline().strip() == "listening"
        return port

    @classmethod
    def tearDownClass(cls):
        for p in cls.procs:
            p.terminate()
            p.wait(10)
        shutil.rmtree(cls.work, ignore_errors=True)
        super().tearDownClass()

    def ours(self, uri):
        return subprocess.run([self.prog, uri, "list"], env=self.env, capture_output=True,
                              text=True, timeout=30)

    def test_our_library_over_tls(self):
        name = self.unique("tls-dom")
        self.define(name)
        res = self.ours("qemu+tls://localhost:%d/system?pkipath=%s" % (self.port, self.pki))
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        self.assertIn(name + " ", res.stdout)

    def test_debian_virsh_over_same_front(self):
        # The front speaks libvirt's TLS rules, so Debian's own client agrees.
        res = subprocess.run([harness.VIRSH, "-c", "qemu+tls://localhost:%d/system?pkipath=%s"
                              % (self.port, self.pki), "hostname"],
                             capture_output=True, text=True, timeout=30)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stdout.strip(), socket.gethostname())

    def test_client_from_another_ca_refused(self):
        res = self.ours("qemu+tls://localhost:%d/system?pkipath=%s" % (self.port, self.otherpki))
        self.assertEqual(res.returncode, 1)
        self.assertIn("open failed", res.stdout)

    def test_server_name_checked(self):
        # The certificate names only "localhost": reaching it as 127.0.0.1 must fail...
        res = self.ours("qemu+tls://127.0.0.1:%d/system?pkipath=%s"
                        % (self.nameport, self.nameonly))
        self.assertEqual(res.returncode, 1)
        self.assertIn("failed verification", res.stdout)
        # ...unless the user says not to verify, as libvirt's no_verify=1 does.
        res = self.ours("qemu+tls://127.0.0.1:%d/system?pkipath=%s&no_verify=1"
                        % (self.nameport, self.nameonly))
        self.assertEqual(res.returncode, 0, res.stdout)

    def test_missing_ca_named(self):
        empty = os.path.join(self.work, "empty")
        os.makedirs(empty, exist_ok=True)
        res = self.ours("qemu+tls://localhost:%d/system?pkipath=%s" % (self.port, empty))
        self.assertEqual(res.returncode, 1)
        self.assertIn(os.path.join(empty, "cacert.pem"), res.stdout)


if __name__ == "__main__":
    harness.main()
