//! Mach equivalents.
#![allow(non_snake_case)]

use crate::generated::*;

// ---- mach/mach_init.h -------------------------------------------------------

/// `mach_task_self()`: the task's own port (`#define mach_task_self()
/// mach_task_self_`, `mach/mach_init.h`).
#[inline(always)]
pub fn mach_task_self() -> mach_port_t {
    // SAFETY: libSystem sets `mach_task_self_` during start-up, before any Rust
    // code runs, and never changes it after.
    unsafe { mach_task_self_ }
}

/// `current_task()`: same as [`mach_task_self`] (`mach/mach_init.h`).
#[inline(always)]
pub fn current_task() -> mach_port_t {
    mach_task_self()
}

// ---- mach/port.h --------------------------------------------------------------

/// `MACH_PORT_VALID(name)`: neither `MACH_PORT_NULL` nor `MACH_PORT_DEAD`
/// (`mach/port.h`).
#[inline(always)]
pub const fn MACH_PORT_VALID(name: mach_port_name_t) -> bool {
    name != MACH_PORT_NULL && name != MACH_PORT_DEAD
}

// ---- mach/message.h: the `msgh_bits` setters and getters -----------------------

/// `MACH_MSGH_BITS(remote, local)` (`mach/message.h`, legacy setter).
#[inline(always)]
pub const fn MACH_MSGH_BITS(remote: mach_msg_type_name_t, local: mach_msg_type_name_t) -> mach_msg_bits_t {
    remote | (local << 8)
}

/// `MACH_MSGH_BITS_SET_PORTS(remote, local, voucher)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_SET_PORTS(remote: mach_msg_type_name_t, local: mach_msg_type_name_t, voucher: mach_msg_type_name_t) -> mach_msg_bits_t {
    (remote & MACH_MSGH_BITS_REMOTE_MASK) | ((local << 8) & MACH_MSGH_BITS_LOCAL_MASK) | ((voucher << 16) & MACH_MSGH_BITS_VOUCHER_MASK)
}

/// `MACH_MSGH_BITS_SET(remote, local, voucher, other)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_SET(
    remote: mach_msg_type_name_t,
    local: mach_msg_type_name_t,
    voucher: mach_msg_type_name_t,
    other: mach_msg_bits_t,
) -> mach_msg_bits_t {
    MACH_MSGH_BITS_SET_PORTS(remote, local, voucher) | (other & !MACH_MSGH_BITS_PORTS_MASK)
}

/// `MACH_MSGH_BITS_REMOTE(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_REMOTE(bits: mach_msg_bits_t) -> mach_msg_type_name_t {
    bits & MACH_MSGH_BITS_REMOTE_MASK
}

/// `MACH_MSGH_BITS_LOCAL(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_LOCAL(bits: mach_msg_bits_t) -> mach_msg_type_name_t {
    (bits & MACH_MSGH_BITS_LOCAL_MASK) >> 8
}

/// `MACH_MSGH_BITS_VOUCHER(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_VOUCHER(bits: mach_msg_bits_t) -> mach_msg_type_name_t {
    (bits & MACH_MSGH_BITS_VOUCHER_MASK) >> 16
}

/// `MACH_MSGH_BITS_PORTS(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_PORTS(bits: mach_msg_bits_t) -> mach_msg_bits_t {
    bits & MACH_MSGH_BITS_PORTS_MASK
}

/// `MACH_MSGH_BITS_OTHER(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_OTHER(bits: mach_msg_bits_t) -> mach_msg_bits_t {
    bits & !MACH_MSGH_BITS_PORTS_MASK
}

/// `MACH_MSGH_BITS_IS_COMPLEX(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_IS_COMPLEX(bits: mach_msg_bits_t) -> bool {
    bits & MACH_MSGH_BITS_COMPLEX != MACH_MSGH_BITS_ZERO
}

// ---- mach/vm_page_size.h -------------------------------------------------------

/// `mach_vm_trunc_page(x)`: round down to the host page (`mach/vm_page_size.h`).
/// Reads the runtime `vm_page_mask` (16 KiB pages on Apple silicon).
#[inline(always)]
pub fn mach_vm_trunc_page(x: mach_vm_offset_t) -> mach_vm_offset_t {
    // SAFETY: set by libSystem at start-up, read-only after.
    __mach_vm_trunc_page(x, unsafe { vm_page_mask } as vm_size_t)
}

/// `mach_vm_round_page(x)`: round up to the host page (`mach/vm_page_size.h`).
#[inline(always)]
pub fn mach_vm_round_page(x: mach_vm_offset_t) -> mach_vm_offset_t {
    // SAFETY: as for `mach_vm_trunc_page`.
    __mach_vm_round_page(x, unsafe { vm_page_mask } as vm_size_t)
}

// The page macros' arithmetic, with the global they read as a parameter.
// Not API: `cargo xtask verify` compares each with C's macro (the global
// replaced by the same parameter) over edge and random values and several
// page sizes, and checks that the public function compiles to exactly the
// helper applied to the global.

/// `mach_vm_trunc_page(x)` for page mask `mask`:
/// `(mach_vm_offset_t)(x) & ~((signed)mask)` (the mask goes through `int`).
#[doc(hidden)]
#[inline(always)]
pub const fn __mach_vm_trunc_page(x: mach_vm_offset_t, mask: vm_size_t) -> mach_vm_offset_t {
    x & !(mask as core::ffi::c_int as mach_vm_offset_t)
}

/// `mach_vm_round_page(x)` for page mask `mask`:
/// `((mach_vm_offset_t)(x) + mask) & ~((signed)mask)`.
#[doc(hidden)]
#[inline(always)]
pub const fn __mach_vm_round_page(x: mach_vm_offset_t, mask: vm_size_t) -> mach_vm_offset_t {
    x.wrapping_add(mask as mach_vm_offset_t) & !(mask as core::ffi::c_int as mach_vm_offset_t)
}

/// `trunc_page(x)` for page size `size`: `(x) & (~(size - 1))`.
#[doc(hidden)]
#[inline(always)]
pub const fn __trunc_page(x: vm_offset_t, size: vm_size_t) -> vm_offset_t {
    x & !(size.wrapping_sub(1))
}

/// `round_page(x)` for page size `size`: `trunc_page((x) + (size - 1))`.
#[doc(hidden)]
#[inline(always)]
pub const fn __round_page(x: vm_offset_t, size: vm_size_t) -> vm_offset_t {
    __trunc_page(x.wrapping_add(size.wrapping_sub(1)), size)
}

/// `trunc_page_kernel(x)` for kernel page mask `mask`: `(x) & (~mask)`.
#[doc(hidden)]
#[inline(always)]
pub const fn __trunc_page_kernel(x: vm_offset_t, mask: vm_size_t) -> vm_offset_t {
    x & !mask
}

