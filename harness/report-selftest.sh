#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# report-selftest.sh TT-CONFORMANCE DIR: the proof that a failure, tried
# on purpose, shows its clause, expected vs got and the packet.
# tt-conformance --selftest-fail fails a packet comparison (no device);
# report.sh must print the test, its clause (from a one-clause SPEC
# naming the self-test), the offset, expected and got and the hex dump.
# Then the clause of a real test from conformance/SPEC.md, from a canned
# TAP line.  Fast, host only.
set -eu
bin=$1
dir=$2
here=$(dirname "$0")
rm -rf "$dir" && mkdir -p "$dir/selftest" "$dir/canned"
out=$dir/report.txt

fail() {
	echo "report-selftest: $*; the report was:" >&2
	cat "$out" >&2
	exit 1
}

{
	echo '### 0.1 A failed packet comparison shows the packet'
	echo 'Tests: test_selftest_packet_differs'
} >"$dir/SPEC.md"
echo selftest >"$dir/selftest/suites.txt"
echo 0 >"$dir/selftest/run.rc"
rc=0
"$bin" --selftest-fail --tap "$dir/selftest/selftest.tap" \
	>"$dir/log.txt" || rc=$?
if [ "$rc" != 1 ]; then
	cat "$dir/log.txt" >&2
	echo "report-selftest: --selftest-fail exited $rc, not 1" >&2
	exit 1
fi
rc=0
"$here/report.sh" --verdict --spec "$dir/SPEC.md" "selftest=$dir/selftest" \
	>"$out" || rc=$?
[ "$rc" = 1 ] || fail "report.sh exited $rc on a failure, not 1"
for want in \
	'FAILED selftest: selftest:test_selftest_packet_differs: UDP packet' \
	'differs at offset 18 (0x12)' \
	'clause: SPEC 0.1 A failed packet comparison shows the packet' \
	'expected 01, got 00' \
	'expected 0010: 0a 00 01 02 30 39' \
	'got      0010: 0a 00 00 02 30 39' \
	'^        *\^\^$' \
	'^selftest  *0  *0  *0  *1$' \
	'VERDICT: REJECT'; do
	grep -q -- "$want" "$out" || fail "no line matching \"$want\""
done
[ "$(tail -n 1 "$out")" = "VERDICT: REJECT" ] || fail "the verdict is not last"

# A real test's clause, from the real SPEC.md.
echo life >"$dir/canned/suites.txt"
echo 0 >"$dir/canned/run.rc"
{
	echo 'TAP version 13'
	echo 'not ok 1 - life:test_open_creates_interface_down/tap: canned'
	echo '1..1'
} >"$dir/canned/life.tap"
"$here/report.sh" "canned=$dir/canned" >"$out" || true
grep -q 'clause: SPEC 1.1 Open creates the interface, down' "$out" ||
	fail "no clause 1.1 for test_open_creates_interface_down"
# The race, load and hostile figures: printed per column when there, and
# their absence fails the report when the column ran one of those suites.
mkdir -p "$dir/race"
echo race >"$dir/race/suites.txt"
echo 0 >"$dir/race/run.rc"
{
	echo 'TAP version 13'
	echo 'ok 1 - race:test_race_two_readers_one_fd/tun'
	echo '1..1'
} >"$dir/race/race.tap"
rc=0
"$here/report.sh" "racer=$dir/race" >"$out" || rc=$?
[ "$rc" = 1 ] || fail "report.sh exited $rc without the race figures, not 1"
grep -q 'NO SUMMARY .*: racer:race$' "$out" ||
	fail "no NO SUMMARY line for a race run without figures"
printf 'run a\nok a 5 4 1 0\n' >"$dir/race/race.rec"
"$here/report.sh" "racer=$dir/race" >"$out" || fail "report.sh failed with the race figures"
grep -q '^racer: race: 1 scenarios run, 1 survived; packets: 5 sent, 4 received, 1 dropped and counted; 0 bytes of memory not returned$' "$out" ||
	fail "no race summary line for column racer"

echo "report-selftest: a failure shows its clause, expected vs got and the packet; the race figures show, their absence fails"
