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
if [ -f /run/virtqemud.pid ] && kill -0 "$(cat /run/virtqemud.pid)" 2>/dev/null; then
    echo "virtqemud is already running (pid $(cat /run/virtqemud.pid))"
else
    ./build/virtqemud --daemon
    echo "virtqemud started (pid $(cat /run/virtqemud.pid)); try: virsh -c qemu:///system list --all"
fi
