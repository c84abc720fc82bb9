// SPDX-License-Identifier: GPL-2.0-only
/*
 * xt_util.c: fixtures, packets and background calls for the tests.
 */
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <time.h>

#include "xt.h"

static int xt_loaded_tun, xt_loaded_tap;

const char *xt_errname(int e)
{
	const char *n = strerrorname_np(e);

	return n ? n : "unknown errno";
}

void xt_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

void xt_mark_unloaded(const char *kext)
{
	*(strcmp(kext, "tun") ? &xt_loaded_tap : &xt_loaded_tun) = 0;
}

void xt_mark_loaded(const char *kext)
{
	*(strcmp(kext, "tun") ? &xt_loaded_tap : &xt_loaded_tun) = 1;
}

void xt_setup(void)
{
	xsim_boot();
	ck_assert_msg(xsim_kext_load("tun") == 0, "load tun: %s",
		      xt_errname(errno));
	ck_assert_msg(xsim_kext_load("tap") == 0, "load tap: %s",
		      xt_errname(errno));
	xt_loaded_tun = xt_loaded_tap = 1;
	xsim_log_clear();
}

void xt_teardown(void)
{
	if (xt_loaded_tun)
		ck_assert_msg(xsim_kext_unload("tun") == 0, "unload tun: %s",
			      xt_errname(errno));
	if (xt_loaded_tap)
		ck_assert_msg(xsim_kext_unload("tap") == 0, "unload tap: %s",
			      xt_errname(errno));
	xsim_shutdown();	/* panics on any leak */
}

int xt_open(struct xt_dev *d, enum xt_kind kind, int unit, int oflags)
{
	const char *k = kind == XT_TUN ? "tun" : "tap";

	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->unit = unit;
	snprintf(d->name, sizeof(d->name), "%s%d", k, unit);
	snprintf(d->path, sizeof(d->path), "/dev/%s%d", k, unit);
	d->fd = xsim_open(d->path, oflags);
	return d->fd < 0 ? -1 : 0;
}

void xt_open_up(struct xt_dev *d, enum xt_kind kind, int unit)
{
	ck_assert_msg(xt_open(d, kind, unit, 0) == 0, "open %s%d: %s",
		      kind == XT_TUN ? "tun" : "tap", unit, xt_errname(errno));
	XT_OK(xsim_if_set_up(d->name, 1));
	XT_OK(xsim_if_plumb(d->name, xt_AF_INET));
	XT_OK(xsim_if_plumb(d->name, xt_AF_INET6));
}

void xt_close(struct xt_dev *d)
{
	if (d->fd >= 0)
		XT_OK(xsim_close(d->fd));
	d->fd = -1;
}

static void xt_payload(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7 + 1);
}

size_t xt_pkt4(uint8_t *buf, size_t len)
{
	ck_assert_uint_ge(len, 20);
	xt_payload(buf, len);
	buf[0] = 0x45;
	buf[2] = (uint8_t)(len >> 8);
	buf[3] = (uint8_t)len;
	return len;
}

size_t xt_pkt6(uint8_t *buf, size_t len)
{
	ck_assert_uint_ge(len, 40);
	xt_payload(buf, len);
	buf[0] = 0x60;
	buf[4] = (uint8_t)((len - 40) >> 8);
	buf[5] = (uint8_t)(len - 40);
	return len;
}

size_t xt_frame4(uint8_t *buf, size_t len, const uint8_t dst[6])
{
	static const uint8_t src[6] = { 0x02, 0x54, 0x54, 0, 0, 9 };

	xt_pkt4(buf + 14, len - 14);
	memcpy(buf, dst, 6);
	memcpy(buf + 6, src, 6);
	buf[12] = 0x08;
	buf[13] = 0x00;
	return len;
}

int xt_send(struct xt_dev *d, int v6, size_t len, size_t seg)
{
	static const uint8_t dst[6] = { 0x02, 0x54, 0x54, 0, 0, 2 };
	uint8_t *p = malloc(len);
	int r;

	ck_assert_ptr_nonnull(p);
	if (v6)
		xt_pkt6(p, len);
	else
		xt_pkt4(p, len);
	r = xsim_output(d->name, v6 ? xt_AF_INET6 : xt_AF_INET, p, len,
			d->kind == XT_TAP ? dst : NULL, seg);
	free(p);
	return r;
}

struct xt_bg {
	pthread_t t;
	int fd;
	int ms;
	size_t n;
	int select;
	const void *wbuf;	/* a write of n bytes from it */
	long ret;
	int err;
	int done;		/* atomic */
	uint8_t buf[65600];
};

static void *xt_bg_main(void *p)
{
	struct xt_bg *b = p;

	if (b->select) {
		int rd = 1, wr = 0;

		b->ret = xsim_select(&b->fd, 1, &rd, &wr, b->ms);
		if (b->ret >= 0)
			b->ret = rd;
	} else if (b->wbuf) {
		b->ret = xsim_write(b->fd, b->wbuf, b->n);
	} else {
		b->ret = xsim_read(b->fd, b->buf, b->n);
	}
	b->err = errno;
	__atomic_store_n(&b->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static struct xt_bg *xt_bg_start(int fd, size_t n, int select, int ms)
{
	struct xt_bg *b = calloc(1, sizeof(*b));

	ck_assert_ptr_nonnull(b);
	b->fd = fd;
	b->n = n < sizeof(b->buf) ? n : sizeof(b->buf);
	b->select = select;
	b->ms = ms;
	ck_assert_int_eq(pthread_create(&b->t, NULL, xt_bg_main, b), 0);
	return b;
}

struct xt_bg *xt_bg_read(int fd, size_t n)
{
	return xt_bg_start(fd, n, 0, 0);
}

struct xt_bg *xt_bg_select(int fd, int ms)
{
	return xt_bg_start(fd, 0, 1, ms);
}

/* buf must outlive the write */
struct xt_bg *xt_bg_write(int fd, const void *buf, size_t n)
{
	struct xt_bg *b = calloc(1, sizeof(*b));

	ck_assert_ptr_nonnull(b);
	b->fd = fd;
	b->n = n;
	b->wbuf = buf;
	ck_assert_int_eq(pthread_create(&b->t, NULL, xt_bg_main, b), 0);
	return b;
}

long xt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int xt_bg_wait(struct xt_bg *b, int ms)
{
	int waited;

	for (waited = 0; waited <= ms; waited += 5) {
		if (__atomic_load_n(&b->done, __ATOMIC_ACQUIRE))
			return 1;
		xt_msleep(5);
	}
	return 0;
}

long xt_bg_join(struct xt_bg *b, int *err)
{
	long r;

	pthread_join(b->t, NULL);
	r = b->ret;
	if (err)
		*err = b->err;
	free(b);
	return r;
}
