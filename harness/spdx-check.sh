#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# spdx-check.sh [--fix] [--list]: every source file says its licence on
# its first line (its second after a "#!" line) as
#   SPDX-License-Identifier: <id>
# in the file's comment syntax, with the id its directory's licence
# below.  Without --fix it names each file whose line is missing or wrong
# and exits 1; --fix adds the missing lines and corrects wrong ids (then
# checks again).  --list prints each source file and its licence.
#
# The source files: those git knows (tracked, or new and not ignored)
#   *.c *.h *.sh *.mk *.awk, Makefile*, Kbuild, man pages (man/*.[1-9]),
#   and any file without an extension whose first line is "#!" (scripts
#   such as harness/vm/init, .ci/run).
# Not source: documentation (*.md), data (expect files, fuzz corpora,
# package lists, fixtures, bench baselines), property lists, dkms.conf.in.
set -eu

# The licence of each part, decided once, here: the first prefix that
# matches wins.  The Linux module as the kernel requires; the core both
# the module and the Mac kexts include; the kexts and the user ABI header
# MIT, so that anyone may build them into anything; the rest as the
# module.
SPDX_MAP='
driver/linux/	GPL-2.0-only
driver/core/	GPL-2.0-only OR MIT
driver/darwin/	MIT
driver/include/	MIT
	GPL-2.0-only
'

mode=check
case ${1:-} in
--fix) mode=fix ;;
--list) mode=list ;;
"") ;;
*) echo "usage: $0 [--fix|--list]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
trap 'exit 1' INT TERM

# One pass over the first two lines of every file git knows (tracked, or
# new and not ignored): for each source file, its licence, and whether
# its line (1, or 2 after "#!") is the one wanted.  Prints
#   list:  FILE: LICENCE
#   check: FILE:N: what is wrong
#   fix:   FILE<tab>N<tab>add|replace<tab>LINE
git ls-files -z --cached --others --exclude-standard |
	xargs -0 awk -v mode="$mode" -v map="$SPDX_MAP" '
BEGIN {
	n = split(map, m, "\n")
	for (i = 1; i <= n; i++) {
		if (m[i] == "") continue
		split(m[i], kv, "\t"); np++; pre[np] = kv[1]; lic[np] = kv[2]
	}
}
function licence(f,    i) {
	for (i = 1; i <= np; i++)
		if (substr(f, 1, length(pre[i])) == pre[i]) return lic[i]
}
# the line a file must carry, in its comment syntax; "" if not source
function wanted(f, shebang,    b, id) {
	id = "SPDX-License-Identifier: " licence(f)
	b = f; sub(/.*\//, "", b)
	if (b ~ /\.c$/) return "// " id
	if (b ~ /\.h$/) return "/* " id " */"
	if (b ~ /\.(sh|mk|awk)$/ || b ~ /^Makefile/ || b == "Kbuild") return "# " id
	if (f ~ /^man\/.*\.[1-9]$/) return ".\\\" " id
	if (b !~ /\./ && shebang) return "# " id
	return ""
}
function judge(f, l1, l2,    sb, w, n, got) {
	sb = substr(l1, 1, 2) == "#!"
	w = wanted(f, sb)
	if (w == "") return
	if (mode == "list") { print f ": " licence(f); return }
	n = sb ? 2 : 1; got = sb ? l2 : l1
	if (got == w) return
	if (mode == "fix")
		printf "%s\t%d\t%s\t%s\n", f, n, got ~ /SPDX-License-Identifier:/ ? "replace" : "add", w
	else if (got ~ /SPDX-License-Identifier:/)
		printf "%s:%d: \"%s\", expected \"%s\"\n", f, n, got, w
	else
		printf "%s:%d: no SPDX line, expected \"%s\"\n", f, n, w
}
FNR == 1 { if (cur != "") judge(cur, a, b); cur = FILENAME; a = $0; b = "" }
FNR == 2 { b = $0 }
END { if (cur != "") judge(cur, a, b) }' >"$out"

case $mode in
list) cat "$out"; exit 0 ;;
check)
	if [ -s "$out" ]; then
		cat "$out"
		echo "spdx-check: the files above lack their licence line;" \
			"harness/spdx-check.sh --fix adds it (LICENSE says which part is under which licence)" >&2
		exit 1
	fi
	echo "spdx-check: every source file has its SPDX line"
	exit 0
	;;
esac
tab=$(printf '\t')
while IFS=$tab read -r f n how line; do
	tmp=$f.spdx.$$
	if [ "$how" = replace ]; then
		l="$line" awk -v n="$n" 'NR == n { print ENVIRON["l"]; next } { print }' "$f" >"$tmp"
	else
		l="$line" awk -v n="$n" 'NR == n { print ENVIRON["l"] } { print }
			END { if (NR < n) print ENVIRON["l"] }' "$f" >"$tmp"
	fi
	# keep the mode (scripts stay executable)
	chmod "$(stat -c %a "$f")" "$tmp"
	mv "$tmp" "$f"
	echo "spdx-check: $f: $line"
done <"$out"
rm -f "$out"
exec "$0"
