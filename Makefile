# tuntap: the driver, its unit tests, the conformance suite and the test VM.
#
#   make accept   build, boot the test VM, run the suite, report and verdict
#   make check    every test: unit tests on the host, the suite in the VM
#                 on each kernel of harness/kernels/list (KERNELS="6.12")
#   make all      build the module, the unit tests and the suite
#   make vm SUITES="read write"   some suites only, in the VM
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
CORE_HDR := driver/core/tt_frame.h
UNIT_SRC := driver/core/test/tt_frame_test.c driver/core/test/tt_frame_write_test.c
LINUX_SRC := $(wildcard driver/linux/*.c driver/linux/*.h) driver/Kbuild
SUITE_SRC := $(wildcard conformance/*.c)
SUITE_OBJ := $(SUITE_SRC:%.c=$(BUILD)/%.o)

# Suites for the VM (empty: all of them, the module suite last), and
# the targets it runs them against (conformance/tt_target.h).
SUITES ?=
VM_TARGETS ?= linux tuntap
VM_TIMEOUT ?= 900
# More report columns (LABEL=DIR) beside the VM's, e.g. the host's run.
REPORT_MORE ?=

ifeq ($(V),1)
Q :=
else
Q := @
endif
# What phase a run is in, one line each (harness/vm/phase.sh).
PHASE := harness/vm/phase.sh

.PHONY: all deps module unit suite check check-unit vm vm-run vm-selftest accept clean
.DELETE_ON_ERROR:

all: module unit suite

deps:
	$(Q)harness/deps.sh

module: $(BUILD)/tuntap.ko
unit: $(BUILD)/tt_frame_test
suite: $(BUILD)/tt-conformance

$(BUILD)/tuntap.ko: $(CORE_SRC) $(CORE_HDR) $(LINUX_SRC) driver/range.mk driver/include/net/tun_ioctls.h
	@$(PHASE) "building tuntap.ko for $(KVER)"$(call tt_linux_check,$(KVER))
	@# kbuild writes next to the sources: give it a copy inside BUILD
	$(Q)rm -rf $(BUILD)/kbuild && mkdir -p $(BUILD)/kbuild
	$(Q)cp -r driver/Kbuild driver/range.mk driver/core driver/linux driver/include $(BUILD)/kbuild/
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

check-unit: unit
	@$(PHASE) "running the unit tests"
	$(Q)CK_TAP_LOG_FILE_NAME=$(BUILD)/unit.tap $(BUILD)/tt_frame_test

# Boot the VM with the module and the suite; results in $(BUILD)/results,
# then the report (REPORT=--verdict adds the verdict, REPORT_TAP adds logs).
# KERNEL=LABEL: on that kernel of harness/kernels/list instead of the
# installed one (harness/kernels/kernels.mk).
vm: all
ifeq ($(KERNEL),)
	$(Q)$(MAKE) --no-print-directory vm-run
	@$(PHASE) "the report: $(strip $(VM_TARGETS:%=%-vm) $(foreach r,$(REPORT_MORE),$(firstword $(subst =, ,$(r)))))"
	$(Q)harness/report.sh $(REPORT) --matrix $(BUILD)/matrix.txt \
		$(if $(REPORT_TAP),--tap $(REPORT_TAP)) \
		$(foreach t,$(VM_TARGETS),$(t)-vm=$(BUILD)/results/$(t)) $(REPORT_MORE)
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
vm_overlay = $(wildcard conformance/expect/$(1)-$(VM_KERNEL).txt)
vm-run: suite $(BUILD)/tt-abi32 $(VM_MODULE)
	$(Q)harness/vm/mkinitramfs.sh -k $(KVER) -o $(VM_RESULTS).cpio.gz \
		$(if $(VM_KROOT),-r $(VM_KROOT)) \
		-m $(VM_MODULE) -b $(BUILD)/tt-conformance -b $(BUILD)/tt-abi32 \
		-f harness/vm/guest-suite.sh=/tt/guest.sh \
		$(foreach t,$(VM_TARGETS),-f conformance/expect/$(t).txt=/tt/expect/$(t).txt) \
		$(foreach t,$(VM_TARGETS),$(if $(VM_KERNEL),$(if $(call vm_overlay,$(t)),\
			-f $(call vm_overlay,$(t))=/tt/expect/$(t).overlay.txt)))
	$(Q)rm -rf $(VM_RESULTS)
	$(Q)harness/vm/run.sh -k $(KVER) -i $(VM_RESULTS).cpio.gz \
		$(if $(VM_KIMAGE),-K $(VM_KIMAGE)) $(if $(VM_QEMU),-q "$(VM_QEMU)") \
		-o $(VM_RESULTS) -t $(VM_TIMEOUT) \
		-a "tt.suites=$(shell echo $(SUITES) | tr ' ' ,) tt.targets=$(shell echo $(VM_TARGETS) | tr ' ' ,)"; \
	echo $$? > $(VM_RESULTS).rc
	$(Q)mkdir -p $(VM_RESULTS) && cp $(VM_RESULTS).rc $(VM_RESULTS)/run.rc

# The harness's own test: passing, failing, warning and hanging guests.
vm-selftest:
	$(Q)harness/vm/selftest.sh $(BUILD)/vm-selftest

check: deps
	$(Q)$(MAKE) --no-print-directory check-unit
	@$(PHASE) "running vm-selftest"
	$(Q)$(MAKE) --no-print-directory vm-selftest
	$(Q)$(foreach p,$(CHECK_PARTS),$(PHASE) "running $(p)" && \
		$(MAKE) --no-print-directory $(p) &&) true
	$(Q)$(MAKE) --no-print-directory vm-kernels REPORT_TAP=$(BUILD)/unit.tap \
		REPORT_MORE="$(CHECK_REPORT_MORE)"

# make accept [TARGET=tuntap|linux|darwin|freebsd]: see conformance.mk
accept: $(if $(filter darwin freebsd,$(TARGET)),,deps)
	$(Q)$(MAKE) --no-print-directory accept-$(or $(TARGET),all)

clean:
	$(Q)rm -rf $(BUILD)

# Each further part of the project (fuzz/, bench/, ...) brings its rules
# in <part>/<part>.mk (or <dir>/<part>/<part>.mk) and adds to CHECK_PARTS
# the targets `make check` runs, before the suite in the VM, and to
# CHECK_REPORT_MORE the report columns (LABEL=DIR) those runs leave.  Its
# packages go in harness/packages/<part>.list.
CHECK_PARTS :=
CHECK_REPORT_MORE :=
include $(sort $(wildcard */*.mk */*/*.mk))

-include $(SUITE_OBJ:.o=.d)
