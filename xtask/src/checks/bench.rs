//! `cargo xtask bench`: the build cost of darwin-sys against mach2 0.7, as
//! the README reports it. One crate depends on both; each run checks it from
//! clean for aarch64-apple-darwin with `cargo --timings`, and the durations
//! of the two crates' own units are read from the timings report. Prints
//! every run and the median.

use std::path::Path;
use std::process::Command;

pub fn run(root: &Path, runs: usize) -> Result<(), String> {
    println!("darwin-sys with its default features (every family):");
    run_one(root, runs, "")?;
    println!("darwin-sys with only the Mach family (mach2's scope):");
    run_one(root, runs, ", default-features = false, features = [\"mach\"]")
}

fn run_one(root: &Path, runs: usize, features: &str) -> Result<(), String> {
    let dir = root.join("target").join("bench");
    let deps = format!("{}mach2 = \"=0.7.0\"\n", crate::util::scratch::darwin_sys(root, features));
    crate::util::scratch::Crate { name: "bench", targets: "", deps: &deps, extra: "" }.write(&dir, None)?;
    std::fs::write(dir.join("src").join("lib.rs"), "").map_err(|e| e.to_string())?;
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let _ = std::fs::remove_dir_all(dir.join("target"));
        crate::util::cmd::run(
            Command::new(env!("CARGO"))
                .args(["check", "--quiet", "--timings", "--target", "aarch64-apple-darwin", "--manifest-path"])
                .arg(dir.join("Cargo.toml"))
                .env_remove("CARGO_TARGET_DIR")
                // As from crates.io: a path dependency would be compiled
                // incrementally, which registry dependencies never are.
                .env("CARGO_INCREMENTAL", "0"),
        )?;
        let html = std::fs::read_to_string(dir.join("target/cargo-timings/cargo-timing.html")).map_err(|e| e.to_string())?;
        let d = |name: &str| unit_duration(&html, name).ok_or_else(|| format!("no `{name} (check)` unit in the timings"));
        let (a, b) = (d("darwin-sys")?, d("mach2")?);
        println!("run {}: darwin-sys {a:.2} s, mach2 {b:.2} s", i + 1);
        ours.push(a);
        theirs.push(b);
    }
    ours.sort_by(f64::total_cmp);
    theirs.sort_by(f64::total_cmp);
    println!("median of {runs}: darwin-sys {:.2} s, mach2 0.7.0 {:.2} s", ours[runs / 2], theirs[runs / 2]);
    Ok(())
}

/// The `duration` of unit `name`'s `(check)` in cargo's timings HTML.
fn unit_duration(html: &str, name: &str) -> Option<f64> {
    let data = html.split("const UNIT_DATA = ").nth(1)?;
    for unit in data.split("\n  {").skip(1) {
        let field = |k: &str| unit.split(&format!("\"{k}\": ")).nth(1).map(|v| v.split([',', '\n']).next().unwrap_or("").trim().trim_matches('"').to_string());
        if field("name").as_deref() == Some(name) && field("target").is_some_and(|t| t.contains("(check)")) {
            return field("duration")?.parse().ok();
        }
    }
    None
}
