#!/usr/bin/python3
"""Domain lifecycle through virsh: define/undefine, start/suspend/resume/
destroy, autostart, transient domains, and the error paths.

The domains here have no kernel: QEMU just sits in its BIOS, which is all a
lifecycle test needs (see test_guest_boot.py for a real guest)."""

import os
import re
import uuid as uuidlib
import xml.etree.ElementTree as ET

import harness

UUID_RE = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class TableFormatTest(harness.unittest.TestCase):
    """Our model of virsh's table layout, checked against real virsh output
    captured from libvirtd 9.0 (shared/protocol/captures 04, 80, 81)."""

    def test_two_rows(self):
        self.assertEqual(
            harness.virsh_table([("-", "anchor1", "shut off"), ("-", "bench-probe", "shut off")]),
            " Id   Name          State\n"
            "------------------------------\n"
            " -    anchor1       shut off\n"
            " -    bench-probe   shut off\n\n")

    def test_empty(self):
        self.assertEqual(harness.virsh_table([]),
                         " Id   Name   State\n--------------------\n\n")

    def test_one_row(self):
        self.assertEqual(harness.virsh_table([("-", "anchor1", "shut off")]),
                         " Id   Name      State\n"
                         "--------------------------\n"
                         " -    anchor1   shut off\n\n")


