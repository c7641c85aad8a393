//! Availability per OS: on which Apple OSes each bound item may be used.
//!
//! One committed bindings file serves every OS of its ABI, so each item that
//! is not usable everywhere carries a `#[cfg(...)]` naming where it is:
//!
//! - functions and statics: where the SDK's markup makes them available, as
//!   clang itself decides (`clang_getCursorAvailability` on a translation
//!   unit of `wrapper.h` parsed for each OS's triple). This needs a libclang
//!   that knows visionOS (`xros`): PyPI `libclang` 18 does not, so this step
//!   loads the libclang 22 of PyPI `libclang-ng`, provisioned like the
//!   stand-in.
//! - items of the headers that only the macOS SDK ships
//!   (`config::MACOS_ONLY_FILES`), and the `libc` types that `libc` defines
//!   for macOS only (`config::LIBC_TYPES_MACOS`) where the file re-exports
//!   them from libc: macOS.
//! - any item that refers to a gated item: where both are.
//!
//! Nothing is kept by hand: the cfgs are computed at each generation. The
//! build script (feature `bindgen`) makes bindings for one target against
//! its own SDK and does not add these lines; [`strip`] removes them for the
//! comparison of its output with the committed files.

use crate::config::{LIBC_TYPES_MACOS, MACOS_ONLY_FILES, Os};
use crate::postprocess::Refs;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// The libclang that decides availability (knows `xros`).
pub const LIBCLANG: &str = "libclang-ng==22.1.4.2";

/// Names (functions and statics) clang marks unavailable, per OS.
pub type Unavailable = BTreeMap<Os, BTreeSet<String>>;

/// The clang triple each OS's availability is computed for: arm64, at the
/// oldest deployment version Rust supports for it (so nothing introduced
/// later or obsoleted counts as unavailable by version alone).
pub fn triple(os: Os) -> &'static str {
    match os {
        Os::MacOs => "arm64-apple-macos11",
        Os::Ios => "arm64-apple-ios10.0",
        Os::MacCatalyst => "arm64-apple-ios14.0-macabi",
        Os::TvOs => "arm64-apple-tvos10.0",
        Os::WatchOs => "arm64-apple-watchos5.0",
        Os::VisionOs => "arm64-apple-xros1.0",
    }
}

/// Fetches (once) the availability libclang from PyPI into `base` (the
/// stand-in's folder, `target/stand-in`).
pub fn provision(base: &Path) -> Result<PathBuf, String> {
    let dir = base.join("libclang-ng-22.1.4.2");
    crate::util::sdk::pip_install(LIBCLANG, &dir)?;
    let lib = dir.join("clang").join("native");
    if !lib.join("libclang.so").is_file() {
        return Err(format!("no libclang.so under {}", lib.display()));
    }
    Ok(lib)
}

/// Parses `wrapper.h` for each OS with the libclang in `libclang_dir` and
/// returns the functions and statics clang reports unavailable there.
pub fn compute(root: &Path, sdk: &crate::config::Sdk, libclang_dir: &Path) -> Result<Unavailable, String> {
    let args: Vec<Vec<String>> = Os::ALL
        .iter()
        .map(|&os| {
            let target = crate::config::Target { clang: triple(os), ..crate::config::TARGETS[0] };
            sdk.clang_args(&target, root)
        })
        .collect();
    let sets = crate::unavailable::unavailable_for(&root.join("wrapper.h"), &args, Some(libclang_dir)).map_err(|e| match e {
        crate::unavailable::Failure::Load(e) => format!("cannot load {LIBCLANG}'s libclang: {e}"),
        crate::unavailable::Failure::Parse(e) => e,
    })?;
    Ok(Os::ALL.into_iter().zip(sets).collect())
}

/// The `cfg` predicate that holds on exactly the OSes of `on`, or `None`
/// for all of them. Written as the shorter of "on these" and "not on
/// those"; iOS with Mac Catalyst is `target_os = "ios"`.
pub fn cfg_for(on: &BTreeSet<Os>) -> Option<String> {
    let all: BTreeSet<Os> = Os::ALL.into_iter().collect();
    if *on == all {
        return None;
    }
    let off: BTreeSet<Os> = all.difference(on).copied().collect();
    let list = |set: &BTreeSet<Os>| -> Vec<&'static str> {
        let both = set.contains(&Os::Ios) && set.contains(&Os::MacCatalyst);
        set.iter().filter(|o| !(both && **o == Os::MacCatalyst)).map(|o| if both && *o == Os::Ios { "target_os = \"ios\"" } else { o.cfg() }).collect()
    };
    let (pos, neg) = (list(on), list(&off));
    let any = |v: Vec<&str>| if v.len() == 1 { v[0].to_string() } else { format!("any({})", v.join(", ")) };
    Some(if pos.len() <= neg.len() { any(pos) } else { format!("not({})", any(neg)) })
}

