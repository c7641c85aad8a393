//! os/lock.h, os/log.h and os/workgroup*.h equivalents.

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

// ---- os/workgroup_object.h, os/workgroup_interval.h -----------------------------------

/// `OS_WORKGROUP_ATTR_INITIALIZER_DEFAULT` (`os/workgroup_object.h`): workgroup
/// attributes with the system defaults (`{ .sig = _OS_WORKGROUP_ATTR_SIG_DEFAULT_INIT }`,
/// the rest zero), for `os_workgroup_create*`. Attributes must be initialised
/// before use.
pub const OS_WORKGROUP_ATTR_INITIALIZER_DEFAULT: os_workgroup_attr_s =
    os_workgroup_attr_s { sig: _OS_WORKGROUP_ATTR_SIG_DEFAULT_INIT, opaque: [0; __OS_WORKGROUP_ATTR_SIZE__] };

/// `OS_WORKGROUP_INTERVAL_DATA_INITIALIZER` (`os/workgroup_interval.h`):
/// empty interval data (`{ .sig = _OS_WORKGROUP_INTERVAL_DATA_SIG_INIT }`, the
/// rest zero), for `os_workgroup_interval_start`/`update`/`finish`.
pub const OS_WORKGROUP_INTERVAL_DATA_INITIALIZER: os_workgroup_interval_data_s =
    os_workgroup_interval_data_s { sig: _OS_WORKGROUP_INTERVAL_DATA_SIG_INIT, opaque: [0; __OS_WORKGROUP_INTERVAL_DATA_SIZE__] };
