/*
 * xt_rw.c: reads and writes: one packet each, the framing of tun (with
 * and without the AF header, AF_INET6 being 30 here) and tap, the size
 * limits, truncation, counters, bpf, EIO while down (a sleeper sleeps on,
 * close wakes it), and mbuf chains of every shape.
 */
#include <stdlib.h>

#include "xt.h"

static uint8_t pkt[70000], got[70000];

/* Receive one packet the stack got: its length and family. */
static long xt_recv(int *pf)
{
	char ifname[16];

	return xsim_stack_recv(ifname, pf, got, sizeof(got));
}

/* A write of an IP packet reaches the stack as that family, whole. */
START_TEST(test_tun_write)
{
	struct xsim_if_stats st;
	struct xt_dev d;
	int pf;

	xt_open_up(&d, XT_TUN, 0);
	ck_assert_int_eq(xsim_write(d.fd, pkt, xt_pkt4(pkt, 84)), 84);
	ck_assert_int_eq(xt_recv(&pf), 84);
	ck_assert_int_eq(pf, xt_AF_INET);
	ck_assert_mem_eq(got, pkt, 84);
	ck_assert_int_eq(xsim_write(d.fd, pkt, xt_pkt6(pkt, 1500)), 1500);
	ck_assert_int_eq(xt_recv(&pf), 1500);
	ck_assert_int_eq(pf, 30);
	ck_assert_mem_eq(got, pkt, 1500);
	XT_OK(xsim_if_stats("tun0", &st));
	ck_assert_uint_eq(st.ipackets, 2);
	ck_assert_uint_eq(st.ibytes, 84 + 1500);
	ck_assert_uint_eq(st.ierrors, 0);
	xt_close(&d);
}
END_TEST

/* With TUNSIFHEAD a write starts with the family, network order, and
 * this OS's numbers: AF_INET6 is 30 (Linux's 10 is no family here). */
START_TEST(test_tun_write_af)
{
	struct xsim_if_stats st;
	struct xt_dev d;
	int on = 1, pf;

	xt_open_up(&d, XT_TUN, 1);
	XT_OK(xsim_ioctl(d.fd, xt_TUNSIFHEAD, &on));
	memcpy(pkt, "\0\0\0\x1e", 4);
	xt_pkt6(pkt + 4, 100);
	ck_assert_int_eq(xsim_write(d.fd, pkt, 104), 104);
	ck_assert_int_eq(xt_recv(&pf), 100);
	ck_assert_int_eq(pf, 30);
	ck_assert_mem_eq(got, pkt + 4, 100);
	memcpy(pkt, "\0\0\0\x02", 4);
	xt_pkt4(pkt + 4, 100);
	ck_assert_int_eq(xsim_write(d.fd, pkt, 104), 104);
	ck_assert_int_eq(xt_recv(&pf), 100);
	ck_assert_int_eq(pf, xt_AF_INET);
	/* a header that disagrees with its payload */
	memcpy(pkt, "\0\0\0\x02", 4);
	xt_pkt6(pkt + 4, 100);
	XT_FAILS(xsim_write(d.fd, pkt, 104), EINVAL);
	/* Linux's AF_INET6, and host byte order: not families here */
	memcpy(pkt, "\0\0\0\x0a", 4);
	XT_FAILS(xsim_write(d.fd, pkt, 104), EAFNOSUPPORT);
	memcpy(pkt, "\x1e\0\0\0", 4);
	XT_FAILS(xsim_write(d.fd, pkt, 104), EAFNOSUPPORT);
	XT_FAILS(xsim_write(d.fd, pkt, 3), EINVAL);
	XT_OK(xsim_if_stats("tun1", &st));
	ck_assert_uint_eq(st.ierrors, 4);
	ck_assert_uint_eq(st.ibytes, 200);	/* without the headers */
	xt_close(&d);
}
END_TEST

