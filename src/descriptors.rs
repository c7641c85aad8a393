//! `const fn` constructors for the Mach message descriptors, which C fills in
//! field by field and bindgen exposes only through bitfield setters (not
//! `const`). Hand-written; each names the C layout it fills in.
//!
//! In `mach/message.h` each descriptor holds one 32-bit unit of bitfields,
//! `type` in its top 8 bits. On both Darwin targets (little-endian) C
//! allocates bitfields from the unit's lowest bit up, so the unit is the
//! little-endian bytes of the word `field0 | field1 << width0 | ...`. The
//! offsets and widths below are those of the generated accessors
//! (`disposition()`, `type_()`, ...), which `cargo xtask verify` checks
//! against the C compiler's layout. `cargo xtask verify` also compares each
//! constructor's result with the object C's designated initializers make,
//! byte for byte, over sample arguments; the unit tests (run on macOS)
//! compare them with the generated setters.

#[cfg(feature = "mach")]
pub use mach_descriptors::*;
#[cfg(feature = "mach")]
mod mach_descriptors {
    use crate::generated::*;

    /// The bitfield unit holding `word`'s bits, lowest bit first.
    #[inline(always)]
    const fn unit(word: u32) -> __BindgenBitfieldUnit<[u8; 4]> {
        __BindgenBitfieldUnit::new(word.to_le_bytes())
    }

    /// `value` kept to its low `width` bits, at bit `offset` of the unit (C
    /// truncates a value stored to a bitfield the same way).
    #[inline(always)]
    const fn field(value: u32, offset: u32, width: u32) -> u32 {
        (value & (u32::MAX >> (32 - width))) << offset
    }

    /// A port descriptor carrying the right `name` with `disposition`
    /// (`MACH_MSG_TYPE_MOVE_SEND`, `MACH_MSG_TYPE_COPY_SEND`, ...).
    ///
    /// C layout, `mach_msg_port_descriptor_t` of `mach/message.h` (12 bytes):
    /// `name` at 0, `pad1` at 4, then the unit at 8: `pad2` bits 0-15,
    /// `disposition` bits 16-23, `type` bits 24-31 (here
    /// `MACH_MSG_PORT_DESCRIPTOR`).
    #[inline]
    pub const fn mach_msg_port_descriptor(name: mach_port_t, disposition: mach_msg_type_name_t) -> mach_msg_port_descriptor_t {
        mach_msg_port_descriptor_t { name, pad1: 0, _bitfield_1: unit(field(disposition, 16, 8) | field(MACH_MSG_PORT_DESCRIPTOR, 24, 8)) }
    }

    /// An out-of-line memory descriptor: `size` bytes at `address`, sent by
    /// `copy` (`MACH_MSG_VIRTUAL_COPY` or `MACH_MSG_PHYSICAL_COPY`); with
    /// `deallocate` the kernel removes the memory from the sender's address
    /// space once the message is sent.
    ///
    /// C layout, `mach_msg_ool_descriptor_t` of `mach/message.h` on 64-bit
    /// targets (16 bytes, 4-byte packed): `address` at 0, the unit at 8
    /// (`deallocate` bits 0-7, `copy` bits 8-15, `pad1` bits 16-23, `type`
    /// bits 24-31, here `MACH_MSG_OOL_DESCRIPTOR`), `size` at 12.
    #[inline]
    pub const fn mach_msg_ool_descriptor(
        address: *mut core::ffi::c_void,
        size: mach_msg_size_t,
        deallocate: bool,
        copy: mach_msg_copy_options_t,
    ) -> mach_msg_ool_descriptor_t {
        mach_msg_ool_descriptor_t {
            address,
            _bitfield_1: unit(field(deallocate as u32, 0, 8) | field(copy, 8, 8) | field(MACH_MSG_OOL_DESCRIPTOR, 24, 8)),
            size,
        }
    }

