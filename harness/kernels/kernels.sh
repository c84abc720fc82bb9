#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kernels.sh labels [LABEL...]: the labels of harness/kernels/list, in
#     its order; with LABELs, those (each must be in the list).
# kernels.sh line LABEL: that kernel's line, "LABEL SUITE VERSION CPU"
#     (CPU: the QEMU CPU model the VM boots it on, max unless the list
#     says otherwise).
set -eu

list=$(dirname "$0")/list
entries() {
	sed 's/#.*//' "$list" |
	    awk 'NF == 3 || NF == 4 { print $1, $2, $3, (NF == 4 ? $4 : "max") }'
}
die() { echo "kernels: $*" >&2; exit 1; }
known() { entries | awk -v l="$1" '$1 == l { found = 1 } END { exit !found }'; }

[ $# -ge 1 ] || die "usage: $0 labels [LABEL...] | line LABEL"
verb=$1
shift
case $verb in
labels)
	if [ $# = 0 ]; then
		entries | awk '{ print $1 }'
		exit 0
	fi
	for l in "$@"; do
		known "$l" || die "no kernel $l in harness/kernels/list (there: $(entries | awk '{ printf "%s ", $1 }'))"
		echo "$l"
	done
	;;
line)
	[ $# = 1 ] || die "usage: $0 line LABEL"
	known "$1" || die "no kernel $1 in harness/kernels/list (there: $(entries | awk '{ printf "%s ", $1 }'))"
	entries | awk -v l="$1" '$1 == l'
	;;
*) die "usage: $0 labels [LABEL...] | line LABEL" ;;
esac