/* Bad content without the header: EINVAL, and the unit keeps working. */
START_TEST(test_tun_write_bad)
{
	struct xt_dev d;

	xt_open_up(&d, XT_TUN, 2);
	memset(pkt, 0, 64);
	pkt[0] = 0x50;				/* version 5 */
	XT_FAILS(xsim_write(d.fd, pkt, 64), EINVAL);
	pkt[0] = 0x45;				/* IPv4, but too short */
	XT_FAILS(xsim_write(d.fd, pkt, 19), EINVAL);
	pkt[0] = 0x60;				/* IPv6, too short */
	XT_FAILS(xsim_write(d.fd, pkt, 39), EINVAL);
	XT_FAILS(xsim_write(d.fd, pkt, 0), EINVAL);
	ck_assert_int_eq(xsim_write(d.fd, pkt, xt_pkt4(pkt, 20)), 20);
	ck_assert_int_eq(xt_recv(NULL), 20);
	ck_assert_int_eq(xt_recv(NULL), -1);	/* nothing else got through */
	ck_assert_int_eq(xsim_live_mbufs(), 0);
	xt_close(&d);
}
END_TEST

/* Size limits: MTU plus header passes, one byte more is EMSGSIZE. */
START_TEST(test_size_limits)
{
	struct xt_dev t, p;
	uint8_t dst[6] = { 0x02, 0, 0, 0, 0, 1 };
	int on = 1;

	xt_open_up(&t, XT_TUN, 3);
	xt_open_up(&p, XT_TAP, 3);
	ck_assert_int_eq(xsim_write(t.fd, pkt, xt_pkt4(pkt, 1500)), 1500);
	XT_FAILS(xsim_write(t.fd, pkt, xt_pkt4(pkt, 1501)), EMSGSIZE);
	XT_OK(xsim_ioctl(t.fd, xt_TUNSIFHEAD, &on));
	memcpy(pkt, "\0\0\0\x02", 4);
	xt_pkt4(pkt + 4, 1500);
	ck_assert_int_eq(xsim_write(t.fd, pkt, 1504), 1504);
	xt_pkt4(pkt + 4, 1501);
	XT_FAILS(xsim_write(t.fd, pkt, 1505), EMSGSIZE);
	ck_assert_int_eq(xsim_write(p.fd, pkt, xt_frame4(pkt, 1514, dst)), 1514);
	XT_FAILS(xsim_write(p.fd, pkt, xt_frame4(pkt, 1515, dst)), EMSGSIZE);
	XT_FAILS(xsim_write(p.fd, pkt, 13), EINVAL);
	/* the largest MTU: a 64 KiB packet in a chain of 16K clusters */
	XT_OK(xsim_if_set_mtu("tun3", 65535));
	memcpy(pkt, "\0\0\0\x02", 4);
	xt_pkt4(pkt + 4, 65535);
	ck_assert_int_eq(xsim_write(t.fd, pkt, 65539), 65539);
	while (xt_recv(NULL) >= 0)
		;
	xt_close(&t);
	xt_close(&p);
}
END_TEST

/* Reading: one packet per read, framed by the mode at read time, the
 * AF header AF_INET6 = 30 in network order. */
START_TEST(test_tun_read)
{
	struct xsim_if_stats st;
	struct xt_dev d;
	uint8_t buf[2000];
	int on = 1;

	xt_open_up(&d, XT_TUN, 4);
	XT_OK(xt_send(&d, 1, 200, 0));
	XT_OK(xt_send(&d, 1, 300, 0));
	XT_OK(xt_send(&d, 0, 400, 0));
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 200);
	ck_assert_int_eq(buf[0] >> 4, 6);
	XT_OK(xsim_ioctl(d.fd, xt_TUNSIFHEAD, &on));	/* applies to queued */
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 304);
	ck_assert_mem_eq(buf, "\0\0\0\x1e", 4);
	ck_assert_int_eq(buf[4] >> 4, 6);
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 404);
	ck_assert_mem_eq(buf, "\0\0\0\x02", 4);
	xt_pkt4(pkt, 400);
	ck_assert_mem_eq(buf + 4, pkt, 400);
	XT_OK(xsim_if_stats("tun4", &st));
	ck_assert_uint_eq(st.opackets, 3);
	ck_assert_uint_eq(st.obytes, 900);
	xt_close(&d);
}
END_TEST

/* Chains of any shape read back byte for byte: tiny pieces, no room in
 * front (the framer must add an mbuf), clusters. */
