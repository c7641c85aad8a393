//! Hand-written equivalents of C macros and inlines (`src/inline/`):
//! values over samples, and the symbols address-valued and global-reading
//! items refer to.

mod pages;
mod pure;
mod table;

use super::probe::{referenced_symbols, symbol_prefix};
use super::{CValue, Entries, Kind, Report};
use std::fmt::Write as _;

/// Hand-written equivalents of macros: values over samples.
pub fn entries(out: &mut Entries, absent: &std::collections::BTreeSet<String>) {
    for (name, c, rust) in inline_samples().into_iter().chain(pure::entry_values()) {
        if absent.iter().any(|a| name.starts_with(&format!("{a}("))) {
            continue;
        }
        out.push(Kind::Inline, name, CValue::Expr(c), rust);
    }
}

/// (entry name, C expression, Rust expression) for the macro equivalents in
/// `src/inline/` that are constant-evaluable.
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
    for getter in
        ["MACH_MSGH_BITS_REMOTE", "MACH_MSGH_BITS_LOCAL", "MACH_MSGH_BITS_VOUCHER", "MACH_MSGH_BITS_PORTS", "MACH_MSGH_BITS_OTHER", "MACH_MSGH_BITS_IS_COMPLEX"]
    {
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
    // The workgroup initializers: the signature, and the opaque bytes at
    // both ends (zero in C's designated initializer).
    for (n, ty, len) in [
        ("OS_WORKGROUP_ATTR_INITIALIZER_DEFAULT", "os_workgroup_attr_s", "__OS_WORKGROUP_ATTR_SIZE__"),
        ("OS_WORKGROUP_INTERVAL_DATA_INITIALIZER", "os_workgroup_interval_data_s", "__OS_WORKGROUP_INTERVAL_DATA_SIZE__"),
    ] {
        v.push((format!("{n}.sig"), format!("(({ty}){n}).sig"), format!("darwin_sys::{n}.sig as u64")));
        for (i, ri) in [("0".to_string(), "0".to_string()), (format!("{len} - 1"), format!("darwin_sys::{len} - 1"))] {
            v.push((
                format!("{n}.opaque[{i}]"),
                format!("(unsigned long long)(unsigned char)(({ty}){n}).opaque[{i}]"),
                format!("darwin_sys::{n}.opaque[{ri}] as u8 as u64"),
            ));
        }
    }
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
    "dispatch_data_empty",
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
    ("trunc_page(x)", "(unsigned long long)trunc_page((vm_offset_t)x)", "darwin_sys::trunc_page(x as usize) as u64"),
    ("round_page(x)", "(unsigned long long)round_page((vm_offset_t)x)", "darwin_sys::round_page(x as usize) as u64"),
    ("trunc_page_kernel(x)", "(unsigned long long)trunc_page_kernel((vm_offset_t)x)", "darwin_sys::trunc_page_kernel(x as usize) as u64"),
    ("round_page_kernel(x)", "(unsigned long long)round_page_kernel((vm_offset_t)x)", "darwin_sys::round_page_kernel(x as usize) as u64"),
    (
        "DISPATCH_QUEUE_SERIAL_INACTIVE",
        "(unsigned long long)(uintptr_t)DISPATCH_QUEUE_SERIAL_INACTIVE",
        "darwin_sys::DISPATCH_QUEUE_SERIAL_INACTIVE() as usize as u64",
    ),
    (
        "DISPATCH_QUEUE_CONCURRENT_INACTIVE",
        "(unsigned long long)(uintptr_t)DISPATCH_QUEUE_CONCURRENT_INACTIVE",
        "darwin_sys::DISPATCH_QUEUE_CONCURRENT_INACTIVE() as usize as u64",
    ),
    (
        "DISPATCH_QUEUE_SERIAL_WITH_AUTORELEASE_POOL",
        "(unsigned long long)(uintptr_t)DISPATCH_QUEUE_SERIAL_WITH_AUTORELEASE_POOL",
        "darwin_sys::DISPATCH_QUEUE_SERIAL_WITH_AUTORELEASE_POOL() as usize as u64",
    ),
    (
        "DISPATCH_QUEUE_CONCURRENT_WITH_AUTORELEASE_POOL",
        "(unsigned long long)(uintptr_t)DISPATCH_QUEUE_CONCURRENT_WITH_AUTORELEASE_POOL",
        "darwin_sys::DISPATCH_QUEUE_CONCURRENT_WITH_AUTORELEASE_POOL() as usize as u64",
    ),
    (
        "DISPATCH_DATA_DESTRUCTOR_FREE",
        "(unsigned long long)(uintptr_t)DISPATCH_DATA_DESTRUCTOR_FREE",
        "darwin_sys::DISPATCH_DATA_DESTRUCTOR_FREE() as usize as u64",
    ),
    (
        "DISPATCH_DATA_DESTRUCTOR_MUNMAP",
        "(unsigned long long)(uintptr_t)DISPATCH_DATA_DESTRUCTOR_MUNMAP",
        "darwin_sys::DISPATCH_DATA_DESTRUCTOR_MUNMAP() as usize as u64",
    ),
    (
        "task_get_bootstrap_port(x, NULL)",
        "(unsigned long long)task_get_bootstrap_port((task_t)x, (mach_port_t *)0)",
        "(unsafe { darwin_sys::task_get_bootstrap_port(x as u32, core::ptr::null_mut()) }) as u64",
    ),
    (
        "task_set_bootstrap_port(x, x)",
        "(unsigned long long)task_set_bootstrap_port((task_t)x, (mach_port_t)x)",
        "(unsafe { darwin_sys::task_set_bootstrap_port(x as u32, x as u32) }) as u64",
    ),
    (
        "thread_get_kernel_port(x, NULL)",
        "(unsigned long long)thread_get_kernel_port((thread_act_t)x, (mach_port_t *)0)",
        "(unsafe { darwin_sys::thread_get_kernel_port(x as u32, core::ptr::null_mut()) }) as u64",
    ),
    (
        "host_get_host_port(x, NULL)",
        "(unsigned long long)host_get_host_port((host_t)x, (mach_port_t *)0)",
        "(unsafe { darwin_sys::host_get_host_port(x as u32, core::ptr::null_mut()) }) as u64",
    ),
    (
        "host_get_chud_port(x, NULL)",
        "(unsigned long long)host_get_chud_port((host_t)x, (mach_port_t *)0)",
        "(unsafe { darwin_sys::host_get_chud_port(x as u32, core::ptr::null_mut()) }) as u64",
    ),
    (
        "host_set_launchctl_port(x, x)",
        "(unsigned long long)host_set_launchctl_port((host_priv_t)x, (mach_port_t)x)",
        "(unsafe { darwin_sys::host_set_launchctl_port(x as u32, x as u32) }) as u64",
    ),
];

