#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The debug selftest's guest: loads the test-only build of the module
# (tt_plant.c) and commits the planted bugs named in tt.plant=A,B,...,
# in that order, each between "==> planting NAME" lines, so that the
# host can find each detector's report (selftest.sh).  A leak needs a
# kmemleak scan to show: objects younger than 5 s are not reported, so
# it waits that long first.  A bug that panics the kernel (under
# panic_on_warn: KASAN, UBSAN) ends the boot: name it last.
set -u
insmod /tt/tuntap-plant.ko || { echo "plant: insmod failed"; exit 1; }
grep -q ' /sys/kernel/debug ' /proc/mounts ||
    mount -t debugfs debugfs /sys/kernel/debug
kml=/sys/kernel/debug/kmemleak
[ -w "$kml" ] || { echo "plant: no $kml: is kmemleak on?"; exit 1; }
echo scan >"$kml"
echo clear >"$kml"
for bug in $(echo "${TT_PLANT:-}" | tr , ' '); do
	echo "==> planting $bug"
	# In a child that exits, so that no stale copy of the leaked
	# pointer stays on a live task's kernel stack for kmemleak to see.
	(echo "$bug" >/sys/module/tuntap/parameters/plant) ||
	    echo "plant: $bug refused"
	if [ "$bug" = leak ]; then
		sleep 6
		echo scan >"$kml"
		echo scan >"$kml"
		cat "$kml"
	fi
	echo "==> planted $bug"
done
