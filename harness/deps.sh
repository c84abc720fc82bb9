#!/bin/sh
# deps.sh: install the Debian packages the build and the test VM need,
# and only those that are missing (no terminal: CI runs this too).
set -eu

pkgs="make gcc libc6-dev pkg-config check libsubunit-dev libpcap-dev \
qemu-system-x86 linux-image-cloud-amd64 linux-headers-cloud-amd64 \
busybox-static cpio kmod iproute2"

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages:$missing (run as root to install them)" >&2
	exit 1
fi
echo "deps: installing$missing"
apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
