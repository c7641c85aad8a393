//! Names the hand-written code (the crate's, and its tests' and examples')
//! uses that not every supported SDK declares.
//!
//! Shared by the build script and `xtask/`. Each name is a `cfg` value:
//! with feature `bindgen`, the build script emits
//! `darwin_sys_lacks = "NAME"` for each name the bindings it generated
//! lack, and the hand-written item that needs NAME carries
//! `#[cfg(not(darwin_sys_lacks = "NAME"))]`, so it exists only where the
//! SDK declares what it names (as its C macro does). The committed
//! bindings (SDK 27.0) have every name, so no such `cfg` is set there.
//! The suite's `sdks` step builds the crate against each older SDK with
//! `-D warnings`: a hand-written use of a name missing from one of them,
//! and not listed and gated here, fails it.

/// The names, with the SDKs that lack them (ziglang stand-ins, measured).
pub const SDK_DEPENDENT: &[&str] = &[
    // mach/machine.h, new in 27.0.
    "CPU_SUBTYPE_ARM64E_X1",
    "CPU_SUBTYPE_ARM64_X1",
    // mach/host_special_ports.h: new in 27.0.
    "HOST_DISKIMAGESIOD_PORT",
    // mach/host_special_ports.h: not in 13 and 14.
    "HOST_DOUBLEAGENTD_PORT",
    "HOST_MANAGEDAPPDISTD_PORT",
    // mach/error.h: not in 13 and 14.
    "err_vm",
    // Used by tests/ (runtime tests and idioms), which compile against each
    // SDK too. os/os_sync_wait_on_address.h (macOS 14.4): SDK 13's and
    // 14.0's libSystem do not export these.
    "os_sync_wait_on_address",
    "os_sync_wait_on_address_with_timeout",
    "os_sync_wake_by_address_any",
    "os_sync_wake_by_address_all",
    // malloc/malloc.h: new in 15.x's headers.
    "malloc_zone_malloc_with_options",
    "MALLOC_ZONE_MALLOC_OPTION_CLEAR",
    "MALLOC_ZONE_MALLOC_DEFAULT_ALIGN",
    // mach-o/fixup-chains.h: ziglang's SDKs before 27.0 lack the header.
    "dyld_chained_starts_in_segment",
    "DYLD_CHAINED_PTR_START_NONE",
    "DYLD_CHAINED_PTR_64",
];

/// The `cargo::rustc-check-cfg` line that declares the `cfg` and its values.
#[allow(dead_code)] // build.rs's, not xtask's
pub fn check_cfg() -> String {
    let values: Vec<String> = SDK_DEPENDENT.iter().map(|n| format!("\"{n}\"")).collect();
    format!("cargo::rustc-check-cfg=cfg(darwin_sys_lacks, values({}))", values.join(", "))
}

/// The names of [`SDK_DEPENDENT`] the generated `text` does not define:
/// the `darwin_sys_lacks` cfgs the build script sets.
#[allow(dead_code)] // build.rs calls it with feature `bindgen` only
pub fn lacking(text: &str) -> Vec<&'static str> {
    SDK_DEPENDENT.iter().copied().filter(|n| !defines(text, n)).collect()
}

/// Does the generated `text` define `name` (an item of its own, or a libc
/// re-export)?
#[allow(dead_code)] // build.rs calls it with feature `bindgen` only
pub fn defines(text: &str, name: &str) -> bool {
    ["const", "static", "static mut", "fn", "type", "struct", "union"].iter().any(|k| {
        let at = format!("pub {k} {name}");
        text.match_indices(&at).any(|(i, _)| text[i + at.len()..].starts_with([':', '(', ' ', '<', ';']))
    }) || text.contains(&format!("pub use libc::{name};"))
}
