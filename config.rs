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
        // `compat/` is reached by relative includes from wrapper.h; the crate
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
        files: &[r".*/mach/.*\.h", r".*/compat/(mach_vm|mach_exc)\.h"],
        items: &[],
        deps: &[],
    },
    Family { name: "dyld", files: &[r".*/mach-o/(dyld|loader)\.h"], items: &["dladdr"], deps: &[] },
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
        files: &[r".*/sys/sysctl\.h", r".*/libproc\.h", r".*/sys/proc_info\.h"],
        items: &[],
        deps: &["mach"],
    },
    Family { name: "errno", files: &[r".*/sys/errno\.h"], items: &["__error"], deps: &[] },
    Family { name: "tcp", files: &[r".*/netinet/tcp\.h"], items: &[], deps: &[] },
];

/// Types the `libc` crate (0.2) already defines for Apple targets, among those
/// the bound headers declare. They are blocklisted here and re-exported from
/// `libc` by the generated files (`pub use libc::{...}`), so values cross
/// between the crates without casts. Items libc marks deprecated ("use the
/// mach2 crate instead": `mach_header`, `mach_timebase_info`, ...) stay ours.
/// Kept in step with libc by hand: a name libc lacks fails `cargo check`.
pub const LIBC_TYPES: &[&str] = &[
    "Dl_info", "boolean_t", "copyfile_callback_t", "copyfile_flags_t", "copyfile_state_t",
    "cpu_subtype_t", "cpu_type_t", "dev_t", "fsid_t", "gid_t", "host_cpu_load_info",
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
    "pthread_jit_write_callback_t", "pthread_t", "rusage", "rusage_info_t", "sa_family_t",
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

/// Headers only the macOS SDK ships (the iOS, tvOS, watchOS and visionOS
/// SDKs have no `libproc.h`, `sys/proc_info.h`, `sys/ptrace.h`,
/// `mach/mach_exc.h`, and a `mach/mach_vm.h` that is an `#error`), with our
/// `compat/` stand-ins for them: everything declared there is bound on macOS
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
    "getdirentries",
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
/// constant (self-referential `#define MPO_PORT MPO_PORT`, and `TRUE`/`FALSE`
/// from `mach/boolean.h` next to `enum DYLD_BOOL`: the enum constants stay),
/// or because they are initializer lists that would turn into bogus integers.
pub const SKIP_MACROS: &[&str] = &[
    "subsystem_to_name_map_*",
    "MPO_*",
    "TRUE",
    "FALSE",
];

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
    // MACH_SEND_* / MACH_RCV_*: return codes (0x1000_xxxx) vs options: by value, see `int_kind`.
    ("mach/message.h", "MACH_SEND_*", "@msg"),
    ("mach/message.h", "MACH_RCV_*", "@msg"),
    ("mach/message.h", "MACH_MSG_PRIORITY_*", "mach_msg_priority_t"),
    ("mach/port.h", "MACH_PORT_RIGHT_*", "mach_port_right_t"),
    ("mach/port.h", "MACH_PORT_TYPE_*", "mach_port_type_t"),
    ("mach/port.h", "MACH_PORT_NULL", "mach_port_t"),
    ("mach/port.h", "MACH_PORT_DEAD", "mach_port_t"),
    ("mach/port.h", "MPO_*", "u32"),
    ("mach/mach_types.h", "*_NULL", "mach_port_t"),
    ("mach/vm_prot.h", "VM_PROT_*", "vm_prot_t"),
    ("mach/vm_inherit.h", "VM_INHERIT_*", "vm_inherit_t"),
    ("mach/vm_behavior.h", "VM_BEHAVIOR_*", "vm_behavior_t"),
    ("mach/vm_sync.h", "VM_SYNC_*", "vm_sync_t"),
    ("mach/vm_statistics.h", "VM_FLAGS_*", "c_int"),
    ("mach/vm_region.h", "VM_REGION_*", "vm_region_flavor_t"),
    ("mach/vm_region.h", "SM_*", "c_uchar"),
    ("mach/exception_types.h", "EXC_MASK_*", "exception_mask_t"),
    ("mach/exception_types.h", "EXC_*", "exception_type_t"),
    ("mach/exception_types.h", "EXCEPTION_*", "exception_behavior_t"),
    ("mach/exception_types.h", "MACH_EXCEPTION_*", "exception_behavior_t"),
    ("mach/task_info.h", "TASK_*", "task_flavor_t"),
    ("mach/task_info.h", "MACH_TASK_*", "task_flavor_t"),
    ("mach/thread_info.h", "THREAD_*", "thread_flavor_t"),
    ("mach/thread_info.h", "TH_*", "integer_t"),
    ("mach/thread_status.h", "*", "thread_state_flavor_t"),
    ("mach/arm/thread_status.h", "ARM_*", "thread_state_flavor_t"),
    ("mach/i386/thread_status.h", "x86_*", "thread_state_flavor_t"),
    ("mach/host_info.h", "HOST_*", "host_flavor_t"),
    ("mach/clock_types.h", "*_CLOCK", "clock_id_t"),
    ("mach/clock_types.h", "*_PER_*", "u64"),
    ("mach/task_policy.h", "TASK_*", "task_policy_flavor_t"),
    ("mach/thread_policy.h", "THREAD_*", "thread_policy_flavor_t"),
    ("mach/machine.h", "CPU_TYPE_*", "cpu_type_t"),
    ("mach/machine.h", "CPU_ARCH_*", "cpu_type_t"),
    ("mach/machine.h", "CPU_SUBTYPE_*", "cpu_subtype_t"),
    ("mach/machine.h", "CPUFAMILY_*", "u32"),
    ("mach/", "*", "@int"),
    ("mach-o/", "*", "u32"),
    ("dispatch/time.h", "DISPATCH_*", "dispatch_time_t"),
    ("dispatch/time.h", "*_PER_*", "u64"),
    ("dispatch/queue.h", "DISPATCH_QUEUE_PRIORITY_*", "dispatch_queue_priority_t"),
    ("dispatch/source.h", "DISPATCH_PROC_*", "dispatch_source_proc_flags_t"),
    ("dispatch/source.h", "DISPATCH_VNODE_*", "dispatch_source_vnode_flags_t"),
    ("dispatch/source.h", "DISPATCH_MEMORYPRESSURE_*", "dispatch_source_memorypressure_flags_t"),
    ("dispatch/source.h", "DISPATCH_MACH_SEND_*", "dispatch_source_mach_send_flags_t"),
    ("dispatch/source.h", "DISPATCH_MACH_RECV_*", "dispatch_source_mach_recv_flags_t"),
    ("dispatch/source.h", "DISPATCH_TIMER_*", "dispatch_source_timer_flags_t"),
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
    ("sys/clonefile.h", "CLONE_*", "u32"),
    ("sys/stdio.h", "RENAME_*", "c_uint"),
    ("libproc.h", "PROC_PID*SIZE", "u32"),
    ("sys/proc_info.h", "PROC_PID*SIZE", "u32"),
    ("netinet/tcp.h", "TH_*", "c_uchar"),
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
    // A value the rule's type cannot hold (`#define BIND_SPECIAL_DYLIB_FLAT_LOOKUP
    // (-2)` among unsigned flags, `TH_AE 0x100` among `u_char` flags) is not
    // forced into it: it keeps C's own type for the literal.
    let fits = match ty {
        "c_uint" | "u32" => u32::try_from(value).is_ok(),
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
        // A value past the signed range (`#define VM_FLAGS_ALIAS_MASK
        // 0xFF000000`) keeps C's own type for the literal, `unsigned int`.
        "c_int" if i32::try_from(value).is_err() => IntKind::UInt,
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
            let signed = matches!(
                ty,
                "kern_return_t" | "mach_msg_return_t" | "exception_type_t" | "integer_t"
                    | "vm_prot_t" | "vm_inherit_t" | "vm_behavior_t" | "vm_region_flavor_t"
                    | "exception_behavior_t" | "thread_state_flavor_t" | "cpu_type_t"
                    | "cpu_subtype_t" | "clock_id_t" | "host_flavor_t" | "vm_sync_t"
                    | "dispatch_queue_priority_t"
            );
            if signed && i32::try_from(value).is_err() && ty != "dispatch_queue_priority_t" {
                return IntKind::UInt;
            }
            IntKind::Custom { name: leak(ty), is_signed: signed }
        }
    }
}

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
    /// The crate root (holds `wrapper.h` and `compat/`).
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
            ..Callbacks::new(&[o.sdk.include_dir(), o.crate_root.join("compat")])
        }));
    // libc has LIBC_TYPES_MACOS on macOS only: elsewhere they are bound
    // from the headers.
    let macos = o.target.os == Os::MacOs;
    for t in LIBC_TYPES.iter().filter(|t| macos || !LIBC_TYPES_MACOS.contains(t)) {
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
    b
}
