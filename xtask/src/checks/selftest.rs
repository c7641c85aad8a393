//! `cargo xtask selftest`: proves that every checker fails when it should.
//!
//! A copy of the crate under `target/mutant/` gets one known defect per
//! checker. Each checker runs on that copy, and each defect must be reported
//! under its C name. A checker that reports nothing here is broken, and the
//! self-test fails.

use crate::config::TARGETS;
use crate::util::sdk::StandIn;
use crate::verify::{self, CCompiler, Ctx, Report};
use std::path::{Path, PathBuf};

/// (file, text to find, replacement, [(what must be reported, which defect)]).
/// All are planted in one copy of the crate and caught by one verifier run.
type Mutation = (&'static str, &'static str, &'static str, &'static [(&'static str, &'static str)]);

const MUTATIONS: &[Mutation] = &[
    (
        "src/generated/aarch64.rs",
        "    pub msgh_bits: mach_msg_bits_t,\n    pub msgh_size: mach_msg_size_t,\n",
        "    pub msgh_size: mach_msg_size_t,\n    pub msgh_bits: mach_msg_bits_t,\n",
        &[("layout offset(mach_msg_header_t.msgh_bits): C says 0", "a field offset (two fields swapped)")],
    ),
    (
        "src/generated/aarch64.rs",
        "pub struct vm_region_basic_info_64 {\n",
        "pub struct vm_region_basic_info_64 {\n    pub mutant_extra: u64,\n",
        &[("layout size(vm_region_basic_info_64):", "a struct size (one field added)")],
    ),
    (
        "src/generated/aarch64.rs",
        // (KERN_* are libc's now, re-exported: a constant that stays ours.)
        "pub const MACH_PORT_QLIMIT_BASIC: mach_port_msgcount_t = 5;",
        "pub const MACH_PORT_QLIMIT_BASIC: mach_port_msgcount_t = 7;",
        &[("constant MACH_PORT_QLIMIT_BASIC: C says 5", "a constant's value")],
    ),
    (
        // A wrapped value (C's bit pattern in a signed API type) must still
        // be compared bit for bit.
        "src/generated/aarch64.rs",
        "pub const MACH_EXCEPTION_CODES: exception_behavior_t = 0x80000000_u32 as exception_behavior_t;",
        "pub const MACH_EXCEPTION_CODES: exception_behavior_t = 0x40000000_u32 as exception_behavior_t;",
        &[("constant MACH_EXCEPTION_CODES: C says", "a wrapped constant's bit pattern")],
    ),
    (
        "src/generated/aarch64.rs",
        "    pub fn mach_vm_read(\n",
        "    pub fn mach_vm_read_renamed(\n",
        &[("symbol mach_vm_read_renamed: not exported", "a function renamed to a symbol libSystem lacks")],
    ),
    (
        "src/generated/aarch64.rs",
        "    pub fn mach_vm_protect(\n        target_task: vm_map_t,\n        address: mach_vm_address_t,\n        size: mach_vm_size_t,\n        set_maximum: boolean_t,\n",
        "    pub fn mach_vm_protect(\n        target_task: vm_map_t,\n        address: mach_vm_address_t,\n        size: mach_vm_size_t,\n        set_maximum: u64,\n",
        &[("signature fn mach_vm_protect: C says 0", "a parameter type (boolean_t to u64)")],
    ),
    (
        "src/generated/aarch64.rs",
        "impl mach_msg_port_descriptor_t {\n    #[inline]\n    #[allow(unnecessary_transmutes)]\n    pub fn pad2(&self) -> core::ffi::c_uint {\n        unsafe { ::core::mem::transmute(self._bitfield_1.get_const::<0usize, 16u8>()",
        "impl mach_msg_port_descriptor_t {\n    #[inline]\n    #[allow(unnecessary_transmutes)]\n    pub fn pad2(&self) -> core::ffi::c_uint {\n        unsafe { ::core::mem::transmute(self._bitfield_1.get_const::<0usize, 15u8>()",
        &[("layout bitwidth(mach_msg_port_descriptor_t.pad2): C says 16", "a bitfield's width (16 bits claimed as 15)")],
    ),
    (
        "src/descriptors.rs",
        "field(deallocate as u32, 0, 8)\n                    | field(copy, 8, 8)\n                    | field(disposition, 16, 8)",
        "field(deallocate as u32, 1, 8)\n                    | field(copy, 8, 8)\n                    | field(disposition, 16, 8)",
        &[("inline mach_msg_ool_ports_descriptor(NULL, 3, true, 0, 17): C's bytes", "a descriptor constructor's bitfield (deallocate one bit off)")],
    ),
    (
        "src/private.rs",
        "pub const UL_COMPARE_AND_WAIT: u32 = 1;",
        "pub const UL_COMPARE_AND_WAIT: u32 = 5;",
        &[("constant UL_COMPARE_AND_WAIT: C says 1", "a hand-written private constant")],
    ),
    (
        "src/inline/mach.rs",
        "        | ((voucher << 16) & MACH_MSGH_BITS_VOUCHER_MASK)\n",
        "        | ((voucher << 17) & MACH_MSGH_BITS_VOUCHER_MASK)\n",
        &[("inline MACH_MSGH_BITS_SET_PORTS(0, 19, 17): C says", "a hand-written macro equivalent's arithmetic")],
    ),
    (
        // Invisible to every input up to 255 (`run` checks that the u8
        // table and samples stay silent): only the 32-bit table sees it.
        "src/inline/mach.rs",
        "    remote | (local << 8)\n",
        "    (remote & 0xff) | (local << 8)\n",
        &[("inline MACH_MSGH_BITS (32-bit) (", "MACH_MSGH_BITS arithmetic wrong only above 255")],
    ),
    (
        "src/inline/mach.rs",
        "    x & !(mask as core::ffi::c_int as mach_vm_offset_t)\n",
        "    x & !((mask >> 1) as core::ffi::c_int as mach_vm_offset_t)\n",
        &[("inline mach_vm_trunc_page (16 KiB pages) (", "a wrong mask in mach_vm_trunc_page's arithmetic")],
    ),
    (
        "src/inline/mach.rs",
        "    __mach_vm_round_page(x, unsafe { vm_page_mask } as vm_size_t)\n",
        "    __mach_vm_round_page(x, (unsafe { vm_page_mask } as vm_size_t) >> 1)\n",
        &[("inline mach_vm_round_page: the public fn does not compile to __mach_vm_round_page(x, vm_page_mask)", "a page macro's public fn not calling its helper with the global")],
    ),
    (
        "src/inline/mach.rs",
        "    unsafe { mach_task_self_ }\n",
        "    unsafe { vm_page_size as mach_port_t }\n",
        &[("inline mach_task_self(): C code refers to", "a hand-written inline reading the wrong global")],
    ),
    // Types all the way down.
    (
        "src/generated/aarch64.rs",
        "    pub msgh_id: mach_msg_id_t,\n",
        "    pub msgh_id: u32,\n",
        &[("type field mach_msg_header_t.msgh_id:", "a field's signedness (msgh_id as u32)")],
    ),
    (
        "src/generated/aarch64.rs",
        "    pub __arg: *mut core::ffi::c_void,\n",
        "    pub __arg: *mut u64,\n",
        &[("type field __darwin_pthread_handler_rec.__arg:", "a field's pointee (*mut c_void as *mut u64)")],
    ),
    (
        "src/generated/aarch64.rs",
        "    #[doc = \" `LC_UUID`\"]\n    pub cmd: u32,\n    #[doc = \" sizeof(struct `uuid_command`)\"]\n    pub cmdsize: u32,\n    #[doc = \" the 128-bit uuid\"]\n    pub uuid: [u8; 16usize],\n",
        "    pub __bindgen_padding_0: u32,\n    pub cmdsize: f32,\n    pub uuid: [u32; 4usize],\n",
        &[
            ("type field uuid_command.uuid:", "an array's element type (uuid as [u32; 4])"),
            ("type field uuid_command.cmdsize:", "a u32 field as f32"),
            ("inventory bound field uuid_command.cmd: in tests/inventory/aarch64.txt, gone", "a field replaced by padding"),
        ],
    ),
    (
        "src/generated/aarch64.rs",
        // (KERN_* are libc's, re-exported: a rule-typed constant that stays ours.)
        "pub const MACH_MSG_SUCCESS: mach_msg_return_t = 0;",
        "pub const MACH_MSG_SUCCESS: u32 = 0;",
        &[("type const MACH_MSG_SUCCESS:", "a constant's type (MACH_MSG_SUCCESS typed u32)")],
    ),
    (
        "src/generated/aarch64.rs",
        "pub type mach_msg_timeout_t = natural_t;",
        "pub type mach_msg_timeout_t = u64;",
        &[
            ("type alias mach_msg_timeout_t:", "an alias's definition (mach_msg_timeout_t as u64)"),
            ("signature fn mach_msg:", "a signature through an alias (mach_msg's timeout)"),
        ],
    ),
    (
        "src/generated/aarch64.rs",
        "pub type mach_port_right_t = natural_t;",
        "pub type mach_port_right_t = integer_t;",
        &[("type alias mach_port_right_t:", "an alias's signedness (mach_port_right_t as integer_t)")],
    ),
    (
        "src/generated/aarch64.rs",
        "pub type dispatch_function_t =\n    ::core::option::Option<unsafe extern \"C\" fn(arg1: *mut core::ffi::c_void)>;",
        "pub type dispatch_function_t =\n    ::core::option::Option<unsafe extern \"C\" fn(arg1: *mut core::ffi::c_void, arg2: usize)>;",
        &[("type alias dispatch_function_t:", "a function pointer alias's signature")],
    ),
    (
        "src/generated/aarch64.rs",
        "pub type dispatch_block_t = *mut core::ffi::c_void;",
        "pub type dispatch_block_t = *mut u8;",
        &[("type alias dispatch_block_t: a block pointer in C", "a block typedef bound as something else")],
    ),
    (
        "src/generated/aarch64.rs",
        "    pub fn dispatch_apply(\n        iterations: usize,\n",
        "    pub fn dispatch_apply(\n        iterations: u32,\n",
        &[("signature fn dispatch_apply:", "a non-block parameter of a function taking a block literal")],
    ),
    (
        "src/generated/aarch64.rs",
        "    pub static mut vm_page_size: vm_size_t;",
        "    pub static mut vm_page_size: u32;",
        &[("type static vm_page_size:", "a static's type (vm_page_size as u32)")],
    ),
    (
        // Not a defect: keeps `PAGE_SIZE()` compiling beside the static above.
        "src/inline/mach.rs",
        "    unsafe { vm_page_size }\n",
        "    unsafe { vm_page_size as vm_size_t }\n",
        &[],
    ),
    // Symbol names.
    (
        "src/generated/aarch64.rs",
        "    #[link_name = \"\\u{1}_dispatch_assert_queue$V2\"]\n",
        "",
        &[("link name dispatch_assert_queue: C links to {\"_dispatch_assert_queue$V2\"}", "a function losing its $V2 link name")],
    ),
    (
        "src/generated/aarch64.rs",
        "    #[link_name = \"\\u{1}_dispatch_assert_queue_not$V2\"]\n",
        "    #[link_name = \"\\u{1}_dispatch_assert_queue_not$INODE64\"]\n",
        &[("link name dispatch_assert_queue_not: C links to", "a function given another symbol variant")],
    ),
    // Removals and representation.
    (
        "src/generated/aarch64.rs",
        "    #[cfg(feature = \"mach\")]\n    pub fn mach_port_destroy(task: ipc_space_t, name: mach_port_name_t) -> kern_return_t;\n",
        "",
        &[("inventory bound fn mach_port_destroy: in tests/inventory/aarch64.txt, gone", "a function deleted")],
    ),
    (
        "src/generated/aarch64.rs",
        "#[repr(C)]\n#[derive(Debug, Copy, Clone)]\npub struct mach_port_limits {",
        "#[derive(Debug, Copy, Clone)]\npub struct mach_port_limits {",
        &[("repr mach_port_limits: not repr(C)", "repr(C) removed")],
    ),
    (
        "src/generated/aarch64.rs",
        "pub struct mach_vm_range {\n    pub min_address: mach_vm_offset_t,\n    pub max_address: mach_vm_offset_t,\n}",
        "pub struct mach_vm_range {\n    _unused: [u8; 0],\n}",
        &[("layout mach_vm_range: opaque in Rust, but C knows its layout", "a record opaque in Rust, complete in C")],
    ),
    (
        "src/generated/aarch64.rs",
        "    #[cfg(feature = \"mach\")]\n    pub fn mach_port_deallocate(",
        "    #[cfg(feature = \"os\")]\n    pub fn mach_port_deallocate(",
        &[("family `pub fn mach_port_deallocate(task: ipc_space_t, name: mach_port_name_t) -> kern_return_t;`: tagged os, but its header is in family mach", "a family tag moved")],
    ),
    (
        // A record a pointer names first (in sys/proc.h, sysinfo), defined
        // outside every family (sys/vm.h): its definition's header counts.
        "src/generated/aarch64.rs",
        "#[derive(Debug, Copy, Clone)]\npub struct vmspace {",
        "#[derive(Debug, Copy, Clone)]\n#[cfg(feature = \"sysinfo\")]\npub struct vmspace {",
        &[("family `pub struct vmspace {`: tagged sysinfo, but its header is in family (none: always on)", "a record tagged with the family of a header that only points to it")],
    ),
    // Skips.
    (
        "tests/verify-skips.txt",
        "does not compare, one per line:\n",
        "does not compare, one per line:\nfn mach_vm_copy # mutant: a function added to the skip list\nconst KERN_FAILURE # mutant: a skip that is not needed\n",
        &[
            ("skip fn mach_vm_copy: only constant types may be skipped", "a function added to the skip list"),
            ("skip const KERN_FAILURE: C and Rust agree", "a skip that is no longer needed"),
        ],
    ),
    (
        "src/generated/aarch64.rs",
        "    pub fn mach_vm_copy(\n        target_task: vm_map_t,\n",
        "    pub fn mach_vm_copy(\n        target_task: u64,\n",
        &[],
    ),
    // Hand-written and compat code.
    (
        "src/private.rs",
        "/// **Private API.** Not declared by any SDK header; may change or vanish between macOS\n/// releases; can get an app rejected from the App Store.\n///\n/// `__ulock_*` operation: wait while a 32-bit value is unchanged (process-private).",
        "/// Not declared by any SDK header.\n///\n/// `__ulock_*` operation: wait while a 32-bit value is unchanged (process-private).",
        &[("private UL_COMPARE_AND_WAIT: its doc lost the **Private API.** warning", "a Private API marker dropped")],
    ),
    (
        "src/private.rs",
        "    pub fn __ulock_wait(operation: u32, addr: *mut c_void, value: u64, timeout: u32) -> c_int;",
        "    pub fn __ulock_wait(operation: u32, addr: *mut c_void, value: u64, timeout: u64) -> c_int;",
        &[("compat fn __ulock_wait [xnu-8792.81.2 bsd/sys/ulock.h]: C says 0", "a private prototype changed in private.rs and compat/private.h alike")],
    ),
    (
        "codegen/compat/private.h",
        "extern int __ulock_wait(uint32_t operation, void *addr, uint64_t value, uint32_t timeout);",
        "extern int __ulock_wait(uint32_t operation, void *addr, uint64_t value, uint64_t timeout);",
        &[],
    ),
    (
        "codegen/compat/sys_ptrace.h",
        "#define PT_ATTACHEXC    14",
        "#define PT_ATTACHEXC    15",
        &[("compat PT_ATTACHEXC [apple/darwin-xnu (xnu-7195.81.3) bsd/sys/ptrace.h]: C says 15", "a compat header's value changed")],
    ),
    (
        "codegen/compat/mach_vm.h",
        "\tmach_vm_size_t size,\n\tmach_vm_address_t data,\n\tmach_vm_size_t *outsize);",
        "\tmach_vm_size_t size,\n\tvm_offset_t data,\n\tmach_vm_size_t *outsize);",
        &[("compat fn mach_vm_read_overwrite [", "a compat header's prototype changed")],
    ),
];

