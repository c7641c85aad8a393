//! Feature `bindgen` against every supported macOS SDK, not only the pinned
//! one: the older SDKs PyPI `ziglang` ships (13, 14.0, 15.5, 26.4; the
//! pinned 27.0 is the `bindgen` step's) as `DARWIN_SYS_STAND_IN`, both
//! macOS targets, default families and `mig`, the library with its runtime
//! tests, idioms and examples, with no warning (the build script's and the
//! compiler's) but the build script's list of its own SDK values.
//!
//! What it proves, for each SDK:
//! - the stand-in layout of that ziglang release is understood (0.11's
//!   per-version folders and `libSystem.13.tbd`, 0.12 to 0.15's
//!   `any-macos-any`, 0.16's `any-darwin-any`);
//! - `wrapper.h` and `codegen/compat/` parse: every header some SDK lacks
//!   has a fallback or a guard, and the compat declarations bring their
//!   types;
//! - the hand-written code names nothing that SDK lacks unless it is gated
//!   by `darwin_sys_lacks` (`codegen/sdk_dependent.rs`);
//! - the libSystem export filter ran (a binding this SDK's libSystem does
//!   not export would be left out, not fail at link time);
//! - the SDK decides SDK-dependent values: a libc re-export this SDK
//!   declares otherwise is bound as the SDK declares it, and
//!   `HOST_VM_INFO64_COUNT` is the SDK's own.
//!
//! It prints each SDK's drift by name against the committed bindings (as
//! they read on macOS): items only in that SDK, items only in 27.0.
//! bindgen is built once, in the `bindgen` step's target folder; only the
//! build script reruns per SDK and target.

use crate::config::TARGETS;
use crate::generation::items::Items;
use crate::util::sdk::{StandIn, pip_install};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// An older SDK: the ziglang release that ships it, and its version.
pub struct OlderSdk {
    pub ziglang: &'static str,
    pub sdk: &'static str,
}

/// The older SDKs the step builds against (see docs/build-script.md).
pub const OLDER: &[OlderSdk] = &[
    OlderSdk { ziglang: "0.11.0", sdk: "13" },
    OlderSdk { ziglang: "0.12.1", sdk: "14.0" },
    OlderSdk { ziglang: "0.15.2", sdk: "15.5" },
    OlderSdk { ziglang: "0.16.0", sdk: "26.4" },
];

/// Unpacks (once) the ziglang wheel of `o` under `target/stand-in/`.
pub fn provision(root: &Path, o: &OlderSdk) -> Result<PathBuf, String> {
    let dir = root.join("target").join("stand-in").join(format!("ziglang-{}", o.ziglang));
    pip_install(&format!("ziglang=={}", o.ziglang), &dir)?;
    Ok(dir)
}

/// One build of the crate at `krate` (its root package): `cargo check --features "bindgen
/// mig"` for `target` against the stand-in at `zig`, in `target_dir`. `Ok`
/// with what the build script wrote; `Err` on an error or any warning but
/// the build script's report of the SDK's own values.
pub fn build(krate: &Path, target_dir: &Path, s: &StandIn, zig: &Path, target: &str) -> Result<Built, String> {
    let mut cmd = crate::util::cmd::cargo();
    cmd.args([
        "check",
        "--manifest-path",
        &krate.join("Cargo.toml").display().to_string(),
        "--lib",
        "--tests",
        "--examples",
        "--features",
        "bindgen mig",
        "--target",
        target,
        "--message-format=json-render-diagnostics",
    ])
    .current_dir(krate)
    .env("CARGO_TARGET_DIR", target_dir)
    .env("DARWIN_SYS_STAND_IN", zig)
    .env("LIBCLANG_PATH", &s.libclang)
    .env_remove("DARWIN_SYS_SDK")
    .env_remove("SDKROOT")
    .env_remove("BINDGEN_EXTRA_CLANG_ARGS");
    let out = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("failed:\n{}", crate::util::cmd::tail(&stderr, 30)));
    }
    // One warning is the build script's report of what this SDK declares
    // otherwise than libc; any other fails the build.
    let mut own = Vec::new();
    for w in stderr.lines().filter(|l| l.trim_start().starts_with("warning")) {
        match w.split_once(OWN_VALUES) {
            Some((_, list)) => own.extend(list.split(", ").map(str::to_string)),
            None => return Err(format!("built with warnings:\n{}", crate::util::cmd::tail(&stderr, 30))),
        }
    }
    let dir = crate::verify::out_dir_in(&String::from_utf8_lossy(&out.stdout))
        .ok_or("cargo reported no build script output of darwin-sys (or its self-test copy)")?;
    let bindings = std::fs::read_to_string(dir.join("bindings.rs")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let timings = std::fs::read_to_string(dir.join("timings.txt"))
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .lines()
        .filter_map(|l| l.split_once('\t').and_then(|(p, s)| Some((p.to_string(), s.parse().ok()?))))
        .collect();
    Ok(Built { bindings, own, timings })
}

