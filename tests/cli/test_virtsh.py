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
        for kw in ("domain", "monitor", "events", "host", "virtsh"):
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


if __name__ == "__main__":
    harness.main()
