"""virtsh against Debian's virsh: the same commands, run by both on the
same daemon, must print the same stdout and stderr and exit the same way.

Commands that change a domain are run as a sequence twice, once by each
tool, from the same starting state, and the two transcripts compared.

Environment (besides tests/e2e/harness.py's):
  VIRTSH   our virtsh (default: $VIRTD_BUILD_DIR/libclient/cli/virtsh)
"""

import os
import re
import subprocess
import sys
import time
import unittest
import uuid as uuidlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))

import harness  # noqa: E402

VIRSH = harness.VIRSH
VIRTSH = os.environ.get("VIRTSH") or os.path.join(harness.BUILD_DIR, "libclient", "cli", "virtsh")
TIMEOUT = 60


class VirtshTestCase(harness.DaemonTestCase):
    """Helpers to run either tool against the class's daemon."""

    @classmethod
    def setUpClass(cls):
        if not (os.path.isfile(VIRTSH) and os.access(VIRTSH, os.X_OK)):
            raise unittest.SkipTest("virtsh not built (%s); set VIRTSH" % VIRTSH)
        super().setUpClass()

    def env(self):
        env = dict(os.environ)
        for k in ("LIBVIRT_DEFAULT_URI", "VIRSH_DEFAULT_CONNECT_URI",
                  "VIRTSH_DEFAULT_CONNECT_URI", "LIBVIRT_DEBUG", "LIBVIRT_LOG_OUTPUTS",
                  "LIBVIRT_LOG_FILTERS", "VIRSH_HISTSIZE", "VIRTSH_HISTSIZE"):
            env.pop(k, None)
        env.update(LC_ALL="C", LANG="C", HOME=self.daemon.root,
                   XDG_CACHE_HOME=self.daemon.path("cache"),
                   XDG_CONFIG_HOME=self.daemon.path("config"))
        return env

    def run_tool(self, tool, *args, connect=True, stdin=None, uri=None):
        argv = [tool]
        if connect:
            argv += ["-c", uri or self.daemon.uri]
        argv += [str(a) for a in args]
        res = subprocess.run(argv, input=stdin if stdin is not None else "",
                             capture_output=True, text=True, timeout=TIMEOUT,
                             env=self.env())
        return res.returncode, res.stdout, res.stderr

    def both(self, *args, **kw):
        return self.run_tool(VIRSH, *args, **kw), self.run_tool(VIRTSH, *args, **kw)

    def compare(self, *args, **kw):
        """Run the same command line with both tools; they must agree."""
        ref, ours = self.both(*args, **kw)
        self.assertEqual(ours, ref, "virtsh and virsh differ for %r" % (args,))
        return ours

    def virtsh(self, *args, **kw):
        return self.run_tool(VIRTSH, *args, **kw)

    def define_named(self, name, **kw):
        path = self.daemon.write_domain(name, uuid=str(uuidlib.uuid4()), **kw)
        self.track(name)
        rc, out, err = self.virsh("define", path)
        return path