/// What the build script says before the items it binds from the SDK
/// rather than re-exporting libc's (build.rs `own_sdk_values`).
const OWN_VALUES: &str = "not re-exported from libc: ";

/// A successful build against one SDK.
pub struct Built {
    /// The main bindings the build script wrote.
    pub bindings: String,
    /// The libc re-exports this SDK declares otherwise, bound as it does.
    pub own: Vec<String>,
    /// The build script's phases and their seconds (`$OUT_DIR/timings.txt`).
    pub timings: Vec<(String, f64)>,
}

impl Built {
    /// The build script's time in bindgen's own generation (both parts),
    /// and in everything else it does (the libclang and export readings,
    /// the post-processing).
    pub fn split(&self) -> (f64, f64) {
        let generation: f64 = self.timings.iter().filter(|(p, _)| p.starts_with("bindgen (")).map(|t| t.1).sum();
        (generation, self.timings.iter().map(|t| t.1).sum::<f64>() - generation)
    }
}

/// The count a program passes to `host_statistics64` must be its SDK's
/// (38 in SDK 13 to 15.5, 40 in 26.4), not libc's (that of 27.0): every
/// older SDK binds its own `HOST_VM_INFO64_COUNT`.
pub fn own_host_vm_info64_count(b: &Built) -> Result<(), String> {
    let named = b.own.iter().any(|n| n == "HOST_VM_INFO64_COUNT");
    let libc = b.bindings.contains("pub use libc::HOST_VM_INFO64_COUNT;");
    if named && !libc && b.bindings.contains("pub const HOST_VM_INFO64_COUNT: mach_msg_type_number_t = ") {
        Ok(())
    } else {
        Err(format!("HOST_VM_INFO64_COUNT is not this SDK's own (named in the build warning: {named}; libc's re-exported: {libc})"))
    }
}

/// Every function and static of `bindings` is exported by the SDK's
/// libSystem for `t` (the export filter ran on this SDK's own list).
pub fn all_exported(bindings: &str, sdk: &crate::config::Sdk, t: &crate::config::Target) -> Result<(), String> {
    let tbd = std::fs::read_to_string(sdk.libsystem_tbd()).map_err(|e| format!("{}: {e}", sdk.libsystem_tbd().display()))?;
    let exports = crate::tbd::exports_for(&tbd, t.tbd_archs, &crate::tbd::platform_of(t.clang));
    let declared = crate::tbd::declared_symbols(bindings);
    let missing: Vec<&str> = declared.iter().filter(|(_, sym)| !exports.contains(sym)).map(|(name, _)| name.as_str()).collect();
    if exports.is_empty() || !missing.is_empty() {
        return Err(format!("bound but not exported by that SDK's libSystem ({} of {} exports): {}", missing.len(), exports.len(), missing.join(", ")));
    }
    Ok(())
}

