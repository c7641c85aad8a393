//! The pure macro equivalents, compared with the C macros over their whole
//! input range: exhaustively where the domain is small (all `u8` pairs, all
//! 5-bit triples, every element field), else over the edge values (0, 1,
//! each single bit and its complement, the signed and unsigned limits) and
//! 1000 pseudo-random values across the whole 32- or 64-bit range.
//!
//! Each macro is one table: the C probe stores `MACRO(args)` for every input
//! in a static array the C compiler folds, the Rust probe stores the
//! equivalent's results for the same inputs in a static array it computes by
//! const evaluation, and the arrays are read back and compared value by value.
//! Results are widened to 64 bits the way each language converts its result
//! type, so a result of the wrong signedness or width is a mismatch too.

use super::table::{Dom, RANDOM, Table, edges, seed};
use std::fmt::Write as _;

/// A table on every architecture.
const fn t(name: &'static str, c: &'static str, rust: &'static str, doms: &'static [Dom]) -> Table {
    Table { name, c, rust, doms, arch: None, globals: &[] }
}

/// A table on aarch64 only.
const fn arm(name: &'static str, c: &'static str, rust: &'static str, doms: &'static [Dom]) -> Table {
    Table { name, c, rust, doms, arch: Some("aarch64"), globals: &[] }
}

/// A C literal for argument bits `x` of domain `d`.
fn c_literal(d: Dom, x: u64) -> String {
    match d {
        Dom::U32 | Dom::U64 if x < 10 => format!("{x}u"),
        Dom::U32 | Dom::U64 => format!("{x:#x}ull"),
        Dom::I32 | Dom::Range(..) => {
            let v = x as i64;
            if v == i64::from(i32::MIN) {
                "(-2147483647-1)".into()
            } else if v < 0 {
                format!("({v})")
            } else {
                format!("{v}")
            }
        }
    }
}

use Dom::*;

