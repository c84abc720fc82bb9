// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_ioctl.c: the requests the character device answers.  TUNSIFHEAD and
 * TUNGIFHEAD switch the AF header of tun (and are refused on tap), and a
 * switch frames packets already queued; FIONREAD is the length the next
 * read() returns; TUNGIFNAME is the interface's name, whatever it is
 * now; every other request fails with ENOTTY.  Contract section "ioctl".
 */
#include "tt_test.h"

#include <arpa/inet.h>
#include <fcntl.h>
#ifdef __linux__
#include <linux/if_tun.h>
#else
/* Linux tun's requests and flags, for test_unknown_requests_enotty:
 * requests a BSD tun never heard of (linux/if_tun.h's values). */
#define TUNSETIFF	_IOW('T', 202, int)
#define TUNGETIFF	_IOR('T', 210, unsigned int)
#define IFF_TUN		0x0001
#define IFF_NO_PI	0x1000
#endif
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../driver/include/net/tun_ioctls.h"

#define TT_PORT_LOCAL	40101	/* the host's socket */
#define TT_PORT_PEER	40102	/* the simulated peer */
#define TT_WAIT_MS	3000	/* the VM is emulated: be generous */
#define TT_UDP4_HDRS	(20 + 8)

/* The other requests of the Mac OS X / BSD tun driver, not offered here. */
#define TT_TUNSLMODE	_IOW('t', 93, int)	/* TUNGIFNAME's number */
#define TT_TUNSIFMODE	_IOW('t', 94, int)
#define TT_TUNSIFPID	_IO('t', 95)

static uint8_t tt_buf[TT_PKT_MAX];

/* Wait until want packets are queued on d (the target knows how). */
static void tt_wait_queued(struct tt_dev *d, int want)
{
	ck_assert_msg(tt_dev_wait_queued(d, want, TT_WAIT_MS),
		      "%s: %d packets not queued within %d ms", d->name, want,
		      TT_WAIT_MS);
}

/* Up with IPv4 (so the stack sends nothing by itself), and a socket of
 * the host's whose datagrams to *peer go out through the device. */
static int tt_ioc_setup(struct tt_dev *d, enum tt_dev_kind kind,
			struct sockaddr_in *peer)
{
	struct in_addr local;
	int s;

	tt_dev_setup(d, kind, 0, TT_SETUP_V4 | TT_SETUP_UP);
	tt_addr4(d, 1, &local);
	memset(peer, 0, sizeof(*peer));
	peer->sin_family = AF_INET;
	peer->sin_port = htons(TT_PORT_PEER);
	tt_addr4(d, 2, &peer->sin_addr);
	if (kind == TT_DEV_TAP)
		tt_stack_add_neigh(d);
	s = tt_udp4_socket(&local, TT_PORT_LOCAL);
	ck_assert_msg(s >= 0, "UDP socket: %s", tt_errname(errno));
	return s;
}

static void tt_ioc_send(int s, const struct sockaddr_in *peer,
			const char *payload, size_t n)
{
	ck_assert_msg(sendto(s, payload, n, 0, (const struct sockaddr *)peer,
			     sizeof(*peer)) == (ssize_t)n,
		      "sendto: %s", tt_errname(errno));
}

/* What read() returns for a datagram of n bytes from the host's socket. */
static size_t tt_ioc_len(const struct tt_dev *d, size_t n, int hdr)
{
	return (d->kind == TT_DEV_TAP ? TT_ETH_LEN : 0) + (hdr ? 4 : 0) +
	       TT_UDP4_HDRS + n;
}

static int tt_header_mode(const struct tt_dev *d)
{
	int v = -1;

	ck_assert_msg(ioctl(d->fd, TUNGIFHEAD, &v) == 0, "TUNGIFHEAD: %s",
		      tt_errname(errno));
	return v;
}

/*
 * Read one packet of a tun and check its framing: with hdr, AF_INET in
 * network byte order, then the IPv4 packet; without, the IPv4 packet
 * from the first byte.  Its UDP payload must be payload.
 */
