#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# libfuzzer.sh OUT TARGET SECONDS [LIBFUZZER-OPTION]...
#
# Runs OUT/tt-fuzz-TARGET for SECONDS on its working corpus
# (OUT/corpus/TARGET, where new inputs go) and the committed seeds
# (fuzz/corpus/TARGET, read only), then prints one line: executions,
# executions per second, coverage after loading the corpora and at the
# end, and any finding (saved as OUT/findings/TARGET-crash-...).  Exit 1
# on a finding.  The whole libFuzzer log is OUT/TARGET.log.
set -eu

[ $# -ge 3 ] || { echo "usage: $0 OUT TARGET SECONDS [OPTION]..." >&2; exit 2; }
out=$1 t=$2 secs=$3
shift 3
log=$out/$t.log
mkdir -p "$out/corpus/$t" "$out/findings"

rc=0
"$out/tt-fuzz-$t" -max_total_time="$secs" -print_final_stats=1 \
    -artifact_prefix="$out/findings/$t-" "$@" \
    "$out/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1 || rc=$?

# "#N INITED cov: C ft: F corp: ..." once the corpora are loaded;
# "stat::..." lines at the end.
inited=$(sed -n 's/.*INITED cov: \([0-9]*\) ft: \([0-9]*\).*/\1 \2/p' "$log" | head -n 1)
last=$(grep -E '(NEW|REDUCE|pulse|DONE|INITED) +cov:' "$log" | tail -n 1 |
    sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\).*/\1 \2 \3/p')
stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
runs=$(stat number_of_executed_units)
eps=$(stat average_exec_per_sec)
# shellcheck disable=SC2086 # split into the numbers on purpose
set -- $inited $last
echo "fuzz: $t: ${runs:-?} runs in ${secs}s, ${eps:-?} exec/s;" \
    "coverage ${1:-?} edges (${2:-?} features) once the corpora are loaded," \
    "${3:-?} edges (${4:-?} features, ${5:-?} inputs) at the end"
if [ "$rc" != 0 ]; then
	echo "fuzz: $t: FINDING (libFuzzer exit $rc):"
	grep -E '^(tt_fuzz_|==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -n 5
	for f in "$out/findings/$t-"*; do
		[ ! -e "$f" ] || echo "fuzz:   input: $f"
	done
	echo "fuzz: make it fuzz/regress/NAME and a line of fuzz/TESTLIST; see $log"
	exit 1
fi
