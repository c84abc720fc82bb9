#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# harness/kpi/check-kpi.sh OUT [XNU_SRC]: the Mac kexts against Apple's
# own KPI (make check-kpi).  Every kext source is compiled to a Mach-O
# object for x86_64 (macOS 10.13) and arm64e (macOS 11) by Debian's clang,
# with driver/darwin/Makefile's own flags and rules (`make objects`),
# against Kernel.framework headers staged from XNU_SRC (stage.sh); then
# the symbols each kext takes from the kernel are checked against XNU's
# export lists for the libraries its Info.plist declares (symcheck.sh),
# together with libkmod's glue (XNU_SRC/libkern/kmod), which the Mac's
# link adds.  Without XNU_SRC it says SKIP and why.  Nothing of XNU is
# copied into the repository: the staged tree lives in OUT.
set -eu

out=$1
xnu=${2:-}
if [ -z "$xnu" ]; then
	echo "SKIP check-kpi: XNU_SRC is not set (an XNU source tree, e.g. make check-kpi XNU_SRC=../shared/xnu)"
	exit 0
fi
if [ ! -f "$xnu/config/BSDKernel.exports" ] || [ ! -f "$xnu/makedefs/MakeInc.def" ]; then
	echo "check-kpi: $xnu is not an XNU source tree (no config/BSDKernel.exports, makedefs/MakeInc.def)" >&2
	exit 1
fi
# The makes below are XNU's and driver/darwin's own: none of the calling
# make's command-line variables (TARGET, CFLAGS, ...) may reach them.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top"
mkdir -p "$out"
out=$(cd "$out" && pwd)
xnu=$(cd "$xnu" && pwd)
CC=${KPI_CC:-clang}
NM=${NM:-llvm-nm}
export NM

# Staged once per XNU tree and stager (a make per XNU directory: slow).
stamp="$xnu $(cat "$here/stage.sh" "$here/xnu-lists.mk" "$here/TargetConditionals.h" | cksum)"
if [ "$(cat "$out/kf.stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "check-kpi: staging Kernel.framework's headers from $xnu"
	"$here/stage.sh" "$xnu" "$out/Kernel.framework" x86_64 arm64
	echo "$stamp" > "$out/kf.stamp"
fi
hdrs=$out/Kernel.framework/Headers

echo "check-kpi: compiling driver/darwin for x86_64-apple-macos10.13 and arm64e-apple-macos11 with $($CC --version | head -1)"
make -s --no-print-directory -C driver/darwin -j2 objects \
	KEXT_CC="$CC" KERNEL_HEADERS="$hdrs" OUT="$out/darwin" ARCHS="x86_64 arm64e"

fail=0
for arch in x86_64 arm64e; do
	min=$(make -s --no-print-directory -C driver/darwin \
		-f Makefile -f - print-min ARCH=$arch <<'MK'
print-min:
	@echo $(MIN_MACOS_$(ARCH))
MK
)
	kmod=$out/kmod/$arch
	mkdir -p "$kmod"
	for f in c_start c_stop; do
		"$CC" -target "$arch-apple-macos$min" -mkernel -nostdinc -isystem "$hdrs" \
			-DKERNEL -O2 -c -o "$kmod/$f.o" "$xnu/libkern/kmod/$f.c"
	done
	for kext in tun tap; do
		# XNU's export lists name arm64e's symbols arm64
		"$here/symcheck.sh" "$xnu" "${arch%e}" "driver/darwin/mac/$kext/Info.plist" \
			"$out/darwin/obj/$arch/$kext"/*.o "$kmod"/*.o || fail=1
	done
done
[ $fail = 0 ] || { echo "check-kpi: FAILED (above: each symbol and why)"; exit 1; }

# The check must be able to fail: tun.kext with planted.c's three calls.
"$CC" -target x86_64-apple-macos10.13 -mkernel -nostdinc -isystem "$hdrs" \
	-DKERNEL -O2 -c -o "$out/planted.o" "$here/planted.c"
if "$here/symcheck.sh" "$xnu" x86_64 driver/darwin/mac/tun/Info.plist \
	"$out/darwin/obj/x86_64/tun"/*.o "$out/kmod/x86_64"/*.o "$out/planted.o" \
	> "$out/planted.txt"; then
	echo "check-kpi: FAILED: symcheck.sh passed tun.kext with planted.c" >&2
	exit 1
fi
for want in "_ifnet_allocate_extended is private KPI" \
	"_IOLog is exported by com.apple.kpi.iokit, which" \
	"_tt_kpi_planted_nowhere is exported by no KPI library"; do
	grep -q "$want" "$out/planted.txt" || {
		cat "$out/planted.txt"
		echo "check-kpi: FAILED: the self-test did not report: $want" >&2
		exit 1
	}
done
echo "check-kpi: self-test: a private KPI, an undeclared library's and an unknown symbol planted in tun.kext each fail"
echo "check-kpi: passed"