/// Every item name of a bindings text (records, functions, statics,
/// constants, type aliases).
pub fn names(text: &str) -> Result<BTreeSet<String>, String> {
    let i = Items::parse(text)?;
    let mut n: BTreeSet<String> = i.records.into_keys().collect();
    n.extend(i.funcs.into_iter().map(|f| f.name));
    n.extend(i.static_names);
    n.extend(i.consts.into_iter().map(|c| c.0));
    n.extend(i.aliases.into_keys());
    Ok(n)
}

/// The structs and unions both texts define with other fields (names or
/// types): the layouts that drift between two SDKs.
pub fn differing_layouts(ours: &str, theirs: &str) -> Result<BTreeSet<String>, String> {
    use quote::ToTokens;
    let fields = |r: &crate::generation::items::Record| -> Vec<(String, String)> {
        r.fields.iter().map(|f| (f.name.clone(), f.ty.to_token_stream().to_string())).collect()
    };
    let (a, b) = (Items::parse(ours)?, Items::parse(theirs)?);
    Ok(a.records.iter().filter(|(name, r)| b.records.get(*name).is_some_and(|o| fields(o) != fields(r))).map(|(name, _)| name.clone()).collect())
}

/// What the C side of the verifier must see differently from the pinned SDK
/// in at least one older SDK, or it did not read the SDK under test (zig's
/// `cc` adds its own 27.0 headers whatever it is told): `task_vm_info` is
/// 356 bytes in SDK 13 and 372 in 27.0.
pub const SDK_WITNESS: &str = "sizeof(task_vm_info_data_t)";

/// `Err` unless the witness values (one per SDK, the pinned one first)
/// differ somewhere.
pub fn c_reads_each_sdk(witness: &[(String, u64)]) -> Result<String, String> {
    let shown: Vec<String> = witness.iter().map(|(sdk, v)| format!("{sdk}: {v}")).collect();
    match witness.split_first() {
        Some(((_, pinned), rest)) if rest.iter().any(|(_, v)| v != pinned) => Ok(format!("{SDK_WITNESS} by SDK, C side: {}", shown.join(", "))),
        _ => Err(format!(
            "the C side reads the same headers for every SDK ({SDK_WITNESS}: {}): it does not compile against the SDK under test",
            shown.join(", ")
        )),
    }
}

/// The classes of mismatch an older SDK's verification still has, known
/// and open (issue 14), each counted and named in the step's note; any
/// other mismatch fails the step:
/// - a type the bindings take from libc (`codegen/config/libc.rs`
///   `LIBC_TYPES`) that this SDK lays out otherwise (`vm_statistics64` has
///   grown since SDK 13): the build script still re-exports libc's;
/// - a constant whose C type this SDK writes otherwise (`MPG_FLAGS_NONE` is
///   `0x00ull` in SDK 13, `0x00` in 27.0): macros without a typing rule are
///   typed by value, not by their literal's suffix.
pub fn open_class(mismatch: &str) -> Option<&'static str> {
    if mismatch.starts_with("layout ") && mismatch.contains(" [libc]") {
        Some("libc-owned types laid out otherwise")
    } else if mismatch.starts_with("type const ") {
        Some("constants of another C type")
    } else {
        None
    }
}

/// The build script's run may take at most twice bindgen's own generation
/// over the same headers (summed over every SDK and target built): `Err`
/// when the rest (libclang's and the export list's readings, the
/// post-processing) takes longer than the generation itself.
pub fn script_cost(generation: f64, rest: f64) -> Result<String, String> {
    let note = format!(
        "build script runs: bindgen's generation {generation:.1} s, the rest {rest:.1} s ({:.2}x the generation in all)",
        (generation + rest) / generation
    );
    if generation > 0.0 && rest <= generation { Ok(note) } else { Err(format!("{note}: more than twice bindgen's own time")) }
}

