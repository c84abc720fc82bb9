#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# harness/kpi/symcheck.sh XNU_SRC ARCH PLIST OBJ...: the symbols a kext's
# objects (OBJ: Mach-O, one architecture) take from the kernel, each
# checked against XNU's KPI export lists (XNU_SRC/config) for ARCH
# (x86_64 or arm64).  A library's symbols are what XNU's config/Makefile
# builds its symbol set from: <Lib>.exports, <Lib>.<arch>.exports and
# <Lib>.<arch>.MacOSX.exports; its bundle id is the one of
# config/System.kext/PlugIns/<Lib>.kext.  A symbol fails, with its name,
# when no library exports it, when only a private one does
# (com.apple.kpi.private or com.apple.kpi.unsupported), or when the
# libraries that do are not among those the kext's Info.plist (PLIST)
# declares in OSBundleLibraries; and the Info.plist fails when it declares
# a private library at all.  Exit 1 on any failure.
set -eu

[ $# -ge 4 ] || { echo "usage: $0 XNU_SRC x86_64|arm64 PLIST OBJ..." >&2; exit 2; }
src=$1 arch=$2 plist=$3
shift 3
NM=${NM:-llvm-nm}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# What the objects need and do not define among themselves.
"$NM" -u "$@" | awk 'NF == 1 && /^_/' | sort -u > "$tmp/undef"
"$NM" -g --defined-only "$@" | awk 'NF == 3 { print $3 }' | sort -u > "$tmp/def"
comm -23 "$tmp/undef" "$tmp/def" > "$tmp/imports"

# "bundle-id symbol" for every symbol of every library
for kext in "$src"/config/System.kext/PlugIns/*.kext; do
	lib=$(basename "$kext" .kext)
	id=$(sed -n '/<key>CFBundleIdentifier<\/key>/{n;s/.*<string>\(.*\)<\/string>.*/\1/p;}' \
		"$kext/Info.plist")
	for f in "$lib.exports" "$lib.$arch.exports" "$lib.$arch.MacOSX.exports"; do
		[ -f "$src/config/$f" ] || continue
		# "_name" or "_name:_implementation"; "#" starts a comment
		sed -e 's/#.*//' -e 's/:.*//' "$src/config/$f" |
			awk -v id="$id" 'NF == 1 { print id, $1 }'
	done
done | sort -u > "$tmp/exports"

# the libraries the Info.plist declares
sed -n '/<key>OSBundleLibraries<\/key>/,/<\/dict>/s/.*<key>\(.*\)<\/key>.*/\1/p' "$plist" |
	grep -v '^OSBundleLibraries$' > "$tmp/declared" || true

awk -v arch="$arch" -v plist="$plist" '
	FILENAME == ARGV[1] { declared[$1] = 1; next }
	FILENAME == ARGV[2] { libs[$2] = libs[$2] " " $1; next }
	{
		sym = $1; n++
		split(libs[sym], ids, " ")
		ok = 0; public = ""; private = ""
		for (i in ids) {
			id = ids[i]
			if (id == "com.apple.kpi.private" || id == "com.apple.kpi.unsupported")
				private = private " " id
			else if (id in declared)
				ok = 1
			else
				public = public " " id
		}
		if (ok) next
		bad++
		if (public != "")
			printf "FAIL %s (%s): %s is exported by%s, which %s does not declare\n", \
				sym, arch, sym, public, plist
		else if (private != "")
			printf "FAIL %s (%s): %s is private KPI, exported only by%s\n", \
				sym, arch, sym, private
		else
			printf "FAIL %s (%s): %s is exported by no KPI library\n", sym, arch, sym
	}
	END {
		# declaring one is asking for its symbols: private all the same
		for (id in declared)
			if (id == "com.apple.kpi.private" || id == "com.apple.kpi.unsupported") {
				bad++
				printf "FAIL %s (%s): %s declares %s, a private KPI library\n", \
					id, arch, plist, id
			}
		printf "%s (%s): %d kernel symbols, %d failures\n", \
			plist, arch, n, bad
		exit bad > 0
	}' "$tmp/declared" "$tmp/exports" "$tmp/imports"
