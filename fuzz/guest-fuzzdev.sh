#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the test VM on the debug kernel (make fuzz-dev): a sweep of
# an open's points of failure (tt-devfuzz -F), then the device
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
# Fault injection (tt-devfuzz arms fail-nth now and then): let it fail
# allocations that may sleep and order-0 pages too, as a driver's are,
# and without a stack dump for each failure injected.
for fi in failslab fail_page_alloc fail_usercopy; do
	d=/sys/kernel/debug/$fi
	[ -d "$d" ] || continue
	echo 0 >"$d/verbose"
	[ -e "$d/ignore-gfp-wait" ] && echo N >"$d/ignore-gfp-wait"
	[ -e "$d/ignore-gfp-highmem" ] && echo N >"$d/ignore-gfp-highmem"
	[ -e "$d/min-order" ] && echo 0 >"$d/min-order"
done
kml=/sys/kernel/debug/kmemleak
if [ -w "$kml" ]; then echo scan >"$kml"; echo clear >"$kml"; fi

# First every point of failure of an open, in turn (the open's error
# ladder, deterministically), then the steered run.
tt-devfuzz -d ours -F >/results/sweep.log 2>&1 || rc=1
cat /results/sweep.log
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
