/* SPDX-License-Identifier: GPL-2.0-only */
/* mach/kmod.h (simulated XNU, osfmk/mach/kmod.h). */
#ifndef _XNU_SIM_MACH_KMOD_H
#define _XNU_SIM_MACH_KMOD_H

#include <sys/types.h>

typedef int kern_return_t;
#define KERN_SUCCESS	0
#define KERN_FAILURE	5

#define KMOD_MAX_NAME	64
struct kmod_info;
typedef kern_return_t kmod_start_func_t(struct kmod_info *ki, void *data);
typedef kern_return_t kmod_stop_func_t(struct kmod_info *ki, void *data);

typedef struct kmod_info {
	struct kmod_info *next;
	int32_t info_version;
	uint32_t id;
	char name[KMOD_MAX_NAME];
	char version[KMOD_MAX_NAME];
	int32_t reference_count;
	void *reference_list;
	uintptr_t address;
	uintptr_t size;
	uintptr_t hdr_size;
	kmod_start_func_t *start;
	kmod_stop_func_t *stop;
} kmod_info_t;

#endif
