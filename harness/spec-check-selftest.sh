#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# spec-check-selftest.sh: the coverage check's own test.  A good contract
# passes; each fixture that breaks one rule on purpose must fail, with a
# message naming the problem.
set -u

here=$(dirname "$0")
d=$here/spec-check-fixtures
check=$here/spec-check.sh
out=$(mktemp)
bad=0

# expect STATUS MESSAGE SPEC [EXPECT...]: STATUS 0 or 1, MESSAGE a
# fixed string the output must contain
expect() {
	want=$1 msg=$2 spec=$3
	shift 3
	"$check" "$d/$spec" "$d/tests.txt" "$@" >"$out" 2>&1
	got=$?
	if [ "$got" != "$want" ] || ! grep -qF -- "$msg" "$out"; then
		echo "spec-check-selftest: $spec $*: status $got, expected $want with \"$msg\":"
		sed 's/^/  /' "$out"
		bad=$((bad + 1))
	fi
}

expect 0 "2 clauses, 3 tests" good.md "$d/expect-good.txt"
expect 1 "clause 1.2 names no test" untested-clause.md
expect 1 "names test_gone, which the suite does not have" unknown-test.md
expect 1 "test_c is named by no clause" unnamed-test.md
expect 1 "clause 1.1 repeats" repeated-clause.md
expect 1 "test_gone names no test of the suite" good.md "$d/expect-unknown.txt"
rm -f "$out"
[ "$bad" = 0 ] || exit 1
echo "spec-check-selftest: 6 cases, all as expected"
