# SPDX-License-Identifier: GPL-2.0-only
# harness/debug/: the suite on a debug kernel (KASAN, UBSAN, lockdep,
# kmemleak, KCOV), built from Debian's linux-source package by build.sh
# and cached outside the tree (docs/debug-kernel.md).
#
#   make debug-kernel     build it, or find it in DEBUG_KERNEL_CACHE
#   make debug-selftest   planted bugs, each reported by its detector
#   make check-debug      the selftest, then the suite in the VM on that
#                         kernel (DEBUG_TARGETS, SUITES), panic_on_warn,
#                         a kmemleak scan after each suite
#   make fuzz-dev FUZZ_SECONDS=N   the device fuzzer steered by KCOV on it:
#                         executions/s, the lines of driver/linux/*.c
#                         reached and those never reached
#   make check-debug-tuntap   (in make check) as check-debug, the suite
#                         against tuntap only and without the real
#                         programs: the detectors are there to watch our
#                         module; Linux's tun under them, and the
#                         programs, are check-debug's, for which make
#                         check's time budget has no room
#                         (docs/debug-kernel.md)

DEBUG_TARGETS ?= linux tuntap
DEBUG_TIMEOUT ?= 5400
DEBUG_MEM ?= 2048
DEBUG_BUILD := $(BUILD)/debug
# The kernel's parameters for every boot: panic_on_warn for the run, and
# time stamps (not in allnoconfig), by which run.sh and reports.sh tell
# the kernel's lines from the guest's.
DEBUG_KARGS := panic_on_warn=1 printk.time=1
# The kernel's directory in the cache, as build.sh printed it.
DEBUG_KDIR = $(shell cat $(DEBUG_BUILD)/kernel.dir)
DEBUG_KREL = $(shell cat $(DEBUG_KDIR)/release)

.PHONY: debug-kernel debug-selftest check-debug check-debug-tuntap debug-vm \
	fuzz-dev FORCE

debug-kernel: $(DEBUG_BUILD)/kernel.dir

# Always asked (the cache decides); rewritten only when it names another
# kernel, so that the modules are rebuilt only then.
$(DEBUG_BUILD)/kernel.dir: FORCE
	$(Q)mkdir -p $(@D)
	$(Q)harness/debug/build.sh >$@.new
	$(Q)if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

# debug_module KBUILD-ARGS: the module, built against the debug kernel's
# tree in its own copy of the sources (kbuild writes beside them).
define debug_module
	@$(PHASE) "building $(@F) for the debug kernel"
	$(Q)rm -rf $@.kbuild && harness/kbuild-tree.sh $@.kbuild
	@# -g: the fuzzer maps KCOV's PCs to lines with it (code is the same)
	$(Q)$(MAKE) -s -C $(DEBUG_KDIR)/build M=$(abspath $@.kbuild) KCFLAGS=-g $(1) modules
	$(Q)cp $@.kbuild/tuntap.ko $@
endef

$(DEBUG_BUILD)/tuntap.ko: $(DEBUG_BUILD)/kernel.dir $(MODULE_DEPS)
	$(call debug_module,)
	@# the planted bugs are a test build's only
	$(Q)if modinfo -F parm $@ | grep -q '^plant:'; then \
		echo "debug: $@ has the planted bugs"; rm -f $@; exit 1; fi

$(DEBUG_BUILD)/tuntap-plant.ko: $(DEBUG_BUILD)/kernel.dir $(MODULE_DEPS)
	$(call debug_module,TT_PLANT=y)

debug-selftest: $(DEBUG_BUILD)/tuntap-plant.ko
	@$(PHASE) "debug selftest: planted bugs on $(DEBUG_KREL)"
	$(Q)harness/debug/selftest.sh $(DEBUG_KDIR) $< $(DEBUG_BUILD)/selftest "$(DEBUG_KARGS)"

