#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the test VM (busybox sh): load the driver, run each target's
# suites into /results/<target>/ (<suite>.tap and <suite>.xml: the
# verdicts as TAP and JUnit XML; <suite>.check.tap and .check.xml:
# Check's raw logs), then prove the module leaves nothing behind.
# TT_TARGETS (tt.targets=, comma-separated; default tuntap,linux) picks
# targets, TT_SUITES (tt.suites=) suites; by default all of them, the
# module suite last, since it unloads and reloads the driver.  linux runs
# first: Linux's own tun beside our module, before the module suite.
# The suite "programs" is no tt-conformance suite but real programs over
# the target (/tt/real-programs.sh, when the image has it: vtund, icmptx);
# by default it runs just before the module suite.
# On a kernel with kmemleak (the debug kernel, harness/debug) a scan
# follows each suite, and a leak it reports fails the run.
set -u

targets=$(echo "${TT_TARGETS:-linux,tuntap}" | tr , ' ')
suites=$(echo "${TT_SUITES:-}" | tr , ' ')
# abi32: tt-abi32, the ABI from a 32-bit process, against tuntap only;
# programs: real programs over the target (real-programs.sh)
if [ -z "$suites" ]; then
	all=$(tt-conformance --list)
	suites="abi32 $(echo "$all" | grep -vx module)"
	[ ! -x /tt/real-programs.sh ] || suites="$suites programs"
	suites="$suites $(echo "$all" | grep -x module)"
fi

insmod /tt/tuntap.ko || { echo "guest: insmod tuntap.ko failed"; exit 1; }
export TT_MODULE=/tt/tuntap.ko
export TT_EXPECT_DIR=/tt/expect
export CK_DEFAULT_TIMEOUT=60

# kmemleak: what the kernel itself holds at boot is not ours, so its
# reports so far are cleared.  A scan reports objects unreferenced and at
# least 5 s old: a leak in a suite's last seconds shows after the next
# one, and the last scan waits that long (there is no event to poll for).
kml=/sys/kernel/debug/kmemleak
grep -q ' /sys/kernel/debug ' /proc/mounts ||
    mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if [ -w "$kml" ]; then
	echo scan >"$kml"
	echo clear >"$kml"
else
	kml=""
fi
# kmemleak_scan WHEN: a scan; its report, if any, in the log and in
# /results, and the run fails.
kmemleak_scan() {
	[ -n "$kml" ] || return 0
	echo scan >"$kml"
	cat "$kml" >/tmp/kmemleak
	if [ -s /tmp/kmemleak ]; then
		echo "guest: kmemleak reports leaks after $1:"
		cat /tmp/kmemleak
		cp /tmp/kmemleak "/results/kmemleak-$(echo "$1" | tr ' /' '--').txt"
		echo clear >"$kml"
		rc=1
	fi
}
# KASAN's quarantine holds freed objects back, so slab totals say nothing
# about leaks there: the expectations skip those checks (kmemleak judges),
# and Check's timeouts stretch for a kernel several times slower.
if dmesg | grep -q 'KernelAddressSanitizer initialized'; then
	export TT_OVERLAY=/tt/expect/kasan.txt CK_TIMEOUT_MULTIPLIER=4
	echo "guest: KASAN kernel: overlay $TT_OVERLAY, Check timeouts x4"
fi

# "==> ..." lines are the progress the host shows while it waits (run.sh)
n=$(($(echo "$targets" | wc -w) * $(echo "$suites" | wc -w)))
k=0
rc=0
for t in $targets; do
	out=/results/$t
	mkdir -p "$out"
	# the race, load and hostile suites add their figures up here, per
	# target: harness/report.sh reads them from the target's directory
	export TT_SUMMARY_DIR=$out
	for s in $suites; do
		k=$((k + 1))
		if [ "$s" = abi32 ]; then
			[ "$t" = tuntap ] || continue
			echo "==> running target $t suite $s, 32-bit ($k of $n)"
			echo "$s" >> "$out/suites.txt"
			tt-abi32 >"$out/$s.tap" || rc=1
			continue
		fi
		echo "==> running target $t suite $s ($k of $n)"
		echo "$s" >> "$out/suites.txt"
		if [ "$s" = programs ]; then
			/tt/real-programs.sh "$t" "$out/$s.tap" || rc=1
			continue
		fi
		# what differs on this kernel (make vm-run's VM_KERNEL)
		set -- --target "$t"
		[ ! -f "/tt/expect/$t.overlay.txt" ] ||
			set -- "$@" --overlay "/tt/expect/$t.overlay.txt"
		TT_TAP=$out/$s.tap TT_JUNIT=$out/$s.xml \
		CK_TAP_LOG_FILE_NAME=$out/$s.check.tap \
		CK_XML_LOG_FILE_NAME=$out/$s.check.xml \
			tt-conformance "$@" "$s" || rc=1
		kmemleak_scan "target $t suite $s"
	done
done

live=$(cat /sys/module/tuntap/parameters/live_objects 2>/dev/null || echo missing)
if [ "$live" != 0 ]; then
	echo "guest: live_objects is $live after the suites, expected 0"
	rc=1
fi
if ! rmmod tuntap; then
	echo "guest: rmmod tuntap failed after the suites"
	rc=1
fi
if [ -n "$kml" ]; then
	sleep 6
	kmemleak_scan "the unload"
fi
exit $rc
