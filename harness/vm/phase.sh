#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# phase.sh [-f] MESSAGE...: tell the user which phase a run is in, as
# "==> MESSAGE" (bold), or with -f as a failure ("==> FAIL: ...", red).
# Colour only when standard output is a terminal that takes it, and not
# with NO_COLOR set (https://no-color.org): logs and CI stay plain.
set -eu
fail=0
if [ "${1:-}" = -f ]; then
	fail=1
	shift
fi
msg="$*"
[ "$fail" = 0 ] || msg="FAIL: $msg"
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ] && [ "${TERM:-dumb}" != dumb ]; then
	if [ "$fail" = 1 ]; then on='\033[1;31m'; else on='\033[1m'; fi
	printf "$on==> %s\033[0m\n" "$msg"
else
	printf '==> %s\n' "$msg"
fi
