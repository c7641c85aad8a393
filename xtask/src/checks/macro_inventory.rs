//! The macro inventory and the skip-pattern claims (`cargo xtask macros`,
//! and two steps of `cargo xtask test`).
//!
//! Both read the macros of the headers bindgen binds the way the C compiler
//! sees them: `wrapper.h` is preprocessed for each target with `-E -dD`,
//! which prints every `#define` in effect, after the `# line "file"` marker
//! of the header that makes it. A macro is "bound-header" when its file (or
//! its name) belongs to a family of `codegen/config` FAMILIES, as for bindgen.
//!
//! Inventory: every bound-header macro is accounted for, per target:
//! - an integer (or string) constant bindgen emitted (a `pub const` of the
//!   committed bindings);
//! - or a hand-written item of the same name at the crate root
//!   (`src/inline/`), proved by compiling `use darwin_sys::NAME;` for the
//!   target;
//! - or a reason in `codegen/macros.rs`: by name (NO_EQUIVALENT) or, for object-like
//!   macros only, by the shape of the body (BODY_RULES).
//!
//! A macro with none of these fails the step, named.
//!
//! Skip claims: each pattern of `codegen/config` SKIP_MACROS removes exactly the
//! macros it claims (`codegen/macros.rs` SKIP_CLAIMS; a literal pattern claims
//! itself); each NOT_EXPORTED name is declared by a bound header and really is
//! missing from libSystem.tbd; each LIBC_ORPHANS pattern names nested types of
//! a LIBC_TYPES parent.

use crate::config::{NOT_EXPORTED, SKIP_MACROS, TARGETS, Target, glob};
use crate::macros::{BODY_RULES, NO_EQUIVALENT, SKIP_CLAIMS};
use crate::util::scratch;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// One `#define` in effect at the end of `wrapper.h`.
#[derive(Clone, Debug)]
pub struct Define {
    pub name: String,
    /// The header that defines it, as the compiler names it.
    pub file: String,
    /// `Some("(a,b)")` for a function-like macro.
    pub params: Option<String>,
    pub body: String,
    /// `#undef`ined later (bindgen still reads the definition: libclang
    /// reports every definition, so these count too).
    pub undefined: bool,
}

/// The preprocessed `wrapper.h` of one target.
pub struct Scan {
    /// Every macro defined, by name (the last definition wins).
    pub defines: BTreeMap<String, Define>,
    /// Code lines (not directives), each with its header.
    pub code: Vec<(String, String)>,
}