/// The `const fn` descriptor constructors (`src/descriptors.rs`) against C's
/// own initialisation of the same struct: (name, C type, C designated
/// initializer, Rust expression, size). Both objects are compared byte for
/// byte, bitfield units included.
pub fn descriptor_objects() -> Vec<(String, &'static str, String, String, usize)> {
    let mut v = Vec::new();
    for disp in [16u32, 17, 18, 19, 20, 21] {
        v.push((
            format!("mach_msg_port_descriptor(0x1234, {disp})"),
            "mach_msg_port_descriptor_t",
            format!("{{ .name = 0x1234, .disposition = {disp}, .type = MACH_MSG_PORT_DESCRIPTOR }}"),
            format!("darwin_sys::mach_msg_port_descriptor(0x1234, {disp})"),
            12,
        ));
    }
    for dealloc in [false, true] {
        for copy in [0u32, 1, 2] {
            v.push((
                format!("mach_msg_ool_descriptor(NULL, 0x40, {dealloc}, {copy})"),
                "mach_msg_ool_descriptor_t",
                format!("{{ .address = 0, .deallocate = {}, .copy = {copy}, .type = MACH_MSG_OOL_DESCRIPTOR, .size = 0x40 }}", dealloc as u32),
                format!("darwin_sys::mach_msg_ool_descriptor(core::ptr::null_mut(), 0x40, {dealloc}, {copy})"),
                16,
            ));
            for disp in [17u32, 19, 20] {
                v.push((
                    format!("mach_msg_ool_ports_descriptor(NULL, 3, {dealloc}, {copy}, {disp})"),
                    "mach_msg_ool_ports_descriptor_t",
                    format!(
                        "{{ .address = 0, .deallocate = {}, .copy = {copy}, .disposition = {disp}, .type = MACH_MSG_OOL_PORTS_DESCRIPTOR, .count = 3 }}",
                        dealloc as u32
                    ),
                    format!("darwin_sys::mach_msg_ool_ports_descriptor(core::ptr::null_mut(), 3, {dealloc}, {copy}, {disp})"),
                    16,
                ));
            }
        }
    }
    v
}

