#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The VM harness's own test guest: shows the machine is usable (devices,
# tun loaded, iproute2, tt.* parameters as TT_*, a file in /results) and
# ends as told, so selftest.sh can check a passing, a failing and a
# hanging guest.
#   tt.selftest_rc=N   exit with status N (default 0)
#   tt.selftest_hang=1 never finish (the guest timeout must end it)
#   tt.selftest_klog=1 put a kernel warning in the log (run.sh must fail)
echo hello
env | grep "^TT_" | sort
# shellcheck disable=SC2012 # a glance, not parsing
ls /dev | head
grep -w tun /proc/modules || echo "selftest: tun not loaded"
# Full iproute2 by path: busybox sh runs its own ip applet whatever PATH
# says.  The host may lack iproute2, then busybox's will do.
if [ -x /tt/bin/ip ]; then /tt/bin/ip -brief link; else ip link; fi
echo "result file" >/results/selftest.txt
if [ "${TT_SELFTEST_KLOG:-0}" = 1 ]; then
	echo "WARNING: CPU: 0 PID: 1 at selftest: planted warning" >/dev/kmsg
fi
if [ "${TT_SELFTEST_HANG:-0}" = 1 ]; then
	echo "selftest: hanging"
	sleep 100000 &	# a straggler too: init must kill it as well
	sleep 100000
fi
exit "${TT_SELFTEST_RC:-0}"
