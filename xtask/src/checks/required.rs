//! Every required name resolves as `darwin_sys::NAME` on each target: a
//! generated crate `use`s each one and is `cargo check`ed for the target;
//! every unresolved name is reported.
//!
//! The names come from the repository's own list, `tests/required-api.txt`,
//! and, when they exist, from `../shared/required-api.txt` beside the
//! checkout and from the file named by `DARWIN_SYS_REQUIRED_API`.

use crate::config::{TARGETS, Target};
use crate::util::scratch;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's own list of required names.
pub fn own_list(root: &Path) -> PathBuf {
    root.join("tests").join("required-api.txt")
}

/// Every list that applies to the checkout at `root`: its own, then the
/// optional ones that exist.
pub fn lists(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![own_list(root)];
    let shared = root.join("..").join("shared").join("required-api.txt");
    if shared.is_file() {
        out.push(shared);
    }
    if let Some(p) = std::env::var_os("DARWIN_SYS_REQUIRED_API") {
        out.push(PathBuf::from(p));
    }
    out
}

/// The (arch, name) pairs of `paths`, without repeats. A missing list is an
/// error (the repository's own list must exist).
pub fn load(paths: &[PathBuf]) -> Result<Vec<(Option<String>, String)>, String> {
    let mut names = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        for n in parse(&text) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    Ok(names)
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

/// One target's result: how many names were checked, which did not resolve.
pub struct Resolved {
    pub target: String,
    pub checked: usize,
    pub missing: Vec<String>,
}

/// Returns, per target, the names checked and those that did not resolve,
/// for every list of [`lists`].
pub fn check(root: &Path) -> Result<Vec<Resolved>, String> {
    let targets: Vec<&Target> = TARGETS.iter().collect();
    check_names(root, &root.join("target"), &targets, &load(&lists(root))?)
}

/// [`check`] for the crate at `root` against its own list only
/// (`root/tests/required-api.txt`), building in `target_dir`. The self-test
/// runs this on its mutant copy.
pub fn check_with(root: &Path, target_dir: &Path, targets: &[&Target]) -> Result<Vec<Resolved>, String> {
    check_names(root, target_dir, targets, &load(&[own_list(root)])?)
}

fn check_names(root: &Path, target_dir: &Path, targets: &[&Target], names: &[(Option<String>, String)]) -> Result<Vec<Resolved>, String> {
    let dir = target_dir.join("required-api").join(root.file_name().unwrap_or_default());
    let deps = scratch::darwin_sys(root, "");
    scratch::Crate { name: "required-api", targets: scratch::LIB, deps: &deps, extra: "" }.write(&dir, scratch::workspace_lock(target_dir))?;
    let mut results = Vec::new();
    for t in targets {
        let mine: Vec<&str> = names.iter().filter(|(a, _)| a.as_deref().is_none_or(|a| a == t.arch)).map(|(_, n)| n.as_str()).collect();
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
        results.push(Resolved { target: t.rust.to_string(), checked: mine.len(), missing });
    }
    Ok(results)
}

pub fn run(root: &Path) -> Result<(), String> {
    let mut bad = 0;
    for p in lists(root) {
        println!("required-api: names from {}", p.display());
    }
    for Resolved { target, checked: n, missing } in check(root)? {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_merge_without_repeats() {
        let dir = std::env::temp_dir().join(format!("required-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
        std::fs::write(&a, "# c\nfoo bar\n@aarch64 baz\n").unwrap();
        std::fs::write(&b, "bar qux\n").unwrap();
        let names = load(&[a, b.clone()]).unwrap();
        let plain: Vec<&str> = names.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(plain, ["foo", "bar", "baz", "qux"]);
        assert_eq!(names[2].0.as_deref(), Some("aarch64"));
        assert!(load(&[dir.join("missing.txt")]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn own_list_is_in_the_repository() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let names = load(&[own_list(root)]).unwrap();
        assert!(names.iter().any(|(_, n)| n == "mach_task_self"));
        assert!(names.len() > 500, "{} names", names.len());
    }
}
