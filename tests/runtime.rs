//! Runtime tests: real calls into libSystem. They run on macOS (the
//! `macos` GitHub workflow, on arm64 and x86_64 runners). On Linux,
//! `cargo xtask test` compiles and links them for both Darwin targets with
//! zig against `libSystem.tbd`, so they cannot rot.
#![cfg(target_os = "macos")]

use core::ffi::{c_char, c_int, c_void};
use core::mem::{size_of, MaybeUninit};
use darwin_sys::*;

fn kr(r: kern_return_t, what: &str) {
    assert_eq!(r, KERN_SUCCESS, "{what} failed: {r}");
}

#[test]
fn mach_task_self_is_the_task_port() {
    let me = mach_task_self();
    assert!(MACH_PORT_VALID(me));
    assert_eq!(me, unsafe { mach_task_self_ });
    let mut t: mach_port_name_t = 0;
    kr(unsafe { task_for_pid(me, libc::getpid(), &mut t) }, "task_for_pid(self)");
    assert_eq!(t, me);
    let mut pid = 0;
    kr(unsafe { pid_for_task(me, &mut pid) }, "pid_for_task");
    assert_eq!(pid, unsafe { libc::getpid() });
}

#[test]
fn task_info_basic() {
    let mut info = MaybeUninit::<mach_task_basic_info_data_t>::zeroed();
    let mut count = MACH_TASK_BASIC_INFO_COUNT;
    assert_eq!(count as usize * 4, size_of::<mach_task_basic_info_data_t>());
    kr(
        unsafe { task_info(mach_task_self(), MACH_TASK_BASIC_INFO, info.as_mut_ptr() as task_info_t, &mut count) },
        "task_info",
    );
    let info = unsafe { info.assume_init() };
    assert!({ info.resident_size } > 0);
}

#[test]
fn threads_and_thread_state() {
    let mut list: thread_act_array_t = core::ptr::null_mut();
    let mut n: mach_msg_type_number_t = 0;
    kr(unsafe { task_threads(mach_task_self(), &mut list, &mut n) }, "task_threads");
    assert!(n >= 1);
    let me = unsafe { mach_thread_self() };
    let mut ident = MaybeUninit::<thread_identifier_info_data_t>::zeroed();
    let mut count = THREAD_IDENTIFIER_INFO_COUNT;
    kr(unsafe { thread_info(me, THREAD_IDENTIFIER_INFO, ident.as_mut_ptr() as thread_info_t, &mut count) }, "thread_info");
    let mut tid = 0u64;
    assert_eq!(unsafe { pthread_threadid_np(0, &mut tid) }, 0);
    assert_eq!(unsafe { ident.assume_init() }.thread_id, tid);
    // Another thread's registers: suspend it, read its state, resume it.
    let other = (0..n as usize).map(|i| unsafe { *list.add(i) }).find(|&t| t != me);
    if let Some(t) = other {
        kr(unsafe { thread_suspend(t) }, "thread_suspend");
        #[cfg(target_arch = "aarch64")]
        let (flavor, mut count, mut state) = (ARM_THREAD_STATE64, ARM_THREAD_STATE64_COUNT, MaybeUninit::<arm_thread_state64_t>::zeroed());
        #[cfg(target_arch = "x86_64")]
        let (flavor, mut count, mut state) = (x86_THREAD_STATE64, x86_THREAD_STATE64_COUNT, MaybeUninit::<x86_thread_state64_t>::zeroed());
        let r = unsafe { thread_get_state(t, flavor as thread_state_flavor_t, state.as_mut_ptr() as thread_state_t, &mut count) };
        kr(unsafe { thread_resume(t) }, "thread_resume");
        kr(r, "thread_get_state");
        assert_eq!(count as usize * 4, size_of_val(&state));
    }
    for i in 0..n as usize {
        unsafe { mach_port_deallocate(mach_task_self(), *list.add(i)) };
    }
    unsafe { mach_port_deallocate(mach_task_self(), me) };
    kr(
        unsafe { mach_vm_deallocate(mach_task_self(), list as mach_vm_address_t, (n as usize * size_of::<thread_act_t>()) as mach_vm_size_t) },
        "mach_vm_deallocate(thread list)",
    );
}

