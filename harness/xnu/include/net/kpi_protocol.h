/* SPDX-License-Identifier: GPL-2.0-only */
/* net/kpi_protocol.h (simulated XNU, bsd/net/kpi_protocol.h). */
#ifndef _XNU_SIM_NET_KPI_PROTOCOL_H
#define _XNU_SIM_NET_KPI_PROTOCOL_H

#include <net/kpi_interface.h>

typedef errno_t (*proto_plumb_handler)(ifnet_t ifp, protocol_family_t protocol);
typedef void (*proto_unplumb_handler)(ifnet_t ifp, protocol_family_t protocol);

errno_t proto_input(protocol_family_t protocol, mbuf_t packet);
errno_t proto_register_plumber(protocol_family_t proto_fam,
			       ifnet_family_t if_fam, proto_plumb_handler plumb,
			       proto_unplumb_handler unplumb);
void proto_unregister_plumber(protocol_family_t proto_fam,
			      ifnet_family_t if_fam);

#endif
