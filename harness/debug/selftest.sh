#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# selftest.sh KERNEL_DIR PLANT.ko WORKDIR KARGS: prove the debug kernel's
# detectors are on and that a run on it fails with the report shown.
# KERNEL_DIR is build.sh's directory, PLANT.ko the module built with
# TT_PLANT=y (driver/linux/tt_plant.c), KARGS the kernel parameters of
# the suite's run (panic_on_warn).  Two boots:
#   1. leak, sleep, inversion, then uaf: kmemleak, DEBUG_ATOMIC_SLEEP,
#      lockdep, then KASAN, whose report panics the kernel;
#   2. ubsan: UBSAN, which panics it too.
# Each bug's report must name the planted function (the detector saw the
# module's own code), reports.sh must show it (so klog-check.sh flags
# it), and run.sh must fail.
set -eu

here=$(dirname "$0")
[ $# = 4 ] || { echo "usage: $0 KERNEL_DIR PLANT.ko WORKDIR KARGS" >&2; exit 2; }
kdir=$1 plant=$2 work=$3 kargs=$4
release=$(cat "$kdir/release")
mkdir -p "$work"
"$here/../vm/mkinitramfs.sh" -k "$release" -r "$kdir/root" \
    -o "$work/selftest.cpio.gz" -m "$plant" \
    -f "$here/selftest-guest.sh=/tt/guest.sh"

bad=0
fail() { echo "debug-selftest: FAIL: $*"; bad=1; }

# boot NAME BUGS: one boot committing BUGS, into WORKDIR/NAME.
boot() {
	rm -rf "${work:?}/$1"
	echo "debug-selftest: boot $1: planting $2 (each must be reported)"
	if "$here/../vm/run.sh" -k "$release" -K "$kdir/bzImage" -m 2048 \
	    -i "$work/selftest.cpio.gz" -o "$work/$1" -t 600 \
	    -a "$kargs tt.plant=$2" >"$work/$1.log" 2>&1; then
		fail "boot $1: run.sh passed a run with planted bugs"
	fi
	tr -d '\r' <"$work/$1/console.log" >"$work/$1/console.txt"
	"$here/reports.sh" "$work/$1/console.log" >"$work/$1/reports.txt" || true
}

# section NAME BUG: the console from "==> planting BUG" to the next
# "==> planted" (or the end: a panic ends the boot there).
section() {
	awk -v b="$2" '$0 == "==> planting " b { on = 1 }
	    on { print }
	    on && /^==> planted / { exit }' "$work/$1/console.txt"
}

# expect NAME BUG WHAT PATTERN: BUG's section of boot NAME shows PATTERN,
# and so does what reports.sh printed.
expect() {
	if ! section "$1" "$2" | grep -qE "$4"; then
		fail "$2: no $3 report (/$4/ in $work/$1/console.log)"
	elif ! grep -qE "$4" "$work/$1/reports.txt"; then
		fail "$2: the $3 report is not flagged (reports.sh, klog-check.sh)"
	else
		echo "debug-selftest: $2: $3 reported"
	fi
}

boot a leak,sleep,inversion,uaf
expect a leak kmemleak 'unreferenced object 0x'
expect a leak "kmemleak's backtrace" 'tt_plant_leak'
expect a sleep DEBUG_ATOMIC_SLEEP 'BUG: sleeping function called from invalid context'
expect a inversion lockdep 'possible circular locking dependency'
expect a inversion "lockdep's locks" 'tt_plant_[ab]'
expect a uaf KASAN 'BUG: KASAN: (slab-)?use-after-free in tt_plant_uaf'
expect a uaf panic_on_warn 'panic_on_warn set'

boot b ubsan
expect b ubsan UBSAN 'UBSAN: array-index-out-of-bounds in .*tt_plant\.c'
expect b ubsan panic_on_warn 'panic_on_warn set'

[ "$bad" = 0 ] || exit 1
echo "debug-selftest: ok: KASAN, UBSAN, lockdep, DEBUG_ATOMIC_SLEEP and kmemleak report the planted bugs"
