#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# real-programs.sh TARGET TAP [LOGDIR]
# real-programs.sh --list-tests
#
# Real programs, as Debian ships them, over TARGET's tun and tap in the
# test VM (busybox sh; guest-suite.sh runs it as the suite "programs").
# Writes verdict TAP lines "ok N - clients:<program>_<variant>/<check>"
# to TAP, the rows of the report's matrix, and each program's own log to
# LOGDIR (default: beside TAP, in programs-logs/).  --list-tests runs
# nothing and prints each session's name, the test name of its rows, for
# harness/spec-check.sh.
#
# vtund (package vtun), four sessions: type tun and type ether (tap),
# each over TCP and over UDP, a server in network namespace tt-srv and a
# client in tt-cli joined by a veth pair.  Each end opens its unit, runs
# its `up` command (busybox ifconfig: address, MTU, up) in a child while
# the parent already sits in its select() loop on the unit: the pattern
# this exists to prove.  The checks of each session:
#   session_opens_units        both units up with their addresses, one
#                              echo reply through, and the units made
#                              by the TARGET's driver (below)
#   ping_client_to_server      3 of 3 echo replies through the tunnel,
#   ping_server_to_client      each way
#   ipv6_ping_both_ways        the same over IPv6, addresses added once
#                              the session is up
#   bulk_tcp_2mib_sha256_matches  2 MiB of random bytes client to server
#                              through busybox nc, sha256sum both ends
#   client_restart_reopens_units  the client killed: both units close
#                              (the server's session ends with it); the
#                              client started again: the same units
#                              reopen and pings pass both ways
#   no_errors_logged           neither vtund logged an error (EIO ...)
#
# icmptx (package icmptx), one session over ICMP echo: it opens the first
# /dev/tunN that opens and configures nothing; the script brings each
# unit up from outside while icmptx already loops in select().  The same
# checks, but its pings are IPv6 (it cannot carry ICMPv4 on any driver:
# see session_icmptx) and its server runs on across the client's restart.
#
# Quiet units: a packet reaching a vtund end before its own `up` ran is
# a write() to a down unit, EIO on every driver (Linux's tun included),
# and vtund ends the session on it.  Both namespaces therefore make no
# automatic IPv6 link-local addresses (addr_gen_mode 1), whose DAD, MLD
# and router solicitations would otherwise race the far end's `up`; the
# only packets are the checks', sent once both ends are up.
#
# Which driver: both programs open /dev/net/tun when they can, and
# /dev/tunN or /dev/tapN otherwise.  For TARGET tuntap each runs in a
# mount namespace whose /dev/net is an empty tmpfs, so it takes our
# nodes; for TARGET linux it sees /dev/net/tun.  session_opens_units
# checks which it was: Linux's tun interfaces have
# /sys/class/net/<dev>/tun_flags, ours do not.
# Other targets: every row is a SKIP.
#
# A failure's TAP line carries the last lines of both ends' logs as "#"
# lines (report.sh prints them under the failure); the exit status is 1
# if any row failed.  Every wait polls with a deadline; the log says
# when each check ended and how long each session took.  Addresses:
# 198.18.0.0/15 and 2001:db8::/32 only.
#
# Another program joins as PROG_server, PROG_client and PROG_ready (see
# "the programs" below) and a session_PROG that names its units and
# addresses and calls session; docs/real-programs.md lists the programs
# tried that are not here, and why.
set -eu

list=0
if [ "${1:-}" = --list-tests ]; then
	list=1
	# no target: the sessions still ask why_skip, which reads it
	target=none
