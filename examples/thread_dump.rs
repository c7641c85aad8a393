//! A thread-state dump of this process, as a sampling profiler or crash
//! reporter takes it: `task_threads` lists every thread; each one other
//! than the caller is suspended, its registers read with
//! `thread_get_state`, and resumed; `thread_info` gives its id and run
//! state, and libpthread its name.
//!
//! Run: `cargo run --example thread_dump`.

#[cfg(not(target_os = "macos"))]
fn main() {
    eprintln!("thread_dump: this example reads Mach thread state; it runs on macOS only.");
}

#[cfg(target_os = "macos")]
mod imp {
    use darwin_sys::*;
    use std::ffi::{CStr, c_char};
    use std::mem::{MaybeUninit, size_of};

    fn check(kr: kern_return_t, what: &str) {
        assert_eq!(kr, KERN_SUCCESS, "{what}: {kr:#x}");
    }

    /// (pc, sp, frame pointer) of a suspended thread.
    fn registers(thread: thread_act_t) -> (u64, u64, u64) {
        #[cfg(target_arch = "aarch64")]
        {
            let mut s = MaybeUninit::<arm_thread_state64_t>::zeroed();
            let mut count = ARM_THREAD_STATE64_COUNT;
            check(unsafe { thread_get_state(thread, ARM_THREAD_STATE64 as _, s.as_mut_ptr() as thread_state_t, &mut count) }, "thread_get_state");
            let s = unsafe { s.assume_init() };
            (s.__pc, s.__sp, s.__fp)
        }
        #[cfg(target_arch = "x86_64")]
        {
            let mut s = MaybeUninit::<x86_thread_state64_t>::zeroed();
            let mut count = x86_THREAD_STATE64_COUNT;
            check(unsafe { thread_get_state(thread, x86_THREAD_STATE64 as _, s.as_mut_ptr() as thread_state_t, &mut count) }, "thread_get_state");
            let s = unsafe { s.assume_init() };
            (s.__rip, s.__rsp, s.__rbp)
        }
    }

    pub fn main() {
        // Some company: three named threads blocked on a channel.
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        let workers: Vec<_> = (0..3)
            .map(|i| {
                let rx = rx.clone();
                std::thread::Builder::new()
                    .name(format!("worker-{i}"))
                    .spawn(move || {
                        let _ = rx.lock().unwrap().recv();
                    })
                    .unwrap()
            })
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(50));

        let task = mach_task_self();
        let me = unsafe { mach_thread_self() };
        let mut list: thread_act_array_t = std::ptr::null_mut();
        let mut n: mach_msg_type_number_t = 0;
        check(unsafe { task_threads(task, &mut list, &mut n) }, "task_threads");
        println!("{n} threads");
        for i in 0..n as usize {
            let t = unsafe { *list.add(i) };
            let mut id = MaybeUninit::<thread_identifier_info_data_t>::zeroed();
            let mut count = THREAD_IDENTIFIER_INFO_COUNT;
            check(unsafe { thread_info(t, THREAD_IDENTIFIER_INFO as _, id.as_mut_ptr() as thread_info_t, &mut count) }, "thread_info");
            let id = unsafe { id.assume_init() };
            let mut basic = MaybeUninit::<thread_basic_info_data_t>::zeroed();
            let mut count = THREAD_BASIC_INFO_COUNT;
            check(unsafe { thread_info(t, THREAD_BASIC_INFO as _, basic.as_mut_ptr() as thread_info_t, &mut count) }, "thread_info");
            let basic = unsafe { basic.assume_init() };
            let mut name = [0 as c_char; 64];
            let pt = unsafe { pthread_from_mach_thread_np(t) };
            if pt as usize != 0 {
                unsafe { pthread_getname_np(pt, name.as_mut_ptr(), name.len()) };
            }
            let name = unsafe { CStr::from_ptr(name.as_ptr()) }.to_string_lossy();
            let regs = if t == me {
                "(the dumping thread itself: not suspended)".to_string()
            } else {
                check(unsafe { thread_suspend(t) }, "thread_suspend");
                let (pc, sp, fp) = registers(t);
                check(unsafe { thread_resume(t) }, "thread_resume");
                format!("pc {pc:#014x} sp {sp:#014x} fp {fp:#014x}")
            };
            println!(
                "thread {:>8} port {t:#06x} run_state {} suspend {} {:<12} {regs}",
                id.thread_id,
                basic.run_state,
                basic.suspend_count,
                if name.is_empty() { "-".into() } else { name }
            );
            unsafe { mach_port_deallocate(task, t) };
        }
        unsafe {
            mach_port_deallocate(task, me);
            mach_vm_deallocate(task, list as mach_vm_address_t, (n as usize * size_of::<thread_act_t>()) as mach_vm_size_t);
        }
        drop(tx);
        for w in workers {
            w.join().unwrap();
        }
    }
}

#[cfg(target_os = "macos")]
fn main() {
    imp::main()
}
