#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the test VM (busybox sh) for `make check-dist`: the module
# dkms built loads, makes its nodes, and the example of tuntap(4) works
# with it: it opens /dev/tun0 and brings tun0 up, a ping sends it a packet
# and it prints that packet's length and family; closing removes tun0,
# and the module unloads with nothing left alive.
set -u
fail() { echo "guest: FAIL: $*"; exit 1; }

insmod /tt/tuntap.ko || fail "insmod of the module dkms built"
[ -c /dev/tun0 ] || fail "no /dev/tun0 after insmod"
# No IPv6 on new interfaces: the first packet tun0 sees is the ping's.
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6

tuntap-example >/results/example.out 2>&1 &
pid=$!
i=0
until /tt/bin/ip link show tun0 2>/dev/null | grep -q '[<,]UP[,>]'; do
	i=$((i + 1))
	[ $i -le 100 ] || fail "tun0 not up 10 s after the example started"
	sleep 0.1
done
/tt/bin/ip addr add 10.9.0.1 peer 10.9.0.2 dev tun0 || fail "ip addr add"
# No one answers: the echo request only has to reach the reader.
ping -c 1 -W 1 10.9.0.2 >/dev/null 2>&1
wait $pid || fail "the example failed: $(cat /results/example.out)"
# An ICMP echo request of busybox ping: 20 + 8 + 56 bytes, AF_INET (2).
grep -qx 'tun0: 84 bytes, address family 2' /results/example.out ||
    fail "the example printed: $(cat /results/example.out)"
echo "guest: ok: example: $(cat /results/example.out)"
[ ! -e /sys/class/net/tun0 ] || fail "tun0 survives the example's close"
live=$(cat /sys/module/tuntap/parameters/live_objects)
[ "$live" = 0 ] || fail "live_objects is $live after the close"
rmmod tuntap || fail "rmmod tuntap"
[ ! -e /dev/tun0 ] || fail "/dev/tun0 survives rmmod"
echo "guest: ok: loaded, used, unloaded"
