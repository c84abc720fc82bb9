// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_fault.c: what the race, load and hostile suites share: threads
 * that block with a deadline, the module's live-object count, the
 * kernel's slab usage, a round trip that proves a unit still works, and
 * the per-scenario records the summary lines are made of.
 */
#include "tt_test.h"
#include "tt_fault.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <net/if_arp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif
#include <time.h>
#include <unistd.h>

#define TT_FAULT_LIVE	"/sys/module/tuntap/parameters/live_objects"

#ifdef __linux__
/* The race, load and hostile suites' (Linux only, not in a Mac build):
 * pthread_timedjoin_np, gettid and /proc/self/task are Linux's. */

/* ---- threads with a deadline -------------------------------------------- */

int tt_thread_join(pthread_t t, int ms, void **ret)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return pthread_timedjoin_np(t, ret, &ts) == 0 ? 0 : -1;
}

pid_t tt_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/* The system call a thread of ours sleeps in, or -1 when it runs or is
 * gone: /proc/self/task/TID/syscall starts with the number. */
static long tt_thread_syscall(pid_t tid)
{
	char path[64], state = 0, line[64];
	long nr = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	/* "tid (comm) S ...": comm has no ')' here */
	if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
		state = 0;
	fclose(f);
	if (state != 'S')
		return -1;
	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fgets(line, sizeof(line), f))
		nr = strtol(line, NULL, 10);
	fclose(f);
	return nr;
}

int tt_thread_wait_blocked(pid_t tid, long nr, long nr2, int ms)
{
	long now;

	for (; ms > 0; ms -= 5) {
		now = tt_thread_syscall(tid);
		if (now >= 0 && (now == nr || now == nr2))
			return 1;
		tt_msleep(5);
	}
	return 0;
}

#endif /* __linux__ */

/* ---- memory ------------------------------------------------------------- */

long tt_fault_live(void)
{
	return (long)tt_file_number(TT_FAULT_LIVE);
}

long tt_fault_live_wait(long want, int ms)
{
	long v;

	for (;;) {
		v = tt_fault_live();
		if (v == want || ms <= 0)
			return v;
		tt_msleep(10);
		ms -= 10;
	}
}

/*
 * SLUB counts every object of a CPU's current slab as in use, free or
 * not; shrinking a cache hands those slabs back, so that what stays
 * counted is what is allocated.
 */
static void tt_slab_shrink(void)
{
	char path[300];
	struct dirent *e;
	DIR *dir = opendir("/sys/kernel/slab");

	if (!dir)
		return;
	while ((e = readdir(dir)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof(path),
				 "/sys/kernel/slab/%s/shrink", e->d_name);
			tt_sysctl_set(path, "1");
		}
	closedir(dir);
}

/* Bytes in live slab objects: active objects times their size, summed
 * over /proc/slabinfo.  -1 if it cannot be read. */
static long long tt_slab_sample(void)
{
	char line[512], name[64];
	unsigned long active, total, size;
	long long sum = 0;
	FILE *f = fopen("/proc/slabinfo", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %lu %lu %lu", name, &active, &total,
			   &size) == 4)
			sum += (long long)active * (long long)size;
	fclose(f);
	return sum;
}

long long tt_slab_bytes(void)
{
	long long v, best = -1;
	int i;

	/*
	 * Let what the kernel frees late go first: interfaces and sockets
	 * are freed after RCU grace periods, namespaces by a work queue.
	 * Dentries and inodes of /proc and /sys files the tests read are
	 * caches, not leaks: drop them.  The least of a few samples, since
	 * the noise (other caches, per-CPU slabs) only adds.
	 */
	tt_msleep(300);
	for (i = 0; i < 3; i++) {
		tt_sysctl_set("/proc/sys/vm/drop_caches", "2");
		tt_slab_shrink();
		v = tt_slab_sample();
		if (v >= 0 && (best < 0 || v < best))
			best = v;
		tt_msleep(100);
	}
	return best;
}

/* ---- a unit still works ------------------------------------------------- */

/* Where a UDP datagram goes without ARP: tun its peer, tap the subnet's
 * broadcast address. */
void tt_fault_dest(const struct tt_dev *d, uint16_t port,
		   struct sockaddr_in *to)
{
	memset(to, 0, sizeof(*to));
	to->sin_family = AF_INET;
	to->sin_port = htons(port);
	tt_addr4(d, d->kind == TT_DEV_TUN ? 2 : 255, &to->sin_addr);
}