    /// An out-of-line ports descriptor: an array of `count` port names at
    /// `address`, each sent with `disposition`, by `copy`; with `deallocate`
    /// the kernel removes the array from the sender's address space.
    ///
    /// C layout, `mach_msg_ool_ports_descriptor_t` of `mach/message.h` on
    /// 64-bit targets (16 bytes, 4-byte packed): `address` at 0, the unit at
    /// 8 (`deallocate` bits 0-7, `copy` bits 8-15, `disposition` bits 16-23,
    /// `type` bits 24-31, here `MACH_MSG_OOL_PORTS_DESCRIPTOR`), `count` at
    /// 12.
    #[inline]
    pub const fn mach_msg_ool_ports_descriptor(
        address: *mut core::ffi::c_void,
        count: mach_msg_size_t,
        deallocate: bool,
        copy: mach_msg_copy_options_t,
        disposition: mach_msg_type_name_t,
    ) -> mach_msg_ool_ports_descriptor_t {
        mach_msg_ool_ports_descriptor_t {
            address,
            _bitfield_1: unit(field(deallocate as u32, 0, 8) | field(copy, 8, 8) | field(disposition, 16, 8) | field(MACH_MSG_OOL_PORTS_DESCRIPTOR, 24, 8)),
            count,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn unit_bytes<T>(v: &T, unit_offset: usize) -> [u8; 4] {
            let p = v as *const T as *const u8;
            // SAFETY: `unit_offset + 4 <= size_of::<T>()` for the callers below.
            unsafe { core::ptr::read_unaligned(p.add(unit_offset) as *const [u8; 4]) }
        }

        /// Each constructor against bindgen's own setters, for every
        /// disposition and copy option.
        #[test]
        fn constructors_equal_the_generated_setters() {
            for disp in [
                MACH_MSG_TYPE_MOVE_RECEIVE,
                MACH_MSG_TYPE_MOVE_SEND,
                MACH_MSG_TYPE_MOVE_SEND_ONCE,
                MACH_MSG_TYPE_COPY_SEND,
                MACH_MSG_TYPE_MAKE_SEND,
                MACH_MSG_TYPE_MAKE_SEND_ONCE,
            ] {
                let mine = mach_msg_port_descriptor(77, disp);
                let mut theirs = mach_msg_port_descriptor_t { name: 77, pad1: 0, _bitfield_1: Default::default() };
                theirs.set_disposition(disp);
                theirs.set_type(MACH_MSG_PORT_DESCRIPTOR);
                assert_eq!(unit_bytes(&mine, 8), unit_bytes(&theirs, 8));
                assert_eq!(mine.name, 77);
                for copy in [0, 1] {
                    for dealloc in [false, true] {
                        let mut buf = [0u32; 4];
                        let a = buf.as_mut_ptr().cast();
                        let mine = mach_msg_ool_ports_descriptor(a, 4, dealloc, copy, disp);
                        let mut theirs = mach_msg_ool_ports_descriptor_t { address: a, count: 4, _bitfield_1: Default::default() };
                        theirs.set_deallocate(dealloc as boolean_t);
                        theirs.set_copy(copy);
                        theirs.set_disposition(disp);
                        theirs.set_type(MACH_MSG_OOL_PORTS_DESCRIPTOR);
                        assert_eq!(unit_bytes(&mine, 8), unit_bytes(&theirs, 8));
                        let mine = mach_msg_ool_descriptor(a, 16, dealloc, copy);
                        let mut theirs = mach_msg_ool_descriptor_t { address: a, size: 16, _bitfield_1: Default::default() };
                        theirs.set_deallocate(dealloc as boolean_t);
                        theirs.set_copy(copy);
                        theirs.set_type(MACH_MSG_OOL_DESCRIPTOR);
                        assert_eq!(unit_bytes(&mine, 8), unit_bytes(&theirs, 8));
                        assert_eq!({ mine.size }, 16);
                    }
                }
            }
        }
    }
}
