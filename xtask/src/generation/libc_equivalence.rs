//! Which generated items the `libc` crate defines identically, so that the
//! bindings re-export libc's (`postprocess::reexport_libc`) and
//! `use libc::*; use darwin_sys::*;` names one item.
//!
//! Read from the locked libc's source with `syn`, per architecture:
//! a constant is the same when both types resolve to the same Rust type
//! and both values are equal (or libc's is computed, `size_of::<T>()`-based,
//! which the verifier then compares with C's, as `darwin_sys::NAME`); a function when every parameter and the
//! result resolve to the same types, and libc links the plain symbol. Items
//! libc marks `#[deprecated]` stay ours. The result is written by the
//! generator to `codegen/same_as_libc.rs` (read by `codegen/config`, so
//! the build script re-exports the same items), with the items both crates
//! define differently and why.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::{Expr, Type};

/// libc's constants, functions and type aliases for one architecture.
#[derive(Default)]
pub struct LibcItems {
    /// name -> (type, value expression, deprecated)
    pub consts: BTreeMap<String, (Type, Expr, bool)>,
    /// name -> (signature, deprecated or linked under another symbol)
    pub fns: BTreeMap<String, (syn::Signature, bool)>,
    pub aliases: BTreeMap<String, Type>,
    /// name -> (type, mutable, deprecated)
    pub statics: BTreeMap<String, (Type, bool, bool)>,
    /// libc's structs, unions and type aliases: name -> deprecated.
    pub types: BTreeMap<String, bool>,
    /// Items under a `cfg` that names an OS (`target_os = "macos"`, or not
    /// tvOS and watchOS), or in a `cfg_if!` one of whose conditions does:
    /// libc may lack them on some Apple OS, so they are re-exported on macOS
    /// only.
    pub os_restricted: BTreeSet<String>,
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn attrs_say(attrs: &[syn::Attribute], word: &str) -> bool {
    attrs.iter().any(|a| quote::quote!(#a).to_string().contains(word))
}

/// The flags of an item's surroundings.
#[derive(Clone, Copy, Default)]
struct Ctx {
    /// Inside libc's `deprecated_mach! { .. }` (or another deprecating
    /// macro), which marks every item it holds deprecated.
    dep: bool,
    /// Under a `cfg` that names an OS.
    os: bool,
}

fn names_os(tokens: &str) -> bool {
    tokens.contains("target_os")
}

fn collect(tokens: proc_macro2::TokenStream, out: &mut LibcItems, cx: Ctx) {
    if let Ok(file) = syn::parse2::<syn::File>(tokens.clone()) {
        for item in file.items {
            collect_item(item, out, cx);
        }
        return;
    }
    // `cfg_if! { if #[cfg(..)] { items } else { items } }`, `s! { .. }`,
    // `f! { .. }`: look inside groups.
    for tt in tokens {
        if let proc_macro2::TokenTree::Group(g) = tt {
            collect(g.stream(), out, cx);
        }
    }
}

fn collect_item(item: syn::Item, out: &mut LibcItems, cx: Ctx) {
    let attrs_os = |attrs: &[syn::Attribute]| cx.os || attrs.iter().any(|a| a.path().is_ident("cfg") && names_os(&quote::quote!(#a).to_string()));
    let name = match &item {
        syn::Item::Const(c) => Some((c.ident.to_string(), attrs_os(&c.attrs))),
        syn::Item::Type(t) => Some((t.ident.to_string(), attrs_os(&t.attrs))),
        syn::Item::Struct(s) => Some((s.ident.to_string(), attrs_os(&s.attrs))),
        syn::Item::Union(u) => Some((u.ident.to_string(), attrs_os(&u.attrs))),
        _ => None,
    };
    if let Some((n, true)) = name {
        out.os_restricted.insert(n);
    }
    let dep = cx.dep;
    match item {
        syn::Item::Const(c) => {
            let dep = dep || attrs_say(&c.attrs, "deprecated");
            out.consts.entry(c.ident.to_string()).or_insert((*c.ty, *c.expr, dep));
        }
        syn::Item::Type(t) => {
            out.types.entry(t.ident.to_string()).or_insert(dep || attrs_say(&t.attrs, "deprecated"));
            out.aliases.entry(t.ident.to_string()).or_insert(*t.ty);
        }
        syn::Item::Struct(s) => {
            out.types.entry(s.ident.to_string()).or_insert(dep || attrs_say(&s.attrs, "deprecated"));
        }
        syn::Item::Union(u) => {
            out.types.entry(u.ident.to_string()).or_insert(dep || attrs_say(&u.attrs, "deprecated"));
        }
        syn::Item::ForeignMod(m) => {
            let block_os = attrs_os(&m.attrs);
            for fi in m.items {
                let (fname, fattrs) = match &fi {
                    syn::ForeignItem::Fn(f) => (f.sig.ident.to_string(), &f.attrs),
                    syn::ForeignItem::Static(s) => (s.ident.to_string(), &s.attrs),
                    _ => continue,
                };
                if block_os || attrs_os(fattrs) {
                    out.os_restricted.insert(fname);
                }
                match fi {
                    syn::ForeignItem::Fn(f) => {
                        let odd = dep || attrs_say(&f.attrs, "deprecated") || attrs_say(&f.attrs, "link_name");
                        out.fns.entry(f.sig.ident.to_string()).or_insert((f.sig, odd));
                    }
                    syn::ForeignItem::Static(s) => {
                        let odd = dep || attrs_say(&s.attrs, "deprecated") || attrs_say(&s.attrs, "link_name");
                        let m = matches!(s.mutability, syn::StaticMutability::Mut(_));
                        out.statics.entry(s.ident.to_string()).or_insert((*s.ty, m, odd));
                    }
                    _ => {}
                }
            }
        }
        syn::Item::Mod(m) => {
            let os = attrs_os(&m.attrs);
            if let Some((_, items)) = m.content {
                for i in items {
                    collect_item(i, out, Ctx { os, ..cx });
                }
            }
        }
        syn::Item::Macro(m) => {
            let name = m.mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            // A `cfg_if!` with any OS condition: every branch is OS-bound.
            let os = cx.os || attrs_os(&m.attrs) || (name == "cfg_if" && names_os(&m.mac.tokens.to_string()));
            collect(m.mac.tokens, out, Ctx { dep: dep || name.contains("deprecated"), os });
        }
        _ => {}
    }
}

/// libc's Apple items for the ABI `abi` (`aarch64`, `x86_64`: libc's `b64`
/// and its arch folder; `arm64_32`: `b32`), the ABI's own files first.
pub fn read(root: &Path, abi: &str) -> Result<LibcItems, String> {
    let src = crate::generation::libc_src::libc_src(root)?;
    let apple = src.join("unix").join("bsd").join("apple");
    let mut files = match abi {
        "arm64_32" => vec![apple.join("b32").join("mod.rs"), apple.join("mod.rs")],
        _ => vec![apple.join("b64").join(abi).join("mod.rs"), apple.join("b64").join("mod.rs"), apple.join("mod.rs")],
    };
    files.push(src.join("unix").join("bsd").join("mod.rs"));
    files.push(src.join("unix").join("mod.rs"));
    rs_files(&src.join("new").join("apple"), &mut files);
    let mut out = LibcItems::default();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else { continue };
        let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", f.display()))?;
        for item in file.items {
            collect_item(item, &mut out, Ctx::default());
        }
    }
    Ok(out)
}

/// The Rust type a C type name stands for on Darwin (64-bit).
fn primitive(name: &str) -> Option<&'static str> {
    Some(match name {
        "c_char" | "c_schar" | "i8" => "i8",
        "c_uchar" | "u8" => "u8",
        "c_short" | "i16" => "i16",
        "c_ushort" | "u16" => "u16",
        "c_int" | "i32" => "i32",
        "c_uint" | "u32" => "u32",
        "c_long" | "c_longlong" | "i64" => "i64",
        "c_ulong" | "c_ulonglong" | "u64" => "u64",
        "size_t" | "usize" | "uintptr_t" => "usize",
        "ssize_t" | "isize" | "intptr_t" => "isize",
        "c_void" => "c_void",
        "c_float" | "f32" => "f32",
        "c_double" | "f64" => "f64",
        _ => return None,
    })
}

/// Type aliases of both sides, resolved to the same spelling. `first` is
/// the side whose names are looked up first (ours, or libc's: `qos_class_t`
/// is a C typedef here and a Rust enum in libc).
pub struct Resolver<'a> {
    pub first: &'a BTreeMap<String, Type>,
    pub then: &'a BTreeMap<String, Type>,
}

impl Resolver<'_> {
    pub fn norm(&self, ty: &Type) -> String {
        self.norm_depth(ty, 0)
    }

    fn norm_depth(&self, ty: &Type, depth: usize) -> String {
        match ty {
            Type::Path(p) if p.qself.is_none() => {
                let last = p.path.segments.last().unwrap();
                let name = last.ident.to_string();
                if !matches!(last.arguments, syn::PathArguments::None) {
                    return quote::quote!(#ty).to_string().replace(' ', "");
                }
                if let Some(prim) = primitive(&name) {
                    return prim.to_string();
                }
                if depth < 32
                    && let Some(t) = self.first.get(&name).or_else(|| self.then.get(&name))
                {
                    return self.norm_depth(t, depth + 1);
                }
                name
            }
            Type::Ptr(p) => format!("*{}{}", if p.mutability.is_some() { "mut " } else { "const " }, self.norm_depth(&p.elem, depth)),
            Type::Array(a) => {
                let len = &a.len;
                format!("[{};{}]", self.norm_depth(&a.elem, depth), quote::quote!(#len).to_string().replace(' ', ""))
            }
            Type::Paren(p) => self.norm_depth(&p.elem, depth),
            other => quote::quote!(#other).to_string().replace(' ', ""),
        }
    }

    pub fn sig(&self, s: &syn::Signature) -> String {
        let args: Vec<String> = s
            .inputs
            .iter()
            .map(|a| match a {
                syn::FnArg::Typed(p) => self.norm(&p.ty),
                syn::FnArg::Receiver(_) => "self".into(),
            })
            .collect();
        let ret = match &s.output {
            syn::ReturnType::Default => "()".into(),
            syn::ReturnType::Type(_, t) => self.norm(t),
        };
        format!("({}{}) -> {ret}", args.join(", "), if s.variadic.is_some() { ", ..." } else { "" })
    }
}

/// Bits of a Rust integer type, and whether it is signed.
fn width(norm: &str) -> Option<(u32, bool)> {
    Some(match norm {
        "i8" => (8, true),
        "u8" => (8, false),
        "i16" => (16, true),
        "u16" => (16, false),
        "i32" => (32, true),
        "u32" => (32, false),
        "i64" | "isize" => (64, true),
        "u64" | "usize" => (64, false),
        _ => return None,
    })
}

/// `v` as a value of a type of `bits` bits (C's and Rust's `as`).
fn fit(v: i128, (bits, signed): (u32, bool)) -> i128 {
    let m = (1i128 << bits) - 1;
    let u = v & m;
    if signed && u >> (bits - 1) == 1 { u - (1i128 << bits) } else { u }
}

/// Evaluates a constant expression (literals, arithmetic, casts, other
/// constants through `lookup`, libc's `u32_cast_int`). `None` when it cannot.
pub fn eval(e: &Expr, res: &Resolver, lookup: &dyn Fn(&str) -> Option<(Type, Expr)>, depth: usize) -> Option<i128> {
    if depth > 32 {
        return None;
    }
    let ev = |e: &Expr| eval(e, res, lookup, depth + 1);
    match e {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Int(i) => {
                let v: u128 = i.base10_parse().ok()?;
                let v = v as i128;
                Some(match primitive(i.suffix()).and_then(width) {
                    Some(w) => fit(v, w),
                    None => v,
                })
            }
            syn::Lit::Bool(b) => Some(b.value as i128),
            _ => None,
        },
        Expr::Paren(p) => ev(&p.expr),
        Expr::Group(g) => ev(&g.expr),
        Expr::Unary(u) => {
            let v = ev(&u.expr)?;
            match u.op {
                syn::UnOp::Neg(_) => Some(-v),
                // `!x` on an unsuffixed literal: only meaningful once cast; as
                // a 64-bit pattern, which every cast below narrows.
                syn::UnOp::Not(_) => Some(!v),
                _ => None,
            }
        }
        Expr::Binary(b) => {
            let (l, r) = (ev(&b.left)?, ev(&b.right)?);
            use syn::BinOp::*;
            Some(match b.op {
                BitOr(_) => l | r,
                BitAnd(_) => l & r,
                BitXor(_) => l ^ r,
                Shl(_) => l.checked_shl(u32::try_from(r).ok()?)?,
                Shr(_) => l >> u32::try_from(r).ok()?,
                Add(_) => l + r,
                Sub(_) => l - r,
                Mul(_) => l * r,
                Div(_) if r != 0 => l / r,
                _ => return None,
            })
        }
        Expr::Cast(c) => Some(fit(ev(&c.expr)?, width(&res.norm(&c.ty))?)),
        Expr::Call(c) => {
            let Expr::Path(f) = &*c.func else { return None };
            let name = f.path.segments.last()?.ident.to_string();
            if name == "u32_cast_int" && c.args.len() == 1 {
                return Some(fit(ev(&c.args[0])?, (32, true)));
            }
            None
        }
        Expr::Path(p) => {
            let name = p.path.segments.last()?.ident.to_string();
            let (ty, e) = lookup(&name)?;
            Some(fit(eval(&e, res, lookup, depth + 1)?, width(&res.norm(&ty))?))
        }
        _ => None,
    }
}

/// Our side: the retyped bindings' constants, functions and aliases.
pub struct Ours {
    /// Structs, unions and aliases bound here (not libc's re-exported ones).
    pub types: Vec<String>,
    pub consts: BTreeMap<String, (Type, Expr)>,
    pub fns: BTreeMap<String, syn::Signature>,
    pub aliases: BTreeMap<String, Type>,
    pub statics: BTreeMap<String, (Type, bool)>,
}

pub fn ours(text: &str) -> Result<Ours, String> {
    let file = syn::parse_file(text).map_err(|e| format!("cannot parse bindings: {e}"))?;
    let mut o = Ours { types: Vec::new(), consts: BTreeMap::new(), fns: BTreeMap::new(), aliases: BTreeMap::new(), statics: BTreeMap::new() };
    for item in file.items {
        match item {
            syn::Item::Const(c) => {
                o.consts.insert(c.ident.to_string(), (*c.ty, *c.expr));
            }
            syn::Item::Type(t) => {
                o.types.push(t.ident.to_string());
                o.aliases.insert(t.ident.to_string(), *t.ty);
            }
            syn::Item::Struct(s) => o.types.push(s.ident.to_string()),
            syn::Item::Union(u) => o.types.push(u.ident.to_string()),
            syn::Item::ForeignMod(m) => {
                for fi in m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) if !attrs_say(&f.attrs, "link_name") => {
                            o.fns.insert(f.sig.ident.to_string(), f.sig);
                        }
                        syn::ForeignItem::Static(s) if !attrs_say(&s.attrs, "link_name") => {
                            let m = matches!(s.mutability, syn::StaticMutability::Mut(_));
                            o.statics.insert(s.ident.to_string(), (*s.ty, m));
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(o)
}

/// What one architecture's bindings share with libc.
pub struct Compared {
    /// Defined identically: re-exported from libc.
    pub same: Vec<String>,
    /// Defined by both, differently: (name, why).
    pub diff: Vec<(String, String)>,
    /// libc's constants of its enum types (codegen/config/libc.rs LIBC_ENUM_CONSTS).
    pub enum_consts: Vec<String>,
    /// Of `same` and `enum_consts`, those libc defines under an OS `cfg`:
    /// re-exported on macOS only, declared by the bindings elsewhere.
    pub macos_only: Vec<String>,
}

pub fn compare(text: &str, libc: &LibcItems) -> Result<Compared, String> {
    let o = ours(text)?;
    let res = Resolver { first: &o.aliases, then: &libc.aliases };
    // libc's names resolve within libc only.
    let none = BTreeMap::new();
    let lres = Resolver { first: &libc.aliases, then: &none };
    let lib_lookup = |n: &str| libc.consts.get(n).map(|(t, e, _)| (t.clone(), e.clone()));
    let our_lookup = |n: &str| o.consts.get(n).cloned().or_else(|| lib_lookup(n));
    let (mut same, mut diff) = (Vec::new(), Vec::new());
    for (name, (ty, e)) in &o.consts {
        let Some((lty, le, deprecated)) = libc.consts.get(name) else { continue };
        let (a, b) = (res.norm(ty), lres.norm(lty));
        let why = if *deprecated {
            Some("deprecated in libc".to_string())
        } else if a != b {
            Some(format!(
                "type: ours `{}` ({a}), libc's `{}` ({b})",
                quote::quote!(#ty).to_string().replace(' ', ""),
                quote::quote!(#lty).to_string().replace(' ', "")
            ))
        } else {
            let w = width(&a);
            let ours_v = eval(e, &res, &our_lookup, 0).zip(w).map(|(v, w)| fit(v, w));
            let libc_v = eval(le, &lres, &lib_lookup, 0).zip(w).map(|(v, w)| fit(v, w));
            match (ours_v, libc_v) {
                (Some(x), Some(y)) if x == y => None,
                (Some(x), Some(y)) => Some(format!("value: ours {x}, libc's {y}")),
                // libc computes it (`size_of::<T>() / size_of::<natural_t>()`
                // for the `*_COUNT`s): re-exported, and `cargo xtask verify`
                // compares libc's value, as `darwin_sys::NAME`, with C's.
                (Some(_), None) => None,
                _ => Some("value: ours is not an integer constant".into()),
            }
        };
        match why {
            None => same.push(name.clone()),
            Some(w) => diff.push((name.clone(), w)),
        }
    }
    for (name, sig) in &o.fns {
        let Some((lsig, odd)) = libc.fns.get(name) else { continue };
        let (a, b) = (res.sig(sig), lres.sig(lsig));
        if *odd {
            diff.push((name.clone(), "deprecated in libc, or linked under another symbol".into()));
        } else if a != b {
            diff.push((name.clone(), format!("signature: ours {a}, libc's {b}")));
        } else {
            same.push(name.clone());
        }
    }
    for (name, (ty, m)) in &o.statics {
        let Some((lty, lm, odd)) = libc.statics.get(name) else { continue };
        let (a, b) = (res.norm(ty), lres.norm(lty));
        if *odd {
            diff.push((name.clone(), "deprecated in libc, or linked under another symbol".into()));
        } else if a != b || m != lm {
            diff.push((name.clone(), format!("static: ours {a}, libc's {b}")));
        } else {
            same.push(name.clone());
        }
    }
    // Types both define: libc's are re-exported (codegen/config LIBC_TYPES)
    // unless deprecated there or laid out differently.
    for name in &o.types {
        let Some(deprecated) = libc.types.get(name) else { continue };
        let why = if *deprecated {
            "type deprecated in libc"
        } else if crate::config::LIBC_TYPES_WRONG.contains(&name.as_str()) {
            "type: libc's layout differs from the SDK (LIBC_TYPES_WRONG)"
        } else if o.aliases.get(name).is_some_and(|t| primitive(&res.norm(t)).is_some()) && !libc.aliases.contains_key(name) {
            "type: a C integer typedef here, a Rust enum in libc (any value C returns is valid here)"
        } else {
            "type defined by both; ours kept (LIBC_TYPES re-exports only types libc has on every target)"
        };
        diff.push((name.clone(), why.into()));
    }
    same.sort();
    diff.sort();
    let mut enum_consts: Vec<String> = libc
        .consts
        .iter()
        .filter(|(n, (ty, _, dep))| {
            !dep && !o.consts.contains_key(*n)
                && crate::config::LIBC_ENUM_CONSTS.iter().any(|(p, t, _)| crate::config::glob(p, n) && lres.norm(ty) == lres.norm(&syn::parse_str(t).unwrap()))
        })
        .map(|(n, _)| n.clone())
        .collect();
    enum_consts.sort();
    let macos_only = same.iter().chain(&enum_consts).filter(|n| libc.os_restricted.contains(*n)).cloned().collect();
    Ok(Compared { same, diff, enum_consts, macos_only })
}

/// The text of `codegen/same_as_libc.rs`: one list per architecture.
pub fn render(libc_version: &str, per_arch: &[(&str, Compared)]) -> String {
    let mut s = String::from(
        "// @generated by `cargo xtask generate`: DO NOT EDIT.\n//\n\
         // Items the libc crate defines identically to the bindings (same type and\n\
         // value, or same signature; not deprecated), per architecture: the bindings\n\
         // re-export libc's (codegen/config/libc.rs SAME_AS_LIBC). Read from libc ",
    );
    s.push_str(libc_version);
    s.push_str(".\n//\n// Items both define differently, kept as the SDK declares them (a glob\n// import of both crates makes these names ambiguous; name the crate):\n");
    for (arch, c) in per_arch {
        for (n, why) in &c.diff {
            s.push_str(&format!("//   {arch}: {n}: {why}\n"));
        }
    }
    s.push_str("&[\n");
    for (arch, c) in per_arch {
        s.push_str(&format!("    AbiSameAsLibc {{\n        abi: \"{arch}\",\n        items: &[\n"));
        for n in &c.same {
            s.push_str(&format!("            \"{n}\",\n"));
        }
        s.push_str("        ],\n        enums: &[\n");
        for n in &c.enum_consts {
            s.push_str(&format!("            \"{n}\",\n"));
        }
        s.push_str("        ],\n        macos_only: &[\n");
        for n in &c.macos_only {
            s.push_str(&format!("            \"{n}\",\n"));
        }
        s.push_str("        ],\n    },\n");
    }
    s.push_str("]\n");
    s
}

/// The libc version this workspace resolves (for the header).
pub fn version(root: &Path) -> String {
    crate::generation::libc_src::libc_src(root)
        .ok()
        .and_then(|p| p.parent().and_then(|d| d.file_name()).map(|n| n.to_string_lossy().to_string()))
        .unwrap_or_else(|| "libc".into())
}

#[cfg(test)]
mod os_tests {
    use super::*;

    #[test]
    fn items_under_an_os_cfg_are_marked() {
        let src = r#"
            pub const EVERYWHERE: i32 = 1;
            #[cfg(target_os = "macos")]
            pub const MAC: i32 = 2;
            cfg_if! {
                if #[cfg(target_os = "macos")] {
                    pub const BRANCH: i32 = 3;
                } else {
                    pub const BRANCH: i32 = 4;
                }
            }
            cfg_if! {
                if #[cfg(target_pointer_width = "64")] { pub const WIDE: i32 = 5; }
            }
            extern "C" {
                #[cfg(not(any(target_os = "tvos", target_os = "watchos")))]
                pub fn fork() -> i32;
                pub fn getpid() -> i32;
            }
        "#;
        let mut out = LibcItems::default();
        for item in syn::parse_file(src).unwrap().items {
            collect_item(item, &mut out, Ctx::default());
        }
        let marked: Vec<&str> = out.os_restricted.iter().map(String::as_str).collect();
        assert_eq!(marked, ["BRANCH", "MAC", "fork"]);
        assert!(out.consts.contains_key("EVERYWHERE") && out.consts.contains_key("WIDE") && out.fns.contains_key("getpid"));
    }
}
