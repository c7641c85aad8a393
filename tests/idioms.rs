//! C idioms, written the way C code writes them: flag ORs, masks applied to
//! typed values, comparisons with struct fields, constants passed to the
//! functions and fields that take them. Each compiles without a cast, or
//! the constant typing rules of codegen/config are wrong.
//!
//! Compiled, never run (the functions are called by nobody: they would
//! install exception ports, attach to processes, ...): `cargo xtask test`
//! checks this file for both Darwin targets with `-D warnings`
//! (`cargo check --test idioms`). One function per idiom, named after it.
#![cfg(target_os = "macos")]
#![allow(dead_code)]

use core::ffi::{c_char, c_int, c_void};
use core::mem::size_of;
use core::ptr::{null, null_mut};
use darwin_sys::*;

// ---- Mach exceptions -------------------------------------------------------

/// The first line of every Mach exception handler.
unsafe fn exc_set_ports(task: task_t, port: mach_port_t) -> kern_return_t {
    unsafe {
        task_set_exception_ports(
            task,
            EXC_MASK_BAD_ACCESS | EXC_MASK_BAD_INSTRUCTION | EXC_MASK_ARITHMETIC | EXC_MASK_CRASH,
            port,
            EXCEPTION_DEFAULT | MACH_EXCEPTION_CODES,
            THREAD_STATE_NONE,
        )
    }
}

/// The state-carrying behaviours, 64-bit codes.
unsafe fn exc_set_state_identity(thread: thread_act_t, port: mach_port_t) -> kern_return_t {
    unsafe { thread_set_exception_ports(thread, EXC_MASK_ALL, port, EXCEPTION_STATE_IDENTITY | MACH_EXCEPTION_CODES, MACHINE_THREAD_STATE) }
}

/// Saving the old handlers: arrays sized by EXC_TYPES_COUNT.
unsafe fn exc_save_old(task: task_t) -> mach_msg_type_number_t {
    let mut masks = [0 as exception_mask_t; EXC_TYPES_COUNT as usize];
    let mut ports = [MACH_PORT_NULL; EXC_TYPES_COUNT as usize];
    let mut behaviors = [0 as exception_behavior_t; EXC_TYPES_COUNT as usize];
    let mut flavors = [0 as thread_state_flavor_t; EXC_TYPES_COUNT as usize];
    let mut count: mach_msg_type_number_t = EXC_TYPES_COUNT;
    unsafe {
        task_get_exception_ports(task, EXC_MASK_ALL, masks.as_mut_ptr(), &mut count, ports.as_mut_ptr(), behaviors.as_mut_ptr(), flavors.as_mut_ptr());
    }
    count
}

/// Strip the code-width bits from a saved behaviour.
fn exc_behavior_kind(behavior: exception_behavior_t) -> bool {
    (behavior & !MACH_EXCEPTION_MASK) == EXCEPTION_STATE_IDENTITY && (behavior & MACH_EXCEPTION_CODES) != 0
}

/// The exception type a handler receives.
fn exc_is_bad_access(exception: exception_type_t) -> bool {
    exception == EXC_BAD_ACCESS || exception == EXC_BAD_INSTRUCTION || exception == EXC_CRASH
}

/// Turning an exception type into its mask.
fn exc_mask_of(exception: exception_type_t) -> exception_mask_t {
    1 << exception
}

/// Forwarding to the default (old) handler: exception_raise takes the type.
unsafe fn exc_forward(port: mach_port_t, thread: mach_port_t, task: mach_port_t, code: exception_data_t) -> kern_return_t {
    unsafe { exception_raise(port, thread, task, EXC_BREAKPOINT, code, 2) }
}

// ---- Mach VM -----------------------------------------------------------------

/// Make a page read-only: FALSE is `boolean_t`.
unsafe fn vm_protect_ro(task: vm_map_t, addr: mach_vm_address_t, size: mach_vm_size_t) -> kern_return_t {
    unsafe { mach_vm_protect(task, addr, size, FALSE, VM_PROT_READ) }
}

/// Make code writable, setting the maximum: TRUE, and a protection OR.
unsafe fn vm_protect_max(task: vm_map_t, addr: mach_vm_address_t, size: mach_vm_size_t) -> kern_return_t {
    unsafe { mach_vm_protect(task, addr, size, TRUE, VM_PROT_READ | VM_PROT_WRITE | VM_PROT_COPY) }
}

