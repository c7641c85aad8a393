//! A reader for the `.tbd` (text-based stub) export lists of an Apple SDK.
//!
//! Shared by `build.rs` (through `codegen/config`, feature `bindgen`: what the
//! user's SDK does not export is left out of the bindings) and the tooling
//! in `xtask/` (the generator's export check). Uses only `std`.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// libSystem's export list in an SDK directory: `usr/lib/libSystem.tbd`
/// (in Xcode a link to `libSystem.B.tbd`), else `usr/lib/libSystem.B.tbd`.
pub fn libsystem_in_sdk(sdk: &Path) -> Option<PathBuf> {
    let lib = sdk.join("usr").join("lib");
    ["libSystem.tbd", "libSystem.B.tbd"].iter().map(|f| lib.join(f)).find(|p| p.is_file())
}

/// The `.tbd` platform of a clang target triple: `arm64-apple-macos11` ->
/// `macos`, `arm64-apple-ios17.0-simulator` -> `ios-simulator`,
/// `x86_64-apple-ios14.0-macabi` -> `maccatalyst`.
pub fn platform_of(clang_triple: &str) -> String {
    let mut parts = clang_triple.split('-');
    let os = parts.nth(2).unwrap_or("");
    let os: String = os.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let os = if os == "darwin" || os == "macosx" { "macos".to_string() } else { os };
    match parts.next() {
        Some("macabi") => "maccatalyst".into(),
        Some("simulator") => format!("{os}-simulator"),
        _ => os,
    }
}

/// Exported symbols of every library in `text` (libSystem re-exports its
/// sub-libraries, each a document of its own) for any of `archs` on macOS.
/// Mach-O names: C symbols keep their leading underscore.
pub fn exports(text: &str, archs: &[&str]) -> BTreeSet<String> {
    exports_for(text, archs, "macos")
}

/// [`exports`] for any `.tbd` platform (`macos`, `ios`, `maccatalyst`, ...).
pub fn exports_for(text: &str, archs: &[&str], platform_wanted: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut section = String::new();
    let mut key = String::new();
    let mut buf = String::new();
    let mut open = false;
    let mut targets_ok = false;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.starts_with('-') && line.contains(':') {
            section = line.split(':').next().unwrap_or("").trim().to_string();
        }
        if !open {
            let t = line.trim_start().trim_start_matches("- ").trim_start();
            let Some((k, rest)) = t.split_once(':') else { continue };
            let rest = rest.trim();
            if !rest.starts_with('[') {
                continue;
            }
            key = k.trim().to_string();
            buf.clear();
            buf.push_str(rest);
            open = !rest.contains(']');
        } else {
            buf.push(' ');
            buf.push_str(line.trim());
            open = !line.contains(']');
        }
        if open {
            continue;
        }
        let items = buf
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .map(|s| s.trim().trim_matches('\'').trim_matches('"').to_string())
            .filter(|s| !s.is_empty());
        if key == "targets" {
            targets_ok = items.into_iter().any(|t| {
                let (arch, platform) = t.split_once('-').unwrap_or((&t, ""));
                let arch = arch.split('.').next().unwrap_or(arch);
                platform == platform_wanted && archs.contains(&arch)
            });
        } else if (section == "exports" || section == "reexports") && targets_ok && matches!(key.as_str(), "symbols" | "weak-symbols" | "thread-local-symbols")
        {
            out.extend(items);
        }
    }
    out
}

/// The functions and statics a bindgen output declares, each with the
/// Mach-O symbol it links to: `_name`, or the `#[link_name = "\u{1}..."]`
/// bindgen wrote for an asm label (`_fopen$UNIX2003`).
pub fn declared_symbols(bindings: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut in_extern = false;
    let mut link_name: Option<String> = None;
    for line in bindings.lines() {
        let t = line.trim();
        if t.ends_with("extern \"C\" {") {
            in_extern = true;
            continue;
        }
        if !in_extern {
            continue;
        }
        if line.starts_with('}') {
            in_extern = false;
            continue;
        }
        if let Some(v) = t.strip_prefix("#[link_name = \"") {
            let v = v.trim_end_matches("\"]").trim_start_matches("\\u{1}");
            link_name = Some(v.to_string());
            continue;
        }
        let rest = t.strip_prefix("pub fn ").or_else(|| t.strip_prefix("pub static mut ")).or_else(|| t.strip_prefix("pub static "));
        if let Some(rest) = rest {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let sym = link_name.take().unwrap_or_else(|| format!("_{name}"));
            out.push((name, sym));
        } else if !t.starts_with("#[") {
            link_name = None;
        }
    }
    out
}