/// The libc `tcp_connection_info` watch: in the mutant's C probe the
/// struct is replaced by libc 0.2's definition (`src/unix/bsd/apple/mod.rs`:
/// three u8, a u8 pad, 27 u32, a u32 pad, 7 u64), so C and libc agree
/// and the watch must say so. If libc changes its struct, this plant stops
/// agreeing and the self-test names it.
fn plant_libc_agreement(m: &Path) -> Result<(), String> {
    // The SDK's field names, libc's types (its flags are whole u32s, not
    // the SDK's bitfields).
    let u8s = ["tcpi_state", "tcpi_snd_wscale", "tcpi_rcv_wscale", "__pad1"];
    let u32s = [
        "tcpi_options", "tcpi_flags", "tcpi_rto", "tcpi_maxseg", "tcpi_snd_ssthresh", "tcpi_snd_cwnd", "tcpi_snd_wnd",
        "tcpi_snd_sbbytes", "tcpi_rcv_wnd", "tcpi_rttcur", "tcpi_srtt", "tcpi_rttvar", "tcpi_tfo_cookie_req",
        "tcpi_tfo_cookie_rcv", "tcpi_tfo_syn_loss", "tcpi_tfo_syn_data_sent", "tcpi_tfo_syn_data_acked",
        "tcpi_tfo_syn_data_rcv", "tcpi_tfo_cookie_req_rcv", "tcpi_tfo_cookie_sent", "tcpi_tfo_cookie_invalid",
        "tcpi_tfo_cookie_wrong", "tcpi_tfo_no_cookie_rcv", "tcpi_tfo_heuristics_disable", "tcpi_tfo_send_blackhole",
        "tcpi_tfo_recv_blackhole", "tcpi_tfo_onebyte_proxy", "__pad2",
    ];
    let u64s = ["tcpi_txpackets", "tcpi_txbytes", "tcpi_txretransmitbytes", "tcpi_rxpackets", "tcpi_rxbytes", "tcpi_rxoutoforderbytes", "tcpi_txretransmitpackets"];
    let mut s = String::from("\n/* self-test: libc 0.2's tcp_connection_info */\nstruct darwin_sys_mutant_tci {\n");
    for (ty, names) in [("unsigned char", &u8s[..]), ("unsigned int", &u32s[..]), ("unsigned long long", &u64s[..])] {
        for n in names {
            s.push_str(&format!("    {ty} {n};\n"));
        }
    }
    s.push_str("};\n#define tcp_connection_info darwin_sys_mutant_tci\n");
    let p = m.join("codegen/compat/private.h");
    let text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
    std::fs::write(&p, text + &s).map_err(|e| e.to_string())
}

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

