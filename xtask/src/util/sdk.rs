//! The pinned stand-in SDK and libclang, provisioned from PyPI under `target/`.
//!
//! Nothing is installed system-wide: `pip install --target` unpacks the wheels
//! into `target/stand-in/`, and a stamp file records what is there.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const ZIGLANG: &str = "ziglang==0.17.1";
pub const LIBCLANG: &str = "libclang==18.1.1";

pub struct StandIn {
    /// Root of the unpacked `ziglang` wheel (holds `ziglang/`).
    pub zig: PathBuf,
    /// Folder holding libclang (`libclang.so`, or `libclang.dylib` on a Mac).
    pub libclang: PathBuf,
}

impl StandIn {
    pub fn sdk(&self) -> crate::config::Sdk {
        pinned_sdk(&self.zig)
    }

    /// The macOS SDK version the headers say they are, from the wheel's
    /// `lib/libc/darwin/SDKSettings.json`. An error, naming the file, when
    /// the file is missing or names no version: the generated files' headers
    /// state the version, so a guess would put a wrong line in them.
    pub fn sdk_version(&self) -> Result<String, String> {
        let file = self.zig.join("ziglang/lib/libc/darwin/SDKSettings.json");
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("{}: {e}: the stand-in ({ZIGLANG}) does not say which macOS SDK its headers are", file.display()))?;
        settings_version(&text).ok_or_else(|| format!("{}: no \"Version\" or \"MinimalDisplayName\" key in {text:?}", file.display()))
    }
}

pub use crate::config::settings_version;

/// The SDK of the pinned wheel unpacked at `zig`. Its headers are one
/// folder for both architectures (no per-arch folders, unlike ziglang
/// 0.11), so the architecture asked for does not matter; [`provision`]
/// has checked the layout.
pub fn pinned_sdk(zig: &Path) -> crate::config::Sdk {
    crate::config::Sdk::stand_in(zig, "aarch64").unwrap_or_else(|e| panic!("{e}"))
}

/// The target folder of every feature-`bindgen` build of the suite
/// (bindgen and its dependencies built once for all of them).
pub fn feature_bindgen_dir(root: &Path) -> PathBuf {
    root.join("target").join("feature-bindgen")
}

pub fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".into())
}

/// `pip install --target dir` of `spec` (one or more requirements separated
/// by spaces), once: a stamp file records what is there.
pub fn pip_install(spec: &str, dir: &Path) -> Result<(), String> {
    let stamp = dir.join(".darwin-sys-stamp");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(spec) {
        return Ok(());
    }
    let _ = std::fs::remove_dir_all(dir);
    eprintln!("provisioning {spec} into {}", dir.display());
    let status = Command::new(python())
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--target"])
        .arg(dir)
        .args(spec.split_whitespace())
        .status()
        .map_err(|e| format!("cannot run `{} -m pip` ({e}): install Python 3 with pip, or set PYTHON", python()))?;
    if !status.success() {
        return Err(format!("`pip install {spec}` failed; it needs access to PyPI"));
    }
    std::fs::write(&stamp, spec).map_err(|e| e.to_string())
}

/// Fetches (once) and returns the pinned stand-in SDK and libclang.
pub fn provision(workspace: &Path) -> Result<StandIn, String> {
    let base = workspace.join("target").join("stand-in");
    let zig = base.join("ziglang-0.17.1");
    let clang = base.join("libclang-18.1.1");
    pip_install(ZIGLANG, &zig)?;
    pip_install(LIBCLANG, &clang)?;
    let libclang = clang.join("clang").join("native");
    let name = libclang_file(std::env::consts::OS)?;
    if !libclang.join(name).is_file() {
        return Err(format!(
            "no {name} under {}: the `{LIBCLANG}` wheel pip chose has none for this host. \
             Delete target/stand-in and rerun, or set LIBCLANG_PATH to a folder holding {name}.",
            libclang.display()
        ));
    }
    let s = StandIn { zig, libclang };
    crate::config::Sdk::stand_in(&s.zig, "aarch64")?.validate()?;
    Ok(s)
}

/// The file name of libclang in PyPI `libclang`'s `clang/native/` folder on
/// a host OS (`std::env::consts::OS`): the macOS wheels ship a `.dylib`,
/// the Linux ones a `.so`.
pub fn libclang_file(os: &str) -> Result<&'static str, String> {
    match os {
        "macos" => Ok("libclang.dylib"),
        "linux" => Ok("libclang.so"),
        other => Err(format!(
            "the tooling runs on Linux or macOS hosts, not `{other}`: PyPI `{LIBCLANG}` has no wheel \
             for it that this tool knows. Run it on Linux or macOS."
        )),
    }
}