struct Entry {
    line: usize,
    name: String,
    refs: BTreeSet<String>,
    /// Function or static: its availability is clang's.
    linked: bool,
}

/// The functions and statics of `items`, in extern blocks and in modules
/// (`mod same_as_libc`, the declarations of what libc's re-exports stand
/// for).
fn linked_names(items: &[syn::Item], out: &mut BTreeSet<String>) {
    for item in items {
        match item {
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => out.insert(f.sig.ident.to_string()),
                        syn::ForeignItem::Static(s) => out.insert(s.ident.to_string()),
                        _ => false,
                    };
                }
            }
            syn::Item::Mod(m) => linked_names(m.content.as_ref().map_or(&[][..], |c| &c.1), out),
            _ => {}
        }
    }
}

fn entries(text: &str) -> Result<Vec<Entry>, String> {
    use quote::ToTokens;
    let file = syn::parse_file(text).map_err(|e| format!("cannot parse bindings: {e}"))?;
    let mut linked = BTreeSet::new();
    linked_names(&file.items, &mut linked);
    let mut out = Vec::new();
    let mut push = |tokens: proc_macro2::TokenStream, name: String, linked: bool, f: &dyn Fn(&mut Refs)| {
        let line = tokens.into_iter().next().map_or(0, |t| t.span().start().line);
        let mut r = Refs::default();
        f(&mut r);
        out.push(Entry { line, name, refs: r.0, linked });
    };
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => push(s.to_token_stream(), s.ident.to_string(), false, &|r| r.visit_item_struct(s)),
            syn::Item::Union(u) => push(u.to_token_stream(), u.ident.to_string(), false, &|r| r.visit_item_union(u)),
            syn::Item::Type(t) => push(t.to_token_stream(), t.ident.to_string(), false, &|r| r.visit_item_type(t)),
            syn::Item::Const(c) => push(c.to_token_stream(), c.ident.to_string(), false, &|r| r.visit_item_const(c)),
            syn::Item::Use(u) => {
                let syn::UseTree::Path(p) = &u.tree else { continue };
                match &*p.tree {
                    // `pub use self::task_role as task_role_t;`
                    syn::UseTree::Rename(r) if p.ident == "self" => {
                        let target = r.ident.to_string();
                        push(u.to_token_stream(), r.rename.to_string(), false, &|refs| {
                            refs.0.insert(target.clone());
                        });
                    }
                    // `pub use libc::mach_msg;`: available where the
                    // function it stands for is.
                    syn::UseTree::Name(n) if p.ident == "libc" => {
                        let name = n.ident.to_string();
                        push(u.to_token_stream(), name.clone(), linked.contains(&name), &|_| {});
                    }
                    _ => {}
                }
            }
            syn::Item::Impl(i) => {
                let name = match &*i.self_ty {
                    syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
                    _ => String::new(),
                };
                push(i.to_token_stream(), format!("impl {name}"), false, &|r| {
                    r.0.insert(name.clone());
                    r.visit_item_impl(i)
                });
            }
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => push(f.to_token_stream(), f.sig.ident.to_string(), true, &|r| r.visit_foreign_item_fn(f)),
                        syn::ForeignItem::Static(s) => push(s.to_token_stream(), s.ident.to_string(), true, &|r| r.visit_foreign_item_static(s)),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// What [`gate`] decided: the OSes of each gated item.
#[derive(Default)]
pub struct Gates {
    pub on: BTreeMap<String, BTreeSet<Os>>,
    /// Functions and statics of the file.
    pub linked: BTreeSet<String>,
}

impl Gates {
    /// Functions and statics bound on `os`.
    pub fn linked_on(&self, os: Os) -> usize {
        self.linked.iter().filter(|n| self.on.get(*n).is_none_or(|s| s.contains(&os))).count()
    }
}

/// Inserts the availability cfgs into a generated file. `locations` are
/// bindgen's (item, header) reports; `unavailable` is [`compute`]'s answer.
pub fn gate(text: &str, locations: &[(String, String)], unavailable: &Unavailable) -> Result<(String, Gates), String> {
    let items = entries(text)?;
    let mut on = known_oses(text, &items, &macos_only(locations), unavailable);
    follow_references(&items, &mut on);
    let (inserts, gates) = decide(&items, &on)?;
    Ok((insert_cfgs(text, inserts), gates))
}

/// The items bindgen located in a header of [`MACOS_ONLY_FILES`].
fn macos_only(locations: &[(String, String)]) -> BTreeSet<&str> {
    let files: Vec<Regex> = MACOS_ONLY_FILES.iter().map(|p| Regex::new(&format!("^(?:{p})$")).expect("valid regex")).collect();
    locations.iter().filter(|(_, f)| files.iter().any(|r| r.is_match(f))).map(|(n, _)| n.as_str()).collect()
}

/// The OSes of each named item, starting from what is known of it: its
/// header, and for a function or static the SDKs that lack it.
fn known_oses(text: &str, items: &[Entry], macos_only: &BTreeSet<&str>, unavailable: &Unavailable) -> HashMap<String, BTreeSet<Os>> {
    let all: BTreeSet<Os> = Os::ALL.into_iter().collect();
    let macos: BTreeSet<Os> = [Os::MacOs].into_iter().collect();
    let mut on: HashMap<String, BTreeSet<Os>> = HashMap::new();
    // Re-exported from libc for macOS only (the macOS bindings say so).
    if text.contains("#[cfg(target_os = \"macos\")] pub use libc::{") {
        for t in LIBC_TYPES_MACOS {
            on.insert(t.to_string(), macos.clone());
        }
    }
    for e in items {
        let mut set = if macos_only.contains(e.name.as_str()) { macos.clone() } else { all.clone() };
        if e.linked {
            set.retain(|os| !unavailable.get(os).is_some_and(|u| u.contains(&e.name)));
        }
        let entry = on.entry(e.name.clone()).or_insert_with(|| all.clone());
        *entry = entry.intersection(&set).copied().collect();
    }
    on
}

/// An item is only where everything it refers to is: narrows `on` until
/// nothing changes.
fn follow_references(items: &[Entry], on: &mut HashMap<String, BTreeSet<Os>>) {
    loop {
        let mut changed = false;
        for e in items {
            let mut set = on[&e.name].clone();
            for r in &e.refs {
                if r != &e.name
                    && let Some(s) = on.get(r)
                {
                    set = set.intersection(s).copied().collect();
                }
            }
            if set != on[&e.name] {
                on.insert(e.name.clone(), set);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The cfg to insert before each item not on every OS, as (line, cfg); and
/// the [`Gates`]. An item on no OS at all is an error.
fn decide(items: &[Entry], on: &HashMap<String, BTreeSet<Os>>) -> Result<(Vec<(usize, String)>, Gates), String> {
    let mut gates = Gates::default();
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for e in items {
        if e.linked {
            gates.linked.insert(e.name.clone());
        }
        let set = &on[&e.name];
        if let Some(cfg) = cfg_for(set) {
            if set.is_empty() {
                return Err(format!("{} is available on no OS at all: leave it out in codegen/config", e.name));
            }
            inserts.push((e.line, cfg));
            gates.on.insert(e.name.clone(), set.clone());
        }
    }
    Ok((inserts, gates))
}

/// `text` with `#[cfg(<cfg>)]` inserted before each (1-based) line, at
/// that line's indentation.
fn insert_cfgs(text: &str, mut inserts: Vec<(usize, String)>) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    inserts.sort_by_key(|i| std::cmp::Reverse(i.0));
    for (line, cfg) in &inserts {
        let at = line - 1;
        let indent: String = lines[at].chars().take_while(|c| c.is_whitespace()).collect();
        lines.insert(at, format!("{indent}#[cfg({cfg})]"));
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Is `line` a line [`gate`] inserted?
fn is_gate(line: &str) -> bool {
    let l = line.trim();
    l.starts_with("#[cfg(") && l.ends_with(")]") && l.contains("target_os = ")
}

/// The text without the availability cfgs.
pub fn strip(text: &str) -> String {
    let mut out: String = text.lines().filter(|l| !is_gate(l)).collect::<Vec<_>>().join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The text as the build script writes it for `os`: without the items
/// gated away from `os` (their attribute lines included) and without the
/// availability cfgs.
pub fn for_os(text: &str, os: Os) -> Result<String, String> {
    let file = syn::parse_file(text).map_err(|e| e.to_string())?;
    let lines: Vec<&str> = text.lines().collect();
    let mut away: Vec<(usize, usize)> = Vec::new();
    let mut note = |attrs: &[syn::Attribute], span: proc_macro2::Span| -> Result<(), String> {
        // Only the gates' own lines decide: a libc re-export's per-OS
        // `#[cfg]` (on the item's line) is part of what build.rs writes.
        let gates: Vec<syn::Attribute> = attrs.iter().filter(|a| is_gate(lines[a.pound_token.span.start().line - 1])).cloned().collect();
        if !crate::verify::availability::present(&gates, os)? {
            let first = attrs.first().map_or(span.start().line, |a| a.pound_token.span.start().line);
            away.push((first, span.end().line));
        }
        Ok(())
    };
    for item in &file.items {
        use syn::spanned::Spanned;
        match item {
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => note(&f.attrs, fi.span())?,
                        syn::ForeignItem::Static(s) => note(&s.attrs, fi.span())?,
                        _ => {}
                    }
                }
            }
            syn::Item::Struct(x) => note(&x.attrs, item.span())?,
            syn::Item::Union(x) => note(&x.attrs, item.span())?,
            syn::Item::Type(x) => note(&x.attrs, item.span())?,
            syn::Item::Const(x) => note(&x.attrs, item.span())?,
            syn::Item::Use(x) => note(&x.attrs, item.span())?,
            _ => {}
        }
    }
    // Lines are 1-based; spans of attributes start their item.
    let kept: String =
        text.lines().enumerate().filter(|(i, _)| !away.iter().any(|&(a, b)| (a..=b).contains(&(i + 1)))).map(|(_, l)| format!("{l}\n")).collect();
    Ok(strip(&kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn for_os_drops_what_is_gated_away() {
        let text = "unsafe extern \"C\" {\n    pub fn a();\n    #[cfg(not(target_os = \"macos\"))]\n    #[doc = \" x\"]\n    pub fn b(\n        x: u32,\n    );\n    #[cfg(target_os = \"macos\")]\n    pub fn c();\n}\n";
        let mac = for_os(text, Os::MacOs).unwrap();
        assert_eq!(mac, "unsafe extern \"C\" {\n    pub fn a();\n    pub fn c();\n}\n");
        let ios = for_os(text, Os::Ios).unwrap();
        // A libc re-export's cfg shares the item's line: not a gate.
        let libc = "#[cfg(target_os = \"macos\")]\n#[cfg(target_os = \"macos\")] pub use libc::X;\n#[cfg(target_os = \"macos\")]\n#[cfg(not(target_os = \"macos\"))] pub const X: u32 = 1;\n";
        assert_eq!(
            for_os(libc, Os::MacOs).unwrap(),
            "#[cfg(target_os = \"macos\")] pub use libc::X;\n#[cfg(not(target_os = \"macos\"))] pub const X: u32 = 1;\n"
        );
        assert_eq!(for_os(libc, Os::Ios).unwrap(), "");
        assert_eq!(ios, "unsafe extern \"C\" {\n    pub fn a();\n    #[doc = \" x\"]\n    pub fn b(\n        x: u32,\n    );\n}\n");
    }

    fn set(v: &[Os]) -> BTreeSet<Os> {
        v.iter().copied().collect()
    }

    #[test]
    fn cfgs_name_the_oses() {
        assert_eq!(cfg_for(&set(&Os::ALL)), None);
        assert_eq!(cfg_for(&set(&[Os::MacOs])).unwrap(), "target_os = \"macos\"");
        assert_eq!(cfg_for(&set(&[Os::MacOs, Os::Ios, Os::MacCatalyst, Os::VisionOs])).unwrap(), "not(any(target_os = \"tvos\", target_os = \"watchos\"))");
        assert_eq!(cfg_for(&set(&[Os::MacOs, Os::MacCatalyst])).unwrap(), "any(target_os = \"macos\", all(target_os = \"ios\", target_abi = \"macabi\"))");
    }

    #[test]
    fn gates_follow_references() {
        let text = "pub type a = u32;\npub struct s {\n    pub f: a,\n}\nunsafe extern \"C\" {\n    pub fn f(x: s);\n    pub fn g() -> u32;\n}\n";
        let locs = vec![("a".to_string(), "/sdk/libproc.h".to_string())];
        let mut un = Unavailable::new();
        un.insert(Os::TvOs, ["g".to_string()].into_iter().collect());
        let (out, gates) = gate(text, &locs, &un).unwrap();
        assert_eq!(gates.on["s"], set(&[Os::MacOs]));
        assert_eq!(gates.on["f"], set(&[Os::MacOs]));
        assert_eq!(gates.linked_on(Os::TvOs), 0);
        assert_eq!(gates.linked_on(Os::MacOs), 2);
        assert!(out.contains("#[cfg(not(target_os = \"tvos\"))]\n    pub fn g"));
        assert_eq!(strip(&out), text);
    }
}
