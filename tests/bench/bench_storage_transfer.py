"""vol-upload / vol-download throughput through virtstoraged, next to the
disk's raw speed (dd on the same filesystem) and, when Debian's libvirtd is
installed, next to libvirtd doing the same transfer (a session libvirtd run
as nobody in a scratch directory, so the host's own is not touched).

    python3 tests/bench/bench_storage_transfer.py [SIZE_MIB]

Prints one line per measurement: MiB/s and the ratio to dd. Not a test:
nothing is asserted (run it on a quiet machine; 2 cores here).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))

import harness  # noqa: E402

MiB = 1024 * 1024


def timed(argv):
    t0 = time.monotonic()
    subprocess.run(argv, check=True, capture_output=True)
    return time.monotonic() - t0


def drop_caches():
    subprocess.run(["sync"])
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
    except OSError:
        pass


def make_source(path, size_mib):
    chunk = os.urandom(8 * MiB)
    with open(path, "wb") as f:
        for _ in range(size_mib // 8):
            f.write(chunk)
    return size_mib * MiB


def make_sparse(path, size_mib):
    with open(path, "wb") as f:
        f.truncate(size_mib * MiB)
        for i in range(0, size_mib, 16):     # 1 MiB of data every 16 MiB
            f.seek(i * MiB)
            f.write(os.urandom(MiB))


def libvirtd_times(src, out, size_mib):
    """(upload, download) seconds through a session libvirtd, or None."""
    binary = shutil.which("libvirtd") or ("/usr/sbin/libvirtd"
                                          if os.path.exists("/usr/sbin/libvirtd") else None)
    if not binary or os.geteuid() != 0:
        return None
    top = tempfile.mkdtemp(prefix="virtd-bench-libvirtd-")
    os.chmod(top, 0o777)
    env = dict(os.environ, HOME=top, XDG_RUNTIME_DIR=os.path.join(top, "run"),
               XDG_CONFIG_HOME=os.path.join(top, "config"),
               XDG_CACHE_HOME=os.path.join(top, "cache"))
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o777)
    os.chmod(env["XDG_RUNTIME_DIR"], 0o777)
    sock = os.path.join(env["XDG_RUNTIME_DIR"], "libvirt", "libvirt-sock")
    proc = subprocess.Popen(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                             binary, "--timeout", "120"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not harness.wait_for(lambda: os.path.exists(sock), 20):
            return None
        uri = "qemu+unix:///session?socket=" + sock
        pool = os.path.join(top, "pool")
        subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                        "mkdir", pool], check=True)
        for args in (["pool-define-as", "bench", "dir", "--target", pool],
                     ["pool-start", "bench"],
                     ["vol-create-as", "bench", "v.raw", "%dM" % size_mib, "--allocation", "0"]):
            subprocess.run([harness.VIRSH, "-c", uri] + args, check=True, capture_output=True)
        drop_caches()
        up = timed([harness.VIRSH, "-c", uri, "vol-upload", "--pool", "bench", "v.raw", src])
        drop_caches()
        down = timed([harness.VIRSH, "-c", uri, "vol-download", "--pool", "bench", "v.raw", out])
        return up, down
    except (subprocess.CalledProcessError, OSError):
        return None
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(top, ignore_errors=True)


def main():
    size_mib = int(sys.argv[1]) if len(sys.argv) > 1 else 512
    d = harness.Daemon(name="virtstoraged")
    d.start()
    try:
        target = d.path("pool")
        src = d.path("src.img")
        sparse = d.path("sparse.img")
        out = d.path("out.img")
        nbytes = make_source(src, size_mib)
        make_sparse(sparse, size_mib)
        d.virsh("pool-define-as", "bench", "dir", "--target", target)
        d.virsh("pool-build", "bench")
        d.virsh("pool-start", "bench")
        d.virsh("vol-create-as", "bench", "v.raw", "%dM" % size_mib, "--allocation", "0")
        vol = os.path.join(target, "v.raw")

        drop_caches()
        t_dd_w = timed(["dd", "if=" + src, "of=" + d.path("dd.img"), "bs=4M",
                        "conv=fdatasync", "status=none"])
        drop_caches()
        t_dd_r = timed(["dd", "if=" + d.path("dd.img"), "of=/dev/null", "bs=4M", "status=none"])
        os.unlink(d.path("dd.img"))

        uri = d.uri
        drop_caches()
        t_up = timed([harness.VIRSH, "-c", uri, "vol-upload", "--pool", "bench", "v.raw", src])
        drop_caches()
        t_down = timed([harness.VIRSH, "-c", uri, "vol-download", "--pool", "bench", "v.raw", out])
        drop_caches()
        t_sup = timed([harness.VIRSH, "-c", uri, "vol-upload", "--pool", "bench", "v.raw",
                       sparse, "--sparse"])
        drop_caches()
        t_sdown = timed([harness.VIRSH, "-c", uri, "vol-download", "--pool", "bench", "v.raw",
                         out, "--sparse"])

        def rate(t):
            return nbytes / MiB / t

        print("bench_storage_transfer: %d MiB" % size_mib)
        print("  dd write           %8.1f MiB/s" % rate(t_dd_w))
        print("  dd read            %8.1f MiB/s" % rate(t_dd_r))
        print("  vol-upload         %8.1f MiB/s  (%.2f x dd write)" % (rate(t_up), t_dd_w / t_up))
        print("  vol-download       %8.1f MiB/s  (%.2f x dd read)" % (rate(t_down), t_dd_r / t_down))
        print("  vol-upload sparse  %8.1f MiB/s  (1/16 data; logical size)" % rate(t_sup))
        print("  vol-download sparse%8.1f MiB/s  (1/16 data; logical size)" % rate(t_sdown))
        theirs = libvirtd_times(src, out, size_mib)
        if theirs:
            print("  libvirtd upload    %8.1f MiB/s  (ours %.2f x)" % (rate(theirs[0]),
                                                                   theirs[0] / t_up))
            print("  libvirtd download  %8.1f MiB/s  (ours %.2f x)" % (rate(theirs[1]),
                                                                   theirs[1] / t_down))
        else:
            print("  libvirtd: not installed (or not usable here), no comparison")
    finally:
        d.cleanup()


if __name__ == "__main__":
    main()