/// Points bindgen (clang-sys, `runtime` feature) at the provisioned libclang
/// unless the user named one.
pub fn use_libclang(s: &StandIn) {
    if std::env::var_os("LIBCLANG_PATH").is_none() {
        // SAFETY: called at start-up, before any thread is spawned.
        unsafe { std::env::set_var("LIBCLANG_PATH", &s.libclang) };
    }
}

/// The stand-in at `zig` laid out as an Xcode SDK folder, as a user's
/// `DARWIN_SYS_SDK` would be: `<dest>/MacOSX<version>.sdk` with
/// `usr/include` (every header folder of both architectures, the most
/// specific first; ziglang 0.11 splits them by architecture where a real
/// SDK has one tree), `usr/lib/libSystem.tbd` with `libc.tbd` and
/// `libm.tbd` beside it (as in Xcode, where they are links to it), and
/// `SDKSettings.json` (the wheel's, else one stating `version`). Files are
/// symbolic links into the wheel; made once, again when missing.
pub fn xcode_layout(zig: &Path, version: &str, dest: &Path) -> Result<PathBuf, String> {
    let sdk = dest.join(format!("MacOSX{version}.sdk"));
    let stamp = sdk.join(".darwin-sys-stamp");
    if stamp.is_file() {
        return Ok(sdk);
    }
    let _ = std::fs::remove_dir_all(&sdk);
    let include = sdk.join("usr").join("include");
    let lib = sdk.join("usr").join("lib");
    std::fs::create_dir_all(&lib).map_err(|e| format!("{}: {e}", lib.display()))?;
    let (arm, intel) = (crate::config::Sdk::stand_in(zig, "aarch64")?, crate::config::Sdk::stand_in(zig, "x86_64")?);
    let mut layers = arm.include_dirs();
    for d in intel.include_dirs() {
        if !layers.contains(&d) {
            layers.insert(0, d);
        }
    }
    for layer in &layers {
        link_tree(layer, &include)?;
    }
    let link = |from: &Path, to: &Path| std::os::unix::fs::symlink(from, to).map_err(|e| format!("{}: {e}", to.display()));
    link(&arm.libsystem_tbd(), &lib.join("libSystem.tbd"))?;
    for alias in ["libc.tbd", "libm.tbd"] {
        link(Path::new("libSystem.tbd"), &lib.join(alias))?;
    }
    let settings = arm.libsystem_tbd().with_file_name("SDKSettings.json");
    if settings.is_file() {
        link(&settings, &sdk.join("SDKSettings.json"))?;
    } else {
        std::fs::write(sdk.join("SDKSettings.json"), format!("{{\"Version\": \"{version}\"}}\n")).map_err(|e| e.to_string())?;
    }
    std::fs::write(&stamp, "").map_err(|e| e.to_string())?;
    Ok(sdk)
}

/// Mirrors the tree at `from` into `to` with a symbolic link per file; a
/// file already there (from a more specific layer) is kept.
fn link_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for e in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let e = e.map_err(|e| e.to_string())?;
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            link_tree(&src, &dst)?;
        } else if !dst.exists() {
            std::os::unix::fs::symlink(&src, &dst).map_err(|e| format!("{}: {e}", dst.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{libclang_file, settings_version};

    #[test]
    fn sdk_version_from_either_key() {
        // ziglang 0.17.1's file, 0.17.0's, and an Xcode SDK's (both keys).
        assert_eq!(settings_version(r#"{"Version":"27.0"}"#).as_deref(), Some("27.0"));
        assert_eq!(settings_version(r#"{"MinimalDisplayName":"27.0"}"#).as_deref(), Some("27.0"));
        assert_eq!(settings_version(r#"{"MinimalDisplayName": "26.4", "Version": "26.4.1"}"#).as_deref(), Some("26.4.1"));
        assert_eq!(settings_version(r#"{"CanonicalName":"macosx"}"#), None);
        assert_eq!(settings_version(""), None);
    }

    #[test]
    fn libclang_name_follows_the_host_os() {
        assert_eq!(libclang_file("macos"), Ok("libclang.dylib"));
        assert_eq!(libclang_file("linux"), Ok("libclang.so"));
        assert!(libclang_file("windows").unwrap_err().contains("Linux or macOS"));
        // And this host's own choice is one that exists in the wheel here.
        #[cfg(target_os = "linux")]
        assert_eq!(libclang_file(std::env::consts::OS), Ok("libclang.so"));
        #[cfg(target_os = "macos")]
        assert_eq!(libclang_file(std::env::consts::OS), Ok("libclang.dylib"));
    }
}
