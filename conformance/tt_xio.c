// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_xio.c: the pcap cross-check of every data-path test.
 *
 * tt_dev_setup() of an interface that is brought up (the fixture of
 * every data-path test) opens a capture on it once it is up (libpcap
 * opens no down interface), drops what the stack queued before that,
 * and registers the device.
 * From then on tt_test.h routes the tests' read() and write() through
 * here: each packet written (accepted) or read on the device is logged.
 * At tt_dev_close() the capture must hold every logged packet, in order
 * (each direction in its own), byte for byte: what was written is what reached the stack, what was
 * read is what the stack sent (a read that filled its buffer may have
 * been truncated: its bytes must then begin a captured packet).  The
 * capture's link type must be the one the target declares.
 *
 * What a capture shows is the packet without the device's header: the
 * target's 4-byte header (AF or Linux's flags + proto) is stripped when
 * the mode is on, and a DLT_NULL capture (BSD tun) puts its own AF, in
 * host order, in front.  Reads and writes in forked children are not
 * seen here (their log dies with them).
 */
#include <pcap/pcap.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include "tt_test.h"

#define TT_XIO_MAX_DEVS	4
#define TT_XIO_WAIT_MS	300	/* quiet time that ends the capture */

struct tt_xio_pkt {
	uint8_t *data;
	size_t len;
	int maybe_cut;		/* a read that filled its buffer */
	int out;		/* read (the stack sent it) or written */
};

struct tt_xio {
	struct tt_dev *d;
	int fd;
	pcap_t *p;
	struct tt_xio_pkt *log;
	size_t nlog;
};

static struct tt_xio tt_xio[TT_XIO_MAX_DEVS];
static uint8_t tt_xio_drain[TT_PKT_MAX];

/* For the failure message: the last captured packet that matched none
 * of the log (its first bytes and its whole length). */
#define TT_XIO_EXCERPT 64
static uint8_t tt_xio_stray[TT_XIO_EXCERPT];
static size_t tt_xio_straylen;

static struct tt_xio *tt_xio_find(int fd)
{
	int i;

	for (i = 0; i < TT_XIO_MAX_DEVS; i++)
		if (tt_xio[i].p && tt_xio[i].fd == fd)
			return &tt_xio[i];
	return NULL;
}

/* Forget x: the capture and the log. */
static void tt_xio_free(struct tt_xio *x)
{
	size_t i;

	pcap_close(x->p);
	x->p = NULL;
	for (i = 0; i < x->nlog; i++)
		free(x->log[i].data);
	free(x->log);
	x->log = NULL;
	x->nlog = 0;
}

void tt_xio_begin(struct tt_dev *d)
{
	char err[PCAP_ERRBUF_SIZE];
	struct tt_xio *x = NULL;
	int i;

	if (tt_target->dlt_tun < 0)
		return;	/* a target no libpcap can see: no cross-check */
	/* a device the test closed itself left its entry: drop it */
	x = tt_xio_find(d->fd);
	if (x)
		tt_xio_free(x);
	for (i = 0; i < TT_XIO_MAX_DEVS && !x; i++)
		if (!tt_xio[i].p)
			x = &tt_xio[i];
	ck_assert_msg(x != NULL, "more than %d devices cross-checked at once",
		      TT_XIO_MAX_DEVS);
	memset(x, 0, sizeof(*x));
	x->p = pcap_create(d->name, err);
	ck_assert_msg(x->p != NULL, "pcap on %s: %s", d->name, err);
	/* big enough for the queue tests' hundreds of packets: a drop
	 * would fail the cross-check */
	ck_assert_msg(pcap_set_snaplen(x->p, TT_PKT_MAX) == 0 &&
		      pcap_set_immediate_mode(x->p, 1) == 0 &&
		      pcap_set_buffer_size(x->p, 32 << 20) == 0 &&
		      pcap_activate(x->p) >= 0 &&
		      pcap_setnonblock(x->p, 1, err) == 0,
		      "pcap on %s: %s", d->name, pcap_geterr(x->p));
	x->d = d;
	x->fd = d->fd;
	/* libpcap cannot open a down interface, so the capture starts just
	 * after up: what the stack queued before (MLD at up) is not in it
	 * and must not be read as the test's */
	while (tt_wait_readable(d->fd, 0) == 1 &&
	       read(d->fd, tt_xio_drain, sizeof(tt_xio_drain)) > 0)
		;
}

/* Log a packet as the capture should show it. */
static void tt_xio_log(struct tt_xio *x, const uint8_t *buf, size_t n,
		       int out, int maybe_cut)
{
	size_t skip = x->d->kind == TT_DEV_TUN && x->d->hdr ? 4 : 0;
	size_t pre = 0;
	struct tt_xio_pkt *k;
	uint32_t af;

	if (n <= skip)
		return;
	if (x->d->kind == TT_DEV_TUN && tt_target->dlt_tun == DLT_NULL)
		pre = 4;
	x->log = realloc(x->log, (x->nlog + 1) * sizeof(*x->log));
	ck_assert(x->log != NULL);
	k = &x->log[x->nlog++];
	k->len = pre + n - skip;
	k->data = malloc(k->len);
	ck_assert(k->data != NULL);
	if (pre) {
		af = buf[skip] >> 4 == 6 ? AF_INET6 : AF_INET;
		memcpy(k->data, &af, 4);	/* host order */
	}
	memcpy(k->data + pre, buf + skip, n - skip);
	k->out = out;
	k->maybe_cut = maybe_cut;
}

