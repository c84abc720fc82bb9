// SPDX-License-Identifier: GPL-2.0-only
/*
 * tt_xsim_udp.c: the simulated stack's UDP, for the darwin-sim target.
 * The XNU simulator has no IP stack: its far side of ifnet_input keeps
 * what the interface hands up (xsim_stack_recv), and its output path
 * takes a packet the caller built (xsim_output).  This is the least of a
 * stack the unchanged tests need to use the device as they do on Linux:
 * socket(AF_INET or AF_INET6, SOCK_DGRAM), bind, sendto (the datagram
 * goes out by the interface tt_xsim_route picks, with no ARP and no
 * fragmentation), recv / recvfrom (the datagrams to the bound address
 * and port, IPv4 or IPv6 with a correct header, whatever else the
 * interfaces handed up is dropped as a stack without a listener would).
 * Reached through the shim's --wrap'ed calls; other sockets (AF_UNIX,
 * netlink, ...) stay Linux's.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tt_test.h"
#include "tt_xsim.h"
#include "xnu_sim.h"
#include "xt_const.h"

int __real_socket(int domain, int type, int proto);
int __real_bind(int fd, const struct sockaddr *sa, socklen_t len);
ssize_t __real_sendto(int fd, const void *buf, size_t n, int flags,
		      const struct sockaddr *to, socklen_t tolen);
ssize_t __real_recv(int fd, void *buf, size_t n, int flags);
ssize_t __real_recvfrom(int fd, void *buf, size_t n, int flags,
			struct sockaddr *from, socklen_t *fromlen);
int __real_setsockopt(int fd, int level, int opt, const void *v,
		      socklen_t len);

#define TT_XSIM_UDP_QUEUE	256	/* datagrams a socket holds */
#define TT_XSIM_EPHEMERAL	49152	/* XNU's first ephemeral port */

struct tt_xsim_dgram {
	size_t len;
	uint8_t *data;
	struct sockaddr_storage from;
};

struct tt_xsim_sock {
	int used, family, bound, nonblock;
	uint16_t port;			/* network order */
	uint8_t addr[16];		/* bound address; zeros: any */
	unsigned head, len;
	struct tt_xsim_dgram q[TT_XSIM_UDP_QUEUE];
};

static pthread_mutex_t tt_xsim_udp_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tt_xsim_sock tt_xsim_socks[TT_XSIM_UDP_MAX];
static uint8_t tt_xsim_rx[TT_PKT_MAX];	/* under the lock */

int tt_xsim_is_udp(int fd)
{
	return fd >= TT_XSIM_UDP_FD && fd < TT_XSIM_UDP_FD + TT_XSIM_UDP_MAX;
}

/* The socket of fd, or NULL with EBADF (not open). Under the lock. */
static struct tt_xsim_sock *tt_xsim_sock(int fd)
{
	struct tt_xsim_sock *s = &tt_xsim_socks[fd - TT_XSIM_UDP_FD];

	if (!s->used) {
		errno = EBADF;
		return NULL;
	}
	return s;
}

static void tt_xsim_sock_free(struct tt_xsim_sock *s)
{
	while (s->len) {
		free(s->q[s->head].data);
		s->head = (s->head + 1) % TT_XSIM_UDP_QUEUE;
		s->len--;
	}
	memset(s, 0, sizeof(*s));
}

void tt_xsim_udp_reset(void)
{
	int i;

	pthread_mutex_lock(&tt_xsim_udp_lock);
	for (i = 0; i < TT_XSIM_UDP_MAX; i++)
		tt_xsim_sock_free(&tt_xsim_socks[i]);
	pthread_mutex_unlock(&tt_xsim_udp_lock);
}

int __wrap_socket(int domain, int type, int proto)
{
	int i, fd = -1;

	/* XNU's PF_ROUTE (Linux's AF_PACKET, which the suite never opens) */
	if (domain == TT_XSIM_PF_ROUTE && (type & 0xff) == SOCK_RAW)
		return tt_xsim_rtsock_open();
	if ((domain != AF_INET && domain != AF_INET6) ||
	    (type & 0xff) != SOCK_DGRAM)
		return __real_socket(domain, type, proto);
	pthread_mutex_lock(&tt_xsim_udp_lock);
	for (i = 0; i < TT_XSIM_UDP_MAX && fd < 0; i++)
		if (!tt_xsim_socks[i].used) {
			tt_xsim_socks[i].used = 1;
			tt_xsim_socks[i].family = domain;
			fd = TT_XSIM_UDP_FD + i;
		}
	pthread_mutex_unlock(&tt_xsim_udp_lock);
	if (fd < 0)
		errno = EMFILE;
	return fd;
}

