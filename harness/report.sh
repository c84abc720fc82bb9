#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# report.sh [--verdict] [--summary] [--matrix FILE] [--spec SPEC.md]
#           [--tap TAP]... LABEL=DIR...
#
# The report of conformance runs, one column per LABEL (a target in one
# place: tuntap-vm, linux-vm, linux-ns, ...).  DIR holds the verdict TAP
# of tt-conformance, one <suite>.tap per suite (suites.txt lists the
# suites that should be there, one a line), and run.rc, the status of the
# run that made it (in DIR or its parent: a VM run's status covers all its
# targets).  A verdict TAP line is
#   ok N - suite:test[/variant]                         pass
#   ok N - suite:test # SKIP reason                     skip
#   not ok N - suite:test # TODO expected difference: message
#   not ok N - suite:test: message                      failure
#   #   ...                 after a failure: its packet's hex dump
# --tap adds Check's own TAP logs (the unit tests) to the totals.
#
# Prints the matrix (test x column: pass, diff = an expected difference,
# skip, FAIL, "-" = not run), then every failure: its message, its
# clause (the "### S.N Title" whose "Tests:" line names the test in
# SPEC.md, by default conformance/SPEC.md) and the hex dump, then runs
# that failed or did not report, and last the summary table, a row per
# column (passed, expected differences, skipped, failed) and the total.
# --matrix FILE also writes the matrix there; --summary leaves the matrix
# out of what is printed.
# --verdict adds "VERDICT: ACCEPT" or "VERDICT: REJECT", the last line.
# After the failures: "LABEL: race: ..." for each column that ran the
# race, load or hostile suites (harness/summary.sh on the column's DIR).
# Exits 1 unless nothing failed, every suite of every column reported,
# every column that ran race, load or hostile has their figures, and
# every run's status is 0.
set -eu

verdict=0
summary=0
matrix=
extra=
specmd=$(dirname "$0")/../conformance/SPEC.md
while [ $# -gt 0 ]; do
	case $1 in
	--verdict) verdict=1 ;;
	--summary) summary=1 ;;
	--matrix) matrix=$2; shift ;;
	--spec) specmd=$2; shift ;;
	--tap) [ -f "$2" ] && extra="$extra $2"; shift ;;
	*) break ;;
	esac
	shift
