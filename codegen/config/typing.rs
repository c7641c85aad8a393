//! Integer typing: which C type each integer macro and enum constant gets.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::*;

/// Integer macro typing rules: (header path suffix, name pattern, C type).
/// The first rule whose header and name match wins. The header is the file
/// that `#define`s the macro first (found by [`macro_homes`], one for all
/// architectures: `mach/arm/...` before `mach/i386/...`). Every rule must
/// type some macro: a shadowed or stale rule fails the `skips` step. A type is a C typedef
/// the bindings define, or a Rust primitive.
///
/// The principle: a constant has the type of the C parameter or field it is
/// passed as, so users need no casts (`KERN_*` are `kern_return_t`,
/// `EV_*` are `u16` like `kevent64_s::flags`, ...).
pub const INT_RULES: &[(&str, &str, &str)] = &[
    // Mach counts (`*_COUNT`, `*_COUNT_64`, ...) are message type numbers.
    ("mach/", "*_COUNT", "mach_msg_type_number_t"),
    ("mach/", "*_COUNT_*", "mach_msg_type_number_t"),
    ("mach/kern_return.h", "KERN_*", "kern_return_t"),
    ("mach/message.h", "MACH_MSG_TYPE_*", "mach_msg_type_name_t"),
    ("mach/message.h", "MACH_MSGH_BITS*", "mach_msg_bits_t"),
    ("mach/message.h", "MACH_MSG_*_DESCRIPTOR", "mach_msg_descriptor_type_t"),
    ("mach/message.h", "MACH_MSG_TIMEOUT_NONE", "mach_msg_timeout_t"),
    ("mach/message.h", "MACH_MSG_SUCCESS", "mach_msg_return_t"),
    ("mach/message.h", "MACH_MSG_MASK", "mach_msg_return_t"),
    ("mach/message.h", "MACH_MSG_IPC_*", "mach_msg_return_t"),
    ("mach/message.h", "MACH_MSG_VM_*", "mach_msg_return_t"),
    // The `copy` field of the out-of-line descriptors.
    ("mach/message.h", "MACH_MSG_PHYSICAL_COPY", "mach_msg_copy_options_t"),
    ("mach/message.h", "MACH_MSG_VIRTUAL_COPY", "mach_msg_copy_options_t"),
    ("mach/message.h", "MACH_MSG_ALLOCATE", "mach_msg_copy_options_t"),
    ("mach/message.h", "MACH_MSG_OVERWRITE", "mach_msg_copy_options_t"),
    // The `flags` field of the guarded port descriptor.
    ("mach/message.h", "MACH_MSG_GUARD_FLAGS_*", "mach_msg_guard_flags_t"),
    ("mach/message.h", "MACH_MSG_OPTION_NONE", "mach_msg_option_t"),
    ("mach/message.h", "MACH_MSG_STRICT_REPLY", "mach_msg_option_t"),
    // Sizes compared with `msgh_size` and `msgh_trailer_size`.
    ("mach/message.h", "MACH_MSG_SIZE_*", "mach_msg_size_t"),
    ("mach/message.h", "MACH_MSG_TRAILER_MINIMUM_SIZE", "mach_msg_size_t"),
    // `msgh_trailer_type`.
    ("mach/message.h", "MACH_MSG_TRAILER_FORMAT_*", "mach_msg_trailer_type_t"),
    ("mach/message.h", "MAX_TRAILER_SIZE", "mach_msg_size_t"),
    // MACH_SEND_* / MACH_RCV_*: return codes (0x1000_xxxx) vs options: by value, see `int_kind`.
    ("mach/message.h", "MACH_SEND_*", "@msg"),
    ("mach/message.h", "MACH_RCV_*", "@msg"),
    ("mach/message.h", "MACH_MSG_PRIORITY_*", "mach_msg_priority_t"),
    ("mach/port.h", "MACH_PORT_RIGHT_*", "mach_port_right_t"),
    ("mach/port.h", "MACH_PORT_TYPE_*", "mach_port_type_t"),
    // `mach_port_limits.mpl_qlimit`, `mach_port_status.mps_qlimit`.
    ("mach/port.h", "MACH_PORT_QLIMIT_*", "mach_port_msgcount_t"),
    ("mach/port.h", "MACH_PORT_NULL", "mach_port_t"),
    ("mach/port.h", "MACH_PORT_DEAD", "mach_port_t"),
    ("mach/port.h", "MPO_*", "u32"),
    // `kinfo_proc.kp_proc.p_flag` is an `int`; `P_NOREMOTEHANG` (0x80000000)
    // keeps that type with C's bit pattern.
    ("sys/proc.h", "P_*", "c_int"),
    ("mach/mach_types.h", "*_NULL", "mach_port_t"),
    // `task_get_special_port`-style flavors of the port-returning calls.
    ("mach/mach_types.h", "TASK_FLAVOR_*", "mach_task_flavor_t"),
    ("mach/mach_types.h", "THREAD_FLAVOR_*", "mach_thread_flavor_t"),
    // Port names of other Mach types, all `mach_port_t` in user space.
    ("mach/memory_object_types.h", "*_NULL", "mach_port_t"),
    ("mach/mach_voucher_types.h", "*_NULL", "mach_port_t"),
    ("mach/vm_types.h", "VM_MAP_*NULL", "mach_port_t"),
    ("mach/vm_types.h", "UPL_NULL", "mach_port_t"),
    // Replies of MIG routines (`RetCode`) are `kern_return_t`.
    ("mach/mig_errors.h", "MIG_*", "kern_return_t"),
    ("mach/kmod.h", "KMOD_RETURN_*", "kern_return_t"),
    // `msgh_id` of the notifications.
    ("mach/notify.h", "MACH_NOTIFY_*", "mach_msg_id_t"),
    ("mach/vm_prot.h", "VM_PROT_*", "vm_prot_t"),
    ("mach/vm_inherit.h", "VM_INHERIT_*", "vm_inherit_t"),
    ("mach/vm_behavior.h", "VM_BEHAVIOR_*", "vm_behavior_t"),
    ("mach/vm_sync.h", "VM_SYNC_*", "vm_sync_t"),
    // `int flags` of mach_vm_allocate/map/remap. `VM_FLAGS_ALIAS_MASK`
    // (0xFF000000) and `VM_FLAGS_USER_*` do not fit `int`: they get C's
    // conversion of the bit pattern, as libc does (see `wrap_signed`).
    ("mach/vm_statistics.h", "VM_FLAGS_*", "c_int"),
    // `VM_MEMORY_*` tags: read back from `user_tag` fields, which are all
    // `unsigned int` (vm_region_submap_info_64, vm_region_extended_info,
    // proc_regioninfo.pri_user_tag), and written only through `VM_MAKE_TAG`,
    // whose result is the `int` of the flags. So the tags are `c_uint` (and
    // VM_MAKE_TAG takes one): `info.user_tag == VM_MEMORY_MALLOC` compiles.
    ("mach/vm_statistics.h", "VM_MEMORY_*", "c_uint"),
    ("mach/vm_region.h", "VM_REGION_*", "vm_region_flavor_t"),
    ("mach/vm_region.h", "SM_*", "c_uchar"),
    ("mach/exception_types.h", "EXC_MASK_*", "exception_mask_t"),
    ("mach/arm/exception.h", "EXC_MASK_*", "exception_mask_t"),
    // EXC_* stay `exception_type_t` (`int`), as the SDK declares them and as
    // `exception_raise` receives them; mach2 makes them `u32`.
    ("mach/exception_types.h", "EXC_*", "exception_type_t"),
    ("mach/exception_types.h", "EXCEPTION_*", "exception_behavior_t"),
    ("mach/exception_types.h", "MACH_EXCEPTION_*", "exception_behavior_t"),
    // `task_dyld_info.all_image_info_format` values, not flavors.
    ("mach/task_info.h", "TASK_DYLD_ALL_IMAGE_INFO_*", "integer_t"),
    ("mach/task_info.h", "TASK_*", "task_flavor_t"),
    ("mach/task_info.h", "MACH_TASK_*", "task_flavor_t"),
    ("mach/thread_info.h", "THREAD_*", "thread_flavor_t"),
    ("mach/thread_info.h", "TH_*", "integer_t"),
    ("mach/thread_status.h", "*", "thread_state_flavor_t"),
    // Sizes of `thread_state_data_t` in `natural_t`s: counts.
    ("mach/machine/thread_state.h", "THREAD_STATE_MAX", "mach_msg_type_number_t"),
    ("mach/arm/thread_state.h", "ARM_THREAD_STATE_MAX", "mach_msg_type_number_t"),
    ("mach/arm/thread_status.h", "THREAD_MACHINE_STATE_MAX", "mach_msg_type_number_t"),
    ("mach/arm/thread_status.h", "ARM_*", "thread_state_flavor_t"),
    ("mach/i386/thread_status.h", "x86_*", "thread_state_flavor_t"),
    ("mach/arm/thread_status.h", "*THREAD_STATE*", "thread_state_flavor_t"),
    ("mach/i386/thread_status.h", "*THREAD_STATE*", "thread_state_flavor_t"),
    ("mach/processor_info.h", "PROCESSOR_SET_*", "processor_set_flavor_t"),
    ("mach/processor_info.h", "PROCESSOR_*", "processor_flavor_t"),
    ("mach/host_info.h", "HOST_*", "host_flavor_t"),
    ("mach/clock_types.h", "*_CLOCK", "clock_id_t"),
    ("mach/task_policy.h", "LATENCY_QOS_*", "thread_latency_qos_t"),
    ("mach/task_policy.h", "THROUGHPUT_QOS_*", "thread_throughput_qos_t"),
    ("mach/task_policy.h", "TASK_*", "task_policy_flavor_t"),
    ("mach/thread_policy.h", "THREAD_*", "thread_policy_flavor_t"),
    ("mach/machine.h", "CPU_TYPE_*", "cpu_type_t"),
    ("mach/machine.h", "CPU_ARCH_*", "cpu_type_t"),
    ("mach/machine.h", "CPU_SUBTYPE_*", "cpu_subtype_t"),
    ("mach/machine.h", "CPUFAMILY_*", "u32"),
    ("mach/machine.h", "CPU_THREADTYPE_*", "cpu_threadtype_t"),
    // `boolean_t` (int on arm64, unsigned int on x86_64), as Mach takes it.
    ("mach/boolean.h", "TRUE", "boolean_t"),
    ("mach/boolean.h", "FALSE", "boolean_t"),
    ("mach/", "*", "@int"),
    // Library ordinals are signed (`int libraryOrdinal`).
    ("mach-o/loader.h", "BIND_SPECIAL_DYLIB_*", "c_int"),
    // Symbol tables: bits of `nlist_64.n_desc` (`uint16_t`) first...
    ("mach-o/nlist.h", "REFERENCE*", "u16"),
    ("mach-o/nlist.h", "N_NO_DEAD_STRIP", "u16"),
    ("mach-o/nlist.h", "N_DESC_DISCARDED", "u16"),
    ("mach-o/nlist.h", "N_WEAK_*", "u16"),
    ("mach-o/nlist.h", "N_REF_TO_WEAK", "u16"),
    ("mach-o/nlist.h", "N_ARM_THUMB_DEF", "u16"),
    ("mach-o/nlist.h", "N_SYMBOL_RESOLVER", "u16"),
    ("mach-o/nlist.h", "N_ALT_ENTRY", "u16"),
    ("mach-o/nlist.h", "N_COLD_FUNC", "u16"),
    // ...then the `n_type` bits and the stab types (`uint8_t`), the
    // `n_sect` bounds (`uint8_t`), and the library ordinals that
    // `GET_LIBRARY_ORDINAL` takes out of `n_desc` (its high byte).
    ("mach-o/nlist.h", "N_*", "u8"),
    ("mach-o/stab.h", "N_*", "u8"),
    ("mach-o/nlist.h", "*_SECT", "u8"),
    ("mach-o/nlist.h", "*_ORDINAL", "u8"),
    ("mach-o/", "*", "u32"),
    ("dispatch/time.h", "DISPATCH_*", "dispatch_time_t"),
    ("dispatch/time.h", "*_PER_*", "u64"),
    // The `intptr_t identifier` of dispatch_get_global_queue (the typedef
    // `dispatch_queue_priority_t` is `long`, which Rust does not unify with
    // `isize`).
    ("dispatch/queue.h", "DISPATCH_QUEUE_PRIORITY_*", "isize"),
    // Source flags go in as dispatch_source_create's `uintptr_t mask` and
    // come back from dispatch_source_get_data/get_mask as `uintptr_t`; no
    // function takes their `unsigned long` typedefs
    // (`dispatch_source_proc_flags_t`, ...), which Rust keeps apart from
    // `usize`. So they are `usize`: `get_data(s) & DISPATCH_PROC_EXIT`.
    ("dispatch/source.h", "DISPATCH_PROC_*", "usize"),
    ("dispatch/source.h", "DISPATCH_VNODE_*", "usize"),
    ("dispatch/source.h", "DISPATCH_MEMORYPRESSURE_*", "usize"),
    ("dispatch/source.h", "DISPATCH_MACH_SEND_*", "usize"),
    ("dispatch/source.h", "DISPATCH_TIMER_*", "usize"),
    ("dispatch/io.h", "DISPATCH_IO_STREAM", "dispatch_io_type_t"),
    ("dispatch/io.h", "DISPATCH_IO_RANDOM", "dispatch_io_type_t"),
    ("dispatch/io.h", "DISPATCH_IO_STOP", "dispatch_io_close_flags_t"),
    ("dispatch/io.h", "DISPATCH_IO_STRICT_INTERVAL", "dispatch_io_interval_flags_t"),
    // os_signpost_id_make_with_pointer & co. return `os_signpost_id_t`.
    ("os_signpost.h", "OS_SIGNPOST_ID_*", "os_signpost_id_t"),
    ("copyfile.h", "COPYFILE_STATE_*", "u32"),
    ("copyfile.h", "COPYFILE_RECURSE_*", "c_int"),
    ("copyfile.h", "COPYFILE_START", "c_int"),
    ("copyfile.h", "COPYFILE_FINISH", "c_int"),
    ("copyfile.h", "COPYFILE_ERR", "c_int"),
    ("copyfile.h", "COPYFILE_PROGRESS", "c_int"),
    ("copyfile.h", "COPYFILE_CONTINUE", "c_int"),
    ("copyfile.h", "COPYFILE_SKIP", "c_int"),
    ("copyfile.h", "COPYFILE_QUIT", "c_int"),
    ("copyfile.h", "COPYFILE_*", "copyfile_flags_t"),
    ("sys/event.h", "EVFILT_*", "i16"),
    ("sys/event.h", "EV_*", "u16"),
    ("sys/event.h", "NOTE_*", "u32"),
    ("sys/event.h", "KEVENT_FLAG_*", "c_uint"),
    ("sys/spawn.h", "POSIX_SPAWN_PCONTROL_*", "c_int"),
    ("sys/spawn.h", "POSIX_SPAWN_*", "c_short"),
    ("sys/spawn.h", "_POSIX_SPAWN_*", "c_short"),
    ("sys/clonefile.h", "CLONE_*", "u32"),
    ("sys/stdio.h", "RENAME_*", "c_uint"),
    // Compared with proc_pidinfo's `int` result and passed as its `int
    // buffersize`.
    ("sys/proc_info.h", "PROC_PID*SIZE", "c_int"),
    // `proc_bsdinfo.pbi_flags`, `proc_fdinfo.proc_fdtype`: `uint32_t`.
    ("sys/proc_info.h", "PROC_FLAG_*", "u32"),
    ("sys/proc_info.h", "PROX_FDTYPE_*", "u32"),
    // `oid_kind` is an `int`; CTLFLAG_RD is 0x80000000 (C's conversion).
    ("sys/sysctl.h", "CTLFLAG_*", "c_int"),
    ("sys/sysctl.h", "CTLTYPE*", "c_int"),
    ("netinet/tcp.h", "TH_*", "c_uchar"),
    // The process states, compared with `extern_proc.p_stat` (a `char`).
    ("sys/proc.h", "SIDL", "c_char"),
    ("sys/proc.h", "SRUN", "c_char"),
    ("sys/proc.h", "SSLEEP", "c_char"),
    ("sys/proc.h", "SSTOP", "c_char"),
    ("sys/proc.h", "SZOMB", "c_char"),
    // `tcp_connection_info.tcpi_options`: `u_int32_t`.
    ("netinet/tcp.h", "TCPCI_OPT_*", "u32"),
    // The `sig` field (`uint32_t`) of the workgroup structs, and the lengths
    // of their `opaque` arrays.
    ("os/workgroup_base.h", "_OS_WORKGROUP_*_SIG_*", "u32"),
    ("os/workgroup_base.h", "__OS_WORKGROUP_*_SIZE__", "usize"),
    // The `type_mask` an enumerator takes and the `type` it records
    // (`unsigned`), and the alignment `malloc_zone_malloc_with_options`
    // takes (`size_t`).
    ("malloc/malloc.h", "MALLOC_*_RANGE_TYPE", "c_uint"),
    ("malloc/malloc.h", "MALLOC_ZONE_SPECIFIC_FLAGS", "c_uint"),
    ("malloc/malloc.h", "MALLOC_ZONE_MALLOC_DEFAULT_ALIGN", "usize"),
];

