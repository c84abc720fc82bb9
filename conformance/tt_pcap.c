// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_pcap.c: libpcap on the interface, to prove that what a test wrote
 * is what the stack saw, and that what the stack sent is what read()
 * returned.  Immediate mode: a packet is handed over as soon as captured.
 */
#include <pcap/pcap.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>

#include "tt_test.h"

struct tt_cap {
	pcap_t *p;
};

struct tt_cap *tt_cap_open(const char *ifname)
{
	char err[PCAP_ERRBUF_SIZE];
	struct tt_cap *c;

	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->p = pcap_create(ifname, err);
	if (!c->p)
		goto err_free;
	if (pcap_set_snaplen(c->p, TT_PKT_MAX) != 0 ||
	    pcap_set_immediate_mode(c->p, 1) != 0 ||
	    pcap_set_timeout(c->p, 10) != 0 || pcap_activate(c->p) < 0 ||
	    pcap_setnonblock(c->p, 1, err) != 0)
		goto err_close;
	return c;

err_close:
	pcap_close(c->p);
err_free:
	free(c);
	return NULL;
}

int tt_cap_datalink(struct tt_cap *c)
{
	return pcap_datalink(c->p);
}

int tt_cap_expect(struct tt_cap *c, const uint8_t *bytes, size_t n, int ms)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	struct timespec t0, t;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		r = pcap_next_ex(c->p, &h, &data);
		if (r == 1 && h->caplen == n && memcmp(data, bytes, n) == 0)
			return 1;
		if (r < 0)
			return 0;
		if (r == 0) {
			clock_gettime(CLOCK_MONOTONIC, &t);
			if ((t.tv_sec - t0.tv_sec) * 1000 +
			    (t.tv_nsec - t0.tv_nsec) / 1000000 > ms)
				return 0;
			tt_wait_readable(pcap_get_selectable_fd(c->p), 10);
		}
	}
}

void tt_cap_close(struct tt_cap *c)
{
	if (!c)
		return;
	pcap_close(c->p);
	free(c);
}
