#!/bin/sh
# Build the tiny test guest used by the end-to-end tests.
#
#   tests/guest/build-guest.sh OUTDIR
#
# Produces OUTDIR/vmlinuz (Debian's stock amd64 kernel) and OUTDIR/initramfs.gz
# (busybox-static plus the ACPI button and evdev modules and a small /init).
# The guest prints VIRTD-GUEST-UP on ttyS0 once its userspace runs, waits for an
# ACPI power button press (QEMU's system_powerdown, i.e. `virsh shutdown`),
# prints VIRTD-GUEST-POWEROFF and powers the machine off.
#
# The initramfs also carries the virtio-net and e1000 drivers (with the modules
# they depend on). After its markers the guest brings up its first network card
# in the background: it prints VIRTD-GUEST-MAC IF MAC, runs busybox udhcpc
# (hostname virtd-guest) and prints VIRTD-GUEST-IP IF ADDR/PREFIX once it has a
# lease, or VIRTD-GUEST-NODHCP IF when it gets none. Without a network card it
# prints nothing more.
#
# It also loads virtio-blk and virtio-balloon (disks and memory tests), and
# echoes every line typed on ttyS0 back as VIRTD-GUEST-ECHO LINE (console
# tests), and reports PS/2 key presses as VIRTD-GUEST-KEY CODE (send-key). With virtd.panic on its command line it reports a panic through the
# pvpanic port once up, with virtd.reboot it reboots (lifecycle action tests).
#
# Nothing is installed on the host: packages are fetched with
# `apt-get download` and unpacked into a scratch directory.
#
# Exit status: 0 on success (or when the outputs are already up to date),
# 1 on a build failure, 77 when the packages cannot be downloaded at all.

set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi

OUTDIR=$1
SELF=$(readlink -f "$0")
MARK_UP=VIRTD-GUEST-UP
MARK_OFF=VIRTD-GUEST-POWEROFF

log() {
    echo "build-guest: $*" >&2
}

newer_than_self() {
    [ -s "$1" ] && [ -n "$(find "$1" -newer "$SELF")" ]
}

up_to_date() {
    newer_than_self "$OUTDIR/vmlinuz" && newer_than_self "$OUTDIR/initramfs.gz"
}

if up_to_date; then
    log "up to date: $OUTDIR"
    exit 0
fi

mkdir -p "$OUTDIR"
OUTDIR=$(readlink -f "$OUTDIR")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/virtd-guest-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

APT_UPDATED=0
apt_update_once() {
    [ "$APT_UPDATED" = 1 ] && return 1
    APT_UPDATED=1
    log "running apt-get update"
    apt-get update -qq >"$WORK/apt-update.log" 2>&1 || {
        cat "$WORK/apt-update.log" >&2
        return 1
    }
}

# Print the versioned kernel image package linux-image-amd64 depends on.
resolve_kernel_pkg() {
    apt-cache depends linux-image-amd64 2>/dev/null |
        sed -n 's/^ *Depends: *\(linux-image-[0-9][^ ]*\).*$/\1/p' | head -n 1
}

# apt-get download PKG into the current directory, updating lists once on failure.
download() {
    if apt-get download "$1" >"$WORK/apt-download.log" 2>&1; then
        return 0
    fi
    if apt_update_once && apt-get download "$1" >"$WORK/apt-download.log" 2>&1; then
        return 0
    fi
    cat "$WORK/apt-download.log" >&2
    return 1
}

cd "$WORK"

KPKG=$(resolve_kernel_pkg)
if [ -z "$KPKG" ]; then
    apt_update_once || true
    KPKG=$(resolve_kernel_pkg)
fi
if [ -z "$KPKG" ]; then
    log "cannot resolve the package linux-image-amd64 depends on"
    exit 77
fi
log "kernel package: $KPKG"
download "$KPKG" || { log "apt-get download $KPKG failed"; exit 77; }

# Only the kernel image and the two modules are needed: unpack just those
# (the same files `dpkg-deb -x` would produce, without the 400 MB of modules).
mkdir kpkg
dpkg-deb --fsys-tarfile ./"$KPKG"_*.deb |
    tar -x -C kpkg --wildcards './boot/vmlinuz-*' \
        '*/kernel/drivers/acpi/button.ko' '*/kernel/drivers/input/evdev.ko'