/// Allocate anywhere.
unsafe fn vm_allocate_anywhere(task: vm_map_t, size: mach_vm_size_t) -> mach_vm_address_t {
    let mut addr: mach_vm_address_t = 0;
    unsafe { mach_vm_allocate(task, &mut addr, size, VM_FLAGS_ANYWHERE | VM_FLAGS_PURGABLE) };
    addr
}

/// Allocate anywhere, tagged so that vmmap and footprint show the region
/// as the application's own.
unsafe fn vm_allocate_tagged(task: vm_map_t, size: mach_vm_size_t) -> mach_vm_address_t {
    let mut addr: mach_vm_address_t = 0;
    unsafe { mach_vm_allocate(task, &mut addr, size, VM_FLAGS_ANYWHERE | VM_MAKE_TAG(VM_MEMORY_APPLICATION_SPECIFIC_1)) };
    addr
}

/// The alias (tag) bits of a flags word.
fn vm_flags_alias(flags: c_int) -> c_int {
    (flags & VM_FLAGS_ALIAS_MASK) >> 24
}

/// Only the flags a user may pass.
fn vm_flags_user(flags: c_int) -> bool {
    flags & !VM_FLAGS_USER_ALLOCATE == 0 && flags & !VM_FLAGS_USER_MAP == 0
}

/// Walk regions: flavor and count constants, protections and tags read back.
unsafe fn vm_region_walk(task: vm_map_t) -> bool {
    let mut addr: mach_vm_address_t = 0;
    let mut size: mach_vm_size_t = 0;
    let mut depth: natural_t = 0;
    let mut info: vm_region_submap_info_64 = unsafe { core::mem::zeroed() };
    let mut count: mach_msg_type_number_t = VM_REGION_SUBMAP_INFO_COUNT_64;
    let kr = unsafe { mach_vm_region_recurse(task, &mut addr, &mut size, &mut depth, &mut info as *mut _ as vm_region_recurse_info_t, &mut count) };
    kr == KERN_SUCCESS
        && info.user_tag == VM_MEMORY_MALLOC
        && (info.protection & VM_PROT_EXECUTE) != 0
        && info.inheritance == VM_INHERIT_COPY
        && info.share_mode == SM_PRIVATE
        && info.behavior == VM_BEHAVIOR_DEFAULT
        && info.is_submap == FALSE
}

/// The basic flavor with its count.
unsafe fn vm_region_basic(task: vm_map_t, addr: &mut mach_vm_address_t) -> kern_return_t {
    let mut size: mach_vm_size_t = 0;
    let mut info: vm_region_basic_info_data_64_t = unsafe { core::mem::zeroed() };
    let mut count = VM_REGION_BASIC_INFO_COUNT_64;
    let mut object: mach_port_t = MACH_PORT_NULL;
    unsafe { mach_vm_region(task, addr, &mut size, VM_REGION_BASIC_INFO_64, &mut info as *mut _ as vm_region_info_t, &mut count, &mut object) }
}

/// Syncing a range.
unsafe fn vm_msync_range(task: vm_map_t, addr: mach_vm_address_t, size: mach_vm_size_t) -> kern_return_t {
    unsafe { mach_vm_msync(task, addr, size, VM_SYNC_SYNCHRONOUS | VM_SYNC_INVALIDATE) }
}

// ---- Mach ports and messages --------------------------------------------------

/// A receive right with a send right.
unsafe fn port_new(task: ipc_space_t) -> mach_port_name_t {
    let mut name: mach_port_name_t = MACH_PORT_NULL;
    unsafe {
        mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &mut name);
        mach_port_insert_right(task, name, name, MACH_MSG_TYPE_MAKE_SEND);
    }
    name
}

/// A deeper queue: `mpl_qlimit` takes MACH_PORT_QLIMIT_*.
unsafe fn port_qlimit(task: ipc_space_t, name: mach_port_name_t) -> kern_return_t {
    let limits = mach_port_limits { mpl_qlimit: MACH_PORT_QLIMIT_LARGE };
    unsafe { mach_port_set_attributes(task, name, MACH_PORT_LIMITS_INFO, &limits as *const _ as mach_port_info_t, MACH_PORT_LIMITS_INFO_COUNT) }
}