class TestHost(VirtshTestCase):
    def test_host_commands(self):
        for args in (["version"], ["version", "--daemon"], ["uri"], ["hostname"],
                     ["nodeinfo"], ["capabilities"], ["sysinfo"], ["domcapabilities"],
                     ["domcapabilities", "--virttype", "qemu"],
                     ["domcapabilities", "qemu", harness.QEMU, "x86_64", "pc"],
                     ["domcapabilities", "--arch", "nosuch-arch"],
                     ["uri; hostname"], ["-q", "version"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_connection_failure(self):
        bad = "qemu+unix:///system?socket=" + self.daemon.path("no-such-sock")
        # Our library adds which daemon should be listening and how to start
        # it: the one intended difference; without it the text is virsh's.
        hint = re.compile(r" \((is |is the daemon)[^)]*\)(?=\n)")
        for args in (("uri",), ("help", "uri")):
            ref, ours = self.both(*args, uri=bad)
            self.assertRegex(ours[2], hint)
            self.assertEqual((ours[0], ours[1], hint.sub("", ours[2])), ref)


class TestList(VirtshTestCase):
    """Tables with names of different lengths in every state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        d = cls.daemon
        cls.names = ["a", "mid-size-name", "a-rather-longer-domain-name", "zz-paused",
                     "Capital"]
        for n in cls.names:
            d.virsh("define", d.write_domain(n))
        d.virsh("start", "a")
        d.virsh("start", "--paused", "zz-paused")
        d.virsh("autostart", "mid-size-name")
        titled = harness.domain_xml("titled").replace(
            "<name>titled</name>", "<name>titled</name>\n  <title>A &amp; B</title>")
        d.virsh("define", d.write_xml("titled", titled))
        d.virsh("start", "titled")
        # a transient one
        d.virsh("create", d.write_domain("transient-x"))

    def test_tables(self):
        for args in (["list"], ["list", "--all"], ["list", "--inactive"],
                     ["list", "--all", "--title"], ["list", "--title"],
                     ["list", "--all", "--managed-save"],
                     ["list", "--state-running"], ["list", "--state-paused", "--all"],
                     ["list", "--state-shutoff"], ["list", "--state-other", "--all"],
                     ["list", "--persistent", "--all"], ["list", "--transient", "--all"],
                     ["list", "--autostart", "--all"], ["list", "--no-autostart", "--all"],
                     ["list", "--with-managed-save", "--all"],
                     ["list", "--without-managed-save"], ["list", "--table", "--all"],
                     ["-q", "list", "--all"], ["-r", "list", "--all"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_bare_lists(self):
        for args in (["list", "--name", "--all"], ["list", "--uuid", "--all"],
                     ["list", "--id", "--all"], ["list", "--id"],
                     ["list", "--id", "--name", "--all"],
                     ["list", "--uuid", "--name", "--all"],
                     ["list", "--uuid", "--id", "--name", "--all"],
                     ["list", "--name", "--title", "--all"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_exclusive_options(self):
        for opt in ("--name", "--uuid", "--id"):
            with self.subTest(opt=opt):
                self.compare("list", "--table", opt)

    def test_dominfo_domstate(self):
        uuid = self.virtsh("domuuid", "zz-paused")[1].strip()
        domid = self.virtsh("domid", "a")[1].strip()
        for dom in ("a", "zz-paused", "mid-size-name", "transient-x", uuid, domid):
            for args in (["dominfo", dom], ["domstate", dom], ["domstate", dom, "--reason"],
                         ["domstate", "--reason", "--domain", dom], ["domid", dom],
                         ["domname", dom], ["domuuid", dom], ["dumpxml", dom],
                         ["dumpxml", "--inactive", dom], ["dumpxml", "--security-info", dom]):
                with self.subTest(args=args):
                    self.compare(*args)

    def test_unknown_domains(self):
        for args in (["dominfo", "nosuch"], ["domstate", "nosuch"], ["domstate", "999"],
                     ["domid", "nosuch"], ["domname", "a"], ["domname", "nosuch"],
                     ["domuuid", "nosuch"], ["dumpxml", "nosuch"], ["start", "nosuch"],
                     ["start", "a"], ["start", "1"], ["destroy", "nosuch"],
                     ["destroy", "mid-size-name"], ["suspend", "mid-size-name"],
                     ["resume", "a"], ["undefine", "nosuch"], ["autostart", "nosuch"],
                     ["shutdown", "nosuch"], ["reboot", "nosuch"], ["reset", "nosuch"],
                     ["console", "nosuch"], ["console", "mid-size-name"],
                     ["event", "--domain", "nosuch", "--all"],
                     ["dominfo", "00000000-0000-0000-0000-000000000000"],
                     ["dominfo nosuch; uri"], ["uri; dominfo nosuch"]):
            with self.subTest(args=args):
                self.compare(*args)


class TestLifecycle(VirtshTestCase):
    def transcript(self, tool, steps):
        """Each step's (rc, stdout, stderr), run by tool."""
        return [self.run_tool(tool, *s) for s in steps]

    def test_define_undefine(self):
        # A fixed UUID: both transcripts must name the same one.
        path = self.daemon.write_domain("defined-one", uuid=str(uuidlib.uuid4()))
        bad = self.daemon.write_xml("bad", "<domain type='qemu'><name>x</name>")
        self.track("defined-one")
        steps = [["define", path], ["define", path], ["dominfo", "defined-one"],
                 ["undefine", "defined-one"], ["undefine", "defined-one"],
                 ["define", "--validate", path], ["undefine", "--nvram", "defined-one"],
                 ["define", "--file", path], ["undefine", "--domain", "defined-one"],
                 ["define", bad], ["define", self.daemon.path("missing.xml")],
                 ["define", self.daemon.root], ["define"], ["undefine"]]
        self.assertEqual(self.transcript(VIRTSH, steps), self.transcript(VIRSH, steps))

    def test_lifecycle_messages(self):
        self.define_named("life")
        uuid = self.virtsh("domuuid", "life")[1].strip()
        steps = [["start", "--paused", "life"], ["start", "life"], ["resume", "life"],
                 ["suspend", "life"], ["suspend", "life"], ["resume", uuid],
                 ["reset", "life"], ["reboot", "life"], ["reboot", "--mode", "bogus", "life"],
                 ["shutdown", "--mode", "acpi", "life"], ["destroy", "--graceful", "life"],
                 ["destroy", "life"], ["start", uuid], ["destroy", uuid],
                 ["autostart", "life"], ["autostart", "--disable", "life"],
                 ["-q", "start", "life"], ["-q", "destroy", "life"]]
        self.assertEqual(self.transcript(VIRTSH, steps), self.transcript(VIRSH, steps))

    def test_create(self):
        path = self.daemon.write_domain("created", uuid=str(uuidlib.uuid4()))
        self.track("created")
        steps = [["create", path], ["create", path], ["destroy", "created"],
                 ["create", "--paused", path], ["domstate", "created", "--reason"],
                 ["destroy", "created"], ["create", self.daemon.path("missing.xml")]]
        self.assertEqual(self.transcript(VIRTSH, steps), self.transcript(VIRSH, steps))

    def test_readonly(self):
        self.define_named("ro-dom")
        for args in (["-r", "start", "ro-dom"], ["-r", "dominfo", "ro-dom"],
                     ["-r", "undefine", "ro-dom"]):
            with self.subTest(args=args):
                self.compare(*args)


class TestParsing(VirtshTestCase):
    def test_parse_errors(self):
        for args in (["nosuch"], ["start"], ["dominfo"], ["start", "--foo", "x"],
                     ["dominfo", "a", "b"], ["dominfo a b"], ["dominfo", "x", "--domain", "x"],
                     ["domstate", "x", "--reason=yes"], ["dominfo", "--domain"],
                     ["dominfo", "--domain="], ["dominfo", ""], ["list", "-a"],
                     ['dominfo "x'], ["dominfo 'x"], ["dominfo x\\"], ["dominfo a\\ b"],
                     ["uri ; nosuch ; hostname"], ["uri;;hostname"], ["uri # comment"],
                     ["uri\nhostname"], ["#only a comment"], [""], ["  "], [";"],
                     ["dominfo", "--", "--x"], ["domstate -- x --reason"],
                     ["list", "--all", "--name", "--"], ["event"], ["event", "--list"],
                     ["event", "--event", "nosuch"], ["event", "--all", "--event", "lifecycle"],
                     ["event", "--list", "--all"], ["event", "--all", "--timeout", "0"],
                     ["event", "--all", "--timeout", "x"], ["event", "--all", "--timeout", "-1"],
                     ["event", "--all", "--timeout", "1"], ["help", "nosuch"],
                     ["dominfo", "--help", "x", "y"], ["uri", "--help=x"],
                     ["shutdown", "--mode", "acpi,bogus", "x"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_global_options(self):
        uri = self.daemon.uri
        for args in (["-v"], ["--version"], ["--version=short"], ["-z"], ["--zzz"], ["-c"],
                     ["-k", "x", "-c", uri, "uri"], ["-k", "-1", "-c", uri, "uri"],
                     ["--keepalive-interval=x", "-c", uri, "uri"],
                     ["-K", "x", "-c", uri, "uri"], ["-k", "0", "-c", uri, "uri"],
                     ["-k", "10", "-K", "3", "-c", uri, "uri"],
                     ["-e", "xx", "-c", uri, "uri"], ["-e", "^1", "-c", uri, "uri"],
                     ["-e", "^a", "-c", uri, "uri"], ["-d", "7", "-c", uri, "uri"],
                     ["-d", "x", "-c", uri, "uri"], ["-q", "-c", uri, "uri"],
                     ["--connect=" + uri, "--readonly", "uri"],
                     ["--quiet", "--connect", uri, "nosuch"]):
            with self.subTest(args=args):
                self.compare(*args, connect=False)

    def test_interactive_piped(self):
        self.define_named("inter")
        script = ("uri\ndomstate inter --reason\nnosuch\ndominfo inter; domid inter\n\n"
                  "connect\nlist --all --name\nquit\nuri\n")
        for opts in (["-q"], ["-q", "-r"]):
            with self.subTest(opts=opts):
                ref, ours = self.both(*opts, stdin=script)
                ref = (ref[0], ref[1].replace("virsh # ", "virtsh # ")
                       .replace("virsh > ", "virtsh > "), ref[2])
                self.assertEqual(ours, ref)
        # Without -q only the welcome text may differ.
        ref, ours = self.both(stdin="uri\n")
        self.assertEqual(ours[0], ref[0])
        self.assertEqual(ours[2], ref[2])
        self.assertTrue(ours[1].endswith("virtsh # uri\n%s\n\nvirtsh # \n" % self.daemon.uri),
                        ours[1])


class TestEvents(VirtshTestCase):
    def test_events_loop(self):
        self.define_named("ev")
        self.virsh("start", "ev")
        procs = []
        for tool, extra in ((VIRSH, []), (VIRTSH, []), (VIRSH, ["--domain", "ev"]),
                            (VIRTSH, ["--domain", "ev"])):
            procs.append(subprocess.Popen(
                [tool, "-c", self.daemon.uri, "event", "--all", "--loop", "--timeout", "5"]
                + extra, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env=self.env()))
        one_shot = [subprocess.Popen([tool, "-c", self.daemon.uri, "event", "--event",
                                      "lifecycle", "--timeout", "5"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=self.env()) for tool in (VIRSH, VIRTSH)]
        time.sleep(1.5)   # both registered
        self.virsh("suspend", "ev")
        self.virsh("resume", "ev")
        self.virsh("destroy", "ev")
        results = [p.communicate(timeout=20) + (p.returncode,) for p in procs + one_shot]
        self.assertIn("event 'lifecycle' for domain 'ev': Suspended Paused", results[0][0])
        self.assertEqual(results[1], results[0])
        self.assertEqual(results[3], results[2])
        self.assertEqual(results[5], results[4])


SECRET_XML = {
    "vol": ("<secret ephemeral='no' private='no'>\n  <uuid>%s</uuid>\n"
            "  <usage type='volume'><volume>/var/lib/x/disk.img</volume></usage>\n</secret>\n"),
    "ceph": ("<secret ephemeral='yes' private='yes'>\n  <uuid>%s</uuid>\n"
             "  <usage type='ceph'><name>client.admin secret</name></usage>\n</secret>\n"),
    "iscsi": ("<secret ephemeral='no' private='yes'>\n  <uuid>%s</uuid>\n"
              "  <description>chap</description>\n"
              "  <usage type='iscsi'><target>iscsi-target</target></usage>\n</secret>\n"),
    "tls": ("<secret ephemeral='yes' private='no'>\n  <uuid>%s</uuid>\n"
            "  <usage type='tls'><name>TLS_example</name></usage>\n</secret>\n"),
    "vtpm": ("<secret ephemeral='no' private='no'>\n  <uuid>%s</uuid>\n"
             "  <usage type='vtpm'><name>VTPM_example</name></usage>\n</secret>\n"),
    "unused": "<secret ephemeral='no' private='no'>\n  <uuid>%s</uuid>\n</secret>\n",
}

class TestSecret(VirtshTestCase):
    """The secret commands against virtsecretd."""

    daemon_name = "virtsecretd"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        d = cls.daemon
        cls.uuids = {}
        for i, (kind, xml) in enumerate(sorted(SECRET_XML.items())):
            u = "5ec12e70-0000-4000-8000-%012d" % (i + 1)
            cls.uuids[kind] = u
            d.virsh("secret-define", d.write_xml("secret-" + kind, xml % u))
        d.virsh("secret-set-value", cls.uuids["vol"], "--base64", "c2VjcmV0LXZhbHVl")
        d.virsh("secret-set-value", cls.uuids["ceph"], "--base64", "cHJpdmF0ZQ==")
        cls.b64 = d.write_xml("value.b64", "aGVsbG8gd29ybGQ=\n")
        cls.plain = d.write_xml("value.txt", "plain text\n")

    def compare_lib(self, *args, **kw):
        return self.compare(*args, **kw)

    def transcript(self, tool, steps, stdin=None):
        return [self.run_tool(tool, *s, stdin=stdin) for s in steps]

    def fresh(self, kind):
        """The class's secret of that kind, defined anew without a value."""
        u = self.uuids[kind]
        self.virsh("secret-undefine", u)
        self.virsh("secret-define", self.daemon.write_xml("secret-" + kind,
                                                          SECRET_XML[kind] % u))
        return u

    def test_list(self):
        for args in (["secret-list"], ["secret-list", "--ephemeral"],
                     ["secret-list", "--no-ephemeral"], ["secret-list", "--private"],
                     ["secret-list", "--no-private"],
                     ["secret-list", "--ephemeral", "--no-private"],
                     ["secret-list", "--no-ephemeral", "--private"],
                     ["secret-list", "--private", "--no-private"],
                     ["secret-list", "--ephemeral", "--no-ephemeral", "--no-private"],
                     ["-q", "secret-list"], ["-r", "secret-list"],
                     ["secret-list", "--foo"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_dumpxml_get_value(self):
        missing = "5ec12e70-0000-4000-8000-999999999999"
        for args in (["secret-dumpxml", self.uuids["vol"]],
                     ["secret-dumpxml", "--secret", self.uuids["iscsi"]],
                     ["secret-dumpxml", missing], ["secret-dumpxml"],
                     ["secret-get-value", self.uuids["vol"]],
                     ["secret-get-value", "--plain", self.uuids["vol"]],
                     ["-q", "secret-get-value", self.uuids["vol"]],
                     ["secret-get-value", self.uuids["ceph"]],
                     ["secret-get-value", self.uuids["tls"]],
                     ["secret-get-value", missing], ["secret-get-value"],
                     ["-r", "secret-get-value", self.uuids["vol"]],
                     ["secret-undefine", missing], ["secret-undefine"],
                     ["secret-set-value", missing, "--base64", "eA=="],
                     ["secret-set-value"]):
            with self.subTest(args=args):
                self.compare(*args)
        for args in (["secret-dumpxml", "nosuch"], ["secret-get-value", "nosuch"],
                     ["secret-undefine", "/var/lib/x/disk.img"],
                     ["secret-set-value", "nosuch", "--base64", "eA=="]):
            with self.subTest(args=args):
                self.compare_lib(*args)

    def test_define_undefine(self):
        u = "5ec12e70-0000-4000-8000-aaaaaaaaaaaa"
        path = self.daemon.write_xml("secret-new", SECRET_XML["tls"].replace(
            "TLS_example", "TLS_new") % u)
        bad = self.daemon.write_xml("secret-bad", "<secret")
        steps = [["secret-define", path], ["secret-define", path],
                 ["secret-dumpxml", u], ["secret-undefine", u], ["secret-undefine", u],
                 ["secret-define", "--validate", path], ["-q", "secret-undefine", u],
                 ["-q", "secret-define", "--file", path], ["secret-undefine", "--secret", u],
                 ["-r", "secret-define", path], ["secret-define", bad],
                 ["secret-define", self.daemon.path("missing.xml")],
                 ["secret-define", self.daemon.root], ["secret-define"]]
        self.assertEqual(self.transcript(VIRTSH, steps), self.transcript(VIRSH, steps))

    def test_set_value(self):
        u = self.uuids["unused"]
        steps = [["secret-get-value", self.fresh("unused")], ["secret-set-value", u, "--file", self.b64],
                 ["secret-get-value", u], ["secret-get-value", "--plain", u],
                 ["secret-set-value", u, "--file", self.plain, "--plain"],
                 ["secret-get-value", u], ["secret-set-value", u, "--base64", "YWJj"],
                 ["secret-get-value", "--plain", u], ["secret-set-value", u, "ZGVm"],
                 ["secret-get-value", u], ["-q", "secret-set-value", u, "--base64", "YWJj"],
                 ["secret-set-value", u, "--base64", "aGVsbG8"], ["secret-get-value", u],
                 ["secret-set-value", u], ["secret-set-value", u, "--base64", ""],
                 ["secret-set-value", u, "--file", self.b64, "--base64", "YWJj"],
                 ["secret-set-value", u, "--interactive", "--file", self.b64],
                 ["secret-set-value", u, "--interactive", "--base64", "YWJj"],
                 ["secret-set-value", u, "--interactive", "--plain"],
                 ["secret-set-value", u, "--plain", "--base64", "YWJj"],
                 ["secret-set-value", u, "--plain"],
                 ["secret-set-value", u, "--file", self.daemon.path("missing")],
                 ["secret-set-value", self.uuids["ceph"], "--base64", "YWJj"],
                 ["secret-get-value", self.uuids["ceph"]],
                 ["-r", "secret-set-value", u, "--base64", "YWJj"]]
        ours = self.transcript(VIRTSH, steps)
        self.fresh("unused")
        self.assertEqual(ours, self.transcript(VIRSH, steps))
        steps = [["secret-set-value", u, "--interactive"], ["secret-get-value", u],
                 ["-q", "secret-set-value", "--interactive", u], ["secret-get-value", u]]
        self.assertEqual(self.transcript(VIRTSH, steps, stdin="typed value\nmore\n"),
                         self.transcript(VIRSH, steps, stdin="typed value\nmore\n"))

    def test_event_errors(self):
        for args in (["secret-event", "--list"], ["secret-event"],
                     ["secret-event", "--list", "--event", "lifecycle"],
                     ["secret-event", "--event", "nosuch"],
                     ["secret-event", "--event", "lifecycle", "--timeout", "0"],
                     ["secret-event", "--event", "lifecycle", "--timeout", "x"],
                     ["secret-event", "--event", "value-changed", "--timeout", "1"],
                     # virsh reports the unknown secret but waits anyway
                     ["secret-event", "--secret", "5ec12e70-0000-4000-8000-999999999999",
                      "--event", "lifecycle", "--timeout", "1"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_events(self):
        u = "5ec12e70-0000-4000-8000-bbbbbbbbbbbb"
        path = self.daemon.write_xml("secret-ev", SECRET_XML["unused"] % u)
        other = self.daemon.write_xml("secret-ev2", SECRET_XML["unused"]
                                      % "5ec12e70-0000-4000-8000-cccccccccccc")
        self.virsh("secret-define", path)
        runs = [["--event", "lifecycle", "--loop", "--timeout", "4"],
                ["--event", "value-changed", "--loop", "--timeout", "4"],
                ["--event", "lifecycle", "--secret", u, "--loop", "--timeout", "4"],
                ["--event", "value-changed", "--timeout", "4"],
                ["--event", "lifecycle", "--timeout", "4"]]
        procs = [[subprocess.Popen([tool, "-c", self.daemon.uri, "secret-event"] + extra,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env=self.env())
                  for tool in (VIRSH, VIRTSH)] for extra in runs]
        time.sleep(1.5)   # all registered
        self.virsh("secret-set-value", u, "--base64", "YWJj")
        self.virsh("secret-define", other)
        self.virsh("secret-undefine", "5ec12e70-0000-4000-8000-cccccccccccc")
        self.virsh("secret-undefine", u)
        for extra, (ref, ours) in zip(runs, procs):
            ref = ref.communicate(timeout=20) + (ref.returncode,)
            ours = ours.communicate(timeout=20) + (ours.returncode,)
            with self.subTest(args=extra):
                self.assertIn("events received:", ref[0])
                self.assertEqual(ours, ref)


NETWORK_XML = """<network>
  <name>%(name)s</name>
  <uuid>%(uuid)s</uuid>
  <bridge name='%(bridge)s' stp='on' delay='0'/>
  <mac address='52:54:00:7e:00:%(mac)02x'/>
</network>
"""


def network_xml(name, uuid, index):
    """An isolated network without <ip>: defining it needs no bridge,
    dnsmasq or firewall; a fixed bridge name and MAC keep both tools'
    transcripts alike."""
    return NETWORK_XML % {"name": name, "uuid": uuid, "bridge": "vtshbr%d" % index,
                          "mac": index}


class TestNetwork(VirtshTestCase):
    """The network commands against virtnetworkd. Starting a network
    creates a host bridge, and the harness has no network namespace to
    hide it in, so only inactive networks are used: define, list, info,
    XML, autostart, undefine, errors and events."""

    daemon_name = "virtnetworkd"

    @classmethod
    def setUpClass(cls):
        harness.DAEMON_SCHEMES.setdefault("virtnetworkd", "network")
        try:
            harness.daemon_binary("virtnetworkd")
        except RuntimeError as e:
            raise unittest.SkipTest(str(e))
        super().setUpClass()
        d = cls.daemon
        cls.uuids = {}
        cls.names = ["net-a", "Net-B", "a-rather-longer-network-name", "zz-auto"]
        for i, name in enumerate(cls.names):
            u = "7e7e0000-0000-4000-8000-%012d" % (i + 1)
            cls.uuids[name] = u
            d.virsh("net-define", d.write_xml("net-" + name, network_xml(name, u, i + 1)))
        d.virsh("net-autostart", "zz-auto")

    def transcript(self, tool, steps):
        return [self.run_tool(tool, *s) for s in steps]

    def test_list(self):
        for args in (["net-list"], ["net-list", "--all"], ["net-list", "--inactive"],
                     ["net-list", "--all", "--persistent"],
                     ["net-list", "--all", "--transient"],
                     ["net-list", "--all", "--autostart"],
                     ["net-list", "--all", "--no-autostart"],
                     ["net-list", "--inactive", "--autostart", "--no-autostart"],
                     ["net-list", "--all", "--name"], ["net-list", "--all", "--uuid"],
                     ["net-list", "--inactive", "--table"], ["net-list", "--name"],
                     ["net-list", "--table", "--name"], ["net-list", "--uuid", "--name"],
                     ["-q", "net-list", "--all"], ["-r", "net-list", "--all"],
                     ["net-list", "--foo"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_info_dumpxml(self):
        for name in self.names:
            u = self.uuids[name]
            for args in (["net-info", name], ["net-info", u], ["net-info", "--network", name],
                         ["net-dumpxml", name], ["net-dumpxml", "--inactive", u],
                         ["net-name", u], ["net-uuid", name], ["-r", "net-info", name],
                         ["net-port-list", name], ["net-port-list", "--uuid", name],
                         ["net-dhcp-leases", name]):
                with self.subTest(args=args):
                    self.compare(*args)

    def test_unknown_networks(self):
        missing = "7e7e0000-0000-4000-8000-999999999999"
        for args in (["net-info", "nosuch"], ["net-info", missing], ["net-dumpxml", "nosuch"],
                     ["net-start", "nosuch"], ["net-destroy", "nosuch"],
                     ["net-destroy", "net-a"], ["net-undefine", "nosuch"],
                     ["net-autostart", "nosuch"], ["net-autostart", "--disable", "nosuch"],
                     ["net-name", "nosuch"], ["net-name", missing], ["net-name", "net-a"],
                     ["net-uuid", "nosuch"], ["net-uuid", self.uuids["net-a"]],
                     ["net-dhcp-leases", "nosuch"], ["net-port-list", "nosuch"],
                     ["net-port-list", "--table", "--uuid", "net-a"],
                     ["net-port-dumpxml", "nosuch", missing],
                     ["net-port-delete", "nosuch", missing],
                     ["net-port-create", "nosuch", self.daemon.path("missing.xml")],
                     ["net-update", "nosuch", "add", "ip-dhcp-host", "<host/>"],
                     ["net-update", "net-a", "bogus", "ip-dhcp-host", "<host/>"],
                     ["net-update", "net-a", "add", "bogus", "<host/>"],
                     ["net-update", "net-a", "add", "dns-host", "<host/>",
                      "--parent-index", "x"],
                     ["net-update", "net-a", "add", "dns-host", self.daemon.path("missing")],
                     ["net-update", "net-a", "add", "dns-host", "<host/>", "--current",
                      "--live"],
                     ["net-info"], ["net-dumpxml"], ["net-info nosuch; uri"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_define_undefine(self):
        u = "7e7e0000-0000-4000-8000-aaaaaaaaaaaa"
        path = self.daemon.write_xml("net-new", network_xml("net-new", u, 20))
        renamed = self.daemon.write_xml("net-clash", network_xml("net-clash", u, 21))
        bad = self.daemon.write_xml("net-bad", "<network><name>x</name>")
        host = "<host ip='%s'><hostname>%s</hostname></host>"
        hostfile = self.daemon.write_xml("net-host", host % ("10.0.0.6", "h2"))
        port = self.daemon.write_xml("net-port", (
            "<networkport>\n  <uuid>7e7e0000-0000-4000-8000-0000000000aa</uuid>\n"
            "  <owner>\n    <name>guest</name>\n"
            "    <uuid>7e7e0000-0000-4000-8000-0000000000bb</uuid>\n  </owner>\n"
            "  <mac address='52:54:00:00:00:09'/>\n</networkport>\n"))
        steps = [["net-define", path], ["net-define", path], ["net-info", "net-new"],
                 ["net-list", "--all"], ["net-autostart", "net-new"], ["net-info", u],
                 ["net-list", "--all", "--autostart"],
                 ["net-autostart", "--disable", u], ["-q", "net-autostart", "net-new"],
                 ["net-update", "net-new", "add", "dns-host", host % ("10.0.0.5", "h1"),
                  "--config"],
                 ["net-update", "net-new", "add-first", "dns-host", hostfile],
                 ["net-update", u, "modify", "dns-host", host % ("10.0.0.5", "h1b")],
                 ["-q", "net-update", "net-new", "add", "dns-host", host % ("10.0.0.7", "h3"),
                  "--current"],
                 ["net-update", "net-new", "add", "dns-host", host % ("10.0.0.5", "h1")],
                 ["net-dumpxml", "--inactive", "net-new"],
                 ["net-update", "net-new", "delete", "dns-host", host % ("10.0.0.6", "h2"),
                  "--parent-index", "-1"],
                 ["net-update", "net-new", "add", "dns-host", host % ("10.0.0.8", "h4"),
                  "--live"],
                 ["-r", "net-update", "net-new", "add", "dns-host", host % ("10.0.0.9", "h")],
                 ["net-dumpxml", "net-new"],
                 ["net-port-create", "net-new", port], ["net-port-list", "net-new"],
                 ["net-define", renamed], ["net-undefine", "net-new"],
                 ["net-undefine", "net-new"], ["net-define", "--validate", path],
                 ["-q", "net-undefine", u], ["-q", "net-define", "--file", path],
                 ["net-dumpxml", "--network", "net-new"], ["net-undefine", "--network", u],
                 ["-r", "net-define", path], ["net-define", bad],
                 ["net-define", self.daemon.path("missing.xml")],
                 ["net-define", self.daemon.root], ["net-define"], ["net-undefine"],
                 ["-r", "net-autostart", "net-a"], ["-r", "net-undefine", "net-a"],
                 ["-r", "net-start", "net-a"]]
        self.assertEqual(self.transcript(VIRTSH, steps), self.transcript(VIRSH, steps))

    def test_completion(self):
        for line, want in (("net-info net-", ["net-a"]), ("net-dumpxml N", ["Net-B"]),
                           ("net-event --network zz", ["zz-auto"]),
                           ("net-start --network a-", ["a-rather-longer-network-name"]),
                           ("net-list --no", ["--no-autostart"]),
                           ("net-port-d", ["net-port-delete", "net-port-dumpxml"]),
                           ("help netw", ["network"])):
            with self.subTest(line=line):
                rc, out, err = self.virtsh("complete", line)
                self.assertEqual((rc, err), (0, ""))
                self.assertEqual(out.split(), want)

    def test_event_errors(self):
        for args in (["net-event", "--list"], ["net-event"],
                     ["net-event", "--list", "--event", "lifecycle"],
                     ["net-event", "--event", "nosuch"],
                     ["net-event", "--event", "lifecycle", "--timeout", "0"],
                     ["net-event", "--event", "lifecycle", "--timeout", "x"],
                     ["net-event", "--event", "lifecycle", "--timeout", "1"],
                     ["net-event", "net-a", "lifecycle", "1"],
                     # virsh reports the unknown network but waits anyway
                     ["net-event", "--network", "nosuch", "--event", "lifecycle",
                      "--timeout", "1"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_events(self):
        u = "7e7e0000-0000-4000-8000-bbbbbbbbbbbb"
        path = self.daemon.write_xml("net-ev", network_xml("net-ev", u, 30))
        other = self.daemon.write_xml("net-ev2", network_xml(
            "net-ev2", "7e7e0000-0000-4000-8000-cccccccccccc", 31))
        self.virsh("net-define", path)
        runs = [["--event", "lifecycle", "--loop", "--timeout", "4"],
                ["--event", "lifecycle", "--network", "net-ev", "--loop", "--timeout", "4"],
                ["--event", "lifecycle", "--network", u, "--loop", "--timeout", "4"],
                ["--event", "lifecycle", "--timeout", "4"]]
        procs = [[subprocess.Popen([tool, "-c", self.daemon.uri, "net-event"] + extra,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env=self.env())
                  for tool in (VIRSH, VIRTSH)] for extra in runs]
        time.sleep(1.5)   # all registered
        self.virsh("net-define", other)
        self.virsh("net-undefine", "net-ev2")
        self.virsh("net-define", path)
        self.virsh("net-undefine", "net-ev")
        results = []
        for extra, (ref, ours) in zip(runs, procs):
            ref = ref.communicate(timeout=20) + (ref.returncode,)
            ours = ours.communicate(timeout=20) + (ours.returncode,)
            results.append(ref)
            with self.subTest(args=extra):
                self.assertIn("events received:", ref[0])
                self.assertEqual(ours, ref)
        self.assertIn("event 'lifecycle' for network net-ev2: Defined\n", results[0][0])
        self.assertNotIn("net-ev2", results[1][0])

class TestHelp(VirtshTestCase):
    def commands(self):
        rc, out, err = self.virtsh("help")
        self.assertEqual(rc, 0, err)
        names = [line.split()[0] for line in out.splitlines() if line.startswith("    ")]
        self.assertIn("list", names)
        return names

    def test_help_every_command(self):
        for name in self.commands():
            with self.subTest(command=name):
                rc, out, err = self.virtsh("help", name)
                self.assertEqual((rc, err), (0, ""))
                self.assertIn("  NAME\n    %s - " % name, out)
                self.assertIn("  SYNOPSIS\n    %s" % name, out)
                # --help anywhere means the same
                self.assertEqual(self.virtsh(name, "--help"), (rc, out, err))
                # virsh knows every command virtsh has
                self.assertEqual(self.run_tool(VIRSH, "help", name)[0], 0)

    def test_groups_and_man(self):
        for kw in ("domain", "monitor", "events", "host", "network", "secret", "virtsh"):
            with self.subTest(keyword=kw):
                rc, out, err = self.virtsh("help", kw)
                self.assertEqual((rc, err), (0, ""))
        names = self.commands()
        rc, man, err = self.virtsh("--man", connect=False)
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(man.startswith(".TH VIRTSH 1"))
        rc, usage, err = self.virtsh("--help", connect=False)
        self.assertEqual((rc, err), (0, ""))
        for name in names:
            self.assertIn("\n.B %s" % name.replace("-", "\\-"), man)
            self.assertIn("    %s " % name, usage)

    def test_completion(self):
        self.define_named("comp-one")
        cases = [("dom", ["domcapabilities", "domid", "dominfo", "domname", "domstate",
                          "domuuid"]),
                 ("list --st", ["--state-other", "--state-paused", "--state-running",
                                "--state-shutoff"]),
                 ("dominfo comp-", ["comp-one"]),
                 ("dominfo --domain comp", ["comp-one"]),
                 ("start comp-one --pa", ["--paused"]),
                 ("event --event life", ["lifecycle"]),
                 ("help dom", ["domain", "domcapabilities", "domid", "dominfo", "domname",
                               "domstate", "domuuid"]),
                 ("uri; hostn", ["hostname"]),
                 ("nosuch --", [])]
        for line, want in cases:
            with self.subTest(line=line):
                rc, out, err = self.virtsh("complete", line)
                self.assertEqual((rc, err), (0, ""))
                self.assertEqual(out.split(), want)


class TestStorage(VirtshTestCase):
    """The storage commands against virtstoraged, on directory pools in the
    daemon's scratch root: pool definition, life cycle and listing, volume
    creation, inspection, resizing, wiping and transfers (plain and sparse)."""

    daemon_name = "virtstoraged"

    @classmethod
    def setUpClass(cls):
        harness.DAEMON_SCHEMES.setdefault("virtstoraged", "storage")
        try:
            harness.daemon_binary("virtstoraged")
        except RuntimeError as e:
            raise unittest.SkipTest(str(e))
        super().setUpClass()
        d = cls.daemon
        cls.pools = ["pool-a", "Pool-B", "zz-inactive"]
        for name in cls.pools:
            target = d.path("pools", name)
            os.makedirs(target, exist_ok=True)
            d.virsh("pool-define-as", name, "dir", "--target", target)
        for name in cls.pools[:2]:
            d.virsh("pool-start", name)
        d.virsh("pool-autostart", "pool-a")
        for vol, size in (("v1.img", "1M"), ("b-vol", "10KiB"), ("empty", "0")):
            d.virsh("vol-create-as", "pool-a", vol, size)

    def transcript(self, tool, steps):
        return [self.run_tool(tool, *s) for s in steps]

    def compare_transcripts(self, steps):
        ref = self.transcript(VIRSH, steps)
        ours = self.transcript(VIRTSH, steps)
        for step, r, o in zip(steps, ref, ours):
            self.assertEqual(o, r, "virtsh and virsh differ for %r" % (step,))

    def test_pool_list(self):
        for args in (["pool-list"], ["pool-list", "--all"], ["pool-list", "--inactive"],
                     ["pool-list", "--all", "--persistent"],
                     ["pool-list", "--all", "--transient"],
                     ["pool-list", "--all", "--autostart"],
                     ["pool-list", "--all", "--no-autostart"],
                     ["pool-list", "--all", "--type", "dir"],
                     ["pool-list", "--all", "--type", "logical"],
                     ["pool-list", "--all", "--type", "bogus"],
                     ["pool-list", "--all", "--details"],
                     ["pool-list", "--all", "--name"], ["pool-list", "--all", "--uuid"],
                     ["-q", "pool-list", "--all"], ["-r", "pool-list", "--all"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_pool_info(self):
        for name in self.pools:
            for args in (["pool-info", name], ["pool-info", "--bytes", name],
                         ["pool-dumpxml", name], ["pool-dumpxml", "--inactive", name],
                         ["pool-uuid", name], ["-r", "pool-info", name]):
                with self.subTest(args=args):
                    self.compare(*args)
        rc, uuid, err = self.virtsh("pool-uuid", "pool-a")
        self.compare("pool-name", uuid.strip())
        self.compare("pool-info", uuid.strip())

    def test_pool_errors(self):
        for args in (["pool-info", "nosuch"], ["pool-start", "nosuch"],
                     ["pool-start", "pool-a"], ["pool-destroy", "zz-inactive"],
                     ["pool-undefine", "nosuch"], ["pool-autostart", "nosuch"],
                     ["pool-name", "nosuch"], ["pool-uuid", "nosuch"],
                     ["vol-list", "nosuch"], ["vol-list", "zz-inactive"],
                     ["pool-define", self.daemon.path("missing.xml")],
                     ["pool-info"], ["pool-define-as", "x"]):
            with self.subTest(args=args):
                self.compare(*args)

    def test_vol_inspect(self):
        for args in (["vol-list", "pool-a"], ["vol-list", "--details", "pool-a"],
                     ["vol-list", "Pool-B"]):
            with self.subTest(args=args):
                self.compare(*args)
        for vol in ("v1.img", "b-vol", "empty"):
            path = self.daemon.path("pools", "pool-a", vol)
            for args in (["vol-info", vol, "--pool", "pool-a"],
                         ["vol-info", "--bytes", vol, "--pool", "pool-a"],
                         ["vol-info", path], ["vol-path", vol, "--pool", "pool-a"],
                         ["vol-key", vol, "--pool", "pool-a"], ["vol-name", path],
                         ["vol-pool", path], ["vol-dumpxml", vol, "--pool", "pool-a"],
                         ["vol-info", vol], ["vol-info", vol, "--pool", "Pool-B"],
                         ["vol-info", vol, "--pool", "zz-inactive"]):
                with self.subTest(args=args):
                    self.compare(*args)

    def test_pool_lifecycle(self):
        target = self.daemon.path("pools", "life")
        self.compare_transcripts([
            ["pool-define-as", "life", "dir", "--target", target],
            ["pool-build", "life"], ["pool-start", "life"], ["pool-autostart", "life"],
            ["pool-list", "--all"], ["pool-refresh", "life"],
            ["pool-autostart", "--disable", "life"], ["pool-destroy", "life"],
            ["pool-delete", "life"], ["pool-undefine", "life"], ["pool-info", "life"]])

    def test_vol_lifecycle(self):
        self.compare_transcripts([
            ["vol-create-as", "Pool-B", "new.raw", "2M", "--allocation", "1M"],
            ["vol-info", "new.raw", "--pool", "Pool-B"],
            ["vol-resize", "new.raw", "3M", "--pool", "Pool-B"],
            ["vol-resize", "new.raw", "-1M", "--pool", "Pool-B"],
            ["vol-resize", "new.raw", "-1M", "--shrink", "--pool", "Pool-B"],
            ["vol-info", "--bytes", "new.raw", "--pool", "Pool-B"],
            ["vol-wipe", "new.raw", "--pool", "Pool-B"],
            ["vol-wipe", "new.raw", "--pool", "Pool-B", "--algorithm", "bogus"],
            ["vol-clone", "new.raw", "clone.raw", "--pool", "Pool-B"],
            ["vol-list", "--details", "Pool-B"],
            ["vol-delete", "clone.raw", "--pool", "Pool-B"],
            ["vol-delete", "new.raw", "--pool", "Pool-B"],
            ["vol-delete", "new.raw", "--pool", "Pool-B"],
            ["vol-create-as", "Pool-B", "bad", "12Q"],
            ["vol-create-as", "Pool-B", "px", "1G", "--allocation", "5MB", "--format", "raw",
             "--print-xml"],
            ["pool-define-as", "px", "netfs", "--source-host", "h", "--source-path", "/e",
             "--source-format", "nfs", "--target", "/mnt", "--print-xml"],
            ["pool-create-as", "px", "dir", "--print-xml"],
            ["vol-resize", "v1.img", "1M", "--pool", "pool-a", "--shrink"],
            ["vol-wipe", "nosuch", "--pool", "pool-a"],
            ["vol-delete", "nosuch"], ["vol-path", "nosuch"]])

    def test_transfer(self):
        src = self.daemon.path("upload.bin")
        with open(src, "wb") as f:
            f.write(os.urandom(300000))
            f.seek(2 * 1024 * 1024)         # a hole, then more data
            f.write(b"tail" * 1000)
        want = open(src, "rb").read()
        for tool in (VIRSH, VIRTSH):
            for sparse in ([], ["--sparse"]):
                with self.subTest(tool=tool, sparse=sparse):
                    dst = self.daemon.path("download.bin")
                    if os.path.exists(dst):
                        os.unlink(dst)
                    steps = [["vol-create-as", "Pool-B", "xfer", "4M"],
                             ["vol-upload", "xfer", src, "--pool", "Pool-B"] + sparse,
                             ["vol-download", "xfer", dst, "--pool", "Pool-B",
                              "--length", str(len(want))] + sparse,
                             ["vol-delete", "xfer", "--pool", "Pool-B"]]
                    out = self.transcript(tool, steps)
                    self.assertEqual([r[0] for r in out], [0, 0, 0, 0], out)
                    self.assertEqual(open(dst, "rb").read(), want)
        self.compare("vol-upload", "nosuch", src, "--pool", "Pool-B")
        self.compare("vol-download", "nosuch", src, "--pool", "Pool-B")


if __name__ == "__main__":
    harness.main()