/// The header (path relative to its include directory) that `#define`s
/// each macro, for the typing rules: the SDK's headers first, then the
/// compat headers of `compat`. A textual scan of the bound headers: cheap,
/// and exact for the `#define NAME` lines these rules key on. A layered
/// stand-in's folders (`sdk_dirs`, most specific first) are read as the one
/// tree clang sees: the first folder's file wins, and files go in path
/// order.
pub fn macro_homes(sdk_dirs: &[PathBuf], compat: &Path) -> HashMap<String, String> {
    // Keyed by the relative path, whose order (component by component) is
    // that of a depth-first walk with each folder's entries sorted.
    fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                collect(base, &path, files);
            } else if path.extension().is_some_and(|e| e == "h") {
                files.entry(path.strip_prefix(base).unwrap_or(&path).to_path_buf()).or_insert(path);
            }
        }
    }
    let mut sdk = BTreeMap::new();
    for dir in sdk_dirs {
        collect(dir, dir, &mut sdk);
    }
    let mut ours = BTreeMap::new();
    collect(compat, compat, &mut ours);
    let mut homes = HashMap::new();
    for (rel, path) in sdk.into_iter().chain(ours) {
        let rel = rel.to_string_lossy().replace('\\', "/");
        let Ok(text) = std::fs::read(&path) else { continue };
        for line in String::from_utf8_lossy(&text).lines() {
            let l = line.trim_start();
            let Some(rest) = l.strip_prefix('#') else { continue };
            let Some(rest) = rest.trim_start().strip_prefix("define") else { continue };
            let name: String = rest.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                homes.entry(name).or_insert_with(|| rel.clone());
            }
        }
    }
    homes
}

