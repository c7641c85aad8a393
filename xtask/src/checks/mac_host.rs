//! A simulated Mac, so that the code a Mac runs (`verify --host`, and
//! `verify --host --bindgen` with the build script finding the SDK through
//! `xcrun`) is the code the suite runs.
//!
//! Under `target/mac-host/`:
//! - `MacOSX.sdk/`: a directory laid out like an Xcode SDK (`usr/include`
//!   links to the stand-in's headers, `SDKSettings.json`), whose
//!   `usr/lib/libSystem.tbd` is the stand-in's export list less a few
//!   symbols, as a real SDK exports less than the headers declare;
//! - `bin/xcrun`: answers `--sdk macosx --show-sdk-path` (and the SDK
//!   version) as Xcode's does;
//! - `tools/cc` (`CC_aarch64_apple_darwin`): zig's clang for the Darwin target when compiling; when
//!   linking, a stub over zig's linker that reports undefined symbols the
//!   way Apple's ld does (`Undefined symbols for architecture arm64:` /
//!   `"_x", referenced from:`), both what zig finds missing and what the
//!   SDK's tbd lacks.
//!
//! Then three runs of this same binary, with `bin/` first on PATH and
//! `tools/cc` as the target's C compiler (what a Mac has, less Xcode):
//! 1. `verify --host` with the full export list: must pass;
//! 2. `verify --host` with symbols missing from the SDK: must fail, and
//!    name them as not exported (the Apple-format linker message parsed);
//! 3. `verify --host --bindgen` with the same SDK: must pass, because the
//!    build script reads the SDK's own tbd and leaves them out.
//!
//! What differs from a Mac: Xcode's libclang finds its own resource headers;
//! PyPI's has none, so bindgen gets `-resource-dir` through
//! `BINDGEN_EXTRA_CLANG_ARGS`.

use crate::util::cmd::{marked_then_tail, tail};
use crate::util::sdk::StandIn;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Symbols the simulated SDK does not export (all bound by the committed
/// bindings, used by nothing hand-written).
pub const MISSING: &[&str] = &["_thread_get_exception_ports", "_mach_port_get_context"];

/// The architecture the simulation runs (one, to keep the suite short).
const ARCH: &str = "aarch64";

pub struct MacHost {
    /// `xcrun`, first on PATH.
    pub bin: PathBuf,
    /// The Darwin C compiler and linker, `CC_<target>`.
    pub cc: PathBuf,
}

fn write_exec(path: &Path, body: &str) -> Result<(), String> {
    std::fs::write(path, body).map_err(|e| format!("{}: {e}", path.display()))?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())
}

/// `text` (a `.tbd`) without the symbols `drop` (Mach-O names).
pub fn tbd_without(text: &str, drop: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut l = line.to_string();
        for d in drop {
            for (from, to) in [(format!("{d}, "), ""), (format!(", {d} "), " "), (format!(", {d}\n"), "\n"), (format!("[ {d} ]"), "[ ]")] {
                l = l.replace(&from, to);
            }
        }
        out.push_str(&l);
    }
    out
}

