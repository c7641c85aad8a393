//! libdispatch equivalents.
#![allow(non_snake_case)]

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
pub const DISPATCH_QUEUE_CONCURRENT: dispatch_queue_attr_t = &raw const _dispatch_queue_attr_concurrent as dispatch_queue_attr_t;

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

// ---- dispatch/queue.h: attributes made by calls, debug assertions ---------------------

/// `DISPATCH_QUEUE_SERIAL_INACTIVE`:
/// `dispatch_queue_attr_make_initially_inactive(DISPATCH_QUEUE_SERIAL)`
/// (`dispatch/queue.h`). A call in C too, so a function here.
#[inline(always)]
pub fn DISPATCH_QUEUE_SERIAL_INACTIVE() -> dispatch_queue_attr_t {
    // SAFETY: any queue attribute, NULL included, is accepted.
    unsafe { dispatch_queue_attr_make_initially_inactive(DISPATCH_QUEUE_SERIAL) }
}

/// `DISPATCH_QUEUE_CONCURRENT_INACTIVE`:
/// `dispatch_queue_attr_make_initially_inactive(DISPATCH_QUEUE_CONCURRENT)`
/// (`dispatch/queue.h`).
#[inline(always)]
pub fn DISPATCH_QUEUE_CONCURRENT_INACTIVE() -> dispatch_queue_attr_t {
    // SAFETY: as for `DISPATCH_QUEUE_SERIAL_INACTIVE`.
    unsafe { dispatch_queue_attr_make_initially_inactive(DISPATCH_QUEUE_CONCURRENT) }
}

/// `DISPATCH_QUEUE_SERIAL_WITH_AUTORELEASE_POOL`:
/// `dispatch_queue_attr_make_with_autorelease_frequency(DISPATCH_QUEUE_SERIAL,
/// DISPATCH_AUTORELEASE_FREQUENCY_WORK_ITEM)` (`dispatch/queue.h`).
#[inline(always)]
pub fn DISPATCH_QUEUE_SERIAL_WITH_AUTORELEASE_POOL() -> dispatch_queue_attr_t {
    // SAFETY: as for `DISPATCH_QUEUE_SERIAL_INACTIVE`.
    unsafe {
        dispatch_queue_attr_make_with_autorelease_frequency(DISPATCH_QUEUE_SERIAL, DISPATCH_AUTORELEASE_FREQUENCY_WORK_ITEM as dispatch_autorelease_frequency_t)
    }
}

/// `DISPATCH_QUEUE_CONCURRENT_WITH_AUTORELEASE_POOL`:
/// `dispatch_queue_attr_make_with_autorelease_frequency(DISPATCH_QUEUE_CONCURRENT,
/// DISPATCH_AUTORELEASE_FREQUENCY_WORK_ITEM)` (`dispatch/queue.h`).
#[inline(always)]
pub fn DISPATCH_QUEUE_CONCURRENT_WITH_AUTORELEASE_POOL() -> dispatch_queue_attr_t {
    // SAFETY: as for `DISPATCH_QUEUE_SERIAL_INACTIVE`.
    unsafe {
        dispatch_queue_attr_make_with_autorelease_frequency(
            DISPATCH_QUEUE_CONCURRENT,
            DISPATCH_AUTORELEASE_FREQUENCY_WORK_ITEM as dispatch_autorelease_frequency_t,
        )
    }
}

/// `dispatch_assert_queue_debug(q)`: `dispatch_assert_queue(q)` unless C's
/// `NDEBUG` is defined (`dispatch/queue.h`); here, when `debug_assertions` are on.
///
/// # Safety
/// As for `dispatch_assert_queue`.
#[inline(always)]
pub unsafe fn dispatch_assert_queue_debug(q: dispatch_queue_t) {
    if cfg!(debug_assertions) {
        // SAFETY: the caller upholds the function's contract.
        unsafe { dispatch_assert_queue(q) }
    }
}

/// `dispatch_assert_queue_barrier_debug(q)`: `dispatch_assert_queue_barrier(q)`
/// when `debug_assertions` are on (C: unless `NDEBUG`; `dispatch/queue.h`).
///
/// # Safety
/// As for `dispatch_assert_queue_barrier`.
#[inline(always)]
pub unsafe fn dispatch_assert_queue_barrier_debug(q: dispatch_queue_t) {
    if cfg!(debug_assertions) {
        // SAFETY: the caller upholds the function's contract.
        unsafe { dispatch_assert_queue_barrier(q) }
    }
}

/// `dispatch_assert_queue_not_debug(q)`: `dispatch_assert_queue_not(q)`
/// when `debug_assertions` are on (C: unless `NDEBUG`; `dispatch/queue.h`).
///
/// # Safety
/// As for `dispatch_assert_queue_not`.
#[inline(always)]
pub unsafe fn dispatch_assert_queue_not_debug(q: dispatch_queue_t) {
    if cfg!(debug_assertions) {
        // SAFETY: the caller upholds the function's contract.
        unsafe { dispatch_assert_queue_not(q) }
    }
}

/// `dispatch_compiler_barrier()`: an empty `asm volatile` with a memory
/// clobber (`dispatch/base.h`), that is a compiler-only fence.
#[inline(always)]
pub fn dispatch_compiler_barrier() {
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

// ---- dispatch/data.h ---------------------------------------------------------------------

/// `dispatch_data_empty`: the address of `_dispatch_data_empty`
/// (`DISPATCH_GLOBAL_OBJECT(dispatch_data_t, _dispatch_data_empty)`, `dispatch/data.h`).
pub const dispatch_data_empty: dispatch_data_t = &raw const _dispatch_data_empty as dispatch_data_t;

/// `DISPATCH_DATA_DESTRUCTOR_DEFAULT`: `NULL` (`dispatch/data.h`).
pub const DISPATCH_DATA_DESTRUCTOR_DEFAULT: dispatch_block_t = core::ptr::null_mut();

/// `DISPATCH_DATA_DESTRUCTOR_FREE`: the value of the exported block
/// `_dispatch_data_destructor_free` (`dispatch/data.h`); a load, so a function.
#[inline(always)]
pub fn DISPATCH_DATA_DESTRUCTOR_FREE() -> dispatch_block_t {
    // SAFETY: a constant global of libdispatch.
    unsafe { _dispatch_data_destructor_free }
}

/// `DISPATCH_DATA_DESTRUCTOR_MUNMAP`: the value of the exported block
/// `_dispatch_data_destructor_munmap` (`dispatch/data.h`); a load, so a function.
#[inline(always)]
pub fn DISPATCH_DATA_DESTRUCTOR_MUNMAP() -> dispatch_block_t {
    // SAFETY: a constant global of libdispatch.
    unsafe { _dispatch_data_destructor_munmap }
}
