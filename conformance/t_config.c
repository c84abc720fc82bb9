// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_config.c: the interface is configured the Linux way, with the
 * SIOCSIF* ioctls: up and down, MTU (68..65535, default 1500), the tap's
 * MAC, IPv4 addresses; and what is configured is what the device does.
 * Contract section "config".
 */
#include "tt_test.h"

#include <arpa/inet.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define TT_PORT_LOCAL	40201	/* the host's socket */
#define TT_PORT_PEER	40202	/* the simulated peer */
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */
#define TT_UDP4_HDRS	(20 + 8)
#define TT_BIG_MTU	9000

static uint8_t tt_buf[TT_PKT_MAX];
static uint8_t tt_payload[TT_PKT_MAX];
static const uint8_t tt_bcast_mac[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
/* the MAC the tests give a tap: locally administered, unicast */
static const uint8_t tt_new_mac[6] = { 0x02, 0x54, 0x54, 0xaa, 0x00, 0x01 };

static int tt_cfg_sock(void)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	ck_assert_msg(s >= 0, "socket: %s", tt_errname(errno));
	return s;
}

/* An IPv4 address of the interface read back with SIOCGIF* (req). */
static struct in_addr tt_cfg_get_addr(const char *name, unsigned long req)
{
	struct sockaddr_in sin;
	struct ifreq ifr;
	int s = tt_cfg_sock();

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	ck_assert_msg(ioctl(s, req, &ifr) == 0, "SIOCGIF* %#lx on %s: %s",
		      req, name, tt_errname(errno));
	close(s);
	memcpy(&sin, &ifr.ifr_addr, sizeof(sin));
	ck_assert_int_eq(sin.sin_family, AF_INET);
	return sin.sin_addr;
}

/* The host's UDP socket, bound to the interface's address. */
static int tt_cfg_host_socket(const struct tt_dev *d)
{
	struct in_addr local;
	int s;

	tt_addr4(d, 1, &local);
	s = tt_udp4_socket(&local, TT_PORT_LOCAL);
	ck_assert_msg(s >= 0, "UDP socket: %s", tt_errname(errno));
	return s;
}

/* Write a UDP datagram of n payload bytes from the peer to the host's
 * socket (tap: in a frame to the interface's MAC); write()'s result. */
static ssize_t tt_cfg_write_udp(struct tt_dev *d, size_t n)
{
	struct in_addr local, peer;
	uint8_t mac[6], peer_mac[6];
	size_t len;

	tt_addr4(d, 1, &local);
	tt_addr4(d, 2, &peer);
	memset(tt_payload, 'w', n);
	len = tt_pkt_udp4(tt_buf + TT_ETH_LEN, &peer, &local, TT_PORT_PEER,
			  TT_PORT_LOCAL, tt_payload, n);
	if (d->kind == TT_DEV_TUN)
		return tt_xio_write(d->fd, tt_buf + TT_ETH_LEN, len);
	ck_assert_int_eq(tt_if_hwaddr(d->name, mac), ARPHRD_ETHER);
	tt_peer_mac(2, peer_mac);
	len = tt_pkt_eth(tt_buf, mac, peer_mac, 0x0800, len);
	return tt_xio_write(d->fd, tt_buf, len);
}

/* The host's socket receives one datagram of n bytes within the wait. */
static void tt_cfg_recv(int s, size_t n)
{
	ck_assert_msg(tt_wait_readable(s, TT_WAIT_MS),
		      "the written datagram did not reach the socket");
	ck_assert_int_eq(recv(s, tt_payload, sizeof(tt_payload), 0),
			 (ssize_t)n);
}

/* The host's socket sends n bytes to the peer, unfragmented. */
static void tt_cfg_send(const struct tt_dev *d, int s, size_t n)
{
	struct sockaddr_in peer = { .sin_family = AF_INET,
				    .sin_port = htons(TT_PORT_PEER) };
	int pmtu = IP_PMTUDISC_DO;

	tt_addr4(d, 2, &peer.sin_addr);
	TT_ASSERT_OK(setsockopt(s, IPPROTO_IP, IP_MTU_DISCOVER, &pmtu,
				sizeof(pmtu)));
	memset(tt_payload, 's', n);
	ck_assert_msg(sendto(s, tt_payload, n, 0, (struct sockaddr *)&peer,
			     sizeof(peer)) == (ssize_t)n,
		      "sendto of %zu bytes: %s", n, tt_errname(errno));
}