fn leak(s: &str) -> &'static str {
    // A few hundred short type names per run of a build script or generator.
    Box::leak(s.to_owned().into_boxed_str())
}

pub(super) fn int_kind_of(ty: &str, value: i64) -> bindgen::callbacks::IntKind {
    use bindgen::callbacks::IntKind;
    // A value the rule's small type cannot hold (`TH_AE 0x100` among `u_char`
    // flags) is not forced into it: it keeps C's own type for the literal.
    let fits = match ty {
        "c_uchar" | "u8" => u8::try_from(value).is_ok(),
        // `char` is signed on every Apple target.
        "c_char" => i8::try_from(value).is_ok(),
        "u16" => u16::try_from(value).is_ok(),
        "i16" | "c_short" => i16::try_from(value).is_ok(),
        _ => true,
    };
    let ty = if fits { ty } else { "@int" };
    match ty {
        "@int" => {
            if i32::try_from(value).is_ok() {
                IntKind::Int
            } else if u32::try_from(value).is_ok() {
                IntKind::UInt
            } else {
                IntKind::LongLong
            }
        }
        // A 32-bit type whose value lies past its range (`VM_FLAGS_ALIAS_MASK`
        // 0xFF000000 as `int`, `NOTE_PCTRLMASK` -0x100000 as `uint32_t`)
        // still gets the type: `postprocess::wrap_signed` writes C's
        // conversion of the bit pattern.
        "c_int" => IntKind::Int,
        "c_uint" => IntKind::UInt,
        "c_short" => IntKind::Short,
        "c_uchar" => IntKind::UChar,
        "c_char" => IntKind::Char { is_signed: true },
        "u8" => IntKind::U8,
        "i16" => IntKind::I16,
        "u16" => IntKind::U16,
        "u32" => IntKind::U32,
        "u64" => IntKind::U64,
        _ => {
            // Typedef names: signedness from the typedef's C type.
            let signed = INT32_TYPES.contains(&ty) || ty == "isize";
            IntKind::Custom { name: leak(ty), is_signed: signed }
        }
    }
}

