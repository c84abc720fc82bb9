// SPDX-License-Identifier: GPL-2.0-only
/*
 * xt_fuzz.c: the kexts' write path (and the read path behind it) as a
 * libFuzzer target, run in the XNU simulator.
 *
 * Input: byte 0 picks tun or tap, the AF header, the MTU; then records of
 * a 2-byte big-endian length and that many bytes, each one write().
 * Whatever the bytes, a write returns its length or fails with one of the
 * contract's errnos; an accepted write reaches the stack at most once;
 * the stack's packets read back whole; after close not one mbuf is left.
 * Any panic of the simulator (a wrong KPI call, a double free) aborts.
 *
 *   libFuzzer: clang -fsanitize=fuzzer,address ... (see xnu.mk, fuzz-xnu)
 *   here:      xt-fuzz [FILE...]  replays files, or with none runs a
 *              fixed series of generated inputs (make check-xnu-fuzz).
 */
#include <stdlib.h>

#include "xt.h"

static int xt_fuzz_booted;
static unsigned long xt_fuzz_ok, xt_fuzz_refused;

static void xt_fuzz_boot(void)
{
	if (xt_fuzz_booted)
		return;
	xsim_boot();
	if (xsim_kext_load("tun") || xsim_kext_load("tap"))
		abort();
	xt_fuzz_booted = 1;
}

static void xt_fuzz_check_errno(long r, size_t len)
{
	if (r == (long)len) {
		xt_fuzz_ok++;
		return;
	}
	xt_fuzz_refused++;
	if (r != -1 || (errno != EIO && errno != EINVAL && errno != EMSGSIZE &&
			errno != EAFNOSUPPORT)) {
		fprintf(stderr, "write of %zu returned %ld (%s)\n", len, r,
			xt_errname(errno));
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[70000];
	static const int mtus[] = { 1500, 72, 9000, 65535 };
	struct xt_dev d;
	int on, pf;
	size_t off = 1;

	if (size < 1)
		return 0;
	xt_fuzz_boot();
	if (xt_open(&d, (data[0] & 1) ? XT_TAP : XT_TUN, 0, XSIM_O_NONBLOCK))
		abort();
	if (!(data[0] & 8)) {
		xsim_if_set_up(d.name, 1);
		xsim_if_plumb(d.name, xt_AF_INET);
		xsim_if_plumb(d.name, xt_AF_INET6);
	}
	on = (data[0] >> 1) & 1;
	if (d.kind == XT_TUN)
		xsim_ioctl(d.fd, xt_TUNSIFHEAD, &on);
	xsim_if_set_mtu(d.name, mtus[(data[0] >> 4) & 3]);
	while (off + 2 <= size) {
		size_t len = (size_t)data[off] << 8 | data[off + 1];
		long r;

		off += 2;
		if (len > size - off)
			len = size - off;
		r = xsim_write(d.fd, data + off, len);
		xt_fuzz_check_errno(r, len);
		/* the stack echoes what it got back out through the unit */
		while ((r = xsim_stack_recv(NULL, &pf, buf, sizeof(buf))) >= 0) {
			if (xsim_output(d.name, pf, buf, (size_t)r,
					data + 1, (size_t)(data[0] >> 6) * 100) &&
			    errno != ENOBUFS && errno != EHOSTDOWN)
				abort();
		}
		/* at least one byte: a zero-length read takes nothing */
		while (xsim_read(d.fd, buf, (size_t)data[0] * 64 + 1) >= 0)
			;
		off += len;
	}
	xsim_close(d.fd);
	if (xsim_live_mbufs() != 0) {
		fprintf(stderr, "%ld mbuf(s) left after close\n",
			xsim_live_mbufs());
		abort();
	}
	return 0;
}

#ifndef XT_LIBFUZZER
/* Without libFuzzer: replay files, or a fixed series of inputs. */
static size_t xt_fuzz_gen(uint8_t *in, size_t cap, unsigned int seed)
{
	size_t n = 1 + (size_t)(rand_r(&seed) % (int)(cap - 1));
	size_t i;

	for (i = 0; i < n; i++)
		in[i] = (uint8_t)rand_r(&seed);
	/* make some records look like IP, with and without an AF header */
	if (n > 8) {
		in[1] = 0;
		in[2] = (uint8_t)(n - 3 > 255 ? 255 : n - 3);
		in[3] = (seed & 1) ? 0x45 : 0x60;
	}
	return n;
}

int main(int argc, char **argv)
{
	static uint8_t in[4096];
	unsigned int i, runs = 3000;
	int a;

	for (a = 1; a < argc; a++) {
		FILE *f = fopen(argv[a], "rb");
		size_t n;

		if (!f) {
			perror(argv[a]);
			return 1;
		}
		n = fread(in, 1, sizeof(in), f);
		fclose(f);
		LLVMFuzzerTestOneInput(in, n);
	}
	if (argc > 1)
		return 0;
	for (i = 0; i < runs; i++)
		LLVMFuzzerTestOneInput(in, xt_fuzz_gen(in, sizeof(in), i));
	printf("xt-fuzz: %u generated inputs, %lu writes accepted, %lu "
	       "refused; no panic, no leak\n", runs, xt_fuzz_ok, xt_fuzz_refused);
	xsim_kext_unload("tun");
	xsim_kext_unload("tap");
	xsim_shutdown();
	return 0;
}
#endif
