//! `cargo xtask selftest`: proves that every checker fails when it should.
//!
//! A copy of the crate under `target/mutant/` gets one known defect per
//! checker. Each checker runs on that copy, and each defect must be reported
//! under its C name. A checker that reports nothing here is broken, and the
//! self-test fails.

use crate::config::TARGETS;
use crate::sdk::StandIn;
use crate::verify::{self, CCompiler, Ctx, Report};
use std::path::{Path, PathBuf};

/// (file, text to find, replacement, what must be reported, by which checker)
const MUTATIONS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "src/generated/aarch64.rs",
        "    pub msgh_bits: mach_msg_bits_t,\n    pub msgh_size: mach_msg_size_t,\n",
        "    pub msgh_size: mach_msg_size_t,\n    pub msgh_bits: mach_msg_bits_t,\n",
        "layout offset(mach_msg_header_t.msgh_bits): C says 0",
        "a field offset (two fields swapped)",
    ),
    (
        "src/generated/aarch64.rs",
        "pub struct vm_region_basic_info_64 {\n",
        "pub struct vm_region_basic_info_64 {\n    pub mutant_extra: u64,\n",
        "layout size(vm_region_basic_info_64):",
        "a struct size (one field added)",
    ),
    (
        "src/generated/aarch64.rs",
        // (KERN_* are libc's now, re-exported: a constant that stays ours.)
        "pub const MACH_PORT_QLIMIT_BASIC: mach_port_msgcount_t = 5;",
        "pub const MACH_PORT_QLIMIT_BASIC: mach_port_msgcount_t = 7;",
        "constant MACH_PORT_QLIMIT_BASIC: C says 5",
        "a constant's value",
    ),
    (
        // A wrapped value (C's bit pattern in a signed API type) must still
        // be compared bit for bit.
        "src/generated/aarch64.rs",
        "pub const MACH_EXCEPTION_CODES: exception_behavior_t = 0x80000000_u32 as exception_behavior_t;",
        "pub const MACH_EXCEPTION_CODES: exception_behavior_t = 0x40000000_u32 as exception_behavior_t;",
        "constant MACH_EXCEPTION_CODES: C says",
        "a wrapped constant's bit pattern",
    ),
    (
        "src/generated/aarch64.rs",
        "    pub fn mach_vm_read(\n",
        "    pub fn mach_vm_read_renamed(\n",
        "symbol mach_vm_read_renamed: not exported",
        "a function renamed to a symbol libSystem lacks",
    ),
    (
        "src/generated/aarch64.rs",
        "    pub fn mach_vm_protect(\n        target_task: vm_map_t,\n        address: mach_vm_address_t,\n        size: mach_vm_size_t,\n        set_maximum: boolean_t,\n",
        "    pub fn mach_vm_protect(\n        target_task: vm_map_t,\n        address: mach_vm_address_t,\n        size: mach_vm_size_t,\n        set_maximum: u64,\n",
        "signature fn mach_vm_protect: C says 0",
        "a parameter type (boolean_t to u64)",
    ),
    (
        "src/generated/aarch64.rs",
        "impl mach_msg_port_descriptor_t {\n    #[inline]\n    #[allow(unnecessary_transmutes)]\n    pub fn pad2(&self) -> core::ffi::c_uint {\n        unsafe { ::core::mem::transmute(self._bitfield_1.get_const::<0usize, 16u8>()",
        "impl mach_msg_port_descriptor_t {\n    #[inline]\n    #[allow(unnecessary_transmutes)]\n    pub fn pad2(&self) -> core::ffi::c_uint {\n        unsafe { ::core::mem::transmute(self._bitfield_1.get_const::<0usize, 15u8>()",
        "layout bitwidth(mach_msg_port_descriptor_t.pad2): C says 16",
        "a bitfield's width (16 bits claimed as 15)",
    ),
    (
        "src/private.rs",
        "pub const UL_COMPARE_AND_WAIT: u32 = 1;",
        "pub const UL_COMPARE_AND_WAIT: u32 = 5;",
        "constant UL_COMPARE_AND_WAIT: C says 1",
        "a hand-written private constant",
    ),
    (
        "src/inline.rs",
        "    remote | (local << 8)\n",
        "    remote | (local << 9)\n",
        "inline MACH_MSGH_BITS(17, 19): C says",
        "a hand-written macro equivalent's arithmetic",
    ),
    (
        "src/inline.rs",
        "    unsafe { mach_task_self_ }\n",
        "    unsafe { vm_page_size as mach_port_t }\n",
        "inline mach_task_self(): C code refers to",
        "a hand-written inline reading the wrong global",
    ),
];

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let dest = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &dest)?;
        } else {
            std::fs::copy(e.path(), dest)?;
        }
    }
    Ok(())
}

