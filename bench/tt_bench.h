/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt_bench.h: what the files of tt-bench share.
 *
 * tt-bench measures our driver (/dev/tunK, /dev/tapK: target "tuntap")
 * against Linux's own tun (/dev/net/tun with TUNSETIFF: target "linux")
 * side by side in one run: the trials of the two targets alternate
 * (A B A B ...), so that whatever else the machine does falls on both.
 */
#ifndef TT_BENCH_H
#define TT_BENCH_H

#include <net/if.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

enum tt_bench_target { TT_BENCH_OURS, TT_BENCH_LINUX, TT_BENCH_NTARGETS };
/* tun; tun with a 4-byte header (ours: AF header, Linux: PI); tap */
enum tt_bench_kind { TT_BENCH_TUN, TT_BENCH_TUNHDR, TT_BENCH_TAP, TT_BENCH_NKINDS };

#define TT_BENCH_MAX_TRIALS 64
#define TT_BENCH_MAX_SIZES 8
#define TT_BENCH_BUF (65536 + 64)	/* any packet plus its header */
#define TT_BENCH_PORT 9000

/* One open device, up and addressed, its peer reachable through it. */
struct tt_bench_dev {
	enum tt_bench_target target;
	enum tt_bench_kind kind;
	int fd;
	char name[IFNAMSIZ];
	size_t hdr_len;			/* bytes in front of the IP packet */
	uint8_t mac[6];			/* tap: the interface's own */
	struct in_addr local, peer;	/* our side and the far side */
};

/* The options of one run. */
struct tt_bench_opts {
	int targets[TT_BENCH_NTARGETS];	/* which to run */
	int kinds[TT_BENCH_NKINDS];
	size_t sizes[TT_BENCH_MAX_SIZES]; /* IP packet lengths, 0: the MTU's max */
	int nsizes;
	int inject, deliver, latency, vpn;
	int trials;
	double seconds;			/* one trial */
	int unit;			/* our first unit (the VPN takes two) */
	const char *json;		/* where results go, or NULL */
};

extern const char *const tt_bench_target_name[TT_BENCH_NTARGETS];
extern const char *const tt_bench_kind_name[TT_BENCH_NKINDS];

/* tt_bench_dev.c */
int tt_bench_dev_open(struct tt_bench_dev *d, enum tt_bench_target t,
		      enum tt_bench_kind k, int unit, int subnet, int host, int mtu);
void tt_bench_dev_close(struct tt_bench_dev *d);
int tt_bench_dev_max_mtu(enum tt_bench_target t, enum tt_bench_kind k, int unit);
int tt_bench_netcfg_lo_up(void);
int tt_bench_udp_socket(const struct in_addr *addr, int port);
extern const uint8_t tt_bench_peer_mac[6];

/* tt_bench_pkt.c: a frame the device takes: header, IPv4, UDP, payload */
size_t tt_bench_pkt_build(const struct tt_bench_dev *d, uint8_t *buf,
			  size_t ip_len, int sport, int dport, uint32_t seq);
size_t tt_bench_pkt_payload(size_t ip_len);

/* tt_bench_stat.c */
uint64_t tt_bench_now_ns(void);
uint64_t tt_bench_cpu_ns(void);
void tt_bench_sleep(double seconds);
double tt_bench_median(const double *v, int n);
double tt_bench_mad(const double *v, int n);
double tt_bench_pct(double *v, int n, double p);
double tt_bench_null_syscall_ns(void);
double tt_bench_memcpy_ns(size_t len);

/* tt_bench_thread.c: threads that loop on a blocking call until stopped */
struct tt_bench_worker {
	void (*fn)(struct tt_bench_worker *w);	/* loops while !w->stop */
	void *arg;
	volatile int stop;
	volatile int done;
	unsigned long long tid;		/* pthread_t, opaque here */
	uint64_t count, bytes, errors;
};
int tt_bench_worker_start(struct tt_bench_worker *w);
void tt_bench_worker_stop(struct tt_bench_worker *w);

/* tt_bench_flow.c: one trial of inject or deliver; figures out */
struct tt_bench_flow {
	double pps, gbps, ns_pkt, cpu_ns_pkt, drop_pct;
};
int tt_bench_inject(struct tt_bench_dev *d, size_t size, double seconds,
		    struct tt_bench_flow *out);
int tt_bench_deliver(struct tt_bench_dev *d, size_t size, double seconds,
		     struct tt_bench_flow *out);

/* tt_bench_lat.c: one trial of ping-pong; percentiles in ns */
struct tt_bench_lat {
	double p50, p99, p999;
	int samples;
};
int tt_bench_latency(struct tt_bench_dev *d, size_t size, double seconds,
		     struct tt_bench_lat *out);

/* tt_bench_vpn.c: iperf3 TCP through a forwarder, Gbit/s */
int tt_bench_vpn(enum tt_bench_target t, int unit, double seconds,
		 double *gbps, double *retrans);

/* tt_bench_report.c: figures, the table and the JSON */
struct tt_bench_fig {
	const char *mode;		/* inject, deliver, latency, vpn */
	const char *kind;
	size_t size;
	const char *metric;
	int better_high;		/* 1: a higher figure is better */
	int n[TT_BENCH_NTARGETS];
	double v[TT_BENCH_NTARGETS][TT_BENCH_MAX_TRIALS];
};
struct tt_bench_fig *tt_bench_fig_new(const char *mode, const char *kind,
				      size_t size, const char *metric,
				      int better_high);
void tt_bench_fig_add(struct tt_bench_fig *f, enum tt_bench_target t, double v);
void tt_bench_report_table(void);
int tt_bench_report_json(const struct tt_bench_opts *o, const char *path);

#endif /* TT_BENCH_H */