/// Reading a port's status: the queue limit against its default.
unsafe fn port_status(task: ipc_space_t, name: mach_port_name_t) -> bool {
    let mut status: mach_port_status_t = unsafe { core::mem::zeroed() };
    let mut count = MACH_PORT_RECEIVE_STATUS_COUNT;
    unsafe { mach_port_get_attributes(task, name, MACH_PORT_RECEIVE_STATUS, &mut status as *mut _ as mach_port_info_t, &mut count) };
    status.mps_qlimit == MACH_PORT_QLIMIT_DEFAULT
}

/// Rights of a name.
unsafe fn port_is_receive(task: ipc_space_t, name: mach_port_name_t) -> bool {
    let mut ty: mach_port_type_t = 0;
    unsafe { mach_port_type(task, name, &mut ty) };
    ty & MACH_PORT_TYPE_RECEIVE != 0 && ty & MACH_PORT_TYPE_SEND_RIGHTS != 0
}

/// A message header, built as in C.
fn msg_header(remote: mach_port_t, reply: mach_port_t) -> mach_msg_header_t {
    mach_msg_header_t {
        msgh_bits: MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE) | MACH_MSGH_BITS_COMPLEX,
        msgh_size: size_of::<mach_msg_header_t>() as mach_msg_size_t,
        msgh_remote_port: remote,
        msgh_local_port: reply,
        msgh_voucher_port: MACH_PORT_NULL,
        msgh_id: MACH_NOTIFY_NO_SENDERS,
    }
}

/// Send and receive with a timeout; the result compared with MACH_RCV_*.
unsafe fn msg_rpc(hdr: &mut mach_msg_header_t, rcv: mach_port_name_t) -> bool {
    let mr = unsafe {
        mach_msg(hdr, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT | MACH_RCV_LARGE, hdr.msgh_size, 1024, rcv, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL)
    };
    mr == MACH_MSG_SUCCESS || mr == MACH_RCV_TIMED_OUT || mr == MACH_SEND_INVALID_DEST
}

/// A received message's flags and id.
fn msg_is_complex_dead_name(hdr: &mach_msg_header_t) -> bool {
    hdr.msgh_bits & MACH_MSGH_BITS_COMPLEX != 0 && hdr.msgh_id == MACH_NOTIFY_DEAD_NAME
}

/// An out-of-line descriptor: the copy option and the type.
fn msg_ool(addr: *mut c_void, size: mach_msg_size_t) -> mach_msg_ool_descriptor_t {
    let mut d: mach_msg_ool_descriptor_t = unsafe { core::mem::zeroed() };
    d.address = addr;
    d.size = size;
    d.set_copy(MACH_MSG_VIRTUAL_COPY);
    d.set_deallocate(FALSE);
    d.set_type(MACH_MSG_OOL_DESCRIPTOR);
    d
}

/// Physical copy, tested back.
fn msg_ool_is_physical(d: &mach_msg_ool_descriptor_t) -> bool {
    d.copy() == MACH_MSG_PHYSICAL_COPY || d.copy() == MACH_MSG_ALLOCATE
}

/// The trailer of a received message.
fn msg_trailer_ok(t: &mach_msg_trailer_t) -> bool {
    t.msgh_trailer_type == MACH_MSG_TRAILER_FORMAT_0 && t.msgh_trailer_size >= MACH_MSG_TRAILER_MINIMUM_SIZE
}

// ---- Tasks, threads, host --------------------------------------------------------

/// Where dyld's image list is, and in which format.
unsafe fn task_dyld_info_64(task: task_name_t) -> bool {
    let mut info: task_dyld_info = unsafe { core::mem::zeroed() };
    let mut count: mach_msg_type_number_t = TASK_DYLD_INFO_COUNT;
    let kr = unsafe { task_info(task, TASK_DYLD_INFO, &mut info as *mut _ as task_info_t, &mut count) };
    kr == KERN_SUCCESS && info.all_image_info_format == TASK_DYLD_ALL_IMAGE_INFO_64
}

