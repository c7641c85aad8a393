//! A small `ps`: the number of processes from `sysctl`
//! (`CTL_KERN, KERN_PROC, KERN_PROC_ALL`), the pids from libproc's
//! `proc_listallpids`, and per process `proc_pidinfo(PROC_PIDTBSDINFO)`
//! (parent, uid, name) and `proc_pidpath`. Processes of other users may
//! answer with EPERM; they are listed without details.
//!
//! Run: `cargo run --example ps`.

#[cfg(not(target_os = "macos"))]
fn main() {
    eprintln!("ps: this example uses sysctl and libproc; it runs on macOS only.");
}

#[cfg(target_os = "macos")]
fn main() {
    use darwin_sys::*;
    use std::ffi::{CStr, c_int, c_void};
    use std::mem::{MaybeUninit, size_of};

    unsafe {
        // sysctl: how many processes (the size of the kinfo_proc table).
        let mut mib = [CTL_KERN as c_int, KERN_PROC as c_int, KERN_PROC_ALL as c_int];
        let mut len = 0usize;
        assert_eq!(sysctl(mib.as_mut_ptr(), 3, std::ptr::null_mut(), &mut len, std::ptr::null_mut(), 0), 0);
        println!("sysctl kern.proc.all: about {} processes", len / size_of::<kinfo_proc>());

        // libproc: the pids, then each one's BSD info and path.
        let n = proc_listallpids(std::ptr::null_mut(), 0);
        assert!(n > 0);
        let mut pids = vec![0 as pid_t; n as usize + 64];
        let n = proc_listallpids(pids.as_mut_ptr() as *mut c_void, (pids.len() * size_of::<pid_t>()) as c_int);
        assert!(n > 0);
        pids.truncate(n as usize);
        pids.sort();
        let me = libc::getpid();
        assert!(pids.contains(&me), "our own pid is listed");
        println!("{:>6} {:>6} {:>5}  {:<16} path", "pid", "ppid", "uid", "name");
        for pid in pids {
            let mut info = MaybeUninit::<proc_bsdinfo>::zeroed();
            let got = proc_pidinfo(pid, PROC_PIDTBSDINFO as c_int, 0, info.as_mut_ptr() as *mut c_void, size_of::<proc_bsdinfo>() as c_int);
            let mut path = [0u8; PROC_PIDPATHINFO_MAXSIZE as usize];
            let plen = proc_pidpath(pid, path.as_mut_ptr() as *mut c_void, path.len() as u32);
            let path = if plen > 0 { String::from_utf8_lossy(&path[..plen as usize]).into_owned() } else { "?".into() };
            if got as usize == size_of::<proc_bsdinfo>() {
                let info = info.assume_init();
                let name = CStr::from_ptr(info.pbi_comm.as_ptr()).to_string_lossy();
                println!("{:>6} {:>6} {:>5}  {:<16} {path}", pid, info.pbi_ppid, info.pbi_uid, name);
                if pid == me {
                    assert_eq!(info.pbi_ppid as pid_t, libc::getppid());
                }
            } else {
                println!("{pid:>6} {:>6} {:>5}  {:<16} {path}", "?", "?", "(no access)");
            }
        }
    }
}
