//! Availability per OS, checked against the C compiler itself (zig's clang
//! 22, which knows every Apple triple, `xros` and `arm64_32` included).
//!
//! For each OS, the committed file's `cfg`s are evaluated for that OS (here,
//! by reading them, not by asking the generator) and:
//! - every function and static bound there is referenced in a C file
//!   compiled for the OS's triple: no diagnostic may say it is unavailable
//!   (or undeclared);
//! - every one gated away is referenced too: each must draw an "is
//!   unavailable" error, or be undeclared because its header is one only the
//!   macOS SDK ships, or be gated for a type `libc` has on macOS only, or (Mac
//!   Catalyst) be missing from libSystem.tbd's `maccatalyst` exports.

use crate::config::{ABIS, LIBC_TYPES_MACOS, Os, Sdk, TARGETS, Target};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Does cfg predicate `m` hold on `os` (with every feature on)?
fn holds(m: &syn::Meta, os: Os) -> Result<bool, String> {
    let (target_os, abi) = match os {
        Os::MacOs => ("macos", ""),
        Os::Ios => ("ios", ""),
        Os::MacCatalyst => ("ios", "macabi"),
        Os::TvOs => ("tvos", ""),
        Os::WatchOs => ("watchos", ""),
        Os::VisionOs => ("visionos", ""),
    };
    match m {
        syn::Meta::NameValue(nv) => {
            let value = match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => s.value(),
                _ => return Err("cfg value is not a string".into()),
            };
            let key = nv.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
            Ok(match key.as_str() {
                "target_os" => value == target_os,
                "target_abi" => value == abi,
                "feature" => true,
                other => return Err(format!("cfg key `{other}`")),
            })
        }
        syn::Meta::List(l) => {
            let args = l.parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated).map_err(|e| e.to_string())?;
            let vals = args.iter().map(|a| holds(a, os)).collect::<Result<Vec<_>, _>>()?;
            match l.path.get_ident().map(|i| i.to_string()).as_deref() {
                Some("any") => Ok(vals.iter().any(|v| *v)),
                Some("all") => Ok(vals.iter().all(|v| *v)),
                Some("not") if vals.len() == 1 => Ok(!vals[0]),
                _ => Err(format!("cfg `{}`", quote::ToTokens::to_token_stream(l))),
            }
        }
        syn::Meta::Path(_) => Err("bare cfg".into()),
    }
}

/// Do all the `#[cfg]`s of `attrs` hold on `os`?
pub(crate) fn present(attrs: &[syn::Attribute], os: Os) -> Result<bool, String> {
    let mut here = true;
    for a in attrs.iter().filter(|a| a.path().is_ident("cfg")) {
        let meta: syn::Meta = a.parse_args().map_err(|e| e.to_string())?;
        here &= holds(&meta, os)?;
    }
    Ok(here)
}

