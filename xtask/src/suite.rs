//! `cargo xtask test`: everything, from a fresh machine. Installs the Rust
//! targets and the pinned stand-in SDK, then runs each step and prints a
//! summary. Exits non-zero if any step fails.

use crate::config::TARGETS;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

struct Steps {
    results: Vec<(String, bool, f64, String)>,
}

impl Steps {
    fn run(&mut self, name: &str, f: impl FnOnce() -> Result<String, String>) {
        println!("\n==> {name}");
        let t = Instant::now();
        let r = f();
        let secs = t.elapsed().as_secs_f64();
        match r {
            Ok(note) => {
                println!("ok   {name} ({secs:.1} s){}", if note.is_empty() { String::new() } else { format!(": {note}") });
                self.results.push((name.into(), true, secs, note));
            }
            Err(e) => {
                println!("FAIL {name} ({secs:.1} s):\n{e}");
                self.results.push((name.into(), false, secs, e.lines().next().unwrap_or("").into()));
            }
        }
    }
}

fn cargo() -> Command {
    Command::new(env!("CARGO"))
}

/// Runs `cmd`; Ok(stderr) on success, Err(stdout+stderr tail) otherwise.
fn sh(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    if out.status.success() {
        Ok(stderr)
    } else {
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr);
        let tail: Vec<&str> = all.lines().rev().take(40).collect();
        Err(format!("{cmd:?} failed:\n{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n")))
    }
}

/// Runs `cmd`, which must fail, and must say `expect` (one paragraph, no
/// panic backtrace).
fn expect_failure(cmd: &mut Command, expect: &str) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        return Err(format!("{cmd:?} succeeded; it should have failed with `{expect}`"));
    }
    if !stderr.contains(expect) {
        return Err(format!("{cmd:?} failed without saying `{expect}`:\n{stderr}"));
    }
    if stderr.contains("panicked at") || stderr.contains("stack backtrace") {
        return Err(format!("{cmd:?} panicked instead of explaining:\n{stderr}"));
    }
    Ok(String::new())
}

