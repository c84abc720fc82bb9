#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# summary.sh RESULTS_DIR
#
# The summary line of each category of the race, load and hostile
# suites.  Their tests append to RESULTS_DIR/<category>.rec "run NAME"
# when a scenario starts and "ok NAME SENT RECEIVED DROPPED MEMORY" when
# it survived (every assertion held).  This adds them up into
# RESULTS_DIR/<category>.summary and prints it:
#   race: 25 scenarios run, 25 survived; packets: 1200 sent, 1190
#   received, 10 dropped and counted; 0 bytes of memory not returned
# (one line).  A scenario that ran but did not survive is one that
# failed, crashed or hung.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 RESULTS_DIR" >&2; exit 2; }
dir=$1
for rec in "$dir"/*.rec; do
	[ -f "$rec" ] || continue
	cat=$(basename "$rec" .rec)
	awk -v cat="$cat" '
	$1 == "run" { run++ }
	$1 == "ok" { ok++; s += $3; r += $4; d += $5; m += $6 }
	END {
		printf "%s: %d scenarios run, %d survived; packets: %d sent, " \
		    "%d received, %d dropped and counted; %d bytes of memory " \
		    "not returned\n", cat, run, ok, s, r, d, m
	}' "$rec" >"$dir/$cat.summary"
	cat "$dir/$cat.summary"
done
