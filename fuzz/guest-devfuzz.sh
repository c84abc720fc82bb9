#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the test VM (busybox sh): the device fuzzer against
# tuntap.ko and against Linux's tun, each alone and with -j, then every
# devfuzz line of /tt/TESTLIST, then the module's own oracle: nothing
# alive, a clean unload.
# TT_DEVFUZZ (tt.devfuzz= on the kernel command line, commas for blanks)
# holds the fuzzer's arguments, e.g. "-s,7,-n,3000" or "-t,60,-s,7".
set -u

args=$(echo "${TT_DEVFUZZ:--n,3000}" | tr , ' ')
sum=/results/devfuzz-summary.txt
rc=0

insmod /tt/tuntap.ko || { echo "guest: insmod tuntap.ko failed"; exit 1; }

# run LABEL ARGS...: one fuzzer run, its log in /results/LABEL.log, its
# closing line in the summary.
run() {
	label=$1
	shift
	tt-devfuzz "$@" >"/results/$label.log" 2>&1
	r=$?
	grep -E 'FINDING|rounds' "/results/$label.log" | sed "s/^/$label: /" >>"$sum"
	cat "/results/$label.log"
	[ "$r" = 0 ] || { echo "guest: $label: tt-devfuzz exited $r"; rc=1; }
}

# shellcheck disable=SC2086
run devfuzz-ours -d ours $args
# shellcheck disable=SC2086
run devfuzz-linux -d linux $args
# shellcheck disable=SC2086
run devfuzz-ours-j -d ours -j $args
# shellcheck disable=SC2086
run devfuzz-linux-j -d linux -j $args

# The inputs the KCOV-steered fuzzer kept (make fuzz-dev), replayed.
if [ -f /tt/corpus-dev.txt ]; then
	run corpus-dev -d ours -r /tt/corpus-dev.txt
fi

# Regressions: "NAME devfuzz ARGS..." lines of the TESTLIST.
while read -r name kind rest; do
	case $name in '' | '#'*) continue ;; esac
	[ "$kind" = devfuzz ] || continue
	rest=${rest%%#*}
	# shellcheck disable=SC2086
	run "regress-$name" $rest
done </tt/TESTLIST

live=$(cat /sys/module/tuntap/parameters/live_objects 2>/dev/null || echo missing)
echo "live_objects after fuzzing: $live" >>"$sum"
if [ "$live" != 0 ]; then
	echo "guest: live_objects is $live after fuzzing, expected 0"
	rc=1
fi
if ! rmmod tuntap; then
	echo "guest: rmmod tuntap failed after fuzzing"
	rc=1
fi
exit $rc