/// `round_page_kernel(x)` for kernel page mask `mask`:
/// `trunc_page_kernel((x) + mask)`.
#[doc(hidden)]
#[inline(always)]
pub const fn __round_page_kernel(x: vm_offset_t, mask: vm_size_t) -> vm_offset_t {
    __trunc_page_kernel(x.wrapping_add(mask), mask)
}

// ---- mach/port.h: names, rights, port options --------------------------------------

/// `MACH_PORT_INDEX(name)`: the index part of a port name (`(name) >> 8`,
/// `mach/port.h`).
#[inline(always)]
pub const fn MACH_PORT_INDEX(name: mach_port_name_t) -> mach_port_name_t {
    name >> 8
}

/// `MACH_PORT_GEN(name)`: the generation part of a port name, in the high
/// byte (`((name) & 0xff) << 24`, `mach/port.h`).
#[inline(always)]
pub const fn MACH_PORT_GEN(name: mach_port_name_t) -> mach_port_name_t {
    (name & 0xff) << 24
}

/// `MACH_PORT_MAKE(index, gen)`: a port name from index and generation
/// (`((index) << 8) | ((gen) >> 24)`, `mach/port.h`).
#[inline(always)]
pub const fn MACH_PORT_MAKE(index: mach_port_name_t, gen_: mach_port_name_t) -> mach_port_name_t {
    (index << 8) | (gen_ >> 24)
}

/// `MACH_PORT_TYPE(right)`: the `mach_port_type_t` bit of a right
/// (`1 << ((right) + 16)`, `mach/port.h`). Defined for the rights
/// `MACH_PORT_RIGHT_SEND` (0) to 15, like C, where a larger right shifts past
/// the width.
#[inline(always)]
pub const fn MACH_PORT_TYPE(right: mach_port_right_t) -> mach_port_type_t {
    (1 as mach_port_type_t) << (right as mach_port_type_t + 16)
}

/// `MPO_MAKE_PORT_TYPE(a, b)`: the port-type field of
/// `mach_port_options_t::flags` (`((a & 0x7) << 14) | ((b & 0x7) << 10)`,
/// `mach/port.h`).
#[inline(always)]
pub const fn MPO_MAKE_PORT_TYPE(a: u32, b: u32) -> u32 {
    ((a & 0x7) << 14) | ((b & 0x7) << 10)
}

// ---- mach/message.h: more `msgh_bits`, type names, trailers ----------------------------

/// `MACH_MSGH_BITS_HAS_REMOTE(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_HAS_REMOTE(bits: mach_msg_bits_t) -> bool {
    (bits & MACH_MSGH_BITS_REMOTE_MASK as mach_msg_bits_t) != MACH_MSGH_BITS_ZERO as mach_msg_bits_t
}

/// `MACH_MSGH_BITS_HAS_LOCAL(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_HAS_LOCAL(bits: mach_msg_bits_t) -> bool {
    ((bits & MACH_MSGH_BITS_LOCAL_MASK as mach_msg_bits_t) >> 8) != MACH_MSGH_BITS_ZERO as mach_msg_bits_t
}

/// `MACH_MSGH_BITS_HAS_VOUCHER(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_HAS_VOUCHER(bits: mach_msg_bits_t) -> bool {
    ((bits & MACH_MSGH_BITS_VOUCHER_MASK as mach_msg_bits_t) >> 16) != MACH_MSGH_BITS_ZERO as mach_msg_bits_t
}

/// `MACH_MSGH_BITS_RAISED_IMPORTANCE(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_RAISED_IMPORTANCE(bits: mach_msg_bits_t) -> bool {
    bits & MACH_MSGH_BITS_RAISEIMP as mach_msg_bits_t != MACH_MSGH_BITS_ZERO as mach_msg_bits_t
}

/// `MACH_MSGH_BITS_HOLDS_IMPORTANCE_ASSERTION(bits)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSGH_BITS_HOLDS_IMPORTANCE_ASSERTION(bits: mach_msg_bits_t) -> bool {
    bits & MACH_MSGH_BITS_IMPHOLDASRT as mach_msg_bits_t != MACH_MSGH_BITS_ZERO as mach_msg_bits_t
}

/// `MACH_MSG_TYPE_PORT_ANY(x)`: any port disposition, from
/// `MACH_MSG_TYPE_MOVE_RECEIVE` to `MACH_MSG_TYPE_MAKE_SEND_ONCE` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSG_TYPE_PORT_ANY(x: mach_msg_type_name_t) -> bool {
    x >= MACH_MSG_TYPE_MOVE_RECEIVE as mach_msg_type_name_t && x <= MACH_MSG_TYPE_MAKE_SEND_ONCE as mach_msg_type_name_t
}

/// `MACH_MSG_TYPE_PORT_ANY_SEND(x)`: a disposition that yields a send or
/// send-once right (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSG_TYPE_PORT_ANY_SEND(x: mach_msg_type_name_t) -> bool {
    x >= MACH_MSG_TYPE_MOVE_SEND as mach_msg_type_name_t && x <= MACH_MSG_TYPE_MAKE_SEND_ONCE as mach_msg_type_name_t
}

/// `MACH_MSG_TYPE_PORT_ANY_SEND_ONCE(x)` (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSG_TYPE_PORT_ANY_SEND_ONCE(x: mach_msg_type_name_t) -> bool {
    x == MACH_MSG_TYPE_MOVE_SEND_ONCE as mach_msg_type_name_t || x == MACH_MSG_TYPE_MAKE_SEND_ONCE as mach_msg_type_name_t
}

/// `MACH_MSG_TYPE_PORT_ANY_RIGHT(x)`: a disposition that moves a right
/// (`mach/message.h`).
#[inline(always)]
pub const fn MACH_MSG_TYPE_PORT_ANY_RIGHT(x: mach_msg_type_name_t) -> bool {
    x >= MACH_MSG_TYPE_MOVE_RECEIVE as mach_msg_type_name_t && x <= MACH_MSG_TYPE_MOVE_SEND_ONCE as mach_msg_type_name_t
}

/// `MACH_RCV_TRAILER_TYPE(x)`: the trailer-format field of a receive option
/// (`((x) & 0xf) << 28`, `mach/message.h`).
#[inline(always)]
pub const fn MACH_RCV_TRAILER_TYPE(x: mach_msg_option_t) -> mach_msg_option_t {
    (((x & 0xf) as u32) << 28) as mach_msg_option_t
}

/// `MACH_RCV_TRAILER_ELEMENTS(x)`: the trailer-elements field of a receive
/// option (`((x) & 0xf) << 24`, `mach/message.h`).
#[inline(always)]
pub const fn MACH_RCV_TRAILER_ELEMENTS(x: mach_msg_option_t) -> mach_msg_option_t {
    (((x & 0xf) as u32) << 24) as mach_msg_option_t
}

