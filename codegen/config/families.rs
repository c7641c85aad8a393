//! The API families (cargo features) and the files each covers, the
//! macOS-only headers, and the two parts of the bindings.

use super::*;

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
        files: &[r".*/mach/.*\.h", r".*/servers/bootstrap(_defs)?\.h", r".*/libkern/OSCacheControl\.h", r".*/compat/(mach_vm|mach_exc|servers_bootstrap)\.h"],
        items: &["clock_gettime_nsec_np"],
        deps: &[],
    },
    // The Mach-O file format: headers and load commands, symbol tables,
    // stabs, fat files, relocations, compact unwind, chained fixups and
    // archive tables; what symbolicators, unwinders and binary tools read.
    Family {
        name: "macho",
        files: &[r".*/mach-o/(loader|nlist|stab|fat|reloc|ranlib|compact_unwind_encoding|fixup-chains)\.h", r".*/mach-o/(arm|arm64|x86_64)/reloc\.h"],
        items: &[],
        deps: &[],
    },
    // dyld at run time: the loaded images, sections of them, the process's
    // arguments and environment, and dladdr.
    Family {
        name: "dyld",
        files: &[r".*/mach-o/(dyld|dyld_images|getsect)\.h", r".*/compat/mach_o_(dyld_images|getsect)\.h", r".*/crt_externs\.h"],
        items: &["dladdr"],
        deps: &["macho"],
    },
    Family { name: "dispatch", files: &[r".*/dispatch/.*\.h"], items: &[], deps: &["mach", "pthread", "os"] },
    // os: the unfair lock, logging and signposts, waiting on an address (the
    // public successor of __ulock_wait), and the workgroups of real-time
    // audio threads.
    Family {
        name: "os",
        files: &[
            r".*/os/(lock|log|signpost|trace_base|clock|os_sync_wait_on_address|proc)\.h",
            r".*/os/workgroup(_base|_object|_interval|_parallel)?\.h",
            r".*/compat/(os_log|os_signpost|os_sync_wait_on_address|os_proc)\.h",
        ],
        items: &[],
        deps: &[],
    },
    // Allocator introspection: malloc zones, their statistics, and the
    // enumerators heap profilers and leak checkers walk.
    Family { name: "malloc", files: &[r".*/malloc/malloc\.h"], items: &[], deps: &["mach"] },
    Family {
        name: "files",
        files: &[r".*/copyfile\.h", r".*/sys/clonefile\.h", r".*/removefile\.h"],
        items: &["sendfile", "shm_open", "renamex_np", "renameatx_np", "RENAME_.*"],
        deps: &[],
    },
    Family { name: "events", files: &[r".*/sys/event\.h"], items: &[], deps: &[] },
    Family { name: "spawn", files: &[r".*/(sys/)?spawn\.h", r".*/pthread/spawn\.h", r".*/compat/pthread_spawn\.h"], items: &[], deps: &["mach", "pthread"] },
    Family {
        name: "pthread",
        files: &[r".*/pthread/(qos|introspection)\.h", r".*/sys/qos\.h", r".*/compat/pthread_introspection\.h"],
        items: &["pthread_.*_np", "pthread_jit_write_protect_np"],
        deps: &[],
    },
    Family { name: "ptrace", files: &[r".*/sys/ptrace\.h", r".*/compat/sys_ptrace\.h"], items: &[], deps: &[] },
    Family { name: "sysinfo", files: &[r".*/sys/sysctl\.h", r".*/libproc\.h", r".*/sys/proc_info\.h", r".*/sys/proc\.h"], items: &[], deps: &["mach"] },
    Family { name: "errno", files: &[r".*/sys/errno\.h"], items: &["__error"], deps: &[] },
    // TCP/IP: the options of netinet/tcp.h, the IP and IPv6 socket options of
    // netinet/in.h and netinet6/in6.h, and the MSG_* flags of sys/socket.h
    // (the rest of those POSIX headers is the libc crate's).
    Family { name: "tcp", files: &[r".*/netinet/tcp\.h"], items: &["IP_.*", "IPV6_.*", "IPTOS_.*", "MSG_.*"], deps: &[] },
];

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

/// The ABIs whose MIG parts are one file, [`SHARED_MIG_FILE`]: the 64-bit
/// ones, whose MIG message structs are the same. The generator checks that
/// their output is identical, and fails otherwise.
pub const SHARED_MIG_ABIS: &[&str] = &["aarch64", "x86_64"];

/// The MIG part of the [`SHARED_MIG_ABIS`], in `src/generated/`.
pub const SHARED_MIG_FILE: &str = "mig.rs";

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

    /// File name of this part for `target`: `aarch64.rs`; `mig.rs` for the
    /// MIG part of an ABI of [`SHARED_MIG_ABIS`], else `arm64_32_mig.rs`.
    pub fn file(self, target: &Target) -> String {
        match self {
            Part::Main => format!("{}.rs", target.abi),
            Part::Mig if SHARED_MIG_ABIS.contains(&target.abi) => SHARED_MIG_FILE.to_string(),
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
