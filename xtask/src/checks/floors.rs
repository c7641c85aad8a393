//! Floors: the dependency versions and the `rust-version` that Cargo.toml
//! declares are true.
//!
//! A scratch copy of the package (the files `cargo package` ships, as a
//! workspace of its own, under `target/floors/`) is checked with
//! `-D warnings` for both Darwin targets and several feature sets, four ways:
//! every dependency at its declared minimum (`cargo update -p <dep>
//! --precise <min>`) or at its latest (`cargo update`), each with the
//! declared `rust-version`'s toolchain and with the toolchain running this
//! test. Feature `bindgen` (which builds bindgen, its syn, regex, ...) is
//! checked once, at the minimums with the `rust-version` toolchain, against
//! the stand-in SDK. The workspace's own Cargo.lock is never touched.
//!
//! It installs what it needs: the `rust-version` toolchain (`rustup
//! toolchain install --profile minimal`) and its Darwin targets.

use crate::config::TARGETS;
use crate::util::cmd::run;
use std::path::Path;
use std::process::Command;

/// Feature sets checked at each floor: the default (every family), all of it
/// with `mig`, nothing, and the Mach family alone.
const FEATURE_SETS: &[&[&str]] = &[&[], &["--features", "mig"], &["--no-default-features"], &["--no-default-features", "--features", "mach"]];

/// What the package's Cargo.toml declares.
#[derive(Debug, PartialEq)]
pub struct Declared {
    pub rust_version: String,
    /// (package, minimum version), from `[dependencies]` and `[build-dependencies]`.
    pub deps: Vec<(String, String)>,
}

/// Reads `rust-version` and each dependency's version requirement. Only
/// caret requirements (`"0.2.187"`, `"1"`) are accepted: their minimum is the
/// version written, padded with zeros.
pub fn declared(manifest: &str) -> Result<Declared, String> {
    let mut rust_version = None;
    let mut deps = Vec::new();
    let mut section = String::new();
    for line in manifest.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            section = l.trim_matches(|c| c == '[' || c == ']').to_string();
            continue;
        }
        let Some((key, value)) = l.split_once('=') else { continue };
        let (key, value) = (key.trim(), value.trim());
        if section == "package" && key == "rust-version" {
            rust_version = Some(value.trim_matches('"').to_string());
        }
        if section == "dependencies" || section == "build-dependencies" {
            let req = if value.starts_with('"') {
                value.trim_matches('"').to_string()
            } else {
                let v = value.split("version").nth(1).ok_or_else(|| format!("no version for dependency `{key}`"))?;
                v.split('"').nth(1).unwrap_or("").to_string()
            };
            if req.is_empty() || !req.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return Err(format!("dependency `{key}`: requirement `{req}` is not a plain caret version"));
            }
            let mut parts: Vec<&str> = req.split('.').collect();
            parts.resize(3, "0");
            let name = value.split("package").nth(1).and_then(|p| p.split('"').nth(1)).unwrap_or(key).to_string();
            deps.push((name, parts.join(".")));
        }
    }
    let rust_version = rust_version.ok_or("Cargo.toml declares no rust-version")?;
    Ok(Declared { rust_version, deps })
}

/// `cargo` of `toolchain` (`None`: the one running this tool), without the
/// variables of the cargo that runs this tool (which would pin its rustc).
fn cargo(toolchain: Option<&str>, dir: &Path) -> Command {
    let mut c = match toolchain {
        Some(t) => {
            let mut c = Command::new("rustup");
            c.args(["run", t, "cargo"]).env_remove("RUSTUP_TOOLCHAIN");
            c
        }
        None => Command::new(env!("CARGO")),
    };
    c.current_dir(dir);
    for v in ["RUSTC", "RUSTDOC", "RUSTC_WRAPPER", "CARGO_TARGET_DIR", "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"] {
        c.env_remove(v);
    }
    c
}

/// The toolchain running this tool (`rustc --version` of `$RUSTC` or `rustc`).
fn current_toolchain() -> Result<String, String> {
    let out = run(Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into())).arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_string).ok_or_else(|| format!("cannot read `rustc --version`: {out}"))
}

/// The package's files (as `cargo package` lists them) copied to `dest`,
/// with the manifest made a workspace of its own.
fn scratch_copy(root: &Path, dest: &Path) -> Result<(), String> {
    let list = run(Command::new(env!("CARGO")).args(["package", "--list", "--allow-dirty", "-p", "darwin-sys"]).current_dir(root))?;
    let _ = std::fs::remove_dir_all(dest.join("src"));
    for rel in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let from = root.join(rel);
        if !from.is_file() || rel == "Cargo.lock" {
            continue; // .cargo_vcs_info.json, Cargo.toml.orig: made by cargo
        }
        let to = dest.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).map_err(|e| e.to_string())?;
        std::fs::copy(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    std::fs::write(dest.join("Cargo.toml"), own_workspace(&manifest)).map_err(|e| e.to_string())
}

/// The manifest with its `[workspace]` table replaced by an empty one.
fn own_workspace(manifest: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for line in manifest.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            skip = l == "[workspace]" || l.starts_with("[workspace.");
            if skip {
                continue;
            }
        }
        if !skip {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str("\n[workspace]\n");
    out
}

