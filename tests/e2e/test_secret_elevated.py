#!/usr/bin/python3
"""Private secret values for daemons only: a connection that proves with
the host's system token (run/libvirt/common/system.token in the root) that
it is a daemon acting for itself reads them; virsh, a wrong token, and
clients relayed by virtqemud or virtproxyd (even with the right token) do
not. Speaks the RPC protocol directly (PROTOCOL.md §4, §6)."""

import base64
import os
import re
import socket
import struct
import subprocess
import uuid as uuidlib

import harness
from test_secret import secret_xml

REMOTE_PROGRAM = 0x20008086
PROC_CONNECT_OPEN = 1
PROC_AUTH_LIST = 66
PROC_SECRET_LOOKUP_BY_UUID = 141
PROC_SECRET_GET_VALUE = 145
PROC_CONNECT_SET_IDENTITY = 419
TYPED_PARAM_STRING = 7
VIR_ERR_ACCESS_DENIED = 88
VIR_ERR_INVALID_SECRET = 65


def xdr_uint(v):
    return struct.pack(">I", v)


def xdr_int(v):
    return struct.pack(">i", v)


def xdr_opaque(data):
    return xdr_uint(len(data)) + data + b"\0" * (-len(data) % 4)


def xdr_string(s):
    return xdr_opaque(s.encode())


class RpcError(Exception):
    def __init__(self, code, message):
        super().__init__("%d: %s" % (code, message))
        self.code = code
        self.message = message


