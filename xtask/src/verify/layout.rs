//! Layout: sizes, alignments, field offsets and sizes, bitfields, and the
//! opaque types C must not know a layout of.

use super::probe::{error_lines, syntax_check};
use super::{CValue, Ctx, Entries, Kind, Report, c_field, is_helper_field, is_incomplete_array, is_opaque, is_union_field, type_name};
use crate::generation::items::{Bitfield, Items, Record};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use syn::Type;

/// The libc crate's types, re-exported in place of bindgen's: their size,
/// alignment and public fields' offsets and sizes must be the SDK's too.
pub fn libc_entries(out: &mut Entries, spell: &HashMap<String, String>, libc: &crate::generation::libc_src::LibcRecords) {
    let d = "darwin_sys";
    for n in crate::config::LIBC_TYPES {
        let Some(c) = spell.get(*n) else { continue };
        let rn = format!("{d}::{n}");
        out.push(Kind::Layout, format!("size({n}) [libc]"), CValue::Expr(format!("sizeof({c})")), format!("core::mem::size_of::<{rn}>()"));
        out.push(Kind::Layout, format!("align({n}) [libc]"), CValue::Expr(format!("_Alignof({c})")), format!("core::mem::align_of::<{rn}>()"));
        for f in libc.get(*n).into_iter().flatten() {
            let cf = c_field(f);
            out.push(
                Kind::Layout,
                format!("offset({n}.{cf}) [libc]"),
                CValue::Expr(format!("__builtin_offsetof({c}, {cf})")),
                format!("core::mem::offset_of!({rn}, {f})"),
            );
            out.push(
                Kind::Layout,
                format!("fieldsize({n}.{cf}) [libc]"),
                CValue::Expr(format!("sizeof((({c} *)0)->{cf})")),
                format!("field_size(|p: *const {rn}| unsafe {{ &raw const (*p).{f} }})"),
            );
        }
    }
    // Types libc defines differently from the SDK, bound from the header
    // instead: while libc's still differs, fine; once it agrees, the check
    // fails and says to re-export libc's again.
    for n in crate::config::LIBC_TYPES_WRONG {
        // A struct tag or a typedef (`malloc_zone_t`), as C spells it.
        let c = spell.get(*n).cloned().unwrap_or_else(|| format!("struct {n}"));
        out.push_differ(
            Kind::Layout,
            format!("size({n}) [libc's, listed in LIBC_TYPES_WRONG]"),
            CValue::Expr(format!("sizeof({c})")),
            format!("core::mem::size_of::<libc::{n}>()"),
        );
    }
}

/// Every record bindgen made: size, alignment, each field's offset and size
/// (anonymous members' fields as the parent's, where C puts them).
pub fn record_entries(out: &mut Entries, report: &mut Report, items: &Items, spell: &HashMap<String, String>) {
    let d = "darwin_sys";
    for r in checked_records(items) {
        let Some(c) = spell.get(&r.name) else {
            report.mismatches.push(format!("layout {}: no C spelling found for this type", r.name));
            continue;
        };
        let rn = format!("{d}::{}", r.name);
        if is_opaque(r) {
            // Checked by `opaque_check`: C must not know a layout either.
            continue;
        }
        out.push(Kind::Layout, format!("size({})", r.name), CValue::Expr(format!("sizeof({c})")), format!("core::mem::size_of::<{rn}>()"));
        out.push(Kind::Layout, format!("align({})", r.name), CValue::Expr(format!("_Alignof({c})")), format!("core::mem::align_of::<{rn}>()"));
        let fields = record_fields(items, r);
        for (rpath, cpath, ty) in fields {
            let label = format!("{}.{}", r.name, cpath);
            out.push(
                Kind::Layout,
                format!("offset({label})"),
                CValue::Expr(format!("__builtin_offsetof({c}, {cpath})")),
                format!("core::mem::offset_of!({rn}, {rpath})"),
            );
            if !is_incomplete_array(ty) {
                let access = rpath.split('.').map(|p| format!(".{p}")).collect::<String>();
                let helper = if is_union_field(ty) { "union_field_size" } else { "field_size" };
                out.push(
                    Kind::Layout,
                    format!("fieldsize({label})"),
                    CValue::Expr(format!("sizeof((({c} *)0)->{cpath})")),
                    format!("{helper}(|p: *const {rn}| unsafe {{ &raw const (*p){access} }})"),
                );
            }
        }
    }
}