/* Both directions work: a written datagram reaches the host's socket,
 * and one the socket sends is read whole from the device. */
static void tt_cfg_io_works(struct tt_dev *d, int s, size_t n)
{
	struct tt_match_udp m = { d->kind == TT_DEV_TAP, TT_PORT_PEER };
	size_t want = (d->kind == TT_DEV_TAP ? TT_ETH_LEN : 0) +
		      TT_UDP4_HDRS + n;

	ck_assert_int_eq(tt_cfg_write_udp(d, n), (ssize_t)(want));
	tt_cfg_recv(s, n);
	if (d->kind == TT_DEV_TAP) {
		/* the peer's MAC, as a permanent neighbour: going down
		 * flushes the neighbours, so give it again each time */
		tt_stack_add_neigh(d);
	}
	tt_cfg_send(d, s, n);
	ck_assert_int_eq(tt_read_match(d, tt_buf, sizeof(tt_buf), TT_WAIT_MS,
				       tt_match_udp4, &m),
			 (ssize_t)want);
}

/* SIOCSIFFLAGS takes the interface up and down: the flags say so, and
 * the device follows: read() and write() fail with EIO while down and
 * work again once it is up. */
START_TEST(test_up_down_reflected_in_flags_and_io)
{
	struct tt_dev d;
	int s, round;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4);
	s = tt_cfg_host_socket(&d);
	/* down before the first up, then down again after it */
	for (round = 0; round < 2; round++) {
		if (round > 0)
			TT_ASSERT_OK(tt_if_set_up(d.name, 0));
		ck_assert(!(tt_if_flags(d.name) & IFF_UP));
		TT_ASSERT_FAILS(tt_cfg_write_udp(&d, 8), EIO);
		TT_ASSERT_READ_ERRNO(d.fd, EIO, TT_WAIT_MS);

		TT_ASSERT_OK(tt_if_set_up(d.name, 1));
		ck_assert(tt_if_flags(d.name) & IFF_UP);
		tt_cfg_io_works(&d, s, 8);
	}
	close(s);
	tt_dev_close(&d);
}
END_TEST

/* The MTU starts at 1500. */
START_TEST(test_mtu_default_1500)
{
	struct tt_dev d;

	TT_ASSERT_OK(tt_dev_open(&d, _i, 0, 0));
	ck_assert_int_eq(tt_if_mtu(d.name), 1500);
	tt_dev_close(&d);
}
END_TEST

/* SIOCSIFMTU accepts every MTU from 68 to 65535, both ends included. */
START_TEST(test_mtu_range_68_to_65535_accepted)
{
	static const int mtus[] = { 68, 65535, 1280, 9000, 1500 };
	struct tt_dev d;
	size_t i;

	tt_dev_setup(&d, _i, 0, 0);
	for (i = 0; i < sizeof(mtus) / sizeof(mtus[0]); i++) {
		ck_assert_msg(tt_if_set_mtu(d.name, mtus[i]) == 0,
			      "MTU %d refused: %s", mtus[i],
			      tt_errname(errno));
		ck_assert_int_eq(tt_if_mtu(d.name), mtus[i]);
	}
	tt_dev_close(&d);
}
END_TEST

/* An MTU outside 68..65535 is refused with EINVAL and the MTU stays what
 * it was. */
START_TEST(test_mtu_outside_range_einval_unchanged)
{
	static const int bad[] = { 67, 65536, 0, -1, 1 << 20 };
	struct tt_dev d;
	size_t i;

	tt_dev_setup(&d, _i, 0, 0);
	TT_ASSERT_OK(tt_if_set_mtu(d.name, 1400));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		ck_assert_msg(tt_if_set_mtu(d.name, bad[i]) == -1 &&
			      errno == EINVAL,
			      "MTU %d: errno %s, expected EINVAL", bad[i],
			      tt_errname(errno));
		ck_assert_int_eq(tt_if_mtu(d.name), 1400);
	}
	tt_dev_close(&d);
}
END_TEST

/* A larger MTU carries larger packets both ways: after MTU 9000 a
 * written packet of 9000 bytes of IP reaches the host's socket, and the
 * host's unfragmented 9000-byte packet is read whole. */
