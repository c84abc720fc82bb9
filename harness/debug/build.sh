#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# build.sh: the debug kernel (KASAN, UBSAN, lockdep, kmemleak, KCOV), built
# once from Debian's linux-source package with harness/debug/debug.config
# and cached; prints the path of its directory, DEBUG_KERNEL_CACHE/KEY/:
#   release   the kernel release (6.12.95-tt-debug)
#   build/    the kernel's build tree: make -C build M=DIR modules
#   bzImage   the kernel the test VM boots
#   root/     root/lib/modules/RELEASE: its modules (tun, veth), depmod run
#   seconds   how long the build took (wall), cpu-seconds its CPU time
#             (user and system, all jobs): wall time depends on what
#             else the host runs, CPU time hardly
# KEY is the source package's version and a hash of the fragment, so a
# changed fragment or a new package builds a new kernel.
#
# The source comes through a private apt under DEBUG_KERNEL_CACHE/apt
# (harness/apt-private.sh: signatures checked, the host's apt state
# untouched).
#
# DEBUG_KERNEL_CACHE (default /var/cache/tuntap/debug-kernel),
# DEBUG_KERNEL_SUITE (bookworm-backports), DEBUG_KERNEL_SOURCE
# (linux-source-6.12), JOBS (the number of CPUs).  The build runs under
# nice -n 19; its progress shows one line a minute.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${DEBUG_KERNEL_CACHE:-/var/cache/tuntap/debug-kernel}
suite=${DEBUG_KERNEL_SUITE:-bookworm-backports}
srcpkg=${DEBUG_KERNEL_SOURCE:-linux-source-6.12}
jobs=${JOBS:-$(nproc)}
fragment=$here/debug.config
die() { echo "debug-kernel: $*" >&2; exit 1; }
say() { echo "debug-kernel: $*" >&2; }

mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
# step WHAT CMD...: say WHAT, run CMD with its output kept, shown only
# if it fails.
step() {
	what=$1
	shift
	say "$what"
	if ! "$@" >"$tmp/log" 2>&1; then
		sed 's/^/  | /' "$tmp/log" | tail -n 40 >&2
		die "failed: $what"
	fi
}

# ---- the source package, through a private apt -------------------------

# The mirror the host's apt uses for the suite (harness/apt-mirror.sh).
mirror=$("$here/../apt-mirror.sh" "$suite")
# shellcheck source=harness/apt-private.sh
. "$here/../apt-private.sh"
apt_private "$cache/apt" "$mirror" "$suite"
mkdir -p "$cache/debs"
# The index is read again when a day old: the package's version is part
# of the key, so a new one builds a new kernel.
fresh=$(find "$apt_dir/state/lists" -name '*Release' -mtime -1 2>/dev/null | head -n 1)
[ -n "$fresh" ] || step "apt-get update ($suite, signatures checked)" papt apt-get update
version=$(papt apt-cache show --no-all-versions "$srcpkg" 2>/dev/null |
    sed -n 's/^Version: //p' | head -n 1)
[ -n "$version" ] || die "$suite has no $srcpkg"

sum=$(sha256sum "$fragment" | cut -c1-12)
key=$(echo "$srcpkg-$version-$sum" | tr '~:+' '___')
dir=$cache/$key
if [ -f "$dir/.done" ]; then
	echo "$dir"
	exit 0
fi

# ---- unpack ------------------------------------------------------------

src=$cache/src/$srcpkg-$(echo "$version" | tr '~:+' '___')
if [ ! -f "$src/.done" ]; then
	# apt-get download's name for it (an epoch's colon is %3a)
	deb=$cache/debs/${srcpkg}_$(echo "$version" | sed 's/:/%3a/')_all.deb
	if [ ! -f "$deb" ]; then
		say "downloading $srcpkg $version from $suite (about 150 MB)"
		# apt-get download checks the file against the signed index.
		(cd "$cache/debs" && papt apt-get download "$srcpkg=$version") >"$tmp/log" 2>&1 || {
			sed 's/^/  | /' "$tmp/log" >&2
			die "apt-get download $srcpkg failed"
		}
	fi
	rm -rf "$src"
	mkdir -p "$src.part"
	step "unpacking $(basename "$deb")" dpkg-deb -x "$deb" "$src.part/deb"
	tarball=$(ls "$src.part"/deb/usr/src/linux-source-*.tar.xz)
	step "unpacking $(basename "$tarball") (about a minute)" \
	    tar -xf "$tarball" -C "$src.part"
	mv "$src.part"/linux-source-* "$src"
	rm -rf "$src.part"
	touch "$src/.done"
