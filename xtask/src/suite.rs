//! `cargo xtask test`: everything, from a fresh machine. Installs the Rust
//! targets and the pinned stand-in SDK, then runs each step and prints a
//! summary. Exits non-zero if any step fails.

use crate::config::{TARGETS, Target};
use crate::util::sdk::StandIn;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// What a step sees: the repository and the provisioned stand-in SDK.
pub struct Ctx<'a> {
    pub root: &'a Path,
    pub stand_in: &'a StandIn,
    /// verify's reports, kept for the summary table at the end.
    reports: RefCell<Vec<crate::verify::Report>>,
}

impl Ctx<'_> {
    fn target_dir(&self, name: &str) -> PathBuf {
        self.root.join("target").join(name)
    }
}

/// One step of the suite: `key` is what `--only` takes and the summary
/// prints; `run` returns a one-line note, or the failure's text.
pub struct Step {
    pub key: &'static str,
    pub title: &'static str,
    pub run: fn(&Ctx) -> Result<String, String>,
}

/// How a step went.
struct Outcome {
    key: &'static str,
    title: &'static str,
    ok: bool,
    secs: f64,
    /// CPU seconds of the step and the commands it ran (`util::cpu`).
    cpu: Option<f64>,
}

/// The suite, in order. Setup (Rust targets, stand-in SDK) runs before any
/// of them, also with `--only`.
pub const STEPS: &[Step] = &[
    Step { key: "unit", title: "tooling unit tests (cargo test -p xtask)", run: unit_tests },
    Step { key: "strict", title: "cargo check -D warnings: host (the crate is empty) and both macOS targets, default and with feature `mig`", run: strict },
    Step { key: "format", title: "cargo fmt --check: the hand-written code as rustfmt.toml formats it (generated files excepted)", run: format },
    Step { key: "clippy", title: "cargo clippy -D warnings on the hand-written code: both macOS targets, with feature `mig`, and the tooling", run: clippy },
    Step { key: "families", title: "each family feature alone, and none, compiles with -D warnings (both targets)", run: families },
    Step {
        key: "floors",
        title: "floors: declared minimum dependencies and rust-version, and the latest (both targets)",
        run: |c| crate::checks::floors::check(c.root, c.stand_in),
    },
    Step {
        key: "constant-types",
        title: "constant types: no public _bindgen_ty_, mixed-type families reasoned, C idioms compile (both targets)",
        run: |c| crate::checks::constant_types::check(c.root),
    },
    Step {
        key: "libc-glob",
        title: "living beside libc: `use libc::*; use darwin_sys::*;` names one item for every shared name (both targets)",
        run: |c| crate::checks::libc_glob::run(c.root),
    },
    Step {
        key: "targets",
        title: "every Apple target checks with -D warnings (stable, else nightly build-std); families per OS",
        run: |c| crate::checks::targets::run(c.root),
    },
    Step {
        key: "fresh",
        title: "freshness: the generator reproduces the committed bindings byte for byte; every other Apple target's bindgen output is its ABI file's",
        run: |c| fresh(c, true),
    },
    Step { key: "required", title: "required API: every name of required-api.txt resolves", run: required },
    Step {
        key: "skips",
        title: "skip patterns remove only what they claim (codegen/macros.rs SKIP_CLAIMS); every INT_RULES rule types some macro",
        run: |c| crate::checks::macro_inventory::check_skips(c.root, c.stand_in),
    },
    Step {
        key: "macros",
        title: "macro inventory: every macro of the bound headers is bound, has an equivalent, or a reason",
        run: |c| crate::checks::macro_inventory::check_inventory(c.root, c.stand_in),
    },
    Step {
        key: "verify",
        title: "verify: layouts, constants, symbols, signatures, macro equivalents (both macOS targets)",
        run: |c| verify(c, TARGETS.iter().collect()),
    },
    Step {
        key: "per-os",
        title: "per OS: layouts and constants of one target of each OS (and two simulators), C against Rust",
        run: |c| crate::verify::per_os::check(c.root, &c.stand_in.zig),
    },
    Step {
        key: "availability",
        title: "availability: per OS, what is bound compiles in C and what is gated away is unavailable",
        run: |c| crate::verify::availability::check(c.root, &c.stand_in.zig),
    },
    Step {
        key: "catalyst",
        title: "symbols: what Mac Catalyst binds is exported for maccatalyst (libSystem.tbd)",
        run: |c| crate::verify::symbols::catalyst(c.root, &c.stand_in.sdk()),
    },
    Step {
        key: "selftest",
        title: "selftest: each checker reports a planted defect",
        run: |c| crate::checks::selftest::run(c.root, c.stand_in).map(|_| String::new()),
    },
    Step {
        key: "bindgen",
        title: "feature `bindgen`: build.rs against the stand-in equals the committed bindings",
        run: |c| bindgen_feature(c.root, c.stand_in),
    },
    Step {
        key: "sdks",
        title: "feature `bindgen` against the older macOS SDKs (13, 14.0, 15.5, 26.4), both targets, no warnings; drift by name",
        run: |c| crate::checks::sdks::run(c.root, c.stand_in),
    },
    Step {
        key: "bindgen-families",
        title: "feature `bindgen` honours the family features: `mach bindgen` has the Mach family only",
        run: |c| crate::checks::bindgen_families::run(c.root, c.stand_in),
    },
    Step { key: "bad-setups", title: "clear errors for bad setups", run: |c| bad_setups(c.root, c.stand_in) },
    Step {
        key: "link",
        title: "macOS runtime tests and examples compile and link (zig linker, libSystem.tbd)",
        run: |c| runtime_tests_link(c.root, c.stand_in),
    },
    Step {
        key: "actionlint",
        title: "workflows pass actionlint (with shellcheck), a retired runner label is caught",
        run: |c| crate::checks::actionlint::run(c.root),
    },
    Step {
        key: "mac-host",
        title: "simulated Mac: verify --host and --host --bindgen (xcrun, cc, Apple-format ld stub)",
        run: |c| crate::checks::mac_host::run(c.root, c.stand_in),
    },
    Step {
        key: "docs",
        title: "docs: cargo doc -D warnings for both targets (and --cfg docsrs on nightly), no raw HeaderDoc on any page",
        run: |c| crate::checks::docs::run(c.root),
    },
    Step { key: "package", title: "package: cargo publish --dry-run builds the packaged crate alone, also with `bindgen mig`", run: package },
];

