//! The shared probe builder: a C probe and a Rust probe crate, each storing
//! one `u64` per entry; compiled for the Darwin target, read back from the
//! Mach-O objects and compared entry by entry.

use super::{CValue, Ctx, Entry, Items, Report, c_field};
use crate::config::Target;
use crate::generation::items::Bitfield;
use crate::util::scratch;
use object::{Object, ObjectSection, ObjectSymbol};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// How the C side is compiled.
pub enum CCompiler {
    /// `python3 -m ziglang cc -target <zig>` over the stand-in SDK.
    Zig { pythonpath: PathBuf },
    /// The host's `cc` with an SDK (`-isysroot`), on a Mac.
    Host { cc: String, sdk: PathBuf },
    /// `python3 -m ziglang clang --target=<clang triple>` over the stand-in
    /// SDK: every Apple triple (`zig cc` rejects arm64_32 and macabi).
    ZigClang { pythonpath: PathBuf, root: PathBuf },
    /// Another SDK, laid out as an Xcode SDK folder (`sdks` step): the
    /// pinned wheel's `clang` with `-isysroot <sdk>` and zig's resource
    /// headers, linking with Rust's `rust-lld` against the SDK's own
    /// `libSystem.tbd`. (zig's `cc` adds its bundled macOS headers and links
    /// its own libSystem whatever the flags, so it cannot check another
    /// SDK.) With feature `bindgen`, darwin-sys's build script reads the
    /// same folder (`DARWIN_SYS_SDK`) with the libclang at `libclang`.
    SdkFolder { pythonpath: PathBuf, sdk: PathBuf, libclang: PathBuf },
}

impl CCompiler {
    /// The SDK this compiler's C side sees.
    pub fn sdk(&self) -> crate::config::Sdk {
        match self {
            CCompiler::Zig { pythonpath } | CCompiler::ZigClang { pythonpath, .. } => crate::util::sdk::pinned_sdk(pythonpath),
            CCompiler::Host { sdk, .. } => crate::config::Sdk::Full { root: sdk.clone(), builtins: None },
            CCompiler::SdkFolder { pythonpath, sdk, .. } => {
                let builtins = match crate::util::sdk::pinned_sdk(pythonpath) {
                    crate::config::Sdk::StandIn { builtins, .. } => Some(builtins),
                    crate::config::Sdk::Full { builtins, .. } => builtins,
                };
                crate::config::Sdk::Full { root: sdk.clone(), builtins }
            }
        }
    }

    /// The environment of every cargo build of darwin-sys the checks make
    /// with this compiler: for [`CCompiler::SdkFolder`], the build script's
    /// SDK and libclang (nothing else), and rustc's SDK for the link.
    pub fn darwin_sys_env(&self, cmd: &mut Command) {
        if let CCompiler::SdkFolder { sdk, libclang, .. } = self {
            cmd.env("DARWIN_SYS_SDK", sdk)
                .env("SDKROOT", sdk)
                .env("LIBCLANG_PATH", libclang)
                .env_remove("DARWIN_SYS_STAND_IN")
                .env_remove("BINDGEN_EXTRA_CLANG_ARGS");
        }
    }

    pub fn command(&self, t: &Target) -> Command {
        match self {
            CCompiler::Zig { pythonpath } => {
                let mut c = Command::new(crate::util::sdk::python());
                c.env("PYTHONPATH", pythonpath).args(["-m", "ziglang", "cc", "-target", t.zig]);
                c
            }
            CCompiler::Host { cc, sdk } => {
                let mut c = Command::new(cc);
                c.arg(format!("--target={}", t.clang)).arg("-isysroot").arg(sdk);
                c
            }
            CCompiler::ZigClang { pythonpath, root } => {
                let mut c = Command::new(crate::util::sdk::python());
                c.env("PYTHONPATH", pythonpath).args(["-m", "ziglang", "clang"]).args(self.sdk().clang_args(t, root));
                c
            }
            CCompiler::SdkFolder { pythonpath, .. } => {
                let mut c = Command::new(crate::util::sdk::python());
                let sdk = self.sdk();
                let crate::config::Sdk::Full { root, builtins } = &sdk else { unreachable!("an SDK folder") };
                c.env("PYTHONPATH", pythonpath).args(["-m", "ziglang", "clang", &format!("--target={}", t.clang), "-isysroot"]).arg(root);
                if let Some(b) = builtins {
                    c.arg("-isystem").arg(b);
                }
                c
            }
        }
    }
}

