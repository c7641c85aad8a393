//! errno.h equivalents.

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