/// The step: every older SDK, both macOS targets: built as a stand-in,
/// then laid out as an Xcode SDK folder and verified (the build script's
/// bindings for that folder against the C compiler reading it).
pub fn run(root: &Path, s: &StandIn) -> Result<String, String> {
    let mut sdks = vec![("27.0".to_string(), s.zig.clone())];
    let libclang_ng = crate::generation::availability::provision(&root.join("target").join("stand-in"))?;
    let macos: Vec<&crate::config::Target> = TARGETS.iter().filter(|t| t.os == crate::config::Os::MacOs).collect();
    let work = root.join("target").join("verify-sdks");
    let pinned = crate::verify::CCompiler::Zig { pythonpath: s.zig.clone() };
    let mut witness = vec![("27.0".to_string(), crate::verify::probe::c_values(&pinned, macos[0], &work, "#include <mach/mach.h>", &[SDK_WITNESS])?[0])];
    // Each older SDK, as a stand-in and as an Xcode SDK folder (`DARWIN_SYS_SDK`,
    // PyPI libclang-ng and nothing else).
    let mut older = Vec::new();
    for o in OLDER {
        let zig = provision(root, o)?;
        sdks.push((o.sdk.to_string(), zig.clone()));
        let folder = crate::util::sdk::xcode_layout(&zig, o.sdk, &root.join("target").join("stand-in").join("xcode-layout").join(o.ziglang))?;
        let cc = crate::verify::CCompiler::SdkFolder { pythonpath: s.zig.clone(), sdk: folder, libclang: libclang_ng.clone() };
        witness.push((o.sdk.to_string(), crate::verify::probe::c_values(&cc, macos[0], &work, "#include <mach/mach.h>", &[SDK_WITNESS])?[0]));
        older.push((o, zig, cc));
    }
    // The architectures one after the other, in the `bindgen` step's target
    // folder (bindgen built once). Measured: a thread and a target folder
    // per architecture took longer on 2 cores (611 s against 543 s), the
    // second folder's build of bindgen costing more than the overlap gained.
    let dir = crate::util::sdk::feature_bindgen_dir(root);
    let per_arch: Vec<Result<Arch, String>> = macos.iter().map(|&t| one_arch(root, s, t, &older, &work, &dir)).collect();
    let mut notes = Vec::new();
    let mut script = (0.0, 0.0);
    for a in per_arch {
        let a = a?;
        notes.extend(a.notes);
        script.0 += a.script.0;
        script.1 += a.script.1;
    }
    notes.push(c_reads_each_sdk(&witness)?);
    notes.push(script_cost(script.0, script.1)?);
    let compared = compat_agrees(root, &sdks)?;
    notes.push(format!("compat agrees with the SDK headers it stands in for ({compared} comparisons)"));
    Ok(notes.join("; "))
}

/// What one architecture's thread of the step found.
struct Arch {
    notes: Vec<String>,
    /// The build script's seconds in bindgen's generation, and in the rest.
    script: (f64, f64),
}

