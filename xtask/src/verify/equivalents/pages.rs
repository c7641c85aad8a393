//! The page macros of `mach/vm_page_size.h` (`mach_vm_trunc_page`,
//! `round_page`, ...) read a runtime global, the page size or mask. Their
//! arithmetic is compared over its whole domain: one table per macro and
//! page size, C's own macro with the global `#define`d to that page's value
//! against the Rust helper the public equivalent calls, given the same
//! value. And each public equivalent must compile to exactly its helper
//! applied to the global (same instructions, same symbols), so the helper
//! compared is the code users run.

use super::super::Report;
use super::super::probe::{referenced_symbols, symbol_prefix};
use super::table::{Dom::U64, Table};
use std::fmt::Write as _;

/// A page macro of `mach/vm_page_size.h`: it reads a runtime global (the
/// page size or mask).
struct PageMacro {
    /// The C macro, and the Rust function of the same name.
    mac: &'static str,
    /// The C cast of its argument.
    cast: &'static str,
    /// The global it reads.
    global: &'static str,
    /// The global's value for a page of `size` bytes.
    value: fn(u64) -> u64,
    /// The Rust helper the public equivalent calls with that global.
    helper: &'static str,
    /// The Rust type of the argument.
    rty: &'static str,
}

/// The page macros, each checked per page size.
const PAGE_MACROS: &[PageMacro] = &[
    PageMacro { mac: "mach_vm_trunc_page", cast: "mach_vm_offset_t", global: "vm_page_mask", value: |s| s - 1, helper: "__mach_vm_trunc_page", rty: "u64" },
    PageMacro { mac: "mach_vm_round_page", cast: "mach_vm_offset_t", global: "vm_page_mask", value: |s| s - 1, helper: "__mach_vm_round_page", rty: "u64" },
    PageMacro { mac: "trunc_page", cast: "vm_offset_t", global: "vm_page_size", value: |s| s, helper: "__trunc_page", rty: "usize" },
    PageMacro { mac: "round_page", cast: "vm_offset_t", global: "vm_page_size", value: |s| s, helper: "__round_page", rty: "usize" },
    PageMacro { mac: "trunc_page_kernel", cast: "vm_offset_t", global: "vm_kernel_page_mask", value: |s| s - 1, helper: "__trunc_page_kernel", rty: "usize" },
    PageMacro { mac: "round_page_kernel", cast: "vm_offset_t", global: "vm_kernel_page_mask", value: |s| s - 1, helper: "__round_page_kernel", rty: "usize" },
];

/// Page sizes the page macros are compared at: 4 KiB (Intel), 16 KiB (Apple
/// silicon), and 4 GiB, whose mask does not fit C's `int` (it pins the
/// `(signed)` cast in the `mach_vm_*` macros).
pub const PAGE_SIZES: &[u64] = &[0x1000, 0x4000, 0x1_0000_0000];

/// One table per page macro and page size: C's macro, with its global
/// `#define`d to the page's value, against the Rust helper given that value,
/// over edge and random 64-bit arguments.
pub fn tables() -> Vec<Table> {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let mut v = Vec::new();
    for &PageMacro { mac, cast, global, value, helper, rty } in PAGE_MACROS {
        for &size in PAGE_SIZES {
            let g = value(size);
            let label = if size >= 1 << 30 { format!("{} GiB", size >> 30) } else { format!("{} KiB", size >> 10) };
            let globals: &'static [(&'static str, &'static str)] = Box::leak(Box::new([(global, leak(format!("((vm_size_t){g:#x}ull)")))]));
            v.push(Table {
                name: leak(format!("{mac} ({label} pages)")),
                c: leak(format!("{mac}(({cast})$0)")),
                rust: leak(format!("darwin_sys::{helper}(a[0] as {rty}, {g:#x}) as u64")),
                doms: &[U64],
                arch: None,
                globals,
            });
        }
    }
    v
}

/// The Rust probe's part: per page macro, the public function and the
/// helper applied to the global, as two functions of `x`.
pub fn rust_calls() -> String {
    let mut s = String::new();
    for (k, &PageMacro { mac, global, helper, rty, .. }) in PAGE_MACROS.iter().enumerate() {
        writeln!(
            s,
            "#[unsafe(no_mangle)]\npub extern \"C\" fn darwin_sys_page_pub_{k}(x: {rty}) -> {rty} {{ darwin_sys::{mac}(x) }}\n\
             #[unsafe(no_mangle)]\npub extern \"C\" fn darwin_sys_page_via_{k}(x: {rty}) -> {rty} {{ darwin_sys::{helper}(x, unsafe {{ darwin_sys::{global} }} as _) }}"
        )
        .unwrap();
    }
    s
}

/// The public equivalent and its helper applied to the global compile to
/// the same bytes and refer to the same symbols.
pub fn compare_calls(r_bytes: &[u8], report: &mut Report) -> Result<(), String> {
    for (k, &PageMacro { mac, global, helper, .. }) in PAGE_MACROS.iter().enumerate() {
        *report.compared.entry("inline").or_default() += 1;
        let (p, v) = (format!("darwin_sys_page_pub_{k}"), format!("darwin_sys_page_via_{k}"));
        let (pb, vb) = (code(r_bytes, &p)?, code(r_bytes, &v)?);
        let (ps, vs) = (referenced_symbols(r_bytes, &p, None)?, referenced_symbols(r_bytes, &v, None)?);
        if pb != vb || ps != vs || ps.is_empty() {
            report.mismatches.push(format!(
                "inline {mac}: the public fn does not compile to {helper}(x, {global}): its code {pb:02x?} refers to {ps:?}, the helper's {vb:02x?} to {vs:?}"
            ));
        }
    }
    Ok(())
}

/// A function's bytes, without the padding up to the next symbol: up to
/// its last `ret` on x86_64 (0xc3; the multi-byte nops LLVM pads with hold
/// none), without trailing zero words on aarch64.
fn code(data: &[u8], name: &str) -> Result<Vec<u8>, String> {
    use object::Object;
    let mut b = symbol_prefix(data, name, 256)?;
    if object::File::parse(data).map_err(|e| e.to_string())?.architecture() == object::Architecture::X86_64 {
        if let Some(end) = b.iter().rposition(|&x| x == 0xc3) {
            b.truncate(end + 1);
        }
    } else {
        while b.len() >= 4 && b[b.len() - 4..] == [0, 0, 0, 0] {
            b.truncate(b.len() - 4);
        }
    }
    Ok(b)
}