/// The tables. Domains follow each macro's C parameter type; where C's own
/// behaviour is undefined (a shift past the width), the domain stops there.
pub const TABLES: &[Table] = &[
    // mach/message.h
    t(
        "MACH_MSGH_BITS",
        "MACH_MSGH_BITS((mach_msg_type_name_t)$0, (mach_msg_type_name_t)$1)",
        "darwin_sys::MACH_MSGH_BITS(a[0] as u32, a[1] as u32) as u64",
        &[Range(0, 255), Range(0, 255)],
    ),
    t(
        "MACH_MSGH_BITS (32-bit)",
        "MACH_MSGH_BITS((mach_msg_type_name_t)$0, (mach_msg_type_name_t)$1)",
        "darwin_sys::MACH_MSGH_BITS(a[0] as u32, a[1] as u32) as u64",
        &[U32, Range(0, 0xffffff)],
    ),
    t(
        "MACH_MSGH_BITS_SET_PORTS",
        "MACH_MSGH_BITS_SET_PORTS((mach_msg_type_name_t)$0, (mach_msg_type_name_t)$1, (mach_msg_type_name_t)$2)",
        "darwin_sys::MACH_MSGH_BITS_SET_PORTS(a[0] as u32, a[1] as u32, a[2] as u32) as u64",
        &[Range(0, 31), Range(0, 31), Range(0, 31)],
    ),
    t(
        "MACH_MSGH_BITS_SET_PORTS (32-bit)",
        "MACH_MSGH_BITS_SET_PORTS((mach_msg_type_name_t)$0, (mach_msg_type_name_t)$1, (mach_msg_type_name_t)$2)",
        "darwin_sys::MACH_MSGH_BITS_SET_PORTS(a[0] as u32, a[1] as u32, a[2] as u32) as u64",
        &[U32, Range(0, 0xffffff), Range(0, 0xffff)],
    ),
    t(
        "MACH_MSGH_BITS_SET",
        "MACH_MSGH_BITS_SET((mach_msg_type_name_t)$0, (mach_msg_type_name_t)$1, (mach_msg_type_name_t)$2, (mach_msg_bits_t)$3)",
        "darwin_sys::MACH_MSGH_BITS_SET(a[0] as u32, a[1] as u32, a[2] as u32, a[3] as u32) as u64",
        &[Range(0, 31), Range(0, 31), Range(0, 0xffff), U32],
    ),
    t("MACH_MSGH_BITS_REMOTE", "MACH_MSGH_BITS_REMOTE((mach_msg_bits_t)$0)", "darwin_sys::MACH_MSGH_BITS_REMOTE(a[0] as u32) as u64", &[U32]),
    t("MACH_MSGH_BITS_VOUCHER", "MACH_MSGH_BITS_VOUCHER((mach_msg_bits_t)$0)", "darwin_sys::MACH_MSGH_BITS_VOUCHER(a[0] as u32) as u64", &[U32]),
    t("MACH_MSGH_BITS_PORTS", "MACH_MSGH_BITS_PORTS((mach_msg_bits_t)$0)", "darwin_sys::MACH_MSGH_BITS_PORTS(a[0] as u32) as u64", &[U32]),
    t("MACH_MSGH_BITS_OTHER", "MACH_MSGH_BITS_OTHER((mach_msg_bits_t)$0)", "darwin_sys::MACH_MSGH_BITS_OTHER(a[0] as u32) as u64", &[U32]),
    t("MACH_MSGH_BITS_IS_COMPLEX", "MACH_MSGH_BITS_IS_COMPLEX((mach_msg_bits_t)$0)", "darwin_sys::MACH_MSGH_BITS_IS_COMPLEX(a[0] as u32) as u64", &[U32]),
    t("MACH_MSGH_BITS_HAS_REMOTE", "MACH_MSGH_BITS_HAS_REMOTE((mach_msg_bits_t)$0)", "darwin_sys::MACH_MSGH_BITS_HAS_REMOTE(a[0] as u32) as u64", &[U32]),
    t("MACH_MSGH_BITS_HAS_LOCAL", "MACH_MSGH_BITS_HAS_LOCAL((mach_msg_bits_t)$0)", "darwin_sys::MACH_MSGH_BITS_HAS_LOCAL(a[0] as u32) as u64", &[U32]),
    t("MACH_MSGH_BITS_HAS_VOUCHER", "MACH_MSGH_BITS_HAS_VOUCHER((mach_msg_bits_t)$0)", "darwin_sys::MACH_MSGH_BITS_HAS_VOUCHER(a[0] as u32) as u64", &[U32]),
    t(
        "MACH_MSGH_BITS_RAISED_IMPORTANCE",
        "MACH_MSGH_BITS_RAISED_IMPORTANCE((mach_msg_bits_t)$0)",
        "darwin_sys::MACH_MSGH_BITS_RAISED_IMPORTANCE(a[0] as u32) as u64",
        &[U32],
    ),
    t(
        "MACH_MSGH_BITS_HOLDS_IMPORTANCE_ASSERTION",
        "MACH_MSGH_BITS_HOLDS_IMPORTANCE_ASSERTION((mach_msg_bits_t)$0)",
        "darwin_sys::MACH_MSGH_BITS_HOLDS_IMPORTANCE_ASSERTION(a[0] as u32) as u64",
        &[U32],
    ),
    t("MACH_MSG_TYPE_PORT_ANY", "MACH_MSG_TYPE_PORT_ANY((mach_msg_type_name_t)$0)", "darwin_sys::MACH_MSG_TYPE_PORT_ANY(a[0] as u32) as u64", &[U32]),
    t(
        "MACH_MSG_TYPE_PORT_ANY_SEND",
        "MACH_MSG_TYPE_PORT_ANY_SEND((mach_msg_type_name_t)$0)",
        "darwin_sys::MACH_MSG_TYPE_PORT_ANY_SEND(a[0] as u32) as u64",
        &[U32],
    ),
    t(
        "MACH_MSG_TYPE_PORT_ANY_SEND_ONCE",
        "MACH_MSG_TYPE_PORT_ANY_SEND_ONCE((mach_msg_type_name_t)$0)",
        "darwin_sys::MACH_MSG_TYPE_PORT_ANY_SEND_ONCE(a[0] as u32) as u64",
        &[U32],
    ),
    t(
        "MACH_MSG_TYPE_PORT_ANY_RIGHT",
        "MACH_MSG_TYPE_PORT_ANY_RIGHT((mach_msg_type_name_t)$0)",
        "darwin_sys::MACH_MSG_TYPE_PORT_ANY_RIGHT(a[0] as u32) as u64",
        &[U32],
    ),
    t("MACH_RCV_TRAILER_TYPE", "MACH_RCV_TRAILER_TYPE((int)$0)", "darwin_sys::MACH_RCV_TRAILER_TYPE(a[0] as i32) as u64", &[I32]),
    t("MACH_RCV_TRAILER_ELEMENTS", "MACH_RCV_TRAILER_ELEMENTS((int)$0)", "darwin_sys::MACH_RCV_TRAILER_ELEMENTS(a[0] as i32) as u64", &[I32]),
    t("GET_RCV_ELEMENTS", "GET_RCV_ELEMENTS((mach_msg_option_t)$0)", "darwin_sys::GET_RCV_ELEMENTS(a[0] as i32) as u64", &[I32]),
    // Every trailer-elements value (0..=15) in the field, with the other bits random.
    t("REQUESTED_TRAILER_SIZE", "REQUESTED_TRAILER_SIZE((mach_msg_option_t)$0)", "darwin_sys::REQUESTED_TRAILER_SIZE(a[0] as i32) as u64", &[I32]),
    t(
        "REQUESTED_TRAILER_SIZE (each element count)",
        "REQUESTED_TRAILER_SIZE((mach_msg_option_t)(($0) << 24))",
        "darwin_sys::REQUESTED_TRAILER_SIZE((a[0] << 24) as i32) as u64",
        &[Range(0, 15)],
    ),
    t(
        "REQUESTED_TRAILER_SIZE_NATIVE",
        "REQUESTED_TRAILER_SIZE_NATIVE((mach_msg_option_t)$0)",
        "darwin_sys::REQUESTED_TRAILER_SIZE_NATIVE(a[0] as i32) as u64",
        &[I32],
    ),
    t("round_msg", "round_msg((mach_msg_size_t)$0)", "darwin_sys::round_msg(a[0] as u32) as u64", &[U32]),
    // mach/port.h
    t("MACH_PORT_VALID", "MACH_PORT_VALID((mach_port_name_t)$0)", "darwin_sys::MACH_PORT_VALID(a[0] as u32) as u64", &[U32]),
    t("MACH_PORT_INDEX", "MACH_PORT_INDEX((mach_port_name_t)$0)", "darwin_sys::MACH_PORT_INDEX(a[0] as u32) as u64", &[U32]),
    t("MACH_PORT_GEN", "MACH_PORT_GEN((mach_port_name_t)$0)", "darwin_sys::MACH_PORT_GEN(a[0] as u32) as u64", &[U32]),
    t(
        "MACH_PORT_MAKE",
        "MACH_PORT_MAKE((mach_port_name_t)$0, (mach_port_name_t)$1)",
        "darwin_sys::MACH_PORT_MAKE(a[0] as u32, a[1] as u32) as u64",
        &[U32, U32],
    ),
    t("MACH_PORT_TYPE", "MACH_PORT_TYPE((mach_port_right_t)$0)", "darwin_sys::MACH_PORT_TYPE(a[0] as darwin_sys::mach_port_right_t) as u64", &[Range(0, 15)]),
    t(
        "MPO_MAKE_PORT_TYPE",
        "MPO_MAKE_PORT_TYPE((uint32_t)$0, (uint32_t)$1)",
        "darwin_sys::MPO_MAKE_PORT_TYPE(a[0] as u32, a[1] as u32) as u64",
        &[Range(0, 63), Range(0, 63)],
    ),
    t(
        "MPO_MAKE_PORT_TYPE (32-bit)",
        "MPO_MAKE_PORT_TYPE((uint32_t)$0, (uint32_t)$1)",
        "darwin_sys::MPO_MAKE_PORT_TYPE(a[0] as u32, a[1] as u32) as u64",
        &[U32, U32],
    ),
    // mach/error.h, mach/vm_types.h
    t("err_system", "err_system((int)$0)", "darwin_sys::err_system(a[0] as i32) as u64", &[I32]),
    t("err_sub", "err_sub((int)$0)", "darwin_sys::err_sub(a[0] as i32) as u64", &[I32]),
    t("err_sub (every subsystem)", "err_sub((int)$0)", "darwin_sys::err_sub(a[0] as i32) as u64", &[Range(0, 0x3fff)]),
    t("err_get_system", "err_get_system((mach_error_t)$0)", "darwin_sys::err_get_system(a[0] as i32) as u64", &[I32]),
    t("err_get_sub", "err_get_sub((mach_error_t)$0)", "darwin_sys::err_get_sub(a[0] as i32) as u64", &[I32]),
    t("err_get_code", "err_get_code((mach_error_t)$0)", "darwin_sys::err_get_code(a[0] as i32) as u64", &[I32]),
    t("unix_err", "unix_err((int)$0)", "darwin_sys::unix_err(a[0] as i32) as u64", &[I32]),
    t("err_vm_reclaim", "err_vm_reclaim((int)$0)", "darwin_sys::err_vm_reclaim(a[0] as i32) as u64", &[I32]),
    // mach/vm_statistics.h, mach/memory_object_types.h
    t("VM_MAKE_TAG", "VM_MAKE_TAG((int)$0)", "darwin_sys::VM_MAKE_TAG(a[0] as u32) as u64", &[Range(0, 255)]),
    t(
        "VM_STATISTICS_TRUNCATE_TO_32_BIT",
        "VM_STATISTICS_TRUNCATE_TO_32_BIT((uint64_t)$0)",
        "darwin_sys::VM_STATISTICS_TRUNCATE_TO_32_BIT(a[0]) as u64",
        &[U64],
    ),
    t("GET_MAP_MEM", "GET_MAP_MEM((int)$0)", "darwin_sys::GET_MAP_MEM(a[0] as i32) as u64", &[I32]),
    // mach/machine.h
    t(
        "CPU_SUBTYPE_INTEL",
        "CPU_SUBTYPE_INTEL((cpu_subtype_t)$0, (cpu_subtype_t)$1)",
        "darwin_sys::CPU_SUBTYPE_INTEL(a[0] as i32, a[1] as i32) as u64",
        &[Range(-256, 255), Range(0, 0xfff)],
    ),
    t("CPU_SUBTYPE_INTEL_FAMILY", "CPU_SUBTYPE_INTEL_FAMILY((cpu_subtype_t)$0)", "darwin_sys::CPU_SUBTYPE_INTEL_FAMILY(a[0] as i32) as u64", &[I32]),
    t("CPU_SUBTYPE_INTEL_MODEL", "CPU_SUBTYPE_INTEL_MODEL((cpu_subtype_t)$0)", "darwin_sys::CPU_SUBTYPE_INTEL_MODEL(a[0] as i32) as u64", &[I32]),
    t(
        "CPU_SUBTYPE_ARM64_PTR_AUTH_VERSION",
        "CPU_SUBTYPE_ARM64_PTR_AUTH_VERSION((cpu_subtype_t)$0)",
        "darwin_sys::CPU_SUBTYPE_ARM64_PTR_AUTH_VERSION(a[0] as i32) as u64",
        &[I32],
    ),
    t("CPU_SUBTYPE_HAS_ARM64E", "CPU_SUBTYPE_HAS_ARM64E((cpu_subtype_t)$0)", "darwin_sys::CPU_SUBTYPE_HAS_ARM64E(a[0] as i32) as u64", &[I32]),
    t("CPU_SUBTYPE_HAS_ARM64X1", "CPU_SUBTYPE_HAS_ARM64X1((cpu_subtype_t)$0)", "darwin_sys::CPU_SUBTYPE_HAS_ARM64X1(a[0] as i32) as u64", &[I32]),
    // mach/policy.h, mach/thread_switch.h, mach/clock_types.h
    t("invalid_policy", "invalid_policy((policy_t)$0)", "darwin_sys::invalid_policy(a[0] as i32) as u64", &[I32]),
    t("valid_switch_option", "valid_switch_option((int)$0)", "darwin_sys::valid_switch_option(a[0] as i32) as u64", &[I32]),
    t("BAD_ALRMTYPE", "BAD_ALRMTYPE((alarm_type_t)$0)", "darwin_sys::BAD_ALRMTYPE(a[0] as i32) as u64", &[I32]),
    t(
        "BAD_MACH_TIMESPEC",
        "BAD_MACH_TIMESPEC((&(mach_timespec_t){ (unsigned)$0, (clock_res_t)$1 }))",
        "darwin_sys::BAD_MACH_TIMESPEC(&darwin_sys::mach_timespec_t { tv_sec: a[0] as u32, tv_nsec: a[1] as i32 }) as u64",
        &[U32, I32],
    ),
    t(
        "CMP_MACH_TIMESPEC",
        "CMP_MACH_TIMESPEC((&(mach_timespec_t){ (unsigned)$0, (clock_res_t)$1 }), (&(mach_timespec_t){ (unsigned)$2, (clock_res_t)$3 }))",
        "darwin_sys::CMP_MACH_TIMESPEC(&darwin_sys::mach_timespec_t { tv_sec: a[0] as u32, tv_nsec: a[1] as i32 }, &darwin_sys::mach_timespec_t { tv_sec: a[2] as u32, tv_nsec: a[3] as i32 }) as u64",
        &[Range(0, 3), Range(-1_000_000, 1_000_000_000), Range(0, 3), Range(0, 999_999_999)],
    ),
    // netinet/tcp.h, netinet6/in6.h
    t("TCPOPT_CC_HDR", "TCPOPT_CC_HDR((int)$0)", "darwin_sys::TCPOPT_CC_HDR(a[0] as i32) as u64", &[Range(0, 255)]),
    t("TCPOPT_CC_HDR (23-bit)", "TCPOPT_CC_HDR((int)$0)", "darwin_sys::TCPOPT_CC_HDR(a[0] as i32) as u64", &[Range(0, 0x7f_ffff)]),
    t(
        "IPV6_ADDR_MC_FLAGS",
        "IPV6_ADDR_MC_FLAGS((&(struct in6_addr){ { { 0xff, (unsigned char)$0 } } }))",
        "darwin_sys::IPV6_ADDR_MC_FLAGS(&{ let mut x = darwin_sys::in6_addr { s6_addr: [0; 16] }; x.s6_addr[0] = 0xff; x.s6_addr[1] = a[0] as u8; x }) as u64",
        &[Range(0, 255)],
    ),
    // mach-o/nlist.h (an `n_desc`: 32-bit inputs, truncated alike by C's
    // cast and Rust's `as`), mach-o/compact_unwind_encoding.h
    t("GET_LIBRARY_ORDINAL", "GET_LIBRARY_ORDINAL((uint16_t)$0)", "darwin_sys::GET_LIBRARY_ORDINAL(a[0] as u16) as u64", &[U32]),
    t("GET_COMM_ALIGN", "GET_COMM_ALIGN((uint16_t)$0)", "darwin_sys::GET_COMM_ALIGN(a[0] as u16) as u64", &[U32]),
    t(
        "UNWIND_INFO_COMPRESSED_ENTRY_FUNC_OFFSET",
        "UNWIND_INFO_COMPRESSED_ENTRY_FUNC_OFFSET((uint32_t)$0)",
        "darwin_sys::UNWIND_INFO_COMPRESSED_ENTRY_FUNC_OFFSET(a[0] as u32) as u64",
        &[U32],
    ),
    t(
        "UNWIND_INFO_COMPRESSED_ENTRY_ENCODING_INDEX",
        "UNWIND_INFO_COMPRESSED_ENTRY_ENCODING_INDEX((uint32_t)$0)",
        "darwin_sys::UNWIND_INFO_COMPRESSED_ENTRY_ENCODING_INDEX(a[0] as u32) as u64",
        &[U32],
    ),
    // Re-exported and constant items, each one value.
    t("CLOCK_REALTIME", "CLOCK_REALTIME", "darwin_sys::CLOCK_REALTIME as u64", &[]),
    t("CLOCK_MONOTONIC", "CLOCK_MONOTONIC", "darwin_sys::CLOCK_MONOTONIC as u64", &[]),
    t("CLOCK_MONOTONIC_RAW", "CLOCK_MONOTONIC_RAW", "darwin_sys::CLOCK_MONOTONIC_RAW as u64", &[]),
    t("CLOCK_MONOTONIC_RAW_APPROX", "CLOCK_MONOTONIC_RAW_APPROX", "darwin_sys::CLOCK_MONOTONIC_RAW_APPROX as u64", &[]),
    t("CLOCK_UPTIME_RAW", "CLOCK_UPTIME_RAW", "darwin_sys::CLOCK_UPTIME_RAW as u64", &[]),
    t("CLOCK_UPTIME_RAW_APPROX", "CLOCK_UPTIME_RAW_APPROX", "darwin_sys::CLOCK_UPTIME_RAW_APPROX as u64", &[]),
    t("CLOCK_PROCESS_CPUTIME_ID", "CLOCK_PROCESS_CPUTIME_ID", "darwin_sys::CLOCK_PROCESS_CPUTIME_ID as u64", &[]),
    t("CLOCK_THREAD_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID", "darwin_sys::CLOCK_THREAD_CPUTIME_ID as u64", &[]),
    t(
        "VOUCHER_MACH_MSG_STATE_UNCHANGED",
        "(uintptr_t)VOUCHER_MACH_MSG_STATE_UNCHANGED",
        "unsafe { core::mem::transmute::<_, usize>(darwin_sys::VOUCHER_MACH_MSG_STATE_UNCHANGED) } as u64",
        &[],
    ),
    t("MACH_MSG_NULL", "(uintptr_t)MACH_MSG_NULL", "unsafe { core::mem::transmute::<_, usize>(darwin_sys::MACH_MSG_NULL) } as u64", &[]),
    t("MACH_MSG_BODY_NULL", "(uintptr_t)MACH_MSG_BODY_NULL", "unsafe { core::mem::transmute::<_, usize>(darwin_sys::MACH_MSG_BODY_NULL) } as u64", &[]),
    t(
        "MACH_MSG_DESCRIPTOR_NULL",
        "(uintptr_t)MACH_MSG_DESCRIPTOR_NULL",
        "unsafe { core::mem::transmute::<_, usize>(darwin_sys::MACH_MSG_DESCRIPTOR_NULL) } as u64",
        &[],
    ),
    t("MACH_MSG_SIZE_NULL", "(uintptr_t)MACH_MSG_SIZE_NULL", "unsafe { core::mem::transmute::<_, usize>(darwin_sys::MACH_MSG_SIZE_NULL) } as u64", &[]),
    t(
        "MACH_VOUCHER_NAME_ARRAY_NULL",
        "(uintptr_t)MACH_VOUCHER_NAME_ARRAY_NULL",
        "unsafe { core::mem::transmute::<_, usize>(darwin_sys::MACH_VOUCHER_NAME_ARRAY_NULL) } as u64",
        &[],
    ),
    t(
        "MIG_ROUTINE_ARG_DESCRIPTOR_NULL",
        "(uintptr_t)MIG_ROUTINE_ARG_DESCRIPTOR_NULL",
        "unsafe { core::mem::transmute::<_, usize>(darwin_sys::MIG_ROUTINE_ARG_DESCRIPTOR_NULL) } as u64",
        &[],
    ),
    t(
        "MIG_ROUTINE_DESCRIPTOR_NULL",
        "(uintptr_t)MIG_ROUTINE_DESCRIPTOR_NULL",
        "unsafe { core::mem::transmute::<_, usize>(darwin_sys::MIG_ROUTINE_DESCRIPTOR_NULL) } as u64",
        &[],
    ),
    t("MIG_SUBSYSTEM_NULL", "(uintptr_t)MIG_SUBSYSTEM_NULL", "unsafe { core::mem::transmute::<_, usize>(darwin_sys::MIG_SUBSYSTEM_NULL) } as u64", &[]),
    t("RPC_SUBSYSTEM_NULL", "(uintptr_t)RPC_SUBSYSTEM_NULL", "unsafe { core::mem::transmute::<_, usize>(darwin_sys::RPC_SUBSYSTEM_NULL) } as u64", &[]),
    t("ERR_ROUTINE_NIL", "(uintptr_t)ERR_ROUTINE_NIL", "darwin_sys::ERR_ROUTINE_NIL.is_some() as u64", &[]),
    t(
        "DISPATCH_DATA_DESTRUCTOR_DEFAULT",
        "(uintptr_t)DISPATCH_DATA_DESTRUCTOR_DEFAULT",
        "unsafe { core::mem::transmute::<_, usize>(darwin_sys::DISPATCH_DATA_DESTRUCTOR_DEFAULT) } as u64",
        &[],
    ),
    t(
        "MACH_MSG_HEADER_EMPTY",
        "MACH_MSG_HEADER_EMPTY.msgh_bits | MACH_MSG_HEADER_EMPTY.msgh_size | MACH_MSG_HEADER_EMPTY.msgh_remote_port | MACH_MSG_HEADER_EMPTY.msgh_local_port | MACH_MSG_HEADER_EMPTY.msgh_voucher_port | MACH_MSG_HEADER_EMPTY.msgh_id",
        "{ let h = darwin_sys::MACH_MSG_HEADER_EMPTY; (h.msgh_bits | h.msgh_size | h.msgh_remote_port | h.msgh_local_port | h.msgh_voucher_port | h.msgh_id as u32) as u64 }",
        &[],
    ),
    // mach/arm/thread_status.h: the arm64 accessors (plain fields; see src/inline/mach.rs).
    arm(
        "arm_thread_state64_get_pc",
        "arm_thread_state64_get_pc(((arm_thread_state64_t){ .__pc = $0 }))",
        "darwin_sys::arm_thread_state64_get_pc(&{ let mut s: darwin_sys::arm_thread_state64_t = unsafe { core::mem::zeroed() }; s.__pc = a[0]; s }) as u64",
        &[U64],
    ),
    arm(
        "arm_thread_state64_get_lr",
        "arm_thread_state64_get_lr(((arm_thread_state64_t){ .__lr = $0 }))",
        "darwin_sys::arm_thread_state64_get_lr(&{ let mut s: darwin_sys::arm_thread_state64_t = unsafe { core::mem::zeroed() }; s.__lr = a[0]; s }) as u64",
        &[U64],
    ),
    arm(
        "arm_thread_state64_get_sp",
        "arm_thread_state64_get_sp(((arm_thread_state64_t){ .__sp = $0 }))",
        "darwin_sys::arm_thread_state64_get_sp(&{ let mut s: darwin_sys::arm_thread_state64_t = unsafe { core::mem::zeroed() }; s.__sp = a[0]; s }) as u64",
        &[U64],
    ),
    arm(
        "arm_thread_state64_get_fp",
        "arm_thread_state64_get_fp(((arm_thread_state64_t){ .__fp = $0 }))",
        "darwin_sys::arm_thread_state64_get_fp(&{ let mut s: darwin_sys::arm_thread_state64_t = unsafe { core::mem::zeroed() }; s.__fp = a[0]; s }) as u64",
        &[U64],
    ),
    arm(
        "arm_thread_state64_get_pc_fptr",
        "(uintptr_t)arm_thread_state64_get_pc_fptr(((arm_thread_state64_t){ .__pc = $0 }))",
        "unsafe { core::mem::transmute::<_, usize>(darwin_sys::arm_thread_state64_get_pc_fptr(&{ let mut s: darwin_sys::arm_thread_state64_t = core::mem::zeroed(); s.__pc = a[0]; s })) } as u64",
        &[U64],
    ),
    arm(
        "arm_thread_state64_get_lr_fptr",
        "(uintptr_t)arm_thread_state64_get_lr_fptr(((arm_thread_state64_t){ .__lr = $0 }))",
        "unsafe { core::mem::transmute::<_, usize>(darwin_sys::arm_thread_state64_get_lr_fptr(&{ let mut s: darwin_sys::arm_thread_state64_t = core::mem::zeroed(); s.__lr = a[0]; s })) } as u64",
        &[U64],
    ),
    arm(
        "ARM_STATE_FLAVOR_IS_OTHER_VALID",
        "ARM_STATE_FLAVOR_IS_OTHER_VALID((thread_state_flavor_t)$0)",
        "darwin_sys::ARM_STATE_FLAVOR_IS_OTHER_VALID(a[0] as i32) as u64",
        &[I32],
    ),
];

