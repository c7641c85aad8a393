//! `arm_thread_state64_t` accessors for arm64e targets (`arm64e-apple-*`:
//! the build script sets `cfg(darwin_sys_arm64e)`, as Rust has no cfg that
//! tells arm64e from arm64).
//!
//! An arm64e process receives thread state whose `pc`, `lr`, `sp` and `fp`
//! carry pointer-authentication signatures unless the flags word (`__pad`
//! here, `__opaque_flags` in C) has `__DARWIN_ARM_THREAD_STATE64_FLAGS_NO_PTRAUTH`
//! (`mach/arm/_structs.h`). C's arm64e accessors authenticate them; these
//! strip them (`xpaci` for code, `xpacd` for data pointers), which gives the
//! same address whenever C's authentication would succeed, and the address
//! rather than a poisoned pointer otherwise. rustc does not implement the
//! arm64e pointer-authentication ABI, so Rust code calls unsigned function
//! pointers: the `_fptr` getters return the stripped address too.
//!
//! Writing thread state for an arm64e thread needs values signed with the
//! process-independent keys and C's string discriminators; Rust has no
//! intrinsics for that, so the setters are not provided on arm64e (a use is a
//! compile error, not a thread resumed at a poisoned address). Strip with
//! [`arm_thread_state64_ptrauth_strip`] to read.

use crate::generated::*;

/// `__DARWIN_ARM_THREAD_STATE64_FLAGS_NO_PTRAUTH` (`mach/arm/_structs.h`,
/// arm64e only): the fields are not signed.
pub const __DARWIN_ARM_THREAD_STATE64_FLAGS_NO_PTRAUTH: u32 = 0x1;
/// `__DARWIN_ARM_THREAD_STATE64_FLAGS_IB_SIGNED_LR` (`mach/arm/_structs.h`).
pub const __DARWIN_ARM_THREAD_STATE64_FLAGS_IB_SIGNED_LR: u32 = 0x2;
/// `__DARWIN_ARM_THREAD_STATE64_FLAGS_KERNEL_SIGNED_PC` (`mach/arm/_structs.h`).
pub const __DARWIN_ARM_THREAD_STATE64_FLAGS_KERNEL_SIGNED_PC: u32 = 0x4;
/// `__DARWIN_ARM_THREAD_STATE64_FLAGS_KERNEL_SIGNED_LR` (`mach/arm/_structs.h`).
pub const __DARWIN_ARM_THREAD_STATE64_FLAGS_KERNEL_SIGNED_LR: u32 = 0x8;

/// `ptrauth_strip(p, <an instruction key>)`: `xpaci`.
#[inline(always)]
fn strip_code(mut p: u64) -> u64 {
    // SAFETY: `xpaci` only clears the signature bits of a register.
    unsafe { core::arch::asm!("xpaci {0}", inout(reg) p, options(pure, nomem, nostack, preserves_flags)) };
    p
}

/// `ptrauth_strip(p, <a data key>)`: `xpacd`.
#[inline(always)]
fn strip_data(mut p: u64) -> u64 {
    // SAFETY: `xpacd` only clears the signature bits of a register.
    unsafe { core::arch::asm!("xpacd {0}", inout(reg) p, options(pure, nomem, nostack, preserves_flags)) };
    p
}

#[inline(always)]
const fn signed(ts: &arm_thread_state64_t, v: u64) -> bool {
    v != 0 && ts.__pad & __DARWIN_ARM_THREAD_STATE64_FLAGS_NO_PTRAUTH == 0
}

/// `arm_thread_state64_get_pc(ts)` on arm64e: `pc` without its signature
/// (`mach/arm/thread_status.h`; C authenticates, see the module docs).
#[inline(always)]
pub fn arm_thread_state64_get_pc(ts: &arm_thread_state64_t) -> u64 {
    if signed(ts, ts.__pc) { strip_code(ts.__pc) } else { ts.__pc }
}
/// `arm_thread_state64_get_lr(ts)` on arm64e: `lr` without its signature
/// (`mach/arm/thread_status.h`).
#[inline(always)]
pub fn arm_thread_state64_get_lr(ts: &arm_thread_state64_t) -> u64 {
    if signed(ts, ts.__lr) { strip_code(ts.__lr) } else { ts.__lr }
}
/// `arm_thread_state64_get_sp(ts)` on arm64e: `sp` without its signature
/// (`mach/arm/thread_status.h`).
#[inline(always)]
pub fn arm_thread_state64_get_sp(ts: &arm_thread_state64_t) -> u64 {
    if signed(ts, ts.__sp) { strip_data(ts.__sp) } else { ts.__sp }
}
/// `arm_thread_state64_get_fp(ts)` on arm64e: `fp` without its signature
/// (`mach/arm/thread_status.h`).
#[inline(always)]
pub fn arm_thread_state64_get_fp(ts: &arm_thread_state64_t) -> u64 {
    if signed(ts, ts.__fp) { strip_data(ts.__fp) } else { ts.__fp }
}
/// `arm_thread_state64_get_pc_fptr(ts)` on arm64e: the stripped `pc` as a
/// pointer (`mach/arm/thread_status.h`; Rust calls unsigned pointers).
#[inline(always)]
pub fn arm_thread_state64_get_pc_fptr(ts: &arm_thread_state64_t) -> *mut core::ffi::c_void {
    arm_thread_state64_get_pc(ts) as usize as *mut core::ffi::c_void
}
/// `arm_thread_state64_get_lr_fptr(ts)` on arm64e: the stripped `lr` as a
/// pointer (`mach/arm/thread_status.h`).
#[inline(always)]
pub fn arm_thread_state64_get_lr_fptr(ts: &arm_thread_state64_t) -> *mut core::ffi::c_void {
    arm_thread_state64_get_lr(ts) as usize as *mut core::ffi::c_void
}
/// `arm_thread_state64_ptrauth_strip(ts)` on arm64e, as C does it
/// (`mach/arm/_structs.h`): strips `pc`, `sp`, `fp` (unless the state is
/// unsigned) and `lr` (unless unsigned or signed with the B key), then marks
/// the state unsigned and no longer kernel-signed.
#[inline(always)]
pub fn arm_thread_state64_ptrauth_strip(ts: &mut arm_thread_state64_t) {
    let f = ts.__pad;
    if f & __DARWIN_ARM_THREAD_STATE64_FLAGS_NO_PTRAUTH == 0 {
        ts.__pc = strip_code(ts.__pc);
        ts.__sp = strip_data(ts.__sp);
        ts.__fp = strip_data(ts.__fp);
    }
    if f & (__DARWIN_ARM_THREAD_STATE64_FLAGS_NO_PTRAUTH | __DARWIN_ARM_THREAD_STATE64_FLAGS_IB_SIGNED_LR) == 0 {
        ts.__lr = strip_code(ts.__lr);
    }
    ts.__pad = (f | __DARWIN_ARM_THREAD_STATE64_FLAGS_NO_PTRAUTH)
        & !(__DARWIN_ARM_THREAD_STATE64_FLAGS_KERNEL_SIGNED_PC | __DARWIN_ARM_THREAD_STATE64_FLAGS_KERNEL_SIGNED_LR);
}
/// `ARM_STATE_FLAVOR_IS_OTHER_VALID(flavor)`: `0` in user space
/// (`mach/arm/thread_status.h`).
#[inline(always)]
pub const fn ARM_STATE_FLAVOR_IS_OTHER_VALID(flavor: thread_state_flavor_t) -> bool {
    let _ = flavor;
    false
}