ssize_t tt_xio_read(int fd, void *buf, size_t n)
{
	struct tt_xio *x = tt_xio_find(fd);
	ssize_t r = read(fd, buf, n);

	if (x && r > 0)
		tt_xio_log(x, buf, (size_t)r, 1, (size_t)r == n);
	return r;
}

ssize_t tt_xio_write(int fd, const void *buf, size_t n)
{
	struct tt_xio *x = tt_xio_find(fd);
	ssize_t r = write(fd, buf, n);

	if (x && r > 0)
		tt_xio_log(x, buf, (size_t)r, 0, 0);
	return r;
}

static int tt_xio_same(const struct tt_xio_pkt *k, const uint8_t *c,
		       size_t clen)
{
	if (k->maybe_cut)
		return clen >= k->len && memcmp(c, k->data, k->len) == 0;
	return clen == k->len && memcmp(c, k->data, k->len) == 0;
}

/* The next logged packet of direction out from i on (x->nlog if none). */
static size_t tt_xio_next(const struct tt_xio *x, size_t i, int out)
{
	while (i < x->nlog && x->log[i].out != out)
		i++;
	return i;
}

/*
 * Take what the capture holds and match the log, each direction in its
 * own order (a packet the stack sent before a write may be read after
 * it); until both are matched or TT_XIO_WAIT_MS pass without a packet.
 * The first packet not matched, or x->nlog.
 */
static size_t tt_xio_match(struct tt_xio *x)
{
	size_t in = tt_xio_next(x, 0, 0), out = tt_xio_next(x, 0, 1);
	struct pcap_pkthdr *h;
	const u_char *data;
	int quiet = 0, r;

	while ((in < x->nlog || out < x->nlog) &&
	       quiet < TT_XIO_WAIT_MS / 10) {
		r = pcap_next_ex(x->p, &h, &data);
		if (r == 1) {
			quiet = 0;
			if (out < x->nlog &&
			    tt_xio_same(&x->log[out], data, h->caplen))
				out = tt_xio_next(x, out + 1, 1);
			else if (in < x->nlog &&
				 tt_xio_same(&x->log[in], data, h->caplen))
				in = tt_xio_next(x, in + 1, 0);
			else {
				tt_xio_straylen = h->caplen;
				memcpy(tt_xio_stray, data, h->caplen <
				       TT_XIO_EXCERPT ? h->caplen :
				       TT_XIO_EXCERPT);
			}
			continue;
		}
		/* 0: nothing now; an error (the interface went down and up
		 * on the way): try again, the socket stays bound */
		tt_wait_readable(pcap_get_selectable_fd(x->p), 10);
		quiet++;
	}
	return in < out ? in : out;
}

void tt_xio_end(struct tt_dev *d)
{
	struct tt_xio *x = tt_xio_find(d->fd);
	struct pcap_stat st;
	size_t got, n, len = 0, dl;
	int dlt, want, out = 0;
	char dump[1024] = "";

	if (!x)
		return;
	dlt = pcap_datalink(x->p);
	want = d->kind == TT_DEV_TUN ? tt_target->dlt_tun : tt_target->dlt_tap;
	tt_xio_straylen = 0;
	got = tt_xio_match(x);
	n = x->nlog;
	if (got < n) {
		len = x->log[got].len;
		out = x->log[got].out;
		/* the excerpt: the packet missing, the capture's stray one */
		dl = tt_dump_hex(dump, sizeof(dump), "missing",
				 x->log[got].data, len, TT_XIO_EXCERPT);
		if (tt_xio_straylen)
			tt_dump_hex(dump + dl, sizeof(dump) - dl, "captured",
				    tt_xio_stray, tt_xio_straylen,
				    TT_XIO_EXCERPT);
	}
	if (pcap_stats(x->p, &st) != 0)
		st.ps_drop = 0;
	tt_xio_free(x);
	ck_assert_msg(dlt == want, "pcap on %s: link type %s, the target "
		      "declares %s", d->name, pcap_datalink_val_to_name(dlt),
		      pcap_datalink_val_to_name(want));
	ck_assert_msg(st.ps_drop == 0, "pcap on %s dropped %u packets",
		      d->name, st.ps_drop);
	ck_assert_msg(got == n, "pcap cross-check on %s: packet %zu of %zu "
		      "(%zu bytes %s) is not in the capture%s", d->name,
		      got + 1, n, len, out ? "read" : "written", dump);
}
