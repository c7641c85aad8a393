//! Private libSystem interfaces, bound by hand.
//!
//! **Everything in this module is private Apple API.** No header in any macOS SDK
//! declares these items: they are exported by libSystem (through `libsystem_kernel`
//! and `libdyld`) for Apple's own libraries — libpthread's locks, Libc's `readdir`,
//! dyld's introspection, Apple's debugging tools — and their declarations live only
//! in Apple's published open-source trees (xnu, dyld). Apple may change or remove any
//! of them in any macOS release without notice, and linking against them can get an
//! app rejected from the Mac App Store.
//!
//! They are kept apart from the generated bindings (which mirror the SDK headers) so
//! that using one is always a visible choice. Each item names the exact xnu or dyld
//! source file it was taken from; `codegen/compat/private.h` holds the matching C prototypes,
//! used only to verify this file, never by bindgen.
//!
//! Values and signatures here were read from Apple's open-source releases; a newer
//! macOS may differ. Prefer the public equivalents where there are any
//! (`os_unfair_lock`, `readdir`, `dladdr`).

use core::ffi::{c_char, c_int, c_short, c_void};
use libc::{off_t, size_t, ssize_t};

// ---------------------------------------------------------------------------
// User-space wait/wake on an address (xnu bsd/sys/ulock.h, bsd/kern/sys_ulock.c)
// ---------------------------------------------------------------------------

unsafe extern "C" {
    /// **Private API.** Not declared by any SDK header; may change or vanish between
    /// macOS releases; can get an app rejected from the App Store.
    ///
    /// Blocks the calling thread while the value at `addr` still equals `value`.
    /// `operation` is one `UL_*` code combined with `ULF_*` wait flags; `timeout` is in
    /// microseconds, 0 meaning no limit. Returns the number of waiters left on the
    /// address, or -1 with `errno` set (or the negated errno when [`ULF_NO_ERRNO`] is
    /// given): `ETIMEDOUT`, `EINTR`, `EFAULT`, `EINVAL`, `EDOM`, ...
    ///
    /// Source: xnu `bsd/sys/ulock.h` (prototype) and `bsd/kern/sys_ulock.c`
    /// (`sys_ulock_wait`).
    pub fn __ulock_wait(operation: u32, addr: *mut c_void, value: u64, timeout: u32) -> c_int;

    /// **Private API.** Not declared by any SDK header; may change or vanish between
    /// macOS releases; can get an app rejected from the App Store.
    ///
    /// [`__ulock_wait`] with a 64-bit `timeout` in **nanoseconds** (0 = no limit) and a
    /// second value `value2`, which the xnu sources read ignore: pass 0.
    ///
    /// Source: xnu `bsd/sys/ulock.h` (prototype) and `bsd/kern/sys_ulock.c`
    /// (`sys_ulock_wait2`).
    pub fn __ulock_wait2(operation: u32, addr: *mut c_void, value: u64, timeout: u64, value2: u64) -> c_int;

    /// **Private API.** Not declared by any SDK header; may change or vanish between
    /// macOS releases; can get an app rejected from the App Store.
    ///
    /// Wakes one waiter blocked on `addr` (all of them with [`ULF_WAKE_ALL`]; the
    /// thread whose Mach port name is `wake_value` with [`ULF_WAKE_THREAD`]).
    /// `operation` must carry the same `UL_*` code the waiters used. Returns 0, or -1
    /// with `errno` set (`ENOENT` when nobody waits), or the negated errno under
    /// [`ULF_NO_ERRNO`].
    ///
    /// Source: xnu `bsd/sys/ulock.h` (prototype) and `bsd/kern/sys_ulock.c`
    /// (`sys_ulock_wake`).
    pub fn __ulock_wake(operation: u32, addr: *mut c_void, wake_value: u64) -> c_int;
}

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_*` operation: wait while a 32-bit value is unchanged (process-private).
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_COMPARE_AND_WAIT: u32 = 1;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_*` operation: 32-bit unfair lock whose value holds the owner's thread port
/// name, so the kernel can push the owner's priority (what `os_unfair_lock` uses).
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_UNFAIR_LOCK: u32 = 2;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_*` operation: [`UL_COMPARE_AND_WAIT`] on memory shared between processes
/// (the wait is keyed by VM object and offset, not by address).
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_COMPARE_AND_WAIT_SHARED: u32 = 3;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_*` operation code reserved for a 64-bit shared unfair lock; the xnu wait
/// and wake paths read reject it with `EINVAL`.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_UNFAIR_LOCK64_SHARED: u32 = 4;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_*` operation: wait while a 64-bit value is unchanged (8-byte aligned).
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_COMPARE_AND_WAIT64: u32 = 5;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_*` operation: [`UL_COMPARE_AND_WAIT64`] on memory shared between processes.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_COMPARE_AND_WAIT64_SHARED: u32 = 6;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// Obsolete name of [`UL_COMPARE_AND_WAIT`].
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_OSSPINLOCK: u32 = UL_COMPARE_AND_WAIT;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// Obsolete name of [`UL_UNFAIR_LOCK`].
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_HANDOFFLOCK: u32 = UL_UNFAIR_LOCK;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_wake` debugging operation, honoured only by DEVELOPMENT/DEBUG kernels
/// (release kernels answer `EINVAL`): makes the kernel fake copyin faults.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_DEBUG_SIMULATE_COPYIN_FAULT: u32 = 253;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_wake` debugging operation, honoured only by DEVELOPMENT/DEBUG kernels:
/// dumps the kernel's whole ulock hash table.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_DEBUG_HASH_DUMP_ALL: u32 = 254;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_wake` debugging operation, honoured only by DEVELOPMENT/DEBUG kernels:
/// dumps the calling process's ulock hash entries.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_DEBUG_HASH_DUMP_PID: u32 = 255;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_wake` flag: wake every waiter instead of one.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const ULF_WAKE_ALL: u32 = 0x0000_0100;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_wake` flag: wake only the thread whose port name is passed as `wake_value`.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const ULF_WAKE_THREAD: u32 = 0x0000_0200;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_wake` flag for [`UL_UNFAIR_LOCK`]: let a thread that is not the recorded
/// owner issue the wake.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const ULF_WAKE_ALLOW_NON_OWNER: u32 = 0x0000_0400;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_wait` flag: the waiter contends for global data, so the workqueue should
/// not start extra threads to make up for it.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const ULF_WAIT_WORKQ_DATA_CONTENTION: u32 = 0x0001_0000;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_wait` flag: the wait is a pthread cancellation point.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const ULF_WAIT_CANCEL_POINT: u32 = 0x0002_0000;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// `__ulock_wait` flag for [`UL_UNFAIR_LOCK`]: spin briefly while the owner is running
/// on a CPU before blocking.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const ULF_WAIT_ADAPTIVE_SPIN: u32 = 0x0004_0000;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// Flag for both calls: report errors as a negative return value instead of -1 and
/// `errno`.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const ULF_NO_ERRNO: u32 = 0x0100_0000;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// Bits of `operation` that hold the `UL_*` code.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_OPCODE_MASK: u32 = 0x0000_00FF;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// Bits of `operation` that hold `ULF_*` flags.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const UL_FLAGS_MASK: u32 = 0xFFFF_FF00;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// Bits of `operation` for wait and generic flags (bits 16-31).
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const ULF_GENERIC_MASK: u32 = 0xFFFF_0000;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// Every flag `__ulock_wait` accepts; any other flag bit gives `EINVAL`.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const ULF_WAIT_MASK: u32 = ULF_NO_ERRNO | ULF_WAIT_WORKQ_DATA_CONTENTION | ULF_WAIT_CANCEL_POINT | ULF_WAIT_ADAPTIVE_SPIN;

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// Every flag `__ulock_wake` accepts; any other flag bit gives `EINVAL`.
///
/// Source: xnu `bsd/sys/ulock.h`.
pub const ULF_WAKE_MASK: u32 = ULF_NO_ERRNO | ULF_WAKE_ALL | ULF_WAKE_THREAD | ULF_WAKE_ALLOW_NON_OWNER;

