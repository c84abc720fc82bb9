# SPDX-License-Identifier: GPL-2.0-only
# bench/: tt-bench, our driver against Linux's tun side by side (in the
# test VM, both targets; on the host, Linux's tun in a private network
# namespace), iperf3 through a forwarder, the table, JSON and a plot.
#
#   make bench                      the whole benchmark (minutes)
#   make bench-compare BASE=OLD.json  regressions of $(BENCH_OUT)/vm.json
#                                   (bench/baseline/vm.json: a saved run)
#   make check-bench                a few seconds of each mode (in check)
#
# BENCH_TRIALS, BENCH_SECONDS, BENCH_MODES, BENCH_KINDS, BENCH_SIZES pick
# what runs; results go to BENCH_OUT.

BENCH_TRIALS ?= 5
BENCH_SECONDS ?= 0.3
BENCH_MODES ?= inject,deliver,latency,vpn
BENCH_KINDS ?= tun,tunhdr,tap
BENCH_SIZES ?= 64,1500,max
BENCH_OUT ?= $(BUILD)/bench
BENCH_TIMEOUT ?= 3600
# The VM: one vCPU, and QEMU counting instructions (-icount): the guest's
# clock is the instruction count (4 ns each), so a figure is CPU work and
# repeats to the digit however busy the host is; on the shared host the
# real clock swung ratios by 20-40%.  sleep=off: idle time is skipped.
# -icount does not boot a second vCPU here: BENCH_VM_CPUS=2 needs
# BENCH_VM_QEMU= (real time, noisy).  BENCH_VM_ARGS adds kernel parameters.
BENCH_VM_CPUS ?= 1
BENCH_VM_ARGS ?=
BENCH_VM_QEMU ?= -icount shift=2,sleep=off
# BENCH_HOST=0 skips the host's run.
BENCH_HOST ?= 1
BENCH_SRC := $(wildcard bench/*.c)
BENCH_OBJ := $(BENCH_SRC:%.c=$(BUILD)/%.o)
BENCH_ARGS = -m $(BENCH_MODES) -k $(BENCH_KINDS) -s $(BENCH_SIZES) \
	-n $(BENCH_TRIALS) -d $(BENCH_SECONDS)

.PHONY: bench bench-run bench-compare check-bench

$(BUILD)/bench/%.o: bench/%.c bench/tt_bench.h
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -pthread -c -o $@ $<

$(BUILD)/tt-bench: $(BENCH_OBJ)
	$(Q)$(CC) -pthread -o $@ $(BENCH_OBJ)

bench: deps
	$(Q)$(MAKE) --no-print-directory bench-run

# The VM (both targets), then the host (Linux's tun only: our module is
# not loaded there), then the tables, the plot and the JSON.
bench-run: module $(BUILD)/tt-bench
	$(Q)mkdir -p $(BENCH_OUT)
	$(Q)harness/vm/mkinitramfs.sh -k $(KVER) -o $(BENCH_OUT)/initramfs.cpio.gz \
		-m $(BUILD)/tuntap.ko -b $(BUILD)/tt-bench -b $$(command -v iperf3) \
		-f bench/bench-guest.sh=/tt/guest.sh
	$(Q)rm -rf $(BENCH_OUT)/results
	$(Q)harness/vm/run.sh -k $(KVER) -i $(BENCH_OUT)/initramfs.cpio.gz \
		-o $(BENCH_OUT)/results -t $(BENCH_TIMEOUT) -c $(BENCH_VM_CPUS) \
		-q "$(BENCH_VM_QEMU)" \
		-a "$(BENCH_VM_ARGS)" -a "tt.bench_modes=$(BENCH_MODES) tt.bench_kinds=$(BENCH_KINDS)" \
		-a "tt.bench_sizes=$(BENCH_SIZES) tt.bench_trials=$(BENCH_TRIALS)" \
		-a "tt.bench_seconds=$(BENCH_SECONDS)"
	$(Q)cp $(BENCH_OUT)/results/bench.json $(BENCH_OUT)/vm.json
	$(Q)cp $(BENCH_OUT)/results/bench.txt $(BENCH_OUT)/vm.txt
	$(Q)if [ "$(BENCH_HOST)" = 1 ]; then \
		nice $(BUILD)/tt-bench -N -t linux $(BENCH_ARGS) -j $(BENCH_OUT)/host.json \
			>$(BENCH_OUT)/host.txt; \
	else rm -f $(BENCH_OUT)/host.json; echo "(not run: BENCH_HOST=0)" >$(BENCH_OUT)/host.txt; fi
	$(Q)bench/bench-plot.sh $(BENCH_OUT)/vm.json $(BENCH_OUT)/vm.png
	@echo "== test VM (emulated: only the ratios mean something)"
	@cat $(BENCH_OUT)/vm.txt
	@echo "== host, Linux's tun only"
	@cat $(BENCH_OUT)/host.txt
	@echo "bench: $(BENCH_OUT)/vm.json $(BENCH_OUT)/host.json $(BENCH_OUT)/vm.png"

bench-compare:
	$(Q)test -n "$(BASE)" || { echo "usage: make bench-compare BASE=OLD.json [NEW=...]"; exit 2; }
	$(Q)bench/bench-compare.sh $(BASE) $(or $(NEW),$(BENCH_OUT)/vm.json)

# Proves the benchmark works, end to end, in seconds: the figures of so
# short a run mean nothing and are never judged.  The run is compared
# with itself, which must find no regression.
check-bench: module $(BUILD)/tt-bench
	$(Q)$(MAKE) --no-print-directory bench-run BENCH_OUT=$(BUILD)/bench-check \
		BENCH_TRIALS=1 BENCH_SECONDS=0.1 BENCH_SIZES=64,max BENCH_TIMEOUT=600 \
		>$(BUILD)/bench-check.log 2>&1 || { cat $(BUILD)/bench-check.log; exit 1; }
	$(Q)bench/bench-compare.sh $(BUILD)/bench-check/vm.json $(BUILD)/bench-check/vm.json >/dev/null
	@echo "check-bench: ok ($$(grep -c '"mode"' $(BUILD)/bench-check/vm.json) figures in the VM," \
		"$$(grep -c '"mode"' $(BUILD)/bench-check/host.json) on the host, plot made)"

CHECK_PARTS += check-bench

-include $(BENCH_OBJ:.o=.d)