/// Tables compared as ordinary probe entries, one per input, instead of as
/// arrays: an entry that stops compiling is set aside and reported, so the
/// self-test can rename one of these items (`MACH_MSGH_BITS_LOCAL`) and
/// still verify the rest.
pub const ENTRY_TABLES: &[Table] =
    &[t("MACH_MSGH_BITS_LOCAL", "MACH_MSGH_BITS_LOCAL((mach_msg_bits_t)$0)", "darwin_sys::MACH_MSGH_BITS_LOCAL(a[0] as u32) as u64", &[U32])];

/// (entry name, C expression, Rust expression) for each input of
/// [`ENTRY_TABLES`].
pub fn entry_values() -> Vec<(String, String, String)> {
    let mut v = Vec::new();
    for t in ENTRY_TABLES {
        for args in t.inputs() {
            let mut c = t.c.to_string();
            for (k, x) in args.iter().enumerate().rev() {
                c = c.replace(&format!("${k}"), &c_literal(t.doms[k], *x));
            }
            let a: Vec<String> = args.iter().map(|x| format!("{x:#x}u64")).collect();
            let rust = format!("{{ let a: [u64; {}] = [{}]; {} }}", args.len(), a.join(", "), t.rust);
            v.push((format!("{}({})", t.name, a.join(", ")), c, rust));
        }
    }
    v
}

