//! What the `libc` crate already defines: its types (blocklisted and
//! re-exported), the items it defines identically ([`SAME_AS_LIBC`],
//! generated into `codegen/same_as_libc.rs`), and its enum constants.

/// Types the `libc` crate (0.2) already defines for Apple targets, among those
/// the bound headers declare. They are blocklisted here and re-exported from
/// `libc` by the generated files (`pub use libc::{...}`), so values cross
/// between the crates without casts. Items libc marks deprecated ("use the
/// mach2 crate instead": `mach_header`, `mach_timebase_info`, ...) stay ours.
/// Kept in step with libc by hand: a name libc lacks fails `cargo check`.
pub const LIBC_TYPES: &[&str] = &[
    "Dl_info",
    "boolean_t",
    "clockid_t",
    "copyfile_callback_t",
    "copyfile_flags_t",
    "copyfile_state_t",
    "cpu_subtype_t",
    "cpu_type_t",
    "dev_t",
    "fsid_t",
    "gid_t",
    "host_cpu_load_info",
    "host_cpu_load_info_data_t",
    "host_cpu_load_info_t",
    "host_flavor_t",
    "host_info64_t",
    "host_info_t",
    "host_t",
    "in6_addr",
    "in_addr",
    "in_addr_t",
    "integer_t",
    "iovec",
    "itimerval",
    "kern_return_t",
    "kevent",
    "kevent64_s",
    "ledger_array_t",
    "ledger_t",
    "load_command",
    "mach_error_t",
    "mach_msg_type_number_t",
    "mach_port_t",
    "mach_task_basic_info",
    "mach_task_basic_info_data_t",
    "mach_task_basic_info_t",
    "mach_vm_address_t",
    "mach_vm_offset_t",
    "mach_vm_size_t",
    "malloc_statistics_t",
    "mem_entry_name_port_t",
    "memory_object_offset_t",
    "memory_object_t",
    "mode_t",
    "mstats",
    "natural_t",
    "off_t",
    "os_clockid_t",
    "os_log_t",
    "os_log_type_t",
    "os_signpost_id_t",
    "os_signpost_type_t",
    "os_sync_wait_on_address_flags_t",
    "os_sync_wake_by_address_flags_t",
    "os_unfair_lock",
    "os_unfair_lock_s",
    "os_unfair_lock_t",
    "pid_t",
    "policy_t",
    "posix_spawn_file_actions_t",
    "posix_spawnattr_t",
    "proc_bsdinfo",
    "proc_bsdshortinfo",
    "proc_fdinfo",
    "proc_taskallinfo",
    "proc_taskinfo",
    "proc_threadinfo",
    "proc_vnodepathinfo",
    "processor_basic_info",
    "processor_basic_info_data_t",
    "processor_basic_info_t",
    "processor_cpu_load_info",
    "processor_cpu_load_info_data_t",
    "processor_cpu_load_info_t",
    "processor_flavor_t",
    "processor_info_array_t",
    "processor_info_t",
    "processor_set_basic_info",
    "processor_set_basic_info_data_t",
    "processor_set_basic_info_t",
    "processor_set_load_info",
    "processor_set_load_info_data_t",
    "processor_set_load_info_t",
    "pthread_attr_t",
    "pthread_cond_t",
    "pthread_jit_write_callback_t",
    "pthread_mutex_t",
    "pthread_mutexattr_t",
    "pthread_t",
    "rusage",
    "rusage_info_t",
    "sa_family_t",
    "segment_command",
    "segment_command_64",
    "sf_hdtr",
    "sigset_t",
    "sockaddr_un",
    "task_flavor_t",
    "task_info_t",
    "task_inspect_t",
    "task_t",
    "task_thread_times_info",
    "task_thread_times_info_data_t",
    "task_thread_times_info_t",
    "thread_act_array_t",
    "thread_act_t",
    "thread_affinity_policy",
    "thread_affinity_policy_data_t",
    "thread_affinity_policy_t",
    "thread_background_policy",
    "thread_background_policy_data_t",
    "thread_background_policy_t",
    "thread_basic_info",
    "thread_basic_info_data_t",
    "thread_basic_info_t",
    "thread_extended_info",
    "thread_extended_info_data_t",
    "thread_extended_info_t",
    "thread_extended_policy",
    "thread_extended_policy_data_t",
    "thread_extended_policy_t",
    "thread_flavor_t",
    "thread_identifier_info",
    "thread_identifier_info_data_t",
    "thread_identifier_info_t",
    "thread_info_t",
    "thread_inspect_t",
    "thread_latency_qos_policy",
    "thread_latency_qos_policy_data_t",
    "thread_latency_qos_policy_t",
    "thread_latency_qos_t",
    "thread_policy_flavor_t",
    "thread_policy_t",
    "thread_precedence_policy",
    "thread_precedence_policy_data_t",
    "thread_precedence_policy_t",
    "thread_standard_policy",
    "thread_standard_policy_data_t",
    "thread_standard_policy_t",
    "thread_t",
    "thread_throughput_qos_policy",
    "thread_throughput_qos_policy_data_t",
    "thread_throughput_qos_policy_t",
    "thread_throughput_qos_t",
    "thread_time_constraint_policy",
    "thread_time_constraint_policy_data_t",
    "thread_time_constraint_policy_t",
    "time_value_t",
    "timespec",
    "timeval",
    "u_quad_t",
    "uid_t",
    "uuid_t",
    "vinfo_stat",
    "vm_address_t",
    "vm_inherit_t",
    "vm_map_t",
    "vm_offset_t",
    "vm_prot_t",
    "vm_range_t",
    "vm_size_t",
    "vm_statistics",
    "vm_statistics64",
    "vm_statistics64_data_t",
    "vm_statistics64_t",
    "vm_statistics_data_t",
    "vm_statistics_t",
    "vnode_info",
    "vnode_info_path",
    "xsw_usage",
];

