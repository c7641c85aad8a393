//! Mach-O file format equivalents: the `n_desc` accessors of
//! `mach-o/nlist.h` and the compressed-entry accessors of
//! `mach-o/compact_unwind_encoding.h`.
#![allow(non_snake_case)]

/// `GET_LIBRARY_ORDINAL(n_desc)` (`mach-o/nlist.h`): the two-level namespace
/// library ordinal of an undefined symbol, the high byte of its `n_desc`.
/// Compare it with `SELF_LIBRARY_ORDINAL`, `DYNAMIC_LOOKUP_ORDINAL`,
/// `EXECUTABLE_ORDINAL`, or a dylib's 1-based load order.
#[inline(always)]
pub const fn GET_LIBRARY_ORDINAL(n_desc: u16) -> u8 {
    (n_desc >> 8) as u8
}

/// `GET_COMM_ALIGN(n_desc)` (`mach-o/nlist.h`): the alignment of a common
/// symbol, as a power of two, from bits 8 to 11 of its `n_desc`.
#[inline(always)]
pub const fn GET_COMM_ALIGN(n_desc: u16) -> u8 {
    ((n_desc >> 8) & 0x0f) as u8
}

/// `UNWIND_INFO_COMPRESSED_ENTRY_FUNC_OFFSET(entry)`
/// (`mach-o/compact_unwind_encoding.h`): the function's offset from the
/// page's `functionOffset`, the low 24 bits of a compressed second-level
/// entry.
#[inline(always)]
pub const fn UNWIND_INFO_COMPRESSED_ENTRY_FUNC_OFFSET(entry: u32) -> u32 {
    entry & 0x00ff_ffff
}

/// `UNWIND_INFO_COMPRESSED_ENTRY_ENCODING_INDEX(entry)`
/// (`mach-o/compact_unwind_encoding.h`): the index of the entry's encoding,
/// in the common table below `commonEncodingsArrayCount` and in the page's
/// own table above it; the high 8 bits of a compressed second-level entry.
#[inline(always)]
pub const fn UNWIND_INFO_COMPRESSED_ENTRY_ENCODING_INDEX(entry: u32) -> u32 {
    (entry >> 24) & 0xff
}
