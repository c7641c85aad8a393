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
//!
//! One module per check class, around one shared probe builder:
//! - `probe`: the C and Rust probes (building, compiling, reading back,
//!   comparing entry by entry);
//! - `layout`: sizes, alignments, offsets, field sizes, bitfields, opaque types;
//! - `constants`: integer constants, generated and hand-written;
//! - `types`: C spellings of Rust types, function signatures;
//! - `symbols`: every function and static links against `libSystem.tbd`;
//! - `compat`: codegen/compat/*.h pinned against a table from Apple's public sources;
//! - `equivalents`: hand-written equivalents of C macros and inlines;
//! - `repr`: `repr(C)`, packing, family tags, private-API warnings;
//! - `inventory`: what the bound headers declare, bound or left out;
//! - `availability`: each OS's cfgs against clang's own availability errors.

pub mod availability;
mod compat;
mod constants;
mod equivalents;
mod inventory;
mod layout;
pub mod per_os;
pub mod probe;
mod repr;
pub mod symbols;
mod types;

pub use probe::CCompiler;
pub use probe::linker_script;

use crate::config::Target;
use crate::generation::items::{Items, Record, is_integer_type};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use syn::Type;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Layout,
    Constant,
    Signature,
    Type,
    Compat,
    Inline,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Layout => "layout",
            Kind::Constant => "constant",
            Kind::Signature => "signature",
            Kind::Type => "type",
            Kind::Compat => "compat",
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
    /// Named in the skip list: compared, but a difference is not a
    /// mismatch; agreement is recorded (the skip may be stale).
    skip: bool,
}

#[derive(Default)]
pub struct Report {
    pub target: String,
    pub compared: BTreeMap<&'static str, usize>,
    pub mismatches: Vec<String>,
    pub skipped: Vec<String>,
    /// Skip-list names that produced an entry here, and those that agreed.
    pub skips_seen: BTreeSet<String>,
    pub skips_passed: BTreeSet<String>,
    pub timings: Vec<(String, f64)>,
}

/// The entries of one probe, in order; entries named in the skip list are
/// left out and recorded.
pub struct Entries<'a> {
    pub list: Vec<Entry>,
    pub skipped: Vec<String>,
    skips: &'a BTreeMap<String, String>,
}

impl<'a> Entries<'a> {
    fn new(skips: &'a BTreeMap<String, String>) -> Self {
        Entries { list: Vec::new(), skipped: Vec::new(), skips }
    }

    /// Adds an entry unless the skip list names it.
    fn push(&mut self, kind: Kind, name: String, c: CValue, rust: String) {
        let skip = self.skips.get(&name);
        if let Some(reason) = skip {
            self.skipped.push(format!("{name} # {reason}"));
        }
        self.list.push(Entry { kind, name, c, rust, differ: false, skip: skip.is_some() });
    }

    /// Adds an entry whose two sides must differ; it cannot be skipped.
    fn push_differ(&mut self, kind: Kind, name: String, c: CValue, rust: String) {
        self.list.push(Entry { kind, name, c, rust, differ: true, skip: false });
    }
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
    "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await",
    "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "proc", "pure",
    "sizeof", "alignof", "offsetof", "str",
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
    name.starts_with("_bitfield_")
        || name.starts_with("__bindgen_padding")
        || name.starts_with("_bindgen_")
        || name == "_unused"
        || name == "bindgen_union_field"
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
            if seg.ident == "__BindgenUnionField"
                && let syn::PathArguments::AngleBracketed(a) = &seg.arguments
                && let Some(syn::GenericArgument::Type(t)) = a.args.first()
            {
                return type_name(t);
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
fn bindings_texts(ctx: &Ctx) -> Result<Vec<String>, String> {
    use crate::config::Part;
    let texts: Vec<String> = if !ctx.bindgen_feature {
        Part::ALL
            .iter()
            .map(|&part| {
                let p = crate::generation::generate::path(ctx.root, ctx.target, part);
                std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))
            })
            .collect::<Result<_, _>>()?
    } else {
        // darwin-sys as the probes build it (the symbol check's crate, same
        // dependencies, features, profile and environment): the build
        // script (bindgen against this SDK) runs once, and the probes reuse
        // this build.
        let krate = symbols::write_crate(ctx)?;
        let out_dir = darwin_sys_out_dir(probe::cargo(ctx, "build")?.args(["-p", "darwin-sys", "--manifest-path"]).arg(krate.join("Cargo.toml")))?;
        let main = out_dir.join("bindings.rs");
        Part::ALL.iter().map(|part| std::fs::read_to_string(main.with_file_name(part.out_file())).map_err(|e| e.to_string())).collect::<Result<_, _>>()?
    };
    Ok(texts)
}

