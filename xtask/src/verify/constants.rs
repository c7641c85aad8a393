//! Constants: every integer constant, generated and hand-written
//! (`src/private.rs`), has C's value.

use super::{CValue, Entries, Items, Kind};

/// Constants: generated and hand-written (private.rs).
pub fn entries(out: &mut Entries, items: &Items, hand: &Items) {
    let d = "darwin_sys";
    for src in [items, hand] {
        for (name, _) in &src.consts {
            out.push(Kind::Constant, name.clone(), CValue::Expr(format!("({name})")), format!("{d}::{name} as u64"));
        }
    }
}
