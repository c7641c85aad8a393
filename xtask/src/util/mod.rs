//! Helpers shared by generation, verification and the checks.

pub mod cdecl;
pub mod cmd;
pub mod cpu;
pub mod ld_messages;
pub mod parallel;
pub mod scratch;
pub mod sdk;
