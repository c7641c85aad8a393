//! Types: the C spelling of every Rust type, and every function's
//! signature compared with C's by `__builtin_types_compatible_p`.

use super::probe::{error_lines, syntax_check};
use super::{c_field, type_name, CValue, Ctx, Entries, Items, Kind, Report};
use crate::cdecl::Renderer;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use syn::Type;

/// The C spelling of every record and alias: `foo_t` when C has that typedef,
/// else `struct foo`/`union foo`/`enum foo`; anonymous nested types through
/// their parent (`__typeof__(((struct p *)0)->field)`).
pub fn spellings(ctx: &Ctx, items: &Items, hand: &Items) -> Result<HashMap<String, String>, String> {
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
    let out = syntax_check(ctx, &file)?;
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

/// Signatures: every function, generated and hand-written.
pub fn signature_entries(out: &mut Entries, report: &mut Report, items: &Items, hand: &Items, spell: &HashMap<String, String>) {
    let renderer = Renderer { spelling: spell, aliases: &items.aliases };
    for f in items.funcs.iter().chain(hand.funcs.iter()) {
        let args: Result<Vec<String>, String> = f.inputs.iter().map(|t| renderer.render(t, "")).collect();
        let rendered = args.and_then(|a| renderer.signature(&a, f.output.as_ref(), f.variadic, "(*)"));
        match rendered {
            Ok(sig) => out.push(
                Kind::Signature,
                format!("fn {}", f.name),
                CValue::Expr(format!("__builtin_types_compatible_p(__typeof__(&{}), {sig})", f.name)),
                "1".into(),
            ),
            Err(e) => report.mismatches.push(format!("signature fn {}: {e}", f.name)),
        }
    }
}
