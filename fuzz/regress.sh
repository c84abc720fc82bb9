#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# regress.sh OUT: replays every seed of fuzz/corpus/ and every regression
# of fuzz/TESTLIST (lines "NAME TARGET [# what it found]") through the
# sanitizer builds OUT/tt-fuzz-TARGET-replay.  devfuzz lines are the
# VM's (fuzz/guest-devfuzz.sh) and only counted here.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUT" >&2; exit 2; }
out=$1
pass=0 fail=0 vm=0

for dir in fuzz/corpus/*/; do
	t=$(basename "$dir")
	if "$out/tt-fuzz-$t-replay" "$dir" 2>"$out/seeds-$t.log"; then
		pass=$((pass + 1))
	else
		echo "fuzz: a seed of $t fails (see $out/seeds-$t.log)"
		fail=$((fail + 1))
	fi
done

while read -r name kind _; do
	case $name in '' | '#'*) continue ;; esac
	if [ "$kind" = devfuzz ]; then
		vm=$((vm + 1))
		continue
	fi
	f=fuzz/regress/$name
	if [ ! -f "$f" ]; then
		echo "fuzz: regression $name: no $f"
		fail=$((fail + 1))
	elif "$out/tt-fuzz-$kind-replay" "$f" >"$out/regress-$name.log" 2>&1; then
		pass=$((pass + 1))
	else
		echo "fuzz: regression $name ($kind) fails again:"
		sed 's/^/  /' "$out/regress-$name.log"
		fail=$((fail + 1))
	fi
done <fuzz/TESTLIST

echo "fuzz: regress: $pass passed, $fail failed ($vm device fuzzer cases run in the VM)"
[ "$fail" = 0 ]