/// A thread's registers.
#[cfg(target_arch = "aarch64")]
unsafe fn thread_regs(thread: thread_read_t) -> kern_return_t {
    let mut state: arm_thread_state64_t = unsafe { core::mem::zeroed() };
    let mut count = ARM_THREAD_STATE64_COUNT;
    unsafe { thread_get_state(thread, ARM_THREAD_STATE64, &mut state as *mut _ as thread_state_t, &mut count) }
}

/// A thread's registers.
#[cfg(target_arch = "x86_64")]
unsafe fn thread_regs(thread: thread_read_t) -> kern_return_t {
    let mut state: x86_thread_state64_t = unsafe { core::mem::zeroed() };
    let mut count = x86_THREAD_STATE64_COUNT;
    unsafe { thread_get_state(thread, x86_THREAD_STATE64, &mut state as *mut _ as thread_state_t, &mut count) }
}

/// Thread state buffers sized by THREAD_STATE_MAX.
unsafe fn thread_state_any(thread: thread_read_t, flavor: thread_state_flavor_t) -> kern_return_t {
    let mut state: thread_state_data_t = [0; THREAD_STATE_MAX as usize];
    let mut count: mach_msg_type_number_t = THREAD_STATE_MAX;
    unsafe { thread_get_state(thread, flavor, state.as_mut_ptr(), &mut count) }
}

/// Latency QoS: the tier constant fills the policy field.
unsafe fn thread_latency(thread: thread_act_t) -> kern_return_t {
    let policy = thread_latency_qos_policy_data_t { thread_latency_qos_tier: LATENCY_QOS_TIER_1 };
    unsafe { thread_policy_set(thread, THREAD_LATENCY_QOS_POLICY, &policy as *const _ as thread_policy_t, THREAD_LATENCY_QOS_POLICY_COUNT) }
}

/// Host VM statistics.
unsafe fn host_vm(host: host_t) -> kern_return_t {
    let mut vm: vm_statistics64_data_t = unsafe { core::mem::zeroed() };
    let mut count = HOST_VM_INFO64_COUNT;
    unsafe { host_statistics64(host, HOST_VM_INFO64, &mut vm as *mut _ as host_info64_t, &mut count) }
}

/// A special port of the host.
unsafe fn host_io_main(host: host_priv_t) -> mach_port_t {
    let mut port: mach_port_t = MACH_PORT_NULL;
    unsafe { host_get_special_port(host, HOST_LOCAL_NODE, HOST_IO_MAIN_PORT, &mut port) };
    port
}

/// Semaphores and yielding.
unsafe fn sync_prims(task: task_t) -> kern_return_t {
    let mut sem: semaphore_t = MACH_PORT_NULL;
    unsafe {
        semaphore_create(task, &mut sem, SYNC_POLICY_FIFO, 0);
        thread_switch(MACH_PORT_NULL, SWITCH_OPTION_DEPRESS, 1)
    }
}

// ---- CPU types, Mach-O, dyld --------------------------------------------------------

/// Which architecture a Mach-O header is for.
fn cpu_is_arm64e(h: &mach_header_64) -> bool {
    h.magic == MH_MAGIC_64
        && h.cputype == CPU_TYPE_ARM64
        && (h.cputype & CPU_ARCH_ABI64) != 0
        && (h.cpusubtype & !CPU_SUBTYPE_MASK) == CPU_SUBTYPE_ARM64E
        && (h.filetype == MH_EXECUTE || h.filetype == MH_DYLIB)
}

/// The capability bits of a subtype.
fn cpu_subtype_lib64(h: &mach_header_64) -> bool {
    h.cpusubtype & CPU_SUBTYPE_LIB64 != 0 && h.cputype & CPU_ARCH_MASK == CPU_ARCH_ABI64
}

/// Load commands.
fn load_command_is_segment(lc: &load_command) -> bool {
    lc.cmd == LC_SEGMENT_64 || lc.cmd == LC_UUID || lc.cmd == LC_MAIN
}

// ---- kqueue --------------------------------------------------------------------------

/// Watch a process exit.
fn kev_proc_exit(pid: c_int) -> kevent64_s {
    kevent64_s {
        ident: pid as u64,
        filter: EVFILT_PROC,
        flags: EV_ADD | EV_ENABLE | EV_ONESHOT,
        fflags: NOTE_EXIT | NOTE_EXITSTATUS,
        data: 0,
        udata: 0,
        ext: [0; 2],
    }
}

