//! Hand-written equivalents of C macros and inlines (`src/inline.rs`):
//! values over samples, and the symbols address-valued and global-reading
//! items refer to.

use super::probe::referenced_symbols;
use super::{CValue, Entries, Kind, Report};
use std::fmt::Write as _;

/// Hand-written equivalents of macros: values over samples.
pub fn entries(out: &mut Entries) {
    for (name, c, rust) in inline_samples() {
        out.push(Kind::Inline, name, CValue::Expr(c), rust);
    }
}

/// (entry name, C expression, Rust expression) for the macro equivalents in
/// `src/inline.rs` that are constant-evaluable.
fn inline_samples() -> Vec<(String, String, String)> {
    let mut v = Vec::new();
    let names = [0u32, 16, 17, 18, 19, 20, 21, 31, 255];
    for &r in &names {
        for &l in &names {
            v.push((format!("MACH_MSGH_BITS({r}, {l})"), format!("MACH_MSGH_BITS({r}u, {l}u)"), format!("darwin_sys::MACH_MSGH_BITS({r}, {l}) as u64")));
        }
    }
    for &r in &names[..6] {
        for &l in &names[3..] {
            for vch in [0u32, 17, 255] {
                v.push((
                    format!("MACH_MSGH_BITS_SET_PORTS({r}, {l}, {vch})"),
                    format!("MACH_MSGH_BITS_SET_PORTS({r}u, {l}u, {vch}u)"),
                    format!("darwin_sys::MACH_MSGH_BITS_SET_PORTS({r}, {l}, {vch}) as u64"),
                ));
                for other in [0u32, 0x8000_0000, 0xffff_ffff] {
                    v.push((
                        format!("MACH_MSGH_BITS_SET({r}, {l}, {vch}, {other:#x})"),
                        format!("MACH_MSGH_BITS_SET({r}u, {l}u, {vch}u, {other:#x}u)"),
                        format!("darwin_sys::MACH_MSGH_BITS_SET({r}, {l}, {vch}, {other:#x}) as u64"),
                    ));
                }
            }
        }
    }
    let bits = [0u32, 0x11, 0x1113, 0x0012_1314, 0x8000_1413, 0x8000_0000, 0x001f_1f1f, 0xb01f_1f1f, 0xffff_ffff];
    for getter in ["MACH_MSGH_BITS_REMOTE", "MACH_MSGH_BITS_LOCAL", "MACH_MSGH_BITS_VOUCHER", "MACH_MSGH_BITS_PORTS", "MACH_MSGH_BITS_OTHER", "MACH_MSGH_BITS_IS_COMPLEX"] {
        for b in bits {
            v.push((format!("{getter}({b:#x})"), format!("{getter}({b:#x}u)"), format!("darwin_sys::{getter}({b:#x}) as u64")));
        }
    }
    for n in [0u32, 1, 0x103, 0xffff_fffe, 0xffff_ffff] {
        v.push((format!("MACH_PORT_VALID({n:#x})"), format!("MACH_PORT_VALID({n:#x}u)"), format!("darwin_sys::MACH_PORT_VALID({n:#x}) as u64")));
    }
    v.push((
        "OS_UNFAIR_LOCK_INIT".into(),
        "((os_unfair_lock)OS_UNFAIR_LOCK_INIT)._os_unfair_lock_opaque".into(),
        "unsafe { core::mem::transmute::<darwin_sys::os_unfair_lock, u32>(darwin_sys::OS_UNFAIR_LOCK_INIT) } as u64".into(),
    ));
    for n in ["DISPATCH_QUEUE_SERIAL", "DISPATCH_TARGET_QUEUE_DEFAULT", "DISPATCH_CURRENT_QUEUE_LABEL", "DISPATCH_APPLY_AUTO", "OS_LOG_DISABLED"] {
        v.push((format!("{n} is NULL"), format!("({n}) == 0"), format!("darwin_sys::{n}.is_null() as u64")));
    }
    v
}

