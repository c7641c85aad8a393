//! Runtime tests: real calls into libSystem, the way a debugger, profiler,
//! crash reporter or process supervisor makes them. They run on macOS (the
//! `macos` GitHub workflow, on arm64 and x86_64 runners). On Linux,
//! `cargo xtask test` compiles and links them for both Darwin targets with
//! zig against `libSystem.tbd`, so they cannot rot.
//!
//! Every test asserts on what the kernel or libSystem answered. Tests that
//! need a second process start this same test binary again with
//! `DARWIN_SYS_CHILD=<role>` and run the ignored `child_process` test, which
//! plays the role and reports through its exit status.
#![cfg(target_os = "macos")]

use core::ffi::{c_char, c_int, c_short, c_void};
use core::mem::{MaybeUninit, size_of};
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use darwin_sys::*;
use std::ffi::CString;
use std::time::{Duration, Instant};

fn kr(r: kern_return_t, what: &str) {
    assert_eq!(r, KERN_SUCCESS, "{what} failed: {r:#x}");
}

/// A temporary directory under `$TMPDIR`, removed when dropped (also when
/// an assertion fails and the test unwinds).
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let p = std::env::temp_dir().join(format!("darwin-sys-{tag}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn c(&self, name: &str) -> CString {
        CString::new(self.0.join(name).to_str().unwrap()).unwrap()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------
// Tasks and ports

#[test]
fn mach_task_self_is_the_task_port() {
    let me = mach_task_self();
    assert!(MACH_PORT_VALID(me));
    // The name holds a send right to a task port...
    let mut ty: mach_port_type_t = 0;
    kr(unsafe { mach_port_type(me, me, &mut ty) }, "mach_port_type");
    assert_ne!(ty & MACH_PORT_TYPE_SEND, 0, "type {ty:#x}");
    // ...to this task: the kernel maps it back to our pid, and task_for_pid
    // on ourselves names the same port.
    let mut pid = 0;
    kr(unsafe { pid_for_task(me, &mut pid) }, "pid_for_task");
    assert_eq!(pid, unsafe { libc::getpid() });
    let mut t: mach_port_name_t = 0;
    kr(unsafe { task_for_pid(me, libc::getpid(), &mut t) }, "task_for_pid(self)");
    assert_eq!(t, me);
}

#[test]
fn task_info_basic() {
    let mut info = MaybeUninit::<mach_task_basic_info_data_t>::zeroed();
    let mut count = MACH_TASK_BASIC_INFO_COUNT;
    assert_eq!(count as usize * 4, size_of::<mach_task_basic_info_data_t>());
    kr(unsafe { task_info(mach_task_self(), MACH_TASK_BASIC_INFO, info.as_mut_ptr() as task_info_t, &mut count) }, "task_info");
    assert_eq!(count, MACH_TASK_BASIC_INFO_COUNT);
    let info = unsafe { info.assume_init() };
    assert!({ info.resident_size } > 0);
}

#[test]
fn vm_page_size_is_the_hardware_page() {
    let page = unsafe { vm_page_size };
    #[cfg(target_arch = "aarch64")]
    assert_eq!(page, 16384);
    #[cfg(target_arch = "x86_64")]
    assert_eq!(page, 4096);
    assert_eq!(page as libc::c_long, unsafe { libc::sysconf(libc::_SC_PAGESIZE) });
}

// ---------------------------------------------------------------------------
// Threads and thread state

/// A thread parked in the kernel (blocked on a channel) until released,
/// with its Mach port, 64-bit thread id and stack bounds.
struct Parked {
    port: thread_act_t,
    tid: u64,
    stack: core::ops::Range<u64>,
    release: std::sync::mpsc::Sender<()>,
    handle: std::thread::JoinHandle<()>,
}

fn park_a_thread() -> Parked {
    let (tx_info, rx_info) = std::sync::mpsc::channel();
    let (release, rx_release) = std::sync::mpsc::channel::<()>();
    let handle = std::thread::spawn(move || {
        // pthread_mach_thread_np: the thread's port name, no new reference.
        let port = unsafe { pthread_mach_thread_np(libc::pthread_self()) };
        let mut tid = 0u64;
        assert_eq!(unsafe { pthread_threadid_np(0 as pthread_t, &mut tid) }, 0);
        // The stack grows down from pthread_get_stackaddr_np.
        let me = unsafe { libc::pthread_self() };
        let top = unsafe { pthread_get_stackaddr_np(me) } as u64;
        let size = unsafe { pthread_get_stacksize_np(me) } as u64;
        tx_info.send((port, tid, top - size..top)).unwrap();
        let _ = rx_release.recv();
    });
    let (port, tid, stack) = rx_info.recv().unwrap();
    // Let it reach the blocking receive.
    std::thread::sleep(Duration::from_millis(20));
    Parked { port, tid, stack, release, handle }
}

#[cfg(target_arch = "aarch64")]
type GpState = arm_thread_state64_t;
#[cfg(target_arch = "aarch64")]
const GP_FLAVOR: thread_state_flavor_t = ARM_THREAD_STATE64 as thread_state_flavor_t;
#[cfg(target_arch = "aarch64")]
const GP_COUNT: mach_msg_type_number_t = ARM_THREAD_STATE64_COUNT as mach_msg_type_number_t;
#[cfg(target_arch = "x86_64")]
type GpState = x86_thread_state64_t;
#[cfg(target_arch = "x86_64")]
const GP_FLAVOR: thread_state_flavor_t = x86_THREAD_STATE64 as thread_state_flavor_t;
#[cfg(target_arch = "x86_64")]
const GP_COUNT: mach_msg_type_number_t = x86_THREAD_STATE64_COUNT as mach_msg_type_number_t;

/// (pc, sp) of a thread state.
fn pc_sp(s: &GpState) -> (u64, u64) {
    #[cfg(target_arch = "aarch64")]
    return (s.__pc, s.__sp);
    #[cfg(target_arch = "x86_64")]
    return (s.__rip, s.__rsp);
}

fn set_pc(s: &mut GpState, pc: u64) {
    #[cfg(target_arch = "aarch64")]
    {
        s.__pc = pc;
    }
    #[cfg(target_arch = "x86_64")]
    {
        s.__rip = pc;
    }
}

fn get_state(thread: thread_act_t) -> GpState {
    let mut state = MaybeUninit::<GpState>::zeroed();
    let mut count = GP_COUNT;
    kr(unsafe { thread_get_state(thread, GP_FLAVOR, state.as_mut_ptr() as thread_state_t, &mut count) }, "thread_get_state");
    assert_eq!(count as usize * 4, size_of::<GpState>());
    unsafe { state.assume_init() }
}

#[test]
fn threads_and_thread_state() {
    let parked = park_a_thread();
    // task_threads lists it (a send right per thread, and the array is
    // out-of-line memory we own).
    let mut list: thread_act_array_t = core::ptr::null_mut();
    let mut n: mach_msg_type_number_t = 0;
    kr(unsafe { task_threads(mach_task_self(), &mut list, &mut n) }, "task_threads");
    let threads: Vec<thread_act_t> = (0..n as usize).map(|i| unsafe { *list.add(i) }).collect();
    assert!(threads.contains(&parked.port), "{:?} lacks {}", threads, parked.port);
    // thread_info on the parked thread: its id is the one it reported.
    let mut ident = MaybeUninit::<thread_identifier_info_data_t>::zeroed();
    let mut count = THREAD_IDENTIFIER_INFO_COUNT;
    kr(
        unsafe { thread_info(parked.port, THREAD_IDENTIFIER_INFO as thread_flavor_t, ident.as_mut_ptr() as thread_info_t, &mut count) },
        "thread_info(identifier)",
    );
    assert_eq!(unsafe { ident.assume_init() }.thread_id, parked.tid);
    // Suspend it, see the suspension, read its registers, resume it.
    kr(unsafe { thread_suspend(parked.port) }, "thread_suspend");
    let mut basic = MaybeUninit::<thread_basic_info_data_t>::zeroed();
    let mut count = THREAD_BASIC_INFO_COUNT;
    let r = unsafe { thread_info(parked.port, THREAD_BASIC_INFO as thread_flavor_t, basic.as_mut_ptr() as thread_info_t, &mut count) };
    let state = get_state(parked.port);
    kr(unsafe { thread_resume(parked.port) }, "thread_resume");
    kr(r, "thread_info(basic)");
    assert_eq!(unsafe { basic.assume_init() }.suspend_count, 1);
    // Its stack pointer is on its own stack, and it is blocked inside a
    // system library (the wait's system call, /usr/lib/system/...).
    let (pc, sp) = pc_sp(&state);
    assert!(parked.stack.contains(&sp), "sp {sp:#x} outside {:#x?}", parked.stack);
    let mut dl = MaybeUninit::<Dl_info>::zeroed();
    assert_ne!(unsafe { dladdr(pc as *const c_void, dl.as_mut_ptr()) }, 0, "pc {pc:#x} is in no image");
    let image = unsafe { core::ffi::CStr::from_ptr(dl.assume_init().dli_fname) }.to_string_lossy().into_owned();
    assert!(image.starts_with("/usr/lib/system/"), "blocked in {image}");
    parked.release.send(()).unwrap();
    parked.handle.join().unwrap();
    for t in threads {
        kr(unsafe { mach_port_deallocate(mach_task_self(), t) }, "mach_port_deallocate(thread)");
    }
    kr(
        unsafe { mach_vm_deallocate(mach_task_self(), list as mach_vm_address_t, (n as usize * size_of::<thread_act_t>()) as mach_vm_size_t) },
        "mach_vm_deallocate(thread list)",
    );
}

#[test]
fn pthread_setname_np_reads_back() {
    let name = c"darwin-sys-named";
    let (tx, rx) = std::sync::mpsc::channel();
    let (release, wait) = std::sync::mpsc::channel::<()>();
    let t = std::thread::spawn(move || {
        // Names only the calling thread (macOS's one-argument form).
        let r = unsafe { pthread_setname_np(name.as_ptr()) };
        let mut buf = [0 as c_char; 64];
        let own = unsafe { pthread_getname_np(libc::pthread_self(), buf.as_mut_ptr(), buf.len()) };
        tx.send((r, own, buf, unsafe { libc::pthread_self() } as usize)).unwrap();
        let _ = wait.recv();
    });
    let (r, own, buf, pt) = rx.recv().unwrap();
    assert_eq!((r, own), (0, 0));
    assert_eq!(unsafe { core::ffi::CStr::from_ptr(buf.as_ptr()) }, name);
    // Read back from another thread, too.
    let mut buf = [0 as c_char; 64];
    assert_eq!(unsafe { pthread_getname_np(pt as pthread_t, buf.as_mut_ptr(), buf.len()) }, 0);
    assert_eq!(unsafe { core::ffi::CStr::from_ptr(buf.as_ptr()) }, name);
    // And the calling thread's own name is not that one.
    let mut mine = [0 as c_char; 64];
    assert_eq!(unsafe { pthread_getname_np(libc::pthread_self(), mine.as_mut_ptr(), mine.len()) }, 0);
    assert_ne!(unsafe { core::ffi::CStr::from_ptr(mine.as_ptr()) }, name);
    release.send(()).unwrap();
    t.join().unwrap();
}

// ---------------------------------------------------------------------------
// VM

#[test]
fn vm_allocate_write_read_protect_region() {
    let task = mach_task_self();
    let page = unsafe { vm_page_size } as mach_vm_size_t;
    let mut addr: mach_vm_address_t = 0;
    kr(unsafe { mach_vm_allocate(task, &mut addr, page, VM_FLAGS_ANYWHERE as c_int) }, "mach_vm_allocate");
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

/// One region of a `mach_vm_region_recurse` walk.
struct Region {
    start: u64,
    end: u64,
    prot: vm_prot_t,
    tag: u32,
}

/// Walks the whole address space of `task`, descending into submaps (the
/// shared cache), the way `vmmap` does.
fn walk_regions(task: task_t) -> (Vec<Region>, kern_return_t) {
    let mut out = Vec::new();
    let mut addr: mach_vm_address_t = 0;
    let mut depth: natural_t = 0;
    loop {
        let mut size: mach_vm_size_t = 0;
        let mut info = MaybeUninit::<vm_region_submap_info_64>::zeroed();
        let mut count = VM_REGION_SUBMAP_INFO_COUNT_64;
        let r = unsafe { mach_vm_region_recurse(task, &mut addr, &mut size, &mut depth, info.as_mut_ptr() as vm_region_recurse_info_t, &mut count) };
        if r != KERN_SUCCESS {
            return (out, r);
        }
        let info = unsafe { info.assume_init() };
        if { info.is_submap } != 0 {
            depth += 1;
            continue;
        }
        out.push(Region { start: addr, end: addr + size, prot: info.protection, tag: info.user_tag });
        addr += size;
    }
}

#[test]
fn mach_vm_region_recurse_walks_own_map() {
    let task = mach_task_self();
    let page = unsafe { vm_page_size } as mach_vm_size_t;
    // A region of our own, tagged the way malloc tags its regions.
    let mut mine: mach_vm_address_t = 0;
    let tag = VM_MEMORY_APPLICATION_SPECIFIC_1 as c_int;
    kr(unsafe { mach_vm_allocate(task, &mut mine, 2 * page, VM_FLAGS_ANYWHERE as c_int | (tag << 24)) }, "mach_vm_allocate(tagged)");
    unsafe { *(mine as *mut u8) = 1 };
    let (regions, end) = walk_regions(task);
    kr(unsafe { mach_vm_deallocate(task, mine, 2 * page) }, "mach_vm_deallocate");
    // The walk ends past the last region, and regions ascend without overlap.
    assert_eq!(end, KERN_INVALID_ADDRESS);
    assert!(regions.len() > 10, "{} regions", regions.len());
    assert!(regions.windows(2).all(|w| w[0].end <= w[1].start));
    let find = |a: u64| regions.iter().find(|r| r.start <= a && a < r.end);
    let r = find(mine).expect("our allocation is in the map");
    assert_eq!((r.tag, r.prot & VM_PROT_WRITE), (tag as u32, VM_PROT_WRITE));
    // Code is executable, and this thread's stack is a tagged stack region.
    let code = find(walk_regions as *const () as u64).expect("code is in the map");
    assert_ne!(code.prot & VM_PROT_EXECUTE, 0);
    let local = 0u64;
    let stack = find(&local as *const u64 as u64).expect("the stack is in the map");
    assert_eq!(stack.tag, VM_MEMORY_STACK as u32);
}

// ---------------------------------------------------------------------------
// Mach messages

#[repr(C)]
#[derive(Clone, Copy)]
struct Msg {
    header: mach_msg_header_t,
    body: u64,
}

#[repr(C)]
struct RecvMsg {
    msg: Msg,
    trailer: mach_msg_trailer_t,
}

/// A port with a receive right and one send right under the same name.
fn new_port() -> mach_port_t {
    let task = mach_task_self();
    let mut port: mach_port_t = MACH_PORT_NULL;
    kr(unsafe { mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &mut port) }, "mach_port_allocate");
    kr(unsafe { mach_port_insert_right(task, port, port, MACH_MSG_TYPE_MAKE_SEND) }, "mach_port_insert_right");
    port
}

fn destroy_port(port: mach_port_t) {
    let task = mach_task_self();
    kr(unsafe { mach_port_mod_refs(task, port, MACH_PORT_RIGHT_RECEIVE, -1) }, "mach_port_mod_refs(receive)");
    kr(unsafe { mach_port_deallocate(task, port) }, "mach_port_deallocate(send)");
}

fn simple_msg(port: mach_port_t, id: mach_msg_id_t) -> Msg {
    Msg {
        header: mach_msg_header_t {
            msgh_bits: MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0),
            msgh_size: size_of::<Msg>() as mach_msg_size_t,
            msgh_remote_port: port,
            msgh_local_port: MACH_PORT_NULL,
            msgh_voucher_port: MACH_PORT_NULL,
            msgh_id: id,
        },
        body: 0xfeed_face,
    }
}

fn send(header: *mut mach_msg_header_t) -> mach_msg_return_t {
    let size = unsafe { (*header).msgh_size };
    unsafe { mach_msg(header, MACH_SEND_MSG, size, 0, MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) }
}

fn receive(buf: *mut mach_msg_header_t, size: usize, port: mach_port_t, extra: mach_msg_option_t, timeout_ms: u32) -> mach_msg_return_t {
    unsafe { mach_msg(buf, MACH_RCV_MSG | MACH_RCV_TIMEOUT | extra, 0, size as mach_msg_size_t, port, timeout_ms, MACH_PORT_NULL) }
}

#[test]
fn mach_msg_round_trip() {
    let port = new_port();
    let mut msg = simple_msg(port, 4242);
    assert_eq!(send(&mut msg.header), MACH_MSG_SUCCESS);
    let mut rcv = MaybeUninit::<RecvMsg>::zeroed();
    assert_eq!(receive(rcv.as_mut_ptr().cast(), size_of::<RecvMsg>(), port, 0, 1000), MACH_MSG_SUCCESS);
    let rcv = unsafe { rcv.assume_init() };
    assert_eq!((rcv.msg.header.msgh_id, rcv.msg.body), (4242, 0xfeed_face));
    assert_eq!(rcv.msg.header.msgh_size as usize, size_of::<Msg>());
    // The sender's copied send right arrives as a plain send disposition
    // on the local side; no reply port was given.
    assert_eq!(MACH_MSGH_BITS_REMOTE(rcv.msg.header.msgh_bits), 0);
    assert_eq!(MACH_MSGH_BITS_LOCAL(rcv.msg.header.msgh_bits), MACH_MSG_TYPE_PORT_SEND);
    assert_eq!(rcv.msg.header.msgh_local_port, port);
    // The kernel appended the minimal trailer.
    assert_eq!(rcv.trailer.msgh_trailer_size as usize, size_of::<mach_msg_trailer_t>());
    // Nothing left: a receive with a timeout times out.
    let mut again = MaybeUninit::<RecvMsg>::zeroed();
    assert_eq!(receive(again.as_mut_ptr().cast(), size_of::<RecvMsg>(), port, 0, 10), MACH_RCV_TIMED_OUT);
    destroy_port(port);
}

#[test]
fn mach_msg_receive_too_small_for_the_trailer() {
    let port = new_port();
    // Room for the message but not its trailer, with MACH_RCV_LARGE: the
    // message stays queued and the header says how much room it needs.
    let mut msg = simple_msg(port, 7);
    assert_eq!(send(&mut msg.header), MACH_MSG_SUCCESS);
    let mut small = MaybeUninit::<Msg>::zeroed();
    assert_eq!(receive(small.as_mut_ptr().cast(), size_of::<Msg>(), port, MACH_RCV_LARGE, 1000), MACH_RCV_TOO_LARGE);
    let needed = unsafe { small.assume_init_ref() }.header.msgh_size as usize;
    assert!(needed >= size_of::<Msg>() + size_of::<mach_msg_trailer_t>(), "needs {needed}");
    let mut rcv = MaybeUninit::<RecvMsg>::zeroed();
    assert_eq!(receive(rcv.as_mut_ptr().cast(), size_of::<RecvMsg>(), port, 0, 1000), MACH_MSG_SUCCESS);
    assert_eq!(unsafe { rcv.assume_init_ref() }.msg.header.msgh_id, 7);
    // Without MACH_RCV_LARGE the too-large message is dequeued and destroyed.
    let mut msg = simple_msg(port, 8);
    assert_eq!(send(&mut msg.header), MACH_MSG_SUCCESS);
    assert_eq!(receive(small.as_mut_ptr().cast(), size_of::<Msg>(), port, 0, 1000), MACH_RCV_TOO_LARGE);
    assert_eq!(receive(rcv.as_mut_ptr().cast(), size_of::<RecvMsg>(), port, 0, 10), MACH_RCV_TIMED_OUT);
    destroy_port(port);
}

#[repr(C)]
#[derive(Clone, Copy)]
struct PortMsg {
    header: mach_msg_header_t,
    body: mach_msg_body_t,
    port: mach_msg_port_descriptor_t,
}

#[repr(C)]
struct PortRecv {
    msg: PortMsg,
    trailer: mach_msg_trailer_t,
}

#[test]
fn mach_msg_complex_with_a_port_descriptor() {
    let task = mach_task_self();
    let carrier = new_port();
    let payload = new_port();
    let refs = |name| {
        let mut n: mach_port_urefs_t = 0;
        kr(unsafe { mach_port_get_refs(task, name, MACH_PORT_RIGHT_SEND, &mut n) }, "mach_port_get_refs");
        n
    };
    assert_eq!(refs(payload), 1);
    let mut msg: PortMsg = unsafe { core::mem::zeroed() };
    msg.header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) | MACH_MSGH_BITS_COMPLEX;
    msg.header.msgh_size = size_of::<PortMsg>() as mach_msg_size_t;
    msg.header.msgh_remote_port = carrier;
    msg.header.msgh_id = 99;
    msg.body.msgh_descriptor_count = 1;
    msg.port.name = payload;
    // The bitfields (disposition: 8 bits at 24, type: 8 bits at 56 of the
    // 12-byte descriptor): wrong positions make the kernel reject the send.
    msg.port.set_disposition(MACH_MSG_TYPE_COPY_SEND as _);
    msg.port.set_type(MACH_MSG_PORT_DESCRIPTOR as _);
    assert_eq!(size_of::<mach_msg_port_descriptor_t>(), 12);
    assert_eq!(send(&mut msg.header), MACH_MSG_SUCCESS);
    let mut rcv = MaybeUninit::<PortRecv>::zeroed();
    assert_eq!(receive(rcv.as_mut_ptr().cast(), size_of::<PortRecv>(), carrier, 0, 1000), MACH_MSG_SUCCESS);
    let rcv = unsafe { rcv.assume_init() };
    assert!(MACH_MSGH_BITS_IS_COMPLEX(rcv.msg.header.msgh_bits));
    assert_eq!(rcv.msg.body.msgh_descriptor_count, 1);
    // The right arrives in our own space under the same name, as a moved
    // send right: one more user reference.
    assert_eq!(rcv.msg.port.name, payload);
    assert_eq!(rcv.msg.port.disposition() as mach_msg_type_name_t, MACH_MSG_TYPE_PORT_SEND);
    assert_eq!(rcv.msg.port.type_() as mach_msg_descriptor_type_t, MACH_MSG_PORT_DESCRIPTOR);
    assert_eq!(refs(payload), 2);
    kr(unsafe { mach_port_deallocate(task, payload) }, "mach_port_deallocate(received right)");
    destroy_port(payload);
    destroy_port(carrier);
}

