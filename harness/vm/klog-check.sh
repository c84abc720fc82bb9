#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# klog-check.sh FILE...: fail (exit 1) if a kernel log shows trouble,
# printing the offending lines as FILE:LINE:TEXT.
#
# The patterns are the kernel's own words for a bug it noticed (warnings,
# oopses, sanitizers, list debugging, lockups) plus anything about a leak,
# in any case (kmemleak's reports).  Taint notices
# such as "loading out-of-tree module taints kernel" are expected for an
# unsigned out-of-tree module and deliberately do not match, nor does
# kmemleak's start-up banner ("Kernel memory leak detector initialized"),
# which says "leak" about itself; its reports ("N new suspected memory
# leaks") do.  Lockdep's and RCU's reports start "WARNING:" too.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 FILE..." >&2; exit 2; }

bad='WARNING:|BUG:|Oops|general protection|Call Trace|refcount_t|'\
'[Kk]ernel panic|UBSAN|KASAN|list_add corruption|list_del corruption|'\
'sleeping function called from invalid context|hung_task|'\
'blocked for more than|circular locking dependency|inconsistent lock state|'\
'suspicious RCU usage|DEBUG_LOCKS_WARN_ON'
banner='kmemleak: Kernel memory leak detector initiali[sz]ed'

rc=0
for f in "$@"; do
	[ -r "$f" ] || { echo "klog-check: cannot read $f" >&2; rc=1; continue; }
	# Two greps since only "leak" is case-insensitive; sort merges them
	# back into file order, once per line.  -a: a console log may hold
	# stray bytes, and grep would then only say "binary file matches".
	if { grep -anE "$bad" "$f"; grep -ani leak "$f" | grep -avE "^[0-9]+:.*$banner"; } |
	    sort -t: -k1,1n -u | awk -v f="$f" '{ print f ":" $0 }' | grep .; then
		rc=1
	fi
done
exit $rc