/// Parses `cc -E -dD` output.
pub fn parse(text: &str) -> Scan {
    let marker = Regex::new(r#"^# \d+ "([^"]*)""#).unwrap();
    let define = Regex::new(r"^#define ([A-Za-z_][A-Za-z0-9_]*)(\([^)]*\))?\s?(.*)$").unwrap();
    let undef = Regex::new(r"^#undef ([A-Za-z_][A-Za-z0-9_]*)").unwrap();
    let mut file = String::new();
    let mut defines = BTreeMap::new();
    let mut code = Vec::new();
    for line in text.lines() {
        if let Some(c) = marker.captures(line) {
            file = c[1].to_string();
        } else if let Some(c) = define.captures(line) {
            let d = Define {
                name: c[1].to_string(),
                file: file.clone(),
                params: c.get(2).map(|m| m.as_str().to_string()),
                body: c[3].trim().to_string(),
                undefined: false,
            };
            defines.insert(d.name.clone(), d);
        } else if let Some(c) = undef.captures(line) {
            if let Some(d) = defines.get_mut(&c[1]) {
                d.undefined = true;
            }
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            code.push((file.clone(), line.to_string()));
        }
    }
    Scan { defines, code }
}

/// Preprocesses `wrapper.h` for `target` with the verifier's C compiler.
pub fn scan(root: &Path, cc: &crate::verify::CCompiler, target: &Target) -> Result<Scan, String> {
    let out = cc
        .command(target)
        .args(["-E", "-dD", "-w", "-iquote"])
        .arg(root)
        .arg(root.join("wrapper.h"))
        .output()
        .map_err(|e| format!("cannot run the C compiler: {e}"))?;
    if !out.status.success() {
        return Err(format!("preprocessing wrapper.h for {} failed:\n{}", target.rust, String::from_utf8_lossy(&out.stderr)));
    }
    Ok(parse(&String::from_utf8_lossy(&out.stdout)))
}

/// Is a macro (or declaration) of `file` named `name` in a bound family?
fn bound(classifier: &crate::postprocess::Classifier, name: &str, file: &str) -> bool {
    !classifier.attribute(&[(name.to_string(), file.to_string())]).is_empty()
}

/// The bound-header macros of a scan.
pub fn bound_defines(scan: &Scan) -> Vec<&Define> {
    let c = crate::postprocess::Classifier::new();
    scan.defines.values().filter(|d| bound(&c, &d.name, &d.file)).collect()
}

/// Names the committed bindings of `target` define (consts, statics,
/// functions, types, and libc re-exports).
fn generated_names(root: &Path, target: &Target) -> Result<BTreeSet<String>, String> {
    let item = Regex::new(r"pub (?:const|static mut|static|fn|type|struct|union) ([A-Za-z_][A-Za-z0-9_]*)").unwrap();
    let mut out = BTreeSet::new();
    for part in crate::config::Part::ALL {
        let p = crate::generation::generate::path(root, target, part);
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        out.extend(item.captures_iter(&text).map(|c| c[1].to_string()));
    }
    out.extend(crate::config::LIBC_TYPES.iter().map(|s| s.to_string()));
    Ok(out)
}

/// Why `d` needs no Rust item, if the inventory says so.
pub fn reason(d: &Define) -> Option<&'static str> {
    if let Some((_, why)) = NO_EQUIVALENT.iter().find(|(p, _)| glob(p, &d.name)) {
        return Some(why);
    }
    if d.params.is_none() {
        for (re, why) in BODY_RULES {
            if Regex::new(re).expect("BODY_RULES are valid regexes").is_match(&d.body) {
                return Some(why);
            }
        }
    }
    None
}

/// The inventory of one target.
#[derive(Default, Debug)]
pub struct Inventory {
    pub target: String,
    /// Function-like macros of the bound headers.
    pub function_like: usize,
    /// Object-like macros of the bound headers.
    pub object_like: usize,
    /// Bound by bindgen as constants.
    pub generated: usize,
    /// Function-like / object-like macros with a hand-written equivalent.
    pub equivalents_fn: usize,
    pub equivalents_obj: usize,
    /// Function-like / object-like macros with a reason.
    pub reasoned_fn: usize,
    pub reasoned_obj: usize,
    /// Macros with neither: the failures.
    pub missing: Vec<String>,
    /// NO_EQUIVALENT entries that match no macro of any target (stale).
    pub unused_reasons: Vec<String>,
}

/// Classifies every bound-header macro of each target; checks the claimed
/// equivalents by compiling `use darwin_sys::NAME;` for the target.
pub fn inventory(root: &Path, cc: &crate::verify::CCompiler, targets: &[&Target]) -> Result<Vec<Inventory>, String> {
    let dir = root.join("target").join("macro-inventory");
    let deps = scratch::darwin_sys(root, ", features = [\"mig\"]");
    scratch::Crate { name: "macro-inventory", targets: scratch::LIB, deps: &deps, extra: "" }.write(&dir, scratch::workspace_lock(&root.join("target")))?;
    let mut used_reasons = BTreeSet::new();
    let mut out = Vec::new();
    for t in targets {
        let scan = scan(root, cc, t)?;
        let gen_names = generated_names(root, t)?;
        let mut inv = Inventory { target: t.rust.to_string(), ..Default::default() };
        let mut wanted: Vec<(&Define, bool)> = Vec::new();
        for d in bound_defines(&scan) {
            let func = d.params.is_some();
            if func {
                inv.function_like += 1
            } else {
                inv.object_like += 1
            }
            if let Some((p, _)) = NO_EQUIVALENT.iter().find(|(p, _)| glob(p, &d.name)) {
                used_reasons.insert(*p);
            }
            if !func && gen_names.contains(&d.name) {
                inv.generated += 1;
            } else if reason(d).is_some() {
                if func { inv.reasoned_fn += 1 } else { inv.reasoned_obj += 1 }
            } else {
                wanted.push((d, func));
            }
        }
        let missing = unresolved(&dir, root, t, &wanted.iter().map(|(d, _)| d.name.as_str()).collect::<Vec<_>>())?;
        for (d, func) in &wanted {
            if missing.contains(&d.name) {
                let kind = if *func { "function-like" } else { "object-like" };
                inv.missing.push(format!("{} ({kind}, {}): no equivalent and no reason", d.name, short(&d.file)));
            } else if *func {
                inv.equivalents_fn += 1;
            } else {
                inv.equivalents_obj += 1;
            }
        }
        out.push(inv);
    }
    // A reason that matches nothing on any target hides nothing, but is stale.
    if targets.len() == TARGETS.len() {
        let unused: Vec<String> = NO_EQUIVALENT.iter().filter(|(p, _)| !used_reasons.contains(p)).map(|(p, _)| p.to_string()).collect();
        if let Some(first) = out.first_mut() {
            first.unused_reasons = unused;
        }
    }
    Ok(out)
}