/// Compiler errors reported against `file`: (line, message), for clang's
/// `file:L:C: error: msg` and rustc's short `file:L:C: error[E..]: msg`.
pub fn error_lines(stderr: &str, file: &str) -> Vec<(usize, String)> {
    let marker = format!("{file}:");
    stderr
        .lines()
        .filter_map(|line| {
            let rest = line.split(&marker).nth(1)?;
            let l = rest.split(':').next()?.parse::<usize>().ok()?;
            let e = &line[line.find("error")?..];
            Some((l, e.split_once(": ").map_or(e, |x| x.1).trim().to_string()))
        })
        .collect()
}

/// Runs the C compiler over `file` for syntax and types only, in the work
/// folder (zig's `cc -fsyntax-only` still writes an empty `a.out` into the
/// current directory).
pub fn syntax_check(ctx: &Ctx, file: &Path) -> Result<std::process::Output, String> {
    run(ctx.cc.command(ctx.target).args(["-fsyntax-only", "-ferror-limit=0", "-w"]).arg(format!("-I{}", ctx.root.display())).arg(file).current_dir(&ctx.work))
}

pub fn run(cmd: &mut Command) -> Result<std::process::Output, String> {
    cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))
}

/// Field names the probe `#undef`s (see `c_probe`).
pub fn field_names(items: &Items, bits: &[(String, String, Bitfield)]) -> BTreeSet<String> {
    items
        .records
        .values()
        .flat_map(|r| r.fields.iter().map(|f| c_field(&f.name).to_string()))
        .chain(bits.iter().map(|b| c_field(&b.2.name).to_string()))
        .filter(|f| !f.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect()
}

fn c_probe(
    entries: &[Entry],
    bits: &[(String, String, Bitfield)],
    fields: &BTreeSet<String>,
    disabled: &BTreeMap<usize, String>,
    extra: &str,
) -> (String, usize, Vec<usize>) {
    let mut s = String::from(
        "/* darwin-sys verification probe: generated by `cargo xtask verify`. */\n\
         #include <stddef.h>\n#include <stdint.h>\n#include \"wrapper.h\"\n#include \"codegen/compat/private.h\"\n\
         #define DSP(x) ((unsigned long long)(x))\n",
    );
    // Headers define some field names as macros (`#define ts_64 uts.ts_64`
    // in mach/arm/thread_status.h); the probe names bindgen's fields by their
    // real members. (libc's fields keep the macros: libc's `in6_addr` has
    // `s6_addr`, which C spells `#define s6_addr __u6_addr.__u6_addr8`.)
    for f in fields {
        writeln!(s, "#undef {f}").unwrap();
    }
    // Bitfield objects.
    let mut bit_lines = Vec::new();
    for (i, (_, c, bf)) in bits.iter().enumerate() {
        bit_lines.push(s.lines().count() + 1);
        writeln!(s, "const union {{ {c} t; unsigned char b[sizeof({c})]; }} darwin_sys_bits_{i} = {{ .t = {{ .{} = -1 }} }};", c_field(&bf.name)).unwrap();
    }
    s.push_str("const unsigned long long darwin_sys_probe[] = {\n");
    let first = s.lines().count() + 1;
    for (i, e) in entries.iter().enumerate() {
        match (&e.c, disabled.contains_key(&i)) {
            (CValue::Expr(x), false) => writeln!(s, "DSP({x}),").unwrap(),
            _ => s.push_str("0,\n"),
        }
    }
    s.push_str("0};\n");
    s.push_str(extra);
    (s, first, bit_lines)
}

/// A compiled probe: its object file and the entries its compiler rejected
/// (index -> the compiler's message).
pub struct Built {
    pub bytes: Vec<u8>,
    pub rejected: BTreeMap<usize, String>,
}

/// C side: compiles the probe; an entry the C compiler rejects is recorded
/// (a mismatch named by its entry) and the probe is compiled again without it.
pub fn build_c(ctx: &Ctx, list: &[Entry], bits: &[(String, String, Bitfield)], field_names: &BTreeSet<String>, extra: &str) -> Result<Built, String> {
    let c_file = ctx.work.join("probe.c");
    let c_obj = ctx.work.join("probe.o");
    let mut disabled: BTreeMap<usize, String> = BTreeMap::new();
    let mut bits_bad: BTreeSet<usize> = BTreeSet::new();
    let mut attempts = 0;
    let (c_bytes, _bit_lines) = loop {
        attempts += 1;
        let (src, first, bit_lines) = c_probe(list, bits, field_names, &disabled, extra);
        std::fs::write(&c_file, &src).map_err(|e| e.to_string())?;
        let out = run(ctx
            .cc
            .command(ctx.target)
            .args(["-c", "-O1", "-w", "-ferror-limit=0"])
            .arg(format!("-I{}", ctx.root.display()))
            .arg(&c_file)
            .arg("-o")
            .arg(&c_obj))?;
        if out.status.success() {
            break (std::fs::read(&c_obj).map_err(|e| e.to_string())?, bit_lines);
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut new = 0;
        for (l, msg) in error_lines(&stderr, "probe.c") {
            if l >= first && l - first < list.len() {
                if disabled.insert(l - first, msg).is_none() {
                    new += 1;
                }
            } else if let Some(bi) = bit_lines.iter().position(|&bl| bl == l) {
                bits_bad.insert(bi);
                new += 1;
            }
        }
        if new == 0 || attempts > 4 {
            return Err(format!("C probe for {} does not compile:\n{}", ctx.target.rust, stderr.lines().take(30).collect::<Vec<_>>().join("\n")));
        }
        if !bits_bad.is_empty() {
            return Err(format!("C probe for {}: bitfield objects do not compile:\n{stderr}", ctx.target.rust));
        }
    };
    Ok(Built { bytes: c_bytes, rejected: disabled })
}

/// Does the current toolchain have `target`'s standard library?
fn has_std(target: &str) -> bool {
    Command::new("rustc")
        .args(["--print", "target-libdir", "--target", target])
        .output()
        .ok()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .is_some_and(|d| std::fs::read_dir(d).is_ok_and(|mut r| r.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("libcore-")))))
}

