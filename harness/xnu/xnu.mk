# SPDX-License-Identifier: GPL-2.0-only
# harness/xnu: the XNU simulator, the Mac kexts (driver/darwin) built
# against it, and their tests: one build plain, one under AddressSanitizer
# and UBSan, one under ThreadSanitizer, each run by `make check-xnu`.
#
# Kernel-side files (the kexts, the core, the simulated kernel) see only
# harness/xnu/include: -nostdinc -ffreestanding, as a kext sees only
# Kernel.framework.  Host-side files (host.c, the tests) see libc.

XNU_DIR := harness/xnu
XNU_CCINC := $(shell $(CC) -print-file-name=include)
# XNU_KEXT_DIR and XNU_TAG: mutants.sh builds changed copies of the kexts
XNU_KEXT_DIR ?= driver/darwin
XNU_TAG ?=
XNU_KSRC := $(wildcard $(XNU_KEXT_DIR)/*.c) driver/core/tt_frame.c \
	$(wildcard $(XNU_DIR)/sim/sim_*.c) \
	$(XNU_DIR)/test/xt_kext.c $(XNU_DIR)/test/xt_wrong.c
XNU_HSRC := $(XNU_DIR)/sim/host.c $(XNU_DIR)/test/xt_util.c \
	$(XNU_DIR)/test/xt_life.c $(XNU_DIR)/test/xt_rw.c \
	$(XNU_DIR)/test/xt_ctl.c $(XNU_DIR)/test/xt_sim.c \
	$(XNU_DIR)/test/xt_xnu.c \
	$(XNU_DIR)/test/xt_main.c
XNU_COMMON := -std=gnu11 -Wall -Wextra -Werror -g -O1 -MMD -MP \
	-fno-omit-frame-pointer -I$(XNU_DIR)/sim -I$(XNU_DIR)/test
# The deployment target the simulated headers see (Availability.h):
# 10.13, the x86_64 kexts' minimum.  From 10.15.4 on (arm64e: 11.0) the
# ifnet, mbuf and proto KPIs are deprecated, as in XNU's own headers
# (check-xnu-deprecated shows it).
XNU_MACOS_MIN ?= 101300
XNU_KFLAGS := $(XNU_COMMON) -ffreestanding -nostdinc -isystem $(XNU_DIR)/include -Idriver/include -Idriver/core \
	-D__MAC_OS_X_VERSION_MIN_REQUIRED=$(XNU_MACOS_MIN)
XNU_HFLAGS = $(XNU_COMMON) -D_GNU_SOURCE $(CHECK_CFLAGS)
XNU_VARIANTS := plain asan tsan
XNU_SAN_plain :=
XNU_SAN_asan := -fsanitize=address,undefined -fno-sanitize-recover=all
XNU_SAN_tsan := -fsanitize=thread
# Check forks each test; the sanitizers must not mistake that for a leak
XNU_ENV_asan := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
XNU_ENV_tsan := TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
XNU_ENV_plain :=

# xnu_rules(variant)
define xnu_rules
XNU_KOBJ_$(1) := $$(XNU_KSRC:%.c=$$(BUILD)/xnu/$(1)/%.o)
XNU_HOBJ_$(1) := $$(XNU_HSRC:%.c=$$(BUILD)/xnu/$(1)/%.o)

$$(XNU_KOBJ_$(1)): $$(BUILD)/xnu/$(1)/%.o: %.c
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(XNU_KFLAGS) -isystem $$(XNU_CCINC) $$(XNU_SAN_$(1)) -c -o $$@ $$<

$$(XNU_HOBJ_$(1)): $$(BUILD)/xnu/$(1)/%.o: %.c
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(XNU_HFLAGS) $$(XNU_SAN_$(1)) -c -o $$@ $$<

$$(BUILD)/xnu/$(1)/xt-darwin$$(XNU_TAG): $$(XNU_KOBJ_$(1)) $$(XNU_HOBJ_$(1))
	$$(Q)$$(CC) $$(XNU_SAN_$(1)) -o $$@ $$^ $$(CHECK_LIBS) -lpthread

check-xnu-$(1): $$(BUILD)/xnu/$(1)/xt-darwin
	@echo "== Mac kexts in the XNU simulator ($(1))"
	$$(Q)$$(XNU_ENV_$(1)) CK_TAP_LOG_FILE_NAME=$$(BUILD)/xnu-$(1).tap \
		nice $$(BUILD)/xnu/$(1)/xt-darwin

-include $$(XNU_KOBJ_$(1):.o=.d) $$(XNU_HOBJ_$(1):.o=.d)
endef

$(foreach v,$(XNU_VARIANTS),$(eval $(call xnu_rules,$(v))))

.PHONY: check-xnu $(XNU_VARIANTS:%=check-xnu-%) check-xnu-deprecated
check-xnu: $(XNU_VARIANTS:%=check-xnu-%) check-xnu-fuzz check-xnu-mutants \
	check-xnu-deprecated

# The simulated headers deprecate the KPI where XNU's do: every kext
# source that calls it warns when built for macOS 11 (arm64e's minimum),
# none for 10.13 (the plain build above, -Werror).  How the Mac build
# keeps those warnings from failing it is driver/darwin/Makefile's.
XNU_DEPR_MSG := Network Kernel Extension KPI is deprecated
check-xnu-deprecated:
	@echo "== Mac kexts: the simulated headers' KPI deprecations (macOS 11)"
	$(Q)mkdir -p $(BUILD)/xnu/depr
	$(Q)total=0; for f in $(wildcard $(XNU_KEXT_DIR)/*.c); do \
		$(CC) $(filter-out -Werror -MMD -MP -D__MAC_OS_X_VERSION_MIN_REQUIRED=%,$(XNU_KFLAGS)) \
			-isystem $(XNU_CCINC) -D__MAC_OS_X_VERSION_MIN_REQUIRED=110000 \
			-fsyntax-only $$f > $(BUILD)/xnu/depr/out 2>&1 || \
			{ cat $(BUILD)/xnu/depr/out; exit 1; }; \
		n=$$(grep -c "$(XNU_DEPR_MSG)" $(BUILD)/xnu/depr/out); \
		k=$$(grep -c -E '\b(ifnet|mbuf|proto)_[a-z_]+\(' $$f); \
		if [ $$k -gt 0 ] && [ $$n -eq 0 ]; then \
			echo "$$f calls the KPI, yet no deprecation warning"; exit 1; fi; \
		total=$$((total + n)); \
	done; echo "$$total deprecation warnings at macOS 11, none at 10.13"

CHECK_PARTS += check-xnu

# The write path under fuzzing.  check-xnu-fuzz: a fixed series of
# generated inputs through the libFuzzer entry point, under ASan+UBSan.
# fuzz-xnu: the real thing with clang's libFuzzer (not part of check):
#   make fuzz-xnu && build/xnu/fuzz/xt-fuzz -max_total_time=60 CORPUS_DIR
XNU_FUZZ_HOBJ := $(BUILD)/xnu/asan/$(XNU_DIR)/sim/host.o \
	$(BUILD)/xnu/asan/$(XNU_DIR)/test/xt_util.o \
	$(BUILD)/xnu/asan/$(XNU_DIR)/test/xt_fuzz.o

$(BUILD)/xnu/asan/$(XNU_DIR)/test/xt_fuzz.o: $(XNU_DIR)/test/xt_fuzz.c
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(XNU_HFLAGS) $(XNU_SAN_asan) -c -o $@ $<

$(BUILD)/xnu/asan/xt-fuzz: $(XNU_KOBJ_asan) $(XNU_FUZZ_HOBJ)
	$(Q)$(CC) $(XNU_SAN_asan) -o $@ $^ $(CHECK_LIBS) -lpthread

.PHONY: check-xnu-fuzz fuzz-xnu
check-xnu-fuzz: $(BUILD)/xnu/asan/xt-fuzz
	$(Q)$(XNU_ENV_asan) nice $(BUILD)/xnu/asan/xt-fuzz

XNU_FUZZ_CC ?= clang
XNU_FUZZ_CCINC = $(shell $(XNU_FUZZ_CC) -print-resource-dir)/include
fuzz-xnu:
	$(Q)mkdir -p $(BUILD)/xnu/fuzz
	$(Q)for f in $(XNU_KSRC); do \
		$(XNU_FUZZ_CC) $(filter-out -MMD -MP,$(XNU_KFLAGS)) \
		-isystem $(XNU_FUZZ_CCINC) -fsanitize=fuzzer-no-link,address \
		-c -o $(BUILD)/xnu/fuzz/$$(basename $$f .c).o $$f || exit 1; \
	done
	$(Q)$(XNU_FUZZ_CC) $(filter-out -MMD -MP,$(XNU_HFLAGS)) -DXT_LIBFUZZER \
		-fsanitize=fuzzer,address -o $(BUILD)/xnu/fuzz/xt-fuzz \
		$(BUILD)/xnu/fuzz/*.o $(XNU_DIR)/sim/host.c \
		$(XNU_DIR)/test/xt_util.c $(XNU_DIR)/test/xt_fuzz.c \
		$(CHECK_LIBS) -lpthread

# Break one rule of the kexts at a time and require its test to fail.
.PHONY: check-xnu-mutants
check-xnu-mutants: $(BUILD)/xnu/plain/xt-darwin
	@echo "== Mac kexts: mutants (each must be caught)"
	$(Q)harness/xnu/mutants.sh $(BUILD)

# The conformance suite's own tests against the kexts in the simulator:
# target darwin-sim.  tt-conformance-xsim is the suite's unchanged test
# and runner sources, with tt_netcfg_bsd.c (a Mac's interface
# configuration) in place of tt_netcfg.c and conformance/xsim/ in place of
# tt_child.c, linked with the kexts and the simulator above; its system
# calls are --wrap'ed to the simulator (conformance/xsim/tt_xsim_shim.c).
XSIM_CSRC := $(filter-out conformance/tt_netcfg.c conformance/tt_child.c \
		$(wildcard conformance/tt_target_*.c),$(SUITE_SRC)) \
	conformance/tt_netcfg_bsd.c conformance/tt_target_darwin_sim.c \
	$(wildcard conformance/xsim/*.c)
XSIM_WRAP := open close read write ioctl fcntl poll select stat fork waitpid \
	socket bind setsockopt sendto recv recvfrom getifaddrs freeifaddrs
XSIM_CFLAGS = $(CFLAGS) $(CHECK_CFLAGS) -DTT_XSIM -Iconformance -Iconformance/xsim \
	-I$(XNU_DIR)/sim -I$(XNU_DIR)/test
# plain: for the mutants only (harness/xnu/mutants.sh)
XSIM_VARIANTS := plain asan tsan
XSIM_CHECKS := asan tsan

# xsim_rules(variant)
define xsim_rules
XSIM_OBJ_$(1) := $$(XSIM_CSRC:%.c=$$(BUILD)/xnu/$(1)/%.o)

$$(XSIM_OBJ_$(1)): $$(BUILD)/xnu/$(1)/%.o: %.c
	$$(Q)mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(XSIM_CFLAGS) $$(XNU_SAN_$(1)) -c -o $$@ $$<

$$(BUILD)/xnu/$(1)/tt-conformance-xsim$$(XNU_TAG): $$(XSIM_OBJ_$(1)) \
		$$(XNU_KOBJ_$(1)) $$(BUILD)/xnu/$(1)/$$(XNU_DIR)/sim/host.o
	$$(Q)$$(CC) $$(XNU_SAN_$(1)) $$(XSIM_WRAP:%=-Wl,--wrap=%) -o $$@ $$^ \
		$$(CHECK_LIBS) -lpcap -lpthread

-include $$(XSIM_OBJ_$(1):.o=.d)
endef

$(foreach v,$(XSIM_VARIANTS),$(eval $(call xsim_rules,$(v))))

# check-darwin-sim: tt-conformance-xsim under ASan+UBSan (column
# darwin-sim) and under TSan (darwin-sim-tsan), side by side (the tests
# mostly wait: for sleepers, for deadlines), results laid out as
# check-linux-ns's for harness/report.sh.  run.rc: 0 when the run
# reported, whatever it found (the report judges the verdicts).
XSIM_RESULTS = $(BUILD)/results-xsim
XSIM_LABEL_asan := darwin-sim
XSIM_LABEL_tsan := darwin-sim-tsan
XSIM_DIRS := $(foreach v,$(XSIM_CHECKS),$(XSIM_LABEL_$(v))=$(XSIM_RESULTS)/$(XSIM_LABEL_$(v)))

# xsim_run(variant): one run, in the background's subshell
define xsim_run
( d=$(XSIM_RESULTS)/$(XSIM_LABEL_$(1)); rm -rf $$d && mkdir -p $$d && \
  echo all > $$d/suites.txt && \
  $(XNU_ENV_$(1)) CK_DEFAULT_TIMEOUT=60 TT_TAP=$$d/all.tap \
  TT_JUNIT=$$d/all.xml TT_SUMMARY_DIR=$$d nice $(BUILD)/xnu/$(1)/tt-conformance-xsim \
  --target darwin-sim > $$d/log.txt 2>&1; \
  rc=$$?; [ $$rc = 1 ] && rc=0; echo $$rc > $$d/run.rc )
endef

.PHONY: check-darwin-sim
check-darwin-sim: $(XSIM_CHECKS:%=$(BUILD)/xnu/%/tt-conformance-xsim)
	@$(PHASE) "running target darwin-sim, all suites, in the XNU simulator (ASan+UBSan, TSan)"
	$(Q)$(foreach v,$(XSIM_CHECKS),$(call xsim_run,$(v)) &) wait
	$(Q)harness/report.sh --summary $(XSIM_DIRS)

CHECK_PARTS += check-darwin-sim
CHECK_REPORT_MORE += $(XSIM_DIRS)