/// The tables: [`TABLES`] and the page tables.
pub fn tables() -> &'static [Table] {
    static ALL: std::sync::OnceLock<Vec<Table>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| TABLES.iter().copied().chain(super::pages::tables()).collect())
}

/// The tables, by their index in [`tables`], but those of hand-written
/// items the bindings' SDK lacks (`absent`, [`super::absent`]).
fn present(absent: &std::collections::BTreeSet<String>) -> impl Iterator<Item = (usize, &'static Table)> {
    tables().iter().enumerate().filter(move |(_, t)| !absent.contains(t.name))
}

/// `cfg`/`#if` guards of a table: C's opening and closing lines, Rust's
/// attribute.
struct Guards {
    c_open: &'static str,
    c_close: &'static str,
    rust_cfg: &'static str,
}

/// The [`Guards`] of a table.
fn guards(t: &Table) -> Guards {
    match t.arch {
        Some("aarch64") => Guards { c_open: "#if defined(__arm64__)\n", c_close: "#endif\n", rust_cfg: "#[cfg(target_arch = \"aarch64\")]\n" },
        _ => Guards { c_open: "", c_close: "", rust_cfg: "" },
    }
}

/// C symbol of table `i`.
pub fn symbol(i: usize) -> String {
    format!("darwin_sys_pure_{i}")
}

