#!/bin/sh
# mutants.sh BUILD: break one rule of the kexts at a time, on purpose, and
# check that the test of that rule fails.  A mutant the tests do not
# catch fails this script; so does a mutation that no longer applies to
# the source (the script would otherwise test nothing).
#
# Each line of the table: name, suite that must fail, file, sed script,
# the build it runs in (plain unless named: a race needs tsan), and the
# suite of the conformance suite (target darwin-sim, tt-conformance-xsim)
# that must fail too, for a few whose suite fails fast (nonblock and poll
# wait out each sleeper's deadline: 36 and 12 s more).
set -u

build=${1:-build}
dir=$build/mutants

mutants() {
	cat <<'TABLE'
no-ebusy|darwin-life|tt_dev.c|s/if (u->state != TT_CLOSED) {/if (0) {/||life
no-detach-wait|darwin-life|tt_if.c|/no PCATCH/{n;s/while (!u->detached)/while (0)/;}
linux-af-inet6|darwin-rw|tt_if.c|s/r->af_inet6 = AF_INET6;/r->af_inet6 = 10;/||read
down-readable|darwin-ctl|tt_dev.c|s/ready = tt_ready(tt_if_up(u), /ready = !tt_if_up(u) ? TT_READY_READ : tt_ready(1, /||clients
down-keeps-queue|darwin-rw|tt_if.c|/IFF_UP)$/,/return 0;/{s/tt_if_flush(u);/(void)u;/;}
close-no-wakeup|darwin-rw|tt_dev.c|s/tt_if_wake(u);\t\t/(void)u;\t\t/
unload-while-open|darwin-life|tt_family.c|s/if (nopen) {/if (0) {/
queue-129|darwin-ctl|tt_family.c|s/TT_QUEUE_DEFAULT)/TT_QUEUE_DEFAULT + 1)/
no-inet-rollback|darwin-life|tt_tun.c|/PF_INET6, IFNET_FAMILY_TUN, tt_tun_plumb/,/goto fail/{s/proto_unregister_plumber(PF_INET, IFNET_FAMILY_TUN);/(void)0;/;}
lladdr-any-length|darwin-ctl|tt_tap.c|s/ifr->ifr_addr.sa_len != ETHER_ADDR_LEN/0/
eio-counts-error|darwin-rw|tt_rw.c|s/if (terr != TT_EIO)/if (1)/||write
nonblock-ignored|darwin-ctl|tt_rw.c|s/if (ioflag & IO_NDELAY) {/if (ioflag \& 0) {/
no-selrecord|darwin-ctl|tt_dev.c|s/selrecord(p, &u->rsel, wql);/(void)p, (void)wql;/
copyout-overread|darwin-rw|tt_rw.c|s/(int)(len - off), uio);/(int)len, uio);/|asan|read
output-unlocked|darwin-rw|tt_if.c|/^static errno_t tt_if_output/,/^}/{/lck_mtx_lock(u->lock);/d;/lck_mtx_unlock(u->lock);/d;}|tsan
TABLE
}

mutants | while IFS='|' read -r name suite file script variant csuite; do
	variant=${variant:-plain}
	src=$dir/$name/darwin
	rm -rf "$src" && mkdir -p "$src"
	cp driver/darwin/*.c driver/darwin/*.h "$src/"
	sed "$script" "driver/darwin/$file" > "$src/$file"
	if cmp -s "driver/darwin/$file" "$src/$file"; then
		echo "mutant $name: the mutation no longer applies to $file"
		exit 1
	fi
	if ! make -s XNU_KEXT_DIR="$src" XNU_TAG="-$name" \
		"$build/xnu/$variant/xt-darwin-$name" >"$dir/$name.log" 2>&1; then
		echo "mutant $name: does not build (see $dir/$name.log)"
		exit 1
	fi
	if TSAN_OPTIONS=halt_on_error=1 \
		nice "$build/xnu/$variant/xt-darwin-$name" "$suite" \
		>>"$dir/$name.log" 2>&1; then
		echo "mutant $name: NOT caught by $suite"
		exit 1
	fi
	# caught means a test failed (Check's F or E line), not that the run
	# broke some other way
	if ! grep -q '^[^ ]*:[0-9]*:[FE]:' "$dir/$name.log"; then
		echo "mutant $name: $suite failed, but no test did (see $dir/$name.log)"
		exit 1
	fi
	echo "mutant $name: caught by $suite ($variant)"
	[ -n "$csuite" ] || continue
	# the same mutated kernel objects, linked with the conformance suite
	if ! make -s XNU_KEXT_DIR="$src" XNU_TAG="-$name" \
		"$build/xnu/$variant/tt-conformance-xsim-$name" \
		>>"$dir/$name.log" 2>&1; then
		echo "mutant $name: tt-conformance-xsim does not build"
		exit 1
	fi
	if CK_DEFAULT_TIMEOUT=60 nice "$build/xnu/$variant/tt-conformance-xsim-$name" \
		--target darwin-sim "$csuite" >>"$dir/$name.log" 2>&1; then
		echo "mutant $name: NOT caught by conformance suite $csuite (darwin-sim)"
		exit 1
	fi
	if ! grep -q "^FAIL $csuite:" "$dir/$name.log"; then
		echo "mutant $name: conformance suite $csuite failed, but no test of it did"
		exit 1
	fi
	echo "mutant $name: caught by conformance suite $csuite (darwin-sim)"
done
