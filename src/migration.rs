//! Coming from `mach2` or from libc's Mach items: what changes.
//!
//! (A page of docs only; this module has no items.)
//!
//! # Paths: one flat namespace of C names
//!
//! `mach2` mirrors the header tree in modules (`mach2::message::mach_msg`,
//! `mach2::vm::mach_vm_read`, `mach2::task_info::MACH_TASK_BASIC_INFO`).
//! darwin-sys has every item at the crate root under its C name, as in C
//! after `#include <mach/mach.h>`:
//!
//! | `mach2` | darwin-sys |
//! | --- | --- |
//! | `mach2::kern_return::KERN_SUCCESS` | `darwin_sys::KERN_SUCCESS` |
//! | `mach2::message::{mach_msg, mach_msg_header_t}` | `darwin_sys::{mach_msg, mach_msg_header_t}` |
//! | `mach2::port::MACH_PORT_NULL` | `darwin_sys::MACH_PORT_NULL` |
//! | `mach2::traps::mach_task_self` | `darwin_sys::mach_task_self` |
//! | `mach2::vm::mach_vm_read` | `darwin_sys::mach_vm_read` |
//! | `mach2::task::task_info` (the function) and `mach2::task_info::*` (the module) | `darwin_sys::task_info` (the function) and the flavors, structs and counts beside it |
//!
//! So `use mach2::{message::*, port::*, vm::*, ...};` becomes
//! `use darwin_sys::*;`. One clash goes away: in `mach2`, `task_info` is
//! both a module (`mach2::task_info`) and a function (`mach2::task::task_info`),
//! and a glob import of both makes the name ambiguous. darwin-sys has no
//! modules, so `task_info` is only the function.
//!
//! # Constants have the type their C API takes
//!
//! The SDK declares a type for each family of constants, and darwin-sys
//! gives each constant that type, so it goes into a call without a cast:
//!
//! | constant | darwin-sys | `mach2` 0.7 | why |
//! | --- | --- | --- | --- |
//! | `EXC_BAD_ACCESS`, `EXC_CRASH`, ... | `exception_type_t` (`c_int`) | `c_uint` | the `exception` argument of `exception_raise` and `mach_exception_raise` is an `exception_type_t`, an `int` in the SDK |
//! | `EXC_MASK_*` | `exception_mask_t` (`c_uint`) | `c_uint` | the `exception_mask` argument of `task_set_exception_ports` |
//! | `KERN_*` | `kern_return_t` | `kern_return_t` | |
//! | `MACH_SEND_*`, `MACH_RCV_*` | `mach_msg_option_t` for options, `mach_msg_return_t` for return codes | the same | what `mach_msg` takes and returns |
//! | `MACH_TASK_BASIC_INFO`, `TASK_*_INFO` | `task_flavor_t` | `c_uint` | the `flavor` argument of `task_info` |
//! | `*_COUNT` | `mach_msg_type_number_t` | `u32` (the same type under another name) | the count argument of `task_info`, `thread_get_state`, ... |
//! | `VM_PROT_*` | `vm_prot_t` | `vm_prot_t` | |
//!
//! Code that did `EXC_BAD_ACCESS as exception_type_t` still compiles (the
//! cast does nothing); code that compared an `exception_type_t` with
//! `mach2`'s `u32` constants loses its casts. Masks built by shifting an
//! exception type are `1 << EXC_BAD_ACCESS` as in C, and `EXC_MASK_*` are
//! already there.
//!
//! # `mach_task_self()` is safe
//!
//! `mach2::traps::mach_task_self()` is an `unsafe fn` (it reads the
//! `mach_task_self_` global). darwin-sys's [`mach_task_self`](crate::mach_task_self)
//! is a safe `#[inline]` fn that reads the same global, which libSystem sets
//! before any Rust code runs: drop the `unsafe` block around it. What it
//! returns is the same name; it is not a new reference and must not be
//! deallocated (see the crate docs' rules).
//!
//! # Message descriptors without `new()`
//!
//! `mach2` declares the descriptors with plain `u8` fields in place of C's
//! bitfields and gives them `new()` helpers. darwin-sys has bindgen's
//! layout (a bitfield unit with accessors, `disposition()`,
//! `set_disposition()`, ...) and `const fn` constructors that fill it in:
//!
//! | `mach2` | darwin-sys |
//! | --- | --- |
//! | `mach_msg_port_descriptor_t::new(name, disposition)` | [`mach_msg_port_descriptor(name, disposition)`](crate::mach_msg_port_descriptor) |
//! | `mach_msg_ool_descriptor_t::new(address, deallocate, copy, size)` | [`mach_msg_ool_descriptor(address, size, deallocate, copy)`](crate::mach_msg_ool_descriptor) |
//! | `mach_msg_ool_ports_descriptor_t::new(address, deallocate, copy, disposition, count)` | [`mach_msg_ool_ports_descriptor(address, count, deallocate, copy, disposition)`](crate::mach_msg_ool_ports_descriptor) |
//!
//! Mind the argument order: the size or count comes right after the address.
//! Being `const fn`, they also build descriptors in `const` message
//! templates. Reading a received descriptor goes through the accessors:
//! `desc.type_()`, `desc.disposition()`, `desc.deallocate()`.
//!
//! # From libc's Mach items
//!
//! libc declares part of the Mach API for Apple targets, most of it
//! deprecated in favour of `mach2`. darwin-sys takes libc's **types** and
//! re-exports them (`mach_port_t`, `task_t`, `thread_act_t`,
//! `kern_return_t`, `mach_task_basic_info`, `thread_basic_info`,
//! `vm_statistics64`, `proc_taskinfo`, `kevent64_s`, `timespec`,
//! `posix_spawnattr_t`, `os_unfair_lock`, ... about 160 in all), so values
//! pass between the crates as they are. Exceptions: items libc marks
//! deprecated (`mach_header`, `mach_timebase_info`, ...) are darwin-sys's own,
//! from the headers, and `tcp_connection_info` is bound from the header
//! because libc's has a different size (176 bytes against the SDK's 112,
//! libc 0.2.191).
//!
//! **Constants and functions** are darwin-sys's own, declared from the
//! headers, with the SDK's types where libc's differ:
//!
//! | name | darwin-sys | libc |
//! | --- | --- | --- |
//! | `KERN_SUCCESS`, `KERN_*` | `kern_return_t` | `c_int` |
//! | `THREAD_BASIC_INFO`, `THREAD_*_INFO` | `thread_flavor_t` | `c_int` |
//! | `MACH_TASK_BASIC_INFO`, `TASK_THREAD_TIMES_INFO` | `task_flavor_t` | `u32` |
//! | `MACH_TASK_BASIC_INFO_COUNT` | `mach_msg_type_number_t` | `u32` |
//! | `HOST_VM_INFO64` | `host_flavor_t` | `i32` |
//! | `POSIX_SPAWN_SETEXEC`, `POSIX_SPAWN_*` | `c_short` (what `posix_spawnattr_setflags` takes) | `c_int` |
//! | `EVFILT_*`, `EV_*`, `NOTE_*`, `TCP_*`, `PT_*`, `PROC_PID*` | as libc (`i16`, `u16`, `u32`, `c_int`) | |
//!
//! Because both crates export these names, `use libc::*; use darwin_sys::*;`
//! makes them ambiguous: import libc's POSIX items by name, or write
//! `darwin_sys::` for the Darwin ones. `mach_absolute_time`,
//! `mach_timebase_info` and `mach_host_self` (deprecated in libc) are here
//! undeprecated.
