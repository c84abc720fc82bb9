/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt_devgen.h: the device fuzzer's packet generator, apart from any
 * system call so that it is fuzzed itself (tt_fuzz_devgen.c) and seeds
 * the corpora (tt_fuzz_seed.c).
 *
 * Everything is drawn from a small deterministic PRNG: the same seed
 * gives the same frames, whatever machine runs it.
 */
#ifndef TT_DEVGEN_H
#define TT_DEVGEN_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

struct tt_rng {
	uint64_t s;
};

void tt_rng_seed(struct tt_rng *r, uint64_t seed);
uint64_t tt_rng_next(struct tt_rng *r);
/* 0..n-1 (0 when n is 0) */
uint32_t tt_rng_below(struct tt_rng *r, uint32_t n);
/* true percent times in a hundred */
int tt_rng_chance(struct tt_rng *r, unsigned int percent);
void tt_rng_bytes(struct tt_rng *r, void *buf, size_t n);

/* The header in front of a tun packet. */
enum tt_gen_hdr {
	TT_GEN_HDR_NONE,
	TT_GEN_HDR_AF,		/* tuntap's TUNSIFHEAD: 4-byte address family */
	TT_GEN_HDR_PI,		/* Linux tun without IFF_NO_PI: struct tun_pi */
};

/* What the generator knows of the device it writes to. */
struct tt_gen_ctx {
	int tap;
	enum tt_gen_hdr hdr;
	uint32_t af_inet, af_inet6;	/* for TT_GEN_HDR_AF */
	uint32_t mtu;
	uint8_t mac[6];			/* tap: the interface's */
	uint8_t peer_mac[6];		/* tap: the simulated neighbour's */
	struct in_addr local4, peer4;
	struct in6_addr local6, peer6;
};

/* The biggest frame the generator writes: MTU 65535 plus any header. */
#define TT_GEN_MAX	(65535 + 64)

/*
 * One frame into buf (TT_GEN_MAX bytes): a structure-aware packet for
 * the device's kind and header mode, mutated or not, or raw bytes.  Its
 * length is returned; *pristine says that it is a well-formed packet
 * the write rules must accept while the interface is up.
 */
size_t tt_gen_frame(struct tt_rng *r, const struct tt_gen_ctx *c,
		    uint8_t *buf, int *pristine);

/* An IPv4 echo request peer -> local (id), framed for the device. */
size_t tt_gen_ping(const struct tt_gen_ctx *c, uint8_t *buf, uint16_t id);
/* tap: the ARP reply that tells the kernel where the peer is. */
size_t tt_gen_arp_reply(const struct tt_gen_ctx *c, uint8_t *buf);

/* Mutate buf[0..*len) in place; the result stays within TT_GEN_MAX. */
void tt_gen_mutate(struct tt_rng *r, uint8_t *buf, size_t *len);

#endif /* TT_DEVGEN_H */
