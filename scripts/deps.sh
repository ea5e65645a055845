#!/bin/sh
# Installs what building and testing need, from Debian 12's packages.
# Sourced by start.sh and test.sh; safe to run again.
set -e
PKGS="meson ninja-build pkg-config gcc rpcsvc-proto python3
      libglib2.0-dev libxml2-dev libtirpc-dev libgnutls28-dev libsystemd-dev
      libjson-c-dev libdbus-1-dev libnl-3-dev libnl-route-3-dev
      qemu-system-x86 qemu-utils busybox-static cpio
      libvirt-clients python3-libvirt"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "Installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
fi
