"""virsh domxml-to-native qemu-argv gives the command line the argv golden
files (tests/data/qemuxml2argv) pin, and the same errors for the .err cases.

The cases and their flags are read from tests/qemu/qemuxml2argvtest.c, so a
new argv case is checked here too. Differences that only come from the host
or the run directory are normalised away: the environment prefix, the
per-guest run directory (the argv test uses /tmp/lib/domain-NAME), the
machine alias define resolves (pc -> pc-i440fx-7.2), and the
arch-capabilities switch that depends on this host's CPU.
"""

import os
import re
import shlex

import harness

DATA = os.path.join(harness.SOURCE_DIR, "tests", "data", "qemuxml2argv")
ARGVTEST = os.path.join(harness.SOURCE_DIR, "tests", "qemu", "qemuxml2argvtest.c")


def argv_cases():
    """[(name, is_error, flags)] from the DO_TEST* lines."""
    cases = []
    for m in re.finditer(r"^\s*DO_TEST(_ERR)?(?:_FULL)?\(\s*\"([^\"]+)\"\s*(?:,\s*([^)]*))?\)",
                         open(ARGVTEST).read(), re.M):
        cases.append((m.group(2), bool(m.group(1)), m.group(3) or ""))
    return cases


# Define resolves machine aliases to QEMU 7.2's versioned types; the argv
# test builds from the XML as written.
MACHINE_ALIASES = {"pc-i440fx-7.2": "pc", "pc-q35-7.2": "q35"}


def machine_alias(tokens, xml):
    written = re.search(r"machine=['\"]([^'\"]+)['\"]", open(xml).read())
    for i, tok in enumerate(tokens[:-1]):
        if tok == "-machine":
            head, _, rest = tokens[i + 1].partition(",")
            if written and MACHINE_ALIASES.get(head) == written.group(1):
                tokens[i + 1] = written.group(1) + ("," + rest if rest else "")
    return tokens


def normalise(tokens, name, libdir):
    """argv tokens -> the .args layout, without environment assignments."""
    while tokens and re.match(r"^[A-Z_][A-Z0-9_]*=", tokens[0]):
        tokens = tokens[1:]
    out = []
    for tok in tokens:
        tok = re.sub(re.escape(libdir) + r"/domain--1-[^/]*", "RUNDIR", tok)
        tok = re.sub(r"/tmp/lib/domain-[^/]*", "RUNDIR", tok)
        tok = tok.replace(",arch-capabilities=off", "")
        out.append(tok)
    return out


class NativeTest(harness.DaemonTestCase):

    def test_argv_cases(self):
        libdir = self.daemon.path("var", "lib", "libvirt", "qemu")
        checked = 0
        for name, is_error, flags in argv_cases():
            if "TEST_NO_KVM" in flags:
                continue        # the argv test pretends /dev/kvm is missing
            with self.subTest(case=name):
                xml = os.path.join(DATA, name + ".xml")
                rc, out, err = self.virsh("domxml-to-native", "qemu-argv", xml, check=False)
                if is_error:
                    want = open(os.path.join(DATA, name + ".err")).read().splitlines()[-1]
                    self.assertNotEqual(rc, 0, out)
                    for canonical, alias in MACHINE_ALIASES.items():
                        err = err.replace("'%s'" % canonical, "'%s'" % alias)
                    self.assertIn(want, err)
                    continue
                self.assertEqual(rc, 0, err)
                got = machine_alias(normalise(shlex.split(out), name, libdir), xml)
                with open(os.path.join(DATA, name + ".args")) as f:
                    want = normalise(shlex.split(f.read().replace("\\\n", " ")), name, libdir)
                self.assertEqual(got, want)
                checked += 1
        self.assertGreater(checked, 20)

    def test_bad_input(self):
        path = self.daemon.write_xml("native-bad", "<domain type='qemu'><name>x</name>")
        rc, out, err = self.virsh("domxml-to-native", "qemu-argv", path, check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("Premature end of data in tag domain", err)
        good = os.path.join(DATA, "minimal.xml")
        rc, out, err = self.virsh("domxml-to-native", "xen-xm", good, check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("unsupported config type xen-xm", err)
        rc, out, err = self.virsh("domxml-to-native", "qemu-argv", good, check=False, ro=True)
        self.assertNotEqual(rc, 0)
        self.assertIn("read only access prevents", err)
        # Nothing was defined by any of these calls.
        self.assertEqual(self.out("list", "--all", "--name").strip(), "")


if __name__ == "__main__":
    harness.main()
