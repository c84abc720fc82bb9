#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the test VM (busybox sh): load the driver, run tt-bench
# with both targets, then check the driver left nothing behind.  The
# kernel command line's tt.bench_* parameters pick what runs (words
# separated by commas): TT_BENCH_MODES, TT_BENCH_KINDS, TT_BENCH_SIZES,
# TT_BENCH_TRIALS, TT_BENCH_SECONDS.  Results: /results/bench.json and
# the table in /results/bench.txt.
set -u

insmod /tt/tuntap.ko || { echo "guest: insmod tuntap.ko failed"; exit 1; }
# QEMU without KVM (harness/vm/run.sh): say so in the results.
export TT_BENCH_EMULATED=1

rc=0
tt-bench -m "${TT_BENCH_MODES:-inject,deliver,latency,vpn}" \
	-k "${TT_BENCH_KINDS:-tun,tunhdr,tap}" \
	-s "${TT_BENCH_SIZES:-64,1500,max}" \
	-n "${TT_BENCH_TRIALS:-5}" -d "${TT_BENCH_SECONDS:-1}" \
	-j /results/bench.json >/results/bench.txt || rc=1
cat /results/bench.txt

# Every unit closed, every packet freed: the module unloads clean.
live=$(cat /sys/module/tuntap/parameters/live_objects)
[ "$live" = 0 ] || { echo "guest: live_objects $live after the benchmark"; rc=1; }
rmmod tuntap || { echo "guest: rmmod tuntap failed"; rc=1; }
exit $rc