static void tt_read_udp4_framed(struct tt_dev *d, int hdr, const char *payload)
{
	size_t n = strlen(payload), off = hdr ? 4 : 0;
	ssize_t r;

	ck_assert_msg(tt_wait_readable(d->fd, TT_WAIT_MS),
		      "\"%s\" not readable within %d ms", payload, TT_WAIT_MS);
	r = tt_xio_read(d->fd, tt_buf, sizeof(tt_buf));
	ck_assert_msg(r >= 0, "read: %s", tt_errname(errno));
	ck_assert_int_eq(r, (ssize_t)(off + TT_UDP4_HDRS + n));
	if (hdr)
		ck_assert_msg(tt_hdr_is(tt_buf, AF_INET),
			      "no AF_INET header in front of \"%s\"", payload);
	ck_assert_msg(tt_buf[off] >> 4 == 4,
		      "\"%s\" does not start with an IPv4 header", payload);
	/* out of order or corrupt: the dump shows which */
	tt_pkt_expect_at(tt_buf, (size_t)r, off + TT_UDP4_HDRS, payload, n, 1,
			 "UDP payload");
}

/* TUNGIFHEAD reports 0 until TUNSIFHEAD sets the mode; any non-zero
 * argument turns it on (reported as 1), 0 turns it off. */
START_TEST(test_header_mode_round_trips)
{
	struct tt_dev d;
	int v;

	TT_ASSERT_OK(tt_dev_open(&d, TT_DEV_TUN, 0, 0));
	ck_assert_int_eq(tt_header_mode(&d), 0);
	v = 1;
	TT_ASSERT_OK(ioctl(d.fd, TUNSIFHEAD, &v));
	ck_assert_int_eq(tt_header_mode(&d), 1);
	v = 0;
	TT_ASSERT_OK(ioctl(d.fd, TUNSIFHEAD, &v));
	ck_assert_int_eq(tt_header_mode(&d), 0);
	v = 5;
	TT_ASSERT_OK(ioctl(d.fd, TUNSIFHEAD, &v));
	ck_assert_int_eq(tt_header_mode(&d), 1);
	v = -1;
	TT_ASSERT_OK(ioctl(d.fd, TUNSIFHEAD, &v));
	ck_assert_int_eq(tt_header_mode(&d), 1);
	v = 0;
	TT_ASSERT_OK(ioctl(d.fd, TUNSIFHEAD, &v));
	ck_assert_int_eq(tt_header_mode(&d), 0);
	tt_dev_close(&d);
}
END_TEST

/* tap has no AF header: TUNSIFHEAD and TUNGIFHEAD fail with ENOTTY. */
START_TEST(test_header_ioctls_enotty_on_tap)
{
	struct tt_dev d;
	int v = 1;

	TT_ASSERT_OK(tt_dev_open(&d, TT_DEV_TAP, 0, 0));
	TT_ASSERT_FAILS(ioctl(d.fd, TUNSIFHEAD, &v), ENOTTY);
	v = 0;
	TT_ASSERT_FAILS(ioctl(d.fd, TUNSIFHEAD, &v), ENOTTY);
	v = -1;
	TT_ASSERT_FAILS(ioctl(d.fd, TUNGIFHEAD, &v), ENOTTY);
	ck_assert_msg(v == -1, "TUNGIFHEAD failed but stored %d", v);
	tt_dev_close(&d);
}
END_TEST

/* Two packets queued with the header mode from, read after it switched
 * to the mode to: each is framed by the mode in force when it is read. */
static void tt_assert_reframed(int from, int to)
{
	struct sockaddr_in peer;
	struct tt_dev d;
	int s;

	s = tt_ioc_setup(&d, TT_DEV_TUN, &peer);
	if (from)
		TT_ASSERT_OK(tt_dev_set_header(&d, from));
	tt_ioc_send(s, &peer, "first", 5);
	tt_ioc_send(s, &peer, "second!", 7);
	tt_wait_queued(&d, 2);
	TT_ASSERT_OK(tt_dev_set_header(&d, to));
	tt_read_udp4_framed(&d, to, "first");
	tt_read_udp4_framed(&d, to, "second!");
	close(s);
	tt_dev_close(&d);
}

/* Turning the header on frames the packets already queued: each packet
 * is framed by the mode in force when it is read, not when it came. */
START_TEST(test_header_on_frames_packets_queued_before)
{
	tt_assert_reframed(0, 1);
}
END_TEST

/* Turning the header off likewise: packets queued while it was on are
 * read bare. */
START_TEST(test_header_off_unframes_packets_queued_before)
{
	tt_assert_reframed(1, 0);
}
END_TEST

