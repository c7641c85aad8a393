//! The one configuration of what darwin-sys binds and how.
//!
//! This file is compiled twice: by `build.rs` (feature `bindgen`, against the
//! user's SDK) and by the generator in `xtask/` (against the pinned stand-in
//! SDK, to write `src/generated/*.rs`). Both call [`builder`], so the committed
//! bindings and the build-time bindings cannot drift apart. It uses only `std`
//! and `bindgen`, so it ships inside the published package.
//!
//! `wrapper.h` says which headers are bound; this file says which files of
//! those headers are covered whole, which items are left out and why, which
//! types are the `libc` crate's, and which C type each integer macro gets.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The `.tbd` export-list reader (shared with `xtask/`).
#[path = "../tbd.rs"]
pub mod tbd;

/// An Apple operating system, as the SDK's availability markup names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Os {
    MacOs,
    Ios,
    /// Mac Catalyst: iOS apps on macOS (`*-apple-ios-macabi`).
    MacCatalyst,
    TvOs,
    WatchOs,
    VisionOs,
}

impl Os {
    pub const ALL: [Os; 6] = [Os::MacOs, Os::Ios, Os::MacCatalyst, Os::TvOs, Os::WatchOs, Os::VisionOs];

    pub fn name(self) -> &'static str {
        match self {
            Os::MacOs => "macOS",
            Os::Ios => "iOS",
            Os::MacCatalyst => "Mac Catalyst",
            Os::TvOs => "tvOS",
            Os::WatchOs => "watchOS",
            Os::VisionOs => "visionOS",
        }
    }

    /// The Rust `cfg` predicate that holds on this OS (simulators included).
    /// Mac Catalyst is `target_os = "ios"` with `target_abi = "macabi"`.
    pub fn cfg(self) -> &'static str {
        match self {
            Os::MacOs => "target_os = \"macos\"",
            Os::Ios => "all(target_os = \"ios\", not(target_abi = \"macabi\"))",
            Os::MacCatalyst => "all(target_os = \"ios\", target_abi = \"macabi\")",
            Os::TvOs => "target_os = \"tvos\"",
            Os::WatchOs => "target_os = \"watchos\"",
            Os::VisionOs => "target_os = \"visionos\"",
        }
    }

    /// The platform of this OS in a `.tbd` file's `targets`, where the
    /// SDK's export list has one (the macOS SDK lists `macos` and
    /// `maccatalyst` only).
    pub fn tbd_platform(self) -> Option<&'static str> {
        match self {
            Os::MacOs => Some("macos"),
            Os::MacCatalyst => Some("maccatalyst"),
            _ => None,
        }
    }

    /// The environment variable Rust and Xcode read the deployment target
    /// from.
    pub fn deployment_env(self) -> &'static str {
        match self {
            Os::MacOs => "MACOSX_DEPLOYMENT_TARGET",
            Os::Ios | Os::MacCatalyst => "IPHONEOS_DEPLOYMENT_TARGET",
            Os::TvOs => "TVOS_DEPLOYMENT_TARGET",
            Os::WatchOs => "WATCHOS_DEPLOYMENT_TARGET",
            Os::VisionOs => "XROS_DEPLOYMENT_TARGET",
        }
    }
}

/// A Darwin target.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// Rust target triple.
    pub rust: &'static str,
    /// `CARGO_CFG_TARGET_ARCH` value.
    pub arch: &'static str,
    /// The ABI, which names the committed bindings file the target uses
    /// (`aarch64.rs`): every 64-bit arm target shares `aarch64`, every
    /// x86_64 target `x86_64`; `arm64_32` (ILP32 watchOS) has its own.
    pub abi: &'static str,
    pub os: Os,
    /// A simulator target.
    pub sim: bool,
    /// clang `--target`. The deployment versions are the oldest the Rust
    /// targets support, so no declaration is hidden by availability.
    pub clang: &'static str,
    /// zig `-target` for compiling and linking probes (macOS), or the
    /// clang triple for `zig clang -target` (every target).
    pub zig: &'static str,
    /// Architectures of this target in a `.tbd` file (arm64 symbols are often
    /// listed under arm64e only).
    pub tbd_archs: &'static [&'static str],
    /// rustup ships a prebuilt standard library for it (Rust tier 2 with
    /// host tools or not); otherwise it is checked with `-Zbuild-std`.
    pub rustup_std: bool,
}

impl Target {
    /// The Xcode SDK (`xcrun --sdk NAME`) whose headers fit this target.
    /// Mac Catalyst builds against the macOS SDK.
    pub fn sdk_name(&self) -> &'static str {
        match (self.os, self.sim) {
            (Os::MacOs | Os::MacCatalyst, _) => "macosx",
            (Os::Ios, false) => "iphoneos",
            (Os::Ios, true) => "iphonesimulator",
            (Os::TvOs, false) => "appletvos",
            (Os::TvOs, true) => "appletvsimulator",
            (Os::WatchOs, false) => "watchos",
            (Os::WatchOs, true) => "watchsimulator",
            (Os::VisionOs, false) => "xros",
            (Os::VisionOs, true) => "xrsimulator",
        }
    }
}

const fn t(
    rust: &'static str,
    arch: &'static str,
    abi: &'static str,
    os: Os,
    sim: bool,
    clang: &'static str,
    tbd_archs: &'static [&'static str],
    rustup_std: bool,
) -> Target {
    Target { rust, arch, abi, os, sim, clang, zig: clang, tbd_archs, rustup_std }
}

const ARM64: &[&str] = &["arm64", "arm64e"];
const X86_64: &[&str] = &["x86_64"];

/// The macOS targets: the reference of the `aarch64` and `x86_64` ABI
/// files, and fully verified here (layouts, constants, symbols, runtime
/// tests linked).
pub const TARGETS: &[Target] = &[
    Target {
        rust: "aarch64-apple-darwin",
        arch: "aarch64",
        abi: "aarch64",
        os: Os::MacOs,
        sim: false,
        clang: "arm64-apple-macos11",
        zig: "aarch64-macos.11.0",
        tbd_archs: ARM64,
        rustup_std: true,
    },
    Target {
        rust: "x86_64-apple-darwin",
        arch: "x86_64",
        abi: "x86_64",
        os: Os::MacOs,
        sim: false,
        clang: "x86_64-apple-macos10.12",
        zig: "x86_64-macos.10.12",
        tbd_archs: X86_64,
        rustup_std: true,
    },
];

/// watchOS on arm64_32 (ILP32): the reference of the `arm64_32` ABI file.
pub const ARM64_32_WATCHOS: Target =
    t("arm64_32-apple-watchos", "aarch64", "arm64_32", Os::WatchOs, false, "arm64_32-apple-watchos5.0", &[], false);

/// One target per committed bindings file (ABI), which the generator
/// generates it for.
pub const ABIS: &[&Target] = &[&TARGETS[0], &TARGETS[1], &ARM64_32_WATCHOS];

/// Every Apple target darwin-sys builds for.
pub const APPLE_TARGETS: &[Target] = &[
    TARGETS[0],
    TARGETS[1],
    t("x86_64h-apple-darwin", "x86_64", "x86_64", Os::MacOs, false, "x86_64h-apple-macos10.12", X86_64, false),
    t("arm64e-apple-darwin", "aarch64", "aarch64", Os::MacOs, false, "arm64e-apple-macos11", ARM64, false),
    t("aarch64-apple-ios", "aarch64", "aarch64", Os::Ios, false, "arm64-apple-ios10.0", &[], true),
    t("aarch64-apple-ios-sim", "aarch64", "aarch64", Os::Ios, true, "arm64-apple-ios14.0-simulator", &[], true),
    t("x86_64-apple-ios", "x86_64", "x86_64", Os::Ios, true, "x86_64-apple-ios10.0-simulator", &[], true),
    t("arm64e-apple-ios", "aarch64", "aarch64", Os::Ios, false, "arm64e-apple-ios14.0", &[], false),
    t("aarch64-apple-ios-macabi", "aarch64", "aarch64", Os::MacCatalyst, false, "arm64-apple-ios14.0-macabi", ARM64, true),
    t("x86_64-apple-ios-macabi", "x86_64", "x86_64", Os::MacCatalyst, false, "x86_64-apple-ios13.1-macabi", X86_64, true),
    t("aarch64-apple-tvos", "aarch64", "aarch64", Os::TvOs, false, "arm64-apple-tvos10.0", &[], true),
    t("aarch64-apple-tvos-sim", "aarch64", "aarch64", Os::TvOs, true, "arm64-apple-tvos14.0-simulator", &[], true),
    t("x86_64-apple-tvos", "x86_64", "x86_64", Os::TvOs, true, "x86_64-apple-tvos10.0-simulator", &[], false),
    t("arm64e-apple-tvos", "aarch64", "aarch64", Os::TvOs, false, "arm64e-apple-tvos10.0", &[], false),
    t("aarch64-apple-watchos", "aarch64", "aarch64", Os::WatchOs, false, "arm64-apple-watchos26.0", &[], true),
    t("aarch64-apple-watchos-sim", "aarch64", "aarch64", Os::WatchOs, true, "arm64-apple-watchos7.0-simulator", &[], true),
    t("x86_64-apple-watchos-sim", "x86_64", "x86_64", Os::WatchOs, true, "x86_64-apple-watchos5.0-simulator", &[], false),
    ARM64_32_WATCHOS,
    t("aarch64-apple-visionos", "aarch64", "aarch64", Os::VisionOs, false, "arm64-apple-xros1.0", &[], true),
    t("aarch64-apple-visionos-sim", "aarch64", "aarch64", Os::VisionOs, true, "arm64-apple-xros1.0-simulator", &[], true),
];