/// `GET_RCV_ELEMENTS(y)`: the trailer elements a receive option asks for
/// (`((y) >> 24) & 0xf`, `mach/message.h`).
#[inline(always)]
pub const fn GET_RCV_ELEMENTS(y: mach_msg_option_t) -> mach_msg_option_t {
    (y >> 24) & 0xf
}

/// `REQUESTED_TRAILER_SIZE_NATIVE(y)`: the size of the trailer a receive
/// option asks for (`mach/message.h`).
#[inline(always)]
pub const fn REQUESTED_TRAILER_SIZE_NATIVE(y: mach_msg_option_t) -> mach_msg_trailer_size_t {
    use core::mem::size_of;
    let e = GET_RCV_ELEMENTS(y);
    (if e == MACH_RCV_TRAILER_NULL as mach_msg_option_t {
        size_of::<mach_msg_trailer_t>()
    } else if e == MACH_RCV_TRAILER_SEQNO as mach_msg_option_t {
        size_of::<mach_msg_seqno_trailer_t>()
    } else if e == MACH_RCV_TRAILER_SENDER as mach_msg_option_t {
        size_of::<mach_msg_security_trailer_t>()
    } else if e == MACH_RCV_TRAILER_AUDIT as mach_msg_option_t {
        size_of::<mach_msg_audit_trailer_t>()
    } else if e == MACH_RCV_TRAILER_CTX as mach_msg_option_t {
        size_of::<mach_msg_context_trailer_t>()
    } else if e == MACH_RCV_TRAILER_AV as mach_msg_option_t {
        size_of::<mach_msg_mac_trailer_t>()
    } else {
        size_of::<mach_msg_max_trailer_t>()
    }) as mach_msg_trailer_size_t
}

/// `REQUESTED_TRAILER_SIZE(y)`: same as [`REQUESTED_TRAILER_SIZE_NATIVE`] in
/// user space (`mach/message.h`).
#[inline(always)]
pub const fn REQUESTED_TRAILER_SIZE(y: mach_msg_option_t) -> mach_msg_trailer_size_t {
    REQUESTED_TRAILER_SIZE_NATIVE(y)
}

/// `round_msg(x)`: a message size rounded up to `natural_t` alignment
/// (`mach/message.h`). C adds `sizeof(natural_t) - 1`, a `size_t`, so the sum
/// is computed in `size_t` and does not wrap at 2^32: the result is a `usize`.
#[inline(always)]
pub const fn round_msg(x: mach_msg_size_t) -> usize {
    const N: usize = core::mem::size_of::<natural_t>();
    (x as usize + N - 1) & !(N - 1)
}

// ---- mach/error.h, mach/vm_types.h: `mach_error_t` fields -------------------------------

/// `err_system(x)`: the system field of an error code
/// (`(signed)(((unsigned)(x) & 0x3f) << 26)`, `mach/error.h`).
#[inline(always)]
pub const fn err_system(x: mach_error_t) -> mach_error_t {
    (((x as u32) & 0x3f) << 26) as mach_error_t
}

/// `err_sub(x)`: the subsystem field of an error code
/// (`((x) & 0xfff) << 14`, `mach/error.h`).
#[inline(always)]
pub const fn err_sub(x: mach_error_t) -> mach_error_t {
    (x & 0xfff) << 14
}

/// `err_get_system(err)` (`((err) >> 26) & 0x3f`, `mach/error.h`).
#[inline(always)]
pub const fn err_get_system(err: mach_error_t) -> mach_error_t {
    (err >> 26) & 0x3f
}

/// `err_get_sub(err)` (`((err) >> 14) & 0xfff`, `mach/error.h`).
#[inline(always)]
pub const fn err_get_sub(err: mach_error_t) -> mach_error_t {
    (err >> 14) & 0xfff
}

/// `err_get_code(err)` (`(err) & 0x3fff`, `mach/error.h`).
#[inline(always)]
pub const fn err_get_code(err: mach_error_t) -> mach_error_t {
    err & 0x3fff
}

/// `unix_err(errno)`: a BSD errno as a kernel error
/// (`err_kern | err_sub(3) | errno`, `mach/error.h`).
#[inline(always)]
pub const fn unix_err(errno: mach_error_t) -> mach_error_t {
    err_kern as mach_error_t | err_sub(3) | errno
}

/// `err_vm_reclaim(e)`: a VM-reclaim error code
/// (`err_vm | err_sub(1) | e`, `mach/vm_types.h`).
#[cfg(not(darwin_sys_lacks = "err_vm"))]
#[inline(always)]
pub const fn err_vm_reclaim(e: mach_error_t) -> mach_error_t {
    err_vm as mach_error_t | err_sub(1) | e
}

// ---- mach/vm_statistics.h: the tag in `vm_allocate` flags --------------------------------

/// `VM_MAKE_TAG(tag)`: a `VM_MEMORY_*` tag placed in the high byte of the
/// `flags` of `vm_allocate`/`mach_vm_allocate`/`mach_vm_map`
/// (`(tag) << 24`, `mach/vm_statistics.h`). It takes the `VM_MEMORY_*`
/// constants as they are (`c_uint`, the type of `user_tag` they are compared
/// with) and gives the `c_int` of the `flags` it is ORed into. C shifts an
/// `int`; the bits are the same here, with no overflow for tags 128 to 255.
#[inline(always)]
pub const fn VM_MAKE_TAG(tag: core::ffi::c_uint) -> core::ffi::c_int {
    (tag << 24) as core::ffi::c_int
}

/// `VM_GET_FLAGS_ALIAS(flags, alias)`: C assigns the tag held in `flags` to
/// `alias`; this returns it (`((flags) >> 24) & 0xff`, `mach/vm_statistics.h`).
#[inline(always)]
pub const fn VM_GET_FLAGS_ALIAS(flags: core::ffi::c_int) -> core::ffi::c_int {
    (flags >> 24) & 0xff
}

/// `VM_SET_FLAGS_ALIAS(flags, alias)`: C assigns to `flags`; this returns
/// the new flags (`((flags) & ~VM_FLAGS_ALIAS_MASK) | (((alias) &
/// ~VM_FLAGS_ALIAS_MASK) << 24)`, `mach/vm_statistics.h`).
#[inline(always)]
pub const fn VM_SET_FLAGS_ALIAS(flags: core::ffi::c_int, alias: core::ffi::c_int) -> core::ffi::c_int {
    let mask = VM_FLAGS_ALIAS_MASK as u32;
    (((flags as u32) & !mask) | (((alias as u32) & !mask) << 24)) as core::ffi::c_int
}

