//! Compat declarations' second reference. `codegen/compat/*.h` are the project's
//! own declarations for headers the stand-in SDK lacks: for those items
//! they are the source of the bindings and the C side of every check at
//! once. Here each fact is pinned again, from Apple's public sources, with
//! the file and release it comes from; the C compiler compares the
//! headers in use (codegen/compat/, or a real SDK's) with this table.
//!
//! Facts with no second reference here (nothing public to pin them to):
//! `_os_log_impl`, `_os_log_{debug,error,fault}_impl`,
//! `_os_signpost_emit_with_name_impl` (libtrace is not open source; their
//! prototypes come from the SDK's `os/log.h`/`os/signpost.h` inline
//! expansions only), `__getdirentries64` (libsyscall's syscall stub; no
//! public header), `posix_spawnattr_{set,get}_qos_class_np` (the public
//! libpthread sources do not carry `pthread/spawn.h`), and the values of
//! `OS_SIGNPOST_ID_*` and `OS_LOG_CATEGORY_*`.

use super::{CValue, Entries, Kind};

const PTRACE: &str = "apple/darwin-xnu (xnu-7195.81.3) bsd/sys/ptrace.h";
const ULOCK: &str = "xnu-8792.81.2 bsd/sys/ulock.h";
const MACH_VM: &str = "apple-oss-distributions/xnu (commit 1031c584) osfmk/mach/mach_vm.defs, MIG user prototype";
const EXC: &str = "xnu-7195.81.3 osfmk/mach/exc.defs, MIG user prototype";

/// Integer macros: (name, value, source).
pub const VALUES: &[(&str, i64, &str)] = &[
    ("PT_TRACE_ME", 0, PTRACE),
    ("PT_READ_I", 1, PTRACE),
    ("PT_READ_D", 2, PTRACE),
    ("PT_READ_U", 3, PTRACE),
    ("PT_WRITE_I", 4, PTRACE),
    ("PT_WRITE_D", 5, PTRACE),
    ("PT_WRITE_U", 6, PTRACE),
    ("PT_CONTINUE", 7, PTRACE),
    ("PT_KILL", 8, PTRACE),
    ("PT_STEP", 9, PTRACE),
    ("PT_ATTACH", 10, PTRACE),
    ("PT_DETACH", 11, PTRACE),
    ("PT_SIGEXC", 12, PTRACE),
    ("PT_THUPDATE", 13, PTRACE),
    ("PT_ATTACHEXC", 14, PTRACE),
    ("PT_FORCEQUOTA", 30, PTRACE),
    ("PT_DENY_ATTACH", 31, PTRACE),
    ("PT_FIRSTMACH", 32, PTRACE),
    ("UL_COMPARE_AND_WAIT", 1, ULOCK),
    ("UL_UNFAIR_LOCK", 2, ULOCK),
    ("UL_COMPARE_AND_WAIT_SHARED", 3, ULOCK),
    ("UL_UNFAIR_LOCK64_SHARED", 4, ULOCK),
    ("UL_COMPARE_AND_WAIT64", 5, ULOCK),
    ("UL_COMPARE_AND_WAIT64_SHARED", 6, ULOCK),
    ("ULF_WAKE_ALL", 0x100, ULOCK),
    ("ULF_WAKE_THREAD", 0x200, ULOCK),
    ("ULF_WAKE_ALLOW_NON_OWNER", 0x400, ULOCK),
    ("ULF_NO_ERRNO", 0x0100_0000, ULOCK),
];

