#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kver.sh: print the newest installed Debian cloud kernel version.
#
# The VM boots /boot/vmlinuz-KVER and the module is built against that
# same release, so a kernel image without its /lib/modules tree (half
# installed or half removed) is useless to us and is skipped.
set -eu

best=$(
	for f in /boot/vmlinuz-*-cloud-amd64; do
		[ -e "$f" ] || continue		# the glob matched nothing
		v=${f#/boot/vmlinuz-}
		[ -d "/lib/modules/$v" ] && echo "$v"
	done | sort -V | tail -n 1
)
if [ -z "$best" ]; then
	echo "kver: no Debian cloud kernel installed (need /boot/vmlinuz-*-cloud-amd64" \
	    "and its /lib/modules; try: apt-get install linux-image-cloud-amd64)" >&2
	exit 1
fi
echo "$best"