pub fn target_by_arch(arch: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.arch == arch)
}

pub fn target_by_rust(rust: &str) -> Option<&'static Target> {
    APPLE_TARGETS.iter().find(|t| t.rust == rust)
}

/// Where the C headers come from.
pub enum Sdk {
    /// A real SDK directory (Xcode's `MacOSX.sdk`, or one named by
    /// `DARWIN_SYS_SDK`/`SDKROOT`): passed as `-isysroot`, with libclang's own
    /// resource headers.
    Full(PathBuf),
    /// The stand-in: zig's bundled macOS headers plus clang builtin headers,
    /// both given explicitly with `-nostdinc` so the host's glibc headers can
    /// never join the search path.
    StandIn { headers: PathBuf, builtins: PathBuf },
}

impl Sdk {
    /// The stand-in SDK inside an unpacked `ziglang` wheel.
    pub fn stand_in(zig_root: &Path) -> Sdk {
        let lib = zig_root.join("ziglang").join("lib");
        Sdk::StandIn {
            headers: lib.join("libc").join("include").join("any-darwin-any"),
            builtins: lib.join("include"),
        }
    }

    /// The directory that plays the role of `$SDK/usr/include`.
    pub fn include_dir(&self) -> PathBuf {
        match self {
            Sdk::Full(root) => root.join("usr").join("include"),
            Sdk::StandIn { headers, .. } => headers.clone(),
        }
    }

    /// `libSystem.tbd`, the SDK's export list.
    pub fn libsystem_tbd(&self) -> PathBuf {
        match self {
            Sdk::Full(root) => root.join("usr/lib/libSystem.tbd"),
            Sdk::StandIn { headers, .. } => headers.join("../../darwin/libSystem.tbd"),
        }
    }

    /// Checks that the SDK looks like one, with a message that says what to do.
    pub fn validate(&self) -> Result<(), String> {
        let inc = self.include_dir();
        if !inc.join("mach").join("mach.h").is_file() {
            return Err(format!(
                "darwin-sys: the SDK at `{}` has no `mach/mach.h`. Point DARWIN_SYS_SDK \
                 (or SDKROOT) at a macOS SDK directory such as the output of \
                 `xcrun --sdk macosx --show-sdk-path`, or unset it to use the default.",
                match self {
                    Sdk::Full(p) => p.display().to_string(),
                    Sdk::StandIn { headers, .. } => headers.display().to_string(),
                }
            ));
        }
        Ok(())
    }

    /// clang arguments selecting this SDK for `target`.
    pub fn clang_args(&self, target: &Target, crate_root: &Path) -> Vec<String> {
        let mut args = vec![format!("--target={}", target.clang)];
        match self {
            Sdk::Full(root) => {
                args.push("-isysroot".into());
                args.push(root.display().to_string());
            }
            Sdk::StandIn { headers, builtins } => {
                args.push("-nostdinc".into());
                args.push("-isystem".into());
                args.push(builtins.display().to_string());
                args.push("-isystem".into());
                args.push(headers.display().to_string());
            }
        }
        // `codegen/compat/` is reached by relative includes from wrapper.h; the crate
        // root on the quote path lets the probes include it the same way.
        args.push(format!("-iquote{}", crate_root.display()));
        // Apple's HeaderDoc comments (`/*! ... */`, `/* ... */` before a
        // declaration) become the items' docs.
        // SDK headers are system headers, whose comments clang drops unless told.
        args.push("-fparse-all-comments".into());
        args.push("-fretain-comments-from-system-headers".into());
        args
    }
}

/// An API family: a cargo feature of its own (all on by default), the header
/// files it covers as a whole (regexes over the path bindgen reports), the
/// single items it takes from headers that are otherwise POSIX (and so the
/// `libc` crate's), and the families its items refer to.
///
/// Every function, type, static and macro declared in a family's files is
/// bound unless a rule below leaves it out. The generator tags each item
/// with its family's feature; items from other headers that bound items need
/// (`__darwin_*` typedefs, `struct timeval`, ...) are always on.
pub struct Family {
    pub name: &'static str,
    pub files: &'static [&'static str],
    pub items: &'static [&'static str],
    pub deps: &'static [&'static str],
}

pub const FAMILIES: &[Family] = &[
    Family {
        name: "mach",
        // Mach, plus what Mach programs reach for next: launchd's bootstrap
        // calls (service look-up and check-in), cache maintenance after
        // writing code (JITs), and the nanosecond clock beside mach_absolute_time.
        files: &[
            r".*/mach/.*\.h",
            r".*/servers/bootstrap(_defs)?\.h",
            r".*/libkern/OSCacheControl\.h",
            r".*/compat/(mach_vm|mach_exc|servers_bootstrap)\.h",
        ],
        items: &["clock_gettime_nsec_np"],
        deps: &[],
    },
    Family {
        name: "dyld",
        files: &[r".*/mach-o/(dyld|dyld_images|getsect|loader)\.h"],
        items: &["dladdr"],
        deps: &[],
    },
    Family { name: "dispatch", files: &[r".*/dispatch/.*\.h"], items: &[], deps: &["mach", "pthread"] },
    Family {
        name: "os",
        files: &[r".*/os/(lock|log|signpost|trace_base)\.h", r".*/compat/(os_log|os_signpost)\.h"],
        items: &[],
        deps: &[],
    },
    Family {
        name: "files",
        files: &[r".*/copyfile\.h", r".*/sys/clonefile\.h"],
        items: &["sendfile", "shm_open", "renamex_np", "renameatx_np", "RENAME_.*"],
        deps: &[],
    },
    Family { name: "events", files: &[r".*/sys/event\.h"], items: &[], deps: &[] },
    Family {
        name: "spawn",
        files: &[r".*/(sys/)?spawn\.h", r".*/pthread/spawn\.h", r".*/compat/pthread_spawn\.h"],
        items: &[],
        deps: &["mach", "pthread"],
    },
    Family {
        name: "pthread",
        files: &[r".*/pthread/qos\.h", r".*/sys/qos\.h"],
        items: &["pthread_.*_np", "pthread_jit_write_protect_np"],
        deps: &[],
    },
    Family { name: "ptrace", files: &[r".*/sys/ptrace\.h", r".*/compat/sys_ptrace\.h"], items: &[], deps: &[] },
    Family {
        name: "sysinfo",
        files: &[r".*/sys/sysctl\.h", r".*/libproc\.h", r".*/sys/proc_info\.h", r".*/sys/proc\.h"],
        items: &[],
        deps: &["mach"],
    },
    Family { name: "errno", files: &[r".*/sys/errno\.h"], items: &["__error"], deps: &[] },
    // TCP/IP: the options of netinet/tcp.h, the IP and IPv6 socket options of
    // netinet/in.h and netinet6/in6.h, and the MSG_* flags of sys/socket.h
    // (the rest of those POSIX headers is the libc crate's).
    Family {
        name: "tcp",
        files: &[r".*/netinet/tcp\.h"],
        items: &["IP_.*", "IPV6_.*", "IPTOS_.*", "MSG_.*"],
        deps: &[],
    },
];