/// `VM_STATISTICS_TRUNCATE_TO_32_BIT(value)`: a 64-bit counter saturated to
/// `uint32_t` (`mach/vm_statistics.h`).
#[inline(always)]
pub const fn VM_STATISTICS_TRUNCATE_TO_32_BIT(value: u64) -> u32 {
    if value > u32::MAX as u64 { u32::MAX } else { value as u32 }
}

// ---- mach/memory_object_types.h ------------------------------------------------------------

/// `GET_MAP_MEM(flags)`: the caching mode in the high byte of
/// `mach_make_memory_entry` permissions (`mach/memory_object_types.h`).
#[inline(always)]
pub const fn GET_MAP_MEM(flags: core::ffi::c_int) -> core::ffi::c_uint {
    ((flags as u32) >> 24) & 0xff
}

/// `SET_MAP_MEM(caching, flags)`: C assigns to `flags`; this returns the new
/// flags (`mach/memory_object_types.h`).
#[inline(always)]
pub const fn SET_MAP_MEM(caching: core::ffi::c_int, flags: core::ffi::c_int) -> core::ffi::c_int {
    ((((caching as u32) << 24) & 0xFF00_0000) | ((flags as u32) & 0x00FF_FFFF)) as core::ffi::c_int
}

// ---- mach/policy.h, mach/thread_switch.h, mach/clock_types.h -------------------------------

/// `invalid_policy(policy)`: not `POLICY_TIMESHARE`, `POLICY_RR` or
/// `POLICY_FIFO` (`mach/policy.h`).
#[inline(always)]
pub const fn invalid_policy(policy: policy_t) -> bool {
    let p = policy as i64;
    p != POLICY_TIMESHARE as i64 && p != POLICY_RR as i64 && p != POLICY_FIFO as i64
}

/// `valid_switch_option(opt)`: `0 <= opt <= 5` (`mach/thread_switch.h`).
#[inline(always)]
pub const fn valid_switch_option(opt: core::ffi::c_int) -> bool {
    0 <= opt && opt <= 5
}

/// `BAD_ALRMTYPE(t)`: an alarm type with bits other than `TIME_RELATIVE`
/// (`mach/clock_types.h`).
#[inline(always)]
pub const fn BAD_ALRMTYPE(t: alarm_type_t) -> bool {
    (t as core::ffi::c_int & !(TIME_RELATIVE as core::ffi::c_int)) != 0
}

/// `BAD_MACH_TIMESPEC(t)`: nanoseconds outside `0..NSEC_PER_SEC`
/// (`mach/clock_types.h`).
#[inline(always)]
pub const fn BAD_MACH_TIMESPEC(t: &mach_timespec_t) -> bool {
    t.tv_nsec < 0 || t.tv_nsec as i64 >= NSEC_PER_SEC as i64
}

/// `CMP_MACH_TIMESPEC(t1, t2)`: `NSEC_PER_SEC` if `t1` has more seconds,
/// `-NSEC_PER_SEC` if fewer, else the nanosecond difference
/// (`mach/clock_types.h`).
#[inline(always)]
pub const fn CMP_MACH_TIMESPEC(t1: &mach_timespec_t, t2: &mach_timespec_t) -> core::ffi::c_long {
    if t1.tv_sec > t2.tv_sec {
        NSEC_PER_SEC as core::ffi::c_long
    } else if t1.tv_sec < t2.tv_sec {
        -(NSEC_PER_SEC as core::ffi::c_long)
    } else {
        t1.tv_nsec.wrapping_sub(t2.tv_nsec) as core::ffi::c_long
    }
}

/// `ADD_MACH_TIMESPEC(t1, t2)`: `*t1 += *t2`, carrying nanoseconds
/// (`mach/clock_types.h`).
#[inline(always)]
pub const fn ADD_MACH_TIMESPEC(t1: &mut mach_timespec_t, t2: &mach_timespec_t) {
    t1.tv_nsec = t1.tv_nsec.wrapping_add(t2.tv_nsec);
    if t1.tv_nsec as i64 >= NSEC_PER_SEC as i64 {
        t1.tv_nsec = t1.tv_nsec.wrapping_sub(NSEC_PER_SEC as _);
        t1.tv_sec = t1.tv_sec.wrapping_add(1);
    }
    t1.tv_sec = t1.tv_sec.wrapping_add(t2.tv_sec);
}

/// `SUB_MACH_TIMESPEC(t1, t2)`: `*t1 -= *t2`, borrowing nanoseconds
/// (`mach/clock_types.h`).
#[inline(always)]
pub const fn SUB_MACH_TIMESPEC(t1: &mut mach_timespec_t, t2: &mach_timespec_t) {
    t1.tv_nsec = t1.tv_nsec.wrapping_sub(t2.tv_nsec);
    if t1.tv_nsec < 0 {
        t1.tv_nsec = t1.tv_nsec.wrapping_add(NSEC_PER_SEC as _);
        t1.tv_sec = t1.tv_sec.wrapping_sub(1);
    }
    t1.tv_sec = t1.tv_sec.wrapping_sub(t2.tv_sec);
}

// ---- mach/time_value.h ----------------------------------------------------------------------

/// `time_value_add_usec(val, micros)`: add microseconds, carrying into
/// seconds once (`mach/time_value.h`).
#[inline(always)]
pub const fn time_value_add_usec(val: &mut time_value_t, micros: integer_t) {
    val.microseconds = val.microseconds.wrapping_add(micros);
    if val.microseconds >= TIME_MICROS_MAX as integer_t {
        val.microseconds = val.microseconds.wrapping_sub(TIME_MICROS_MAX as integer_t);
        val.seconds = val.seconds.wrapping_add(1);
    }
}

/// `time_value_add(result, addend)`: `*result += *addend`, carrying
/// microseconds once (`mach/time_value.h`).
#[inline(always)]
pub const fn time_value_add(result: &mut time_value_t, addend: &time_value_t) {
    result.microseconds = result.microseconds.wrapping_add(addend.microseconds);
    result.seconds = result.seconds.wrapping_add(addend.seconds);
    if result.microseconds >= TIME_MICROS_MAX as integer_t {
        result.microseconds = result.microseconds.wrapping_sub(TIME_MICROS_MAX as integer_t);
        result.seconds = result.seconds.wrapping_add(1);
    }
}

// ---- mach/machine.h: CPU subtypes ----------------------------------------------------------

/// `CPU_SUBTYPE_INTEL(f, m)`: an Intel subtype from family and model
/// (`(f) + ((m) << 4)`, `mach/machine.h`).
#[inline(always)]
pub const fn CPU_SUBTYPE_INTEL(f: cpu_subtype_t, m: cpu_subtype_t) -> cpu_subtype_t {
    f.wrapping_add(m << 4)
}

