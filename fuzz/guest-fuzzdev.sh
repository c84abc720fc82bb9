#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the test VM on the debug kernel (make fuzz-dev): the device
# fuzzer against tuntap.ko, steered by KCOV, for TT_FUZZ_SECONDS from
# seed TT_FUZZ_SEED; then the module's oracle (nothing alive, a clean
# unload, no leak kmemleak can see).  Leaves in /results the PCs reached
# (kcov-pcs.txt), the module's .text address (text-base) for the host
# to map them to lines, and the inputs kept (corpus.txt).
set -u
rc=0
insmod /tt/tuntap.ko || { echo "guest: insmod tuntap.ko failed"; exit 1; }
grep -q ' /sys/kernel/debug ' /proc/mounts ||
    mount -t debugfs debugfs /sys/kernel/debug
cat /sys/module/tuntap/sections/.text >/results/text-base
kml=/sys/kernel/debug/kmemleak
if [ -w "$kml" ]; then echo scan >"$kml"; echo clear >"$kml"; fi

tt-devfuzz -d ours -s "${TT_FUZZ_SEED:-1}" -t "${TT_FUZZ_SECONDS:-60}" \
    -c /results/kcov-pcs.txt -o /results/corpus.txt >/results/devfuzz.log 2>&1 || rc=1
grep -E 'FINDING|rounds|kcov: [0-9]+ (PCs|inputs)' /results/devfuzz.log

live=$(cat /sys/module/tuntap/parameters/live_objects 2>/dev/null || echo missing)
[ "$live" = 0 ] || { echo "guest: live_objects is $live after fuzzing"; rc=1; }
rmmod tuntap || { echo "guest: rmmod tuntap failed after fuzzing"; rc=1; }
if [ -w "$kml" ]; then
	sleep 6		# kmemleak reports objects at least 5 s old
	echo scan >"$kml"
	if [ -s "$kml" ]; then
		echo "guest: kmemleak reports leaks after fuzzing:"
		cat "$kml"
		rc=1
	fi
fi
exit $rc
