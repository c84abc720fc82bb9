# SPDX-License-Identifier: GPL-2.0-only
# harness/kpi/xnu-lists.mk: read by make in place of XNU's makedefs
# (MakeInc.def and MakeInc.rule) when stage.sh evaluates one directory's
# Makefile of an XNU source tree.  It gives the variables those Makefiles
# test (a macOS build of one architecture), applies XNU's defaults for the
# Kernel.framework lists (an INSTALL_KF_* list not set is its EXPORT_*
# list) and prints what Kernel.framework's Headers get from the directory.
# Nothing is built: the directory's own rules are never asked for.

PLATFORM := MacOSX
SUPPORTED_EMBEDDED_PLATFORMS := iPhoneOS iPhoneOSNano tvOS AppleTVOS WatchOS BridgeOS
SUPPORTED_SIMULATOR_PLATFORMS := iPhoneSimulator iPhoneNanoSimulator tvSimulator \
	AppleTVSimulator WatchSimulator
# TT_ARCH: X86_64 or ARM64, from stage.sh
CURRENT_ARCH_CONFIG := $(TT_ARCH)
CURRENT_ARCH_CONFIG_LC := $(shell echo $(TT_ARCH) | tr A-Z a-z)
ARCH_CONFIG := $(TT_ARCH)

ifeq ($(origin INSTALL_KF_MI_LIST),undefined)
INSTALL_KF_MI_LIST = $(EXPORT_MI_LIST)
endif
ifeq ($(origin INSTALL_KF_MI_GEN_LIST),undefined)
INSTALL_KF_MI_GEN_LIST = $(EXPORT_MI_GEN_LIST)
endif
ifeq ($(origin INSTALL_KF_MD_LIST),undefined)
INSTALL_KF_MD_LIST = $(EXPORT_MD_LIST)
endif
ifeq ($(origin INSTALL_KF_MD_GEN_LIST),undefined)
INSTALL_KF_MD_GEN_LIST = $(EXPORT_MD_GEN_LIST)
endif

# One line each: "mi DIR FILE...", "mi-gen DIR FILE...", "md ...",
# "md-gen ...", "sub SUBDIR..." (where the header pass recurses).
.PHONY: tt-kpi-lists
tt-kpi-lists:
	@echo 'mi $(or $(strip $(EXPORT_MI_DIR)),.) $(strip $(INSTALL_KF_MI_LIST))'
	@echo 'mi-gen $(or $(strip $(EXPORT_MI_DIR)),.) $(strip $(INSTALL_KF_MI_GEN_LIST))'
	@echo 'md $(or $(strip $(EXPORT_MD_DIR)),.) $(strip $(INSTALL_KF_MD_LIST))'
	@echo 'md-gen $(or $(strip $(EXPORT_MD_DIR)),.) $(strip $(INSTALL_KF_MD_GEN_LIST))'
	@echo 'sub . $(strip $(INSTINC_SUBDIRS) $(INSTINC_SUBDIRS_$(TT_ARCH)))'
