//! A table of the macro equivalents' comparison (`pure.rs`, `pages.rs`): one
//! macro over a domain, and the inputs it is compared over.

/// How an argument is written: its C type and Rust type, and its domain.
#[derive(Clone, Copy)]
pub(super) enum Dom {
    /// Every value of `lo..=hi`.
    Range(i64, i64),
    /// Edge values and random values of an unsigned 32-bit argument.
    U32,
    /// The same for a signed 32-bit argument.
    I32,
    /// The same for an unsigned 64-bit argument.
    U64,
}

/// One macro compared over a domain.
#[derive(Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    /// C expression, `$0`, `$1`, ... for the arguments (written as literals).
    pub c: &'static str,
    /// Rust expression over `a[0]`, `a[1]`, ... (each a `u64` holding the
    /// argument's bits, sign-extended for signed domains).
    pub(super) rust: &'static str,
    /// Per argument: its domain. Inputs are the cross product of ranges, or,
    /// when any argument is 32/64-bit, edge values plus random values.
    pub(super) doms: &'static [Dom],
    /// Only on this `target_arch` (the macro exists only there).
    pub(super) arch: Option<&'static str>,
    /// Globals the C macro reads, each replaced for this table by a C
    /// expression (`#define vm_page_mask ((vm_size_t)0x3fffull)`): the macro's
    /// own body from the header, with the runtime value made a parameter.
    pub(super) globals: &'static [(&'static str, &'static str)],
}

impl Table {
    /// Exhaustive when every argument is a range and the product is small.
    pub(super) fn exhaustive(&self) -> bool {
        let product = self.doms.iter().try_fold(1i64, |n, d| match d {
            Dom::Range(lo, hi) => Some(n.saturating_mul(hi - lo + 1)),
            _ => None,
        });
        product.is_some_and(|n| n <= 70_000)
    }

    /// The inputs, each argument as the u64 bits of its value.
    pub fn inputs(&self) -> Vec<Vec<u64>> {
        if self.exhaustive() {
            let mut out: Vec<Vec<u64>> = vec![vec![]];
            for d in self.doms {
                let Dom::Range(lo, hi) = *d else { unreachable!() };
                out = out.into_iter().flat_map(|prefix| (lo..=hi).map(move |v| [prefix.clone(), vec![v as u64]].concat())).collect();
            }
            return out;
        }
        // Edge values per argument, combined index-wise (each argument
        // cycles through its own edges), then random tuples.
        let edges: Vec<Vec<u64>> = self.doms.iter().map(|d| edges(*d)).collect();
        let n = edges.iter().map(Vec::len).max().unwrap_or(0);
        let mut out = Vec::new();
        for i in 0..n {
            out.push(edges.iter().enumerate().map(|(k, e)| e[(i + k * 7) % e.len()]).collect());
        }
        // Every edge of the first argument with every edge of the second.
        if edges.len() >= 2 {
            for &x in &edges[0] {
                for &y in &edges[1] {
                    let mut v: Vec<u64> = edges.iter().map(|e| e[0]).collect();
                    v[0] = x;
                    v[1] = y;
                    out.push(v);
                }
            }
        }
        let mut rng = seed(self.name);
        for _ in 0..RANDOM {
            out.push(self.doms.iter().map(|d| random(*d, &mut rng)).collect());
        }
        out
    }
}

/// The random generator's seed for table `name`.
pub(super) fn seed(name: &str) -> u64 {
    name.bytes().fold(0x9E37_79B9_7F4A_7C15u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01B3)) | 1
}

/// xorshift64*: deterministic, covers the whole range.
fn next(s: &mut u64) -> u64 {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    s.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

/// A random value of domain `d`.
fn random(d: Dom, s: &mut u64) -> u64 {
    let r = next(s);
    match d {
        Dom::Range(lo, hi) => (lo + (r % ((hi - lo + 1) as u64)) as i64) as u64,
        Dom::U32 => r & 0xffff_ffff,
        Dom::I32 => (r as u32 as i32) as i64 as u64,
        Dom::U64 => r,
    }
}

/// The edge values of domain `d`.
pub(super) fn edges(d: Dom) -> Vec<u64> {
    let mut v: Vec<u64> = Vec::new();
    match d {
        Dom::Range(lo, hi) if hi - lo <= 1024 => v.extend((lo..=hi).map(|x| x as u64)),
        Dom::Range(lo, hi) => {
            // The ends, zero and the powers of two (and their neighbours) inside.
            let mut w = vec![lo, lo + 1, hi - 1, hi];
            for k in 0..63 {
                for x in [(1i64 << k) - 1, 1i64 << k, (1i64 << k) + 1, -(1i64 << k)] {
                    if (lo..=hi).contains(&x) {
                        w.push(x);
                    }
                }
            }
            if (lo..=hi).contains(&0) {
                w.push(0);
            }
            w.sort();
            w.dedup();
            v.extend(w.into_iter().map(|x| x as u64));
        }
        Dom::U32 | Dom::I32 => {
            for x in [0u32, 1, 2, 3, 7, 8, 15, 16, 0x1f, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x3fff, 0x7fff, 0x8000, 0xffff, 0x10000, 0xff_ffff, 0x100_0000] {
                v.push(x as u64);
            }
            for k in 0..32 {
                v.push(1u64 << k);
                v.push(!(1u32 << k) as u64);
            }
            v.extend([0x7fff_ffff, 0x8000_0000, 0x8000_0001, 0xffff_fffe, 0xffff_ffff]);
            if matches!(d, Dom::I32) {
                for x in v.iter_mut() {
                    *x = (*x as u32 as i32) as i64 as u64;
                }
            }
        }
        Dom::U64 => {
            v.extend([0, 1, 0xffff_fffe, 0xffff_ffff, 0x1_0000_0000, 0x1_0000_0001, u64::MAX - 1, u64::MAX, 1 << 63]);
            for k in 0..64 {
                v.push(1u64 << k);
            }
        }
    }
    v
}

/// Random inputs per table (beyond the edges).
pub(super) const RANDOM: usize = 1000;
