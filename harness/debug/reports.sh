#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# reports.sh CONSOLE.LOG: print, whole, each report a kernel detector
# left in a test VM's console (KASAN, UBSAN, lockdep, RCU, a sleep in
# atomic context, kmemleak's listing, a warning or an oops), so that a
# failed run shows what went wrong and where, not only that it did.
# Exits 1 if there was one, 0 if none.
#
# A report starts at a line klog-check.sh flags (or at the "=====" rule
# KASAN, UBSAN and lockdep open theirs with, or at kmemleak's
# "unreferenced object") and runs until the closing rule, an end-of-trace
# line or 60 lines, whichever comes first.
set -eu
[ $# = 1 ] || { echo "usage: $0 CONSOLE.LOG" >&2; exit 2; }
here=$(dirname "$0")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
# klog-check.sh's verdict on the kernel's lines decides, as in run.sh
# (the guest's own lines may say "leak" about a test); this only widens
# its lines to the reports around them, guest lines included (kmemleak's
# listing is the guest's cat of it).
tr -d '\r' <"$1" >"$tmp/console"
sed 's/.*\(\[ *[0-9][0-9]*\.[0-9][0-9]*\] \)/\1/; t
s/.*//' "$tmp/console" >"$tmp/kernel"
"$here/../vm/klog-check.sh" "$tmp/kernel" >"$tmp/flagged" || true
if [ ! -s "$tmp/flagged" ] && ! grep -q 'unreferenced object 0x' "$tmp/console"; then
	exit 0
fi
awk -v flagged="$(sed 's/^[^:]*:\([0-9]*\):.*/\1/' "$tmp/flagged" | tr '\n' ' ')" '
	BEGIN { n = split(flagged, f, " "); for (i = 1; i <= n; i++) hit[f[i]] = 1 }
	{ line[NR] = $0 }
	END {
		for (i = 1; i <= NR; i++) {
			if (!hit[i] && line[i] !~ /unreferenced object 0x/)
				continue
			# the opening rule just above belongs to the report
			s = (i > 1 && line[i - 1] ~ /=====|-----/) ? i - 1 : i
			print "---- report at console line " i
			for (j = s; j <= NR && j < s + 60; j++) {
				print line[j]
				if (j > i && line[j] ~ /^(\[ *[0-9.]+\] )?(=====|---\[ end)/)
					break
			}
			i = j
		}
	}' "$tmp/console"
exit 1