int tt_fault_socket(const struct tt_dev *d, uint16_t port)
{
	struct in_addr local;
	int s, on = 1;

	tt_addr4(d, 1, &local);
	s = tt_udp4_socket(&local, port);
	ck_assert_msg(s >= 0, "UDP socket on %s: %s", d->name,
		      tt_errname(errno));
	ck_assert_int_eq(setsockopt(s, SOL_SOCKET, SO_BROADCAST, &on,
				    sizeof(on)), 0);
	return s;
}

size_t tt_fault_frame(const struct tt_dev *d, uint8_t *buf, uint16_t sport,
		      uint16_t dport, const void *payload, size_t n)
{
	uint8_t mac[6], peer_mac[6];
	struct in_addr local, peer;
	size_t len;

	tt_addr4(d, 1, &local);
	tt_addr4(d, 2, &peer);
	if (d->kind == TT_DEV_TUN)
		return tt_pkt_udp4(buf, &peer, &local, sport, dport, payload,
				   n);
	len = tt_pkt_udp4(buf + TT_ETH_LEN, &peer, &local, sport, dport,
			  payload, n);
	ck_assert_int_eq(tt_if_hwaddr(d->name, mac), ARPHRD_ETHER);
	tt_peer_mac(2, peer_mac);
	return tt_pkt_eth(buf, mac, peer_mac, 0x0800, len);
}

void tt_fault_works(struct tt_dev *d)
{
	static uint8_t buf[TT_PKT_MAX];
	struct tt_match_udp m = { d->kind == TT_DEV_TAP, 40099 };
	struct sockaddr_in to;
	size_t n;
	int s;

	s = tt_fault_socket(d, 40098);
	n = tt_fault_frame(d, buf, 40099, 40098, "still here", 10);
	ck_assert_msg(tt_xio_write(d->fd, buf, n) == (ssize_t)n, "%s: write: %s",
		      d->name, tt_errname(errno));
	ck_assert_msg(tt_wait_readable(s, 3000), "%s: written packet lost",
		      d->name);
	ck_assert_int_eq(recv(s, buf, sizeof(buf), MSG_DONTWAIT), 10);
	ck_assert_msg(memcmp(buf, "still here", 10) == 0, "payload differs");
	tt_fault_dest(d, 40099, &to);
	ck_assert_int_eq(sendto(s, "out", 3, 0, (struct sockaddr *)&to,
				sizeof(to)), 3);
	ck_assert_msg(tt_read_match(d, buf, sizeof(buf), 3000, tt_match_udp4,
				    &m) > 0, "%s: sent datagram not read",
		      d->name);
	close(s);
}

/* ---- the summary's records ---------------------------------------------- */

/*
 * One line per event in $TT_SUMMARY_DIR/<category>.rec, appended with one
 * write() so that concurrent tests cannot interleave: "run NAME" when a
 * scenario starts, "ok NAME SENT RECEIVED DROPPED MEMORY" when it ends
 * with every assertion passed.  harness/summary.sh adds them up.
 */
static void tt_sum_line(const char *cat, const char *line)
{
	const char *dir = getenv("TT_SUMMARY_DIR");
	char path[256];
	int fd;

	if (!dir || !*dir)
		return;
	snprintf(path, sizeof(path), "%s/%s.rec", dir, cat);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (tt_xio_write(fd, line, strlen(line)) < 0) {
		/* a lost record shows as a scenario that did not survive */
	}
	close(fd);
}

/* A test runs in its own process: one scenario at a time here. */
static char tt_sum_cat[32], tt_sum_name[128];

void tt_sum_begin(const char *cat, const char *name, int i)
{
	char line[160];

	snprintf(tt_sum_cat, sizeof(tt_sum_cat), "%s", cat);
	if (i < 0)
		snprintf(tt_sum_name, sizeof(tt_sum_name), "%s", name);
	else
		snprintf(tt_sum_name, sizeof(tt_sum_name), "%s.%d", name, i);
	snprintf(line, sizeof(line), "run %s\n", tt_sum_name);
	tt_sum_line(tt_sum_cat, line);
}

void tt_sum_end(long long sent, long long received, long long dropped,
		long long mem)
{
	char line[256];

	snprintf(line, sizeof(line), "ok %s %lld %lld %lld %lld\n",
		 tt_sum_name, sent, received, dropped, mem);
	tt_sum_line(tt_sum_cat, line);
	printf("%s: %s: %lld sent, %lld received, %lld dropped and counted, "
	       "%lld bytes not returned\n", tt_sum_cat, tt_sum_name, sent,
	       received, dropped, mem);
	fflush(stdout);
}

