/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xnu_sim.h: what a test sees of the simulated XNU kernel.
 *
 * The calls look like the system calls a program makes on a Mac (open,
 * read, write, ioctl, select on /dev/tunN) and like what the network
 * stack does to an interface (ifconfig up, plumb IP, send a packet to
 * it, receive what it injects).  errno is set with the HOST's value of
 * the name XNU's kernel returned, so tests compare errno by name.  Request
 * numbers, address families and flags are XNU's values, exported by the
 * test glue (the xt_* constants of harness/xnu/test/xt_kext.c).
 *
 * Types here are neutral: this header is included both by the tests
 * (with the host's libc) and by the simulated kernel (without it).
 */
#ifndef XNU_SIM_H
#define XNU_SIM_H

#include <stddef.h>
#include <stdint.h>

/* ---- the machine --------------------------------------------------------- */

/* Fresh kernel state; starts the interface detacher thread. */
void xsim_boot(void);
/* Stops it and panics on anything left: loaded kexts, open files,
 * interfaces, mbufs (a leak is as loud as a wrong call). */
void xsim_shutdown(void);
/* kextload / kextunload: 0, or -1 with errno (unload refused: EBUSY;
 * start failed: EIO; unknown: ENOENT). */
int xsim_kext_load(const char *name);
int xsim_kext_unload(const char *name);
/* Delay before the detacher thread finalizes a detached interface. */
void xsim_set_detach_delay_ms(int ms);
/* Delay from the detach callback to the name being free again (dlil's
 * DLIF_INUSE cleared): an open meanwhile meets EBUSY from ifnet_allocate. */
void xsim_set_detach_tail_ms(int ms);
/* The stack's calls into an interface being detached, made before its
 * detach callback: how many rounds, and the driver's last answers to
 * its output and to SIOCGIFSTATUS (XNU errno values). */
long xsim_late_calls(int *output_err, int *ioctl_err);
/* Allocation failure injection: the n-th allocating KPI call from now
 * on fails (0: none); whether it did; site i's function and how often it
 * was failed there (-1: no site i).  Sites are kept across boots. */
void xsim_fault_arm(long n);
int xsim_fault_fired(void);
long xsim_fault_site(int i, const char **fn);
/* The lock-order checker saw a lock of class a held while one of class b
 * was taken ("ifnet_lock", "tun mutex 2": group, allocation site). */
int xsim_lock_order_seen(const char *a, const char *b);
/* A signal to every thread asleep in msleep with PCATCH: its system call
 * fails with EINTR, or is restarted (restart: SA_RESTART).  How many. */
int xsim_signal(int restart);
/* Each uiomove sleeps ms first, as a copy that pages user memory in. */
void xsim_set_uio_delay_ms(int ms);
/* How many uiomoves are in that delay now. */
int xsim_uio_in_delay(void);
/* readv / writev: n buffers.  A buffer in the first page (NULL...) is
 * unmapped, as in any process: the copy fails with EFAULT. */
struct xsim_iovec {
	void *base;
	size_t len;
};
long xsim_readv(int fd, const struct xsim_iovec *iov, int n);
long xsim_writev(int fd, const struct xsim_iovec *iov, int n);
/* A kernel device registering a fixed major (bsd/net/bpf.c's 23): the
 * major, or -1 when taken. */
int xsim_cdevsw_add_fixed(int major);
/* The pid the calling process has (SIOCGIFSTATUS shows it). */
void xsim_set_pid(int pid);
long xsim_live_mbufs(void);
/* mbufs with a packet header: the packets the kernel holds */
long xsim_live_packets(void);
long xsim_live_ifnets(void);

/* The kernel log (printf from the kexts): occurrences of needle. */
int xsim_log_count(const char *needle);
int xsim_log_lines(void);
void xsim_log_clear(void);

/* ---- the character devices ------------------------------------------------ */

#define XSIM_O_NONBLOCK 1	/* xsim_open, xsim_[gs]etfl: non-blocking */
#define XSIM_O_ASYNC	2	/* xsim_[gs]etfl: O_ASYNC (FASYNC) */

int xsim_open(const char *path, int oflags);
int xsim_close(int fd);
int xsim_dup(int fd);
long xsim_read(int fd, void *buf, size_t n);
long xsim_write(int fd, const void *buf, size_t n);
int xsim_ioctl(int fd, unsigned long req, void *arg);
/* fcntl(fd, F_GETFL): the open file's XSIM_O_* flags, or -1 (EBADF) */
int xsim_getfl(int fd);
/* fcntl(fd, F_SETFL, XSIM_O_* flags): 0, or -1 with the driver's error */
int xsim_setfl(int fd, int oflags);
/* select(): rd[i] / wr[i] non-zero ask for fds[i]; on return they say
 * what is ready.  Number ready, 0 on timeout (ms < 0: wait forever). */
int xsim_select(const int *fds, int n, int *rd, int *wr, int ms);
/* The node exists and its mode, or -1. */
int xsim_node_mode(const char *path);
/* Its owner (devfs_make_node's uid), or -1. */
int xsim_node_uid(const char *path);

/* ---- the network stack ----------------------------------------------------- */

struct xsim_if_stats {
	uint64_t ipackets, ibytes, ierrors;
	uint64_t opackets, obytes, oerrors;
	uint64_t no_protocol;
};

int xsim_if_exists(const char *name);
int xsim_if_flags(const char *name);		/* IFF_* (XNU), or -1 */
/* ifconfig NAME up|down: SIOCSIFFLAGS through the stack */
int xsim_if_set_up(const char *name, int up);
int xsim_if_mtu(const char *name);
/* ifconfig NAME mtu N: the stack's bounds, then the driver */
int xsim_if_set_mtu(const char *name, int mtu);
/* ifnet_ioctl(): a request straight to the driver */
int xsim_if_ioctl(const char *name, unsigned long req, void *arg);
int xsim_if_lladdr(const char *name, uint8_t mac[6]);
int xsim_if_stats(const char *name, struct xsim_if_stats *st);
/* SIOCPROTOATTACH: attach protocol pf (XNU value) via its plumber */
int xsim_if_plumb(const char *name, int pf);
/* The stack sends len bytes of protocol pf through the interface, as a
 * chain of seg-byte mbufs (0: a header mbuf then clusters, with room in
 * front).  dst_mac: tap's destination.  0 or -1 with errno. */
int xsim_output(const char *name, int pf, const void *pkt, size_t len,
		const uint8_t *dst_mac, size_t seg);
/* A packet the interface handed to the stack (proto_input): its length
 * (copied up to n), or -1 with EAGAIN when none waits. */
long xsim_stack_recv(char ifname[16], int *pf, void *buf, size_t n);
/* bpf: packets tapped in direction dir (0 in, 1 out), and the last one
 * (link header included) copied up to n. */
long xsim_bpf_count(const char *name, int dir);
long xsim_bpf_last(const char *name, int dir, void *buf, size_t n);
/* Another vendor's kext registering (or dropping) a plumber for (pf,
 * interface family): 0 or -1 with errno. */
int xsim_foreign_plumber(int pf, unsigned int if_family, int reg);

/* Darwin's struct ifreq and struct ifstat, for the tests' ioctls. */
struct xsim_sockaddr {
	uint8_t sa_len;
	uint8_t sa_family;
	char sa_data[14];
};
struct xsim_ifreq {
	char name[16];		/* ifr_name, a macro of Linux's net/if.h */
	union {
		struct xsim_sockaddr addr;
		short flags;
		int mtu;
		char pad[16];
		void *data;
	} u;
};
struct xsim_ifstat {
	char ifs_name[16];
	char ascii[801];
};

#endif
