//! Every name in `required-api.txt` resolves as `darwin_sys::NAME` on each
//! target: a generated crate `use`s each one and is `cargo check`ed for the
//! target; every unresolved name is reported.

use crate::config::{Target, TARGETS};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn list_path(root: &Path) -> PathBuf {
    std::env::var_os("DARWIN_SYS_REQUIRED_API")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("..").join("shared").join("required-api.txt"))
}

/// (arch or None for both, name) pairs.
pub fn parse(text: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace().peekable();
        let arch = match words.peek() {
            Some(w) if w.starts_with('@') => Some(words.next().unwrap()[1..].to_string()),
            _ => None,
        };
        out.extend(words.map(|w| (arch.clone(), w.to_string())));
    }
    out
}

/// Returns, per target, the names checked and those that did not resolve.
pub fn check(root: &Path) -> Result<Vec<(String, usize, Vec<String>)>, String> {
    let targets: Vec<&Target> = TARGETS.iter().collect();
    check_with(root, &root.join("target"), &targets)
}

/// [`check`] for the crate at `root`, building in `target_dir`.
pub fn check_with(root: &Path, target_dir: &Path, targets: &[&Target]) -> Result<Vec<(String, usize, Vec<String>)>, String> {
    let path = list_path(target_dir.parent().unwrap_or(root));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let names = parse(&text);
    let dir = target_dir.join("required-api").join(root.file_name().unwrap_or_default());
    crate::verify::write_manifest(
        &dir,
        target_dir,
        &format!(
            "[package]\nname = \"required-api\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [lib]\npath = \"src/lib.rs\"\n\n[dependencies]\ndarwin-sys = {{ path = {:?} }}\n\n[workspace]\n",
            root.display().to_string()
        ),
    )?;
    let mut results = Vec::new();
    for t in targets {
        let mine: Vec<&str> = names
            .iter()
            .filter(|(a, _)| a.as_deref().is_none_or(|a| a == t.arch))
            .map(|(_, n)| n.as_str())
            .collect();
        let mut src = String::from("#![no_std]\n#![allow(unused_imports)]\n");
        for n in &mine {
            src.push_str(&format!("use darwin_sys::{n};\n"));
        }
        std::fs::write(dir.join("src").join("lib.rs"), src).map_err(|e| e.to_string())?;
        let out = Command::new(env!("CARGO"))
            .args(["check", "--quiet", "--message-format=short", "--target", t.rust, "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target_dir)
            .output()
            .map_err(|e| e.to_string())?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        let missing: Vec<String> = stderr
            .lines()
            .filter(|l| l.contains("error[E0432]"))
            .filter_map(|l| l.split("`darwin_sys::").nth(1).map(|s| s.split('`').next().unwrap_or("").to_string()))
            .collect();
        if !out.status.success() && missing.is_empty() {
            return Err(format!("required-api check for {} failed to build:\n{stderr}", t.rust));
        }
        results.push((t.rust.to_string(), mine.len(), missing));
    }
    Ok(results)
}

pub fn run(root: &Path) -> Result<(), String> {
    let mut bad = 0;
    for (target, n, missing) in check(root)? {
        println!("required-api {target}: {n} names, {} unresolved", missing.len());
        if !missing.is_empty() {
            println!("  unresolved: {}", missing.join(" "));
            bad += missing.len();
        }
    }
    if bad > 0 {
        return Err(format!("{bad} required names do not resolve"));
    }
    Ok(())
}