# The suite in the VM on the debug kernel: `make vm`'s boot (vm-run),
# with 2 GB (KASAN's shadow and quarantine) and panic_on_warn; the guest
# loads the KASAN overlay itself.  A failed run shows each detector's
# report whole.
debug-vm: $(DEBUG_BUILD)/tuntap.ko suite
	$(Q)$(MAKE) --no-print-directory vm-run KVER=$(DEBUG_KREL) \
		VM_KIMAGE=$(DEBUG_KDIR)/bzImage VM_KROOT=$(DEBUG_KDIR)/root \
		VM_MODULE=$(DEBUG_BUILD)/tuntap.ko VM_RESULTS=$(DEBUG_BUILD)/results \
		VM_TARGETS="$(DEBUG_TARGETS)" VM_TIMEOUT=$(DEBUG_TIMEOUT) \
		VM_MEM=$(DEBUG_MEM) VM_KARGS="$(DEBUG_KARGS)"
	$(Q)harness/debug/reports.sh $(DEBUG_BUILD)/results/console.log || \
		echo 1 >$(DEBUG_BUILD)/results/run.rc
	@$(PHASE) "the report: $(DEBUG_TARGETS:%=%-debug)"
	$(Q)harness/report.sh --verdict \
		$(foreach t,$(DEBUG_TARGETS),$(t)-debug=$(DEBUG_BUILD)/results/$(t))

check-debug: deps
	$(Q)$(MAKE) --no-print-directory debug-selftest
	$(Q)$(MAKE) --no-print-directory debug-vm

check-debug-tuntap:
	$(Q)$(MAKE) --no-print-directory debug-selftest
	$(Q)$(MAKE) --no-print-directory debug-vm DEBUG_TARGETS=tuntap \
		VM_REAL_PROGRAMS=

CHECK_PARTS += check-debug-tuntap
CHECK_REPORT_MORE += tuntap-debug=$(DEBUG_BUILD)/results/tuntap

# The device fuzzer on the debug kernel, steered by KCOV (fuzz/
# tt_devfuzz_kcov.c); the lines reached mapped on the host from the
# module's debug info (fuzz/kcov-lines.sh).  FUZZ_SEED: a fixed start.
FUZZ_SEED ?= $(shell date +%s)
fuzz-dev: $(DEBUG_BUILD)/tuntap.ko $(FUZZ_OUT)/tt-devfuzz
	$(Q)harness/vm/mkinitramfs.sh -k $(DEBUG_KREL) -r $(DEBUG_KDIR)/root \
		-o $(DEBUG_BUILD)/fuzz.cpio.gz -m $(DEBUG_BUILD)/tuntap.ko \
		-b $(FUZZ_OUT)/tt-devfuzz -f fuzz/guest-fuzzdev.sh=/tt/guest.sh
	$(Q)rm -rf $(DEBUG_BUILD)/fuzz && mkdir -p $(DEBUG_BUILD)/fuzz
	$(Q)printf 'commit %s\ndate %s\nseconds %s\nseed %s\nkernel %s\n' \
		"$$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
		"$$(date -u '+%Y-%m-%d %H:%M UTC')" $(FUZZ_SECONDS) $(FUZZ_SEED) \
		$(DEBUG_KREL) >$(DEBUG_BUILD)/fuzz-run.txt
	$(Q)harness/vm/run.sh -k $(DEBUG_KREL) -K $(DEBUG_KDIR)/bzImage \
		-i $(DEBUG_BUILD)/fuzz.cpio.gz -m $(DEBUG_MEM) -o $(DEBUG_BUILD)/fuzz \
		-t $$(($(FUZZ_SECONDS) * 3 + 600)) \
		-a "$(DEBUG_KARGS) tt.fuzz_seconds=$(FUZZ_SECONDS) tt.fuzz_seed=$(FUZZ_SEED)"; \
	rc=$$?; harness/debug/reports.sh $(DEBUG_BUILD)/fuzz/console.log || rc=1; \
	grep -h 'rounds' $(DEBUG_BUILD)/fuzz/devfuzz.log; \
	fuzz/kcov-lines.sh $(DEBUG_BUILD)/tuntap.ko $$(cat $(DEBUG_BUILD)/fuzz/text-base) \
		$(DEBUG_BUILD)/fuzz/kcov-pcs.txt $(DEBUG_BUILD)/fuzz/lines || rc=1; \
	echo "status $$rc" >>$(DEBUG_BUILD)/fuzz-run.txt; exit $$rc
