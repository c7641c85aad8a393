//! The scratch crates the checks and the verifier build: one manifest
//! template (a package of its own workspace), one way to write it.

use std::path::{Path, PathBuf};

/// A scratch crate's manifest, past the fixed `[package]` lines.
pub struct Crate<'a> {
    pub name: &'a str,
    /// Target tables before `[dependencies]` (`[lib]`, `[[bin]]`), each
    /// ending in a blank line; empty for the default `src/lib.rs`.
    pub targets: &'a str,
    /// The `[dependencies]` lines, each ending in `\n`.
    pub deps: &'a str,
    /// Tables between the dependencies and `[workspace]` (a profile),
    /// ending in `\n`; usually empty.
    pub extra: &'a str,
}

/// `[lib]` at `src/lib.rs`, for [`Crate::targets`].
pub const LIB: &str = "[lib]\npath = \"src/lib.rs\"\n\n";

impl Crate<'_> {
    pub fn manifest(&self) -> String {
        let Crate { name, targets, deps, extra } = self;
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             {targets}[dependencies]\n{deps}\n{extra}[workspace]\n"
        )
    }

    /// Writes `dir/Cargo.toml` (making `dir/src`) and copies `lock` (a
    /// Cargo.lock, if given) next to it.
    pub fn write(&self, dir: &Path, lock: Option<PathBuf>) -> Result<(), String> {
        std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("Cargo.toml"), self.manifest()).map_err(|e| e.to_string())?;
        if let Some(lock) = lock {
            std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("{}: {e}", lock.display()))?;
        }
        Ok(())
    }
}

/// The workspace's lock for a scratch crate built into `target_dir`: the
/// nearest one above it (`<root>/target`, or a per-architecture
/// `<root>/target/verify/<arch>/cargo`).
pub fn workspace_lock(target_dir: &Path) -> Option<PathBuf> {
    target_dir.ancestors().skip(1).map(|w| w.join("Cargo.lock")).find(|l| l.is_file())
}

/// `darwin-sys = { path = "<root>"<rest> }`, a dependency line.
pub fn darwin_sys(root: &Path, rest: &str) -> String {
    format!("darwin-sys = {{ path = {:?}{rest} }}\n", root.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_is_the_template() {
        let c = Crate { name: "x", targets: LIB, deps: &darwin_sys(Path::new("/r"), ", features = [\"mig\"]"), extra: "[profile.dev]\nopt-level = 1\n" };
        assert_eq!(
            c.manifest(),
            "[package]\nname = \"x\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [lib]\npath = \"src/lib.rs\"\n\n[dependencies]\ndarwin-sys = { path = \"/r\", features = [\"mig\"] }\n\n\
             [profile.dev]\nopt-level = 1\n[workspace]\n"
        );
        let c = Crate { name: "y", targets: "", deps: "mach2 = \"=0.7.0\"\n", extra: "" };
        assert_eq!(
            c.manifest(),
            "[package]\nname = \"y\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nmach2 = \"=0.7.0\"\n\n[workspace]\n"
        );
    }
}
