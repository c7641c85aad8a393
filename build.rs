//! darwin-sys build script.
//!
//! Default build: nothing to generate. The committed bindings under
//! `src/generated/` are used (one file per ABI: `aarch64`, `x86_64`,
//! `arm64_32`); this script only rejects the 32-bit Apple targets, which have
//! none, with a message that says what to do.
//!
//! Feature `bindgen`: run bindgen over `wrapper.h` with the rules of
//! `codegen/config` (the same ones the generator uses) against the user's SDK,
//! post-process it as the generator does (`codegen/postprocess.rs`: each item tagged
//! with its family's feature, so the family features still choose), and
//! write `$OUT_DIR/bindings.rs`, which the crate then uses.

#[cfg(feature = "bindgen")]
#[path = "codegen/config/mod.rs"]
mod config;
// The generator's own post-processing (retyping, libc re-exports, family
// tags), so the output equals the committed bindings.
#[cfg(feature = "bindgen")]
#[path = "codegen/postprocess.rs"]
mod postprocess;
// What clang calls unavailable for the target, as the generator reads it.
#[cfg(feature = "bindgen")]
#[path = "codegen/unavailable.rs"]
mod unavailable;
// Where clang's resource headers are when libclang does not find its own.
#[cfg(feature = "bindgen")]
#[path = "codegen/resource_headers.rs"]
mod resource_headers;
// Names the hand-written code needs that some SDKs lack.
#[path = "codegen/sdk_dependent.rs"]
mod sdk_dependent;

use std::env;

/// Prints one actionable paragraph and stops the build, without a backtrace.
fn fail(msg: &str) -> ! {
    eprintln!("\nerror: {msg}\n");
    std::process::exit(1);
}

/// The Apple architectures with committed bindings (`CARGO_CFG_TARGET_ARCH`):
/// every 64-bit Apple target, and `arm64_32` (which Rust calls `aarch64` with
/// 32-bit pointers).
const SUPPORTED: &[&str] = &["aarch64", "x86_64"];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Rust has no cfg that tells arm64e from arm64; the thread-state
    // accessors differ (src/inline/arm64e.rs).
    println!("cargo::rustc-check-cfg=cfg(darwin_sys_arm64e)");
    println!("{}", sdk_dependent::check_cfg());
    if env::var("TARGET").is_ok_and(|t| t.starts_with("arm64e-")) {
        println!("cargo::rustc-cfg=darwin_sys_arm64e");
    }
    let vendor = env::var("CARGO_CFG_TARGET_VENDOR").unwrap_or_default();
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let target = env::var("TARGET").unwrap_or_default();
    if vendor != "apple" {
        // Not an Apple target: the crate is empty.
        return;
    }
    if !SUPPORTED.contains(&arch.as_str()) {
        fail(&format!(
            "darwin-sys has no bindings for `{target}`: it binds the 64-bit Apple targets \
             (macOS, iOS and its simulators, Mac Catalyst, tvOS, watchOS, visionOS, arm64e) and \
             arm64_32 watchOS, not the 32-bit `{arch}` ones (armv7k, armv7s, i386, i686), whose \
             layouts differ and whose SDKs Xcode no longer ships. Build for a 64-bit target, or \
             make darwin-sys a dependency only under \
             `[target.'cfg(all(target_vendor = \"apple\", any(target_arch = \"aarch64\", target_arch = \"x86_64\")))'.dependencies]`."
        ));
    }
    #[cfg(feature = "bindgen")]
    build_time::run(&target);
}

#[cfg(feature = "bindgen")]
mod build_time {
    use super::{config, fail, postprocess, resource_headers, unavailable};
    use std::env;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    /// A readable name of an Xcode SDK.
    fn sdk_label(name: &str) -> &str {
        if name == "macosx" { "macOS" } else { name }
    }