/// The C side, a translation unit of its own (`pure.c`, compiled beside the
/// main probe): per table one helper macro, then `MACRO(args)` for every
/// input, which the C compiler folds. `undefs`: the field names the main
/// probe `#undef`s (see `probe::field_names`), so that the tables' compound
/// literals name the same members.
pub fn c_source(undefs: &std::collections::BTreeSet<String>, absent: &std::collections::BTreeSet<String>) -> String {
    let mut s = String::from(
        "/* darwin-sys verification probe, macro equivalents: generated by `cargo xtask verify`. */\n\
         #include <stddef.h>\n#include <stdint.h>\n#include \"wrapper.h\"\n#include \"codegen/compat/private.h\"\n",
    );
    for f in undefs {
        writeln!(s, "#undef {f}").unwrap();
    }
    for (i, t) in present(absent) {
        let inputs = t.inputs();
        s.push_str(guards(t).c_open);
        for (g, value) in t.globals {
            writeln!(s, "#define {g} {value}").unwrap();
        }
        let params: Vec<String> = (0..t.doms.len()).map(|k| format!("a{k}")).collect();
        let mut body = t.c.to_string();
        for k in (0..t.doms.len()).rev() {
            body = body.replace(&format!("${k}"), &format!("(a{k})"));
        }
        writeln!(s, "#define DS_P{i}({}) (unsigned long long)({body})", params.join(",")).unwrap();
        writeln!(s, "const unsigned long long {}[{}] = {{", symbol(i), inputs.len()).unwrap();
        for args in &inputs {
            let a: Vec<String> = args.iter().enumerate().map(|(k, x)| c_literal(t.doms[k], *x)).collect();
            writeln!(s, "DS_P{i}({}),", a.join(",")).unwrap();
        }
        s.push_str("};\n");
        for (g, _) in t.globals {
            writeln!(s, "#undef {g}").unwrap();
        }
        s.push_str(guards(t).c_close);
    }
    s
}