// ---------------------------------------------------------------------------
// Exceptions

type Ports = (Vec<exception_mask_t>, Vec<mach_port_t>, Vec<exception_behavior_t>, Vec<thread_state_flavor_t>);

fn read_task_exception_ports(mask: exception_mask_t) -> Ports {
    let n = EXC_TYPES_COUNT as usize;
    let (mut m, mut p, mut b, mut f) = (vec![0; n], vec![0; n], vec![0; n], vec![0; n]);
    let mut count = EXC_TYPES_COUNT;
    kr(
        unsafe { task_get_exception_ports(mach_task_self(), mask, m.as_mut_ptr(), &mut count, p.as_mut_ptr(), b.as_mut_ptr(), f.as_mut_ptr()) },
        "task_get_exception_ports",
    );
    let n = count as usize;
    m.truncate(n);
    p.truncate(n);
    b.truncate(n);
    f.truncate(n);
    (m, p, b, f)
}

fn mach_codes_behavior() -> exception_behavior_t {
    (EXCEPTION_DEFAULT as u32 | MACH_EXCEPTION_CODES as u32) as exception_behavior_t
}

#[test]
fn exception_ports_round_trip() {
    let task = mach_task_self();
    // EXC_ARITHMETIC: nothing in this process raises it while we hold it.
    let mask = EXC_MASK_ARITHMETIC as exception_mask_t;
    let port = new_port();
    let behavior = mach_codes_behavior();
    let n = EXC_TYPES_COUNT as usize;
    let (mut om, mut op, mut ob, mut of) = (vec![0; n], vec![0; n], vec![0; n], vec![0; n]);
    let mut count = EXC_TYPES_COUNT;
    // Set ours, getting the old handlers back.
    kr(
        unsafe {
            task_swap_exception_ports(
                task,
                mask,
                port,
                behavior,
                THREAD_STATE_NONE as thread_state_flavor_t,
                om.as_mut_ptr(),
                &mut count,
                op.as_mut_ptr(),
                ob.as_mut_ptr(),
                of.as_mut_ptr(),
            )
        },
        "task_swap_exception_ports",
    );
    let old_count = count as usize;
    // Read back: exactly ours.
    let (m, p, b, f) = read_task_exception_ports(mask);
    assert_eq!(m, [mask]);
    assert_eq!(p, [port]);
    assert_eq!(b, [behavior]);
    assert_eq!(f, [THREAD_STATE_NONE as thread_state_flavor_t]);
    kr(unsafe { mach_port_deallocate(task, p[0]) }, "mach_port_deallocate(read-back right)");
    // Restore the old handlers, and release the rights the swap gave us.
    for i in 0..old_count {
        // An empty slot is restored as an empty slot (its behavior and
        // flavor as read back need not pass the kernel's checks).
        let (b, f) =
            if MACH_PORT_VALID(op[i]) { (ob[i], of[i]) } else { (EXCEPTION_DEFAULT as exception_behavior_t, THREAD_STATE_NONE as thread_state_flavor_t) };
        kr(unsafe { task_set_exception_ports(task, om[i], op[i], b, f) }, "task_set_exception_ports(restore)");
        if MACH_PORT_VALID(op[i]) {
            kr(unsafe { mach_port_deallocate(task, op[i]) }, "mach_port_deallocate(old handler)");
        }
    }
    let (_, p, _, _) = read_task_exception_ports(mask);
    assert!(!p.contains(&port), "our port is still installed: {p:?}");
    for q in p.into_iter().filter(|&q| MACH_PORT_VALID(q)) {
        kr(unsafe { mach_port_deallocate(task, q) }, "mach_port_deallocate");
    }
    destroy_port(port);
}