fn short(file: &str) -> &str {
    file.rsplit_once("any-darwin-any/").map_or(file, |x| x.1)
}

/// The names of `names` that do not resolve as `darwin_sys::NAME` on `t`.
fn unresolved(dir: &Path, root: &Path, t: &Target, names: &[&str]) -> Result<BTreeSet<String>, String> {
    let mut src = String::from("// Generated by `cargo xtask macros`: each macro equivalent resolves.\n#![no_std]\n#![allow(unused_imports)]\n");
    for n in names {
        src.push_str(&format!("use darwin_sys::{n};\n"));
    }
    std::fs::write(dir.join("src").join("lib.rs"), src).map_err(|e| e.to_string())?;
    let out = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--message-format=short", "--target", t.rust, "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let missing: BTreeSet<String> = stderr
        .lines()
        .filter(|l| l.contains("error[E0432]"))
        .filter_map(|l| l.split("`darwin_sys::").nth(1).map(|s| s.split('`').next().unwrap_or("").to_string()))
        .collect();
    if !out.status.success() && missing.is_empty() {
        return Err(format!("macro inventory probe for {} failed to build:\n{stderr}", t.rust));
    }
    Ok(missing)
}

/// What one skip pattern removes, against what it claims.
#[derive(Debug)]
pub struct Claim {
    pub list: &'static str,
    pub pattern: String,
    pub removes: BTreeSet<String>,
    pub claims: BTreeSet<String>,
}

impl Claim {
    /// Removed but not claimed, and claimed but removing nothing.
    pub fn errors(&self) -> Vec<String> {
        let mut e = Vec::new();
        let extra: Vec<&String> = self.removes.difference(&self.claims).collect();
        if !extra.is_empty() {
            e.push(format!("{} `{}` removes more than it claims: {extra:?}", self.list, self.pattern));
        }
        let stale: Vec<&String> = self.claims.difference(&self.removes).collect();
        if !stale.is_empty() {
            e.push(format!("{} `{}` claims what it does not remove (stale): {stale:?}", self.list, self.pattern));
        }
        e
    }
}

/// The claimed removals of a SKIP_MACROS pattern: its SKIP_CLAIMS entry, or
/// itself when it is a literal name.
fn claimed(pattern: &str) -> Result<BTreeSet<String>, String> {
    if let Some((_, names)) = SKIP_CLAIMS.iter().find(|(p, _)| *p == pattern) {
        return Ok(names.iter().map(|s| s.to_string()).collect());
    }
    if pattern.contains('*') {
        return Err(format!("SKIP_MACROS `{pattern}` has a wildcard but no SKIP_CLAIMS entry in codegen/macros.rs saying what it removes"));
    }
    Ok([pattern.to_string()].into())
}

/// One target's macro scan and libSystem exports, as [`skip_claims`] reads them.
pub struct TargetScan {
    pub target: &'static Target,
    pub scan: Scan,
    /// The symbols libSystem.tbd exports for the target's architectures.
    pub exports: BTreeSet<String>,
}