/// The C side of the pure macro tables (`pure.c`): static data only, so
/// compiled without optimisation, beside the main probe. It names no
/// entries, so a compiler error here fails the run with the compiler's text.
pub fn build_c_pure(ctx: &Ctx, src: &str) -> Result<Vec<u8>, String> {
    let file = ctx.work.join("pure.c");
    let obj = ctx.work.join("pure.o");
    std::fs::write(&file, src).map_err(|e| e.to_string())?;
    let out =
        run(ctx.cc.command(ctx.target).args(["-c", "-O0", "-w", "-ferror-limit=0"]).arg(format!("-I{}", ctx.root.display())).arg(&file).arg("-o").arg(&obj))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "C probe of the macro equivalents for {} does not compile:\n{}",
            ctx.target.rust,
            stderr.lines().take(30).collect::<Vec<_>>().join("\n")
        ));
    }
    std::fs::read(&obj).map_err(|e| e.to_string())
}

/// A cargo command for this target with the environment every verifier
/// build shares (target directory, zig's linker, deployment target), so the
/// probe crate and the symbol check reuse one build of darwin-sys.
pub fn cargo(ctx: &Ctx, sub: &str) -> Result<Command, String> {
    let mut cmd = if has_std(ctx.target.rust) {
        let mut c = Command::new(env!("CARGO"));
        c.arg(sub);
        c
    } else {
        // No standard library for it here (tvOS, watchOS, ...: the per-OS
        // probes): nightly builds `core` (the probe is `no_std`).
        crate::checks::targets::build_std(sub)?
    };
    cmd.args(["--quiet", "--target", ctx.target.rust])
        .env("CARGO_TARGET_DIR", &ctx.target_dir)
        // Incremental state for a crate of large const-evaluated statics
        // costs minutes; the probes are written afresh every run anyway.
        .env("CARGO_INCREMENTAL", "0")
        .env("MACOSX_DEPLOYMENT_TARGET", if ctx.target.arch == "aarch64" { "11.0" } else { "10.12" });
    if compile_only(ctx) {
        // The flags of the targets check (`checks::targets`), whose build
        // of `core` for this target the per-OS probe then reuses instead of
        // building its own (the probe crate allows every warning).
        cmd.env("RUSTFLAGS", "-D warnings");
    } else {
        let linker = linker_script(ctx.cc, ctx.target, &ctx.work)?;
        let var = format!("CARGO_TARGET_{}_LINKER", ctx.target.rust.to_uppercase().replace('-', "_"));
        cmd.env(var, &linker);
    }
    ctx.cc.darwin_sys_env(&mut cmd);
    if let CCompiler::Zig { .. } = ctx.cc {
        // No Xcode here: rustc would look for one only to embed the SDK
        // version when linking; zig's linker brings its own libSystem.tbd.
        cmd.env("SDKROOT", ctx.work.join("no-sdk"));
    }
    Ok(cmd)
}

