//! Layouts and constants per OS: one committed file serves every OS of its
//! ABI, so its records and integer constants are compared with C compiled
//! for one triple of each OS (and for a simulator, whose headers differ:
//! `dyld_all_image_infos`), with the Rust probe built for that very target
//! (so its `cfg`s and `cfg_attr`s are that target's). Items the file gates
//! away from the OS are left out of both probes; the rest must agree.
//!
//! The C side is `zig clang -target <triple>` over the stand-in headers
//! (`zig cc` rejects `arm64_32` and `macabi` triples); the Rust side is
//! `cargo rustc`, on stable where rustup has the target's standard library,
//! else on nightly with `-Zbuild-std=core`, in the target folder the targets
//! check already built `core` in.

use super::availability::gated_away;
use super::{CCompiler, Ctx, Entries, Report, bindings_items, bindings_texts, constants, hand_items, layout, probe, types};
use crate::config::{LIBC_TYPES_MACOS, Os, Target, target_by_rust};
use std::path::Path;
use std::time::Instant;

/// One target of each OS but macOS (verified in full by `verify`), the
/// arm64_32 ABI, and two simulators (one per architecture).
pub const OS_TARGETS: &[&str] = &[
    "aarch64-apple-ios",
    "aarch64-apple-ios-sim",
    "x86_64-apple-ios",
    "aarch64-apple-ios-macabi",
    "aarch64-apple-tvos",
    "aarch64-apple-watchos",
    "arm64_32-apple-watchos",
    "aarch64-apple-visionos",
];

/// The name of the item an entry is about: `offset(a.b)` -> `a`,
/// `size(x) [libc]` -> `x`, `KERN_SUCCESS` -> itself.
fn subject(entry: &str) -> &str {
    let inner = entry.split_once('(').map_or(entry, |x| x.1);
    inner.split(['.', ')', ' ']).next().unwrap_or(inner)
}

/// Compares one target's layouts and constants of the crate at `root`; a
/// report like `verify`'s. `target_base` is the workspace's `target/`.
pub fn verify_os(
    root: &Path,
    target_base: &Path,
    cc: &CCompiler,
    target: &Target,
    skips: &std::collections::BTreeMap<String, String>,
) -> Result<Report, String> {
    let t0 = Instant::now();
    let ctx = Ctx {
        root,
        target,
        cc,
        work: target_base.join("verify").join("os").join(target.rust),
        skips,
        // Shared with the targets check: `core` is built there once.
        target_dir: target_base.join("apple-targets").join(target.rust),
        bindgen_feature: false,
    };
    std::fs::create_dir_all(&ctx.work).map_err(|e| e.to_string())?;
    let mut report = Report { target: target.rust.to_string(), ..Default::default() };
    let texts = bindings_texts(&ctx)?;
    let items = bindings_items(&texts, target.os)?;
    let hand = hand_items(&ctx, &items)?;
    let spell = types::spellings(&ctx, &items, &hand)?;
    let bits = layout::bitfields(&items, &spell);
    let libc = crate::generation::libc_src::records(root, target.arch)?;
    let mut entries = Entries::new(skips);
    layout::libc_entries(&mut entries, &spell, &libc);
    layout::record_entries(&mut entries, &mut report, &items, &spell);
    layout::bitfield_entries(&mut entries, &bits);
    constants::entries(&mut entries, &items, &hand);
    // What the file gates away from this OS is not there to compare, nor
    // are the libc types libc has on macOS only.
    let away = gated_away(&texts[0], target.os)?;
    let before = entries.list.len();
    entries.list.retain(|e| {
        let s = subject(&e.name);
        !away.contains(s) && (target.os == Os::MacOs || !LIBC_TYPES_MACOS.contains(&s))
    });
    let left_out = before - entries.list.len();
    report.skipped.append(&mut entries.skipped);
    let list = entries.list;
    let c = probe::build_c(&ctx, &list, &bits, &probe::field_names(&items, &bits), "")?;
    let r = probe::build_rust(&ctx, &list, "")?;
    probe::compare(&list, &c, &r, &mut report)?;
    report.timings.push((format!("{left_out} entries gated away"), 0.0));
    report.timings.push(("total".into(), t0.elapsed().as_secs_f64()));
    Ok(report)
}

/// Every target of [`OS_TARGETS`], two at a time (each builds `core` and
/// darwin-sys for its target, mostly on one thread); Ok(a summary) or
/// Err(mismatches).
pub fn check(root: &Path, zig: &Path) -> Result<String, String> {
    let skips = super::load_skips(root)?;
    let cc = CCompiler::ZigClang { pythonpath: zig.to_path_buf(), root: root.to_path_buf() };
    let targets = OS_TARGETS.iter().map(|n| target_by_rust(n).ok_or_else(|| format!("{n}: not in config::APPLE_TARGETS"))).collect::<Result<Vec<_>, _>>()?;
    let results = crate::util::parallel::two_at_a_time(targets, |t| {
        let r = verify_os(root, &root.join("target"), &cc, t, &skips);
        if let Ok(r) = &r {
            let g = |k: &str| r.compared.get(k).copied().unwrap_or(0);
            println!(
                "  {:<26} layout {:>5}, constant {:>5}, mismatches {} ({}; {:.0} s)",
                t.rust,
                g("layout"),
                g("constant"),
                r.mismatches.len(),
                r.timings.first().map_or("", |x| x.0.as_str()),
                r.timings.last().map_or(0.0, |x| x.1)
            );
        }
        (t.rust, r)
    });
    let mut bad = Vec::new();
    let mut n = 0;
    for (name, r) in results {
        let r = r?;
        n += 1;
        bad.extend(r.mismatches.iter().map(|m| format!("{name}: {m}")));
    }
    if bad.is_empty() { Ok(format!("{n} targets, 0 mismatches")) } else { Err(format!("{} mismatches:\n{}", bad.len(), bad.join("\n"))) }
}
