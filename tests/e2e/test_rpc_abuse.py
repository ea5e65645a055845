#!/usr/bin/python3
"""Hostile or broken clients on the raw RPC socket.

Each case either gets libvirt's error reply or has its connection dropped,
and the daemon keeps serving a python3-libvirt client that stays connected
the whole time, new virsh clients and new raw sessions.

Framing (4-byte big-endian length that counts itself, a 24-byte header of
prog/vers/proc/type/serial/status, then the XDR payload) and the error reply
layout follow shared/protocol/PROTOCOL.md sections 2, 3 and 6."""

import random
import socket
import struct
import time

import harness

try:
    import libvirt
except ImportError:  # pragma: no cover
    libvirt = None

REMOTE_PROG = 0x20008086
QEMU_PROG = 0x20008087
KEEPALIVE_PROG = 0x6B656570
CALL, REPLY, MESSAGE, STREAM = 0, 1, 2, 3
OK, ERROR = 0, 1
MAX_MESSAGE = 16 * 1024 * 1024  # header + payload

PROC_CONNECT_OPEN = 1
PROC_CONNECT_GET_TYPE = 3
PROC_DOMAIN_LOOKUP_BY_ID = 22
PROC_DOMAIN_LOOKUP_BY_NAME = 23
PROC_DOMAIN_LOOKUP_BY_UUID = 24
PROC_CONNECT_SUPPORTS_FEATURE = 60
PROC_AUTH_LIST = 66

VIR_ERR_RPC = 39
VIR_FROM_RPC = 7


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


def u32(v):
    return struct.pack(">I", v & 0xFFFFFFFF)


def i32(v):
    return struct.pack(">i", v)


def xstr(s):
    b = s.encode()
    return u32(len(b)) + pad4(b)


def xoptstr(s):
    return u32(0) if s is None else u32(1) + xstr(s)


class Unpacker:
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise ValueError("short XDR data")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def u32(self):
        return struct.unpack(">I", self.take(4))[0]

    def i32(self):
        return struct.unpack(">i", self.take(4))[0]

    def str(self):
        n = self.u32()
        s = self.take(n).decode(errors="replace")
        self.take(-n % 4)
        return s

    def optstr(self):
        return self.str() if self.u32() else None


def decode_error(payload):
    """The first fields of the RPC error struct: code, domain, message, level."""
    u = Unpacker(payload)
    return {"code": u.i32(), "domain": u.i32(), "message": u.optstr(), "level": u.i32()}


class Dropped(Exception):
    pass


class Wire:
    """A raw connection to the daemon's socket."""

    def __init__(self, path, timeout=10):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.serial = 0

    def close(self):
        self.sock.close()

    def send_raw(self, data):
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError) as e:
            raise Dropped(str(e))

    def send(self, proc, payload=b"", prog=REMOTE_PROG, vers=1, mtype=CALL, status=OK,
             serial=None):
        if serial is None:
            serial = self.serial
            self.serial += 1
        body = struct.pack(">IIiiIi", prog, vers, proc, mtype, serial, status) + payload
        self.send_raw(u32(len(body) + 4) + body)
        return serial

    def _exact(self, n):
        buf = b""
        while len(buf) < n:
            try:
                chunk = self.sock.recv(n - len(buf))
            except ConnectionResetError as e:
                raise Dropped(str(e))
            if not chunk:
                raise Dropped("EOF")
            buf += chunk
        return buf

    def recv(self):
        """Next non-keepalive message: (prog, vers, proc, type, serial, status), payload."""
        while True:
            (length,) = struct.unpack(">I", self._exact(4))
            if length < 28 or length > MAX_MESSAGE + 4:
                raise AssertionError("daemon sent a bad length word %d" % length)
            data = self._exact(length - 4)
            hdr = struct.unpack(">IIiiIi", data[:24])
            if hdr[0] == KEEPALIVE_PROG:
                continue
            return hdr, data[24:]

    def call(self, proc, payload=b"", **kw):
        serial = self.send(proc, payload, **kw)
        while True:
            hdr, body = self.recv()
            if hdr[3] == REPLY and hdr[4] == serial:
                return hdr, body

    def session(self, uri="qemu:///system"):
        """AUTH_LIST + CONNECT_OPEN, as python3-libvirt does."""
        hdr, body = self.call(PROC_AUTH_LIST)
        assert hdr[5] == OK, decode_error(body)
        hdr, body = self.call(PROC_CONNECT_OPEN, xoptstr(uri) + u32(0))
        assert hdr[5] == OK, decode_error(body)
        return self

    def outcome(self, timeout=5):
        """After a bad message: 'dropped' or ('reply', hdr, payload)."""
        self.sock.settimeout(timeout)
        try:
            hdr, body = self.recv()
            return ("reply", hdr, body)
        except Dropped:
            return "dropped"
        except socket.timeout:
            return "timeout"


