# SPDX-License-Identifier: GPL-2.0-only
# conformance/conformance.mk: the suite's own checks, run by `make check`
# on the host before the VM: the coverage check of SPEC.md (and its
# self-test), the self-test of the report (a failure on purpose), then the
# linux target in a fresh user + network namespace.
# And `make accept TARGET=...`, one target alone.

.PHONY: check-spec check-report check-linux-ns accept-all accept-tuntap accept-linux \
	accept-darwin accept-freebsd

NS_RESULTS = $(BUILD)/results-ns/linux

# Every clause has a test, every test a clause, every expect key a test.
# The tests: tt-conformance's, tt-abi32's (suite abi32) and the sessions
# of real programs (suite programs), every test a row of the report can
# name.
check-spec: suite $(BUILD)/tt-abi32-list
	$(Q)harness/spec-check-selftest.sh
	$(Q){ $(BUILD)/tt-conformance --list-tests && \
		$(BUILD)/tt-abi32-list --list-tests && \
		harness/vm/real-programs.sh --list-tests; } > $(BUILD)/tests.txt
	$(Q)harness/spec-check.sh conformance/SPEC.md $(BUILD)/tests.txt \
		conformance/expect/*.txt

# Linux's /dev/net/tun on this host, in a namespace of its own (nothing of
# the host's network is touched), with what the namespace lacks skipped
# by expect/linux-userns.txt.  run.rc: 0 when the run reported, whatever
# it found; the report judges the verdicts.
check-linux-ns: suite
	@$(PHASE) "running target linux, all suites, on the host in a namespace"
	$(Q)rm -rf $(NS_RESULTS) && mkdir -p $(NS_RESULTS)
	$(Q)echo all > $(NS_RESULTS)/suites.txt
	$(Q)CK_DEFAULT_TIMEOUT=60 TT_TAP=$(NS_RESULTS)/all.tap \
		TT_JUNIT=$(NS_RESULTS)/all.xml TT_SUMMARY_DIR=$(NS_RESULTS) \
		harness/netns-run.sh $(BUILD)/tt-conformance --target linux \
		--overlay conformance/expect/linux-userns.txt \
		> $(NS_RESULTS)/log.txt 2>&1; \
	rc=$$?; [ $$rc = 1 ] && rc=0; echo $$rc > $(NS_RESULTS)/run.rc
	$(Q)harness/report.sh --summary linux-ns=$(NS_RESULTS)

# A failure, made on purpose without a device, must show in the report
# with its clause, expected vs got and the packet's hex dump.
check-report: suite
	$(Q)harness/report-selftest.sh $(BUILD)/tt-conformance \
		$(BUILD)/report-selftest

CHECK_PARTS += check-spec check-report check-linux-ns
CHECK_REPORT_MORE += linux-ns=$(NS_RESULTS)

accept-all:
	$(Q)$(MAKE) --no-print-directory check-linux-ns
	$(Q)$(MAKE) --no-print-directory check-darwin-sim
	$(Q)$(MAKE) --no-print-directory vm SUITES= REPORT=--verdict \
		REPORT_MORE="$(CHECK_REPORT_MORE)"

accept-tuntap:
	$(Q)$(MAKE) --no-print-directory vm SUITES= VM_TARGETS=tuntap \
		REPORT=--verdict

accept-linux:
	$(Q)$(MAKE) --no-print-directory check-linux-ns
	$(Q)$(MAKE) --no-print-directory vm SUITES= VM_TARGETS=linux \
		REPORT=--verdict REPORT_MORE="linux-ns=$(NS_RESULTS)"

# On the machine itself (a test Mac, a FreeBSD box): no VM, no module.
LOCAL_RESULTS = $(BUILD)/results-local/$(TARGET)
accept-darwin accept-freebsd: suite
	@$(PHASE) "running target $(TARGET), all suites, on this machine"
	$(Q)rm -rf $(LOCAL_RESULTS) && mkdir -p $(LOCAL_RESULTS)
	$(Q)echo all > $(LOCAL_RESULTS)/suites.txt
	$(Q)CK_DEFAULT_TIMEOUT=60 TT_SUMMARY_DIR=$(LOCAL_RESULTS) \
		$(BUILD)/tt-conformance --target $(TARGET) --tap $(LOCAL_RESULTS)/all.tap \
		--junit $(LOCAL_RESULTS)/all.xml; \
	rc=$$?; [ $$rc = 1 ] && rc=0; echo $$rc > $(LOCAL_RESULTS)/run.rc
	$(Q)harness/report-html.sh -o $(REPORT_HTML) -- --verdict \
		--matrix $(BUILD)/matrix.txt $(TARGET)=$(LOCAL_RESULTS)

# The Mac build of the suite (every conformance/*.c but SUITE_LINUX_ONLY:
# the Makefile) includes no Linux header; and the check can fail: Linux's
# own tt_netcfg.c must be caught.
SUITE_DARWIN := $(filter-out $(SUITE_LINUX_ONLY),$(wildcard conformance/*.c))
.PHONY: check-darwin-includes
check-darwin-includes:
	$(Q)harness/darwin-includes.sh $(CC) $(SUITE_DARWIN)
	$(Q)! harness/darwin-includes.sh $(CC) conformance/tt_netcfg.c > /dev/null || \
		{ echo "darwin-includes: tt_netcfg.c (Linux's) passed the check" >&2; exit 1; }

CHECK_PARTS += check-darwin-includes