else
	[ $# -ge 2 ] || { echo "usage: $0 TARGET TAP [LOGDIR] | $0 --list-tests" >&2; exit 2; }
	target=$1
	tap=$2
	logdir=${3:-$(dirname "$tap")/programs-logs}
fi

# iproute2's ip, for netns: busybox sh, setsid and timeout would run
# busybox's own ip, which has none.  What ip netns exec runs goes by PATH
# (/tt/bin first).  Found by "the run" below.
iproute2=
ip() { "$iproute2" "$@"; }

srv=tt-srv
cli=tt-cli
pids=""
cleanup() {
	for p in $pids; do kill -KILL "-$p" 2>/dev/null || true; done
	ip netns del "$srv" 2>/dev/null || true
	ip netns del "$cli" 2>/dev/null || true
	rm -rf "$work"
}

# --- TAP rows -----------------------------------------------------------

# since: seconds (to 0.01) since the session began, for the log.
since() {
	read -r _up _ </proc/uptime
	awk -v a="$_up" -v b="$t0" 'BEGIN { printf "%.2f", a - b }'
}

row_ok() {
	n=$((n + 1))
	echo "ok $n - clients:$name/$1" >>"$tap"
	echo "programs: ok $name/$1 ($(since) s)"
}
row_skip() {
	n=$((n + 1))
	echo "ok $n - clients:$name/$1 # SKIP $2" >>"$tap"
	echo "programs: skip $name/$1: $2"
}
# row_fail CHECK MESSAGE [nolog]: the row, then both ends' last log
# lines (but with nolog).
row_fail() {
	n=$((n + 1))
	fails=$((fails + 1))
	echo "not ok $n - clients:$name/$1: $2" >>"$tap"
	echo "programs: FAIL $name/$1 ($(since) s): $2"
	[ "${3:-}" != nolog ] || return 0
	for side in server client; do
		[ -s "$work/$side.log" ] || { echo "# $side: (nothing logged)"; continue; }
		tail -n 12 "$work/$side.log" | sed "s/^/# $side: /"
	done | tee -a "$tap"
}

# --- waiting ------------------------------------------------------------

# The deadline of each wait, in seconds: generous, since under emulation
# on a loaded host the guest runs ten times slower than usual (measured:
# a session of 20 s took 200); only a failure waits it out.
dl=30

# until_ok SECONDS CMD...: CMD every 0.1 s until it succeeds (status 0)
# or SECONDS have passed (status 1).
until_ok() {
	_end=$(($(date +%s) + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$_end" ] || return 1
		sleep 0.1
	done
}
not() { ! "$@"; }

# alive PID: PID runs (a zombie, exited but not yet waited for, does not).
alive() {
	read -r _st <"/proc/$1/stat" 2>/dev/null || return 1
	case $_st in *") Z "*) return 1 ;; esac
}

# stop PID: TERM to PID's process group (vtund's server forks a child a
# session), KILL if it outlives 10 s, and reap it.
stop() {
	kill -TERM "-$1" 2>/dev/null || true
	if ! until_ok 10 not alive "$1"; then
		echo "programs: process group $1 ignored TERM, killing it"
		kill -KILL "-$1" 2>/dev/null || true
	fi
	wait "$1" 2>/dev/null || true
	pids=$(echo "$pids" | tr ' ' '\n' | grep -vx "$1" | tr '\n' ' ')
}

in_ns() {
	ns=$1
	shift
	ip netns exec "$ns" "$@"
}

# listening NS PORT: a TCP socket (IPv4 or IPv6) listens on PORT in NS.
listening() {
	in_ns "$1" cat /proc/net/tcp /proc/net/tcp6 |
	    awk -v p=":$(printf %04X "$2")" 'substr($2, length($2) - 4) == p && $4 == "0A" { f = 1 } END { exit !f }'
}

# unit_ready NS DEV ADDR: DEV is up and vtund's `up` has given it ADDR.
unit_ready() {
	in_ns "$1" ip -o addr show dev "$2" up | grep -q "inet $3[/ ]"
}
unit_gone() { not in_ns "$1" ip link show dev "$2"; }
unit_state() {
	_s=$(in_ns "$1" ip -br addr show dev "$2" 2>/dev/null) || _s="$2 absent"
	echo "$_s" | tr -s ' '
}
# linux_tun NS DEV: DEV is an interface of Linux's tun.ko.
linux_tun() { in_ns "$1" test -e "/sys/class/net/$2/tun_flags"; }

# run_in NS LOG CMD...: CMD in NS, in a process group of its own, seeing
# the target's device nodes, its output to LOG; its pid in $bg_pid.
run_in() {
	ns=$1 log=$2
	shift 2
	if [ "$target" = tuntap ]; then
		# shellcheck disable=SC2016 # expanded by the inner sh
		setsid "$iproute2" netns exec "$ns" sh -c \
		    'mount -t tmpfs tt-hide-net-tun /dev/net && exec "$@"' \
		    sh "$@" >>"$log" 2>&1 &
	else
		setsid "$iproute2" netns exec "$ns" "$@" >>"$log" 2>&1 &
	fi
	bg_pid=$!
	pids="$pids $bg_pid"
}

# ping_all NS ADDR [6]: 3 echo requests, 3 replies.
ping_all() {
	in_ns "$1" "ping${3:-}" -c 3 -i 0.2 -W 5 "$2" >"$work/ping" 2>&1 &&
	    grep -q ' 0% packet loss' "$work/ping"
}

# lost: what the last ping said, on one line.
lost() { tail -n 2 "$work/ping" 2>/dev/null | tr '\n' ' '; }

# --- the programs -------------------------------------------------------
# Each PROG has PROG_server (start it, set $spid; $msg and status 1 if
# it does not come up), PROG_client (start it, set $cpid) and PROG_ready
# (status 0 once both units are up with their IPv4 addresses).

# vt_conf FILE ROLE: the configuration of one end (ROLE server or
# client); the session's parameters are in the caller's variables.
vt_conf() {
	if [ "$2" = server ]; then
		dev=$sdev my4=$s4 peer4=$c4
	else
		dev=$cdev my4=$c4 peer4=$s4
	fi
	if [ "$type" = tun ]; then
		ifargs="%% $my4 pointopoint $peer4 mtu 1400 up"
	else
		ifargs="%% $my4 netmask 255.255.255.0 mtu 1400 up"
	fi
	cat >"$1" <<-EOF
	options {
		port $port;
		timeout $dl;
		ifconfig $(which ifconfig);
	}
	tt {
		passwd tt-vtund-secret;
		type $type;
		proto $proto;
		device $dev;
		compress no;
		encrypt no;
		keepalive yes;
		stat no;
		persist no;
		up {
			ifconfig "$ifargs";
		};
	}
	EOF
}

vtund_server() {
	vt_conf "$work/server.conf" server
	vt_conf "$work/client.conf" client
	run_in "$srv" "$work/server.log" vtund -n -s -f "$work/server.conf" -P "$port"
	spid=$bg_pid
	until_ok $dl listening "$srv" "$port" ||
	    { msg="the vtund server did not listen on port $port within $dl s"; return 1; }
}
vtund_client() {
	run_in "$cli" "$work/client.log" vtund -n -f "$work/client.conf" -P "$port" tt 198.18.0.1
	cpid=$bg_pid
}
# vtund's `up` configures both ends.
vtund_ready() {
	until_ok $dl unit_ready "$srv" "$sdev" "$s4" &&
	    until_ok $dl unit_ready "$cli" "$cdev" "$c4"
}

# icmptx opens the first of /dev/tun0, /dev/tun1, ... that opens (when
# /dev/net/tun does not) and configures nothing: its user brings the
# unit up from outside while icmptx already sits in its select() loop.
# ix_up NS DEV ADDR4 PEER4 ADDR6: wait for DEV, then configure it.
ix_up() {
	until_ok $dl in_ns "$1" ip link show dev "$2" &&
	    in_ns "$1" ifconfig "$2" "$3" pointopoint "$4" mtu 1400 up &&
	    in_ns "$1" ip -6 addr replace "$5/64" dev "$2" nodad
}
icmptx_server() {
	run_in "$srv" "$work/server.log" icmptx -s 198.18.0.1
	spid=$bg_pid
	ix_up "$srv" "$sdev" "$s4" "$c4" "$s6" ||
	    { msg="icmptx -s: $sdev not configured within $dl s: $(unit_state "$srv" "$sdev")"; return 1; }
}
icmptx_client() {
	run_in "$cli" "$work/client.log" icmptx -c 198.18.0.1
	cpid=$bg_pid
}
icmptx_ready() { ix_up "$cli" "$cdev" "$c4" "$s4" "$c6"; }

# --- one session --------------------------------------------------------

# ready: PROG_ready, then one echo reply through the tunnel (the first
# may find the far end still configuring).
ready() {
	if [ "$fam" = 4 ]; then
		"${prog}_ready" && until_ok $dl in_ns "$cli" ping -c 1 -W 1 "$s4"
	else
		"${prog}_ready" && until_ok $dl in_ns "$cli" ping6 -c 1 -W 1 "$s6"
	fi
}

# ping_both: 3 of 3 echo replies each way, over IP version $fam.
ping_both() {
	if [ "$fam" = 4 ]; then
		ping_all "$cli" "$s4" && ping_all "$srv" "$c4"
	else
		ping_all "$cli" "$s6" 6 && ping_all "$srv" "$c6" 6
	fi
}

bulk() {
	dd if=/dev/urandom of="$work/bulk" bs=64k count=32 2>/dev/null
	rm -f "$work/bulk.recv"
	printf '#!/bin/sh\nexec cat >%s\n' "$work/bulk.recv" >"$work/recv.sh"
	chmod 755 "$work/recv.sh"
	setsid timeout 300 "$iproute2" netns exec "$srv" nc -l -p 5001 -e "$work/recv.sh" </dev/null &
	rpid=$!
	pids="$pids $rpid"
	if ! until_ok $dl listening "$srv" 5001; then
		stop "$rpid"
		msg="nc -l did not listen within $dl s"
		return 1
	fi
	bt0=$(date +%s)
	if ! timeout 300 "$iproute2" netns exec "$cli" nc "$s4" 5001 <"$work/bulk"; then
		stop "$rpid"
		msg="the sending nc failed or took over 300 s"
		return 1
	fi
	wait "$rpid" || true
	pids=$(echo "$pids" | tr ' ' '\n' | grep -vx "$rpid" | tr '\n' ' ')
	sent=$(sha256sum <"$work/bulk")
	got=$(sha256sum <"$work/bulk.recv" 2>/dev/null || echo none)
	echo "programs: $name: 2 MiB in $(($(date +%s) - bt0)) s"
	if [ "$sent" != "$got" ]; then
		msg="sha256 sent ${sent%% *}, received ${got%% *} ($(wc -c <"$work/bulk.recv" 2>/dev/null || echo 0) bytes)"
		return 1
	fi
}


# restart: the client stopped, its unit closed (and the server's too
# when its session ends with the client's: srv_closes=1); the client
# started again, the same units up, pings both ways.
restart() {
	stop "$cpid"
	if ! until_ok $dl unit_gone "$cli" "$cdev"; then
		msg="client's $cdev still there $dl s after $prog exited"
		return 1
	fi
	if [ "$srv_closes" = 1 ] && ! until_ok $dl unit_gone "$srv" "$sdev"; then
		msg="server's $sdev still there $dl s after the client left"
		return 1
	fi
	"${prog}_client"
	if ! ready; then
		msg="no session after the restart: $(unit_state "$srv" "$sdev"); $(unit_state "$cli" "$cdev")"
		return 1
	fi
	if ! ping_both; then
		msg="pings lost after the restart: $(lost)"
		return 1
	fi
}

# session: the rows of one session of $prog, named $name, between units
# $sdev and $cdev with addresses $s4, $c4, $s6, $c6.  $fam: the IP
# version of the readiness and restart pings; with 6 there are no IPv4
# ping rows.
session() {
	[ "$list" = 0 ] || { echo "$name"; return 0; }
	checks="session_opens_units ipv6_ping_both_ways bulk_tcp_2mib_sha256_matches
client_restart_reopens_units no_errors_logged"
	[ "$fam" = 6 ] || checks="ping_client_to_server ping_server_to_client $checks"
	if [ -n "$skip" ]; then
		for c in $checks; do row_skip "$c" "$skip"; done
		return 0
	fi
	read -r t0 _ </proc/uptime
	: >"$work/server.log"
	: >"$work/client.log"
	spid="" cpid="" up=0
	if ! "${prog}_server"; then
		row_fail session_opens_units "$msg"
	else
		"${prog}_client"
		if ! ready; then
			row_fail session_opens_units "no session within the deadlines: $(unit_state "$srv" "$sdev"); $(unit_state "$cli" "$cdev")"
		elif [ "$target" = linux ] && ! { linux_tun "$srv" "$sdev" && linux_tun "$cli" "$cdev"; }; then
			row_fail session_opens_units "$sdev/$cdev are not Linux tun's: $prog did not take /dev/net/tun"
		elif [ "$target" = tuntap ] && { linux_tun "$srv" "$sdev" || linux_tun "$cli" "$cdev"; }; then
			row_fail session_opens_units "$sdev/$cdev are Linux tun's: $prog did not take /dev/$sdev, /dev/$cdev"
		else
			row_ok session_opens_units
			up=1
		fi
	fi
	if [ "$up" = 1 ]; then
		if [ "$fam" = 4 ] && ping_all "$cli" "$s4"; then
			row_ok ping_client_to_server
		elif [ "$fam" = 4 ]; then
			row_fail ping_client_to_server "$(lost)"
		fi
		if [ "$fam" = 4 ] && ping_all "$srv" "$c4"; then
			row_ok ping_server_to_client
		elif [ "$fam" = 4 ]; then
			row_fail ping_server_to_client "$(lost)"
		fi
		if ! in_ns "$srv" ip -6 addr replace "$s6/64" dev "$sdev" nodad ||
		    ! in_ns "$cli" ip -6 addr replace "$c6/64" dev "$cdev" nodad; then
			row_fail ipv6_ping_both_ways "ip -6 addr replace failed"
		elif ping_all "$cli" "$s6" 6 && ping_all "$srv" "$c6" 6; then
			row_ok ipv6_ping_both_ways
		else
			row_fail ipv6_ping_both_ways "$(lost)"
		fi
		if bulk; then
			row_ok bulk_tcp_2mib_sha256_matches
		else
			row_fail bulk_tcp_2mib_sha256_matches "$msg"
		fi
		if restart; then
			row_ok client_restart_reopens_units
		else
			row_fail client_restart_reopens_units "$msg"
		fi
	else
		for c in $checks; do
			case $c in session_opens_units | no_errors_logged) continue ;; esac
			row_fail "$c" "not tried: no session (session_opens_units)" nolog
		done
	fi
	# Both ends down, and their units closed, before the next session
	# opens the same nodes.
	[ -z "$cpid" ] || stop "$cpid"
	[ -z "$spid" ] || stop "$spid"
	until_ok $dl unit_gone "$cli" "$cdev" || true
	until_ok $dl unit_gone "$srv" "$sdev" || true
	for side in server client; do
		grep -i -E 'error|fail|denied|can.t' "$work/$side.log" | sed "s/^/$side: /"
	done >"$work/errors"
	if [ -s "$work/errors" ]; then
		row_fail no_errors_logged "$prog logged: $(head -n 1 "$work/errors")"
	else
		row_ok no_errors_logged
	fi
	cp "$work/server.log" "$logdir/$name.server.log"
	cp "$work/client.log" "$logdir/$name.client.log"
	echo "programs: $name took $(since) s"
}

# session_vtund KIND PROTO: a vtund session (KIND tun or tap, PROTO tcp or udp).
session_vtund() {
	prog=vtund fam=4 srv_closes=1 port=5000 proto=$2
	name=vtund_$1_$2
	if [ "$1" = tun ]; then
		type=tun sdev=tun0 cdev=tun1 net=0
	else
		type=ether sdev=tap0 cdev=tap1 net=1
	fi
	s4=198.19.$net.1 c4=198.19.$net.2
	s6=2001:db8:0:$((net + 1))::1 c6=2001:db8:0:$((net + 1))::2
	skip=$(why_skip vtund vtun)
	session
}

# session_icmptx: an icmptx session (tun, over ICMP echo).  On our nodes
# the server takes /dev/tun0, the first free, and the client /dev/tun1
# (tun0 is busy); Linux's tun names both tun0, each in its namespace.
# icmptx cannot carry ICMPv4 on any driver: its raw socket receives the
# ICMP coming out of its own tunnel too, and it sends on to the source of
# the last ICMP received, a tunnel address.  So its pings are IPv6 only
# (fam=6), and the server's kernel, which answers the client's echo
# requests too, hands the client its own packets back: its stack drops
# them (not its address).  The server's icmptx runs on across the
# client's restart.
session_icmptx() {
	prog=icmptx fam=6 srv_closes=0
	name=icmptx_tun_icmp
	sdev=tun0 cdev=tun1
	[ "$target" != linux ] || cdev=tun0
	s4=198.19.2.1 c4=198.19.2.2 s6=2001:db8:0:3::1 c6=2001:db8:0:3::2
	skip=$(why_skip icmptx icmptx)
	session
}

# --- the run ------------------------------------------------------------

# why_skip PROGRAM PACKAGE: why the PROGRAM's rows cannot run, if so.
why_skip() {
	case $target in
	tuntap | linux) ;;
	*) echo "real programs run only on tuntap and linux (the VM)"; return ;;
	esac
	command -v "$1" >/dev/null ||
	    echo "$1 is not in the image (apt-get install $2 on the host)"
}

