# SPDX-License-Identifier: GPL-2.0-only
# dist/: tuntap installed like a driver: make install / uninstall (with
# DESTDIR for staging), DKMS, loading at boot, a udev rule, the manual
# pages; dist/install.sh does the work and man/tt-accept.8 documents the
# variables.  `make check-dist` tests all of it (dist/check.sh).
#
# The module goes to /lib/modules/$(KVER)/updates/: KVER is the kernel
# the module was built for (the top Makefile's, by default the newest
# installed cloud kernel that the test VM boots), not necessarily the
# running one; install.sh refuses a module built for another kernel.

TT_VERSION ?= 0.1
PREFIX ?= /usr/local
DESTDIR ?=
LOAD_AT_BOOT ?= 0
UDEV ?= 0
UDEV_GROUP ?= netdev
DKMS ?= 0

dist_on = $(filter 1,$(1))
DIST_FLAGS = -D "$(DESTDIR)" -P "$(PREFIX)" -k "$(KVER)" -V "$(TT_VERSION)" \
	$(if $(call dist_on,$(DKMS)),-s,-m $(BUILD)/tuntap.ko) \
	$(if $(call dist_on,$(LOAD_AT_BOOT)),-b) \
	$(if $(call dist_on,$(UDEV)),-u "$(UDEV_GROUP)")

.PHONY: install uninstall check-dist

install: $(if $(call dist_on,$(DKMS)),,module)
	$(Q)dist/install.sh install $(DIST_FLAGS)

uninstall:
	$(Q)dist/install.sh uninstall -D "$(DESTDIR)"

# The staged install, the DKMS build and the VM boot need the module
# built and KVER known; check.sh calls make install/uninstall itself.
check-dist: module
	$(Q)MAKE="$(MAKE)" V="$(V)" KERNELS="$(KERNELS)" dist/check.sh -b "$(BUILD)" -k "$(KVER)" \
		-V "$(TT_VERSION)"

CHECK_PARTS += check-dist
