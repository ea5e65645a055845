#!/bin/sh
# Installs what building and testing need, from Debian 12's packages.
# Sourced by start.sh and test.sh; safe to run again.
set -e
PKGS="meson ninja-build pkg-config gcc rpcsvc-proto python3
      libglib2.0-dev libxml2-dev libtirpc-dev libgnutls28-dev libsystemd-dev
      libjson-c-dev libdbus-1-dev libnl-3-dev libnl-route-3-dev
      qemu-system-x86 qemu-utils busybox-static cpio
      libvirt-clients python3-libvirt systemd libreadline-dev gnutls-bin
      dnsmasq-base nftables iptables iproute2 parted lvm2 e2fsprogs
      dbus-daemon python3-gi"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Tests fetch packages with apt-get download (the guest kernel, Debian's
# libvirt headers to compare with): that needs package lists too.
have_lists=$(ls /var/lib/apt/lists/ 2>/dev/null | grep -c '_Packages$' || true)
if [ -n "$missing" ] || [ "$have_lists" = 0 ]; then
    echo "Installing:${missing:- (package lists only)}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
fi
if [ -n "$missing" ]; then
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
fi
