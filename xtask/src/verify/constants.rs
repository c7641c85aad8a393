//! Constants: every integer constant, generated and hand-written
//! (`src/private.rs`), has C's value, and a type C or a named rule gives it.

use super::{CValue, Ctx, Entries, Items, Kind, Report};
use crate::config::{Callbacks, glob};
use crate::util::cdecl::Renderer;
use std::collections::HashMap;

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

/// The rules that type `src/private.rs`'s constants (no bindgen, so no
/// config rule): (name pattern, C type, why).
pub const HAND_RULES: &[(&str, &str, &str)] = &[
    ("UL_*", "uint32_t", "an opcode of __ulock_wait/__ulock_wake's uint32_t `operation`"),
    ("ULF_*", "uint32_t", "a flag of __ulock_wait/__ulock_wake's uint32_t `operation`"),
    ("_POSIX_SPAWN_*", "short", "a flag for posix_spawnattr_setflags's short `flags`"),
];

/// Constant types: a constant's Rust type must be C's own type of the
/// macro's expression (`__typeof__(MACRO)`) or the type the config rule
/// that bindgen applied assigns (`config::Callbacks::macro_type`, read from
/// codegen/config, never restated here); a private constant's, `HAND_RULES`'s.
/// Enumerators (no `#define`) must have a type of the bindings (bindgen's
/// type for their enum): C gives an enumerator `int`, not its enum's type,
/// so that type is not compared further.
pub fn type_entries(ctx: &Ctx, out: &mut Entries, report: &mut Report, items: &Items, hand: &Items, spell: &HashMap<String, String>) {
    let sdk = ctx.cc.sdk();
    let rules = Callbacks::new(&sdk, ctx.root);
    let expanded = super::types::expanded_spelling(items, spell);
    let blocks = super::types::blocks();
    let r = Renderer { spelling: &expanded, aliases: &items.aliases, blocks: &blocks };
    let mut render = |name: &str, ty: &syn::Type, rule: Option<String>, report: &mut Report| {
        let t = match r.render(ty, "") {
            Ok(t) => t,
            Err(e) => return report.mismatches.push(format!("type const {name}: {e}")),
        };
        let mut c = format!("__builtin_types_compatible_p(__typeof__({name}), {t})");
        if let Some(rule) = rule {
            c = format!("({c} || __builtin_types_compatible_p({rule}, {t}))");
        }
        out.push(Kind::Type, format!("const {name}"), CValue::Expr(c), "1".into());
    };
    for (name, ty) in &items.consts {
        // Not `#define`d, or a macro bindgen was told to skip (`TRUE`, an
        // enumerator of `enum DYLD_BOOL` too): an enumerator.
        if !rules.homes.contains_key(name) || crate::config::SKIP_MACROS.iter().any(|p| glob(p, name)) {
            // An enumerator. A constant of an anonymous enum takes the type
            // its API uses by a named config rule (`ENUM_CONST_TYPES`).
            let rule = crate::config::ENUM_CONST_TYPES.iter().find(|(p, _)| glob(p, name)).map(|(_, t)| *t);
            if let Some(rule) = rule {
                match syn::parse_str::<syn::Type>(rule).map_err(|e| e.to_string()).and_then(|t| r.render(&t, "")) {
                    Ok(c) => render(name, ty, Some(c), report),
                    Err(e) => report.mismatches.push(format!("type const {name}: config rule type `{rule}`: {e}")),
                }
                continue;
            }
            let named = matches!(ty, syn::Type::Path(p) if p.path.segments.len() == 1 && items.aliases.contains_key(&p.path.segments[0].ident.to_string()));
            if !named {
                render(name, ty, None, report);
            }
            continue;
        }
        let value = items.const_values.get(name).copied().unwrap_or(0);
        let rule = rules.macro_type(name, value);
        let rule_c = if rule.starts_with('@') {
            None
        } else {
            match syn::parse_str::<syn::Type>(rule).map_err(|e| e.to_string()).and_then(|t| r.render(&t, "")) {
                Ok(c) => Some(c),
                Err(e) => {
                    report.mismatches.push(format!("type const {name}: config rule type `{rule}`: {e}"));
                    continue;
                }
            }
        };
        render(name, ty, rule_c, report);
    }
    for (name, ty) in &hand.consts {
        let rule = HAND_RULES.iter().find(|h| glob(h.0, name)).map(|h| h.1.to_string());
        render(name, ty, rule, report);
    }
}

/// The C spelling of a constant's Rust type when it is one of the 32-bit
/// integer types of codegen/config (`INT32_TYPES`, `UINT32_TYPES`).
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