#[test]
fn vm_allocate_write_read_protect_region() {
    let task = mach_task_self();
    let page = unsafe { vm_page_size } as mach_vm_size_t;
    let mut addr: mach_vm_address_t = 0;
    kr(unsafe { mach_vm_allocate(task, &mut addr, page, VM_FLAGS_ANYWHERE) }, "mach_vm_allocate");
    assert_eq!(mach_vm_trunc_page(addr + 1), addr);
    assert_eq!(mach_vm_round_page(addr + 1), addr + page);
    let data = *b"darwin-sys";
    kr(unsafe { mach_vm_write(task, addr, data.as_ptr() as vm_offset_t, data.len() as mach_msg_type_number_t) }, "mach_vm_write");
    let mut out = [0u8; 10];
    let mut outsize: mach_vm_size_t = 0;
    kr(unsafe { mach_vm_read_overwrite(task, addr, 10, out.as_mut_ptr() as mach_vm_address_t, &mut outsize) }, "mach_vm_read_overwrite");
    assert_eq!((&out, outsize), (&data, 10));
    kr(unsafe { mach_vm_protect(task, addr, page, 0, VM_PROT_READ) }, "mach_vm_protect");
    let (mut raddr, mut rsize) = (addr, 0 as mach_vm_size_t);
    let mut info = MaybeUninit::<vm_region_basic_info_data_64_t>::zeroed();
    let mut count = VM_REGION_BASIC_INFO_COUNT_64;
    let mut object: mach_port_t = 0;
    kr(
        unsafe { mach_vm_region(task, &mut raddr, &mut rsize, VM_REGION_BASIC_INFO_64, info.as_mut_ptr() as vm_region_info_t, &mut count, &mut object) },
        "mach_vm_region",
    );
    assert_eq!(raddr, addr);
    assert_eq!(unsafe { info.assume_init() }.protection, VM_PROT_READ);
    kr(unsafe { mach_vm_deallocate(task, addr, page) }, "mach_vm_deallocate");
}

#[repr(C)]
struct Msg {
    header: mach_msg_header_t,
    body: u64,
}

#[repr(C)]
struct RecvMsg {
    msg: Msg,
    trailer: mach_msg_trailer_t,
}

#[test]
fn mach_msg_round_trip() {
    let task = mach_task_self();
    let mut port: mach_port_t = MACH_PORT_NULL;
    kr(unsafe { mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &mut port) }, "mach_port_allocate");
    kr(unsafe { mach_port_insert_right(task, port, port, MACH_MSG_TYPE_MAKE_SEND) }, "mach_port_insert_right");
    let mut msg = Msg {
        header: mach_msg_header_t {
            msgh_bits: MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
            msgh_size: size_of::<Msg>() as mach_msg_size_t,
            msgh_remote_port: port,
            msgh_local_port: MACH_PORT_NULL,
            msgh_voucher_port: MACH_PORT_NULL,
            msgh_id: 4242,
        },
        body: 0xfeed_face,
    };
    let r = unsafe { mach_msg(&mut msg.header, MACH_SEND_MSG, msg.header.msgh_size, 0, MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) };
    assert_eq!(r, MACH_MSG_SUCCESS);
    let mut rcv = MaybeUninit::<RecvMsg>::zeroed();
    let r = unsafe {
        mach_msg(rcv.as_mut_ptr().cast(), MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, size_of::<RecvMsg>() as mach_msg_size_t, port, 1000, MACH_PORT_NULL)
    };
    assert_eq!(r, MACH_MSG_SUCCESS);
    let rcv = unsafe { rcv.assume_init() };
    assert_eq!((rcv.msg.header.msgh_id, rcv.msg.body), (4242, 0xfeed_face));
    assert_eq!(MACH_MSGH_BITS_REMOTE(rcv.msg.header.msgh_bits), 0);
    // Nothing left: a receive with a timeout times out.
    let mut again = MaybeUninit::<RecvMsg>::zeroed();
    let r = unsafe { mach_msg(again.as_mut_ptr().cast(), MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, size_of::<RecvMsg>() as u32, port, 10, MACH_PORT_NULL) };
    assert_eq!(r, MACH_RCV_TIMED_OUT);
    kr(unsafe { mach_port_mod_refs(task, port, MACH_PORT_RIGHT_RECEIVE, -1) }, "mach_port_mod_refs");
    kr(unsafe { mach_port_deallocate(task, port) }, "mach_port_deallocate");
}

