//! A Mach exception catcher, as crash reporters and debuggers build them: a
//! thread registers an exception port for `EXC_BAD_ACCESS`, then reads from
//! an unmapped address. The kernel suspends it and sends
//! `mach_exception_raise` (MIG id 2405) to the port; the handler reads the
//! faulting thread's registers, steps its program counter over the load,
//! and replies `KERN_SUCCESS`, so the thread carries on instead of dying
//! with SIGSEGV.
//!
//! Run: `cargo run --example exception_catcher`.

#[cfg(not(target_os = "macos"))]
fn main() {
    eprintln!("exception_catcher: this example handles Mach exceptions; it runs on macOS only.");
}

#[cfg(target_os = "macos")]
mod imp {
    use darwin_sys::*;
    use std::mem::{MaybeUninit, size_of};

    /// `mach_exception_raise`'s request (MIG output is `#pragma pack(4)`).
    #[repr(C, packed(4))]
    #[derive(Clone, Copy)]
    struct Request {
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
    struct Buffer {
        req: Request,
        trailer: [u8; 128],
    }

    #[repr(C, packed(4))]
    struct Reply {
        head: mach_msg_header_t,
        ndr: NDR_record_t,
        ret: kern_return_t,
    }

    #[inline(never)]
    fn load(addr: u64) -> u64 {
        let v: u64;
        #[cfg(target_arch = "aarch64")]
        unsafe {
            core::arch::asm!("ldr {v}, [{a}]", a = in(reg) addr, v = out(reg) v, options(nostack, readonly));
        }
        #[cfg(target_arch = "x86_64")]
        unsafe {
            core::arch::asm!("mov rax, qword ptr [rcx]", in("rcx") addr, out("rax") v, options(nostack, readonly));
        }
        v
    }
    /// Length of the load instruction above.
    const LOAD_LEN: u64 = if cfg!(target_arch = "aarch64") { 4 } else { 3 };

    #[cfg(target_arch = "aarch64")]
    type State = arm_thread_state64_t;
    #[cfg(target_arch = "x86_64")]
    type State = x86_thread_state64_t;

    fn check(kr: kern_return_t, what: &str) {
        assert_eq!(kr, KERN_SUCCESS, "{what}: {kr:#x}");
    }

    pub fn main() {
        let task = mach_task_self();
        let mut port: mach_port_t = MACH_PORT_NULL;
        check(unsafe { mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &mut port) }, "mach_port_allocate");
        check(unsafe { mach_port_insert_right(task, port, port, MACH_MSG_TYPE_MAKE_SEND) }, "mach_port_insert_right");
        let behavior = (EXCEPTION_DEFAULT as u32 | MACH_EXCEPTION_CODES as u32) as exception_behavior_t;

        let worker = std::thread::spawn(move || {
            let me = unsafe { mach_thread_self() };
            check(
                unsafe { thread_set_exception_ports(me, EXC_MASK_BAD_ACCESS as exception_mask_t, port, behavior, THREAD_STATE_NONE as thread_state_flavor_t) },
                "thread_set_exception_ports",
            );
            unsafe { mach_port_deallocate(mach_task_self(), me) };
            println!("worker: reading address 0x8 ...");
            let _ = load(0x8);
            println!("worker: ... and still alive");
            42
        });

        let mut buf = MaybeUninit::<Buffer>::zeroed();
        let r = unsafe { mach_msg(buf.as_mut_ptr().cast(), MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, size_of::<Buffer>() as u32, port, 10_000, MACH_PORT_NULL) };
        assert_eq!(r, MACH_MSG_SUCCESS, "no exception within 10 s");
        let req = unsafe { buf.assume_init() }.req;
        let (head, exception, code) = (req.head, req.exception, req.code);
        println!("handler: exception {exception} (EXC_BAD_ACCESS = {EXC_BAD_ACCESS}), code {:#x}, address {:#x}", code[0], code[1]);

        // Step the faulting thread over the load.
        let thread = { req.thread }.name;
        let mut state = MaybeUninit::<State>::zeroed();
        #[cfg(target_arch = "aarch64")]
        let (flavor, mut count) = (ARM_THREAD_STATE64 as thread_state_flavor_t, ARM_THREAD_STATE64_COUNT);
        #[cfg(target_arch = "x86_64")]
        let (flavor, mut count) = (x86_THREAD_STATE64 as thread_state_flavor_t, x86_THREAD_STATE64_COUNT);
        check(unsafe { thread_get_state(thread, flavor, state.as_mut_ptr() as thread_state_t, &mut count) }, "thread_get_state");
        let mut state = unsafe { state.assume_init() };
        #[cfg(target_arch = "aarch64")]
        let pc = &mut state.__pc;
        #[cfg(target_arch = "x86_64")]
        let pc = &mut state.__rip;
        println!("handler: faulting pc {:#x}, resuming at {:#x}", *pc, *pc + LOAD_LEN);
        *pc += LOAD_LEN;
        check(unsafe { thread_set_state(thread, flavor, &mut state as *mut State as thread_state_t, count) }, "thread_set_state");

        let mut reply = Reply {
            head: mach_msg_header_t {
                msgh_bits: MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(head.msgh_bits), 0),
                msgh_size: size_of::<Reply>() as u32,
                msgh_remote_port: head.msgh_remote_port,
                msgh_local_port: MACH_PORT_NULL,
                msgh_voucher_port: MACH_PORT_NULL,
                msgh_id: head.msgh_id + 100,
            },
            ndr: unsafe { NDR_record },
            ret: KERN_SUCCESS,
        };
        let r = unsafe { mach_msg(&raw mut reply.head, MACH_SEND_MSG, size_of::<Reply>() as u32, 0, MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) };
        assert_eq!(r, MACH_MSG_SUCCESS);
        assert_eq!(worker.join().unwrap(), 42);
        // The message carried send rights to the thread and the task: ours now.
        unsafe {
            mach_port_deallocate(task, thread);
            mach_port_deallocate(task, { req.task }.name);
            mach_port_mod_refs(task, port, MACH_PORT_RIGHT_RECEIVE, -1);
            mach_port_deallocate(task, port);
        }
        println!("survived EXC_BAD_ACCESS");
    }
}

#[cfg(target_os = "macos")]
fn main() {
    imp::main()
}