class LifecycleTest(harness.DaemonTestCase):

    # helpers -------------------------------------------------------------
    def dominfo(self, name):
        return harness.parse_kv(self.out("dominfo", name))

    def domid(self, name):
        return self.out("domid", name).strip()

    def list_rows(self, *flags):
        """The data rows of `virsh list`, as (id, name, state) tuples."""
        out = self.out("list", *flags)
        rows = []
        for line in out.splitlines()[2:]:
            if line.strip():
                m = re.match(r"^ (\S+)\s+(\S+)\s+(\S.*)$", line)
                self.assertTrue(m, "bad list line %r in\n%s" % (line, out))
                rows.append(m.groups())
        return rows

    def assertListed(self, name, state, *flags):
        rows = {r[1]: r for r in self.list_rows(*flags)}
        self.assertIn(name, rows)
        self.assertEqual(rows[name][2], state)
        return rows[name]

    def assertNotListed(self, name, *flags):
        self.assertNotIn(name, [r[1] for r in self.list_rows(*flags)])

    # define / undefine ---------------------------------------------------
    def test_define_with_uuid(self):
        name = "lc-uuid"
        uid = str(uuidlib.uuid4())
        self.define(name, uuid=uid)
        self.assertEqual(self.out("domuuid", name), uid + "\n\n")
        self.assertEqual(self.out("domname", uid), name + "\n\n")
        info = self.dominfo(name)
        self.assertEqual(info["UUID"], uid)
        self.assertEqual(info["Name"], name)
        self.assertEqual(info["Id"], "-")
        # persistent definition on disk
        cfg = self.daemon.config_path(name)
        self.assertTrue(os.path.isfile(cfg), cfg)
        root = ET.parse(cfg).getroot()
        self.assertEqual(root.findtext("name"), name)
        self.assertEqual(root.findtext("uuid"), uid)

    def test_define_without_uuid(self):
        name = "lc-nouuid"
        self.define(name)
        uid = self.out("domuuid", name).strip()
        self.assertRegex(uid, UUID_RE)
        self.assertEqual(self.out("domuuid", name).strip(), uid, "uuid not stable")
        self.assertEqual(self.dominfo(name)["UUID"], uid)
        self.assertEqual(ET.fromstring(self.out("dumpxml", name)).findtext("uuid"), uid)

    def test_define_output_and_undefine(self):
        name = "lc-undef"
        self.define(name)
        self.assertListed(name, "shut off", "--all")
        self.assertEqual(self.out("undefine", name), "Domain '%s' has been undefined\n\n" % name)
        self.assertNotListed(name, "--all")
        self.assertFalse(os.path.exists(self.daemon.config_path(name)))
        self.assertVirshError(self.virsh("dominfo", name, check=False),
                              "error: failed to get domain '%s'" % name)

    def test_redefine_same_uuid_updates(self):
        name = "lc-redef"
        uid = str(uuidlib.uuid4())
        self.define(name, uuid=uid, vcpus=1)
        path = self.daemon.write_domain(name, uuid=uid, vcpus=2)
        self.virsh("define", path)
        self.assertEqual(self.dominfo(name)["CPU(s)"], "2")
        self.assertEqual(sum(1 for r in self.list_rows("--all") if r[1] == name), 1)

    # list ------------------------------------------------------------------
    def test_list_all_table(self):
        names = sorted(["lc-list-b", "lc-list-a", "lc-list-longer-name"])
        for n in names:
            self.define(n)
        self.virsh("start", "lc-list-b")
        did = self.domid("lc-list-b")
        self.assertRegex(did, r"^\d+$")
        rows = [(did, "lc-list-b", "running")] + \
               [("-", n, "shut off") for n in names if n != "lc-list-b"]
        # Only our domains exist on this daemon's root except those of other
        # tests of this class, which clean up after themselves.
        self.assertEqual(self.out("list", "--all"), harness.virsh_table(rows))
        self.assertEqual(self.out("list"), harness.virsh_table([(did, "lc-list-b", "running")]))
        self.assertEqual(self.out("list", "--inactive"),
                         harness.virsh_table([r for r in rows if r[0] == "-"]))
        self.assertEqual(self.out("list", "--all", "--name"),
                         "".join(r[1] + "\n" for r in rows) + "\n")
        # read-only socket shows the same thing
        self.assertEqual(self.out("list", "--all", ro=True), harness.virsh_table(rows))

    def test_list_empty(self):
        self.assertEqual(self.out("list"), harness.virsh_table([]))

    # the full state machine ----------------------------------------------
    def test_lifecycle_states(self):
        name = "lc-states"
        self.define(name)
        d = self.daemon
        self.assertEqual(self.domstate(name, reason=False), "shut off")
        self.assertEqual(self.domstate(name), "shut off (unknown)")
        self.assertEqual(self.domid(name), "-")
        self.assertFalse(os.path.exists(d.status_path(name)))

        self.assertEqual(self.out("start", name), "Domain '%s' started\n\n" % name)
        self.assertEqual(self.domstate(name, reason=False), "running")
        self.assertEqual(self.domstate(name), "running (booted)")
        did = self.domid(name)
        self.assertRegex(did, r"^[1-9]\d*$")
        self.assertEqual(self.out("domname", did), name + "\n\n")
        self.assertListed(name, "running")
        self.assertEqual(self.assertListed(name, "running", "--all")[0], did)

        # live status file with the QEMU pid
        pid = d.status_pid(name)
        self.assertIsNotNone(pid, "no pid in %s:\n%s"
                             % (d.status_path(name), harness.read_text(d.status_path(name))))
        self.assertTrue(harness.pid_alive(pid))
        self.assertIn("qemu", os.path.basename(harness.proc_cmdline(pid)[0]))
        self.assertTrue(os.path.exists(d.guest_log_path(name)), d.guest_log_path(name))

        self.assertEqual(self.out("suspend", name), "Domain '%s' suspended\n\n" % name)
        self.assertEqual(self.domstate(name), "paused (user)")
        self.assertListed(name, "paused", "--all")
        self.assertEqual(self.domid(name), did)

        self.assertEqual(self.out("resume", name), "Domain '%s' resumed\n\n" % name)
        self.assertEqual(self.domstate(name), "running (unpaused)")

        self.assertEqual(self.out("destroy", name), "Domain '%s' destroyed\n\n" % name)
        self.assertEqual(self.domstate(name), "shut off (destroyed)")
        self.assertEqual(self.domid(name), "-")
        self.assertPidGone(pid)
        self.assertFalse(os.path.exists(d.status_path(name)), "status file left after destroy")
        self.assertListed(name, "shut off", "--all")
        self.assertNotListed(name)

        # it can be started again, with a new id
        self.virsh("start", name)
        self.assertEqual(self.domstate(name), "running (booted)")
        did2 = self.domid(name)
        self.assertNotEqual(did2, did)
        pid2 = d.status_pid(name)
        self.virsh("destroy", name)
        if pid2:
            self.assertPidGone(pid2)

    def test_dominfo(self):
        name = "lc-info"
        uid = str(uuidlib.uuid4())
        self.define(name, uuid=uid)
        info = self.dominfo(name)
        expect = {
            "Id": "-", "Name": name, "UUID": uid, "OS Type": "hvm", "State": "shut off",
            "CPU(s)": "1", "Max memory": "131072 KiB", "Used memory": "131072 KiB",
            "Persistent": "yes", "Autostart": "disable", "Managed save": "no",
        }
        for k, v in expect.items():
            self.assertEqual(info.get(k), v, "dominfo %s" % k)
        self.assertIn("Security model", info)

        self.virsh("start", name)
        info = self.dominfo(name)
        self.assertEqual(info["State"], "running")
        self.assertEqual(info["Id"], self.domid(name))
        self.assertEqual(info["Max memory"], "131072 KiB")
        self.assertEqual(info["Persistent"], "yes")
        self.assertIn("CPU time", info)
        self.assertRegex(info["CPU time"], r"^\d+\.\ds$")

    def test_dominfo_exact_layout(self):
        name = "lc-layout"
        uid = str(uuidlib.uuid4())
        self.define(name, uuid=uid)
        out = self.out("dominfo", name)
        head = ("Id:             -\n"
                "Name:           %s\n"
                "UUID:           %s\n"
                "OS Type:        hvm\n"
                "State:          shut off\n"
                "CPU(s):         1\n"
                "Max memory:     131072 KiB\n"
                "Used memory:    131072 KiB\n"
                "Persistent:     yes\n"
                "Autostart:      disable\n"
                "Managed save:   no\n"
                "Security model: " % (name, uid))
        self.assertTrue(out.startswith(head), out)

    def test_dumpxml(self):
        name = "lc-xml"
        uid = str(uuidlib.uuid4())
        self.define(name, uuid=uid)
        root = ET.fromstring(self.out("dumpxml", name))
        self.assertEqual(root.tag, "domain")
        self.assertEqual(root.get("type"), "qemu")
        self.assertIsNone(root.get("id"))
        self.assertEqual(root.findtext("name"), name)
        self.assertEqual(root.findtext("uuid"), uid)
        mem = root.find("memory")
        self.assertEqual((mem.get("unit"), mem.text), ("KiB", "131072"))
        self.assertEqual(root.findtext("vcpu"), "1")
        self.assertEqual(root.findtext("os/type"), "hvm")
        self.assertEqual(root.find("os/type").get("arch"), "x86_64")
        self.assertEqual(root.findtext("devices/emulator"), harness.QEMU)
        self.assertIsNotNone(root.find("features/acpi"))

        self.virsh("start", name)
        did = self.domid(name)
        live = ET.fromstring(self.out("dumpxml", name))
        self.assertEqual(live.get("id"), did)
        self.assertEqual(live.findtext("uuid"), uid)
        inactive = ET.fromstring(self.out("dumpxml", "--inactive", name))
        self.assertIsNone(inactive.get("id"))
        self.assertEqual(inactive.findtext("name"), name)

    def test_dumpxml_canonical_machine(self):
        # libvirt stores the canonical machine type, not the alias.
        name = "lc-machine"
        self.define(name, machine="pc")
        root = ET.fromstring(self.out("dumpxml", name))
        self.assertEqual(root.find("os/type").get("machine"), "pc-i440fx-7.2")

    def test_domid_domname_domuuid(self):
        name = "lc-ids"
        uid = str(uuidlib.uuid4())
        self.define(name, uuid=uid)
        self.assertEqual(self.out("domid", name), "-\n\n")
        self.assertEqual(self.out("domname", uid), name + "\n\n")
        self.assertEqual(self.out("domuuid", name), uid + "\n\n")
        self.virsh("start", name)
        did = self.domid(name)
        self.assertEqual(self.out("domname", did), name + "\n\n")
        self.assertEqual(self.out("domuuid", did), uid + "\n\n")
        self.assertEqual(self.out("domid", uid), did + "\n\n")

    # autostart -----------------------------------------------------------
    def test_autostart(self):
        name = "lc-auto"
        self.define(name)
        link = self.daemon.autostart_path(name)
        self.assertFalse(os.path.lexists(link))
        self.assertEqual(self.out("autostart", name),
                         "Domain '%s' marked as autostarted\n\n" % name)
        self.assertTrue(os.path.lexists(link), link)
        if os.path.islink(link):
            # absolute (under the root) or relative, it names the definition
            target = os.readlink(link)
            self.assertTrue(target.endswith("qemu/%s.xml" % name) or
                            target in ("../%s.xml" % name,), target)
        self.assertEqual(self.dominfo(name)["Autostart"], "enable")
        self.assertIn(name, [r[1] for r in self.list_rows("--all", "--autostart")])
        self.assertEqual(self.out("autostart", "--disable", name),
                         "Domain '%s' unmarked as autostarted\n\n" % name)
        self.assertFalse(os.path.lexists(link))
        self.assertEqual(self.dominfo(name)["Autostart"], "disable")
        self.assertIn(name, [r[1] for r in self.list_rows("--all", "--no-autostart")])

    def test_undefine_removes_autostart_link(self):
        name = "lc-auto-undef"
        self.define(name)
        self.virsh("autostart", name)
        self.virsh("undefine", name)
        self.assertFalse(os.path.lexists(self.daemon.autostart_path(name)))

    # transient -----------------------------------------------------------
    def test_create_transient(self):
        name = self.track("lc-transient")
        path = self.daemon.write_domain(name)
        self.assertEqual(self.out("create", path),
                         "Domain '%s' created from %s\n\n" % (name, path))
        self.assertEqual(self.domstate(name), "running (booted)")
        info = self.dominfo(name)
        self.assertEqual(info["Persistent"], "no")
        self.assertEqual(info["State"], "running")
        self.assertListed(name, "running")
        self.assertFalse(os.path.exists(self.daemon.config_path(name)))
        pid = self.daemon.status_pid(name)
        self.virsh("destroy", name)
        self.assertNotListed(name, "--all")
        self.assertVirshError(self.virsh("dominfo", name, check=False),
                              "error: failed to get domain '%s'" % name)
        if pid:
            self.assertPidGone(pid)
        self.assertFalse(os.path.exists(self.daemon.status_path(name)))

    # errors --------------------------------------------------------------
    def test_duplicate_name_rejected(self):
        name = "lc-dup"
        self.define(name)
        uid = self.out("domuuid", name).strip()
        path = self.daemon.write_xml("dup-copy", harness.domain_xml(name, uuid=str(uuidlib.uuid4())))
        err = self.assertVirshError(self.virsh("define", path, check=False), "already exists")
        self.assertIn("error: Failed to define domain from %s" % path, err)
        self.assertEqual(self.out("domuuid", name).strip(), uid)
        # create (transient) with the same name is refused too
        self.assertVirshError(self.virsh("create", path, check=False), "already exists")

    def test_start_running_rejected(self):
        name = "lc-twice"
        self.define(name)
        self.virsh("start", name)
        # virsh itself refuses (it sees the id); the daemon's own refusal,
        # "domain is already running", is checked in test_python.py
        self.assertVirshError(self.virsh("start", name, check=False),
                              "error: Domain is already active")
        self.assertEqual(self.domstate(name), "running (booted)")

    def test_not_running_rejected(self):
        name = "lc-off"
        self.define(name)
        for cmd in ("suspend", "resume", "destroy", "shutdown"):
            self.assertVirshError(self.virsh(cmd, name, check=False), "not running")
        self.assertEqual(self.domstate(name), "shut off (unknown)")

    def test_unknown_domain(self):
        for cmd in ("dominfo", "start", "dumpxml", "domstate", "destroy", "undefine"):
            rc, out, err = self.virsh(cmd, "no-such-dom", check=False)
            self.assertEqual(rc, 1, cmd)
            lines = [l for l in err.splitlines() if l.strip()]
            self.assertEqual(lines[0], "error: failed to get domain 'no-such-dom'", cmd)
            for extra in lines[1:]:
                self.assertIn("Domain not found", extra)

    def test_malformed_xml(self):
        before = self.out("list", "--all", "--name")
        path = self.daemon.write_xml("broken", "<domain type='qemu'>\n  <name>lc-broken</name>\n"
                                     "  <memory>131072</memory>\n")
        rc, out, err = self.virsh("define", path, check=False)
        self.assertEqual(rc, 1)
        lines = [l for l in err.splitlines() if l.strip()]
        self.assertEqual(lines[0], "error: Failed to define domain from %s" % path)
        self.assertGreaterEqual(len(lines), 2, "no parser message: %r" % err)
        self.assertTrue(lines[1].startswith("error: "), lines)
        self.assertEqual(self.out("list", "--all", "--name"), before)
        self.assertFalse(os.path.exists(self.daemon.config_path("lc-broken")))

    def test_not_a_domain_document(self):
        path = self.daemon.write_xml("network", "<network><name>x</name></network>\n")
        err = self.assertVirshError(self.virsh("define", path, check=False),
                                    "error: Failed to define domain from")
        self.assertEqual(len([l for l in err.splitlines() if l.startswith("error: ")]), 2, err)

    def test_zero_memory_rejected(self):
        name = "lc-zero-mem"
        self.track(name)
        path = self.daemon.write_domain(name, memory_kib=0)
        err = self.assertVirshError(self.virsh("define", path, check=False),
                                    "error: Failed to define domain from")
        self.assertIn("memory", err.lower())
        self.assertNotIn(name, self.out("list", "--all", "--name"))
        self.assertFalse(os.path.exists(self.daemon.config_path(name)))

    def test_missing_name_rejected(self):
        path = self.daemon.write_xml("noname", harness.domain_xml("x").replace(
            "  <name>x</name>\n", ""))
        self.assertVirshError(self.virsh("define", path, check=False),
                              "error: Failed to define domain from")

    # read-only socket ----------------------------------------------------
    def test_readonly_refuses_writes(self):
        name = "lc-ro"
        self.define(name)
        path = self.daemon.write_domain("lc-ro-new")
        for ro_kw in ({"ro": True}, {"readonly_flag": True}):
            err = self.assertVirshError(self.virsh("define", path, check=False, **ro_kw),
                                        "read only access")
            self.assertIn("operation forbidden", err)
            self.assertVirshError(self.virsh("start", name, check=False, **ro_kw),
                                  "read only access")
            self.assertVirshError(self.virsh("undefine", name, check=False, **ro_kw),
                                  "read only access")
        self.assertNotIn("lc-ro-new", self.out("list", "--all", "--name"))
        self.assertEqual(self.domstate(name), "shut off (unknown)")
        # reads work
        self.assertEqual(self.out("domstate", name, ro=True), "shut off\n\n")
        self.assertEqual(self.dominfo(name)["Name"], name)
        self.assertEqual(harness.parse_kv(self.out("dominfo", name, ro=True))["Name"], name)

    def test_readonly_refuses_destroy(self):
        name = "lc-ro-run"
        self.define(name)
        self.virsh("start", name)
        self.assertVirshError(self.virsh("destroy", name, check=False, ro=True),
                              "read only access")
        self.assertVirshError(self.virsh("suspend", name, check=False, ro=True),
                              "read only access")
        self.assertEqual(self.domstate(name), "running (booted)")


    def test_missing_disk_file(self):
        """A disk whose file is gone fails the start with libvirt's error,
        before QEMU runs, and the guest stays as it was."""
        name = "lc-nodisk"
        missing = self.daemon.path("gone.qcow2")
        self.define(name, extra_devices="<disk type='file' device='disk'>\n"
                                        "  <driver name='qemu' type='qcow2'/>\n"
                                        "  <source file='%s'/>\n"
                                        "  <target dev='vda' bus='virtio'/>\n"
                                        "</disk>" % missing)
        rc, out, err = self.virsh("start", name, check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("Cannot access storage file '%s': No such file or directory" % missing,
                      err)
        self.assertEqual(self.domstate(name, reason=False), "shut off")
        self.assertIn(missing, self.out("dumpxml", name))


if __name__ == "__main__":
    harness.main()