/// Every older SDK for target `t`, in the target folder `dir` (the shared
/// feature-`bindgen` one, which the verifier builds in too): the stand-in
/// build (its drift against the committed bindings), then the SDK folder's
/// verification.
fn one_arch(
    root: &Path,
    s: &StandIn,
    t: &crate::config::Target,
    older: &[(&OlderSdk, PathBuf, crate::verify::CCompiler)],
    work: &Path,
    dir: &Path,
) -> Result<Arch, String> {
    let mut a = Arch { notes: Vec::new(), script: (0.0, 0.0) };
    let committed = std::fs::read_to_string(crate::generation::generate::path(root, t, crate::config::Part::Main)).map_err(|e| e.to_string())?;
    let reference = crate::generation::availability::for_os(committed.split_once("\n\n").map_or("", |x| x.1), t.os)?;
    for (o, zig, cc) in older {
        let start = Instant::now();
        let what = format!("SDK {} (ziglang {}), {}", o.sdk, o.ziglang, t.rust);
        let built = build(root, dir, s, zig, t.rust).map_err(|e| format!("{what}: {e}"))?;
        all_exported(&built.bindings, &crate::config::Sdk::stand_in(zig, t.arch)?, t).map_err(|e| format!("{what}: {e}"))?;
        own_host_vm_info64_count(&built).map_err(|e| format!("{what}: {e}"))?;
        let (ours, theirs) = (names(&built.bindings)?, names(&reference)?);
        let layouts = differing_layouts(&built.bindings, &reference)?;
        let (generation, rest) = built.split();
        a.script.0 += generation;
        a.script.1 += rest;
        a.notes.push(format!(
            "SDK {} {}: {:.0} s (build script: bindgen {generation:.1} s, the rest {rest:.1} s), {} items only there, {} only in 27.0, {} layouts differ ({}), own values for {}",
            o.sdk,
            t.arch,
            start.elapsed().as_secs_f64(),
            ours.difference(&theirs).count(),
            theirs.difference(&ours).count(),
            layouts.len(),
            layouts.iter().cloned().collect::<Vec<_>>().join(" "),
            built.own.join(" ")
        ));
        let start = Instant::now();
        let reports = crate::verify::verify_targets_in(root, cc, &[t], true, &work.join(o.sdk)).map_err(|e| format!("SDK {} as an SDK folder: {e}", o.sdk))?;
        for r in &reports {
            let mut bad = Vec::new();
            let mut open: std::collections::BTreeMap<&str, BTreeSet<String>> = Default::default();
            for m in &r.mismatches {
                match open_class(m) {
                    Some(class) => {
                        open.entry(class).or_default().insert(m.split([':', '.']).next().unwrap_or(m).to_string());
                    }
                    None => bad.push(m.clone()),
                }
            }
            let compared: usize = r.compared.values().sum();
            let open: Vec<String> =
                open.iter().map(|(c, names)| format!("{} {c}: {}", names.len(), names.iter().cloned().collect::<Vec<_>>().join(" "))).collect();
            a.notes.push(format!(
                "SDK {} folder {}: verified in {:.0} s, {compared} compared, {} mismatches, {} of them open defects ({})",
                o.sdk,
                r.target,
                start.elapsed().as_secs_f64(),
                r.mismatches.len(),
                r.mismatches.len() - bad.len(),
                open.join("; ")
            ));
            if !bad.is_empty() {
                crate::verify::print_summary(&reports);
                return Err(format!("SDK {} as an SDK folder, {}: {} mismatches:\n  {}", o.sdk, r.target, bad.len(), bad.join("\n  ")));
            }
        }
    }
    Ok(a)
}

/// A compat fallback of `wrapper.h`: the SDK headers it stands in for, and
/// our file under `codegen/compat/`.
#[derive(Debug, PartialEq)]
pub struct Fallback {
    pub sdk_headers: Vec<String>,
    pub compat: String,
}

