#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench-plot.sh RESULTS.json OUT.png|OUT.svg: ours against Linux's, per
# kind and size: packets/s injected and delivered, the median round trip.
set -eu

here=$(dirname "$0")
if [ $# -ne 2 ]; then
	echo "usage: $0 RESULTS.json OUT.png|OUT.svg" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# One data file per panel: "kind/size ours linux", 0 for a missing side.
for panel in inject:pps:1000 deliver:pps:1000 latency:p50_ns:1000; do
	mode=${panel%%:*}
	rest=${panel#*:}
	awk -f "$here/bench-json.awk" -v mode="$mode" -v metric="${rest%%:*}" \
	    -v scale="${rest#*:}" -f - "$1" >"$tmp/$mode.dat" <<'AWK'
/"mode"/ && jval($0, "mode") == mode && jval($0, "metric") == metric {
	o = jobj($0, "tuntap"); l = jobj($0, "linux")
	printf "%s/%s %g %g\n", jval($0, "kind"), jval($0, "size"),
	    (o == "" ? 0 : jval(o, "median") / scale),
	    (l == "" ? 0 : jval(l, "median") / scale)
}
AWK
done

case $2 in
*.svg) term="svg size 1000,900 dynamic font \"sans,11\"" ;;
*) term="pngcairo size 1000,900 font \"sans,10\"" ;;
esac
cat >"$tmp/plot.gp" <<GP
set terminal $term
set output "$2"
set multiplot layout 3,1 title "tuntap against Linux's tun (medians; $(basename "$1"))"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key outside right top
set grid ytics
# log scale: 64 B and 64 KB packets differ by 10-20x
set logscale y
GP
for p in "inject:inject, thousand packets/s (higher is better)" \
    "deliver:deliver, thousand packets/s (higher is better)" \
    "latency:round trip p50, us (lower is better)"; do
	mode=${p%%:*}
	[ -s "$tmp/$mode.dat" ] || continue
	cat >>"$tmp/plot.gp" <<GP
set title "${p#*:}"
plot "$tmp/$mode.dat" using 2:xtic(1) title "tuntap", "" using 3 title "linux"
GP
done
echo "unset multiplot" >>"$tmp/plot.gp"
gnuplot "$tmp/plot.gp"
