# conformance/conformance.mk: the suite's own checks, run by `make check`
# on the host before the VM: the coverage check of SPEC.md (and its
# self-test), then the linux target in a fresh namespace.

.PHONY: check-spec

# Every clause has a test, every test a clause, every expect key a test.
check-spec: suite
	$(Q)harness/spec-check-selftest.sh
	$(Q)$(BUILD)/tt-conformance --list-tests > $(BUILD)/tests.txt
	$(Q)harness/spec-check.sh conformance/SPEC.md $(BUILD)/tests.txt \
		conformance/expect/*.txt

CHECK_PARTS += check-spec
