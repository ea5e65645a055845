#!/usr/bin/python3
"""virtsecretd end to end with Debian's virsh and python3-libvirt: define
(with and without a UUID), list (libvirt's table and filters), dump, values
(base64, file, plain), private and missing values, undefine, the errors
virsh shows, persistence across restarts with values encrypted at rest,
ephemeral secrets, the read-only socket, events, and idle exit."""

import base64
import os
import re
import stat
import subprocess
import textwrap
import time
import unittest
import uuid as uuidlib

import harness
import test_libclient

SECRET_XML = """<secret ephemeral='{ephemeral}' private='{private}'>
{uuid}  <description>{description}</description>
  <usage type='{usage}'>
    <{element}>{usage_id}</{element}>
  </usage>
</secret>
"""

USAGE_ELEMENT = {"volume": "volume", "ceph": "name", "iscsi": "target", "tls": "name",
                 "vtpm": "name"}


def secret_xml(uuid=None, usage="volume", usage_id=None, ephemeral=False, private=False,
               description="e2e secret"):
    return SECRET_XML.format(
        ephemeral="yes" if ephemeral else "no", private="yes" if private else "no",
        uuid="  <uuid>%s</uuid>\n" % uuid if uuid else "", description=description,
        usage=usage, element=USAGE_ELEMENT[usage],
        usage_id=usage_id or "/var/lib/libvirt/images/%s.img" % uuidlib.uuid4().hex[:8])