/// The Rust probe's tables: the same inputs, made by the same generator
/// (written out per table as const loops: nested loops over an exhaustive
/// domain; else the edge values, then every edge pair of the first two
/// arguments, then xorshift64* values from the table's seed) and computed
/// by const evaluation. Should the two generators ever disagree, the values
/// differ and the tables mismatch: a divergence cannot pass unseen (and a
/// const assertion checks the count).
pub fn rust_tables(absent: &std::collections::BTreeSet<String>) -> String {
    let mut s = String::new();
    for (i, t) in present(absent) {
        s.push_str(guards(t).rust_cfg);
        s.push_str(&rust_table(&symbol(i), t));
    }
    s
}

/// One table's static, specialised to its domain.
fn rust_table(sym: &str, t: &Table) -> String {
    let n = t.inputs().len();
    let arity = t.doms.len();
    // One scalar per argument (`a0`, `a1`: an array local costs const
    // evaluation twice the time), bound in order: the random values are
    // drawn argument by argument, as in `Table::inputs`.
    let expr = (0..arity).fold(t.rust.to_string(), |e, k| e.replace(&format!("a[{k}]"), &format!("a{k}")));
    let store = |args: &[String]| -> String {
        let lets: String = args.iter().enumerate().map(|(k, a)| format!("let a{k}: u64 = {a}; ")).collect();
        format!("{lets}out[n] = {expr}; n += 1;")
    };
    let mut b = String::new();
    if t.exhaustive() {
        // First argument outermost, as in `Table::inputs`.
        for (k, d) in t.doms.iter().enumerate() {
            let Dom::Range(lo, hi) = d else { unreachable!() };
            writeln!(b, "    let mut v{k}: i64 = {lo}; while v{k} <= {hi} {{").unwrap();
        }
        let args: Vec<String> = (0..arity).map(|k| format!("v{k} as u64")).collect();
        writeln!(b, "    {}", store(&args)).unwrap();
        for k in (0..arity).rev() {
            writeln!(b, "    v{k} += 1; }}").unwrap();
        }
    } else {
        let edges: Vec<Vec<u64>> = t.doms.iter().map(|d| edges(*d)).collect();
        for (k, e) in edges.iter().enumerate() {
            let list: Vec<String> = e.iter().map(|x| format!("{x:#x}")).collect();
            writeln!(b, "    const E{k}: [u64; {}] = [{}];", e.len(), list.join(",")).unwrap();
        }
        let ne = edges.iter().map(Vec::len).max().unwrap_or(0);
        let args: Vec<String> = (0..arity).map(|k| format!("E{k}[(i + {}) % {}]", k * 7, edges[k].len())).collect();
        writeln!(b, "    let mut i = 0; while i < {ne} {{ {} i += 1; }}", store(&args)).unwrap();
        if arity >= 2 {
            let args: Vec<String> = (0..arity)
                .map(|k| match k {
                    0 => "E0[x]".into(),
                    1 => "E1[y]".into(),
                    _ => format!("E{k}[0]"),
                })
                .collect();
            writeln!(
                b,
                "    let mut x = 0; while x < {} {{ let mut y = 0; while y < {} {{ {} y += 1; }} x += 1; }}",
                edges[0].len(),
                edges[1].len(),
                store(&args)
            )
            .unwrap();
        }
        let args: Vec<String> = t
            .doms
            .iter()
            .map(|d| {
                let v = "{ rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27; rng.wrapping_mul(0x2545_F491_4F6C_DD1D) }";
                match d {
                    Dom::Range(lo, hi) => format!("({lo}i64 + ({v} % {}u64) as i64) as u64", hi - lo + 1),
                    Dom::U32 => format!("({v} & 0xffff_ffff)"),
                    Dom::I32 => format!("({v} as u32 as i32 as i64 as u64)"),
                    Dom::U64 => v.to_string(),
                }
            })
            .collect();
        writeln!(b, "    let mut rng: u64 = {:#x}; let mut r = 0; while r < {RANDOM} {{ {} r += 1; }}", seed(t.name), store(&args)).unwrap();
    }
    format!(
        "#[unsafe(no_mangle)]\n#[allow(unused_variables)]\npub static {sym}: [u64; {n}] = {{\n    let mut out = [0u64; {n}];\n    let mut n = 0usize;\n{b}    assert!(n == {n});\n    out\n}};\n"
    )
}