/// The inner loop (`cargo xtask check`): the crate on both macOS targets,
/// the tooling's unit tests, freshness of the three ABI files, verify of one.
pub const CHECK: &[Step] = &[
    Step { key: "strict", title: "cargo check -D warnings: host and both macOS targets, default and `mig`", run: strict },
    Step { key: "format", title: "cargo fmt --check (hand-written code)", run: format },
    Step { key: "unit", title: "tooling unit tests (dev profile, incremental)", run: unit_tests_incremental },
    Step { key: "fresh", title: "freshness of the committed bindings (the files of the three ABIs)", run: |c| fresh(c, false) },
    Step { key: "verify", title: "verify aarch64-apple-darwin", run: |c| verify(c, vec![&TARGETS[0]]) },
];

/// The tooling's unit tests, in the release profile, whose dependencies the
/// `cargo xtask` binary has already built (a cold suite compiles them once).
fn unit_tests(_: &Ctx) -> Result<String, String> {
    sh(cargo().args(["test", "--quiet", "--release", "-p", "xtask"])).map(|_| String::new())
}

/// The same tests in the dev profile, whose incremental builds make the
/// inner loop's rebuild after an edit seconds, not a minute.
fn unit_tests_incremental(_: &Ctx) -> Result<String, String> {
    sh(cargo().args(["test", "--quiet", "-p", "xtask"])).map(|_| String::new())
}

/// `cargo check` with `-D warnings` and `features`, for `target` (None:
/// the host), in `target/strict` (the flags would invalidate other builds).
fn check_strict(c: &Ctx, target: Option<&str>, features: &[&str]) -> Result<String, String> {
    let mut cmd = cargo();
    cmd.args(["check", "--quiet", "-p", "darwin-sys"]).args(features).env("RUSTFLAGS", "-D warnings").env("CARGO_TARGET_DIR", c.target_dir("strict"));
    if let Some(t) = target {
        cmd.args(["--target", t]);
    }
    sh(&mut cmd)
}

fn strict(c: &Ctx) -> Result<String, String> {
    let mut done = Vec::new();
    for t in [None].into_iter().chain(TARGETS.iter().map(|t| Some(t.rust))) {
        for features in [&[][..], &["--features", "mig"][..]] {
            check_strict(c, t, features).map_err(|e| format!("{} {features:?}: {e}", t.unwrap_or("host")))?;
        }
        done.push(t.unwrap_or("host"));
    }
    Ok(done.join(", "))
}

/// `cargo fmt --all --check` (the component installed first). The generated
/// files are `include!`d, which rustfmt does not follow: they are not checked.
fn format(_: &Ctx) -> Result<String, String> {
    sh(Command::new("rustup").args(["component", "add", "rustfmt"]))?;
    sh(cargo().args(["fmt", "--all", "--check"])).map(|_| "darwin-sys and xtask".into())
}

