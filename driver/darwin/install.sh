#!/bin/sh
# SPDX-License-Identifier: MIT
# install.sh: install tun.kext and tap.kext (built by `make -C
# driver/darwin`), load them, and load them at every boot through a
# launchd job.  Run as root on a test Mac.  Not run by this project's CI.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-$here/build}
ext=/Library/Extensions
job=/Library/LaunchDaemons/net.tuntap.kexts.plist

if [ "$(id -u)" -ne 0 ]; then
	echo "install.sh: run as root" >&2
	exit 1
fi
for k in tun tap; do
	if [ ! -d "$out/$k.kext" ]; then
		echo "install.sh: $out/$k.kext missing: run make first" >&2
		exit 1
	fi
done
for k in tun tap; do
	rm -rf "${ext:?}/$k.kext"
	cp -R "$out/$k.kext" "$ext/"
	# kextload refuses kexts not owned by root:wheel or group-writable
	chown -R root:wheel "$ext/$k.kext"
	chmod -R go-w "$ext/$k.kext"
done
cp "$here/mac/net.tuntap.kexts.plist" "$job"
chown root:wheel "$job"
chmod 644 "$job"
# newer macOS asks the user to allow the kexts (System Settings, then a
# restart) before they load
touch "$ext"
launchctl load -w "$job"
kextstat -l | grep net.tuntap || {
	echo "install.sh: installed, not loaded yet: allow the kexts in" \
		"System Settings > Privacy & Security, then restart" >&2
	exit 0
}
echo "install.sh: tun.kext and tap.kext installed and loaded"
