//! Inventory: every declaration of the bound headers, per ABI, bound or
//! left out with its reason, committed in `tests/inventory/<arch>.txt` so
//! that every change shows in review. A line that disappears (a function
//! deleted, a field turned into padding, a constant dropped) or appears
//! unreviewed is a mismatch; `DARWIN_SYS_BLESS_INVENTORY=1 cargo xtask
//! verify` rewrites the files after review. The differences between the
//! ABIs are listed in `tests/inventory/arch-differences.txt`, each
//! explained; an unexplained difference or an explanation that matches
//! nothing is a mismatch.
//!
//! Counted here: functions, statics, records and their fields, typedefs,
//! enumerators and object-like integer macros (bindgen's constants), and
//! the names codegen/config leaves out, with the list that leaves them out.
//! Function-like macros and non-integer object-like macros are inventoried
//! with the hand-written equivalents (issue 6), not here.

use super::{Ctx, Report};
use crate::config::glob;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn file(ctx: &Ctx, name: &str) -> PathBuf {
    ctx.root.join("tests").join("inventory").join(name)
}

/// The inventory lines of one ABI's bindings (both parts).
pub fn lines(texts: &[String]) -> Result<BTreeSet<String>, String> {
    let mut out = BTreeSet::new();
    for (part, text) in ["", " [mig]"].iter().zip(texts) {
        let f = syn::parse_file(text).map_err(|e| format!("cannot parse bindings: {e}"))?;
        collect(&f.items, part, &mut out);
    }
    for t in crate::config::LIBC_TYPES {
        out.insert(format!("left out type {t} # LIBC_TYPES: re-exported from the libc crate"));
    }
    for t in crate::config::LIBC_TYPES_WRONG {
        out.insert(format!("bound type {t} # LIBC_TYPES_WRONG: libc's differs from the SDK, bound from the header"));
    }
    for f in crate::config::LIBC_FUNCTIONS {
        out.insert(format!("left out fn {f} # LIBC_FUNCTIONS: libc declares it under the name of a type it re-exports"));
    }
    for f in crate::config::NOT_EXPORTED {
        out.insert(format!("left out fn/static {f} # NOT_EXPORTED: declared, not exported by libSystem"));
    }
    for m in crate::config::SKIP_MACROS {
        out.insert(format!("left out macros {m} # SKIP_MACROS: an enumerator of the same name, an initializer list or a valued include guard"));
    }
    for o in crate::config::LIBC_ORPHANS {
        out.insert(format!("left out types {o} # LIBC_ORPHANS: nested in a libc-owned type"));
    }
    Ok(out)
}

