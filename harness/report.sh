#!/bin/sh
# report.sh [--verdict] RESULTS_DIR [TAP...]
#
# Reads Check's TAP logs (RESULTS_DIR/<clause>.tap, one per clause of the
# contract, in the order of RESULTS_DIR/suites.txt, plus any TAP given)
# and prints one line per clause, the failures, and the closing line
# "N passed, N failed, N skipped".  With --verdict, also "VERDICT: ACCEPT"
# or "VERDICT: REJECT": accept only when every clause ran, nothing failed,
# and the VM run itself succeeded (RESULTS_DIR/run.rc is 0: the guest
# finished and the kernel log was clean).  Exits 1 unless all of that holds.
set -eu

verdict=0
if [ "${1:-}" = --verdict ]; then
	verdict=1
	shift
fi
[ $# -ge 1 ] || { echo "usage: $0 [--verdict] RESULTS_DIR [TAP...]" >&2; exit 2; }
dir=$1
shift

taps=""
missing=""
if [ -f "$dir/suites.txt" ]; then
	# shellcheck disable=SC2013 # one word a line
	for s in $(cat "$dir/suites.txt"); do
		if [ -f "$dir/$s.tap" ]; then
			taps="$taps $dir/$s.tap"
		else
			missing="$missing $s"
		fi
	done
else
	missing=" (no results: the VM did not report)"
fi
for t in "$@"; do
	[ -f "$t" ] && taps="$t $taps"
done

# The figures of the race, load and hostile suites, a line a category.
"$(dirname "$0")/summary.sh" "$dir"

# A TAP line: "ok N - file:clause:test: message" or "not ok N - ...".
# shellcheck disable=SC2086
awk -v missing="$missing" -v verdict="$verdict" \
    -v runrc="$(cat "$dir/run.rc" 2>/dev/null || echo missing)" '
/^(not )?ok [0-9]+ - / {
	ok = ($1 == "ok")
	line = $0
	sub(/^(not )?ok [0-9]+ - /, "", line)
	n = split(line, f, ":")
	clause = f[2]; test = f[3]
	if (!(clause in seen)) { seen[clause] = 1; order[++nc] = clause }
	if (ok) { pass[clause]++; npass++ }
	else { fail[clause]++; nfail++; bad[++nb] = clause ": " test ": " f[n] }
}
END {
	printf "%-10s %6s %6s  %s\n", "clause", "passed", "failed", "result"
	for (i = 1; i <= nc; i++) {
		c = order[i]
		printf "%-10s %6d %6d  %s\n", c, pass[c], fail[c], fail[c] ? "FAIL" : "ok"
	}
	for (i = 1; i <= nb; i++) print "FAILED " bad[i]
	if (missing != "") print "NOT RUN:" missing
	if (runrc != "0") print "VM RUN: failed (status " runrc "; see console.log and dmesg.txt)"
	printf "%d passed, %d failed, 0 skipped\n", npass, nfail
	good = (nfail == 0 && npass > 0 && missing == "" && runrc == "0")
	if (verdict)
		print good ? "VERDICT: ACCEPT" : "VERDICT: REJECT"
	exit good ? 0 : 1
}' $taps
