#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# check.sh -b BUILD -k KVER -V VERSION: `make check-dist`, in four steps.
#   man      both pages lint clean (mandoc, groff) and render with man -l;
#            tuntap(4)'s C example is cut out of the page and compiled.
#   install  make install into a staging DESTDIR holding decoy files: it
#            writes exactly the files its manifest lists; installing again
#            (DKMS=1) undoes the first install; make uninstall leaves the
#            tree exactly as it was, decoys included; a module built for
#            another kernel is refused.
#   dkms     dkms builds the staged sources for KVER, in private dkms
#            trees: nothing of it reaches the system's; and for each
#            kernel of harness/kernels/list (KERNELS="6.12" picks).
#   vm       the test VM loads the module dkms built and runs the example
#            of tuntap(4) against it (dist/guest-dkms.sh).
# MAKE (default make) runs the top Makefile.
set -eu

here=$(dirname "$0")
top=$(cd "$here/.." && pwd)
build="" kver="" version=""
while getopts b:k:V: opt; do
	case $opt in
	b) build=$OPTARG ;;
	k) kver=$OPTARG ;;
	V) version=$OPTARG ;;
	*) echo "usage: $0 -b BUILD -k KVER -V VERSION" >&2; exit 2 ;;
	esac
done
if [ -z "$build" ] || [ -z "$kver" ] || [ -z "$version" ]; then
	echo "usage: $0 -b BUILD -k KVER -V VERSION" >&2
	exit 2
fi
make=${MAKE:-make}
cd "$top"
b=$(cd "$build" && pwd)/dist
rm -rf "$b"
mkdir -p "$b"
start=$(date +%s)
say() { echo "check-dist: $*"; }
fail() { echo "check-dist: FAIL: $*" >&2; exit 1; }
# quiet CMD...: run CMD with its output in $b/log, shown only on failure
quiet() {
	if ! "$@" >"$b/log" 2>&1; then
		sed 's/^/  | /' "$b/log" >&2
		fail "$*"
	fi
}

# ---- man ------------------------------------------------------------
say "man: lint and render"
for p in man/tuntap.4 man/tt-accept.8; do
	mandoc -T lint -W warning "$p" >"$b/lint" 2>&1 || true
	groff -mandoc -ww -z "$p" >>"$b/lint" 2>&1 || true
	LC_ALL=C MANWIDTH=80 man -l "$p" >"$b/page" 2>>"$b/lint" || echo "man -l $p failed" >>"$b/lint"
	[ -s "$b/page" ] || echo "man -l $p: empty page" >>"$b/lint"
	if [ -s "$b/lint" ]; then
		sed 's/^/  | /' "$b/lint" >&2
		fail "$p does not lint clean"
	fi
done
# The first literal block under EXAMPLES, with the roff escapes undone.
say "man: compile the example of tuntap(4)"
awk '/^\.Sh / { ex = ($2 == "EXAMPLES") }
    ex && !done && /^\.Bd -literal/ { in_bd = 1; next }
    in_bd && /^\.Ed/ { in_bd = 0; done = 1 }
    in_bd' man/tuntap.4 | sed 's/\\e/\\/g; s/\\&//g' >"$b/example.c"
grep -q 'TUNSIFHEAD' "$b/example.c" || fail "no C example found in man/tuntap.4"
# shellcheck disable=SC2086 # CC may carry flags
quiet ${CC:-cc} -Wall -Wextra -Werror -Idriver/include -o "$b/tuntap-example" \
    "$b/example.c"

# ---- install / uninstall ---------------------------------------------
stage=$b/stage
mods=/lib/modules/$kver
# Decoys beside where install writes, and in the very directories.
decoys="/usr/local/include/net/other.h /etc/modules-load.d/other.conf
    /etc/udev/rules.d/50-other.rules $mods/updates/other.ko /var/lib/other"
for f in $decoys; do
	mkdir -p "$stage$(dirname "$f")"
	echo "decoy $f" >"$stage$f"
done
# The tree as install must leave it alone, and uninstall leave it.
(cd "$stage" && find . | LC_ALL=C sort) >"$b/tree.base"