/// Every skip pattern's removals over the bound headers of all `scans`
/// (union over targets), with the libSystem exports of each target.
pub fn skip_claims(scans: &[TargetScan]) -> Result<Vec<Claim>, String> {
    let c = crate::postprocess::Classifier::new();
    let mut claims = Vec::new();
    for p in SKIP_MACROS {
        let mut removes = BTreeSet::new();
        for TargetScan { scan: s, .. } in scans {
            removes.extend(s.defines.values().filter(|d| bound(&c, &d.name, &d.file) && glob(p, &d.name)).map(|d| d.name.clone()));
        }
        claims.push(Claim { list: "SKIP_MACROS", pattern: p.to_string(), removes, claims: claimed(p)? });
    }
    // NOT_EXPORTED claims: "declared by a bound header, not exported by
    // libSystem". It removes a declaration when the name is declared; it
    // removes more than it claims if the symbol is exported after all.
    let joined: Vec<BTreeMap<&str, String>> = scans
        .iter()
        .map(|TargetScan { scan: s, .. }| {
            let mut m: BTreeMap<&str, String> = BTreeMap::new();
            for (f, l) in &s.code {
                let e = m.entry(f.as_str()).or_default();
                e.push_str(l);
                e.push(' ');
            }
            m
        })
        .collect();
    for n in NOT_EXPORTED {
        let decl = Regex::new(&format!(r"\b{n}\b\s*(\(|;|\[|__asm|__attribute__|__API_|__OSX_|__DARWIN_)")).unwrap();
        let mut removes = BTreeSet::new();
        for (TargetScan { target: t, exports, .. }, files) in scans.iter().zip(&joined) {
            let declared = files.iter().any(|(f, text)| bound(&c, n, f) && decl.is_match(text));
            if declared {
                if exports.contains(&format!("_{n}")) {
                    removes.insert(format!("{n} (exported by libSystem for {})", t.arch));
                } else {
                    removes.insert(n.to_string());
                }
            }
        }
        claims.push(Claim { list: "NOT_EXPORTED", pattern: n.to_string(), removes, claims: [n.to_string()].into() });
    }
    // LIBC_ORPHANS: nested types of a parent that LIBC_TYPES re-exports.
    for p in crate::config::LIBC_ORPHANS {
        let parent = p.split("__bindgen_ty_").next().unwrap_or("");
        let ok = crate::config::LIBC_TYPES.contains(&parent);
        claims.push(Claim {
            list: "LIBC_ORPHANS",
            pattern: p.to_string(),
            removes: [if ok { format!("nested types of {parent}") } else { format!("nested types of {parent}, which LIBC_TYPES does not re-export") }].into(),
            claims: [format!("nested types of {parent}")].into(),
        });
    }
    Ok(claims)
}

/// The rules of `table` (the typing table,
/// [`INT_RULES`](crate::config::INT_RULES)) that type none of `macros` (each
/// a bound object-like macro and its home, the header the generator's typing
/// keys it by): stale, or shadowed by an earlier rule that matches the same
/// macros (the first match wins).
pub fn unreached_int_rules(macros: &BTreeMap<&str, &str>, table: &[(&str, &str, &str)]) -> Vec<String> {
    use crate::config::{first_int_rule, int_rule_matches};
    let reached: BTreeSet<usize> = macros.iter().filter_map(|(n, home)| first_int_rule(table, home, n)).collect();
    let mut errors = Vec::new();
    for (_, rule @ (file, pat, ty)) in table.iter().enumerate().filter(|(i, _)| !reached.contains(i)) {
        let named = format!("INT_RULES (\"{file}\", \"{pat}\", \"{ty}\") types no macro on any target");
        errors.push(match macros.iter().find(|(n, home)| int_rule_matches(rule, home, n)) {
            Some((n, home)) => {
                let (f, p, t) = first_int_rule(table, home, n).map(|w| table[w]).unwrap_or_default();
                format!("{named}: it is shadowed, e.g. {n} ({home}) is typed first by (\"{f}\", \"{p}\", \"{t}\")")
            }
            None => format!("{named}: no bound macro it matches is first defined by that header (stale, or the macro's home is another header)"),
        });
    }
    errors
}