START_TEST(test_larger_mtu_carries_larger_packets)
{
	const size_t n = TT_BIG_MTU - TT_UDP4_HDRS;
	struct tt_dev d;
	int s;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	s = tt_cfg_host_socket(&d);
	/* too big for the default MTU of 1500 */
	TT_ASSERT_FAILS(tt_cfg_write_udp(&d, n), EMSGSIZE);
	ck_assert_int_eq(tt_if_set_mtu(d.name, TT_BIG_MTU), 0);
	tt_cfg_io_works(&d, s, n);
	close(s);
	tt_dev_close(&d);
}
END_TEST

/* tap: SIOCSIFHWADDR sets the MAC and SIOCGIFHWADDR reads it back. */
START_TEST(test_tap_mac_set_and_read_back)
{
	struct tt_dev d;
	uint8_t mac[6];

	TT_ASSERT_OK(tt_dev_open(&d, TT_DEV_TAP, 0, 0));
	ck_assert_int_eq(tt_if_hwaddr(d.name, mac), ARPHRD_ETHER);
	ck_assert_msg(memcmp(mac, tt_new_mac, 6) != 0,
		      "the random MAC is the test's");
	ck_assert_msg(tt_if_set_hwaddr(d.name, tt_new_mac) == 0,
		      "SIOCSIFHWADDR: %s", tt_errname(errno));
	ck_assert_int_eq(tt_if_hwaddr(d.name, mac), ARPHRD_ETHER);
	ck_assert_msg(memcmp(mac, tt_new_mac, 6) == 0, "MAC not set");
	tt_dev_close(&d);
}
END_TEST

/* tap: what the stack sends after the MAC was set comes from it: the
 * source of the ARP request's frame and its sender hardware address,
 * and the source of the datagram that follows. */
START_TEST(test_tap_mac_is_source_of_what_stack_sends)
{
	struct tt_match_udp m = { 1, TT_PORT_PEER };
	struct in_addr local, peer;
	uint8_t peer_mac[6];
	struct tt_dev d;
	size_t n;
	int s;

	tt_dev_setup(&d, TT_DEV_TAP, 0, TT_SETUP_V4);
	ck_assert_msg(tt_if_set_hwaddr(d.name, tt_new_mac) == 0,
		      "SIOCSIFHWADDR: %s", tt_errname(errno));
	TT_ASSERT_OK(tt_if_set_up(d.name, 1));
	tt_addr4(&d, 1, &local);
	tt_addr4(&d, 2, &peer);
	tt_peer_mac(2, peer_mac);
	s = tt_cfg_host_socket(&d);
	tt_cfg_send(&d, s, 16);

	ck_assert_msg(tt_read_match(&d, tt_buf, sizeof(tt_buf), TT_WAIT_MS,
				    tt_match_arp_request, &peer) > 0,
		      "no ARP request for the peer");
	ck_assert_msg(memcmp(tt_buf, tt_bcast_mac, 6) == 0,
		      "ARP request not broadcast");
	ck_assert_msg(memcmp(tt_buf + 6, tt_new_mac, 6) == 0,
		      "ARP request's frame not from the new MAC");
	ck_assert_msg(memcmp(tt_buf + TT_ETH_LEN + 8, tt_new_mac, 6) == 0,
		      "ARP sender hardware address not the new MAC");
	ck_assert_msg(memcmp(tt_buf + TT_ETH_LEN + 14, &local, 4) == 0,
		      "ARP sender address not the interface's");

	n = tt_pkt_arp_reply(tt_buf, peer_mac, &peer, tt_new_mac, &local);
	ck_assert_int_eq(tt_xio_write(d.fd, tt_buf, n), (ssize_t)n);
	ck_assert_int_eq(tt_read_match(&d, tt_buf, sizeof(tt_buf), TT_WAIT_MS,
				       tt_match_udp4, &m),
			 TT_ETH_LEN + TT_UDP4_HDRS + 16);
	ck_assert_msg(memcmp(tt_buf, peer_mac, 6) == 0,
		      "datagram not to the peer's MAC");
	ck_assert_msg(memcmp(tt_buf + 6, tt_new_mac, 6) == 0,
		      "datagram not from the new MAC");
	close(s);
	tt_dev_close(&d);
}
END_TEST

/* tap: a multicast MAC (broadcast included) is refused with
 * EADDRNOTAVAIL, and the MAC stays what it was. */