/// Hand-written items whose value is the address of a global: compared by
/// the symbol each one's relocation names, C's against Rust's.
pub const ADDRESS_ITEMS: &[&str] = &[
    "DISPATCH_QUEUE_CONCURRENT",
    "DISPATCH_SOURCE_TYPE_DATA_ADD",
    "DISPATCH_SOURCE_TYPE_DATA_OR",
    "DISPATCH_SOURCE_TYPE_DATA_REPLACE",
    "DISPATCH_SOURCE_TYPE_MACH_SEND",
    "DISPATCH_SOURCE_TYPE_MACH_RECV",
    "DISPATCH_SOURCE_TYPE_MEMORYPRESSURE",
    "DISPATCH_SOURCE_TYPE_PROC",
    "DISPATCH_SOURCE_TYPE_READ",
    "DISPATCH_SOURCE_TYPE_SIGNAL",
    "DISPATCH_SOURCE_TYPE_TIMER",
    "DISPATCH_SOURCE_TYPE_VNODE",
    "DISPATCH_SOURCE_TYPE_WRITE",
    "OS_LOG_DEFAULT",
];

/// Hand-written functions that read or call a global: (name, C body, Rust
/// body), each a function of `x: u64` returning u64. The symbols each
/// compiled body refers to must be the same in C and Rust.
pub const CODE_ITEMS: &[(&str, &str, &str)] = &[
    ("mach_task_self()", "(unsigned long long)mach_task_self()", "darwin_sys::mach_task_self() as u64"),
    ("current_task()", "(unsigned long long)current_task()", "darwin_sys::current_task() as u64"),
    ("dispatch_get_main_queue()", "(unsigned long long)(uintptr_t)dispatch_get_main_queue()", "darwin_sys::dispatch_get_main_queue() as usize as u64"),
    ("mach_vm_trunc_page(x)", "(unsigned long long)mach_vm_trunc_page(x)", "darwin_sys::mach_vm_trunc_page(x)"),
    ("mach_vm_round_page(x)", "(unsigned long long)mach_vm_round_page(x)", "darwin_sys::mach_vm_round_page(x)"),
    ("errno", "(unsigned long long)errno", "darwin_sys::errno() as u64"),
    ("errno = x", "(errno = (int)x, 0ull)", "{ darwin_sys::set_errno(x as core::ffi::c_int); 0 }"),
];

/// The C probe's part: the addresses and the code items' bodies.
pub fn c_extras() -> String {
    let mut s = String::new();
    writeln!(&mut s, "const void *const darwin_sys_addr[] = {{").unwrap();
    for a in ADDRESS_ITEMS {
        writeln!(&mut s, "    (const void *)({a}),").unwrap();
    }
    s.push_str("};\n");
    for (i, (_, body, _)) in CODE_ITEMS.iter().enumerate() {
        writeln!(&mut s, "unsigned long long darwin_sys_code_{i}(unsigned long long x) {{ (void)x; return {body}; }}").unwrap();
    }
    s
}

/// The Rust probe's part, the same in Rust.
pub fn rust_extras() -> String {
    let mut s = String::new();
    writeln!(&mut s, "#[unsafe(no_mangle)]\npub static darwin_sys_addr: [Addr; {}] = [", ADDRESS_ITEMS.len()).unwrap();
    for a in ADDRESS_ITEMS {
        writeln!(&mut s, "    Addr(darwin_sys::{a} as *const core::ffi::c_void),").unwrap();
    }
    s.push_str("];\n");
    for (i, (_, _, body)) in CODE_ITEMS.iter().enumerate() {
        writeln!(&mut s, "#[unsafe(no_mangle)]\npub extern \"C\" fn darwin_sys_code_{i}(x: u64) -> u64 {{ let _ = x; {body} }}").unwrap();
    }
    s
}

/// Address-valued and global-reading hand-written items: same symbols.
pub fn compare_symbols(c_bytes: &[u8], r_bytes: &[u8], report: &mut Report) -> Result<(), String> {
    for (i, a) in ADDRESS_ITEMS.iter().enumerate() {
        *report.compared.entry("inline").or_default() += 1;
        let c = referenced_symbols(c_bytes, "darwin_sys_addr", Some((i, 8)))?;
        let r = referenced_symbols(r_bytes, "darwin_sys_addr", Some((i, 8)))?;
        if c != r || c.is_empty() {
            report.mismatches.push(format!("inline {a}: C points at {c:?}, Rust at {r:?}"));
        }
    }
    for (i, (name, _, _)) in CODE_ITEMS.iter().enumerate() {
        *report.compared.entry("inline").or_default() += 1;
        let f = format!("darwin_sys_code_{i}");
        let c = referenced_symbols(c_bytes, &f, None)?;
        let r = referenced_symbols(r_bytes, &f, None)?;
        if c != r || c.is_empty() {
            report.mismatches.push(format!("inline {name}: C code refers to {c:?}, Rust code to {r:?}"));
        }
    }
    Ok(())
}
