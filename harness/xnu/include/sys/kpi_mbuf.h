/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sys/kpi_mbuf.h (simulated XNU, bsd/sys/kpi_mbuf.h): the mbuf KPI the
 * kexts call, same names and signatures.  Sizes as XNU's (bsd/sys/mbuf.h,
 * bsd/sys/param.h): a small mbuf is MSIZE 256 bytes, clusters 2048, 4096
 * and 16384, so a packet of any real size is a chain.
 */
#ifndef _XNU_SIM_SYS_KPI_MBUF_H
#define _XNU_SIM_SYS_KPI_MBUF_H

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

errno_t mbuf_get(mbuf_how_t how, mbuf_type_t type, mbuf_t *mbuf);
errno_t mbuf_gethdr(mbuf_how_t how, mbuf_type_t type, mbuf_t *mbuf);
errno_t mbuf_getcluster(mbuf_how_t how, mbuf_type_t type, size_t size,
			mbuf_t *mbuf);
errno_t mbuf_mclget(mbuf_how_t how, mbuf_type_t type, mbuf_t *mbuf);
mbuf_t mbuf_free(mbuf_t mbuf);
void mbuf_freem(mbuf_t mbuf);
void *mbuf_data(mbuf_t mbuf);
void *mbuf_datastart(mbuf_t mbuf);
size_t mbuf_len(const mbuf_t mbuf);
void mbuf_setlen(mbuf_t mbuf, size_t len);
size_t mbuf_maxlen(const mbuf_t mbuf);
size_t mbuf_leadingspace(const mbuf_t mbuf);
size_t mbuf_trailingspace(const mbuf_t mbuf);
mbuf_flags_t mbuf_flags(const mbuf_t mbuf);
mbuf_t mbuf_next(const mbuf_t mbuf);
errno_t mbuf_setnext(mbuf_t mbuf, mbuf_t next);
mbuf_t mbuf_nextpkt(const mbuf_t mbuf);
void mbuf_setnextpkt(mbuf_t mbuf, mbuf_t nextpkt);
size_t mbuf_pkthdr_len(const mbuf_t mbuf);
void mbuf_pkthdr_setlen(mbuf_t mbuf, size_t len);
ifnet_t mbuf_pkthdr_rcvif(const mbuf_t mbuf);
errno_t mbuf_pkthdr_setrcvif(mbuf_t mbuf, ifnet_t ifp);
void *mbuf_pkthdr_header(const mbuf_t mbuf);
void mbuf_pkthdr_setheader(mbuf_t mbuf, void *header);
errno_t mbuf_copydata(const mbuf_t mbuf, size_t offset, size_t length,
		      void *out_data);
errno_t mbuf_copyback(mbuf_t mbuf, size_t offset, size_t length,
		      const void *data, mbuf_how_t how);
void mbuf_adj(mbuf_t mbuf, int len);
errno_t mbuf_prepend(mbuf_t *mbuf, size_t len, mbuf_how_t how);
errno_t mbuf_pullup(mbuf_t *mbuf, size_t len);

#endif
