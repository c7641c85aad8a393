//! Runtime tests of what every Apple OS has (Mach ports and tasks, time, VM
//! reads of one's own memory, dispatch, os_unfair_lock, errno). They run in
//! the iOS simulator in the `apple-targets` workflow (`xcrun simctl spawn`)
//! and on macOS; `cargo xtask test` compile-checks them for the iOS target.
#![cfg(target_vendor = "apple")]

use core::ffi::c_void;
use darwin_sys::*;

#[test]
fn task_port_and_basic_info() {
    let me = mach_task_self();
    assert!(MACH_PORT_VALID(me));
    let mut info: mach_task_basic_info = unsafe { core::mem::zeroed() };
    let mut count = MACH_TASK_BASIC_INFO_COUNT;
    let kr = unsafe { task_info(me, MACH_TASK_BASIC_INFO, &mut info as *mut _ as task_info_t, &mut count) };
    assert_eq!(kr, KERN_SUCCESS);
    assert!(info.resident_size > 0);
}

#[test]
fn absolute_time_advances() {
    let mut tb = mach_timebase_info_data_t { numer: 0, denom: 0 };
    assert_eq!(unsafe { mach_timebase_info(&mut tb) }, KERN_SUCCESS);
    assert!(tb.numer > 0 && tb.denom > 0);
    let a = unsafe { mach_absolute_time() };
    let b = unsafe { mach_absolute_time() };
    assert!(b >= a);
}

#[test]
fn vm_read_overwrite_of_own_memory() {
    // The older vm_* call, declared by every Apple SDK (crash reporters use it).
    let src = [7u8, 1, 2, 3, 4, 5, 6, 9];
    let mut dst = [0u8; 8];
    let mut got: vm_size_t = 0;
    let kr = unsafe { vm_read_overwrite(mach_task_self(), src.as_ptr() as vm_address_t, src.len() as vm_size_t, dst.as_mut_ptr() as vm_address_t, &mut got) };
    assert_eq!(kr, KERN_SUCCESS);
    assert_eq!((got, dst), (8, src));
}

#[test]
fn page_size_is_the_hosts() {
    let size = unsafe { vm_page_size };
    assert!(size == 4096 || size == 16384, "{size}");
    assert_eq!(mach_vm_trunc_page(size as mach_vm_offset_t + 1), size as mach_vm_offset_t);
}

#[test]
fn dispatch_runs_a_function_synchronously() {
    extern "C" fn add_one(ctx: *mut c_void) {
        unsafe { *(ctx as *mut u32) += 1 };
    }
    let mut n = 41u32;
    unsafe {
        let q = dispatch_queue_create(c"darwin-sys.test".as_ptr(), DISPATCH_QUEUE_SERIAL);
        dispatch_sync_f(q, &mut n as *mut u32 as *mut c_void, Some(add_one));
        dispatch_release(q.into());
    }
    assert_eq!(n, 42);
}

#[test]
fn unfair_lock_and_errno() {
    let mut lock = OS_UNFAIR_LOCK_INIT;
    unsafe {
        os_unfair_lock_lock(&mut lock);
        os_unfair_lock_assert_owner(&lock);
        os_unfair_lock_unlock(&mut lock);
    }
    set_errno(5);
    assert_eq!(errno(), 5);
}
