# SPDX-License-Identifier: GPL-2.0-only
# harness/kpi: `make check-kpi XNU_SRC=DIR`, the Mac kexts compiled
# against Kernel.framework headers staged from an XNU source tree and
# their kernel symbols checked against its KPI export lists
# (harness/kpi/check-kpi.sh).  Without XNU_SRC: SKIP.  .ci/run sets
# XNU_SRC when ../shared/xnu exists.

XNU_SRC ?=

.PHONY: check-kpi
check-kpi:
	$(Q)harness/kpi/check-kpi.sh $(BUILD)/kpi $(XNU_SRC)

CHECK_PARTS += check-kpi
