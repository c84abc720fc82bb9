#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# harness/kpi/stage.sh XNU_SRC OUT ARCH...: stage Kernel.framework's
# Headers from an XNU source tree into OUT/Headers, for each ARCH (x86_64,
# arm64) into the same tree as an SDK's Kernel.framework holds them all,
# the way XNU's header pass installs them: from the top Makefile down its
# INSTINC_SUBDIRS (and INSTINC_SUBDIRS_<ARCH>), each directory's
# INSTALL_KF_MI_LIST into Headers/<EXPORT_MI_DIR> and INSTALL_KF_MD_LIST
# into Headers/<EXPORT_MD_DIR> (xnu-lists.mk evaluates the lists with
# XNU's defaults), each through unifdef with the flags XNU's makedefs give
# Kernel.framework (KINCFRAME_UNIFDEF, evaluated by make from XNU_SRC:
# -DKERNEL -UKERNEL_PRIVATE -UPRIVATE, macOS, ...), which leaves the
# public KPI only.  Generated headers (*_GEN_LIST: MIG output and the
# like) are taken when the source tree holds them, and counted as
# missing otherwise.
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

# KINCFRAME_UNIFDEF, as XNU's own makedefs define it for a macOS build
printf 'tt-kpi-unifdef:\n\t@echo $(KINCFRAME_UNIFDEF)\n' > "$out.tmp/unifdef.mk"
unifdef_flags=$(make -s --no-print-directory -f "$src/makedefs/MakeInc.cmd" \
	-f "$src/makedefs/MakeInc.def" -f "$out.tmp/unifdef.mk" SRCROOT="$src" \
	PLATFORM=MacOSX SDKROOT=/ tt-kpi-unifdef 2> /dev/null | tail -1)
case $unifdef_flags in
*-DKERNEL*-UPRIVATE*) ;;
*) echo "$0: no KINCFRAME_UNIFDEF from $src/makedefs (got: $unifdef_flags)" >&2
   exit 1 ;;
esac

# install SRC DEST: a header as XNU installs it into Kernel.framework.
# Debian's unifdef refuses a few that Apple's takes (a comment running
# on from an #endif line): those are copied as they are and listed.
install_hdr() {
	# unifdef: 0 unchanged, 1 changed, 2 trouble
	# shellcheck disable=SC2086
	unifdef $unifdef_flags "$1" > "$2" 2> /dev/null || [ $? = 1 ] || {
		cp "$1" "$2"
		echo "${1#"$src"/./}" >> "$out.tmp/not-unifdefed.txt"
		raw=$((raw + 1))
	}
}

missing=0
staged=0
raw=0
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
				install_hdr "$src/$1/$f" "$out.tmp/Headers/$dest/$f"
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
	install_hdr "$src/EXTERNAL_HEADERS/$f" "$out.tmp/Headers/$f"
	staged=$((staged + 1))
done
# TargetConditionals.h: from the SDK too; ours says "macOS" (see there)
cp "$(dirname "$lists")/TargetConditionals.h" "$out.tmp/Headers/"
rm -f "$out.tmp/lists" "$out.tmp/unifdef.mk" "$out.tmp/make.log"
rm -rf "$out"
mv "$out.tmp" "$out"
trap - EXIT
echo "staged $staged headers for $* in $out ($missing generated ones not in the source tree: missing.txt; $raw not unifdef'ed: not-unifdefed.txt)"
