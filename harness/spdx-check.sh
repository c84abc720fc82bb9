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

# The licence of each part, decided once, here; the longest prefix wins.
# The Linux module as the kernel requires; the core both the module and
# the Mac kexts include; the kexts and the user ABI header MIT, so that
# anyone may build them into anything; the rest as the module.
spdx_licence() {
	case $1 in
	driver/linux/*) echo GPL-2.0-only ;;
	driver/core/*) echo "GPL-2.0-only OR MIT" ;;
	driver/darwin/*) echo MIT ;;
	driver/include/*) echo MIT ;;
	*) echo GPL-2.0-only ;;
	esac
}

# The line for a file, in its comment syntax; nothing: not a source file.
spdx_line() {
	id=$(spdx_licence "$1")
	case $1 in
	*.c) echo "// SPDX-License-Identifier: $id" ;;
	*.h) echo "/* SPDX-License-Identifier: $id */" ;;
	*.sh | *.mk | *.awk | Makefile | */Makefile | Makefile.* | */Makefile.* | \
	    Kbuild | */Kbuild) echo "# SPDX-License-Identifier: $id" ;;
	man/*.[1-9]) echo ".\\\" SPDX-License-Identifier: $id" ;;
	*)
		# a script without an extension (the directory may have one)
		case ${1##*/} in
		*.*) ;;
		*) [ "$(head -c 2 "$1")" != "#!" ] ||
			echo "# SPDX-License-Identifier: $id" ;;
		esac
		;;
	esac
}

fix=0
list=0
case ${1:-} in
--fix) fix=1 ;;
--list) list=1 ;;
"") ;;
*) echo "usage: $0 [--fix|--list]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."

files=$(git ls-files --cached --others --exclude-standard)
bad=0
for f in $files; do
	[ -f "$f" ] || continue
	want=$(spdx_line "$f")
	[ -n "$want" ] || continue
	if [ "$list" = 1 ]; then
		echo "$f: $(spdx_licence "$f")"
		continue
	fi
	# the line that must carry it: 1, or 2 after "#!"
	n=1
	[ "$(head -c 2 "$f")" != "#!" ] || n=2
	got=$(sed -n "${n}p" "$f")
	[ "$got" != "$want" ] || continue
	if [ "$fix" = 0 ]; then
		case $got in
		*SPDX-License-Identifier:*) echo "$f:$n: \"$got\", expected \"$want\"" ;;
		*) echo "$f:$n: no SPDX line, expected \"$want\"" ;;
		esac
		bad=1
		continue
	fi
	tmp=$f.spdx.$$
	case $got in
	*SPDX-License-Identifier:*)
		l="$want" awk -v n="$n" 'NR == n { print ENVIRON["l"]; next } { print }' "$f" >"$tmp" ;;
	*)
		l="$want" awk -v n="$n" 'NR == n { print ENVIRON["l"] } { print }
			END { if (NR < n) print ENVIRON["l"] }' "$f" >"$tmp" ;;
	esac
	# keep the mode (scripts stay executable)
	chmod "$(stat -c %a "$f")" "$tmp"
	mv "$tmp" "$f"
	echo "spdx-check: $f: $want"
done
if [ "$fix" = 1 ]; then
	exec "$0"
fi
if [ "$bad" = 1 ]; then
	echo "spdx-check: the files above lack their licence line;" \
		"harness/spdx-check.sh --fix adds it (LICENSE says which part is under which licence)" >&2
	exit 1
fi
[ "$list" = 1 ] || echo "spdx-check: every source file has its SPDX line"
