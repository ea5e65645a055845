#!/usr/bin/python3
"""The tiny guest itself, under plain QEMU (no daemon): it boots to its marker
and powers off on an ACPI power button press (QMP system_powerdown)."""

import os
import subprocess
import sys

import harness

SMOKE = os.path.join(harness.SOURCE_DIR, "tests", "guest", "smoke-guest.py")


class GuestImageTest(harness.unittest.TestCase):

    def test_build_is_idempotent(self):
        harness.guest_images()
        res = subprocess.run(["sh", harness.GUEST_BUILDER, harness.guest_outdir()],
                             capture_output=True, text=True, timeout=600)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertIn("up to date", res.stderr)

    def test_boot_and_powerdown(self):
        harness.guest_images()
        res = subprocess.run([sys.executable, SMOKE, harness.guest_outdir()],
                             capture_output=True, text=True, timeout=300)
        sys.stdout.write(res.stdout)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        self.assertIn("marker after", res.stdout)
        self.assertIn("poweroff", res.stdout)


if __name__ == "__main__":
    harness.main()
