/*
 * xt_ctl.c: control: non-blocking mode, select, the cdev ioctls, the
 * interface ioctls (MTU, tap's MAC through SIOCSIFLLADDR, status), and
 * the output queue's bound.
 */
#include "xt.h"

/* Non-blocking from open, FIONBIO or fcntl, each undone again. */
START_TEST(test_nonblock)
{
	struct xt_dev d;
	struct xt_bg *b;
	uint8_t buf[100];
	int on = 1, off = 0, err;

	ck_assert_int_eq(xt_open(&d, XT_TUN, 0, XSIM_O_NONBLOCK), 0);
	XT_OK(xsim_if_set_up("tun0", 1));
	XT_OK(xsim_if_plumb("tun0", xt_AF_INET));
	XT_FAILS(xsim_read(d.fd, buf, sizeof(buf)), EAGAIN);
	XT_OK(xsim_setfl(d.fd, 0));
	b = xt_bg_read(d.fd, sizeof(buf));
	ck_assert_msg(!xt_bg_wait(b, 100), "blocking read returned");
	XT_OK(xt_send(&d, 0, 40, 0));
	ck_assert(xt_bg_wait(b, 5000));
	ck_assert_int_eq(xt_bg_join(b, &err), 40);
	XT_OK(xsim_ioctl(d.fd, xt_FIONBIO, &on));
	XT_FAILS(xsim_read(d.fd, buf, sizeof(buf)), EAGAIN);
	XT_OK(xsim_ioctl(d.fd, xt_FIONBIO, &off));
	XT_OK(xsim_setfl(d.fd, XSIM_O_NONBLOCK));
	XT_FAILS(xsim_read(d.fd, buf, sizeof(buf)), EAGAIN);
	xt_close(&d);
}
END_TEST

/* select: readable while a packet waits, writable while up, nothing
 * while down; a blocked select wakes on output, and sleeps through a
 * down until the first packet after the next up. */
START_TEST(test_select)
{
	struct xt_dev d;
	struct xt_bg *b;
	uint8_t buf[100];
	int rd = 1, wr = 1, err;

	xt_open_up(&d, XT_TUN, 1);
	ck_assert_int_eq(xsim_select(&d.fd, 1, &rd, &wr, 0), 1);
	ck_assert_int_eq(rd, 0);
	ck_assert_int_eq(wr, 1);
	XT_OK(xt_send(&d, 0, 40, 0));
	rd = 1, wr = 0;
	ck_assert_int_eq(xsim_select(&d.fd, 1, &rd, &wr, 0), 1);
	ck_assert_int_eq(rd, 1);
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 40);

	b = xt_bg_select(d.fd, 10000);
	ck_assert_msg(!xt_bg_wait(b, 100), "select returned on nothing");
	XT_OK(xt_send(&d, 0, 40, 0));
	ck_assert_msg(xt_bg_wait(b, 5000), "output did not wake select");
	ck_assert_int_eq(xt_bg_join(b, &err), 1);
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 40);

	b = xt_bg_select(d.fd, 10000);
	ck_assert(!xt_bg_wait(b, 100));
	XT_OK(xsim_if_set_up("tun1", 0));
	ck_assert_msg(!xt_bg_wait(b, 200), "going down woke select");
	rd = 1, wr = 1;
	ck_assert_int_eq(xsim_select(&d.fd, 1, &rd, &wr, 0), 0);
	XT_FAILS(xsim_read(d.fd, buf, sizeof(buf)), EIO);
	XT_OK(xsim_if_set_up("tun1", 1));
	XT_OK(xt_send(&d, 0, 40, 0));
	ck_assert_msg(xt_bg_wait(b, 5000), "a packet after up did not wake select");
	ck_assert_int_eq(xt_bg_join(b, &err), 1);
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 40);
	xt_close(&d);
}
END_TEST