fn collect(items: &[syn::Item], part: &str, out: &mut BTreeSet<String>) {
    let skip = |n: &str| n.starts_with("__Bindgen") || n == "__IncompleteArrayField";
    for item in items {
        match item {
            syn::Item::Struct(s) if !skip(&s.ident.to_string()) => {
                out.insert(format!("bound struct {}{part}", s.ident));
                for f in &s.fields {
                    if let Some(n) = &f.ident
                        && !n.to_string().starts_with("_bitfield_")
                        && !n.to_string().starts_with("__bindgen_padding")
                    {
                        out.insert(format!("bound field {}.{n}{part}", s.ident));
                    }
                }
            }
            syn::Item::Union(u) => {
                out.insert(format!("bound union {}{part}", u.ident));
                for f in &u.fields.named {
                    out.insert(format!("bound field {}.{}{part}", u.ident, f.ident.as_ref().unwrap()));
                }
            }
            syn::Item::Impl(i) if i.trait_.is_none() => {
                // Bitfield accessors: `fn x(&self)` with `fn set_x`.
                let ty = &i.self_ty;
                let owner = quote::quote!(#ty).to_string();
                let names: BTreeSet<String> =
                    i.items.iter().filter_map(|ii| if let syn::ImplItem::Fn(f) = ii { Some(f.sig.ident.to_string()) } else { None }).collect();
                for n in &names {
                    if names.contains(&format!("set_{n}")) && !n.ends_with("_raw") {
                        out.insert(format!("bound bitfield {owner}.{n}{part}"));
                    }
                }
            }
            syn::Item::Type(t) => {
                out.insert(format!("bound type {}{part}", t.ident));
            }
            syn::Item::Const(c) => {
                out.insert(format!("bound const {}{part}", c.ident));
            }
            syn::Item::Use(u) => {
                if let syn::UseTree::Path(p) = &u.tree
                    && let syn::UseTree::Rename(r) = &*p.tree
                {
                    out.insert(format!("bound type {}{part}", r.rename));
                }
            }
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => {
                            out.insert(format!("bound fn {}{part}", f.sig.ident));
                        }
                        syn::ForeignItem::Static(s) => {
                            out.insert(format!("bound static {}{part}", s.ident));
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// Counts per kind, for the file's head and the README.
fn counts(lines: &BTreeSet<String>) -> String {
    let mut c: std::collections::BTreeMap<String, usize> = Default::default();
    for l in lines {
        let mut w = l.split(' ');
        let k = format!("{} {}", w.next().unwrap_or(""), w.next().unwrap_or(""));
        *c.entry(k).or_default() += 1;
    }
    c.iter().map(|(k, v)| format!("# {k}: {v}")).collect::<Vec<_>>().join("\n")
}

fn read_lines(p: &std::path::Path) -> Result<BTreeSet<String>, String> {
    let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e} (create it with DARWIN_SYS_BLESS_INVENTORY=1 cargo xtask verify)", p.display()))?;
    Ok(text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(str::to_string).collect())
}

/// Compares this ABI's inventory with the committed one.
pub fn check(ctx: &Ctx, texts: &[String], report: &mut Report) -> Result<(), String> {
    let now = lines(texts)?;
    let path = file(ctx, &format!("{}.txt", ctx.target.arch));
    if std::env::var_os("DARWIN_SYS_BLESS_INVENTORY").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).map_err(|e| e.to_string())?;
        let body: Vec<&str> = now.iter().map(String::as_str).collect();
        let head = format!(
            "# darwin-sys inventory for {} (`cargo xtask verify`; rewrite after review with\n# DARWIN_SYS_BLESS_INVENTORY=1). Function-like and non-integer macros: issue 6.\n{}\n",
            ctx.target.rust,
            counts(&now)
        );
        std::fs::write(&path, head + &body.join("\n") + "\n").map_err(|e| e.to_string())?;
    }
    let committed = read_lines(&path)?;
    *report.compared.entry("inventory").or_default() += committed.len().max(now.len());
    for gone in committed.difference(&now) {
        report.mismatches.push(format!("inventory {gone}: in tests/inventory/{}.txt, gone from the bindings", ctx.target.arch));
    }
    for new in now.difference(&committed) {
        report.mismatches.push(format!("inventory {new}: new, not in tests/inventory/{}.txt (review, then DARWIN_SYS_BLESS_INVENTORY=1)", ctx.target.arch));
    }
    arch_differences(ctx, report)
}

/// Every line in one ABI's inventory and not the other's matches an
/// explained pattern of `arch-differences.txt` (`pattern # why`), and
/// every pattern matches a difference.
fn arch_differences(ctx: &Ctx, report: &mut Report) -> Result<(), String> {
    if std::env::var_os("DARWIN_SYS_BLESS_INVENTORY").is_some() {
        // Judged on the next run, once every ABI's file is written.
        return Ok(());
    }
    let arches: Vec<&str> = crate::config::TARGETS.iter().map(|t| t.arch).collect();
    let sets: Vec<BTreeSet<String>> = arches.iter().map(|a| read_lines(&file(ctx, &format!("{a}.txt")))).collect::<Result<_, _>>()?;
    let text = std::fs::read_to_string(file(ctx, "arch-differences.txt")).map_err(|e| format!("tests/inventory/arch-differences.txt: {e}"))?;
    let rules: Vec<(String, String)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once(" # ").map(|(p, w)| (p.trim().to_string(), w.trim().to_string())))
        .collect();
    let mut used: Vec<bool> = rules.iter().map(|(p, _)| !p.starts_with(&format!("{}:", ctx.target.arch))).collect();
    for (i, a) in arches.iter().enumerate() {
        // Each report judges its own ABI's lines.
        if *a != ctx.target.arch {
            continue;
        }
        for other in (0..arches.len()).filter(|&j| j != i) {
            for l in sets[i].difference(&sets[other]) {
                let line = format!("{a}: {l}");
                match rules.iter().position(|(p, _)| glob(p, &line)) {
                    Some(k) => used[k] = true,
                    None => report.mismatches.push(format!("inventory difference `{line}`: not explained in tests/inventory/arch-differences.txt")),
                }
            }
        }
    }
    *report.compared.entry("inventory").or_default() += rules.len();
    for (k, (p, _)) in rules.iter().enumerate() {
        if !used[k] {
            report.mismatches.push(format!("inventory difference pattern `{p}`: matches no difference; remove it"));
        }
    }
    Ok(())
}
