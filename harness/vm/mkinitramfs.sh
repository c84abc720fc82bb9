#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# mkinitramfs.sh -k KVER -o OUT.cpio.gz [-b BINARY]... [-m MODULE.ko]...
#                [-f SRC=DEST]... [-r ROOT]
#
# Builds the test VM's whole root file system as a gzip newc initramfs:
# busybox, harness/vm/init as /init, Linux's tun.ko and veth.ko (and
# their deps) for /init to load, from /lib/modules/KVER or, with -r, from
# ROOT/lib/modules/KVER (a kernel of harness/kernels, the debug kernel), -m modules in
# /tt/ for the guest script to load itself, -b binaries (64 or 32-bit)
# in /tt/bin/ with their shared libraries, -f files anywhere,
# and iproute2's ip as /tt/bin/ip when the host has it.  Needs no root:
# cpio records every file as owned by root.
set -eu

here=$(dirname "$0")
usage() {
	echo "usage: $0 -k KVER -o OUT.cpio.gz [-b BINARY]... [-m MODULE.ko]..." \
	    "[-f SRC=DEST]... [-r ROOT]" >&2
	exit 2
}
die() { echo "mkinitramfs: $*" >&2; exit 1; }

tmp=$(mktemp -d)
out=""
# EXIT alone does not fire on a signal in every sh: turn them into exit.
trap 'rm -rf "$tmp"; [ -z "$out" ] || rm -f "$out.part"' EXIT
trap 'exit 1' INT TERM
root=$tmp/root

# Options are queued as lines (paths with newlines are not supported)
# and applied once the image skeleton exists.
kver="" kroot=""
: >"$tmp/bins"
: >"$tmp/mods"
: >"$tmp/files"
while getopts k:o:b:m:f:r: opt; do
	case $opt in
	k) kver=$OPTARG ;;
	o) out=$OPTARG ;;
	b) printf '%s\n' "$OPTARG" >>"$tmp/bins" ;;
	m) printf '%s\n' "$OPTARG" >>"$tmp/mods" ;;
	f) printf '%s\n' "$OPTARG" >>"$tmp/files" ;;
	r) kroot=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 0 ] || [ -z "$kver" ] || [ -z "$out" ]; then usage; fi
moddir=$kroot/lib/modules/$kver
[ -d "$moddir" ] || die "no $moddir: is kernel $kver installed?"

# Every applet lives in /bin; /sbin and /usr/{bin,sbin} point there so
# scripts with hard-coded paths (#!/usr/bin/env, /sbin/ip) still work.
mkdir -p "$root/bin" "$root/usr/lib" "$root/lib/modules" "$root/tt/bin" \
    "$root/proc" "$root/sys" "$root/dev" "$root/tmp" "$root/results" \
    "$root/etc" "$root/root"
ln -s bin "$root/sbin"
ln -s ../bin "$root/usr/bin"
ln -s ../bin "$root/usr/sbin"
bb=/usr/bin/busybox
[ -x "$bb" ] || bb=/bin/busybox
[ -x "$bb" ] || die "no busybox (apt-get install busybox-static)"
# A dynamic busybox would need its libraries too; the static one does not.
if ldd "$bb" 2>/dev/null | grep -q '=>'; then
	die "$bb is dynamically linked; install busybox-static"
fi
cp "$bb" "$root/bin/busybox"
for a in $("$bb" --list); do
	[ "$a" = busybox ] || ln -s busybox "$root/bin/$a"
done
cp "$here/init" "$root/init"
chmod 755 "$root/init"

# copy_lib PATH: put PATH at the same absolute path in the image (the
# loader named in each binary, /lib64/ld-linux-x86-64.so.2, is absolute;
# libraries are found by the loader's default directories).  -L since
# the host path may be a symlink and the image wants the real file.
copy_lib() {
	[ -e "$root$1" ] && return 0
	mkdir -p "$root$(dirname "$1")"
	cp -L "$1" "$root$1"
}

