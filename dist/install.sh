#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# install.sh install [-D DESTDIR] [-P PREFIX] -k KVER -V VERSION
#                    (-m MODULE.ko | -s) [-b] [-u GROUP]
# install.sh uninstall [-D DESTDIR]
#
# Installs tuntap as dist/dist.mk documents (`make install`) and writes
# each file and each directory it creates to a manifest,
# DESTDIR/var/lib/tuntap/manifest, which uninstall reads back: uninstall
# removes exactly those files, then those directories if they are empty
# (a directory still holding something is not ours alone), and nothing
# else.  Installing again first undoes the previous install.
#
#   -m MODULE.ko  the module, to /lib/modules/KVER/updates/tuntap.ko
#   -s            DKMS instead: the sources to /usr/src/tuntap-VERSION/
#                 and, unless staging, `dkms install` for KVER
#   -b            load at boot: /etc/modules-load.d/tuntap.conf
#   -u GROUP      udev rule: the nodes get GROUP and mode 0660
#
# Always: the ABI header to PREFIX/include/net/ and tuntap(4) to
# PREFIX/share/man/man4/.  With DESTDIR (staging for a package) nothing
# runs on this system: no depmod, dkms or udevadm; the package's own
# scripts do that once its files are in place.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
name=tuntap
die() { echo "install: $*" >&2; exit 1; }
usage() {
	sed -n '2,4s/^# //p' "$0" >&2
	exit 2
}

[ $# -ge 1 ] || usage
verb=$1
shift
destdir="" prefix=/usr/local kver="" version="" module="" dkms=0 boot=0
group=""
while getopts D:P:k:V:m:sbu: opt; do
	case $opt in
	D) destdir=$OPTARG ;;
	P) prefix=$OPTARG ;;
	k) kver=$OPTARG ;;
	V) version=$OPTARG ;;
	m) module=$OPTARG ;;
	s) dkms=1 ;;
	b) boot=1 ;;
	u) group=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage
case $destdir in
'' | /*) ;;
*) destdir=$(pwd)/$destdir ;;	# relative: would change meaning
esac
destdir=${destdir%/}
vardir=/var/lib/$name
manifest=$destdir$vardir/manifest

# ---- uninstall -------------------------------------------------------

# The manifest is read whole first: it is one of the files removed.
# dkms goes first (it removes what it installed and runs depmod), then
# files, then directories deepest first, then depmod and udev.
uninstall() {
	[ -f "$manifest" ] || {
		echo "uninstall: nothing to do (no $manifest)"
		return 0
	}
	m=$(cat "$manifest")
	echo "$m" | sed -n 's/^dkms //p' | while read -r v; do
		echo "uninstall: dkms remove $name/$v --all"
		dkms remove "$name/$v" --all ||
		    echo "uninstall: dkms remove $name/$v failed" >&2
	done
	echo "$m" | sed -n 's/^f //p' | while IFS= read -r f; do
		rm -f "$destdir$f"
	done
	echo "$m" | sed -n 's/^d //p' | sort -r | while IFS= read -r d; do
		rmdir "$destdir$d" 2>/dev/null || true
	done
	echo "$m" | sed -n 's/^depmod //p' | while read -r k; do
		[ ! -d "/lib/modules/$k" ] || depmod -a "$k"
	done
	if echo "$m" | grep -qx udev; then
		udev_reload
	fi
	echo "uninstall: removed $(echo "$m" | grep -c '^f ') files"
}

udev_reload() {
	command -v udevadm >/dev/null 2>&1 || return 0
	# no udev running (a container, a chroot): nothing to tell
	if udevadm control --reload-rules 2>/dev/null; then
		udevadm trigger --subsystem-match=$name 2>/dev/null || true
	fi
}

# ---- install ---------------------------------------------------------

# note LINE: add LINE to the manifest at once, so that an install that
# fails half way can still be undone.  Until the manifest exists (its own
# directories are being made) lines wait in $tmp/early.
note() {
	if [ -f "$manifest" ]; then
		printf '%s\n' "$1" >>"$manifest"
	else
		printf '%s\n' "$1" >>"$tmp/early"
	fi
}

# mkdirs DIR: make DIR (under DESTDIR) and each missing parent, noting
# each one made, so uninstall removes those and no directory it found.
mkdirs() {
	[ -d "$destdir$1" ] && return 0
	mkdirs "$(dirname "$1")"
	mkdir -m 755 "$destdir$1"
	note "d $1"
}

# put SRC DEST MODE: install one file.
put() {
	mkdirs "$(dirname "$2")"
	note "f $2"
	install -m "$3" "$1" "$destdir$2"
}

# putstr DEST TEXT: a file with TEXT as its contents.
putstr() {
	printf '%s\n' "$2" >"$tmp/file"
	put "$tmp/file" "$1" 644
}

# kernel_re: the kernels driver/range.mk supports as an extended regular
# expression on a release (6.1 to 7.3: "^(6\.(1|...|99)|7\.(0|...|3))\."),
# for dkms.conf's BUILD_EXCLUSIVE_KERNEL.  99 bounds a major's minors
# (none has had more than 20).
kernel_re() {
	range=$(sed -n 's/^TT_LINUX_\(OLDEST\|NEWEST\) := //p' "$top/driver/range.mk")
	set -- $(echo "$range" | tr . ' ')
	[ $# = 4 ] || die "driver/range.mk: no TT_LINUX_OLDEST and TT_LINUX_NEWEST"
	re="" maj=$1
	while [ "$maj" -le "$3" ]; do
		lo=0 hi=99
		[ "$maj" != "$1" ] || lo=$2
		[ "$maj" != "$3" ] || hi=$4
		re="$re${re:+|}$maj\\.($(seq -s '|' "$lo" "$hi"))"
		maj=$((maj + 1))
	done
	printf '%s\n' "^($re)\\."
}

# The sources dkms builds from: the module's, not the unit tests'.
put_sources() {
	src=/usr/src/$name-$version
	put "$top/dist/Makefile.dkms" "$src/Makefile" 644
	# sed's replacement takes \ and & literally only escaped
	sed -e "s/@VERSION@/$version/" \
	    -e "s/@KERNELS@/$(kernel_re | sed 's/[\\&/]/\\&/g')/" \
	    "$top/dist/dkms.conf.in" >"$tmp/dkms.conf"
	put "$tmp/dkms.conf" "$src/dkms.conf" 644
	# Without -Werror: a warning that a later kernel or compiler adds
	# must not stop dkms rebuilding the module at a kernel upgrade.
	sed 's/ *-Werror//' "$top/driver/Kbuild" >"$tmp/Kbuild"
	put "$tmp/Kbuild" "$src/Kbuild" 644
	put "$top/driver/range.mk" "$src/range.mk" 644
	(cd "$top/driver" && find core linux include -type f -name '*.[ch]' \
	    ! -path 'core/test/*' | LC_ALL=C sort) >"$tmp/sources"
	while IFS= read -r f <&3; do
		put "$top/driver/$f" "$src/$f" 644
	done 3<"$tmp/sources"
}

do_install() {
	[ -n "$version" ] || usage
	[ -n "$kver" ] || die "which kernel? say KVER=... (for the running one: KVER=$(uname -r))"
	[ -n "$module" ] || [ "$dkms" = 1 ] || usage
	if [ -n "$module" ] && [ "$dkms" = 0 ]; then
		[ -f "$module" ] || die "no $module: build it first (make module)"
		# vermagic starts with the release the module was built for.
		built=$(modinfo -F vermagic "$module" | cut -d' ' -f1)
		[ "$built" = "$kver" ] ||
		    die "$module was built for $built, not for KVER=$kver"
	fi
	if [ -z "$destdir" ] && [ ! -d "/lib/modules/$kver" ]; then
		die "no /lib/modules/$kver: is kernel $kver installed? (set KVER)"
	fi
	if [ -z "$destdir" ] && [ "$dkms" = 1 ] && ! command -v dkms >/dev/null; then
		die "no dkms (apt-get install dkms)"
	fi
	[ ! -f "$manifest" ] || uninstall

	: >"$tmp/early"
	mkdirs "$vardir"
	{ echo "# $name $version for $kver: written by make install," \
	    "read by make uninstall"; cat "$tmp/early"; } >"$manifest"
	note "f $vardir/manifest"

	put "$top/driver/include/net/tun_ioctls.h" "$prefix/include/net/tun_ioctls.h" 644
	put "$top/man/tuntap.4" "$prefix/share/man/man4/tuntap.4" 644
	if [ "$boot" = 1 ]; then
		putstr /etc/modules-load.d/$name.conf \
		    "# Load tuntap at boot (make install LOAD_AT_BOOT=1)
$name"
	fi
	if [ -n "$group" ]; then
		putstr /etc/udev/rules.d/70-$name.rules \
		    "# tuntap's nodes for group $group (make install UDEV_GROUP=$group)
SUBSYSTEM==\"$name\", KERNEL==\"tun[0-9]*|tap[0-9]*\", GROUP=\"$group\", MODE=\"0660\""
		if [ -z "$destdir" ] && ! getent group "$group" >/dev/null; then
			echo "install: warning: no group $group yet (groupadd --system $group)" >&2
		fi
	fi
	if [ "$dkms" = 1 ]; then
		put_sources
	else
		put "$module" "/lib/modules/$kver/updates/$name.ko" 644
	fi

	if [ -n "$destdir" ]; then
		echo "install: staged in $destdir (no depmod, dkms or udevadm run)"
		return 0
	fi
	if [ "$dkms" = 1 ]; then
		note "dkms $version"
		dkms install "$name/$version" -k "$kver"
	else
		note "depmod $kver"
		depmod -a "$kver"
	fi
	if [ -n "$group" ]; then
		note udev
		udev_reload
	fi
	echo "install: done; make uninstall removes it (list: $manifest)"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
case $verb in
install) do_install ;;
uninstall) uninstall ;;
*) usage ;;
esac
