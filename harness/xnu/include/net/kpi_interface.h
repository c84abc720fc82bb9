/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * net/kpi_interface.h (simulated XNU, bsd/net/kpi_interface.h): the
 * interface KPI the kexts call, with XNU's names, constants and
 * signatures (the Mac OS X variant: no prepend/postpend in the framer).
 */
#ifndef _XNU_SIM_NET_KPI_INTERFACE_H
#define _XNU_SIM_NET_KPI_INTERFACE_H

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

struct sockaddr;
struct sockaddr_dl;
struct kev_msg;

enum {
	IFNET_FAMILY_ANY = 0,
	IFNET_FAMILY_LOOPBACK = 1,
	IFNET_FAMILY_ETHERNET = 2,
	IFNET_FAMILY_TUN = 4,
	IFNET_FAMILY_UTUN = 17,
};
typedef u_int32_t ifnet_family_t;

#ifndef BPF_TAP_MODE_T
#define BPF_TAP_MODE_T
enum {
	BPF_MODE_DISABLED = 0,
	BPF_MODE_INPUT = 1,
	BPF_MODE_OUTPUT = 2,
	BPF_MODE_INPUT_OUTPUT = 3,
};
typedef u_int32_t bpf_tap_mode;
#endif

typedef u_int32_t protocol_family_t;

typedef errno_t (*bpf_packet_func)(ifnet_t interface, mbuf_t data);
typedef errno_t (*ifnet_output_func)(ifnet_t interface, mbuf_t data);
typedef errno_t (*ifnet_ioctl_func)(ifnet_t interface, unsigned long cmd,
				    void *data);
typedef errno_t (*ifnet_set_bpf_tap)(ifnet_t interface, bpf_tap_mode mode,
				     bpf_packet_func callback);
typedef void (*ifnet_detached_func)(ifnet_t interface);
typedef errno_t (*ifnet_demux_func)(ifnet_t interface, mbuf_t packet,
				    char *frame_header,
				    protocol_family_t *protocol_family);
typedef errno_t (*ifnet_framer_func)(ifnet_t interface, mbuf_t *packet,
				     const struct sockaddr *dest,
				     const char *dest_linkaddr,
				     const char *frame_type);
struct ifnet_demux_desc {
	u_int32_t type;
	void *data;
	u_int32_t datalen;
};
typedef errno_t (*ifnet_add_proto_func)(ifnet_t interface,
					protocol_family_t protocol_family,
					const struct ifnet_demux_desc *demux_array,
					u_int32_t demux_count);
typedef errno_t (*ifnet_del_proto_func)(ifnet_t interface,
					protocol_family_t protocol_family);
typedef errno_t (*ifnet_check_multi)(ifnet_t interface,
				     const struct sockaddr *mcast);
typedef void (*ifnet_event_func)(ifnet_t interface,
				 const struct kev_msg *msg);

typedef errno_t (*proto_media_input)(ifnet_t ifp, protocol_family_t protocol,
				     mbuf_t packet, char *header);
typedef errno_t (*proto_media_preout)(ifnet_t ifp, protocol_family_t protocol,
				      mbuf_t *packet,
				      const struct sockaddr *dest,
				      void *route, char *frame_type,
				      char *link_layer_dest);
typedef void (*proto_media_event)(ifnet_t ifp, protocol_family_t protocol,
				  const struct kev_msg *event);
typedef errno_t (*proto_media_ioctl)(ifnet_t ifp, protocol_family_t protocol,
				     unsigned long command, void *argument);
typedef errno_t (*proto_media_detached)(ifnet_t ifp,
					protocol_family_t protocol);
typedef errno_t (*proto_media_resolve_multi)(ifnet_t ifp,
					     const struct sockaddr *proto_addr,
					     struct sockaddr_dl *out_ll,
					     size_t ll_len);
typedef errno_t (*proto_media_send_arp)(ifnet_t ifp, u_short arpop,
					const struct sockaddr_dl *sender_hw,
					const struct sockaddr *sender_proto,
					const struct sockaddr_dl *target_hw,
					const struct sockaddr *target_proto);

struct ifnet_init_params {
	const void *uniqueid;
	u_int32_t uniqueid_len;
	const char *name;
	u_int32_t unit;
	ifnet_family_t family;
	u_int32_t type;
	ifnet_output_func output;
	ifnet_demux_func demux;
	ifnet_add_proto_func add_proto;
	ifnet_del_proto_func del_proto;
	ifnet_check_multi check_multi;
	ifnet_framer_func framer;
	void *softc;
	ifnet_ioctl_func ioctl;
	ifnet_set_bpf_tap set_bpf_tap;
	ifnet_detached_func detach;
	ifnet_event_func event;
	const void *broadcast_addr;
	u_int32_t broadcast_len;
};