/// Read back what fired.
fn kev_fired(ev: &kevent64_s) -> bool {
    (ev.filter == EVFILT_PROC && ev.fflags & NOTE_EXIT != 0 && ev.fflags & NOTE_PCTRLMASK == 0)
        || (ev.filter == EVFILT_USER && ev.fflags & NOTE_TRIGGER != 0)
        || ev.flags & EV_ERROR != 0
}

/// Poll without blocking.
unsafe fn kev_poll(kq: c_int, changes: &[kevent64_s], out: &mut [kevent64_s]) -> c_int {
    unsafe { kevent64(kq, changes.as_ptr(), changes.len() as c_int, out.as_mut_ptr(), out.len() as c_int, KEVENT_FLAG_IMMEDIATE, null()) }
}

// ---- posix_spawn, QoS, pthread --------------------------------------------------------

/// Spawn suspended, exec in place.
unsafe fn spawn_flags(attr: *mut posix_spawnattr_t) -> c_int {
    unsafe { posix_spawnattr_setflags(attr, POSIX_SPAWN_SETEXEC | POSIX_SPAWN_START_SUSPENDED | POSIX_SPAWN_CLOEXEC_DEFAULT) }
}

/// A child's QoS class.
unsafe fn spawn_qos(attr: *mut posix_spawnattr_t) -> c_int {
    unsafe { posix_spawnattr_set_qos_class_np(attr, QOS_CLASS_UTILITY) }
}

/// This thread's QoS.
unsafe fn qos_self() -> bool {
    unsafe { pthread_set_qos_class_self_np(QOS_CLASS_USER_INITIATED, 0) };
    let q = unsafe { qos_class_self() };
    q == QOS_CLASS_USER_INTERACTIVE || q == QOS_CLASS_UNSPECIFIED
}

// ---- libdispatch -------------------------------------------------------------------------

/// A global queue by priority.
unsafe fn dispatch_global() -> dispatch_queue_global_t {
    unsafe { dispatch_get_global_queue(DISPATCH_QUEUE_PRIORITY_HIGH, 0) }
}

/// Timers and waits.
unsafe fn dispatch_waits(sema: dispatch_semaphore_t, q: dispatch_queue_t, f: dispatch_function_t) {
    unsafe {
        dispatch_semaphore_wait(sema, DISPATCH_TIME_FOREVER);
        dispatch_after_f(DISPATCH_WALLTIME_NOW, q, null_mut(), f);
        dispatch_after_f(dispatch_time(DISPATCH_TIME_NOW, 1000), q, null_mut(), f);
    }
}

/// A process source: the mask in, the data out.
unsafe fn dispatch_proc_source(pid: c_int, q: dispatch_queue_t) -> bool {
    let src = unsafe { dispatch_source_create(DISPATCH_SOURCE_TYPE_PROC, pid as usize, DISPATCH_PROC_EXIT | DISPATCH_PROC_EXEC, q) };
    unsafe { dispatch_source_get_data(src) & DISPATCH_PROC_EXIT != 0 && dispatch_source_get_mask(src) & DISPATCH_PROC_EXEC != 0 }
}

// ---- os: lock, log, signpost ---------------------------------------------------------------

/// The unfair lock.
unsafe fn os_lock() {
    let mut l: os_unfair_lock = OS_UNFAIR_LOCK_INIT;
    unsafe {
        os_unfair_lock_lock(&mut l);
        os_unfair_lock_unlock(&mut l);
    }
}

/// Log levels.
unsafe fn os_log_enabled() -> bool {
    unsafe { os_log_type_enabled(OS_LOG_DEFAULT, OS_LOG_TYPE_DEBUG) || os_log_type_enabled(OS_LOG_DEFAULT, OS_LOG_TYPE_FAULT) }
}

/// Signpost ids.
unsafe fn os_signpost(log: os_log_t) -> bool {
    let id = unsafe { os_signpost_id_generate(log) };
    id != OS_SIGNPOST_ID_NULL && id != OS_SIGNPOST_ID_INVALID && id != OS_SIGNPOST_ID_EXCLUSIVE
}

