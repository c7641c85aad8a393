/* darwin-sys compat for <mach/mach_vm.h>: client prototypes of the mach_vm MIG subsystem (ids 4800+).
 * Written by the darwin-sys project from Apple's public xnu sources (osfmk/mach/mach_vm.defs); no SDK text copied.
 * Used only when the SDK lacks the real header (wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_MACH_VM_H
#define DARWIN_SYS_COMPAT_MACH_VM_H

/*
 * Parameter types are the C types MIG prints for each routine of mach_vm.defs in a user
 * header: an `inout`/`out` scalar becomes a pointer; an `out` variable array (pointer_t)
 * becomes `vm_offset_t *data` plus `mach_msg_type_number_t *dataCnt`; an `in` variable
 * array becomes the array value plus its count; a `CountInOut` out array is the caller's
 * buffer plus a `mach_msg_type_number_t *` count. vm_task_entry_t arguments are printed
 * with their ctype, vm_map_t.
 *
 * Only routines that libSystem (libsystem_kernel) exports for both x86_64 and arm64e are
 * declared. Left out on purpose:
 *   - _mach_make_memory_entry: the name the SDK header carries for this routine is not
 *     exported (libSystem exports mach_make_memory_entry / _64 from vm_map.defs instead,
 *     and <mach/vm_map.h> declares those);
 *   - mach_vm_deferred_reclamation_buffer_*: not part of the SDK-facing interface (xnu
 *     compiles them out under LIBSYSCALL_INTERFACE) and their signatures changed between
 *     xnu releases; they back the private mach_vm_reclaim_* API.
 *   - mach_vm_wire lives in host_priv.defs (<mach/host_priv.h>), mach_vm_tag_describe is
 *     a plain libsyscall function: neither belongs to this subsystem.
 */

#include <sys/cdefs.h>
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/message.h>      /* mach_msg_type_number_t */
#include <mach/std_types.h>
#include <mach/mach_types.h>   /* vm_map_t, vm_map_read_t, mem_entry_name_port_t, task_t ... */
#include <mach/vm_types.h>     /* mach_vm_*_t, mach_vm_range_*, mach_vm_offset_list_t */
#include <mach/vm_region.h>    /* vm_region_*_t, vm_page_info_*_t, mach_vm_read_entry_t */
#include <mach/vm_sync.h>
/* Below: mach_vm_offset_list_t, which SDKs before 15.5 lack, declared again
 * with the SDK's own definition (C11 allows a repeated typedef of the same
 * type). The range types (SDK 14 and later, with MACH_VM_RANGE_FLAVOR_DEFAULT)
 * are an enum there, so mach_vm_range_create is declared only where they are.
 * (A directive between a comment and a declaration keeps the comment out of
 * the declaration's docs.) */
#include <mach/vm_behavior.h>
typedef mach_vm_offset_t *mach_vm_offset_list_t;
#include <mach/vm_attributes.h>
#include <mach/vm_purgable.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/memory_object_types.h>

__BEGIN_DECLS

/* mach_vm.defs routine mach_vm_allocate: `inout address`. */
extern kern_return_t mach_vm_allocate(
	vm_map_t target,
	mach_vm_address_t *address,
	mach_vm_size_t size,
	int flags);

/* mach_vm.defs routine mach_vm_deallocate. */
extern kern_return_t mach_vm_deallocate(
	vm_map_t target,
	mach_vm_address_t address,
	mach_vm_size_t size);

/* mach_vm.defs routine mach_vm_protect. */
extern kern_return_t mach_vm_protect(
	vm_map_t target_task,
	mach_vm_address_t address,
	mach_vm_size_t size,
	boolean_t set_maximum,
	vm_prot_t new_protection);

/* mach_vm.defs routine mach_vm_inherit. */
extern kern_return_t mach_vm_inherit(
	vm_map_t target_task,
	mach_vm_address_t address,
	mach_vm_size_t size,
	vm_inherit_t new_inheritance);

/* mach_vm.defs routine mach_vm_read: target is vm_map_read_t; `out data : pointer_t`. */
extern kern_return_t mach_vm_read(
	vm_map_read_t target_task,
	mach_vm_address_t address,
	mach_vm_size_t size,
	vm_offset_t *data,
	mach_msg_type_number_t *dataCnt);

/* mach_vm.defs routine mach_vm_read_list: `inout data_list` (a fixed array type). */
extern kern_return_t mach_vm_read_list(
	vm_map_read_t target_task,
	mach_vm_read_entry_t data_list,
	natural_t count);

/* mach_vm.defs routine mach_vm_write: `data : pointer_t` travels out of line, by value. */
extern kern_return_t mach_vm_write(
	vm_map_t target_task,
	mach_vm_address_t address,
	vm_offset_t data,
	mach_msg_type_number_t dataCnt);

/* mach_vm.defs routine mach_vm_copy. */
extern kern_return_t mach_vm_copy(
	vm_map_t target_task,
	mach_vm_address_t source_address,
	mach_vm_size_t size,
	mach_vm_address_t dest_address);

/* mach_vm.defs routine mach_vm_read_overwrite: `out outsize`. */
extern kern_return_t mach_vm_read_overwrite(
	vm_map_read_t target_task,
	mach_vm_address_t address,
	mach_vm_size_t size,
	mach_vm_address_t data,
	mach_vm_size_t *outsize);

/* mach_vm.defs routine mach_vm_msync. */
extern kern_return_t mach_vm_msync(
	vm_map_t target_task,
	mach_vm_address_t address,
	mach_vm_size_t size,
	vm_sync_t sync_flags);