/// The C probe's part: the addresses, the code items' bodies, the
/// descriptor objects (the pure tables are in [`c_pure`]).
pub fn c_extras() -> String {
    let mut s = String::new();
    for (i, (_, ty, init, _, _)) in descriptor_objects().iter().enumerate() {
        writeln!(&mut s, "const {ty} darwin_sys_desc_{i} = {init};").unwrap();
    }
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

/// The C side of the pure tables: a translation unit of its own, compiled
/// beside the main probe (`pure.c`).
pub fn c_pure(undefs: &std::collections::BTreeSet<String>, absent: &std::collections::BTreeSet<String>) -> String {
    pure::c_source(undefs, absent)
}

/// The Rust probe's part, the same in Rust.
pub fn rust_extras(absent: &std::collections::BTreeSet<String>) -> String {
    let mut s = String::from("#[repr(transparent)] pub struct Desc<T>(pub T);\nunsafe impl<T> Sync for Desc<T> {}\n");
    for (i, (_, ty, _, expr, _)) in descriptor_objects().iter().enumerate() {
        writeln!(&mut s, "#[unsafe(no_mangle)]\npub static darwin_sys_desc_{i}: Desc<darwin_sys::{ty}> = Desc({expr});").unwrap();
    }
    writeln!(&mut s, "#[unsafe(no_mangle)]\npub static darwin_sys_addr: [Addr; {}] = [", ADDRESS_ITEMS.len()).unwrap();
    for a in ADDRESS_ITEMS {
        writeln!(&mut s, "    Addr(darwin_sys::{a} as *const core::ffi::c_void),").unwrap();
    }
    s.push_str("];\n");
    for (i, (_, _, body)) in CODE_ITEMS.iter().enumerate() {
        writeln!(&mut s, "#[unsafe(no_mangle)]\npub extern \"C\" fn darwin_sys_code_{i}(x: u64) -> u64 {{ let _ = x; {body} }}").unwrap();
    }
    s.push_str(&pure::rust_tables(absent));
    s.push_str(&pages::rust_calls());
    s
}

/// Address-valued and global-reading hand-written items: same symbols.
/// Descriptor objects: same bytes.
pub fn compare_symbols(c_bytes: &[u8], c_pure: &[u8], r_bytes: &[u8], absent: &std::collections::BTreeSet<String>, report: &mut Report) -> Result<(), String> {
    for (i, (name, _, _, _, size)) in descriptor_objects().iter().enumerate() {
        *report.compared.entry("inline").or_default() += 1;
        let sym = format!("darwin_sys_desc_{i}");
        let c = symbol_prefix(c_bytes, &sym, *size)?;
        let r = symbol_prefix(r_bytes, &sym, *size)?;
        if c != r || c.len() != *size {
            report.mismatches.push(format!("inline {name}: C's bytes {c:02x?}, Rust's {r:02x?}"));
        }
    }
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
    pages::compare_calls(r_bytes, report)?;
    pure::compare(c_pure, r_bytes, absent, report)
}

/// The hand-written items of `src/inline/` the build script leaves out
/// for the SDK of the bindings `main` (`#[cfg(not(darwin_sys_lacks =
/// ..))]` naming a name `main` lacks, `codegen/sdk_dependent.rs`): their
/// equivalents are not compared there. None for the committed bindings.
pub fn absent(root: &std::path::Path, main: &str) -> Result<std::collections::BTreeSet<String>, String> {
    let lacking = crate::sdk_dependent::lacking(main);
    let mut out = std::collections::BTreeSet::new();
    let dir = root.join("src").join("inline");
    for e in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = e.map_err(|e| e.to_string())?.path();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (item, needs) in gated_items(&text) {
            if needs.iter().any(|n| lacking.contains(&n.as_str())) {
                out.insert(item);
            }
        }
    }
    Ok(out)
}

