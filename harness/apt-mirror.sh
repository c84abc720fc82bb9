#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# apt-mirror.sh SUITE: the Debian mirror this host's own apt uses for
# SUITE, so that the project's private apt configurations (the kernels of
# harness/kernels, the debug kernel's source) fetch from where the host
# does and name no mirror themselves.  The URI of the host's deb source of
# SUITE if it has one (bookworm-security comes from an archive of its
# own), else of the host's own release (backports and the next release
# are the same archive); from the one-line format or from deb822 .sources.
set -eu

die() { echo "apt-mirror: $*" >&2; exit 1; }
[ $# = 1 ] || die "usage: $0 SUITE"

# shellcheck disable=SC1091
host_suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[ -n "$host_suite" ] || die "cannot tell this host's Debian release (/etc/os-release)"

# sources_of SUITE: the URIs of the host's deb sources of SUITE.
sources_of() {
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
	    sed 's/\[[^]]*\]//' |
	    awk -v s="$1" '$1 == "deb" && $3 == s { print $2 }'
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v s="$1" '
		    function flush() { if (deb && suite) print uri; deb = suite = 0; uri = "" }
		    /^[ \t]*$/ { flush(); next }
		    tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
		    tolower($1) == "uris:" { uri = $2 }
		    tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == s) suite = 1 }
		    END { flush() }' "$f"
	done
}

m=$({ sources_of "$1"; sources_of "$host_suite"; } | head -n 1)
[ -n "$m" ] || die "no deb source for $1 or $host_suite in this host's apt sources"
echo "$m"
