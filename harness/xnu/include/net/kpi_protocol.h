/* SPDX-License-Identifier: GPL-2.0-only */
/* net/kpi_protocol.h (simulated XNU, bsd/net/kpi_protocol.h). */
#ifndef _XNU_SIM_NET_KPI_PROTOCOL_H
#define _XNU_SIM_NET_KPI_PROTOCOL_H

/*
 * XNU marks this KPI deprecated for a deployment target of macOS 10.15.4
 * or later (__API_DEPRECATED(..., macos(10.4, 10.15.4))), not for the
 * kernel's own code (PRIVATE): the same here, with the target as
 * __MAC_OS_X_VERSION_MIN_REQUIRED (Availability.h).
 */
#include <Availability.h>
#if !defined(PRIVATE) && __MAC_OS_X_VERSION_MIN_REQUIRED >= 101504
#define __NKE_API_DEPRECATED \
	__attribute__((deprecated("Network Kernel Extension KPI is deprecated")))
#else
#define __NKE_API_DEPRECATED
#endif

#include <net/kpi_interface.h>

typedef errno_t (*proto_plumb_handler)(ifnet_t ifp, protocol_family_t protocol);
typedef void (*proto_unplumb_handler)(ifnet_t ifp, protocol_family_t protocol);

errno_t proto_input(protocol_family_t protocol, mbuf_t packet)
	__NKE_API_DEPRECATED;
errno_t proto_register_plumber(protocol_family_t proto_fam,
			       ifnet_family_t if_fam, proto_plumb_handler plumb,
			       proto_unplumb_handler unplumb)
	__NKE_API_DEPRECATED;
void proto_unregister_plumber(protocol_family_t proto_fam,
			      ifnet_family_t if_fam)
	__NKE_API_DEPRECATED;

#undef __NKE_API_DEPRECATED

#endif