/// Makes the mutant crate; returns its root.
fn make_mutant(root: &Path) -> Result<PathBuf, String> {
    let m = root.join("target").join("mutant");
    let _ = std::fs::remove_dir_all(&m);
    for d in ["src", "compat", "tests"] {
        copy_dir(&root.join(d), &m.join(d)).map_err(|e| format!("copy {d}: {e}"))?;
    }
    for f in ["build.rs", "config.rs", "postprocess.rs", "wrapper.h"] {
        std::fs::copy(root.join(f), m.join(f)).map_err(|e| format!("copy {f}: {e}"))?;
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let manifest = manifest.replace("members = [\"xtask\"]\n", "");
    std::fs::write(m.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    for (file, from, to, _, what) in MUTATIONS {
        let p = m.join(file);
        let text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
        if text.matches(from).count() != 1 {
            return Err(format!("self-test: the text to mutate for {what} is not found once in {file}; update MUTATIONS"));
        }
        std::fs::write(&p, text.replacen(from, to, 1)).map_err(|e| e.to_string())?;
    }
    // The required-API check must catch a name that stops resolving.
    let p = m.join("src/inline.rs");
    let text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
    std::fs::write(&p, text.replacen("pub const fn MACH_MSGH_BITS_LOCAL(", "pub const fn MACH_MSGH_BITS_LOCAL_GONE(", 1)).map_err(|e| e.to_string())?;
    Ok(m)
}

pub fn run(root: &Path, s: &StandIn) -> Result<(), String> {
    let m = make_mutant(root)?;
    let target = TARGETS.iter().find(|t| t.arch == "aarch64").unwrap();
    let cc = CCompiler::Zig { pythonpath: s.zig.clone() };
    let skips = verify::load_skips(&m)?;
    let ctx = Ctx { root: &m, target, cc: &cc, work: root.join("target").join("verify").join("mutant"), skips: &skips, target_dir: root.join("target"), bindgen_feature: false };
    let mut report = Report { target: target.rust.into(), ..Default::default() };
    verify::verify_target(&ctx, &mut report)?;
    let mut failures = Vec::new();
    let mut lines = Vec::new();
    for (_, _, _, expect, what) in MUTATIONS {
        let hit = report.mismatches.iter().find(|m| m.starts_with(expect) || m.contains(expect));
        match hit {
            Some(h) => lines.push(format!("caught  {what}: {h}")),
            None => failures.push(format!("MISSED  {what}: expected a report starting `{expect}`")),
        }
    }
    // Required API: the renamed macro equivalent no longer resolves.
    let req = crate::required::check_with(&m, &root.join("target"), &[target])?;
    match req.iter().find(|(_, _, missing)| missing.iter().any(|n| n == "MACH_MSGH_BITS_LOCAL")) {
        Some(_) => lines.push("caught  a required name that no longer resolves: MACH_MSGH_BITS_LOCAL".into()),
        None => failures.push("MISSED  a required name that no longer resolves (MACH_MSGH_BITS_LOCAL)".into()),
    }
    // Freshness: the mutated bindings are not what the generator makes.
    match crate::generate::check_fresh(&m, s, &[target]) {
        Err(e) if e.contains("aarch64.rs") => lines.push("caught  committed bindings that differ from a fresh generation: src/generated/aarch64.rs".into()),
        Err(e) => return Err(e),
        Ok(_) => failures.push("MISSED  stale committed bindings".into()),
    }
    for l in &lines {
        println!("selftest: {l}");
    }
    let total = lines.len() + failures.len();
    if !failures.is_empty() {
        for f in &failures {
            println!("selftest: {f}");
        }
        return Err(format!("{} of {total} planted defects were not reported", failures.len()));
    }
    println!("selftest: {total} passed, 0 failed");
    Ok(())
}
