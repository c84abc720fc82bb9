# SPDX-License-Identifier: GPL-2.0-only
# fuzz/fuzz.mk: the fuzzers (included by the top Makefile).
#
#   make fuzz [FUZZ_SECONDS=60]  every libFuzzer target, then the device
#                                fuzzer in one VM boot: tuntap.ko and
#                                Linux's tun, each alone and with -j;
#                                FUZZ_SECONDS for each of these seven
#   make fuzz-afl                the same targets under AFL++, FUZZ_SECONDS each
#   make fuzz-cov                coverage of the seed corpora (llvm-cov)
#   make fuzz-seeds              rewrite fuzz/corpus/ with the generator
#   make check-fuzz              (in make check) a short smoke of every
#                                target, the regressions, one VM boot
#
# Targets (fuzz/tt_fuzz_<t>.c): frame (the driver core), pkt (the
# suite's packet builders and matchers), devgen (the device fuzzer's own
# packet generator).  Each builds four ways in $(BUILD)/fuzz: libFuzzer,
# replay (sanitizers, files on the command line), AFL++, and coverage.

FUZZ_TARGETS := frame pkt devgen
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 2
FUZZ_CC ?= clang
FUZZ_AFL_CC ?= afl-clang-fast
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=gnu11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror \
	-Idriver/core -Ifuzz $(CHECK_CFLAGS)
FUZZ_OUT := $(BUILD)/fuzz

FUZZ_SRC_frame := fuzz/tt_fuzz_frame.c driver/core/tt_frame.c
FUZZ_SRC_pkt := fuzz/tt_fuzz_pkt.c conformance/tt_pkt.c
FUZZ_SRC_devgen := fuzz/tt_fuzz_devgen.c fuzz/tt_devgen.c \
	driver/core/tt_frame.c conformance/tt_pkt.c
# What each target is there to test: its coverage is reported.
FUZZ_COV_frame := driver/core/tt_frame.c
FUZZ_COV_pkt := conformance/tt_pkt.c
FUZZ_COV_devgen := fuzz/tt_devgen.c
FUZZ_HDR := fuzz/tt_fuzz.h fuzz/tt_devgen.h driver/core/tt_frame.h \
	conformance/tt_test.h
# frame: MTU + header can be 65549 bytes; the others need less
FUZZ_MAXLEN_frame := 66000
FUZZ_MAXLEN_pkt := 4096
FUZZ_MAXLEN_devgen := 512

# The device fuzzer and its guest script.
DEVFUZZ_SRC := fuzz/tt_devfuzz.c fuzz/tt_devfuzz_ops.c fuzz/tt_devfuzz_edge.c \
	fuzz/tt_devfuzz_corpus.c fuzz/tt_devfuzz_kcov.c fuzz/tt_devgen.c \
	driver/core/tt_frame.c conformance/tt_pkt.c conformance/tt_netcfg.c \
	conformance/tt_io.c conformance/tt_target.c conformance/tt_xio.c \
	conformance/tt_dump.c \
	$(wildcard conformance/tt_target_*.c)
DEVFUZZ_HDR := fuzz/tt_devfuzz.h fuzz/tt_devgen.h $(FUZZ_HDR) \
	driver/include/net/tun_ioctls.h
# Operations per session and the seed of the smoke run in make check.
DEVFUZZ_SMOKE_OPS ?= 600
DEVFUZZ_SEED ?= 1

.PHONY: fuzz fuzz-build fuzz-afl fuzz-cov fuzz-seeds fuzz-vm check-fuzz \
	check-fuzz-host check-fuzz-vm

define tt_fuzz_target
$(FUZZ_OUT)/tt-fuzz-$(1): $(FUZZ_SRC_$(1)) $(FUZZ_HDR)
	$(Q)mkdir -p $(FUZZ_OUT)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_SAN) -o $$@ \
		$(FUZZ_SRC_$(1))
$(FUZZ_OUT)/tt-fuzz-$(1)-replay: $(FUZZ_SRC_$(1)) fuzz/tt_fuzz_main.c $(FUZZ_HDR)
	$(Q)mkdir -p $(FUZZ_OUT)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -o $$@ \
		$(FUZZ_SRC_$(1)) fuzz/tt_fuzz_main.c
$(FUZZ_OUT)/tt-fuzz-$(1)-afl: $(FUZZ_SRC_$(1)) fuzz/tt_fuzz_main.c $(FUZZ_HDR)
	$(Q)mkdir -p $(FUZZ_OUT)
	$(Q)AFL_QUIET=1 $(FUZZ_AFL_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -o $$@ \
		$(FUZZ_SRC_$(1)) fuzz/tt_fuzz_main.c
$(FUZZ_OUT)/tt-fuzz-$(1)-cov: $(FUZZ_SRC_$(1)) fuzz/tt_fuzz_main.c $(FUZZ_HDR)
	$(Q)mkdir -p $(FUZZ_OUT)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fprofile-instr-generate \
		-fcoverage-mapping -o $$@ $(FUZZ_SRC_$(1)) fuzz/tt_fuzz_main.c
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call tt_fuzz_target,$(t))))

$(FUZZ_OUT)/tt-fuzz-seed: fuzz/tt_fuzz_seed.c conformance/tt_pkt.c $(FUZZ_HDR)
	$(Q)mkdir -p $(FUZZ_OUT)
	$(Q)$(CC) $(CFLAGS) -Idriver/core -Ifuzz $(CHECK_CFLAGS) -o $@ \
		fuzz/tt_fuzz_seed.c conformance/tt_pkt.c

