/* SPDX-License-Identifier: GPL-2.0-only */
/* net/bpf.h (simulated XNU, bsd/net/bpf.h): the bpf KPI a driver uses. */
#ifndef _XNU_SIM_NET_BPF_H
#define _XNU_SIM_NET_BPF_H

#include <net/kpi_interface.h>

#define DLT_NULL	0	/* a 4-byte host-order address family */
#define DLT_EN10MB	1

typedef errno_t (*bpf_send_func)(ifnet_t interface, u_int32_t data_link_type,
				 mbuf_t packet);
typedef errno_t (*bpf_tap_func)(ifnet_t interface, u_int32_t data_link_type,
				bpf_tap_mode direction);

errno_t bpf_attach(ifnet_t interface, u_int32_t data_link_type,
		   u_int32_t header_length, bpf_send_func send,
		   bpf_tap_func tap);
void bpf_tap_in(ifnet_t interface, u_int32_t dlt, mbuf_t packet,
		void *header, size_t header_len);
void bpf_tap_out(ifnet_t interface, u_int32_t dlt, mbuf_t packet,
		 void *header, size_t header_len);

#endif