/// Are the probes of `ctx` compiled only, never linked? The per-OS probes
/// (zig clang, no linker for them) are; their crates use the default
/// profile, as the targets check does.
fn compile_only(ctx: &Ctx) -> bool {
    matches!(ctx.cc, CCompiler::ZigClang { .. })
}

/// The probe crates' profile (except [`compile_only`] ones): dev (zig's linker crashes on the x86_64
/// symbol check built with cargo's release profile), `panic = "abort"` for
/// the symbol check's executable, the same in the probe so that both share
/// one darwin-sys build.
pub const PROFILE: &str = "[profile.dev]\npanic = \"abort\"\n";

/// Rust side: likewise, an entry rustc rejects (an item missing or of the
/// wrong kind) is recorded and the crate is compiled again without it.
pub fn build_rust(ctx: &Ctx, list: &[Entry], extra: &str) -> Result<Built, String> {
    let rdir = ctx.work.join("rust-probe");
    let r_obj = ctx.work.join("probe-rs.o");
    let mut rust_disabled: BTreeMap<usize, String> = BTreeMap::new();
    for attempt in 0.. {
        let first = rust_probe(list, ctx, &rdir, &rust_disabled, extra)?;
        // opt-level 1 for the probe crate itself: the code items must inline
        // their equivalents, as C's -O1 does (the tables are const-evaluated
        // at any level).
        let out = run(cargo(ctx, "rustc")?
            .args(["--lib", "--message-format=short", "--manifest-path"])
            .arg(rdir.join("Cargo.toml"))
            .args(["--", "-C", "codegen-units=1", "-C", "opt-level=1", "-C", "debuginfo=0"])
            .arg(format!("--emit=obj={}", r_obj.display())))?;
        if out.status.success() {
            break;
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut new = 0;
        for (l, msg) in error_lines(&stderr, "src/lib.rs") {
            if l >= first && l - first < list.len() && rust_disabled.insert(l - first, msg).is_none() {
                new += 1;
            }
        }
        if new == 0 || attempt > 3 {
            return Err(format!("Rust probe for {} does not compile:\n{}", ctx.target.rust, stderr.lines().take(40).collect::<Vec<_>>().join("\n")));
        }
    }
    let r_bytes = std::fs::read(&r_obj).map_err(|e| e.to_string())?;
    Ok(Built { bytes: r_bytes, rejected: rust_disabled })
}

/// Compares the two probes entry by entry; every entry counts as compared
/// under its kind, and every difference is a mismatch named by its entry.
pub fn compare(list: &[Entry], c_probe: &Built, r_probe: &Built, report: &mut Report) -> Result<(), String> {
    let (c_bytes, disabled) = (&c_probe.bytes, &c_probe.rejected);
    let (r_bytes, rust_disabled) = (&r_probe.bytes, &r_probe.rejected);
    let c_vals = read_u64s(c_bytes, "darwin_sys_probe", list.len())?;
    let r_vals = read_u64s(r_bytes, "darwin_sys_probe", list.len())?;
    let mut bit_cache: HashMap<usize, (u64, u64)> = HashMap::new();
    for (i, e) in list.iter().enumerate() {
        if e.skip {
            report.skips_seen.insert(e.name.clone());
            if !disabled.contains_key(&i) && !rust_disabled.contains_key(&i) && c_vals[i] == r_vals[i] {
                report.skips_passed.insert(e.name.clone());
            }
            continue;
        }
        *report.compared.entry(e.kind.label()).or_default() += 1;
        if let Some(msg) = disabled.get(&i) {
            report.mismatches.push(format!("{} {}: the C compiler rejects it: {msg}", e.kind.label(), e.name));
            continue;
        }
        if let Some(msg) = rust_disabled.get(&i) {
            report.mismatches.push(format!("{} {}: rustc rejects the Rust side: {msg}", e.kind.label(), e.name));
            continue;
        }
        let c = match e.c {
            CValue::Expr(_) => c_vals[i],
            CValue::BitOffset(b) | CValue::BitWidth(b) => {
                let (off, width) = match bit_cache.get(&b) {
                    Some(v) => *v,
                    None => {
                        let bytes = symbol_prefix(c_bytes, &format!("darwin_sys_bits_{b}"), 64)?;
                        let mut first = None;
                        let mut count = 0u64;
                        for (bi, byte) in bytes.iter().enumerate() {
                            for bit in 0..8 {
                                if byte & (1 << bit) != 0 {
                                    first.get_or_insert((bi * 8 + bit) as u64);
                                    count += 1;
                                }
                            }
                        }
                        let v = (first.unwrap_or(u64::MAX), count);
                        bit_cache.insert(b, v);
                        v
                    }
                };
                if matches!(e.c, CValue::BitOffset(_)) { off } else { width }
            }
        };
        if e.differ {
            if c == r_vals[i] {
                report.mismatches.push(format!(
                    "{} {}: libc now agrees with the SDK ({c}): move it from LIBC_TYPES_WRONG to LIBC_TYPES in codegen/config",
                    e.kind.label(),
                    e.name
                ));
            }
            continue;
        }
        if c != r_vals[i] {
            report.mismatches.push(format!("{} {}: C says {} ({:#x}), Rust says {} ({:#x})", e.kind.label(), e.name, c as i64, c, r_vals[i] as i64, r_vals[i]));
        }
    }
    Ok(())
}

/// Writes the Rust probe crate; returns the line of the first entry.
fn rust_probe(entries: &[Entry], ctx: &Ctx, dir: &Path, disabled: &BTreeMap<usize, String>, extra: &str) -> Result<usize, String> {
    let deps = format!(
        "libc = \"0.2\"\n{}",
        scratch::darwin_sys(ctx.root, &format!(", features = [\"mig\"{}]", if ctx.bindgen_feature { ", \"bindgen\"" } else { "" }))
    );
    let profile = if compile_only(ctx) { String::new() } else { format!("{PROFILE}\n") };
    scratch::Crate { name: "darwin-sys-probe", targets: scratch::LIB, deps: &deps, extra: &profile }.write(dir, scratch::workspace_lock(&ctx.target_dir))?;
    let mut s = String::from(
        "// darwin-sys verification probe: generated by `cargo xtask verify`.\n#![no_std]\n\
         #![allow(warnings, clippy::all)]\n\
         const fn field_size<T, F>(_: fn(*const T) -> *const F) -> usize { core::mem::size_of::<F>() }\n\
\
         #[repr(transparent)] pub struct Addr(pub *const core::ffi::c_void);\n\
         unsafe impl Sync for Addr {}\n",
    );
    if entries.iter().any(|e| e.rust.starts_with("union_field_size(")) {
        // Members of unions bindgen had to emulate with a struct.
        s.push_str(
            "const fn union_field_size<T, F>(_: fn(*const T) -> *const darwin_sys::__BindgenUnionField<F>) -> usize {\n    core::mem::size_of::<F>()\n}\n",
        );
    }
    writeln!(s, "#[unsafe(no_mangle)]\npub static darwin_sys_probe: [u64; {}] = [", entries.len() + 1).unwrap();
    let first = s.lines().count() + 1;
    for (i, e) in entries.iter().enumerate() {
        if disabled.contains_key(&i) {
            s.push_str("    0,\n");
        } else {
            writeln!(s, "    ({}) as u64,", e.rust).unwrap();
        }
    }
    s.push_str("    0];\n");
    s.push_str(extra);
    std::fs::write(dir.join("src").join("lib.rs"), s).map_err(|e| e.to_string())?;
    Ok(first)
}

/// Bytes of symbol `name` (Mach-O: `_name`), `len` bytes long.
fn symbol_bytes(data: &[u8], name: &str, len: usize) -> Result<Vec<u8>, String> {
    let file = object::File::parse(data).map_err(|e| e.to_string())?;
    let mangled = format!("_{name}");
    let sym = file.symbols().find(|s| s.name() == Ok(mangled.as_str())).ok_or_else(|| format!("no symbol {mangled}"))?;
    let idx = sym.section_index().ok_or("symbol without section")?;
    let sec = file.section_by_index(idx).map_err(|e| e.to_string())?;
    let bytes = sec.data().map_err(|e| e.to_string())?;
    let off = (sym.address() - sec.address()) as usize;
    bytes.get(off..off + len).map(|b| b.to_vec()).ok_or_else(|| format!("{mangled} out of its section"))
}

/// Up to `max` bytes from symbol `name` to the end of its section.
pub(super) fn symbol_prefix(data: &[u8], name: &str, max: usize) -> Result<Vec<u8>, String> {
    let file = object::File::parse(data).map_err(|e| e.to_string())?;
    let mangled = format!("_{name}");
    let sym = file.symbols().find(|s| s.name() == Ok(mangled.as_str())).ok_or_else(|| format!("no symbol {mangled}"))?;
    let sec = file.section_by_index(sym.section_index().ok_or("symbol without section")?).map_err(|e| e.to_string())?;
    let d = sec.data().map_err(|e| e.to_string())?;
    let off = (sym.address() - sec.address()) as usize;
    // Stop at the next symbol, so one object's bits never read another's.
    let next = file
        .symbols()
        .filter(|s| s.section_index() == sym.section_index() && s.address() > sym.address())
        .map(|s| (s.address() - sec.address()) as usize)
        .min()
        .unwrap_or(d.len());
    Ok(d[off..next.min(off + max).min(d.len())].to_vec())
}

/// The values of C constant expressions `exprs` after `includes`, as the
/// compiler `cc` computes them for `t` (compiled in `work`, read back from
/// the object, never run).
pub fn c_values(cc: &CCompiler, t: &Target, work: &Path, includes: &str, exprs: &[&str]) -> Result<Vec<u64>, String> {
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let (file, obj) = (work.join("values.c"), work.join("values.o"));
    let body: String = exprs.iter().map(|e| format!("DSP({e}),\n")).collect();
    std::fs::write(&file, format!("{includes}\n#define DSP(x) ((unsigned long long)(x))\nconst unsigned long long darwin_sys_probe[] = {{\n{body}}};\n"))
        .map_err(|e| e.to_string())?;
    let out = run(cc.command(t).args(["-c", "-w"]).arg(&file).arg("-o").arg(&obj).current_dir(work))?;
    if !out.status.success() {
        return Err(format!("{} for {}:\n{}", file.display(), t.rust, String::from_utf8_lossy(&out.stderr)));
    }
    read_u64s(&std::fs::read(&obj).map_err(|e| e.to_string())?, "darwin_sys_probe", exprs.len())
}

fn read_u64s(data: &[u8], name: &str, n: usize) -> Result<Vec<u64>, String> {
    let b = symbol_bytes(data, name, n * 8)?;
    Ok(b.chunks(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect())
}

/// Symbols referred to by relocations in [start, end) of the section holding
/// `name` (`end` = the next symbol in that section).
pub fn referenced_symbols(data: &[u8], name: &str, slot: Option<(usize, usize)>) -> Result<BTreeSet<String>, String> {
    let file = object::File::parse(data).map_err(|e| e.to_string())?;
    let mangled = format!("_{name}");
    let sym = file.symbols().find(|s| s.name() == Ok(mangled.as_str())).ok_or_else(|| format!("no symbol {mangled}"))?;
    let idx = sym.section_index().ok_or("symbol without section")?;
    let sec = file.section_by_index(idx).map_err(|e| e.to_string())?;
    let base = sym.address() - sec.address();
    let (start, end) = match slot {
        Some((i, size)) => (base + (i * size) as u64, base + ((i + 1) * size) as u64),
        None => {
            let next = file
                .symbols()
                .filter(|s| s.section_index() == Some(idx) && s.address() > sym.address())
                .map(|s| s.address() - sec.address())
                .min()
                .unwrap_or(sec.size());
            (base, next)
        }
    };
    let mut out = BTreeSet::new();
    for (off, rel) in sec.relocations() {
        if off < start || off >= end {
            continue;
        }
        if let object::RelocationTarget::Symbol(si) = rel.target()
            && let Ok(s) = file.symbol_by_index(si)
        {
            let n = s.name().unwrap_or("").to_string();
            // Local labels (ltmp*, l_*) and the function itself are not globals.
            if !n.starts_with('l') && n != mangled {
                out.insert(n);
            }
        }
    }
    Ok(out)
}

/// A linker for cargo: zig's Mach-O linker against the SDK's `libSystem.tbd`.
pub fn linker_script(cc: &CCompiler, target: &Target, work: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    // rustc infers lld's ld64 flavor from a linker named `rust-lld`.
    let path = work.join(if matches!(cc, CCompiler::SdkFolder { .. }) { "rust-lld" } else { "zig-cc.sh" });
    let body = match cc {
        CCompiler::Zig { pythonpath } => format!(
            // The `libc` crate asks for `-liconv`, which the stand-in SDK does
            // not ship (nothing here uses it): dropped.
            "#!/bin/sh\nfor a in \"$@\"; do shift; [ \"$a\" = -liconv ] || set -- \"$@\" \"$a\"; done\n\
             PYTHONPATH='{}' exec {} -m ziglang cc -target {} \"$@\"\n",
            pythonpath.display(),
            crate::util::sdk::python(),
            target.zig
        ),
        CCompiler::Host { cc, sdk } => format!("#!/bin/sh\nexec {cc} -isysroot '{}' \"$@\"\n", sdk.display()),
        CCompiler::ZigClang { .. } => return Err(format!("{}: no linker here (the per-OS probes only compile)", target.rust)),
        // rustc (the linker's name makes it ld64's flavor) passes ld64's
        // arguments and `-syslibroot $SDKROOT` (`darwin_sys_env`); `-lSystem` is what a C
        // driver adds (the probes are `no_std`: nothing else asks for it).
        // The precompiled `core` refers to `rust_eh_personality`, which
        // only `std` defines; zig's linker drops the reference, lld is told
        // to leave that one symbol undefined.
        CCompiler::SdkFolder { .. } => format!(
            "#!/bin/sh\nfor a in \"$@\"; do shift; [ \"$a\" = -liconv ] || set -- \"$@\" \"$a\"; done\nexec '{}' \"$@\" -lSystem -U _rust_eh_personality\n",
            crate::util::cmd::rust_lld()?.display()
        ),
    };
    std::fs::write(&path, body).map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
    }
    Ok(path)
}