# mkinitramfs.sh copies the libraries it needs into the VM.
$(FUZZ_OUT)/tt-devfuzz: $(DEVFUZZ_SRC) $(DEVFUZZ_HDR)
	$(Q)mkdir -p $(FUZZ_OUT)
	$(Q)$(CC) $(CFLAGS) -Idriver/core -Ifuzz $(CHECK_CFLAGS) -o $@ \
		$(DEVFUZZ_SRC) $(CHECK_LIBS) -lpcap

fuzz-build: $(foreach t,$(FUZZ_TARGETS),$(FUZZ_OUT)/tt-fuzz-$(t) \
	$(FUZZ_OUT)/tt-fuzz-$(t)-replay) $(FUZZ_OUT)/tt-devfuzz

# The committed seeds are exactly what the generator writes: rewrite them.
fuzz-seeds: $(FUZZ_OUT)/tt-fuzz-seed
	$(Q)rm -rf fuzz/corpus && $(FUZZ_OUT)/tt-fuzz-seed fuzz/corpus

fuzz: deps fuzz-build module
	$(Q)$(foreach t,$(FUZZ_TARGETS),fuzz/libfuzzer.sh $(FUZZ_OUT) $(t) \
		$(FUZZ_SECONDS) -max_len=$(FUZZ_MAXLEN_$(t)) &&) true
	$(Q)$(MAKE) --no-print-directory fuzz-vm VM_TIMEOUT=$$(($(FUZZ_SECONDS) * 6 + 300)) \
		DEVFUZZ_ARGS="-t $(FUZZ_SECONDS) -s $$(date +%s)"

fuzz-afl: deps $(foreach t,$(FUZZ_TARGETS),$(FUZZ_OUT)/tt-fuzz-$(t)-afl)
	$(Q)for t in $(FUZZ_TARGETS); do \
		fuzz/afl.sh $(FUZZ_OUT) $$t $(FUZZ_SECONDS) || exit 1; \
	done

fuzz-cov: $(foreach t,$(FUZZ_TARGETS),$(FUZZ_OUT)/tt-fuzz-$(t)-cov) fuzz-build
	$(Q)$(foreach t,$(FUZZ_TARGETS),fuzz/cov.sh $(FUZZ_OUT) $(t) \
		$(FUZZ_COV_$(t)) &&) true

# The device fuzzer in one VM boot: DEVFUZZ_ARGS for each driver, and
# every devfuzz line of fuzz/TESTLIST.
fuzz-vm: $(FUZZ_OUT)/tt-devfuzz module
	$(Q)harness/vm/mkinitramfs.sh -k $(KVER) -o $(FUZZ_OUT)/initramfs.cpio.gz \
		-m $(BUILD)/tuntap.ko -b $(FUZZ_OUT)/tt-devfuzz \
		-f fuzz/guest-devfuzz.sh=/tt/guest.sh -f fuzz/TESTLIST=/tt/TESTLIST \
		$(if $(wildcard fuzz/corpus-dev.txt),-f fuzz/corpus-dev.txt=/tt/corpus-dev.txt)
	$(Q)rm -rf $(FUZZ_OUT)/results
	$(Q)harness/vm/run.sh -k $(KVER) -i $(FUZZ_OUT)/initramfs.cpio.gz \
		-o $(FUZZ_OUT)/results -t $(VM_TIMEOUT) \
		-a "tt.devfuzz=$$(echo '$(DEVFUZZ_ARGS)' | tr ' ' ,)"; \
	rc=$$?; cat $(FUZZ_OUT)/results/devfuzz-summary.txt 2>/dev/null; \
	exit $$rc

check-fuzz: check-fuzz-host check-fuzz-vm

# Every target for FUZZ_SMOKE_SECONDS, the committed seeds unchanged,
# the seeds and every regression replayed, the AFL++ build proven.
check-fuzz-host: fuzz-build $(FUZZ_OUT)/tt-fuzz-seed \
		$(foreach t,$(FUZZ_TARGETS),$(FUZZ_OUT)/tt-fuzz-$(t)-afl)
	$(Q)rm -rf $(FUZZ_OUT)/seeds && $(FUZZ_OUT)/tt-fuzz-seed $(FUZZ_OUT)/seeds
	$(Q)diff -r fuzz/corpus $(FUZZ_OUT)/seeds >/dev/null || \
		{ echo "fuzz: fuzz/corpus differs from the generator's output:" \
		  "run make fuzz-seeds"; exit 1; }
	$(Q)fuzz/regress.sh $(FUZZ_OUT)
	$(Q)for t in $(FUZZ_TARGETS); do \
		$(FUZZ_OUT)/tt-fuzz-$$t-afl fuzz/corpus/$$t 2>/dev/null || \
			{ echo "fuzz: the AFL++ build of $$t fails its seeds"; exit 1; }; \
	done
	$(Q)$(foreach t,$(FUZZ_TARGETS),fuzz/libfuzzer.sh $(FUZZ_OUT) $(t) \
		$(FUZZ_SMOKE_SECONDS) -max_len=$(FUZZ_MAXLEN_$(t)) \
		-seed=$(DEVFUZZ_SEED) &&) true

check-fuzz-vm:
	$(Q)$(MAKE) --no-print-directory fuzz-vm VM_TIMEOUT=180 \
		DEVFUZZ_ARGS="-n $(DEVFUZZ_SMOKE_OPS) -s $(DEVFUZZ_SEED)"

CHECK_PARTS += check-fuzz