class SecretTest(harness.DaemonTestCase):

    daemon_name = "virtsecretd"

    def setUp(self):
        super().setUp()
        self._secrets = []

    def tearDown(self):
        for u in reversed(self._secrets):
            self.virsh("secret-undefine", u, check=False)
        super().tearDown()

    # helpers -------------------------------------------------------------
    def define(self, xml, name=None):
        """secret-define; returns the secret's UUID (undefined at the end)."""
        path = self.daemon.write_xml(name or "secret-" + uuidlib.uuid4().hex[:8], xml)
        out = self.out("secret-define", path)
        m = re.fullmatch(r"Secret ([0-9a-f-]{36}) created\n\n", out)
        self.assertIsNotNone(m, out)
        self._secrets.append(m.group(1))
        return m.group(1)

    def secrets_dir(self, *parts):
        return self.daemon.path("etc", "libvirt", "secrets", *parts)

    def set_value(self, u, value):
        path = self.daemon.path("value.b64")
        with open(path, "w") as f:
            f.write(base64.b64encode(value).decode())
        self.assertEqual(self.out("secret-set-value", u, "--file", path),
                         "Secret value set\n\n")

    def get_value(self, u):
        return base64.b64decode(self.out("secret-get-value", u).strip())

    def list_uuids(self, *flags):
        lines = self.out("secret-list", *flags).splitlines()[2:]
        return sorted(l.split()[0] for l in lines if l.strip())

    def python(self, script, uri=None):
        code = "import libvirt\nuri = %r\n" % (uri or self.daemon.uri) + textwrap.dedent(script)
        res = subprocess.run(["/usr/bin/python3", "-c", code], capture_output=True, text=True,
                             timeout=60)
        self.assertEqual(res.returncode, 0, res.stderr + "\n" + self.daemon.log_tail())
        return res.stdout

    # definition ----------------------------------------------------------
    def test_define_with_uuid_and_dumpxml(self):
        u = str(uuidlib.uuid4())
        self.assertEqual(self.define(secret_xml(uuid=u, usage_id="/srv/a.img")), u)
        self.assertEqual(self.out("secret-dumpxml", u),
                         "<secret ephemeral='no' private='no'>\n"
                         "  <uuid>%s</uuid>\n"
                         "  <description>e2e secret</description>\n"
                         "  <usage type='volume'>\n"
                         "    <volume>/srv/a.img</volume>\n"
                         "  </usage>\n"
                         "</secret>\n\n" % u)
        st = os.stat(self.secrets_dir(u + ".xml"))
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(self.secrets_dir()).st_mode), 0o700)

    def test_define_without_uuid(self):
        u = self.define(secret_xml(usage="ceph", usage_id="client.e2e-gen"))
        self.assertNotEqual(uuidlib.UUID(u).int, 0)
        self.assertIn("<uuid>%s</uuid>" % u, self.out("secret-dumpxml", u))
        self.assertIn(u, self.list_uuids())

    def test_redefine_keeps_value(self):
        u = self.define(secret_xml(usage="tls", usage_id="tls-redefine", description="one"))
        self.set_value(u, b"kept")
        self.define(secret_xml(uuid=u, usage="tls", usage_id="tls-redefine", description="two"))
        self.assertIn("<description>two</description>", self.out("secret-dumpxml", u))
        self.assertEqual(self.get_value(u), b"kept")

    def test_duplicate_usage_refused(self):
        u = self.define(secret_xml(usage="iscsi", usage_id="iqn.e2e:dup"))
        path = self.daemon.write_xml("dup", secret_xml(usage="iscsi", usage_id="iqn.e2e:dup"))
        err = self.assertVirshError(self.virsh("secret-define", path, check=False))
        self.assertEqual(err, "error: Failed to set attributes from %s\n"
                              "error: internal error: a secret with UUID %s already defined "
                              "for use with iqn.e2e:dup\n" % (path, u))
        # The same UUID cannot take another usage either.
        path = self.daemon.write_xml("dup2", secret_xml(uuid=u, usage="iscsi",
                                                        usage_id="iqn.e2e:other"))
        self.assertVirshError(self.virsh("secret-define", path, check=False),
                              "is already defined for use with iqn.e2e:dup")

    def test_bad_xml_refused(self):
        path = self.daemon.write_xml("bad", "<secret><usage type='nfs'/></secret>")
        self.assertVirshError(self.virsh("secret-define", path, check=False),
                              "unsupported configuration: unknown secret usage type 'nfs'")
        path = self.daemon.write_xml("strict", "<secret><owner/></secret>")
        self.assertVirshError(self.virsh("secret-define", "--validate", path, check=False),
                              "unexpected element 'owner'")

    # listing -------------------------------------------------------------
    def test_list_table(self):
        # The secret of captures/30b, and one without usage.
        u1 = "8c4a1b2e-1111-4d2a-9c3e-00000000a001"
        u0 = "0c4a1b2e-1111-4d2a-9c3e-00000000a000"
        self.define(secret_xml(uuid=u1, usage_id="/tmp/wire/pool/wire-vol.img"))
        self.define("<secret><uuid>%s</uuid></secret>" % u0)
        self.assertEqual(self.out("secret-list"),
                         " UUID                                   Usage\n"
                         "----------------------------------------------------------------------------\n"
                         " %s   Unused\n"
                         " %s   volume /tmp/wire/pool/wire-vol.img\n\n" % (u0, u1))

    def test_list_filters(self):
        plain = self.define(secret_xml(usage="ceph", usage_id="f-plain"))
        eph = self.define(secret_xml(usage="ceph", usage_id="f-eph", ephemeral=True))
        priv = self.define(secret_xml(usage="ceph", usage_id="f-priv", private=True))
        both = self.define(secret_xml(usage="ceph", usage_id="f-both", ephemeral=True,
                                      private=True))
        self.assertEqual(self.list_uuids(), sorted([plain, eph, priv, both]))
        self.assertEqual(self.list_uuids("--ephemeral"), sorted([eph, both]))
        self.assertEqual(self.list_uuids("--no-ephemeral"), sorted([plain, priv]))
        self.assertEqual(self.list_uuids("--private"), sorted([priv, both]))
        self.assertEqual(self.list_uuids("--no-private"), sorted([plain, eph]))
        self.assertEqual(self.list_uuids("--ephemeral", "--no-private"), [eph])
        self.assertEqual(self.list_uuids("--private", "--no-private"),
                         sorted([plain, eph, priv, both]))

    # values --------------------------------------------------------------
    def test_set_and_get_value(self):
        u = self.define(secret_xml())
        # As in captures/29 and 30.
        self.set_value(u, b"secret-value")
        self.assertEqual(self.out("secret-get-value", u), "c2VjcmV0LXZhbHVl\n")
        # --base64 works too (virsh warns that it is insecure).
        rc, out, err = self.virsh("secret-set-value", u, "--base64",
                                  base64.b64encode(b"\x00\xffbinary").decode())
        self.assertEqual(out, "Secret value set\n\n")
        self.assertEqual(self.get_value(u), b"\x00\xffbinary")
        # --plain reads and writes the raw bytes.
        path = self.daemon.path("plain.txt")
        with open(path, "wb") as f:
            f.write(b"plain value")
        self.out("secret-set-value", u, "--file", path, "--plain")
        self.assertEqual(self.out("secret-get-value", u, "--plain"), "plain value\n")

    def test_value_without_value(self):
        u = self.define(secret_xml())
        err = self.assertVirshError(self.virsh("secret-get-value", u, check=False))
        self.assertEqual(err, "error: Secret not found: secret '%s' does not have a value\n"
                         % u)

    def test_private_value_refused(self):
        u = self.define(secret_xml(private=True, usage_id="/srv/private.img"))
        self.set_value(u, b"hidden")
        err = self.assertVirshError(self.virsh("secret-get-value", u, check=False))
        self.assertEqual(err, "error: Invalid secret: secret is private\n")
        # Making it public again is refused as well.
        path = self.daemon.write_xml("public", secret_xml(uuid=u, private=False,
                                                          usage_id="/srv/private.img"))
        self.assertVirshError(self.virsh("secret-define", path, check=False),
                              "cannot change private flag on existing secret")

    # undefine and errors -------------------------------------------------
    def test_undefine(self):
        u = self.define(secret_xml())
        self.set_value(u, b"gone soon")
        self.assertTrue(os.path.exists(self.secrets_dir(u + ".base64")))
        self.assertEqual(self.out("secret-undefine", u), "Secret %s deleted\n\n" % u)
        self._secrets.remove(u)
        self.assertNotIn(u, self.list_uuids())
        self.assertFalse(os.path.exists(self.secrets_dir(u + ".xml")))
        self.assertFalse(os.path.exists(self.secrets_dir(u + ".base64")))

    def test_unknown_uuid(self):
        # What captures/30c shows.
        u = "8c4a1b2e-1111-4d2a-9c3e-00000000a00f"
        err = self.assertVirshError(self.virsh("secret-get-value", u, check=False))
        self.assertEqual(err, "error: failed to get secret '%s'\n"
                              "error: Secret not found: no secret with matching uuid '%s'\n"
                              % (u, u))
        self.assertVirshError(self.virsh("secret-undefine", u, check=False),
                              "no secret with matching uuid '%s'" % u)

    def test_connection(self):
        out = self.python("""
            c = libvirt.open(uri)
            print(c.getType(), c.getURI().split("?")[0])
            try:
                c.listAllDomains()
            except libvirt.libvirtError as e:
                print(e.get_error_code())
            """)
        self.assertEqual(out, "secret secret:///system\n%d\n" % 3)  # VIR_ERR_NO_SUPPORT
        self.assertVirshError(self.virsh("list", check=False), "not supported")
        sock = self.daemon.sock
        self.assertVirshError(self.virsh("secret-list", check=False,
                                         uri="qemu:///system?socket=" + sock),
                              "no connection driver available for qemu:///system")
        self.assertVirshError(self.virsh("secret-list", check=False,
                                         uri="secret:///session?socket=" + sock),
                              "unexpected secret URI path '/session', try secret:///system")

    # read-only socket ----------------------------------------------------
    def test_readonly_socket(self):
        u = self.define(secret_xml())
        self.set_value(u, b"ro")
        self.assertIn(u, self.out("secret-list", ro=True))
        self.assertIn("<uuid>%s</uuid>" % u, self.out("secret-dumpxml", u, ro=True))
        path = self.daemon.write_xml("ro", secret_xml())
        denied = [("secret-define", path, "virSecretDefineXML"),
                  ("secret-set-value", u, "--base64", "eA==", "virSecretSetValue"),
                  ("secret-get-value", u, "virSecretGetValue"),
                  ("secret-undefine", u, "virSecretUndefine")]
        for cmd in denied:
            self.assertVirshError(self.virsh(*cmd[:-1], check=False, ro=True),
                                  "operation forbidden: read only access prevents %s"
                                  % cmd[-1])
        self.assertEqual(self.get_value(u), b"ro")

    # persistence ---------------------------------------------------------
    def test_restart_keeps_definitions_and_values(self):
        u = self.define(secret_xml(usage="vtpm", usage_id="vtpm-restart"))
        value = b"persistent value"
        self.set_value(u, value)
        data = self.secrets_dir(u + ".base64")
        stored = harness.read_text(data)
        self.assertEqual(stat.S_IMODE(os.stat(data).st_mode), 0o600)
        raw = base64.b64decode(stored)
        self.assertNotIn(value, raw)
        self.assertNotIn(base64.b64encode(value).decode(), stored)
        # nonce + ciphertext + tag
        self.assertEqual(len(raw), 12 + len(value) + 16)
        key = self.daemon.path("var", "lib", "libvirt", "secrets", "secrets-encryption-key")
        self.assertEqual(os.path.getsize(key), 32)
        self.assertEqual(stat.S_IMODE(os.stat(key).st_mode), 0o600)
        # A new nonce each time, even for the same value.
        self.set_value(u, value)
        self.assertNotEqual(harness.read_text(data), stored)

        xml = self.out("secret-dumpxml", u)
        self.daemon.restart()
        self.assertEqual(self.out("secret-dumpxml", u), xml)
        self.assertEqual(self.get_value(u), value)

    def test_ephemeral_lost_on_restart(self):
        u = self.define(secret_xml(usage="tls", usage_id="eph-restart", ephemeral=True))
        self.set_value(u, b"memory only")
        self.assertEqual(self.get_value(u), b"memory only")
        self.assertFalse(os.path.exists(self.secrets_dir(u + ".xml")))
        self.assertFalse(os.path.exists(self.secrets_dir(u + ".base64")))
        self.daemon.restart()
        self.assertNotIn(u, self.list_uuids())
        self._secrets.remove(u)

    def test_persistent_becomes_ephemeral(self):
        u = self.define(secret_xml(usage="tls", usage_id="to-eph"))
        self.set_value(u, b"v")
        self.define(secret_xml(uuid=u, usage="tls", usage_id="to-eph", ephemeral=True))
        self.assertFalse(os.path.exists(self.secrets_dir(u + ".xml")))
        self.assertFalse(os.path.exists(self.secrets_dir(u + ".base64")))
        self.define(secret_xml(uuid=u, usage="tls", usage_id="to-eph"))
        self.assertTrue(os.path.exists(self.secrets_dir(u + ".base64")))
        self.assertEqual(self.get_value(u), b"v")

    def test_tampered_value_file_not_loaded(self):
        u = self.define(secret_xml(usage="tls", usage_id="tamper"))
        self.set_value(u, b"original")
        data = self.secrets_dir(u + ".base64")
        raw = bytearray(base64.b64decode(harness.read_text(data)))
        raw[-1] ^= 1
        self.daemon.stop()
        with open(data, "w") as f:
            f.write(base64.b64encode(bytes(raw)).decode())
        self.daemon.start()
        self.assertNotIn(u, self.list_uuids())
        self.assertIn("does not decrypt", harness.read_text(self.daemon.logpath))
        self._secrets.remove(u)
        os.unlink(data)
        os.unlink(self.secrets_dir(u + ".xml"))

    # through virtqemud -----------------------------------------------------
    def test_relayed_by_virtqemud(self):
        """A client of virtqemud in the same root reaches these secrets."""
        q = harness.Daemon(name="virtqemud", root=self.daemon.root)
        try:
            q.start()
            path = q.write_xml("relayed", secret_xml(usage="ceph", usage_id="client.relay"))
            out = q.virsh("secret-define", path)[1]
            u = re.fullmatch(r"Secret ([0-9a-f-]{36}) created\n\n", out).group(1)
            self._secrets.append(u)
            self.assertIn(u, self.list_uuids())
            q.virsh("secret-set-value", u, "--base64", "cmVsYXllZA==")
            self.assertEqual(self.get_value(u), b"relayed")
            self.assertEqual(q.virsh("secret-get-value", u)[1], "cmVsYXllZA==\n")
            rc, out, err = q.virsh("secret-get-value", u, ro=True, check=False)
            self.assertNotEqual(rc, 0)
            self.assertIn("read only access prevents virSecretGetValue", err)
        finally:
            q.cleanup()

    # python3-libvirt -----------------------------------------------------
    def test_python_roundtrip(self):
        out = self.python("""
            c = libvirt.open(uri)
            s = c.secretDefineXML("<secret ephemeral='no' private='no'>"
                                  "<usage type='ceph'><name>client.python</name></usage>"
                                  "</secret>")
            s.setValue(b"\\x00python\\xff")
            print(s.usageType(), s.usageID(), s.value() == b"\\x00python\\xff")
            t = c.secretLookupByUsage(libvirt.VIR_SECRET_USAGE_TYPE_CEPH, "client.python")
            print(t.UUIDString() == s.UUIDString(), c.numOfSecrets() >= 1,
                  s.UUIDString() in c.listSecrets(),
                  [x.UUIDString() for x in c.listAllSecrets(
                      libvirt.VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL)].count(s.UUIDString()))
            s.undefine()
            try:
                c.secretLookupByUUIDString(s.UUIDString())
            except libvirt.libvirtError as e:
                print(e.get_error_code(), e.get_error_domain())
            c.close()
            """)
        self.assertEqual(out, "2 client.python True\nTrue True True 1\n66 30\n")

    # events --------------------------------------------------------------
    def test_events(self):
        argv = [harness.VIRSH, "-c", self.daemon.uri, "secret-event", "--loop",
                "--timeout", "6"]
        env = dict(os.environ, LC_ALL="C", HOME=self.daemon.root)
        life = subprocess.Popen(argv + ["--event", "lifecycle"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)
        value = subprocess.Popen(argv + ["--event", "value-changed"], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env)
        time.sleep(2)
        u = self.define(secret_xml(usage="ceph", usage_id="client.events"))
        self.set_value(u, b"v1")
        self.out("secret-undefine", u)
        self._secrets.remove(u)
        out1, err1 = life.communicate(timeout=30)
        out2, err2 = value.communicate(timeout=30)
        self.assertEqual(out1, "event 'lifecycle' for secret %s: Defined\n"
                               "event 'lifecycle' for secret %s: Undefined\n"
                               "event loop timed out\n"
                               "events received: 2\n\n" % (u, u), err1)
        self.assertEqual(out2, "event 'value-changed' for secret %s\n"
                               "event loop timed out\n"
                               "events received: 1\n\n" % u, err2)

    def test_events_filtered_by_secret(self):
        u = self.define(secret_xml(usage="ceph", usage_id="client.filter"))
        other = self.define(secret_xml(usage="ceph", usage_id="client.other"))
        out = self.python("""
            import time
            libvirt.virEventRegisterDefaultImpl()
            c = libvirt.open(uri)
            seen = []
            s = c.secretLookupByUUIDString(%r)
            def cb(conn, secret, opaque):
                seen.append(secret.UUIDString())
            cid = c.secretEventRegisterAny(s, libvirt.VIR_SECRET_EVENT_ID_VALUE_CHANGED, cb, None)
            c.secretLookupByUUIDString(%r).setValue(b"x")
            s.setValue(b"y")
            end = time.time() + 10
            while not seen and time.time() < end:
                libvirt.virEventRunDefaultImpl()
            c.secretEventDeregisterAny(cid)
            print(seen)
            """ % (u, other))
        self.assertEqual(out, "[%r]\n" % u)


class SecretLibclientTest(harness.DaemonTestCase):
    """The same program against our library and against Debian's libvirt:
    the same output, events included."""

    daemon_name = "virtsecretd"

    PROGRAM = os.path.join(harness.HERE, "programs", "secretprog.c")
    EXPECTED = [
        "type secret",
        "registered 1",
        "defined 7e57ab1e-0000-4000-8000-00000000c0de usage 3 iqn.libclient",
        "no value yet: 66 30 Secret not found: secret "
        "'7e57ab1e-0000-4000-8000-00000000c0de' does not have a value",
        "value round trip",
        "by usage 7e57ab1e-0000-4000-8000-00000000c0de",
        "by other usage: 66 30 Secret not found: no secret with matching usage "
        "'iqn.libclient'",
        "by unknown uuid: 66 30 Secret not found: no secret with matching uuid "
        "'7e57ab1e-0000-4000-8000-00000000dead'",
        "xml has target 1",
        "listed 1",
        "counted 1",
        "uuid 7e57ab1e-0000-4000-8000-00000000c0de",
        "after undefine: 66 30 Secret not found: no secret with matching uuid "
        "'7e57ab1e-0000-4000-8000-00000000c0de'",
        "event lifecycle iqn.libclient 0 0",
        "event value-changed iqn.libclient",
        "event lifecycle iqn.libclient 1 0",
        "events 3",
        "deregistered twice fails",
    ]

    def run_program(self, binary, env):
        res = subprocess.run([binary, self.daemon.uri], env=env, capture_output=True,
                             text=True, timeout=60)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        # "by bad uuid" is checked on the client side, in words of its own.
        return [l for l in res.stdout.splitlines() if not l.startswith("by bad uuid")]

    def test_program_both_libraries(self):
        work = self.daemon.path("prog")
        os.makedirs(work, exist_ok=True)
        ours = os.path.join(work, "secretprog-ours")
        subprocess.run(["gcc", "-Wall", "-Werror", "-o", ours, self.PROGRAM] +
                       test_libclient.pkgconfig_flags(), check=True)
        env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(harness.BUILD_DIR, "libclient"))
        self.assertEqual(self.run_program(ours, env), self.EXPECTED)

        include = test_libclient.debian_headers(work)
        if include is None:
            self.skipTest("Debian's libvirt-dev could not be downloaded")
        theirs = os.path.join(work, "secretprog-debian")
        subprocess.run(["gcc", "-Wall", "-Werror", "-o", theirs, self.PROGRAM, "-I" + include,
                        "/usr/lib/x86_64-linux-gnu/libvirt.so.0"], check=True)
        self.assertEqual(self.run_program(theirs, dict(os.environ)), self.EXPECTED)


class SecretIdleTest(unittest.TestCase):
    """Ephemeral secrets keep an idle daemon alive."""

    def test_ephemeral_inhibits_idle_exit(self):
        d = harness.Daemon(name="virtsecretd", args=["--timeout", "1"])
        try:
            d.start()
            path = d.write_xml("eph", secret_xml(usage="tls", usage_id="idle", ephemeral=True))
            u = re.search(r"[0-9a-f-]{36}", d.virsh("secret-define", path)[1]).group(0)
            time.sleep(3.5)
            self.assertTrue(d.alive(), "exited with an ephemeral secret defined\n" + d.log_tail())
            d.virsh("secret-undefine", u)
            self.assertTrue(harness.wait_for(lambda: not d.alive(), 10),
                            "did not exit once idle\n" + d.log_tail())
            self.assertEqual(d.proc.returncode, 0)
        finally:
            d.cleanup()


if __name__ == "__main__":
    harness.main()