// ---- files --------------------------------------------------------------------------------------

/// copyfile with flags.
unsafe fn files_copy(from: *const c_char, to: *const c_char) -> c_int {
    unsafe { copyfile(from, to, null_mut(), COPYFILE_ALL | COPYFILE_NOFOLLOW | COPYFILE_CLONE) }
}

/// copyfile state.
unsafe fn files_copied(s: copyfile_state_t) -> i64 {
    let mut n: i64 = 0;
    unsafe { copyfile_state_get(s, COPYFILE_STATE_COPIED, &mut n as *mut i64 as *mut c_void) };
    n
}

/// clonefile and renamex_np.
unsafe fn files_clone_swap(a: *const c_char, b: *const c_char) -> c_int {
    unsafe {
        clonefile(a, b, CLONE_NOFOLLOW | CLONE_NOOWNERCOPY);
        renamex_np(a, b, RENAME_SWAP | RENAME_EXCL)
    }
}

// ---- ptrace, sysctl, libproc, errno, TCP ---------------------------------------------------------

/// Attach with exceptions; deny attaching.
unsafe fn trace(pid: pid_t) -> c_int {
    unsafe {
        ptrace(PT_DENY_ATTACH, 0, null_mut(), 0);
        ptrace(PT_ATTACHEXC, pid, null_mut(), 0)
    }
}

/// The kinfo_proc of a process, by MIB.
unsafe fn sysctl_proc(pid: c_int) -> c_int {
    let mut mib = [CTL_KERN, KERN_PROC, KERN_PROC_PID, pid];
    let mut info: kinfo_proc = unsafe { core::mem::zeroed() };
    let mut len = size_of::<kinfo_proc>();
    unsafe { sysctl(mib.as_mut_ptr(), mib.len() as u_int, &mut info as *mut _ as *mut c_void, &mut len, null_mut(), 0) }
}

/// A process's state, from its kinfo_proc: `p_stat` is a `char`.
fn sysctl_proc_is_zombie(info: &kinfo_proc) -> bool {
    info.kp_proc.p_stat == SZOMB || info.kp_proc.p_stat == SIDL
}

/// Symbol-table entries: `n_type` bits, the section, the library ordinal.
fn macho_symbol_is_import(sym: &nlist_64) -> bool {
    sym.n_type & N_STAB == 0
        && sym.n_type & N_TYPE == N_UNDF
        && sym.n_type & N_EXT != 0
        && sym.n_sect == NO_SECT
        && GET_LIBRARY_ORDINAL(sym.n_desc) != SELF_LIBRARY_ORDINAL
        && sym.n_desc & N_WEAK_REF == 0
}

/// A compact unwind encoding's mode, on arm64.
fn macho_unwind_is_frame(encoding: compact_unwind_encoding_t) -> bool {
    encoding & UNWIND_ARM64_MODE_MASK == UNWIND_ARM64_MODE_FRAME
}

/// A chained-fixups segment: its pointer format and its pages' starts.
#[cfg(not(any(
    darwin_sys_lacks = "dyld_chained_starts_in_segment",
    darwin_sys_lacks = "DYLD_CHAINED_PTR_START_NONE",
    darwin_sys_lacks = "DYLD_CHAINED_PTR_64"
)))]
fn macho_chained_pages(seg: &dyld_chained_starts_in_segment) -> bool {
    seg.pointer_format == DYLD_CHAINED_PTR_64 && seg.page_start[0] != DYLD_CHAINED_PTR_START_NONE
}

/// A sysctl node's kind.
fn sysctl_kind_is_rw(kind: c_int) -> bool {
    kind & CTLTYPE == CTLTYPE_INT && kind & CTLFLAG_RW == CTLFLAG_RW
}

/// proc_pidinfo: flavor and size in, size out; flags tested.
unsafe fn libproc_traced(pid: c_int) -> bool {
    let mut info: proc_bsdinfo = unsafe { core::mem::zeroed() };
    let n = unsafe { proc_pidinfo(pid, PROC_PIDTBSDINFO, 0, &mut info as *mut _ as *mut c_void, PROC_PIDTBSDINFO_SIZE) };
    n == PROC_PIDTBSDINFO_SIZE && info.pbi_flags & PROC_FLAG_TRACED != 0
}