/// The bound object-like macros of `scans`, each with the header the
/// generator's typing rules key it by.
fn typed_macros<'a>(scans: &'a [TargetScan], rules: &'a crate::config::Callbacks) -> BTreeMap<&'a str, &'a str> {
    let c = crate::postprocess::Classifier::new();
    scans
        .iter()
        .flat_map(|TargetScan { scan: s, .. }| s.defines.values())
        .filter(|d| d.params.is_none() && bound(&c, &d.name, &d.file))
        .map(|d| (d.name.as_str(), rules.home(&d.name)))
        .collect()
}

/// Scans and exports for every target.
fn scans(root: &Path, s: &crate::util::sdk::StandIn, cc: &crate::verify::CCompiler) -> Result<Vec<TargetScan>, String> {
    let tbd = std::fs::read_to_string(s.sdk().libsystem_tbd()).map_err(|e| format!("libSystem.tbd: {e}"))?;
    let mut out = Vec::new();
    for t in TARGETS {
        let exports = crate::tbd::exports(&tbd, t.tbd_archs).into_iter().map(|e| e.to_string()).collect();
        out.push(TargetScan { target: t, scan: scan(root, cc, t)?, exports });
    }
    Ok(out)
}

/// `cargo xtask test` step: each skip pattern removes only what it claims.
pub fn check_skips(root: &Path, s: &crate::util::sdk::StandIn) -> Result<String, String> {
    let cc = crate::verify::CCompiler::Zig { pythonpath: s.zig.clone() };
    let scans = scans(root, s, &cc)?;
    let claims = skip_claims(&scans)?;
    let mut errors: Vec<String> = claims.iter().flat_map(Claim::errors).collect();
    let rules = crate::config::Callbacks::new(&s.sdk(), root);
    errors.extend(unreached_int_rules(&typed_macros(&scans, &rules), crate::config::INT_RULES));
    if errors.is_empty() {
        let n: usize = claims.iter().map(|c| c.removes.len()).sum();
        let n_rules = crate::config::INT_RULES.len();
        Ok(format!("{} patterns, {n} removals, each claimed; all {n_rules} INT_RULES type some macro", claims.len()))
    } else {
        Err(errors.join("\n"))
    }
}

/// `cargo xtask test` step: every macro of the bound headers is accounted for.
pub fn check_inventory(root: &Path, s: &crate::util::sdk::StandIn) -> Result<String, String> {
    let cc = crate::verify::CCompiler::Zig { pythonpath: s.zig.clone() };
    let invs = inventory(root, &cc, &TARGETS.iter().collect::<Vec<_>>())?;
    let mut errors = Vec::new();
    for i in &invs {
        errors.extend(i.missing.iter().map(|m| format!("{}: {m}", i.target)));
        errors.extend(i.unused_reasons.iter().map(|p| format!("codegen/macros.rs NO_EQUIVALENT `{p}` matches no macro on any target (stale)")));
    }
    if errors.is_empty() { Ok(invs.iter().map(summary).collect::<Vec<_>>().join("; ")) } else { Err(errors.join("\n")) }
}

fn summary(i: &Inventory) -> String {
    format!(
        "{}: {} function-like ({} equivalents, {} reasoned), {} object-like ({} bound, {} equivalents, {} reasoned)",
        i.target, i.function_like, i.equivalents_fn, i.reasoned_fn, i.object_like, i.generated, i.equivalents_obj, i.reasoned_obj
    )
}

