#!/bin/sh
# Installs dependencies, builds, and starts the daemons with their default
# paths (sockets in /run/libvirt, definitions in /etc/libvirt/qemu), so
# that `virsh -c qemu:///system` reaches virtqemud.
set -e
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
    echo "start.sh: run as root (the daemons manage system guests)" >&2
    exit 1
fi
sh scripts/deps.sh
sh scripts/build.sh
# The secondary daemons first, so virtqemud's clients find them at once.
for d in virtsecretd virtnetworkd virtstoraged virtqemud virtproxyd; do
    if [ -f /run/$d.pid ] && kill -0 "$(cat /run/$d.pid)" 2>/dev/null; then
        echo "$d is already running (pid $(cat /run/$d.pid))"
    else
        ./build/daemons/$d --daemon
        echo "$d started (pid $(cat /run/$d.pid))"
    fi
done
echo "try: virsh -c qemu:///system list --all   (or build/libclient/cli/virtsh list --all)"
