//! `cargo xtask verify`: check the bindings against the SDK, per target.
//!
//! Both sides are compiled for the Darwin target and read back, never run:
//! - a C probe (`target/verify/<arch>/probe.c`) includes `wrapper.h` and
//!   stores `sizeof`, `_Alignof`, `offsetof`, constants, signature
//!   comparisons (`__builtin_types_compatible_p`) and macro results in one
//!   `const unsigned long long` array;
//! - a Rust probe crate stores the same facts, computed from `darwin_sys`, in
//!   a `static [u64; N]`;
//! - the `object` crate reads both arrays out of the Mach-O objects and the
//!   entries are compared one by one, each under its C name.
//!
//! Bitfields are read from static objects the C compiler lays out with one
//! field set to all ones. Hand-written items that read a global are compared
//! by the symbols their code refers to (relocations). Symbols are checked by
//! linking a real Mach-O executable against the SDK's `libSystem.tbd`.

use crate::cdecl::Renderer;
use crate::config::Target;
use crate::items::{is_integer_type, Bitfield, Items, Record};
use object::{Object, ObjectSection, ObjectSymbol};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use syn::Type;

/// How the C side is compiled.
pub enum CCompiler {
    /// `python3 -m ziglang cc -target <zig>` over the stand-in SDK.
    Zig { pythonpath: PathBuf },
    /// The host's `cc` with an SDK (`-isysroot`), on a Mac.
    Host { cc: String, sdk: PathBuf },
}

impl CCompiler {
    pub fn command(&self, t: &Target) -> Command {
        match self {
            CCompiler::Zig { pythonpath } => {
                let mut c = Command::new(crate::sdk::python());
                c.env("PYTHONPATH", pythonpath).args(["-m", "ziglang", "cc", "-target", t.zig]);
                c
            }
            CCompiler::Host { cc, sdk } => {
                let mut c = Command::new(cc);
                c.arg(format!("--target={}", t.clang)).arg("-isysroot").arg(sdk);
                c
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Layout,
    Constant,
    Signature,
    Inline,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Layout => "layout",
            Kind::Constant => "constant",
            Kind::Signature => "signature",
            Kind::Inline => "inline",
        }
    }
}

/// Where an entry's C value comes from.
#[derive(Clone, Debug)]
enum CValue {
    /// A constant expression stored in the probe array.
    Expr(String),
    /// Lowest set bit / number of set bits of a static object in which the C
    /// compiler set one bitfield to all ones.
    BitOffset(usize),
    BitWidth(usize),
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub kind: Kind,
    /// What is compared, under its C name: `size(mach_msg_header_t)`,
    /// `offset(mach_msg_header_t.msgh_size)`, `KERN_SUCCESS`, `fn mach_vm_read`.
    pub name: String,
    c: CValue,
    /// A Rust constant expression, cast to u64.
    rust: String,
    /// The two sides must differ (a known libc disagreement, kept watched).
    differ: bool,
}

#[derive(Default)]
pub struct Report {
    pub target: String,
    pub compared: BTreeMap<&'static str, usize>,
    pub mismatches: Vec<String>,
    pub skipped: Vec<String>,
    pub timings: Vec<(String, f64)>,
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// The C name of a field bindgen may have renamed (`type_` for `type`).
fn c_field(rust: &str) -> &str {
    match rust.strip_suffix('_') {
        Some(k) if RUST_KEYWORDS.contains(&k) => k,
        _ => rust,
    }
}

/// Storage bindgen adds that C does not name: bitfield units, padding,
/// alignment markers, the storage of emulated unions.
fn is_helper_field(name: &str) -> bool {
    name.starts_with("_bitfield_") || name.starts_with("__bindgen_padding") || name.starts_with("_bindgen_") || name == "_unused" || name == "bindgen_union_field"
}

/// bindgen's stand-ins for incomplete C types: `_unused: [u8; 0]`, or
/// `_address: u8` where it needed a sized type.
fn is_opaque(r: &Record) -> bool {
    r.fields.len() == 1 && (r.fields[0].name == "_unused" || r.fields[0].name == "_address")
}

/// The name of a path type; `__BindgenUnionField<T>` (a member of an
/// emulated union) counts as `T`.
fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => {
            let seg = p.path.segments.last()?;
            if seg.ident == "__BindgenUnionField" {
                if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                    if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                        return type_name(t);
                    }
                }
            }
            Some(seg.ident.to_string())
        }
        _ => None,
    }
}

fn is_union_field(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "__BindgenUnionField"))
}

fn is_incomplete_array(ty: &Type) -> bool {
    type_name(ty).as_deref() == Some("__IncompleteArrayField")
}

/// The reviewed skip list: `tests/verify-skips.txt`, lines of `<entry name> # reason`.
pub fn load_skips(root: &Path) -> Result<BTreeMap<String, String>, String> {
    let path = root.join("tests").join("verify-skips.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, reason) = line.split_once(" # ").ok_or_else(|| format!("{}: `{line}` has no ` # reason`", path.display()))?;
        out.insert(name.trim().to_string(), reason.trim().to_string());
    }
    Ok(out)
}

