//! Feature `bindgen` against every supported macOS SDK, not only the pinned
//! one: the older SDKs PyPI `ziglang` ships (13, 14.0, 15.5, 26.4; the
//! pinned 27.0 is the `bindgen` step's) as `DARWIN_SYS_STAND_IN`, both
//! macOS targets, default families and `mig`, with no warning at all (the
//! build script's and the compiler's).
//!
//! What it proves, for each SDK:
//! - the stand-in layout of that ziglang release is understood (0.11's
//!   per-version folders and `libSystem.13.tbd`, 0.12 to 0.15's
//!   `any-macos-any`, 0.16's `any-darwin-any`);
//! - `wrapper.h` and `codegen/compat/` parse: every header some SDK lacks
//!   has a fallback or a guard, and the compat declarations bring their
//!   types;
//! - the hand-written code names nothing that SDK lacks unless it is gated
//!   by `darwin_sys_lacks` (`codegen/sdk_dependent.rs`);
//! - the libSystem export filter ran (a binding this SDK's libSystem does
//!   not export would be left out, not fail at link time).
//!
//! It prints each SDK's drift by name against the committed bindings (as
//! they read on macOS): items only in that SDK, items only in 27.0.
//! bindgen is built once, in the `bindgen` step's target folder; only the
//! build script reruns per SDK and target.

use crate::config::TARGETS;
use crate::generation::items::Items;
use crate::util::sdk::{StandIn, pip_install};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// An older SDK: the ziglang release that ships it, and its version.
pub struct OlderSdk {
    pub ziglang: &'static str,
    pub sdk: &'static str,
}

/// The older SDKs the step builds against (see docs/build-script.md).
pub const OLDER: &[OlderSdk] = &[
    OlderSdk { ziglang: "0.11.0", sdk: "13" },
    OlderSdk { ziglang: "0.12.1", sdk: "14.0" },
    OlderSdk { ziglang: "0.15.2", sdk: "15.5" },
    OlderSdk { ziglang: "0.16.0", sdk: "26.4" },
];

/// Unpacks (once) the ziglang wheel of `o` under `target/stand-in/`.
pub fn provision(root: &Path, o: &OlderSdk) -> Result<PathBuf, String> {
    let dir = root.join("target").join("stand-in").join(format!("ziglang-{}", o.ziglang));
    pip_install(&format!("ziglang=={}", o.ziglang), &dir)?;
    Ok(dir)
}

/// One build: `cargo check --features "bindgen mig"` for `target` against
/// the stand-in at `zig`, in the `bindgen` step's target folder. `Ok` with
/// the bindings the build script wrote; `Err` on an error or any warning.
pub fn build(root: &Path, s: &StandIn, zig: &Path, target: &str) -> Result<String, String> {
    let mut cmd = crate::util::cmd::cargo();
    cmd.args(["check", "-p", "darwin-sys", "--features", "bindgen mig", "--target", target, "--message-format=json-render-diagnostics"])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target").join("feature-bindgen"))
        .env("DARWIN_SYS_STAND_IN", zig)
        .env("LIBCLANG_PATH", &s.libclang)
        .env_remove("DARWIN_SYS_SDK")
        .env_remove("SDKROOT")
        .env_remove("BINDGEN_EXTRA_CLANG_ARGS");
    let out = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("failed:\n{}", crate::util::cmd::tail(&stderr, 30)));
    }
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.trim_start().starts_with("warning")).collect();
    if !warnings.is_empty() {
        return Err(format!("built with warnings:\n{}", crate::util::cmd::tail(&stderr, 30)));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let dir = stdout
        .lines()
        .filter(|l| l.contains("\"reason\":\"build-script-executed\"") && l.contains("#darwin-sys@"))
        .find_map(|l| l.split_once("\"out_dir\":\"").and_then(|(_, rest)| rest.split_once('"')).map(|(dir, _)| PathBuf::from(dir)))
        .ok_or("cargo reported no build script output of darwin-sys")?;
    std::fs::read_to_string(dir.join("bindings.rs")).map_err(|e| format!("{}: {e}", dir.display()))
}

/// Every item name of a bindings text (records, functions, statics,
/// constants, type aliases).
pub fn names(text: &str) -> Result<BTreeSet<String>, String> {
    let i = Items::parse(text)?;
    let mut n: BTreeSet<String> = i.records.into_keys().collect();
    n.extend(i.funcs.into_iter().map(|f| f.name));
    n.extend(i.static_names);
    n.extend(i.consts.into_iter().map(|c| c.0));
    n.extend(i.aliases.into_keys());
    Ok(n)
}

/// The step: every older SDK, both macOS targets.
pub fn run(root: &Path, s: &StandIn) -> Result<String, String> {
    let mut notes = Vec::new();
    for o in OLDER {
        let zig = provision(root, o)?;
        for t in TARGETS.iter().filter(|t| t.os == crate::config::Os::MacOs) {
            let start = Instant::now();
            let built = build(root, s, &zig, t.rust).map_err(|e| format!("SDK {} (ziglang {}), {}: {e}", o.sdk, o.ziglang, t.rust))?;
            let committed = std::fs::read_to_string(crate::generation::generate::path(root, t, crate::config::Part::Main)).map_err(|e| e.to_string())?;
            let reference = crate::generation::availability::for_os(committed.split_once("\n\n").map_or("", |x| x.1), t.os)?;
            let (ours, theirs) = (names(&built)?, names(&reference)?);
            notes.push(format!(
                "SDK {} {}: {:.0} s, {} items only there, {} only in 27.0",
                o.sdk,
                t.arch,
                start.elapsed().as_secs_f64(),
                ours.difference(&theirs).count(),
                theirs.difference(&ours).count()
            ));
        }
    }
    Ok(notes.join("; "))
}