/// Installs `toolchain` (minimal profile, with rustfmt for feature
/// `bindgen`) and its Darwin targets.
fn install(toolchain: &str) -> Result<(), String> {
    run(Command::new("rustup").args(["toolchain", "install", toolchain, "--profile", "minimal", "--component", "rustfmt", "--no-self-update"]))?;
    // (An install from before rustfmt was asked for lacks it.)
    run(Command::new("rustup").args(["component", "add", "rustfmt", "--toolchain", toolchain]))?;
    run(Command::new("rustup").args(["target", "add", "--toolchain", toolchain]).args(TARGETS.iter().map(|t| t.rust)))?;
    Ok(())
}

/// The step: every way, every target, every feature set.
pub fn check(root: &Path, stand_in: &crate::util::sdk::StandIn) -> Result<String, String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let decl = declared(&manifest)?;
    install(&decl.rust_version)?;
    crate::util::sdk::use_libclang(stand_in);
    let current = current_toolchain()?;
    let base = root.join("target").join("floors");
    let mut notes = Vec::new();
    for (deps, minimum) in [("minimum", true), ("latest", false)] {
        let dir = base.join(deps);
        scratch_copy(root, &dir)?;
        // A fresh lock at the newest versions the rust-version allows
        // (resolver 3), then each declared dependency down to its minimum.
        let _ = std::fs::remove_file(dir.join("Cargo.lock"));
        run(cargo(None, &dir).args(["generate-lockfile", "--quiet"]))?;
        if minimum {
            for (name, min) in &decl.deps {
                run(cargo(None, &dir).args(["update", "--quiet", "-p", name, "--precise", min]))
                    .map_err(|e| format!("{name} cannot be pinned to its declared minimum {min}:\n{e}"))?;
            }
        }
        for (toolchain, label) in [(Some(decl.rust_version.as_str()), decl.rust_version.as_str()), (None, current.as_str())] {
            let target_dir = base.join(format!("target-{deps}-{label}"));
            // Both targets in one cargo run: cargo builds them side by side
            // (a check of darwin-sys is mostly one rustc thread).
            for features in FEATURE_SETS {
                run(cargo(toolchain, &dir)
                    .args(["check", "--quiet"])
                    .args(TARGETS.iter().flat_map(|t| ["--target", t.rust]))
                    .args(*features)
                    .env("CARGO_TARGET_DIR", &target_dir)
                    .env("RUSTFLAGS", "-D warnings"))
                .map_err(|e| format!("{deps} dependencies, Rust {label}, [{}] (both targets):\n{e}", features.join(" ")))?;
            }
            notes.push(format!("{deps} deps with Rust {label}"));
        }
        if minimum {
            // The build-time dependencies at their minimums, with the
            // `rust-version` toolchain: feature `bindgen` builds there too
            // (bindgen formats with that toolchain's rustfmt, which
            // `install` adds).
            let t = &TARGETS[0];
            run(cargo(Some(decl.rust_version.as_str()), &dir)
                .args(["check", "--quiet", "--target", t.rust, "--features", "bindgen mig"])
                .env("CARGO_TARGET_DIR", base.join("target-bindgen-floor"))
                .env("RUSTFLAGS", "-D warnings")
                .env("DARWIN_SYS_STAND_IN", &stand_in.zig)
                .env_remove("DARWIN_SYS_SDK")
                .env_remove("SDKROOT"))
            .map_err(|e| format!("minimum dependencies, Rust {}, feature `bindgen mig`:\n{e}", decl.rust_version))?;
            notes.push(format!("`bindgen mig` at the minimums with Rust {}", decl.rust_version));
        }
    }
    let pins: Vec<String> = decl.deps.iter().map(|(n, v)| format!("{n} {v}")).collect();
    Ok(format!("minimums {} ; {} ; {} targets x {} feature sets", pins.join(", "), notes.join(", "), TARGETS.len(), FEATURE_SETS.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_declared_floors() {
        let m = "[package]\nname = \"x\"\nrust-version = \"1.85\"\n\n[dependencies]\nlibc = { version = \"0.2.187\", default-features = false }\n\n\
                 [build-dependencies]\nbindgen = { version = \"0.73\", optional = true }\nregex = \"1\"\n\n[workspace]\nmembers = [\"xtask\"]\n";
        let d = declared(m).unwrap();
        assert_eq!(d.rust_version, "1.85");
        assert_eq!(d.deps, vec![("libc".into(), "0.2.187".into()), ("bindgen".into(), "0.73.0".into()), ("regex".into(), "1.0.0".into())]);
        assert!(declared("[package]\n[dependencies]\nlibc = \">=0.2\"\n").is_err());
        assert!(declared("[package]\nname = \"x\"\n").is_err());
        let w = own_workspace(m);
        assert!(!w.contains("xtask") && w.ends_with("[workspace]\n"));
    }

    /// The package's real manifest parses, and its libc floor is a version.
    #[test]
    fn the_manifest_declares_floors() {
        let root = crate::workspace_root();
        let d = declared(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap()).unwrap();
        assert!(d.deps.iter().any(|(n, _)| n == "libc"));
    }
}
