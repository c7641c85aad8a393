//! Compile checks for every Apple target (`config::APPLE_TARGETS`), with
//! `-D warnings`: on stable where rustup ships the target's standard library,
//! otherwise on nightly with `-Zbuild-std=core` (darwin-sys and libc need
//! only `core`). Each target has a target directory of its own under
//! `target/apple-targets/`, so `core` is built once per nightly target and
//! shared by all its checks. Then each family feature alone, on one target
//! of each OS but macOS (the main suite checks macOS's).

use crate::config::{APPLE_TARGETS, FAMILIES, Os, Target};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// How a target is checked.
#[derive(Clone, Copy, PartialEq)]
enum Toolchain {
    Stable,
    /// nightly, `-Zbuild-std=core`
    BuildStd,
}

fn check(root: &Path, t: &Target, tc: Toolchain, features: &[&str]) -> Result<(), String> {
    let mut c = match tc {
        Toolchain::Stable => Command::new(env!("CARGO")),
        Toolchain::BuildStd => build_std("check")?,
    };
    if tc == Toolchain::Stable {
        c.arg("check");
    }
    c.args(["--quiet", "-p", "darwin-sys", "--target", t.rust])
        .args(features)
        .current_dir(root)
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_TARGET_DIR", root.join("target").join("apple-targets").join(t.rust));
    crate::util::cmd::run(&mut c).map(drop).map_err(|e| format!("{} {}: cargo check failed:\n{e}", t.rust, features.join(" ")))
}

/// rustup's standard library for `t`, if it can be had.
fn rustup_std(t: &Target) -> bool {
    t.rustup_std && Command::new("rustup").args(["target", "add", t.rust]).output().is_ok_and(|o| o.status.success())
}

/// `cargo +nightly <sub> -Zbuild-std=core`, for a target rustup has no
/// standard library for here (darwin-sys, libc and the probes need only
/// `core`); nightly with rust-src is provisioned on first use. Shared by the
/// targets check and the per-OS probes (`verify::probe::cargo`).
pub fn build_std(sub: &str) -> Result<Command, String> {
    static READY: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    READY.get_or_init(nightly).clone()?;
    let mut c = Command::new("cargo");
    c.args(["+nightly", sub, "-Zbuild-std=core"]);
    // rustup's proxy picks nightly from `+nightly`, not from the toolchain
    // this tool runs under.
    c.env_remove("RUSTUP_TOOLCHAIN").env_remove("CARGO").env_remove("RUSTC");
    Ok(c)
}

/// nightly with rust-src: added to an installed nightly (no update), else
/// installed.
fn nightly() -> Result<(), String> {
    let added = Command::new("rustup").args(["component", "add", "rust-src", "--toolchain", "nightly"]).output();
    if added.is_ok_and(|o| o.status.success()) {
        return Ok(());
    }
    crate::util::cmd::run(Command::new("rustup").args(["toolchain", "install", "nightly", "--profile", "minimal", "--component", "rust-src"]))
        .map(drop)
        .map_err(|e| format!("rustup could not install nightly with rust-src:\n{e}"))
}

/// The target each OS's families are checked on: the first listed,
/// `arm64_32` for watchOS (the ABI with a file of its own).
fn family_target(os: Os) -> &'static Target {
    if os == Os::WatchOs {
        return &crate::config::ARM64_32_WATCHOS;
    }
    APPLE_TARGETS.iter().find(|t| t.os == os).expect("every OS has a target")
}

/// The checks of one target: default features and `mig`, then, on the
/// family target of its OS, each family alone. Err(failures).
fn check_target(root: &Path, t: &Target, tc: Toolchain, sets: &[String]) -> Result<(), Vec<String>> {
    let mut failures = Vec::new();
    for features in [&[][..], &["--features", "mig"][..]] {
        if let Err(e) = check(root, t, tc, features) {
            failures.push(e);
        }
    }
    // The cross-OS runtime tests (tests/apple.rs, run in the iOS simulator
    // by apple-targets.yml) need `std` and `test`: where rustup has them.
    if t.os != Os::MacOs
        && tc == Toolchain::Stable
        && let Err(e) = check(root, t, tc, &["--tests", "--test", "apple"])
    {
        failures.push(e);
    }
    if t.os != Os::MacOs && family_target(t.os).rust == t.rust {
        for set in sets {
            let mut args = vec!["--no-default-features"];
            if !set.is_empty() {
                args.extend(["--features", set]);
            }
            if let Err(e) = check(root, t, tc, &args) {
                failures.push(e);
            }
        }
    }
    if failures.is_empty() { Ok(()) } else { Err(failures) }
}

/// Runs every check, two targets at a time (a check is mostly one rustc
/// thread, and building `core` dominates); Ok(a summary) or Err(failures).
pub fn run(root: &Path) -> Result<String, String> {
    let mut how = Vec::new();
    for t in APPLE_TARGETS {
        let tc = if rustup_std(t) { Toolchain::Stable } else { Toolchain::BuildStd };
        how.push((t, tc));
    }
    let mut sets: Vec<String> = vec![String::new(), "mach,mig".into()];
    sets.extend(FAMILIES.iter().map(|f| f.name.to_string()));
    let t_all = Instant::now();
    let failures: Vec<String> = crate::util::parallel::two_at_a_time(how.clone(), |(t, tc)| {
        let t0 = Instant::now();
        let res = check_target(root, t, tc, &sets);
        let label = if tc == Toolchain::Stable { "stable" } else { "nightly build-std" };
        let families = if t.os != Os::MacOs && family_target(t.os).rust == t.rust { ", families alone" } else { "" };
        let ok = if res.is_ok() { "ok" } else { "FAILED" };
        println!("  {:<28} {:<18} {:>5.1} s {ok}{families}", t.rust, label, t0.elapsed().as_secs_f64());
        res.err().unwrap_or_default()
    })
    .into_iter()
    .flatten()
    .collect();
    if failures.is_empty() {
        let stable = how.iter().filter(|x| x.1 == Toolchain::Stable).count();
        Ok(format!(
            "{} targets ({} stable, {} nightly build-std) in {:.0} s, {} feature sets alone on one target of each of {} OSes",
            how.len(),
            stable,
            how.len() - stable,
            t_all.elapsed().as_secs_f64(),
            sets.len(),
            Os::ALL.len() - 1
        ))
    } else {
        Err(failures.join("\n"))
    }
}
