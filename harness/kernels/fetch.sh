#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# fetch.sh LABEL: one kernel of harness/kernels/list, from Debian's
# archive into the cache, ready for the test VM and for building the
# module; prints the path of its directory, KERNEL_CACHE/RELEASE/:
#   release     the kernel release (6.12.95+deb12-cloud-amd64)
#   root/       the packages unpacked (dpkg -x): boot/ or usr/lib/modules/
#               holds vmlinuz, lib/modules/RELEASE the modules (depmod
#               run, uncompressed), usr/src/linux-headers-RELEASE the
#               headers, their Makefile pointed at this root
#   vmlinuz     a link to the kernel in root/
#   chroot/     for a kernel the host's compiler cannot build for: a
#               root of the kernel's own Debian release (mmdebstrap) with
#               its compiler and the headers installed by its own apt
#   compiler    how build.sh builds for it: "host gcc-12" or "chroot"
#
# The packages come through a private apt under KERNEL_CACHE/apt/SUITE
# (harness/apt-private.sh: signatures checked, the host's apt state
# untouched), and nothing of the host's /boot or /lib/modules changes.
#
# KERNEL_CACHE (default /var/cache/tuntap/kernels).  One line per step;
# a step's whole output only when it fails.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${KERNEL_CACHE:-/var/cache/tuntap/kernels}
die() { echo "kernels: $*" >&2; exit 1; }
[ $# = 1 ] || die "usage: $0 LABEL (a label of $here/list)"
label=$1
line=$("$here/kernels.sh" line "$label") || exit 1
# shellcheck disable=SC2086 # the line's fields, split on purpose
set -- $line
suite=$2 version=$3

mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
log=$cache/.log.$$
trap 'rm -f "$log"' EXIT
trap 'exit 1' INT TERM
say() { echo "kernels: $label: $*" >&2; }
# step WHAT CMD...: say WHAT, run CMD with its output in the log, shown
# only if it fails.
step() {
	what=$1
	shift
	say "$what"
	if ! "$@" >"$log" 2>&1; then
		sed 's/^/  | /' "$log" >&2
		die "$label: failed: $what"
	fi
}

# ---- the archive, through a private apt ---------------------------------

# The mirror the host's apt uses for a suite (harness/apt-mirror.sh).
mirror_of() { "$here/../apt-mirror.sh" "$1"; }
mirror=$(mirror_of "$suite")
# shellcheck source=harness/apt-private.sh
. "$here/../apt-private.sh"
apt_private "$cache/apt/$suite" "$mirror" "$suite"
# The index is read again only when a day old or when the version is
# not in it (the archive moved on).  A stale index still serves a kernel
# already in the cache when the archive cannot be reached.
fresh=$(find "$apt_dir/state/lists" -name '*Release' -mtime -1 2>/dev/null | head -n 1)
if [ -z "$fresh" ]; then
	if [ -n "$(find "$apt_dir/state/lists" -name '*Packages*' 2>/dev/null | head -n 1)" ]; then
		say "apt-get update ($suite, signatures checked)"
		papt apt-get update >"$log" 2>&1 ||
		    say "apt-get update failed: using the index of $(date -r "$apt_dir/state/lists" +%F)"
	else
		step "apt-get update ($suite, signatures checked)" papt apt-get update
	fi
fi

# The newest cloud kernel of the suite of LABEL's major.minor: the
# highest LABEL.* version among its linux-headers-V-cloud-amd64.
if [ "$version" = newest ]; then
	version=$(papt apt-cache pkgnames linux-headers-"$label". |
	    sed -n 's/^linux-headers-\([0-9].*\)-cloud-amd64$/\1/p' | sort -V | tail -n 1)
	[ -n "$version" ] || die "$suite has no linux-headers-$label.*-cloud-amd64"
fi
case $version in
"$label".*) ;;
*) die "$suite's kernel is $version, not $label.x: change harness/kernels/list" ;;
esac
release=$version-cloud-amd64
dir=$cache/$release
if [ -f "$dir/.done" ]; then
	echo "$dir"
	exit 0
fi

# ---- download and unpack -------------------------------------------------

