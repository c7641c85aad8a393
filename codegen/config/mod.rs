//! The one configuration of what darwin-sys binds and how.
//!
//! These files are compiled twice: by `build.rs` (feature `bindgen`, against
//! the user's SDK) and by the generator in `xtask/` (against the pinned
//! stand-in SDK, to write `src/generated/*.rs`). Both call [`builder`], so the
//! committed bindings and the build-time bindings cannot drift apart. They use
//! only `std` and `bindgen`, so they ship inside the published package.
//!
//! `wrapper.h` says which headers are bound; these files say which files of
//! those headers are covered whole, which items are left out and why, which
//! types are the `libc` crate's, and which C type each integer macro gets:
//!
//! - `targets.rs`: [`Os`], the targets ([`TARGETS`], [`APPLE_TARGETS`],
//!   [`ABIS`]), the SDK or stand-in ([`Sdk`]) and its clang arguments.
//! - `families.rs`: the API families ([`FAMILIES`]), the macOS-only headers,
//!   and the two parts of the bindings ([`Part`]).
//! - `libc.rs`: what the `libc` crate defines ([`LIBC_TYPES`],
//!   [`SAME_AS_LIBC`], [`LIBC_ENUM_CONSTS`], ...).
//! - `typing.rs`: the C type of each integer macro ([`INT_RULES`]) and enum
//!   constant ([`ENUM_CONST_TYPES`]).
//! - `skips.rs`: what is left out, with why ([`NOT_EXPORTED`],
//!   [`SKIP_MACROS`], [`BLOCKED_TYPES`]).
//! - `builder.rs`: the bindgen [`builder`] and its [`Callbacks`].
//! - `docs.rs`: the SDK's HeaderDoc comments as rustdoc Markdown.
//!
//! Every item is re-exported here, so `config::X` names it wherever it lives.

#![allow(dead_code)]

/// The `.tbd` export-list reader (shared with `xtask/`).
#[path = "../tbd.rs"]
pub mod tbd;

mod builder;
mod docs;
mod families;
mod libc;
mod skips;
mod targets;
mod typing;

pub use builder::*;
pub use docs::*;
pub use families::*;
pub use libc::*;
pub use skips::*;
pub use targets::*;
pub use typing::*;

/// Does `name` match the whole of `pattern`? Patterns are literal names with
/// an optional `*` wildcard (any run of characters); `.*` is accepted as `*`.
pub fn glob(pattern: &str, name: &str) -> bool {
    let pattern = pattern.replace(".*", "*");
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || name.len() < first.len() + last.len() || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}