/// The integer types (primitives and typedefs the typing rules use) that are
/// a 32-bit `int` on both targets. A constant of one of them whose value lies
/// past `i32::MAX` is written as C converts it (`0x80000000_u32 as T`).
pub const INT32_TYPES: &[&str] = &[
    "c_int",
    "i32",
    "kern_return_t",
    "mach_msg_return_t",
    "mach_msg_option_t",
    "exception_type_t",
    "exception_behavior_t",
    "integer_t",
    "vm_prot_t",
    "vm_inherit_t",
    "vm_behavior_t",
    "vm_region_flavor_t",
    "thread_state_flavor_t",
    "cpu_type_t",
    "cpu_subtype_t",
    "cpu_threadtype_t",
    "clock_id_t",
    "host_flavor_t",
    "vm_sync_t",
    "mach_msg_id_t",
    "processor_flavor_t",
    "processor_set_flavor_t",
    "thread_latency_qos_t",
    "thread_throughput_qos_t",
];

/// The integer types that are a 32-bit `unsigned int` on both targets: a
/// negative value is written as its bit pattern (`NOTE_PCTRLMASK`).
pub const UINT32_TYPES: &[&str] = &[
    "c_uint",
    "u32",
    "natural_t",
    "mach_msg_type_number_t",
    "mach_port_t",
    "exception_mask_t",
    "mach_msg_bits_t",
    "mach_msg_size_t",
    "mach_port_msgcount_t",
    "mach_msg_copy_options_t",
    "mach_msg_guard_flags_t",
    "mach_port_right_t",
    "mach_port_type_t",
    "mach_task_flavor_t",
    "mach_thread_flavor_t",
    "copyfile_flags_t",
    "qos_class_t",
];