/// The request of `mach_exception_raise` (behavior EXCEPTION_DEFAULT |
/// MACH_EXCEPTION_CODES, MIG id 2405): `#pragma pack(4)` in the MIG
/// output, so packed(4) here.
#[repr(C, packed(4))]
#[derive(Clone, Copy)]
struct ExcRequest {
    head: mach_msg_header_t,
    body: mach_msg_body_t,
    thread: mach_msg_port_descriptor_t,
    task: mach_msg_port_descriptor_t,
    ndr: NDR_record_t,
    exception: exception_type_t,
    code_count: mach_msg_type_number_t,
    code: [mach_exception_data_type_t; 2],
}

#[repr(C)]
struct ExcReceive {
    req: ExcRequest,
    trailer: [u8; 128],
}

#[repr(C, packed(4))]
struct ExcReply {
    head: mach_msg_header_t,
    ndr: NDR_record_t,
    ret: kern_return_t,
}

/// An address in `__PAGEZERO`: reading it faults.
const FAULT_ADDR: u64 = 0x10;

/// Loads from `addr` with one instruction of known length, so a handler
/// can step over it.
#[inline(never)]
fn faulting_load(addr: u64) -> u64 {
    let v: u64;
    #[cfg(target_arch = "aarch64")]
    unsafe {
        core::arch::asm!("ldr {v}, [{a}]", a = in(reg) addr, v = out(reg) v, options(nostack, readonly));
    }
    #[cfg(target_arch = "x86_64")]
    unsafe {
        // 48 8b 01: three bytes.
        core::arch::asm!("mov rax, qword ptr [rcx]", in("rcx") addr, out("rax") v, options(nostack, readonly));
    }
    v
}

