#!/bin/sh
# Runs inside the test VM (busybox sh): load the driver, run each suite
# into its own TAP and XML log, then prove the module leaves nothing
# behind.  TT_SUITES (from tt.suites= on the kernel command line) picks
# suites, comma-separated; by default all of them, the module suite last,
# since it unloads and reloads the driver.
set -u

suites=$(echo "${TT_SUITES:-}" | tr , ' ')
[ -n "$suites" ] || suites=$(tt-conformance --list)

insmod /tt/tuntap.ko || { echo "guest: insmod tuntap.ko failed"; exit 1; }
export TT_MODULE=/tt/tuntap.ko
export CK_DEFAULT_TIMEOUT=60
# the race, load and hostile suites add their figures up here
export TT_SUMMARY_DIR=/results

rc=0
for s in $suites; do
	echo "$s" >> /results/suites.txt
	CK_TAP_LOG_FILE_NAME=/results/$s.tap \
	CK_XML_LOG_FILE_NAME=/results/$s.xml \
		tt-conformance "$s" || rc=1
done

live=$(cat /sys/module/tuntap/parameters/live_objects 2>/dev/null || echo missing)
if [ "$live" != 0 ]; then
	echo "guest: live_objects is $live after the suites, expected 0"
	rc=1
fi
if ! rmmod tuntap; then
	echo "guest: rmmod tuntap failed after the suites"
	rc=1
fi
exit $rc