class RawClient:
    """One connection, one call at a time."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(30)
        self.sock.connect(path)
        self.serial = 0

    def close(self):
        self.sock.close()

    def _recv(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError("connection closed")
            data += chunk
        return data

    def call(self, proc, payload=b""):
        self.serial += 1
        header = struct.pack(">IIiiIi", REMOTE_PROGRAM, 1, proc, 0, self.serial, 0)
        self.sock.sendall(xdr_uint(4 + len(header) + len(payload)) + header + payload)
        while True:
            length = struct.unpack(">I", self._recv(4))[0]
            body = self._recv(length - 4)
            prog, vers, rproc, mtype, serial, status = struct.unpack(">IIiiIi", body[:24])
            if mtype == 1 and serial == self.serial:  # the reply (skip events)
                break
        body = body[24:]
        if status != 0:
            code = struct.unpack(">i", body[:4])[0]
            message = ""
            if struct.unpack(">I", body[8:12])[0]:
                n = struct.unpack(">I", body[12:16])[0]
                message = body[16:16 + n].decode(errors="replace")
            raise RpcError(code, message)
        return body

    # the calls -----------------------------------------------------------
    def open(self, uri):
        self.call(PROC_AUTH_LIST)
        self.call(PROC_CONNECT_OPEN, xdr_uint(1) + xdr_string(uri) + xdr_uint(0))

    def set_identity_token(self, token):
        param = xdr_string("system.token") + xdr_int(TYPED_PARAM_STRING) + xdr_string(token)
        self.call(PROC_CONNECT_SET_IDENTITY, xdr_uint(1) + param + xdr_uint(0))

    def secret_get_value(self, uuid):
        ret = self.call(PROC_SECRET_LOOKUP_BY_UUID, uuidlib.UUID(uuid).bytes)
        # remote_nonnull_secret: uuid[16], usageType, usageID: passed back as is
        n = struct.unpack(">I", ret[20:24])[0]
        secret = ret[:24 + n + (-n % 4)]
        ret = self.call(PROC_SECRET_GET_VALUE, secret + xdr_uint(0))
        n = struct.unpack(">I", ret[:4])[0]
        return ret[4:4 + n]


class SecretElevatedTest(harness.DaemonTestCase):

    daemon_name = "virtsecretd"

    def setUp(self):
        super().setUp()
        self._secrets = []

    def tearDown(self):
        for u in reversed(self._secrets):
            self.virsh("secret-undefine", u, check=False)
        super().tearDown()

    def define_private(self, value):
        path = self.daemon.write_xml("private-" + uuidlib.uuid4().hex[:8],
                                     secret_xml(private=True, usage="tls",
                                                usage_id="tls-" + uuidlib.uuid4().hex[:8]))
        out = self.out("secret-define", path)
        u = re.fullmatch(r"Secret ([0-9a-f-]{36}) created\n\n", out).group(1)
        self._secrets.append(u)
        self.out("secret-set-value", u, "--base64", base64.b64encode(value).decode())
        return u

    def token_path(self):
        return self.daemon.path("run", "libvirt", "common", "system.token")

    def token(self):
        """The root's token; a daemon creates it on first use."""
        if not os.path.exists(self.token_path()):
            self.assertEqual(self.elevated_program(str(uuidlib.uuid4()))[0], 1)
        with open(self.token_path()) as f:
            return f.read().strip()

    def elevated_program(self, u):
        prog = os.environ.get("VIRTD_SECRET_ELEVATED") or os.path.join(
            harness.BUILD_DIR, "tests", "e2e", "secretelevated")
        res = subprocess.run([prog, self.daemon.root, u], capture_output=True, text=True,
                             timeout=60)
        return res.returncode, res.stdout, res.stderr

    def raw(self, path=None, uri="secret:///system"):
        c = RawClient(path or self.daemon.sock)
        self.addCleanup(c.close)
        c.open(uri)
        return c

    # -----------------------------------------------------------------------
    def test_virsh_cannot_read_private_value(self):
        u = self.define_private(b"luks-passphrase")
        err = self.assertVirshError(self.virsh("secret-get-value", u, check=False))
        self.assertEqual(err, "error: Invalid secret: secret is private\n")

    def test_token_file(self):
        self.token()
        st = os.stat(self.token_path())
        self.assertEqual(st.st_mode & 0o777, 0o600)
        self.assertRegex(self.token(), r"^[0-9a-f]{64}$")

    def test_raw_client_with_token_reads_value(self):
        u = self.define_private(b"luks-passphrase")
        c = self.raw()
        c.set_identity_token(self.token())
        self.assertEqual(c.secret_get_value(u), b"luks-passphrase")

    def test_raw_client_without_token_refused(self):
        u = self.define_private(b"luks-passphrase")
        with self.assertRaises(RpcError) as cm:
            self.raw().secret_get_value(u)
        self.assertEqual(cm.exception.code, VIR_ERR_INVALID_SECRET)
        self.assertEqual(cm.exception.message, "Invalid secret: secret is private")

    def test_wrong_token_refused_and_changes_nothing(self):
        u = self.define_private(b"luks-passphrase")
        real = self.token()
        c = self.raw()
        for wrong in ("0" * 64, real[:-1] + ("0" if real[-1] != "0" else "1"), real[:32], ""):
            with self.assertRaises(RpcError) as cm:
                c.set_identity_token(wrong)
            self.assertEqual(cm.exception.code, VIR_ERR_ACCESS_DENIED)
            with self.assertRaises(RpcError) as cm:
                c.secret_get_value(u)
            self.assertEqual(cm.exception.code, VIR_ERR_INVALID_SECRET)
            self.assertEqual(cm.exception.message, "Invalid secret: secret is private")
        self.assertEqual(self.token(), real)

    def test_elevated_program(self):
        """remoteSecretGetValueElevated(), as virtqemud will call it."""
        u = self.define_private(b"\x00tls-key\xff")
        rc, out, err = self.elevated_program(u)
        self.assertEqual(rc, 0, err + self.daemon.log_tail())
        self.assertEqual(base64.b64decode(out.strip()), b"\x00tls-key\xff")
        rc, out, err = self.elevated_program(str(uuidlib.uuid4()))
        self.assertEqual(rc, 1)
        self.assertIn("no secret with matching uuid", err)

    def test_relayed_by_virtqemud_cannot_read(self):
        u = self.define_private(b"luks-passphrase")
        q = harness.Daemon(name="virtqemud", root=self.daemon.root)
        self.addCleanup(q.cleanup)
        q.start()
        err = self.assertVirshError(q.virsh("secret-get-value", u, check=False))
        self.assertIn("secret is private", err)
        # Even with the token: virtqemud answers it for its own connection,
        # and relays secret calls with the client's identity, not its own.
        c = self.raw(q.sock, "qemu:///system")
        c.set_identity_token(self.token())
        with self.assertRaises(RpcError) as cm:
            c.secret_get_value(u)
        self.assertEqual(cm.exception.code, VIR_ERR_INVALID_SECRET)
        self.assertEqual(cm.exception.message, "Invalid secret: secret is private")
        with self.assertRaises(RpcError) as cm:
            self.raw(q.sock, "qemu:///system").set_identity_token("0" * 64)
        self.assertEqual(cm.exception.code, VIR_ERR_ACCESS_DENIED)

    def test_relayed_by_virtproxyd_cannot_read(self):
        u = self.define_private(b"luks-passphrase")
        sock = self.daemon.path("run", "libvirt", "libvirt-sock")
        proxy = subprocess.Popen([harness.daemon_binary("virtproxyd"), "--root",
                                  self.daemon.root], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            self.assertTrue(harness.wait_for(lambda: os.path.exists(sock + "-ro"), 10))
            err = self.assertVirshError(self.virsh("secret-get-value", u, check=False,
                                                   uri="secret:///system?socket=" + sock))
            self.assertIn("secret is private", err)
            c = self.raw(sock)
            with self.assertRaises(RpcError) as cm:
                c.set_identity_token("0" * 64)
            self.assertEqual(cm.exception.code, VIR_ERR_ACCESS_DENIED)
            with self.assertRaises(RpcError) as cm:
                c.secret_get_value(u)
            self.assertEqual(cm.exception.code, VIR_ERR_INVALID_SECRET)
            self.assertEqual(cm.exception.message, "Invalid secret: secret is private")
        finally:
            proxy.terminate()
            proxy.wait(15)


if __name__ == "__main__":
    harness.main()