#[cfg(target_arch = "aarch64")]
const FAULT_INSN_LEN: u64 = 4;
#[cfg(target_arch = "x86_64")]
const FAULT_INSN_LEN: u64 = 3;

#[test]
fn exception_port_catches_exc_bad_access_and_the_thread_moves_on() {
    let task = mach_task_self();
    let port = new_port();
    let behavior = mach_codes_behavior();
    let faulter = std::thread::spawn(move || {
        let me = unsafe { mach_thread_self() };
        // Only this thread's bad accesses come to us.
        kr(
            unsafe { thread_set_exception_ports(me, EXC_MASK_BAD_ACCESS as exception_mask_t, port, behavior, THREAD_STATE_NONE as thread_state_flavor_t) },
            "thread_set_exception_ports",
        );
        unsafe { mach_port_deallocate(mach_task_self(), me) };
        let _ = faulting_load(FAULT_ADDR);
        // Reached only if the handler stepped over the load.
        0x5eed_u64
    });
    let mut buf = MaybeUninit::<ExcReceive>::zeroed();
    let r = receive(buf.as_mut_ptr().cast(), size_of::<ExcReceive>(), port, 0, 10_000);
    assert_eq!(r, MACH_MSG_SUCCESS, "no exception message within 10 s");
    let req = unsafe { buf.assume_init() }.req;
    let head = req.head;
    assert_eq!(head.msgh_id, 2405, "mach_exception_raise");
    assert!(MACH_MSGH_BITS_IS_COMPLEX(head.msgh_bits));
    let (exception, count, code) = (req.exception, req.code_count, req.code);
    assert_eq!(exception, EXC_BAD_ACCESS as exception_type_t);
    assert_eq!(count, 2);
    assert_eq!(code, [KERN_INVALID_ADDRESS as i64, FAULT_ADDR as i64]);
    // The faulting thread waits for our reply: step it over the load.
    let thread = { req.thread }.name;
    let mut state = get_state(thread);
    let (pc, _) = pc_sp(&state);
    let f = faulting_load as *const () as u64;
    assert!((f..f + 256).contains(&pc), "the fault at {pc:#x} is not in faulting_load ({f:#x})");
    set_pc(&mut state, pc + FAULT_INSN_LEN);
    kr(unsafe { thread_set_state(thread, GP_FLAVOR, &mut state as *mut GpState as thread_state_t, GP_COUNT) }, "thread_set_state");
    let mut reply = ExcReply {
        head: mach_msg_header_t {
            msgh_bits: MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(head.msgh_bits), 0),
            msgh_size: size_of::<ExcReply>() as mach_msg_size_t,
            msgh_remote_port: head.msgh_remote_port,
            msgh_local_port: MACH_PORT_NULL,
            msgh_voucher_port: MACH_PORT_NULL,
            msgh_id: head.msgh_id + 100,
        },
        ndr: unsafe { NDR_record },
        ret: KERN_SUCCESS,
    };
    assert_eq!(send(&raw mut reply.head), MACH_MSG_SUCCESS);
    assert_eq!(faulter.join().expect("the faulting thread finished"), 0x5eed);
    kr(unsafe { mach_port_deallocate(task, thread) }, "mach_port_deallocate(thread right)");
    kr(unsafe { mach_port_deallocate(task, { req.task }.name) }, "mach_port_deallocate(task right)");
    destroy_port(port);
}

// ---------------------------------------------------------------------------
// libdispatch

extern "C" fn bump(ctx: *mut c_void) {
    unsafe { (*(ctx as *const AtomicUsize)).fetch_add(1, Ordering::SeqCst) };
}

#[test]
fn dispatch_queues_groups_semaphores() {
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
        // The main queue, found through the inline equivalent, is the one
        // libdispatch labels as the main thread's.
        assert_eq!(CStrPtr(dispatch_queue_get_label(dispatch_get_main_queue())).to_str(), "com.apple.main-thread");
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

/// State shared with a timer source's handlers.
struct TimerCtx {
    fired: AtomicUsize,
    cancelled: dispatch_semaphore_t,
}

extern "C" fn timer_fired(ctx: *mut c_void) {
    unsafe { (*(ctx as *const TimerCtx)).fired.fetch_add(1, Ordering::SeqCst) };
}

extern "C" fn timer_cancelled(ctx: *mut c_void) {
    unsafe { dispatch_semaphore_signal((*(ctx as *const TimerCtx)).cancelled) };
}

#[test]
fn dispatch_timer_source() {
    unsafe {
        let ctx = TimerCtx { fired: AtomicUsize::new(0), cancelled: dispatch_semaphore_create(0) };
        let q = dispatch_queue_create(c"darwin-sys.timer".as_ptr(), DISPATCH_QUEUE_SERIAL);
        let src = dispatch_source_create(DISPATCH_SOURCE_TYPE_TIMER, 0, 0, q);
        dispatch_set_context(src.into(), &ctx as *const TimerCtx as *mut c_void);
        dispatch_source_set_event_handler_f(src, Some(timer_fired));
        dispatch_source_set_cancel_handler_f(src, Some(timer_cancelled));
        dispatch_source_set_timer(src, dispatch_time(DISPATCH_TIME_NOW, 0), 1_000_000, 0);
        dispatch_resume(src.into());
        let t0 = Instant::now();
        while ctx.fired.load(Ordering::SeqCst) < 3 && t0.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(2));
        }
        dispatch_source_cancel(src);
        assert_ne!(dispatch_source_testcancel(src), 0);
        // The cancel handler runs after the last event handler has
        // returned: only then may `ctx` go out of scope.
        assert_eq!(dispatch_semaphore_wait(ctx.cancelled, dispatch_time(DISPATCH_TIME_NOW, 10_000_000_000)), 0, "cancel handler ran");
        let after = ctx.fired.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(ctx.fired.load(Ordering::SeqCst), after, "no event after cancellation");
        assert!(after >= 3, "fired {after} times");
        dispatch_release(src.into());
        dispatch_release(q.into());
        dispatch_release(ctx.cancelled.into());
    }
}