extern "C" fn bump(ctx: *mut c_void) {
    unsafe { (*(ctx as *const core::sync::atomic::AtomicUsize)).fetch_add(1, core::sync::atomic::Ordering::SeqCst) };
}

#[test]
fn dispatch_queues_groups_semaphores() {
    use core::sync::atomic::{AtomicUsize, Ordering};
    let count = AtomicUsize::new(0);
    let ctx = &count as *const AtomicUsize as *mut c_void;
    unsafe {
        let serial = dispatch_queue_create(c"darwin-sys.serial".as_ptr(), DISPATCH_QUEUE_SERIAL);
        let concurrent = dispatch_queue_create(c"darwin-sys.concurrent".as_ptr(), DISPATCH_QUEUE_CONCURRENT);
        let group = dispatch_group_create();
        for _ in 0..8 {
            dispatch_group_async_f(group, concurrent, ctx, Some(bump));
        }
        dispatch_sync_f(serial, ctx, Some(bump));
        assert_eq!(dispatch_group_wait(group, DISPATCH_TIME_FOREVER), 0);
        assert_eq!(count.load(Ordering::SeqCst), 9);
        let sem = dispatch_semaphore_create(0);
        assert_ne!(dispatch_semaphore_wait(sem, dispatch_time(DISPATCH_TIME_NOW, 1_000_000)), 0, "times out");
        dispatch_semaphore_signal(sem);
        assert_eq!(dispatch_semaphore_wait(sem, DISPATCH_TIME_FOREVER), 0);
        let global = dispatch_get_global_queue(DISPATCH_QUEUE_PRIORITY_DEFAULT as isize, 0);
        assert!(!global.is_null());
        assert_eq!(dispatch_get_main_queue() as *const c_void, &raw const _dispatch_main_q as *const c_void);
        assert_eq!(CStrPtr(dispatch_queue_get_label(serial)).to_str(), "darwin-sys.serial");
        for o in [serial.into(), concurrent.into(), group.into(), sem.into()] {
            dispatch_release(o);
        }
    }
}

struct CStrPtr(*const c_char);
impl CStrPtr {
    fn to_str(&self) -> &str {
        unsafe { core::ffi::CStr::from_ptr(self.0) }.to_str().unwrap()
    }
}