/// Types the `libc` crate (0.2) already defines for Apple targets, among those
/// the bound headers declare. They are blocklisted here and re-exported from
/// `libc` by the generated files (`pub use libc::{...}`), so values cross
/// between the crates without casts. Items libc marks deprecated ("use the
/// mach2 crate instead": `mach_header`, `mach_timebase_info`, ...) stay ours.
/// Kept in step with libc by hand: a name libc lacks fails `cargo check`.
pub const LIBC_TYPES: &[&str] = &[
    "Dl_info", "boolean_t", "copyfile_callback_t", "copyfile_flags_t", "copyfile_state_t",
    "clockid_t", "cpu_subtype_t", "cpu_type_t", "dev_t", "fsid_t", "gid_t", "host_cpu_load_info",
    "host_cpu_load_info_data_t", "host_cpu_load_info_t", "host_flavor_t", "host_info64_t",
    "host_info_t", "host_t", "in6_addr", "in_addr", "in_addr_t", "integer_t", "iovec",
    "itimerval", "kern_return_t", "kevent", "kevent64_s", "ledger_array_t", "ledger_t",
    "load_command", "mach_error_t", "mach_msg_type_number_t", "mach_port_t",
    "mach_task_basic_info", "mach_task_basic_info_data_t", "mach_task_basic_info_t",
    "mach_vm_address_t", "mach_vm_offset_t", "mach_vm_size_t", "mem_entry_name_port_t",
    "memory_object_offset_t", "memory_object_t", "mode_t", "natural_t", "off_t", "os_log_t",
    "os_log_type_t", "os_signpost_id_t", "os_signpost_type_t", "os_unfair_lock",
    "os_unfair_lock_s", "os_unfair_lock_t", "pid_t", "policy_t", "posix_spawn_file_actions_t",
    "posix_spawnattr_t", "proc_bsdinfo", "proc_bsdshortinfo", "proc_fdinfo", "proc_taskallinfo",
    "proc_taskinfo", "proc_threadinfo", "proc_vnodepathinfo", "processor_basic_info",
    "processor_basic_info_data_t", "processor_basic_info_t", "processor_cpu_load_info",
    "processor_cpu_load_info_data_t", "processor_cpu_load_info_t", "processor_flavor_t",
    "processor_info_array_t", "processor_info_t", "processor_set_basic_info",
    "processor_set_basic_info_data_t", "processor_set_basic_info_t", "processor_set_load_info",
    "processor_set_load_info_data_t", "processor_set_load_info_t",
    "pthread_attr_t", "pthread_cond_t", "pthread_jit_write_callback_t", "pthread_mutex_t",
    "pthread_mutexattr_t", "pthread_t", "rusage", "rusage_info_t", "sa_family_t",
    "segment_command", "segment_command_64", "sf_hdtr", "sigset_t", "sockaddr_un",
    "task_flavor_t", "task_info_t", "task_inspect_t", "task_t", "task_thread_times_info",
    "task_thread_times_info_data_t", "task_thread_times_info_t",
    "thread_act_array_t", "thread_act_t", "thread_affinity_policy",
    "thread_affinity_policy_data_t", "thread_affinity_policy_t", "thread_background_policy",
    "thread_background_policy_data_t", "thread_background_policy_t", "thread_basic_info",
    "thread_basic_info_data_t", "thread_basic_info_t", "thread_extended_info",
    "thread_extended_info_data_t", "thread_extended_info_t", "thread_extended_policy",
    "thread_extended_policy_data_t", "thread_extended_policy_t", "thread_flavor_t",
    "thread_identifier_info", "thread_identifier_info_data_t", "thread_identifier_info_t",
    "thread_info_t", "thread_inspect_t", "thread_latency_qos_policy",
    "thread_latency_qos_policy_data_t", "thread_latency_qos_policy_t", "thread_latency_qos_t",
    "thread_policy_flavor_t", "thread_policy_t", "thread_precedence_policy",
    "thread_precedence_policy_data_t", "thread_precedence_policy_t", "thread_standard_policy",
    "thread_standard_policy_data_t", "thread_standard_policy_t", "thread_t",
    "thread_throughput_qos_policy", "thread_throughput_qos_policy_data_t",
    "thread_throughput_qos_policy_t", "thread_throughput_qos_t",
    "thread_time_constraint_policy", "thread_time_constraint_policy_data_t",
    "thread_time_constraint_policy_t", "time_value_t", "timespec", "timeval", "u_quad_t",
    "uid_t", "uuid_t", "vinfo_stat", "vm_address_t", "vm_inherit_t", "vm_map_t", "vm_offset_t",
    "vm_prot_t", "vm_size_t", "vm_statistics", "vm_statistics64", "vm_statistics64_data_t",
    "vm_statistics64_t", "vm_statistics_data_t", "vm_statistics_t", "vnode_info",
    "vnode_info_path", "xsw_usage",
];

/// The [`LIBC_TYPES`] that `libc` defines for macOS only (`target_os =
/// "macos"`). The macOS bindings re-export them under that cfg, and what uses
/// them is macOS-only there (they belong to macOS-only headers or APIs); for
/// another OS's triple bindgen binds them from the headers.
pub const LIBC_TYPES_MACOS: &[&str] = &[
    "proc_bsdinfo", "proc_bsdshortinfo", "proc_fdinfo", "proc_taskallinfo", "proc_taskinfo",
    "proc_threadinfo", "proc_vnodepathinfo", "pthread_jit_write_callback_t", "vinfo_stat",
    "vnode_info", "vnode_info_path",
];

/// Records the headers align on macOS and devices but not in the
/// simulators (`#if TARGET_OS_SIMULATOR` leaves out the
/// `__attribute__((aligned(16)))` of `struct dyld_all_image_infos` in
/// `mach-o/dyld_images.h`): their `#[repr(align(N))]` becomes
/// `#[cfg_attr(not(target_abi = "sim"), repr(align(N)))]`, so one file
/// serves both. The sharing proof (`xtask/src/sharing.rs`) requires each to
/// differ in exactly that way for every simulator target, and nothing else.
pub const ALIGNED_EXCEPT_SIM: &[&str] = &["dyld_all_image_infos"];

/// Headers only the macOS SDK ships (the iOS, tvOS, watchOS and visionOS
/// SDKs have no `libproc.h`, `sys/proc_info.h`, `sys/ptrace.h`,
/// `mach/mach_exc.h`, and a `mach/mach_vm.h` that is an `#error`), with our
/// `codegen/compat/` stand-ins for them: everything declared there is bound on macOS
/// only. `wrapper.h` includes them only `#if TARGET_OS_OSX`.
pub const MACOS_ONLY_FILES: &[&str] = &[
    r".*/libproc\.h",
    r".*/sys/proc_info\.h",
    r".*/sys/ptrace\.h",
    r".*/compat/sys_ptrace\.h",
    r".*/mach/mach_vm\.h",
    r".*/compat/mach_vm\.h",
    r".*/mach/mach_exc\.h",
];

/// Types libc also defines, but with a layout that disagrees with the SDK
/// (found by `cargo xtask verify`): bound from the headers instead.
/// `tcp_connection_info`: libc 0.2.191 has 176 bytes, the macOS SDK 112.
pub const LIBC_TYPES_WRONG: &[&str] = &["tcp_connection_info"];

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
pub const SAME_AS_LIBC: &[(&str, &[&str], &[&str], &[&str])] = include!("../same_as_libc.rs");

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
    SAME_AS_LIBC
        .iter()
        .find(|(a, ..)| *a == abi)
        .map_or(SameAsLibc::default(), |&(_, items, enums, macos_only)| SameAsLibc { items, enums, macos_only })
}

/// Constants of C enums whose type is libc's (in [`LIBC_TYPES`], so
/// blocklisted, and bindgen drops its constants with it): (pattern over
/// libc's constants of that type, the libc type, family). The generator
/// expands the patterns from the locked libc into [`SAME_AS_LIBC`].
pub const LIBC_ENUM_CONSTS: &[(&str, &str, &str)] = &[
    ("OS_LOG_TYPE_*", "os_log_type_t", "os"),
    ("OS_SIGNPOST_*", "os_signpost_type_t", "os"),
];

/// Nested types bindgen emits for a libc-owned parent (which is blocklisted):
/// nothing uses them.
pub const LIBC_ORPHANS: &[&str] = &["in6_addr__bindgen_ty_.*", "processor_basic_info__bindgen_ty_.*"];

/// Functions the `libc` crate declares under the same name as a type it
/// re-exports here (a second declaration would make the name ambiguous).
pub const LIBC_FUNCTIONS: &[&str] = &["kevent"];

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
/// lists that would turn into bogus integers.
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

