#!/usr/bin/python3
"""save/restore and managedsave on a real booted guest, domjobinfo and
domjobabort while a save runs, the job-completed event, and the errors for
bad images and undefining a guest with a managed save image.

The guest's serial log is rewritten at every QEMU start, so a restored
guest that answers the power button without printing its boot marker again
proves it continued where it was saved."""

import os
import subprocess
import threading
import time

import harness


class ManageTest(harness.GuestTestCase):

    def assert_continues(self, name, serial):
        """The guest runs on from its saved state: no new boot, and it still
        obeys the power button."""
        self.virsh("shutdown", name)
        self.wait_serial(serial, harness.MARK_OFF, 60)
        self.assertNotIn(harness.MARK_UP, harness.read_text(serial))
        self.wait_state(name, "shut off (shutdown)", 60)

    def test_save_and_restore(self):
        d = self.daemon
        name = "mg-save"
        serial = self.boot(name)
        image = d.path("mg-save.img")
        out = self.out("save", name, image)
        self.assertIn("Domain '%s' saved to %s" % (name, image), out)
        self.assertEqual(self.domstate(name), "shut off (saved)")
        self.assertTrue(os.path.getsize(image) > 4096)

        info = self.out("domjobinfo", name, "--completed")
        self.assertIn("Completed", info)
        self.assertIn("Save", info)

        out = self.out("restore", image)
        self.assertIn("Domain restored from %s" % image, out)
        self.assertEqual(self.domstate(name), "running (restored)")
        self.assert_continues(name, serial)
        # The restore was a job too: its record names it, with the size of
        # the state it read.
        info = harness.parse_kv(self.out("domjobinfo", name, "--completed"))
        self.assertEqual(info["Job type"], "Completed")
        self.assertEqual(info["Operation"], "Restore")
        self.assertNotEqual(info["Data processed"], "0.000 B")

        # --paused: restored paused, then resumed by hand.
        self.virsh("start", name)
        self.wait_serial(serial, harness.MARK_READY)
        self.virsh("save", name, image, "--paused")
        self.virsh("restore", image)
        self.assertEqual(self.domstate(name, reason=False), "paused")
        self.virsh("resume", name)
        self.assertEqual(self.domstate(name, reason=False), "running")

        # The image's definition: shown, replaced (and told to restore
        # running), then restored with it.
        self.virsh("save", name, image, "--paused")
        xml = self.out("save-image-dumpxml", image)
        self.assertIn("<name>%s</name>" % name, xml)
        edited = xml.replace("</name>", "</name>\n  <description>edited in the image</description>", 1)
        self.assertIn("State file %s updated." % image,
                      self.out("save-image-define", image, d.write_xml("mg-edit", edited),
                               "--running"))
        self.assertIn("edited in the image", self.out("save-image-dumpxml", image))
        # Another domain's definition, or one that does not fit: refused,
        # the image unchanged.
        other = xml.replace("<name>%s</name>" % name, "<name>other</name>")
        res = self.virsh("save-image-define", image, d.write_xml("mg-other", other), check=False)
        self.assertVirshError(res, "must keep the domain's name and uuid")
        huge = edited.replace("edited in the image", "x" * 100000)
        res = self.virsh("save-image-define", image, d.write_xml("mg-huge", huge), check=False)
        self.assertVirshError(res, "new xml too large to fit in file")
        self.assertIn("edited in the image", self.out("save-image-dumpxml", image))
        self.virsh("restore", image)
        self.assertEqual(self.domstate(name), "running (restored)")
        self.assertIn("edited in the image", self.out("dumpxml", name))

    def test_managedsave(self):
        d = self.daemon
        name = "mg-managed"
        serial = self.boot(name)
        self.virsh("managedsave", name)
        self.assertEqual(self.domstate(name), "shut off (saved)")
        self.assertEqual(harness.parse_kv(self.out("dominfo", name))["Managed save"], "yes")
        self.assertIn(name, self.out("list", "--all", "--managed-save", "--name"))

        rc, out, err = self.virsh("undefine", name, check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("Refusing to undefine while domain managed save image exists", err)

        self.virsh("start", name)
        self.assertEqual(self.domstate(name), "running (restored)")
        self.assertEqual(harness.parse_kv(self.out("dominfo", name))["Managed save"], "no")
        self.assert_continues(name, serial)

        # managedsave-remove, and undefine --managed-save.
        self.virsh("start", name)
        self.wait_serial(serial, harness.MARK_READY)
        self.virsh("managedsave", name)
        self.virsh("managedsave-remove", name)
        self.assertEqual(harness.parse_kv(self.out("dominfo", name))["Managed save"], "no")
        self.virsh("start", name)
        self.wait_serial(serial, harness.MARK_READY)
        self.virsh("managedsave", name)
        self.virsh("undefine", "--managed-save", name)
        self.assertFalse(os.path.exists(d.path("var", "lib", "libvirt", "qemu", "save",
                                               name + ".save")))

    def test_job_info_and_abort(self):
        """A save into a pipe read slowly stays in progress long enough to
        be watched and cancelled."""
        d = self.daemon
        name = "mg-abort"
        serial = self.boot(name)
        fifo = d.path("mg-abort.fifo")
        os.mkfifo(fifo)
        stop = threading.Event()

        def slow_reader():
            with open(fifo, "rb") as f:
                while not stop.is_set() and f.read(8192):
                    time.sleep(0.02)

        reader = threading.Thread(target=slow_reader, daemon=True)
        reader.start()
        save = subprocess.Popen([harness.VIRSH, "-c", d.uri, "save", name, fifo],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            seen = harness.wait_for(
                lambda: "Unbounded" in self.virsh("domjobinfo", name, check=False)[1], 30, 0.1)
            self.assertTrue(seen, "domjobinfo never showed the save in progress")
            info = self.out("domjobinfo", name)
            self.assertIn("Save", info)
            self.assertRegex(self.out("domcontrol", name), r"^background job \(\d+\.\d+s\)")
            self.virsh("domjobabort", name)
            out, err = save.communicate(timeout=60)
        finally:
            stop.set()
            if save.poll() is None:
                save.kill()
                save.wait()
        self.assertNotEqual(save.returncode, 0)
        self.assertIn("canceled by client", err)
        self.assertEqual(self.domstate(name, reason=False), "running")
        self.assertIn("Cancelled", self.out("domjobinfo", name, "--completed"))
        self.assertTrue(os.path.exists(fifo), "the pipe was removed")
        # The same QEMU runs on and still obeys the power button.
        self.virsh("shutdown", name)
        self.wait_serial(serial, harness.MARK_OFF, 60)
        self.wait_state(name, "shut off (shutdown)", 60)
        reader.join(10)

    def test_bad_images(self):
        d = self.daemon
        junk = d.path("junk.img")
        with open(junk, "wb") as f:
            f.write(os.urandom(4096))
        rc, out, err = self.virsh("restore", junk, check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("image magic is incorrect", err)
        self.assertVirshError(self.virsh("save-image-dumpxml", junk, check=False),
                              "image magic is incorrect")
        rc, out, err = self.virsh("restore", d.path("missing.img"), check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("cannot open domain image", err)
        self.assertEqual(self.out("list", "--all", "--name").strip(), "")

        name = "mg-off"
        self.define(name)
        rc, out, err = self.virsh("save", name, d.path("off.img"), check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("domain is not running", err)
        self.assertFalse(os.path.exists(d.path("off.img")))


if __name__ == "__main__":
    harness.main()
