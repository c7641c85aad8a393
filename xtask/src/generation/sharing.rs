//! The proof that one bindings file per ABI serves every Apple target: the
//! generator runs bindgen again for each other target's own clang triple
//! and compares its output with the ABI file, item by item. An item may be
//! missing for a target only if the ABI file gates it away from that
//! target's OS (the macOS-only headers `wrapper.h` leaves out there); any
//! other difference fails the generation.

use crate::config::{ALIGNED_EXCEPT_SIM, APPLE_TARGETS, LIBC_TYPES_MACOS, Part, Target};
use crate::generation::availability::Gates;
use crate::util::sdk::StandIn;
use quote::ToTokens;
use regex::Regex;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// Drops the doc comments: where a type is declared more than once (`struct
/// vnode;`), the declaration bindgen documents it from may differ.
struct NoDocs;

impl syn::visit_mut::VisitMut for NoDocs {
    fn visit_attributes_mut(&mut self, attrs: &mut Vec<syn::Attribute>) {
        attrs.retain(|a| !a.path().is_ident("doc"));
        for a in attrs {
            self.visit_attribute_mut(a);
        }
    }
}

/// Every item of a bindings text, by kind and name, as tokens (docs aside).
fn item_map(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut file = syn::parse_file(text).map_err(|e| format!("cannot parse bindings: {e}"))?;
    syn::visit_mut::VisitMut::visit_file_mut(&mut NoDocs, &mut file);
    let mut out = BTreeMap::new();
    let mut add = |key: String, tokens: String| {
        let mut k = key.clone();
        let mut n = 1;
        while out.contains_key(&k) {
            n += 1;
            k = format!("{key}#{n}");
        }
        out.insert(k, tokens);
    };
    for item in &file.items {
        match item {
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    let key = match fi {
                        syn::ForeignItem::Fn(f) => format!("fn {}", f.sig.ident),
                        syn::ForeignItem::Static(s) => format!("static {}", s.ident),
                        _ => "foreign".into(),
                    };
                    add(key, fi.to_token_stream().to_string());
                }
            }
            syn::Item::Struct(s) => add(format!("struct {}", s.ident), item.to_token_stream().to_string()),
            syn::Item::Union(u) => add(format!("union {}", u.ident), item.to_token_stream().to_string()),
            syn::Item::Type(t) => add(format!("type {}", t.ident), item.to_token_stream().to_string()),
            syn::Item::Const(c) => add(format!("const {}", c.ident), item.to_token_stream().to_string()),
            syn::Item::Impl(i) => add(format!("impl {}", i.self_ty.to_token_stream()), item.to_token_stream().to_string()),
            // `#[cfg(target_os = "macos")] pub use libc::{...}`: not there
            // elsewhere by its own cfg.
            syn::Item::Use(u) if u.attrs.iter().any(|a| a.path().is_ident("cfg")) => {}
            other => add("item".into(), other.to_token_stream().to_string()),
        }
    }
    Ok(out)
}

/// The name of an item key (`fn mach_msg` -> `mach_msg`).
fn name(key: &str) -> &str {
    let k = key.split('#').next().unwrap_or(key);
    k.rsplit(' ').next().unwrap_or(k)
}

/// An incomplete C struct as bindgen writes it, one way or the other.
fn opaque(tokens: &str) -> bool {
    tokens.contains("pub struct") && (tokens.ends_with("{ _unused : [u8 ; 0] , }") || tokens.ends_with("{ pub _address : u8 , }"))
}

fn short(s: &str) -> String {
    s.chars().take(160).collect()
}

/// Does any item of `items` name `ident`?
fn referred(items: &BTreeMap<String, String>, ident: &str) -> bool {
    let word = format!(" {ident} ");
    items.values().any(|v| format!(" {v} ").contains(&word))
}

/// One target against its ABI file: Ok(items the target lacks that are
/// gated away from its OS; unused helper types it lacks plus opaque structs
/// spelt otherwise) or Err(the differences).
pub fn compare(target: &Target, own: &str, abi: &str, gates: &Gates) -> Result<(usize, usize), String> {
    let own = item_map(own)?;
    let abi = item_map(abi)?;
    let mut bad = Vec::new();
    let (mut gated, mut unused, mut opaques) = (0, 0, 0);
    let align_attr = Regex::new(r"# \[repr \(align \(\d+\)\)\] ").unwrap();
    for (k, v) in &abi {
        // config::ALIGNED_EXCEPT_SIM: a simulator's record lacks the
        // alignment, and must (or the rule is stale).
        let listed = k.strip_prefix("struct ").is_some_and(|n| ALIGNED_EXCEPT_SIM.contains(&n));
        let v = &if listed && target.sim {
            let unaligned = align_attr.replace(v, "").into_owned();
            if own.get(k) == Some(v) {
                bad.push(format!("{k}: listed in ALIGNED_EXCEPT_SIM, yet aligned in the simulator too"));
            }
            unaligned
        } else {
            v.clone()
        };
        match own.get(k) {
            Some(w) if w == v => {}
            // `struct vnode;`: opaque in both, spelt as bindgen spells an
            // incomplete type in an allowlisted file or one it only meets
            // behind a pointer.
            Some(w) if opaque(w) && opaque(v) => opaques += 1,
            Some(w) => bad.push(format!("{k} differs: `{}` here, `{}` in the ABI file", short(w), short(v))),
            None if gates.on.get(name(k)).is_some_and(|s| !s.contains(&target.os)) => gated += 1,
            // A typedef only the left-out headers used (`__uint8_t`):
            // nothing of the target's own refers to it.
            None if !k.starts_with("fn ") && !k.starts_with("static ") && !referred(&own, name(k)) => unused += 1,
            None => bad.push(format!("{k} is missing, yet not gated away from {}", target.os.name())),
        }
    }
    for k in own.keys().filter(|k| !abi.contains_key(*k)) {
        // Bound from the headers where libc lacks them; re-exported on macOS.
        if !LIBC_TYPES_MACOS.contains(&name(k)) {
            bad.push(format!("{k} is not in the ABI file"));
        }
    }
    if bad.is_empty() {
        Ok((gated, unused + opaques))
    } else {
        Err(format!("{} ({} lines differ):\n  {}", target.rust, bad.len(), bad.into_iter().take(20).collect::<Vec<_>>().join("\n  ")))
    }
}