/// `cargo clippy -- -D warnings` for both macOS targets with feature
/// `mig` (the generated modules allow `clippy::all`, the hand-written code
/// does not), and for the tooling (`xtask`, with the `codegen/` files it
/// includes, which the build script shares), in `target/clippy`; installs
/// the component first.
fn clippy(c: &Ctx) -> Result<String, String> {
    sh(Command::new("rustup").args(["component", "add", "clippy"]))?;
    let mut done = Vec::new();
    for t in TARGETS {
        let mut cmd = cargo();
        cmd.args(["clippy", "--quiet", "-p", "darwin-sys", "--target", t.rust, "--features", "mig", "--", "-D", "warnings"])
            .env("CARGO_TARGET_DIR", c.target_dir("clippy"));
        sh(&mut cmd).map_err(|e| format!("{}: {e}", t.rust))?;
        done.push(t.rust);
    }
    let mut cmd = cargo();
    cmd.args(["clippy", "--quiet", "-p", "xtask", "--tests", "--", "-D", "warnings"]).env("CARGO_TARGET_DIR", c.target_dir("clippy"));
    sh(&mut cmd).map_err(|e| format!("xtask: {e}"))?;
    done.push("xtask and codegen/");
    Ok(done.join(", "))
}

fn families(c: &Ctx) -> Result<String, String> {
    let mut sets: Vec<String> = vec![String::new(), "mach,mig".into()];
    sets.extend(crate::config::FAMILIES.iter().map(|f| f.name.to_string()));
    for t in TARGETS {
        for set in &sets {
            let features: Vec<&str> = if set.is_empty() { vec!["--no-default-features"] } else { vec!["--no-default-features", "--features", set] };
            check_strict(c, Some(t.rust), &features).map_err(|e| format!("features [{set}] on {}: {e}", t.rust))?;
        }
    }
    Ok(format!("{} feature sets x {} targets", sets.len(), TARGETS.len()))
}

/// Freshness of every ABI file; `prove_sharing`: also that every other
/// Apple target's bindgen output is its ABI file's (the slow part).
fn fresh(c: &Ctx, prove_sharing: bool) -> Result<String, String> {
    crate::generation::generate::check_fresh(c.root, c.stand_in, crate::config::ABIS, prove_sharing).map(|n| format!("{n} files"))
}

fn required(c: &Ctx) -> Result<String, String> {
    let res = crate::checks::required::check(c.root)?;
    let bad: Vec<String> = res.iter().filter(|r| !r.missing.is_empty()).map(|r| format!("{}: {}", r.target, r.missing.join(" "))).collect();
    if bad.is_empty() {
        Ok(res.iter().map(|r| format!("{} {} names", r.target, r.checked)).collect::<Vec<_>>().join(", "))
    } else {
        Err(format!("unresolved names:\n{}", bad.join("\n")))
    }
}

fn verify(c: &Ctx, targets: Vec<&Target>) -> Result<String, String> {
    let cc = crate::verify::CCompiler::Zig { pythonpath: c.stand_in.zig.clone() };
    let reports = crate::verify::verify_targets(c.root, &cc, &targets, false)?;
    let bad: Vec<String> = reports.iter().flat_map(|r| r.mismatches.iter().map(move |m| format!("{}: {m}", r.target))).collect();
    c.reports.borrow_mut().extend(reports);
    if bad.is_empty() { Ok(String::new()) } else { Err(format!("{} mismatches:\n{}", bad.len(), bad.join("\n"))) }
}

fn package(c: &Ctx) -> Result<String, String> {
    sh(cargo()
        .args(["publish", "--dry-run", "--allow-dirty", "--quiet", "-p", "darwin-sys", "--target", "aarch64-apple-darwin"])
        .env("CARGO_TARGET_DIR", c.target_dir("package")))?;
    // The build script's configuration (codegen/, wrapper.h) ships in the
    // package: it regenerates from the packaged files.
    sh(cargo()
        .args(["publish", "--dry-run", "--allow-dirty", "--quiet", "-p", "darwin-sys", "--target", "aarch64-apple-darwin", "--features", "bindgen mig"])
        .env("CARGO_TARGET_DIR", crate::util::sdk::feature_bindgen_dir(c.root))
        .env("DARWIN_SYS_STAND_IN", &c.stand_in.zig))
    .map(|_| String::new())
}

