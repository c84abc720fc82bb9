// SPDX-License-Identifier: GPL-2.0-only
/*
 * harness/kpi/planted.c: check-kpi's self-test.  Linked into tun.kext's
 * objects, each call below must fail symcheck.sh with its name: were the
 * check unable to fail, its pass would mean nothing.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <stddef.h>

/* Private KPI: XNU exports it in com.apple.kpi.private only (and its
 * header declares it under KERNEL_PRIVATE, which a kext never sets). */
struct ifnet_init_eparams;
extern errno_t ifnet_allocate_extended(const struct ifnet_init_eparams *init,
    void **interface);
/* Public, but from com.apple.kpi.iokit, which tun's Info.plist does not
 * declare. */
extern void IOLog(const char *format, ...);
/* Exported by no library at all. */
extern void tt_kpi_planted_nowhere(void);

void tt_kpi_planted(void);
void
tt_kpi_planted(void)
{
	void *ifp;

	(void)ifnet_allocate_extended(NULL, &ifp);
	IOLog("planted\n");
	tt_kpi_planted_nowhere();
}
