/* SPDX-License-Identifier: GPL-2.0-only */
/* net/if.h (simulated XNU, bsd/net/if.h): interface flags and requests. */
#ifndef _XNU_SIM_NET_IF_H
#define _XNU_SIM_NET_IF_H

#include <sys/socket.h>

#define IFNAMSIZ	16

#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_DEBUG	0x4
#define IFF_LOOPBACK	0x8
#define IFF_POINTOPOINT	0x10
#define IFF_RUNNING	0x40
#define IFF_NOARP	0x80
#define IFF_PROMISC	0x100
#define IFF_ALLMULTI	0x200
#define IFF_OACTIVE	0x400
#define IFF_SIMPLEX	0x800
#define IFF_MULTICAST	0x8000

struct ifreq {
	char ifr_name[IFNAMSIZ];
	union {
		struct sockaddr ifru_addr;
		short ifru_flags;
		int ifru_metric;
		int ifru_mtu;
		int ifru_intval;
		caddr_t ifru_data;
	} ifr_ifru;
};
#define ifr_addr	ifr_ifru.ifru_addr
#define ifr_flags	ifr_ifru.ifru_flags
#define ifr_mtu		ifr_ifru.ifru_mtu
#define ifr_intval	ifr_ifru.ifru_intval
#define ifr_data	ifr_ifru.ifru_data

#define IFSTATMAX	800
struct ifstat {
	char ifs_name[IFNAMSIZ];
	char ascii[IFSTATMAX + 1];
};

#endif