/// `CPU_SUBTYPE_INTEL_FAMILY(x)` (`(x) & 15`, `mach/machine.h`).
#[inline(always)]
pub const fn CPU_SUBTYPE_INTEL_FAMILY(x: cpu_subtype_t) -> cpu_subtype_t {
    x & 15
}

/// `CPU_SUBTYPE_INTEL_MODEL(x)` (`(x) >> 4`, `mach/machine.h`).
#[inline(always)]
pub const fn CPU_SUBTYPE_INTEL_MODEL(x: cpu_subtype_t) -> cpu_subtype_t {
    x >> 4
}

/// `CPU_SUBTYPE_ARM64_PTR_AUTH_VERSION(x)`: the pointer-authentication ABI
/// version of an arm64e subtype (`mach/machine.h`).
#[inline(always)]
pub const fn CPU_SUBTYPE_ARM64_PTR_AUTH_VERSION(x: cpu_subtype_t) -> cpu_subtype_t {
    (x & CPU_SUBTYPE_ARM64_PTR_AUTH_MASK as cpu_subtype_t) >> 24
}

/// `CPU_SUBTYPE_HAS_ARM64E(subtype)`: an arm64e subtype, with or without the
/// X1 extension (`mach/machine.h`).
#[cfg(not(darwin_sys_lacks = "CPU_SUBTYPE_ARM64E_X1"))]
#[inline(always)]
pub const fn CPU_SUBTYPE_HAS_ARM64E(subtype: cpu_subtype_t) -> bool {
    let s = subtype as u32 & !(CPU_SUBTYPE_MASK as u32);
    s == CPU_SUBTYPE_ARM64E as u32 || s == CPU_SUBTYPE_ARM64E_X1 as u32
}

/// `CPU_SUBTYPE_HAS_ARM64X1(subtype)` (`mach/machine.h`).
#[cfg(not(any(darwin_sys_lacks = "CPU_SUBTYPE_ARM64_X1", darwin_sys_lacks = "CPU_SUBTYPE_ARM64E_X1")))]
#[inline(always)]
pub const fn CPU_SUBTYPE_HAS_ARM64X1(subtype: cpu_subtype_t) -> bool {
    let s = subtype as u32 & !(CPU_SUBTYPE_MASK as u32);
    s == CPU_SUBTYPE_ARM64_X1 as u32 || s == CPU_SUBTYPE_ARM64E_X1 as u32
}

// ---- mach/vm_page_size.h: pages of the running system ------------------------------------

/// `trunc_page(x)`: round down to the page size of the running system
/// (`(x) & ~(vm_page_size - 1)`, `mach/vm_page_size.h`). Reads the runtime
/// `vm_page_size` (16 KiB on Apple silicon, 4 KiB on Intel).
#[inline(always)]
pub fn trunc_page(x: vm_offset_t) -> vm_offset_t {
    // SAFETY: set by libSystem at start-up, read-only after.
    __trunc_page(x, unsafe { vm_page_size } as vm_size_t)
}

/// `round_page(x)`: round up to the page size of the running system
/// (`trunc_page((x) + (vm_page_size - 1))`, `mach/vm_page_size.h`).
#[inline(always)]
pub fn round_page(x: vm_offset_t) -> vm_offset_t {
    // SAFETY: as for `trunc_page`.
    __round_page(x, unsafe { vm_page_size } as vm_size_t)
}

/// `trunc_page_kernel(x)`: round down to the kernel's page size
/// (`(x) & ~vm_kernel_page_mask`, `mach/vm_page_size.h`).
#[inline(always)]
pub fn trunc_page_kernel(x: vm_offset_t) -> vm_offset_t {
    // SAFETY: set by libSystem at start-up, read-only after.
    __trunc_page_kernel(x, unsafe { vm_kernel_page_mask } as vm_size_t)
}

/// `round_page_kernel(x)`: round up to the kernel's page size
/// (`trunc_page_kernel((x) + vm_kernel_page_mask)`, `mach/vm_page_size.h`).
#[inline(always)]
pub fn round_page_kernel(x: vm_offset_t) -> vm_offset_t {
    // SAFETY: as for `trunc_page_kernel`.
    __round_page_kernel(x, unsafe { vm_kernel_page_mask } as vm_size_t)
}

/// `PAGE_SIZE` on arm64: the runtime `vm_page_size` (`#define PAGE_SIZE
/// vm_page_size`, `mach/arm/vm_param.h`), so a function here. On x86_64 the
/// SDK's `PAGE_SIZE` is the constant 4096 and is bound as one.
#[cfg(target_arch = "aarch64")]
#[inline(always)]
pub fn PAGE_SIZE() -> vm_size_t {
    // SAFETY: set by libSystem at start-up, read-only after.
    unsafe { vm_page_size }
}

/// `PAGE_MASK` on arm64: the runtime `vm_page_mask` (`mach/arm/vm_param.h`).
/// On x86_64 the SDK's `PAGE_MASK` is the constant 4095 and is bound as one.
#[cfg(target_arch = "aarch64")]
#[inline(always)]
pub fn PAGE_MASK() -> vm_size_t {
    // SAFETY: as for `PAGE_SIZE`.
    unsafe { vm_page_mask }
}

/// `PAGE_SHIFT` on arm64: the runtime `vm_page_shift` (`mach/arm/vm_param.h`).
/// On x86_64 the SDK's `PAGE_SHIFT` is the constant 12 and is bound as one.
#[cfg(target_arch = "aarch64")]
#[inline(always)]
pub fn PAGE_SHIFT() -> core::ffi::c_int {
    // SAFETY: as for `PAGE_SIZE`.
    unsafe { vm_page_shift }
}

/// `VM_PAGE_SIZE` on arm64: the runtime `vm_page_size` (`mach/arm/vm_param.h`).
#[cfg(target_arch = "aarch64")]
#[inline(always)]
pub fn VM_PAGE_SIZE() -> vm_size_t {
    PAGE_SIZE()
}

// ---- mach/task_special_ports.h, thread_special_ports.h, host_special_ports.h ----------------

