#!/bin/sh
# Configures (once) and builds into ./build.
set -e
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || meson setup build
ninja -C build
