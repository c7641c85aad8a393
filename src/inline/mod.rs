//! Zero-cost Rust equivalents of C macros and `static inline` functions that
//! bindgen cannot emit. Hand-written; each item names what it mirrors.
//!
//! Every item here is a `const`, a `const fn` or an `#[inline]` fn over the
//! generated declarations: no call goes through a C shim. `cargo xtask verify`
//! checks each against the C macro it mirrors (values over inputs, and for the
//! ones that read a global, the symbol the code refers to). The macro
//! inventory (`codegen/macros.rs`, `cargo xtask test`) lists every macro of the bound
//! headers that has neither a binding nor an item here, with the reason.
//!
//! One module per API family; each compiles with its feature, like the
//! generated items, and its items sit at the crate root.

#[cfg(feature = "mach")]
mod mach;
#[cfg(feature = "mach")]
pub use mach::*;
// The arm64e thread-state accessors (mach.rs re-exports them there).
#[cfg(all(feature = "mach", darwin_sys_arm64e))]
mod arm64e;
#[cfg(feature = "macho")]
mod macho;
#[cfg(feature = "macho")]
pub use macho::*;
#[cfg(feature = "dispatch")]
mod dispatch;
#[cfg(feature = "dispatch")]
pub use dispatch::*;
#[cfg(feature = "os")]
mod os;
#[cfg(feature = "os")]
pub use os::*;
#[cfg(feature = "errno")]
mod errno;
#[cfg(feature = "errno")]
pub use errno::*;
#[cfg(feature = "events")]
mod events;
#[cfg(feature = "events")]
pub use events::*;
#[cfg(feature = "tcp")]
mod tcp;
#[cfg(feature = "tcp")]
pub use tcp::*;
