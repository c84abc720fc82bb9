# SPDX-License-Identifier: GPL-2.0-only
# The kernels tuntap builds for, stated once: the oldest and the newest
# Linux (major.minor) that harness/kernels/list tests.  driver/Kbuild and
# the top Makefile refuse anything outside with one line; make install
# DKMS=1 writes the range into dkms.conf (BUILD_EXCLUSIVE_KERNEL).
TT_LINUX_OLDEST := 6.1
TT_LINUX_NEWEST := 7.3

# $(call tt_linux_check,RELEASE): nothing if RELEASE (6.12.95+deb12-...)
# is within the range, else make stops with one line saying so.
tt_linux_mm = $(word 1,$(subst ., ,$(1))).$(word 2,$(subst ., ,$(1)))
tt_linux_sorted = $(shell printf '%s\n' $(TT_LINUX_OLDEST) $(1) $(TT_LINUX_NEWEST) | sort -V)
tt_linux_check = $(if $(subst $(TT_LINUX_OLDEST) $(call tt_linux_mm,$(1)) $(TT_LINUX_NEWEST),,$(strip \
	$(call tt_linux_sorted,$(call tt_linux_mm,$(1))))),$(error tuntap supports Linux \
	$(TT_LINUX_OLDEST) to $(TT_LINUX_NEWEST), not $(1)))
