#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# report-html.sh -o DIR [-k KERNEL] [-b BENCHDIR] [-t TIMES] -- REPORT-ARGS...
#
# Runs harness/report.sh REPORT-ARGS (its output on the terminal as
# always, and its status is this script's) and renders what it printed
# as DIR/index.html: one self-contained page, no network, no framework:
# the verdict and the summary table, the race, load and hostile figures,
# the time of each phase of make check (TIMES: "phase seconds" lines),
# each failure with its SPEC clause, message and packet dump, the matrix
# (a column per target, a cell coloured by result), the benchmark's plot
# and table when BENCHDIR holds a run (vm.png, vm.txt), and the commit,
# kernel and date.  DIR/report.txt keeps the text it was made from, and
# DIR/run.txt the commit, kernel and date (for harness/docs-figures.sh).
# The page's one script records, for harness/report-html-check.sh, what
# the browser drew: the matrix's row count and each cell's colour.
set -eu

here=$(dirname "$0")
out=
kernel=
bench=
times=
while [ $# -gt 0 ]; do
	case $1 in
	-o) out=$2; shift ;;
	-k) kernel=$2; shift ;;
	-b) bench=$2; shift ;;
	-t) times=$2; shift ;;
	--) shift; break ;;
	*) break ;;
	esac
	shift
done
[ -n "$out" ] && [ $# -ge 1 ] || {
	echo "usage: $0 -o DIR [-k KERNEL] [-b BENCHDIR] [-t TIMES] -- REPORT-ARGS..." >&2
	exit 2
}
mkdir -p "$out"
rm -f "$out/rc"

# The report as ever on the terminal (coloured there: TT_REPORT_TTY),
# and its text for the page, without the colour codes.
tty=0
[ ! -t 1 ] || tty=1
{ TT_REPORT_TTY=$tty "$here/report.sh" "$@" || echo $? >"$out/rc"; } |
	tee "$out/report.raw"
sed 's/\x1b\[[0-9;]*m//g' "$out/report.raw" >"$out/report.txt"
rm -f "$out/report.raw"
rc=$(cat "$out/rc" 2>/dev/null || echo 0)
rm -f "$out/rc"

commit=$(git -C "$here/.." describe --always --dirty 2>/dev/null || echo unknown)
[ -n "$kernel" ] || kernel=$(uname -r)
date=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
printf 'commit %s\nkernel %s\ndate %s\n' "$commit" "$kernel" "$date" >"$out/run.txt"
plot=
if [ -n "$bench" ] && [ -f "$bench/vm.png" ]; then
	plot=$(base64 -w 0 "$bench/vm.png")
fi

# shellcheck disable=SC2016 # awk's own $
awk -v commit="$commit" -v kernel="$kernel" -v date="$date" -v rc="$rc" \
    -v plot="$plot" -v benchtxt="${bench:+$bench/vm.txt}" -v times="$times" '