#[test]
fn dispatch_timer_source() {
    use core::sync::atomic::{AtomicUsize, Ordering};
    let fired = AtomicUsize::new(0);
    unsafe {
        let q = dispatch_queue_create(c"darwin-sys.timer".as_ptr(), DISPATCH_QUEUE_SERIAL);
        let src = dispatch_source_create(DISPATCH_SOURCE_TYPE_TIMER, 0, 0, q);
        dispatch_set_context(src.into(), &fired as *const _ as *mut c_void);
        dispatch_source_set_event_handler_f(src, Some(bump));
        dispatch_source_set_timer(src, dispatch_time(DISPATCH_TIME_NOW, 0), 1_000_000, 0);
        dispatch_resume(src.into());
        let t0 = std::time::Instant::now();
        while fired.load(Ordering::SeqCst) < 3 && t0.elapsed().as_secs() < 10 {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        dispatch_source_cancel(src);
        assert!(dispatch_source_testcancel(src) != 0);
        dispatch_release(src.into());
        dispatch_release(q.into());
    }
    assert!(fired.load(Ordering::SeqCst) >= 3);
}

#[test]
fn unfair_lock_and_ulock() {
    let mut lock = OS_UNFAIR_LOCK_INIT;
    unsafe {
        os_unfair_lock_lock(&mut lock);
        os_unfair_lock_assert_owner(&lock);
        assert!(!os_unfair_lock_trylock(&mut lock));
        os_unfair_lock_unlock(&mut lock);
        assert!(os_unfair_lock_trylock(&mut lock));
        os_unfair_lock_unlock(&mut lock);
    }
    // Waking a word nobody waits on: -ENOENT, as a return value with ULF_NO_ERRNO.
    let word = 0u32;
    let r = unsafe { __ulock_wake(UL_COMPARE_AND_WAIT | ULF_NO_ERRNO, &word as *const u32 as *mut c_void, 0) };
    assert_eq!(r, -libc::ENOENT);
    // A wait whose value already differs returns at once.
    let r = unsafe { __ulock_wait(UL_COMPARE_AND_WAIT | ULF_NO_ERRNO, &word as *const u32 as *mut c_void, 1, 1000) };
    assert!(r >= 0 || r == -libc::EFAULT, "{r}");
}

#[test]
fn errno_mirrors_error() {
    set_errno(EDOM);
    assert_eq!(errno(), EDOM);
    assert_eq!(unsafe { *__error() }, EDOM);
    assert_eq!(unsafe { *libc::__error() }, EDOM);
}

#[test]
fn time_and_timebase() {
    let mut tb = mach_timebase_info_data_t { numer: 0, denom: 0 };
    kr(unsafe { mach_timebase_info(&mut tb) }, "mach_timebase_info");
    assert!(tb.numer > 0 && tb.denom > 0);
    let (a, b) = unsafe { (mach_absolute_time(), mach_absolute_time()) };
    assert!(b >= a);
    assert!(unsafe { mach_continuous_time() } >= a);
}

#[test]
fn sysctl_and_libproc() {
    let mut ncpu: c_int = 0;
    let mut len = size_of::<c_int>();
    assert_eq!(unsafe { sysctlbyname(c"hw.ncpu".as_ptr(), &mut ncpu as *mut c_int as *mut c_void, &mut len, core::ptr::null_mut(), 0) }, 0);
    assert!(ncpu >= 1);
    let mut mib = [CTL_HW, HW_NCPU];
    let mut ncpu2: c_int = 0;
    assert_eq!(unsafe { sysctl(mib.as_mut_ptr(), 2, &mut ncpu2 as *mut c_int as *mut c_void, &mut len, core::ptr::null_mut(), 0) }, 0);
    assert_eq!(ncpu, ncpu2);
    let mut path = [0u8; PROC_PIDPATHINFO_MAXSIZE as usize];
    let n = unsafe { proc_pidpath(libc::getpid(), path.as_mut_ptr() as *mut c_void, path.len() as u32) };
    assert!(n > 0);
    let mut info = MaybeUninit::<proc_taskinfo>::zeroed();
    let n = unsafe { proc_pidinfo(libc::getpid(), PROC_PIDTASKINFO, 0, info.as_mut_ptr() as *mut c_void, size_of::<proc_taskinfo>() as c_int) };
    assert_eq!(n as usize, size_of::<proc_taskinfo>());
}

#[test]
fn kevent64_user_event() {
    let kq = unsafe { kqueue() };
    assert!(kq >= 0);
    let mut ev = kevent64_s { ident: 7, filter: EVFILT_USER, flags: EV_ADD | EV_CLEAR, fflags: 0, data: 0, udata: 0, ext: [0; 2] };
    let none = timespec { tv_sec: 0, tv_nsec: 0 };
    assert_eq!(unsafe { kevent64(kq, &ev, 1, core::ptr::null_mut(), 0, 0, &none) }, 0);
    ev.flags = 0;
    ev.fflags = NOTE_TRIGGER;
    let mut out = MaybeUninit::<kevent64_s>::zeroed();
    assert_eq!(unsafe { kevent64(kq, &ev, 1, out.as_mut_ptr(), 1, 0, &none) }, 1);
    assert_eq!(unsafe { out.assume_init() }.ident, 7);
    unsafe { libc::close(kq) };
}

#[test]
fn copyfile_and_clonefile() {
    let dir = std::env::temp_dir().join(format!("darwin-sys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::fs::write(&a, b"contents").unwrap();
    let ca = std::ffi::CString::new(a.to_str().unwrap()).unwrap();
    let cb = std::ffi::CString::new(b.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { copyfile(ca.as_ptr(), cb.as_ptr(), core::ptr::null_mut(), COPYFILE_ALL) }, 0);
    assert_eq!(std::fs::read(&b).unwrap(), b"contents");
    assert_eq!(unsafe { renamex_np(ca.as_ptr(), cb.as_ptr(), RENAME_SWAP) }, 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn posix_spawn_with_apple_flags() {
    unsafe {
        let mut attr: posix_spawnattr_t = core::ptr::null_mut();
        assert_eq!(posix_spawnattr_init(&mut attr), 0);
        assert_eq!(posix_spawnattr_setflags(&mut attr, POSIX_SPAWN_CLOEXEC_DEFAULT as _), 0);
        assert_eq!(posix_spawnattr_set_qos_class_np(&mut attr, QOS_CLASS_UTILITY), 0);
        let mut pid: pid_t = 0;
        let argv = [c"/usr/bin/true".as_ptr() as *mut c_char, core::ptr::null_mut()];
        let env = [core::ptr::null_mut()];
        assert_eq!(posix_spawn(&mut pid, argv[0], core::ptr::null(), &attr, argv.as_ptr(), env.as_ptr()), 0);
        let mut status = 0;
        assert_eq!(libc::waitpid(pid, &mut status, 0), pid);
        assert_eq!(status, 0);
        posix_spawnattr_destroy(&mut attr);
    }
}

#[test]
fn dyld_images() {
    let n = unsafe { _dyld_image_count() };
    assert!(n > 1);
    let h = unsafe { _dyld_get_image_header(0) };
    assert_eq!(unsafe { (*h).magic }, MH_MAGIC_64);
    let path = unsafe { dyld_image_path_containing_address(dyld_images as *const c_void) };
    assert!(!path.is_null());
    let mut buf = [0 as c_char; 4096];
    let mut size = buf.len() as u32;
    assert_eq!(unsafe { _NSGetExecutablePath(buf.as_mut_ptr(), &mut size) }, 0);
}

#[test]
fn exception_ports_round_trip() {
    let task = mach_task_self();
    let mut masks = [0 as exception_mask_t; EXC_TYPES_COUNT as usize];
    let mut ports = [0 as mach_port_t; EXC_TYPES_COUNT as usize];
    let mut behaviors = [0 as exception_behavior_t; EXC_TYPES_COUNT as usize];
    let mut flavors = [0 as thread_state_flavor_t; EXC_TYPES_COUNT as usize];
    let mut count: mach_msg_type_number_t = EXC_TYPES_COUNT;
    kr(
        unsafe {
            task_get_exception_ports(task, EXC_MASK_ALL, masks.as_mut_ptr(), &mut count, ports.as_mut_ptr(), behaviors.as_mut_ptr(), flavors.as_mut_ptr())
        },
        "task_get_exception_ports",
    );
    assert!(count <= EXC_TYPES_COUNT);
}

// The README's example, verbatim.
unsafe fn peek(task: task_t, addr: mach_vm_address_t, out: &mut [u8]) -> kern_return_t {
    let mut got: mach_vm_size_t = 0;
    let dest = out.as_mut_ptr() as mach_vm_address_t;
    unsafe { mach_vm_read_overwrite(task, addr, out.len() as mach_vm_size_t, dest, &mut got) }
}

fn resident_size() -> u64 {
    let me = mach_task_self(); // the C macro, as an #[inline] fn
    let mut info: mach_task_basic_info = unsafe { core::mem::zeroed() }; // libc's type
    let mut count = MACH_TASK_BASIC_INFO_COUNT; // mach_msg_type_number_t, no cast
    let info_ptr = &mut info as *mut mach_task_basic_info as task_info_t;
    let kr = unsafe { task_info(me, MACH_TASK_BASIC_INFO, info_ptr, &mut count) };
    assert_eq!(kr, KERN_SUCCESS); // KERN_* are kern_return_t
    info.resident_size
}

#[test]
fn readme_example() {
    assert!(resident_size() > 0);
    let word = 0x1234_5678u64;
    let mut out = [0u8; 8];
    assert_eq!(unsafe { peek(mach_task_self(), &word as *const u64 as mach_vm_address_t, &mut out) }, KERN_SUCCESS);
    assert_eq!(u64::from_ne_bytes(out), word);
}