/// File descriptor kinds.
fn libproc_fd_is_socket(fd: &proc_fdinfo) -> bool {
    fd.proc_fdtype == PROX_FDTYPE_SOCKET || fd.proc_fdtype == PROX_FDTYPE_VNODE
}

/// A socket's kind.
fn libproc_socket_is_tcp(s: &socket_fdinfo) -> bool {
    s.psi.soi_kind == SOCKINFO_TCP || s.psi.soi_kind == SOCKINFO_IN
}

/// errno.
fn errno_retry() -> bool {
    let e = errno();
    e == EINTR || e == EAGAIN || e == EWOULDBLOCK
}

/// TCP connection info options.
fn tcp_info_sack(ci: &tcp_connection_info) -> bool {
    ci.tcpi_options & TCPCI_OPT_SACK != 0 && ci.tcpi_options & TCPCI_OPT_WSCALE != 0
}

/// A TCP socket option.
unsafe fn tcp_nodelay(fd: c_int) -> c_int {
    let on: c_int = 1;
    unsafe { libc::setsockopt(fd, libc::IPPROTO_TCP, TCP_NODELAY, &on as *const c_int as *const c_void, size_of::<c_int>() as u32) }
}

// ---- os: waiting on addresses, workgroups -----------------------------------

/// A futex-style park: wait while the word holds the value, wake one.
#[cfg(not(any(darwin_sys_lacks = "os_sync_wait_on_address_with_timeout", darwin_sys_lacks = "os_sync_wake_by_address_any")))]
unsafe fn os_sync_park(word: *mut u32, expected: u32, timeout_ns: u64) -> c_int {
    unsafe {
        let r = os_sync_wait_on_address_with_timeout(
            word as *mut c_void,
            expected as u64,
            size_of::<u32>(),
            OS_SYNC_WAIT_ON_ADDRESS_NONE,
            OS_CLOCK_MACH_ABSOLUTE_TIME,
            timeout_ns,
        );
        os_sync_wake_by_address_any(word as *mut c_void, size_of::<u32>(), OS_SYNC_WAKE_BY_ADDRESS_SHARED);
        r
    }
}

/// A real-time audio thread: time-constraint policy, then join the
/// device's workgroup and mark each cycle's interval.
unsafe fn workgroup_audio_thread(wg: os_workgroup_t, period: u32, deadline: u64) -> c_int {
    let mut policy = thread_time_constraint_policy_data_t { period, computation: period / 2, constraint: period, preemptible: 1 };
    unsafe {
        thread_policy_set(
            pthread_mach_thread_np(libc::pthread_self()),
            THREAD_TIME_CONSTRAINT_POLICY,
            &mut policy as *mut _ as thread_policy_t,
            THREAD_TIME_CONSTRAINT_POLICY_COUNT,
        );
        let mut token: os_workgroup_join_token_s = core::mem::zeroed();
        let r = os_workgroup_join(wg, &mut token);
        if r != 0 {
            return r;
        }
        let mut data = OS_WORKGROUP_INTERVAL_DATA_INITIALIZER;
        let now = mach_absolute_time();
        let r = os_workgroup_interval_start(wg as os_workgroup_interval_t, now, now + deadline, &mut data);
        os_workgroup_interval_finish(wg as os_workgroup_interval_t, &mut data);
        os_workgroup_leave(wg, &mut token);
        let _threads = os_workgroup_max_parallel_threads(wg, null_mut());
        r
    }
}

/// A workgroup with the default attributes.
unsafe fn workgroup_create(port: mach_port_t) -> os_workgroup_t {
    let _attr = OS_WORKGROUP_ATTR_INITIALIZER_DEFAULT;
    unsafe { os_workgroup_create_with_port(c"audio".as_ptr(), port) }
}

// ---- malloc: heap walkers ----------------------------------------------------

/// Only the in-use blocks of a zone's enumeration.
unsafe extern "C" fn malloc_record(_task: task_t, _ctx: *mut c_void, ty: core::ffi::c_uint, ranges: *mut vm_range_t, count: core::ffi::c_uint) {
    if ty & MALLOC_PTR_IN_USE_RANGE_TYPE != 0 && count > 0 {
        let _first: vm_size_t = unsafe { (*ranges).size };
    }
}