/// Setup every run needs: the Rust targets and the stand-in SDK.
fn setup(root: &Path) -> Result<StandIn, String> {
    println!("==> install Rust targets (rustup)");
    let mut c = Command::new("rustup");
    c.args(["target", "add"]).args(TARGETS.iter().map(|t| t.rust));
    sh(&mut c)?;
    println!("==> provision the stand-in SDK and libclang (PyPI, into target/)");
    let s = crate::util::sdk::provision(root)?;
    println!("macOS SDK {} headers, {} and {}", s.sdk_version()?, crate::util::sdk::ZIGLANG, crate::util::sdk::LIBCLANG);
    crate::util::sdk::use_libclang(&s);
    Ok(s)
}

/// `cargo xtask test [--list | --only STEP...]`.
pub fn cmd(root: &Path, args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        None => run(root, STEPS.iter().collect()),
        Some("--list") => {
            for s in STEPS {
                println!("{:<18} {}", s.key, s.title);
            }
            Ok(())
        }
        Some("--only") if args.len() > 1 => {
            let mut chosen = Vec::new();
            for a in &args[1..] {
                let step = STEPS
                    .iter()
                    .find(|s| s.key == a)
                    .ok_or_else(|| format!("no step `{a}`; the steps are: {}", STEPS.iter().map(|s| s.key).collect::<Vec<_>>().join(" ")))?;
                chosen.push(step);
            }
            run(root, chosen)
        }
        Some(other) => Err(format!("usage: cargo xtask test [--list | --only STEP...] (got `{other}`)")),
    }
}

/// Runs `steps` after setup, then prints a summary; Err if any failed.
pub fn run(root: &Path, steps: Vec<&Step>) -> Result<(), String> {
    let t0 = Instant::now();
    let cpu0 = crate::util::cpu::used();
    let stand_in = setup(root)?;
    let ctx = Ctx { root, stand_in: &stand_in, reports: RefCell::new(Vec::new()) };
    let mut outcomes = Vec::new();
    for step in steps {
        println!("\n==> {} ({})", step.title, step.key);
        let t = Instant::now();
        let cpu0 = crate::util::cpu::used();
        let r = (step.run)(&ctx);
        let secs = t.elapsed().as_secs_f64();
        let cpu = crate::util::cpu::since(cpu0);
        match &r {
            Ok(note) if note.is_empty() => println!("ok   {} ({secs:.1} s)", step.key),
            Ok(note) => println!("ok   {} ({secs:.1} s): {note}", step.key),
            Err(e) => println!("FAIL {} ({secs:.1} s):\n{e}", step.key),
        }
        outcomes.push(Outcome { key: step.key, title: step.title, ok: r.is_ok(), secs, cpu });
    }
    crate::verify::print_summary(&ctx.reports.borrow());
    println!("\n{:<18} {:>7} {:>7}  {:<6} what it proves", "step", "secs", "cpu s", "result");
    for o in &outcomes {
        let title: String = o.title.chars().take(90).collect();
        let cpu = o.cpu.map_or("-".to_string(), |c| format!("{c:.1}"));
        println!("{:<18} {:>7.1} {cpu:>7}  {:<6} {title}", o.key, o.secs, if o.ok { "ok" } else { "FAILED" });
    }
    let failed = outcomes.iter().filter(|o| !o.ok).count();
    let cpu = crate::util::cpu::since(cpu0).map_or(String::new(), |c| format!(", CPU {c:.1} s (setup and steps)"));
    println!("\nwall time {:.1} s{cpu}", t0.elapsed().as_secs_f64());
    println!("{} passed, {failed} failed", outcomes.len() - failed);
    if failed > 0 { Err(format!("{failed} steps failed")) } else { Ok(()) }
}

use crate::util::cmd::cargo;

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

/// `--features bindgen` with `DARWIN_SYS_STAND_IN`: build.rs runs bindgen
/// with the shared config; its output must equal the committed file.
pub fn bindgen_feature(root: &Path, s: &crate::util::sdk::StandIn) -> Result<String, String> {
    let dir = crate::util::sdk::feature_bindgen_dir(root);
    let mut notes = Vec::new();
    for t in TARGETS {
        let main = crate::verify::darwin_sys_out_dir(
            cargo()
                .args(["check", "--quiet", "-p", "darwin-sys", "--features", "bindgen mig", "--target", t.rust])
                .env("CARGO_TARGET_DIR", &dir)
                .env("DARWIN_SYS_STAND_IN", &s.zig)
                .env_remove("DARWIN_SYS_SDK")
                .env_remove("SDKROOT"),
        )?
        .join("bindings.rs");
        for part in crate::config::Part::ALL {
            let built = std::fs::read_to_string(main.with_file_name(part.out_file())).map_err(|e| e.to_string())?;
            let committed = std::fs::read_to_string(crate::generation::generate::path(root, t, part)).map_err(|e| e.to_string())?;
            // The committed file less its header, as it reads on the
            // target's OS (build.rs binds one target's SDK and leaves out
            // what clang calls unavailable there): family tags included.
            let body = crate::generation::availability::for_os(committed.split_once("\n\n").map(|x| x.1).unwrap_or(""), t.os)?;
            if let Some(at) = crate::util::cmd::first_difference(&built, &body) {
                return Err(format!("{}: build.rs output differs from the committed {} (below its header):\n{at}", t.rust, part.file(t)));
            }
        }
        notes.push(format!("{} identical", t.rust));
    }
    Ok(notes.join(", "))
}

