#!/usr/bin/python3
"""Boot the tiny guest under plain QEMU (no daemon) and power it off over QMP.

    tests/guest/smoke-guest.py GUESTDIR [--accel tcg|kvm] [--qemu PATH]

GUESTDIR holds vmlinuz and initramfs.gz from build-guest.sh. Prints the time
to the VIRTD-GUEST-UP marker and to QEMU's exit after system_powerdown.
Exit status 0 when both happen in time, 1 otherwise.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

MARK_UP = b"VIRTD-GUEST-UP"
MARK_OFF = b"VIRTD-GUEST-POWEROFF"
CMDLINE = "console=ttyS0 panic=-1 quiet loglevel=1"


def wait_for(pred, timeout, step=0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


def qmp(path, *commands):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(path)
    f = s.makefile("rwb")
    json.loads(f.readline())  # greeting
    replies = []
    for cmd in ("qmp_capabilities",) + commands:
        f.write(json.dumps({"execute": cmd}).encode() + b"\n")
        f.flush()
        while True:
            msg = json.loads(f.readline())
            if "return" in msg or "error" in msg:
                replies.append(msg)
                break
    s.close()
    return replies


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("guestdir")
    ap.add_argument("--accel", default="tcg")
    ap.add_argument("--qemu", default="/usr/bin/qemu-system-x86_64")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--append", default=CMDLINE, help="kernel command line")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="virtd-guest-smoke-")
    serial = os.path.join(tmp, "serial.log")
    qsock = os.path.join(tmp, "q.sock")
    argv = [args.qemu, "-machine", "pc,accel=" + args.accel, "-m", "128",
            "-nodefaults", "-display", "none",
            "-kernel", os.path.join(args.guestdir, "vmlinuz"),
            "-initrd", os.path.join(args.guestdir, "initramfs.gz"),
            "-append", args.append,
            "-chardev", "file,id=s0,path=" + serial,
            "-device", "isa-serial,chardev=s0",
            "-qmp", "unix:%s,server=on,wait=off" % qsock, "-no-reboot"]
    ok = False
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if not wait_for(lambda: MARK_UP in read(serial), args.timeout):
            print("FAIL: no %s within %ss" % (MARK_UP.decode(), args.timeout))
            return 1
        t_up = time.monotonic() - t0
        print("marker after %.2f s" % t_up)
        # The guest prints the marker only once its button reader is armed,
        # so the press may follow at once.
        t1 = time.monotonic()
        qmp(qsock, "system_powerdown")
        try:
            proc.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print("FAIL: QEMU still running %ss after system_powerdown" % args.timeout)
            return 1
        t_off = time.monotonic() - t1
        print("poweroff %.2f s after system_powerdown (total %.2f s), qemu rc=%d"
              % (t_off, time.monotonic() - t0, proc.returncode))
        if MARK_OFF not in read(serial):
            print("FAIL: no %s in the serial log" % MARK_OFF.decode())
            return 1
        ok = True
        return 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if not ok:
            sys.stdout.write("--- serial log ---\n%s\n--- qemu stderr ---\n%s\n" % (
                read(serial).decode(errors="replace"),
                proc.stderr.read().decode(errors="replace")))
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