pub fn run(root: &Path) -> Result<(), String> {
    let t0 = Instant::now();
    let mut steps = Steps { results: Vec::new() };
    let target_dir = root.join("target");
    let stand_in = std::cell::RefCell::new(None);

    steps.run("install Rust targets (rustup)", || {
        let mut c = Command::new("rustup");
        c.args(["target", "add"]).args(TARGETS.iter().map(|t| t.rust));
        sh(&mut c).map(|_| TARGETS.iter().map(|t| t.rust).collect::<Vec<_>>().join(", "))
    });
    steps.run("provision the stand-in SDK and libclang (PyPI, into target/)", || {
        let s = crate::util::sdk::provision(root)?;
        let note = format!("macOS SDK {} headers, {} and {}", s.sdk_version(), crate::util::sdk::ZIGLANG, crate::util::sdk::LIBCLANG);
        *stand_in.borrow_mut() = Some(s);
        Ok(note)
    });
    let Some(s) = stand_in.into_inner() else {
        return Err("cannot go on without the stand-in SDK".into());
    };
    crate::util::sdk::use_libclang(&s);

    steps.run("tooling unit tests (cargo test -p xtask)", || sh(cargo().args(["test", "--quiet", "--release", "-p", "xtask"])).map(|_| String::new()));

    // The crate itself: -D warnings, on the host (empty crate) and both
    // Darwin targets, in a target dir of its own so the flags do not
    // invalidate other builds.
    let strict = target_dir.join("strict");
    for t in [None].into_iter().chain(TARGETS.iter().map(|t| Some(t.rust))) {
        let label = t.unwrap_or("host (Linux: the crate is empty)");
        steps.run(&format!("cargo check -D warnings: {label}, default and with feature `mig`"), || {
            for features in [&[][..], &["--features", "mig"][..]] {
                let mut c = cargo();
                c.args(["check", "--quiet", "-p", "darwin-sys"]).args(features).env("RUSTFLAGS", "-D warnings").env("CARGO_TARGET_DIR", &strict);
                if let Some(t) = t {
                    c.args(["--target", t]);
                }
                sh(&mut c)?;
            }
            Ok(String::new())
        });
    }
    steps.run("each family feature alone, and none, compiles with -D warnings (both targets)", || {
        let mut sets: Vec<String> = vec![String::new(), "mach,mig".into()];
        sets.extend(crate::config::FAMILIES.iter().map(|f| f.name.to_string()));
        for t in TARGETS {
            for set in &sets {
                let mut c = cargo();
                c.args(["check", "--quiet", "-p", "darwin-sys", "--no-default-features", "--target", t.rust])
                    .env("RUSTFLAGS", "-D warnings")
                    .env("CARGO_TARGET_DIR", &strict);
                if !set.is_empty() {
                    c.args(["--features", set]);
                }
                sh(&mut c).map_err(|e| format!("features [{set}] on {}: {e}", t.rust))?;
            }
        }
        Ok(format!("{} feature sets x {} targets", sets.len(), TARGETS.len()))
    });
    steps.run("floors: declared minimum dependencies and rust-version, and the latest (both targets)", || crate::checks::floors::check(root, &s));
    steps.run("constant types: no public _bindgen_ty_, mixed-type families reasoned, C idioms compile (both targets)", || crate::checks::constant_types::check(root));
    steps.run("living beside libc: `use libc::*; use darwin_sys::*;` names one item for every shared name (both targets)", || crate::checks::libc_glob::run(root));
    steps.run("every Apple target checks with -D warnings (stable, else nightly build-std); families per OS", || crate::checks::targets::run(root));
    steps.run("freshness: the generator reproduces the committed bindings byte for byte; every other Apple target's bindgen output is its ABI file's", || {
        crate::generation::generate::check_fresh(root, &s, crate::config::ABIS).map(|n| format!("{n} files"))
    });
    steps.run("required API: every name of required-api.txt resolves", || {
        let res = crate::checks::required::check(root)?;
        let bad: Vec<String> = res.iter().filter(|r| !r.2.is_empty()).map(|r| format!("{}: {}", r.0, r.2.join(" "))).collect();
        if bad.is_empty() {
            Ok(res.iter().map(|r| format!("{} {} names", r.0, r.1)).collect::<Vec<_>>().join(", "))
        } else {
            Err(format!("unresolved names:\n{}", bad.join("\n")))
        }
    });
    steps.run("skip patterns remove only what they claim (codegen/macros.rs SKIP_CLAIMS)", || crate::checks::macro_inventory::check_skips(root, &s));
    steps.run("macro inventory: every macro of the bound headers is bound, has an equivalent, or a reason", || crate::checks::macro_inventory::check_inventory(root, &s));
    let mut reports = Vec::new();
    steps.run("verify: layouts, constants, symbols, signatures, macro equivalents", || {
        let cc = crate::verify::CCompiler::Zig { pythonpath: s.zig.clone() };
        reports = crate::verify::verify_targets(root, &cc, &TARGETS.iter().collect::<Vec<_>>(), false)?;
        let bad: Vec<String> = reports.iter().flat_map(|r| r.mismatches.iter().map(move |m| format!("{}: {m}", r.target))).collect();
        if bad.is_empty() { Ok(String::new()) } else { Err(format!("{} mismatches:\n{}", bad.len(), bad.join("\n"))) }
    });
    steps.run("per OS: layouts and constants of one target of each OS (and two simulators), C against Rust", || crate::verify::per_os::check(root, &s.zig));
    steps.run("availability: per OS, what is bound compiles in C and what is gated away is unavailable", || crate::verify::availability::check(root, &s.zig));
    steps.run("symbols: what Mac Catalyst binds is exported for maccatalyst (libSystem.tbd)", || crate::verify::symbols::catalyst(root, &s.sdk()));
    steps.run("selftest: each checker reports a planted defect", || crate::checks::selftest::run(root, &s).map(|_| String::new()));
    steps.run("feature `bindgen`: build.rs against the stand-in equals the committed bindings", || bindgen_feature(root, &s));
    steps.run("feature `bindgen` honours the family features: `mach bindgen` has the Mach family only", || crate::checks::bindgen_families::run(root, &s));
    steps.run("clear errors for bad setups", || bad_setups(root, &s));
    steps.run("macOS runtime tests and examples compile and link (zig linker, libSystem.tbd)", || runtime_tests_link(root, &s));
    steps.run("workflows pass actionlint (with shellcheck), a retired runner label is caught", || crate::checks::actionlint::run(root));
    steps.run("simulated Mac: verify --host and --host --bindgen (xcrun, cc, Apple-format ld stub)", || crate::checks::mac_host::run(root, &s));
    steps.run("docs: cargo doc -D warnings for both targets (and --cfg docsrs on nightly), no raw HeaderDoc on any page", || crate::checks::docs::run(root));
    steps.run("package: cargo publish --dry-run builds the packaged crate alone, also with `bindgen mig`", || {
        sh(cargo().args(["publish", "--dry-run", "--allow-dirty", "--quiet", "-p", "darwin-sys", "--target", "aarch64-apple-darwin"])
            .env("CARGO_TARGET_DIR", target_dir.join("package")))?;
        // The build script's configuration (codegen/config, wrapper.h, compat/)
        // ships in the package: it regenerates from the packaged files.
        sh(cargo()
            .args(["publish", "--dry-run", "--allow-dirty", "--quiet", "-p", "darwin-sys", "--target", "aarch64-apple-darwin", "--features", "bindgen mig"])
            .env("CARGO_TARGET_DIR", target_dir.join("feature-bindgen"))
            .env("DARWIN_SYS_STAND_IN", &s.zig))
        .map(|_| String::new())
    });

    crate::verify::print_summary(&reports);
    println!("\n{:<80} {:>7}", "step", "secs");
    for (name, ok, secs, _) in &steps.results {
        println!("{:<80} {:>7.1} {}", name, secs, if *ok { "ok" } else { "FAILED" });
    }
    let failed = steps.results.iter().filter(|r| !r.1).count();
    let passed = steps.results.len() - failed;
    println!("\nwall time {:.1} s", t0.elapsed().as_secs_f64());
    println!("{passed} passed, {failed} failed");
    if failed > 0 { Err(format!("{failed} steps failed")) } else { Ok(()) }
}

