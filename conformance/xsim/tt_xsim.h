/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tt_xsim.h: what the files of tt-conformance-xsim share (the darwin-sim
 * target: the Mac kexts inside the XNU simulator, harness/xnu/sim).
 * tt_xsim_shim.c routes the tests' system calls; tt_xsim_udp.c is the
 * simulated stack's UDP; tt_xsim_netcfg.c stands in for tt_netcfg.c
 * (what ifconfig and the stack's tables would say); tt_xsim_child.c
 * for tt_child.c (threads, not processes).
 */
#ifndef TT_XSIM_H
#define TT_XSIM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <netinet/in.h>

/* Simulated descriptors: devices from 800, sockets from 900, all below
 * FD_SETSIZE so that select() can name them. */
#define TT_XSIM_DEV_FD		800
#define TT_XSIM_UDP_FD		900
#define TT_XSIM_UDP_MAX		32
#define TT_XSIM_POLL_MAX	16

int tt_xsim_is_dev(int fd);

/* tt_xsim_udp.c */
int tt_xsim_is_udp(int fd);
int tt_xsim_udp_close(int fd);
int tt_xsim_udp_fcntl(int fd, int cmd, long arg);
ssize_t tt_xsim_udp_recv(int fd, void *buf, size_t n, int flags,
			 struct sockaddr *from, socklen_t *fromlen);
int tt_xsim_udp_wait(const int *fds, int n, int *rd, int *wr, int ms);
void tt_xsim_udp_reset(void);

/* tt_xsim_udp.c: a simulated socket's family (AF_INET or AF_INET6) */
int tt_xsim_udp_family(int fd);

/* tt_xsim_ifioctl.c: a socket's interface request (XNU's number and
 * structure) on a socket of family; 0 or -1 with errno. */
int tt_xsim_ifioctl(int family, unsigned long req, void *arg);
/* Routing sockets (PF_ROUTE, XNU's 17): what `arp -s` writes. */
#define TT_XSIM_PF_ROUTE	17
#define TT_XSIM_RT_FD		960
#define TT_XSIM_RT_MAX		8
int tt_xsim_rtsock_open(void);
int tt_xsim_is_rtsock(int fd);
ssize_t tt_xsim_rtsock_write(int fd, const void *buf, size_t n);
ssize_t tt_xsim_rtsock_read(int fd, void *buf, size_t n);
int tt_xsim_rtsock_close(int fd);

/* tt_xsim_netcfg.c: the stack's addresses and neighbours */
void tt_xsim_if_forget(const char *name);
void tt_xsim_netcfg_reset(void);
int tt_xsim_addr_add4(const char *name, const struct in_addr *local,
		      const struct in_addr *peer, int prefix);
int tt_xsim_addr_add6(const char *name, const struct in6_addr *a, int prefix);
/* The interface's IPv4 (v6 0) or IPv6 address into a: 0, or -1 if none */
int tt_xsim_addr_get(const char *name, int v6, void *a);
int tt_xsim_addr4_peer(const char *name, struct in_addr *peer, int *ptp,
		       int *prefix);
/* route get: the interface an IPv4 dst leaves by; 0 or -1 (ESRCH) */
int tt_xsim_route_if(const struct in_addr *dst, char ifname[16]);
/* A permanent ARP entry: 0, or -1 with errno (ENODEV, ENOSPC) */
int tt_xsim_neigh_add(const char *name, const struct in_addr *ip,
		      const uint8_t mac[6]);
/* Which interface a datagram to dst (family AF_INET / AF_INET6, Linux's
 * values) leaves by: its name, the local address to send from, and on
 * tap the neighbour's MAC.  0, or -1 with errno (ENETUNREACH: no
 * interface has it; EHOSTUNREACH: a tap neighbour without an entry,
 * there is no ARP here). */
int tt_xsim_route(int family, const void *dst, char ifname[16], void *src,
		  uint8_t mac[6], int *tap);
/* A local address of an interface: 1 if addr (family) is one. */
int tt_xsim_is_local(int family, const void *addr);

#endif
