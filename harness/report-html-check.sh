#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# report-html-check.sh WORKDIR [REPORTDIR MATRIX]: the HTML report, as a
# browser shows it.  Headless Chromium renders a report made from canned
# results with a failure planted in them, and the check reads what it
# drew from the rendered DOM (--dump-dom: the page's script records the
# matrix's row count and each cell's computed colour), not from the
# file: three rows, the planted failure's cell red, a pass green, the
# verdict red.  With REPORTDIR (a real run's build/report) and MATRIX
# (its report.sh --matrix file), that page is rendered too: a screenshot
# (REPORTDIR/screenshot.png) and as many rows as the matrix has.
set -eu

here=$(dirname "$0")
work=$1
realdir=${2:-}
matrix=${3:-}
rm -rf "$work" && mkdir -p "$work/canned"
udd=$(mktemp -d)
trap 'rm -rf "$udd"' EXIT
trap 'exit 1' INT TERM

fail() {
	echo "report-html-check: $*" >&2
	exit 1
}

command -v chromium >/dev/null ||
	fail "no chromium (harness/packages/report.list; make deps installs it)"

# browser MODE PAGE [OUT]: --dump-dom to stdout, or --screenshot=OUT;
# a fresh profile each time, nothing that phones home.
browser() {
	rm -rf "$udd/profile"
	mode=$1 page=$2 shot=${3:-}
	set -- --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --user-data-dir="$udd/profile" \
		--window-size=1280,1800
	if [ "$mode" = dom ]; then
		timeout 120 chromium "$@" --dump-dom "file://$page" 2>"$udd/err" ||
			{ cat "$udd/err" >&2; fail "chromium could not render $page"; }
	else
		timeout 120 chromium "$@" --screenshot="$shot" "file://$page" \
			>"$udd/err" 2>&1 ||
			{ cat "$udd/err" >&2; fail "chromium could not render $page"; }
		[ -s "$shot" ] || fail "no screenshot of $page"
	fi
}

# the rendered colour of the matrix cell of row ROW: "r g b"
drawn() {
	grep -o "<tr><th>$1</th><td class=\"v [A-Za-z]*\" data-drawn=\"rgb([0-9, ]*)\"" "$2" |
		sed 's/.*rgb(\([0-9]*\), \([0-9]*\), \([0-9]*\)).*/\1 \2 \3/'
}

# Canned results: a pass, a skip and a planted failure with a packet.
c=$work/canned
echo write >"$c/suites.txt"
echo 0 >"$c/run.rc"
{
	echo 'TAP version 13'
	echo 'ok 1 - write:test_write_returns_full_length/tun'
	echo 'ok 2 - write:test_write_returns_full_length/tap # SKIP canned'
	echo 'not ok 3 - write:test_write_reaches_stack/tun: planted failure'
	echo '#   0000: 45 00 00 1c'
	echo '1..3'
} >"$c/write.tap"
rc=0
"$here/report-html.sh" -o "$work/report" -- canned="$c" >"$work/report.log" || rc=$?
[ "$rc" = 1 ] || fail "report-html.sh exited $rc on a planted failure, not 1"
page=$(cd "$work/report" && pwd)/index.html
browser dom "$page" >"$work/dom.html"
browser shot "$page" "$work/report/screenshot.png"

rows=$(sed -n 's/.*data-matrix-rows="\([0-9]*\)".*/\1/p' "$work/dom.html")
[ "$rows" = 3 ] || fail "the browser drew ${rows:-no} matrix rows, not 3"
# shellcheck disable=SC2046 # r g b
set -- $(drawn 'write:test_write_reaches_stack/tun' "$work/dom.html")
[ $# = 3 ] && [ "$1" -ge 160 ] && [ "$2" -le 90 ] && [ "$3" -le 90 ] ||
	fail "the planted failure is drawn rgb($*), not red"
# shellcheck disable=SC2046
set -- $(drawn 'write:test_write_returns_full_length/tun' "$work/dom.html")
[ $# = 3 ] && [ "$2" -gt "$1" ] && [ "$2" -gt "$3" ] ||
	fail "a pass is drawn rgb($*), not green"
grep -q '<span id="verdict" class="verdict bad">' "$work/dom.html" ||
	fail "the verdict is not drawn as a failure"
grep -q 'clause: SPEC ' "$work/dom.html" || fail "the failure has no clause"
grep -q '0000: 45 00 00 1c' "$work/dom.html" || fail "the failure has no packet dump"
echo "report-html-check: the browser draws 3 rows and the planted failure in red"

[ -n "$realdir" ] || exit 0
real=$(cd "$realdir" && pwd)/index.html
[ -f "$real" ] || fail "no report at $real"
browser dom "$real" >"$work/real-dom.html"
browser shot "$real" "$realdir/screenshot.png"
want=$(($(wc -l <"$matrix") - 1))
rows=$(sed -n 's/.*data-matrix-rows="\([0-9]*\)".*/\1/p' "$work/real-dom.html")
[ "$rows" = "$want" ] || fail "the browser drew ${rows:-no} rows of $real, the matrix has $want"
echo "report-html-check: $real drawn, $rows rows ($realdir/screenshot.png)"
