/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sys/kpi_mbuf.h (simulated XNU, bsd/sys/kpi_mbuf.h): the mbuf KPI the
 * kexts call, same names and signatures.  Sizes as XNU's (bsd/sys/mbuf.h,
 * bsd/sys/param.h): a small mbuf is MSIZE 256 bytes, clusters 2048, 4096
 * and 16384, so a packet of any real size is a chain.
 */
#ifndef _XNU_SIM_SYS_KPI_MBUF_H
#define _XNU_SIM_SYS_KPI_MBUF_H

/*
 * XNU marks this KPI deprecated for a deployment target of macOS 10.15.4
 * or later (__API_DEPRECATED(..., macos(10.4, 10.15.4))), not for the
 * kernel's own code (PRIVATE): the same here, with the target as
 * __MAC_OS_X_VERSION_MIN_REQUIRED (Availability.h).
 */
#include <Availability.h>
#if !defined(PRIVATE) && __MAC_OS_X_VERSION_MIN_REQUIRED >= 101504
#define __NKE_API_DEPRECATED \
	__attribute__((deprecated("Network Kernel Extension KPI is deprecated")))
#else
#define __NKE_API_DEPRECATED
#endif

#include <sys/kernel_types.h>

enum {
	MBUF_EXT = 0x0001,
	MBUF_PKTHDR = 0x0002,
	MBUF_EOR = 0x0004,
};
typedef u_int32_t mbuf_flags_t;

enum {
	MBUF_TYPE_FREE = 0,
	MBUF_TYPE_DATA = 1,
	MBUF_TYPE_HEADER = 2,
};
typedef u_int32_t mbuf_type_t;

enum {
	MBUF_WAITOK = 0,
	MBUF_DONTWAIT = 1,
};
typedef u_int32_t mbuf_how_t;

#define MSIZE		256
#define MCLBYTES	2048
#define MBIGCLBYTES	4096
#define M16KCLBYTES	16384

errno_t mbuf_get(mbuf_how_t how, mbuf_type_t type, mbuf_t *mbuf)
	__NKE_API_DEPRECATED;
errno_t mbuf_gethdr(mbuf_how_t how, mbuf_type_t type, mbuf_t *mbuf)
	__NKE_API_DEPRECATED;
errno_t mbuf_getcluster(mbuf_how_t how, mbuf_type_t type, size_t size,
			mbuf_t *mbuf)
	__NKE_API_DEPRECATED;
errno_t mbuf_mclget(mbuf_how_t how, mbuf_type_t type, mbuf_t *mbuf)
	__NKE_API_DEPRECATED;
mbuf_t mbuf_free(mbuf_t mbuf)
	__NKE_API_DEPRECATED;
void mbuf_freem(mbuf_t mbuf)
	__NKE_API_DEPRECATED;
void *mbuf_data(mbuf_t mbuf)
	__NKE_API_DEPRECATED;
void *mbuf_datastart(mbuf_t mbuf)
	__NKE_API_DEPRECATED;
size_t mbuf_len(const mbuf_t mbuf)
	__NKE_API_DEPRECATED;
void mbuf_setlen(mbuf_t mbuf, size_t len)
	__NKE_API_DEPRECATED;
size_t mbuf_maxlen(const mbuf_t mbuf)
	__NKE_API_DEPRECATED;
size_t mbuf_leadingspace(const mbuf_t mbuf)
	__NKE_API_DEPRECATED;
size_t mbuf_trailingspace(const mbuf_t mbuf)
	__NKE_API_DEPRECATED;
mbuf_flags_t mbuf_flags(const mbuf_t mbuf)
	__NKE_API_DEPRECATED;
mbuf_t mbuf_next(const mbuf_t mbuf)
	__NKE_API_DEPRECATED;
errno_t mbuf_setnext(mbuf_t mbuf, mbuf_t next)
	__NKE_API_DEPRECATED;
mbuf_t mbuf_nextpkt(const mbuf_t mbuf)
	__NKE_API_DEPRECATED;
void mbuf_setnextpkt(mbuf_t mbuf, mbuf_t nextpkt)
	__NKE_API_DEPRECATED;
size_t mbuf_pkthdr_len(const mbuf_t mbuf)
	__NKE_API_DEPRECATED;
void mbuf_pkthdr_setlen(mbuf_t mbuf, size_t len)
	__NKE_API_DEPRECATED;
ifnet_t mbuf_pkthdr_rcvif(const mbuf_t mbuf)
	__NKE_API_DEPRECATED;
errno_t mbuf_pkthdr_setrcvif(mbuf_t mbuf, ifnet_t ifp)
	__NKE_API_DEPRECATED;
void *mbuf_pkthdr_header(const mbuf_t mbuf)
	__NKE_API_DEPRECATED;
void mbuf_pkthdr_setheader(mbuf_t mbuf, void *header)
	__NKE_API_DEPRECATED;
errno_t mbuf_copydata(const mbuf_t mbuf, size_t offset, size_t length,
		      void *out_data)
	__NKE_API_DEPRECATED;
errno_t mbuf_copyback(mbuf_t mbuf, size_t offset, size_t length,
		      const void *data, mbuf_how_t how)
	__NKE_API_DEPRECATED;
void mbuf_adj(mbuf_t mbuf, int len)
	__NKE_API_DEPRECATED;
errno_t mbuf_prepend(mbuf_t *mbuf, size_t len, mbuf_how_t how)
	__NKE_API_DEPRECATED;
errno_t mbuf_pullup(mbuf_t *mbuf, size_t len)
	__NKE_API_DEPRECATED;

#undef __NKE_API_DEPRECATED

#endif