START_TEST(test_read_chains)
{
	static const size_t segs[] = { 0, 1, 7, 64, 300, 2048 };
	struct xt_dev d;
	uint8_t buf[9100];
	size_t i;

	xt_open_up(&d, XT_TUN, 5);
	for (i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
		XT_OK(xt_send(&d, 0, 9000, segs[i]));
		ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 9000);
		xt_pkt4(pkt, 9000);
		ck_assert_msg(!memcmp(buf, pkt, 9000), "seg %zu differs",
			      segs[i]);
	}
	xt_close(&d);
}
END_TEST

/* A short buffer gets the head of the packet, the rest is dropped; the
 * counters count the whole packet.  A zero-length read takes nothing. */
START_TEST(test_truncate)
{
	struct xsim_if_stats st;
	struct xt_dev d;
	uint8_t buf[100];
	int n;

	xt_open_up(&d, XT_TUN, 6);
	XT_OK(xt_send(&d, 0, 1000, 0));
	XT_OK(xt_send(&d, 0, 60, 0));
	ck_assert_int_eq(xsim_read(d.fd, buf, 0), 0);
	XT_OK(xsim_ioctl(d.fd, xt_FIONREAD, &n));
	ck_assert_int_eq(n, 1000);
	ck_assert_int_eq(xsim_read(d.fd, buf, 10), 10);
	xt_pkt4(pkt, 1000);
	ck_assert_mem_eq(buf, pkt, 10);
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 60);
	XT_OK(xsim_if_stats("tun6", &st));
	ck_assert_uint_eq(st.obytes, 1060);
	xt_close(&d);
}
END_TEST

/* tap: frames both ways, the stack's frames from our MAC. */
START_TEST(test_tap_rw)
{
	static const uint8_t dst[6] = { 0x02, 0x54, 0x54, 0, 0, 2 };
	struct xt_dev d;
	uint8_t mac[6], buf[2000];
	int pf;

	xt_open_up(&d, XT_TAP, 7);
	ck_assert_int_eq(xsim_write(d.fd, pkt, xt_frame4(pkt, 98, dst)), 98);
	ck_assert_int_eq(xt_recv(&pf), 84);
	ck_assert_int_eq(pf, xt_AF_INET);
	ck_assert_mem_eq(got, pkt + 14, 84);
	XT_OK(xt_send(&d, 1, 100, 0));
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 114);
	XT_OK(xsim_if_lladdr("tap7", mac));
	ck_assert_mem_eq(buf, dst, 6);
	ck_assert_mem_eq(buf + 6, mac, 6);
	ck_assert_mem_eq(buf + 12, "\x86\xdd", 2);
	xt_close(&d);
}
END_TEST

/* bpf sees both directions with the link header of its type: tun
 * DLT_NULL (the family, host order), tap Ethernet. */
START_TEST(test_bpf)
{
	struct xt_dev d;
	uint8_t buf[2000], snap[2048];
	uint32_t af6 = 30;

	xt_open_up(&d, XT_TUN, 8);
	ck_assert_int_eq(xsim_write(d.fd, pkt, xt_pkt6(pkt, 120)), 120);
	ck_assert_int_eq(xsim_bpf_count("tun8", 0), 1);
	ck_assert_int_eq(xsim_bpf_last("tun8", 0, snap, sizeof(snap)), 124);
	ck_assert_mem_eq(snap, &af6, 4);
	ck_assert_mem_eq(snap + 4, pkt, 120);
	XT_OK(xt_send(&d, 1, 80, 0));
	ck_assert_int_eq(xsim_bpf_count("tun8", 1), 1);
	ck_assert_int_eq(xsim_bpf_last("tun8", 1, snap, sizeof(snap)), 84);
	ck_assert_mem_eq(snap, &af6, 4);
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 80);
	while (xt_recv(NULL) >= 0)
		;
	xt_close(&d);
}
END_TEST

/* Down: read and write fail with EIO, and a write counts nothing. */
START_TEST(test_eio_down)
{
	struct xsim_if_stats st;
	struct xt_dev d;
	uint8_t buf[100];

	ck_assert_int_eq(xt_open(&d, XT_TUN, 9, 0), 0);
	XT_FAILS(xsim_read(d.fd, buf, sizeof(buf)), EIO);
	XT_FAILS(xsim_write(d.fd, pkt, xt_pkt4(pkt, 40)), EIO);
	XT_FAILS(xsim_read(d.fd, buf, 0), EIO);
	XT_OK(xsim_if_stats("tun9", &st));
	ck_assert_uint_eq(st.ierrors, 0);
	xt_close(&d);
}
END_TEST