struct ifnet_stat_increment_param {
	u_int32_t packets_in;
	u_int32_t bytes_in;
	u_int32_t errors_in;
	u_int32_t packets_out;
	u_int32_t bytes_out;
	u_int32_t errors_out;
	u_int32_t collisions;
	u_int32_t dropped;
};

struct ifnet_stats_param {
	u_int64_t packets_in;
	u_int64_t bytes_in;
	u_int64_t multicasts_in;
	u_int64_t errors_in;
	u_int64_t packets_out;
	u_int64_t bytes_out;
	u_int64_t multicasts_out;
	u_int64_t errors_out;
	u_int64_t collisions;
	u_int64_t dropped;
	u_int64_t no_protocol;
};

struct ifnet_attach_proto_param {
	struct ifnet_demux_desc *demux_array;
	u_int32_t demux_count;
	proto_media_input input;
	proto_media_preout pre_output;
	proto_media_event event;
	proto_media_ioctl ioctl;
	proto_media_detached detached;
	proto_media_resolve_multi resolve;
	proto_media_send_arp send_arp;
};

errno_t ifnet_allocate(const struct ifnet_init_params *init,
		       ifnet_t *interface)
	__NKE_API_DEPRECATED;
errno_t ifnet_reference(ifnet_t interface)
	__NKE_API_DEPRECATED;
errno_t ifnet_release(ifnet_t interface)
	__NKE_API_DEPRECATED;
errno_t ifnet_attach(ifnet_t interface, const struct sockaddr_dl *ll_addr)
	__NKE_API_DEPRECATED;
errno_t ifnet_detach(ifnet_t interface)
	__NKE_API_DEPRECATED;
void *ifnet_softc(ifnet_t interface)
	__NKE_API_DEPRECATED;
const char *ifnet_name(ifnet_t interface)
	__NKE_API_DEPRECATED;
u_int32_t ifnet_unit(ifnet_t interface)
	__NKE_API_DEPRECATED;
errno_t ifnet_set_flags(ifnet_t interface, u_int16_t new_flags,
			u_int16_t mask)
	__NKE_API_DEPRECATED;
u_int16_t ifnet_flags(ifnet_t interface)
	__NKE_API_DEPRECATED;
errno_t ifnet_set_mtu(ifnet_t interface, u_int32_t mtu)
	__NKE_API_DEPRECATED;
u_int32_t ifnet_mtu(ifnet_t interface)
	__NKE_API_DEPRECATED;
errno_t ifnet_set_addrlen(ifnet_t interface, u_int8_t addrlen)
	__NKE_API_DEPRECATED;
errno_t ifnet_set_hdrlen(ifnet_t interface, u_int8_t hdrlen)
	__NKE_API_DEPRECATED;
u_int8_t ifnet_hdrlen(ifnet_t interface)
	__NKE_API_DEPRECATED;
errno_t ifnet_set_lladdr(ifnet_t interface, const void *lladdr,
			 size_t lladdr_len)
	__NKE_API_DEPRECATED;
errno_t ifnet_lladdr_copy_bytes(ifnet_t interface, void *lladdr,
				size_t length)
	__NKE_API_DEPRECATED;
errno_t ifnet_input(ifnet_t interface, mbuf_t first_packet,
		    const struct ifnet_stat_increment_param *stats)
	__NKE_API_DEPRECATED;
errno_t ifnet_stat_increment_in(ifnet_t interface, u_int32_t packets_in,
				u_int32_t bytes_in, u_int32_t errors_in)
	__NKE_API_DEPRECATED;
errno_t ifnet_stat_increment_out(ifnet_t interface, u_int32_t packets_out,
				 u_int32_t bytes_out, u_int32_t errors_out)
	__NKE_API_DEPRECATED;
errno_t ifnet_stat(ifnet_t interface, struct ifnet_stats_param *out_stats)
	__NKE_API_DEPRECATED;
errno_t ifnet_attach_protocol(ifnet_t interface,
			      protocol_family_t protocol_family,
			      const struct ifnet_attach_proto_param *proto_details)
	__NKE_API_DEPRECATED;
errno_t ifnet_detach_protocol(ifnet_t interface,
			      protocol_family_t protocol_family)
	__NKE_API_DEPRECATED;

#undef __NKE_API_DEPRECATED

#endif