# add_bin FILE: FILE to /tt/bin and every library ldd says it needs.
add_bin() {
	[ -f "$1" ] || die "no such binary: $1"
	cp -L "$1" "$root/tt/bin/$(basename "$1")"
	chmod 755 "$root/tt/bin/$(basename "$1")"
	# ldd knows only the host's own word size: a 32-bit binary's loader
	# and libraries (a 32-bit libc, Debian's in /lib32) are read off
	# its ELF headers.
	if [ "$(od -An -tx1 -j4 -N1 "$1" | tr -d ' ')" = 01 ]; then
		interp=$(readelf -l "$1" | sed -n 's/.*interpreter: \(.*\)]$/\1/p')
		[ -z "$interp" ] || copy_lib "$interp"
		for l in $(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
			[ -e "/lib32/$l" ] || die "$1 needs /lib32/$l (apt-get install gcc-multilib)"
			copy_lib "/lib32/$l"
		done
		return 0
	fi
	# ldd fails on a static binary: nothing to copy then.
	ldd "$1" >"$tmp/ldd" 2>/dev/null || return 0
	if grep -q 'not found' "$tmp/ldd"; then
		die "$1: missing libraries: $(grep 'not found' "$tmp/ldd" | tr -d '\t')"
	fi
	# "name => /path (addr)", or "/path (addr)" for the loader;
	# linux-vdso has no path (the kernel provides it).
	awk '$2 == "=>" { print $3; next } $1 ~ /^\// { print $1 }' "$tmp/ldd" |
	    while IFS= read -r lib; do copy_lib "$lib"; done
}

# add_mod NAME: kernel module NAME into /lib/modules, its deps first, and
# its file name appended to /lib/modules/order, the order /init loads
# them in.  Positional parameters are the only per-call variables in sh,
# so the name stays in $1 across the recursion.
add_mod() {
	grep -Fqx "$1" "$tmp/modnames" 2>/dev/null && return 0
	echo "$1" >>"$tmp/modnames"
	for d in $(modinfo -b "${kroot:-/}" -k "$kver" -F depends "$1" | tr , ' '); do
		add_mod "$d"
	done
	# Safe to use a global: the recursion is over by now.
	file=$(modinfo -b "${kroot:-/}" -k "$kver" -n "$1") || die "no module $1 for kernel $kver"
	case $file in
	*.ko) ;;
	*) die "module $1 is $file; only uncompressed .ko is supported" ;;
	esac
	cp "$file" "$root/lib/modules/"
	basename "$file" >>"$root/lib/modules/order"
}

: >"$root/lib/modules/order"
add_mod tun
add_mod veth

# The lists are read on fd 3 so that nothing in the loops eats them.
while IFS= read -r m <&3; do
	[ -f "$m" ] || die "no such module: $m"
	cp "$m" "$root/tt/"
	# Whatever an out-of-tree module needs from the kernel tree is
	# loaded at boot, so the guest can insmod it directly.
	for d in $(modinfo -F depends "$m" | tr , ' '); do
		add_mod "$d"
	done
done 3<"$tmp/mods"

# Full iproute2, since busybox ip lacks most of what tests want to see.
for ip in /usr/bin/ip /sbin/ip /usr/sbin/ip /bin/ip; do
	if [ -x "$ip" ]; then
		add_bin "$ip"
		break
	fi
done
while IFS= read -r b <&3; do
	add_bin "$b"
done 3<"$tmp/bins"

while IFS= read -r spec <&3; do
	src=${spec%=*}
	dest=${spec##*=}
	case $spec in *=/*) ;; *) die "-f $spec: want SRC=/ABSOLUTE/DEST" ;; esac
	[ -f "$src" ] || die "-f $spec: no such file: $src"
	mkdir -p "$root$(dirname "$dest")"
	cp -L "$src" "$root$dest"
	# Explicit modes: the image must not depend on the builder's umask.
	if [ -x "$src" ]; then chmod 755 "$root$dest"; else chmod 644 "$root$dest"; fi
done 3<"$tmp/files"

# Sorted names and -n (no time stamp) make the image reproducible.
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
    gzip -n >"$out.part"
mv "$out.part" "$out"