/// Everything one target's checks need.
pub struct Ctx<'a> {
    pub root: &'a Path,
    pub target: &'a Target,
    pub cc: &'a CCompiler,
    pub work: PathBuf,
    pub skips: &'a BTreeMap<String, String>,
    /// Cargo target directory for the probe crates.
    pub target_dir: PathBuf,
    /// Verify the bindings the build script makes with feature `bindgen`
    /// (against this compiler's SDK) instead of the committed ones.
    pub bindgen_feature: bool,
}

/// The bindings to verify, both parts (main and MIG): the committed files,
/// or with `bindgen_feature` the build script's output for this SDK.
fn bindings_items(ctx: &Ctx) -> Result<Items, String> {
    use crate::config::Part;
    let texts: Vec<String> = if !ctx.bindgen_feature {
        Part::ALL
            .iter()
            .map(|&part| {
                let p = crate::generate::path(ctx.root, ctx.target, part);
                std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))
            })
            .collect::<Result<_, _>>()?
    } else {
        let out = run(Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--release", "-p", "darwin-sys", "--features", "bindgen mig", "--target", ctx.target.rust, "--manifest-path"])
            .arg(ctx.root.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &ctx.target_dir))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).to_string());
        }
        let main = newest_bindings(&ctx.target_dir.join(ctx.target.rust).join("release").join("build"))?;
        Part::ALL
            .iter()
            .map(|part| std::fs::read_to_string(main.with_file_name(part.out_file())).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?
    };
    let mut items = Items::parse(&texts[0])?;
    items.merge(Items::parse(&texts[1])?);
    Ok(items)
}

