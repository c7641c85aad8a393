//! Per-family cargo features: every generated item is tagged
//! `#[cfg(feature = "<family>")]` after the family (`config::FAMILIES`) of the
//! header that declares it. Items from other headers that bound items need
//! (`__darwin_*` typedefs, `struct timeval`, ...) stay untagged: always on.
//!
//! bindgen reports where it found each item (`new_item_found`); the header's
//! path picks the family. The tags are then inserted as lines above each
//! item, so removing them gives back bindgen's text byte for byte (the build
//! script, which binds everything, makes exactly that).

use crate::config::FAMILIES;
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use syn::visit::Visit;

/// The family a file or single item belongs to.
pub struct Classifier {
    files: Vec<(Regex, &'static str)>,
    items: Vec<(Regex, &'static str)>,
}

fn anchored(p: &str) -> Regex {
    Regex::new(&format!("^(?:{p})$")).expect("config.rs patterns are valid regexes")
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
        if let Some(fam) = FAMILIES.iter().find(|x| x.name == f) {
            if out.insert(fam.name) {
                todo.extend(fam.deps.iter().map(|d| d.to_string()));
            }
        }
    }
    out
}

/// Single-segment paths an item refers to (types, constants, `Self`, ...).
#[derive(Default)]
struct Refs(BTreeSet<String>);

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

fn type_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Inserts the family tags into a generated file. `all` tags every item
/// with one family (the MIG part, all Mach). Fails, naming them, on items
/// that refer to a family their own may not depend on.
pub fn gate(text: &str, fam: &HashMap<String, &'static str>, all: Option<&'static str>) -> Result<String, String> {
    use quote::ToTokens;
    let file = syn::parse_file(text).map_err(|e| format!("cannot parse bindings: {e}"))?;
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
            // `pub use self::task_role as task_role_t;` (a named enum's typedef)
            // follows the enum.
            syn::Item::Use(u) => {
                if let syn::UseTree::Path(p) = &u.tree {
                    if let (true, syn::UseTree::Rename(r)) = (p.ident == "self", &*p.tree) {
                        let target = r.ident.to_string();
                        let f = family_of(&r.rename.to_string(), None).or_else(|| family_of(&target, None));
                        visit(u.to_token_stream(), r.rename.to_string(), f, &|refs| {
                            refs.0.insert(target.clone());
                        });
                    }
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
        let family: HashMap<String, &'static str> =
            all_items.iter().filter_map(|(_, f, n, _)| f.map(|f| (n.clone(), f))).collect();
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
    let item_family: HashMap<&str, &'static str> =
        all_items.iter().filter_map(|(_, f, n, _)| f.map(|f| (n.as_str(), f))).collect();
    let mut bad = BTreeSet::new();
    for (_, f, name, refs) in &all_items {
        let ok = f.map(reachable).unwrap_or_default();
        for r in &refs.0 {
            if let Some(g) = item_family.get(r.as_str()) {
                if !ok.contains(g) && r != name {
                    let mine = f.unwrap_or("always on");
                    bad.insert(format!("{name} ({mine}) uses {r} ({g})"));
                }
            }
        }
    }
    if !bad.is_empty() {
        return Err(format!(
            "family features: items refer across families their features do not enable; \
             add the dependency to FAMILIES in config.rs (and to Cargo.toml):\n  {}",
            bad.into_iter().collect::<Vec<_>>().join("\n  ")
        ));
    }
    let mut tags: Vec<(usize, &'static str)> = all_items.iter().filter_map(|(l, f, _, _)| f.map(|f| (*l, f))).collect();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    tags.sort_by(|a, b| b.0.cmp(&a.0));
    for (line, f) in &tags {
        let at = line - 1;
        let indent: String = lines[at].chars().take_while(|c| c.is_whitespace()).collect();
        lines.insert(at, format!("{indent}#[cfg(feature = \"{f}\")]"));
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// The generated text without the family tags (what the build script makes).
pub fn strip(text: &str) -> String {
    let mut out: String = text
        .lines()
        .filter(|l| !(l.trim_start().starts_with("#[cfg(feature = \"") && l.trim_end().ends_with("\")]")))
        .collect::<Vec<_>>()
        .join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}
