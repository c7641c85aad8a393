//! Items and macros left out of the bindings, each with why.

/// Declared by the headers, not exported by libSystem on one or both
/// architectures: binding them would let a program compile and fail to link.
/// The generator checks every function and static against `libSystem.tbd` and
/// refuses to write bindings that name a symbol missing from it.
pub const NOT_EXPORTED: &[&str] = &[
    "averunnable",
    "clock_get_res",
    "clock_set_res",
    "dispatch_cancel",
    "dispatch_notify",
    "dispatch_testcancel",
    "dispatch_wait",
    "dyld_shared_cache_ranges",
    "KERNEL_AUDIT_TOKEN",
    "KERNEL_SECURITY_TOKEN",
    "mach_vm_region_info",
    "mach_vm_region_info_64",
    // `mach-o/nlist.h`'s `nlist(3)`, a symbol-table reader long gone from
    // libSystem (the structs stay).
    "nlist",
    "task_wire",
    "vm_map_64",
    "vm_map_exec_lockdown",
    "vm_mapped_pages_info",
    "vm_region",
    "vm_region_recurse",
];

/// Macros bindgen must not emit, because the same name is also an enum
/// constant (the self-referential `#define MPO_PORT MPO_PORT` of `mach/port.h`,
/// whose `mpo_flags_t` enum constants stay), or because they are initializer
/// lists that would turn into bogus integers, or include guards with a value.
/// (`TRUE`/`FALSE` are `mach/boolean.h`'s, typed `boolean_t`: see
/// [`BLOCKED_TYPES`] for dyld's `enum DYLD_BOOL`, whose constants of the
/// same names would clash with them.)
/// What each pattern removes is listed in `codegen/macros.rs` (SKIP_CLAIMS) and
/// checked by `cargo xtask test` (step "skip patterns remove only what they claim").
pub const SKIP_MACROS: &[&str] = &[
    "subsystem_to_name_map_*",
    // Only the eight self-referential defines; the mach_port_options_t flags
    // (MPO_CONTEXT_AS_GUARD, MPO_QLIMIT, MPO_INSERT_SEND_RIGHT, ...) are bound.
    "MPO_PORT",
    "MPO_SERVICE_PORT",
    "MPO_CONNECTION_PORT",
    "MPO_REPLY_PORT",
    "MPO_WEAK_REPLY_PORT",
    "MPO_NOTIFICATION_PORT",
    "MPO_EXCEPTION_PORT",
    "MPO_CONNECTION_PORT_WITH_PORT_ARRAY",
    // The include guard of `mach-o/fixup-chains.h`, which has a value (7).
    "__MACH_O_FIXUP_CHAINS__",
];

/// Types left out, with why.
/// `DYLD_BOOL`: `enum DYLD_BOOL { FALSE, TRUE }` of `mach-o/dyld.h`, the
/// return type of the long-removed `NSObjectFileImage` calls (none is bound).
/// Its constants would be `TRUE`/`FALSE` of type `DYLD_BOOL`, and only with
/// the `dyld` family; Mach's APIs take `boolean_t`, which `mach/boolean.h`'s
/// `TRUE`/`FALSE` have (with the `mach` family).
pub const BLOCKED_TYPES: &[&str] = &["DYLD_BOOL"];

/// The MIG request/reply message structs (512 of them, more than all other
/// structs together, used only by hand-rolled MIG clients and servers): left
/// out of the main part, bound alone in the `mig` part (feature `mig`).
pub const MIG_TYPES: &str = r"__(Request|Reply|RequestUnion|ReplyUnion)__.*";
