# SPDX-License-Identifier: GPL-2.0-only
# bench-json.awk: read tt-bench's JSON, one figure per line, without a
# JSON parser: the writer (bench/tt_bench_report.c) keeps to that shape.
#   jval(line, key)   the scalar after "key": (quotes stripped)
#   jobj(line, key)   the {...} after "key": ("" when it is null)
#   jkey(line)        "mode kind size metric", the figure's name
function jval(s, k,    i, r) {
	i = index(s, "\"" k "\":")
	if (i == 0)
		return ""
	r = substr(s, i + length(k) + 3)
	sub(/^"/, "", r)
	sub(/[",}].*/, "", r)
	return r
}
function jobj(s, k,    i) {
	i = index(s, "\"" k "\":{")
	if (i == 0)
		return ""
	s = substr(s, i + length(k) + 3)
	return substr(s, 1, index(s, "}"))
}
function jkey(s) {
	return jval(s, "mode") " " jval(s, "kind") " " jval(s, "size") " " jval(s, "metric")
}
