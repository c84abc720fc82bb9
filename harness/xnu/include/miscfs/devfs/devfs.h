/* SPDX-License-Identifier: GPL-2.0-only */
/* miscfs/devfs/devfs.h (simulated XNU, bsd/miscfs/devfs/devfs.h). */
#ifndef _XNU_SIM_MISCFS_DEVFS_DEVFS_H
#define _XNU_SIM_MISCFS_DEVFS_DEVFS_H

#include <sys/types.h>

#define DEVFS_CHAR	0
#define DEVFS_BLOCK	1
#define UID_ROOT	0
#define GID_WHEEL	0

void *devfs_make_node(dev_t dev, int chrblk, uid_t uid, gid_t gid, int perms,
		      const char *fmt, ...) __attribute__((format(__printf__, 6, 7)));
void devfs_remove(void *handle);

#endif
