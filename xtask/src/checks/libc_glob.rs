//! Living beside libc: `use libc::*; use darwin_sys::*;` compiles, and every
//! name both crates define names one item.
//!
//! A scratch crate (`target/libc-glob/`, the workspace's Cargo.lock, so the
//! same libc) glob-imports both and uses, for each Darwin target, every name
//! darwin-sys re-exports from libc (codegen/config `SAME_AS_LIBC`, the libc enum
//! constants, `LIBC_TYPES`). An ambiguous glob name is an error only where it
//! is used, so each is used. The control: the same crate using
//! `MACH_PORT_NULL`, which both define differently on purpose, must fail
//! as ambiguous (E0659, or the `ambiguous_glob_imports` lint, denied), or
//! the test could not see an ambiguity.

use crate::config::{self, TARGETS};
use crate::util::scratch;
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

/// The scratch crate's `lib.rs`; `extra` is appended inside each function.
fn source(extra: &str) -> String {
    let mut s = String::from(
        "#![no_std]\n#![deny(warnings)]\n#![allow(deprecated, unused_imports)]\n\
         use libc::*;\nuse darwin_sys::*;\n",
    );
    for t in TARGETS {
        let config::SameAsLibc { items, enums, .. } = config::same_as_libc(t.abi);
        writeln!(s, "#[cfg(target_arch = \"{}\")]\npub fn names() {{", t.arch).unwrap();
        for n in items.iter().chain(enums) {
            writeln!(s, "    let _ = {n};").unwrap();
        }
        for n in config::LIBC_TYPES {
            writeln!(s, "    let _: Option<{n}> = None;").unwrap();
        }
        s.push_str(extra);
        s.push_str("}\n");
    }
    s
}

fn check(dir: &Path, target: &str) -> Result<(), String> {
    let out = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--target", target, "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).to_string()) }
}

pub fn run(root: &Path) -> Result<String, String> {
    let dir = root.join("target").join("libc-glob");
    let deps = format!("{}libc = {{ version = \"0.2\", default-features = false }}\n", scratch::darwin_sys(root, ""));
    scratch::Crate { name: "libc-glob", targets: "", deps: &deps, extra: "" }.write(&dir, Some(root.join("Cargo.lock")))?;
    let lib = dir.join("src").join("lib.rs");
    let mut notes = Vec::new();
    for t in TARGETS {
        std::fs::write(&lib, source("")).map_err(|e| e.to_string())?;
        check(&dir, t.rust).map_err(|e| format!("{}: `use libc::*; use darwin_sys::*;` does not compile:\n{e}", t.rust))?;
        // The control: a name both define differently must be ambiguous.
        std::fs::write(&lib, source("    let _ = MACH_PORT_NULL;\n")).map_err(|e| e.to_string())?;
        match check(&dir, t.rust) {
            Err(e) if e.contains("`MACH_PORT_NULL` is ambiguous") => {}
            Err(e) => return Err(format!("{}: the control failed, but not as ambiguous:\n{e}", t.rust)),
            Ok(()) => return Err(format!("{}: the control compiled: glob ambiguities would go unseen", t.rust)),
        }
        let config::SameAsLibc { items, enums, .. } = config::same_as_libc(t.abi);
        notes.push(format!("{}: {} names shared with libc, none ambiguous", t.rust, items.len() + enums.len() + config::LIBC_TYPES.len()));
    }
    Ok(notes.join(", "))
}