/// The types of the constants of C enums (listed by constant name). An
/// anonymous enum (`enum { QOS_CLASS_USER_INTERACTIVE = 0x21, ... }`) is
/// `_bindgen_ty_N` to bindgen, which may never be public: each of its
/// constants needs a rule here (the generator fails naming those without
/// one). A named enum whose API takes another typedef is retyped too.
pub const ENUM_CONST_TYPES: &[(&str, &str)] = &[
    // removefile: the `uint32_t key` of removefile_state_get/_set, the `int`
    // a callback returns, and the flags.
    ("REMOVEFILE_STATE_*", "u32"),
    ("REMOVEFILE_PROCEED", "core::ffi::c_int"),
    ("REMOVEFILE_SKIP", "core::ffi::c_int"),
    ("REMOVEFILE_STOP", "core::ffi::c_int"),
    ("REMOVEFILE_*", "removefile_flags_t"),
    // The `unsigned int event` a pthread introspection hook receives.
    ("PTHREAD_INTROSPECTION_THREAD_*", "core::ffi::c_uint"),
    // `qos_class_t` is `unsigned int`; the enum is anonymous in C.
    ("QOS_CLASS_*", "qos_class_t"),
    // `enum { DISPATCH_WALLTIME_NOW = ~1ull }`, a `dispatch_time_t`.
    ("DISPATCH_WALLTIME_NOW", "dispatch_time_t"),
    // `kevent` fflags of `EVFILT_PROC`, like `NOTE_*`.
    ("eNote*", "u32"),
    // `socket_fdinfo.psi.soi_kind` is an `int`.
    ("SOCKINFO_*", "core::ffi::c_int"),
    // `enum task_latency_qos`/`task_throughput_qos`: the fields and policies
    // (`thread_latency_qos_policy`, `task_qos_policy`) take `integer_t`
    // typedefs, not the enums.
    ("LATENCY_QOS_*", "thread_latency_qos_t"),
    ("THROUGHPUT_QOS_*", "thread_throughput_qos_t"),
    // `mach-o/dyld_images.h`: values of `dyld_all_image_infos.errorKind`, a `uintptr_t`.
    ("dyld_error_kind_*", "usize"),
    // `MACH_VM_RANGE_FLAVOR_DEFAULT` is a macro over the enum's constants.
    ("MACH_VM_RANGE_FLAVOR_*", "mach_vm_range_flavor_t"),
    // `MACH_VOUCHER_ATTR_KEY_ALL` is `(mach_voucher_attr_key_t)~0`, the rest
    // plain ints: all are keys.
    ("MACH_VOUCHER_ATTR_KEY_*", "mach_voucher_attr_key_t"),
    // `mach-o/compact_unwind_encoding.h`: masks and modes of a
    // `compact_unwind_encoding_t`.
    ("UNWIND_*", "compact_unwind_encoding_t"),
    // `mach-o/fixup-chains.h`: the entries of `page_start[]` (`uint16_t`)...
    ("DYLD_CHAINED_PTR_START_*", "u16"),
    // ...the `pointer_format` of `dyld_chained_starts_in_segment` (`uint16_t`;
    // the firmware-only `dyld_chained_starts_offsets` has a `uint32_t` one)...
    ("DYLD_CHAINED_PTR_*", "u16"),
    // ...the `reserved1` of the `__chain_starts` section (`uint32_t`)...
    ("DYLD_CHAINED_STARTS_USE_*", "u32"),
    // ...and `dyld_chained_fixups_header.imports_format` (`uint32_t`).
    ("DYLD_CHAINED_IMPORT*", "u32"),
];