/// `cargo xtask macros`: the inventory and the skip claims, printed.
pub fn run(root: &Path) -> Result<(), String> {
    let s = crate::util::sdk::provision(root)?;
    let inv = check_inventory(root, &s);
    let skips = check_skips(root, &s);
    for (what, r) in [("macro inventory", &inv), ("skip claims", &skips)] {
        match r {
            Ok(note) => println!("{what}: ok: {note}"),
            Err(e) => println!("{what}: FAILED:\n{e}"),
        }
    }
    if inv.is_err() || skips.is_err() { Err("macro checks failed".into()) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# 1 \"/sdk/mach/port.h\"\n#define MPO_PORT MPO_PORT\n#define MPO_QLIMIT 0x02\n\
        #define MACH_PORT_INDEX(name) ((name) >> 8)\n#define GONE 1\n#undef GONE\n\
        # 3 \"/sdk/stdio.h\"\n#define EOF (-1)\nint printf(const char *, ...);\n";

    #[test]
    fn parse_reads_defines_with_their_header() {
        let s = parse(SAMPLE);
        assert_eq!(s.defines["MPO_QLIMIT"].file, "/sdk/mach/port.h");
        assert_eq!(s.defines["MPO_QLIMIT"].body, "0x02");
        assert_eq!(s.defines["MACH_PORT_INDEX"].params.as_deref(), Some("(name)"));
        assert!(s.defines["GONE"].undefined, "#undef marks, as bindgen still sees the definition");
        assert_eq!(s.code, vec![("/sdk/stdio.h".to_string(), "int printf(const char *, ...);".to_string())]);
        let bound: Vec<&str> = bound_defines(&s).iter().map(|d| d.name.as_str()).collect();
        assert!(bound.contains(&"MPO_QLIMIT") && !bound.contains(&"EOF"), "{bound:?}");
    }

    #[test]
    fn a_shadowed_or_stale_typing_rule_is_named() {
        let macros: BTreeMap<&str, &str> = [("N_EXT", "mach-o/nlist.h"), ("MH_MAGIC", "mach-o/loader.h")].into();
        // The defect the check was written for: a catch-all before the
        // narrower rule leaves the narrower one typing nothing.
        let shadowed = [("mach-o/", "*", "u32"), ("mach-o/nlist.h", "N_*", "u8")];
        let e = unreached_int_rules(&macros, &shadowed);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].contains(r#"("mach-o/nlist.h", "N_*", "u8")"#) && e[0].contains("shadowed, e.g. N_EXT"), "{e:?}");
        assert!(e[0].contains(r#"typed first by ("mach-o/", "*", "u32")"#), "{e:?}");
        // In the right order both rules type something.
        let ordered = [("mach-o/nlist.h", "N_*", "u8"), ("mach-o/", "*", "u32")];
        assert!(unreached_int_rules(&macros, &ordered).is_empty());
        // A rule for a header no macro lives in is stale.
        let stale = [("mach-o/", "*", "u32"), ("mach/i386/boolean.h", "TRUE", "boolean_t")];
        let e = unreached_int_rules(&macros, &stale);
        assert!(e.len() == 1 && e[0].contains("stale"), "{e:?}");
    }

    #[test]
    fn a_pattern_that_removes_more_than_it_claims_fails() {
        let c = Claim {
            list: "SKIP_MACROS",
            pattern: "MPO_*".into(),
            removes: ["MPO_PORT".to_string(), "MPO_QLIMIT".to_string()].into(),
            claims: ["MPO_PORT".to_string()].into(),
        };
        let e = c.errors();
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("removes more than it claims") && e[0].contains("MPO_QLIMIT"), "{e:?}");
        // The real MPO entries are literal names that claim themselves.
        let s = parse(SAMPLE);
        let removed: Vec<&str> = s.defines.keys().filter(|n| SKIP_MACROS.iter().any(|p| glob(p, n))).map(String::as_str).collect();
        assert_eq!(removed, vec!["MPO_PORT"]);
        // A macro a later header #undefs is still removed (bindgen reads it).
        let t = parse("# 1 \"/sdk/mach/boolean.h\"\n#define TRUE 1\n# 9 \"/sdk/mach-o/dyld.h\"\n#undef TRUE\n");
        assert!(t.defines.contains_key("TRUE"));
    }

    #[test]
    fn a_macro_with_neither_equivalent_nor_reason_has_no_reason() {
        let d = Define {
            name: "MACH_PORT_INDEX".into(),
            file: "/sdk/mach/port.h".into(),
            params: Some("(name)".into()),
            body: "((name) >> 8)".into(),
            undefined: false,
        };
        assert!(reason(&d).is_none());
        let empty = Define { name: "_MACH_PORT_H_".into(), file: "/sdk/mach/port.h".into(), params: None, body: String::new(), undefined: false };
        assert!(reason(&empty).is_some());
        // A body rule never excuses a function-like macro.
        let f = Define { params: Some("()".into()), ..empty };
        assert!(reason(&f).is_none() || NO_EQUIVALENT.iter().any(|(p, _)| glob(p, &f.name)));
    }
}
