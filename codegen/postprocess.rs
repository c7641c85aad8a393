//! What happens to bindgen's output before it is written: shared by the
//! build script (feature `bindgen`) and the generator (`xtask`), which both
//! `#[path]`-include this file next to `codegen/config`, so the build-time
//! bindings equal the committed ones byte for byte, family tags included.
//!
//! [`finish`] runs the steps in order:
//! 1. [`anon_enums`]: constants of anonymous C enums (`QOS_CLASS_*`) get the
//!    type their API uses (`config::ENUM_CONST_TYPES`) instead of bindgen's
//!    `_bindgen_ty_N`, whose alias goes away.
//! 2. [`nested_names`]: anonymous nested structs and unions get names from
//!    their parent and field (`in_sockinfo_insi_faddr`), anonymous members
//!    `<parent>_anon_<n>`, so no `_bindgen_ty_` name is public.
//! 3. [`wrap_signed`]: a value past the range of its 32-bit API type
//!    (`MACH_EXCEPTION_CODES`, `0x80000000` as `exception_behavior_t`) is
//!    written as C's conversion: `0x80000000_u32 as exception_behavior_t`;
//!    a negative one of an unsigned type as its bit pattern.
//! 4. [`reexport_libc`]: items the `libc` crate defines identically
//!    (`config::SAME_AS_LIBC`) become `pub use libc::NAME;`, so
//!    `use libc::*; use darwin_sys::*;` names one item. Their declarations
//!    stay, compiled out, in `mod same_as_libc` for the verifier. Those
//!    libc has under an OS `cfg` are re-exported on macOS only and stay
//!    declared for the other OSes.
//! 5. [`gate`]: every item gets its family's `#[cfg(feature = "...")]`.
//!
//! Uses `syn` (with `proc-macro2`'s span locations), `quote` and `regex`,
//! which bindgen itself depends on.

use crate::config::{self, FAMILIES, Part};
use quote::ToTokens;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use syn::visit::Visit;

/// All steps. `locations` are bindgen's (item name, header) reports;
/// `same_as_libc` the names to re-export from libc.
pub fn finish(text: &str, locations: &[(String, String)], part: Part, same_as_libc: config::SameAsLibc<'_>) -> Result<String, String> {
    // bindgen reports an enum, not its constants: a constant takes its enum's
    // header, found before step 1 retypes it (`QOS_CLASS_*` of
    // `_bindgen_ty_N`, `LATENCY_QOS_TIER_*` of `enum task_latency_qos`).
    let enum_homes = enum_constant_homes(text, locations)?;
    let (text, renames) = retype(text)?;
    let text = aligned_except_sim(&text);
    let text = reexport_libc(&text, same_as_libc.items, same_as_libc.macos_only)?;
    let text = libc_enum_consts(&text, same_as_libc.enums, same_as_libc.macos_only);
    let locations = renamed_locations(locations, &renames, enum_homes);
    let families = Classifier::new().attribute(&locations);
    gate(&text, &families, if part == Part::Mig { Some("mach") } else { None })
}

/// bindgen's (item, header) reports under the names the finished file
/// uses: renamed nested types, and each enum constant with its enum's header.
fn renamed_locations(locations: &[(String, String)], renames: &BTreeMap<String, String>, enum_homes: Vec<(String, String)>) -> Vec<(String, String)> {
    locations.iter().map(|(n, f)| (renames.get(n).cloned().unwrap_or_else(|| n.clone()), f.clone())).chain(enum_homes).collect()
}

/// [`renamed_locations`] for bindgen's text `text` (for the generator's
/// availability cfgs, which look up headers like the family tags do).
#[allow(dead_code)] // the generator's (xtask), not build.rs's
pub fn final_locations(text: &str, locations: &[(String, String)]) -> Result<Vec<(String, String)>, String> {
    let enum_homes = enum_constant_homes(text, locations)?;
    let (_, renames) = retype(text)?;
    Ok(renamed_locations(locations, &renames, enum_homes))
}

/// (constant, header) for the constants of enums bindgen reported, where
/// bindgen reported no location for the constant itself.
fn enum_constant_homes(text: &str, locations: &[(String, String)]) -> Result<Vec<(String, String)>, String> {
    let homes: HashMap<&str, &str> = locations.iter().map(|(n, f)| (n.as_str(), f.as_str())).collect();
    let mut out = Vec::new();
    for item in &parse(text)?.items {
        let syn::Item::Const(c) = item else { continue };
        let name = c.ident.to_string();
        if homes.contains_key(name.as_str()) {
            continue;
        }
        if let Some(home) = type_ident(&c.ty).and_then(|t| homes.get(t.as_str()).copied()) {
            out.push((name, home.to_string()));
        }
    }
    Ok(out)
}

/// Steps 1 to 3; also returns the renamed nested types (old -> new).
pub fn retype(text: &str) -> Result<(String, BTreeMap<String, String>), String> {
    let text = anon_enums(text)?;
    let renames = nested_names(&text)?;
    let text = rename(&text, &renames);
    Ok((wrap_signed(&text)?, renames))
}

fn parse(text: &str) -> Result<syn::File, String> {
    syn::parse_file(text).map_err(|e| format!("cannot parse bindings: {e}"))
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

fn join(lines: &[String], like: &str) -> String {
    let mut out = lines.join("\n");
    if like.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// First and last line (1-based) of an item, attributes included.
fn line_span(tokens: proc_macro2::TokenStream) -> (usize, usize) {
    let mut first = usize::MAX;
    let mut last = 0;
    for t in tokens {
        first = first.min(t.span().start().line);
        last = last.max(t.span().end().line);
    }
    (first, last)
}

fn type_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Array(a) => type_ident(&a.elem),
        _ => None,
    }
}