/// Does `name` match the whole of `pattern`? Patterns are literal names with
/// an optional `*` wildcard (any run of characters); `.*` is accepted as `*`.
pub fn glob(pattern: &str, name: &str) -> bool {
    let pattern = pattern.replace(".*", "*");
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || name.len() < first.len() + last.len() || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

/// Integer macro typing rules: (header path suffix, name pattern, C type).
/// The first rule whose header and name match wins. The header is the file
/// that `#define`s the macro (found by [`macro_homes`]). A type is a C typedef
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
    ("mach/i386/exception.h", "EXC_MASK_*", "exception_mask_t"),
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
    ("mach/i386/thread_status.h", "THREAD_MACHINE_STATE_MAX", "mach_msg_type_number_t"),
    ("mach/arm/thread_status.h", "ARM_*", "thread_state_flavor_t"),
    ("mach/i386/thread_status.h", "x86_*", "thread_state_flavor_t"),
    ("mach/arm/thread_status.h", "*THREAD_STATE*", "thread_state_flavor_t"),
    ("mach/i386/thread_status.h", "*THREAD_STATE*", "thread_state_flavor_t"),
    ("mach/processor_info.h", "PROCESSOR_SET_*", "processor_set_flavor_t"),
    ("mach/processor_info.h", "PROCESSOR_*", "processor_flavor_t"),
    ("mach/host_info.h", "HOST_*", "host_flavor_t"),
    ("mach/clock_types.h", "*_CLOCK", "clock_id_t"),
    ("mach/clock_types.h", "*_PER_*", "u64"),
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
    ("mach/i386/boolean.h", "TRUE", "boolean_t"),
    ("mach/i386/boolean.h", "FALSE", "boolean_t"),
    ("mach/arm/boolean.h", "TRUE", "boolean_t"),
    ("mach/arm/boolean.h", "FALSE", "boolean_t"),
    ("mach/", "*", "@int"),
    // Library ordinals are signed (`int libraryOrdinal`).
    ("mach-o/loader.h", "BIND_SPECIAL_DYLIB_*", "c_int"),
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
    ("dispatch/source.h", "DISPATCH_MACH_RECV_*", "usize"),
    ("dispatch/source.h", "DISPATCH_TIMER_*", "usize"),
    ("dispatch/io.h", "DISPATCH_IO_STREAM", "dispatch_io_type_t"),
    ("dispatch/io.h", "DISPATCH_IO_RANDOM", "dispatch_io_type_t"),
    ("dispatch/io.h", "DISPATCH_IO_STOP", "dispatch_io_close_flags_t"),
    ("dispatch/io.h", "DISPATCH_IO_STRICT_INTERVAL", "dispatch_io_interval_flags_t"),
    // os_signpost_id_make_with_pointer & co. return `os_signpost_id_t`.
    ("os/signpost.h", "OS_SIGNPOST_ID_*", "os_signpost_id_t"),
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
    ("libproc.h", "PROC_PID*SIZE", "c_int"),
    ("sys/proc_info.h", "PROC_PID*SIZE", "c_int"),
    // `proc_bsdinfo.pbi_flags`, `proc_fdinfo.proc_fdtype`: `uint32_t`.
    ("sys/proc_info.h", "PROC_FLAG_*", "u32"),
    ("sys/proc_info.h", "PROX_FDTYPE_*", "u32"),
    // `oid_kind` is an `int`; CTLFLAG_RD is 0x80000000 (C's conversion).
    ("sys/sysctl.h", "CTLFLAG_*", "c_int"),
    ("sys/sysctl.h", "CTLTYPE*", "c_int"),
    ("netinet/tcp.h", "TH_*", "c_uchar"),
    // `tcp_connection_info.tcpi_options`: `u_int32_t`.
    ("netinet/tcp.h", "TCPCI_OPT_*", "u32"),
];

/// The header (path relative to the include directory) that `#define`s each
/// macro, for the typing rules. A textual scan of the bound headers: cheap,
/// and exact for the `#define NAME` lines these rules key on.
pub fn macro_homes(include_dirs: &[PathBuf]) -> HashMap<String, String> {
    let mut homes = HashMap::new();
    fn walk(base: &Path, dir: &Path, homes: &mut HashMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(base, &path, homes);
            } else if path.extension().is_some_and(|e| e == "h") {
                let Ok(text) = std::fs::read(&path) else { continue };
                let rel = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                for line in String::from_utf8_lossy(&text).lines() {
                    let l = line.trim_start();
                    let Some(rest) = l.strip_prefix('#') else { continue };
                    let Some(rest) = rest.trim_start().strip_prefix("define") else { continue };
                    let name: String = rest
                        .trim_start()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        homes.entry(name).or_insert_with(|| rel.clone());
                    }
                }
            }
        }
    }
    for dir in include_dirs {
        walk(dir, dir, &mut homes);
    }
    homes
}

/// bindgen callbacks: typed integer macros, skipped macros, derives.
#[derive(Debug)]
pub struct Callbacks {
    pub homes: HashMap<String, String>,
    /// Where each item is declared (name, file), when someone asks: the
    /// generator uses it to sort items into families.
    pub locations: Option<std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>>,
}

fn leak(s: &str) -> &'static str {
    // A few hundred short type names per run of a build script or generator.
    Box::leak(s.to_owned().into_boxed_str())
}

fn int_kind_of(ty: &str, value: i64) -> bindgen::callbacks::IntKind {
    use bindgen::callbacks::IntKind;
    // A value the rule's small type cannot hold (`TH_AE 0x100` among `u_char`
    // flags) is not forced into it: it keeps C's own type for the literal.
    let fits = match ty {
        "c_uchar" => u8::try_from(value).is_ok(),
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
    "c_int", "i32", "kern_return_t", "mach_msg_return_t", "mach_msg_option_t", "exception_type_t",
    "exception_behavior_t", "integer_t", "vm_prot_t", "vm_inherit_t", "vm_behavior_t",
    "vm_region_flavor_t", "thread_state_flavor_t", "cpu_type_t", "cpu_subtype_t",
    "cpu_threadtype_t", "clock_id_t", "host_flavor_t", "vm_sync_t", "mach_msg_id_t",
    "processor_flavor_t", "processor_set_flavor_t", "thread_latency_qos_t",
    "thread_throughput_qos_t",
];

/// The integer types that are a 32-bit `unsigned int` on both targets: a
/// negative value is written as its bit pattern (`NOTE_PCTRLMASK`).
pub const UINT32_TYPES: &[&str] = &[
    "c_uint", "u32", "natural_t", "mach_msg_type_number_t", "mach_port_t", "exception_mask_t",
    "mach_msg_bits_t", "mach_msg_size_t", "mach_port_msgcount_t", "mach_msg_copy_options_t",
    "mach_msg_guard_flags_t", "mach_port_right_t", "mach_port_type_t", "mach_task_flavor_t",
    "mach_thread_flavor_t", "copyfile_flags_t", "qos_class_t",
];

/// The types of the constants of C enums (listed by constant name). An
/// anonymous enum (`enum { QOS_CLASS_USER_INTERACTIVE = 0x21, ... }`) is
/// `_bindgen_ty_N` to bindgen, which may never be public: each of its
/// constants needs a rule here (the generator fails naming those without
/// one). A named enum whose API takes another typedef is retyped too.
pub const ENUM_CONST_TYPES: &[(&str, &str)] = &[
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
];

/// Constant families (same feature, same name but for the last word) whose
/// constants have more than one type on purpose, with why. The suite
/// (`cargo xtask consts`, in `cargo xtask test`) fails on a mixed family not
/// listed here, and on a reason that no longer matches one. Patterns are
/// over the family's prefix.
pub const MIXED_TYPE_FAMILIES: &[(&str, &str)] = &[
    ("P", "sys/proc.h p_flag values: int, but P_NOREMOTEHANG is C's 0x80000000 literal (unsigned int); a rule typing them all as p_flag's int made the build script and the generator disagree (open)"),
    ("MPO", "MPO_PORT ... MPO_CONNECTION_PORT_WITH_PORT_ARRAY are enumerators of `mpo_flags_t` (their self-referential defines are skipped); the flags of mach_port_options_t.flags (MPO_QLIMIT, ...) are its uint32_t; mpo_flags_t is u32 too"),
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
    ("TH", "TH_AE/TH_ACE (0x100, 0x200) do not fit th_flags' u_char: they are bits of the 12-bit flags above it, C's int"),
    // x86_64 only.
    ("VM", "VM_USRSTACK32 is a 32-bit address (unsigned int), VM_USRSTACK64/VM_DYLD64 64-bit ones (long long), as the SDK writes them"),
];

impl Callbacks {
    pub fn new(include_dirs: &[PathBuf]) -> Self {
        Callbacks { homes: macro_homes(include_dirs), locations: None }
    }

    /// The C type (a name from [`INT_RULES`]) of integer macro `name`.
    pub fn macro_type(&self, name: &str, value: i64) -> &'static str {
        let home = self.homes.get(name).map(String::as_str).unwrap_or("");
        for (file, pat, ty) in INT_RULES {
            let file_ok = if file.ends_with('/') { home.starts_with(file) || home.contains(&format!("/{file}")) } else { home == *file || home.ends_with(&format!("/{file}")) };
            if file_ok && glob(pat, name) {
                if *ty == "@msg" {
                    // Return codes live at 0x1000_0000 and up; options below.
                    return if (0x1000_0000..0x2000_0000).contains(&value) { "mach_msg_return_t" } else { "mach_msg_option_t" };
                }
                return ty;
            }
        }
        "@int"
    }
}

impl bindgen::callbacks::ParseCallbacks for Callbacks {
    fn will_parse_macro(&self, name: &str) -> bindgen::callbacks::MacroParsingBehavior {
        if SKIP_MACROS.iter().any(|p| glob(p, name)) {
            bindgen::callbacks::MacroParsingBehavior::Ignore
        } else {
            bindgen::callbacks::MacroParsingBehavior::Default
        }
    }

    fn int_macro(&self, name: &str, value: i64) -> Option<bindgen::callbacks::IntKind> {
        Some(int_kind_of(self.macro_type(name, value), value))
    }

    fn new_item_found(
        &self,
        _id: bindgen::callbacks::DiscoveredItemId,
        item: bindgen::callbacks::DiscoveredItem,
        location: Option<&bindgen::callbacks::SourceLocation>,
    ) {
        use bindgen::callbacks::DiscoveredItem;
        let (Some(sink), Some(file)) = (&self.locations, location.and_then(|l| l.file_name.clone())) else { return };
        let name = match item {
            DiscoveredItem::Struct { final_name, .. }
            | DiscoveredItem::Union { final_name, .. }
            | DiscoveredItem::Enum { final_name }
            | DiscoveredItem::Function { final_name }
            | DiscoveredItem::Constant { final_name }
            | DiscoveredItem::Variable { final_name } => final_name,
            DiscoveredItem::Alias { alias_name, .. } => alias_name,
            _ => return,
        };
        sink.lock().unwrap().push((name, file));
    }