    /// The SDK, in order: `DARWIN_SYS_SDK`, `SDKROOT`, `xcrun --sdk <the
    /// target's SDK> --show-sdk-path` (`iphoneos`, `iphonesimulator`,
    /// `appletvos`, ..., `macosx` for macOS and Mac Catalyst), then a
    /// stand-in (an unpacked PyPI `ziglang` wheel) named by
    /// `DARWIN_SYS_STAND_IN`.
    fn find_sdk(target: &config::Target) -> config::Sdk {
        let name = target.sdk_name();
        let label = sdk_label(name);
        for var in ["DARWIN_SYS_SDK", "SDKROOT", "DARWIN_SYS_STAND_IN"] {
            println!("cargo:rerun-if-env-changed={var}");
        }
        for var in ["DARWIN_SYS_SDK", "SDKROOT"] {
            if let Some(p) = env::var_os(var).filter(|p| !p.is_empty()) {
                let p = PathBuf::from(p);
                if !p.is_dir() {
                    fail(&format!(
                        "darwin-sys (feature `bindgen`): {var} is `{}`, which does not exist. \
                         Point it at the {label} SDK directory for `{}` (for example the output of \
                         `xcrun --sdk {name} --show-sdk-path`), or unset it.",
                        p.display(),
                        target.rust
                    ));
                }
                return full_sdk(p);
            }
        }
        if let Ok(out) = Command::new("xcrun").args(["--sdk", name, "--show-sdk-path"]).output() {
            let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if out.status.success() && !p.is_empty() && Path::new(&p).is_dir() {
                return full_sdk(PathBuf::from(p));
            }
        }
        if let Some(p) = env::var_os("DARWIN_SYS_STAND_IN").filter(|p| !p.is_empty()) {
            let p = PathBuf::from(p);
            if !p.join("ziglang").is_dir() {
                fail(&format!(
                    "darwin-sys (feature `bindgen`): DARWIN_SYS_STAND_IN is `{}`, which holds no \
                     `ziglang/` folder. Point it at a folder made by \
                     `python3 -m pip install --target DIR ziglang==0.17.1`.",
                    p.display()
                ));
            }
            return config::Sdk::stand_in(&p, target.arch).unwrap_or_else(|e| fail(&format!("{e} (DARWIN_SYS_STAND_IN, feature `bindgen`)")));
        }
        fail(&format!(
            "darwin-sys (feature `bindgen`): no {label} SDK found for `{}`. Set DARWIN_SYS_SDK (or \
             SDKROOT) to that SDK's directory, install Xcode (or, for macOS, the Command Line \
             Tools) so that `xcrun --sdk {name} --show-sdk-path` answers, or set \
             DARWIN_SYS_STAND_IN to a folder made by `python3 -m pip install --target DIR \
             ziglang==0.17.1`. Without the `bindgen` feature the committed bindings need no SDK \
             at all.",
            target.rust
        ))
    }

    /// A real SDK at `root`, with clang's resource headers from beside the
    /// libclang bindgen loads when they are in a folder libclang does not
    /// search itself (PyPI `libclang-ng`'s `resource/include`).
    fn full_sdk(root: PathBuf) -> config::Sdk {
        let builtins = resource_headers::libclang_dir().and_then(|d| resource_headers::beside_libclang(&d));
        config::Sdk::Full { root, builtins }
    }

