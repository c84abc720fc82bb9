#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cov.sh OUT TARGET SOURCE...: the coverage of the committed seeds
# (fuzz/corpus/TARGET): libFuzzer's edge count once they are loaded, and
# llvm-cov's line and branch coverage of SOURCE, the code under test,
# from the coverage build OUT/tt-fuzz-TARGET-cov.
set -eu

[ $# -ge 3 ] || { echo "usage: $0 OUT TARGET SOURCE..." >&2; exit 2; }
out=$1 t=$2
shift 2

"$out/tt-fuzz-$t" -runs=0 "fuzz/corpus/$t" 2>&1 |
    sed -n "s/.*INITED cov: \([0-9]*\) ft: \([0-9]*\).*/fuzz-cov: $t: libFuzzer: \1 edges, \2 features from the seeds/p"
LLVM_PROFILE_FILE=$out/$t.profraw "$out/tt-fuzz-$t-cov" "fuzz/corpus/$t" 2>/dev/null
llvm-profdata merge -o "$out/$t.profdata" "$out/$t.profraw"
# The TOTAL line: regions, missed, %, functions, missed, %, lines,
# missed, %, branches, missed, %.
llvm-cov report "$out/tt-fuzz-$t-cov" -instr-profile="$out/$t.profdata" "$@" |
    awk -v t="$t" -v src="$*" '$1 == "TOTAL" {
	printf "fuzz-cov: %s: llvm-cov of %s: lines %s, branches %s, functions %s\n",
	    t, src, $10, $13, $7 }'
