#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# harness/kpi/stage.sh XNU_SRC OUT ARCH...: stage Kernel.framework's
# Headers from an XNU source tree into OUT/Headers, for each ARCH (x86_64,
# arm64) into the same tree as an SDK's Kernel.framework holds them all,
# the way XNU's header pass installs them: from the top Makefile down its
# INSTINC_SUBDIRS (and INSTINC_SUBDIRS_<ARCH>), each directory's
# INSTALL_KF_MI_LIST into Headers/<EXPORT_MI_DIR> and INSTALL_KF_MD_LIST
# into Headers/<EXPORT_MD_DIR> (xnu-lists.mk evaluates the lists with
# XNU's defaults).  XNU unifdefs each file with -DKERNEL -UKERNEL_PRIVATE
# -UPRIVATE; the headers are copied as they are and the compiler is given
# the same definitions (check-kpi's flags), which selects the same text.
# Generated headers (*_GEN_LIST: MIG output and the like) are taken when
# the source tree holds them, and counted as missing otherwise.
set -eu

[ $# -ge 3 ] || { echo "usage: $0 XNU_SRC OUT x86_64|arm64..." >&2; exit 2; }
src=$(cd "$1" && pwd)
out=$2
shift 2
lists=$(cd "$(dirname "$0")" && pwd)/xnu-lists.mk

rm -rf "$out.tmp" && mkdir -p "$out.tmp"
trap 'rm -rf "$out.tmp"' EXIT

# dir_lists DIR: the lists of SRC/DIR's Makefile
dir_lists() {
	make -s --no-print-directory -C "$src/$1" -f Makefile \
		MakeInc_cmd=/dev/null MakeInc_def="$lists" MakeInc_rule=/dev/null \
		MakeInc_dir=/dev/null MakeInc_kernel=/dev/null MakeInc_top=/dev/null \
		CURRENT_BUILD_CONFIG=RELEASE \
		SRCROOT="$src" SOURCE="$src/$1/" TT_ARCH=$arch tt-kpi-lists \
		2> "$out.tmp/make.log" || { cat "$out.tmp/make.log" >&2; return 1; }
}

missing=0
staged=0
# stage DIR: install DIR's headers, then recurse
stage() {
	dir_lists "$1" > "$out.tmp/lists" || {
		echo "$0: cannot read the lists of $1/Makefile" >&2; exit 1; }
	while read -r kind dest files; do
		case $kind in
		sub) subs=$files; continue ;;
		esac
		[ -n "$files" ] || continue
		mkdir -p "$out.tmp/Headers/$dest"
		for f in $files; do
			if [ -f "$src/$1/$f" ]; then
				cp "$src/$1/$f" "$out.tmp/Headers/$dest/$f"
				staged=$((staged + 1))
			else
				missing=$((missing + 1))
				echo "$1/$f" >> "$out.tmp/missing.txt"
			fi
		done
	done < "$out.tmp/lists"
	# the same subdirectory can be named twice (common and per arch)
	for s in $(printf '%s\n' $subs | sort -u); do
		[ -f "$src/$1/$s/Makefile" ] && stage "$1/$s"
	done
	return 0
}
for a in "$@"; do
	case $a in
	x86_64) arch=X86_64 ;;
	arm64) arch=ARM64 ;;
	*) echo "$0: unknown architecture $a" >&2; exit 2 ;;
	esac
	subs=
	stage .
done
# Availability*.h: in an SDK's Kernel.framework they come from Apple's
# AvailabilityVersions project, not from XNU's header pass; XNU's tree
# carries the copies its own build exports (EXTERNAL_HEADERS' EXPORT_FILES).
for f in Availability.h AvailabilityInternal.h AvailabilityMacros.h; do
	cp "$src/EXTERNAL_HEADERS/$f" "$out.tmp/Headers/$f"
	staged=$((staged + 1))
done
# TargetConditionals.h: from the SDK too; ours says "macOS" (see there)
cp "$(dirname "$lists")/TargetConditionals.h" "$out.tmp/Headers/"
rm -f "$out.tmp/lists"
rm -rf "$out"
mv "$out.tmp" "$out"
trap - EXIT
echo "staged $staged headers for $* in $out ($missing generated ones not in the source tree, listed in $out/missing.txt)"
