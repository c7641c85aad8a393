//! Generation: bindgen over the stand-in SDK, then the text steps that make `src/generated/*.rs` (`cargo xtask generate`).

pub mod availability;
pub mod generate;
pub mod items;
pub mod libc_equivalence;
pub mod libc_src;
pub mod raw;
pub mod sharing;