/* FIONREAD is 0 with nothing queued, else the length of the next packet
 * alone (tun: the IP packet; tap: the frame), which is what read() then
 * returns; 0 again once the queue is empty. */
START_TEST(test_fionread_is_next_packet_length)
{
	static const char small[10] = "0123456789";
	static char big[300];
	struct sockaddr_in peer;
	struct tt_dev d;
	int s;

	s = tt_ioc_setup(&d, _i, &peer);
	ck_assert_int_eq(tt_stack_fionread(&d), 0);
	tt_ioc_send(s, &peer, small, sizeof(small));
	tt_ioc_send(s, &peer, big, sizeof(big));
	tt_wait_queued(&d, 2);
	/* the head packet, not the two together */
	ck_assert_int_eq(tt_stack_fionread(&d),
			 (int)tt_ioc_len(&d, sizeof(small), 0));
	ck_assert_int_eq(tt_xio_read(d.fd, tt_buf, sizeof(tt_buf)),
			 (ssize_t)tt_ioc_len(&d, sizeof(small), 0));
	ck_assert_int_eq(tt_stack_fionread(&d),
			 (int)tt_ioc_len(&d, sizeof(big), 0));
	/* FIONREAD consumes nothing: asking twice gives the same answer */
	ck_assert_int_eq(tt_stack_fionread(&d),
			 (int)tt_ioc_len(&d, sizeof(big), 0));
	ck_assert_int_eq(tt_xio_read(d.fd, tt_buf, sizeof(tt_buf)),
			 (ssize_t)tt_ioc_len(&d, sizeof(big), 0));
	ck_assert_int_eq(tt_stack_fionread(&d), 0);
	close(s);
	tt_dev_close(&d);
}
END_TEST

/* tun: FIONREAD includes the AF header when it is on, following the mode
 * in force now even for a packet queued before the switch. */
START_TEST(test_fionread_counts_af_header)
{
	struct sockaddr_in peer;
	struct tt_dev d;
	int s;

	s = tt_ioc_setup(&d, TT_DEV_TUN, &peer);
	tt_ioc_send(s, &peer, "abc", 3);
	tt_wait_queued(&d, 1);
	ck_assert_int_eq(tt_stack_fionread(&d), (int)tt_ioc_len(&d, 3, 0));
	TT_ASSERT_OK(tt_dev_set_header(&d, 1));
	ck_assert_int_eq(tt_stack_fionread(&d), (int)tt_ioc_len(&d, 3, 1));
	ck_assert_int_eq(tt_xio_read(d.fd, tt_buf, sizeof(tt_buf)),
			 (ssize_t)tt_ioc_len(&d, 3, 1));
	ck_assert_int_eq(tt_stack_fionread(&d), 0);
	tt_ioc_send(s, &peer, "defg", 4);
	tt_wait_queued(&d, 1);
	ck_assert_int_eq(tt_stack_fionread(&d), (int)tt_ioc_len(&d, 4, 1));
	TT_ASSERT_OK(tt_dev_set_header(&d, 0));
	ck_assert_int_eq(tt_stack_fionread(&d), (int)tt_ioc_len(&d, 4, 0));
	close(s);
	tt_dev_close(&d);
}
END_TEST

static void tt_gifname(const struct tt_dev *d, struct ifreq *ifr)
{
	memset(ifr, 0x55, sizeof(*ifr));
	ck_assert_msg(ioctl(d->fd, TUNGIFNAME, ifr) == 0, "TUNGIFNAME: %s",
		      tt_errname(errno));
	ck_assert_msg(memchr(ifr->ifr_name, '\0', IFNAMSIZ) != NULL,
		      "ifr_name is not terminated");
}

/* TUNGIFNAME gives the interface's name, tunK or tapK, in ifr_name. */
START_TEST(test_gifname_returns_interface_name)
{
	struct tt_dev d;
	struct ifreq ifr;

	TT_ASSERT_OK(tt_dev_open(&d, _i, 2, 0));
	tt_gifname(&d, &ifr);
	ck_assert_str_eq(ifr.ifr_name, _i == TT_DEV_TUN ? "tun2" : "tap2");
	tt_dev_close(&d);
}
END_TEST