START_TEST(test_tap_multicast_mac_refused)
{
	static const uint8_t mcast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	uint8_t before[6], after[6];
	struct tt_dev d;

	TT_ASSERT_OK(tt_dev_open(&d, TT_DEV_TAP, 0, 0));
	ck_assert_int_eq(tt_if_hwaddr(d.name, before), ARPHRD_ETHER);
	TT_ASSERT_FAILS(tt_if_set_hwaddr(d.name, mcast), EADDRNOTAVAIL);
	TT_ASSERT_FAILS(tt_if_set_hwaddr(d.name, tt_bcast_mac), EADDRNOTAVAIL);
	ck_assert_int_eq(tt_if_hwaddr(d.name, after), ARPHRD_ETHER);
	ck_assert_msg(memcmp(before, after, 6) == 0,
		      "a refused MAC changed the MAC");
	tt_dev_close(&d);
}
END_TEST

/* IPv4 addresses set with SIOCSIFADDR, SIOCSIFNETMASK and (tun, point
 * to point) SIOCSIFDSTADDR read back as set, and the stack uses them:
 * the host's datagram to the peer goes out through the device from the
 * interface's address (tap: first an ARP request from it). */
START_TEST(test_ipv4_address_and_peer_read_back)
{
	struct in_addr local, peer, a;
	struct tt_match_udp m = { 0, TT_PORT_PEER };
	struct tt_dev d;
	int s;

	tt_dev_setup(&d, _i, 0, TT_SETUP_V4 | TT_SETUP_UP);
	tt_addr4(&d, 1, &local);
	tt_addr4(&d, 2, &peer);
	a = tt_cfg_get_addr(d.name, SIOCGIFADDR);
	ck_assert_uint_eq(ntohl(a.s_addr), ntohl(local.s_addr));
	a = tt_cfg_get_addr(d.name, SIOCGIFNETMASK);
	ck_assert_uint_eq(ntohl(a.s_addr),
			  _i == TT_DEV_TUN ? 0xffffffffu : 0xffffff00u);
	if (_i == TT_DEV_TUN) {
		ck_assert(tt_if_flags(d.name) & IFF_POINTOPOINT);
		a = tt_cfg_get_addr(d.name, SIOCGIFDSTADDR);
		ck_assert_uint_eq(ntohl(a.s_addr), ntohl(peer.s_addr));
	} else {
		a = tt_cfg_get_addr(d.name, SIOCGIFBRDADDR);
		ck_assert_uint_eq(ntohl(a.s_addr), ntohl(local.s_addr) | 0xff);
	}

	s = tt_cfg_host_socket(&d);
	tt_cfg_send(&d, s, 4);
	if (_i == TT_DEV_TUN) {
		ck_assert_int_eq(tt_read_match(&d, tt_buf, sizeof(tt_buf),
					       TT_WAIT_MS, tt_match_udp4, &m),
				 TT_UDP4_HDRS + 4);
		ck_assert_msg(memcmp(tt_buf + 12, &local, 4) == 0,
			      "not from the interface's address");
		ck_assert_msg(memcmp(tt_buf + 16, &peer, 4) == 0,
			      "not to the peer address");
	} else {
		ck_assert_msg(tt_read_match(&d, tt_buf, sizeof(tt_buf),
					    TT_WAIT_MS, tt_match_arp_request,
					    &peer) > 0,
			      "no ARP request for the neighbour");
		ck_assert_uint_eq(tt_pkt_get16(tt_buf + TT_ETH_LEN + 6), 1);
		ck_assert_msg(memcmp(tt_buf + TT_ETH_LEN + 14, &local, 4) == 0,
			      "ARP request not from the interface's address");
	}
	close(s);
	tt_dev_close(&d);
}
END_TEST

Suite *make_config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tt_tcase_create("config");

	tt_test_add_variants(tc, test_up_down_reflected_in_flags_and_io,
			     "tun", "tap");
	tt_test_add_variants(tc, test_mtu_default_1500, "tun", "tap");
	tt_test_add_variants(tc, test_mtu_range_68_to_65535_accepted,
			     "tun", "tap");
	tt_test_add_variants(tc, test_mtu_outside_range_einval_unchanged,
			     "tun", "tap");
	tt_test_add_variants(tc, test_larger_mtu_carries_larger_packets,
			     "tun", "tap");
	tt_test_add(tc, test_tap_mac_set_and_read_back);
	tt_test_add(tc, test_tap_mac_is_source_of_what_stack_sends);
	tt_test_add(tc, test_tap_multicast_mac_refused);
	tt_test_add_variants(tc, test_ipv4_address_and_peer_read_back,
			     "tun", "tap");
	suite_add_tcase(s, tc);
	return s;
}
