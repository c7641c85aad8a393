//! A reader for the `.tbd` (text-based stub) export lists in a macOS SDK.

use std::collections::BTreeSet;

/// Exported symbols of every library in `text` (libSystem re-exports its
/// sub-libraries, each a document of its own) for any of `archs` on macOS.
/// Mach-O names: C symbols keep their leading underscore.
pub fn exports(text: &str, archs: &[&str]) -> BTreeSet<String> {
    exports_for(text, archs, "macos")
}

/// [`exports`] for another platform of the file (`maccatalyst`).
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
        let items = buf.trim_start_matches('[').trim_end_matches(']').split(',').map(|s| s.trim().trim_matches('\'').trim_matches('"').to_string()).filter(|s| !s.is_empty());
        if key == "targets" {
            targets_ok = items.into_iter().any(|t| {
                let (arch, platform) = t.split_once('-').unwrap_or((&t, ""));
                let arch = arch.split('.').next().unwrap_or(arch);
                platform == platform_wanted && archs.contains(&arch)
            });
        } else if (section == "exports" || section == "reexports")
            && targets_ok
            && matches!(key.as_str(), "symbols" | "weak-symbols" | "thread-local-symbols")
        {
            out.extend(items);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_per_arch_exports() {
        let text = "--- !tapi-tbd\nexports:\n  - targets:  [ x86_64-macos, arm64e-macos ]\n    symbols:  [ _a, '_b$X',\n                _c ]\n  - targets:  [ x86_64-macos ]\n    symbols:  [ _x86only ]\nundefineds:\n  - targets:  [ arm64e-macos ]\n    symbols:  [ _notexported ]\n";
        let arm = super::exports(text, &["arm64", "arm64e"]);
        assert_eq!(arm.into_iter().collect::<Vec<_>>(), ["_a", "_b$X", "_c"]);
        let x86 = super::exports(text, &["x86_64"]);
        assert!(x86.contains("_x86only") && !x86.contains("_notexported"));
    }
}