// ---------------------------------------------------------------------------
// Locks and ulock

struct Counter {
    lock: core::cell::UnsafeCell<os_unfair_lock>,
    value: core::cell::UnsafeCell<u64>,
}
unsafe impl Sync for Counter {}

#[test]
fn os_unfair_lock_under_contention() {
    let c = std::sync::Arc::new(Counter { lock: core::cell::UnsafeCell::new(OS_UNFAIR_LOCK_INIT), value: core::cell::UnsafeCell::new(0) });
    let (threads, rounds) = (4, 100_000);
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let c = c.clone();
            std::thread::spawn(move || {
                for _ in 0..rounds {
                    unsafe {
                        os_unfair_lock_lock(c.lock.get());
                        // A non-atomic read-modify-write: lost updates show
                        // up in the total if the lock does not exclude.
                        let v = core::ptr::read_volatile(c.value.get());
                        core::ptr::write_volatile(c.value.get(), v + 1);
                        os_unfair_lock_unlock(c.lock.get());
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(unsafe { *c.value.get() }, threads * rounds);
    unsafe {
        let l = c.lock.get();
        os_unfair_lock_lock(l);
        os_unfair_lock_assert_owner(l);
        assert!(!os_unfair_lock_trylock(l));
        os_unfair_lock_unlock(l);
        assert!(os_unfair_lock_trylock(l));
        os_unfair_lock_unlock(l);
    }
}

fn ulock_op() -> u32 {
    (UL_COMPARE_AND_WAIT | ULF_NO_ERRNO) as u32
}

#[test]
fn ulock_wake_without_waiters_and_stale_value() {
    let word = AtomicU32::new(0);
    let addr = word.as_ptr() as *mut c_void;
    // Waking a word nobody waits on: -ENOENT, as a return value with ULF_NO_ERRNO.
    assert_eq!(unsafe { __ulock_wake(ulock_op(), addr, 0) }, -libc::ENOENT);
    // A wait whose expected value is already stale returns 0 at once (xnu
    // returns the number of remaining waiters: none).
    assert_eq!(unsafe { __ulock_wait(ulock_op(), addr, 1, 0) }, 0);
}

#[test]
fn ulock_wait_wake_between_two_threads() {
    let word = std::sync::Arc::new(AtomicU32::new(0));
    let w = word.clone();
    let waiter = std::thread::spawn(move || unsafe { __ulock_wait(ulock_op(), w.as_ptr() as *mut c_void, 0, 0) });
    // Wake until a waiter was there to be woken (0), not -ENOENT.
    let t0 = Instant::now();
    loop {
        let r = unsafe { __ulock_wake(ulock_op(), word.as_ptr() as *mut c_void, 0) };
        if r == 0 {
            break;
        }
        assert_eq!(r, -libc::ENOENT);
        assert!(t0.elapsed() < Duration::from_secs(10), "the waiter never blocked");
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(waiter.join().unwrap(), 0, "woken, no waiters left");
}

#[test]
fn ulock_wait2_times_out_in_nanoseconds() {
    let word = AtomicU32::new(0);
    let t0 = Instant::now();
    let r = unsafe { __ulock_wait2(ulock_op(), word.as_ptr() as *mut c_void, 0, 2_000_000, 0) };
    let waited = t0.elapsed();
    assert_eq!(r, -libc::ETIMEDOUT);
    assert!(waited >= Duration::from_micros(1_900) && waited < Duration::from_secs(5), "{waited:?}");
}

// ---------------------------------------------------------------------------
// errno, time, sysctl, libproc, dyld

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
    let a = unsafe { mach_absolute_time() };
    std::thread::sleep(Duration::from_millis(10));
    let b = unsafe { mach_absolute_time() };
    let ns = (b - a) as u128 * tb.numer as u128 / tb.denom as u128;
    assert!((10_000_000..5_000_000_000).contains(&ns), "{ns} ns for a 10 ms sleep");
    assert!(unsafe { mach_continuous_time() } >= a);
}

#[test]
fn sysctl_and_libproc() {
    let mut ncpu: c_int = 0;
    let mut len = size_of::<c_int>();
    assert_eq!(unsafe { sysctlbyname(c"hw.ncpu".as_ptr(), &mut ncpu as *mut c_int as *mut c_void, &mut len, core::ptr::null_mut(), 0) }, 0);
    assert!(ncpu >= 1);
    let mut mib = [CTL_HW as c_int, HW_NCPU as c_int];
    let mut ncpu2: c_int = 0;
    assert_eq!(unsafe { sysctl(mib.as_mut_ptr(), 2, &mut ncpu2 as *mut c_int as *mut c_void, &mut len, core::ptr::null_mut(), 0) }, 0);
    assert_eq!(ncpu, ncpu2);
    let mut path = [0u8; PROC_PIDPATHINFO_MAXSIZE as usize];
    let n = unsafe { proc_pidpath(libc::getpid(), path.as_mut_ptr() as *mut c_void, path.len() as u32) };
    assert!(n > 0);
    let exe = std::env::current_exe().unwrap().canonicalize().unwrap();
    assert_eq!(std::path::Path::new(std::str::from_utf8(&path[..n as usize]).unwrap()).canonicalize().unwrap(), exe);
    let mut info = MaybeUninit::<proc_taskinfo>::zeroed();
    let n = unsafe { proc_pidinfo(libc::getpid(), PROC_PIDTASKINFO as c_int, 0, info.as_mut_ptr() as *mut c_void, size_of::<proc_taskinfo>() as c_int) };
    assert_eq!(n as usize, size_of::<proc_taskinfo>());
    assert!(unsafe { info.assume_init() }.pti_threadnum >= 1);
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
    // The image holding this function is the executable.
    let exe = unsafe { core::ffi::CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap();
    let found = unsafe { core::ffi::CStr::from_ptr(path) }.to_str().unwrap();
    assert_eq!(std::fs::canonicalize(found).unwrap(), std::fs::canonicalize(exe).unwrap());
}

#[test]
fn os_log_default_and_type_enabled() {
    unsafe {
        // Default and fault messages are always recorded for the default log.
        assert!(os_log_type_enabled(OS_LOG_DEFAULT, libc::OS_LOG_TYPE_DEFAULT));
        assert!(os_log_type_enabled(OS_LOG_DEFAULT, libc::OS_LOG_TYPE_FAULT));
        // OS_LOG_DISABLED records nothing.
        assert!(!os_log_type_enabled(OS_LOG_DISABLED, libc::OS_LOG_TYPE_FAULT));
        let log = os_log_create(c"com.github.darwin-sys".as_ptr(), c"runtime".as_ptr());
        assert!(!log.is_null());
        assert!(os_log_type_enabled(log, libc::OS_LOG_TYPE_ERROR));
    }
}

// ---------------------------------------------------------------------------
// Files

#[test]
fn copyfile_clonefile_renamex() {
    let dir = TempDir::new("files");
    let (a, b, c) = (dir.c("a"), dir.c("b"), dir.c("c"));
    std::fs::write(dir.0.join("a"), b"contents").unwrap();
    assert_eq!(unsafe { copyfile(a.as_ptr(), b.as_ptr(), core::ptr::null_mut(), COPYFILE_ALL) }, 0);
    assert_eq!(std::fs::read(dir.0.join("b")).unwrap(), b"contents");
    // clonefile: a copy-on-write clone on APFS ($TMPDIR on hosted runners);
    // other file systems answer ENOTSUP.
    let r = unsafe { clonefile(a.as_ptr(), c.as_ptr(), 0) };
    if r == 0 {
        assert_eq!(std::fs::read(dir.0.join("c")).unwrap(), b"contents");
        // The clone exists already: a second clone onto it is EEXIST.
        assert_eq!(unsafe { clonefile(a.as_ptr(), c.as_ptr(), 0) }, -1);
        assert_eq!(errno(), libc::EEXIST);
    } else {
        assert_eq!((r, errno()), (-1, libc::ENOTSUP), "clonefile failed otherwise");
    }
    std::fs::write(dir.0.join("b"), b"other").unwrap();
    assert_eq!(unsafe { renamex_np(a.as_ptr(), b.as_ptr(), RENAME_SWAP as _) }, 0);
    assert_eq!(std::fs::read(dir.0.join("a")).unwrap(), b"other");
    assert_eq!(std::fs::read(dir.0.join("b")).unwrap(), b"contents");
}

#[test]
fn sendfile_over_a_socket_pair() {
    let dir = TempDir::new("sendfile");
    let body = b"0123456789abcdef".repeat(1000);
    std::fs::write(dir.0.join("f"), &body).unwrap();
    let file = std::fs::File::open(dir.0.join("f")).unwrap();
    let mut sv = [0 as c_int; 2];
    assert_eq!(unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, sv.as_mut_ptr()) }, 0);
    // A header through sf_hdtr, then the file from offset 10, whole (0 = to EOF).
    let mut header = *b"HDR:";
    let mut iov = iovec { iov_base: header.as_mut_ptr() as *mut c_void, iov_len: header.len() };
    let mut hdtr = sf_hdtr { headers: &mut iov, hdr_cnt: 1, trailers: core::ptr::null_mut(), trl_cnt: 0 };
    let reader = {
        let fd = sv[1];
        std::thread::spawn(move || {
            let mut got = Vec::new();
            let mut buf = [0u8; 4096];
            loop {
                let n = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut c_void, buf.len()) };
                assert!(n >= 0);
                if n == 0 {
                    return got;
                }
                got.extend_from_slice(&buf[..n as usize]);
            }
        })
    };
    use std::os::fd::AsRawFd;
    let mut len: off_t = 0;
    let r = unsafe { sendfile(file.as_raw_fd(), sv[0], 10, &mut len, &mut hdtr, 0) };
    assert_eq!(r, 0, "errno {}", errno());
    assert_eq!(len as usize, header.len() + body.len() - 10);
    unsafe { libc::close(sv[0]) };
    let got = reader.join().unwrap();
    unsafe { libc::close(sv[1]) };
    assert_eq!(&got[..4], b"HDR:");
    assert_eq!(&got[4..], &body[10..]);
}

#[test]
fn getdirentries64_lists_a_directory() {
    let dir = TempDir::new("dirents");
    for name in ["a", "bb", "ccc"] {
        std::fs::write(dir.0.join(name), name).unwrap();
    }
    std::fs::create_dir(dir.0.join("sub")).unwrap();
    let fd = unsafe { libc::open(dir.c("").as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY) };
    assert!(fd >= 0);
    let mut entries = Vec::new();
    let mut buf = vec![0u64; 1024]; // 8 KiB, 8-byte aligned
    loop {
        let mut pos: off_t = 0;
        let n = unsafe { __getdirentries64(fd, buf.as_mut_ptr() as *mut c_void, buf.len() * 8, &mut pos) };
        assert!(n >= 0, "errno {}", errno());
        if n == 0 {
            break;
        }
        let bytes = unsafe { core::slice::from_raw_parts(buf.as_ptr() as *const u8, n as usize) };
        let mut off = 0;
        while off < bytes.len() {
            // struct dirent (64-bit inodes): d_ino u64, d_seekoff u64,
            // d_reclen u16, d_namlen u16, d_type u8, d_name.
            // Records are shorter than the whole struct: read fields through
            // the raw pointer, never a reference to all of it.
            let d = unsafe { bytes.as_ptr().add(off) } as *const libc::dirent;
            let (reclen, namlen, ty) = unsafe { ((*d).d_reclen as usize, (*d).d_namlen as usize, (*d).d_type) };
            assert!(reclen >= 21 + namlen && reclen % 8 == 0 && off + reclen <= bytes.len(), "record {reclen} at {off}");
            let name = unsafe { core::slice::from_raw_parts(core::ptr::addr_of!((*d).d_name) as *const u8, namlen) };
            entries.push((String::from_utf8(name.to_vec()).unwrap(), ty));
            off += reclen;
        }
    }
    unsafe { libc::close(fd) };
    entries.sort();
    let want = [(".", libc::DT_DIR), ("..", libc::DT_DIR), ("a", libc::DT_REG), ("bb", libc::DT_REG), ("ccc", libc::DT_REG), ("sub", libc::DT_DIR)];
    assert_eq!(entries, want.map(|(n, t)| (n.to_string(), t)));
}

// ---------------------------------------------------------------------------
// Events

#[test]
fn kevent64_user_event() {
    let kq = unsafe { kqueue() };
    assert!(kq >= 0);
    let mut ev = kevent64_s { ident: 7, filter: EVFILT_USER as _, flags: (EV_ADD | EV_CLEAR) as _, fflags: 0, data: 0, udata: 0, ext: [0; 2] };
    let none = timespec { tv_sec: 0, tv_nsec: 0 };
    assert_eq!(unsafe { kevent64(kq, &ev, 1, core::ptr::null_mut(), 0, 0, &none) }, 0);
    ev.flags = 0;
    ev.fflags = NOTE_TRIGGER as _;
    let mut out = MaybeUninit::<kevent64_s>::zeroed();
    assert_eq!(unsafe { kevent64(kq, &ev, 1, out.as_mut_ptr(), 1, 0, &none) }, 1);
    let out = unsafe { out.assume_init() };
    assert_eq!((out.ident, out.filter), (7, EVFILT_USER as i16));
    unsafe { libc::close(kq) };
}

// ---------------------------------------------------------------------------
// Processes: spawn, kevent on exit, ptrace

/// posix_spawn `argv` with `attr` and `DARWIN_SYS_CHILD=<role>` if given;
/// the child's stdout goes to /dev/null.
fn spawn(argv: &[&str], flags: c_short, role: Option<&str>) -> pid_t {
    let args: Vec<CString> = argv.iter().map(|a| CString::new(*a).unwrap()).collect();
    let mut argp: Vec<*mut c_char> = args.iter().map(|a| a.as_ptr() as *mut c_char).collect();
    argp.push(core::ptr::null_mut());
    let env: Vec<CString> = role.map(|r| CString::new(format!("DARWIN_SYS_CHILD={r}")).unwrap()).into_iter().collect();
    let mut envp: Vec<*mut c_char> = env.iter().map(|e| e.as_ptr() as *mut c_char).collect();
    envp.push(core::ptr::null_mut());
    unsafe {
        let mut attr: posix_spawnattr_t = core::ptr::null_mut();
        assert_eq!(posix_spawnattr_init(&mut attr), 0);
        assert_eq!(posix_spawnattr_setflags(&mut attr, flags), 0);
        let mut fa: posix_spawn_file_actions_t = core::ptr::null_mut();
        assert_eq!(posix_spawn_file_actions_init(&mut fa), 0);
        assert_eq!(posix_spawn_file_actions_addopen(&mut fa, 1, c"/dev/null".as_ptr(), libc::O_WRONLY, 0), 0);
        let mut pid: pid_t = 0;
        let r = posix_spawn(&mut pid, argp[0], &fa, &attr, argp.as_ptr(), envp.as_ptr());
        posix_spawn_file_actions_destroy(&mut fa);
        posix_spawnattr_destroy(&mut attr);
        assert_eq!(r, 0, "posix_spawn {argv:?}");
        pid
    }
}

/// This test binary, run as a child playing `role` (see `child_process`).
fn spawn_self(role: &str, flags: c_short) -> pid_t {
    let exe = std::env::current_exe().unwrap();
    spawn(&[exe.to_str().unwrap(), "child_process", "--exact", "--ignored", "--test-threads=1", "-q"], flags, Some(role))
}

fn wait_status(pid: pid_t) -> c_int {
    let mut status = 0;
    assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
    status
}

fn exit_code(status: c_int) -> Option<c_int> {
    // WIFEXITED / WEXITSTATUS
    (status & 0x7f == 0).then_some((status >> 8) & 0xff)
}

/// The roles a child of this binary plays, chosen by `DARWIN_SYS_CHILD`.
/// Ignored: run only by the tests that spawn it.
#[test]
#[ignore]
fn child_process() {
    let Ok(role) = std::env::var("DARWIN_SYS_CHILD") else { return };
    let code = unsafe {
        match role.as_str() {
            // Report whether ASLR slid the executable.
            "aslr" => {
                if _dyld_get_image_vmaddr_slide(0) == 0 {
                    10
                } else {
                    11
                }
            }
            // Become traced by the parent and stop on a signal.
            "traceme" => {
                if ptrace(PT_TRACE_ME as c_int, 0, core::ptr::null_mut(), 0) != 0 {
                    1
                } else {
                    libc::raise(libc::SIGUSR1);
                    7
                }
            }
            // Refuse debuggers.
            "deny" => {
                if ptrace(PT_DENY_ATTACH as c_int, 0, core::ptr::null_mut(), 0) == 0 {
                    8
                } else {
                    1
                }
            }
            // Being traced already, PT_DENY_ATTACH makes the kernel end the
            // process with status ENOTSUP; returning is a failure.
            "traceme-deny" => {
                if ptrace(PT_TRACE_ME as c_int, 0, core::ptr::null_mut(), 0) != 0 {
                    1
                } else {
                    ptrace(PT_DENY_ATTACH as c_int, 0, core::ptr::null_mut(), 0);
                    9
                }
            }
            _ => 2,
        }
    };
    std::process::exit(code);
}

#[test]
fn posix_spawn_with_apple_flags() {
    unsafe {
        let mut attr: posix_spawnattr_t = core::ptr::null_mut();
        assert_eq!(posix_spawnattr_init(&mut attr), 0);
        assert_eq!(posix_spawnattr_setflags(&mut attr, POSIX_SPAWN_CLOEXEC_DEFAULT as _), 0);
        assert_eq!(posix_spawnattr_set_qos_class_np(&mut attr, QOS_CLASS_UTILITY as qos_class_t), 0);
        let mut qos: qos_class_t = 0;
        assert_eq!(posix_spawnattr_get_qos_class_np(&attr, &mut qos), 0);
        assert_eq!(qos as u32, QOS_CLASS_UTILITY as u32);
        let mut pid: pid_t = 0;
        let argv = [c"/bin/sh".as_ptr() as *mut c_char, c"-c".as_ptr() as *mut c_char, c"exit 3".as_ptr() as *mut c_char, core::ptr::null_mut()];
        let env = [core::ptr::null_mut()];
        assert_eq!(posix_spawn(&mut pid, argv[0], core::ptr::null(), &attr, argv.as_ptr(), env.as_ptr()), 0);
        assert_eq!(exit_code(wait_status(pid)), Some(3));
        posix_spawnattr_destroy(&mut attr);
    }
}

#[test]
fn posix_spawn_disable_aslr() {
    // With the private flag the executable is not slid; without it, it is.
    assert_eq!(exit_code(wait_status(spawn_self("aslr", _POSIX_SPAWN_DISABLE_ASLR as c_short))), Some(10));
    assert_eq!(exit_code(wait_status(spawn_self("aslr", 0))), Some(11));
}

#[test]
fn kevent64_proc_exit_of_a_child() {
    let kq = unsafe { kqueue() };
    assert!(kq >= 0);
    // Started suspended, so the watch is in place before it can exit.
    let pid = spawn(&["/bin/sh", "-c", "exit 5"], POSIX_SPAWN_START_SUSPENDED as c_short, None);
    let ev = kevent64_s {
        ident: pid as u64,
        filter: EVFILT_PROC as _,
        flags: (EV_ADD | EV_ONESHOT) as _,
        fflags: (NOTE_EXIT | NOTE_EXITSTATUS) as _,
        data: 0,
        udata: 0x1234,
        ext: [0; 2],
    };
    assert_eq!(unsafe { kevent64(kq, &ev, 1, core::ptr::null_mut(), 0, 0, core::ptr::null()) }, 0);
    assert_eq!(unsafe { libc::kill(pid, libc::SIGCONT) }, 0);
    let mut out = MaybeUninit::<kevent64_s>::zeroed();
    let ten = timespec { tv_sec: 10, tv_nsec: 0 };
    assert_eq!(unsafe { kevent64(kq, core::ptr::null(), 0, out.as_mut_ptr(), 1, 0, &ten) }, 1);
    let out = unsafe { out.assume_init() };
    assert_eq!((out.ident, out.filter, out.udata), (pid as u64, EVFILT_PROC as i16, 0x1234));
    assert_ne!(out.fflags & NOTE_EXIT as u32, 0);
    // NOTE_EXITSTATUS: `data` is the wait status.
    assert_eq!(exit_code(out.data as c_int), Some(5));
    assert_eq!(exit_code(wait_status(pid)), Some(5));
    unsafe { libc::close(kq) };
}

#[test]
fn ptrace_trace_me_in_a_spawned_child() {
    let pid = spawn_self("traceme", 0);
    // The traced child stops on its SIGUSR1 and we are told.
    let status = wait_status(pid);
    assert_eq!(status & 0xff, 0x7f, "stopped, status {status:#x}");
    assert_eq!((status >> 8) & 0xff, libc::SIGUSR1);
    // Continue where it stopped ((caddr_t)1), discarding the signal.
    assert_eq!(unsafe { ptrace(PT_CONTINUE as c_int, pid, 1 as *mut c_char, 0) }, 0);
    assert_eq!(exit_code(wait_status(pid)), Some(7));
}

#[test]
fn ptrace_deny_attach_in_a_spawned_child() {
    // Untraced: the call succeeds and the child goes on.
    assert_eq!(exit_code(wait_status(spawn_self("deny", 0))), Some(8));
    // Traced: the kernel ends the child with status ENOTSUP.
    assert_eq!(exit_code(wait_status(spawn_self("traceme-deny", 0))), Some(libc::ENOTSUP));
}

// ---------------------------------------------------------------------------
// TCP

#[test]
fn setsockopt_tcp_keepalive_and_nodelay() {
    let s = unsafe { libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0) };
    assert!(s >= 0);
    let set = |opt: c_int, v: c_int| unsafe { libc::setsockopt(s, libc::IPPROTO_TCP, opt, &v as *const c_int as *const c_void, size_of::<c_int>() as u32) };
    let get = |opt: c_int| {
        let mut v: c_int = -1;
        let mut len = size_of::<c_int>() as u32;
        assert_eq!(unsafe { libc::getsockopt(s, libc::IPPROTO_TCP, opt, &mut v as *mut c_int as *mut c_void, &mut len) }, 0);
        v
    };
    assert_eq!(set(TCP_NODELAY as c_int, 1), 0);
    assert_ne!(get(TCP_NODELAY as c_int), 0);
    assert_eq!(set(TCP_NODELAY as c_int, 0), 0);
    assert_eq!(get(TCP_NODELAY as c_int), 0);
    // TCP_KEEPALIVE: idle seconds before keep-alive probes (Linux's TCP_KEEPIDLE).
    assert_eq!(set(TCP_KEEPALIVE as c_int, 17), 0);
    assert_eq!(get(TCP_KEEPALIVE as c_int), 17);
    unsafe { libc::close(s) };
}

