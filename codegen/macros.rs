//! The macro inventory of darwin-sys: what the C macros of the bound headers
//! become in Rust, when they are not integer constants bindgen emits.
//!
//! Every macro `#define`d by a header of a family (`codegen/config` FAMILIES) is
//! accounted for by `cargo xtask test` (step "macro inventory"), per target:
//! bound by bindgen as a constant; or a hand-written item of the same name in
//! `src/inline/` (a `const`, `const fn` or `#[inline]` fn naming the C it
//! mirrors); or a reason here. A macro with none of the three fails the step.
//! Read by the tooling only (`xtask/src/macro_inventory.rs`); not shipped.

/// Macros without a Rust item, by name (`*` matches any run of characters),
/// and why. A function-like macro is excused only here.
pub const NO_EQUIVALENT: &[(&str, &str)] = &[
    // C declaration and attribute helpers: they write C declarations, whose
    // results (types, functions, enum constants) are bound under their names.
    ("DISPATCH_ALIAS_V2", "C declaration helper (an asm label); the functions it renames are bound"),
    ("DISPATCH_COMPILER_CAN_ASSUME", "compiler hint (__builtin_assume) for C code"),
    ("DISPATCH_COUNTED_BY", "bounds-safety annotation for C compilers"),
    ("DISPATCH_SIZED_BY", "bounds-safety annotation for C compilers"),
    ("DISPATCH_ENUM", "C declaration helper: writes a typed enum, bound as its typedef and constants"),
    ("DISPATCH_OPTIONS", "C declaration helper: writes a typed flag enum, bound as its typedef and constants"),
    ("DISPATCH_ENUM_API_*", "availability attribute for C compilers"),
    ("DISPATCH_ENUM_SPI_AVAILABLE", "availability attribute for C compilers"),
    ("DISPATCH_EXPECT", "branch-prediction hint (__builtin_expect) for C code"),
    ("DISPATCH_FREEBSD_UNAVAILABLE", "platform attribute for C compilers (empty on Darwin)"),
    ("DISPATCH_LINUX_UNAVAILABLE", "platform attribute for C compilers (empty on Darwin)"),
    ("DISPATCH_OSX_SUPPORTS_AT_LEAST", "preprocessor test of the C deployment target"),
    ("DISPATCH_SWIFT*", "Swift import attribute"),
    ("DISPATCH_UNAVAILABLE_MSG", "availability attribute for C compilers"),
    ("DISPATCH_DATA_DESTRUCTOR_TYPE_DECL", "C declaration helper: declares `_dispatch_data_destructor_*`, bound as statics"),
    ("DISPATCH_DECL*", "C declaration helper: declares `dispatch_*_t` object types, bound as typedefs"),
    ("DISPATCH_DATA_DECL*", "C declaration helper: declares `dispatch_data_t`, bound as a typedef"),
    ("DISPATCH_SOURCE_DECL*", "C declaration helper: declares `dispatch_source_t`, bound as a typedef"),
    ("DISPATCH_SOURCE_TYPE_DECL*", "C declaration helper: declares `_dispatch_source_type_*`, bound as statics"),
    ("DISPATCH_GLOBAL_OBJECT", "generic `(type)&(object)` cast; each use (DISPATCH_QUEUE_CONCURRENT, dispatch_data_empty, ...) has its equivalent"),
    ("dispatch_cancel", "C11 _Generic dispatch to dispatch_block_cancel / dispatch_source_cancel: call the typed function (the name is not exported)"),
    ("dispatch_notify", "C11 _Generic dispatch to dispatch_block_notify / dispatch_group_notify: call the typed function"),
    ("dispatch_testcancel", "C11 _Generic dispatch to dispatch_block_testcancel / dispatch_source_testcancel: call the typed function"),
    ("dispatch_wait", "C11 _Generic dispatch to dispatch_block_wait / dispatch_group_wait / dispatch_semaphore_wait: call the typed function"),
    ("__CCTOOLS_DEPRECATED_MSG", "deprecation attribute for C compilers"),
    ("__MIG_STRNCPY_ZEROFILL_FORWARD_TYPE_DECLS_CSTRING_COUNTEDBY_ATTR", "bounds-safety annotation for C compilers"),
    ("__ipc_desc_sign", "empty in user space (kernel pointer signing of descriptors)"),
    ("MALLOC_ZONE_FN_PTR", "C declaration helper: the pointer-authentication qualifier of a zone's function-pointer fields on arm64e (empty elsewhere)"),
    ("MALLOC_INTROSPECT_FN_PTR", "C declaration helper: the pointer-authentication qualifier of malloc_introspection_t's fields on arm64e (empty elsewhere)"),
    ("MALLOC_INTROSPECT_TBL_PTR", "C declaration helper: the pointer-authentication qualifier of a zone's `introspect` pointer on arm64e (empty elsewhere)"),
    ("MALLOC_SWIFT_NAME", "Swift import attribute"),
    ("OS_WORKGROUP_DECL", "C declaration helper: declares the os_workgroup_t object type, bound as a typedef"),
    ("OS_WORKGROUP_SUBCLASS_DECL*", "C declaration helper: declares os_workgroup_interval_t / os_workgroup_parallel_t, bound as typedefs"),
    ("OS_WORKGROUP_ENUM_API_DEPRECATED_WITH_REPLACEMENT", "deprecation attribute for C compilers"),
    ("OS_WORKGROUP_ASSUME_ABI_SINGLE_*", "bounds-safety annotation for C compilers"),
    ("OS_WORKGROUP_UNSAFE_INDEXABLE", "bounds-safety annotation for C compilers"),
    ("OS_WORKGROUP_EXPORT", "C declaration helper: the export attribute of the workgroup functions"),
    ("OS_WORKGROUP_RETURNS_RETAINED", "ownership attribute for C and Objective-C compilers"),
    ("xnu_static_assert_struct_size*", "C _Static_assert of a struct size; the verifier checks every size against C"),
    ("__QOS_ENUM", "C declaration helper: writes the QoS enums, bound as typedefs and constants"),
    ("__QOS_CLASS_AVAILABLE", "availability attribute for C compilers"),
    ("KMOD_DECL", "declares a kernel extension's kmod_info in C; kernel extensions are not written with this crate"),
    ("KMOD_EXPLICIT_DECL", "declares a kernel extension's kmod_info in C; kernel extensions are not written with this crate"),
    ("UPDATE_IO_STATS", "kernel-side accounting of io_stat_entry fields (xnu internal)"),
    ("UPDATE_IO_STATS_ATOMIC", "kernel-side accounting of io_stat_entry fields (xnu internal, OSAddAtomic64)"),
    // The arm64 spellings behind the public accessors.
    ("__darwin_arm_thread_state64_*", "the SDK's implementation name of arm_thread_state64_*, whose equivalents are bound under the public names"),
    // Kernel-side checks of arguments, with per-architecture flavor lists.
    ("VALID_THREAD_STATE_FLAVOR", "xnu's own check of a thread_get_state/thread_set_state flavor; the call answers KERN_INVALID_ARGUMENT for a bad one"),
    ("FLAVOR_MODIFIES_CORE_CPU_REGISTERS", "xnu's own classification of a thread-state flavor (kernel-side)"),
    ("invalid_memory_object_flavor", "refers to OLD_MEMORY_OBJECT_* values that only the kernel defines: cannot compile in user-space C either"),
    ("machine_ptob", "kernel-side page-to-byte conversion (arm64: x << PAGE_SHIFT); use PAGE_SHIFT()"),
    // Other names of struct fields: Rust has no field aliases; use the field.
    ("msgh_kind", "another name of the trailer field msgh_seqno (`#define msgh_kind msgh_seqno`): use the field"),
    ("msgh_reserved", "another name of the mach_msg_header_t field msgh_voucher_port: use the field"),
    ("p_forw", "a path into the union of struct extern_proc (p_un.p_st1.__p_forw): use the path"),
    ("p_back", "a path into the union of struct extern_proc (p_un.p_st1.__p_back): use the path"),
    ("p_starttime", "a path into the union of struct extern_proc (p_un.__p_starttime): use the path"),
    ("ts_32", "a path into the union of arm_unified_thread_state (uts.ts_32): use the path"),
    ("ts_64", "a path into the union of arm_unified_thread_state (uts.ts_64): use the path"),
    ("KMOD_INFO_NAME", "the symbol name a kernel extension's kmod_info takes (kernel extensions only)"),
    ("MACH_IPC_FLAVOR", "selects which spelling of the IPC types mach/mach.h declares, for C; the bound types are the default (UNTYPED) ones"),
    ("MACH_MSG_TYPE_INTEGER_T", "names MACH_MSG_TYPE_INTEGER_32, which no user-space header defines (MIG's std_types.defs has it): cannot compile in C either"),
    ("RPC_DESCR_SIZE", "obsolete Mach RPC descriptors (mach/rpc.h): no bound function takes them"),
    // mach-o/nlist.h's setters assign to their first argument. The verifier
    // compares an equivalent with C's value in a constant initializer, which
    // cannot hold an assignment, so an equivalent could not be checked.
    (
        "SET_LIBRARY_ORDINAL",
        "assigns to an n_desc lvalue, which the verifier's constant C tables cannot compare: write `n_desc = (n_desc & 0x00ff) | (u16::from(ordinal) << 8)`; GET_LIBRARY_ORDINAL is bound",
    ),
    (
        "SET_COMM_ALIGN",
        "assigns to an n_desc lvalue, which the verifier's constant C tables cannot compare: write `n_desc = (n_desc & 0xf0ff) | (u16::from(align & 0x0f) << 8)`; GET_COMM_ALIGN is bound",
    ),
    ("__MACH_O_FIXUP_CHAINS__", "the include guard of mach-o/fixup-chains.h, which has a value (7); left out by SKIP_MACROS"),
];

