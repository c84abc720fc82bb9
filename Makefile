# SPDX-License-Identifier: GPL-2.0-only
# tuntap: the driver, its unit tests, the conformance suite and the test VM.
#
#   make accept   build, boot the test VM, run the suite, report and verdict
#   make check    every test: unit tests on the host, the suite in the VM
#                 on each kernel of harness/kernels/list (KERNELS="6.12")
#   make all      build the module, the unit tests and the suite
#   make vm SUITES="read write"   some suites only, in the VM
#   make docs-figures   docs/figures.md from the last make check's output
#   make clean

CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -MMD -MP
# BUILD may be set elsewhere so that several builds can run side by side.
BUILD ?= build

# The newest installed Debian cloud kernel: the VM boots it, the module
# is built against its headers.  Evaluated only when a rule needs it.
KVER ?= $(shell harness/vm/kver.sh)
KDIR ?= /usr/src/linux-headers-$(KVER)

CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

CORE_SRC := driver/core/tt_frame.c
CORE_HDR := driver/core/tt_frame.h driver/core/tt_ready.h
UNIT_SRC := driver/core/test/tt_frame_test.c driver/core/test/tt_frame_write_test.c
LINUX_SRC := $(wildcard driver/linux/*.c driver/linux/*.h) driver/Kbuild
# The suite: tt_netcfg.c configures interfaces on Linux, tt_netcfg_bsd.c
# on a Mac (and in darwin-sim); a Mac builds none of the Linux-only
# suites and helpers (conformance/conformance.mk, check-darwin-includes).
SUITE_LINUX_ONLY := $(addprefix conformance/,tt_netcfg.c t_linux.c t_module.c \
	t_race.c t_race_life.c t_race_stall.c t_load.c t_hostile.c tt_race.c \
	tt_target_linux.c tt_target_tuntap.c)
ifeq ($(shell uname -s),Darwin)
SUITE_SRC := $(filter-out $(SUITE_LINUX_ONLY),$(wildcard conformance/*.c))
else
SUITE_SRC := $(filter-out conformance/tt_netcfg_bsd.c,$(wildcard conformance/*.c))
endif
SUITE_OBJ := $(SUITE_SRC:%.c=$(BUILD)/%.o)

# Suites for the VM (empty: all of them, the module suite last), and
# the targets it runs them against (conformance/tt_target.h).
SUITES ?=
VM_TARGETS ?= linux tuntap
VM_TIMEOUT ?= 900
# The real programs the suite "programs" runs in the VM (real-programs.sh;
# harness/packages/real-programs.list), those the host has.
VM_PROGRAMS ?= $(wildcard /usr/sbin/vtund /usr/bin/icmptx)
# More report columns (LABEL=DIR) beside the VM's, e.g. the host's run.
REPORT_MORE ?=
# The HTML report (harness/report-html.sh): its directory, and what else
# it shows when set: make check's phase times, a benchmark's results.
REPORT_HTML ?= $(BUILD)/report
REPORT_TIMES ?=
REPORT_BENCH ?=

ifeq ($(V),1)
Q :=
else
Q := @
endif
# What phase a run is in, one line each (harness/vm/phase.sh).
PHASE := harness/vm/phase.sh

.PHONY: all deps module unit suite check check-spdx check-unit check-vm \
	check-report-html vm vm-run vm-selftest accept clean docs-figures \
	deps-time
.DELETE_ON_ERROR:

all: module unit suite

deps:
	$(Q)DEPS_LOG=$(BUILD)/deps.log harness/deps.sh

module: $(BUILD)/tuntap.ko
unit: $(BUILD)/tt_frame_test
suite: $(BUILD)/tt-conformance

# What tuntap.ko is built from (harness/kbuild-tree.sh copies it).
MODULE_DEPS = $(CORE_SRC) $(CORE_HDR) $(LINUX_SRC) driver/range.mk \
	driver/include/net/tun_ioctls.h

$(BUILD)/tuntap.ko: $(MODULE_DEPS)
	@$(PHASE) "building tuntap.ko for $(KVER)"$(call tt_linux_check,$(KVER))
	@# kbuild writes next to the sources: give it a copy inside BUILD
	$(Q)rm -rf $(BUILD)/kbuild && harness/kbuild-tree.sh $(BUILD)/kbuild
	$(Q)$(MAKE) -s -C $(KDIR) M=$(abspath $(BUILD))/kbuild modules
	$(Q)cp $(BUILD)/kbuild/tuntap.ko $@

$(BUILD)/tt_frame_test: $(CORE_SRC) $(CORE_HDR) $(UNIT_SRC) driver/core/test/tt_frame_test.h
	@$(PHASE) "building the unit tests"
	$(Q)mkdir -p $(BUILD)
	$(Q)$(CC) $(CFLAGS) -Idriver/core $(CHECK_CFLAGS) -o $@ \
		$(CORE_SRC) $(UNIT_SRC) $(CHECK_LIBS)

$(BUILD)/conformance/%.o: conformance/%.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(BUILD)/tt-conformance: $(SUITE_OBJ)
	@$(PHASE) "building the conformance suite"
	$(Q)$(CC) -o $@ $(SUITE_OBJ) $(CHECK_LIBS) -lpcap

# The ABI from a 32-bit process (gcc-multilib), run in the VM.
$(BUILD)/tt-abi32: conformance/abi32/tt_abi32.c driver/include/net/tun_ioctls.h
	$(Q)mkdir -p $(BUILD)
	$(Q)$(CC) -m32 -O2 -Wall -Wextra -Werror -Idriver/include -o $@ $<
# The same source built for the host, only to list its tests (check-spec):
# a host may not run 32-bit programs at all.
$(BUILD)/tt-abi32-list: conformance/abi32/tt_abi32.c driver/include/net/tun_ioctls.h
	$(Q)mkdir -p $(BUILD)
	$(Q)$(CC) -O2 -Wall -Wextra -Werror -Idriver/include -o $@ $<

check-unit: unit
	@$(PHASE) "running the unit tests"
	$(Q)CK_TAP_LOG_FILE_NAME=$(BUILD)/unit.tap $(BUILD)/tt_frame_test

# The report of a run, as text and as build/report/index.html: $(1) the
# kernel(s) it ran on, $(2) its columns (LABEL=DIR), then REPORT_MORE's.
tt_report = harness/report-html.sh -o $(REPORT_HTML) -k "$(strip $(1))" \
	$(if $(REPORT_TIMES),-t $(REPORT_TIMES)) \
	$(if $(REPORT_BENCH),-b $(REPORT_BENCH)) -- \
	$(REPORT) --matrix $(BUILD)/matrix.txt \
	$(if $(REPORT_TAP),--tap $(REPORT_TAP)) $(2) $(REPORT_MORE)

# Boot the VM with the module and the suite; results in $(BUILD)/results,
# then the report (REPORT=--verdict adds the verdict, REPORT_TAP adds logs).
# KERNEL=LABEL: on that kernel of harness/kernels/list instead of the
# installed one (harness/kernels/kernels.mk).
vm: all
ifeq ($(KERNEL),)
	$(Q)$(MAKE) --no-print-directory vm-run
	@$(PHASE) "the report: $(strip $(VM_TARGETS:%=%-vm) $(foreach r,$(REPORT_MORE),$(firstword $(subst =, ,$(r)))))"
	$(Q)$(call tt_report,$(KVER),$(foreach t,$(VM_TARGETS),$(t)-vm=$(BUILD)/results/$(t)))
else
	$(Q)$(MAKE) --no-print-directory vm-kernels KERNELS="$(KERNEL)"
endif

# One boot of the VM: VM_MODULE and the suite on KVER (/boot's, or the
# kernel image VM_KIMAGE with its modules under VM_KROOT; VM_QEMU adds
# QEMU options), results in VM_RESULTS/<target>.  What differs on kernel
# VM_KERNEL is in conformance/expect/<target>-VM_KERNEL.txt, if there is
# one: the guest loads it as an overlay.
VM_MODULE ?= $(BUILD)/tuntap.ko
VM_RESULTS ?= $(BUILD)/results
VM_KIMAGE ?=
VM_KROOT ?=
VM_KERNEL ?=
VM_QEMU ?=
# the guest's memory (MB) and kernel parameters beyond the harness's own
VM_MEM ?= 1024
VM_KARGS ?=
# the real programs' script (suite programs); empty: the image has none
VM_REAL_PROGRAMS ?= harness/vm/real-programs.sh
vm_overlay = $(wildcard conformance/expect/$(1)-$(VM_KERNEL).txt)
vm-run: suite $(BUILD)/tt-abi32 $(VM_MODULE)
	$(Q)harness/vm/mkinitramfs.sh -k $(KVER) -o $(VM_RESULTS).cpio.gz \
		$(if $(VM_KROOT),-r $(VM_KROOT)) \
		-m $(VM_MODULE) -b $(BUILD)/tt-conformance -b $(BUILD)/tt-abi32 \
		-f harness/vm/guest-suite.sh=/tt/guest.sh \
		$(if $(VM_REAL_PROGRAMS),-f $(VM_REAL_PROGRAMS)=/tt/real-programs.sh \
			$(foreach p,$(VM_PROGRAMS),-b $(p))) \
		-f conformance/expect/kasan.txt=/tt/expect/kasan.txt \
		$(foreach t,$(VM_TARGETS),-f conformance/expect/$(t).txt=/tt/expect/$(t).txt) \
		$(foreach t,$(VM_TARGETS),$(if $(VM_KERNEL),$(if $(call vm_overlay,$(t)),\
			-f $(call vm_overlay,$(t))=/tt/expect/$(t).overlay.txt)))
	$(Q)rm -rf $(VM_RESULTS)
	$(Q)harness/vm/run.sh -k $(KVER) -i $(VM_RESULTS).cpio.gz \
		$(if $(VM_KIMAGE),-K $(VM_KIMAGE)) $(if $(VM_QEMU),-q "$(VM_QEMU)") \
		-o $(VM_RESULTS) -t $(VM_TIMEOUT) -m $(VM_MEM) \
		-a "$(VM_KARGS) tt.suites=$(shell echo $(SUITES) | tr ' ' ,) tt.targets=$(shell echo $(VM_TARGETS) | tr ' ' ,)"; \
	echo $$? > $(VM_RESULTS).rc
	$(Q)mkdir -p $(VM_RESULTS) && cp $(VM_RESULTS).rc $(VM_RESULTS)/run.rc

# The harness's own test: passing, failing, warning and hanging guests.
vm-selftest:
	$(Q)harness/vm/selftest.sh $(BUILD)/vm-selftest

# make check: its phases in order, each one's wall time in CHECK_TIMES
# ("phase seconds" a line), which the report and `make docs-figures`
# quote: what each part of the check costs, measured, never typed.
CHECK_TIMES = $(BUILD)/check-times.txt
check:
	$(Q)mkdir -p $(BUILD) && : >$(CHECK_TIMES)
	$(Q)for p in deps check-spdx check-unit vm-selftest $(CHECK_PARTS) \
	    check-vm check-report-html; do \
		t0=$$(date +%s); \
		$(PHASE) "running $$p"; \
		$(MAKE) --no-print-directory $$p || exit 1; \
		echo "$$p $$(($$(date +%s) - t0))" >>$(CHECK_TIMES); \
	done
	@$(PHASE) "make check: all passed; the report: $(REPORT_HTML)/index.html"

# Every source file names its licence (LICENSE, harness/spdx-check.sh).
check-spdx:
	$(Q)harness/spdx-check.sh

# The suite in the VM on every kernel of the list, with every column the
# parts before it left.
check-vm:
	$(Q)$(MAKE) --no-print-directory vm-kernels REPORT_TAP=$(BUILD)/unit.tap \
		REPORT_MORE="$(CHECK_REPORT_MORE)" REPORT_TIMES=$(CHECK_TIMES) \
		REPORT_BENCH=$(if $(filter check-bench,$(CHECK_PARTS)),$(BUILD)/bench-check)

# The HTML report as a browser draws it: a planted failure in red, and
# the page of this run (a screenshot beside it, as many rows as its matrix).
check-report-html:
	$(Q)harness/report-html-check.sh $(BUILD)/report-html-check \
		$(REPORT_HTML) $(BUILD)/matrix.txt

# make accept [TARGET=tuntap|linux|darwin|freebsd]: see conformance.mk
accept: $(if $(filter darwin freebsd,$(TARGET)),,deps)
	$(Q)$(MAKE) --no-print-directory accept-$(or $(TARGET),all)

clean:
	$(Q)rm -rf $(BUILD)

# How long make deps takes on a fresh Debian 12, for real, with and without
# recommended packages (minutes; docs-figures quotes it).
deps-time:
	$(Q)mkdir -p $(BUILD)
	$(Q){ echo "date $$(date -u '+%Y-%m-%d %H:%M UTC')"; \
		harness/deps-measure.sh --time; } >$(BUILD)/deps-time.txt.new
	$(Q)mv $(BUILD)/deps-time.txt.new $(BUILD)/deps-time.txt && cat $(BUILD)/deps-time.txt

# docs/figures.md: every measured figure the documentation quotes, from
# the last make check's own output and the benchmark's JSON.
docs-figures:
	$(Q)harness/docs-figures.sh $(BUILD) docs/figures.md \
		bench/baseline/vm.json $(wildcard $(BENCH_OUT)/vm.json)

# Each further part of the project (fuzz/, bench/, ...) brings its rules
# in <part>/<part>.mk (or <dir>/<part>/<part>.mk) and adds to CHECK_PARTS
# the targets `make check` runs, before the suite in the VM, and to
# CHECK_REPORT_MORE the report columns (LABEL=DIR) those runs leave.  Its
# packages go in harness/packages/<part>.list.
CHECK_PARTS :=
CHECK_REPORT_MORE :=
include $(sort $(wildcard */*.mk */*/*.mk))

-include $(SUITE_OBJ:.o=.d)