#[cfg(not(any(target_os = "tvos", target_os = "watchos")))]
macro_rules! special_ports {
    (task: $($name:ident = $get_set:ident $which:ident;)*) => {$(
        #[doc = concat!("`", stringify!($name), "(task, port)`: `", stringify!($get_set), "(task, ",
            stringify!($which), ", port)` (`mach/task_special_ports.h`).\n\n# Safety\nAs for `",
            stringify!($get_set), "`.")]
        #[inline(always)]
        pub unsafe fn $name(task: task_t, port: special_ports!(@port $get_set)) -> kern_return_t {
            // SAFETY: the caller upholds the function's contract.
            unsafe { $get_set(task, $which as core::ffi::c_int, port) }
        }
    )*};
    (thread: $($name:ident = $get_set:ident $which:ident;)*) => {$(
        #[doc = concat!("`", stringify!($name), "(thread, port)`: `", stringify!($get_set), "(thread, ",
            stringify!($which), ", port)` (`mach/thread_special_ports.h`).\n\n# Safety\nAs for `",
            stringify!($get_set), "`.")]
        #[inline(always)]
        pub unsafe fn $name(thread: thread_act_t, port: special_ports!(@port $get_set)) -> kern_return_t {
            // SAFETY: the caller upholds the function's contract.
            unsafe { $get_set(thread, $which as core::ffi::c_int, port) }
        }
    )*};
    (@port task_get_special_port) => { *mut mach_port_t };
    (@port task_set_special_port) => { mach_port_t };
    (@port thread_get_special_port) => { *mut mach_port_t };
    (@port thread_set_special_port) => { mach_port_t };
}

// `task_get_special_port` and friends are unavailable on tvOS and watchOS
// (their gate in the generated file), and so are these.
#[cfg(not(any(target_os = "tvos", target_os = "watchos")))]
special_ports! { task:
    task_get_bootstrap_port = task_get_special_port TASK_BOOTSTRAP_PORT;
    task_get_debug_control_port = task_get_special_port TASK_DEBUG_CONTROL_PORT;
    task_get_host_port = task_get_special_port TASK_HOST_PORT;
    task_get_kernel_port = task_get_special_port TASK_KERNEL_PORT;
    task_get_task_access_port = task_get_special_port TASK_ACCESS_PORT;
    task_set_bootstrap_port = task_set_special_port TASK_BOOTSTRAP_PORT;
    task_set_host_port = task_set_special_port TASK_HOST_PORT;
    task_set_kernel_port = task_set_special_port TASK_KERNEL_PORT;
    task_set_task_access_port = task_set_special_port TASK_ACCESS_PORT;
    task_set_task_debug_control_port = task_set_special_port TASK_DEBUG_CONTROL_PORT;
}

#[cfg(not(any(target_os = "tvos", target_os = "watchos")))]
special_ports! { thread:
    thread_get_kernel_port = thread_get_special_port THREAD_KERNEL_PORT;
    thread_set_kernel_port = thread_set_special_port THREAD_KERNEL_PORT;
}

macro_rules! host_ports {
    ($($(#[$m:meta])* $kind:ident $name:ident $(= $which:ident)?;)*) => {$( host_ports!(@one [$(#[$m])*] $kind $name $($which)?); )*};
    (@one [$($a:tt)*] get $name:ident $which:ident) => {
        $($a)*
        #[doc = concat!("`", stringify!($name), "(host, port)`: `host_get_special_port(host, HOST_LOCAL_NODE, ",
            stringify!($which), ", port)` (`mach/host_special_ports.h`).\n\n# Safety\nAs for `host_get_special_port`.")]
        #[inline(always)]
        pub unsafe fn $name(host: host_t, port: *mut mach_port_t) -> kern_return_t {
            // SAFETY: the caller upholds the function's contract.
            unsafe { host_get_special_port(host, HOST_LOCAL_NODE as core::ffi::c_int, $which as core::ffi::c_int, port) }
        }
    };
    (@one [$($a:tt)*] set $name:ident $which:ident) => {
        $($a)*
        #[doc = concat!("`", stringify!($name), "(host, port)`: `host_set_special_port(host, ",
            stringify!($which), ", port)` (`mach/host_special_ports.h`).\n\n# Safety\nAs for `host_set_special_port`.")]
        #[inline(always)]
        pub unsafe fn $name(host: host_priv_t, port: mach_port_t) -> kern_return_t {
            // SAFETY: the caller upholds the function's contract.
            unsafe { host_set_special_port(host, $which as core::ffi::c_int, port) }
        }
    };
    (@one [$($a:tt)*] invalid $name:ident) => {
        $($a)*
        #[doc = concat!("`", stringify!($name), "(host, port)`: always `KERN_INVALID_ARGUMENT`, ",
            "this port cannot be set (`mach/host_special_ports.h`).")]
        #[inline(always)]
        pub const fn $name(_host: host_priv_t, _port: mach_port_t) -> kern_return_t {
            KERN_INVALID_ARGUMENT as kern_return_t
        }
    };
}

