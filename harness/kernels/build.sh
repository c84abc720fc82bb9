#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# build.sh DIR OUT: tuntap.ko for the kernel fetch.sh put in DIR, built
# with the compiler that kernel was built with, into OUT/tuntap.ko.
# The sources are the tree's driver/, copied (harness/kbuild-tree.sh):
# kbuild writes next to them.  For a kernel of the
# host's compiler the build runs here against DIR's headers; else in
# DIR/chroot (fetch.sh made it), with /proc mounted in a mount namespace
# of its own (objtool reads it; nothing is left mounted).
# The build's output only if it fails.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
die() { echo "kernels: $*" >&2; exit 1; }
[ $# = 2 ] || die "usage: $0 DIR OUT"
dir=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)
[ -f "$dir/.done" ] || die "$dir: not a kernel fetch.sh made"
release=$(cat "$dir/release")

log=$out/build.log
src=$out/kbuild
rm -rf "$src" "$out/tuntap.ko"
"$top/harness/kbuild-tree.sh" "$src"
echo "kernels: building tuntap.ko for $release ($(cat "$dir/compiler"))" >&2
case $(cat "$dir/compiler") in
"host gcc-12")
	hdr=$dir/root/usr/src/linux-headers-$release
	ok=0
	make -C "$hdr" M="$src" modules >"$log" 2>&1 && ok=1
	;;
chroot)
	ch=$dir/chroot
	rm -rf "$ch/tt-build"
	cp -r "$src" "$ch/tt-build"
	ok=0
	unshare --mount --propagation private sh -c '
	    mount -t proc proc "$1/proc" &&
	    chroot "$1" make -C "/usr/src/linux-headers-$2" M=/tt-build modules' \
	    sh "$ch" "$release" >"$log" 2>&1 && ok=1
	[ "$ok" = 0 ] || cp "$ch/tt-build/tuntap.ko" "$src/tuntap.ko"
	rm -rf "$ch/tt-build"
	;;
*) die "$dir/compiler: unknown" ;;
esac
if [ "$ok" = 0 ] || [ ! -f "$src/tuntap.ko" ]; then
	sed 's/^/  | /' "$log" >&2
	die "tuntap.ko does not build for $release"
fi
built=$(modinfo -F vermagic "$src/tuntap.ko" | cut -d' ' -f1)
[ "$built" = "$release" ] || die "tuntap.ko is for $built, not $release"
cp "$src/tuntap.ko" "$out/tuntap.ko"