// ---------------------------------------------------------------------------
// os/os_sync_wait_on_address.h (macOS 14.4+; the workflow's runners are 15).

#[cfg(not(any(
    darwin_sys_lacks = "os_sync_wait_on_address",
    darwin_sys_lacks = "os_sync_wake_by_address_any",
    darwin_sys_lacks = "os_sync_wake_by_address_all"
)))]
#[test]
fn os_sync_wait_on_address_is_woken_by_another_thread() {
    static WORD: AtomicU32 = AtomicU32::new(0);
    let addr = WORD.as_ptr() as *mut c_void as usize;
    let waiter = std::thread::spawn(move || {
        let mut waits = 0;
        while WORD.load(Ordering::Acquire) == 0 {
            // Blocks while the word is 0; returns at a wake (or spuriously).
            let r = unsafe { os_sync_wait_on_address(addr as *mut c_void, 0, 4, OS_SYNC_WAIT_ON_ADDRESS_NONE) };
            assert!(r >= 0 || errno() == libc::EINTR, "os_sync_wait_on_address: {r}, errno {}", errno());
            waits += 1;
        }
        (WORD.load(Ordering::Acquire), waits)
    });
    std::thread::sleep(Duration::from_millis(50));
    WORD.store(7, Ordering::Release);
    // Wake until the waiter has left (ENOENT: nobody waits any more).
    while !waiter.is_finished() {
        let r = unsafe { os_sync_wake_by_address_all(addr as *mut c_void, 4, OS_SYNC_WAKE_BY_ADDRESS_NONE) };
        assert!(r == 0 || errno() == libc::ENOENT, "os_sync_wake_by_address_all: {r}, errno {}", errno());
        std::thread::sleep(Duration::from_millis(1));
    }
    let (seen, waits) = waiter.join().unwrap();
    assert_eq!(seen, 7);
    assert!(waits >= 1, "the waiter never waited");
}

