//! Feature `bindgen` honours the family features: `--features "mach
//! bindgen"` (no defaults) builds with the Mach family and nothing else. The
//! build script tags items as the generator does (`codegen/postprocess.rs`), so its
//! output equals the committed file, tags included (the `bindgen_feature`
//! step of `cargo xtask test` compares them); here a scratch crate proves
//! the tags are honoured: a Mach item resolves, a libdispatch one does not.

use crate::util::scratch;
use std::path::Path;
use std::process::Command;

fn check(dir: &Path, root: &Path, zig: &Path) -> Result<(), String> {
    let out = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--target", "aarch64-apple-darwin", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", crate::util::sdk::feature_bindgen_dir(root))
        .env("DARWIN_SYS_STAND_IN", zig)
        .env_remove("DARWIN_SYS_SDK")
        .env_remove("SDKROOT")
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).to_string()) }
}

pub fn run(root: &Path, s: &crate::util::sdk::StandIn) -> Result<String, String> {
    let dir = root.join("target").join("bindgen-mach");
    let deps = scratch::darwin_sys(root, ", default-features = false, features = [\"mach\", \"bindgen\"]");
    scratch::Crate { name: "bindgen-mach", targets: "", deps: &deps, extra: "" }.write(&dir, Some(root.join("Cargo.lock")))?;
    let lib = dir.join("src").join("lib.rs");
    let mach = "#![no_std]\n#![deny(warnings)]\npub use darwin_sys::{mach_msg, mach_vm_protect, KERN_SUCCESS, TRUE, MACH_EXCEPTION_CODES, EXC_MASK_ALL};\n";
    std::fs::write(&lib, mach).map_err(|e| e.to_string())?;
    check(&dir, root, &s.zig).map_err(|e| format!("`mach bindgen`: Mach items do not resolve:\n{e}"))?;
    // Items of families that are off must be absent.
    for (item, family) in
        [("dispatch_async_f", "dispatch"), ("DISPATCH_TIME_FOREVER", "dispatch"), ("kevent64", "events"), ("copyfile", "files"), ("os_unfair_lock_lock", "os")]
    {
        std::fs::write(&lib, format!("{mach}pub use darwin_sys::{item};\n")).map_err(|e| e.to_string())?;
        match check(&dir, root, &s.zig) {
            Err(e) if e.contains("E0432") => {}
            Err(e) => return Err(format!("`mach bindgen` with `{item}`: failed, but not as unresolved:\n{e}")),
            Ok(()) => return Err(format!("`mach bindgen` has `{item}` of the `{family}` family, which is off")),
        }
    }
    Ok("Mach items resolve; dispatch, events, files and os items do not".into())
}