/* mach_vm.defs routine mach_vm_behavior_set. */
extern kern_return_t mach_vm_behavior_set(
	vm_map_t target_task,
	mach_vm_address_t address,
	mach_vm_size_t size,
	vm_behavior_t new_behavior);

/* mach_vm.defs routine mach_vm_map: `inout address`. */
extern kern_return_t mach_vm_map(
	vm_map_t target_task,
	mach_vm_address_t *address,
	mach_vm_size_t size,
	mach_vm_offset_t mask,
	int flags,
	mem_entry_name_port_t object,
	memory_object_offset_t offset,
	boolean_t copy,
	vm_prot_t cur_protection,
	vm_prot_t max_protection,
	vm_inherit_t inheritance);

/* mach_vm.defs routine mach_vm_machine_attribute: `inout value`. */
extern kern_return_t mach_vm_machine_attribute(
	vm_map_t target_task,
	mach_vm_address_t address,
	mach_vm_size_t size,
	vm_machine_attribute_t attribute,
	vm_machine_attribute_val_t *value);

/* mach_vm.defs routine mach_vm_remap: `inout target_address`, `out` protections. */
extern kern_return_t mach_vm_remap(
	vm_map_t target_task,
	mach_vm_address_t *target_address,
	mach_vm_size_t size,
	mach_vm_offset_t mask,
	int flags,
	vm_map_t src_task,
	mach_vm_address_t src_address,
	boolean_t copy,
	vm_prot_t *cur_protection,
	vm_prot_t *max_protection,
	vm_inherit_t inheritance);

/* mach_vm.defs routine mach_vm_page_query: `out disposition`, `out ref_count`. */
extern kern_return_t mach_vm_page_query(
	vm_map_read_t target_map,
	mach_vm_offset_t offset,
	integer_t *disposition,
	integer_t *ref_count);

/* mach_vm.defs routine mach_vm_region_recurse: `out info : vm_region_recurse_info_t, CountInOut`. */
extern kern_return_t mach_vm_region_recurse(
	vm_map_read_t target_task,
	mach_vm_address_t *address,
	mach_vm_size_t *size,
	natural_t *nesting_depth,
	vm_region_recurse_info_t info,
	mach_msg_type_number_t *infoCnt);

/* mach_vm.defs routine mach_vm_region: `out info, CountInOut`; object_name has ctype mach_port_t. */
extern kern_return_t mach_vm_region(
	vm_map_read_t target_task,
	mach_vm_address_t *address,
	mach_vm_size_t *size,
	vm_region_flavor_t flavor,
	vm_region_info_t info,
	mach_msg_type_number_t *infoCnt,
	mach_port_t *object_name);

/* mach_vm.defs routine mach_vm_purgable_control: `inout state`. */
extern kern_return_t mach_vm_purgable_control(
	vm_map_t target_task,
	mach_vm_address_t address,
	vm_purgable_t control,
	int *state);

/* mach_vm.defs routine mach_vm_page_info: `out info : vm_page_info_t, CountInOut`. */
extern kern_return_t mach_vm_page_info(
	vm_map_read_t target_task,
	mach_vm_address_t address,
	vm_page_info_flavor_t flavor,
	vm_page_info_t info,
	mach_msg_type_number_t *infoCnt);

/* mach_vm.defs routine mach_vm_page_range_query: `inout dispositions_count`. */
extern kern_return_t mach_vm_page_range_query(
	vm_map_read_t target_map,
	mach_vm_offset_t address,
	mach_vm_size_t size,
	mach_vm_address_t dispositions,
	mach_vm_size_t *dispositions_count);

/* mach_vm.defs routine mach_vm_remap_new: source is vm_map_read_t; protections are `inout`. */
extern kern_return_t mach_vm_remap_new(
	vm_map_t target_task,
	mach_vm_address_t *target_address,
	mach_vm_size_t size,
	mach_vm_offset_t mask,
	int flags,
	vm_map_read_t src_task,
	mach_vm_address_t src_address,
	boolean_t copy,
	vm_prot_t *cur_protection,
	vm_prot_t *max_protection,
	vm_inherit_t inheritance);

#ifdef MACH_VM_RANGE_FLAVOR_DEFAULT
/* mach_vm.defs routine mach_vm_range_create: `recipes` is an in variable array of bytes. */
extern kern_return_t mach_vm_range_create(
	vm_map_t target_task,
	mach_vm_range_flavor_t flavor,
	mach_vm_range_recipes_raw_t recipes,
	mach_msg_type_number_t recipesCnt);
#endif

/* mach_vm.defs routine mach_vm_update_pointers_with_remote_tags (memory-tagging
 * support): an in list plus `out out_pointer_list, CountInOut`. */
extern kern_return_t mach_vm_update_pointers_with_remote_tags(
	vm_map_t target,
	mach_vm_offset_list_t in_pointer_list,
	mach_msg_type_number_t in_pointer_listCnt,
	mach_vm_offset_list_t out_pointer_list,
	mach_msg_type_number_t *out_pointer_listCnt);

/* mach_vm.defs routine mach_vm_reallocate (the 64-bit twin of vm_map.defs vm_reallocate;
 * `inout dst`). Types follow xnu libsyscall/mach/mach_vm.c and osfmk/vm/vm_user.c. */
extern kern_return_t mach_vm_reallocate(
	vm_map_t target_task,
	mach_vm_address_t src,
	mach_vm_size_t src_size,
	mach_vm_address_t *dst,
	mach_vm_size_t dst_size,
	mach_vm_offset_t align_mask,
	int options,
	int flags);

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_MACH_VM_H */