#ifdef __linux__	/* SIOCSIFNAME: a Mac cannot rename an interface */
/* The name is the interface's name now: after SIOCSIFNAME renamed it
 * (while down), TUNGIFNAME returns the new name. */
START_TEST(test_gifname_follows_rename)
{
	static const char *newname = "ttrenamed1";
	struct tt_dev d;
	struct ifreq ifr;
	int s;

	TT_ASSERT_OK(tt_dev_open(&d, _i, 1, 0));
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(s, 0);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", d.name);
	snprintf(ifr.ifr_newname, sizeof(ifr.ifr_newname), "%s", newname);
	ck_assert_msg(ioctl(s, SIOCSIFNAME, &ifr) == 0, "SIOCSIFNAME: %s",
		      tt_errname(errno));
	close(s);
	ck_assert(tt_if_exists(newname));
	tt_gifname(&d, &ifr);
	ck_assert_str_eq(ifr.ifr_name, newname);
	tt_dev_close(&d);
	ck_assert_msg(!tt_if_exists(newname), "%s survives close", newname);
}
END_TEST
#endif

/* Every request the driver does not define fails with ENOTTY: an unused
 * number, Linux tun's TUNSETIFF, the BSD tun requests it leaves out (one
 * with TUNGIFNAME's number but another size and direction). */
START_TEST(test_unknown_requests_enotty)
{
	static const struct {
		unsigned long req;
		const char *name;
	} reqs[] = {
		{ _IO('t', 200), "_IO('t', 200)" },
		{ TUNSETIFF, "TUNSETIFF" },
		{ TUNGETIFF, "TUNGETIFF" },
		{ TT_TUNSLMODE, "TUNSLMODE" },
		{ TT_TUNSIFMODE, "TUNSIFMODE" },
		{ TT_TUNSIFPID, "TUNSIFPID" },
	};
	struct tt_dev d;
	struct ifreq ifr;
	size_t i;
	long r;

	TT_ASSERT_OK(tt_dev_open(&d, _i, 0, 0));
	for (i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		/* a valid argument, so only the request can be refused */
		memset(&ifr, 0, sizeof(ifr));
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "x%zu", i);
		ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
		errno = 0;
		r = ioctl(d.fd, reqs[i].req, &ifr);
		ck_assert_msg(r == -1 && errno == ENOTTY,
			      "%s returned %ld (errno %s), expected ENOTTY",
			      reqs[i].name, r, tt_errname(errno));
	}
	/* none of them changed the unit */
	tt_gifname(&d, &ifr);
	ck_assert_str_eq(ifr.ifr_name, d.name);
	tt_dev_close(&d);
}
END_TEST

/* There is no asynchronous I/O: FIOASYNC fails with ENOTTY, and the file
 * does not become O_ASYNC. */
START_TEST(test_fioasync_enotty)
{
	struct tt_dev d;
	int on = 1, fl;

	TT_ASSERT_OK(tt_dev_open(&d, _i, 0, 0));
	TT_ASSERT_FAILS(ioctl(d.fd, FIOASYNC, &on), ENOTTY);
	fl = fcntl(d.fd, F_GETFL);
	ck_assert_int_ge(fl, 0);
	ck_assert_msg(!(fl & O_ASYNC), "O_ASYNC set by a refused FIOASYNC");
	tt_dev_close(&d);
}
END_TEST

Suite *make_ioctl_suite(void)
{
	Suite *s = suite_create("ioctl");
	TCase *tc = tt_tcase_create("ioctl");

	tt_test_add(tc, test_header_mode_round_trips);
	tt_test_add(tc, test_header_ioctls_enotty_on_tap);
	tt_test_add(tc, test_header_on_frames_packets_queued_before);
	tt_test_add(tc, test_header_off_unframes_packets_queued_before);
	tt_test_add_variants(tc, test_fionread_is_next_packet_length,
			     "tun", "tap");
	tt_test_add(tc, test_fionread_counts_af_header);
	tt_test_add_variants(tc, test_gifname_returns_interface_name,
			     "tun", "tap");
#ifdef __linux__
	tt_test_add_variants(tc, test_gifname_follows_rename, "tun", "tap");
#endif
	tt_test_add_variants(tc, test_unknown_requests_enotty, "tun", "tap");
	tt_test_add_variants(tc, test_fioasync_enotty, "tun", "tap");
	suite_add_tcase(s, tc);
	return s;
}