/* TUNSIFHEAD / TUNGIFHEAD on tun; ENOTTY on tap. */
START_TEST(test_ioctl_header)
{
	struct xt_dev t, p;
	int v = 7, on = 1;

	ck_assert_int_eq(xt_open(&t, XT_TUN, 2, 0), 0);
	ck_assert_int_eq(xt_open(&p, XT_TAP, 2, 0), 0);
	XT_OK(xsim_ioctl(t.fd, xt_TUNGIFHEAD, &v));
	ck_assert_int_eq(v, 0);
	XT_OK(xsim_ioctl(t.fd, xt_TUNSIFHEAD, &on));
	XT_OK(xsim_ioctl(t.fd, xt_TUNGIFHEAD, &v));
	ck_assert_int_eq(v, 1);
	XT_FAILS(xsim_ioctl(p.fd, xt_TUNSIFHEAD, &on), ENOTTY);
	XT_FAILS(xsim_ioctl(p.fd, xt_TUNGIFHEAD, &v), ENOTTY);
	/* a new open starts without the header */
	xt_close(&t);
	ck_assert_int_eq(xt_open(&t, XT_TUN, 2, 0), 0);
	XT_OK(xsim_ioctl(t.fd, xt_TUNGIFHEAD, &v));
	ck_assert_int_eq(v, 0);
	xt_close(&t);
	xt_close(&p);
}
END_TEST

/* FIONREAD, TUNGIFNAME, FIOASYNC, anything else ENOTTY. */
START_TEST(test_ioctl_misc)
{
	struct xsim_ifreq ifr;
	struct xt_dev d;
	int n = -1, on = 1, off = 0;

	xt_open_up(&d, XT_TUN, 13);
	XT_OK(xsim_ioctl(d.fd, xt_FIONREAD, &n));
	ck_assert_int_eq(n, 0);
	XT_OK(xt_send(&d, 1, 300, 0));
	XT_OK(xsim_ioctl(d.fd, xt_FIONREAD, &n));
	ck_assert_int_eq(n, 300);
	XT_OK(xsim_ioctl(d.fd, xt_TUNSIFHEAD, &on));
	XT_OK(xsim_ioctl(d.fd, xt_FIONREAD, &n));
	ck_assert_int_eq(n, 304);
	memset(&ifr, 0, sizeof(ifr));
	XT_OK(xsim_ioctl(d.fd, xt_TUNGIFNAME, &ifr));
	ck_assert_str_eq(ifr.name, "tun13");
	XT_OK(xsim_ioctl(d.fd, xt_FIOASYNC, &off));
	XT_FAILS(xsim_ioctl(d.fd, xt_FIOASYNC, &on), ENOTTY);
	XT_FAILS(xsim_ioctl(d.fd, xt_REQ_UNKNOWN, &on), ENOTTY);
	xt_close(&d);
}
END_TEST

/* SIOCGIFSTATUS names the opener's pid. */
START_TEST(test_ifstatus)
{
	struct xsim_ifstat ifs;
	struct xt_dev d;

	xsim_set_pid(4242);
	ck_assert_int_eq(xt_open(&d, XT_TAP, 4, 0), 0);
	memset(&ifs, 0, sizeof(ifs));
	XT_OK(xsim_if_ioctl("tap4", xt_SIOCGIFSTATUS, &ifs));
	ck_assert_msg(strstr(ifs.ascii, "open (pid 4242)") != NULL,
		      "status: %s", ifs.ascii);
	xt_close(&d);
}
END_TEST

/* tap's MAC: SIOCSIFLLADDR with an AF_LINK address of 6 bytes; it is
 * then the source of what the stack sends. */
START_TEST(test_tap_lladdr)
{
	static const uint8_t mac[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	struct xsim_ifreq ifr;
	struct xt_dev d, t;
	uint8_t cur[6], buf[200];

	xt_open_up(&d, XT_TAP, 5);
	memset(&ifr, 0, sizeof(ifr));
	ifr.u.addr.sa_len = 6;
	ifr.u.addr.sa_family = (uint8_t)xt_AF_LINK;
	memcpy(ifr.u.addr.sa_data, mac, 6);
	XT_OK(xsim_if_ioctl("tap5", xt_SIOCSIFLLADDR, &ifr));
	XT_OK(xsim_if_lladdr("tap5", cur));
	ck_assert_mem_eq(cur, mac, 6);
	XT_OK(xt_send(&d, 0, 60, 0));
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 74);
	ck_assert_mem_eq(buf + 6, mac, 6);

	ifr.u.addr.sa_family = (uint8_t)xt_AF_INET;
	XT_FAILS(xsim_if_ioctl("tap5", xt_SIOCSIFLLADDR, &ifr), EINVAL);
	ifr.u.addr.sa_family = (uint8_t)xt_AF_LINK;
	ifr.u.addr.sa_len = 5;
	XT_FAILS(xsim_if_ioctl("tap5", xt_SIOCSIFLLADDR, &ifr), EINVAL);
	ifr.u.addr.sa_len = 6;
	ifr.u.addr.sa_data[0] = 0x01;		/* a group address */
	XT_FAILS(xsim_if_ioctl("tap5", xt_SIOCSIFLLADDR, &ifr), EINVAL);
	XT_OK(xsim_if_lladdr("tap5", cur));
	ck_assert_mem_eq(cur, mac, 6);

	ck_assert_int_eq(xt_open(&t, XT_TUN, 5, 0), 0);
	XT_FAILS(xsim_if_ioctl("tun5", xt_SIOCSIFLLADDR, &ifr), EOPNOTSUPP);
	xt_close(&t);
	xt_close(&d);
}
END_TEST

