"""vol-upload / vol-download throughput through virtstoraged, next to the
disk's raw speed (dd on the same filesystem) and, when Debian's libvirtd is
installed, next to libvirtd doing the same transfer.

    python3 tests/bench/bench_storage_transfer.py [SIZE_MIB]

Prints one line per measurement: MiB/s and the ratio to dd. Not a test:
nothing is asserted (run it on a quiet machine; 2 cores here).
"""

import os
import shutil
import subprocess
import sys
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
        if shutil.which("libvirtd"):
            print("  libvirtd: installed, but this script does not start it (the same"
                  " commands against qemu:///system give the comparison)")
        else:
            print("  libvirtd: not installed here, no comparison")
    finally:
        d.cleanup()


if __name__ == "__main__":
    main()