VMLINUZ=$(find kpkg/boot -name "vmlinuz-*" | head -n 1)
BUTTON_KO=$(find kpkg -name button.ko -path '*/drivers/acpi/*' | head -n 1)
EVDEV_KO=$(find kpkg -name evdev.ko -path '*/drivers/input/*' | head -n 1)
for f in "$VMLINUZ" "$BUTTON_KO" "$EVDEV_KO"; do
    if [ ! -s "$f" ]; then
        log "missing file in $KPKG: $f"
        exit 1
    fi
done

# The modules must be self-contained: we ship no modules.dep and no other module.
modinfo_field() {
    tr '\0' '\n' <"$2" | sed -n "s/^$1=//p" | head -n 1
}
for ko in "$BUTTON_KO" "$EVDEV_KO"; do
    deps=$(modinfo_field depends "$ko")
    if [ -n "$deps" ]; then
        log "$(basename "$ko") depends on '$deps'; the guest does not ship those"
        exit 1
    fi
done
KVER=$(modinfo_field vermagic "$BUTTON_KO" | cut -d' ' -f1)

# Network card drivers: virtio-net (virtio_pci is the PCI transport it sits on)
# and e1000, plus whatever they depend on per modinfo depends=. Each round of
# unpacking fetches the modules the previous round's depends= named, so the
# whole 400 MB module tree never lands on disk. Modules the kernel has built in
# (modules.builtin; cf. the package's /boot/config-*) are skipped.
NET_ROOTS="virtio_pci virtio_net e1000 virtio_blk virtio_balloon"

# List the unpacked modules as "NAME PATH" lines in kpkg.index (a module's
# name is its file name with '_' for '-').
index_modules() {
    find kpkg -name '*.ko' |
        awk '{ n = $0; sub(/.*\//, "", n); sub(/\.ko$/, "", n); gsub(/-/, "_", n)
               print n, $0 }' >kpkg.index
}

# The unpacked .ko file of module $1, if any.
module_ko() {
    awk -v m="$1" '$1 == m { print $2; exit }' kpkg.index
}

# Modules module file $1 depends on, one per line.
module_deps() {
    modinfo_field depends "$1" | tr ',' '\n' | sed '/^$/d'
}

is_builtin() {
    [ -f "$BUILTIN" ] &&
        sed 's,.*/,,; s,\.ko$,,; s,-,_,g' "$BUILTIN" | grep -qx "$1"
}

# Unpack modules $@ (and config-*, modules.builtin) from the kernel package.
# tar complains about names it cannot find; module_ko checks what arrived.
unpack_modules() {
    set -f
    # shellcheck disable=SC2046 # one pattern per module
    set -- './boot/config-*' '*/modules.builtin' $(for m in "$@"; do
        echo "*/kernel/*/$(echo "$m" | sed 's/[-_]/[-_]/g').ko"
    done)
    set +f
    dpkg-deb --fsys-tarfile ./"$KPKG"_*.deb |
        tar -x -C kpkg --wildcards "$@" 2>"$WORK/tar-modules.log" || true
}

BUILTIN=
need=$NET_ROOTS
fetched=
while [ -n "$need" ]; do
    # shellcheck disable=SC2086 # one argument per module
    unpack_modules $need
    index_modules
    BUILTIN=$(find kpkg -name modules.builtin | head -n 1)
    next=
    for m in $need; do
        ko=$(module_ko "$m")
        if [ -z "$ko" ]; then
            if is_builtin "$m"; then
                log "$m is built into $KPKG"
                continue
            fi
            cat "$WORK/tar-modules.log" >&2
            log "module $m is neither in $KPKG nor built in"
            exit 1
        fi
        fetched="$fetched $m"
        for d in $(module_deps "$ko"); do
            case " $fetched $need $next " in
            *" $d "*) ;;
            *) next="$next $d" ;;
            esac
        done
    done
    need=$next
done
KCONFIG=$(find kpkg/boot -name "config-*" | head -n 1)
if [ -s "$KCONFIG" ]; then
    log "$(grep -E '^CONFIG_(VIRTIO|VIRTIO_PCI|VIRTIO_NET|E1000)=' "$KCONFIG" | tr '\n' ' ')"
fi