fi

# ---- configure and build -----------------------------------------------

# An interrupted build of the same key resumes: make redoes only what
# is missing, and the time spent before counts.
b=$dir/build
kmake() { nice -n 19 make -C "$src" O="$b" ARCH=x86_64 "$@"; }
if [ -f "$b/.config" ] && [ -f "$dir/release" ]; then
	say "resuming the interrupted build in $dir"
else
	rm -rf "$dir"
	mkdir -p "$b" "$dir/root"
	# allnoconfig with the fragment's values imposed: what is not asked
	# for stays off.
	step "configuring: allnoconfig + $(basename "$fragment")" \
	    kmake KCONFIG_ALLCONFIG="$fragment" allnoconfig
fi
# Every line of the fragment must be in the result: an option whose
# dependencies are missing would silently vanish.
sed -n 's/^\(CONFIG_[A-Z0-9_]*=.*\)$/\1/p; s/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1=n/p' \
    "$fragment" | while IFS= read -r want; do
	name=${want%%=*}
	case $want in
	*=n) if grep -q "^$name=" "$b/.config"; then echo "$want but .config has $(grep "^$name=" "$b/.config")"; fi ;;
	*) grep -qxF "$want" "$b/.config" || echo "$want but .config has $(grep "^$name=\|^# $name " "$b/.config" || echo nothing)" ;;
	esac
done >"$tmp/missing"
if [ -s "$tmp/missing" ]; then
	sed 's/^/  /' "$tmp/missing" >&2
	die "$(basename "$fragment"): these options did not take (their dependencies?)"
fi
release=$(kmake -s kernelrelease)
echo "$release" >"$dir/release"

say "building $release with $jobs jobs under nice (from empty: 20-60 minutes)"
before=$(cat "$dir/seconds.part" 2>/dev/null || echo 0)
start=$(($(date +%s) - before))
# The objects compiled so far, once a minute, while make runs.
(
	while sleep 60; do
		n=$(grep -c '^  CC ' "$dir/build.log" 2>/dev/null || true)
		say "  $(( ($(date +%s) - start) / 60 )) min: ${n:-0} files compiled"
	done
) &
ticker=$!
# an interrupted build keeps its time for the next one
# (set -e holds in a trap too: the ticker may be gone already)
trap 'kill $ticker 2>/dev/null || true; echo $(($(date +%s) - start)) >"$dir/seconds.part"; rm -rf "$tmp"' EXIT
if ! kmake -j"$jobs" bzImage modules >>"$dir/build.log" 2>&1; then
	kill $ticker 2>/dev/null || true
	echo $(($(date +%s) - start)) >"$dir/seconds.part"
	grep -E 'error|Error' "$dir/build.log" | head -n 20 >&2
	die "the build failed: $dir/build.log"
fi
kill $ticker 2>/dev/null || true
step "modules_install into the cache" \
    kmake INSTALL_MOD_PATH="$dir/root" INSTALL_MOD_STRIP=1 modules_install
ln -sf build/arch/x86/boot/bzImage "$dir/bzImage"
secs=$(($(date +%s) - start))
echo "$secs" >"$dir/seconds"
# The children's user and system time, from the shell's `times` (its
# second line, as 1m2.5s 0m3.1s); a resumed build's is this part's only.
# (`times` in a pipeline would run in a subshell and see no children.)
times >"$tmp/times"
sed -n 2p "$tmp/times" | tr 'ms' '  ' |
    awk '{ printf "%d\n", $1 * 60 + $2 + $3 * 60 + $4 }' >"$dir/cpu-seconds"
touch "$dir/.done"
say "built $release in $((secs / 60)) min $((secs % 60)) s, $(($(cat "$dir/cpu-seconds") / 60)) min of CPU: $dir"
echo "$dir"
