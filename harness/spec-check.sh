#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# spec-check.sh SPEC TESTS [EXPECT...]
#
# The coverage check of the contract.  SPEC is conformance/SPEC.md:
# clauses "### S.N Title", each followed (before the next clause) by one
# line "Tests: test_a, test_b".  TESTS is every test a row of the report
# can name, one a line: tt-conformance's, tt-abi32's and
# real-programs.sh's --list-tests (conformance/conformance.mk).  Fails,
# naming each problem, when a clause names no test, a clause names a
# test the suite lacks, a test is named by no clause, a clause number
# repeats or a heading is malformed; and when an EXPECT file
# (conformance/expect/<target>.txt) has a key that names no test.
set -eu

[ $# -ge 2 ] || { echo "usage: $0 SPEC TESTS [EXPECT...]" >&2; exit 2; }
spec=$1
tests=$2
shift 2
for f in "$spec" "$tests" "$@"; do
	[ -r "$f" ] || { echo "spec-check: cannot read $f" >&2; exit 2; }
done

awk -v spec="$spec" -v tests="$tests" '
function err(where, msg) { print where ": " msg; bad++ }
function close_clause() {
	if (clause != "" && !has_tests[clause])
		err(spec ":" cline, "clause " clause " names no test")
}
FILENAME == tests { if (NF) { known[$1] = 1; order[++nt] = $1 }; next }
FILENAME == spec && /^### / {
	close_clause()
	if ($0 !~ /^### [0-9]+\.[0-9]+ [^ ]/) {
		err(spec ":" FNR, "malformed clause heading: " $0)
		clause = ""
		next
	}
	clause = $2; cline = FNR
	if (clause in seen)
		err(spec ":" FNR, "clause " clause " repeats (line " seen[clause] ")")
	seen[clause] = FNR
	nclauses++
	next
}
FILENAME == spec && /^## / { close_clause(); clause = ""; next }
FILENAME == spec && /^Tests:/ {
	if (clause == "") { err(spec ":" FNR, "Tests: outside a clause"); next }
	if (has_tests[clause]) err(spec ":" FNR, "clause " clause " has two Tests: lines")
	line = $0
	sub(/^Tests:[ \t]*/, "", line)
	n = split(line, names, /[ \t]*,[ \t]*|[ \t]+/)
	for (i = 1; i <= n; i++) {
		if (names[i] == "") continue
		has_tests[clause] = 1
		if (!(names[i] in known))
			err(spec ":" FNR, "clause " clause " names " names[i] ", which the suite does not have")
		named[names[i]] = 1
	}
	next
}
FILENAME == spec { next }
# an expect file: KEY VERB ...; KEY is test, test/variant or suite:NAME
{
	sub(/#.*/, "")
	if (!NF || $1 ~ /^suite:/) next
	key = $1
	sub(/\/.*/, "", key)
	if (!(key in known))
		err(FILENAME ":" FNR, $1 " names no test of the suite")
}
END {
	close_clause()
	for (i = 1; i <= nt; i++)
		if (!(order[i] in named))
			err(spec, order[i] " is named by no clause")
	if (!nclauses) err(spec, "no clause")
	if (bad) { print "spec-check: " bad " problem(s)"; exit 1 }
	printf "spec-check: %d clauses, %d tests, every clause tested, every test in a clause\n", nclauses, nt
}' "$tests" "$spec" "$@"