# The packages: the headers and those of their dependencies that are the
# kernel's own (common headers, kbuild), and the kernel and its modules: in
# linux-image-RELEASE-unsigned up to 6.x, in linux-binary-RELEASE and
# linux-modules-RELEASE from 7.x (linux-image-RELEASE is then a
# metapackage of those).
headers=linux-headers-$release
papt apt-cache show "$headers" >/dev/null 2>&1 ||
    step "apt-get update ($suite: no $headers in the index)" papt apt-get update
deps=$(papt apt-cache show --no-all-versions "$headers" |
    sed -n 's/^Depends: //p' | tr ',' '\n' | sed 's/ *(.*//; s/ //g' |
    grep -E '^linux-(headers|kbuild)-' | tr '\n' ' ' || true)
pkgs="$headers $deps"
if papt apt-cache show "linux-binary-$release" >/dev/null 2>&1; then
	pkgs="$pkgs linux-binary-$release linux-modules-$release"
else
	pkgs="$pkgs linux-image-$release-unsigned"
fi
rm -rf "$dir"
mkdir -p "$dir/debs" "$dir/root"
echo "$release" >"$dir/release"
say "downloading $release from $suite: $pkgs"
# apt-get download checks each file against the signed index.
# shellcheck disable=SC2086 # one package a word
(cd "$dir/debs" && papt apt-get download $pkgs) >"$log" 2>&1 || {
	sed 's/^/  | /' "$log" >&2
	die "$label: apt-get download failed"
}
grep '^Get:' "$log" | sed 's/^/  /' >&2 || true
for deb in "$dir"/debs/*.deb; do
	step "unpacking $(basename "$deb")" dpkg-deb -x "$deb" "$dir/root"
done

root=$dir/root
# Merged /usr (trixie): the modules are in usr/lib/modules.
[ -e "$root/lib" ] || ln -s usr/lib "$root/lib"
moddir=$root/lib/modules/$release
[ -d "$moddir" ] || die "no modules in the packages of $release"
for k in "$root/boot/vmlinuz-$release" "$moddir/vmlinuz"; do
	[ -f "$k" ] && ln -sf "$k" "$dir/vmlinuz" && break
done
[ -e "$dir/vmlinuz" ] || die "no vmlinuz in the packages of $release"
# The test VM's initramfs copies plain .ko files.
n=$(find "$moddir" -name '*.ko.xz' | wc -l)
if [ "$n" != 0 ]; then
	step "uncompressing $n modules" find "$moddir" -name '*.ko.xz' -exec xz -d {} +
fi
step "depmod $release (in the cache)" depmod -b "$root" "$release"
# The headers' Makefile includes the common tree by its installed
# path: point it into this root.
hdr=$root/usr/src/linux-headers-$release
sed -i "s|^include /usr/src/|include $root/usr/src/|" "$hdr/Makefile"

# ---- the compiler --------------------------------------------------------

# The compiler the kernel was built with, from its config: the host's
# gcc-12 if it is that one, else a root of the kernel's own release.
cc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' "$hdr/.config")
say "built with: $cc"
case $cc in
*"gcc-12 (Debian 12."*)
	command -v gcc-12 >/dev/null || die "$release wants gcc-12 (apt-get install gcc-12)"
	echo "host gcc-12" >"$dir/compiler"
	;;
*"gcc-14 (Debian 14."*)
	# The suite's release: trixie for trixie and trixie-backports.
	rel=${suite%%-*}
	ch=$dir/chroot
	rm -rf "$ch"
	step "mmdebstrap: a $rel root with gcc-14 and $headers (some minutes)" \
	    mmdebstrap --variant=minbase --keyring="$apt_keyring" \
	    --include="gcc-14,make,libc6-dev,dkms,kmod,$headers" \
	    "$rel" "$ch" "deb $(mirror_of "$rel") $rel main" "deb $mirror $suite main"
	echo "chroot" >"$dir/compiler"
	;;
*)
	die "$release was built with $cc: build.sh knows gcc-12 (host) and gcc-14 (trixie root)"
	;;
esac
touch "$dir/.done"
say "ready in $dir ($(du -sm "$dir" | cut -f1) MB)"
echo "$dir"