/* MTU: 1500 by default; the stack allows 72..65535 (IF_MINMTU), the
 * driver 68..65535 when asked directly. */
START_TEST(test_mtu)
{
	struct xsim_ifreq ifr;
	struct xt_dev d;

	ck_assert_int_eq(xt_open(&d, XT_TUN, 6, 0), 0);
	ck_assert_int_eq(xsim_if_mtu("tun6"), 1500);
	XT_OK(xsim_if_set_mtu("tun6", 9000));
	ck_assert_int_eq(xsim_if_mtu("tun6"), 9000);
	XT_FAILS(xsim_if_set_mtu("tun6", 71), EINVAL);
	XT_FAILS(xsim_if_set_mtu("tun6", 65536), EINVAL);
	memset(&ifr, 0, sizeof(ifr));
	ifr.u.mtu = 68;
	XT_OK(xsim_if_ioctl("tun6", xt_SIOCSIFMTU, &ifr));
	ck_assert_int_eq(xsim_if_mtu("tun6"), 68);
	ifr.u.mtu = 67;
	XT_FAILS(xsim_if_ioctl("tun6", xt_SIOCSIFMTU, &ifr), EINVAL);
	ck_assert_int_eq(xsim_if_mtu("tun6"), 68);
	xt_close(&d);
	ck_assert_int_eq(xt_open(&d, XT_TUN, 6, 0), 0);
	ck_assert_int_eq(xsim_if_mtu("tun6"), 1500);
	xt_close(&d);
}
END_TEST

/* 128 packets wait; the 129th gets ENOBUFS (and is freed); reading
 * makes room again.  Down, the stack's output gets EHOSTDOWN. */
START_TEST(test_queue_full)
{
	struct xsim_if_stats st;
	struct xt_dev d;
	uint8_t buf[100];
	int i;

	xt_open_up(&d, XT_TAP, 8);
	for (i = 0; i < 128; i++)
		XT_OK(xt_send(&d, 0, 40, 0));
	XT_FAILS(xt_send(&d, 0, 40, 0), ENOBUFS);
	XT_OK(xsim_if_stats("tap8", &st));
	ck_assert_uint_eq(st.oerrors, 1);
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 54);
	XT_OK(xt_send(&d, 0, 40, 0));
	XT_FAILS(xt_send(&d, 0, 40, 0), ENOBUFS);
	XT_OK(xsim_if_set_up("tap8", 0));
	XT_FAILS(xt_send(&d, 0, 40, 0), EHOSTDOWN);
	xt_close(&d);
	ck_assert_int_eq(xsim_live_mbufs(), 0);
}
END_TEST

Suite *xt_ctl_suite(void)
{
	Suite *s = suite_create("darwin-ctl");
	TCase *tc = tcase_create("ctl");

	tcase_add_checked_fixture(tc, xt_setup, xt_teardown);
	tcase_add_test(tc, test_nonblock);
	tcase_add_test(tc, test_select);
	tcase_add_test(tc, test_ioctl_header);
	tcase_add_test(tc, test_ioctl_misc);
	tcase_add_test(tc, test_ifstatus);
	tcase_add_test(tc, test_tap_lladdr);
	tcase_add_test(tc, test_mtu);
	tcase_add_test(tc, test_queue_full);
	suite_add_tcase(s, tc);
	return s;
}
