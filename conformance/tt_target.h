/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt_target.h: the adapter interface.  A target is the driver under
 * test; its adapter says how to open and attach a unit and how its
 * header mode maps, and nothing else: the tests are the same for all.
 *
 * One adapter a file (tt_target_<name>.c), compiled on the OS it runs
 * on only (the #if below and in the file); the table in tt_target.c
 * lists them, and `tt-conformance --target NAME` (or TT_TARGET) picks
 * one at run time.  What a target legitimately does differently is not
 * here but in conformance/expect/<name>.txt.
 *
 * To add a target (say NAME): write tt_target_NAME.c with a
 * `const struct tt_target tt_target_NAME`, add it to the #if list below
 * and to tt_targets[] in tt_target.c, and write its expect file, as
 * darwin-sim did (built into tt-conformance-xsim alone: TT_XSIM).
 *
 * The operations:
 *   open        open unit d->unit of kind d->kind (set by the caller),
 *               with O_RDWR | oflags; fill d->fd and d->name (the
 *               interface's name).  0, or -1 with errno, nothing left
 *               open.  The interface must exist when it returns.
 *   close       (may be NULL: close(d->fd)) release what open took.
 *   set_header  switch tun's 4-byte header on or off: the BSD AF header
 *               (TUNSIFHEAD) or whatever the target has in its place.
 *               0, or -1 with errno (the test then fails, as data says).
 *   hdr_put     write the header for address family af (AF_INET or
 *               AF_INET6 of this OS) into hdr[0..3].
 *   hdr_family  the family a header read says: AF_INET, AF_INET6, or -1.
 *   wait_queued wait up to ms until at least n packets are queued for
 *               read(); 1 if so, 0 if not (may only know "one or more").
 *   dlt_tun,    the pcap link types a capture on tun and tap reports;
 *   dlt_tap     hdr_null: tun captures carry a 4-byte AF header in host
 *               order in front of the packet (DLT_NULL).  -1: no capture
 *               on this target, no pcap cross-check (tt_xio.c).
 *   test_setup, (may be NULL) run before and after each test, in the
 *   test_teardown  test's own process: for a target that is booted
 *               per test (darwin-sim: the simulated kernel, its kexts).
 */
#ifndef TT_TARGET_H
#define TT_TARGET_H

#include <stddef.h>
#include <stdint.h>

struct tt_dev;

struct tt_target {
	const char *name;
	int (*open)(struct tt_dev *d, int oflags);
	void (*close)(struct tt_dev *d);
	int (*set_header)(struct tt_dev *d, int on);
	void (*hdr_put)(uint8_t hdr[4], int af);
	int (*hdr_family)(const uint8_t hdr[4]);
	int (*wait_queued)(struct tt_dev *d, int n, int ms);
	int dlt_tun;
	int dlt_tap;
	void (*test_setup)(void);
	void (*test_teardown)(void);
};

/* The target chosen for this run (tt_target.c). */
extern const struct tt_target *tt_target;
int tt_target_select(const char *name);	/* 0, or -1: no such target */
void tt_target_list(void);			/* prints the names built in */
/* Check's checked fixture of every test case: the target's hooks. */
void tt_target_test_setup(void);
void tt_target_test_teardown(void);

/* Shared by the adapters: BSD-style AF headers, network byte order. */
void tt_hdr_af_put(uint8_t hdr[4], int af);
int tt_hdr_af_family(const uint8_t hdr[4]);
/* The BSD model: unit K is the node /dev/tunK or /dev/tapK, the
 * interface is named after it, TUNSIFHEAD switches the AF header. */
int tt_node_open(struct tt_dev *d, int oflags);
int tt_node_set_header(struct tt_dev *d, int on);
/* Waiting for "readable": the least every target can do. */
int tt_wait_queued_poll(struct tt_dev *d, int n, int ms);

#if defined(TT_XSIM)
/* tt-conformance-xsim: the Mac kexts in the XNU simulator, alone (its
 * open, read, ioctl... are the simulator's: tt_xsim_shim.c) */
extern const struct tt_target tt_target_darwin_sim;
#elif defined(__linux__)
extern const struct tt_target tt_target_tuntap;
extern const struct tt_target tt_target_linux;
#elif defined(__APPLE__)
extern const struct tt_target tt_target_darwin;
#elif defined(__FreeBSD__)
extern const struct tt_target tt_target_freebsd;
#endif

#endif /* TT_TARGET_H */