/// Of `declared` (name, Mach-O symbol), the names `exports` lacks. `None`
/// when the export list was evidently not understood (empty, or lacking
/// more than a quarter of what the headers declare, as a `.tbd` format this
/// reader does not know would look): then nothing is left out on its word.
pub fn unexported(declared: &[(String, String)], exports: &BTreeSet<String>) -> Option<Vec<String>> {
    let missing: Vec<String> = declared.iter().filter(|(_, sym)| !exports.contains(sym)).map(|(name, _)| name.clone()).collect();
    if exports.is_empty() || missing.len() * 4 > declared.len() {
        return None;
    }
    Some(missing)
}

#[cfg(test)]
mod tests {
    #[test]
    fn unexported_names_and_implausible_lists() {
        let d = |v: &[&str]| v.iter().map(|n| (n.to_string(), format!("_{n}"))).collect::<Vec<_>>();
        let exports: std::collections::BTreeSet<String> = ["_a", "_b", "_c"].map(String::from).into();
        assert_eq!(super::unexported(&d(&["a", "b", "c", "x"]), &exports), Some(vec!["x".to_string()]));
        // An empty or foreign list leaves nothing out.
        assert_eq!(super::unexported(&d(&["a", "x"]), &Default::default()), None);
        assert_eq!(super::unexported(&d(&["a", "x", "y"]), &exports), None);
    }

    #[test]
    fn platforms_of_triples() {
        assert_eq!(super::platform_of("arm64-apple-macos11"), "macos");
        assert_eq!(super::platform_of("x86_64-apple-macos10.12"), "macos");
        assert_eq!(super::platform_of("arm64-apple-ios17.0-simulator"), "ios-simulator");
        assert_eq!(super::platform_of("x86_64-apple-ios14.0-macabi"), "maccatalyst");
        assert_eq!(super::platform_of("arm64_32-apple-watchos10.0"), "watchos");
    }

    #[test]
    fn declared_symbols_of_bindings() {
        let b = "pub const X: u32 = 1;\nimpl Foo {\n    pub fn bit(&self) -> u32 { 0 }\n}\nunsafe extern \"C\" {\n    /// Doc.\n    pub fn mach_msg(msg: *mut u8) -> i32;\n    #[link_name = \"\\u{1}_fopen$UNIX2003\"]\n    pub fn fopen() -> *mut u8;\n    pub static mut vm_page_size: usize;\n    pub static NDR_record: u8;\n}\n";
        let got = super::declared_symbols(b);
        let want = [("mach_msg", "_mach_msg"), ("fopen", "_fopen$UNIX2003"), ("vm_page_size", "_vm_page_size"), ("NDR_record", "_NDR_record")];
        assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    }

    #[test]
    fn reads_per_arch_exports() {
        let text = "--- !tapi-tbd\nexports:\n  - targets:  [ x86_64-macos, arm64e-macos ]\n    symbols:  [ _a, '_b$X',\n                _c ]\n  - targets:  [ x86_64-macos ]\n    symbols:  [ _x86only ]\nundefineds:\n  - targets:  [ arm64e-macos ]\n    symbols:  [ _notexported ]\n";
        let arm = super::exports(text, &["arm64", "arm64e"]);
        assert_eq!(arm.into_iter().collect::<Vec<_>>(), ["_a", "_b$X", "_c"]);
        let x86 = super::exports(text, &["x86_64"]);
        assert!(x86.contains("_x86only") && !x86.contains("_notexported"));
    }
}