/// The `#if __has_include(<a>) [&& __has_include(<b>)] ... #else #include
/// "codegen/compat/x.h"` fallbacks of `wrapper.h`.
pub fn fallbacks(wrapper: &str) -> Vec<Fallback> {
    let re = regex::Regex::new(r#"(?m)^#if (__has_include\(<[^>]+>\)(?: && __has_include\(<[^>]+>\))*)[^\n]*\n(?:#include <[^>]+>[^\n]*\n)+#else\n#include "codegen/compat/([^"]+)"\n"#).unwrap();
    let header = regex::Regex::new(r"__has_include\(<([^>]+)>\)").unwrap();
    re.captures_iter(wrapper)
        .map(|c| Fallback { sdk_headers: header.captures_iter(&c[1]).map(|h| h[1].to_string()).collect(), compat: c[2].to_string() })
        .collect()
}

/// bindgen's items of `header` alone (what `#include`ing it declares in
/// that file), by kind and name (`struct x`, `fn y`), each as its tokens without docs, with bindgen's
/// anonymous-type numbers made equal.
fn items_of(
    root: &Path,
    sdk: &crate::config::Sdk,
    t: &crate::config::Target,
    include: &str,
    file_re: &str,
) -> Result<std::collections::BTreeMap<String, String>, String> {
    use quote::ToTokens;
    let text = bindgen::Builder::default()
        // The same headers first for both sides, so that a type the header
        // only names (`struct mach_header`) is complete in both.
        .header_contents("darwin_sys_compat_probe.h", &format!("#include <mach/mach.h>\n#include <mach-o/loader.h>\n#include {include}\n"))
        .clang_args(sdk.clang_args(t, root))
        .allowlist_file(file_re)
        .allowlist_recursively(false)
        .layout_tests(false)
        .generate_comments(false)
        .prepend_enum_name(false)
        .use_core()
        .generate()
        .map_err(|e| format!("bindgen over {include}: {e}"))?
        .to_string();
    let anon = regex::Regex::new(r"_bindgen_ty_\d+").unwrap();
    let text = anon.replace_all(&text, "_bindgen_ty_N");
    let file = syn::parse_file(&text).map_err(|e| e.to_string())?;
    let mut out = std::collections::BTreeMap::new();
    let mut put = |name: String, tokens: proc_macro2::TokenStream| {
        out.insert(name, tokens.to_string());
    };
    for item in file.items {
        match item {
            syn::Item::Struct(x) => put(format!("struct {}", x.ident), x.to_token_stream()),
            syn::Item::Union(x) => put(format!("union {}", x.ident), x.to_token_stream()),
            syn::Item::Type(x) => put(format!("type {}", x.ident), x.to_token_stream()),
            syn::Item::Const(x) => put(format!("const {}", x.ident), x.to_token_stream()),
            syn::Item::ForeignMod(m) => {
                for fi in m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => put(format!("fn {}", f.sig.ident), f.sig.to_token_stream()),
                        syn::ForeignItem::Static(s) => put(format!("static {}", s.ident), s.ty.to_token_stream()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Each compat fallback agrees with every SDK (of `sdks`) that has the
/// headers it stands in for: every item it declares, the SDK's headers
/// declare the same (type, fields, signature), for each macOS target.
/// Returns how many (fallback, SDK, target) comparisons were made.
pub fn compat_agrees(root: &Path, sdks: &[(String, PathBuf)]) -> Result<usize, String> {
    let wrapper = std::fs::read_to_string(root.join("wrapper.h")).map_err(|e| e.to_string())?;
    let mut compared = 0;
    let mut wrong = Vec::new();
    for f in fallbacks(&wrapper) {
        for (label, zig) in sdks {
            for t in TARGETS.iter().filter(|t| t.os == crate::config::Os::MacOs) {
                let sdk = crate::config::Sdk::stand_in(zig, t.arch)?;
                let dirs = sdk.include_dirs();
                if !f.sdk_headers.iter().all(|h| dirs.iter().any(|d| d.join(h).is_file())) {
                    continue;
                }
                let ours = items_of(
                    root,
                    &sdk,
                    t,
                    &format!("\"{}\"", root.join("codegen").join("compat").join(&f.compat).display()),
                    &format!(".*/compat/{}", regex::escape(&f.compat)),
                )?;
                let mut theirs = std::collections::BTreeMap::new();
                for h in &f.sdk_headers {
                    theirs.extend(items_of(root, &sdk, t, &format!("<{h}>"), &format!(".*/{}", regex::escape(h)))?);
                }
                for (name, decl) in &ours {
                    match theirs.get(name) {
                        Some(d) if d == decl => {}
                        Some(d) => wrong.push(format!("{} {name}, SDK {label} {}: ours `{decl}`, the SDK's `{d}`", f.compat, t.arch)),
                        None => wrong.push(format!("{} {name}, SDK {label} {}: not declared by {}", f.compat, t.arch, f.sdk_headers.join(", "))),
                    }
                }
                compared += 1;
            }
        }
    }
    if wrong.is_empty() { Ok(compared) } else { Err(format!("compat declarations that disagree with an SDK that has the header:\n  {}", wrong.join("\n  "))) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_exported_names_what_the_sdk_lacks() {
        let dir = std::env::temp_dir().join(format!("darwin-sys-sdks-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let tbd = dir.join("libSystem.tbd");
        std::fs::write(&tbd, "--- !tapi-tbd\nexports:\n  - targets:  [ x86_64-macos, arm64-macos ]\n    symbols:  [ _a, _s ]\n").unwrap();
        let sdk = crate::config::Sdk::StandIn { headers: vec![dir.clone()], builtins: dir.clone(), tbd };
        let t = &TARGETS[0];
        let ok = "unsafe extern \"C\" {\n    pub fn a();\n    pub static mut s: u32;\n}\n";
        assert_eq!(all_exported(ok, &sdk, t), Ok(()));
        let bad = "unsafe extern \"C\" {\n    pub fn a();\n    pub fn vm_stats();\n}\n";
        let e = all_exported(bad, &sdk, t).unwrap_err();
        assert!(e.contains("(1 of 2 exports): vm_stats"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn out_dir_of_darwin_sys_or_its_copy() {
        let j = |pkg: &str, dir: &str| format!("{{\"reason\":\"build-script-executed\",\"package_id\":\"path+file:///x#{pkg}@0.1.0\",\"out_dir\":\"{dir}\"}}");
        let libc = j("libc", "/libc/out");
        assert_eq!(crate::verify::out_dir_in(&format!("{libc}\n{}", j("darwin-sys", "/a/out"))), Some(PathBuf::from("/a/out")));
        assert_eq!(crate::verify::out_dir_in(&j("darwin-sys-mutant-sdks", "/m/out")), Some(PathBuf::from("/m/out")));
        assert_eq!(crate::verify::out_dir_in(&libc), None);
    }

    #[test]
    fn what_the_build_script_calls_defined() {
        use crate::sdk_dependent::defines;
        let text = "pub const err_vm: core::ffi::c_int = 1;\npub const err_vm_x: u32 = 2;\npub use libc::os_sync_wait_on_address;\n\
                    unsafe extern \"C\" {\n    pub fn malloc_zone_malloc_with_options(z: u8);\n}\npub struct dyld_chained_starts_in_segment {\n}\n";
        for name in ["err_vm", "os_sync_wait_on_address", "malloc_zone_malloc_with_options", "dyld_chained_starts_in_segment"] {
            assert!(defines(text, name), "{name}");
        }
        // A longer name, a use, or a mention in a doc is not a definition.
        assert!(!defines(text, "err_v"));
        assert!(!defines("pub const err_vm_reclaim: u32 = 1;\n#[doc = \" err_vm\"]\n", "err_vm"));
        assert!(!defines("pub use libc::os_sync_wait_on_address_with_timeout;\n", "os_sync_wait_on_address"));
        // Every name of the list is defined by the committed bindings (SDK 27.0),
        // so the default build sets no `darwin_sys_lacks`.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let aarch64 = std::fs::read_to_string(root.join("src/generated/aarch64.rs")).unwrap();
        for name in crate::sdk_dependent::SDK_DEPENDENT {
            assert!(defines(&aarch64, name), "{name} is not in the committed aarch64 bindings");
        }
    }

    #[test]
    fn c_side_must_see_each_sdk() {
        let w = |v: &[(&str, u64)]| v.iter().map(|(s, n)| (s.to_string(), *n)).collect::<Vec<_>>();
        assert!(c_reads_each_sdk(&w(&[("27.0", 372), ("13", 356), ("26.4", 372)])).is_ok());
        // zig's cc reading its own 27.0 headers for every SDK.
        let e = c_reads_each_sdk(&w(&[("27.0", 372), ("13", 372), ("26.4", 372)])).unwrap_err();
        assert!(e.contains("does not compile against the SDK under test"), "{e}");
    }

    #[test]
    fn layouts_that_differ_by_fields() {
        let a = "pub struct s { pub x: u32, pub y: u64 }\npub struct same { pub x: u32 }\npub struct only_a { pub x: u32 }\n";
        let b = "pub struct s { pub x: u32 }\npub struct same { pub x: u32 }\npub struct only_b { pub x: u32 }\n";
        assert_eq!(differing_layouts(a, b).unwrap(), BTreeSet::from(["s".to_string()]));
        let retyped = "pub struct same { pub x: u64 }\n";
        assert_eq!(differing_layouts(a, retyped).unwrap(), BTreeSet::from(["same".to_string()]));
    }

    #[test]
    fn only_the_named_open_classes_pass() {
        assert!(open_class("layout size(vm_statistics64) [libc]: C says 152 (0x98), Rust says 416 (0x1a0)").is_some());
        assert!(open_class("type const MPG_FLAGS_NONE: C says 0 (0x0), Rust says 1 (0x1)").is_some());
        for m in [
            "layout size(task_vm_info): C says 356, Rust says 372",
            "constant HOST_VM_INFO64_COUNT: C says 38, Rust says 104",
            "symbol _vm_stats: not exported by libSystem.tbd (undefined at link time)",
            "inline MPO_MAKE_PORT_TYPE (2 of 9 inputs differ)",
        ] {
            assert_eq!(open_class(m), None, "{m}");
        }
    }

    /// Every name of `SDK_DEPENDENT` gates something: a name no
    /// `darwin_sys_lacks` gate in `src/`, `tests/` or `examples/` uses is
    /// stale. (A gate naming a name not in the list fails the build:
    /// `check-cfg` with `-D warnings`.)
    #[test]
    fn no_stale_sdk_dependent_names() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut text = String::new();
        let mut stack: Vec<PathBuf> = ["src", "tests", "examples"].iter().map(|d| root.join(d)).collect();
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            } else if p.extension().is_some_and(|e| e == "rs") {
                text.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
        assert!(text.len() > 100_000, "read the crate's sources");
        let stale = |text: &str| -> Vec<&str> {
            crate::sdk_dependent::SDK_DEPENDENT.iter().copied().filter(|n| !text.contains(&format!("darwin_sys_lacks = \"{n}\""))).collect()
        };
        assert_eq!(stale(&text), Vec::<&str>::new(), "names of codegen/sdk_dependent.rs no gate uses");
        // It can fail: without the gates on err_vm, that name is stale.
        assert_eq!(stale(&text.replace("darwin_sys_lacks = \"err_vm\"", "")), vec!["err_vm"]);
    }

    #[test]
    fn fallbacks_of_wrapper() {
        let w = "#if __has_include(<a/b.h>)\n#include <a/b.h>\n#else\n#include \"codegen/compat/a_b.h\"\n#endif\n\
                 #if __has_include(<x.h>) && __has_include(<y.h>)\n#include <x.h>\n#include <y.h>\n#else\n#include \"codegen/compat/xy.h\"\n#endif\n\
                 #if __has_include(<g.h>) /* guard only */\n#include <g.h>\n#endif\n";
        assert_eq!(
            fallbacks(w),
            vec![
                Fallback { sdk_headers: vec!["a/b.h".into()], compat: "a_b.h".into() },
                Fallback { sdk_headers: vec!["x.h".into(), "y.h".into()], compat: "xy.h".into() },
            ]
        );
    }
}