/// bindgen for every Apple target that is no ABI's reference, against the
/// ABI reference's own bindgen text (before `codegen/postprocess.rs`, which is a
/// function of that text and the committed config).
pub fn prove(root: &Path, s: &StandIn, per_abi: &[(&Target, Gates, String)]) -> Result<(), String> {
    let mut jobs = Vec::new();
    for (reference, gates, abi) in per_abi {
        jobs.extend(APPLE_TARGETS.iter().filter(|t| t.abi == reference.abi && t.rust != reference.rust).map(|t| (t, gates, abi)));
    }
    // Two targets at a time: a bindgen run is one libclang thread, and
    // each target has a scratch folder of its own (`raw::bindgen_text`).
    let results = crate::util::parallel::two_at_a_time(jobs, |(t, gates, abi)| {
        let t0 = Instant::now();
        let (own, _) = crate::generation::raw::bindgen_text(root, s, t, Part::Main)?;
        let secs = t0.elapsed().as_secs_f64();
        Ok::<_, String>(match compare(t, &own, abi, gates) {
            Ok((0, 0)) => Ok(format!("sharing: {:<28} = {}.rs ({secs:.1} s)", t.rust, t.abi)),
            Ok((n, u)) => Ok(format!(
                "sharing: {:<28} = {}.rs less {n} items gated away from {} and {u} unused helper types or opaque structs ({secs:.1} s)",
                t.rust,
                t.abi,
                t.os.name()
            )),
            Err(e) => Err(e),
        })
    });
    let mut failures = Vec::new();
    for r in results {
        match r? {
            Ok(line) => println!("{line}"),
            Err(e) => failures.push(e),
        }
    }
    if failures.is_empty() { Ok(()) } else { Err(format!("bindgen's output for these targets is not their ABI file's:\n{}", failures.join("\n"))) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Os, target_by_rust};

    fn gates(name: &str, on: &[Os]) -> Gates {
        let mut g = Gates::default();
        g.on.insert(name.to_string(), on.iter().copied().collect());
        g
    }

    const ABI: &str = "#[repr(C)]\n#[repr(align(16))]\npub struct dyld_all_image_infos { pub version: u32 }\n\
                       pub type pid_t = i32;\nunsafe extern \"C\" { pub fn proc_pidpath(pid: pid_t) -> i32; pub fn getpid() -> pid_t; }\n";

    #[test]
    fn a_gated_item_may_be_missing_and_nothing_else() {
        let ios = target_by_rust("aarch64-apple-ios").unwrap();
        let own = ABI.replace("pub fn proc_pidpath(pid: pid_t) -> i32; ", "");
        assert_eq!(compare(ios, &own, ABI, &gates("proc_pidpath", &[Os::MacOs])), Ok((1, 0)));
        // Not gated away from iOS: the difference is reported.
        let e = compare(ios, &own, ABI, &Gates::default()).unwrap_err();
        assert!(e.contains("fn proc_pidpath is missing, yet not gated away from iOS"), "{e}");
        // Another signature: reported.
        let own = ABI.replace("fn getpid() -> pid_t", "fn getpid() -> u32");
        assert!(compare(ios, &own, ABI, &Gates::default()).unwrap_err().contains("fn getpid differs"));
    }

    #[test]
    fn simulators_differ_in_the_listed_alignment_only() {
        let sim = target_by_rust("aarch64-apple-ios-sim").unwrap();
        let unaligned = ABI.replace("#[repr(align(16))]\n", "");
        assert_eq!(compare(sim, &unaligned, ABI, &Gates::default()), Ok((0, 0)));
        // A simulator that keeps the alignment: the rule is stale.
        let e = compare(sim, ABI, ABI, &Gates::default()).unwrap_err();
        assert!(e.contains("ALIGNED_EXCEPT_SIM"), "{e}");
        // A device that drops it: a difference.
        let ios = target_by_rust("aarch64-apple-ios").unwrap();
        assert!(compare(ios, &unaligned, ABI, &Gates::default()).unwrap_err().contains("struct dyld_all_image_infos differs"));
    }
}