fn bad_setups(root: &Path, s: &crate::util::sdk::StandIn) -> Result<String, String> {
    let dir = crate::util::sdk::feature_bindgen_dir(root);
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
    expect_failure(
        check("aarch64-apple-darwin", true).env("DARWIN_SYS_SDK", "/nonexistent/MacOSX.sdk"),
        "DARWIN_SYS_SDK is `/nonexistent/MacOSX.sdk`, which does not exist",
    )?;
    // `bindgen` with a directory that is not an SDK.
    expect_failure(check("aarch64-apple-darwin", true).env("DARWIN_SYS_SDK", root.join("src")), "has no `usr/include/mach/mach.h`")?;
    // `bindgen` with no SDK at all (no env, no xcrun on Linux).
    expect_failure(&mut check("aarch64-apple-darwin", true), "no macOS SDK found")?;
    // `bindgen` with the stand-in but no libclang to load.
    let empty = root.join("target").join("no-libclang");
    std::fs::create_dir_all(&empty).map_err(|e| e.to_string())?;
    expect_failure(check("aarch64-apple-darwin", true).env("DARWIN_SYS_STAND_IN", &s.zig).env("LIBCLANG_PATH", &empty), "libclang could not be loaded")?;
    // `bindgen` with no rustfmt to format bindgen's output.
    expect_failure(check("aarch64-apple-darwin", true).env("DARWIN_SYS_STAND_IN", &s.zig).env("RUSTFMT", root.join("target").join("no-rustfmt")), "rustfmt")?;
    // `bindgen` with a stand-in folder that holds no ziglang macOS headers.
    let bare = root.join("target").join("bad-setups").join("bare-stand-in");
    std::fs::create_dir_all(bare.join("ziglang").join("lib")).map_err(|e| e.to_string())?;
    expect_failure(check("aarch64-apple-darwin", true).env("DARWIN_SYS_STAND_IN", &bare), "is not a ziglang wheel with macOS headers")?;
    // `bindgen` with a macOS SDK older than the supported range, and one
    // laid out as Xcode's with PyPI libclang and no clang resource headers.
    let sdk = |name: &str, version: &str| -> Result<PathBuf, String> {
        let dir = root.join("target").join("bad-setups").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("usr").join("lib")).map_err(|e| e.to_string())?;
        let pinned = crate::util::sdk::pinned_sdk(&s.zig);
        std::os::unix::fs::symlink(pinned.include_dir(), dir.join("usr").join("include")).map_err(|e| e.to_string())?;
        std::os::unix::fs::symlink(pinned.libsystem_tbd(), dir.join("usr").join("lib").join("libSystem.tbd")).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("SDKSettings.json"), format!("{{\"Version\": \"{version}\"}}\n")).map_err(|e| e.to_string())?;
        Ok(dir)
    };
    expect_failure(check("aarch64-apple-darwin", true).env("DARWIN_SYS_SDK", sdk("MacOSX12.3.sdk", "12.3")?), "supports the macOS SDKs 13 to 27")?;
    // (A machine with a system clang has its resource headers: that case
    // then builds, and is not one.)
    let cargo_dir = Path::new(env!("CARGO")).parent().map(Path::to_path_buf).unwrap_or_default();
    let system_clang = ["/usr/bin/clang", "/bin/clang"].iter().any(|c| Path::new(c).exists());
    if !system_clang {
        expect_failure(
            check("aarch64-apple-darwin", true)
                .env("DARWIN_SYS_SDK", sdk("MacOSX27.0.sdk", "27.0")?)
                .env("LIBCLANG_PATH", &s.libclang)
                .env("PATH", format!("{}:/usr/bin:/bin", cargo_dir.display()))
                .env_remove("CLANG_PATH")
                .env_remove("BINDGEN_EXTRA_CLANG_ARGS"),
            "clang's resource headers",
        )?;
    }
    Ok(format!("{} setups, each one paragraph", if system_clang { "8 (a system clang is installed: not the missing resource headers)" } else { "9" }))
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
