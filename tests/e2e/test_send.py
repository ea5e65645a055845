#!/usr/bin/python3
"""What virsh sends into a running guest: `virsh send-key` presses keys on
its PS/2 keyboard (the tiny guest reports each press by its Linux key code
on the serial port), in the linux, xt_kbd and atset1 code sets and by key
name; `virsh inject-nmi` reaches the guest kernel, which says so. Codes
that have no PS/2 equivalent, and guests that are not running, get
libvirt's errors."""

import harness

# Linux key codes (linux/input-event-codes.h).
KEY_A, KEY_ENTER, KEY_LEFTCTRL, KEY_F12, KEY_UP, KEY_RIGHTALT = 30, 28, 29, 88, 103, 100


class SendTest(harness.GuestTestCase):

    def setUp(self):
        super().setUp()
        self.name = "send-guest"
        # Kernel messages (the NMI report) on the serial log.
        self.serial = self.boot(self.name, cmdline="console=ttyS0 loglevel=6")

    def keys_seen(self):
        return [int(l.split()[1]) for l in harness.read_text(self.serial).splitlines()
                if l.startswith("VIRTD-GUEST-KEY ")]

    def wait_keys(self, want):
        ok = harness.wait_for(lambda: self.keys_seen() == want, 30, 0.2)
        self.assertTrue(ok, "keys %s, wanted %s\n%s" % (self.keys_seen(), want,
                                                        harness.read_text(self.serial)[-1500:]))

    def test_send_key(self):
        name = self.name
        self.virsh("send-key", name, "KEY_A")
        self.wait_keys([KEY_A])
        # Several keys are pressed together, in order.
        self.virsh("send-key", name, "--holdtime", "50", "KEY_LEFTCTRL", "KEY_UP")
        self.wait_keys([KEY_A, KEY_LEFTCTRL, KEY_UP])
        # Numbers in other code sets: xt_kbd writes extended keys 0x80|code,
        # atset1 0xe0XX.
        self.virsh("send-key", name, "--codeset", "xt_kbd", "0x1c", "0xb8")
        self.wait_keys([KEY_A, KEY_LEFTCTRL, KEY_UP, KEY_ENTER, KEY_RIGHTALT])
        self.virsh("send-key", name, "--codeset", "atset1", "0x58", "0xe048")
        self.wait_keys([KEY_A, KEY_LEFTCTRL, KEY_UP, KEY_ENTER, KEY_RIGHTALT, KEY_F12, KEY_UP])

        # A code no PS/2 keyboard has: refused, nothing pressed.
        res = self.virsh("send-key", name, "--codeset", "linux", "400", check=False)
        self.assertVirshError(res, "cannot translate keycode 400 of linux codeset to qnum keycode")
        res = self.virsh("send-key", name, "--codeset", "usb", "4", check=False)
        self.assertVirshError(res, "of usb codeset")
        self.assertEqual(len(self.keys_seen()), 7)

        self.virsh("destroy", name)
        res = self.virsh("send-key", name, "KEY_A", check=False)
        self.assertVirshError(res, "domain is not running")

    def test_inject_nmi(self):
        name = self.name
        self.virsh("inject-nmi", name)
        self.wait_serial(self.serial, "NMI received")
        self.assertEqual(self.domstate(name), "running (booted)")
        self.virsh("destroy", name)
        self.assertVirshError(self.virsh("inject-nmi", name, check=False), "domain is not running")


if __name__ == "__main__":
    harness.main()
