"""virtqemud next to Debian's libvirtd 9.0 (when installed) and bare QEMU.

    python3 tests/bench/bench_qemu.py [--domains N] [--seconds S] [--rounds R]

Measures, each on the same machine in one run:
  - start latency (define -> running) and destroy latency of a type='kvm'
    guest (no disk, sits in the BIOS), median of R rounds, through
    python3-libvirt;
  - bare QEMU over QMP, the floor: spawn the same kind of QEMU paused,
    connect QMP, "cont" / "quit" and reap;
  - define, list and XMLDesc throughput with N (1000) defined domains;
  - virDomainGetInfo calls per second from 1 and from 8 clients
    (processes, one connection each, in C through Debian's libvirt.so.0),
    for S seconds, next to a plain socket ping-pong between two processes
    (the floor: what one round trip costs on this machine without RPC);
  - the daemon's resident memory idle and with N domains defined.

libvirtd runs as the system daemon inside a private mount namespace whose
/run, /var/lib, /var/cache, /var/log and /etc libvirt directories are
scratch ones, so the host's own daemons, definitions and guests are never
touched. Not a test: nothing is asserted. Run it on a quiet machine.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))

import harness  # noqa: E402

sys.path.insert(0, "/usr/lib/python3/dist-packages")
import libvirt  # noqa: E402

libvirt.registerErrorHandler(lambda *a: None, None)


def guest_xml(name, emulator=harness.QEMU):
    return harness.domain_xml(name, dtype="kvm", memory_mib=64, emulator=emulator)


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# ---------------------------------------------------------------------------
# Targets: our daemon and libvirtd, both reached by a URI


class Ours:
    label = "virtqemud"

    def __init__(self):
        self.d = harness.Daemon()
        self.d._argv = lambda: [self.d.binary, "--root", self.d.root]  # no --verbose
        self.d.start()
        self.uri = self.d.uri
        self.pid = self.d.proc.pid

    def stop(self):
        self.d.cleanup()


class Libvirtd:
    """Debian's libvirtd as the system daemon, but in a private mount
    namespace whose libvirt directories are scratch ones: its sockets land in
    the scratch run directory, nothing of the host's is read or written."""
    label = "libvirtd"
    DIRS = {"run": "/run/libvirt", "lib": "/var/lib/libvirt", "cache": "/var/cache/libvirt",
            "log": "/var/log/libvirt", "etc": "/etc/libvirt"}

    def __init__(self):
        binary = shutil.which("libvirtd") or "/usr/sbin/libvirtd"
        if not os.path.exists(binary) or os.geteuid() != 0:
            raise RuntimeError("libvirtd not installed")
        self.top = tempfile.mkdtemp(prefix="virtd-bench-libvirtd-")
        mounts = []
        for sub, target in self.DIRS.items():
            os.makedirs(os.path.join(self.top, sub))
            if not os.path.isdir(target):
                raise RuntimeError("%s missing: cannot shadow it" % target)
            mounts.append("mount --bind %s %s" % (os.path.join(self.top, sub), target))
        # QEMU runs as root and logs to a file (no virtlogd), as ours does. libvirtd resolves its built-in
        # default user before reading qemu.conf, so the namespace also gets
        # passwd/group copies naming it.
        with open(os.path.join(self.top, "etc", "qemu.conf"), "w") as f:
            f.write('user = "root"\ngroup = "root"\nstdio_handler = "file"\n')
        for name, line in (("passwd", "libvirt-qemu:x:64055:64055::/nonexistent:/bin/false"),
                           ("group", "libvirt-qemu:x:64055:")):
            with open("/etc/" + name) as src, open(os.path.join(self.top, name), "w") as dst:
                dst.write(src.read() + line + "\n")
            mounts.append("mount --bind %s /etc/%s" % (os.path.join(self.top, name), name))
        script = " && ".join(mounts) + " && exec %s --timeout 600" % binary
        self.sock = os.path.join(self.top, "run", "libvirt-sock")
        self.proc = subprocess.Popen(["unshare", "--mount", "--propagation", "private",
                                      "sh", "-c", script],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.uri = "qemu+unix:///system?socket=" + self.sock
        if not harness.wait_for(lambda: os.path.exists(self.sock), 30):
            self.stop()
            raise RuntimeError("libvirtd did not start")
        self.pid = self.proc.pid

    def stop(self):
        try:
            conn = libvirt.open(self.uri)
            for dom in conn.listAllDomains():
                if dom.isActive():
                    dom.destroy()
            conn.close()
        except libvirt.libvirtError:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.top, ignore_errors=True)


# ---------------------------------------------------------------------------
# Measurements


def start_destroy(uri, rounds):
    conn = libvirt.open(uri)
    dom = conn.defineXML(guest_xml("bench-kvm"))
    starts, destroys = [], []
    try:
        for _ in range(rounds):
            t0 = time.perf_counter()
            dom.create()
            starts.append(time.perf_counter() - t0)
            time.sleep(0.2)
            t0 = time.perf_counter()
            dom.destroy()
            destroys.append(time.perf_counter() - t0)
    finally:
        if dom.isActive():
            dom.destroy()
        dom.undefine()
        conn.close()
    return statistics.median(starts) * 1000, statistics.median(destroys) * 1000


