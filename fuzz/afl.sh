#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# afl.sh OUT TARGET SECONDS: AFL++ on OUT/tt-fuzz-TARGET-afl for SECONDS,
# from the committed seeds, its state in OUT/afl/TARGET; prints the
# executions per second, the map coverage and any crash.  Exit 1 on one.
set -eu

[ $# -eq 3 ] || { echo "usage: $0 OUT TARGET SECONDS" >&2; exit 2; }
out=$1 t=$2 secs=$3
dir=$out/afl/$t
rm -rf "$dir"
mkdir -p "$dir"

# A shared machine: no CPU binding, no core_pattern or governor demands.
AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 \
AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SUPPRESS_WARNING=1 \
    afl-fuzz -V "$secs" -m none -i "fuzz/corpus/$t" -o "$dir" \
    -- "$out/tt-fuzz-$t-afl" >"$out/afl-$t.log" 2>&1 || {
	echo "fuzz: afl: $t: afl-fuzz failed (see $out/afl-$t.log)"
	tail -n 5 "$out/afl-$t.log"
	exit 1
}
st=$dir/default/fuzzer_stats
get() { sed -n "s/^$1 *: *//p" "$st"; }
crashes=$(get saved_crashes)
[ -n "$crashes" ] || crashes=$(get unique_crashes)
echo "fuzz: afl: $t: $(get execs_done) runs in ${secs}s," \
    "$(get execs_per_sec) exec/s; map coverage $(get bitmap_cvg)," \
    "$(get corpus_count) inputs; ${crashes:-0} crashes"
if [ "${crashes:-0}" != 0 ]; then
	for f in "$dir"/default/crashes/id*; do echo "fuzz:   input: $f"; done
	exit 1
fi