    /// libc's structs are `Copy`, `Clone` and `Debug` (not `Default`), so
    /// records that embed them can derive those too, and unions holding them
    /// are real Rust unions.
    fn blocklisted_type_implements_trait(
        &self,
        name: &str,
        derive_trait: bindgen::callbacks::DeriveTrait,
    ) -> Option<bindgen::callbacks::ImplementsTrait> {
        use bindgen::callbacks::{DeriveTrait, ImplementsTrait};
        let name = name.trim_start_matches("struct ").trim_start_matches("union ");
        if !LIBC_TYPES.contains(&name) {
            return None;
        }
        Some(match derive_trait {
            DeriveTrait::Copy | DeriveTrait::Debug => ImplementsTrait::Yes,
            _ => ImplementsTrait::No,
        })
    }
}

/// Options for one bindgen run.
pub struct Options<'a> {
    pub sdk: &'a Sdk,
    pub target: &'a Target,
    /// The crate root (holds `wrapper.h` and `codegen/compat/`).
    pub crate_root: &'a Path,
    /// Scratch directory for clang's macro fallback.
    pub scratch: &'a Path,
    /// Which part of the bindings this run makes.
    pub part: Part,
    /// Collects item locations (see [`Callbacks::locations`]).
    pub locations: Option<std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>>,
}

/// The bindings come in two parts, generated by separate bindgen runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Everything `wrapper.h` binds, less the MIG message structs.
    Main,
    /// Only the MIG `__Request__*`/`__Reply__*` message structs (feature
    /// `mig`), which refer to the main part's types.
    Mig,
}

impl Part {
    pub const ALL: [Part; 2] = [Part::Main, Part::Mig];

    /// File name of this part for `target`: `aarch64.rs`, `aarch64_mig.rs`.
    pub fn file(self, target: &Target) -> String {
        match self {
            Part::Main => format!("{}.rs", target.abi),
            Part::Mig => format!("{}_mig.rs", target.abi),
        }
    }

    /// File name in `OUT_DIR` for the build-time (feature `bindgen`) part.
    pub fn out_file(self) -> &'static str {
        match self {
            Part::Main => "bindings.rs",
            Part::Mig => "bindings_mig.rs",
        }
    }
}

/// The bindgen builder both the build script and the generator use.
pub fn builder(o: &Options) -> bindgen::Builder {
    let mut b = bindgen::Builder::default()
        .header(o.crate_root.join("wrapper.h").display().to_string())
        .clang_args(o.sdk.clang_args(o.target, o.crate_root))
        .rust_target(bindgen::RustTarget::stable(85, 0).expect("valid Rust target"))
        .rust_edition(bindgen::RustEdition::Edition2024)
        .use_core()
        .ctypes_prefix("core::ffi")
        .layout_tests(false)
        .derive_default(true)
        .derive_debug(true)
        .impl_debug(false)
        .generate_comments(true)
        .generate_cstr(true)
        .prepend_enum_name(false)
        .merge_extern_blocks(true)
        .sort_semantically(true)
        .parse_callbacks(Box::new(Callbacks {
            locations: o.locations.clone(),
            ..Callbacks::new(&[o.sdk.include_dir(), o.crate_root.join("codegen").join("compat")])
        }));
    // libc has LIBC_TYPES_MACOS on macOS only: elsewhere they are bound
    // from the headers.
    let macos = o.target.os == Os::MacOs;
    for t in LIBC_TYPES.iter().filter(|t| macos || !LIBC_TYPES_MACOS.contains(t)).chain(BLOCKED_TYPES) {
        b = b.blocklist_type(*t);
    }
    if o.part == Part::Mig {
        // The message structs alone; everything they name is in the main part.
        return b.allowlist_type(MIG_TYPES).allowlist_recursively(false);
    }
    b = b
        .clang_macro_fallback()
        .clang_macro_fallback_build_dir(o.scratch)
        .raw_line(format!(
            "pub use libc::{{{}}};",
            LIBC_TYPES.iter().filter(|t| !LIBC_TYPES_MACOS.contains(t)).copied().collect::<Vec<_>>().join(", ")
        ))
        .blocklist_type(MIG_TYPES);
    if macos {
        b = b.raw_line(format!("#[cfg(target_os = \"macos\")] pub use libc::{{{}}};", LIBC_TYPES_MACOS.join(", ")));
    }
    for family in FAMILIES {
        for f in family.files {
            b = b.allowlist_file(*f);
        }
        for i in family.items {
            b = b.allowlist_item(*i);
        }
    }
    for t in LIBC_ORPHANS {
        b = b.blocklist_type(*t);
    }
    for f in LIBC_FUNCTIONS {
        b = b.blocklist_function(*f);
    }
    for f in NOT_EXPORTED {
        b = b.blocklist_function(*f).blocklist_var(*f);
    }
    for f in sdk_not_exported(o) {
        b = b.blocklist_function(&f).blocklist_var(&f);
    }
    b
}