// ---------------------------------------------------------------------------
// Directory reading (xnu bsd/kern/syscalls.master) and dyld (dyld_priv.h)
// ---------------------------------------------------------------------------

unsafe extern "C" {
    /// **Private API.** Not declared by any SDK header; may change or vanish between
    /// macOS releases; can get an app rejected from the App Store.
    ///
    /// The raw `getdirentries64` system call beneath Libc's `readdir`: fills `buf`
    /// (`bufsize` bytes) with variable-length `struct dirent` records from the open
    /// directory `fd`, and stores the directory offset of the block in `*position`.
    /// Returns the number of bytes written, 0 at the end of the directory, or -1 with
    /// `errno` set. `bufsize` must be at least one maximal `dirent`.
    ///
    /// Source: xnu `bsd/kern/syscalls.master` (syscall 344, `getdirentries64`).
    pub fn __getdirentries64(fd: c_int, buf: *mut c_void, bufsize: size_t, position: *mut off_t) -> ssize_t;

    /// **Private API.** Not declared by any SDK header; may change or vanish between
    /// macOS releases; can get an app rejected from the App Store.
    ///
    /// The install path of the loaded Mach-O image whose segments contain `addr`, or
    /// null when no image does. The string belongs to dyld and stays valid while the
    /// image is loaded. The public route to the same answer is `dladdr`.
    ///
    /// Source: dyld `include/mach-o/dyld_priv.h`.
    pub fn dyld_image_path_containing_address(addr: *const c_void) -> *const c_char;
}

// ---------------------------------------------------------------------------
// posix_spawn attribute flags (xnu bsd/sys/spawn.h, PRIVATE block)
// ---------------------------------------------------------------------------

/// **Private API.** Not declared by any SDK header; may change or vanish between macOS
/// releases; can get an app rejected from the App Store.
///
/// Flag for `posix_spawnattr_setflags` (whose flags argument is a C `short`): start the
/// child without address-space layout randomization. Debuggers use it; arm64e binaries
/// may ignore it.
///
/// Source: xnu `bsd/sys/spawn.h` (inside `#ifdef PRIVATE`).
pub const _POSIX_SPAWN_DISABLE_ASLR: c_short = 0x0100;