fn read_u64s(data: &[u8], name: &str, n: usize) -> Result<Vec<u64>, String> {
    use object::{Object, ObjectSection, ObjectSymbol};
    let file = object::File::parse(data).map_err(|e| e.to_string())?;
    let mangled = format!("_{name}");
    let sym = file.symbols().find(|s| s.name() == Ok(mangled.as_str())).ok_or_else(|| format!("no symbol {mangled}"))?;
    let sec = file.section_by_index(sym.section_index().ok_or("symbol without section")?).map_err(|e| e.to_string())?;
    let bytes = sec.data().map_err(|e| e.to_string())?;
    let off = (sym.address() - sec.address()) as usize;
    let b = bytes.get(off..off + n * 8).ok_or_else(|| format!("{mangled} out of its section"))?;
    Ok(b.chunks(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect())
}

/// Compares every table, value by value; counts values compared.
pub fn compare(c_bytes: &[u8], r_bytes: &[u8], absent: &std::collections::BTreeSet<String>, report: &mut super::super::Report) -> Result<(), String> {
    let arch = {
        use object::Object;
        match object::File::parse(c_bytes).map_err(|e| e.to_string())?.architecture() {
            object::Architecture::Aarch64 => "aarch64",
            _ => "x86_64",
        }
    };
    for (i, t) in present(absent) {
        if t.arch.is_some_and(|a| a != arch) {
            continue;
        }
        let inputs = t.inputs();
        let c = read_u64s(c_bytes, &symbol(i), inputs.len())?;
        let r = read_u64s(r_bytes, &symbol(i), inputs.len())?;
        *report.compared.entry("inline").or_default() += inputs.len();
        let bad: Vec<String> =
            (0..inputs.len()).filter(|&k| c[k] != r[k]).take(4).map(|k| format!("args {:x?}: C {:#x}, Rust {:#x}", inputs[k], c[k], r[k])).collect();
        if !bad.is_empty() {
            let total = (0..inputs.len()).filter(|&k| c[k] != r[k]).count();
            report.mismatches.push(format!("inline {} ({} of {} inputs differ): {}", t.name, total, inputs.len(), bad.join("; ")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_exhaustive_or_cover_edges_and_randoms() {
        let t = TABLES.iter().find(|t| t.name == "MACH_MSGH_BITS").unwrap();
        assert_eq!(t.inputs().len(), 256 * 256);
        let t = TABLES.iter().find(|t| t.name == "MACH_PORT_INDEX").unwrap();
        let ins = t.inputs();
        assert!(ins.len() > RANDOM);
        assert!(ins.iter().any(|a| a[0] == 0xffff_ffff) && ins.iter().any(|a| a[0] == 0x8000_0000));
        // Random values reach the top of the range.
        assert!(ins.iter().filter(|a| a[0] > 0xf000_0000).count() > 25);
        let s = TABLES.iter().find(|t| t.name == "err_system").unwrap().inputs();
        assert!(s.iter().any(|a| a[0] as i64 == -1) && s.iter().any(|a| a[0] as i64 == i64::from(i32::MIN)));
    }

    #[test]
    fn arguments_are_whole_names() {
        // The Rust probe renames `a[k]` to `a{k}`: no `data[0]` may match.
        for t in tables() {
            for (i, _) in t.rust.match_indices("a[") {
                let before = t.rust.as_bytes().get(i.wrapping_sub(1)).copied().unwrap_or(b' ');
                assert!(!(before.is_ascii_alphanumeric() || before == b'_' || before == b'.'), "{}: {}", t.name, t.rust);
            }
        }
    }

    #[test]
    fn literals_keep_sign_and_width() {
        assert_eq!(c_literal(Dom::I32, (-1i64) as u64), "(-1)");
        assert_eq!(c_literal(Dom::I32, 7), "7");
        assert_eq!(c_literal(Dom::I32, i64::from(i32::MIN) as u64), "(-2147483647-1)");
        assert_eq!(c_literal(Dom::U32, 0xffff_ffff), "0xffffffffull");
    }
}
