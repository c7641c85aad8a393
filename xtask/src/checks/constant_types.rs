//! Constant typing, checked mechanically on the committed bindings:
//! - no public `_bindgen_ty_` name (anonymous enums and nested types get
//!   real names, codegen/config `ENUM_CONST_TYPES` and `codegen/postprocess.rs`);
//! - constant families (same feature, same name prefix) have one type,
//!   unless codegen/config `MIXED_TYPE_FAMILIES` gives the reason;
//! - `tests/idioms.rs`, C idioms across the families, compiles for both
//!   Darwin targets with `-D warnings`.

use crate::config::{MIXED_TYPE_FAMILIES, TARGETS};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Lines declaring something public whose name or type is `_bindgen_ty_`.
pub fn bindgen_ty(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| l.starts_with("pub ") && l.contains("_bindgen_ty_")).map(str::to_string).collect()
}

/// A family: (feature, name prefix), its types and each type's constants.
pub type Families = BTreeMap<(String, String), BTreeMap<String, Vec<String>>>;

fn last_ident(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        other => quote::quote!(#other).to_string(),
    }
}

fn feature_of(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| {
        let s = quote::quote!(#a).to_string().replace(' ', "");
        s.strip_prefix("#[cfg(feature=\"").and_then(|r| r.strip_suffix("\")]")).map(str::to_string)
    })
}

/// The integer constants of a bindings file by family. A family is the
/// constants of one feature whose names agree but for the last word
/// (`VM_FLAGS_ANYWHERE`, `VM_FLAGS_FIXED`); counts (`*_COUNT*`, message
/// sizes, another API) are left out. Constants re-exported from libc are
/// read from the file's `mod same_as_libc`, with the re-export's feature.
pub fn families(text: &str) -> Result<Families, String> {
    let file = syn::parse_file(text).map_err(|e| e.to_string())?;
    let mut feature: BTreeMap<String, String> = BTreeMap::new();
    let mut consts: Vec<(String, String)> = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Const(c) => {
                if let Some(f) = feature_of(&c.attrs) {
                    feature.insert(c.ident.to_string(), f);
                }
                consts.push((c.ident.to_string(), last_ident(&c.ty)));
            }
            syn::Item::Use(u) => {
                if let (Some(f), syn::UseTree::Path(p)) = (feature_of(&u.attrs), &u.tree)
                    && let syn::UseTree::Name(n) = &*p.tree
                {
                    feature.insert(n.ident.to_string(), f);
                }
            }
            syn::Item::Mod(m) if m.ident == "same_as_libc" => {
                for i in m.content.iter().flat_map(|c| c.1.iter()) {
                    if let syn::Item::Const(c) = i {
                        consts.push((c.ident.to_string(), last_ident(&c.ty)));
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Families::new();
    for (name, ty) in consts {
        if name.contains("_COUNT") || ty == "CStr" {
            continue;
        }
        let Some((prefix, _)) = name.trim_start_matches('_').rsplit_once('_') else { continue };
        let f = feature.get(&name).cloned().unwrap_or_else(|| "always on".into());
        out.entry((f, prefix.to_string())).or_default().entry(ty).or_default().push(name);
    }
    Ok(out)
}

/// Families with more than one type that `MIXED_TYPE_FAMILIES` does not
/// explain, and reasons that explain no mixed family (stale).
pub fn mixed(fams: &Families) -> (Vec<String>, BTreeSet<&'static str>) {
    let mut unexplained = Vec::new();
    let mut used = BTreeSet::new();
    for ((feature, prefix), types) in fams.iter().filter(|(_, t)| t.len() > 1) {
        match MIXED_TYPE_FAMILIES.iter().find(|(p, _)| crate::config::glob(p, prefix)) {
            Some((p, _)) => {
                used.insert(*p);
            }
            None => {
                let list: Vec<String> = types.iter().map(|(t, names)| format!("{t}: {}", names.join(" "))).collect();
                unexplained.push(format!("{prefix}_* ({feature}): {}", list.join("; ")));
            }
        }
    }
    let stale = MIXED_TYPE_FAMILIES.iter().map(|(p, _)| *p).filter(|p| !used.contains(p)).collect();
    (unexplained, stale)
}

/// The step.
pub fn check(root: &Path) -> Result<String, String> {
    let mut notes = Vec::new();
    let mut errors = Vec::new();
    let mut used_anywhere: BTreeSet<&'static str> = BTreeSet::new();
    for t in TARGETS {
        let p = crate::generation::generate::path(root, t, crate::config::Part::Main);
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let bad = bindgen_ty(&text);
        if !bad.is_empty() {
            errors.push(format!("{}: public `_bindgen_ty_` names:\n  {}", t.rust, bad.join("\n  ")));
        }
        let fams = families(&text)?;
        let (unexplained, stale) = mixed(&fams);
        let mixed_n = fams.values().filter(|t| t.len() > 1).count();
        if !unexplained.is_empty() {
            errors.push(format!(
                "{}: constant families with mixed types and no reason in MIXED_TYPE_FAMILIES (codegen/config):\n  {}",
                t.rust,
                unexplained.join("\n  ")
            ));
        }
        let all: BTreeSet<&'static str> = MIXED_TYPE_FAMILIES.iter().map(|(p, _)| *p).collect();
        used_anywhere.extend(all.difference(&stale).copied());
        notes.push(format!("{}: {} families, {mixed_n} mixed, all reasoned", t.rust, fams.len()));
    }
    let stale: Vec<&str> = MIXED_TYPE_FAMILIES.iter().map(|(p, _)| *p).filter(|p| !used_anywhere.contains(p)).collect();
    if !stale.is_empty() {
        errors.push(format!("MIXED_TYPE_FAMILIES reasons that match no mixed family (remove them): {}", stale.join(", ")));
    }
    for t in TARGETS {
        if let Err(e) = crate::util::cmd::run(
            std::process::Command::new(env!("CARGO"))
                .args(["check", "--quiet", "-p", "darwin-sys", "--test", "idioms", "--target", t.rust])
                .env("RUSTFLAGS", "-D warnings")
                .env("CARGO_TARGET_DIR", root.join("target").join("strict")),
        ) {
            errors.push(format!("tests/idioms.rs does not compile for {}:\n{e}", t.rust));
        }
    }
    if errors.is_empty() {
        let idioms = std::fs::read_to_string(root.join("tests").join("idioms.rs")).unwrap_or_default();
        let n = idioms.lines().filter(|l| l.starts_with("fn ") || l.starts_with("unsafe fn ")).count();
        notes.push(format!("no _bindgen_ty_; tests/idioms.rs ({n} idiom functions) compiles for both targets"));
        Ok(notes.join("; "))
    } else {
        Err(errors.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report catches a family with two types, and a planted
    /// `_bindgen_ty_`.
    #[test]
    fn catches_mixed_and_bindgen_ty() {
        let text = "#[cfg(feature = \"mach\")]\npub const VM_PROT_READ: vm_prot_t = 1;\n\
                    #[cfg(feature = \"mach\")]\npub const VM_PROT_WRITE: core::ffi::c_int = 2;\n\
                    pub const QOS_CLASS_X: _bindgen_ty_3 = 1;\n";
        let fams = families(text).unwrap();
        let (bad, _) = mixed(&fams);
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(bad[0].starts_with("VM_PROT_* (mach)"));
        assert_eq!(bindgen_ty(text).len(), 1);
    }
}
