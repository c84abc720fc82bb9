#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# selftest.sh [WORKDIR]: test the VM harness itself, with no driver:
# a passing guest must pass (and bring back its files and parameters),
# a guest exiting 3 must fail, a guest whose kernel log shows a warning
# must fail, a hanging guest must be stopped by the guest timeout and
# fail.  Four boots, about a minute in all.
# WORKDIR (kept) holds the image and each case's results; by default a
# temporary directory, removed afterwards.
set -eu

here=$(dirname "$0")
if [ $# -ge 1 ]; then
	work=$1
	mkdir -p "$work"
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	trap 'exit 1' INT TERM
fi
kver=$("$here/kver.sh")
"$here/mkinitramfs.sh" -k "$kver" -o "$work/selftest.cpio.gz" \
    -f "$here/selftest-guest.sh=/tt/guest.sh"

bad=0
fail() { echo "selftest: FAIL: $*"; bad=1; }

# run NAME TIMEOUT ARGS: boot one case into WORKDIR/NAME; its status in $rc.
run() {
	rm -rf "${work:?}/$1"
	echo "selftest: case $1 (expected to ${4:-pass})"
	if "$here/run.sh" -k "$kver" -i "$work/selftest.cpio.gz" \
	    -o "$work/$1" -t "$2" -a "$3"; then
		rc=0
	else
		rc=$?
	fi
}

# The parameter also proves tt.* reaches the guest as TT_*.
run pass 120 "tt.selftest_word=hello-vm"
[ "$rc" = 0 ] || fail "pass case: run.sh returned $rc"
grep -q '^hello$' "$work/pass/guest.log" 2>/dev/null ||
    fail "pass case: no hello in guest.log"
grep -q '^TT_SELFTEST_WORD=hello-vm$' "$work/pass/guest.log" 2>/dev/null ||
    fail "pass case: tt.selftest_word did not reach the guest"
[ -f "$work/pass/selftest.txt" ] || fail "pass case: /results not brought back"
[ -s "$work/pass/dmesg.txt" ] || fail "pass case: no dmesg.txt"

run exit3 120 "tt.selftest_rc=3" fail
[ "$rc" != 0 ] || fail "failing case: run.sh returned 0"
[ "$(cat "$work/exit3/status" 2>/dev/null)" = 3 ] ||
    fail "failing case: status is not 3"

run klog 120 "tt.selftest_klog=1" fail
[ "$rc" != 0 ] || fail "kernel warning case: run.sh returned 0"

# 60 s: the guest gets 40 of them (a loaded machine takes 15 to boot),
# then init must kill it and report.
run hang 60 "tt.selftest_hang=1" fail
[ "$rc" != 0 ] || fail "hanging case: run.sh returned 0"
grep -q 'killed by the guest timeout' "$work/hang/guest.log" 2>/dev/null ||
    fail "hanging case: the guest timeout did not stop it"

[ "$bad" = 0 ] || exit 1
echo "selftest: ok"
