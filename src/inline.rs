//! Zero-cost Rust equivalents of C macros and `static inline` functions that
//! bindgen cannot emit. Hand-written; each item names what it mirrors.
//!
//! Every item here is a `const`, a `const fn` or an `#[inline]` fn over the
//! generated declarations: no call goes through a C shim. `cargo xtask verify`
//! checks each against the C macro it mirrors (values over sample inputs, and
//! for the ones that read a global, the symbol the code refers to).

// Each family's items compile with its feature, like the generated ones.

#[cfg(feature = "mach")]
pub use mach_macros::*;
#[cfg(feature = "mach")]
mod mach_macros {
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
pub const fn MACH_MSGH_BITS_SET_PORTS(
    remote: mach_msg_type_name_t,
    local: mach_msg_type_name_t,
    voucher: mach_msg_type_name_t,
) -> mach_msg_bits_t {
    (remote & MACH_MSGH_BITS_REMOTE_MASK)
        | ((local << 8) & MACH_MSGH_BITS_LOCAL_MASK)
        | ((voucher << 16) & MACH_MSGH_BITS_VOUCHER_MASK)
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
    x & !(unsafe { vm_page_mask } as mach_vm_offset_t)
}

/// `mach_vm_round_page(x)`: round up to the host page (`mach/vm_page_size.h`).
#[inline(always)]
pub fn mach_vm_round_page(x: mach_vm_offset_t) -> mach_vm_offset_t {
    // SAFETY: as for `mach_vm_trunc_page`.
    let mask = unsafe { vm_page_mask } as mach_vm_offset_t;
    x.wrapping_add(mask) & !mask
}
}

#[cfg(feature = "dispatch")]
pub use dispatch_macros::*;
#[cfg(feature = "dispatch")]
mod dispatch_macros {
    use crate::generated::*;

// ---- dispatch/queue.h, dispatch/source.h -------------------------------------------

/// `DISPATCH_QUEUE_SERIAL`: `NULL` (`dispatch/queue.h`).
pub const DISPATCH_QUEUE_SERIAL: dispatch_queue_attr_t = core::ptr::null_mut();

/// `DISPATCH_TARGET_QUEUE_DEFAULT`: `NULL` (`dispatch/queue.h`).
pub const DISPATCH_TARGET_QUEUE_DEFAULT: dispatch_queue_t = core::ptr::null_mut();

/// `DISPATCH_CURRENT_QUEUE_LABEL`: `NULL` (`dispatch/queue.h`).
pub const DISPATCH_CURRENT_QUEUE_LABEL: dispatch_queue_t = core::ptr::null_mut();

/// `DISPATCH_APPLY_AUTO`: `NULL` (`dispatch/queue.h`).
pub const DISPATCH_APPLY_AUTO: dispatch_queue_t = core::ptr::null_mut();

/// `DISPATCH_QUEUE_CONCURRENT`: the address of `_dispatch_queue_attr_concurrent`
/// (`DISPATCH_GLOBAL_OBJECT(dispatch_queue_attr_t,
/// _dispatch_queue_attr_concurrent)`, `dispatch/queue.h`).
pub const DISPATCH_QUEUE_CONCURRENT: dispatch_queue_attr_t =
    &raw const _dispatch_queue_attr_concurrent as dispatch_queue_attr_t;

/// `dispatch_get_main_queue()`: the address of `_dispatch_main_q`
/// (`DISPATCH_INLINE` function in `dispatch/queue.h`).
#[inline(always)]
pub fn dispatch_get_main_queue() -> dispatch_queue_main_t {
    &raw const _dispatch_main_q as dispatch_queue_main_t
}

macro_rules! source_types {
    ($($name:ident = $sym:ident;)*) => {$(
        #[doc = concat!("`", stringify!($name), "`: `&", stringify!($sym), "` (`dispatch/source.h`).")]
        pub const $name: dispatch_source_type_t = &raw const $sym as dispatch_source_type_t;
    )*};
}

source_types! {
    DISPATCH_SOURCE_TYPE_DATA_ADD = _dispatch_source_type_data_add;
    DISPATCH_SOURCE_TYPE_DATA_OR = _dispatch_source_type_data_or;
    DISPATCH_SOURCE_TYPE_DATA_REPLACE = _dispatch_source_type_data_replace;
    DISPATCH_SOURCE_TYPE_MACH_SEND = _dispatch_source_type_mach_send;
    DISPATCH_SOURCE_TYPE_MACH_RECV = _dispatch_source_type_mach_recv;
    DISPATCH_SOURCE_TYPE_MEMORYPRESSURE = _dispatch_source_type_memorypressure;
    DISPATCH_SOURCE_TYPE_PROC = _dispatch_source_type_proc;
    DISPATCH_SOURCE_TYPE_READ = _dispatch_source_type_read;
    DISPATCH_SOURCE_TYPE_SIGNAL = _dispatch_source_type_signal;
    DISPATCH_SOURCE_TYPE_TIMER = _dispatch_source_type_timer;
    DISPATCH_SOURCE_TYPE_VNODE = _dispatch_source_type_vnode;
    DISPATCH_SOURCE_TYPE_WRITE = _dispatch_source_type_write;
}

// ---- dispatch/object.h: `dispatch_object_t` ---------------------------------------

macro_rules! dispatch_objects {
    ($($ty:ident => $field:ident,)*) => {$(
        #[doc = concat!(
            "`", stringify!($ty), "` converts to `dispatch_object_t` as C's ",
            "`__transparent_union__` does implicitly (`dispatch/object.h`): a move of ",
            "the pointer into the union's `", stringify!($field), "` member."
        )]
        impl From<$ty> for dispatch_object_t {
            #[inline(always)]
            fn from(p: $ty) -> Self {
                dispatch_object_t { $field: p }
            }
        }
    )*};
}