/// Copies the crate (sources, build script, `codegen/`, `wrapper.h`, tests)
/// to `m`, as a package of its own outside the workspace.
fn copy_crate(root: &Path, m: &Path) -> Result<(), String> {
    for d in ["src", "codegen", "tests"] {
        copy_dir(&root.join(d), &m.join(d)).map_err(|e| format!("copy {d}: {e}"))?;
    }
    for f in ["build.rs", "wrapper.h"] {
        std::fs::copy(root.join(f), m.join(f)).map_err(|e| format!("copy {f}: {e}"))?;
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    std::fs::write(m.join("Cargo.toml"), manifest.replace("members = [\"xtask\"]\n", "")).map_err(|e| e.to_string())
}

/// Makes the mutant crate; returns its root.
fn make_mutant(root: &Path) -> Result<PathBuf, String> {
    let m = root.join("target").join("mutant");
    let _ = std::fs::remove_dir_all(&m);
    copy_crate(root, &m)?;
    for (file, from, to, expects) in MUTATIONS {
        let what = expects.first().map_or("a companion edit", |e| e.1);
        let p = m.join(file);
        let text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
        if text.matches(from).count() != 1 {
            return Err(format!("self-test: the text to mutate for {what} is not found once in {file}; update MUTATIONS"));
        }
        std::fs::write(&p, text.replacen(from, to, 1)).map_err(|e| e.to_string())?;
    }
    plant_libc_agreement(&m)?;
    // The required-API check must catch a name that stops resolving.
    let p = m.join("src/inline/mach.rs");
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
    let mut reports = [report];
    verify::stale_skips(&skips, &mut reports);
    let [report] = reports;
    let mut failures = Vec::new();
    let mut lines = Vec::new();
    let watch = ("size(tcp_connection_info) [libc's, listed in LIBC_TYPES_WRONG]: libc now agrees", "libc's tcp_connection_info agreeing with the SDK (the LIBC_TYPES_WRONG watch)");
    for (expect, what) in MUTATIONS.iter().flat_map(|m| m.3.iter()).chain([&watch]) {
        let hit = report.mismatches.iter().find(|m| m.starts_with(expect) || m.contains(expect));
        match hit {
            Some(h) => lines.push(format!("caught  {what}: {}", h.chars().take(200).collect::<String>())),
            None => failures.push(format!("MISSED  {what}: expected a report starting `{expect}`")),
        }
    }
    // The MACH_MSGH_BITS defect differs only above 255: the exhaustive u8
    // table and the samples (all at most 255) must not see it.
    let below = |m: &&String| m.starts_with("inline MACH_MSGH_BITS(") || m.starts_with("inline MACH_MSGH_BITS (") && !m.starts_with("inline MACH_MSGH_BITS (32-bit)");
    match report.mismatches.iter().find(below) {
        None => lines.push("caught  nothing below 256 for the MACH_MSGH_BITS defect (u8 table and samples silent)".into()),
        Some(m) => failures.push(format!("MISSED  the MACH_MSGH_BITS defect shows at inputs up to 255, so it proves nothing about the 32-bit table: {m}")),
    }
    // Required API: the renamed macro equivalent no longer resolves.
    let req = crate::checks::required::check_with(&m, &root.join("target"), &[target])?;
    match req.iter().find(|(_, _, missing)| missing.iter().any(|n| n == "MACH_MSGH_BITS_LOCAL")) {
        Some(_) => lines.push("caught  a required name that no longer resolves: MACH_MSGH_BITS_LOCAL".into()),
        None => failures.push("MISSED  a required name that no longer resolves (MACH_MSGH_BITS_LOCAL)".into()),
    }
    // Freshness: the mutated bindings are not what the generator makes.
    match crate::generation::generate::check_fresh(&m, s, &[target], false) {
        Err(e) if e.contains("aarch64.rs") => lines.push("caught  committed bindings that differ from a fresh generation: src/generated/aarch64.rs".into()),
        Err(e) => return Err(e),
        Ok(_) => failures.push("MISSED  stale committed bindings".into()),
    }
    apple_targets(root, s, &mut lines, &mut failures)?;
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

/// The per-OS checks (issue 7), on a mutant of their own (their defects
/// would disturb the macOS verification above): a simulator's alignment rule
/// dropped, a gate removed from `mach_msg` (unavailable on tvOS and watchOS)
/// and one added to `mach_absolute_time` (available everywhere).
fn apple_targets(root: &Path, s: &StandIn, lines: &mut Vec<String>, failures: &mut Vec<String>) -> Result<(), String> {
    let m = root.join("target").join("mutant-apple");
    let _ = std::fs::remove_dir_all(&m);
    copy_crate(root, &m)?;
    let p = m.join("src/generated/aarch64.rs");
    let mut text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
    for (from, to) in [
        ("#[cfg_attr(not(target_abi = \"sim\"), repr(align(16)))]\n", "#[repr(align(16))]\n"),
        ("    #[cfg(not(any(target_os = \"tvos\", target_os = \"watchos\")))]\n    #[cfg(feature = \"mach\")]\n    #[doc = \" Routine:\\t`mach_msg`\\n", "    #[cfg(feature = \"mach\")]\n    #[doc = \" Routine:\\t`mach_msg`\\n"),
        ("    pub fn mach_absolute_time() -> u64;\n", "    #[cfg(not(target_os = \"tvos\"))]\n    pub fn mach_absolute_time() -> u64;\n"),
    ] {
        if text.matches(from).count() != 1 {
            return Err(format!("self-test: `{}` is not found once in aarch64.rs; update selftest::apple_targets", from.trim()));
        }
        text = text.replacen(from, to, 1);
    }
    std::fs::write(&p, text).map_err(|e| e.to_string())?;
    let mut check = |found: bool, what: &str, detail: String| {
        if found { lines.push(format!("caught  {what}: {detail}")) } else { failures.push(format!("MISSED  {what}: {detail}")) }
    };
    let sim = crate::config::target_by_rust("aarch64-apple-ios-sim").expect("listed");
    let cc = CCompiler::ZigClang { pythonpath: s.zig.clone(), root: m.clone() };
    let r = verify::per_os::verify_os(&m, &root.join("target"), &cc, sim, &verify::load_skips(&m)?)?;
    let hit = r.mismatches.iter().find(|x| x.starts_with("layout align(dyld_all_image_infos)"));
    check(hit.is_some(), "a simulator's layout (ALIGNED_EXCEPT_SIM's cfg_attr dropped)", hit.cloned().unwrap_or_else(|| format!("{:?}", r.mismatches)));
    match verify::availability::check(&m, &s.zig) {
        Err(e) => {
            let msg = e.lines().find(|l| l.contains("`mach_msg` is bound there")).map(str::to_string);
            check(msg.is_some(), "a gate removed (mach_msg on tvOS)", msg.unwrap_or_else(|| e.clone()));
            let msg = e.lines().find(|l| l.contains("gated away, yet clang accepts") && l.contains("mach_absolute_time")).map(str::to_string);
            check(msg.is_some(), "a gate added (mach_absolute_time off tvOS)", msg.unwrap_or(e));
        }
        Ok(n) => {
            check(false, "a gate removed (mach_msg on tvOS)", n.clone());
            check(false, "a gate added (mach_absolute_time off tvOS)", n);
        }
    }
    Ok(())
}
