/* SPDX-License-Identifier: GPL-2.0-only */
/* net/if_types.h (simulated XNU, bsd/net/if_types.h). */
#ifndef _XNU_SIM_NET_IF_TYPES_H
#define _XNU_SIM_NET_IF_TYPES_H

#define IFT_OTHER	0x1
#define IFT_ETHER	0x6

#endif
