// SPDX-License-Identifier: GPL-2.0-only
/*
 * xt_xnu.c: the kexts against what XNU does that a kinder kernel would
 * not: its lock order (the interface lock around add_proto, del_proto
 * and demux), a name still in use just after a close, calls until the
 * detach callback, unplumbing on detach, allocations that fail, user
 * buffers in pieces or unmapped, signals during a sleep, and the majors
 * the kernel keeps for its own devices.
 */
#include <pthread.h>
#include <stdlib.h>

#include "xt.h"

static uint8_t pkt[20000], got[20000];

/*
 * The stack takes the interface lock, then tap's add_proto takes the
 * unit's: that order is seen, and a MAC change (whose ifnet_set_lladdr
 * takes the interface lock) made meanwhile does not reverse it.  Had
 * tt_if_ioctl kept the unit's lock around it, the checker would panic
 * here (mutant lladdr-under-unit-lock).
 */
START_TEST(test_interface_lock_comes_before_the_unit_lock)
{
	static const uint8_t mac[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	struct xsim_ifreq ifr;
	struct xt_dev d;

	xt_open_up(&d, XT_TAP, 0);
	/* tun loads first: its family lock is "tun mutex 1", a unit's 2 */
	ck_assert(xsim_lock_order_seen("ifnet_lock", "tun mutex 2"));
	ck_assert(xsim_lock_order_seen("proto_family_mutex", "ifnet_lock"));
	memset(&ifr, 0, sizeof(ifr));
	ifr.u.addr.sa_len = 6;
	ifr.u.addr.sa_family = (uint8_t)xt_AF_LINK;
	memcpy(ifr.u.addr.sa_data, mac, 6);
	XT_OK(xsim_if_ioctl("tap0", xt_SIOCSIFLLADDR, &ifr));
	ck_assert(!xsim_lock_order_seen("tun mutex 2", "ifnet_lock"));
	xt_close(&d);
}
END_TEST

struct xt_race {
	const char *name;
	int rounds;
};

static void *xt_race_lladdr(void *p)
{
	struct xt_race *r = p;
	struct xsim_ifreq ifr;
	int i;

	for (i = 0; i < r->rounds; i++) {
		memset(&ifr, 0, sizeof(ifr));
		ifr.u.addr.sa_len = 6;
		ifr.u.addr.sa_family = (uint8_t)xt_AF_LINK;
		ifr.u.addr.sa_data[0] = 0x02;
		ifr.u.addr.sa_data[5] = (char)i;
		if (xsim_if_ioctl(r->name, xt_SIOCSIFLLADDR, &ifr))
			return (void *)1;
	}
	return NULL;
}

/* MAC changes racing frames the stack demuxes (under the interface
 * lock) finish: no deadlock, every frame arrives. */
START_TEST(test_lladdr_races_input)
{
	static const uint8_t dst[6] = { 0x02, 0x54, 0x54, 0, 0, 2 };
	struct xt_race r = { "tap1", 300 };
	struct xt_dev d;
	pthread_t t;
	void *bad;
	int i, n = 0;

	xt_open_up(&d, XT_TAP, 1);
	ck_assert_int_eq(pthread_create(&t, NULL, xt_race_lladdr, &r), 0);
	for (i = 0; i < 300; i++)
		ck_assert_int_eq(xsim_write(d.fd, pkt,
					    xt_frame4(pkt, 98, dst)), 98);
	pthread_join(t, &bad);
	ck_assert_ptr_null(bad);
	while (xsim_stack_recv(NULL, NULL, got, sizeof(got)) >= 0)
		n++;
	ck_assert_int_eq(n, 300);
	xt_close(&d);
}
END_TEST

/*
 * The old interface keeps its name a while after the detach callback
 * (dlil_if_acquire: EBUSY meanwhile); an open right after the close
 * waits for it instead of failing, and says nothing.
 */
START_TEST(test_reopen_waits_for_the_old_interface)
{
	struct xt_dev d;
	long t0, waited;

	xsim_set_detach_tail_ms(200);
	ck_assert_int_eq(xt_open(&d, XT_TUN, 2, 0), 0);
	xt_close(&d);
	t0 = xt_now_ms();
	ck_assert_msg(xt_open(&d, XT_TUN, 2, 0) == 0, "reopen: %s",
		      xt_errname(errno));
	waited = xt_now_ms() - t0;
	ck_assert_msg(waited >= 100, "reopened after %ld ms: the old "
		      "interface cannot have been gone", waited);
	ck_assert_int_eq(xsim_log_lines(), 0);
	xt_close(&d);
	ck_assert_int_eq(xsim_live_ifnets(), 0);
}
END_TEST

/* A name another driver holds is not waited for forever: EBUSY after
 * the kext's deadline, one log line; free again, the open works. */
START_TEST(test_name_held_elsewhere_is_ebusy)
{
	struct xt_dev d;

	XT_OK(xt_foreign_ifnet("tun", 3, 1));
	XT_FAILS(xt_open(&d, XT_TUN, 3, 0), EBUSY);
	ck_assert_int_eq(xsim_log_lines(), 1);
	ck_assert_int_eq(xsim_log_count("still in use"), 1);
	XT_OK(xt_foreign_ifnet("tun", 3, 0));
	ck_assert_int_eq(xt_open(&d, XT_TUN, 3, 0), 0);
	xt_close(&d);
}
END_TEST

/* Until the detach callback the stack may still send and ask: the
 * closing unit refuses the packet (and frees it) and answers. */
START_TEST(test_calls_until_the_detach_callback)
{
	struct xt_dev d;
	int out_err, ioctl_err;
	int k;

	for (k = 0; k < 2; k++) {
		xt_open_up(&d, k ? XT_TAP : XT_TUN, 4);
		xt_close(&d);
		ck_assert_int_eq(xsim_late_calls(&out_err, &ioctl_err), k + 1);
		ck_assert_int_eq(out_err, xt_XNU_EHOSTDOWN);
		ck_assert_int_eq(ioctl_err, 0);
	}
	ck_assert_int_eq(xsim_live_mbufs(), 0);
}
END_TEST

/* Detach unplumbs IPv4 and IPv6 through tun's plumber, which must take
 * them off (the simulator panics if one is left: XNU would loop). */
START_TEST(test_detach_unplumbs_through_the_plumber)
{
	struct xt_dev d;

	xt_open_up(&d, XT_TUN, 5);
	xt_close(&d);
	ck_assert_int_eq(xsim_live_ifnets(), 0);
	xt_open_up(&d, XT_TUN, 5);
	xt_close(&d);
}
END_TEST

/* A packet in three buffers arrives whole; read spreads one over three. */
START_TEST(test_writev_and_readv)
{
	struct xsim_iovec iov[3];
	struct xt_dev d;
	uint8_t a[10], b[300], c[2000];
	int pf;

	xt_open_up(&d, XT_TUN, 6);
	xt_pkt4(pkt, 1000);
	iov[0] = (struct xsim_iovec){ pkt, 7 };
	iov[1] = (struct xsim_iovec){ pkt + 7, 0 };
	iov[2] = (struct xsim_iovec){ pkt + 7, 993 };
	ck_assert_int_eq(xsim_writev(d.fd, iov, 3), 1000);
	ck_assert_int_eq(xsim_stack_recv(NULL, &pf, got, sizeof(got)), 1000);
	ck_assert_mem_eq(got, pkt, 1000);
	XT_OK(xt_send(&d, 0, 1000, 0));
	iov[0] = (struct xsim_iovec){ a, sizeof(a) };
	iov[1] = (struct xsim_iovec){ b, sizeof(b) };
	iov[2] = (struct xsim_iovec){ c, sizeof(c) };
	ck_assert_int_eq(xsim_readv(d.fd, iov, 3), 1000);
	ck_assert_mem_eq(a, pkt, 10);
	ck_assert_mem_eq(b, pkt + 10, 300);
	ck_assert_mem_eq(c, pkt + 310, 690);
	xt_close(&d);
}
END_TEST

/* An unmapped buffer: EFAULT, nothing leaked, nothing counted in, the
 * unit keeps working; a read into one loses that packet only. */
START_TEST(test_unmapped_buffer_is_efault)
{
	struct xsim_if_stats st;
	struct xsim_iovec iov[2];
	struct xt_dev d;
	uint8_t buf[2000];

	xt_open_up(&d, XT_TUN, 7);
	XT_FAILS(xsim_write(d.fd, NULL, 100), EFAULT);
	xt_pkt4(pkt, 1400);
	iov[0] = (struct xsim_iovec){ pkt, 700 };
	iov[1] = (struct xsim_iovec){ (void *)16, 700 };
	XT_FAILS(xsim_writev(d.fd, iov, 2), EFAULT);
	ck_assert_int_eq(xsim_live_mbufs(), 0);
	XT_OK(xsim_if_stats("tun7", &st));
	ck_assert_uint_eq(st.ipackets, 0);
	ck_assert_int_eq(xsim_write(d.fd, pkt, xt_pkt4(pkt, 60)), 60);
	ck_assert_int_eq(xsim_stack_recv(NULL, NULL, got, sizeof(got)), 60);
	XT_OK(xt_send(&d, 0, 40, 0));
	XT_OK(xt_send(&d, 0, 50, 0));
	XT_FAILS(xsim_read(d.fd, NULL, 100), EFAULT);
	ck_assert_int_eq(xsim_read(d.fd, buf, sizeof(buf)), 50);
	ck_assert_int_eq(xsim_live_mbufs(), 0);
	xt_close(&d);
}
END_TEST

/* A signal ends a blocked read with EINTR; with SA_RESTART the read
 * goes on and returns the next packet. */
START_TEST(test_signal_interrupts_or_restarts_a_read)
{
	struct xt_dev d;
	struct xt_bg *b;
	int err;

	xt_open_up(&d, XT_TUN, 8);
	b = xt_bg_read(d.fd, 2000);
	ck_assert_msg(!xt_bg_wait(b, 100), "read did not block");
	ck_assert_int_eq(xsim_signal(0), 1);
	ck_assert_msg(xt_bg_wait(b, 5000), "the signal did not end it");
	ck_assert_int_eq(xt_bg_join(b, &err), -1);
	ck_assert_str_eq(xt_errname(err), "EINTR");

	b = xt_bg_read(d.fd, 2000);
	ck_assert(!xt_bg_wait(b, 100));
	ck_assert_int_eq(xsim_signal(1), 1);
	ck_assert_msg(!xt_bg_wait(b, 100), "a restarted read returned");
	XT_OK(xt_send(&d, 0, 44, 0));
	ck_assert(xt_bg_wait(b, 5000));
	ck_assert_int_eq(xt_bg_join(b, &err), 44);
	xt_close(&d);
}
END_TEST

/* Close sleeps for the detach callback without PCATCH: a signal then
 * does not cut it short (the interface would be left half gone). */
START_TEST(test_signal_does_not_cut_close_short)
{
	struct xt_dev d;

	xsim_set_detach_delay_ms(200);
	xt_open_up(&d, XT_TAP, 8);
	xt_close(&d);
	ck_assert_int_eq(xsim_signal(0), 0);
	ck_assert_int_eq(xsim_live_ifnets(), 0);
}
END_TEST

/* Until a writer is in its (slowed) copy from user space. */
static void xt_wait_in_copy(void)
{
	long t0 = xt_now_ms();

	while (!xsim_uio_in_delay()) {
		ck_assert_msg(xt_now_ms() - t0 < 5000, "the writer never "
			      "started copying");
		xt_msleep(1);
	}
}

/*
 * A writer whose buffer is paged in slowly holds no lock the stack
 * needs: a packet the stack sends meanwhile is queued at once.
 */
START_TEST(test_slow_writer_does_not_stall_output)
{
	struct xt_dev d;
	struct xt_bg *b;
	long t0, took;
	int err;

	xt_open_up(&d, XT_TUN, 9);
	xt_pkt4(pkt, 1400);
	xsim_set_uio_delay_ms(1000);
	b = xt_bg_write(d.fd, pkt, 1400);
	xt_wait_in_copy();
	t0 = xt_now_ms();
	XT_OK(xt_send(&d, 0, 40, 0));
	took = xt_now_ms() - t0;
	ck_assert_msg(took < 500, "the stack's output waited %ld ms on a "
		      "writer", took);
	ck_assert(xt_bg_wait(b, 5000));
	ck_assert_int_eq(xt_bg_join(b, &err), 1400);
	xsim_set_uio_delay_ms(0);
	ck_assert_int_eq(xsim_stack_recv(NULL, NULL, got, sizeof(got)), 1400);
	xt_close(&d);
}
END_TEST

/* A write racing the interface going down gets EIO, counts nothing. */
START_TEST(test_write_rechecks_after_the_copy)
{
	struct xsim_if_stats st;
	struct xt_dev d;
	struct xt_bg *b;
	int err;

	xt_open_up(&d, XT_TUN, 10);
	xt_pkt4(pkt, 1400);
	xsim_set_uio_delay_ms(300);
	b = xt_bg_write(d.fd, pkt, 1400);
	xt_wait_in_copy();
	XT_OK(xsim_if_set_up("tun10", 0));
	ck_assert(xt_bg_wait(b, 5000));
	ck_assert_int_eq(xt_bg_join(b, &err), -1);
	ck_assert_str_eq(xt_errname(err), "EIO");
	XT_OK(xsim_if_stats("tun10", &st));
	ck_assert_uint_eq(st.ipackets, 0);
	ck_assert_uint_eq(st.ierrors, 0);
	ck_assert_int_eq(xsim_live_mbufs(), 0);
	xsim_set_uio_delay_ms(0);
	xt_close(&d);
}
END_TEST

/* The kexts' majors leave the kernel's fixed ones free: every major
 * below 24 the kernel has not taken can still be registered by it. */
START_TEST(test_majors_leave_the_kernels_free)
{
	int m, n = 0;

	for (m = 0; m < 24; m++) {
		if (m == 0 || (m >= 2 && m <= 8) || m == 12)
			continue;	/* conf.c's own */
		ck_assert_msg(xsim_cdevsw_add_fixed(m) == m, "major %d taken",
			      m);
		n++;
	}
	ck_assert_int_eq(n, 15);	/* 1, 9-11, 13-23 */
}
END_TEST

/*
 * Allocation failure: every allocating call the kexts make in a run
 * (load both, open, up, plumb, writes of every size, the stack's output
 * with no room in front, reads, close, unload) is failed in turn, one
 * per run.  Each time: a clean error from the call that met it, the same
 * call working when tried again, nothing left behind (shutdown panics on
 * any leak).  Then every KPI that allocates was failed at least once.
 */
static int xt_fault_run(long n)
{
	static const size_t sizes[] = { 40, 3000, 5000, 20000 };
	struct xt_dev t, p;
	uint8_t buf[20100];
	size_t i;
	int on = 1, fired;

#define XT_RETRY(call, ok, err1)                                            \
	do {                                                                \
		long r_ = (long)(call);                                     \
		if (!(ok)) {                                                \
			ck_assert_msg(xsim_fault_fired() && (err1),         \
				      "%s: %s", #call, xt_errname(errno));  \
			r_ = (long)(call);                                  \
			ck_assert_msg(ok, "%s again: %s", #call,            \
				      xt_errname(errno));                   \
		}                                                           \
		(void)r_;                                                   \
	} while (0)

	xsim_boot();
	xsim_fault_arm(n);
	XT_RETRY(xsim_kext_load("tun"), r_ == 0, errno == EIO);
	XT_RETRY(xsim_kext_load("tap"), r_ == 0, errno == EIO);
	XT_RETRY(xt_open(&t, XT_TUN, 0, 0), r_ == 0, errno == ENOMEM);
	XT_RETRY(xt_open(&p, XT_TAP, 0, 0), r_ == 0, errno == ENOMEM);
	XT_OK(xsim_if_set_up("tun0", 1));
	XT_OK(xsim_if_set_up("tap0", 1));
	XT_RETRY(xsim_if_plumb("tun0", xt_AF_INET), r_ == 0, errno == ENOMEM);
	XT_RETRY(xsim_if_plumb("tun0", xt_AF_INET6), r_ == 0,
		 errno == ENOMEM);
	XT_OK(xsim_if_plumb("tap0", xt_AF_INET));
	XT_OK(xsim_if_set_mtu("tun0", 20000));
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		XT_RETRY(xsim_write(t.fd, pkt, xt_pkt4(pkt, sizes[i])),
			 r_ == (long)sizes[i], errno == ENOMEM);
		ck_assert_int_eq(xsim_stack_recv(NULL, NULL, got, sizeof(got)),
				 sizes[i]);
	}
	XT_OK(xsim_ioctl(t.fd, xt_TUNSIFHEAD, &on));
	memcpy(pkt, "\0\0\0\x02", 4);
	xt_pkt4(pkt + 4, 3000);
	XT_RETRY(xsim_write(t.fd, pkt, 3004), r_ == 3004, errno == ENOMEM);
	ck_assert_int_eq(xsim_stack_recv(NULL, NULL, got, sizeof(got)), 3000);
	/* seg 7: no room in front, the framers must prepend an mbuf */
	XT_RETRY(xt_send(&t, 0, 300, 7), r_ == 0, errno == ENOMEM);
	ck_assert_int_eq(xsim_read(t.fd, buf, sizeof(buf)), 304);
	XT_RETRY(xt_send(&p, 0, 300, 7), r_ == 0, errno == ENOMEM);
	ck_assert_int_eq(xsim_read(p.fd, buf, sizeof(buf)), 314);
	xt_close(&t);
	xt_close(&p);
	XT_OK(xsim_kext_unload("tun"));
	XT_OK(xsim_kext_unload("tap"));
	fired = xsim_fault_fired();
	xsim_shutdown();	/* panics on anything left */
	return fired;
#undef XT_RETRY
}

START_TEST(test_every_allocation_fails_cleanly)
{
	static const char *const kpis[] = {
		"lck_grp_alloc_init", "lck_mtx_alloc_init", "devfs_make_node",
		"proto_register_plumber", "ifnet_allocate", "ifnet_attach",
		"ifnet_attach_protocol", "mbuf_gethdr", "mbuf_get",
		"mbuf_getcluster", "mbuf_prepend",
	};
	const char *fn;
	long n, failed;
	size_t k;
	int i, runs = 0;

	for (n = 1; xt_fault_run(n); n++)
		runs++;
	ck_assert_int_gt(runs, 20);
	for (k = 0; k < sizeof(kpis) / sizeof(kpis[0]); k++) {
		failed = 0;
		for (i = 0; xsim_fault_site(i, &fn) >= 0; i++)
			if (!strcmp(fn, kpis[k]))
				failed += xsim_fault_site(i, &fn);
		ck_assert_msg(failed > 0, "%s was never made to fail", kpis[k]);
	}
	for (i = 0; (n = xsim_fault_site(i, &fn)) >= 0; i++)
		ck_assert_msg(n > 0, "a call site of %s was never failed", fn);
}
END_TEST

Suite *xt_xnu_suite(void)
{
	Suite *s = suite_create("darwin-xnu");
	TCase *tc = tcase_create("xnu");
	TCase *tf = tcase_create("faults");

	tcase_add_checked_fixture(tc, xt_setup, xt_teardown);
	/* the kext waits up to 2 s of 5 ms sleeps for a held name: longer
	 * than Check's default 4 s when the machine is loaded */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_interface_lock_comes_before_the_unit_lock);
	tcase_add_test(tc, test_lladdr_races_input);
	tcase_add_test(tc, test_reopen_waits_for_the_old_interface);
	tcase_add_test(tc, test_name_held_elsewhere_is_ebusy);
	tcase_add_test(tc, test_calls_until_the_detach_callback);
	tcase_add_test(tc, test_detach_unplumbs_through_the_plumber);
	tcase_add_test(tc, test_writev_and_readv);
	tcase_add_test(tc, test_unmapped_buffer_is_efault);
	tcase_add_test(tc, test_signal_interrupts_or_restarts_a_read);
	tcase_add_test(tc, test_signal_does_not_cut_close_short);
	tcase_add_test(tc, test_slow_writer_does_not_stall_output);
	tcase_add_test(tc, test_write_rechecks_after_the_copy);
	tcase_add_test(tc, test_majors_leave_the_kernels_free);
	suite_add_tcase(s, tc);
	/* its own boots, one per failed call */
	tcase_add_test(tf, test_every_allocation_fails_cleanly);
	tcase_set_timeout(tf, 120);
	suite_add_tcase(s, tf);
	return s;
}
