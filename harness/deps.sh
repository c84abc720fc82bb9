#!/bin/sh
# deps.sh: install the Debian packages the project needs, and only those
# that are missing (no terminal: CI runs this too).  The packages are
# listed in harness/packages/*.list, one file per part of the project,
# words separated by blanks, '#' starting a comment.
set -eu

here=$(dirname "$0")
pkgs=$(sed 's/#.*//' "$here"/packages/*.list)

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
