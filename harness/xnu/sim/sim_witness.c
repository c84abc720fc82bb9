// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_witness.c: the lock-order checker (as FreeBSD's WITNESS, Linux's
 * lockdep).  Every lock the simulated kernel hands out, the kexts'
 * mutexes and the stack's own locks (the interface lock, the interface
 * list lock, the plumbers' mutex), belongs to a class: a mutex to the
 * place that allocated it (tun's and tap's unit locks are one class, as
 * they are one line of code), each of the stack's locks to its kind.
 *
 * Each thread keeps the locks it holds.  Taking a lock of class B while
 * holding one of class A records "A before B"; if "B before A" is known
 * already, directly or through other classes, two threads taking them
 * in those orders can deadlock, and the simulated kernel panics at once,
 * before it blocks, naming both classes.  Taking a second lock of a
 * class already held panics too: nothing in the kexts nests two units.
 * One run that meets both orders is enough: no race has to be lost.
 */
#include "sim_internal.h"

#define XS_WCLASSES	64
#define XS_WHELD	16

struct xs_wclass {
	const void *key;
	char name[48];
};

static struct xh_mutex *xs_witness_lock;	/* the classes and orders */
static struct xs_wclass xs_wclasses[XS_WCLASSES];
static int xs_nwclasses;
/* xs_before[a][b]: a lock of class a was held while one of b was taken */
static unsigned char xs_before[XS_WCLASSES][XS_WCLASSES];

static _Thread_local struct {
	int cls;
	const void *lock;
} xs_held[XS_WHELD];
static _Thread_local int xs_nheld;

void xs_witness_boot(void)
{
	xs_witness_lock = xh_mutex_new();
	bzero(xs_wclasses, sizeof(xs_wclasses));
	bzero(xs_before, sizeof(xs_before));
	xs_nwclasses = 0;
}

void xs_witness_shutdown(void)
{
	xh_mutex_free(xs_witness_lock);
	xs_witness_lock = NULL;
}

/* The class of key (NULL: of name), made on first use and named then
 * (*made = 1). */
int xs_witness_class(const void *key, const char *name, int *made)
{
	int i;

	xh_mutex_lock(xs_witness_lock);
	for (i = 0; i < xs_nwclasses; i++)
		if (key ? xs_wclasses[i].key == key :
			  !xs_wclasses[i].key &&
			  !strcmp(xs_wclasses[i].name, name))
			break;
	if (i == xs_nwclasses) {
		if (i == XS_WCLASSES)
			xh_panic("witness: more than %d lock classes",
				 XS_WCLASSES);
		xs_wclasses[i].key = key;
		snprintf(xs_wclasses[i].name, sizeof(xs_wclasses[i].name),
			 "%s", name);
		xs_nwclasses++;
		if (made)
			*made = 1;
	}
	xh_mutex_unlock(xs_witness_lock);
	return i;
}

/* Under xs_witness_lock: is "from before to" known, through any chain? */
static int xs_witness_path(int from, int to, unsigned char *seen)
{
	int k;

	if (xs_before[from][to])
		return 1;
	seen[from] = 1;
	for (k = 0; k < xs_nwclasses; k++)
		if (xs_before[from][k] && !seen[k] &&
		    xs_witness_path(k, to, seen))
			return 1;
	return 0;
}

/* Before a lock of class cls is taken (it may block): check, record. */
void xs_witness_acquire(int cls, const void *lock)
{
	unsigned char seen[XS_WCLASSES];
	int i, h;

	if (xs_nheld == XS_WHELD)
		xh_panic("witness: more than %d locks held by one thread",
			 XS_WHELD);
	xh_mutex_lock(xs_witness_lock);
	for (i = 0; i < xs_nheld; i++) {
		h = xs_held[i].cls;
		if (h == cls)
			xh_panic("witness: %s taken while this thread holds "
				 "another lock of the same class",
				 xs_wclasses[cls].name);
		bzero(seen, sizeof(seen));
		if (xs_witness_path(cls, h, seen))
			xh_panic("witness: lock order reversal: %s taken "
				 "while holding %s, but %s has been taken "
				 "before %s: two threads doing both deadlock",
				 xs_wclasses[cls].name, xs_wclasses[h].name,
				 xs_wclasses[cls].name, xs_wclasses[h].name);
	}
	for (i = 0; i < xs_nheld; i++)
		xs_before[xs_held[i].cls][cls] = 1;
	xh_mutex_unlock(xs_witness_lock);
	xs_held[xs_nheld].cls = cls;
	xs_held[xs_nheld].lock = lock;
	xs_nheld++;
}

void xs_witness_release(const void *lock)
{
	int i;

	for (i = xs_nheld - 1; i >= 0; i--)
		if (xs_held[i].lock == lock)
			break;
	if (i < 0)
		xh_panic("witness: lock %p released, but this thread does "
			 "not hold it", lock);
	for (; i < xs_nheld - 1; i++)
		xs_held[i] = xs_held[i + 1];
	xs_nheld--;
}

/* Locks this thread holds (a sleep or a return to user space: none). */
int xs_witness_held(void)
{
	return xs_nheld;
}

/* "A before B" recorded between the classes named a and b, for tests. */
int xsim_lock_order_seen(const char *a, const char *b)
{
	int i, ia = -1, ib = -1, r;

	xh_mutex_lock(xs_witness_lock);
	for (i = 0; i < xs_nwclasses; i++) {
		if (!strcmp(xs_wclasses[i].name, a))
			ia = i;
		if (!strcmp(xs_wclasses[i].name, b))
			ib = i;
	}
	r = ia >= 0 && ib >= 0 && xs_before[ia][ib];
	xh_mutex_unlock(xs_witness_lock);
	return r;
}
