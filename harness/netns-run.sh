#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# netns-run.sh CMD [ARG...]: run CMD as root of a fresh user, network and
# mount namespace with its own /sys, so that the host's interfaces are
# neither seen nor touched and everything made in there dies with it.
#
# As root, uids and gids 0..65535 map to themselves (tests need users
# besides root); otherwise the caller alone is mapped, to root.
set -eu

[ $# -ge 1 ] || { echo "usage: $0 CMD [ARG...]" >&2; exit 2; }

# In the namespace: wait for the map (root's case), own /sys, lo up.
# shellcheck disable=SC2016 # expanded in there, not here
inner='
while ! grep -q . /proc/self/uid_map 2>/dev/null || [ "$(id -u)" != 0 ]; do
	sleep 0.05
done
mount -t sysfs sysfs /sys || exit 125
ip link set lo up || exit 125
exec "$@"'

if [ "$(id -u)" != 0 ]; then
	exec unshare --user --map-root-user --net --mount --propagation private \
		sh -c "$inner" sh "$@"
fi

unshare --user --net --mount --propagation private sh -c "$inner" sh "$@" &
pid=$!
# Write the map from out here once the child is in its own namespace:
# only a process of the parent namespace may map more than itself.
self=$(readlink /proc/self/ns/user)
i=0
while [ "$(readlink "/proc/$pid/ns/user" 2>/dev/null || echo "$self")" = "$self" ]; do
	i=$((i + 1))
	if [ "$i" -gt 200 ]; then
		kill "$pid" 2>/dev/null
		echo "netns-run: the namespace did not appear" >&2
		exit 125
	fi
	sleep 0.05
done
echo "0 0 65536" >"/proc/$pid/uid_map"
echo "0 0 65536" >"/proc/$pid/gid_map"
wait "$pid"