/// Every top-level item of a committed bindings file (types, constants,
/// functions, statics) whose `cfg`s exclude `os`, by name.
pub(super) fn gated_away(text: &str, os: Os) -> Result<BTreeSet<String>, String> {
    let file = syn::parse_file(text).map_err(|e| e.to_string())?;
    let mut away = BTreeSet::new();
    let mut note = |name: String, attrs: &[syn::Attribute]| -> Result<(), String> {
        if !present(attrs, os)? {
            away.insert(name);
        }
        Ok(())
    };
    for item in &file.items {
        match item {
            syn::Item::Struct(x) => note(x.ident.to_string(), &x.attrs)?,
            syn::Item::Union(x) => note(x.ident.to_string(), &x.attrs)?,
            syn::Item::Type(x) => note(x.ident.to_string(), &x.attrs)?,
            syn::Item::Const(x) => note(x.ident.to_string(), &x.attrs)?,
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => note(f.sig.ident.to_string(), &f.attrs)?,
                        syn::ForeignItem::Static(s) => note(s.ident.to_string(), &s.attrs)?,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // Declared for the other OSes, re-exported from libc here: not away.
    let (on, _) = split(text, os)?;
    for n in on {
        away.remove(&n);
    }
    Ok(away)
}

/// (bound on `os`, gated away from `os`): the functions and statics of a
/// committed bindings file, whether declared there or re-exported from libc
/// (`pub use libc::NAME;`, declared in the compiled-out `mod same_as_libc`).
/// A name is bound where any of its declarations or re-exports is present.
pub(super) fn split(text: &str, os: Os) -> Result<(Vec<String>, Vec<String>), String> {
    let file = syn::parse_file(text).map_err(|e| e.to_string())?;
    let mut linked = std::collections::BTreeMap::<String, bool>::new();
    let mut hidden = BTreeSet::new();
    for item in &file.items {
        match item {
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    let (name, attrs) = match fi {
                        syn::ForeignItem::Fn(f) => (f.sig.ident.to_string(), &f.attrs),
                        syn::ForeignItem::Static(s) => (s.ident.to_string(), &s.attrs),
                        _ => continue,
                    };
                    let here = present(attrs, os)?;
                    *linked.entry(name).or_default() |= here;
                }
            }
            syn::Item::Mod(m) => {
                for i in m.content.iter().flat_map(|c| &c.1) {
                    if let syn::Item::ForeignMod(fm) = i {
                        for fi in &fm.items {
                            match fi {
                                syn::ForeignItem::Fn(f) => hidden.insert(f.sig.ident.to_string()),
                                syn::ForeignItem::Static(s) => hidden.insert(s.ident.to_string()),
                                _ => false,
                            };
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for item in &file.items {
        let syn::Item::Use(u) = item else { continue };
        let syn::UseTree::Path(p) = &u.tree else { continue };
        if let (true, syn::UseTree::Name(n)) = (p.ident == "libc", &*p.tree) {
            let name = n.ident.to_string();
            if hidden.contains(&name) || linked.contains_key(&name) {
                let here = present(&u.attrs, os)?;
                *linked.entry(name).or_default() |= here;
            }
        }
    }
    let (mut on, mut off) = (Vec::new(), Vec::new());
    for (name, here) in linked {
        if here { on.push(name) } else { off.push(name) }
    }
    Ok((on, off))
}

/// clang's diagnostics for a C file referencing `names` for `triple`:
/// (unavailable, undeclared) names.
fn diagnose(root: &Path, zig: &Path, sdk: &Sdk, triple: &'static str, names: &[String], tag: &str) -> Result<(BTreeSet<String>, BTreeSet<String>), String> {
    let work = root.join("target").join("verify").join("availability");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let file = work.join(format!("{tag}.c"));
    let mut c = String::from("#include \"wrapper.h\"\n");
    for (i, n) in names.iter().enumerate() {
        c.push_str(&format!("void *darwin_sys_use_{i} = (void *)&{n};\n"));
    }
    std::fs::write(&file, c).map_err(|e| e.to_string())?;
    let target = Target { clang: triple, ..TARGETS[0] };
    let out = Command::new(crate::util::sdk::python())
        .env("PYTHONPATH", zig)
        .args(["-m", "ziglang", "clang", "-fsyntax-only", "-ferror-limit=0", "-w"])
        .args(sdk.clang_args(&target, root))
        .arg(format!("-I{}", root.display()))
        .arg(&file)
        .current_dir(&work)
        .output()
        .map_err(|e| format!("cannot run zig clang: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let quoted = |line: &str| line.split('\'').nth(1).map(str::to_string);
    let mut unavailable = BTreeSet::new();
    let mut undeclared = BTreeSet::new();
    for line in stderr.lines().filter(|l| l.contains(": error: ")) {
        if line.contains("is unavailable") {
            unavailable.extend(quoted(line));
        } else if line.contains("undeclared identifier") {
            undeclared.extend(quoted(line));
        } else {
            return Err(format!("{triple}: unexpected error: {line}"));
        }
    }
    Ok((unavailable, undeclared))
}

/// Runs the check for every OS (arm64 file) and for arm64_32 watchOS.
pub fn check(root: &Path, zig: &Path) -> Result<String, String> {
    let sdk = crate::util::sdk::pinned_sdk(zig);
    let mut bad = Vec::new();
    let mut notes = Vec::new();
    let mut cases: Vec<(&Target, Os, &'static str)> = Os::ALL.iter().map(|&os| (ABIS[0], os, crate::generation::availability::triple(os))).collect();
    cases.push((ABIS[2], Os::WatchOs, "arm64_32-apple-watchos5.0"));
    for (abi, os, triple) in cases {
        let text = std::fs::read_to_string(crate::generation::generate::path(root, abi, crate::config::Part::Main)).map_err(|e| e.to_string())?;
        let (on, off) = split(&text, os)?;
        let tag = triple.replace(['.', '-'], "_");
        let (un, undecl) = diagnose(root, zig, &sdk, triple, &on, &format!("{tag}_on"))?;
        for n in un.iter().chain(&undecl) {
            bad.push(format!("{triple}: `{n}` is bound there, yet clang says it is unavailable or undeclared"));
        }
        let (un_off, undecl_off) = diagnose(root, zig, &sdk, triple, &off, &format!("{tag}_off"))?;
        // Gated only for a libc type that libc has on macOS only.
        let libc_gated: BTreeSet<&String> = off.iter().filter(|n| !un_off.contains(*n) && !undecl_off.contains(*n) && text_uses_libc_macos(&text, n)).collect();
        // Mac Catalyst: declared, but libSystem.tbd does not export it there.
        let not_exported: BTreeSet<&String> = if os == Os::MacCatalyst {
            let tbd = std::fs::read_to_string(sdk.libsystem_tbd()).map_err(|e| format!("libSystem.tbd: {e}"))?;
            let exports = crate::tbd::exports_for(&tbd, TARGETS[0].tbd_archs, "maccatalyst");
            off.iter().filter(|n| !un_off.contains(*n) && !exports.contains(&format!("_{n}"))).collect()
        } else {
            BTreeSet::new()
        };
        let mut silent = Vec::new();
        for n in &off {
            if !un_off.contains(n) && !undecl_off.contains(n) && !libc_gated.contains(n) && !not_exported.contains(n) {
                silent.push(n.as_str());
            }
        }
        if !silent.is_empty() {
            bad.push(format!("{triple}: gated away, yet clang accepts: {}", silent.join(", ")));
        }
        notes.push(format!(
            "{} {}: {} bound compile, {} gated away ({} unavailable, {} header left out, {} libc type, {} not exported)",
            abi.abi,
            os.name(),
            on.len(),
            off.len(),
            un_off.len(),
            undecl_off.len(),
            libc_gated.len(),
            not_exported.len()
        ));
    }
    for n in &notes {
        println!("  {n}");
    }
    if bad.is_empty() { Ok(format!("{} OS triples", notes.len())) } else { Err(bad.join("\n")) }
}

/// Does the declaration of `name` in `text` name a `LIBC_TYPES_MACOS` type?
fn text_uses_libc_macos(text: &str, name: &str) -> bool {
    let decl = [format!("pub fn {name}("), format!("pub static mut {name}:"), format!("pub static {name}:")];
    let Some(i) = decl.iter().find_map(|d| text.find(d.as_str())) else {
        return false;
    };
    let decl = &text[i..text[i..].find(';').map_or(text.len(), |j| i + j)];
    LIBC_TYPES_MACOS.iter().any(|t| decl.contains(t))
}