/// Prototypes: (function, C function pointer type, source). MIG user
/// prototypes: `inout`/`out` scalars are pointers, an out-of-line
/// `pointer_t` is `vm_offset_t` plus its `mach_msg_type_number_t` count,
/// `vm_task_entry_t` is `vm_map_t` in user code.
pub const PROTOTYPES: &[(&str, &str, &str)] = &[
    ("ptrace", "int (*)(int, pid_t, caddr_t, int)", PTRACE),
    ("__ulock_wait", "int (*)(uint32_t, void *, uint64_t, uint32_t)", ULOCK),
    ("__ulock_wait2", "int (*)(uint32_t, void *, uint64_t, uint64_t, uint64_t)", ULOCK),
    ("__ulock_wake", "int (*)(uint32_t, void *, uint64_t)", ULOCK),
    ("mach_vm_allocate", "kern_return_t (*)(vm_map_t, mach_vm_address_t *, mach_vm_size_t, int)", MACH_VM),
    ("mach_vm_deallocate", "kern_return_t (*)(vm_map_t, mach_vm_address_t, mach_vm_size_t)", MACH_VM),
    ("mach_vm_protect", "kern_return_t (*)(vm_map_t, mach_vm_address_t, mach_vm_size_t, boolean_t, vm_prot_t)", MACH_VM),
    ("mach_vm_inherit", "kern_return_t (*)(vm_map_t, mach_vm_address_t, mach_vm_size_t, vm_inherit_t)", MACH_VM),
    ("mach_vm_read", "kern_return_t (*)(vm_map_read_t, mach_vm_address_t, mach_vm_size_t, vm_offset_t *, mach_msg_type_number_t *)", MACH_VM),
    ("mach_vm_write", "kern_return_t (*)(vm_map_t, mach_vm_address_t, vm_offset_t, mach_msg_type_number_t)", MACH_VM),
    ("mach_vm_copy", "kern_return_t (*)(vm_map_t, mach_vm_address_t, mach_vm_size_t, mach_vm_address_t)", MACH_VM),
    ("mach_vm_read_overwrite", "kern_return_t (*)(vm_map_read_t, mach_vm_address_t, mach_vm_size_t, mach_vm_address_t, mach_vm_size_t *)", MACH_VM),
    ("mach_vm_msync", "kern_return_t (*)(vm_map_t, mach_vm_address_t, mach_vm_size_t, vm_sync_t)", MACH_VM),
    ("mach_vm_behavior_set", "kern_return_t (*)(vm_map_t, mach_vm_address_t, mach_vm_size_t, vm_behavior_t)", MACH_VM),
    (
        "mach_vm_map",
        "kern_return_t (*)(vm_map_t, mach_vm_address_t *, mach_vm_size_t, mach_vm_offset_t, int, mem_entry_name_port_t, memory_object_offset_t, boolean_t, vm_prot_t, vm_prot_t, vm_inherit_t)",
        MACH_VM,
    ),
    (
        "mach_vm_remap",
        "kern_return_t (*)(vm_map_t, mach_vm_address_t *, mach_vm_size_t, mach_vm_offset_t, int, vm_map_t, mach_vm_address_t, boolean_t, vm_prot_t *, vm_prot_t *, vm_inherit_t)",
        MACH_VM,
    ),
    ("mach_vm_page_query", "kern_return_t (*)(vm_map_read_t, mach_vm_offset_t, integer_t *, integer_t *)", MACH_VM),
    (
        "mach_vm_region_recurse",
        "kern_return_t (*)(vm_map_read_t, mach_vm_address_t *, mach_vm_size_t *, natural_t *, vm_region_recurse_info_t, mach_msg_type_number_t *)",
        MACH_VM,
    ),
    (
        "mach_vm_region",
        "kern_return_t (*)(vm_map_read_t, mach_vm_address_t *, mach_vm_size_t *, vm_region_flavor_t, vm_region_info_t, mach_msg_type_number_t *, mach_port_t *)",
        MACH_VM,
    ),
    ("mach_vm_purgable_control", "kern_return_t (*)(vm_map_t, mach_vm_address_t, vm_purgable_t, int *)", MACH_VM),
    ("mach_vm_page_info", "kern_return_t (*)(vm_map_read_t, mach_vm_address_t, vm_page_info_flavor_t, vm_page_info_t, mach_msg_type_number_t *)", MACH_VM),
    ("mach_vm_page_range_query", "kern_return_t (*)(vm_map_read_t, mach_vm_offset_t, mach_vm_size_t, mach_vm_address_t, mach_vm_size_t *)", MACH_VM),
    (
        "mach_vm_remap_new",
        "kern_return_t (*)(vm_map_t, mach_vm_address_t *, mach_vm_size_t, mach_vm_offset_t, int, vm_map_read_t, mach_vm_address_t, boolean_t, vm_prot_t *, vm_prot_t *, vm_inherit_t)",
        MACH_VM,
    ),
    ("exception_raise", "kern_return_t (*)(mach_port_t, mach_port_t, mach_port_t, exception_type_t, exception_data_t, mach_msg_type_number_t)", EXC),
];

/// One entry per fact: the value or prototype the headers in use declare
/// must be the table's.
pub fn entries(out: &mut Entries) {
    for (name, value, source) in VALUES {
        out.push(Kind::Compat, format!("{name} [{source}]"), CValue::Expr(format!("({name})")), format!("{value}i64"));
    }
    for (name, proto, source) in PROTOTYPES {
        out.push(
            Kind::Compat,
            format!("fn {name} [{source}]"),
            CValue::Expr(format!("__builtin_types_compatible_p(__typeof__(&{name}), {proto})")),
            "1".into(),
        );
    }
}
