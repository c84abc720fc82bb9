# SPDX-License-Identifier: GPL-2.0-only
# apt-private.sh: sourced (". harness/apt-private.sh") by the scripts that
# fetch packages for the harness itself (harness/kernels/fetch.sh, the
# kernels; harness/debug/build.sh, the debug kernel's source).
#
# Their apt is private, a sources list, state and cache of its own in
# their cache directory, for two reasons: nothing of the host's apt state
# changes (its lists, its status, what it would install or upgrade), and
# the archive's signatures are still checked, with the host's keyring,
# against a sources line that names it.  The mirror is the one the host's
# own apt uses (harness/apt-mirror.sh).
#
# The caller defines die MESSAGE (print it and exit 1).

apt_keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# apt_private DIR MIRROR SUITE...: the private apt in DIR (made if need
# be), reading SUITE... from MIRROR, main only; papt then uses it.  The
# layout (sources.list, parts/, state/, cache/) is what the caches hold
# already: changing it would make every cached index unreadable.
apt_private() {
	apt_dir=$1
	_mirror=$2
	shift 2
	[ -r "$apt_keyring" ] ||
	    die "no $apt_keyring (apt-get install debian-archive-keyring)"
	mkdir -p "$apt_dir/state/lists/partial" \
	    "$apt_dir/cache/archives/partial" "$apt_dir/parts"
	: >>"$apt_dir/state/status"
	for _suite in "$@"; do
		echo "deb [signed-by=$apt_keyring] $_mirror $_suite main"
	done >"$apt_dir/sources.list"
}

# papt TOOL ARGS...: apt-get or apt-cache (TOOL) with the private
# configuration of the last apt_private: its sources only (the empty
# parts/ stands for sources.list.d and preferences.d), none of the
# host's state.  An update leaves alone list files its sources no longer
# name (List-Cleanup=0): apt reads only the named ones, so they cost some
# disk, never a wrong index.
papt() {
	_tool=$1
	shift
	"$_tool" -q -o Dir::Etc::SourceList="$apt_dir/sources.list" \
	    -o Dir::Etc::SourceParts="$apt_dir/parts" \
	    -o Dir::Etc::Preferences=/dev/null \
	    -o Dir::Etc::PreferencesParts="$apt_dir/parts" \
	    -o Dir::State="$apt_dir/state" \
	    -o Dir::State::status="$apt_dir/state/status" \
	    -o Dir::Cache="$apt_dir/cache" \
	    -o APT::Get::List-Cleanup=0 "$@"
}