def bare_qemu(rounds):
    """Spawn QEMU -S with QMP on a socket pair, cont; then quit and reap."""
    starts, destroys = [], []
    for _ in range(rounds):
        ours, theirs = socket.socketpair()
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [harness.QEMU, "-machine", "pc,accel=kvm", "-m", "64", "-nodefaults",
             "-display", "none", "-S", "-chardev", "socket,id=mon,fd=%d" % theirs.fileno(),
             "-mon", "chardev=mon,mode=control"],
            pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        theirs.close()
        f = ours.makefile("rwb", buffering=0)

        def cmd(name):
            f.write(json.dumps({"execute": name}).encode() + b"\n")
            while True:
                msg = json.loads(f.readline())
                if "return" in msg or "error" in msg:
                    return msg

        f.readline()                        # greeting
        cmd("qmp_capabilities")
        cmd("cont")
        starts.append(time.perf_counter() - t0)
        time.sleep(0.2)
        t0 = time.perf_counter()
        proc.kill()
        proc.wait()
        destroys.append(time.perf_counter() - t0)
        f.close()
        ours.close()
    return statistics.median(starts) * 1000, statistics.median(destroys) * 1000


def many_domains(uri, n):
    conn = libvirt.open(uri)
    xmls = [guest_xml("bench-%04d" % i) for i in range(n)]
    t0 = time.perf_counter()
    doms = [conn.defineXML(x) for x in xmls]
    t_define = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(10):
        listed = conn.listAllDomains()
    t_list = (time.perf_counter() - t0) / 10
    assert len(listed) >= n
    t0 = time.perf_counter()
    for d in doms:
        d.XMLDesc(0)
    t_xml = time.perf_counter() - t0
    conn.close()
    return n / t_define, t_list * 1000, n / t_xml


def undefine_all(uri):
    conn = libvirt.open(uri)
    for d in conn.listAllDomains():
        d.undefine()
    conn.close()


BENCH_GETINFO = os.path.join(harness.BUILD_DIR, "tests", "bench", "bench-getinfo")


def getinfo_rate(uri, clients, seconds):
    """Calls per second of the C client (Debian's libvirt.so.0): python's own
    cost per call would otherwise be most of what is measured."""
    res = subprocess.run([BENCH_GETINFO, uri, "bench-0000", str(seconds), str(clients)],
                         capture_output=True, text=True, check=True)
    return float(res.stdout)


def pingpong_rate(cpus=None):
    """Round trips per second of two processes on a socket pair (no
    libvirt at all): the floor any one-client RPC rate sits under. On
    virtual machines a wake-up across cores costs tens of microseconds."""
    code = ("import socket,os,time\n"
            "a,b=socket.socketpair()\n"
            "if os.fork()==0:\n"
            "  a.close()\n"
            "  while True:\n"
            "    d=b.recv(64)\n"
            "    if not d: os._exit(0)\n"
            "    b.send(d)\n"
            "b.close(); n=20000; t=time.perf_counter()\n"
            "for _ in range(n): a.send(b'x'*64); a.recv(64)\n"
            "print(n/(time.perf_counter()-t)); a.close(); os.wait()\n")
    argv = ["python3", "-c", code]
    if cpus:
        argv = ["taskset", "-c", cpus] + argv
    return float(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)


def measure(target, args):
    r = {"rss_idle": rss_kib(target.pid)}
    r["start"], r["destroy"] = start_destroy(target.uri, args.rounds)
    r["define"], r["list"], r["xml"] = many_domains(target.uri, args.domains)
    r["rss_loaded"] = rss_kib(target.pid)
    r["info1"] = getinfo_rate(target.uri, 1, args.seconds)
    r["info8"] = getinfo_rate(target.uri, 8, args.seconds)
    undefine_all(target.uri)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--domains", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    if not harness.kvm_usable():
        print("bench_qemu: /dev/kvm not usable here; start/destroy use type='kvm'")
        return

    results = {}
    ours = Ours()
    try:
        results["virtqemud"] = measure(ours, args)
    finally:
        ours.stop()
    try:
        theirs = Libvirtd()
    except RuntimeError as e:
        print("bench_qemu: no libvirtd comparison (%s)" % e)
        theirs = None
    if theirs:
        try:
            results["libvirtd"] = measure(theirs, args)
        finally:
            theirs.stop()
    bare = bare_qemu(args.rounds)
    floor_any, floor_one = pingpong_rate(), pingpong_rate("0")

    rows = [("start latency (ms, median)", "start", "%.0f", False),
            ("destroy latency (ms, median)", "destroy", "%.0f", False),
            ("define (domains/s)", "define", "%.0f", True),
            ("list %d domains (ms)" % args.domains, "list", "%.1f", False),
            ("XMLDesc (calls/s)", "xml", "%.0f", True),
            ("GetInfo 1 client (calls/s)", "info1", "%.0f", True),
            ("GetInfo 8 clients (calls/s)", "info8", "%.0f", True),
            ("RSS idle (KiB)", "rss_idle", "%d", False),
            ("RSS with %d domains (KiB)" % args.domains, "rss_loaded", "%d", False)]
    print("bench_qemu: %d domains, %d rounds, %gs per rate, %d cores"
          % (args.domains, args.rounds, args.seconds, os.cpu_count()))
    print("  %-32s %12s %12s %10s" % ("", "virtqemud", "libvirtd", "ratio"))
    for label, key, fmt, higher_better in rows:
        o = results["virtqemud"][key]
        t = results.get("libvirtd", {}).get(key)
        ratio = ""
        if t:
            ratio = "%.2fx" % ((o / t) if higher_better else (t / o if o else 0))
        print("  %-32s %12s %12s %10s" % (label, fmt % o, (fmt % t) if t is not None else "-",
                                          ratio))
    print("  %-32s %12.0f ms start, %.0f ms destroy" % ("bare QEMU over QMP (floor)",
                                                         bare[0], bare[1]))
    print("  %-32s %12.0f round trips/s (both on one core: %.0f)"
          % ("socket ping-pong, no RPC (floor)", floor_any, floor_one))
    print("  (ratio: how many times better virtqemud is; >1 means faster or smaller)")


if __name__ == "__main__":
    main()
