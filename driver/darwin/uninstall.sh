#!/bin/sh
# SPDX-License-Identifier: MIT
# uninstall.sh: unload tun.kext and tap.kext and remove every file
# install.sh put on the Mac.  A kext with a unit open refuses to unload:
# close the programs using /dev/tunN or /dev/tapN and run it again.
# Not run by this project's CI.
set -u

ext=/Library/Extensions
job=/Library/LaunchDaemons/net.tuntap.kexts.plist
status=0

if [ "$(id -u)" -ne 0 ]; then
	echo "uninstall.sh: run as root" >&2
	exit 1
fi
if [ -f "$job" ]; then
	launchctl unload -w "$job" 2>/dev/null
	rm -f "$job"
fi
for k in tun tap; do
	if kextstat -l -b "net.tuntap.$k" | grep -q "net.tuntap.$k"; then
		if ! kextunload -b "net.tuntap.$k"; then
			echo "uninstall.sh: $k.kext is in use (a unit is open):" \
				"close it and run uninstall.sh again" >&2
			status=1
			continue
		fi
	fi
	rm -rf "${ext:?}/$k.kext"
done
touch "$ext"
[ "$status" -eq 0 ] && echo "uninstall.sh: tun.kext and tap.kext removed"
exit "$status"