/* A reader blocked in read() sleeps on when the interface goes down,
 * and gets the first packet after it is up again (as the original
 * kexts: a program's reader thread survives ifconfig down; mtu; up). */
START_TEST(test_down_leaves_reader_asleep)
{
	struct xt_dev d;
	struct xt_bg *b;
	int err;

	xt_open_up(&d, XT_TUN, 10);
	b = xt_bg_read(d.fd, 2000);
	ck_assert_msg(!xt_bg_wait(b, 100), "read did not block");
	XT_OK(xsim_if_set_up("tun10", 0));
	ck_assert_msg(!xt_bg_wait(b, 200), "going down woke the reader");
	XT_OK(xsim_if_set_up("tun10", 1));
	XT_OK(xt_send(&d, 0, 40, 0));
	ck_assert_msg(xt_bg_wait(b, 5000), "a packet after up did not wake it");
	ck_assert_int_eq(xt_bg_join(b, &err), 40);
	xt_close(&d);
}
END_TEST

/* ... and close wakes it too; a packet wakes it with the packet. */
START_TEST(test_close_and_output_wake_reader)
{
	struct xt_dev d;
	struct xt_bg *b;
	int err;

	xt_open_up(&d, XT_TAP, 11);
	b = xt_bg_read(d.fd, 2000);
	ck_assert(!xt_bg_wait(b, 100));
	XT_OK(xt_send(&d, 0, 300, 0));
	ck_assert(xt_bg_wait(b, 5000));
	ck_assert_int_eq(xt_bg_join(b, &err), 314);
	b = xt_bg_read(d.fd, 2000);
	ck_assert(!xt_bg_wait(b, 100));
	XT_OK(xsim_close(d.fd));
	ck_assert_msg(xt_bg_wait(b, 5000), "close did not wake the reader");
	ck_assert_int_eq(xt_bg_join(b, &err), -1);
	ck_assert_str_eq(xt_errname(err), "EIO");
}
END_TEST

/* Going down drops what was queued, counted as output errors. */
START_TEST(test_down_drops_queue)
{
	struct xsim_if_stats st;
	struct xt_dev d;
	uint8_t buf[100];

	xt_open_up(&d, XT_TUN, 12);
	XT_OK(xt_send(&d, 0, 40, 0));
	XT_OK(xt_send(&d, 0, 40, 0));
	XT_OK(xsim_if_set_up("tun12", 0));
	XT_OK(xsim_if_set_up("tun12", 1));
	XT_OK(xsim_setfl(d.fd, XSIM_O_NONBLOCK));
	XT_FAILS(xsim_read(d.fd, buf, sizeof(buf)), EAGAIN);
	XT_OK(xsim_if_stats("tun12", &st));
	ck_assert_uint_eq(st.oerrors, 2);
	ck_assert_int_eq(xsim_live_mbufs(), 0);
	xt_close(&d);
}
END_TEST

Suite *xt_rw_suite(void)
{
	Suite *s = suite_create("darwin-rw");
	TCase *tc = tcase_create("rw");

	tcase_add_checked_fixture(tc, xt_setup, xt_teardown);
	tcase_add_test(tc, test_tun_write);
	tcase_add_test(tc, test_tun_write_af);
	tcase_add_test(tc, test_tun_write_bad);
	tcase_add_test(tc, test_size_limits);
	tcase_add_test(tc, test_tun_read);
	tcase_add_test(tc, test_read_chains);
	tcase_add_test(tc, test_truncate);
	tcase_add_test(tc, test_tap_rw);
	tcase_add_test(tc, test_bpf);
	tcase_add_test(tc, test_eio_down);
	tcase_add_test(tc, test_down_leaves_reader_asleep);
	tcase_add_test(tc, test_close_and_output_wake_reader);
	tcase_add_test(tc, test_down_drops_queue);
	suite_add_tcase(s, tc);
	return s;
}
