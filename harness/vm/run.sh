#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# run.sh -k KVER -i INITRAMFS -o RESULTS_DIR [-t TIMEOUT] [-a "tt.x=y ..."]
#        [-c CPUS] [-m MEGABYTES] [-q "QEMU OPTIONS"] [-K VMLINUZ]
#
# Boots the test VM (QEMU, software emulation: no KVM here) on
# /boot/vmlinuz-KVER (or VMLINUZ: a kernel of harness/kernels, the debug kernel) with
# INITRAMFS (see mkinitramfs.sh), waits for it to
# power off, and unpacks what the guest sent back into RESULTS_DIR,
# next to console.log, the whole serial console.  Exits 0 only if the
# results came back, the guest script's status is 0 and the kernel log
# is clean.  CPUS (default 2) and MEGABYTES (default 1024) size the
# VM; -q adds options to QEMU's command line (a -cpu there replaces
# -cpu max: QEMU takes the last).  TIMEOUT (default 900 s)
# bounds the whole VM; the guest script gets two thirds of it, the rest
# is for boot, results and the slack a loaded machine needs.  V=1 shows
# the console live; without, only the guest's progress lines ("==> ...")
# show as it runs.
set -eu

here=$(dirname "$0")
usage() {
	echo "usage: $0 -k KVER -i INITRAMFS -o RESULTS_DIR [-t TIMEOUT]" \
	    "[-a \"tt.x=y ...\"] [-c CPUS] [-m MEGABYTES] [-q \"QEMU OPTIONS\"]" \
	    "[-K VMLINUZ]" >&2
	exit 2
}
kver="" initrd="" out="" tmo=900 extra="" cpus=2 mem=1024 qopts="" kernel=""
while getopts k:i:o:t:a:c:m:q:K: opt; do
	case $opt in
	k) kver=$OPTARG ;;
	i) initrd=$OPTARG ;;
	o) out=$OPTARG ;;
	t) tmo=$OPTARG ;;
	a) extra="$extra $OPTARG" ;;
	c) cpus=$OPTARG ;;
	m) mem=$OPTARG ;;
	q) qopts="$qopts $OPTARG" ;;
	K) kernel=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 0 ] || [ -z "$kver" ] || [ -z "$initrd" ] || [ -z "$out" ]; then
	usage
fi
for n in "$tmo" "$cpus" "$mem"; do
	case $n in '' | *[!0-9]*) usage ;; esac
done
kernel=${kernel:-/boot/vmlinuz-$kver}
[ -r "$kernel" ] || { echo "vm: cannot read $kernel" >&2; exit 1; }
[ -r "$initrd" ] || { echo "vm: cannot read $initrd" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
mkdir -p "$out"
# Stale results must not pass for this run's.
rm -f "$out/console.log" "$out/status" "$out/dmesg.txt" "$out/guest.log"

gtmo=$((tmo * 2 / 3))
# stdin from /dev/null: QEMU would otherwise put a terminal in raw mode
# and read keys from it.  -k: QEMU gets TERM, then KILL if it lingers.
# --foreground keeps QEMU in our process group, so that a ^C (or make
# being interrupted) stops the VM too instead of leaving it running.
# The status goes through a file since boot runs in a pipeline; "if"
# keeps set -e from ending the script on a timeout.
boot() {
	# $qopts is split into words on purpose.
	# shellcheck disable=SC2086
	if timeout --foreground -k 10 "$tmo" qemu-system-x86_64 -accel tcg -cpu max -smp "$cpus" \
	    -m "$mem" -nographic -no-reboot -nic none \
	    -kernel "$kernel" -initrd "$initrd" $qopts \
	    -append "console=ttyS0 panic=-1 tt.timeout=$gtmo$extra" \
	    </dev/null 2>&1; then
		echo 0 >"$tmp/qemu.rc"
	else
		echo $? >"$tmp/qemu.rc"
	fi
}

"$here/phase.sh" "booting the VM: $kver (timeout ${tmo}s, guest ${gtmo}s; V=1 shows its console)"
start=$(date +%s)
if [ "${V:-0}" = 1 ]; then
	# The BIOS resets the terminal and turns line wrap off: keep its
	# escape sequences off the user's terminal (console.log has them).
	esc=$(printf '\033')
	boot | tee "$out/console.log" | sed "s/${esc}[[?0-9;]*[A-Za-z]//g"
else
	# Quiet: of the console only the guest's progress ("==> running
	# target X suite S (k of n)"), as phases of this run.
	cr=$(printf '\r')
	boot | tee "$out/console.log" | while IFS= read -r line; do
		line=${line%"$cr"}
		case $line in
		"==> "*) "$here/phase.sh" "  ${line#==> }" ;;
		esac
	done
fi
elapsed=$(($(date +%s) - start))
qrc=$(cat "$tmp/qemu.rc")
case $qrc in
0) echo "vm: QEMU exited after ${elapsed}s" ;;
124 | 137) echo "vm: killed by the host timeout after ${elapsed}s" ;;
*) echo "vm: QEMU exited with status $qrc after ${elapsed}s" ;;
esac

# The serial line turns every \n into \r\n; base64 -d rejects the \r.
# Only base64 lines are kept, in case a kernel message slipped in.
tr -d '\r' <"$out/console.log" >"$tmp/console"
sed -n '/^==TT-RESULTS-BEGIN==$/,/^==TT-RESULTS-END==$/p' "$tmp/console" |
    grep -E '^[A-Za-z0-9+/=]+$' >"$tmp/b64" || true
got=0
if grep -q '^==TT-RESULTS-END==$' "$tmp/console" &&
    base64 -d <"$tmp/b64" | tar -xzf - -C "$out"; then
	got=1
fi

fail=""
if [ "$got" = 0 ]; then
	fail="$fail results"
	"$here/phase.sh" -f "vm: no results from the guest (see $out/console.log)"
fi
status=$(cat "$out/status" 2>/dev/null || echo none)
if [ "$got" = 0 ]; then
	fail="$fail status"
	"$here/phase.sh" -f "vm: guest script status unknown"
elif [ "$status" != 0 ]; then
	fail="$fail status"
	"$here/phase.sh" -f "vm: guest script status $status (see $out/guest.log)"
fi
# Only the kernel's lines of the console ("[  12.345678] ...", perhaps
# in the middle of a guest line) are checked: the guest's own output
# may well say "leak" or "WARNING:" about a test and is no kernel log.
# Other lines are blanked, not dropped, so line numbers stay right.
sed 's/.*\(\[ *[0-9][0-9]*\.[0-9][0-9]*\] \)/\1/; t
s/.*//' "$tmp/console" >"$tmp/console-kernel.log"
set -- "$tmp/console-kernel.log"
[ ! -f "$out/dmesg.txt" ] || set -- "$@" "$out/dmesg.txt"
if ! "$here/klog-check.sh" "$@" >"$tmp/klog"; then
	sed "s|^$tmp/console-kernel.log:|console.log:|" "$tmp/klog"
	fail="$fail klog"
	"$here/phase.sh" -f "vm: the kernel log shows trouble (lines above)"
fi
if [ -n "$fail" ]; then
	exit 1
fi
echo "vm: ok: guest status 0, kernel log clean (${elapsed}s)"
