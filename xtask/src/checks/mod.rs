//! The test command's own checks, beyond `verify/`: each a step of `cargo xtask test` (see `suite.rs`).

pub mod actionlint;
pub mod bench;
pub mod bindgen_families;
pub mod constant_types;
pub mod docs;
pub mod drift;
pub mod examples;
pub mod floors;
pub mod libc_glob;
pub mod mac_host;
pub mod macro_inventory;
pub mod required;
pub mod sdks;
pub mod selftest;
pub mod targets;