# minst ARGS...: make install or uninstall into the staging tree.
minst() {
	quiet "$make" -s --no-print-directory BUILD="$build" KVER="$kver" \
	    TT_VERSION="$version" DESTDIR="$stage" "$@"
}
# listed NAME: the files (f) or directories (d) of the manifest, sorted.
listed() {
	sed -n "s|^$1 |.|p" "$stage/var/lib/tuntap/manifest" | LC_ALL=C sort
}
# new TYPE: the files (f) or directories (d) install added to the tree.
new() {
	(cd "$stage" && find . -type "$1" | LC_ALL=C sort) >"$b/now"
	LC_ALL=C comm -13 "$b/tree.base" "$b/now"
}
# same_as_manifest: what install added is what the manifest lists.
same_as_manifest() {
	for t in f d; do
		new $t >"$b/new"
		listed $t >"$b/listed"
		if ! cmp -s "$b/new" "$b/listed"; then
			diff "$b/listed" "$b/new" | sed 's/^/  | /' >&2
			fail "install $1: the tree and the manifest differ (< manifest, > tree)"
		fi
	done
}

say "install: staged, with LOAD_AT_BOOT=1 UDEV=1"
minst install LOAD_AT_BOOT=1 UDEV=1
same_as_manifest "LOAD_AT_BOOT=1 UDEV=1"
# A late decoy, put by someone else in a directory install made: it and
# its directories must survive both the reinstall and uninstall.
late=/usr/local/share/man/man4/late.4
[ -d "$stage$(dirname "$late")" ] || fail "install: made no $(dirname "$late")"
echo "decoy $late" >"$stage$late"
decoys="$decoys $late"
d=$late
while [ "$d" != /usr/local ]; do
	echo ".$d"
	d=$(dirname "$d")
done >>"$b/tree.base"
LC_ALL=C sort -o "$b/tree.base" "$b/tree.base"
cat >"$b/want" <<EOF
.$mods/updates/tuntap.ko
./etc/modules-load.d/tuntap.conf
./etc/udev/rules.d/70-tuntap.rules
./usr/local/include/net/tun_ioctls.h
./usr/local/share/man/man4/tuntap.4
./var/lib/tuntap/manifest
EOF
LC_ALL=C sort -o "$b/want" "$b/want"
listed f >"$b/listed"
cmp -s "$b/want" "$b/listed" || {
	diff "$b/want" "$b/listed" | sed 's/^/  | /' >&2
	fail "install: not the files expected (< expected, > installed)"
}
cmp -s "$build/tuntap.ko" "$stage$mods/updates/tuntap.ko" ||
    fail "install: the module is not $build/tuntap.ko"
cmp -s driver/include/net/tun_ioctls.h "$stage/usr/local/include/net/tun_ioctls.h" ||
    fail "install: the header differs from driver/include/net/tun_ioctls.h"
grep -qx tuntap "$stage/etc/modules-load.d/tuntap.conf" ||
    fail "install: modules-load.d/tuntap.conf does not name tuntap"
# The class is TT_NAME ("tuntap"): SUBSYSTEM must name it.
grep -q '^SUBSYSTEM=="tuntap", KERNEL=="tun\[0-9\]\*|tap\[0-9\]\*", GROUP="netdev", MODE="0660"$' \
    "$stage/etc/udev/rules.d/70-tuntap.rules" ||
    fail "install: the udev rule is not the one expected"

say "install: DKMS=1 over it (undoes the first)"
minst install DKMS=1
same_as_manifest DKMS=1
src=/usr/src/tuntap-$version
[ ! -e "$stage$mods/updates/tuntap.ko" ] || fail "install DKMS=1: the module of the first install is left"
[ ! -e "$stage/etc/modules-load.d/tuntap.conf" ] || fail "install DKMS=1: tuntap.conf is left"
for f in dkms.conf Makefile Kbuild linux/tt_cdev.c core/tt_frame.c include/net/tun_ioctls.h; do
	[ -f "$stage$src/$f" ] || fail "install DKMS=1: no $src/$f"