/// Step 1: enum constants take `config::ENUM_CONST_TYPES`; every constant
/// of an anonymous enum must have one.
pub fn anon_enums(text: &str) -> Result<String, String> {
    let file = parse(text)?;
    let mut anon = BTreeSet::new();
    let mut drop = Vec::new();
    for item in &file.items {
        // (No let chains here: build.rs includes this file, and the
        // crate's rust-version is 1.85.)
        let syn::Item::Type(t) = item else { continue };
        if t.ident.to_string().starts_with("_bindgen_ty_") {
            anon.insert(t.ident.to_string());
            drop.push(line_span(t.to_token_stream()));
        }
    }
    let mut lines = lines_of(text);
    let mut missing = Vec::new();
    for item in &file.items {
        let syn::Item::Const(c) = item else { continue };
        let Some(ty) = type_ident(&c.ty) else { continue };
        let name = c.ident.to_string();
        let Some((_, new)) = config::ENUM_CONST_TYPES.iter().find(|(p, _)| config::glob(p, &name)) else {
            if anon.contains(&ty) {
                missing.push(name);
            }
            continue;
        };
        let at = c.ident.span().start().line - 1;
        let Some(old) = lines[at].split_once(": ").and_then(|(_, r)| r.split_once(" =")).map(|(t, _)| t.to_string()) else {
            return Err(format!("enum constant {name}: cannot find its type on its line"));
        };
        lines[at] = lines[at].replacen(&format!(": {old} ="), &format!(": {new} ="), 1);
    }
    if !missing.is_empty() {
        return Err(format!(
            "constants of anonymous C enums need the type their API uses: add them to ENUM_CONST_TYPES in codegen/config: {}",
            missing.join(", ")
        ));
    }
    drop.sort();
    for (first, last) in drop.into_iter().rev() {
        lines.drain(first - 1..last);
    }
    Ok(join(&lines, text))
}

/// Step 2: names for the anonymous nested types (old -> new).
pub fn nested_names(text: &str) -> Result<BTreeMap<String, String>, String> {
    let file = parse(text)?;
    // nested type -> (parent, field)
    let mut parent: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut record = |name: String, fields: Vec<(String, Option<String>)>| {
        for (field, ty) in fields {
            if let Some(ty) = ty.filter(|t| t.contains("__bindgen_ty_")) {
                parent.entry(ty).or_insert((name.clone(), field));
            }
        }
    };
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => {
                record(s.ident.to_string(), s.fields.iter().filter_map(|f| f.ident.as_ref().map(|i| (i.to_string(), type_ident(&f.ty)))).collect())
            }
            syn::Item::Union(u) => {
                record(u.ident.to_string(), u.fields.named.iter().map(|f| (f.ident.as_ref().unwrap().to_string(), type_ident(&f.ty))).collect())
            }
            _ => {}
        }
    }
    fn new_name(ty: &str, parent: &BTreeMap<String, (String, String)>, depth: usize) -> String {
        match parent.get(ty) {
            Some((p, field)) if depth < 16 => {
                let base = new_name(p, parent, depth + 1);
                match field.strip_prefix("__bindgen_anon_") {
                    Some(n) => format!("{base}_anon_{n}"),
                    None => format!("{base}_{field}"),
                }
            }
            _ => ty.to_string(),
        }
    }
    let renames: BTreeMap<String, String> = parent.keys().map(|t| (t.clone(), new_name(t, &parent, 0))).collect();
    let left: Vec<&String> = renames.values().filter(|n| n.contains("_bindgen_ty_")).collect();
    if !left.is_empty() {
        return Err(format!("anonymous nested types without a parent field to name them after: {left:?}"));
    }
    Ok(renames)
}

/// Renames whole words.
fn rename(text: &str, renames: &BTreeMap<String, String>) -> String {
    if renames.is_empty() {
        return text.to_string();
    }
    let mut names: Vec<&String> = renames.keys().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alt = names.iter().map(|n| regex::escape(n)).collect::<Vec<_>>().join("|");
    let re = Regex::new(&format!(r"\b({alt})\b")).expect("escaped names form a regex");
    re.replace_all(text, |c: &regex::Captures| renames[&c[1]].clone()).into_owned()
}

/// Step 3: values past a signed 32-bit type's range, as C converts them.
pub fn wrap_signed(text: &str) -> Result<String, String> {
    let file = parse(text)?;
    let mut lines = lines_of(text);
    for item in &file.items {
        let syn::Item::Const(c) = item else { continue };
        let Some(ty) = type_ident(&c.ty) else { continue };
        let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(lit), .. }) = &*c.expr else { continue };
        if !lit.suffix().is_empty() {
            continue;
        }
        let signed = config::INT32_TYPES.contains(&ty.as_str());
        if !signed && !config::UINT32_TYPES.contains(&ty.as_str()) {
            continue;
        }
        let value: u128 = lit.base10_parse().map_err(|e| format!("{}: {e}", c.ident))?;
        let at = c.ident.span().start().line - 1;
        let ty_text = lines[at].split_once(": ").and_then(|(_, r)| r.split_once(" =")).map(|(t, _)| t.to_string()).unwrap_or(ty.clone());
        let new = if signed && value > i32::MAX as u128 && value <= u32::MAX as u128 {
            format!("= {value:#x}_u32 as {ty_text};")
        } else if !signed && value > u32::MAX as u128 && value >= 0xFFFF_FFFF_8000_0000 && value <= u64::MAX as u128 {
            // bindgen writes a negative value of an unsigned type as 64 bits.
            format!("= {:#x};", value as u64 as u32)
        } else if value > if signed { i32::MAX as u128 } else { u32::MAX as u128 } {
            return Err(format!("{} = {value} does not fit its 32-bit type {ty}", c.ident));
        } else {
            continue;
        };
        let old = format!("= {};", lit.to_token_stream());
        if !lines[at].contains(&old) {
            return Err(format!("{}: cannot find `{old}` on its line", c.ident));
        }
        lines[at] = lines[at].replacen(&old, &new, 1);
    }
    Ok(join(&lines, text))
}

