//! darwin-sys tooling. See the README for the commands.

#[path = "../../config.rs"]
mod config;
mod generate;
mod items;
mod required;
mod cdecl;
mod verify;
mod selftest;
mod test;
mod bench;
mod sdk;
mod tbd;

use std::path::PathBuf;

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("required") => required::run(&root),
        Some("verify") => verify_cmd(&root, &args[1..]),
        Some("test") => test::run(&root),
        Some("bench") => bench::run(&root, 5),
        Some("selftest") => sdk::provision(&root).and_then(|s| selftest::run(&root, &s)),
        Some("generate") => generate::run(&root, args.iter().any(|a| a == "--check")),
        _ => Err("usage: cargo xtask <generate [--check] | test | verify [--arch A] | required | selftest>\n\
                  generate  regenerate src/generated/*.rs from the pinned stand-in SDK (the main job)\n\
                  test      everything: targets, stand-in, checks, verification, self-test\n\
                  verify    layouts, constants, symbols, signatures and macro equivalents\n\
                  required  every name of ../shared/required-api.txt resolves\n\
                  selftest  each checker reports a planted defect"
            .to_string()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// `cargo xtask verify [--arch A]`: all checks against the stand-in SDK.
fn verify_cmd(root: &std::path::Path, args: &[String]) -> Result<(), String> {
    let s = sdk::provision(root)?;
    let cc = verify::CCompiler::Zig { pythonpath: s.zig.clone() };
    let arch = args.iter().position(|a| a == "--arch").and_then(|i| args.get(i + 1));
    let skips = verify::load_skips(root)?;
    let mut reports = Vec::new();
    for t in config::TARGETS.iter().filter(|t| arch.is_none_or(|a| a == t.arch)) {
        let ctx = verify::Ctx { root, target: t, cc: &cc, work: root.join("target").join("verify").join(t.arch), skips: &skips, target_dir: root.join("target") };
        let mut report = verify::Report { target: t.rust.to_string(), ..Default::default() };
        let t0 = std::time::Instant::now();
        verify::verify_target(&ctx, &mut report)?;
        report.timings.push(("total".into(), t0.elapsed().as_secs_f64()));
        reports.push(report);
    }
    let bad: usize = reports.iter().map(|r| r.mismatches.len()).sum();
    for r in &reports {
        for m in &r.mismatches {
            println!("MISMATCH {}: {m}", r.target);
        }
    }
    verify::print_summary(&reports);
    if bad > 0 {
        return Err(format!("{bad} mismatches"));
    }
    Ok(())
}