function esc(s) {
	gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s)
	gsub(/"/, "\\&quot;", s)
	return s
}
BEGIN { state = "start" }
{ sub(/ +$/, "") }
# the matrix: its header after a blank line, rows up to the next blank
state != "matrix" && /^test  +[^ ]/ && prev == "" {
	ncol = split($0, h, / +/) - 1
	for (c = 1; c <= ncol; c++) col[c] = h[c + 1]
	state = "matrix"; prev = $0; next
}
state == "matrix" && $0 == "" { state = "after"; prev = ""; next }
state == "matrix" {
	nrow++; n = split($0, f, / +/)
	rowid[nrow] = f[1]
	for (c = 1; c <= ncol; c++) cell[nrow, c] = (c + 1 <= n) ? f[c + 1] : "-"
	prev = $0; next
}
/^FAILED / {
	nf++; fmsg[nf] = substr($0, 8); state = "fail"; prev = $0; next
}
state == "fail" && /^    clause: / { fclause[nf] = substr($0, 13); next }
state == "fail" && /^    / { fdump[nf] = fdump[nf] substr($0, 5) "\n"; next }
/^target +passed +expected/ { state = "summary"; sumhdr = 1; next }
state == "summary" && /^ +diffs$/ { next }
state == "summary" && /^VERDICT: / { verdict = substr($0, 10); next }
state == "summary" && NF == 5 { nsum++; for (i = 1; i <= 5; i++) sum[nsum, i] = $i; next }
/^[^ ]+: (race|load|hostile): / { figs[++nfig] = $0; state = "after"; next }
/^(NOT RUN:|NO SUMMARY|RUN [^ ]+: failed)/ { alarm[++nalarm] = $0; state = "after"; next }
{ if ($0 != "") state = "after"; prev = $0 }
END {
	good = rc == 0
	print "<!DOCTYPE html>"
	print "<html lang=\"en\"><head><meta charset=\"utf-8\">"
	print "<title>tuntap report " esc(commit) "</title>"
	print "<style>"
	print "body { font: 14px/1.4 sans-serif; margin: 1.5em; color: #222 }"
	print "h1 { font-size: 1.5em } h2 { font-size: 1.2em; margin-top: 1.5em }"
	print ".verdict { font-size: 1.3em; font-weight: bold; padding: .4em .8em; display: inline-block; color: #fff }"
	print ".good { background: #1a7f37 } .bad { background: #c62828 }"
	print "table { border-collapse: collapse } td, th { border: 1px solid #ccc; padding: 2px 8px }"
	print "th { background: #eee; text-align: left } td.n { text-align: right }"
	print "table.matrix td { font-family: monospace; font-size: 12px }"
	print "td.pass { background: #c8e6c9 } td.diff { background: #ffe0a0 }"
	print "td.skip { background: #e0e0e0; color: #555 } td.FAIL { background: #d32f2f; color: #fff; font-weight: bold }"
	print "td.none { background: #fff; color: #999 }"
	print ".fail { border-left: 6px solid #d32f2f; padding: .2em .8em; margin: .8em 0; background: #fdecea }"
	print ".alarm { color: #c62828; font-weight: bold }"
	print "pre { background: #f6f8fa; padding: .5em; overflow-x: auto; font-size: 12px }"
	print "</style></head><body>"
	print "<h1>tuntap: conformance report</h1>"
	print "<p>commit <code>" esc(commit) "</code>, kernel <code>" esc(kernel) "</code>, " esc(date) "</p>"
	v = verdict != "" ? verdict : (good ? "all passed" : "FAILED")
	print "<p><span id=\"verdict\" class=\"verdict " (good ? "good" : "bad") "\">" esc(v) "</span></p>"

	print "<h2>Summary</h2>"
	print "<table id=\"summary\"><thead><tr><th>target</th><th>passed</th><th>expected differences</th><th>skipped</th><th>failed</th></tr></thead><tbody>"
	for (r = 1; r <= nsum; r++) {
		printf "<tr><th>%s</th>", esc(sum[r, 1])
		for (i = 2; i <= 5; i++)
			printf "<td class=\"n%s\">%s</td>", (i == 5 && sum[r, 5] + 0 > 0) ? " FAIL" : "", esc(sum[r, i])
		print "</tr>"
	}
	print "</tbody></table>"
	for (i = 1; i <= nalarm; i++) print "<p class=\"alarm\">" esc(alarm[i]) "</p>"

	if (nfig) {
		print "<h2>Race, load and hostile figures</h2><ul id=\"figures\">"
		for (i = 1; i <= nfig; i++) print "<li>" esc(figs[i]) "</li>"
		print "</ul>"
	}
	if (times != "" && (getline l < times) > 0) {
		print "<h2>Time of each phase</h2><table id=\"times\"><tbody>"
		total = 0
		do {
			split(l, p, " ")
			printf "<tr><th>%s</th><td class=\"n\">%d s</td></tr>\n", esc(p[1]), p[2]
			total += p[2]
		} while ((getline l < times) > 0)
		printf "<tr><th>total of the phases before this report</th><td class=\"n\">%d s</td></tr>\n", total
		print "</tbody></table>"
	}

	print "<h2>Failures (" nf + 0 ")</h2>"
	if (!nf) print "<p>none</p>"
	for (i = 1; i <= nf; i++) {
		print "<div class=\"fail\"><p><b>" esc(fmsg[i]) "</b></p>"
		if (fclause[i] != "") print "<p>clause: " esc(fclause[i]) "</p>"
		if (fdump[i] != "") print "<pre>" esc(fdump[i]) "</pre>"
		print "</div>"
	}

	print "<h2>Matrix (" nrow " rows)</h2>"
	print "<table class=\"matrix\"><thead><tr><th>test</th>"
	for (c = 1; c <= ncol; c++) print "<th>" esc(col[c]) "</th>"
	print "</tr></thead><tbody>"
	for (r = 1; r <= nrow; r++) {
		printf "<tr><th>%s</th>", esc(rowid[r])
		for (c = 1; c <= ncol; c++) {
			v = cell[r, c]
			cls = (v == "pass" || v == "diff" || v == "skip" || v == "FAIL") ? v : "none"
			printf "<td class=\"v %s\">%s</td>", cls, esc(v)
		}
		print "</tr>"
	}
	print "</tbody></table>"

	if (plot != "" || benchtxt != "") {
		print "<h2>Benchmark</h2>"
		if (plot != "") print "<img alt=\"benchmark plot\" src=\"data:image/png;base64," plot "\">"
		if (benchtxt != "") {
			s = ""
			while ((getline l < benchtxt) > 0) s = s l "\n"
			if (s != "") print "<pre id=\"bench\">" esc(s) "</pre>"
		}
	}
	# What the browser drew, for harness/report-html-check.sh: read from
	# the rendered DOM (chromium --dump-dom), not from this file.
	print "<script>"
	print "(function () {"
	print "  var rows = document.querySelectorAll(\"table.matrix tbody tr\");"
	print "  document.body.setAttribute(\"data-matrix-rows\", rows.length);"
	print "  document.querySelectorAll(\"table.matrix td.v\").forEach(function (td) {"
	print "    td.setAttribute(\"data-drawn\", getComputedStyle(td).backgroundColor);"
	print "  });"
	print "})();"
	print "</script>"
	print "</body></html>"
}' "$out/report.txt" >"$out/index.html"
echo "report: $out/index.html"
exit "$rc"