/// Every zone of a task, each enumerated through its introspection table.
unsafe fn malloc_walk_zones(task: task_t) -> kern_return_t {
    let mut zones: *mut vm_address_t = null_mut();
    let mut count: core::ffi::c_uint = 0;
    unsafe {
        let kr = malloc_get_all_zones(task, None, &mut zones, &mut count);
        if kr != KERN_SUCCESS {
            return kr;
        }
        for i in 0..count as usize {
            let zone = *zones.add(i) as *mut malloc_zone_t;
            let mut st: malloc_statistics_t = core::mem::zeroed();
            malloc_zone_statistics(zone, &mut st);
            let enumerate = (*(*zone).introspect).enumerator.unwrap();
            let kr = enumerate(task, null_mut(), MALLOC_PTR_IN_USE_RANGE_TYPE | MALLOC_PTR_REGION_RANGE_TYPE, zone as vm_address_t, None, Some(malloc_record));
            if kr != KERN_SUCCESS {
                return kr;
            }
        }
        KERN_SUCCESS
    }
}

/// An aligned, zeroed allocation from a zone.
#[cfg(not(any(
    darwin_sys_lacks = "malloc_zone_malloc_with_options",
    darwin_sys_lacks = "MALLOC_ZONE_MALLOC_OPTION_CLEAR",
    darwin_sys_lacks = "MALLOC_ZONE_MALLOC_DEFAULT_ALIGN"
)))]
unsafe fn malloc_zone_aligned(zone: *mut malloc_zone_t, size: usize) -> *mut c_void {
    unsafe { malloc_zone_malloc_with_options(zone, MALLOC_ZONE_MALLOC_DEFAULT_ALIGN, size, MALLOC_ZONE_MALLOC_OPTION_CLEAR) }
}

// ---- pthread: thread lifecycle hooks ----------------------------------------

static PREVIOUS_HOOK: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

/// A GC's hook: note each thread's stack at CREATE, then chain to the
/// previous hook.
unsafe extern "C" fn gc_thread_hook(event: core::ffi::c_uint, thread: libc::pthread_t, addr: *mut c_void, size: usize) {
    if event == PTHREAD_INTROSPECTION_THREAD_CREATE || event == PTHREAD_INTROSPECTION_THREAD_DESTROY {
        let _stack = (addr, size);
    }
    let prev = PREVIOUS_HOOK.load(core::sync::atomic::Ordering::Acquire);
    if prev != 0 {
        let prev: unsafe extern "C" fn(core::ffi::c_uint, libc::pthread_t, *mut c_void, usize) = unsafe { core::mem::transmute(prev) };
        unsafe { prev(event, thread, addr, size) };
    }
}

/// Installing it, keeping the previous hook.
unsafe fn gc_install_thread_hook() {
    let prev = unsafe { pthread_introspection_hook_install(Some(gc_thread_hook)) };
    PREVIOUS_HOOK.store(prev.map_or(0, |f| f as usize), core::sync::atomic::Ordering::Release);
}

// ---- files: removefile --------------------------------------------------------

/// `rm -rf` that stops at the first error, keeping the directory itself.
unsafe extern "C" fn removefile_stop_on_error(state: removefile_state_t, _path: *const c_char, _ctx: *mut c_void) -> c_int {
    let mut err: c_int = 0;
    unsafe { removefile_state_get(state, REMOVEFILE_STATE_ERRNO, &mut err as *mut c_int as *mut c_void) };
    if err == libc::ENOENT { REMOVEFILE_SKIP } else { REMOVEFILE_STOP }
}

unsafe fn removefile_contents(path: *const c_char) -> c_int {
    unsafe {
        let state = removefile_state_alloc();
        let cb: removefile_callback_t = Some(removefile_stop_on_error);
        removefile_state_set(state, REMOVEFILE_STATE_ERROR_CALLBACK, cb.map_or(null(), |f| f as *const c_void));
        let r = removefile(path, state, REMOVEFILE_RECURSIVE | REMOVEFILE_KEEP_PARENT | REMOVEFILE_CROSS_MOUNT);
        removefile_state_free(state);
        r
    }
}