/// Constant families (same feature, same name but for the last word) whose
/// constants have more than one type on purpose, with why. The suite
/// (`cargo xtask consts`, in `cargo xtask test`) fails on a mixed family not
/// listed here, and on a reason that no longer matches one. Patterns are
/// over the family's prefix.
pub const MIXED_TYPE_FAMILIES: &[(&str, &str)] = &[
    (
        "MPO",
        "MPO_PORT ... MPO_CONNECTION_PORT_WITH_PORT_ARRAY are enumerators of `mpo_flags_t` (their self-referential defines are skipped); the flags of mach_port_options_t.flags (MPO_QLIMIT, ...) are its uint32_t; mpo_flags_t is u32 too",
    ),
    // `X_NULL` is a null port (`mach_port_t`); `X_PORT` the `int` selector
    // that host/task/thread_get_special_port take.
    ("HOST*", "HOST_*_NULL are null ports (mach_port_t); HOST_*_PORT the int `which` of host_get_special_port"),
    ("TASK_INSPECT", "TASK_INSPECT_NULL is a null port; TASK_INSPECT_PORT the int `which_port` of task_get_special_port"),
    ("TASK_NAME", "TASK_NAME_NULL is a null port; TASK_NAME_PORT the int `which_port` of task_get_special_port"),
    ("TASK_READ", "TASK_READ_NULL is a null port; TASK_READ_PORT the int `which_port` of task_get_special_port"),
    ("THREAD_INSPECT", "THREAD_INSPECT_NULL is a null port; THREAD_INSPECT_PORT the int `which_port` of thread_get_special_port"),
    ("THREAD_READ", "THREAD_READ_NULL is a null port; THREAD_READ_PORT the int `which_port` of thread_get_special_port"),
    ("PROCESSOR", "PROCESSOR_NULL is a null port; PROCESSOR_TEMPERATURE a processor_info flavor"),
    ("TASK", "TASK_NULL is a null port; TASK_RENICED/TASK_UNSPECIFIED are `enum task_role` (int, the same Rust type as task_role_t)"),
    ("MACH_PORT", "MACH_PORT_NULL/DEAD are port names (mach_port_t); MACH_PORT_TEMPOWNER an int flag of mach_port_construct's options"),
    // Two APIs under one prefix.
    ("MACH_MSG", "MACH_MSG_SUCCESS/MASK are mach_msg_return_t results; MACH_MSG_ALLOCATE/OVERWRITE the `copy` option of OOL descriptors"),
    ("MACH_RCV", "by value: 0x1000_xxxx are mach_msg_return_t results (MACH_RCV_INTERRUPTED), the rest mach_msg_option_t options"),
    ("MACH_SEND", "by value: 0x1000_xxxx are mach_msg_return_t results (MACH_SEND_INTERRUPTED), the rest mach_msg_option_t options"),
    ("MACH_VM_RANGE", "MACH_VM_RANGE_NONE is a mach_vm_range_flags_t flag; DEFAULT/DATA/FIXED are mach_vm_range_tag_t tags"),
    ("THREAD_EXTENDED", "THREAD_EXTENDED_INFO is a thread_info flavor, THREAD_EXTENDED_POLICY a thread_policy flavor"),
    ("THREAD_STATE", "THREAD_STATE_MAX is a count (natural_t words of thread_state_data_t); THREAD_STATE_NONE/FLAVORS are flavors"),
    ("DISPATCH_IO", "DISPATCH_IO_STREAM/RANDOM are dispatch_io_type_t (dispatch_io_create), DISPATCH_IO_STOP a dispatch_io_close_flags_t"),
    ("COPYFILE", "COPYFILE_<flag> are copyfile_flags_t; COPYFILE_START/FINISH/ERR/PROGRESS (stage) and CONTINUE/SKIP/QUIT (result) are the callback's ints"),
    ("REMOVEFILE", "REMOVEFILE_<flag> are removefile_flags_t; REMOVEFILE_PROCEED/SKIP/STOP are the status callback's int result"),
    ("TH", "TH_AE/TH_ACE (0x100, 0x200) do not fit th_flags' u_char: they are bits of the 12-bit flags above it, C's int"),
    // x86_64 only.
    ("VM", "VM_USRSTACK32 is a 32-bit address (unsigned int), VM_USRSTACK64/VM_DYLD64 64-bit ones (long long), as the SDK writes them"),
];

