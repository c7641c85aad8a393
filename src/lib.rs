//! Raw FFI bindings to the Darwin (macOS) system layer: Mach IPC, tasks and
//! threads, exceptions, Mach VM, libdispatch, `os_unfair_lock` and `os_log`,
//! copyfile/clonefile, kqueue, `posix_spawn`, ptrace, sysctl and libproc,
//! dyld, errno and TCP options.
//!
//! Every item has its C name and sits at the crate root:
//! `darwin_sys::mach_vm_read`, `darwin_sys::KERN_SUCCESS`,
//! `darwin_sys::dispatch_queue_create`. Everything is `unsafe` and raw, as in
//! C; a constant has the C type its API takes (`KERN_*` are
//! `kern_return_t`, `EXC_MASK_*` `exception_mask_t`), so calls need no casts.
//! Items come from three places:
//!
//! - bindgen's output over the SDK headers listed in `wrapper.h`, committed
//!   per architecture, with the headers' comments as docs;
//! - zero-cost Rust equivalents of C macros and inline functions bindgen
//!   cannot emit, hand-written: [`mach_task_self`], [`MACH_MSGH_BITS`],
//!   [`dispatch_get_main_queue`], [`OS_UNFAIR_LOCK_INIT`], [`errno`], and the
//!   `const fn` message descriptor constructors
//!   [`mach_msg_port_descriptor`], [`mach_msg_ool_descriptor`],
//!   [`mach_msg_ool_ports_descriptor`];
//! - libSystem exports no SDK header declares ([`__ulock_wait`],
//!   [`__getdirentries64`], ...), each marked **Private API**.
//!
//! POSIX types the `libc` crate defines (`pid_t`, `timespec`, `kevent64_s`,
//! `posix_spawnattr_t`, ...) are `libc`'s own, re-exported here, and so are
//! the constants and functions libc defines identically (`KERN_SUCCESS`,
//! `EVFILT_PROC`, `sysctlbyname`, ...): `use libc::*; use darwin_sys::*;`
//! names one item for them. Names both crates define differently on purpose
//! are ambiguous under that pair of globs; import them by path. Among them:
//! `MACH_PORT_NULL` (`mach_port_t` here, `i32` in libc), `POSIX_SPAWN_*`
//! (`c_short`, what `posix_spawnattr_setflags` takes), `TH_*` (`u8`),
//! `THREAD_*_POLICY` (`thread_policy_flavor_t`), `qos_class_t` (a C typedef
//! here, a Rust enum in libc), `mach_task_self`, and the items libc marks
//! deprecated. The full list, with each reason, heads
//! `codegen/same_as_libc.rs`.
//!
//! Constants have the type their C API takes (`TRUE`/`FALSE` are
//! `boolean_t`, `EXCEPTION_DEFAULT | MACH_EXCEPTION_CODES` is an
//! `exception_behavior_t`), with the reasons in `codegen/config`. On purpose:
//! `EXC_*` are `exception_type_t` (`int`, as in the SDK; mach2 uses `u32`).
//!
//! Every Apple target (macOS, iOS and its simulators, Mac Catalyst, tvOS,
//! watchOS with `arm64_32`, visionOS, arm64e) has the bindings of its ABI;
//! each function and static is there only on the OSes whose SDK markup makes
//! it available (see the README). On other targets the crate is empty.
//!
//! # Families and features
//!
//! One cargo feature per API family, all on by default. Turn
//! `default-features` off and list the families you use to compile less.
//! On docs.rs each item shows the feature it needs.
//!
//! | feature | headers | for example |
//! | --- | --- | --- |
//! | `mach` | `mach/*.h`: messages, ports, tasks, threads, thread state, exceptions, VM, host, clocks, `mach_time.h` | [`mach_msg`], [`task_threads`], [`mach_vm_region_recurse`], [`EXC_MASK_ALL`] |
//! | `macho` | `mach-o/loader.h`, `nlist.h`, `stab.h`, `fat.h`, `reloc.h`, `compact_unwind_encoding.h`, `fixup-chains.h`, `ranlib.h` | [`mach_header_64`], [`nlist_64`] |
//! | `dyld` (needs `macho`) | `mach-o/dyld.h`, `dyld_images.h`, `getsect.h`, `crt_externs.h`, `dlfcn.h` (`dladdr`) | [`_dyld_image_count`], [`_NSGetArgv`] |
//! | `dispatch` (needs `mach`, `pthread`, `os`) | `dispatch/*.h` (blocks as pointers; use the `_f` variants) | [`dispatch_async_f`], [`dispatch_source_create`] |
//! | `os` | `os/lock.h`, `os/log.h`, `os/signpost.h`, `os/os_sync_wait_on_address.h`, `os/clock.h`, `os/workgroup*.h` | [`os_unfair_lock_lock`], [`os_log_create`], [`os_sync_wait_on_address`], [`os_workgroup_join`] |
//! | `malloc` (needs `mach`) | `malloc/malloc.h`: zones, statistics, enumeration | [`malloc_get_all_zones`], [`malloc_introspection_t`] |
//! | `files` | `copyfile.h`, `sys/clonefile.h`, `removefile.h`, `sendfile`, `renamex_np`, `shm_open` | [`fcopyfile`], [`clonefile`], [`removefile`] |
//! | `events` | `sys/event.h` | [`kevent64`], [`EVFILT_USER`] |
//! | `spawn` (needs `mach`, `pthread`) | `spawn.h`, `sys/spawn.h`, `pthread/spawn.h` | [`posix_spawnattr_setbinpref_np`] |
//! | `pthread` | `pthread/qos.h`, `sys/qos.h`, `pthread/introspection.h`, the `pthread_*_np` extensions | [`pthread_set_qos_class_self_np`], [`pthread_introspection_hook_install`] |
//! | `ptrace` | `sys/ptrace.h` | [`ptrace`], [`PT_ATTACHEXC`] |
//! | `sysinfo` (needs `mach`) | `sys/sysctl.h`, `libproc.h`, `sys/proc_info.h` | [`sysctlbyname`], [`proc_pidinfo`] |
//! | `errno` | `sys/errno.h` | [`__error`], [`errno`] |
//! | `tcp` | `netinet/tcp.h` | [`TCP_CONNECTION_INFO`], [`tcp_connection_info`] |
//! | `mig` (off by default; needs `mach`) | the MIG request/reply structs of `mach/*.h` | `__Request__task_info_t` |
//! | `bindgen` (off by default) | regenerates all of the above from your SDK at build time | |
//!
//! Items of other headers that bound items need (`__darwin_*` typedefs,
//! `struct timeval`, ...) are always on.
//!
//! On arm64e the function-pointer fields of [`malloc_zone_t`] and
//! [`malloc_introspection_t`] are signed with pointer authentication
//! (`MALLOC_ZONE_FN_PTR` in `malloc/malloc.h`), which Rust cannot call
//! through: there, use the `malloc_zone_*` functions.
//!
//! # Choosing the SDK
//!
//! By default the crate uses the committed bindings, made from the macOS SDK
//! 27.0 headers (the ones shipped in PyPI `ziglang==0.17.1`): nothing to
//! install, and it builds anywhere, docs.rs included. Layouts do drift
//! between SDKs (`task_vm_info` grew from 348 to 372 bytes since the 12.0
//! SDK); the kernel fills in what your `*_COUNT` asks for, so older layouts
//! keep working, but to bind exactly your SDK turn on feature `bindgen`. The
//! build script then runs bindgen (it needs libclang: `LIBCLANG_PATH`) over
//! the SDK named by `DARWIN_SYS_SDK`, else `SDKROOT`, else
//! `xcrun --sdk <the target's SDK> --show-sdk-path`, with the same rules as the
//! committed files. A missing SDK or libclang stops the build with one
//! paragraph that says what to do.
//!
//! # Every Apple target
//!
//! The crate builds for every 64-bit Apple target and `arm64_32` watchOS;
//! on non-Apple targets it is empty, so a dependency on it needs no `cfg`.
//! What differs per OS is in the declarations: a function the OS's SDK
//! marks unavailable, or one from a header only the macOS SDK ships
//! (`libproc.h`, `sys/ptrace.h`, `mach/mach_vm.h`, ...), carries a `cfg`
//! that leaves it out there, e.g. `mach_msg`'s
//! `#[cfg(not(any(target_os = "tvos", target_os = "watchos")))]`. A crate
//! that builds everywhere gates its uses the same way:
//!
//! ```
//! #[cfg(target_os = "macos")]
//! fn pid_path(pid: i32, buf: &mut [u8]) -> i32 {
//!     unsafe { darwin_sys::proc_pidpath(pid, buf.as_mut_ptr().cast(), buf.len() as u32) }
//! }
//! ```
//!
//! Mac Catalyst is `target_os = "ios"` with `target_abi = "macabi"`. The
//! 32-bit Apple targets (armv7k, armv7s, i386, i686) are refused by the
//! build script.
//!
//! # A worked example: this process's threads
//!
//! [`task_threads`] returns port rights and out-of-line memory, both of which
//! the caller owns and must give back:
//!
//! ```no_run
//! use darwin_sys::*;
//!
//! /// The system-wide IDs of this process's threads.
//! fn thread_ids() -> Result<Vec<u64>, kern_return_t> {
//!     let task = mach_task_self(); // safe: reads a global; nothing to release
//!     let mut threads: thread_act_array_t = core::ptr::null_mut();
//!     let mut count: mach_msg_type_number_t = 0;
//!     let kr = unsafe { task_threads(task, &mut threads, &mut count) };
//!     if kr != KERN_SUCCESS {
//!         return Err(kr);
//!     }
//!     // SAFETY: on success the reply mapped `count` thread ports at `threads`.
//!     let list = unsafe { core::slice::from_raw_parts(threads, count as usize) };
//!     let mut ids = Vec::with_capacity(list.len());
//!     for &thread in list {
//!         let mut info: thread_identifier_info_data_t = unsafe { core::mem::zeroed() };
//!         let mut n = THREAD_IDENTIFIER_INFO_COUNT; // in: room, out: filled
//!         let out = &mut info as *mut thread_identifier_info_data_t as thread_info_t;
//!         if unsafe { thread_info(thread, THREAD_IDENTIFIER_INFO, out, &mut n) } == KERN_SUCCESS {
//!             ids.push(info.thread_id);
//!         }
//!         // Each element is a send right this task now holds: release it.
//!         unsafe { mach_port_deallocate(task, thread) };
//!     }
//!     // The array is out-of-line memory the reply mapped into this task.
//!     let bytes = count as usize * core::mem::size_of::<thread_act_t>();
//!     unsafe { mach_vm_deallocate(task, threads as mach_vm_address_t, bytes as mach_vm_size_t) };
//!     Ok(ids)
//! }
//! # fn main() { let _ = thread_ids(); }
//! ```
//!
//! # The rules people get wrong
//!
//! **Port rights are counted, and you own what you are given.** A port name
//! is an index into your task's port table; each send right on it carries a
//! user-reference count. Every call that hands you a right adds a
//! reference you must give back: [`task_for_pid`], [`mach_port_allocate`],
//! [`mach_thread_self`] (a new reference on every call), [`mach_host_self`],
//! [`task_threads`] (one per element), [`task_get_exception_ports`], the
//! ports in a received message. Release a send or send-once right with
//! [`mach_port_deallocate`]; a receive right with [`mach_port_mod_refs`]
//! (`MACH_PORT_RIGHT_RECEIVE`, `-1`) or [`mach_port_destruct`]. Leaked
//! references keep ports (and threads, tasks) alive; one release too many
//! frees a name another part of the process still uses.
//!
//! **Sending moves or copies rights as the disposition says.**
//! `MACH_MSG_TYPE_MOVE_SEND` gives your reference away (do not release it
//! afterwards), `MACH_MSG_TYPE_COPY_SEND` keeps it, `MACH_MSG_TYPE_MAKE_SEND`
//! makes a new right from a receive right you hold.
//!
//! **Out-of-line memory from the kernel is yours to unmap.** Arrays and
//! buffers that arrive out of line are mapped into your address space by
//! the kernel: the `thread_act_array_t` of [`task_threads`], the `data` of
//! [`mach_vm_read`] (`dataCnt` bytes), the two arrays of
//! [`mach_port_names`], and every `MACH_MSG_OOL_DESCRIPTOR` or
//! `MACH_MSG_OOL_PORTS_DESCRIPTOR` in a message you receive with
//! [`mach_msg`]. Unmap each with [`mach_vm_deallocate`] on
//! `mach_task_self()` (its size in bytes), and release the rights an
//! out-of-line ports array holds. A received message you do not take apart
//! yourself is released whole by [`mach_msg_destroy`]. (When you send
//! with `deallocate` set, the kernel unmaps your copy.)
//! [`mach_vm_read_overwrite`] copies into your buffer instead and leaves
//! nothing to unmap.
//!
//! **`mach_task_self()` is safe and free.** It is the C macro
//! `mach_task_self()`, which reads the global `mach_task_self_` that
//! libSystem sets before `main` (and again in a forked child): no system
//! call and no new reference, so never `mach_port_deallocate` it. It names
//! your own task only inside your own task: to act on another process,
//! get its port with [`task_for_pid`] (which needs privileges: root or the
//! debugger entitlement, and is refused for protected processes) and
//! release it when done. [`mach_thread_self`], in contrast, is a call that returns
//! a new reference each time.
//!
//! **Counts are in `natural_t` units and go both ways.** The `*_COUNT`
//! argument of `task_info`, `thread_get_state` and friends says how much
//! room your buffer has (pass the matching `*_COUNT` constant, fresh for
//! each call) and comes back as how much was filled.
//!
//! **Stop a thread before reading or writing its state**
//! ([`thread_suspend`], then [`thread_get_state`]), and reply to each
//! exception message, or the faulting thread stays stopped.
//!
//! Coming from the `mach2` crate or libc's Mach items? See [`migration`].
#![no_std]
#![allow(non_camel_case_types, non_upper_case_globals, non_snake_case)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(target_vendor = "apple")]
mod generated {
    #![allow(unknown_lints, unsafe_op_in_unsafe_fn, rustdoc::all, unnecessary_transmutes, dead_code)]
    #![allow(clippy::all)]
    #[cfg(not(feature = "bindgen"))]
    #[cfg(all(target_arch = "aarch64", target_pointer_width = "64"))]
    include!("generated/aarch64.rs");
    #[cfg(not(feature = "bindgen"))]
    #[cfg(all(target_arch = "aarch64", target_pointer_width = "32"))]
    include!("generated/arm64_32.rs");
    #[cfg(not(feature = "bindgen"))]
    #[cfg(target_arch = "x86_64")]
    include!("generated/x86_64.rs");
    #[cfg(feature = "bindgen")]
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

/// The MIG request/reply message structs (feature `mig`).
#[cfg(all(target_vendor = "apple", feature = "mig"))]
mod mig {
    #![allow(unsafe_op_in_unsafe_fn, rustdoc::all, dead_code)]
    #![allow(clippy::all)]
    use crate::generated::*;
    // One file for both 64-bit ABIs (the generator checks their MIG
    // output is identical).
    #[cfg(not(feature = "bindgen"))]
    #[cfg(any(all(target_arch = "aarch64", target_pointer_width = "64"), target_arch = "x86_64"))]
    include!("generated/mig.rs");
    #[cfg(not(feature = "bindgen"))]
    #[cfg(all(target_arch = "aarch64", target_pointer_width = "32"))]
    include!("generated/arm64_32_mig.rs");
    #[cfg(feature = "bindgen")]
    include!(concat!(env!("OUT_DIR"), "/bindings_mig.rs"));
}
#[cfg(all(target_vendor = "apple", feature = "mig"))]
pub use mig::*;

#[cfg(target_vendor = "apple")]
mod descriptors;
#[cfg(target_vendor = "apple")]
mod inline;
#[cfg(target_vendor = "apple")]
mod private;
#[cfg(target_vendor = "apple")]
#[allow(unused_imports)]
pub use descriptors::*;

#[cfg(doc)]
pub mod migration;

#[cfg(target_vendor = "apple")]
pub use {generated::*, private::*};
// Empty when no family with macro equivalents is enabled.
#[cfg(target_vendor = "apple")]
#[allow(unused_imports)]
pub use inline::*;
