#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kcov-lines.sh MODULE.ko TEXT_BASE PCS OUTDIR: the lines of
# driver/linux/*.c the device fuzzer reached, from KCOV's PCs.
#
# MODULE.ko is the module the guest loaded, built with debug info;
# TEXT_BASE its .text address in the guest (/sys/module/tuntap/sections/
# .text); PCS the PCs tt-devfuzz -c wrote, one a line.  Every call to
# KCOV's hook in the module's .text is a point KCOV can report (what
# KCOV records is the call's return address), so the lines of those
# calls are the lines there are; the lines of the PCs reported are those
# reached.  Writes OUTDIR/lines-all.txt, lines-reached.txt and
# unreached.txt (each unreached line with its source), prints the figure
# (and keeps it in summary.txt).
set -eu
[ $# = 4 ] || { echo "usage: $0 MODULE.ko TEXT_BASE PCS OUTDIR" >&2; exit 2; }
ko=$1 base=$2 pcs=$3 out=$4
mkdir -p "$out"

# lines FILE-OF-HEX-OFFSETS: "linux/FILE.c:LINE" of each return address
# (the call is the byte before), only the .c files of driver/linux.
lines() {
	while read -r a; do printf '0x%x\n' $((a - 1)); done <"$1" |
	    addr2line -e "$ko" -j .text |
	    sed -n 's|.*/\(linux/tt_[a-z_]*\.c\):\([0-9][0-9]*\).*|\1:\2|p' |
	    sort -u
}

# Every hook call: a relocation against __sanitizer_cov_trace_pc at R is
# the operand of a 5-byte call at R-1, which returns to R+4.  A hook
# reached by a jump instead (a tail call: an empty function's only
# block) reports its caller's PC, never ours: KCOV cannot see that line,
# so it is counted apart, as not observable, not as never reached.
: >"$out/points.txt"
: >"$out/tail.txt"
objdump -dr -j .text "$ko" | awk '
	/R_X86_64_PLT32[ \t]+__sanitizer_cov_trace_pc/ {
		sub(/^[ \t]*/, ""); sub(/:.*/, ""); print op, $0; next
	}
	/^[ \t]*[0-9a-f]+:\t/ { split($0, f, "\t"); split(f[2], b, " "); op = b[1] }' |
    while read -r op r; do
	if [ "$op" = e8 ]; then
		printf '0x%x\n' $((0x$r + 4)) >>"$out/points.txt"
	else
		printf '0x%x\n' $((0x$r + 4)) >>"$out/tail.txt"
	fi
    done
[ -s "$out/points.txt" ] || { echo "kcov-lines: $ko has no KCOV hooks (built without KCOV?)" >&2; exit 1; }
lines "$out/tail.txt" >"$out/lines-tail.txt"
lines "$out/points.txt" | comm -23 - "$out/lines-tail.txt" >"$out/lines-all.txt"

# Kernel addresses overflow the shell's signed arithmetic: the low 32
# bits are enough, the module being far smaller than 4 GB.
low() { printf '%d' "0x$(echo "$1" | sed 's/^0x//' | tail -c 9)"; }
b=$(low "$base")
while read -r pc; do
	o=$(( ($(low "$pc") - b) & 0xffffffff ))
	[ "$o" -ge 16777216 ] || printf '0x%x\n' "$o"
done <"$pcs" >"$out/offsets.txt"
lines "$out/offsets.txt" >"$out/lines-reached.txt"

comm -23 "$out/lines-all.txt" "$out/lines-reached.txt" >"$out/unreached-keys.txt"
src=$(cd "$(dirname "$0")/../driver" && pwd)
while IFS=: read -r f l; do
	printf 'driver/%s:%s: %s\n' "$f" "$l" "$(sed -n "${l}p" "$src/$f" | sed 's/^[ \t]*//')"
done <"$out/unreached-keys.txt" >"$out/unreached.txt"

all=$(wc -l <"$out/lines-all.txt")
got=$(comm -12 "$out/lines-all.txt" "$out/lines-reached.txt" | wc -l)
echo "kcov: $got of $all lines of driver/linux/*.c reached ($((got * 100 / all))%);" \
    "$(wc -l <"$out/unreached.txt") never: $out/unreached.txt;" \
    "$(wc -l <"$out/lines-tail.txt") not observable (tail calls): $out/lines-tail.txt" |
    tee "$out/summary.txt"