# Load order: every module after the modules it depends on (the kernel forbids
# dependency cycles; NET_SEEN only guards against looping on a broken one).
NET_SEEN=
NET_ORDER=
resolve() {
    case " $NET_SEEN " in *" $1 "*) return 0 ;; esac
    NET_SEEN="$NET_SEEN $1"
    ko=$(module_ko "$1")
    [ -n "$ko" ] || return 0    # built in
    for dep in $(module_deps "$ko"); do
        resolve "$dep"
    done
    NET_ORDER="$NET_ORDER $1"
}
for m in $NET_ROOTS; do
    resolve "$m"
done
NET_ORDER=${NET_ORDER# }
log "network modules, in load order: $NET_ORDER"

# busybox-static: the installed one, or a downloaded copy.
BUSYBOX=/bin/busybox
if ! [ -x "$BUSYBOX" ] || ldd "$BUSYBOX" >/dev/null 2>&1; then
    log "no static /bin/busybox; downloading busybox-static"
    download busybox-static || { log "apt-get download busybox-static failed"; exit 77; }
    mkdir bbpkg
    dpkg-deb -x ./busybox-static_*.deb bbpkg
    BUSYBOX=$WORK/bbpkg/bin/busybox
fi

# Assemble the initramfs tree.
ROOT=$WORK/root
mkdir -p "$ROOT/bin" "$ROOT/sbin" "$ROOT/dev" "$ROOT/proc" "$ROOT/sys" \
    "$ROOT/tmp" "$ROOT/lib/modules"
cp "$BUSYBOX" "$ROOT/bin/busybox"
ln -s busybox "$ROOT/bin/sh"
cp "$EVDEV_KO" "$BUTTON_KO" "$ROOT/lib/modules/"
for m in $NET_ORDER; do
    cp "$(module_ko "$m")" "$ROOT/lib/modules/$m.ko"
done

# udhcpc's event script: configures the lease and reports it on ttyS0.
cat >"$ROOT/bin/dhcp-script" <<'EOF'
#!/bin/sh
# udhcpc event script of the virtd e2e test guest (generated by tests/guest/build-guest.sh)
say() {
    echo "$*" >/dev/ttyS0
}

case "$1" in
deconfig)
    ip addr flush dev "$interface"
    ip link set "$interface" up
    ;;
bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-32}" ${broadcast:+broadcast "$broadcast"} dev "$interface"
    for r in $router; do
        ip route replace default via "$r" dev "$interface" && break
    done
    say "VIRTD-GUEST-IP $interface $ip/${mask:-32}"
    : >"/tmp/dhcp-reported-$interface"
    ;;
leasefail)
    say "VIRTD-GUEST-NODHCP $interface"
    : >"/tmp/dhcp-reported-$interface"
    ;;
esac
exit 0
EOF
chmod 755 "$ROOT/bin/dhcp-script"

cat >"$ROOT/init" <<EOF
#!/bin/sh
# /init of the virtd e2e test guest (generated by tests/guest/build-guest.sh)
/bin/busybox --install -s /bin
export PATH=/bin:/sbin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1

insmod /lib/modules/evdev.ko
insmod /lib/modules/button.ko

say() {
    echo "\$*" >/dev/ttyS0
}

# The event handlers of every input device named \$1.
handlers() {
    awk -v name="N: Name=\\"\$1\\"" '\$0 == name { pb = 1 }
         /^H: Handlers=/ && pb {
             sub(/^H: Handlers=/, "")
             for (i = 1; i <= NF; i++) if (\$i ~ /^event[0-9]+\$/) print \$i
         }
         /^\$/ { pb = 0 }' /proc/bus/input/devices
}

buttons() {
    handlers "Power Button"
}

i=0
evs=\$(buttons)
while [ -z "\$evs" ] && [ \$i -lt 50 ]; do
    sleep 0.1
    i=\$((i + 1))
    evs=\$(buttons)
done
if [ -z "\$evs" ]; then
    say "VIRTD-GUEST-ERROR no power button"
    cat /proc/bus/input/devices >/dev/ttyS0
fi

# One reader per button. A press is only queued for a reader that already
# holds the device open, so the markers below wait until every reader has
# opened its device: from VIRTD-GUEST-UP on, a power button press is never lost.
for ev in \$evs; do
    (
        n=0
        while [ ! -c /dev/input/\$ev ] && [ \$n -lt 50 ]; do
            sleep 0.1
            n=\$((n + 1))
        done
        exec 3</dev/input/\$ev
        : >/tmp/armed-\$ev
        # Blocks until the first input event (the KEY_POWER press).
        dd of=/dev/null bs=24 count=1 <&3 2>/dev/null
        say "$MARK_OFF"
        sync
        poweroff -f
    ) &
