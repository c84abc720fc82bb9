#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench-compare.sh BASE.json NEW.json: which ratios ours / Linux moved.
#
# A figure regressed when its median ratio got worse (lower for
# throughput, higher for times) by more than the noise: three times the
# larger relative MAD of the ratio in the two runs, and at least 5%.
# Drop shares and retransmits are shown in the JSON but not judged: their
# ratio is often 0 / 0.  Exit status 1 when anything regressed.
set -eu

here=$(dirname "$0")
if [ $# -ne 2 ]; then
	echo "usage: $0 BASE.json NEW.json" >&2
	exit 2
fi
for f in "$1" "$2"; do
	[ -r "$f" ] || { echo "bench-compare: cannot read $f" >&2; exit 2; }
done

awk -f "$here/bench-json.awk" -f - "$1" "$2" <<'AWK'
function rel(mad, med) { return med > 0 ? mad / med : 0 }
FNR == NR {
	r = jobj($0, "ratio")
	if (r != "") {
		bm[jkey($0)] = jval(r, "median")
		bd[jkey($0)] = jval(r, "mad")
	}
	next
}
/"mode"/ {
	k = jkey($0)
	r = jobj($0, "ratio")
	m = jval($0, "metric")
	if (r == "" || !(k in bm) || m == "drop_pct" || m == "retrans")
		next
	nm = jval(r, "median"); nd = jval(r, "mad")
	if (bm[k] <= 0 || nm <= 0)
		next
	noise = 3 * rel(bd[k], bm[k])
	if (3 * rel(nd, nm) > noise)
		noise = 3 * rel(nd, nm)
	if (noise < 0.05)
		noise = 0.05
	change = nm / bm[k] - 1
	worse = jval($0, "better") == "high" ? -change : change
	n++
	what = ""
	if (worse > noise) {
		what = "REGRESSION"
		bad++
	} else if (-worse > noise) {
		what = "better"
		good++
	}
	if (what != "")
		printf "%-10s %-36s ratio %.3f -> %.3f (%+.1f%%, noise %.1f%%)\n",
		    what, k, bm[k], nm, 100 * change, 100 * noise
}
END {
	if (n == 0) {
		print "bench-compare: no ratio ours / linux in common (a host run has none)"
		exit 2
	}
	printf "bench-compare: %d figures compared, %d regressed, %d improved beyond the noise\n",
	    n, bad, good
	exit bad > 0
}
AWK
