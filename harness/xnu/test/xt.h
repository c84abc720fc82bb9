/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xt.h: what the tests of the Mac kexts share.  They run the kexts inside
 * the XNU simulator (xnu_sim.h): one Check suite per group of contract
 * clauses, each test in its own forked process with a freshly booted
 * kernel and both kexts loaded (xt_setup / xt_teardown).
 *
 * Written to move under the conformance suite as a target later: a test
 * speaks of a device (struct xt_dev) opened by xt_open, and every device
 * call goes through xsim_*; a conformance adapter would supply the same
 * calls for a real fd.
 */
#ifndef XT_H
#define XT_H

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "xnu_sim.h"
#include "xt_const.h"

const char *xt_errname(int e);

#define XT_FAILS(call, e)                                                   \
	do {                                                                \
		long xt_r_;                                                 \
		errno = 0;                                                  \
		xt_r_ = (long)(call);                                       \
		ck_assert_msg(xt_r_ == -1 && errno == (e),                  \
			      "%s returned %ld (errno %s), expected -1 and %s", \
			      #call, xt_r_, xt_errname(errno), #e);         \
	} while (0)

#define XT_OK(call)                                                         \
	do {                                                                \
		long xt_r_;                                                 \
		errno = 0;                                                  \
		xt_r_ = (long)(call);                                       \
		ck_assert_msg(xt_r_ >= 0, "%s failed: %s", #call,           \
			      xt_errname(errno));                           \
	} while (0)

enum xt_kind { XT_TUN, XT_TAP };

struct xt_dev {
	int fd;
	enum xt_kind kind;
	int unit;
	char name[16];
	char path[32];
};

void xt_setup(void);
void xt_teardown(void);
/* xt_teardown unloads only what is loaded: tests that unload say so */
void xt_mark_unloaded(const char *kext);
void xt_mark_loaded(const char *kext);

/* Open a unit: 0, or -1 with errno. */
int xt_open(struct xt_dev *d, enum xt_kind kind, int unit, int oflags);
/* Open, bring up, plumb IPv4 and IPv6 (asserting each step). */
void xt_open_up(struct xt_dev *d, enum xt_kind kind, int unit);
void xt_close(struct xt_dev *d);

/* Packets: an IPv4 or IPv6 packet of len bytes (headers valid, payload
 * numbered); a tap frame of len bytes carrying one. */
size_t xt_pkt4(uint8_t *buf, size_t len);
size_t xt_pkt6(uint8_t *buf, size_t len);
size_t xt_frame4(uint8_t *buf, size_t len, const uint8_t dst[6]);
/* The stack sends an IPv4 (or IPv6) packet of len bytes; 0 or -1. */
int xt_send(struct xt_dev *d, int v6, size_t len, size_t seg);

/* A read, a select or anything else blocking, in a thread of its own. */
struct xt_bg;
struct xt_bg *xt_bg_read(int fd, size_t n);
struct xt_bg *xt_bg_select(int fd, int ms);
struct xt_bg *xt_bg_write(int fd, const void *buf, size_t n);
/* a monotonic clock, in ms */
long xt_now_ms(void);
/* 1 once finished, 0 if still blocked after ms */
int xt_bg_wait(struct xt_bg *b, int ms);
/* join it (it must have finished): its result and errno */
long xt_bg_join(struct xt_bg *b, int *err);
void xt_msleep(int ms);

Suite *xt_life_suite(void);
Suite *xt_rw_suite(void);
Suite *xt_ctl_suite(void);
Suite *xt_sim_suite(void);
Suite *xt_xnu_suite(void);

/* xt_wrong.c: wrong calls the simulator must refuse with a panic */
void xt_wrong_mbuf_double_free(void);
void xt_wrong_unlock_unheld(void);
void xt_wrong_release_early(void);
void xt_wrong_msleep_unlocked(void);
void xt_wrong_lock_order(void);
void xt_wrong_sleep_holding(void);
extern const unsigned long xt_REQ_UNKNOWN;
/* another driver's interface holding a name (family tun) */
int xt_foreign_ifnet(const char *name, unsigned int unit, int hold);

#endif