/// The items of both parts that exist on `os`: the functions and statics
/// the file gates away from it (`os_proc_available_memory` on macOS) are not
/// there to compare, link or call.
fn bindings_items(texts: &[String], os: crate::config::Os) -> Result<Items, String> {
    let mut items = Items::parse(&texts[0])?;
    items.merge(Items::parse(&texts[1])?);
    items.drop_named(&availability::gated_away(&texts[0], os)?);
    Ok(items)
}

/// Runs `cmd` (a cargo build or check of darwin-sys, or of a crate that
/// depends on it) and returns the `OUT_DIR` darwin-sys's build script wrote
/// to, from cargo's JSON messages (cargo reports it for a fresh build script
/// too). Several builds with different features can share one target
/// folder: each finds its own output.
pub fn darwin_sys_out_dir(cmd: &mut Command) -> Result<PathBuf, String> {
    let out = probe::run(cmd.arg("--message-format=json-render-diagnostics"))?;
    if !out.status.success() {
        return Err(format!("{cmd:?} failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    out_dir_in(&String::from_utf8_lossy(&out.stdout)).ok_or_else(|| format!("{cmd:?}: cargo reported no build script output of darwin-sys"))
}

/// darwin-sys's `OUT_DIR` (or a self-test copy's, a package named
/// `darwin-sys-...`) in cargo's JSON messages.
pub fn out_dir_in(json: &str) -> Option<PathBuf> {
    json.lines()
        .filter(|l| l.contains("\"reason\":\"build-script-executed\"") && (l.contains("#darwin-sys@") || l.contains("#darwin-sys-")))
        .find_map(|l| l.split_once("\"out_dir\":\"").and_then(|(_, rest)| rest.split_once('"')).map(|(dir, _)| PathBuf::from(dir)))
}

/// The hand-written items of `src/private.rs` (its integer constants only).
fn hand_items(ctx: &Ctx, items: &Items) -> Result<Items, String> {
    let private = std::fs::read_to_string(ctx.root.join("src/private.rs")).map_err(|e| e.to_string())?;
    let mut hand = Items::parse(&private)?;
    hand.consts.retain(|(_, t)| is_integer_type(t, &items.aliases));
    Ok(hand)
}

/// Every check, for one target.
pub fn verify_target(ctx: &Ctx, report: &mut Report) -> Result<(), String> {
    std::fs::create_dir_all(&ctx.work).map_err(|e| e.to_string())?;
    let t0 = Instant::now();
    let texts = bindings_texts(ctx)?;
    let items = bindings_items(&texts, ctx.target.os)?;
    let hand = hand_items(ctx, &items)?;
    report.timings.push(("parse".into(), t0.elapsed().as_secs_f64()));
    // Two steps need nothing but the parsed items and run while the other
    // checks do: the C side of the pure tables (the longest step) and the
    // symbol check, whose build of darwin-sys the Rust probe then reuses.
    let mut absent = equivalents::absent(ctx.root, &texts[0])?;
    for m in equivalents::not_in_sdk(ctx)? {
        report.skipped.push(format!("inline {m} # a macro this SDK does not define (the pinned one does)"));
        absent.insert(m);
    }
    let pure_src = equivalents::c_pure(&probe::field_names(&items, &all_bitfields(&items)), &absent);
    let names = symbols::link_names(&items, &hand);
    std::thread::scope(|s| {
        let pure = s.spawn(|| {
            let t = Instant::now();
            (probe::build_c_pure(ctx, &pure_src), ("C pure".to_string(), t.elapsed().as_secs_f64()))
        });
        let link = s.spawn(|| {
            let t = Instant::now();
            let mut links = Report::default();
            let r = symbols::link_all(ctx, &names, &mut links);
            links.timings.push(("link".into(), t.elapsed().as_secs_f64()));
            r.map(|()| links)
        });
        let background = move || -> Result<(Vec<u8>, Report), String> {
            let (bytes, time) = pure.join().expect("C pure thread");
            let mut links = link.join().expect("symbol check thread")?;
            links.timings.push(time);
            Ok((bytes?, links))
        };
        checks(ctx, report, Bindings { texts: &texts, items: &items, hand: &hand, absent: &absent }, t0, background)
    })
}

/// Every bitfield, with no C spelling (only their names are used).
fn all_bitfields(items: &Items) -> Vec<(String, String, crate::generation::items::Bitfield)> {
    items.bitfields.iter().flat_map(|(o, bfs)| bfs.iter().map(move |b| (o.clone(), String::new(), b.clone()))).collect()
}

/// What is verified: the bindings' texts (main, MIG), their items on the
/// target's OS, the hand-written items, and those of them the bindings' SDK
/// lacks ([`equivalents::absent`]).
struct Bindings<'a> {
    texts: &'a [String],
    items: &'a Items,
    hand: &'a Items,
    absent: &'a BTreeSet<String>,
}

/// The checks of one target after parsing; `background` waits for the C
/// side of the pure tables and the symbol check.
fn checks(ctx: &Ctx, report: &mut Report, b: Bindings, t0: Instant, background: impl FnOnce() -> Result<(Vec<u8>, Report), String>) -> Result<(), String> {
    let Bindings { texts, items, hand, absent } = b;
    let spell = types::spellings(ctx, items, hand)?;
    report.timings.push(("spellings".into(), t0.elapsed().as_secs_f64()));
    let bits = layout::bitfields(items, &spell);
    let libc = crate::generation::libc_src::records(ctx.root, ctx.target.arch)?;
    let mut entries = Entries::new(ctx.skips);
    layout::libc_entries(&mut entries, &spell, &libc);
    layout::record_entries(&mut entries, report, items, &spell);
    layout::bitfield_entries(&mut entries, &bits);
    constants::entries(&mut entries, items, hand);
    let tc = Instant::now();
    constants::type_entries(ctx, &mut entries, report, items, hand, &spell);
    report.timings.push(("constant types".into(), tc.elapsed().as_secs_f64()));
    types::signature_entries(&mut entries, report, items, hand, &spell);
    types::alias_entries(&mut entries, report, items, &spell);
    types::field_entries(&mut entries, report, items, &spell);
    types::static_entries(&mut entries, report, items, hand, &spell);
    equivalents::entries(&mut entries, absent);
    compat::entries(&mut entries);
    repr::repr_entries(&mut entries, report, texts, items, &spell)?;
    // Family tags and the inventory are facts of the committed bindings;
    // the build script's (`--bindgen`) carry no tags and bind another SDK.
    if !ctx.bindgen_feature {
        let tf = Instant::now();
        repr::family_tags(ctx, texts, report)?;
        report.timings.push(("families".into(), tf.elapsed().as_secs_f64()));
        let ti = Instant::now();
        inventory::check(ctx, texts, report)?;
        report.timings.push(("inventory".into(), ti.elapsed().as_secs_f64()));
    }
    repr::private_markers(&std::fs::read_to_string(ctx.root.join("src/private.rs")).map_err(|e| e.to_string())?, report)?;
    report.skipped.append(&mut entries.skipped);
    let list = entries.list;
    *report.compared.entry("layout").or_default() += layout::opaque_check(ctx, items, &spell, report)?;
    report.timings.push(("entries".into(), t0.elapsed().as_secs_f64()));

    let mut linked = symbols::linked(items, hand);
    symbols::undeclared_in_c(ctx, &mut linked, report)?;
    let (c, r) = build_probes(ctx, &list, items, &bits, &linked, absent, report)?;
    let (c_pure, mut links) = background()?;
    report.timings.append(&mut links.timings);
    report.mismatches.append(&mut links.mismatches);
    for (k, n) in links.compared {
        *report.compared.entry(k).or_default() += n;
    }

    probe::compare(&list, &c, &r, report)?;
    equivalents::compare_symbols(&c.bytes, &c_pure, &r.bytes, absent, report)?;
    symbols::compare_names(&c.bytes, &r.bytes, &linked, report)?;
    Ok(())
}

/// Compiles the C probe and the Rust probe at the same time.
fn build_probes(
    ctx: &Ctx,
    list: &[Entry],
    items: &Items,
    bits: &[(String, String, crate::generation::items::Bitfield)],
    linked: &[(String, bool)],
    absent: &BTreeSet<String>,
    report: &mut Report,
) -> Result<(probe::Built, probe::Built), String> {
    let (c_names, r_names) = symbols::name_extras(linked);
    let fields = probe::field_names(items, bits);
    let c_extra = equivalents::c_extras() + &c_names;
    let r_extra = equivalents::rust_extras(absent) + &r_names;
    let timed = |label: &str, t: Instant| (label.to_string(), t.elapsed().as_secs_f64());
    let (c, r, times) = std::thread::scope(|s| {
        let c = s.spawn(|| {
            let t = Instant::now();
            (probe::build_c(ctx, list, bits, &fields, &c_extra), timed("C probe", t))
        });
        let t = Instant::now();
        let r = probe::build_rust(ctx, list, &r_extra);
        let tr = timed("Rust probe", t);
        let (c, tc) = c.join().expect("C probe thread");
        (c, r, [tc, tr])
    });
    report.timings.extend(times);
    Ok((c?, r?))
}

/// Verifies `targets` of the crate at `root`; one report each.
pub fn verify_targets(root: &Path, cc: &CCompiler, targets: &[&Target], bindgen_feature: bool) -> Result<Vec<Report>, String> {
    verify_targets_in(root, cc, targets, bindgen_feature, &root.join("target").join("verify"))
}

/// [`verify_targets`] with the probes written under `work_root/<arch>`.
/// Another SDK than the pinned one ([`CCompiler::SdkFolder`]) gets no
/// judgement of the skip list, which is about the pinned SDK.
pub fn verify_targets_in(root: &Path, cc: &CCompiler, targets: &[&Target], bindgen_feature: bool, work_root: &Path) -> Result<Vec<Report>, String> {
    let skips = load_skips(root)?;
    // The targets are verified at once, each in its own cargo target
    // directory (cargo locks one per build).
    let results: Vec<Result<Report, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = targets
            .iter()
            .map(|t| {
                let skips = &skips;
                s.spawn(move || {
                    let work = work_root.join(t.arch);
                    // With feature `bindgen`, the target folder every build
                    // with that feature shares (`target/feature-bindgen`), so
                    // bindgen is compiled once; cargo's lock makes the targets
                    // take turns there.
                    let target_dir = if bindgen_feature { crate::util::sdk::feature_bindgen_dir(root) } else { work.join("cargo") };
                    let ctx = Ctx { root, target: t, cc, target_dir, work, skips, bindgen_feature };
                    let mut report = Report { target: t.rust.to_string(), ..Default::default() };
                    let t0 = Instant::now();
                    verify_target(&ctx, &mut report)?;
                    report.timings.push(("total".into(), t0.elapsed().as_secs_f64()));
                    Ok(report)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("verifier thread")).collect()
    });
    let mut reports = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    if !matches!(cc, CCompiler::SdkFolder { .. }) {
        stale_skips(&skips, &mut reports);
    }
    Ok(reports)
}

/// A skip that no longer needs to be one is a mismatch: a line of
/// `tests/verify-skips.txt` that names no entry on any target, or whose
/// entry agrees on every target verified.
pub fn stale_skips(skips: &BTreeMap<String, String>, reports: &mut [Report]) {
    let Some(last) = reports.len().checked_sub(1) else { return };
    let mut stale = Vec::new();
    for (name, reason) in skips {
        // `(on x86_64 only)`: only that target's report counts.
        let only = reason.split("(on ").nth(1).and_then(|r| r.split(" only)").next());
        let mine: Vec<&Report> = reports.iter().filter(|r| only.is_none_or(|a| r.target.starts_with(a))).collect();
        if !name.starts_with("const ") {
            // Anything else gets every check: block parameters and types
            // are compared as blocks (types::BLOCK_*), never skipped.
            stale.push(format!("skip {name}: only constant types may be skipped (signatures, layouts, types and symbols are always compared); remove it from tests/verify-skips.txt"));
            continue;
        }
        if mine.is_empty() {
            continue;
        }
        let seen = mine.iter().filter(|r| r.skips_seen.contains(name)).count();
        let passed = mine.iter().filter(|r| r.skips_passed.contains(name)).count();
        if seen == 0 {
            stale.push(format!("skip {name}: names no entry of the verifier; remove it from tests/verify-skips.txt"));
        } else if passed == seen {
            stale.push(format!("skip {name}: C and Rust agree on every target verified; remove it from tests/verify-skips.txt"));
        }
    }
    reports[last].mismatches.extend(stale);
}

pub fn print_summary(reports: &[Report]) {
    println!(
        "\n{:<22} {:>8} {:>9} {:>8} {:>9} {:>10} {:>6} {:>5} {:>6} {:>7} {:>9} {:>10} {:>8}",
        "target", "layout", "constant", "symbol", "link name", "signature", "type", "repr", "compat", "inline", "inventory", "mismatches", "skipped"
    );
    for r in reports {
        let g = |k: &str| r.compared.get(k).copied().unwrap_or(0);
        println!(
            "{:<22} {:>8} {:>9} {:>8} {:>9} {:>10} {:>6} {:>5} {:>6} {:>7} {:>9} {:>10} {:>8}",
            r.target,
            g("layout"),
            g("constant"),
            g("symbol"),
            g("link name"),
            g("signature"),
            g("type"),
            g("repr"),
            g("compat"),
            g("inline"),
            g("inventory"),
            r.mismatches.len(),
            r.skipped.len()
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
