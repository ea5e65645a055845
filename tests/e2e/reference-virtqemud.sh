#!/bin/sh
# Run Debian's own libvirt daemon (libvirtd from libvirt-daemon with
# libvirt-daemon-driver-qemu, when they are installed) behind our virtqemud's
# command line, to check the e2e tests themselves against the real thing:
#
#   VIRTQEMUD=tests/e2e/reference-virtqemud.sh /usr/bin/python3 tests/e2e/test_lifecycle.py
#
# Accepts `--root R [--verbose] [--timeout S] [--pid-file F] [--config F]`.
# The real daemon has no --root, so it runs in a private mount namespace in
# which R/etc/libvirt, R/run/libvirt, R/var/lib/libvirt, R/var/log/libvirt and
# R/var/cache/libvirt are bind-mounted over the system paths: the sockets,
# definitions and status files then appear exactly where our daemon's
# contract puts them; virtqemud-sock* are symlinks to libvirtd's libvirt-sock*.
# Requires root (unshare -m). Not used by meson.

set -eu

REAL=${REAL_LIBVIRTD:-/usr/sbin/libvirtd}
ROOT=
PASS=
while [ $# -gt 0 ]; do
    case $1 in
    --root) ROOT=$2; shift 2 ;;
    --pid-file|--timeout|--config) PASS="$PASS $1 $2"; shift 2 ;;
    --verbose) shift ;;  # libvirtd's --verbose floods the log
    --daemon) PASS="$PASS $1"; shift ;;
    *) echo "reference-virtqemud: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -n "$ROOT" ] || { echo "reference-virtqemud: --root is required" >&2; exit 2; }
[ -x "$REAL" ] || { echo "reference-virtqemud: $REAL not installed" >&2; exit 2; }
ROOT=$(readlink -f "$ROOT")

for d in etc/libvirt/qemu run/libvirt var/lib/libvirt/qemu var/log/libvirt/qemu \
    var/cache/libvirt/qemu; do
    mkdir -p "$ROOT/$d"
done

# Everything that would need more of a host than a scratch root is off.
[ -e "$ROOT/etc/libvirt/qemu.conf" ] || cat >"$ROOT/etc/libvirt/qemu.conf" <<'EOF'
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
stdio_handler = "file"
EOF
[ -e "$ROOT/etc/libvirt/libvirtd.conf" ] || cat >"$ROOT/etc/libvirt/libvirtd.conf" <<'EOF'
auth_unix_rw = "none"
auth_unix_ro = "none"
unix_sock_ro_perms = "0777"
EOF

# libvirt resolves its compiled-in QEMU user before reading qemu.conf; the
# user only exists with libvirt-daemon-system, so give the namespace its own
# passwd/group that have it.
mkdir -p "$ROOT/ref"
cp /etc/passwd "$ROOT/ref/passwd"
cp /etc/group "$ROOT/ref/group"
grep -q '^libvirt-qemu:' "$ROOT/ref/passwd" ||
    echo 'libvirt-qemu:x:64055:64055:libvirt qemu:/nonexistent:/usr/sbin/nologin' >>"$ROOT/ref/passwd"
for g in libvirt-qemu:64055 kvm:64056 libvirt:64057; do
    grep -q "^${g%%:*}:" "$ROOT/ref/group" || echo "${g%%:*}:x:${g#*:}:" >>"$ROOT/ref/group"
done

for s in sock sock-ro admin-sock; do
    ln -sfn "libvirt-$s" "$ROOT/run/libvirt/virtqemud-$s"
done

case " $PASS " in
*" --pid-file "*) ;;
*) PASS="$PASS --pid-file $ROOT/run/virtqemud.pid" ;;
esac

# shellcheck disable=SC2086
exec unshare -m --propagation private sh -c '
    set -e
    R=$1; shift
    for d in etc/libvirt run/libvirt var/lib/libvirt var/log/libvirt var/cache/libvirt; do
        mkdir -p "/$d"
        mount --bind "$R/$d" "/$d"
    done
    mount --bind "$R/ref/passwd" /etc/passwd
    mount --bind "$R/ref/group" /etc/group
    exec "$@"
' reference "$ROOT" "$REAL" $PASS