    /// The target's clang triple at the deployment version of its OS's
    /// variable (`IPHONEOS_DEPLOYMENT_TARGET`, ...), if set: the SDK's
    /// availability markup is read for that version.
    fn clang_triple(target: &config::Target) -> String {
        let var = target.os.deployment_env();
        println!("cargo:rerun-if-env-changed={var}");
        let Some(v) = env::var(var).ok().filter(|v| !v.is_empty()) else {
            return target.clang.to_string();
        };
        let parts: Vec<&str> = v.split('.').collect();
        if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            fail(&format!(
                "darwin-sys (feature `bindgen`): {var} is `{v}`, which is not a version. Set it \
                 to one like `17.0`, or unset it to use the oldest {} version Rust supports.",
                target.os.name()
            ));
        }
        // `arm64-apple-ios14.0-simulator`: swap the digits after the OS name.
        let (head, rest) = target.clang.split_once("-apple-").expect("Apple triple");
        let os: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let suffix = rest[os.len()..].trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        format!("{head}-apple-{os}{v}{suffix}")
    }

    pub fn run(rust_target: &str) {
        let Some(base) = config::target_by_rust(rust_target) else {
            fail(&format!(
                "darwin-sys (feature `bindgen`): `{rust_target}` is not among the Apple targets \
                 codegen/config knows (TARGETS, APPLE_TARGETS), so its clang triple and SDK are \
                 unknown. Build without the `bindgen` feature (the committed bindings of its ABI \
                 serve it), or add it to APPLE_TARGETS."
            ))
        };
        let clang: &'static str = Box::leak(clang_triple(base).into_boxed_str());
        let target = &config::Target { clang, ..*base };
        let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap());
        let out = PathBuf::from(env::var_os("OUT_DIR").unwrap());
        let sdk = find_sdk(target);
        if let Err(e) = sdk.validate() {
            fail(&e);
        }
        // macOS and Mac Catalyst build with the macOS SDK, whose supported
        // range is known; an SDK that does not say its version is taken.
        if matches!(target.os, config::Os::MacOs | config::Os::MacCatalyst) {
            if let Some(v) = sdk.version() {
                let at = match &sdk {
                    config::Sdk::Full { root, .. } => root.clone(),
                    config::Sdk::StandIn { .. } => sdk.include_dir(),
                };
                config::check_macos_sdk_version(&v, &at.display().to_string()).unwrap_or_else(|e| fail(&e));
            }
        }
        for f in ["codegen", "wrapper.h"] {
            println!("cargo:rerun-if-changed={}", root.join(f).display());
        }
        println!("cargo:rerun-if-env-changed=LIBCLANG_PATH");
        require_rustfmt();
        let mut timings = Timings::default();
        // What this target cannot use is left out: what clang calls
        // unavailable, and what the SDK's libSystem does not export.
        let mut left_out = timings.time("unavailable (libclang)", || unavailable_here(&sdk, target, &root));
        left_out.extend(timings.time("exports (bindgen, functions only)", || unexported_here(&sdk, target, &root, &out)));
        // The MIG part only with feature `mig`.
        let parts: &[config::Part] = if env::var_os("CARGO_FEATURE_MIG").is_some() { &config::Part::ALL } else { &[config::Part::Main] };
        for &part in parts {
            let sink = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            let opts = config::Options { sdk: &sdk, target, crate_root: &root, scratch: &out, part, locations: Some(sink.clone()), left_out: &left_out };
            generate(&opts, &sink, &out.join(part.out_file()), &mut timings);
        }
        timings.write(&out.join("timings.txt"));
        // The hand-written items that name what this SDK lacks go too.
        let main = std::fs::read_to_string(out.join(config::Part::Main.out_file())).unwrap_or_default();
        for name in super::sdk_dependent::lacking(&main) {
            println!("cargo::rustc-cfg=darwin_sys_lacks=\"{name}\"");
        }
    }

    /// The functions and statics the SDK's own `libSystem.tbd` (a real
    /// SDK's or the stand-in's) does not export for `target`
    /// (`config::sdk_not_exported`); a warning when it has no export list
    /// for the target.
    fn unexported_here(sdk: &config::Sdk, target: &config::Target, root: &Path, out: &Path) -> Vec<String> {
        let tbd = sdk.libsystem_tbd();
        println!("cargo:rerun-if-changed={}", tbd.display());
        let opts = config::Options { sdk, target, crate_root: root, scratch: out, part: config::Part::Main, locations: None, left_out: &[] };
        config::sdk_not_exported(&opts).unwrap_or_else(|| {
            println!(
                "cargo:warning=darwin-sys: no readable libSystem export list for {} at {}; only \
                 codegen/config NOT_EXPORTED is left out, so a binding may name a symbol this SDK \
                 does not export",
                target.rust,
                tbd.display()
            );
            Vec::new()
        })
    }

    /// The functions and statics clang calls unavailable for `target` (at
    /// its deployment version), read with the arguments bindgen will use:
    /// the shared ones, `BINDGEN_EXTRA_CLANG_ARGS` (target-specific first)
    /// and the C search paths of a `clang` found beside libclang, as
    /// bindgen adds them. Left out of the bindings, as the generator gates
    /// them away from that OS.
    fn unavailable_here(sdk: &config::Sdk, target: &config::Target, root: &Path) -> Vec<String> {
        let mut args = sdk.clang_args(target, root);
        let tgt = env::var("TARGET").unwrap_or_default();
        let extra =
            [format!("BINDGEN_EXTRA_CLANG_ARGS_{tgt}"), format!("BINDGEN_EXTRA_CLANG_ARGS_{}", tgt.replace('-', "_")), "BINDGEN_EXTRA_CLANG_ARGS".into()]
                .into_iter()
                .find_map(|v| env::var(v).ok());
        args.extend(extra.iter().flat_map(|e| e.split_whitespace().map(String::from)));
        let not_includes: Vec<String> = args.iter().filter(|a| !a.starts_with("-I")).cloned().collect();
        if let Some(paths) = unavailable::clang_sys::support::Clang::find(None, &not_includes).and_then(|c| c.c_search_paths) {
            args.extend(paths.iter().flat_map(|p| ["-isystem".to_string(), p.display().to_string()]));
        }
        match unavailable::unavailable_for(&root.join("wrapper.h"), &[args], None) {
            Ok(mut sets) => sets.pop().unwrap_or_default().into_iter().collect(),
            Err(unavailable::Failure::Load(why)) => libclang_missing(&why),
            Err(unavailable::Failure::Parse(e)) => parse_failed(&e),
        }
    }

    /// bindgen formats the bindings with rustfmt (`RUSTFMT`, else the
    /// toolchain's), and the text steps read them line by line: without it
    /// bindgen leaves them on a handful of lines. A minimal rustup profile
    /// has no rustfmt.
    fn require_rustfmt() {
        println!("cargo:rerun-if-env-changed=RUSTFMT");
        let rustfmt = env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
        let ok = Command::new(&rustfmt).arg("--version").output().map(|o| o.status.success());
        if !matches!(ok, Ok(true)) {
            fail(&format!(
                "darwin-sys (feature `bindgen`): rustfmt (`{}`) does not run for this toolchain. bindgen \
                 formats the bindings with it, and darwin-sys reads them line by line. Install it with \
                 `rustup component add rustfmt` (a minimal rustup profile has none), or set RUSTFMT to a \
                 rustfmt binary.",
                std::path::Path::new(&rustfmt).display()
            ));
        }
    }

    fn libclang_missing(why: &str) -> ! {
        fail(&format!(
            "darwin-sys (feature `bindgen`): libclang could not be loaded ({}). Install \
             libclang (Xcode's, `apt install libclang-dev`, or PyPI `libclang`) and set \
             LIBCLANG_PATH to the folder holding libclang.dylib or libclang.so.",
            why.lines().next().unwrap_or("unknown reason")
        ))
    }

    fn parse_failed(e: &str) -> ! {
        // clang's own headers, which come with clang, not with the SDK.
        if let Some(h) = ["stdbool.h", "stddef.h", "stdarg.h", "stdint.h", "float.h"].iter().find(|h| e.contains(&format!("'{h}' file not found"))) {
            fail(&format!(
                "darwin-sys (feature `bindgen`): clang's resource headers (`{h}`, `stddef.h`, ...) were not \
                 found. They come with clang, not with the SDK. None are beside the libclang that was \
                 loaded ({}: no resource/include, clang/<N>/include or ../lib/clang/<N>/include; PyPI \
                 `libclang` ships none, PyPI `libclang-ng` does), and no `clang` on PATH (or CLANG_PATH) \
                 told where its own are. Point LIBCLANG_PATH at a libclang that has them (Xcode's, \
                 LLVM's, PyPI `libclang-ng`), install clang, or pass the folder with \
                 BINDGEN_EXTRA_CLANG_ARGS=\"-isystem <folder with stddef.h>\" (`clang -print-resource-dir`/include, \
                 or zig's lib/include). clang said: {}",
                resource_headers::libclang_dir().map_or("no libclang folder known".to_string(), |d| d.display().to_string()),
                e.lines().find(|l| l.contains("file not found")).unwrap_or(e).trim()
            ))
        }
        fail(&format!(
            "darwin-sys (feature `bindgen`): bindgen could not parse wrapper.h against the SDK \
             ({e}). Check that the SDK is a macOS SDK, and see the clang errors above."
        ))
    }

    /// libc's re-exports were chosen where libc defines an item exactly as
    /// the SDK the committed bindings come from (`codegen/same_as_libc.rs`).
    /// The user's SDK decides the values a program passes to its kernel: an
    /// item this SDK declares otherwise (`HOST_VM_INFO64_COUNT` is 38 in SDK
    /// 13 to 15.5, 104 in 27.0) is bound as this SDK declares it, and a
    /// build warning names them. `text` is `raw` finished with every
    /// re-export.
    fn own_sdk_values(opts: &config::Options, raw: &str, locations: &[(String, String)], text: String) -> String {
        let same = config::same_as_libc(opts.target.abi);
        let committed = opts.crate_root.join("src").join("generated").join(format!("{}.rs", opts.target.abi));
        let reference = std::fs::read_to_string(&committed).unwrap_or_else(|e| fail(&format!("darwin-sys: cannot read {}: {e}", committed.display())));
        let differ =
            postprocess::libc_reexports_differing(&reference, &text, same.items).unwrap_or_else(|e| fail(&format!("darwin-sys (feature `bindgen`): {e}")));
        if differ.is_empty() {
            return text;
        }
        println!(
            "cargo:warning=darwin-sys: {} item(s) of this SDK differ from the SDK libc's definitions were checked against; bound as this SDK declares them, not re-exported from libc: {}",
            differ.len(),
            differ.join(", ")
        );
        let items: Vec<&str> = same.items.iter().copied().filter(|n| !differ.iter().any(|d| d == n)).collect();
        finish(raw, locations, opts.part, config::SameAsLibc { items: &items, ..same })
    }

    /// The generator's text steps over bindgen's `raw` text (codegen/postprocess.rs).
    fn finish(raw: &str, locations: &[(String, String)], part: config::Part, same: config::SameAsLibc) -> String {
        postprocess::finish(raw, locations, part, same).unwrap_or_else(|e| fail(&format!("darwin-sys (feature `bindgen`): {e}")))
    }

    /// How long each phase of the build script took, written to
    /// `$OUT_DIR/timings.txt` (`phase<TAB>seconds` lines; the suite's `sdks`
    /// step reports them).
    #[derive(Default)]
    struct Timings(Vec<(String, f64)>);

    impl Timings {
        fn time<T>(&mut self, phase: &str, f: impl FnOnce() -> T) -> T {
            let start = std::time::Instant::now();
            let out = f();
            self.0.push((phase.to_string(), start.elapsed().as_secs_f64()));
            out
        }

        fn write(&self, path: &Path) {
            let text: String = self.0.iter().map(|(p, s)| format!("{p}\t{s:.3}\n")).collect();
            std::fs::write(path, text).unwrap_or_else(|e| fail(&format!("darwin-sys: cannot write {}: {e}", path.display())));
        }
    }

    fn generate(opts: &config::Options, sink: &std::sync::Mutex<Vec<(String, String)>>, dest: &Path, timings: &mut Timings) {
        // bindgen (clang-sys `runtime`) panics when it cannot load libclang;
        // turn that into the one-paragraph message below.
        std::panic::set_hook(Box::new(|_| {}));
        let part = if opts.part == config::Part::Main { "main" } else { "mig" };
        let result = timings.time(&format!("bindgen ({part})"), || std::panic::catch_unwind(|| config::bindings(opts)));
        let _ = std::panic::take_hook();
        match result {
            Ok(Ok(raw)) => {
                let locations = sink.lock().unwrap().clone();
                let same = if opts.part == config::Part::Main { config::same_as_libc(opts.target.abi) } else { config::SameAsLibc::default() };
                let mut text = timings.time(&format!("post-processing ({part})"), || finish(&raw, &locations, opts.part, same));
                if opts.part == config::Part::Main {
                    text = timings.time("own SDK values (main)", || own_sdk_values(opts, &raw, &locations, text));
                }
                std::fs::write(dest, text).unwrap_or_else(|e| fail(&format!("darwin-sys: cannot write bindings: {e}")))
            }
            Ok(Err(e)) => parse_failed(&e.to_string()),
            Err(p) => {
                let why = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
                libclang_missing(&why)
            }
        }
    }
}