/// The records C names: not bindgen's helpers, not anonymous members
/// (`__bindgen_anon_N`), whose fields are checked as fields of the parent,
/// where C puts them.
pub fn checked_records(items: &Items) -> Vec<&Record> {
    let mut anon_members: BTreeSet<String> = BTreeSet::new();
    for r in items.records.values() {
        for f in &r.fields {
            if f.name.starts_with("__bindgen_anon")
                && let Some(tn) = type_name(&f.ty)
            {
                anon_members.insert(tn);
            }
        }
    }
    items.records.values().filter(|r| !(r.name.starts_with("__Bindgen") || r.name == "__IncompleteArrayField" || anon_members.contains(&r.name))).collect()
}

/// A record's fields as C names them: (Rust path, C path, type); the
/// fields of anonymous members as the parent's, bindgen's helpers left out.
pub fn record_fields<'a>(items: &'a Items, r: &'a Record) -> Vec<(String, String, &'a Type)> {
    let mut fields: Vec<(String, String, &Type)> = Vec::new();
    for f in &r.fields {
        if f.name.starts_with("__bindgen_anon") {
            if let Some(inner) = type_name(&f.ty).and_then(|t| items.records.get(&t)) {
                for g in &inner.fields {
                    if !is_helper_field(&g.name) {
                        fields.push((format!("{}.{}", f.name, g.name), c_field(&g.name).to_string(), &g.ty));
                    }
                }
            }
        } else if !is_helper_field(&f.name) {
            fields.push((f.name.clone(), c_field(&f.name).to_string(), &f.ty));
        }
    }
    fields
}

/// Bitfields: bit offset and width, from C-laid-out objects.
pub fn bitfield_entries(out: &mut Entries, bits: &[(String, String, Bitfield)]) {
    let d = "darwin_sys";
    for (i, (owner, _, bf)) in bits.iter().enumerate() {
        let label = format!("{owner}.{}", c_field(&bf.name));
        let rn = format!("{d}::{owner}");
        out.push(Kind::Layout, format!("bitoffset({label})"), CValue::BitOffset(i), format!("core::mem::offset_of!({rn}, {}) * 8 + {}", bf.unit, bf.offset));
        out.push(Kind::Layout, format!("bitwidth({label})"), CValue::BitWidth(i), format!("{}", bf.width));
    }
}

/// Every bitfield of a named record: (record, C spelling, bitfield).
pub fn bitfields(items: &Items, spell: &HashMap<String, String>) -> Vec<(String, String, Bitfield)> {
    let mut out = Vec::new();
    for (owner, bfs) in &items.bitfields {
        if let Some(c) = spell.get(owner) {
            out.extend(bfs.iter().map(|bf| (owner.clone(), c.clone(), bf.clone())));
        }
    }
    out
}

/// Types bindgen made opaque (`_unused: [u8; 0]`) must be incomplete in C
/// too: `sizeof` of each must be rejected. Returns the count checked.
pub fn opaque_check(ctx: &Ctx, items: &Items, spell: &HashMap<String, String>, report: &mut Report) -> Result<usize, String> {
    let opaque: Vec<&Record> = items.records.values().filter(|r| is_opaque(r)).collect();
    let mut src = String::from("#include \"wrapper.h\"\n");
    let first = src.lines().count() + 1;
    for (i, r) in opaque.iter().enumerate() {
        let c = spell.get(&r.name).cloned().unwrap_or_else(|| format!("struct {}", r.name));
        writeln!(src, "enum {{ darwin_sys_opaque_{i} = sizeof({c}) }};").unwrap();
    }
    let file = ctx.work.join("opaque.c");
    std::fs::write(&file, &src).map_err(|e| e.to_string())?;
    let out = syntax_check(ctx, &file)?;
    let rejected: BTreeSet<usize> =
        error_lines(&String::from_utf8_lossy(&out.stderr), "opaque.c").into_iter().filter(|e| e.0 >= first).map(|e| e.0 - first).collect();
    for (i, r) in opaque.iter().enumerate() {
        if !rejected.contains(&i) {
            report.mismatches.push(format!("layout {}: opaque in Rust, but C knows its layout", r.name));
        }
    }
    Ok(opaque.len())
}