done
for ev in \$evs; do
    n=0
    while [ ! -e /tmp/armed-\$ev ] && [ \$n -lt 100 ]; do
        sleep 0.05
        n=\$((n + 1))
    done
done

say "$MARK_UP \$(uname -r)"
say "VIRTD-GUEST-READY \$evs"

# Key presses on the PS/2 keyboard (virsh send-key) are reported by their
# Linux key code.
(
    n=0
    kbd=\$(handlers "AT Translated Set 2 keyboard")
    while [ -z "\$kbd" ] && [ \$n -lt 50 ]; do
        sleep 0.1
        n=\$((n + 1))
        kbd=\$(handlers "AT Translated Set 2 keyboard")
    done
    [ -n "\$kbd" ] || exit 0
    exec 3</dev/input/\$kbd
    while :; do
        # struct input_event: 16 bytes of time, then type, code, value.
        set -- \$(dd bs=24 count=1 <&3 2>/dev/null | od -An -tu2 -j16 -N8)
        if [ "\$1" = 1 ] && [ "\$3" = 1 ]; then
            say "VIRTD-GUEST-KEY \$2"
        fi
    done
) &

# Kernel command line requests of the lifecycle tests, once the guest is up:
# virtd.panic reports a guest panic through the pvpanic ISA port (0x505),
# virtd.reboot reboots at once.
for arg in \$(cat /proc/cmdline); do
    case "\$arg" in
    virtd.panic)
        say "VIRTD-GUEST-PANIC"
        printf '\\001' | dd of=/dev/port bs=1 seek=1285 count=1 conv=notrunc 2>/dev/null
        ;;
    virtd.reboot)
        say "VIRTD-GUEST-REBOOT"
        reboot -f
        ;;
    esac
done

# Console input: a line typed on ttyS0 comes back marked.
(
    while read -r line </dev/ttyS0; do
        say "VIRTD-GUEST-ECHO \$line"
    done
) &

# The network card, in the background: drivers, first interface, DHCP.
(
    for m in $NET_ORDER; do
        insmod /lib/modules/\$m.ko || :
    done
    netif() {
        ls /sys/class/net 2>/dev/null | grep -vx lo | head -n 1
    }
    n=0
    ifc=\$(netif)
    while [ -z "\$ifc" ] && [ \$n -lt 100 ]; do
        sleep 0.1
        n=\$((n + 1))
        ifc=\$(netif)
    done
    [ -n "\$ifc" ] || exit 0
    ip link set "\$ifc" up
    say "VIRTD-GUEST-MAC \$ifc \$(cat /sys/class/net/\$ifc/address)"
    # Discovers sent before the link is up are lost (e1000 needs ~2 s).
    n=0
    while [ "\$(cat /sys/class/net/\$ifc/carrier 2>/dev/null)" != 1 ] && [ \$n -lt 50 ]; do
        sleep 0.1
        n=\$((n + 1))
    done
    udhcpc -i "\$ifc" -n -q -t 10 -T 1 -s /bin/dhcp-script -x hostname:virtd-guest
    if [ ! -e /tmp/dhcp-reported-\$ifc ]; then
        say "VIRTD-GUEST-NODHCP \$ifc"
    fi
) &

while :; do
    sleep 3600
done
EOF
chmod 755 "$ROOT/init"

# newc archive; entries owned by root.
(cd "$ROOT" && find . | sort | "$BUSYBOX" cpio -o -H newc 2>/dev/null) >initramfs.cpio
gzip -9 -n <initramfs.cpio >initramfs.gz

# Publish atomically so a concurrent reader never sees half a file.
cp "$VMLINUZ" "$OUTDIR/.vmlinuz.tmp"
mv -f "$OUTDIR/.vmlinuz.tmp" "$OUTDIR/vmlinuz"
cp initramfs.gz "$OUTDIR/.initramfs.gz.tmp"
mv -f "$OUTDIR/.initramfs.gz.tmp" "$OUTDIR/initramfs.gz"
echo "$KPKG $KVER" >"$OUTDIR/kernel-version"
log "built $OUTDIR/vmlinuz ($KVER) and $OUTDIR/initramfs.gz"