host_ports! {
    get host_get_amfid_port = HOST_AMFID_PORT;
    get host_get_atm_notification_port = HOST_ATM_NOTIFICATION_PORT;
    get host_get_audit_control_port = HOST_AUDIT_CONTROL_PORT;
    get host_get_automountd_port = HOST_AUTOMOUNTD_PORT;
    get host_get_closured_port = HOST_CLOSURED_PORT;
    get host_get_coalition_port = HOST_COALITION_PORT;
    get host_get_container_port = HOST_CONTAINERD_PORT;
    #[cfg(not(darwin_sys_lacks = "HOST_DISKIMAGESIOD_PORT"))]
    get host_get_diskimagesiod_port = HOST_DISKIMAGESIOD_PORT;
    #[cfg(not(darwin_sys_lacks = "HOST_DOUBLEAGENTD_PORT"))]
    get host_get_doubleagentd_port = HOST_DOUBLEAGENTD_PORT;
    get host_get_dynamic_pager_port = HOST_DYNAMIC_PAGER_PORT;
    get host_get_fairplayd_port = HOST_FAIRPLAYD_PORT;
    get host_get_filecoordinationd_port = HOST_FILECOORDINATIOND_PORT;
    get host_get_gssd_port = HOST_GSSD_PORT;
    get host_get_host_port = HOST_PORT;
    get host_get_host_priv_port = HOST_PRIV_PORT;
    get host_get_io_main_port = HOST_IO_MAIN_PORT;
    get host_get_iocompressionstats_port = HOST_IOCOMPRESSIONSTATS_PORT;
    get host_get_kextd_port = HOST_KEXTD_PORT;
    get host_get_ktrace_background_port = HOST_KTRACE_BACKGROUND_PORT;
    get host_get_launchctl_port = HOST_LAUNCHCTL_PORT;
    get host_get_lockd_port = HOST_LOCKD_PORT;
    #[cfg(not(darwin_sys_lacks = "HOST_MANAGEDAPPDISTD_PORT"))]
    get host_get_managedappdistd_port = HOST_MANAGEDAPPDISTD_PORT;
    get host_get_memory_error_port = HOST_MEMORY_ERROR_PORT;
    get host_get_node_port = HOST_NODE_PORT;
    get host_get_sysdiagnose_port = HOST_SYSDIAGNOSE_PORT;
    get host_get_syspolicyd_port = HOST_SYSPOLICYD_PORT;
    get host_get_telemetry_port = HOST_TELEMETRY_PORT;
    get host_get_unfreed_port = HOST_UNFREED_PORT;
    get host_get_user_notification_port = HOST_USER_NOTIFICATION_PORT;
    set host_set_amfid_port = HOST_AMFID_PORT;
    set host_set_atm_notification_port = HOST_ATM_NOTIFICATION_PORT;
    set host_set_audit_control_port = HOST_AUDIT_CONTROL_PORT;
    set host_set_automountd_port = HOST_AUTOMOUNTD_PORT;
    set host_set_closured_port = HOST_CLOSURED_PORT;
    set host_set_coalition_port = HOST_COALITION_PORT;
    set host_set_container_port = HOST_CONTAINERD_PORT;
    #[cfg(not(darwin_sys_lacks = "HOST_DISKIMAGESIOD_PORT"))]
    set host_set_diskimagesiod_port = HOST_DISKIMAGESIOD_PORT;
    #[cfg(not(darwin_sys_lacks = "HOST_DOUBLEAGENTD_PORT"))]
    set host_set_doubleagentd_port = HOST_DOUBLEAGENTD_PORT;
    set host_set_dynamic_pager_port = HOST_DYNAMIC_PAGER_PORT;
    set host_set_fairplayd_port = HOST_FAIRPLAYD_PORT;
    set host_set_filecoordinationd_port = HOST_FILECOORDINATIOND_PORT;
    set host_set_gssd_port = HOST_GSSD_PORT;
    invalid host_set_host_port;
    invalid host_set_host_priv_port;
    invalid host_set_io_main_port;
    set host_set_iocompressionstats_port = HOST_IOCOMPRESSIONSTATS_PORT;
    set host_set_kextd_port = HOST_KEXTD_PORT;
    set host_set_ktrace_background_port = HOST_KTRACE_BACKGROUND_PORT;
    set host_set_launchctl_port = HOST_LAUNCHCTL_PORT;
    set host_set_lockd_port = HOST_LOCKD_PORT;
    #[cfg(not(darwin_sys_lacks = "HOST_MANAGEDAPPDISTD_PORT"))]
    set host_set_managedappdistd_port = HOST_MANAGEDAPPDISTD_PORT;
    set host_set_memory_error_port = HOST_MEMORY_ERROR_PORT;
    set host_set_node_port = HOST_NODE_PORT;
    set host_set_sysdiagnose_port = HOST_SYSDIAGNOSE_PORT;
    set host_set_syspolicyd_port = HOST_SYSPOLICYD_PORT;
    set host_set_telemetry_port = HOST_TELEMETRY_PORT;
    set host_set_unfreed_port = HOST_UNFREED_PORT;
    set host_set_user_notification_port = HOST_USER_NOTIFICATION_PORT;
}

/// `host_get_chud_port(host, port)`: the old name of
/// [`host_get_launchctl_port`] (`mach/host_special_ports.h`).
///
/// # Safety
/// As for `host_get_special_port`.
#[inline(always)]
pub unsafe fn host_get_chud_port(host: host_t, port: *mut mach_port_t) -> kern_return_t {
    // SAFETY: the caller upholds the function's contract.
    unsafe { host_get_launchctl_port(host, port) }
}

/// `host_set_chud_port(host, port)`: the old name of
/// [`host_set_launchctl_port`] (`mach/host_special_ports.h`).
///
/// # Safety
/// As for `host_set_special_port`.
#[inline(always)]
pub unsafe fn host_set_chud_port(host: host_priv_t, port: mach_port_t) -> kern_return_t {
    // SAFETY: the caller upholds the function's contract.
    unsafe { host_set_launchctl_port(host, port) }
}

// ---- mach/arm/thread_status.h: arm_thread_state64_t accessors ------------------------------
//
// The SDK defines these three ways. For arm64e code (pointer authentication,
// `__has_feature(ptrauth_calls)`) the fp/lr/sp/pc fields are opaque signed
// pointers, and the accessors authenticate, strip and re-sign them with the
// ptrauth intrinsics, guided by `__opaque_flags`. For arm64 code, which is
// what Rust's `aarch64-apple-darwin` target compiles, the fields are plain
// `__uint64_t` values and the accessors read and write them as they are; these
// equivalents do the same. The kernel gives an arm64 (non-arm64e) caller
// unsigned values and sets `__DARWIN_ARM_THREAD_STATE64_FLAGS_NO_PTRAUTH`
// in the flags word (`__pad` here): xnu's `machine_thread_state_convert_to_user`
// signs only for callers with user pointer authentication enabled. So the
// values read here are plain addresses even when the target thread runs arm64e
// code, and the values written are taken as plain addresses.

#[cfg(all(target_arch = "aarch64", not(darwin_sys_arm64e)))]
pub use arm_thread_state::*;
// arm64e: signed fields (src/inline/arm64e.rs).
#[cfg(darwin_sys_arm64e)]
pub use super::arm64e::*;
#[cfg(all(target_arch = "aarch64", not(darwin_sys_arm64e)))]
mod arm_thread_state {
    use crate::generated::*;

