/* SPDX-License-Identifier: GPL-2.0-only */
/* net/ethernet.h (simulated XNU, bsd/net/ethernet.h). */
#ifndef _XNU_SIM_NET_ETHERNET_H
#define _XNU_SIM_NET_ETHERNET_H

#include <sys/types.h>

#define ETHER_ADDR_LEN	6
#define ETHER_TYPE_LEN	2
#define ETHER_HDR_LEN	(ETHER_ADDR_LEN * 2 + ETHER_TYPE_LEN)
#define ETHERTYPE_IP	0x0800
#define ETHERTYPE_ARP	0x0806
#define ETHERTYPE_IPV6	0x86dd

struct ether_header {
	u_char ether_dhost[ETHER_ADDR_LEN];
	u_char ether_shost[ETHER_ADDR_LEN];
	u_short ether_type;
};

#endif
