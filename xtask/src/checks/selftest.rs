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

/// One planted defect: `from` replaced by `to` in `file`, and what the
/// checkers must report for it. All are planted in one copy of the crate and
/// caught by one verifier run.
struct Mutation {
    file: &'static str,
    /// The text to find (exactly once).
    from: &'static str,
    /// Its replacement.
    to: &'static str,
    /// What must be reported; empty for a companion edit.
    expects: &'static [Expect],
}

/// A report a mutation must cause.
struct Expect {
    /// The start of (or a text in) the mismatch line.
    report: &'static str,
    /// Which defect it is, for the self-test's own lines.
    defect: &'static str,
}

const MUTATIONS: &[Mutation] = &[
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    pub msgh_bits: mach_msg_bits_t,\n    pub msgh_size: mach_msg_size_t,\n",
        to: "    pub msgh_size: mach_msg_size_t,\n    pub msgh_bits: mach_msg_bits_t,\n",
        expects: &[Expect { report: "layout offset(mach_msg_header_t.msgh_bits): C says 0", defect: "a field offset (two fields swapped)" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "pub struct vm_region_basic_info_64 {\n",
        to: "pub struct vm_region_basic_info_64 {\n    pub mutant_extra: u64,\n",
        expects: &[Expect { report: "layout size(vm_region_basic_info_64):", defect: "a struct size (one field added)" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        // (KERN_* are libc's now, re-exported: a constant that stays ours.)
        from: "pub const MACH_PORT_QLIMIT_BASIC: mach_port_msgcount_t = 5;",
        to: "pub const MACH_PORT_QLIMIT_BASIC: mach_port_msgcount_t = 7;",
        expects: &[Expect { report: "constant MACH_PORT_QLIMIT_BASIC: C says 5", defect: "a constant's value" }],
    },
    Mutation {
        // A wrapped value (C's bit pattern in a signed API type) must still
        // be compared bit for bit.
        file: "src/generated/aarch64.rs",
        from: "pub const MACH_EXCEPTION_CODES: exception_behavior_t = 0x80000000_u32 as exception_behavior_t;",
        to: "pub const MACH_EXCEPTION_CODES: exception_behavior_t = 0x40000000_u32 as exception_behavior_t;",
        expects: &[Expect { report: "constant MACH_EXCEPTION_CODES: C says", defect: "a wrapped constant's bit pattern" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    pub fn mach_vm_read(\n",
        to: "    pub fn mach_vm_read_renamed(\n",
        expects: &[Expect { report: "symbol mach_vm_read_renamed: not exported", defect: "a function renamed to a symbol libSystem lacks" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    pub fn mach_vm_protect(\n        target_task: vm_map_t,\n        address: mach_vm_address_t,\n        size: mach_vm_size_t,\n        set_maximum: boolean_t,\n",
        to: "    pub fn mach_vm_protect(\n        target_task: vm_map_t,\n        address: mach_vm_address_t,\n        size: mach_vm_size_t,\n        set_maximum: u64,\n",
        expects: &[Expect { report: "signature fn mach_vm_protect: C says 0", defect: "a parameter type (boolean_t to u64)" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "impl mach_msg_port_descriptor_t {\n    #[inline]\n    #[allow(unnecessary_transmutes)]\n    pub fn pad2(&self) -> core::ffi::c_uint {\n        unsafe { ::core::mem::transmute(self._bitfield_1.get_const::<0usize, 16u8>()",
        to: "impl mach_msg_port_descriptor_t {\n    #[inline]\n    #[allow(unnecessary_transmutes)]\n    pub fn pad2(&self) -> core::ffi::c_uint {\n        unsafe { ::core::mem::transmute(self._bitfield_1.get_const::<0usize, 15u8>()",
        expects: &[Expect { report: "layout bitwidth(mach_msg_port_descriptor_t.pad2): C says 16", defect: "a bitfield's width (16 bits claimed as 15)" }],
    },
    Mutation {
        file: "src/descriptors.rs",
        from: "field(deallocate as u32, 0, 8) | field(copy, 8, 8) | field(disposition, 16, 8)",
        to: "field(deallocate as u32, 1, 8) | field(copy, 8, 8) | field(disposition, 16, 8)",
        expects: &[Expect {
            report: "inline mach_msg_ool_ports_descriptor(NULL, 3, true, 0, 17): C's bytes",
            defect: "a descriptor constructor's bitfield (deallocate one bit off)",
        }],
    },
    Mutation {
        file: "src/private.rs",
        from: "pub const UL_COMPARE_AND_WAIT: u32 = 1;",
        to: "pub const UL_COMPARE_AND_WAIT: u32 = 5;",
        expects: &[Expect { report: "constant UL_COMPARE_AND_WAIT: C says 1", defect: "a hand-written private constant" }],
    },
    Mutation {
        file: "src/inline/mach.rs",
        from: "| ((voucher << 16) & MACH_MSGH_BITS_VOUCHER_MASK)",
        to: "| ((voucher << 17) & MACH_MSGH_BITS_VOUCHER_MASK)",
        expects: &[Expect { report: "inline MACH_MSGH_BITS_SET_PORTS(0, 19, 17): C says", defect: "a hand-written macro equivalent's arithmetic" }],
    },
    Mutation {
        // Invisible to every input up to 255 (`run` checks that the u8
        // table and samples stay silent): only the 32-bit table sees it.
        file: "src/inline/mach.rs",
        from: "    remote | (local << 8)\n",
        to: "    (remote & 0xff) | (local << 8)\n",
        expects: &[Expect { report: "inline MACH_MSGH_BITS (32-bit) (", defect: "MACH_MSGH_BITS arithmetic wrong only above 255" }],
    },
    Mutation {
        file: "src/inline/mach.rs",
        from: "    x & !(mask as core::ffi::c_int as mach_vm_offset_t)\n",
        to: "    x & !((mask >> 1) as core::ffi::c_int as mach_vm_offset_t)\n",
        expects: &[Expect { report: "inline mach_vm_trunc_page (16 KiB pages) (", defect: "a wrong mask in mach_vm_trunc_page's arithmetic" }],
    },
    Mutation {
        file: "src/inline/mach.rs",
        from: "    __mach_vm_round_page(x, unsafe { vm_page_mask } as vm_size_t)\n",
        to: "    __mach_vm_round_page(x, (unsafe { vm_page_mask } as vm_size_t) >> 1)\n",
        expects: &[Expect {
            report: "inline mach_vm_round_page: the public fn does not compile to __mach_vm_round_page(x, vm_page_mask)",
            defect: "a page macro's public fn not calling its helper with the global",
        }],
    },
    Mutation {
        file: "src/inline/mach.rs",
        from: "    unsafe { mach_task_self_ }\n",
        to: "    unsafe { vm_page_size as mach_port_t }\n",
        expects: &[Expect { report: "inline mach_task_self(): C code refers to", defect: "a hand-written inline reading the wrong global" }],
    },
    // Types all the way down.
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    pub msgh_id: mach_msg_id_t,\n",
        to: "    pub msgh_id: u32,\n",
        expects: &[Expect { report: "type field mach_msg_header_t.msgh_id:", defect: "a field's signedness (msgh_id as u32)" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    pub __arg: *mut core::ffi::c_void,\n",
        to: "    pub __arg: *mut u64,\n",
        expects: &[Expect { report: "type field __darwin_pthread_handler_rec.__arg:", defect: "a field's pointee (*mut c_void as *mut u64)" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    #[doc = \" `LC_UUID`\"]\n    pub cmd: u32,\n    #[doc = \" sizeof(struct `uuid_command`)\"]\n    pub cmdsize: u32,\n    #[doc = \" the 128-bit uuid\"]\n    pub uuid: [u8; 16usize],\n",
        to: "    pub __bindgen_padding_0: u32,\n    pub cmdsize: f32,\n    pub uuid: [u32; 4usize],\n",
        expects: &[
            Expect { report: "type field uuid_command.uuid:", defect: "an array's element type (uuid as [u32; 4])" },
            Expect { report: "type field uuid_command.cmdsize:", defect: "a u32 field as f32" },
            Expect { report: "inventory bound field uuid_command.cmd: in tests/inventory/aarch64.txt, gone", defect: "a field replaced by padding" },
        ],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        // (KERN_* are libc's, re-exported: a rule-typed constant that stays ours.)
        from: "pub const MACH_MSG_SUCCESS: mach_msg_return_t = 0;",
        to: "pub const MACH_MSG_SUCCESS: u32 = 0;",
        expects: &[Expect { report: "type const MACH_MSG_SUCCESS:", defect: "a constant's type (MACH_MSG_SUCCESS typed u32)" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "pub type mach_msg_timeout_t = natural_t;",
        to: "pub type mach_msg_timeout_t = u64;",
        expects: &[
            Expect { report: "type alias mach_msg_timeout_t:", defect: "an alias's definition (mach_msg_timeout_t as u64)" },
            Expect { report: "signature fn mach_msg:", defect: "a signature through an alias (mach_msg's timeout)" },
        ],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "pub type mach_port_right_t = natural_t;",
        to: "pub type mach_port_right_t = integer_t;",
        expects: &[Expect { report: "type alias mach_port_right_t:", defect: "an alias's signedness (mach_port_right_t as integer_t)" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "pub type dispatch_function_t =\n    ::core::option::Option<unsafe extern \"C\" fn(arg1: *mut core::ffi::c_void)>;",
        to: "pub type dispatch_function_t =\n    ::core::option::Option<unsafe extern \"C\" fn(arg1: *mut core::ffi::c_void, arg2: usize)>;",
        expects: &[Expect { report: "type alias dispatch_function_t:", defect: "a function pointer alias's signature" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "pub type dispatch_block_t = *mut core::ffi::c_void;",
        to: "pub type dispatch_block_t = *mut u8;",
        expects: &[Expect { report: "type alias dispatch_block_t: a block pointer in C", defect: "a block typedef bound as something else" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    pub fn dispatch_apply(\n        iterations: usize,\n",
        to: "    pub fn dispatch_apply(\n        iterations: u32,\n",
        expects: &[Expect { report: "signature fn dispatch_apply:", defect: "a non-block parameter of a function taking a block literal" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    pub static mut vm_page_size: vm_size_t;",
        to: "    pub static mut vm_page_size: u32;",
        expects: &[Expect { report: "type static vm_page_size:", defect: "a static's type (vm_page_size as u32)" }],
    },
    Mutation {
        // Not a defect: keeps `PAGE_SIZE()` compiling beside the static above.
        file: "src/inline/mach.rs",
        from: "    unsafe { vm_page_size }\n",
        to: "    unsafe { vm_page_size as vm_size_t }\n",
        expects: &[],
    },
    // Symbol names.
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    #[link_name = \"\\u{1}_dispatch_assert_queue$V2\"]\n",
        to: "",
        expects: &[Expect {
            report: "link name dispatch_assert_queue: C links to {\"_dispatch_assert_queue$V2\"}",
            defect: "a function losing its $V2 link name",
        }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    #[link_name = \"\\u{1}_dispatch_assert_queue_not$V2\"]\n",
        to: "    #[link_name = \"\\u{1}_dispatch_assert_queue_not$INODE64\"]\n",
        expects: &[Expect { report: "link name dispatch_assert_queue_not: C links to", defect: "a function given another symbol variant" }],
    },
    // Removals and representation.
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    #[cfg(feature = \"mach\")]\n    pub fn mach_port_destroy(task: ipc_space_t, name: mach_port_name_t) -> kern_return_t;\n",
        to: "",
        expects: &[Expect { report: "inventory bound fn mach_port_destroy: in tests/inventory/aarch64.txt, gone", defect: "a function deleted" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "#[repr(C)]\n#[derive(Debug, Copy, Clone)]\npub struct mach_port_limits {",
        to: "#[derive(Debug, Copy, Clone)]\npub struct mach_port_limits {",
        expects: &[Expect { report: "repr mach_port_limits: not repr(C)", defect: "repr(C) removed" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "pub struct mach_vm_range {\n    pub min_address: mach_vm_offset_t,\n    pub max_address: mach_vm_offset_t,\n}",
        to: "pub struct mach_vm_range {\n    _unused: [u8; 0],\n}",
        expects: &[Expect { report: "layout mach_vm_range: opaque in Rust, but C knows its layout", defect: "a record opaque in Rust, complete in C" }],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    #[cfg(feature = \"mach\")]\n    pub fn mach_port_deallocate(",
        to: "    #[cfg(feature = \"os\")]\n    pub fn mach_port_deallocate(",
        expects: &[Expect {
            report: "family `pub fn mach_port_deallocate(task: ipc_space_t, name: mach_port_name_t) -> kern_return_t;`: tagged os, but its header is in family mach",
            defect: "a family tag moved",
        }],
    },
    Mutation {
        // A record a pointer names first (in sys/proc.h, sysinfo), defined
        // outside every family (sys/vm.h): its definition's header counts.
        file: "src/generated/aarch64.rs",
        from: "#[derive(Debug, Copy, Clone)]\npub struct vmspace {",
        to: "#[derive(Debug, Copy, Clone)]\n#[cfg(feature = \"sysinfo\")]\npub struct vmspace {",
        expects: &[Expect {
            report: "family `pub struct vmspace {`: tagged sysinfo, but its header is in family (none: always on)",
            defect: "a record tagged with the family of a header that only points to it",
        }],
    },
    // Skips.
    Mutation {
        file: "tests/verify-skips.txt",
        from: "does not compare, one per line:\n",
        to: "does not compare, one per line:\nfn mach_vm_copy # mutant: a function added to the skip list\nconst KERN_FAILURE # mutant: a skip that is not needed\n",
        expects: &[
            Expect { report: "skip fn mach_vm_copy: only constant types may be skipped", defect: "a function added to the skip list" },
            Expect { report: "skip const KERN_FAILURE: C and Rust agree", defect: "a skip that is no longer needed" },
        ],
    },
    Mutation {
        file: "src/generated/aarch64.rs",
        from: "    pub fn mach_vm_copy(\n        target_task: vm_map_t,\n",
        to: "    pub fn mach_vm_copy(\n        target_task: u64,\n",
        expects: &[],
    },
    // Hand-written and compat code.
    Mutation {
        file: "src/private.rs",
        from: "/// **Private API.** Not declared by any SDK header; may change or vanish between macOS\n/// releases; can get an app rejected from the App Store.\n///\n/// `__ulock_*` operation: wait while a 32-bit value is unchanged (process-private).",
        to: "/// Not declared by any SDK header.\n///\n/// `__ulock_*` operation: wait while a 32-bit value is unchanged (process-private).",
        expects: &[Expect { report: "private UL_COMPARE_AND_WAIT: its doc lost the **Private API.** warning", defect: "a Private API marker dropped" }],
    },
    Mutation {
        file: "src/private.rs",
        from: "    pub fn __ulock_wait(operation: u32, addr: *mut c_void, value: u64, timeout: u32) -> c_int;",
        to: "    pub fn __ulock_wait(operation: u32, addr: *mut c_void, value: u64, timeout: u64) -> c_int;",
        expects: &[Expect {
            report: "compat fn __ulock_wait [xnu-8792.81.2 bsd/sys/ulock.h]: C says 0",
            defect: "a private prototype changed in private.rs and compat/private.h alike",
        }],
    },
    Mutation {
        file: "codegen/compat/private.h",
        from: "extern int __ulock_wait(uint32_t operation, void *addr, uint64_t value, uint32_t timeout);",
        to: "extern int __ulock_wait(uint32_t operation, void *addr, uint64_t value, uint64_t timeout);",
        expects: &[],
    },
    Mutation {
        file: "codegen/compat/sys_ptrace.h",
        from: "#define PT_ATTACHEXC    14",
        to: "#define PT_ATTACHEXC    15",
        expects: &[Expect {
            report: "compat PT_ATTACHEXC [apple/darwin-xnu (xnu-7195.81.3) bsd/sys/ptrace.h]: C says 15",
            defect: "a compat header's value changed",
        }],
    },
    Mutation {
        file: "codegen/compat/mach_vm.h",
        from: "\tmach_vm_size_t size,\n\tmach_vm_address_t data,\n\tmach_vm_size_t *outsize);",
        to: "\tmach_vm_size_t size,\n\tvm_offset_t data,\n\tmach_vm_size_t *outsize);",
        expects: &[Expect { report: "compat fn mach_vm_read_overwrite [", defect: "a compat header's prototype changed" }],
    },
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
        "tcpi_options",
        "tcpi_flags",
        "tcpi_rto",
        "tcpi_maxseg",
        "tcpi_snd_ssthresh",
        "tcpi_snd_cwnd",
        "tcpi_snd_wnd",
        "tcpi_snd_sbbytes",
        "tcpi_rcv_wnd",
        "tcpi_rttcur",
        "tcpi_srtt",
        "tcpi_rttvar",
        "tcpi_tfo_cookie_req",
        "tcpi_tfo_cookie_rcv",
        "tcpi_tfo_syn_loss",
        "tcpi_tfo_syn_data_sent",
        "tcpi_tfo_syn_data_acked",
        "tcpi_tfo_syn_data_rcv",
        "tcpi_tfo_cookie_req_rcv",
        "tcpi_tfo_cookie_sent",
        "tcpi_tfo_cookie_invalid",
        "tcpi_tfo_cookie_wrong",
        "tcpi_tfo_no_cookie_rcv",
        "tcpi_tfo_heuristics_disable",
        "tcpi_tfo_send_blackhole",
        "tcpi_tfo_recv_blackhole",
        "tcpi_tfo_onebyte_proxy",
        "__pad2",
    ];
    let u64s =
        ["tcpi_txpackets", "tcpi_txbytes", "tcpi_txretransmitbytes", "tcpi_rxpackets", "tcpi_rxbytes", "tcpi_rxoutoforderbytes", "tcpi_txretransmitpackets"];
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
    for Mutation { file, from, to, expects } in MUTATIONS {
        let what = expects.first().map_or("a companion edit", |e| e.defect);
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
    let ctx = Ctx {
        root: &m,
        target,
        cc: &cc,
        work: root.join("target").join("verify").join("mutant"),
        skips: &skips,
        target_dir: root.join("target"),
        bindgen_feature: false,
    };
    let mut report = Report { target: target.rust.into(), ..Default::default() };
    verify::verify_target(&ctx, &mut report)?;
    let mut reports = [report];
    verify::stale_skips(&skips, &mut reports);
    let [report] = reports;
    let mut failures = Vec::new();
    let mut lines = Vec::new();
    let watch = Expect {
        report: "size(tcp_connection_info) [libc's, listed in LIBC_TYPES_WRONG]: libc now agrees",
        defect: "libc's tcp_connection_info agreeing with the SDK (the LIBC_TYPES_WRONG watch)",
    };
    for Expect { report: expect, defect: what } in MUTATIONS.iter().flat_map(|m| m.expects.iter()).chain([&watch]) {
        let hit = report.mismatches.iter().find(|m| m.starts_with(expect) || m.contains(expect));
        match hit {
            Some(h) => lines.push(format!("caught  {what}: {}", h.chars().take(200).collect::<String>())),
            None => failures.push(format!("MISSED  {what}: expected a report starting `{expect}`")),
        }
    }
    // The MACH_MSGH_BITS defect differs only above 255: the exhaustive u8
    // table and the samples (all at most 255) must not see it.
    let below =
        |m: &&String| m.starts_with("inline MACH_MSGH_BITS(") || m.starts_with("inline MACH_MSGH_BITS (") && !m.starts_with("inline MACH_MSGH_BITS (32-bit)");
    match report.mismatches.iter().find(below) {
        None => lines.push("caught  nothing below 256 for the MACH_MSGH_BITS defect (u8 table and samples silent)".into()),
        Some(m) => failures.push(format!("MISSED  the MACH_MSGH_BITS defect shows at inputs up to 255, so it proves nothing about the 32-bit table: {m}")),
    }
    // Required API: the renamed macro equivalent no longer resolves.
    let req = crate::checks::required::check_with(&m, &root.join("target"), &[target])?;
    match req.iter().find(|r| r.missing.iter().any(|n| n == "MACH_MSGH_BITS_LOCAL")) {
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
    older_sdks(root, s, &mut lines, &mut failures)?;
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
/// A copy of the crate under `target/<name>` for builds in the `bindgen`
/// step's target folder (bindgen built once). The copy is a package of
/// another name (its library still `darwin_sys`): cargo keys a path
/// package's build folder by its name and its path within its workspace,
/// so a copy named `darwin-sys` would share the real crate's build-script
/// folder there, and its newer build.rs would leave the real one's build
/// fresh, with the copy's defects.
fn sdk_mutant(root: &Path, name: &str) -> Result<PathBuf, String> {
    let m = root.join("target").join(name);
    let _ = std::fs::remove_dir_all(&m);
    copy_crate(root, &m)?;
    std::fs::copy(root.join("Cargo.lock"), m.join("Cargo.lock")).map_err(|e| format!("copy Cargo.lock: {e}"))?;
    let manifest = m.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
    let from = "[package]\nname = \"darwin-sys\"\n";
    if !text.starts_with(from) {
        return Err("self-test: Cargo.toml does not start with `[package]` and `name = \"darwin-sys\"`; update selftest::sdk_mutant".into());
    }
    let renamed = text.replacen(from, &format!("[package]\nname = \"darwin-sys-{name}\"\n"), 1) + "\n[lib]\nname = \"darwin_sys\"\n";
    std::fs::write(&manifest, renamed).map_err(|e| e.to_string())?;
    Ok(m)
}

/// The `sdks` step's checks, on copies of the crate with three defects: a
/// hand-written item naming a constant SDK 13 lacks, its
/// `darwin_sys_lacks` gate removed; a compat declaration that disagrees
/// with the SDK header it stands in for; and a build script that keeps
/// libc's re-export where the SDK's value differs.
fn older_sdks(root: &Path, s: &StandIn, lines: &mut Vec<String>, failures: &mut Vec<String>) -> Result<(), String> {
    let m = sdk_mutant(root, "mutant-sdks")?;
    for (file, from, to) in [
        ("src/inline/mach.rs", "#[cfg(not(darwin_sys_lacks = \"err_vm\"))]\n", ""),
        (
            "codegen/compat/mach_o_getsect.h",
            "uint8_t *getsegmentdata(const struct mach_header_64 *mhp",
            "char *getsegmentdata(const struct mach_header_64 *mhp",
        ),
    ] {
        let p = m.join(file);
        let text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
        if text.matches(from).count() != 1 {
            return Err(format!("self-test: `{}` is not found once in {file}; update selftest::older_sdks", from.trim()));
        }
        std::fs::write(&p, text.replacen(from, to, 1)).map_err(|e| e.to_string())?;
    }
    let mut check = |found: bool, what: &str, detail: String| {
        if found { lines.push(format!("caught  {what}: {detail}")) } else { failures.push(format!("MISSED  {what}: {detail}")) }
    };
    let sdk13 = crate::checks::sdks::OLDER.iter().find(|o| o.sdk == "13").expect("SDK 13 is listed");
    let zig = crate::checks::sdks::provision(root, sdk13)?;
    match crate::checks::sdks::build(&m, &crate::util::sdk::feature_bindgen_dir(root), s, &zig, "aarch64-apple-darwin") {
        Err(e) if e.contains("err_vm") => check(true, "a hand-written item naming a constant SDK 13 lacks (gate removed)", "the build fails on err_vm".into()),
        Err(e) => check(false, "a hand-written item naming a constant SDK 13 lacks (gate removed)", e.chars().take(300).collect()),
        Ok(_) => check(false, "a hand-written item naming a constant SDK 13 lacks (gate removed)", "the build passed".into()),
    }
    // A build script that re-exports libc's value whatever the SDK says.
    let m2 = sdk_mutant(root, "mutant-sdks-libc")?;
    let p = m2.join("build.rs");
    let text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
    let from = "        if differ.is_empty() {\n";
    if text.matches(from).count() != 1 {
        return Err("self-test: `if differ.is_empty()` is not found once in build.rs; update selftest::older_sdks".into());
    }
    std::fs::write(&p, text.replacen(from, "        if true {\n", 1)).map_err(|e| e.to_string())?;
    let built = crate::checks::sdks::build(&m2, &crate::util::sdk::feature_bindgen_dir(root), s, &zig, "aarch64-apple-darwin")?;
    match crate::checks::sdks::own_host_vm_info64_count(&built) {
        Err(e) => check(true, "libc's HOST_VM_INFO64_COUNT re-exported under SDK 13", e),
        Ok(()) => check(false, "libc's HOST_VM_INFO64_COUNT re-exported under SDK 13", "the SDK's own count was expected".into()),
    }
    match crate::checks::sdks::compat_agrees(&m, &[("27.0".into(), s.zig.clone())]) {
        Err(e) if e.contains("fn getsegmentdata") => check(true, "a compat declaration that disagrees with the SDK's header", "getsegmentdata".into()),
        other => check(false, "a compat declaration that disagrees with the SDK's header", format!("{other:?}")),
    }
    Ok(())
}

fn apple_targets(root: &Path, s: &StandIn, lines: &mut Vec<String>, failures: &mut Vec<String>) -> Result<(), String> {
    let m = root.join("target").join("mutant-apple");
    let _ = std::fs::remove_dir_all(&m);
    copy_crate(root, &m)?;
    let p = m.join("src/generated/aarch64.rs");
    let mut text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
    for (from, to) in [
        ("#[cfg_attr(not(target_abi = \"sim\"), repr(align(16)))]\n", "#[repr(align(16))]\n"),
        (
            "    #[cfg(not(any(target_os = \"tvos\", target_os = \"watchos\")))]\n    #[cfg(feature = \"mach\")]\n    #[doc = \" Routine:\\t`mach_msg`\\n",
            "    #[cfg(feature = \"mach\")]\n    #[doc = \" Routine:\\t`mach_msg`\\n",
        ),
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
