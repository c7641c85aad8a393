//! sys/event.h equivalents.
#![allow(non_snake_case)]

use crate::generated::*;
use core::ffi::c_void;

/// `EV_SET(kevp, ident, filter, flags, fflags, data, udata)`: fill a
/// `struct kevent` field by field (`sys/event.h`).
#[inline(always)]
pub fn EV_SET(kevp: &mut kevent, ident: usize, filter: i16, flags: u16, fflags: u32, data: isize, udata: *mut c_void) {
    kevp.ident = ident as _;
    kevp.filter = filter as _;
    kevp.flags = flags as _;
    kevp.fflags = fflags as _;
    kevp.data = data as _;
    kevp.udata = udata as _;
}

/// `EV_SET64(kevp, ident, filter, flags, fflags, data, udata, ext0, ext1)`:
/// fill a `struct kevent64_s` field by field (`sys/event.h`).
#[inline(always)]
// The C macro's nine arguments, in its order.
#[allow(clippy::too_many_arguments)]
pub fn EV_SET64(kevp: &mut kevent64_s, ident: u64, filter: i16, flags: u16, fflags: u32, data: i64, udata: u64, ext0: u64, ext1: u64) {
    kevp.ident = ident as _;
    kevp.filter = filter as _;
    kevp.flags = flags as _;
    kevp.fflags = fflags as _;
    kevp.data = data as _;
    kevp.udata = udata as _;
    kevp.ext[0] = ext0;
    kevp.ext[1] = ext1;
}
