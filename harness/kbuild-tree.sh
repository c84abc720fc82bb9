#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kbuild-tree.sh DEST: copy into DEST what kbuild needs to build tuntap.ko
# from this tree (kbuild writes next to the sources, so every build gets
# its own copy).  The one list of those files: the Makefile, the debug
# kernel's build and harness/kernels/build.sh all copy through here.
set -eu
[ $# = 1 ] || { echo "usage: $0 DEST" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
cp -r "$top/driver/Kbuild" "$top/driver/range.mk" "$top/driver/core" \
    "$top/driver/linux" "$top/driver/include" "$1/"
