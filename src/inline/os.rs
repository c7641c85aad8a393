//! os/lock.h, os/log.h equivalents.

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
