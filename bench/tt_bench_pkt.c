// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_bench_pkt.c: the frames the benchmark writes: the device's header
 * (ours: the AF header; Linux: struct tun_pi; tap: Ethernet), then an
 * IPv4/UDP packet from the peer to us with valid checksums, so that the
 * stack does all the work a real packet costs.  "Size" is always the IP
 * packet's length, whatever header the device adds.
 */
#include <arpa/inet.h>
#include <string.h>

#include "tt_bench.h"

#define TT_BENCH_IP_HDR 20
#define TT_BENCH_UDP_HDR 8

static uint32_t tt_bench_pkt_sum(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static uint16_t tt_bench_pkt_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void tt_bench_put16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

size_t tt_bench_pkt_payload(size_t ip_len)
{
	return ip_len - TT_BENCH_IP_HDR - TT_BENCH_UDP_HDR;
}

static size_t tt_bench_pkt_hdr(const struct tt_bench_dev *d, uint8_t *buf)
{
	switch (d->kind) {
	case TT_BENCH_TUN:
		return 0;
	case TT_BENCH_TUNHDR:
		memset(buf, 0, 4);
		if (d->target == TT_BENCH_OURS)
			buf[3] = AF_INET;	/* big-endian 32-bit family */
		else
			tt_bench_put16(buf + 2, 0x0800); /* tun_pi: flags 0, proto */
		return 4;
	case TT_BENCH_TAP:
	default:
		memcpy(buf, d->mac, 6);
		memcpy(buf + 6, tt_bench_peer_mac, 6);
		tt_bench_put16(buf + 12, 0x0800);
		return 14;
	}
}

size_t tt_bench_pkt_build(const struct tt_bench_dev *d, uint8_t *buf,
			  size_t ip_len, int sport, int dport, uint32_t seq)
{
	size_t hl = tt_bench_pkt_hdr(d, buf);
	uint8_t *ip = buf + hl, *udp = ip + TT_BENCH_IP_HDR;
	size_t ulen = ip_len - TT_BENCH_IP_HDR, i;
	uint32_t sum;

	memset(ip, 0, TT_BENCH_IP_HDR + TT_BENCH_UDP_HDR);
	ip[0] = 0x45;
	tt_bench_put16(ip + 2, (unsigned int)ip_len);
	tt_bench_put16(ip + 4, seq & 0xffff);	/* id */
	ip[8] = 64;				/* ttl */
	ip[9] = IPPROTO_UDP;
	memcpy(ip + 12, &d->peer, 4);
	memcpy(ip + 16, &d->local, 4);
	tt_bench_put16(ip + 10, tt_bench_pkt_fold(tt_bench_pkt_sum(ip, TT_BENCH_IP_HDR, 0)));

	tt_bench_put16(udp, (unsigned int)sport);
	tt_bench_put16(udp + 2, (unsigned int)dport);
	tt_bench_put16(udp + 4, (unsigned int)ulen);
	for (i = TT_BENCH_UDP_HDR; i < ulen; i++)
		udp[i] = (uint8_t)(i * 7);
	/* the sequence number leads the payload, for the echo to carry back */
	if (ulen >= TT_BENCH_UDP_HDR + 4)
		memcpy(udp + TT_BENCH_UDP_HDR, &seq, 4);
	/* pseudo header: addresses, protocol, UDP length */
	sum = tt_bench_pkt_sum(ip + 12, 8, IPPROTO_UDP + (uint32_t)ulen);
	sum = tt_bench_pkt_fold(tt_bench_pkt_sum(udp, ulen, sum));
	tt_bench_put16(udp + 6, sum ? sum : 0xffff);
	return hl + ip_len;
}