int tt_xsim_udp_family(int fd)
{
	struct tt_xsim_sock *s;
	int family = -1;

	pthread_mutex_lock(&tt_xsim_udp_lock);
	s = tt_xsim_sock(fd);
	if (s)
		family = s->family;
	pthread_mutex_unlock(&tt_xsim_udp_lock);
	return family;
}

int tt_xsim_udp_close(int fd)
{
	struct tt_xsim_sock *s;

	pthread_mutex_lock(&tt_xsim_udp_lock);
	s = tt_xsim_sock(fd);
	if (s)
		tt_xsim_sock_free(s);
	pthread_mutex_unlock(&tt_xsim_udp_lock);
	return s ? 0 : -1;
}

/* The address and port of a sockaddr of the socket's family. */
static int tt_xsim_sa(const struct tt_xsim_sock *s, const struct sockaddr *sa,
		      socklen_t len, uint8_t addr[16], uint16_t *port)
{
	if (s->family == AF_INET && sa->sa_family == AF_INET &&
	    len >= sizeof(struct sockaddr_in)) {
		memcpy(addr, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		*port = ((const struct sockaddr_in *)sa)->sin_port;
		return 0;
	}
	if (s->family == AF_INET6 && sa->sa_family == AF_INET6 &&
	    len >= sizeof(struct sockaddr_in6)) {
		memcpy(addr, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
		*port = ((const struct sockaddr_in6 *)sa)->sin6_port;
		return 0;
	}
	errno = EAFNOSUPPORT;
	return -1;
}

int __wrap_bind(int fd, const struct sockaddr *sa, socklen_t len)
{
	static const uint8_t any[16];
	struct tt_xsim_sock *s;
	int r = -1;

	if (!tt_xsim_is_udp(fd))
		return __real_bind(fd, sa, len);
	pthread_mutex_lock(&tt_xsim_udp_lock);
	s = tt_xsim_sock(fd);
	if (s && tt_xsim_sa(s, sa, len, s->addr, &s->port) == 0) {
		if (memcmp(s->addr, any, s->family == AF_INET ? 4 : 16) &&
		    !tt_xsim_is_local(s->family, s->addr))
			errno = EADDRNOTAVAIL;
		else
			r = 0, s->bound = 1;
	}
	pthread_mutex_unlock(&tt_xsim_udp_lock);
	return r;
}

/*
 * Options the tests set that ask for what this stack does anyway: buffer
 * sizes (it has no limit but its queue), IP_RECVERR (sendto reports the
 * interface's error itself), IP_MTU_DISCOVER "do" (it never fragments:
 * a datagram over the MTU is EMSGSIZE).  Any other: ENOPROTOOPT.
 */
int __wrap_setsockopt(int fd, int level, int opt, const void *v,
		      socklen_t len)
{
	if (!tt_xsim_is_udp(fd))
		return __real_setsockopt(fd, level, opt, v, len);
	if (level == SOL_SOCKET && (opt == SO_RCVBUF || opt == SO_SNDBUF ||
				    opt == SO_RCVBUFFORCE ||
				    opt == SO_SNDBUFFORCE ||
				    opt == SO_REUSEADDR))
		return 0;
	if (level == IPPROTO_IP && opt == IP_RECVERR)
		return 0;
	if (level == IPPROTO_IP && opt == IP_MTU_DISCOVER &&
	    len == sizeof(int) && *(const int *)v == IP_PMTUDISC_DO)
		return 0;
	errno = ENOPROTOOPT;
	return -1;
}

/* fcntl(F_GETFL / F_SETFL): O_NONBLOCK is all a socket here has. */
int tt_xsim_udp_fcntl(int fd, int cmd, long arg)
{
	struct tt_xsim_sock *s;
	int r = -1;

	pthread_mutex_lock(&tt_xsim_udp_lock);
	s = tt_xsim_sock(fd);
	if (s && cmd == F_GETFL)
		r = O_RDWR | (s->nonblock ? O_NONBLOCK : 0);
	else if (s && cmd == F_SETFL)
		r = 0, s->nonblock = (arg & O_NONBLOCK) != 0;
	else if (s && (cmd == F_GETFD || cmd == F_SETFD))
		r = 0;
	else if (s)
		errno = EINVAL;
	pthread_mutex_unlock(&tt_xsim_udp_lock);
	return r;
}

ssize_t __wrap_sendto(int fd, const void *buf, size_t n, int flags,
		      const struct sockaddr *to, socklen_t tolen)
{
	uint8_t dst[16], src[16], mac[6], *pkt;
	struct tt_xsim_sock *s;
	char ifname[IFNAMSIZ];
	uint16_t dport, sport;
	size_t len;
	int tap, r, family;

	if (!tt_xsim_is_udp(fd))
		return __real_sendto(fd, buf, n, flags, to, tolen);
	pthread_mutex_lock(&tt_xsim_udp_lock);
	s = tt_xsim_sock(fd);
	r = s && to ? tt_xsim_sa(s, to, tolen, dst, &dport) : -1;
	if (s && !to)
		errno = EDESTADDRREQ;
	family = s ? s->family : 0;
	sport = s && s->bound ? s->port :
		htons((uint16_t)(TT_XSIM_EPHEMERAL + (fd - TT_XSIM_UDP_FD)));
	pthread_mutex_unlock(&tt_xsim_udp_lock);
	if (r != 0)
		return -1;
	if (n > 65535 - 48) {
		errno = EMSGSIZE;
		return -1;
	}
	if (tt_xsim_route(family, dst, ifname, src, mac, &tap) != 0)
		return -1;
	if (n + (family == AF_INET ? 28 : 48) > (size_t)xsim_if_mtu(ifname)) {
		errno = EMSGSIZE;	/* and no fragments */
		return -1;
	}
	pkt = malloc(n + 48);
	if (!pkt)
		return -1;
	if (family == AF_INET)
		len = tt_pkt_udp4(pkt, (struct in_addr *)src,
				  (struct in_addr *)dst, ntohs(sport),
				  ntohs(dport), buf, n);
	else
		len = tt_pkt_udp6(pkt, (struct in6_addr *)src,
				  (struct in6_addr *)dst, ntohs(sport),
				  ntohs(dport), buf, n);
	r = xsim_output(ifname, family == AF_INET ? xt_AF_INET : xt_AF_INET6,
			pkt, len, tap ? mac : NULL, 0);
	free(pkt);
	return r == 0 ? (ssize_t)n : -1;
}

/*
 * One packet from the interfaces to the socket it is for: a UDP datagram
 * with a sound IP header, to a bound address and port.  Under the lock.
 */
static void tt_xsim_deliver(int pf, const uint8_t *p, size_t n)
{
	struct tt_xsim_dgram *dg;
	struct tt_xsim_sock *s;
	size_t hl, ulen;
	const uint8_t *src, *dst;
	int family, i, alen;
	uint16_t sport, dport;

	if (pf == xt_AF_INET && n >= 28 && p[0] >> 4 == 4 && p[9] == 17) {
		hl = (size_t)(p[0] & 15) * 4;
		if (hl < 20 || tt_pkt_get16(p + 2) > n || hl + 8 > n)
			return;
		n = tt_pkt_get16(p + 2);
		family = AF_INET, alen = 4, src = p + 12, dst = p + 16;
	} else if (pf == xt_AF_INET6 && n >= 48 && p[0] >> 4 == 6 &&
		   p[6] == 17) {
		hl = 40;
		if ((size_t)tt_pkt_get16(p + 4) + 40 > n)
			return;
		n = (size_t)tt_pkt_get16(p + 4) + 40;
		family = AF_INET6, alen = 16, src = p + 8, dst = p + 24;
	} else {
		return;
	}
	ulen = tt_pkt_get16(p + hl + 4);
	if (ulen < 8 || hl + ulen > n)
		return;
	memcpy(&sport, p + hl, 2);
	memcpy(&dport, p + hl + 2, 2);
	for (i = 0; i < TT_XSIM_UDP_MAX; i++) {
		s = &tt_xsim_socks[i];
		if (!s->used || !s->bound || s->family != family ||
		    s->port != dport)
			continue;
		if (memcmp(s->addr, dst, (size_t)alen) &&
		    memcmp(s->addr, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", alen))
			continue;
		if (s->len == TT_XSIM_UDP_QUEUE)
			return;		/* a full socket buffer drops */
		dg = &s->q[(s->head + s->len) % TT_XSIM_UDP_QUEUE];
		dg->len = ulen - 8;
		dg->data = malloc(dg->len ? dg->len : 1);
		if (!dg->data)
			return;
		memcpy(dg->data, p + hl + 8, dg->len);
		memset(&dg->from, 0, sizeof(dg->from));
		if (family == AF_INET) {
			struct sockaddr_in *sin = (void *)&dg->from;

			sin->sin_family = AF_INET;
			sin->sin_port = sport;
			memcpy(&sin->sin_addr, src, 4);
		} else {
			struct sockaddr_in6 *sin6 = (void *)&dg->from;

			sin6->sin6_family = AF_INET6;
			sin6->sin6_port = sport;
			memcpy(&sin6->sin6_addr, src, 16);
		}
		s->len++;
		return;
	}
}

/* Everything the interfaces handed up so far, to its socket.  Under the
 * lock. */
static void tt_xsim_pump(void)
{
	int pf;
	long n;

	while ((n = xsim_stack_recv(NULL, &pf, tt_xsim_rx,
				    sizeof(tt_xsim_rx))) >= 0)
		if ((size_t)n <= sizeof(tt_xsim_rx))
			tt_xsim_deliver(pf, tt_xsim_rx, (size_t)n);
}

static long long tt_xsim_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The simulated stack wakes nobody: waiting is polling, every ms. */
int tt_xsim_udp_wait(const int *fds, int n, int *rd, int *wr, int ms)
{
	long long deadline = tt_xsim_now_ms() + ms;
	struct timespec tick = { 0, 1000000 };
	struct tt_xsim_sock *s;
	int i, ready, want_rd[TT_XSIM_POLL_MAX];

	for (i = 0; i < n; i++)
		want_rd[i] = rd[i];
	for (;;) {
		ready = 0;
		pthread_mutex_lock(&tt_xsim_udp_lock);
		tt_xsim_pump();
		for (i = 0; i < n; i++) {
			s = tt_xsim_sock(fds[i]);
			if (!s) {
				pthread_mutex_unlock(&tt_xsim_udp_lock);
				return -1;
			}
			rd[i] = want_rd[i] && s->len > 0;
			ready += rd[i] + (wr[i] != 0);	/* always writable */
		}
		pthread_mutex_unlock(&tt_xsim_udp_lock);
		if (ready || (ms >= 0 && tt_xsim_now_ms() >= deadline))
			return ready;
		nanosleep(&tick, NULL);
	}
}

ssize_t tt_xsim_udp_recv(int fd, void *buf, size_t n, int flags,
			 struct sockaddr *from, socklen_t *fromlen)
{
	struct tt_xsim_dgram dg;
	struct tt_xsim_sock *s;
	int rd = 1, wr = 0, nonblock;
	size_t len;

	for (;;) {
		pthread_mutex_lock(&tt_xsim_udp_lock);
		tt_xsim_pump();
		s = tt_xsim_sock(fd);
		if (!s || s->len) {
			if (s) {
				dg = s->q[s->head];
				s->head = (s->head + 1) % TT_XSIM_UDP_QUEUE;
				s->len--;
			}
			pthread_mutex_unlock(&tt_xsim_udp_lock);
			break;
		}
		nonblock = s->nonblock;
		pthread_mutex_unlock(&tt_xsim_udp_lock);
		if ((flags & MSG_DONTWAIT) || nonblock) {
			errno = EAGAIN;
			return -1;
		}
		if (tt_xsim_udp_wait(&fd, 1, &rd, &wr, -1) < 0)
			return -1;
	}
	if (!s)
		return -1;
	len = dg.len < n ? dg.len : n;
	memcpy(buf, dg.data, len);
	if (from && fromlen) {
		socklen_t l = dg.from.ss_family == AF_INET ?
			      sizeof(struct sockaddr_in) :
			      sizeof(struct sockaddr_in6);

		memcpy(from, &dg.from, *fromlen < l ? *fromlen : l);
		*fromlen = l;
	}
	free(dg.data);
	return (ssize_t)len;
}

ssize_t __wrap_recv(int fd, void *buf, size_t n, int flags)
{
	if (!tt_xsim_is_udp(fd))
		return __real_recv(fd, buf, n, flags);
	return tt_xsim_udp_recv(fd, buf, n, flags, NULL, NULL);
}

ssize_t __wrap_recvfrom(int fd, void *buf, size_t n, int flags,
			struct sockaddr *from, socklen_t *fromlen)
{
	if (!tt_xsim_is_udp(fd))
		return __real_recvfrom(fd, buf, n, flags, from, fromlen);
	return tt_xsim_udp_recv(fd, buf, n, flags, from, fromlen);
}
