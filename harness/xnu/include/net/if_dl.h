/* SPDX-License-Identifier: GPL-2.0-only */
/* net/if_dl.h (simulated XNU, bsd/net/if_dl.h): link-level sockaddr. */
#ifndef _XNU_SIM_NET_IF_DL_H
#define _XNU_SIM_NET_IF_DL_H

#include <sys/types.h>

struct sockaddr_dl {
	u_char sdl_len;
	u_char sdl_family;	/* AF_LINK */
	u_short sdl_index;
	u_char sdl_type;
	u_char sdl_nlen;	/* name length, the name first in sdl_data */
	u_char sdl_alen;	/* link-level address length, after the name */
	u_char sdl_slen;
	char sdl_data[12];
};
#define LLADDR(s) ((caddr_t)((s)->sdl_data + (s)->sdl_nlen))

#endif
