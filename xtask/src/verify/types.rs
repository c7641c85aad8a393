//! Types: the C spelling of every Rust type, and every function's
//! signature compared with C's by `__builtin_types_compatible_p`.

use super::probe::{error_lines, syntax_check};
use super::{CValue, Ctx, Entries, Items, Kind, Report, c_field, type_name};
use crate::util::cdecl::Renderer;
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
    let mut src = String::from("#include \"wrapper.h\"\n#include \"codegen/compat/private.h\"\n");
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
            format!("{} {}", if r.is_union { "union" } else { "struct" }, c_field(n))
        } else if libc.contains(n) {
            format!("struct {n}")
        } else {
            format!("enum {}", c_field(n))
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

/// Aliases C declares as block pointers, which bindgen binds as
/// `*mut c_void` (learned from libdispatch's `dispatch/object.h`, `data.h`,
/// `io.h`): their C type, compared with C's typedef by the C compiler
/// (`-fblocks` is on for Darwin targets), and used wherever a field or
/// parameter names them.
pub const BLOCK_TYPES: &[(&str, &str)] = &[
    ("dispatch_block_t", "void (^)(void)"),
    ("dispatch_data_applier_t", "_Bool (^)(dispatch_data_t, size_t, const void *, size_t)"),
    ("dispatch_io_handler_t", "void (^)(_Bool, dispatch_data_t, int)"),
];

/// Block literal parameters (no typedef), bound as `*mut c_void`:
/// (function, parameter index, C block type), from `dispatch/queue.h` and
/// `dispatch/io.h`, `malloc/malloc.h`.
pub const BLOCK_PARAMS: &[(&str, usize, &str)] = &[
    ("dispatch_apply", 2, "void (^)(size_t)"),
    ("dispatch_read", 3, "void (^)(dispatch_data_t, int)"),
    ("dispatch_write", 3, "void (^)(dispatch_data_t, int)"),
    ("dispatch_io_create", 3, "void (^)(int)"),
    ("dispatch_io_create_with_path", 5, "void (^)(int)"),
    ("dispatch_io_create_with_io", 3, "void (^)(int)"),
    ("malloc_zone_enumerate_discharged_pointers", 1, "void (^)(void *, void *)"),
];

/// Function-pointer fields with a block literal parameter, bound with
/// `*mut c_void` for the block: (record, field, the field's C type, the same
/// with `void *` for the block). C's field must be the first, and the Rust
/// field, rendered, the second; from `malloc/malloc.h`.
pub const BLOCK_FIELDS: &[(&str, &str, &str, &str)] =
    &[("malloc_introspection_t", "enumerate_discharged_pointers", "void (*)(malloc_zone_t *, void (^)(void *, void *))", "void (*)(malloc_zone_t *, void *)")];

fn is_void_ptr(ty: &Type) -> bool {
    quote::quote!(#ty).to_string().replace(' ', "").ends_with("*mutcore::ffi::c_void")
}

/// The spellings of everything but the bindings' own aliases: records, the
/// libc crate's types, nested types. A type rendered with these is expanded
/// through every alias of the bindings down to primitives, records,
/// pointers, arrays, function and block types.
pub fn expanded_spelling(items: &Items, spell: &HashMap<String, String>) -> HashMap<String, String> {
    spell.iter().filter(|(k, _)| !items.aliases.contains_key(*k)).map(|(k, v)| (k.clone(), v.clone())).collect()
}

pub fn blocks() -> HashMap<String, String> {
    BLOCK_TYPES.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// Every alias of the bindings: its Rust definition, expanded, is C's
/// typedef (`mach_msg_timeout_t` is `natural_t` is `unsigned int`).
pub fn alias_entries(out: &mut Entries, report: &mut Report, items: &Items, spell: &HashMap<String, String>) {
    let expanded = expanded_spelling(items, spell);
    let blocks = blocks();
    let r = Renderer { spelling: &expanded, aliases: &items.aliases, blocks: &blocks };
    for (name, def) in &items.aliases {
        if name.contains("_bindgen_ty_") {
            continue;
        }
        let Some(c) = spell.get(name) else {
            report.mismatches.push(format!("type alias {name}: no C spelling found for this type"));
            continue;
        };
        if let Some(block) = blocks.get(name) {
            // A block: pointer-sized `*mut c_void` in Rust, the block type in C.
            if !is_void_ptr(def) {
                report
                    .mismatches
                    .push(format!("type alias {name}: a block pointer in C, `{}` in Rust (bindgen binds blocks as *mut c_void)", quote::quote!(#def)));
            }
            out.push(Kind::Type, format!("alias {name}"), CValue::Expr(format!("__builtin_types_compatible_p({c}, {block})")), "1".into());
            continue;
        }
        // A C typedef of a function type (`typedef kern_return_t f_t(...)`)
        // is a function pointer in Rust.
        let fn_ptr = matches!(def, Type::BareFn(_)) || quote::quote!(#def).to_string().contains("extern \"C\" fn");
        match r.render(def, "") {
            Ok(t) if fn_ptr => out.push(
                Kind::Type,
                format!("alias {name}"),
                CValue::Expr(format!("(__builtin_types_compatible_p({c}, {t}) || __builtin_types_compatible_p({c} *, {t}))")),
                "1".into(),
            ),
            Ok(t) => out.push(Kind::Type, format!("alias {name}"), CValue::Expr(format!("__builtin_types_compatible_p({c}, {t})")), "1".into()),
            Err(e) => report.mismatches.push(format!("type alias {name}: {e}")),
        }
    }
}

/// Every field of every record: its Rust type, expanded, is the type of
/// the C field (`__typeof__`): signedness, pointee, element type, float
/// or integer, function pointer signature.
pub fn field_entries(out: &mut Entries, report: &mut Report, items: &Items, spell: &HashMap<String, String>) {
    let expanded = expanded_spelling(items, spell);
    let blocks = blocks();
    let r = Renderer { spelling: &expanded, aliases: &items.aliases, blocks: &blocks };
    for rec in super::layout::checked_records(items) {
        let Some(c) = spell.get(&rec.name).filter(|_| !super::is_opaque(rec)) else { continue };
        for (_, cpath, ty) in super::layout::record_fields(items, rec) {
            let label = format!("{}.{}", rec.name, cpath);
            let field = format!("__typeof__((({c} *)0)->{cpath})");
            if let Some((.., block, as_void)) = BLOCK_FIELDS.iter().find(|b| b.0 == rec.name && b.1 == cpath) {
                out.push(Kind::Type, format!("field {label} (C, block)"), CValue::Expr(format!("__builtin_types_compatible_p({field}, {block})")), "1".into());
                match r.render(ty, "") {
                    Ok(t) => out.push(
                        Kind::Type,
                        format!("field {label} (Rust, the block as void *)"),
                        CValue::Expr(format!("__builtin_types_compatible_p({t}, {as_void})")),
                        "1".into(),
                    ),
                    Err(e) => report.mismatches.push(format!("type field {label}: {e}")),
                }
                continue;
            }
            match r.render(ty, "") {
                Ok(t) => out.push(Kind::Type, format!("field {label}"), CValue::Expr(format!("__builtin_types_compatible_p({field}, {t})")), "1".into()),
                Err(e) => report.mismatches.push(format!("type field {label}: {e}")),
            }
        }
    }
}

/// Every static, generated and hand-written: its Rust type, expanded, is
/// the C variable's.
pub fn static_entries(out: &mut Entries, report: &mut Report, items: &Items, hand: &Items, spell: &HashMap<String, String>) {
    let expanded = expanded_spelling(items, spell);
    let blocks = blocks();
    let r = Renderer { spelling: &expanded, aliases: &items.aliases, blocks: &blocks };
    for src in [items, hand] {
        for (name, (_, ty)) in src.static_names.iter().zip(&src.statics) {
            match r.render(ty, "") {
                Ok(t) => {
                    out.push(Kind::Type, format!("static {name}"), CValue::Expr(format!("__builtin_types_compatible_p(__typeof__({name}), {t})")), "1".into())
                }
                Err(e) => report.mismatches.push(format!("type static {name}: {e}")),
            }
        }
    }
}

/// Signatures: every function, generated and hand-written, with parameter
/// and return types expanded down to primitives, records and function
/// types. A block literal parameter (`BLOCK_PARAMS`) must be `*mut c_void`
/// in Rust and is the listed block type in C; the rest of the signature is
/// compared as usual.
pub fn signature_entries(out: &mut Entries, report: &mut Report, items: &Items, hand: &Items, spell: &HashMap<String, String>) {
    let expanded = expanded_spelling(items, spell);
    let blocks = blocks();
    let renderer = Renderer { spelling: &expanded, aliases: &items.aliases, blocks: &blocks };
    for f in items.funcs.iter().chain(hand.funcs.iter()) {
        let args: Result<Vec<String>, String> = f
            .inputs
            .iter()
            .enumerate()
            .map(|(i, t)| match BLOCK_PARAMS.iter().find(|b| b.0 == f.name && b.1 == i) {
                Some(b) if is_void_ptr(t) => Ok(b.2.to_string()),
                Some(_) => Err(format!("parameter {i} is a block in C, `{}` in Rust (bindgen binds blocks as *mut c_void)", quote::quote!(#t))),
                None => renderer.render(t, ""),
            })
            .collect();
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