/// With a real SDK (`Sdk::Full`: feature `bindgen` against Xcode's SDK, or
/// one named by `DARWIN_SYS_SDK`), the SDK's own `libSystem.tbd` says what
/// is exported: every function and static the headers declare for
/// `o.target` that it does not list is left out, beyond [`NOT_EXPORTED`]
/// (which was made against the stand-in; a real SDK binds headers the
/// stand-in lacks, such as `mach/mach_exc.h`). Found by a quick first
/// bindgen pass over the same files that emits declarations only. The
/// stand-in keeps the reviewed list alone: there the generator refuses
/// unexported symbols instead.
fn sdk_not_exported(o: &Options) -> Vec<String> {
    let Sdk::Full(root) = o.sdk else { return Vec::new() };
    let Some(text) = tbd::libsystem_in_sdk(root).and_then(|p| std::fs::read_to_string(p).ok()) else {
        return Vec::new();
    };
    let exports = tbd::exports_for(&text, o.target.tbd_archs, &tbd::platform_of(o.target.clang));
    let mut b = bindgen::Builder::default()
        .header(o.crate_root.join("wrapper.h").display().to_string())
        .clang_args(o.sdk.clang_args(o.target, o.crate_root))
        .with_codegen_config(bindgen::CodegenConfig::FUNCTIONS | bindgen::CodegenConfig::VARS)
        .allowlist_recursively(false)
        .layout_tests(false)
        .generate_comments(false);
    for family in FAMILIES {
        for f in family.files {
            b = b.allowlist_file(*f);
        }
        for i in family.items {
            b = b.allowlist_item(*i);
        }
    }
    // A header that does not parse is reported by the main pass.
    let Ok(decls) = b.generate() else { return Vec::new() };
    tbd::unexported(&tbd::declared_symbols(&decls.to_string()), &exports).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Docs: the SDK's comments as rustdoc Markdown.
//
// bindgen hands every comment it keeps to `process_comment` ([`DocCallbacks`]),
// which rewrites HeaderDoc (`@function`, `@abstract`, `@param`, `@result`,
// `@const`, ...) as Markdown: the summary first, then the discussion, then
// `# Arguments`, `# Returns` and `# Constants` sections. bindgen attaches no
// comment to macros, so [`finish`] gives each constant left without docs the
// text its header has for it: its own `@const` entry in the HeaderDoc of its
// enum or group, else the comment on its `#define` line, else the comment
// right above that line. It also hides bindgen's helper types. [`bindings`]
// runs both, so the build script and the generator make the same text.
// ---------------------------------------------------------------------------

/// What bindgen reported while generating, for [`finish`].
#[derive(Debug, Default)]
pub struct DocFacts {
    /// constant -> (header, 1-based line of its `#define`).
    pub macro_lines: std::collections::BTreeMap<String, (String, usize)>,
    /// constant -> its `@const` entry, as Markdown.
    pub const_docs: std::collections::BTreeMap<String, String>,
}

/// bindgen callbacks for docs: HeaderDoc to Markdown, and where each macro
/// constant is defined.
#[derive(Debug, Default)]
pub struct DocCallbacks {
    pub facts: std::sync::Arc<std::sync::Mutex<DocFacts>>,
}

impl bindgen::callbacks::ParseCallbacks for DocCallbacks {
    fn process_comment(&self, comment: &str) -> Option<String> {
        let mut consts = Vec::new();
        let md = doc_markdown(comment, &mut consts);
        let mut facts = self.facts.lock().unwrap();
        for (name, text) in consts {
            facts.const_docs.entry(name).or_insert(text);
        }
        Some(md)
    }

    fn new_item_found(
        &self,
        _id: bindgen::callbacks::DiscoveredItemId,
        item: bindgen::callbacks::DiscoveredItem,
        location: Option<&bindgen::callbacks::SourceLocation>,
    ) {
        if let (bindgen::callbacks::DiscoveredItem::Constant { final_name }, Some(loc)) = (item, location) {
            if let Some(file) = &loc.file_name {
                self.facts.lock().unwrap().macro_lines.entry(final_name).or_insert((file.clone(), loc.line));
            }
        }
    }
}

/// Generates one part of the bindings, with the docs finished: what the build
/// script writes and what the generator commits (before its family tags).
pub fn bindings(o: &Options) -> Result<String, bindgen::BindgenError> {
    let docs = DocCallbacks::default();
    let facts = docs.facts.clone();
    let b = builder(o).parse_callbacks(Box::new(docs)).generate()?;
    let text = b.to_string();
    let facts = facts.lock().unwrap();
    Ok(finish(&text, &facts))
}

/// bindgen's own helper types: hidden from the docs (still public, as the
/// generated structs name them in their fields).
const BINDGEN_HELPERS: &[&str] = &[
    "__BindgenBitfieldUnit",
    "__IncompleteArrayField",
    "__BindgenUnionField",
    "__BindgenFloat16",
    "__BindgenComplex",
    "__BindgenOpaqueArray",
];

/// Post-processing of bindgen's text (see the section comment above).
pub fn finish(text: &str, facts: &DocFacts) -> String {
    let mut files: HashMap<String, Option<Vec<String>>> = HashMap::new();
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        // Attributes directly above this line (what bindgen put on the item).
        let has_doc = out.iter().rev().take_while(|l| l.trim_start().starts_with("#[")).any(|l| l.trim_start().starts_with("#[doc"));
        if let Some(rest) = trimmed.strip_prefix("pub const ") {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            // Its own `@const` entry replaces what bindgen gave an enum's
            // constant (the whole enum's comment).
            if let Some(own) = facts.const_docs.get(&name) {
                let attrs = out.iter().rev().take_while(|l| l.trim_start().starts_with("#[")).count();
                let at = out.len() - attrs;
                let kept: Vec<String> = out.split_off(at).into_iter().filter(|l| !l.trim_start().starts_with("#[doc")).collect();
                out.extend(kept);
                out.push(format!("{indent}#[doc = {}]", rust_str(own)));
            } else if !has_doc && !name.is_empty() {
                let doc = facts.macro_lines.get(&name).and_then(|(file, line_no)| {
                    let lines = files
                        .entry(file.clone())
                        .or_insert_with(|| std::fs::read(file).ok().map(|b| String::from_utf8_lossy(&b).lines().map(str::to_string).collect()));
                    let comment = macro_comment(lines.as_ref()?, *line_no)?;
                    Some(doc_markdown(&strip_comment_markers(&comment), &mut Vec::new()))
                });
                if let Some(doc) = doc.filter(|d| !d.trim().is_empty()) {
                    out.push(format!("{indent}#[doc = {}]", rust_str(&doc)));
                }
            }
        }
        let hidden = ["pub struct ", "pub type ", "pub union "].iter().find_map(|k| trimmed.strip_prefix(k)).is_some_and(|rest| {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            BINDGEN_HELPERS.contains(&name.as_str()) || name.starts_with("_bindgen_ty_")
        });
        if hidden {
            // Above the item's attributes.
            let at = out.len() - out.iter().rev().take_while(|l| l.trim_start().starts_with("#[")).count();
            out.insert(at, format!("{indent}#[doc(hidden)]"));
        }
        out.push(line.to_string());
    }
    let mut s = out.join("\n");
    if text.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// A Rust string literal holding `s`.
fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

/// The comment the header has for the macro `#define`d at `line` (1-based):
/// the one that follows the definition on its line (running on over later
/// lines until it closes), else one on lines of its own right below or
/// right above (see below which). Comment markers included.
pub fn macro_comment(lines: &[String], line: usize) -> Option<String> {
    let def = lines.get(line.checked_sub(1)?)?;
    if !def.trim_start().starts_with('#') {
        return None;
    }
    // Trailing: after the definition, outside string and char literals.
    let code = def.trim_end().trim_end_matches('\\');
    let mut quote = None;
    let b = code.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(_) if c == b'\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'/' && b.get(i + 1) == Some(&b'/') => return Some(code[i..].to_string()),
            None if c == b'/' && b.get(i + 1) == Some(&b'*') => {
                let mut text = def[i..].to_string();
                let mut next = line;
                while !text[2..].contains("*/") {
                    text.push('\n');
                    text.push_str(lines.get(next)?);
                    next += 1;
                }
                let end = 2 + text[2..].find("*/").unwrap() + 2;
                return Some(text[..end].to_string());
            }
            None => {}
        }
        i += 1;
    }
    // Otherwise a comment on lines of its own, right below or right above.
    // Headers use both styles: `#define A 1` / `/* A's doc */` (mach's
    // message.h, kern_return.h) and `/* B's doc */` / `#define B 2`. In a run
    // of lines without a blank one, a run that ends with a comment is in
    // the first style, one that ends with a definition in the second.
    // HeaderDoc (`/*!`) always precedes.
    let idx = line - 1;
    let above = idx.checked_sub(1).and_then(|i| own_line_comment_ending(lines, i));
    if let Some(c) = &above {
        if c.starts_with("/*!") || c.starts_with("///") {
            return above;
        }
    }
    let mut end = idx;
    while end + 1 < lines.len() && !lines[end + 1].trim().is_empty() {
        end += 1;
    }
    while end > idx && is_conditional(&lines[end]) {
        end -= 1;
    }
    if own_line_comment_ending(lines, end).is_some() && end > idx {
        own_line_comment_starting(lines, idx + 1)
    } else if lines.get(idx + 1).is_some_and(|l| l.trim_start().starts_with('#') && !is_conditional(l)) {
        // A comment above several definitions in a row heads the group:
        // it is no one constant's doc.
        None
    } else {
        above
    }
}

/// `#if`, `#ifdef`, `#else`, `#endif`, ...: not a definition.
fn is_conditional(l: &str) -> bool {
    let t = l.trim_start();
    t.starts_with('#') && !t.trim_start_matches('#').trim_start().starts_with("define")
}