/// `--features bindgen` with `DARWIN_SYS_STAND_IN`: build.rs runs bindgen
/// with the shared config; its output must equal the committed file.
pub fn bindgen_feature(root: &Path, s: &crate::util::sdk::StandIn) -> Result<String, String> {
    let dir = root.join("target").join("feature-bindgen");
    let mut notes = Vec::new();
    for t in TARGETS {
        sh(cargo()
            .args(["check", "--quiet", "-p", "darwin-sys", "--features", "bindgen mig", "--target", t.rust])
            .env("CARGO_TARGET_DIR", &dir)
            .env("DARWIN_SYS_STAND_IN", &s.zig)
            .env_remove("DARWIN_SYS_SDK")
            .env_remove("SDKROOT"))?;
        let main = crate::verify::newest_bindings(&dir.join(t.rust).join("debug").join("build"))?;
        for part in crate::config::Part::ALL {
            let built = std::fs::read_to_string(main.with_file_name(part.out_file())).map_err(|e| e.to_string())?;
            let committed = std::fs::read_to_string(crate::generation::generate::path(root, t, part)).map_err(|e| e.to_string())?;
            // The committed file less its header and its availability cfgs
            // (build.rs binds one target's SDK as it is): family tags included.
            let body = crate::generation::availability::strip(committed.split_once("\n\n").map(|x| x.1).unwrap_or(""));
            if built != body {
                return Err(format!("{}: build.rs output differs from the committed {} (below its header)", t.rust, part.file(t)));
            }
        }
        notes.push(format!("{} identical", t.rust));
    }
    Ok(notes.join(", "))
}

fn bad_setups(root: &Path, s: &crate::util::sdk::StandIn) -> Result<String, String> {
    let dir = root.join("target").join("feature-bindgen");
    let check = |target: &str, features: bool| {
        let mut c = cargo();
        c.args(["check", "-p", "darwin-sys", "--target", target]).env("CARGO_TARGET_DIR", &dir);
        c.env_remove("DARWIN_SYS_SDK").env_remove("SDKROOT").env_remove("DARWIN_SYS_STAND_IN");
        if features {
            c.args(["--features", "bindgen"]);
        }
        c
    };
    // A 32-bit Apple target, without committed bindings: rejected by build.rs.
    // (`--keep-going`: with no standard library for it installed, libc fails
    // to build too; the build script must still run and say why.)
    expect_failure(check("armv7s-apple-ios", false).arg("--keep-going"), "darwin-sys has no bindings for `armv7s-apple-ios`")?;
    // `bindgen` with an SDK path that does not exist.
    expect_failure(check("aarch64-apple-darwin", true).env("DARWIN_SYS_SDK", "/nonexistent/MacOSX.sdk"), "DARWIN_SYS_SDK is `/nonexistent/MacOSX.sdk`, which does not exist")?;
    // `bindgen` with a directory that is not an SDK.
    expect_failure(check("aarch64-apple-darwin", true).env("DARWIN_SYS_SDK", root.join("src")), "has no `mach/mach.h`")?;
    // `bindgen` with no SDK at all (no env, no xcrun on Linux).
    expect_failure(&mut check("aarch64-apple-darwin", true), "no macOS SDK found")?;
    // `bindgen` with the stand-in but no libclang to load.
    let empty = root.join("target").join("no-libclang");
    std::fs::create_dir_all(&empty).map_err(|e| e.to_string())?;
    expect_failure(
        check("aarch64-apple-darwin", true).env("DARWIN_SYS_STAND_IN", &s.zig).env("LIBCLANG_PATH", &empty),
        "libclang could not be loaded",
    )?;
    Ok("5 setups, each one paragraph".into())
}

/// The macOS-only runtime tests (`tests/runtime.rs`) are compiled and linked
/// here as real Mach-O test executables; they run in the macOS workflow.
fn runtime_tests_link(root: &Path, s: &crate::util::sdk::StandIn) -> Result<String, String> {
    let mut notes = Vec::new();
    for t in TARGETS {
        let cc = crate::verify::CCompiler::Zig { pythonpath: s.zig.clone() };
        let linker = crate::verify::linker_script(&cc, t, &root.join("target").join("verify").join(t.arch))?;
        let var = format!("CARGO_TARGET_{}_LINKER", t.rust.to_uppercase().replace('-', "_"));
        sh(cargo()
            .args(["test", "--quiet", "--no-run", "-p", "darwin-sys", "--target", t.rust])
            .env(var, linker)
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env("MACOSX_DEPLOYMENT_TARGET", if t.arch == "aarch64" { "11.0" } else { "10.12" }))?;
        let examples = crate::checks::examples::check_linked(root, &root.join("target"), t)?;
        notes.push(format!("{} (with {examples} examples)", t.rust));
    }
    Ok(format!("linked for {}", notes.join(", ")))
}
