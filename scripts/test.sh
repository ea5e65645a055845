#!/bin/sh
# Installs dependencies, builds, and runs the whole test suite: unit,
# data-driven and end-to-end tests (real virsh, python3-libvirt, QEMU).
set -e
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
    echo "test.sh: run as root (end-to-end tests start guests and daemons)" >&2
    exit 1
fi
sh scripts/deps.sh
sh scripts/build.sh
exec meson test -C build --print-errorlogs "$@"