/// Object-like macros without a Rust item, by the shape of their body (a
/// regex over the text after the name), and why. Never applied to
/// function-like macros.
pub const BODY_RULES: &[(&str, &str)] = &[
    (r"^$", "expands to nothing: an include guard, a feature marker or an empty attribute"),
    (
        r"^(__attribute__|_Pragma|__API_|API_|__OSX_|__IOS_|__TVOS_|__WATCHOS_|__SPI_|_Nullable|_Nonnull|static __inline__|extern __attribute__|__unsafe_indexable|__DARWIN_ALIAS|__swift|__counted_by|__sized_by|__kernel_ptr_semantics|__CCTOOLS_|__DYLD_)",
        "a compiler attribute, availability or nullability annotation",
    ),
    (r"^\{", "an initializer list (C data for tables such as the MIG subsystem maps), not a value"),
    (r"^(struct|union) \w+$", "the spelling of a struct tag (_STRUCT_*); the struct is bound under its own name"),
];

/// What each wildcard pattern of `codegen/config` SKIP_MACROS removes. A literal
/// pattern claims itself. `cargo xtask test` fails when a pattern removes a
/// macro of the bound headers that is not listed here, or lists one it does
/// not remove.
pub const SKIP_CLAIMS: &[(&str, &[&str])] = &[(
    "subsystem_to_name_map_*",
    &[
        "subsystem_to_name_map_clock",
        "subsystem_to_name_map_clock_priv",
        "subsystem_to_name_map_host_priv",
        "subsystem_to_name_map_host_security",
        "subsystem_to_name_map_mach_host",
        "subsystem_to_name_map_mach_port",
        "subsystem_to_name_map_processor",
        "subsystem_to_name_map_processor_set",
        "subsystem_to_name_map_task",
        "subsystem_to_name_map_thread_act",
        "subsystem_to_name_map_vm_map",
    ],
)];