done
grep -qx "PACKAGE_VERSION=\"$version\"" "$stage$src/dkms.conf" ||
    fail "install DKMS=1: dkms.conf is not for version $version"
! grep -q Werror "$stage$src/Kbuild" ||
    fail "install DKMS=1: the Kbuild for dkms keeps -Werror"

# dkms builds for the kernels of harness/kernels/list, and for none
# outside driver/range.mk.
re=$(sed -n 's/^BUILD_EXCLUSIVE_KERNEL="\(.*\)"$/\1/p' "$stage$src/dkms.conf")
[ -n "$re" ] || fail "install DKMS=1: dkms.conf has no BUILD_EXCLUSIVE_KERNEL"
for l in $(harness/kernels/kernels.sh labels) $(sed -n 's/^TT_LINUX_\(OLDEST\|NEWEST\) := //p' driver/range.mk); do
	echo "$l.0-1-cloud-amd64" | grep -Eq "$re" ||
	    fail "install DKMS=1: BUILD_EXCLUSIVE_KERNEL refuses $l.0 ($re)"
done
for k in 5.10.0-32-cloud-amd64 6.0.1 7.4.0 16.1.0 6x1.0; do
	! echo "$k" | grep -Eq "$re" ||
	    fail "install DKMS=1: BUILD_EXCLUSIVE_KERNEL takes $k ($re)"
done

say "install: refuses a module built for another kernel"
(cd "$stage" && find . | LC_ALL=C sort) >"$b/tree.dkms"
if "$make" -s --no-print-directory BUILD="$build" KVER=0.0.0-other \
    DESTDIR="$stage" install >"$b/log" 2>&1; then
	fail "install KVER=0.0.0-other succeeded with a module for $kver"
fi
grep -q "built for $kver, not for KVER=0.0.0-other" "$b/log" ||
    fail "install KVER=0.0.0-other: no clear message: $(cat "$b/log")"
(cd "$stage" && find . | LC_ALL=C sort) | cmp -s "$b/tree.dkms" - ||
    fail "install KVER=0.0.0-other changed the tree"