done
[ $# -ge 1 ] || { echo "usage: $0 [--verdict] [--summary] [--matrix FILE] [--spec SPEC.md] [--tap TAP]... LABEL=DIR..." >&2; exit 2; }

args=""
missing=""
runs=""
for spec in "$@"; do
	label=${spec%%=*}
	dir=${spec#*=}
	rc=$(cat "$dir/run.rc" 2>/dev/null || cat "$dir/../run.rc" 2>/dev/null || echo missing)
	runs="$runs $label:$rc"
	if [ -f "$dir/suites.txt" ]; then
		# shellcheck disable=SC2013 # one word a line
		for s in $(cat "$dir/suites.txt"); do
			if [ -f "$dir/$s.tap" ]; then
				args="$args label=$label $dir/$s.tap"
			else
				missing="$missing $label:$s"
			fi
		done
	else
		missing="$missing $label:(no results)"
	fi
done

# The figures of the race, load and hostile suites, a line a category
# and column, kept in the column's own directory (TT_SUMMARY_DIR).  A
# column whose TAP shows one of those suites run (a row not skipped) must
# have its figures: their absence is a failure of the run, not silence.
nosum=""
sumlines=""
for spec in "$@"; do
	label=${spec%%=*}
	dir=${spec#*=}
	figs=$("$(dirname "$0")/summary.sh" "$dir" | sed "s|^|$label: |")
	[ -z "$figs" ] || sumlines="$sumlines$figs
"
	for cat in race load hostile; do
		[ ! -f "$dir/$cat.summary" ] || continue
		# shellcheck disable=SC2013 # one word a line
		for suite in $(cat "$dir/suites.txt" 2>/dev/null); do
			[ -f "$dir/$suite.tap" ] || continue
			if grep -E "^(not )?ok [0-9]+ - $cat:" "$dir/$suite.tap" |
			    grep -qv ' # SKIP '; then
				nosum="$nosum $label:$cat"
				break
			fi
		done
	done
done
export TT_REPORT_SUMLINES="$sumlines"

# Colour, as harness/vm/phase.sh: only on a terminal, never with NO_COLOR
# (TT_REPORT_TTY=1: harness/report-html.sh's terminal, through a pipe).
red='' green='' off=''
if { [ -t 1 ] || [ "${TT_REPORT_TTY:-0}" = 1 ]; } && [ -z "${NO_COLOR:-}" ] &&
    [ "${TERM:-dumb}" != dumb ]; then
	red=$(printf '\033[1;31m') green=$(printf '\033[1;32m') off=$(printf '\033[0m')
fi

# shellcheck disable=SC2086 # word splitting of the file lists is meant
awk -v red="$red" -v green="$green" -v off="$off" -v missing="$missing" -v nosum="$nosum" -v runs="$runs" -v verdict="$verdict" -v summary="$summary" \
    -v matrix="$matrix" -v labels="$*" '
BEGIN {
	n = split(labels, l, " ")
	for (i = 1; i <= n; i++) { sub(/=.*/, "", l[i]); col[i] = l[i] }
	ncol = n
}
# SPEC.md: "### S.N Title", then "Tests: a, b": the clause of each test.
inspec && /^### / { clause = $0; sub(/^### /, "", clause); next }
inspec && /^Tests:/ {
	t = $0; sub(/^Tests: */, "", t); nt = split(t, tt, /, */)
	for (i = 1; i <= nt; i++) clause_of[tt[i]] = clause
	next
}
inspec { next }
# The diagnostics of a failure ("# " lines after it): the packet hex dump.
/^# / && lastbad { baddump[nb] = baddump[nb] "\n    " substr($0, 3); next }
{ lastbad = 0 }
# Check TAP of the unit tests: "ok N - file:tcase:test: Passed"
label == "" && /^(not )?ok [0-9]+ - / {
	if ($1 == "ok") unit_pass++
	else { unit_fail++; bad[++nb] = "unit: " $0 }
	next
}
/^(not )?ok [0-9]+ - / {
	line = $0
	sub(/^(not )?ok [0-9]+ - /, "", line)
	if ($1 == "ok" && line ~ / # SKIP /) { v = "skip"; id = line; sub(/ # SKIP .*/, "", id) }
	else if ($1 == "ok") { v = "pass"; id = line }
	else if (line ~ / # TODO expected difference: /) { v = "diff"; id = line; sub(/ # TODO .*/, "", id) }
	else {
		v = "FAIL"; id = line
		sub(/: .*/, "", id)
		bad[++nb] = label ": " line
		lastbad = 1
		t = id; sub(/^[^:]*:/, "", t); sub(/\/.*/, "", t)
		badclause[nb] = (t in clause_of) ? "SPEC " clause_of[t] : "no clause in SPEC.md names " t
	}
	if (!(id in seen)) { seen[id] = 1; row[++nrow] = id }
	cell[id, label] = v
	count[label, v]++
	total[v]++
}
END {
	w = 20
	for (r = 1; r <= nrow; r++) if (length(row[r]) > w) w = length(row[r])
	out = matrix != "" ? matrix : "/dev/null"
	# a column as wide as its label (darwin-sim-tsan), at least 9
	for (c = 1; c <= ncol; c++) cw[c] = length(col[c]) > 9 ? length(col[c]) : 9
	hdr = sprintf("%-" w "s", "test")
	for (c = 1; c <= ncol; c++) hdr = hdr sprintf("  %-" cw[c] "s", col[c])
	if (!summary) { print ""; print hdr }
	print hdr > out
	for (r = 1; r <= nrow; r++) {
		s = sprintf("%-" w "s", row[r])
		for (c = 1; c <= ncol; c++) {
			v = cell[row[r], col[c]]
			s = s sprintf("  %-" cw[c] "s", v == "" ? "-" : v)
		}
		if (!summary) print s
		print s > out
	}
	print ""
	# Each failure: the test and why, its clause, the packet if any.
	for (i = 1; i <= nb; i++) {
		print red "FAILED" off " " bad[i]
		if (badclause[i] != "") print "    clause: " badclause[i]
		if (baddump[i] != "") print substr(baddump[i], 2)
	}
	if (missing != "") print "NOT RUN:" missing
	# the race, load and hostile figures, then any column missing them
	printf "%s", ENVIRON["TT_REPORT_SUMLINES"]
	if (nosum != "") print red "NO SUMMARY" off " (the suite ran, its figures are missing):" nosum
	nr = split(runs, rr, " ")
	runbad = 0
	for (i = 1; i <= nr; i++) {
		split(rr[i], p, ":")
		if (p[2] != "0") { runbad = 1; print "RUN " p[1] ": failed (status " p[2] "; see its logs)" }
	}
	# The summary table, last: a row per target (and the unit tests).
	print ""
	nw = 12
	for (c = 1; c <= ncol; c++) if (length(col[c]) > nw) nw = length(col[c])
	printf "%-" nw "s %7s %9s %8s %7s\n", "target", "passed", "expected", "skipped", "failed"
	printf "%-" nw "s %7s %9s\n", "", "", "diffs"
	for (c = 1; c <= ncol; c++)
		printf "%-" nw "s %7d %9d %8d %7d\n", col[c], count[col[c], "pass"], count[col[c], "diff"], count[col[c], "skip"], count[col[c], "FAIL"]
	if (unit_pass + unit_fail)
		printf "%-" nw "s %7d %9s %8s %7d\n", "unit", unit_pass, "-", "-", unit_fail
	fails = total["FAIL"] + unit_fail
	printf "%-" nw "s %7d %9d %8d %7d\n", "total", total["pass"] + unit_pass, total["diff"], total["skip"], fails
	good = (fails == 0 && total["pass"] > 0 && missing == "" && nosum == "" && !runbad)
	if (verdict) print good ? green "VERDICT: ACCEPT" off : red "VERDICT: REJECT" off
	exit good ? 0 : 1
}' inspec=1 "$specmd" inspec=0 $extra $args
