//! Constants: every integer constant, generated and hand-written
//! (`src/private.rs`), has C's value.

use super::{CValue, Entries, Items, Kind};

/// Constants: generated and hand-written (private.rs).
pub fn entries(out: &mut Entries, items: &Items, hand: &Items) {
    let d = "darwin_sys";
    for src in [items, hand] {
        for (name, ty) in &src.consts {
            // A 32-bit API type whose value C writes past its range
            // (`MACH_EXCEPTION_CODES` 0x80000000 as `exception_behavior_t`):
            // C converts the bit pattern into the type; compare that.
            let c = match int32_c_type(ty) {
                Some(t) => format!("(({t})({name}))"),
                None => format!("({name})"),
            };
            out.push(Kind::Constant, name.clone(), CValue::Expr(c), format!("{d}::{name} as u64"));
        }
    }
}

/// The C spelling of a constant's Rust type when it is one of the 32-bit
/// integer types of config.rs (`INT32_TYPES`, `UINT32_TYPES`).
fn int32_c_type(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?.ident.to_string();
    let c = match last.as_str() {
        "c_int" | "i32" => "int",
        "c_uint" | "u32" => "unsigned int",
        t if crate::config::INT32_TYPES.contains(&t) || crate::config::UINT32_TYPES.contains(&t) => t,
        _ => return None,
    };
    Some(c.to_string())
}
