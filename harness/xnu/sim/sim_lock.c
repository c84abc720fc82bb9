// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_lock.c: lock groups and mutexes (osfmk/kern/locks.c, lock_mtx.h).
 *
 * Strict as a DEBUG kernel's lck_mtx_assert: locking a mutex this thread
 * holds, unlocking one it does not hold, freeing a held mutex or a group
 * that still has mutexes all panic.  Every mutex belongs to the lock-order
 * checker's class of the line that allocated it (sim_witness.c).
 */
#include "sim_internal.h"

#define XS_GRP_MAGIC 0x67727021u
#define XS_MTX_MAGIC 0x6d747821u

struct __lck_grp__ {
	u_int32_t magic;
	char name[32];
	long nmutex;
	int owner;
	int nsites;		/* allocation sites seen: names classes */
};

struct __lck_mtx_t__ {
	u_int32_t magic;
	struct xh_mutex *hm;
	uintptr_t holder;	/* atomic: the thread holding it, or 0 */
	lck_grp_t *grp;
	int cls;		/* its lock-order class */
};

static long xs_ngrp_of[8];	/* lock groups per kext, for unload checks */

long xs_lock_groups_of(int kext)
{
	long n;

	if (kext < 0 || kext >= 8)
		return 0;
	xh_mutex_lock(xs_lock);
	n = xs_ngrp_of[kext];
	xh_mutex_unlock(xs_lock);
	return n;
}

lck_grp_attr_t *lck_grp_attr_alloc_init(void)
{
	return xh_zalloc(1);
}

void lck_grp_attr_free(lck_grp_attr_t *attr)
{
	xh_free(attr);
}

lck_grp_t *lck_grp_alloc_init(const char *grp_name, lck_grp_attr_t *attr)
{
	lck_grp_t *g;

	(void)attr;
	if (xs_fault("lck_grp_alloc_init", __builtin_return_address(0)))
		return NULL;
	g = xh_zalloc(sizeof(*g));
	g->magic = XS_GRP_MAGIC;
	snprintf(g->name, sizeof(g->name), "%s", grp_name);
	g->owner = xs_cur_kext;
	xh_mutex_lock(xs_lock);
	if (g->owner >= 0 && g->owner < 8)
		xs_ngrp_of[g->owner]++;
	xh_mutex_unlock(xs_lock);
	return g;
}

void lck_grp_free(lck_grp_t *grp)
{
	if (!grp || grp->magic != XS_GRP_MAGIC)
		xh_panic("lck_grp_free: %p is not a lock group", (void *)grp);
	xh_mutex_lock(xs_lock);
	if (grp->nmutex)
		xh_panic("lck_grp_free: group %s still has %ld mutex(es)",
			 grp->name, grp->nmutex);
	if (grp->owner >= 0 && grp->owner < 8)
		xs_ngrp_of[grp->owner]--;
	xh_mutex_unlock(xs_lock);
	grp->magic = 0;
	xh_free(grp);
}

lck_mtx_t *lck_mtx_alloc_init(lck_grp_t *grp, lck_attr_t *attr)
{
	lck_mtx_t *l;
	char name[48];
	int made = 0;

	(void)attr;
	if (!grp || grp->magic != XS_GRP_MAGIC)
		xh_panic("lck_mtx_alloc_init: %p is not a lock group",
			 (void *)grp);
	if (xs_fault("lck_mtx_alloc_init", __builtin_return_address(0)))
		return NULL;
	l = xh_zalloc(sizeof(*l));
	l->magic = XS_MTX_MAGIC;
	l->hm = xh_mutex_new();
	l->grp = grp;
	xh_mutex_lock(xs_lock);
	grp->nmutex++;
	snprintf(name, sizeof(name), "%s mutex %d", grp->name,
		 grp->nsites + 1);
	xh_mutex_unlock(xs_lock);
	l->cls = xs_witness_class(__builtin_return_address(0), name, &made);
	xh_mutex_lock(xs_lock);
	grp->nsites += made;
	xh_mutex_unlock(xs_lock);
	return l;
}

static void xs_mtx_check(lck_mtx_t *l, const char *fn)
{
	if (!l || l->magic != XS_MTX_MAGIC)
		xh_panic("%s: %p is not a mutex", fn, (void *)l);
}

static uintptr_t xs_mtx_holder(lck_mtx_t *l)
{
	return __atomic_load_n(&l->holder, __ATOMIC_RELAXED);
}

void lck_mtx_free(lck_mtx_t *l, lck_grp_t *grp)
{
	xs_mtx_check(l, "lck_mtx_free");
	if (xs_mtx_holder(l))
		xh_panic("lck_mtx_free: mutex %p is held", (void *)l);
	if (grp != l->grp)
		xh_panic("lck_mtx_free: mutex %p freed with group %s, "
			 "allocated in %s", (void *)l, grp ? grp->name : "NULL",
			 l->grp->name);
	xh_mutex_lock(xs_lock);
	grp->nmutex--;
	xh_mutex_unlock(xs_lock);
	xh_mutex_free(l->hm);
	l->magic = 0;
	xh_free(l);
}

void lck_mtx_lock(lck_mtx_t *l)
{
	xs_mtx_check(l, "lck_mtx_lock");
	if (xs_mtx_holder(l) == xh_self())
		xh_panic("lck_mtx_lock: mutex %p already held by this thread "
			 "(deadlock)", (void *)l);
	xs_witness_acquire(l->cls, l);
	xh_mutex_lock(l->hm);
	__atomic_store_n(&l->holder, xh_self(), __ATOMIC_RELAXED);
}

void lck_mtx_unlock(lck_mtx_t *l)
{
	xs_mtx_check(l, "lck_mtx_unlock");
	if (xs_mtx_holder(l) != xh_self())
		xh_panic("lck_mtx_unlock: mutex %p not held by this thread",
			 (void *)l);
	__atomic_store_n(&l->holder, 0, __ATOMIC_RELAXED);
	xs_witness_release(l);
	xh_mutex_unlock(l->hm);
}

void lck_mtx_assert(lck_mtx_t *l, unsigned int type)
{
	int held;

	xs_mtx_check(l, "lck_mtx_assert");
	held = xs_mtx_holder(l) == xh_self();
	if (type == LCK_MTX_ASSERT_OWNED && !held)
		xh_panic("lck_mtx_assert: mutex %p not owned", (void *)l);
	if (type == LCK_MTX_ASSERT_NOTOWNED && held)
		xh_panic("lck_mtx_assert: mutex %p owned", (void *)l);
}

/* ---- the stack's read-write locks (lck_rw_t), a class per name ------ */

void xs_rw_init(struct xs_rwlock *l, const char *class_name)
{
	l->rw = xh_rwlock_new();
	l->cls = xs_witness_class(NULL, class_name, NULL);
}

void xs_rw_destroy(struct xs_rwlock *l)
{
	xh_rwlock_free(l->rw);
	l->rw = NULL;
}

void xs_rw_lock(struct xs_rwlock *l, int exclusive)
{
	xs_witness_acquire(l->cls, l);
	xh_rwlock_lock(l->rw, exclusive);
}

void xs_rw_unlock(struct xs_rwlock *l)
{
	xs_witness_release(l);
	xh_rwlock_unlock(l->rw);
}
