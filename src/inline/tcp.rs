//! netinet/tcp.h, netinet6/in6.h equivalents.
#![allow(non_snake_case)]

use crate::generated::*;

/// `TCPOPT_CC_HDR(ccopt)`: the 32-bit header word of a T/TCP CC option
/// (`TCPOPT_NOP<<24 | TCPOPT_NOP<<16 | (ccopt)<<8 | TCPOLEN_CC`, `netinet/tcp.h`).
#[inline(always)]
pub const fn TCPOPT_CC_HDR(ccopt: core::ffi::c_int) -> core::ffi::c_int {
    (TCPOPT_NOP as core::ffi::c_int) << 24 | (TCPOPT_NOP as core::ffi::c_int) << 16 | ccopt.wrapping_shl(8) | TCPOLEN_CC as core::ffi::c_int
}

/// `IPV6_ADDR_MC_FLAGS(a)`: the flags nibble of an IPv6 multicast address
/// (`(a)->s6_addr[1] & 0xf0`, `netinet6/in6.h`).
#[inline(always)]
pub const fn IPV6_ADDR_MC_FLAGS(a: &in6_addr) -> u8 {
    a.s6_addr[1] & 0xf0
}

/// `tcp6_seq`: another name of `tcp_seq` (`#define tcp6_seq tcp_seq`, `netinet/tcp.h`).
pub type tcp6_seq = tcp_seq;

/// `tcp6hdr`: another name of `struct tcphdr` (`#define tcp6hdr tcphdr`, `netinet/tcp.h`).
pub type tcp6hdr = tcphdr;