    /// `arm_thread_state64_get_pc(ts)`: `ts.__pc` on arm64
    /// (`mach/arm/thread_status.h`; see the note above on arm64e).
    #[inline(always)]
    pub const fn arm_thread_state64_get_pc(ts: &arm_thread_state64_t) -> u64 {
        ts.__pc
    }
    /// `arm_thread_state64_get_lr(ts)`: `ts.__lr` on arm64 (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub const fn arm_thread_state64_get_lr(ts: &arm_thread_state64_t) -> u64 {
        ts.__lr
    }
    /// `arm_thread_state64_get_sp(ts)`: `ts.__sp` on arm64 (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub const fn arm_thread_state64_get_sp(ts: &arm_thread_state64_t) -> u64 {
        ts.__sp
    }
    /// `arm_thread_state64_get_fp(ts)`: `ts.__fp` on arm64 (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub const fn arm_thread_state64_get_fp(ts: &arm_thread_state64_t) -> u64 {
        ts.__fp
    }
    /// `arm_thread_state64_get_pc_fptr(ts)`: `(void *)ts.__pc` on arm64
    /// (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub const fn arm_thread_state64_get_pc_fptr(ts: &arm_thread_state64_t) -> *mut core::ffi::c_void {
        ts.__pc as usize as *mut core::ffi::c_void
    }
    /// `arm_thread_state64_get_lr_fptr(ts)`: `(void *)ts.__lr` on arm64
    /// (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub const fn arm_thread_state64_get_lr_fptr(ts: &arm_thread_state64_t) -> *mut core::ffi::c_void {
        ts.__lr as usize as *mut core::ffi::c_void
    }
    /// `arm_thread_state64_set_sp(ts, ptr)`: `ts.__sp = ptr` on arm64
    /// (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub const fn arm_thread_state64_set_sp(ts: &mut arm_thread_state64_t, ptr: u64) {
        ts.__sp = ptr;
    }
    /// `arm_thread_state64_set_fp(ts, ptr)`: `ts.__fp = ptr` on arm64
    /// (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub const fn arm_thread_state64_set_fp(ts: &mut arm_thread_state64_t, ptr: u64) {
        ts.__fp = ptr;
    }
    /// `arm_thread_state64_set_pc_fptr(ts, fptr)`: `ts.__pc = fptr` on arm64
    /// (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub fn arm_thread_state64_set_pc_fptr(ts: &mut arm_thread_state64_t, fptr: *const core::ffi::c_void) {
        ts.__pc = fptr as usize as u64;
    }
    /// `arm_thread_state64_set_lr_fptr(ts, fptr)`: `ts.__lr = fptr` on arm64
    /// (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub fn arm_thread_state64_set_lr_fptr(ts: &mut arm_thread_state64_t, fptr: *const core::ffi::c_void) {
        ts.__lr = fptr as usize as u64;
    }
    /// `arm_thread_state64_set_pc_presigned_fptr(ts, fptr)`: on arm64 the same
    /// as [`arm_thread_state64_set_pc_fptr`] (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub fn arm_thread_state64_set_pc_presigned_fptr(ts: &mut arm_thread_state64_t, fptr: *const core::ffi::c_void) {
        ts.__pc = fptr as usize as u64;
    }
    /// `arm_thread_state64_set_lr_presigned_fptr(ts, fptr)`: on arm64 the same
    /// as [`arm_thread_state64_set_lr_fptr`] (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub fn arm_thread_state64_set_lr_presigned_fptr(ts: &mut arm_thread_state64_t, fptr: *const core::ffi::c_void) {
        ts.__lr = fptr as usize as u64;
    }
    /// `arm_thread_state64_ptrauth_strip(ts)`: nothing to strip on arm64, where
    /// the SDK defines it as `(void)(ts)` (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub const fn arm_thread_state64_ptrauth_strip(ts: &mut arm_thread_state64_t) {
        let _ = ts;
    }
    /// `ARM_STATE_FLAVOR_IS_OTHER_VALID(flavor)`: `0` in user space
    /// (`mach/arm/thread_status.h`).
    #[inline(always)]
    pub const fn ARM_STATE_FLAVOR_IS_OTHER_VALID(flavor: thread_state_flavor_t) -> bool {
        let _ = flavor;
        false
    }
}

// ---- typed NULLs (mach/message.h, mach/mig.h, mach/rpc.h, mach/error.h, ...) -----------------

/// `MACH_MSG_NULL`: `(mach_msg_header_t *)0` (`mach/message.h`).
pub const MACH_MSG_NULL: *mut mach_msg_header_t = core::ptr::null_mut();
/// `MACH_MSG_BODY_NULL`: `(mach_msg_body_t *)0` (`mach/message.h`).
pub const MACH_MSG_BODY_NULL: *mut mach_msg_body_t = core::ptr::null_mut();
/// `MACH_MSG_DESCRIPTOR_NULL`: `(mach_msg_descriptor_t *)0` (`mach/message.h`).
pub const MACH_MSG_DESCRIPTOR_NULL: *mut mach_msg_descriptor_t = core::ptr::null_mut();
/// `MACH_MSG_SIZE_NULL`: `(mach_msg_size_t *)0` (`mach/message.h`).
pub const MACH_MSG_SIZE_NULL: *mut mach_msg_size_t = core::ptr::null_mut();
/// `MACH_VOUCHER_NAME_ARRAY_NULL`: `(mach_voucher_name_array_t)0` (`mach/mach_voucher_types.h`).
pub const MACH_VOUCHER_NAME_ARRAY_NULL: mach_voucher_name_array_t = core::ptr::null_mut();
/// `MIG_ROUTINE_ARG_DESCRIPTOR_NULL` (`mach/mig.h`).
pub const MIG_ROUTINE_ARG_DESCRIPTOR_NULL: mig_routine_arg_descriptor_t = core::ptr::null_mut();
/// `MIG_ROUTINE_DESCRIPTOR_NULL` (`mach/mig.h`).
pub const MIG_ROUTINE_DESCRIPTOR_NULL: mig_routine_descriptor_t = core::ptr::null_mut();
/// `MIG_SUBSYSTEM_NULL` (`mach/mig.h`).
pub const MIG_SUBSYSTEM_NULL: mig_subsystem_t = core::ptr::null_mut();
/// `RPC_SUBSYSTEM_NULL` (`mach/rpc.h`).
pub const RPC_SUBSYSTEM_NULL: rpc_subsystem_t = core::ptr::null_mut();
/// `ERR_ROUTINE_NIL`: `(mach_error_fn_t)0` (`mach/error.h`).
pub const ERR_ROUTINE_NIL: mach_error_fn_t = None;
/// `VOUCHER_MACH_MSG_STATE_UNCHANGED`: `(voucher_mach_msg_state_t)~0ul`
/// (`mach/mach.h`), the "leave the voucher alone" value of
/// `voucher_mach_msg_adopt`.
pub const VOUCHER_MACH_MSG_STATE_UNCHANGED: voucher_mach_msg_state_t = usize::MAX as voucher_mach_msg_state_t;

// ---- mach/message.h: other spellings -------------------------------

/// `MACH_MSG_HEADER_EMPTY`: `(mach_msg_header_t){ }`, an all-zero header
/// (`mach/message.h`).
pub const MACH_MSG_HEADER_EMPTY: mach_msg_header_t =
    mach_msg_header_t { msgh_bits: 0, msgh_size: 0, msgh_remote_port: 0, msgh_local_port: 0, msgh_voucher_port: 0, msgh_id: 0 };

/// `mach_msg_kind_t`: the old name of `mach_port_seqno_t`
/// (`#define mach_msg_kind_t mach_port_seqno_t`, `mach/message.h`).
pub type mach_msg_kind_t = mach_port_seqno_t;

// ---- time.h: the clock ids of clock_gettime_nsec_np --------------------------------------------

/// The `clockid_t` values (`time.h`) that `clock_gettime_nsec_np` takes:
/// the `libc` crate's, re-exported, as `clockid_t` is.
pub use libc::{
    CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_MONOTONIC_RAW_APPROX, CLOCK_PROCESS_CPUTIME_ID, CLOCK_REALTIME, CLOCK_THREAD_CPUTIME_ID, CLOCK_UPTIME_RAW,
    CLOCK_UPTIME_RAW_APPROX,
};
