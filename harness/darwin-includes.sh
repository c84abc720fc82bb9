#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# harness/darwin-includes.sh CC FILE...: the suite's files of a Mac build
# include no Linux header.  Each FILE is preprocessed as a Mac would
# (__APPLE__ and __MACH__ set, __linux__ not; -undef -nostdinc: no
# header of this machine is read) and the headers it names, what it and
# the project's own headers include (-M -MG lists a system header it
# cannot find by the name it was asked for), are searched for Linux's:
# linux/ and asm/ headers, epoll, netlink, capabilities, prctl, klog,
# the fd kinds only Linux has (eventfd, signalfd, timerfd, inotify) and
# sys/sysmacros.h.  Each offender is printed with its file; exit 1.
set -eu

[ $# -ge 2 ] || { echo "usage: $0 CC FILE..." >&2; exit 2; }
cc=$1
shift
linux='^(linux/|asm/|asm-generic/|sys/epoll\.h|sys/prctl\.h|sys/klog\.h|sys/capability\.h|sys/eventfd\.h|sys/signalfd\.h|sys/timerfd\.h|sys/inotify\.h|sys/sysmacros\.h|netlink/)'
bad=0
for f in "$@"; do
	hdrs=$("$cc" -M -MG -undef -nostdinc -D__APPLE__ -D__MACH__ -std=gnu11 \
		-Iconformance -Idriver/include "$f" | tr ' \\' '\n\n' |
		grep -E "$linux" | sort -u) || true
	for h in $hdrs; do
		echo "darwin-includes: $f includes <$h>, a Linux header"
		bad=1
	done
done
[ $bad = 0 ] && echo "darwin-includes: $# files of the Mac build include no Linux header"
exit $bad
