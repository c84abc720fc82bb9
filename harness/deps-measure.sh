#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# deps-measure.sh: what harness/deps.sh installs on a fresh Debian 12,
# with and without recommended packages, measured by apt's own
# simulation: the host has the packages already, so apt is pointed at a
# dpkg status that holds only the packages a minimal Debian has (as
# mmdebstrap --variant=minbase: Priority required, Essential, apt, and
# what they depend on), taken from this host.
# Prints, for each way, the number of packages apt would install, their
# download and installed size in MB, and which GUI or document libraries
# (GTK, GStreamer, ImageMagick, Ghostscript, X11) are among them.
#
# deps-measure.sh --time [--root MINBASE]: installs them for real, twice,
# in two copies of a minimal Debian 12 root (MINBASE, or one made now with
# mmdebstrap --variant=minbase): once as harness/deps.sh does, once with
# recommended packages as it did before; prints for each the packages
# installed, their installed size and the wall time.  The .deb files this
# host has in apt's cache are offered to both, so the time is mostly
# dpkg's, not the network's.  Minutes; as root.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = --time ]; then
	shift
	exec "$here/deps-time.sh" "$@"
fi
pkgs=$(sed 's/#.*//' "$here"/packages/*.list | tr -s ' \t\n' '\n' |
	sort -u | tr '\n' ' ')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The minimal system, as mmdebstrap --variant=minbase makes it: the
# packages of priority required, the Essential ones and apt, and what
# they depend on, as this host has them.
awk 'BEGIN { RS = "" }
/\nPriority: required\n/ || /\nEssential: yes\n/ || /^Package: apt\n/ {
	sub(/^Package: /, ""); sub(/\n.*/, ""); print }' /var/lib/dpkg/status |
	xargs apt-cache depends --recurse --no-recommends --no-suggests \
		--no-conflicts --no-breaks --no-replaces --no-enhances |
	grep -v '^[ <]' | sed 's/:.*//' | sort -u >"$tmp/base"
# paragraph mode: one package's stanza a record
awk 'BEGIN { ORS = "\n\n" }
NR == FNR { base[$0] = 1; next }
{ p = $0; sub(/^Package: /, "", p); sub(/\n.*/, "", p) }
p in base' "$tmp/base" RS= /var/lib/dpkg/status >"$tmp/status"
: >"$tmp/extended_states"
aptq="apt-get -q -o Dir::State::status=$tmp/status -o Dir::State::extended_states=$tmp/extended_states"

echo "base: $(grep -c '^Package:' "$tmp/status") packages of a minimal Debian 12 (required, essential, apt and their dependencies)"
for way in with without; do
	opt=--install-recommends
	[ "$way" = with ] || opt=--no-install-recommends
	# shellcheck disable=SC2086 # the package list is words
	$aptq -s install $opt $pkgs >"$tmp/sim" 2>&1 ||
		{ cat "$tmp/sim" >&2; exit 1; }
	awk '$1 == "Inst" { print $2 }' "$tmp/sim" >"$tmp/list"
	# the .debs apt would fetch: 'URI' name size checksum
	# shellcheck disable=SC2086
	$aptq --print-uris install $opt $pkgs 2>/dev/null |
		awk '/^\x27/ { s += $3 } END { printf "%.0f\n", s / 1e6 }' \
		>"$tmp/dl"
	# Installed-Size is in KiB, from the candidate of each package
	# shellcheck disable=SC2046
	inst=$(apt-cache show --no-all-versions $(cat "$tmp/list") 2>/dev/null |
		awk '/^Installed-Size:/ { s += $2 } END { printf "%.0f", s * 1024 / 1e6 }')
	gui=$(grep -E '^(libgtk|libgdk|gstreamer|libgstreamer|imagemagick|libmagick|ghostscript|libgs[0-9]|libx11-[0-9]|libxt[0-9])' \
		"$tmp/list" | tr '\n' ' ')
	echo "$way recommends: $(wc -l <"$tmp/list") packages, $(cat "$tmp/dl") MB to download, $inst MB installed; GUI and document libraries: ${gui:-none}"
done