dispatch_objects! {
    dispatch_queue_t => _dq,
    dispatch_queue_attr_t => _dqa,
    dispatch_group_t => _dg,
    dispatch_source_t => _ds,
    dispatch_semaphore_t => _dsema,
    dispatch_data_t => _ddata,
    dispatch_io_t => _dchannel,
}
}

#[cfg(feature = "os")]
pub use os_macros::*;
#[cfg(feature = "os")]
mod os_macros {
    use crate::generated::*;

// ---- os/lock.h, os/log.h --------------------------------------------------------------

/// `OS_UNFAIR_LOCK_INIT`: an unlocked `os_unfair_lock` (`((os_unfair_lock){0})`,
/// `os/lock.h`). `os_unfair_lock` is the `libc` crate's type, whose fields are
/// private, so this is libc's constant, re-exported.
pub use libc::OS_UNFAIR_LOCK_INIT;

/// `OS_LOG_DEFAULT`: the address of `_os_log_default` (`os/log.h`).
pub const OS_LOG_DEFAULT: os_log_t = &raw const _os_log_default as os_log_t;

/// `OS_LOG_DISABLED`: `NULL` (`os/log.h`).
pub const OS_LOG_DISABLED: os_log_t = core::ptr::null_mut();
}

#[cfg(feature = "errno")]
pub use errno_macros::*;
#[cfg(feature = "errno")]
mod errno_macros {
    use crate::generated::*;
    use core::ffi::c_int;

// ---- errno.h ------------------------------------------------------------------------------

/// `errno`: `(*__error())` (`sys/errno.h`), read.
#[inline(always)]
pub fn errno() -> c_int {
    // SAFETY: `__error` returns this thread's errno slot, always valid.
    unsafe { *__error() }
}

/// `errno = value` (`sys/errno.h`), written.
#[inline(always)]
pub fn set_errno(value: c_int) {
    // SAFETY: as for `errno`.
    unsafe { *__error() = value }
}
}

