#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# docs-figures.sh BUILD OUT.md [BENCH.json...]: every measured figure the
# documentation quotes, written from a run's own output, never typed:
#   - make check's phase times (BUILD/check-times.txt),
#   - the summary table, the race, load and hostile figures and the
#     matrix of the last report (BUILD/report/report.txt, whose commit,
#     kernel and date BUILD/report/run.txt says),
#   - the benchmark's ratios ours/Linux from each BENCH.json (its kernel,
#     CPU and date are in the JSON itself),
#   - what harness/deps.sh installs on a fresh Debian 12, with and
#     without recommended packages (harness/deps-measure.sh, run now),
#     and how long it took for real when BUILD/deps-time.txt is there
#     (make deps-time),
#   - the debug kernel's build time (its cache directory) and the last
#     passing make fuzz-dev's figures (BUILD/debug/fuzz-run.txt).
# `make docs-figures` runs it after a `make check` (docs/figures.md).
set -eu

here=$(dirname "$0")
[ $# -ge 2 ] || { echo "usage: $0 BUILD OUT.md [BENCH.json...]" >&2; exit 2; }
build=$1
out=$2
shift 2
for f in "$build/check-times.txt" "$build/report/report.txt" "$build/report/run.txt"; do
	[ -s "$f" ] || { echo "docs-figures: no $f: run make check first" >&2; exit 1; }
done
# run.txt: "commit C", "kernel K", "date D"
field() { sed -n "s/^$1 //p" "$build/report/run.txt"; }
tmp=$out.tmp.$$
trap 'rm -f "$tmp"' EXIT INT TERM

{
	echo '<!-- SPDX-License-Identifier: GPL-2.0-only -->'
	echo '<!-- Written by `make docs-figures` (harness/docs-figures.sh): do not edit. -->'
	echo '# Measured figures'
	echo
	echo "Every figure here was written by \`make docs-figures\` from a run's own"
	echo "output. The \`make check\` run: commit \`$(field commit)\`, test VM kernel"
	echo "\`$(field kernel)\`, $(field date), on a host of $(nproc) cores"
	echo "($(uname -m))."
	echo
	echo '## The time of each phase of make check'
	echo
	echo "From \`build/check-times.txt\` (wall time; the phases run one after"
	echo "another, each as its own \`make\` target)."
	echo
	echo '| phase | seconds |'
	echo '|---|---|'
	awk '{ printf "| `%s` | %d |\n", $1, $2; t += $2 } END { printf "| total | %d |\n", t }' \
		"$build/check-times.txt"
	echo
	echo '## The summary'
	echo
	echo 'From the report (`build/report/report.txt`): per column, passed,'
	echo 'expected differences, skipped, failed.'
	echo
	echo '```'
	sed -n '/^target  *passed/,/^VERDICT/p' "$build/report/report.txt"
	echo '```'
	echo
	echo '## The race, load and hostile figures'
	echo
	echo '```'
	grep -E '^[^ ]+: (race|load|hostile): ' "$build/report/report.txt" || echo "(none: those suites did not run)"
	echo '```'
	echo
	for j in "$@"; do
		[ -s "$j" ] || continue
		echo "## The benchmark: \`$j\`"
		echo
		awk -f "$here/../bench/bench-json.awk" -f - "$j" <<'AWK'
/"env"/ {
	printf "Kernel %s, CPU %s (%s CPU%s, %s), %s trials of %s s, %s.\n\n",
	    jval($0, "kernel"), jval($0, "cpu"), jval($0, "cpus"),
	    jval($0, "cpus") == 1 ? "" : "s",
	    jval($0, "emulated") == "true" ? "emulated: only the ratios mean something" : "not emulated",
	    jval($0, "trials"), jval($0, "seconds"), jval($0, "date")
	print "Ratio ours/Linux, median of the trial pairs (MAD): throughput higher"
	print "is better, latency lower is better."
	print ""
	print "| mode | kind | size | metric | ratio | MAD |"
	print "|---|---|---|---|---|---|"
}
/"mode"/ {
	m = jval($0, "metric"); r = jobj($0, "ratio")
	if (r == "" || (m != "pps" && m != "p50_ns" && m != "p99_ns" && m != "gbps"))
		next
	if (m == "gbps" && jval($0, "mode") != "vpn")
		next
	printf "| %s | %s | %s | %s | %.3f | %.3f |\n", jval($0, "mode"),
	    jval($0, "kind"), jval($0, "size"), m, jval(r, "median"), jval(r, "mad")
}
AWK
		echo
	done
	# The debug kernel make check used, and the last make fuzz-dev.
	kdir=$(cat "$build/debug/kernel.dir" 2>/dev/null || true)
	if [ -n "$kdir" ] && [ -s "$kdir/seconds" ]; then
		echo '## The debug kernel'
		echo
		echo "\`$(cat "$kdir/release")\` (\`harness/debug/build.sh\`, its cache's"
		echo "\`seconds\` and \`cpu-seconds\`): built in $(($(cat "$kdir/seconds") / 60)) min"
		echo "of wall time$(if [ -s "$kdir/cpu-seconds" ]; then
			echo ", $(($(cat "$kdir/cpu-seconds") / 60)) min of CPU time (all jobs)"; fi)."
		echo
	fi
	frun=$build/debug/fuzz-run.txt
	if [ -s "$frun" ] && grep -qx 'status 0' "$frun" &&
	    [ -s "$build/debug/fuzz/lines/summary.txt" ]; then
		fr() { sed -n "s/^$1 //p" "$frun"; }
		echo '## The device fuzzer on the debug kernel'
		echo
		echo "\`make fuzz-dev FUZZ_SECONDS=$(fr seconds) FUZZ_SEED=$(fr seed)\` at commit"
		echo "\`$(fr commit)\`, $(fr date), kernel \`$(fr kernel)\`:"
		echo
		echo '```'
		grep -h 'rounds' "$build/debug/fuzz/devfuzz.log"
		grep -h 'kcov: .* PCs\|inputs kept' "$build/debug/fuzz/devfuzz.log" || true
		sed "s|$build/|build/|g" "$build/debug/fuzz/lines/summary.txt"
		echo '```'
		echo
		echo 'The lines never reached:'
		echo
		echo '```'
		cat "$build/debug/fuzz/lines/unreached.txt"
		echo '```'
		echo
	fi
	echo '## What make deps installs'
	echo
	echo 'From `harness/deps-measure.sh`: apt'"'"'s simulation on a minimal Debian 12'
	echo 'package set, the packages of `harness/packages/*.list`.'
	echo
	echo '```'
	"$here/deps-measure.sh"
	echo '```'
	if [ -s "$build/deps-time.txt" ]; then
		echo
		echo 'Installed for real (`make deps-time`: `harness/deps-measure.sh --time`,'
		echo "two copies of a minimal Debian 12 root, $(sed -n 's/^date //p' "$build/deps-time.txt")):"
		echo
		echo '```'
		grep -v '^date ' "$build/deps-time.txt"
		echo '```'
	fi
	echo
	echo '## The matrix'
	echo
	echo '```'
	sed -n '/^test  /,/^$/p' "$build/report/report.txt" | sed 's/ *$//'
	echo '```'
} >"$tmp"
mv "$tmp" "$out"
echo "docs-figures: $out"
