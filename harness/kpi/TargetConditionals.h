/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * harness/kpi/TargetConditionals.h: what XNU's public KPI headers ask of
 * TargetConditionals.h (kpi_interface.h and others include it), for a
 * macOS kext.  On a Mac it comes with the SDK, from outside XNU's source
 * tree, so check-kpi stages this stand-in beside the headers it copies.
 * Only the three conditions the staged headers test (grep TARGET_ in
 * them) are given.
 */
#ifndef TT_KPI_TARGET_CONDITIONALS_H
#define TT_KPI_TARGET_CONDITIONALS_H

#define TARGET_OS_OSX		1
#define TARGET_OS_IPHONE	0
#define TARGET_OS_SIMULATOR	0

#endif
