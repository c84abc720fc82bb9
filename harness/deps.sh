#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# deps.sh [-n]: install the Debian packages the project needs, and only
# those that are missing (no terminal: CI runs this too).  The packages are
# listed in harness/packages/*.list, one file per part of the project,
# words separated by blanks, '#' starting a comment.  -n prints the list
# of missing packages and installs nothing.
#
# Quiet: without recommended packages (the project uses none of them, and
# Debian's recommends pull GTK, GStreamer, ImageMagick, Ghostscript into
# a first run), apt's own output goes to $DEPS_LOG (default
# build/deps.log), the terminal gets one line per step, and the whole log
# only when apt fails.  docs/install.md says what this installs and how
# much (harness/deps-measure.sh measures it).
set -eu

here=$(dirname "$0")
log=${DEPS_LOG:-build/deps.log}
pkgs=$(sed 's/#.*//' "$here"/packages/*.list)

missing=""
for p in $pkgs; do
	case " $missing " in *" $p "*) continue ;; esac
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -n "$missing" ] || exit 0
if [ "${1:-}" = -n ]; then
	echo "$missing"
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages:$missing (run as root to install them)" >&2
	exit 1
fi
mkdir -p "$(dirname "$log")"
: >"$log"

# step MESSAGE COMMAND...: one line on the terminal, the output in the log
step() {
	msg=$1
	shift
	t0=$(date +%s)
	printf 'deps: %s ...' "$msg"
	echo "### $msg: $*" >>"$log"
	if ! "$@" >>"$log" 2>&1; then
		echo " failed; apt's log ($log):"
		cat "$log"
		exit 1
	fi
	echo " done ($(($(date +%s) - t0)) s)"
}

n=$(echo "$missing" | wc -w)
export DEBIAN_FRONTEND=noninteractive
apt="apt-get -y -q -o Dpkg::Use-Pty=0"
# shellcheck disable=SC2086 # the package list is words
{
	step "updating the package lists" $apt update
	step "downloading $n missing packages and what they need" \
		$apt install --no-install-recommends --download-only $missing
	step "installing them" $apt install --no-install-recommends $missing
}
echo "deps: installed$missing (apt's log: $log)"
