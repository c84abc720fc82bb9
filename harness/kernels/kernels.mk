# SPDX-License-Identifier: GPL-2.0-only
# harness/kernels/kernels.mk: the suite on every kernel tuntap supports.
#
#   make vm-kernels [KERNELS="6.1 7.3"]   the suite in the VM on each
#       kernel of harness/kernels/list (default: all), against tuntap and
#       Linux's tun of that kernel; one report column per kernel and
#       target (tuntap-6.12, linux-7.3, ...).  `make check` ends with it.
#   make vm KERNEL=6.12, make accept KERNEL=6.12   one kernel of the list
#
# Each kernel is fetched and built for once, in KERNEL_CACHE (fetch.sh,
# build.sh); its results go to $(BUILD)/kernels/LABEL/results.

KERNEL_CACHE ?= /var/cache/tuntap/kernels
export KERNEL_CACHE
KERNELS ?= $(shell harness/kernels/kernels.sh labels)
KERNEL ?=
KERNELS_OUT = $(BUILD)/kernels

.PHONY: vm-kernels check-kernel-range

# kernel_columns: LABEL=DIR for report.sh, a target's column per kernel.
kernel_columns = $(foreach k,$(KERNELS),$(foreach t,$(VM_TARGETS),\
	$(t)-$(k)=$(KERNELS_OUT)/$(k)/results/$(t)))

vm-kernels: suite
	$(Q)harness/kernels/kernels.sh labels $(KERNELS) >/dev/null
	$(Q)$(foreach k,$(KERNELS),$(PHASE) "kernel $(k): fetch and build" && \
		d=$$(harness/kernels/fetch.sh $(k)) && \
		harness/kernels/build.sh "$$d" $(KERNELS_OUT)/$(k) && \
		cp "$$d/release" $(KERNELS_OUT)/$(k)/release && \
		$(MAKE) --no-print-directory vm-run KVER="$$(cat "$$d/release")" \
			VM_KIMAGE="$$d/vmlinuz" VM_KROOT="$$d/root" VM_KERNEL=$(k) \
			VM_QEMU="-cpu $$(harness/kernels/kernels.sh line $(k) | cut -d' ' -f4)" \
			VM_MODULE=$(KERNELS_OUT)/$(k)/tuntap.ko \
			VM_RESULTS=$(KERNELS_OUT)/$(k)/results &&) true
	@$(PHASE) "the report: $(strip $(foreach c,$(kernel_columns),$(firstword $(subst =, ,$(c)))) \
		$(foreach r,$(REPORT_MORE),$(firstword $(subst =, ,$(r)))))"
	$(Q)$(call tt_report,$$(cat $(KERNELS:%=$(KERNELS_OUT)/%/release) | tr '\n' ' '),$(kernel_columns))

# A kernel outside driver/range.mk gets one line naming the range, from
# the top Makefile and from kbuild (driver/Kbuild read as kbuild reads
# it); the list's kernels and the range's ends pass kbuild's check.
tt_range_line = tuntap supports Linux $(TT_LINUX_OLDEST) to $(TT_LINUX_NEWEST), not
check-kernel-range:
	$(Q)for r in 5.10.0-32-cloud-amd64 6.0.1 7.4.0-1-cloud-amd64; do \
		for how in "$(MAKE) -s --no-print-directory module KVER=$$r BUILD=$(BUILD)/range" \
		    "$(MAKE) -s --no-print-directory -f driver/Kbuild src=driver KERNELRELEASE=$$r"; do \
			if out=$$($$how 2>&1); then echo "range: $$how: built"; exit 1; fi; \
			[ "$$(echo "$$out" | wc -l)" = 1 ] && echo "$$out" | grep -q "$(tt_range_line) $$r\.  Stop\.$$" || \
				{ echo "range: $$how: not one clear line:"; echo "$$out"; exit 1; }; \
		done; \
	done
	$(Q)for r in $(KERNELS:%=%.0-1-cloud-amd64) $(TT_LINUX_OLDEST).0 $(TT_LINUX_NEWEST).99; do \
		$(MAKE) -s --no-print-directory -f driver/Kbuild src=driver KERNELRELEASE=$$r \
			--eval 'tt-range-ok: ; @:' tt-range-ok || exit 1; \
	done
	@echo "check-kernel-range: ok ($(TT_LINUX_OLDEST) to $(TT_LINUX_NEWEST))"

CHECK_PARTS += check-kernel-range