#[cfg(not(any(darwin_sys_lacks = "os_sync_wait_on_address_with_timeout", darwin_sys_lacks = "os_sync_wake_by_address_any")))]
#[test]
fn os_sync_wait_times_out_and_wake_without_waiters_is_enoent() {
    let word = AtomicU32::new(0);
    let addr = word.as_ptr() as *mut c_void;
    let t0 = Instant::now();
    let r = unsafe { os_sync_wait_on_address_with_timeout(addr, 0, 4, OS_SYNC_WAIT_ON_ADDRESS_NONE, OS_CLOCK_MACH_ABSOLUTE_TIME, 20_000_000) };
    assert_eq!((r, errno()), (-1, libc::ETIMEDOUT));
    assert!(t0.elapsed() >= Duration::from_millis(15), "returned after {:?}", t0.elapsed());
    // A value that is not the current one returns at once.
    assert!(unsafe { os_sync_wait_on_address(addr, 1, 4, OS_SYNC_WAIT_ON_ADDRESS_NONE) } >= 0);
    let r = unsafe { os_sync_wake_by_address_any(addr, 4, OS_SYNC_WAKE_BY_ADDRESS_NONE) };
    assert_eq!((r, errno()), (-1, libc::ENOENT));
}

// ---------------------------------------------------------------------------
// malloc/malloc.h: what a heap profiler reads.