/// The comment that ends on line `end` (0-based) and starts a line of its own.
fn own_line_comment_ending(lines: &[String], end: usize) -> Option<String> {
    let last = lines.get(end)?.trim();
    if last.ends_with("*/") {
        let mut start = end;
        loop {
            let l = &lines[start];
            if let Some(at) = l.find("/*") {
                // The comment must start its line (not trail a declaration),
                // and be one comment.
                if !l[..at].trim().is_empty() || lines[start..=end].concat().matches("/*").count() != 1 {
                    return None;
                }
                return Some(lines[start..=end].iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n"));
            }
            start = start.checked_sub(1)?;
            if end - start > 200 {
                return None;
            }
        }
    }
    if last.starts_with("//") {
        let mut start = end;
        while start > 0 && lines[start - 1].trim().starts_with("//") {
            start -= 1;
        }
        return Some(lines[start..=end].iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n"));
    }
    None
}

/// The comment that starts line `start` (0-based) on its own.
fn own_line_comment_starting(lines: &[String], start: usize) -> Option<String> {
    let first = lines.get(start)?.trim();
    if first.starts_with("/*") {
        let mut end = start;
        while !lines[start..=end].concat()[2..].contains("*/") {
            end += 1;
            if end >= lines.len() || end - start > 200 {
                return None;
            }
        }
        // Nothing after the comment on its last line.
        if !lines[end].trim_end().ends_with("*/") || lines[start..=end].concat().matches("/*").count() != 1 {
            return None;
        }
        return Some(lines[start..=end].iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n"));
    }
    if first.starts_with("//") {
        let mut end = start;
        while end + 1 < lines.len() && lines[end + 1].trim().starts_with("//") {
            end += 1;
        }
        return Some(lines[start..=end].iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n"));
    }
    None
}

/// `/* ... */`, `/*! ... */`, `/**< ... */`, `// ...` less their markers and
/// the `*` that starts each inner line, as bindgen does for the comments it
/// keeps.
pub fn strip_comment_markers(c: &str) -> String {
    let c = c.trim();
    let body = if let Some(b) = c.strip_prefix("/*") {
        let b = b.strip_suffix("*/").unwrap_or(b);
        let b = b.trim_start_matches(['*', '!']).trim_start_matches('<');
        b.lines()
            .map(|l| {
                let t = l.trim_start();
                match t.strip_prefix('*') {
                    Some(r) if !r.starts_with('/') => r.trim_start(),
                    _ => t,
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        c.lines()
            .map(|l| l.trim_start().trim_start_matches('/').trim_start_matches(['!', '<']).trim_start())
            .collect::<Vec<_>>()
            .join("\n")
    };
    body.trim_matches('\n').to_string()
}

/// Block tags that name the item they document (`@function dispatch_async`):
/// the name is dropped, the rest of the line is summary text.
const HD_NAMING: &[&str] = &[
    "function", "typedef", "enum", "struct", "union", "define", "defineblock", "callback", "class",
    "header", "group", "functiongroup", "var", "method", "property", "protocol", "category", "interface",
    "framework", "methodgroup", "const_group",
];

#[derive(Clone, Copy, PartialEq)]
enum Sect {
    Lead,
    Abstract,
    Discussion,
    Param,
    Returns,
    Const,
    Field,
    Note,
    See,
    Other,
}

/// HeaderDoc tag -> section; `None` for a word that is no block tag.
fn hd_section(tag: &str) -> Option<Sect> {
    Some(match tag {
        t if HD_NAMING.contains(&t) => Sect::Lead,
        "abstract" | "brief" | "summary" => Sect::Abstract,
        "discussion" | "details" | "description" => Sect::Discussion,
        "param" | "arg" | "argument" | "templatefield" => Sect::Param,
        "result" | "return" | "returns" | "retval" => Sect::Returns,
        "const" | "constant" | "enumerator" | "value" => Sect::Const,
        "field" | "member" => Sect::Field,
        "note" | "important" | "warning" | "attention" | "caution" => Sect::Note,
        "see" | "seealso" | "sa" => Sect::See,
        "availability" | "deprecated" | "updated" | "version" | "since" | "indexgroup" | "ignore"
        | "internal" | "unsorted" | "copyright" | "author" | "throws" | "compilerflag" | "charset"
        | "encoding" | "namespace" | "dependency" | "superclass" | "apiuid" | "textblock" => Sect::Other,
        _ => return None,
    })
}

/// One comment (as bindgen hands it over: markers stripped) as rustdoc
/// Markdown. `@const NAME text` entries are also pushed to `consts`.
pub fn doc_markdown(raw: &str, consts: &mut Vec<(String, String)>) -> String {
    let lines = dedent(raw);
    // (section, name, lines); fenced code blocks kept whole.
    let mut sects: Vec<(Sect, String, Vec<String>)> = vec![(Sect::Lead, String::new(), Vec::new())];
    let mut in_code = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let t = line.trim();
        i += 1;
        let cur = &mut sects.last_mut().unwrap().2;
        // <code>/<pre> blocks and @code ... @endcode: plain-text fences.
        // (A block opens where its tag has no closing tag after it.)
        let opens = ["<code>", "<pre>", "@code"].iter().filter_map(|o| t.rfind(*o).map(|at| (*o, at))).next();
        if !in_code {
            if let Some((o, at)) = opens {
                let close = match o { "<code>" => "</code>", "<pre>" => "</pre>", _ => "@endcode" };
                let rest = &t[at + o.len()..];
                if !rest.contains(close) {
                    in_code = true;
                    if !t[..at].trim().is_empty() {
                        cur.push(t[..at].trim_end().to_string());
                    }
                    cur.push("```text".into());
                    if !rest.trim().is_empty() {
                        cur.push(rest.trim_end().to_string());
                    }
                    continue;
                }
            }
        } else {
            if let Some(at) = ["</code>", "</pre>", "@endcode"].iter().find_map(|c| line.find(c)) {
                let before = &line[..at];
                if !before.trim().is_empty() {
                    cur.push(before.trim_end().to_string());
                }
                cur.push("```".into());
                in_code = false;
            } else {
                cur.push(format!("\u{0}{line}"));
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix('@') {
            let tag: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if let Some(s) = hd_section(&tag.to_ascii_lowercase()) {
                let after = rest[tag.len()..].trim();
                let (name, text) = match s {
                    Sect::Lead | Sect::Param | Sect::Const | Sect::Field => {
                        let n: String = after.chars().take_while(|c| !c.is_whitespace()).collect();
                        (n.trim_end_matches([':', ',']).to_string(), after[n.len()..].trim().to_string())
                    }
                    Sect::Other => (tag.clone(), after.to_string()),
                    _ => (String::new(), after.to_string()),
                };
                let mut v = Vec::new();
                if !text.is_empty() {
                    v.push(text);
                }
                sects.push((s, name, v));
                continue;
            }
        }
        cur.push(line.clone());
    }
    if in_code {
        sects.last_mut().unwrap().2.push("```".into());
    }
    let text_of = |v: &[String]| -> Vec<String> {
        let mut v: Vec<String> = v.iter().map(|l| inline_md(l)).collect();
        while v.first().is_some_and(|l| l.trim().is_empty()) {
            v.remove(0);
        }
        while v.last().is_some_and(|l| l.trim().is_empty()) {
            v.pop();
        }
        indented_code_to_fences(v)
    };
    let joined = |s: Sect| -> Vec<Vec<String>> { sects.iter().filter(|x| x.0 == s).map(|x| text_of(&x.2)).filter(|v| !v.is_empty()).collect() };
    let abstract_ = joined(Sect::Abstract);
    let lead = joined(Sect::Lead);
    let mut out: Vec<String> = Vec::new();
    let para = |out: &mut Vec<String>, v: &[String]| {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(v.iter().cloned());
    };
    // Summary first: the abstract, else the text before the first tag.
    for v in abstract_.iter().chain(lead.iter()) {
        para(&mut out, v);
    }
    for v in joined(Sect::Discussion) {
        para(&mut out, &v);
    }
    for (s, name, v) in &sects {
        if *s == Sect::Other {
            let t = text_of(v);
            if !t.is_empty() {
                let mut t = t.clone();
                t[0] = format!("*{}{}:* {}", name[..1].to_ascii_uppercase(), &name[1..], t[0]);
                para(&mut out, &t);
            }
        }
    }
    for v in joined(Sect::Note) {
        let mut v = v.clone();
        v[0] = format!("**Note:** {}", v[0]);
        para(&mut out, &v);
    }
    let list = |s: Sect| -> Vec<String> {
        let mut items = Vec::new();
        for (k, name, v) in &sects {
            if *k != s || name.is_empty() {
                continue;
            }
            let t = text_of(v);
            let mut first = true;
            let mut item = format!("- `{name}`");
            if t.is_empty() {
                items.push(item);
                continue;
            }
            for l in &t {
                if first {
                    item.push_str(": ");
                    item.push_str(l.trim_start());
                    items.push(std::mem::take(&mut item));
                    first = false;
                } else if l.trim().is_empty() {
                    items.push(String::new());
                } else {
                    items.push(format!("  {l}"));
                }
            }
        }
        items
    };
    for (s, title) in [(Sect::Param, "# Arguments"), (Sect::Const, "# Constants"), (Sect::Field, "# Fields")] {
        let items = list(s);
        if !items.is_empty() {
            para(&mut out, &[title.to_string(), String::new()]);
            out.pop();
            out.extend(items);
        }
    }
    let returns = joined(Sect::Returns);
    if !returns.is_empty() {
        para(&mut out, &["# Returns".to_string()]);
        for v in returns {
            para(&mut out, &v);
        }
    }
    let see: Vec<String> = sects
        .iter()
        .filter(|x| x.0 == Sect::See)
        .flat_map(|x| text_of(&x.2))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if !see.is_empty() {
        para(&mut out, &[format!("See also: {}.", see.join(", ").trim_end_matches('.'))]);
    }
    // The `@const` entries, one doc each.
    for (s, name, v) in &sects {
        if *s == Sect::Const && !name.is_empty() {
            let t = text_of(v);
            if !t.is_empty() {
                consts.push((name.clone(), t.iter().map(|l| format!(" {}", l.trim_start().replace('\u{0}', ""))).collect::<Vec<_>>().join("\n")));
            }
        }
    }
    let mut s = String::new();
    for l in &out {
        s.push(' ');
        s.push_str(&l.replace('\u{0}', ""));
        s.push('\n');
    }
    s.pop();
    s
}

/// Lines less their common indentation.
fn dedent(raw: &str) -> Vec<String> {
    let lines: Vec<&str> = raw.lines().map(|l| l.trim_end()).collect();
    let min = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    lines.iter().map(|l| if l.len() >= min { l[min..].to_string() } else { String::new() }).collect()
}

/// Markdown would make a code block (a Rust doctest!) of lines indented by
/// four or more after a blank line: fence them as plain text instead.
fn indented_code_to_fences(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let mut in_fence = false;
    while i < v.len() {
        let l = &v[i];
        if l.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let code = |l: &String| l.starts_with("    ") || l.starts_with('\t');
        if !in_fence && code(l) && out.last().is_none_or(|p: &String| p.trim().is_empty()) {
            out.push("```text".into());
            while i < v.len() && (code(&v[i]) || (v[i].trim().is_empty() && v.get(i + 1).is_some_and(code))) {
                out.push(format!("\u{0}{}", v[i]));
                i += 1;
            }
            out.push("```".into());
            continue;
        }
        out.push(l.clone());
        i += 1;
    }
    out
}

/// Inline HeaderDoc and HTML in one line of text, as Markdown: `@c x`,
/// `@p x`, `{@link x}`, `<code>x</code>` become code; `@a x` emphasis; C
/// identifiers with underscores and `f()` calls become code (so `__x__` is
/// not bold); `<` is escaped; a leading `#` or `>` is escaped.
fn inline_md(line: &str) -> String {
    if let Some(code) = line.strip_prefix('\u{0}') {
        return code.to_string();
    }
    if line.trim_start().starts_with("```") {
        return line.to_string();
    }
    let mut l = line.to_string();
    // Spans first.
    while let (Some(a), Some(b)) = (l.find("<code>"), l.find("</code>")) {
        if b < a {
            break;
        }
        let inner = l[a + 6..b].to_string();
        l = format!("{}`{}`{}", &l[..a], inner.replace('`', "'"), &l[b + 7..]);
    }
    while let Some(a) = l.find("{@link") {
        let Some(b) = l[a..].find('}') else { break };
        let inner = l[a + 6..a + b].trim().to_string();
        l = format!("{}`{}`{}", &l[..a], inner, &l[a + b + 1..]);
    }
    l = l.replace("@/link", "").replace("</b>", "").replace("<b>", "").replace("<i>", "").replace("</i>", "");
    let mut out = String::new();
    // Outside backtick spans: tags, identifiers, escapes.
    for (k, seg) in l.split('`').enumerate() {
        if k > 0 {
            out.push('`');
        }
        if k % 2 == 1 {
            out.push_str(seg);
            continue;
        }
        out.push_str(&inline_words(seg));
    }
    let t = out.trim_start();
    let indent = &out[..out.len() - t.len()];
    if t.starts_with('#') || t.starts_with('>') {
        out = format!("{indent}\\{t}");
    }
    out
}

fn inline_words(seg: &str) -> String {
    let chars: Vec<char> = seg.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        if c == '@' && chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) && (i == 0 || !ident(chars[i - 1])) {
            let mut j = i + 1;
            while j < chars.len() && ident(chars[j]) {
                j += 1;
            }
            let tag: String = chars[i + 1..j].iter().collect();
            if matches!(tag.as_str(), "c" | "p" | "a" | "b" | "e" | "em" | "code" | "link") {
                // The next word is the argument.
                let mut k = j;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                let mut e = k;
                while e < chars.len() && !chars[e].is_whitespace() && !matches!(chars[e], ',' | ';' | ')') {
                    e += 1;
                }
                let mut word: String = chars[k..e].iter().collect();
                let mut tail = String::new();
                while word.ends_with(['.', ':']) && !word.ends_with("()") {
                    tail.insert(0, word.pop().unwrap());
                }
                if word.is_empty() {
                    i = j;
                    continue;
                }
                if matches!(tag.as_str(), "a" | "e" | "em") {
                    out.push_str(&format!("*{word}*{tail}"));
                } else {
                    out.push_str(&format!("`{word}`{tail}"));
                }
                i = e;
                continue;
            }
            if matches!(tag.as_str(), "rpath" | "executable_path" | "loader_path" | "autoreleasepool" | "synchronized" | "try" | "catch" | "finally" | "selector" | "encode" | "protocol" | "interface" | "implementation" | "end" | "property" | "class") {
                out.push_str(&format!("`@{tag}`"));
            } else {
                // A parameter named in prose (`@callback`).
                out.push_str(&format!("`{tag}`"));
            }
            i = j;
            continue;
        }
        if ident(c) && (i == 0 || !ident(chars[i - 1])) {
            let mut j = i;
            while j < chars.len() && ident(chars[j]) {
                j += 1;
            }
            // A file name (`mach_vm.defs`) is one word.
            while chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(|c| c.is_ascii_alphanumeric()) {
                j += 1;
                while j < chars.len() && ident(chars[j]) {
                    j += 1;
                }
            }
            let word: String = chars[i..j].iter().collect();
            let call = chars.get(j) == Some(&'(') && chars.get(j + 1) == Some(&')');
            let is_ident = word.chars().next().is_some_and(|c| !c.is_ascii_digit());
            // `_x_` is Markdown emphasis; `a_b`, `__x` and `x()` are C.
            let interior = word.trim_matches('_').contains('_') || word.starts_with("__");
            if is_ident && (call || (interior && word.chars().any(|c| c.is_ascii_alphabetic()))) {
                if call {
                    out.push_str(&format!("`{word}()`"));
                    i = j + 2;
                } else {
                    out.push_str(&format!("`{word}`"));
                    i = j;
                }
                continue;
            }
            out.push_str(&word);
            i = j;
            continue;
        }
        match c {
            '<' => out.push_str("&lt;"),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn headerdoc_becomes_markdown() {
        let mut consts = Vec::new();
        let md = doc_markdown(
            " @function frob_port\n\n @abstract\n Frobs a port.\n\n @discussion\n Call it twice.\n\n @param port\n The port, see @c other_port.\n @param n\n How often.\n\n @result\n KERN_SUCCESS or an error.",
            &mut consts,
        );
        assert_eq!(
            md,
            " Frobs a port.\n \n Call it twice.\n \n # Arguments\n - `port`: The port, see `other_port`.\n - `n`: How often.\n \n # Returns\n \n `KERN_SUCCESS` or an error."
        );
        assert!(consts.is_empty());
        let md = doc_markdown(" @typedef frob_t\n Kinds of frobbing.\n\n @const FROB_A\n The first.\n\n @const FROB_B\n The second,\n on two lines.", &mut consts);
        assert_eq!(md, " Kinds of frobbing.\n \n # Constants\n - `FROB_A`: The first.\n - `FROB_B`: The second,\n   on two lines.");
        assert_eq!(consts, [("FROB_A".to_string(), " The first.".to_string()), ("FROB_B".to_string(), " The second,\n on two lines.".to_string())]);
        for tag in ["@function", "@abstract", "@param", "@result", "@const", "@discussion", "@typedef"] {
            assert!(!md.contains(tag));
        }
    }

    #[test]
    fn code_never_becomes_a_doctest() {
        let md = doc_markdown(" Use it so:\n\n     frob(x);\n     frob(y);\n\n Done. <code>\n a < b\n </code>", &mut Vec::new());
        assert_eq!(md, " Use it so:\n \n ```text\n     frob(x);\n     frob(y);\n ```\n \n Done.\n ```text\n a < b\n ```");
        // `<` escaped outside code, identifiers as code, no heading.
        assert_eq!(doc_markdown(" #include <a.h> and __x__ or f()", &mut Vec::new()), " \\#include &lt;a.h> and `__x__` or `f()`");
        assert_eq!(doc_markdown(" See mach_vm.defs, and e.g. this.", &mut Vec::new()), " See `mach_vm.defs`, and e.g. this.");
    }

    #[test]
    fn macro_comments_in_both_styles() {
        let below = lines("#define A 1\n/* A's doc. */\n#define B 2\n/* B's doc,\n * two lines. */\n\n#define C 3");
        assert_eq!(macro_comment(&below, 1).as_deref(), Some("/* A's doc. */"));
        assert_eq!(macro_comment(&below, 3).as_deref(), Some("/* B's doc,\n* two lines. */"));
        assert_eq!(macro_comment(&below, 7), None);
        let above = lines("/* A's doc. */\n#define A 1\n// B's doc.\n#define B 2\n\n/* Group. */\n#define C 3\n#define D 4");
        assert_eq!(macro_comment(&above, 7), None);
        assert_eq!(macro_comment(&above, 2).as_deref(), Some("/* A's doc. */"));
        assert_eq!(macro_comment(&above, 4).as_deref(), Some("// B's doc."));
        let trailing = lines("#define A 1 /* one */\n#define B \"/*\" // two\n#define C 3 /* three,\n   continued */");
        assert_eq!(macro_comment(&trailing, 1).as_deref(), Some("/* one */"));
        assert_eq!(macro_comment(&trailing, 2).as_deref(), Some("// two"));
        assert_eq!(macro_comment(&trailing, 3).as_deref(), Some("/* three,\n   continued */"));
        assert_eq!(strip_comment_markers("/* three,\n   continued */"), "three,\ncontinued ");
        assert_eq!(strip_comment_markers("/*! @define X\n * Its doc.\n */"), "@define X\nIts doc.");
        assert_eq!(doc_markdown(&strip_comment_markers("/*! @define X\n * Its doc.\n */"), &mut Vec::new()), " Its doc.");
    }

    #[test]
    fn finish_documents_constants_and_hides_helpers() {
        let dir = std::env::temp_dir().join(format!("doc-finish-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let h = dir.join("x.h");
        std::fs::write(&h, "#define X_ONE 1 /* the first */\n#define X_TWO 2\n").unwrap();
        let mut facts = DocFacts::default();
        let file = h.display().to_string();
        facts.macro_lines.insert("X_ONE".into(), (file.clone(), 1));
        facts.macro_lines.insert("X_TWO".into(), (file, 2));
        facts.const_docs.insert("E_A".into(), " Its own entry.".into());
        let text = "pub const X_ONE: u32 = 1;\npub const X_TWO: u32 = 2;\n#[doc = \" The whole enum.\"]\npub const E_A: e = 0;\n#[repr(C)]\npub struct __BindgenBitfieldUnit<S> {\n    storage: S,\n}\npub type _bindgen_ty_1 = u32;\n";
        let out = finish(text, &facts);
        assert_eq!(
            out,
            "#[doc = \" the first\"]\npub const X_ONE: u32 = 1;\npub const X_TWO: u32 = 2;\n#[doc = \" Its own entry.\"]\npub const E_A: e = 0;\n#[doc(hidden)]\n#[repr(C)]\npub struct __BindgenBitfieldUnit<S> {\n    storage: S,\n}\n#[doc(hidden)]\npub type _bindgen_ty_1 = u32;\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