/// The equivalence tables whose C side names a macro the SDK under test
/// does not define and the pinned SDK does (`MPO_MAKE_PORT_TYPE` is newer
/// than SDK 13): no C side to compare against there. Empty but for another SDK than
/// the pinned one ([`super::CCompiler::SdkFolder`]). Both sets come from the
/// preprocessor (`-E -dM` over `wrapper.h`).
pub fn not_in_sdk(ctx: &super::Ctx) -> Result<std::collections::BTreeSet<String>, String> {
    let super::CCompiler::SdkFolder { pythonpath, .. } = ctx.cc else { return Ok(Default::default()) };
    let pinned = super::CCompiler::Zig { pythonpath: pythonpath.clone() };
    let defined = |cc: &super::CCompiler| -> Result<std::collections::BTreeSet<String>, String> {
        let out = super::probe::run(cc.command(ctx.target).args(["-E", "-dM", "-w"]).arg(format!("-I{}", ctx.root.display())).arg(ctx.root.join("wrapper.h")))?;
        if !out.status.success() {
            return Err(format!("-E -dM over wrapper.h for {}: {}", ctx.target.rust, String::from_utf8_lossy(&out.stderr)));
        }
        Ok(String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.strip_prefix("#define ")?.split(['(', ' ']).next().map(str::to_string)).collect())
    };
    let (here, there) = (defined(ctx.cc)?, defined(&pinned)?);
    let ident = regex::Regex::new(r"[A-Za-z_]\w*").unwrap();
    let lacks = |c: &str| ident.find_iter(c).any(|m| there.contains(m.as_str()) && !here.contains(m.as_str()));
    let tables = pure::tables().iter().filter(|t| lacks(t.c)).map(|t| t.name.to_string());
    let entries = pure::entry_values().into_iter().filter(|e| lacks(&e.1)).filter_map(|e| Some(e.0.split_once('(')?.0.to_string()));
    Ok(tables.chain(entries).collect())
}

/// The items of a hand-written file gated by `darwin_sys_lacks`: the name of
/// each (a `fn`, or a `host_ports!` line's `get`/`set` name) with the names
/// its `cfg` needs.
pub fn gated_items(text: &str) -> Vec<(String, Vec<String>)> {
    let cfg = regex::Regex::new(r#"darwin_sys_lacks = "(\w+)""#).unwrap();
    let item = regex::Regex::new(r"(?:\bfn|^\s*(?:get|set|invalid)) (\w+)").unwrap();
    let mut out = Vec::new();
    let mut needs: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(") && line.contains("darwin_sys_lacks") {
            needs = cfg.captures_iter(line).map(|c| c[1].to_string()).collect();
        } else if !needs.is_empty()
            && let Some(c) = item.captures(line)
        {
            out.push((c[1].to_string(), std::mem::take(&mut needs)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn gated_hand_written_items() {
        let text = "#[cfg(not(darwin_sys_lacks = \"err_vm\"))]\n#[inline(always)]\npub const fn err_vm_reclaim(e: i32) -> i32 { e }\n\
                    pub const fn free(e: i32) -> i32 { e }\n\
                    #[cfg(not(any(darwin_sys_lacks = \"A\", darwin_sys_lacks = \"B\")))]\npub const fn both(s: i32) -> bool { true }\n\
                    host_ports! {\n    get host_get_x_port = HOST_X_PORT;\n    #[cfg(not(darwin_sys_lacks = \"HOST_Y_PORT\"))]\n    set host_set_y_port = HOST_Y_PORT;\n}\n";
        let g = super::gated_items(text);
        let want = vec![
            ("err_vm_reclaim".to_string(), vec!["err_vm".to_string()]),
            ("both".to_string(), vec!["A".to_string(), "B".to_string()]),
            ("host_set_y_port".to_string(), vec!["HOST_Y_PORT".to_string()]),
        ];
        assert_eq!(g, want);
        // The committed bindings (SDK 27.0) lack nothing: every equivalent is compared.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let main = std::fs::read_to_string(root.join("src/generated/aarch64.rs")).unwrap();
        assert!(super::absent(&root, &main).unwrap().is_empty());
        // Bindings without err_vm (SDK 13) leave err_vm_reclaim's table out.
        let older = main.replace("pub const err_vm:", "pub const err_vm_gone:");
        assert!(super::absent(&root, &older).unwrap().contains("err_vm_reclaim"));
    }
}