/* ---- memory against a baseline ------------------------------------------ */

#define TT_SLAB_CACHES	512

static struct {
	char name[64];
	long long bytes;
} tt_slab_snap[TT_SLAB_CACHES];
static int tt_slab_nsnap;

/* Each cache's bytes now, into snap; how many caches. */
static int tt_slab_caches(char (*names)[64], long long *bytes)
{
	char line[512], name[64];
	unsigned long active, total, size;
	FILE *f = fopen("/proc/slabinfo", "re");
	int n = 0;

	if (!f)
		return 0;
	while (n < TT_SLAB_CACHES && fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %lu %lu %lu", name, &active, &total,
			   &size) == 4) {
			snprintf(names[n], 64, "%s", name);
			bytes[n++] = (long long)active * (long long)size;
		}
	fclose(f);
	return n;
}

long long tt_slab_baseline(void)
{
	static char names[TT_SLAB_CACHES][64];
	static long long bytes[TT_SLAB_CACHES];
	long long total = tt_slab_bytes();
	int i;

	tt_slab_nsnap = tt_slab_caches(names, bytes);
	for (i = 0; i < tt_slab_nsnap; i++) {
		memcpy(tt_slab_snap[i].name, names[i], 64);
		tt_slab_snap[i].bytes = bytes[i];
	}
	return total;
}

/* The caches that grew most since the baseline, for the log. */
static void tt_slab_print_growth(const char *cat)
{
	static char names[TT_SLAB_CACHES][64];
	static long long bytes[TT_SLAB_CACHES];
	int n = tt_slab_caches(names, bytes), i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < tt_slab_nsnap; j++)
			if (strcmp(names[i], tt_slab_snap[j].name) == 0 &&
			    bytes[i] - tt_slab_snap[j].bytes >= 16384)
				printf("%s: slab cache %s grew by %lld bytes\n",
				       cat, names[i],
				       bytes[i] - tt_slab_snap[j].bytes);
}

long long tt_slab_returned(long long base, long long tolerance,
			   const char *cat)
{
	long long delta = 0;
	int ms;

	/* what is freed late (namespaces, RCU) gets 10 s to go */
	for (ms = 0; ms < 10000; ms += 1000) {
		delta = tt_slab_bytes() - base;
		if (delta <= tolerance)
			break;
	}
	printf("%s: slab %lld bytes at the baseline, %+lld after (tolerance "
	       "%lld)\n", cat, base, delta, tolerance);
	if (delta > tolerance)
		tt_slab_print_growth(cat);
	fflush(stdout);
	return delta;
}

/* The baseline of the suite running now, taken in Check's own process
 * before the first test: every test's process inherits it. */
static long long tt_fault_base = -1;

void tt_fault_suite_setup(void)
{
	tt_fault_base = tt_slab_baseline();
}

void tt_fault_memory_check(const char *cat, const char *name)
{
	long long delta;

	tt_sum_begin(cat, name, -1);
	ck_assert_int_eq(tt_fault_live_wait(0, 5000), 0);
	ck_assert_msg(tt_fault_base >= 0, "no slab baseline");
	delta = tt_slab_returned(tt_fault_base, TT_SLAB_TOLERANCE, cat);
	ck_assert_msg(delta <= TT_SLAB_TOLERANCE,
		      "%lld bytes of slab not returned", delta);
	tt_sum_end(0, 0, 0, delta > 0 ? delta : 0);
}

/*
 * The sequence number of one of our datagrams as read from d with hl
 * bytes of AF header, or -1 for anything else.  A packet whose IP
 * length disagrees with the read's is torn: -2.
 */
long tt_race_seq(const struct tt_dev *d, const uint8_t *p, size_t n,
			size_t hl)
{
	size_t l2 = (d->kind == TT_DEV_TAP ? TT_ETH_LEN : 0) + hl, ihl;
	uint32_t seq;

	if (n < l2 + 20 + 8 + 4 || (p[l2] >> 4) != 4)
		return -1;
	if ((size_t)((p[l2 + 2] << 8) | p[l2 + 3]) + l2 != n)
		return -2;
	ihl = (size_t)(p[l2] & 0xf) * 4;
	if (p[l2 + 9] != IPPROTO_UDP ||
	    ((p[l2 + ihl + 2] << 8) | p[l2 + ihl + 3]) != TT_RACE_PEER)
		return -1;
	memcpy(&seq, p + l2 + ihl + 8, 4);
	return (long)ntohl(seq);
}
