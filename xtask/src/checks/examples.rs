//! The examples (`examples/*.rs`) are real programs for macOS. Here they are
//! compiled and linked for each Darwin target with zig's linker (by the
//! runtime-test link step's `cargo test --no-run`, which builds examples);
//! the macOS workflow runs them. This checks each one became a Mach-O
//! executable for the target.

use crate::config::Target;
use std::path::Path;

/// The example names, sorted.
pub fn names(root: &Path) -> Result<Vec<String>, String> {
    let dir = root.join("examples");
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    out.sort();
    Ok(out)
}

/// Every example has a linked Mach-O executable for `t` under `target_dir`.
pub fn check_linked(root: &Path, target_dir: &Path, t: &Target) -> Result<usize, String> {
    let names = names(root)?;
    let cputype: u32 = if t.arch == "aarch64" { 0x0100_000c } else { 0x0100_0007 };
    for n in &names {
        let p = target_dir.join(t.rust).join("debug").join("examples").join(n);
        let bytes = std::fs::read(&p).map_err(|e| format!("example {n} was not linked for {}: {}: {e}", t.rust, p.display()))?;
        let word = |i: usize| bytes.get(i..i + 4).map(|b| u32::from_le_bytes(b.try_into().unwrap()));
        // mach_header_64: magic, cputype, cpusubtype, filetype (MH_EXECUTE = 2).
        if word(0) != Some(0xfeed_facf) || word(4) != Some(cputype) || word(12) != Some(2) {
            return Err(format!("{} is not a Mach-O executable for {}", p.display(), t.rust));
        }
    }
    Ok(names.len())
}
