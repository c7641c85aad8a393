//! A process supervisor's core: `posix_spawn` a command suspended
//! (`POSIX_SPAWN_START_SUSPENDED`, Apple's extension), put a kqueue watch
//! on it (`EVFILT_PROC` with `NOTE_EXIT | NOTE_EXITSTATUS`) before it can
//! run, let it go with `SIGCONT`, and wait for the exit event, which
//! carries the wait status.
//!
//! Run: `cargo run --example spawn_watch -- /bin/sh -c 'echo hi; exit 3'`
//! (default: `/bin/echo hello from a watched child`).

#[cfg(not(target_os = "macos"))]
fn main() {
    eprintln!("spawn_watch: this example uses posix_spawn's Apple flags and kqueue; it runs on macOS only.");
}

#[cfg(target_os = "macos")]
fn main() {
    use darwin_sys::*;
    use std::ffi::{CString, c_char};
    use std::mem::MaybeUninit;

    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        args = ["/bin/echo", "hello from a watched child"].map(String::from).to_vec();
    }
    let cargs: Vec<CString> = args.iter().map(|a| CString::new(a.as_str()).unwrap()).collect();
    let mut argv: Vec<*mut c_char> = cargs.iter().map(|a| a.as_ptr() as *mut c_char).collect();
    argv.push(std::ptr::null_mut());
    let envp: [*mut c_char; 1] = [std::ptr::null_mut()];

    unsafe {
        let mut attr: posix_spawnattr_t = std::ptr::null_mut();
        assert_eq!(posix_spawnattr_init(&mut attr), 0);
        assert_eq!(posix_spawnattr_setflags(&mut attr, POSIX_SPAWN_START_SUSPENDED as _), 0);
        let mut pid: pid_t = 0;
        let r = posix_spawn(&mut pid, argv[0], std::ptr::null(), &attr, argv.as_ptr(), envp.as_ptr());
        posix_spawnattr_destroy(&mut attr);
        assert_eq!(r, 0, "posix_spawn {args:?}: error {r}");
        println!("spawned {pid} suspended: {args:?}");

        let kq = kqueue();
        assert!(kq >= 0);
        let watch = kevent64_s {
            ident: pid as u64,
            filter: EVFILT_PROC as _,
            flags: (EV_ADD | EV_ONESHOT) as _,
            fflags: (NOTE_EXIT | NOTE_EXITSTATUS) as _,
            data: 0,
            udata: 0,
            ext: [0; 2],
        };
        assert_eq!(kevent64(kq, &watch, 1, std::ptr::null_mut(), 0, 0, std::ptr::null()), 0);
        println!("watching {pid}; resuming it");
        assert_eq!(libc::kill(pid, libc::SIGCONT), 0);

        let mut ev = MaybeUninit::<kevent64_s>::zeroed();
        let limit = timespec { tv_sec: 30, tv_nsec: 0 };
        let n = kevent64(kq, std::ptr::null(), 0, ev.as_mut_ptr(), 1, 0, &limit);
        assert_eq!(n, 1, "no exit event within 30 s");
        let ev = ev.assume_init();
        let status = ev.data as i32;
        assert_ne!(ev.fflags & NOTE_EXIT as u32, 0);
        if status & 0x7f == 0 {
            println!("{pid} exited with status {}", (status >> 8) & 0xff);
        } else {
            println!("{pid} was killed by signal {}", status & 0x7f);
        }
        // Reap it.
        let mut st = 0;
        assert_eq!(libc::waitpid(pid, &mut st, 0), pid);
        assert_eq!(st, status, "kqueue and waitpid agree");
        libc::close(kq);
    }
}