impl Callbacks {
    /// The typing rules for `sdk`'s headers and the compat headers of the
    /// crate at `crate_root`.
    pub fn new(sdk: &super::Sdk, crate_root: &Path) -> Self {
        Callbacks { homes: macro_homes(&sdk.include_dirs(), &crate_root.join("codegen").join("compat")), locations: None }
    }

    /// The C type (a name from [`INT_RULES`]) of integer macro `name`.
    pub fn macro_type(&self, name: &str, value: i64) -> &'static str {
        match self.int_rule(name) {
            // Return codes live at 0x1000_0000 and up; options below.
            Some(i) if INT_RULES[i].2 == "@msg" => {
                if (0x1000_0000..0x2000_0000).contains(&value) {
                    "mach_msg_return_t"
                } else {
                    "mach_msg_option_t"
                }
            }
            Some(i) => INT_RULES[i].2,
            None => "@int",
        }
    }

    /// The index of the [`INT_RULES`] rule that types macro `name`.
    pub fn int_rule(&self, name: &str) -> Option<usize> {
        first_int_rule(INT_RULES, self.home(name), name)
    }

    /// The header [`macro_homes`] found defining `name` first ("" if none).
    pub fn home(&self, name: &str) -> &str {
        self.homes.get(name).map(String::as_str).unwrap_or("")
    }
}

/// The index of the rule of `rules` (a table like [`INT_RULES`]) that types
/// macro `name` of header `home`: the first whose header and name match.
/// The `skips` step of `cargo xtask test` requires every rule of
/// [`INT_RULES`] to be first for some macro, so a rule shadowed by an
/// earlier, wider one fails by name.
pub fn first_int_rule(rules: &[(&str, &str, &str)], home: &str, name: &str) -> Option<usize> {
    rules.iter().position(|r| int_rule_matches(r, home, name))
}

/// Do the header and name of typing rule `rule` match macro `name` of
/// header `home`?
pub fn int_rule_matches(&(file, pat, _): &(&str, &str, &str), home: &str, name: &str) -> bool {
    let file_ok =
        if file.ends_with('/') { home.starts_with(file) || home.contains(&format!("/{file}")) } else { home == file || home.ends_with(&format!("/{file}")) };
    file_ok && glob(pat, name)
}
