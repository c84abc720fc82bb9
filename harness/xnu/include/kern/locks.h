/* SPDX-License-Identifier: GPL-2.0-only */
/* kern/locks.h (simulated XNU, osfmk/kern/locks.h, lock_group.h and
 * lock_mtx.h): lock groups and mutexes. */
#ifndef _XNU_SIM_KERN_LOCKS_H
#define _XNU_SIM_KERN_LOCKS_H

#include <sys/types.h>

typedef struct __lck_grp_attr__ lck_grp_attr_t;
typedef struct __lck_grp__ lck_grp_t;
typedef struct __lck_attr__ lck_attr_t;
typedef struct __lck_mtx_t__ lck_mtx_t;

#define LCK_GRP_ATTR_NULL	((lck_grp_attr_t *)0)
#define LCK_ATTR_NULL		((lck_attr_t *)0)
#define LCK_MTX_ASSERT_OWNED	1
#define LCK_MTX_ASSERT_NOTOWNED	2

lck_grp_attr_t *lck_grp_attr_alloc_init(void);
void lck_grp_attr_free(lck_grp_attr_t *attr);
lck_grp_t *lck_grp_alloc_init(const char *grp_name, lck_grp_attr_t *attr);
void lck_grp_free(lck_grp_t *grp);
lck_mtx_t *lck_mtx_alloc_init(lck_grp_t *grp, lck_attr_t *attr);
void lck_mtx_free(lck_mtx_t *lck, lck_grp_t *grp);
void lck_mtx_lock(lck_mtx_t *lck);
void lck_mtx_unlock(lck_mtx_t *lck);
void lck_mtx_assert(lck_mtx_t *lck, unsigned int type);

#endif
