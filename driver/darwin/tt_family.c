// SPDX-License-Identifier: MIT
/*
 * tt_family.c: what a kext sets up at start and takes down at stop: lock
 * group, unit locks, the cdevsw entry and the /dev nodes.
 *
 * Stop is refused (EBUSY) while any unit is open: the old tunnel kexts
 * panicked when unloaded with an interface alive, because the stack kept
 * calling into code that was gone.  Here an open unit keeps the kext.
 */
#include "tt_darwin.h"

/* Both families when both kinds are in one image (the simulator); on a
 * Mac each kext registers only its own. */
static struct tt_family *tt_family_list[2];

static void tt_family_units_free(struct tt_family *fam, unsigned int n)
{
	while (n-- > 0) {
		struct tt_unit *u = &fam->units[n];

		if (u->node)
			devfs_remove(u->node);
		u->node = NULL;
		lck_mtx_free(u->lock, fam->grp);
		u->lock = NULL;
	}
}

static void tt_family_list_set(struct tt_family *fam, struct tt_family *to)
{
	unsigned int i;

	for (i = 0; i < sizeof(tt_family_list) / sizeof(tt_family_list[0]); i++)
		if (tt_family_list[i] == fam) {
			tt_family_list[i] = to;
			return;
		}
}

int tt_family_start(struct tt_family *fam)
{
	const char *name = fam->ops->name;
	unsigned int i;

	fam->nopen = 0;
	fam->stopping = 0;
	fam->major = -1;
	fam->grp = lck_grp_alloc_init(name, LCK_GRP_ATTR_NULL);
	if (!fam->grp)
		goto fail;
	fam->lock = lck_mtx_alloc_init(fam->grp, LCK_ATTR_NULL);
	if (!fam->lock)
		goto free_grp;
	/*
	 * A free major from 24 up: XNU's own note on cdevsw_add
	 * (bsd/kern/bsd_stubs.c) calls -1 unusable, since kernel devices
	 * that register fixed majors below 24 would find theirs taken.
	 */
	fam->major = cdevsw_add(TT_CDEV_MAJOR_FROM, fam->cdevsw);
	if (fam->major < 0) {
		printf("%s: no free character device major\n", name);
		goto free_lock;
	}
	for (i = 0; i < TT_UNITS; i++) {
		struct tt_unit *u = &fam->units[i];

		bzero(u, sizeof(*u));
		u->fam = fam;
		u->unit = i;
		u->state = TT_CLOSED;
		tt_queue_init(&u->q, TT_QUEUE_DEFAULT);
		u->lock = lck_mtx_alloc_init(fam->grp, LCK_ATTR_NULL);
		if (!u->lock)
			goto free_units;
		u->node = devfs_make_node(makedev(fam->major, i), DEVFS_CHAR,
					  UID_ROOT, GID_WHEEL, 0600, "%s%u",
					  name, i);
		if (!u->node) {
			printf("%s: cannot create /dev/%s%u\n", name, name, i);
			i++;
			goto free_units;
		}
	}
	tt_family_list_set(NULL, fam);
	return 0;

free_units:
	tt_family_units_free(fam, i);
	cdevsw_remove(fam->major, fam->cdevsw);
	fam->major = -1;
free_lock:
	lck_mtx_free(fam->lock, fam->grp);
	fam->lock = NULL;
free_grp:
	lck_grp_free(fam->grp);
	fam->grp = NULL;
fail:
	return ENOMEM;
}

int tt_family_stop(struct tt_family *fam)
{
	unsigned int nopen;

	lck_mtx_lock(fam->lock);
	nopen = fam->nopen;
	if (nopen == 0)
		fam->stopping = 1;	/* from here every open gets ENXIO */
	lck_mtx_unlock(fam->lock);
	if (nopen) {
		printf("%s: %u unit(s) open, not unloading: close them first\n",
		       fam->ops->name, nopen);
		return EBUSY;
	}
	tt_family_list_set(fam, NULL);
	tt_family_units_free(fam, TT_UNITS);
	if (cdevsw_remove(fam->major, fam->cdevsw) < 0)
		printf("%s: cdevsw entry %d was not ours\n", fam->ops->name,
		       fam->major);
	fam->major = -1;
	lck_mtx_free(fam->lock, fam->grp);
	fam->lock = NULL;
	lck_grp_free(fam->grp);
	fam->grp = NULL;
	return 0;
}

struct tt_unit *tt_family_unit(dev_t dev)
{
	unsigned int i;

	for (i = 0; i < sizeof(tt_family_list) / sizeof(tt_family_list[0]); i++) {
		struct tt_family *fam = tt_family_list[i];

		if (fam && fam->major == major(dev)) {
			if (minor(dev) < 0 || minor(dev) >= TT_UNITS)
				return NULL;
			return &fam->units[minor(dev)];
		}
	}
	return NULL;
}