unsafe extern "C" fn count_in_use(_task: task_t, ctx: *mut c_void, ty: core::ffi::c_uint, ranges: *mut vm_range_t, n: core::ffi::c_uint) {
    let found = unsafe { &*(ctx as *const (AtomicUsize, AtomicUsize)) };
    assert_ne!(ty & MALLOC_PTR_IN_USE_RANGE_TYPE, 0);
    for r in unsafe { core::slice::from_raw_parts(ranges, n as usize) } {
        found.0.fetch_add(1, Ordering::Relaxed);
        found.1.fetch_add(r.size, Ordering::Relaxed);
    }
}

#[test]
fn malloc_zones_statistics_and_enumeration() {
    let p = unsafe { libc::malloc(1000) };
    assert!(!p.is_null());
    assert!(unsafe { malloc_size(p) } >= 1000);
    assert!(unsafe { malloc_good_size(1000) } >= 1000);
    let zone = unsafe { malloc_zone_from_ptr(p) };
    assert!(!zone.is_null(), "malloc_zone_from_ptr of a malloc'd block");
    let name = unsafe { std::ffi::CStr::from_ptr((*malloc_default_zone()).zone_name) };
    assert!(!name.to_bytes().is_empty());
    // NULL: every zone's statistics summed.
    let mut st: malloc_statistics_t = unsafe { core::mem::zeroed() };
    unsafe { malloc_zone_statistics(core::ptr::null_mut(), &mut st) };
    assert!(st.blocks_in_use >= 1 && st.size_in_use >= 1000 && st.size_allocated >= st.size_in_use, "{:?}", (st.blocks_in_use, st.size_in_use));
    let mut zones: *mut vm_address_t = core::ptr::null_mut();
    let mut n: core::ffi::c_uint = 0;
    kr(unsafe { malloc_get_all_zones(mach_task_self(), None, &mut zones, &mut n) }, "malloc_get_all_zones");
    let zones = unsafe { core::slice::from_raw_parts(zones, n as usize) };
    assert!(zones.contains(&(zone as vm_address_t)), "the block's zone is among the {n} zones");
    // The zone's own enumerator, through its introspection table, as leak
    // checkers walk it (the zone locked, so no other thread changes it).
    let found = (AtomicUsize::new(0), AtomicUsize::new(0));
    unsafe {
        let intro = (*zone).introspect;
        (*intro).force_lock.unwrap()(zone);
        let r = (*intro).enumerator.unwrap()(
            mach_task_self(),
            &found as *const _ as *mut c_void,
            MALLOC_PTR_IN_USE_RANGE_TYPE,
            zone as vm_address_t,
            None,
            Some(count_in_use),
        );
        (*intro).force_unlock.unwrap()(zone);
        kr(r, "malloc_introspection_t.enumerator");
    }
    assert!(found.0.load(Ordering::Relaxed) >= 1 && found.1.load(Ordering::Relaxed) >= 1000, "{found:?}");
    unsafe { libc::free(p) };
}

// ---------------------------------------------------------------------------
// pthread/introspection.h: lifecycle hooks, as a garbage collector installs them.

static HOOK_EVENTS: [AtomicUsize; 5] = [const { AtomicUsize::new(0) }; 5];

unsafe extern "C" fn count_thread_events(event: core::ffi::c_uint, _thread: libc::pthread_t, _addr: *mut c_void, _size: usize) {
    if let Some(n) = HOOK_EVENTS.get(event as usize) {
        n.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn pthread_introspection_hook_sees_a_thread_live_and_die() {
    let previous = unsafe { pthread_introspection_hook_install(Some(count_thread_events)) };
    let before: Vec<usize> = HOOK_EVENTS.iter().map(|n| n.load(Ordering::SeqCst)).collect();
    std::thread::spawn(|| ()).join().unwrap();
    // DESTROY may come a little after join returns (the stack is freed late).
    let t0 = Instant::now();
    while HOOK_EVENTS[PTHREAD_INTROSPECTION_THREAD_DESTROY as usize].load(Ordering::SeqCst) == before[4] && t0.elapsed() < Duration::from_secs(2) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let installed_back = unsafe { pthread_introspection_hook_install(previous) };
    assert_eq!(installed_back.map(|f| f as usize), Some(count_thread_events as *const () as usize));
    for ev in [PTHREAD_INTROSPECTION_THREAD_CREATE, PTHREAD_INTROSPECTION_THREAD_START, PTHREAD_INTROSPECTION_THREAD_TERMINATE] {
        assert!(HOOK_EVENTS[ev as usize].load(Ordering::SeqCst) > before[ev as usize], "no event {ev}");
    }
}

// ---------------------------------------------------------------------------
// removefile.h: a tree removed with a status callback counting its items.

unsafe extern "C" fn count_removed(_state: removefile_state_t, _path: *const c_char, ctx: *mut c_void) -> c_int {
    unsafe { &*(ctx as *const AtomicUsize) }.fetch_add(1, Ordering::SeqCst);
    REMOVEFILE_PROCEED
}

#[test]
fn removefile_recursive_with_a_status_callback() {
    let dir = TempDir::new("removefile");
    let root = dir.0.join("tree");
    std::fs::create_dir_all(root.join("a/b")).unwrap();
    for f in ["x", "a/y", "a/b/z"] {
        std::fs::write(root.join(f), b"darwin-sys").unwrap();
    }
    let removed = AtomicUsize::new(0);
    let callback: removefile_callback_t = Some(count_removed);
    unsafe {
        let state = removefile_state_alloc();
        assert!(!state.is_null());
        assert_eq!(removefile_state_set(state, REMOVEFILE_STATE_STATUS_CALLBACK, callback.map_or(core::ptr::null(), |f| f as *const c_void)), 0);
        assert_eq!(removefile_state_set(state, REMOVEFILE_STATE_STATUS_CONTEXT, &removed as *const AtomicUsize as *const c_void), 0);
        let path = dir.c("tree");
        assert_eq!(removefile(path.as_ptr(), state, REMOVEFILE_RECURSIVE), 0, "errno {}", errno());
        assert_eq!(removefile_state_free(state), 0);
    }
    assert!(!root.exists());
    // At least once for each of the three files and three directories.
    assert!(removed.load(Ordering::SeqCst) >= 6, "{removed:?}");
    // The tree is gone: removing it again fails with ENOENT.
    assert_eq!(unsafe { removefile(dir.c("tree").as_ptr(), core::ptr::null_mut(), REMOVEFILE_RECURSIVE) }, -1);
    assert_eq!(errno(), libc::ENOENT);
}

// ---------------------------------------------------------------------------
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
