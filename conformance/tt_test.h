/*
 * tt_test.h: what every conformance test file shares.
 *
 * The suite speaks of "a device" (struct tt_dev): one open tun or tap
 * unit.  How a unit is opened and how its header mode is switched and
 * framed is the target's business: its adapter (tt_target.h,
 * tt_target_<name>.c), so that the same tests run against other drivers.
 * What a target legitimately does differently is data:
 * conformance/expect/<target>.txt (tt_run.c).
 */
#ifndef TT_TEST_H
#define TT_TEST_H

#include <check.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "tt_target.h"

/* ---- assertions ------------------------------------------------------ */

const char *tt_errname(int e);

/* errno is compared by name, and a failure names both */
#define ck_assert_errno(e)                                                  \
	ck_assert_msg(errno == (e), "errno is %s, expected %s",             \
		      tt_errname(errno), #e)

/* call must return -1 with errno e */
#define TT_ASSERT_FAILS(call, e)                                            \
	do {                                                                \
		long tt_r_;                                                 \
		errno = 0;                                                  \
		tt_r_ = (long)(call);                                       \
		ck_assert_msg(tt_r_ == -1 && errno == (e),                  \
			      "%s returned %ld (errno %s), expected -1 and %s", \
			      #call, tt_r_, tt_errname(errno), #e);         \
	} while (0)

/* call must not return a negative value */
#define TT_ASSERT_OK(call)                                                  \
	do {                                                                \
		long tt_r_;                                                 \
		errno = 0;                                                  \
		tt_r_ = (long)(call);                                       \
		ck_assert_msg(tt_r_ >= 0, "%s failed: %s", #call,           \
			      tt_errname(errno));                           \
	} while (0)

/* ---- the device under test (tt_target.c) ------------------------------ */

enum tt_dev_kind { TT_DEV_TUN, TT_DEV_TAP };

struct tt_dev {
	int fd;
	enum tt_dev_kind kind;
	int unit;
	char name[IFNAMSIZ];
	int hdr;		/* the header mode, for adapters that track it */
};

/* What tt_dev_setup configures besides opening. */
#define TT_SETUP_V4	0x1	/* IPv4 address (tun: and peer) */
#define TT_SETUP_V6	0x2	/* IPv6 address; without it IPv6 is off */
#define TT_SETUP_UP	0x4	/* bring the interface up */
/* Up without the pcap cross-check (tt_xio.c): for the race and load
 * suites, whose rates overrun a capture and whose many units outnumber
 * its slots; they balance the counters instead. */
#define TT_SETUP_NOXIO	0x8
#define TT_SETUP_ALL	(TT_SETUP_V4 | TT_SETUP_V6 | TT_SETUP_UP)

/* The path of a unit's character device, e.g. /dev/tun0. */
const char *tt_dev_path(enum tt_dev_kind kind, int unit);
/* Open a unit; 0 on success, else -1 with errno.  oflags are added to
 * O_RDWR (O_NONBLOCK, O_CLOEXEC). */
int tt_dev_open(struct tt_dev *d, enum tt_dev_kind kind, int unit, int oflags);
void tt_dev_close(struct tt_dev *d);
/* The header mode (TUNSIFHEAD, or what the target has); 0 or -1/errno. */
int tt_dev_set_header(struct tt_dev *d, int on);
/* The target's 4-byte header for family af (AF_INET, AF_INET6), and
 * whether a header read says af: tests never spell the bytes out. */
void tt_hdr_put(uint8_t *hdr, int af);
int tt_hdr_is(const uint8_t *hdr, int af);
/* Wait up to ms until n packets are queued (the target may only be able
 * to tell "at least one"); 1 or 0. */
int tt_dev_wait_queued(struct tt_dev *d, int n, int ms);
/* Open and configure, asserting every step: the usual fixture. */
void tt_dev_setup(struct tt_dev *d, enum tt_dev_kind kind, int unit,
		  int what);
/* Read and discard whatever is queued now (the device must be up). */
int tt_dev_drain(struct tt_dev *d);

/* ---- addresses the suite uses ------------------------------------------ */
/*
 * Only the benchmarking range 198.18.0.0/15 and the documentation prefix
 * 2001:db8::/32: nothing here can leave the machine or collide with a
 * real network.  tun unit U: 198.18.U.1 local, 198.18.U.2 peer;
 * tap unit U: 198.19.U.1/24 local, neighbours 198.19.U.n;
 * IPv6: 2001:db8:K:U::1/64 local (K 0 for tun, 1 for tap), ::n neighbours.
 */
void tt_addr4(const struct tt_dev *d, int host, struct in_addr *a);
void tt_addr6(const struct tt_dev *d, int host, struct in6_addr *a);
/* The MAC the tests give a tap's simulated neighbour n. */
void tt_peer_mac(int host, uint8_t mac[6]);

/* ---- interface configuration (tt_netcfg.c) ---------------------------- */

int tt_if_exists(const char *name);
int tt_if_flags(const char *name);		/* IFF_*, or -1 */
int tt_if_set_up(const char *name, int up);
int tt_if_mtu(const char *name);
int tt_if_set_mtu(const char *name, int mtu);
int tt_if_hwaddr(const char *name, uint8_t mac[6]);
int tt_if_set_hwaddr(const char *name, const uint8_t mac[6]);
int tt_if_txqueuelen(const char *name);
int tt_if_set_txqueuelen(const char *name, int qlen);
int tt_if_add_addr4(const char *name, const struct in_addr *local,
		    const struct in_addr *peer, int prefix);
int tt_if_add_addr6(const char *name, const struct in6_addr *a, int prefix);
int tt_if_has_addr4(const char *name);		/* 1, 0, or -1 */
int tt_if_has_route(const char *name);		/* an IPv4 route via it */
long long tt_if_stat(const char *name, const char *counter);
/* The number a /proc or /sys file holds, or -1 when it cannot be read. */
long long tt_file_number(const char *path);
int tt_if_delete(const char *name);		/* RTM_DELLINK; -errno */
int tt_sysctl_set(const char *path, const char *value);
/* 1 when name has a global IPv6 address and none is tentative. */
int tt_if_addr6_usable(const char *name);
/* A permanent ARP entry for ip at mac (SIOCSARP); 0 or -1/errno. */
int tt_if_add_neigh4(const char *name, const struct in_addr *ip,
		     const uint8_t mac[6]);

/* ---- sockets and waiting (tt_io.c) ------------------------------------ */

int tt_udp4_socket(const struct in_addr *bind_addr, uint16_t port);
int tt_udp6_socket(const struct in6_addr *bind_addr, uint16_t port);
int tt_wait_readable(int fd, int ms);		/* 1 ready, 0 timed out */
int tt_poll_events(int fd, short events, int ms);	/* revents or 0 */

typedef int (*tt_match_fn)(const uint8_t *pkt, size_t len, const void *arg);
/* Read packets until one matches (others are skipped) or ms pass;
 * the length of the match, or -1. */
ssize_t tt_read_match(struct tt_dev *d, uint8_t *buf, size_t n, int ms,
		      tt_match_fn match, const void *arg);

/* Children (tt_child.c or tt_xsim_child.c; what they share: tt_child_run.c).
 * Run fn(arg) in a child; its exit status, or -1 if it had to be killed
 * after ms.  A test's blocking side goes here so it cannot hang. */
int tt_child_run(int (*fn)(void *), void *arg, int ms);
/* Start fn in a child now; tt_child_wait collects it like tt_child_run. */
pid_t tt_child_start(int (*fn)(void *), void *arg);
int tt_child_wait(pid_t pid, int ms);
/* A child that should sleep on: -1 when it is still running after ms
 * (it runs on, for tt_child_wait), else the status it ended with. */
int tt_child_asleep(pid_t pid, int ms);
/* A forked child (tt_io.c): as tt_child_wait, for a real process. */
int tt_child_reap(pid_t pid, int ms);
int tt_child_reap_asleep(pid_t pid, int ms);	/* see tt_child_asleep */
void tt_msleep(int ms);
/* CLOCK_MONOTONIC in ms: for deadlines. */
long long tt_now_ms(void);
/* One read() of fd in a child, so that a driver that blocks cannot hang
 * the suite: the errno it failed with, 0 if it read, -1 if it was still
 * blocked after ms. */
int tt_read_errno(int fd, int ms);
#define TT_ASSERT_READ_ERRNO(fd, e, ms)                                     \
	do {                                                                \
		int tt_e_ = tt_read_errno((fd), (ms));                      \
		ck_assert_msg(tt_e_ == (e), "read: %s, expected %s",        \
			      tt_e_ < 0 ? "still blocked at the deadline" : \
			      tt_e_ == 0 ? "returned data" :                \
			      tt_errname(tt_e_), #e);                       \
	} while (0)

/* ---- children that block (tt_child.c) --------------------------------- */

/* A child's exit status besides 0 and errno values: */
#define TT_CHILD_OK	0
#define TT_CHILD_BADPKT	200	/* read returned something else */
#define TT_CHILD_SETUP	201	/* the child could not start its work */
/* A child's exit status in words, for failure messages (tt_target.c,
 * beside tt_errname). */
const char *tt_child_status(int st);
#define TT_ASSERT_CHILD(st, want)                                           \
	ck_assert_msg((st) == (want), "child: %s, expected %s",             \
		      tt_child_status(st), #want)
/* Start fn(arg) in a child and wait up to ms until it is about to call
 * fn: its pid, or -1 with how it ended in *st. */
pid_t tt_child_start_ready(int (*fn)(void *), void *arg, int ms, int *st);
/* A reader in a child: one read() of d, blocking; it exits with the errno
 * it failed with, TT_CHILD_OK when match(packet, length, arg) says it is
 * the packet expected, else TT_CHILD_BADPKT. */
struct tt_reader {
	struct tt_dev *d;
	tt_match_fn match;
	const void *arg;
};
/* Start it and assert that it is still blocked after 200 ms: its pid. */
pid_t tt_reader_start_blocked(const struct tt_reader *r, int ms);

/* ---- the stack as the sender (tt_stack.c) ----------------------------- */

/* Up with IPv4 only, and on tap a permanent neighbour 2: then the stack
 * queues nothing but the datagrams a test sends. */
void tt_stack_setup(struct tt_dev *d, enum tt_dev_kind kind, int unit);
void tt_stack_add_neigh(const struct tt_dev *d);	/* tap: neighbour 2 */
/* The same for a unit opened some other way (O_NONBLOCK, Linux's own API),
 * and without the pcap cross-check that tt_dev_setup starts. */
void tt_stack_config(struct tt_dev *d);
/* The stack sends one UDP datagram to the peer (host 2); 0 when sent. */
int tt_stack_send(const struct tt_dev *d, uint16_t port, const void *payload,
		  size_t n);
int tt_stack_send6(const struct tt_dev *d, uint16_t port, const void *payload,
		   size_t n);
/* FIONREAD, asserted: the length of the next packet read returns, or 0. */
int tt_stack_fionread(const struct tt_dev *d);

/* ---- packets (tt_pkt.c) ----------------------------------------------- */

#define TT_ETH_LEN	14
#define TT_PKT_MAX	(65535 + 64)

uint16_t tt_csum(const void *data, size_t len, uint32_t sum);
/* The big-endian 16 bits at p. */
uint16_t tt_pkt_get16(const uint8_t *p);
/* A payload whose every byte says which datagram it is (seed) and where. */
void tt_pkt_fill(uint8_t *p, size_t n, unsigned seed);
size_t tt_pkt_udp4(uint8_t *buf, const struct in_addr *src,
		   const struct in_addr *dst, uint16_t sport, uint16_t dport,
		   const void *payload, size_t n);
size_t tt_pkt_icmp4_echo(uint8_t *buf, const struct in_addr *src,
			 const struct in_addr *dst, uint16_t id, uint16_t seq,
			 const void *payload, size_t n);
size_t tt_pkt_udp6(uint8_t *buf, const struct in6_addr *src,
		   const struct in6_addr *dst, uint16_t sport, uint16_t dport,
		   const void *payload, size_t n);
size_t tt_pkt_icmp6_echo(uint8_t *buf, const struct in6_addr *src,
			 const struct in6_addr *dst, uint16_t id, uint16_t seq,
			 const void *payload, size_t n);
/* Prefix an Ethernet header: buf must have 14 bytes before the payload
 * already in buf + 14. */
size_t tt_pkt_eth(uint8_t *buf, const uint8_t dst[6], const uint8_t src[6],
		  uint16_t ethertype, size_t payload_len);
size_t tt_pkt_arp_reply(uint8_t *buf, const uint8_t smac[6],
			const struct in_addr *sip, const uint8_t tmac[6],
			const struct in_addr *tip);
/* A neighbour advertisement for target from mac, to dst / dmac. */
size_t tt_pkt_na(uint8_t *buf, const uint8_t mac[6],
		 const struct in6_addr *target, const uint8_t dmac[6],
		 const struct in6_addr *dst);

/* Matchers for tt_read_match: arg points to what to look for. */
struct tt_match_udp { int l2; uint16_t dport; };	/* l2: frame has eth */
int tt_match_udp4(const uint8_t *p, size_t n, const void *arg);
int tt_match_udp6(const uint8_t *p, size_t n, const void *arg);
struct tt_match_icmp { int l2; uint16_t id; };
int tt_match_icmp4_reply(const uint8_t *p, size_t n, const void *arg);
int tt_match_icmp6_reply(const uint8_t *p, size_t n, const void *arg);
int tt_match_arp_request(const uint8_t *p, size_t n, const void *tip);
int tt_match_ns(const uint8_t *p, size_t n, const void *target);
int tt_match_any(const uint8_t *p, size_t n, const void *arg);

/* ---- capture (tt_pcap.c) ---------------------------------------------- */

struct tt_cap;
struct tt_cap *tt_cap_open(const char *ifname);
int tt_cap_datalink(struct tt_cap *c);
/* 1 when a packet equal to bytes is captured within ms, else 0. */
int tt_cap_expect(struct tt_cap *c, const uint8_t *bytes, size_t n, int ms);
void tt_cap_close(struct tt_cap *c);

/* ---- packet comparison (tt_dump.c) ------------------------------------ */

/* Fail unless got is want (tt_pkt_expect) or, at offset off, holds want
 * (exact: and ends there); the message dumps both around the first
 * difference.  tt_dump_hex: up to max bytes of p as hex rows; its length. */
void tt_pkt_expect(const void *got, size_t gotlen, const void *want,
		   size_t wantlen, const char *what);
void tt_pkt_expect_at(const void *got, size_t gotlen, size_t off,
		      const void *want, size_t wantlen, int exact,
		      const char *what);
size_t tt_dump_hex(char *out, size_t size, const char *tag, const void *p,
		   size_t len, size_t max);
Suite *tt_dump_selftest_suite(void);

/* ---- registration (tt_run.c) ------------------------------------------ */
/*
 * Every test is registered through tt_tcase_add, whatever Check macro the
 * suite calls: the runner names each run (test, or test/variant for a
 * loop test: tun, tap, tun-af), leaves out what the target's expect file
 * skips, and matches each result to the expectation.
 */
TCase *tt_tcase_create(const char *name);
void tt_tcase_add(TCase *tc, const TTest *tf, int sig, int exit_value,
		  int start, int end, int loop);
#define tcase_create(name) tt_tcase_create(name)
#undef tcase_add_test
#define tcase_add_test(tc, tf) tt_tcase_add((tc), (tf), 0, 0, 0, 1, 0)
#undef tcase_add_test_raise_signal
#define tcase_add_test_raise_signal(tc, tf, sig)                            \
	tt_tcase_add((tc), (tf), (sig), 0, 0, 1, 0)
#undef tcase_add_exit_test
#define tcase_add_exit_test(tc, tf, ev)                                     \
	tt_tcase_add((tc), (tf), 0, (ev), 0, 1, 0)
#undef tcase_add_loop_test
#define tcase_add_loop_test(tc, tf, s, e)                                   \
	tt_tcase_add((tc), (tf), 0, 0, (s), (e), 1)
#undef tcase_add_loop_test_raise_signal
#define tcase_add_loop_test_raise_signal(tc, tf, sig, s, e)                 \
	tt_tcase_add((tc), (tf), (sig), 0, (s), (e), 1)
#undef tcase_add_loop_exit_test
#define tcase_add_loop_exit_test(tc, tf, ev, s, e)                          \
	tt_tcase_add((tc), (tf), 0, (ev), (s), (e), 1)

/* ---- the pcap cross-check (tt_xio.c) ----------------------------------- */
/*
 * tt_dev_setup() of an interface it brings up starts a capture on it
 * (tt_xio_begin); from then on every read() and write() of the tests on
 * that device is logged, and tt_dev_close() fails the test unless the
 * capture shows each logged packet, in order, byte for byte, with the
 * link type the target declares.
 */
#include <unistd.h>
void tt_xio_begin(struct tt_dev *d);
void tt_xio_end(struct tt_dev *d);
ssize_t tt_xio_read(int fd, void *buf, size_t n);
ssize_t tt_xio_write(int fd, const void *buf, size_t n);
#ifndef TT_XIO_IMPL
#define read(fd, buf, n) tt_xio_read((fd), (buf), (n))
#define write(fd, buf, n) tt_xio_write((fd), (buf), (n))
#endif

/* ---- suites ----------------------------------------------------------- */

Suite *make_life_suite(void);
Suite *make_read_suite(void);
Suite *make_write_suite(void);
Suite *make_nonblock_suite(void);
Suite *make_poll_suite(void);
Suite *make_ioctl_suite(void);
Suite *make_config_suite(void);
Suite *make_queue_suite(void);
Suite *make_ipv6_suite(void);
Suite *make_peer_suite(void);
Suite *make_pcap_suite(void);
Suite *make_linux_suite(void);
Suite *make_clients_suite(void);
Suite *make_module_suite(void);

Suite *make_race_suite(void);
Suite *make_load_suite(void);
Suite *make_hostile_suite(void);

#endif /* TT_TEST_H */