/// Lays out the simulated Mac under `target/mac-host/`; `missing` names the
/// symbols its SDK's libSystem.tbd lacks.
pub fn setup(root: &Path, s: &StandIn, missing: &[&str]) -> Result<MacHost, String> {
    let dir = root.join("target").join("mac-host");
    let sdk = dir.join("MacOSX.sdk");
    let bin = dir.join("bin");
    let _ = std::fs::remove_dir_all(&dir);
    for d in [sdk.join("usr").join("lib"), bin.clone()] {
        std::fs::create_dir_all(&d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    let inc = s.sdk().include_dir();
    std::os::unix::fs::symlink(&inc, sdk.join("usr").join("include")).map_err(|e| e.to_string())?;
    let version = s.sdk_version()?;
    std::fs::write(sdk.join("SDKSettings.json"), format!("{{\"CanonicalName\": \"macosx{version}\", \"Version\": \"{version}\"}}\n"))
        .map_err(|e| e.to_string())?;
    let tbd = std::fs::read_to_string(s.sdk().libsystem_tbd()).map_err(|e| format!("libSystem.tbd: {e}"))?;
    let filtered = tbd_without(&tbd, missing);
    // Each dropped symbol must really be gone, or the test proves nothing.
    let left = crate::tbd::exports(&filtered, &["arm64", "arm64e", "x86_64"]);
    if let Some(m) = missing.iter().find(|m| left.contains(**m)) {
        return Err(format!("simulated SDK: could not remove {m} from libSystem.tbd"));
    }
    std::fs::write(sdk.join("usr").join("lib").join("libSystem.B.tbd"), filtered).map_err(|e| e.to_string())?;
    std::os::unix::fs::symlink("libSystem.B.tbd", sdk.join("usr").join("lib").join("libSystem.tbd")).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("ld-missing.txt"), missing.join("\n") + "\n").map_err(|e| e.to_string())?;
    write_exec(
        &bin.join("xcrun"),
        &format!(
            "#!/bin/sh\n# Xcode's xcrun, as far as darwin-sys asks it.\ncase \"$*\" in\n  *--show-sdk-path*) echo '{}' ;;\n  *--show-sdk-version*) echo '{version}' ;;\n  *) echo \"xcrun (simulated): unsupported: $*\" >&2; exit 1 ;;\nesac\n",
            sdk.display()
        ),
    )?;
    // Not on PATH: the host's own build scripts link with the host's `cc`.
    let tools = dir.join("tools");
    std::fs::create_dir_all(&tools).map_err(|e| e.to_string())?;
    write_exec(&tools.join("cc"), &cc_script(s, &dir))?;
    Ok(MacHost { bin, cc: tools.join("cc") })
}

fn cc_script(s: &StandIn, dir: &Path) -> String {
    format!(
        r#"#!/usr/bin/env python3
# The simulated Mac's `cc` (written by cargo xtask, xtask/src/mac_host.rs).
# Compiling: zig's clang for the Darwin target. Linking: zig's linker, with
# undefined symbols reported as Apple's ld64 reports them.
import os, re, subprocess, sys
PY, ZIG, MISSING = {py:?}, {zig:?}, {missing:?}
env = dict(os.environ, PYTHONPATH=ZIG)
args = []
for a in sys.argv[1:]:
    if a.startswith("@") and os.path.isfile(a[1:]):
        args += [l for l in open(a[1:]).read().splitlines() if l]
    else:
        args.append(a)
# Compiling, or a query without an output file (`--version`, `-print-*`): clang.
if any(a in ("-c", "-E", "-S", "-fsyntax-only", "-M", "-MM") for a in args) or "-o" not in args:
    os.execvpe(PY, [PY, "-m", "ziglang", "clang", "-resource-dir", os.path.join(ZIG, "ziglang", "lib")] + args, env)
arch = "arm64"
for i, a in enumerate(args):
    if a == "-arch" and i + 1 < len(args):
        arch = args[i + 1]
    elif a.startswith("--target="):
        arch = "x86_64" if a[9:].startswith("x86_64") else "arm64"
zig_target = "x86_64-macos.10.12" if arch == "x86_64" else "aarch64-macos.11.0"
out, skip = [], False
for a in args:
    if skip:
        skip = False
    elif a in ("-isysroot", "-arch"):
        skip = True
    elif a == "-liconv" or a.startswith("--target=") or a.startswith("-mmacosx-version-min"):
        pass
    else:
        out.append(a)
# What the inputs reference that the SDK's tbd lacks.
wanted = [m for m in open(MISSING).read().split() if m]
inputs = [a for a in out if not a.startswith("-") and os.path.isfile(a)]
referenced = set()
for f in inputs:
    data = open(f, "rb").read()
    for m in wanted:
        if b"\0" + m.encode() + b"\0" in data:
            referenced.add(m)
r = subprocess.run([PY, "-m", "ziglang", "cc", "-target", zig_target] + out, env=env, capture_output=True, text=True)
undefined = set(re.findall(r"undefined symbol: (\S+)", r.stderr)) | referenced
if undefined:
    sys.stderr.write("Undefined symbols for architecture %s:\n" % arch)
    for u in sorted(undefined):
        sys.stderr.write('  "%s", referenced from:\n      _DARWIN_SYS_SYMBOLS in symbols.o\n' % u)
    sys.stderr.write("ld: symbol(s) not found for architecture %s\n" % arch)
    sys.stderr.write("clang: error: linker command failed with exit code 1 (use -v to see invocation)\n")
    sys.exit(1)
sys.stderr.write(r.stderr)
sys.exit(r.returncode)
"#,
        py = crate::util::sdk::python(),
        zig = s.zig.display().to_string(),
        missing = dir.join("ld-missing.txt").display().to_string(),
    )
}

/// Runs this binary's `verify` on the simulated Mac; (success, output).
fn verify(root: &Path, s: &StandIn, host: &MacHost, extra: &[&str]) -> Result<(bool, String), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let path = format!("{}:{}", host.bin.display(), std::env::var("PATH").unwrap_or_default());
    // Run from the simulated Mac's folder: nothing a tool drops in its
    // working directory lands in the repository.
    let out = Command::new(exe)
        .current_dir(root.join("target").join("mac-host"))
        .args(["verify", "--host", "--arch", ARCH])
        .args(extra)
        .env("PATH", path)
        .env(format!("CC_{}", crate::config::target_by_arch(ARCH).expect("known arch").rust.replace('-', "_")), &host.cc)
        .env("LIBCLANG_PATH", &s.libclang)
        .env("BINDGEN_EXTRA_CLANG_ARGS", format!("-resource-dir={}", s.zig.join("ziglang").join("lib").display()))
        .env_remove("DARWIN_SYS_SDK")
        .env_remove("SDKROOT")
        .env_remove("DARWIN_SYS_STAND_IN")
        .output()
        .map_err(|e| format!("cannot run verify: {e}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    Ok((out.status.success(), text))
}

/// The suite's step: the three runs described at the top.
pub fn run(root: &Path, s: &StandIn) -> Result<String, String> {
    let mut secs = Vec::new();
    let mut timed = |host: &MacHost, extra: &[&str]| {
        let t0 = std::time::Instant::now();
        let r = verify(root, s, host, extra);
        secs.push(format!("{:.0} s", t0.elapsed().as_secs_f64()));
        r
    };
    let host = setup(root, s, &[])?;
    let (ok, out) = timed(&host, &[])?;
    if !ok {
        return Err(format!("verify --host on the simulated Mac failed:\n{}", marked_then_tail(&out, "MISMATCH", 30)));
    }
    let host = setup(root, s, MISSING)?;
    let (ok, out) = timed(&host, &[])?;
    if ok {
        return Err(format!("verify --host passed though the SDK lacks {MISSING:?} and the linker said so:\n{}", tail(&out, 30)));
    }
    for m in MISSING {
        let c = m.trim_start_matches('_');
        if !out.lines().any(|l| l.starts_with("MISMATCH") && l.contains(&format!("symbol {c}:"))) {
            return Err(format!("verify --host failed without naming {c} as a missing symbol:\n{}", tail(&out, 30)));
        }
    }
    let (ok, out) = timed(&host, &["--bindgen"])?;
    if !ok {
        return Err(format!("verify --host --bindgen on the simulated Mac (SDK lacking {MISSING:?}) failed:\n{}", marked_then_tail(&out, "MISMATCH", 30)));
    }
    Ok(format!(
        "{ARCH}: passes; with {} symbols missing from the SDK, fails naming them (Apple ld format); --bindgen leaves them out and passes ({})",
        MISSING.len(),
        secs.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn tbd_without_drops_whole_names_only() {
        let t = "    symbols: [ _a, _mach_port_get_context, _mach_port_get_context_x,\n               _b, _mach_port_get_context ]\n    symbols: [ _mach_port_get_context ]\n";
        let out = super::tbd_without(t, &["_mach_port_get_context"]);
        let e = crate::tbd::exports(&format!("exports:\n  - targets: [ arm64-macos ]\n{out}"), &["arm64"]);
        assert!(e.contains("_a") && e.contains("_b") && e.contains("_mach_port_get_context_x"));
        assert!(!e.contains("_mach_port_get_context"), "{out}");
    }
}