# sessions: every session, in order.  Under --list-tests session only
# prints each one's name, the test name of its rows (clients:NAME/CHECK),
# which a clause of conformance/SPEC.md must name (harness/spec-check.sh):
# a session added here is listed, so it cannot go without a clause.
sessions() {
	session_vtund tun tcp
	session_vtund tun udp
	session_vtund tap tcp
	session_vtund tap udp
	session_icmptx
}
if [ "$list" = 1 ]; then
	sessions
	exit 0
fi

iproute2=/tt/bin/ip
[ -x "$iproute2" ] || iproute2=$(which ip)
work=$(mktemp -d)
trap cleanup EXIT
trap 'exit 1' INT TERM
n=0
fails=0
: >"$tap"
mkdir -p "$logdir"

if [ "$target" = tuntap ] || [ "$target" = linux ]; then
	# vtund's lock and pid files, and ip netns's mounts.
	mkdir -p /var/lock/vtund /var/run /run/netns
	ip netns add "$srv"
	ip netns add "$cli"
	ip link add tt-s netns "$srv" type veth peer name tt-c netns "$cli"
	in_ns "$srv" ip addr add 198.18.0.1/30 dev tt-s
	in_ns "$cli" ip addr add 198.18.0.2/30 dev tt-c
	for ns in "$srv" "$cli"; do
		in_ns "$ns" ip link set lo up
		# No automatic IPv6 link-local address, so no DAD, MLD or
		# router solicitation when a unit comes up (see the header).
		in_ns "$ns" sh -c 'echo 1 >/proc/sys/net/ipv6/conf/default/addr_gen_mode'
	done
	in_ns "$srv" ip link set tt-s up
	in_ns "$cli" ip link set tt-c up
fi
sessions
echo "1..$n" >>"$tap"
[ "$fails" = 0 ]
