#!/usr/bin/python3
"""Devices and firmware beyond disks and interfaces, on real QEMU through
virsh: UEFI (OVMF) with a per-domain NVRAM made from its template, an
emulated TPM (swtpm started before QEMU and gone with the guest), a
booted guest with watchdog, sound card, RNG and panic device, and the
clear refusal of a host PCI device this host does not have."""

import json
import os
import re

import harness

OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"


def firmware_xml(name, loader="", devices=""):
    """A Q35 guest without a kernel: it runs its firmware."""
    return """<domain type='qemu'>
  <name>%s</name>
  <memory unit='MiB'>256</memory>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
%s  </os>
  <features>
    <acpi/>
    <apic/>
    <smm state='on'/>
  </features>
  <devices>
    <emulator>%s</emulator>
%s  </devices>
</domain>
""" % (name, loader, harness.QEMU, devices)


def swtpm_pids(uuid):
    """swtpm processes whose state directory is this domain's."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        argv = harness.proc_cmdline(int(entry)) or []
        if argv and os.path.basename(argv[0]) == "swtpm" and any(uuid in a for a in argv):
            pids.append(int(entry))
    return pids


class DevicesTest(harness.GuestTestCase):

    def define_text(self, name, text):
        self.track(name)
        path = self.daemon.write_xml(name, text)
        self.virsh("define", path)

    def qmp(self, name, command):
        out = self.out("qemu-monitor-command", name, json.dumps({"execute": command}))
        return json.loads(out)["return"]

    def uuid(self, name):
        return self.out("domuuid", name).strip()

    def test_uefi_nvram_from_template(self):
        if not (os.path.exists(OVMF_CODE) and os.path.exists(OVMF_VARS)):
            self.skipTest("Debian's OVMF is not installed")
        name = self.unique("dev-uefi")
        loader = "    <loader readonly='yes' type='pflash'>%s</loader>\n" % OVMF_CODE
        self.define_text(name, firmware_xml(name, loader))
        nvram = self.daemon.path("var/lib/libvirt/qemu/nvram/%s_VARS.fd" % name)
        inactive = self.out("dumpxml", "--inactive", name)
        self.assertIn("<nvram template='%s'>%s</nvram>" % (OVMF_VARS, nvram), inactive)
        self.assertFalse(os.path.exists(nvram))

        self.virsh("start", name)
        self.assertEqual(os.path.getsize(nvram), os.path.getsize(OVMF_VARS))
        self.assertEqual(os.stat(nvram).st_mode & 0o777, 0o600)
        # OVMF runs (towards its shell) under TCG: QEMU stays up and running.
        self.assertEqual(self.qmp(name, "query-status")["status"], "running")
        self.assertEqual(self.domstate(name), "running (booted)")
        self.virsh("destroy", name)
        # The variable store outlives the run, as the guest's own data.
        self.assertTrue(os.path.exists(nvram))

    def test_tpm_emulator(self):
        name = self.unique("dev-tpm")
        tpm = ("    <tpm model='tpm-crb'>\n"
               "      <backend type='emulator' version='2.0'/>\n"
               "    </tpm>\n")
        self.define_text(name, firmware_xml(name, devices=tpm))
        uuid = self.uuid(name)
        self.virsh("start", name)
        pids = swtpm_pids(uuid)
        self.assertEqual(len(pids), 1, "swtpm processes: %r" % pids)
        state = self.daemon.path("var/lib/libvirt/swtpm/%s/tpm2" % uuid)
        self.assertTrue(os.path.isdir(state))
        tpms = self.qmp(name, "query-tpm")
        self.assertEqual([(t["id"], t["model"], t["options"]["type"]) for t in tpms],
                         [("tpm-tpm0", "tpm-crb", "emulator")])
        live = self.out("dumpxml", name)
        self.assertIn("<backend type='emulator' version='2.0'/>", live)
        self.assertIn("<alias name='tpm0'/>", live)

        self.virsh("destroy", name)
        for pid in pids:
            self.assertPidGone(pid)
        # The TPM's state stays for the next start.
        self.assertTrue(os.listdir(state))
        self.virsh("start", name)
        self.assertEqual(len(swtpm_pids(uuid)), 1)
        pids = swtpm_pids(uuid)
        self.virsh("destroy", name)
        for pid in pids:
            self.assertPidGone(pid)

    def test_booted_guest_devices(self):
        name = self.unique("dev-misc")
        devices = ("<watchdog model='i6300esb' action='reset'/>\n"
                   "<sound model='ich9'>\n"
                   "  <codec type='duplex'/>\n"
                   "</sound>\n"
                   "<rng model='virtio'>\n"
                   "  <backend model='random'>/dev/urandom</backend>\n"
                   "</rng>\n"
                   "<panic model='isa'/>\n")
        self.boot(name, extra_devices=devices)
        out = self.out("qemu-monitor-command", name, json.dumps(
            {"execute": "qom-list", "arguments": {"path": "/machine/peripheral"}}))
        peripherals = {p["name"] for p in json.loads(out)["return"]}
        for dev in ("watchdog0", "sound0", "sound0-codec0", "rng0"):
            self.assertIn(dev, peripherals)
        live = self.out("dumpxml", name)
        self.assertIn("<watchdog model='i6300esb' action='reset'>", live)
        self.assertIn("<alias name='watchdog0'/>", live)
        self.assertIn("<alias name='sound0'/>", live)
        self.assertRegex(live, re.compile(r"<panic model='isa'>\s*<address type='isa' iobase='0x505'/>"))
        # The ISA pvpanic device is there for the guest to signal crashes.
        hmp = self.out("qemu-monitor-command", name, "--hmp", "info qtree")
        self.assertIn("pvpanic", hmp)

    def test_pci_addresses_at_define(self):
        """Addresses appear at define (in libvirt's order: interfaces,
        balloon, RNG, watchdog), stay through starts, and a clash is
        refused."""
        name = self.unique("dev-pci")
        devices = ("    <interface type='user'>\n"
                   "      <mac address='52:54:00:5e:00:01'/>\n"
                   "      <model type='virtio'/>\n"
                   "    </interface>\n"
                   "    <watchdog model='i6300esb' action='reset'/>\n"
                   "    <memballoon model='virtio'/>\n"
                   "    <rng model='virtio'>\n"
                   "      <backend model='random'>/dev/urandom</backend>\n"
                   "    </rng>\n")
        self.define_text(name, firmware_xml(name, devices=devices).replace("q35", "pc"))
        addr = re.compile(r"<address type='pci'[^>]*/>")
        inactive = addr.findall(self.out("dumpxml", "--inactive", name))
        self.assertEqual(inactive, [
            "<address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>",
            "<address type='pci' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/>",
            "<address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>",
            "<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>"])
        for _ in range(2):
            self.virsh("start", name)
            self.assertEqual(addr.findall(self.out("dumpxml", name)), inactive)
            # QEMU put them there.
            out = self.out("qemu-monitor-command", name, json.dumps({"execute": "query-pci"}))
            slots = {d["qdev_id"]: d["slot"] for d in json.loads(out)["return"][0]["devices"]
                     if d.get("qdev_id")}
            self.assertEqual((slots["net0"], slots["balloon0"], slots["watchdog0"], slots["rng0"]),
                             (3, 4, 6, 5))
            self.virsh("destroy", name)

        clash = firmware_xml(name + "-clash", devices=devices.replace(
            "<memballoon model='virtio'/>",
            "<memballoon model='virtio'>\n"
            "      <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/>\n"
            "    </memballoon>").replace(
            "<watchdog model='i6300esb' action='reset'/>",
            "<watchdog model='i6300esb' action='reset'>\n"
            "      <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/>\n"
            "    </watchdog>"))
        path = self.daemon.write_xml(name + "-clash", clash)
        self.assertVirshError(self.virsh("define", path, check=False),
                              "Attempted double use of PCI Address 0000:00:07.0")

    def test_hostdev_missing(self):
        name = self.unique("dev-hostdev")
        hostdev = ("    <hostdev mode='subsystem' type='pci' managed='yes'>\n"
                   "      <source>\n"
                   "        <address domain='0x0000' bus='0xfe' slot='0x1f' function='0x7'/>\n"
                   "      </source>\n"
                   "    </hostdev>\n")
        self.define_text(name, firmware_xml(name, devices=hostdev))
        inactive = self.out("dumpxml", "--inactive", name)
        self.assertIn("<address domain='0x0000' bus='0xfe' slot='0x1f' function='0x7'/>", inactive)
        self.assertVirshError(self.virsh("start", name, check=False),
                              "host PCI device 0000:fe:1f.7 does not exist on this host")
        self.assertEqual(self.domstate(name, reason=False), "shut off")


if __name__ == "__main__":
    harness.main()