/// Compiler errors reported against `file`: (line, message), for clang's
/// `file:L:C: error: msg` and rustc's short `file:L:C: error[E..]: msg`.
fn error_lines(stderr: &str, file: &str) -> Vec<(usize, String)> {
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

/// The newest `bindings.rs` a build script wrote under `build` (a
/// `target/<triple>/<profile>/build` folder).
pub fn newest_bindings(build: &Path) -> Result<PathBuf, String> {
    let mut newest: Option<(std::time::SystemTime, PathBuf)> = None;
    for e in std::fs::read_dir(build).map_err(|e| format!("{}: {e}", build.display()))?.flatten() {
        let p = e.path().join("out").join("bindings.rs");
        if let Ok(m) = p.metadata().and_then(|m| m.modified()) {
            if newest.as_ref().is_none_or(|(n, _)| m > *n) {
                newest = Some((m, p));
            }
        }
    }
    newest.map(|n| n.1).ok_or_else(|| format!("no build script wrote bindings.rs under {}", build.display()))
}

/// Writes a probe crate's manifest, with the workspace's `Cargo.lock` beside
/// it so that the probe builds with the very `libc` the workspace locks.
pub fn write_manifest(dir: &Path, target_dir: &Path, manifest: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    if let Some(lock) = target_dir.parent().map(|w| w.join("Cargo.lock")).filter(|l| l.is_file()) {
        std::fs::copy(lock, dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn run(cmd: &mut Command) -> Result<std::process::Output, String> {
    cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))
}

/// The C spelling of every record and alias: `foo_t` when C has that typedef,
/// else `struct foo`/`union foo`/`enum foo`; anonymous nested types through
/// their parent (`__typeof__(((struct p *)0)->field)`).
fn spellings(ctx: &Ctx, items: &Items, hand: &Items) -> Result<HashMap<String, String>, String> {
    // libc's types, and the C typedef names hand-written code uses (`size_t`).
    let mut libc: Vec<String> = crate::config::LIBC_TYPES.iter().map(|s| s.to_string()).collect();
    for f in &hand.funcs {
        for t in f.inputs.iter().chain(f.output.iter()) {
            let text = quote::quote!(#t).to_string();
            for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                if word.ends_with("_t") && !items.aliases.contains_key(word) && !libc.iter().any(|l| l == word) {
                    libc.push(word.to_string());
                }
            }
        }
    }
    let names: Vec<&String> = items
        .records
        .keys()
        .chain(items.aliases.keys())
        .chain(libc.iter())
        .filter(|n| !n.contains("__bindgen_ty_") && !n.starts_with("__Bindgen") && *n != "__IncompleteArrayField")
        .collect();
    let mut src = String::from("#include \"wrapper.h\"\n#include \"compat/private.h\"\n");
    let first = src.lines().count() + 1;
    for (i, n) in names.iter().enumerate() {
        writeln!(src, "typedef {n} darwin_sys_typedef_{i};").unwrap();
    }
    let file = ctx.work.join("spelling.c");
    std::fs::write(&file, &src).map_err(|e| e.to_string())?;
    let out = run(ctx.cc.command(ctx.target).args(["-fsyntax-only", "-ferror-limit=0", "-w"]).arg(format!("-I{}", ctx.root.display())).arg(&file))?;
    let not_typedef: BTreeSet<usize> =
        error_lines(&String::from_utf8_lossy(&out.stderr), "spelling.c").into_iter().filter(|e| e.0 >= first).map(|e| e.0 - first).collect();
    let mut map = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        let s = if !not_typedef.contains(&i) {
            n.to_string()
        } else if let Some(r) = items.records.get(*n) {
            format!("{} {n}", if r.is_union { "union" } else { "struct" })
        } else if libc.contains(n) {
            format!("struct {n}")
        } else {
            format!("enum {n}")
        };
        map.insert(n.to_string(), s);
    }
    // x86_64's `va_list` element: a compiler builtin with no C name.
    if items.records.contains_key("__va_list_tag") {
        map.insert("__va_list_tag".into(), "__typeof__((*(__builtin_va_list *)0)[0])".into());
    }
    // Anonymous nested types, reached through a parent field; a nested
    // type's own nested types once it has a spelling, until none is new.
    loop {
        let mut changed = false;
        for r in items.records.values() {
            let Some(parent) = map.get(&r.name).cloned() else { continue };
            for f in &r.fields {
                let (ty, index) = match &f.ty {
                    Type::Array(a) => (&*a.elem, "[0]"),
                    t => (t, ""),
                };
                // Anonymous (`p__bindgen_ty_1`) and nested named types
                // (`struct kinfo_proc { struct eproc {..} kp_eproc; }` is
                // bindgen's `kinfo_proc_eproc`).
                if let Some(tn) = type_name(ty) {
                    let nested = tn.starts_with(&format!("{}_", r.name));
                    let spelled = format!("__typeof__((({parent} *)0)->{}{index})", c_field(&f.name));
                    if nested && !f.name.starts_with("__bindgen_anon") && map.get(&tn) != Some(&spelled) {
                        map.insert(tn, spelled);
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    Ok(map)
}

/// Types bindgen made opaque (`_unused: [u8; 0]`) must be incomplete in C
/// too: `sizeof` of each must be rejected. Returns the count checked.
fn opaque_check(ctx: &Ctx, items: &Items, spell: &HashMap<String, String>, report: &mut Report) -> Result<usize, String> {
    let opaque: Vec<&Record> = items.records.values().filter(|r| is_opaque(r)).collect();
    let mut src = String::from("#include \"wrapper.h\"\n");
    let first = src.lines().count() + 1;
    for (i, r) in opaque.iter().enumerate() {
        let c = spell.get(&r.name).cloned().unwrap_or_else(|| format!("struct {}", r.name));
        writeln!(src, "enum {{ darwin_sys_opaque_{i} = sizeof({c}) }};").unwrap();
    }
    let file = ctx.work.join("opaque.c");
    std::fs::write(&file, &src).map_err(|e| e.to_string())?;
    let out = run(ctx.cc.command(ctx.target).args(["-fsyntax-only", "-ferror-limit=0", "-w"]).arg(format!("-I{}", ctx.root.display())).arg(&file))?;
    let rejected: BTreeSet<usize> =
        error_lines(&String::from_utf8_lossy(&out.stderr), "opaque.c").into_iter().filter(|e| e.0 >= first).map(|e| e.0 - first).collect();
    for (i, r) in opaque.iter().enumerate() {
        if !rejected.contains(&i) {
            report.mismatches.push(format!("layout {}: opaque in Rust, but C knows its layout", r.name));
        }
    }
    Ok(opaque.len())
}

/// Builds every entry for one target.
fn entries(
    ctx: &Ctx,
    items: &Items,
    hand: &Items,
    spell: &HashMap<String, String>,
    bits: &[(String, String, Bitfield)],
    libc: &crate::libc_src::LibcRecords,
    report: &mut Report,
) -> Vec<Entry> {
    let mut out = Vec::new();
    let d = "darwin_sys";
    let push = |out: &mut Vec<Entry>, report: &mut Report, kind: Kind, name: String, c: CValue, rust: String| {
        if let Some(reason) = ctx.skips.get(&name) {
            report.skipped.push(format!("{name} # {reason}"));
        } else {
            out.push(Entry { kind, name, c, rust, differ: false });
        }
    };
    // The libc crate's types, re-exported in place of bindgen's: their size,
    // alignment and public fields' offsets and sizes must be the SDK's too.
    for n in crate::config::LIBC_TYPES {
        let Some(c) = spell.get(*n) else { continue };
        let rn = format!("{d}::{n}");
        push(&mut out, report, Kind::Layout, format!("size({n}) [libc]"), CValue::Expr(format!("sizeof({c})")), format!("core::mem::size_of::<{rn}>()"));
        push(&mut out, report, Kind::Layout, format!("align({n}) [libc]"), CValue::Expr(format!("_Alignof({c})")), format!("core::mem::align_of::<{rn}>()"));
        for f in libc.get(*n).into_iter().flatten() {
            let cf = c_field(f);
            push(&mut out, report, Kind::Layout, format!("offset({n}.{cf}) [libc]"), CValue::Expr(format!("__builtin_offsetof({c}, {cf})")), format!("core::mem::offset_of!({rn}, {f})"));
            push(
                &mut out,
                report,
                Kind::Layout,
                format!("fieldsize({n}.{cf}) [libc]"),
                CValue::Expr(format!("sizeof((({c} *)0)->{cf})")),
                format!("field_size(|p: *const {rn}| unsafe {{ &raw const (*p).{f} }})"),
            );
        }
    }
    // Types libc defines differently from the SDK, bound from the header
    // instead: while libc's still differs, fine; once it agrees, the check
    // fails and says to re-export libc's again.
    for n in crate::config::LIBC_TYPES_WRONG {
        out.push(Entry {
            kind: Kind::Layout,
            name: format!("size({n}) [libc's, listed in LIBC_TYPES_WRONG]"),
            c: CValue::Expr(format!("sizeof(struct {n})")),
            rust: format!("core::mem::size_of::<libc::{n}>()"),
            differ: true,
        });
    }
    // Anonymous member types (`__bindgen_anon_N`): their fields are checked
    // as fields of the parent, where C puts them.
    let mut anon_members: BTreeSet<String> = BTreeSet::new();
    for r in items.records.values() {
        for f in &r.fields {
            if f.name.starts_with("__bindgen_anon") {
                if let Some(tn) = type_name(&f.ty) {
                    anon_members.insert(tn);
                }
            }
        }
    }
    for r in items.records.values() {
        if r.name.starts_with("__Bindgen") || r.name == "__IncompleteArrayField" || anon_members.contains(&r.name) {
            continue;
        }
        let Some(c) = spell.get(&r.name) else {
            report.mismatches.push(format!("layout {}: no C spelling found for this type", r.name));
            continue;
        };
        let rn = format!("{d}::{}", r.name);
        if is_opaque(r) {
            // Checked by `opaque_check`: C must not know a layout either.
            continue;
        }
        push(&mut out, report, Kind::Layout, format!("size({})", r.name), CValue::Expr(format!("sizeof({c})")), format!("core::mem::size_of::<{rn}>()"));
        push(&mut out, report, Kind::Layout, format!("align({})", r.name), CValue::Expr(format!("_Alignof({c})")), format!("core::mem::align_of::<{rn}>()"));
        let mut fields: Vec<(String, String, &Type)> = Vec::new(); // (rust path, c path, type)
        for f in &r.fields {
            if f.name.starts_with("__bindgen_anon") {
                if let Some(inner) = type_name(&f.ty).and_then(|t| items.records.get(&t)) {
                    for g in &inner.fields {
                        if !is_helper_field(&g.name) {
                            fields.push((format!("{}.{}", f.name, g.name), c_field(&g.name).to_string(), &g.ty));
                        }
                    }
                }
            } else if !is_helper_field(&f.name) {
                fields.push((f.name.clone(), c_field(&f.name).to_string(), &f.ty));
            }
        }
        for (rpath, cpath, ty) in fields {
            let label = format!("{}.{}", r.name, cpath);
            push(&mut out, report, Kind::Layout, format!("offset({label})"), CValue::Expr(format!("__builtin_offsetof({c}, {cpath})")), format!("core::mem::offset_of!({rn}, {rpath})"));
            if !is_incomplete_array(ty) {
                let access = rpath.split('.').map(|p| format!(".{p}")).collect::<String>();
                let helper = if is_union_field(ty) { "union_field_size" } else { "field_size" };
                push(
                    &mut out,
                    report,
                    Kind::Layout,
                    format!("fieldsize({label})"),
                    CValue::Expr(format!("sizeof((({c} *)0)->{cpath})")),
                    format!("{helper}(|p: *const {rn}| unsafe {{ &raw const (*p){access} }})"),
                );
            }
        }
    }
    // Bitfields: bit offset and width, from C-laid-out objects.
    for (i, (owner, _, bf)) in bits.iter().enumerate() {
        let label = format!("{owner}.{}", c_field(&bf.name));
        let rn = format!("{d}::{owner}");
        push(&mut out, report, Kind::Layout, format!("bitoffset({label})"), CValue::BitOffset(i), format!("core::mem::offset_of!({rn}, {}) * 8 + {}", bf.unit, bf.offset));
        push(&mut out, report, Kind::Layout, format!("bitwidth({label})"), CValue::BitWidth(i), format!("{}", bf.width));
    }
    // Constants: generated and hand-written (private.rs).
    for src in [items, hand] {
        for (name, _) in &src.consts {
            push(&mut out, report, Kind::Constant, name.clone(), CValue::Expr(format!("({name})")), format!("{d}::{name} as u64"));
        }
    }
    // Signatures: every function, generated and hand-written.
    let renderer = Renderer { spelling: spell, aliases: &items.aliases };
    for f in items.funcs.iter().chain(hand.funcs.iter()) {
        let args: Result<Vec<String>, String> = f.inputs.iter().map(|t| renderer.render(t, "")).collect();
        let rendered = args.and_then(|a| renderer.signature(&a, f.output.as_ref(), f.variadic, "(*)"));
        match rendered {
            Ok(sig) => push(
                &mut out,
                report,
                Kind::Signature,
                format!("fn {}", f.name),
                CValue::Expr(format!("__builtin_types_compatible_p(__typeof__(&{}), {sig})", f.name)),
                "1".into(),
            ),
            Err(e) => report.mismatches.push(format!("signature fn {}: {e}", f.name)),
        }
    }
    // Hand-written equivalents of macros: values over samples.
    for (name, c, rust) in inline_samples() {
        push(&mut out, report, Kind::Inline, name, CValue::Expr(c), rust);
    }
    out
}

/// (entry name, C expression, Rust expression) for the macro equivalents in
/// `src/inline.rs` that are constant-evaluable.
fn inline_samples() -> Vec<(String, String, String)> {
    let mut v = Vec::new();
    let names = [0u32, 16, 17, 18, 19, 20, 21, 31, 255];
    for &r in &names {
        for &l in &names {
            v.push((format!("MACH_MSGH_BITS({r}, {l})"), format!("MACH_MSGH_BITS({r}u, {l}u)"), format!("darwin_sys::MACH_MSGH_BITS({r}, {l}) as u64")));
        }
    }
    for &r in &names[..6] {
        for &l in &names[3..] {
            for vch in [0u32, 17, 255] {
                v.push((
                    format!("MACH_MSGH_BITS_SET_PORTS({r}, {l}, {vch})"),
                    format!("MACH_MSGH_BITS_SET_PORTS({r}u, {l}u, {vch}u)"),
                    format!("darwin_sys::MACH_MSGH_BITS_SET_PORTS({r}, {l}, {vch}) as u64"),
                ));
                for other in [0u32, 0x8000_0000, 0xffff_ffff] {
                    v.push((
                        format!("MACH_MSGH_BITS_SET({r}, {l}, {vch}, {other:#x})"),
                        format!("MACH_MSGH_BITS_SET({r}u, {l}u, {vch}u, {other:#x}u)"),
                        format!("darwin_sys::MACH_MSGH_BITS_SET({r}, {l}, {vch}, {other:#x}) as u64"),
                    ));
                }
            }
        }
    }
    let bits = [0u32, 0x11, 0x1113, 0x0012_1314, 0x8000_1413, 0x8000_0000, 0x001f_1f1f, 0xb01f_1f1f, 0xffff_ffff];
    for getter in ["MACH_MSGH_BITS_REMOTE", "MACH_MSGH_BITS_LOCAL", "MACH_MSGH_BITS_VOUCHER", "MACH_MSGH_BITS_PORTS", "MACH_MSGH_BITS_OTHER", "MACH_MSGH_BITS_IS_COMPLEX"] {
        for b in bits {
            v.push((format!("{getter}({b:#x})"), format!("{getter}({b:#x}u)"), format!("darwin_sys::{getter}({b:#x}) as u64")));
        }
    }
    for n in [0u32, 1, 0x103, 0xffff_fffe, 0xffff_ffff] {
        v.push((format!("MACH_PORT_VALID({n:#x})"), format!("MACH_PORT_VALID({n:#x}u)"), format!("darwin_sys::MACH_PORT_VALID({n:#x}) as u64")));
    }
    v.push((
        "OS_UNFAIR_LOCK_INIT".into(),
        "((os_unfair_lock)OS_UNFAIR_LOCK_INIT)._os_unfair_lock_opaque".into(),
        "unsafe { core::mem::transmute::<darwin_sys::os_unfair_lock, u32>(darwin_sys::OS_UNFAIR_LOCK_INIT) } as u64".into(),
    ));
    for n in ["DISPATCH_QUEUE_SERIAL", "DISPATCH_TARGET_QUEUE_DEFAULT", "DISPATCH_CURRENT_QUEUE_LABEL", "DISPATCH_APPLY_AUTO", "OS_LOG_DISABLED"] {
        v.push((format!("{n} is NULL"), format!("({n}) == 0"), format!("darwin_sys::{n}.is_null() as u64")));
    }
    v
}

/// Hand-written items whose value is the address of a global: compared by
/// the symbol each one's relocation names, C's against Rust's.
pub const ADDRESS_ITEMS: &[&str] = &[
    "DISPATCH_QUEUE_CONCURRENT",
    "DISPATCH_SOURCE_TYPE_DATA_ADD",
    "DISPATCH_SOURCE_TYPE_DATA_OR",
    "DISPATCH_SOURCE_TYPE_DATA_REPLACE",
    "DISPATCH_SOURCE_TYPE_MACH_SEND",
    "DISPATCH_SOURCE_TYPE_MACH_RECV",
    "DISPATCH_SOURCE_TYPE_MEMORYPRESSURE",
    "DISPATCH_SOURCE_TYPE_PROC",
    "DISPATCH_SOURCE_TYPE_READ",
    "DISPATCH_SOURCE_TYPE_SIGNAL",
    "DISPATCH_SOURCE_TYPE_TIMER",
    "DISPATCH_SOURCE_TYPE_VNODE",
    "DISPATCH_SOURCE_TYPE_WRITE",
    "OS_LOG_DEFAULT",
];

/// Hand-written functions that read or call a global: (name, C body, Rust
/// body), each a function of `x: u64` returning u64. The symbols each
/// compiled body refers to must be the same in C and Rust.
pub const CODE_ITEMS: &[(&str, &str, &str)] = &[
    ("mach_task_self()", "(unsigned long long)mach_task_self()", "darwin_sys::mach_task_self() as u64"),
    ("current_task()", "(unsigned long long)current_task()", "darwin_sys::current_task() as u64"),
    ("dispatch_get_main_queue()", "(unsigned long long)(uintptr_t)dispatch_get_main_queue()", "darwin_sys::dispatch_get_main_queue() as usize as u64"),
    ("mach_vm_trunc_page(x)", "(unsigned long long)mach_vm_trunc_page(x)", "darwin_sys::mach_vm_trunc_page(x)"),
    ("mach_vm_round_page(x)", "(unsigned long long)mach_vm_round_page(x)", "darwin_sys::mach_vm_round_page(x)"),
    ("errno", "(unsigned long long)errno", "darwin_sys::errno() as u64"),
    ("errno = x", "(errno = (int)x, 0ull)", "{ darwin_sys::set_errno(x as core::ffi::c_int); 0 }"),
];

/// Every bitfield of a named record: (record, C spelling, bitfield).
fn bitfields(items: &Items, spell: &HashMap<String, String>) -> Vec<(String, String, Bitfield)> {
    let mut out = Vec::new();
    for (owner, bfs) in &items.bitfields {
        if let Some(c) = spell.get(owner) {
            out.extend(bfs.iter().map(|bf| (owner.clone(), c.clone(), bf.clone())));
        }
    }
    out
}

fn c_probe(entries: &[Entry], bits: &[(String, String, Bitfield)], fields: &BTreeSet<String>, disabled: &BTreeMap<usize, String>) -> (String, usize, Vec<usize>) {
    let mut s = String::from(
        "/* darwin-sys verification probe: generated by `cargo xtask verify`. */\n\
         #include <stddef.h>\n#include <stdint.h>\n#include \"wrapper.h\"\n#include \"compat/private.h\"\n\
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
        writeln!(
            s,
            "const union {{ {c} t; unsigned char b[sizeof({c})]; }} darwin_sys_bits_{i} = {{ .t = {{ .{} = -1 }} }};",
            c_field(&bf.name)
        )
        .unwrap();
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
    (s, first, bit_lines)
}

/// Writes the Rust probe crate; returns the line of the first entry.
fn rust_probe(entries: &[Entry], ctx: &Ctx, dir: &Path, disabled: &BTreeMap<usize, String>) -> Result<usize, String> {
    write_manifest(
        dir,
        &ctx.target_dir,
        &format!(
            "[package]\nname = \"darwin-sys-probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [lib]\npath = \"src/lib.rs\"\n\n[dependencies]\nlibc = \"0.2\"\n\
             darwin-sys = {{ path = {:?}, features = [\"mig\"{}] }}\n\n[workspace]\n",
            ctx.root.display().to_string(),
            if ctx.bindgen_feature { ", \"bindgen\"" } else { "" }
        ),
    )?;
    let mut s = String::from(
        "// darwin-sys verification probe: generated by `cargo xtask verify`.\n#![no_std]\n\
         #![allow(unused_unsafe, unnecessary_transmutes, deprecated, clippy::all)]\n\
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
    writeln!(s, "#[unsafe(no_mangle)]\npub static darwin_sys_addr: [Addr; {}] = [", ADDRESS_ITEMS.len()).unwrap();
    for a in ADDRESS_ITEMS {
        writeln!(s, "    Addr(darwin_sys::{a} as *const core::ffi::c_void),").unwrap();
    }
    s.push_str("];\n");
    for (i, (_, _, body)) in CODE_ITEMS.iter().enumerate() {
        writeln!(s, "#[unsafe(no_mangle)]\npub extern \"C\" fn darwin_sys_code_{i}(x: u64) -> u64 {{ let _ = x; {body} }}").unwrap();
    }
    std::fs::write(dir.join("src").join("lib.rs"), s).map_err(|e| e.to_string())?;
    Ok(first)
}

fn c_extras(s: &mut String) {
    writeln!(s, "const void *const darwin_sys_addr[] = {{").unwrap();
    for a in ADDRESS_ITEMS {
        writeln!(s, "    (const void *)({a}),").unwrap();
    }
    s.push_str("};\n");
    for (i, (_, body, _)) in CODE_ITEMS.iter().enumerate() {
        writeln!(s, "unsigned long long darwin_sys_code_{i}(unsigned long long x) {{ (void)x; return {body}; }}").unwrap();
    }
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
fn symbol_prefix(data: &[u8], name: &str, max: usize) -> Result<Vec<u8>, String> {
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

fn read_u64s(data: &[u8], name: &str, n: usize) -> Result<Vec<u64>, String> {
    let b = symbol_bytes(data, name, n * 8)?;
    Ok(b.chunks(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect())
}

/// Symbols referred to by relocations in [start, end) of the section holding
/// `name` (`end` = the next symbol in that section).
fn referenced_symbols(data: &[u8], name: &str, slot: Option<(usize, usize)>) -> Result<BTreeSet<String>, String> {
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
        if let object::RelocationTarget::Symbol(si) = rel.target() {
            if let Ok(s) = file.symbol_by_index(si) {
                let n = s.name().unwrap_or("").to_string();
                // Local labels (ltmp*, l_*) and the function itself are not globals.
                if !n.starts_with('l') && n != mangled {
                    out.insert(n);
                }
            }
        }
    }
    Ok(out)
}

pub fn verify_target(ctx: &Ctx, report: &mut Report) -> Result<(), String> {
    std::fs::create_dir_all(&ctx.work).map_err(|e| e.to_string())?;
    let t0 = Instant::now();
    let items = bindings_items(ctx)?;
    let private = std::fs::read_to_string(ctx.root.join("src/private.rs")).map_err(|e| e.to_string())?;
    let mut hand = Items::parse(&private)?;
    hand.consts.retain(|(_, t)| is_integer_type(t, &items.aliases));
    let spell = spellings(ctx, &items, &hand)?;
    let bits = bitfields(&items, &spell);
    let field_names: BTreeSet<String> = items
        .records
        .values()
        .flat_map(|r| r.fields.iter().map(|f| c_field(&f.name).to_string()))
        .chain(bits.iter().map(|b| c_field(&b.2.name).to_string()))

        .filter(|f| !f.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    let libc = crate::libc_src::records(ctx.root, ctx.target.arch)?;
    let list = entries(ctx, &items, &hand, &spell, &bits, &libc, report);
    *report.compared.entry("layout").or_default() += opaque_check(ctx, &items, &spell, report)?;
    report.timings.push(("entries".into(), t0.elapsed().as_secs_f64()));

    // C side: compile; an entry the C compiler rejects is a mismatch named
    // by its entry, and the probe is compiled again without it.
    let t1 = Instant::now();
    let c_file = ctx.work.join("probe.c");
    let c_obj = ctx.work.join("probe.o");
    let mut disabled: BTreeMap<usize, String> = BTreeMap::new();
    let mut bits_bad: BTreeSet<usize> = BTreeSet::new();
    let mut attempts = 0;
    let (c_bytes, _bit_lines) = loop {
        attempts += 1;
        let (mut src, first, bit_lines) = c_probe(&list, &bits, &field_names, &disabled);
        c_extras(&mut src);
        std::fs::write(&c_file, &src).map_err(|e| e.to_string())?;
        let out = run(ctx.cc.command(ctx.target).args(["-c", "-O1", "-w", "-ferror-limit=0"]).arg(format!("-I{}", ctx.root.display())).arg(&c_file).arg("-o").arg(&c_obj))?;
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
    report.timings.push(("C probe".into(), t1.elapsed().as_secs_f64()));

    // Rust side: likewise, an entry rustc rejects (an item missing or of
    // the wrong kind) is a mismatch named by its entry.
    let t2 = Instant::now();
    let rdir = ctx.work.join("rust-probe");
    let r_obj = ctx.work.join("probe-rs.o");
    let mut rust_disabled: BTreeMap<usize, String> = BTreeMap::new();
    for attempt in 0.. {
        let first = rust_probe(&list, ctx, &rdir, &rust_disabled)?;
        let out = run(Command::new(env!("CARGO"))
            .args(["rustc", "--quiet", "--release", "--lib", "--message-format=short", "--target", ctx.target.rust, "--manifest-path"])
            .arg(rdir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &ctx.target_dir)
            .args(["--", "-C", "codegen-units=1", "-C", "opt-level=1"])
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
    report.timings.push(("Rust probe".into(), t2.elapsed().as_secs_f64()));
    let r_bytes = std::fs::read(&r_obj).map_err(|e| e.to_string())?;

    // Compare.
    let c_vals = read_u64s(&c_bytes, "darwin_sys_probe", list.len())?;
    let r_vals = read_u64s(&r_bytes, "darwin_sys_probe", list.len())?;
    let mut bit_cache: HashMap<usize, (u64, u64)> = HashMap::new();
    for (i, e) in list.iter().enumerate() {
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
                        let bytes = symbol_prefix(&c_bytes, &format!("darwin_sys_bits_{b}"), 64)?;
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
                    "{} {}: libc now agrees with the SDK ({c}): move it from LIBC_TYPES_WRONG to LIBC_TYPES in config.rs",
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
    // Address-valued and global-reading hand-written items: same symbols.
    for (i, a) in ADDRESS_ITEMS.iter().enumerate() {
        *report.compared.entry("inline").or_default() += 1;
        let c = referenced_symbols(&c_bytes, "darwin_sys_addr", Some((i, 8)))?;
        let r = referenced_symbols(&r_bytes, "darwin_sys_addr", Some((i, 8)))?;
        if c != r || c.is_empty() {
            report.mismatches.push(format!("inline {a}: C points at {c:?}, Rust at {r:?}"));
        }
    }
    for (i, (name, _, _)) in CODE_ITEMS.iter().enumerate() {
        *report.compared.entry("inline").or_default() += 1;
        let f = format!("darwin_sys_code_{i}");
        let c = referenced_symbols(&c_bytes, &f, None)?;
        let r = referenced_symbols(&r_bytes, &f, None)?;
        if c != r || c.is_empty() {
            report.mismatches.push(format!("inline {name}: C code refers to {c:?}, Rust code to {r:?}"));
        }
    }
    // Symbols: link every function and static.
    let t3 = Instant::now();
    let names: Vec<String> = items
        .funcs
        .iter()
        .chain(hand.funcs.iter())
        .map(|f| f.name.clone())
        .chain(items.static_names.iter().chain(hand.static_names.iter()).map(|n| format!("@static:{n}")))
        .collect();
    let missing = link_check(ctx, &names)?;
    *report.compared.entry("symbol").or_default() += names.len();
    for m in missing {
        report.mismatches.push(format!("symbol {m}: not exported by libSystem.tbd (undefined at link time)"));
    }
    report.timings.push(("link".into(), t3.elapsed().as_secs_f64()));
    Ok(())
}


/// Links a Mach-O executable that takes the address of every bound function
/// and static; returns the symbols the linker could not find.
fn link_check(ctx: &Ctx, names: &[String]) -> Result<Vec<String>, String> {
    let dir = ctx.work.join("symbols");
    write_manifest(
        &dir,
        &ctx.target_dir,
        &format!(
            "[package]\nname = \"darwin-sys-symbols\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [[bin]]\nname = \"symbols\"\npath = \"src/main.rs\"\n\n[dependencies]\ndarwin-sys = {{ path = {:?}, features = [{}] }}\n\n\
             [profile.dev]\npanic = \"abort\"\n\n[workspace]\n",
            ctx.root.display().to_string(),
            if ctx.bindgen_feature { "\"bindgen\"" } else { "" }
        ),
    )?;
    let mut s = String::from(
        "// darwin-sys symbol check: generated by `cargo xtask verify`.\n#![no_std]\n#![no_main]\n\
         #[repr(transparent)] pub struct Addr(pub *const ());\nunsafe impl Sync for Addr {}\n",
    );
    writeln!(s, "#[used]\n#[unsafe(no_mangle)]\npub static DARWIN_SYS_SYMBOLS: [Addr; {}] = [", names.len()).unwrap();
    for n in names {
        writeln!(s, "    Addr(darwin_sys::{n} as *const ()),").unwrap();
    }
    s.push_str("];\n#[unsafe(no_mangle)]\npub extern \"C\" fn main() -> i32 {\n    unsafe { core::ptr::read_volatile(&DARWIN_SYS_SYMBOLS[0].0) }.is_null() as i32\n}\n\
                #[panic_handler]\nfn panic(_: &core::panic::PanicInfo) -> ! { loop {} }\n");
    // Statics are referenced with `&raw const`.
    let s = s.replace("darwin_sys::@static:", "&raw const darwin_sys::");
    std::fs::write(dir.join("src").join("main.rs"), s).map_err(|e| e.to_string())?;
    let linker = linker_script(ctx.cc, ctx.target, &ctx.work)?;
    let var = format!("CARGO_TARGET_{}_LINKER", ctx.target.rust.to_uppercase().replace('-', "_"));
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["build", "--quiet", "--target", ctx.target.rust, "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &ctx.target_dir)
        .env(var, &linker)
        .env("MACOSX_DEPLOYMENT_TARGET", if ctx.target.arch == "aarch64" { "11.0" } else { "10.12" });
    if let CCompiler::Zig { .. } = ctx.cc {
        // No Xcode here: rustc would look for one only to embed the SDK
        // version; zig's linker brings its own libSystem.tbd.
        cmd.env("SDKROOT", ctx.work.join("no-sdk"));
    }
    let out = run(&mut cmd)?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut missing: Vec<String> = stderr
        .lines()
        .filter_map(|l| l.split("undefined symbol: ").nth(1))
        .map(|s| s.trim().strip_prefix('_').unwrap_or(s.trim()).to_string())
        .collect();
    missing.sort();
    missing.dedup();
    if !out.status.success() && missing.is_empty() {
        return Err(format!("symbol check for {} failed to build:\n{}", ctx.target.rust, stderr.lines().take(40).collect::<Vec<_>>().join("\n")));
    }
    Ok(missing)
}

/// A linker for cargo: zig's Mach-O linker against the SDK's `libSystem.tbd`.
pub fn linker_script(cc: &CCompiler, target: &Target, work: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let path = work.join("zig-cc.sh");
    let body = match cc {
        CCompiler::Zig { pythonpath } => format!(
            // The `libc` crate asks for `-liconv`, which the stand-in SDK does
            // not ship (nothing here uses it): dropped.
            "#!/bin/sh\nfor a in \"$@\"; do shift; [ \"$a\" = -liconv ] || set -- \"$@\" \"$a\"; done\n\
             PYTHONPATH='{}' exec {} -m ziglang cc -target {} \"$@\"\n",
            pythonpath.display(),
            crate::sdk::python(),
            target.zig
        ),
        CCompiler::Host { cc, sdk } => format!("#!/bin/sh\nexec {cc} -isysroot '{}' \"$@\"\n", sdk.display()),
    };
    std::fs::write(&path, body).map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
    }
    Ok(path)
}

/// Verifies `targets` of the crate at `root`; one report each.
pub fn verify_targets(root: &Path, cc: &CCompiler, targets: &[&Target], bindgen_feature: bool) -> Result<Vec<Report>, String> {
    let skips = load_skips(root)?;
    let mut reports = Vec::new();
    for t in targets {
        let ctx = Ctx {
            root,
            target: t,
            cc,
            work: root.join("target").join("verify").join(t.arch),
            skips: &skips,
            target_dir: root.join("target"),
            bindgen_feature,
        };
        let mut report = Report { target: t.rust.to_string(), ..Default::default() };
        let t0 = Instant::now();
        verify_target(&ctx, &mut report)?;
        report.timings.push(("total".into(), t0.elapsed().as_secs_f64()));
        reports.push(report);
    }
    Ok(reports)
}

pub fn print_summary(reports: &[Report]) {
    println!("\n{:<22} {:>8} {:>9} {:>8} {:>10} {:>7} {:>10} {:>8}", "target", "layout", "constant", "symbol", "signature", "inline", "mismatches", "skipped");
    for r in reports {
        let g = |k: &str| r.compared.get(k).copied().unwrap_or(0);
        println!(
            "{:<22} {:>8} {:>9} {:>8} {:>10} {:>7} {:>10} {:>8}",
            r.target, g("layout"), g("constant"), g("symbol"), g("signature"), g("inline"), r.mismatches.len(), r.skipped.len()
        );
    }
    for r in reports {
        let t: Vec<String> = r.timings.iter().map(|(k, v)| format!("{k} {v:.1}s")).collect();
        println!("{}: {}", r.target, t.join(", "));
        for s in &r.skipped {
            println!("  skipped: {s}");
        }
    }
}
