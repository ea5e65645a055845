"""Shared helpers for the end-to-end tests.

The tests drive our daemons (virtqemud unless a test names another) with
Debian's own clients: /usr/bin/virsh and python3-libvirt (installed for
/usr/bin/python3 only). Every test class gets a scratch root under /tmp
(virtd-e2e-*), the daemon runs with --root pointing there, and cleanup kills
every QEMU left behind and removes the root.

Environment:
  VIRTQEMUD       the daemon executable (default: $VIRTD_BUILD_DIR/daemons/virtqemud);
                  likewise VIRTSECRETD for virtsecretd, and so on
  VIRTD_BUILD_DIR the meson build directory (guest images are cached in
                  $VIRTD_BUILD_DIR/tests/guest-out)
  VIRTD_E2E_KEEP  when set, keep the scratch roots for inspection
"""

import atexit
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import uuid as uuidlib
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("VIRTD_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
BUILD_DIR = os.environ.get("VIRTD_BUILD_DIR") or os.path.join(SOURCE_DIR, "build")

VIRSH = "/usr/bin/virsh"
QEMU = "/usr/bin/qemu-system-x86_64"
GUEST_BUILDER = os.path.join(SOURCE_DIR, "tests", "guest", "build-guest.sh")

MARK_UP = "VIRTD-GUEST-UP"
MARK_READY = "VIRTD-GUEST-READY"
MARK_OFF = "VIRTD-GUEST-POWEROFF"
GUEST_CMDLINE = "console=ttyS0 panic=-1 quiet loglevel=1"

SOCKET_WAIT = 10.0
VIRSH_TIMEOUT = 60.0

_live_daemons = []


def log(msg):
    sys.stderr.write("[e2e] %s\n" % msg)
    sys.stderr.flush()


def wait_for(pred, timeout, step=0.1):
    """Poll pred() until it returns a true value or timeout seconds pass."""
    end = time.monotonic() + timeout
    while True:
        val = pred()
        if val or time.monotonic() >= end:
            return val
        time.sleep(step)


def read_text(path):
    try:
        with open(path, "r", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def pid_alive(pid):
    """True if pid exists and is not a zombie."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
    except OSError:
        return False
    # the state letter follows the parenthesised command name
    return stat[stat.rindex(")") + 2] not in "ZX"


def proc_cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


# The URI scheme each daemon serves, as the tests spell it.
DAEMON_SCHEMES = {
    "virtqemud": "qemu+unix",
    "virtsecretd": "secret",
}


def daemon_binary(name="virtqemud"):
    """$VIRTQEMUD (for virtqemud; $VIRTSECRETD for virtsecretd...), else the
    build tree's daemon (build/daemons/<name>)."""
    var = name.upper()
    env = os.environ.get(var)
    candidates = [env] if env else [os.path.join(BUILD_DIR, "daemons", name),
                                    os.path.join(BUILD_DIR, name)]
    for path in candidates:
        if os.path.isdir(path):
            path = os.path.join(path, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise RuntimeError("%s executable not found (tried %s; set %s)"
                       % (name, ", ".join(candidates), var))


def qemu_version():
    """'7.2.22' from `qemu-system-x86_64 --version`."""
    out = subprocess.run([QEMU, "--version"], capture_output=True, text=True).stdout
    m = re.search(r"version (\d+\.\d+\.\d+)", out)
    return m.group(1) if m else None


def kvm_usable():
    return os.path.exists("/dev/kvm") and os.access("/dev/kvm", os.R_OK | os.W_OK)


# --------------------------------------------------------------------------
# The tiny guest


_guest_cache = {}


def guest_outdir():
    return os.path.join(BUILD_DIR, "tests", "guest-out")


def guest_images():
    """Build (or reuse) the tiny guest; return (vmlinuz, initramfs).

    Raises unittest.SkipTest only when the builder says the packages cannot be
    downloaded at all (exit status 77); any other failure is a test error.
    """
    if "images" in _guest_cache:
        return _guest_cache["images"]
    outdir = guest_outdir()
    t0 = time.monotonic()
    res = subprocess.run(["sh", GUEST_BUILDER, outdir], capture_output=True, text=True,
                         timeout=600)
    if res.returncode == 77:
        raise unittest.SkipTest("tiny guest unavailable: apt-get download impossible:\n"
                                + res.stderr[-2000:])
    if res.returncode != 0:
        raise RuntimeError("build-guest.sh failed (rc=%d):\n%s" % (res.returncode,
                                                                 res.stderr[-4000:]))
    log("guest images ready in %.1fs (%s)" % (time.monotonic() - t0, outdir))
    images = (os.path.join(outdir, "vmlinuz"), os.path.join(outdir, "initramfs.gz"))
    _guest_cache["images"] = images
    return images


# --------------------------------------------------------------------------
# Domain XML


def domain_xml(name, dtype="qemu", uuid=None, kernel=None, initrd=None,
               cmdline=GUEST_CMDLINE, serial_log=None, memory_mib=128,
               memory_kib=None, vcpus=1, machine="pc", emulator=QEMU,
               on_poweroff="destroy", on_reboot="restart", on_crash="destroy",
               extra_devices=""):
    """A minimal x86_64 domain definition.

    Without kernel the guest just sits in the BIOS (enough for lifecycle
    tests). serial_log makes the first serial port a file.
    """
    mem = ("<memory unit='KiB'>%d</memory>" % memory_kib if memory_kib is not None
           else "<memory unit='MiB'>%d</memory>" % memory_mib)
    lines = ["<domain type=%s>" % quoteattr(dtype),
             "  <name>%s</name>" % escape(name)]
    if uuid:
        lines.append("  <uuid>%s</uuid>" % uuid)
    lines += ["  " + mem,
              "  <vcpu>%d</vcpu>" % vcpus,
              "  <os>",
              "    <type arch='x86_64' machine=%s>hvm</type>" % quoteattr(machine)]
    if kernel:
        lines.append("    <kernel>%s</kernel>" % escape(kernel))
        if initrd:
            lines.append("    <initrd>%s</initrd>" % escape(initrd))
        if cmdline:
            lines.append("    <cmdline>%s</cmdline>" % escape(cmdline))
    lines += ["  </os>",
              "  <features>",
              "    <acpi/>",
              "    <apic/>",
              "  </features>",
              "  <on_poweroff>%s</on_poweroff>" % on_poweroff,
              "  <on_reboot>%s</on_reboot>" % on_reboot,
              "  <on_crash>%s</on_crash>" % on_crash,
              "  <devices>",
              "    <emulator>%s</emulator>" % escape(emulator)]
    if serial_log:
        lines += ["    <serial type='file'>",
                  "      <source path=%s/>" % quoteattr(serial_log),
                  "      <target port='0'/>",
                  "    </serial>"]
    # Further devices, as XML text (indented to fit).
    lines += ["    " + l for l in extra_devices.splitlines() if l.strip()]
    lines += ["  </devices>", "</domain>", ""]
    return "\n".join(lines)


def parse_kv(text):
    """virsh 'Key:   value' output (dominfo, nodeinfo) as a dict."""
    out = {}
    for line in text.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            out[k.strip()] = v.strip()
    return out


def virsh_table(rows, header=("Id", "Name", "State")):
    """What virsh prints for a table: each column as wide as its widest cell,
    cells separated by three spaces after a leading one, the last column
    unpadded, a dash rule three characters per column wider than the cells,
    and a blank line at the end."""
    cols = list(zip(header, *rows)) if rows else [(h,) for h in header]
    widths = [max(len(c) for c in col) for col in cols]

    def fmt(cells):
        parts = [c.ljust(w) for c, w in zip(cells, widths)]
        parts[-1] = cells[-1]
        return " " + "   ".join(parts)

    lines = [fmt(header), "-" * sum(w + 3 for w in widths)]
    lines += [fmt(r) for r in rows]
    return "\n".join(lines) + "\n\n"


# --------------------------------------------------------------------------
# The daemon


class VirshError(AssertionError):
    pass


class Daemon:
    """One daemon (virtqemud unless name says otherwise) with its own
    scratch root, or sharing another daemon's (root=...; then the root is
    left for its owner to remove)."""

    def __init__(self, binary=None, args=(), name="virtqemud", root=None, netns=None,
                 env=None):
        self.name = name
        self.env = env          # extra environment variables
        self.netns = netns      # a NetNS the daemon runs in (network tests)
        self.binary = binary or daemon_binary(name)
        self.args = list(args)
        self.owns_root = root is None
        self.root = root or tempfile.mkdtemp(prefix="virtd-e2e-")
        # Helpers that drop privileges (dnsmasq runs as nobody) read their
        # files under the root, as they would under /var/lib/libvirt.
        os.chmod(self.root, 0o755)
        self.logpath = os.path.join(self.root, name + ".log")
        self.proc = None
        self.starts = 0
        _live_daemons.append(self)

    # paths ---------------------------------------------------------------
    def path(self, *parts):
        return os.path.join(self.root, *parts)

    @property
    def sock(self):
        return self.path("run", "libvirt", self.name + "-sock")

    @property
    def ro_sock(self):
        return self.path("run", "libvirt", self.name + "-sock-ro")

    @property
    def admin_sock(self):
        return self.path("run", "libvirt", self.name + "-admin-sock")

    @property
    def scheme(self):
        return DAEMON_SCHEMES.get(self.name, self.name[len("virt"):-1] + "+unix")

    @property
    def uri(self):
        return self.scheme + ":///system?socket=" + self.sock

    @property
    def ro_uri(self):
        return self.scheme + ":///system?socket=" + self.ro_sock

    def config_path(self, name):
        return self.path("etc", "libvirt", "qemu", name + ".xml")

    def autostart_path(self, name):
        return self.path("etc", "libvirt", "qemu", "autostart", name + ".xml")

    def status_path(self, name):
        return self.path("run", "libvirt", "qemu", name + ".xml")

    def guest_log_path(self, name):
        return self.path("var", "log", "libvirt", "qemu", name + ".log")

    # process -------------------------------------------------------------
    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self):
        assert not self.alive(), "daemon already running"
        os.makedirs(self.root, exist_ok=True)
        logf = open(self.logpath, "ab")
        logf.write(b"===== start %d: %s\n" % (self.starts + 1, " ".join(self._argv()).encode()))
        logf.flush()
        env = dict(os.environ, **self.env) if self.env else None
        self.proc = subprocess.Popen(self._argv(), stdin=subprocess.DEVNULL, stdout=logf,
                                     stderr=subprocess.STDOUT, start_new_session=True, env=env)
        logf.close()
        self.starts += 1
        ok = wait_for(lambda: not self.alive() or
                      (self._connectable(self.sock) and self._connectable(self.ro_sock)),
                      SOCKET_WAIT, 0.05)
        if not self.alive():
            raise RuntimeError("%s exited with status %s during startup\n%s"
                               % (self.name, self.proc.returncode, self.log_tail()))
        if not ok:
            raise RuntimeError("%s sockets did not appear within %ss\n%s"
                               % (self.name, SOCKET_WAIT, self.log_tail()))
        return self

    def _argv(self):
        argv = [self.binary, "--root", self.root, "--verbose"] + self.args
        if self.netns:
            # ip execs the daemon: self.proc is the daemon itself.
            argv = ["ip", "netns", "exec", self.netns.name] + argv
        return argv

    @staticmethod
    def _connectable(path):
        if not os.path.exists(path):
            return False
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(1)
        try:
            s.connect(path)
            return True
        except OSError:
            return False
        finally:
            s.close()

    def stop(self, timeout=15):
        """SIGTERM, wait, SIGKILL fallback. Returns the exit status (or None)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                log("%s ignored SIGTERM for %ss, killing it" % (self.name, timeout))
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def restart(self):
        self.stop()
        return self.start()

    def log_tail(self, lines=60):
        text = read_text(self.logpath).splitlines()
        return "----- %s (last %d lines) -----\n%s\n-----" % (
            self.logpath, lines, "\n".join(text[-lines:]))

    # guests --------------------------------------------------------------
    def status_pid(self, name):
        """The QEMU pid recorded in the live status file, or None."""
        m = re.search(r"<domstatus\b[^>]*\bpid=['\"](\d+)['\"]",
                      read_text(self.status_path(name)))
        return int(m.group(1)) if m else None

    def status_pids(self):
        pids = set()
        d = self.path("run", "libvirt", "qemu")
        try:
            names = os.listdir(d)
        except OSError:
            return pids
        for fn in names:
            if fn.endswith(".xml"):
                pid = self.status_pid(fn[:-4])
                if pid:
                    pids.add(pid)
        return pids

    def qemu_pids_by_scan(self):
        """QEMU processes whose command line mentions our root."""
        pids = set()
        for ent in os.listdir("/proc"):
            if not ent.isdigit() or int(ent) == os.getpid():
                continue
            argv = proc_cmdline(int(ent))
            if argv and "qemu" in os.path.basename(argv[0]) and \
                    any(self.root in a for a in argv):
                pids.add(int(ent))
        return pids

    def kill_guests(self):
        pids = {p for p in self.status_pids() | self.qemu_pids_by_scan()
                if p != os.getpid() and (self.proc is None or p != self.proc.pid)}
        # only kill status-file pids that really are QEMU processes of ours
        pids = {p for p in pids if any("qemu" in a for a in proc_cmdline(p)[:1])}
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for p in pids:
                try:
                    os.kill(p, sig)
                except OSError:
                    pass
            if wait_for(lambda: not any(pid_alive(p) for p in pids), 5):
                break
        return pids

    def cleanup(self):
        try:
            self.stop()
        finally:
            killed = self.kill_guests()
            if killed:
                log("killed leftover QEMU processes %s" % sorted(killed))
            if not self.owns_root:
                pass
            elif os.environ.get("VIRTD_E2E_KEEP"):
                log("keeping %s" % self.root)
            else:
                shutil.rmtree(self.root, ignore_errors=True)
            if self in _live_daemons:
                _live_daemons.remove(self)

    # clients -------------------------------------------------------------
    def virsh(self, *args, check=True, ro=False, readonly_flag=False,
              timeout=VIRSH_TIMEOUT, uri=None):
        """Run virsh against this daemon; return (rc, stdout, stderr).

        ro uses the read-only socket; readonly_flag adds virsh's -r.
        With check, a non-zero exit raises VirshError with the daemon log tail.
        """
        argv = [VIRSH]
        if readonly_flag:
            argv.append("-r")
        argv += ["-c", uri or (self.ro_uri if ro else self.uri)] + [str(a) for a in args]
        env = dict(os.environ)
        for k in ("LIBVIRT_DEFAULT_URI", "VIRSH_DEFAULT_CONNECT_URI", "LIBVIRT_DEBUG",
                  "LIBVIRT_LOG_OUTPUTS", "LIBVIRT_LOG_FILTERS"):
            env.pop(k, None)
        env["LC_ALL"] = "C"
        env["LANG"] = "C"
        env["HOME"] = self.root
        env["XDG_CACHE_HOME"] = self.path("cache")
        env["XDG_CONFIG_HOME"] = self.path("config")
        try:
            res = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                                 text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired as e:
            raise VirshError("virsh %s timed out after %ss\nstdout: %s\nstderr: %s\n%s" % (
                " ".join(argv[1:]), timeout, e.stdout, e.stderr, self.log_tail()))
        if check and res.returncode != 0:
            raise VirshError("virsh %s failed (rc=%d)\nstdout: %s\nstderr: %s\n%s" % (
                " ".join(argv[1:]), res.returncode, res.stdout, res.stderr, self.log_tail()))
        return res.returncode, res.stdout, res.stderr

    def write_xml(self, name, text):
        d = self.path("xml")
        os.makedirs(d, exist_ok=True)
        p = os.path.join(d, name + ".xml")
        with open(p, "w") as f:
            f.write(text)
        return p

    def write_domain(self, name, **kw):
        """Write a domain definition into the root; return its path."""
        return self.write_xml(name, domain_xml(name, **kw))

    def serial_log(self, name):
        return self.path("serial", name + ".log")


@atexit.register
def _cleanup_all():
    for d in list(_live_daemons):
        try:
            d.cleanup()
        except Exception as e:  # pragma: no cover - last resort
            log("cleanup of %s failed: %s" % (d.root, e))
    for ns in list(_live_netns):
        ns.delete()


# --------------------------------------------------------------------------
# Network namespaces: everything a network test makes lives in them.

_live_netns = []


class NetNS:
    """A named network namespace made for one test; delete() kills what
    runs in it (dnsmasq, udhcpc...) and removes it with every interface,
    bridge and firewall rule inside."""

    def __init__(self, prefix="vtn"):
        self.name = "%s-%d-%s" % (prefix, os.getpid(), uuidlib.uuid4().hex[:6])
        subprocess.run(["ip", "netns", "add", self.name], check=True)
        _live_netns.append(self)
        self.run("ip", "link", "set", "lo", "up")

    def argv(self, *cmd):
        return ["ip", "netns", "exec", self.name] + [str(c) for c in cmd]

    def run(self, *cmd, check=True, timeout=60, input=None):
        res = subprocess.run(self.argv(*cmd), capture_output=True, text=True,
                             timeout=timeout, input=input)
        if check and res.returncode != 0:
            raise AssertionError("in netns %s: %s failed (%d):\n%s%s"
                                 % (self.name, " ".join(map(str, cmd)), res.returncode,
                                    res.stdout, res.stderr))
        return res

    def popen(self, *cmd, **kw):
        return subprocess.Popen(self.argv(*cmd), **kw)

    def pids(self):
        res = subprocess.run(["ip", "netns", "pids", self.name], capture_output=True,
                             text=True)
        return [int(p) for p in res.stdout.split()]

    def delete(self):
        if self not in _live_netns:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids = self.pids()
            for p in pids:
                try:
                    os.kill(p, sig)
                except OSError:
                    pass
            if not pids or wait_for(lambda: not self.pids(), 5):
                break
        subprocess.run(["ip", "netns", "del", self.name], capture_output=True)
        _live_netns.remove(self)


def veth_into(ns_a, ns_b, name_a, name_b):
    """A veth pair: name_a in namespace ns_a, name_b in ns_b, both up."""
    ns_a.run("ip", "link", "add", name_a, "type", "veth", "peer", "name", name_b,
             "netns", ns_b.name)
    ns_a.run("ip", "link", "set", name_a, "up")
    ns_b.run("ip", "link", "set", name_b, "up")


# --------------------------------------------------------------------------
# Test base class


class DaemonTestCase(unittest.TestCase):
    """One daemon per test class; each test checks it is still alive after."""

    daemon = None
    daemon_name = "virtqemud"   # the daemon the class drives
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.daemon = Daemon(name=cls.daemon_name)
        try:
            cls.daemon.start()
        except Exception:
            cls.daemon.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.daemon:
            cls.daemon.cleanup()

    def setUp(self):
        if not self.daemon.alive():
            log("daemon was dead before %s; restarting it" % self.id())
            self.daemon.start()
        self._names = []

    def tearDown(self):
        d = self.daemon
        if not d.alive():
            self.fail("%s died during the test (status %s)\n%s"
                      % (d.name, d.proc.returncode, d.log_tail()))
        for name in reversed(self._names):
            d.virsh("destroy", name, check=False)
            d.virsh("undefine", name, check=False)

    def run(self, result=None):
        """Print the daemon log tail under any failed test."""
        if result is None:
            return super().run(result)
        before = len(result.failures) + len(result.errors)
        ret = super().run(result)
        if len(result.failures) + len(result.errors) > before and self.daemon:
            sys.stderr.write("\n%s\n" % self.daemon.log_tail(40))
        return ret

    # helpers -------------------------------------------------------------
    def virsh(self, *args, **kw):
        return self.daemon.virsh(*args, **kw)

    def out(self, *args, **kw):
        """stdout of a virsh command that must succeed."""
        return self.daemon.virsh(*args, **kw)[1]

    def track(self, name):
        """Destroy and undefine the domain when the test ends."""
        self._names.append(name)
        return name

    def unique(self, prefix):
        return self.track("%s-%s" % (prefix, uuidlib.uuid4().hex[:6]))

    def define(self, name, **kw):
        self.track(name)
        path = self.daemon.write_domain(name, **kw)
        rc, out, err = self.virsh("define", path)
        self.assertEqual(out, "Domain '%s' defined from %s\n\n" % (name, path))
        return path

    def domstate(self, name, reason=True):
        args = ["domstate", name] + (["--reason"] if reason else [])
        return self.out(*args).strip()

    def wait_state(self, name, want, timeout=30):
        last = [None]

        def check():
            rc, out, _ = self.virsh("domstate", name, "--reason", check=False)
            last[0] = out.strip() if rc == 0 else None
            return last[0] == want
        if not wait_for(check, timeout, 0.25):
            self.fail("domain %s: state %r, wanted %r after %ss\n%s"
                      % (name, last[0], want, timeout, self.daemon.log_tail()))

    def assertVirshError(self, res, *needles):
        rc, out, err = res
        self.assertNotEqual(rc, 0, "virsh unexpectedly succeeded: %r" % out)
        for n in needles:
            self.assertIn(n, err)
        return err

    def assertPidGone(self, pid, timeout=15):
        if not wait_for(lambda: not pid_alive(pid), timeout):
            self.fail("QEMU pid %d still alive after %ss" % (pid, timeout))


class GuestTestCase(DaemonTestCase):
    """A daemon test whose guests really boot: the tiny guest under TCG."""

    BOOT_TIMEOUT = 90

    @classmethod
    def setUpClass(cls):
        cls.kernel, cls.initrd = guest_images()  # may skip
        super().setUpClass()

    def wait_serial(self, serial, marker, timeout=None):
        """Waits for marker in the guest's serial log file."""
        ok = wait_for(lambda: marker in read_text(serial), timeout or self.BOOT_TIMEOUT, 0.2)
        self.assertTrue(ok, "no %s in %s:\n%s" % (marker, serial, read_text(serial)[-1500:]))

    def boot(self, name, **kw):
        """Defines and starts the tiny guest with its serial port in a log
        file, waits until its userspace is ready; returns the log's path."""
        serial = self.daemon.serial_log(name)
        os.makedirs(os.path.dirname(serial), exist_ok=True)
        self.define(name, kernel=self.kernel, initrd=self.initrd, serial_log=serial, **kw)
        self.virsh("start", name)
        self.wait_serial(serial, MARK_READY)
        return serial


def main():
    """unittest.main with verbose output and a one-line summary at the end."""
    # meson's timeout sends SIGTERM: exit through atexit, which stops the
    # daemons and guests and deletes the namespaces this run made.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    prog = unittest.TestProgram(module="__main__", verbosity=2, exit=False, buffer=False)
    r = prog.result

    def real(pairs):  # leave out class-level setUp/tearDown entries
        return [t for t, _ in pairs if isinstance(t, unittest.TestCase)]
    failed = len(r.failures) + len(r.errors) + len(r.unexpectedSuccesses)
    skipped = len(r.skipped)
    passed = r.testsRun - len(real(r.failures)) - len(real(r.errors)) - \
        len(r.unexpectedSuccesses) - len(real(r.skipped))
    print("%s: %d passed, %d failed, %d skipped"
          % (os.path.splitext(os.path.basename(sys.argv[0]))[0].replace("test_", "e2e_"),
             passed, failed, skipped))
    sys.exit(0 if r.wasSuccessful() else 1)
