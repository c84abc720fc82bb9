/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xt_const.h: XNU's values of what the tests use (defined in xt_kext.c,
 * read from the simulated XNU headers).  Neutral: no header of its own.
 */
#ifndef XT_CONST_H
#define XT_CONST_H

extern const unsigned long xt_TUNSIFHEAD, xt_TUNGIFHEAD, xt_TUNGIFNAME;
extern const unsigned long xt_FIONBIO, xt_FIONREAD, xt_FIOASYNC;
extern const unsigned long xt_SIOCSIFLLADDR, xt_SIOCGIFSTATUS, xt_SIOCSIFMTU;
extern const int xt_AF_INET, xt_AF_INET6, xt_AF_LINK;
extern const int xt_IFF_UP, xt_IFF_RUNNING, xt_IFF_POINTOPOINT;
extern const int xt_IFF_BROADCAST, xt_IFF_MULTICAST, xt_IFF_NOARP;
extern const unsigned int xt_IFNET_FAMILY_TUN;
extern const int xt_XNU_EHOSTDOWN;	/* XNU's number, for xsim_late_calls */

#endif