/// Step 3b: the records of `config::ALIGNED_EXCEPT_SIM` keep their
/// alignment off the simulators only. (Against a simulator SDK bindgen
/// writes no alignment: nothing to do.)
pub fn aligned_except_sim(text: &str) -> String {
    let mut lines = lines_of(text);
    for name in config::ALIGNED_EXCEPT_SIM {
        let decl = format!("pub struct {name} {{");
        let Some(at) = lines.iter().position(|l| l.trim_start() == decl) else { continue };
        // The attributes above the declaration, up to the previous item.
        for l in lines[..at].iter_mut().rev().take_while(|l| l.trim_start().starts_with("#[")) {
            let t = l.trim_start();
            if let Some(arg) = t.strip_prefix("#[repr(align(").and_then(|r| r.strip_suffix("))]")) {
                let indent = l.len() - t.len();
                *l = format!("{}#[cfg_attr(not(target_abi = \"sim\"), repr(align({arg})))]", &l[..indent]);
            }
        }
    }
    join(&lines, text)
}

/// Step 4: `names` become re-exports of libc's items, in place; their
/// declarations move, compiled out, into `mod same_as_libc`. Those of
/// `macos_only` (libc has them under an OS `cfg`) are re-exported on macOS
/// only and keep their declaration, for the other OSes.
pub fn reexport_libc(text: &str, names: &[&str], macos_only: &[&str]) -> Result<String, String> {
    if names.is_empty() {
        return Ok(text.to_string());
    }
    let want: BTreeSet<&str> = names.iter().copied().collect();
    let file = parse(text)?;
    // (first line, last line, name, is a foreign item)
    let mut found: Vec<(usize, usize, String, bool)> = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Const(c) if want.contains(c.ident.to_string().as_str()) => {
                let (a, b) = line_span(c.to_token_stream());
                found.push((a, b, c.ident.to_string(), false));
            }
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    let (name, tokens) = match fi {
                        syn::ForeignItem::Fn(f) => (f.sig.ident.to_string(), f.to_token_stream()),
                        syn::ForeignItem::Static(s) => (s.ident.to_string(), s.to_token_stream()),
                        _ => continue,
                    };
                    if want.contains(name.as_str()) {
                        let (a, b) = line_span(tokens);
                        found.push((a, b, name, true));
                    }
                }
            }
            _ => {}
        }
    }
    // A name the bindings lack is skipped: the generator computes the lists
    // from these very bindings (and the freshness check compares them), but
    // build.rs may bind an SDK without it (an iOS SDK has no `libproc.h`).
    let mut lines = lines_of(text);
    let (mut consts, mut foreign) = (Vec::new(), Vec::new());
    found.sort();
    for (first, last, name, is_foreign) in found.into_iter().rev() {
        let reexport = if macos_only.contains(&name.as_str()) { format!("{MACOS_ONLY} pub use libc::{name};") } else { format!("pub use libc::{name};") };
        if macos_only.contains(&name.as_str()) {
            // Declared here for the other OSes (the cfg on the item's first
            // line, apart from the availability cfgs, which have lines of
            // their own).
            let line = &mut lines[first - 1];
            let indent = line.len() - line.trim_start().len();
            line.insert_str(indent, &format!("{NOT_MACOS} "));
            if is_foreign {
                let end = block_end(&lines, first - 1);
                lines.insert(end + 1, reexport);
            } else {
                lines.insert(first - 1, reexport);
            }
            continue;
        }
        let removed: Vec<String> = lines.drain(first - 1..last).collect();
        if is_foreign {
            foreign.push(removed.join("\n"));
            // A foreign item leaves its extern block: the re-export goes
            // after the block, where the generated text is at top level.
            let end = block_end(&lines, first - 1);
            lines.insert(end + 1, reexport);
        } else {
            consts.push(removed.join("\n"));
            lines.insert(first - 1, reexport);
        }
    }
    consts.reverse();
    foreign.reverse();
    lines.push("/// Declarations of the items re-exported from `libc` above, which the".into());
    lines.push("/// libc crate defines identically (`SAME_AS_LIBC` in codegen/config/libc.rs): compiled".into());
    lines.push("/// out, kept for the verifier.".into());
    lines.push("#[cfg(any())]".into());
    lines.push("mod same_as_libc {".into());
    lines.push("    use super::*;".into());
    for c in consts {
        lines.push(c);
    }
    if !foreign.is_empty() {
        lines.push("    unsafe extern \"C\" {".into());
        for f in foreign {
            lines.push(f);
        }
        lines.push("    }".into());
    }
    lines.push("}".into());
    Ok(join(&lines, "\n"))
}

