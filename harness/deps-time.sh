#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# deps-time.sh [--root MINBASE]: harness/deps-measure.sh --time (see there).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
base=
[ "${1:-}" != --root ] || base=$2
[ "$(id -u)" = 0 ] || { echo "deps-time: run as root" >&2; exit 1; }
work=$(mktemp -d /var/tmp/tt-deps-time.XXXXXX)
mounted=""
cleanup() {
	for m in $mounted; do umount "$m" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

if [ -z "$base" ]; then
	echo "deps-time: a minimal Debian 12 root (mmdebstrap)" >&2
	mmdebstrap --variant=minbase bookworm "$work/minbase" \
		>"$work/mmdebstrap.log" 2>&1 ||
		{ cat "$work/mmdebstrap.log" >&2; exit 1; }
	base=$work/minbase
fi
pkgs=$(sed 's/#.*//' "$here"/packages/*.list | tr -s ' \t\n' ' ')

# chroot_prepare DIR: a copy of the root, apt's cache offered, no daemons
chroot_prepare() {
	r=$1
	mkdir -p "$r"
	(cd "$base" && tar --exclude=./var/cache/apt/archives -cf - .) |
		(cd "$r" && tar -xf -)
	mkdir -p "$r/var/cache/apt/archives/partial"
	cp -l /var/cache/apt/archives/*.deb "$r/var/cache/apt/archives/" 2>/dev/null ||
		cp /var/cache/apt/archives/*.deb "$r/var/cache/apt/archives/" 2>/dev/null || true
	cp /etc/resolv.conf "$r/etc/resolv.conf"
	printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
	chmod +x "$r/usr/sbin/policy-rc.d"
	for d in proc sys dev; do
		mount --bind "/$d" "$r/$d"
		mounted="$r/$d $mounted"
	done
	mkdir -p "$r/tt/harness"
	cp -r "$here/deps.sh" "$here/packages" "$r/tt/harness/"
}

# installed-size sum in MB, and the number of packages
inventory() {
	chroot "$1" dpkg-query -W -f='${Installed-Size}\n' |
		awk '{ s += $1; n++ } END { printf "%d %.0f\n", n, s * 1024 / 1e6 }'
}

for way in without with; do
	r=$work/$way
	chroot_prepare "$r"
	set -- $(inventory "$r")
	n0=$1 mb0=$2
	t0=$(date +%s)
	if [ "$way" = without ]; then
		# what make deps does now
		chroot "$r" sh -c 'cd /tt && DEPS_LOG=/tt/deps.log sh harness/deps.sh' \
			>"$work/$way.out" 2>&1 || { cat "$work/$way.out" >&2; exit 1; }
	else
		# what it did before: apt-get install with recommends, all output
		chroot "$r" sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q $pkgs" >"$work/$way.out" 2>&1 ||
			{ tail -20 "$work/$way.out" >&2; exit 1; }
	fi
	t=$(($(date +%s) - t0))
	set -- $(inventory "$r")
	echo "$way recommends, installed for real: $(($1 - n0)) packages, $(($2 - mb0)) MB installed, $t s, $(wc -l <"$work/$way.out") lines on the terminal"
	for m in $mounted; do umount "$m"; done
	mounted=""
	rm -rf "$r"
done