/// The [`LIBC_TYPES`] that `libc` defines for macOS only (`target_os =
/// "macos"`). The macOS bindings re-export them under that cfg, and what uses
/// them is macOS-only there (they belong to macOS-only headers or APIs); for
/// another OS's triple bindgen binds them from the headers.
pub const LIBC_TYPES_MACOS: &[&str] = &[
    "proc_bsdinfo",
    "proc_bsdshortinfo",
    "proc_fdinfo",
    "proc_taskallinfo",
    "proc_taskinfo",
    "proc_threadinfo",
    "proc_vnodepathinfo",
    "pthread_jit_write_callback_t",
    "vinfo_stat",
    "vnode_info",
    "vnode_info_path",
];

/// Types libc also defines, but with a layout that disagrees with the SDK
/// (found by `cargo xtask verify`): bound from the headers instead.
/// `tcp_connection_info`: libc 0.2.191 has 176 bytes, the macOS SDK 112.
/// `malloc_zone_t`: libc 0.2.191 has 18 pointers (opaque on arm64), the
/// SDK's zone 25 (through `malloc_type_malloc_with_options`); heap walkers
/// read `introspect`, `zone_name` and `version`, so the zone is the SDK's,
/// and the `malloc_zone_*` functions that take it are ours too.
pub const LIBC_TYPES_WRONG: &[&str] = &["malloc_zone_t", "tcp_connection_info"];

/// Items the `libc` crate defines identically to the bindings (same type and
/// value, or the same signature; not deprecated), per architecture: the
/// bindings re-export libc's (`postprocess::reexport_libc`), so
/// `use libc::*; use darwin_sys::*;` names one item. Generated by
/// `cargo xtask generate` from the locked libc's source; the file also lists
/// the items both define differently, and why.
/// The second list of each architecture: libc's constants of the enums whose
/// type is libc's ([`LIBC_ENUM_CONSTS`]), which bindgen drops with the
/// blocklisted type; re-exported too. The third: those of the first two that
/// libc defines under a `cfg` naming an OS (it may lack them on iOS, tvOS,
/// ...): re-exported on macOS only, and declared by the bindings elsewhere.
pub const SAME_AS_LIBC: &[AbiSameAsLibc] = include!("../same_as_libc.rs");

/// One ABI's entry of [`SAME_AS_LIBC`].
pub struct AbiSameAsLibc {
    /// The ABI (`aarch64`, `x86_64`, `arm64_32`).
    pub abi: &'static str,
    /// Items re-exported from libc.
    pub items: &'static [&'static str],
    /// libc's constants of its enum types, re-exported.
    pub enums: &'static [&'static str],
    /// Of both, the ones re-exported on macOS only.
    pub macos_only: &'static [&'static str],
}

/// What one ABI's bindings take from libc ([`SAME_AS_LIBC`]).
#[derive(Clone, Copy, Default)]
pub struct SameAsLibc<'a> {
    /// Items re-exported from libc.
    pub items: &'a [&'a str],
    /// libc's constants of its enum types, re-exported.
    pub enums: &'a [&'a str],
    /// Of both, the ones re-exported on macOS only.
    pub macos_only: &'a [&'a str],
}

/// [`SAME_AS_LIBC`] for one ABI (`aarch64`, `x86_64`, `arm64_32`).
pub fn same_as_libc(abi: &str) -> SameAsLibc<'static> {
    SAME_AS_LIBC.iter().find(|e| e.abi == abi).map_or(SameAsLibc::default(), |e| SameAsLibc { items: e.items, enums: e.enums, macos_only: e.macos_only })
}

/// Constants of C enums whose type is libc's (in [`LIBC_TYPES`], so
/// blocklisted, and bindgen drops its constants with it): (pattern over
/// libc's constants of that type, the libc type, family). The generator
/// expands the patterns from the locked libc into [`SAME_AS_LIBC`].
pub const LIBC_ENUM_CONSTS: &[(&str, &str, &str)] = &[
    ("OS_LOG_TYPE_*", "os_log_type_t", "os"),
    ("OS_SIGNPOST_*", "os_signpost_type_t", "os"),
    ("OS_CLOCK_*", "os_clockid_t", "os"),
    ("OS_SYNC_WAIT_ON_ADDRESS_*", "os_sync_wait_on_address_flags_t", "os"),
    ("OS_SYNC_WAKE_BY_ADDRESS_*", "os_sync_wake_by_address_flags_t", "os"),
];

/// Nested types bindgen emits for a libc-owned parent (which is blocklisted):
/// nothing uses them.
pub const LIBC_ORPHANS: &[&str] = &["in6_addr__bindgen_ty_.*", "processor_basic_info__bindgen_ty_.*"];

/// Functions the `libc` crate declares under the same name as a type it
/// re-exports here (a second declaration would make the name ambiguous).
pub const LIBC_FUNCTIONS: &[&str] = &["kevent", "mstats"];