/// The declarations a finished bindings `text` keeps of the items it
/// re-exports from libc (`names`): in its `same_as_libc` module, or beside
/// the re-export for the other OSes. Each is its tokens without attributes
/// (docs and cfgs aside), by name.
#[allow(dead_code)] // build.rs's (feature `bindgen`), not the generator's
pub fn libc_decls(text: &str, names: &[&str]) -> Result<BTreeMap<String, String>, String> {
    fn walk(items: &[syn::Item], want: &BTreeSet<&str>, out: &mut BTreeMap<String, String>) {
        for item in items {
            match item {
                syn::Item::Const(c) if want.contains(c.ident.to_string().as_str()) => {
                    let mut c = c.clone();
                    c.attrs.clear();
                    out.insert(c.ident.to_string(), c.to_token_stream().to_string());
                }
                syn::Item::Mod(m) => walk(m.content.as_ref().map_or(&[][..], |c| &c.1), want, out),
                syn::Item::ForeignMod(m) => {
                    for fi in &m.items {
                        let (name, tokens) = match fi {
                            // Parameter names aside: SDKs name them differently.
                            syn::ForeignItem::Fn(f) => {
                                let mut sig = f.sig.clone();
                                for arg in sig.inputs.iter_mut() {
                                    if let syn::FnArg::Typed(t) = arg {
                                        *t.pat = syn::parse_quote!(arg);
                                    }
                                }
                                (sig.ident.to_string(), sig.to_token_stream())
                            }
                            syn::ForeignItem::Static(s) => (s.ident.to_string(), s.ty.to_token_stream()),
                            _ => continue,
                        };
                        if want.contains(name.as_str()) {
                            out.insert(name, tokens.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let want: BTreeSet<&str> = names.iter().copied().collect();
    let mut out = BTreeMap::new();
    walk(&parse(text)?.items, &want, &mut out);
    Ok(out)
}

/// The libc re-exports (`names`) that `ours` (bindings of the user's SDK)
/// declares otherwise than `reference` (the committed bindings, made from
/// the SDK that libc's definitions were verified against): a value, type
/// or signature that differs. A name `ours` lacks is not re-exported
/// anyway.
#[allow(dead_code)] // build.rs's (feature `bindgen`), not the generator's
pub fn libc_reexports_differing(reference: &str, ours: &str, names: &[&str]) -> Result<Vec<String>, String> {
    let (want, have) = (libc_decls(reference, names)?, libc_decls(ours, names)?);
    Ok(have.into_iter().filter(|(n, d)| want.get(n) != Some(d)).map(|(n, _)| n).collect())
}

/// The `cfg` of a re-export of an item libc has on macOS only, and of the
/// bindings' own declaration of it for the other OSes.
pub const MACOS_ONLY: &str = "#[cfg(target_os = \"macos\")]";
pub const NOT_MACOS: &str = "#[cfg(not(target_os = \"macos\"))]";

/// libc's constants of its enum types (`OS_LOG_TYPE_DEBUG`), re-exported
/// after the rest, each with the family of its pattern in
/// `config::LIBC_ENUM_CONSTS`; on macOS only those of `macos_only`.
pub fn libc_enum_consts(text: &str, names: &[&str], macos_only: &[&str]) -> String {
    let mut out = text.to_string();
    if names.is_empty() {
        return out;
    }
    out.push_str("// libc's constants of its enum types (codegen/config/libc.rs LIBC_ENUM_CONSTS).\n");
    for n in names {
        if let Some((_, _, family)) = config::LIBC_ENUM_CONSTS.iter().find(|(p, _, _)| config::glob(p, n)) {
            out.push_str(&format!("#[cfg(feature = \"{family}\")]\n"));
        }
        if macos_only.contains(n) {
            out.push_str(MACOS_ONLY);
            out.push(' ');
        }
        out.push_str(&format!("pub use libc::{n};\n"));
    }
    out
}

/// The line of the `}` closing the top-level block that holds line `at`.
fn block_end(lines: &[String], at: usize) -> usize {
    (at..lines.len()).find(|&i| lines[i] == "}").unwrap_or(lines.len() - 1)
}

/// The family a file or single item belongs to.
pub struct Classifier {
    files: Vec<(Regex, &'static str)>,
    items: Vec<(Regex, &'static str)>,
}

fn anchored(p: &str) -> Regex {
    Regex::new(&format!("^(?:{p})$")).expect("codegen/config patterns are valid regexes")
}

impl Classifier {
    pub fn new() -> Self {
        let mut files = Vec::new();
        let mut items = Vec::new();
        for f in FAMILIES {
            files.extend(f.files.iter().map(|p| (anchored(p), f.name)));
            items.extend(f.items.iter().map(|p| (anchored(p), f.name)));
        }
        Classifier { files, items }
    }

    /// item name -> family, from bindgen's (name, file) reports.
    pub fn attribute(&self, locations: &[(String, String)]) -> HashMap<String, &'static str> {
        let mut out = HashMap::new();
        for (name, file) in locations {
            let by_item = self.items.iter().find(|(r, _)| r.is_match(name)).map(|x| x.1);
            let by_file = self.files.iter().find(|(r, _)| r.is_match(file)).map(|x| x.1);
            if let Some(f) = by_item.or(by_file) {
                out.insert(name.clone(), f);
            }
        }
        out
    }
}

/// Families `family` may refer to: itself and its dependencies, transitively.
fn reachable(family: &str) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    let mut todo = vec![family.to_string()];
    while let Some(f) = todo.pop() {
        let Some(fam) = FAMILIES.iter().find(|x| x.name == f) else { continue };
        if out.insert(fam.name) {
            todo.extend(fam.deps.iter().map(|d| d.to_string()));
        }
    }
    out
}

/// Single-segment paths an item refers to (types, constants, `Self`, ...);
/// also the generator's availability cfgs' (xtask/src/availability.rs).
#[derive(Default)]
pub struct Refs(pub BTreeSet<String>);

impl<'ast> Visit<'ast> for Refs {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        if let Some(seg) = p.segments.last() {
            self.0.insert(seg.ident.to_string());
        }
        syn::visit::visit_path(self, p);
    }
}

fn first_line(tokens: proc_macro2::TokenStream) -> usize {
    tokens.into_iter().next().map_or(0, |t| t.span().start().line)
}

/// Step 5: inserts the family tags. `all` tags every item with one family
/// (the MIG part, all Mach). Fails, naming them, on items that refer to a
/// family their own may not depend on.
pub fn gate(text: &str, fam: &HashMap<String, &'static str>, all: Option<&'static str>) -> Result<String, String> {
    let file = parse(text)?;
    // (line, family, name, references)
    let mut all_items: Vec<(usize, Option<&'static str>, String, Refs)> = Vec::new();
    let family_of = |name: &str, ty: Option<&syn::Type>| -> Option<&'static str> {
        all.or_else(|| fam.get(name).copied()).or_else(|| ty.and_then(type_ident).and_then(|t| fam.get(&t).copied()))
    };
    let mut visit = |tokens: proc_macro2::TokenStream, name: String, f: Option<&'static str>, node: &dyn Fn(&mut Refs)| {
        let mut refs = Refs::default();
        node(&mut refs);
        all_items.push((first_line(tokens), f, name, refs));
    };
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => visit(s.to_token_stream(), s.ident.to_string(), family_of(&s.ident.to_string(), None), &|r| r.visit_item_struct(s)),
            syn::Item::Union(u) => visit(u.to_token_stream(), u.ident.to_string(), family_of(&u.ident.to_string(), None), &|r| r.visit_item_union(u)),
            syn::Item::Type(t) => visit(t.to_token_stream(), t.ident.to_string(), family_of(&t.ident.to_string(), None), &|r| r.visit_item_type(t)),
            syn::Item::Const(c) => visit(c.to_token_stream(), c.ident.to_string(), family_of(&c.ident.to_string(), Some(&c.ty)), &|r| r.visit_item_const(c)),
            syn::Item::Use(u) => {
                let syn::UseTree::Path(p) = &u.tree else { continue };
                match &*p.tree {
                    // `pub use self::task_role as task_role_t;` (a named
                    // enum's typedef) follows the enum.
                    syn::UseTree::Rename(r) if p.ident == "self" => {
                        let target = r.ident.to_string();
                        let f = family_of(&r.rename.to_string(), None).or_else(|| family_of(&target, None));
                        visit(u.to_token_stream(), r.rename.to_string(), f, &|refs| {
                            refs.0.insert(target.clone());
                        });
                    }
                    // `pub use libc::KERN_SUCCESS;` (step 4): the family of
                    // the item it stands for.
                    syn::UseTree::Name(n) if p.ident == "libc" => {
                        let name = n.ident.to_string();
                        visit(u.to_token_stream(), name.clone(), family_of(&name, None), &|_| {});
                    }
                    _ => {}
                }
            }
            syn::Item::Impl(i) => {
                let name = type_ident(&i.self_ty).unwrap_or_default();
                let f = family_of(&name, None);
                visit(i.to_token_stream(), format!("impl {name}"), f, &|r| r.visit_item_impl(i));
            }
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => {
                            let n = f.sig.ident.to_string();
                            visit(f.to_token_stream(), n.clone(), family_of(&n, None), &|r| r.visit_foreign_item_fn(f));
                        }
                        syn::ForeignItem::Static(s) => {
                            let n = s.ident.to_string();
                            visit(s.to_token_stream(), n.clone(), family_of(&n, None), &|r| r.visit_foreign_item_static(s));
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // Items from headers outside every family that refer to one family's
    // items (`ipc_info_name` of mach_debug/ uses `mach_port_name_t`) join
    // that family; repeat until nothing changes. `impl X` follows `X`.
    loop {
        let family: HashMap<String, &'static str> = all_items.iter().filter_map(|(_, f, n, _)| f.map(|f| (n.clone(), f))).collect();
        let mut changed = false;
        for (_, f, name, refs) in all_items.iter_mut().filter(|x| x.1.is_none()) {
            let owner = name.strip_prefix("impl ").and_then(|n| family.get(n).copied());
            let used: BTreeSet<&'static str> = refs.0.iter().filter_map(|r| family.get(r).copied()).collect();
            // The one used family every other used family is reachable from.
            let pick = owner.or_else(|| used.iter().copied().find(|g| used.iter().all(|h| reachable(g).contains(h))));
            if let Some(p) = pick {
                *f = Some(p);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Every reference must stay within what the item's family may use.
    let item_family: HashMap<&str, &'static str> = all_items.iter().filter_map(|(_, f, n, _)| f.map(|f| (n.as_str(), f))).collect();
    let mut bad = BTreeSet::new();
    for (_, f, name, refs) in &all_items {
        let ok = f.map(reachable).unwrap_or_default();
        for r in &refs.0 {
            let Some(g) = item_family.get(r.as_str()) else { continue };
            if !ok.contains(g) && r != name {
                let mine = f.unwrap_or("always on");
                bad.insert(format!("{name} ({mine}) uses {r} ({g})"));
            }
        }
    }
    if !bad.is_empty() {
        return Err(format!(
            "family features: items refer across families their features do not enable; \
             add the dependency to FAMILIES in codegen/config (and to Cargo.toml):\n  {}",
            bad.into_iter().collect::<Vec<_>>().join("\n  ")
        ));
    }
    let mut tags: Vec<(usize, &'static str)> = all_items.iter().filter_map(|(l, f, _, _)| f.map(|f| (*l, f))).collect();
    let mut lines = lines_of(text);
    tags.sort_by_key(|t| std::cmp::Reverse(t.0));
    for (line, f) in &tags {
        let at = line - 1;
        let indent: String = lines[at].chars().take_while(|c| c.is_whitespace()).collect();
        lines.insert(at, format!("{indent}#[cfg(feature = \"{f}\")]"));
    }
    Ok(join(&lines, text))
}

#[cfg(test)]
mod macos_only_tests {
    use super::*;

    #[test]
    fn libc_items_with_an_os_cfg_stay_declared_elsewhere() {
        let text = "pub const PT_KILL: u32 = 8;\npub const KERN_SUCCESS: u32 = 0;\nunsafe extern \"C\" {\n    pub fn dladdr(x: u32) -> u32;\n}\n";
        let out = reexport_libc(text, &["PT_KILL", "KERN_SUCCESS", "dladdr"], &["PT_KILL", "dladdr"]).unwrap();
        // Re-exported everywhere, declaration compiled out.
        assert!(out.contains("\npub use libc::KERN_SUCCESS;\n"), "{out}");
        assert!(out.contains("mod same_as_libc {\n    use super::*;\npub const KERN_SUCCESS"), "{out}");
        // Re-exported on macOS, declared for the other OSes.
        assert!(out.contains("#[cfg(target_os = \"macos\")] pub use libc::PT_KILL;\n#[cfg(not(target_os = \"macos\"))] pub const PT_KILL: u32 = 8;"), "{out}");
        assert!(
            out.contains("    #[cfg(not(target_os = \"macos\"))] pub fn dladdr(x: u32) -> u32;\n}\n#[cfg(target_os = \"macos\")] pub use libc::dladdr;"),
            "{out}"
        );
    }

    #[test]
    fn simulators_drop_the_listed_alignment() {
        let text = "#[repr(C)]\n#[repr(align(16))]\n#[derive(Debug)]\npub struct dyld_all_image_infos {\n    pub version: u32,\n}\n#[repr(C)]\n#[repr(align(16))]\npub struct other {\n    pub x: u32,\n}\n";
        let out = aligned_except_sim(text);
        assert!(
            out.starts_with("#[repr(C)]\n#[cfg_attr(not(target_abi = \"sim\"), repr(align(16)))]\n#[derive(Debug)]\npub struct dyld_all_image_infos"),
            "{out}"
        );
        assert!(out.contains("#[repr(align(16))]\npub struct other"), "{out}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(name, file)` pairs as owned strings.
    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn join_keeps_the_final_newline_of_its_model() {
        let lines = lines_of("a\nb\n");
        assert_eq!(lines, ["a", "b"]);
        assert_eq!(join(&lines, "x\n"), "a\nb\n");
        assert_eq!(join(&lines, "x"), "a\nb");
    }

    #[test]
    fn spans_and_type_names() {
        let file = parse("pub struct A {\n    x: u32,\n}\n").unwrap();
        assert_eq!(line_span(file.items[0].to_token_stream()), (1, 3));
        assert_eq!(first_line(file.items[0].to_token_stream()), 1);
        let ty = |s: &str| type_ident(&syn::parse_str::<syn::Type>(s).unwrap());
        assert_eq!(ty("::core::ffi::c_int").as_deref(), Some("c_int"));
        assert_eq!(ty("[foo_t; 4]").as_deref(), Some("foo_t"));
        assert_eq!(ty("*mut foo_t"), None);
    }

    #[test]
    fn block_end_finds_the_closing_brace() {
        let lines = lines_of("unsafe extern \"C\" {\n    pub fn f();\n}\nx");
        assert_eq!(block_end(&lines, 1), 2);
        assert_eq!(block_end(&lines, 3), 3);
    }

    #[test]
    fn anon_enum_constants_take_their_api_type() {
        let text = "pub const QOS_CLASS_DEFAULT: _bindgen_ty_1 = 21;\npub type _bindgen_ty_1 = ::core::ffi::c_uint;\n\
                    pub const LATENCY_QOS_TIER_0: task_latency_qos = 1;\npub const OTHER: foo_t = 1;\n";
        assert_eq!(
            anon_enums(text).unwrap(),
            "pub const QOS_CLASS_DEFAULT: qos_class_t = 21;\npub const LATENCY_QOS_TIER_0: thread_latency_qos_t = 1;\npub const OTHER: foo_t = 1;\n"
        );
        let err = anon_enums("pub const NOBODY_X: _bindgen_ty_2 = 1;\npub type _bindgen_ty_2 = u32;\n").unwrap_err();
        assert!(err.ends_with("add them to ENUM_CONST_TYPES in codegen/config: NOBODY_X"), "{err}");
    }

    #[test]
    fn nested_types_are_named_after_parent_and_field() {
        let text = "pub struct sockinfo { pub insi_faddr: sockinfo__bindgen_ty_1, pub __bindgen_anon_1: sockinfo__bindgen_ty_2 }\n\
                    pub struct sockinfo__bindgen_ty_1 { pub inner: sockinfo__bindgen_ty_1__bindgen_ty_1 }\n\
                    pub union sockinfo__bindgen_ty_2 { pub a: u32 }\n\
                    pub struct sockinfo__bindgen_ty_1__bindgen_ty_1 { pub x: u32 }\n";
        let renames = nested_names(text).unwrap();
        let want: BTreeMap<String, String> = pairs(&[
            ("sockinfo__bindgen_ty_1", "sockinfo_insi_faddr"),
            ("sockinfo__bindgen_ty_1__bindgen_ty_1", "sockinfo_insi_faddr_inner"),
            ("sockinfo__bindgen_ty_2", "sockinfo_anon_1"),
        ])
        .into_iter()
        .collect();
        assert_eq!(renames, want);
        let err = nested_names("pub struct _bindgen_ty_3 { pub f: _bindgen_ty_3__bindgen_ty_1 }\n").unwrap_err();
        assert_eq!(err, "anonymous nested types without a parent field to name them after: [\"_bindgen_ty_3_f\"]");
    }

    #[test]
    fn rename_replaces_whole_words_longest_first() {
        let renames: BTreeMap<String, String> = pairs(&[("a__bindgen_ty_1", "a_x"), ("a__bindgen_ty_1__bindgen_ty_1", "a_x_y")]).into_iter().collect();
        let text = "pub x: a__bindgen_ty_1__bindgen_ty_1, y: a__bindgen_ty_1, z: ba__bindgen_ty_1\n";
        assert_eq!(rename(text, &renames), "pub x: a_x_y, y: a_x, z: ba__bindgen_ty_1\n");
        assert_eq!(rename(text, &BTreeMap::new()), text);
    }

    #[test]
    fn values_past_32_bits_are_written_as_c_converts_them() {
        let text = "pub const MACH_EXCEPTION_CODES: exception_behavior_t = 2147483648;\n\
                    pub const FULL: ::core::ffi::c_int = 4294967295;\n\
                    pub const NEG: natural_t = 18446744073709551615;\n\
                    pub const SMALL: kern_return_t = 5;\n\
                    pub const SUFFIXED: c_int = 3000000000u32;\n\
                    pub const WIDE: u64 = 99999999999;\n";
        assert_eq!(
            wrap_signed(text).unwrap(),
            "pub const MACH_EXCEPTION_CODES: exception_behavior_t = 0x80000000_u32 as exception_behavior_t;\n\
             pub const FULL: ::core::ffi::c_int = 0xffffffff_u32 as ::core::ffi::c_int;\n\
             pub const NEG: natural_t = 0xffffffff;\n\
             pub const SMALL: kern_return_t = 5;\n\
             pub const SUFFIXED: c_int = 3000000000u32;\n\
             pub const WIDE: u64 = 99999999999;\n"
        );
        assert_eq!(wrap_signed("pub const BIG: c_int = 4294967296;\n").unwrap_err(), "BIG = 4294967296 does not fit its 32-bit type c_int");
    }

    #[test]
    fn retype_runs_steps_one_to_three() {
        let text = "pub struct p { pub f: p__bindgen_ty_1 }\npub struct p__bindgen_ty_1 { pub x: u32 }\n\
                    pub const QOS_CLASS_USER: _bindgen_ty_1 = 4294967295;\npub type _bindgen_ty_1 = u32;\n";
        let (out, renames) = retype(text).unwrap();
        assert_eq!(out, "pub struct p { pub f: p_f }\npub struct p_f { pub x: u32 }\npub const QOS_CLASS_USER: qos_class_t = 4294967295;\n");
        assert_eq!(renames.into_iter().collect::<Vec<_>>(), pairs(&[("p__bindgen_ty_1", "p_f")]));
    }

    #[test]
    fn sim_alignment_exactly() {
        let text = "#[repr(C)]\n#[repr(align(16))]\npub struct dyld_all_image_infos {\n    pub version: u32,\n}\n";
        assert_eq!(
            aligned_except_sim(text),
            "#[repr(C)]\n#[cfg_attr(not(target_abi = \"sim\"), repr(align(16)))]\npub struct dyld_all_image_infos {\n    pub version: u32,\n}\n"
        );
        assert_eq!(aligned_except_sim("pub struct other {\n}\n"), "pub struct other {\n}\n");
    }

    #[test]
    fn libc_reexports_that_differ_are_named() {
        let reference = "pub use libc::A;\npub use libc::f;\n#[cfg(any())]\nmod same_as_libc {\n    use super::*;\n#[doc = \" a\"]\npub const A: u32 = 104;\npub const B: u32 = 1;\n    unsafe extern \"C\" {\n    pub fn f(x: u32) -> u32;\n    }\n}\n";
        let same = reference.replace("#[doc = \" a\"]\n", "");
        assert_eq!(libc_reexports_differing(reference, &same, &["A", "B", "f"]).unwrap(), Vec::<String>::new());
        // Parameter names are not part of a signature.
        assert_eq!(libc_reexports_differing(reference, &same.replace("x: u32", "len: u32"), &["f"]).unwrap(), Vec::<String>::new());
        let older = reference.replace("104", "38").replace("x: u32", "x: u64");
        assert_eq!(libc_reexports_differing(reference, &older, &["A", "B", "f"]).unwrap(), vec!["A".to_string(), "f".to_string()]);
        // Beside the re-export (macOS-only re-exports), too.
        let beside = "#[cfg(target_os = \"macos\")] pub use libc::B;\n#[cfg(not(target_os = \"macos\"))] pub const B: u32 = 2;\n";
        assert_eq!(libc_reexports_differing(reference, beside, &["B"]).unwrap(), vec!["B".to_string()]);
    }

    #[test]
    fn reexport_libc_exactly() {
        let text =
            "pub const PT_KILL: u32 = 8;\npub const KERN_SUCCESS: u32 = 0;\nunsafe extern \"C\" {\n    pub fn dladdr(x: u32) -> u32;\n    pub fn mine();\n}\n";
        let out = reexport_libc(text, &["PT_KILL", "KERN_SUCCESS", "dladdr", "absent"], &["PT_KILL"]).unwrap();
        assert_eq!(
            out,
            "#[cfg(target_os = \"macos\")] pub use libc::PT_KILL;\n\
             #[cfg(not(target_os = \"macos\"))] pub const PT_KILL: u32 = 8;\n\
             pub use libc::KERN_SUCCESS;\n\
             unsafe extern \"C\" {\n    pub fn mine();\n}\n\
             pub use libc::dladdr;\n\
             /// Declarations of the items re-exported from `libc` above, which the\n\
             /// libc crate defines identically (`SAME_AS_LIBC` in codegen/config/libc.rs): compiled\n\
             /// out, kept for the verifier.\n\
             #[cfg(any())]\n\
             mod same_as_libc {\n    use super::*;\n\
             pub const KERN_SUCCESS: u32 = 0;\n    unsafe extern \"C\" {\n    pub fn dladdr(x: u32) -> u32;\n    }\n}\n"
        );
        assert_eq!(reexport_libc(text, &[], &[]).unwrap(), text);
    }

    #[test]
    fn libc_enum_consts_are_appended_with_their_family() {
        let out = libc_enum_consts("x\n", &["OS_LOG_TYPE_DEBUG", "OTHER_NAME"], &["OS_LOG_TYPE_DEBUG"]);
        assert_eq!(
            out,
            "x\n// libc's constants of its enum types (codegen/config/libc.rs LIBC_ENUM_CONSTS).\n\
             #[cfg(feature = \"os\")]\n#[cfg(target_os = \"macos\")] pub use libc::OS_LOG_TYPE_DEBUG;\npub use libc::OTHER_NAME;\n"
        );
        assert_eq!(libc_enum_consts("x\n", &[], &[]), "x\n");
    }

    #[test]
    fn enum_constants_take_their_enums_header() {
        let text = "pub const LATENCY_QOS_TIER_0: task_latency_qos = 1;\npub const KNOWN: task_latency_qos = 2;\npub const LOOSE: u32 = 3;\n";
        let locations = pairs(&[("task_latency_qos", "mach/thread_policy.h"), ("KNOWN", "k.h")]);
        assert_eq!(enum_constant_homes(text, &locations).unwrap(), pairs(&[("LATENCY_QOS_TIER_0", "mach/thread_policy.h")]));
        let text = "pub struct p { pub f: p__bindgen_ty_1 }\npub struct p__bindgen_ty_1 { pub x: u32 }\npub const K: p = 0;\n";
        let locations = pairs(&[("p", "p.h"), ("p__bindgen_ty_1", "p.h")]);
        assert_eq!(final_locations(text, &locations).unwrap(), pairs(&[("p", "p.h"), ("p_f", "p.h"), ("K", "p.h")]));
        let renames: BTreeMap<String, String> = pairs(&[("a__bindgen_ty_1", "a_x")]).into_iter().collect();
        assert_eq!(
            renamed_locations(&pairs(&[("a__bindgen_ty_1", "a.h"), ("b", "b.h")]), &renames, pairs(&[("C", "c.h")])),
            pairs(&[("a_x", "a.h"), ("b", "b.h"), ("C", "c.h")])
        );
    }

    #[test]
    fn families_come_from_items_then_files() {
        let fam = Classifier::new().attribute(&pairs(&[
            ("mach_port_t", "/sdk/usr/include/mach/port.h"),
            ("dladdr", "/sdk/usr/include/dlfcn.h"),
            ("nowhere", "/sdk/usr/include/nowhere.h"),
        ]));
        let mut fam: Vec<(&str, &str)> = fam.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        fam.sort();
        assert_eq!(fam, [("dladdr", "dyld"), ("mach_port_t", "mach")]);
        assert_eq!(reachable("dispatch").into_iter().collect::<Vec<_>>(), ["dispatch", "mach", "os", "pthread"]);
        assert_eq!(reachable("mach").into_iter().collect::<Vec<_>>(), ["mach"]);
    }

    #[test]
    fn gate_tags_items_and_what_refers_to_them() {
        let text = "pub type mach_port_t = u32;\npub struct uses_port {\n    pub p: mach_port_t,\n}\nimpl uses_port {\n    pub fn get(&self) -> u32 { 0 }\n}\n\
                    pub const PLAIN: u32 = 1;\nunsafe extern \"C\" {\n    pub fn take(p: mach_port_t);\n}\n";
        let fam: HashMap<String, &'static str> = [("mach_port_t".to_string(), "mach")].into_iter().collect();
        assert_eq!(
            gate(text, &fam, None).unwrap(),
            "#[cfg(feature = \"mach\")]\npub type mach_port_t = u32;\n#[cfg(feature = \"mach\")]\npub struct uses_port {\n    pub p: mach_port_t,\n}\n\
             #[cfg(feature = \"mach\")]\nimpl uses_port {\n    pub fn get(&self) -> u32 { 0 }\n}\npub const PLAIN: u32 = 1;\n\
             unsafe extern \"C\" {\n    #[cfg(feature = \"mach\")]\n    pub fn take(p: mach_port_t);\n}\n"
        );
        assert_eq!(gate("pub const PLAIN: u32 = 1;\n", &HashMap::new(), Some("mach")).unwrap(), "#[cfg(feature = \"mach\")]\npub const PLAIN: u32 = 1;\n");
    }

    #[test]
    fn gate_fails_on_a_reference_its_family_may_not_use() {
        let fam: HashMap<String, &'static str> = [("d_t".to_string(), "dispatch"), ("m_t".to_string(), "mach")].into_iter().collect();
        let err = gate("pub type d_t = u32;\npub type m_t = d_t;\n", &fam, None).unwrap_err();
        assert!(err.ends_with(":\n  m_t (mach) uses d_t (dispatch)"), "{err}");
    }

    #[test]
    fn finish_runs_every_step() {
        let text = "pub type mach_port_t = u32;\npub const KERN_SUCCESS: u32 = 0;\n";
        let locations = pairs(&[("mach_port_t", "/sdk/usr/include/mach/port.h"), ("KERN_SUCCESS", "/sdk/usr/include/mach/kern_return.h")]);
        let same = config::SameAsLibc { items: &["KERN_SUCCESS"], enums: &[], macos_only: &[] };
        let out = finish(text, &locations, Part::Main, same).unwrap();
        assert_eq!(
            out,
            "#[cfg(feature = \"mach\")]\npub type mach_port_t = u32;\n#[cfg(feature = \"mach\")]\npub use libc::KERN_SUCCESS;\n\
             /// Declarations of the items re-exported from `libc` above, which the\n\
             /// libc crate defines identically (`SAME_AS_LIBC` in codegen/config/libc.rs): compiled\n\
             /// out, kept for the verifier.\n\
             #[cfg(any())]\nmod same_as_libc {\n    use super::*;\npub const KERN_SUCCESS: u32 = 0;\n}\n"
        );
    }
}
