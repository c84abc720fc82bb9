/* SPDX-License-Identifier: GPL-2.0-only */
/* sys/socket.h (simulated XNU, bsd/sys/socket.h): BSD sockaddr, with its
 * length byte, and XNU's address family numbers (AF_INET6 is 30). */
#ifndef _XNU_SIM_SYS_SOCKET_H
#define _XNU_SIM_SYS_SOCKET_H

#include <sys/types.h>

#define AF_UNSPEC	0
#define AF_INET		2
#define AF_LINK		18
#define AF_INET6	30
#define PF_UNSPEC	AF_UNSPEC
#define PF_INET		AF_INET
#define PF_LINK		AF_LINK
#define PF_INET6	AF_INET6

struct sockaddr {
	u_char sa_len;
	sa_family_t sa_family;
	char sa_data[14];
};

#endif