# ---- dkms -------------------------------------------------------------
# Private trees: the sources come from the staging tree, the build goes
# to $b/dkms, an install (there is none) would go to $b/dkms-modules.
# The signing key dkms makes for itself goes to $b too.
say "dkms: build $src for $kver"
system_dkms() {
	ls -d /var/lib/dkms/tuntap /usr/src/tuntap-* \
	    /lib/modules/*/updates/dkms/tuntap.ko* 2>/dev/null || true
}
system_dkms >"$b/system.before"
mkdir -p "$b/dkms" "$b/dkms-modules" "$b/dkms-key"
dkms_run() {
	mok_signing_key=$b/dkms-key/mok.key mok_certificate=$b/dkms-key/mok.pub \
	    dkms "$@" --sourcetree "$stage/usr/src" --dkmstree "$b/dkms" \
	    --installtree "$b/dkms-modules"
}
quiet dkms_run build "tuntap/$version" -k "$kver"
! grep -i "bad exit status" "$b/log" || fail "dkms build: a step failed (see $b/log)"
ko=$b/dkms/tuntap/$version/$kver/$(uname -m)/module/tuntap.ko
[ -f "$ko" ] || fail "dkms build: no $ko (see $b/log)"
[ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$kver" ] ||
    fail "dkms build: $ko is not for $kver"
mkdir -p "$b/vm"
cp "$ko" "$b/vm/tuntap.ko"

# dkms on every kernel of harness/kernels/list (KERNELS picks): with
# the host's compiler against the cached headers, in the private trees;
# or in the kernel's own Debian root (fetch.sh's chroot), where dkms
# installs it for real, then removes it.  The host's kernels are not
# touched either way.
for l in $(harness/kernels/kernels.sh labels ${KERNELS:-}); do
	d=$(harness/kernels/fetch.sh "$l" 2>"$b/log") || {
		sed 's/^/  | /' "$b/log" >&2
		fail "dkms $l: cannot fetch kernel $l"
	}
	rel=$(cat "$d/release")
	[ "$rel" != "$kver" ] || continue	# built above
	case $(cat "$d/compiler") in
	chroot)
		say "dkms: install and remove $src for $rel, in its Debian root"
		ch=$d/chroot
		rm -rf "$ch/usr/src/tuntap-$version"
		cp -r "$stage$src" "$ch/usr/src/"
		# /proc for objtool, in a mount namespace that dies with it
		quiet unshare --mount --propagation private sh -c '
		    mount -t proc proc "$1/proc" &&
		    chroot "$1" dkms install "tuntap/$2" -k "$3"' sh "$ch" "$version" "$rel"
		k=$ch/lib/modules/$rel/updates/dkms/tuntap.ko
		[ -f "$k" ] || fail "dkms install for $rel: no $k (see $b/log)"
		[ "$(modinfo -F vermagic "$k" | cut -d' ' -f1)" = "$rel" ] ||
		    fail "dkms install for $rel: $k is not for $rel"
		quiet chroot "$ch" dkms remove "tuntap/$version" --all
		rm -rf "$ch/usr/src/tuntap-$version"
		[ ! -e "$k" ] || fail "dkms remove for $rel left $k"
		;;
	*)
		say "dkms: build $src for $rel"
		quiet dkms_run build "tuntap/$version" -k "$rel" \
		    --kernelsourcedir "$d/root/usr/src/linux-headers-$rel"
		k=$b/dkms/tuntap/$version/$rel/$(uname -m)/module/tuntap.ko
		[ -f "$k" ] || fail "dkms build for $rel: no $k (see $b/log)"
		[ "$(modinfo -F vermagic "$k" | cut -d' ' -f1)" = "$rel" ] ||
		    fail "dkms build for $rel: $k is not for $rel"
		;;
	esac
done

quiet dkms_run remove "tuntap/$version" --all
[ ! -e "$b/dkms/tuntap" ] || fail "dkms remove --all left $b/dkms/tuntap"
system_dkms | cmp -s "$b/system.before" - ||
    fail "dkms touched the system's trees: $(system_dkms)"
[ -z "$(ls -A "$b/dkms-modules")" ] || fail "dkms installed into $b/dkms-modules"

say "uninstall: staged"
minst uninstall
(cd "$stage" && find . | LC_ALL=C sort) >"$b/tree.after"
if ! cmp -s "$b/tree.base" "$b/tree.after"; then
	diff "$b/tree.base" "$b/tree.after" | sed 's/^/  | /' >&2
	fail "uninstall: the tree differs from before install (< before, > after)"
fi
for f in $decoys; do
	[ "$(cat "$stage$f")" = "decoy $f" ] || fail "uninstall: decoy $f changed"
done

# ---- vm ---------------------------------------------------------------
say "vm: booting $kver with the module dkms built"
quiet harness/vm/mkinitramfs.sh -k "$kver" -o "$b/vm/initramfs.cpio.gz" \
    -m "$b/vm/tuntap.ko" -b "$b/tuntap-example" \
    -f dist/guest-dkms.sh=/tt/guest.sh
# V=1: run.sh shows the console as it comes.  Either way the guest's own
# lines (ok or FAIL) are shown after.
vm_rc=0
if [ "${V:-}" = 1 ]; then
	harness/vm/run.sh -k "$kver" -i "$b/vm/initramfs.cpio.gz" \
	    -o "$b/vm/results" -t 180 || vm_rc=$?
else
	harness/vm/run.sh -k "$kver" -i "$b/vm/initramfs.cpio.gz" \
	    -o "$b/vm/results" -t 180 >"$b/log" 2>&1 || vm_rc=$?
fi
grep -h '^guest: ' "$b/vm/results/guest.log" 2>/dev/null | sed 's/^/  /' || true
if [ "$vm_rc" != 0 ]; then
	[ "${V:-}" = 1 ] || sed 's/^/  | /' "$b/log" >&2
	fail "vm: the module dkms built failed in the VM (see $b/vm/results)"
fi
say "ok ($(($(date +%s) - start)) s)"
