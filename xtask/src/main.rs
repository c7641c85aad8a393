//! darwin-sys tooling. See the README for the commands.

#[path = "../../codegen/config/mod.rs"]
mod config;
#[path = "../../codegen/macros.rs"]
mod macros;
#[path = "../../codegen/postprocess.rs"]
mod postprocess;
#[path = "../../codegen/resource_headers.rs"]
mod resource_headers;
#[path = "../../codegen/sdk_dependent.rs"]
mod sdk_dependent;
#[path = "../../codegen/unavailable.rs"]
mod unavailable;
use config::tbd;

mod checks;
mod generation;
mod suite;
mod util;
mod verify;

use std::path::PathBuf;

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("required") => checks::required::run(&root),
        Some("macros") => checks::macro_inventory::run(&root),
        Some("docs") => checks::docs::run(&root).map(|n| println!("docs: {n}")),
        Some("verify") => verify_cmd(&root, &args[1..]),
        Some("test") => suite::cmd(&root, &args[1..]),
        Some("check") => suite::run(&root, suite::CHECK.iter().collect()),
        Some("bench") => checks::bench::run(&root, 5),
        Some("selftest") => util::sdk::provision(&root).and_then(|s| checks::selftest::run(&root, &s)),
        Some("generate") => generation::generate::run(&root),
        Some("actionlint") => checks::actionlint::run(&root).map(|note| println!("{note}")),
        Some("mac-host") => util::sdk::provision(&root).and_then(|s| checks::mac_host::run(&root, &s)).map(|note| println!("{note}")),
        Some("bindgen") => util::sdk::provision(&root).and_then(|s| {
            util::sdk::use_libclang(&s);
            let a = suite::bindgen_feature(&root, &s)?;
            let b = checks::bindgen_families::run(&root, &s)?;
            println!("{a}; {b}");
            Ok(())
        }),
        Some("libc-glob") => checks::libc_glob::run(&root).map(|n| println!("{n}")),
        Some("consts") => checks::constant_types::check(&root).map(|n| println!("{n}")),
        Some("floors") => util::sdk::provision(&root).and_then(|s| checks::floors::check(&root, &s)).map(|n| println!("{n}")),
        Some("availability") => util::sdk::provision(&root)
            .and_then(|s| Ok((verify::availability::check(&root, &s.zig)?, verify::symbols::catalyst(&root, &s.sdk())?)))
            .map(|(a, c)| println!("ok: {a}; {c}")),
        Some("targets") => checks::targets::run(&root).map(|n| println!("ok: {n}")),
        Some("per-os") => util::sdk::provision(&root).and_then(|s| verify::per_os::check(&root, &s.zig)).map(|n| println!("ok: {n}")),
        _ => Err("usage: cargo xtask <command>\n\
                  generate      regenerate src/generated/*.rs from the pinned stand-in SDK (the main job)\n\
                  test          the full suite, from a fresh machine; `test --list` names its steps,\n\
                  \x20             `test --only STEP...` runs some of them\n\
                  check         the inner loop: the crate on both macOS targets, unit tests, freshness, verify aarch64\n\
                  verify        layouts, constants, symbols, signatures and macro equivalents\n\
                  \x20             [--arch A] [--host] [--bindgen] [--drift-ok] [--sdk-folder DIR]\n\
                  required      every name of tests/required-api.txt (and ../shared/required-api.txt, if any) resolves\n\
                  macros        macro inventory (each macro bound, equivalent or reasoned) and skip claims\n\
                  selftest      each checker reports a planted defect\n\
                  floors        the declared dependency minimums and rust-version hold\n\
                  consts        constant typing: no _bindgen_ty_, mixed families reasoned, C idioms compile\n\
                  libc-glob     `use libc::*; use darwin_sys::*;` names one item for every shared name\n\
                  docs          cargo doc -D warnings for every target, no raw HeaderDoc on any page\n\
                  availability  per OS: bound items compile in C, gated-away ones are unavailable\n\
                  targets       cargo check every Apple target (stable, else nightly build-std)\n\
                  per-os        layouts and constants of one target of each OS, C against Rust\n\
                  bindgen       feature `bindgen` against the stand-in equals the committed bindings\n\
                  mac-host      the simulated Mac: verify --host, with and without --bindgen\n\
                  actionlint    the workflows pass actionlint\n\
                  bench         build cost of the crate, measured"
            .to_string()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// `cargo xtask verify [--arch A] [--host] [--bindgen] [--drift-ok] [--sdk-folder DIR]`: all checks.
/// `--sdk-folder DIR`: the build script's bindings for the SDK folder `DIR`
/// (feature `bindgen`, PyPI libclang-ng), against the pinned clang reading
/// `DIR` and `rust-lld` linking against its `libSystem.tbd`.
///
/// Default: the committed bindings against the stand-in SDK, with zig.
/// `--host` (on a Mac): against the Xcode SDK (`xcrun --show-sdk-path`,
/// or DARWIN_SYS_SDK) with the host's `cc` (or $CC). `--bindgen`: verify the
/// bindings the build script generates for that SDK instead of the committed
/// ones, which come from the stand-in's SDK version. `--drift-ok`: report
/// layout and constant differences as SDK drift and fail only on other
/// mismatches (`drift.rs`; the macOS workflow uses it for the committed
/// bindings against Xcode's SDK).
fn verify_cmd(root: &std::path::Path, args: &[String]) -> Result<(), String> {
    let host = args.iter().any(|a| a == "--host");
    let cc = if host {
        let sdk = match std::env::var_os("DARWIN_SYS_SDK") {
            Some(p) => PathBuf::from(p),
            None => {
                let out = std::process::Command::new("xcrun")
                    .args(["--sdk", "macosx", "--show-sdk-path"])
                    .output()
                    .map_err(|e| format!("--host needs Xcode's xcrun ({e}) or DARWIN_SYS_SDK"))?;
                let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
                if !out.status.success() || p.is_empty() {
                    return Err(format!(
                        "--host: `xcrun --sdk macosx --show-sdk-path` found no SDK ({}). Install Xcode or the \
                         Command Line Tools (`xcode-select --install`), or set DARWIN_SYS_SDK to an SDK directory.",
                        String::from_utf8_lossy(&out.stderr).trim()
                    ));
                }
                PathBuf::from(p)
            }
        };
        // The `cc` crate picks the C compiler as build scripts do (CC,
        // CC_<target>, else the platform's `cc`).
        let arch = args.iter().position(|a| a == "--arch").and_then(|i| args.get(i + 1)).map_or("aarch64", |s| s.as_str());
        let target = config::target_by_arch(arch).ok_or_else(|| format!("unknown --arch {arch}"))?;
        let compiler = cc::Build::new()
            .target(target.rust)
            .host(target.rust)
            .opt_level(1)
            .cargo_metadata(false)
            .try_get_compiler()
            .map_err(|e| format!("no C compiler for {}: {e}", target.rust))?;
        verify::CCompiler::Host { cc: compiler.path().display().to_string(), sdk }
    } else if let Some(dir) = args.iter().position(|a| a == "--sdk-folder").and_then(|i| args.get(i + 1)) {
        let s = util::sdk::provision(root)?;
        let libclang = generation::availability::provision(&root.join("target").join("stand-in"))?;
        let sdk = std::path::absolute(dir).map_err(|e| format!("--sdk-folder {dir}: {e}"))?;
        verify::CCompiler::SdkFolder { pythonpath: s.zig.clone(), sdk, libclang }
    } else {
        let s = util::sdk::provision(root)?;
        verify::CCompiler::Zig { pythonpath: s.zig.clone() }
    };
    let arch = args.iter().position(|a| a == "--arch").and_then(|i| args.get(i + 1));
    let targets: Vec<_> = config::TARGETS.iter().filter(|t| arch.is_none_or(|a| a == t.arch)).collect();
    let bindgen = args.iter().any(|a| a == "--bindgen") || matches!(cc, verify::CCompiler::SdkFolder { .. });
    let reports = verify::verify_targets(root, &cc, &targets, bindgen)?;
    if args.iter().any(|a| a == "--drift-ok") {
        // Layout/constant drift from the stand-in SDK is reported; anything else fails.
        let verdict = checks::drift::judge(&reports);
        verify::print_summary(&reports);
        return verdict.map(|note| println!("{note}"));
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

#[cfg(test)]
mod config_tests {
    use crate::config::{Callbacks, glob};
    use std::collections::HashMap;

    #[test]
    fn glob_matches_whole_names() {
        assert!(glob("KERN_*", "KERN_SUCCESS"));
        assert!(glob("*_COUNT", "TASK_VM_INFO_COUNT"));
        assert!(glob("*_COUNT_*", "VM_REGION_BASIC_INFO_COUNT_64"));
        assert!(glob("PROC_PID*SIZE", "PROC_PIDPATHINFO_MAXSIZE"));
        assert!(!glob("KERN_*", "XKERN_SUCCESS"));
        assert!(!glob("*_COUNT", "TASK_COUNTER"));
        assert!(glob("TRUE", "TRUE") && !glob("TRUE", "TRUEX"));
    }

    #[test]
    fn macros_get_the_type_their_api_takes() {
        let mut homes = HashMap::new();
        for (n, h) in [
            ("KERN_SUCCESS", "mach/kern_return.h"),
            ("KERN_PROC", "sys/sysctl.h"),
            ("MACH_SEND_MSG", "mach/message.h"),
            ("MACH_SEND_INVALID_DEST", "mach/message.h"),
            ("TASK_VM_INFO_COUNT", "mach/task_info.h"),
            ("MACH_TASK_BASIC_INFO", "mach/task_info.h"),
            ("EV_ADD", "sys/event.h"),
            ("DISPATCH_TIME_FOREVER", "dispatch/time.h"),
        ] {
            homes.insert(n.to_string(), h.to_string());
        }
        let cb = Callbacks { homes, locations: None };
        assert_eq!(cb.macro_type("KERN_SUCCESS", 0), "kern_return_t");
        // Same prefix, another header: a sysctl name, plain int.
        assert_eq!(cb.macro_type("KERN_PROC", 14), "@int");
        assert_eq!(cb.macro_type("MACH_SEND_MSG", 1), "mach_msg_option_t");
        assert_eq!(cb.macro_type("MACH_SEND_INVALID_DEST", 0x1000_0003), "mach_msg_return_t");
        assert_eq!(cb.macro_type("TASK_VM_INFO_COUNT", 93), "mach_msg_type_number_t");
        assert_eq!(cb.macro_type("MACH_TASK_BASIC_INFO", 20), "task_flavor_t");
        assert_eq!(cb.macro_type("EV_ADD", 1), "u16");
        assert_eq!(cb.macro_type("DISPATCH_TIME_FOREVER", -1), "dispatch_time_t");
    }
}