class RpcAbuseTest(harness.DaemonTestCase):

    @classmethod
    def setUpClass(cls):
        if libvirt is None:
            raise RuntimeError("python3-libvirt not importable; run with /usr/bin/python3")
        libvirt.registerErrorHandler(lambda ctx, err: None, None)
        super().setUpClass()
        cls.conn = libvirt.open(cls.daemon.uri)
        path = cls.daemon.write_domain("abuse-witness")
        cls.daemon.virsh("define", path)

    @classmethod
    def tearDownClass(cls):
        try:
            cls.conn.close()
        except Exception:
            pass
        super().tearDownClass()

    def tearDown(self):
        # the long-lived client, a new virsh and a new raw session all still work
        self.assertTrue(self.daemon.alive(), "daemon died\n" + self.daemon.log_tail())
        self.assertEqual(self.conn.getType(), "QEMU")
        self.assertIn("abuse-witness", [d.name() for d in self.conn.listAllDomains()])
        self.assertIn("abuse-witness", self.out("list", "--all", "--name", timeout=20))
        w = Wire(self.daemon.sock).session()
        hdr, body = w.call(PROC_CONNECT_GET_TYPE)
        self.assertEqual((hdr[5], Unpacker(body).str()), (OK, "QEMU"))
        w.close()
        super().tearDown()

    # helpers -------------------------------------------------------------
    def assertDroppedOrError(self, w, what):
        res = w.outcome()
        self.assertNotEqual(res, "timeout", "%s: neither a reply nor a drop within 5s" % what)
        if res != "dropped":
            _, hdr, body = res
            self.assertEqual((hdr[3], hdr[5]), (REPLY, ERROR), "%s: %r" % (what, hdr))
            decode_error(body)
        return res

    def assertRpcError(self, w, serial, hdr_expect, message=None):
        """A REPLY/ERROR for serial with code VIR_ERR_RPC, domain VIR_FROM_RPC."""
        res = w.outcome()
        self.assertIsInstance(res, tuple, "expected an error reply, got %r" % (res,))
        _, hdr, body = res
        prog, vers, proc = hdr_expect
        self.assertEqual(hdr, (prog, vers, proc, REPLY, serial, ERROR))
        err = decode_error(body)
        self.assertEqual((err["code"], err["domain"]), (VIR_ERR_RPC, VIR_FROM_RPC), err)
        self.assertEqual(err["level"], 2, err)
        if message is not None:
            self.assertEqual(err["message"], message)
        return err

    def assertStillUsable(self, w):
        hdr, body = w.call(PROC_CONNECT_GET_TYPE)
        self.assertEqual(hdr[5], OK, decode_error(body) if hdr[5] else None)
        self.assertEqual(Unpacker(body).str(), "QEMU")

    # framing violations: error or drop --------------------------------------
    def test_length_zero(self):
        w = Wire(self.daemon.sock)
        w.send_raw(u32(0))
        self.assertDroppedOrError(w, "length 0")
        w.close()

    def test_length_below_header(self):
        for n in (4, 8, 27):
            w = Wire(self.daemon.sock)
            w.send_raw(u32(n) + b"\0" * (n - 4))
            self.assertDroppedOrError(w, "length %d" % n)
            w.close()

    def test_length_over_limit(self):
        # Dropped as soon as the length word is read: nothing more is sent.
        # (PROTOCOL.md gives 16 MiB as the message limit; Debian's libvirtd 9.0
        # accepts up to 32 MiB, so only lengths beyond both are checked here.)
        for n in (2 * MAX_MESSAGE + 5, 0x7FFFFFFF, 0xFFFFFFFF):
            w = Wire(self.daemon.sock).session()
            w.send_raw(u32(n) + struct.pack(">IIiiIi", REMOTE_PROG, 1, PROC_CONNECT_GET_TYPE,
                                             CALL, 99, OK))
            self.assertDroppedOrError(w, "length %d" % n)
            w.close()

    def test_length_just_over_16mib(self):
        # A complete message one byte over 16 MiB: refused or answered.
        n = MAX_MESSAGE + 5
        w = Wire(self.daemon.sock, timeout=30).session()
        body = struct.pack(">IIiiIi", REMOTE_PROG, 1, 9999, CALL, 99, OK)
        body += b"\0" * (n - 4 - len(body))
        try:
            w.send_raw(u32(n) + body)
        except Dropped:
            w.close()
            return
        except socket.timeout:
            self.fail("daemon stopped reading a %d-byte message" % n)
        self.assertDroppedOrError(w, "length %d" % n)
        w.close()

    def test_truncated_then_close(self):
        for sent in (b"\0\0", u32(100), u32(100) + b"\x20\x00\x80\x86" + b"\0" * 12):
            w = Wire(self.daemon.sock).session()
            w.send_raw(sent)
            w.close()
        time.sleep(0.2)

    def test_truncated_held_open_does_not_block_others(self):
        w = Wire(self.daemon.sock).session()
        w.send_raw(u32(200) + struct.pack(">IIiiIi", REMOTE_PROG, 1, PROC_CONNECT_GET_TYPE,
                                          CALL, 7, OK))
        try:
            # other clients are served while this half message is pending
            self.assertEqual(self.conn.getType(), "QEMU")
            self.out("list", "--all", timeout=20)
        finally:
            w.close()

    def test_idle_connections(self):
        idle = [Wire(self.daemon.sock) for _ in range(10)]
        try:
            self.assertEqual(self.conn.getType(), "QEMU")
            self.out("list", "--all", timeout=20)
        finally:
            for w in idle:
                w.close()

    # well-framed but wrong: libvirt's error reply, connection stays usable ---
    def test_unknown_program(self):
        w = Wire(self.daemon.sock).session()
        s = w.send(PROC_CONNECT_GET_TYPE, prog=0x12345678)
        self.assertRpcError(w, s, (0x12345678, 1, PROC_CONNECT_GET_TYPE),
                            "Cannot find program 305419896 version 1")
        self.assertStillUsable(w)
        w.close()

    def test_wrong_version(self):
        w = Wire(self.daemon.sock).session()
        s = w.send(PROC_CONNECT_GET_TYPE, vers=2)
        self.assertRpcError(w, s, (REMOTE_PROG, 2, PROC_CONNECT_GET_TYPE),
                            "Cannot find program %d version 2" % REMOTE_PROG)
        self.assertStillUsable(w)
        w.close()

    def test_unknown_procedure(self):
        w = Wire(self.daemon.sock).session()
        for proc in (9999, 0, -1, 450, 0x7FFFFFFF):
            s = w.send(proc)
            self.assertRpcError(w, s, (REMOTE_PROG, 1, proc), "unknown procedure: %d" % proc)
        s = w.send(9999, prog=QEMU_PROG)
        self.assertRpcError(w, s, (QEMU_PROG, 1, 9999))
        self.assertStillUsable(w)
        w.close()

    def test_unknown_procedure_before_auth(self):
        w = Wire(self.daemon.sock)
        w.send(9999)
        self.assertDroppedOrError(w, "unknown procedure before auth")
        w.close()

    def test_garbage_payload(self):
        w = Wire(self.daemon.sock).session()
        cases = [
            (PROC_CONNECT_SUPPORTS_FEATURE, b""),                    # too short
            (PROC_DOMAIN_LOOKUP_BY_NAME, u32(0x7FFFFFF0) + b"abcd"),  # string length lies
            (PROC_DOMAIN_LOOKUP_BY_NAME, u32(0xFFFFFFFF)),
            (PROC_DOMAIN_LOOKUP_BY_UUID, b"\x01\x02\x03"),          # short opaque
            (PROC_DOMAIN_LOOKUP_BY_ID, b"\x01"),
        ]
        for proc, payload in cases:
            s = w.send(proc, payload)
            self.assertRpcError(w, s, (REMOTE_PROG, 1, proc), "Unable to decode message payload")
        self.assertStillUsable(w)
        w.close()

    def test_trailing_junk_ignored(self):
        w = Wire(self.daemon.sock).session()
        hdr, body = w.call(PROC_DOMAIN_LOOKUP_BY_NAME, xstr("abuse-witness") + b"junkjunk")
        self.assertEqual(hdr[5], OK, decode_error(body) if hdr[5] else None)
        self.assertEqual(Unpacker(body).str(), "abuse-witness")
        w.close()

    def test_lookup_error_reply(self):
        w = Wire(self.daemon.sock).session()
        hdr, body = w.call(PROC_DOMAIN_LOOKUP_BY_NAME, xstr("no-such-domain"))
        self.assertEqual(hdr[5], ERROR)
        err = decode_error(body)
        self.assertEqual(err["code"], 42)
        self.assertEqual(err["message"],
                         "Domain not found: no domain with matching name 'no-such-domain'")
        self.assertStillUsable(w)
        w.close()

    def test_call_with_error_status(self):
        w = Wire(self.daemon.sock).session()
        s = w.send(PROC_CONNECT_GET_TYPE, status=ERROR)
        res = self.assertDroppedOrError(w, "CALL with status ERROR")
        if res != "dropped":
            self.assertEqual(res[1][4], s)
            self.assertStillUsable(w)
        w.close()

    def test_unexpected_message_types(self):
        w = Wire(self.daemon.sock).session()
        for mtype in (REPLY, MESSAGE, STREAM, 6, 99):
            try:
                w.send(PROC_CONNECT_GET_TYPE, mtype=mtype, serial=1000 + mtype)
            except Dropped:
                break
        # libvirt drops these silently; a connection that survives must still work
        try:
            self.assertStillUsable(w)
        except Dropped:
            pass
        w.close()

    def test_call_before_open(self):
        w = Wire(self.daemon.sock)
        hdr, body = w.call(PROC_AUTH_LIST)
        self.assertEqual(hdr[5], OK)
        hdr, body = w.call(PROC_CONNECT_GET_TYPE)
        self.assertEqual(hdr[5], ERROR)
        decode_error(body)
        w.close()

    def test_big_message_unknown_procedure(self):
        w = Wire(self.daemon.sock).session()
        s = w.send(9999, b"\0" * (1024 * 1024))
        self.assertRpcError(w, s, (REMOTE_PROG, 1, 9999))
        self.assertStillUsable(w)
        w.close()

    def test_random_payloads(self):
        # Seeded, bounded: random bytes to side-effect-free lookups.
        rng = random.Random(20240901)
        procs = (PROC_CONNECT_SUPPORTS_FEATURE, PROC_DOMAIN_LOOKUP_BY_NAME,
                 PROC_DOMAIN_LOOKUP_BY_UUID, PROC_DOMAIN_LOOKUP_BY_ID, 9999)
        w = Wire(self.daemon.sock).session()
        for _ in range(200):
            proc = rng.choice(procs)
            payload = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 64)))
            s = w.send(proc, payload)
            res = w.outcome()
            self.assertIsInstance(res, tuple, "proc %d payload %s: %r" % (proc, payload.hex(), res))
            self.assertEqual(res[1][4], s)
            self.assertEqual(res[1][3], REPLY)
        self.assertStillUsable(w)
        w.close()


if __name__ == "__main__":
    harness.main()
